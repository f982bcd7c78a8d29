//! The CloudFormation L1 types, from the registry schemas: one struct per allow-listed resource type,
//! one struct per object definition it uses, one enum per short string enum, all properties the schema
//! lets a template set. It must not decide which properties Meridian sets: lowering does.
//!
//! Field order is the alphabetical order of the wire names, so the JSON a struct serializes has its keys
//! in that order whatever order the schema lists them in.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::config::{
    CFN_ENUMS, CFN_MAX_ENUM_VALUES, CFN_NAMES, CFN_ONLY, CFN_TYPES, CLOUDFORMATION, CfnType,
};
use crate::naming::{literal, pascal, snake};
use crate::{GENERATED_HEADER, GeneratedFile};

/// A property's type, before names are chosen.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    /// Free-form JSON (`serde_json::Value`).
    Json,
    /// A hand-written `l1` type.
    Custom(&'static str),
    /// `l1::Tag`.
    Tag,
    Def(usize),
    List(Box<Ty>),
    Map(Box<Ty>),
}

#[derive(Debug)]
struct Field {
    wire: String,
    rust: String,
    ty: Ty,
    required: bool,
    /// The position in the schema's `required` list: `new` takes required fields in that order.
    required_rank: usize,
}

#[derive(Debug)]
enum Kind {
    Struct(Vec<Field>),
    Enum(Vec<String>),
}

#[derive(Debug)]
struct Def {
    module: &'static str,
    /// Names to try, most natural first; a name that two different shapes want is given up for the next.
    candidates: Vec<String>,
    /// A fixed name (a resource, or an exception of `CFN_NAMES`).
    fixed: Option<String>,
    kind: Kind,
    /// For resources: the CloudFormation type and its `Fn::GetAtt` attributes.
    resource: Option<(String, Vec<String>)>,
    doc: String,
}

struct Builder {
    defs: Vec<Def>,
    /// (type, location) → def, so a definition used twice is built once.
    built: BTreeMap<(String, String), usize>,
}

/// One schema being read.
struct Schema<'a> {
    config: &'a CfnType,
    json: &'a Json,
    resource_name: String,
}

impl Schema<'_> {
    fn type_name(&self) -> &'static str {
        self.config.type_name
    }

    fn definition(&self, name: &str) -> Option<&Json> {
        self.json
            .get("definitions")
            .and_then(|definitions| definitions.get(name))
    }
}

/// The struct name of a type: its last part in `PascalCase` (`AWS::EC2::VPC` is `Vpc`).
pub fn struct_name(type_name: &str) -> String {
    pascal(type_name.rsplit("::").next().unwrap_or(type_name))
}

fn exception<T: Copy>(table: &[(&str, &str, T)], type_name: &str, location: &str) -> Option<T> {
    table
        .iter()
        .find(|(table_type, table_location, _)| {
            *table_type == type_name && *table_location == location
        })
        .map(|(_, _, value)| *value)
}

/// A definition named `Tag` (or `...Tag`) with exactly `Key` and `Value` is the shared `l1::Tag`.
fn is_tag(name: &str, definition: &Json) -> bool {
    if !name.ends_with("Tag") {
        return false;
    }
    let Some(properties) = definition.get("properties").and_then(Json::as_object) else {
        return false;
    };
    properties.len() == 2 && properties.contains_key("Key") && properties.contains_key("Value")
}

impl Builder {
    fn push(&mut self, def: Def) -> usize {
        self.defs.push(def);
        self.defs.len() - 1
    }

