//! Structural comparison of two JSON values (a resource's properties) into changed paths, read as
//! a reviewer reads them: intrinsic functions are single values, `Key`/`Value` lists (tags, load
//! balancer attributes, environment variables) are maps, lists of named objects are matched by
//! name rather than position, and lists of plain values change as a whole.

use serde_json::Value as Json;

/// One step of a path below a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// An object member.
    Field(String),
    /// A list element, labelled by position (`0`), by its name (`Name=web`) or, in a
    /// `Key`/`Value` list, by its key (`deletion_protection.enabled`).
    Item(String),
}

/// A path below a resource.
pub(crate) type Path = Vec<Step>;

/// `VpcConfig.SubnetIds[0]`, `Tags[team]`, `ContainerDefinitions[Name=web].Image`.
pub(crate) fn render_path(path: &[Step]) -> String {
    let mut text = String::new();
    for step in path {
        match step {
            Step::Field(name) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(name);
            }
            Step::Item(label) => {
                text.push('[');
                text.push_str(label);
                text.push(']');
            }
        }
    }
    text
}

/// A changed path: the value before and after (absent on one side when added or removed).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Change {
    pub path: Path,
    pub before: Option<Json>,
    pub after: Option<Json>,
}

/// Fields that name the objects of a list, in the order they are tried.
const NAMING_FIELDS: &[&str] = &["Name", "Sid", "Id", "ScheduledActionName", "Key"];

/// Whether `value` is a single intrinsic function (`{"Ref": ...}`, `{"Fn::GetAtt": ...}`), which
/// is compared as one value.
pub(crate) fn is_intrinsic(value: &Json) -> bool {
    value.as_object().is_some_and(|object| {
        object.len() == 1
            && object
                .keys()
                .all(|key| key == "Ref" || key == "Condition" || key.starts_with("Fn::"))
    })
}

/// The JSON document a string holds (a dashboard body, a policy written as text), when it is
/// one: an object or a list. A `Fn::Sub` whose template is such a document holds it too (with
/// its variables, compared apart).
fn embedded_document(value: &Json) -> Option<(Json, Option<&Json>)> {
    let parse = |text: &str| {
        let trimmed = text.trim_start();
        if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
            return None;
        }
        serde_json::from_str::<Json>(text)
            .ok()
            .filter(|document| document.is_object() || document.is_array())
    };
    match value {
        Json::String(text) => parse(text).map(|document| (document, None)),
        Json::Object(object) if object.len() == 1 => match object.get("Fn::Sub")? {
            Json::String(text) => parse(text).map(|document| (document, None)),
            Json::Array(parts) => match parts.as_slice() {
                [Json::String(text), variables] => {
                    parse(text).map(|document| (document, Some(variables)))
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// Every changed path between `before` and `after` below `path`, in a stable order. Text that
/// holds a JSON document on both sides is compared as the document, so a dashboard change reads
/// `DashboardBody.widgets[2].properties.title` instead of two kilobytes of escaped text.
pub(crate) fn compare(path: &mut Path, before: &Json, after: &Json, changes: &mut Vec<Change>) {
    if before == after {
        return;
    }
    if let (Some((old, old_variables)), Some((new, new_variables))) =
        (embedded_document(before), embedded_document(after))
    {
        compare(path, &old, &new, changes);
        if old_variables != new_variables {
            path.push(Step::Field("Fn::Sub variables".to_owned()));
            compare_present(path, old_variables, new_variables, changes);
            path.pop();
        }
        return;
    }
    match (before, after) {
        (Json::Object(old), Json::Object(new)) if !is_intrinsic(before) && !is_intrinsic(after) => {
            let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                path.push(Step::Field(key.clone()));
                compare_present(path, old.get(key), new.get(key), changes);
                path.pop();
            }
        }
        (Json::Array(old), Json::Array(new)) => compare_lists(path, old, new, changes),
        _ => changes.push(Change {
            path: path.clone(),
            before: Some(before.clone()),
            after: Some(after.clone()),
        }),
    }
}

/// [`compare`] where either side may be absent.
fn compare_present(
    path: &mut Path,
    before: Option<&Json>,
    after: Option<&Json>,
    changes: &mut Vec<Change>,
) {
    match (before, after) {
        (Some(before), Some(after)) => compare(path, before, after, changes),
        (None, None) => {}
        _ => changes.push(Change {
            path: path.clone(),
            before: before.cloned(),
            after: after.cloned(),
        }),
    }
}

fn compare_lists(path: &mut Path, old: &[Json], new: &[Json], changes: &mut Vec<Change>) {
    let scalar = |items: &[Json]| {
        items
            .iter()
            .all(|item| !item.is_object() && !item.is_array())
    };
    if (scalar(old) && scalar(new)) || old.iter().chain(new).any(is_intrinsic) {
        changes.push(Change {
            path: path.clone(),
            before: Some(Json::Array(old.to_vec())),
            after: Some(Json::Array(new.to_vec())),
        });
        return;
    }
    if let (Some(old_entries), Some(new_entries)) = (key_value_entries(old), key_value_entries(new))
    {
        compare_labelled(path, &old_entries, &new_entries, changes);
        return;
    }
    for field in NAMING_FIELDS {
        if let (Some(old_named), Some(new_named)) = (named(old, field), named(new, field)) {
            compare_labelled(path, &old_named, &new_named, changes);
            return;
        }
    }
    for index in 0..old.len().max(new.len()) {
        path.push(Step::Item(index.to_string()));
        compare_present(path, old.get(index), new.get(index), changes);
        path.pop();
    }
}

/// Compares two lists whose elements carry labels, label by label (in the order of `old`, then
/// the new labels in the order of `new`).
fn find_labelled<'a>(items: &[(String, &'a Json)], label: &str) -> Option<&'a Json> {
    items
        .iter()
        .find(|(candidate, _)| candidate == label)
        .map(|(_, value)| *value)
}

