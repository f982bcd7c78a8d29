//! The comparison behind `meridian diff`: two syntheses' CloudFormation templates (and
//! manifests) become a change summary in infrastructure terms, per CloudFormation stack —
//! resources added, removed and changed with each changed property path, parameters and outputs
//! added and removed — with the changes that make CloudFormation replace a resource
//! (create-only properties of the registry schemas, a changed type, a logical ID that disappears
//! and reappears under another ID), the security-sensitive ones, and the entities renamed
//! without replacement (`renamed_from`, listed in the manifest).
//!
//! It reads template JSON only, so a committed output directory and a fresh synthesis compare
//! alike, and it formats nothing: the CLI renders the result as text, Markdown or JSON.

mod create_only;
mod interruptions;
pub mod manifest;
pub mod names;
mod risk;
mod security;
pub mod terraform;
mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Value as Json;

pub use create_only::{TagProperty, create_only_properties, tag_property};
pub use interruptions::interrupting_properties;
pub use manifest::{DeclaredRename, MANIFEST_FORMAT, Manifest};
pub use names::{PhysicalName, shared_physical_names};
pub use risk::RenameHint;
pub use security::{SecurityFinding, SecurityRule};
pub use terraform::{TerraformChange, TerraformDiff};

use tree::{Change, Step};

/// Resource attributes compared besides `Type` and `Properties`.
const RESOURCE_ATTRIBUTES: &[&str] = &[
    "DependsOn",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "Condition",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
];

/// One side of a comparison: the CloudFormation templates of a synthesis by stack, and the
/// renames its manifest declares.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Synthesis {
    /// Templates in deploy order (the manifest's), then any the manifest does not list.
    templates: Vec<TemplateFile>,
    renames: Vec<DeclaredRename>,
    /// The Terraform module's files (`terraform/*.tf.json`), by path.
    terraform: BTreeMap<String, Json>,
}

#[derive(Debug, Clone, PartialEq)]
struct TemplateFile {
    stack: String,
    path: String,
    template: Json,
}

/// A file of a synthesis that cannot be read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthesisError {
    /// The file, relative to the output directory.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for SynthesisError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for SynthesisError {}

impl Synthesis {
    /// The synthesis made of `files`, given as (path relative to the output directory, contents):
    /// `cloudformation/*.template.json`, `manifest.json` and `terraform/*.tf.json`; other files
    /// are ignored. A template's
    /// stack is the one the manifest names for it, else its file name without `.template.json`.
    /// A manifest of another format, or one that lacks a field the format has, is an error.
    pub fn from_files<'a, I>(files: I) -> Result<Self, SynthesisError>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let parse = |path: &str, contents: &str| {
            serde_json::from_str::<Json>(contents).map_err(|error| SynthesisError {
                path: path.to_owned(),
                message: format!("not JSON: {error}"),
            })
        };
        let mut templates: BTreeMap<String, Json> = BTreeMap::new();
        let mut manifest = None;
        let mut terraform = BTreeMap::new();
        for (path, contents) in files {
            if let Some(name) = path.strip_prefix(terraform::FOLDER)
                && name.ends_with(".tf.json")
                && !name.contains('/')
            {
                terraform.insert(path.to_owned(), parse(path, contents)?);
            } else if path == crate::MANIFEST_PATH {
                manifest = Some(Manifest::parse(path, contents)?);
            } else if let Some(name) = path.strip_prefix(&format!("{}/", crate::TEMPLATE_FOLDER))
                && name.ends_with(".template.json")
                && !name.contains('/')
            {
                let template = parse(path, contents)?;
                if !template.get("Resources").is_some_and(Json::is_object) {
                    return Err(SynthesisError {
                        path: path.to_owned(),
                        message: "not a CloudFormation template (no `Resources` object)".to_owned(),
                    });
                }
                templates.insert(path.to_owned(), template);
            }
        }
        let mut ordered = Vec::new();
        let mut renames = Vec::new();
        if let Some(manifest) = manifest {
            for unit in manifest.units {
                if let Some(template) = templates.remove(&unit.template) {
                    ordered.push(TemplateFile {
                        stack: unit.stack_name,
                        path: unit.template,
                        template,
                    });
                }
            }
            renames = manifest.renames;
        }
        // Without a manifest (or for a template it does not list), the file name is the best
        // guess at the stack name: Meridian names templates `<stack name>.template.json`.
        for (path, template) in templates {
            let stack = path
                .rsplit('/')
                .next()
                .unwrap_or(&path)
                .trim_end_matches(".template.json")
                .to_owned();
            ordered.push(TemplateFile {
                stack,
                path,
                template,
            });
        }
        Ok(Self {
            templates: ordered,
            renames,
            terraform,
        })
    }

    /// Whether the synthesis holds no template.
    pub fn is_empty(&self) -> bool {
        self.templates.is_empty()
    }

    /// The CloudFormation stacks, in deploy order.
    pub fn stacks(&self) -> impl Iterator<Item = &str> {
        self.templates.iter().map(|file| file.stack.as_str())
    }

    /// The renames the manifest declares.
    pub fn renames(&self) -> &[DeclaredRename] {
        &self.renames
    }

    fn template(&self, stack: &str) -> Option<&TemplateFile> {
        self.templates.iter().find(|file| file.stack == stack)
    }
}

