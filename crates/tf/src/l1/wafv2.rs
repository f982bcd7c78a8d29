//! Terraform JSON types for WAFv2 (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_wafv2_web_acl` (managed rule groups, rate limits) and `aws_wafv2_web_acl_association`.

use crate::l1::{EmptyBlock, List, Map, Number, Value};
use serde::Serialize;

/// The `aws_wafv2_web_acl` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2WebAcl {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub custom_response_body: Vec<Wafv2WebAclCustomResponseBody>,
    pub default_action: Wafv2DefaultAction,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<Wafv2WebAclRule>,
    pub scope: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_domains: Option<Value<List<String>>>,
    pub visibility_config: Wafv2VisibilityConfig,
}

impl Wafv2WebAcl {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        default_action: Wafv2DefaultAction,
        scope: impl Into<Value<String>>,
        visibility_config: Wafv2VisibilityConfig,
    ) -> Self {
        Self {
            custom_response_body: Vec::new(),
            default_action,
            description: None,
            name: None,
            name_prefix: None,
            region: None,
            rule: Vec::new(),
            scope: scope.into(),
            tags: None,
            token_domains: None,
            visibility_config,
        }
    }
}

/// The `custom_response_body` block (repeated) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2WebAclCustomResponseBody {
    pub content: Value<String>,
    pub content_type: Value<String>,
    pub key: Value<String>,
}

impl Wafv2WebAclCustomResponseBody {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        content: impl Into<Value<String>>,
        content_type: impl Into<Value<String>>,
        key: impl Into<Value<String>>,
    ) -> Self {
        Self {
            content: content.into(),
            content_type: content_type.into(),
            key: key.into(),
        }
    }
}

/// The `default_action` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2DefaultAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow: Option<Wafv2AllowAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<Wafv2BlockAction>,
}

/// The `default_action.allow` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2AllowAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_request_handling: Option<Wafv2CustomRequestHandling>,
}

/// The `default_action.allow.custom_request_handling` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2CustomRequestHandling {
    pub insert_header: Vec<Wafv2Header>,
}

impl Wafv2CustomRequestHandling {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(insert_header: Vec<Wafv2Header>) -> Self {
        Self { insert_header }
    }
}

/// The `default_action.allow.custom_request_handling.insert_header` block (repeated) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2Header {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl Wafv2Header {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// The `default_action.block` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2BlockAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_response: Option<Wafv2CustomResponse>,
}

/// The `default_action.block.custom_response` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2CustomResponse {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_response_body_key: Option<Value<String>>,
    pub response_code: Value<Number>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub response_header: Vec<Wafv2Header>,
}

impl Wafv2CustomResponse {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(response_code: impl Into<Value<Number>>) -> Self {
        Self {
            custom_response_body_key: None,
            response_code: response_code.into(),
            response_header: Vec::new(),
        }
    }
}

/// The `rule` block (repeated) of `aws_wafv2_web_acl`.
///
/// A rule: a managed rule group (with `override_action`) or a rate limit (with `action`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2WebAclRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<Wafv2RuleAction>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_action: Option<Wafv2WebAclRuleOverrideAction>,
    pub priority: Value<Number>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule_label: Vec<Wafv2WebAclRuleRuleLabel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub statement: Option<Wafv2Statement>,
    pub visibility_config: Wafv2VisibilityConfig,
}

impl Wafv2WebAclRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        name: impl Into<Value<String>>,
        priority: impl Into<Value<Number>>,
        visibility_config: Wafv2VisibilityConfig,
    ) -> Self {
        Self {
            action: None,
            name: name.into(),
            override_action: None,
            priority: priority.into(),
            rule_label: Vec::new(),
            statement: None,
            visibility_config,
        }
    }
}

/// The `rule.action` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2RuleAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow: Option<Wafv2AllowAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<Wafv2BlockAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha: Option<Wafv2CaptchaAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Wafv2ChallengeAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<Wafv2CountAction>,
}

/// The `rule.action.captcha` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2CaptchaAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_request_handling: Option<Wafv2CustomRequestHandling>,
}

/// The `rule.action.challenge` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2ChallengeAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_request_handling: Option<Wafv2CustomRequestHandling>,
}

