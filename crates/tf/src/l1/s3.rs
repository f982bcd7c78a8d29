//! Terraform JSON types for S3 (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_s3_bucket` and its per-concern configuration resources (versioning, replication, Object Lock,
//! public access block, encryption, ownership, policy, logging, lifecycle).

use crate::l1::{EmptyBlock, List, Map, Number, Value};
use serde::Serialize;

/// The `aws_s3_bucket` resource.
///
/// Versioning, encryption, replication, lifecycle, logging, policy and Object Lock rules are separate
/// `aws_s3_bucket_*` resources; the deprecated inline blocks are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3Bucket {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_destroy: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_lock_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

resource_type!(
    S3Bucket,
    "aws_s3_bucket",
    [
        id,
        arn,
        bucket,
        bucket_domain_name,
        bucket_regional_domain_name,
        hosted_zone_id,
        bucket_region
    ]
);

/// The `aws_s3_bucket_versioning` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketVersioning {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_bucket_owner: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub versioning_configuration: S3BucketVersioningVersioningConfiguration,
}

impl S3BucketVersioning {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        bucket: impl Into<Value<String>>,
        versioning_configuration: S3BucketVersioningVersioningConfiguration,
    ) -> Self {
        Self {
            bucket: bucket.into(),
            expected_bucket_owner: None,
            mfa: None,
            region: None,
            versioning_configuration,
        }
    }
}

/// The `versioning_configuration` block (at most one) of `aws_s3_bucket_versioning`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketVersioningVersioningConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_delete: Option<Value<String>>,
    pub status: Value<String>,
}

impl S3BucketVersioningVersioningConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status: impl Into<Value<String>>) -> Self {
        Self {
            mfa_delete: None,
            status: status.into(),
        }
    }
}

resource_type!(S3BucketVersioning, "aws_s3_bucket_versioning", [id]);

/// The `aws_s3_bucket_replication_configuration` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketReplicationConfiguration {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub role: Value<String>,
    pub rule: Vec<S3ReplicationRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Value<String>>,
}

impl S3BucketReplicationConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        bucket: impl Into<Value<String>>,
        role: impl Into<Value<String>>,
        rule: Vec<S3ReplicationRule>,
    ) -> Self {
        Self {
            bucket: bucket.into(),
            region: None,
            role: role.into(),
            rule,
            token: None,
        }
    }
}

/// The `rule` block (repeated) of `aws_s3_bucket_replication_configuration`.
///
/// Version 2 replication rules need `filter` and `delete_marker_replication`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_marker_replication: Option<S3ReplicationRuleDeleteMarkerReplication>,
    pub destination: S3ReplicationRuleDestination,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub existing_object_replication: Option<S3ReplicationRuleExistingObjectReplication>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<S3ReplicationRuleFilter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_selection_criteria: Option<S3ReplicationRuleSourceSelectionCriteria>,
    pub status: Value<String>,
}

impl S3ReplicationRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        destination: S3ReplicationRuleDestination,
        status: impl Into<Value<String>>,
    ) -> Self {
        Self {
            delete_marker_replication: None,
            destination,
            existing_object_replication: None,
            filter: None,
            id: None,
            priority: None,
            source_selection_criteria: None,
            status: status.into(),
        }
    }
}

/// The `rule.delete_marker_replication` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDeleteMarkerReplication {
    pub status: Value<String>,
}

impl S3ReplicationRuleDeleteMarkerReplication {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status: impl Into<Value<String>>) -> Self {
        Self {
            status: status.into(),
        }
    }
}

/// The `rule.destination` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestination {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_control_translation: Option<S3ReplicationRuleDestinationAccessControlTranslation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<Value<String>>,
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_configuration: Option<S3ReplicationRuleDestinationEncryptionConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<S3ReplicationRuleDestinationMetrics>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_time: Option<S3ReplicationRuleDestinationReplicationTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<Value<String>>,
}

impl S3ReplicationRuleDestination {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>) -> Self {
        Self {
            access_control_translation: None,
            account: None,
            bucket: bucket.into(),
            encryption_configuration: None,
            metrics: None,
            replication_time: None,
            storage_class: None,
        }
    }
}

/// The `rule.destination.access_control_translation` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestinationAccessControlTranslation {
    pub owner: Value<String>,
}

impl S3ReplicationRuleDestinationAccessControlTranslation {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(owner: impl Into<Value<String>>) -> Self {
        Self {
            owner: owner.into(),
        }
    }
}

/// The `rule.destination.encryption_configuration` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestinationEncryptionConfiguration {
    pub replica_kms_key_id: Value<String>,
}

