//! Deployment units and their order: storage units (replication destinations first), the
//! primary region, the other regions as declared, then the global unit. Every unit consumes
//! outputs only of units earlier in the order.

use std::collections::{BTreeMap, BTreeSet};

use meridian_model::Diagnostic;

use super::*;
use crate::aws;
use crate::ids::UnitId;
use crate::naming::{self};
use crate::types::*;

impl<'a> Resolver<'a> {
    /// The plan: the regions with their units' content, the units in deploy order, the
    /// parameters and what runbooks need.
    pub(crate) fn finish(
        &mut self,
        regions: Regions<'_>,
        storage: Storage,
        apps: BTreeMap<RegionCode, AppPlan>,
        links: BTreeMap<RegionCode, LinksPlan>,
        (global, accelerator): (Option<GlobalPlan>, Option<AcceleratorPlan>),
    ) -> Plan {
        let stack = self.stack;
        let mut apps = apps;
        for app in apps.values_mut() {
            app.placement = self
                .placement
                .get(&app.unit)
                .map(|placed| {
                    placed
                        .iter()
                        .map(|(logical, unit)| (logical.clone(), unit.clone()))
                        .collect()
                })
                .unwrap_or_default();
            // A services unit reads the application unit's resources, and the last may hold a
            // composite alarm over alarms of the others (split.rs).
            let groups: BTreeSet<UnitId> = app.placement.values().cloned().collect();
            for (position, group) in groups.iter().enumerate() {
                let producers = self.dependencies.entry(group.clone()).or_default();
                producers.insert(app.unit.clone());
                producers.extend(groups.iter().take(position).cloned());
            }
        }
        let region_plans = region_plans(&regions, storage.plans, apps, links);
        let order = deploy_order(
            &storage.order,
            regions.primary.as_deref(),
            &region_plans,
            (global.is_some(), accelerator.is_some()),
        );
        let units = self.units(&order, &region_plans, global.as_ref());
        let parameters = self.planned_parameters();
        let mut tags = stack.tags.clone();
        tags.insert(naming::STACK_TAG.to_owned(), stack.stack.clone());
        if let Some(environment) = &stack.environment {
            tags.insert(naming::ENVIRONMENT_TAG.to_owned(), environment.clone());
            tags.insert(
                naming::MANAGED_BY_TAG.to_owned(),
                naming::MANAGED_BY.to_owned(),
            );
        }
        let primary_region = regions.primary.clone().unwrap_or_default();
        let operations = operations(stack, &primary_region, &region_plans, global.as_ref());
        self.check_failover_budget(operations.budget.as_ref());
        let app_configs = self.resolve_app_configs(&region_plans);
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
            primary_region,
            global_region: aws::global_region(&self.partition).into(),
            partition: self.partition.clone(),
            parameters,
            units,
            regions: region_plans,
            global,
            accelerator,
            operations,
            renames: self.planned_renames(),
            acknowledged: Vec::new(),
            terraform_backend: self.resolve_terraform_backend(),
            app_configs,
            overrides: self.resolve_overrides(),
        }
    }

    /// The units in `order`, each with its stack, template, dependencies, consumed outputs,
    /// parameters, outputs and capabilities.
    fn units(
        &mut self,
        order: &[UnitId],
        region_plans: &[RegionPlan],
        global: Option<&GlobalPlan>,
    ) -> Vec<Unit> {
        let stack = self.stack;
        let mut units = Vec::new();
        // Deploy order is an invariant of valid stacks only: with errors, half-resolved entities
        // (a writer outside the primary region, a replication circle) may point backwards, and
        // the plan is discarded anyway.
        let check_order = !self.diagnostics.iter().any(Diagnostic::is_error);
        // Measuring a split region puts each service in a unit of its own, each depending on
        // the ones before it: a scan of the order per dependency was quadratic in the units.
        let positions: BTreeMap<&UnitId, usize> = order
            .iter()
            .enumerate()
            .map(|(position, id)| (id, position))
            .collect();
        for (position, id) in order.iter().enumerate() {
            let depends_on: Vec<UnitId> = self
                .dependencies
                .get(id)
                .map(|set| set.iter().cloned().collect())
                .unwrap_or_default();
            for producer in &depends_on {
                let earlier = positions.get(producer).is_some_and(|at| *at < position);
                if check_order && !earlier {
                    self.report(Diagnostic::bug(format_args!(
                        "the unit {id} consumes outputs of {producer}, which does not deploy before it"
                    )));
                }
            }
            let region = match id {
                UnitId::Accelerator => RegionCode::from(aws::ACCELERATOR_REGION),
                _ => id.region().map_or_else(
                    || RegionCode::from(aws::global_region(&self.partition)),
                    Clone::clone,
                ),
            };
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
                UnitId::Services(region, group) => {
                    let names: Vec<&str> = region_plans
                        .iter()
                        .filter(|plan| &plan.region == region)
                        .filter_map(|plan| plan.app.as_ref())
                        .flat_map(|app| {
                            app.services.iter().filter(|service| {
                                app.placement.get(&service.rid.logical) == Some(id)
                            })
                        })
                        .map(|service| service.name.as_str())
                        .collect();
                    format!(
                        "{}: services of {region}, group {group} ({})",
                        stack.stack,
                        names.join(", ")
                    )
                }
                UnitId::Links(region) => format!(
                    "{}: routes of {region} to the VPC peerings of later regions",
                    stack.stack
                ),
                UnitId::Global => format!(
                    "{}: global routing, CDN, dashboards and alarms",
                    stack.stack
                ),
                UnitId::Accelerator => format!(
                    "{}: Global Accelerator in front of the regional load balancers",
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
                capabilities: capabilities(id, region_plans, global),
            });
        }
        units
    }
}

