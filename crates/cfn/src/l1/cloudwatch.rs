//! Amazon CloudWatch resource types (metric and metric-math alarms, composite alarms, dashboards).
//! It must not choose thresholds, periods or actions: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::CloudWatch::Alarm`. Either the single-metric form (`namespace`, `metric_name`, `dimensions`,
/// `statistic` or `extended_statistic`, `period`) or the metric-math form (`metrics`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Alarm {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Statistic>,
    /// A percentile such as `p99`, instead of `statistic`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extended_statistic: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Value<String>>,
    /// Metric math: queries and expressions, exactly one of which has `return_data` true.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<MetricDataQuery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison_operator: Option<ComparisonOperator>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Value<f64>>,
    /// For anomaly detection bands, the id of the band expression in `metrics`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold_metric_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datapoints_to_alarm: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub treat_missing_data: Option<TreatMissingData>,
    /// `evaluate` or `ignore`, for percentiles over few samples.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluate_low_sample_count_percentile: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alarm_actions: Vec<Value<String>>,
    #[serde(rename = "OKActions", skip_serializing_if = "Vec::is_empty")]
    pub ok_actions: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub insufficient_data_actions: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Alarm {
    const TYPE: &'static str = "AWS::CloudWatch::Alarm";
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Dimension {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl Dimension {
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Dimension {
            name: name.into(),
            value: value.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Statistic {
    Average,
    Maximum,
    Minimum,
    SampleCount,
    Sum,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ComparisonOperator {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
    LessThanLowerOrGreaterThanUpperThreshold,
    LessThanLowerThreshold,
    GreaterThanUpperThreshold,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TreatMissingData {
    Breaching,
    NotBreaching,
    Ignore,
    Missing,
}

/// One query of a metric-math alarm: a metric (`metric_stat`) or an `expression` over other ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricDataQuery {
    /// Starts with a lowercase letter.
    pub id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<MetricStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Value<String>>,
    /// Period of an expression result, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_data: Option<Value<bool>>,
}

impl MetricDataQuery {
    /// A query that fetches a metric.
    pub fn metric(id: impl Into<Value<String>>, metric_stat: MetricStat) -> Self {
        MetricDataQuery {
            id: id.into(),
            expression: None,
            metric_stat: Some(metric_stat),
            label: None,
            period: None,
            return_data: None,
        }
    }

    /// A query that evaluates a metric-math expression over other ids.
    pub fn expression(id: impl Into<Value<String>>, expression: impl Into<Value<String>>) -> Self {
        MetricDataQuery {
            id: id.into(),
            expression: Some(expression.into()),
            metric_stat: None,
            label: None,
            period: None,
            return_data: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MetricStat {
    pub metric: Metric,
    pub period: Value<i64>,
    /// A statistic or percentile, such as `Sum` or `p99`.
    pub stat: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Value<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Metric {
    pub namespace: Value<String>,
    pub metric_name: Value<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
}

/// `AWS::CloudWatch::CompositeAlarm`: an alarm over a boolean rule of other alarms' states.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CompositeAlarm {
    /// Such as `ALARM("a") OR ALARM("b")`, naming alarms by name or ARN.
    pub alarm_rule: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alarm_actions: Vec<Value<String>>,
    #[serde(rename = "OKActions", skip_serializing_if = "Vec::is_empty")]
    pub ok_actions: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub insufficient_data_actions: Vec<Value<String>>,
    /// An alarm whose ALARM state suppresses this alarm's actions (such as a maintenance window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_suppressor: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_suppressor_wait_period: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actions_suppressor_extension_period: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl CompositeAlarm {
    pub fn new(alarm_rule: impl Into<Value<String>>) -> Self {
        CompositeAlarm {
            alarm_rule: alarm_rule.into(),
            alarm_name: None,
            alarm_description: None,
            actions_enabled: None,
            alarm_actions: Vec::new(),
            ok_actions: Vec::new(),
            insufficient_data_actions: Vec::new(),
            actions_suppressor: None,
            actions_suppressor_wait_period: None,
            actions_suppressor_extension_period: None,
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for CompositeAlarm {
    const TYPE: &'static str = "AWS::CloudWatch::CompositeAlarm";
}

/// `AWS::CloudWatch::Dashboard`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Dashboard {
    /// The dashboard body: a JSON document as a string (usually a `Fn::Sub`, to name resources).
    pub dashboard_body: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dashboard_name: Option<Value<String>>,
}

impl ResourceProperties for Dashboard {
    const TYPE: &'static str = "AWS::CloudWatch::Dashboard";
}
