//! Terraform JSON types for the hashicorp/random provider: they type and serialize arguments and never
//! choose lengths or character sets, which come from the plan.
//!
//! `random_password` (not part of the aws schema; its schema is hand-copied into the test data).

use crate::l1::{Map, Number, Value};
use serde::Serialize;

/// The `random_password` resource (global: the schema has no `region` argument).
///
/// Provider-independent: it has no `region` argument. Its `result` is sensitive and is stored in state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RandomPassword {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keepers: Option<Value<Map<String>>>,
    pub length: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_lower: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_numeric: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_special: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_upper: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numeric: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub override_special: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub special: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upper: Option<Value<bool>>,
}

impl RandomPassword {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(length: impl Into<Value<Number>>) -> Self {
        Self {
            keepers: None,
            length: length.into(),
            lower: None,
            min_lower: None,
            min_numeric: None,
            min_special: None,
            min_upper: None,
            numeric: None,
            override_special: None,
            special: None,
            upper: None,
        }
    }
}

resource_type!(RandomPassword, "random_password", [id, result, bcrypt_hash]);
