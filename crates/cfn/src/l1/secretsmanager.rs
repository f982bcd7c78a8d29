//! AWS Secrets Manager resource types (secrets with replicas, target attachments, rotation).
//! It must not choose secret contents, replica regions or rotation periods: it only types them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::SecretsManager::Secret`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Secret {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    /// Absent means the AWS managed key `aws/secretsmanager`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    /// A literal secret value; prefer `generate_secret_string`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_string: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generate_secret_string: Option<GenerateSecretString>,
    /// Regions the secret is replicated to, each with a key of that region.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replica_regions: Vec<ReplicaRegion>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Secret {
    const TYPE: &'static str = "AWS::SecretsManager::Secret";
}

/// A generated password, optionally placed under `generate_string_key` in a JSON template.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GenerateSecretString {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_string_template: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generate_string_key: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_length: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_characters: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_punctuation: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_space: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub require_each_included_type: Option<Value<bool>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicaRegion {
    pub region: Value<String>,
    /// A key in the replica's region; absent means that region's `aws/secretsmanager` key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
}

/// `AWS::SecretsManager::SecretTargetAttachment`: adds the database's connection details to the secret.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecretTargetAttachment {
    pub secret_id: Value<String>,
    pub target_id: Value<String>,
    /// Such as `AWS::RDS::DBInstance`.
    pub target_type: Value<String>,
}

impl ResourceProperties for SecretTargetAttachment {
    const TYPE: &'static str = "AWS::SecretsManager::SecretTargetAttachment";
}

/// `AWS::SecretsManager::RotationSchedule`. With `hosted_rotation_lambda` the template needs the
/// `AWS::SecretsManager-2020-07-23` transform.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RotationSchedule {
    pub secret_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_rotation_lambda: Option<HostedRotationLambda>,
    #[serde(rename = "RotationLambdaARN", skip_serializing_if = "Option::is_none")]
    pub rotation_lambda_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_rules: Option<RotationRules>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotate_immediately_on_update: Option<Value<bool>>,
}

impl ResourceProperties for RotationSchedule {
    const TYPE: &'static str = "AWS::SecretsManager::RotationSchedule";
}

/// A rotation function Secrets Manager creates from one of its templates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HostedRotationLambda {
    /// Such as `PostgreSQLSingleUser` or `PostgreSQLMultiUser`.
    pub rotation_type: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_lambda_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<Value<String>>,
    /// The superuser secret, for multi-user rotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_secret_arn: Option<Value<String>>,
    /// Security group ids, comma separated in one string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_security_group_ids: Option<Value<String>>,
    /// Subnet ids, comma separated in one string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_subnet_ids: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_characters: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<Value<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RotationRules {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatically_after_days: Option<Value<i64>>,
    /// `rate(...)` or `cron(...)`; an alternative to `automatically_after_days`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_expression: Option<Value<String>>,
    /// The rotation window, such as `2h`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Value<String>>,
}
