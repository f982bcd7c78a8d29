//! Reading a stack file: bytes → checked UTF-8 text → source map → typed [`Stack`].
//!
//! YAML is parsed with serde-saphyr (maintained, panic-free, positions in every error, limits on
//! alias expansion) rather than the archived serde_yaml. Every failure becomes a [`Diagnostic`]
//! with a code, a position and, where it can be found, the stack path. This module does no file
//! I/O: the CLI reads the bytes.

use serde_saphyr::{Budget, DuplicateKeyPolicy, Error as YamlError, Location, Options};

use crate::diagnostic::{Diagnostic, Position};
use crate::path::StackPath;
use crate::source_map::{MapErrorKind, SourceMap};
use crate::stack::Stack;
use crate::suggest::closest;

/// Stack files larger than this are refused before parsing: a real stack is a few kilobytes.
pub const MAX_STACK_FILE_BYTES: usize = 1024 * 1024;

/// Alias replays allowed while deserializing: generous for anchors reused across regions,
/// far below what an alias bomb needs.
const MAX_REPLAYED_EVENTS: usize = 20_000;

/// A stack file's text as parsed: BOM removed and line endings normalized to `\n`, so that
/// positions and excerpts agree with what the parser saw.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Display name of the file (as given on the command line).
    pub name: String,
    /// Normalized text.
    pub text: String,
}

impl SourceText {
    /// The 1-based line `number`, without its line break.
    pub fn line(&self, number: usize) -> Option<&str> {
        self.text.split('\n').nth(number.checked_sub(1)?)
    }
}

/// A successfully loaded stack with what is needed to point into its file.
#[derive(Debug, Clone)]
pub struct LoadedStack {
    /// The typed stack.
    pub stack: Stack,
    /// The text it came from.
    pub source: SourceText,
    /// Positions of its nodes.
    pub map: SourceMap,
}

impl LoadedStack {
    /// Fills in the positions of diagnostics (and their related places) from the source map.
    pub fn locate(&self, diagnostics: &mut [Diagnostic]) {
        locate(&self.map, diagnostics);
    }
}

/// Fills in missing positions of `diagnostics` from `map`.
pub fn locate(map: &SourceMap, diagnostics: &mut [Diagnostic]) {
    for diagnostic in diagnostics {
        if diagnostic.position.is_none() {
            diagnostic.position = map.value_position(&diagnostic.path);
        }
        for related in &mut diagnostic.related {
            if related.position.is_none() {
                related.position = map.value_position(&related.path);
            }
        }
    }
}

/// A stack file that could not be loaded: the diagnostics and, when the text was readable,
/// the text for excerpts.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    /// What went wrong (usually one diagnostic: parsing stops at the first structural error).
    pub diagnostics: Vec<Diagnostic>,
    /// The normalized text, when the bytes were UTF-8.
    pub source: Option<SourceText>,
}

