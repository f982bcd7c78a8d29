//! Where each node of a stack file is: a map from stack paths to line/column, built from the
//! YAML event stream, so that the plan's checks can report positions without carrying spans
//! through the model types.

use std::collections::BTreeMap;

use serde_saphyr::granit_parser::{Event, Parser, ScanError, Span};

use crate::diagnostic::Position;
use crate::fast_hash::{FastHashMap, FastHashSet};
use crate::path::StackPath;

/// Positions of one node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct NodePositions {
    /// Where its key is, when the node is a mapping value.
    key: Option<Position>,
    /// Where its value starts.
    value: Option<Position>,
}

/// Line/column of every key and value of a stack file, by stack path.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// By path; hashed rather than ordered, since nothing iterates it in order (lookups
    /// dominate, and comparing deep paths made an ordered map the loader's hot spot).
    nodes: FastHashMap<StackPath, NodePositions>,
    /// Every recorded position with its path, sorted, for mapping a position back to a path;
    /// built on first use, since only diagnostics need it.
    by_position: std::sync::OnceLock<Vec<(Position, StackPath)>>,
    /// Paths of the nodes that are mappings.
    mappings: FastHashSet<StackPath>,
    /// Whether the root node is a mapping.
    root_is_mapping: bool,
    /// Whether the document had any node at all.
    has_content: bool,
    /// The first tag outside YAML's core schema (`!Ref`, `!!python/object`), as written, and
    /// where its node starts.
    foreign_tag: Option<(String, Position)>,
}

/// Nodes a document may expand to once aliases are replaced by their anchors' content. A real
/// stack has a few thousand; an alias bomb has billions.
pub const MAX_EXPANDED_NODES: u64 = 100_000;

/// Why a file could not be mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapErrorKind {
    /// The YAML is malformed.
    Syntax,
    /// Aliases expand the document past [`MAX_EXPANDED_NODES`].
    AliasExpansion,
    /// The document itself, without aliases, has more than [`MAX_EXPANDED_NODES`] nodes.
    TooManyNodes,
}

/// A problem found while building the map.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// Which problem.
    pub kind: MapErrorKind,
    /// What the parser reported.
    pub message: String,
    /// Where.
    pub position: Position,
}

enum Frame {
    Mapping {
        path: StackPath,
        expecting_key: bool,
        /// The path of the entry whose key was read last.
        current: StackPath,
    },
    Sequence {
        path: StackPath,
        next_index: usize,
    },
}

/// Counts how many nodes the document has once every alias is expanded, without expanding.
#[derive(Default)]
struct ExpansionCounter {
    /// Expanded size of each anchor, by anchor ID.
    anchor_sizes: BTreeMap<usize, u64>,
    /// Open collections: their anchor ID and the expanded size of their children so far.
    open: Vec<(usize, u64)>,
    /// Expanded size of all completed top-level nodes.
    total: u64,
    /// Expanded size of the open collections' completed children, kept up to date so that
    /// each event costs constant time (summing the open collections per event made deep
    /// nesting quadratic).
    open_total: u64,
    /// Whether an alias was seen: without one, the count is the document's own size.
    aliased: bool,
}

impl ExpansionCounter {
    /// Accounts for one event; `Err` with the running total once it passes the limit.
    fn observe(&mut self, event: &Event<'_>) -> Result<(), u64> {
        let finished = match event {
            Event::Scalar(_, _, anchor, _) => Some((*anchor, 1)),
            Event::Alias(anchor) => {
                self.aliased = true;
                Some((0, self.anchor_sizes.get(anchor).copied().unwrap_or(1)))
            }
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                self.open.push((*anchor, 1));
                self.open_total = self.open_total.saturating_add(1);
                None
            }
            Event::MappingEnd | Event::SequenceEnd => self.open.pop().inspect(|(_, size)| {
                self.open_total = self.open_total.saturating_sub(*size);
            }),
            _ => None,
        };
        if let Some((anchor, size)) = finished {
            if anchor != 0 {
                self.anchor_sizes.insert(anchor, size);
            }
            match self.open.last_mut() {
                Some((_, parent)) => {
                    *parent = parent.saturating_add(size);
                    self.open_total = self.open_total.saturating_add(size);
                }
                None => self.total = self.total.saturating_add(size),
            }
        }
        let running = self.total.saturating_add(self.open_total);
        if running > MAX_EXPANDED_NODES {
            Err(running)
        } else {
            Ok(())
        }
    }
}

