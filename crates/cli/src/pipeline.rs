//! The pipeline as the CLI and the tests run it: bytes → loaded stack → plan (with located
//! diagnostics) → emitted files. No file system access here: callers pass bytes in and get
//! files out.

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, LoadedStack, SourceText, load_stack};
use meridian_plan::{OutputFile, Plan};

use crate::Target;
use crate::render::render_report;

/// A stack that planned without errors.
#[derive(Debug)]
pub struct Checked {
    /// The loaded stack and its source.
    pub loaded: LoadedStack,
    /// The plan.
    pub plan: Plan,
    /// Warnings, located.
    pub warnings: Vec<Diagnostic>,
}

/// A stack with errors.
#[derive(Debug)]
pub struct Rejected {
    /// Every diagnostic, located.
    pub diagnostics: Vec<Diagnostic>,
    /// The source text, when it could be read.
    pub source: Option<SourceText>,
}

impl Rejected {
    /// The human report for `file`.
    pub fn report(&self, file: &str) -> String {
        render_report(file, self.source.as_ref(), &self.diagnostics)
    }
}

/// Loads and plans a stack file's bytes. `name` is how the file is shown in messages.
pub fn check(name: &str, bytes: &[u8]) -> Result<Checked, Rejected> {
    let loaded = load_stack(name, bytes).map_err(|failure| Rejected {
        diagnostics: failure.diagnostics,
        source: failure.source,
    })?;
    let planned = meridian_plan::plan(&loaded.stack);
    let mut diagnostics = planned.diagnostics;
    let plan = planned.plan.filter(|plan| {
        let problems = override_problems(plan);
        let fits = problems.is_empty();
        diagnostics.extend(problems);
        fits
    });
    loaded.locate(&mut diagnostics);
    match plan {
        Some(plan) => Ok(Checked {
            loaded,
            plan,
            warnings: diagnostics,
        }),
        None => Err(Rejected {
            diagnostics,
            source: Some(loaded.source),
        }),
    }
}

/// The stack's overrides held against the resources both emitters write before any override
/// (the rules are the plan's, `meridian_plan::overrides::check`; only the emitters know which
/// resource types they write). Empty when the stack has no override.
fn override_problems(plan: &Plan) -> Vec<Diagnostic> {
    if plan.overrides.is_empty() {
        return Vec::new();
    }
    let cloudformation = meridian_cfn::emitted_resources(plan);
    match meridian_tf::emitted_resources(plan) {
        Ok(terraform) => meridian_plan::overrides::check(plan, &cloudformation, &terraform),
        Err(error) => vec![Diagnostic::bug(error)],
    }
}

/// A plan as `meridian diff` compares it: the CloudFormation templates and manifest and the
/// Terraform module, synthesized in memory.
pub fn diff_synthesis(plan: &Plan) -> Result<meridian_cfn::diff::Synthesis, EmitError> {
    let mut files = meridian_cfn::synthesize(plan);
    files.extend(
        meridian_tf::try_synthesize(plan)
            .map_err(|error| EmitError::Internal(error.to_string()))?,
    );
    meridian_cfn::diff::Synthesis::from_files(
        files
            .iter()
            .map(|file| (file.path.as_str(), file.contents.as_str())),
    )
    .map_err(|error| EmitError::Internal(error.to_string()))
}

/// Why files could not be emitted.
#[derive(Debug)]
pub enum EmitError {
    /// A user's template does not render.
    Template(meridian_runbook::RenderError),
    /// An emitter refused the plan: a bug in Meridian, reported instead of a panic.
    Internal(String),
    /// CloudFormation templates beyond CloudFormation's quotas, found before anything is written.
    Quota(Vec<meridian_cfn::QuotaProblem>),
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Template(error) => write!(formatter, "{error}"),
            Self::Internal(error) => write!(formatter, "error[E900]: internal error: {error}"),
            Self::Quota(problems) => {
                for problem in problems {
                    writeln!(
                        formatter,
                        "error[{}]: {problem}",
                        meridian_model::codes::E905.id()
                    )?;
                }
                write!(
                    formatter,
                    "  = help: Meridian moves a region's services to further stacks when they do not fit in one \
                     (resources, outputs, parameters); what is left is the size of what each resource holds: \
                     shorten the largest values (environment variables, descriptions) of the stack named, \
                     and report the case, since the split should have kept the template within the quota"
                )
            }
        }
    }
}

impl std::error::Error for EmitError {}

/// Every file of the requested targets, sorted by path. `templates` holds the user's own copies
/// of runbook templates by file name; a template that fails to render is an error.
///
/// The targets are independent translations of one plan: with every target asked for, Terraform
/// (the largest) is emitted on a second thread while this one emits CloudFormation and then the
/// runbooks, so a two-core machine finishes in about the time of the longer half.
pub fn emit(
    plan: &Plan,
    target: Target,
    templates: &BTreeMap<String, String>,
) -> Result<Vec<OutputFile>, EmitError> {
    let cloudformation = || meridian_cfn::try_synthesize(plan).map_err(EmitError::Quota);
    let terraform = || {
        meridian_tf::try_synthesize(plan).map_err(|error| EmitError::Internal(error.to_string()))
    };
    let runbooks = || meridian_runbook::render(plan, templates).map_err(EmitError::Template);
    let mut files = match target {
        Target::Cloudformation => cloudformation()?,
        Target::Terraform => terraform()?,
        Target::Runbooks => runbooks()?,
        Target::All => {
            let (terraform, files, runbooks) = std::thread::scope(|scope| {
                let terraform = scope.spawn(terraform);
                let files = cloudformation();
                let runbooks = runbooks();
                let terraform = terraform
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (terraform, files, runbooks)
            });
            let mut files = files?;
            files.extend(terraform?);
            files.extend(runbooks?);
            files
        }
    };
    files.sort();
    Ok(files)
}
