//! Replication between buckets: one rule per destination with its role and policy, Replication
//! Time Control or a slower target watched by an alarm (E507 to E513), and the order storage units
//! deploy in (replication destinations before their sources).

use std::collections::BTreeSet;

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, EntityName, pascal};
use crate::suggest_list;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

/// A replication target slower than S3 Replication Time Control, watched by an alarm in the
/// source region.
#[derive(Debug, Clone)]
pub(crate) struct ReplicationWatch {
    pub source_region: RegionCode,
    pub source_bucket: EntityName,
    pub source_name: Text,
    pub destination: EntityName,
    pub destination_name: Text,
    pub rule_id: String,
    pub seconds: u32,
    pub path: StackPath,
}

/// What the replication rules of all buckets add up to: which region replicates to which (the
/// storage units' deploy order follows it), and the slower targets to watch with alarms.
#[derive(Debug, Default)]
pub(crate) struct ReplicationGraph {
    pub edges: BTreeSet<(RegionCode, RegionCode)>,
    pub watches: Vec<ReplicationWatch>,
}

/// A bucket that replicates, as resolved so far.
pub(crate) struct ReplicationSource<'s> {
    pub unit: UnitId,
    pub path: StackPath,
    pub bucket: &'s meridian_model::Bucket,
    pub rid: Rid,
    pub name: Text,
    pub versioning: bool,
    pub locked: bool,
}

/// One resolved rule with what the role's policy needs of it.
struct ResolvedRule {
    plan: ReplicationRulePlan,
    destination_arn: Text,
    replica_kms_key: Text,
}

impl<'a> Resolver<'a> {
    /// The replication of a bucket with rules: one rule per valid destination, the role S3
    /// assumes and its policy.
    pub(crate) fn resolve_replication(
        &mut self,
        source: &ReplicationSource<'a>,
        regions: &Regions<'_>,
        graph: &mut ReplicationGraph,
    ) -> Option<ReplicationPlan> {
        let ReplicationSource {
            unit,
            path,
            bucket,
            versioning,
            locked,
            ..
        } = source;
        if bucket.replication.is_empty() {
            return None;
        }
        // A locked bucket without versioning was already reported on the same key (E505).
        if !versioning && !locked {
            self.report(
                Diagnostic::new(codes::E505, path.key("versioning"), "replication needs versioning on the source bucket, but `versioning: false` turns it off")
                    .with_help("remove `versioning: false`; S3 replicates object versions"),
            );
        }
        let mut rules = Vec::new();
        let mut destinations_seen = BTreeSet::new();
        for (rule_index, rule) in bucket.replication.iter().enumerate() {
            let rule_path = path.key("replication").index(rule_index);
            let Some(destination) =
                self.replication_destination(source, &rule_path, rule, &mut destinations_seen)
            else {
                continue;
            };
            rules.push(self.replication_rule(
                source,
                (rule_index, rule, &rule_path),
                destination,
                regions,
                graph,
            ));
        }
        let source_key = Text::attr(&data_key(&bucket.region), Attr::KeyArn);
        let role_statements = replication_role_statements(&source.rid, source_key, &rules);
        let entity = self.entity(EntityKind::Bucket, &bucket.name);
        let policy = self.entity_rid(
            unit,
            &entity,
            |base| [base, "ReplicationPolicy"].concat(),
            path,
        );
        Some(ReplicationPlan {
            role: self.entity_rid(
                unit,
                &entity,
                |base| [base, "ReplicationRole"].concat(),
                path,
            ),
            policy_name: naming::inline_policy_name(&policy),
            policy,
            role_statements,
            // Set once the bucket's encryption is known.
            replicate_kms_encrypted: false,
            rules: rules.into_iter().map(|rule| rule.plan).collect(),
        })
    }

    /// The bucket a rule replicates to, when it is another bucket of the stack that no earlier
    /// rule names (E507, E508); also checks what replication needs of it (E505, E509).
    fn replication_destination(
        &mut self,
        source: &ReplicationSource<'a>,
        rule_path: &StackPath,
        rule: &meridian_model::ReplicationRule,
        destinations_seen: &mut BTreeSet<String>,
    ) -> Option<&'a meridian_model::Bucket> {
        let stack: &'a Stack = self.stack;
        let bucket = source.bucket;
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
            return None;
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
            return None;
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
            return None;
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
        if source.locked && !destination_locked {
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
        Some(destination)
    }

