//! Every unknown key and wrongly shaped value of a stack file in one pass: the YAML tree is
//! walked against the JSON Schema of stack files (the one schemars derives from [`crate::Stack`],
//! so it cannot drift from the types serde reads), so that a file with three typos reports three
//! errors instead of one per run.
//!
//! serde stops at the first error, and stays the authority: this walk only runs once serde has
//! refused the file, and only reports what serde would refuse on its own. A scalar is judged by
//! deserializing it alone into the field's Rust type with the same options the loader uses, so
//! that the walk agrees with serde on every lenient spelling (`"50"`, `0x10`, `1_000` are whole
//! numbers) and on every refused one (`yes`, `5.0`). Where the schema offers a choice the walk
//! cannot settle, it says nothing. It never reports what follows from another finding: the
//! value of an unknown key is not looked into, a value of the wrong shape is not descended, and
//! a required field is not reported missing when an unknown key in the same mapping is its
//! misspelling (`imag:` is reported, the missing `image` is not).

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use crate::codes;
use crate::diagnostic::{Diagnostic, Position};
use crate::load::{SourceText, describe_found, friendly_type, resolve_schema, yaml_options};
use crate::path::{Segment, StackPath};
use crate::suggest::closest;

/// One node of the YAML document, with where it starts.
#[derive(Debug, Clone)]
struct Node {
    at: Position,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// Entries in document order: (key text, where the key is, value).
    Mapping(Vec<(String, Position, Node)>),
    Sequence(Vec<Node>),
    Scalar {
        value: String,
        style: ScalarStyle,
    },
}

impl Node {
    /// The number of nodes in this one's tree.
    fn size(&self) -> u64 {
        1 + match &self.kind {
            Kind::Mapping(entries) => entries.iter().map(|(_, _, value)| value.size()).sum(),
            Kind::Sequence(items) => items.iter().map(Node::size).sum(),
            Kind::Scalar { .. } => 0,
        }
    }
}

fn position(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

/// An open collection while the tree is built.
enum Open {
    Mapping {
        at: Position,
        anchor: usize,
        entries: Vec<(String, Position, Node)>,
        /// The key read last, waiting for its value.
        key: Option<(String, Position)>,
    },
    Sequence {
        at: Position,
        anchor: usize,
        items: Vec<Node>,
    },
}

/// The document's tree, aliases replaced by copies of their anchors' nodes; `None` when the
/// text does not parse (the loader reports that on its own). The source map has already refused
/// documents whose aliases expand past the node limit, so the copies are bounded.
fn build_tree(text: &str) -> Option<Node> {
    // Anchored nodes with their size, and how many nodes alias copies have added so far: the
    // copies stop at the node limit even if a caller did not build the source map first.
    let mut anchors: HashMap<usize, (u64, Node)> = HashMap::new();
    let mut copied: u64 = 0;
    let mut open: Vec<Open> = Vec::new();
    let mut root = None;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.ok()?;
        let finished = match event {
            Event::Scalar(value, style, anchor, _) => {
                let node = Node {
                    at: position(&span),
                    kind: Kind::Scalar {
                        value: value.into_owned(),
                        style,
                    },
                };
                // A mapping's key is a scalar that is no node of the tree.
                if let Some(Open::Mapping {
                    key: key @ None, ..
                }) = open.last_mut()
                    && let Kind::Scalar { value, .. } = &node.kind
                {
                    *key = Some((value.clone(), node.at));
                    continue;
                }
                Some((node, anchor))
            }
            Event::Alias(anchor) => {
                let (size, original) = anchors.get(&anchor)?;
                copied = copied.saturating_add(*size);
                if copied > crate::source_map::MAX_EXPANDED_NODES {
                    return None;
                }
                let mut node = original.clone();
                node.at = position(&span);
                if let Some(Open::Mapping {
                    key: key @ None, ..
                }) = open.last_mut()
                {
                    // An alias as a key: keys are scalars in a stack file.
                    let text = match &node.kind {
                        Kind::Scalar { value, .. } => value.clone(),
                        _ => "?".to_owned(),
                    };
                    *key = Some((text, node.at));
                    continue;
                }
                Some((node, 0))
            }
            Event::MappingStart(_, anchor, _) => {
                open.push(Open::Mapping {
                    at: position(&span),
                    anchor,
                    entries: Vec::new(),
                    key: None,
                });
                None
            }
            Event::SequenceStart(_, anchor, _) => {
                open.push(Open::Sequence {
                    at: position(&span),
                    anchor,
                    items: Vec::new(),
                });
                None
            }
            Event::MappingEnd | Event::SequenceEnd => match open.pop()? {
                Open::Mapping {
                    at,
                    anchor,
                    entries,
                    ..
                } => Some((
                    Node {
                        at,
                        kind: Kind::Mapping(entries),
                    },
                    anchor,
                )),
                Open::Sequence { at, anchor, items } => Some((
                    Node {
                        at,
                        kind: Kind::Sequence(items),
                    },
                    anchor,
                )),
            },
            _ => None,
        };
        let Some((node, anchor)) = finished else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, (node.size(), node.clone()));
        }
        match open.last_mut() {
            Some(Open::Mapping { entries, key, .. }) => match key.take() {
                Some((text, at)) => entries.push((text, at, node)),
                // A collection as a key: stack files have none; serde refuses it.
                None => *key = Some(("?".to_owned(), node.at)),
            },
            Some(Open::Sequence { items, .. }) => items.push(node),
            None => {
                // A second document is the loader's E012; the first one is the stack.
                if root.is_none() {
                    root = Some(node);
                }
            }
        }
    }
    root
}

