//! The stack's alerts as CloudWatch alarms in the regions they watch (E706 to E714), and the
//! replication-latency alarms of slower replication targets.

use std::collections::BTreeMap;

use meridian_model::{
    AlertAction, AlertCondition, AlertSeverity as Severity, Diagnostic, StackPath, codes,
};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::Rid;
use crate::naming::{self, EntityName, pascal};
use crate::types::*;
use crate::value::{Attr, Text};

impl<'a> Resolver<'a> {
    /// Alarms on replication targets slower than Replication Time Control.
    pub(crate) fn resolve_replication_alarms(
        &mut self,
        watches: &[ReplicationWatch],
        targets: &[Target],
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) {
        for watch in watches {
            let Some(app) = apps.get(&watch.source_region) else {
                continue;
            };
            let unit = app.unit.clone();
            let topics = self.topics_for(&unit, &[Severity::Warning], targets);
            let rid = self.entities_rid(
                &unit,
                &[&watch.source_bucket, &watch.destination],
                |bases| format!("{}To{}ReplicationLatencyAlarm", bases[0], bases[1]),
                &watch.path,
            );
            let (source, destination) =
                (&watch.source_bucket.identity, &watch.destination.identity);
            let hours = f64::from(watch.seconds) / 3600.0;
            let alarm = AlarmPlan {
                rid,
                name: self
                    .names
                    .alarm(&format!("{source}-to-{destination}-replication-latency")),
                description: format!(
                    "Objects of {source} take longer than the {hours} h target to reach {destination}"
                ),
                metric: AlarmMetric::Single(MetricStat {
                    namespace: "AWS/S3".to_owned(),
                    metric: "ReplicationLatency".to_owned(),
                    dimensions: vec![
                        ("SourceBucket".to_owned(), watch.source_name.clone()),
                        (
                            "DestinationBucket".to_owned(),
                            watch.destination_name.clone(),
                        ),
                        ("RuleId".to_owned(), Text::lit(watch.rule_id.clone())),
                    ],
                    stat: Statistic::Maximum,
                }),
                comparison: Comparison::GreaterThan,
                threshold: f64::from(watch.seconds),
                period_seconds: defaults::REPLICATION_LATENCY_PERIOD_SECONDS,
                evaluation_periods: defaults::REPLICATION_LATENCY_EVALUATION_PERIODS,
                missing_data: MissingData::NotBreaching,
                topics,
            };
            if let Some(app) = apps.get_mut(&watch.source_region) {
                app.alerting.alarms.push(alarm);
            }
        }
    }

    /// Checks every alert and creates the regional ones (and the automatic latency-target
    /// alarms) in the app units; global alerts are created with the global unit.
    pub(crate) fn resolve_regional_alerts(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        targets: &[Target],
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let failover_enabled = defaults::failover_enabled(stack.failover.as_ref());
        for (index, alert) in stack.alerts.iter().enumerate() {
            let path = StackPath::root().key("alerts").index(index);
            if let Some(problem) = naming::name_problem(&alert.name, naming::limits::ALERT) {
                self.report(
                    Diagnostic::new(
                        codes::E706,
                        path.key("name"),
                        format!("`{}` is not a valid alert name: {problem}", alert.name),
                    )
                    .with_help(format!(
                        "use letters, digits, hyphens and underscores, starting with a letter, at most {} characters, e.g. `ReplicationLagHigh`",
                        naming::limits::ALERT
                    )),
                );
                continue;
            }
            if !self.claim_name(
                &mut names,
                &alert.name,
                &path,
                codes::E706,
                "alert",
                "give each alert its own name",
            ) {
                continue;
            }
            if !self.check_alert(&path, alert, failover_enabled) {
                continue;
            }
            if alert.condition == AlertCondition::PrimaryRegionDown {
                continue;
            }
            for region in regions {
                if region.role == RegionRole::StorageOnly {
                    continue;
                }
                let Some(app) = apps.get(&region.code) else {
                    continue;
                };
                let (alarms, composite) = self.alert_alarms(&path, alert, app, targets);
                if let Some(app) = apps.get_mut(&region.code) {
                    app.alerting.alarms.extend(alarms);
                    app.alerting.composites.extend(composite);
                }
            }
        }
        // The latency target of each region becomes a p95 alarm on its load balancer.
        for region in regions {
            let (Some(model), Some(app)) = (region.model, apps.get(&region.code)) else {
                continue;
            };
            let (Some(target), Some(lb)) = (model.latency_target_ms, app.load_balancer.as_ref())
            else {
                continue;
            };
            let unit = app.unit.clone();
            let lb_rid = lb.rid.clone();
            let topics = self.topics_for(&unit, &[Severity::Warning], targets);
            let alarm = AlarmPlan {
                rid: self.rid(
                    &unit,
                    "LatencyTargetAlarm",
                    &region.path.key("latency_target_ms"),
                ),
                name: self.names.alarm("latency-target"),
                description: format!(
                    "{} response time in {} is above its {target} ms target",
                    defaults::LATENCY_STATISTIC,
                    region.code
                ),
                metric: AlarmMetric::Single(load_balancer_metric(
                    &lb_rid,
                    "TargetResponseTime",
                    defaults::LATENCY_STATISTIC,
                )),
                comparison: Comparison::GreaterThan,
                threshold: f64::from(target) / 1000.0,
                period_seconds: defaults::ALERT_PERIOD_SECONDS,
                evaluation_periods: defaults::ALERT_EVALUATION_PERIODS,
                missing_data: MissingData::NotBreaching,
                topics,
            };
            if let Some(app) = apps.get_mut(&region.code) {
                app.alerting.alarms.push(alarm);
            }
        }
    }

