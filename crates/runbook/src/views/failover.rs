//! View-model of `test-failover.sh`: per region the load balancer and target groups to check,
//! the Route 53 health checks, the read replicas, the endpoints to probe, the primary services a
//! simulated failure stops, and the waits derived from the plan.

use meridian_plan::{AppPlan, Attr, Plan, RegionRole, Rid, Unit, UnitId};
use serde::Serialize;

use crate::files;
use crate::lookup;
use crate::text::Word;

/// `test-failover.sh`.
#[derive(Debug, Serialize)]
pub(crate) struct FailoverView {
    /// Stack name.
    pub stack: Word,
    /// Primary region.
    pub primary_region: Word,
    /// Whether the stack enables failover.
    pub failover_enabled: bool,
    /// Regions with an application unit, in plan order.
    pub regions: Vec<FailoverRegion>,
    /// Latency routing, when the stack has DNS.
    pub dns: Option<FailoverDns>,
    /// Read replicas and what promotion readiness requires.
    pub replicas: Vec<ReplicaCheck>,
    /// Replica lag allowed for promotion (the RPO), when the stack states one.
    pub rpo_seconds: Option<u32>,
    /// Seconds of replica-lag history inspected.
    pub lag_window_seconds: u32,
    /// Period of the `ReplicaLag` metric.
    pub metric_period_seconds: u32,
    /// Timeout of every HTTP probe.
    pub probe_timeout_seconds: u32,
    /// What `--simulate` stops, when a simulation is possible.
    pub simulation: Option<Simulation>,
    /// Why `--simulate` is refused, when it is.
    pub simulation_refusal: Word,
}

/// A region's load balancer and target groups.
#[derive(Debug, Serialize)]
pub(crate) struct FailoverRegion {
    /// Region.
    pub region: Word,
    /// Role.
    pub role: Word,
    /// `primary` or `standby`: what the checks expect of it during a simulated failure.
    pub side: Word,
    /// The region's application stack.
    pub stack_name: Word,
    /// Output holding the load balancer's DNS name, when the region has a load balancer.
    pub load_balancer_output: Option<Word>,
    /// Target groups to check.
    pub target_groups: Vec<TargetGroupLookup>,
}

/// How to find a target group's ARN in a region's stack.
#[derive(Debug, Serialize)]
pub(crate) struct TargetGroupLookup {
    /// What it is, for messages: `rail-backend` or `rail-backend (alternate)`.
    pub label: Word,
    /// `output` (a stack output) or `resource` (a logical ID whose physical ID is the ARN).
    pub kind: Word,
    /// Output name or logical ID.
    pub key: Word,
}

/// Latency routing and its health checks.
#[derive(Debug, Serialize)]
pub(crate) struct FailoverDns {
    /// Domain.
    pub domain: Word,
    /// URL probed, `https://api.example.com/health`.
    pub url: Word,
    /// Whether records are withdrawn when their health check fails.
    pub evaluate_health: bool,
    /// The global stack holding the health checks.
    pub global_stack: Word,
    /// Its region.
    pub global_region: Word,
    /// Health checks per region.
    pub health_checks: Vec<HealthCheckLookup>,
    /// Seconds until a failed primary is withdrawn from DNS.
    pub detection_seconds: u32,
    /// How that is made up.
    pub detection_formula: Word,
    /// Seconds resolvers may keep the old answer.
    pub dns_ttl_seconds: u32,
    /// Seconds `--simulate` waits before checking the shift: the plan's failover estimate
    /// (detection plus TTL).
    pub failover_wait_seconds: u32,
    /// Seconds requests already in flight to the stopped primary may still run (its targets'
    /// deregistration delay), which the shift does not wait for.
    pub draining_seconds: u32,
    /// Seconds between progress lines while waiting.
    pub wait_report_seconds: u32,
    /// Route 53 counts a region healthy when more than this percentage of its checkers succeed.
    pub healthy_checker_percent: u32,
    /// HTTP codes the probes accept, as the target group's health-check matcher writes them.
    pub matcher: Word,
    /// The same codes as inclusive ranges.
    pub accepted_statuses: Vec<StatusRange>,
}