/// Whether a stack was added, removed or changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackStatus {
    /// Only the after side has it.
    Added,
    /// Only the before side has it.
    Removed,
    /// Both have it, with differences.
    Changed,
}

impl StackStatus {
    /// `added`, `removed`, `changed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Changed => "changed",
        }
    }
}

/// What happens to a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResourceAction {
    /// New in the after side.
    Added,
    /// Gone from the after side.
    Removed,
    /// Changed under the same logical ID.
    Modified,
    /// Gone under the logical ID `from` and back under another: CloudFormation creates the new
    /// resource and deletes the old one.
    Moved {
        /// The logical ID on the before side.
        from: String,
    },
}

impl ResourceAction {
    /// `add`, `remove`, `modify`, `move`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Added => "add",
            Self::Removed => "remove",
            Self::Modified => "modify",
            Self::Moved { .. } => "move",
        }
    }
}

/// Why CloudFormation replaces a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplacementCause {
    /// A create-only property (registry schema `createOnlyProperties`) changed.
    CreateOnly {
        /// The property path, dotted (`BucketName`, `HealthCheckConfig.Type`).
        property: String,
    },
    /// The resource type changed under the same logical ID.
    TypeChanged {
        /// The type on the before side.
        from: String,
    },
    /// The logical ID changed.
    LogicalIdChanged {
        /// The logical ID on the before side.
        from: String,
    },
    /// A create-only property refers to a resource that is replaced, whose new physical ID or
    /// attributes change the property.
    DependencyReplaced {
        /// The create-only property, dotted.
        property: String,
        /// The replaced resource it refers to.
        resource: String,
    },
}

impl fmt::Display for ReplacementCause {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CreateOnly { property } => write!(formatter, "create-only {property} changed"),
            Self::TypeChanged { from } => write!(formatter, "type changed from {from}"),
            Self::LogicalIdChanged { from } => write!(formatter, "logical ID changed from {from}"),
            Self::DependencyReplaced { property, resource } => {
                write!(
                    formatter,
                    "create-only {property} refers to replaced {resource}"
                )
            }
        }
    }
}

/// One changed path of a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyChange {
    /// The path: below `Properties` (`DBInstanceClass`, `Tags[team]`,
    /// `ContainerDefinitions[Name=web].Image`), or a resource attribute (`DeletionPolicy`) when
    /// `attribute` is set.
    pub path: String,
    /// Whether the path is a resource attribute rather than a property.
    pub attribute: bool,
    /// The value before, absent when added.
    pub before: Option<Json>,
    /// The value after, absent when removed.
    pub after: Option<Json>,
    /// Whether the path is (or holds, or lies in) a create-only property.
    pub create_only: bool,
    /// Whether CloudFormation updates it in place with some interruption (a reboot, a failover;
    /// `interruptions.txt`); never set when `create_only` is.
    pub interrupts: bool,
}

/// One resource of a stack that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceChange {
    /// The logical ID (the after side's for a moved resource).
    pub logical_id: String,
    /// The CloudFormation type (the after side's when both have one).
    pub resource_type: String,
    /// What happens to it.
    pub action: ResourceAction,
    /// Why CloudFormation replaces it; empty when it does not.
    pub replacement: Vec<ReplacementCause>,
    /// Changed paths of a modified or moved resource; empty for added and removed ones.
    pub changes: Vec<PropertyChange>,
    /// Security-sensitive changes.
    pub security: Vec<SecurityFinding>,
    /// What else a reviewer must know about applying this change: where CloudFormation and
    /// Terraform apply it differently, and side effects of an update (sentences).
    pub notes: Vec<String>,
}

impl ResourceChange {
    /// Whether CloudFormation replaces the resource.
    pub fn is_replacement(&self) -> bool {
        !self.replacement.is_empty()
    }

