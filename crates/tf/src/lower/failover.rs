//! Endpoints that survive a failover and the failover workflows in Terraform: the endpoint
//! parameters (`aws_ssm_parameter`, whose value the workflow owns after creation, so Terraform
//! ignores changes to it), each state machine with its role and encrypted log group, and the
//! EventBridge rules, targets and delivery roles. The definition is the plan's document. It
//! decides no step, name or permission.

use meridian_plan::{
    Attr, EndpointParameterPlan, EventRulePlan, EventTargetPlan, FailoverPlan, JsonDoc,
    RolePurpose, StateMachinePlan, Text,
};

use super::{Lowered, Lowerer, ignore_changes, region_argument};
use crate::l1::{
    CloudwatchEventRule, CloudwatchEventTarget, CloudwatchLogGroup, IamRolePolicy, JsonDocument,
    MetaArguments, SfnStateMachine, SfnStateMachineLoggingConfiguration,
    SfnStateMachineTracingConfiguration, SsmParameter,
};

impl Lowerer<'_> {
    /// The region's endpoint parameters.
    pub(super) fn lower_endpoints(
        &mut self,
        region: &str,
        endpoints: &[EndpointParameterPlan],
    ) -> Lowered {
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
            self.add_with(
                &rid.tf,
                SsmParameter {
                    description: Some(description.as_str().into()),
                    region: region_argument(region),
                    value: Some(self.value(initial_value)),
                    ..SsmParameter::new(name.as_str(), parameter_type.as_str())
                },
                // The failover workflow rewrites the value; a later apply must not put it back.
                MetaArguments {
                    lifecycle: Some(ignore_changes(&["value"])),
                    ..MetaArguments::default()
                },
            )?;
        }
        Ok(())
    }

    /// The region's state machines and rules.
    pub(super) fn lower_failover(&mut self, region: &str, failover: &FailoverPlan) -> Lowered {
        let FailoverPlan {
            state_machines,
            rules,
        } = failover;
        for machine in state_machines {
            self.lower_state_machine(region, machine)?;
        }
        self.lower_rules(region, rules)
    }

    /// EventBridge rules, their targets and delivery roles.
    pub(super) fn lower_rules(&mut self, region: &str, rules: &[EventRulePlan]) -> Lowered {
        for rule in rules {
            let EventRulePlan {
                rid,
                name,
                description,
                pattern,
                targets,
                role,
                // Terraform lets the provider name a role's inline policy.
                policy_name: _,
                statements,
            } = rule;
            let (delivery, _) = self.purpose_role(&role.tf, RolePurpose::EventDelivery)?;
            self.add(
                &role.tf,
                IamRolePolicy::new(self.policy_document(statements), delivery.id()),
            )?;
            let event_rule = self.add(
                &rid.tf,
                CloudwatchEventRule {
                    description: Some(description.as_str().into()),
                    event_pattern: Some(self.json_document(pattern).into()),
                    name: Some(name.as_str().into()),
                    region: region_argument(region),
                    ..CloudwatchEventRule::default()
                },
            )?;
            for target in targets {
                let EventTargetPlan {
                    rid: target_rid,
                    id,
                    arn,
                } = target;
                self.add(
                    &target_rid.tf,
                    CloudwatchEventTarget {
                        region: region_argument(region),
                        role_arn: Some(delivery.arn().into()),
                        target_id: Some(id.as_str().into()),
                        ..CloudwatchEventTarget::new(self.value(arn), event_rule.name())
                    },
                )?;
            }
        }
        Ok(())
    }

    fn lower_state_machine(&mut self, region: &str, machine: &StateMachinePlan) -> Lowered {
        let StateMachinePlan {
            // The name and the rids already say what the machine is for.
            purpose: _,
            rid,
            name,
            machine_type,
            role,
            // Terraform lets the provider name a role's inline policy.
            policy_name: _,
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
        self.add(
            &log_group.tf,
            CloudwatchLogGroup {
                kms_key_id: Some(self.value(log_kms_key)),
                name: Some(log_group_name.into()),
                region: region_argument(region),
                retention_in_days: Some((*log_retention_days).into()),
                ..CloudwatchLogGroup::default()
            },
        )?;
        let (workflow_role, _) = self.purpose_role(&role.tf, RolePurpose::StateMachine)?;
        self.add(
            &role.tf,
            IamRolePolicy::new(self.policy_document(statements), workflow_role.id()),
        )?;
        self.add(
            &rid.tf,
            SfnStateMachine {
                logging_configuration: Some(SfnStateMachineLoggingConfiguration {
                    include_execution_data: Some((*include_execution_data).into()),
                    level: Some(log_level.as_str().into()),
                    log_destination: Some(self.value(&Text::attr(log_group, Attr::LogGroupArn))),
                }),
                name: Some(name.as_str().into()),
                region: region_argument(region),
                tracing_configuration: Some(SfnStateMachineTracingConfiguration {
                    enabled: Some((*tracing).into()),
                }),
                r#type: Some(machine_type.as_str().into()),
                ..SfnStateMachine::new(self.json_document(document), workflow_role.arn())
            },
        )?;
        Ok(())
    }

    /// A plan document as a JSON string whose leaves may interpolate references.
    pub(crate) fn json_document(&self, document: &JsonDoc) -> JsonDocument {
        match document {
            JsonDoc::Null => JsonDocument::Null,
            JsonDoc::Number(number) => JsonDocument::from(*number),
            JsonDoc::String(text) => self.json(text),
            JsonDoc::Bool(value) => JsonDocument::from(*value),
            JsonDoc::Array(items) => {
                JsonDocument::array(items.iter().map(|item| self.json_document(item)))
            }
            JsonDoc::Object(entries) => JsonDocument::object(
                entries
                    .iter()
                    .map(|(key, value)| (key.as_str(), self.json_document(value))),
            ),
        }
    }
}
