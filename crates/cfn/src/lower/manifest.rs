//! The deployment manifest (`manifest.json`): for every unit in deploy order, the stack to deploy,
//! its template, region, the units it depends on and the outputs it consumes, its parameters and outputs, the
//! stack tags and the capabilities CloudFormation must be granted. It reports what the plan and
//! the templates hold and must not decide anything.

use std::collections::{BTreeMap, BTreeSet};

use meridian_plan::bug;
use meridian_plan::{Parameter, Plan, Unit, UnitId};
use serde::Deserialize;

use crate::diff::manifest::{
    ConsumedOutput, DeclaredRename, Dependency, MANIFEST_FORMAT, Manifest, ManifestOutput,
    ManifestParameter, ManifestUnit,
};

use crate::l1;

use super::template_path;
use super::values::Values;

// The manifest's structs live with the reader (`crate::diff::manifest`), so that what is written
// here is what `meridian diff` reads back.

/// A unit with its template's text, its outputs and what it imports.
#[derive(Debug)]
pub(crate) struct Rendered<'p> {
    pub unit: &'p Unit,
    /// `None` once handed out as a file (`LoweredPiece::take_files`): the manifest only needs
    /// what was read from it.
    pub text: Option<String>,
    pub outputs: BTreeMap<String, l1::Output>,
    /// `(stack name, output name)` of every `Fn::GetStackOutput` in `text`: read where the
    /// template is rendered, on whichever thread renders it, rather than by the one thread
    /// that writes the manifest (at 20 regions x 50 services, 45 MB of text scanned after both
    /// threads were done).
    pub imports: BTreeSet<(String, String)>,
}

impl<'p> Rendered<'p> {
    /// `unit`'s template, written as `text`, with its `outputs`.
    pub fn new(unit: &'p Unit, text: String, outputs: BTreeMap<String, l1::Output>) -> Self {
        let imports = stack_outputs(&text);
        Self {
            unit,
            text: Some(text),
            outputs,
            imports,
        }
    }
}

