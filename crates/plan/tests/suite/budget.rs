//! The failover budget, the write and read paths and the links between regions, checked for
//! meaning on every bundled plan: each budget step comes from the settings it names, the steps sum
//! to the total and the total is judged against the RTO (W619 past it), the RPO against the
//! replica-lag alarms; every service region writes to the writer and the cache primary in its own
//! VPC or over a peering that exists, and reads locally where it holds a copy.

use meridian_plan::{
    AlarmMetric, BudgetStepKind, CacheRole, DatabaseRole, FailoverBudget, Plan, Planned,
    RolloutStepKind, defaults,
};
use meridian_testkit::{bundled_plans, bundled_stack};

fn seconds(budget: &FailoverBudget, kind: BudgetStepKind) -> Option<u32> {
    budget
        .steps
        .iter()
        .find(|step| step.kind == kind)
        .map(|step| step.seconds)
}

/// The primary's Route 53 detection time, and the primary-region-down alarm's window.
fn detection_of(plan: &Plan) -> (u32, u32) {
    let global = plan.global.as_ref().expect("a global unit");
    let dns = global.dns.as_ref().expect("DNS");
    let record = dns
        .regions
        .iter()
        .find(|record| record.region == plan.primary_region)
        .expect("the primary's record");
    let alarm = global
        .alerting
        .alarms
        .iter()
        .find(|alarm| {
            matches!(&alarm.metric, AlarmMetric::Single(stat) if stat.metric == "HealthCheckStatus")
        })
        .map_or(0, |alarm| alarm.period_seconds * alarm.evaluation_periods);
    (record.interval_seconds * record.failure_threshold, alarm)
}

#[test]
fn every_budget_step_comes_from_its_settings_and_the_steps_sum_to_the_total() {
    let mut budgets = 0;
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let name = &bundled.file_name;
        let Some(budget) = &plan.operations.budget else {
            assert!(
                !plan.operations.failover_enabled || plan.global.is_none(),
                "{name}: failover with DNS but no budget"
            );
            continue;
        };
        budgets += 1;
        let sum: u32 = budget.steps.iter().map(|step| step.seconds).sum();
        assert_eq!(budget.total_seconds, sum, "{name}");
        let kinds: Vec<BudgetStepKind> = budget.steps.iter().map(|step| step.kind).collect();
        let mut ordered = kinds.clone();
        ordered.sort();
        ordered.dedup();
        assert_eq!(
            kinds, ordered,
            "{name}: steps once each, in the order they happen"
        );
        assert!(
            budget.steps.iter().all(|step| !step.basis.is_empty()),
            "{name}: a step without its basis"
        );

        let (route53, alarm) = detection_of(plan);
        assert_eq!(
            seconds(budget, BudgetStepKind::Detect),
            Some(route53 + alarm),
            "{name}"
        );
        let dns = plan
            .global
            .as_ref()
            .and_then(|g| g.dns.as_ref())
            .expect("DNS");
        assert_eq!(
            seconds(budget, BudgetStepKind::DnsShift),
            dns.evaluate_health.then_some(dns.effective_ttl_seconds),
            "{name}"
        );
        let replicas: Vec<_> = plan
            .regions
            .iter()
            .filter_map(|region| Some((region, region.app.as_ref()?.database.as_ref()?)))
            .filter(|(_, database)| matches!(database.role, DatabaseRole::Replica(_)))
            .collect();
        assert_eq!(
            seconds(budget, BudgetStepKind::Promote),
            (!replicas.is_empty()).then_some(plan.operations.promotion_timeout_seconds),
            "{name}"
        );
        let promoted = plan.operations.failover.promoted_replica.as_ref();
        let secondary_there = promoted.is_some_and(|replica| {
            plan.regions.iter().any(|region| {
                region.region == replica.region
                    && region
                        .app
                        .as_ref()
                        .and_then(|app| app.cache.as_ref())
                        .is_some_and(|cache| matches!(cache.role, CacheRole::Secondary { .. }))
            })
        });
        assert_eq!(
            seconds(budget, BudgetStepKind::CacheFailover),
            secondary_there.then_some(defaults::GLOBAL_DATASTORE_FAILOVER_BUDGET_SECONDS),
            "{name}"
        );
        // Redeploy: the slowest surviving service until its first new tasks serve, never less
        // than placing a task, and no draining in it.
        let survivors: Vec<u32> = plan
            .operations
            .rollouts
            .iter()
            .filter(|rollout| rollout.region != plan.primary_region)
            .map(|rollout| {
                rollout
                    .wave
                    .iter()
                    .filter(|step| step.kind != RolloutStepKind::Draining)
                    .map(|step| step.seconds)
                    .sum()
            })
            .collect();
        assert_eq!(
            seconds(budget, BudgetStepKind::Redeploy),
            survivors.iter().max().copied(),
            "{name}"
        );
        if let Some(redeploy) = seconds(budget, BudgetStepKind::Redeploy) {
            assert!(redeploy >= defaults::TASK_PROVISIONING_SECONDS, "{name}");
        }
        assert_eq!(
            budget.exceeds_rto,
            budget.rto_seconds.is_some_and(|rto| sum > rto),
            "{name}"
        );
        assert_eq!(
            budget.rto_seconds,
            plan.objectives.rto_minutes.map(|m| m * 60)
        );
        for alarm in &budget.lag_alarms {
            assert_eq!(
                alarm.within_rpo,
                budget
                    .rpo_seconds
                    .is_none_or(|rpo| alarm.threshold_seconds <= f64::from(rpo)),
                "{name}: {}",
                alarm.name
            );
        }
    }
    assert!(
        budgets >= 5,
        "expected the multi-region stacks, found {budgets}"
    );
}

