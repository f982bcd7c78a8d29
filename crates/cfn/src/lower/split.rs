//! A region whose plan places some resources in services units (`plan/src/resolve/split.rs`)
//! is lowered once, as one template, and then divided: each resource goes to the template of the
//! unit the plan placed it in, typed. A reference from one of them to a resource of another
//! (`Ref`, `Fn::GetAtt`, `${...}` in `Fn::Sub`) becomes an output of the producer and a
//! `Fn::GetStackOutput` in the consumer, rewritten while the consumer's template is written
//! (`rewrite.rs`). The region's units are written last to first, so that each unit's outputs
//! are known when its turn comes. It decides nothing: placement and deploy order are the plan's;
//! a reference to a unit that deploys later is a bug in the plan.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value as Json};

use meridian_plan::{LogicalId, UnitId, bug};

use super::rewrite::{Rewrite, Through};
use crate::l1::{GetStackOutput, Output, Resource, ResourceWriter, Template, Value};

/// The position of the application unit among a divided region's units: it deploys first.
const APPLICATION_UNIT: usize = 0;

/// The intrinsics whose references can leave a unit.
const REF: &str = "Ref";
const GET_ATT: &str = "Fn::GetAtt";
const SUB: &str = "Fn::Sub";

/// A divided region: its units and which of them holds each resource.
#[derive(Debug)]
struct Region {
    /// The position in `units` of the unit of each logical ID.
    owners: BTreeMap<String, usize>,
    /// The region's units in deploy order, its application unit first, with their stack names.
    units: Vec<(UnitId, String)>,
}

/// One unit of a divided region, as its template is written.
#[derive(Debug, Clone)]
pub(crate) struct Linking {
    region: Rc<Region>,
    /// Its position among the region's units.
    owner: usize,
}

/// One unit's share of a divided region.
#[derive(Debug)]
pub(crate) struct Share {
    /// Its resources (none for the application unit, whose resources stay in its template).
    pub(crate) resources: BTreeMap<String, Resource>,
    pub(crate) linking: Linking,
}

/// Divides `template`'s resources among `units` (the region's units in deploy order, its
/// application unit first) by `placement` (logical ID → unit; unlisted resources stay in the
/// first unit). Each entry of `units` carries its stack name. The first unit's resources stay in
/// `template`. A `DependsOn` entry naming another unit's resource is dropped: the units' deploy
/// order enforces it.
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
    let region = Rc::new(Region {
        owners: template
            .resources
            .keys()
            .map(|logical| (logical.clone(), position(logical)))
            .collect(),
        units: units.to_vec(),
    });
    let mut shares: Vec<Share> = units
        .iter()
        .enumerate()
        .map(|(owner, _)| Share {
            resources: BTreeMap::new(),
            linking: Linking {
                region: Rc::clone(&region),
                owner,
            },
        })
        .collect();
    for (logical, mut resource) in std::mem::take(&mut template.resources) {
        let owner = region.owners[&logical];
        resource.depends_on.retain(|target| {
            let producer = region.owners.get(target).copied().unwrap_or(owner);
            if producer > owner {
                bug(format_args!(
                    "`{logical}` of {} depends on `{target}` of {}, which deploys after it",
                    region.units[owner].0, region.units[producer].0
                ));
            }
            producer == owner
        });
        if owner == APPLICATION_UNIT {
            template.resources.insert(logical, resource);
        } else {
            shares[owner].resources.insert(logical, resource);
        }
    }
    shares
}

/// The outputs the units of one divided region read from each other, gathered as their templates
/// are written (last to first).
#[derive(Debug, Default)]
pub(crate) struct Exports {
    /// Producer → output name → the output.
    by_producer: BTreeMap<usize, BTreeMap<String, Export>>,
}

/// An output one unit of a divided region declares for others.
#[derive(Debug)]
struct Export {
    value: Value<String>,
    /// The positions of the units that read it.
    readers: BTreeSet<usize>,
}

