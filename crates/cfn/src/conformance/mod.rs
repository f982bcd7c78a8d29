//! Checks synthesized templates against the CloudFormation registry schemas vendored with this crate.
//! Test support only (feature `conformance`): it reports findings and must never alter or shape output.
//!
//! What it checks, for each resource: that its `Type` has a vendored schema, that every property name
//! exists in the schema (following `$ref`, `allOf`, `anyOf` and `oneOf`; names are judged where the
//! schema closes an object with `additionalProperties: false`, as the vendored schemas do for every
//! object except free-form documents such as policies), that required properties are
//! present, that literals have the schema's JSON type and one of its `enum` values, and that no
//! read-only property is set. An intrinsic function (`{"Ref": ...}`, `{"Fn::...": ...}`) matches any
//! type; the branches of `Fn::If` are checked like literals.
//!
//! What it does not check: string patterns and lengths, numeric ranges, `format`, array sizes, and
//! cfn-lint's own extensions (`requiredXor`, `dependentExcluded`...). `patternProperties` patterns are
//! not evaluated: a name absent from `properties` is accepted when the object has pattern properties,
//! and its value is checked against each of them.

mod schema_check;
mod vendored;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde_json::Value as Json;

pub use vendored::VENDORED_SCHEMA_FILES;

/// The folder, relative to this crate's manifest, that holds the vendored schemas.
pub const VENDORED_SCHEMA_FOLDER: &str = "tests/data/registry-schemas";

/// The vendored file name of a type's schema: `AWS::ECS::Service` is `AWS_ECS_Service.json`.
pub fn schema_file_name(type_name: &str) -> String {
    format!("{}.json", type_name.replace("::", "_"))
}

/// Resource attributes CloudFormation reads besides `Type` and `Properties`.
const RESOURCE_ATTRIBUTES: &[&str] = &[
    "Type",
    "Properties",
    "DependsOn",
    "DeletionPolicy",
    "UpdateReplacePolicy",
    "Condition",
    "Metadata",
    "CreationPolicy",
    "UpdatePolicy",
];

/// Resource provider schemas by CloudFormation type name.
#[derive(Debug, Clone)]
pub struct RegistrySchemas {
    by_type_name: BTreeMap<String, Json>,
}

impl RegistrySchemas {
    /// The schemas vendored with this crate (parsed once per process).
    pub fn vendored() -> Result<&'static RegistrySchemas, SchemaLoadError> {
        static VENDORED: OnceLock<Result<RegistrySchemas, SchemaLoadError>> = OnceLock::new();
        VENDORED
            .get_or_init(|| RegistrySchemas::from_documents(VENDORED_SCHEMA_FILES.iter().copied()))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Schemas from `(label, JSON text)` pairs; each document names its type in `typeName`.
    pub fn from_documents<'a>(
        documents: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<RegistrySchemas, SchemaLoadError> {
        let mut by_type_name = BTreeMap::new();
        for (label, text) in documents {
            let schema: Json =
                serde_json::from_str(text).map_err(|error| SchemaLoadError::InvalidJson {
                    label: label.to_owned(),
                    message: error.to_string(),
                })?;
            let type_name = schema
                .get("typeName")
                .and_then(Json::as_str)
                .ok_or_else(|| SchemaLoadError::MissingTypeName {
                    label: label.to_owned(),
                })?
                .to_owned();
            by_type_name.insert(type_name, schema);
        }
        Ok(RegistrySchemas { by_type_name })
    }

    /// The type names that have a schema, in order.
    pub fn type_names(&self) -> impl Iterator<Item = &str> {
        self.by_type_name.keys().map(String::as_str)
    }

    /// Whether `type_name` has a schema.
    pub fn contains(&self, type_name: &str) -> bool {
        self.by_type_name.contains_key(type_name)
    }

