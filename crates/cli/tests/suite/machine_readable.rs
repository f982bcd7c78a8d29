//! What a team wires into a pipeline: `validate --format sarif` (validated against the vendored
//! SARIF 2.1.0 schema) and `--format json` (the documented, versioned shape), the exit codes of
//! `--deny-warnings` and `diff --fail-on`, every typo of a file in one run, colour and `--quiet`,
//! shell completions and the man page, and `meridian init`.

use std::path::Path;
use std::process::{Command, Output};

use meridian::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE};
use serde_json::Value as Json;

use crate::common::{Scratch, exit_code, meridian, repository, stderr, stdout};

/// Runs `meridian` from the repository root with extra environment variables.
fn meridian_with_env(arguments: &[&str], environment: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_meridian"));
    command.current_dir(repository()).args(arguments);
    for (name, value) in environment {
        command.env(name, value);
    }
    command.output().expect("meridian runs")
}

fn sarif_validator() -> jsonschema::Validator {
    let path = repository().join("crates/cli/tests/suite/data/sarif-2.1.0.json");
    let schema: Json =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the vendored schema"))
            .expect("JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, document: &Json) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|error| format!("{} at {}", error, error.instance_path))
        .collect()
}

/// A stack with one warning (W401: database sizing in a region without a database): the
/// minimal stack with a sizing it cannot use.
fn stack_with_a_warning(scratch: &Scratch) -> String {
    let text = std::fs::read_to_string(repository().join("stacks/minimal.yaml")).expect("readable");
    let text = text.replacen(
        "    role: primary\n",
        "    role: primary\n    sizing: { database_instance_class: db.r6g.large }\n",
        1,
    );
    let path = scratch.path().join("warned.yaml");
    std::fs::write(&path, text).expect("written");
    path.to_string_lossy().into_owned()
}

/// The seed stack with three independent typos: a misspelt key, a word outside its list and a
/// number written in words.
fn stack_with_three_typos(scratch: &Scratch) -> (String, Vec<usize>) {
    let text =
        std::fs::read_to_string(repository().join("stacks/rail-backend.yaml")).expect("readable");
    let edits = [
        ("    latency_target_ms: 50", "    latency_targt_ms: 50"),
        ("  scheme: internet-facing", "  scheme: internet-facin"),
        ("    cpu: 1024", "    cpu: one thousand"),
    ];
    let mut edited = text.clone();
    let mut lines = Vec::new();
    for (from, to) in edits {
        let at = edited
            .find(from)
            .unwrap_or_else(|| panic!("rail-backend.yaml has `{from}`"));
        lines.push(edited[..at].matches('\n').count() + 1);
        edited = edited.replacen(from, to, 1);
    }
    let path = scratch.path().join("typos.yaml");
    std::fs::write(&path, edited).expect("written");
    (path.to_string_lossy().into_owned(), lines)
}

#[test]
fn sarif_output_validates_against_the_sarif_schema_and_locates_every_finding() {
    let validator = sarif_validator();
    let scratch = Scratch::new("sarif");
    let warned = stack_with_a_warning(&scratch);
    let (typos, typo_lines) = stack_with_three_typos(&scratch);
    let output = meridian(&[
        "validate",
        "--format",
        "sarif",
        "stacks/minimal.yaml",
        &warned,
        &typos,
        "stacks/invalid/E901-dashboard-ids-collide.yaml",
        "stacks/no-such-stack.yaml",
    ]);
    assert_eq!(exit_code(&output), EXIT_USAGE, "{}", stderr(&output));
    let document: Json = serde_json::from_str(&stdout(&output)).expect("one JSON document");
    assert_eq!(schema_errors(&validator, &document), Vec::<String>::new());
    assert_eq!(document["version"], "2.1.0");
    let run = &document["runs"][0];
    let results = run["results"].as_array().expect("results");
    // One warning, three typos and one collision (with its related place).
    assert_eq!(results.len(), 5, "{results:#?}");
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|rule| rule["id"].as_str().expect("id"))
        .collect();
    for result in results {
        let rule = result["ruleId"].as_str().expect("ruleId");
        assert_eq!(
            rules
                [usize::try_from(result["ruleIndex"].as_u64().expect("ruleIndex")).expect("small")],
            rule
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["artifactLocation"]["uri"].is_string());
        assert!(
            location["region"]["startLine"]
                .as_u64()
                .is_some_and(|line| line > 0)
        );
        assert!(
            location["region"]["startColumn"]
                .as_u64()
                .is_some_and(|column| column > 0)
        );
        assert!(
            result["message"]["text"]
                .as_str()
                .is_some_and(|text| text.contains("\nhelp: ")),
            "{result}"
        );
    }
    let typo_results: Vec<u64> = results
        .iter()
        .filter(|result| {
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == typos.as_str()
        })
        .map(|result| {
            result["locations"][0]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .expect("line")
        })
        .collect();
    assert_eq!(
        typo_results,
        typo_lines
            .iter()
            .map(|line| *line as u64)
            .collect::<Vec<_>>()
    );
    let warning = results
        .iter()
        .find(|result| result["ruleId"] == "W401")
        .expect("the warning");
    assert_eq!(warning["level"], "warning");
    let collision = results
        .iter()
        .find(|result| result["ruleId"] == "E901")
        .expect("the collision");
    assert!(collision["relatedLocations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    // The rule carries README's meaning of its code.
    let e901 = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|rule| rule["id"] == "E901")
        .expect("the E901 rule");
    assert_eq!(
        e901["shortDescription"]["text"],
        "two entities derive the same resource ID"
    );
    // The unreadable file is a tool notification, and the run says it did not succeed.
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .is_some_and(|text| text.contains("no-such-stack.yaml"))
    );
    // The validator does refuse what SARIF does not allow.
    let mut broken = document.clone();
    broken["runs"][0]["results"][0]["level"] = Json::from("fatal");
    assert!(!schema_errors(&validator, &broken).is_empty());
}

