//! `meridian diff`'s output: a [`SynthesisDiff`] rendered as plain text for people, Markdown for
//! a pull-request comment, or JSON for tools (schema in README, "Reviewing changes"). Rendering
//! only: what changed, what is replaced or interrupted, what is security-sensitive, where the two
//! targets differ and which rename `renamed_from` would keep is decided by `meridian_cfn::diff`.

use std::fmt::Write as _;

use meridian_cfn::diff::{
    DeclaredRename, NameChanges, PropertyChange, RenameHint, ResourceAction, ResourceChange,
    StackDiff, Summary, SynthesisDiff, TerraformChange, TerraformDiff,
};
use serde_json::{Value as Json, json};

use crate::words::count;

/// Version of the JSON document's shape, raised when a field changes meaning or is added.
/// 2: interruptions, notes, rename hints and the Terraform module's changes.
/// 3: `promotion` on CloudFormation and Terraform resources.
pub const DIFF_JSON_FORMAT: u32 = 3;

/// How a promotion of a read replica in place is labelled.
const PROMOTION_LABEL: &str =
    "promoted, no replacement: the read replica's source is removed, which promotes it in place";

/// Values longer than this are shortened in text and Markdown (JSON carries them whole).
const VALUE_DISPLAY_LIMIT: usize = 160;

/// The Terraform module's part of the summary: `Terraform: 3 resources changed, 1 replaced`.
fn terraform_summary(terraform: &TerraformDiff) -> Option<String> {
    if !terraform.compared || terraform.is_empty() {
        return None;
    }
    Some(format!("Terraform: {}", terraform_counts(terraform)))
}

/// `2 resources added, 0 removed, 1 changed, 1 replaced`.
fn terraform_counts(terraform: &TerraformDiff) -> String {
    let (added, removed, changed) = terraform.counts();
    format!(
        "{} added, {removed} removed, {changed} changed, {} replaced",
        count(added, "resource", "resources"),
        terraform.replacements()
    )
}

/// One line saying how much changed: `2 stacks changed (1 added): 3 resources added, ...`.
fn summary_line(diff: &SynthesisDiff) -> String {
    let summary = diff.summary();
    let line = cloudformation_summary(&summary);
    match terraform_summary(&diff.terraform) {
        Some(terraform) if line == "no changes" => format!("no template changes; {terraform}"),
        Some(terraform) => format!("{line}; {terraform}"),
        None => line,
    }
}

fn cloudformation_summary(summary: &Summary) -> String {
    let stacks = summary.stacks_added + summary.stacks_removed + summary.stacks_changed;
    if stacks == 0 {
        return if summary.renames == 0 {
            "no changes".to_owned()
        } else {
            format!(
                "no template changes; {}",
                count(summary.renames, "rename", "renames")
            )
        };
    }
    let mut stack_part = format!("{} changed", count(stacks, "stack", "stacks"));
    let mut detail = Vec::new();
    if summary.stacks_added > 0 {
        detail.push(format!("{} added", summary.stacks_added));
    }
    if summary.stacks_removed > 0 {
        detail.push(format!("{} removed", summary.stacks_removed));
    }
    if !detail.is_empty() {
        let _ = write!(stack_part, " ({})", detail.join(", "));
    }
    let mut parts = vec![format!(
        "{stack_part}: {} added, {} removed, {} changed",
        count(summary.resources_added, "resource", "resources"),
        summary.resources_removed,
        summary.resources_changed
    )];
    parts.push(count(summary.replacements, "replacement", "replacements"));
    parts.push(count(
        summary.interruptions,
        "interruption",
        "interruptions",
    ));
    parts.push(count(
        summary.security_findings,
        "security-sensitive change",
        "security-sensitive changes",
    ));
    if summary.renames > 0 {
        parts.push(count(summary.renames, "rename", "renames"));
    }
    parts.join("; ")
}

