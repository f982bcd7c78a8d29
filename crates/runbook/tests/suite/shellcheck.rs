//! Every script Meridian generates passes shellcheck for stacks of many shapes, not only the
//! bundled ones: one region and many (opt-in regions among them), services named like shell
//! commands (`test`, `date`, `env`, `time`, `sort`, `admin`), tags with every character AWS takes
//! (spaces, `= + @ : / _ . -`, non-ASCII letters, an empty value), alert names with hyphens and
//! digits, blue/green and rolling deployments. The stacks come from the seed-shaped generator of
//! `meridian-testkit`. Unlike the bundled
//! stacks' test, this one fails when shellcheck is missing: it is what proves the claim.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use meridian_testkit::markdown_bash_blocks;
use meridian_testkit::scale::{Scale, scaled_stack};

/// Service names that are shell commands: a bare `container=test` is SC2209.
const COMMAND_NAMES: &[&str] = &["test", "date", "env", "time", "sort", "admin"];

/// The generator's tags line, and tags whose keys and values use every kind of character AWS
/// accepts in a tag (E107): spaces, each of `_ . : / = + - @`, letters outside ASCII, a value
/// that is empty, and words the shell gives a meaning (`$HOME` cannot be written: E107 refuses `$`).
const GENERATED_TAGS: &str = "tags: { service: scale, owner: platform-team }";
// ASCII only: the generated stacks' cache has a Global Datastore, whose tags take ASCII letters
// alone (E107); every other odd shape AWS takes in a tag is here.
const ODD_TAGS: &str = r#"tags: { "cost center": "R 42 / ops", "owner": "team=a+b@corp.example", "cafe": "Nihongo", "empty": "", "path:/x": "=", "_.-": " two  spaces "}"#;

/// The generator's alert names, and names like the ones users write (E706 takes letters, digits,
/// hyphens and underscores after a first letter: `5xx-errors` itself is refused).
const ODD_ALERT_NAMES: &[(&str, &str)] = &[
    ("TargetErrorsHigh", "errors-5xx"),
    ("HealthCheckFailing", "health_check-failing"),
];

/// A generated stack's text with the first services renamed to command names, odd tags and alert
/// names, and, when `blue_green`, every service deployed blue/green.
fn shaped_stack(scale: Scale, odd_names: bool, blue_green: bool) -> String {
    let mut text = scaled_stack(scale);
    if odd_names {
        for (index, name) in COMMAND_NAMES.iter().enumerate().take(scale.services) {
            text = text.replace(&format!("svc{:03}", index + 1), name);
        }
        assert!(
            text.contains(GENERATED_TAGS),
            "the generator's tags changed"
        );
        text = text.replace(GENERATED_TAGS, ODD_TAGS);
        for (generated, odd) in ODD_ALERT_NAMES {
            assert!(text.contains(generated), "no alert {generated} to rename");
            text = text.replace(generated, odd);
        }
    }
    if blue_green {
        text = text.replace("strategy: rolling", "strategy: blue_green");
    }
    text
}

fn plan_of(label: &str, text: &str) -> meridian_plan::Plan {
    let loaded = meridian_model::load_stack(label, text.as_bytes())
        .unwrap_or_else(|failure| panic!("{label} does not load: {:#?}", failure.diagnostics));
    let planned = meridian_plan::plan(&loaded.stack);
    assert!(
        planned.diagnostics.is_empty(),
        "{label}: {:#?}",
        planned.diagnostics
    );
    planned.plan.expect("a plan without diagnostics")
}

