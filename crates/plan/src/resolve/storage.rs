//! Storage units: each region's data key and the stack's buckets with their names, encryption,
//! Object Lock, lifecycle and policies (E501 to E506). Replication between buckets is
//! `replication.rs`.

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::defaults;
use crate::iam::KeyGrant;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, pascal};
use crate::types::*;
use crate::value::{Attr, Part, Text};

/// The storage units and what later areas need of them.
#[derive(Debug)]
pub(crate) struct Storage {
    /// Every region's storage unit.
    pub plans: Vec<StoragePlan>,
    /// Bucket entity name → its region and identity (for `${bucket.<name>.…}` references).
    pub buckets: BTreeMap<String, (RegionCode, Rid)>,
    /// Slower replication targets, alarmed in their source region.
    pub watches: Vec<ReplicationWatch>,
    /// The storage units' regions in deploy order.
    pub order: Vec<RegionCode>,
}

/// The data key of `region`'s storage unit.
pub(crate) fn data_key(region: &str) -> Rid {
    naming::rid("DataKey", &UnitId::Storage(region.into()))
}

impl<'a> Resolver<'a> {
    /// Every region's storage unit with its data key, the stack's buckets in them, and their
    /// replication.
    pub(crate) fn resolve_storage(&mut self, regions: &Regions<'_>) -> Storage {
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
                StoragePlan {
                    unit,
                    data_key,
                    buckets: Vec::new(),
                }
            })
            .collect();
        let buckets = self.bucket_identities();
        let graph = self.resolve_buckets(regions, &mut plans);
        let order = self.order_storage_units(&plans, &graph.edges);
        Storage {
            plans,
            buckets,
            watches: graph.watches,
            order,
        }
    }

    /// Every valid bucket's region and identity, so that replication rules and references can
    /// refer to any of them (E501 to E504 on the way).
    fn bucket_identities(&mut self) -> BTreeMap<String, (RegionCode, Rid)> {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut physical: BTreeMap<String, StackPath> = BTreeMap::new();
        let mut identities = BTreeMap::new();
        for (index, bucket) in stack.buckets.iter().enumerate() {
            let path = StackPath::root().key("buckets").index(index);
            if !is_entity_name(&bucket.name, naming::limits::BUCKET_ENTITY_NAME) {
                self.report(
                    Diagnostic::new(
                        codes::E501,
                        path.key("name"),
                        format!("`{}` is not a valid bucket entity name: lowercase letters, digits and single hyphens, starting with a letter, at most {} characters", bucket.name, naming::limits::BUCKET_ENTITY_NAME),
                    )
                    .with_help(format!("the name is used in IDs and in the default bucket name{}", entity_name_example(&bucket.name, naming::limits::BUCKET_ENTITY_NAME))),
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
                                "S3 bucket names have {} lowercase letters, digits and hyphens, and start and end with a letter or digit{}",
                                range_text(&crate::aws::limits::BUCKET_NAME_LENGTH),
                                entity_name_example(&explicit, naming::limits::BUCKET)
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
            let unit = UnitId::Storage(RegionCode::from(&bucket.region));
            let entity = self.entity(EntityKind::Bucket, &bucket.name);
            let rid = self.entity_rid(&unit, &entity, |base| [base, "Bucket"].concat(), &path);
            identities.insert(bucket.name.clone(), (RegionCode::from(&bucket.region), rid));
        }
        identities
    }

    /// Each valid bucket's settings and replication, in its region's storage unit.
    fn resolve_buckets(
        &mut self,
        regions: &Regions<'_>,
        plans: &mut [StoragePlan],
    ) -> ReplicationGraph {
        let stack = self.stack;
        let mut graph = ReplicationGraph::default();
        let mut first_of_name: BTreeMap<&str, StackPath> = BTreeMap::new();
        for (index, bucket) in stack.buckets.iter().enumerate() {
            first_of_name
                .entry(bucket.name.as_str())
                .or_insert_with(|| StackPath::root().key("buckets").index(index));
        }
        for (index, bucket) in stack.buckets.iter().enumerate() {
            let path = StackPath::root().key("buckets").index(index);
            let Some(plan_index) = plans
                .iter()
                .position(|plan| plan.unit == UnitId::Storage(RegionCode::from(&bucket.region)))
            else {
                continue;
            };
            if first_of_name.get(bucket.name.as_str()) != Some(&path) {
                continue;
            }
            let unit = plans[plan_index].unit.clone();
            let versioning = bucket.versioning.unwrap_or(defaults::VERSIONING);
            // Where versioning is required (Object Lock, replication either side), E505 says so.
            let needs_versioning = bucket.object_lock.is_some()
                || !bucket.replication.is_empty()
                || self.stack.buckets.iter().any(|other| {
                    other
                        .replication
                        .iter()
                        .any(|rule| rule.destination == bucket.name)
                });
            if bucket.versioning == Some(false) && !needs_versioning {
                self.report(
                    Diagnostic::new(
                        codes::W505,
                        path.key("versioning"),
                        format!("the bucket `{}` keeps no versions: an overwrite or delete cannot be undone, and it cannot be replicated later without a change", bucket.name),
                    )
                    .with_help("remove `versioning: false` (versioning is on by default), or acknowledge the warning with the reason"),
                );
            }
            let object_lock = self.resolve_object_lock(&path, bucket, versioning);
            // A renamed bucket keeps its former name in IDs and physical names (naming.rs).
            let entity = self.entity(EntityKind::Bucket, &bucket.name);
            let rid = self.entity_rid(&unit, &entity, |base| [base, "Bucket"].concat(), &path);
            let bucket_name = self.bucket_name(bucket);
            let source = ReplicationSource {
                unit: unit.clone(),
                path: path.clone(),
                bucket,
                rid: rid.clone(),
                name: bucket_name.clone(),
                versioning,
                locked: object_lock.is_some(),
            };
            let replication = self.resolve_replication(&source, regions, &mut graph);
            let encryption = BucketEncryption::Kms {
                key: Text::attr(&data_key(&bucket.region), Attr::KeyArn),
                bucket_key: defaults::BUCKET_KEYS,
            };
            let replication = replication.map(|replication| ReplicationPlan {
                replicate_kms_encrypted: matches!(encryption, BucketEncryption::Kms { .. }),
                ..replication
            });
            let policy_rid = self.entity_rid(
                &unit,
                &entity,
                |base| [base, "BucketPolicy"].concat(),
                &path,
            );
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
        graph
    }

    pub(crate) fn resolve_object_lock(
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
        if !crate::aws::limits::OBJECT_LOCK_RETENTION_DAYS.contains(&lock.retention_days) {
            self.report(
                Diagnostic::new(
                    codes::E506,
                    lock_path.key("retention_days"),
                    format!(
                        "Object Lock retention of {} days is outside {} days",
                        lock.retention_days,
                        range_text(&crate::aws::limits::OBJECT_LOCK_RETENTION_DAYS)
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

    /// The physical name of a declared bucket: the explicit `bucket_name`, or the default with
    /// the account ID in it.
    pub(crate) fn bucket_name(&self, bucket: &meridian_model::Bucket) -> Text {
        match &bucket.bucket_name {
            Some(explicit) => Text::lit(explicit.clone()),
            None => {
                let identity = self.entity(EntityKind::Bucket, &bucket.name).identity;
                let (head, tail) = self.names.default_bucket(&identity, &bucket.region);
                Text::from_parts(vec![Part::Lit(head), Part::AccountId, Part::Lit(tail)])
            }
        }
    }

    /// Data key ARN of `region`, as seen from `unit`.
    pub(crate) fn data_key_arn(&mut self, unit: &UnitId, region: &str) -> Text {
        let storage = UnitId::Storage(region.into());
        let key = data_key(region);
        self.value_from(
            unit,
            &storage,
            "DataKeyArn",
            "ARN of the region's KMS key for data at rest",
            crate::value::AttrRef {
                resource: key,
                attr: Attr::KeyArn,
            },
        )
    }
}

/// The statement every bucket policy starts with: no request without TLS.
pub(crate) fn deny_insecure_transport(bucket: &Rid) -> Statement {
    let arn = Text::attr(bucket, Attr::BucketArn);
    crate::iam::deny_insecure_transport("s3:*", vec![arn.clone(), arn.with_suffix("/*")])
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
/// The prefix S3 reserves that `name` starts with, if any.
pub(crate) fn reserved_bucket_prefix(name: &str) -> Option<&'static str> {
    crate::aws::limits::S3_RESERVED_BUCKET_PREFIXES
        .iter()
        .copied()
        .find(|prefix| name.starts_with(prefix))
}

pub(crate) fn s3_bucket_name_problem(name: &str) -> Option<String> {
    if !crate::aws::limits::BUCKET_NAME_LENGTH.contains(&name.len()) {
        return Some(format!(
            "it must have {} characters",
            range_text(&crate::aws::limits::BUCKET_NAME_LENGTH)
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
    {
        return Some("only lowercase letters, digits, hyphens and dots are allowed".to_owned());
    }
    if name.contains('.') {
        return Some("dots break TLS for virtual-hosted requests and S3 Transfer Acceleration; Meridian refuses them".to_owned());
    }
    if !name.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !name.ends_with(|c: char| c.is_ascii_alphanumeric())
    {
        return Some("it must start and end with a letter or digit".to_owned());
    }
    if let Some(prefix) = reserved_bucket_prefix(name) {
        return Some(format!("S3 reserves the prefix `{prefix}`"));
    }
    if let Some(suffix) = crate::aws::limits::S3_RESERVED_BUCKET_SUFFIXES
        .iter()
        .find(|suffix| name.ends_with(*suffix))
    {
        return Some(format!("S3 reserves the suffix `{suffix}`"));
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
