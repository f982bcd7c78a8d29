//! View-model of `ARCHITECTURE.md`: regions and roles, what runs where, replication links and
//! their direction, the failover sequence with its timings, the deploy order and the diagram.

use meridian_plan::{
    BucketPlan, CacheRole, DataPath, DataRoute, DatabaseRole, FailoverBudget, ListenerAction, Plan,
    RegionLink, RegionPlan, RegionRole, StateMachinePlan, Strategy, WorkflowPurpose,
};
use serde::Serialize;

use crate::files;
use crate::graph::{GraphFormat, graph};
use crate::lookup;
use crate::text::md_cell;

/// `ARCHITECTURE.md`.
#[derive(Debug, Serialize)]
pub(crate) struct ArchitectureView {
    /// Stack name.
    pub stack: String,
    /// Description.
    pub description: String,
    /// Availability target, `99.9 %`, or empty.
    pub availability: String,
    /// RTO, minutes.
    pub rto_minutes: Option<u32>,
    /// RPO, minutes.
    pub rpo_minutes: Option<u32>,
    /// Primary region.
    pub primary_region: String,
    /// Region of the global stack.
    pub global_region: String,
    /// Regions in plan order.
    pub regions: Vec<RegionView>,
    /// Global resources.
    pub global: GlobalView,
    /// Replication links.
    pub links: Vec<LinkView>,
    /// The failover sequence.
    pub failover: FailoverSequence,
    /// The VPC peerings between regions.
    pub region_links: Vec<RegionLinkView>,
    /// Where each service region's writes and reads go, one row per store.
    pub data_paths: Vec<DataPathView>,
    /// The failover budget, when failover is enabled and the stack has DNS.
    pub budget: Option<BudgetView>,
    /// Units in deploy order.
    pub units: Vec<UnitView>,
    /// Name of the script that deploys every stack.
    pub deploy_script: String,
    /// Name of the failover test.
    pub test_failover_script: String,
    /// Regions with a service, with their deploy and rollback scripts.
    pub service_regions: Vec<ServiceScripts>,
    /// Regions with a read replica, with their promotion runbooks.
    pub replica_regions: Vec<ReplicaRunbook>,
    /// Whether `test-failover.sh --simulate` is available, or why not.
    pub simulation_refusal: String,
    /// The Mermaid diagram.
    pub mermaid: String,
}

/// A VPC peering between two regions.
#[derive(Debug, Serialize)]
pub(crate) struct RegionLinkView {
    /// Peering name.
    pub name: String,
    /// Requester region and CIDR.
    pub requester: String,
    /// Accepter region and CIDR.
    pub accepter: String,
    /// Stack of the unit that requests it.
    pub requested_by: String,
    /// Ports opened each way.
    pub ports: String,
    /// Routes on each side.
    pub routes: String,
}

/// Writes and reads of one store from one region.
#[derive(Debug, Serialize)]
pub(crate) struct DataPathView {
    /// Region.
    pub region: String,
    /// `PostgreSQL` or `Redis`.
    pub store: String,
    /// Where writes go and how.
    pub writes: String,
    /// Where reads go and how.
    pub reads: String,
    /// The SSM parameter tasks learn the writer from, or `—`.
    pub parameter: String,
}

/// The failover budget.
#[derive(Debug, Serialize)]
pub(crate) struct BudgetView {
    /// Whether the alarm starts the workflow.
    pub automatic: bool,
    /// The steps.
    pub steps: Vec<BudgetStepView>,
    /// Sum of the steps.
    pub total_seconds: u32,
    /// The RTO in seconds, when stated.
    pub rto_seconds: Option<u32>,
    /// Whether the sum is above the RTO.
    pub exceeds_rto: bool,
    /// Seconds above the RTO.
    pub over_seconds: u32,
    /// The RPO in seconds, when stated.
    pub rpo_seconds: Option<u32>,
    /// The replica-lag alarms.
    pub lag_alarms: Vec<LagAlarmView>,
}

/// One budget step.
#[derive(Debug, Serialize)]
pub(crate) struct BudgetStepView {
    /// 1-based.
    pub number: usize,
    /// What happens.
    pub step: String,
    /// Seconds.
    pub seconds: u32,
    /// Where the seconds come from.
    pub basis: String,
}

