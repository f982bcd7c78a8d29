//! Renames without replacement: the rules of `renamed_from` on services and buckets, and the
//! plan's record of every renamed entity. Which names the resources of a renamed entity take is
//! `naming`'s decision ([`crate::naming::EntityName`]); this module only decides which renames
//! are valid.

use meridian_model::codes;
use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath};

use super::Resolver;
use crate::types::{EntityKind, Rename};

/// One entity as the rename rules see it.
struct Named<'a> {
    name: &'a str,
    renamed_from: Option<&'a str>,
    path: StackPath,
}

impl Resolver<'_> {
    /// Checks every `renamed_from` and records the valid ones; an invalid one is ignored (the
    /// entity keeps its own name), so that it causes no second finding such as an ID collision.
    pub(crate) fn check_renames(&mut self) {
        let stack = self.stack;
        let services: Vec<Named<'_>> = stack
            .services
            .iter()
            .enumerate()
            .map(|(index, service)| Named {
                name: &service.name,
                renamed_from: service.renamed_from.as_deref(),
                path: StackPath::root().key("services").index(index),
            })
            .collect();
        let buckets: Vec<Named<'_>> = stack
            .buckets
            .iter()
            .enumerate()
            .map(|(index, bucket)| Named {
                name: &bucket.name,
                renamed_from: bucket.renamed_from.as_deref(),
                path: StackPath::root().key("buckets").index(index),
            })
            .collect();
        self.check_renames_of(EntityKind::Service, &services);
        self.check_renames_of(EntityKind::Bucket, &buckets);
    }

    fn check_renames_of(&mut self, kind: EntityKind, entities: &[Named<'_>]) {
        let what = kind.as_str();
        let (limit, name_code) = match kind {
            EntityKind::Service => (32, codes::E301),
            EntityKind::Bucket => (40, codes::E501),
        };
        let mut claimed: BTreeMap<&str, StackPath> = BTreeMap::new();
        for entity in entities {
            let Some(former) = entity.renamed_from else {
                continue;
            };
            let path = entity.path.key("renamed_from");
            if !super::is_entity_name(former, limit) {
                self.report(
                    Diagnostic::new(
                        name_code,
                        path,
                        format!("`{former}` is not a valid {what} name: lowercase letters, digits and single hyphens, starting with a letter, at most {limit} characters"),
                    )
                    .with_help(format!("`renamed_from` is the exact name the {what} had before, whose IDs its resources keep{}", super::entity_name_example(former, limit))),
                );
                continue;
            }
            if former == entity.name {
                self.report(
                    Diagnostic::new(
                        codes::E902,
                        path,
                        format!("the {what} `{former}` is renamed from its own name"),
                    )
                    .with_help(format!(
                        "remove `renamed_from`, or give the name the {what} had before"
                    )),
                );
                continue;
            }
            if let Some(other) = entities.iter().find(|other| other.name == former) {
                self.report(
                    Diagnostic::new(
                        codes::E903,
                        path,
                        format!("`{}` is renamed from `{former}`, but another {what} is called `{former}` now", entity.name),
                    )
                    .with_help(format!("both would keep the IDs of `{former}`; a {what} can only take over the name of one that no longer exists"))
                    .with_related(other.path.key("name"), format!("the {what} called `{former}`")),
                );
                continue;
            }
            if let Some(first) = claimed.get(former) {
                self.report(
                    Diagnostic::new(
                        codes::E904,
                        path,
                        format!("`{former}` is the former name of two {what}s"),
                    )
                    .with_help(format!("only one {what} can keep the resources of `{former}`; the other is new and needs no `renamed_from`"))
                    .with_related(first.clone(), "the first rename from this name"),
                );
                continue;
            }
            claimed.insert(former, path);
            self.renamed
                .insert((kind, entity.name.to_owned()), former.to_owned());
        }
    }

    /// The plan's renames: every validly renamed entity that was planned, with its resources.
    pub(crate) fn planned_renames(&self) -> Vec<Rename> {
        self.rename_records
            .iter()
            .map(|((kind, current), record)| Rename {
                kind: *kind,
                from: record.from.clone(),
                to: current.clone(),
                logical_ids: record
                    .logical_ids
                    .iter()
                    .map(|(unit, ids)| (unit.clone(), ids.iter().cloned().collect()))
                    .collect(),
                moves: record.moves.iter().cloned().collect(),
            })
            .collect()
    }
}
