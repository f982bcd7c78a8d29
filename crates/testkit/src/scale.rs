//! Stacks of any size in the shape of the seed architecture (`stacks/rail-backend.yaml`): R regions
//! × S services, for the quota tests and the benchmarks. The peers in `../shared/peers` scale the
//! same architecture with the same two knobs (`REGIONS`, `SERVICES`), so figures compare.
//!
//! What grows with the knobs: regions (the first is the primary, the second the secondary, the rest
//! optional), one VPC each; services, each with its own target group, listener rule, log group,
//! roles, scaling and alarms in every region. What stays within AWS's own limits whatever the
//! knobs: read replicas (an RDS source takes at most 15), Global Datastore members (a primary and
//! at most 2 secondaries), load balancer rules (100 per listener).

use std::fmt::Write as _;

/// Commercial regions outside the opt-in list first, so small stacks need no opt-in; the primary
/// and secondary are the seed's.
pub const SCALE_REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "ap-northeast-1",
    "us-east-2",
    "us-west-2",
    "eu-central-1",
    "eu-west-2",
    "eu-west-3",
    "eu-north-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ca-central-1",
    "sa-east-1",
    "us-west-1",
    "eu-south-1",
    "ap-east-1",
    "me-south-1",
    "af-south-1",
    "eu-central-2",
    "eu-south-2",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "me-central-1",
    "il-central-1",
    "ca-west-1",
    "mx-central-1",
];

/// RDS: at most 15 read replicas per source instance.
const MAX_READ_REPLICAS: usize = 15;
/// ElastiCache Global Datastore: a primary and at most two secondary regions.
const MAX_CACHE_SECONDARIES: usize = 2;

/// The size of a generated stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Regions that run the services (at most [`SCALE_REGIONS`]`.len()`).
    pub regions: usize,
    /// Services per region (at most 100: one listener rule each).
    pub services: usize,
}

impl Scale {
    pub const fn new(regions: usize, services: usize) -> Self {
        Scale { regions, services }
    }

    /// `20x50`.
    pub fn label(&self) -> String {
        format!("{}x{}", self.regions, self.services)
    }

    /// The stack's name, `scale-20x50`.
    pub fn stack_name(&self) -> String {
        format!("scale-{}", self.label())
    }
}

