//! Rendering the runbooks of every bundled stack: completeness, strict templates, user overrides,
//! shellcheck, Graphviz, the Mermaid structure, determinism and the snapshots.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::process::{Command, Stdio};

use meridian_plan::{OutputFile, Plan};
use meridian_runbook::{GraphFormat, RenderError, builtin_templates, graph, render};
use meridian_testkit::scale::{Scale, scaled_stack};
use meridian_testkit::{bundled_plans, markdown_bash_blocks, plan_of, repository};

/// Every bundled stack (`stacks/*.yaml`) with its plan, by file name.
fn bundled() -> impl Iterator<Item = (&'static str, &'static Plan)> {
    bundled_plans()
        .iter()
        .map(|stack| (stack.file_name.as_str(), &stack.plan))
}

fn render_default(plan: &Plan) -> Vec<OutputFile> {
    render(plan, &BTreeMap::new()).expect("built-in templates render")
}

fn rail_backend() -> &'static Plan {
    bundled()
        .find(|(name, _)| *name == "rail-backend.yaml")
        .map(|(_, plan)| plan)
        .expect("stacks/rail-backend.yaml is bundled")
}

fn overrides(name: &str, text: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(name.to_owned(), text.to_owned())])
}

/// The template that produces an output, by the output's file name.
fn template_of(path: &str) -> &'static str {
    let file = path.rsplit('/').next().expect("file name");
    match file {
        "ARCHITECTURE.md" => "ARCHITECTURE.md.hbs",
        "deploy.sh" => "deploy.sh.hbs",
        "test-failover.sh" => "test-failover.sh.hbs",
        _ if file.starts_with("deploy-blue-green-") => "deploy-blue-green.sh.hbs",
        _ if file.starts_with("rollback-") => "rollback.sh.hbs",
        _ if file.starts_with("promote-replica-") => "promote-replica.md.hbs",
        _ if path.starts_with("runbooks/config/") && file.ends_with(".yaml") => "config.yaml.hbs",
        other => panic!("unexpected output {other}"),
    }
}

fn program_available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Whether a test that runs `program` can run. Without the program it fails when the environment
/// variable `CI` is set (`.ci/run` exports `CI=true` and installs the program, so there a missing
/// program must not pass silently); elsewhere it says why the test is skipped and returns false.
fn require_program(program: &str, package: &str) -> bool {
    if program_available(program) {
        return true;
    }
    let in_ci = std::env::var_os("CI").is_some_and(|value| !value.is_empty());
    assert!(
        !in_ci,
        "`{program}` is not installed but CI is set: install {package} (`.ci/run` does) so this check runs"
    );
    eprintln!(
        "note: `{program}` is not installed; skipping this test (install {package}; with CI set it fails instead)"
    );
    false
}

/// Runs `program` with `arguments`, feeding `input` on stdin; returns (success, stdout + stderr).
fn run_with_input(program: &str, arguments: &[&str], input: &str) -> (bool, String) {
    let mut child = Command::new(program)
        .args(arguments)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("program starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("input is written");
    let output = child.wait_with_output().expect("program finishes");
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.success(), text)
}

#[test]
fn every_template_renders_against_every_bundled_stack() {
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, plan) in bundled() {
        let files = render_default(plan);
        let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        for always in [
            "runbooks/ARCHITECTURE.md",
            "runbooks/deploy.sh",
            "runbooks/test-failover.sh",
        ] {
            assert!(paths.contains(&always), "{name}: {always} missing");
        }
        for region in plan.regions.iter().filter(|region| {
            region
                .app
                .as_ref()
                .is_some_and(|app| !app.services.is_empty())
        }) {
            for script in ["deploy-blue-green", "rollback"] {
                let path = format!("runbooks/{script}-{}.sh", region.region);
                assert!(paths.contains(&path.as_str()), "{name}: {path} missing");
            }
        }
        for region in &plan.regions {
            let is_replica = region
                .app
                .as_ref()
                .and_then(|app| app.database.as_ref())
                .is_some_and(|database| {
                    matches!(database.role, meridian_plan::DatabaseRole::Replica(_))
                });
            let path = format!("runbooks/promote-replica-{}.md", region.region);
            assert_eq!(
                paths.contains(&path.as_str()),
                is_replica,
                "{name}: {path} present iff the region holds a read replica"
            );
        }
        for file in &files {
            *used.entry(template_of(&file.path)).or_default() += 1;
            assert!(file.path.starts_with("runbooks/"), "{}", file.path);
            assert!(
                file.contents.ends_with('\n') && !file.contents.ends_with("\n\n"),
                "{name}: {} must end with exactly one newline",
                file.path
            );
            assert!(
                !file.contents.contains("{{"),
                "{name}: {} has leftover handlebars",
                file.path
            );
            if file.path.ends_with(".sh") {
                assert!(
                    file.contents.starts_with("#!/usr/bin/env bash\n"),
                    "{name}: {} shebang",
                    file.path
                );
                assert!(
                    file.contents.contains("\nset -euo pipefail\n"),
                    "{name}: {} strict mode",
                    file.path
                );
                assert!(
                    file.contents.contains("-h | --help)"),
                    "{name}: {} takes --help",
                    file.path
                );
            }
        }
    }
    for (template, _) in builtin_templates() {
        assert!(
            used.get(template).copied().unwrap_or(0) > 0,
            "template {template} rendered for no bundled stack"
        );
    }
}