/// A replica-lag alarm against the RPO.
#[derive(Debug, Serialize)]
pub(crate) struct LagAlarmView {
    /// Alarm name.
    pub name: String,
    /// Region.
    pub region: String,
    /// Threshold, seconds.
    pub threshold: String,
    /// Periods × seconds.
    pub window: String,
    /// Whether the threshold is within the RPO.
    pub within_rpo: bool,
}

/// The per-region scripts of a region with services.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceScripts {
    /// Region.
    pub region: String,
    /// `deploy-blue-green-<region>.sh`.
    pub deploy: String,
    /// `rollback-<region>.sh`.
    pub rollback: String,
}

/// The promotion runbook of a region with a read replica.
#[derive(Debug, Serialize)]
pub(crate) struct ReplicaRunbook {
    /// Region.
    pub region: String,
    /// `promote-replica-<region>.md`.
    pub runbook: String,
}

/// One region.
#[derive(Debug, Serialize)]
pub(crate) struct RegionView {
    /// Region code.
    pub region: String,
    /// Role.
    pub role: String,
    /// What the role means.
    pub role_meaning: String,
    /// Latency target, `50 ms`, or empty.
    pub latency_target: String,
    /// Services, one cell.
    pub services_cell: String,
    /// Database, one cell.
    pub database_cell: String,
    /// Cache, one cell.
    pub cache_cell: String,
    /// Buckets, one cell.
    pub buckets_cell: String,
    /// Bullet lines for the region's section.
    pub components: Vec<String>,
}

/// Global resources.
#[derive(Debug, Serialize)]
pub(crate) struct GlobalView {
    /// Whether there is a global stack.
    pub present: bool,
    /// Bullet lines.
    pub components: Vec<String>,
}

/// A replication link.
#[derive(Debug, Serialize)]
pub(crate) struct LinkView {
    /// What replicates.
    pub what: String,
    /// Source.
    pub from: String,
    /// Destination.
    pub to: String,
    /// How.
    pub mode: String,
}

/// The failover sequence.
#[derive(Debug, Serialize)]
pub(crate) struct FailoverSequence {
    /// Whether failover is enabled.
    pub enabled: bool,
    /// DNS detection, when the stack has DNS.
    pub dns: Option<DnsDetection>,
    /// Target-group detection in the primary, when it has a load balancer.
    pub target_detection: Option<TargetDetection>,
    /// Where the database fails over to, when there is a replica.
    pub database: Option<DatabaseFailover>,
    /// Whether the cache fails over too (a Global Datastore).
    pub cache_region: Option<String>,
    /// Regions whose standalone cache beside the Global Datastore no failover promotes,
    /// comma-separated; empty without one.
    pub standalone_caches: String,
    /// Seconds promotion may take.
    pub promotion_timeout_seconds: u32,
    /// Seconds of the automatic part: detection plus DNS TTL.
    pub automatic_seconds: u32,
    /// Seconds requests already in flight to the failed region may still run, which the
    /// automatic part does not wait for.
    pub draining_seconds: u32,
    /// The RTO in seconds, when stated.
    pub rto_seconds: Option<u32>,
    /// Whether the automatic part plus the promotion timeout fits in the RTO.
    pub fits_rto: bool,
    /// Seconds of the automatic part plus the promotion timeout.
    pub with_promotion_seconds: u32,
    /// Whether failback is offered.
    pub failback_enabled: bool,
    /// Seconds the primary must stay healthy before failback.
    pub failback_wait_seconds: u32,
    /// Notification targets told about failover, comma-separated.
    pub notify: String,
    /// The failover workflows, when the plan has them.
    pub workflow: Option<WorkflowSequence>,
}

/// The generated failover workflows.
#[derive(Debug, Serialize)]
pub(crate) struct WorkflowSequence {
    /// Whether the primary-region-down alarm starts the failover.
    pub automatic: bool,
    /// The region that alarm lives in.
    pub alarm_region: String,
    /// The replica region a failover promotes by default.
    pub target_region: String,
    /// The `Failover` state machine's name (in every replica region).
    pub failover_name: String,
    /// The replica regions holding one.
    pub failover_regions: String,
    /// The `AdoptWriter` state machine's name (in every service region).
    pub adopt_name: String,
    /// The service regions holding one.
    pub adopt_regions: String,
    /// The region of today's writer, which a failover fences.
    pub writer_region: String,
    /// The SSM parameters of the writer's address and the cache primary, comma-separated.
    pub parameters: String,
}

