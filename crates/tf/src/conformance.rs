//! Provider-schema conformance checks for Terraform JSON modules, for tests (compiled under `cfg(test)` or
//! the `conformance` feature): it reads serialized `*.tf.json` files and reports findings with JSON paths.
//! It judges output only; it never builds, changes or renders a module, and it is not a Terraform parser
//! (it understands the subset of expression syntax Meridian emits, and scans any other `${...}` code for
//! references).
//!
//! What it checks, given a [`ProviderSchema`]:
//! - top-level keys, and the shape of `resource`, `data`, `variable`, `output`, `locals`, `moved`, `provider`;
//! - resource and data source types unknown to a provider the schema covers (`aws_*`, `random_*`);
//! - unknown argument or block names, missing required arguments and blocks, computed-only attributes set;
//! - block shapes: a block allowed at most once given as an array, more blocks than `max_items`, a block
//!   that is not an object;
//! - literal values of the wrong type (a list where a string is expected, `"yes"` for a bool...);
//! - references inside `${...}` to undeclared resources, data sources, variables and locals, and to
//!   attributes the referenced type does not have; `depends_on`, `provider`, `lifecycle` and `moved`
//!   addresses likewise.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Deserialize;
use serde_json::Value as Json;

use crate::l1::ModuleFile;

/// The vendored subset of the hashicorp/aws 6.25 schema: exactly the types `l1` covers.
const VENDORED_AWS_SCHEMA: &str = include_str!("../tests/data/tf-aws-schema.json");
/// The hand-copied schema of `random_password` (hashicorp/random is not part of the aws schema).
const VENDORED_RANDOM_SCHEMA: &str = include_str!("../tests/data/tf-random-schema.json");

/// A provider schema in the format of `tf-aws-schema.json` (see `tests/data/README.md`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ProviderSchema {
    #[serde(default)]
    pub resources: BTreeMap<String, BlockSchema>,
    #[serde(default)]
    pub data_sources: BTreeMap<String, BlockSchema>,
    /// The `provider "aws"` block, when the schema describes it.
    #[serde(default)]
    pub provider: Option<BlockSchema>,
}

/// The arguments and nested blocks of a resource, data source or block.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct BlockSchema {
    #[serde(default)]
    pub attributes: BTreeMap<String, AttributeSchema>,
    #[serde(default)]
    pub blocks: BTreeMap<String, NestedBlockSchema>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct AttributeSchema {
    pub mode: AttributeMode,
    /// `"string"`, `"number"`, `"bool"`, `"dynamic"`, `["list"|"set"|"map", T]` or `["object", {name: T}]`.
    #[serde(rename = "type")]
    pub value_type: Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeMode {
    Required,
    Optional,
    /// Computed-only: set by the provider, never by configuration.
    Computed,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NestedBlockSchema {
    pub nesting: Nesting,
    #[serde(default)]
    pub min_items: Option<u64>,
    #[serde(default)]
    pub max_items: Option<u64>,
    pub block: BlockSchema,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Nesting {
    Single,
    List,
    Set,
    Map,
}

impl ProviderSchema {
    pub fn from_json_str(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The schemas vendored under `tests/data/`: the aws subset plus `random_password`.
    pub fn vendored() -> Result<Self, serde_json::Error> {
        let mut schema = Self::from_json_str(VENDORED_AWS_SCHEMA)?;
        schema.merge(Self::from_json_str(VENDORED_RANDOM_SCHEMA)?);
        Ok(schema)
    }

    /// Adds the types of `other` (another provider's schema).
    pub fn merge(&mut self, other: ProviderSchema) {
        self.resources.extend(other.resources);
        self.data_sources.extend(other.data_sources);
        if self.provider.is_none() {
            self.provider = other.provider;
        }
    }

    /// Whether the schema covers the provider a type name belongs to (`aws` for `aws_lb`), so that an
    /// unknown type of that provider is a finding rather than another provider's business.
    fn covers_provider_of(&self, type_name: &str) -> bool {
        let prefix = provider_prefix(type_name);
        self.resources
            .keys()
            .chain(self.data_sources.keys())
            .any(|known| provider_prefix(known) == prefix)
    }
}

fn provider_prefix(type_name: &str) -> &str {
    type_name.split('_').next().unwrap_or(type_name)
}

/// What kind of problem a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// A JSON shape Terraform cannot read (a resource body that is not an object...).
    InvalidStructure,
    UnknownTopLevelKey,
    UnknownResourceType,
    UnknownDataSourceType,
    /// An attribute or block name the schema does not have.
    UnknownArgument,
    MissingRequiredArgument,
    MissingRequiredBlock,
    /// A computed-only attribute given a value.
    ComputedArgumentSet,
    /// A block allowed at most once given as an array, too many blocks, or a block that is not an object.
    BlockShape,
    /// A literal of the wrong type for its attribute.
    WrongValueType,
    /// An unterminated `${` or `%{`.
    InvalidTemplate,
    /// A reference or address naming a resource, data source, variable or local the module does not declare.
    UndefinedReference,
    /// A reference to an attribute the referenced type does not have.
    UnknownReferencedAttribute,
    /// A malformed `depends_on`, `provider`, `lifecycle`, `moved`, `variable` or `output` entry.
    InvalidMetaArgument,
    /// A regional resource without an explicit `region` (only from [`check_regions_are_set`]).
    RegionNotSet,
}

/// One problem, located by file and JSON path (`$.resource.aws_lb.web.subnets[0]`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub file: String,
    pub path: String,
    pub kind: FindingKind,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}: {}: {}", self.file, self.path, self.message)
    }
}

