//! Terraform JSON types for KMS (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_kms_key` and `aws_kms_alias`.

use crate::l1::{Map, Number, Value};
use serde::Serialize;

/// The `aws_kms_key` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct KmsKey {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bypass_policy_lockout_safety_check: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_master_key_spec: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_window_in_days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_key_rotation: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_region: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_period_in_days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

resource_type!(KmsKey, "aws_kms_key", [id, arn, key_id]);

/// The `aws_kms_alias` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KmsAlias {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub target_key_id: Value<String>,
}

impl KmsAlias {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(target_key_id: impl Into<Value<String>>) -> Self {
        Self {
            name: None,
            name_prefix: None,
            region: None,
            target_key_id: target_key_id.into(),
        }
    }
}

resource_type!(KmsAlias, "aws_kms_alias", [id, arn, name, target_key_arn]);
