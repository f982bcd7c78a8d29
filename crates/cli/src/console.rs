//! Standard output and error without panics: `println!` panics when stdout is a closed pipe
//! (`meridian plan | head -1`) or a full device (`> /dev/full`). Here a closed pipe ends the
//! printing quietly (the command's own exit status stands) and any other write error is kept,
//! so that the command exits with status 2 and a message. Errors writing to stderr are ignored:
//! there is nowhere left to report them. Control characters from a stack are escaped on the
//! way out (see `meridian_model::text::escape_control`).

use std::io::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

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