/// The `rule.action.count` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2CountAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_request_handling: Option<Wafv2CustomRequestHandling>,
}

/// The `rule.override_action` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2WebAclRuleOverrideAction {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<EmptyBlock>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub none: Option<EmptyBlock>,
}

/// The `rule.rule_label` block (repeated) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2WebAclRuleRuleLabel {
    pub name: Value<String>,
}

impl Wafv2WebAclRuleRuleLabel {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>) -> Self {
        Self { name: name.into() }
    }
}

/// The `rule.visibility_config` block (at most one) of `aws_wafv2_web_acl`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2VisibilityConfig {
    pub cloudwatch_metrics_enabled: Value<bool>,
    pub metric_name: Value<String>,
    pub sampled_requests_enabled: Value<bool>,
}

impl Wafv2VisibilityConfig {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        cloudwatch_metrics_enabled: impl Into<Value<bool>>,
        metric_name: impl Into<Value<String>>,
        sampled_requests_enabled: impl Into<Value<bool>>,
    ) -> Self {
        Self {
            cloudwatch_metrics_enabled: cloudwatch_metrics_enabled.into(),
            metric_name: metric_name.into(),
            sampled_requests_enabled: sampled_requests_enabled.into(),
        }
    }
}

resource_type!(Wafv2WebAcl, "aws_wafv2_web_acl", [id, arn, capacity, name]);

/// The `aws_wafv2_web_acl_association` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2WebAclAssociation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub resource_arn: Value<String>,
    pub web_acl_arn: Value<String>,
}

impl Wafv2WebAclAssociation {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        resource_arn: impl Into<Value<String>>,
        web_acl_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            region: None,
            resource_arn: resource_arn.into(),
            web_acl_arn: web_acl_arn.into(),
        }
    }
}

resource_type!(
    Wafv2WebAclAssociation,
    "aws_wafv2_web_acl_association",
    [id]
);

// The oracle schema leaves `rule.statement` untyped (`dynamic`: cdktf could not express its recursion), so the
// statement types below follow the provider's own schema (`internal/service/wafv2/schemas.go` in
// hashicorp/terraform-provider-aws), where every statement is a nested block of at most one.

/// The `rule.statement` block of `aws_wafv2_web_acl`: set exactly one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2Statement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_rule_group_statement: Option<Wafv2ManagedRuleGroupStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_based_statement: Option<Wafv2RateBasedStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geo_match_statement: Option<Wafv2GeoMatchStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ip_set_reference_statement: Option<Wafv2IpSetReferenceStatement>,
}

/// A managed rule group such as `AWSManagedRulesCommonRuleSet` from vendor `AWS`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2ManagedRuleGroupStatement {
    pub name: Value<String>,
    pub vendor_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rule_action_override: Vec<Wafv2RuleActionOverride>,
}

impl Wafv2ManagedRuleGroupStatement {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, vendor_name: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            vendor_name: vendor_name.into(),
            version: None,
            rule_action_override: Vec::new(),
        }
    }
}

/// Replaces the action of one rule inside a managed rule group (for example with `count`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2RuleActionOverride {
    pub name: Value<String>,
    pub action_to_use: Wafv2RuleAction,
}

impl Wafv2RuleActionOverride {
    /// Sets the required arguments.
    pub fn new(name: impl Into<Value<String>>, action_to_use: Wafv2RuleAction) -> Self {
        Self {
            name: name.into(),
            action_to_use,
        }
    }
}

/// Counts requests per aggregation key (by default the client IP) over a window and matches above `limit`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2RateBasedStatement {
    pub limit: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregate_key_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_window_sec: Option<Value<Number>>,
}

impl Wafv2RateBasedStatement {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(limit: impl Into<Value<Number>>) -> Self {
        Self {
            limit: limit.into(),
            aggregate_key_type: None,
            evaluation_window_sec: None,
        }
    }
}

/// Matches requests by the two-letter country code of their origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2GeoMatchStatement {
    pub country_codes: Value<List<String>>,
}

/// Matches requests whose source address is in an IP set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2IpSetReferenceStatement {
    pub arn: Value<String>,
}
