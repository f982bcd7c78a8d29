//! The handlebars engine: the embedded templates, the user's replacements for them, strict
//! rendering without HTML escaping, and errors that name the template and the position. It knows
//! nothing about plans; view-models arrive already built.

use std::collections::BTreeMap;
use std::fmt;

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, JsonTruthy, Output, RenderContext,
    RenderErrorReason, Renderable,
};
use serde::Serialize;

/// The templates compiled into the binary, by file name (in byte order). Users replace any of them
/// with `--templates DIR`, whose files carry the same names.
pub(crate) const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        ARCHITECTURE,
        include_str!("../../../templates/ARCHITECTURE.md.hbs"),
    ),
    (
        APP_CONFIG,
        include_str!("../../../templates/config.yaml.hbs"),
    ),
    (
        DEPLOY_SERVICE,
        include_str!("../../../templates/deploy-blue-green.sh.hbs"),
    ),
    (DEPLOY, include_str!("../../../templates/deploy.sh.hbs")),
    (
        PROMOTE_REPLICA,
        include_str!("../../../templates/promote-replica.md.hbs"),
    ),
    (ROLLBACK, include_str!("../../../templates/rollback.sh.hbs")),
    (
        TEST_FAILOVER,
        include_str!("../../../templates/test-failover.sh.hbs"),
    ),
];

/// `runbooks/ARCHITECTURE.md`.
pub(crate) const ARCHITECTURE: &str = "ARCHITECTURE.md.hbs";
/// `runbooks/deploy.sh`.
pub(crate) const DEPLOY: &str = "deploy.sh.hbs";
/// `runbooks/config/<region>.yaml`, one per region with a service, when the stack has a
/// database or a cache.
pub(crate) const APP_CONFIG: &str = "config.yaml.hbs";
/// `runbooks/deploy-blue-green-<region>.sh`, one per region with a service.
pub(crate) const DEPLOY_SERVICE: &str = "deploy-blue-green.sh.hbs";
/// `runbooks/promote-replica-<region>.md`, one per region with a read replica.
pub(crate) const PROMOTE_REPLICA: &str = "promote-replica.md.hbs";
/// `runbooks/rollback-<region>.sh`, one per region with a service.
pub(crate) const ROLLBACK: &str = "rollback.sh.hbs";
/// `runbooks/test-failover.sh`.
pub(crate) const TEST_FAILOVER: &str = "test-failover.sh.hbs";

/// Why rendering failed. Nothing is produced when any template fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The user supplied templates whose names match no built-in template.
    UnknownTemplates {
        /// The unknown names, sorted.
        names: Vec<String>,
        /// The names that can be replaced.
        known: Vec<String>,
    },
    /// A template does not parse.
    Syntax {
        /// Template file name, e.g. `deploy.sh.hbs`.
        template: String,
        /// Whether it was the user's copy rather than the built-in one.
        user_copy: bool,
        /// 1-based line, when handlebars reports one.
        line: Option<usize>,
        /// 1-based column, when handlebars reports one.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A template parsed but failed while rendering one output (strict mode: a field the
    /// view-model does not have is an error).
    Render {
        /// Template file name.
        template: String,
        /// Whether it was the user's copy.
        user_copy: bool,
        /// The output being rendered, e.g. `runbooks/rollback-eu-west-1.sh`.
        output: String,
        /// 1-based line, when handlebars reports one.
        line: Option<usize>,
        /// 1-based column, when handlebars reports one.
        column: Option<usize>,
        /// What is wrong.
        message: String,
    },
}

impl RenderError {
    /// The template the error is about, when it is about one.
    pub fn template(&self) -> Option<&str> {
        match self {
            Self::UnknownTemplates { .. } => None,
            Self::Syntax { template, .. } | Self::Render { template, .. } => Some(template),
        }
    }

    /// The 1-based line of the error in its template, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::UnknownTemplates { .. } => None,
            Self::Syntax { line, .. } | Self::Render { line, .. } => *line,
        }
    }
}

fn describe_origin(template: &str, user_copy: bool) -> String {
    if user_copy {
        format!("template `{template}` (your copy)")
    } else {
        format!("built-in template `{template}`")
    }
}

