//! Writes the CloudFormation output of every bundled stack (`stacks/*.yaml`) under a directory, one
//! folder per stack, so that the oracles (`cfn-check`, `iac-security-check`) can read it:
//!
//! ```text
//! cargo run -p meridian-cfn --example synthesize_bundled -- /tmp/meridian-cfn
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out_dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: synthesize_bundled OUTPUT_DIRECTORY");
        return ExitCode::from(2);
    };
    let stacks = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stacks");
    let mut names: Vec<PathBuf> = match std::fs::read_dir(&stacks) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "yaml")
            })
            .collect(),
        Err(error) => {
            eprintln!("cannot list {}: {error}", stacks.display());
            return ExitCode::FAILURE;
        }
    };
    names.sort();
    for path in names {
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("cannot read {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        };
        let Ok(loaded) = meridian_model::load_stack(&name, &bytes) else {
            eprintln!("{name}: does not load");
            return ExitCode::FAILURE;
        };
        let Some(plan) = meridian_plan::plan(&loaded.stack).plan else {
            eprintln!("{name}: does not plan");
            return ExitCode::FAILURE;
        };
        for file in meridian_cfn::synthesize(&plan) {
            let target = out_dir.join(&name).join(&file.path);
            let written = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&target, &file.contents));
            if let Err(error) = written {
                eprintln!("cannot write {}: {error}", target.display());
                return ExitCode::FAILURE;
            }
        }
        println!("{name}: written to {}", out_dir.join(&name).display());
    }
    ExitCode::SUCCESS
}
