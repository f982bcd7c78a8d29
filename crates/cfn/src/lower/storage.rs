//! Storage: a region's data key and S3 buckets (the stack's own, load-balancer access logs, the CDN
//! origin) with versioning, encryption, blocked public access, Object Lock, lifecycle, bucket
//! policies and cross-region replication. It must not choose retention, encryption or destinations.

use meridian_plan::{
    BucketEncryption, BucketPlan, ObjectLockPlan, ReplicationPlan, ReplicationRulePlan, StoragePlan,
};

use crate::l1::iam::Policy;
use crate::l1::s3::{
    self, Bucket, DefaultRetention, DeleteMarkerReplication, LifecycleConfiguration, LifecycleRule,
    NoncurrentVersionExpiration, ObjectLockConfiguration, ObjectLockEnabled, ObjectLockMode,
    ObjectLockRule, ObjectOwnership, OwnershipControls, OwnershipControlsRule,
    PublicAccessBlockConfiguration, ReplicaEncryptionConfiguration, ReplicationConfiguration,
    ReplicationDestination, ReplicationMetrics, ReplicationRule, ReplicationRuleFilter,
    ReplicationTime, ReplicationTimeValue, ServerSideEncryptionByDefault, ServerSideEncryptionRule,
    SourceSelectionCriteria, SseAlgorithm, Status, StatusSwitch, StorageClass,
    VersioningConfiguration, VersioningStatus,
};
use crate::l1::{DeletionPolicy, Resource, UpdateReplacePolicy, Value};

use super::UnitTemplate;
use super::keys::lower_key;
use super::policy::{document, role};
use super::values::{arn_of, reference};
use meridian_plan::RolePurpose;

/// Adds a region's storage unit: its data key and buckets.
pub(crate) fn lower_storage_unit(unit: &mut UnitTemplate<'_>, storage: &StoragePlan) {
    let StoragePlan {
        unit: _,
        data_key,
        buckets,
    } = storage;
    lower_key(unit, data_key);
    for bucket in buckets {
        lower_bucket(unit, bucket);
    }
}

/// Adds a bucket, its policy and, when it replicates, its replication role.
pub(crate) fn lower_bucket(unit: &mut UnitTemplate<'_>, bucket: &BucketPlan) {
    let BucketPlan {
        name: _,
        rid,
        policy_rid,
        bucket_name,
        // What the bucket is for decided its settings in the plan.
        purpose: _,
        versioning,
        encryption,
        object_lock,
        replication,
        policy_statements,
        expiration_days,
        abort_incomplete_uploads_days,
        retain,
    } = bucket;
    let replication_configuration = replication
        .as_ref()
        .map(|replication| lower_replication(unit, replication));
    let properties = Bucket {
        bucket_name: Some(unit.values.text(bucket_name)),
        versioning_configuration: versioning.then_some(VersioningConfiguration {
            status: VersioningStatus::Enabled,
        }),
        bucket_encryption: Some(s3::BucketEncryption {
            server_side_encryption_configuration: vec![encryption_rule(unit, encryption)],
        }),
        public_access_block_configuration: Some(PublicAccessBlockConfiguration {
            block_public_acls: Some(true.into()),
            block_public_policy: Some(true.into()),
            ignore_public_acls: Some(true.into()),
            restrict_public_buckets: Some(true.into()),
        }),
        ownership_controls: Some(OwnershipControls {
            rules: vec![OwnershipControlsRule {
                object_ownership: Some(ObjectOwnership::BucketOwnerEnforced),
            }],
        }),
        object_lock_enabled: object_lock.as_ref().map(|_| true.into()),
        object_lock_configuration: object_lock.as_ref().map(object_lock_configuration),
        replication_configuration,
        lifecycle_configuration: Some(lifecycle(*abort_incomplete_uploads_days, *expiration_days)),
        tags: unit.values.tags(None),
        ..Bucket::default()
    };
    let resource = Resource::new(properties);
    let resource = if *retain {
        resource
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain)
    } else {
        resource
    };
    unit.add(rid, resource);
    let policy_document = document(&unit.values, policy_statements);
    unit.add(
        policy_rid,
        Resource::new(s3::BucketPolicy {
            bucket: reference(rid),
            policy_document,
        }),
    );
}

fn encryption_rule(
    unit: &UnitTemplate<'_>,
    encryption: &BucketEncryption,
) -> ServerSideEncryptionRule {
    match encryption {
        BucketEncryption::Kms(key) => ServerSideEncryptionRule {
            server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                sse_algorithm: SseAlgorithm::AwsKms,
                kms_master_key_id: Some(unit.values.text(key)),
            }),
            bucket_key_enabled: Some(true.into()),
            ..ServerSideEncryptionRule::default()
        },
        BucketEncryption::S3Managed => ServerSideEncryptionRule {
            server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                sse_algorithm: SseAlgorithm::Aes256,
                kms_master_key_id: None,
            }),
            ..ServerSideEncryptionRule::default()
        },
    }
}

fn object_lock_configuration(object_lock: &ObjectLockPlan) -> ObjectLockConfiguration {
    let ObjectLockPlan { mode, days } = object_lock;
    let mode = match mode.as_str() {
        "COMPLIANCE" => ObjectLockMode::Compliance,
        "GOVERNANCE" => ObjectLockMode::Governance,
        other => {
            panic!("invariant: the plan's Object Lock mode `{other}` is COMPLIANCE or GOVERNANCE")
        }
    };
    ObjectLockConfiguration {
        object_lock_enabled: Some(ObjectLockEnabled::Enabled),
        rule: Some(ObjectLockRule {
            default_retention: Some(DefaultRetention {
                mode: Some(mode),
                days: Some(i64::from(*days).into()),
                ..DefaultRetention::default()
            }),
        }),
    }
}

