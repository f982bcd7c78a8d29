//! Environments: a stack file's base and its named overlays (`environments:`), merged into one
//! stack document per environment before serde types it. Must not apply defaults or judge
//! values: the merged document is read by the same loader as any other stack, so an overlay is
//! validated exactly like the base.
//!
//! The merge works on the YAML tree with each node's position in the user's file. The merged
//! tree is written out as block YAML (every scalar as the user wrote it: plain scalars stay
//! plain, so `8080` stays a number and `"8080"` a string), and a table of the written lines says
//! where each came from, so that every position serde or the plan reports about the merged
//! document points at the base or the overlay line that supplied the value.
//!
//! Merge rules (README, "Environments"): mappings merge key by key; a `null` value in an overlay
//! removes the key; lists of named entities ([`ENTITY_KEYS`]) merge item by item, matched by
//! their key (`code` for regions, `port` for listeners, `name` for most), an unmatched item is
//! added, and an item `{<key>: <value>, remove: true}` removes the base's entity; every other
//! list, and every scalar, is replaced wholesale.

use std::collections::{BTreeSet, HashMap};

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::codes;
use crate::diagnostic::{Diagnostic, Position};
use crate::path::{Segment, StackPath};
use crate::suggest::closest;

/// The top-level key that declares environments.
pub const ENVIRONMENTS_KEY: &str = "environments";

/// The key of an overlay's list item that removes the base's entity of the same name.
pub const REMOVE_KEY: &str = "remove";

/// Longest environment name: it suffixes the stack name in every physical name.
pub const ENVIRONMENT_NAME_LIMIT: usize = 12;

/// Lists whose items are entities matched by a key when an overlay is merged, by path (list
/// keys joined with `.`, without indices) and the key. Every other list is replaced wholesale
/// (`acknowledge`, lists of scalars); a test keeps this table complete against the schema.
pub const ENTITY_KEYS: &[(&str, &str)] = &[
    ("regions", "code"),
    ("services", "name"),
    ("services.scaling.schedules", "name"),
    ("buckets", "name"),
    ("buckets.replication", "destination"),
    ("database.read_replicas", "region"),
    ("load_balancer.listeners", "port"),
    ("load_balancer.listeners.rules", "priority"),
    ("load_balancer.target_groups", "name"),
    ("load_balancers", "name"),
    ("load_balancers.listeners", "port"),
    ("load_balancers.listeners.rules", "priority"),
    ("load_balancers.target_groups", "name"),
    ("dns.hosts", "name"),
    ("notifications", "name"),
    ("alerts", "name"),
    ("dashboards", "name"),
    ("dashboards.widgets", "title"),
];

/// Lists of mappings replaced wholesale by an overlay, on purpose: acknowledgements are pairs of
/// code and path, and overrides are edits of a resource (several may edit one, in different
/// regions), neither with a name of its own.
pub const WHOLESALE_LISTS: &[&str] = &[
    "acknowledge",
    "overrides.cloudformation",
    "overrides.terraform",
];

/// One value an environment's overlay changed, for `meridian plan --env`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlayChange {
    /// Where it is in the environment's stack (`regions[0].services`), or, for a removed
    /// entity, where it was in the base.
    pub path: StackPath,
    /// What the overlay wrote: the scalar, `a mapping`, `3 items`, or `removed`.
    pub value: String,
    /// The overlay's line.
    pub overlay: Position,
    /// The base's value and where it is, when the base had one.
    pub base: Option<(String, Position)>,
}

/// A scalar as written.
#[derive(Debug, Clone)]
struct Scalar {
    value: String,
    style: ScalarStyle,
    /// The tag as written (`!!str`), when there is one.
    tag: Option<String>,
}

