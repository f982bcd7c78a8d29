//! The `meridian` binary as a user runs it: exit codes, `synth --check` after edits to the output
//! or the stack, atomic writes, and user templates.

use std::path::Path;
use std::process::Output;

use crate::common::{Scratch, meridian, repository, stderr, stdout};

fn synth(stack: &str, out: &Path) {
    let output = meridian(&["synth", stack, "--out", out.to_str().expect("utf-8 path")]);
    assert!(output.status.success(), "synth failed: {}", stderr(&output));
}

fn check(stack: &str, out: &Path) -> Output {
    meridian(&[
        "synth",
        stack,
        "--out",
        out.to_str().expect("utf-8 path"),
        "--check",
    ])
}

#[test]
fn exit_codes_follow_the_readme() {
    assert_eq!(
        meridian(&["validate"]).status.code(),
        Some(0),
        "the default stack validates"
    );
    assert_eq!(
        meridian(&[
            "validate",
            "stacks/invalid/E407-replica-weights-sum-to-90.yaml"
        ])
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        meridian(&["validate", "stacks/does-not-exist.yaml"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(meridian(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        meridian(&["synth", "--target", "cobol"]).status.code(),
        Some(2)
    );
    let rejected = meridian(&[
        "validate",
        "stacks/invalid/E407-replica-weights-sum-to-90.yaml",
    ]);
    let report = stderr(&rejected);
    assert!(report.contains("error[E407]"), "{report}");
    assert!(
        report.contains("stacks/invalid/E407-replica-weights-sum-to-90.yaml:"),
        "{report}"
    );
    assert!(report.contains("= at: database.read_replicas"), "{report}");
}

#[test]
fn check_passes_on_a_fresh_synthesis_and_fails_after_any_edit() {
    let scratch = Scratch::new("check");
    let out = scratch.path().join("out");
    let stack = "stacks/minimal.yaml";
    synth(stack, &out);
    let fresh = check(stack, &out);
    assert_eq!(
        fresh.status.code(),
        Some(0),
        "{}{}",
        stdout(&fresh),
        stderr(&fresh)
    );
    let before: Vec<u8> = std::fs::read(out.join("manifest.json")).expect("manifest");

    // An edited output file: exit 1, a unified diff naming the file, the command to update.
    let template = out.join("cloudformation/hello-eu-central-1.template.json");
    let original = std::fs::read_to_string(&template).expect("template");
    std::fs::write(
        &template,
        original.replacen("\"Resources\"", "\"Resources\" ", 1),
    )
    .expect("edit");
    let edited = check(stack, &out);
    assert_eq!(edited.status.code(), Some(1));
    let text = stdout(&edited);
    assert!(
        text.contains("--- a/cloudformation/hello-eu-central-1.template.json"),
        "{text}"
    );
    assert!(
        text.contains("+++ b/cloudformation/hello-eu-central-1.template.json"),
        "{text}"
    );
    assert!(
        text.contains("to update them: meridian synth stacks/minimal.yaml --out"),
        "{text}"
    );
    std::fs::write(&template, &original).expect("restore");

    // A missing file and a file of the user's.
    std::fs::remove_file(out.join("terraform/outputs.tf.json")).expect("remove");
    std::fs::write(out.join("terraform/stray.tf.json"), "{}\n").expect("extra");
    let missing = check(stack, &out);
    assert_eq!(missing.status.code(), Some(1));
    let text = stdout(&missing);
    assert!(
        text.contains("missing: ") && text.contains("outputs.tf.json"),
        "{text}"
    );
    // A file Meridian did not write is the user's: listed apart, never "extra".
    assert!(
        text.contains("foreign: ") && text.contains("stray.tf.json"),
        "{text}"
    );
    assert!(!text.contains("extra: "), "{text}");
    // Check mode wrote nothing.
    assert!(!out.join("terraform/outputs.tf.json").exists());
    assert_eq!(
        std::fs::read(out.join("manifest.json")).expect("manifest"),
        before
    );

    // An edited stack against the committed output.
    synth(stack, &out);
    let edited_stack = scratch.path().join("hello.yaml");
    let text = std::fs::read_to_string(repository().join(stack)).expect("stack");
    std::fs::write(&edited_stack, text.replace("primary: 2", "primary: 3")).expect("edited stack");
    let drifted = check(edited_stack.to_str().expect("utf-8"), &out);
    assert_eq!(drifted.status.code(), Some(1));
    assert!(
        stdout(&drifted).contains("DesiredCount"),
        "{}",
        stdout(&drifted)
    );
}

#[test]
fn a_stack_with_errors_writes_nothing() {
    let scratch = Scratch::new("errors");
    let out = scratch.path().join("out");
    let output = meridian(&[
        "synth",
        "stacks/invalid/E302-fargate-memory-does-not-fit-cpu.yaml",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        !out.exists(),
        "an output directory was created for a stack with errors"
    );
    assert!(stderr(&output).contains("nothing was written"));

    // An existing output directory is left exactly as it was.
    synth("stacks/minimal.yaml", &out);
    let manifest = std::fs::read(out.join("manifest.json")).expect("manifest");
    let entries = std::fs::read_dir(&out).expect("out").count();
    let again = meridian(&[
        "synth",
        "stacks/invalid/E302-fargate-memory-does-not-fit-cpu.yaml",
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        std::fs::read(out.join("manifest.json")).expect("manifest"),
        manifest
    );
    assert_eq!(std::fs::read_dir(&out).expect("out").count(), entries);
    let siblings: Vec<String> = std::fs::read_dir(scratch.path())
        .expect("scratch")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings, ["out"], "staging directories were left behind");
}

#[test]
fn a_user_template_replaces_only_its_own_output_and_a_broken_one_writes_nothing() {
    let scratch = Scratch::new("templates");
    let out = scratch.path().join("out");
    let stack = "stacks/minimal.yaml";
    synth(stack, &out);
    let before_runbooks = files_in(&out.join("runbooks"));
    let templates = scratch.path().join("templates");
    std::fs::create_dir_all(&templates).expect("templates dir");
    let render = || {
        meridian(&[
            "render",
            stack,
            "--out",
            out.to_str().expect("utf-8"),
            "--templates",
            templates.to_str().expect("utf-8"),
        ])
    };

    // A valid override of ARCHITECTURE.md changes that file only.
    std::fs::write(
        templates.join("ARCHITECTURE.md.hbs"),
        "# {{stack}}\n\nOur own architecture page.\n",
    )
    .expect("override");
    let output = render();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for (name, contents) in &before_runbooks {
        let now = std::fs::read(out.join("runbooks").join(name)).expect("runbook");
        if name == "ARCHITECTURE.md" {
            assert_eq!(now, b"# hello\n\nOur own architecture page.\n");
        } else {
            assert_eq!(
                &now, contents,
                "{name} changed although only ARCHITECTURE.md was overridden"
            );
        }
    }

    // A broken override: exit 1, the file and line, and nothing written.
    let snapshot = files_in(&out.join("runbooks"));
    std::fs::write(
        templates.join("deploy.sh.hbs"),
        "#!/usr/bin/env bash\n{{#each units}}\n{{no_such_field}}\n{{/each}}\n",
    )
    .expect("broken");
    let broken = render();
    assert_eq!(broken.status.code(), Some(1));
    let message = stderr(&broken);
    assert!(
        message.contains("deploy.sh.hbs") && message.contains("line 3"),
        "{message}"
    );
    assert!(message.contains("nothing was written"), "{message}");
    for (name, contents) in &snapshot {
        assert_eq!(
            &std::fs::read(out.join("runbooks").join(name)).expect("runbook"),
            contents,
            "{name} was rewritten"
        );
    }
}

/// Every file directly in `dir`, by name, with its contents.
fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("directory")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("file"))
        })
        .collect();
    files.sort();
    files
}
