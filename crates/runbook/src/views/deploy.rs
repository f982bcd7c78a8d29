//! View-model of `deploy.sh`: every CloudFormation stack in deploy order with its capabilities,
//! parameter overrides and tags, and every input the script accepts.

use meridian_plan::{Parameter, Plan, Unit, UnitId};
use serde::Serialize;

use crate::lookup;
use crate::text::{Word, env_token, one_line, quote};

/// `deploy.sh`.
#[derive(Debug, Serialize)]
pub(crate) struct DeployView {
    /// Stack name.
    pub stack: Word,
    /// `--tags` values, `key=value`, quoted, space-separated.
    pub tags_sh: String,
    /// Inputs, in help order.
    pub inputs: Vec<DeployInput>,
    /// Input keys as a comma-separated list for error messages (`(none)` when there are none).
    pub input_names: Word,
    /// Units in deploy order.
    pub units: Vec<DeployUnit>,
    /// Number of units.
    pub unit_count: usize,
    /// Stack names as quoted words, space-separated (for `--from` validation).
    pub stack_names_sh: String,
    /// Template file names as quoted words, space-separated (checked before anything deploys).
    pub template_files_sh: String,
    /// Opt-in regions the stacks deploy to, as quoted words in deploy order (empty when none):
    /// the script checks that the account enabled each before the first stack.
    pub opt_in_regions_sh: String,
    /// Largest template, in bytes, CloudFormation accepts inline.
    pub inline_template_max_bytes: u32,
    /// The same for prose, with thousands separated: `51,200`.
    pub inline_template_max_bytes_text: String,
}

/// One value the script takes: a parameter, or one region's value of a per-region parameter.
#[derive(Debug, Serialize)]
pub(crate) struct DeployInput {
    /// Key on the command line, in `--param-file` and as environment variable: `IMAGE_TAG`,
    /// `CERTIFICATE_ARN_US_EAST_1`.
    pub key: Word,
    /// Shell variable holding the value: `param_IMAGE_TAG`.
    pub variable: String,
    /// `"${param_IMAGE_TAG}"`: the variable's expansion, quoted.
    pub expansion: String,
    /// `"${IMAGE_TAG:-}"`: the environment variable's expansion, quoted.
    pub environment: String,
    /// Help text, one line.
    pub description: String,
    /// Whether the value is secret (never printed, masked in `--dry-run`).
    pub sensitive: bool,
    /// Stacks that take it, comma-separated.
    pub used_by: String,
}

/// One stack deployment.
#[derive(Debug, Serialize)]
pub(crate) struct DeployUnit {
    /// 1-based position in the order.
    pub number: usize,
    /// CloudFormation stack name.
    pub stack_name: Word,
    /// Region.
    pub region: Word,
    /// Template file name inside the templates directory.
    pub template_file: Word,
    /// What the stack holds, one line.
    pub description: String,
    /// `--capabilities` values, quoted, space-separated (empty when the stack needs none).
    pub capabilities_sh: String,
    /// Why each capability is needed, `CAPABILITY_IAM: the stack creates IAM roles`.
    pub capability_reasons: Vec<String>,
    /// Stacks whose outputs it reads, comma-separated (empty when none).
    pub depends_on: String,
    /// `--parameter-overrides` entries.
    pub overrides: Vec<DeployOverride>,
}

/// One `Name=Value` of `--parameter-overrides`.
#[derive(Debug, Serialize)]
pub(crate) struct DeployOverride {
    /// CloudFormation parameter name.
    pub cfn_name: Word,
    /// Input key the value comes from.
    pub key: Word,
    /// The input's quoted expansion.
    pub expansion: String,
    /// Whether the value is masked in `--dry-run` output.
    pub sensitive: bool,
}

/// The token that distinguishes a unit's value of a per-region parameter: its region, or
/// `global`.
fn unit_token(unit: &Unit) -> String {
    match &unit.id {
        UnitId::Global => "global".to_owned(),
        UnitId::Accelerator => meridian_plan::ids::ACCELERATOR_UNIT.to_owned(),
        UnitId::Storage(region) | UnitId::Region(region) | UnitId::Links(region) => {
            region.to_string()
        }
    }
}

/// The input key of `parameter` for `unit`.
fn input_key(parameter: &Parameter, unit: &Unit) -> String {
    if parameter.per_region {
        format!("{}_{}", parameter.name, env_token(&unit_token(unit)))
    } else {
        parameter.name.clone()
    }
}

