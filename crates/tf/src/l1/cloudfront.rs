//! Terraform JSON types for CloudFront (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_cloudfront_distribution` and `aws_cloudfront_origin_access_control`. CloudFront is
//! global: neither has a `region` argument (its certificates and web ACLs live in us-east-1).

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_cloudfront_distribution` resource (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistribution {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_error_response: Vec<CloudfrontDistributionCustomErrorResponse>,
    pub default_cache_behavior: CloudfrontDistributionDefaultCacheBehavior,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_root_object: Option<Value<String>>,
    pub enabled: Value<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_ipv6_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logging_config: Option<CloudfrontDistributionLoggingConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ordered_cache_behavior: Vec<CloudfrontDistributionOrderedCacheBehavior>,
    pub origin: Vec<CloudfrontDistributionOrigin>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub origin_group: Vec<CloudfrontDistributionOriginGroup>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_class: Option<Value<String>>,
    pub restrictions: CloudfrontDistributionRestrictions,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retain_on_delete: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    pub viewer_certificate: CloudfrontDistributionViewerCertificate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_for_deployment: Option<Value<bool>>,
    /// ARN of a WAFv2 web ACL with scope `CLOUDFRONT` (created in us-east-1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_acl_id: Option<Value<String>>,
}

impl CloudfrontDistribution {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        default_cache_behavior: CloudfrontDistributionDefaultCacheBehavior,
        enabled: impl Into<Value<bool>>,
        origin: Vec<CloudfrontDistributionOrigin>,
        restrictions: CloudfrontDistributionRestrictions,
        viewer_certificate: CloudfrontDistributionViewerCertificate,
    ) -> Self {
        Self {
            aliases: None,
            comment: None,
            custom_error_response: Vec::new(),
            default_cache_behavior,
            default_root_object: None,
            enabled: enabled.into(),
            http_version: None,
            is_ipv6_enabled: None,
            logging_config: None,
            ordered_cache_behavior: Vec::new(),
            origin,
            origin_group: Vec::new(),
            price_class: None,
            restrictions,
            retain_on_delete: None,
            tags: None,
            viewer_certificate,
            wait_for_deployment: None,
            web_acl_id: None,
        }
    }
}

/// The `custom_error_response` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionCustomErrorResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_caching_min_ttl: Option<Value<Number>>,
    pub error_code: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_code: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_page_path: Option<Value<String>>,
}

impl CloudfrontDistributionCustomErrorResponse {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(error_code: impl Into<Value<Number>>) -> Self {
        Self {
            error_caching_min_ttl: None,
            error_code: error_code.into(),
            response_code: None,
            response_page_path: None,
        }
    }
}

/// The `default_cache_behavior` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionDefaultCacheBehavior {
    pub allowed_methods: Value<List<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_policy_id: Option<Value<String>>,
    pub cached_methods: Value<List<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compress: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_ttl: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub function_association: Vec<CloudfrontFunctionAssociation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lambda_function_association: Vec<CloudfrontLambdaFunctionAssociation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_ttl: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ttl: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_request_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_headers_policy_id: Option<Value<String>>,
    pub target_origin_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_key_groups: Option<Value<List<String>>>,
    pub viewer_protocol_policy: Value<String>,
}

impl CloudfrontDistributionDefaultCacheBehavior {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        allowed_methods: impl Into<Value<List<String>>>,
        cached_methods: impl Into<Value<List<String>>>,
        target_origin_id: impl Into<Value<String>>,
        viewer_protocol_policy: impl Into<Value<String>>,
    ) -> Self {
        Self {
            allowed_methods: allowed_methods.into(),
            cache_policy_id: None,
            cached_methods: cached_methods.into(),
            compress: None,
            default_ttl: None,
            function_association: Vec::new(),
            lambda_function_association: Vec::new(),
            max_ttl: None,
            min_ttl: None,
            origin_request_policy_id: None,
            response_headers_policy_id: None,
            target_origin_id: target_origin_id.into(),
            trusted_key_groups: None,
            viewer_protocol_policy: viewer_protocol_policy.into(),
        }
    }
}

/// The `default_cache_behavior.function_association` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontFunctionAssociation {
    pub event_type: Value<String>,
    pub function_arn: Value<String>,
}

impl CloudfrontFunctionAssociation {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        event_type: impl Into<Value<String>>,
        function_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            event_type: event_type.into(),
            function_arn: function_arn.into(),
        }
    }
}

/// The `default_cache_behavior.lambda_function_association` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontLambdaFunctionAssociation {
    pub event_type: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_body: Option<Value<bool>>,
    pub lambda_arn: Value<String>,
}

impl CloudfrontLambdaFunctionAssociation {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(event_type: impl Into<Value<String>>, lambda_arn: impl Into<Value<String>>) -> Self {
        Self {
            event_type: event_type.into(),
            include_body: None,
            lambda_arn: lambda_arn.into(),
        }
    }
}

/// The `logging_config` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CloudfrontDistributionLoggingConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_cookies: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
}

/// The `ordered_cache_behavior` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOrderedCacheBehavior {
    pub allowed_methods: Value<List<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_policy_id: Option<Value<String>>,
    pub cached_methods: Value<List<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compress: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_ttl: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub function_association: Vec<CloudfrontFunctionAssociation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lambda_function_association: Vec<CloudfrontLambdaFunctionAssociation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_ttl: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ttl: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_request_policy_id: Option<Value<String>>,
    pub path_pattern: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_headers_policy_id: Option<Value<String>>,
    pub target_origin_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trusted_key_groups: Option<Value<List<String>>>,
    pub viewer_protocol_policy: Value<String>,
}

impl CloudfrontDistributionOrderedCacheBehavior {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        allowed_methods: impl Into<Value<List<String>>>,
        cached_methods: impl Into<Value<List<String>>>,
        path_pattern: impl Into<Value<String>>,
        target_origin_id: impl Into<Value<String>>,
        viewer_protocol_policy: impl Into<Value<String>>,
    ) -> Self {
        Self {
            allowed_methods: allowed_methods.into(),
            cache_policy_id: None,
            cached_methods: cached_methods.into(),
            compress: None,
            default_ttl: None,
            function_association: Vec::new(),
            lambda_function_association: Vec::new(),
            max_ttl: None,
            min_ttl: None,
            origin_request_policy_id: None,
            path_pattern: path_pattern.into(),
            response_headers_policy_id: None,
            target_origin_id: target_origin_id.into(),
            trusted_key_groups: None,
            viewer_protocol_policy: viewer_protocol_policy.into(),
        }
    }
}

/// The `origin` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOrigin {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_attempts: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection_timeout: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_header: Vec<CloudfrontDistributionOriginCustomHeader>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_origin_config: Option<CloudfrontDistributionOriginCustomOriginConfig>,
    pub domain_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_access_control_id: Option<Value<String>>,
    pub origin_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_shield: Option<CloudfrontDistributionOriginOriginShield>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_completion_timeout: Option<Value<Number>>,
}

impl CloudfrontDistributionOrigin {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(domain_name: impl Into<Value<String>>, origin_id: impl Into<Value<String>>) -> Self {
        Self {
            connection_attempts: None,
            connection_timeout: None,
            custom_header: Vec::new(),
            custom_origin_config: None,
            domain_name: domain_name.into(),
            origin_access_control_id: None,
            origin_id: origin_id.into(),
            origin_path: None,
            origin_shield: None,
            response_completion_timeout: None,
        }
    }
}

/// The `origin.custom_header` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOriginCustomHeader {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl CloudfrontDistributionOriginCustomHeader {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The `origin.custom_origin_config` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOriginCustomOriginConfig {
    pub http_port: Value<Number>,
    pub https_port: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_address_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_keepalive_timeout: Option<Value<Number>>,
    pub origin_protocol_policy: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_read_timeout: Option<Value<Number>>,
    pub origin_ssl_protocols: Value<List<String>>,
}

impl CloudfrontDistributionOriginCustomOriginConfig {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        http_port: impl Into<Value<Number>>,
        https_port: impl Into<Value<Number>>,
        origin_protocol_policy: impl Into<Value<String>>,
        origin_ssl_protocols: impl Into<Value<List<String>>>,
    ) -> Self {
        Self {
            http_port: http_port.into(),
            https_port: https_port.into(),
            ip_address_type: None,
            origin_keepalive_timeout: None,
            origin_protocol_policy: origin_protocol_policy.into(),
            origin_read_timeout: None,
            origin_ssl_protocols: origin_ssl_protocols.into(),
        }
    }
}

/// The `origin.origin_shield` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOriginOriginShield {
    pub enabled: Value<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_shield_region: Option<Value<String>>,
}

impl CloudfrontDistributionOriginOriginShield {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(enabled: impl Into<Value<bool>>) -> Self {
        Self {
            enabled: enabled.into(),
            origin_shield_region: None,
        }
    }
}

/// The `origin_group` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOriginGroup {
    pub failover_criteria: CloudfrontDistributionOriginGroupFailoverCriteria,
    pub member: Vec<CloudfrontDistributionOriginGroupMember>,
    pub origin_id: Value<String>,
}

impl CloudfrontDistributionOriginGroup {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        failover_criteria: CloudfrontDistributionOriginGroupFailoverCriteria,
        member: Vec<CloudfrontDistributionOriginGroupMember>,
        origin_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            failover_criteria,
            member,
            origin_id: origin_id.into(),
        }
    }
}

/// The `origin_group.failover_criteria` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOriginGroupFailoverCriteria {
    pub status_codes: Value<List<Number>>,
}

impl CloudfrontDistributionOriginGroupFailoverCriteria {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(status_codes: impl Into<Value<List<Number>>>) -> Self {
        Self {
            status_codes: status_codes.into(),
        }
    }
}

/// The `origin_group.member` block (repeated) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionOriginGroupMember {
    pub origin_id: Value<String>,
}

impl CloudfrontDistributionOriginGroupMember {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(origin_id: impl Into<Value<String>>) -> Self {
        Self {
            origin_id: origin_id.into(),
        }
    }
}

/// The `restrictions` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionRestrictions {
    pub geo_restriction: CloudfrontDistributionRestrictionsGeoRestriction,
}

impl CloudfrontDistributionRestrictions {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(geo_restriction: CloudfrontDistributionRestrictionsGeoRestriction) -> Self {
        Self { geo_restriction }
    }
}

/// The `restrictions.geo_restriction` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontDistributionRestrictionsGeoRestriction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locations: Option<Value<List<String>>>,
    pub restriction_type: Value<String>,
}

impl CloudfrontDistributionRestrictionsGeoRestriction {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(restriction_type: impl Into<Value<String>>) -> Self {
        Self {
            locations: None,
            restriction_type: restriction_type.into(),
        }
    }
}

/// The `viewer_certificate` block (at most one) of `aws_cloudfront_distribution`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct CloudfrontDistributionViewerCertificate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acm_certificate_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloudfront_default_certificate: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iam_certificate_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_protocol_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_support_method: Option<Value<String>>,
}

resource_type!(
    CloudfrontDistribution,
    "aws_cloudfront_distribution",
    [id, arn, domain_name, hosted_zone_id, etag]
);

/// The `aws_cloudfront_origin_access_control` resource (global: the schema has no `region` argument).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudfrontOriginAccessControl {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    pub name: Value<String>,
    pub origin_access_control_origin_type: Value<String>,
    pub signing_behavior: Value<String>,
    pub signing_protocol: Value<String>,
}

impl CloudfrontOriginAccessControl {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        name: impl Into<Value<String>>,
        origin_access_control_origin_type: impl Into<Value<String>>,
        signing_behavior: impl Into<Value<String>>,
        signing_protocol: impl Into<Value<String>>,
    ) -> Self {
        Self {
            description: None,
            name: name.into(),
            origin_access_control_origin_type: origin_access_control_origin_type.into(),
            signing_behavior: signing_behavior.into(),
            signing_protocol: signing_protocol.into(),
        }
    }
}

resource_type!(
    CloudfrontOriginAccessControl,
    "aws_cloudfront_origin_access_control",
    [id, arn, etag]
);