/// Checks the files of one module (`(file name, JSON)` pairs) against `schema`.
pub fn check_module(files: &[(&str, &Json)], schema: &ProviderSchema) -> Vec<Finding> {
    let declarations = Declarations::collect(files);
    let mut checker = Checker {
        schema,
        declarations: &declarations,
        findings: Vec::new(),
        file: String::new(),
    };
    for (file, document) in files {
        checker.file = (*file).to_owned();
        checker.check_file(document);
    }
    let mut findings = checker.findings;
    findings.sort();
    findings
}

/// [`check_module`] for the output of [`Module::to_json_files`](crate::l1::Module::to_json_files).
pub fn check_module_files(files: &[ModuleFile], schema: &ProviderSchema) -> Vec<Finding> {
    let pairs: Vec<(&str, &Json)> = files.iter().map(|file| (file.name, &file.json)).collect();
    check_module(&pairs, schema)
}

/// Meridian's own rule, separate from schema conformance: every resource and data source whose type has
/// the provider-6 `region` argument sets it explicitly, so no resource silently lands in the provider's
/// default region.
pub fn check_regions_are_set(files: &[(&str, &Json)], schema: &ProviderSchema) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (file, document) in files {
        for (section, schemas) in [
            ("resource", &schema.resources),
            ("data", &schema.data_sources),
        ] {
            for (type_name, name, body) in labelled_bodies(document.get(section)) {
                let regional = schemas
                    .get(type_name)
                    .is_some_and(|block| block.attributes.contains_key("region"));
                if regional && body.get("region").is_none_or(Json::is_null) {
                    findings.push(Finding {
                        file: (*file).to_owned(),
                        path: format!("$.{section}.{type_name}.{name}"),
                        kind: FindingKind::RegionNotSet,
                        message: format!(
                            "{type_name} has a `region` argument but this one does not set it"
                        ),
                    });
                }
            }
        }
    }
    findings.sort();
    findings
}

/// `(type, name, body)` of every entry of a `resource` or `data` section given as `{type: {name: body}}`.
fn labelled_bodies(section: Option<&Json>) -> Vec<(&str, &str, &Json)> {
    let mut bodies = Vec::new();
    if let Some(Json::Object(types)) = section {
        for (type_name, names) in types {
            if let Json::Object(names) = names {
                for (name, body) in names {
                    bodies.push((type_name.as_str(), name.as_str(), body));
                }
            }
        }
    }
    bodies
}

const TOP_LEVEL_KEYS: &[&str] = &[
    "//",
    "terraform",
    "provider",
    "variable",
    "locals",
    "data",
    "resource",
    "output",
    "moved",
    "module",
    "import",
    "check",
    "removed",
];
const RESOURCE_META_ARGUMENTS: &[&str] = &[
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "provisioner",
    "connection",
];
const DATA_META_ARGUMENTS: &[&str] = &["count", "for_each", "provider", "depends_on", "lifecycle"];
const LIFECYCLE_ARGUMENTS: &[&str] = &[
    "//",
    "create_before_destroy",
    "prevent_destroy",
    "ignore_changes",
    "replace_triggered_by",
    "precondition",
    "postcondition",
];
const VARIABLE_ARGUMENTS: &[&str] = &[
    "//",
    "type",
    "description",
    "default",
    "sensitive",
    "nullable",
    "validation",
    "ephemeral",
];
const OUTPUT_ARGUMENTS: &[&str] = &[
    "//",
    "value",
    "description",
    "sensitive",
    "depends_on",
    "precondition",
    "ephemeral",
];
/// Names that start an expression but are not references to module objects.
const NON_REFERENCE_ROOTS: &[&str] = &[
    "true",
    "false",
    "null",
    "for",
    "in",
    "if",
    "else",
    "endif",
    "endfor",
    "count",
    "each",
    "self",
    "path",
    "terraform",
];

/// Everything the module declares, across its files.
#[derive(Debug, Default)]
struct Declarations {
    resources: BTreeSet<(String, String)>,
    data_sources: BTreeSet<(String, String)>,
    variables: BTreeSet<String>,
    locals: BTreeSet<String>,
    provider_aliases: BTreeMap<String, BTreeSet<String>>,
}

impl Declarations {
    fn collect(files: &[(&str, &Json)]) -> Self {
        let mut declarations = Self::default();
        for (_, document) in files {
            for (type_name, name, _) in labelled_bodies(document.get("resource")) {
                declarations
                    .resources
                    .insert((type_name.to_owned(), name.to_owned()));
            }
            for (type_name, name, _) in labelled_bodies(document.get("data")) {
                declarations
                    .data_sources
                    .insert((type_name.to_owned(), name.to_owned()));
            }
            if let Some(Json::Object(variables)) = document.get("variable") {
                declarations.variables.extend(variables.keys().cloned());
            }
            for locals in one_or_many(document.get("locals")) {
                if let Json::Object(locals) = locals {
                    declarations.locals.extend(locals.keys().cloned());
                }
            }
            if let Some(Json::Object(providers)) = document.get("provider") {
                for (provider, configurations) in providers {
                    let aliases = declarations
                        .provider_aliases
                        .entry(provider.clone())
                        .or_default();
                    for configuration in one_or_many(Some(configurations)) {
                        if let Some(Json::String(alias)) = configuration.get("alias") {
                            aliases.insert(alias.clone());
                        }
                    }
                }
            }
        }
        declarations
    }

