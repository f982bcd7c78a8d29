//! The global unit: what it holds (DNS, CDN, global alarms, dashboards) and failover settings
//! (E615 to E618).

use meridian_model::{AlertCondition, Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::pascal;
use crate::types::*;
use crate::value::{Attr, Text};

/// What the global unit routes to and reports on, as the regional areas resolved it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Routed<'r> {
    pub load_balancers: &'r LoadBalancers,
    pub database: &'r DatabaseFacts,
    pub services: &'r ServiceNames,
}

impl<'a> Resolver<'a> {
    /// The global unit, when the stack has anything global.
    pub(crate) fn resolve_global(
        &mut self,
        regions: &Regions<'_>,
        targets: &[Target],
        routed: &Routed<'_>,
    ) -> Option<GlobalPlan> {
        let stack = self.stack;
        let unit = UnitId::Global;
        self.check_failover();
        let dns = stack
            .dns
            .as_ref()
            .and_then(|dns| self.resolve_dns(&unit, dns, regions, routed.load_balancers));
        if let Some(dns) = &dns {
            self.check_failover_destinations(dns);
        }
        let cdn = stack
            .cdn
            .as_ref()
            .and_then(|cdn| self.resolve_cdn(&unit, cdn));
        let dashboards = self.resolve_dashboards(&unit, regions, routed);
        let global_alerts: Vec<(usize, &meridian_model::Alert)> = stack
            .alerts
            .iter()
            .enumerate()
            .filter(|(_, alert)| alert.condition == AlertCondition::PrimaryRegionDown)
            .collect();
        let failed = self.diagnostics.iter().any(Diagnostic::is_error);
        if dns.is_none() && cdn.is_none() && dashboards.is_empty() && global_alerts.is_empty() {
            return None;
        }
        let mut alerting = if global_alerts.is_empty() {
            Default::default()
        } else {
            self.alerting_for(&unit, targets)
        };
        if let Some(dns) = &dns {
            let primary = regions.primary.clone();
            let primary_check = dns
                .regions
                .iter()
                .find(|r| Some(&r.region) == primary.as_ref())
                .map(|r| r.health_check.clone());
            for (index, alert) in global_alerts {
                let Some(health_check) = primary_check.clone() else {
                    continue;
                };
                if failed {
                    continue;
                }
                let path = StackPath::root().key("alerts").index(index);
                let topics = self.alert_topics(&unit, alert, targets);
                let evaluation_periods = alert.evaluation_periods.unwrap_or_else(|| {
                    stack
                        .failover
                        .as_ref()
                        .and_then(|f| f.evaluation_periods)
                        .unwrap_or(defaults::FAILOVER_EVALUATION_PERIODS)
                });
                alerting.alarms.push(AlarmPlan {
                    rid: self.rid(&unit, format!("{}Alarm", pascal(&alert.name)), &path),
                    name: self.names.alarm(&alert.name),
                    description: alarm_description(
                        "The primary region's Route 53 health check fails",
                        alert,
                        Some("promote-replica"),
                    ),
                    metric: AlarmMetric::Single(MetricStat {
                        namespace: "AWS/Route53".to_owned(),
                        metric: "HealthCheckStatus".to_owned(),
                        dimensions: vec![(
                            "HealthCheckId".to_owned(),
                            Text::attr(&health_check, Attr::HealthCheckId),
                        )],
                        stat: Statistic::Minimum,
                    }),
                    comparison: Comparison::LessThan,
                    threshold: 1.0,
                    period_seconds: alert
                        .period_seconds
                        .unwrap_or(defaults::ALERT_PERIOD_SECONDS),
                    evaluation_periods,
                    missing_data: MissingData::Breaching,
                    topics,
                });
            }
        }
        Some(GlobalPlan {
            unit,
            dns,
            cdn,
            alerting,
            dashboards,
            failover_rules: Vec::new(),
        })
    }

