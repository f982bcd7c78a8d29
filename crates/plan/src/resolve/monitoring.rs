//! Notification targets, their SNS topics in every unit with alarms, the stack's alerts, and
//! replication-latency alarms.

use std::collections::BTreeMap;

use meridian_model::{
    AlertAction, AlertCondition, AlertSeverity as Severity, Diagnostic, StackPath,
};

use super::regions::ResolvedRegion;
use super::{ReferenceScope, Resolver, TextContext};
use crate::aws;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, EntityName, pascal};
use crate::types::{
    AlarmMetric, AlarmPlan, AlertingPlan, AppPlan, Comparison, EntityKind, KeyGrant, KeyPlan,
    MetricStat, MissingData, ParamKind, RegionRole, StoragePlan, SubscriptionPlan, TopicPlan,
};
use crate::value::{Attr, Text};

/// A validated notification target.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub name: String,
    pub severities: Vec<Severity>,
    pub path: StackPath,
}

impl Resolver<'_> {
    pub(crate) fn resolve_notification_targets(&mut self) -> Vec<Target> {
        let stack = self.stack;
        let mut targets = Vec::new();
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        for (index, target) in stack.notifications.iter().enumerate() {
            let path = StackPath::root().key("notifications").index(index);
            if !super::is_entity_name(&target.name, 40) {
                self.report(
                    Diagnostic::error("E701", path.key("name"), format!("`{}` is not a valid notification target name: lowercase letters, digits and single hyphens, starting with a letter, at most 40 characters", target.name))
                        .with_help(format!("the name is part of the SNS topic name{}", super::entity_name_example(&target.name, 40))),
                );
                continue;
            }
            if let Some(first) = names.get(target.name.as_str()) {
                self.report(
                    Diagnostic::error(
                        "E701",
                        path.key("name"),
                        format!(
                            "the notification target `{}` is declared twice",
                            target.name
                        ),
                    )
                    .with_help("merge the two, or rename one")
                    .with_related(first.clone(), "the first declaration"),
                );
                continue;
            }
            names.insert(&target.name, path.clone());
            if target.severities.is_empty() {
                self.report(
                    Diagnostic::error(
                        "E702",
                        path.key("severities"),
                        "the target takes no severity, so no alert would ever reach it",
                    )
                    .with_help("list the severities it receives, e.g. `[critical]`"),
                );
            }
            if target.email.is_empty() && target.https.is_empty() {
                self.report(
                    Diagnostic::error("E703", path.clone(), format!("the notification target `{}` has no e-mail address and no HTTPS endpoint", target.name))
                        .with_help("add `email: [...]` or `https: [...]`"),
                );
            }
            for (email_index, email) in target.email.iter().enumerate() {
                if !email.contains("${") && !is_email(email) {
                    self.report(
                        Diagnostic::error(
                            "E704",
                            path.key("email").index(email_index),
                            format!("`{email}` is not an e-mail address"),
                        )
                        .with_help("write it like `oncall@example.com`, or use a `${PARAMETER}`"),
                    );
                }
            }
            for (url_index, url) in target.https.iter().enumerate() {
                if !url.contains("${") && !url.starts_with("https://") {
                    self.report(
                        Diagnostic::error("E705", path.key("https").index(url_index), format!("`{url}` is not an HTTPS URL"))
                            .with_help("SNS delivers alerts over HTTPS only here: write `https://...`, or use a `${PARAMETER}`"),
                    );
                }
            }
            targets.push(Target {
                name: target.name.clone(),
                severities: target.severities.clone(),
                path,
            });
        }
        self.targets = targets.clone();
        targets
    }

    /// The topics of `unit` that take any of `severities`.
    /// Where an alert goes: the topics of its severity, plus the on-call topics for
    /// `notify_on_call`, and the failover targets (or, without any, the on-call topics) for the
    /// failover actions.
    pub(crate) fn alert_topics(
        &mut self,
        unit: &UnitId,
        alert: &meridian_model::Alert,
    ) -> Vec<Rid> {
        let mut topics = self.topics_for(unit, &[alert.severity]);
        let failover_targets = self
            .stack
            .failover
            .as_ref()
            .map(|f| f.notify.clone())
            .unwrap_or_default();
        let extra = match alert.action {
            AlertAction::Notify | AlertAction::InvestigateNetwork => Vec::new(),
            AlertAction::NotifyOnCall => self.topics_for(unit, &[Severity::Critical]),
            AlertAction::InitiateFailover | AlertAction::FailoverIfPrimary => {
                if failover_targets.is_empty() {
                    self.topics_for(unit, &[Severity::Critical])
                } else {
                    self.topics_named(unit, &failover_targets)
                }
            }
        };
        for topic in extra {
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        topics
    }

    pub(crate) fn topics_for(&mut self, unit: &UnitId, severities: &[Severity]) -> Vec<Rid> {
        let targets = self.targets.clone();
        targets
            .iter()
            .filter(|target| {
                target
                    .severities
                    .iter()
                    .any(|severity| severities.contains(severity))
            })
            .map(|target| self.topic_rid(unit, &target.name, &target.path))
            .collect()
    }

    /// The topics of `unit` for the named targets.
    pub(crate) fn topics_named(&mut self, unit: &UnitId, names: &[String]) -> Vec<Rid> {
        let targets = self.targets.clone();
        targets
            .iter()
            .filter(|target| names.contains(&target.name))
            .map(|target| self.topic_rid(unit, &target.name, &target.path))
            .collect()
    }

    fn topic_rid(&mut self, unit: &UnitId, target: &str, path: &StackPath) -> Rid {
        self.rid(unit, format!("{}Topic", pascal(target)), path)
    }

    /// Builds the alerts key and one topic per target for a unit.
    pub(crate) fn alerting_for(&mut self, unit: &UnitId, targets: &[Target]) -> AlertingPlan {
        if targets.is_empty() {
            return AlertingPlan::default();
        }
        let global = *unit == UnitId::Global;
        let path = StackPath::root().key("notifications");
        let key = KeyPlan {
            rid: self.rid(unit, "AlertsKey", &path),
            alias_rid: self.rid(unit, "AlertsKeyAlias", &path),
            alias: self
                .names
                .key_alias(if global { "alerts-global" } else { "alerts" }),
            description: format!(
                "Encrypts {}'s alert topics; CloudWatch may use it, which the AWS-managed aws/sns key does not allow",
                self.stack.stack
            ),
            grants: vec![KeyGrant::CloudWatchAlarms],
        };
        let stack = self.stack;
        let mut topics = Vec::new();
        for target in targets {
            let Some(model) = stack.notifications.iter().find(|n| n.name == target.name) else {
                continue;
            };
            let base = pascal(&target.name);
            let rid = self.topic_rid(unit, &target.name, &target.path);
            let mut subscriptions = Vec::new();
            for (index, email) in model.email.iter().enumerate() {
                let endpoint = self.text(
                    &target.path.key("email").index(index),
                    email,
                    TextContext {
                        unit,
                        kind: ParamKind::Email,
                        per_region: false,
                        references: ReferenceScope::None,
                    },
                );
                subscriptions.push(SubscriptionPlan {
                    rid: self.rid(
                        unit,
                        format!("{base}Email{}", pascal(&endpoint_label(email))),
                        &target.path.key("email").index(index),
                    ),
                    protocol: "email".to_owned(),
                    endpoint,
                });
            }
            for (index, url) in model.https.iter().enumerate() {
                let endpoint = self.text(
                    &target.path.key("https").index(index),
                    url,
                    TextContext {
                        unit,
                        kind: ParamKind::HttpsUrl,
                        per_region: false,
                        references: ReferenceScope::None,
                    },
                );
                subscriptions.push(SubscriptionPlan {
                    rid: self.rid(
                        unit,
                        format!("{base}Https{}", pascal(&endpoint_label(url))),
                        &target.path.key("https").index(index),
                    ),
                    protocol: "https".to_owned(),
                    endpoint,
                });
            }
            topics.push(TopicPlan {
                target: target.name.clone(),
                policy_rid: self.rid(unit, format!("{base}TopicPolicy"), &target.path),
                name: self.names.topic(&target.name, global),
                subscriptions,
                rid,
            });
        }
        AlertingPlan {
            key: Some(key),
            topics,
            alarms: Vec::new(),
        }
    }

    pub(crate) fn resolve_topics(
        &mut self,
        targets: &[Target],
        apps: &mut BTreeMap<String, AppPlan>,
    ) {
        for app in apps.values_mut() {
            let unit = app.unit.clone();
            app.alerting = self.alerting_for(&unit, targets);
        }
    }

    /// Alarms on replication targets slower than Replication Time Control.
    pub(crate) fn resolve_replication_alarms(
        &mut self,
        _storage: &mut [StoragePlan],
        apps: &mut BTreeMap<String, AppPlan>,
    ) {
        let watches = std::mem::take(&mut self.replication_watches);
        for watch in watches {
            let Some(app) = apps.get(&watch.source_region) else {
                continue;
            };
            let unit = app.unit.clone();
            let topics = self.topics_for(&unit, &[Severity::Warning]);
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
                    stat: "Maximum".to_owned(),
                }),
                comparison: Comparison::GreaterThan,
                threshold: f64::from(watch.seconds),
                period_seconds: 300,
                evaluation_periods: 3,
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
        apps: &mut BTreeMap<String, AppPlan>,
    ) {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let failover_enabled = stack
            .failover
            .as_ref()
            .is_some_and(|f| f.enabled.unwrap_or(defaults::FAILOVER_ENABLED));
        for (index, alert) in stack.alerts.iter().enumerate() {
            let path = StackPath::root().key("alerts").index(index);
            if let Some(problem) = naming::name_problem(&alert.name, naming::limits::ALERT) {
                self.report(
                    Diagnostic::error(
                        "E706",
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
                "E706",
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
                let alarms = self.alert_alarms(&path, alert, app);
                if let Some(app) = apps.get_mut(&region.code) {
                    app.alerting.alarms.extend(alarms);
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
            let topics = self.topics_for(&unit, &[Severity::Warning]);
            let alarm = AlarmPlan {
                rid: self.rid(
                    &unit,
                    "LatencyTargetAlarm",
                    &region.path.key("latency_target_ms"),
                ),
                name: self.names.alarm("latency-target"),
                description: format!(
                    "p95 response time in {} is above its {target} ms target",
                    region.code
                ),
                metric: AlarmMetric::Single(load_balancer_metric(
                    &lb_rid,
                    "TargetResponseTime",
                    "p95",
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
    fn check_alert(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
        failover_enabled: bool,
    ) -> bool {
        let stack = self.stack;
        let mut valid = true;
        let (unit_name, low, high): (&str, f64, f64) = match alert.condition {
            AlertCondition::PrimaryRegionDown => ("", 0.0, 0.0),
            AlertCondition::ReplicaLag => ("seconds", 1.0, 86_400.0),
            AlertCondition::Latency => ("milliseconds", 1.0, 600_000.0),
            AlertCondition::FailedHealthChecks => ("targets", 0.0, 10_000.0),
            AlertCondition::ErrorRate => ("a share of requests", 0.000_001, 1.0),
            AlertCondition::Http5xx => ("responses per period", 1.0, 1.0e9),
            AlertCondition::ServiceCpu | AlertCondition::DatabaseCpu => ("percent", 1.0, 100.0),
        };
        match (alert.condition, alert.threshold) {
            (AlertCondition::PrimaryRegionDown, Some(_)) => {
                self.report(
                    Diagnostic::error("E707", path.key("threshold"), "`primary_region_down` has no threshold: it fires when the primary's health check fails")
                        .with_help("remove `threshold`"),
                );
                valid = false;
            }
            (AlertCondition::PrimaryRegionDown, None) => {}
            (_, None) => {
                self.report(
                    Diagnostic::error(
                        "E707",
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
                    Diagnostic::error(
                        "E708",
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
        };
        if let Some((what, help)) = needs {
            self.report(
                Diagnostic::error(
                    "E709",
                    path.key("condition"),
                    format!("the condition watches {what}, which this stack does not have"),
                )
                .with_help(help),
            );
            valid = false;
        }
        if let Some(period) = alert.period_seconds
            && !aws::is_valid_cloudwatch_period(period)
        {
            self.report(
                Diagnostic::error(
                    "E710",
                    path.key("period_seconds"),
                    format!("{period} s is not a CloudWatch alarm period"),
                )
                .with_help("use 10, 30 or a multiple of 60"),
            );
            valid = false;
        }
        if let Some(periods) = alert.evaluation_periods
            && !(1..=100).contains(&periods)
        {
            self.report(
                Diagnostic::error(
                    "E711",
                    path.key("evaluation_periods"),
                    format!("{periods} evaluation periods is outside 1 to 100"),
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
                Diagnostic::error("E712", path.key("severity"), format!("no notification target takes `{severity}` alerts, so `{}` would reach no one", alert.name))
                    .with_help(format!("add `{severity}` to a target's `severities`, or change the alert's severity")),
            );
            valid = false;
        }
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
            self.report(Diagnostic::error("E713", path.key("action"), problem).with_help(help));
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
                Diagnostic::error(
                    "E714",
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

    /// Alarms for a regional alert in one region's app unit.
    fn alert_alarms(
        &mut self,
        path: &StackPath,
        alert: &meridian_model::Alert,
        app: &AppPlan,
    ) -> Vec<AlarmPlan> {
        let unit = app.unit.clone();
        let topics = self.alert_topics(&unit, alert);
        let threshold = alert.threshold.unwrap_or(0.0);
        let period = alert
            .period_seconds
            .unwrap_or(defaults::ALERT_PERIOD_SECONDS);
        let evaluation_periods = alert
            .evaluation_periods
            .unwrap_or(defaults::ALERT_EVALUATION_PERIODS);
        let description = |what: &str| alarm_description(what, alert, None);
        let base = pascal(&alert.name);
        // One alarm per alert, or per service for service conditions: then the service's name
        // (its former one when renamed, like its other resources) is part of the ID and name.
        let alarm = |resolver: &mut Self,
                     service: Option<&EntityName>,
                     text: String,
                     metric: AlarmMetric,
                     comparison,
                     threshold| AlarmPlan {
            rid: match service {
                Some(service) => resolver.entity_rid(
                    &unit,
                    service,
                    |service_base| format!("{base}{service_base}Alarm"),
                    path,
                ),
                None => resolver.rid(&unit, format!("{base}Alarm"), path),
            },
            name: resolver.names.alarm(&match service {
                Some(service) => format!("{}-{}", alert.name, service.identity),
                None => alert.name.clone(),
            }),
            description: text,
            metric,
            comparison,
            threshold,
            period_seconds: period,
            evaluation_periods,
            missing_data: MissingData::NotBreaching,
            topics: topics.clone(),
        };
        let lb = app.load_balancer.as_ref();
        match alert.condition {
            AlertCondition::PrimaryRegionDown => Vec::new(),
            AlertCondition::ReplicaLag => match &app.database {
                Some(database)
                    if matches!(database.role, crate::types::DatabaseRole::Replica(_)) =>
                {
                    vec![alarm(
                        self,
                        None,
                        description(&format!("read replica lag above {threshold} s")),
                        AlarmMetric::Single(MetricStat {
                            namespace: "AWS/RDS".to_owned(),
                            metric: "ReplicaLag".to_owned(),
                            dimensions: vec![(
                                "DBInstanceIdentifier".to_owned(),
                                Text::lit(database.identifier.clone()),
                            )],
                            stat: "Maximum".to_owned(),
                        }),
                        Comparison::GreaterThan,
                        threshold,
                    )]
                }
                _ => Vec::new(),
            },
            AlertCondition::Latency => lb
                .map(|lb| {
                    vec![alarm(
                        self,
                        None,
                        description(&format!("p95 response time above {threshold} ms")),
                        AlarmMetric::Single(load_balancer_metric(
                            &lb.rid,
                            "TargetResponseTime",
                            "p95",
                        )),
                        Comparison::GreaterThan,
                        threshold / 1000.0,
                    )]
                })
                .unwrap_or_default(),
            AlertCondition::Http5xx => lb
                .map(|lb| {
                    vec![alarm(
                        self,
                        None,
                        description(&format!(
                            "more than {threshold} target 5xx responses per period"
                        )),
                        AlarmMetric::Single(load_balancer_metric(
                            &lb.rid,
                            "HTTPCode_Target_5XX_Count",
                            "Sum",
                        )),
                        Comparison::GreaterThan,
                        threshold,
                    )]
                })
                .unwrap_or_default(),
            AlertCondition::ErrorRate => lb
                .map(|lb| {
                    vec![alarm(
                        self,
                        None,
                        description(&format!("share of 5xx responses above {threshold}")),
                        AlarmMetric::Math {
                            expression: "IF(requests > 0, errors / requests, 0)".to_owned(),
                            label: "5xx share".to_owned(),
                            inputs: vec![
                                (
                                    "errors".to_owned(),
                                    load_balancer_metric(
                                        &lb.rid,
                                        "HTTPCode_Target_5XX_Count",
                                        "Sum",
                                    ),
                                ),
                                (
                                    "requests".to_owned(),
                                    load_balancer_metric(&lb.rid, "RequestCount", "Sum"),
                                ),
                            ],
                        },
                        Comparison::GreaterThan,
                        threshold,
                    )]
                })
                .unwrap_or_default(),
            AlertCondition::FailedHealthChecks => lb
                .map(|lb| {
                    let mut inputs = Vec::new();
                    for tg in &lb.target_groups {
                        for group in std::iter::once(&tg.rid).chain(tg.alternate.iter()) {
                            let mut metric =
                                load_balancer_metric(&lb.rid, "UnHealthyHostCount", "Maximum");
                            metric.dimensions.push((
                                "TargetGroup".to_owned(),
                                Text::attr(group, Attr::TargetGroupFullName),
                            ));
                            inputs.push((format!("unhealthy{}", inputs.len()), metric));
                        }
                    }
                    if inputs.is_empty() {
                        return Vec::new();
                    }
                    let expression = inputs
                        .iter()
                        .map(|(id, _)| id.clone())
                        .collect::<Vec<_>>()
                        .join(" + ");
                    vec![alarm(
                        self,
                        None,
                        description(&format!(
                            "more than {threshold} targets fail their health checks"
                        )),
                        AlarmMetric::Math {
                            expression,
                            label: "unhealthy targets".to_owned(),
                            inputs,
                        },
                        Comparison::GreaterThan,
                        threshold,
                    )]
                })
                .unwrap_or_default(),
            AlertCondition::ServiceCpu => app
                .services
                .iter()
                .map(|service| {
                    let entity = EntityName::new(
                        EntityKind::Service,
                        &service.name,
                        service.renamed_from.as_deref(),
                    );
                    let text = description(&format!("{} CPU above {threshold}%", entity.identity));
                    alarm(
                        self,
                        Some(&entity),
                        text,
                        AlarmMetric::Single(MetricStat {
                            namespace: "AWS/ECS".to_owned(),
                            metric: "CPUUtilization".to_owned(),
                            dimensions: vec![
                                (
                                    "ClusterName".to_owned(),
                                    Text::lit(
                                        self.names.cluster(unit.region().unwrap_or_default()),
                                    ),
                                ),
                                (
                                    "ServiceName".to_owned(),
                                    Text::lit(service.service_name.clone()),
                                ),
                            ],
                            stat: "Average".to_owned(),
                        }),
                        Comparison::GreaterThan,
                        threshold,
                    )
                })
                .collect(),
            AlertCondition::DatabaseCpu => app
                .database
                .as_ref()
                .map(|database| {
                    vec![alarm(
                        self,
                        None,
                        description(&format!("database CPU above {threshold}%")),
                        AlarmMetric::Single(MetricStat {
                            namespace: "AWS/RDS".to_owned(),
                            metric: "CPUUtilization".to_owned(),
                            dimensions: vec![(
                                "DBInstanceIdentifier".to_owned(),
                                Text::lit(database.identifier.clone()),
                            )],
                            stat: "Average".to_owned(),
                        }),
                        Comparison::GreaterThan,
                        threshold,
                    )]
                })
                .unwrap_or_default(),
        }
    }
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

fn condition_name(condition: AlertCondition) -> &'static str {
    match condition {
        AlertCondition::PrimaryRegionDown => "primary_region_down",
        AlertCondition::ReplicaLag => "replica_lag",
        AlertCondition::Latency => "latency",
        AlertCondition::FailedHealthChecks => "failed_health_checks",
        AlertCondition::ErrorRate => "error_rate",
        AlertCondition::Http5xx => "http_5xx",
        AlertCondition::ServiceCpu => "service_cpu",
        AlertCondition::DatabaseCpu => "database_cpu",
    }
}

/// A load-balancer-wide Application Load Balancer metric.
pub(crate) fn load_balancer_metric(lb: &Rid, metric: &str, stat: &str) -> MetricStat {
    MetricStat {
        namespace: "AWS/ApplicationELB".to_owned(),
        metric: metric.to_owned(),
        dimensions: vec![(
            "LoadBalancer".to_owned(),
            Text::attr(lb, Attr::LoadBalancerFullName),
        )],
        stat: stat.to_owned(),
    }
}

/// A stable word for an endpoint: its parameter name, or its text without punctuation.
fn endpoint_label(endpoint: &str) -> String {
    let trimmed = endpoint.trim_start_matches("https://");
    let label: String = trimmed
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    label.chars().take(48).collect()
}

fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}