fn describe_position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!(" at line {line}, column {column}"),
        (Some(line), None) => format!(" at line {line}"),
        _ => String::new(),
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownTemplates { names, known } => write!(
                f,
                "unknown template{} {}; the templates that can be replaced are {}",
                if names.len() == 1 { "" } else { "s" },
                names
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                known.join(", ")
            ),
            Self::Syntax {
                template,
                user_copy,
                line,
                column,
                message,
            } => write!(
                f,
                "{} does not parse{}: {message}",
                describe_origin(template, *user_copy),
                describe_position(*line, *column)
            ),
            Self::Render {
                template,
                user_copy,
                output,
                line,
                column,
                message,
            } => {
                let failure = format!(
                    "{} failed to render `{output}`{}: {message}",
                    describe_origin(template, *user_copy),
                    describe_position(*line, *column)
                );
                if *user_copy {
                    f.write_str(&failure)
                } else {
                    // A built-in template that fails is Meridian's bug, not the user's.
                    f.write_str(&meridian_plan::bug_message(&failure))
                }
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// The registry with every template parsed: the built-in ones, or the user's copy where one was
/// given. Without copies it borrows the process's built-in registry instead of cloning it.
#[derive(Debug)]
pub(crate) struct Engine {
    registry: std::borrow::Cow<'static, Handlebars<'static>>,
    user_copies: Vec<String>,
}

/// A registry configured for Meridian's templates, holding none yet.
fn empty_registry() -> Handlebars<'static> {
    let mut registry = Handlebars::new();
    registry.set_strict_mode(true);
    // These are shell scripts and Markdown: HTML escaping would corrupt `&&`, `<`, quotes.
    // Values are quoted for the shell by the view-model builders instead.
    registry.register_escape_fn(handlebars::no_escape);
    // The built-in `if` treats a missing field as false even in strict mode; these do not.
    registry.register_helper("if", Box::new(StrictIf { positive: true }));
    registry.register_helper("unless", Box::new(StrictIf { positive: false }));
    registry
}

/// How deep blocks (`{{#if}}`, `{{#each}}`, `{{else if}}` chains) and subexpressions may nest in
/// a template. Handlebars parses and renders nesting recursively, so a template with thousands
/// of levels would overflow the stack; the built-in templates nest three or four.
pub const MAX_TEMPLATE_NESTING: usize = 64;

/// The first place where `source` nests blocks or subexpressions deeper than
/// [`MAX_TEMPLATE_NESTING`]: (line, column, what).
fn excessive_nesting(source: &str) -> Option<(usize, usize, &'static str)> {
    let mut blocks = 0usize;
    let mut rest = source;
    let mut offset = 0usize;
    while let Some(start) = rest.find("{{") {
        let tag_start = offset + start;
        let after = &rest[start + 2..];
        let end = after.find("}}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches(['{', '~']).trim_start();
        let at = || {
            let before = &source[..tag_start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column)
        };
        if tag.starts_with('#') || tag.starts_with("else if") || tag.starts_with("else unless") {
            blocks += 1;
        } else if tag.starts_with('/') {
            blocks = blocks.saturating_sub(1);
        }
        if blocks > MAX_TEMPLATE_NESTING {
            let (line, column) = at();
            return Some((line, column, "blocks"));
        }
        let mut parentheses = 0usize;
        for character in after[..end].chars() {
            match character {
                '(' => parentheses += 1,
                ')' => parentheses = parentheses.saturating_sub(1),
                _ => {}
            }
            if parentheses > MAX_TEMPLATE_NESTING {
                let (line, column) = at();
                return Some((line, column, "subexpressions"));
            }
        }
        let consumed = start + 2 + end;
        offset += consumed;
        rest = &rest[consumed..];
    }
    None
}

/// Compiles `source` as the template `name` into `registry`.
fn register(
    registry: &mut Handlebars<'static>,
    name: &str,
    source: &str,
    user_copy: bool,
) -> Result<(), RenderError> {
    if let Some((line, column, what)) = excessive_nesting(source) {
        return Err(RenderError::Syntax {
            template: name.to_owned(),
            user_copy,
            line: Some(line),
            column: Some(column),
            message: format!(
                "{what} nest more than {MAX_TEMPLATE_NESTING} levels deep here; Meridian refuses deeper nesting"
            ),
        });
    }
    registry
        .register_template_string(name, source)
        .map_err(|error| {
            let (line, column) = error.pos().unzip();
            RenderError::Syntax {
                template: name.to_owned(),
                user_copy,
                line,
                column,
                message: error.reason().to_string(),
            }
        })
}

/// The registry with every built-in template, rebuilt from its precompiled form (see
/// [`crate::precompiled`]) on first use, once per process.
pub(crate) fn builtin_registry() -> Result<&'static Handlebars<'static>, RenderError> {
    static BUILTIN: std::sync::OnceLock<Result<Handlebars<'static>, RenderError>> =
        std::sync::OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            let mut registry = empty_registry();
            for (name, _) in BUILTIN_TEMPLATES {
                let template = crate::precompiled::template(name)
                    .unwrap_or_else(|| Err("it is not precompiled".to_owned()))
                    .map_err(|message| RenderError::Syntax {
                        template: (*name).to_owned(),
                        user_copy: false,
                        line: None,
                        column: None,
                        message: format!(
                            "{message} (run `cargo run -p meridian-codegen`; this is a bug in meridian)"
                        ),
                    })?;
                registry.register_template(name, template);
            }
            Ok(registry)
        })
        .as_ref()
        .map_err(Clone::clone)
}

