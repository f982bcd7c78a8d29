//! The Terraform side of `meridian diff`: two syntheses' root modules (`terraform/*.tf.json`)
//! compared resource by resource (address `type.name`), with the arguments that make the
//! provider replace a resource (`force_new.txt`, hand-written from the provider's `ForceNew`
//! arguments) and the `moved` blocks that carry a resource to a new address without replacing
//! it. It reads module JSON only; data sources, variables and outputs are not compared (they
//! change no infrastructure by themselves).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde_json::Value as Json;

use super::tree::{self, Change, Step};
use super::{PropertyChange, ResourceAction};

/// Where the module's files are in an output directory.
pub(crate) const FOLDER: &str = "terraform/";

/// Resource meta-arguments: compared, but never a reason to replace.
const META_ARGUMENTS: &[&str] = &["depends_on", "lifecycle", "provider", "count", "for_each"];

const FORCE_NEW: &str = include_str!("force_new.txt");

/// The arguments of `kind` whose change replaces the resource (dotted paths), or `None` for a
/// type the table does not know.
pub fn force_new_arguments(kind: &str) -> Option<&'static [String]> {
    static PARSED: OnceLock<BTreeMap<&'static str, Vec<String>>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            FORCE_NEW
                .lines()
                .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
                .filter_map(|line| {
                    let mut words = line.split_whitespace();
                    let kind = words.next()?;
                    Some((kind, words.map(str::to_owned).collect()))
                })
                .collect()
        })
        .get(kind)
        .map(Vec::as_slice)
}

/// One Terraform resource that differs.
#[derive(Debug, Clone, PartialEq)]
pub struct TerraformChange {
    /// `aws_db_instance.database_us_east_1` (the after side's for a moved resource).
    pub address: String,
    /// Added, removed, modified, or moved by a `moved` block.
    pub action: ResourceAction,
    /// The arguments whose change makes the provider replace the resource (`region` included);
    /// empty when it is updated in place.
    pub replaced_by: Vec<String>,
    /// Changed paths of a modified or moved resource; `create_only` marks the force-new ones.
    pub changes: Vec<PropertyChange>,
    /// The replaced resources a force-new argument refers to: the provider replaces this one
    /// with them, since the reference's value changes.
    pub replaced_through: Vec<String>,
    /// Changed arguments the resource's `lifecycle { ignore_changes }` lists: Terraform applies
    /// none of them (CloudFormation, which has no such setting, applies its twin's).
    pub ignored: Vec<String>,
}

impl TerraformChange {
    /// Whether Terraform replaces the resource.
    pub fn is_replacement(&self) -> bool {
        !self.replaced_by.is_empty()
    }

    /// Whether the change promotes a read replica in place: "Removing the replicate_source_db
    /// attribute from an existing RDS Replicate database managed by Terraform will promote the
    /// database to a fully standalone database" (AWS provider, `aws_db_instance`); the argument
    /// does not force a new resource.
    pub fn is_promotion(&self) -> bool {
        !self.is_replacement()
            && PROMOTING_REMOVALS.iter().any(|(resource_type, argument)| {
                self.address
                    .strip_prefix(resource_type)
                    .is_some_and(|rest| rest.starts_with('.'))
                    && self
                        .changes
                        .iter()
                        .any(|change| change.path == *argument && change.after.is_none())
            })
    }
}

/// Arguments whose removal promotes a read replica in place, per Terraform type (see
/// [`TerraformChange::is_promotion`]).
pub const PROMOTING_REMOVALS: &[(&str, &str)] = &[("aws_db_instance", "replicate_source_db")];

/// The differences between two Terraform modules.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TerraformDiff {
    /// Whether both sides have a module (an output directory written with `--target
    /// cloudformation` has none, and then nothing is compared).
    pub compared: bool,
    /// Resources that differ, by address.
    pub resources: Vec<TerraformChange>,
}

impl TerraformDiff {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    /// How many resources are added, removed, and changed (modified or moved).
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |wanted: fn(&ResourceAction) -> bool| {
            self.resources
                .iter()
                .filter(|resource| wanted(&resource.action))
                .count()
        };
        (
            count(|action| *action == ResourceAction::Added),
            count(|action| *action == ResourceAction::Removed),
            count(|action| {
                matches!(
                    action,
                    ResourceAction::Modified | ResourceAction::Moved { .. }
                )
            }),
        )
    }

    /// Resources Terraform replaces.
    pub fn replacements(&self) -> usize {
        self.resources
            .iter()
            .filter(|resource| resource.is_replacement())
            .count()
    }
}

