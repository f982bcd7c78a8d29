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
    let runbooks = Runbooks::new(plan, overrides)?;
    let mut outputs = Vec::new();
    for piece in Piece::ALL {
        outputs.extend(runbooks.render(piece)?);
    }
    outputs.sort();
    Ok(outputs)
}

/// One piece of the runbooks: a document, or the files of one per-region template. Pieces are
/// independent of each other, so a caller may render them on several threads ([`render`]
/// renders them in turn).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Architecture,
    Deploy,
    TestFailover,
    DeployBlueGreen,
    Rollback,
    AppConfig,
    PromoteReplica,
}

impl Piece {
    /// Every piece, in the order [`render`] renders them (and so reports the first failure).
    pub const ALL: [Piece; 7] = [
        Piece::Architecture,
        Piece::Deploy,
        Piece::TestFailover,
        Piece::DeployBlueGreen,
        Piece::Rollback,
        Piece::AppConfig,
        Piece::PromoteReplica,
    ];
}

/// The runbooks of one plan, ready to render piece by piece: the templates (the user's copies
/// compiled once) and the plan. Shareable between threads.
pub struct Runbooks<'p> {
    engine: engine::Engine,
    plan: &'p Plan,
}

impl std::fmt::Debug for Runbooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runbooks")
            .field("stack", &self.plan.stack)
            .finish_non_exhaustive()
    }
}

impl<'p> Runbooks<'p> {
    /// See [`render`] for `overrides`.
    pub fn new(plan: &'p Plan, overrides: &BTreeMap<String, String>) -> Result<Self, RenderError> {
        Ok(Self {
            engine: engine::Engine::new(overrides)?,
            plan,
        })
    }

    /// The files of `piece`, paths `runbooks/<file>`, in no particular order.
    pub fn render(&self, piece: Piece) -> Result<Vec<OutputFile>, RenderError> {
        let (engine, plan) = (&self.engine, self.plan);
        let path = |file: &str| format!("{OUTPUT_DIR}/{file}");
        Ok(match piece {
            Piece::Architecture => vec![engine.render(
                engine::ARCHITECTURE,
                path(files::ARCHITECTURE),
                &views::architecture::build(plan),
            )?],
            Piece::Deploy => vec![engine.render(
                engine::DEPLOY,
                path(files::DEPLOY),
                &views::deploy::build(plan),
            )?],
            Piece::TestFailover => vec![engine.render(
                engine::TEST_FAILOVER,
                path(files::TEST_FAILOVER),
                &views::failover::build(plan),
            )?],
            Piece::DeployBlueGreen => {
                views::service::build_all(plan, views::service::Script::DeployBlueGreen)
                    .iter()
                    .map(|view| {
                        engine.render(engine::DEPLOY_SERVICE, path(&view.script_name.raw), view)
                    })
                    .collect::<Result<_, _>>()?
            }
            Piece::Rollback => views::service::build_all(plan, views::service::Script::Rollback)
                .iter()
                .map(|view| engine.render(engine::ROLLBACK, path(&view.script_name.raw), view))
                .collect::<Result<_, _>>()?,
            Piece::AppConfig => views::config::build_all(plan)
                .iter()
                .map(|view| engine.render(engine::APP_CONFIG, path(&view.file_name), view))
                .collect::<Result<_, _>>()?,
            Piece::PromoteReplica => views::promote::build_all(plan)
                .iter()
                .map(|view| {
                    engine.render(engine::PROMOTE_REPLICA, path(&view.runbook_name.raw), view)
                })
                .collect::<Result<_, _>>()?,
        })
    }
}