    /// Whether CloudFormation updates the resource in place with some interruption (and does
    /// not replace it).
    pub fn is_interruption(&self) -> bool {
        !self.is_replacement() && self.changes.iter().any(|change| change.interrupts)
    }

    /// Whether the change promotes a read replica to a standalone instance in place: its
    /// source is removed and nothing replaces it.
    pub fn is_promotion(&self) -> bool {
        !self.is_replacement()
            && PROMOTING_REMOVALS.iter().any(|(resource_type, property)| {
                self.resource_type == *resource_type
                    && self
                        .changes
                        .iter()
                        .any(|change| change.path == *property && change.after.is_none())
            })
    }
}

/// Properties whose removal promotes a read replica in place, per CloudFormation type:
/// "If you remove the SourceDBInstanceIdentifier property from your template and then update
/// your stack, AWS CloudFormation promotes the read replica to a standalone DB instance"
/// (AWS::RDS::DBInstance, registry schema). Not create-only, so no replacement.
pub const PROMOTING_REMOVALS: &[(&str, &str)] =
    &[("AWS::RDS::DBInstance", "SourceDBInstanceIdentifier")];

/// Names added to and removed from a template section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NameChanges {
    /// Sorted.
    pub added: Vec<String>,
    /// Sorted.
    pub removed: Vec<String>,
}

impl NameChanges {
    fn between(before: Option<&Json>, after: Option<&Json>) -> Self {
        let names = |section: Option<&Json>| -> BTreeSet<String> {
            section
                .and_then(Json::as_object)
                .map(|object| object.keys().cloned().collect())
                .unwrap_or_default()
        };
        let (old, new) = (names(before), names(after));
        Self {
            added: new.difference(&old).cloned().collect(),
            removed: old.difference(&new).cloned().collect(),
        }
    }

    /// Whether nothing was added or removed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The differences of one CloudFormation stack.
#[derive(Debug, Clone, PartialEq)]
pub struct StackDiff {
    /// The CloudFormation stack name.
    pub stack: String,
    /// The template's path in the output directory (the after side's unless removed).
    pub template: String,
    /// Added, removed or changed.
    pub status: StackStatus,
    /// Resources that differ, by logical ID.
    pub resources: Vec<ResourceChange>,
    /// Parameters added and removed.
    pub parameters: NameChanges,
    /// Outputs added and removed.
    pub outputs: NameChanges,
    /// Whether anything else in the template differs (description, conditions, mappings,
    /// output values, parameter settings).
    pub other_changes: bool,
}

/// The differences between two syntheses.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthesisDiff {
    /// Stacks that differ: the after side's in deploy order, then removed ones.
    pub stacks: Vec<StackDiff>,
    /// Entities renamed on the after side (declared renames the before side does not have).
    pub renames: Vec<DeclaredRename>,
    /// Renames that replace resources because they were not declared: where `renamed_from`
    /// would keep them.
    pub rename_hints: Vec<RenameHint>,
    /// The Terraform module's changes.
    pub terraform: TerraformDiff,
}

/// Counts over a [`SynthesisDiff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub stacks_added: usize,
    pub stacks_removed: usize,
    pub stacks_changed: usize,
    pub resources_added: usize,
    pub resources_removed: usize,
    /// Modified and moved resources.
    pub resources_changed: usize,
    /// Resources CloudFormation replaces.
    pub replacements: usize,
    /// Resources CloudFormation updates in place with some interruption.
    pub interruptions: usize,
    /// Security findings.
    pub security_findings: usize,
    /// Declared renames.
    pub renames: usize,
}

impl SynthesisDiff {
    /// Whether the two sides are the same, as far as the templates, the Terraform module and
    /// renames go.
    pub fn is_empty(&self) -> bool {
        self.stacks.is_empty() && self.renames.is_empty() && self.terraform.is_empty()
    }

    /// The counts.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            renames: self.renames.len(),
            ..Summary::default()
        };
        for stack in &self.stacks {
            summary.count(stack);
        }
        summary
    }
}

impl StackDiff {
    /// The counts of this stack alone (renames are counted per synthesis, so they are 0).
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        summary.count(self);
        summary
    }
}

impl Summary {
    fn count(&mut self, stack: &StackDiff) {
        match stack.status {
            StackStatus::Added => self.stacks_added += 1,
            StackStatus::Removed => self.stacks_removed += 1,
            StackStatus::Changed => self.stacks_changed += 1,
        }
        for resource in &stack.resources {
            match resource.action {
                ResourceAction::Added => self.resources_added += 1,
                ResourceAction::Removed => self.resources_removed += 1,
                ResourceAction::Modified | ResourceAction::Moved { .. } => {
                    self.resources_changed += 1;
                }
            }
            if resource.is_replacement() {
                self.replacements += 1;
            }
            if resource.is_interruption() {
                self.interruptions += 1;
            }
            self.security_findings += resource.security.len();
        }
    }
}

