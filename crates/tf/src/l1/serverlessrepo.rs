//! Terraform JSON types for the Serverless Application Repository (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_serverlessapplicationrepository_cloudformation_stack`, which
//! deploys the hosted Secrets Manager rotation applications.

use crate::l1::{List, Map, Value};
use serde::Serialize;

/// The `aws_serverlessapplicationrepository_cloudformation_stack` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerlessapplicationrepositoryCloudformationStack {
    pub application_id: Value<String>,
    pub capabilities: Value<List<String>>,
    pub name: Value<String>,
    /// Parameters of the application's template, by name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub semantic_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl ServerlessapplicationrepositoryCloudformationStack {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        application_id: impl Into<Value<String>>,
        capabilities: impl Into<Value<List<String>>>,
        name: impl Into<Value<String>>,
    ) -> Self {
        Self {
            application_id: application_id.into(),
            capabilities: capabilities.into(),
            name: name.into(),
            parameters: None,
            region: None,
            semantic_version: None,
            tags: None,
        }
    }
}

resource_type!(
    ServerlessapplicationrepositoryCloudformationStack,
    "aws_serverlessapplicationrepository_cloudformation_stack",
    [id, outputs]
);