impl Exports {
    /// Adds to `template`, of the unit `linking` names, the outputs that the region's later units
    /// read from it (all of them are written before it).
    pub(crate) fn declare(&mut self, template: &mut Template, linking: &Linking) {
        let units = &linking.region.units;
        for (name, Export { value, readers }) in
            self.by_producer.remove(&linking.owner).unwrap_or_default()
        {
            let readers: Vec<&str> = readers
                .iter()
                .map(|&reader| units[reader].1.as_str())
                .collect();
            let output = Output {
                description: Some(format!("Read by {}", readers.join(", "))),
                ..Output::new(value)
            };
            if let Err(duplicate) = template.add_output(name, output) {
                bug(format_args!("{duplicate}"));
            }
        }
    }

    /// Whether every output read was declared.
    pub(crate) fn is_empty(&self) -> bool {
        self.by_producer.is_empty()
    }
}

/// The text of `template`, of the divided region's unit `linking` names, with its references to
/// other units of the region rewritten into imports, which `exports` records.
pub(crate) fn render(
    template: &Template,
    linking: &Linking,
    scratch: &mut Vec<u8>,
    exports: &mut Exports,
) -> Result<String, serde_json::Error> {
    // The application unit deploys first, so none of its references can leave it: it is written
    // as it is. Debug builds, which the tests run, still check.
    if linking.owner == APPLICATION_UNIT && !cfg!(debug_assertions) {
        return template.to_json_pretty_in(scratch);
    }
    let relinker = Relinker {
        linker: RefCell::new(Linker {
            owner: linking.owner,
            owners: &linking.region.owners,
            units: &linking.region.units,
            exports: Vec::new(),
        }),
    };
    let text = template.to_json_pretty_through(scratch, &relinker)?;
    for (producer, name, value) in relinker.linker.into_inner().exports {
        let export = exports
            .by_producer
            .entry(producer)
            .or_default()
            .entry(name)
            .or_insert_with(|| Export {
                value: value.clone(),
                readers: BTreeSet::new(),
            });
        if export.value != value {
            bug("two references of one divided region give one output name to two values");
        }
        export.readers.insert(linking.owner);
    }
    Ok(text)
}

/// Writes each resource with its references that leave the unit rewritten.
struct Relinker<'a> {
    linker: RefCell<Linker<'a>>,
}

impl ResourceWriter for Relinker<'_> {
    fn write<T: Serialize + ?Sized, S: Serializer>(
        &self,
        resource: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        Through {
            value: resource,
            rewrite: self,
        }
        .serialize(serializer)
    }
}

impl Rewrite for Relinker<'_> {
    fn wants(&self, key: &str) -> bool {
        [REF, GET_ATT, SUB].contains(&key)
    }

    fn rewrite(&self, key: &str, value: &mut Json) -> Option<Json> {
        let mut linker = self.linker.borrow_mut();
        if let Some(import) = linker.entry_replacement(key, value) {
            return import;
        }
        let before = linker.exports.len();
        let rewritten = if key == SUB {
            // Rewritten in place: most texts name nothing of another unit, and those are written
            // as they were.
            linker.relink_sub(value);
            if linker.exports.len() == before {
                return None;
            }
            Json::Object(Map::from_iter([(key.to_owned(), std::mem::take(value))]))
        } else {
            let mut object =
                Json::Object(Map::from_iter([(key.to_owned(), std::mem::take(value))]));
            linker.relink(&mut object);
            object
        };
        (linker.exports.len() > before).then_some(rewritten)
    }
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
                    if key == SUB {
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
        match map.iter().next() {
            Some((key, value)) if map.len() == 1 => self.entry_replacement(key, value).flatten(),
            _ => None,
        }
    }

    /// For a `Ref` of a resource or an `Fn::GetAtt` of one of its attributes (the single entry
    /// `key`: `value` of a map), the import that replaces the whole map when the resource is
    /// foreign (`Some(None)` when it is not); `None` for anything else.
    fn entry_replacement(&mut self, key: &str, value: &Json) -> Option<Option<Json>> {
        let (target, attribute) = match (key, value) {
            (REF, Json::String(target)) => (target, None),
            (GET_ATT, Json::Array(arguments)) => match arguments.as_slice() {
                [Json::String(target), Json::String(attribute)] => (target, Some(attribute)),
                _ => return None,
            },
            _ => return None,
        };
        Some(
            self.foreign(target)
                .map(|producer| self.import(producer, target, attribute.map(String::as_str))),
        )
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
}
