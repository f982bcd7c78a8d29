//! Terraform JSON types for RDS (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_db_instance` (primaries and cross-region read replicas), `aws_db_subnet_group` and
//! `aws_db_parameter_group`.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_db_instance` resource.
///
/// A cross-region read replica sets `replicate_source_db` to the primary's ARN and `kms_key_id` to a key in
/// the replica's own region; it inherits engine, credentials and encryption from the source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbInstance {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocated_storage: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_major_version_upgrade: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_immediately: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auto_minor_version_upgrade: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_retention_period: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blue_green_update: Option<DbInstanceBlueGreenUpdate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_cert_identifier: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copy_tags_to_snapshot: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_insights_mode: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub db_subnet_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_automated_backups: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled_cloudwatch_logs_exports: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_lifecycle_support: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_snapshot_identifier: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iam_database_authentication_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier_prefix: Option<Value<String>>,
    pub instance_class: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iops: Option<Value<Number>>,
    /// ARN of the encryption key; for a cross-region replica, a key in the replica's region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maintenance_window: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_master_user_password: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub master_user_secret_kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_allocated_storage: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_interval: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_role_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_wo: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_wo_version: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_insights_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_insights_kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance_insights_retention_period: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publicly_accessible: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica_mode: Option<Value<String>>,
    /// Identifier (same region) or ARN (other region) of the source instance of a read replica.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replicate_source_db: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_final_snapshot: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_encrypted: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_throughput: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeouts: Option<DbInstanceTimeouts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_security_group_ids: Option<Value<List<String>>>,
}

impl DbInstance {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(instance_class: impl Into<Value<String>>) -> Self {
        Self {
            allocated_storage: None,
            allow_major_version_upgrade: None,
            apply_immediately: None,
            auto_minor_version_upgrade: None,
            availability_zone: None,
            backup_retention_period: None,
            backup_window: None,
            blue_green_update: None,
            ca_cert_identifier: None,
            copy_tags_to_snapshot: None,
            database_insights_mode: None,
            db_name: None,
            db_subnet_group_name: None,
            delete_automated_backups: None,
            deletion_protection: None,
            enabled_cloudwatch_logs_exports: None,
            engine: None,
            engine_lifecycle_support: None,
            engine_version: None,
            final_snapshot_identifier: None,
            iam_database_authentication_enabled: None,
            identifier: None,
            identifier_prefix: None,
            instance_class: instance_class.into(),
            iops: None,
            kms_key_id: None,
            maintenance_window: None,
            manage_master_user_password: None,
            master_user_secret_kms_key_id: None,
            max_allocated_storage: None,
            monitoring_interval: None,
            monitoring_role_arn: None,
            multi_az: None,
            network_type: None,
            option_group_name: None,
            parameter_group_name: None,
            password: None,
            password_wo: None,
            password_wo_version: None,
            performance_insights_enabled: None,
            performance_insights_kms_key_id: None,
            performance_insights_retention_period: None,
            port: None,
            publicly_accessible: None,
            region: None,
            replica_mode: None,
            replicate_source_db: None,
            skip_final_snapshot: None,
            storage_encrypted: None,
            storage_throughput: None,
            storage_type: None,
            tags: None,
            timeouts: None,
            username: None,
            vpc_security_group_ids: None,
        }
    }
}

/// The `blue_green_update` block (at most one) of `aws_db_instance`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DbInstanceBlueGreenUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
}

/// The `timeouts` block (at most one) of `aws_db_instance`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DbInstanceTimeouts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub create: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update: Option<Value<String>>,
}

resource_type!(
    DbInstance,
    "aws_db_instance",
    [
        id,
        arn,
        address,
        endpoint,
        port,
        identifier,
        resource_id,
        hosted_zone_id,
        engine_version_actual,
        master_user_secret
    ]
);

/// The `aws_db_subnet_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbSubnetGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub subnet_ids: Value<List<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl DbSubnetGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(subnet_ids: impl Into<Value<List<String>>>) -> Self {
        Self {
            description: None,
            name: None,
            name_prefix: None,
            region: None,
            subnet_ids: subnet_ids.into(),
            tags: None,
        }
    }
}

resource_type!(DbSubnetGroup, "aws_db_subnet_group", [id, arn, name]);

/// The `aws_db_parameter_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbParameterGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    pub family: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameter: Vec<DbParameterGroupParameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_destroy: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl DbParameterGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(family: impl Into<Value<String>>) -> Self {
        Self {
            description: None,
            family: family.into(),
            name: None,
            name_prefix: None,
            parameter: Vec::new(),
            region: None,
            skip_destroy: None,
            tags: None,
        }
    }
}

/// The `parameter` block (repeated) of `aws_db_parameter_group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DbParameterGroupParameter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_method: Option<Value<String>>,
    pub name: Value<String>,
    pub value: Value<String>,
}

impl DbParameterGroupParameter {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            apply_method: None,
            name: name.into(),
            value: value.into(),
        }
    }
}

resource_type!(DbParameterGroup, "aws_db_parameter_group", [id, arn, name]);