impl Scalar {
    fn is_null(&self) -> bool {
        self.tag.is_none()
            && self.style == ScalarStyle::Plain
            && matches!(self.value.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }

    /// The scalar as this module writes it: plain scalars as they were (they cannot hold
    /// anything that changes meaning in block context), every other one double-quoted with JSON
    /// escapes, which YAML's double-quoted style reads alike.
    fn written(&self) -> String {
        let text = if self.style == ScalarStyle::Plain && !self.value.contains('\n') {
            self.value.clone()
        } else {
            serde_json::Value::String(self.value.clone()).to_string()
        };
        match &self.tag {
            Some(tag) => format!("{tag} {text}"),
            None => text,
        }
    }
}

#[derive(Debug, Clone)]
enum Kind {
    Scalar(Scalar),
    Mapping(Vec<Entry>),
    Sequence(Vec<Node>),
}

#[derive(Debug, Clone)]
struct Entry {
    key: Scalar,
    key_at: Position,
    value: Node,
}

/// A YAML node with where it starts in the user's file.
#[derive(Debug, Clone)]
struct Node {
    at: Position,
    kind: Kind,
    /// The base's scalar this overlay node replaced, and where it was.
    replaced: Option<Box<(String, Position)>>,
}

impl Node {
    fn entries(&self) -> &[Entry] {
        match &self.kind {
            Kind::Mapping(entries) => entries,
            _ => &[],
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|entry| entry.key.value == key)
            .map(|entry| &entry.value)
    }

    fn scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            Kind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        self.scalar().is_some_and(Scalar::is_null)
    }

    /// The node in a few words, for `meridian plan --env`.
    fn summary(&self) -> String {
        match &self.kind {
            Kind::Scalar(scalar) if scalar.is_null() => "null".to_owned(),
            Kind::Scalar(scalar) => scalar.value.clone(),
            Kind::Mapping(_) => "a mapping".to_owned(),
            Kind::Sequence(items) if items.len() == 1 => "1 item".to_owned(),
            Kind::Sequence(items) => format!("{} items", items.len()),
        }
    }
}

fn position(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

enum Building {
    Mapping {
        at: Position,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(Scalar, Position)>,
    },
    Sequence {
        at: Position,
        anchor: usize,
        items: Vec<Node>,
    },
}

/// The document's tree, aliases replaced by copies of their anchors' nodes. `None` when the text
/// does not parse or uses a collection as a key: the caller has already mapped the text, which
/// reports syntax errors, and stack files use scalar keys only.
fn parse(text: &str) -> Option<Node> {
    let mut open: Vec<Building> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        let at = position(&span);
        let finished = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let tag = tag.map(|tag| format!("{}{}", tag.original_handle(), tag.suffix()));
                let node = Node {
                    at,
                    kind: Kind::Scalar(Scalar {
                        value: value.into_owned(),
                        style,
                        tag,
                    }),
                    replaced: None,
                };
                Some((anchor, node))
            }
            Event::Alias(anchor) => {
                let mut node = anchors.get(&anchor)?.clone();
                node.at = at;
                Some((0, node))
            }
            Event::MappingStart(_, anchor, _) => {
                open.push(Building::Mapping {
                    at,
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
                None
            }
            Event::SequenceStart(_, anchor, _) => {
                open.push(Building::Sequence {
                    at,
                    anchor,
                    items: Vec::new(),
                });
                None
            }
            Event::MappingEnd | Event::SequenceEnd => match open.pop()? {
                Building::Mapping {
                    at,
                    anchor,
                    entries,
                    ..
                } => Some((
                    anchor,
                    Node {
                        at,
                        kind: Kind::Mapping(entries),
                        replaced: None,
                    },
                )),
                Building::Sequence { at, anchor, items } => Some((
                    anchor,
                    Node {
                        at,
                        kind: Kind::Sequence(items),
                        replaced: None,
                    },
                )),
            },
            _ => None,
        };
        let Some((anchor, node)) = finished else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match open.last_mut() {
            None => root = Some(node),
            Some(Building::Sequence { items, .. }) => items.push(node),
            Some(Building::Mapping { entries, key, .. }) => match key.take() {
                Some((key, key_at)) => entries.push(Entry {
                    key,
                    key_at,
                    value: node,
                }),
                None => match node.kind {
                    Kind::Scalar(scalar) => *key = Some((scalar, node.at)),
                    _ => return None,
                },
            },
        }
    }
    root
}