/// `51200` as `51,200`.
/// The opt-in regions of the plan's units, quoted, each once, in deploy order.
fn opt_in_regions(plan: &Plan) -> Vec<String> {
    let mut regions: Vec<String> = Vec::new();
    for unit in &plan.units {
        let region = quote(unit.region.as_str());
        if meridian_plan::aws::OPT_IN_REGIONS.contains(&unit.region.as_str())
            && !regions.contains(&region)
        {
            regions.push(region);
        }
    }
    regions
}

fn thousands(number: u32) -> String {
    let digits = number.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

pub(crate) fn build(plan: &Plan) -> DeployView {
    let find_parameter = |name: &str| plan.parameters.iter().find(|p| p.name == name);

    // Inputs: parameters in name order; a per-region parameter yields one input per unit token,
    // in deploy order.
    let mut inputs: Vec<DeployInput> = Vec::new();
    for parameter in &plan.parameters {
        let mut keys: Vec<(String, Vec<&str>, String)> = Vec::new();
        for unit in &plan.units {
            if !unit.parameters.iter().any(|name| name == &parameter.name) {
                continue;
            }
            let key = input_key(parameter, unit);
            match keys.iter_mut().find(|(existing, _, _)| existing == &key) {
                Some((_, stacks, _)) => stacks.push(&unit.stack_name),
                None => keys.push((key, vec![&unit.stack_name], unit_token(unit))),
            }
        }
        for (key, stacks, token) in keys {
            let description = if parameter.per_region {
                format!("For {token}: {}", one_line(&parameter.description))
            } else {
                one_line(&parameter.description)
            };
            inputs.push(DeployInput {
                variable: format!("param_{key}"),
                expansion: format!("\"${{param_{key}}}\""),
                environment: format!("\"${{{key}:-}}\""),
                key: Word::new(&key),
                description,
                sensitive: parameter.sensitive,
                used_by: stacks.join(", "),
            });
        }
    }

    let units: Vec<DeployUnit> = plan
        .units
        .iter()
        .enumerate()
        .map(|(index, unit)| {
            let overrides = unit
                .parameters
                .iter()
                .map(|name| {
                    let (cfn_name, key, sensitive) = match find_parameter(name) {
                        Some(parameter) => (
                            parameter.cfn_name.clone(),
                            input_key(parameter, unit),
                            parameter.sensitive,
                        ),
                        // Every name a unit declares is in the plan's parameter list; fall back
                        // to the name itself rather than dropping the override.
                        None => (name.clone(), name.clone(), false),
                    };
                    DeployOverride {
                        cfn_name: Word::new(&cfn_name),
                        expansion: format!("\"${{param_{key}}}\""),
                        key: Word::new(&key),
                        sensitive,
                    }
                })
                .collect();
            let depends_on = unit
                .depends_on
                .iter()
                .filter_map(|id| lookup::unit(plan, id))
                .map(|producer| producer.stack_name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            DeployUnit {
                number: index + 1,
                stack_name: Word::new(&unit.stack_name),
                region: Word::new(&unit.region),
                template_file: Word::new(&unit.template_file),
                description: one_line(&unit.description),
                capabilities_sh: unit
                    .capabilities
                    .iter()
                    .map(|capability| quote(capability.as_str()))
                    .collect::<Vec<_>>()
                    .join(" "),
                capability_reasons: unit
                    .capabilities
                    .iter()
                    .map(|capability| {
                        format!("{}: {}", capability.as_str(), one_line(capability.reason()))
                    })
                    .collect(),
                depends_on,
                overrides,
            }
        })
        .collect();

    DeployView {
        stack: Word::new(&plan.stack),
        tags_sh: plan
            .tags
            .iter()
            .map(|(key, value)| quote(&format!("{key}={value}")))
            .collect::<Vec<_>>()
            .join(" "),
        input_names: Word::new(if inputs.is_empty() {
            "(none)".to_owned()
        } else {
            inputs
                .iter()
                .map(|input| input.key.raw.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        inputs,
        unit_count: units.len(),
        stack_names_sh: units
            .iter()
            .map(|unit| unit.stack_name.sh.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        template_files_sh: units
            .iter()
            .map(|unit| unit.template_file.sh.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        opt_in_regions_sh: opt_in_regions(plan).join(" "),
        units,
        inline_template_max_bytes: plan.operations.inline_template_max_bytes,
        inline_template_max_bytes_text: thousands(plan.operations.inline_template_max_bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(51_200), "51,200");
        assert_eq!(thousands(1_048_576), "1,048,576");
    }
}
