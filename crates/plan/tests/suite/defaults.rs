//! What the plan fills in for a stack that says little: `stacks/minimal.yaml` names a region, a
//! listener pair, a target group and a service, and every other setting must come from
//! `meridian_plan::defaults`, visibly, in the plan.

use meridian_plan::{Plan, Protocol, Strategy, defaults};
use meridian_testkit::{bundled_stack, plan_of};

fn minimal() -> Plan {
    plan_of(&bundled_stack("minimal.yaml"))
}

#[test]
fn the_network_takes_the_default_zones_flow_logs_and_subnet_sizes() {
    let plan = minimal();
    assert_eq!(plan.regions.len(), 1);
    let app = plan.regions[0].app.as_ref().expect("an application region");
    let network = app.network.as_ref().expect("a network");
    let created = network.created.as_ref().expect("Meridian creates the VPC");
    assert_eq!(created.zones.len(), usize::from(defaults::AZ_COUNT));
    assert_eq!(
        network.public_subnets.len(),
        usize::from(defaults::AZ_COUNT)
    );
    assert_eq!(
        network.private_subnets.len(),
        usize::from(defaults::AZ_COUNT)
    );
    assert_eq!(created.flow_logs.is_some(), defaults::FLOW_LOGS);
    if let Some(flow_logs) = &created.flow_logs {
        assert_eq!(flow_logs.retention_days, defaults::FLOW_LOG_RETENTION_DAYS);
    }
}

#[test]
fn the_load_balancer_takes_the_default_policy_protection_logs_and_health_checks() {
    let plan = minimal();
    let app = plan.regions[0].app.as_ref().expect("an application region");
    let alb = app.load_balancer.as_ref().expect("a load balancer");
    assert!(!alb.internal);
    assert_eq!(alb.idle_timeout_seconds, defaults::IDLE_TIMEOUT_SECONDS);
    assert_eq!(
        alb.deletion_protection,
        defaults::LOAD_BALANCER_DELETION_PROTECTION
    );
    assert_eq!(alb.access_logs.is_some(), defaults::ACCESS_LOGS);

    let https = alb
        .listeners
        .iter()
        .find(|listener| listener.protocol == Protocol::Https)
        .expect("the HTTPS listener");
    assert_eq!(https.ssl_policy.as_deref(), Some(defaults::TLS_POLICY));
    let http = alb
        .listeners
        .iter()
        .find(|listener| listener.protocol == Protocol::Http)
        .expect("the HTTP listener");
    assert_eq!(http.ssl_policy, None, "plain HTTP has no TLS policy");

    let web = &alb.target_groups[0];
    assert_eq!(web.health.path, "/healthz", "what the stack says is kept");
    assert_eq!(
        web.health.interval_seconds,
        defaults::TARGET_HEALTH_INTERVAL_SECONDS
    );
    assert_eq!(
        web.health.timeout_seconds,
        defaults::TARGET_HEALTH_TIMEOUT_SECONDS
    );
    assert_eq!(
        web.health.healthy_threshold,
        defaults::TARGET_HEALTHY_THRESHOLD
    );
    assert_eq!(
        web.health.unhealthy_threshold,
        defaults::TARGET_UNHEALTHY_THRESHOLD
    );
    assert_eq!(web.health.matcher, defaults::TARGET_HEALTH_MATCHER);
    assert_eq!(
        web.deregistration_delay_seconds,
        defaults::DEREGISTRATION_DELAY_SECONDS
    );
}

#[test]
fn the_service_takes_the_default_deployment_logging_and_grace_period() {
    let plan = minimal();
    let app = plan.regions[0].app.as_ref().expect("an application region");
    let web = &app.services[0];
    assert_eq!(web.desired_count, 2, "what the stack says is kept");
    assert_eq!(web.log_retention_days, defaults::LOG_RETENTION_DAYS);
    assert_eq!(web.deployment.strategy, Strategy::Rolling);
    assert_eq!(
        web.deployment.minimum_healthy_percent,
        defaults::MINIMUM_HEALTHY_PERCENT
    );
    assert_eq!(web.deployment.maximum_percent, defaults::MAXIMUM_PERCENT);
    assert_eq!(web.deployment.rollback, defaults::ROLLBACK_ENABLED);
    assert!(web.deployment.blue_green.is_none());
    assert_eq!(
        web.health_check_grace_seconds,
        Some(defaults::HEALTH_CHECK_GRACE_SECONDS),
        "a service behind a load balancer gets a grace period"
    );
    // No database, cache or buckets were asked for, and none appear.
    assert!(app.database.is_none());
    assert!(app.cache.is_none());
    assert!(plan.regions[0].storage.buckets.is_empty());
}
