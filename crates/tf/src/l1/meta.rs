//! Terraform JSON types for provider metadata (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! The `aws_partition` data source (global: no `region` argument).

use serde::Serialize;

/// The `aws_partition` data source (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataPartition {}

data_source_type!(
    DataPartition,
    "aws_partition",
    [id, partition, dns_suffix, reverse_dns_prefix]
);
