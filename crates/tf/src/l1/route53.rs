//! Terraform JSON types for Route 53 (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_route53_health_check` and `aws_route53_record`. Route 53 is global: neither has a
//! `region` argument.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_route53_health_check` resource (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route53HealthCheck {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_health_threshold: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_healthchecks: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloudwatch_alarm_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloudwatch_alarm_region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_sni: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fqdn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insufficient_data_health_status: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invert_healthcheck: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure_latency: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_interval: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_string: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triggers: Option<Value<Map<String>>>,
    pub r#type: Value<String>,
}

impl Route53HealthCheck {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(r#type: impl Into<Value<String>>) -> Self {
        Self {
            child_health_threshold: None,
            child_healthchecks: None,
            cloudwatch_alarm_name: None,
            cloudwatch_alarm_region: None,
            disabled: None,
            enable_sni: None,
            failure_threshold: None,
            fqdn: None,
            insufficient_data_health_status: None,
            invert_healthcheck: None,
            ip_address: None,
            measure_latency: None,
            port: None,
            reference_name: None,
            regions: None,
            request_interval: None,
            resource_path: None,
            search_string: None,
            tags: None,
            triggers: None,
            r#type: r#type.into(),
        }
    }
}

resource_type!(Route53HealthCheck, "aws_route53_health_check", [id, arn]);

/// The `aws_route53_record` resource (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route53Record {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<Route53RecordAlias>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_overwrite: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover_routing_policy: Option<Route53RecordFailoverRoutingPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geolocation_routing_policy: Option<Route53RecordGeolocationRoutingPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_routing_policy: Option<Route53RecordLatencyRoutingPolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multivalue_answer_routing_policy: Option<Value<bool>>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_identifier: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl: Option<Value<Number>>,
    pub r#type: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_routing_policy: Option<Route53RecordWeightedRoutingPolicy>,
    pub zone_id: Value<String>,
}

impl Route53Record {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        name: impl Into<Value<String>>,
        r#type: impl Into<Value<String>>,
        zone_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            alias: None,
            allow_overwrite: None,
            failover_routing_policy: None,
            geolocation_routing_policy: None,
            health_check_id: None,
            latency_routing_policy: None,
            multivalue_answer_routing_policy: None,
            name: name.into(),
            records: None,
            set_identifier: None,
            ttl: None,
            r#type: r#type.into(),
            weighted_routing_policy: None,
            zone_id: zone_id.into(),
        }
    }
}

/// The `alias` block (at most one) of `aws_route53_record`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route53RecordAlias {
    pub evaluate_target_health: Value<bool>,
    pub name: Value<String>,
    pub zone_id: Value<String>,
}

impl Route53RecordAlias {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        evaluate_target_health: impl Into<Value<bool>>,
        name: impl Into<Value<String>>,
        zone_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            evaluate_target_health: evaluate_target_health.into(),
            name: name.into(),
            zone_id: zone_id.into(),
        }
    }
}

/// The `failover_routing_policy` block (at most one) of `aws_route53_record`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route53RecordFailoverRoutingPolicy {
    pub r#type: Value<String>,
}

impl Route53RecordFailoverRoutingPolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(r#type: impl Into<Value<String>>) -> Self {
        Self {
            r#type: r#type.into(),
        }
    }
}

/// The `geolocation_routing_policy` block (at most one) of `aws_route53_record`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Route53RecordGeolocationRoutingPolicy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continent: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subdivision: Option<Value<String>>,
}

/// The `latency_routing_policy` block (at most one) of `aws_route53_record`.
///
/// `region` here is the AWS Region the record answers for, not a provider argument.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route53RecordLatencyRoutingPolicy {
    pub region: Value<String>,
}

impl Route53RecordLatencyRoutingPolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(region: impl Into<Value<String>>) -> Self {
        Self {
            region: region.into(),
        }
    }
}

/// The `weighted_routing_policy` block (at most one) of `aws_route53_record`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route53RecordWeightedRoutingPolicy {
    pub weight: Value<Number>,
}

impl Route53RecordWeightedRoutingPolicy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(weight: impl Into<Value<Number>>) -> Self {
        Self {
            weight: weight.into(),
        }
    }
}

resource_type!(Route53Record, "aws_route53_record", [id, fqdn, name]);
