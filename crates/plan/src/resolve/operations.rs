//! What runbooks and reviewers need to know, derived once: the failover estimate (detection, TTL,
//! promotion, the RTO), the failover budget step by step, how long each service's deployment may
//! take, the private links between regions and the paths of writes and reads.

use meridian_model::{Diagnostic, Stack, StackPath, codes};

use super::Resolver;
use crate::aws;
use crate::defaults;
use crate::ids::RegionCode;
use crate::types::*;

/// What runbooks need: failover and failback settings, the failover estimate, the objectives in
/// seconds, polling and reporting intervals, AWS facts they quote, and each service's rollout
/// budget.
pub(crate) fn operations(
    stack: &Stack,
    primary_region: &str,
    region_plans: &[RegionPlan],
    global: Option<&GlobalPlan>,
) -> Operations {
    let failover = stack.failover.as_ref();
    let database_failover = stack.database.as_ref().and_then(|d| d.failover.as_ref());
    // The objectives check bounds both to a week, so the seconds cannot overflow.
    let rto_seconds = stack
        .objectives
        .as_ref()
        .and_then(|o| o.rto_minutes)
        .map(|minutes| minutes.saturating_mul(60));
    let rpo_seconds = stack
        .objectives
        .as_ref()
        .and_then(|o| o.rpo_minutes)
        .map(|minutes| minutes.saturating_mul(60));
    // The DNS plan's effective TTL: the CNAME records' own, or the load balancer's 60 s that
    // alias records answer with.
    let dns_ttl_seconds = global
        .and_then(|global| global.dns.as_ref())
        .map_or(defaults::DNS_TTL_SECONDS, |dns| dns.effective_ttl_seconds);
    let promotion_timeout_seconds = database_failover
        .and_then(|f| f.promotion_timeout_seconds)
        .unwrap_or(defaults::PROMOTION_TIMEOUT_SECONDS);
    let failover_estimate = failover_estimate(
        primary_region,
        region_plans,
        global,
        dns_ttl_seconds,
        promotion_timeout_seconds,
        rto_seconds,
    );
    let mut operations = Operations {
        failover_enabled: defaults::failover_enabled(failover)
            && database_failover.is_none_or(|f| f.enabled.unwrap_or(true)),
        promotion_timeout_seconds,
        promotion_probe_interval_seconds: database_failover
            .and_then(|f| f.health_check_interval_seconds)
            .unwrap_or(defaults::PROMOTION_PROBE_INTERVAL_SECONDS),
        failback_enabled: failover
            .and_then(|f| f.failback.as_ref())
            .is_none_or(|f| f.enabled.unwrap_or(true)),
        failover_automatic: failover
            .is_some_and(|f| f.mode == Some(meridian_model::FailoverMode::Automatic))
            && region_plans.iter().any(|region| {
                region
                    .app
                    .as_ref()
                    .is_some_and(|app| app.failover.is_some())
            }),
        failover_target_region: failover_target(stack),
        failback_wait_seconds: failover
            .and_then(|f| f.failback.as_ref())
            .and_then(|f| f.wait_period_seconds)
            .unwrap_or(defaults::FAILBACK_WAIT_SECONDS),
        dns_ttl_seconds,
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
        rto_seconds,
        rpo_seconds,
        failover: failover_estimate,
        lag_window_seconds: defaults::REPLICA_LAG_WINDOW_SECONDS,
        rds_metric_period_seconds: aws::RDS_METRIC_PERIOD_SECONDS,
        poll_interval_seconds: defaults::POLL_INTERVAL_SECONDS,
        wait_report_seconds: defaults::WAIT_REPORT_SECONDS,
        route53_healthy_checker_percent: aws::ROUTE53_HEALTHY_CHECKER_PERCENT,
        inline_template_max_bytes: aws::CFN_INLINE_TEMPLATE_MAX_BYTES,
        rollouts: rollout_budgets(region_plans),
        budget: None,
        data_paths: data_paths(region_plans),
        region_links: region_links(region_plans),
    };
    operations.budget = failover_budget(&operations, region_plans, global);
    operations
}

