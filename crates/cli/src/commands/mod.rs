//! One function per subcommand; each returns the exit status.

mod diff;
mod synth;

use std::path::Path;

use crate::pipeline::{Checked, check};
use crate::render::render_report;
use crate::summary::render_plan;
use crate::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE};

pub use diff::diff;
pub use synth::synth;

/// Reads and checks a stack file, printing its report; `Err(status)` when it cannot go on.
pub(crate) fn load_and_check(path: &Path) -> Result<Checked, u8> {
    let display = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("meridian: cannot read `{display}`: {error}");
            if !path.exists() && path == Path::new(crate::DEFAULT_STACK) {
                eprintln!("meridian: run it from the repository root, or pass a stack file");
            }
            return Err(EXIT_USAGE);
        }
    };
    match check(&display, &bytes) {
        Ok(checked) => {
            if !checked.warnings.is_empty() {
                eprint!(
                    "{}",
                    render_report(&display, Some(&checked.loaded.source), &checked.warnings)
                );
            }
            Ok(checked)
        }
        Err(rejected) => {
            eprint!("{}", rejected.report(&display));
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
                println!(
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
            print!("{}", render_plan(&checked.plan));
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
            print!("{}", meridian_runbook::graph(&checked.plan, format));
            EXIT_OK
        }
        Err(code) => code,
    }
}

/// `meridian schema`.
pub fn schema() -> u8 {
    println!("{}", schema_text().trim_end());
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
