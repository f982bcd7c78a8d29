//! Test support: every bundled stack planned (by `meridian_testkit`) and synthesized once, and helpers
//! that walk the synthesized JSON. Tests state rules over templates; [`assert_holds`] runs a rule over
//! every template of every stack, fails on what breaks it, and fails as well when the rule examined
//! nothing, so a rule cannot pass because no bundled stack has what it checks.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use meridian_plan::{OutputFile, Plan};
use serde_json::Value as Json;

pub use meridian_testkit::{bundled_stack_paths, plan_of};

/// One bundled stack after synthesis.
pub struct Synthesized {
    /// File stem of the stack file, `rail-backend`.
    pub name: String,
    pub plan: &'static Plan,
    pub files: Vec<OutputFile>,
    /// Templates in deploy order.
    pub templates: Vec<Unit>,
    pub manifest: Json,
}

/// One unit's template.
pub struct Unit {
    pub stack_name: String,
    pub region: String,
    pub template: Json,
}

/// The template file of `unit` among `files`.
pub fn unit_file<'a>(files: &'a [OutputFile], unit: &meridian_plan::Unit) -> &'a OutputFile {
    let path = format!("cloudformation/{}", unit.template_file);
    files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("{path} is synthesized"))
}

/// Every bundled stack, synthesized once per test process.
pub fn bundled() -> &'static [Synthesized] {
    static BUNDLED: OnceLock<Vec<Synthesized>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        meridian_testkit::bundled_plans()
            .iter()
            .map(|bundled| {
                let plan = &bundled.plan;
                let files = meridian_cfn::synthesize(plan);
                let templates = plan
                    .units
                    .iter()
                    .map(|unit| {
                        let file = unit_file(&files, unit);
                        let path = &file.path;
                        Unit {
                            stack_name: unit.stack_name.clone(),
                            region: unit.region.to_string(),
                            template: serde_json::from_str(&file.contents)
                                .unwrap_or_else(|error| panic!("{path} is JSON: {error}")),
                        }
                    })
                    .collect();
                let manifest = files
                    .iter()
                    .find(|file| file.path == "manifest.json")
                    .map(|file| serde_json::from_str(&file.contents).expect("the manifest is JSON"))
                    .expect("manifest.json is synthesized");
                Synthesized {
                    name: bundled.name.clone(),
                    plan,
                    files,
                    templates,
                    manifest,
                }
            })
            .collect()
    })
}

/// What a rule sees: one template, its stack and the whole synthesis it belongs to. It also counts
/// what the rule examined, by kind (a resource type, or a name the rule gives with [`Self::examined`]).
pub struct Context<'a> {
    pub stack: &'a Synthesized,
    pub unit: &'a Unit,
    examined: &'a RefCell<BTreeMap<String, usize>>,
}

impl<'a> Context<'a> {
    pub fn template(&self) -> &'a Json {
        &self.unit.template
    }

    /// Resources of a type, by logical ID; they count as examined.
    pub fn resources_of_type(&self, type_name: &str) -> Vec<(&'a str, &'a Json)> {
        let found: Vec<(&'a str, &'a Json)> = resources(self.template())
            .filter(|(_, resource)| resource["Type"] == type_name)
            .collect();
        self.examined(type_name, found.len());
        found
    }

    /// Records that the rule examined `count` things of a kind in this template. A kind recorded
    /// with zero here and nowhere else fails [`assert_holds`]: the rule never saw one.
    pub fn examined(&self, kind: &str, count: usize) {
        *self
            .examined
            .borrow_mut()
            .entry(kind.to_owned())
            .or_default() += count;
    }

    pub fn resource(&self, logical_id: &str) -> Option<&'a Json> {
        self.template()["Resources"].get(logical_id)
    }

    /// `stack/template: message`, for violation lists.
    pub fn at(&self, logical_id: &str, message: impl std::fmt::Display) -> String {
        format!(
            "{}/{}: {logical_id}: {message}",
            self.stack.name, self.unit.stack_name
        )
    }

    /// The resource an output of another stack of the same synthesis holds, with that stack's
    /// unit, when `value` is a `Fn::GetStackOutput` whose output is a `Ref` or `Fn::GetAtt`.
    pub fn imported_resource(&self, value: &Json) -> Option<(&'a Unit, &'a str, &'a Json)> {
        let (stack_name, _, output) = stack_output(value)?;
        let producer = self
            .stack
            .templates
            .iter()
            .find(|unit| unit.stack_name == stack_name)?;
        let output_value = &producer.template["Outputs"][output.as_str()]["Value"];
        let logical_id =
            ref_target(output_value).or_else(|| get_att(output_value).map(|(id, _)| id))?;
        let resource = producer.template["Resources"].get(logical_id)?;
        Some((producer, logical_id, resource))
    }
}