/// The one failover estimate (see [`FailoverEstimate`] for why draining is not in the total).
/// The replica region a failover promotes by default (the checked `failover.target_region`, or
/// the first replica among secondaries, then optionals).
fn failover_target(stack: &Stack) -> Option<RegionCode> {
    let replicas: Vec<String> = stack
        .database
        .iter()
        .flat_map(|database| database.read_replicas.iter().map(|r| r.region.clone()))
        .collect();
    let chosen = stack
        .failover
        .as_ref()
        .and_then(|f| f.target_region.clone())
        .filter(|region| replicas.contains(region));
    chosen
        .or_else(|| super::default_target(stack, &replicas))
        .map(RegionCode::from)
}

pub(crate) fn failover_estimate(
    primary_region: &str,
    regions: &[RegionPlan],
    global: Option<&GlobalPlan>,
    dns_ttl_seconds: u32,
    promotion_timeout_seconds: u32,
    rto_seconds: Option<u32>,
) -> FailoverEstimate {
    let apps = || {
        regions
            .iter()
            .filter_map(|region| region.app.as_ref().map(|app| (region, app)))
    };
    let primary_app = apps()
        .find(|(region, _)| region.region == primary_region)
        .map(|(_, app)| app);
    let primary_load_balancer = primary_app.and_then(|app| app.load_balancer.as_ref());
    let target_detection = primary_load_balancer
        .and_then(|load_balancer| load_balancer.target_groups.first())
        .map(|group| TargetDetection {
            path: group.health.path.clone(),
            interval_seconds: group.health.interval_seconds,
            unhealthy_threshold: group.health.unhealthy_threshold,
            detection_seconds: group
                .health
                .interval_seconds
                .saturating_mul(group.health.unhealthy_threshold),
        });
    let draining_seconds = primary_load_balancer
        .and_then(|load_balancer| {
            load_balancer
                .target_groups
                .iter()
                .map(|group| group.deregistration_delay_seconds)
                .max()
        })
        .unwrap_or(0);
    let dns = global.and_then(|global| global.dns.as_ref());
    let record = dns.and_then(|dns| {
        dns.regions
            .iter()
            .find(|record| record.region == primary_region)
            .or_else(|| dns.regions.first())
    });
    let detection = dns.map(|dns| {
        let (path, interval_seconds, failure_threshold) =
            record.map_or((String::from("/"), 0, 0), |record| {
                (
                    record.path.clone(),
                    record.interval_seconds,
                    record.failure_threshold,
                )
            });
        FailoverDetection {
            domain: dns.domain.clone(),
            path,
            interval_seconds,
            failure_threshold,
            detection_seconds: interval_seconds.saturating_mul(failure_threshold),
            evaluate_health: dns.evaluate_health,
        }
    });
    let probe = detection.as_ref().map(|detection| {
        // The target group that answers the probed path: the one whose own health check asks for
        // it, else the first. Target groups are the same entities in every region.
        let groups = primary_load_balancer
            .or_else(|| apps().find_map(|(_, app)| app.load_balancer.as_ref()))
            .map(|load_balancer| load_balancer.target_groups.as_slice())
            .unwrap_or_default();
        let matcher = groups
            .iter()
            .find(|group| group.health.path == detection.path)
            .or_else(|| groups.first())
            .map_or_else(
                || defaults::TARGET_HEALTH_MATCHER.to_owned(),
                |group| group.health.matcher.clone(),
            );
        FailoverProbe {
            url: format!("https://{}{}", detection.domain, detection.path),
            accepted: matcher_ranges(&matcher),
            matcher,
        }
    });
    let total_seconds = detection.as_ref().map_or(0, |detection| {
        detection.detection_seconds.saturating_add(dns_ttl_seconds)
    });
    let writer_identifier = apps()
        .find_map(|(_, app)| {
            let database = app.database.as_ref()?;
            database
                .role
                .is_writer()
                .then(|| database.identifier.clone())
        })
        .unwrap_or_default();
    let replicas: Vec<(&RegionPlan, &AppPlan)> = apps()
        .filter(|(_, app)| {
            app.database
                .as_ref()
                .is_some_and(|database| matches!(database.role, DatabaseRole::Replica(_)))
        })
        .collect();
    let promoted = replicas
        .iter()
        .find(|(region, _)| region.role == RegionRole::Secondary)
        .or_else(|| replicas.first());
    let promoted_replica = promoted.and_then(|(region, app)| {
        Some(PromotedReplica {
            region: region.region.clone(),
            identifier: app.database.as_ref()?.identifier.clone(),
            writer_identifier: writer_identifier.clone(),
        })
    });
    let cache_region = promoted.and_then(|(region, app)| {
        let cache = app.cache.as_ref()?;
        matches!(cache.role, CacheRole::Secondary { .. }).then(|| region.region.clone())
    });
    let with_promotion_seconds = total_seconds.saturating_add(if promoted_replica.is_some() {
        promotion_timeout_seconds
    } else {
        0
    });
    FailoverEstimate {
        from_region: primary_region.into(),
        detection,
        target_detection,
        draining_seconds,
        dns_ttl_seconds,
        total_seconds,
        promoted_replica,
        cache_region,
        promotion_timeout_seconds,
        with_promotion_seconds,
        fits_rto: rto_seconds.is_none_or(|rto| with_promotion_seconds <= rto),
        probe,
    }
}

