//! Terraform JSON types for Application Auto Scaling (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_appautoscaling_target`, `aws_appautoscaling_policy` (target tracking)
//! and `aws_appautoscaling_scheduled_action`.

use crate::l1::{Map, Number, Value};
use serde::Serialize;

/// The `aws_appautoscaling_target` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppautoscalingTarget {
    pub max_capacity: Value<Number>,
    pub min_capacity: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub resource_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Value<String>>,
    pub scalable_dimension: Value<String>,
    pub service_namespace: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspended_state: Option<AppautoscalingTargetSuspendedState>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl AppautoscalingTarget {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        max_capacity: impl Into<Value<Number>>,
        min_capacity: impl Into<Value<Number>>,
        resource_id: impl Into<Value<String>>,
        scalable_dimension: impl Into<Value<String>>,
        service_namespace: impl Into<Value<String>>,
    ) -> Self {
        Self {
            max_capacity: max_capacity.into(),
            min_capacity: min_capacity.into(),
            region: None,
            resource_id: resource_id.into(),
            role_arn: None,
            scalable_dimension: scalable_dimension.into(),
            service_namespace: service_namespace.into(),
            suspended_state: None,
            tags: None,
        }
    }
}

/// The `suspended_state` block (at most one) of `aws_appautoscaling_target`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct AppautoscalingTargetSuspendedState {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_scaling_in_suspended: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_scaling_out_suspended: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_scaling_suspended: Option<Value<bool>>,
}

resource_type!(
    AppautoscalingTarget,
    "aws_appautoscaling_target",
    [id, arn, resource_id, scalable_dimension, service_namespace]
);

/// The `aws_appautoscaling_policy` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppautoscalingPolicy {
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub resource_id: Value<String>,
    pub scalable_dimension: Value<String>,
    pub service_namespace: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_tracking_scaling_policy_configuration:
        Option<TargetTrackingScalingPolicyConfiguration>,
}

impl AppautoscalingPolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        name: impl Into<Value<String>>,
        resource_id: impl Into<Value<String>>,
        scalable_dimension: impl Into<Value<String>>,
        service_namespace: impl Into<Value<String>>,
    ) -> Self {
        Self {
            name: name.into(),
            policy_type: None,
            region: None,
            resource_id: resource_id.into(),
            scalable_dimension: scalable_dimension.into(),
            service_namespace: service_namespace.into(),
            target_tracking_scaling_policy_configuration: None,
        }
    }
}

/// The `target_tracking_scaling_policy_configuration` block (at most one) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetTrackingScalingPolicyConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customized_metric_specification: Option<CustomizedMetricSpecification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_scale_in: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predefined_metric_specification: Option<PredefinedMetricSpecification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_in_cooldown: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_out_cooldown: Option<Value<Number>>,
    pub target_value: Value<Number>,
}

impl TargetTrackingScalingPolicyConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(target_value: impl Into<Value<Number>>) -> Self {
        Self {
            customized_metric_specification: None,
            disable_scale_in: None,
            predefined_metric_specification: None,
            scale_in_cooldown: None,
            scale_out_cooldown: None,
            target_value: target_value.into(),
        }
    }
}

/// The `target_tracking_scaling_policy_configuration.customized_metric_specification` block (at most one) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CustomizedMetricSpecification {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<CustomizedMetricDimension>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub metrics: Vec<CustomizedMetricQuery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statistic: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Value<String>>,
}

/// The `target_tracking_scaling_policy_configuration.customized_metric_specification.dimensions` block (repeated) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomizedMetricDimension {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl CustomizedMetricDimension {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The `target_tracking_scaling_policy_configuration.customized_metric_specification.metrics` block (repeated) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomizedMetricQuery {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expression: Option<Value<String>>,
    pub id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric_stat: Option<CustomizedMetricQueryStat>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_data: Option<Value<bool>>,
}

impl CustomizedMetricQuery {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(id: impl Into<Value<String>>) -> Self {
        Self {
            expression: None,
            id: id.into(),
            label: None,
            metric_stat: None,
            return_data: None,
        }
    }
}

/// The `target_tracking_scaling_policy_configuration.customized_metric_specification.metrics.metric_stat` block (at most one) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomizedMetricQueryStat {
    pub metric: CustomizedMetricQueryMetric,
    pub stat: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<Value<String>>,
}

impl CustomizedMetricQueryStat {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(metric: CustomizedMetricQueryMetric, stat: impl Into<Value<String>>) -> Self {
        Self {
            metric,
            stat: stat.into(),
            unit: None,
        }
    }
}

/// The `target_tracking_scaling_policy_configuration.customized_metric_specification.metrics.metric_stat.metric` block (at most one) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomizedMetricQueryMetric {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<CustomizedMetricDimension>,
    pub metric_name: Value<String>,
    pub namespace: Value<String>,
}

impl CustomizedMetricQueryMetric {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(metric_name: impl Into<Value<String>>, namespace: impl Into<Value<String>>) -> Self {
        Self {
            dimensions: Vec::new(),
            metric_name: metric_name.into(),
            namespace: namespace.into(),
        }
    }
}

/// The `target_tracking_scaling_policy_configuration.predefined_metric_specification` block (at most one) of `aws_appautoscaling_policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredefinedMetricSpecification {
    pub predefined_metric_type: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_label: Option<Value<String>>,
}

impl PredefinedMetricSpecification {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(predefined_metric_type: impl Into<Value<String>>) -> Self {
        Self {
            predefined_metric_type: predefined_metric_type.into(),
            resource_label: None,
        }
    }
}

resource_type!(
    AppautoscalingPolicy,
    "aws_appautoscaling_policy",
    [id, arn, name, alarm_arns]
);

/// The `aws_appautoscaling_scheduled_action` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppautoscalingScheduledAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Value<String>>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub resource_id: Value<String>,
    pub scalable_dimension: Value<String>,
    pub scalable_target_action: AppautoscalingScheduledActionScalableTargetAction,
    pub schedule: Value<String>,
    pub service_namespace: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<Value<String>>,
}

impl AppautoscalingScheduledAction {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        name: impl Into<Value<String>>,
        resource_id: impl Into<Value<String>>,
        scalable_dimension: impl Into<Value<String>>,
        scalable_target_action: AppautoscalingScheduledActionScalableTargetAction,
        schedule: impl Into<Value<String>>,
        service_namespace: impl Into<Value<String>>,
    ) -> Self {
        Self {
            end_time: None,
            name: name.into(),
            region: None,
            resource_id: resource_id.into(),
            scalable_dimension: scalable_dimension.into(),
            scalable_target_action,
            schedule: schedule.into(),
            service_namespace: service_namespace.into(),
            start_time: None,
            timezone: None,
        }
    }
}

/// The `scalable_target_action` block (at most one) of `aws_appautoscaling_scheduled_action`.
///
/// The provider types `min_capacity` and `max_capacity` here as strings (they are numbers on
/// `aws_appautoscaling_target`).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct AppautoscalingScheduledActionScalableTargetAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_capacity: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_capacity: Option<Value<String>>,
}

resource_type!(
    AppautoscalingScheduledAction,
    "aws_appautoscaling_scheduled_action",
    [id, arn]
);
