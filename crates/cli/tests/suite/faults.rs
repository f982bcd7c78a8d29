//! The CLI under hostile input and faults (issue 12): names at the edges of every naming rule,
//! links and devices in an output directory, closed and full stdout, quadratic-cost inputs,
//! deep templates, odd output directories, and stack text that would repaint a terminal. Each
//! test names the finding it covers.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::Read as _;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Scratch, exit_code, repository, stderr, stdout};
use meridian::Target;
use meridian::pipeline::{check, emit};

/// Runs `meridian` from `directory`, killed (and the test failed) after a minute.
fn meridian_in(directory: &Path, args: &[&str]) -> Output {
    meridian_with(directory, args, &[])
}

/// [`meridian_in`] with extra environment variables.
fn meridian_with(directory: &Path, args: &[&str], environment: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(directory)
        .envs(environment.iter().copied())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("meridian runs");
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("meridian {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

fn meridian(args: &[&str]) -> Output {
    meridian_in(&repository(), args)
}

fn utf8(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn minimal() -> String {
    std::fs::read_to_string(repository().join("stacks/minimal.yaml")).expect("minimal stack")
}

/// The minimal stack with a notification target, one alert and one dashboard named as given.
fn with_alert_and_dashboard(alert: &str, dashboard: &str) -> String {
    // JSON strings are YAML double-quoted scalars, with every control character escaped.
    let alert = serde_json::to_string(alert).expect("json");
    let dashboard = serde_json::to_string(dashboard).expect("json");
    format!(
        "{}\nnotifications:\n  - name: oncall\n    severities: [warning]\n    email: [ops@example.com]\nalerts:\n  - name: {alert}\n    condition: latency\n    threshold: 500\n    severity: warning\n    action: notify\ndashboards:\n  - name: {dashboard}\n    widgets:\n      - {{title: Latency, metric: latency, stat: p95}}\n",
        minimal()
    )
}

// Finding 1: a name `validate` accepts reaches every emitter and builds; a name one target would
// refuse is a located error. Names at the edges of every rule: first character, characters,
// length, and the issue's own examples.
#[test]
fn names_at_the_edges_of_every_rule_synthesize_or_are_located_errors() {
    let rejected = [
        "5xx-errors",
        "24h-overview",
        "9am",
        "500",
        "-leading-hyphen",
        "_leading-underscore",
        "",
        "has space",
        "dot.ted",
        "ünïcode",
        "tab\there",
        "esc\u{1b}[2J",
    ];
    let accepted = [
        "a",
        "Z",
        "x5xx-errors",
        "Latency_p95-high",
        "ends-with-",
        "double--hyphen",
        "a_",
    ];
    let longest_alert = "a".repeat(128);
    let too_long_alert = "a".repeat(129);
    let longest_dashboard = "d".repeat(246);
    let too_long_dashboard = "d".repeat(247);
    let mut cases: Vec<(String, String, bool)> = Vec::new();
    for name in rejected {
        cases.push((name.to_owned(), "ok".to_owned(), false));
        cases.push(("ok".to_owned(), name.to_owned(), false));
    }
    for name in accepted {
        cases.push((name.to_owned(), name.to_owned(), true));
    }
    cases.push((longest_alert, longest_dashboard, true));
    cases.push((too_long_alert, "ok".to_owned(), false));
    cases.push(("ok".to_owned(), too_long_dashboard, false));
    let templates = BTreeMap::new();
    for (alert, dashboard, valid) in cases {
        let stack = with_alert_and_dashboard(&alert, &dashboard);
        match check("edge.yaml", stack.as_bytes()) {
            Ok(checked) => {
                assert!(valid, "{alert:?} / {dashboard:?} passed validate");
                let files = emit(&checked.plan, Target::All, &templates)
                    .unwrap_or_else(|error| panic!("{alert:?} / {dashboard:?}: {error}"));
                assert!(files.iter().any(|f| f.path.starts_with("terraform/")));
            }
            Err(rejected) => {
                assert!(
                    !valid,
                    "{alert:?} / {dashboard:?}: {:#?}",
                    rejected.diagnostics
                );
                let names: Vec<_> = rejected
                    .diagnostics
                    .iter()
                    .filter(|d| ["E706", "E720"].iter().any(|code| d.code == *code))
                    .collect();
                assert!(!names.is_empty(), "{:#?}", rejected.diagnostics);
                assert!(
                    names.iter().all(|d| d.position.is_some()),
                    "{:#?}",
                    rejected.diagnostics
                );
            }
        }
    }
    // The binary: exit 1 with the error, not 101 with a panic.
    let scratch = Scratch::new("faults-names");
    let stack = scratch.path().join("names.yaml");
    std::fs::write(
        &stack,
        with_alert_and_dashboard("5xx-errors", "24h-overview"),
    )
    .expect("write");
    let output = meridian(&[
        "synth",
        utf8(&stack),
        "--out",
        utf8(&scratch.path().join("out")),
    ]);
    assert_eq!(exit_code(&output), 1, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("error[E706]"),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("must start with a letter"),
        "{}",
        stderr(&output)
    );
}

/// A committed output directory, as a pull request could craft it.
fn crafted_output(scratch: &Scratch) -> std::path::PathBuf {
    let out = scratch.path().join("out");
    let output = meridian(&["synth", "stacks/minimal.yaml", "--out", utf8(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    out
}

// Finding 5: `synth --check` and `diff` never follow a link out of the directory, never read a
// device and never block on a FIFO; they name such entries instead.
#[test]
fn check_and_diff_never_follow_links_or_read_devices() {
    let scratch = Scratch::new("faults-links");
    let out = crafted_output(&scratch);
    let manifest = out.join("manifest.json");
    std::fs::remove_file(&manifest).expect("remove");
    symlink("/proc/self/environ", &manifest).expect("symlink");
    symlink(
        "/dev/zero",
        out.join("cloudformation/hello-eu-central-1.template.json"),
    )
    .ok();
    std::fs::remove_file(out.join("cloudformation/hello-eu-central-1.template.json")).ok();
    symlink(
        "/dev/zero",
        out.join("cloudformation/hello-eu-central-1.template.json"),
    )
    .expect("symlink");
    let fifo = out.join("cloudformation/fifo.template.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let secret = "MERIDIAN_SECRET_FOR_THE_LEAK_TEST";
    // A FIFO that were opened would block: the runner's timeout fails the test instead.
    let run = |args: &[&str]| meridian_with(&repository(), args, &[(secret, "hunter2")]);
    let checked = run(&[
        "synth",
        "stacks/minimal.yaml",
        "--out",
        utf8(&out),
        "--check",
    ]);
    let text = format!("{}{}", stdout(&checked), stderr(&checked));
    assert_eq!(exit_code(&checked), 1, "{text}");
    assert!(
        !text.contains("hunter2") && !text.contains(secret),
        "{text}"
    );
    assert!(
        text.contains("manifest.json is a symbolic link (not followed)"),
        "{text}"
    );
    assert!(text.len() < 200_000, "{} bytes", text.len());
    let diffed = run(&["diff", utf8(&out), "stacks/minimal.yaml"]);
    let text = format!("{}{}", stdout(&diffed), stderr(&diffed));
    assert!(
        !text.contains("hunter2") && !text.contains(secret),
        "{text}"
    );
    assert!(text.contains("is a symbolic link (not followed)"), "{text}");
    assert!(text.contains("is a FIFO (not read)"), "{text}");
}

// Finding 6: a closed pipe ends the output quietly; a full device exits 2 with a message.
#[test]
fn closed_and_full_stdout_end_without_a_panic() {
    for args in [
        &["plan", "stacks/rail-backend.yaml"][..],
        &["schema"],
        &["graph", "stacks/rail-backend.yaml"],
        &["validate", "stacks/minimal.yaml"],
        &[
            "diff",
            "stacks/changes/widen-ingress.before.yaml",
            "stacks/changes/widen-ingress.after.yaml",
        ],
        &["--help"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_meridian"))
            .current_dir(repository())
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("meridian runs");
        // Close the reading end at once, like `| head -0`.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait");
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {}",
            output.status,
            stderr(&output)
        );
        assert!(
            !stderr(&output).contains("panicked"),
            "{args:?}: {}",
            stderr(&output)
        );

        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = Command::new(env!("CARGO_BIN_EXE_meridian"))
            .current_dir(repository())
            .args(args)
            .stdin(Stdio::null())
            .stdout(full)
            .output()
            .expect("meridian runs");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("cannot write to standard output"),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    }
}

// Finding 7: 45,000 misnamed environment variables are reported in linear time; a 1 MB value is
// neither compared with every candidate nor echoed whole.
#[test]
fn costs_stay_linear_under_the_input_limit() {
    let scratch = Scratch::new("faults-costs");
    let base = minimal();
    let variables: String = (0..45_000).map(|i| format!("      a-{i}: x\n")).collect();
    let many = base.replace(
        "    environment:\n      REGION: ${region}\n",
        &format!("    environment:\n      REGION: ${{region}}\n{variables}"),
    );
    assert!(many.len() < 1024 * 1024);
    let path = scratch.path().join("many.yaml");
    std::fs::write(&path, &many).expect("write");
    let started = Instant::now();
    let output = meridian(&["validate", utf8(&path)]);
    let elapsed = started.elapsed();
    assert_eq!(exit_code(&output), 1);
    // Each name is E321, and together they are beyond ECS's 64 KiB task definition (E327).
    assert!(
        stderr(&output).contains("45001 errors") && stderr(&output).contains("error[E327]"),
        "{}",
        &stderr(&output)[..2000]
    );
    // Quadratic, this took 109 s in a release build; linear, about 2 s in a debug build.
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");

    let zone = "A".repeat(1_000_000);
    let huge = base.replace(
        "    desired_count:\n      primary: 2\n",
        &format!(
            "    desired_count:\n      primary: 2\n    scaling:\n      capacity: {{primary: {{min: 1, max: 4}}}}\n      schedules:\n        - name: x\n          cron: cron(0 8 * * ? *)\n          timezone: {zone}\n          capacity: {{primary: {{min: 2, max: 3}}}}\n"
        ),
    );
    let path = scratch.path().join("zone.yaml");
    std::fs::write(&path, &huge).expect("write");
    let started = Instant::now();
    let output = meridian(&["validate", utf8(&path)]);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let report = stderr(&output);
    assert!(
        report.contains("error[E317]"),
        "{}",
        &report[..report.len().min(2000)]
    );
    assert!(
        report.contains("(1000000 characters)"),
        "{}",
        &report[..report.len().min(2000)]
    );
    assert!(report.len() < 4096, "the report is {} bytes", report.len());
}

// Finding 8: 5,000 nested blocks in a user template are refused with the template and line, not
// a stack overflow; a template that is not UTF-8 is named.
#[test]
fn hostile_templates_are_refused_by_name() {
    let scratch = Scratch::new("faults-templates");
    let templates = scratch.path().join("templates");
    std::fs::create_dir(&templates).expect("mkdir");
    std::fs::write(
        templates.join("deploy.sh.hbs"),
        format!(
            "#!/bin/sh\n{}x{}\n",
            "{{#if stack}}".repeat(5000),
            "{{/if}}".repeat(5000)
        ),
    )
    .expect("write");
    let out = scratch.path().join("out");
    let render = || {
        meridian(&[
            "render",
            "stacks/minimal.yaml",
            "--out",
            utf8(&out),
            "--templates",
            utf8(&templates),
        ])
    };
    let output = render();
    assert_eq!(exit_code(&output), 1, "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("deploy.sh.hbs") && message.contains("line 2"),
        "{message}"
    );
    assert!(message.contains("nest more than 64 levels"), "{message}");
    assert!(!out.exists());

    std::fs::write(
        templates.join("deploy.sh.hbs"),
        b"#!/bin/sh\necho \xE9t\xE9\n",
    )
    .expect("write");
    let output = render();
    assert_eq!(exit_code(&output), 2, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("deploy.sh.hbs"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("not UTF-8"), "{}", stderr(&output));
}

/// Every entry name of `directory`.
fn names(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// Finding 9: `.`, `out/sub/..`, the current directory, a 250-character name; owner and mode
// kept.
#[test]
fn odd_output_directories_work_and_keep_owner_and_mode() {
    let scratch = Scratch::new("faults-dirs");
    let stack = repository().join("stacks/minimal.yaml");
    let stack = utf8(&stack);

    // `--out .` from inside the directory: the caller's directory stays the same directory.
    let here = scratch.path().join("here");
    std::fs::create_dir(&here).expect("mkdir");
    std::fs::write(here.join("mine.txt"), "mine\n").expect("write");
    let inode = std::fs::metadata(&here).expect("here").ino();
    for _ in 0..2 {
        let output = meridian_in(&here, &["synth", stack, "--out", "."]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(std::fs::metadata(&here).expect("here").ino(), inode);
    assert!(here.join("manifest.json").is_file());
    assert_eq!(
        std::fs::read_to_string(here.join("mine.txt")).expect("mine"),
        "mine\n"
    );

    // `out/sub/..`
    let out = scratch.path().join("out");
    std::fs::create_dir_all(out.join("sub")).expect("mkdir");
    let dotted = out.join("sub/..");
    let output = meridian(&["synth", stack, "--out", utf8(&dotted)]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(out.join("manifest.json").is_file() && out.join("sub").is_dir());

    // A 250-character name.
    let long = scratch.path().join("n".repeat(250));
    for _ in 0..2 {
        let output = meridian(&["synth", stack, "--out", utf8(&long)]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(long.join("manifest.json").is_file());

    // Owner and mode survive a synthesis (the test runs as root in CI; elsewhere the owner is
    // the caller's and only the mode is tried).
    let owned = scratch.path().join("owned");
    let output = meridian(&["synth", stack, "--out", utf8(&owned)]);
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::set_permissions(&owned, std::fs::Permissions::from_mode(0o2750)).expect("chmod");
    let is_root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if is_root {
        std::os::unix::fs::chown(&owned, Some(4242), Some(4343)).expect("chown");
    }
    let before = std::fs::metadata(&owned).expect("owned");
    let output = meridian(&["synth", stack, "--out", utf8(&owned)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let after = std::fs::metadata(&owned).expect("owned");
    assert_eq!(after.mode() & 0o7777, 0o2750);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));

    // Nothing left beside them.
    assert_eq!(names(scratch.path()), {
        let mut expected = vec![
            "here".to_owned(),
            "n".repeat(250),
            "out".to_owned(),
            "owned".to_owned(),
        ];
        expected.sort();
        expected
    });
}

// Finding 10: limits named as what they are, control characters escaped on the terminal and in
// generated files, scripts executable.
#[test]
fn limits_are_named_and_text_is_clean() {
    let scratch = Scratch::new("faults-text");
    let base = minimal();

    // 10,000 services and no alias: the node limit, not "aliases".
    let services: String = (0..10_000)
        .map(|i| format!("  - {{name: s{i}, image: x, cpu: 256, memory: 512, port: 80}}\n"))
        .collect();
    let many = base.replace("services:\n", &format!("services:\n{services}"));
    let path = scratch.path().join("many.yaml");
    std::fs::write(&path, many).expect("write");
    let report = stderr(&meridian(&["validate", utf8(&path)]));
    assert!(report.contains("error[E005]"), "{report}");
    assert!(
        report.contains("the document has more than 100000 nodes"),
        "{report}"
    );
    assert!(!report.contains("alias"), "{report}");

    // A whole number too large for the field: out of range, not "expects a whole number".
    let path = scratch.path().join("large.yaml");
    std::fs::write(
        &path,
        base.replace("primary: 2", "primary: 18446744073709551615"),
    )
    .expect("write");
    let report = stderr(&meridian(&["validate", utf8(&path)]));
    assert!(report.contains("is out of range"), "{report}");
    assert!(report.contains("0 and 4294967295"), "{report}");
    assert!(!report.contains("expects a whole number"), "{report}");

    // Deep nesting: the nesting limit, not an unclosed bracket.
    let path = scratch.path().join("deep.yaml");
    std::fs::write(
        &path,
        format!(
            "stack: x\nregions: {}{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    )
    .expect("write");
    let report = stderr(&meridian(&["validate", utf8(&path)]));
    assert!(
        report.contains("error[E005]") && report.contains("nests deeper"),
        "{report}"
    );
    assert!(
        !report.contains("unclosed") && !report.contains("never closed"),
        "{report}"
    );

    // ESC sequences from the stack reach neither the terminal nor generated files.
    let escape = "\u{1b}]0;pwned\u{7}\u{1b}[2J";
    let hostile = base
        .replace(
            "description: A single-region HTTP service.",
            &format!("description: \"A service{}\"", "\\e]0;pwned\\a\\e[2J"),
        )
        .replace("stack: hello", "stack: \"hello\\e[2J\"");
    let path = scratch.path().join("hostile.yaml");
    std::fs::write(&path, &hostile).expect("write");
    let rejected = meridian(&["validate", utf8(&path)]);
    assert_eq!(exit_code(&rejected), 1);
    assert!(
        !stderr(&rejected).contains('\u{1b}'),
        "{:?}",
        stderr(&rejected)
    );
    assert!(
        stderr(&rejected).contains("\\u{1b}"),
        "{:?}",
        stderr(&rejected)
    );
    let path = scratch.path().join("described.yaml");
    std::fs::write(
        &path,
        base.replace(
            "description: A single-region HTTP service.",
            &format!("description: \"A service{}\"", "\\e]0;pwned\\a\\e[2J"),
        ),
    )
    .expect("write");
    let out = scratch.path().join("out");
    let output = meridian(&["synth", utf8(&path), "--out", utf8(&out)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = meridian(&["plan", utf8(&path)]);
    assert!(!stdout(&plan).contains('\u{1b}'), "{:?}", stdout(&plan));
    for entry in std::fs::read_dir(out.join("runbooks")).expect("runbooks") {
        let entry = entry.expect("entry");
        let text = std::fs::read_to_string(entry.path()).expect("runbook");
        assert!(
            !text.contains(escape) && !text.contains('\u{1b}'),
            "{:?}",
            entry.path()
        );
        let mode = entry.metadata().expect("metadata").mode() & 0o777;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".sh") {
            assert_eq!(mode & 0o111, 0o111, "{name} is not executable");
        } else {
            assert_eq!(mode & 0o111, 0, "{name} is executable");
        }
    }
    let architecture =
        std::fs::read_to_string(out.join("runbooks/ARCHITECTURE.md")).expect("architecture");
    assert!(architecture.contains("\\u{1b}"), "{architecture}");
    let help = Command::new(out.join("runbooks/deploy.sh"))
        .arg("--help")
        .output()
        .expect("deploy.sh runs");
    assert!(!String::from_utf8_lossy(&help.stdout).contains('\u{1b}'));
}
