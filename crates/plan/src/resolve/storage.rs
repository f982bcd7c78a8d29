//! Storage units: each region's data key and buckets, replication between buckets, and the
//! order storage units deploy in (replication destinations before their sources).

use meridian_model::codes;
use std::collections::{BTreeMap, BTreeSet};

use meridian_model::{Diagnostic, StackPath};

use super::Resolver;
use super::regions::ResolvedRegion;
use crate::defaults;
use crate::iam::KeyGrant;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, EntityName, pascal};
use crate::suggest_list;
use crate::types::{
    BucketEncryption, BucketPlan, BucketPurpose, EntityKind, KeyPlan, LifecycleAction,
    LifecycleRulePlan, ObjectLockMode, ObjectLockPlan, RegionRole, ReplicationPlan,
    ReplicationRulePlan, Statement, StorageClass, StoragePlan,
};
use crate::value::{Attr, AttrRef, Part, Text};

/// A replication target slower than S3 Replication Time Control, watched by an alarm in the
/// source region.
#[derive(Debug, Clone)]
pub(crate) struct ReplicationWatch {
    pub source_region: String,
    pub source_bucket: EntityName,
    pub source_name: Text,
    pub destination: EntityName,
    pub destination_name: Text,
    pub rule_id: String,
    pub seconds: u32,
    pub path: StackPath,
}

