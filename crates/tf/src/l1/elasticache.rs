//! Terraform JSON types for ElastiCache (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_elasticache_replication_group` (cluster mode, Global Datastore members),
//! `aws_elasticache_subnet_group`, `aws_elasticache_global_replication_group` and
//! `aws_elasticache_parameter_group`.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_elasticache_replication_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticacheReplicationGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_immediately: Option<Value<bool>>,
    /// A string (`"true"` / `"false"`) in provider 6, not a bool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_rest_encryption_enabled: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_token_update_strategy: Option<Value<String>>,
    /// A string (`"true"` / `"false"`) in the provider schema, not a bool.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_minor_version_upgrade: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_failover_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_mode: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_tiering_enabled: Option<Value<bool>>,
    pub description: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_snapshot_identifier: Option<Value<String>>,
    /// Joins this group to a Global Datastore as a secondary; it then inherits engine,
    /// node type, parameter group and encryption settings from the primary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_replication_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_discovery: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub log_delivery_configuration: Vec<ElasticacheReplicationGroupLogDeliveryConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintenance_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_az_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_topic_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_cache_clusters: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_node_groups: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_cache_cluster_azs: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas_per_node_group: Option<Value<Number>>,
    pub replication_group_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_group_ids: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_retention_limit: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeouts: Option<ElasticacheReplicationGroupTimeouts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_encryption_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_encryption_mode: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_group_ids: Option<Value<List<String>>>,
}

impl ElasticacheReplicationGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        description: impl Into<Value<String>>,
        replication_group_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            apply_immediately: None,
            at_rest_encryption_enabled: None,
            auth_token: None,
            auth_token_update_strategy: None,
            auto_minor_version_upgrade: None,
            automatic_failover_enabled: None,
            cluster_mode: None,
            data_tiering_enabled: None,
            description: description.into(),
            engine: None,
            engine_version: None,
            final_snapshot_identifier: None,
            global_replication_group_id: None,
            ip_discovery: None,
            kms_key_id: None,
            log_delivery_configuration: Vec::new(),
            maintenance_window: None,
            multi_az_enabled: None,
            network_type: None,
            node_type: None,
            notification_topic_arn: None,
            num_cache_clusters: None,
            num_node_groups: None,
            parameter_group_name: None,
            port: None,
            preferred_cache_cluster_azs: None,
            region: None,
            replicas_per_node_group: None,
            replication_group_id: replication_group_id.into(),
            security_group_ids: None,
            snapshot_retention_limit: None,
            snapshot_window: None,
            subnet_group_name: None,
            tags: None,
            timeouts: None,
            transit_encryption_enabled: None,
            transit_encryption_mode: None,
            user_group_ids: None,
        }
    }
}

/// The `log_delivery_configuration` block (repeated) of `aws_elasticache_replication_group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticacheReplicationGroupLogDeliveryConfiguration {
    pub destination: Value<String>,
    pub destination_type: Value<String>,
    pub log_format: Value<String>,
    pub log_type: Value<String>,
}

impl ElasticacheReplicationGroupLogDeliveryConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        destination: impl Into<Value<String>>,
        destination_type: impl Into<Value<String>>,
        log_format: impl Into<Value<String>>,
        log_type: impl Into<Value<String>>,
    ) -> Self {
        Self {
            destination: destination.into(),
            destination_type: destination_type.into(),
            log_format: log_format.into(),
            log_type: log_type.into(),
        }
    }
}

/// The `timeouts` block (at most one) of `aws_elasticache_replication_group`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ElasticacheReplicationGroupTimeouts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<Value<String>>,
}

resource_type!(
    ElasticacheReplicationGroup,
    "aws_elasticache_replication_group",
    [
        id,
        arn,
        configuration_endpoint_address,
        primary_endpoint_address,
        reader_endpoint_address,
        member_clusters,
        engine_version_actual,
        cluster_enabled
    ]
);

/// The `aws_elasticache_subnet_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticacheSubnetGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub subnet_ids: Value<List<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl ElasticacheSubnetGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, subnet_ids: impl Into<Value<List<String>>>) -> Self {
        Self {
            description: None,
            name: name.into(),
            region: None,
            subnet_ids: subnet_ids.into(),
            tags: None,
        }
    }
}

resource_type!(
    ElasticacheSubnetGroup,
    "aws_elasticache_subnet_group",
    [id, arn, name]
);

/// The `aws_elasticache_global_replication_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticacheGlobalReplicationGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_failover_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_node_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_replication_group_description: Option<Value<String>>,
    pub global_replication_group_id_suffix: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_node_groups: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_name: Option<Value<String>>,
    pub primary_replication_group_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeouts: Option<ElasticacheGlobalReplicationGroupTimeouts>,
}

impl ElasticacheGlobalReplicationGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        global_replication_group_id_suffix: impl Into<Value<String>>,
        primary_replication_group_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            automatic_failover_enabled: None,
            cache_node_type: None,
            engine: None,
            engine_version: None,
            global_replication_group_description: None,
            global_replication_group_id_suffix: global_replication_group_id_suffix.into(),
            num_node_groups: None,
            parameter_group_name: None,
            primary_replication_group_id: primary_replication_group_id.into(),
            region: None,
            timeouts: None,
        }
    }
}

/// The `timeouts` block (at most one) of `aws_elasticache_global_replication_group`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct ElasticacheGlobalReplicationGroupTimeouts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<Value<String>>,
}

resource_type!(
    ElasticacheGlobalReplicationGroup,
    "aws_elasticache_global_replication_group",
    [id, arn, global_replication_group_id]
);

/// The `aws_elasticache_parameter_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticacheParameterGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    pub family: Value<String>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameter: Vec<ElasticacheParameterGroupParameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl ElasticacheParameterGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(family: impl Into<Value<String>>, name: impl Into<Value<String>>) -> Self {
        Self {
            description: None,
            family: family.into(),
            name: name.into(),
            parameter: Vec::new(),
            region: None,
            tags: None,
        }
    }
}

/// The `parameter` block (repeated) of `aws_elasticache_parameter_group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElasticacheParameterGroupParameter {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl ElasticacheParameterGroupParameter {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

resource_type!(
    ElasticacheParameterGroup,
    "aws_elasticache_parameter_group",
    [id, arn, name]
);