    /// W620: failover is enabled in a stack of several regions, but one region alone serves the
    /// domain (the others run none of the services behind it): when it fails, Route 53 has
    /// nowhere to send clients, and promoting a replica elsewhere serves nobody.
    fn check_failover_destinations(&mut self, dns: &DnsPlan) {
        let stack = self.stack;
        // After an error, a region may be missing from the records only for that error.
        if !defaults::failover_enabled(stack.failover.as_ref())
            || stack.regions.len() < 2
            || self.diagnostics.iter().any(Diagnostic::is_error)
        {
            return;
        }
        let [only] = dns.regions.as_slice() else {
            return;
        };
        self.report(
            Diagnostic::new(
                codes::W620,
                StackPath::root().key("failover").key("enabled"),
                format!(
                    "failover is enabled, but only `{}` serves `{}`: when it fails, no other region can take its clients",
                    only.region, dns.domain
                ),
            )
            .with_help("run the services behind the domain in another region too (a service's `regions` or `roles`), or set `enabled: false`"),
        );
    }

    pub(crate) fn check_failover(&mut self) {
        let stack = self.stack;
        let Some(failover) = &stack.failover else {
            return;
        };
        let path = StackPath::root().key("failover");
        if failover.enabled.unwrap_or(defaults::FAILOVER_ENABLED) && stack.dns.is_none() {
            self.report(
                Diagnostic::new(codes::E618, path.clone(), "failover is enabled, but without `dns` there is no routing to move between regions")
                    .with_help("add a `dns` block with latency routing, or set `enabled: false`"),
            );
        }
        if failover.enabled.unwrap_or(defaults::FAILOVER_ENABLED) && stack.regions.len() < 2 {
            self.report(
                Diagnostic::new(codes::W618, path.key("enabled"), "failover is enabled, but the stack has one region: there is no region to fail over to")
                    .with_help("add a secondary region, or set `enabled: false`; the alarms and runbooks of failover have nothing to act on"),
            );
        }
        if let Some(periods) = failover.evaluation_periods
            && !defaults::bounds::FAILOVER_EVALUATION_PERIODS.contains(&periods)
        {
            self.report(
                Diagnostic::new(
                    codes::E616,
                    path.key("evaluation_periods"),
                    format!(
                        "{periods} evaluation periods is outside {}",
                        range_text(&defaults::bounds::FAILOVER_EVALUATION_PERIODS)
                    ),
                )
                .with_help("1 fails over after one failed minute of the primary's health check"),
            );
        }
        for (index, name) in failover.notify.iter().enumerate() {
            if !stack
                .notifications
                .iter()
                .any(|target| &target.name == name)
            {
                let help = match crate::suggest_list(
                    name,
                    stack.notifications.iter().map(|t| t.name.as_str()),
                ) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => "name a target declared under `notifications`".to_owned(),
                };
                self.report(
                    Diagnostic::new(
                        codes::E615,
                        path.key("notify").index(index),
                        format!("the notification target `{name}` is not declared"),
                    )
                    .with_help(help),
                );
            }
        }
        if let Some(failback) = &failover.failback
            && let Some(wait) = failback.wait_period_seconds
            && !defaults::bounds::WAIT_SECONDS.contains(&wait)
        {
            self.report(
                Diagnostic::new(
                    codes::E617,
                    path.key("failback").key("wait_period_seconds"),
                    format!(
                        "a failback wait of {wait} s is outside {} s",
                        range_text(&defaults::bounds::WAIT_SECONDS)
                    ),
                )
                .with_help("wait long enough to be sure the primary stays healthy, e.g. 300"),
            );
        }
    }
}

/// Whether `name` is a fully qualified domain name (no trailing dot).
pub(crate) fn is_domain_name(name: &str) -> bool {
    name.len() <= aws::limits::DOMAIN_NAME_LENGTH
        && name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= aws::limits::DOMAIN_LABEL_LENGTH
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}