/// Where each line of a written document came from: the key's and the value's columns on the
/// written line and their positions in the user's file.
#[derive(Debug, Clone, Copy, Default)]
struct LineOrigin {
    key: Option<(usize, Position)>,
    value: Option<(usize, Position)>,
}

/// A merged document as written, and where each of its lines came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Written {
    pub(crate) text: String,
    lines: Vec<LineOrigin>,
}

impl Written {
    /// Where a position in the written text came from in the user's file.
    pub(crate) fn origin(&self, at: Position) -> Position {
        let Some(line) = at
            .line
            .checked_sub(1)
            .and_then(|index| self.lines.get(index).or(self.lines.last()))
        else {
            return at;
        };
        let shift = |(column, origin): (usize, Position)| Position {
            line: origin.line,
            column: origin.column + at.column.saturating_sub(column),
        };
        match (line.key, line.value) {
            (_, Some(value)) if at.column >= value.0 => shift(value),
            (Some(key), _) => shift(key),
            (None, Some(value)) => value.1,
            (None, None) => at,
        }
    }

    fn line(&mut self, text: &str, origin: LineOrigin) {
        self.text.push_str(text.trim_end());
        self.text.push('\n');
        self.lines.push(origin);
    }

    fn node(&mut self, node: &Node, indent: usize) {
        match &node.kind {
            Kind::Mapping(entries) => {
                for entry in entries {
                    let key = entry.key.written();
                    let head = format!("{:indent$}{key}:", "");
                    self.child(&head, (indent + 1, entry.key_at), &entry.value, indent);
                }
            }
            Kind::Sequence(items) => {
                for item in items {
                    let head = format!("{:indent$}-", "");
                    self.child(&head, (indent + 1, item.at), item, indent);
                }
            }
            Kind::Scalar(_) => {
                // A root scalar never reaches here: the loader refuses documents that are not
                // mappings before merging.
            }
        }
    }

    /// A key or a list item (`head`, starting at `start`) and its value.
    fn child(&mut self, head: &str, start: (usize, Position), value: &Node, indent: usize) {
        let key = Some(start);
        match &value.kind {
            Kind::Scalar(scalar) => {
                let column = head.chars().count() + 2;
                self.line(
                    &format!("{head} {}", scalar.written()),
                    LineOrigin {
                        key,
                        value: Some((column, value.at)),
                    },
                );
            }
            Kind::Mapping(entries) if entries.is_empty() => {
                let value = Some((head.chars().count() + 2, value.at));
                self.line(&format!("{head} {{}}"), LineOrigin { key, value });
            }
            Kind::Sequence(items) if items.is_empty() => {
                let value = Some((head.chars().count() + 2, value.at));
                self.line(&format!("{head} []"), LineOrigin { key, value });
            }
            _ => {
                self.line(head, LineOrigin { key, value: None });
                self.node(value, indent + 2);
            }
        }
    }
}

/// An environment's merged document.
#[derive(Debug, Clone)]
pub(crate) struct Merged {
    /// The environment's name.
    pub(crate) name: String,
    /// The document as written, with where each line came from.
    pub(crate) written: Written,
    /// What the overlay changed.
    pub(crate) changes: Vec<OverlayChange>,
}

