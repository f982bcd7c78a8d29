//! `meridian synth`: write the generated files atomically, or compare them with what is on disk.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum as _;
use meridian_plan::OutputFile;

use super::load_and_check;
use crate::pipeline::emit;
use crate::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE, Target};

/// Whether `path` (relative to the output directory, `/`-separated; a directory's path may end
/// with `/`) is, or lies in, what `target` writes. The layout is the emitters': each exports the
/// directory (and the CloudFormation emitter the manifest) it writes to.
pub(super) fn owned(path: &str, target: Target) -> bool {
    let in_directory = |directory: &str| {
        path.strip_prefix(directory)
            .is_some_and(|rest| rest.starts_with('/'))
    };
    let cloudformation =
        || path == meridian_cfn::MANIFEST_PATH || in_directory(meridian_cfn::TEMPLATE_FOLDER);
    let terraform = || in_directory(meridian_tf::OUTPUT_DIRECTORY);
    let runbooks = || in_directory(meridian_runbook::OUTPUT_DIR);
    match target {
        Target::Cloudformation => cloudformation(),
        Target::Terraform => terraform(),
        Target::Runbooks => runbooks(),
        Target::All => cloudformation() || terraform() || runbooks(),
    }
}

/// Reads the user's template copies: every `*.hbs` file of `directory`, by file name.
fn read_templates(directory: &Path) -> std::io::Result<BTreeMap<String, String>> {
    let mut templates = BTreeMap::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) == Some("hbs") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            templates.insert(name, std::fs::read_to_string(&path)?);
        }
    }
    Ok(templates)
}

/// `meridian synth` (and `meridian render`, which is `synth` of the runbooks only).
pub fn synth(
    stack: &Path,
    out: Option<&Path>,
    target: Target,
    check: bool,
    templates: Option<&Path>,
) -> u8 {
    let overrides = match templates.map(read_templates).transpose() {
        Ok(overrides) => overrides.unwrap_or_default(),
        Err(error) => {
            eprintln!(
                "meridian: cannot read the templates in `{}`: {error}",
                templates
                    .map(|t| t.display().to_string())
                    .unwrap_or_default()
            );
            return EXIT_USAGE;
        }
    };
    let checked = match load_and_check(stack) {
        Ok(checked) => checked,
        Err(code) => return code,
    };
    let files = match emit(&checked.plan, target, &overrides) {
        Ok(files) => files,
        Err(error) => {
            let location = templates
                .map(|t| format!(" (templates from {})", t.display()))
                .unwrap_or_default();
            eprintln!("meridian: {error}{location}; nothing was written");
            return EXIT_STACK_ERRORS;
        }
    };
    let out = out.map_or_else(
        || PathBuf::from("out").join(&checked.plan.stack),
        Path::to_path_buf,
    );
    if check {
        return check_files(stack, &out, &files, target);
    }
    match write_atomically(&out, &files, target) {
        Ok(()) => {
            println!("wrote {} files to {}", files.len(), out.display());
            EXIT_OK
        }
        Err(error) => {
            eprintln!("meridian: cannot write `{}`: {error}", out.display());
            EXIT_USAGE
        }
    }
}

/// The files under `root` that `keep` selects, relative, with `/` separators. `keep` sees each
/// file's path and each directory's path with a trailing `/`; a directory it refuses is not
/// entered, and a file it refuses is not read.
pub(super) fn read_tree(
    root: &Path,
    keep: impl Fn(&str) -> bool,
) -> std::io::Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if !root.exists() {
        return Ok(files);
    }
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory)? {
            let entry = entry?;
            let path = entry.path();
            let relative = relative_path(root, &path);
            if entry.file_type()?.is_dir() {
                if keep(&format!("{relative}/")) {
                    pending.push(path);
                }
            } else if keep(&relative) {
                files.insert(relative, std::fs::read(&path)?);
            }
        }
    }
    Ok(files)
}

/// `path` relative to `root`, with `/` separators.
fn relative_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

