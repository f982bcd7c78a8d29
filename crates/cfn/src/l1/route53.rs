//! Amazon Route 53 resource types (health checks, record sets with latency, weighted and failover
//! routing). It must not choose routing policies, TTLs or zones: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::Route53::HealthCheck`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthCheck {
    pub health_check_config: HealthCheckConfig,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub health_check_tags: Vec<Tag>,
}

impl ResourceProperties for HealthCheck {
    const TYPE: &'static str = "AWS::Route53::HealthCheck";
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthCheckConfig {
    #[serde(rename = "Type")]
    pub health_check_type: HealthCheckType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fully_qualified_domain_name: Option<Value<String>>,
    #[serde(rename = "IPAddress", skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_path: Option<Value<String>>,
    /// For the `*_STR_MATCH` types.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_string: Option<Value<String>>,
    /// 10 or 30 seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_interval: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<Value<i64>>,
    #[serde(rename = "EnableSNI", skip_serializing_if = "Option::is_none")]
    pub enable_sni: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure_latency: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inverted: Option<Value<bool>>,
    /// Checker regions (at least three); absent means all of them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Value<String>>,
    /// For `CALCULATED` checks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub child_health_checks: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_threshold: Option<Value<i64>>,
    /// For `CLOUDWATCH_METRIC` checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_identifier: Option<AlarmIdentifier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub insufficient_data_health_status: Option<InsufficientDataHealthStatus>,
}

impl HealthCheckConfig {
    pub fn new(health_check_type: HealthCheckType) -> Self {
        HealthCheckConfig {
            health_check_type,
            fully_qualified_domain_name: None,
            ip_address: None,
            port: None,
            resource_path: None,
            search_string: None,
            request_interval: None,
            failure_threshold: None,
            enable_sni: None,
            measure_latency: None,
            inverted: None,
            regions: Vec::new(),
            child_health_checks: Vec::new(),
            health_threshold: None,
            alarm_identifier: None,
            insufficient_data_health_status: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HealthCheckType {
    Http,
    Https,
    HttpStrMatch,
    HttpsStrMatch,
    Tcp,
    Calculated,
    CloudwatchMetric,
    RecoveryControl,
}

/// A CloudWatch alarm a `CLOUDWATCH_METRIC` health check follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AlarmIdentifier {
    pub name: Value<String>,
    pub region: Value<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum InsufficientDataHealthStatus {
    Healthy,
    Unhealthy,
    LastKnownStatus,
}

/// `AWS::Route53::RecordSet`. Set `hosted_zone_id` or `hosted_zone_name`; set either `ttl` with
/// `resource_records` or `alias_target`. Latency records add `set_identifier` and `region`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordSet {
    pub name: Value<String>,
    #[serde(rename = "Type")]
    pub record_type: RecordType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_zone_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_zone_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Value<String>>,
    /// Seconds, as a string.
    #[serde(rename = "TTL", skip_serializing_if = "Option::is_none")]
    pub ttl: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_records: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias_target: Option<AliasTarget>,
    /// Distinguishes records of the same name and type under a routing policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub set_identifier: Option<Value<String>>,
    /// Latency routing: the region this record answers for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    /// Weighted routing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Value<i64>>,
    /// Failover routing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failover: Option<Failover>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multi_value_answer: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_id: Option<Value<String>>,
}

impl RecordSet {
    pub fn new(name: impl Into<Value<String>>, record_type: RecordType) -> Self {
        RecordSet {
            name: name.into(),
            record_type,
            hosted_zone_id: None,
            hosted_zone_name: None,
            comment: None,
            ttl: None,
            resource_records: Vec::new(),
            alias_target: None,
            set_identifier: None,
            region: None,
            weight: None,
            failover: None,
            multi_value_answer: None,
            health_check_id: None,
        }
    }
}

impl ResourceProperties for RecordSet {
    const TYPE: &'static str = "AWS::Route53::RecordSet";
}

/// Record types a record set can have. The registry schema types `Type` as a plain string; these are
/// the values the Route 53 API accepts, less `SOA`, which belongs to the hosted zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RecordType {
    A,
    Aaaa,
    Caa,
    Cname,
    Ds,
    Https,
    Mx,
    Naptr,
    Ns,
    Ptr,
    Spf,
    Srv,
    Sshfp,
    Svcb,
    Tlsa,
    Txt,
}

/// An alias to an AWS resource (load balancer, CloudFront distribution, another record...).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AliasTarget {
    #[serde(rename = "DNSName")]
    pub dns_name: Value<String>,
    /// The target's own hosted zone (for a load balancer, its `CanonicalHostedZoneID`).
    pub hosted_zone_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluate_target_health: Option<Value<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Failover {
    Primary,
    Secondary,
}

/// `AWS::Route53::RecordSetGroup`: several records of one hosted zone created and changed together,
/// such as the `A` and `AAAA` aliases of one name. Members have the shape of [`RecordSet`] without
/// `comment` (the group carries the comment); a member's own `hosted_zone_id` stays unset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RecordSetGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_zone_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hosted_zone_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Value<String>>,
    pub record_sets: Vec<RecordSet>,
}

impl ResourceProperties for RecordSetGroup {
    const TYPE: &'static str = "AWS::Route53::RecordSetGroup";
}