/// A value as compact JSON, shortened for people.
fn display_value(value: &Json) -> String {
    let text = value.to_string();
    if text.chars().count() <= VALUE_DISPLAY_LIMIT {
        return text;
    }
    let head: String = text.chars().take(VALUE_DISPLAY_LIMIT).collect();
    format!("{head}… ({} characters)", text.chars().count())
}

/// `"a" → "b"`, `added "x"`, `removed "x"`.
fn describe_change(change: &PropertyChange) -> String {
    match (&change.before, &change.after) {
        (Some(before), Some(after)) => {
            format!("{} → {}", display_value(before), display_value(after))
        }
        (None, Some(after)) => format!("added {}", display_value(after)),
        (Some(before), None) => format!("removed {}", display_value(before)),
        (None, None) => String::new(),
    }
}

fn action_marker(action: &ResourceAction) -> &'static str {
    match action {
        ResourceAction::Added => "+",
        ResourceAction::Removed => "-",
        ResourceAction::Modified => "~",
        ResourceAction::Moved { .. } => ">",
    }
}

fn replacement_text(resource: &ResourceChange) -> String {
    resource
        .replacement
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// `service web → storefront-api: ...`, with names shown by `name`.
fn rename_text(rename: &DeclaredRename, name: impl Fn(&str) -> String) -> String {
    let ids: usize = rename.logical_ids.values().map(Vec::len).sum();
    format!(
        "{} {} → {}: {} keep the former name, so CloudFormation replaces nothing; Terraform `moved` blocks carry the resources to the new names",
        rename.kind,
        name(&rename.from),
        name(&rename.to),
        count(ids, "logical ID", "logical IDs")
    )
}

/// `2 added, 0 removed, 1 changed`: a stack's resources, counted as the summary counts them.
fn stack_counts(stack: &StackDiff) -> String {
    let Summary {
        resources_added,
        resources_removed,
        resources_changed,
        ..
    } = stack.summary();
    format!("{resources_added} added, {resources_removed} removed, {resources_changed} changed")
}

fn names_line(label: &str, names: &NameChanges) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !names.added.is_empty() {
        parts.push(format!("+ {}", names.added.join(", ")));
    }
    if !names.removed.is_empty() {
        parts.push(format!("- {}", names.removed.join(", ")));
    }
    Some(format!("{label}: {}", parts.join("; ")))
}

// ---------------------------------------------------------------------------------------------
// Text

/// The diff for people: a summary line, then each stack's resources with their changes, the
/// replacements and security-sensitive changes marked where they occur, then the renames.
pub fn render_text(before: &str, after: &str, diff: &SynthesisDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "meridian diff {before} → {after}");
    let _ = writeln!(out, "{}", summary_line(diff));
    for stack in &diff.stacks {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "stack {} ({}; {}) {}",
            stack.stack,
            stack.status.as_str(),
            stack_counts(stack),
            stack.template
        );
        for resource in &stack.resources {
            let mut line = format!(
                "  {} {}  {}",
                action_marker(&resource.action),
                resource.logical_id,
                resource.resource_type
            );
            if resource.is_replacement() {
                let _ = write!(line, "  REPLACEMENT: {}", replacement_text(resource));
            } else {
                if resource.is_promotion() {
                    let _ = write!(line, "  {PROMOTION_LABEL}");
                }
                if resource.is_interruption() {
                    let _ = write!(line, "  INTERRUPTION: {}", interruption_text(resource));
                }
            }
            let _ = writeln!(out, "{line}");
            for change in &resource.changes {
                let _ = writeln!(
                    out,
                    "      {}: {}{}",
                    change.path,
                    describe_change(change),
                    impact_marker(change)
                );
            }
            for finding in &resource.security {
                let _ = writeln!(
                    out,
                    "      ! security ({}): {}",
                    finding.rule.code(),
                    finding.message
                );
            }
            for note in &resource.notes {
                let _ = writeln!(out, "      note: {note}");
            }
        }
        for line in [
            names_line("parameters", &stack.parameters),
            names_line("outputs", &stack.outputs),
        ]
        .into_iter()
        .flatten()
        {
            let _ = writeln!(out, "  {line}");
        }
        if stack.other_changes {
            let _ = writeln!(
                out,
                "  other template changes (description, parameter settings, output values)"
            );
        }
    }
    if !diff.renames.is_empty() {
        let _ = writeln!(out);
        for rename in &diff.renames {
            let _ = writeln!(out, "renamed {}", rename_text(rename, str::to_owned));
        }
    }
    if !diff.rename_hints.is_empty() {
        let _ = writeln!(out);
        for hint in &diff.rename_hints {
            let _ = writeln!(out, "hint: {}", hint_text(hint));
        }
    }
    text_terraform(&mut out, &diff.terraform);
    out
}

