//! Terraform JSON types for STS (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! The `aws_caller_identity` data source (global: no `region` argument).

use serde::Serialize;

/// The `aws_caller_identity` data source (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataCallerIdentity {}

data_source_type!(
    DataCallerIdentity,
    "aws_caller_identity",
    [id, account_id, arn, user_id]
);
