//! Diagnostics shared by the loader and the plan's checks: a stable code, a message naming the
//! bad value, the stack path, and a help line. Positions are attached from the source map;
//! rendering with source excerpts is the CLI's job.

use std::fmt;

use crate::codes::{self, Code};
use crate::path::StackPath;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The stack cannot be synthesized.
    Error,
    /// The stack works, but probably not as intended.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
        })
    }
}

/// A line and column in the stack file, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Another place that explains a diagnostic, e.g. the first of two colliding names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub path: StackPath,
    /// What is there.
    pub message: String,
    /// Line and column, once resolved.
    pub position: Option<Position>,
}

/// One finding about a stack file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code from the registry ([`crate::codes`]), e.g. `E301`; its letter decides the
    /// severity.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Lowercase sentence naming the bad value and what is allowed.
    pub message: String,
    /// Where in the stack.
    pub path: StackPath,
    /// Line and column, once resolved against the source map.
    pub position: Option<Position>,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places involved.
    pub related: Vec<Related>,
}

/// What makes two diagnostics the same finding: code, position, path and message
/// ([`Diagnostic::identity`]).
pub type DiagnosticIdentity = (Code, Option<Position>, String, String);

impl Diagnostic {
    /// What makes this the same finding as another, so that a finding made once per environment
    /// of a file (a mistake of the base) is reported once.
    pub fn identity(&self) -> DiagnosticIdentity {
        (
            self.code,
            self.position,
            self.path.to_string(),
            self.message.clone(),
        )
    }

    /// A finding of `code` at `path`; the code's letter decides whether it is an error.
    pub fn new(code: Code, path: StackPath, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: code.severity(),
            message: message.into(),
            path,
            position: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// The one way Meridian reports a bug of its own (a broken invariant, never a mistake in the
    /// stack file): `E900` at the stack's root, saying so and asking for a report.
    pub fn bug(what: impl fmt::Display) -> Self {
        Self::new(codes::E900, StackPath::root(), bug_message(&what))
            .with_help("please report it with the stack file")
    }

    /// Adds the help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn with_related(mut self, path: StackPath, message: impl Into<String>) -> Self {
        self.related.push(Related {
            path,
            message: message.into(),
            position: None,
        });
        self
    }

    /// Sets the position directly (for loader errors that know it before any path does).
    #[must_use]
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    /// Whether this diagnostic stops synthesis.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The message of an internal bug: what broke, and that it is Meridian's fault.
pub fn bug_message(what: &dyn fmt::Display) -> String {
    format!("internal error: {what}; this is a bug in meridian")
}

/// Stops on a bug of Meridian's own: a broken invariant that no stack file can cause. Library code
/// calls this (never a bare `panic!`, `unwrap` or `expect`) so every internal failure reads the same
/// as the [`Diagnostic::bug`] the pipeline reports.
#[track_caller]
pub fn bug(what: impl fmt::Display) -> ! {
    panic!("{}", bug_message(&what))
}
