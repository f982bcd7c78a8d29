//! S3 buckets as the provider's split resources: `aws_s3_bucket` and one `aws_s3_bucket_*` per concern
//! (versioning, encryption, public access block, ownership, Object Lock, lifecycle, policy, replication), all
//! under the bucket's Terraform name. One CloudFormation `AWS::S3::Bucket` corresponds to the group. It
//! translates [`BucketPlan`]; which buckets exist and how they are configured is the plan's decision.

use meridian_plan::{
    BucketEncryption, BucketPlan, LifecycleAction, LifecycleRulePlan, ObjectLockPlan,
    PublicAccessBlock, ReplicationPlan, ReplicationRulePlan, RolePurpose,
};

use super::values::single_attribute;
use super::{Lowered, Lowerer, depends_on, prevent_destroy, region_argument};
use crate::l1::{
    Address, IamRolePolicy, MetaArguments, ResourceRef, S3Bucket, S3BucketLifecycleConfiguration,
    S3BucketObjectLockConfiguration, S3BucketObjectLockConfigurationRule,
    S3BucketObjectLockConfigurationRuleDefaultRetention, S3BucketOwnershipControls,
    S3BucketOwnershipControlsRule, S3BucketPolicy, S3BucketPublicAccessBlock,
    S3BucketReplicationConfiguration, S3BucketServerSideEncryptionConfiguration,
    S3BucketServerSideEncryptionConfigurationRule,
    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault,
    S3BucketVersioning, S3BucketVersioningVersioningConfiguration, S3LifecycleRule,
    S3LifecycleRuleExpiration, S3LifecycleRuleFilter, S3LifecycleRuleNoncurrentVersionExpiration,
    S3ReplicationRule, S3ReplicationRuleDeleteMarkerReplication, S3ReplicationRuleDestination,
    S3ReplicationRuleDestinationEncryptionConfiguration, S3ReplicationRuleDestinationMetrics,
    S3ReplicationRuleDestinationMetricsEventThreshold, S3ReplicationRuleDestinationReplicationTime,
    S3ReplicationRuleDestinationReplicationTimeTime, S3ReplicationRuleFilter,
    S3ReplicationRuleSourceSelectionCriteria,
    S3ReplicationRuleSourceSelectionCriteriaSseKmsEncryptedObjects,
};

/// S3's spelling of a switch.
fn enabled(on: bool) -> &'static str {
    if on { "Enabled" } else { "Disabled" }
}

/// One lifecycle rule of the plan; it applies to every object (an empty filter).
fn lifecycle_rule(rule: &LifecycleRulePlan) -> S3LifecycleRule {
    let LifecycleRulePlan { id, action } = rule;
    let rule = S3LifecycleRule {
        filter: Some(S3LifecycleRuleFilter::default()),
        ..S3LifecycleRule::new(id.as_str(), enabled(true))
    };
    match *action {
        LifecycleAction::AbortIncompleteUploads { days } => S3LifecycleRule {
            abort_incomplete_multipart_upload: Some(
                crate::l1::S3LifecycleRuleAbortIncompleteMultipartUpload {
                    days_after_initiation: Some(days.into()),
                },
            ),
            ..rule
        },
        LifecycleAction::Expire { days } => S3LifecycleRule {
            expiration: Some(S3LifecycleRuleExpiration {
                days: Some(days.into()),
                ..S3LifecycleRuleExpiration::default()
            }),
            noncurrent_version_expiration: Some(S3LifecycleRuleNoncurrentVersionExpiration::new(
                days,
            )),
            ..rule
        },
    }
}

