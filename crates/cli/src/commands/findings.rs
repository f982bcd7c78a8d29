//! `meridian validate --format json|sarif`: the findings of every file checked, for tools. JSON
//! has Meridian's own documented, versioned shape (README, "Machine-readable results"); SARIF
//! 2.1.0 is what code-scanning services read to annotate the stack file in a pull request (a
//! test validates it against the SARIF schema). Rendering only: what is wrong is decided by the
//! loader and the plan.

use meridian_model::{Code, Diagnostic, Position, Severity};
use serde_json::{Map, Value as Json, json};

use super::Outcome;

/// Version of the `validate --format json` document's shape, raised when a field changes
/// meaning or goes away (new fields may be added within a version).
pub const VALIDATE_JSON_FORMAT: u32 = 1;

/// The SARIF version written, and the schema its documents follow.
const SARIF_VERSION: &str = "2.1.0";
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// One file checked by `validate`.
pub(crate) struct FileResult {
    /// The path as given on the command line.
    pub file: String,
    /// What checking it gave.
    pub outcome: Outcome,
}

impl FileResult {
    fn diagnostics(&self) -> &[Diagnostic] {
        match &self.outcome {
            Outcome::Checked(checked) => &checked[0].warnings,
            Outcome::Rejected { diagnostics, .. } => diagnostics,
            Outcome::Unreadable(_) => &[],
        }
    }
}

fn severity(diagnostic: &Diagnostic) -> &'static str {
    match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn pretty(document: &Json) -> String {
    let mut text = serde_json::to_string_pretty(document)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}

fn insert_position(object: &mut Map<String, Json>, position: Option<Position>) {
    if let Some(position) = position {
        object.insert("line".to_owned(), json!(position.line));
        object.insert("column".to_owned(), json!(position.column));
    }
}

/// One diagnostic as JSON: every field the text report shows.
fn json_diagnostic(diagnostic: &Diagnostic) -> Json {
    let mut object = Map::new();
    object.insert("code".to_owned(), json!(diagnostic.code));
    object.insert("severity".to_owned(), json!(severity(diagnostic)));
    object.insert("message".to_owned(), json!(diagnostic.message));
    object.insert("path".to_owned(), json!(diagnostic.path.to_string()));
    insert_position(&mut object, diagnostic.position);
    if let Some(help) = &diagnostic.help {
        object.insert("help".to_owned(), json!(help));
    }
    let related: Vec<Json> = diagnostic
        .related
        .iter()
        .map(|related| {
            let mut object = Map::new();
            object.insert("message".to_owned(), json!(related.message));
            object.insert("path".to_owned(), json!(related.path.to_string()));
            insert_position(&mut object, related.position);
            Json::Object(object)
        })
        .collect();
    object.insert("related".to_owned(), Json::Array(related));
    Json::Object(object)
}

/// The findings of every file as one JSON document (shape in README).
pub(crate) fn render_json(results: &[FileResult], deny_warnings: bool) -> String {
    let files: Vec<Json> = results
        .iter()
        .map(|result| {
            let diagnostics = result.diagnostics();
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let mut object = Map::new();
            object.insert("file".to_owned(), json!(result.file));
            let status = match &result.outcome {
                Outcome::Checked(_) if deny_warnings && warnings > 0 => "warnings-denied",
                Outcome::Checked(_) => "ok",
                Outcome::Rejected { .. } => "errors",
                Outcome::Unreadable(_) => "unreadable",
            };
            object.insert("status".to_owned(), json!(status));
            object.insert("errors".to_owned(), json!(errors));
            object.insert("warnings".to_owned(), json!(warnings));
            match &result.outcome {
                Outcome::Checked(environments) => {
                    let checked = &environments[0];
                    object.insert("stack".to_owned(), json!(checked.plan.stack));
                    object.insert(
                        "cloudformation_stacks".to_owned(),
                        json!(checked.plan.units.len()),
                    );
                    object.insert("regions".to_owned(), json!(checked.plan.regions.len()));
                    // A file with environments plans each (the text report has a line for
                    // each); the fields above stay the first one's.
                    let named: Vec<Json> = environments
                        .iter()
                        .filter_map(|checked| {
                            let name = checked.loaded.stack.environment.as_ref()?;
                            Some(json!({
                                "name": name,
                                "stack": checked.plan.stack,
                                "cloudformation_stacks": checked.plan.units.len(),
                                "regions": checked.plan.regions.len(),
                            }))
                        })
                        .collect();
                    if !named.is_empty() {
                        object.insert("environments".to_owned(), Json::Array(named));
                    }
                }
                Outcome::Unreadable(message) => {
                    object.insert("message".to_owned(), json!(message));
                }
                Outcome::Rejected { .. } => {}
            }
            object.insert(
                "diagnostics".to_owned(),
                Json::Array(diagnostics.iter().map(json_diagnostic).collect()),
            );
            Json::Object(object)
        })
        .collect();
    pretty(&json!({
        "format": VALIDATE_JSON_FORMAT,
        "tool": "meridian",
        "version": env!("CARGO_PKG_VERSION"),
        "deny_warnings": deny_warnings,
        "files": files,
    }))
}

