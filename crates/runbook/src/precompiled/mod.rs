//! The built-in templates in the form handlebars compiles them to, generated when the templates
//! change (`templates.rs`, written by `crates/codegen/src/runbook.rs`) and turned back into
//! handlebars `Template` values here without parsing.
//!
//! Compiling is the expensive part of handlebars for Meridian: its parser recomputes the line and
//! column of every element from the start of the text, which made compiling the six built-in
//! templates cost more than rendering every runbook of a stack. The built-in templates are fixed
//! when Meridian is built, so only a user's `--templates` copies are still compiled. Rebuilt
//! templates carry no line/column table (handlebars offers no way to build one); a render error in
//! a built-in template is a bug in Meridian, reported without a position. The tests compare every
//! rebuilt template with handlebars' own compilation of the embedded text.

// Written one node per line by the generator, which rustfmt would reflow.
#[rustfmt::skip]
mod templates;

use handlebars::template::{
    ExpressionSpecBuilder, HelperTemplate, Parameter, Template, TemplateElement,
};
use handlebars::{Path, PathSeg};

/// One element of a compiled template.
#[derive(Debug)]
pub(crate) enum Node {
    /// Text written as is.
    Raw(&'static str),
    /// `{{path}}`.
    Value(&'static str),
    /// `{{#helper path...}}template{{else}}inverse{{/helper}}`.
    Block(&'static Block),
}

/// A block helper with path parameters.
#[derive(Debug)]
pub(crate) struct Block {
    pub(crate) helper: &'static str,
    pub(crate) parameters: &'static [&'static str],
    /// Whether handlebars re-indents the block's output (a block standing alone on its lines).
    pub(crate) indent_before_write: bool,
    pub(crate) template: Option<&'static [Node]>,
    pub(crate) inverse: Option<&'static [Node]>,
}

/// The compiled built-in template named `name` (a file name such as `deploy.sh.hbs`), or why it
/// could not be rebuilt (a bug in Meridian, caught by the tests).
pub(crate) fn template(name: &str) -> Option<Result<Template, String>> {
    templates::TEMPLATES
        .iter()
        .find(|(candidate, _)| *candidate == name)
        .map(|(name, nodes)| {
            let mut template = build(nodes)?;
            template.name = Some((*name).to_owned());
            Ok(template)
        })
}

/// The names of the precompiled templates, in file-name order.
#[cfg(test)]
pub(crate) fn names() -> impl Iterator<Item = &'static str> {
    templates::TEMPLATES.iter().map(|(name, _)| *name)
}

fn build(nodes: &[Node]) -> Result<Template, String> {
    let mut template = Template::new();
    template.elements = nodes.iter().map(element).collect::<Result<_, _>>()?;
    Ok(template)
}

fn element(node: &Node) -> Result<TemplateElement, String> {
    Ok(match node {
        Node::Raw(text) => TemplateElement::RawString((*text).to_owned()),
        Node::Value(path) => TemplateElement::Expression(Box::new(helper(
            Parameter::Path(path_of(path)?),
            Vec::new(),
            false,
            false,
        )?)),
        Node::Block(block) => {
            let parameters = block
                .parameters
                .iter()
                .map(|raw| path_of(raw).map(Parameter::Path))
                .collect::<Result<_, _>>()?;
            let mut helper = helper(
                Parameter::Name(block.helper.to_owned()),
                parameters,
                true,
                block.indent_before_write,
            )?;
            helper.template = block.template.map(build).transpose()?;
            helper.inverse = block.inverse.map(build).transpose()?;
            TemplateElement::HelperBlock(Box::new(helper))
        }
    })
}

fn helper(
    name: Parameter,
    params: Vec<Parameter>,
    block: bool,
    indent_before_write: bool,
) -> Result<HelperTemplate, String> {
    let specification = ExpressionSpecBuilder::default()
        .name(name)
        .params(params)
        .hash(Default::default())
        .omit_pre_ws(false)
        .omit_pro_ws(false)
        .build()
        .map_err(|error| error.to_string())?;
    Ok(HelperTemplate::new(
        specification,
        block,
        indent_before_write,
    ))
}

/// The path handlebars parses `raw` to. A plain dotted path of names (`dns.domain.raw`, almost
/// every path of the built-in templates) is built directly: handlebars' parser (a pest grammar)
/// cost five times more than everything else in rebuilding the templates. Anything else (`this`,
/// `../x`, `@first`, brackets) is left to the parser. The tests compare every rebuilt template
/// with handlebars' own compilation, and `plain_paths_are_what_handlebars_parses` this shortcut
/// with the parser.
fn path_of(raw: &str) -> Result<Path, String> {
    if let Some(segments) = plain_path(raw) {
        return Ok(Path::Relative((segments, raw.to_owned())));
    }
    Path::parse(raw).map_err(|error| format!("path `{raw}`: {error}"))
}

/// The segments of `raw` when it is names of ASCII letters, digits and `_` (not starting with
/// a digit) joined by `.`, none of them `this`.
fn plain_path(raw: &str) -> Option<Vec<PathSeg>> {
    raw.split('.')
        .map(|name| {
            let plain = name
                .bytes()
                .next()
                .is_some_and(|first| first.is_ascii_alphabetic() || first == b'_')
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
                && name != "this";
            plain.then(|| PathSeg::Named(name.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `template` without its line/column table, at every level.
    fn without_mapping(mut template: Template) -> Template {
        template.mapping.clear();
        for element in &mut template.elements {
            if let TemplateElement::HelperBlock(helper) | TemplateElement::Expression(helper) =
                element
            {
                helper.template = helper.template.take().map(without_mapping);
                helper.inverse = helper.inverse.take().map(without_mapping);
            }
        }
        template
    }

    #[test]
    fn every_builtin_template_is_what_handlebars_compiles() {
        let builtin: Vec<&str> = crate::builtin_templates().map(|(name, _)| name).collect();
        assert_eq!(names().collect::<Vec<_>>(), builtin);
        for (name, source) in crate::builtin_templates() {
            let compiled = Template::compile_with_name(source, name.to_owned())
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            let rebuilt = template(name)
                .unwrap_or_else(|| panic!("{name} is not precompiled"))
                .unwrap_or_else(|error| panic!("{name}: {error}"));
            assert!(
                rebuilt.elements.len() > 10,
                "{name} has its elements: {}",
                rebuilt.elements.len()
            );
            assert_eq!(rebuilt, without_mapping(compiled), "{name}");
        }
    }

    #[test]
    fn plain_paths_are_what_handlebars_parses() {
        // (path, whether it is built without the parser)
        let cases = [
            ("a", true),
            ("dns.domain.raw", true),
            ("_x.y_2", true),
            ("budget.rpo_seconds", true),
            ("A.B9", true),
            ("this", false),
            ("../unit_count", false),
            ("@first", false),
            ("a..b", false),
            ("", false),
            (".a", false),
            ("a.", false),
            ("9a", false),
            ("a-b", false),
            ("[a b]", false),
            ("a/b", false),
            ("this.a", false),
            ("é", false),
        ];
        for (raw, plain) in cases {
            assert_eq!(plain_path(raw).is_some(), plain, "{raw}");
            // Built or parsed, the path is the parser's wherever the parser takes it.
            if let Ok(parsed) = Path::parse(raw) {
                assert_eq!(path_of(raw), Ok(parsed), "{raw}");
            } else {
                assert!(!plain, "{raw} is plain but handlebars refuses it");
            }
        }
    }

    #[test]
    fn an_unknown_name_has_no_precompiled_template() {
        assert!(template("nope.hbs").is_none());
    }
}
