//! Terraform JSON types for IAM (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_iam_role`, `aws_iam_role_policy`, `aws_iam_role_policy_attachment` and the
//! `aws_iam_policy_document` data source. IAM is global: none of them has a `region` argument.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_iam_role` resource (global: the schema has no `region` argument).
///
/// Inline policies are declared as separate `aws_iam_role_policy` resources; the inline `inline_policy` block
/// and `managed_policy_arns` are left out so the two styles cannot be mixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IamRole {
    /// A JSON policy document as a string.
    pub assume_role_policy: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_detach_policies: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl IamRole {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(assume_role_policy: impl Into<Value<String>>) -> Self {
        Self {
            assume_role_policy: assume_role_policy.into(),
            description: None,
            force_detach_policies: None,
            max_session_duration: None,
            name: None,
            name_prefix: None,
            path: None,
            permissions_boundary: None,
            tags: None,
        }
    }
}

resource_type!(IamRole, "aws_iam_role", [id, arn, name, unique_id]);

/// The `aws_iam_role_policy` resource (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IamRolePolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    pub policy: Value<String>,
    pub role: Value<String>,
}

impl IamRolePolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(policy: impl Into<Value<String>>, role: impl Into<Value<String>>) -> Self {
        Self {
            name: None,
            name_prefix: None,
            policy: policy.into(),
            role: role.into(),
        }
    }
}

resource_type!(IamRolePolicy, "aws_iam_role_policy", [id, name]);

/// The `aws_iam_role_policy_attachment` resource (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IamRolePolicyAttachment {
    pub policy_arn: Value<String>,
    pub role: Value<String>,
}

impl IamRolePolicyAttachment {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(policy_arn: impl Into<Value<String>>, role: impl Into<Value<String>>) -> Self {
        Self {
            policy_arn: policy_arn.into(),
            role: role.into(),
        }
    }
}

resource_type!(
    IamRolePolicyAttachment,
    "aws_iam_role_policy_attachment",
    [id]
);

/// The `aws_iam_policy_document` data source (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataIamPolicyDocument {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_policy_documents: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_policy_documents: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub statement: Vec<DataIamPolicyDocumentStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Value<String>>,
}

/// The `statement` block (repeated) of `aws_iam_policy_document`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataIamPolicyDocumentStatement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<DataIamPolicyDocumentStatementCondition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effect: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_principals: Vec<DataIamPolicyDocumentStatementNotPrincipals>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_resources: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub principals: Vec<DataIamPolicyDocumentStatementPrincipals>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resources: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<Value<String>>,
}

/// The `statement.condition` block (repeated) of `aws_iam_policy_document`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataIamPolicyDocumentStatementCondition {
    pub test: Value<String>,
    pub values: Value<List<String>>,
    pub variable: Value<String>,
}

impl DataIamPolicyDocumentStatementCondition {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        test: impl Into<Value<String>>,
        values: impl Into<Value<List<String>>>,
        variable: impl Into<Value<String>>,
    ) -> Self {
        Self {
            test: test.into(),
            values: values.into(),
            variable: variable.into(),
        }
    }
}

/// The `statement.not_principals` block (repeated) of `aws_iam_policy_document`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataIamPolicyDocumentStatementNotPrincipals {
    pub identifiers: Value<List<String>>,
    pub r#type: Value<String>,
}

impl DataIamPolicyDocumentStatementNotPrincipals {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        identifiers: impl Into<Value<List<String>>>,
        r#type: impl Into<Value<String>>,
    ) -> Self {
        Self {
            identifiers: identifiers.into(),
            r#type: r#type.into(),
        }
    }
}

/// The `statement.principals` block (repeated) of `aws_iam_policy_document`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataIamPolicyDocumentStatementPrincipals {
    pub identifiers: Value<List<String>>,
    pub r#type: Value<String>,
}

impl DataIamPolicyDocumentStatementPrincipals {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        identifiers: impl Into<Value<List<String>>>,
        r#type: impl Into<Value<String>>,
    ) -> Self {
        Self {
            identifiers: identifiers.into(),
            r#type: r#type.into(),
        }
    }
}

data_source_type!(
    DataIamPolicyDocument,
    "aws_iam_policy_document",
    [id, json, minified_json]
);