    /// The rule replicating `source` to `destination`, recording the regions' edge and a slower
    /// target's watch in `graph`.
    fn replication_rule(
        &mut self,
        source: &ReplicationSource<'a>,
        (rule_index, rule, rule_path): (usize, &meridian_model::ReplicationRule, &StackPath),
        destination: &meridian_model::Bucket,
        regions: &Regions<'_>,
        graph: &mut ReplicationGraph,
    ) -> ResolvedRule {
        let ReplicationSource { unit, bucket, .. } = source;
        let (time_control, watch_seconds) =
            self.resolve_replication_time(rule_path, rule, &bucket.region, regions);
        // A renamed destination keeps its former name in the rule ID and outputs, like its
        // resources.
        let source_entity = self.entity(EntityKind::Bucket, &bucket.name);
        let destination_entity = self.entity(EntityKind::Bucket, &destination.name);
        let destination_identity = destination_entity.identity.clone();
        let rule_id = format!("to-{destination_identity}");
        let destination_unit = UnitId::Storage(RegionCode::from(&destination.region));
        let destination_rid = naming::entity_rid(
            &destination_entity,
            |base| [base, "Bucket"].concat(),
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
                resource: destination_rid,
                attr: Attr::BucketArn,
            },
        );
        // Bucket names are known before deployment, so the name needs no import (the ARN
        // above already orders the destination's stack first).
        let destination_name = self.bucket_name(destination);
        let replica_kms_key = self.data_key_arn(unit, &destination.region);
        if destination.region != bucket.region {
            graph.edges.insert((
                RegionCode::from(&bucket.region),
                RegionCode::from(&destination.region),
            ));
        }
        if let Some(seconds) = watch_seconds {
            graph.watches.push(ReplicationWatch {
                source_region: RegionCode::from(&bucket.region),
                source_bucket: source_entity,
                source_name: source.name.clone(),
                destination: destination_entity,
                destination_name: destination_name.clone(),
                rule_id: rule_id.clone(),
                seconds,
                path: rule_path.key("replication_time"),
            });
        }
        ResolvedRule {
            plan: ReplicationRulePlan {
                id: rule_id,
                priority: u32::try_from(rule_index + 1).unwrap_or(u32::MAX),
                prefix: defaults::REPLICATED_PREFIX.to_owned(),
                destination: destination.name.clone(),
                destination_region: RegionCode::from(&destination.region),
                destination_arn: destination_arn.clone(),
                destination_name,
                storage_class: rule.storage_class.map(storage_class),
                replica_kms_key: replica_kms_key.clone(),
                time_control,
                time_control_minutes: defaults::RTC_MINUTES,
                metrics: time_control || watch_seconds.is_some(),
                delete_markers: rule
                    .delete_markers
                    .unwrap_or(defaults::REPLICATE_DELETE_MARKERS),
            },
            destination_arn,
            replica_kms_key,
        }
    }

    /// Returns (Replication Time Control on, seconds of a slower target to watch).
    pub(crate) fn resolve_replication_time(
        &mut self,
        rule_path: &StackPath,
        rule: &meridian_model::ReplicationRule,
        source_region: &str,
        regions: &Regions<'_>,
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
        let source_is_storage_only = regions.service_role(source_region).is_none();
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
    pub(crate) fn order_storage_units(
        &mut self,
        plans: &[StoragePlan],
        edges: &BTreeSet<(RegionCode, RegionCode)>,
    ) -> Vec<RegionCode> {
        let regions: Vec<RegionCode> = plans
            .iter()
            .filter_map(|plan| plan.unit.region().cloned())
            .collect();
        let mut order: Vec<RegionCode> = Vec::new();
        let mut remaining: Vec<RegionCode> = regions.clone();
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
        order
    }
}

pub(crate) fn storage_class(class: meridian_model::StorageClass) -> StorageClass {
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

/// The statements of the replication role's policy: read the source's configuration and
/// objects, write replicas, decrypt with the source's key and encrypt with each destination's.
fn replication_role_statements(
    source: &Rid,
    source_key: Text,
    rules: &[ResolvedRule],
) -> Vec<Statement> {
    let source_arn = Text::attr(source, Attr::BucketArn);
    let statement = |sid: &str, actions: &[&str], resources: Vec<Text>| Statement {
        sid: sid.to_owned(),
        allow: true,
        principal: None,
        actions: actions.iter().map(|action| (*action).to_owned()).collect(),
        resources,
        conditions: Vec::new(),
    };
    vec![
        statement(
            "ReadSourceConfiguration",
            &["s3:GetReplicationConfiguration", "s3:ListBucket"],
            vec![source_arn.clone()],
        ),
        statement(
            "ReadSourceObjects",
            &[
                "s3:GetObjectLegalHold",
                "s3:GetObjectRetention",
                "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionForReplication",
                "s3:GetObjectVersionTagging",
            ],
            vec![source_arn.with_suffix("/*")],
        ),
        statement(
            "WriteReplicas",
            &[
                "s3:ObjectOwnerOverrideToBucketOwner",
                "s3:ReplicateDelete",
                "s3:ReplicateObject",
                "s3:ReplicateTags",
            ],
            rules
                .iter()
                .map(|rule| rule.destination_arn.with_suffix("/*"))
                .collect(),
        ),
        statement("DecryptSource", &["kms:Decrypt"], vec![source_key]),
        statement(
            "EncryptReplicas",
            &["kms:Encrypt", "kms:GenerateDataKey"],
            rules
                .iter()
                .map(|rule| rule.replica_kms_key.clone())
                .collect(),
        ),
    ]
}
