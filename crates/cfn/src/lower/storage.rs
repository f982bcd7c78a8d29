//! Storage: a region's data key and S3 buckets (the stack's own, load-balancer access logs, the CDN
//! origin) with versioning, encryption, blocked public access, Object Lock, lifecycle, bucket
//! policies and cross-region replication. It must not choose retention, encryption or destinations.

use meridian_plan::{
    BucketEncryption, BucketPlan, LifecycleAction, LifecycleRulePlan, ObjectLockPlan,
    PublicAccessBlock, ReplicationPlan, ReplicationRulePlan, StoragePlan,
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
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::keys::{lower_key, retained};
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
        public_access_block,
        object_ownership,
        lifecycle_rules,
        retain,
    } = bucket;
    let PublicAccessBlock {
        block_public_acls,
        block_public_policy,
        ignore_public_acls,
        restrict_public_buckets,
    } = public_access_block;
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
            block_public_acls: Some((*block_public_acls).into()),
            block_public_policy: Some((*block_public_policy).into()),
            ignore_public_acls: Some((*ignore_public_acls).into()),
            restrict_public_buckets: Some((*restrict_public_buckets).into()),
        }),
        ownership_controls: Some(OwnershipControls {
            rules: vec![OwnershipControlsRule {
                object_ownership: Some(match object_ownership {
                    meridian_plan::ObjectOwnership::BucketOwnerEnforced => {
                        ObjectOwnership::BucketOwnerEnforced
                    }
                }),
            }],
        }),
        object_lock_enabled: object_lock.as_ref().map(|_| true.into()),
        object_lock_configuration: object_lock.as_ref().map(object_lock_configuration),
        replication_configuration,
        lifecycle_configuration: Some(LifecycleConfiguration::new(
            lifecycle_rules.iter().map(lifecycle_rule).collect(),
        )),
        tags: unit.values.tags(None),
        ..Bucket::default()
    };
    unit.add(rid, retained(Resource::new(properties), *retain));
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
    let algorithm = match encryption.algorithm() {
        meridian_plan::SseAlgorithm::AwsKms => SseAlgorithm::AwsKms,
        meridian_plan::SseAlgorithm::Aes256 => SseAlgorithm::Aes256,
    };
    match encryption {
        BucketEncryption::Kms { key, bucket_key } => ServerSideEncryptionRule {
            server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                sse_algorithm: algorithm,
                kms_master_key_id: Some(unit.values.text(key)),
            }),
            bucket_key_enabled: Some((*bucket_key).into()),
            ..ServerSideEncryptionRule::default()
        },
        BucketEncryption::S3Managed => ServerSideEncryptionRule {
            server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                sse_algorithm: algorithm,
                kms_master_key_id: None,
            }),
            ..ServerSideEncryptionRule::default()
        },
    }
}

fn object_lock_configuration(object_lock: &ObjectLockPlan) -> ObjectLockConfiguration {
    let ObjectLockPlan { mode, days } = object_lock;
    let mode = match mode {
        meridian_plan::ObjectLockMode::Compliance => ObjectLockMode::Compliance,
        meridian_plan::ObjectLockMode::Governance => ObjectLockMode::Governance,
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

/// One lifecycle rule of the plan.
fn lifecycle_rule(rule: &LifecycleRulePlan) -> LifecycleRule {
    let LifecycleRulePlan { id, action } = rule;
    let rule = LifecycleRule {
        id: Some(Value::from(id.as_str())),
        ..LifecycleRule::new(Status::Enabled)
    };
    match *action {
        LifecycleAction::AbortIncompleteUploads { days } => LifecycleRule {
            abort_incomplete_multipart_upload: Some(s3::AbortIncompleteMultipartUpload {
                days_after_initiation: i64::from(days).into(),
            }),
            ..rule
        },
        LifecycleAction::Expire { days } => LifecycleRule {
            expiration_in_days: Some(i64::from(days).into()),
            noncurrent_version_expiration: Some(NoncurrentVersionExpiration {
                noncurrent_days: i64::from(days).into(),
                newer_noncurrent_versions: None,
            }),
            ..rule
        },
    }
}

/// Adds the replication role and returns the bucket's replication configuration.
fn lower_replication(
    unit: &mut UnitTemplate<'_>,
    replication: &ReplicationPlan,
) -> ReplicationConfiguration {
    let ReplicationPlan {
        role: role_rid,
        policy: policy_rid,
        policy_name,
        role_statements,
        replicate_kms_encrypted,
        rules,
    } = replication;
    // The role's statements name the bucket and the bucket names the role: with the statements
    // inline that is a dependency cycle, so they go in a policy of their own that waits for both.
    let replication_role = role(&unit.values, RolePurpose::BucketReplication, None);
    unit.add(role_rid, Resource::new(replication_role));
    let policy_document = document(&unit.values, role_statements);
    unit.add(
        policy_rid,
        Resource::new(Policy {
            policy_name: Value::from(policy_name.as_str()),
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
        prefix,
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
        // The current rule schema (with priorities) needs a filter.
        filter: Some(ReplicationRuleFilter {
            prefix: Some(Value::from(prefix.as_str())),
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
            storage_class: storage_class.map(storage_class_of),
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

fn storage_class_of(storage_class: meridian_plan::StorageClass) -> StorageClass {
    use meridian_plan::StorageClass as Plan;
    match storage_class {
        Plan::Standard => StorageClass::Standard,
        Plan::StandardIa => StorageClass::StandardIa,
        Plan::OnezoneIa => StorageClass::OnezoneIa,
        Plan::IntelligentTiering => StorageClass::IntelligentTiering,
        Plan::GlacierIr => StorageClass::GlacierIr,
        Plan::Glacier => StorageClass::Glacier,
        Plan::DeepArchive => StorageClass::DeepArchive,
    }
}
