//! Endpoints that survive a failover and the failover workflows in CloudFormation: the endpoint
//! parameters (`AWS::SSM::Parameter`), each state machine with its role and encrypted log group,
//! and the EventBridge rules with their delivery roles. The definition is the plan's document,
//! written as a JSON object whose deploy-time values are `DefinitionSubstitutions`. It decides no
//! step, name or permission.
//!
//! The endpoint parameters' values are their initial ones: CloudFormation writes a parameter's
//! value only when the template's value changes, so the value the failover workflow writes stays
//! until the template itself changes it (for example when the stack adopts the promoted writer).

use std::collections::BTreeMap;

use meridian_plan::bug;
use meridian_plan::{
    EndpointParameterPlan, EventRulePlan, EventTargetPlan, FailoverPlan, JsonDoc, Part,
    RolePurpose, SsmParameterType, StateMachinePlan, StateMachineType, Text, WorkflowLogLevel,
};
use serde_json::Value as Json;

use crate::l1::events::{Rule, State, Target};
use crate::l1::logs::LogGroup;
use crate::l1::ssm::{Parameter, Type};
use crate::l1::stepfunctions::{
    CloudWatchLogsLogGroup, Level, LogDestination, LoggingConfiguration, StateMachine, TagsEntry,
    TracingConfiguration,
};
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::policy::role;
use super::values::{Values, arn_of, import_variable};

/// Adds the region's endpoint parameters.
pub(crate) fn lower_endpoints(unit: &mut UnitTemplate<'_>, endpoints: &[EndpointParameterPlan]) {
    for endpoint in endpoints {
        let EndpointParameterPlan {
            rid,
            // The ARN is how tasks and the workflow name the parameter; it is built from the name.
            kind: _,
            name,
            description,
            parameter_type,
            initial_value,
            arn: _,
        } = endpoint;
        let properties = Parameter {
            name: Some(Value::from(name.as_str())),
            description: Some(Value::from(description.as_str())),
            tags: unit
                .values
                .tags(None)
                .into_iter()
                .map(|tag| (tag.key, tag.value))
                .collect(),
            ..Parameter::new(
                unit.values.text(initial_value),
                match parameter_type {
                    SsmParameterType::String => Type::String,
                },
            )
        };
        unit.add(rid, Resource::new(properties));
    }
}

/// Adds the region's state machines and rules.
pub(crate) fn lower_failover(unit: &mut UnitTemplate<'_>, failover: &FailoverPlan) {
    let FailoverPlan {
        state_machines,
        rules,
    } = failover;
    for machine in state_machines {
        lower_state_machine(unit, machine);
    }
    lower_rules(unit, rules);
}

/// Adds EventBridge rules and their delivery roles.
pub(crate) fn lower_rules(unit: &mut UnitTemplate<'_>, rules: &[EventRulePlan]) {
    for rule in rules {
        let EventRulePlan {
            rid,
            name,
            description,
            pattern,
            targets,
            role: role_rid,
            policy_name,
            statements,
        } = rule;
        let delivery = role(
            &unit.values,
            RolePurpose::EventDelivery,
            Some((policy_name, statements)),
        );
        unit.add(role_rid, Resource::new(delivery));
        let properties = Rule {
            name: Some(Value::from(name.as_str())),
            description: Some(Value::from(description.as_str())),
            event_pattern: Some(literal_json(pattern)),
            state: Some(State::Enabled),
            targets: targets
                .iter()
                .map(|target| {
                    // CloudFormation lists the targets in the rule: the target's own identity
                    // is Terraform's.
                    let EventTargetPlan { rid: _, id, arn } = target;
                    Target {
                        role_arn: Some(arn_of(role_rid)),
                        ..Target::new(id.as_str(), unit.values.text(arn))
                    }
                })
                .collect(),
            tags: unit.values.tags(None),
            ..Rule::default()
        };
        unit.add(rid, Resource::new(properties));
    }
}