    /// Checks an alert; returns whether it can be created.
    pub(crate) fn check_alert(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
        failover_enabled: bool,
    ) -> bool {
        let mut valid = true;
        valid &= self.check_alert_threshold(path, alert);
        valid &= self.check_alert_source(path, alert);
        valid &= self.check_alert_evaluation(path, alert);
        valid &= self.check_alert_action(path, alert, failover_enabled);
        valid &= self.check_metric_alert(path, alert);
        valid
    }
    /// Whether the condition takes a threshold and whether it is in range (E707, E708).
    fn check_alert_threshold(&mut self, path: &StackPath, alert: &meridian_model::Alert) -> bool {
        let mut valid = true;
        let (unit_name, low, high) = defaults::bounds::alert_threshold(alert.condition);
        match (alert.condition, alert.threshold) {
            (AlertCondition::PrimaryRegionDown, Some(_)) => {
                self.report(
                    Diagnostic::new(codes::E707, path.key("threshold"), "`primary_region_down` has no threshold: it fires when the primary's health check fails")
                        .with_help("remove `threshold`"),
                );
                valid = false;
            }
            (AlertCondition::PrimaryRegionDown, None) => {}
            (_, None) => {
                self.report(
                    Diagnostic::new(
                        codes::E707,
                        path.clone(),
                        format!(
                            "the alert `{}` has no `threshold` ({unit_name}); `{}` needs one",
                            alert.name,
                            condition_name(alert.condition)
                        ),
                    )
                    .with_help("give the value above which the alarm fires"),
                );
                valid = false;
            }
            (_, Some(threshold))
                if !(threshold.is_finite() && threshold >= low && threshold <= high) =>
            {
                self.report(
                    Diagnostic::new(
                        codes::E708,
                        path.key("threshold"),
                        format!(
                            "the `{}` threshold {threshold} is outside {low} to {high} ({unit_name})",
                            condition_name(alert.condition)
                        ),
                    )
                    .with_help(match alert.condition {
                        AlertCondition::ErrorRate => "an error rate is a share: 0.05 means 5%",
                        AlertCondition::ServiceCpu | AlertCondition::DatabaseCpu => {
                            "CPU is a percentage"
                        }
                        _ => "give a value the metric can reach",
                    }),
                );
                valid = false;
            }
            (_, Some(_)) => {}
        }
        valid
    }