    /// Every finding for the resources of `template`, sorted by path.
    pub fn check_template(&self, template: &Json) -> Vec<Finding> {
        let mut findings = Vec::new();
        match template.get("Resources").and_then(Json::as_object) {
            Some(resources) => {
                for (logical_id, resource) in resources {
                    let path = format!("Resources.{logical_id}");
                    self.check_resource(resource, &path, &mut findings);
                }
            }
            None => findings.push(Finding::new(
                "Resources",
                FindingKind::MalformedTemplate,
                "the template has no `Resources` object",
            )),
        }
        findings.sort();
        findings.dedup();
        findings
    }

    fn check_resource(&self, resource: &Json, path: &str, findings: &mut Vec<Finding>) {
        let Some(resource) = resource.as_object() else {
            findings.push(Finding::new(
                path,
                FindingKind::MalformedTemplate,
                "a resource must be an object",
            ));
            return;
        };
        for attribute in resource.keys() {
            if !RESOURCE_ATTRIBUTES.contains(&attribute.as_str()) {
                findings.push(Finding::new(
                    format!("{path}.{attribute}"),
                    FindingKind::UnknownResourceAttribute,
                    format!(
                        "`{attribute}` is not a resource attribute (expected one of {})",
                        RESOURCE_ATTRIBUTES.join(", ")
                    ),
                ));
            }
        }
        let Some(type_name) = resource.get("Type").and_then(Json::as_str) else {
            findings.push(Finding::new(
                format!("{path}.Type"),
                FindingKind::MalformedTemplate,
                "a resource needs a string `Type`",
            ));
            return;
        };
        let Some(schema) = self.by_type_name.get(type_name) else {
            findings.push(Finding::new(
                format!("{path}.Type"),
                FindingKind::UnknownResourceType,
                format!("no vendored registry schema for type `{type_name}`"),
            ));
            return;
        };
        let empty_properties = Json::Object(serde_json::Map::new());
        let properties = resource.get("Properties").unwrap_or(&empty_properties);
        let properties_path = format!("{path}.Properties");
        schema_check::check_properties(schema, properties, &properties_path, findings);
    }
}

/// Why the schemas could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaLoadError {
    InvalidJson { label: String, message: String },
    MissingTypeName { label: String },
}

impl fmt::Display for SchemaLoadError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemaLoadError::InvalidJson { label, message } => {
                write!(
                    formatter,
                    "registry schema `{label}` is not valid JSON: {message}"
                )
            }
            SchemaLoadError::MissingTypeName { label } => {
                write!(
                    formatter,
                    "registry schema `{label}` has no string `typeName`"
                )
            }
        }
    }
}

impl std::error::Error for SchemaLoadError {}

/// What kind of problem a finding reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// The template or a resource does not have CloudFormation's basic shape.
    MalformedTemplate,
    /// A key beside `Type`/`Properties` that CloudFormation does not define.
    UnknownResourceAttribute,
    /// A resource `Type` with no vendored schema.
    UnknownResourceType,
    /// A property name the schema does not define at that place.
    UnknownProperty,
    /// A property the schema requires is absent.
    MissingRequiredProperty,
    /// A literal of the wrong JSON type.
    TypeMismatch,
    /// A literal outside the schema's `enum` (or `const`).
    EnumViolation,
    /// A property the schema lists in `readOnlyProperties` is set.
    ReadOnlyPropertySet,
    /// A value matches none of the alternatives of an `anyOf` or `oneOf`.
    NoAlternativeMatches,
    /// A value matches more than one alternative of a `oneOf`.
    SeveralAlternativesMatch,
    /// The schema itself could not be followed (a `$ref` to nowhere).
    UnresolvableSchema,
}

/// One problem, at a path such as `Resources.Service.Properties.LoadBalancers[0].ContainerPort`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    pub path: String,
    pub kind: FindingKind,
    pub message: String,
}

impl Finding {
    fn new(path: impl Into<String>, kind: FindingKind, message: impl Into<String>) -> Self {
        Finding {
            path: path.into(),
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}", self.path, self.message)
    }
}