fn lower_state_machine(unit: &mut UnitTemplate<'_>, machine: &StateMachinePlan) {
    let StateMachinePlan {
        // The name and the rids already say what the machine is for.
        purpose: _,
        rid,
        name,
        machine_type,
        role: role_rid,
        policy_name,
        statements,
        // The typed states are what the document was built from.
        definition: _,
        document,
        log_group,
        log_group_name,
        log_retention_days,
        log_kms_key,
        log_level,
        include_execution_data,
        tracing,
    } = machine;
    let log_group_properties = LogGroup {
        log_group_name: Some(Value::from(log_group_name.as_str())),
        retention_in_days: Some(i64::from(*log_retention_days).into()),
        kms_key_id: Some(unit.values.text(log_kms_key)),
        tags: unit.values.tags(None),
        ..LogGroup::default()
    };
    unit.add(log_group, Resource::new(log_group_properties));
    let workflow_role = role(
        &unit.values,
        RolePurpose::StateMachine,
        Some((policy_name, statements)),
    );
    unit.add(role_rid, Resource::new(workflow_role));
    let mut substitutions = BTreeMap::new();
    let definition = definition_json(&unit.values, document, &mut substitutions);
    let properties = StateMachine {
        definition: Some(definition),
        definition_substitutions: substitutions,
        logging_configuration: Some(LoggingConfiguration {
            destinations: vec![LogDestination {
                cloud_watch_logs_log_group: Some(CloudWatchLogsLogGroup {
                    log_group_arn: Some(arn_of(log_group)),
                }),
            }],
            include_execution_data: Some((*include_execution_data).into()),
            level: Some(match log_level {
                WorkflowLogLevel::All => Level::All,
            }),
        }),
        state_machine_name: Some(Value::from(name.as_str())),
        state_machine_type: Some(match machine_type {
            StateMachineType::Standard => crate::l1::stepfunctions::StateMachineType::Standard,
        }),
        tags: unit
            .values
            .tags(None)
            .into_iter()
            .map(|tag| TagsEntry::new(tag.key, tag.value))
            .collect(),
        tracing_configuration: Some(TracingConfiguration {
            enabled: Some((*tracing).into()),
        }),
        ..StateMachine::new(arn_of(role_rid))
    };
    unit.add(rid, Resource::new(properties));
}

/// The definition as a JSON object; each deploy-time part of a string becomes `${Name}` with its
/// value in `substitutions`.
fn definition_json(
    values: &Values<'_>,
    document: &JsonDoc,
    substitutions: &mut BTreeMap<String, Json>,
) -> Json {
    match document {
        JsonDoc::Null => Json::Null,
        JsonDoc::Number(number) => Json::from(*number),
        JsonDoc::Bool(value) => Json::Bool(*value),
        JsonDoc::String(text) => {
            let mut out = String::new();
            for part in text.parts() {
                match part {
                    Part::Lit(literal) => out.push_str(literal),
                    other => {
                        let variable = substitution_variable(values, other);
                        let value = values.text(&Text::from_parts(vec![other.clone()]));
                        let value = serde_json::to_value(&value).unwrap_or_else(|error| {
                            bug(format_args!("a substitution does not serialize: {error}"))
                        });
                        out.push_str(&format!("${{{variable}}}"));
                        substitutions.insert(variable, value);
                    }
                }
            }
            Json::String(out)
        }
        JsonDoc::Array(items) => Json::Array(
            items
                .iter()
                .map(|item| definition_json(values, item, substitutions))
                .collect(),
        ),
        JsonDoc::Object(entries) => Json::Object(
            entries
                .iter()
                .map(|(key, value)| (key.clone(), definition_json(values, value, substitutions)))
                .collect(),
        ),
    }
}

/// The `DefinitionSubstitutions` key standing for a deploy-time part.
fn substitution_variable(values: &Values<'_>, part: &Part) -> String {
    match part {
        Part::Lit(_) => bug("a literal has no substitution variable"),
        Part::Param(param) => values.parameter(&param.name).cfn_name.clone(),
        Part::AccountId => "AccountId".to_owned(),
        Part::Partition => "Partition".to_owned(),
        Part::UrlSuffix => "UrlSuffix".to_owned(),
        Part::Region(_) => "Region".to_owned(),
        Part::Attr(reference) => format!("{}{:?}", reference.resource.logical, reference.attr),
        Part::Import(import) => import_variable(import),
    }
}

/// A document that holds no deploy-time value, as JSON (event patterns).
fn literal_json(document: &JsonDoc) -> Json {
    match document {
        JsonDoc::Null => Json::Null,
        JsonDoc::Number(number) => Json::from(*number),
        JsonDoc::Bool(value) => Json::Bool(*value),
        JsonDoc::String(text) => Json::String(
            text.as_literal()
                .unwrap_or_else(|| bug("an event pattern holds a deploy-time value"))
                .to_owned(),
        ),
        JsonDoc::Array(items) => Json::Array(items.iter().map(literal_json).collect()),
        JsonDoc::Object(entries) => Json::Object(
            entries
                .iter()
                .map(|(key, value)| (key.clone(), literal_json(value)))
                .collect(),
        ),
    }
}
