//! Walks a resource's `Properties` against its registry schema: names, required, types, enums,
//! read-only properties and alternatives. It must stay silent on what it cannot judge (patterns,
//! formats, ranges); that silence is a documented limit, not a pass.

use serde_json::{Map, Value as Json};

use super::{Finding, FindingKind};

/// Checks `properties` (found at `path`) against the resource schema `schema`.
pub(super) fn check_properties(
    schema: &Json,
    properties: &Json,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    if !properties.is_object() && intrinsic_function(properties).is_none() {
        findings.push(Finding::new(
            path,
            FindingKind::MalformedTemplate,
            format!(
                "`Properties` must be an object, found {}",
                json_type_name(properties)
            ),
        ));
        return;
    }
    let checker = SchemaChecker { document: schema };
    checker.check(properties, schema, path, findings);
    check_read_only_properties(schema, properties, path, findings);
}

/// Checks instances against subschemas of one resource schema document (the target of `$ref`s).
struct SchemaChecker<'a> {
    document: &'a Json,
}

impl SchemaChecker<'_> {
    fn check(&self, instance: &Json, schema: &Json, path: &str, findings: &mut Vec<Finding>) {
        let Some(keywords) = schema.as_object() else {
            return;
        };
        if let Some((function_name, arguments)) = intrinsic_function(instance) {
            // An intrinsic stands for a value CloudFormation computes at deploy time, so it matches any
            // type. `Fn::If` is the exception worth looking into: its branches are ordinary values.
            if function_name == "Fn::If" {
                self.check_if_branches(arguments, schema, path, findings);
            }
            return;
        }
        if let Some(reference) = keywords.get("$ref").and_then(Json::as_str) {
            match self.resolve(reference) {
                Some(target) => self.check(instance, target, path, findings),
                None => findings.push(Finding::new(
                    path,
                    FindingKind::UnresolvableSchema,
                    format!("the schema refers to `{reference}`, which it does not define"),
                )),
            }
        }
        if let Some(expected) = keywords.get("type")
            && !type_matches(instance, expected)
        {
            findings.push(Finding::new(
                path,
                FindingKind::TypeMismatch,
                format!(
                    "expected {}, found {} {}",
                    describe_expected_type(expected),
                    json_type_name(instance),
                    abbreviate(instance)
                ),
            ));
            // Deeper checks of a value of the wrong type would only repeat the same mistake.
            return;
        }
        if let Some(allowed) = keywords.get("enum").and_then(Json::as_array)
            && !allowed.contains(instance)
        {
            findings.push(Finding::new(
                path,
                FindingKind::EnumViolation,
                format!(
                    "{} is not one of {}",
                    abbreviate(instance),
                    list_values(allowed)
                ),
            ));
        }
        if let Some(constant) = keywords.get("const")
            && constant != instance
        {
            findings.push(Finding::new(
                path,
                FindingKind::EnumViolation,
                format!("{} must be {}", abbreviate(instance), abbreviate(constant)),
            ));
        }
        if let Some(object) = instance.as_object() {
            self.check_object(object, keywords, path, findings);
        }
        if let (Some(items), Some(item_schema)) = (instance.as_array(), keywords.get("items")) {
            for (index, item) in items.iter().enumerate() {
                self.check(item, item_schema, &format!("{path}[{index}]"), findings);
            }
        }
        if let Some(subschemas) = keywords.get("allOf").and_then(Json::as_array) {
            for subschema in subschemas {
                self.check(instance, subschema, path, findings);
            }
        }
        if let Some(alternatives) = keywords.get("anyOf").and_then(Json::as_array) {
            self.check_alternatives(instance, alternatives, "anyOf", path, findings);
        }
        if let Some(alternatives) = keywords.get("oneOf").and_then(Json::as_array) {
            self.check_alternatives(instance, alternatives, "oneOf", path, findings);
        }
    }

    fn check_object(
        &self,
        object: &Map<String, Json>,
        keywords: &Map<String, Json>,
        path: &str,
        findings: &mut Vec<Finding>,
    ) {
        if let Some(required) = keywords.get("required").and_then(Json::as_array) {
            for name in required.iter().filter_map(Json::as_str) {
                if !object.contains_key(name) {
                    findings.push(Finding::new(
                        path,
                        FindingKind::MissingRequiredProperty,
                        format!("missing required property `{name}`"),
                    ));
                }
            }
        }
        let declared = keywords.get("properties").and_then(Json::as_object);
        let pattern_schemas: Vec<&Json> = keywords
            .get("patternProperties")
            .and_then(Json::as_object)
            .map(|patterns| patterns.values().collect())
            .unwrap_or_default();
        let additional = keywords.get("additionalProperties");
        for (name, value) in object {
            let value_path = format!("{path}.{name}");
            if let Some(property_schema) = declared.and_then(|declared| declared.get(name)) {
                self.check(value, property_schema, &value_path, findings);
            } else if !pattern_schemas.is_empty() {
                // Patterns are not evaluated (see the module documentation of `conformance`).
                for pattern_schema in &pattern_schemas {
                    self.check(value, pattern_schema, &value_path, findings);
                }
            } else if additional == Some(&Json::Bool(false)) {
                findings.push(Finding::new(
                    value_path,
                    FindingKind::UnknownProperty,
                    unknown_property_message(name, declared),
                ));
            } else if let Some(additional_schema) = additional.filter(|schema| schema.is_object()) {
                self.check(value, additional_schema, &value_path, findings);
            }
        }
    }

    fn check_alternatives(
        &self,
        instance: &Json,
        alternatives: &[Json],
        keyword: &str,
        path: &str,
        findings: &mut Vec<Finding>,
    ) {
        let findings_per_alternative: Vec<Vec<Finding>> = alternatives
            .iter()
            .map(|alternative| {
                let mut alternative_findings = Vec::new();
                self.check(instance, alternative, path, &mut alternative_findings);
                alternative_findings
            })
            .collect();
        let matching = findings_per_alternative
            .iter()
            .filter(|alternative_findings| alternative_findings.is_empty())
            .count();
        if matching == 0 {
            let reasons: Vec<String> = findings_per_alternative
                .iter()
                .filter_map(|alternative_findings| alternative_findings.first())
                .map(|finding| finding.to_string())
                .collect();
            findings.push(Finding::new(
                path,
                FindingKind::NoAlternativeMatches,
                format!(
                    "matches none of the {} alternatives of `{keyword}`: {}",
                    alternatives.len(),
                    reasons.join("; ")
                ),
            ));
        } else if keyword == "oneOf" && matching > 1 {
            findings.push(Finding::new(
                path,
                FindingKind::SeveralAlternativesMatch,
                format!(
                    "matches {matching} of the {} alternatives of `oneOf`, which allows exactly one",
                    alternatives.len()
                ),
            ));
        }
    }

    fn check_if_branches(
        &self,
        arguments: &Json,
        schema: &Json,
        path: &str,
        findings: &mut Vec<Finding>,
    ) {
        let Some(arguments) = arguments
            .as_array()
            .filter(|arguments| arguments.len() == 3)
        else {
            findings.push(Finding::new(
                path,
                FindingKind::MalformedTemplate,
                "`Fn::If` takes [condition name, value if true, value if false]",
            ));
            return;
        };
        for (index, branch) in arguments.iter().enumerate().skip(1) {
            if !is_no_value(branch) {
                self.check(branch, schema, &format!("{path}.Fn::If[{index}]"), findings);
            }
        }
    }

    fn resolve(&self, reference: &str) -> Option<&Json> {
        self.document.pointer(reference.strip_prefix('#')?)
    }
}

