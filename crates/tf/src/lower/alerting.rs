//! Topics and alarms of a unit: the alerts key, one SNS topic per notification target encrypted with it
//! (CloudWatch alarms cannot publish to topics under the AWS-managed `aws/sns` key), topic policies,
//! subscriptions, and CloudWatch metric alarms (one statistic, a percentile, or metric math) that notify
//! their topics on alarm and on recovery. It decides no threshold or recipient.

use meridian_plan::{
    AlarmMetric, AlarmPlan, AlertingPlan, CompositeAlarmPlan, MetricStat, SubscriptionPlan,
    TopicPlan,
};

use super::{Lowered, Lowerer, depends_on, region_argument};
use crate::l1::{
    CloudwatchCompositeAlarm, CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery,
    CloudwatchMetricAlarmMetricQueryMetric, KmsKey, List, Map, Number, ResourceRef, SnsTopic,
    SnsTopicPolicy, SnsTopicSubscription, Value,
};

/// A threshold as an integer when it is one (`30`, not `30.0`), else as a float.
fn number(value: f64) -> Value<Number> {
    // Thresholds are small; an integral value within i64 converts exactly.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

impl Lowerer<'_> {
    /// The alerting of a unit in `region`.
    pub(super) fn lower_alerting(&mut self, region: &str, alerting: &AlertingPlan) -> Lowered {
        let AlertingPlan {
            key,
            topics,
            alarms,
            composites,
        } = alerting;
        if let Some(key) = key {
            self.lower_key(key, region)?;
        }
        for topic in topics {
            let TopicPlan {
                // The target's name is already in the topic's name.
                target: _,
                rid,
                policy_rid,
                policy_statements,
                name,
                subscriptions,
            } = topic;
            let handle = self.add(
                &rid.tf,
                SnsTopic {
                    kms_master_key_id: key
                        .as_ref()
                        .map(|key| ResourceRef::<KmsKey>::planned(&key.rid.tf).arn().into()),
                    name: Some(name.into()),
                    region: region_argument(region),
                    ..SnsTopic::default()
                },
            )?;
            self.add(
                &policy_rid.tf,
                SnsTopicPolicy {
                    region: region_argument(region),
                    ..SnsTopicPolicy::new(handle.arn(), self.policy_document(policy_statements))
                },
            )?;
            for subscription in subscriptions {
                let SubscriptionPlan {
                    rid,
                    protocol,
                    endpoint,
                } = subscription;
                self.add(
                    &rid.tf,
                    SnsTopicSubscription {
                        region: region_argument(region),
                        ..SnsTopicSubscription::new(self.value(endpoint), protocol, handle.arn())
                    },
                )?;
            }
        }
        for alarm in alarms {
            self.lower_alarm(region, alarm)?;
        }
        for composite in composites {
            self.lower_composite(region, composite)?;
        }
        Ok(())
    }

    /// One composite alarm in `region`, after the alarms its rule names.
    fn lower_composite(&mut self, region: &str, composite: &CompositeAlarmPlan) -> Lowered {
        let CompositeAlarmPlan {
            rid,
            name,
            description,
            rule,
            parts,
            topics,
        } = composite;
        let actions: Value<List<String>> = topics
            .iter()
            .map(|topic| ResourceRef::<SnsTopic>::planned(&topic.tf).arn())
            .collect();
        let waits_for = parts
            .iter()
            .map(|part| ResourceRef::<CloudwatchMetricAlarm>::planned(&part.tf).terraform_address())
            .collect();
        self.add_with(
            &rid.tf,
            CloudwatchCompositeAlarm {
                alarm_actions: Some(actions.clone()),
                alarm_description: Some(description.into()),
                ok_actions: Some(actions),
                region: region_argument(region),
                ..CloudwatchCompositeAlarm::new(name, rule)
            },
            depends_on(waits_for),
        )?;
        Ok(())
    }

    /// One alarm in `region`.
    pub(super) fn lower_alarm(&mut self, region: &str, alarm: &AlarmPlan) -> Lowered {
        let AlarmPlan {
            rid,
            name,
            description,
            metric,
            comparison,
            threshold,
            period_seconds,
            evaluation_periods,
            missing_data,
            topics,
        } = alarm;
        let actions: Value<List<String>> = topics
            .iter()
            .map(|topic| ResourceRef::<SnsTopic>::planned(&topic.tf).arn())
            .collect();
        let mut lowered = CloudwatchMetricAlarm {
            alarm_actions: Some(actions.clone()),
            alarm_description: Some(description.into()),
            ok_actions: Some(actions),
            region: region_argument(region),
            threshold: Some(number(*threshold)),
            treat_missing_data: Some(missing_data.as_str().into()),
            ..CloudwatchMetricAlarm::new(name, comparison.as_str(), *evaluation_periods)
        };
        match metric {
            AlarmMetric::Single(stat) => {
                let MetricStat {
                    namespace,
                    metric,
                    dimensions: _,
                    stat: statistic,
                } = stat;
                lowered.namespace = Some(namespace.into());
                lowered.metric_name = Some(metric.into());
                lowered.dimensions = self.dimensions(stat);
                lowered.period = Some((*period_seconds).into());
                if statistic.is_extended() {
                    lowered.extended_statistic = Some(statistic.to_string().into());
                } else {
                    lowered.statistic = Some(statistic.to_string().into());
                }
            }
            AlarmMetric::Math {
                result_id,
                expression,
                label,
                inputs,
            } => {
                let mut queries = vec![CloudwatchMetricAlarmMetricQuery {
                    expression: Some(expression.into()),
                    label: Some(label.into()),
                    return_data: Some(true.into()),
                    ..CloudwatchMetricAlarmMetricQuery::new(result_id.as_str())
                }];
                for (id, input) in inputs {
                    let MetricStat {
                        namespace,
                        metric,
                        dimensions: _,
                        stat,
                    } = input;
                    queries.push(CloudwatchMetricAlarmMetricQuery {
                        metric: Some(CloudwatchMetricAlarmMetricQueryMetric {
                            dimensions: self.dimensions(input),
                            namespace: Some(namespace.into()),
                            ..CloudwatchMetricAlarmMetricQueryMetric::new(
                                metric,
                                *period_seconds,
                                stat.to_string(),
                            )
                        }),
                        // Only the expression's result is evaluated.
                        return_data: Some(false.into()),
                        ..CloudwatchMetricAlarmMetricQuery::new(id)
                    });
                }
                lowered.metric_query = queries;
            }
        }
        self.add(&rid.tf, lowered)?;
        Ok(())
    }

    fn dimensions(&self, stat: &MetricStat) -> Option<Value<Map<String>>> {
        (!stat.dimensions.is_empty()).then(|| {
            stat.dimensions
                .iter()
                .map(|(name, value)| (name.clone(), self.value(value)))
                .collect()
        })
    }
}
