//! Terraform JSON types for Elastic Load Balancing v2 (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_lb`, `aws_lb_listener`, `aws_lb_listener_rule` and `aws_lb_target_group`.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_lb` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Lb {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_logs: Option<LbAccessLogs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_keep_alive: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_logs: Option<LbConnectionLogs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desync_mitigation_mode: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drop_invalid_header_fields: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_cross_zone_load_balancing: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_deletion_protection: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_http2: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_waf_fail_open: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_zonal_shift: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_timeout: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internal: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancer_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preserve_host_header: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_mapping: Vec<LbSubnetMapping>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xff_header_processing_mode: Option<Value<String>>,
}

/// The `access_logs` block (at most one) of `aws_lb`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbAccessLogs {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
}

impl LbAccessLogs {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>) -> Self {
        Self {
            bucket: bucket.into(),
            enabled: None,
            prefix: None,
        }
    }
}

/// The `connection_logs` block (at most one) of `aws_lb`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbConnectionLogs {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
}

impl LbConnectionLogs {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(bucket: impl Into<Value<String>>) -> Self {
        Self {
            bucket: bucket.into(),
            enabled: None,
            prefix: None,
        }
    }
}

/// The `subnet_mapping` block (repeated) of `aws_lb`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbSubnetMapping {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6_address: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_ipv4_address: Option<Value<String>>,
    pub subnet_id: Value<String>,
}

impl LbSubnetMapping {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(subnet_id: impl Into<Value<String>>) -> Self {
        Self {
            allocation_id: None,
            ipv6_address: None,
            private_ipv4_address: None,
            subnet_id: subnet_id.into(),
        }
    }
}

resource_type!(
    Lb,
    "aws_lb",
    [id, arn, arn_suffix, dns_name, zone_id, vpc_id, name]
);

/// The `aws_lb_listener` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListener {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpn_policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_arn: Option<Value<String>>,
    pub default_action: Vec<LbListenerAction>,
    pub load_balancer_arn: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_http_response_server_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_http_response_strict_transport_security_header_value: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_http_response_x_content_type_options_header_value: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_http_response_x_frame_options_header_value: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tcp_idle_timeout_seconds: Option<Value<Number>>,
}

impl LbListener {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        default_action: Vec<LbListenerAction>,
        load_balancer_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            alpn_policy: None,
            certificate_arn: None,
            default_action,
            load_balancer_arn: load_balancer_arn.into(),
            port: None,
            protocol: None,
            region: None,
            routing_http_response_server_enabled: None,
            routing_http_response_strict_transport_security_header_value: None,
            routing_http_response_x_content_type_options_header_value: None,
            routing_http_response_x_frame_options_header_value: None,
            ssl_policy: None,
            tags: None,
            tcp_idle_timeout_seconds: None,
        }
    }
}

/// The `default_action` block (repeated) of `aws_lb_listener`.
///
/// One action of a listener (`default_action`) or listener rule (`action`): the two blocks have the
/// same schema. `type` is `forward`, `redirect` or `fixed_response`; set the matching nested block.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_response: Option<LbListenerActionFixedResponse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forward: Option<LbListenerActionForward>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<LbListenerActionRedirect>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group_arn: Option<Value<String>>,
    pub r#type: Value<String>,
}

impl LbListenerAction {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(r#type: impl Into<Value<String>>) -> Self {
        Self {
            fixed_response: None,
            forward: None,
            order: None,
            redirect: None,
            target_group_arn: None,
            r#type: r#type.into(),
        }
    }
}

/// The `default_action.fixed_response` block (at most one) of `aws_lb_listener`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerActionFixedResponse {
    pub content_type: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_body: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<Value<String>>,
}

impl LbListenerActionFixedResponse {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(content_type: impl Into<Value<String>>) -> Self {
        Self {
            content_type: content_type.into(),
            message_body: None,
            status_code: None,
        }
    }
}

/// The `default_action.forward` block (at most one) of `aws_lb_listener`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerActionForward {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stickiness: Option<LbListenerActionForwardStickiness>,
    pub target_group: Vec<LbListenerActionForwardTargetGroup>,
}

impl LbListenerActionForward {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(target_group: Vec<LbListenerActionForwardTargetGroup>) -> Self {
        Self {
            stickiness: None,
            target_group,
        }
    }
}

/// The `default_action.forward.stickiness` block (at most one) of `aws_lb_listener`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerActionForwardStickiness {
    pub duration: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
}

impl LbListenerActionForwardStickiness {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(duration: impl Into<Value<Number>>) -> Self {
        Self {
            duration: duration.into(),
            enabled: None,
        }
    }
}