    /// Whether the stack has what the condition watches (E709).
    fn check_alert_source(&mut self, path: &StackPath, alert: &meridian_model::Alert) -> bool {
        let mut valid = true;
        let stack = self.stack;
        let needs = match alert.condition {
            AlertCondition::PrimaryRegionDown => (stack.dns.is_none())
                .then_some(("`dns` with Route 53 health checks", "add a `dns` block")),
            AlertCondition::ReplicaLag => (stack
                .database
                .as_ref()
                .is_none_or(|d| d.read_replicas.is_empty()))
            .then_some((
                "read replicas",
                "add `database.read_replicas`, or remove the alert",
            )),
            AlertCondition::Latency
            | AlertCondition::ErrorRate
            | AlertCondition::Http5xx
            | AlertCondition::FailedHealthChecks => stack.load_balancer.is_none().then_some((
                "a load balancer",
                "add a `load_balancer`, or remove the alert",
            )),
            AlertCondition::ServiceCpu => stack
                .services
                .is_empty()
                .then_some(("services", "add a service, or remove the alert")),
            AlertCondition::DatabaseCpu => stack
                .database
                .is_none()
                .then_some(("a database", "add a `database`, or remove the alert")),
            // Its dimensions say what it watches, and `check_metric_alert` checks them.
            AlertCondition::Metric => None,
        };
        if let Some((what, help)) = needs {
            self.report(
                Diagnostic::new(
                    codes::E709,
                    path.key("condition"),
                    format!("the condition watches {what}, which this stack does not have"),
                )
                .with_help(help),
            );
            valid = false;
        }
        valid
    }

    /// The alarm's period and evaluation periods (E710, E711), and that someone receives it (E712).
    fn check_alert_evaluation(&mut self, path: &StackPath, alert: &meridian_model::Alert) -> bool {
        let mut valid = true;
        let stack = self.stack;
        if let Some(period) = alert.period_seconds
            && !aws::is_valid_cloudwatch_period(period)
        {
            self.report(
                Diagnostic::new(
                    codes::E710,
                    path.key("period_seconds"),
                    format!("{period} s is not a CloudWatch alarm period"),
                )
                .with_help("use 10, 30 or a multiple of 60"),
            );
            valid = false;
        }
        if let Some(periods) = alert.evaluation_periods
            && !defaults::bounds::ALARM_EVALUATION_PERIODS.contains(&periods)
        {
            self.report(
                Diagnostic::new(
                    codes::E711,
                    path.key("evaluation_periods"),
                    format!(
                        "{periods} evaluation periods is outside {}",
                        range_text(&defaults::bounds::ALARM_EVALUATION_PERIODS)
                    ),
                )
                .with_help("three periods of breach before firing is common"),
            );
            valid = false;
        }
        // Every declared target counts, valid name or not: a misnamed target is its own error
        // (E701), and would otherwise make every alert it receives look unreceived.
        let receivers = stack
            .notifications
            .iter()
            .any(|target| target.severities.contains(&alert.severity));
        if !receivers {
            let severity = alert.severity.as_str();
            self.report(
                Diagnostic::new(codes::E712, path.key("severity"), format!("no notification target takes `{severity}` alerts, so `{}` would reach no one", alert.name))
                    .with_help(format!("add `{severity}` to a target's `severities`, or change the alert's severity")),
            );
            valid = false;
        }
        valid
    }

