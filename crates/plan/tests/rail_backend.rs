//! Planning the bundled stacks.

use meridian_model::load_stack;

fn plan_file(name: &str) -> meridian_plan::Planned {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../stacks")
        .join(name);
    let bytes = std::fs::read(&path).expect("bundled stack");
    let loaded = load_stack(name, &bytes).expect("loads");
    meridian_plan::plan(&loaded.stack)
}

#[test]
fn rail_backend_plans_without_errors() {
    let planned = plan_file("rail-backend.yaml");
    for diagnostic in &planned.diagnostics {
        eprintln!(
            "{} {} at {}: {} (help: {:?})",
            diagnostic.code,
            diagnostic.severity,
            diagnostic.path,
            diagnostic.message,
            diagnostic.help
        );
    }
    let plan = planned.plan.expect("no errors");
    let order: Vec<String> = plan.units.iter().map(|u| u.stack_name.clone()).collect();
    eprintln!("{order:#?}");
}

#[test]
fn every_bundled_stack_plans_without_errors() {
    for name in [
        "rail-backend.yaml",
        "minimal.yaml",
        "orders-two-regions.yaml",
    ] {
        let planned = plan_file(name);
        let errors: Vec<String> = planned
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{name}: {} {} at {}: {} ({:?})",
                    d.code, d.severity, d.path, d.message, d.help
                )
            })
            .collect();
        assert!(planned.plan.is_some() && errors.is_empty(), "{errors:#?}");
    }
}
