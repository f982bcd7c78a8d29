//! Identities: every resource's logical ID and Terraform name, checked for collisions with the
//! entity that caused each (E901), and the records of renamed entities' resources.

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::ids::{LogicalId, Rid, UnitId};
use crate::naming::{self, EntityName};
use crate::types::*;

impl<'a> Resolver<'a> {
    /// A resource identity in `unit`, checked for collisions with every other ID there.
    pub fn rid(&mut self, unit: &UnitId, logical: impl Into<String>, path: &StackPath) -> Rid {
        let rid = naming::rid(logical, unit);
        self.check_rid(unit, rid, path)
    }

    /// The names of the entity of `kind` called `current` in the stack file: its former name
    /// too when it was validly renamed.
    pub fn entity(&self, kind: EntityKind, current: &str) -> EntityName {
        let former = self.renamed.get(&(kind, current.to_owned()));
        EntityName::new(kind, current, former.map(String::as_str))
    }

    /// The identity of an entity's resource whose logical ID `role` builds from the entity's
    /// PascalCase name: see [`naming::entity_rid`]. A renamed entity's resource is recorded for
    /// the plan's renames.
    pub fn entity_rid(
        &mut self,
        unit: &UnitId,
        entity: &EntityName,
        role: impl Fn(&str) -> String,
        path: &StackPath,
    ) -> Rid {
        self.entities_rid(unit, &[entity], |bases| role(&bases[0]), path)
    }

    /// [`Self::entity_rid`] for a resource whose logical ID names several entities.
    pub fn entities_rid(
        &mut self,
        unit: &UnitId,
        entities: &[&EntityName],
        role: impl Fn(&[String]) -> String,
        path: &StackPath,
    ) -> Rid {
        let (rid, former) = naming::entities_rid(entities, role, unit);
        let rid = self.check_rid(unit, rid, path);
        if let Some(former) = former {
            for entity in entities.iter().filter(|entity| entity.is_renamed()) {
                let record = self
                    .rename_records
                    .entry((entity.kind, entity.current.clone()))
                    .or_default();
                record.from.clone_from(&entity.identity);
                record
                    .logical_ids
                    .entry(unit.clone())
                    .or_default()
                    .insert(rid.logical.clone());
                record.moves.insert(TfMove {
                    from: former.clone(),
                    to: rid.tf.clone(),
                });
            }
        }
        rid
    }