/// Every environment of a file that declares `environments:`, merged, or every mistake in the
/// declaration and the overlays.
pub(crate) fn merge_environments(text: &str) -> Result<Vec<Merged>, Vec<Diagnostic>> {
    let Some(root) = parse(text) else {
        return Err(vec![
            Diagnostic::new(
                codes::E013,
                StackPath::root(),
                "the file cannot be read as a stack: a mapping or a list is used as a key",
            )
            .with_help("write every key as a plain word, as stacks/stack.schema.json does"),
        ]);
    };
    let declared_at = StackPath::root().key(ENVIRONMENTS_KEY);
    let Kind::Mapping(entries) = &root.kind else {
        return Ok(Vec::new());
    };
    let mut base_entries = Vec::new();
    let mut declaration = None;
    for entry in entries {
        if entry.key.value == ENVIRONMENTS_KEY {
            declaration = Some(entry);
        } else {
            base_entries.push(entry.clone());
        }
    }
    let base = Node {
        at: root.at,
        kind: Kind::Mapping(base_entries),
        replaced: None,
    };
    let Some(declaration) = declaration else {
        return Ok(Vec::new());
    };
    let mut diagnostics = Vec::new();
    let overlays = match &declaration.value.kind {
        Kind::Mapping(overlays) if !overlays.is_empty() => overlays,
        _ => {
            return Err(vec![
                Diagnostic::new(
                    codes::E014,
                    declared_at,
                    "`environments` must map each environment's name to its overlay, and name at least one",
                )
                .with_help("write `environments:` with a key per environment, e.g. `staging:` holding what differs from the base (an empty `{}` keeps the base as is)")
                .at(declaration.key_at),
            ]);
        }
    };
    let mut merged = Vec::new();
    for overlay in overlays {
        let name = &overlay.key.value;
        let path = declared_at.key(name);
        if let Some(problem) = environment_name_problem(name) {
            diagnostics.push(
                Diagnostic::new(
                    codes::E014,
                    path.clone(),
                    format!("`{name}` is not a valid environment name: {problem}"),
                )
                .with_help(format!("environment names suffix the stack name in every physical name: use 1 to {ENVIRONMENT_NAME_LIMIT} lowercase letters, digits and single hyphens, starting with a letter"))
                .at(overlay.key_at),
            );
            continue;
        }
        let overlay_entries: &[Entry] = match &overlay.value.kind {
            Kind::Mapping(entries) => entries,
            _ if overlay.value.is_null() => &[],
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        codes::E014,
                        path.clone(),
                        format!("the overlay of environment `{name}` is not a mapping"),
                    )
                    .with_help("write the keys of the stack this environment changes (`regions:`, `services:`, `tags:`...), or `{}` to keep the base as is")
                    .at(overlay.value.at),
                );
                continue;
            }
        };
        let mut forbidden = false;
        for entry in overlay_entries {
            if ["stack", ENVIRONMENTS_KEY].contains(&entry.key.value.as_str()) {
                forbidden = true;
                diagnostics.push(
                    Diagnostic::new(
                        codes::E015,
                        path.key(&entry.key.value),
                        format!("the overlay of environment `{name}` sets `{}`, which only the base may", entry.key.value),
                    )
                    .with_help(if entry.key.value == "stack" {
                        format!("remove it: the environment's stacks are named `<stack>-{name}` from the base's `stack`")
                    } else {
                        "remove it: environments are declared once, at the top level, and do not nest".to_owned()
                    })
                    .at(entry.key_at),
                );
            }
        }
        if forbidden {
            continue;
        }
        let mut document = base.clone();
        let overlay_node = Node {
            at: overlay.value.at,
            kind: Kind::Mapping(overlay_entries.to_vec()),
            replaced: None,
        };
        let before = diagnostics.len();
        let mut removed = Vec::new();
        let mut merger = Merger {
            diagnostics: &mut diagnostics,
            removed: &mut removed,
        };
        merger.merge(&mut document, overlay_node, &StackPath::root(), &path);
        if diagnostics.len() > before {
            continue;
        }
        let mut changes = removed;
        let lines = (declaration.key_at.line, last_line(&declaration.value));
        overlay_changes(&document, &StackPath::root(), lines, &mut changes);
        let mut written = Written::default();
        written.node(&document, 0);
        merged.push(Merged {
            name: name.clone(),
            written,
            changes,
        });
    }
    if diagnostics.is_empty() {
        // By name, as YAML mappings have no order: reordering the file's keys changes nothing.
        merged.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(merged)
    } else {
        Err(diagnostics)
    }
}

