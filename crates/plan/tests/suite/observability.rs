//! What `stacks/observability-overrides.yaml` asks for, in the plan: alarms on any metric with
//! their statistics, comparisons, dimensions and metric math in every service region, a read
//! replica with settings of its own, and the escape hatches in the order written.

use meridian_plan::value::{Attr, Part};
use meridian_plan::{
    AlarmMetric, AlarmPlan, Comparison, DatabaseRole, DbStorageType, OverrideTarget, Plan,
    Statistic,
};
use meridian_testkit::{bundled_stack, plan_of};

fn plan() -> Plan {
    plan_of(&bundled_stack("observability-overrides.yaml"))
}

fn alarm<'p>(plan: &'p Plan, region: &str, name: &str) -> &'p AlarmPlan {
    plan.regions
        .iter()
        .find(|candidate| candidate.region == region)
        .and_then(|region| region.app.as_ref())
        .and_then(|app| {
            app.alerting
                .alarms
                .iter()
                .find(|alarm| alarm.name == format!("observe-{name}"))
        })
        .unwrap_or_else(|| panic!("no alarm {name} in {region}"))
}

#[test]
fn metric_alerts_watch_their_metric_in_every_service_region() {
    let plan = plan();
    for region in ["us-east-1", "eu-west-1"] {
        let p99 = alarm(&plan, region, "ApiP99Slow");
        let AlarmMetric::Single(metric) = &p99.metric else {
            panic!("one metric");
        };
        assert_eq!(metric.stat, Statistic::Percentile(99));
        assert_eq!(metric.namespace, "AWS/ApplicationELB");
        let attrs: Vec<Attr> = metric
            .dimensions
            .iter()
            .flat_map(|(_, value)| value.parts())
            .filter_map(|part| match part {
                Part::Attr(reference) => Some(reference.attr),
                _ => None,
            })
            .collect();
        assert_eq!(
            attrs,
            [Attr::LoadBalancerFullName, Attr::TargetGroupFullName]
        );
        assert_eq!(p99.comparison, Comparison::GreaterThan);
        // The region's own instance and replication group.
        let connections = alarm(&plan, region, "DatabaseConnectionsHigh");
        assert_eq!(connections.comparison, Comparison::GreaterThanOrEqual);
        let AlarmMetric::Single(metric) = &connections.metric else {
            panic!("one metric");
        };
        assert_eq!(
            metric.dimensions[0].1.as_literal(),
            Some(format!("observe-{region}").as_str())
        );
        let lag = alarm(&plan, region, "CacheReplicationLag");
        let AlarmMetric::Single(metric) = &lag.metric else {
            panic!("one metric");
        };
        assert_eq!(
            metric.dimensions[0].1.as_literal(),
            Some(format!("observe-{region}-002").as_str())
        );
        assert_eq!(lag.evaluation_periods, 5);
        assert_eq!(
            alarm(&plan, region, "ApiHealthyHostsLow").comparison,
            Comparison::LessThan
        );
        let AlarmMetric::Math {
            expression, inputs, ..
        } = &alarm(&plan, region, "ApiErrorShare").metric
        else {
            panic!("metric math");
        };
        assert_eq!(expression, "IF(requests > 0, errors / requests, 0)");
        let ids: Vec<&str> = inputs.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["errors", "requests"]);
    }
}

#[test]
fn the_replica_carries_its_own_settings_and_the_writer_keeps_the_defaults() {
    let plan = plan();
    let database = |region: &str| {
        plan.regions
            .iter()
            .find(|candidate| candidate.region == region)
            .and_then(|region| region.app.as_ref())
            .and_then(|app| app.database.as_ref())
            .expect("an instance")
    };
    let replica = database("eu-west-1");
    let DatabaseRole::Replica(settings) = &replica.role else {
        panic!("eu-west-1 holds the replica");
    };
    assert_eq!(settings.multi_az, Some(true));
    assert_eq!(settings.iops, Some(3000));
    assert_eq!(settings.max_storage_gb, 1500);
    assert_eq!(replica.storage_type, DbStorageType::Io2);
    assert_eq!(database("us-east-1").storage_type, DbStorageType::Gp3);
}

#[test]
fn overrides_keep_their_target_regions_and_order() {
    let plan = plan();
    let written: Vec<(String, bool)> = plan
        .overrides
        .iter()
        .map(|override_plan| (override_plan.resource.clone(), override_plan.is_terraform()))
        .collect();
    assert_eq!(
        written,
        [
            ("ApiService".to_owned(), false),
            ("ApiTargetGroup".to_owned(), false),
            ("aws_ecs_service.api_service_us_east_1".to_owned(), true),
            ("aws_ecs_service.api_service_eu_west_1".to_owned(), true),
        ]
    );
    assert_eq!(
        plan.overrides[1].target,
        OverrideTarget::CloudFormation {
            regions: vec!["eu-west-1".to_owned()]
        }
    );
    assert_eq!(
        plan.overrides[1].changes[0].to_string(),
        "set TargetGroupAttributes.0.Value = \"30\""
    );
}
