//! `cargo run -p meridian-codegen`: rewrites every generated file of the repository from `schemas/` and
//! `templates/`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = meridian_codegen::repository();
    let result = meridian_codegen::generate(&root).and_then(|files| {
        let stale = meridian_codegen::stale(&root, &files);
        meridian_codegen::write(&root, &files)?;
        Ok(stale)
    });
    match result {
        Ok(stale) if stale.is_empty() => {
            println!("every generated file is fresh");
            ExitCode::SUCCESS
        }
        Ok(stale) => {
            for path in stale {
                println!("rewrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("meridian-codegen: {error}");
            ExitCode::FAILURE
        }
    }
}