/// Why `name` cannot name an environment, or `None`.
pub fn environment_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.chars().count() > ENVIRONMENT_NAME_LIMIT {
        return Some(format!(
            "it must have 1 to {ENVIRONMENT_NAME_LIMIT} characters"
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("it must start with a lowercase letter".to_owned());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!(
            "the character {bad:?} is not allowed: use lowercase letters, digits and hyphens"
        ));
    }
    if name.ends_with('-') || name.contains("--") {
        return Some("hyphens must stand alone and not end it".to_owned());
    }
    None
}

/// The list keys of `path` joined with `.`, without indices: `load_balancer.listeners.rules`.
fn list_kind(path: &StackPath) -> String {
    path.segments()
        .iter()
        .filter_map(|segment| match segment {
            Segment::Key(key) => Some(&**key),
            Segment::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The key that names the items of the list at `path`, when they are merged by name.
pub fn entity_key(path: &StackPath) -> Option<&'static str> {
    let kind = list_kind(path);
    ENTITY_KEYS
        .iter()
        .find(|(list, _)| *list == kind)
        .map(|(_, key)| *key)
}

struct Merger<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
    removed: &'d mut Vec<OverlayChange>,
}

impl Merger<'_> {
    /// Merges `overlay` into `base`; `path` is where `base` is in the merged document and
    /// `written` where the overlay is in the file.
    fn merge(&mut self, base: &mut Node, overlay: Node, path: &StackPath, written: &StackPath) {
        match (&mut base.kind, overlay.kind) {
            (Kind::Mapping(entries), Kind::Mapping(changes)) => {
                for change in changes {
                    let key = change.key.value.clone();
                    let found = entries.iter().position(|entry| entry.key.value == key);
                    match found {
                        Some(index) if change.value.is_null() => {
                            let gone = entries.remove(index);
                            self.removed.push(OverlayChange {
                                path: path.key(&key),
                                value: "removed".to_owned(),
                                overlay: change.value.at,
                                base: Some((gone.value.summary(), gone.value.at)),
                            });
                        }
                        None if change.value.is_null() => {}
                        Some(index) => self.merge(
                            &mut entries[index].value,
                            change.value,
                            &path.key(&key),
                            &written.key(&key),
                        ),
                        None => entries.push(change),
                    }
                }
            }
            (Kind::Sequence(items), Kind::Sequence(changes)) if entity_key(path).is_some() => {
                let key = entity_key(path).unwrap_or_default();
                for (index, change) in changes.into_iter().enumerate() {
                    self.merge_entity(items, change, (path, key), &written.index(index));
                }
            }
            (Kind::Scalar(mine), Kind::Scalar(theirs))
                if mine.value == theirs.value && mine.style == theirs.style =>
            {
                // The same value (an entity's name, written to match): the base's stays.
            }
            (_, kind) => {
                let replaced = Some(Box::new((base.summary(), base.at)));
                *base = Node {
                    at: overlay.at,
                    kind,
                    replaced,
                };
            }
        }
    }

    /// Merges one overlay item of a list of entities: into the base's entity of the same name,
    /// as a new entity, or as the removal of one.
    fn merge_entity(
        &mut self,
        items: &mut Vec<Node>,
        change: Node,
        (path, key): (&StackPath, &str),
        written: &StackPath,
    ) {
        let list = list_kind(path);
        let Some(name) = change
            .get(key)
            .and_then(Node::scalar)
            .map(|s| s.value.clone())
        else {
            self.diagnostics.push(
                Diagnostic::new(
                    codes::E016,
                    written.clone(),
                    format!("this item of `{list}` has no `{key}`: an overlay matches the items of `{list}` with the base's by `{key}`"),
                )
                .with_help(format!("give the `{key}` of the base's item to change or remove, or the `{key}` of a new one")),
            );
            return;
        };
        let position = items.iter().position(|item| {
            item.get(key)
                .and_then(Node::scalar)
                .is_some_and(|scalar| scalar.value == name)
        });
        let Some(remove) = change.get(REMOVE_KEY) else {
            match position {
                Some(index) => self.merge(&mut items[index], change, &path.index(index), written),
                None => items.push(change),
            }
            return;
        };
        let is_true = remove
            .scalar()
            .is_some_and(|s| s.style == ScalarStyle::Plain && s.value == "true");
        let others: Vec<&str> = change
            .entries()
            .iter()
            .map(|entry| entry.key.value.as_str())
            .filter(|other| *other != key && *other != REMOVE_KEY)
            .collect();
        if !is_true || !others.is_empty() {
            let problem = if is_true {
                format!(
                    "this item removes `{name}` from `{list}` but also sets {}",
                    others
                        .iter()
                        .map(|other| format!("`{other}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!("`{REMOVE_KEY}` takes only `true`")
            };
            self.diagnostics.push(
                Diagnostic::new(codes::E016, written.key(REMOVE_KEY), problem)
                    .with_help(format!("to remove the base's entity write only `{key}: {name}` and `{REMOVE_KEY}: true`; to change it, leave `{REMOVE_KEY}` out"))
                    .at(remove.at),
            );
            return;
        }
        match position {
            Some(index) => {
                let gone = items.remove(index);
                self.removed.push(OverlayChange {
                    path: path.clone(),
                    value: format!("without `{name}`"),
                    overlay: change.at,
                    base: Some((format!("`{name}`"), gone.at)),
                });
            }
            None => {
                let names: BTreeSet<String> = items
                    .iter()
                    .filter_map(|item| item.get(key).and_then(Node::scalar))
                    .map(|scalar| scalar.value.clone())
                    .collect();
                let help = match closest(&name, names.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if names.is_empty() => {
                        format!("the base declares no `{list}`: remove this item")
                    }
                    None => format!(
                        "the base declares {}",
                        names
                            .iter()
                            .map(|name| format!("`{name}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let at = change.get(key).map_or(change.at, |node| node.at);
                self.diagnostics.push(
                    Diagnostic::new(
                        codes::E017,
                        written.key(key),
                        format!("this item removes `{name}` from `{list}`, which the base does not declare"),
                    )
                    .with_help(help)
                    .at(at),
                );
            }
        }
    }
}

/// The last line of `node` and everything in it.
fn last_line(node: &Node) -> usize {
    let own = node.at.line;
    match &node.kind {
        Kind::Scalar(_) => own,
        Kind::Mapping(entries) => entries
            .iter()
            .map(|entry| last_line(&entry.value).max(entry.key_at.line))
            .max()
            .unwrap_or(own)
            .max(own),
        Kind::Sequence(items) => items.iter().map(last_line).max().unwrap_or(own).max(own),
    }
}

/// The overlay's contributions to a merged document: each value it replaced and each it added,
/// with the merged path. `overlay_lines` is where the overlays are in the file: a node starting
/// there came from an overlay (merged nodes keep the base's position).
fn overlay_changes(
    node: &Node,
    path: &StackPath,
    overlay_lines: (usize, usize),
    out: &mut Vec<OverlayChange>,
) {
    let children: Vec<(&Node, Position, StackPath)> = match &node.kind {
        Kind::Mapping(entries) => entries
            .iter()
            .map(|entry| (&entry.value, entry.key_at, path.key(&entry.key.value)))
            .collect(),
        Kind::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(index, item)| (item, item.at, path.index(index)))
            .collect(),
        Kind::Scalar(_) => Vec::new(),
    };
    for (child, at, path) in children {
        let added = (overlay_lines.0..=overlay_lines.1).contains(&child.at.line);
        if let Some(replaced) = &child.replaced {
            out.push(OverlayChange {
                path,
                value: child.summary(),
                overlay: child.at,
                base: Some((replaced.0.clone(), replaced.1)),
            });
        } else if added {
            out.push(OverlayChange {
                path,
                value: child.summary(),
                overlay: at,
                base: None,
            });
        } else {
            overlay_changes(child, &path, overlay_lines, out);
        }
    }
}
