//! Application Auto Scaling resource types (scalable targets with scheduled actions, scaling policies).
//! It must not choose capacities, schedules or targets: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Value};

/// `AWS::ApplicationAutoScaling::ScalableTarget`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScalableTarget {
    /// `ecs` for ECS services.
    pub service_namespace: Value<String>,
    /// `ecs:service:DesiredCount` for ECS services.
    pub scalable_dimension: Value<String>,
    /// `service/<cluster name>/<service name>` for ECS services.
    pub resource_id: Value<String>,
    pub min_capacity: Value<i64>,
    pub max_capacity: Value<i64>,
    /// Absent means the service-linked role.
    #[serde(rename = "RoleARN", skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scheduled_actions: Vec<ScheduledAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suspended_state: Option<SuspendedState>,
}

impl ResourceProperties for ScalableTarget {
    const TYPE: &'static str = "AWS::ApplicationAutoScaling::ScalableTarget";
}

/// A capacity change at scheduled times.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScheduledAction {
    pub scheduled_action_name: Value<String>,
    /// `at(...)`, `rate(...)` or `cron(...)`.
    pub schedule: Value<String>,
    /// An IANA time zone such as `Europe/Dublin`; absent means UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scalable_target_action: Option<ScalableTargetAction>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScalableTargetAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_capacity: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_capacity: Option<Value<i64>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SuspendedState {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_scaling_in_suspended: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic_scaling_out_suspended: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_scaling_suspended: Option<Value<bool>>,
}

/// `AWS::ApplicationAutoScaling::ScalingPolicy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ScalingPolicy {
    pub policy_name: Value<String>,
    pub policy_type: ScalingPolicyType,
    /// The scalable target's `Ref`; alternatively set the three fields below.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling_target_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_namespace: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scalable_dimension: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_tracking_scaling_policy_configuration: Option<TargetTrackingConfiguration>,
}

impl ResourceProperties for ScalingPolicy {
    const TYPE: &'static str = "AWS::ApplicationAutoScaling::ScalingPolicy";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ScalingPolicyType {
    TargetTrackingScaling,
    StepScaling,
    PredictiveScaling,
}

/// Keeps a metric near a target value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetTrackingConfiguration {
    pub target_value: Value<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predefined_metric_specification: Option<PredefinedMetricSpecification>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_in_cooldown: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale_out_cooldown: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disable_scale_in: Option<Value<bool>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PredefinedMetricSpecification {
    /// Such as `ECSServiceAverageCPUUtilization` or `ALBRequestCountPerTarget`.
    pub predefined_metric_type: Value<String>,
    /// Required by `ALBRequestCountPerTarget`:
    /// `app/<load balancer>/<id>/targetgroup/<target group>/<id>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_label: Option<Value<String>>,
}
