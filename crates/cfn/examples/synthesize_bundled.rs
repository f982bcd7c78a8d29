//! Writes the CloudFormation output of every bundled stack (`stacks/*.yaml`) under a directory, one
//! folder per stack, so that the oracles (`cfn-check`, `iac-security-check`) can read it:
//!
//! ```text
//! cargo run -p meridian-cfn --example synthesize_bundled -- /tmp/meridian-cfn
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out_dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: synthesize_bundled OUTPUT_DIRECTORY");
        return ExitCode::from(2);
    };
    // Panics, with the diagnostics, when a bundled stack does not load or plan.
    for stack in meridian_testkit::bundled_plans() {
        let name = &stack.name;
        for file in meridian_cfn::synthesize(&stack.plan) {
            let target = out_dir.join(name).join(&file.path);
            let written = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&target, &file.contents));
            if let Err(error) = written {
                eprintln!("cannot write {}: {error}", target.display());
                return ExitCode::FAILURE;
            }
        }
        println!("{name}: written to {}", out_dir.join(name).display());
    }
    ExitCode::SUCCESS
}
