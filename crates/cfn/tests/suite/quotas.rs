//! Issue 13: every CloudFormation template of seed-shaped stacks from 1 region × 1 service up to
//! 30 regions × 100 services stays within CloudFormation's quotas (resources, outputs,
//! parameters, mappings, bytes), and a region too big for one template is split into services
//! units whose wiring holds: every reference resolves inside its template, every import names an
//! output its producer declares, and every producer deploys before its consumers.

use std::collections::{BTreeMap, BTreeSet};

use meridian_plan::aws::limits;
use meridian_plan::{OutputFile, Plan, UnitId};
use meridian_testkit::scale::{Scale, scaled_stack};
use serde_json::Value as Json;

/// The generated stack at `scale`, its services deployed blue/green with every rollback trigger
/// when `blue_green` (more resources per service, and a listener rule each service refers to).
fn stack_text(scale: Scale, blue_green: bool) -> String {
    let text = scaled_stack(scale);
    if !blue_green {
        return text;
    }
    let rolling = "    deployment:\n      strategy: rolling\n      rollback:\n        triggers: { error_rate_threshold: 0.05 }\n";
    assert!(
        text.contains(rolling),
        "the generator's deployment block changed"
    );
    text.replace(
        rolling,
        "    deployment:\n      strategy: blue_green\n      bake_time_minutes: 5\n      rollback:\n        enabled: true\n        triggers:\n          error_rate_threshold: 0.05\n          latency_threshold_ms: 2000\n          health_check_failure: true\n",
    )
}

fn plan_at(scale: Scale, blue_green: bool) -> Plan {
    let text = stack_text(scale, blue_green);
    let planned = meridian_testkit::planned_of_bytes("scaled.yaml", text.as_bytes());
    let errors: Vec<_> = planned
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .collect();
    assert!(errors.is_empty(), "{scale:?}: {errors:#?}");
    planned
        .plan
        .unwrap_or_else(|| panic!("{scale:?} has no plan"))
}

/// `(stack name, output name)` of every `Fn::GetStackOutput` under `value`.
fn imports(value: &Json, out: &mut BTreeSet<(String, String)>) {
    match value {
        Json::Object(map) => {
            if let Some(Json::Object(call)) = map.get("Fn::GetStackOutput")
                && let (Some(Json::String(stack)), Some(Json::String(output))) =
                    (call.get("StackName"), call.get("OutputName"))
            {
                out.insert((stack.clone(), output.clone()));
            }
            map.values().for_each(|nested| imports(nested, out));
        }
        Json::Array(items) => items.iter().for_each(|nested| imports(nested, out)),
        _ => {}
    }
}

/// Logical IDs named by `Ref` and `Fn::GetAtt` under `value`.
fn references(value: &Json, out: &mut BTreeSet<String>) {
    match value {
        Json::Object(map) => {
            if let Some(Json::String(target)) = map.get("Ref") {
                out.insert(target.clone());
            }
            if let Some(Json::String(target)) = map.get("Fn::GetAtt").and_then(|a| a.get(0)) {
                out.insert(target.clone());
            }
            map.values().for_each(|nested| references(nested, out));
        }
        Json::Array(items) => items.iter().for_each(|nested| references(nested, out)),
        _ => {}
    }
}

