//! KMS keys: a plan key becomes an `AWS::KMS::Key` with rotation on, a key policy (the account
//! administers it; the plan's service grants may use it) and its alias. It must not grant any
//! service the plan does not list.

use meridian_plan::{KeyGrant, KeyPlan};

use crate::l1::kms::{Alias, Key};
use crate::l1::{
    self, DeletionPolicy, Effect, OneOrMany, PolicyConditions, PolicyDocument, Resource,
    UpdateReplacePolicy, Value,
};

use super::UnitTemplate;
use super::values::reference;

/// Adds the key and its alias.
pub(crate) fn lower_key(unit: &mut UnitTemplate<'_>, key: &KeyPlan) {
    let KeyPlan {
        rid,
        alias_rid,
        alias,
        description,
        grants,
    } = key;
    let mut statements = vec![l1::Statement {
        sid: Some("AccountAdministers".to_owned()),
        principal: Some(l1::Principal::Aws(OneOrMany::One(Value::sub(
            "arn:${AWS::Partition}:iam::${AWS::AccountId}:root",
        )))),
        resource: Some(OneOrMany::One(Value::from("*"))),
        ..l1::Statement::new(Effect::Allow, "kms:*")
    }];
    statements.extend(grants.iter().map(grant_statement));
    let properties = Key {
        description: Some(Value::from(description.as_str())),
        enable_key_rotation: Some(true.into()),
        key_policy: Some(PolicyDocument::new(statements)),
        tags: unit.values.tags(None),
        ..Key::default()
    };
    // Data encrypted under a deleted key is lost for good: keys outlive their stack.
    unit.add(
        rid,
        Resource::new(properties)
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
    );
    unit.add(
        alias_rid,
        Resource::new(Alias {
            alias_name: Value::from(alias.as_str()),
            target_key_id: reference(rid),
        }),
    );
}

fn grant_statement(grant: &KeyGrant) -> l1::Statement {
    match grant {
        // CloudWatch Logs encrypts with the key in its own region, and names the log group in the
        // encryption context, which confines the grant to this account's log groups.
        KeyGrant::CloudWatchLogs => l1::Statement {
            sid: Some("CloudWatchLogsEncryptLogGroups".to_owned()),
            principal: Some(l1::Principal::Service(OneOrMany::One(Value::sub(
                "logs.${AWS::Region}.${AWS::URLSuffix}",
            )))),
            resource: Some(OneOrMany::One(Value::from("*"))),
            condition: PolicyConditions::default().with(
                "ArnLike",
                "kms:EncryptionContext:aws:logs:arn",
                Value::sub(
                    "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*",
                ),
            ),
            ..l1::Statement::new(
                Effect::Allow,
                [
                    "kms:Decrypt*",
                    "kms:Describe*",
                    "kms:Encrypt*",
                    "kms:GenerateDataKey*",
                    "kms:ReEncrypt*",
                ],
            )
        },
        // CloudWatch alarms publish to encrypted topics as cloudwatch.amazonaws.com.
        KeyGrant::CloudWatchAlarms => l1::Statement {
            sid: Some("CloudWatchAlarmsPublishToTopics".to_owned()),
            principal: Some(l1::Principal::Service(OneOrMany::One(Value::from(
                "cloudwatch.amazonaws.com",
            )))),
            resource: Some(OneOrMany::One(Value::from("*"))),
            ..l1::Statement::new(Effect::Allow, ["kms:Decrypt", "kms:GenerateDataKey*"])
        },
    }
}