    fn resource(&mut self, schema: &Schema<'_>) -> Result<usize, String> {
        let read_only: Vec<String> = schema.json["readOnlyProperties"]
            .as_array()
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(Json::as_str)
                    .map(|path| path.trim_start_matches("/properties/").replace('/', "."))
                    .collect()
            })
            .unwrap_or_default();
        let top_level_read_only: BTreeSet<&str> = read_only
            .iter()
            .filter(|path| !path.contains('.'))
            .map(String::as_str)
            .collect();
        let index = self.push(Def {
            module: schema.config.module,
            candidates: Vec::new(),
            fixed: Some(schema.resource_name.clone()),
            kind: Kind::Struct(Vec::new()),
            resource: Some((schema.type_name().to_owned(), read_only.clone())),
            doc: format!("`{}`.", schema.type_name()),
        });
        let fields = self.fields(
            schema,
            schema.json,
            "",
            &schema.resource_name,
            &top_level_read_only,
        )?;
        self.defs[index].kind = Kind::Struct(fields);
        Ok(index)
    }

    /// The fields of an object node. `owner` is the struct's natural name, `prefix` the location prefix
    /// of its properties (`""` for the resource, `#Definition.` for a definition).
    fn fields(
        &mut self,
        schema: &Schema<'_>,
        node: &Json,
        prefix: &str,
        owner: &str,
        skipped: &BTreeSet<&str>,
    ) -> Result<Vec<Field>, String> {
        let mut properties: BTreeMap<String, Json> = BTreeMap::new();
        let mut required: Vec<String> = Vec::new();
        let branches = ["oneOf", "anyOf"]
            .iter()
            .filter_map(|key| node.get(*key).and_then(Json::as_array))
            .flatten()
            .collect::<Vec<_>>();
        for (name, property) in node
            .get("properties")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            properties.insert(name.clone(), property.clone());
        }
        // Properties that only some branches of a `oneOf` declare are optional.
        for branch in &branches {
            for (name, property) in branch
                .get("properties")
                .and_then(Json::as_object)
                .into_iter()
                .flatten()
            {
                properties
                    .entry(name.clone())
                    .or_insert_with(|| property.clone());
            }
        }
        // Branches that only list required properties (`oneOf` of `required` lists) leave the
        // object's own `required` list in force.
        if !branches
            .iter()
            .any(|branch| branch.get("properties").is_some())
        {
            for name in node
                .get("required")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
            {
                required.push(name.to_owned());
            }
        }
        let object = prefix.strip_suffix('.').unwrap_or(prefix);
        if let Some((_, _, kept)) = CFN_ONLY
            .iter()
            .find(|(type_name, at, _)| *type_name == schema.type_name() && *at == object)
        {
            properties.retain(|name, _| kept.contains(&name.as_str()));
        }
        let mut fields = Vec::new();
        for (wire, property) in &properties {
            if skipped.contains(wire.as_str()) {
                continue;
            }
            let location = format!("{prefix}{wire}");
            let ty = self.ty(schema, property, &location, owner, wire)?;
            fields.push(Field {
                rust: snake(wire),
                wire: wire.clone(),
                ty,
                required: required.contains(wire),
                required_rank: required.iter().position(|name| name == wire).unwrap_or(0),
            });
        }
        Ok(fields)
    }

    fn ty(
        &mut self,
        schema: &Schema<'_>,
        node: &Json,
        location: &str,
        owner: &str,
        property: &str,
    ) -> Result<Ty, String> {
        if let Some(custom) = exception(CFN_TYPES, schema.type_name(), location) {
            return Ok(match custom {
                "map of strings" => Ty::Map(Box::new(Ty::String)),
                "string" => Ty::String,
                custom => Ty::Custom(custom),
            });
        }
        if let Some(reference) = node.get("$ref").and_then(Json::as_str) {
            let name = reference
                .strip_prefix("#/definitions/")
                .ok_or_else(|| format!("{}: unsupported $ref {reference}", schema.type_name()))?;
            return self.definition(schema, name);
        }
        match node.get("type") {
            Some(Json::Array(_)) => Ok(Ty::Json),
            Some(Json::String(kind)) => match kind.as_str() {
                "string" => Ok(self.string(schema, node, location, owner, property)),
                "integer" => Ok(Ty::Integer),
                "number" => Ok(Ty::Number),
                "boolean" => Ok(Ty::Boolean),
                "array" => match node.get("items") {
                    Some(items) if items.is_object() => Ok(Ty::List(Box::new(
                        self.ty(schema, items, location, owner, property)?,
                    ))),
                    _ => Ok(Ty::List(Box::new(Ty::Json))),
                },
                "object" => self.object(schema, node, location, owner, property),
                other => Err(format!(
                    "{}: {location} has type {other}",
                    schema.type_name()
                )),
            },
            _ if node.get("properties").is_some() || node.get("oneOf").is_some() => {
                self.object(schema, node, location, owner, property)
            }
            _ => Ok(Ty::Json),
        }
    }

    fn string(
        &mut self,
        schema: &Schema<'_>,
        node: &Json,
        location: &str,
        owner: &str,
        property: &str,
    ) -> Ty {
        let mut values: Vec<String> = node
            .get("enum")
            .and_then(Json::as_array)
            .map(|values| {
                values
                    .iter()
                    .filter_map(Json::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .or_else(|| {
                node.get("pattern")
                    .and_then(Json::as_str)
                    .and_then(pattern_values)
            })
            .unwrap_or_default();
        if let Some((_, _, listed)) = CFN_ENUMS
            .iter()
            .find(|(type_name, at, _)| *type_name == schema.type_name() && *at == location)
        {
            values = listed.iter().map(|value| (*value).to_owned()).collect();
        }
        if values.is_empty() || values.len() > CFN_MAX_ENUM_VALUES {
            return Ty::String;
        }
        let key = (schema.type_name().to_owned(), location.to_owned());
        if let Some(&index) = self.built.get(&key) {
            return Ty::Def(index);
        }
        let index = self.push(Def {
            module: schema.config.module,
            candidates: candidates(&schema.resource_name, owner, property),
            fixed: exception(CFN_NAMES, schema.type_name(), location).map(str::to_owned),
            kind: Kind::Enum(values),
            resource: None,
            doc: format!("`{}` `{location}`.", schema.type_name()),
        });
        self.built.insert(key, index);
        Ty::Def(index)
    }

    fn object(
        &mut self,
        schema: &Schema<'_>,
        node: &Json,
        location: &str,
        owner: &str,
        property: &str,
    ) -> Result<Ty, String> {
        let has_properties = node
            .get("properties")
            .and_then(Json::as_object)
            .is_some_and(|properties| !properties.is_empty())
            || node
                .get("oneOf")
                .and_then(Json::as_array)
                .is_some_and(|branches| {
                    branches
                        .iter()
                        .any(|branch| branch.get("properties").is_some())
                });
        if has_properties {
            if is_tag(property, node) {
                return Ok(Ty::Tag);
            }
            let key = (schema.type_name().to_owned(), location.to_owned());
            if let Some(&index) = self.built.get(&key) {
                return Ok(Ty::Def(index));
            }
            let index = self.push(Def {
                module: schema.config.module,
                candidates: candidates(&schema.resource_name, owner, property),
                fixed: exception(CFN_NAMES, schema.type_name(), location).map(str::to_owned),
                kind: Kind::Struct(Vec::new()),
                resource: None,
                doc: format!("`{}` `{location}`.", schema.type_name()),
            });
            self.built.insert(key, index);
            let prefix = format!("{location}.");
            let fields = self.fields(schema, node, &prefix, &pascal(property), &BTreeSet::new())?;
            self.defs[index].kind = Kind::Struct(fields);
            return Ok(Ty::Def(index));
        }
        let pattern_value = node
            .get("patternProperties")
            .and_then(Json::as_object)
            .and_then(|patterns| patterns.values().next())
            .or_else(|| {
                node.get("additionalProperties")
                    .filter(|value| value.is_object())
            });
        match pattern_value {
            Some(value) => Ok(Ty::Map(Box::new(
                self.ty(schema, value, location, owner, property)?,
            ))),
            None => Ok(Ty::Json),
        }
    }

    fn definition(&mut self, schema: &Schema<'_>, name: &str) -> Result<Ty, String> {
        let definition = schema
            .definition(name)
            .ok_or_else(|| format!("{}: no definition {name}", schema.type_name()))?
            .clone();
        if is_tag(name, &definition) {
            return Ok(Ty::Tag);
        }
        let location = format!("#{name}");
        self.ty(schema, &definition, &location, "", name)
    }
}

/// The alternatives of a pattern that is a plain choice, `^(s3|lambda)$`.
fn pattern_values(pattern: &str) -> Option<Vec<String>> {
    let inner = pattern.strip_prefix("^(")?.strip_suffix(")$")?;
    let values: Vec<String> = inner.split('|').map(str::to_owned).collect();
    values
        .iter()
        .all(|value| {
            !value.is_empty()
                && value.chars().all(|character| {
                    character.is_ascii_alphanumeric() || character == '-' || character == '_'
                })
        })
        .then_some(values)
}

/// Candidate names for a nested type: the property's own name, then qualified by its owner, then by the
/// resource too.
fn candidates(resource: &str, owner: &str, property: &str) -> Vec<String> {
    let own = pascal(property);
    let mut names = vec![own.clone()];
    if !owner.is_empty() {
        names.push(format!("{}{own}", pascal(owner)));
    }
    names.push(format!("{resource}{}{own}", pascal(owner)));
    names.dedup();
    names
}

/// The structural identity of a def, to merge same-named defs that are the same type.
fn shape(defs: &[Def], index: usize, visiting: &mut Vec<usize>) -> String {
    if visiting.contains(&index) {
        return format!("<recursive {index}>");
    }
    visiting.push(index);
    let text = match &defs[index].kind {
        Kind::Enum(values) => {
            let mut sorted = values.clone();
            sorted.sort();
            format!("enum{sorted:?}")
        }
        Kind::Struct(fields) => {
            let mut text = String::from("struct{");
            for field in fields {
                let _ = write!(
                    text,
                    "{}:{}:{};",
                    field.wire,
                    field.required,
                    ty_shape(defs, &field.ty, visiting)
                );
            }
            text.push('}');
            text
        }
    };
    visiting.pop();
    text
}

fn ty_shape(defs: &[Def], ty: &Ty, visiting: &mut Vec<usize>) -> String {
    match ty {
        Ty::Def(index) => shape(defs, *index, visiting),
        Ty::List(inner) => format!("[{}]", ty_shape(defs, inner, visiting)),
        Ty::Map(inner) => format!("{{{}}}", ty_shape(defs, inner, visiting)),
        other => format!("{other:?}"),
    }
}

/// Chooses every def's name within its module: the first candidate unless another shape wants it too.
/// Defs with the same name and shape become one type; the result maps each def to its representative.
fn assign_names(defs: &[Def]) -> Result<(Vec<String>, Vec<usize>), String> {
    let shapes: Vec<String> = (0..defs.len())
        .map(|index| shape(defs, index, &mut Vec::new()))
        .collect();
    let mut level = vec![0usize; defs.len()];
    let name_at = |index: usize, level: &[usize]| -> String {
        let def = &defs[index];
        def.fixed
            .clone()
            .unwrap_or_else(|| def.candidates[level[index].min(def.candidates.len() - 1)].clone())
    };
    for _ in 0..8 {
        let mut groups: BTreeMap<(&str, String), Vec<usize>> = BTreeMap::new();
        for (index, def) in defs.iter().enumerate() {
            groups
                .entry((def.module, name_at(index, &level)))
                .or_default()
                .push(index);
        }
        let mut bumped = false;
        for ((_, name), members) in &groups {
            let distinct: BTreeSet<&String> = members.iter().map(|index| &shapes[*index]).collect();
            let has_resource = members.iter().any(|index| defs[*index].resource.is_some());
            if distinct.len() > 1 || (has_resource && members.len() > 1) {
                let mut any = false;
                for &index in members {
                    let def = &defs[index];
                    if def.fixed.is_none() && level[index] + 1 < def.candidates.len() {
                        level[index] += 1;
                        any = true;
                    }
                }
                if !any {
                    return Err(format!("two different types want the name {name}"));
                }
                bumped = true;
            }
        }
        if !bumped {
            let names: Vec<String> = (0..defs.len())
                .map(|index| name_at(index, &level))
                .collect();
            let mut first: BTreeMap<(&str, &String), usize> = BTreeMap::new();
            let representative = (0..defs.len())
                .map(|index| {
                    *first
                        .entry((defs[index].module, &names[index]))
                        .or_insert(index)
                })
                .collect();
            return Ok((names, representative));
        }
    }
    Err("names did not settle".to_owned())
}

/// Whether `from` reaches `to` through fields.
fn reaches(defs: &[Def], from: usize, to: usize, seen: &mut BTreeSet<usize>) -> bool {
    if from == to {
        return true;
    }
    if !seen.insert(from) {
        return false;
    }
    let Kind::Struct(fields) = &defs[from].kind else {
        return false;
    };
    fields.iter().any(|field| {
        let mut targets = Vec::new();
        collect_defs(&field.ty, &mut targets);
        targets
            .into_iter()
            .any(|target| reaches(defs, target, to, seen))
    })
}

fn collect_defs(ty: &Ty, into: &mut Vec<usize>) {
    match ty {
        Ty::Def(index) => into.push(*index),
        Ty::List(inner) | Ty::Map(inner) => collect_defs(inner, into),
        _ => {}
    }
}

struct Renderer<'a> {
    defs: &'a [Def],
    names: &'a [String],
    representative: &'a [usize],
}

impl Renderer<'_> {
    fn name(&self, index: usize) -> &str {
        &self.names[self.representative[index]]
    }

    fn inner(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "Value<String>".to_owned(),
            Ty::Integer => "Value<i64>".to_owned(),
            Ty::Number => "Value<f64>".to_owned(),
            Ty::Boolean => "Value<bool>".to_owned(),
            Ty::Json => "Json".to_owned(),
            Ty::Custom(name) => (*name).to_owned(),
            Ty::Tag => "Tag".to_owned(),
            Ty::Def(index) => self.name(*index).to_owned(),
            Ty::List(inner) => format!("Vec<{}>", self.inner(inner)),
            Ty::Map(inner) => format!("BTreeMap<String, {}>", self.inner(inner)),
        }
    }

    fn field_type(&self, owner: usize, field: &Field) -> String {
        let mut inner = self.inner(&field.ty);
        if let Ty::Def(target) = field.ty
            && matches!(self.defs[target].kind, Kind::Struct(_))
            && reaches(self.defs, target, owner, &mut BTreeSet::new())
        {
            inner = format!("Box<{inner}>");
        }
        // Optional lists and maps are left out when empty rather than wrapped in an `Option`.
        let bare = field.required || matches!(field.ty, Ty::List(_) | Ty::Map(_));
        if bare {
            inner
        } else {
            format!("Option<{inner}>")
        }
    }

    fn skip(&self, field: &Field) -> Option<&'static str> {
        if field.required {
            None
        } else {
            match field.ty {
                Ty::List(_) => Some("Vec::is_empty"),
                Ty::Map(_) => Some("BTreeMap::is_empty"),
                _ => Some("Option::is_none"),
            }
        }
    }

    fn render(&self, index: usize, out: &mut String) {
        let def = &self.defs[index];
        let name = self.name(index);
        let _ = writeln!(out, "/// {}", def.doc);
        match &def.kind {
            Kind::Enum(values) => {
                out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]\n");
                let _ = writeln!(out, "pub enum {name} {{");
                // Values that differ only in case (`GLACIER`, `Glacier`) get a counter.
                let mut used = BTreeSet::new();
                for value in values {
                    let mut variant = pascal(value);
                    let mut counter = 2;
                    while !used.insert(variant.clone()) {
                        variant = format!("{}{counter}", pascal(value));
                        counter += 1;
                    }
                    let _ = writeln!(out, "    #[serde(rename = {})]", literal(value));
                    let _ = writeln!(out, "    {variant},");
                }
                out.push_str("}\n");
            }
            Kind::Struct(fields) => {
                let defaultable = fields.iter().all(|field| !field.required);
                let _ = writeln!(
                    out,
                    "#[derive(Debug, Clone, PartialEq, Serialize{})]",
                    if defaultable { ", Default" } else { "" }
                );
                let _ = writeln!(out, "pub struct {name} {{");
                for field in fields {
                    match self.skip(field) {
                        Some(skip) => {
                            let _ = writeln!(
                                out,
                                "    #[serde(rename = {}, skip_serializing_if = {})]",
                                literal(&field.wire),
                                literal(skip)
                            );
                        }
                        None => {
                            let _ =
                                writeln!(out, "    #[serde(rename = {})]", literal(&field.wire));
                        }
                    }
                    let _ = writeln!(
                        out,
                        "    pub {}: {},",
                        field.rust,
                        self.field_type(index, field)
                    );
                }
                out.push_str("}\n");
                if !defaultable {
                    self.render_new(index, name, fields, out);
                }
                if let Some((type_name, _)) = &def.resource {
                    let _ = writeln!(
                        out,
                        "\nimpl ResourceProperties for {name} {{\n    const TYPE: &'static str = {};\n}}",
                        literal(type_name)
                    );
                }
            }
        }
    }

    /// `new` takes the required fields, in the order of the schema's `required` list.
    fn render_new(&self, index: usize, name: &str, fields: &[Field], out: &mut String) {
        let _ = writeln!(out, "\nimpl {name} {{");
        out.push_str("    /// Sets the required properties; every optional one starts unset.\n");
        let mut required: Vec<&Field> = fields.iter().filter(|field| field.required).collect();
        required.sort_by_key(|field| field.required_rank);
        let parameters: Vec<String> = required
            .into_iter()
            .map(|field| {
                let ty = self.field_type(index, field);
                let parameter = if ty.starts_with("Value<") {
                    format!("impl Into<{ty}>")
                } else {
                    ty
                };
                format!("{}: {parameter}", field.rust)
            })
            .collect();
        let _ = writeln!(out, "    pub fn new({}) -> Self {{", parameters.join(", "));
        out.push_str("        Self {\n");
        for field in fields {
            let value = if field.required {
                if self.field_type(index, field).starts_with("Value<") {
                    format!("{}.into()", field.rust)
                } else {
                    field.rust.clone()
                }
            } else {
                "Default::default()".to_owned()
            };
            if value == field.rust {
                let _ = writeln!(out, "            {},", field.rust);
            } else {
                let _ = writeln!(out, "            {}: {value},", field.rust);
            }
        }
        out.push_str("        }\n    }\n}\n");
    }
}