/// The Terraform module's changes, after the stacks.
fn text_terraform(out: &mut String, terraform: &TerraformDiff) {
    if !terraform.compared {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "terraform: not compared (a side has no terraform/*.tf.json; synthesize it with --target all)"
        );
        return;
    }
    if terraform.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "terraform (terraform/; {})",
        terraform_counts(terraform)
    );
    for resource in &terraform.resources {
        let mut line = format!("  {} {}", action_marker(&resource.action), resource.address);
        if let ResourceAction::Moved { from } = &resource.action {
            let _ = write!(
                line,
                "  (moved from {from}: state moves, nothing is replaced)"
            );
        }
        if resource.is_replacement() {
            let _ = write!(
                line,
                "  REPLACEMENT: {}",
                terraform_replacement_text(resource)
            );
        } else if resource.is_promotion() {
            let _ = write!(line, "  {PROMOTION_LABEL}");
        }
        let _ = writeln!(out, "{line}");
        for change in &resource.changes {
            let _ = writeln!(
                out,
                "      {}: {}{}",
                change.path,
                describe_change(change),
                terraform_marker(resource, change)
            );
        }
        if !resource.ignored.is_empty() {
            let _ = writeln!(out, "      note: {}", ignored_text(resource));
        }
    }
}

/// `[forces replacement]` or `[ignored]` after a changed Terraform argument.
fn terraform_marker(resource: &TerraformChange, change: &PropertyChange) -> &'static str {
    let argument = change.path.split(['.', '[']).next().unwrap_or_default();
    if resource.ignored.iter().any(|ignored| ignored == argument) {
        "  [ignored]"
    } else if change.create_only {
        "  [forces replacement]"
    } else {
        ""
    }
}

/// Why an ignored change does nothing in Terraform.
fn ignored_text(resource: &TerraformChange) -> String {
    format!(
        "targets differ: lifecycle ignore_changes lists {}, so Terraform applies no change to {} (CloudFormation applies its twin's)",
        resource.ignored.join(", "),
        if resource.ignored.len() == 1 {
            "it"
        } else {
            "them"
        }
    )
}

/// `forces replacement: bucket, name`, and the replaced resources they refer to.
fn terraform_replacement_text(resource: &TerraformChange) -> String {
    let mut text = format!("forces replacement: {}", resource.replaced_by.join(", "));
    if !resource.replaced_through.is_empty() {
        let _ = write!(
            text,
            " (refers to replaced {})",
            resource.replaced_through.join(", ")
        );
    }
    text
}

/// `[create-only]` or `[some interruption]` after a changed property.
fn impact_marker(change: &PropertyChange) -> &'static str {
    if change.create_only {
        "  [create-only]"
    } else if change.interrupts {
        "  [some interruption]"
    } else {
        ""
    }
}

/// `some interruption: DBInstanceClass`.
fn interruption_text(resource: &ResourceChange) -> String {
    let properties: Vec<&str> = resource
        .changes
        .iter()
        .filter(|change| change.interrupts)
        .map(|change| change.path.as_str())
        .collect();
    format!(
        "updated in place with some interruption (a reboot or failover): {}",
        properties.join(", ")
    )
}

