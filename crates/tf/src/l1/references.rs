//! The check that every reference of a root module resolves: each `type.name.attribute`,
//! `data.type.name.attribute` and `var.name` inside `${...}` names something the module
//! declares, with an attribute its type has. Tests run it on every synthesized module; it decides nothing.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use super::REFERENCEABLE;

/// Every unresolved reference of the module's files, one message each (empty when all resolve).
pub fn unresolved_references(files: &[&Json]) -> Vec<String> {
    let mut declared = BTreeSet::new();
    for file in files {
        for (section, prefix) in [("resource", ""), ("data", "data.")] {
            for (type_name, instances) in file[section].as_object().into_iter().flatten() {
                for name in instances
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(name, _)| name)
                {
                    declared.insert(format!("{prefix}{type_name}.{name}"));
                }
            }
        }
        for name in file["variable"].as_object().into_iter().flatten() {
            declared.insert(format!("var.{}", name.0));
        }
    }
    let mut problems = BTreeSet::new();
    let mut stack: Vec<&Json> = files.to_vec();
    while let Some(value) = stack.pop() {
        match value {
            Json::String(text) => {
                for reference in references(text) {
                    if let Some(problem) = check(&declared, &reference) {
                        problems.insert(problem);
                    }
                }
            }
            Json::Array(items) => stack.extend(items),
            Json::Object(map) => stack.extend(map.values()),
            _ => {}
        }
    }
    problems.into_iter().collect()
}

fn check(declared: &BTreeSet<String>, reference: &[&str]) -> Option<String> {
    let joined = reference.join(".");
    let (address, type_key, attribute) = match reference {
        ["var", name, ..] => {
            let address = format!("var.{name}");
            return (!declared.contains(&address)).then(|| format!("`{joined}` names nothing"));
        }
        ["data", type_name, name, attribute, ..] => (
            format!("data.{type_name}.{name}"),
            format!("data.{type_name}"),
            *attribute,
        ),
        [type_name, name, attribute, ..] => (
            format!("{type_name}.{name}"),
            (*type_name).to_owned(),
            *attribute,
        ),
        _ => return None,
    };
    if !declared.contains(&address) {
        return Some(format!(
            "`{joined}` names no declared resource or data source"
        ));
    }
    let known = REFERENCEABLE
        .iter()
        .find(|(name, _)| *name == type_key)
        .is_some_and(|(_, attributes)| attributes.contains(&attribute));
    (!known).then(|| format!("`{joined}`: {type_key} has no attribute `{attribute}`"))
}

/// The traversals inside the `${...}` sequences of a template string (`$${` is an escape), each split
/// at its dots, stopping at an index or a call.
fn references(text: &str) -> Vec<Vec<&str>> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        if rest[..start].ends_with('$') {
            rest = &rest[start + 2..];
            continue;
        }
        let inner = &rest[start + 2..];
        let end = inner.find('}').unwrap_or(inner.len());
        let expression = &inner[..end];
        for token in expression.split(|character: char| {
            !(character.is_ascii_alphanumeric()
                || character == '_'
                || character == '.'
                || character == '-')
        }) {
            let parts: Vec<&str> = token.split('.').filter(|part| !part.is_empty()).collect();
            if parts.len() >= 2
                && parts[0].starts_with(|character: char| character.is_ascii_lowercase())
            {
                found.push(parts);
            }
        }
        rest = &inner[end.min(inner.len())..];
    }
    found
}