/// The order types appear in a module: each resource, then the types it uses, depth first.
fn order(defs: &[Def], representative: &[usize]) -> Vec<usize> {
    let mut seen = BTreeSet::new();
    let mut ordered = Vec::new();
    fn visit(
        defs: &[Def],
        representative: &[usize],
        index: usize,
        seen: &mut BTreeSet<usize>,
        ordered: &mut Vec<usize>,
    ) {
        let index = representative[index];
        if !seen.insert(index) {
            return;
        }
        ordered.push(index);
        if let Kind::Struct(fields) = &defs[index].kind {
            for field in fields {
                let mut targets = Vec::new();
                collect_defs(&field.ty, &mut targets);
                for target in targets {
                    visit(defs, representative, target, seen, ordered);
                }
            }
        }
    }
    for index in 0..defs.len() {
        if defs[index].resource.is_some() {
            visit(defs, representative, index, &mut seen, &mut ordered);
        }
    }
    ordered
}

/// The generated files of `crates/cfn/src/l1/generated/`, from the schemas as (file name, text).
pub fn generate(schemas: &BTreeMap<String, String>) -> Result<Vec<GeneratedFile>, String> {
    generate_types(CLOUDFORMATION, schemas)
}

fn generate_types(
    types: &[CfnType],
    schemas: &BTreeMap<String, String>,
) -> Result<Vec<GeneratedFile>, String> {
    let mut builder = Builder {
        defs: Vec::new(),
        built: BTreeMap::new(),
    };
    let mut resources = Vec::new();
    for config in types {
        let file = format!("{}.json", config.type_name.replace("::", "_"));
        let text = schemas
            .get(&file)
            .ok_or_else(|| format!("no vendored schema {file} for {}", config.type_name))?;
        let json: Json = serde_json::from_str(text).map_err(|error| format!("{file}: {error}"))?;
        if json["typeName"] != config.type_name {
            return Err(format!("{file} holds {}", json["typeName"]));
        }
        let schema = Schema {
            config,
            json: &json,
            resource_name: struct_name(config.type_name),
        };
        resources.push((config, builder.resource(&schema)?));
    }
    let defs = builder.defs;
    let (names, representative) = assign_names(&defs)?;
    let renderer = Renderer {
        defs: &defs,
        names: &names,
        representative: &representative,
    };
    let ordered = order(&defs, &representative);
    let modules: BTreeSet<&str> = types.iter().map(|config| config.module).collect();
    let mut files = Vec::new();
    for module in &modules {
        let mut body = String::new();
        for &index in ordered
            .iter()
            .filter(|index| defs[**index].module == *module)
        {
            body.push('\n');
            renderer.render(index, &mut body);
        }
        let mut imports = vec!["ResourceProperties", "Value"];
        if body.contains("Tag>") || body.contains(": Tag") {
            imports.push("Tag");
        }
        if body.contains(": PolicyDocument") || body.contains("<PolicyDocument>") {
            imports.push("PolicyDocument");
        }
        imports.sort_unstable();
        let mut text =
            format!("{GENERATED_HEADER}\n//! CloudFormation types of the `{module}` service.\n\n");
        if body.contains("BTreeMap") {
            text.push_str("use std::collections::BTreeMap;\n\n");
        }
        text.push_str("use serde::Serialize;\n");
        if body.contains("Json") {
            text.push_str("use serde_json::Value as Json;\n");
        }
        let _ = writeln!(text, "\nuse crate::l1::{{{}}};", imports.join(", "));
        text.push_str(&body);
        files.push(GeneratedFile {
            path: format!("crates/cfn/src/l1/generated/{module}.rs"),
            contents: text,
        });
    }
    files.push(GeneratedFile {
        path: "crates/cfn/src/l1/generated/mod.rs".to_owned(),
        contents: render_mod(&defs, &names, &resources, &modules),
    });
    Ok(files)
}