#[test]
fn rail_backends_budget_runs_every_step_and_fits_its_fifteen_minute_rto() {
    let bundled = bundled_plans()
        .iter()
        .find(|bundled| bundled.name == "rail-backend")
        .expect("the seed's stack");
    let budget = bundled.plan.operations.budget.as_ref().expect("a budget");
    assert!(budget.automatic, "the seed fails over automatically");
    let kinds: Vec<BudgetStepKind> = budget.steps.iter().map(|step| step.kind).collect();
    assert_eq!(
        kinds,
        [
            BudgetStepKind::Detect,
            BudgetStepKind::DnsShift,
            BudgetStepKind::Promote,
            BudgetStepKind::CacheFailover,
            BudgetStepKind::UpdateParameters,
            BudgetStepKind::RaiseCapacity,
            BudgetStepKind::Redeploy,
            BudgetStepKind::Notify,
        ]
    );
    // The stack's own numbers: health checks every 10 s, 3 failures; TTL 30 s; promotion
    // timeout 120 s.
    assert_eq!(seconds(budget, BudgetStepKind::DnsShift), Some(30));
    assert_eq!(seconds(budget, BudgetStepKind::Promote), Some(120));
    assert!(seconds(budget, BudgetStepKind::Detect).is_some_and(|s| s >= 30));
    assert_eq!(budget.rto_seconds, Some(15 * 60));
    assert!(
        budget.total_seconds <= 15 * 60 && !budget.exceeds_rto,
        "{} s",
        budget.total_seconds
    );
    // The replication-lag alert (30 s) watches both replicas, well inside the 5-minute RPO.
    assert_eq!(budget.rpo_seconds, Some(5 * 60));
    let regions: Vec<&str> = budget
        .lag_alarms
        .iter()
        .map(|alarm| alarm.region.as_str())
        .collect();
    assert_eq!(regions, ["eu-west-1", "ap-northeast-1"]);
    assert!(
        budget
            .lag_alarms
            .iter()
            .all(|alarm| { alarm.threshold_seconds == 30.0 && alarm.within_rpo })
    );
}

/// rail-backend.yaml with its RTO in minutes replaced.
fn rail_backend_with_rto(minutes: u32) -> Planned {
    let text = std::fs::read_to_string(bundled_stack("rail-backend.yaml")).expect("readable");
    let edited = text.replace(
        "  rto_minutes: 15\n",
        &format!("  rto_minutes: {minutes}\n"),
    );
    assert_ne!(edited, text);
    let loaded = meridian_model::load_stack("rail-backend.yaml", edited.as_bytes())
        .unwrap_or_else(|failure| panic!("loads: {:#?}", failure.diagnostics));
    meridian_plan::plan(&loaded.stack)
}

#[test]
fn a_budget_beyond_the_rto_warns_and_says_so() {
    let total = bundled_plans()
        .iter()
        .find(|bundled| bundled.name == "rail-backend")
        .and_then(|bundled| bundled.plan.operations.budget.as_ref())
        .expect("a budget")
        .total_seconds;
    // The largest whole-minute RTO below the total warns; the smallest at or above it does not.
    let below = (total - 1) / 60;
    let planned = rail_backend_with_rto(below);
    let warnings: Vec<_> = planned
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "W619")
        .collect();
    let [warning] = warnings.as_slice() else {
        panic!("one W619 for {below} min: {:#?}", planned.diagnostics);
    };
    assert_eq!(warning.path.to_string(), "objectives.rto_minutes");
    assert!(
        warning.message.contains(&format!("{total} s"))
            && warning.message.contains("promote 120 s"),
        "{}",
        warning.message
    );
    let plan = planned.plan.expect("a warning does not stop the plan");
    assert!(plan.operations.budget.expect("a budget").exceeds_rto);

    let fits = rail_backend_with_rto(total.div_ceil(60));
    assert!(
        fits.diagnostics.iter().all(|d| d.code.id() != "W619"),
        "{:#?}",
        fits.diagnostics
    );
}

