//! `meridian synth`: write the generated files into the output directory (see `crate::output`
//! for ownership, locking and crash safety), or compare them with what is on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum as _;
use meridian_plan::OutputFile;

use super::load_and_check_then;
use crate::console::complain;
use crate::output::{self, DirectoryLock, INDEX_FILE, Index, owned};
use crate::pipeline::emit;
use crate::words::count;
use crate::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE, Target};

/// The largest template file read from `--templates`: the built-in ones are a few kilobytes.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// Reads the user's template copies: every `*.hbs` file of `directory`, by file name. Each must
/// be a regular file (a link to one is fine: the directory is the user's input) of UTF-8 text
/// under [`MAX_TEMPLATE_BYTES`]; errors name the file.
fn read_templates(directory: &Path) -> Result<BTreeMap<String, String>, String> {
    let cannot = |what: &Path, error: &dyn std::fmt::Display| {
        format!("cannot read the templates in `{}`: {error}", what.display())
    };
    let mut templates = BTreeMap::new();
    let entries = std::fs::read_dir(directory).map_err(|error| cannot(directory, &error))?;
    for entry in entries {
        let path = entry.map_err(|error| cannot(directory, &error))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("hbs") {
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let unreadable =
            |why: String| format!("cannot read the template `{}`: {why}", path.display());
        let metadata = std::fs::metadata(&path).map_err(|error| unreadable(error.to_string()))?;
        if !metadata.is_file() {
            return Err(unreadable("it is not a regular file".to_owned()));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|file| file.take(MAX_TEMPLATE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|error| unreadable(error.to_string()))?;
        if bytes.len() as u64 > MAX_TEMPLATE_BYTES {
            return Err(unreadable(format!(
                "it is larger than {MAX_TEMPLATE_BYTES} bytes (256 KiB)"
            )));
        }
        let text = String::from_utf8(bytes).map_err(|error| {
            let at = error.utf8_error().valid_up_to();
            unreadable(format!(
                "it is not UTF-8 text (byte 0x{:02X} at offset {at})",
                error.as_bytes()[at]
            ))
        })?;
        templates.insert(name, text);
    }
    Ok(templates)
}

/// `meridian synth` (and `meridian render`, which is `synth` of the runbooks only).
pub fn synth(
    stack: &Path,
    environment: Option<&str>,
    out: Option<&Path>,
    target: Target,
    check: bool,
    templates: Option<&Path>,
) -> u8 {
    let overrides = match templates.map(read_templates).transpose() {
        Ok(overrides) => overrides.unwrap_or_default(),
        Err(error) => {
            complain!("meridian: {error}");
            return EXIT_USAGE;
        }
    };
    // Rebuilding the built-in runbook templates does not depend on the stack: on a second thread
    // it overlaps planning instead of adding to the runbooks' time. It starts once the stack has
    // loaded, since loading already reads the file on both cores.
    let checked = std::thread::scope(|scope| {
        load_and_check_then(stack, environment, || {
            if matches!(target, Target::All | Target::Runbooks) {
                // Without a thread, the first render rebuilds them instead.
                let _ = meridian_model::threads::spawn_beside(
                    scope,
                    meridian_runbook::prepare_builtin_templates,
                );
            }
        })
    });
    let environments = match checked {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    // Every environment is emitted before anything is written, so an environment that cannot
    // be emitted leaves the others' directories as they were.
    let mut outputs = Vec::new();
    for checked in &environments {
        let files = match emit_files(checked, target, &overrides, templates) {
            Ok(files) => files,
            Err(code) => return code,
        };
        // A file with environments writes each into `<out>/<environment>` (by default
        // `out/<stack>/<environment>`); one without writes `out/<stack>` as always.
        let base = out.map_or_else(
            || PathBuf::from("out").join(&checked.loaded.stack.stack),
            Path::to_path_buf,
        );
        let directory = match &checked.loaded.stack.environment {
            Some(name) => base.join(name),
            None => base,
        };
        outputs.push((directory, files));
    }
    let mut status = EXIT_OK;
    for (out, files) in &outputs {
        status = status.max(write_files(stack, out, files, target, check));
    }
    // The process ends here: freeing the plans and the files' text one allocation at a time
    // would only delay its exit (about a twentieth of the CPU at 20 regions of 50 services).
    std::mem::forget(outputs);
    std::mem::forget(environments);
    status
}

/// The files of one stack (or environment), or the exit status after saying why not.
fn emit_files(
    checked: &crate::pipeline::Checked,
    target: Target,
    overrides: &BTreeMap<String, String>,
    templates: Option<&Path>,
) -> Result<Vec<OutputFile>, u8> {
    match emit(&checked.plan, target, overrides) {
        Ok(files) => Ok(files),
        Err(error) => {
            let location = templates
                .filter(|_| matches!(error, crate::pipeline::EmitError::Template(_)))
                .map(|t| format!(" (templates from {})", t.display()))
                .unwrap_or_default();
            complain!("meridian: {error}{location}; nothing was written");
            Err(EXIT_STACK_ERRORS)
        }
    }
}

/// Writes (or with `check`, compares) one output directory.
fn write_files(stack: &Path, out: &Path, files: &[OutputFile], target: Target, check: bool) -> u8 {
    if check {
        return check_files(stack, out, files, target);
    }
    let waiting = || {
        complain!(
            "meridian: waiting for another meridian process writing `{}` to finish",
            out.display()
        );
    };
    match output::write_output(out, files, target, waiting) {
        Ok(_) => {
            crate::console::status(&format!(
                "wrote {} to {}\n",
                count(files.len(), "file", "files"),
                out.display()
            ));
            EXIT_OK
        }
        Err(error) => {
            complain!("meridian: cannot write `{}`: {error}", out.display());
            EXIT_USAGE
        }
    }
}

/// `--check`: compares generated files with the directory; prints a unified diff per changed
/// file, the files missing and the extra ones (Meridian's, no longer generated), and lists the
/// foreign entries (the user's) without failing on them. Reads only Meridian's files, never
/// through a link, and under a shared lock, so that a concurrent synth is seen whole or not at all.
fn check_files(stack: &Path, out: &Path, files: &[OutputFile], target: Target) -> u8 {
    let _lock = if out.is_dir() {
        match DirectoryLock::acquire(out, false, || {
            complain!(
                "meridian: waiting for another meridian process writing `{}` to finish",
                out.display()
            );
        }) {
            Ok(lock) => Some(lock),
            Err(error) => {
                complain!("meridian: cannot lock `{}`: {error}", out.display());
                return EXIT_USAGE;
            }
        }
    } else {
        None
    };
    let index = match Index::read(out) {
        Ok(index) => index,
        Err(error) => {
            complain!("meridian: {error}");
            return EXIT_USAGE;
        }
    };
    let expected: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let ours =
        |path: &str| expected.contains(path) || (index.contains(path) && owned(path, target));
    let others = |path: &str| index.contains(path) && !owned(path, target);
    let directories: BTreeSet<String> = files
        .iter()
        .map(|file| &file.path)
        .chain(index.paths.iter())
        .flat_map(|path| {
            path.match_indices('/')
                .map(|(at, _)| path[..at].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let listing = match output::list_output(
        out,
        ours,
        |directory| directories.contains(directory),
        |path| path == INDEX_FILE || others(path),
    ) {
        Ok(listing) => listing,
        Err(error) => {
            complain!("meridian: cannot read `{}`: {error}", out.display());
            return EXIT_USAGE;
        }
    };
    let mut report = String::new();
    let mut missing = Vec::new();
    let mut changed = 0usize;
    for file in files {
        if let Some(not_read) = listing.unreadable.get(&file.path) {
            changed += 1;
            let _ = writeln!(
                report,
                "changed: {} {}",
                out.join(&file.path).display(),
                not_read.describe()
            );
            continue;
        }
        match listing.files.get(&file.path) {
            None => missing.push(file.path.clone()),
            Some(contents) if contents.as_slice() == file.contents.as_bytes() => {}
            Some(contents) => {
                changed += 1;
                let old = String::from_utf8_lossy(contents);
                let diff = similar::TextDiff::from_lines(old.as_ref(), file.contents.as_str());
                let _ = write!(
                    report,
                    "{}",
                    diff.unified_diff()
                        .context_radius(3)
                        .header(&format!("a/{}", file.path), &format!("b/{}", file.path))
                );
            }
        }
    }
    let extra: Vec<&String> = listing
        .files
        .keys()
        .chain(listing.unreadable.keys())
        .filter(|path| !expected.contains(path.as_str()))
        .collect();
    for path in &missing {
        let _ = writeln!(report, "missing: {}", out.join(path).display());
    }
    for path in &extra {
        let _ = writeln!(report, "extra: {}", out.join(path).display());
    }
    let mut foreign = String::new();
    for path in &listing.foreign {
        let _ = writeln!(
            foreign,
            "foreign: {} (not written by meridian; left alone)",
            out.join(path).display()
        );
    }
    if changed == 0 && missing.is_empty() && extra.is_empty() {
        crate::console::status(&format!(
            "{foreign}up to date: {} in {} match {}{}\n",
            count(files.len(), "file", "files"),
            out.display(),
            stack.display(),
            match listing.foreign.len() {
                0 => String::new(),
                number => format!(
                    " ({} left alone)",
                    count(number, "foreign entry", "foreign entries")
                ),
            }
        ));
        return EXIT_OK;
    }
    report.push_str(&foreign);
    let _ = writeln!(
        report,
        "{} changed, {} missing, {} extra in {}{}",
        count(changed, "file", "files"),
        missing.len(),
        extra.len(),
        out.display(),
        match listing.foreign.len() {
            0 => String::new(),
            number => format!(
                " ({} left alone)",
                count(number, "foreign entry", "foreign entries")
            ),
        }
    );
    let _ = writeln!(
        report,
        "to update them: meridian synth {} --out {}{}",
        stack.display(),
        out.display(),
        match target {
            Target::All => String::new(),
            _ => target
                .to_possible_value()
                .map(|value| format!(" --target {}", value.get_name()))
                .unwrap_or_default(),
        }
    );
    crate::console::print(&report);
    EXIT_STACK_ERRORS
}