/// Compares two syntheses.
pub fn diff(before: &Synthesis, after: &Synthesis) -> SynthesisDiff {
    let mut stacks = Vec::new();
    for file in &after.templates {
        let previous = before.template(&file.stack);
        if let Some(stack) = diff_stack(&file.stack, previous, Some(file)) {
            stacks.push(stack);
        }
    }
    for file in &before.templates {
        if after.template(&file.stack).is_none()
            && let Some(stack) = diff_stack(&file.stack, Some(file), None)
        {
            stacks.push(stack);
        }
    }
    let renames = after
        .renames
        .iter()
        .filter(|rename| {
            !before.renames.iter().any(|earlier| {
                earlier.kind == rename.kind
                    && earlier.from == rename.from
                    && earlier.to == rename.to
            })
        })
        .cloned()
        .collect();
    let terraform = terraform::diff(&before.terraform, &after.terraform);
    risk::annotate(&mut stacks, after, &after.terraform);
    let rename_hints = risk::rename_hints(&stacks);
    SynthesisDiff {
        stacks,
        renames,
        rename_hints,
        terraform,
    }
}

fn resources_of(template: Option<&TemplateFile>) -> BTreeMap<&str, &Json> {
    template
        .and_then(|file| file.template.get("Resources"))
        .and_then(Json::as_object)
        .map(|resources| {
            resources
                .iter()
                .map(|(id, resource)| (id.as_str(), resource))
                .collect()
        })
        .unwrap_or_default()
}

fn type_of(resource: &Json) -> &str {
    resource.get("Type").and_then(Json::as_str).unwrap_or("")
}

fn properties_of(resource: &Json) -> &Json {
    resource.get("Properties").unwrap_or(&Json::Null)
}

fn diff_stack(
    stack: &str,
    before: Option<&TemplateFile>,
    after: Option<&TemplateFile>,
) -> Option<StackDiff> {
    let old = resources_of(before);
    let new = resources_of(after);
    let removed: Vec<&str> = old
        .keys()
        .filter(|id| !new.contains_key(*id))
        .copied()
        .collect();
    let added: Vec<&str> = new
        .keys()
        .filter(|id| !old.contains_key(*id))
        .copied()
        .collect();
    let moves = pair_moves(&removed, &added, &old, &new);
    let moved_from: BTreeSet<&str> = moves.iter().map(|(from, _)| *from).collect();
    let moved_to: BTreeMap<&str, &str> = moves.iter().map(|(from, to)| (*to, *from)).collect();

    let mut resources = Vec::new();
    for (id, resource) in &new {
        if let Some(previous) = old.get(id) {
            if previous != resource {
                resources.push(compare_resource(id, previous, resource, None));
            }
        } else if let Some(from) = moved_to.get(id) {
            resources.push(compare_resource(id, old[from], resource, Some(from)));
        } else {
            resources.push(ResourceChange {
                logical_id: (*id).to_owned(),
                resource_type: type_of(resource).to_owned(),
                action: ResourceAction::Added,
                replacement: Vec::new(),
                changes: Vec::new(),
                security: security::added_findings(type_of(resource), properties_of(resource)),
                notes: Vec::new(),
            });
        }
    }
    for id in removed.iter().filter(|id| !moved_from.contains(*id)) {
        let resource = old[id];
        resources.push(ResourceChange {
            logical_id: (*id).to_owned(),
            resource_type: type_of(resource).to_owned(),
            action: ResourceAction::Removed,
            replacement: Vec::new(),
            changes: Vec::new(),
            security: security::removed_findings(
                type_of(resource),
                properties_of(resource),
                after.map(|file| &file.template),
            ),
            notes: Vec::new(),
        });
    }
    if let Some(after) = after {
        for (id, finding) in
            security::ingress_findings(before.map(|file| &file.template), &after.template)
        {
            if let Some(change) = resources.iter_mut().find(|change| change.logical_id == id)
                && !change.security.contains(&finding)
            {
                change.security.push(finding);
            }
        }
    }
    cascade_replacements(&old, &new, &mut resources);
    resources.sort_by(|a, b| a.logical_id.cmp(&b.logical_id));
    for resource in &mut resources {
        resource.security.sort();
    }

    let section = |file: Option<&TemplateFile>, name: &str| {
        file.and_then(|file| file.template.get(name)).cloned()
    };
    let parameters = NameChanges::between(
        section(before, "Parameters").as_ref(),
        section(after, "Parameters").as_ref(),
    );
    let outputs = NameChanges::between(
        section(before, "Outputs").as_ref(),
        section(after, "Outputs").as_ref(),
    );
    let other_changes = match (before, after) {
        (Some(before), Some(after)) => {
            beyond_listed(&before.template, &after.template)
                != beyond_listed(&after.template, &before.template)
        }
        _ => false,
    };
    let status = match (before, after) {
        (None, _) => StackStatus::Added,
        (_, None) => StackStatus::Removed,
        _ => StackStatus::Changed,
    };
    if status == StackStatus::Changed
        && resources.is_empty()
        && parameters.is_empty()
        && outputs.is_empty()
        && !other_changes
    {
        return None;
    }
    let template = after
        .or(before)
        .map(|file| file.path.clone())
        .unwrap_or_default();
    Some(StackDiff {
        stack: stack.to_owned(),
        template,
        status,
        resources,
        parameters,
        outputs,
        other_changes,
    })
}