/// The `default_action.forward.target_group` block (repeated) of `aws_lb_listener`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerActionForwardTargetGroup {
    pub arn: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Value<Number>>,
}

impl LbListenerActionForwardTargetGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(arn: impl Into<Value<String>>) -> Self {
        Self {
            arn: arn.into(),
            weight: None,
        }
    }
}

/// The `default_action.redirect` block (at most one) of `aws_lb_listener`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerActionRedirect {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<Value<String>>,
    pub status_code: Value<String>,
}

impl LbListenerActionRedirect {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status_code: impl Into<Value<String>>) -> Self {
        Self {
            host: None,
            path: None,
            port: None,
            protocol: None,
            query: None,
            status_code: status_code.into(),
        }
    }
}

resource_type!(LbListener, "aws_lb_listener", [id, arn]);

/// The `aws_lb_listener_rule` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerRule {
    pub action: Vec<LbListenerAction>,
    pub condition: Vec<LbListenerRuleCondition>,
    pub listener_arn: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl LbListenerRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        action: Vec<LbListenerAction>,
        condition: Vec<LbListenerRuleCondition>,
        listener_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            action,
            condition,
            listener_arn: listener_arn.into(),
            priority: None,
            region: None,
            tags: None,
        }
    }
}

/// The `condition` block (repeated) of `aws_lb_listener_rule`.
///
/// One condition of a listener rule; set exactly one of the nested blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct LbListenerRuleCondition {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_header: Option<LbListenerRuleConditionValues>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_header: Option<LbListenerRuleConditionHttpHeader>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_request_method: Option<LbListenerRuleConditionHttpRequestMethod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_pattern: Option<LbListenerRuleConditionValues>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub query_string: Vec<LbListenerRuleConditionQueryString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<LbListenerRuleConditionSourceIp>,
}

/// The `condition.host_header` block (at most one) of `aws_lb_listener_rule`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct LbListenerRuleConditionValues {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regex_values: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Value<List<String>>>,
}

/// The `condition.http_header` block (at most one) of `aws_lb_listener_rule`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerRuleConditionHttpHeader {
    pub http_header_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regex_values: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Value<List<String>>>,
}

impl LbListenerRuleConditionHttpHeader {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(http_header_name: impl Into<Value<String>>) -> Self {
        Self {
            http_header_name: http_header_name.into(),
            regex_values: None,
            values: None,
        }
    }
}

/// The `condition.http_request_method` block (at most one) of `aws_lb_listener_rule`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerRuleConditionHttpRequestMethod {
    pub values: Value<List<String>>,
}

impl LbListenerRuleConditionHttpRequestMethod {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(values: impl Into<Value<List<String>>>) -> Self {
        Self {
            values: values.into(),
        }
    }
}

/// The `condition.query_string` block (repeated) of `aws_lb_listener_rule`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerRuleConditionQueryString {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Value<String>>,
    pub value: Value<String>,
}

impl LbListenerRuleConditionQueryString {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(value: impl Into<Value<String>>) -> Self {
        Self {
            key: None,
            value: value.into(),
        }
    }
}

/// The `condition.source_ip` block (at most one) of `aws_lb_listener_rule`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbListenerRuleConditionSourceIp {
    pub values: Value<List<String>>,
}

impl LbListenerRuleConditionSourceIp {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(values: impl Into<Value<List<String>>>) -> Self {
        Self {
            values: values.into(),
        }
    }
}

resource_type!(LbListenerRule, "aws_lb_listener_rule", [id, arn]);

/// The `aws_lb_target_group` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct LbTargetGroup {
    /// Seconds, as a string in the provider schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deregistration_delay: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<LbTargetGroupHealthCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancing_algorithm_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancing_anomaly_mitigation: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_balancing_cross_zone_enabled: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slow_start: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stickiness: Option<LbTargetGroupStickiness>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<Value<String>>,
}

/// The `health_check` block (at most one) of `aws_lb_target_group`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct LbTargetGroupHealthCheck {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub healthy_threshold: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matcher: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold: Option<Value<Number>>,
}

/// The `stickiness` block (at most one) of `aws_lb_target_group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LbTargetGroupStickiness {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cookie_duration: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cookie_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<Value<bool>>,
    pub r#type: Value<String>,
}

impl LbTargetGroupStickiness {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(r#type: impl Into<Value<String>>) -> Self {
        Self {
            cookie_duration: None,
            cookie_name: None,
            enabled: None,
            r#type: r#type.into(),
        }
    }
}

resource_type!(
    LbTargetGroup,
    "aws_lb_target_group",
    [id, arn, arn_suffix, name]
);
