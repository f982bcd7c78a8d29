//! Amazon CloudFront resource types (distributions with S3 origins behind origin access control).
//! It must not choose cache policies, price classes or certificates: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::CloudFront::Distribution`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Distribution {
    pub distribution_config: DistributionConfig,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Distribution {
    const TYPE: &'static str = "AWS::CloudFront::Distribution";
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DistributionConfig {
    pub enabled: Value<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<Value<String>>,
    /// Alternate domain names; each needs a matching certificate in `viewer_certificate`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<Origin>,
    pub default_cache_behavior: DefaultCacheBehavior,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cache_behaviors: Vec<CacheBehavior>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_root_object: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_version: Option<HttpVersion>,
    #[serde(rename = "IPV6Enabled", skip_serializing_if = "Option::is_none")]
    pub ipv6_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_class: Option<PriceClass>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub viewer_certificate: Option<ViewerCertificate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logging: Option<Logging>,
    /// The ARN of a WAFv2 web ACL of scope `CLOUDFRONT` (which lives in us-east-1).
    #[serde(rename = "WebACLId", skip_serializing_if = "Option::is_none")]
    pub web_acl_id: Option<Value<String>>,
}

impl DistributionConfig {
    pub fn new(
        enabled: impl Into<Value<bool>>,
        default_cache_behavior: DefaultCacheBehavior,
    ) -> Self {
        DistributionConfig {
            enabled: enabled.into(),
            comment: None,
            aliases: Vec::new(),
            origins: Vec::new(),
            default_cache_behavior,
            cache_behaviors: Vec::new(),
            default_root_object: None,
            http_version: None,
            ipv6_enabled: None,
            price_class: None,
            viewer_certificate: None,
            logging: None,
            web_acl_id: None,
        }
    }
}

/// An origin. For an S3 bucket behind origin access control, set `origin_access_control_id` and an
/// empty `s3_origin_config`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Origin {
    pub id: Value<String>,
    pub domain_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_path: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_access_control_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_origin_config: Option<S3OriginConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_origin_config: Option<CustomOriginConfig>,
}

/// S3 origin settings; with origin access control `origin_access_identity` stays unset.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct S3OriginConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_access_identity: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_read_timeout: Option<Value<i64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CustomOriginConfig {
    /// `http-only`, `https-only` or `match-viewer`.
    pub origin_protocol_policy: Value<String>,
    #[serde(rename = "HTTPPort", skip_serializing_if = "Option::is_none")]
    pub http_port: Option<Value<i64>>,
    #[serde(rename = "HTTPSPort", skip_serializing_if = "Option::is_none")]
    pub https_port: Option<Value<i64>>,
    #[serde(rename = "OriginSSLProtocols", skip_serializing_if = "Vec::is_empty")]
    pub origin_ssl_protocols: Vec<Value<String>>,
}

/// The behavior for requests that match no `cache_behaviors` path pattern.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DefaultCacheBehavior {
    pub target_origin_id: Value<String>,
    pub viewer_protocol_policy: ViewerProtocolPolicy,
    /// The id of a managed or custom cache policy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_request_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_headers_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_methods: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cached_methods: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compress: Option<Value<bool>>,
}

impl DefaultCacheBehavior {
    pub fn new(
        target_origin_id: impl Into<Value<String>>,
        viewer_protocol_policy: ViewerProtocolPolicy,
    ) -> Self {
        DefaultCacheBehavior {
            target_origin_id: target_origin_id.into(),
            viewer_protocol_policy,
            cache_policy_id: None,
            origin_request_policy_id: None,
            response_headers_policy_id: None,
            allowed_methods: Vec::new(),
            cached_methods: Vec::new(),
            compress: None,
        }
    }
}

/// A behavior for requests whose path matches `path_pattern`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CacheBehavior {
    pub path_pattern: Value<String>,
    pub target_origin_id: Value<String>,
    pub viewer_protocol_policy: ViewerProtocolPolicy,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cache_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_request_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_headers_policy_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_methods: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cached_methods: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compress: Option<Value<bool>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ViewerProtocolPolicy {
    AllowAll,
    HttpsOnly,
    RedirectToHttps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum HttpVersion {
    #[serde(rename = "http1.1")]
    Http1_1,
    #[serde(rename = "http2")]
    Http2,
    #[serde(rename = "http2and3")]
    Http2And3,
    #[serde(rename = "http3")]
    Http3,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PriceClass {
    #[serde(rename = "PriceClass_100")]
    PriceClass100,
    #[serde(rename = "PriceClass_200")]
    PriceClass200,
    #[serde(rename = "PriceClass_All")]
    PriceClassAll,
}

/// The viewer-facing certificate: an ACM certificate in us-east-1, or CloudFront's default.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ViewerCertificate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acm_certificate_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_front_default_certificate: Option<Value<bool>>,
    /// Such as `TLSv1.2_2021`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_protocol_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssl_support_method: Option<SslSupportMethod>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SslSupportMethod {
    SniOnly,
    Vip,
    StaticIp,
}

/// Standard access logs to an S3 bucket (its `bucket.s3.amazonaws.com` domain name).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Logging {
    pub bucket: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_cookies: Option<Value<bool>>,
}

/// `AWS::CloudFront::OriginAccessControl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct OriginAccessControl {
    pub origin_access_control_config: OriginAccessControlConfig,
}

impl ResourceProperties for OriginAccessControl {
    const TYPE: &'static str = "AWS::CloudFront::OriginAccessControl";
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct OriginAccessControlConfig {
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    pub origin_access_control_origin_type: OriginAccessControlOriginType,
    pub signing_behavior: SigningBehavior,
    pub signing_protocol: SigningProtocol,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OriginAccessControlOriginType {
    S3,
    Mediastore,
    Mediapackagev2,
    Lambda,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SigningBehavior {
    Always,
    Never,
    NoOverride,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SigningProtocol {
    Sigv4,
}
