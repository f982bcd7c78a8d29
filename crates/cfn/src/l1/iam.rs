//! AWS IAM resource types (roles and standalone policies).
//! It must not grant anything on its own: every statement comes from the caller.

use serde::Serialize;

use super::{PolicyDocument, ResourceProperties, Tag, Value};

/// `AWS::IAM::Role`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Role {
    /// The trust policy: who may assume the role.
    pub assume_role_policy_document: PolicyDocument,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Value<String>>,
    /// The ARN of a managed policy that caps the role's permissions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub managed_policy_arns: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<InlinePolicy>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl Role {
    pub fn new(assume_role_policy_document: PolicyDocument) -> Self {
        Role {
            assume_role_policy_document,
            role_name: None,
            description: None,
            path: None,
            permissions_boundary: None,
            max_session_duration: None,
            managed_policy_arns: Vec::new(),
            policies: Vec::new(),
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for Role {
    const TYPE: &'static str = "AWS::IAM::Role";
}

/// A policy embedded in a role.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InlinePolicy {
    pub policy_name: Value<String>,
    pub policy_document: PolicyDocument,
}

/// `AWS::IAM::Policy`: an inline policy attached to roles, users or groups (at least one of them).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Policy {
    pub policy_name: Value<String>,
    pub policy_document: PolicyDocument,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Value<String>>,
}

impl ResourceProperties for Policy {
    const TYPE: &'static str = "AWS::IAM::Policy";
}
