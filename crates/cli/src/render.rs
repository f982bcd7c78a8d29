//! Rendering diagnostics for people: code, message, `file:line:column`, the stack path, the
//! source line with a caret, and the help line. Plain text, so that snapshots and CI logs read the
//! same (`console::report` adds colour on a terminal). Values echoed in backticks are shortened when long
//! (`meridian_model::text::shorten_quoted`), and the whole report costs time linear in its size:
//! the source's lines are indexed once, not searched per diagnostic.

use std::fmt::Write as _;

use meridian_model::text::{shorten, shorten_quoted};
use meridian_model::{Diagnostic, Position, Severity, SourceText};

use crate::words::count;

/// The lines of a source text, split once for a whole report.
struct Lines<'a>(Vec<&'a str>);

impl<'a> Lines<'a> {
    fn of(source: Option<&'a SourceText>) -> Option<Self> {
        source.map(|source| Self(source.text.split('\n').collect()))
    }

    fn line(&self, number: usize) -> Option<&'a str> {
        self.0.get(number.checked_sub(1)?).copied()
    }
}

/// Renders one diagnostic against its source (when the text could be read).
pub fn render_diagnostic(
    file: &str,
    source: Option<&SourceText>,
    diagnostic: &Diagnostic,
) -> String {
    render_with_lines(file, Lines::of(source).as_ref(), diagnostic)
}

fn render_with_lines(file: &str, lines: Option<&Lines<'_>>, diagnostic: &Diagnostic) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}[{}]: {}",
        diagnostic.severity,
        diagnostic.code,
        shorten_quoted(&diagnostic.message)
    );
    location_block(
        &mut out,
        file,
        lines,
        diagnostic.position,
        &diagnostic.path.to_string(),
    );
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "  = help: {}", shorten_quoted(help));
    }
    for related in &diagnostic.related {
        let _ = writeln!(out, "note: {}", shorten_quoted(&related.message));
        location_block(
            &mut out,
            file,
            lines,
            related.position,
            &related.path.to_string(),
        );
    }
    out
}

fn location_block(
    out: &mut String,
    file: &str,
    lines: Option<&Lines<'_>>,
    position: Option<Position>,
    path: &str,
) {
    match position {
        Some(position) => {
            let number = position.line.to_string();
            let gutter = " ".repeat(number.len());
            let _ = writeln!(
                out,
                "{gutter}--> {file}:{}:{}",
                position.line, position.column
            );
            if let Some(line) = lines.and_then(|lines| lines.line(position.line)) {
                let (line, column) = excerpt(line, position.column);
                let caret_offset: String = line
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let _ = writeln!(out, "{gutter} |");
                let _ = writeln!(out, "{number} | {line}");
                let _ = writeln!(out, "{gutter} | {caret_offset}^");
            }
        }
        None => {
            let _ = writeln!(out, " --> {file}");
        }
    }
    if path != "(document)" {
        let _ = writeln!(out, "  = at: {}", shorten(path));
    }
}

/// Source lines longer than this are shown as a window around the column.
const EXCERPT_WIDTH: usize = 160;

/// The part of `line` shown under a location, and the column in it: the whole line, or for a
/// long one (minified YAML, a file of NUL bytes from `/dev/zero`) a window of
/// [`EXCERPT_WIDTH`] characters around `column`, cut ends marked with `…`.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let length = line.chars().count();
    if length <= EXCERPT_WIDTH {
        return (line.to_owned(), column);
    }
    let start = column
        .saturating_sub(1)
        .saturating_sub(EXCERPT_WIDTH / 2)
        .min(length - EXCERPT_WIDTH);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(start).take(EXCERPT_WIDTH));
    if start + EXCERPT_WIDTH < length {
        shown.push('…');
    }
    (shown, column - start + usize::from(start > 0))
}

/// Renders every diagnostic and a summary line.
pub fn render_report(
    file: &str,
    source: Option<&SourceText>,
    diagnostics: &[Diagnostic],
) -> String {
    let mut out = String::new();
    let lines = Lines::of(source);
    for diagnostic in diagnostics {
        out.push_str(&render_with_lines(file, lines.as_ref(), diagnostic));
        out.push('\n');
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let (error_count, warning_count) = (
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
    );
    if errors > 0 {
        let _ = writeln!(
            out,
            "{file}: {error_count}, {warning_count}; nothing was written"
        );
    } else if warnings > 0 {
        let _ = writeln!(out, "{file}: {warning_count}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use meridian_model::StackPath;

    #[test]
    fn renders_caret_under_the_column() {
        let source = SourceText {
            name: "x.yaml".into(),
            text: "stack: demo\nregions:\n  - code: us-east-9\n".into(),
        };
        let diagnostic = Diagnostic::new(
            meridian_model::codes::E101,
            StackPath::parse("regions[0].code"),
            "`us-east-9` is not an AWS region code",
        )
        .with_help("did you mean `us-east-1`?")
        .at(Position {
            line: 3,
            column: 11,
        });
        let text = render_diagnostic("x.yaml", Some(&source), &diagnostic);
        assert_eq!(
            text,
            "error[E101]: `us-east-9` is not an AWS region code\n --> x.yaml:3:11\n  |\n3 |   - code: us-east-9\n  |           ^\n  = at: regions[0].code\n  = help: did you mean `us-east-1`?\n"
        );
    }

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_column() {
        let line = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let (shown, column) = excerpt(&line, 1001);
        assert_eq!(shown.chars().count(), EXCERPT_WIDTH + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(column - 1), Some('X'));
        // The ends: no marker on the side that is not cut.
        let (start, column) = excerpt(&line, 1);
        assert!(!start.starts_with('…') && start.ends_with('…'));
        assert_eq!(column, 1);
        let (end, column) = excerpt(&line, 2001);
        assert!(end.starts_with('…') && !end.ends_with('…'));
        assert_eq!(end.chars().nth(column - 1), Some('b'));
        // Short lines are whole.
        assert_eq!(excerpt("stack: demo", 8), ("stack: demo".to_owned(), 8));
    }
}