/// The manifest as it ships: pretty JSON, two-space indentation, trailing newline. `rendered`
/// holds every unit with its template's text and outputs, in deploy order.
pub(crate) fn render_manifest(plan: &Plan, rendered: &[Rendered<'_>]) -> String {
    let values = Values::new(&plan.parameters, &plan.tags);
    // What each stack's template declares: the plan's outputs and, in a divided region, the
    // outputs its services units read (`split.rs`).
    let declared: BTreeMap<&str, &BTreeMap<String, l1::Output>> = rendered
        .iter()
        .map(|rendered| (rendered.unit.stack_name.as_str(), &rendered.outputs))
        .collect();
    let units = rendered
        .iter()
        .map(|rendered| manifest_unit(plan, &values, rendered, &declared))
        .collect();
    let manifest = Manifest {
        format: MANIFEST_FORMAT,
        stack: plan.stack.clone(),
        description: plan.description.clone(),
        primary_region: plan.primary_region.to_string(),
        global_region: plan.global_region.to_string(),
        units,
        renames: plan
            .renames
            .iter()
            .map(|rename| DeclaredRename {
                kind: rename.kind.as_str().to_owned(),
                from: rename.from.clone(),
                to: rename.to.clone(),
                logical_ids: rename
                    .logical_ids
                    .iter()
                    .map(|(unit, ids)| {
                        (
                            naming_stack(plan, unit),
                            ids.iter().map(ToString::to_string).collect(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&manifest)
        .unwrap_or_else(|error| bug(format_args!("the manifest does not serialize: {error}")));
    text.push('\n');
    text
}

/// The CloudFormation stack name of `unit`, as the plan's units give it.
fn naming_stack(plan: &Plan, unit: &UnitId) -> String {
    plan.units
        .iter()
        .find(|candidate| &candidate.id == unit)
        .map(|candidate| candidate.stack_name.clone())
        .unwrap_or_else(|| unit.to_string())
}

fn manifest_unit(
    plan: &Plan,
    values: &Values<'_>,
    rendered: &Rendered<'_>,
    declared: &BTreeMap<&str, &BTreeMap<String, l1::Output>>,
) -> ManifestUnit {
    let Rendered {
        unit,
        // Already read for what it imports.
        text: _,
        outputs,
        imports,
    } = rendered;
    let Unit {
        id,
        stack_name,
        template_file: _,
        region,
        description,
        depends_on,
        // The plan lists every output its values import, including values CloudFormation has no
        // use for (a replication destination's name); the manifest lists what the template
        // imports, which the tests check is a subset of this.
        consumes: _,
        parameters,
        // Every one is in the template, whose outputs the manifest lists.
        outputs: _,
        capabilities,
    } = unit;
    let consumes: Vec<ConsumedOutput> = imports
        .iter()
        .map(|(stack_name, output)| {
            let producer = producer_by_stack_name(plan, stack_name);
            ConsumedOutput {
                unit: producer.id.to_string(),
                stack_name: producer.stack_name.clone(),
                region: producer.region.to_string(),
                output: declared
                    .get(producer.stack_name.as_str())
                    .and_then(|outputs| outputs.get_key_value(output))
                    .map(|(name, _)| name.clone())
                    .unwrap_or_else(|| {
                        bug(format_args!(
                            "{stack_name} does not declare the output {output} it exports"
                        ))
                    }),
            }
        })
        .collect();
    // The plan records every unit whose outputs this one consumes (a test checks the template's
    // imports against it).
    let mut dependencies: Vec<&Unit> = depends_on
        .iter()
        .map(|dependency| producer(plan, dependency))
        .collect();
    dependencies.sort_by_key(|dependency| deploy_position(plan, dependency));
    ManifestUnit {
        unit: id.to_string(),
        stack_name: stack_name.clone(),
        template: template_path(unit),
        region: region.to_string(),
        description: description.clone(),
        depends_on: dependencies
            .into_iter()
            .map(|dependency| Dependency {
                unit: dependency.id.to_string(),
                stack_name: dependency.stack_name.clone(),
            })
            .collect(),
        consumes,
        parameters: parameters
            .iter()
            .map(|name| {
                let Parameter {
                    name,
                    cfn_name,
                    tf_name: _,
                    kind,
                    per_region,
                    sensitive,
                    description,
                    regions: _,
                } = values.parameter(name);
                ManifestParameter {
                    name: cfn_name.clone(),
                    stack_file_name: name.clone(),
                    kind: kind.name().to_owned(),
                    per_region: *per_region,
                    sensitive: *sensitive,
                    description: description.clone(),
                }
            })
            .collect(),
        outputs: outputs
            .iter()
            .map(|(name, output)| {
                let l1::Output {
                    description,
                    value: _,
                } = output;
                ManifestOutput {
                    name: name.clone(),
                    description: description.clone().unwrap_or_default(),
                }
            })
            .collect(),
        tags: plan.tags.clone(),
        // The plan decides them from what the unit holds; a test checks them against the
        // templates.
        capabilities: capabilities
            .iter()
            .map(|capability| capability.as_str().to_owned())
            .collect(),
    }
}

fn deploy_position(plan: &Plan, unit: &Unit) -> usize {
    plan.units
        .iter()
        .position(|candidate| candidate.id == unit.id)
        .unwrap_or(usize::MAX)
}

fn producer_by_stack_name<'a>(plan: &'a Plan, stack_name: &str) -> &'a Unit {
    plan.units
        .iter()
        .find(|candidate| candidate.stack_name == stack_name)
        .unwrap_or_else(|| {
            bug(format_args!(
                "stack `{stack_name}` is not a unit of the plan"
            ))
        })
}

/// `(stack name, output name)` of every `Fn::GetStackOutput` in a template's pretty JSON text.
///
/// The text is read rather than a JSON tree of the template built: every line of pretty JSON
/// starts with structure (line breaks inside strings are escaped), so the key at the start of a
/// line is a key, never text inside a string, and the object after it is parsed on its own.
fn stack_outputs(template: &str) -> BTreeSet<(String, String)> {
    const KEY: &str = "\"Fn::GetStackOutput\":";
    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Arguments {
        stack_name: String,
        output_name: String,
    }
    memchr::memmem::find_iter(template.as_bytes(), KEY)
        .filter(|at| {
            template.as_bytes()[..*at]
                .iter()
                .rev()
                .take_while(|byte| **byte != b'\n')
                .all(|byte| *byte == b' ')
        })
        .map(|at| {
            let mut arguments = serde_json::Deserializer::from_str(&template[at + KEY.len()..]);
            let Arguments {
                stack_name,
                output_name,
            } = Arguments::deserialize(&mut arguments).unwrap_or_else(|error| {
                bug(format_args!(
                    "Fn::GetStackOutput has no literal StackName and OutputName: {error}"
                ))
            });
            (stack_name, output_name)
        })
        .collect()
}

fn producer<'a>(plan: &'a Plan, id: &UnitId) -> &'a Unit {
    plan.units
        .iter()
        .find(|candidate| &candidate.id == id)
        .unwrap_or_else(|| bug(format_args!("unit `{id}` is not a unit of the plan")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    /// The same pairs, found by walking the template's JSON tree.
    fn walked(value: &Json, out: &mut BTreeSet<(String, String)>) {
        match value {
            Json::Object(map) => {
                if let Some(arguments) = map.get("Fn::GetStackOutput") {
                    let field =
                        |name: &str| arguments[name].as_str().expect("a literal").to_owned();
                    out.insert((field("StackName"), field("OutputName")));
                }
                map.values().for_each(|nested| walked(nested, out));
            }
            Json::Array(items) => items.iter().for_each(|item| walked(item, out)),
            _ => {}
        }
    }

    #[test]
    fn the_text_scan_finds_what_the_json_tree_holds() {
        let mut found = 0;
        for bundled in meridian_testkit::bundled_plans() {
            for file in crate::synthesize(&bundled.plan) {
                if !file.path.ends_with(".template.json") {
                    continue;
                }
                let mut expected = BTreeSet::new();
                walked(
                    &serde_json::from_str(&file.contents).expect("templates are JSON"),
                    &mut expected,
                );
                assert_eq!(stack_outputs(&file.contents), expected, "{}", file.path);
                found += expected.len();
            }
        }
        assert!(
            found > 0,
            "some bundled stack imports another stack's output"
        );
    }

    #[test]
    fn the_key_inside_a_string_is_not_an_import() {
        let template = r#"{
  "Description": "see \"Fn::GetStackOutput\": {\"StackName\": \"a\", \"OutputName\": \"b\"}",
  "Resources": {
    "Thing": {
      "Properties": {
        "Value": {
          "Fn::GetStackOutput": {
            "OutputName": "Out",
            "Region": "eu-west-1",
            "StackName": "producer"
          }
        }
      }
    }
  }
}
"#;
        assert_eq!(
            stack_outputs(template),
            BTreeSet::from([("producer".to_owned(), "Out".to_owned())])
        );
    }
}