/// Each region with its storage unit's content and, for service regions, its application
/// unit's.
fn region_plans(
    regions: &Regions<'_>,
    storage: Vec<StoragePlan>,
    mut apps: BTreeMap<RegionCode, AppPlan>,
    mut links: BTreeMap<RegionCode, LinksPlan>,
) -> Vec<RegionPlan> {
    let mut storage_by_region: BTreeMap<RegionCode, StoragePlan> = storage
        .into_iter()
        .filter_map(|plan| plan.unit.region().cloned().map(|region| (region, plan)))
        .collect();
    let mut region_plans = Vec::new();
    for region in regions.iter() {
        let Some(storage) = storage_by_region.remove(&region.code) else {
            continue;
        };
        region_plans.push(RegionPlan {
            region: region.code.clone(),
            role: region.role,
            latency_target_ms: region.model.and_then(|m| m.latency_target_ms),
            storage,
            app: apps.remove(&region.code),
            links: links.remove(&region.code),
        });
    }
    region_plans
}

/// Storage units (in their replication order), the primary region, the other regions as
/// declared, the links units in the same order, then the global unit.
fn deploy_order(
    storage_order: &[RegionCode],
    primary: Option<&str>,
    region_plans: &[RegionPlan],
    (global, accelerator): (bool, bool),
) -> Vec<UnitId> {
    let mut order: Vec<UnitId> = storage_order
        .iter()
        .map(|region| UnitId::Storage(region.clone()))
        .collect();
    let applications = application_order(
        primary,
        region_plans
            .iter()
            .filter(|plan| plan.app.is_some())
            .map(|plan| &plan.region),
    );
    for region in &applications {
        order.push(UnitId::Region(region.clone()));
        // Its services units, right after it (split.rs).
        let groups: BTreeSet<&UnitId> = region_plans
            .iter()
            .filter(|plan| &plan.region == region)
            .filter_map(|plan| plan.app.as_ref())
            .flat_map(|app| app.placement.values())
            .collect();
        order.extend(groups.into_iter().cloned());
    }
    for region in &applications {
        let has_links = region_plans
            .iter()
            .any(|plan| &plan.region == region && plan.links.is_some());
        if has_links {
            order.push(UnitId::Links(region.clone()));
        }
    }
    if global {
        order.push(UnitId::Global);
    }
    // Reads every load balancer's ARN; nothing reads its outputs.
    if accelerator {
        order.push(UnitId::Accelerator);
    }
    order
}

pub(crate) fn capitalize(text: &str) -> String {
    let mut characters = text.chars();
    characters.next().map_or_else(String::new, |first| {
        first.to_ascii_uppercase().to_string() + characters.as_str()
    })
}

/// The roles a bucket's replication creates.
pub(crate) fn bucket_needs_iam(bucket: &BucketPlan) -> bool {
    bucket.replication.is_some()
}