impl S3ReplicationRuleDestinationEncryptionConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(replica_kms_key_id: impl Into<Value<String>>) -> Self {
        Self {
            replica_kms_key_id: replica_kms_key_id.into(),
        }
    }
}

/// The `rule.destination.metrics` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestinationMetrics {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_threshold: Option<S3ReplicationRuleDestinationMetricsEventThreshold>,
    pub status: Value<String>,
}

impl S3ReplicationRuleDestinationMetrics {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status: impl Into<Value<String>>) -> Self {
        Self {
            event_threshold: None,
            status: status.into(),
        }
    }
}

/// The `rule.destination.metrics.event_threshold` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestinationMetricsEventThreshold {
    pub minutes: Value<Number>,
}

impl S3ReplicationRuleDestinationMetricsEventThreshold {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(minutes: impl Into<Value<Number>>) -> Self {
        Self {
            minutes: minutes.into(),
        }
    }
}

/// The `rule.destination.replication_time` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestinationReplicationTime {
    pub status: Value<String>,
    pub time: S3ReplicationRuleDestinationReplicationTimeTime,
}

impl S3ReplicationRuleDestinationReplicationTime {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        status: impl Into<Value<String>>,
        time: S3ReplicationRuleDestinationReplicationTimeTime,
    ) -> Self {
        Self {
            status: status.into(),
            time,
        }
    }
}

/// The `rule.destination.replication_time.time` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleDestinationReplicationTimeTime {
    pub minutes: Value<Number>,
}

impl S3ReplicationRuleDestinationReplicationTimeTime {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(minutes: impl Into<Value<Number>>) -> Self {
        Self {
            minutes: minutes.into(),
        }
    }
}

/// The `rule.existing_object_replication` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleExistingObjectReplication {
    pub status: Value<String>,
}

impl S3ReplicationRuleExistingObjectReplication {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status: impl Into<Value<String>>) -> Self {
        Self {
            status: status.into(),
        }
    }
}

/// The `rule.filter` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3ReplicationRuleFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub and: Option<S3ReplicationRuleFilterAnd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<S3ReplicationRuleFilterTag>,
}

/// The `rule.filter.and` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3ReplicationRuleFilterAnd {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

/// The `rule.filter.tag` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleFilterTag {
    pub key: Value<String>,
    pub value: Value<String>,
}

impl S3ReplicationRuleFilterTag {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(key: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// The `rule.source_selection_criteria` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3ReplicationRuleSourceSelectionCriteria {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica_modifications: Option<S3ReplicationRuleSourceSelectionCriteriaReplicaModifications>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sse_kms_encrypted_objects:
        Option<S3ReplicationRuleSourceSelectionCriteriaSseKmsEncryptedObjects>,
}

/// The `rule.source_selection_criteria.replica_modifications` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleSourceSelectionCriteriaReplicaModifications {
    pub status: Value<String>,
}

impl S3ReplicationRuleSourceSelectionCriteriaReplicaModifications {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status: impl Into<Value<String>>) -> Self {
        Self {
            status: status.into(),
        }
    }
}

/// The `rule.source_selection_criteria.sse_kms_encrypted_objects` block (at most one) of `aws_s3_bucket_replication_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3ReplicationRuleSourceSelectionCriteriaSseKmsEncryptedObjects {
    pub status: Value<String>,
}

impl S3ReplicationRuleSourceSelectionCriteriaSseKmsEncryptedObjects {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status: impl Into<Value<String>>) -> Self {
        Self {
            status: status.into(),
        }
    }
}

resource_type!(
    S3BucketReplicationConfiguration,
    "aws_s3_bucket_replication_configuration",
    [id]
);

/// The `aws_s3_bucket_object_lock_configuration` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketObjectLockConfiguration {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_bucket_owner: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_lock_enabled: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<S3BucketObjectLockConfigurationRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Value<String>>,
}

impl S3BucketObjectLockConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>) -> Self {
        Self {
            bucket: bucket.into(),
            expected_bucket_owner: None,
            object_lock_enabled: None,
            region: None,
            rule: None,
            token: None,
        }
    }
}

/// The `rule` block (at most one) of `aws_s3_bucket_object_lock_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketObjectLockConfigurationRule {
    pub default_retention: S3BucketObjectLockConfigurationRuleDefaultRetention,
}

impl S3BucketObjectLockConfigurationRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(default_retention: S3BucketObjectLockConfigurationRuleDefaultRetention) -> Self {
        Self { default_retention }
    }
}

/// The `rule.default_retention` block (at most one) of `aws_s3_bucket_object_lock_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3BucketObjectLockConfigurationRuleDefaultRetention {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<Value<Number>>,
}

