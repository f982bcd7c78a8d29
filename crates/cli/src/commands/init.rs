//! `meridian init [DIR]`: a starter stack and the JSON Schema beside it, so that a stack kept
//! outside this repository gets editor validation and completion from its first line
//! (`# yaml-language-server: $schema=stack.schema.json` resolves next to the file).

use std::path::Path;

use crate::console::complain;
use crate::pipeline::check;
use crate::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE};

/// The starter: the bundled one-region stack, whose comments teach the format.
const STARTER: &str = include_str!("../../../../stacks/minimal.yaml");

/// The starter's own stack name, replaced by the one asked for.
const STARTER_NAME: &str = "stack: hello\n";

/// The files `init` writes in the directory.
pub const STACK_FILE: &str = "stack.yaml";
/// The schema file, named as the starter's first line names it.
pub const SCHEMA_FILE: &str = "stack.schema.json";

/// The starter stack named `name`.
pub fn starter(name: &str) -> String {
    STARTER.replacen(STARTER_NAME, &format!("stack: {name}\n"), 1)
}

/// `meridian init`: writes `DIR/stack.yaml` and `DIR/stack.schema.json`. Existing files are
/// kept unless `force` (exit 2, nothing written); a name Meridian refuses is reported as
/// `validate` would (exit 1, nothing written).
pub fn init(directory: &Path, name: &str, force: bool) -> u8 {
    let stack = starter(name);
    let stack_path = directory.join(STACK_FILE);
    if let Err(rejected) = check(&stack_path.display().to_string(), stack.as_bytes()) {
        crate::console::report(&rejected.report(&stack_path.display().to_string()));
        return EXIT_STACK_ERRORS;
    }
    let files = [
        (stack_path, stack),
        (directory.join(SCHEMA_FILE), super::schema_text()),
    ];
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(path, _)| path.symlink_metadata().is_ok())
            .map(|(path, _)| format!("`{}`", path.display()))
            .collect();
        if !existing.is_empty() {
            complain!(
                "meridian: {} already exists; nothing was written (--force replaces it)",
                existing.join(" and ")
            );
            return EXIT_USAGE;
        }
    }
    if let Err(error) = std::fs::create_dir_all(directory) {
        complain!("meridian: cannot create `{}`: {error}", directory.display());
        return EXIT_USAGE;
    }
    for (path, contents) in &files {
        if let Err(error) = std::fs::write(path, contents) {
            complain!("meridian: cannot write `{}`: {error}", path.display());
            return EXIT_USAGE;
        }
    }
    crate::console::status(&format!(
        "wrote {} and {}; next: meridian validate {}\n",
        files[0].0.display(),
        files[1].0.display(),
        files[0].0.display()
    ));
    EXIT_OK
}