/// Reports every property listed in the schema's `readOnlyProperties` that `properties` sets.
fn check_read_only_properties(
    schema: &Json,
    properties: &Json,
    path: &str,
    findings: &mut Vec<Finding>,
) {
    let Some(pointers) = schema.get("readOnlyProperties").and_then(Json::as_array) else {
        return;
    };
    for pointer in pointers.iter().filter_map(Json::as_str) {
        let Some(property_pointer) = pointer.strip_prefix("/properties/") else {
            continue;
        };
        let segments: Vec<&str> = property_pointer.split('/').collect();
        let mut found_paths = Vec::new();
        collect_set_paths(properties, &segments, path.to_owned(), &mut found_paths);
        for found_path in found_paths {
            findings.push(Finding::new(
                found_path,
                FindingKind::ReadOnlyPropertySet,
                format!(
                    "`{property_pointer}` is read-only: CloudFormation reports it and rejects it as input"
                ),
            ));
        }
    }
}

/// Collects the paths at which `segments` (property names, `*` for every array element) lead to a
/// value inside `value`.
fn collect_set_paths(value: &Json, segments: &[&str], path: String, found: &mut Vec<String>) {
    let Some((segment, rest)) = segments.split_first() else {
        found.push(path);
        return;
    };
    if intrinsic_function(value).is_some() {
        return;
    }
    if *segment == "*" {
        for (index, item) in value.as_array().into_iter().flatten().enumerate() {
            collect_set_paths(item, rest, format!("{path}[{index}]"), found);
        }
    } else if let Some(child) = value.as_object().and_then(|object| object.get(*segment)) {
        collect_set_paths(child, rest, format!("{path}.{segment}"), found);
    }
}

