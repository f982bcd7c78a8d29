//! The WAFv2 rule statements of `aws_wafv2_web_acl`, hand-written: the provider schema Meridian vendors
//! leaves `rule.statement` untyped (`dynamic`), so these follow the provider's own Go schema
//! (`internal/service/wafv2/schemas.go`), where every statement is a nested block of at most one.

use serde::Serialize;

use crate::l1::{Number, Value};

/// The `rule.statement` block of `aws_wafv2_web_acl`: set exactly one statement.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Wafv2Statement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_rule_group_statement: Option<Wafv2ManagedRuleGroupStatement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_based_statement: Option<Wafv2RateBasedStatement>,
}

/// A managed rule group such as `AWSManagedRulesCommonRuleSet` from vendor `AWS`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wafv2ManagedRuleGroupStatement {
    pub name: Value<String>,
    pub vendor_name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<Value<String>>,
}

impl Wafv2ManagedRuleGroupStatement {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, vendor_name: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            vendor_name: vendor_name.into(),
            version: None,
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