resource_type!(
    S3BucketObjectLockConfiguration,
    "aws_s3_bucket_object_lock_configuration",
    [id]
);

/// The `aws_s3_bucket_public_access_block` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketPublicAccessBlock {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_public_acls: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_public_policy: Option<Value<bool>>,
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_public_acls: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restrict_public_buckets: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_destroy: Option<Value<bool>>,
}

impl S3BucketPublicAccessBlock {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>) -> Self {
        Self {
            block_public_acls: None,
            block_public_policy: None,
            bucket: bucket.into(),
            ignore_public_acls: None,
            region: None,
            restrict_public_buckets: None,
            skip_destroy: None,
        }
    }
}

resource_type!(
    S3BucketPublicAccessBlock,
    "aws_s3_bucket_public_access_block",
    [id]
);

/// The `aws_s3_bucket_server_side_encryption_configuration` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketServerSideEncryptionConfiguration {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_bucket_owner: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub rule: Vec<S3BucketServerSideEncryptionConfigurationRule>,
}

impl S3BucketServerSideEncryptionConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        bucket: impl Into<Value<String>>,
        rule: Vec<S3BucketServerSideEncryptionConfigurationRule>,
    ) -> Self {
        Self {
            bucket: bucket.into(),
            expected_bucket_owner: None,
            region: None,
            rule,
        }
    }
}

/// The `rule` block (repeated) of `aws_s3_bucket_server_side_encryption_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3BucketServerSideEncryptionConfigurationRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply_server_side_encryption_by_default:
        Option<S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked_encryption_types: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_key_enabled: Option<Value<bool>>,
}

/// The `rule.apply_server_side_encryption_by_default` block (at most one) of `aws_s3_bucket_server_side_encryption_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<Value<String>>,
    pub sse_algorithm: Value<String>,
}

impl S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(sse_algorithm: impl Into<Value<String>>) -> Self {
        Self {
            kms_master_key_id: None,
            sse_algorithm: sse_algorithm.into(),
        }
    }
}

resource_type!(
    S3BucketServerSideEncryptionConfiguration,
    "aws_s3_bucket_server_side_encryption_configuration",
    [id]
);

/// The `aws_s3_bucket_ownership_controls` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketOwnershipControls {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub rule: S3BucketOwnershipControlsRule,
}

impl S3BucketOwnershipControls {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>, rule: S3BucketOwnershipControlsRule) -> Self {
        Self {
            bucket: bucket.into(),
            region: None,
            rule,
        }
    }
}

/// The `rule` block (at most one) of `aws_s3_bucket_ownership_controls`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketOwnershipControlsRule {
    pub object_ownership: Value<String>,
}

impl S3BucketOwnershipControlsRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(object_ownership: impl Into<Value<String>>) -> Self {
        Self {
            object_ownership: object_ownership.into(),
        }
    }
}

resource_type!(
    S3BucketOwnershipControls,
    "aws_s3_bucket_ownership_controls",
    [id]
);

/// The `aws_s3_bucket_policy` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketPolicy {
    pub bucket: Value<String>,
    pub policy: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
}

impl S3BucketPolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>, policy: impl Into<Value<String>>) -> Self {
        Self {
            bucket: bucket.into(),
            policy: policy.into(),
            region: None,
        }
    }
}

resource_type!(S3BucketPolicy, "aws_s3_bucket_policy", [id]);

/// The `aws_s3_bucket_logging` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketLogging {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_bucket_owner: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub target_bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_object_key_format: Option<S3BucketLoggingTargetObjectKeyFormat>,
    pub target_prefix: Value<String>,
}

impl S3BucketLogging {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        bucket: impl Into<Value<String>>,
        target_bucket: impl Into<Value<String>>,
        target_prefix: impl Into<Value<String>>,
    ) -> Self {
        Self {
            bucket: bucket.into(),
            expected_bucket_owner: None,
            region: None,
            target_bucket: target_bucket.into(),
            target_object_key_format: None,
            target_prefix: target_prefix.into(),
        }
    }
}

/// The `target_object_key_format` block (at most one) of `aws_s3_bucket_logging`.
///
/// Set exactly one of `partitioned_prefix` and `simple_prefix`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3BucketLoggingTargetObjectKeyFormat {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partitioned_prefix: Option<S3BucketLoggingTargetObjectKeyFormatPartitionedPrefix>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simple_prefix: Option<EmptyBlock>,
}