    /// Whether the action follows from the condition (E713) and a replica-lag threshold fits the RPO (E714).
    fn check_alert_action(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
        failover_enabled: bool,
    ) -> bool {
        let mut valid = true;
        let stack = self.stack;
        // Each mismatch with the help that fixes it.
        let action_problem: Option<(&str, &str)> = match alert.action {
            AlertAction::InitiateFailover if !failover_enabled => Some((
                "`initiate_failover` needs `failover` to be enabled",
                "add a `failover` block (with `dns`), or use `action: notify_on_call`",
            )),
            AlertAction::InitiateFailover
                if !matches!(
                    alert.condition,
                    AlertCondition::PrimaryRegionDown | AlertCondition::FailedHealthChecks
                ) =>
            {
                Some((
                    "`initiate_failover` only follows from `primary_region_down` or `failed_health_checks`",
                    "use `failover_if_primary` for a regional condition, or `notify_on_call`",
                ))
            }
            AlertAction::FailoverIfPrimary if !failover_enabled => Some((
                "`failover_if_primary` needs `failover` to be enabled",
                "add a `failover` block (with `dns`), or use `action: notify_on_call`",
            )),
            AlertAction::FailoverIfPrimary
                if alert.condition == AlertCondition::PrimaryRegionDown =>
            {
                Some((
                    "`failover_if_primary` is for regional conditions; `primary_region_down` is about the primary already",
                    "use `action: initiate_failover`",
                ))
            }
            AlertAction::NotifyOnCall
                if !stack
                    .notifications
                    .iter()
                    .any(|t| t.severities.contains(&Severity::Critical)) =>
            {
                Some((
                    "`notify_on_call` sends to the targets taking `critical` alerts, and there is none",
                    "add `critical` to the on-call target's `severities`, or use `action: notify`",
                ))
            }
            AlertAction::InvestigateNetwork
                if matches!(
                    alert.condition,
                    AlertCondition::ServiceCpu
                        | AlertCondition::DatabaseCpu
                        | AlertCondition::PrimaryRegionDown
                ) =>
            {
                Some((
                    "`investigate_network` does not follow from a CPU or region-down condition",
                    "use `action: notify` (or `notify_on_call` to page someone)",
                ))
            }
            _ => None,
        };
        if let Some((problem, help)) = action_problem {
            self.report(Diagnostic::new(codes::E713, path.key("action"), problem).with_help(help));
            valid = false;
        }
        if alert.condition == AlertCondition::ReplicaLag
            && let (Some(threshold), Some(rpo)) = (
                alert.threshold,
                stack.objectives.as_ref().and_then(|o| o.rpo_minutes),
            )
            && threshold >= f64::from(rpo) * 60.0
        {
            self.report(
                Diagnostic::new(
                    codes::E714,
                    path.key("threshold"),
                    format!("a replica-lag threshold of {threshold} s fires only after the {rpo}-minute RPO is already lost"),
                )
                .with_help(format!("use a threshold below {} s", u64::from(rpo) * 60))
                .with_related(StackPath::root().key("objectives").key("rpo_minutes"), "the recovery point objective"),
            );
            valid = false;
        }
        valid
    }

    /// The alarms of an alert in one region: one, or one per service for service conditions;
    /// or, when its metrics do not fit in one alarm, alarms over parts of them that notify
    /// nobody and the composite alarm that notifies when any part is in alarm.
    pub(crate) fn alert_alarms(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
        app: &AppPlan,
        targets: &[Target],
    ) -> (Vec<AlarmPlan>, Option<CompositeAlarmPlan>) {
        let unit = app.unit.clone();
        let topics = self.alert_topics(&unit, alert, targets);
        let alarms = self.measured_alarms(path, alert, app, &topics);
        if !alarms.iter().any(|alarm| alarm.part.is_some()) {
            return (alarms.into_iter().map(|alarm| alarm.alarm).collect(), None);
        }
        let base = pascal(&alert.name);
        let parts: Vec<AlarmPlan> = alarms.into_iter().map(|alarm| alarm.alarm).collect();
        // CloudWatch creates a composite alarm only once the alarms of its rule exist: it lives
        // in the last unit of the region that holds one of them (split.rs).
        let placed = self.placement.get(&unit);
        let composite_unit = parts
            .iter()
            .filter_map(|part| placed.and_then(|placed| placed.get(&part.rid.logical)))
            .max()
            .cloned()
            .unwrap_or_else(|| unit.clone());
        let composite = CompositeAlarmPlan {
            rid: self.rid(&composite_unit, format!("{base}Alarm"), path),
            name: self.names.alarm(&alert.name),
            description: alarm_description(
                &format!(
                    "{} (any of {} alarms of at most {} target groups each)",
                    threshold_what(alert),
                    parts.len(),
                    aws::limits::ALARM_METRICS
                ),
                alert,
                None,
            ),
            rule: parts
                .iter()
                .map(|part| format!("ALARM(\"{}\")", part.name))
                .collect::<Vec<_>>()
                .join(" OR "),
            parts: parts.iter().map(|part| part.rid.clone()).collect(),
            topics,
        };
        (parts, Some(composite))
    }

