//! The Terraform L1 types, from the vendored provider schemas: one struct per allow-listed resource or
//! data source with every argument it may set (required, optional), one struct per nested block, and one
//! reference method per attribute on its handle. It must not decide which arguments Meridian sets.
//!
//! Fields are in alphabetical order (arguments and blocks together), as the provider schema lists them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value as Json;

use crate::config::{
    TERRAFORM, TF_NAMES, TF_SINGLE, TF_SKIPPED, TF_SKIPPED_ATTRIBUTES, TF_SKIPPED_BLOCKS, TF_TYPES,
    TfType,
};
use crate::naming::{identifier, pascal};
use crate::{GENERATED_HEADER, GeneratedFile};

/// Names `ResourceRef` and `DataRef` already use for their own methods.
const HANDLE_METHODS: &[&str] = &[
    "planned",
    "terraform_name",
    "terraform_address",
    "attribute",
];

/// The struct name of a type: without `aws_`, in `PascalCase`, `Data` first for data sources.
pub fn struct_name(config: &TfType) -> String {
    let base = pascal(
        config
            .type_name
            .strip_prefix("aws_")
            .unwrap_or(config.type_name),
    );
    if config.data_source {
        format!("Data{base}")
    } else {
        base
    }
}

/// A struct to write: its name, its doc line and its body (the text between the braces and after).
struct Block {
    name: String,
    rendered: String,
    /// The schema the struct was made from, to check that paths sharing a name share a schema.
    schema: String,
}

struct Generator<'a> {
    config: &'a TfType,
    blocks: Vec<Block>,
}

