//! Amazon CloudWatch Logs resource types (log groups).
//! It must not choose retention or encryption: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::Logs::LogGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_group_name: Option<Value<String>>,
    /// One of the retention periods CloudWatch Logs allows (1, 3, 5, 7, 14, 30, 60, 90... days);
    /// absent means never expire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_in_days: Option<Value<i64>>,
    /// The ARN of a KMS key in the log group's region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_group_class: Option<LogGroupClass>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for LogGroup {
    const TYPE: &'static str = "AWS::Logs::LogGroup";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LogGroupClass {
    Standard,
    InfrequentAccess,
    Delivery,
}