fn compare_labelled(
    path: &mut Path,
    old: &[(String, &Json)],
    new: &[(String, &Json)],
    changes: &mut Vec<Change>,
) {
    let mut labels: Vec<&String> = old.iter().map(|(label, _)| label).collect();
    for (label, _) in new {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    for label in labels {
        path.push(Step::Item(label.clone()));
        compare_present(
            path,
            find_labelled(old, label),
            find_labelled(new, label),
            changes,
        );
        path.pop();
    }
}

/// A `[{Key, Value}]` or `[{Name, Value}]` list as (key, value) pairs, when every element has
/// that shape and keys are unique.
fn key_value_entries(items: &[Json]) -> Option<Vec<(String, &Json)>> {
    let mut entries: Vec<(String, &Json)> = Vec::with_capacity(items.len());
    for item in items {
        let object = item.as_object()?;
        if object.len() != 2 {
            return None;
        }
        let key = object.get("Key").or_else(|| object.get("Name"))?.as_str()?;
        let value = object.get("Value")?;
        if entries.iter().any(|(seen, _)| seen == key) {
            return None;
        }
        entries.push((key.to_owned(), value));
    }
    Some(entries)
}

/// A list of objects named by `field` as (`field=name`, object) pairs, when every element has a
/// distinct string `field`.
fn named<'a>(items: &'a [Json], field: &str) -> Option<Vec<(String, &'a Json)>> {
    let mut entries: Vec<(String, &Json)> = Vec::with_capacity(items.len());
    for item in items {
        let name = item.as_object()?.get(field)?.as_str()?;
        let label = format!("{field}={name}");
        if entries.iter().any(|(seen, _)| *seen == label) {
            return None;
        }
        entries.push((label, item));
    }
    Some(entries)
}

