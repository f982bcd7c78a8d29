//! Deployment units and their order: storage units (replication destinations first), the
//! primary region, the other regions as declared, then the global unit. Every unit consumes
//! outputs only of units earlier in the order.

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath};

use super::Resolver;
use super::regions::ResolvedRegion;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming;
use crate::types::{
    AppPlan, GlobalPlan, Objectives, Operations, Parameter, Plan, RegionPlan, RegionRole,
    StoragePlan, Unit,
};

impl Resolver<'_> {
    pub(crate) fn parameter_is_used(&self, name: &str) -> bool {
        self.params.contains_key(name)
    }

    pub(crate) fn used_parameters(&self) -> Vec<String> {
        self.params.keys().cloned().collect()
    }

    pub(crate) fn finish(
        &mut self,
        regions: Vec<ResolvedRegion<'_>>,
        storage: Vec<StoragePlan>,
        mut apps: BTreeMap<String, AppPlan>,
        global: Option<GlobalPlan>,
    ) -> Plan {
        let stack = self.stack;
        let mut storage_by_region: BTreeMap<String, StoragePlan> = storage
            .into_iter()
            .filter_map(|plan| {
                plan.unit
                    .region()
                    .map(str::to_owned)
                    .map(|region| (region, plan))
            })
            .collect();
        let mut region_plans = Vec::new();
        for region in &regions {
            let Some(storage) = storage_by_region.remove(&region.code) else {
                continue;
            };
            region_plans.push(RegionPlan {
                region: region.code.clone(),
                role: region.role,
                latency_target_ms: region.model.and_then(|m| m.latency_target_ms),
                storage,
                app: apps.remove(&region.code),
            });
        }
        // Deploy order.
        let mut order: Vec<UnitId> = self
            .storage_order
            .iter()
            .map(|region| UnitId::Storage(region.clone()))
            .collect();
        let primary = self.facts.primary.clone();
        if let Some(primary) = &primary {
            order.push(UnitId::Region(primary.clone()));
        }
        for plan in &region_plans {
            if plan.app.is_some() && Some(&plan.region) != primary.as_ref() {
                order.push(UnitId::Region(plan.region.clone()));
            }
        }
        if global.is_some() {
            order.push(UnitId::Global);
        }
        let mut units = Vec::new();
        // Deploy order is an invariant of valid stacks only: with errors, half-resolved entities
        // (a writer outside the primary region, a replication circle) may point backwards, and
        // the plan is discarded anyway.
        let check_order = !self.diagnostics.iter().any(Diagnostic::is_error);
        for (position, id) in order.iter().enumerate() {
            let depends_on: Vec<UnitId> = self
                .dependencies
                .get(id)
                .map(|set| set.iter().cloned().collect())
                .unwrap_or_default();
            for producer in &depends_on {
                let earlier = order[..position].contains(producer);
                if check_order && !earlier {
                    self.report(
                        Diagnostic::error(
                            "E900",
                            StackPath::root(),
                            format!("internal error: the unit {id} consumes outputs of {producer}, which does not deploy before it; this is a bug in meridian"),
                        )
                        .with_help("please report it with the stack file"),
                    );
                }
            }
            let region = id.region().map_or_else(
                || aws::global_region(&self.facts.partition).to_owned(),
                str::to_owned,
            );
            let description = match id {
                UnitId::Storage(region) => {
                    format!("{}: data key and buckets of {region}", stack.stack)
                }
                UnitId::Region(region) => format!(
                    "{}: {} region {region}",
                    stack.stack,
                    region_plans
                        .iter()
                        .find(|p| &p.region == region)
                        .map_or("", |p| p.role.as_str())
                ),
                UnitId::Global => format!(
                    "{}: global routing, CDN, dashboards and alarms",
                    stack.stack
                ),
            };
            units.push(Unit {
                id: id.clone(),
                stack_name: naming::stack_name(&stack.stack, id),
                template_file: naming::template_file(&stack.stack, id),
                region,
                description,
                depends_on,
                consumes: self
                    .consumed
                    .get(id)
                    .map(|set| set.iter().cloned().collect())
                    .unwrap_or_default(),
                parameters: self
                    .unit_params
                    .get(id)
                    .map(|set| set.iter().cloned().collect())
                    .unwrap_or_default(),
                outputs: self
                    .outputs
                    .get(id)
                    .map(|outputs| outputs.values().cloned().collect())
                    .unwrap_or_default(),
            });
        }
        let parameters = self
            .params
            .iter()
            .map(|(name, info)| {
                let spec = stack.parameters.get(name);
                Parameter {
                    name: name.clone(),
                    cfn_name: naming::cfn_parameter(name),
                    tf_name: naming::tf_variable(name),
                    kind: info.kind,
                    per_region: info.per_region,
                    sensitive: spec.and_then(|s| s.sensitive).unwrap_or(false),
                    description: spec.and_then(|s| s.description.clone()).unwrap_or_else(|| {
                        format!(
                            "{} used at {}",
                            capitalize(super::describe_kind(info.kind)),
                            info.first_use
                        )
                    }),
                    regions: info.regions.iter().cloned().collect(),
                }
            })
            .collect();
        let mut tags = stack.tags.clone();
        tags.insert("meridian:stack".to_owned(), stack.stack.clone());
        let failover = stack.failover.as_ref();
        let database_failover = stack.database.as_ref().and_then(|d| d.failover.as_ref());
        let operations = Operations {
            failover_enabled: failover
                .is_some_and(|f| f.enabled.unwrap_or(defaults::FAILOVER_ENABLED))
                && database_failover.is_none_or(|f| f.enabled.unwrap_or(true)),
            promotion_timeout_seconds: database_failover
                .and_then(|f| f.promotion_timeout_seconds)
                .unwrap_or(defaults::PROMOTION_TIMEOUT_SECONDS),
            promotion_probe_interval_seconds: database_failover
                .and_then(|f| f.health_check_interval_seconds)
                .unwrap_or(defaults::PROMOTION_PROBE_INTERVAL_SECONDS),
            failback_enabled: failover
                .and_then(|f| f.failback.as_ref())
                .is_none_or(|f| f.enabled.unwrap_or(true)),
            failback_wait_seconds: failover
                .and_then(|f| f.failback.as_ref())
                .and_then(|f| f.wait_period_seconds)
                .unwrap_or(defaults::FAILBACK_WAIT_SECONDS),
            // Latency records are aliases to the load balancers, whose own records live 60 s, so
            // resolvers may keep an answer at least that long whatever TTL the stack asks for.
            dns_ttl_seconds: stack
                .dns
                .as_ref()
                .and_then(|d| d.ttl_seconds)
                .unwrap_or(defaults::DNS_TTL_SECONDS)
                .max(defaults::ALIAS_TARGET_TTL_SECONDS),
            probe_timeout_seconds: stack
                .dns
                .as_ref()
                .and_then(|d| d.health_check.timeout_seconds)
                .unwrap_or(defaults::DNS_PROBE_TIMEOUT_SECONDS),
            health_path: stack.dns.as_ref().map(|d| d.health_check.path.clone()),
            domain: stack.dns.as_ref().map(|d| d.domain.clone()),
            failover_targets: match failover.map(|f| f.notify.clone()) {
                Some(targets) if !targets.is_empty() => targets,
                _ => stack
                    .notifications
                    .iter()
                    .filter(|t| {
                        t.severities
                            .contains(&meridian_model::AlertSeverity::Critical)
                    })
                    .map(|t| t.name.clone())
                    .collect(),
            },
        };
        let _ = RegionRole::Primary;
        Plan {
            stack: stack.stack.clone(),
            description: stack
                .description
                .clone()
                .unwrap_or_else(|| format!("{} (synthesized by Meridian)", stack.stack)),
            tags,
            objectives: Objectives {
                availability_percent: stack
                    .objectives
                    .as_ref()
                    .and_then(|o| o.availability_percent),
                rto_minutes: stack.objectives.as_ref().and_then(|o| o.rto_minutes),
                rpo_minutes: stack.objectives.as_ref().and_then(|o| o.rpo_minutes),
            },
            primary_region: primary.unwrap_or_default(),
            global_region: aws::global_region(&self.facts.partition).to_owned(),
            partition: self.facts.partition.clone(),
            parameters,
            units,
            regions: region_plans,
            global,
            operations,
            renames: self.planned_renames(),
        }
    }
}

fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + characters.as_str()
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::resolve::{Planned, plan};

    fn planned_text(name: &str, text: &str) -> Planned {
        let loaded = meridian_model::load_stack(name, text.as_bytes())
            .unwrap_or_else(|failure| panic!("{name} loads: {:#?}", failure.diagnostics));
        plan(&loaded.stack)
    }

    fn bundled_text(file: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../stacks")
            .join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{file}: {error}"))
    }

    #[test]
    fn an_rpo_beyond_a_week_is_refused_without_overflowing() {
        for minutes in ["10081", "4294967295"] {
            let text = format!(
                "{}\nobjectives:\n  rto_minutes: 15\n  rpo_minutes: {minutes}\n",
                bundled_text("minimal.yaml")
            );
            let planned = planned_text("minimal.yaml", &text);
            assert!(planned.plan.is_none());
            let finding = planned
                .diagnostics
                .iter()
                .find(|diagnostic| diagnostic.code == "E106")
                .unwrap_or_else(|| panic!("no E106: {:#?}", planned.diagnostics));
            assert_eq!(finding.path.to_string(), "objectives.rpo_minutes");
        }
        let text = format!(
            "{}\nobjectives:\n  rpo_minutes: 10080\n",
            bundled_text("minimal.yaml")
        );
        assert!(
            planned_text("minimal.yaml", &text).plan.is_some(),
            "a week is allowed"
        );
    }
}