    /// One alarm per measure of the alert, each with the topics it notifies (none for a part).
    fn measured_alarms(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
        app: &AppPlan,
        topics: &[Rid],
    ) -> Vec<MeasuredAlarm> {
        let unit = app.unit.clone();
        let threshold = alert.threshold.unwrap_or(0.0);
        let measures = match alert.condition {
            AlertCondition::PrimaryRegionDown => Vec::new(),
            AlertCondition::ReplicaLag | AlertCondition::DatabaseCpu => {
                database_measures(alert.condition, app, threshold)
            }
            AlertCondition::Latency
            | AlertCondition::Http5xx
            | AlertCondition::ErrorRate
            | AlertCondition::FailedHealthChecks => app
                .load_balancer
                .as_ref()
                .map(|lb| {
                    let none = FastHashMap::default();
                    let placement = self.placement.get(&unit).unwrap_or(&none);
                    load_balancer_measures(alert.condition, lb, threshold, placement)
                })
                .unwrap_or_default(),
            AlertCondition::ServiceCpu => service_measures(&self.names, &unit, app, threshold),
            AlertCondition::Metric => self.metric_measures(alert, app, threshold),
        };
        let base = pascal(&alert.name);
        measures
            .into_iter()
            .map(|measure| {
                // One alarm per alert, or per service for service conditions: then the service's
                // name (its former one when renamed, like its other resources) is part of the ID
                // and name.
                // A service's alarm, and a part over target groups of a services unit, live in
                // that unit (split.rs).
                let rid = match (&measure.service, measure.part) {
                    (Some(service), _) => self.entity_rid(
                        &self.service_unit(&unit, &service.current),
                        service,
                        |service_base| format!("{base}{service_base}Alarm"),
                        path,
                    ),
                    (None, Some(part)) => self.rid(
                        measure.unit.as_ref().unwrap_or(&unit),
                        format!("{base}Part{part}Alarm"),
                        path,
                    ),
                    (None, None) => self.rid(&unit, format!("{base}Alarm"), path),
                };
                let alarm = AlarmPlan {
                    rid,
                    name: self.names.alarm(&match (&measure.service, measure.part) {
                        (Some(service), _) => format!("{}-{}", alert.name, service.identity),
                        (None, Some(part)) => format!("{}-part{part}", alert.name),
                        (None, None) => alert.name.clone(),
                    }),
                    description: alarm_description(&measure.what, alert, None),
                    metric: measure.metric,
                    comparison: alert_comparison(alert),
                    threshold: measure.threshold,
                    period_seconds: alert
                        .period_seconds
                        .unwrap_or(defaults::ALERT_PERIOD_SECONDS),
                    evaluation_periods: alert
                        .evaluation_periods
                        .unwrap_or(defaults::ALERT_EVALUATION_PERIODS),
                    missing_data: MissingData::NotBreaching,
                    // A part's state reaches people through its composite alarm.
                    topics: if measure.part.is_some() {
                        Vec::new()
                    } else {
                        topics.to_vec()
                    },
                };
                MeasuredAlarm {
                    alarm,
                    part: measure.part,
                }
            })
            .collect()
    }
}

/// An alarm, and its number when it is one part of a composite alarm.
struct MeasuredAlarm {
    alarm: AlarmPlan,
    part: Option<usize>,
}

/// What fires an alert, in words, for a composite alarm's description.
fn threshold_what(alert: &meridian_model::Alert) -> String {
    format!(
        "more than {} targets of a group of target groups fail their health checks",
        alert.threshold.unwrap_or(0.0)
    )
}

/// What one alarm of an alert measures: the service it is for (service conditions), what fires
/// it, the metric, and the threshold in the metric's unit.
pub(crate) struct Measure {
    pub(crate) service: Option<EntityName>,
    /// The part's number (from 1) when the alert's metrics are split over several alarms.
    pub(crate) part: Option<usize>,
    /// The services unit its metrics' resources live in, when not the application unit.
    pub(crate) unit: Option<UnitId>,
    pub(crate) what: String,
    pub(crate) metric: AlarmMetric,
    pub(crate) threshold: f64,
}