/// Inclusive range of accepted HTTP status codes.
#[derive(Debug, Serialize)]
pub(crate) struct StatusRange {
    /// The shell arithmetic test for a status in `code`: `code == 200` or
    /// `code >= 200 && code <= 299`.
    pub condition: String,
}

/// A Route 53 health check of one region.
#[derive(Debug, Serialize)]
pub(crate) struct HealthCheckLookup {
    /// Region it watches.
    pub region: Word,
    /// `primary` or `standby`.
    pub side: Word,
    /// Logical ID in the global stack.
    pub logical_id: Word,
}

/// A read replica to check.
#[derive(Debug, Serialize)]
pub(crate) struct ReplicaCheck {
    /// Region.
    pub region: Word,
    /// DB instance identifier.
    pub identifier: Word,
    /// The writer's identifier.
    pub source_identifier: Word,
    /// The runbook that promotes it.
    pub runbook: Word,
}

/// What `--simulate` does to the primary region.
#[derive(Debug, Serialize)]
pub(crate) struct Simulation {
    /// Region.
    pub region: Word,
    /// Cluster.
    pub cluster: Word,
    /// ECS service names set to zero tasks, quoted, space-separated (a shell array's items).
    pub service_names_sh: String,
    /// Their Application Auto Scaling resource IDs in the same order, `''` for a service that
    /// does not scale (its scaling is suspended during the test so it does not start tasks).
    pub scaling_resource_ids_sh: String,
}

fn side(plan: &Plan, region: &str) -> &'static str {
    if plan.primary_region == region {
        "primary"
    } else {
        "standby"
    }
}

fn lookup_of(unit: Option<&Unit>, rid: &Rid, attr: Attr, label: String) -> TargetGroupLookup {
    match unit.and_then(|unit| lookup::output_name(unit, rid, attr)) {
        Some(output) => TargetGroupLookup {
            label: Word::new(label),
            kind: Word::new("output"),
            key: Word::new(output),
        },
        None => TargetGroupLookup {
            label: Word::new(label),
            kind: Word::new("resource"),
            key: Word::new(&rid.logical),
        },
    }
}

fn region_view(plan: &Plan, region: &str, role: RegionRole, app: &AppPlan) -> FailoverRegion {
    let unit = lookup::unit(plan, &UnitId::Region(region.into()));
    let mut target_groups = Vec::new();
    let mut load_balancer_output = None;
    if let Some(load_balancer) = &app.load_balancer {
        load_balancer_output = unit
            .and_then(|unit| {
                lookup::output_name(unit, &load_balancer.rid, Attr::LoadBalancerDnsName)
            })
            .map(Word::new);
        for group in &load_balancer.target_groups {
            target_groups.push(lookup_of(
                unit,
                &group.rid,
                Attr::TargetGroupArn,
                group.name.clone(),
            ));
            if let Some(alternate) = &group.alternate {
                target_groups.push(lookup_of(
                    unit,
                    alternate,
                    Attr::TargetGroupArn,
                    format!("{} (alternate)", group.name),
                ));
            }
        }
    }
    FailoverRegion {
        region: Word::new(region),
        role: Word::new(role.as_str()),
        side: Word::new(side(plan, region)),
        stack_name: Word::new(unit.map_or("", |unit| unit.stack_name.as_str())),
        load_balancer_output,
        target_groups,
    }
}