    fn declares_resource(&self, type_name: &str, name: &str) -> bool {
        self.resources
            .contains(&(type_name.to_owned(), name.to_owned()))
    }

    fn declares_data_source(&self, type_name: &str, name: &str) -> bool {
        self.data_sources
            .contains(&(type_name.to_owned(), name.to_owned()))
    }

    fn declares_resource_type(&self, type_name: &str) -> bool {
        self.resources
            .iter()
            .any(|(declared, _)| declared == type_name)
    }
}

/// Terraform JSON lets most sections be one object or an array of objects.
fn one_or_many(value: Option<&Json>) -> Vec<&Json> {
    match value {
        None => Vec::new(),
        Some(Json::Array(items)) => items.iter().collect(),
        Some(other) => vec![other],
    }
}

struct Checker<'a> {
    schema: &'a ProviderSchema,
    declarations: &'a Declarations,
    findings: Vec<Finding>,
    file: String,
}

impl Checker<'_> {
    fn report(&mut self, path: &str, kind: FindingKind, message: String) {
        self.findings.push(Finding {
            file: self.file.clone(),
            path: path.to_owned(),
            kind,
            message,
        });
    }

    fn check_file(&mut self, document: &Json) {
        let Json::Object(sections) = document else {
            self.report(
                "$",
                FindingKind::InvalidStructure,
                "a .tf.json file must hold a JSON object".to_owned(),
            );
            return;
        };
        for (key, section) in sections {
            let path = format!("$.{key}");
            match key.as_str() {
                "resource" => self.check_resources(section, &path),
                "data" => self.check_data_sources(section, &path),
                "variable" => self.check_variables(section, &path),
                "output" => self.check_outputs(section, &path),
                "locals" => self.check_locals(section, &path),
                "moved" => self.check_moved(section, &path),
                "provider" => self.check_providers(section, &path),
                _ if TOP_LEVEL_KEYS.contains(&key.as_str()) => {}
                _ => self.report(
                    &path,
                    FindingKind::UnknownTopLevelKey,
                    format!(
                        "unknown top-level key {key:?}{}",
                        suggestion(key, TOP_LEVEL_KEYS.iter().copied())
                    ),
                ),
            }
        }
    }

    /// `{label: body}` entries of a one-label section, reporting bodies that are not objects.
    fn labelled_objects<'j>(
        &mut self,
        section: &'j Json,
        path: &str,
    ) -> Vec<(String, &'j serde_json::Map<String, Json>)> {
        let mut entries = Vec::new();
        let Json::Object(labels) = section else {
            self.report(
                path,
                FindingKind::InvalidStructure,
                "expected an object keyed by name".to_owned(),
            );
            return entries;
        };
        for (label, body) in labels {
            if label == "//" {
                continue;
            }
            match body {
                Json::Object(body) => entries.push((label.clone(), body)),
                _ => self.report(
                    &format!("{path}.{label}"),
                    FindingKind::InvalidStructure,
                    "expected an object".to_owned(),
                ),
            }
        }
        entries
    }

    fn check_resources(&mut self, section: &Json, path: &str) {
        for (type_name, names) in self.labelled_objects(section, path) {
            let type_path = format!("{path}.{type_name}");
            let schema = self.schema.resources.get(&type_name);
            if schema.is_none() && self.schema.covers_provider_of(&type_name) {
                let known = self.schema.resources.keys().map(String::as_str);
                let hint = suggestion(&type_name, known);
                self.report(
                    &type_path,
                    FindingKind::UnknownResourceType,
                    format!("unknown resource type {type_name:?}{hint}"),
                );
            }
            for (name, body) in names {
                if name == "//" {
                    continue;
                }
                let body_path = format!("{type_path}.{name}");
                let Json::Object(body) = body else {
                    self.report(
                        &body_path,
                        FindingKind::InvalidStructure,
                        "a resource body must be an object".to_owned(),
                    );
                    continue;
                };
                if let Some(schema) = schema {
                    self.check_body(body, schema, &body_path, RESOURCE_META_ARGUMENTS, true);
                }
                self.check_meta_arguments(body, &body_path, schema);
                for (key, value) in body {
                    if !matches!(key.as_str(), "depends_on" | "provider" | "lifecycle") {
                        self.check_references(value, &format!("{body_path}.{key}"));
                    }
                }
            }
        }
    }

    fn check_data_sources(&mut self, section: &Json, path: &str) {
        for (type_name, names) in self.labelled_objects(section, path) {
            let type_path = format!("{path}.{type_name}");
            let schema = self.schema.data_sources.get(&type_name);
            if schema.is_none() && self.schema.covers_provider_of(&type_name) {
                let known = self.schema.data_sources.keys().map(String::as_str);
                let hint = suggestion(&type_name, known);
                self.report(
                    &type_path,
                    FindingKind::UnknownDataSourceType,
                    format!("unknown data source type {type_name:?}{hint}"),
                );
            }
            for (name, body) in names {
                if name == "//" {
                    continue;
                }
                let body_path = format!("{type_path}.{name}");
                let Json::Object(body) = body else {
                    self.report(
                        &body_path,
                        FindingKind::InvalidStructure,
                        "a data source body must be an object".to_owned(),
                    );
                    continue;
                };
                if let Some(schema) = schema {
                    self.check_body(body, schema, &body_path, DATA_META_ARGUMENTS, true);
                }
                self.check_meta_arguments(body, &body_path, schema);
                for (key, value) in body {
                    if !matches!(key.as_str(), "depends_on" | "provider" | "lifecycle") {
                        self.check_references(value, &format!("{body_path}.{key}"));
                    }
                }
            }
        }
    }

    /// Checks a block body's names, required arguments, computed-only attributes, value types and blocks.
    fn check_body(
        &mut self,
        body: &serde_json::Map<String, Json>,
        schema: &BlockSchema,
        path: &str,
        meta_arguments: &[&str],
        check_required: bool,
    ) {
        for (key, value) in body {
            let key_path = format!("{path}.{key}");
            if key == "//" || meta_arguments.contains(&key.as_str()) {
                continue;
            }
            if let Some(attribute) = schema.attributes.get(key) {
                if attribute.mode == AttributeMode::Computed {
                    self.report(
                        &key_path,
                        FindingKind::ComputedArgumentSet,
                        format!("{key:?} is computed-only: the provider sets it and configuration cannot"),
                    );
                } else {
                    self.check_value_type(value, &attribute.value_type, &key_path);
                }
            } else if let Some(nested) = schema.blocks.get(key) {
                self.check_nested_block(value, key, nested, &key_path);
            } else {
                let known = schema
                    .attributes
                    .keys()
                    .chain(schema.blocks.keys())
                    .map(String::as_str);
                let hint = suggestion(key, known);
                self.report(
                    &key_path,
                    FindingKind::UnknownArgument,
                    format!("unknown attribute or block {key:?}{hint}"),
                );
            }
        }
        if !check_required {
            return;
        }
        for (name, attribute) in &schema.attributes {
            if attribute.mode == AttributeMode::Required && body.get(name).is_none_or(Json::is_null)
            {
                self.report(
                    path,
                    FindingKind::MissingRequiredArgument,
                    format!("missing required argument {name:?}"),
                );
            }
        }
        for (name, nested) in &schema.blocks {
            let required = nested.min_items.is_some_and(|minimum| minimum > 0);
            if required && body.get(name).is_none_or(Json::is_null) {
                self.report(
                    path,
                    FindingKind::MissingRequiredBlock,
                    format!("missing required block {name:?}"),
                );
            }
        }
    }

    fn check_nested_block(
        &mut self,
        value: &Json,
        name: &str,
        schema: &NestedBlockSchema,
        path: &str,
    ) {
        let at_most_one = schema.nesting == Nesting::Single || schema.max_items == Some(1);
        let bodies: Vec<(String, &Json)> = match (schema.nesting, value) {
            (_, Json::Null) => Vec::new(),
            (Nesting::Map, Json::Object(labels)) => labels
                .iter()
                .map(|(label, body)| (format!("{path}.{label}"), body))
                .collect(),
            (_, Json::Object(_)) => vec![(path.to_owned(), value)],
            (_, Json::Array(items)) => {
                // An empty array is no block at all: only the required-block check below applies.
                if at_most_one && !items.is_empty() {
                    self.report(
                        path,
                        FindingKind::BlockShape,
                        format!("{name:?} allows at most one block: give it as an object, not an array of {}", items.len()),
                    );
                } else if let Some(maximum) = schema
                    .max_items
                    .filter(|&maximum| items.len() as u64 > maximum)
                {
                    self.report(
                        path,
                        FindingKind::BlockShape,
                        format!("at most {maximum} {name:?} blocks, got {}", items.len()),
                    );
                }
                items
                    .iter()
                    .enumerate()
                    .map(|(position, body)| (format!("{path}[{position}]"), body))
                    .collect()
            }
            (_, other) => {
                let message = format!(
                    "{name:?} is a block: expected an object or an array of objects, got {}",
                    json_type(other)
                );
                self.report(path, FindingKind::BlockShape, message);
                Vec::new()
            }
        };
        if bodies.is_empty()
            && schema.min_items.is_some_and(|minimum| minimum > 0)
            && !value.is_null()
        {
            self.report(
                path,
                FindingKind::MissingRequiredBlock,
                format!("at least one {name:?} block is required, got none"),
            );
        }
        for (body_path, body) in bodies {
            match body {
                Json::Object(body) => self.check_body(body, &schema.block, &body_path, &[], true),
                other => {
                    let message = format!(
                        "a {name:?} block must be an object, got {}",
                        json_type(other)
                    );
                    self.report(&body_path, FindingKind::BlockShape, message);
                }
            }
        }
    }

    /// Literal values against the attribute type; any string holding `${...}` is accepted, since its type is
    /// only known at plan time.
    fn check_value_type(&mut self, value: &Json, value_type: &Json, path: &str) {
        if value.is_null() || value.as_str().is_some_and(holds_interpolation) {
            return;
        }
        let wrong = |expected: &str| {
            format!(
                "expected {expected}, got {} {}",
                json_type(value),
                short_json(value)
            )
        };
        match value_type {
            Json::String(primitive) => {
                let accepted = match primitive.as_str() {
                    "string" => !value.is_array() && !value.is_object(),
                    "number" => {
                        value.is_number()
                            || value
                                .as_str()
                                .is_some_and(|text| text.trim().parse::<f64>().is_ok())
                    }
                    "bool" => {
                        value.is_boolean() || matches!(value.as_str(), Some("true" | "false"))
                    }
                    _ => true,
                };
                if !accepted {
                    self.report(path, FindingKind::WrongValueType, wrong(primitive));
                }
            }
            Json::Array(constructor) => match (
                constructor.first().and_then(Json::as_str),
                constructor.get(1),
            ) {
                (Some("list" | "set"), Some(element_type)) => match value {
                    Json::Array(items) => {
                        for (position, item) in items.iter().enumerate() {
                            self.check_value_type(
                                item,
                                element_type,
                                &format!("{path}[{position}]"),
                            );
                        }
                    }
                    _ => self.report(path, FindingKind::WrongValueType, wrong("a list")),
                },
                (Some("map"), Some(element_type)) => match value {
                    Json::Object(entries) => {
                        for (key, item) in entries {
                            self.check_value_type(item, element_type, &format!("{path}.{key}"));
                        }
                    }
                    _ => self.report(path, FindingKind::WrongValueType, wrong("a map")),
                },
                (Some("object"), Some(Json::Object(attribute_types))) => match value {
                    Json::Object(entries) => {
                        for (key, item) in entries {
                            match attribute_types.get(key) {
                                Some(item_type) => {
                                    self.check_value_type(item, item_type, &format!("{path}.{key}"))
                                }
                                None => self.report(
                                    path,
                                    FindingKind::WrongValueType,
                                    format!("unknown object key {key:?}"),
                                ),
                            }
                        }
                        let missing: Vec<&str> = attribute_types
                            .keys()
                            .filter(|key| !entries.contains_key(*key))
                            .map(String::as_str)
                            .collect();
                        if !missing.is_empty() {
                            let message = format!(
                                "object is missing keys {} (give null for unused ones)",
                                missing.join(", ")
                            );
                            self.report(path, FindingKind::WrongValueType, message);
                        }
                    }
                    _ => self.report(path, FindingKind::WrongValueType, wrong("an object")),
                },
                _ => {}
            },
            _ => {}
        }
    }

    fn check_meta_arguments(
        &mut self,
        body: &serde_json::Map<String, Json>,
        path: &str,
        schema: Option<&BlockSchema>,
    ) {
        if let Some(depends_on) = body.get("depends_on") {
            let depends_path = format!("{path}.depends_on");
            match depends_on {
                Json::Array(addresses) => {
                    for (position, address) in addresses.iter().enumerate() {
                        self.check_address(address, &format!("{depends_path}[{position}]"), true);
                    }
                }
                _ => self.report(
                    &depends_path,
                    FindingKind::InvalidMetaArgument,
                    "depends_on must be an array of addresses".to_owned(),
                ),
            }
        }
        if let Some(provider) = body.get("provider") {
            self.check_provider_reference(provider, &format!("{path}.provider"));
        }
        if let Some(lifecycle) = body.get("lifecycle") {
            let lifecycle_path = format!("{path}.lifecycle");
            let Json::Object(lifecycle) = lifecycle else {
                self.report(
                    &lifecycle_path,
                    FindingKind::InvalidMetaArgument,
                    "lifecycle must be an object".to_owned(),
                );
                return;
            };
            for (key, value) in lifecycle {
                let key_path = format!("{lifecycle_path}.{key}");
                if !LIFECYCLE_ARGUMENTS.contains(&key.as_str()) {
                    let hint = suggestion(key, LIFECYCLE_ARGUMENTS.iter().copied());
                    self.report(
                        &key_path,
                        FindingKind::InvalidMetaArgument,
                        format!("unknown lifecycle argument {key:?}{hint}"),
                    );
                } else if key == "ignore_changes" {
                    self.check_ignore_changes(value, &key_path, schema);
                } else if matches!(key.as_str(), "create_before_destroy" | "prevent_destroy")
                    && !value.is_boolean()
                {
                    self.report(
                        &key_path,
                        FindingKind::InvalidMetaArgument,
                        format!("{key} must be true or false"),
                    );
                }
            }
        }
    }

    fn check_ignore_changes(&mut self, value: &Json, path: &str, schema: Option<&BlockSchema>) {
        match value {
            Json::String(keyword) if keyword == "all" => {}
            Json::Array(names) => {
                for (position, name) in names.iter().enumerate() {
                    let name_path = format!("{path}[{position}]");
                    let Some(name) = name.as_str() else {
                        self.report(
                            &name_path,
                            FindingKind::InvalidMetaArgument,
                            "expected an attribute name".to_owned(),
                        );
                        continue;
                    };
                    let first = strip_interpolation(name)
                        .split(['.', '['])
                        .next()
                        .unwrap_or_default();
                    let known = schema.is_none_or(|schema| {
                        schema.attributes.contains_key(first) || schema.blocks.contains_key(first)
                    });
                    if !known {
                        self.report(
                            &name_path,
                            FindingKind::InvalidMetaArgument,
                            format!("ignore_changes names unknown argument {first:?}"),
                        );
                    }
                }
            }
            _ => self.report(
                path,
                FindingKind::InvalidMetaArgument,
                "ignore_changes must be \"all\" or an array of names".to_owned(),
            ),
        }
    }

    fn check_provider_reference(&mut self, value: &Json, path: &str) {
        let Some(text) = value.as_str() else {
            self.report(
                path,
                FindingKind::InvalidMetaArgument,
                "provider must be a string like \"aws\" or \"aws.alias\"".to_owned(),
            );
            return;
        };
        let (provider, alias) = match strip_interpolation(text).split_once('.') {
            Some((provider, alias)) => (provider.to_owned(), Some(alias.to_owned())),
            None => (strip_interpolation(text).to_owned(), None),
        };
        if let Some(alias) = alias {
            let declared = self
                .declarations
                .provider_aliases
                .get(&provider)
                .is_some_and(|aliases| aliases.contains(&alias));
            if !declared {
                self.report(
                    path,
                    FindingKind::UndefinedReference,
                    format!("provider configuration {provider}.{alias} is not declared"),
                );
            }
        }
    }

    /// An address such as `aws_lb.web` or `data.aws_partition.current` (optionally inside `${}`).
    fn check_address(&mut self, value: &Json, path: &str, allow_data: bool) {
        let Some(text) = value.as_str() else {
            self.report(
                path,
                FindingKind::InvalidMetaArgument,
                "expected an address string".to_owned(),
            );
            return;
        };
        let address = strip_interpolation(text);
        let without_index = address.split('[').next().unwrap_or_default();
        let parts: Vec<&str> = without_index.split('.').collect();
        match parts.as_slice() {
            ["data", type_name, name] if allow_data => {
                if !self.declarations.declares_data_source(type_name, name) {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("{address} is not declared in the module"),
                    );
                }
            }
            [type_name, name] => {
                if !self.declarations.declares_resource(type_name, name) {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("{address} is not declared in the module"),
                    );
                }
            }
            _ => self.report(
                path,
                FindingKind::InvalidMetaArgument,
                format!("{text:?} is not a resource address"),
            ),
        }
    }

    fn check_variables(&mut self, section: &Json, path: &str) {
        for (name, body) in self.labelled_objects(section, path) {
            let variable_path = format!("{path}.{name}");
            for (key, value) in body {
                let key_path = format!("{variable_path}.{key}");
                if !VARIABLE_ARGUMENTS.contains(&key.as_str()) {
                    let hint = suggestion(key, VARIABLE_ARGUMENTS.iter().copied());
                    self.report(
                        &key_path,
                        FindingKind::InvalidMetaArgument,
                        format!("unknown variable argument {key:?}{hint}"),
                    );
                } else if key == "validation" {
                    for (position, validation) in one_or_many(Some(value)).into_iter().enumerate() {
                        let validation_path = format!("{key_path}[{position}]");
                        let has_both = validation.get("condition").is_some()
                            && validation.get("error_message").is_some();
                        if !has_both {
                            let message =
                                "a validation needs a condition and an error_message".to_owned();
                            self.report(
                                &validation_path,
                                FindingKind::InvalidMetaArgument,
                                message,
                            );
                        }
                        self.check_references(validation, &validation_path);
                    }
                }
            }
        }
    }

    fn check_outputs(&mut self, section: &Json, path: &str) {
        for (name, body) in self.labelled_objects(section, path) {
            let output_path = format!("{path}.{name}");
            if !body.contains_key("value") {
                self.report(
                    &output_path,
                    FindingKind::InvalidMetaArgument,
                    "an output needs a value".to_owned(),
                );
            }
            for (key, value) in body {
                let key_path = format!("{output_path}.{key}");
                match key.as_str() {
                    "value" => self.check_references(value, &key_path),
                    "depends_on" => {
                        for (position, address) in one_or_many(Some(value)).into_iter().enumerate()
                        {
                            self.check_address(address, &format!("{key_path}[{position}]"), true);
                        }
                    }
                    _ if OUTPUT_ARGUMENTS.contains(&key.as_str()) => {}
                    _ => {
                        let hint = suggestion(key, OUTPUT_ARGUMENTS.iter().copied());
                        self.report(
                            &key_path,
                            FindingKind::InvalidMetaArgument,
                            format!("unknown output argument {key:?}{hint}"),
                        );
                    }
                }
            }
        }
    }

    fn check_locals(&mut self, section: &Json, path: &str) {
        for (position, locals) in one_or_many(Some(section)).into_iter().enumerate() {
            let locals_path = if section.is_array() {
                format!("{path}[{position}]")
            } else {
                path.to_owned()
            };
            match locals {
                Json::Object(entries) => {
                    for (name, value) in entries {
                        self.check_references(value, &format!("{locals_path}.{name}"));
                    }
                }
                _ => self.report(
                    &locals_path,
                    FindingKind::InvalidStructure,
                    "locals must be an object".to_owned(),
                ),
            }
        }
    }

    fn check_moved(&mut self, section: &Json, path: &str) {
        for (position, moved) in one_or_many(Some(section)).into_iter().enumerate() {
            let moved_path = if section.is_array() {
                format!("{path}[{position}]")
            } else {
                path.to_owned()
            };
            let (Some(from), Some(to)) = (moved.get("from"), moved.get("to")) else {
                self.report(
                    &moved_path,
                    FindingKind::InvalidMetaArgument,
                    "a moved block needs from and to".to_owned(),
                );
                continue;
            };
            self.check_address(to, &format!("{moved_path}.to"), false);
            if let Some(from) = from.as_str() {
                let from = strip_interpolation(from);
                if let Some((type_name, name)) = from.split_once('.')
                    && self.declarations.declares_resource(type_name, name)
                {
                    let message = format!("moved from {from}, which is still declared");
                    self.report(
                        &format!("{moved_path}.from"),
                        FindingKind::InvalidMetaArgument,
                        message,
                    );
                }
            }
        }
    }

    fn check_providers(&mut self, section: &Json, path: &str) {
        let Json::Object(providers) = section else {
            self.report(
                path,
                FindingKind::InvalidStructure,
                "provider must be an object keyed by provider name".to_owned(),
            );
            return;
        };
        for (provider, configurations) in providers {
            for (position, configuration) in
                one_or_many(Some(configurations)).into_iter().enumerate()
            {
                let configuration_path = if configurations.is_array() {
                    format!("{path}.{provider}[{position}]")
                } else {
                    format!("{path}.{provider}")
                };
                let Json::Object(body) = configuration else {
                    self.report(
                        &configuration_path,
                        FindingKind::InvalidStructure,
                        "a provider configuration must be an object".to_owned(),
                    );
                    continue;
                };
                if provider == "aws"
                    && let Some(schema) = &self.schema.provider
                {
                    self.check_body(
                        body,
                        schema,
                        &configuration_path,
                        &["alias", "version"],
                        false,
                    );
                }
                self.check_references(configuration, &configuration_path);
            }
        }
    }

    /// Every reference inside `${...}` in a value tree.
    fn check_references(&mut self, value: &Json, path: &str) {
        match value {
            Json::Object(entries) => {
                for (key, item) in entries {
                    self.check_references(item, &format!("{path}.{key}"));
                }
            }
            Json::Array(items) => {
                for (position, item) in items.iter().enumerate() {
                    self.check_references(item, &format!("{path}[{position}]"));
                }
            }
            Json::String(text) => match template_expressions(text) {
                Err(message) => self.report(path, FindingKind::InvalidTemplate, message),
                Ok(expressions) => {
                    for code in expressions {
                        for traversal in traversals(&code) {
                            self.check_traversal(&traversal, path);
                        }
                    }
                }
            },
            _ => {}
        }
    }

    fn check_traversal(&mut self, traversal: &Traversal, path: &str) {
        let attribute = |position: usize| match traversal.steps.get(position) {
            Some(Step::Attribute(name)) => Some(name.as_str()),
            _ => None,
        };
        match traversal.root.as_str() {
            "var" => {
                if let Some(name) = attribute(0)
                    && !self.declarations.variables.contains(name)
                {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("var.{name} is not declared"),
                    );
                }
            }
            "local" => {
                if let Some(name) = attribute(0)
                    && !self.declarations.locals.contains(name)
                {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("local.{name} is not declared"),
                    );
                }
            }
            "module" => {
                if let Some(name) = attribute(0) {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("module.{name} is not declared"),
                    );
                }
            }
            "data" => {
                let (Some(type_name), Some(name)) = (attribute(0), attribute(1)) else {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        "incomplete data source reference".to_owned(),
                    );
                    return;
                };
                if !self.declarations.declares_data_source(type_name, name) {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("data.{type_name}.{name} is not declared"),
                    );
                } else if let (Some(schema), Some(referenced)) =
                    (self.schema.data_sources.get(type_name), attribute(2))
                {
                    self.check_referenced_attribute(
                        schema,
                        &format!("data.{type_name}.{name}"),
                        referenced,
                        path,
                    );
                }
            }
            root if NON_REFERENCE_ROOTS.contains(&root) => {}
            type_name => {
                let is_resource_type = type_name.contains('_')
                    && (self.declarations.declares_resource_type(type_name)
                        || self.schema.resources.contains_key(type_name)
                        || self.schema.covers_provider_of(type_name));
                if !is_resource_type {
                    return;
                }
                let Some(name) = attribute(0) else {
                    return;
                };
                if !self.declarations.declares_resource(type_name, name) {
                    self.report(
                        path,
                        FindingKind::UndefinedReference,
                        format!("{type_name}.{name} is not declared"),
                    );
                } else if let (Some(schema), Some(referenced)) =
                    (self.schema.resources.get(type_name), attribute(1))
                {
                    self.check_referenced_attribute(
                        schema,
                        &format!("{type_name}.{name}"),
                        referenced,
                        path,
                    );
                }
            }
        }
    }

    fn check_referenced_attribute(
        &mut self,
        schema: &BlockSchema,
        target: &str,
        attribute: &str,
        path: &str,
    ) {
        if !schema.attributes.contains_key(attribute) && !schema.blocks.contains_key(attribute) {
            let known = schema
                .attributes
                .keys()
                .chain(schema.blocks.keys())
                .map(String::as_str);
            let hint = suggestion(attribute, known);
            self.report(
                path,
                FindingKind::UnknownReferencedAttribute,
                format!("{target} has no attribute {attribute:?}{hint}"),
            );
        }
    }
}