/// The hint, with the stacks it concerns.
fn hint_text(hint: &RenameHint) -> String {
    let stacks: Vec<&str> = hint.replaced.keys().map(String::as_str).collect();
    format!("{} (in {})", hint.message(), stacks.join(", "))
}

// ---------------------------------------------------------------------------------------------
// Markdown

// A `|` in a table cell is written `&#124;`, not `\|`. GitHub splits a table row at every `|`
// not escaped by a backslash before it parses the cells, and backslashes pair up first: the text
// `a\|b` (a path, a pattern) escaped as `a\\|b` reads as an escaped backslash and a bare pipe,
// and the row splits. `&#124;` holds no pipe to split at, whatever precedes it, and both places
// a cell's text goes here decode it: Markdown text, and the HTML `<code>` used instead of
// backticks (inside backticks an entity would show literally, and `\|` is the only escape).

/// Inline code that survives a Markdown table cell: HTML `<code>` with `&`, `<`, `>` and `|`
/// escaped.
fn code(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 13);
    escaped.push_str("<code>");
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '|' => escaped.push_str(PIPE),
            '\n' => escaped.push(' '),
            other => escaped.push(other),
        }
    }
    escaped.push_str("</code>");
    escaped
}

/// `|` in a table cell (see above).
const PIPE: &str = "&#124;";

/// Plain text for a table cell: `|` escaped, newlines flattened.
fn cell(text: &str) -> String {
    text.replace('|', PIPE).replace('\n', " ")
}

fn markdown_change(change: &PropertyChange) -> String {
    let value = |value: &Json| code(&display_value(value));
    let what = match (&change.before, &change.after) {
        (Some(before), Some(after)) => format!("{} → {}", value(before), value(after)),
        (None, Some(after)) => format!("added {}", value(after)),
        (Some(before), None) => format!("removed {}", value(before)),
        (None, None) => String::new(),
    };
    format!(
        "{}: {what}{}",
        code(&change.path),
        if change.create_only {
            " (create-only)"
        } else if change.interrupts {
            " (some interruption)"
        } else {
            ""
        }
    )
}

/// A Markdown section listing `rows` (stack, resource, type) with `why` each is there; nothing
/// when there is no row.
fn why_table(
    out: &mut String,
    title: &str,
    rows: &[(&StackDiff, &ResourceChange)],
    why: fn(&ResourceChange) -> String,
) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "#### {title}");
    let _ = writeln!(out);
    let _ = writeln!(out, "| stack | resource | type | why |");
    let _ = writeln!(out, "| --- | --- | --- | --- |");
    for (stack, resource) in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&stack.stack),
            code(&resource.logical_id),
            code(&resource.resource_type),
            cell(&why(resource))
        );
    }
}

/// Every changed resource of the diff that `keep` accepts, with its stack, in the diff's order.
fn resources_where(
    diff: &SynthesisDiff,
    keep: impl Fn(&ResourceChange) -> bool,
) -> Vec<(&StackDiff, &ResourceChange)> {
    diff.stacks
        .iter()
        .flat_map(|stack| {
            stack
                .resources
                .iter()
                .map(move |resource| (stack, resource))
        })
        .filter(|(_, resource)| keep(resource))
        .collect()
}