/// The shape the schema wants at one place.
enum Wanted<'s> {
    /// A mapping with named fields (a struct).
    Fields(&'s Value),
    /// A mapping of free keys to values of one schema (`environment`, `tags`).
    Map(&'s Value),
    /// A list of one schema.
    List(&'s Value),
    /// One of the listed words.
    Word(Vec<&'s str>),
    /// A scalar of a Rust type, judged by deserializing it.
    Scalar(ScalarType),
    /// Anything: the walk does not judge this place.
    Unknown,
}

#[derive(Clone, Copy)]
enum ScalarType {
    Text,
    Boolean,
    U8,
    U16,
    U32,
    U64,
    I32,
    I64,
    Float,
}

fn types_of(node: &Value) -> Vec<&str> {
    match node.get("type") {
        Some(Value::String(kind)) => vec![kind.as_str()],
        Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn wanted<'s>(node: &'s Value) -> Wanted<'s> {
    if let Some(variants) = node.get("oneOf").and_then(Value::as_array) {
        let words: Option<Vec<&str>> = variants
            .iter()
            .map(|variant| variant.get("const").and_then(Value::as_str))
            .collect();
        return words.map_or(Wanted::Unknown, Wanted::Word);
    }
    if let Some(words) = node.get("enum").and_then(Value::as_array) {
        let words: Option<Vec<&str>> = words.iter().map(Value::as_str).collect();
        return words.map_or(Wanted::Unknown, Wanted::Word);
    }
    let types: Vec<&str> = types_of(node)
        .into_iter()
        .filter(|kind| *kind != "null")
        .collect();
    match types.as_slice() {
        ["object"] => match (node.get("properties"), node.get("additionalProperties")) {
            (Some(_), _) => Wanted::Fields(node),
            (None, Some(values)) if values.is_object() => Wanted::Map(values),
            _ => Wanted::Unknown,
        },
        ["array"] => node.get("items").map_or(Wanted::Unknown, Wanted::List),
        ["string"] => Wanted::Scalar(ScalarType::Text),
        ["boolean"] => Wanted::Scalar(ScalarType::Boolean),
        ["integer"] => match node.get("format").and_then(Value::as_str) {
            Some("uint8") => Wanted::Scalar(ScalarType::U8),
            Some("uint16") => Wanted::Scalar(ScalarType::U16),
            Some("uint32") => Wanted::Scalar(ScalarType::U32),
            Some("uint64" | "uint") => Wanted::Scalar(ScalarType::U64),
            Some("int32") => Wanted::Scalar(ScalarType::I32),
            Some("int64" | "int") => Wanted::Scalar(ScalarType::I64),
            _ => Wanted::Unknown,
        },
        ["number"] => Wanted::Scalar(ScalarType::Float),
        _ => Wanted::Unknown,
    }
}

/// Whether the schema allows null here (an optional field).
fn is_nullable(schema: &Value) -> bool {
    types_of(schema).contains(&"null")
        || schema
            .get("anyOf")
            .and_then(Value::as_array)
            .is_some_and(|variants| {
                variants
                    .iter()
                    .any(|variant| variant.get("type").and_then(Value::as_str) == Some("null"))
            })
}

/// Whether serde reads a missing value here: a YAML null scalar.
fn is_null(value: &str, style: ScalarStyle) -> bool {
    style == ScalarStyle::Plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// The scalar written back as a one-value YAML document: plain scalars as written, every other
/// style as a double-quoted string (JSON's string syntax is YAML's).
fn scalar_document(value: &str, style: ScalarStyle) -> String {
    if style == ScalarStyle::Plain {
        value.to_owned()
    } else {
        Value::String(value.to_owned()).to_string()
    }
}

fn reads_as<T: DeserializeOwned>(document: &str) -> bool {
    serde_saphyr::from_str_with_options::<T>(document, yaml_options()).is_ok()
}

impl ScalarType {
    /// Whether serde reads the scalar as this type.
    fn accepts(self, value: &str, style: ScalarStyle) -> bool {
        let document = scalar_document(value, style);
        match self {
            Self::Text => true,
            Self::Boolean => reads_as::<bool>(&document),
            Self::U8 => reads_as::<u8>(&document),
            Self::U16 => reads_as::<u16>(&document),
            Self::U32 => reads_as::<u32>(&document),
            Self::U64 => reads_as::<u64>(&document),
            Self::I32 => reads_as::<i32>(&document),
            Self::I64 => reads_as::<i64>(&document),
            Self::Float => reads_as::<f64>(&document),
        }
    }

    /// The serde type name, for the loader's wording.
    fn serde_name(self) -> &'static str {
        match self {
            Self::Text => "string",
            Self::Boolean => "bool",
            Self::U8 => "u8",
            Self::U16 => "u16",
            Self::U32 => "u32",
            Self::U64 => "u64",
            Self::I32 => "i32",
            Self::I64 => "i64",
            Self::Float => "f64",
        }
    }

    fn range(self) -> Option<(i128, i128)> {
        Some(match self {
            Self::U8 => (0, u8::MAX.into()),
            Self::U16 => (0, u16::MAX.into()),
            Self::U32 => (0, u32::MAX.into()),
            Self::U64 => (0, u64::MAX.into()),
            Self::I32 => (i32::MIN.into(), i32::MAX.into()),
            Self::I64 => (i64::MIN.into(), i64::MAX.into()),
            _ => return None,
        })
    }
}

struct Walk<'a> {
    root: &'a Value,
    source: &'a SourceText,
    findings: Vec<Diagnostic>,
}

/// Every unknown key (E006), missing required field (E007), value of the wrong type or shape
/// (E008) and word outside its list (E009) in the document, in document order; empty when the
/// text does not parse.
pub(crate) fn shape_problems(source: &SourceText) -> Vec<Diagnostic> {
    let Some(tree) = build_tree(&source.text) else {
        return Vec::new();
    };
    let schema = crate::json_schema();
    let mut walk = Walk {
        root: &schema,
        source,
        findings: Vec::new(),
    };
    walk.node(&schema, &tree, &StackPath::root());
    let mut findings = walk.findings;
    findings.sort_by_key(|finding| finding.position);
    findings
}

impl Walk<'_> {
    /// Checks `node` against the (unresolved) `schema` of its place.
    fn node(&mut self, schema: &Value, node: &Node, path: &StackPath) {
        let nullable = is_nullable(schema);
        let Some(schema) = resolve_schema(self.root, schema) else {
            return;
        };
        match (wanted(schema), &node.kind) {
            (Wanted::Scalar(ScalarType::Text), Kind::Scalar { value, style })
                if is_null(value, *style) && !nullable =>
            {
                self.findings.push(
                    Diagnostic::new(
                        codes::E008,
                        path.clone(),
                        format!(
                            "{} has no value; it expects a string",
                            Self::field_name(path)
                        ),
                    )
                    .with_help(
                        "write the value after the colon (an empty string is written `\"\"`)",
                    )
                    .at(node.at),
                );
            }
            (_, Kind::Scalar { value, style }) if is_null(value, *style) => {
                // A missing value: optional fields take it as omitted; other required ones are
                // serde's to report.
            }
            (Wanted::Unknown, _) => {}
            (Wanted::Fields(schema), Kind::Mapping(entries)) => {
                self.fields(schema, node, entries, path);
            }
            (Wanted::Map(values), Kind::Mapping(entries)) => {
                for (key, _, value) in entries {
                    self.node(values, value, &path.key(key));
                }
            }
            (Wanted::List(items), Kind::Sequence(nodes)) => {
                for (index, item) in nodes.iter().enumerate() {
                    self.node(items, item, &path.index(index));
                }
            }
            (Wanted::Word(words), Kind::Scalar { value, .. }) => {
                if !words.contains(&value.as_str()) {
                    let help = match closest(value, words.iter().copied()) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => format!("use one of: {}", words.join(", ")),
                    };
                    self.findings.push(
                        Diagnostic::new(
                            codes::E009,
                            path.clone(),
                            format!(
                                "`{value}` is not one of the allowed values: {}",
                                words.join(", ")
                            ),
                        )
                        .with_help(help)
                        .at(node.at),
                    );
                }
            }
            (Wanted::Scalar(kind), Kind::Scalar { value, style }) => {
                if !kind.accepts(value, *style) {
                    self.wrong_scalar(kind, node, path);
                }
            }
            (wanted, _) => self.wrong_shape(&wanted, node, path),
        }
    }

    fn fields(
        &mut self,
        schema: &Value,
        node: &Node,
        entries: &[(String, Position, Node)],
        path: &StackPath,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let known: Vec<&str> = properties
            .map(|properties| properties.keys().map(String::as_str).collect())
            .unwrap_or_default();
        // Fields an unknown key is the likely misspelling of: not reported missing.
        let mut misspelt: Vec<&str> = Vec::new();
        for (key, key_at, value) in entries {
            match properties.and_then(|properties| properties.get(key)) {
                Some(field) => self.node(field, value, &path.key(key)),
                None if closed => {
                    let suggestion = closest(key, known.iter().copied());
                    if let Some(suggestion) = suggestion {
                        misspelt.push(suggestion);
                    }
                    self.findings.push(
                        Diagnostic::new(
                            codes::E006,
                            path.key(key),
                            format!("unknown field `{key}`"),
                        )
                        .with_help(match suggestion {
                            Some(suggestion) => format!("did you mean `{suggestion}`?"),
                            None => {
                                format!("the fields allowed here are: {}", known.join(", "))
                            }
                        })
                        .at(*key_at),
                    );
                }
                None => {}
            }
        }
        let required = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|required| {
                required
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        for field in required {
            if entries.iter().any(|(key, ..)| key == field) || misspelt.contains(&field) {
                continue;
            }
            self.findings.push(
                Diagnostic::new(
                    codes::E007,
                    path.clone(),
                    format!("missing required field `{field}`"),
                )
                .with_help(format!(
                    "add `{field}:` here; the schema in stacks/stack.schema.json describes it"
                ))
                .at(node.at),
            );
        }
    }

    /// `` `field` `` or "this value", as the loader names the place of an E008.
    fn field_name(path: &StackPath) -> String {
        match path.segments().last() {
            Some(Segment::Key(key)) => format!("`{key}`"),
            _ => "this value".to_owned(),
        }
    }

    fn found(&self, node: &Node, path: &StackPath) -> String {
        match &node.kind {
            Kind::Mapping(_) => "a mapping".to_owned(),
            Kind::Sequence(_) => "a list".to_owned(),
            Kind::Scalar { .. } => describe_found(
                self.source,
                node.at,
                matches!(path.segments().last(), Some(Segment::Index(_))),
            ),
        }
    }

    fn wrong_scalar(&mut self, kind: ScalarType, node: &Node, path: &StackPath) {
        let field = Self::field_name(path);
        let found = self.found(node, path);
        let negative = found.starts_with("`-");
        let unsigned = matches!(
            kind,
            ScalarType::U8 | ScalarType::U16 | ScalarType::U32 | ScalarType::U64
        );
        let out_of_range = kind
            .range()
            .is_some_and(|range| crate::load::out_of_range(&found, range))
            && !(unsigned && negative);
        let diagnostic = if out_of_range {
            let (low, high) = kind.range().unwrap_or_default();
            Diagnostic::new(
                codes::E008,
                path.clone(),
                format!("{field} is out of range: {found} is not between {low} and {high}"),
            )
            .with_help(format!("give a whole number from {low} to {high}"))
        } else if matches!(kind, ScalarType::Boolean) {
            Diagnostic::new(codes::E008,
                path.clone(),
                format!("{field} expects a boolean (`true` or `false`), found {found}"),
            )
            .with_help("YAML 1.1 spellings such as `yes`, `no`, `on` or `off` are refused because they are easy to misread")
        } else {
            Diagnostic::new(
                codes::E008,
                path.clone(),
                format!(
                    "{field} expects {}, found {found}",
                    friendly_type(kind.serde_name())
                ),
            )
            .with_help(if unsigned && negative {
                "this setting cannot be negative"
            } else {
                "write digits only, without quotes or units"
            })
        };
        self.findings.push(diagnostic.at(node.at));
    }

    fn wrong_shape(&mut self, wanted: &Wanted<'_>, node: &Node, path: &StackPath) {
        let (expected, help) = match wanted {
            Wanted::Fields(_) | Wanted::Map(_) => (
                "a mapping of keys and values",
                "write the keys of this setting on the lines below it, indented",
            ),
            Wanted::List(_) => (
                "a list",
                "write a list: `[first, second]`, or one `- item` per line",
            ),
            Wanted::Word(_) => (
                "one word from a fixed list",
                "write one of the values stacks/stack.schema.json lists for this field",
            ),
            Wanted::Scalar(_) => (
                "a single value",
                "write one value here, not a list or a mapping",
            ),
            Wanted::Unknown => return,
        };
        let field = Self::field_name(path);
        let found = self.found(node, path);
        self.findings.push(
            Diagnostic::new(
                codes::E008,
                path.clone(),
                format!("{field} expects {expected}, found {found}"),
            )
            .with_help(help)
            .at(node.at),
        );
    }
}

/// Adds to serde's first error every other shape problem of the file: the ones outside the place
/// serde reported (serde's own wording stands there, and nothing inside it is looked at), in
/// document order. Only serde's shape errors (E006–E009) are completed; any other loader error
/// leaves the file unread.
pub(crate) fn with_other_shape_problems(first: Diagnostic, source: &SourceText) -> Vec<Diagnostic> {
    if ![codes::E006, codes::E007, codes::E008, codes::E009].contains(&first.code) {
        return vec![first];
    }
    let within =
        |inner: &StackPath, outer: &StackPath| inner.segments().starts_with(outer.segments());
    let mut all: Vec<Diagnostic> = shape_problems(source)
        .into_iter()
        .filter(|finding| !within(&finding.path, &first.path))
        .collect();
    all.push(first);
    all.sort_by_key(|finding| finding.position);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<(String, &'static str)> {
        let source = SourceText {
            name: "t.yaml".into(),
            text: text.into(),
        };
        shape_problems(&source)
            .into_iter()
            .map(|finding| (finding.path.to_string(), finding.code.id()))
            .collect()
    }

    #[test]
    fn every_typo_is_found_and_cascades_are_not() {
        let text = "stack: x\nregion:\n  - code: us-east-1\nservices:\n  - name: web\n    imag: nginx\n    cpu: lots\n    memory: 512\n    port: [80]\n    desired_count: {primary: 1}\n";
        assert_eq!(
            problems(text),
            vec![
                // `region` is the misspelling of `regions`: no "missing `regions`" as well.
                ("region".to_owned(), "E006"),
                ("services[0].imag".to_owned(), "E006"),
                ("services[0].cpu".to_owned(), "E008"),
                ("services[0].port".to_owned(), "E008"),
            ]
        );
    }

    #[test]
    fn lenient_spellings_serde_reads_are_not_findings() {
        let text = "stack: 123\nregions:\n  - code: us-east-1\n    role: primary\n    latency_target_ms: \"50\"\n    network: {vpc_cidr: 10.0.0.0/16, az_count: 0x2}\n";
        assert_eq!(problems(text), Vec::new());
    }

    #[test]
    fn words_booleans_and_ranges() {
        let text = "stack: x\nregions:\n  - code: us-east-1\n    role: Primary\n    latency_target_ms: 99999999999\nload_balancer:\n  scheme: internal\n  deletion_protection: yes\n  listeners: []\n  target_groups: []\n";
        assert_eq!(
            problems(text),
            vec![
                ("regions[0].role".to_owned(), "E009"),
                ("regions[0].latency_target_ms".to_owned(), "E008"),
                ("load_balancer.deletion_protection".to_owned(), "E008"),
            ]
        );
    }

    #[test]
    fn aliases_are_checked_where_they_are_used() {
        let text =
            "stack: x\nregions:\n  - &r {code: us-east-1, role: primary, colour: red}\n  - *r\n";
        let found = problems(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(_, code)| *code == "E006"));
    }
}