/// Loads a stack file from its bytes. `name` is only used for messages.
pub fn load_stack(name: &str, bytes: &[u8]) -> Result<LoadedStack, LoadFailure> {
    let fail = |diagnostic: Diagnostic, source: Option<SourceText>| LoadFailure {
        diagnostics: vec![diagnostic],
        source,
    };
    if bytes.len() > MAX_STACK_FILE_BYTES {
        return Err(fail(
            Diagnostic::error(
                "E011",
                StackPath::root(),
                format!(
                    "the file is {} bytes; stack files are limited to {} bytes",
                    bytes.len(),
                    MAX_STACK_FILE_BYTES
                ),
            )
            .with_help("split the file or remove generated content; a stack describes one service"),
            None,
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() + 1;
            let column = valid
                .rsplit('\n')
                .next()
                .map_or(0, |tail| tail.chars().count())
                + 1;
            return Err(fail(
                Diagnostic::error(
                    "E001",
                    StackPath::root(),
                    format!(
                        "the file is not valid UTF-8: byte 0x{:02X} at offset {} cannot start a character",
                        bytes[error.valid_up_to()],
                        error.valid_up_to()
                    ),
                )
                .with_help("save the file as UTF-8 (stack files are text; Latin-1 or UTF-16 editors settings are the usual cause)")
                .at(Position { line, column }),
                None,
            ));
        }
    };
    let source = SourceText {
        name: name.to_owned(),
        text,
    };
    let map = match SourceMap::build(&source.text) {
        Ok(map) => map,
        Err(error) if error.kind == MapErrorKind::AliasExpansion => {
            return Err(fail(
                Diagnostic::error(
                    "E005",
                    StackPath::root(),
                    format!("refusing the file: {}", error.message),
                )
                .with_help("use anchors and aliases only to share small blocks; this limit guards against alias bombs")
                .at(error.position),
                Some(source),
            ));
        }
        Err(error) => {
            return Err(fail(
                Diagnostic::error(
                    "E003",
                    StackPath::root(),
                    format!("the file is not valid YAML: {}", error.message),
                )
                .with_help("fix the YAML syntax at the position shown (indentation, an unclosed bracket or quote)")
                .at(error.position),
                Some(source),
            ));
        }
    };
    if !map.has_content() {
        return Err(fail(
            Diagnostic::error("E002", StackPath::root(), "the file is empty")
                .with_help("start from stacks/minimal.yaml; a stack needs at least `stack:` and `regions:`")
                .at(Position { line: 1, column: 1 }),
            Some(source),
        ));
    }
    if !map.root_is_mapping() {
        return Err(fail(
            Diagnostic::error(
                "E004",
                StackPath::root(),
                "the document is not a mapping: a stack file holds keys such as `stack:` and `regions:` at the top level",
            )
            .with_help("start from stacks/minimal.yaml")
            .at(map.value_position(&StackPath::root()).unwrap_or(Position { line: 1, column: 1 })),
            Some(source),
        ));
    }
    match serde_saphyr::from_str_with_options::<Stack>(&source.text, yaml_options()) {
        Ok(stack) => Ok(LoadedStack { stack, source, map }),
        Err(error) => Err(fail(diagnostic_from_yaml_error(&error, &map), Some(source))),
    }
}

fn yaml_options() -> Options {
    let mut options = Options::default();
    options.strict_booleans = true;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.alias_limits.max_total_replayed_events = MAX_REPLAYED_EVENTS;
    options.alias_limits.max_replay_stack_depth = 16;
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_nodes = 100_000;
    budget.max_depth = 32;
    budget.max_documents = 1;
    options.budget = Some(budget);
    options
}

fn to_position(location: &Location) -> Option<Position> {
    (location.line() > 0).then(|| Position {
        line: location.line() as usize,
        column: location.column() as usize,
    })
}

/// Translates a serde-saphyr error into a diagnostic, adding the stack path and suggestions.
fn diagnostic_from_yaml_error(error: &YamlError, map: &SourceMap) -> Diagnostic {
    #[allow(deprecated)]
    if let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = error {
        return diagnostic_from_yaml_error(error, map);
    }
    let mut position = error.location().as_ref().and_then(to_position);
    // A missing field is reported somewhere inside its mapping: name the mapping, and point at
    // where it starts.
    let path = if matches!(error, YamlError::SerdeMissingField { .. }) {
        let mapping = position.and_then(|at| map.enclosing_mapping_at(at));
        if let Some(mapping) = &mapping {
            position = map.value_position(mapping).or(position);
        }
        mapping
    } else {
        position.and_then(|at| map.path_at(at))
    }
    .unwrap_or_default();
    let diagnostic = match error {
        YamlError::SerdeUnknownField { field, expected, .. } => {
            let mut diagnostic = Diagnostic::error(
                "E006",
                path.clone(),
                format!("unknown field `{field}`"),
            );
            diagnostic.help = Some(match closest(field, expected.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("the fields allowed here are: {}", expected.join(", ")),
            });
            diagnostic
        }
        YamlError::SerdeMissingField { field, .. } => Diagnostic::error(
            "E007",
            path.clone(),
            format!("missing required field `{field}`"),
        )
        .with_help(format!("add `{field}:` here; the schema in stacks/stack.schema.json describes it")),
        YamlError::SerdeUnknownVariant { variant, expected, .. } => {
            let mut diagnostic = Diagnostic::error(
                "E009",
                path.clone(),
                format!("`{variant}` is not one of the allowed values: {}", expected.join(", ")),
            );
            diagnostic.help = Some(match closest(variant, expected.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("use one of: {}", expected.join(", ")),
            });
            diagnostic
        }
        YamlError::SerdeInvalidType { unexpected, expected, .. }
        | YamlError::SerdeInvalidValue { unexpected, expected, .. } => Diagnostic::error(
            "E008",
            path.clone(),
            format!("expected {expected}, found {unexpected}"),
        )
        .with_help("check the value's type against stacks/stack.schema.json (quote strings that look like numbers or booleans)"),
        YamlError::InvalidScalar { ty, .. } => Diagnostic::error(
            "E008",
            path.clone(),
            format!("this value cannot be read as {ty}"),
        )
        .with_help("check the value's type against stacks/stack.schema.json (booleans are `true`/`false`; numbers are unquoted)"),
        YamlError::InvalidBooleanStrict { .. } => Diagnostic::error(
            "E008",
            path.clone(),
            "expected a boolean (`true` or `false`)",
        )
        .with_help("YAML 1.1 spellings such as `yes`, `no`, `on` or `off` are refused because they are easy to misread"),
        YamlError::DuplicateMappingKey { key, .. } => Diagnostic::error(
            "E010",
            path.clone(),
            match key {
                Some(key) => format!("the key `{key}` appears twice in this mapping"),
                None => "a key appears twice in this mapping".to_owned(),
            },
        )
        .with_help("remove one of the two entries; YAML would silently keep only the last"),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. }
        | YamlError::Budget { .. } => Diagnostic::error(
            "E005",
            path.clone(),
            "the file expands to far more than a stack can hold (nested aliases or a very large document); refusing it",
        )
        .with_help("use anchors and aliases only to share small blocks; this limit guards against alias bombs"),
        YamlError::MultipleDocuments { .. } => Diagnostic::error(
            "E012",
            path.clone(),
            "the file holds more than one YAML document (`---`)",
        )
        .with_help("put one stack in each file"),
        YamlError::UnknownAnchor { .. } => Diagnostic::error(
            "E003",
            path.clone(),
            "this alias refers to an anchor that is not defined before it",
        )
        .with_help("define `&name` before using `*name`"),
        other => Diagnostic::error(
            "E013",
            path.clone(),
            format!("the file cannot be read as a stack: {}", first_line(&other.to_string())),
        )
        .with_help("compare this part of the file with stacks/stack.schema.json"),
    };
    match position {
        Some(position) => diagnostic.at(position),
        None => diagnostic,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