/// A target-group matcher (`200`, `200,204`, `200-299`; the services check admits nothing else)
/// as inclusive ranges.
pub(crate) fn matcher_ranges(matcher: &str) -> Vec<(u32, u32)> {
    matcher
        .split(',')
        .filter_map(|item| {
            let item = item.trim();
            match item.split_once('-') {
                Some((from, to)) => Some((from.trim().parse().ok()?, to.trim().parse().ok()?)),
                None => item.parse().ok().map(|code| (code, code)),
            }
        })
        .collect()
}

/// The deployment budget of every service, per region in plan order.
pub(crate) fn rollout_budgets(regions: &[RegionPlan]) -> Vec<RolloutBudget> {
    regions
        .iter()
        .filter_map(|region| region.app.as_ref().map(|app| (region, app)))
        .flat_map(|(region, app)| {
            app.services
                .iter()
                .map(move |service| rollout_budget(&region.region, app, service))
        })
        .collect()
}

pub(crate) fn rollout_budget(region: &str, app: &AppPlan, service: &ServicePlan) -> RolloutBudget {
    let step = |kind, seconds| RolloutStep { kind, seconds };
    let mut wave = vec![step(
        RolloutStepKind::Provisioning,
        defaults::TASK_PROVISIONING_SECONDS,
    )];
    if let Some(grace) = service.health_check_grace_seconds {
        wave.push(step(RolloutStepKind::GracePeriod, grace));
    } else if let Some(health) = &service.health_check {
        wave.push(step(
            RolloutStepKind::ContainerHealth,
            health
                .start_period_seconds
                .saturating_add(health.interval_seconds.saturating_mul(health.retries)),
        ));
    }
    let group = service.load_balancer.as_ref().and_then(|attachment| {
        app.all_load_balancers()
            .flat_map(|lb| &lb.target_groups)
            .find(|group| group.rid == attachment.target_group)
    });
    if let Some(group) = group {
        wave.push(step(
            RolloutStepKind::TargetHealth,
            group
                .health
                .interval_seconds
                .saturating_mul(group.health.healthy_threshold),
        ));
        wave.push(step(
            RolloutStepKind::Draining,
            group.deregistration_delay_seconds,
        ));
    }
    let wave_seconds = wave
        .iter()
        .fold(0u32, |sum, step| sum.saturating_add(step.seconds));
    let deployment = &service.deployment;
    let (waves, bake_seconds) = match deployment.strategy {
        Strategy::BlueGreen => (
            1,
            deployment.bake_time_minutes.unwrap_or(0).saturating_mul(60),
        ),
        Strategy::Rolling => {
            let step = deployment
                .maximum_percent
                .saturating_sub(deployment.minimum_healthy_percent);
            let waves = if step == 0 {
                1
            } else {
                100u32.div_ceil(step).max(1)
            };
            (waves, 0)
        }
    };
    RolloutBudget {
        region: region.into(),
        service: service.name.clone(),
        wave,
        wave_seconds,
        waves,
        bake_seconds,
        total_seconds: wave_seconds
            .saturating_mul(waves)
            .saturating_add(bake_seconds),
    }
}

