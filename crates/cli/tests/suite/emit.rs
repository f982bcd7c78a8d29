//! `emit` with every target runs them on two threads and shares the runbooks between them: the
//! files and the failures must be those of each target emitted alone.

use std::collections::BTreeMap;

use meridian::Target;
use meridian::pipeline::emit;
use meridian_testkit::bundled_plans;

#[test]
fn every_target_at_once_gives_each_target_s_files() {
    for bundled in bundled_plans() {
        let none = BTreeMap::new();
        let all = emit(&bundled.plan, Target::All, &none).expect("emits");
        let mut alone = Vec::new();
        for target in [Target::Cloudformation, Target::Terraform, Target::Runbooks] {
            alone.extend(emit(&bundled.plan, target, &none).expect("emits"));
        }
        alone.sort();
        assert_eq!(all, alone, "{}", bundled.file_name);
    }
}

#[test]
fn a_broken_template_fails_every_target_at_once_as_it_fails_the_runbooks() {
    let plan = &bundled_plans()
        .iter()
        .find(|bundled| bundled.file_name == "rail-backend.yaml")
        .expect("the seed is bundled")
        .plan;
    // Two broken templates: the failure reported is the one a single thread meets first,
    // whichever thread renders it.
    let templates = BTreeMap::from([
        ("rollback.sh.hbs".to_owned(), "{{no_such_field}}".to_owned()),
        (
            "ARCHITECTURE.md.hbs".to_owned(),
            "{{another_missing_field}}".to_owned(),
        ),
    ]);
    let runbooks = emit(plan, Target::Runbooks, &templates)
        .expect_err("fails")
        .to_string();
    assert!(runbooks.contains("another_missing_field"), "{runbooks}");
    for _ in 0..20 {
        let all = emit(plan, Target::All, &templates).expect_err("fails");
        assert_eq!(all.to_string(), runbooks);
    }
}
