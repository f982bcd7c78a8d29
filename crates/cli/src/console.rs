//! Standard output and error without panics: `println!` panics when stdout is a closed pipe
//! (`meridian plan | head -1`) or a full device (`> /dev/full`). Here a closed pipe ends the
//! printing quietly (the command's own exit status stands) and any other write error is kept,
//! so that the command exits with status 2 and a message. Errors writing to stderr are ignored:
//! there is nowhere left to report them. Control characters from a stack are escaped on the
//! way out (see `meridian_model::text::escape_control`).
//!
//! Two settings of the whole process live here: `--quiet` (status lines such as `ok: ...` and
//! `wrote ...` are not printed; reports, errors and the output a command exists for are) and
//! colour (reports to a terminal are coloured unless `NO_COLOR` is set or `--color never` is
//! given; a pipe or a file gets plain text, as the snapshots lock it).

use std::io::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--quiet`: status lines are not printed.
static QUIET: AtomicBool = AtomicBool::new(false);

/// Whether reports on stderr are coloured.
static COLOUR_STDERR: AtomicBool = AtomicBool::new(false);

/// When to colour, as `--color` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColourChoice {
    /// On a terminal, unless `NO_COLOR` is set to anything but the empty string.
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

impl ColourChoice {
    /// Whether to colour a stream that is (`terminal`) or is not a terminal, with `no_color`
    /// the value of `NO_COLOR` (<https://no-color.org>: set and not empty turns colour off).
    pub fn colours(self, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            Self::Always => true,
            Self::Never => false,
            Self::Auto => terminal && no_color.is_none_or(std::ffi::OsStr::is_empty),
        }
    }
}

/// Applies the process-wide settings; called once, after the arguments are parsed.
pub fn configure(quiet: bool, colour: ColourChoice) {
    use std::io::IsTerminal as _;
    QUIET.store(quiet, Ordering::Relaxed);
    let no_color = std::env::var_os("NO_COLOR");
    COLOUR_STDERR.store(
        colour.colours(std::io::stderr().is_terminal(), no_color.as_deref()),
        Ordering::Relaxed,
    );
}

/// Whether `--quiet` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Writes a status line (`ok: ...`, `wrote ...`) to stdout, unless `--quiet`.
pub fn status(text: &str) {
    if !quiet() {
        print(text);
    }
}

/// Writes a diagnostics report to stderr, coloured when stderr takes colour.
pub fn report(text: &str) {
    if COLOUR_STDERR.load(Ordering::Relaxed) {
        write_stderr(&paint_report(&meridian_model::text::escape_control(text)));
    } else {
        eprint(text);
    }
}

const RED_BOLD: &str = "\x1b[1;31m";
const YELLOW_BOLD: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[34m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A report rendered by `crate::render` with ANSI colours: the severity and code red or yellow,
/// locations and the source gutter blue, help lines cyan, the summary line bold. The text
/// itself is unchanged, so a report reads the same with colour removed.
pub fn paint_report(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let painted = if let Some(rest) = body.strip_prefix("error[") {
            paint_header(RED_BOLD, "error[", rest)
        } else if let Some(rest) = body.strip_prefix("warning[") {
            paint_header(YELLOW_BOLD, "warning[", rest)
        } else if body.trim_start().starts_with("--> ") || body.trim_start() == "|" {
            format!("{BLUE}{body}{RESET}")
        } else if let Some(rest) = body.strip_prefix("  = help:") {
            format!("  {CYAN}= help:{RESET}{rest}")
        } else if body.contains(" | ")
            && body
                .split(" | ")
                .next()
                .is_some_and(|gutter| gutter.trim().chars().all(|c| c.is_ascii_digit()))
        {
            let (gutter, source) = body.split_once(" | ").unwrap_or((body, ""));
            format!("{BLUE}{gutter} |{RESET} {source}")
        } else if body.ends_with("nothing was written") || body.ends_with("warnings") {
            format!("{BOLD}{body}{RESET}")
        } else {
            body.to_owned()
        };
        out.push_str(&painted);
        out.push_str(newline);
    }
    out
}

/// `error[E101]: message` with `error[E101]` coloured.
fn paint_header(colour: &str, opening: &str, rest: &str) -> String {
    match rest.split_once("]:") {
        Some((code, message)) => format!("{colour}{opening}{code}]{RESET}:{message}"),
        None => format!("{opening}{rest}"),
    }
}

/// Set once stdout is a closed pipe: nothing more is written to it.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// The first error writing to stdout other than a closed pipe.
static STDOUT_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// Writes `text` to stdout and flushes it.
pub fn print(text: &str) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    let text = meridian_model::text::escape_control(text);
    let result = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
    match result {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
        Err(error) => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            if let Ok(mut slot) = STDOUT_ERROR.lock() {
                slot.get_or_insert_with(|| error.to_string());
            }
        }
    }
}

/// Writes `text` to stderr, ignoring errors.
pub fn eprint(text: &str) {
    let text = meridian_model::text::escape_control(text);
    write_stderr(&text);
}

fn write_stderr(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// The error that stopped stdout, other than a closed pipe.
pub fn stdout_error() -> Option<String> {
    STDOUT_ERROR.lock().ok().and_then(|slot| slot.clone())
}

/// `println!` to [`print`].
macro_rules! say {
    ($($argument:tt)*) => {
        $crate::console::print(&format!("{}\n", format_args!($($argument)*)))
    };
}

/// `eprintln!` to [`eprint`].
macro_rules! complain {
    ($($argument:tt)*) => {
        $crate::console::eprint(&format!("{}\n", format_args!($($argument)*)))
    };
}

pub(crate) use {complain, say};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_follows_the_terminal_and_no_color() {
        use std::ffi::OsStr;
        assert!(ColourChoice::Auto.colours(true, None));
        assert!(!ColourChoice::Auto.colours(false, None));
        assert!(!ColourChoice::Auto.colours(true, Some(OsStr::new("1"))));
        // An empty NO_COLOR does not count (no-color.org).
        assert!(ColourChoice::Auto.colours(true, Some(OsStr::new(""))));
        assert!(ColourChoice::Always.colours(false, Some(OsStr::new("1"))));
        assert!(!ColourChoice::Never.colours(true, None));
    }

    #[test]
    fn painting_only_adds_colour() {
        let report = "error[E101]: `x` is not an AWS region code\n --> a.yaml:3:11\n  |\n3 |   - code: x\n  |           ^\n  = at: regions[0].code\n  = help: did you mean `us-east-1`?\n\na.yaml: 1 error, 0 warnings; nothing was written\n";
        let painted = paint_report(report);
        assert!(
            painted.starts_with("\x1b[1;31merror[E101]\x1b[0m:"),
            "{painted}"
        );
        assert!(painted.contains("\x1b[36m= help:\x1b[0m"), "{painted}");
        let stripped = painted
            .split('\x1b')
            .enumerate()
            .map(|(index, part)| {
                if index == 0 {
                    part
                } else {
                    part.split_once('m').map_or(part, |(_, rest)| rest)
                }
            })
            .collect::<String>();
        assert_eq!(stripped, report);
    }
}