/// Replica lag (on a replica) and database CPU.
fn database_measures(condition: AlertCondition, app: &AppPlan, threshold: f64) -> Vec<Measure> {
    let Some(database) = &app.database else {
        return Vec::new();
    };
    let instance = || {
        vec![(
            "DBInstanceIdentifier".to_owned(),
            Text::lit(database.identifier.clone()),
        )]
    };
    let measure = match condition {
        AlertCondition::ReplicaLag if matches!(database.role, DatabaseRole::Replica(_)) => {
            Measure {
                unit: None,
                service: None,
                part: None,
                what: format!("read replica lag above {threshold} s"),
                metric: AlarmMetric::Single(MetricStat {
                    namespace: "AWS/RDS".to_owned(),
                    metric: "ReplicaLag".to_owned(),
                    dimensions: instance(),
                    stat: Statistic::Maximum,
                }),
                threshold,
            }
        }
        AlertCondition::DatabaseCpu => Measure {
            unit: None,
            service: None,
            part: None,
            what: format!("database CPU above {threshold}%"),
            metric: AlarmMetric::Single(MetricStat {
                namespace: "AWS/RDS".to_owned(),
                metric: "CPUUtilization".to_owned(),
                dimensions: instance(),
                stat: Statistic::Average,
            }),
            threshold,
        },
        _ => return Vec::new(),
    };
    vec![measure]
}

/// The load balancer's latency, 5xx responses, error share and unhealthy targets.
fn load_balancer_measures(
    condition: AlertCondition,
    lb: &LoadBalancerPlan,
    threshold: f64,
    placement: &FastHashMap<LogicalId, UnitId>,
) -> Vec<Measure> {
    let single = |what: String, metric: &str, stat: Statistic, threshold: f64| Measure {
        service: None,
        part: None,
        unit: None,
        what,
        metric: AlarmMetric::Single(load_balancer_metric(&lb.rid, metric, stat)),
        threshold,
    };
    let measure = match condition {
        AlertCondition::Latency => single(
            format!(
                "{} response time above {threshold} ms",
                defaults::LATENCY_STATISTIC
            ),
            "TargetResponseTime",
            defaults::LATENCY_STATISTIC,
            threshold / 1000.0,
        ),
        AlertCondition::Http5xx => single(
            format!("more than {threshold} target 5xx responses per period"),
            "HTTPCode_Target_5XX_Count",
            Statistic::Sum,
            threshold,
        ),
        AlertCondition::ErrorRate => Measure {
            service: None,
            part: None,
            unit: None,
            what: format!("share of 5xx responses above {threshold}"),
            metric: AlarmMetric::Math {
                result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                expression: "IF(requests > 0, errors / requests, 0)".to_owned(),
                label: "5xx share".to_owned(),
                inputs: vec![
                    (
                        "errors".to_owned(),
                        load_balancer_metric(&lb.rid, "HTTPCode_Target_5XX_Count", Statistic::Sum),
                    ),
                    (
                        "requests".to_owned(),
                        load_balancer_metric(&lb.rid, "RequestCount", Statistic::Sum),
                    ),
                ],
            },
            threshold,
        },
        AlertCondition::FailedHealthChecks => return health_measures(lb, threshold, placement),
        _ => return Vec::new(),
    };
    vec![measure]
}