#[test]
fn a_missing_field_fails_with_the_template_name_and_line() {
    let plan = rail_backend();
    let error = render(
        plan,
        &overrides(
            "deploy.sh.hbs",
            "#!/usr/bin/env bash\n# {{stack.raw}}\n{{no_such_field}}\n",
        ),
    )
    .expect_err("strict mode rejects a missing field");
    match &error {
        RenderError::Render {
            template,
            user_copy,
            output,
            line,
            ..
        } => {
            assert_eq!(template, "deploy.sh.hbs");
            assert!(*user_copy);
            assert_eq!(output, "runbooks/deploy.sh");
            assert_eq!(*line, Some(3));
        }
        other => panic!("expected a render error, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("deploy.sh.hbs")
            && message.contains("your copy")
            && message.contains("line 3")
            && message.contains("no_such_field"),
        "{message}"
    );

    // `if` is strict too: a misspelt condition is an error, not a silent false.
    let error = render(
        plan,
        &overrides(
            "ARCHITECTURE.md.hbs",
            "# {{stack}}\n\n{{#if failover.enabeld}}on{{/if}}\n",
        ),
    )
    .expect_err("strict if rejects a missing field");
    assert_eq!(error.template(), Some("ARCHITECTURE.md.hbs"));
    assert_eq!(error.line(), Some(3));

    // A field missing only inside an `each` item is reported at its line too.
    let error = render(
        plan,
        &overrides(
            "rollback.sh.hbs",
            "x\n{{#each services}}\n{{name.raw}} {{name.quoted}}\n{{/each}}\n",
        ),
    )
    .expect_err("strict mode inside each");
    assert_eq!(error.template(), Some("rollback.sh.hbs"));
    assert_eq!(error.line(), Some(3));
}

#[test]
fn an_override_changes_only_its_output() {
    let plan = rail_backend();
    let defaults = render_default(plan);
    let custom = render(
        plan,
        &overrides(
            "test-failover.sh.hbs",
            "#!/usr/bin/env bash\n# custom test for {{stack.raw}}\n{{#each regions}}\n# {{region.raw}}\n{{/each}}",
        ),
    )
    .expect("custom template renders");
    assert_eq!(defaults.len(), custom.len());
    for (default, custom) in defaults.iter().zip(&custom) {
        assert_eq!(default.path, custom.path);
        if default.path == "runbooks/test-failover.sh" {
            assert_eq!(
                custom.contents,
                "#!/usr/bin/env bash\n# custom test for rail-backend\n# us-east-1\n# eu-west-1\n# ap-northeast-1\n"
            );
        } else {
            assert_eq!(default.contents, custom.contents, "{}", default.path);
        }
    }

    // A per-region template replaced once changes every file it produces, and only those.
    let custom = render(
        plan,
        &overrides("rollback.sh.hbs", "rollback {{region.raw}}\n"),
    )
    .expect("custom template renders");
    for (default, custom) in defaults.iter().zip(&custom) {
        if default.path.starts_with("runbooks/rollback-") {
            let region = default
                .path
                .trim_start_matches("runbooks/rollback-")
                .trim_end_matches(".sh");
            assert_eq!(custom.contents, format!("rollback {region}\n"));
        } else {
            assert_eq!(default.contents, custom.contents, "{}", default.path);
        }
    }
}

#[test]
fn a_broken_override_names_the_file_and_line() {
    let plan = rail_backend();
    let error = render(
        plan,
        &overrides(
            "promote-replica.md.hbs",
            "# Promote\n\n{{#each other_replicas}}\n- {{identifier.raw}}\n{{/if}}\n",
        ),
    )
    .expect_err("mismatched block does not parse");
    match &error {
        RenderError::Syntax {
            template,
            user_copy,
            line,
            message,
            ..
        } => {
            assert_eq!(template, "promote-replica.md.hbs");
            assert!(*user_copy);
            assert_eq!(*line, Some(5));
            assert!(message.contains("each"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let message = error.to_string();
    assert!(
        message.contains("promote-replica.md.hbs") && message.contains("line 5"),
        "{message}"
    );

    let error = render(plan, &overrides("deploy.sh.hbs", "{{#each units}\n"))
        .expect_err("unclosed mustache does not parse");
    assert_eq!(error.template(), Some("deploy.sh.hbs"));
    assert_eq!(error.line(), Some(1));
}

#[test]
fn an_unknown_override_lists_the_known_templates() {
    let plan = rail_backend();
    let error = render(
        plan,
        &BTreeMap::from([
            ("deploy.sh.hbs".to_owned(), "ok\n".to_owned()),
            ("deploy.hbs".to_owned(), "x".to_owned()),
        ]),
    )
    .expect_err("unknown template name");
    let message = error.to_string();
    assert!(message.contains("`deploy.hbs`"), "{message}");
    for (name, _) in builtin_templates() {
        assert!(message.contains(name), "{message} should list {name}");
    }
}

#[test]
fn secret_parameters_are_masked_and_never_embedded() {
    for (name, plan) in bundled() {
        let files = render_default(plan);
        let deploy = files
            .iter()
            .find(|file| file.path == "runbooks/deploy.sh")
            .expect("deploy.sh");
        for parameter in &plan.parameters {
            for line in deploy
                .contents
                .lines()
                .filter(|line| line.starts_with(&format!("add_override {} ", parameter.cfn_name)))
            {
                let visibility = if parameter.sensitive {
                    " secret"
                } else {
                    " plain"
                };
                assert!(line.ends_with(visibility), "{name}: {line}");
                // The value is always the run-time variable, never a literal.
                assert!(line.contains("\"${param_"), "{name}: {line}");
            }
        }
    }
}

#[test]
fn generated_scripts_pass_shellcheck() {
    if !require_program("shellcheck", "ShellCheck") {
        return;
    }
    let mut findings = Vec::new();
    for (name, plan) in bundled() {
        for file in render_default(plan)
            .iter()
            .filter(|file| file.path.ends_with(".sh"))
        {
            let (clean, output) = run_with_input("shellcheck", &["-"], &file.contents);
            if !clean {
                findings.push(format!("{name}: {}\n{output}", file.path));
            }
        }
    }
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn commands_in_markdown_runbooks_pass_shellcheck() {
    if !require_program("shellcheck", "ShellCheck") {
        return;
    }
    let mut checked = 0;
    let mut findings = Vec::new();
    for (name, plan) in bundled() {
        for file in render_default(plan)
            .iter()
            .filter(|file| file.path.ends_with(".md"))
        {
            for block in markdown_bash_blocks(&file.contents) {
                checked += 1;
                let (clean, output) = run_with_input("shellcheck", &["--shell=bash", "-"], &block);
                if !clean {
                    findings.push(format!("{name}: {}\n{block}\n{output}", file.path));
                }
            }
        }
    }
    assert!(checked > 0, "no bash blocks found");
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

#[test]
fn generated_scripts_parse_and_answer_help() {
    if !require_program("bash", "bash") {
        return;
    }
    for (name, plan) in bundled() {
        for file in render_default(plan)
            .iter()
            .filter(|file| file.path.ends_with(".sh"))
        {
            let (parses, output) = run_with_input("bash", &["-n"], &file.contents);
            assert!(parses, "{name}: {} does not parse:\n{output}", file.path);
            let (helped, output) = run_with_input("bash", &["-s", "--", "--help"], &file.contents);
            assert!(helped, "{name}: {} --help failed:\n{output}", file.path);
            assert!(
                output.starts_with("Usage: "),
                "{name}: {}:\n{output}",
                file.path
            );
        }
    }
}

/// An output directory as `deploy.sh` finds it: the script in `runbooks/` and a template of
/// `template_bytes` bytes for each stack in `cloudformation/`, in a fresh scratch directory.
struct DeployDirectory(std::path::PathBuf);

impl DeployDirectory {
    fn new(name: &str, plan: &Plan, template_bytes: usize) -> Self {
        let root =
            std::env::temp_dir().join(format!("meridian-runbook-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("runbooks")).expect("scratch");
        std::fs::create_dir_all(root.join("cloudformation")).expect("scratch");
        let deploy = render_default(plan)
            .into_iter()
            .find(|file| file.path == "runbooks/deploy.sh")
            .expect("deploy.sh");
        std::fs::write(root.join("runbooks/deploy.sh"), deploy.contents).expect("written");
        for unit in &plan.units {
            std::fs::write(
                root.join("cloudformation").join(&unit.template_file),
                "{".repeat(template_bytes),
            )
            .expect("written");
        }
        Self(root)
    }

    /// Runs `deploy.sh` with `arguments`: (succeeded, stdout and stderr).
    fn run(&self, arguments: &[&str]) -> (bool, String) {
        self.run_with(arguments, &[])
    }

    /// Runs `deploy.sh` with `arguments` and extra environment variables.
    fn run_with(&self, arguments: &[&str], environment: &[(&str, String)]) -> (bool, String) {
        let output = Command::new("bash")
            .arg(self.0.join("runbooks/deploy.sh"))
            .args(arguments)
            .envs(environment.iter().map(|(name, value)| (*name, value)))
            .output()
            .expect("bash runs");
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        (output.status.success(), text)
    }
}

impl Drop for DeployDirectory {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `--dry-run` runs every check a deploy runs before it starts: a template too large to send
/// inline fails it as it would fail the deploy, before anything is printed as deployed.
#[test]
fn deploy_dry_run_runs_the_template_checks() {
    if !require_program("bash", "bash") {
        return;
    }
    let plan = rail_backend();
    let limit = plan.operations.inline_template_max_bytes as usize;
    let large = DeployDirectory::new("dry-run-large", plan, limit + 1);
    let (ok, output) = large.run(&["--dry-run", "--param", "IMAGE_TAG=abc123"]);
    assert!(!ok, "{output}");
    assert!(
        output.contains("CloudFormation accepts inline; pass --artifact-bucket"),
        "{output}"
    );
    assert!(!output.contains("aws cloudformation deploy"), "{output}");
    let (ok, output) = large.run(&[
        "--dry-run",
        "--param",
        "IMAGE_TAG=abc123",
        "--artifact-bucket",
        "artifacts-{region}",
    ]);
    assert!(ok, "{output}");
    assert!(
        output.contains("--s3-bucket artifacts-us-east-1"),
        "{output}"
    );
    // A missing template fails the dry run too.
    std::fs::remove_file(
        large
            .0
            .join("cloudformation")
            .join(&plan.units[0].template_file),
    )
    .expect("removed");
    let (ok, output) = large.run(&["--dry-run", "--artifact-bucket", "b"]);
    assert!(
        !ok && output.contains("not found (use --templates-dir)"),
        "{output}"
    );
}

/// A fake AWS CLI in `directory/bin`: it logs every call to `directory/aws.log` and answers
/// `account get-region-opt-status` with `status`; every other call succeeds silently.
fn fake_aws(directory: &std::path::Path, status: &str) -> (String, std::path::PathBuf) {
    use std::os::unix::fs::PermissionsExt as _;
    let bin = directory.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let log = directory.join("aws.log");
    let _ = std::fs::remove_file(&log);
    let script = format!(
        "#!/usr/bin/env bash\nprintf '%s\\n' \"$*\" >>'{}'\nif [[ \"$1 $2\" == 'account get-region-opt-status' ]]; then echo {status}; fi\n",
        log.display()
    );
    let aws = bin.join("aws");
    std::fs::write(&aws, script).expect("fake aws");
    std::fs::set_permissions(&aws, std::fs::Permissions::from_mode(0o755)).expect("executable");
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, log)
}

/// A stack in an opt-in region: a real run asks the account whether the region is enabled before
/// the first stack deploys, and stops with the command that enables it when it is not; a dry run
/// (which may run without credentials) says that the real run checks it.
#[test]
fn deploy_checks_opt_in_regions_before_the_first_stack() {
    if !require_program("bash", "bash") {
        return;
    }
    let plan = plan_of(&repository().join("stacks/warnings/W102-opt-in-region.yaml"));
    assert!(
        plan.regions
            .iter()
            .any(|region| meridian_plan::aws::OPT_IN_REGIONS.contains(&region.region.as_str())),
        "the W102 stack has no opt-in region"
    );
    let directory = DeployDirectory::new("opt-in", &plan, 100);
    // The script names the inputs it misses (one per region for per-region parameters).
    let (ok, output) = directory.run(&[]);
    let missing = output
        .split("no value for ")
        .nth(1)
        .and_then(|rest| rest.split(" (use --param").next())
        .unwrap_or_else(|| panic!("no missing inputs named: {output}"));
    assert!(!ok, "{output}");
    let parameters: Vec<String> = missing
        .split(' ')
        .map(|key| format!("--param={key}=x"))
        .collect();
    let mut arguments: Vec<&str> = parameters.iter().map(String::as_str).collect();

    let (path, log) = fake_aws(&directory.0, "DISABLED");
    let (ok, output) = directory.run_with(&arguments, &[("PATH", path)]);
    assert!(!ok, "{output}");
    assert!(
        output.contains("the opt-in region me-south-1 is DISABLED in this account; enable it first: aws account enable-region --region-name me-south-1"),
        "{output}"
    );
    let calls = std::fs::read_to_string(&log).expect("aws was called");
    assert!(
        calls.contains("account get-region-opt-status --region-name me-south-1"),
        "{calls}"
    );
    assert!(!calls.contains("cloudformation deploy"), "{calls}");

    let (path, log) = fake_aws(&directory.0, "ENABLED");
    let (ok, output) = directory.run_with(&arguments, &[("PATH", path)]);
    assert!(ok, "{output}");
    let calls = std::fs::read_to_string(&log).expect("aws was called");
    let checked = calls
        .find("account get-region-opt-status")
        .expect("the region was checked");
    let deployed = calls
        .find("cloudformation deploy")
        .expect("the stack was deployed");
    assert!(checked < deployed, "{calls}");

    arguments.push("--dry-run");
    let (path, log) = fake_aws(&directory.0, "DISABLED");
    let (ok, output) = directory.run_with(&arguments, &[("PATH", path)]);
    assert!(ok, "{output}");
    assert!(
        output.contains(
            "a real run first checks that the account enabled the opt-in regions me-south-1"
        ),
        "{output}"
    );
    assert!(!log.exists(), "a dry run called aws");
}

/// ARCHITECTURE.md says only what the plan holds: global resources only when there is a global
/// stack, and on the primary role's line a database writer or Global Datastore primary only when
/// the primary region has one (bundled stacks of all three shapes, and one-region generated ones).
#[test]
fn architecture_claims_only_what_the_plan_holds() {
    use meridian_plan::{CacheRole, DatabaseRole, RegionRole};
    let generated: Vec<(String, Plan)> = [Scale::new(1, 1), Scale::new(3, 2)]
        .into_iter()
        .map(|scale| {
            let text = scaled_stack(scale);
            let loaded = meridian_model::load_stack("generated", text.as_bytes())
                .expect("a generated stack loads");
            let plan = meridian_plan::plan(&loaded.stack)
                .plan
                .expect("a generated stack plans");
            (scale.label(), plan)
        })
        .collect();
    let plans = bundled()
        .map(|(name, plan)| (name.to_owned(), plan))
        .chain(generated.iter().map(|(name, plan)| (name.clone(), plan)));
    let mut shapes = std::collections::BTreeSet::new();
    for (name, plan) in plans {
        let architecture = render_default(plan)
            .into_iter()
            .find(|file| file.path.ends_with("ARCHITECTURE.md"))
            .expect("ARCHITECTURE.md")
            .contents;
        assert_eq!(
            architecture.contains("Global resources deploy to"),
            plan.global.is_some(),
            "{name}: the global stack"
        );
        let primary = plan
            .regions
            .iter()
            .find(|region| region.role == RegionRole::Primary)
            .expect("a primary region");
        let app = primary.app.as_ref();
        let writer = app
            .and_then(|app| app.database.as_ref())
            .is_some_and(|database| matches!(database.role, DatabaseRole::Writer(_)));
        let cache_primary = app.and_then(|app| app.cache.as_ref()).is_some_and(
            |cache| matches!(&cache.role, CacheRole::Primary(primary) if primary.global.is_some()),
        );
        let line = architecture
            .lines()
            .find(|line| line.starts_with("The primary role: "))
            .unwrap_or_else(|| panic!("{name}: no primary role line"));
        assert_eq!(line.contains("database writer"), writer, "{name}: {line}");
        assert_eq!(
            line.contains("Global Datastore primary"),
            cache_primary,
            "{name}: {line}"
        );
        shapes.insert((plan.global.is_some(), writer, cache_primary));
    }
    assert!(shapes.len() >= 3, "too few shapes: {shapes:?}");
}

#[test]
fn deploy_dry_run_prints_every_stack_in_order() {
    if !require_program("bash", "bash") {
        return;
    }
    let plan = rail_backend();
    let directory = DeployDirectory::new("dry-run-order", plan, 100);
    let (ok, output) = directory.run(&["--dry-run", "--param", "IMAGE_TAG=abc123"]);
    assert!(ok, "{output}");
    let mut position = 0;
    for unit in &plan.units {
        let needle = format!(
            "aws cloudformation deploy --stack-name {} ",
            unit.stack_name
        );
        let found = output[position..]
            .find(&needle)
            .unwrap_or_else(|| panic!("{} missing or out of order:\n{output}", unit.stack_name));
        position += found + needle.len();
    }
    assert!(output.contains("ImageTag=abc123"), "{output}");
    assert!(output.contains("PagingWebhookUrl=\\<unset"), "{output}");
    assert!(output.contains("--capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND"));
}

/// Each stack gets the capabilities the plan decided for its unit, and none when it needs none
/// (`--capabilities` with no value is an error).
#[test]
fn deploy_passes_each_stack_its_own_capabilities() {
    if !require_program("bash", "bash") {
        return;
    }
    let plan = rail_backend();
    let directory = DeployDirectory::new("dry-run-capabilities", plan, 100);
    let (ok, output) = directory.run(&["--dry-run", "--param", "IMAGE_TAG=abc123"]);
    assert!(ok, "{output}");
    assert!(
        plan.units.iter().any(|unit| unit.capabilities.is_empty()),
        "rail-backend has units that need no capability"
    );
    for unit in &plan.units {
        let line = output
            .lines()
            .find(|line| line.contains(&format!("--stack-name {} ", unit.stack_name)))
            .unwrap_or_else(|| panic!("{} missing:\n{output}", unit.stack_name));
        let capabilities: Vec<&str> = unit
            .capabilities
            .iter()
            .map(|capability| capability.as_str())
            .collect();
        if capabilities.is_empty() {
            assert!(!line.contains("--capabilities"), "{line}");
        } else {
            let expected = format!("--capabilities {} --tags", capabilities.join(" "));
            assert!(line.contains(&expected), "{line}");
        }
    }
}

/// `--simulate` stops production services: without a terminal to ask on and without `--yes` it
/// refuses before running anything (no AWS CLI is needed to see it), and asks otherwise.
#[test]
fn failover_simulation_asks_before_stopping_the_primary() {
    if !require_program("bash", "bash") {
        return;
    }
    let plan = rail_backend();
    let script = render_default(plan)
        .into_iter()
        .find(|file| file.path == "runbooks/test-failover.sh")
        .expect("test-failover.sh");
    let path = std::env::temp_dir().join(format!("meridian-failover-{}.sh", std::process::id()));
    std::fs::write(&path, &script.contents).expect("written");
    let output = Command::new("bash")
        .arg(&path)
        .arg("--simulate")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    let _ = std::fs::remove_file(&path);
    let text = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("run it from a terminal to confirm, or pass --yes"),
        "{text}"
    );
    // The question itself, for a run from a terminal: the primary region's name to go on.
    assert!(script.contents.contains("Type %s to go on: "));
    assert!(
        script
            .contents
            .contains("die \"not confirmed; nothing was stopped\"")
    );
    let (helped, help) = run_with_input("bash", &["-s", "--", "--help"], &script.contents);
    assert!(helped && help.contains("--yes"), "{help}");
}

/// `ARCHITECTURE.md`, `test-failover.sh` and the plan state the same failover time.
#[test]
fn the_failover_time_is_the_plans_everywhere() {
    for (name, plan) in bundled() {
        let estimate = &plan.operations.failover;
        if estimate.detection.is_none() {
            continue;
        }
        let files = render_default(plan);
        let contents = |path: &str| {
            files
                .iter()
                .find(|file| file.path == path)
                .map(|file| file.contents.as_str())
                .unwrap_or_else(|| panic!("{name}: no {path}"))
        };
        let total = estimate.total_seconds;
        // With failover turned off, ARCHITECTURE.md states the time only where Route 53 still
        // routes around a failed region.
        let evaluate_health = plan
            .global
            .as_ref()
            .and_then(|global| global.dns.as_ref())
            .is_some_and(|dns| dns.evaluate_health);
        let stated = if plan.operations.failover_enabled {
            Some(format!("The automatic part takes about {total} s"))
        } else {
            evaluate_health.then(|| format!("within about\n{total} s"))
        };
        // Where the records do not evaluate health, or one region alone has a record, the test
        // cannot simulate a failure and so waits for nothing.
        let regions_with_records = plan
            .global
            .as_ref()
            .and_then(|global| global.dns.as_ref())
            .map_or(0, |dns| dns.regions.len());
        if evaluate_health && regions_with_records > 1 {
            assert!(
                contents("runbooks/test-failover.sh")
                    .contains(&format!("readonly failover_wait={total}\n")),
                "{name}: test-failover.sh waits another time than the plan's {total} s"
            );
        }
        if let Some(stated) = stated {
            assert!(
                contents("runbooks/ARCHITECTURE.md").contains(&stated),
                "{name}: ARCHITECTURE.md states another time than the plan's {total} s"
            );
        }
    }
}

/// ARCHITECTURE.md shows every peering with both CIDRs and the unit requesting it, every service
/// region's write and read paths with the parameter tasks learn the writer from, and the failover
/// budget step by step with its total against the RTO, as the plan decided them.
#[test]
fn architecture_shows_the_links_paths_and_budget_of_the_plan() {
    for (name, plan) in bundled() {
        let files = render_default(plan);
        let architecture = files
            .iter()
            .find(|file| file.path == "runbooks/ARCHITECTURE.md")
            .map(|file| file.contents.as_str())
            .unwrap_or_else(|| panic!("{name}: no ARCHITECTURE.md"));
        let section = |heading: &str| -> String {
            architecture
                .split("\n## ")
                .find(|part| part.starts_with(heading))
                .unwrap_or_else(|| panic!("{name}: no section {heading}"))
                .to_owned()
        };
        let links = section("Links between regions");
        for link in &plan.operations.region_links {
            let unit = plan
                .units
                .iter()
                .find(|unit| unit.id == link.requester_unit)
                .expect("the requesting unit");
            let row = links
                .lines()
                .find(|line| line.starts_with(&format!("| `{}` |", link.name)))
                .unwrap_or_else(|| panic!("{name}: no row for {}", link.name));
            for needed in [
                format!("{} `{}`", link.requester, link.requester_cidr),
                format!("{} `{}`", link.accepter, link.accepter_cidr),
                format!("`{}`", unit.stack_name),
            ] {
                assert!(row.contains(&needed), "{name}: {needed} missing in {row}");
            }
            for port in link
                .ports_to_accepter
                .iter()
                .chain(&link.ports_to_requester)
            {
                assert!(row.contains(&format!("TCP {port}")), "{name}: {row}");
            }
        }
        let paths = section("Write and read paths");
        for region in &plan.operations.data_paths {
            for (store, path) in [("PostgreSQL", &region.database), ("Redis", &region.cache)] {
                let Some(path) = path else { continue };
                let row = paths
                    .lines()
                    .find(|line| line.starts_with(&format!("| {} | {store} |", region.region)))
                    .unwrap_or_else(|| panic!("{name}: no {store} row for {}", region.region));
                assert!(
                    row.contains(&format!(
                        "`{}` in {}",
                        path.writes.target, path.writes.region
                    )) && row
                        .contains(&format!("`{}` in {}", path.reads.target, path.reads.region)),
                    "{name}: {row}"
                );
                if let Some(parameter) = &path.parameter {
                    assert!(row.ends_with(&format!("`{parameter}` |")), "{name}: {row}");
                }
                if path.writes.region != region.region {
                    let peering = path.writes.peering.as_ref().expect("a peering");
                    assert!(
                        row.contains(&format!("over peering `{peering}`")),
                        "{name}: {row}"
                    );
                }
            }
        }
        let Some(budget) = &plan.operations.budget else {
            assert!(!architecture.contains("### Failover budget"), "{name}");
            continue;
        };
        let failover = section("Failover sequence");
        for (index, step) in budget.steps.iter().enumerate() {
            assert!(
                failover.contains(&format!(
                    "| {} | {} | {} |",
                    index + 1,
                    step.kind.as_str(),
                    step.seconds
                )),
                "{name}: step {} missing",
                step.kind.as_str()
            );
        }
        let verdict = match budget.rto_seconds {
            Some(rto) if budget.exceeds_rto => format!("exceeds the RTO of {rto} s"),
            Some(rto) => format!("within the RTO of {rto} s"),
            None => "no RTO stated".to_owned(),
        };
        assert!(
            failover.contains(&format!("| **{}** | ", budget.total_seconds))
                && failover.contains(&verdict),
            "{name}: total {} s, {verdict}",
            budget.total_seconds
        );
    }
}

/// The endpoint probes accept exactly the codes of the target group's health-check matcher.
#[test]
fn failover_probes_accept_exactly_the_matchers_codes() {
    if !require_program("bash", "bash") {
        return;
    }
    let mut plan = rail_backend().clone();
    let probe = plan
        .operations
        .failover
        .probe
        .as_mut()
        .expect("rail-backend has a probe");
    probe.matcher = "200,204-206".to_owned();
    probe.accepted = vec![(200, 200), (204, 206)];
    let script = render_default(&plan)
        .into_iter()
        .find(|file| file.path == "runbooks/test-failover.sh")
        .expect("test-failover.sh")
        .contents;
    let start = script.find("accepted() {").expect("the accepted function");
    let end = start + script[start..].find("\n}\n").expect("its end") + 3;
    let function = &script[start..end];
    let mut program = function.to_owned();
    for code in [
        "200", "201", "203", "204", "205", "206", "207", "000", "", "abc", "0200",
    ] {
        program.push_str(&format!(
            "if accepted '{code}'; then echo '{code}=yes'; else echo '{code}=no'; fi\n"
        ));
    }
    let (ok, output) = run_with_input("bash", &["-s"], &program);
    assert!(ok, "{output}");
    let accepted: Vec<&str> = output
        .lines()
        .filter_map(|line| line.strip_suffix("=yes"))
        .collect();
    assert_eq!(
        accepted,
        ["200", "204", "205", "206"],
        "{function}\n{output}"
    );
}

#[test]
fn dot_output_renders_with_graphviz() {
    if !require_program("dot", "Graphviz") {
        return;
    }
    for (name, plan) in bundled() {
        let (ok, output) = run_with_input("dot", &["-Tsvg"], &graph(plan, GraphFormat::Dot));
        assert!(ok, "{name}: dot failed:\n{output}");
        assert!(output.contains("<svg"), "{name}: no SVG");
    }
}

/// A structural check of the Mermaid flowcharts this crate writes (CI cannot run mermaid-cli):
/// the header, balanced subgraphs, node declarations with quoted labels, edges between declared
/// nodes with quoted labels.
fn check_mermaid(text: &str) -> Result<(), String> {
    fn is_id(id: &str) -> bool {
        let reserved = [
            "end",
            "graph",
            "subgraph",
            "flowchart",
            "style",
            "class",
            "click",
        ];
        id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !reserved.contains(&id)
    }
    fn quoted_label(text: &str) -> Option<&str> {
        let inner = text.strip_prefix('"')?.strip_suffix('"')?;
        (!inner.contains('"')).then_some(inner)
    }
    let mut lines = text.lines();
    if lines.next() != Some("flowchart LR") {
        return Err("the first line must be `flowchart LR`".to_owned());
    }
    let mut depth = 0usize;
    let mut declared: Vec<String> = Vec::new();
    let mut edges: Vec<(String, String)> = Vec::new();
    for (index, raw) in lines.enumerate() {
        let number = index + 2;
        let line = raw.trim();
        let fail = |why: &str| Err(format!("line {number} `{raw}`: {why}"));
        if line.is_empty() {
            return fail("empty line");
        }
        if let Some(rest) = line.strip_prefix("subgraph ") {
            let Some((id, label)) = rest.split_once('[') else {
                return fail("subgraph without a label");
            };
            let Some(label) = label.strip_suffix(']') else {
                return fail("subgraph label not closed");
            };
            if !is_id(id) || quoted_label(label).is_none() || declared.contains(&id.to_owned()) {
                return fail("bad subgraph id or label");
            }
            declared.push(id.to_owned());
            depth += 1;
        } else if line == "end" {
            if depth == 0 {
                return fail("`end` without `subgraph`");
            }
            depth -= 1;
        } else if line.contains("-->|") || line.contains("-.->|") {
            let arrow = if line.contains("-.->|") {
                "-.->|"
            } else {
                "-->|"
            };
            let (from, rest) = line.split_once(&format!(" {arrow}")).ok_or("edge shape")?;
            let (label, to) = rest.rsplit_once("| ").ok_or("edge label")?;
            if !is_id(from) || !is_id(to) || quoted_label(label).is_none() {
                return fail("bad edge");
            }
            edges.push((from.to_owned(), to.to_owned()));
        } else {
            let Some((id, shape)) = line.split_once('[') else {
                return fail("not a node, edge or subgraph");
            };
            let label = if let Some(inner) = shape.strip_prefix('(') {
                inner.strip_suffix(")]")
            } else {
                shape.strip_suffix(']')
            };
            let Some(label) = label.and_then(quoted_label) else {
                return fail("node label must be quoted");
            };
            if !is_id(id) || label.is_empty() || declared.contains(&id.to_owned()) {
                return fail("bad or duplicate node id");
            }
            if depth == 0 {
                return fail("node outside a subgraph");
            }
            declared.push(id.to_owned());
        }
    }
    if depth != 0 {
        return Err("unclosed subgraph".to_owned());
    }
    for (from, to) in edges {
        for end in [&from, &to] {
            if !declared.contains(end) {
                return Err(format!("edge {from} -> {to}: {end} is not declared"));
            }
        }
    }
    Ok(())
}

#[test]
fn mermaid_output_is_well_formed_and_matches_the_architecture_document() {
    for (name, plan) in bundled() {
        let mermaid = graph(plan, GraphFormat::Mermaid);
        if let Err(problem) = check_mermaid(&mermaid) {
            panic!("{name}: {problem}\n{mermaid}");
        }
        let architecture = render_default(plan)
            .into_iter()
            .find(|file| file.path == "runbooks/ARCHITECTURE.md")
            .expect("ARCHITECTURE.md");
        assert!(
            architecture
                .contents
                .contains(&format!("```mermaid\n{mermaid}```\n")),
            "{name}: ARCHITECTURE.md embeds the graph"
        );
    }
    assert!(
        check_mermaid("flowchart LR\n  subgraph g[\"x\"]\n    a[\"A\"]\n  end\n  a -->|\"l\"| b\n")
            .is_err()
    );
    assert!(check_mermaid("graph TD\n").is_err());
    assert!(check_mermaid("flowchart LR\n  subgraph g[\"x\"]\n    a[A]\n  end\n").is_err());
}

#[test]
fn the_graph_shows_replication_direction() {
    let plan = rail_backend();
    let mermaid = graph(plan, GraphFormat::Mermaid);
    for edge in [
        "us_east_1_db -.->|\"async replication\"| eu_west_1_db",
        "us_east_1_db -.->|\"async replication\"| ap_northeast_1_db",
        "us_east_1_cache -.->|\"Global Datastore replication\"| eu_west_1_cache",
        "us_east_1_bucket_audit_logs -.->|\"S3 replication, GLACIER\"| us_west_2_bucket_backups",
        "global_dns -->|\"latency, health check /health\"| eu_west_1_lb",
    ] {
        assert!(mermaid.contains(edge), "missing `{edge}` in\n{mermaid}");
    }
    let dot = graph(plan, GraphFormat::Dot);
    assert!(dot.contains(
        "\"us_east_1_db\" -> \"eu_west_1_db\" [label=\"async replication\", style=dashed];"
    ));
}

#[test]
fn same_plan_same_bytes() {
    for (name, plan) in bundled() {
        assert_eq!(render_default(plan), render_default(plan), "{name}");
        assert_eq!(
            graph(plan, GraphFormat::Dot),
            graph(plan, GraphFormat::Dot),
            "{name}"
        );
    }
    // Planned again from the file, the stack renders the same bytes.
    for stack in bundled_plans() {
        assert_eq!(
            render_default(&stack.plan),
            render_default(&plan_of(&stack.path)),
            "{}",
            stack.file_name
        );
    }
}

#[test]
fn snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repository().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../../../../stacks", "*.yaml", |path| {
            let plan = plan_of(path);
            let mut snapshot = String::new();
            for file in render_default(&plan) {
                snapshot.push_str(&format!("==> {} <==\n{}\n", file.path, file.contents));
            }
            insta::assert_snapshot!("runbook", snapshot);
        });
    });
}

#[test]
fn builtin_templates_are_listed_in_file_name_order() {
    let names: Vec<&str> = builtin_templates().map(|(name, _)| name).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert_eq!(names.len(), 7);
}

#[test]
fn the_pieces_divide_the_runbooks_without_overlap_or_gap() {
    // The CLI renders pieces on two threads at once; together they must be exactly `render`'s
    // files, each file in one piece only, for every bundled stack.
    use meridian_runbook::{Piece, Runbooks};
    for (name, plan) in bundled() {
        let runbooks = Runbooks::new(plan, &BTreeMap::new()).expect("built-in templates");
        let mut owners: BTreeMap<String, Piece> = BTreeMap::new();
        let mut pieced = Vec::new();
        for piece in Piece::ALL {
            for file in runbooks.render(piece).expect("renders") {
                if let Some(first) = owners.insert(file.path.clone(), piece) {
                    panic!("{name}: {} is in {first:?} and {piece:?}", file.path);
                }
                pieced.push(file);
            }
        }
        pieced.sort();
        assert_eq!(pieced, render_default(plan), "{name}");
    }
}