#[test]
fn json_output_has_the_documented_versioned_shape() {
    let scratch = Scratch::new("validate-json");
    let warned = stack_with_a_warning(&scratch);
    let output = meridian(&[
        "validate",
        "--format",
        "json",
        "stacks/minimal.yaml",
        &warned,
        "stacks/invalid/E101-unknown-region-us-east-9.yaml",
    ]);
    assert_eq!(exit_code(&output), EXIT_STACK_ERRORS);
    assert_eq!(stderr(&output), "", "JSON goes to stdout alone");
    let document: Json = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(document["format"], 1);
    assert_eq!(document["tool"], "meridian");
    assert_eq!(document["deny_warnings"], false);
    let files = document["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["status"], "ok");
    assert_eq!(files[0]["stack"], "hello");
    assert_eq!(files[0]["cloudformation_stacks"], 2);
    assert_eq!(files[0]["regions"], 1);
    assert_eq!(files[1]["status"], "ok");
    assert_eq!(files[1]["warnings"], 1);
    let error = &files[2]["diagnostics"][0];
    assert_eq!(files[2]["status"], "errors");
    assert_eq!(files[2]["errors"], 1);
    for (key, expected) in [
        ("code", Json::from("E101")),
        ("severity", Json::from("error")),
        ("path", Json::from("regions[1].code")),
        ("help", Json::from("did you mean `us-east-1`?")),
    ] {
        assert_eq!(error[key], expected, "{key}");
    }
    assert!(error["line"].as_u64().is_some() && error["column"].as_u64().is_some());
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("us-east-9"))
    );
    assert!(error["related"].is_array());
}

/// Each environment's line of the text report: (name, CloudFormation stacks, regions).
fn text_environments(report: &str) -> Vec<(String, u64, u64)> {
    report
        .lines()
        .filter_map(|line| {
            let rest = line.split_once(", environment ")?.1;
            let (name, counts) = rest.split_once(" (")?;
            let mut numbers = counts
                .split(|c: char| !c.is_ascii_digit())
                .filter(|word| !word.is_empty());
            let stacks = numbers.next()?.parse().ok()?;
            let regions = numbers.next()?.parse().ok()?;
            Some((name.to_owned(), stacks, regions))
        })
        .collect()
}