/// Marks the resources CloudFormation replaces because a create-only property refers (`Ref`,
/// `Fn::GetAtt`, `Fn::Sub`) to a resource it replaces in place: a replaced load balancer takes its
/// listeners with it, a replaced bucket its policy. Repeats until nothing more is replaced.
fn cascade_replacements(
    old: &BTreeMap<&str, &Json>,
    new: &BTreeMap<&str, &Json>,
    resources: &mut Vec<ResourceChange>,
) {
    let mut replaced: BTreeSet<String> = resources
        .iter()
        .filter(|change| {
            change.is_replacement() && !matches!(change.action, ResourceAction::Moved { .. })
        })
        .map(|change| change.logical_id.clone())
        .collect();
    loop {
        let mut found = Vec::new();
        for (id, resource) in new {
            if replaced.contains(*id) || !old.contains_key(id) {
                continue;
            }
            let properties = properties_of(resource);
            for property in create_only_properties(type_of(resource)).unwrap_or_default() {
                let steps: Vec<&str> = property.split('.').collect();
                let mut targets = BTreeSet::new();
                for value in tree::select(properties, &steps) {
                    tree::references(value, &mut targets);
                }
                if let Some(target) = targets.iter().find(|target| replaced.contains(*target)) {
                    found.push((
                        (*id).to_owned(),
                        type_of(resource).to_owned(),
                        ReplacementCause::DependencyReplaced {
                            property: property.clone(),
                            resource: target.clone(),
                        },
                    ));
                    break;
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for (id, resource_type, cause) in found {
            replaced.insert(id.clone());
            match resources.iter_mut().find(|change| change.logical_id == id) {
                Some(change) => change.replacement.push(cause),
                None => resources.push(ResourceChange {
                    logical_id: id,
                    resource_type,
                    action: ResourceAction::Modified,
                    replacement: vec![cause],
                    changes: Vec::new(),
                    security: Vec::new(),
                    notes: Vec::new(),
                }),
            }
        }
    }
}

/// `template` without what the diff lists: no resources, and only the parameters and outputs
/// `other` has too.
fn beyond_listed(template: &Json, other: &Json) -> Json {
    let mut template = template.clone();
    if let Some(object) = template.as_object_mut() {
        object.remove("Resources");
        for section in ["Parameters", "Outputs"] {
            let shared: BTreeSet<String> = other
                .get(section)
                .and_then(Json::as_object)
                .map(|members| members.keys().cloned().collect())
                .unwrap_or_default();
            if let Some(Json::Object(members)) = object.get_mut(section) {
                members.retain(|name, _| shared.contains(name));
            }
        }
    }
    template
}

/// A resource present on both sides (under `from` on the before side when it moved).
fn compare_resource(
    id: &str,
    before: &Json,
    after: &Json,
    moved_from: Option<&str>,
) -> ResourceChange {
    let resource_type = type_of(after);
    let (old_properties, new_properties) = (properties_of(before), properties_of(after));
    let mut property_changes = Vec::new();
    tree::compare(
        &mut Vec::new(),
        old_properties,
        new_properties,
        &mut property_changes,
    );
    let mut attribute_changes = Vec::new();
    for attribute in RESOURCE_ATTRIBUTES {
        let mut path = vec![Step::Field((*attribute).to_owned())];
        match (before.get(*attribute), after.get(*attribute)) {
            (Some(old), Some(new)) => tree::compare(&mut path, old, new, &mut attribute_changes),
            (None, None) => {}
            (old, new) => attribute_changes.push(Change {
                path,
                before: old.cloned(),
                after: new.cloned(),
            }),
        }
    }
    let mut replacement = Vec::new();
    if let Some(from) = moved_from {
        replacement.push(ReplacementCause::LogicalIdChanged {
            from: from.to_owned(),
        });
    }
    if type_of(before) != resource_type {
        replacement.push(ReplacementCause::TypeChanged {
            from: type_of(before).to_owned(),
        });
    }
    let create_only: Vec<&String> = create_only_properties(resource_type)
        .unwrap_or_default()
        .iter()
        .filter(|path| {
            let steps: Vec<&str> = path.split('.').collect();
            tree::select(old_properties, &steps) != tree::select(new_properties, &steps)
        })
        .collect();
    for property in &create_only {
        replacement.push(ReplacementCause::CreateOnly {
            property: (*property).clone(),
        });
    }
    let security = security::modified_findings(
        resource_type,
        &property_changes,
        &attribute_changes,
        old_properties,
        new_properties,
    );
    let mut changes: Vec<PropertyChange> = property_changes
        .into_iter()
        .map(|change| {
            let create_only = create_only.iter().any(|property| {
                let steps: Vec<&str> = property.split('.').collect();
                tree::overlaps(&change.path, &steps)
            });
            let interrupts = !create_only
                && interrupting_properties(resource_type)
                    .iter()
                    .any(|property| {
                        let steps: Vec<&str> = property.split('.').collect();
                        tree::overlaps(&change.path, &steps)
                    });
            PropertyChange {
                path: tree::render_path(&change.path),
                attribute: false,
                before: change.before,
                after: change.after,
                create_only,
                interrupts,
            }
        })
        .collect();
    changes.extend(attribute_changes.into_iter().map(|change| PropertyChange {
        path: tree::render_path(&change.path),
        attribute: true,
        before: change.before,
        after: change.after,
        create_only: false,
        interrupts: false,
    }));
    ResourceChange {
        logical_id: id.to_owned(),
        resource_type: resource_type.to_owned(),
        action: moved_from.map_or(ResourceAction::Modified, |from| ResourceAction::Moved {
            from: from.to_owned(),
        }),
        replacement,
        changes,
        security,
        notes: Vec::new(),
    }
}

/// A removed and an added logical ID.
type IdPair<'a> = (&'a str, &'a str);

/// Pairs of (removed ID, added ID) that are one resource under a new logical ID: the same type,
/// and IDs that differ in one PascalCase-word-aligned part the same way (`WebService` →
/// `ApiService` and `WebLogGroup` → `ApiLogGroup` both substitute `Web` → `Api`), as renaming an
/// entity without `renamed_from` does. A substitution that explains a single pair only counts
/// when the two resources' properties are mostly alike.
fn pair_moves<'a>(
    removed: &[&'a str],
    added: &[&'a str],
    old: &BTreeMap<&str, &Json>,
    new: &BTreeMap<&str, &Json>,
) -> Vec<IdPair<'a>> {
    let mut by_substitution: BTreeMap<(String, String), Vec<IdPair<'a>>> = BTreeMap::new();
    for from in removed {
        for to in added {
            if type_of(old[from]) != type_of(new[to]) {
                continue;
            }
            if let Some(substitution) = substitution(from, to) {
                by_substitution
                    .entry(substitution)
                    .or_default()
                    .push((from, to));
            }
        }
    }
    let mut groups: Vec<((String, String), Vec<IdPair<'a>>)> =
        by_substitution.into_iter().collect();
    groups.sort_by(|(a_key, a_pairs), (b_key, b_pairs)| {
        b_pairs.len().cmp(&a_pairs.len()).then(a_key.cmp(b_key))
    });
    let mut taken_from = BTreeSet::new();
    let mut taken_to = BTreeSet::new();
    let mut moves = Vec::new();
    for (_, pairs) in groups {
        let free: Vec<IdPair<'a>> = pairs
            .into_iter()
            .filter(|(from, to)| !taken_from.contains(from) && !taken_to.contains(to))
            .collect();
        let accepted = match free.as_slice() {
            [] => false,
            [(from, to)] => similarity(properties_of(old[from]), properties_of(new[to])) >= 0.8,
            _ => true,
        };
        if !accepted {
            continue;
        }
        for (from, to) in free {
            if taken_from.insert(from) && taken_to.insert(to) {
                moves.push((from, to));
            }
        }
    }
    moves.sort_unstable();
    moves
}

/// The (before, after) parts that differ between two logical IDs, when the rest is a common
/// prefix and suffix aligned to PascalCase words.
fn substitution(from: &str, to: &str) -> Option<(String, String)> {
    let (from_chars, to_chars): (Vec<char>, Vec<char>) =
        (from.chars().collect(), to.chars().collect());
    let boundary = |chars: &[char], index: usize| {
        index == 0 || index == chars.len() || chars[index].is_ascii_uppercase()
    };
    let mut prefix = from_chars
        .iter()
        .zip(&to_chars)
        .take_while(|(a, b)| a == b)
        .count();
    while prefix > 0 && !(boundary(&from_chars, prefix) && boundary(&to_chars, prefix)) {
        prefix -= 1;
    }
    let limit = from_chars.len().min(to_chars.len()) - prefix;
    let mut suffix = from_chars
        .iter()
        .rev()
        .zip(to_chars.iter().rev())
        .take(limit)
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0
        && !(boundary(&from_chars, from_chars.len() - suffix)
            && boundary(&to_chars, to_chars.len() - suffix))
    {
        suffix -= 1;
    }
    let old: String = from_chars[prefix..from_chars.len() - suffix]
        .iter()
        .collect();
    let new: String = to_chars[prefix..to_chars.len() - suffix].iter().collect();
    (!old.is_empty() && !new.is_empty() && (prefix > 0 || suffix > 0)).then_some((old, new))
}

/// The share of top-level properties with equal values on both sides.
fn similarity(before: &Json, after: &Json) -> f64 {
    let (Some(old), Some(new)) = (before.as_object(), after.as_object()) else {
        return if before == after { 1.0 } else { 0.0 };
    };
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    if keys.is_empty() {
        return 1.0;
    }
    let equal = keys
        .iter()
        .filter(|key| old.get(**key) == new.get(**key))
        .count();
    #[allow(clippy::cast_precision_loss)]
    let share = equal as f64 / keys.len() as f64;
    share
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn synthesis(stack: &str, resources: Json) -> Synthesis {
        let template = json!({"Resources": resources}).to_string();
        let path = format!("cloudformation/{stack}.template.json");
        Synthesis::from_files([(path.as_str(), template.as_str())]).expect("a synthesis")
    }

    #[test]
    fn substitutions_align_to_words() {
        assert_eq!(
            substitution("WebService", "ApiService"),
            Some(("Web".into(), "Api".into()))
        );
        assert_eq!(
            substitution("DatabaseIngressFromWeb", "DatabaseIngressFromStorefrontApi"),
            Some(("Web".into(), "StorefrontApi".into()))
        );
        assert_eq!(
            substitution("WebService", "WebsiteService"),
            Some(("Web".into(), "Website".into()))
        );
        assert_eq!(substitution("Alpha", "Beta"), None);
    }

    #[test]
    fn create_only_changes_replace_and_others_update() {
        let before = synthesis(
            "s",
            json!({
                "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a", "Tags": [{"Key": "k", "Value": "1"}]}},
                "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBInstanceClass": "db.t4g.medium"}}
            }),
        );
        let after = synthesis(
            "s",
            json!({
                "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b", "Tags": [{"Key": "k", "Value": "2"}]}},
                "Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBInstanceClass": "db.r6g.large"}}
            }),
        );
        let result = diff(&before, &after);
        let stack = &result.stacks[0];
        assert_eq!(stack.resources.len(), 2);
        let bucket = &stack.resources[0];
        assert_eq!(
            bucket.replacement,
            vec![ReplacementCause::CreateOnly {
                property: "BucketName".into()
            }]
        );
        assert!(bucket.changes[0].create_only && !bucket.changes[1].create_only);
        assert!(!stack.resources[1].is_replacement());
        assert_eq!(stack.resources[1].changes[0].path, "DBInstanceClass");
    }

    #[test]
    fn renamed_ids_pair_as_moves() {
        let group = |name: &str| json!({"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": name}});
        let role = json!({"Type": "AWS::IAM::Role", "Properties": {"Path": "/"}});
        let before = synthesis(
            "s",
            json!({"WebLogGroup": group("/web"), "WebTaskRole": role, "Other": group("/other")}),
        );
        let after = synthesis(
            "s",
            json!({"ApiLogGroup": group("/api"), "ApiTaskRole": role, "Other": group("/other")}),
        );
        let result = diff(&before, &after);
        let actions: Vec<(&str, &ResourceAction)> = result.stacks[0]
            .resources
            .iter()
            .map(|change| (change.logical_id.as_str(), &change.action))
            .collect();
        assert_eq!(
            actions,
            vec![
                (
                    "ApiLogGroup",
                    &ResourceAction::Moved {
                        from: "WebLogGroup".into()
                    }
                ),
                (
                    "ApiTaskRole",
                    &ResourceAction::Moved {
                        from: "WebTaskRole".into()
                    }
                ),
            ]
        );
        assert!(
            result.stacks[0]
                .resources
                .iter()
                .all(ResourceChange::is_replacement)
        );
    }

    #[test]
    fn security_sensitive_changes_are_flagged() {
        let before = synthesis(
            "s",
            json!({
                "Db": {"Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Snapshot", "Properties": {
                    "StorageEncrypted": true, "KmsKeyId": {"Ref": "Key"}, "PubliclyAccessible": false,
                    "DeletionProtection": true}},
                "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {
                    "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "k"}}]},
                    "PublicAccessBlockConfiguration": {"BlockPublicAcls": true, "BlockPublicPolicy": true}}},
                "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"},
                    "PolicyDocument": {"Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny"}, {"Sid": "Other", "Effect": "Deny"}]}}},
                "Listener": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"}},
                "Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"TransitEncryptionEnabled": true}},
                "Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "true"}]}}
            }),
        );
        let after = synthesis(
            "s",
            json!({
                "Db": {"Type": "AWS::RDS::DBInstance", "DeletionPolicy": "Delete", "Properties": {
                    "StorageEncrypted": false, "PubliclyAccessible": true, "DeletionProtection": false}},
                "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {
                    "BucketEncryption": {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
                    "PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "BlockPublicPolicy": true}}},
                "Policy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "Bucket"},
                    "PolicyDocument": {"Statement": [{"Sid": "Other", "Effect": "Deny"}]}}},
                "Listener": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"SslPolicy": "ELBSecurityPolicy-2016-08"}},
                "Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"TransitEncryptionEnabled": false}},
                "Lb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "false"}]}}
            }),
        );
        let result = diff(&before, &after);
        let rules = |id: &str| -> Vec<SecurityRule> {
            result.stacks[0]
                .resources
                .iter()
                .find(|change| change.logical_id == id)
                .map(|change| change.security.iter().map(|finding| finding.rule).collect())
                .unwrap_or_default()
        };
        assert_eq!(
            rules("Db"),
            [
                SecurityRule::EncryptionOff,
                SecurityRule::KmsKeyRemoved,
                SecurityRule::DeletionProtectionOff,
                SecurityRule::DeletionProtectionOff,
                SecurityRule::PubliclyAccessible,
            ]
        );
        assert_eq!(
            rules("Bucket"),
            [
                SecurityRule::EncryptionOff,
                SecurityRule::KmsKeyRemoved,
                SecurityRule::PublicAccessBlockRelaxed,
            ]
        );
        assert_eq!(
            rules("Policy"),
            [SecurityRule::BucketPolicyStatementRemoved]
        );
        assert_eq!(rules("Listener"), [SecurityRule::TlsPolicyChanged]);
        assert_eq!(rules("Cache"), [SecurityRule::EncryptionOff]);
        assert_eq!(rules("Lb"), [SecurityRule::DeletionProtectionOff]);
    }

    #[test]
    fn the_manifest_names_the_stacks_and_a_broken_one_is_an_error() {
        let template = json!({"Resources": {}}).to_string();
        let path = "cloudformation/file-name.template.json";
        let manifest = |stack_name_key: &str| {
            json!({
                "format": 1, "stack": "s", "description": "", "primary_region": "us-east-1",
                "global_region": "us-east-1",
                "units": [{
                    "unit": "u", stack_name_key: "stack-from-manifest", "template": path,
                    "region": "us-east-1", "description": "", "depends_on": [], "consumes": [],
                    "parameters": [], "outputs": [], "tags": {}, "capabilities": []
                }]
            })
            .to_string()
        };
        let good = manifest("stack_name");
        let synthesis =
            Synthesis::from_files([(path, template.as_str()), ("manifest.json", good.as_str())])
                .expect("a synthesis");
        assert_eq!(
            synthesis.stacks().collect::<Vec<_>>(),
            ["stack-from-manifest"]
        );
        // A renamed field does not fall back to the file name.
        let renamed = manifest("stackName");
        let error = Synthesis::from_files([
            (path, template.as_str()),
            ("manifest.json", renamed.as_str()),
        ])
        .expect_err("refused");
        assert_eq!(error.path, "manifest.json");
        assert!(error.message.contains("`stack_name`"), "{error}");
    }

    #[test]
    fn identical_syntheses_have_no_diff() {
        let side = synthesis(
            "s",
            json!({"A": {"Type": "AWS::KMS::Key", "Properties": {}}}),
        );
        assert!(diff(&side, &side).is_empty());
    }
}
