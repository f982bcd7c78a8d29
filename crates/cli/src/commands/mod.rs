//! One function per subcommand; each returns the exit status.

mod diff;
mod findings;
mod init;
mod synth;

use crate::ValidateFormat;
use crate::console::{complain, say};
use crate::words::count;
pub(crate) use findings::FileResult;
use std::io::Read as _;
use std::path::Path;

use meridian_model::load::{MAX_STACK_FILE_BYTES, oversized_stack};

use crate::pipeline::{Checked, check_environments_then};
use crate::render::render_report;
use crate::summary::{render_overlay, render_plan};
use crate::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE};

pub use diff::diff;
pub use init::init;
pub use synth::synth;

/// A stack file as read: whole, or cut short one byte past the model's size limit.
enum StackBytes {
    Whole(Vec<u8>),
    /// The file's first [`MAX_STACK_FILE_BYTES`]` + 1` bytes, and its size when the file system
    /// knows it (a regular file; a pipe or a device such as `/dev/zero` has none).
    TooLarge {
        head: Vec<u8>,
        size: Option<u64>,
    },
}

/// Reads a stack file without ever holding more than [`MAX_STACK_FILE_BYTES`]` + 1` bytes of it,
/// so that a huge file, `/dev/zero` or an endless pipe is refused with E011 instead of filling
/// memory. Pipes and devices are read like files (`meridian validate <(...)` works); a directory
/// is an error.
fn read_stack_file(path: &Path) -> std::io::Result<StackBytes> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "it is a directory; give a stack file",
        ));
    }
    let limit = MAX_STACK_FILE_BYTES as u64 + 1;
    // A regular file's length is only a hint for the buffer: files under /proc report 0 and a
    // file can grow while it is read.
    let hint = if metadata.is_file() {
        metadata.len().min(limit)
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit).read_to_end(&mut bytes)?;
    if bytes.len() <= MAX_STACK_FILE_BYTES {
        return Ok(StackBytes::Whole(bytes));
    }
    let size = (metadata.is_file() && metadata.len() >= limit).then_some(metadata.len());
    Ok(StackBytes::TooLarge { head: bytes, size })
}

/// What reading and checking one stack file gave.
pub(crate) enum Outcome {
    /// It planned; warnings may remain (on the first). One per environment, or the one stack of
    /// a file without environments; never empty.
    Checked(Vec<Checked>),
    /// It has errors: every diagnostic, located, and the source when it could be read.
    Rejected {
        diagnostics: Vec<meridian_model::Diagnostic>,
        source: Option<meridian_model::SourceText>,
    },
    /// It cannot be read: why, already phrased for `meridian: ...`.
    Unreadable(String),
}

/// Reads and checks a stack file, printing nothing.
pub(crate) fn read_and_check(path: &Path, environment: Option<&str>) -> Outcome {
    read_and_check_then(path, environment, || {})
}

/// [`read_and_check`], calling `on_loaded` between loading and planning (see
/// [`crate::pipeline::check_environments_then`]).
fn read_and_check_then(
    path: &Path,
    environment: Option<&str>,
    on_loaded: impl FnOnce(),
) -> Outcome {
    let display = path.display().to_string();
    let bytes = match read_stack_file(path) {
        Ok(StackBytes::Whole(bytes)) => bytes,
        Ok(StackBytes::TooLarge { head, size }) => {
            let failure = oversized_stack(&display, &head, size);
            return Outcome::Rejected {
                diagnostics: failure.diagnostics,
                source: failure.source,
            };
        }
        Err(error) => {
            let mut message = format!("cannot read `{display}`: {error}");
            if !path.exists() && path == Path::new(crate::DEFAULT_STACK) {
                message
                    .push_str("\nmeridian: run it from the repository root, or pass a stack file");
            }
            return Outcome::Unreadable(message);
        }
    };
    match check_environments_then(&display, &bytes, environment, on_loaded) {
        Ok(checked) => Outcome::Checked(checked),
        Err(rejected) => Outcome::Rejected {
            diagnostics: rejected.diagnostics,
            source: rejected.source,
        },
    }
}

/// Reads and checks a stack file, printing its report; `Err(status)` when it cannot go on. One
/// [`Checked`] per environment (only `environment`'s when given), or the one stack of a file
/// without environments.
pub(crate) fn load_and_check(path: &Path, environment: Option<&str>) -> Result<Vec<Checked>, u8> {
    load_and_check_then(path, environment, || {})
}

/// [`load_and_check`], calling `on_loaded` between loading and planning (see
/// [`crate::pipeline::check_environments_then`]).
pub(crate) fn load_and_check_then(
    path: &Path,
    environment: Option<&str>,
    on_loaded: impl FnOnce(),
) -> Result<Vec<Checked>, u8> {
    let display = path.display().to_string();
    match read_and_check_then(path, environment, on_loaded) {
        Outcome::Checked(checked) => {
            let warnings = &checked[0].warnings;
            if !warnings.is_empty() {
                crate::console::report(&render_report(
                    &display,
                    Some(&checked[0].loaded.source),
                    warnings,
                ));
            }
            Ok(checked)
        }
        Outcome::Rejected {
            diagnostics,
            source,
        } => {
            crate::console::report(&render_report(&display, source.as_ref(), &diagnostics));
            Err(EXIT_STACK_ERRORS)
        }
        Outcome::Unreadable(message) => {
            complain!("meridian: {message}");
            Err(EXIT_USAGE)
        }
    }
}

