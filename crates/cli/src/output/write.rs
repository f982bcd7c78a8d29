//! Writing a synthesis into its output directory so that a kill at any instant loses nothing.
//!
//! A run is a [`Writing`]: begun (lock, recovery, staging directory) before anything is emitted,
//! given each file as it is emitted, then finished or abandoned.
//!
//! **Exchange** (Linux, an ordinary directory): the new generation is built in a sibling staging
//! directory (`.meridian-staging-<hash of the name>`): Meridian's new files, plus hard links to
//! every file it does not replace (the user's files and other targets' files), the user's
//! symbolic links recreated and their directories recreated with their modes and owners. One
//! `renameat2(RENAME_EXCHANGE)` then swaps the two directories, so at every instant the path
//! names a complete directory of one generation, with every user file in it. The old directory
//! is reconciled (anything the user created or replaced there since the links were made is moved
//! into the new one) and removed.
//!
//! **In place** (where an exchange cannot be made: a mount point, the current directory, a
//! parent that is not writable, special files or a second file system inside, another OS): the
//! directory stays where it is; each file is written to a temporary name beside it and renamed
//! over the old one. The index first lists every path the run may create, so an interrupted run
//! never strands a file Meridian would not recognise as its own; the files may then be a mix of
//! two generations until the next run, which rewrites them all.
//!
//! Either way, leftovers of an interrupted run (a staging directory, temporary files) are
//! recovered or removed by the next run, under the directory's lock. A staging directory is
//! only ever deleted after a rename to `.meridian-trash-<hash>`, so that a deletion cut short
//! leaves nothing recovery could mistake for a directory to reconcile.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use meridian_plan::{FileSink, OutputFile};

use super::index::{INDEX_FILE, Index};
use super::lock::DirectoryLock;
use super::read::ancestors;
use super::{is_layout_path, owned};
use crate::Target;
use crate::pipeline::Collected;

/// Inside a staging directory until the exchange: marks it as never exchanged, so recovery
/// knows it holds nothing but copies and links.
const STAGING_MARKER: &str = ".meridian-staging";

/// Suffix of the temporary files of an in-place write: `.<name>.meridian-new` beside `<name>`.
const TEMPORARY_SUFFIX: &str = ".meridian-new";

/// How a synthesis was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// In one atomic exchange of directories.
    Exchanged,
    /// File by file in place, for the reason given.
    InPlace(String),
}

/// A failure of an exchange: fall back to writing in place, or give up.
enum Step {
    Fallback(String),
    Failed(std::io::Error),
}

impl From<std::io::Error> for Step {
    fn from(error: std::io::Error) -> Self {
        Self::Failed(error)
    }
}

/// An error naming what it concerns.
fn error_at(what: impl std::fmt::Display, error: &std::io::Error) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{what}: {error}"))
}

/// An I/O error is kept as is; the message already names the path.
pub type WriteError = std::io::Error;

/// What one run changes: the paths it writes, the paths to remove, the index to leave.
struct Change {
    generated: BTreeSet<String>,
    removed: BTreeSet<String>,
    /// The index before the run.
    before: Index,
    /// The index after the run.
    after: Index,
}

impl Change {
    /// The change from `before` to a generation of `target` made of `generated`: Meridian's
    /// files of `target` it no longer generates go, every other target's stay listed.
    fn new(before: Index, generated: BTreeSet<String>, target: Target) -> Self {
        let removed = before
            .paths
            .iter()
            .filter(|path| owned(path, target) && !generated.contains(*path))
            .cloned()
            .collect();
        let mut after = Index {
            paths: before
                .paths
                .iter()
                .filter(|path| !owned(path, target))
                .cloned()
                .collect(),
        };
        after.paths.extend(generated.iter().cloned());
        Self {
            generated,
            removed,
            before,
            after,
        }
    }

    /// Whether the entry at `relative` in the current directory goes away in the new generation
    /// (replaced by a new file, removed, or the index itself).
    fn replaces(&self, relative: &str) -> bool {
        relative == INDEX_FILE
            || relative == STAGING_MARKER
            || self.generated.contains(relative)
            || self.removed.contains(relative)
    }
}

