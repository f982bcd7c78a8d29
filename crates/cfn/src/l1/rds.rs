//! Amazon RDS resource types (DB instances, including cross-region read replicas; subnet and parameter
//! groups). It must not choose engines, sizes or replication topology: it only types and serializes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::RDS::DBInstance`: a primary, or a read replica when `source_db_instance_identifier` is set.
///
/// A cross-region read replica names its source by ARN, sets `source_region`, and takes a KMS key of its
/// own region in `kms_key_id`; it inherits the engine, storage encryption and credentials from the
/// source, so those fields stay unset.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DbInstance {
    #[serde(
        rename = "DBInstanceIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_instance_identifier: Option<Value<String>>,
    #[serde(rename = "DBInstanceClass", skip_serializing_if = "Option::is_none")]
    pub db_instance_class: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<Value<String>>,
    #[serde(rename = "DBName", skip_serializing_if = "Option::is_none")]
    pub db_name: Option<Value<String>>,
    /// The source instance's identifier (same region) or ARN (another region).
    #[serde(
        rename = "SourceDBInstanceIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    pub source_db_instance_identifier: Option<Value<String>>,
    /// The source instance's region, for cross-region replicas.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_region: Option<Value<String>>,
    /// Gibibytes, as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocated_storage: Option<Value<String>>,
    /// The storage autoscaling ceiling in GiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_allocated_storage: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iops: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_throughput: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_encrypted: Option<Value<bool>>,
    /// The storage encryption key, in the instance's region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_username: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_user_password: Option<Value<String>>,
    /// Lets RDS create and rotate the master password in Secrets Manager.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_master_user_password: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_user_secret: Option<MasterUserSecret>,
    #[serde(rename = "MultiAZ", skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<Value<bool>>,
    #[serde(rename = "DBSubnetGroupName", skip_serializing_if = "Option::is_none")]
    pub db_subnet_group_name: Option<Value<String>>,
    #[serde(rename = "VPCSecurityGroups", skip_serializing_if = "Vec::is_empty")]
    pub vpc_security_groups: Vec<Value<String>>,
    #[serde(
        rename = "DBParameterGroupName",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_parameter_group_name: Option<Value<String>>,
    /// The port as a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publicly_accessible: Option<Value<bool>>,
    #[serde(
        rename = "CACertificateIdentifier",
        skip_serializing_if = "Option::is_none"
    )]
    pub ca_certificate_identifier: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_retention_period: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_backup_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred_maintenance_window: Option<Value<String>>,
    /// Replicates automated backups to another region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_backup_replication_region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_backup_replication_kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub automatic_backup_replication_retention_period: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_automated_backups: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_minor_version_upgrade: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_major_version_upgrade: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_tags_to_snapshot: Option<Value<bool>>,
    #[serde(
        rename = "EnableIAMDatabaseAuthentication",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_iam_database_authentication: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_performance_insights: Option<Value<bool>>,
    #[serde(
        rename = "PerformanceInsightsKMSKeyId",
        skip_serializing_if = "Option::is_none"
    )]
    pub performance_insights_kms_key_id: Option<Value<String>>,
    /// 7, 31 (one month) or a multiple of 31 up to 731 days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_insights_retention_period: Option<Value<i64>>,
    /// Enhanced monitoring interval in seconds (0 disables it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_interval: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_role_arn: Option<Value<String>>,
    /// Log types to publish, such as `postgresql` and `upgrade`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enable_cloudwatch_logs_exports: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for DbInstance {
    const TYPE: &'static str = "AWS::RDS::DBInstance";
}

/// The key of the secret RDS manages when `manage_master_user_password` is set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MasterUserSecret {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
}

/// `AWS::RDS::DBSubnetGroup`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DbSubnetGroup {
    #[serde(rename = "DBSubnetGroupDescription")]
    pub db_subnet_group_description: Value<String>,
    pub subnet_ids: Vec<Value<String>>,
    #[serde(rename = "DBSubnetGroupName", skip_serializing_if = "Option::is_none")]
    pub db_subnet_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for DbSubnetGroup {
    const TYPE: &'static str = "AWS::RDS::DBSubnetGroup";
}

/// `AWS::RDS::DBParameterGroup`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DbParameterGroup {
    pub description: Value<String>,
    /// Such as `postgres16`.
    pub family: Value<String>,
    #[serde(
        rename = "DBParameterGroupName",
        skip_serializing_if = "Option::is_none"
    )]
    pub db_parameter_group_name: Option<Value<String>>,
    /// Engine parameters; values are strings on the wire.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for DbParameterGroup {
    const TYPE: &'static str = "AWS::RDS::DBParameterGroup";
}