impl Engine {
    /// Parses every template, preferring `overrides` (file name → text). Unknown names and syntax
    /// errors fail before anything renders.
    pub(crate) fn new(overrides: &BTreeMap<String, String>) -> Result<Self, RenderError> {
        let known: Vec<String> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, _)| (*name).to_owned())
            .collect();
        let unknown: Vec<String> = overrides
            .keys()
            .filter(|name| !known.contains(name))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            return Err(RenderError::UnknownTemplates {
                names: unknown,
                known,
            });
        }

        // The built-ins are never parsed: handlebars' parser is quadratic in a template's length
        // (it recomputes line and column from the start for every element), which made compiling
        // them cost more than rendering every output of a stack. Only the user's copies parse.
        let mut registry = std::borrow::Cow::Borrowed(builtin_registry()?);
        let mut user_copies = Vec::new();
        for (name, source) in overrides {
            user_copies.push(name.clone());
            register(registry.to_mut(), name, source, true)?;
        }
        Ok(Self {
            registry,
            user_copies,
        })
    }

    /// Renders `template` with `view` into the output at `path`, ending it with exactly one
    /// newline.
    pub(crate) fn render(
        &self,
        template: &str,
        path: String,
        view: &impl Serialize,
    ) -> Result<meridian_plan::OutputFile, RenderError> {
        let user_copy = self.user_copies.iter().any(|name| name == template);
        let mut contents =
            self.registry
                .render(template, view)
                .map_err(|error| RenderError::Render {
                    template: template.to_owned(),
                    user_copy,
                    output: path.clone(),
                    line: error.line_no,
                    column: error.column_no,
                    message: describe_reason(error.reason()),
                })?;
        // Stack text (a description, a tag) may hold control characters or ESC sequences: they
        // are written escaped, so that `cat ARCHITECTURE.md` or a script's `--help` cannot
        // repaint the terminal that shows them.
        if let std::borrow::Cow::Owned(escaped) = meridian_plan::text::escape_control(&contents) {
            contents = escaped;
        }
        let trimmed = contents.trim_end_matches('\n').len();
        contents.truncate(trimmed);
        contents.push('\n');
        Ok(meridian_plan::OutputFile { path, contents })
    }
}

fn describe_reason(reason: &RenderErrorReason) -> String {
    match reason {
        RenderErrorReason::MissingVariable(Some(path)) => format!(
            "the view-model has no field `{path}` (templates render in strict mode: a field that does not exist is an error, not an empty string)"
        ),
        other => other.to_string(),
    }
}

/// `{{#if}}` and `{{#unless}}` that reject a missing field instead of treating it as false, so a
/// misspelt condition fails like a misspelt value does.
#[derive(Debug, Clone, Copy)]
struct StrictIf {
    positive: bool,
}

impl HelperDef for StrictIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        helper: &Helper<'rc>,
        registry: &'reg Handlebars<'reg>,
        context: &'rc Context,
        render_context: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let name = if self.positive { "if" } else { "unless" };
        let param = helper
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
        if param.is_value_missing() {
            return Err(RenderErrorReason::MissingVariable(param.relative_path().cloned()).into());
        }
        let truthy = param.value().is_truthy(false) == self.positive;
        let branch = if truthy {
            helper.template()
        } else {
            helper.inverse()
        };
        match branch {
            Some(template) => template.render(registry, context, render_context, out),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_with_its_line() {
        let deep = format!("a\n{}x{}", "{{#if a}}".repeat(5000), "{{/if}}".repeat(5000));
        assert_eq!(excessive_nesting(&deep), Some((2, 577, "blocks")));
        let chain = format!("{{{{#if a}}}}{}{{{{/if}}}}", "{{else if b}}".repeat(100));
        assert!(excessive_nesting(&chain).is_some());
        let parentheses = format!("{{{{x {}{}}}}}", "(a ".repeat(100), ")".repeat(100));
        assert_eq!(
            excessive_nesting(&parentheses).map(|(.., what)| what),
            Some("subexpressions")
        );
        for (name, source) in BUILTIN_TEMPLATES {
            assert_eq!(excessive_nesting(source), None, "{name}");
        }
    }
}