/// Route 53 detection.
#[derive(Debug, Serialize)]
pub(crate) struct DnsDetection {
    /// Domain.
    pub domain: String,
    /// Path probed.
    pub path: String,
    /// Interval.
    pub interval_seconds: u32,
    /// Failures before unhealthy.
    pub failure_threshold: u32,
    /// Interval × threshold.
    pub detection_seconds: u32,
    /// Whether records are withdrawn on failure.
    pub evaluate_health: bool,
    /// DNS TTL.
    pub ttl_seconds: u32,
}

/// Target-group detection.
#[derive(Debug, Serialize)]
pub(crate) struct TargetDetection {
    /// Path.
    pub path: String,
    /// Interval.
    pub interval_seconds: u32,
    /// Failures before unhealthy.
    pub unhealthy_threshold: u32,
    /// Interval × threshold.
    pub detection_seconds: u32,
}

/// Database failover target.
#[derive(Debug, Serialize)]
pub(crate) struct DatabaseFailover {
    /// Region.
    pub region: String,
    /// Replica identifier.
    pub identifier: String,
    /// Writer identifier.
    pub writer: String,
    /// Runbook.
    pub runbook: String,
}

/// A unit in deploy order.
#[derive(Debug, Serialize)]
pub(crate) struct UnitView {
    /// 1-based.
    pub number: usize,
    /// Stack name.
    pub stack_name: String,
    /// Region.
    pub region: String,
    /// Description.
    pub description: String,
    /// Stacks whose outputs it reads, or `—`.
    pub depends_on: String,
    /// Parameters, or `—`.
    pub parameters: String,
}

/// What a role means for `region`: the primary's line names only what the region holds.
fn role_meaning(region: &RegionPlan) -> String {
    if region.role != RegionRole::Primary {
        return role_meaning_of(region.role).to_owned();
    }
    let app = region.app.as_ref();
    let writer = app
        .and_then(|app| app.database.as_ref())
        .is_some_and(|database| matches!(database.role, DatabaseRole::Writer(_)));
    let cache_primary = app.and_then(|app| app.cache.as_ref()).is_some_and(
        |cache| matches!(&cache.role, CacheRole::Primary(primary) if primary.global.is_some()),
    );
    let held = match (writer, cache_primary) {
        (true, true) => "database writer and Global Datastore primary; ",
        (true, false) => "database writer; ",
        (false, true) => "Global Datastore primary; ",
        (false, false) => "",
    };
    format!("{held}{}", role_meaning_of(region.role))
}

fn role_meaning_of(role: RegionRole) -> &'static str {
    match role {
        RegionRole::Primary => "deploys first",
        RegionRole::Secondary => "full-capacity standby that serves traffic",
        RegionRole::Optional => "reduced capacity that serves traffic",
        RegionRole::StorageOnly => "holds replicated buckets only",
    }
}

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "—".to_owned()
    } else {
        text
    }
}

fn bucket_text(bucket: &BucketPlan) -> String {
    let mut text = format!("`{}` ({})", bucket.name, bucket.bucket_name);
    if let Some(lock) = &bucket.object_lock {
        text.push_str(&format!(", Object Lock {} {} days", lock.mode, lock.days));
    }
    text
}

