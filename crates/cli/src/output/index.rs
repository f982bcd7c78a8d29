//! The index of the files Meridian wrote into an output directory: one relative path a line,
//! sorted, under a comment line. It is what makes a file Meridian's; a file not listed (and not
//! at a path Meridian generates) is the user's.

use std::collections::BTreeSet;
use std::path::Path;

use super::is_layout_path;
use super::read::{NotRead, read_regular_file};

/// The index's name inside the output directory.
pub const INDEX_FILE: &str = ".meridian-files";

/// The index's first line.
const HEADER: &str = "# Files written by `meridian synth`: it replaces and removes only these. Generated; do not edit.";

/// The paths Meridian wrote, relative, `/`-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Every path, sorted.
    pub paths: BTreeSet<String>,
}

impl Index {
    /// Reads the index of `directory`; an absent index is empty. Lines that are not paths of
    /// Meridian's layout (an edited or hostile index) are ignored, so the index can only ever
    /// name Meridian's own kind of file. A link, a device or an oversized file in its place is
    /// an error: the index is never read through one.
    pub fn read(directory: &Path) -> std::io::Result<Self> {
        let path = directory.join(INDEX_FILE);
        match std::fs::symlink_metadata(&path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(error) => return Err(error),
            Ok(_) => {}
        }
        let bytes = match read_regular_file(&path)? {
            Ok(bytes) => bytes,
            Err(not_read) => {
                return Err(std::io::Error::other(format!(
                    "`{}` {}; move it away, it is not Meridian's index",
                    path.display(),
                    not_read.describe()
                )));
            }
        };
        let text = String::from_utf8_lossy(&bytes);
        Ok(Self {
            paths: text
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter(|line| is_layout_path(line))
                .map(str::to_owned)
                .collect(),
        })
    }

    /// The index file's bytes.
    pub fn render(&self) -> String {
        let mut text = String::with_capacity(64 * (self.paths.len() + 1));
        text.push_str(HEADER);
        text.push('\n');
        for path in &self.paths {
            text.push_str(path);
            text.push('\n');
        }
        text
    }

    /// Whether `path` is listed.
    pub fn contains(&self, path: &str) -> bool {
        self.paths.contains(path)
    }

    /// Whether a listed path lies under the directory `directory` (relative, no trailing `/`).
    pub fn has_under(&self, directory: &str) -> bool {
        let prefix = format!("{directory}/");
        self.paths
            .range(prefix.clone()..)
            .next()
            .is_some_and(|path| path.starts_with(&prefix))
    }
}

impl NotRead {
    /// Why an entry was not read, as the end of a sentence naming it.
    pub fn describe(&self) -> String {
        match self {
            Self::Symlink => "is a symbolic link (not followed)".to_owned(),
            Self::Directory => "is a directory".to_owned(),
            Self::Special(kind) => format!("is a {kind} (not read)"),
            Self::TooLarge(limit) => format!("is larger than {limit} bytes (not read)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_reads_back_only_layout_paths() {
        let directory = std::env::temp_dir().join(format!("meridian-index-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        std::fs::create_dir_all(&directory).expect("mkdir");
        let index = Index {
            paths: ["manifest.json", "terraform/main.tf.json"]
                .into_iter()
                .map(str::to_owned)
                .collect(),
        };
        std::fs::write(
            directory.join(INDEX_FILE),
            format!("{}../../etc/passwd\nnotes.txt\n", index.render()),
        )
        .expect("write");
        assert_eq!(Index::read(&directory).expect("read"), index);
        assert!(index.has_under("terraform") && !index.has_under("runbooks"));
        let _ = std::fs::remove_dir_all(&directory);
    }
}
