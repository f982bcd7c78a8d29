//! Terraform JSON types for SNS (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_sns_topic`, `aws_sns_topic_subscription` and `aws_sns_topic_policy`.

use crate::l1::{Map, Number, Value};
use serde::Serialize;

/// The `aws_sns_topic` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SnsTopic {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_based_deduplication: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fifo_topic: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature_version: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tracing_config: Option<Value<String>>,
}

resource_type!(SnsTopic, "aws_sns_topic", [id, arn, name]);

/// The `aws_sns_topic_subscription` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnsTopicSubscription {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmation_timeout_in_minutes: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_policy: Option<Value<String>>,
    pub endpoint: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint_auto_confirms: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_policy_scope: Option<Value<String>>,
    pub protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_message_delivery: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redrive_policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_role_arn: Option<Value<String>>,
    pub topic_arn: Value<String>,
}

impl SnsTopicSubscription {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        endpoint: impl Into<Value<String>>,
        protocol: impl Into<Value<String>>,
        topic_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            confirmation_timeout_in_minutes: None,
            delivery_policy: None,
            endpoint: endpoint.into(),
            endpoint_auto_confirms: None,
            filter_policy: None,
            filter_policy_scope: None,
            protocol: protocol.into(),
            raw_message_delivery: None,
            redrive_policy: None,
            region: None,
            subscription_role_arn: None,
            topic_arn: topic_arn.into(),
        }
    }
}

resource_type!(
    SnsTopicSubscription,
    "aws_sns_topic_subscription",
    [id, arn]
);

/// The `aws_sns_topic_policy` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnsTopicPolicy {
    pub arn: Value<String>,
    pub policy: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
}

impl SnsTopicPolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(arn: impl Into<Value<String>>, policy: impl Into<Value<String>>) -> Self {
        Self {
            arn: arn.into(),
            policy: policy.into(),
            region: None,
        }
    }
}

resource_type!(SnsTopicPolicy, "aws_sns_topic_policy", [id]);
