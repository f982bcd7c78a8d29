//! IAM in CloudFormation: plan statements become policy documents, and the roles the plan names
//! become `AWS::IAM::Role`s with the trust policy of the service that assumes them. It must not
//! grant anything the plan does not state, besides the trust relationship and the AWS managed
//! policy a role's purpose requires.

use meridian_plan::{Condition, Principal, Rid, RolePurpose, Statement};

use crate::l1::iam::{InlinePolicy, Role};
use crate::l1::{self, Effect, OneOrMany, PolicyConditions, PolicyDocument, Value};

use super::values::Values;

/// One plan statement.
pub(crate) fn statement(values: &Values<'_>, statement: &Statement) -> l1::Statement {
    let Statement {
        sid,
        allow,
        principal,
        actions,
        resources,
        conditions,
    } = statement;
    let mut policy_conditions = PolicyConditions::default();
    for condition in conditions {
        let Condition {
            operator,
            key,
            values: condition_values,
        } = condition;
        policy_conditions = policy_conditions.with(
            operator.as_str(),
            key.as_str(),
            one_or_many(values.texts(condition_values)),
        );
    }
    l1::Statement {
        sid: Some(sid.clone()),
        effect: if *allow { Effect::Allow } else { Effect::Deny },
        principal: principal.as_ref().map(|principal| match principal {
            Principal::Service(service) => {
                l1::Principal::Service(OneOrMany::One(values.text(service)))
            }
            Principal::Aws(arn) => l1::Principal::Aws(OneOrMany::One(values.text(arn))),
            Principal::Everyone => l1::Principal::Everyone,
        }),
        action: one_or_many(actions.clone()),
        resource: (!resources.is_empty()).then(|| one_or_many(values.texts(resources))),
        condition: policy_conditions,
    }
}

/// A policy document of plan statements.
pub(crate) fn document(values: &Values<'_>, statements: &[Statement]) -> PolicyDocument {
    PolicyDocument::new(
        statements
            .iter()
            .map(|plan_statement| statement(values, plan_statement)),
    )
}

fn one_or_many<T>(mut items: Vec<T>) -> OneOrMany<T> {
    if items.len() == 1 {
        OneOrMany::One(items.remove(0))
    } else {
        OneOrMany::Many(items)
    }
}

/// The trust policy that lets the service of `purpose` assume a role.
pub(crate) fn trust(purpose: RolePurpose) -> PolicyDocument {
    let condition = if purpose.requires_source_account() {
        PolicyConditions::default().with(
            "StringEquals",
            "aws:SourceAccount",
            Value::aws_account_id(),
        )
    } else {
        PolicyConditions::default()
    };
    PolicyDocument::new([l1::Statement {
        principal: Some(l1::Principal::Service(OneOrMany::One(Value::from(
            purpose.service(),
        )))),
        condition,
        ..l1::Statement::new(Effect::Allow, "sts:AssumeRole")
    }])
}

/// The ARN of an AWS managed policy, such as `service-role/AmazonECSTaskExecutionRolePolicy`.
pub(crate) fn aws_managed_policy(path_and_name: &str) -> Value<String> {
    Value::sub(format!(
        "arn:${{AWS::Partition}}:iam::aws:policy/{path_and_name}"
    ))
}

/// A role for `purpose`, with its AWS managed policies and the plan's statements as one inline
/// policy (named after the role: inline policy names only need to be unique within the role).
pub(crate) fn role(
    values: &Values<'_>,
    rid: &Rid,
    purpose: RolePurpose,
    statements: &[Statement],
) -> Role {
    Role {
        managed_policy_arns: purpose
            .managed_policy()
            .into_iter()
            .map(aws_managed_policy)
            .collect(),
        policies: if statements.is_empty() {
            Vec::new()
        } else {
            vec![InlinePolicy {
                policy_name: Value::from(format!("{}Policy", rid.logical)),
                policy_document: document(values, statements),
            }]
        },
        tags: values.tags(None),
        ..Role::new(trust(purpose))
    }
}