impl Resolver<'_> {
    pub(crate) fn resolve_storage(&mut self, regions: &[ResolvedRegion<'_>]) -> Vec<StoragePlan> {
        let mut plans: Vec<StoragePlan> = regions
            .iter()
            .map(|region| {
                let unit = UnitId::Storage(region.code.clone());
                let data_key = KeyPlan {
                    rid: self.rid(&unit, "DataKey", &region.path),
                    alias_rid: self.rid(&unit, "DataKeyAlias", &region.path),
                    alias: self.names.key_alias("data"),
                    description: format!(
                        "Encrypts data at rest of {} in {}: buckets, database, secrets, logs",
                        self.stack.stack, region.code
                    ),
                    policy: crate::iam::key_policy(&region.code, &[KeyGrant::CloudWatchLogs]),
                    rotation: defaults::KEY_ROTATION,
                    retain: defaults::RETAIN_KEYS,
                };
                self.export(
                    &unit,
                    "DataKeyArn",
                    "ARN of the region's KMS key for data at rest",
                    Text::attr(&data_key.rid, Attr::KeyArn),
                );
                self.facts
                    .data_keys
                    .insert(region.code.clone(), data_key.rid.clone());
                StoragePlan {
                    unit,
                    data_key,
                    buckets: Vec::new(),
                }
            })
            .collect();
        self.resolve_buckets(&mut plans);
        plans
    }

    fn resolve_buckets(&mut self, plans: &mut [StoragePlan]) {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut physical: BTreeMap<String, StackPath> = BTreeMap::new();
        // First pass: every bucket's identity, so replication rules can refer to any of them.
        for (index, bucket) in stack.buckets.iter().enumerate() {
            let path = StackPath::root().key("buckets").index(index);
            if !super::is_entity_name(&bucket.name, 40) {
                self.report(
                    Diagnostic::new(
                        codes::E501,
                        path.key("name"),
                        format!("`{}` is not a valid bucket entity name: lowercase letters, digits and single hyphens, starting with a letter, at most 40 characters", bucket.name),
                    )
                    .with_help(format!("the name is used in IDs and in the default bucket name{}", super::entity_name_example(&bucket.name, 40))),
                );
            }
            if !self.claim_name(
                &mut names,
                &bucket.name,
                &path,
                codes::E502,
                "bucket",
                "give each bucket its own name",
            ) {
                continue;
            }
            let explicit_path = path.key("bucket_name");
            if let Some(explicit) = &bucket.bucket_name
                && let Some(explicit) = self.literal(&explicit_path, explicit, "a bucket name")
            {
                if let Some(problem) = s3_bucket_name_problem(&explicit) {
                    self.report(
                        Diagnostic::new(codes::E503, explicit_path.clone(), format!("`{explicit}` is not a valid S3 bucket name: {problem}"))
                            .with_help(format!(
                                "S3 bucket names have 3 to 63 lowercase letters, digits and hyphens, and start and end with a letter or digit{}",
                                super::entity_name_example(&explicit, 63)
                            )),
                    );
                }
                if let Some(first) = physical.get(&explicit) {
                    self.report(
                        Diagnostic::new(codes::E504, explicit_path.clone(), format!("the bucket name `{explicit}` is used twice; S3 bucket names are globally unique"))
                            .with_help("give each bucket its own `bucket_name` (the default includes the region and account)")
                            .with_related(first.clone(), "the other bucket with this name"),
                    );
                } else {
                    physical.insert(explicit, explicit_path);
                }
            }
            let unit = UnitId::Storage(bucket.region.clone());
            let entity = self.entity(EntityKind::Bucket, &bucket.name);
            let rid = self.entity_rid(&unit, &entity, |base| format!("{base}Bucket"), &path);
            self.facts
                .buckets
                .insert(bucket.name.clone(), (bucket.region.clone(), rid));
        }
        // Second pass: settings and replication.
        let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
        let mut watches = Vec::new();
        for (index, bucket) in stack.buckets.iter().enumerate() {
            let path = StackPath::root().key("buckets").index(index);
            let Some(plan_index) = plans
                .iter()
                .position(|plan| plan.unit == UnitId::Storage(bucket.region.clone()))
            else {
                continue;
            };
            if names.get(bucket.name.as_str()) != Some(&path) {
                continue;
            }
            let unit = plans[plan_index].unit.clone();
            let versioning = bucket.versioning.unwrap_or(defaults::VERSIONING);
            let object_lock = self.resolve_object_lock(&path, bucket, versioning);
            // A renamed bucket keeps its former name in IDs and physical names (naming.rs).
            let entity = self.entity(EntityKind::Bucket, &bucket.name);
            let rid = self.entity_rid(&unit, &entity, |base| format!("{base}Bucket"), &path);
            let bucket_name = self.bucket_name(bucket);
            let replication = self.resolve_replication(
                &unit,
                &path,
                bucket,
                &rid,
                &bucket_name,
                versioning,
                object_lock.is_some(),
                &mut edges,
                &mut watches,
            );
            let key = self.facts.data_keys.get(&bucket.region).cloned();
            let encryption = BucketEncryption::Kms {
                key: key.map_or_else(|| Text::lit(""), |key| Text::attr(&key, Attr::KeyArn)),
                bucket_key: defaults::BUCKET_KEYS,
            };
            let replication = replication.map(|replication| ReplicationPlan {
                replicate_kms_encrypted: matches!(encryption, BucketEncryption::Kms { .. }),
                ..replication
            });
            let policy_rid =
                self.entity_rid(&unit, &entity, |base| format!("{base}BucketPolicy"), &path);
            let plan = BucketPlan {
                name: bucket.name.clone(),
                policy_statements: vec![deny_insecure_transport(&rid)],
                rid,
                policy_rid,
                bucket_name,
                purpose: BucketPurpose::Data,
                versioning,
                encryption,
                object_lock,
                replication,
                public_access_block: defaults::PUBLIC_ACCESS_BLOCK,
                object_ownership: defaults::OBJECT_OWNERSHIP,
                lifecycle_rules: lifecycle_rules(None),
                retain: defaults::RETAIN_BUCKETS,
            };
            let output = format!("{}BucketName", pascal(&entity.identity));
            self.export(
                &unit,
                &output,
                &format!("Name of the {} bucket", entity.identity),
                Text::attr(&plan.rid, Attr::BucketName),
            );
            plans[plan_index].buckets.push(plan);
        }
        self.replication_watches = watches;
        self.order_storage_units(plans, &edges);
    }

    fn resolve_object_lock(
        &mut self,
        path: &StackPath,
        bucket: &meridian_model::Bucket,
        versioning: bool,
    ) -> Option<ObjectLockPlan> {
        let lock = bucket.object_lock.as_ref()?;
        if !lock.enabled.unwrap_or(true) {
            return None;
        }
        let lock_path = path.key("object_lock");
        if !(1..=36_500).contains(&lock.retention_days) {
            self.report(
                Diagnostic::new(
                    codes::E506,
                    lock_path.key("retention_days"),
                    format!(
                        "Object Lock retention of {} days is outside 1 to 36500 days",
                        lock.retention_days
                    ),
                )
                .with_help("seven years, as PCI-DSS asks for audit logs, is 2555 days"),
            );
        }
        if !versioning {
            self.report(
                Diagnostic::new(
                    codes::E505,
                    path.key("versioning"),
                    "Object Lock needs versioning, but `versioning: false` turns it off",
                )
                .with_help(
                    "remove `versioning: false`; S3 refuses Object Lock on an unversioned bucket",
                ),
            );
        }
        Some(ObjectLockPlan {
            mode: match lock.mode {
                meridian_model::ObjectLockMode::Compliance => ObjectLockMode::Compliance,
                meridian_model::ObjectLockMode::Governance => ObjectLockMode::Governance,
            },
            days: lock.retention_days,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn resolve_replication(
        &mut self,
        unit: &UnitId,
        path: &StackPath,
        bucket: &meridian_model::Bucket,
        source: &Rid,
        source_name: &Text,
        versioning: bool,
        source_locked: bool,
        edges: &mut BTreeSet<(String, String)>,
        watches: &mut Vec<ReplicationWatch>,
    ) -> Option<ReplicationPlan> {
        if bucket.replication.is_empty() {
            return None;
        }
        let stack = self.stack;
        // A locked bucket without versioning was already reported on the same key (E505).
        if !versioning && !source_locked {
            self.report(
                Diagnostic::new(codes::E505, path.key("versioning"), "replication needs versioning on the source bucket, but `versioning: false` turns it off")
                    .with_help("remove `versioning: false`; S3 replicates object versions"),
            );
        }
        let mut rules = Vec::new();
        let mut destinations_seen = BTreeSet::new();
        let mut destination_arns = Vec::new();
        let mut destination_keys = Vec::new();
        for (rule_index, rule) in bucket.replication.iter().enumerate() {
            let rule_path = path.key("replication").index(rule_index);
            let Some(destination) = stack
                .buckets
                .iter()
                .find(|other| other.name == rule.destination)
            else {
                let help = match suggest_list(
                    &rule.destination,
                    stack.buckets.iter().map(|b| b.name.as_str()),
                ) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => format!(
                        "the buckets of this stack are {}; or declare the destination under `buckets:` with its region",
                        stack
                            .buckets
                            .iter()
                            .map(|b| format!("`{}`", b.name))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.report(
                    Diagnostic::new(
                        codes::E507,
                        rule_path.key("destination"),
                        format!(
                            "the replication destination `{}` is not a bucket of this stack",
                            rule.destination
                        ),
                    )
                    .with_help(help),
                );
                continue;
            };
            if destination.name == bucket.name {
                self.report(
                    Diagnostic::new(
                        codes::E508,
                        rule_path.key("destination"),
                        "a bucket cannot replicate to itself",
                    )
                    .with_help("name another bucket as the destination"),
                );
                continue;
            }
            if !destinations_seen.insert(destination.name.clone()) {
                self.report(
                    Diagnostic::new(
                        codes::E508,
                        rule_path.key("destination"),
                        format!("`{}` is a destination twice", destination.name),
                    )
                    .with_help("keep one rule per destination"),
                );
                continue;
            }
            let destination_path = stack
                .buckets
                .iter()
                .position(|other| other.name == destination.name)
                .map(|position| StackPath::root().key("buckets").index(position))
                .unwrap_or_default();
            if !destination.versioning.unwrap_or(defaults::VERSIONING) {
                self.report(
                    Diagnostic::new(codes::E505, rule_path.key("destination"), format!("the destination `{}` has versioning turned off; S3 replication needs it on both sides", destination.name))
                        .with_help("remove `versioning: false` from the destination bucket")
                        .with_related(destination_path.key("versioning"), "versioning is turned off here"),
                );
            }
            let destination_locked = destination
                .object_lock
                .as_ref()
                .is_some_and(|lock| lock.enabled.unwrap_or(true));
            if source_locked && !destination_locked {
                self.report(
                    Diagnostic::new(
                        codes::E509,
                        rule_path.key("destination"),
                        format!("`{}` has Object Lock but its destination `{}` does not; S3 replicates locked objects only to buckets with Object Lock", bucket.name, destination.name),
                    )
                    .with_help("give the destination an `object_lock` block with the same or a longer retention")
                    .with_related(destination_path, "the destination bucket"),
                );
            }
            let (time_control, watch_seconds) =
                self.resolve_replication_time(&rule_path, rule, &bucket.region);
            // A renamed destination keeps its former name in the rule ID and outputs, like its
            // resources.
            let source_entity = self.entity(EntityKind::Bucket, &bucket.name);
            let destination_entity = self.entity(EntityKind::Bucket, &destination.name);
            let destination_identity = destination_entity.identity.clone();
            let rule_id = format!("to-{destination_identity}");
            let destination_unit = UnitId::Storage(destination.region.clone());
            let destination_rid = naming::entity_rid(
                &destination_entity,
                |base| format!("{base}Bucket"),
                &destination_unit,
            )
            .0;
            let output_prefix = pascal(&destination_identity);
            let destination_arn = self.value_from(
                unit,
                &destination_unit,
                &format!("{output_prefix}BucketArn"),
                &format!("ARN of the {destination_identity} bucket"),
                AttrRef {
                    resource: destination_rid.clone(),
                    attr: Attr::BucketArn,
                },
            );
            // Bucket names are known before deployment, so the name needs no import (the ARN
            // above already orders the destination's stack first).
            let destination_name = self.bucket_name(destination);
            let replica_kms_key = self.data_key_arn(unit, &destination.region);
            if destination.region != bucket.region {
                edges.insert((bucket.region.clone(), destination.region.clone()));
            }
            if let Some(seconds) = watch_seconds {
                watches.push(ReplicationWatch {
                    source_region: bucket.region.clone(),
                    source_bucket: source_entity,
                    source_name: source_name.clone(),
                    destination: destination_entity,
                    destination_name: destination_name.clone(),
                    rule_id: rule_id.clone(),
                    seconds,
                    path: rule_path.key("replication_time"),
                });
            }
            destination_arns.push(destination_arn.clone());
            destination_keys.push(replica_kms_key.clone());
            rules.push(ReplicationRulePlan {
                id: rule_id,
                priority: u32::try_from(rule_index + 1).unwrap_or(u32::MAX),
                prefix: defaults::REPLICATED_PREFIX.to_owned(),
                destination: destination.name.clone(),
                destination_region: destination.region.clone(),
                destination_arn,
                destination_name,
                storage_class: rule.storage_class.map(storage_class),
                replica_kms_key,
                time_control,
                time_control_minutes: defaults::RTC_MINUTES,
                metrics: time_control || watch_seconds.is_some(),
                delete_markers: rule
                    .delete_markers
                    .unwrap_or(defaults::REPLICATE_DELETE_MARKERS),
            });
        }
        let source_arn = Text::attr(source, Attr::BucketArn);
        let source_key = self
            .facts
            .data_keys
            .get(&bucket.region)
            .map_or_else(|| Text::lit(""), |key| Text::attr(key, Attr::KeyArn));
        let role_statements = vec![
            Statement {
                sid: "ReadSourceConfiguration".to_owned(),
                allow: true,
                principal: None,
                actions: vec![
                    "s3:GetReplicationConfiguration".to_owned(),
                    "s3:ListBucket".to_owned(),
                ],
                resources: vec![source_arn.clone()],
                conditions: Vec::new(),
            },
            Statement {
                sid: "ReadSourceObjects".to_owned(),
                allow: true,
                principal: None,
                actions: vec![
                    "s3:GetObjectLegalHold".to_owned(),
                    "s3:GetObjectRetention".to_owned(),
                    "s3:GetObjectVersionAcl".to_owned(),
                    "s3:GetObjectVersionForReplication".to_owned(),
                    "s3:GetObjectVersionTagging".to_owned(),
                ],
                resources: vec![source_arn.with_suffix("/*")],
                conditions: Vec::new(),
            },
            Statement {
                sid: "WriteReplicas".to_owned(),
                allow: true,
                principal: None,
                actions: vec![
                    "s3:ObjectOwnerOverrideToBucketOwner".to_owned(),
                    "s3:ReplicateDelete".to_owned(),
                    "s3:ReplicateObject".to_owned(),
                    "s3:ReplicateTags".to_owned(),
                ],
                resources: destination_arns
                    .iter()
                    .map(|arn| arn.with_suffix("/*"))
                    .collect(),
                conditions: Vec::new(),
            },
            Statement {
                sid: "DecryptSource".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["kms:Decrypt".to_owned()],
                resources: vec![source_key],
                conditions: Vec::new(),
            },
            Statement {
                sid: "EncryptReplicas".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["kms:Encrypt".to_owned(), "kms:GenerateDataKey".to_owned()],
                resources: destination_keys,
                conditions: Vec::new(),
            },
        ];
        let entity = self.entity(EntityKind::Bucket, &bucket.name);
        let policy = self.entity_rid(
            unit,
            &entity,
            |base| format!("{base}ReplicationPolicy"),
            path,
        );
        Some(ReplicationPlan {
            role: self.entity_rid(unit, &entity, |base| format!("{base}ReplicationRole"), path),
            policy_name: naming::inline_policy_name(&policy),
            policy,
            role_statements,
            // Set once the bucket's encryption is known.
            replicate_kms_encrypted: false,
            rules,
        })
    }

    /// The physical name of a declared bucket: the explicit `bucket_name`, or the default with
    /// the account ID in it.
    fn bucket_name(&self, bucket: &meridian_model::Bucket) -> Text {
        match &bucket.bucket_name {
            Some(explicit) => Text::lit(explicit.clone()),
            None => {
                let identity = self.entity(EntityKind::Bucket, &bucket.name).identity;
                let (head, tail) = self.names.default_bucket(&identity, &bucket.region);
                Text::from_parts(vec![Part::Lit(head), Part::AccountId, Part::Lit(tail)])
            }
        }
    }

    /// Returns (Replication Time Control on, seconds of a slower target to watch).
    fn resolve_replication_time(
        &mut self,
        rule_path: &StackPath,
        rule: &meridian_model::ReplicationRule,
        source_region: &str,
    ) -> (bool, Option<u32>) {
        let Some(time) = &rule.replication_time else {
            return (false, None);
        };
        let time_path = rule_path.key("replication_time");
        let minutes = match (time.minutes, time.hours) {
            (Some(minutes), None) => minutes,
            (None, Some(hours)) => hours.saturating_mul(60),
            _ => {
                self.report(
                    Diagnostic::new(codes::E510, time_path, "give the replication time in exactly one unit: `minutes` or `hours`")
                        .with_help("write `{minutes: 15}` for S3 Replication Time Control or e.g. `{hours: 24}`"),
                );
                return (false, None);
            }
        };
        if minutes < defaults::RTC_MINUTES {
            self.report(
                Diagnostic::new(
                    codes::E511,
                    time_path,
                    format!("a replication time of {minutes} minutes cannot be met: S3 Replication Time Control guarantees 15 minutes, nothing faster"),
                )
                .with_help("use `{minutes: 15}`"),
            );
            return (false, None);
        }
        if minutes == defaults::RTC_MINUTES {
            return (true, None);
        }
        let source_is_storage_only = !self
            .facts
            .service_regions
            .iter()
            .any(|(region, role)| region == source_region && *role != RegionRole::StorageOnly);
        if source_is_storage_only {
            self.report(
                Diagnostic::new(
                    codes::E513,
                    time_path,
                    format!("a replication target slower than 15 minutes becomes an alarm in the source region, but `{source_region}` runs no service and has no alarm topics"),
                )
                .with_help("use `{minutes: 15}` (Replication Time Control), or drop the target"),
            );
            return (false, None);
        }
        (false, Some(minutes.saturating_mul(60)))
    }

    /// Orders storage units so that every replication destination deploys before its source.
    fn order_storage_units(
        &mut self,
        plans: &mut [StoragePlan],
        edges: &BTreeSet<(String, String)>,
    ) {
        let regions: Vec<String> = plans
            .iter()
            .filter_map(|plan| plan.unit.region().map(str::to_owned))
            .collect();
        let mut order: Vec<String> = Vec::new();
        let mut remaining: Vec<String> = regions.clone();
        while !remaining.is_empty() {
            let ready = remaining.iter().position(|region| {
                edges
                    .iter()
                    .filter(|(source, _)| source == region)
                    .all(|(_, destination)| {
                        order.contains(destination) || !regions.contains(destination)
                    })
            });
            match ready {
                Some(position) => order.push(remaining.remove(position)),
                None => {
                    let cycle = remaining.join(", ");
                    self.report(
                        Diagnostic::new(
                            codes::E512,
                            StackPath::root().key("buckets"),
                            format!("bucket replication runs in a circle between the regions {cycle}, so no storage stack can deploy first"),
                        )
                        .with_help("replicate in one direction between two regions (a bucket per direction in separate regions still forms a circle)"),
                    );
                    order.append(&mut remaining);
                }
            }
        }
        self.storage_order = order;
    }
}

/// The statement every bucket policy starts with: no request without TLS.
pub(crate) fn deny_insecure_transport(bucket: &Rid) -> Statement {
    let arn = Text::attr(bucket, Attr::BucketArn);
    crate::iam::deny_insecure_transport("s3:*", vec![arn.clone(), arn.with_suffix("/*")])
}

fn storage_class(class: meridian_model::StorageClass) -> StorageClass {
    use meridian_model::StorageClass as Model;
    match class {
        Model::Standard => StorageClass::Standard,
        Model::StandardIa => StorageClass::StandardIa,
        Model::OnezoneIa => StorageClass::OnezoneIa,
        Model::IntelligentTiering => StorageClass::IntelligentTiering,
        Model::Glacier => StorageClass::Glacier,
        Model::GlacierIr => StorageClass::GlacierIr,
        Model::DeepArchive => StorageClass::DeepArchive,
    }
}

/// A bucket's lifecycle: abandoned multipart uploads are aborted; log buckets also expire
/// objects (and the versions expiring hides) after `expiration_days`.
pub(crate) fn lifecycle_rules(expiration_days: Option<u32>) -> Vec<LifecycleRulePlan> {
    let abort = defaults::ABORT_INCOMPLETE_UPLOADS_DAYS;
    let mut rules = vec![LifecycleRulePlan {
        id: naming::abort_uploads_rule_id(),
        action: LifecycleAction::AbortIncompleteUploads { days: abort },
    }];
    if let Some(days) = expiration_days {
        rules.push(LifecycleRulePlan {
            id: naming::expiration_rule_id(days),
            action: LifecycleAction::Expire { days },
        });
    }
    rules
}

/// Why `name` is not a valid S3 bucket name, if it is not.
pub(crate) fn s3_bucket_name_problem(name: &str) -> Option<&'static str> {
    if !(3..=63).contains(&name.len()) {
        return Some("it must have 3 to 63 characters");
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
    {
        return Some("only lowercase letters, digits, hyphens and dots are allowed");
    }
    if name.contains('.') {
        return Some(
            "dots break TLS for virtual-hosted requests and S3 Transfer Acceleration; Meridian refuses them",
        );
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !name.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Some("it must start and end with a letter or digit");
    }
    if name.starts_with("xn--") || name.starts_with("sthree-") || name.starts_with("amzn-s3-demo-")
    {
        return Some("the prefixes `xn--`, `sthree-` and `amzn-s3-demo-` are reserved");
    }
    if name.ends_with("-s3alias")
        || name.ends_with("--ol-s3")
        || name.ends_with("--x-s3")
        || name.ends_with(".mrap")
    {
        return Some("the suffixes `-s3alias`, `--ol-s3`, `--x-s3` and `.mrap` are reserved");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_names() {
        assert_eq!(s3_bucket_name_problem("rail-audit-logs-us-east-1"), None);
        assert!(s3_bucket_name_problem("Rail").is_some());
        assert!(s3_bucket_name_problem("ab").is_some());
        assert!(s3_bucket_name_problem("-abc").is_some());
        assert!(s3_bucket_name_problem("a.b.c").is_some());
        assert!(s3_bucket_name_problem("xn--abc").is_some());
    }
}
