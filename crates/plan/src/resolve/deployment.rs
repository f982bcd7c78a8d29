//! How services deploy: rolling or ECS-native blue/green, bake time, and the alarms that roll a
//! failed deployment back (E308 to E315, W311).

use meridian_model::{DeploymentStrategy, Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, EntityName};
use crate::types::*;
use crate::value::{Attr, Text};

impl<'a> Resolver<'a> {
    pub(crate) fn check_deployment(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        deployment: &meridian_model::Deployment,
        routing: Option<&ServiceRouting>,
    ) -> bool {
        let mut valid = true;
        let deployment_path = path.key("deployment");
        let minimum = deployment
            .minimum_healthy_percent
            .unwrap_or(defaults::MINIMUM_HEALTHY_PERCENT);
        let maximum = deployment
            .maximum_percent
            .unwrap_or(defaults::MAXIMUM_PERCENT);
        if minimum > 100 {
            self.report(
                Diagnostic::new(
                    codes::E308,
                    deployment_path.key("minimum_healthy_percent"),
                    format!("{minimum}% is above 100%"),
                )
                .with_help("the share of desired tasks kept running is at most 100%"),
            );
            valid = false;
        }
        if !defaults::bounds::MAXIMUM_PERCENT.contains(&maximum) {
            self.report(
                Diagnostic::new(
                    codes::E308,
                    deployment_path.key("maximum_percent"),
                    format!(
                        "{maximum}% is outside {}%",
                        range_text(&defaults::bounds::MAXIMUM_PERCENT)
                    ),
                )
                .with_help("200% lets a full new set of tasks start beside the old one"),
            );
            valid = false;
        }
        if minimum == 100 && maximum == 100 {
            self.report(
                Diagnostic::new(
                    codes::E308,
                    deployment_path.clone(),
                    "with minimum 100% and maximum 100% no task can ever be replaced",
                )
                .with_help("raise `maximum_percent` to 200 or lower `minimum_healthy_percent`"),
            );
            valid = false;
        }
        let blue_green = deployment.strategy == Some(DeploymentStrategy::BlueGreen);
        if let Some(bake) = deployment.bake_time_minutes {
            if !blue_green {
                self.report(
                    Diagnostic::new(
                        codes::E309,
                        deployment_path.key("bake_time_minutes"),
                        "a bake time only applies to `strategy: blue_green`",
                    )
                    .with_help("remove `bake_time_minutes`, or set `strategy: blue_green`"),
                );
                valid = false;
            } else if bake > aws::limits::ECS_BAKE_TIME_MINUTES {
                self.report(
                    Diagnostic::new(
                        codes::E309,
                        deployment_path.key("bake_time_minutes"),
                        format!(
                            "a bake time of {bake} minutes is above {} (a day)",
                            aws::limits::ECS_BAKE_TIME_MINUTES
                        ),
                    )
                    .with_help("ECS bakes a new version for at most a day"),
                );
                valid = false;
            }
        }
        if blue_green {
            match routing {
                None => {
                    self.report(
                        Diagnostic::new(codes::E310, deployment_path.key("strategy"), format!("blue/green shifts load-balancer traffic, but no target group is fed by `{}`", service.name))
                            .with_help("add a target group with `service: <name>` and a listener rule forwarding to it, or use `strategy: rolling`"),
                    );
                    valid = false;
                }
                Some(routing) if routing.rules.len() != 1 => {
                    self.report(
                        Diagnostic::new(
                            codes::E310,
                            deployment_path.key("strategy"),
                            format!("blue/green needs exactly one listener rule forwarding to `{}`, which ECS shifts; it has {}", routing.target_group, routing.rules.len()),
                        )
                        .with_help("route the service through one rule (hosts and paths may list several values)"),
                    );
                    valid = false;
                }
                Some(_) => {}
            }
        }
        if let Some(rollback) = &deployment.rollback {
            valid &= self.check_rollback(&deployment_path.key("rollback"), rollback, routing);
        }
        valid
    }
    /// Rollback settings: triggers (E311 to E313), timing (E314, E315), and triggers without
    /// rollback (W311).
    fn check_rollback(
        &mut self,
        rollback_path: &StackPath,
        rollback: &meridian_model::Rollback,
        routing: Option<&ServiceRouting>,
    ) -> bool {
        let mut valid = true;
        if let Some(triggers) = &rollback.triggers {
            valid &=
                self.check_rollback_triggers(&rollback_path.key("triggers"), triggers, routing);
        }
        if let Some(timing) = &rollback.timing {
            valid &= self.check_rollback_timing(&rollback_path.key("timing"), timing);
        }
        if rollback.actions.is_empty()
            && rollback.triggers.is_some()
            && rollback.enabled == Some(false)
        {
            // Triggers without any action would watch nothing useful.
            self.report(
                Diagnostic::new(
                    codes::W311,
                    rollback_path.clone(),
                    "rollback is disabled, so the triggers only stop deployments",
                )
                .with_help("remove the triggers, or enable rollback"),
            );
        }
        valid
    }