/// Writes `files` into `out` so that `out` is never half-written: the generated files go to a
/// sibling staging directory; then `out` is set aside, the entries Meridian does not own (other
/// targets' directories, the user's files) are moved, not copied, into the staging directory, so
/// they keep their modes, symlinks and contents; and the staging directory becomes `out`. When
/// any step fails, the moved entries go back and `out` is restored as it was.
///
/// When `out` is a symlink to a directory, the directory it points to is replaced and the link
/// kept.
fn write_atomically(out: &Path, files: &[OutputFile], target: Target) -> std::io::Result<()> {
    let resolved;
    let out = if std::fs::symlink_metadata(out).is_ok_and(|metadata| metadata.is_symlink())
        && out.is_dir()
    {
        resolved = std::fs::canonicalize(out)?;
        resolved.as_path()
    } else {
        out
    };
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = out
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.meridian-staging-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.meridian-retired-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let out_exists = std::fs::symlink_metadata(out).is_ok();
    // Top-level entries moved from the retired `out` into the staging directory.
    let mut moved: Vec<std::ffi::OsString> = Vec::new();
    let result = (|| {
        std::fs::create_dir(&staging)?;
        if out_exists && let Ok(metadata) = std::fs::metadata(out) {
            std::fs::set_permissions(&staging, metadata.permissions())?;
        }
        for file in files {
            write_file(&staging.join(&file.path), file.contents.as_bytes())?;
        }
        if out_exists {
            std::fs::rename(out, &retired)?;
            for entry in std::fs::read_dir(&retired)? {
                let entry = entry?;
                if !owned_entry(&entry, target)? {
                    std::fs::rename(entry.path(), staging.join(entry.file_name()))?;
                    moved.push(entry.file_name());
                }
            }
        }
        std::fs::rename(&staging, out)?;
        Ok(())
    })();
    match result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&retired);
        }
        Err(_) => {
            for name in &moved {
                let _ = std::fs::rename(staging.join(name), retired.join(name));
            }
            let _ = std::fs::remove_dir_all(&staging);
            if out_exists && std::fs::symlink_metadata(out).is_err() {
                let _ = std::fs::rename(&retired, out);
            }
        }
    }
    result
}

/// Whether a top-level entry of the output directory is what `target` writes. What Meridian owns
/// is decided by the first path component, so an entry it does not own can move as a whole.
fn owned_entry(entry: &std::fs::DirEntry, target: Target) -> std::io::Result<bool> {
    let mut name = entry.file_name().to_string_lossy().into_owned();
    if entry.file_type()?.is_dir() {
        name.push('/');
    }
    Ok(owned(&name, target))
}

fn write_file(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(directory) = path.parent() {
        std::fs::create_dir_all(directory)?;
    }
    std::fs::write(path, contents)
}

/// `--check`: compares generated files with the directory; prints a unified diff per changed
/// file and the lists of missing and extra files.
fn check_files(stack: &Path, out: &Path, files: &[OutputFile], target: Target) -> u8 {
    let on_disk = match read_tree(out, |path| owned(path, target)) {
        Ok(tree) => tree,
        Err(error) => {
            eprintln!("meridian: cannot read `{}`: {error}", out.display());
            return EXIT_USAGE;
        }
    };
    let mut report = String::new();
    let mut missing = Vec::new();
    let mut changed = 0usize;
    for file in files {
        match on_disk.get(&file.path) {
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
    let expected: std::collections::BTreeSet<&str> =
        files.iter().map(|f| f.path.as_str()).collect();
    let extra: Vec<&String> = on_disk
        .keys()
        .filter(|path| owned(path, target) && !expected.contains(path.as_str()))
        .collect();
    if changed == 0 && missing.is_empty() && extra.is_empty() {
        println!(
            "up to date: {} files in {} match {}",
            files.len(),
            out.display(),
            stack.display()
        );
        return EXIT_OK;
    }
    print!("{report}");
    for path in &missing {
        println!("missing: {}", out.join(path).display());
    }
    for path in &extra {
        println!("extra: {}", out.join(path).display());
    }
    println!(
        "{} changed, {} missing, {} extra file(s) in {}",
        changed,
        missing.len(),
        extra.len(),
        out.display()
    );
    println!(
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
    EXIT_STACK_ERRORS
}