/// What CloudFormation must be granted to deploy `id`, from what the unit holds: IAM roles
/// (bucket replication, flow logs, task and execution roles, the blue/green infrastructure role,
/// enhanced monitoring) need `CAPABILITY_IAM`; the writer's hosted password rotation is a
/// transform, which needs `CAPABILITY_AUTO_EXPAND` and, since its expansion creates the rotation
/// function's role, `CAPABILITY_IAM`. The plan names no IAM resource (CloudFormation generates
/// the names, so stacks of several deployments coexist in one account), so no unit needs
/// `CAPABILITY_NAMED_IAM`; a role given a fixed name would have to add it here, and the emitter's
/// tests compare these capabilities with what the templates require.
pub(crate) fn capabilities(
    id: &UnitId,
    regions: &[RegionPlan],
    global: Option<&GlobalPlan>,
) -> Vec<Capability> {
    let region_of = |code: &str| regions.iter().find(|plan| plan.region == code);
    let (iam, transform) = match id {
        UnitId::Storage(region) => (
            region_of(region).is_some_and(|plan| plan.storage.buckets.iter().any(bucket_needs_iam)),
            false,
        ),
        UnitId::Region(region) => {
            region_of(region)
                .and_then(|plan| plan.app.as_ref())
                .map_or((false, false), |app| {
                    let flow_logs = app
                        .network
                        .as_ref()
                        .and_then(|network| network.created.as_ref())
                        .is_some_and(|created| created.flow_logs.is_some());
                    let access_logs = app
                        .all_load_balancers()
                        .filter_map(|load_balancer| load_balancer.access_logs.as_ref())
                        .any(bucket_needs_iam);
                    // Every service has a task and an execution role; every database instance an
                    // enhanced-monitoring role.
                    let roles = flow_logs
                        || access_logs
                        || app
                            .services
                            .iter()
                            .any(|service| !app.placement.contains_key(&service.rid.logical))
                        || app.database.is_some()
                        || app.failover.is_some();
                    let rotation = app.adopted_credentials.is_some()
                        || app.database.as_ref().is_some_and(|database| {
                            matches!(database.role, DatabaseRole::Writer(_))
                        });
                    (roles, rotation)
                })
        }
        // Each service's task and execution roles.
        UnitId::Services(..) => (true, false),
        // Routes only; the accelerator, its listener and endpoint groups.
        UnitId::Links(_) | UnitId::Accelerator => (false, false),
        UnitId::Global => (
            global.is_some_and(|global| {
                global
                    .cdn
                    .as_ref()
                    .is_some_and(|cdn| bucket_needs_iam(&cdn.bucket))
                    || !global.failover_rules.is_empty()
            }),
            false,
        ),
    };
    let mut capabilities = Vec::new();
    if iam || transform {
        capabilities.push(Capability::Iam);
    }
    if transform {
        capabilities.push(Capability::AutoExpand);
    }
    capabilities
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::matcher_ranges;
    use crate::defaults;
    use crate::ids::UnitId;
    use crate::resolve::{Planned, plan};
    use crate::types::{Capability, Plan, RolloutStepKind};

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

    fn bundled(file: &str) -> Plan {
        let planned = planned_text(file, &bundled_text(file));
        planned
            .plan
            .unwrap_or_else(|| panic!("{file} plans: {:#?}", planned.diagnostics))
    }

    #[test]
    fn matchers_become_ranges() {
        assert_eq!(matcher_ranges("200"), vec![(200, 200)]);
        assert_eq!(matcher_ranges("200,204"), vec![(200, 200), (204, 204)]);
        assert_eq!(matcher_ranges("200-299"), vec![(200, 299)]);
        assert_eq!(matcher_ranges("200,301-302"), vec![(200, 200), (301, 302)]);
    }

    /// Detection plus TTL, without the draining time; the same figures everywhere.
    #[test]
    fn the_failover_estimate_is_detection_plus_ttl() {
        let plan = bundled("rail-backend.yaml");
        let estimate = &plan.operations.failover;
        let detection = estimate.detection.as_ref().expect("rail-backend has DNS");
        // 10 s × 3 failures, and the 30 s TTL of the CNAME records.
        assert_eq!(detection.detection_seconds, 30);
        assert_eq!(estimate.dns_ttl_seconds, 30);
        assert_eq!(estimate.total_seconds, 60);
        assert_eq!(estimate.draining_seconds, 30);
        assert_eq!(estimate.from_region, "us-east-1");
        let replica = estimate.promoted_replica.as_ref().expect("a replica");
        assert_eq!(replica.region, "eu-west-1");
        assert_eq!(estimate.cache_region.as_deref(), Some("eu-west-1"));
        assert_eq!(
            estimate.with_promotion_seconds,
            60 + estimate.promotion_timeout_seconds
        );
        assert_eq!(plan.operations.rto_seconds, Some(15 * 60));
        assert_eq!(plan.operations.rpo_seconds, Some(5 * 60));
        assert!(estimate.fits_rto);
        let probe = estimate.probe.as_ref().expect("a probe");
        assert_eq!(probe.url, "https://api.rail-service.com/health");
        assert_eq!(probe.matcher, defaults::TARGET_HEALTH_MATCHER);
        assert_eq!(probe.accepted, vec![(200, 200)]);
    }

    #[test]
    fn without_dns_nothing_fails_over_automatically() {
        let plan = bundled("minimal.yaml");
        let estimate = &plan.operations.failover;
        assert!(estimate.detection.is_none());
        assert!(estimate.probe.is_none());
        assert_eq!(estimate.total_seconds, 0);
        assert!(estimate.promoted_replica.is_none());
        assert_eq!(plan.operations.rpo_seconds, None);
    }

    /// The probe accepts what the target group's health check accepts.
    #[test]
    fn the_probe_accepts_the_target_groups_matcher() {
        let text = bundled_text("rail-backend.yaml").replacen(
            "      health_check:\n        path: /health\n",
            "      health_check:\n        path: /health\n        matcher: \"200,204-206\"\n",
            1,
        );
        let planned = planned_text("rail-backend.yaml", &text);
        let plan = planned
            .plan
            .unwrap_or_else(|| panic!("{:#?}", planned.diagnostics));
        let probe = plan.operations.failover.probe.expect("a probe");
        assert_eq!(probe.matcher, "200,204-206");
        assert_eq!(probe.accepted, vec![(200, 200), (204, 206)]);
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
        let plan = planned_text("minimal.yaml", &text)
            .plan
            .expect("a week is allowed");
        assert_eq!(plan.operations.rpo_seconds, Some(10_080 * 60));
    }

    /// IAM roles and transforms decide the capabilities; units without either need none.
    #[test]
    fn capabilities_follow_what_a_unit_holds() {
        let plan = bundled("rail-backend.yaml");
        let of = |id: UnitId| {
            plan.units
                .iter()
                .find(|unit| unit.id == id)
                .map(|unit| unit.capabilities.clone())
                .expect("the unit")
        };
        // The audit bucket replicates (a role) from us-east-1 into storage-only regions.
        assert_eq!(
            of(UnitId::Storage("us-east-1".into())),
            vec![Capability::Iam]
        );
        assert_eq!(of(UnitId::Storage("us-west-2".into())), Vec::new());
        // The writer rotates its password through the Secrets Manager transform.
        assert_eq!(
            of(UnitId::Region("us-east-1".into())),
            vec![Capability::Iam, Capability::AutoExpand]
        );
        assert_eq!(
            of(UnitId::Region("eu-west-1".into())),
            vec![Capability::Iam]
        );
        // The automatic failover's alarm rule delivers to eu-west-1 as a role.
        assert_eq!(of(UnitId::Global), vec![Capability::Iam]);
    }

    #[test]
    fn rollout_budgets_add_up() {
        let plan = bundled("rail-backend.yaml");
        assert!(!plan.operations.rollouts.is_empty());
        for budget in &plan.operations.rollouts {
            assert_eq!(budget.wave[0].kind, RolloutStepKind::Provisioning);
            assert_eq!(budget.wave[0].seconds, defaults::TASK_PROVISIONING_SECONDS);
            let wave: u32 = budget.wave.iter().map(|step| step.seconds).sum();
            assert_eq!(budget.wave_seconds, wave);
            assert_eq!(
                budget.total_seconds,
                wave * budget.waves + budget.bake_seconds
            );
        }
        // Blue/green api in the primary: 120 + 60 grace + 30 × 2 healthy + 30 draining + 5 min.
        let api = plan
            .operations
            .rollouts
            .iter()
            .find(|budget| budget.region == "us-east-1" && budget.service == "api")
            .expect("api in us-east-1");
        assert_eq!(
            (api.waves, api.bake_seconds, api.total_seconds),
            (1, 300, 570)
        );
    }
}
