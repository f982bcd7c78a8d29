//! `meridian diff BEFORE AFTER`: reads each side (a stack file, synthesized in memory, or an
//! output directory read from disk), compares their CloudFormation templates and Terraform
//! modules with `meridian_cfn::diff` and prints the change summary. A diff is information: the
//! exit status is 0 whenever both sides load, unless `--fail-on` names a kind of change the diff
//! holds (then 1, as for a stack file with errors); 2 on usage or I/O errors.

use crate::console::complain;
use std::path::Path;

use meridian_cfn::diff::Synthesis;

use super::load_and_check;
use crate::changes::{render_json, render_markdown, render_text};
use crate::output::{DirectoryLock, list_output, owned};
use crate::pipeline::diff_synthesis;
use crate::{DiffFormat, EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE, FailOn, Target};

/// Whether the diff holds a change of `kind`.
pub fn holds(result: &meridian_cfn::diff::SynthesisDiff, kind: FailOn) -> bool {
    let summary = result.summary();
    let replacement = summary.replacements > 0 || result.terraform.replacements() > 0;
    match kind {
        FailOn::Replacement => replacement,
        FailOn::Interruption => replacement || summary.interruptions > 0,
        FailOn::Security => summary.security_findings > 0,
    }
}

/// `meridian diff`.
pub fn diff(
    before: &Path,
    after: &Path,
    environment: Option<&str>,
    format: DiffFormat,
    fail_on: &[FailOn],
) -> u8 {
    let old = match read_side(before, environment) {
        Ok(side) => side,
        Err(code) => return code,
    };
    let new = match read_side(after, environment) {
        Ok(side) => side,
        Err(code) => return code,
    };
    let result = meridian_cfn::diff::diff(&old, &new);
    let (before, after) = (before.display().to_string(), after.display().to_string());
    let text = match format {
        DiffFormat::Text => render_text(&before, &after, &result),
        DiffFormat::Markdown => render_markdown(&before, &after, &result),
        DiffFormat::Json => render_json(&before, &after, &result),
    };
    crate::console::print(&text);
    let failing: Vec<&str> = fail_on
        .iter()
        .filter(|kind| holds(&result, **kind))
        .map(|kind| match kind {
            FailOn::Replacement => "replacement",
            FailOn::Interruption => "interruption",
            FailOn::Security => "security",
        })
        .collect();
    if failing.is_empty() {
        EXIT_OK
    } else {
        complain!(
            "meridian: the change holds what --fail-on refuses: {}",
            failing.join(", ")
        );
        EXIT_STACK_ERRORS
    }
}

/// One side of the comparison: a directory is an output directory (`out/<stack>`), anything
/// else a stack file. `Err` holds the exit status, after the reason was printed.
/// A stack file with environments is compared one environment at a time: `environment` says
/// which.
pub(crate) fn read_side(path: &Path, environment: Option<&str>) -> Result<Synthesis, u8> {
    if path.is_dir() {
        return read_output_directory(path);
    }
    if !path.exists() {
        complain!(
            "meridian: `{}` does not exist; give a stack file or an output directory such as out/<stack>",
            path.display()
        );
        return Err(EXIT_USAGE);
    }
    let environments = load_and_check(path, environment)?;
    let checked = super::only_environment(path, &environments, "compare")?;
    diff_synthesis(&checked.plan).map_err(|error| {
        complain!("meridian: {error}");
        EXIT_USAGE
    })
}

fn read_output_directory(path: &Path) -> Result<Synthesis, u8> {
    // Only the manifest, the templates and the Terraform module's `*.tf.json` files are read,
    // never through a link, never from a device or FIFO, and each file only up to a size limit;
    // the rest of the directory (runbooks, `terraform/.terraform` and its state, the user's own
    // files) is neither entered nor loaded. A shared lock keeps a concurrent synth from changing it half-way through.
    let _lock = match DirectoryLock::acquire(path, false, || {
        complain!(
            "meridian: waiting for another meridian process writing `{}` to finish",
            path.display()
        );
    }) {
        Ok(lock) => lock,
        Err(error) => {
            complain!("meridian: cannot lock `{}`: {error}", path.display());
            return Err(EXIT_USAGE);
        }
    };
    let listing = match list_output(
        path,
        |name| owned(name, Target::Cloudformation) || is_module_file(name),
        |directory| {
            directory == meridian_cfn::TEMPLATE_FOLDER || directory == meridian_tf::OUTPUT_DIRECTORY
        },
        |_| false,
    ) {
        Ok(listing) => listing,
        Err(error) => {
            complain!("meridian: cannot read `{}`: {error}", path.display());
            return Err(EXIT_USAGE);
        }
    };
    for (name, not_read) in &listing.unreadable {
        complain!(
            "meridian: `{}` {}; skipped",
            path.join(name).display(),
            not_read.describe()
        );
    }
    let files = listing.files;
    let mut texts = Vec::new();
    for (name, bytes) in &files {
        match std::str::from_utf8(bytes) {
            Ok(text) => texts.push((name.as_str(), text)),
            Err(_) => {
                complain!(
                    "meridian: `{}` is not UTF-8 text",
                    path.join(name).display()
                );
                return Err(EXIT_USAGE);
            }
        }
    }
    let synthesis = match Synthesis::from_files(texts) {
        Ok(synthesis) => synthesis,
        Err(error) => {
            complain!("meridian: `{}`: {error}", path.display());
            return Err(EXIT_USAGE);
        }
    };
    if synthesis.is_empty() {
        complain!(
            "meridian: `{}` holds no {}/*.template.json; give an output directory such as out/<stack> (written by `meridian synth`) or a stack file",
            path.display(),
            meridian_cfn::TEMPLATE_FOLDER
        );
        return Err(EXIT_USAGE);
    }
    Ok(synthesis)
}

/// `terraform/<name>.tf.json`: a file of the Terraform module (not one in a subdirectory).
fn is_module_file(name: &str) -> bool {
    name.strip_prefix(meridian_tf::OUTPUT_DIRECTORY)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|file| file.ends_with(".tf.json") && !file.contains('/'))
}
