//! Escape hatches (`overrides:`): each becomes an [`OverridePlan`] with its path parsed into
//! steps, its regions checked against the stack's (E734) and its changes checked for being
//! empty or repeated (E733). What the emitters write is not known here: `crate::overrides::check`
//! holds the overrides against it (E730–E732, E735) before anything is written.

use std::collections::BTreeSet;

use meridian_model::suggest::closest;
use meridian_model::{Diagnostic, StackPath, codes};
use serde_json::Value as Json;

use super::Resolver;
use crate::ids::{ACCELERATOR_UNIT, GLOBAL_UNIT};
use crate::types::{OverrideChange, OverridePlan, OverrideStep, OverrideTarget};

impl Resolver<'_> {
    /// The stack's overrides, CloudFormation's then Terraform's, each in the order written.
    pub(crate) fn resolve_overrides(&mut self) -> Vec<OverridePlan> {
        let overrides = &self.stack.overrides;
        let root = StackPath::root().key("overrides");
        let mut plans = Vec::new();
        for (index, entry) in overrides.cloudformation.iter().enumerate() {
            let path = root.key("cloudformation").index(index);
            self.check_override_regions(&entry.regions, &path.key("regions"));
            let changes = self.override_changes(&entry.set, &entry.remove, &path);
            plans.push(OverridePlan {
                target: OverrideTarget::CloudFormation {
                    regions: entry.regions.clone(),
                },
                resource: entry.resource.clone(),
                changes,
                path,
            });
        }
        for (index, entry) in overrides.terraform.iter().enumerate() {
            let path = root.key("terraform").index(index);
            let changes = self.override_changes(&entry.set, &entry.remove, &path);
            plans.push(OverridePlan {
                target: OverrideTarget::Terraform,
                resource: entry.resource.clone(),
                changes,
                path,
            });
        }
        plans
    }

    /// Reports (E734) a region that is neither declared nor the name of a global unit.
    fn check_override_regions(&mut self, regions: &[String], path: &StackPath) {
        let mut known: Vec<&str> = self
            .stack
            .regions
            .iter()
            .map(|region| region.code.as_str())
            .collect();
        known.extend([GLOBAL_UNIT, ACCELERATOR_UNIT]);
        for (index, region) in regions.iter().enumerate() {
            if known.contains(&region.as_str()) {
                continue;
            }
            // A misspelt region code is E101, reported once with its suggestion.
            if self.check_region_code(&path.index(index), region).is_none() {
                continue;
            }
            let help = match closest(region, known.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("use one of: {}", known.join(", ")),
            };
            self.report(
                Diagnostic::new(
                    codes::E734,
                    path.index(index),
                    format!(
                        "the override names the region `{region}`, which the stack does not declare"
                    ),
                )
                .with_help(help),
            );
        }
    }

    /// The changes of one override: every `set` path (sorted, as the map is), then every
    /// `remove`. Reports (E733) an override without changes, an empty path step and a path both
    /// set and removed or removed twice.
    fn override_changes(
        &mut self,
        set: &std::collections::BTreeMap<String, Json>,
        remove: &[String],
        path: &StackPath,
    ) -> Vec<OverrideChange> {
        if set.is_empty() && remove.is_empty() {
            self.report(
                Diagnostic::new(
                    codes::E733,
                    path.clone(),
                    "the override neither sets nor removes anything",
                )
                .with_help("add `set:` (a map of property paths to values) or `remove:` (a list of property paths), or delete the override"),
            );
        }
        let mut seen = BTreeSet::new();
        let mut changes = Vec::new();
        let entries = set
            .iter()
            .map(|(key, value)| (key, Some(value), path.key("set").key(key)))
            .chain(
                remove
                    .iter()
                    .enumerate()
                    .map(|(index, key)| (key, None, path.key("remove").index(index))),
            );
        for (written, value, at) in entries {
            let Some(steps) = self.override_steps(written, &at) else {
                continue;
            };
            if !seen.insert(written.as_str()) {
                self.report(
                    Diagnostic::new(
                        codes::E733,
                        at,
                        format!("the override changes `{written}` twice"),
                    )
                    .with_help("keep one of the two: a property is either set or removed, once"),
                );
                continue;
            }
            changes.push(OverrideChange {
                steps,
                value: value.cloned(),
                path: at,
            });
        }
        changes
    }

    /// `written` split at dots, numbers as list indexes; `None` (reported as E733) when a step
    /// is empty.
    fn override_steps(&mut self, written: &str, at: &StackPath) -> Option<Vec<OverrideStep>> {
        let steps: Vec<OverrideStep> = written
            .split('.')
            .map(|step| match step.parse::<usize>() {
                Ok(index) if step.bytes().all(|byte| byte.is_ascii_digit()) => {
                    OverrideStep::Index(index)
                }
                _ => OverrideStep::Key(step.to_owned()),
            })
            .collect();
        let empty = steps
            .iter()
            .any(|step| matches!(step, OverrideStep::Key(key) if key.is_empty()));
        if empty || matches!(steps.first(), Some(OverrideStep::Index(_))) {
            self.report(
                Diagnostic::new(
                    codes::E733,
                    at.clone(),
                    format!("`{written}` is not a property path"),
                )
                .with_help("write property names joined by dots, starting with a property, with numbers for list elements: `DeploymentConfiguration.MaximumPercent`, `LoadBalancers.0.ContainerPort`"),
            );
            return None;
        }
        Some(steps)
    }
}
