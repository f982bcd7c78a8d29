//! Amazon ElastiCache resource types (Redis/Valkey replication groups, Global Datastore, subnet and
//! parameter groups). It must not choose node types, shard counts or topology: it only types them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::ElastiCache::ReplicationGroup`. A secondary member of a Global Datastore sets
/// `global_replication_group_id` and inherits engine, node type, shard count and encryption from the
/// primary, so those fields stay unset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationGroup {
    pub replication_group_description: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_replication_group_id: Option<Value<String>>,
    /// `redis` or `valkey`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_node_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_parameter_group_name: Option<Value<String>>,
    /// `enabled`, `disabled` or `compatible`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_mode: Option<Value<String>>,
    /// Shards (cluster mode enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_node_groups: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicas_per_node_group: Option<Value<i64>>,
    /// Nodes of the single shard (cluster mode disabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub num_cache_clusters: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_failover_enabled: Option<Value<bool>>,
    #[serde(rename = "MultiAZEnabled", skip_serializing_if = "Option::is_none")]
    pub multi_az_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_subnet_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_group_ids: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_rest_encryption_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_encryption_enabled: Option<Value<bool>>,
    /// `preferred` or `required`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_encryption_mode: Option<Value<String>>,
    /// The Redis AUTH token; requires transit encryption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub user_group_ids: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_retention_limit: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_maintenance_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_minor_version_upgrade: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_topic_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub log_delivery_configurations: Vec<LogDeliveryConfiguration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ReplicationGroup {
    pub fn new(replication_group_description: impl Into<Value<String>>) -> Self {
        ReplicationGroup {
            replication_group_description: replication_group_description.into(),
            replication_group_id: None,
            global_replication_group_id: None,
            engine: None,
            engine_version: None,
            cache_node_type: None,
            cache_parameter_group_name: None,
            cluster_mode: None,
            num_node_groups: None,
            replicas_per_node_group: None,
            num_cache_clusters: None,
            automatic_failover_enabled: None,
            multi_az_enabled: None,
            cache_subnet_group_name: None,
            security_group_ids: Vec::new(),
            port: None,
            at_rest_encryption_enabled: None,
            kms_key_id: None,
            transit_encryption_enabled: None,
            transit_encryption_mode: None,
            auth_token: None,
            user_group_ids: Vec::new(),
            snapshot_retention_limit: None,
            snapshot_window: None,
            preferred_maintenance_window: None,
            auto_minor_version_upgrade: None,
            notification_topic_arn: None,
            log_delivery_configurations: Vec::new(),
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for ReplicationGroup {
    const TYPE: &'static str = "AWS::ElastiCache::ReplicationGroup";
}

/// Delivery of the slow log or engine log to CloudWatch Logs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogDeliveryConfiguration {
    pub destination_details: LogDestinationDetails,
    /// `cloudwatch-logs` or `kinesis-firehose`.
    pub destination_type: Value<String>,
    /// `json` or `text`.
    pub log_format: Value<String>,
    /// `slow-log` or `engine-log`.
    pub log_type: Value<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogDestinationDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_details: Option<CloudWatchLogsDetails>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudWatchLogsDetails {
    pub log_group: Value<String>,
}

/// `AWS::ElastiCache::SubnetGroup`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SubnetGroup {
    pub description: Value<String>,
    pub subnet_ids: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_subnet_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for SubnetGroup {
    const TYPE: &'static str = "AWS::ElastiCache::SubnetGroup";
}

/// `AWS::ElastiCache::GlobalReplicationGroup` (Global Datastore), created in the primary's region.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalReplicationGroup {
    pub members: Vec<GlobalReplicationGroupMember>,
    /// The id ElastiCache prefixes with a region-specific string to name the Global Datastore.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_replication_group_id_suffix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_replication_group_description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_failover_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_node_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_parameter_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global_node_group_count: Option<Value<i64>>,
}

impl ResourceProperties for GlobalReplicationGroup {
    const TYPE: &'static str = "AWS::ElastiCache::GlobalReplicationGroup";
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GlobalReplicationGroupMember {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_group_region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<GlobalMemberRole>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GlobalMemberRole {
    Primary,
    Secondary,
}

/// `AWS::ElastiCache::ParameterGroup`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ParameterGroup {
    /// Such as `redis7`.
    pub cache_parameter_group_family: Value<String>,
    pub description: Value<String>,
    /// Engine parameters; values are strings on the wire.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for ParameterGroup {
    const TYPE: &'static str = "AWS::ElastiCache::ParameterGroup";
}
