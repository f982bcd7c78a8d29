//! One function per subcommand; each returns the exit status.

mod diff;
mod synth;

use crate::console::{complain, say};
use std::io::Read as _;
use std::path::Path;

use meridian_model::load::{MAX_STACK_FILE_BYTES, oversized_stack};

use crate::pipeline::{Checked, check};
use crate::render::render_report;
use crate::summary::render_plan;
use crate::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE};

pub use diff::diff;
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

/// Reads and checks a stack file, printing its report; `Err(status)` when it cannot go on.
pub(crate) fn load_and_check(path: &Path) -> Result<Checked, u8> {
    let display = path.display().to_string();
    let bytes = match read_stack_file(path) {
        Ok(StackBytes::Whole(bytes)) => bytes,
        Ok(StackBytes::TooLarge { head, size }) => {
            let failure = oversized_stack(&display, &head, size);
            crate::console::eprint(&render_report(
                &display,
                failure.source.as_ref(),
                &failure.diagnostics,
            ));
            return Err(EXIT_STACK_ERRORS);
        }
        Err(error) => {
            complain!("meridian: cannot read `{display}`: {error}");
            if !path.exists() && path == Path::new(crate::DEFAULT_STACK) {
                complain!("meridian: run it from the repository root, or pass a stack file");
            }
            return Err(EXIT_USAGE);
        }
    };
    match check(&display, &bytes) {
        Ok(checked) => {
            if !checked.warnings.is_empty() {
                crate::console::eprint(&render_report(
                    &display,
                    Some(&checked.loaded.source),
                    &checked.warnings,
                ));
            }
            Ok(checked)
        }
        Err(rejected) => {
            crate::console::eprint(&rejected.report(&display));
            Err(EXIT_STACK_ERRORS)
        }
    }
}

/// `meridian validate`.
pub fn validate(stacks: &[std::path::PathBuf]) -> u8 {
    let mut status = EXIT_OK;
    for path in stacks {
        match load_and_check(path) {
            Ok(checked) => {
                say!(
                    "ok: {} ({} CloudFormation stacks in {} regions, {} warning(s))",
                    path.display(),
                    checked.plan.units.len(),
                    checked.plan.regions.len(),
                    checked.warnings.len()
                );
            }
            Err(code) => status = status.max(code),
        }
    }
    status
}

/// `meridian plan`.
pub fn plan(path: &Path) -> u8 {
    match load_and_check(path) {
        Ok(checked) => {
            crate::console::print(&render_plan(&checked.plan));
            EXIT_OK
        }
        Err(code) => code,
    }
}

/// `meridian graph`.
pub fn graph(path: &Path, format: crate::GraphFormat) -> u8 {
    match load_and_check(path) {
        Ok(checked) => {
            let format = match format {
                crate::GraphFormat::Mermaid => meridian_runbook::GraphFormat::Mermaid,
                crate::GraphFormat::Dot => meridian_runbook::GraphFormat::Dot,
            };
            crate::console::print(&meridian_runbook::graph(&checked.plan, format));
            EXIT_OK
        }
        Err(code) => code,
    }
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
