//! The `meridian` binary: parses arguments and hands over to the library.

fn main() -> std::process::ExitCode {
    meridian::run(std::env::args_os())
}