/// A fresh directory under the system's temporary directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("meridian-shellcheck-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("scratch directory");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn scripts_of_generated_stacks_pass_shellcheck() {
    let version = Command::new("shellcheck").arg("--version").output();
    assert!(
        version.is_ok_and(|output| output.status.success()),
        "shellcheck is not installed: this test needs it (Debian: apt-get install shellcheck; \
         .ci/run installs it)"
    );
    let shapes = [
        (Scale::new(1, 1), true, false),
        (Scale::new(1, 6), true, true),
        (Scale::new(2, 3), true, false),
        (Scale::new(3, 6), true, true),
        (Scale::new(4, 12), false, false),
        (Scale::new(30, 2), true, false),
    ];
    let scratch = Scratch::new("generated");
    let mut scripts = Vec::new();
    let mut blocks = Vec::new();
    let mut covered = BTreeMap::new();
    for (scale, odd_names, blue_green) in shapes {
        let label = format!(
            "{}{}{}",
            scale.label(),
            if odd_names { "-odd-names" } else { "" },
            if blue_green { "-blue-green" } else { "" }
        );
        let plan = plan_of(&label, &shaped_stack(scale, odd_names, blue_green));
        let files = meridian_runbook::render(&plan, &BTreeMap::new()).expect("templates render");
        let directory = scratch.0.join(&label);
        std::fs::create_dir_all(&directory).expect("stack directory");
        for file in files.iter().filter(|file| file.path.ends_with(".sh")) {
            let name = file.path.rsplit('/').next().expect("file name");
            let path = directory.join(name);
            std::fs::write(&path, &file.contents).expect("script written");
            *covered.entry(template_of(name)).or_insert(0) += 1;
            scripts.push(path);
        }
        // The commands of the Markdown runbooks are copied into a shell: they are checked too.
        for file in files.iter().filter(|file| file.path.ends_with(".md")) {
            let name = file.path.rsplit('/').next().expect("file name");
            for (index, block) in markdown_bash_blocks(&file.contents).iter().enumerate() {
                let path = directory.join(format!("{name}.{index}.bash"));
                std::fs::write(&path, block).expect("block written");
                *covered.entry(template_of(name)).or_insert(0) += 1;
                blocks.push(path);
            }
        }
    }
    // Every script template is exercised, and the odd names reached the scripts.
    for template in [
        "deploy.sh",
        "test-failover.sh",
        "deploy-blue-green",
        "rollback",
        "promote-replica",
    ] {
        assert!(
            covered.get(template).copied().unwrap_or(0) > 0,
            "no {template} script rendered: {covered:?}"
        );
    }
    shellcheck(&[], &scripts, "scripts");
    shellcheck(&["--shell=bash"], &blocks, "Markdown bash blocks");
}

/// Runs shellcheck on `files` at once; fails with every finding.
fn shellcheck(options: &[&str], files: &[PathBuf], what: &str) {
    let output = Command::new("shellcheck")
        .args(options)
        .args(files)
        .output()
        .expect("shellcheck runs");
    assert!(
        output.status.success(),
        "shellcheck findings in {} {what}:\n{}{}",
        files.len(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Which template a script comes from, by its file name.
fn template_of(name: &str) -> &'static str {
    match name {
        "deploy.sh" => "deploy.sh",
        "test-failover.sh" => "test-failover.sh",
        _ if name.starts_with("deploy-blue-green-") => "deploy-blue-green",
        _ if name.starts_with("rollback-") => "rollback",
        _ if name.starts_with("promote-replica-") => "promote-replica",
        _ => "other",
    }
}

#[test]
fn odd_names_and_tags_reach_the_scripts() {
    // The renaming above must produce stacks whose scripts name the services and carry the odd
    // tags, or the shellcheck run would prove nothing about them.
    let plan = plan_of(
        "odd",
        &shaped_stack(Scale::new(1, COMMAND_NAMES.len()), true, false),
    );
    let files = meridian_runbook::render(&plan, &BTreeMap::new()).expect("templates render");
    let rollback = files
        .iter()
        .find(|file| file.path.contains("rollback-"))
        .expect("a rollback script");
    for name in COMMAND_NAMES {
        assert!(
            rollback.contents.contains(&format!("'{name}'")),
            "{name} is not in the rollback script as a quoted word"
        );
    }
    let deploy = files
        .iter()
        .find(|file| file.path.ends_with("deploy.sh"))
        .expect("deploy.sh");
    // Bash reads the tags array back as one word per tag, whatever characters it holds, and
    // the AWS CLI, which splits each `--tags` word at its first `=`, gets back exactly the plan's
    // tags (Meridian's own included).
    let array = deploy
        .contents
        .lines()
        .find(|line| line.starts_with("tags=("))
        .expect("the tags array of deploy.sh");
    let output = Command::new("bash")
        .arg("-c")
        .arg(format!("{array}\nprintf '%s\\n' \"${{tags[@]}}\""))
        .output()
        .expect("bash runs");
    assert!(output.status.success(), "{array}");
    let words: Vec<String> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect();
    let split: BTreeMap<String, String> = words
        .iter()
        .map(|word| {
            let (key, value) = word.split_once('=').expect("key=value");
            (key.to_owned(), value.to_owned())
        })
        .collect();
    assert_eq!(split.len(), words.len(), "a tag given twice: {words:?}");
    assert_eq!(split, plan.tags, "{array}");
    for odd in [
        "cost center=R 42 / ops",
        "cafe=Nihongo",
        "empty=",
        "_.-= two  spaces ",
    ] {
        assert!(
            words.iter().any(|word| word == odd),
            "{odd} missing: {words:?}"
        );
    }
}
