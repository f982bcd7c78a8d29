//! What a reviewer must know besides what changes: where CloudFormation and Terraform apply a
//! change differently (a database change applied at once by one and at the next maintenance
//! window by the other; a desired count CloudFormation resets although autoscaling owns it), and
//! which undeclared renames `renamed_from` would turn into no change at all. It reads the two
//! targets' output only, so the notes describe what is deployed, not what was meant.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::{ResourceAction, StackDiff, Synthesis, substitution, tree};

/// CloudFormation types some of whose in-place changes Terraform defers to the next maintenance
/// window unless the resource sets `apply_immediately` (the provider's default is false), with
/// the Terraform twin and the properties concerned. CloudFormation applies every change at once.
/// The properties are the settings the RDS User Guide ("Settings for DB instances": the change
/// occurs during the next maintenance window unless applied immediately) and the ElastiCache
/// User Guide (modifying a cluster: node type and engine version) list as deferred; settings
/// such as deletion protection take effect at once on either target.
const MAINTENANCE_WINDOW_TYPES: &[(&str, &str, &[&str])] = &[
    (
        "AWS::RDS::DBInstance",
        "aws_db_instance",
        &[
            "AllocatedStorage",
            "BackupRetentionPeriod",
            "CACertificateIdentifier",
            "DBInstanceClass",
            "EngineVersion",
            "Iops",
            "MultiAZ",
            "StorageThroughput",
            "StorageType",
        ],
    ),
    (
        "AWS::ElastiCache::ReplicationGroup",
        "aws_elasticache_replication_group",
        &["CacheNodeType", "EngineVersion"],
    ),
];

/// Terraform resources of `kind` in the module, by name.
fn terraform_resources<'a>(
    module: &'a BTreeMap<String, Json>,
    kind: &str,
) -> impl Iterator<Item = &'a Json> {
    module
        .values()
        .filter_map(move |file| file.get("resource")?.get(kind)?.as_object())
        .flat_map(|resources| resources.values())
}

/// Adds the notes of every changed resource.
pub(super) fn annotate(
    stacks: &mut [StackDiff],
    after: &Synthesis,
    module: &BTreeMap<String, Json>,
) {
    for stack in stacks {
        let template = after.template(&stack.stack).map(|file| &file.template);
        for resource in &mut stack.resources {
            if resource.action != ResourceAction::Modified || resource.is_replacement() {
                continue;
            }
            if let Some(note) = maintenance_window_note(resource, module) {
                resource.notes.push(note);
            }
            if let Some(note) =
                template.and_then(|template| desired_count_note(resource, template, module))
            {
                resource.notes.push(note);
            }
        }
    }
}

/// CloudFormation applies an RDS or ElastiCache change at once; Terraform, without
/// `apply_immediately`, at the next maintenance window.
fn maintenance_window_note(
    resource: &super::ResourceChange,
    module: &BTreeMap<String, Json>,
) -> Option<String> {
    let (_, twin, properties) = MAINTENANCE_WINDOW_TYPES
        .iter()
        .find(|(cloudformation, _, _)| *cloudformation == resource.resource_type)?;
    let deferred: Vec<&str> = resource
        .changes
        .iter()
        .filter(|change| !change.attribute && properties.contains(&change.path.as_str()))
        .map(|change| change.path.as_str())
        .collect();
    if deferred.is_empty() {
        return None;
    }
    let mut twins = terraform_resources(module, twin).peekable();
    twins.peek()?;
    let immediate = twins.all(|twin| twin.get("apply_immediately") == Some(&Json::Bool(true)));
    if immediate {
        return None;
    }
    let how = if resource.is_interruption() {
        "at once, with a failover to the standby or a reboot"
    } else {
        "at once"
    };
    Some(format!(
        "targets differ: CloudFormation applies {} {how}; Terraform's {twin} sets no apply_immediately, so Terraform applies it at the next maintenance window",
        deferred.join(", ")
    ))
}