impl Resolver<'_> {
    /// W619: the failover budget is beyond the RTO. Not when E609 already says detection and
    /// the TTL alone are.
    pub(crate) fn check_failover_budget(&mut self, budget: Option<&FailoverBudget>) {
        let Some(budget) = budget else { return };
        let Some(rto) = budget.rto_seconds.filter(|_| budget.exceeds_rto) else {
            return;
        };
        if self.diagnostics.iter().any(|d| d.code == codes::E609) {
            return;
        }
        let parts: Vec<String> = budget
            .steps
            .iter()
            .map(|step| format!("{} {} s", step.kind.as_str(), step.seconds))
            .collect();
        self.report(
            Diagnostic::new(
                codes::W619,
                StackPath::root().key("objectives").key("rto_minutes"),
                format!(
                    "the failover budget is {} s ({}), beyond the {}-minute RTO of {rto} s",
                    budget.total_seconds,
                    parts.join(" + "),
                    rto / 60
                ),
            )
            .with_help("shorten the promotion timeout, the health checks or the services' start (grace period, health checks), or relax the objective"),
        );
    }
}

/// The failover budget (see [`FailoverBudget`]): the steps the plan's failover goes through, each
/// with the seconds its settings or Meridian's estimates give it. Absent when failover is disabled
/// or there is no DNS to move.
pub(crate) fn failover_budget(
    operations: &Operations,
    regions: &[RegionPlan],
    global: Option<&GlobalPlan>,
) -> Option<FailoverBudget> {
    let estimate = &operations.failover;
    let detection = estimate.detection.as_ref()?;
    if !operations.failover_enabled {
        return None;
    }
    let step = |kind, seconds, basis: String| BudgetStep {
        kind,
        seconds,
        basis,
    };
    let mut steps = Vec::new();
    let alarm = global.and_then(|global| {
        global
            .alerting
            .alarms
            .iter()
            .find(|alarm| alarm_watches(alarm, "AWS/Route53", "HealthCheckStatus"))
    });
    let health = format!(
        "Route 53 checks `{}` every {} s and counts the region down after {} failures ({} s)",
        detection.path,
        detection.interval_seconds,
        detection.failure_threshold,
        detection.detection_seconds
    );
    steps.push(match alarm {
        Some(alarm) => {
            let alarm_seconds = alarm
                .period_seconds
                .saturating_mul(alarm.evaluation_periods);
            step(
                BudgetStepKind::Detect,
                detection.detection_seconds.saturating_add(alarm_seconds),
                format!(
                    "{health}, then the alarm `{}` needs {} × {} s periods ({alarm_seconds} s)",
                    alarm.name, alarm.evaluation_periods, alarm.period_seconds
                ),
            )
        }
        None => step(BudgetStepKind::Detect, detection.detection_seconds, health),
    });
    if detection.evaluate_health {
        steps.push(step(
            BudgetStepKind::DnsShift,
            estimate.dns_ttl_seconds,
            format!(
                "Route 53 withdraws the failed region's record; resolvers may keep its answer for the effective TTL, {} s",
                estimate.dns_ttl_seconds
            ),
        ));
    }
    if let Some(replica) = &estimate.promoted_replica {
        steps.push(step(
            BudgetStepKind::Promote,
            estimate.promotion_timeout_seconds,
            format!(
                "`{}` in {} is promoted; the wait for it to be available is bounded by the promotion timeout, {} s",
                replica.identifier, replica.region, estimate.promotion_timeout_seconds
            ),
        ));
    }
    if let Some(region) = &estimate.cache_region {
        steps.push(step(
            BudgetStepKind::CacheFailover,
            defaults::GLOBAL_DATASTORE_FAILOVER_BUDGET_SECONDS,
            format!(
                "the Global Datastore makes {region} its primary: typically under a minute, budgeted {} s",
                defaults::GLOBAL_DATASTORE_FAILOVER_BUDGET_SECONDS
            ),
        ));
    }
    steps.extend(adoption_steps(operations, regions));
    if !operations.failover_targets.is_empty() {
        steps.push(step(
            BudgetStepKind::Notify,
            defaults::WORKFLOW_CALL_BUDGET_SECONDS,
            format!(
                "a message to {}, one call, {} s",
                operations.failover_targets.join(", "),
                defaults::WORKFLOW_CALL_BUDGET_SECONDS
            ),
        ));
    }
    let total_seconds = steps
        .iter()
        .fold(0u32, |sum, step| sum.saturating_add(step.seconds));
    Some(FailoverBudget {
        automatic: operations.failover_automatic,
        total_seconds,
        rto_seconds: operations.rto_seconds,
        exceeds_rto: operations
            .rto_seconds
            .is_some_and(|rto| total_seconds > rto),
        rpo_seconds: operations.rpo_seconds,
        lag_alarms: lag_alarms(regions, operations.rpo_seconds),
        steps,
    })
}