/// The values at a create-only property path (`HealthCheckConfig.Type`, `*` for every list
/// element) in `value`, in document order; empty when absent.
pub(crate) fn select<'a>(value: &'a Json, path: &[&str]) -> Vec<&'a Json> {
    let Some((first, rest)) = path.split_first() else {
        return vec![value];
    };
    match (*first, value) {
        ("*", Json::Array(items)) => items.iter().flat_map(|item| select(item, rest)).collect(),
        (name, Json::Object(object)) if !is_intrinsic(value) => object
            .get(name)
            .map(|child| select(child, rest))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Whether a changed path and a create-only property path overlap: one is a prefix of the other,
/// `*` matching any list element.
pub(crate) fn overlaps(path: &[Step], create_only: &[&str]) -> bool {
    path.iter()
        .zip(create_only)
        .all(|(step, pattern)| match step {
            Step::Field(name) => name == pattern,
            Step::Item(_) => *pattern == "*",
        })
}

/// The logical IDs `value` refers to with `Ref`, `Fn::GetAtt` or `${...}` in `Fn::Sub`
/// (pseudo parameters such as `AWS::Region` included; callers compare against resource IDs).
pub(crate) fn references(value: &Json, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Json::Object(object) => {
            for (key, child) in object {
                match (key.as_str(), child) {
                    ("Ref", Json::String(name)) => {
                        out.insert(name.clone());
                    }
                    ("Fn::GetAtt", Json::Array(parts)) => {
                        if let Some(Json::String(name)) = parts.first() {
                            out.insert(name.clone());
                        }
                    }
                    ("Fn::GetAtt", Json::String(dotted)) => {
                        out.insert(dotted.split('.').next().unwrap_or(dotted).to_owned());
                    }
                    ("Fn::Sub", sub) => {
                        let text = match sub {
                            Json::String(text) => Some(text.as_str()),
                            Json::Array(parts) => parts.first().and_then(Json::as_str),
                            _ => None,
                        };
                        for name in text.into_iter().flat_map(|text| text.split("${").skip(1)) {
                            if let Some(end) = name.find('}') {
                                let name = &name[..end];
                                out.insert(name.split('.').next().unwrap_or(name).to_owned());
                            }
                        }
                        references(sub, out);
                    }
                    _ => references(child, out),
                }
            }
        }
        Json::Array(items) => items.iter().for_each(|item| references(item, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn changes(before: &Json, after: &Json) -> Vec<(String, Option<Json>, Option<Json>)> {
        let mut found = Vec::new();
        compare(&mut Vec::new(), before, after, &mut found);
        found
            .into_iter()
            .map(|change| (render_path(&change.path), change.before, change.after))
            .collect()
    }

    #[test]
    fn nested_members_and_intrinsics() {
        let before = json!({"A": {"B": 1, "C": {"Ref": "X"}}, "D": "same"});
        let after = json!({"A": {"B": 2, "C": {"Ref": "Y"}}, "D": "same", "E": true});
        assert_eq!(
            changes(&before, &after),
            vec![
                ("A.B".into(), Some(json!(1)), Some(json!(2))),
                (
                    "A.C".into(),
                    Some(json!({"Ref": "X"})),
                    Some(json!({"Ref": "Y"}))
                ),
                ("E".into(), None, Some(json!(true))),
            ]
        );
    }

    #[test]
    fn key_value_lists_are_maps_and_named_lists_match_by_name() {
        let before = json!({
            "Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}],
            "Defs": [{"Name": "web", "Image": "x"}, {"Name": "side", "Image": "y"}],
            "Ids": ["a", "b"]
        });
        let after = json!({
            "Tags": [{"Key": "b", "Value": "3"}, {"Key": "a", "Value": "1"}],
            "Defs": [{"Name": "side", "Image": "y"}, {"Name": "web", "Image": "z"}],
            "Ids": ["a", "b", "c"]
        });
        assert_eq!(
            changes(&before, &after),
            vec![
                (
                    "Defs[Name=web].Image".into(),
                    Some(json!("x")),
                    Some(json!("z"))
                ),
                (
                    "Ids".into(),
                    Some(json!(["a", "b"])),
                    Some(json!(["a", "b", "c"]))
                ),
                ("Tags[b]".into(), Some(json!("2")), Some(json!("3"))),
            ]
        );
    }

    #[test]
    fn json_documents_in_text_are_compared_as_documents() {
        let body = |title: &str| json!({"Fn::Sub": [format!("{{\"widgets\":[{{\"properties\":{{\"title\":\"{title}\"}}}}]}}"), {"A": "x"}]});
        assert_eq!(
            changes(&json!({"Body": body("Old")}), &json!({"Body": body("New")})),
            vec![(
                "Body.widgets[0].properties.title".into(),
                Some(json!("Old")),
                Some(json!("New"))
            )]
        );
        let policy = |action: &str| {
            json!(format!(
                "{{\"Statement\":[{{\"Sid\":\"Read\",\"Action\":\"{action}\"}}]}}"
            ))
        };
        assert_eq!(
            changes(
                &json!({"policy": policy("s3:Get")}),
                &json!({"policy": policy("s3:*")})
            ),
            vec![(
                "policy.Statement[Sid=Read].Action".into(),
                Some(json!("s3:Get")),
                Some(json!("s3:*"))
            )]
        );
        // Text that is not a document stays one value.
        assert_eq!(changes(&json!("{not json"), &json!("{x")).len(), 1);
    }

    #[test]
    fn create_only_paths_select_and_overlap() {
        let value = json!({"Config": {"Type": "HTTPS"}, "Rules": [{"Id": 1}, {"Id": 2}]});
        assert_eq!(select(&value, &["Config", "Type"]), vec![&json!("HTTPS")]);
        assert_eq!(select(&value, &["Rules", "*", "Id"]).len(), 2);
        assert!(select(&value, &["Missing"]).is_empty());
        let path = vec![Step::Field("Rules".into()), Step::Item("0".into())];
        assert!(overlaps(&path, &["Rules", "*", "Id"]));
        assert!(!overlaps(&path, &["Config"]));
    }
}
