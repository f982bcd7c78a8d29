//! Test support: every bundled stack loaded, planned and synthesized once, and helpers that walk the
//! synthesized JSON. Tests state rules over templates; [`violations`] runs a rule over every template
//! of every stack and collects what breaks it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use meridian_plan::{OutputFile, Plan};
use serde_json::Value as Json;

/// One bundled stack after synthesis.
pub struct Synthesized {
    /// File stem of the stack file, `rail-backend`.
    pub name: String,
    pub plan: Plan,
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

fn stacks_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../stacks")
}

/// Paths of the bundled stacks, sorted.
pub fn bundled_stack_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(stacks_folder())
        .expect("the stacks folder exists")
        .map(|entry| entry.expect("the stacks folder can be listed").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no bundled stack found");
    paths
}

/// The plan of a stack file.
pub fn plan_of(path: &Path) -> Plan {
    let name = path.file_name().expect("a file").to_string_lossy();
    let bytes = std::fs::read(path).expect("the stack file is readable");
    let loaded =
        meridian_model::load_stack(&name, &bytes).unwrap_or_else(|_| panic!("{name} loads"));
    let planned = meridian_plan::plan(&loaded.stack);
    planned
        .plan
        .unwrap_or_else(|| panic!("{name} plans: {:#?}", planned.diagnostics))
}

/// Every bundled stack, synthesized once per test process.
pub fn bundled() -> &'static [Synthesized] {
    static BUNDLED: OnceLock<Vec<Synthesized>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        bundled_stack_paths()
            .iter()
            .map(|path| {
                let plan = plan_of(path);
                let files = meridian_cfn::synthesize(&plan);
                let templates = plan
                    .units
                    .iter()
                    .map(|unit| {
                        let path = format!("cloudformation/{}", unit.template_file);
                        let file = files
                            .iter()
                            .find(|file| file.path == path)
                            .unwrap_or_else(|| panic!("{path} is synthesized"));
                        Unit {
                            stack_name: unit.stack_name.clone(),
                            region: unit.region.clone(),
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
                    name: path
                        .file_stem()
                        .expect("a file stem")
                        .to_string_lossy()
                        .into_owned(),
                    plan,
                    files,
                    templates,
                    manifest,
                }
            })
            .collect()
    })
}

/// What a rule sees: one template, its stack and the whole synthesis it belongs to.
pub struct Context<'a> {
    pub stack: &'a Synthesized,
    pub unit: &'a Unit,
}

impl<'a> Context<'a> {
    pub fn template(&self) -> &'a Json {
        &self.unit.template
    }

    /// Resources of a type, by logical ID.
    pub fn resources_of_type(&self, type_name: &str) -> Vec<(&'a str, &'a Json)> {
        resources(self.template())
            .filter(|(_, resource)| resource["Type"] == type_name)
            .collect()
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

/// Runs `rule` over every template of every bundled stack and returns every violation it reports.
pub fn violations(rule: impl Fn(&Context<'_>) -> Vec<String>) -> Vec<String> {
    bundled()
        .iter()
        .flat_map(|stack| {
            stack
                .templates
                .iter()
                .flat_map(|unit| rule(&Context { stack, unit }))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Like [`violations`], also counting the cases a rule examined.
pub fn violations_and_count(
    count: &mut usize,
    rule: impl Fn(&Context<'_>, &mut usize) -> Vec<String>,
) -> Vec<String> {
    let mut found = Vec::new();
    for stack in bundled() {
        for unit in &stack.templates {
            found.extend(rule(&Context { stack, unit }, count));
        }
    }
    found
}

/// Asserts that a rule holds everywhere.
pub fn assert_holds(rule_name: &str, rule: impl Fn(&Context<'_>) -> Vec<String>) {
    let found = violations(rule);
    assert!(
        found.is_empty(),
        "{rule_name} is broken {} time(s):\n  {}",
        found.len(),
        found.join("\n  ")
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
