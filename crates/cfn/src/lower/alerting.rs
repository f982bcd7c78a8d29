//! Alerting: the key that encrypts a unit's topics, SNS topics with their policies and
//! subscriptions, and CloudWatch alarms (one metric, or metric math) that notify the plan's topics.
//! It must not choose thresholds, periods, recipients or which alarms exist.

use meridian_plan::{
    AlarmMetric, AlarmPlan, AlertingPlan, Comparison, CompositeAlarmPlan, MetricStat, MissingData,
    SubscriptionPlan, TopicPlan, bug,
};

use crate::l1::cloudwatch::{
    self, Alarm, ComparisonOperator, CompositeAlarm, Dimension, Metric, MetricDataQuery, Statistic,
    TreatMissingData,
};
use crate::l1::sns::{Subscription, Topic, TopicPolicy};
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::keys::lower_key;
use super::policy::document;
use super::values::reference;

/// Adds the unit's alerts key, topics and alarms.
pub(crate) fn lower_alerting(unit: &mut UnitTemplate<'_>, alerting: &AlertingPlan) {
    let AlertingPlan {
        key,
        topics,
        alarms,
        composites,
    } = alerting;
    if let Some(key) = key {
        lower_key(unit, key);
    }
    for topic in topics {
        // CloudWatch alarms cannot publish to topics under the AWS managed `aws/sns` key; the
        // plan's alerts key lets them.
        let key = key.as_ref().unwrap_or_else(|| {
            bug(format_args!(
                "topic `{}` has no alerts key to be encrypted with",
                topic.rid.logical
            ))
        });
        lower_topic(unit, topic, &key.rid);
    }
    for alarm in alarms {
        lower_alarm(unit, alarm);
    }
    for composite in composites {
        lower_composite(unit, composite);
    }
}

/// Adds one composite alarm, after the alarms its rule names (CloudWatch refuses a rule that
/// names an alarm that does not exist yet).
fn lower_composite(unit: &mut UnitTemplate<'_>, composite: &CompositeAlarmPlan) {
    let CompositeAlarmPlan {
        rid,
        name,
        description,
        rule,
        parts,
        topics,
    } = composite;
    let actions: Vec<Value<String>> = topics.iter().map(reference).collect();
    let properties = CompositeAlarm {
        alarm_name: Some(Value::from(name.as_str())),
        alarm_description: Some(Value::from(description.as_str())),
        alarm_actions: actions.clone(),
        ok_actions: actions,
        tags: unit.values.tags(None),
        ..CompositeAlarm::new(Value::from(rule.as_str()))
    };
    let resource = parts
        .iter()
        .fold(Resource::new(properties), |resource, part| {
            resource.depends_on(part.logical.as_str())
        });
    unit.add(rid, resource);
}

fn lower_topic(unit: &mut UnitTemplate<'_>, topic: &TopicPlan, key: &meridian_plan::Rid) {
    let TopicPlan {
        target: _,
        rid,
        policy_rid,
        policy_statements,
        name,
        subscriptions,
    } = topic;
    let properties = Topic {
        topic_name: Some(Value::from(name.as_str())),
        kms_master_key_id: Some(reference(key)),
        tags: unit.values.tags(None),
        ..Topic::default()
    };
    unit.add(rid, Resource::new(properties));
    unit.add(
        policy_rid,
        Resource::new(TopicPolicy {
            topics: vec![reference(rid)],
            policy_document: document(&unit.values, policy_statements),
        }),
    );
    for subscription in subscriptions {
        let SubscriptionPlan {
            rid: subscription_rid,
            protocol,
            endpoint,
        } = subscription;
        let endpoint = unit.values.text(endpoint);
        unit.add(
            subscription_rid,
            Resource::new(Subscription {
                endpoint: Some(endpoint),
                ..Subscription::new(reference(rid), Value::from(protocol.as_str()))
            }),
        );
    }
}

