//! The WAFv2 rule statements of `aws_wafv2_web_acl`, hand-written: the provider schema Meridian vendors
//! leaves `rule.statement` untyped (`dynamic`), so these follow the provider's own Go schema
//! (`internal/service/wafv2/schemas.go`), where every statement is a nested block of at most one.

use serde::Serialize;

use crate::l1::{List, Number, Value, Wafv2RuleAction};

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
