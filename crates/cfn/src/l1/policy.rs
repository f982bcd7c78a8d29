//! IAM policy documents (role, key, bucket and topic policies) as typed JSON.
//! It must not choose actions, principals or resources: callers state every statement in full.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::Serializer;

use super::value::Value;

/// An IAM policy document: `{"Version": "2012-10-17", "Statement": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDocument {
    pub version: PolicyVersion,
    pub statement: Vec<Statement>,
}

impl PolicyDocument {
    /// A document in the current policy language version, `2012-10-17` (the only version that supports
    /// policy variables; the older `2008-10-17` exists only for old policies).
    pub fn new(statements: impl IntoIterator<Item = Statement>) -> Self {
        PolicyDocument {
            version: PolicyVersion::V2012_10_17,
            statement: statements.into_iter().collect(),
        }
    }
}

/// The policy language version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PolicyVersion {
    #[serde(rename = "2012-10-17")]
    V2012_10_17,
}

/// One statement of a policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Statement {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    pub effect: Effect,
    /// Present in resource policies and trust policies; absent in identity policies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<Principal>,
    pub action: OneOrMany<String>,
    /// Absent in trust policies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<OneOrMany<Value<String>>>,
    #[serde(skip_serializing_if = "PolicyConditions::is_empty")]
    pub condition: PolicyConditions,
}

impl Statement {
    /// A statement with only the mandatory parts; set the others with struct update syntax.
    pub fn new(effect: Effect, action: impl Into<OneOrMany<String>>) -> Self {
        Statement {
            sid: None,
            effect,
            principal: None,
            action: action.into(),
            resource: None,
            condition: PolicyConditions::default(),
        }
    }
}

/// `Allow` or `Deny`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Effect {
    Allow,
    Deny,
}

/// Whom a resource or trust policy statement applies to.
#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    /// `"*"`: anyone (normally narrowed by a condition).
    Everyone,
    /// `{"AWS": ...}`: accounts, users or roles, by ARN or account id.
    Aws(OneOrMany<Value<String>>),
    /// `{"Service": ...}`: AWS service principals such as `ecs-tasks.amazonaws.com`.
    Service(OneOrMany<Value<String>>),
}

impl Serialize for Principal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (key, principals) = match self {
            Principal::Everyone => return serializer.serialize_str("*"),
            Principal::Aws(principals) => ("AWS", principals),
            Principal::Service(principals) => ("Service", principals),
        };
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(key, principals)?;
        map.end()
    }
}

/// One item serialized bare, or several serialized as an array (IAM accepts both for actions,
/// resources, principals and condition values).
#[derive(Debug, Clone, PartialEq)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(item) => item.serialize(serializer),
            OneOrMany::Many(items) => items.serialize(serializer),
        }
    }
}

impl From<&str> for OneOrMany<String> {
    fn from(item: &str) -> Self {
        OneOrMany::One(item.to_owned())
    }
}

impl From<&str> for OneOrMany<Value<String>> {
    fn from(item: &str) -> Self {
        OneOrMany::One(Value::from(item))
    }
}

impl<T> From<Value<T>> for OneOrMany<Value<T>> {
    fn from(item: Value<T>) -> Self {
        OneOrMany::One(item)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(items: Vec<T>) -> Self {
        OneOrMany::Many(items)
    }
}

impl<const N: usize> From<[&str; N]> for OneOrMany<String> {
    fn from(items: [&str; N]) -> Self {
        OneOrMany::Many(items.iter().map(|item| (*item).to_owned()).collect())
    }
}

/// The `Condition` block of a statement: operator (such as `StringEquals`) to condition key (such as
/// `aws:SourceArn`) to the value or values compared.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct PolicyConditions(pub BTreeMap<String, BTreeMap<String, OneOrMany<Value<String>>>>);

impl PolicyConditions {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds `operator: {key: values}`, merging with other keys of the same operator.
    pub fn with(
        mut self,
        operator: impl Into<String>,
        key: impl Into<String>,
        values: impl Into<OneOrMany<Value<String>>>,
    ) -> Self {
        self.0
            .entry(operator.into())
            .or_default()
            .insert(key.into(), values.into());
        self
    }
}