/// `(name, cloudformation_stacks, regions)` of each entry of a JSON file result's `environments`.
fn json_environments(file: &Json) -> Vec<(String, u64, u64)> {
    file["environments"]
        .as_array()
        .expect("environments")
        .iter()
        .map(|environment| {
            (
                environment["name"].as_str().expect("name").to_owned(),
                environment["cloudformation_stacks"]
                    .as_u64()
                    .expect("stacks"),
                environment["regions"].as_u64().expect("regions"),
            )
        })
        .collect()
}

#[test]
fn json_output_reports_every_environment_the_text_report_does() {
    const STACK: &str = "stacks/rail-backend-environments.yaml";
    let text = meridian(&["validate", STACK]);
    assert_eq!(exit_code(&text), EXIT_OK, "{}", stderr(&text));
    let expected = text_environments(&stdout(&text));
    assert!(
        expected.len() > 1,
        "the bundled file declares several environments"
    );

    let json = meridian(&["validate", "--format", "json", STACK]);
    assert_eq!(exit_code(&json), EXIT_OK, "{}", stderr(&json));
    let document: Json = serde_json::from_str(&stdout(&json)).expect("JSON");
    let file = &document["files"][0];
    assert_eq!(json_environments(file), expected);
    for environment in file["environments"].as_array().expect("environments") {
        let name = environment["name"].as_str().expect("name");
        assert_eq!(
            environment["stack"].as_str(),
            Some(format!("rail-backend-{name}").as_str()),
            "an environment's stack carries its name"
        );
    }

    // One environment asked for: only that one, and the fields outside `environments` are its.
    let (name, stacks, regions) = expected.last().expect("an environment").clone();
    let one = meridian(&["validate", "--format", "json", "--env", &name, STACK]);
    assert_eq!(exit_code(&one), EXIT_OK, "{}", stderr(&one));
    let document: Json = serde_json::from_str(&stdout(&one)).expect("JSON");
    let file = &document["files"][0];
    assert_eq!(
        json_environments(file),
        vec![(name.clone(), stacks, regions)]
    );
    assert_eq!(file["cloudformation_stacks"], stacks);
    assert_eq!(file["regions"], regions);

    // A file without environments has no `environments` field.
    let plain = meridian(&["validate", "--format", "json", "stacks/minimal.yaml"]);
    let document: Json = serde_json::from_str(&stdout(&plain)).expect("JSON");
    assert!(document["files"][0].get("environments").is_none());
}

#[test]
fn deny_warnings_fails_a_file_with_warnings() {
    let scratch = Scratch::new("deny-warnings");
    let warned = stack_with_a_warning(&scratch);
    let plain = meridian(&["validate", &warned]);
    assert_eq!(exit_code(&plain), EXIT_OK, "{}", stderr(&plain));
    assert!(stderr(&plain).contains("warning[W401]"));
    let denied = meridian(&["validate", "--deny-warnings", &warned]);
    assert_eq!(exit_code(&denied), EXIT_STACK_ERRORS);
    assert!(
        stderr(&denied).contains("--deny-warnings"),
        "{}",
        stderr(&denied)
    );
    assert!(!stdout(&denied).contains("ok:"), "{}", stdout(&denied));
    let json = meridian(&["validate", "--deny-warnings", "--format", "json", &warned]);
    assert_eq!(exit_code(&json), EXIT_STACK_ERRORS);
    let document: Json = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(document["files"][0]["status"], "warnings-denied");
    // A clean file passes either way.
    assert_eq!(
        exit_code(&meridian(&[
            "validate",
            "--deny-warnings",
            "stacks/minimal.yaml"
        ])),
        EXIT_OK
    );
}

