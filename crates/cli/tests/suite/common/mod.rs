//! Scaffolding shared by the CLI's integration tests: the repository, snapshot settings, running the
//! `meridian` binary, and scratch directories that clean up after themselves. Each test file uses a
//! part of it, hence the allowances.

#![allow(dead_code, unused_imports)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use meridian::Target;
use meridian::pipeline::emit;
use meridian_plan::{OutputFile, UnitId};
use serde_json::Value;

pub use meridian_testkit::repository;

/// Snapshots live flat in `snapshots/` as `<kind>@<name>.snap`, without the asserted expression.
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repository().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

/// Runs the `meridian` binary from the repository root, as a user would.
pub fn meridian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meridian"))
        .current_dir(repository())
        .args(args)
        .output()
        .expect("meridian runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, or `u8::MAX` when a signal ended the process.
pub fn exit_code(output: &Output) -> u8 {
    output
        .status
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .unwrap_or(u8::MAX)
}

/// A scratch directory, emptied when created and removed when dropped (also when a test panics).
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("meridian-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("scratch directory");
        Self(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every resource of a stack's CloudFormation templates under the Terraform name its plan identity
/// gives (logical ID in snake case and the unit's slug), with its type; and every Terraform resource
/// by type and name.
pub type Resources = (
    BTreeMap<String, (String, Value)>,
    BTreeMap<(String, String), Value>,
);

fn parse(file: &OutputFile) -> Value {
    serde_json::from_str(&file.contents)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", file.path))
}

fn snake(logical: &str) -> String {
    meridian_plan::naming::snake(logical)
}

pub fn resources_of(plan: &meridian_plan::Plan) -> Resources {
    let cfn = emit(plan, Target::Cloudformation, &BTreeMap::new()).expect("cfn");
    let tf = emit(plan, Target::Terraform, &BTreeMap::new()).expect("tf");
    let mut cloudformation = BTreeMap::new();
    for unit in &plan.units {
        let file = cfn
            .iter()
            .find(|f| f.path == format!("cloudformation/{}", unit.template_file))
            .expect("a template per unit");
        let slug = match &unit.id {
            UnitId::Global => "global".to_owned(),
            UnitId::Accelerator => meridian_plan::ids::ACCELERATOR_UNIT.to_owned(),
            other => meridian_plan::naming::region_slug(other.region().expect("regional unit")),
        };
        let template = parse(file);
        for (logical, resource) in template["Resources"].as_object().expect("resources") {
            let cfn_type = resource["Type"].as_str().expect("type").to_owned();
            let previous = cloudformation.insert(
                format!("{}_{slug}", snake(logical)),
                (cfn_type, resource.clone()),
            );
            assert!(
                previous.is_none(),
                "{}: two CloudFormation resources map to one Terraform name",
                plan.stack
            );
        }
    }
    let main = tf
        .iter()
        .find(|f| f.path == "terraform/main.tf.json")
        .expect("main.tf.json");
    let mut terraform = BTreeMap::new();
    for (tf_type, resources) in parse(main)["resource"].as_object().expect("resources") {
        for (name, resource) in resources.as_object().expect("named resources") {
            terraform.insert((tf_type.clone(), name.clone()), resource.clone());
        }
    }
    (cloudformation, terraform)
}

/// The value at `path` in `value` (see `meridian_tf::parity::DecidedValue` for the syntax).
pub fn at(value: &Value, path: &str) -> Option<Value> {
    let mut segments = Vec::new();
    let mut current = String::new();
    let mut in_selector = false;
    for character in path.chars() {
        match character {
            '[' => in_selector = true,
            ']' => in_selector = false,
            '.' if !in_selector => {
                segments.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(character);
    }
    segments.push(current);
    let mut here = value.clone();
    for segment in segments {
        here = if segment == "@json" {
            serde_json::from_str(&without_interpolations(here.as_str()?)).ok()?
        } else if let Some(selector) = segment.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            let (key, wanted) = selector.split_once('=').expect("[Key=value]");
            here.as_array()?
                .iter()
                .find(|item| item[key].as_str() == Some(wanted))?
                .clone()
        } else if let Ok(index) = segment.parse::<usize>() {
            here.as_array()?.get(index)?.clone()
        } else {
            here.get(&segment)?.clone()
        };
    }
    Some(here)
}

/// A Terraform template string with each `${...}` (whose quotes are Terraform's, not JSON's)
/// replaced by `<ref>`, so the JSON document it holds parses.
pub fn without_interpolations(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let mut depth = 0usize;
        let mut end = rest.len();
        for (offset, character) in rest[start..].char_indices() {
            match character {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + offset + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push_str("<ref>");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A literal value as text (`true`, `5432`, `gp3`); `None` for a deploy-time value.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Where the CloudFormation and Terraform outputs of `plan` write a decided value differently (see
/// `meridian_tf::parity::DECIDED_VALUES`); counts each row's comparisons in `compared`.
pub fn decided_value_differences(
    plan: &meridian_plan::Plan,
    compared: &mut [usize],
) -> Vec<String> {
    let rows = meridian_tf::parity::DECIDED_VALUES;
    let (cloudformation, terraform) = resources_of(plan);
    let mut problems = Vec::new();
    for (name, (cfn_type, resource)) in &cloudformation {
        for (index, row) in rows.iter().enumerate() {
            if row.cloudformation_type != cfn_type {
                continue;
            }
            let Some(twin) = terraform.get(&(row.terraform_type.to_owned(), name.clone())) else {
                continue;
            };
            let where_ = format!(
                "{} ({cfn_type} `{name}` {} ↔ {} {})",
                row.decision, row.cloudformation_path, row.terraform_type, row.terraform_path
            );
            match (
                at(resource, row.cloudformation_path),
                at(twin, row.terraform_path),
            ) {
                (None, None) => {}
                (Some(left), Some(right)) => {
                    let (Some(left), Some(right)) = (scalar(&left), scalar(&right)) else {
                        problems.push(format!("{where_}: not literal values: {left} ↔ {right}"));
                        continue;
                    };
                    let spelled = row
                        .spellings
                        .iter()
                        .find(|(cfn, _)| *cfn == left)
                        .map_or(left.as_str(), |(_, tf)| *tf);
                    if spelled != right {
                        problems.push(format!("{where_}: `{left}` ↔ `{right}`"));
                    }
                    compared[index] += 1;
                }
                (left, right) => problems.push(format!(
                    "{where_}: written on one side only: {left:?} ↔ {right:?}"
                )),
            }
        }
    }
    problems
}

/// The output of one target for a bundled stack, synthesized as the CLI does.
pub fn synthesize_bundled(
    bundled: &meridian_testkit::BundledPlan,
    target: Target,
) -> Vec<OutputFile> {
    // A stack file with environments gives one bundled plan per environment: emit that one.
    emit(&bundled.plan, target, &BTreeMap::new()).expect("renders")
}

/// The items of a JSON array; none for anything else.
pub fn json_list(value: &Value) -> Vec<&Value> {
    value
        .as_array()
        .map(|items| items.iter().collect())
        .unwrap_or_default()
}

/// The CloudFormation templates of an output, by stack name, with their regions, as
/// `manifest.json` lists them.
pub fn cfn_templates(files: &[OutputFile]) -> BTreeMap<String, (String, Value)> {
    let json = |path: &str| -> Value {
        let file = files.iter().find(|f| f.path == path).expect("the file");
        serde_json::from_str(&file.contents).expect("JSON")
    };
    let manifest = json("manifest.json");
    json_list(&manifest["units"])
        .into_iter()
        .map(|unit| {
            (
                unit["stack_name"].as_str().expect("a stack").to_owned(),
                (
                    unit["region"].as_str().expect("a region").to_owned(),
                    json(unit["template"].as_str().expect("a template")),
                ),
            )
        })
        .collect()
}

/// What an `Fn::GetStackOutput` imports: the producing stack and its output's value (checked to
/// exist, in the region the import names).
pub fn cfn_import<'t>(
    templates: &'t BTreeMap<String, (String, Value)>,
    import: &Value,
) -> (&'t str, &'t Value) {
    let producer = import["StackName"].as_str().expect("a stack name");
    let (name, (region, template)) = templates
        .get_key_value(producer)
        .unwrap_or_else(|| panic!("no stack {producer}"));
    assert_eq!(import["Region"].as_str(), Some(region.as_str()));
    let output = import["OutputName"].as_str().expect("an output name");
    let produced = &template["Outputs"][output]["Value"];
    assert!(!produced.is_null(), "{producer} has no output {output}");
    (name.as_str(), produced)
}