/// Runs `rule` over every template of every bundled stack: every violation it reports, and how many
/// things of each kind it examined.
fn violations(
    rule: impl Fn(&Context<'_>) -> Vec<String>,
) -> (Vec<String>, BTreeMap<String, usize>) {
    let examined = RefCell::new(BTreeMap::new());
    let mut found = Vec::new();
    for stack in bundled() {
        for unit in &stack.templates {
            found.extend(rule(&Context {
                stack,
                unit,
                examined: &examined,
            }));
        }
    }
    (found, examined.into_inner())
}

/// Asserts that a rule holds everywhere, and that it examined something of every kind it looked
/// for (every resource type it asked for, every kind it recorded) in at least one bundled stack.
pub fn assert_holds(rule_name: &str, rule: impl Fn(&Context<'_>) -> Vec<String>) {
    let (found, examined) = violations(rule);
    assert!(
        found.is_empty(),
        "{rule_name} is broken {} time(s):\n  {}",
        found.len(),
        found.join("\n  ")
    );
    assert!(
        !examined.is_empty(),
        "{rule_name} examined nothing: a rule must look at resources (`resources_of_type`) or record what it checks (`examined`)"
    );
    let unseen: Vec<&str> = examined
        .iter()
        .filter(|(_, count)| **count == 0)
        .map(|(kind, _)| kind.as_str())
        .collect();
    assert!(
        unseen.is_empty(),
        "{rule_name} checks nothing for {unseen:?}: no bundled stack has one (examined: {examined:?})"
    );
}

/// `(logical ID, resource)` of every resource of a template.
pub fn resources(template: &Json) -> impl Iterator<Item = (&str, &Json)> {
    template["Resources"]
        .as_object()
        .into_iter()
        .flat_map(|resources| {
            resources
                .iter()
                .map(|(id, resource)| (id.as_str(), resource))
        })
}

/// The target of `{"Ref": target}`.
pub fn ref_target(value: &Json) -> Option<&str> {
    value
        .as_object()
        .filter(|map| map.len() == 1)?
        .get("Ref")?
        .as_str()
}

/// `(logical ID, attribute)` of `{"Fn::GetAtt": [id, attribute]}`.
pub fn get_att(value: &Json) -> Option<(&str, &str)> {
    let arguments = value
        .as_object()
        .filter(|map| map.len() == 1)?
        .get("Fn::GetAtt")?;
    Some((arguments.get(0)?.as_str()?, arguments.get(1)?.as_str()?))
}

/// `(stack, region, output)` of a `Fn::GetStackOutput`.
pub fn stack_output(value: &Json) -> Option<(String, String, String)> {
    let arguments = value
        .as_object()
        .filter(|map| map.len() == 1)?
        .get("Fn::GetStackOutput")?;
    Some((
        arguments["StackName"].as_str()?.to_owned(),
        arguments["Region"].as_str()?.to_owned(),
        arguments["OutputName"].as_str()?.to_owned(),
    ))
}

/// Every `Fn::GetStackOutput` anywhere in a JSON value.
pub fn all_stack_outputs(value: &Json) -> BTreeSet<(String, String, String)> {
    let mut found = BTreeSet::new();
    walk(value, &mut |node| {
        if let Some(output) = stack_output(node) {
            found.insert(output);
        }
    });
    found
}

/// Calls `visit` on every node of a JSON value, parents first.
pub fn walk(value: &Json, visit: &mut dyn FnMut(&Json)) {
    visit(value);
    match value {
        Json::Object(map) => map.values().for_each(|nested| walk(nested, visit)),
        Json::Array(items) => items.iter().for_each(|nested| walk(nested, visit)),
        _ => {}
    }
}

/// The names a `Fn::Sub` template substitutes, without `${!...}` escapes.
pub fn sub_names(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let body = &after[..end];
        if !body.starts_with('!') {
            names.push(body.to_owned());
        }
        rest = &after[end + 1..];
    }
    names
}
