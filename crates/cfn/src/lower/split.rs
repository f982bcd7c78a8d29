//! A region whose plan places some resources in services units (`plan/src/resolve/split.rs`)
//! is lowered once, as one template, and then divided: each resource goes to the template of the
//! unit the plan placed it in, and a reference from one of them to a resource of another
//! (`Ref`, `Fn::GetAtt`, `${...}` in `Fn::Sub`) becomes an output of the producer and a
//! `Fn::GetStackOutput` in the consumer. It decides nothing: placement and deploy order are the
//! plan's; a reference to a unit that deploys later is a bug in the plan.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};

use meridian_plan::{LogicalId, UnitId, bug};

use crate::l1::{GetStackOutput, Output, Template, Value};

/// The position of the application unit among a divided region's units: it deploys first.
const APPLICATION_UNIT: usize = 0;

/// One unit's share of a divided region.
#[derive(Debug)]
pub(crate) struct Share {
    /// Its resources, as JSON.
    pub(crate) resources: BTreeMap<String, Json>,
    /// The outputs other units of the region read from it, by name.
    pub(crate) outputs: BTreeMap<String, Output>,
}

/// Divides `template`'s resources among `units` (the region's units in deploy order, its
/// application unit first) by `placement` (logical ID → unit; unlisted resources stay in the
/// first unit). Each entry of `units` carries its stack name. The first unit's resources stay in
/// `template`, typed; its share holds only the outputs the others read.
pub(crate) fn divide(
    template: &mut Template,
    placement: &BTreeMap<LogicalId, UnitId>,
    units: &[(UnitId, String)],
) -> Vec<Share> {
    let position = |logical: &str| -> usize {
        let unit = placement.get(logical);
        unit.and_then(|unit| units.iter().position(|(id, _)| id == unit))
            .unwrap_or(APPLICATION_UNIT)
    };
    let mut shares: Vec<Share> = units
        .iter()
        .map(|_| Share {
            resources: BTreeMap::new(),
            outputs: BTreeMap::new(),
        })
        .collect();
    let owners: BTreeMap<String, usize> = template
        .resources
        .keys()
        .map(|logical| (logical.clone(), position(logical)))
        .collect();
    let resources = std::mem::take(&mut template.resources);
    for (logical, resource) in resources {
        let owner = owners[&logical];
        if owner == APPLICATION_UNIT {
            // The application unit deploys first, so none of its references can leave it: its
            // resources stay typed (a JSON round trip of each was a fifth of CloudFormation's
            // time at 20 regions x 50 services). Debug builds, which the tests run, still check.
            if cfg!(debug_assertions) {
                link(&resource, &logical, owner, &owners, units);
            }
            template.resources.insert(logical, resource);
            continue;
        }
        let (json, exports) = link(&resource, &logical, owner, &owners, units);
        for (producer, name, value) in exports {
            let consumer_stack = &units[owner].1;
            let output = shares[producer]
                .outputs
                .entry(name)
                .or_insert_with(|| Output::new(value.clone()));
            if output.value != value {
                bug("two references of one divided region give one output name to two values");
            }
            output.description = Some(match output.description.take() {
                None => format!("Read by {consumer_stack}"),
                Some(description) if description.contains(consumer_stack.as_str()) => description,
                Some(description) => format!("{description}, {consumer_stack}"),
            });
        }
        shares[owner].resources.insert(logical, json);
    }
    shares
}

/// `resource` (of the unit at `owner`) as JSON with its references that leave the unit
/// rewritten, and the (producer, output name, value) of each.
fn link(
    resource: &impl serde::Serialize,
    logical: &str,
    owner: usize,
    owners: &BTreeMap<String, usize>,
    units: &[(UnitId, String)],
) -> (Json, Vec<(usize, String, Value<String>)>) {
    let mut json = serde_json::to_value(resource)
        .unwrap_or_else(|error| bug(format_args!("a resource does not serialize: {error}")));
    let mut linker = Linker {
        owner,
        owners,
        units,
        exports: Vec::new(),
    };
    linker.relink(&mut json);
    linker.drop_crossing_depends_on(logical, &mut json);
    (json, linker.exports)
}

/// `{"Fn::GetStackOutput": {"OutputName": …, "StackName": …}}`: an output of a stack of the same
/// region.
fn get_stack_output_json(stack_name: String, output_name: String) -> Json {
    let arguments = Map::from_iter([
        ("OutputName".to_owned(), Json::String(output_name)),
        ("StackName".to_owned(), Json::String(stack_name)),
    ]);
    Json::Object(Map::from_iter([(
        "Fn::GetStackOutput".to_owned(),
        Json::Object(arguments),
    )]))
}

/// The output (and `Fn::Sub` variable) that carries `logical`'s `Ref`, or its `attribute`.
fn output_name(logical: &str, attribute: Option<&str>) -> String {
    match attribute {
        None => format!("{logical}Ref"),
        Some(attribute) => format!("{logical}{}", attribute.replace('.', "")),
    }
}

/// Rewrites the references of one resource that leave its unit.
struct Linker<'a> {
    owner: usize,
    owners: &'a BTreeMap<String, usize>,
    units: &'a [(UnitId, String)],
    /// (producer, output name, output value) of each reference rewritten.
    exports: Vec<(usize, String, Value<String>)>,
}

