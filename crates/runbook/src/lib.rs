//! Meridian's runbooks: deploy, blue/green, rollback and failover-test scripts, replica-promotion
//! runbooks and an architecture document, rendered from handlebars templates (`templates/*.hbs`,
//! embedded; users may replace any of them), plus the topology as Mermaid or DOT.
//!
//! Each template gets its own view-model built from the plan; templates hold no logic beyond
//! `each` and `if`. Rendering is strict (a missing field is an error) and does not HTML-escape;
//! values meant for scripts are shell-quoted by the view-model builders. This crate performs no
//! I/O: it returns [`OutputFile`]s, and the CLI writes them.

mod engine;
mod files;
mod graph;
mod lookup;
mod precompiled;
mod text;
mod views;

use std::collections::BTreeMap;

use meridian_plan::{OutputFile, Plan};

pub use engine::RenderError;
pub use graph::{GraphFormat, graph};

/// Directory of the outputs, relative to the synthesis output directory.
pub const OUTPUT_DIR: &str = "runbooks";

/// Whether the generated file at `path` (as in [`OutputFile::path`]) is a script, to be written
/// executable: the shell scripts among the runbooks.
pub fn is_executable(path: &str) -> bool {
    path.strip_prefix(OUTPUT_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|file| !file.contains('/') && file.ends_with(".sh"))
}

/// The built-in templates as (file name, text), in file-name order: what `--templates DIR` may
/// replace, and a starting point for a user's copy.
pub fn builtin_templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    engine::BUILTIN_TEMPLATES.iter().copied()
}

/// Rebuilds the built-in templates now instead of on the first [`render`] (once per process; later
/// calls return at once), so that a caller can have it done on another thread while it loads and
/// plans the stack. A failure is not reported here: [`render`] reports it.
pub fn prepare_builtin_templates() {
    let _ = engine::builtin_registry();
}

/// Renders every runbook of `plan`. `overrides` maps a template file name (`deploy.sh.hbs`) to
/// the user's replacement text; an unknown name is an error listing the known ones. Everything
/// renders in memory first, so a broken template yields an error and no output at all. Paths are
/// `runbooks/<file>`, sorted; the same plan always gives the same bytes.
pub fn render(
    plan: &Plan,
    overrides: &BTreeMap<String, String>,
) -> Result<Vec<OutputFile>, RenderError> {
    let engine = engine::Engine::new(overrides)?;
    let path = |file: &str| format!("{OUTPUT_DIR}/{file}");
    let mut outputs = vec![
        engine.render(
            engine::ARCHITECTURE,
            path(files::ARCHITECTURE),
            &views::architecture::build(plan),
        )?,
        engine.render(
            engine::DEPLOY,
            path(files::DEPLOY),
            &views::deploy::build(plan),
        )?,
        engine.render(
            engine::TEST_FAILOVER,
            path(files::TEST_FAILOVER),
            &views::failover::build(plan),
        )?,
    ];
    for view in views::service::build_all(plan, views::service::Script::DeployBlueGreen) {
        let file = path(&view.script_name.raw);
        outputs.push(engine.render(engine::DEPLOY_SERVICE, file, &view)?);
    }
    for view in views::service::build_all(plan, views::service::Script::Rollback) {
        let file = path(&view.script_name.raw);
        outputs.push(engine.render(engine::ROLLBACK, file, &view)?);
    }
    for view in views::config::build_all(plan) {
        let file = path(&view.file_name);
        outputs.push(engine.render(engine::APP_CONFIG, file, &view)?);
    }
    for view in views::promote::build_all(plan) {
        let file = path(&view.runbook_name.raw);
        outputs.push(engine.render(engine::PROMOTE_REPLICA, file, &view)?);
    }
    outputs.sort();
    Ok(outputs)
}