/// The one-line meaning of `code` for SARIF rules: its summary in the registry of codes (the
/// one README's "Error codes" table is generated from), without Markdown backticks.
fn rule_meaning(code: Code) -> String {
    code.summary().replace('`', "")
}

/// A SARIF location: the file, line and column (columns count Unicode characters, as
/// `columnKind` says), and the stack path as the logical location.
fn sarif_location(file: &str, position: Option<Position>, path: &str) -> Json {
    let mut physical = Map::new();
    physical.insert("artifactLocation".to_owned(), json!({ "uri": file }));
    if let Some(position) = position {
        physical.insert(
            "region".to_owned(),
            json!({ "startLine": position.line, "startColumn": position.column }),
        );
    }
    let mut location = Map::new();
    location.insert("physicalLocation".to_owned(), Json::Object(physical));
    if path != "(document)" {
        location.insert(
            "logicalLocations".to_owned(),
            json!([{ "fullyQualifiedName": path, "kind": "member" }]),
        );
    }
    Json::Object(location)
}

/// The findings as a SARIF 2.1.0 log: one run, one rule per code that occurs (its meaning from
/// README), one result per diagnostic with the file, line, column, stack path and help; a file
/// that cannot be read is a tool notification.
pub(crate) fn render_sarif(results: &[FileResult]) -> String {
    let mut codes: Vec<Code> = results
        .iter()
        .flat_map(|result| result.diagnostics().iter().map(|d| d.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Json> = codes
        .iter()
        .map(|code| {
            let meaning = rule_meaning(*code);
            json!({
                "id": code,
                "shortDescription": { "text": meaning },
                "help": { "text": format!("{code}: {meaning}. Each finding's message says what is wrong and how to fix it; README's \"Error codes\" lists every code.") },
                "defaultConfiguration": { "level": if code.severity() == Severity::Warning { "warning" } else { "error" } },
            })
        })
        .collect();
    let mut sarif_results = Vec::new();
    let mut notifications = Vec::new();
    for result in results {
        if let Outcome::Unreadable(message) = &result.outcome {
            notifications.push(json!({
                "level": "error",
                "message": { "text": message },
                "locations": [sarif_location(&result.file, None, "(document)")],
            }));
        }
        for diagnostic in result.diagnostics() {
            let mut text = diagnostic.message.clone();
            if let Some(help) = &diagnostic.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            let mut object = Map::new();
            object.insert("ruleId".to_owned(), json!(diagnostic.code));
            if let Some(index) = codes.iter().position(|code| *code == diagnostic.code) {
                object.insert("ruleIndex".to_owned(), json!(index));
            }
            object.insert("level".to_owned(), json!(severity(diagnostic)));
            object.insert("message".to_owned(), json!({ "text": text }));
            object.insert(
                "locations".to_owned(),
                json!([sarif_location(
                    &result.file,
                    diagnostic.position,
                    &diagnostic.path.to_string()
                )]),
            );
            if !diagnostic.related.is_empty() {
                let related: Vec<Json> = diagnostic
                    .related
                    .iter()
                    .enumerate()
                    .map(|(index, related)| {
                        let mut location = sarif_location(
                            &result.file,
                            related.position,
                            &related.path.to_string(),
                        );
                        if let Json::Object(object) = &mut location {
                            object.insert("id".to_owned(), json!(index));
                            object.insert("message".to_owned(), json!({ "text": related.message }));
                        }
                        location
                    })
                    .collect();
                object.insert("relatedLocations".to_owned(), Json::Array(related));
            }
            let mut properties = Map::new();
            properties.insert("path".to_owned(), json!(diagnostic.path.to_string()));
            if let Some(help) = &diagnostic.help {
                properties.insert("help".to_owned(), json!(help));
            }
            object.insert("properties".to_owned(), Json::Object(properties));
            sarif_results.push(Json::Object(object));
        }
    }
    let mut invocation = Map::new();
    invocation.insert(
        "executionSuccessful".to_owned(),
        json!(notifications.is_empty()),
    );
    if !notifications.is_empty() {
        invocation.insert(
            "toolExecutionNotifications".to_owned(),
            Json::Array(notifications),
        );
    }
    pretty(&json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {
                "driver": {
                    "name": "meridian",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [Json::Object(invocation)],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_its_meaning_from_the_registry() {
        assert_eq!(
            rule_meaning(meridian_model::codes::E101),
            "not an AWS region code"
        );
        for code in meridian_model::codes::ALL {
            let meaning = rule_meaning(*code);
            assert!(
                !meaning.is_empty() && !meaning.contains('`'),
                "{code}: `{meaning}`"
            );
        }
    }
}
