//! Amazon S3 resource types (buckets with encryption, Object Lock, replication, logging, lifecycle;
//! bucket policies). It must not choose retention, replication or encryption: it only types them.

use serde::Serialize;

use super::{PolicyDocument, ResourceProperties, Tag, Value};

/// `AWS::S3::Bucket`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Bucket {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versioning_configuration: Option<VersioningConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_encryption: Option<BucketEncryption>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_access_block_configuration: Option<PublicAccessBlockConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ownership_controls: Option<OwnershipControls>,
    /// Object Lock can only be enabled when the bucket is created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_lock_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_lock_configuration: Option<ObjectLockConfiguration>,
    /// A `Value` so that replication can be switched on by a template condition: S3 validates that the
    /// destination bucket exists, which it may not yet when this stack is first created.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_configuration: Option<Value<ReplicationConfiguration>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logging_configuration: Option<LoggingConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle_configuration: Option<LifecycleConfiguration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Bucket {
    const TYPE: &'static str = "AWS::S3::Bucket";
}

/// `Enabled` or `Disabled`, the switch most S3 sub-configurations use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    Enabled,
    Disabled,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VersioningConfiguration {
    pub status: VersioningStatus,
}

/// Versioning can be suspended but never disabled once enabled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VersioningStatus {
    Enabled,
    Suspended,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BucketEncryption {
    pub server_side_encryption_configuration: Vec<ServerSideEncryptionRule>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServerSideEncryptionRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server_side_encryption_by_default: Option<ServerSideEncryptionByDefault>,
    /// With SSE-KMS, uses a bucket-level data key to cut KMS requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_key_enabled: Option<Value<bool>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerSideEncryptionByDefault {
    #[serde(rename = "SSEAlgorithm")]
    pub sse_algorithm: SseAlgorithm,
    /// The key for `aws:kms`; absent means the AWS managed key `aws/s3`.
    #[serde(rename = "KMSMasterKeyID", skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<Value<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SseAlgorithm {
    #[serde(rename = "AES256")]
    Aes256,
    #[serde(rename = "aws:kms")]
    AwsKms,
    #[serde(rename = "aws:kms:dsse")]
    AwsKmsDsse,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PublicAccessBlockConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_public_acls: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_public_policy: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_public_acls: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restrict_public_buckets: Option<Value<bool>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct OwnershipControls {
    pub rules: Vec<OwnershipControlsRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct OwnershipControlsRule {
    pub object_ownership: ObjectOwnership,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ObjectOwnership {
    /// ACLs disabled; the bucket owner owns every object.
    BucketOwnerEnforced,
    BucketOwnerPreferred,
    ObjectWriter,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ObjectLockConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_lock_enabled: Option<ObjectLockEnabled>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<ObjectLockRule>,
}

/// The only value `ObjectLockConfiguration.ObjectLockEnabled` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ObjectLockEnabled {
    Enabled,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ObjectLockRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_retention: Option<DefaultRetention>,
}

/// The retention applied to new object versions; set `days` or `years`, not both.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DefaultRetention {
    pub mode: ObjectLockMode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<Value<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ObjectLockMode {
    /// Nobody, including the root user, can shorten retention or delete a locked version.
    Compliance,
    /// Users with `s3:BypassGovernanceRetention` can.
    Governance,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationConfiguration {
    /// The role S3 assumes to replicate.
    pub role: Value<String>,
    pub rules: Vec<ReplicationRule>,
}

/// A replication rule. Rules with a `filter` (the current schema) also need `priority` and
/// `delete_marker_replication`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Value<String>>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<ReplicationRuleFilter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_marker_replication: Option<DeleteMarkerReplication>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_selection_criteria: Option<SourceSelectionCriteria>,
    pub destination: ReplicationDestination,
}

/// Which objects a rule replicates; an empty prefix means all of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationRuleFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag_filter: Option<TagFilter>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagFilter {
    pub key: Value<String>,
    pub value: Value<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteMarkerReplication {
    pub status: Status,
}

/// Which source objects qualify beyond the filter; SSE-KMS encrypted objects replicate only when
/// `sse_kms_encrypted_objects` is enabled.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SourceSelectionCriteria {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sse_kms_encrypted_objects: Option<StatusSwitch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica_modifications: Option<StatusSwitch>,
}

/// `{"Status": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatusSwitch {
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationDestination {
    /// The destination bucket's ARN.
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<StorageClass>,
    /// The destination account, when it differs (used with `access_control_translation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_control_translation: Option<AccessControlTranslation>,
    /// The key replicas are encrypted with, in the destination's region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption_configuration: Option<ReplicaEncryptionConfiguration>,
    /// S3 Replication Time Control (15-minute SLA); requires `metrics`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication_time: Option<ReplicationTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metrics: Option<ReplicationMetrics>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StorageClass {
    Standard,
    StandardIa,
    OnezoneIa,
    IntelligentTiering,
    GlacierIr,
    Glacier,
    DeepArchive,
    ReducedRedundancy,
}

/// Makes the destination account own the replicas.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AccessControlTranslation {
    pub owner: AccessControlOwner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AccessControlOwner {
    Destination,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReplicaEncryptionConfiguration {
    #[serde(rename = "ReplicaKmsKeyID")]
    pub replica_kms_key_id: Value<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationTime {
    pub status: Status,
    pub time: ReplicationTimeValue,
}

/// `{"Minutes": 15}`, the only value S3 Replication Time Control accepts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationTimeValue {
    pub minutes: Value<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ReplicationMetrics {
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_threshold: Option<ReplicationTimeValue>,
}

/// Server access logging to another bucket.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoggingConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_bucket_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_file_prefix: Option<Value<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LifecycleConfiguration {
    pub rules: Vec<LifecycleRule>,
}

/// A lifecycle rule. Under Object Lock, expiration only takes effect once retention has lapsed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LifecycleRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Value<String>>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration_in_days: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_object_delete_marker: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<Transition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noncurrent_version_expiration: Option<NoncurrentVersionExpiration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abort_incomplete_multipart_upload: Option<AbortIncompleteMultipartUpload>,
}

impl LifecycleRule {
    /// A rule with no actions yet.
    pub fn new(status: Status) -> Self {
        LifecycleRule {
            id: None,
            status,
            prefix: None,
            expiration_in_days: None,
            expired_object_delete_marker: None,
            transitions: Vec::new(),
            noncurrent_version_expiration: None,
            abort_incomplete_multipart_upload: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Transition {
    pub storage_class: TransitionStorageClass,
    pub transition_in_days: Value<i64>,
}

/// Storage classes objects can transition to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TransitionStorageClass {
    StandardIa,
    OnezoneIa,
    IntelligentTiering,
    GlacierIr,
    Glacier,
    DeepArchive,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NoncurrentVersionExpiration {
    pub noncurrent_days: Value<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_noncurrent_versions: Option<Value<i64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AbortIncompleteMultipartUpload {
    pub days_after_initiation: Value<i64>,
}

/// `AWS::S3::BucketPolicy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BucketPolicy {
    /// The bucket's name.
    pub bucket: Value<String>,
    pub policy_document: PolicyDocument,
}

impl ResourceProperties for BucketPolicy {
    const TYPE: &'static str = "AWS::S3::BucketPolicy";
}