    /// What fails a deployment (E311 to E313).
    fn check_rollback_triggers(
        &mut self,
        triggers_path: &StackPath,
        triggers: &meridian_model::RollbackTriggers,
        routing: Option<&ServiceRouting>,
    ) -> bool {
        let mut valid = true;
        if routing.is_none()
            && (triggers.error_rate_threshold.is_some()
                || triggers.latency_threshold_ms.is_some()
                || triggers.health_check_failure == Some(true))
        {
            self.report(
                Diagnostic::new(codes::E313, triggers_path.clone(), "rollback triggers watch load-balancer metrics, but this service has no target group")
                    .with_help("route the service through a target group, or remove the triggers"),
            );
            valid = false;
        }
        if let Some(rate) = triggers.error_rate_threshold
            && !(rate > 0.0 && rate <= 1.0)
        {
            self.report(
                Diagnostic::new(
                    codes::E311,
                    triggers_path.key("error_rate_threshold"),
                    format!("an error rate of {rate} is not a share between 0 (excluded) and 1"),
                )
                .with_help("write 0.05 for 5%"),
            );
            valid = false;
        }
        if let Some(latency) = triggers.latency_threshold_ms
            && !defaults::bounds::ROLLBACK_LATENCY_MS.contains(&latency)
        {
            self.report(
                Diagnostic::new(
                    codes::E312,
                    triggers_path.key("latency_threshold_ms"),
                    format!(
                        "a latency threshold of {latency} ms is outside {} ms",
                        range_text(&defaults::bounds::ROLLBACK_LATENCY_MS)
                    ),
                )
                .with_help(format!(
                    "give the {} response time that fails a deployment, e.g. 2000",
                    defaults::ROLLBACK_LATENCY_STATISTIC
                )),
            );
            valid = false;
        }
        valid
    }

