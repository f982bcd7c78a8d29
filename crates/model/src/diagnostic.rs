//! Diagnostics shared by the loader and the plan's checks: a stable code, a message naming the
//! bad value, the stack path, and a help line. Positions are attached from the source map;
//! rendering with source excerpts is the CLI's job.

use std::fmt;

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
    /// Stable code, e.g. `E301`; documented in README.
    pub code: &'static str,
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

impl Diagnostic {
    /// An error at `path`.
    pub fn error(code: &'static str, path: StackPath, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            path,
            position: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// A warning at `path`.
    pub fn warning(code: &'static str, path: StackPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, path, message)
        }
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
