//! Terraform JSON types for CloudWatch Logs (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_cloudwatch_log_group`.

use crate::l1::{Map, Number, Value};
use serde::Serialize;

/// The `aws_cloudwatch_log_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CloudwatchLogGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_group_class: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_in_days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_destroy: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

resource_type!(
    CloudwatchLogGroup,
    "aws_cloudwatch_log_group",
    [id, arn, name]
);