    /// How long the rollback alarms watch and runbooks wait (E314, E315).
    fn check_rollback_timing(
        &mut self,
        timing_path: &StackPath,
        timing: &meridian_model::RollbackTiming,
    ) -> bool {
        let mut valid = true;
        let period = timing
            .evaluation_period_seconds
            .unwrap_or(defaults::ROLLBACK_EVALUATION_PERIOD_SECONDS);
        if !aws::is_valid_cloudwatch_period(period) {
            self.report(
                Diagnostic::new(
                    codes::E314,
                    timing_path.key("evaluation_period_seconds"),
                    format!("{period} s is not a CloudWatch alarm period"),
                )
                .with_help("use 10, 30 or a multiple of 60"),
            );
            valid = false;
        } else if let Some(wait) = timing.wait_after_trigger_seconds
            && (wait < period
                || !wait.is_multiple_of(period)
                || !defaults::bounds::ALARM_EVALUATION_PERIODS.contains(&(wait / period)))
        {
            self.report(
                Diagnostic::new(codes::E315, timing_path.key("wait_after_trigger_seconds"), format!("{wait} s is not a whole number ({}) of evaluation periods of {period} s", range_text(&defaults::bounds::ALARM_EVALUATION_PERIODS)))
                    .with_help("the alarm fires after this many consecutive breaching periods; use a multiple of the period"),
            );
            valid = false;
        }
        if let Some(max) = timing.max_rollback_time_seconds
            && !defaults::bounds::WAIT_SECONDS.contains(&max)
        {
            self.report(
                Diagnostic::new(
                    codes::E315,
                    timing_path.key("max_rollback_time_seconds"),
                    format!(
                        "{max} s is outside {} s",
                        range_text(&defaults::bounds::WAIT_SECONDS)
                    ),
                )
                .with_help("runbooks wait this long for a rollback to finish"),
            );
            valid = false;
        }
        valid
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn rollback_alarms(
        &mut self,
        unit: &UnitId,
        path: &StackPath,
        entity: &EntityName,
        triggers: &meridian_model::RollbackTriggers,
        tg: &TargetGroupPlan,
        lb: &Rid,
        period: u32,
        evaluation_periods: u32,
        topics: &[Rid],
    ) -> Vec<AlarmPlan> {
        let groups: Vec<&Rid> = std::iter::once(&tg.rid)
            .chain(tg.alternate.iter())
            .collect();
        let metric =
            |name: &str, stat: Statistic, group: &Rid| target_group_metric(lb, group, name, stat);
        let trigger_path = path.key("deployment").key("rollback").key("triggers");
        let mut alarms = Vec::new();
        let mut alarm = |resolver: &mut Self,
                         suffix: &str,
                         description: String,
                         metric: AlarmMetric,
                         comparison,
                         threshold| {
            let rid = resolver.entity_rid(
                unit,
                entity,
                |base| format!("{base}Rollback{suffix}Alarm"),
                &trigger_path,
            );
            alarms.push(AlarmPlan {
                rid,
                name: resolver.names.alarm(&format!(
                    "{}-rollback-{}",
                    entity.identity,
                    suffix.to_ascii_lowercase()
                )),
                description,
                metric,
                comparison,
                threshold,
                period_seconds: period,
                evaluation_periods,
                missing_data: MissingData::NotBreaching,
                topics: topics.to_vec(),
            });
        };
        if let Some(rate) = triggers.error_rate_threshold {
            let mut inputs = Vec::new();
            let mut errors = Vec::new();
            let mut requests = Vec::new();
            for (index, group) in groups.iter().enumerate() {
                let error_id = format!("errors{index}");
                let request_id = format!("requests{index}");
                inputs.push((
                    error_id.clone(),
                    metric("HTTPCode_Target_5XX_Count", Statistic::Sum, group),
                ));
                inputs.push((
                    request_id.clone(),
                    metric("RequestCount", Statistic::Sum, group),
                ));
                errors.push(error_id);
                requests.push(request_id);
            }
            let expression = format!(
                "IF(({requests}) > 0, ({errors}) / ({requests}), 0)",
                errors = errors.join(" + "),
                requests = requests.join(" + ")
            );
            alarm(
                self,
                "ErrorRate",
                format!(
                    "Deployment of {} fails when more than {}% of requests get a 5xx",
                    entity.identity,
                    rate * 100.0
                ),
                AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression,
                    label: "5xx share".to_owned(),
                    inputs,
                },
                Comparison::GreaterThan,
                rate,
            );
        }
        if let Some(latency) = triggers.latency_threshold_ms {
            let inputs: Vec<(String, MetricStat)> = groups
                .iter()
                .enumerate()
                .map(|(index, group)| {
                    (
                        format!("latency{index}"),
                        metric(
                            "TargetResponseTime",
                            defaults::ROLLBACK_LATENCY_STATISTIC,
                            group,
                        ),
                    )
                })
                .collect();
            let ids: Vec<String> = inputs.iter().map(|(id, _)| id.clone()).collect();
            alarm(
                self,
                "Latency",
                format!(
                    "Deployment of {} fails when {} response time exceeds {latency} ms",
                    entity.identity,
                    defaults::ROLLBACK_LATENCY_STATISTIC
                ),
                AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression: format!("MAX([{}])", ids.join(", ")),
                    label: format!("{} response time", defaults::ROLLBACK_LATENCY_STATISTIC),
                    inputs,
                },
                Comparison::GreaterThan,
                f64::from(latency) / 1000.0,
            );
        }
        if triggers.health_check_failure == Some(true) {
            let inputs: Vec<(String, MetricStat)> = groups
                .iter()
                .enumerate()
                .map(|(index, group)| {
                    (
                        format!("unhealthy{index}"),
                        metric("UnHealthyHostCount", Statistic::Maximum, group),
                    )
                })
                .collect();
            let ids: Vec<String> = inputs.iter().map(|(id, _)| id.clone()).collect();
            alarm(
                self,
                "Unhealthy",
                format!(
                    "Deployment of {} fails when a target fails its health check",
                    entity.identity
                ),
                AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression: ids.join(" + "),
                    label: "unhealthy targets".to_owned(),
                    inputs,
                },
                Comparison::GreaterThanOrEqual,
                1.0,
            );
        }
        alarms
    }
}

/// An Application Load Balancer metric of one target group.
fn target_group_metric(lb: &Rid, group: &Rid, metric: &str, stat: Statistic) -> MetricStat {
    MetricStat {
        namespace: "AWS/ApplicationELB".to_owned(),
        metric: metric.to_owned(),
        dimensions: vec![
            (
                "LoadBalancer".to_owned(),
                Text::attr(lb, Attr::LoadBalancerFullName),
            ),
            (
                "TargetGroup".to_owned(),
                Text::attr(group, Attr::TargetGroupFullName),
            ),
        ],
        stat,
    }
}