fn render_mod(
    defs: &[Def],
    names: &[String],
    resources: &[(&CfnType, usize)],
    modules: &BTreeSet<&str>,
) -> String {
    let mut text = format!(
        "{GENERATED_HEADER}\n//! One module per AWS service, and [`ResourceKind`], which any resource of a template holds.\n\nuse serde::{{Serialize, Serializer}};\n\nuse crate::l1::ResourceProperties;\n\n"
    );
    for module in modules {
        let _ = writeln!(text, "pub mod {module};");
    }
    let variant =
        |config: &CfnType, index: usize| format!("{}{}", pascal(config.module), names[index]);
    text.push_str(
        "\n/// The properties of any resource type this layer knows, so a template can hold them all\n/// without trait objects. Variants are boxed because property structs differ widely in size.\n#[derive(Debug, Clone, PartialEq)]\npub enum ResourceKind {\n",
    );
    for (config, index) in resources {
        let _ = writeln!(
            text,
            "    {}(Box<{}::{}>),",
            variant(config, *index),
            config.module,
            names[*index]
        );
    }
    text.push_str("}\n\nimpl ResourceKind {\n    /// The CloudFormation type name of these properties.\n    pub fn type_name(&self) -> &'static str {\n        match self {\n");
    for (config, index) in resources {
        let _ = writeln!(
            text,
            "            ResourceKind::{}(_) => {}::{}::TYPE,",
            variant(config, *index),
            config.module,
            names[*index]
        );
    }
    text.push_str("        }\n    }\n}\n\nimpl Serialize for ResourceKind {\n    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n        match self {\n");
    for (config, index) in resources {
        let _ = writeln!(
            text,
            "            ResourceKind::{}(properties) => properties.serialize(serializer),",
            variant(config, *index)
        );
    }
    text.push_str("        }\n    }\n}\n");
    for (config, index) in resources {
        let name = format!("{}::{}", config.module, names[*index]);
        let _ = writeln!(
            text,
            "\nimpl From<{name}> for ResourceKind {{\n    fn from(properties: {name}) -> Self {{\n        ResourceKind::{}(Box::new(properties))\n    }}\n}}",
            variant(config, *index)
        );
    }
    text.push_str(
        "\n/// Every CloudFormation type this layer can emit, with the attributes `Fn::GetAtt` may read\n/// (the schema's read-only properties, nested ones dotted).\npub const RESOURCE_TYPES: &[(&str, &[&str])] = &[\n",
    );
    let mut sorted: Vec<&(&CfnType, usize)> = resources.iter().collect();
    sorted.sort_by_key(|(config, _)| config.type_name);
    for (config, index) in sorted {
        let attributes = defs[*index]
            .resource
            .as_ref()
            .map(|(_, attributes)| attributes.clone())
            .unwrap_or_default();
        let list = attributes
            .iter()
            .map(|attribute| literal(attribute))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(text, "    ({}, &[{list}]),", literal(config.type_name));
    }
    text.push_str("];\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated module `test` for one schema of type `AWS::Test::Thing`.
    fn generated(schema: serde_json::Value) -> String {
        let types = [CfnType {
            type_name: "AWS::Test::Thing",
            module: "test",
        }];
        let mut json = schema;
        json["typeName"] = "AWS::Test::Thing".into();
        let schemas = BTreeMap::from([("AWS_Test_Thing.json".to_owned(), json.to_string())]);
        let files = generate_types(&types, &schemas).expect("the schema generates");
        files
            .into_iter()
            .find(|file| file.path.ends_with("/test.rs"))
            .expect("the module is written")
            .contents
    }

    #[test]
    fn properties_become_typed_fields_in_wire_name_order() {
        let text = generated(serde_json::json!({
            "properties": {
                "Zone": {"type": "string"},
                "Count": {"type": "integer"},
                "Arn": {"type": "string"},
                "Mode": {"type": "string", "enum": ["on", "off-ish"]},
                "Kind": {"type": "string", "pattern": "^(a|b)$"},
                "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}},
                "Labels": {"type": "object", "patternProperties": {".+": {"type": "string"}}}
            },
            "definitions": {"Tag": {"properties": {"Key": {"type": "string"}, "Value": {"type": "string"}}}},
            "required": ["Zone", "Count"],
            "readOnlyProperties": ["/properties/Arn"]
        }));
        let fields: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with("    pub "))
            .collect();
        assert_eq!(
            fields,
            [
                "    pub count: Value<i64>,",
                "    pub kind: Option<Kind>,",
                "    pub labels: BTreeMap<String, Value<String>>,",
                "    pub mode: Option<Mode>,",
                "    pub tags: Vec<Tag>,",
                "    pub zone: Value<String>,",
                "    pub fn new(zone: impl Into<Value<String>>, count: impl Into<Value<i64>>) -> Self {",
            ]
        );
        assert!(
            text.contains("#[serde(rename = \"off-ish\")]\n    OffIsh,"),
            "{text}"
        );
        assert!(text.contains(
            "#[serde(rename = \"Labels\", skip_serializing_if = \"BTreeMap::is_empty\")]"
        ));
        assert!(
            !text.contains("arn"),
            "read-only properties are not settable"
        );
    }

    #[test]
    fn recursive_definitions_are_boxed_and_same_named_shapes_are_told_apart() {
        let text = generated(serde_json::json!({
            "properties": {
                "Statement": {"$ref": "#/definitions/Statement"},
                "Config": {"$ref": "#/definitions/Config"}
            },
            "definitions": {
                "Statement": {"properties": {
                    "Not": {"$ref": "#/definitions/NotStatement"},
                    "Status": {"type": "string", "enum": ["A", "B"]}
                }},
                "NotStatement": {"properties": {"Statement": {"$ref": "#/definitions/Statement"}}},
                "Config": {"properties": {"Status": {"type": "string", "enum": ["C"]}}}
            }
        }));
        assert!(
            text.contains("pub statement: Option<Box<Statement>>"),
            "{text}"
        );
        assert!(text.contains("pub enum StatementStatus"), "{text}");
        assert!(text.contains("pub enum ConfigStatus"), "{text}");
    }
}
