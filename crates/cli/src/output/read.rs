//! Reading an output directory as untrusted input: a symbolic link is never followed (a committed
//! `manifest.json -> /proc/self/environ` must not print the environment), a device, FIFO or
//! socket is never opened for reading (`/dev/zero` never ends, a FIFO blocks), and a regular file
//! is read only up to [`MAX_OUTPUT_FILE_BYTES`]. What is not read is named, with why.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;

/// The largest file read back from an output directory. CloudFormation accepts templates up to
/// 1 MB from S3; anything far larger was not written by Meridian.
pub const MAX_OUTPUT_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why an entry of an output directory was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotRead {
    /// A symbolic link: never followed.
    Symlink,
    /// A directory where a file was expected.
    Directory,
    /// A FIFO, socket or device: never opened for reading.
    Special(&'static str),
    /// A regular file larger than the limit.
    TooLarge(u64),
}

fn special_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    let _ = file_type;
    "special file"
}

/// What kind of entry `file_type` is, when it is not a regular file.
pub(super) fn not_regular(file_type: std::fs::FileType) -> Option<NotRead> {
    if file_type.is_file() {
        None
    } else if file_type.is_symlink() {
        Some(NotRead::Symlink)
    } else if file_type.is_dir() {
        Some(NotRead::Directory)
    } else {
        Some(NotRead::Special(special_kind(file_type)))
    }
}

/// Opens `path` for reading without following a symbolic link in its last component and without
/// blocking on a FIFO.
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(i32::try_from(flags.bits()).unwrap_or(0));
    }
    options.open(path)
}

/// Whether opening failed because the last component is a link and links are not followed.
fn is_link_refused(error: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(unix))]
    {
        let _ = error;
        false
    }
}

/// Reads the regular file at `path`, never through a link and never past
/// [`MAX_OUTPUT_FILE_BYTES`]; `Ok(Err(..))` says why another kind of entry was not read.
pub fn read_regular_file(path: &Path) -> std::io::Result<Result<Vec<u8>, NotRead>> {
    let metadata = std::fs::symlink_metadata(path)?;
    if let Some(not_read) = not_regular(metadata.file_type()) {
        return Ok(Err(not_read));
    }
    let file = match open_no_follow(path) {
        Ok(file) => file,
        // Replaced by a link between the look and the open.
        Err(error) if is_link_refused(&error) => {
            return Ok(Err(NotRead::Symlink));
        }
        Err(error) => return Err(error),
    };
    // The entry may have been swapped for a FIFO or device between the look and the open.
    if let Some(not_read) = not_regular(file.metadata()?.file_type()) {
        return Ok(Err(not_read));
    }
    let mut bytes = Vec::new();
    file.take(MAX_OUTPUT_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_OUTPUT_FILE_BYTES {
        return Ok(Err(NotRead::TooLarge(MAX_OUTPUT_FILE_BYTES)));
    }
    Ok(Ok(bytes))
}

/// An output directory as read: the files read, and the entries left unread.
#[derive(Debug, Default)]
pub struct Listing {
    /// Regular files that were read, by relative path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Entries at paths to be read that are not regular files (or too large), with why.
    pub unreadable: BTreeMap<String, NotRead>,
    /// Entries that are not Meridian's (neither read nor entered), relative; a directory ends
    /// with `/`.
    pub foreign: Vec<String>,
}

/// `path` relative to the output directory, `/`-separated.
fn join(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}/{name}")
    }
}

/// Reads the entries of `root` that `read` selects, never following links: a directory is
/// entered when `enter` says some selected path lies in it (else it is foreign, listed once,
/// not entered); a file is read when `read` selects it, listed as foreign when `foreign` says it
/// is nobody else's, and otherwise passed over. `skip` names entries passed over silently.
pub fn list_output(
    root: &Path,
    read: impl Fn(&str) -> bool,
    enter: impl Fn(&str) -> bool,
    skip: impl Fn(&str) -> bool,
) -> std::io::Result<Listing> {
    let mut listing = Listing::default();
    if std::fs::symlink_metadata(root).is_err() {
        return Ok(listing);
    }
    let mut pending = vec![String::new()];
    while let Some(directory) = pending.pop() {
        let mut entries: Vec<(String, std::fs::FileType)> = Vec::new();
        for entry in std::fs::read_dir(root.join(&directory))? {
            let entry = entry?;
            // Names that are not UTF-8 cannot be Meridian's: they are foreign.
            let name = entry.file_name().to_string_lossy().into_owned();
            entries.push((join(&directory, &name), entry.file_type()?));
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (relative, file_type) in entries {
            if skip(&relative) {
                continue;
            }
            if file_type.is_dir() {
                if enter(&relative) {
                    pending.push(relative);
                } else if !read(&relative) {
                    listing.foreign.push(format!("{relative}/"));
                } else {
                    listing.unreadable.insert(relative, NotRead::Directory);
                }
            } else if read(&relative) {
                match read_regular_file(&root.join(&relative))? {
                    Ok(bytes) => {
                        listing.files.insert(relative, bytes);
                    }
                    Err(not_read) => {
                        listing.unreadable.insert(relative, not_read);
                    }
                }
            } else {
                listing.foreign.push(relative);
            }
        }
    }
    listing.foreign.sort();
    Ok(listing)
}

/// The set of directories (relative, no trailing `/`) that hold any of `paths`.
pub(super) fn ancestors<'a>(paths: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    let mut directories = BTreeSet::new();
    for path in paths {
        let mut rest = path.as_str();
        while let Some((parent, _)) = rest.rsplit_once('/') {
            directories.insert(parent.to_owned());
            rest = parent;
        }
    }
    directories
}