/// The function name and arguments when `value` is an intrinsic function call: an object with the
/// single key `Ref` or `Fn::...`.
fn intrinsic_function(value: &Json) -> Option<(&str, &Json)> {
    let object = value.as_object()?;
    if object.len() != 1 {
        return None;
    }
    let (name, arguments) = object.iter().next()?;
    (name == "Ref" || name.starts_with("Fn::")).then_some((name.as_str(), arguments))
}

fn is_no_value(value: &Json) -> bool {
    matches!(intrinsic_function(value), Some(("Ref", Json::String(target))) if target == "AWS::NoValue")
}

fn type_matches(instance: &Json, expected: &Json) -> bool {
    match expected {
        Json::String(type_name) => instance_has_type(instance, type_name),
        Json::Array(type_names) => type_names
            .iter()
            .filter_map(Json::as_str)
            .any(|type_name| instance_has_type(instance, type_name)),
        _ => true,
    }
}

fn instance_has_type(instance: &Json, type_name: &str) -> bool {
    match type_name {
        "string" => instance.is_string(),
        "integer" => {
            instance.is_i64()
                || instance.is_u64()
                || instance
                    .as_f64()
                    .is_some_and(|number| number.fract() == 0.0)
        }
        "number" => instance.is_number(),
        "boolean" => instance.is_boolean(),
        "array" => instance.is_array(),
        "object" => instance.is_object(),
        "null" => instance.is_null(),
        _ => true,
    }
}

fn json_type_name(instance: &Json) -> &'static str {
    match instance {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(number) if number.is_f64() => "number",
        Json::Number(_) => "integer",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

fn describe_expected_type(expected: &Json) -> String {
    match expected {
        Json::Array(type_names) => {
            let names: Vec<&str> = type_names.iter().filter_map(Json::as_str).collect();
            names.join(" or ")
        }
        other => other.as_str().unwrap_or("?").to_owned(),
    }
}

/// A short rendering of a value for messages.
fn abbreviate(value: &Json) -> String {
    const LIMIT: usize = 60;
    let text = value.to_string();
    if text.chars().count() <= LIMIT {
        text
    } else {
        let prefix: String = text.chars().take(LIMIT).collect();
        format!("{prefix}...")
    }
}

fn list_values(values: &[Json]) -> String {
    const LIMIT: usize = 12;
    let mut listed: Vec<String> = values.iter().take(LIMIT).map(Json::to_string).collect();
    if values.len() > LIMIT {
        listed.push(format!("... ({} in all)", values.len()));
    }
    listed.join(", ")
}

fn unknown_property_message(name: &str, declared: Option<&Map<String, Json>>) -> String {
    let closest = declared.and_then(|declared| {
        declared
            .keys()
            .map(|candidate| {
                (
                    strsim::levenshtein(
                        &name.to_ascii_lowercase(),
                        &candidate.to_ascii_lowercase(),
                    ),
                    candidate,
                )
            })
            .min()
            .filter(|(distance, candidate)| *distance <= (candidate.len() / 4).max(2))
    });
    match closest {
        Some((_, candidate)) => {
            format!(
                "unknown property `{name}`: the schema does not define it here (did you mean `{candidate}`?)"
            )
        }
        None => format!("unknown property `{name}`: the schema does not define it here"),
    }
}