#[test]
fn fail_on_fails_exactly_on_the_kinds_of_change_it_names() {
    let pair = |name: &str| {
        (
            format!("stacks/changes/{name}.before.yaml"),
            format!("stacks/changes/{name}.after.yaml"),
        )
    };
    let status = |name: &str, kinds: &str| {
        let (before, after) = pair(name);
        let output = meridian(&["diff", &before, &after, "--fail-on", kinds]);
        (exit_code(&output), stderr(&output))
    };
    // A writer instance-class change interrupts (a failover) but replaces nothing.
    assert_eq!(status("database-instance-class", "replacement").0, EXIT_OK);
    let (code, message) = status("database-instance-class", "interruption");
    assert_eq!(code, EXIT_STACK_ERRORS);
    assert!(message.contains("interruption"), "{message}");
    assert_eq!(status("database-instance-class", "security").0, EXIT_OK);
    // A renamed bucket replaces, which is an interruption too.
    assert_eq!(status("bucket-name", "replacement").0, EXIT_STACK_ERRORS);
    assert_eq!(status("bucket-name", "interruption").0, EXIT_STACK_ERRORS);
    // A widened ingress is security-sensitive; several kinds are given with commas.
    assert_eq!(status("widen-ingress", "security").0, EXIT_STACK_ERRORS);
    assert_eq!(
        status("new-alarm", "replacement,interruption,security").0,
        EXIT_OK
    );
    // Without --fail-on a diff is information.
    let (before, after) = pair("bucket-name");
    assert_eq!(exit_code(&meridian(&["diff", &before, &after])), EXIT_OK);
    let (before, after) = pair("new-alarm");
    assert_eq!(
        exit_code(&meridian(&[
            "diff",
            &before,
            &after,
            "--fail-on",
            "everything"
        ])),
        EXIT_USAGE
    );
}

#[test]
fn every_typo_of_a_file_is_reported_in_one_run() {
    let scratch = Scratch::new("typos");
    let (typos, lines) = stack_with_three_typos(&scratch);
    let output = meridian(&["validate", &typos]);
    assert_eq!(exit_code(&output), EXIT_STACK_ERRORS);
    let report = stderr(&output);
    let headers: Vec<&str> = report
        .lines()
        .filter(|line| line.starts_with("error["))
        .collect();
    assert_eq!(
        headers,
        [
            "error[E006]: unknown field `latency_targt_ms`",
            "error[E009]: `internet-facin` is not one of the allowed values: internet-facing, internal",
            "error[E008]: `cpu` expects a whole number (0 or more), found `one thousand`",
        ],
        "{report}"
    );
    for line in lines {
        assert!(
            report.contains(&format!("typos.yaml:{line}:")),
            "line {line}: {report}"
        );
    }
    assert!(report.contains("did you mean `latency_target_ms`?"));
    assert!(
        report.contains("3 errors, 0 warnings; nothing was written"),
        "{report}"
    );
}

#[test]
fn colour_follows_the_terminal_no_color_and_the_flag() {
    let invalid = "stacks/invalid/E101-unknown-region-us-east-9.yaml";
    // Into a pipe: no colour by default.
    assert!(!stderr(&meridian(&["validate", invalid])).contains('\u{1b}'));
    let forced = meridian(&["validate", "--color", "always", invalid]);
    assert!(
        stderr(&forced).contains("\u{1b}[1;31merror[E101]\u{1b}[0m"),
        "{}",
        stderr(&forced)
    );
    let never = meridian_with_env(&["validate", "--color", "never", invalid], &[]);
    assert!(!stderr(&never).contains('\u{1b}'));
    // NO_COLOR only speaks for `auto`; an explicit --color always wins.
    let no_color = meridian_with_env(&["validate", invalid], &[("NO_COLOR", "1")]);
    assert!(!stderr(&no_color).contains('\u{1b}'));
    // Colour only adds escapes: the text is the same.
    let plain = stderr(&meridian(&["validate", invalid]));
    let stripped = stderr(&forced)
        .replace("\u{1b}[1;31m", "")
        .replace("\u{1b}[34m", "")
        .replace("\u{1b}[36m", "")
        .replace("\u{1b}[1m", "")
        .replace("\u{1b}[0m", "");
    assert_eq!(stripped, plain);
}