pub(crate) fn build(plan: &Plan) -> FailoverView {
    let regions: Vec<FailoverRegion> = lookup::app_regions(plan)
        .map(|(region, app)| region_view(plan, &region.region, region.role, app))
        .collect();

    let primary_app = lookup::app_regions(plan)
        .find(|(region, _)| region.region == plan.primary_region)
        .map(|(_, app)| app);

    let estimate = &plan.operations.failover;
    let dns = plan
        .global
        .as_ref()
        .and_then(|global| global.dns.as_ref())
        .zip(estimate.detection.as_ref())
        .map(|(dns, detection)| {
            let global_unit = lookup::unit(plan, &UnitId::Global);
            let probe = estimate.probe.as_ref();
            FailoverDns {
                domain: Word::new(&dns.domain),
                url: Word::new(probe.map_or("", |probe| probe.url.as_str())),
                evaluate_health: dns.evaluate_health,
                global_stack: Word::new(global_unit.map_or("", |unit| unit.stack_name.as_str())),
                global_region: Word::new(
                    global_unit.map_or(plan.global_region.as_str(), |unit| unit.region.as_str()),
                ),
                health_checks: dns
                    .regions
                    .iter()
                    .map(|record| HealthCheckLookup {
                        region: Word::new(&record.region),
                        side: Word::new(side(plan, &record.region)),
                        logical_id: Word::new(&record.health_check.logical),
                    })
                    .collect(),
                detection_seconds: detection.detection_seconds,
                detection_formula: Word::new(format!(
                    "{} s Route 53 interval × {} failures",
                    detection.interval_seconds, detection.failure_threshold
                )),
                dns_ttl_seconds: estimate.dns_ttl_seconds,
                failover_wait_seconds: estimate.total_seconds,
                draining_seconds: estimate.draining_seconds,
                wait_report_seconds: plan.operations.wait_report_seconds,
                healthy_checker_percent: plan.operations.route53_healthy_checker_percent,
                matcher: Word::new(probe.map_or("", |probe| probe.matcher.as_str())),
                accepted_statuses: probe
                    .map(|probe| {
                        probe
                            .accepted
                            .iter()
                            .map(|&(from, to)| StatusRange {
                                condition: if from == to {
                                    format!("code == {from}")
                                } else {
                                    format!("code >= {from} && code <= {to}")
                                },
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        });

    let writer_identifier = lookup::writer(plan)
        .map(|(_, database, _)| database.identifier.clone())
        .unwrap_or_default();
    let replicas = lookup::replicas(plan)
        .into_iter()
        .map(|(region, database, _)| ReplicaCheck {
            region: Word::new(&region.region),
            identifier: Word::new(&database.identifier),
            source_identifier: Word::new(&writer_identifier),
            runbook: Word::new(files::promote_replica(&region.region)),
        })
        .collect();

    let standby_count = regions
        .iter()
        .filter(|region| region.region.raw != plan.primary_region)
        .filter(|region| region.load_balancer_output.is_some())
        .count();
    // (service name, Application Auto Scaling resource ID or empty) of the primary's services.
    let primary_services: Vec<(Word, Word)> = primary_app
        .map(|app| {
            let cluster = app
                .cluster
                .as_ref()
                .map_or("", |cluster| cluster.name.as_str());
            app.services
                .iter()
                .map(|service| {
                    let resource_id = service.scaling.as_ref().map_or_else(String::new, |_| {
                        format!("service/{cluster}/{}", service.service_name)
                    });
                    (Word::new(&service.service_name), Word::new(resource_id))
                })
                .collect()
        })
        .unwrap_or_default();
    let refusal = if dns.is_none() {
        Some("the stack has no DNS, so there is no routing to fail over")
    } else if dns.as_ref().is_some_and(|dns| !dns.evaluate_health) {
        Some(
            "the DNS records do not evaluate health (failover is disabled in the stack file), so Route 53 would keep sending traffic to the stopped region",
        )
    } else if standby_count == 0 {
        Some("there is no other region with a load balancer to take the traffic")
    } else if primary_services.is_empty() {
        Some("the primary region runs no service to stop")
    } else {
        None
    };
    let simulation = match refusal {
        Some(_) => None,
        None => Some(Simulation {
            region: Word::new(&plan.primary_region),
            cluster: Word::new(
                primary_app
                    .and_then(|app| app.cluster.as_ref())
                    .map_or("", |cluster| cluster.name.as_str()),
            ),
            service_names_sh: primary_services
                .iter()
                .map(|(name, _)| name.sh.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            scaling_resource_ids_sh: primary_services
                .iter()
                .map(|(_, resource_id)| resource_id.sh.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        }),
    };

    FailoverView {
        stack: Word::new(&plan.stack),
        primary_region: Word::new(&plan.primary_region),
        failover_enabled: plan.operations.failover_enabled,
        regions,
        dns,
        replicas,
        rpo_seconds: plan.operations.rpo_seconds,
        lag_window_seconds: plan.operations.lag_window_seconds,
        metric_period_seconds: plan.operations.rds_metric_period_seconds,
        probe_timeout_seconds: plan.operations.probe_timeout_seconds,
        simulation,
        simulation_refusal: Word::new(refusal.unwrap_or("")),
    }
}
