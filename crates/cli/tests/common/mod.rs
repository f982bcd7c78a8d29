//! Scaffolding shared by the CLI's integration tests: the repository, snapshot settings, running the
//! `meridian` binary, and scratch directories that clean up after themselves. Each test file uses a
//! part of it, hence the allowances.

#![allow(dead_code, unused_imports)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use meridian_testkit::repository;

/// Snapshots live flat in `snapshots/` as `<kind>@<name>.snap`, without the asserted expression.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repository().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// Runs the `meridian` binary from the repository root, as a user would.
pub fn meridian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(repository())
        .args(args)
        .output()
        .expect("meridian runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, or `u8::MAX` when a signal ended the process.
pub fn exit_code(output: &Output) -> u8 {
    output
        .status
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .unwrap_or(u8::MAX)
}

/// A scratch directory, emptied when created and removed when dropped (also when a test panics).
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("meridian-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("scratch directory");
        Self(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
