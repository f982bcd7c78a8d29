#[test]
#[ignore = "prints the plan of rail-backend for inspection"]
fn dump() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stacks/rail-backend.yaml");
    let bytes = std::fs::read(&path).expect("bundled stack");
    let loaded = meridian_model::load_stack("x", &bytes).expect("loads");
    let plan = meridian_plan::plan(&loaded.stack).plan.expect("plan");
    for p in &plan.parameters {
        eprintln!(
            "PARAM {} {:?} per_region={} regions={:?} :: {}",
            p.name, p.kind, p.per_region, p.regions, p.description
        );
    }
    for u in &plan.units {
        eprintln!(
            "UNIT {} deps={:?} params={:?}",
            u.stack_name,
            u.depends_on
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>(),
            u.parameters
        );
        for o in &u.outputs {
            eprintln!("   OUT {} = {}", o.name, o.value);
        }
    }
    let eu = plan
        .regions
        .iter()
        .find(|r| r.region == "eu-west-1")
        .expect("eu");
    let app = eu.app.as_ref().expect("app");
    for s in &app.services {
        for (k, v) in &s.environment {
            eprintln!("ENV {k} = {v}");
        }
        for (k, v) in &s.secrets {
            eprintln!("SECRET {k} = {v}");
        }
    }
    eprintln!("{:#?}", app.database);
    eprintln!(
        "{:#?}",
        app.security_group_rules
            .iter()
            .map(|r| (&r.rid.logical, r.port))
            .collect::<Vec<_>>()
    );
}
