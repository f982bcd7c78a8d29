//! What runbooks need to know, derived once: the failover estimate (detection, TTL, promotion, the
//! RTO) and how long each service's deployment may take.

use meridian_model::Stack;

use crate::aws;
use crate::defaults;
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
    Operations {
        failover_enabled: failover.is_some_and(|f| f.enabled.unwrap_or(defaults::FAILOVER_ENABLED))
            && database_failover.is_none_or(|f| f.enabled.unwrap_or(true)),
        promotion_timeout_seconds,
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
    }
}

/// The one failover estimate (see [`FailoverEstimate`] for why draining is not in the total).
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
        app.load_balancer
            .as_ref()?
            .target_groups
            .iter()
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