fn json_type(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "bool",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

fn short_json(value: &Json) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}...", text.chars().take(40).collect::<String>())
    } else {
        text
    }
}

/// `aws_x.y` from `${aws_x.y}`; other text unchanged.
fn strip_interpolation(text: &str) -> &str {
    let trimmed = text.trim();
    trimmed
        .strip_prefix("${")
        .and_then(|inner| inner.strip_suffix('}'))
        .unwrap_or(trimmed)
}

fn holds_interpolation(text: &str) -> bool {
    template_expressions(text).is_ok_and(|expressions| !expressions.is_empty())
}

/// ` (did you mean "x"?)` when a known name is close to `name`.
fn suggestion<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    let limit = (name.chars().count() / 4).max(2);
    known
        .map(|candidate| (strsim::levenshtein(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| format!(" (did you mean {candidate:?}?)"))
        .unwrap_or_default()
}

/// The code of every `${...}` / `%{...}` sequence in a Terraform template string, including sequences nested
/// in quoted strings inside the code; quoted strings themselves are blanked out of the code. `$${` and `%%{`
/// are escapes, not sequences.
fn template_expressions(text: &str) -> Result<Vec<String>, String> {
    let characters: Vec<char> = text.chars().collect();
    let mut expressions = Vec::new();
    scan_template(&characters, 0, false, &mut expressions)?;
    Ok(expressions)
}

fn starts_with_at(characters: &[char], position: usize, pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .all(|(offset, expected)| characters.get(position + offset) == Some(&expected))
}

/// Scans template text from `position`; inside a quoted string (`quoted`), stops after the closing quote and
/// returns the position after it.
fn scan_template(
    characters: &[char],
    mut position: usize,
    quoted: bool,
    expressions: &mut Vec<String>,
) -> Result<usize, String> {
    while position < characters.len() {
        if quoted && characters[position] == '"' {
            return Ok(position + 1);
        }
        if quoted && characters[position] == '\\' {
            position += 2;
        } else if starts_with_at(characters, position, "$${")
            || starts_with_at(characters, position, "%%{")
        {
            position += 3;
        } else if starts_with_at(characters, position, "${")
            || starts_with_at(characters, position, "%{")
        {
            position = scan_code(characters, position + 2, expressions)?;
        } else {
            position += 1;
        }
    }
    if quoted {
        Err("unterminated quoted string in template".to_owned())
    } else {
        Ok(position)
    }
}

/// Scans expression code from `position` up to its closing brace; returns the position after it.
fn scan_code(
    characters: &[char],
    mut position: usize,
    expressions: &mut Vec<String>,
) -> Result<usize, String> {
    let mut code = String::new();
    let mut depth = 0_usize;
    while position < characters.len() {
        match characters[position] {
            '"' => {
                code.push_str("\"\"");
                position = scan_template(characters, position + 1, true, expressions)?;
                continue;
            }
            '{' => depth += 1,
            '}' if depth == 0 => {
                expressions.push(code);
                return Ok(position + 1);
            }
            '}' => depth -= 1,
            _ => {}
        }
        code.push(characters[position]);
        position += 1;
    }
    Err("unterminated \"${\" or \"%{\" in template (write a literal one as \"$${\")".to_owned())
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Attribute(String),
    Index,
}

/// A traversal such as `aws_lb.web.arn` or `var.x`: a root name and the steps after it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Traversal {
    root: String,
    steps: Vec<Step>,
}