#[test]
fn every_service_region_writes_to_the_writer_over_a_peering_and_reads_locally_where_it_can() {
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let name = &bundled.file_name;
        let peered = |one: &str, other: &str| {
            plan.operations.region_links.iter().any(|link| {
                (link.requester.as_str() == one && link.accepter.as_str() == other)
                    || (link.requester.as_str() == other && link.accepter.as_str() == one)
            })
        };
        let service_regions: Vec<&str> = plan
            .service_regions()
            .map(|region| region.region.as_str())
            .collect();
        let listed: Vec<&str> = plan
            .operations
            .data_paths
            .iter()
            .map(|paths| paths.region.as_str())
            .collect();
        assert_eq!(listed, service_regions, "{name}");
        let has_global_datastore = plan
            .regions
            .iter()
            .filter_map(|region| region.app.as_ref()?.cache.as_ref())
            .any(meridian_plan::CachePlan::heads_global_datastore);
        for paths in &plan.operations.data_paths {
            let here = paths.region.as_str();
            let app = plan
                .regions
                .iter()
                .find(|region| region.region == paths.region)
                .and_then(|region| region.app.as_ref())
                .expect("a service region");
            for (store, path) in [("database", &paths.database), ("cache", &paths.cache)] {
                let Some(path) = path else { continue };
                for route in [&path.writes, &path.reads] {
                    let there = route.region.as_str();
                    if there == here {
                        assert_eq!(route.peering, None, "{name}: {store} in {here}");
                    } else {
                        let peering = route.peering.as_ref().unwrap_or_else(|| {
                            panic!("{name}: {store} of {here} in {there} without a peering")
                        });
                        assert!(peered(here, there), "{name}: {peering} is no link");
                    }
                }
                // A standalone cache beside the Global Datastore, and every region's cache of a
                // stack without one, is its region's own writable cache: reads and writes stay
                // in the region, and no parameter tracks it.
                let own = store == "cache"
                    && app.cache.as_ref().is_some_and(|cache| {
                        cache.beside_global_datastore || !has_global_datastore
                    });
                if own {
                    assert_eq!(path.parameter, None, "{name}: {store} in {here}");
                    assert_eq!(
                        path.writes.region.as_str(),
                        here,
                        "{name}: {store} in {here}"
                    );
                    assert_eq!(path.reads, path.writes, "{name}: {store} in {here}");
                } else {
                    assert!(path.parameter.is_some(), "{name}: {store} in {here}");
                }
            }
            if let Some(database) = &paths.database {
                assert_eq!(database.writes.role, "writer");
                let writer = plan
                    .regions
                    .iter()
                    .find_map(|region| {
                        let db = region.app.as_ref()?.database.as_ref()?;
                        db.role
                            .is_writer()
                            .then_some((region.region.as_str(), &db.identifier))
                    })
                    .expect("a writer");
                assert_eq!(
                    (database.writes.region.as_str(), &database.writes.target),
                    writer,
                    "{name}"
                );
                match &app.database {
                    Some(local) => {
                        assert_eq!(database.reads.region.as_str(), here, "{name}");
                        assert_eq!(database.reads.target, local.identifier, "{name}");
                    }
                    None => assert_eq!(database.reads, database.writes, "{name}"),
                }
            }
            if let Some(cache) = &paths.cache {
                match &app.cache {
                    Some(local) => assert_eq!(
                        (cache.reads.region.as_str(), &cache.reads.target),
                        (here, &local.replication_group_id),
                        "{name}"
                    ),
                    None => assert_eq!(cache.reads, cache.writes, "{name}"),
                }
            }
        }
        // Every link joins two regions' CIDRs and opens exactly the data-store ports.
        for link in &plan.operations.region_links {
            assert!(!link.requester_cidr.is_empty() && !link.accepter_cidr.is_empty());
            assert_ne!(link.requester_cidr, link.accepter_cidr, "{name}");
            assert!(
                !link.ports_to_accepter.is_empty() || !link.ports_to_requester.is_empty(),
                "{name}: {} opens nothing",
                link.name
            );
            assert!(
                link.requester_routes > 0 && link.accepter_routes > 0,
                "{name}"
            );
        }
    }
}