    /// Claims `name` for the entity at `path` among `seen`, the names of its kind so far. A name
    /// claimed before is reported as `code` on the entity's `name`, pointing at the first use,
    /// and `false` is returned; the first use keeps the name.
    pub(crate) fn claim_name<'n>(
        &mut self,
        seen: &mut BTreeMap<&'n str, StackPath>,
        name: &'n str,
        path: &StackPath,
        code: Code,
        kind: &str,
        help: &str,
    ) -> bool {
        if let Some(first) = seen.get(name) {
            let first = first.clone();
            self.report(
                Diagnostic::new(
                    code,
                    path.key("name"),
                    format!("the {kind} name `{name}` is used twice"),
                )
                .with_help(help)
                .with_related(first, format!("the first {kind} with this name")),
            );
            return false;
        }
        seen.insert(name, path.clone());
        true
    }

    /// `work` on the registry of `namespace`'s IDs, made (with the next index) the first time
    /// the namespace is met, which is the only time it is cloned. (A closure rather than a
    /// returned borrow: one lookup serves, which returning the first lookup's borrow from one
    /// branch would not let the borrow checker accept.)
    fn in_namespace<R>(&mut self, namespace: &UnitId, work: impl FnOnce(&mut Namespace) -> R) -> R {
        let count = self.ids.len();
        match self.ids.get_mut(namespace) {
            Some(registry) => work(registry),
            None => work(
                self.ids
                    .entry(namespace.clone())
                    .or_insert_with(|| Namespace {
                        index: count,
                        ids: FastHashMap::default(),
                    }),
            ),
        }
    }

    /// What a measuring resolution records of an ID: that its namespace holds it and, for a
    /// services unit's, which unit it is placed in; `unit_sizes` (split.rs) counts both.
    fn count_rid(&mut self, unit: &UnitId, logical: &LogicalId) {
        let namespace = unit.id_namespace();
        let new = self.in_namespace(&namespace, |registry| {
            match registry.ids.entry(logical.clone()) {
                std::collections::hash_map::Entry::Vacant(vacant) => {
                    vacant.insert(StackPath::root());
                    true
                }
                std::collections::hash_map::Entry::Occupied(_) => false,
            }
        });
        if new && namespace != *unit {
            self.placement
                .entry(namespace)
                .or_default()
                .insert(logical.clone(), unit.clone());
        }
    }

    /// Checks a derived identity for collisions with every other logical ID of `unit` and every
    /// Terraform name of the module.
    ///
    /// A measuring resolution (split.rs) only counts IDs: its findings are discarded and its
    /// Terraform names are never written, so it records neither collisions nor Terraform names.
    pub(crate) fn check_rid(&mut self, unit: &UnitId, rid: Rid, path: &StackPath) -> Rid {
        let measuring = self.measuring();
        if measuring {
            self.count_rid(unit, &rid.logical);
            return rid;
        }
        if let Some(problem) = naming::identifier_problem(&rid) {
            // The checks of each entity's name keep every derived ID valid; one that is not is a
            // gap in those checks, reported where the name is instead of reaching an emitter.
            let mut gap = Diagnostic::bug(format!(
                "the name here gives a resource ID that not every target accepts: {problem}"
            ))
            .with_help(
                "renaming the entity (letters, digits and `-`, starting with a letter) avoids it",
            );
            gap.path = path.clone();
            self.report(gap);
        }
        let logical = &rid.logical;
        let namespace = unit.id_namespace();
        // The registry answers whether the ID was asked for before, and from where.
        let (index, known, first_path) =
            self.in_namespace(&namespace, |registry| match registry.ids.get(logical) {
                Some(first) => (registry.index, true, first.clone()),
                None => {
                    registry.ids.insert(logical.clone(), path.clone());
                    (registry.index, false, path.clone())
                }
            });
        let collision = (known && first_path != *path).then(|| first_path.clone());
        // Only a services unit's resources, and a second request of an ID, touch the placement.
        if known || namespace != *unit {
            let placed = match self.placement.get_mut(&namespace) {
                Some(placed) => placed,
                None => self.placement.entry(namespace.clone()).or_default(),
            };
            let before = placed.get(logical).unwrap_or(&namespace);
            if known && before != unit {
                let before = before.clone();
                self.report(Diagnostic::bug(format_args!(
                    "`{logical}` was placed in {before} and is now asked for in {unit}"
                )));
            } else if namespace != *unit {
                placed.insert(logical.clone(), unit.clone());
            }
        }
        if let Some(first) = collision {
            self.report(
                Diagnostic::new(
                    codes::E901,
                    path.clone(),
                    format!("the derived resource ID `{logical}` collides with the one derived from `{first}`"),
                )
                .with_help("rename one of the two entities; IDs come from entity names, so names that differ only in punctuation or case collide")
                .with_related(first, "the first entity with this ID"),
            );
        }
        // Terraform names share one module: a storage unit and an application unit of the same
        // region must not derive the same name. The registry keeps the first name's namespace
        // (by its index) and the place `ids` recorded for its logical ID.
        match self.tf_ids.get(&rid.tf) {
            Some((first_namespace, first)) if *first_namespace != index => {
                let first = first.clone();
                self.report(
                    Diagnostic::new(
                        codes::E901,
                        path.clone(),
                        format!("the derived Terraform name `{}` collides with the one derived from `{first}`", rid.tf),
                    )
                    .with_help("rename one of the two entities; Meridian's own resources use names such as `LoadBalancerAccessLogsBucket`, which a bucket named `load-balancer-access-logs` would repeat")
                    .with_related(first, "the first entity with this name"),
                );
            }
            Some(_) => {}
            None => {
                self.tf_ids.insert(rid.tf.clone(), (index, first_path));
            }
        }
        rid
    }
}