/// Writes `files` (the output of `target`) into `out`: replaces the files Meridian wrote before
/// for `target`, removes those it no longer generates, and leaves everything else exactly as it
/// is. `waiting` is called when another process holds the directory's lock. The files are
/// written by two threads, each about half of the bytes (writing is mostly the kernel copying
/// bytes into the page cache, which two cores do side by side).
pub fn write_output(
    out: &Path,
    files: &[OutputFile],
    target: Target,
    waiting: impl Fn(),
) -> Result<Written, WriteError> {
    let writing = Writing::begin(out, target, waiting)?;
    let add_all = |files: &[OutputFile]| {
        for file in files {
            writing.add(file.clone());
        }
    };
    let (first, second) = halves(files);
    if second.is_empty() {
        add_all(first);
    } else {
        std::thread::scope(|scope| {
            match meridian_model::threads::spawn_beside(scope, || add_all(second)) {
                Ok(thread) => {
                    add_all(first);
                    crate::pipeline::joined(thread);
                }
                Err(_) => add_all(files),
            }
        });
    }
    writing.finish()
}

/// `files` split where the first part reaches half of their bytes.
fn halves(files: &[OutputFile]) -> (&[OutputFile], &[OutputFile]) {
    let total: usize = files.iter().map(|file| file.contents.len()).sum();
    let mut bytes = 0;
    let split = files
        .iter()
        .position(|file| {
            bytes += file.contents.len();
            bytes * 2 >= total
        })
        .map_or(files.len(), |at| at + 1);
    files.split_at(split)
}

/// A synthesis on its way into an output directory. [`Writing::begin`] runs before any file
/// exists: it takes the directory's lock, recovers what an interrupted run left and, where the
/// directory can be exchanged, makes the staging directory. [`Writing::add`] then takes each
/// file as the emitters finish it, from any thread: into the staging directory at once, so
/// that no caller holds every file's text; elsewhere held until the end. [`Writing::finish`]
/// completes the new generation (the exchange, or the write in place); [`Writing::abandon`]
/// removes what was written, leaving the directory as it was.
#[derive(Debug)]
pub struct Writing {
    out: PathBuf,
    /// Whether this run created `out`: removed again, if still empty, when the run fails.
    created: bool,
    target: Target,
    /// The index before the run.
    before: Index,
    place: Place,
    /// The failure to write a file with the earliest path: whichever thread met it, the same
    /// one is reported.
    failure: Mutex<Option<(String, std::io::Error)>>,
    /// Released when the run ends, after the staging directory's own lock.
    _lock: DirectoryLock,
}

/// Where [`Writing::add`] puts files.
#[derive(Debug)]
enum Place {
    /// Into the staging directory, as they come.
    #[cfg_attr(not(target_os = "linux"), allow(dead_code))]
    Staging(Box<Staging>),
    /// Held until the end, then written in place, for the reason given.
    Held { files: Collected, reason: String },
}

/// A staging directory being filled: see the module documentation.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
#[derive(Debug)]
struct Staging {
    path: PathBuf,
    /// `out`'s, for the owner and mode the staging directory takes.
    out_metadata: std::fs::Metadata,
    /// The paths written so far.
    written: Mutex<Vec<String>>,
    /// The folders made for them so far.
    folders: Mutex<BTreeSet<PathBuf>>,
    /// Held from its creation until the run ends, so that the directory is locked from the
    /// instant it becomes `out`.
    _lock: DirectoryLock,
}