/// Adds one alarm.
pub(crate) fn lower_alarm(unit: &mut UnitTemplate<'_>, alarm: &AlarmPlan) {
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
    let period = i64::from(*period_seconds);
    let actions: Vec<Value<String>> = topics.iter().map(reference).collect();
    let mut properties = Alarm {
        alarm_name: Some(Value::from(name.as_str())),
        alarm_description: Some(Value::from(description.as_str())),
        comparison_operator: Some(match comparison {
            Comparison::GreaterThan => ComparisonOperator::GreaterThanThreshold,
            Comparison::GreaterThanOrEqual => ComparisonOperator::GreaterThanOrEqualToThreshold,
            Comparison::LessThan => ComparisonOperator::LessThanThreshold,
            Comparison::LessThanOrEqual => ComparisonOperator::LessThanOrEqualToThreshold,
        }),
        threshold: Some((*threshold).into()),
        evaluation_periods: Some(i64::from(*evaluation_periods).into()),
        treat_missing_data: Some(match missing_data {
            MissingData::NotBreaching => TreatMissingData::NotBreaching,
            MissingData::Breaching => TreatMissingData::Breaching,
        }),
        alarm_actions: actions.clone(),
        ok_actions: actions,
        tags: unit.values.tags(None),
        ..Alarm::default()
    };
    match metric {
        AlarmMetric::Single(stat) => {
            let MetricStat {
                namespace,
                metric,
                dimensions,
                stat,
            } = stat;
            properties.namespace = Some(Value::from(namespace.as_str()));
            properties.metric_name = Some(Value::from(metric.as_str()));
            properties.dimensions = lower_dimensions(unit, dimensions);
            properties.period = Some(period.into());
            match statistic(*stat) {
                Some(statistic) => properties.statistic = Some(statistic),
                None => properties.extended_statistic = Some(Value::from(stat.to_string())),
            }
        }
        AlarmMetric::Math {
            result_id,
            expression,
            label,
            inputs,
        } => {
            if inputs.iter().any(|(id, _)| id == result_id) {
                bug(format_args!(
                    "a metric-math input of `{}` is named `{result_id}`, like its result",
                    rid.logical
                ));
            }
            // Only the expression's query returns the alarm's value; the inputs feed it.
            let mut queries = vec![MetricDataQuery {
                label: Some(Value::from(label.as_str())),
                return_data: Some(true.into()),
                expression: Some(Value::from(expression.as_str())),
                ..MetricDataQuery::new(result_id.as_str())
            }];
            for (id, input) in inputs {
                let MetricStat {
                    namespace,
                    metric,
                    dimensions,
                    stat,
                } = input;
                queries.push(MetricDataQuery {
                    return_data: Some(false.into()),
                    metric_stat: Some(cloudwatch::MetricStat::new(
                        Value::from(stat.to_string()),
                        period,
                        Metric {
                            namespace: Some(Value::from(namespace.as_str())),
                            metric_name: Some(Value::from(metric.as_str())),
                            dimensions: lower_dimensions(unit, dimensions),
                        },
                    )),
                    ..MetricDataQuery::new(id.as_str())
                });
            }
            properties.metrics = queries;
        }
    }
    unit.add(rid, Resource::new(properties));
}

fn lower_dimensions(
    unit: &UnitTemplate<'_>,
    dimensions: &[(String, meridian_plan::Text)],
) -> Vec<Dimension> {
    dimensions
        .iter()
        .map(|(name, value)| Dimension::new(unit.values.text(value), name.as_str()))
        .collect()
}

/// The standard statistic `stat`; percentiles are `None` (CloudFormation's `ExtendedStatistic`).
fn statistic(stat: meridian_plan::Statistic) -> Option<Statistic> {
    use meridian_plan::Statistic as Plan;
    match stat {
        Plan::Average => Some(Statistic::Average),
        Plan::Maximum => Some(Statistic::Maximum),
        Plan::Minimum => Some(Statistic::Minimum),
        Plan::SampleCount => Some(Statistic::SampleCount),
        Plan::Sum => Some(Statistic::Sum),
        Plan::Percentile(_) => None,
    }
}
