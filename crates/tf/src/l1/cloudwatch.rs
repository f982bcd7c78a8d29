//! Terraform JSON types for CloudWatch (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_cloudwatch_metric_alarm` (single-metric and metric-math forms),
//! `aws_cloudwatch_composite_alarm` and `aws_cloudwatch_dashboard`.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_cloudwatch_metric_alarm` resource.
///
/// Either the single-metric form (`metric_name`, `namespace`, `statistic`, `period`, `dimensions`) or the
/// `metric_query` form (metric math), not both.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudwatchMetricAlarm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_description: Option<Value<String>>,
    pub alarm_name: Value<String>,
    pub comparison_operator: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluate_low_sample_count_percentiles: Option<Value<String>>,
    pub evaluation_periods: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_statistic: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insufficient_data_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metric_query: Vec<CloudwatchMetricAlarmMetricQuery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ok_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold_metric_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treat_missing_data: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Value<String>>,
}

impl CloudwatchMetricAlarm {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        alarm_name: impl Into<Value<String>>,
        comparison_operator: impl Into<Value<String>>,
        evaluation_periods: impl Into<Value<Number>>,
    ) -> Self {
        Self {
            actions_enabled: None,
            alarm_actions: None,
            alarm_description: None,
            alarm_name: alarm_name.into(),
            comparison_operator: comparison_operator.into(),
            datapoints_to_alarm: None,
            dimensions: None,
            evaluate_low_sample_count_percentiles: None,
            evaluation_periods: evaluation_periods.into(),
            extended_statistic: None,
            insufficient_data_actions: None,
            metric_name: None,
            metric_query: Vec::new(),
            namespace: None,
            ok_actions: None,
            period: None,
            region: None,
            statistic: None,
            tags: None,
            threshold: None,
            threshold_metric_id: None,
            treat_missing_data: None,
            unit: None,
        }
    }
}

/// The `metric_query` block (repeated) of `aws_cloudwatch_metric_alarm`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudwatchMetricAlarmMetricQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<Value<String>>,
    pub id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<CloudwatchMetricAlarmMetricQueryMetric>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_data: Option<Value<bool>>,
}

impl CloudwatchMetricAlarmMetricQuery {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(id: impl Into<Value<String>>) -> Self {
        Self {
            account_id: None,
            expression: None,
            id: id.into(),
            label: None,
            metric: None,
            period: None,
            return_data: None,
        }
    }
}

/// The `metric_query.metric` block (at most one) of `aws_cloudwatch_metric_alarm`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudwatchMetricAlarmMetricQueryMetric {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dimensions: Option<Value<Map<String>>>,
    pub metric_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Value<String>>,
    pub period: Value<Number>,
    pub stat: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Value<String>>,
}

impl CloudwatchMetricAlarmMetricQueryMetric {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        metric_name: impl Into<Value<String>>,
        period: impl Into<Value<Number>>,
        stat: impl Into<Value<String>>,
    ) -> Self {
        Self {
            dimensions: None,
            metric_name: metric_name.into(),
            namespace: None,
            period: period.into(),
            stat: stat.into(),
            unit: None,
        }
    }
}

resource_type!(
    CloudwatchMetricAlarm,
    "aws_cloudwatch_metric_alarm",
    [id, arn, alarm_name]
);

/// The `aws_cloudwatch_composite_alarm` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudwatchCompositeAlarm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_suppressor: Option<CloudwatchCompositeAlarmActionsSuppressor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_description: Option<Value<String>>,
    pub alarm_name: Value<String>,
    /// A rule expression such as `ALARM("a") OR ALARM("b")`; build it with a
    /// [`Template`](crate::l1::Template) when it names alarms by reference.
    pub alarm_rule: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insufficient_data_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ok_actions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl CloudwatchCompositeAlarm {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(alarm_name: impl Into<Value<String>>, alarm_rule: impl Into<Value<String>>) -> Self {
        Self {
            actions_enabled: None,
            actions_suppressor: None,
            alarm_actions: None,
            alarm_description: None,
            alarm_name: alarm_name.into(),
            alarm_rule: alarm_rule.into(),
            insufficient_data_actions: None,
            ok_actions: None,
            region: None,
            tags: None,
        }
    }
}

/// The `actions_suppressor` block (at most one) of `aws_cloudwatch_composite_alarm`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudwatchCompositeAlarmActionsSuppressor {
    pub alarm: Value<String>,
    pub extension_period: Value<Number>,
    pub wait_period: Value<Number>,
}

impl CloudwatchCompositeAlarmActionsSuppressor {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        alarm: impl Into<Value<String>>,
        extension_period: impl Into<Value<Number>>,
        wait_period: impl Into<Value<Number>>,
    ) -> Self {
        Self {
            alarm: alarm.into(),
            extension_period: extension_period.into(),
            wait_period: wait_period.into(),
        }
    }
}

resource_type!(
    CloudwatchCompositeAlarm,
    "aws_cloudwatch_composite_alarm",
    [id, arn, alarm_name]
);

/// The `aws_cloudwatch_dashboard` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudwatchDashboard {
    /// A JSON document as a string: build it with a [`JsonDocument`](crate::l1::JsonDocument).
    pub dashboard_body: Value<String>,
    pub dashboard_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
}

impl CloudwatchDashboard {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        dashboard_body: impl Into<Value<String>>,
        dashboard_name: impl Into<Value<String>>,
    ) -> Self {
        Self {
            dashboard_body: dashboard_body.into(),
            dashboard_name: dashboard_name.into(),
            region: None,
        }
    }
}

resource_type!(
    CloudwatchDashboard,
    "aws_cloudwatch_dashboard",
    [id, dashboard_arn]
);
