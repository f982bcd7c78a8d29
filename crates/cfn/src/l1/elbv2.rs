//! Elastic Load Balancing v2 resource types (load balancers, listeners, rules, target groups).
//! It must not choose ports, protocols, TLS policies or routing: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::ElasticLoadBalancingV2::LoadBalancer`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LoadBalancer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(rename = "Type", skip_serializing_if = "Option::is_none")]
    pub load_balancer_type: Option<LoadBalancerType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<LoadBalancerScheme>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<LoadBalancerIpAddressType>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnet_mappings: Vec<SubnetMapping>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub load_balancer_attributes: Vec<Attribute>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for LoadBalancer {
    const TYPE: &'static str = "AWS::ElasticLoadBalancingV2::LoadBalancer";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LoadBalancerType {
    Application,
    Network,
    Gateway,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoadBalancerScheme {
    InternetFacing,
    Internal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LoadBalancerIpAddressType {
    Ipv4,
    Dualstack,
    DualstackWithoutPublicIpv4,
}

/// A subnet of a load balancer, optionally with a fixed address (network load balancers).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SubnetMapping {
    pub subnet_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<Value<String>>,
    #[serde(rename = "PrivateIPv4Address", skip_serializing_if = "Option::is_none")]
    pub private_ipv4_address: Option<Value<String>>,
}

/// A load balancer or target group attribute, such as `deletion_protection.enabled`; values are
/// always strings on the wire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attribute {
    pub key: String,
    pub value: Value<String>,
}

impl Attribute {
    pub fn new(key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        Attribute {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// Protocols of listeners, target groups and health checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Protocol {
    Http,
    Https,
    Tcp,
    Tls,
    Udp,
    TcpUdp,
    Geneve,
    Quic,
    TcpQuic,
}

/// `AWS::ElasticLoadBalancingV2::Listener`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Listener {
    pub load_balancer_arn: Value<String>,
    pub default_actions: Vec<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
}

impl Listener {
    pub fn new(load_balancer_arn: impl Into<Value<String>>, default_actions: Vec<Action>) -> Self {
        Listener {
            load_balancer_arn: load_balancer_arn.into(),
            default_actions,
            port: None,
            protocol: None,
            ssl_policy: None,
            certificates: Vec::new(),
        }
    }
}

impl ResourceProperties for Listener {
    const TYPE: &'static str = "AWS::ElasticLoadBalancingV2::Listener";
}

/// A server certificate of an HTTPS or TLS listener.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Certificate {
    pub certificate_arn: Value<String>,
}

/// A listener or rule action. Build one with [`Action::forward`], [`Action::weighted_forward`],
/// [`Action::redirect`] or [`Action::fixed_response`], which keep `Type` and its configuration in step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Action {
    #[serde(rename = "Type")]
    pub action_type: ActionType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forward_config: Option<ForwardConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_config: Option<RedirectConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_response_config: Option<FixedResponseConfig>,
}

impl Action {
    /// Forwards every request to one target group.
    pub fn forward(target_group_arn: impl Into<Value<String>>) -> Self {
        Action {
            target_group_arn: Some(target_group_arn.into()),
            ..Action::empty(ActionType::Forward)
        }
    }

    /// Splits requests between target groups by weight (blue/green and canary traffic shifting).
    pub fn weighted_forward(forward_config: ForwardConfig) -> Self {
        Action {
            forward_config: Some(forward_config),
            ..Action::empty(ActionType::Forward)
        }
    }

    /// Answers with a redirect.
    pub fn redirect(redirect_config: RedirectConfig) -> Self {
        Action {
            redirect_config: Some(redirect_config),
            ..Action::empty(ActionType::Redirect)
        }
    }

    /// Answers with a fixed status code and body.
    pub fn fixed_response(fixed_response_config: FixedResponseConfig) -> Self {
        Action {
            fixed_response_config: Some(fixed_response_config),
            ..Action::empty(ActionType::FixedResponse)
        }
    }

    fn empty(action_type: ActionType) -> Self {
        Action {
            action_type,
            order: None,
            target_group_arn: None,
            forward_config: None,
            redirect_config: None,
            fixed_response_config: None,
        }
    }
}

/// The action types this layer can configure (the authenticate and JWT actions are not typed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionType {
    Forward,
    Redirect,
    FixedResponse,
}

/// Weighted target groups of a forward action.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ForwardConfig {
    pub target_groups: Vec<WeightedTargetGroup>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group_stickiness_config: Option<TargetGroupStickinessConfig>,
}

/// One target group of a weighted forward action (the schema calls it `TargetGroupTuple`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WeightedTargetGroup {
    pub target_group_arn: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Value<i64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroupStickinessConfig {
    pub enabled: Value<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<Value<i64>>,
}

/// A redirect; absent parts keep the request's own (`#{protocol}`, `#{host}`... in ELB terms).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RedirectConfig {
    pub status_code: RedirectStatusCode,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<Value<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RedirectStatusCode {
    #[serde(rename = "HTTP_301")]
    Permanent301,
    #[serde(rename = "HTTP_302")]
    Found302,
}

/// A fixed response; `status_code` is a string such as `"404"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FixedResponseConfig {
    pub status_code: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_body: Option<Value<String>>,
}

/// `AWS::ElasticLoadBalancingV2::ListenerRule`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListenerRule {
    pub listener_arn: Value<String>,
    pub priority: Value<i64>,
    pub conditions: Vec<RuleCondition>,
    pub actions: Vec<Action>,
}

impl ResourceProperties for ListenerRule {
    const TYPE: &'static str = "AWS::ElasticLoadBalancingV2::ListenerRule";
}

/// A listener rule condition. Build one with [`RuleCondition::host_header`] or
/// [`RuleCondition::path_pattern`], which keep `Field` and its configuration in step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RuleCondition {
    pub field: RuleConditionField,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_header_config: Option<ValuesConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_pattern_config: Option<ValuesConfig>,
}

impl RuleCondition {
    /// Matches requests whose `Host` header matches one of `host_names` (wildcards allowed).
    pub fn host_header(host_names: Vec<Value<String>>) -> Self {
        RuleCondition {
            field: RuleConditionField::HostHeader,
            host_header_config: Some(ValuesConfig { values: host_names }),
            path_pattern_config: None,
        }
    }

    /// Matches requests whose path matches one of `patterns` (wildcards allowed).
    pub fn path_pattern(patterns: Vec<Value<String>>) -> Self {
        RuleCondition {
            field: RuleConditionField::PathPattern,
            host_header_config: None,
            path_pattern_config: Some(ValuesConfig { values: patterns }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleConditionField {
    HostHeader,
    PathPattern,
}

/// The `Values` of a host-header or path-pattern condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ValuesConfig {
    pub values: Vec<Value<String>>,
}

/// `AWS::ElasticLoadBalancingV2::TargetGroup`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<TargetType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// `HTTP1`, `HTTP2` or `GRPC`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_protocol: Option<Protocol>,
    /// A port number as a string, or `traffic-port`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_port: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_interval_seconds: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_timeout_seconds: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub healthy_threshold_count: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold_count: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matcher: Option<Matcher>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub target_group_attributes: Vec<Attribute>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for TargetGroup {
    const TYPE: &'static str = "AWS::ElasticLoadBalancingV2::TargetGroup";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetType {
    Instance,
    Ip,
    Lambda,
    Alb,
}

/// The response codes a health check counts as healthy, such as `"200"` or `"200-299"`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Matcher {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_code: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grpc_code: Option<Value<String>>,
}
