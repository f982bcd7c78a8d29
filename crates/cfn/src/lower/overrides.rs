//! The stack's escape hatches, applied to a unit's finished template as the last step of
//! lowering: the plan checked every override against the resources as they are written here
//! (`meridian_plan::overrides::check`), so this only edits JSON. It also lists the resources as
//! written before any override, which is what that check reads.

use meridian_plan::overrides::EmittedResource;
use meridian_plan::{OverridePlan, UnitId, bug};

use crate::l1::Template;

/// The key of a resource's properties in a template.
const PROPERTIES: &str = "Properties";
/// The key of a resource's type in a template.
const TYPE: &str = "Type";

/// Applies every override of `unit`'s template whose resource the template holds: the resource
/// is held as JSON from then on.
pub(crate) fn apply_overrides(template: &mut Template, unit: &UnitId, overrides: &[OverridePlan]) {
    for override_plan in overrides
        .iter()
        .filter(|override_plan| override_plan.applies_to_unit(unit))
    {
        let logical = override_plan.resource.as_str();
        if let Some(resource) = template.resources.remove(logical) {
            let json = serde_json::to_value(&resource).unwrap_or_else(|error| {
                bug(format_args!("a resource does not serialize: {error}"))
            });
            template.raw_resources.insert(logical.to_owned(), json);
        }
        let Some(serde_json::Value::Object(resource)) = template.raw_resources.get_mut(logical)
        else {
            continue;
        };
        let properties = resource
            .entry(PROPERTIES)
            .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
        for change in &override_plan.changes {
            change.apply(properties);
        }
    }
}

/// Every resource of `template` as written, before any override.
pub(crate) fn emitted_resources(template: &Template, unit: &UnitId) -> Vec<EmittedResource> {
    let typed = template.resources.iter().map(|(logical, resource)| {
        let json = serde_json::to_value(resource)
            .unwrap_or_else(|error| bug(format_args!("a resource does not serialize: {error}")));
        (logical, json)
    });
    let raw = template
        .raw_resources
        .iter()
        .map(|(logical, json)| (logical, json.clone()));
    typed
        .chain(raw)
        .map(|(logical, json)| EmittedResource {
            unit: Some(unit.clone()),
            id: logical.clone(),
            resource_type: json[TYPE].as_str().unwrap_or_default().to_owned(),
            body: json
                .get(PROPERTIES)
                .cloned()
                .unwrap_or_else(|| serde_json::Value::Object(serde_json::Map::new())),
        })
        .collect()
}