/// `mutex`'s value; a thread that panicked while holding it only pushed or inserted.
fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Writing {
    /// Starts writing the output of `target` into `out` (created when absent). `waiting` is
    /// called when another process holds the directory's lock, which this one then holds until
    /// the run is finished or abandoned.
    pub fn begin(out: &Path, target: Target, waiting: impl Fn()) -> Result<Self, WriteError> {
        let (out, created) = resolve(out)?;
        let begun = (|| {
            let lock = DirectoryLock::acquire(&out, true, waiting).map_err(|error| {
                error_at(format_args!("cannot lock `{}`", out.display()), &error)
            })?;
            recover(&out)?;
            let before = Index::read(&out)?;
            let place = match open_staging(&out) {
                Ok(staging) => Place::Staging(Box::new(staging)),
                Err(Step::Fallback(reason)) => Place::Held {
                    files: Collected::default(),
                    reason,
                },
                Err(Step::Failed(error)) => return Err(error),
            };
            Ok(Self {
                out: out.clone(),
                created,
                target,
                before,
                place,
                failure: Mutex::default(),
                _lock: lock,
            })
        })();
        if begun.is_err() && created {
            // Only removes the directory this run created if it is still empty.
            let _ = std::fs::remove_dir(&out);
        }
        begun
    }

    /// Takes one generated file. A failure to write it is reported by [`Writing::finish`].
    pub fn add(&self, file: OutputFile) {
        match &self.place {
            Place::Held { files, .. } => files.file(file),
            Place::Staging(staging) => {
                if let Err(error) = staging.write(&file.path, file.contents.as_bytes(), true) {
                    self.failed(&file.path, error);
                }
            }
        }
    }

    /// How many files were added.
    pub fn count(&self) -> usize {
        match &self.place {
            Place::Held { files, .. } => files.count(),
            Place::Staging(staging) => locked(&staging.written).len(),
        }
    }

    /// Keeps the failure to write `path` if it is the earliest so far.
    fn failed(&self, path: &str, error: std::io::Error) {
        let mut failure = locked(&self.failure);
        if failure
            .as_ref()
            .is_none_or(|(earliest, _)| path < earliest.as_str())
        {
            *failure = Some((path.to_owned(), error));
        }
    }

    /// Completes the new generation with the files added: see the module documentation.
    pub fn finish(self) -> Result<Written, WriteError> {
        let (out, created) = (self.out.clone(), self.created);
        let result = self.complete();
        if result.is_err() && created {
            let _ = std::fs::remove_dir(&out);
        }
        result
    }

    /// Leaves the directory as it was: the files added are removed with the staging directory.
    pub fn abandon(self) {
        let Self {
            out,
            created,
            place,
            _lock,
            ..
        } = self;
        if let Place::Staging(staging) = place {
            let _ = discard_staging(&out, &staging.path);
        }
        drop(_lock);
        if created {
            let _ = std::fs::remove_dir(&out);
        }
    }

    fn complete(self) -> Result<Written, WriteError> {
        let Self {
            out,
            target,
            before,
            place,
            failure,
            _lock,
            ..
        } = self;
        let failure = failure
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match place {
            Place::Held { files, reason } => {
                let mut files = files.into_files();
                files.sort();
                let generated = files.iter().map(|file| file.path.clone()).collect();
                let change = Change::new(before, generated, target);
                check_paths(&out, &change)?;
                in_place(&out, &change, &files)?;
                Ok(Written::InPlace(reason))
            }
            Place::Staging(staging) => {
                let generated = locked(&staging.written).iter().cloned().collect();
                let change = Change::new(before, generated, target);
                if let Some(problem) = failure
                    .map(|(_, error)| error)
                    .or_else(|| check_paths(&out, &change).err())
                {
                    let _ = discard_staging(&out, &staging.path);
                    return Err(problem);
                }
                exchange(&out, *staging, &change)
            }
        }
    }
}

impl FileSink for Writing {
    fn file(&self, file: OutputFile) {
        self.add(file);
    }

    fn part(&self, path: &str, bytes: &[u8], first: bool) {
        match &self.place {
            Place::Held { files, .. } => files.part(path, bytes, first),
            Place::Staging(staging) => {
                if let Err(error) = staging.write(path, bytes, first) {
                    self.failed(path, error);
                }
            }
        }
    }
}

#[cfg(target_os = "linux")]
impl Staging {
    /// Writes the file at `relative` into the staging directory, making its folder first if
    /// this run has not; or, unless `first`, adds `bytes` at its end.
    fn write(&self, relative: &str, bytes: &[u8], first: bool) -> std::io::Result<()> {
        let path = self.path.join(relative);
        if !first {
            use std::io::Write as _;
            return std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .and_then(|mut file| file.write_all(bytes))
                .map_err(|error| {
                    error_at(format_args!("cannot write `{}`", path.display()), &error)
                });
        }
        if let Some(parent) = path.parent() {
            // Held while the folder is made, so that no other thread writes into it before.
            let mut folders = locked(&self.folders);
            if !folders.contains(parent) {
                std::fs::create_dir_all(parent).map_err(|error| {
                    error_at(format_args!("cannot create `{}`", parent.display()), &error)
                })?;
                folders.insert(parent.to_path_buf());
            }
        }
        write_file(&path, bytes, meridian_runbook::is_executable(relative))?;
        locked(&self.written).push(relative.to_owned());
        Ok(())
    }
}