/// Checks every template of `plan` and returns how many units each region has.
fn check(scale: Scale, blue_green: bool) -> BTreeMap<String, usize> {
    let plan = plan_at(scale, blue_green);
    let files: Vec<OutputFile> = meridian_cfn::try_synthesize(&plan)
        .unwrap_or_else(|problems| panic!("{scale:?}: {problems:#?}"));
    let by_path: BTreeMap<&str, &OutputFile> = files
        .iter()
        .map(|file| (file.path.as_str(), file))
        .collect();
    let mut declared: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut parsed = Vec::new();
    for (position, unit) in plan.units.iter().enumerate() {
        let path = format!("cloudformation/{}", unit.template_file);
        let file = by_path
            .get(path.as_str())
            .unwrap_or_else(|| panic!("{scale:?}: no {path}"));
        let template: Json = serde_json::from_str(&file.contents).expect("a template is JSON");
        let count = |section: &str| {
            template
                .get(section)
                .and_then(Json::as_object)
                .map_or(0, |map| map.len())
        };
        let name = &unit.stack_name;
        assert!(
            count("Resources") <= limits::CFN_RESOURCES_PER_TEMPLATE,
            "{name}: {} resources",
            count("Resources")
        );
        assert!(
            count("Outputs") <= limits::CFN_OUTPUTS_PER_TEMPLATE,
            "{name}: {} outputs",
            count("Outputs")
        );
        assert!(
            count("Parameters") <= limits::CFN_PARAMETERS_PER_TEMPLATE,
            "{name}: {} parameters",
            count("Parameters")
        );
        assert!(
            count("Mappings") <= limits::CFN_MAPPINGS_PER_TEMPLATE,
            "{name}: {} mappings",
            count("Mappings")
        );
        assert!(
            file.contents.len() <= limits::CFN_TEMPLATE_BYTES,
            "{name}: {} bytes",
            file.contents.len()
        );
        let unresolved = meridian_cfn::l1::unresolved_references(&template);
        assert!(unresolved.is_empty(), "{name}: {unresolved:#?}");
        for (id, resource) in template["Resources"].as_object().into_iter().flatten() {
            let mut referenced = BTreeSet::new();
            references(&resource["Properties"], &mut referenced);
            for target in resource["DependsOn"].as_array().into_iter().flatten() {
                let target = target.as_str().unwrap_or_default();
                assert!(
                    !referenced.contains(target),
                    "{name}: {id} depends on {target}, which it already refers to (cfn-lint W3005)"
                );
            }
        }
        declared.insert(
            name.clone(),
            template
                .get("Outputs")
                .and_then(Json::as_object)
                .map(|outputs| outputs.keys().cloned().collect())
                .unwrap_or_default(),
        );
        parsed.push((position, unit, template));
    }
    let position_of: BTreeMap<&str, usize> = plan
        .units
        .iter()
        .enumerate()
        .map(|(position, unit)| (unit.stack_name.as_str(), position))
        .collect();
    for (position, unit, template) in &parsed {
        let mut read = BTreeSet::new();
        imports(template, &mut read);
        for (stack, output) in read {
            let producer = position_of.get(stack.as_str()).unwrap_or_else(|| {
                panic!("{}: imports from unknown stack {stack}", unit.stack_name)
            });
            // An adopted writer's address is the one import of a later unit (see wiring.rs).
            assert!(
                producer < position || output.ends_with("Address"),
                "{} imports {output} from {stack}, which deploys after it",
                unit.stack_name
            );
            assert!(
                declared[&stack].contains(&output),
                "{} imports {output}, which {stack} does not declare",
                unit.stack_name
            );
        }
    }
    let mut units_per_region: BTreeMap<String, usize> = BTreeMap::new();
    for unit in &plan.units {
        if let UnitId::Region(region) | UnitId::Services(region, _) = &unit.id {
            *units_per_region.entry(region.to_string()).or_default() += 1;
        }
    }
    units_per_region
}

#[test]
fn small_stacks_keep_one_application_unit_per_region() {
    for scale in [Scale::new(1, 1), Scale::new(3, 1), Scale::new(10, 10)] {
        let units = check(scale, false);
        assert!(
            units.values().all(|count| *count == 1),
            "{scale:?}: {units:?}"
        );
    }
}

#[test]
fn big_regions_are_split_and_every_template_stays_within_the_quotas() {
    for (scale, blue_green) in [
        (Scale::new(3, 27), false),
        (Scale::new(3, 40), true),
        (Scale::new(20, 50), false),
        (Scale::new(30, 100), false),
    ] {
        let units = check(scale, blue_green);
        assert!(
            units.values().all(|count| *count > 1),
            "{scale:?}: every region of this size needs services units: {units:?}"
        );
    }
}