impl Linker<'_> {
    /// The producer of `logical` when it is a resource of another unit of the region.
    fn foreign(&self, logical: &str) -> Option<usize> {
        let producer = *self.owners.get(logical)?;
        if producer == self.owner {
            return None;
        }
        if producer > self.owner {
            bug(format_args!(
                "a resource of {} refers to `{logical}` of {}, which deploys after it",
                self.units[self.owner].0, self.units[producer].0
            ));
        }
        Some(producer)
    }

    /// The value that reads `logical` (its `Ref`, or its `attribute`) in the consumer.
    fn import(&mut self, producer: usize, logical: &str, attribute: Option<&str>) -> Json {
        let name = output_name(logical, attribute);
        let value = match attribute {
            None => Value::r#ref(logical),
            Some(attribute) => Value::get_att(logical, attribute),
        };
        self.exports.push((producer, name.clone(), value));
        let stack_name = self.units[producer].1.clone();
        // Built as JSON directly (13,308 imports at 20 regions x 50 services); debug builds, which
        // the tests run, check it against the typed value's serialization.
        if cfg!(debug_assertions) {
            let read: Value<String> =
                Value::get_stack_output(GetStackOutput::new(stack_name.clone(), name.clone()));
            let typed = serde_json::to_value(&read)
                .unwrap_or_else(|error| bug(format_args!("an import does not serialize: {error}")));
            let direct = get_stack_output_json(stack_name.clone(), name.clone());
            if typed != direct {
                bug(format_args!(
                    "an import's JSON is {direct}, its typed value {typed}"
                ));
            }
        }
        get_stack_output_json(stack_name, name)
    }

    fn relink(&mut self, json: &mut Json) {
        match json {
            Json::Object(map) => {
                if let Some(replacement) = self.replacement(map) {
                    *json = replacement;
                    return;
                }
                // One pass over the keys (the exports' order does not matter: they are
                // gathered by name).
                for (key, nested) in map.iter_mut() {
                    if key == "Fn::Sub" {
                        self.relink_sub(nested);
                    } else {
                        self.relink(nested);
                    }
                }
            }
            Json::Array(items) => {
                for item in items {
                    self.relink(item);
                }
            }
            _ => {}
        }
    }

    /// The import that replaces a whole `Ref` or `Fn::GetAtt` of a foreign resource.
    fn replacement(&mut self, map: &Map<String, Json>) -> Option<Json> {
        if map.len() != 1 {
            return None;
        }
        if let Some(Json::String(target)) = map.get("Ref") {
            let producer = self.foreign(target)?;
            let target = target.clone();
            return Some(self.import(producer, &target, None));
        }
        if let Some(Json::Array(arguments)) = map.get("Fn::GetAtt")
            && let [Json::String(target), Json::String(attribute)] = arguments.as_slice()
        {
            let producer = self.foreign(target)?;
            let (target, attribute) = (target.clone(), attribute.clone());
            return Some(self.import(producer, &target, Some(&attribute)));
        }
        None
    }

    /// `${Name}` and `${Name.Attribute}` of a foreign resource become variables of the `Fn::Sub`.
    fn relink_sub(&mut self, sub: &mut Json) {
        let (text, mut variables) = match sub {
            Json::String(text) => (text.clone(), Map::new()),
            Json::Array(parts) => match parts.as_mut_slice() {
                [Json::String(text), Json::Object(variables)] => {
                    for value in variables.values_mut() {
                        self.relink(value);
                    }
                    (text.clone(), std::mem::take(variables))
                }
                _ => return,
            },
            _ => return,
        };
        let mut rewritten = String::with_capacity(text.len());
        let mut rest = text.as_str();
        let mut changed = false;
        while let Some(start) = rest.find("${") {
            rewritten.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                rewritten.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let body = &after[..end];
            let (target, attribute) = match body.split_once('.') {
                Some((target, attribute)) => (target, Some(attribute)),
                None => (body, None),
            };
            let local = variables.contains_key(body);
            match (!body.starts_with('!') && !local)
                .then(|| self.foreign(target))
                .flatten()
            {
                Some(producer) => {
                    let import = self.import(producer, target, attribute);
                    let variable = output_name(target, attribute);
                    variables.insert(variable.clone(), import);
                    rewritten.push_str(&format!("${{{variable}}}"));
                    changed = true;
                }
                None => rewritten.push_str(&rest[start..start + 2 + end + 1]),
            }
            rest = &after[end + 1..];
        }
        rewritten.push_str(rest);
        if changed || !variables.is_empty() {
            *sub = if variables.is_empty() {
                Json::String(rewritten)
            } else {
                Json::Array(vec![Json::String(rewritten), Json::Object(variables)])
            };
        }
    }

    /// `DependsOn` entries naming another unit's resources: the unit's deploy order enforces
    /// them.
    fn drop_crossing_depends_on(&self, logical: &str, json: &mut Json) {
        let Some(resource) = json.as_object_mut() else {
            return;
        };
        let keep = |target: &Json| {
            target.as_str().is_none_or(|target| {
                let producer = self.owners.get(target).copied().unwrap_or(self.owner);
                if producer > self.owner {
                    bug(format_args!(
                        "`{logical}` of {} depends on `{target}` of {}, which deploys after it",
                        self.units[self.owner].0, self.units[producer].0
                    ));
                }
                producer == self.owner
            })
        };
        let emptied = match resource.get_mut("DependsOn") {
            Some(Json::Array(targets)) => {
                targets.retain(keep);
                targets.is_empty()
            }
            Some(target @ Json::String(_)) => !keep(target),
            _ => false,
        };
        if emptied {
            resource.remove("DependsOn");
        }
    }
}
