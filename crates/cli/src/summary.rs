//! `meridian plan`: a readable summary of the resolved deployment.

use std::fmt::Write as _;

use crate::words::count;

use meridian_plan::{
    AlarmPlan, CacheRole, CompositeAlarmPlan, DataPath, DataRoute, DatabaseRole, FailoverBudget,
    ListenerAction, Plan, RegionLink, RegionPlan, Strategy, UnitId,
};

/// What an environment's overlay changed in the base, for `meridian plan`: each value with the
/// overlay's line and, when the base had one, the base's value and line.
pub fn render_overlay(file: &str, loaded: &meridian_model::LoadedStack) -> String {
    let environment = loaded.stack.environment.as_deref().unwrap_or_default();
    let mut out = format!("Environment {environment}\n");
    if loaded.changes.is_empty() {
        out.push_str("  the base as it is: the overlay changes nothing\n\n");
        return out;
    }
    let _ = writeln!(
        out,
        "  {} the overlay sets (from {file}):",
        count(loaded.changes.len(), "value", "values")
    );
    for change in &loaded.changes {
        let overlay = format!("{file}:{}", change.overlay.line);
        let _ = match &change.base {
            Some((value, at)) => writeln!(
                out,
                "    {} = {} (overlay {overlay}; base {} at {file}:{})",
                change.path, change.value, value, at.line
            ),
            None => writeln!(
                out,
                "    {} = {} (overlay {overlay}; not in the base)",
                change.path, change.value
            ),
        };
    }
    out.push('\n');
    out
}

/// Renders the plan for people.
pub fn render_plan(plan: &Plan) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", plan.stack, plan.description);
    let _ = writeln!(
        out,
        "primary region {}; global resources in {}; partition {}",
        plan.primary_region, plan.global_region, plan.partition
    );
    if let (Some(rto), Some(rpo)) = (plan.objectives.rto_minutes, plan.objectives.rpo_minutes) {
        let _ = writeln!(out, "objectives: RTO {rto} min, RPO {rpo} min");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Deploy order ({} CloudFormation stacks):",
        plan.units.len()
    );
    for (index, unit) in plan.units.iter().enumerate() {
        let needs = if unit.depends_on.is_empty() {
            String::new()
        } else {
            format!(
                "  after {}",
                unit.depends_on
                    .iter()
                    .map(|u| stack_of(plan, u))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let _ = writeln!(
            out,
            "  {:>2}. {:<40} {:<15}{needs}",
            index + 1,
            unit.stack_name,
            unit.region
        );
    }
    for region in &plan.regions {
        let _ = writeln!(out);
        render_region(&mut out, region);
    }
    if let Some(global) = &plan.global {
        let _ = writeln!(out);
        let _ = writeln!(out, "global ({})", plan.global_region);
        if let Some(dns) = &global.dns {
            let regions: Vec<&str> = dns.regions.iter().map(|r| r.region.as_str()).collect();
            let failover = &plan.operations.failover;
            let check = failover.detection.as_ref().map_or(String::new(), |d| {
                format!(
                    "; health check HTTPS {} every {} s, {} failures; failover in about {} s",
                    d.path, d.interval_seconds, d.failure_threshold, failover.total_seconds
                )
            });
            let _ = writeln!(
                out,
                "  dns          {} latency routing to {}{check}",
                dns.domain,
                regions.join(", ")
            );
            for host in &dns.hosts {
                let regions: Vec<&str> = host.regions.iter().map(|r| r.region.as_str()).collect();
                let _ = writeln!(
                    out,
                    "  dns          {} latency routing to {} ({})",
                    host.name,
                    regions.join(", "),
                    host.load_balancer
                        .as_deref()
                        .unwrap_or("main load balancer")
                );
            }
        }
        if let Some(cdn) = &global.cdn {
            let aliases = if cdn.aliases.is_empty() {
                "default domain".to_owned()
            } else {
                cdn.aliases.join(", ")
            };
            let _ = writeln!(
                out,
                "  cdn          CloudFront for {aliases} ({}) from a private origin bucket",
                cdn.price_class
            );
        }
        for dashboard in &global.dashboards {
            let _ = writeln!(out, "  dashboard    {}", dashboard.name);
        }
        render_alarms(&mut out, &global.alerting.alarms);
        render_composites(&mut out, &global.alerting.composites);
    }
    if let Some(accelerator) = &plan.accelerator {
        let regions: Vec<&str> = accelerator
            .endpoint_groups
            .iter()
            .map(|group| group.region.as_str())
            .collect();
        let ports: Vec<String> = accelerator
            .listener
            .ports
            .iter()
            .map(u32::to_string)
            .collect();
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "accelerator ({})",
            meridian_plan::aws::ACCELERATOR_REGION
        );
        let _ = writeln!(
            out,
            "  accelerator  {}: two static addresses, {} {} to the load balancers of {}",
            accelerator.name,
            accelerator.listener.protocol.as_str(),
            ports.join(", "),
            regions.join(", ")
        );
    }
    render_region_links(&mut out, plan);
    render_data_paths(&mut out, plan);
    if let Some(budget) = &plan.operations.budget {
        render_budget(&mut out, budget);
    }
    let links = cross_unit_links(plan);
    if !links.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Cross-stack references:");
        for link in links {
            let _ = writeln!(out, "  {link}");
        }
    }
    if !plan.renames.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Renames (nothing is replaced):");
        for rename in &plan.renames {
            let ids: usize = rename.logical_ids.values().map(Vec::len).sum();
            let _ = writeln!(
                out,
                "  {} {} → {}: {ids} logical IDs keep `{}`; Terraform moves the resources of {} names (terraform/moved.tf.json)",
                rename.kind.as_str(),
                rename.from,
                rename.to,
                rename.from,
                rename.moves.len()
            );
        }
    }
    if !plan.acknowledged.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Acknowledged warnings:");
        for warning in &plan.acknowledged {
            let _ = writeln!(
                out,
                "  {} at {}: {}\n      because: {}",
                warning.code, warning.path, warning.message, warning.reason
            );
        }
    }
    if !plan.overrides.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Overrides (applied last, checked against the resource schemas):"
        );
        for override_plan in &plan.overrides {
            let _ = writeln!(out, "  {override_plan}");
            for change in &override_plan.changes {
                let _ = writeln!(out, "      {change}");
            }
        }
    }
    if !plan.parameters.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Parameters:");
        for parameter in &plan.parameters {
            let scope = if parameter.per_region {
                format!("one value per region ({})", parameter.regions.join(", "))
            } else {
                format!("used in {}", parameter.regions.join(", "))
            };
            let sensitive = if parameter.sensitive {
                ", sensitive"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {:<24} {:?}, {scope}{sensitive}",
                parameter.name, parameter.kind
            );
            let _ = writeln!(out, "  {:<24} {}", "", parameter.description);
        }
    }
    out
}