impl Lowerer<'_> {
    /// A bucket in `region` with its configuration resources.
    pub(super) fn lower_bucket(&mut self, bucket: &BucketPlan, region: &str) -> Lowered {
        let BucketPlan {
            // The entity name; Terraform needs only the bucket's own name below.
            name: _,
            rid,
            policy_rid,
            bucket_name,
            // Every purpose is lowered the same way; the plan already chose encryption, expiration and
            // policy statements by purpose.
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
        let name = rid.tf.as_str();
        let handle = self.add_with(
            name,
            S3Bucket {
                bucket: Some(self.value(bucket_name)),
                object_lock_enabled: object_lock.is_some().then(|| true.into()),
                region: region_argument(region),
                ..S3Bucket::default()
            },
            MetaArguments {
                lifecycle: retain.then(prevent_destroy),
                ..MetaArguments::default()
            },
        )?;
        if *versioning {
            self.add(
                name,
                S3BucketVersioning {
                    region: region_argument(region),
                    ..S3BucketVersioning::new(
                        handle.id(),
                        S3BucketVersioningVersioningConfiguration::new(enabled(*versioning)),
                    )
                },
            )?;
        }
        let algorithm = encryption.algorithm().as_str();
        let default_encryption = match encryption {
            BucketEncryption::Kms { key, bucket_key } => S3BucketServerSideEncryptionConfigurationRule {
                apply_server_side_encryption_by_default: Some(
                    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault {
                        kms_master_key_id: Some(self.value(key)),
                        ..S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault::new(algorithm)
                    },
                ),
                bucket_key_enabled: Some((*bucket_key).into()),
                ..S3BucketServerSideEncryptionConfigurationRule::default()
            },
            BucketEncryption::S3Managed => S3BucketServerSideEncryptionConfigurationRule {
                apply_server_side_encryption_by_default: Some(
                    S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault::new(
                        algorithm,
                    ),
                ),
                ..S3BucketServerSideEncryptionConfigurationRule::default()
            },
        };
        self.add(
            name,
            S3BucketServerSideEncryptionConfiguration {
                region: region_argument(region),
                ..S3BucketServerSideEncryptionConfiguration::new(
                    handle.id(),
                    vec![default_encryption],
                )
            },
        )?;
        let public_access_block = self.add(
            name,
            S3BucketPublicAccessBlock {
                block_public_acls: Some((*block_public_acls).into()),
                block_public_policy: Some((*block_public_policy).into()),
                ignore_public_acls: Some((*ignore_public_acls).into()),
                restrict_public_buckets: Some((*restrict_public_buckets).into()),
                region: region_argument(region),
                ..S3BucketPublicAccessBlock::new(handle.id())
            },
        )?;
        self.add(
            name,
            S3BucketOwnershipControls {
                region: region_argument(region),
                ..S3BucketOwnershipControls::new(
                    handle.id(),
                    S3BucketOwnershipControlsRule::new(object_ownership.as_str()),
                )
            },
        )?;
        if let Some(ObjectLockPlan { mode, days }) = object_lock {
            self.add(
                name,
                S3BucketObjectLockConfiguration {
                    region: region_argument(region),
                    rule: Some(S3BucketObjectLockConfigurationRule::new(
                        S3BucketObjectLockConfigurationRuleDefaultRetention {
                            days: Some((*days).into()),
                            mode: Some(mode.as_str().into()),
                            ..S3BucketObjectLockConfigurationRuleDefaultRetention::default()
                        },
                    )),
                    ..S3BucketObjectLockConfiguration::new(handle.id())
                },
            )?;
        }
        let lifecycle_rules = lifecycle_rules.iter().map(lifecycle_rule).collect();
        self.add(
            name,
            S3BucketLifecycleConfiguration {
                region: region_argument(region),
                rule: lifecycle_rules,
                ..S3BucketLifecycleConfiguration::new(handle.id())
            },
        )?;
        // S3 refuses a policy while the public access block is being changed, so the policy waits for it.
        self.add_with(
            &policy_rid.tf,
            S3BucketPolicy {
                region: region_argument(region),
                ..S3BucketPolicy::new(handle.id(), self.policy_document(policy_statements))
            },
            depends_on(vec![public_access_block.terraform_address()]),
        )?;
        if let Some(replication) = replication {
            self.lower_replication(name, region, *versioning, replication)?;
        }
        Ok(())
    }

    /// The replication role, its policy, and the replication configuration of bucket `name`.
    fn lower_replication(
        &mut self,
        name: &str,
        region: &str,
        source_versioning: bool,
        replication: &ReplicationPlan,
    ) -> Lowered {
        let ReplicationPlan {
            role,
            policy,
            // Terraform lets the provider name a role's inline policy.
            policy_name: _,
            role_statements,
            replicate_kms_encrypted,
            rules,
        } = replication;
        let (role_handle, _) = self.purpose_role(&role.tf, RolePurpose::BucketReplication)?;
        self.add(
            &policy.tf,
            IamRolePolicy::new(self.policy_document(role_statements), role_handle.id()),
        )?;
        // Replication needs versioning on the source and on every destination before it is configured.
        let mut versioning: Vec<Address> = Vec::new();
        if source_versioning {
            versioning.push(ResourceRef::<S3BucketVersioning>::planned(name).terraform_address());
        }
        let mut lowered_rules = Vec::new();
        for rule in rules {
            let ReplicationRulePlan {
                id,
                priority,
                prefix,
                // The destination's entity name and region are implied by its ARN.
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
            if let Some(destination) = single_attribute(destination_arn)
                && self
                    .buckets
                    .get(&destination.resource.tf)
                    .is_some_and(|facts| facts.versioning)
            {
                let address = ResourceRef::<S3BucketVersioning>::planned(&destination.resource.tf)
                    .terraform_address();
                if !versioning.contains(&address) {
                    versioning.push(address);
                }
            }
            let metrics_block = metrics.then(|| S3ReplicationRuleDestinationMetrics {
                event_threshold: time_control.then(|| {
                    S3ReplicationRuleDestinationMetricsEventThreshold::new(*time_control_minutes)
                }),
                ..S3ReplicationRuleDestinationMetrics::new(enabled(*metrics))
            });
            lowered_rules.push(S3ReplicationRule {
                id: Some(id.into()),
                priority: Some((*priority).into()),
                filter: Some(S3ReplicationRuleFilter {
                    prefix: Some(prefix.into()),
                    ..S3ReplicationRuleFilter::default()
                }),
                delete_marker_replication: Some(S3ReplicationRuleDeleteMarkerReplication::new(
                    enabled(*delete_markers),
                )),
                // Objects encrypted with the source's key replicate only when selected explicitly.
                source_selection_criteria: replicate_kms_encrypted.then(|| {
                    S3ReplicationRuleSourceSelectionCriteria {
                        sse_kms_encrypted_objects: Some(
                            S3ReplicationRuleSourceSelectionCriteriaSseKmsEncryptedObjects::new(
                                enabled(*replicate_kms_encrypted),
                            ),
                        ),
                        ..S3ReplicationRuleSourceSelectionCriteria::default()
                    }
                }),
                ..S3ReplicationRule::new(
                    S3ReplicationRuleDestination {
                        storage_class: storage_class.map(|class| class.as_str().into()),
                        encryption_configuration: Some(
                            S3ReplicationRuleDestinationEncryptionConfiguration::new(
                                self.value(replica_kms_key),
                            ),
                        ),
                        replication_time: time_control.then(|| {
                            S3ReplicationRuleDestinationReplicationTime::new(
                                enabled(*time_control),
                                S3ReplicationRuleDestinationReplicationTimeTime::new(
                                    *time_control_minutes,
                                ),
                            )
                        }),
                        metrics: metrics_block,
                        ..S3ReplicationRuleDestination::new(self.value(destination_arn))
                    },
                    // A rule the plan lists replicates.
                    enabled(true),
                )
            });
        }
        self.add_with(
            name,
            S3BucketReplicationConfiguration {
                region: region_argument(region),
                ..S3BucketReplicationConfiguration::new(
                    ResourceRef::<S3Bucket>::planned(name).id(),
                    role_handle.arn(),
                    lowered_rules,
                )
            },
            depends_on(versioning),
        )?;
        Ok(())
    }
}