#[test]
fn quiet_keeps_reports_and_drops_status_lines() {
    let ok = meridian(&["validate", "--quiet", "stacks/minimal.yaml"]);
    assert_eq!(exit_code(&ok), EXIT_OK);
    assert_eq!(stdout(&ok), "");
    let loud = meridian(&["validate", "stacks/minimal.yaml"]);
    assert_eq!(
        stdout(&loud),
        "ok: stacks/minimal.yaml (2 CloudFormation stacks in 1 region, 0 warnings)\n"
    );
    let failing = meridian(&[
        "-q",
        "validate",
        "stacks/invalid/E101-unknown-region-us-east-9.yaml",
    ]);
    assert_eq!(exit_code(&failing), EXIT_STACK_ERRORS);
    assert!(stderr(&failing).contains("error[E101]"));
    let scratch = Scratch::new("quiet-synth");
    let out = scratch.path().join("out");
    let synth = meridian(&[
        "synth",
        "stacks/minimal.yaml",
        "--out",
        out.to_str().expect("utf-8"),
        "-q",
    ]);
    assert_eq!(exit_code(&synth), EXIT_OK);
    assert_eq!(stdout(&synth), "");
    assert!(out.join("manifest.json").exists());
}

#[test]
fn completions_and_the_man_page_come_from_the_command_definition() {
    let subcommands = [
        "validate",
        "plan",
        "schema",
        "synth",
        "render",
        "diff",
        "graph",
        "init",
        "completions",
        "man",
    ];
    let man = stdout(&meridian(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH meridian 1"),
        "{man}"
    );
    for subcommand in subcommands {
        assert!(
            man.contains(&format!(".SH \"MERIDIAN {}\"", subcommand.to_uppercase())),
            "{subcommand} has no section in the man page"
        );
    }
    assert!(man.contains("deny\\-warnings"), "options are listed");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = meridian(&["completions", shell]);
        assert_eq!(exit_code(&output), EXIT_OK, "{shell}");
        let script = stdout(&output);
        for word in ["validate", "deny-warnings", "fail-on", "interruption"] {
            assert!(script.contains(word), "{shell} completions lack {word}");
        }
    }
}

#[test]
fn init_writes_a_starter_that_validates_and_keeps_existing_files() {
    let scratch = Scratch::new("init");
    let directory = scratch.path().join("my-service");
    let directory_text = directory.to_string_lossy().into_owned();
    let output = meridian(&["init", &directory_text, "--name", "orders"]);
    assert_eq!(exit_code(&output), EXIT_OK, "{}", stderr(&output));
    let stack = directory.join("stack.yaml");
    let text = std::fs::read_to_string(&stack).expect("the starter");
    assert!(text.starts_with("# yaml-language-server: $schema=stack.schema.json\n"));
    assert!(text.contains("\nstack: orders\n"));
    assert_eq!(
        std::fs::read_to_string(directory.join("stack.schema.json")).expect("the schema"),
        meridian::commands::schema_text(),
        "the schema beside the stack is the one Meridian reads"
    );
    let validated = meridian(&["validate", stack.to_str().expect("utf-8")]);
    assert_eq!(exit_code(&validated), EXIT_OK, "{}", stderr(&validated));
    // A second run keeps what is there; --force replaces it.
    std::fs::write(&stack, "stack: edited\n").expect("edited");
    let again = meridian(&["init", &directory_text]);
    assert_eq!(exit_code(&again), EXIT_USAGE);
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&stack).expect("kept"),
        "stack: edited\n"
    );
    assert_eq!(
        exit_code(&meridian(&["init", &directory_text, "--force"])),
        EXIT_OK
    );
    assert!(
        std::fs::read_to_string(&stack)
            .expect("replaced")
            .contains("stack: my-service")
    );
    // A name Meridian refuses is reported like validate would, and nothing is written.
    let refused = scratch.path().join("refused");
    let bad = meridian(&[
        "init",
        refused.to_str().expect("utf-8"),
        "--name",
        "Bad_Name",
    ]);
    assert_eq!(exit_code(&bad), EXIT_STACK_ERRORS);
    assert!(stderr(&bad).contains("error[E100]"), "{}", stderr(&bad));
    assert!(!Path::new(&refused).exists());
}