/// The YAML text of a seed-shaped stack at `scale`. Panics when the scale is out of range (a test
/// bug, not a stack problem).
pub fn scaled_stack(scale: Scale) -> String {
    let Scale { regions, services } = scale;
    assert!(
        (1..=SCALE_REGIONS.len()).contains(&regions),
        "1 to {} regions",
        SCALE_REGIONS.len()
    );
    assert!((1..=100).contains(&services), "1 to 100 services");
    let codes = &SCALE_REGIONS[..regions];
    let mut y = String::new();
    let w = &mut y;
    line(w, &format!("stack: {}", scale.stack_name()));
    line(
        w,
        &format!(
            "description: The seed architecture at {} regions x {services} services.",
            regions
        ),
    );
    line(w, "objectives: { rto_minutes: 15, rpo_minutes: 5 }");
    line(w, "tags: { service: scale, owner: platform-team }");
    // Opt-in regions warn (W102) until acknowledged: the generated stacks say they are enabled.
    let opt_in: Vec<usize> = (0..codes.len())
        .filter(|&index| meridian_plan::aws::OPT_IN_REGIONS.contains(&codes[index]))
        .collect();
    if !opt_in.is_empty() {
        line(w, "acknowledge:");
        for index in opt_in {
            line(
                w,
                &format!(
                    "  - {{ code: W102, path: \"regions[{index}].code\", reason: enabled in the account }}"
                ),
            );
        }
    }
    line(w, "regions:");
    for (index, code) in codes.iter().enumerate() {
        let role = match index {
            0 => "primary",
            1 => "secondary",
            _ => "optional",
        };
        line(w, &format!("  - code: {code}"));
        line(w, &format!("    role: {role}"));
        line(w, "    network:");
        line(w, &format!("      vpc_cidr: 10.{index}.0.0/16"));
        line(w, "      az_count: 2");
        if index >= 2 {
            line(w, "      nat_gateways: single");
        }
    }

    line(w, "load_balancer:");
    line(w, "  scheme: internet-facing");
    line(w, "  listeners:");
    line(w, "    - port: 443");
    line(w, "      protocol: HTTPS");
    line(w, "      certificates: [\"${CERTIFICATE_ARN}\"]");
    line(w, "      rules:");
    for service in 1..=services {
        line(w, &format!("        - priority: {service}"));
        line(w, &format!("          hosts: [{}]", host(service)));
        line(w, &format!("          target_group: {}", name(service)));
    }
    line(w, "    - port: 80");
    line(w, "      protocol: HTTP");
    line(w, "      redirect_to_port: 443");
    line(w, "  target_groups:");
    for service in 1..=services {
        line(w, &format!("    - name: {}", name(service)));
        line(w, &format!("      service: {}", name(service)));
        line(w, "      port: 8080");
        line(w, "      health_check: { path: /health }");
    }

    let cache_regions = codes.len().min(1 + MAX_CACHE_SECONDARIES);
    line(w, "services:");
    for service in 1..=services {
        line(w, &format!("  - name: {}", name(service)));
        line(w, "    image: ${ECR_REPOSITORY_URL}:${IMAGE_TAG}");
        line(w, "    cpu: 512");
        line(w, "    memory: 1024");
        line(w, "    port: 8080");
        line(w, "    environment:");
        line(w, "      REGION: ${region}");
        line(w, "      PRIMARY_DB_HOST: ${database.writer.address}");
        line(w, "    secrets:");
        line(w, "      DB_PASSWORD: ${database.password}");
        line(
            w,
            "    desired_count: { primary: 2, secondary: 2, optional: 1 }",
        );
        line(w, "    deployment:");
        line(w, "      strategy: rolling");
        line(w, "      rollback:");
        line(w, "        triggers: { error_rate_threshold: 0.05 }");
        line(w, "    scaling:");
        line(w, "      capacity:");
        line(w, "        primary: { min: 2, max: 8 }");
        line(w, "        secondary: { min: 2, max: 8 }");
        line(w, "        optional: { min: 1, max: 4 }");
        line(w, "      target_cpu_percent: 60");
    }

    line(w, "database:");
    line(w, "  name: scale");
    line(w, "  instance_class: db.r6g.large");
    let replicas: Vec<&&str> = codes.iter().skip(1).take(MAX_READ_REPLICAS).collect();
    // Read weights are shares of 100: each replica gets an equal share, the writer the rest.
    let share = 100 / (replicas.len() + 1);
    let writer_share = 100 - share * replicas.len();
    line(
        w,
        &format!(
            "  primary: {{ region: {}, read_weight: {writer_share} }}",
            codes[0]
        ),
    );
    if !replicas.is_empty() {
        line(w, "  read_replicas:");
        for code in replicas {
            line(w, &format!("    - {{ region: {code}, weight: {share} }}"));
        }
    }

    line(w, "cache:");
    line(w, "  mode: cluster");
    line(w, "  node_type: cache.r6g.large");
    line(w, "  shards: 2");
    if cache_regions > 1 {
        line(w, "  cross_region_replication:");
        line(w, "    enabled: true");
        line(w, "    strategy: active-passive");
        line(w, &format!("    source_region: {}", codes[0]));
        let targets: Vec<&str> = codes[1..cache_regions].to_vec();
        line(w, &format!("    target_regions: [{}]", targets.join(", ")));
    }

    line(w, "buckets:");
    line(w, "  - name: audit-logs");
    line(w, &format!("    region: {}", codes[0]));
    line(
        w,
        "    object_lock: { mode: COMPLIANCE, retention_days: 2555 }",
    );
    if codes.len() > 1 {
        line(w, "    replication:");
        line(w, "      - destination: audit-logs-copy");
        line(w, "        storage_class: STANDARD_IA");
        line(w, "  - name: audit-logs-copy");
        line(w, &format!("    region: {}", codes[1]));
        line(
            w,
            "    object_lock: { mode: COMPLIANCE, retention_days: 2555 }",
        );
    }

    line(w, "dns:");
    line(w, "  domain: api.scale.example.com");
    line(w, "  hosted_zone_id: ${HOSTED_ZONE_ID}");
    line(w, "  routing: latency");
    line(w, "  health_check: { path: /health }");
    let several = codes.len() > 1;
    line(w, "failover:");
    line(w, &format!("  enabled: {several}"));
    line(w, "  notify: [oncall]");
    line(w, "notifications:");
    line(w, "  - name: oncall");
    line(w, "    severities: [critical, warning]");
    line(w, "    email: [oncall@scale.example.com]");
    line(w, "alerts:");
    if several {
        line(
            w,
            "  - { name: PrimaryRegionDown, condition: primary_region_down, severity: critical, action: initiate_failover }",
        );
        line(
            w,
            "  - { name: ReplicationLagHigh, condition: replica_lag, threshold: 30, severity: warning, action: notify_on_call }",
        );
    }
    let failing_action = if several {
        "failover_if_primary"
    } else {
        "notify_on_call"
    };
    line(
        w,
        &format!(
            "  - {{ name: HealthCheckFailing, condition: failed_health_checks, threshold: 3, severity: critical, action: {failing_action} }}"
        ),
    );
    line(
        w,
        "  - { name: TargetErrorsHigh, condition: http_5xx, threshold: 50, severity: warning, action: notify }",
    );
    line(w, "dashboards:");
    line(w, "  - name: overview");
    line(w, "    widgets:");
    line(
        w,
        "      - { title: Requests, metric: request_count, stat: Sum }",
    );
    line(w, "      - { title: Latency, metric: latency, stat: p95 }");
    y
}

/// The host name routed to a service: the first serves the DNS domain.
fn host(service: usize) -> String {
    if service == 1 {
        String::from("api.scale.example.com")
    } else {
        format!("{}.scale.example.com", name(service))
    }
}

/// `svc007`: zero-padded so names sort in order.
fn name(service: usize) -> String {
    format!("svc{service:03}")
}

fn line(text: &mut String, content: &str) {
    writeln!(text, "{content}").expect("writing to a String cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every scale the tests and benchmarks use plans without a diagnostic, at the edges too: one
    /// region (no replicas, no Global Datastore), two, the replica and Global Datastore limits,
    /// and the largest.
    #[test]
    fn scaled_stacks_plan_cleanly() {
        for (regions, services) in [(1, 1), (2, 1), (3, 2), (4, 3), (17, 2), (30, 100)] {
            let scale = Scale::new(regions, services);
            let text = scaled_stack(scale);
            let loaded = meridian_model::load_stack(&scale.stack_name(), text.as_bytes())
                .unwrap_or_else(|failure| {
                    panic!(
                        "{} does not load: {:#?}",
                        scale.label(),
                        failure.diagnostics
                    )
                });
            let planned = meridian_plan::plan(&loaded.stack);
            assert!(
                planned.diagnostics.is_empty(),
                "{}: {:#?}",
                scale.label(),
                planned.diagnostics
            );
            let plan = planned.plan.expect("a plan without diagnostics");
            assert_eq!(plan.regions.len(), regions, "{}", scale.label());
        }
    }
}
