//! The plan for a reviewer: every decision Meridian made for a stack, target-neutral, in an
//! outline read in minutes: the units in deploy order, per region what exists with its decided
//! settings and names, the global resources, the cross-region links, the parameters, the
//! operational estimates and the renames. `snapshots/plan@<stack>.yaml.snap` holds it for each
//! bundled stack, so a change of a default or a name shows up there in words before it shows
//! up in thousands of lines of CloudFormation and Terraform.
//!
//! It renders; it decides nothing. Values that are only known at deploy time read as in the
//! runbooks: `${NAME}` for parameters, `<Logical.Attr>` for attributes, `<unit: Output>` for a
//! value another unit provides.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::ids::{Rid, UnitId};
use crate::types::*;
use crate::value::{Part, Text};

/// The review of `plan`.
pub fn review(plan: &Plan) -> String {
    let mut out = Outline::default();
    header(&mut out, plan);
    deploy_order(&mut out, plan);
    for region in &plan.regions {
        region_section(&mut out, region);
    }
    if let Some(global) = &plan.global {
        global_section(&mut out, plan, global);
    }
    if let Some(accelerator) = &plan.accelerator {
        accelerator_section(&mut out, accelerator);
    }
    links(&mut out, plan);
    parameters(&mut out, plan);
    operations(&mut out, plan);
    renames(&mut out, plan);
    acknowledged(&mut out, plan);
    overrides(&mut out, plan);
    out.text
}

/// Indented lines, two spaces a level.
#[derive(Default)]
struct Outline {
    text: String,
}

impl Outline {
    fn line(&mut self, depth: usize, line: impl AsRef<str>) {
        let _ = writeln!(
            self.text,
            "{:width$}{}",
            "",
            line.as_ref(),
            width = depth * 2
        );
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }
}

fn on(value: bool) -> &'static str {
    if value { "on" } else { "off" }
}

/// A value for people: literal text as is, parameters as `${NAME}`, attributes as
/// `<Logical.Attr>`, another unit's value as `<unit: Output>`.
fn text(value: &Text) -> String {
    let mut out = String::new();
    for part in value.parts() {
        match part {
            Part::Import(import) => {
                let _ = write!(out, "<{}: {}>", import.unit, import.output);
            }
            other => {
                let _ = write!(out, "{}", Text::from_parts(vec![other.clone()]));
            }
        }
    }
    out
}

fn texts(values: &[Text]) -> String {
    values.iter().map(text).collect::<Vec<_>>().join(", ")
}