/// Every resource of a module by address.
fn resources(module: &BTreeMap<String, Json>) -> BTreeMap<String, &Json> {
    let mut found = BTreeMap::new();
    for file in module.values() {
        let Some(types) = file.get("resource").and_then(Json::as_object) else {
            continue;
        };
        for (kind, named) in types {
            for (name, body) in named.as_object().into_iter().flatten() {
                found.insert(format!("{kind}.{name}"), body);
            }
        }
    }
    found
}

/// `value` with every reference to a `from` address (`aws_iam_role.web.arn` inside `${...}`, an
/// address in `depends_on`) written with its `to` address.
fn with_addresses_moved(value: &Json, renamed: &[(&str, &str)]) -> Json {
    match value {
        // References live in `${...}` expressions, and `depends_on` lists bare addresses.
        Json::String(text) if renamed.iter().any(|(from, _)| text.contains(from)) => {
            let mut text = text.clone();
            for (from, to) in renamed {
                text = replace_address(&text, from, to);
            }
            Json::String(text)
        }
        Json::Array(items) => Json::Array(
            items
                .iter()
                .map(|item| with_addresses_moved(item, renamed))
                .collect(),
        ),
        Json::Object(object) => Json::Object(
            object
                .iter()
                .map(|(key, item)| (key.clone(), with_addresses_moved(item, renamed)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `text` with the address `from` replaced by `to` where it stands as a whole reference: not
/// preceded by a name character, and followed by `.` (an attribute) or the end of the
/// reference.
fn replace_address(text: &str, from: &str, to: &str) -> String {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let before_ok = !rest[..at].chars().next_back().is_some_and(is_name);
        let after = &rest[at + from.len()..];
        let after_ok = !after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        out.push_str(&rest[..at]);
        out.push_str(if before_ok && after_ok { to } else { from });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The `moved` blocks of a module: (from, to).
fn moved_blocks(module: &BTreeMap<String, Json>) -> BTreeMap<String, String> {
    module
        .values()
        .filter_map(|file| file.get("moved")?.as_array())
        .flatten()
        .filter_map(|block| {
            Some((
                block.get("from")?.as_str()?.to_owned(),
                block.get("to")?.as_str()?.to_owned(),
            ))
        })
        .collect()
}

/// Compares two modules; nothing when either side has none.
pub fn diff(before: &BTreeMap<String, Json>, after: &BTreeMap<String, Json>) -> TerraformDiff {
    if before.is_empty() || after.is_empty() {
        return TerraformDiff::default();
    }
    let (old, new) = (resources(before), resources(after));
    let moved: BTreeMap<String, String> = moved_blocks(after)
        .into_iter()
        .filter(|(from, to)| {
            old.contains_key(from) && !new.contains_key(from) && new.contains_key(to)
        })
        .map(|(from, to)| (to, from))
        .collect();
    let moved_from: BTreeSet<&String> = moved.values().collect();
    // A reference to a moved resource names the same object under its new address: read the
    // before side with the new addresses, so that only real changes remain.
    let renamed: Vec<(&str, &str)> = moved
        .iter()
        .map(|(to, from)| (from.as_str(), to.as_str()))
        .collect();
    let old: BTreeMap<String, Json> = old
        .into_iter()
        .map(|(address, body)| (address, with_addresses_moved(body, &renamed)))
        .collect();
    let mut changes = Vec::new();
    for (address, body) in &new {
        if let Some(previous) = old.get(address) {
            if previous != *body {
                changes.push(compare(address, previous, body, None));
            }
        } else if let Some(from) = moved.get(address) {
            changes.push(compare(address, &old[from], body, Some(from)));
        } else {
            changes.push(TerraformChange {
                address: address.clone(),
                action: ResourceAction::Added,
                replaced_by: Vec::new(),
                replaced_through: Vec::new(),
                changes: Vec::new(),
                ignored: Vec::new(),
            });
        }
    }
    for address in old.keys() {
        if !new.contains_key(address) && !moved_from.contains(address) {
            changes.push(TerraformChange {
                address: address.clone(),
                action: ResourceAction::Removed,
                replaced_by: Vec::new(),
                replaced_through: Vec::new(),
                changes: Vec::new(),
                ignored: Vec::new(),
            });
        }
    }
    cascade_replacements(&old, &new, &mut changes);
    changes.sort_by(|a, b| a.address.cmp(&b.address));
    TerraformDiff {
        compared: true,
        resources: changes,
    }
}

fn compare(
    address: &str,
    before: &Json,
    after: &Json,
    moved_from: Option<&String>,
) -> TerraformChange {
    let kind = address.split('.').next().unwrap_or_default();
    let force_new: Vec<Vec<&str>> = force_new_arguments(kind)
        .unwrap_or_default()
        .iter()
        .map(|path| path.split('.').collect())
        .chain(std::iter::once(vec!["region"]))
        .collect();
    let mut found: Vec<Change> = Vec::new();
    tree::compare(&mut Vec::new(), before, after, &mut found);
    let ignoring = ignored_arguments(after);
    let mut replaced_by = BTreeSet::new();
    let mut ignored = BTreeSet::new();
    let changes = found
        .into_iter()
        .map(|change| {
            let meta = matches!(change.path.first(), Some(Step::Field(name)) if META_ARGUMENTS.contains(&name.as_str()));
            let forces = !meta
                && force_new
                    .iter()
                    .any(|argument| tree::overlaps(&change.path, argument));
            if let Some(Step::Field(name)) = change.path.first() {
                if ignoring.contains(name) {
                    ignored.insert(name.clone());
                } else if forces {
                    replaced_by.insert(name.clone());
                }
            }
            PropertyChange {
                path: tree::render_path(&change.path),
                attribute: meta,
                before: change.before,
                after: change.after,
                create_only: forces,
                interrupts: false,
            }
        })
        .collect();
    TerraformChange {
        address: address.to_owned(),
        action: moved_from.map_or(ResourceAction::Modified, |from| ResourceAction::Moved {
            from: from.clone(),
        }),
        replaced_by: replaced_by.into_iter().collect(),
        replaced_through: Vec::new(),
        changes,
        ignored: ignored.into_iter().collect(),
    }
}

/// Marks the resources the provider replaces because a force-new argument refers to a resource
/// it replaces (a replaced bucket takes its policy and configuration resources with it).
/// Repeats until nothing more is replaced.
fn cascade_replacements(
    old: &BTreeMap<String, Json>,
    new: &BTreeMap<String, &Json>,
    changes: &mut Vec<TerraformChange>,
) {
    let mut replaced: BTreeSet<String> = changes
        .iter()
        .filter(|change| change.is_replacement() && change.action == ResourceAction::Modified)
        .map(|change| change.address.clone())
        .collect();
    loop {
        let mut found: Vec<(String, String, String)> = Vec::new();
        for (address, body) in new {
            if replaced.contains(address) || !old.contains_key(address) {
                continue;
            }
            let kind = address.split('.').next().unwrap_or_default();
            for argument in force_new_arguments(kind).unwrap_or_default() {
                let steps: Vec<&str> = argument.split('.').collect();
                let target = tree::select(body, &steps).into_iter().find_map(|value| {
                    let text = value.to_string();
                    replaced
                        .iter()
                        .find(|target| text.contains(&format!("{target}.")))
                        .cloned()
                });
                if let Some(target) = target {
                    found.push((address.clone(), argument.clone(), target));
                    break;
                }
            }
        }
        if found.is_empty() {
            return;
        }
        for (address, argument, target) in found {
            replaced.insert(address.clone());
            let change = match changes.iter_mut().find(|change| change.address == address) {
                Some(change) => change,
                None => {
                    changes.push(TerraformChange {
                        address,
                        action: ResourceAction::Modified,
                        replaced_by: Vec::new(),
                        replaced_through: Vec::new(),
                        changes: Vec::new(),
                        ignored: Vec::new(),
                    });
                    changes.last_mut().expect("invariant: just pushed")
                }
            };
            if !change.replaced_by.contains(&argument) {
                change.replaced_by.push(argument);
            }
            change.replaced_through.push(target);
        }
    }
}

/// The arguments a resource's `lifecycle { ignore_changes = [...] }` lists (the block written as
/// an object or as a one-element list).
fn ignored_arguments(body: &Json) -> BTreeSet<String> {
    let lifecycle = match body.get("lifecycle") {
        Some(Json::Array(blocks)) => blocks.first(),
        other => other,
    };
    lifecycle
        .and_then(|lifecycle| lifecycle.get("ignore_changes"))
        .and_then(Json::as_array)
        .map(|arguments| {
            arguments
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn module(resources: Json, moved: Option<Json>) -> BTreeMap<String, Json> {
        let mut files = BTreeMap::from([(
            "terraform/main.tf.json".to_owned(),
            json!({ "resource": resources }),
        )]);
        if let Some(moved) = moved {
            files.insert(
                "terraform/moved.tf.json".to_owned(),
                json!({ "moved": moved }),
            );
        }
        files
    }

    #[test]
    fn force_new_arguments_replace_and_moved_blocks_do_not() {
        let before = module(
            json!({
                "aws_s3_bucket": {"logs": {"bucket": "a", "tags": {"k": "1"}}},
                "aws_db_instance": {"db": {"instance_class": "db.t4g.medium", "identifier": "x"}},
                "aws_iam_role": {"web_role": {"name": "r"}}
            }),
            None,
        );
        let after = module(
            json!({
                "aws_s3_bucket": {"logs": {"bucket": "b", "tags": {"k": "1"}}},
                "aws_db_instance": {"db": {"instance_class": "db.r6g.large", "identifier": "x"}},
                "aws_iam_role": {"api_role": {"name": "r"}}
            }),
            Some(json!([{"from": "aws_iam_role.web_role", "to": "aws_iam_role.api_role"}])),
        );
        let result = diff(&before, &after);
        let by_address: BTreeMap<&str, &TerraformChange> = result
            .resources
            .iter()
            .map(|change| (change.address.as_str(), change))
            .collect();
        assert_eq!(by_address["aws_s3_bucket.logs"].replaced_by, ["bucket"]);
        assert!(!by_address["aws_db_instance.db"].is_replacement());
        let role = by_address["aws_iam_role.api_role"];
        assert_eq!(
            role.action,
            ResourceAction::Moved {
                from: "aws_iam_role.web_role".into()
            }
        );
        assert!(role.changes.is_empty() && !role.is_replacement());
        assert_eq!(result.replacements(), 1);
        assert_eq!(
            replace_address(
                "${aws_iam_role.web_role.arn} ${aws_iam_role.web_role_2.arn}",
                "aws_iam_role.web_role",
                "aws_iam_role.api_role"
            ),
            "${aws_iam_role.api_role.arn} ${aws_iam_role.web_role_2.arn}"
        );
        // A change lifecycle ignore_changes lists is not applied, and replaces nothing.
        let service = |count: u32, cluster: &str| {
            json!({"aws_ecs_service": {"web": {
                "desired_count": count, "cluster": cluster,
                "lifecycle": {"ignore_changes": ["desired_count", "cluster"]}
            }}})
        };
        let ignored = diff(
            &module(service(2, "a"), None),
            &module(service(4, "b"), None),
        );
        assert_eq!(ignored.resources[0].ignored, ["cluster", "desired_count"]);
        assert!(!ignored.resources[0].is_replacement());
        // Without a module on one side, nothing is compared.
        assert!(!diff(&BTreeMap::new(), &after).compared);
    }

    /// The vendored provider schema the Terraform L1 types are generated from.
    fn provider_schema() -> Json {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let candidates = [root.join("schemas/terraform/tf-aws-schema.json")];
        let path = candidates
            .iter()
            .find(|path| path.exists())
            .expect("the vendored hashicorp/aws provider schema");
        serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON")
    }

    fn has_argument(schema: &Json, path: &[&str]) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return true;
        };
        if *first == "*" {
            return has_argument(schema, rest);
        }
        if rest.is_empty() && schema["attributes"].get(*first).is_some() {
            return true;
        }
        schema["blocks"]
            .get(*first)
            .is_some_and(|block| has_argument(&block["block"], rest))
    }

    #[test]
    fn force_new_table_matches_the_provider_schema() {
        let schema = provider_schema();
        let emitted: BTreeSet<&str> = schema["resources"]
            .as_object()
            .expect("resources")
            .keys()
            .map(String::as_str)
            .chain(["random_password"])
            .collect();
        let listed: BTreeSet<&str> = FORCE_NEW
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_whitespace().next())
            .collect();
        assert_eq!(
            listed, emitted,
            "force_new.txt must list exactly the emitted types"
        );
        for kind in listed.iter().filter(|kind| **kind != "random_password") {
            let resource = &schema["resources"][*kind];
            for argument in force_new_arguments(kind).expect("listed") {
                let path: Vec<&str> = argument.split('.').collect();
                assert!(
                    has_argument(resource, &path),
                    "{kind} has no argument {argument} in the provider schema"
                );
            }
        }
    }
}
