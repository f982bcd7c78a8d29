//! AWS KMS resource types (keys and aliases).
//! It must not write key policies or choose rotation: it only types and serializes them.

use serde::Serialize;

use super::{PolicyDocument, ResourceProperties, Tag, Value};

/// `AWS::KMS::Key`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Key {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_key_rotation: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotation_period_in_days: Option<Value<i64>>,
    /// Absent means the default policy, which gives the account root full access.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_policy: Option<PolicyDocument>,
    /// Such as `SYMMETRIC_DEFAULT`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_spec: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_usage: Option<KeyUsage>,
    /// A multi-region primary key, which replica keys in other regions can be made from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_region: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pending_window_in_days: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Key {
    const TYPE: &'static str = "AWS::KMS::Key";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum KeyUsage {
    EncryptDecrypt,
    SignVerify,
    GenerateVerifyMac,
    KeyAgreement,
}

/// `AWS::KMS::Alias`; `alias_name` starts with `alias/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Alias {
    pub alias_name: Value<String>,
    pub target_key_id: Value<String>,
}

impl ResourceProperties for Alias {
    const TYPE: &'static str = "AWS::KMS::Alias";
}
