//! The check that every reference of a template resolves: each `Ref` names a parameter, a resource or a
//! pseudo parameter; each `Fn::GetAtt` (and `${Id.Attribute}` of `Fn::Sub`) names a resource and an
//! attribute its type has; each `DependsOn` names a resource. Tests run it on every synthesized
//! template; it decides nothing about what the template holds.

use serde_json::Value as Json;

use super::RESOURCE_TYPES;

/// Every unresolved reference of `template`, one message each (empty when all resolve).
pub fn unresolved_references(template: &Json) -> Vec<String> {
    let section = |name: &str| template.get(name).and_then(Json::as_object);
    let resources = section("Resources");
    let has_parameter = |id: &str| section("Parameters").is_some_and(|map| map.contains_key(id));
    let type_of = |id: &str| {
        resources
            .and_then(|map| map.get(id))
            .and_then(|resource| resource["Type"].as_str())
    };
    let mut problems = Vec::new();
    let check_attribute = |id: &str, attribute: &str, problems: &mut Vec<String>| match type_of(id)
    {
        None => problems.push(format!("Fn::GetAtt names `{id}`, which is not a resource")),
        Some(type_name) => {
            let known = RESOURCE_TYPES
                .iter()
                .find(|(name, _)| *name == type_name)
                .is_some_and(|(_, attributes)| attributes.contains(&attribute));
            if !known {
                problems.push(format!(
                    "`{id}` ({type_name}) has no attribute `{attribute}`"
                ));
            }
        }
    };
    let mut stack = vec![template];
    while let Some(value) = stack.pop() {
        match value {
            Json::Array(items) => stack.extend(items),
            Json::Object(map) => {
                if let Some(target) = map.get("Ref").and_then(Json::as_str)
                    && !target.starts_with("AWS::")
                    && !has_parameter(target)
                    && type_of(target).is_none()
                {
                    problems.push(format!("Ref `{target}` names nothing in the template"));
                }
                if let Some([id, attribute]) = map
                    .get("Fn::GetAtt")
                    .and_then(Json::as_array)
                    .map(Vec::as_slice)
                    && let (Some(id), Some(attribute)) = (id.as_str(), attribute.as_str())
                {
                    check_attribute(id, attribute, &mut problems);
                }
                let sub = map.get("Fn::Sub");
                let (text, variables) = match sub {
                    Some(Json::String(text)) => (Some(text.as_str()), None),
                    Some(Json::Array(parts)) => {
                        (parts.first().and_then(Json::as_str), parts.get(1))
                    }
                    _ => (None, None),
                };
                for name in text.into_iter().flat_map(sub_names) {
                    let local = variables.is_some_and(|variables| variables.get(name).is_some());
                    match name.split_once('.') {
                        _ if local || name.starts_with("AWS::") || name.starts_with('!') => {}
                        Some((id, attribute)) => check_attribute(id, attribute, &mut problems),
                        None if has_parameter(name) || type_of(name).is_some() => {}
                        None => problems.push(format!("Fn::Sub `${{{name}}}` names nothing")),
                    }
                }
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    for (id, resource) in resources.into_iter().flatten() {
        let depends_on = match &resource["DependsOn"] {
            Json::String(one) => vec![one.as_str()],
            Json::Array(many) => many.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        for target in depends_on {
            if type_of(target).is_none() {
                problems.push(format!(
                    "`{id}` depends on `{target}`, which is not a resource"
                ));
            }
        }
    }
    problems.sort();
    problems
}

/// The names inside `${...}` of a `Fn::Sub` template (`${!Literal}` escapes stay with their `!`).
fn sub_names(text: &str) -> Vec<&str> {
    text.split("${")
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}