/// `meridian validate`: every file checked; a report per file in the chosen format. The status
/// is the worst of the files': 2 for a file that cannot be read, 1 for errors (or, with
/// `deny_warnings`, warnings), 0 otherwise.
pub fn validate(
    stacks: &[std::path::PathBuf],
    environment: Option<&str>,
    format: ValidateFormat,
    deny_warnings: bool,
) -> u8 {
    let mut status = EXIT_OK;
    let mut results = Vec::new();
    for path in stacks {
        let display = path.display().to_string();
        let outcome = read_and_check(path, environment);
        let file_status = match &outcome {
            Outcome::Checked(checked) if deny_warnings && !checked[0].warnings.is_empty() => {
                EXIT_STACK_ERRORS
            }
            Outcome::Checked(_) => EXIT_OK,
            Outcome::Rejected { .. } => EXIT_STACK_ERRORS,
            Outcome::Unreadable(_) => EXIT_USAGE,
        };
        status = status.max(file_status);
        if format == ValidateFormat::Text {
            validate_text(path, &display, &outcome, deny_warnings);
        }
        results.push(FileResult {
            file: display,
            outcome,
        });
    }
    match format {
        ValidateFormat::Text => {}
        ValidateFormat::Json => {
            crate::console::print(&findings::render_json(&results, deny_warnings))
        }
        ValidateFormat::Sarif => crate::console::print(&findings::render_sarif(&results)),
    }
    // The process ends here: freeing the plans one allocation at a time would only delay its
    // exit (as in `synth`).
    std::mem::forget(results);
    status
}

/// The human report of one file.
fn validate_text(path: &Path, display: &str, outcome: &Outcome, deny_warnings: bool) {
    match outcome {
        Outcome::Checked(environments) => {
            let warnings = &environments[0].warnings;
            if !warnings.is_empty() {
                let mut report =
                    render_report(display, Some(&environments[0].loaded.source), warnings);
                if deny_warnings {
                    report.push_str(&format!(
                        "{display}: warnings are errors here (--deny-warnings)\n"
                    ));
                }
                crate::console::report(&report);
            }
            if !deny_warnings || warnings.is_empty() {
                for checked in environments {
                    let environment = checked
                        .loaded
                        .stack
                        .environment
                        .as_ref()
                        .map(|name| format!(", environment {name}"))
                        .unwrap_or_default();
                    crate::console::status(&format!(
                        "ok: {}{environment} ({} in {}, {})\n",
                        path.display(),
                        count(
                            checked.plan.units.len(),
                            "CloudFormation stack",
                            "CloudFormation stacks"
                        ),
                        count(checked.plan.regions.len(), "region", "regions"),
                        count(warnings.len(), "warning", "warnings")
                    ));
                }
            }
        }
        Outcome::Rejected {
            diagnostics,
            source,
        } => crate::console::report(&render_report(display, source.as_ref(), diagnostics)),
        Outcome::Unreadable(message) => complain!("meridian: {message}"),
    }
}

/// `meridian plan`: the plan of each environment, after what its overlay changed.
pub fn plan(path: &Path, environment: Option<&str>) -> u8 {
    match load_and_check(path, environment) {
        Ok(environments) => {
            let display = path.display().to_string();
            for checked in &environments {
                if checked.loaded.stack.environment.is_some() {
                    crate::console::print(&render_overlay(&display, &checked.loaded));
                }
                crate::console::print(&render_plan(&checked.plan));
            }
            EXIT_OK
        }
        Err(code) => code,
    }
}

/// `meridian graph`: the topology of each environment.
pub fn graph(path: &Path, environment: Option<&str>, format: crate::GraphFormat) -> u8 {
    match load_and_check(path, environment) {
        Ok(environments) => {
            let format = match format {
                crate::GraphFormat::Mermaid => meridian_runbook::GraphFormat::Mermaid,
                crate::GraphFormat::Dot => meridian_runbook::GraphFormat::Dot,
            };
            // One document per run: a Mermaid or DOT reader takes one graph.
            let checked = match only_environment(path, &environments, "draw") {
                Ok(checked) => checked,
                Err(code) => return code,
            };
            crate::console::print(&meridian_runbook::graph(&checked.plan, format));
            EXIT_OK
        }
        Err(code) => code,
    }
}

/// The one environment a command that handles one (`graph`, `diff`) was given; for a file with
/// several and no `--env`, says which to choose and gives `Err` with the exit status. `verb` is
/// what the command does with it (`draw`, `compare`).
pub(crate) fn only_environment<'c>(
    path: &Path,
    environments: &'c [Checked],
    verb: &str,
) -> Result<&'c Checked, u8> {
    if let [checked] = environments {
        return Ok(checked);
    }
    let names: Vec<&str> = environments
        .iter()
        .filter_map(|checked| checked.loaded.stack.environment.as_deref())
        .collect();
    complain!(
        "meridian: `{}` declares the environments {}: choose the one to {verb} with `--env NAME`",
        path.display(),
        names.join(", ")
    );
    Err(EXIT_USAGE)
}

/// `meridian schema`.
pub fn schema() -> u8 {
    say!("{}", schema_text().trim_end());
    EXIT_OK
}

/// The JSON Schema of stack files, pretty-printed with a trailing newline.
pub fn schema_text() -> String {
    let schema = meridian_model::json_schema();
    let mut text = serde_json::to_string_pretty(&schema)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}