fn position(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

impl SourceMap {
    /// Builds the map of `text`. Aliases are recorded where they are used, not expanded, so an
    /// alias bomb costs nothing here.
    pub fn build(text: &str) -> Result<Self, SyntaxError> {
        let mut map = Self::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut expansion = ExpansionCounter::default();
        for event in Parser::new_from_str(text) {
            let (event, span) = event.map_err(|error: ScanError| SyntaxError {
                kind: MapErrorKind::Syntax,
                message: error.info(),
                position: Position {
                    line: error.marker().line(),
                    column: error.marker().col() + 1,
                },
            })?;
            if expansion.observe(&event).is_err() {
                return Err(if expansion.aliased {
                    SyntaxError {
                        kind: MapErrorKind::AliasExpansion,
                        message: format!(
                            "aliases expand the document to more than {MAX_EXPANDED_NODES} nodes, the limit"
                        ),
                        position: position(&span),
                    }
                } else {
                    SyntaxError {
                        kind: MapErrorKind::TooManyNodes,
                        message: format!(
                            "the document has more than {MAX_EXPANDED_NODES} nodes (keys, values and list items), the limit"
                        ),
                        position: position(&span),
                    }
                });
            }
            if let Event::Scalar(_, _, _, Some(tag))
            | Event::SequenceStart(_, _, Some(tag))
            | Event::MappingStart(_, _, Some(tag)) = &event
                && map.foreign_tag.is_none()
                && tag.handle() != "tag:yaml.org,2002:"
            {
                let written = format!("{}{}", tag.original_handle(), tag.suffix());
                map.foreign_tag = Some((written, position(&span)));
            }
            match event {
                Event::Scalar(value, ..) => {
                    map.node_started(&mut stack, &span, Some(value.as_ref()));
                    Self::node_finished(&mut stack);
                }
                Event::Alias(..) => {
                    map.node_started(&mut stack, &span, Some("*alias"));
                    Self::node_finished(&mut stack);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    let path = map.node_started(&mut stack, &span, None);
                    if stack.is_empty() {
                        map.root_is_mapping = matches!(event, Event::MappingStart(..));
                    }
                    if matches!(event, Event::MappingStart(..)) {
                        map.mappings.insert(path.clone());
                    }
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Mapping {
                            path,
                            expecting_key: true,
                            current: StackPath::root(),
                        }
                    } else {
                        Frame::Sequence {
                            path,
                            next_index: 0,
                        }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    Self::node_finished(&mut stack);
                }
                _ => {}
            }
        }
        Ok(map)
    }

    fn by_position(&self) -> &[(Position, StackPath)] {
        self.by_position.get_or_init(|| {
            let mut all: Vec<_> = self
                .nodes
                .iter()
                .flat_map(|(path, node)| {
                    [node.key, node.value]
                        .into_iter()
                        .flatten()
                        .map(move |at| (at, path.clone()))
                })
                .collect();
            all.sort();
            all
        })
    }

    /// Records a node that starts at `span` and returns its path. `scalar` is the text of a
    /// scalar node (used when the node is a mapping key).
    fn node_started(
        &mut self,
        stack: &mut [Frame],
        span: &Span,
        scalar: Option<&str>,
    ) -> StackPath {
        self.has_content = true;
        let at = position(span);
        match stack.last_mut() {
            None => {
                self.nodes.entry(StackPath::root()).or_default().value = Some(at);
                StackPath::root()
            }
            Some(Frame::Mapping {
                path,
                expecting_key: true,
                current,
            }) => {
                // A key: complex keys (mappings as keys) are not used by stack files; they are
                // recorded under `?` so that their children still get positions.
                *current = path.key(scalar.unwrap_or("?"));
                self.nodes.entry(current.clone()).or_default().key = Some(at);
                current.clone()
            }
            Some(Frame::Mapping {
                expecting_key: false,
                current,
                ..
            }) => {
                if let Some(node) = self.nodes.get_mut(current) {
                    node.value = Some(at);
                } else {
                    self.nodes.entry(current.clone()).or_default().value = Some(at);
                }
                current.clone()
            }
            Some(Frame::Sequence { path, next_index }) => {
                let item_path = path.index(*next_index);
                self.nodes.entry(item_path.clone()).or_default().value = Some(at);
                item_path
            }
        }
    }

    fn node_finished(stack: &mut [Frame]) {
        match stack.last_mut() {
            Some(Frame::Mapping { expecting_key, .. }) => *expecting_key = !*expecting_key,
            Some(Frame::Sequence { next_index, .. }) => *next_index += 1,
            None => {}
        }
    }

    /// Whether the document's root is a mapping.
    pub fn root_is_mapping(&self) -> bool {
        self.root_is_mapping
    }

    /// Whether the document holds any node (a file of only comments does not).
    pub fn has_content(&self) -> bool {
        self.has_content
    }

    /// Whether `path` exists in the file.
    pub fn contains(&self, path: &StackPath) -> bool {
        self.nodes.contains_key(path)
    }

    /// Where the value at `path` starts; for a path that is not in the file (an omitted field),
    /// the position of its closest ancestor's key, or its value when it has no key.
    pub fn value_position(&self, path: &StackPath) -> Option<Position> {
        let mut current = Some(path.clone());
        let mut exact = true;
        while let Some(candidate) = current {
            if let Some(node) = self.nodes.get(&candidate) {
                let found = if exact {
                    node.value.or(node.key)
                } else {
                    node.key.or(node.value)
                };
                if found.is_some() {
                    return found;
                }
            }
            exact = false;
            current = candidate.parent();
        }
        None
    }

    /// Where the key of the node at `path` is, when the node is a mapping value that is in the
    /// file.
    pub fn key_position(&self, path: &StackPath) -> Option<Position> {
        self.nodes.get(path).and_then(|node| node.key)
    }

    /// The path of the innermost mapping that holds (or is) the node at `at`: where a missing
    /// field belongs.
    pub fn enclosing_mapping_at(&self, at: Position) -> Option<StackPath> {
        let mut current = self.path_at(at);
        while let Some(path) = current {
            if self.mappings.contains(&path) {
                return Some(path);
            }
            current = path.parent();
        }
        None
    }

    /// The path of the innermost node at or before `at`, for errors that know only a position.
    pub fn path_at(&self, at: Position) -> Option<StackPath> {
        let by_position = self.by_position();
        let index = by_position.partition_point(|(position, _)| *position <= at);
        let (_, path) = by_position.get(index.checked_sub(1)?)?;
        Some(path.clone())
    }

    /// The same map with every position moved by `translate`: the map of a document Meridian
    /// wrote (an environment's merged stack) pointing back into the file the user wrote.
    pub(crate) fn translated(&self, translate: impl Fn(Position) -> Position) -> Self {
        let nodes = self
            .nodes
            .iter()
            .map(|(path, node)| {
                let moved = NodePositions {
                    key: node.key.map(&translate),
                    value: node.value.map(&translate),
                };
                (path.clone(), moved)
            })
            .collect();
        Self {
            nodes,
            by_position: std::sync::OnceLock::new(),
            mappings: self.mappings.clone(),
            root_is_mapping: self.root_is_mapping,
            has_content: self.has_content,
            foreign_tag: self
                .foreign_tag
                .as_ref()
                .map(|(written, at)| (written.clone(), translate(*at))),
        }
    }

    /// This map with the nodes of `other` at and below the top-level key `key` added: an
    /// environment's map keeps where `environments:` is written, for diagnostics about it.
    pub(crate) fn with_subtree(mut self, other: &Self, key: &str) -> Self {
        let top = StackPath::root().key(key);
        for (path, node) in &other.nodes {
            if path.segments().first() == top.segments().first() {
                self.nodes.insert(path.clone(), *node);
                if other.mappings.contains(path) {
                    self.mappings.insert(path.clone());
                }
            }
        }
        self.by_position = std::sync::OnceLock::new();
        self
    }

    /// The first tag outside YAML's core schema, as written (`!Ref`), and where its node
    /// starts.
    pub fn foreign_tag(&self) -> Option<(&str, Position)> {
        self.foreign_tag
            .as_ref()
            .map(|(written, at)| (written.as_str(), *at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn maps_keys_values_and_sequence_items() {
        let text = "stack: demo\nregions:\n  - code: us-east-1\n    role: primary\n  - {code: eu-west-1, role: secondary}\n";
        let map = SourceMap::build(text).expect("valid yaml");
        assert!(map.root_is_mapping());
        assert_eq!(
            map.value_position(&StackPath::parse("stack")),
            Some(pos(1, 8))
        );
        assert_eq!(
            map.value_position(&StackPath::parse("regions[0].role")),
            Some(pos(4, 11))
        );
        assert_eq!(
            map.value_position(&StackPath::parse("regions[1].code")),
            Some(pos(5, 12))
        );
        // An omitted field points at its parent.
        assert_eq!(
            map.value_position(&StackPath::parse("regions[0].network.vpc_cidr")),
            Some(pos(3, 5))
        );
        assert_eq!(
            map.path_at(pos(4, 12)).map(|p| p.to_string()).as_deref(),
            Some("regions[0].role")
        );
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let error = SourceMap::build("a: [1, 2\nb: 3\n").expect_err("unclosed flow sequence");
        assert!(error.position.line >= 1);
    }

    #[test]
    fn scalar_root_is_not_a_mapping() {
        let map = SourceMap::build("just text\n").expect("valid yaml");
        assert!(!map.root_is_mapping());
        assert!(
            SourceMap::build("# only a comment\n")
                .map(|m| m.has_content())
                .ok()
                == Some(false)
        );
    }
}
