//! Test support shared by the integration tests, benchmarks and examples of Meridian's crates: where the
//! repository and its bundled stacks (`stacks/*.yaml`) are, and their plans. Only ever a
//! dev-dependency; it panics with a message instead of returning errors, as tests want.

pub mod scale;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub mod source;

use meridian_plan::{Plan, Planned};

/// The repository root, canonical (`insta::glob!` hands out canonical paths, and tests make names
/// relative to this root).
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The folder of the bundled stacks, `stacks/`.
pub fn stacks_dir() -> PathBuf {
    repository().join("stacks")
}

/// A bundled stack by file name: `bundled_stack("minimal.yaml")`.
pub fn bundled_stack(file_name: &str) -> PathBuf {
    let path = stacks_dir().join(file_name);
    assert!(path.is_file(), "no bundled stack {}", path.display());
    path
}

/// Paths of the bundled stacks (`stacks/*.yaml`, not the subfolders), sorted; never empty.
pub fn bundled_stack_paths() -> Vec<PathBuf> {
    let folder = stacks_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", folder.display()))
        .map(|entry| entry.expect("the stacks folder can be listed").path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "no bundled stack found in {}",
        folder.display()
    );
    paths
}

/// The file name of a path, `rail-backend.yaml`.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_else(|| panic!("{} has no UTF-8 file name", path.display()))
        .to_owned()
}

/// Loads and plans a stack file, with every diagnostic; panics when it does not load.
pub fn planned_of(path: &Path) -> Planned {
    let name = file_name(path);
    let bytes = std::fs::read(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    planned_of_bytes(&name, &bytes)
}

/// Loads and plans a stack given as bytes (a generated one), with every diagnostic; panics when
/// it does not load.
pub fn planned_of_bytes(name: &str, bytes: &[u8]) -> Planned {
    let loaded = meridian_model::load_stack(name, bytes)
        .unwrap_or_else(|failure| panic!("{name} does not load: {:#?}", failure.diagnostics));
    meridian_plan::plan(&loaded.stack)
}

/// The plan of a stack file; panics with the diagnostics when it does not load or plan.
pub fn plan_of(path: &Path) -> Plan {
    let planned = planned_of(path);
    planned.plan.unwrap_or_else(|| {
        panic!(
            "{} does not plan: {:#?}",
            path.display(),
            planned.diagnostics
        )
    })
}

/// One bundled stack (or one environment of a bundled stack) and its plan.
#[derive(Debug)]
pub struct BundledPlan {
    pub path: PathBuf,
    /// `rail-backend.yaml`.
    pub file_name: String,
    /// The file stem, `rail-backend`.
    pub name: String,
    /// The environment planned, for a stack file with environments (its first by name).
    pub environment: Option<String>,
    pub plan: Plan,
}

/// Every environment of a stack file with its plan (the one stack of a file without
/// environments); panics with the diagnostics when it does not load or plan.
pub fn environment_plans(path: &Path) -> Vec<(Option<String>, Plan)> {
    let name = file_name(path);
    let bytes = std::fs::read(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let loaded = meridian_model::load_environments(&name, &bytes)
        .unwrap_or_else(|failure| panic!("{name} does not load: {:#?}", failure.diagnostics));
    loaded
        .into_iter()
        .map(|environment| {
            let planned = meridian_plan::plan(&environment.stack);
            let plan = planned
                .plan
                .unwrap_or_else(|| panic!("{name} does not plan: {:#?}", planned.diagnostics));
            (environment.stack.environment, plan)
        })
        .collect()
}

/// Every bundled stack with its plan, in file-name order, planned once per test process. A stack
/// file with environments gives its first environment, as [`plan_of`] and the loader's
/// `load_stack` do (so a test may plan the file again and compare); `environment_plans` gives
/// every one, and `cli/tests/suite/environments.rs` covers them all.
pub fn bundled_plans() -> &'static [BundledPlan] {
    static PLANS: OnceLock<Vec<BundledPlan>> = OnceLock::new();
    PLANS.get_or_init(|| {
        bundled_stack_paths()
            .into_iter()
            .map(|path| {
                let file_name = file_name(&path);
                let name = file_name
                    .strip_suffix(".yaml")
                    .expect("a .yaml file")
                    .to_owned();
                let (environment, plan) = environment_plans(&path)
                    .into_iter()
                    .next()
                    .expect("a stack file gives at least one plan");
                BundledPlan {
                    plan,
                    environment,
                    path,
                    file_name,
                    name,
                }
            })
            .collect()
    })
}

/// The one policy for generated files that are committed: a test compares the file with what the
/// code generates now and fails when they differ; it rewrites the file only when asked to with
/// `MERIDIAN_UPDATE_GENERATED=1` (and still fails, so the rewrite is reviewed and committed).
/// `regenerate` says how to regenerate the file without the test.
pub fn ensure_file_contents(path: &Path, expected: &str, regenerate: &str) {
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if committed == expected {
        return;
    }
    let shown = path
        .strip_prefix(repository())
        .unwrap_or(path)
        .display()
        .to_string();
    if std::env::var_os("MERIDIAN_UPDATE_GENERATED").is_some_and(|value| value == "1") {
        std::fs::write(path, expected)
            .unwrap_or_else(|error| panic!("cannot rewrite {shown}: {error}"));
        panic!(
            "{shown} was stale and has been rewritten (MERIDIAN_UPDATE_GENERATED=1); review and commit it"
        );
    }
    panic!(
        "{shown} is stale: {regenerate} (or run this test with MERIDIAN_UPDATE_GENERATED=1), then review and \
         commit it"
    );
}

/// The ` ```bash ` blocks of a Markdown runbook, each with its common indentation removed: what
/// the shellcheck tests of the runbooks check besides the scripts.
pub fn markdown_bash_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Vec<&str>)> = None;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        match current.as_mut() {
            None if trimmed == "```bash" => {
                current = Some((line.len() - trimmed.len(), Vec::new()));
            }
            Some((indent, lines)) if trimmed == "```" => {
                let indent = *indent;
                let body: Vec<&str> = lines
                    .iter()
                    .map(|line| line.get(indent..).unwrap_or(""))
                    .collect();
                blocks.push(body.join("\n") + "\n");
                current = None;
            }
            Some((_, lines)) => lines.push(line),
            None => {}
        }
    }
    assert!(current.is_none(), "unclosed ```bash block");
    blocks
}