/// Objects expire after `days`; in a versioned bucket expiring only adds a delete marker, so
/// noncurrent versions expire after the same time.
/// The bucket's lifecycle: abandoned multipart uploads are aborted; log buckets also expire
/// objects (and the versions expiring hides) after the plan's days.
fn lifecycle(abort_days: u32, expiration_days: Option<u32>) -> LifecycleConfiguration {
    let mut rules = vec![LifecycleRule {
        id: Some(Value::from("abort-incomplete-uploads")),
        abort_incomplete_multipart_upload: Some(s3::AbortIncompleteMultipartUpload {
            days_after_initiation: i64::from(abort_days).into(),
        }),
        ..LifecycleRule::new(Status::Enabled)
    }];
    if let Some(days) = expiration_days {
        let days = i64::from(days);
        rules.push(LifecycleRule {
            id: Some(Value::from(format!("expire-after-{days}-days"))),
            expiration_in_days: Some(days.into()),
            noncurrent_version_expiration: Some(NoncurrentVersionExpiration {
                noncurrent_days: days.into(),
                newer_noncurrent_versions: None,
            }),
            ..LifecycleRule::new(Status::Enabled)
        });
    }
    LifecycleConfiguration::new(rules)
}

/// Adds the replication role and returns the bucket's replication configuration.
fn lower_replication(
    unit: &mut UnitTemplate<'_>,
    replication: &ReplicationPlan,
) -> ReplicationConfiguration {
    let ReplicationPlan {
        role: role_rid,
        policy: policy_rid,
        role_statements,
        replicate_kms_encrypted,
        rules,
    } = replication;
    // The role's statements name the bucket and the bucket names the role: with the statements
    // inline that is a dependency cycle, so they go in a policy of their own that waits for both.
    let replication_role = role(&unit.values, role_rid, RolePurpose::BucketReplication, &[]);
    unit.add(role_rid, Resource::new(replication_role));
    let policy_document = document(&unit.values, role_statements);
    unit.add(
        policy_rid,
        Resource::new(Policy {
            policy_name: Value::from(policy_rid.logical.as_str()),
            policy_document,
            roles: vec![reference(role_rid)],
            users: Vec::new(),
            groups: Vec::new(),
        }),
    );
    ReplicationConfiguration {
        role: arn_of(role_rid),
        rules: rules
            .iter()
            .map(|rule| replication_rule(unit, rule, *replicate_kms_encrypted))
            .collect(),
    }
}

fn replication_rule(
    unit: &UnitTemplate<'_>,
    rule: &ReplicationRulePlan,
    replicate_kms_encrypted: bool,
) -> ReplicationRule {
    let ReplicationRulePlan {
        id,
        priority,
        destination: _,
        destination_region: _,
        destination_arn,
        destination_name: _,
        storage_class,
        replica_kms_key,
        time_control,
        time_control_minutes,
        metrics,
        delete_markers,
    } = rule;
    let switch = |on: bool| {
        if on {
            Status::Enabled
        } else {
            Status::Disabled
        }
    };
    let threshold = || ReplicationTimeValue {
        minutes: i64::from(*time_control_minutes).into(),
    };
    ReplicationRule {
        id: Some(Value::from(id.as_str())),
        prefix: None,
        status: Status::Enabled,
        priority: Some(i64::from(*priority).into()),
        // The current rule schema (with priorities) needs a filter; an empty prefix is every
        // object.
        filter: Some(ReplicationRuleFilter {
            prefix: Some(Value::from("")),
            ..ReplicationRuleFilter::default()
        }),
        delete_marker_replication: Some(DeleteMarkerReplication {
            status: Some(switch(*delete_markers)),
        }),
        // S3 skips SSE-KMS objects unless the rule opts in.
        source_selection_criteria: replicate_kms_encrypted.then_some(SourceSelectionCriteria {
            sse_kms_encrypted_objects: Some(StatusSwitch {
                status: Status::Enabled,
            }),
            replica_modifications: None,
        }),
        destination: ReplicationDestination {
            bucket: unit.values.text(destination_arn),
            storage_class: storage_class.as_deref().map(storage_class_of),
            account: None,
            access_control_translation: None,
            encryption_configuration: Some(ReplicaEncryptionConfiguration {
                replica_kms_key_id: unit.values.text(replica_kms_key),
            }),
            replication_time: time_control.then(|| ReplicationTime {
                status: Status::Enabled,
                time: threshold(),
            }),
            metrics: metrics.then(|| ReplicationMetrics {
                status: Status::Enabled,
                // Replication Time Control requires the missed-threshold event at its threshold.
                event_threshold: time_control.then(threshold),
            }),
        },
    }
}

fn storage_class_of(storage_class: &str) -> StorageClass {
    match storage_class {
        "STANDARD" => StorageClass::Standard,
        "STANDARD_IA" => StorageClass::StandardIa,
        "ONEZONE_IA" => StorageClass::OnezoneIa,
        "INTELLIGENT_TIERING" => StorageClass::IntelligentTiering,
        "GLACIER_IR" => StorageClass::GlacierIr,
        "GLACIER" => StorageClass::Glacier,
        "DEEP_ARCHIVE" => StorageClass::DeepArchive,
        "REDUCED_REDUNDANCY" => StorageClass::ReducedRedundancy,
        other => panic!("invariant: the plan's storage class `{other}` is an S3 storage class"),
    }
}
