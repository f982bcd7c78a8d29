//! A divided region's services units are written as every other template is (their resources
//! typed, `Type` first); each output one of the region's units declares for the others says
//! which stacks read it, in deploy order, each of which does import it; and a reference the
//! stack's overrides add to a services unit's resource is imported like any other.

use meridian_cfn::try_synthesize;
use meridian_plan::{Plan, UnitId};
use meridian_testkit::scale::{Scale, scaled_stack};
use serde_json::Value as Json;

use crate::support::unit_file;

fn divided_plan() -> Plan {
    divided_plan_with("")
}

/// The generated stack whose regions are divided, with `extra` (top-level YAML) appended.
fn divided_plan_with(extra: &str) -> Plan {
    let scale = Scale::new(2, 60);
    let text = scaled_stack(scale) + extra;
    let plan = meridian_testkit::planned_of_bytes("scaled.yaml", text.as_bytes())
        .plan
        .unwrap_or_else(|| panic!("{scale:?} has no plan"));
    assert!(
        plan.units
            .iter()
            .filter(|unit| matches!(unit.id, UnitId::Services(..)))
            .count()
            >= 2,
        "{scale:?} divides its regions"
    );
    plan
}

/// `(stack name, template text)` of every unit, in deploy order.
fn templates(plan: &Plan) -> Vec<(String, String)> {
    let files = try_synthesize(plan).unwrap_or_else(|_| panic!("the divided stack fits"));
    plan.units
        .iter()
        .map(|unit| {
            let file = unit_file(&files, unit);
            (unit.stack_name.clone(), file.contents.clone())
        })
        .collect()
}

#[test]
fn every_resource_of_every_unit_is_written_type_first() {
    let plan = divided_plan();
    for (stack, text) in templates(&plan) {
        let template: Json = serde_json::from_str(&text).expect("a template is JSON");
        let resources = template["Resources"].as_object().expect("resources").len();
        // The section runs from its key to the first line that closes at its depth.
        let start = text
            .find("\n  \"Resources\": {")
            .expect("a Resources section");
        let section = &text[start..];
        let section = &section[..section.find("\n  }").expect("the section closes")];
        let type_first = section.matches("\": {\n      \"Type\": \"AWS::").count();
        assert_eq!(
            type_first, resources,
            "{stack}: {resources} resources, {type_first} of them written with `Type` first"
        );
    }
}

#[test]
fn an_output_read_by_several_units_names_them_in_deploy_order() {
    let plan = divided_plan();
    let templates = templates(&plan);
    let position = |stack: &str| {
        templates
            .iter()
            .position(|(name, _)| name == stack)
            .unwrap_or_else(|| panic!("`{stack}` is a unit"))
    };
    let mut read_by_several = 0;
    for (producer, text) in &templates {
        let template: Json = serde_json::from_str(text).expect("a template is JSON");
        let outputs = template["Outputs"].as_object().cloned().unwrap_or_default();
        for (name, output) in outputs {
            let Some(readers) = output["Description"]
                .as_str()
                .and_then(|description| description.strip_prefix("Read by "))
            else {
                continue;
            };
            let readers: Vec<&str> = readers.split(", ").collect();
            read_by_several += usize::from(readers.len() > 1);
            let positions: Vec<usize> = readers.iter().map(|reader| position(reader)).collect();
            assert!(
                positions.windows(2).all(|pair| pair[0] < pair[1]),
                "{producer} `{name}`: readers {readers:?} are not in deploy order"
            );
            assert!(
                positions.iter().all(|&reader| reader > position(producer)),
                "{producer} `{name}`: a reader deploys before it"
            );
            for reader in readers {
                let (_, read) = &templates[position(reader)];
                // An import's arguments are written on consecutive lines.
                let output_line = format!("\"OutputName\": \"{name}\",");
                let stack_line = format!("\"StackName\": \"{producer}\"");
                let mut lines = read.lines().map(str::trim);
                let imports = std::iter::from_fn(|| {
                    lines.by_ref().find(|line| *line == output_line)?;
                    lines.next()
                })
                .any(|next| next == stack_line);
                assert!(
                    imports,
                    "{reader} is said to read `{name}` of {producer} and does not"
                );
            }
        }
    }
    assert!(
        read_by_several > 0,
        "some output of the divided stack is read by several units"
    );
}

#[test]
fn an_override_in_a_services_unit_naming_another_units_resource_imports_it() {
    // The overrides edit a resource after the division: the reference it adds leaves the unit.
    let plan = divided_plan_with(
        "overrides:\n  cloudformation:\n    - resource: Svc060Service\n      set:\n        \
         PlatformVersion: { \"Fn::GetAtt\": [Cluster, Arn] }\n",
    );
    let templates = templates(&plan);
    let mut overridden = 0;
    for (stack, text) in &templates {
        let template: Json = serde_json::from_str(text).expect("a template is JSON");
        let Some(service) = template["Resources"].get("Svc060Service") else {
            continue;
        };
        overridden += 1;
        let import = &service["Properties"]["PlatformVersion"]["Fn::GetStackOutput"];
        let producer = import["StackName"].as_str().unwrap_or_else(|| {
            panic!("{stack}: the override's reference is not imported: {service}")
        });
        let (_, produced) = templates
            .iter()
            .find(|(name, _)| name == producer)
            .unwrap_or_else(|| panic!("{stack} imports from `{producer}`, which is no unit"));
        let produced: Json = serde_json::from_str(produced).expect("a template is JSON");
        let output = &produced["Outputs"][import["OutputName"].as_str().unwrap_or_default()];
        assert_eq!(
            output["Value"],
            serde_json::json!({"Fn::GetAtt": ["Cluster", "Arn"]}),
            "{producer} declares the output {stack} imports"
        );
    }
    assert_eq!(overridden, 2, "the service is overridden in both regions");
}