/// What the surviving regions do once the writer has moved: rewrite their endpoint parameters,
/// raise their services' capacity, and redeploy so new tasks read the parameters.
fn adoption_steps(operations: &Operations, regions: &[RegionPlan]) -> Vec<BudgetStep> {
    let from = &operations.failover.from_region;
    let mut steps = Vec::new();
    let parameters = regions
        .iter()
        .filter_map(|region| region.app.as_ref())
        .flat_map(|app| app.endpoints.iter())
        .count();
    if parameters > 0 {
        steps.push(BudgetStep {
            kind: BudgetStepKind::UpdateParameters,
            seconds: defaults::ENDPOINT_UPDATE_BUDGET_SECONDS,
            basis: format!(
                "`WriterMoved` reaches every region's bus and {parameters} endpoint parameters are rewritten, {} s",
                defaults::ENDPOINT_UPDATE_BUDGET_SECONDS
            ),
        });
    }
    let survivors: Vec<&RolloutBudget> = operations
        .rollouts
        .iter()
        .filter(|rollout| &rollout.region != from)
        .collect();
    if survivors.is_empty() {
        return steps;
    }
    steps.push(BudgetStep {
        kind: BudgetStepKind::RaiseCapacity,
        seconds: defaults::WORKFLOW_CALL_BUDGET_SECONDS,
        basis: format!(
            "the surviving regions' services are raised to primary capacity, one call each, {} s",
            defaults::WORKFLOW_CALL_BUDGET_SECONDS
        ),
    });
    // A forced new deployment restores writes once its first new tasks serve: they are placed,
    // pass their health checks and are registered. Draining the old tasks and a blue/green bake
    // run on after that and are not in the budget.
    let until_serving = |rollout: &RolloutBudget| {
        rollout
            .wave
            .iter()
            .filter(|step| step.kind != RolloutStepKind::Draining)
            .fold(0u32, |sum, step| sum.saturating_add(step.seconds))
    };
    if let Some(slowest) = survivors
        .iter()
        .max_by_key(|rollout| until_serving(rollout))
    {
        let parts: Vec<String> = slowest
            .wave
            .iter()
            .filter(|step| step.kind != RolloutStepKind::Draining)
            .map(|step| format!("{} s {}", step.seconds, rollout_step_words(step.kind)))
            .collect();
        steps.push(BudgetStep {
            kind: BudgetStepKind::Redeploy,
            seconds: until_serving(slowest),
            basis: format!(
                "new tasks read the parameters at start; the slowest, `{}` in {}, serves after {}",
                slowest.service,
                slowest.region,
                parts.join(" + ")
            ),
        });
    }
    steps
}