/// The `target_object_key_format.partitioned_prefix` block (at most one) of `aws_s3_bucket_logging`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketLoggingTargetObjectKeyFormatPartitionedPrefix {
    pub partition_date_source: Value<String>,
}

impl S3BucketLoggingTargetObjectKeyFormatPartitionedPrefix {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(partition_date_source: impl Into<Value<String>>) -> Self {
        Self {
            partition_date_source: partition_date_source.into(),
        }
    }
}

resource_type!(S3BucketLogging, "aws_s3_bucket_logging", [id]);

/// The `aws_s3_bucket_lifecycle_configuration` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3BucketLifecycleConfiguration {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_bucket_owner: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<S3LifecycleRule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition_default_minimum_object_size: Option<Value<String>>,
}

impl S3BucketLifecycleConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>) -> Self {
        Self {
            bucket: bucket.into(),
            expected_bucket_owner: None,
            region: None,
            rule: Vec::new(),
            transition_default_minimum_object_size: None,
        }
    }
}

/// The `rule` block (repeated) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3LifecycleRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abort_incomplete_multipart_upload: Option<S3LifecycleRuleAbortIncompleteMultipartUpload>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<S3LifecycleRuleExpiration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<S3LifecycleRuleFilter>,
    pub id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noncurrent_version_expiration: Option<S3LifecycleRuleNoncurrentVersionExpiration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub noncurrent_version_transition: Vec<S3LifecycleRuleNoncurrentVersionTransition>,
    pub status: Value<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transition: Vec<S3LifecycleRuleTransition>,
}

impl S3LifecycleRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(id: impl Into<Value<String>>, status: impl Into<Value<String>>) -> Self {
        Self {
            abort_incomplete_multipart_upload: None,
            expiration: None,
            filter: None,
            id: id.into(),
            noncurrent_version_expiration: None,
            noncurrent_version_transition: Vec::new(),
            status: status.into(),
            transition: Vec::new(),
        }
    }
}

/// The `rule.abort_incomplete_multipart_upload` block (at most one) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3LifecycleRuleAbortIncompleteMultipartUpload {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_after_initiation: Option<Value<Number>>,
}

/// The `rule.expiration` block (at most one) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3LifecycleRuleExpiration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_object_delete_marker: Option<Value<bool>>,
}

/// The `rule.filter` block (at most one) of `aws_s3_bucket_lifecycle_configuration`.
///
/// The schema declares this block as a list without a size limit (the framework provider keeps
/// the limit of one in a validator), so it is typed as a single block.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3LifecycleRuleFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub and: Option<S3LifecycleRuleFilterAnd>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_size_greater_than: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_size_less_than: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<S3LifecycleRuleFilterTag>,
}

/// The `rule.filter.and` block (at most one) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct S3LifecycleRuleFilterAnd {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_size_greater_than: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_size_less_than: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

/// The `rule.filter.tag` block (at most one) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3LifecycleRuleFilterTag {
    pub key: Value<String>,
    pub value: Value<String>,
}

impl S3LifecycleRuleFilterTag {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(key: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// The `rule.noncurrent_version_expiration` block (at most one) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3LifecycleRuleNoncurrentVersionExpiration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_noncurrent_versions: Option<Value<Number>>,
    pub noncurrent_days: Value<Number>,
}

impl S3LifecycleRuleNoncurrentVersionExpiration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(noncurrent_days: impl Into<Value<Number>>) -> Self {
        Self {
            newer_noncurrent_versions: None,
            noncurrent_days: noncurrent_days.into(),
        }
    }
}

/// The `rule.noncurrent_version_transition` block (repeated) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3LifecycleRuleNoncurrentVersionTransition {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_noncurrent_versions: Option<Value<Number>>,
    pub noncurrent_days: Value<Number>,
    pub storage_class: Value<String>,
}

impl S3LifecycleRuleNoncurrentVersionTransition {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        noncurrent_days: impl Into<Value<Number>>,
        storage_class: impl Into<Value<String>>,
    ) -> Self {
        Self {
            newer_noncurrent_versions: None,
            noncurrent_days: noncurrent_days.into(),
            storage_class: storage_class.into(),
        }
    }
}

/// The `rule.transition` block (repeated) of `aws_s3_bucket_lifecycle_configuration`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3LifecycleRuleTransition {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<Value<Number>>,
    pub storage_class: Value<String>,
}

impl S3LifecycleRuleTransition {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(storage_class: impl Into<Value<String>>) -> Self {
        Self {
            date: None,
            days: None,
            storage_class: storage_class.into(),
        }
    }
}

resource_type!(
    S3BucketLifecycleConfiguration,
    "aws_s3_bucket_lifecycle_configuration",
    [id]
);