/// The diff for a pull-request comment: the summary, tables of replacements, security-sensitive
/// changes and renames first (what a reviewer must look at), then one collapsible table per
/// stack.
pub fn render_markdown(before: &str, after: &str, diff: &SynthesisDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### meridian diff");
    let _ = writeln!(out);
    let _ = writeln!(out, "{} → {}", code(before), code(after));
    let _ = writeln!(out);
    let _ = writeln!(out, "**{}**", summary_line(diff));
    why_table(
        &mut out,
        "Replacements",
        &resources_where(diff, ResourceChange::is_replacement),
        replacement_text,
    );
    why_table(
        &mut out,
        "Interruptions",
        &resources_where(diff, ResourceChange::is_interruption),
        interruption_text,
    );
    let noted = resources_where(diff, |resource| !resource.notes.is_empty());
    if !noted.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "#### Notes");
        let _ = writeln!(out);
        for (stack, resource) in noted {
            for note in &resource.notes {
                let _ = writeln!(
                    out,
                    "- {} {}: {}",
                    code(&stack.stack),
                    code(&resource.logical_id),
                    cell(note)
                );
            }
        }
    }
    if !diff.rename_hints.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "#### Renames that replace resources");
        let _ = writeln!(out);
        for hint in &diff.rename_hints {
            let _ = writeln!(out, "- {}", cell(&hint_text(hint)));
        }
    }
    let findings = resources_where(diff, |resource| !resource.security.is_empty());
    if !findings.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "#### Security-sensitive changes");
        let _ = writeln!(out);
        let _ = writeln!(out, "| stack | resource | rule | change |");
        let _ = writeln!(out, "| --- | --- | --- | --- |");
        for (stack, resource) in findings {
            for finding in &resource.security {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    code(&stack.stack),
                    code(&resource.logical_id),
                    code(finding.rule.code()),
                    cell(&finding.message)
                );
            }
        }
    }
    if !diff.renames.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "#### Renames");
        let _ = writeln!(out);
        for rename in &diff.renames {
            let _ = writeln!(out, "- {}", rename_text(rename, code));
        }
    }
    for stack in &diff.stacks {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "<details><summary>{} — {}: {}</summary>",
            code(&stack.stack),
            stack.status.as_str(),
            stack_counts(stack)
        );
        let _ = writeln!(out);
        if !stack.resources.is_empty() {
            let _ = writeln!(out, "| | resource | type | changes |");
            let _ = writeln!(out, "| --- | --- | --- | --- |");
            for resource in &stack.resources {
                let mut details: Vec<String> =
                    resource.changes.iter().map(markdown_change).collect();
                if resource.is_replacement() {
                    details.insert(
                        0,
                        format!("**replacement**: {}", cell(&replacement_text(resource))),
                    );
                } else if resource.is_interruption() {
                    details.insert(
                        0,
                        format!("**interruption**: {}", cell(&interruption_text(resource))),
                    );
                }
                if resource.is_promotion() {
                    details.insert(0, format!("**{PROMOTION_LABEL}**"));
                }
                for note in &resource.notes {
                    details.push(format!("**note**: {}", cell(note)));
                }
                for finding in &resource.security {
                    details.push(format!(
                        "**security** ({}): {}",
                        finding.rule.code(),
                        cell(&finding.message)
                    ));
                }
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    action_marker(&resource.action),
                    code(&resource.logical_id),
                    code(&resource.resource_type),
                    details.join("<br>")
                );
            }
            let _ = writeln!(out);
        }
        for line in [
            names_line("parameters", &stack.parameters),
            names_line("outputs", &stack.outputs),
        ]
        .into_iter()
        .flatten()
        {
            let _ = writeln!(out, "- {}", cell(&line));
        }
        if stack.other_changes {
            let _ = writeln!(
                out,
                "- other template changes (description, parameter settings, output values)"
            );
        }
        let _ = writeln!(out, "</details>");
    }
    markdown_terraform(&mut out, &diff.terraform);
    out
}