#[cfg(not(target_os = "linux"))]
impl Staging {
    fn write(&self, _relative: &str, _bytes: &[u8], _first: bool) -> std::io::Result<()> {
        Err(std::io::Error::other("no staging directory on this system"))
    }
}

/// The directory to write: `out` itself, the directory a symbolic link `out` points to (the
/// link is kept), created when absent; canonical, so that `.`, `out/sub/..` and the like name a
/// real directory with a real name. The second value says whether this run created it.
fn resolve(out: &Path) -> std::io::Result<(PathBuf, bool)> {
    let created = match std::fs::symlink_metadata(out) {
        Ok(_) => false,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(out).map_err(|error| {
                error_at(format_args!("cannot create `{}`", out.display()), &error)
            })?;
            true
        }
        Err(error) => return Err(error_at(format_args!("`{}`", out.display()), &error)),
    };
    let canonical = std::fs::canonicalize(out)
        .map_err(|error| error_at(format_args!("`{}`", out.display()), &error))?;
    if !canonical.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("`{}` is not a directory", out.display()),
        ));
    }
    Ok((canonical, created))
}

/// Refuses a run that would write through a link or over a directory: every directory on the
/// way to a generated file must be a real directory (or absent), and the file's own place must
/// not be a directory. Symbolic links at generated paths are replaced, never followed.
fn check_paths(out: &Path, change: &Change) -> std::io::Result<()> {
    let directories = ancestors(change.generated.iter());
    for directory in &directories {
        match std::fs::symlink_metadata(out.join(directory)) {
            Ok(metadata) if !metadata.is_dir() => {
                return Err(std::io::Error::other(format!(
                    "`{}` is {}, not a directory; Meridian writes its files inside `{directory}/` and never through a link: move it away",
                    out.join(directory).display(),
                    kind_of(&metadata)
                )));
            }
            _ => {}
        }
    }
    for path in &change.generated {
        if std::fs::symlink_metadata(out.join(path)).is_ok_and(|metadata| metadata.is_dir()) {
            return Err(std::io::Error::other(format!(
                "`{}` is a directory where Meridian writes a file: move it away",
                out.join(path).display()
            )));
        }
    }
    Ok(())
}

fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    let file_type = metadata.file_type();
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a file"
    } else if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// The staging directory's name beside `name`: short whatever the name's length (a 250-character
/// output directory still fits the 255-byte limit of a name), and one per output directory.
fn staging_name(name: &OsStr) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!(".meridian-staging-{hash:016x}")
}

/// Where the staging directory of `out` goes, when `out` has a parent.
fn staging_path(out: &Path) -> Option<PathBuf> {
    Some(out.parent()?.join(staging_name(out.file_name()?)))
}

/// Where a staging directory goes to be deleted: renamed there first, in one step, so that a
/// deletion cut short never leaves a half-deleted staging directory (one that lost its marker
/// or its index before the rest) for recovery to misread.
fn trash_path(out: &Path) -> Option<PathBuf> {
    let staging = staging_path(out)?;
    let name = staging
        .file_name()?
        .to_string_lossy()
        .replace("-staging-", "-trash-");
    Some(staging.with_file_name(name))
}

/// Deletes the staging directory of `out`: renamed to the trash name, then removed.
fn discard_staging(out: &Path, staging: &Path) -> std::io::Result<()> {
    match trash_path(out) {
        Some(trash) => {
            std::fs::rename(staging, &trash)?;
            std::fs::remove_dir_all(&trash)
        }
        None => std::fs::remove_dir_all(staging),
    }
}

/// Writes one generated file, executable when it is a script.
fn write_file(path: &Path, contents: &[u8], executable: bool) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(if executable { 0o755 } else { 0o644 });
    }
    let _ = executable;
    let mut file = options
        .open(path)
        .map_err(|error| error_at(format_args!("cannot write `{}`", path.display()), &error))?;
    file.write_all(contents)
        .map_err(|error| error_at(format_args!("cannot write `{}`", path.display()), &error))
}