/// The walk against the files of the repository: it must agree with serde, finding nothing in
/// a stack serde reads and, for each one-mistake file of `stacks/invalid/` whose mistake is a
/// shape error, the same code at the same place as serde.
#[cfg(test)]
mod agreement {
    use super::*;

    fn stacks(folder: &str) -> Vec<(String, String)> {
        let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(folder);
        let mut files: Vec<(String, String)> = std::fs::read_dir(&directory)
            .expect("a folder of stacks")
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = path.file_name()?.to_str()?.to_owned();
                let text = std::fs::read_to_string(&path).ok()?;
                name.ends_with(".yaml").then_some((name, text))
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn stacks_serde_reads_have_no_shape_problem() {
        let mut checked = 0;
        for folder in ["stacks", "stacks/changes"] {
            for (name, text) in stacks(folder) {
                let source = SourceText {
                    name: name.clone(),
                    text,
                };
                assert_eq!(shape_problems(&source), Vec::new(), "{folder}/{name}");
                checked += 1;
            }
        }
        assert!(checked > 20, "{checked}");
    }

    #[test]
    fn the_walk_finds_what_serde_finds_in_every_invalid_file() {
        let mut compared = 0;
        for (name, text) in stacks("stacks/invalid") {
            // An overlay's mistakes are found in the environment's merged document (the walk runs
            // on that text there); the file itself holds overlays the walk does not enter.
            if text.contains("\nenvironments:") {
                continue;
            }
            let Err(failure) = crate::load_stack(&name, text.as_bytes()) else {
                continue;
            };
            let [first, ..] = failure.diagnostics.as_slice() else {
                continue;
            };
            let source = SourceText {
                name: name.clone(),
                text: text.replace("\r\n", "\n"),
            };
            if ![codes::E006, codes::E007, codes::E008, codes::E009].contains(&first.code) {
                continue;
            }
            let walked = shape_problems(&source);
            assert_eq!(failure.diagnostics.len(), 1, "{name}: one mistake");
            let found: Vec<(&str, String)> = walked
                .iter()
                .map(|finding| (finding.code.id(), finding.path.to_string()))
                .collect();
            assert!(
                found.contains(&(first.code.id(), first.path.to_string())),
                "{name}: serde found {} at {}, the walk {found:?}",
                first.code,
                first.path
            );
            compared += 1;
        }
        assert!(compared >= 12, "{compared}");
    }
}
