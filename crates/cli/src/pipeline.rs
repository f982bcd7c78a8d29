//! The pipeline as the CLI and the tests run it: bytes → loaded stack → plan (with located
//! diagnostics) → emitted files. No file system access here: callers pass bytes in and get
//! files out.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use meridian_model::environments::ENVIRONMENTS_KEY;
use meridian_model::suggest::closest;
use meridian_model::threads::spawn_beside;
use meridian_model::{Diagnostic, LoadedStack, SourceText, StackPath, codes, load_environments};
use meridian_plan::{FileSink, OutputFile, Plan};
use meridian_runbook::Piece;

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

/// Loads and plans a stack file's bytes. `name` is how the file is shown in messages. A file
/// with environments is checked whole ([`check_environments`]) and gives its first environment.
pub fn check(name: &str, bytes: &[u8]) -> Result<Checked, Rejected> {
    check_environments(name, bytes, None).map(|mut environments| environments.swap_remove(0))
}

/// Loads and plans every environment of a stack file's bytes (the one stack of a file without
/// environments), and checks that no two environments share a physical name (E019). `only`
/// keeps one environment of the result (`--env`): every environment is still checked, so a
/// mistake in any overlay refuses the file; an environment the file does not declare is E018.
pub fn check_environments(
    name: &str,
    bytes: &[u8],
    only: Option<&str>,
) -> Result<Vec<Checked>, Rejected> {
    check_environments_then(name, bytes, only, || {})
}

/// [`check_environments`], calling `on_loaded` once the file has loaded and before any
/// environment is planned: where a caller starts work that needs no plan, so that it overlaps
/// planning without competing with loading (which reads the file on two threads).
pub fn check_environments_then(
    name: &str,
    bytes: &[u8],
    only: Option<&str>,
    on_loaded: impl FnOnce(),
) -> Result<Vec<Checked>, Rejected> {
    let loaded = load_environments(name, bytes).map_err(|failure| Rejected {
        diagnostics: failure.diagnostics,
        source: failure.source,
    })?;
    on_loaded();
    let source = loaded[0].source.clone();
    let reject = |diagnostics: Vec<Diagnostic>| Rejected {
        diagnostics,
        source: Some(source.clone()),
    };
    if let Some(only) = only {
        let declared: Vec<&str> = loaded
            .iter()
            .filter_map(|environment| environment.stack.environment.as_deref())
            .collect();
        if !declared.contains(&only) {
            let mut diagnostic = unknown_environment(only, &declared);
            loaded[0].locate(std::slice::from_mut(&mut diagnostic));
            return Err(reject(vec![diagnostic]));
        }
    }
    let mut checked = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    // Each finding's place in `diagnostics`, and the environments it was found in.
    let mut seen = std::collections::HashMap::new();
    let mut found_in: Vec<Vec<String>> = Vec::new();
    let environments = loaded.len();
    let mut failed = false;
    for environment in loaded {
        let name = environment.stack.environment.clone().unwrap_or_default();
        let planned = meridian_plan::plan(&environment.stack);
        let mut found = planned.diagnostics;
        let plan = planned.plan.filter(|plan| {
            let problems = override_problems(plan);
            let fits = problems.is_empty();
            found.extend(problems);
            fits
        });
        environment.locate(&mut found);
        // A mistake of the base is found once per environment: it is reported once.
        for diagnostic in found {
            let index = *seen.entry(diagnostic.identity()).or_insert_with(|| {
                diagnostics.push(diagnostic);
                found_in.push(Vec::new());
                diagnostics.len() - 1
            });
            found_in[index].push(name.clone());
        }
        match plan {
            Some(plan) => checked.push(Checked {
                loaded: environment,
                plan,
                warnings: Vec::new(),
            }),
            None => failed = true,
        }
    }
    // A finding of some environments only says which: the line it points at may be the base's.
    if environments > 1 {
        for (diagnostic, names) in diagnostics.iter_mut().zip(&found_in) {
            if names.len() < environments {
                let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
                let word = if names.len() == 1 {
                    "environment"
                } else {
                    "environments"
                };
                diagnostic.message = format!("{word} {}: {}", names.join(", "), diagnostic.message);
            }
        }
    }
    if !failed && checked.len() > 1 {
        diagnostics.extend(shared_names(&checked));
    }
    if failed || diagnostics.iter().any(Diagnostic::is_error) {
        return Err(reject(diagnostics));
    }
    if let Some(only) = only {
        checked.retain(|environment| environment.loaded.stack.environment.as_deref() == Some(only));
    }
    // Warnings are reported once, with the first environment kept.
    if let Some(first) = checked.first_mut() {
        first.warnings = diagnostics;
    }
    Ok(checked)
}