fn sids(statements: &[Statement]) -> String {
    if statements.is_empty() {
        return "none".to_owned();
    }
    statements
        .iter()
        .map(|statement| statement.sid.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn id(rid: &Rid) -> &str {
    &rid.logical
}

fn header(out: &mut Outline, plan: &Plan) {
    out.line(0, format!("{}: {}", plan.stack, plan.description));
    out.line(
        1,
        format!(
            "partition {}; primary region {}; global resources in {}",
            plan.partition, plan.primary_region, plan.global_region
        ),
    );
    let objectives = &plan.objectives;
    let mut parts = Vec::new();
    if let Some(availability) = objectives.availability_percent {
        parts.push(format!("availability {availability} %"));
    }
    if let Some(rto) = objectives.rto_minutes {
        parts.push(format!("RTO {rto} min"));
    }
    if let Some(rpo) = objectives.rpo_minutes {
        parts.push(format!("RPO {rpo} min"));
    }
    if !parts.is_empty() {
        out.line(1, format!("objectives: {}", parts.join(", ")));
    }
    if !plan.tags.is_empty() {
        let tags: Vec<String> = plan.tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.line(1, format!("tags on everything: {}", tags.join(", ")));
    }
}

fn deploy_order(out: &mut Outline, plan: &Plan) {
    out.blank();
    out.line(0, "units, in deploy order:");
    for (index, unit) in plan.units.iter().enumerate() {
        let after = if unit.depends_on.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = unit.depends_on.iter().map(ToString::to_string).collect();
            format!(", after {}", names.join(", "))
        };
        out.line(
            1,
            format!(
                "{}. {} in {}{after}: {}",
                index + 1,
                unit.id,
                unit.region,
                unit.description
            ),
        );
    }
}

fn region_section(out: &mut Outline, region: &RegionPlan) {
    out.blank();
    let latency = region
        .latency_target_ms
        .map_or(String::new(), |ms| format!(", latency target {ms} ms"));
    out.line(
        0,
        format!(
            "region {} ({}{latency}):",
            region.region,
            region.role.as_str()
        ),
    );
    storage(out, &region.storage);
    if let Some(app) = &region.app {
        application(out, app);
    }
    if let Some(links) = &region.links {
        out.line(
            1,
            format!(
                "links unit ({}): routes to the peerings of later regions",
                links.unit
            ),
        );
        peer_route_lines(out, 2, &links.routes);
    }
}

fn peering_lines(out: &mut Outline, app: &AppPlan) {
    for peering in &app.peerings {
        out.line(
            1,
            format!(
                "VPC peering {} ({}) requested with {} ({}), accepted automatically: {}",
                peering.name,
                id(&peering.rid),
                peering.peer_region,
                text(&peering.peer_vpc_id),
                if peering.auto_accept { "yes" } else { "no" }
            ),
        );
    }
    peer_route_lines(out, 1, &app.peer_routes);
}

fn peer_route_lines(out: &mut Outline, depth: usize, routes: &[PeerRoutePlan]) {
    for route in routes {
        out.line(
            depth,
            format!(
                "route {} → {} ({}) in {} via {} ({})",
                route.destination_cidr,
                route.peer_region,
                id(&route.rid),
                text(&route.route_table),
                text(&route.peering),
                route.region
            ),
        );
    }
}

fn storage(out: &mut Outline, storage: &StoragePlan) {
    key(out, 1, "data key", &storage.data_key);
    for bucket in &storage.buckets {
        bucket_lines(out, 1, bucket);
    }
}

fn key(out: &mut Outline, depth: usize, what: &str, key: &KeyPlan) {
    out.line(
        depth,
        format!(
            "{what} {} ({}): rotation {}, {}; policy {}",
            key.alias,
            id(&key.rid),
            on(key.rotation),
            if key.retain {
                "retained"
            } else {
                "deleted with its unit"
            },
            sids(&key.policy)
        ),
    );
}

fn bucket_lines(out: &mut Outline, depth: usize, bucket: &BucketPlan) {
    let purpose = match bucket.purpose {
        BucketPurpose::Data => "data",
        BucketPurpose::AccessLogs => "load balancer access logs",
        BucketPurpose::CdnOrigin => "CDN origin",
    };
    out.line(
        depth,
        format!(
            "bucket {} named {} ({purpose}, {}):",
            bucket.name,
            text(&bucket.bucket_name),
            id(&bucket.rid)
        ),
    );
    let encryption = match &bucket.encryption {
        BucketEncryption::Kms { key, bucket_key } => format!(
            "{} with {}, bucket key {}",
            bucket.encryption.algorithm().as_str(),
            text(key),
            on(*bucket_key)
        ),
        BucketEncryption::S3Managed => bucket.encryption.algorithm().as_str().to_owned(),
    };
    let block = &bucket.public_access_block;
    let blocked = [
        block.block_public_acls,
        block.block_public_policy,
        block.ignore_public_acls,
        block.restrict_public_buckets,
    ];
    let public = if blocked.iter().all(|b| *b) {
        "public access blocked (all four settings)".to_owned()
    } else {
        format!("public access block {blocked:?}")
    };
    out.line(
        depth + 1,
        format!(
            "versioning {}; encryption {encryption}; {public}; ownership {}; {}",
            on(bucket.versioning),
            bucket.object_ownership.as_str(),
            if bucket.retain {
                "retained"
            } else {
                "deleted with its unit"
            }
        ),
    );
    if let Some(lock) = &bucket.object_lock {
        out.line(
            depth + 1,
            format!("Object Lock {} for {} days", lock.mode.as_str(), lock.days),
        );
    }
    for rule in &bucket.lifecycle_rules {
        let action = match rule.action {
            LifecycleAction::AbortIncompleteUploads { days } => {
                format!("abort incomplete multipart uploads after {days} days")
            }
            LifecycleAction::Expire { days } => format!("expire objects after {days} days"),
        };
        out.line(depth + 1, format!("lifecycle rule {}: {action}", rule.id));
    }
    if let Some(replication) = &bucket.replication {
        replication_lines(out, depth + 1, replication);
    }
    out.line(
        depth + 1,
        format!("bucket policy {}", sids(&bucket.policy_statements)),
    );
}

fn replication_lines(out: &mut Outline, depth: usize, replication: &ReplicationPlan) {
    out.line(
        depth,
        format!(
            "replication as {} (policy {}: {}), KMS-encrypted objects {}:",
            id(&replication.role),
            replication.policy_name,
            sids(&replication.role_statements),
            if replication.replicate_kms_encrypted {
                "included"
            } else {
                "left out"
            }
        ),
    );
    for rule in &replication.rules {
        let class = rule
            .storage_class
            .map_or("the source's class", StorageClass::as_str);
        let prefix = if rule.prefix.is_empty() {
            "every object".to_owned()
        } else {
            format!("objects under `{}`", rule.prefix)
        };
        let rtc = if rule.time_control {
            format!("RTC {} min", rule.time_control_minutes)
        } else {
            "no RTC".to_owned()
        };
        out.line(
            depth + 1,
            format!(
                "rule {} (priority {}): {prefix} → {} in {} ({}) as {class}, re-encrypted with {}; {rtc}; metrics {}; delete markers {}",
                rule.id,
                rule.priority,
                rule.destination,
                rule.destination_region,
                text(&rule.destination_name),
                text(&rule.replica_kms_key),
                on(rule.metrics),
                if rule.delete_markers {
                    "replicated"
                } else {
                    "not replicated"
                }
            ),
        );
    }
}

fn application(out: &mut Outline, app: &AppPlan) {
    if let Some(network) = &app.network {
        network_lines(out, network);
    }
    security_groups(out, app);
    peering_lines(out, app);
    for load_balancer in app.all_load_balancers() {
        load_balancer_lines(out, load_balancer);
    }
    if let Some(cluster) = &app.cluster {
        out.line(
            1,
            format!(
                "cluster {} ({}): Container Insights {}",
                cluster.name,
                id(&cluster.rid),
                on(cluster.container_insights)
            ),
        );
    }
    for service in &app.services {
        service_lines(out, service);
    }
    if let Some(database) = &app.database {
        database_lines(out, database);
    }
    if let Some(credentials) = &app.adopted_credentials {
        adopted_credentials_lines(out, credentials);
    }
    if let Some(cache) = &app.cache {
        cache_lines(out, cache);
    }
    alerting(out, 1, &app.alerting);
}

fn network_lines(out: &mut Outline, network: &NetworkPlan) {
    let Some(created) = &network.created else {
        out.line(
            1,
            format!(
                "network: existing VPC {} ({}); public subnets {}; private subnets {}",
                text(&network.vpc_id),
                network.vpc_cidr,
                texts(&network.public_subnets),
                texts(&network.private_subnets)
            ),
        );
        return;
    };
    out.line(
        1,
        format!(
            "network: VPC {} named {} over {} zones; DNS hostnames {}, DNS support {}; public route table {} with a default route to {}",
            network.vpc_cidr,
            created.name_prefix,
            created.zones.len(),
            on(created.dns_hostnames),
            on(created.dns_support),
            created.public_route_table_name,
            created.default_route_destination
        ),
    );
    for zone in &created.zones {
        zone_line(out, zone);
    }
    if let Some(flow_logs) = &created.flow_logs {
        out.line(
            2,
            format!(
                "flow logs: {} traffic to {} group {}, {} days, encrypted with {}; role policy {} ({})",
                flow_logs.traffic_type.as_str(),
                flow_logs.destination_type.as_str(),
                flow_logs.log_group_name,
                flow_logs.retention_days,
                text(&flow_logs.kms_key),
                flow_logs.role_policy_name,
                sids(&flow_logs.role_statements)
            ),
        );
    }
}

fn zone_line(out: &mut Outline, zone: &ZonePlan) {
    let subnet = |subnet: &SubnetPlan| {
        format!(
            "{} {}{}",
            subnet.name,
            subnet.cidr,
            if subnet.map_public_ip_on_launch {
                ", public IPs at launch"
            } else {
                ""
            }
        )
    };
    let nat = zone.nat.as_ref().map_or(
        ", private traffic through another zone's NAT gateway".to_owned(),
        |nat| format!(", NAT gateway {} (EIP domain {})", nat.name, nat.eip_domain),
    );
    out.line(
        2,
        format!(
            "zone {}: public {}; private {} routed by {}{nat}",
            zone.letter,
            subnet(&zone.public_subnet),
            subnet(&zone.private_subnet),
            zone.private_route_table_name
        ),
    );
}

fn security_groups(out: &mut Outline, app: &AppPlan) {
    for group in &app.security_groups {
        out.line(
            1,
            format!(
                "security group {} ({}): {}",
                group.name,
                id(&group.rid),
                group.description
            ),
        );
        for rule in app
            .security_group_rules
            .iter()
            .filter(|rule| rule.group == group.rid)
        {
            let (direction, peer_word) = match rule.direction {
                Direction::Ingress => ("in", "from"),
                Direction::Egress => ("out", "to"),
            };
            let peer = match &rule.peer {
                Peer::Cidr(cidr) => cidr.clone(),
                Peer::Group(group) => id(group).to_owned(),
            };
            out.line(
                2,
                format!(
                    "{direction} {}/{} {peer_word} {peer}: {}",
                    rule.port,
                    rule.protocol.as_str(),
                    rule.description
                ),
            );
        }
    }
}

fn load_balancer_lines(out: &mut Outline, lb: &LoadBalancerPlan) {
    out.line(
        1,
        format!(
            "load balancer {} ({}, {}): invalid header fields {}; deletion protection {}; idle timeout {} s; subnets {}",
            id(&lb.rid),
            lb.load_balancer_type.as_str(),
            if lb.internal { "internal" } else { "internet-facing" },
            if lb.drop_invalid_header_fields {
                "dropped"
            } else {
                "passed on"
            },
            on(lb.deletion_protection),
            lb.idle_timeout_seconds,
            texts(&lb.subnets)
        ),
    );
    for listener in &lb.listeners {
        listener_lines(out, listener);
    }
    for group in &lb.target_groups {
        target_group_line(out, group);
    }
    if let Some(logs) = &lb.access_logs {
        out.line(2, "access logs:");
        bucket_lines(out, 3, logs);
    }
}

fn listener_lines(out: &mut Outline, listener: &ListenerPlan) {
    let tls = listener
        .ssl_policy
        .as_ref()
        .map_or(String::new(), |policy| {
            format!(
                ", TLS policy {policy}, certificate {}",
                texts(&listener.certificates)
            )
        });
    let default = match &listener.default_action {
        ListenerAction::Redirect {
            protocol,
            port,
            status,
        } => format!(
            "redirect to {}:{port} ({})",
            protocol.as_str(),
            status.as_str()
        ),
        ListenerAction::FixedResponse {
            status,
            content_type,
        } => format!("answer {status} ({content_type})"),
    };
    out.line(
        2,
        format!(
            "listener {}/{}{tls}; otherwise {default}",
            listener.port,
            listener.protocol.as_str()
        ),
    );
    for rule in &listener.rules {
        let mut conditions = Vec::new();
        if !rule.hosts.is_empty() {
            conditions.push(format!("hosts {}", texts(&rule.hosts)));
        }
        if !rule.paths.is_empty() {
            conditions.push(format!("paths {}", rule.paths.join(", ")));
        }
        let alternate = rule.forward.alternate.as_ref().map_or(String::new(), |a| {
            format!(
                " (weight {}) and {} (weight {})",
                a.production_weight,
                id(&a.target_group),
                a.alternate_weight
            )
        });
        out.line(
            3,
            format!(
                "rule {}: {} → {}{alternate}",
                rule.priority,
                conditions.join("; "),
                id(&rule.forward.target_group)
            ),
        );
    }
}

fn target_group_line(out: &mut Outline, group: &TargetGroupPlan) {
    let health = &group.health;
    let alternate = group
        .alternate
        .as_ref()
        .map_or(String::new(), |rid| format!(" and {}", id(rid)));
    out.line(
        2,
        format!(
            "target group {} ({}{alternate}) for service {}: {} targets on {}/{}; health checks {}: {} every {} s, timeout {} s, {} to pass, {} to fail, matcher {}; draining {} s",
            group.name,
            id(&group.rid),
            group.service,
            group.target_type.as_str(),
            group.port,
            group.protocol.as_str(),
            on(health.enabled),
            health.path,
            health.interval_seconds,
            health.timeout_seconds,
            health.healthy_threshold,
            health.unhealthy_threshold,
            health.matcher,
            group.deregistration_delay_seconds
        ),
    );
}

fn service_lines(out: &mut Outline, service: &ServicePlan) {
    let renamed = service
        .renamed_from
        .as_ref()
        .map_or(String::new(), |former| format!(", formerly {former}"));
    out.line(
        1,
        format!(
            "service {} named {}{renamed} (family {}, container {}):",
            service.name, service.service_name, service.family, service.container_name
        ),
    );
    let runtime = &service.runtime;
    out.line(
        2,
        format!(
            "{} tasks of {}: {} CPU / {} MiB on {} {} {} ({} networking), {}, essential {}",
            service.desired_count,
            text(&service.image),
            service.cpu,
            service.memory,
            runtime.launch_type.as_str(),
            runtime.operating_system.as_str(),
            runtime.cpu_architecture.as_str(),
            runtime.network_mode.as_str(),
            match service.port {
                Some(port) => format!("port {port}/{}", service.port_protocol.as_str()),
                None => "a worker without a port".to_owned(),
            },
            on(service.essential)
        ),
    );
    for (what, arguments) in [
        ("entry point", &service.entry_point),
        ("command", &service.command),
    ] {
        if !arguments.is_empty() {
            out.line(2, format!("{what}: [{}]", texts(arguments)));
        }
    }
    out.line(
        2,
        format!(
            "public IP {}; tags propagated from the {}; ECS managed tags {}; subnets {}",
            on(service.assign_public_ip),
            service.tag_propagation.as_str(),
            on(service.ecs_managed_tags),
            texts(&service.subnets)
        ),
    );
    out.line(
        2,
        format!(
            "logs: {} to {} (prefix {}), {} days, encrypted with {}",
            service.logging.driver.as_str(),
            service.log_group_name,
            service.logging.stream_prefix,
            service.log_retention_days,
            text(&service.log_kms_key)
        ),
    );
    out.line(
        2,
        format!(
            "execution role policy {}: {}",
            service.execution_policy_name,
            sids(&service.execution_statements)
        ),
    );
    service_settings(out, service);
}

fn service_settings(out: &mut Outline, service: &ServicePlan) {
    let pairs = |pairs: &[(String, Text)]| {
        pairs
            .iter()
            .map(|(name, value)| format!("{name}={}", text(value)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !service.environment.is_empty() {
        out.line(2, format!("environment: {}", pairs(&service.environment)));
    }
    if !service.secrets.is_empty() {
        out.line(2, format!("secrets: {}", pairs(&service.secrets)));
    }
    if let Some(health) = &service.health_check {
        out.line(
            2,
            format!(
                "container health: {} every {} s, timeout {} s, {} retries, start period {} s",
                health.command.join(" "),
                health.interval_seconds,
                health.timeout_seconds,
                health.retries,
                health.start_period_seconds
            ),
        );
    }
    if let Some(lb) = &service.load_balancer {
        let grace = service
            .health_check_grace_seconds
            .map_or(String::new(), |s| format!(", grace period {s} s"));
        out.line(
            2,
            format!(
                "behind {} via {} on container port {}{grace}",
                id(&lb.target_group),
                id(&lb.listener_rule),
                lb.container_port
            ),
        );
    }
    deployment_line(out, &service.deployment);
    if let Some(scaling) = &service.scaling {
        scaling_lines(out, scaling);
    }
    if !service.rollback_alarms.is_empty() {
        out.line(2, "rollback alarms:");
        for alarm in &service.rollback_alarms {
            alarm_line(out, 3, alarm);
        }
    }
}

fn deployment_line(out: &mut Outline, deployment: &DeploymentPlan) {
    let bake = deployment
        .bake_time_minutes
        .map_or(String::new(), |minutes| format!(", bake {minutes} min"));
    out.line(
        2,
        format!(
            "deployment: {} by the {} controller{bake}; {} % to {} % of tasks; circuit breaker {}; rollback {} (alarms {}), within {} s",
            deployment.strategy.as_str(),
            deployment.controller.as_str(),
            deployment.minimum_healthy_percent,
            deployment.maximum_percent,
            on(deployment.circuit_breaker),
            on(deployment.rollback),
            on(deployment.alarms_enabled),
            deployment.max_rollback_seconds
        ),
    );
}

fn scaling_lines(out: &mut Outline, scaling: &ScalingPlan) {
    out.line(
        2,
        format!(
            "scaling {} ({} {} of {}): {} to {} tasks, {} on {} at {} %, cooldowns out {} s / in {} s",
            scaling.policy_name,
            scaling.service_namespace,
            scaling.scalable_dimension,
            text(&scaling.resource_id),
            scaling.min,
            scaling.max,
            scaling.policy_type.as_str(),
            scaling.metric.as_str(),
            scaling.target_cpu_percent,
            scaling.scale_out_cooldown_seconds,
            scaling.scale_in_cooldown_seconds
        ),
    );
    for action in &scaling.scheduled {
        out.line(
            3,
            format!(
                "schedule {}: {} ({}) → {} to {} tasks",
                action.name, action.schedule, action.timezone, action.min, action.max
            ),
        );
    }
}

fn database_lines(out: &mut Outline, database: &DatabasePlan) {
    let role = match &database.role {
        DatabaseRole::Writer(_) => "writer".to_owned(),
        DatabaseRole::Promoted(promoted) => format!(
            "writer, the promoted read replica of the former writer in {}, adopted in place",
            promoted.source_region
        ),
        DatabaseRole::Replica(replica) => format!(
            "read replica of {} in {}",
            text(&replica.source_arn),
            replica.source_region
        ),
    };
    out.line(
        1,
        format!(
            "database {} ({role}): {} on port {}, {} storage; encrypted with {}",
            database.identifier,
            database.instance_class,
            database.port,
            database.storage_type.as_str(),
            text(&database.kms_key)
        ),
    );
    let final_snapshot = database
        .final_snapshot
        .as_ref()
        .map_or("no final snapshot".to_owned(), |name| {
            format!("final snapshot {name}")
        });
    out.line(
        2,
        format!(
            "public access {}; IAM authentication {}; minor upgrades {}; tags copied to snapshots {}; deletion protection {}; {final_snapshot}",
            on(database.publicly_accessible),
            on(database.iam_authentication),
            on(database.auto_minor_version_upgrade),
            on(database.copy_tags_to_snapshot),
            on(database.deletion_protection)
        ),
    );
    out.line(
        2,
        format!(
            "monitoring every {} s; Performance Insights {} ({} days); logs exported: {}; subnet group: {}",
            database.monitoring_interval_seconds,
            on(database.performance_insights),
            database.performance_insights_retention_days,
            database.log_exports.join(", "),
            database.subnet_group_description
        ),
    );
    let group = &database.parameter_group;
    let parameters: Vec<String> = group
        .parameters
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    out.line(
        2,
        format!(
            "parameter group {} (applied {}): {}",
            group.family,
            group.apply_method.as_str(),
            parameters.join(", ")
        ),
    );
    match &database.role {
        DatabaseRole::Writer(writer) => writer_lines(out, writer),
        DatabaseRole::Promoted(promoted) => out.line(
            2,
            format!(
                "kept as the replica had them: identifier, key, subnet group, source region {}; added: {} GiB storage ceiling, Multi-AZ {}, backups {} days at {}, maintenance {}",
                promoted.source_region,
                promoted.max_storage_gb,
                on(promoted.multi_az),
                promoted.backup_retention_days,
                promoted.backup_window,
                promoted.maintenance_window
            ),
        ),
        // A replica with settings of its own says them; one that follows the writer says nothing more.
        DatabaseRole::Replica(replica) if replica.multi_az.is_some() || replica.iops.is_some() => {
            out.line(
                2,
                format!(
                    "replica's own: {} GiB storage ceiling, Multi-AZ {}, {}",
                    replica.max_storage_gb,
                    on(replica.multi_az.unwrap_or(false)),
                    replica
                        .iops
                        .map_or_else(|| "baseline IOPS".to_owned(), |iops| format!("{iops} provisioned IOPS"))
                ),
            );
        }
        DatabaseRole::Replica(_) => {}
    }
}

fn adopted_credentials_lines(out: &mut Outline, credentials: &AdoptedCredentialsPlan) {
    out.line(
        1,
        format!(
            "credentials of the adopted writer {} in {}, kept where they were created",
            credentials.writer_identifier, credentials.writer_region
        ),
    );
    secret_line(out, 2, "master secret", &credentials.secret);
    rotation_line(out, &credentials.rotation);
}

fn writer_lines(out: &mut Outline, writer: &WriterPlan) {
    out.line(
        2,
        format!(
            "{} {}, database {}; {} GiB growing to {} GiB, storage encryption {}; Multi-AZ {}; backups {} days at {}; maintenance {}",
            writer.engine.as_str(),
            writer.engine_version,
            writer.db_name,
            writer.storage_gb,
            writer.max_storage_gb,
            on(writer.storage_encrypted),
            on(writer.multi_az),
            writer.backup_retention_days,
            writer.backup_window,
            writer.maintenance_window
        ),
    );
    secret_line(out, 2, "master secret", &writer.secret);
    rotation_line(out, &writer.rotation);
}

fn rotation_line(out: &mut Outline, rotation: &RotationPlan) {
    out.line(
        2,
        format!(
            "rotation {} every {} days by {} ({}), from {}",
            rotation.name,
            rotation.days,
            rotation.function.rotation_type(),
            rotation.application_id,
            text(&rotation.endpoint)
        ),
    );
}

fn secret_line(out: &mut Outline, depth: usize, what: &str, secret: &SecretPlan) {
    let replicas: Vec<String> = secret
        .replicas
        .iter()
        .map(|replica| replica.region.to_string())
        .collect();
    let replicas = if replicas.is_empty() {
        String::new()
    } else {
        format!("; replicas in {}", replicas.join(", "))
    };
    let fixed: Vec<String> = secret
        .fixed_fields
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    out.line(
        depth,
        format!(
            "{what} {}: {} of {} characters (none of `{}`){}, encrypted with {}, {}{replicas}",
            secret.name,
            secret.generated_field,
            secret.length,
            secret.exclude_characters,
            if fixed.is_empty() {
                String::new()
            } else {
                format!(" beside {}", fixed.join(", "))
            },
            text(&secret.kms_key),
            if secret.retain {
                "retained"
            } else {
                "deleted with its unit"
            }
        ),
    );
}

fn cache_lines(out: &mut Outline, cache: &CachePlan) {
    let nodes = cache
        .node_count
        .map_or(String::new(), |count| format!(", {count} nodes"));
    out.line(
        1,
        format!(
            "cache {} ({}): cluster mode {}, {} replicas per shard{nodes}, Multi-AZ {}, automatic failover {}, port {}, subnet group {}",
            cache.replication_group_id,
            cache.description,
            on(cache.cluster_mode),
            cache.replicas_per_shard,
            on(cache.multi_az),
            on(cache.automatic_failover),
            cache.port,
            cache.subnet_group_name
        ),
    );
    if cache.beside_global_datastore {
        out.line(
            2,
            "standalone beside the Global Datastore: not replicated, its keys are its region's alone, and no failover promotes it",
        );
    }
    match &cache.role {
        CacheRole::Primary(primary) => cache_primary_lines(out, primary),
        CacheRole::Secondary {
            global_datastore_id,
            auth_secret_arn,
        } => out.line(
            2,
            format!(
                "secondary of Global Datastore {}, AUTH token from {}",
                text(global_datastore_id),
                text(auth_secret_arn)
            ),
        ),
    }
}

fn cache_primary_lines(out: &mut Outline, primary: &CachePrimaryPlan) {
    let final_snapshot = primary
        .final_snapshot
        .as_ref()
        .map_or("no final snapshot".to_owned(), |name| {
            format!("final snapshot {name}")
        });
    out.line(
        2,
        format!(
            "{} {} on {} × {} shards, parameter group {}; encryption at rest {}, in transit {}; minor upgrades {}; snapshots {} days; {final_snapshot}",
            primary.engine.as_str(),
            primary.engine_version,
            primary.node_type,
            primary.shards,
            primary.parameter_group_name,
            on(primary.at_rest_encryption),
            on(primary.transit_encryption),
            on(primary.auto_minor_version_upgrade),
            primary.snapshot_retention_days
        ),
    );
    secret_line(out, 2, "AUTH secret", &primary.auth_secret);
    if let Some(global) = &primary.global {
        out.line(
            2,
            format!(
                "Global Datastore primary {} ({})",
                global.suffix, global.description
            ),
        );
    }
}

fn alerting(out: &mut Outline, depth: usize, alerting: &AlertingPlan) {
    if let Some(alerts_key) = &alerting.key {
        key(out, depth, "alerts key", alerts_key);
    }
    for topic in &alerting.topics {
        let subscriptions: Vec<String> = topic
            .subscriptions
            .iter()
            .map(|s| format!("{} {}", s.protocol, text(&s.endpoint)))
            .collect();
        out.line(
            depth,
            format!(
                "topic {} for {}: {}; policy {}",
                topic.name,
                topic.target,
                if subscriptions.is_empty() {
                    "no subscription".to_owned()
                } else {
                    subscriptions.join(", ")
                },
                sids(&topic.policy_statements)
            ),
        );
    }
    for alarm in &alerting.alarms {
        alarm_line(out, depth, alarm);
    }
    for composite in &alerting.composites {
        out.line(
            depth,
            format!(
                "composite alarm {} = {}; notifies {}",
                composite.name,
                composite.rule,
                composite
                    .topics
                    .iter()
                    .map(|topic| topic.logical.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
}

/// `p95 of AWS/ApplicationELB TargetResponseTime [LoadBalancer, RuleId=to-backups]`: dimensions
/// by name, with their value where it is known before deployment.
fn metric_text(metric: &MetricStat) -> String {
    let dimensions: Vec<String> = metric
        .dimensions
        .iter()
        .map(|(name, value)| match value.as_literal() {
            Some(literal) => format!("{name}={literal}"),
            None => name.clone(),
        })
        .collect();
    format!(
        "{} of {} {} [{}]",
        metric.stat,
        metric.namespace,
        metric.metric,
        dimensions.join(", ")
    )
}

fn alarm_line(out: &mut Outline, depth: usize, alarm: &AlarmPlan) {
    let metric = match &alarm.metric {
        AlarmMetric::Single(metric) => metric_text(metric),
        AlarmMetric::Math {
            result_id,
            expression,
            label,
            inputs,
        } => {
            let inputs: Vec<String> = inputs
                .iter()
                .map(|(name, metric)| format!("{name} = {}", metric_text(metric)))
                .collect();
            format!(
                "{label} ({result_id} = {expression} where {})",
                inputs.join("; ")
            )
        }
    };
    let topics: Vec<&str> = alarm.topics.iter().map(id).collect();
    out.line(
        depth,
        format!(
            "alarm {}: {metric} {} {} over {} × {} s, missing data {} → {}",
            alarm.name,
            alarm.comparison.as_str(),
            alarm.threshold,
            alarm.evaluation_periods,
            alarm.period_seconds,
            alarm.missing_data.as_str(),
            if topics.is_empty() {
                "no topic".to_owned()
            } else {
                topics.join(", ")
            }
        ),
    );
}

fn accelerator_section(out: &mut Outline, accelerator: &AcceleratorPlan) {
    out.blank();
    out.line(
        0,
        format!("accelerator ({}):", crate::aws::ACCELERATOR_REGION),
    );
    let listener = &accelerator.listener;
    let ports: Vec<String> = listener.ports.iter().map(u32::to_string).collect();
    out.line(
        1,
        format!(
            "{} {}: {}, {} static addresses; listener {} {} (affinity {})",
            accelerator.rid.logical,
            accelerator.name,
            on(accelerator.enabled),
            accelerator.ip_address_type.as_str(),
            listener.protocol.as_str(),
            ports.join(", "),
            listener.client_affinity.as_str()
        ),
    );
    for group in &accelerator.endpoint_groups {
        out.line(
            2,
            format!(
                "{} {}: load balancer {} (weight {}, client IP {}), dial {} %; health {} {}:{} every {} s, {} checks",
                group.rid.logical,
                group.region,
                text(&group.load_balancer_arn),
                group.weight,
                if group.client_ip_preservation { "preserved" } else { "not preserved" },
                group.traffic_dial_percent,
                group.health_check_protocol.as_str(),
                group.health_check_port,
                group.health_check_path,
                group.health_check_interval_seconds,
                group.threshold_count
            ),
        );
    }
}

fn global_section(out: &mut Outline, plan: &Plan, global: &GlobalPlan) {
    out.blank();
    out.line(0, format!("global ({}):", plan.global_region));
    if let Some(dns) = &global.dns {
        dns_lines(out, dns);
    }
    if let Some(cdn) = &global.cdn {
        cdn_lines(out, cdn);
    }
    for dashboard in &global.dashboards {
        let widgets = match &dashboard.body {
            JsonDoc::Object(fields) => {
                fields
                    .iter()
                    .find(|(key, _)| key == "widgets")
                    .map_or(0, |(_, widgets)| match widgets {
                        JsonDoc::Array(items) => items.len(),
                        _ => 0,
                    })
            }
            _ => 0,
        };
        out.line(
            1,
            format!("dashboard {} with {widgets} widgets", dashboard.name),
        );
    }
    alerting(out, 1, &global.alerting);
}

fn dns_lines(out: &mut Outline, dns: &DnsPlan) {
    out.line(
        1,
        format!(
            "DNS {} in hosted zone {}: latency routing, target health {}, answers kept {} s",
            dns.domain,
            text(&dns.hosted_zone_id),
            if dns.evaluate_health {
                "evaluated"
            } else {
                "ignored"
            },
            dns.effective_ttl_seconds
        ),
    );
    regional_dns_lines(out, &dns.regions);
    for host in &dns.hosts {
        out.line(
            1,
            format!(
                "DNS host {} in the same zone, on {}",
                host.name,
                host.load_balancer
                    .as_ref()
                    .map_or("the main load balancer".to_owned(), |name| format!(
                        "the load balancer {name}"
                    ))
            ),
        );
        regional_dns_lines(out, &host.regions);
    }
}

/// The record and health check of each region for one DNS name.
fn regional_dns_lines(out: &mut Outline, regions: &[RegionalDnsPlan]) {
    for region in regions {
        out.line(
            2,
            format!(
                "{}: {} record{} {} (set {}) → {} in zone {}; health check {}:{}{} (SNI {}) every {} s, {} failures",
                region.region,
                region.record_type.as_str(),
                region
                    .cname_ttl_seconds
                    .map_or_else(String::new, |ttl| format!(" with TTL {ttl} s")),
                region.name,
                region.set_identifier,
                text(&region.target_dns_name),
                text(&region.target_zone_id),
                region.protocol.as_str(),
                region.port,
                region.path,
                on(region.enable_sni),
                region.interval_seconds,
                region.failure_threshold
            ),
        );
    }
}

fn cdn_lines(out: &mut Outline, cdn: &CdnPlan) {
    let certificate = cdn
        .certificate
        .as_ref()
        .map_or("the default certificate".to_owned(), text);
    out.line(
        1,
        format!(
            "CDN for {} ({}): enabled {}, {}, {}, IPv6 {}, compression {}, viewers {}, TLS {} by {} with {}",
            cdn.aliases.join(", "),
            cdn.comment,
            on(cdn.enabled),
            cdn.price_class.as_str(),
            cdn.http_version.as_str(),
            on(cdn.ipv6),
            on(cdn.compress),
            cdn.viewer_protocol_policy.as_str(),
            cdn.minimum_protocol_version,
            cdn.ssl_support_method.as_str(),
            certificate
        ),
    );
    out.line(
        2,
        format!(
            "methods {}; root object {}; cache policy {}; response headers policy {}; geo restriction {}",
            cdn.methods.join(", "),
            cdn.default_root_object,
            cdn.cache_policy_id,
            cdn.response_headers_policy_id,
            cdn.geo_restriction.as_str()
        ),
    );
    let signing = &cdn.origin_signing;
    out.line(
        2,
        format!(
            "origin {} through origin access control {} ({} {} {}: {})",
            cdn.origin_id,
            cdn.origin_access_control_name,
            signing.origin_type.as_str(),
            signing.behavior.as_str(),
            signing.protocol.as_str(),
            cdn.origin_access_control_description
        ),
    );
    bucket_lines(out, 2, &cdn.bucket);
    for record in &cdn.records {
        let records: Vec<String> = record
            .records
            .iter()
            .map(|(kind, _)| kind.as_str().to_owned())
            .collect();
        out.line(
            2,
            format!(
                "{} records {} in zone {} → the distribution (zone {}), target health {}: {}",
                records.join(" and "),
                record.name,
                text(&record.hosted_zone_id),
                cdn.alias_hosted_zone_id,
                if record.evaluate_target_health {
                    "evaluated"
                } else {
                    "ignored"
                },
                record.comment
            ),
        );
    }
}

fn links(out: &mut Outline, plan: &Plan) {
    let cross: Vec<&Unit> = plan
        .units
        .iter()
        .filter(|unit| !unit.consumes.is_empty())
        .collect();
    if cross.is_empty() {
        return;
    }
    out.blank();
    out.line(0, "values one unit takes from another:");
    for unit in cross {
        let mut by_producer: BTreeMap<&UnitId, Vec<&str>> = BTreeMap::new();
        for (producer, output) in &unit.consumes {
            by_producer.entry(producer).or_default().push(output);
        }
        for (producer, outputs) in by_producer {
            out.line(
                1,
                format!("{} ← {producer}: {}", unit.id, outputs.join(", ")),
            );
        }
    }
}

fn parameters(out: &mut Outline, plan: &Plan) {
    if plan.parameters.is_empty() {
        return;
    }
    out.blank();
    out.line(0, "parameters:");
    for parameter in &plan.parameters {
        let scope = if parameter.per_region {
            "one value per region"
        } else {
            "one value"
        };
        out.line(
            1,
            format!(
                "{} ({}, {scope}{}, used in {}): {}",
                parameter.name,
                parameter.kind.name(),
                if parameter.sensitive {
                    ", sensitive"
                } else {
                    ""
                },
                parameter.regions.join(", "),
                parameter.description
            ),
        );
    }
}

fn operations(out: &mut Outline, plan: &Plan) {
    let ops = &plan.operations;
    out.blank();
    out.line(0, "operations:");
    let estimate = &ops.failover;
    let promotion = estimate
        .promoted_replica
        .as_ref()
        .map_or(String::new(), |replica| {
            format!(
                "; promotes {} in {} (up to {} s, {} s in all)",
                replica.identifier,
                replica.region,
                estimate.promotion_timeout_seconds,
                estimate.with_promotion_seconds
            )
        });
    let to: Vec<String> = plan
        .global
        .as_ref()
        .and_then(|global| global.dns.as_ref())
        .map(|dns| {
            dns.regions
                .iter()
                .filter(|region| region.region != estimate.from_region)
                .map(|region| region.region.to_string())
                .collect()
        })
        .unwrap_or_default();
    if to.is_empty() {
        out.line(
            1,
            format!(
                "no failover: DNS routes to no region other than {}",
                estimate.from_region
            ),
        );
    } else {
        let told = if ops.failover_targets.is_empty() {
            String::new()
        } else {
            format!("; tells {}", ops.failover_targets.join(", "))
        };
        out.line(
            1,
            format!(
                "failover {} from {} to {}: about {} s ({} s detection, {} s DNS TTL; in-flight requests drain for up to {} s){promotion}; {} the RTO{told}",
                if ops.failover_enabled { "automatic" } else { "manual" },
                estimate.from_region,
                to.join(", "),
                estimate.total_seconds,
                estimate
                    .detection
                    .as_ref()
                    .map_or(0, |detection| detection.detection_seconds),
                estimate.dns_ttl_seconds,
                estimate.draining_seconds,
                if estimate.fits_rto { "within" } else { "beyond" }
            ),
        );
    }
    out.line(
        1,
        format!(
            "failback {}{}; runbook probes every {} s, time out after {} s",
            on(ops.failback_enabled),
            if ops.failback_enabled {
                format!(" after {} s of health", ops.failback_wait_seconds)
            } else {
                String::new()
            },
            ops.promotion_probe_interval_seconds,
            ops.probe_timeout_seconds
        ),
    );
    if let Some(budget) = &ops.budget {
        for step in &budget.steps {
            out.line(
                1,
                format!(
                    "failover budget, {}: {} s ({})",
                    step.kind.as_str(),
                    step.seconds,
                    step.basis
                ),
            );
        }
        out.line(
            1,
            format!(
                "failover budget {} s against the RTO {}{}",
                budget.total_seconds,
                budget
                    .rto_seconds
                    .map_or_else(|| "(none)".to_owned(), |rto| format!("{rto} s")),
                if budget.exceeds_rto {
                    ": exceeds it"
                } else {
                    ""
                }
            ),
        );
    }
    for rollout in &ops.rollouts {
        out.line(
            1,
            format!(
                "rollout of {} in {}: {} wave(s) of {} s, bake {} s, {} s in all",
                rollout.service,
                rollout.region,
                rollout.waves,
                rollout.wave_seconds,
                rollout.bake_seconds,
                rollout.total_seconds
            ),
        );
    }
}

fn acknowledged(out: &mut Outline, plan: &Plan) {
    if plan.acknowledged.is_empty() {
        return;
    }
    out.blank();
    out.line(0, "acknowledged warnings:");
    for warning in &plan.acknowledged {
        out.line(
            1,
            format!("{} at {}: {}", warning.code, warning.path, warning.message),
        );
        out.line(2, format!("because: {}", warning.reason));
    }
}

fn overrides(out: &mut Outline, plan: &Plan) {
    if plan.overrides.is_empty() {
        return;
    }
    out.blank();
    out.line(0, "overrides (applied after everything above):");
    for override_plan in &plan.overrides {
        out.line(1, override_plan.to_string());
        for change in &override_plan.changes {
            out.line(2, change.to_string());
        }
    }
}

fn renames(out: &mut Outline, plan: &Plan) {
    if plan.renames.is_empty() {
        return;
    }
    out.blank();
    out.line(0, "renames:");
    for rename in &plan.renames {
        let kept: Vec<String> = rename
            .logical_ids
            .iter()
            .map(|(unit, ids)| {
                let ids: Vec<&str> = ids.iter().map(|id| id.as_str()).collect();
                format!("{unit}: {}", ids.join(", "))
            })
            .collect();
        out.line(
            1,
            format!(
                "{} {} → {}: logical IDs kept ({}); {} Terraform moves",
                rename.kind.as_str(),
                rename.from,
                rename.to,
                kept.join("; "),
                rename.moves.len()
            ),
        );
    }
}