fn markdown_terraform(out: &mut String, terraform: &TerraformDiff) {
    if !terraform.compared {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Terraform: not compared (a side has no <code>terraform/*.tf.json</code>)."
        );
        return;
    }
    if terraform.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "<details><summary>Terraform — {}</summary>",
        terraform_counts(terraform)
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "| | address | changes |");
    let _ = writeln!(out, "| --- | --- | --- |");
    for resource in &terraform.resources {
        let mut details: Vec<String> = resource
            .changes
            .iter()
            .map(|change| {
                let text = markdown_change(change);
                if change.create_only {
                    text.replace(" (create-only)", " (forces replacement)")
                } else {
                    text
                }
            })
            .collect();
        if let ResourceAction::Moved { from } = &resource.action {
            details.insert(0, format!("moved from {}: nothing is replaced", code(from)));
        }
        if !resource.ignored.is_empty() {
            details.push(format!("**note**: {}", cell(&ignored_text(resource))));
        }
        if resource.is_replacement() {
            details.insert(
                0,
                format!(
                    "**replacement**: {}",
                    cell(&terraform_replacement_text(resource))
                ),
            );
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            action_marker(&resource.action),
            code(&resource.address),
            details.join("<br>")
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "</details>");
}

// ---------------------------------------------------------------------------------------------
// JSON

fn json_change(change: &PropertyChange) -> Json {
    let mut object = serde_json::Map::new();
    object.insert("path".to_owned(), json!(change.path));
    object.insert(
        "scope".to_owned(),
        json!(if change.attribute {
            "attribute"
        } else {
            "property"
        }),
    );
    if let Some(before) = &change.before {
        object.insert("before".to_owned(), before.clone());
    }
    if let Some(after) = &change.after {
        object.insert("after".to_owned(), after.clone());
    }
    object.insert("create_only".to_owned(), json!(change.create_only));
    object.insert("interrupts".to_owned(), json!(change.interrupts));
    Json::Object(object)
}

fn json_resource(resource: &ResourceChange) -> Json {
    use meridian_cfn::diff::ReplacementCause;
    let mut object = serde_json::Map::new();
    object.insert("logical_id".to_owned(), json!(resource.logical_id));
    object.insert("type".to_owned(), json!(resource.resource_type));
    object.insert("action".to_owned(), json!(resource.action.as_str()));
    if let ResourceAction::Moved { from } = &resource.action {
        object.insert("previous_logical_id".to_owned(), json!(from));
    }
    object.insert("replacement".to_owned(), json!(resource.is_replacement()));
    object.insert("interruption".to_owned(), json!(resource.is_interruption()));
    object.insert("promotion".to_owned(), json!(resource.is_promotion()));
    let causes: Vec<Json> = resource
        .replacement
        .iter()
        .map(|cause| match cause {
            ReplacementCause::CreateOnly { property } => {
                json!({"cause": "create-only", "property": property})
            }
            ReplacementCause::TypeChanged { from } => {
                json!({"cause": "type-changed", "from": from})
            }
            ReplacementCause::LogicalIdChanged { from } => {
                json!({"cause": "logical-id-changed", "from": from})
            }
            ReplacementCause::DependencyReplaced { property, resource } => {
                json!({"cause": "dependency-replaced", "property": property, "resource": resource})
            }
        })
        .collect();
    object.insert("replacement_causes".to_owned(), Json::Array(causes));
    object.insert(
        "changes".to_owned(),
        Json::Array(resource.changes.iter().map(json_change).collect()),
    );
    object.insert(
        "security".to_owned(),
        Json::Array(
            resource
                .security
                .iter()
                .map(|finding| json!({"rule": finding.rule.code(), "message": finding.message}))
                .collect(),
        ),
    );
    object.insert("notes".to_owned(), json!(resource.notes));
    Json::Object(object)
}

fn json_terraform(terraform: &TerraformDiff) -> Json {
    let resources: Vec<Json> = terraform
        .resources
        .iter()
        .map(|resource| {
            let mut object = serde_json::Map::new();
            object.insert("address".to_owned(), json!(resource.address));
            object.insert("action".to_owned(), json!(resource.action.as_str()));
            if let ResourceAction::Moved { from } = &resource.action {
                object.insert("previous_address".to_owned(), json!(from));
            }
            object.insert("replacement".to_owned(), json!(resource.is_replacement()));
            object.insert("promotion".to_owned(), json!(resource.is_promotion()));
            object.insert("replaced_by".to_owned(), json!(resource.replaced_by));
            object.insert(
                "replaced_through".to_owned(),
                json!(resource.replaced_through),
            );
            object.insert("ignored".to_owned(), json!(resource.ignored));
            object.insert(
                "changes".to_owned(),
                Json::Array(
                    resource
                        .changes
                        .iter()
                        .map(|change| {
                            let mut change_object = json_change(change);
                            if let Json::Object(fields) = &mut change_object {
                                fields.remove("interrupts");
                                let forces =
                                    fields.remove("create_only").unwrap_or(Json::Bool(false));
                                fields.insert("forces_replacement".to_owned(), forces);
                                if change.attribute {
                                    fields.insert("scope".to_owned(), json!("meta-argument"));
                                } else {
                                    fields.insert("scope".to_owned(), json!("argument"));
                                }
                            }
                            change_object
                        })
                        .collect(),
                ),
            );
            Json::Object(object)
        })
        .collect();
    json!({"compared": terraform.compared, "resources": resources})
}

/// The diff for tools: one JSON document (schema in README, "Reviewing changes"), pretty-printed
/// with a trailing newline.
pub fn render_json(before: &str, after: &str, diff: &SynthesisDiff) -> String {
    let summary = diff.summary();
    let document = json!({
        "format": DIFF_JSON_FORMAT,
        "before": before,
        "after": after,
        "summary": {
            "stacks_added": summary.stacks_added,
            "stacks_removed": summary.stacks_removed,
            "stacks_changed": summary.stacks_changed,
            "resources_added": summary.resources_added,
            "resources_removed": summary.resources_removed,
            "resources_changed": summary.resources_changed,
            "replacements": summary.replacements,
            "interruptions": summary.interruptions,
            "security_findings": summary.security_findings,
            "renames": summary.renames,
            "terraform_resources_added": diff.terraform.counts().0,
            "terraform_resources_removed": diff.terraform.counts().1,
            "terraform_resources_changed": diff.terraform.counts().2,
            "terraform_replacements": diff.terraform.replacements(),
        },
        "stacks": diff.stacks.iter().map(|stack| json!({
            "stack": stack.stack,
            "template": stack.template,
            "status": stack.status.as_str(),
            "resources": stack.resources.iter().map(json_resource).collect::<Vec<_>>(),
            "parameters": {"added": stack.parameters.added, "removed": stack.parameters.removed},
            "outputs": {"added": stack.outputs.added, "removed": stack.outputs.removed},
            "other_changes": stack.other_changes,
        })).collect::<Vec<_>>(),
        "renames": diff.renames.iter().map(|rename| json!({
            "kind": rename.kind,
            "from": rename.from,
            "to": rename.to,
            "logical_ids": rename.logical_ids,
        })).collect::<Vec<_>>(),
        "rename_hints": diff.rename_hints.iter().map(|hint| json!({
            "kind": hint.kind,
            "from": hint.from,
            "to": hint.to,
            "replaced": hint.replaced,
            "message": hint.message(),
        })).collect::<Vec<_>>(),
        "terraform": json_terraform(&diff.terraform),
    });
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The row splits at every pipe GitHub sees as unescaped: one a backslash does not escape,
    /// after backslashes have paired up.
    fn splitting_pipes(row: &str) -> usize {
        let mut count = 0;
        let mut characters = row.chars();
        while let Some(character) = characters.next() {
            match character {
                '\\' => {
                    characters.next();
                }
                '|' => count += 1,
                _ => {}
            }
        }
        count
    }

    #[test]
    fn pipes_in_cells_never_split_the_row() {
        for text in ["a|b", r"a\|b", r"a\\|b", r"C:\dir\|x"] {
            let row = format!("| {} | {} |", code(text), cell(text));
            assert_eq!(splitting_pipes(&row), 3, "{row}");
        }
        assert_eq!(code("a|b<c>&"), "<code>a&#124;b&lt;c&gt;&amp;</code>");
        assert_eq!(cell("a|b\nc"), "a&#124;b c");
    }
}