/// E018: `--env` names an environment the file does not declare.
fn unknown_environment(only: &str, declared: &[&str]) -> Diagnostic {
    let at = StackPath::root().key(ENVIRONMENTS_KEY);
    if declared.is_empty() {
        return Diagnostic::new(
            codes::E018,
            StackPath::root().key("stack"),
            format!("`--env {only}` names an environment, but this stack file declares no `environments`"),
        )
        .with_help("leave `--env` out, or declare the environment under `environments:` with what it changes");
    }
    let list = declared
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match closest(only, declared.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? the file declares {list}"),
        None => format!("the file declares {list}"),
    };
    Diagnostic::new(
        codes::E018,
        at,
        format!("`--env {only}` names an environment this stack file does not declare"),
    )
    .with_help(help)
}

/// E019: every physical name two environments share, found in their CloudFormation and
/// Terraform output.
fn shared_names(checked: &[Checked]) -> Vec<Diagnostic> {
    let syntheses: Vec<Option<meridian_cfn::diff::Synthesis>> = checked
        .iter()
        .map(|environment| diff_synthesis(&environment.plan).ok())
        .collect();
    let mut diagnostics = Vec::new();
    for (index, first) in checked.iter().enumerate() {
        for (offset, second) in checked.iter().enumerate().skip(index + 1) {
            let (Some(Some(one)), Some(Some(other))) =
                (syntheses.get(index), syntheses.get(offset))
            else {
                continue;
            };
            let name = |environment: &Checked| {
                environment
                    .loaded
                    .stack
                    .environment
                    .clone()
                    .unwrap_or_default()
            };
            let (first_name, second_name) = (name(first), name(second));
            let mut reported = std::collections::BTreeSet::new();
            for (mine, theirs) in meridian_cfn::diff::shared_physical_names(one, other) {
                // CloudFormation and Terraform give a resource the same name: once is enough.
                if !reported.insert(mine.name.clone()) {
                    continue;
                }
                let mut diagnostic = Diagnostic::new(
                    codes::E019,
                    StackPath::root().key(ENVIRONMENTS_KEY).key(&second_name),
                    format!(
                        "environments `{first_name}` and `{second_name}` both name a resource `{}` ({} and {}): they cannot share an account",
                        mine.name, mine.resource, theirs.resource
                    ),
                )
                .with_help(format!("a name Meridian derives carries the environment; this one is set in the stack file: give it another value in the overlay of `{second_name}` (or of `{first_name}`), or leave it out so that Meridian derives it"));
                second.loaded.locate(std::slice::from_mut(&mut diagnostic));
                diagnostics.push(diagnostic);
            }
        }
    }
    diagnostics
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
                    writeln!(formatter, "error[{}]: {problem}", codes::E905.id())?;
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
pub fn emit(
    plan: &Plan,
    target: Target,
    templates: &BTreeMap<String, String>,
) -> Result<Vec<OutputFile>, EmitError> {
    let collected = Collected::default();
    emit_into(plan, target, templates, &collected)?;
    let mut files = collected.into_files();
    files.sort();
    Ok(files)
}

/// A [`FileSink`] that keeps every file, its parts put together.
#[derive(Debug, Default)]
pub struct Collected {
    files: std::sync::Mutex<Vec<OutputFile>>,
}

impl Collected {
    /// How many files were handed in.
    pub fn count(&self) -> usize {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }

    /// Every file handed in, in the order they came.
    pub fn into_files(self) -> Vec<OutputFile> {
        self.files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl FileSink for Collected {
    fn file(&self, file: OutputFile) {
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(file);
    }

    fn part(&self, path: &str, bytes: &[u8], first: bool) {
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let text = String::from_utf8_lossy(bytes);
        match files.iter_mut().rev().find(|file| file.path == path) {
            Some(file) if !first => file.contents.push_str(&text),
            _ => files.push(OutputFile {
                path: path.to_owned(),
                contents: text.into_owned(),
            }),
        }
    }
}

/// [`emit`], handing each file to `sink` as soon as it is finished, from whichever thread
/// finished it and in no particular order, so that a caller writing files need not hold them
/// all (`synth` writes each into the staging directory and drops it). On an error, some files
/// may have been handed out already: the caller discards them.
///
/// The targets are independent translations of one plan: with every target asked for, Terraform
/// is emitted on a second thread while this one lowers CloudFormation's units; each thread then
/// takes the other's remaining pieces (units, then runbook files), so a two-core machine
/// finishes in about half the time of the whole.
pub fn emit_into(
    plan: &Plan,
    target: Target,
    templates: &BTreeMap<String, String>,
    sink: &dyn FileSink,
) -> Result<(), EmitError> {
    let lowering = meridian_cfn::Lowering::new(plan);
    // CloudFormation's units until none is left, each unit's template handed out as soon as
    // its piece is lowered; the pieces keep what `Lowering::finish` needs.
    let lowered = || {
        let mut scratch = Vec::new();
        std::iter::from_fn(|| lowering.next_piece(&mut scratch))
            .map(|mut piece| {
                piece
                    .take_files()
                    .into_iter()
                    .for_each(|file| sink.file(file));
                piece
            })
            .collect::<Vec<_>>()
    };
    let terraform = || {
        meridian_tf::try_synthesize_into(plan, sink)
            .map_err(|error| EmitError::Internal(error.to_string()))
    };
    match target {
        Target::Cloudformation => {
            let pieces = lowered();
            finish_lowering(lowering, pieces, sink)
        }
        Target::Terraform => terraform(),
        Target::Runbooks => meridian_runbook::render(plan, templates)
            .map(|files| files.into_iter().for_each(|file| sink.file(file)))
            .map_err(EmitError::Template),
        Target::All => {
            // Terraform on a second thread, CloudFormation on this one; each thread then takes
            // what is left of the other's pieces (CloudFormation's units, the runbooks' files)
            // until none is left, so that neither waits while the other still has work.
            let prepared = meridian_runbook::Runbooks::new(plan, templates);
            let next = AtomicUsize::new(0);
            // Rendered files are handed out at once; failures are kept with the piece's
            // position, to report the one a single thread would meet first.
            let pieces = || {
                let mut failed = Vec::new();
                if let Ok(runbooks) = &prepared {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(piece) = Piece::ALL.get(index) else {
                            break;
                        };
                        match runbooks.render(*piece) {
                            Ok(files) => files.into_iter().for_each(|file| sink.file(file)),
                            Err(error) => failed.push((index, error)),
                        }
                    }
                }
                failed
            };
            let (terraform, lowered_pieces, mut failed) = std::thread::scope(|scope| {
                // A system that cannot start a thread gets everything done on this one.
                let second = spawn_beside(scope, || (terraform(), lowered(), pieces())).ok();
                let mut lowered_pieces = lowered();
                let mut failed = pieces();
                let (terraform, there) = match second {
                    Some(second) => {
                        let (terraform, lowered_there, there) = joined(second);
                        lowered_pieces.extend(lowered_there);
                        (terraform, there)
                    }
                    None => (terraform(), Vec::new()),
                };
                failed.extend(there);
                (terraform, lowered_pieces, failed)
            });
            // Finished here: whichever thread lowered a unit, the quota problems are those of
            // one thread lowering every unit in deploy order.
            finish_lowering(lowering, lowered_pieces, sink)?;
            terraform?;
            prepared.map_err(EmitError::Template)?;
            // The first failure in the order a single thread meets them.
            failed.sort_by_key(|(index, _)| *index);
            match failed.into_iter().next() {
                Some((_, error)) => Err(EmitError::Template(error)),
                None => Ok(()),
            }
        }
    }
}

/// The manifest (and any template still held) of a finished CloudFormation lowering, to `sink`.
fn finish_lowering(
    lowering: meridian_cfn::Lowering<'_>,
    pieces: Vec<meridian_cfn::LoweredPiece<'_>>,
    sink: &dyn FileSink,
) -> Result<(), EmitError> {
    let files = lowering.finish(pieces).map_err(EmitError::Quota)?;
    files.into_iter().for_each(|file| sink.file(file));
    Ok(())
}

/// What a scoped thread returned; its panic, raised again here.
pub(crate) fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