fn is_identifier_start(character: char) -> bool {
    character.is_ascii_alphabetic() || character == '_'
}

fn is_identifier_character(character: char) -> bool {
    character.is_ascii_alphanumeric() || character == '_' || character == '-'
}

/// Traversals in expression code with quoted strings blanked out; function names are skipped.
fn traversals(code: &str) -> Vec<Traversal> {
    let characters: Vec<char> = code.chars().collect();
    let read_identifier = |start: usize| {
        let mut end = start;
        while end < characters.len() && is_identifier_character(characters[end]) {
            end += 1;
        }
        (characters[start..end].iter().collect::<String>(), end)
    };
    let mut found = Vec::new();
    let mut position = 0;
    while position < characters.len() {
        let character = characters[position];
        let previous = position.checked_sub(1).map(|before| characters[before]);
        let starts_traversal = is_identifier_start(character)
            && !previous.is_some_and(|before| is_identifier_character(before) || before == '.');
        if !starts_traversal {
            position += 1;
            continue;
        }
        let (root, mut end) = read_identifier(position);
        if characters.get(end) == Some(&'(') {
            position = end;
            continue;
        }
        let mut steps = Vec::new();
        loop {
            match (characters.get(end), characters.get(end + 1)) {
                (Some('.'), Some(next)) if is_identifier_start(*next) => {
                    let (name, after) = read_identifier(end + 1);
                    steps.push(Step::Attribute(name));
                    end = after;
                }
                (Some('.'), Some(next)) if next.is_ascii_digit() || *next == '*' => {
                    steps.push(Step::Index);
                    end += 2;
                    while end < characters.len() && characters[end].is_ascii_digit() {
                        end += 1;
                    }
                }
                (Some('['), _) => {
                    let mut depth = 0_usize;
                    while end < characters.len() {
                        match characters[end] {
                            '[' => depth += 1,
                            ']' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        end += 1;
                    }
                    steps.push(Step::Index);
                    end += 1;
                }
                _ => break,
            }
        }
        found.push(Traversal { root, steps });
        position = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_expressions_skip_escapes_and_find_nested_sequences() {
        let found = template_expressions("a $${b} ${aws_x.y.z} %%{c} ${f(\"q ${var.v}\")}")
            .expect("terminated");
        assert_eq!(
            found,
            vec![
                "aws_x.y.z".to_owned(),
                "var.v".to_owned(),
                "f(\"\")".to_owned()
            ]
        );
        assert!(template_expressions("${unterminated").is_err());
    }

    #[test]
    fn traversals_skip_functions_and_read_steps() {
        let found =
            traversals("length(var.names) > 0 && data.aws_x.y.names[0] == aws_z.w.outputs[\"\"]");
        let roots: Vec<&str> = found
            .iter()
            .map(|traversal| traversal.root.as_str())
            .collect();
        assert_eq!(roots, vec!["var", "data", "aws_z"]);
        assert_eq!(found[1].steps.len(), 4);
    }

    #[test]
    fn suggestions_name_close_matches_only() {
        assert_eq!(
            suggestion("cidr_blok", ["cidr_block", "tags"].into_iter()),
            " (did you mean \"cidr_block\"?)"
        );
        assert_eq!(suggestion("zzz", ["cidr_block"].into_iter()), "");
    }
}
