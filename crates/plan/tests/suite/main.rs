//! `meridian-plan`'s integration tests, one module per subject, linked into one test binary
//! (the workspace is linked once, not once per file). Run one subject with
//! `cargo test -p meridian-plan --test suite <module>::`.

mod budget;
mod collisions;
mod defaults;
mod failover;
mod fidelity;
mod function_length;
mod links;
mod misspelt_region;
mod observability;
mod rail_backend;
mod review;
mod tags;

/// The seed (`rail-backend.yaml`) with `from` replaced by `to`; `from` must be in it.
fn edited_seed(from: &str, to: &str) -> String {
    let seed = std::fs::read_to_string(meridian_testkit::bundled_stack("rail-backend.yaml"))
        .expect("the seed");
    assert!(seed.contains(from), "the seed has no {from:?}");
    seed.replace(from, to)
}

/// Plans a stack file's text; every finding as `CODE at PATH: MESSAGE`, in order.
fn plan_with_findings(name: &str, yaml: &str) -> (meridian_plan::Planned, Vec<String>) {
    let planned = meridian_testkit::planned_of_bytes(name, yaml.as_bytes());
    let found = planned
        .diagnostics
        .iter()
        .map(|d| format!("{} at {}: {}", d.code, d.path, d.message))
        .collect();
    (planned, found)
}