/// Finishes or removes what an interrupted run left: a staging directory that was never
/// exchanged is removed (it holds only new files and links to the user's); one that was (it is
/// then the previous directory) is first reconciled into `out`. Temporary files of an in-place
/// write are removed.
fn recover(out: &Path) -> std::io::Result<()> {
    if let Some(trash) = trash_path(out)
        && let Ok(metadata) = std::fs::symlink_metadata(&trash)
    {
        if metadata.is_dir() {
            std::fs::remove_dir_all(&trash)?;
        } else {
            std::fs::remove_file(&trash)?;
        }
    }
    if let Some(staging) = staging_path(out)
        && let Ok(metadata) = std::fs::symlink_metadata(&staging)
    {
        if !metadata.is_dir() {
            std::fs::remove_file(&staging)?;
        } else if std::fs::symlink_metadata(staging.join(STAGING_MARKER)).is_ok() {
            discard_staging(out, &staging)?;
        } else {
            let index = Index::read(&staging).unwrap_or_default();
            reconcile(&staging, out, Path::new(""), &index)?;
            discard_staging(out, &staging)?;
        }
    }
    let marker = out.join(STAGING_MARKER);
    if std::fs::symlink_metadata(&marker).is_ok() {
        std::fs::remove_file(&marker)?;
    }
    let index = Index::read(out).unwrap_or_default();
    let mut directories = ancestors(index.paths.iter());
    directories.insert(String::new());
    for directory in [
        meridian_cfn::TEMPLATE_FOLDER,
        meridian_tf::OUTPUT_DIRECTORY,
        meridian_runbook::OUTPUT_DIR,
    ] {
        directories.insert(directory.to_owned());
    }
    for directory in directories {
        let Ok(entries) = std::fs::read_dir(out.join(&directory)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.')
                && name.ends_with(TEMPORARY_SUFFIX)
                && entry.file_type().is_ok_and(|kind| kind.is_file())
            {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(())
}

/// Moves into `new` what only the previous directory `old` has of the user's (files created or
/// replaced there after the links were made, or by an interrupted run); Meridian's own files of
/// the previous generation (`index`) stay behind and go with `old`.
fn reconcile(old: &Path, new: &Path, relative: &Path, index: &Index) -> std::io::Result<()> {
    for entry in std::fs::read_dir(old.join(relative))? {
        let entry = entry?;
        let relative = relative.join(entry.file_name());
        let text = relative.to_str().unwrap_or_default();
        if text == INDEX_FILE || text == STAGING_MARKER || index.contains(text) {
            continue;
        }
        let source = old.join(&relative);
        let destination = new.join(&relative);
        let kind = entry.file_type()?;
        match std::fs::symlink_metadata(&destination) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                if let Some(parent) = destination.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::rename(&source, &destination)?;
            }
            Err(error) => return Err(error),
            Ok(present) if kind.is_dir() && present.is_dir() => {
                reconcile(old, new, &relative, index)?;
            }
            Ok(present) if !kind.is_dir() && !present.is_dir() => {
                let source_metadata = std::fs::symlink_metadata(&source)?;
                if !same_inode(&source_metadata, &present)
                    && source_metadata.modified()? > present.modified()?
                {
                    std::fs::rename(&source, &destination)?;
                }
            }
            // A file where the new generation has a directory, or the reverse: only a race with
            // another program makes one; the new generation's entry stays.
            Ok(_) => {}
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_inode(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// The staging directory of `out`, with its marker and its lock, or why the run writes in
/// place instead.
#[cfg(target_os = "linux")]
fn open_staging(out: &Path) -> Result<Staging, Step> {
    use std::os::unix::fs::MetadataExt as _;
    let (Some(parent), Some(staging)) = (out.parent(), staging_path(out)) else {
        return Err(Step::Fallback(
            "the output directory is the root".to_owned(),
        ));
    };
    let out_metadata = std::fs::symlink_metadata(out)?;
    if out_metadata.dev() != std::fs::metadata(parent)?.dev() {
        return Err(Step::Fallback(
            "the output directory is a mount point".to_owned(),
        ));
    }
    if std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .is_ok_and(|current| current.starts_with(out))
    {
        return Err(Step::Fallback(
            "the current directory is inside the output directory".to_owned(),
        ));
    }
    if let Err(error) = std::fs::create_dir(&staging) {
        return Err(match error.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Step::Fallback(format!("cannot create `{}`: {error}", staging.display()))
            }
            _ => Step::Failed(error_at(
                format_args!("cannot create `{}`", staging.display()),
                &error,
            )),
        });
    }
    let lock = write_file(&staging.join(STAGING_MARKER), b"", false)
        .and_then(|()| DirectoryLock::fresh(&staging));
    match lock {
        Ok(lock) => Ok(Staging {
            path: staging,
            out_metadata,
            written: Mutex::default(),
            folders: Mutex::default(),
            _lock: lock,
        }),
        Err(error) => {
            let _ = discard_staging(out, &staging);
            Err(Step::Failed(error))
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn open_staging(_out: &Path) -> Result<Staging, Step> {
    Err(Step::Fallback(
        "this system has no atomic exchange of directories".to_owned(),
    ))
}

/// The exchange of a filled staging directory; see the module documentation. Where it cannot
/// be made after all, the files are read back from the staging directory and written in place.
#[cfg(target_os = "linux")]
fn exchange(out: &Path, staging: Staging, change: &Change) -> Result<Written, WriteError> {
    let completed = complete_staging(out, &staging, change).and_then(|()| {
        rustix::fs::renameat_with(
            rustix::fs::CWD,
            &staging.path,
            rustix::fs::CWD,
            out,
            rustix::fs::RenameFlags::EXCHANGE,
        )
        .map_err(|errno| {
            Step::Fallback(format!(
                "the file system cannot exchange directories: {}",
                std::io::Error::from(errno)
            ))
        })
    });
    if let Err(step) = completed {
        let fallback = match step {
            Step::Fallback(reason) => read_back(&staging.path, change).map(|files| (reason, files)),
            Step::Failed(error) => Err(error),
        };
        let _ = discard_staging(out, &staging.path);
        let (reason, files) = fallback?;
        in_place(out, change, &files)?;
        return Ok(Written::InPlace(reason));
    }
    // Exchanged: `out` is the new generation, `staging` the previous directory.
    std::fs::remove_file(out.join(STAGING_MARKER))?;
    reconcile(&staging.path, out, Path::new(""), &change.before).map_err(|error| {
        error_at(
            format_args!(
                "the synthesis is written, but the previous directory `{}` could not be tidied (the next run finishes it)",
                staging.path.display()
            ),
            &error,
        )
    })?;
    discard_staging(out, &staging.path)?;
    Ok(Written::Exchanged)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_out: &Path, _staging: Staging, _change: &Change) -> Result<Written, WriteError> {
    Err(std::io::Error::other(
        "this system has no atomic exchange of directories",
    ))
}

/// The generated files of a staging directory, read back for a write in place.
#[cfg(target_os = "linux")]
fn read_back(staging: &Path, change: &Change) -> std::io::Result<Vec<OutputFile>> {
    change
        .generated
        .iter()
        .map(|path| {
            Ok(OutputFile {
                path: path.clone(),
                contents: std::fs::read_to_string(staging.join(path))?,
            })
        })
        .collect()
}

/// Completes a staging directory holding the new files (and its marker): links to everything
/// kept, the index, then the modes and owners of the directories it mirrors.
#[cfg(target_os = "linux")]
fn complete_staging(out: &Path, staging: &Staging, change: &Change) -> Result<(), Step> {
    let mut directories = vec![(PathBuf::new(), staging.out_metadata.clone())];
    mirror(
        out,
        &staging.path,
        Path::new(""),
        &staging.out_metadata,
        change,
        &mut directories,
    )?;
    write_file(
        &staging.path.join(INDEX_FILE),
        change.after.render().as_bytes(),
        false,
    )?;
    // Modes last, deepest first: a read-only directory is only read-only once it is filled.
    for (relative, metadata) in directories.iter().rev() {
        copy_owner_and_mode(&staging.path.join(relative), metadata)?;
    }
    Ok(())
}

/// Gives `path` the owner, group and mode of `metadata` (the directory it replaces). An owner
/// this process may not give is a reason to write in place instead.
#[cfg(target_os = "linux")]
fn copy_owner_and_mode(path: &Path, metadata: &std::fs::Metadata) -> Result<(), Step> {
    use std::os::unix::fs::MetadataExt as _;
    let current = std::fs::symlink_metadata(path)?;
    if (current.uid(), current.gid()) != (metadata.uid(), metadata.gid()) {
        std::os::unix::fs::lchown(path, Some(metadata.uid()), Some(metadata.gid())).map_err(
            |error| {
                Step::Fallback(format!(
                    "cannot give `{}` its owner: {error}",
                    path.display()
                ))
            },
        )?;
    }
    if !metadata.file_type().is_symlink() {
        std::fs::set_permissions(path, metadata.permissions())?;
    }
    Ok(())
}

/// Recreates in `staging` every entry of `out` under `relative` that the new generation keeps:
/// hard links to files, the same symbolic links, directories (their modes and owners are applied
/// later, from `directories`). Anything that cannot be mirrored exactly (a FIFO, a device, a
/// socket, another file system, a file that cannot be linked) makes the run write in place.
#[cfg(target_os = "linux")]
fn mirror(
    out: &Path,
    staging: &Path,
    relative: &Path,
    out_metadata: &std::fs::Metadata,
    change: &Change,
    directories: &mut Vec<(PathBuf, std::fs::Metadata)>,
) -> Result<(), Step> {
    use std::os::unix::fs::MetadataExt as _;
    for entry in std::fs::read_dir(out.join(relative))? {
        let entry = entry?;
        let relative = relative.join(entry.file_name());
        if relative.to_str().is_some_and(|text| change.replaces(text)) {
            continue;
        }
        let source = out.join(&relative);
        let destination = staging.join(&relative);
        let metadata = std::fs::symlink_metadata(&source)?;
        let kind = metadata.file_type();
        if metadata.dev() != out_metadata.dev() {
            return Err(Step::Fallback(format!(
                "`{}` is on another file system",
                source.display()
            )));
        }
        if kind.is_dir() {
            // A folder of the new files may already be there.
            if let Err(error) = std::fs::create_dir(&destination)
                && !std::fs::symlink_metadata(&destination).is_ok_and(|made| made.is_dir())
            {
                return Err(error.into());
            }
            directories.push((relative.clone(), metadata));
            mirror(out, staging, &relative, out_metadata, change, directories)?;
        } else if kind.is_file() {
            std::fs::hard_link(&source, &destination).map_err(|error| {
                Step::Fallback(format!("cannot link `{}`: {error}", source.display()))
            })?;
        } else if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&source)?, &destination)?;
            copy_owner_and_mode(&destination, &metadata)?;
        } else {
            return Err(Step::Fallback(format!(
                "`{}` is a special file",
                source.display()
            )));
        }
    }
    Ok(())
}

/// Writes in place; see the module documentation.
fn in_place(out: &Path, change: &Change, files: &[OutputFile]) -> std::io::Result<()> {
    // First record every path this run may create, so that whatever happens next, each file
    // Meridian leaves is listed as its own.
    let mut union = change.before.clone();
    union.paths.extend(change.generated.iter().cloned());
    replace_file(&out.join(INDEX_FILE), union.render().as_bytes(), false)?;
    for file in files {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| {
                error_at(format_args!("cannot create `{}`", parent.display()), &error)
            })?;
        }
        replace_file(
            &path,
            file.contents.as_bytes(),
            meridian_runbook::is_executable(&file.path),
        )?;
    }
    for removed in &change.removed {
        debug_assert!(is_layout_path(removed));
        let path = out.join(removed);
        if std::fs::symlink_metadata(&path).is_ok_and(|metadata| !metadata.is_dir()) {
            std::fs::remove_file(&path).map_err(|error| {
                error_at(format_args!("cannot remove `{}`", path.display()), &error)
            })?;
        }
    }
    replace_file(
        &out.join(INDEX_FILE),
        change.after.render().as_bytes(),
        false,
    )
}

/// Writes `path` through a temporary file beside it and a rename, so that the path always
/// holds a whole file, the old one or the new one; a link at `path` is replaced, not followed.
fn replace_file(path: &Path, contents: &[u8], executable: bool) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}{TEMPORARY_SUFFIX}"));
    write_file(&temporary, contents, executable)?;
    std::fs::rename(&temporary, path).map_err(|error| {
        let _ = std::fs::remove_file(&temporary);
        error_at(format_args!("cannot write `{}`", path.display()), &error)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staging_names_are_short_and_distinct() {
        let long = "x".repeat(250);
        assert!(staging_name(OsStr::new(&long)).len() < 40);
        assert_ne!(staging_name(OsStr::new("a")), staging_name(OsStr::new("b")));
    }

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    /// The entries of `directory`'s parent whose names start with `.meridian-` (staging or
    /// trash directories).
    #[cfg(target_os = "linux")]
    fn leftovers_beside(directory: &Path) -> Vec<String> {
        std::fs::read_dir(directory.parent().expect("parent"))
            .expect("listing")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.starts_with(".meridian-"))
            .collect()
    }

    /// The two threads together write every file, with its bytes and mode, through the staging
    /// directory, which is gone afterwards. (The sizes put the last file, and only it, on the
    /// second thread.)
    #[cfg(target_os = "linux")]
    #[test]
    fn new_files_are_written_by_halves_through_the_staging_directory() {
        use std::os::unix::fs::PermissionsExt as _;
        let root = std::env::temp_dir().join(format!("meridian-halves-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("out");
        let files = [
            file("cloudformation/a.template.json", &"a".repeat(2000)),
            file("cloudformation/b.template.json", "b\n"),
            file("runbooks/failover.sh", "#!/bin/sh\n"),
            file("runbooks/z.md", &"z".repeat(2000)),
        ];
        assert_eq!(halves(&files).1.len(), 1);
        let written = write_output(&out, &files, Target::All, || {}).expect("written");
        assert_eq!(written, Written::Exchanged);
        for written in &files {
            let path = out.join(&written.path);
            assert_eq!(
                std::fs::read_to_string(&path).expect("read"),
                written.contents
            );
            let mode = std::fs::metadata(&path)
                .expect("metadata")
                .permissions()
                .mode()
                & 0o111;
            assert_eq!(mode != 0, written.path.ends_with(".sh"), "{}", written.path);
        }
        let index = Index::read(&out).expect("index");
        assert_eq!(index.paths.len(), files.len());
        assert!(
            leftovers_beside(&out).is_empty(),
            "{:?}",
            leftovers_beside(&out)
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    /// Of two files that cannot be written, the one with the earlier path is reported, in
    /// whatever order they came; and a run that fails, or is abandoned, leaves the directory as
    /// it was, with nothing beside it.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_failed_or_abandoned_run_leaves_the_directory_as_it_was() {
        let root = std::env::temp_dir().join(format!("meridian-failing-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let out = root.join("out");
        let first = [file("runbooks/kept.md", "the previous generation\n")];
        write_output(&out, &first, Target::All, || {}).expect("written");
        std::fs::write(out.join("notes.txt"), "the user's\n").expect("user file");
        let before = |out: &Path| {
            (
                std::fs::read_to_string(out.join("runbooks/kept.md")).expect("kept"),
                std::fs::read_to_string(out.join("notes.txt")).expect("notes"),
                Index::read(out).expect("index"),
            )
        };
        let was = before(&out);

        // A file where a later file needs a folder cannot hold that file.
        let writing = Writing::begin(&out, Target::All, || {}).expect("begun");
        for path in [
            "runbooks/b.md",
            "runbooks/b.md/y.md",
            "runbooks/a.md",
            "runbooks/a.md/x.md",
        ] {
            writing.add(file(path, "text\n"));
        }
        let error = writing.finish().expect_err("cannot be written");
        assert!(error.to_string().contains("runbooks/a.md"), "{error}");
        assert!(!error.to_string().contains("runbooks/b.md"), "{error}");
        assert_eq!(before(&out), was);
        assert!(
            leftovers_beside(&out).is_empty(),
            "{:?}",
            leftovers_beside(&out)
        );

        let writing = Writing::begin(&out, Target::All, || {}).expect("begun");
        writing.add(file("runbooks/kept.md", "a new generation\n"));
        writing.abandon();
        assert_eq!(before(&out), was);
        assert!(
            leftovers_beside(&out).is_empty(),
            "{:?}",
            leftovers_beside(&out)
        );

        // A directory this run created goes again when the run is abandoned.
        let fresh = root.join("fresh");
        let writing = Writing::begin(&fresh, Target::All, || {}).expect("begun");
        writing.add(file("runbooks/a.md", "text\n"));
        writing.abandon();
        assert!(!fresh.exists());
        let _ = std::fs::remove_dir_all(&root);
    }
}