/// Unhealthy targets of every target group (both of a blue/green pair), summed by metric math:
/// one alarm, or one per [`aws::limits::ALARM_METRICS`] target groups when they do not fit in
/// one (each part alarms on more than `threshold` unhealthy targets among its groups).
fn health_measures(
    lb: &LoadBalancerPlan,
    threshold: f64,
    placement: &FastHashMap<LogicalId, UnitId>,
) -> Vec<Measure> {
    // Each part holds target groups of one unit, so that it lives beside them when the region's
    // services are split over several units (split.rs).
    let mut chunks: Vec<(Option<UnitId>, Vec<MetricStat>)> = Vec::new();
    for tg in &lb.target_groups {
        let unit = placement.get(&tg.rid.logical).cloned();
        for group in std::iter::once(&tg.rid).chain(tg.alternate.iter()) {
            let mut metric =
                load_balancer_metric(&lb.rid, "UnHealthyHostCount", Statistic::Maximum);
            metric.dimensions.push((
                "TargetGroup".to_owned(),
                Text::attr(group, Attr::TargetGroupFullName),
            ));
            match chunks.last_mut() {
                Some((last, metrics))
                    if *last == unit && metrics.len() < aws::limits::ALARM_METRICS =>
                {
                    metrics.push(metric);
                }
                _ => chunks.push((unit.clone(), vec![metric])),
            }
        }
    }
    let split = chunks.len() > 1;
    let mut first = 1;
    chunks
        .into_iter()
        .enumerate()
        .map(|(index, (unit, chunk))| {
            let inputs: Vec<(String, MetricStat)> = chunk
                .into_iter()
                .enumerate()
                .map(|(input, metric)| (format!("unhealthy{input}"), metric))
                .collect();
            let expression = inputs
                .iter()
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>()
                .join(" + ");
            let last = first + inputs.len() - 1;
            let what = if split {
                format!(
                    "more than {threshold} targets of target groups {first} to {last} fail their health checks"
                )
            } else {
                format!("more than {threshold} targets fail their health checks")
            };
            first = last + 1;
            Measure {
                service: None,
                part: split.then_some(index + 1),
                unit,
                what,
                metric: AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression,
                    label: "unhealthy targets".to_owned(),
                    inputs,
                },
                threshold,
            }
        })
        .collect()
}

/// Each service's CPU.
fn service_measures(
    names: &PhysicalNames<'_>,
    unit: &UnitId,
    app: &AppPlan,
    threshold: f64,
) -> Vec<Measure> {
    app.services
        .iter()
        .map(|service| {
            let entity = EntityName::new(
                EntityKind::Service,
                &service.name,
                service.renamed_from.as_deref(),
            );
            Measure {
                unit: None,
                what: format!("{} CPU above {threshold}%", entity.identity),
                metric: AlarmMetric::Single(MetricStat {
                    namespace: "AWS/ECS".to_owned(),
                    metric: "CPUUtilization".to_owned(),
                    dimensions: vec![
                        (
                            "ClusterName".to_owned(),
                            Text::lit(names.cluster(unit.region().map_or("", RegionCode::as_str))),
                        ),
                        (
                            "ServiceName".to_owned(),
                            Text::lit(service.service_name.clone()),
                        ),
                    ],
                    stat: Statistic::Average,
                }),
                threshold,
                service: Some(entity),
                part: None,
            }
        })
        .collect()
}

/// The condition as written in stack files.
/// An alarm's description: what fires it, the alert's severity and action as the stack file
/// writes them, and where to read on (`runbook`, when one runbook covers it).
pub(crate) fn alarm_description(
    what: &str,
    alert: &meridian_model::Alert,
    runbook: Option<&str>,
) -> String {
    let see = match runbook {
        Some(runbook) => format!("see the stack's runbooks ({runbook})"),
        None => "see the stack's runbooks".to_owned(),
    };
    let mut chars = what.chars();
    let what: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!(
        "{what}. Severity {}; action {}; {see}",
        alert.severity.as_str(),
        alert.action.as_str()
    )
}

pub(crate) fn condition_name(condition: AlertCondition) -> &'static str {
    match condition {
        AlertCondition::PrimaryRegionDown => "primary_region_down",
        AlertCondition::ReplicaLag => "replica_lag",
        AlertCondition::Latency => "latency",
        AlertCondition::FailedHealthChecks => "failed_health_checks",
        AlertCondition::ErrorRate => "error_rate",
        AlertCondition::Http5xx => "http_5xx",
        AlertCondition::ServiceCpu => "service_cpu",
        AlertCondition::DatabaseCpu => "database_cpu",
        AlertCondition::Metric => "metric",
    }
}

/// A load-balancer-wide Application Load Balancer metric.
pub(crate) fn load_balancer_metric(lb: &Rid, metric: &str, stat: Statistic) -> MetricStat {
    MetricStat {
        namespace: "AWS/ApplicationELB".to_owned(),
        metric: metric.to_owned(),
        dimensions: vec![(
            "LoadBalancer".to_owned(),
            Text::attr(lb, Attr::LoadBalancerFullName),
        )],
        stat,
    }
}
