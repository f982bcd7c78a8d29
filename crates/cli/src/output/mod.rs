//! The output directory (`out/<stack>/`) as Meridian owns it: which files are Meridian's (the
//! index), reading it without following links or reading devices, the per-directory lock, and
//! writing a synthesis so that a kill at any instant loses nothing.
//!
//! Ownership: Meridian records every file it writes in [`INDEX_FILE`] inside the directory and
//! replaces or removes only the files listed there (and the paths it generates); everything else
//! is the user's and is never read, moved or deleted.

mod index;
mod lock;
mod read;
mod write;

pub use index::{INDEX_FILE, Index};
pub use lock::DirectoryLock;
pub use read::{Listing, MAX_OUTPUT_FILE_BYTES, NotRead, list_output, read_regular_file};
pub use write::{WriteError, Writing, Written, write_output};

use crate::Target;

/// Whether `path` (relative to the output directory, `/`-separated; a directory's path may end
/// with `/`) is, or lies in, what `target` writes. The layout is the emitters': each exports the
/// directory (and the CloudFormation emitter the manifest) it writes to.
pub fn owned(path: &str, target: Target) -> bool {
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

/// Whether `path` is a relative path Meridian could have written: plain `/`-separated names
/// (no `.`, `..`, empty or absolute parts, no control characters) inside the layout. Paths read
/// back from an index on disk pass this before Meridian acts on them, so an edited index cannot
/// make it touch anything outside its own files.
pub fn is_layout_path(path: &str) -> bool {
    !path.is_empty()
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && !path.chars().any(char::is_control)
        && owned(path, Target::All)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_paths_stay_inside_the_layout() {
        assert!(is_layout_path("terraform/main.tf.json"));
        assert!(is_layout_path("manifest.json"));
        assert!(!is_layout_path("terraform/../../etc/passwd"));
        assert!(!is_layout_path("/etc/passwd"));
        assert!(!is_layout_path("terraform//main.tf.json"));
        assert!(!is_layout_path("notes.txt"));
        assert!(!is_layout_path("runbooks/a\nb"));
    }
}