fn rollout_step_words(kind: RolloutStepKind) -> &'static str {
    match kind {
        RolloutStepKind::Provisioning => "to place the task",
        RolloutStepKind::GracePeriod => "of grace period",
        RolloutStepKind::ContainerHealth => "of container health check",
        RolloutStepKind::TargetHealth => "of target health checks",
        RolloutStepKind::Draining => "of draining",
    }
}

/// Whether an alarm watches one metric alone.
fn alarm_watches(alarm: &AlarmPlan, namespace: &str, metric: &str) -> bool {
    matches!(&alarm.metric, AlarmMetric::Single(stat) if stat.namespace == namespace && stat.metric == metric)
}

/// The alarms on the replicas' lag, each against the RPO.
fn lag_alarms(regions: &[RegionPlan], rpo_seconds: Option<u32>) -> Vec<LagAlarm> {
    regions
        .iter()
        .filter_map(|region| region.app.as_ref().map(|app| (region, app)))
        .flat_map(|(region, app)| {
            app.alerting
                .alarms
                .iter()
                .filter(|alarm| alarm_watches(alarm, "AWS/RDS", "ReplicaLag"))
                .map(move |alarm| LagAlarm {
                    region: region.region.clone(),
                    name: alarm.name.clone(),
                    threshold_seconds: alarm.threshold,
                    period_seconds: alarm.period_seconds,
                    evaluation_periods: alarm.evaluation_periods,
                    within_rpo: rpo_seconds.is_none_or(|rpo| alarm.threshold <= f64::from(rpo)),
                })
        })
        .collect()
}

/// How every service region reaches the database and the cache.
pub(crate) fn data_paths(regions: &[RegionPlan]) -> Vec<RegionDataPaths> {
    let apps = || {
        regions
            .iter()
            .filter_map(|region| region.app.as_ref().map(|app| (region, app)))
    };
    let writer = apps().find_map(|(region, app)| {
        let database = app.database.as_ref()?;
        database
            .role
            .is_writer()
            .then(|| (region.region.clone(), database.identifier.clone()))
    });
    // Without a Global Datastore, each region's group is its own primary (below).
    let cache_primary = apps().find_map(|(region, app)| {
        let cache = app.cache.as_ref()?;
        cache
            .heads_global_datastore()
            .then(|| (region.region.clone(), cache.replication_group_id.clone()))
    });
    apps()
        .filter(|(_, app)| !app.services.is_empty())
        .map(|(region, app)| {
            let here = &region.region;
            let route = |to: &RegionCode, target: &str, role: &str| DataRoute {
                region: to.clone(),
                target: target.to_owned(),
                role: role.to_owned(),
                peering: peering_between(regions, here, to),
            };
            let parameter = |kind: EndpointKind| {
                app.endpoints
                    .iter()
                    .find(|endpoint| endpoint.kind == kind)
                    .map(|endpoint| endpoint.name.clone())
            };
            let database = writer.as_ref().map(|(writer_region, identifier)| {
                let writes = route(writer_region, identifier, "writer");
                let reads = match &app.database {
                    Some(local) if !local.role.is_writer() => {
                        route(here, &local.identifier, "read replica")
                    }
                    _ => writes.clone(),
                };
                DataPath {
                    writes,
                    reads,
                    parameter: parameter(EndpointKind::WriterAddress),
                }
            });
            let cache = match cache_primary.as_ref() {
                // Without a Global Datastore, the region's own group takes its reads and
                // writes, and nothing moves it.
                None => app.cache.as_ref().map(|local| {
                    let own = route(here, &local.replication_group_id, "primary, not replicated");
                    DataPath {
                        writes: own.clone(),
                        reads: own,
                        parameter: None,
                    }
                }),
                Some((primary_region, id)) => Some({
                    let writes = route(primary_region, id, "Global Datastore primary");
                    let (writes, reads) = match &app.cache {
                        Some(local) if matches!(local.role, CacheRole::Secondary { .. }) => {
                            let reads = route(
                                here,
                                &local.replication_group_id,
                                "Global Datastore secondary",
                            );
                            (writes, reads)
                        }
                        // A standalone group beside the Datastore takes its region's reads and
                        // writes.
                        Some(local) if local.beside_global_datastore => {
                            let own = route(here, &local.replication_group_id, "standalone");
                            (own.clone(), own)
                        }
                        _ => (writes.clone(), writes),
                    };
                    DataPath {
                        writes,
                        reads,
                        parameter: parameter(EndpointKind::CachePrimary),
                    }
                }),
            };
            RegionDataPaths {
                region: here.clone(),
                database,
                cache,
            }
        })
        .collect()
}