fn stack_of(plan: &Plan, unit: &UnitId) -> String {
    plan.units
        .iter()
        .find(|u| &u.id == unit)
        .map_or_else(|| unit.to_string(), |u| u.stack_name.clone())
}

fn render_region(out: &mut String, region: &RegionPlan) {
    let latency = region
        .latency_target_ms
        .map_or(String::new(), |ms| format!(", latency target {ms} ms"));
    let _ = writeln!(out, "{} ({}{latency})", region.region, region.role.as_str());
    let buckets: Vec<String> = region
        .storage
        .buckets
        .iter()
        .map(|bucket| {
            let lock = bucket.object_lock.as_ref().map_or(String::new(), |lock| {
                format!(", Object Lock {} {} days", lock.mode, lock.days)
            });
            let replication = bucket
                .replication
                .as_ref()
                .map_or(String::new(), |replication| {
                    let rules: Vec<String> = replication
                        .rules
                        .iter()
                        .map(|rule| {
                            let class = rule
                                .storage_class
                                .map_or_else(|| "same class".to_owned(), |class| class.to_string());
                            let rtc = if rule.time_control {
                                format!(", RTC {} min", rule.time_control_minutes)
                            } else {
                                String::new()
                            };
                            format!(
                                "{} in {} ({class}{rtc})",
                                rule.destination, rule.destination_region
                            )
                        })
                        .collect();
                    format!(" → {}", rules.join(", "))
                });
            format!("{}{lock}{replication}", bucket.name)
        })
        .collect();
    let _ = writeln!(
        out,
        "  storage      KMS data key{}",
        if buckets.is_empty() {
            String::new()
        } else {
            format!("; buckets: {}", buckets.join("; "))
        }
    );
    let Some(app) = &region.app else { return };
    if let Some(network) = &app.network {
        match &network.created {
            Some(created) => {
                let nats = created.zones.iter().filter(|z| z.nat.is_some()).count();
                let flow = if created.flow_logs.is_some() {
                    ", flow logs"
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "  network      VPC {} over {}, {}{flow}",
                    network.vpc_cidr,
                    count(created.zones.len(), "zone", "zones"),
                    count(nats, "NAT gateway", "NAT gateways")
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  network      existing VPC {} ({})",
                    network.vpc_id, network.vpc_cidr
                );
            }
        }
    }
    let all = app.load_balancer.iter().map(|lb| (None, lb)).chain(
        app.load_balancers
            .iter()
            .map(|(name, lb)| (Some(name.as_str()), lb)),
    );
    for (name, lb) in all {
        let listeners: Vec<String> = lb
            .listeners
            .iter()
            .map(|listener| {
                let routes: Vec<String> = listener
                    .rules
                    .iter()
                    .map(|rule| {
                        format!("#{} → {}", rule.priority, rule.forward.target_group.logical)
                    })
                    .collect();
                let default = match listener.default_action {
                    ListenerAction::Redirect { port, .. } => format!("redirect to {port}"),
                    ListenerAction::FixedResponse { status, .. } => format!("else {status}"),
                };
                format!(
                    "{}/{} [{}{}{default}]",
                    listener.port,
                    listener.protocol.as_str(),
                    routes.join(", "),
                    if routes.is_empty() { "" } else { "; " }
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  load balancer {}{}; {}",
            name.map(|name| format!("`{name}`, ")).unwrap_or_default(),
            if lb.internal {
                "internal"
            } else {
                "internet-facing"
            },
            listeners.join(", ")
        );
    }
    for service in &app.services {
        let deployment = match service.deployment.strategy {
            Strategy::Rolling => "rolling".to_owned(),
            Strategy::BlueGreen => format!(
                "blue/green, bake {} min",
                service.deployment.bake_time_minutes.unwrap_or(0)
            ),
        };
        let scaling = service.scaling.as_ref().map_or(String::new(), |s| {
            format!(
                ", scaling {}–{} at {}% CPU, {}",
                s.min,
                s.max,
                s.target_cpu_percent,
                count(s.scheduled.len(), "schedule", "schedules")
            )
        });
        let _ = writeln!(
            out,
            "  service      {}: {} of {} CPU / {} MiB, {deployment}{scaling}, {}",
            service.service_name,
            count(service.desired_count as usize, "task", "tasks"),
            service.cpu,
            service.memory,
            count(
                service.rollback_alarms.len(),
                "rollback alarm",
                "rollback alarms"
            )
        );
    }
    if let Some(database) = &app.database {
        let role = match &database.role {
            DatabaseRole::Writer(writer) => format!(
                "writer PostgreSQL {}, {}, {} GiB, backups {} days, password rotation every {} days",
                writer.engine_version,
                if writer.multi_az {
                    "Multi-AZ"
                } else {
                    "single-AZ"
                },
                writer.storage_gb,
                writer.backup_retention_days,
                writer.rotation.days
            ),
            DatabaseRole::Promoted(promoted) => format!(
                "writer (the replica promoted when {} failed over, adopted in place), {}, backups {} days",
                promoted.source_region,
                if promoted.multi_az {
                    "Multi-AZ"
                } else {
                    "single-AZ"
                },
                promoted.backup_retention_days
            ),
            DatabaseRole::Replica(replica) => format!(
                "async read replica of the writer in {}",
                replica.source_region
            ),
        };
        let _ = writeln!(
            out,
            "  database     {} ({}): {role}",
            database.identifier, database.instance_class
        );
    }
    if let Some(cache) = &app.cache {
        let role = match &cache.role {
            CacheRole::Primary(primary) => format!(
                "Redis {} {} × {}, {} per shard{}",
                primary.engine_version,
                primary.node_type,
                count(primary.shards as usize, "shard", "shards"),
                count(cache.replicas_per_shard as usize, "replica", "replicas"),
                if primary.global.is_some() {
                    ", Global Datastore primary"
                } else {
                    ""
                }
            ),
            CacheRole::Secondary { .. } => format!(
                "Global Datastore secondary, {} per shard",
                count(cache.replicas_per_shard as usize, "replica", "replicas")
            ),
        };
        let _ = writeln!(out, "  cache        {}: {role}", cache.replication_group_id);
    }
    if !app.alerting.topics.is_empty() {
        let topics: Vec<&str> = app
            .alerting
            .topics
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        let _ = writeln!(out, "  topics       {}", topics.join(", "));
    }
    render_alarms(out, &app.alerting.alarms);
    render_composites(out, &app.alerting.composites);
}

fn render_alarms(out: &mut String, alarms: &[AlarmPlan]) {
    if alarms.is_empty() {
        return;
    }
    let names: Vec<&str> = alarms.iter().map(|a| a.name.as_str()).collect();
    let _ = writeln!(out, "  alarms       {}", names.join(", "));
}

fn render_composites(out: &mut String, composites: &[CompositeAlarmPlan]) {
    for composite in composites {
        let _ = writeln!(
            out,
            "  composite    {}: in alarm when any of {} is",
            composite.name,
            composite.parts.len()
        );
    }
}

/// "consumer ← producer: outputs" lines for every unit that imports.
fn cross_unit_links(plan: &Plan) -> Vec<String> {
    let mut links = Vec::new();
    for unit in &plan.units {
        for producer in &unit.depends_on {
            let outputs: Vec<&str> = unit
                .consumes
                .iter()
                .filter(|(from, _)| from == producer)
                .map(|(_, output)| output.as_str())
                .collect();
            links.push(format!(
                "{} ← {}: {}",
                unit.stack_name,
                stack_of(plan, producer),
                outputs.join(", ")
            ));
        }
    }
    links
}

/// The VPC peerings: which regions, CIDRs, ports each way, which unit requests each, routes.
fn render_region_links(out: &mut String, plan: &Plan) {
    let links = &plan.operations.region_links;
    if links.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Links between regions (VPC peering):");
    let ports = RegionLink::ports_in_words;
    for link in links {
        let _ = writeln!(
            out,
            "  {} {} ⇄ {} {}: {}, requested by {}",
            link.requester,
            link.requester_cidr,
            link.accepter,
            link.accepter_cidr,
            link.name,
            stack_of(plan, &link.requester_unit)
        );
        let _ = writeln!(
            out,
            "      {} admits {} from {}; {} admits {} from {}; {} in {}, {} in {}",
            link.accepter,
            ports(&link.ports_to_accepter),
            link.requester,
            link.requester,
            ports(&link.ports_to_requester),
            link.accepter,
            count(link.requester_routes, "route", "routes"),
            link.requester,
            count(link.accepter_routes, "route", "routes"),
            link.accepter
        );
    }
}

/// Where each service region's writes and reads go.
fn render_data_paths(out: &mut String, plan: &Plan) {
    let paths = &plan.operations.data_paths;
    if paths
        .iter()
        .all(|region| region.database.is_none() && region.cache.is_none())
    {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Write and read paths:");
    let route = |from: &str, route: &DataRoute| {
        let how = if route.region.as_str() == from {
            "local".to_owned()
        } else {
            match &route.peering {
                Some(peering) => format!("via peering {peering}"),
                None => "NO PRIVATE PATH".to_owned(),
            }
        };
        format!(
            "{} {} in {} ({how})",
            route.role, route.target, route.region
        )
    };
    let lines = |out: &mut String, from: &str, what: &str, path: &DataPath, learns: &str| {
        let parameter = path.parameter.as_ref().map_or(String::new(), |name| {
            format!("; tasks learn the {learns} from SSM {name}")
        });
        let _ = writeln!(
            out,
            "    {what} writes → {}{parameter}",
            route(from, &path.writes)
        );
        let _ = writeln!(out, "    {what} reads  → {}", route(from, &path.reads));
    };
    for region in paths {
        let _ = writeln!(out, "  {}", region.region);
        if let Some(database) = &region.database {
            lines(
                out,
                &region.region,
                "database",
                database,
                "writer's address",
            );
        }
        if let Some(cache) = &region.cache {
            lines(out, &region.region, "cache   ", cache, "primary endpoint");
        }
    }
}

/// The failover steps with their seconds, the sum against the RTO, the RPO against the lag
/// alarms.
fn render_budget(out: &mut String, budget: &FailoverBudget) {
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Failover budget ({}):",
        if budget.automatic {
            "started by the primary-region-down alarm"
        } else {
            "started by an operator, whose reaction time is not counted"
        }
    );
    for step in &budget.steps {
        let _ = writeln!(
            out,
            "  {:<18} {:>5} s  {}",
            step.kind.as_str(),
            step.seconds,
            step.basis
        );
    }
    let verdict = match budget.rto_seconds {
        Some(rto) if budget.exceeds_rto => format!(
            "EXCEEDS the RTO of {rto} s by {} s",
            budget.total_seconds - rto
        ),
        Some(rto) => format!("within the RTO of {rto} s"),
        None => "no RTO stated".to_owned(),
    };
    let _ = writeln!(
        out,
        "  {:<18} {:>5} s  {verdict}",
        "total", budget.total_seconds
    );
    let rpo = budget
        .rpo_seconds
        .map_or_else(|| "no RPO stated".to_owned(), |rpo| format!("RPO {rpo} s"));
    if budget.lag_alarms.is_empty() {
        let _ = writeln!(
            out,
            "  {rpo}; no alarm watches the replicas' lag, so nothing tells whether a promotion would lose more"
        );
    }
    for alarm in &budget.lag_alarms {
        let _ = writeln!(
            out,
            "  {rpo}; {} in {} fires when ReplicaLag stays above {} s for {} × {} s ({})",
            alarm.name,
            alarm.region,
            alarm.threshold_seconds,
            alarm.evaluation_periods,
            alarm.period_seconds,
            if alarm.within_rpo {
                "within the RPO"
            } else {
                "ABOVE the RPO: lag the RPO forbids passes without an alarm"
            }
        );
    }
}
