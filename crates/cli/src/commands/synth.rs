//! `meridian synth`: write the generated files into the output directory (see `crate::output`
//! for ownership, locking and crash safety), or compare them with what is on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum as _;
use meridian_plan::{FileSink, OutputFile};

use super::load_and_check_then;
use crate::console::complain;
use crate::output::{self, DirectoryLock, INDEX_FILE, Index, Writing, owned};
use crate::pipeline::{emit, emit_into};
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
    // A file with environments writes each into `<out>/<environment>` (by default
    // `out/<stack>/<environment>`); one without writes `out/<stack>` as always.
    let directories: Vec<PathBuf> = environments
        .iter()
        .map(|checked| {
            let base = out.map_or_else(
                || PathBuf::from("out").join(&checked.loaded.stack.stack),
                Path::to_path_buf,
            );
            match &checked.loaded.stack.environment {
                Some(name) => base.join(name),
                None => base,
            }
        })
        .collect();
    let status = if check {
        check_environments(
            stack,
            &environments,
            &directories,
            target,
            &overrides,
            templates,
        )
    } else {
        write_environments(&environments, &directories, target, &overrides, templates)
    };
    // The process ends here: freeing the plans one allocation at a time would only delay its
    // exit (about a twentieth of the CPU at 20 regions of 50 services).
    std::mem::forget(environments);
    status
}

/// Says why the files could not be emitted; the exit status.
fn emit_failed(error: &crate::pipeline::EmitError, templates: Option<&Path>) -> u8 {
    let location = templates
        .filter(|_| matches!(error, crate::pipeline::EmitError::Template(_)))
        .map(|t| format!(" (templates from {})", t.display()))
        .unwrap_or_default();
    complain!("meridian: {error}{location}; nothing was written");
    EXIT_STACK_ERRORS
}

/// Where the files of a directory that cannot be written go.
struct Discard;

impl FileSink for Discard {
    fn file(&self, _file: OutputFile) {}
    fn part(&self, _path: &str, _bytes: &[u8], _first: bool) {}
}

/// `--check` of every environment's directory. Every environment is emitted before any is
/// compared, so an environment that cannot be emitted reports only that.
fn check_environments(
    stack: &Path,
    environments: &[crate::pipeline::Checked],
    directories: &[PathBuf],
    target: Target,
    overrides: &BTreeMap<String, String>,
    templates: Option<&Path>,
) -> u8 {
    let mut outputs = Vec::new();
    for checked in environments {
        match emit(&checked.plan, target, overrides) {
            Ok(files) => outputs.push(files),
            Err(error) => return emit_failed(&error, templates),
        }
    }
    let mut status = EXIT_OK;
    for (directory, files) in directories.iter().zip(&outputs) {
        status = status.max(check_files(stack, directory, files, target));
    }
    // Freed by the process's end (see `synth`).
    std::mem::forget(outputs);
    status
}

/// Writes every environment's directory. Each directory is locked (in the order of their
/// paths, so that two runs never wait on each other) and given its staging directory before
/// anything is emitted; each file then goes there as soon as it is emitted, so that no more
/// than the files being rendered is held in memory. Only once every environment has been
/// emitted is any directory exchanged: an environment that cannot be emitted leaves every
/// directory as it was. A directory that cannot be written is reported and leaves the others
/// to be written.
fn write_environments(
    environments: &[crate::pipeline::Checked],
    directories: &[PathBuf],
    target: Target,
    overrides: &BTreeMap<String, String>,
    templates: Option<&Path>,
) -> u8 {
    let mut status = EXIT_OK;
    let mut order: Vec<usize> = (0..directories.len()).collect();
    order.sort_by(|&one, &other| directories[one].cmp(&directories[other]));
    let mut writings: Vec<Option<Writing>> = directories.iter().map(|_| None).collect();
    for index in order {
        let out = &directories[index];
        let waiting = || {
            complain!(
                "meridian: waiting for another meridian process writing `{}` to finish",
                out.display()
            );
        };
        match Writing::begin(out, target, waiting) {
            Ok(writing) => writings[index] = Some(writing),
            Err(error) => {
                complain!("meridian: cannot write `{}`: {error}", out.display());
                status = EXIT_USAGE;
            }
        }
    }
    let mut counts = Vec::new();
    for (checked, writing) in environments.iter().zip(&writings) {
        // A directory that cannot be written is still emitted: an error there stops every one.
        let emitted = match writing {
            Some(writing) => emit_into(&checked.plan, target, overrides, writing),
            None => emit_into(&checked.plan, target, overrides, &Discard),
        };
        if let Err(error) = emitted {
            writings.into_iter().flatten().for_each(Writing::abandon);
            return emit_failed(&error, templates);
        }
        counts.push(writing.as_ref().map_or(0, Writing::count));
    }
    for ((writing, out), files) in writings.into_iter().zip(directories).zip(counts) {
        let Some(writing) = writing else {
            continue;
        };
        match writing.finish() {
            Ok(written) => crate::console::status(&format!(
                "wrote {} to {}{}\n",
                count(files, "file", "files"),
                out.display(),
                match written {
                    output::Written::Exchanged => String::new(),
                    // Said, since another run may see a mix of two generations meanwhile.
                    output::Written::InPlace(reason) => format!(" (in place: {reason})"),
                }
            )),
            Err(error) => {
                complain!("meridian: cannot write `{}`: {error}", out.display());
                status = EXIT_USAGE;
            }
        }
    }
    status
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