fn value_type(type_json: &Json) -> Option<String> {
    match type_json {
        Json::String(kind) => match kind.as_str() {
            "string" => Some("String".to_owned()),
            "number" => Some("Number".to_owned()),
            "bool" => Some("bool".to_owned()),
            _ => None,
        },
        Json::Array(parts) => {
            let kind = parts.first()?.as_str()?;
            let element = value_type(parts.get(1)?)?;
            match kind {
                "list" | "set" => Some(format!("List<{element}>")),
                "map" => Some(format!("Map<{element}>")),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Generator<'_> {
    fn exception<'t>(&self, table: &'t [(&str, &str, &str)], path: &str) -> Option<&'t str> {
        table
            .iter()
            .find(|(type_name, at, _)| *type_name == self.config.type_name && *at == path)
            .map(|(_, _, value)| *value)
    }

    fn skipped(&self, path: &str) -> bool {
        TF_SKIPPED
            .iter()
            .any(|(type_name, at)| *type_name == self.config.type_name && *at == path)
    }

    /// Writes the struct for `block` (found at `path`, `""` for the resource itself) and returns its name.
    fn block(
        &mut self,
        block: &Json,
        path: &str,
        name: String,
        doc: String,
    ) -> Result<String, String> {
        let schema_text = block.to_string();
        if let Some(existing) = self.blocks.iter().find(|existing| existing.name == name) {
            if existing.schema != schema_text {
                return Err(format!(
                    "{}: `{path}` is named {name} like another block with a different schema",
                    self.config.type_name
                ));
            }
            return Ok(name);
        }
        // Reserve the name first, so a recursive block would find it.
        self.blocks.push(Block {
            name: name.clone(),
            rendered: String::new(),
            schema: schema_text,
        });
        let mut fields: BTreeMap<String, (String, bool, Option<&'static str>)> = BTreeMap::new();
        for (attribute, definition) in block["attributes"].as_object().into_iter().flatten() {
            let mode = definition["mode"].as_str().unwrap_or("computed");
            let attribute_path = join(path, attribute);
            if mode == "computed"
                || (path.is_empty() && TF_SKIPPED_ATTRIBUTES.contains(&attribute.as_str()))
                || self.skipped(&attribute_path)
            {
                continue;
            }
            let ty = match self.exception(TF_TYPES, &attribute_path) {
                Some(custom) => custom.to_owned(),
                None => match value_type(&definition["type"]) {
                    Some(value) => format!("Value<{value}>"),
                    // Lists of objects (inline security-group rules, inline routes) and untyped values
                    // are left out; Meridian declares such rules as resources of their own.
                    None => continue,
                },
            };
            let required = mode == "required";
            let (ty, skip) = if required {
                (ty, None)
            } else {
                (format!("Option<{ty}>"), Some("Option::is_none"))
            };
            fields.insert(attribute.clone(), (ty, required, skip));
        }
        for (block_name, nested) in block["blocks"].as_object().into_iter().flatten() {
            let nested_path = join(path, block_name);
            if TF_SKIPPED_BLOCKS.contains(&block_name.as_str()) || self.skipped(&nested_path) {
                continue;
            }
            let nested_name = self
                .exception(TF_NAMES, &nested_path)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{name}{}", pascal(block_name)));
            let single = nested["nesting"] == "single"
                || nested["max_items"] == 1
                || TF_SINGLE.iter().any(|(type_name, at)| {
                    *type_name == self.config.type_name && *at == nested_path
                });
            let required = nested["min_items"] == 1;
            let doc = format!(
                "The `{nested_path}` block ({}) of `{}`.",
                if single { "at most one" } else { "repeated" },
                self.config.type_name
            );
            let inner = &nested["block"];
            let is_empty = inner["attributes"]
                .as_object()
                .is_none_or(|map| map.is_empty())
                && inner["blocks"].as_object().is_none_or(|map| map.is_empty());
            // A block without arguments (WAF `override_action { none {} }`) is `l1::EmptyBlock`.
            let struct_name = if is_empty {
                "EmptyBlock".to_owned()
            } else {
                self.block(inner, &nested_path, nested_name, doc)?
            };
            let field = match (single, required) {
                (true, true) => (struct_name, true, None),
                (true, false) => (
                    format!("Option<{struct_name}>"),
                    false,
                    Some("Option::is_none"),
                ),
                (false, true) => (format!("Vec<{struct_name}>"), true, None),
                (false, false) => (format!("Vec<{struct_name}>"), false, Some("Vec::is_empty")),
            };
            fields.insert(block_name.clone(), field);
        }
        let defaultable = fields.values().all(|(_, required, _)| !required);
        let mut out = format!("/// {doc}\n");
        let _ = writeln!(
            out,
            "#[derive(Debug, Clone, PartialEq, Serialize{})]",
            if defaultable { ", Default" } else { "" }
        );
        let _ = writeln!(out, "pub struct {name} {{");
        for (field, (ty, _, skip)) in &fields {
            if let Some(skip) = skip {
                let _ = writeln!(out, "    #[serde(skip_serializing_if = \"{skip}\")]");
            }
            let _ = writeln!(out, "    pub {}: {ty},", identifier(field.clone()));
        }
        out.push_str("}\n");
        if !defaultable {
            let _ = writeln!(out, "\nimpl {name} {{");
            out.push_str("    /// Sets the required arguments; every optional one starts unset.\n");
            let parameters: Vec<String> = fields
                .iter()
                .filter(|(_, (_, required, _))| *required)
                .map(|(field, (ty, _, _))| {
                    let parameter = if ty.starts_with("Value<") {
                        format!("impl Into<{ty}>")
                    } else {
                        ty.clone()
                    };
                    format!("{}: {parameter}", identifier(field.clone()))
                })
                .collect();
            let _ = writeln!(out, "    pub fn new({}) -> Self {{", parameters.join(", "));
            out.push_str("        Self {\n");
            for (field, (ty, required, _)) in &fields {
                let rust = identifier(field.clone());
                if !required {
                    let _ = writeln!(out, "            {rust}: Default::default(),");
                } else if ty.starts_with("Value<") {
                    let _ = writeln!(out, "            {rust}: {rust}.into(),");
                } else {
                    let _ = writeln!(out, "            {rust},");
                }
            }
            out.push_str("        }\n    }\n}\n");
        }
        let slot = self
            .blocks
            .iter_mut()
            .find(|existing| existing.name == name)
            .expect("invariant: the name was reserved above");
        slot.rendered = out;
        Ok(name)
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The generated files of `crates/tf/src/l1/generated/`, from the provider schemas (file name, text).
pub fn generate(schemas: &BTreeMap<String, String>) -> Result<Vec<GeneratedFile>, String> {
    generate_types(TERRAFORM, schemas)
}

fn generate_types(
    types: &[TfType],
    schemas: &BTreeMap<String, String>,
) -> Result<Vec<GeneratedFile>, String> {
    let mut providers = Vec::new();
    for (file, text) in schemas {
        let json: Json = serde_json::from_str(text).map_err(|error| format!("{file}: {error}"))?;
        providers.push(json);
    }
    let find = |config: &TfType| -> Option<Json> {
        let section = if config.data_source {
            "data_sources"
        } else {
            "resources"
        };
        providers
            .iter()
            .find_map(|provider| provider[section].get(config.type_name).cloned())
    };
    let mut modules: BTreeMap<&str, String> = BTreeMap::new();
    let mut referenceable = Vec::new();
    // Struct name → schema: two types may share a block struct (`aws_lb_listener` and
    // `aws_lb_listener_rule` actions) when their schemas are the same.
    let mut seen_names: BTreeMap<String, String> = BTreeMap::new();
    for config in types {
        let schema = find(config)
            .ok_or_else(|| format!("{} is in no vendored provider schema", config.type_name))?;
        let mut generator = Generator {
            config,
            blocks: Vec::new(),
        };
        let name = struct_name(config);
        let doc = format!(
            "The `{}` {}.",
            config.type_name,
            if config.data_source {
                "data source"
            } else {
                "resource"
            }
        );
        generator.block(&schema, "", name.clone(), doc)?;
        let body = modules.entry(config.module).or_default();
        for block in &generator.blocks {
            match seen_names.get(&block.name) {
                Some(schema) if *schema == block.schema => continue,
                Some(_) => return Err(format!("two different structs are named {}", block.name)),
                None => {
                    seen_names.insert(block.name.clone(), block.schema.clone());
                }
            }
            body.push('\n');
            body.push_str(&block.rendered);
        }
        let attributes: Vec<String> = schema["attributes"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(attribute, _)| attribute.clone())
            .filter(|attribute| !HANDLE_METHODS.contains(&attribute.as_str()))
            .map(identifier)
            .collect();
        let key = if config.data_source {
            format!("data.{}", config.type_name)
        } else {
            config.type_name.to_owned()
        };
        let quoted: Vec<String> = attributes
            .iter()
            .map(|attribute| format!("\"{}\"", attribute.trim_start_matches("r#")))
            .collect();
        referenceable.push(format!("    (\"{key}\", &[{}]),\n", quoted.join(", ")));
        let _ = writeln!(
            body,
            "\n{}!({name}, \"{}\", [{}]);",
            if config.data_source {
                "data_source_type"
            } else {
                "resource_type"
            },
            config.type_name,
            attributes.join(", ")
        );
    }
    let mut files = Vec::new();
    for (module, body) in &modules {
        let mut imports = Vec::new();
        if body.contains("Value<") {
            imports.push("Value");
        }
        if body.contains("EmptyBlock") {
            imports.push("EmptyBlock");
        }
        for marker in ["List", "Map", "Number"] {
            if body.contains(&format!("{marker}<")) || body.contains(&format!("<{marker}>")) {
                imports.push(marker);
            }
        }
        for (_, _, custom) in TF_TYPES {
            if body.contains(custom) {
                imports.push(custom);
            }
        }
        imports.sort_unstable();
        files.push(GeneratedFile {
            path: format!("crates/tf/src/l1/generated/{module}.rs"),
            contents: format!(
                "{GENERATED_HEADER}\n//! Terraform types of the `{module}` service.\n\nuse serde::Serialize;\n{}\n{body}",
                if imports.is_empty() {
                    String::new()
                } else {
                    format!("\nuse crate::l1::{{{}}};\n", imports.join(", "))
                }
            ),
        });
    }
    let mut root =
        format!("{GENERATED_HEADER}\n//! One module per AWS service (and one for `random`).\n\n");
    referenceable.sort();
    let _ = writeln!(
        root,
        "/// Every type this layer can emit (data sources as `data.<type>`) with the attributes a\n/// reference may read.\npub const REFERENCEABLE: &[(&str, &[&str])] = &[\n{}];\n",
        referenceable.concat()
    );
    for module in modules.keys() {
        let _ = writeln!(root, "pub mod {module};");
    }
    root.push('\n');
    for module in modules.keys() {
        let _ = writeln!(root, "pub use {module}::*;");
    }
    files.push(GeneratedFile {
        path: "crates/tf/src/l1/generated/mod.rs".to_owned(),
        contents: root,
    });
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(schema: serde_json::Value) -> String {
        let types = [TfType {
            type_name: "test_thing",
            module: "test",
            data_source: false,
        }];
        let provider = serde_json::json!({"resources": {"test_thing": schema}, "data_sources": {}});
        let schemas = BTreeMap::from([("test.json".to_owned(), provider.to_string())]);
        generate_types(&types, &schemas)
            .expect("the schema generates")
            .into_iter()
            .find(|file| file.path.ends_with("/test.rs"))
            .expect("the module is written")
            .contents
    }

    #[test]
    fn nesting_modes_and_attribute_types_become_fields() {
        let text = generated(serde_json::json!({
            "attributes": {
                "id": {"mode": "optional", "type": "string"},
                "arn": {"mode": "computed", "type": "string"},
                "name": {"mode": "required", "type": "string"},
                "ports": {"mode": "optional", "type": ["set", "number"]},
                "rules": {"mode": "optional", "type": ["list", ["object", {"a": "string"}]]}
            },
            "blocks": {
                "one": {"nesting": "list", "max_items": 1, "block": {
                    "attributes": {"id": {"mode": "required", "type": "string"}}, "blocks": {}}},
                "many": {"nesting": "set", "min_items": 1, "block": {
                    "attributes": {"tags": {"mode": "optional", "type": ["map", "string"]}}, "blocks": {}}},
                "none": {"nesting": "single", "block": {"attributes": {}, "blocks": {}}},
                "timeouts": {"nesting": "single", "block": {
                    "attributes": {"create": {"mode": "optional", "type": "string"}}, "blocks": {}}}
            }
        }));
        let fields: Vec<&str> = text
            .lines()
            .filter(|line| line.starts_with("    pub "))
            .collect();
        assert_eq!(
            fields,
            [
                "    pub many: Vec<TestThingMany>,",
                "    pub name: Value<String>,",
                "    pub none: Option<EmptyBlock>,",
                "    pub one: Option<TestThingOne>,",
                "    pub ports: Option<Value<List<Number>>>,",
                "    pub fn new(many: Vec<TestThingMany>, name: impl Into<Value<String>>) -> Self {",
                "    pub tags: Option<Value<Map<String>>>,",
                "    pub id: Value<String>,",
                "    pub fn new(id: impl Into<Value<String>>) -> Self {",
            ]
        );
        assert!(
            text.contains(
                "resource_type!(TestThing, \"test_thing\", [arn, id, name, ports, rules]);"
            ),
            "{text}"
        );
    }
}
