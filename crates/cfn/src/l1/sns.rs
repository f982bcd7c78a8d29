//! Amazon SNS resource types (topics, subscriptions, topic policies).
//! It must not choose endpoints or encryption keys: it only types and serializes them.

use serde::Serialize;

use super::{PolicyDocument, ResourceProperties, Tag, Value};

/// `AWS::SNS::Topic`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Topic {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<Value<String>>,
    /// CloudWatch alarms can publish only to topics under a customer managed key, not `aws/sns`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fifo_topic: Option<Value<bool>>,
    /// Inline subscriptions; `AWS::SNS::Subscription` offers more settings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subscription: Vec<InlineSubscription>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Topic {
    const TYPE: &'static str = "AWS::SNS::Topic";
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InlineSubscription {
    pub endpoint: Value<String>,
    /// Such as `email`, `https`, `sqs` or `lambda`.
    pub protocol: Value<String>,
}

/// `AWS::SNS::Subscription`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Subscription {
    pub topic_arn: Value<String>,
    /// Such as `email`, `https`, `sqs` or `lambda`.
    pub protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<Value<String>>,
    /// The topic's region, when it differs from the stack's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_message_delivery: Option<Value<bool>>,
}

impl ResourceProperties for Subscription {
    const TYPE: &'static str = "AWS::SNS::Subscription";
}

/// `AWS::SNS::TopicPolicy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TopicPolicy {
    /// Topic ARNs.
    pub topics: Vec<Value<String>>,
    pub policy_document: PolicyDocument,
}

impl ResourceProperties for TopicPolicy {
    const TYPE: &'static str = "AWS::SNS::TopicPolicy";
}
