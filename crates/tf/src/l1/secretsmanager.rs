//! Terraform JSON types for Secrets Manager (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_secretsmanager_secret` (with cross-region replicas),
//! `aws_secretsmanager_secret_version` and `aws_secretsmanager_secret_rotation`.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_secretsmanager_secret` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SecretsmanagerSecret {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_overwrite_replica_secret: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_window_in_days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub replica: Vec<SecretsmanagerSecretReplica>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

/// The `replica` block (repeated) of `aws_secretsmanager_secret`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecretsmanagerSecretReplica {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    pub region: Value<String>,
}

impl SecretsmanagerSecretReplica {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(region: impl Into<Value<String>>) -> Self {
        Self {
            kms_key_id: None,
            region: region.into(),
        }
    }
}

resource_type!(
    SecretsmanagerSecret,
    "aws_secretsmanager_secret",
    [id, arn, name]
);

/// The `aws_secretsmanager_secret_version` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecretsmanagerSecretVersion {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub secret_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_string: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_string_wo: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret_string_wo_version: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version_stages: Option<Value<List<String>>>,
}

impl SecretsmanagerSecretVersion {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(secret_id: impl Into<Value<String>>) -> Self {
        Self {
            region: None,
            secret_id: secret_id.into(),
            secret_string: None,
            secret_string_wo: None,
            secret_string_wo_version: None,
            version_stages: None,
        }
    }
}

resource_type!(
    SecretsmanagerSecretVersion,
    "aws_secretsmanager_secret_version",
    [id, arn, version_id]
);

/// The `aws_secretsmanager_secret_rotation` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SecretsmanagerSecretRotation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotate_immediately: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_lambda_arn: Option<Value<String>>,
    pub rotation_rules: SecretsmanagerSecretRotationRotationRules,
    pub secret_id: Value<String>,
}

impl SecretsmanagerSecretRotation {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        rotation_rules: SecretsmanagerSecretRotationRotationRules,
        secret_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            region: None,
            rotate_immediately: None,
            rotation_lambda_arn: None,
            rotation_rules,
            secret_id: secret_id.into(),
        }
    }
}

/// The `rotation_rules` block (at most one) of `aws_secretsmanager_secret_rotation`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SecretsmanagerSecretRotationRotationRules {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatically_after_days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_expression: Option<Value<String>>,
}

resource_type!(
    SecretsmanagerSecretRotation,
    "aws_secretsmanager_secret_rotation",
    [id, rotation_enabled]
);