pub(crate) fn build(plan: &Plan) -> ArchitectureView {
    let mut regions = Vec::new();
    let mut links = Vec::new();

    for region in &plan.regions {
        let mut components = Vec::new();
        let mut services_cell = Vec::new();
        let mut database_cell = String::new();
        let mut cache_cell = String::new();
        if let Some(app) = &region.app {
            if let Some(load_balancer) = &app.load_balancer {
                let listeners: Vec<String> = load_balancer
                    .listeners
                    .iter()
                    .map(|listener| match listener.default_action {
                        ListenerAction::Redirect { port, .. } => format!(
                            "{} :{} (redirects to :{port})",
                            listener.protocol.as_str(),
                            listener.port
                        ),
                        ListenerAction::FixedResponse { .. } => {
                            format!("{} :{}", listener.protocol.as_str(), listener.port)
                        }
                    })
                    .collect();
                components.push(format!(
                    "Application Load Balancer ({}), listeners {}",
                    if load_balancer.internal {
                        "internal"
                    } else {
                        "internet-facing"
                    },
                    listeners.join(", ")
                ));
            }
            if let Some(cluster) = &app.cluster {
                components.push(format!("ECS cluster `{}` (Fargate)", cluster.name));
            }
            for service in &app.services {
                let strategy = match service.deployment.strategy {
                    Strategy::BlueGreen => format!(
                        "blue/green, {} min bake",
                        service.deployment.bake_time_minutes.unwrap_or(0)
                    ),
                    Strategy::Rolling => format!(
                        "rolling {}–{} %",
                        service.deployment.minimum_healthy_percent,
                        service.deployment.maximum_percent
                    ),
                };
                let scaling = service
                    .scaling
                    .as_ref()
                    .map_or_else(String::new, |scaling| {
                        format!(
                            ", scales {}–{} at {} % CPU",
                            scaling.min, scaling.max, scaling.target_cpu_percent
                        )
                    });
                components.push(format!(
                    "service `{}` (ECS `{}`): {} tasks of {} CPU / {} MiB, {strategy}{scaling}",
                    service.name,
                    service.service_name,
                    service.desired_count,
                    service.cpu,
                    service.memory
                ));
                services_cell.push(format!("`{}` × {}", service.name, service.desired_count));
            }
            if let Some(database) = &app.database {
                match &database.role {
                    DatabaseRole::Writer(writer) => {
                        components.push(format!(
                            "PostgreSQL {} writer `{}` ({}{}, {} GiB, backups {} days)",
                            writer.engine_version,
                            database.identifier,
                            database.instance_class,
                            if writer.multi_az { ", Multi-AZ" } else { "" },
                            writer.storage_gb,
                            writer.backup_retention_days
                        ));
                        database_cell = format!("writer `{}`", database.identifier);
                    }
                    DatabaseRole::Promoted(promoted) => {
                        components.push(format!(
                            "PostgreSQL writer `{}` ({}{}, backups {} days), the read replica promoted when {} failed over, adopted in place",
                            database.identifier,
                            database.instance_class,
                            if promoted.multi_az { ", Multi-AZ" } else { "" },
                            promoted.backup_retention_days,
                            promoted.source_region
                        ));
                        database_cell = format!("writer `{}` (promoted)", database.identifier);
                    }
                    DatabaseRole::Replica(replica) => {
                        components.push(format!(
                            "PostgreSQL read replica `{}` ({}), asynchronous from {}",
                            database.identifier, database.instance_class, replica.source_region
                        ));
                        database_cell = format!("replica `{}`", database.identifier);
                    }
                }
            }
            if let Some(cache) = &app.cache {
                let role = match &cache.role {
                    CacheRole::Primary(primary) if primary.global.is_some() => {
                        "Global Datastore primary"
                    }
                    CacheRole::Primary(_) if cache.beside_global_datastore => {
                        "standalone, not replicated"
                    }
                    CacheRole::Primary(_) => "standalone",
                    CacheRole::Secondary { .. } => "Global Datastore secondary",
                };
                components.push(format!(
                    "Redis replication group `{}`, {role}, port {}",
                    cache.replication_group_id, cache.port
                ));
                cache_cell = format!("{role} `{}`", cache.replication_group_id);
            }
        }
        for bucket in &region.storage.buckets {
            components.push(format!("S3 bucket {}", bucket_text(bucket)));
            if let Some(replication) = &bucket.replication {
                for rule in &replication.rules {
                    let mut mode = "asynchronous, one way".to_owned();
                    if let Some(class) = &rule.storage_class {
                        mode.push_str(&format!(", replicas stored as {class}"));
                    }
                    if rule.time_control {
                        mode.push_str(&format!(
                            ", Replication Time Control ({} min)",
                            rule.time_control_minutes
                        ));
                    }
                    mode.push_str(if rule.delete_markers {
                        ", delete markers replicate"
                    } else {
                        ", delete markers do not replicate"
                    });
                    links.push(LinkView {
                        what: format!("S3 `{}` → `{}`", bucket.name, rule.destination),
                        from: region.region.to_string(),
                        to: rule.destination_region.to_string(),
                        mode,
                    });
                }
            }
        }
        regions.push(RegionView {
            region: region.region.to_string(),
            role: region.role.as_str().to_owned(),
            role_meaning: role_meaning(region),
            latency_target: region
                .latency_target_ms
                .map_or_else(String::new, |ms| format!("{ms} ms")),
            services_cell: or_dash(services_cell.join(", ")),
            database_cell: or_dash(database_cell),
            cache_cell: or_dash(cache_cell),
            buckets_cell: or_dash(
                region
                    .storage
                    .buckets
                    .iter()
                    .map(|bucket| format!("`{}`", bucket.name))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            components: components.iter().map(|line| md_cell(line)).collect(),
        });
    }

    // Database and cache links come first: they decide the failover.
    let mut data_links = Vec::new();
    let writer = lookup::writer(plan);
    for (region, database, replica) in lookup::replicas(plan) {
        data_links.push(LinkView {
            what: "PostgreSQL".to_owned(),
            from: format!(
                "{} `{}` (writer)",
                replica.source_region,
                writer.map_or("", |(_, writer_database, _)| writer_database
                    .identifier
                    .as_str())
            ),
            to: format!("{} `{}` (read replica)", region.region, database.identifier),
            mode: "asynchronous streaming replication, one way".to_owned(),
        });
    }
    if let Some((primary_region, primary_cache, _)) = lookup::global_datastore_primary(plan) {
        for (region, app) in lookup::app_regions(plan) {
            if let Some(cache) = &app.cache
                && matches!(cache.role, CacheRole::Secondary { .. })
            {
                data_links.push(LinkView {
                    what: "Redis Global Datastore".to_owned(),
                    from: format!(
                        "{} `{}` (primary)",
                        primary_region.region, primary_cache.replication_group_id
                    ),
                    to: format!(
                        "{} `{}` (secondary)",
                        region.region, cache.replication_group_id
                    ),
                    mode: "asynchronous, one way; secondaries are read-only".to_owned(),
                });
            }
        }
    }
    data_links.extend(links);
    let links: Vec<LinkView> = data_links
        .into_iter()
        .map(|link| LinkView {
            what: md_cell(&link.what),
            from: md_cell(&link.from),
            to: md_cell(&link.to),
            mode: md_cell(&link.mode),
        })
        .collect();

    let mut global_components = Vec::new();
    let dns_plan = plan.global.as_ref().and_then(|global| global.dns.as_ref());
    if let Some(global) = &plan.global {
        if let Some(dns) = &global.dns {
            global_components.push(format!(
                "Route 53 latency records for `{}` in {}, one per region{}",
                dns.domain,
                dns.regions
                    .iter()
                    .map(|record| record.region.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if dns.evaluate_health {
                    ", each guarded by a health check"
                } else {
                    " (health is not evaluated)"
                }
            ));
            for host in &dns.hosts {
                global_components.push(format!(
                    "Route 53 latency records for `{}` in {}, aliasing {}",
                    host.name,
                    host.regions
                        .iter()
                        .map(|record| record.region.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    match &host.load_balancer {
                        None => "the main load balancer".to_owned(),
                        Some(name) => format!("the load balancer `{name}`"),
                    }
                ));
            }
        }
        if let Some(cdn) = &global.cdn {
            global_components.push(format!(
                "CloudFront distribution for {} ({}), origin bucket {}",
                cdn.aliases
                    .iter()
                    .map(|alias| format!("`{alias}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                cdn.price_class,
                bucket_text(&cdn.bucket)
            ));
        }
        for dashboard in &global.dashboards {
            global_components.push(format!("CloudWatch dashboard `{}`", dashboard.name));
        }
        let alarms = global.alerting.alarms.len();
        if alarms > 0 {
            global_components.push(format!(
                "{alarms} global alarm{}",
                if alarms == 1 { "" } else { "s" }
            ));
        }
    }

    let estimate = &plan.operations.failover;
    let target_detection = estimate
        .target_detection
        .as_ref()
        .map(|detection| TargetDetection {
            path: detection.path.clone(),
            interval_seconds: detection.interval_seconds,
            unhealthy_threshold: detection.unhealthy_threshold,
            detection_seconds: detection.detection_seconds,
        });
    let dns = dns_plan
        .zip(estimate.detection.as_ref())
        .map(|(dns, detection)| DnsDetection {
            domain: dns.domain.clone(),
            path: detection.path.clone(),
            interval_seconds: detection.interval_seconds,
            failure_threshold: detection.failure_threshold,
            detection_seconds: detection.detection_seconds,
            evaluate_health: detection.evaluate_health,
            ttl_seconds: estimate.dns_ttl_seconds,
        });
    let database = estimate
        .promoted_replica
        .as_ref()
        .map(|replica| DatabaseFailover {
            region: replica.region.to_string(),
            identifier: replica.identifier.clone(),
            writer: replica.writer_identifier.clone(),
            runbook: files::promote_replica(&replica.region),
        });
    let failover = FailoverSequence {
        enabled: plan.operations.failover_enabled,
        dns,
        target_detection,
        database,
        cache_region: estimate.cache_region.as_ref().map(ToString::to_string),
        standalone_caches: lookup::app_regions(plan)
            .filter(|(_, app)| {
                app.cache
                    .as_ref()
                    .is_some_and(|cache| cache.beside_global_datastore)
            })
            .map(|(region, _)| region.region.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        promotion_timeout_seconds: estimate.promotion_timeout_seconds,
        automatic_seconds: estimate.total_seconds,
        draining_seconds: estimate.draining_seconds,
        rto_seconds: plan.operations.rto_seconds,
        fits_rto: estimate.fits_rto,
        with_promotion_seconds: estimate.with_promotion_seconds,
        failback_enabled: plan.operations.failback_enabled,
        failback_wait_seconds: plan.operations.failback_wait_seconds,
        notify: plan.operations.failover_targets.join(", "),
        workflow: workflow_sequence(plan),
    };

    let units = plan
        .units
        .iter()
        .enumerate()
        .map(|(index, unit)| UnitView {
            number: index + 1,
            stack_name: unit.stack_name.clone(),
            region: unit.region.to_string(),
            description: md_cell(&unit.description),
            depends_on: or_dash(
                unit.depends_on
                    .iter()
                    .filter_map(|id| lookup::unit(plan, id))
                    .map(|producer| format!("`{}`", producer.stack_name))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            parameters: or_dash(
                unit.parameters
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        })
        .collect();

    ArchitectureView {
        stack: plan.stack.clone(),
        description: md_cell(&plan.description),
        availability: plan
            .objectives
            .availability_percent
            .map_or_else(String::new, |percent| format!("{percent} %")),
        rto_minutes: plan.objectives.rto_minutes,
        rpo_minutes: plan.objectives.rpo_minutes,
        primary_region: plan.primary_region.to_string(),
        global_region: plan.global_region.to_string(),
        regions,
        global: GlobalView {
            present: plan.global.is_some(),
            components: global_components.iter().map(|line| md_cell(line)).collect(),
        },
        links,
        failover,
        region_links: region_links(plan),
        data_paths: data_paths(plan),
        budget: plan.operations.budget.as_ref().map(budget),
        units,
        deploy_script: files::DEPLOY.to_owned(),
        test_failover_script: files::TEST_FAILOVER.to_owned(),
        service_regions: lookup::app_regions(plan)
            .filter(|(_, app)| !app.services.is_empty())
            .map(|(region, _)| ServiceScripts {
                region: region.region.to_string(),
                deploy: files::deploy_blue_green(&region.region),
                rollback: files::rollback(&region.region),
            })
            .collect(),
        replica_regions: lookup::replicas(plan)
            .iter()
            .map(|(region, _, _)| ReplicaRunbook {
                region: region.region.to_string(),
                runbook: files::promote_replica(&region.region),
            })
            .collect(),
        simulation_refusal: crate::views::failover::build(plan).simulation_refusal.raw,
        mermaid: graph(plan, GraphFormat::Mermaid),
    }
}

/// The failover workflows of the plan, when it has any.
fn workflow_sequence(plan: &Plan) -> Option<WorkflowSequence> {
    let machines: Vec<(&str, &StateMachinePlan)> = plan
        .regions
        .iter()
        .filter_map(|region| Some((region, region.app.as_ref()?.failover.as_ref()?)))
        .flat_map(|(region, failover)| {
            failover
                .state_machines
                .iter()
                .map(move |machine| (region.region.as_str(), machine))
        })
        .collect();
    let of = |purpose: WorkflowPurpose| -> (String, String) {
        let chosen: Vec<&(&str, &StateMachinePlan)> = machines
            .iter()
            .filter(|(_, machine)| machine.purpose == purpose)
            .collect();
        (
            chosen
                .first()
                .map(|(_, machine)| machine.name.clone())
                .unwrap_or_default(),
            chosen
                .iter()
                .map(|(region, _)| (*region).to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let (failover_name, failover_regions) = of(WorkflowPurpose::Failover);
    if failover_regions.is_empty() {
        return None;
    }
    let (adopt_name, adopt_regions) = of(WorkflowPurpose::AdoptWriter);
    let writer_region = plan
        .regions
        .iter()
        .find(|region| {
            region
                .app
                .as_ref()
                .and_then(|app| app.database.as_ref())
                .is_some_and(|database| matches!(database.role, DatabaseRole::Writer(_)))
        })
        .map(|region| region.region.to_string())
        .unwrap_or_default();
    let parameters = plan
        .regions
        .iter()
        .find_map(|region| region.app.as_ref().filter(|app| !app.endpoints.is_empty()))
        .map(|app| {
            app.endpoints
                .iter()
                .map(|endpoint| format!("`{}`", endpoint.name))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    Some(WorkflowSequence {
        automatic: plan.operations.failover_automatic,
        alarm_region: plan.global_region.to_string(),
        target_region: plan
            .operations
            .failover_target_region
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        failover_name,
        failover_regions,
        adopt_name,
        adopt_regions,
        writer_region,
        parameters,
    })
}

fn region_links(plan: &Plan) -> Vec<RegionLinkView> {
    let ports = RegionLink::ports_in_words;
    plan.operations
        .region_links
        .iter()
        .map(|link| RegionLinkView {
            name: md_cell(&link.name),
            requester: format!("{} `{}`", link.requester, link.requester_cidr),
            accepter: format!("{} `{}`", link.accepter, link.accepter_cidr),
            requested_by: lookup::unit(plan, &link.requester_unit).map_or_else(
                || link.requester_unit.to_string(),
                |unit| format!("`{}`", unit.stack_name),
            ),
            ports: format!(
                "to {}: {}; to {}: {}",
                link.accepter,
                ports(&link.ports_to_accepter),
                link.requester,
                ports(&link.ports_to_requester)
            ),
            routes: format!(
                "{} in {}, {} in {}",
                link.requester_routes, link.requester, link.accepter_routes, link.accepter
            ),
        })
        .collect()
}

fn data_paths(plan: &Plan) -> Vec<DataPathView> {
    let route = |from: &str, route: &DataRoute| {
        let how = if route.region.as_str() == from {
            "in the region".to_owned()
        } else {
            route.peering.as_ref().map_or_else(
                || "**no private path**".to_owned(),
                |peering| format!("over peering `{peering}`"),
            )
        };
        md_cell(&format!(
            "{} `{}` in {}, {how}",
            route.role, route.target, route.region
        ))
    };
    let row = |region: &str, store: &str, path: &DataPath| DataPathView {
        region: region.to_owned(),
        store: store.to_owned(),
        writes: route(region, &path.writes),
        reads: route(region, &path.reads),
        parameter: path
            .parameter
            .as_ref()
            .map_or_else(|| "—".to_owned(), |name| format!("`{}`", md_cell(name))),
    };
    plan.operations
        .data_paths
        .iter()
        .flat_map(|paths| {
            let region = paths.region.as_str();
            paths
                .database
                .iter()
                .map(move |path| row(region, "PostgreSQL", path))
                .chain(
                    paths
                        .cache
                        .iter()
                        .map(move |path| row(region, "Redis", path)),
                )
        })
        .collect()
}

fn budget(budget: &FailoverBudget) -> BudgetView {
    BudgetView {
        automatic: budget.automatic,
        steps: budget
            .steps
            .iter()
            .enumerate()
            .map(|(index, step)| BudgetStepView {
                number: index + 1,
                step: step.kind.as_str().to_owned(),
                seconds: step.seconds,
                basis: md_cell(&step.basis),
            })
            .collect(),
        total_seconds: budget.total_seconds,
        rto_seconds: budget.rto_seconds,
        exceeds_rto: budget.exceeds_rto,
        over_seconds: budget
            .rto_seconds
            .map_or(0, |rto| budget.total_seconds.saturating_sub(rto)),
        rpo_seconds: budget.rpo_seconds,
        lag_alarms: budget
            .lag_alarms
            .iter()
            .map(|alarm| LagAlarmView {
                name: md_cell(&alarm.name),
                region: alarm.region.to_string(),
                threshold: format!("{} s", alarm.threshold_seconds),
                window: format!("{} × {} s", alarm.evaluation_periods, alarm.period_seconds),
                within_rpo: alarm.within_rpo,
            })
            .collect(),
    }
}