/// CloudFormation sends `DesiredCount` with every update of a service, resetting the count
/// autoscaling chose; Meridian's Terraform module leaves it to autoscaling.
fn desired_count_note(
    resource: &super::ResourceChange,
    template: &Json,
    module: &BTreeMap<String, Json>,
) -> Option<String> {
    if resource.resource_type != "AWS::ECS::Service" {
        return None;
    }
    let resources = template.get("Resources")?.as_object()?;
    let service = resources.get(&resource.logical_id)?;
    let desired = service.get("Properties")?.get("DesiredCount")?;
    let scaling = resources.values().find(|candidate| {
        let properties = candidate.get("Properties");
        candidate.get("Type").and_then(Json::as_str)
            == Some("AWS::ApplicationAutoScaling::ScalableTarget")
            && properties
                .and_then(|p| p.get("ScalableDimension"))
                .and_then(Json::as_str)
                == Some("ecs:service:DesiredCount")
            && properties
                .and_then(|p| p.get("ResourceId"))
                .is_some_and(|id| {
                    let mut targets = std::collections::BTreeSet::new();
                    tree::references(id, &mut targets);
                    targets.contains(&resource.logical_id)
                })
    })?;
    let properties = scaling.get("Properties")?;
    let range = match (properties.get("MinCapacity"), properties.get("MaxCapacity")) {
        (Some(min), Some(max)) => format!(" (it scales between {min} and {max})"),
        _ => String::new(),
    };
    let terraform_ignores = terraform_resources(module, "aws_ecs_service").any(|service| {
        service
            .get("lifecycle")
            .is_some_and(|lifecycle| lifecycle.to_string().contains("\"desired_count\""))
    });
    let terraform = if terraform_ignores {
        "; Terraform ignores desired_count (lifecycle ignore_changes) and leaves the count to autoscaling"
    } else {
        ""
    };
    Some(format!(
        "targets differ: CloudFormation sets DesiredCount to {desired} with this update, replacing the task count autoscaling chose{range}{terraform}"
    ))
}

/// An entity renamed without `renamed_from`: its resources in some stacks moved from logical IDs
/// built on one name to IDs built on another, which CloudFormation does by replacing them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenameHint {
    /// `service` when the moved resources include an ECS service, `bucket` for an S3 bucket,
    /// else `entity`.
    pub kind: String,
    /// The former entity name, as the stack file wrote it (`web`).
    pub from: String,
    /// The new one (`storefront-api`).
    pub to: String,
    /// How many resources are replaced by the rename, by stack.
    pub replaced: BTreeMap<String, usize>,
}

impl RenameHint {
    /// The sentence for people.
    pub fn message(&self) -> String {
        let count: usize = self.replaced.values().sum();
        format!(
            "the {kind} `{from}` looks renamed to `{to}` without `renamed_from`, which replaces {count} {resources}; if it is a rename, add `renamed_from: {from}` to the {kind} `{to}` and nothing is replaced (Terraform moves its state)",
            kind = self.kind,
            from = self.from,
            to = self.to,
            resources = if count == 1 { "resource" } else { "resources" },
        )
    }
}

/// `StorefrontApi` → `storefront-api`: the entity name a PascalCase ID part comes from.
fn entity_name(pascal: &str) -> String {
    let mut name = String::new();
    for (index, character) in pascal.chars().enumerate() {
        if character.is_ascii_uppercase() && index > 0 {
            name.push('-');
        }
        name.push(character.to_ascii_lowercase());
    }
    name
}

/// The renames that replace resources and that `renamed_from` would keep: moved logical IDs
/// grouped by the name part that changed.
pub(super) fn rename_hints(stacks: &[StackDiff]) -> Vec<RenameHint> {
    let mut hints: BTreeMap<(String, String), RenameHint> = BTreeMap::new();
    for stack in stacks {
        for resource in &stack.resources {
            let ResourceAction::Moved { from } = &resource.action else {
                continue;
            };
            let Some((old, new)) = substitution(from, &resource.logical_id) else {
                continue;
            };
            let hint = hints
                .entry((old.clone(), new.clone()))
                .or_insert_with(|| RenameHint {
                    kind: "entity".to_owned(),
                    from: entity_name(&old),
                    to: entity_name(&new),
                    replaced: BTreeMap::new(),
                });
            *hint.replaced.entry(stack.stack.clone()).or_default() += 1;
            let kind = match resource.resource_type.as_str() {
                "AWS::ECS::Service" => Some("service"),
                "AWS::S3::Bucket" => Some("bucket"),
                _ => None,
            };
            if let Some(kind) = kind {
                hint.kind = kind.to_owned();
            }
        }
    }
    // A single moved resource whose name part changed is a changed value (a CIDR in a rule's
    // ID), not a renamed entity; an entity's rename moves several resources, or its service or
    // bucket.
    hints
        .into_values()
        .filter(|hint| hint.kind != "entity" || hint.replaced.values().sum::<usize>() >= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_parts_read_back_as_entity_names() {
        assert_eq!(entity_name("StorefrontApi"), "storefront-api");
        assert_eq!(entity_name("Web"), "web");
    }
}
