//! AWS WAFv2 resource types (web ACLs with managed and rate-based rules, associations).
//! It must not choose rule groups, limits or actions: it only types and serializes them.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::WAFv2::WebACL`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WebAcl {
    pub scope: Scope,
    pub default_action: DefaultAction,
    pub visibility_config: VisibilityConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for WebAcl {
    const TYPE: &'static str = "AWS::WAFv2::WebACL";
}

/// `CLOUDFRONT` web ACLs must be created in us-east-1; `REGIONAL` ones protect load balancers and
/// APIs of their own region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Scope {
    Cloudfront,
    Regional,
}

/// What happens to requests no rule matched: `{"Allow": {}}` or `{"Block": {}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DefaultAction {
    Allow {},
    Block {},
}

/// What a rule with its own statement does on a match, such as `{"Block": {}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RuleAction {
    Allow {},
    Block {},
    Count {},
    Captcha {},
    Challenge {},
}

/// For rules that reference a rule group: keep the group's actions (`{"None": {}}`) or only count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OverrideAction {
    #[serde(rename = "None")]
    KeepRuleGroupActions {},
    Count {},
}

/// Metrics and sampled requests of a web ACL or rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VisibilityConfig {
    pub sampled_requests_enabled: Value<bool>,
    pub cloud_watch_metrics_enabled: Value<bool>,
    pub metric_name: Value<String>,
}

/// A rule. Rule-group statements take `override_action`; other statements take `action`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Rule {
    pub name: Value<String>,
    pub priority: Value<i64>,
    pub statement: Statement,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<RuleAction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_action: Option<OverrideAction>,
    pub visibility_config: VisibilityConfig,
}

/// A rule statement; set exactly one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Statement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_rule_group_statement: Option<ManagedRuleGroupStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_based_statement: Option<RateBasedStatement>,
}

/// A rule group maintained by AWS or a marketplace vendor, such as
/// `AWS` / `AWSManagedRulesCommonRuleSet`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ManagedRuleGroupStatement {
    pub vendor_name: Value<String>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Value<String>>,
    /// Rules of the group whose action becomes count.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub excluded_rules: Vec<ExcludedRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExcludedRule {
    pub name: Value<String>,
}

/// Limits the request rate per aggregation key (such as the client IP) over an evaluation window.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RateBasedStatement {
    pub limit: Value<i64>,
    pub aggregate_key_type: AggregateKeyType,
    /// 60, 120, 300 or 600 seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evaluation_window_sec: Option<Value<i64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AggregateKeyType {
    Ip,
    ForwardedIp,
    Constant,
    CustomKeys,
}

/// `AWS::WAFv2::WebACLAssociation`: protects a regional resource (such as a load balancer).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct WebAclAssociation {
    pub resource_arn: Value<String>,
    #[serde(rename = "WebACLArn")]
    pub web_acl_arn: Value<String>,
}

impl ResourceProperties for WebAclAssociation {
    const TYPE: &'static str = "AWS::WAFv2::WebACLAssociation";
}
