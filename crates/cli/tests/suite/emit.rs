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

#[test]
fn without_failover_the_architecture_says_what_route_53_does_when_a_region_fails() {
    let seed = std::fs::read_to_string(meridian_testkit::bundled_stack("rail-backend.yaml"))
        .expect("the seed");
    // Alerts that start a failover need one: the seed's only notify here.
    let notifying = seed
        .replace("action: initiate_failover", "action: notify_on_call")
        .replace("action: failover_if_primary", "action: notify_on_call");
    let block = &notifying[notifying.find("\nfailover:\n").expect("a failover block")
        ..notifying.find("\nnotifications:").expect("notifications")];
    // Without a `failover` block the records still evaluate health (the model's documented
    // default); with `enabled: false` they do not.
    let omitted = notifying.replace(block, "\n");
    let disabled = notifying.replace(block, "\nfailover:\n  enabled: false\n");
    for (name, yaml, evaluates, says) in [
        (
            "omitted",
            omitted,
            true,
            "Route 53 stops answering with it within about",
        ),
        (
            "disabled",
            disabled,
            false,
            "Route 53 keeps answering with it until its record is",
        ),
    ] {
        let checked = meridian::pipeline::check(name, yaml.as_bytes())
            .unwrap_or_else(|rejected| panic!("{name}: {}", rejected.report(name)));
        let dns = checked
            .plan
            .global
            .as_ref()
            .and_then(|global| global.dns.as_ref())
            .expect("the seed has DNS");
        assert_eq!(dns.evaluate_health, evaluates, "{name}");
        let files = emit(&checked.plan, Target::Runbooks, &BTreeMap::new()).expect("emits");
        let architecture = files
            .iter()
            .find(|file| file.path.ends_with("ARCHITECTURE.md"))
            .expect("ARCHITECTURE.md");
        assert!(
            architecture
                .contents
                .contains("Failover is disabled for this stack."),
            "{name}"
        );
        assert!(
            architecture.contents.contains(says),
            "{name}: {}",
            architecture.contents
        );
        // The time stated is the plan's, as where failover is enabled.
        let total = checked.plan.operations.failover.total_seconds;
        assert_eq!(
            architecture
                .contents
                .contains(&format!("within about\n{total} s (its health check fails")),
            evaluates,
            "{name}: ARCHITECTURE.md states another time than the plan's {total} s"
        );
    }
}
