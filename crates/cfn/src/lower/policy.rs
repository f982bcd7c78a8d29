//! IAM in CloudFormation: plan statements become policy documents, and the roles the plan names
//! become `AWS::IAM::Role`s with the trust policy of the service that assumes them. It must not
//! grant anything the plan does not state, besides the trust relationship and the AWS managed
//! policy a role's purpose requires.

use meridian_plan::iam;
use meridian_plan::{Condition, Principal, RolePurpose, Statement};

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
    let (operator, key) = iam::SOURCE_ACCOUNT_CONDITION;
    let condition = if purpose.requires_source_account() {
        PolicyConditions::default().with(operator, key, Value::aws_account_id())
    } else {
        PolicyConditions::default()
    };
    PolicyDocument::new([l1::Statement {
        principal: Some(l1::Principal::Service(OneOrMany::One(Value::from(
            purpose.service(),
        )))),
        condition,
        ..l1::Statement::new(Effect::Allow, iam::ASSUME_ROLE_ACTION)
    }])
}

/// A role for `purpose`, with its AWS managed policy and, when the plan gives one, its inline
/// policy (name and statements).
pub(crate) fn role(
    values: &Values<'_>,
    purpose: RolePurpose,
    inline: Option<(&str, &[Statement])>,
) -> Role {
    Role {
        managed_policy_arns: purpose
            .managed_policy_arn()
            .iter()
            .map(|arn| values.text(arn))
            .collect(),
        policies: inline
            .filter(|(_, statements)| !statements.is_empty())
            .map(|(name, statements)| InlinePolicy {
                policy_name: Value::from(name),
                policy_document: document(values, statements),
            })
            .into_iter()
            .collect(),
        tags: values.tags(None),
        ..Role::new(trust(purpose))
    }
}