/// The name of the VPC peering between two regions, whichever requested it; none within a
/// region.
fn peering_between(regions: &[RegionPlan], one: &RegionCode, other: &RegionCode) -> Option<String> {
    if one == other {
        return None;
    }
    regions.iter().find_map(|region| {
        let app = region.app.as_ref()?;
        app.peerings
            .iter()
            .find(|peering| {
                (&region.region == one && &peering.peer_region == other)
                    || (&region.region == other && &peering.peer_region == one)
            })
            .map(|peering| peering.name.clone())
    })
}

/// Every VPC peering with the CIDRs it joins, the ports opened each way and the routes on each
/// side.
pub(crate) fn region_links(regions: &[RegionPlan]) -> Vec<RegionLink> {
    let app_of = |code: &RegionCode| {
        regions
            .iter()
            .find(|region| &region.region == code)
            .and_then(|region| region.app.as_ref())
    };
    let cidr_of = |app: Option<&AppPlan>| {
        app.and_then(|app| app.network.as_ref())
            .map(|network| network.vpc_cidr.clone())
            .unwrap_or_default()
    };
    let ports_from = |app: Option<&AppPlan>, cidr: &str| {
        let mut ports: Vec<u32> = app
            .map(|app| app.security_group_rules.as_slice())
            .unwrap_or_default()
            .iter()
            .filter(|rule| {
                rule.direction == Direction::Ingress
                    && matches!(&rule.peer, Peer::Cidr(peer) if peer == cidr)
            })
            .map(|rule| rule.port)
            .collect();
        ports.sort_unstable();
        ports.dedup();
        ports
    };
    regions
        .iter()
        .filter_map(|region| region.app.as_ref().map(|app| (region, app)))
        .flat_map(|(region, app)| {
            app.peerings.iter().map(move |peering| {
                let accepter = app_of(&peering.peer_region);
                let requester_cidr = cidr_of(Some(app));
                let accepter_cidr = cidr_of(accepter);
                let accepter_routes = regions
                    .iter()
                    .find(|other| other.region == peering.peer_region)
                    .and_then(|other| other.links.as_ref())
                    .map_or(0, |links| {
                        links
                            .routes
                            .iter()
                            .filter(|route| route.peer_region == region.region)
                            .count()
                    });
                RegionLink {
                    name: peering.name.clone(),
                    requester: region.region.clone(),
                    requester_unit: app.unit.clone(),
                    accepter: peering.peer_region.clone(),
                    ports_to_accepter: ports_from(accepter, &requester_cidr),
                    ports_to_requester: ports_from(Some(app), &accepter_cidr),
                    requester_routes: app
                        .peer_routes
                        .iter()
                        .filter(|route| route.peer_region == peering.peer_region)
                        .count(),
                    accepter_routes,
                    requester_cidr,
                    accepter_cidr,
                }
            })
        })
        .collect()
}
