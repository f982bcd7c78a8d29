//! Reading a stack file: bytes → checked UTF-8 text → source map → typed [`Stack`].
//!
//! YAML is parsed with serde-saphyr (maintained, panic-free, positions in every error, limits on
//! alias expansion) rather than the archived serde_yaml. Every failure becomes a [`Diagnostic`]
//! with a code, a position and, where it can be found, the stack path. This module does no file
//! I/O: the CLI reads the bytes.

use crate::codes;
use serde_json::Value;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, DuplicateKeyPolicy, Error as YamlError, Location, Options};

use crate::diagnostic::{Diagnostic, Position};
use crate::environments::{ENVIRONMENTS_KEY, OverlayChange, merge_environments};
use crate::path::{Segment, StackPath};
use crate::source_map::{MapErrorKind, SourceMap, SyntaxError};
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
    /// Positions of its nodes. For an environment, the paths are those of the environment's
    /// merged stack and the positions are in the user's file: in the base, or in the overlay
    /// that supplied the value.
    pub map: SourceMap,
    /// What the environment's overlay changed in the base (empty without environments).
    pub changes: Vec<OverlayChange>,
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
            diagnostic.position = node_position(map, &diagnostic.path);
        }
        for related in &mut diagnostic.related {
            if related.position.is_none() {
                related.position = node_position(map, &related.path);
            }
        }
    }
}

/// Where a diagnostic about the node at `path` points: its value, except for a block mapping
/// or sequence (or any value) that starts on a later line than its key, where the key line
/// introduces the node better than the first line of its body.
fn node_position(map: &SourceMap, path: &StackPath) -> Option<Position> {
    let value = map.value_position(path);
    match (map.key_position(path), value) {
        (Some(key), Some(value)) if map.contains(path) && value.line > key.line => Some(key),
        _ => value,
    }
}

/// A stack file that could not be loaded: the diagnostics and, when the text was readable,
/// the text for excerpts.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    /// What went wrong (usually one diagnostic: parsing stops at the first structural error).
    pub diagnostics: Vec<Diagnostic>,
    /// The normalized text, for excerpts (with U+FFFD for bytes that are not UTF-8).
    pub source: Option<SourceText>,
}

/// The E011 failure of a stack file larger than [`MAX_STACK_FILE_BYTES`], for callers that stop
/// reading at the limit instead of passing the whole file to [`load_stack`]: `head` is the file's
/// beginning (at least the limit and one byte), `size` its length when known (a pipe or a device
/// has none).
pub fn oversized_stack(name: &str, head: &[u8], size: Option<u64>) -> LoadFailure {
    let at = position_of_offset(head, MAX_STACK_FILE_BYTES);
    let size = size.map_or_else(
        || format!("more than {MAX_STACK_FILE_BYTES}"),
        |size| size.to_string(),
    );
    LoadFailure {
        diagnostics: vec![
            Diagnostic::new(
                codes::E011,
                StackPath::root(),
                format!(
                    "the file is {size} bytes; stack files are limited to {MAX_STACK_FILE_BYTES} bytes (1 MiB), a limit reached on line {}",
                    at.line
                ),
            )
            .with_help("remove generated or pasted content; a stack describes one service in a few kilobytes")
            .at(at),
        ],
        // Excerpts of files that cannot be read as UTF-8 show U+FFFD in place of the bytes that
        // are not text.
        source: Some(SourceText {
            name: name.to_owned(),
            text: String::from_utf8_lossy(head).replace("\r\n", "\n"),
        }),
    }
}

/// Loads a stack file from its bytes. `name` is only used for messages. A file that declares
/// `environments:` gives its first environment by name; callers that act on every
/// environment use [`load_environments`].
pub fn load_stack(name: &str, bytes: &[u8]) -> Result<LoadedStack, LoadFailure> {
    let mut all = load_environments(name, bytes)?;
    Ok(all.swap_remove(0))
}

/// Loads a stack file from its bytes: one stack per environment the file declares
/// (`environments:`, by name, each with [`Stack::environment`] set), or the one stack
/// of a file without environments. Never empty. Every environment is checked: a mistake in the
/// base or in any overlay refuses the file.
pub fn load_environments(name: &str, bytes: &[u8]) -> Result<Vec<LoadedStack>, LoadFailure> {
    let fail = |diagnostic: Diagnostic, source: Option<SourceText>| LoadFailure {
        diagnostics: vec![diagnostic],
        source,
    };
    // Excerpts of files that cannot be read as UTF-8 (or are too large to parse) are shown
    // with U+FFFD in place of the bytes that are not text.
    let lossy = |bytes: &[u8]| SourceText {
        name: name.to_owned(),
        text: String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
    };
    if bytes.len() > MAX_STACK_FILE_BYTES {
        return Err(oversized_stack(name, bytes, Some(bytes.len() as u64)));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.replace("\r\n", "\n"),
        Err(error) => {
            let at = position_of_offset(bytes, error.valid_up_to());
            let byte = bytes[error.valid_up_to()];
            let latin1 = if byte >= 0xA0 {
                format!(" (`{}` in Latin-1)", char::from(byte))
            } else {
                String::new()
            };
            return Err(fail(
                Diagnostic::new(
                    codes::E001,
                    StackPath::root(),
                    format!(
                        "the file is not valid UTF-8: byte 0x{byte:02X}{latin1} at offset {} cannot start a character",
                        error.valid_up_to()
                    ),
                )
                .with_help("save the file as UTF-8 (stack files are text; an editor set to Latin-1 or UTF-16 is the usual cause)")
                .at(at),
                Some(lossy(bytes)),
            ));
        }
    };
    let source = SourceText {
        name: name.to_owned(),
        text,
    };
    // The typed reading does not need the map: on a second thread it overlaps the map's own
    // parse of the text (each about half of loading). Both parsers bound what a hostile file
    // costs them (nodes, depth, alias expansion), and the typed result is used only where it
    // always was: once the map has accepted the file and found no `environments:`.
    // A system that cannot start a thread gets both readings done on this one.
    let read_typed = || serde_saphyr::from_str_with_options::<Stack>(&source.text, yaml_options());
    let (map, typed) = std::thread::scope(|scope| {
        let typed = crate::threads::spawn_beside(scope, read_typed).ok();
        let map = SourceMap::build(&source.text);
        let typed = match typed {
            Some(typed) => typed
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => read_typed(),
        };
        (map, typed)
    });
    let map = match map {
        Ok(map) => map,
        Err(error) if error.kind == MapErrorKind::AliasExpansion => {
            return Err(fail(
                Diagnostic::new(
                    codes::E005,
                    StackPath::root(),
                    format!("refusing the file: {}", error.message),
                )
                .with_help("use anchors and aliases only to share small blocks; this limit guards against alias bombs")
                .at(error.position),
                Some(source),
            ));
        }
        Err(error) if error.kind == MapErrorKind::TooManyNodes => {
            return Err(fail(
                Diagnostic::new(codes::E005,
                    StackPath::root(),
                    format!("refusing the file: {}", error.message),
                )
                .with_help("a stack describes one service in a few thousand nodes; split generated content out of it")
                .at(error.position),
                Some(source),
            ));
        }
        Err(error) => {
            let diagnostic = syntax_diagnostic(&source.text, &error);
            return Err(fail(diagnostic, Some(source)));
        }
    };
    if !map.has_content() {
        let message = if source.text.trim().is_empty() {
            "the file is empty"
        } else {
            "the file holds only comments: there is no stack in it"
        };
        return Err(fail(
            Diagnostic::new(codes::E002, StackPath::root(), message)
                .with_help("start from stacks/minimal.yaml; a stack needs at least `stack:` and `regions:`")
                .at(Position { line: 1, column: 1 }),
            Some(source),
        ));
    }
    if !map.root_is_mapping() {
        return Err(fail(
            Diagnostic::new(
                codes::E004,
                StackPath::root(),
                "the document is not a mapping: a stack file holds keys such as `stack:` and `regions:` at the top level",
            )
            .with_help("start from stacks/minimal.yaml")
            .at(map.value_position(&StackPath::root()).unwrap_or(Position { line: 1, column: 1 })),
            Some(source),
        ));
    }
    if let Some(diagnostic) = foreign_tag_diagnostic(&source.text, &map) {
        return Err(fail(diagnostic, Some(source)));
    }
    if map.contains(&StackPath::root().key(ENVIRONMENTS_KEY)) {
        return load_merged(source, &map);
    }
    match typed {
        Ok(stack) => Ok(vec![LoadedStack {
            stack,
            source,
            map,
            changes: Vec::new(),
        }]),
        // serde stops at the first mistake; the others of the same kind (unknown keys, wrong
        // types) are found by walking the file against the schema, so one run reports them all.
        Err(error) => Err(LoadFailure {
            diagnostics: crate::shape::with_other_shape_problems(
                diagnostic_from_yaml_error(&error, &map, &source),
                &source,
            ),
            source: Some(source),
        }),
    }
}

/// Loads every environment of a file that declares `environments:`: each overlay merged into the
/// base, the merged document typed like any stack file, and every position (of the map and of
/// the diagnostics) moved back to the base or overlay line that supplied the value. A mistake
/// found in several environments (one in the base) is reported once.
fn load_merged(source: SourceText, map: &SourceMap) -> Result<Vec<LoadedStack>, LoadFailure> {
    let merged = match merge_environments(&source.text) {
        Ok(merged) => merged,
        Err(mut diagnostics) => {
            locate(map, &mut diagnostics);
            return Err(LoadFailure {
                diagnostics,
                source: Some(source),
            });
        }
    };
    let mut loaded = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for environment in merged {
        let written = SourceText {
            name: source.name.clone(),
            text: environment.written.text.clone(),
        };
        let origin = |at: Position| environment.written.origin(at);
        let written_map = match SourceMap::build(&written.text) {
            Ok(written_map) => written_map,
            Err(error) => {
                diagnostics.push(Diagnostic::bug(format!(
                    "the merged stack of environment `{}` does not parse: {}",
                    environment.name, error.message
                )));
                continue;
            }
        };
        match serde_saphyr::from_str_with_options::<Stack>(&written.text, yaml_options()) {
            Ok(mut stack) => {
                stack.environment = Some(environment.name.clone());
                loaded.push(LoadedStack {
                    stack,
                    source: source.clone(),
                    map: written_map
                        .translated(origin)
                        .with_subtree(map, ENVIRONMENTS_KEY),
                    changes: environment.changes,
                });
            }
            Err(error) => {
                let found = crate::shape::with_other_shape_problems(
                    diagnostic_from_yaml_error(&error, &written_map, &written),
                    &written,
                );
                for mut diagnostic in found {
                    // Positions move back into the user's file; a path there, when it is in an
                    // overlay, names the overlay (`environments.staging.regions[0]`).
                    if let Some(at) = diagnostic.position {
                        let at = origin(at);
                        diagnostic.position = Some(at);
                        if let Some(path) = map.path_at(at).filter(|path| {
                            path.segments().first() == Some(&Segment::Key(ENVIRONMENTS_KEY.into()))
                        }) {
                            diagnostic.path = path;
                        }
                    }
                    for related in &mut diagnostic.related {
                        related.position = related.position.map(origin);
                    }
                    if seen.insert(diagnostic.identity()) {
                        diagnostics.push(diagnostic);
                    }
                }
            }
        }
    }
    if diagnostics.is_empty() {
        Ok(loaded)
    } else {
        Err(LoadFailure {
            diagnostics,
            source: Some(source),
        })
    }
}

/// Line and column (in characters) of the byte at `offset`.
fn position_of_offset(bytes: &[u8], offset: usize) -> Position {
    let before = &bytes[..offset.min(bytes.len())];
    let line_start = before
        .iter()
        .rposition(|byte| *byte == b'\n')
        .map_or(0, |newline| newline + 1);
    Position {
        line: before.iter().filter(|byte| **byte == b'\n').count() + 1,
        column: String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1,
    }
}

/// A syntax error, with the likely cause where the parser's own report is far from it: a tab
/// in the indentation, a flow collection that is never closed, an alias without anchor.
fn syntax_diagnostic(text: &str, error: &SyntaxError) -> Diagnostic {
    let fix =
        "fix the YAML syntax at the position shown (indentation, an unclosed bracket or quote)";
    let parser_said = format!(
        "the parser stopped at line {}, column {}: {}",
        error.position.line, error.position.column, error.message
    );
    if error.message.contains("recursion limit") {
        return Diagnostic::new(codes::E005,
            StackPath::root(),
            format!(
                "the document nests deeper than the YAML parser allows (it stopped at line {}, column {}); a stack needs a few levels, so Meridian refuses it",
                error.position.line, error.position.column
            ),
        )
        .with_help("remove the extra nesting; this limit guards against documents built to exhaust the parser")
        .at(error.position);
    }
    if let Some(at) = tab_indentation(text) {
        return Diagnostic::new(
            codes::E003,
            StackPath::root(),
            format!(
                "the file is not valid YAML: line {} is indented with a tab ({parser_said})",
                at.line
            ),
        )
        .with_help("indent with spaces only; YAML does not allow tabs in indentation")
        .at(at);
    }
    if error.message.contains("unknown anchor") {
        let alias = scalar_at(text, error.position).unwrap_or_else(|| "*name".to_owned());
        let anchor = alias.trim_start_matches('*');
        return Diagnostic::new(
            codes::E003,
            StackPath::root(),
            format!("the file is not valid YAML: the alias `{alias}` refers to an anchor `&{anchor}` that is not defined before it"),
        )
        .with_help(format!("put `&{anchor}` on the value to share, above this line, or write the value out here"))
        .at(error.position);
    }
    if let Some((bracket, at)) = unclosed_flow_bracket(text, error.position) {
        let closing = if bracket == '[' { ']' } else { '}' };
        return Diagnostic::new(
            codes::E003,
            StackPath::root(),
            format!("the file is not valid YAML: this `{bracket}` is never closed ({parser_said})"),
        )
        .with_help(format!("close it with `{closing}` at the end of the value"))
        .at(at);
    }
    Diagnostic::new(
        codes::E003,
        StackPath::root(),
        format!("the file is not valid YAML: {}", error.message),
    )
    .with_help(fix)
    .at(error.position)
}

/// The first line indented with a tab, and where the tab is.
fn tab_indentation(text: &str) -> Option<Position> {
    text.split('\n').enumerate().find_map(|(index, line)| {
        let content = line.trim_start_matches([' ', '\t']);
        let indentation = &line[..line.len() - content.len()];
        let tab = indentation.find('\t')?;
        (!content.is_empty() && !content.starts_with('#')).then(|| Position {
            line: index + 1,
            column: indentation[..tab].chars().count() + 1,
        })
    })
}

/// The innermost `[` or `{` opened on a line before `before` and not closed by then: with a
/// syntax error, the likely culprit. Quotes and comments are skipped; brackets inside plain
/// scalars (`a[0]`) are not flow collections and are ignored.
fn unclosed_flow_bracket(text: &str, before: Position) -> Option<(char, Position)> {
    let mut open: Vec<(char, Position)> = Vec::new();
    let mut quote: Option<char> = None;
    for (index, line) in text.split('\n').enumerate().take(before.line) {
        let number = index + 1;
        // The last character before this one, and the last one that is not whitespace: a
        // bracket or quote starts a node only after an indicator (or at the start of a line).
        let mut previous: Option<char> = None;
        let mut significant: Option<char> = None;
        let mut characters = line.chars().enumerate();
        while let Some((column, character)) = characters.next() {
            if number == before.line && column + 1 >= before.column {
                break;
            }
            match quote {
                Some('"') if character == '\\' => {
                    characters.next();
                }
                Some(q) if character == q => quote = None,
                Some(_) => {}
                None => {
                    let starts_node = significant.is_none_or(|p| ":[{,-?".contains(p));
                    match character {
                        '#' if previous.is_none_or(char::is_whitespace) => break,
                        '"' | '\'' if starts_node => quote = Some(character),
                        '[' | '{' if starts_node => open.push((
                            character,
                            Position {
                                line: number,
                                column: column + 1,
                            },
                        )),
                        ']' | '}' if !open.is_empty() => {
                            open.pop();
                        }
                        _ => {}
                    }
                }
            }
            previous = Some(character);
            if !character.is_whitespace() {
                significant = Some(character);
            }
        }
    }
    open.pop().filter(|(_, at)| at.line < before.line)
}

/// The plain token at `at` (up to whitespace or a flow indicator), e.g. an alias `*name`.
fn scalar_at(text: &str, at: Position) -> Option<String> {
    let line = text.split('\n').nth(at.line.checked_sub(1)?)?;
    let token: String = line
        .chars()
        .skip(at.column.saturating_sub(1))
        .take_while(|c| !c.is_whitespace() && !",]}#".contains(*c))
        .collect();
    (!token.is_empty()).then_some(token)
}

/// Refuses YAML tags other than the core schema's (`!!str`): a stack file takes none, and a
/// local tag such as CloudFormation's `!Ref` would otherwise be dropped silently.
fn foreign_tag_diagnostic(text: &str, map: &SourceMap) -> Option<Diagnostic> {
    let (written, node) = map.foreign_tag()?;
    // The node's span starts after its tag; point at the tag itself when it is on the line.
    let at = text
        .split('\n')
        .nth(node.line.saturating_sub(1))
        .and_then(|line| {
            let before: String = line.chars().take(node.column.saturating_sub(1)).collect();
            before
                .rfind(written)
                .map(|byte| before[..byte].chars().count() + 1)
        })
        .map_or(node, |column| Position {
            line: node.line,
            column,
        });
    let intrinsic = [
        "!Ref",
        "!Sub",
        "!GetAtt",
        "!Join",
        "!ImportValue",
        "!If",
        "!Select",
    ]
    .contains(&written);
    let message = if intrinsic {
        format!(
            "`{written}` is a CloudFormation intrinsic function; stack files are not templates and take no YAML tags"
        )
    } else {
        format!("the YAML tag `{written}` has no meaning in a stack file")
    };
    Some(
        Diagnostic::new(codes::E013, map.path_at(node).unwrap_or_default(), message)
            .with_help("write the value itself; a value only the deployer knows is a `${PARAMETER}`, and Meridian's own values are references such as `${database.writer.address}`")
            .at(at),
    )
}

pub(crate) fn yaml_options() -> Options {
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
fn diagnostic_from_yaml_error(
    error: &YamlError,
    map: &SourceMap,
    source: &SourceText,
) -> Diagnostic {
    #[allow(deprecated)]
    if let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = error {
        return diagnostic_from_yaml_error(error, map, source);
    }
    let mut position = error.location().as_ref().and_then(to_position);
    let path = match error {
        // A missing field is reported somewhere inside its mapping (often at its last key, deep
        // in a nested mapping): name the mapping the schema says the field belongs to, and point
        // at where it starts.
        YamlError::SerdeMissingField { field, .. } => {
            let mapping = position.and_then(|at| missing_field_owner(map, at, field));
            if let Some(mapping) = &mapping {
                position = node_position(map, mapping).or(position);
            }
            mapping
        }
        // The end of the first document: the file itself is the problem.
        YamlError::MultipleDocuments { .. }
        | YamlError::Budget {
            breach: BudgetBreach::Documents { .. },
            ..
        } => None,
        // A list or mapping where another shape is expected is reported at its first child
        // (`network: [- vpc_cidr: ...]` at `vpc_cidr`): name the node whose shape is wrong.
        YamlError::Unexpected { expected, .. } => position.and_then(|at| {
            let innermost = map.path_at(at)?;
            let shaped = shape_mismatch(map, &innermost, expected);
            if shaped != innermost {
                position = map.value_position(&shaped).or(position);
            }
            Some(shaped)
        }),
        _ => position.and_then(|at| map.path_at(at)),
    }
    .unwrap_or_default();
    let field = match path.segments().last() {
        Some(Segment::Key(key)) => format!("`{key}`"),
        _ => "this value".to_owned(),
    };
    let is_item = matches!(path.segments().last(), Some(Segment::Index(_)));
    let found = position.map_or_else(
        || "something else".to_owned(),
        |at| describe_found(source, at, is_item),
    );
    let diagnostic = match error {
        YamlError::SerdeUnknownField { field, expected, .. } => {
            let mut diagnostic = Diagnostic::new(
                codes::E006,
                path.clone(),
                format!("unknown field `{field}`"),
            );
            diagnostic.help = Some(match closest(field, expected.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("the fields allowed here are: {}", expected.join(", ")),
            });
            diagnostic
        }
        YamlError::SerdeMissingField { field, .. } => Diagnostic::new(
            codes::E007,
            path.clone(),
            format!("missing required field `{field}`"),
        )
        .with_help(format!("add `{field}:` here; the schema in stacks/stack.schema.json describes it")),
        YamlError::SerdeUnknownVariant { variant, expected, .. } => {
            let mut diagnostic = Diagnostic::new(
                codes::E009,
                path.clone(),
                format!("`{variant}` is not one of the allowed values: {}", expected.join(", ")),
            );
            diagnostic.help = Some(match closest(variant, expected.iter().copied()) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => format!("use one of: {}", expected.join(", ")),
            });
            diagnostic
        }
        YamlError::SerdeInvalidType { expected, .. }
        | YamlError::SerdeInvalidValue { expected, .. } => Diagnostic::new(
            codes::E008,
            path.clone(),
            format!("{field} expects {}, found {found}", friendly_type(expected)),
        )
        .with_help("check the value's type against stacks/stack.schema.json (quote strings that look like numbers or booleans)"),
        YamlError::Unexpected { expected, .. } => {
            let (wanted, help) = match *expected {
                "sequence start" => (
                    "a list",
                    "write a list: `[first, second]`, or one `- item` per line",
                ),
                "mapping start" => (
                    "a mapping of keys and values",
                    "write the keys of this setting on the lines below it, indented",
                ),
                "string scalar" => (
                    "a single value",
                    "write one value here, not a list or a mapping",
                ),
                other => (other, "compare this part of the file with stacks/stack.schema.json"),
            };
            Diagnostic::new(codes::E008, path.clone(), format!("{field} expects {wanted}, found {found}"))
                .with_help(help)
        }
        YamlError::NullIntoString { .. } => Diagnostic::new(
            codes::E008,
            path.clone(),
            format!("{field} has no value; it expects a string"),
        )
        .with_help("write the value after the colon (an empty string is written `\"\"`)"),
        YamlError::ExternallyTaggedEnumExpectedScalarOrMapping { .. }
        | YamlError::UnexpectedValueForUnitEnumVariant { .. } => Diagnostic::new(
            codes::E008,
            path.clone(),
            format!("{field} expects one word from a fixed list, found {found}"),
        )
        .with_help("write one of the values stacks/stack.schema.json lists for this field"),
        YamlError::TaggedScalarCannotDeserializeIntoString { .. } => Diagnostic::new(
            codes::E008,
            path.clone(),
            format!("{field} expects a string, but the value is tagged as another type"),
        )
        .with_help("remove the tag (such as `!!int`) or make it `!!str`"),
        YamlError::InvalidScalar { ty, .. }
            if integer_range(ty).is_some_and(|range| out_of_range(&found, range))
                // A negative value for a count keeps its own help ("cannot be negative").
                && !(ty.starts_with('u') && found.starts_with("`-")) =>
        {
            let (low, high) = integer_range(ty).unwrap_or_default();
            Diagnostic::new(codes::E008,
                path.clone(),
                format!("{field} is out of range: {found} is not between {low} and {high}"),
            )
            .with_help(format!("give a whole number from {low} to {high}"))
        }
        YamlError::InvalidScalar { ty, .. } => {
            let unsigned = ty.starts_with('u');
            let number = unsigned || ty.starts_with('i') || ty.starts_with('f');
            Diagnostic::new(
                codes::E008,
                path.clone(),
                format!("{field} expects {}, found {found}", friendly_type(ty)),
            )
            .with_help(if unsigned && found.starts_with("`-") {
                "this setting cannot be negative"
            } else if number {
                "write digits only, without quotes or units"
            } else if *ty == "bool" {
                "write `true` or `false`"
            } else {
                "check the value's type against stacks/stack.schema.json"
            })
        }
        YamlError::InvalidBooleanStrict { .. } => Diagnostic::new(
            codes::E008,
            path.clone(),
            format!("{field} expects a boolean (`true` or `false`), found {found}"),
        )
        .with_help("YAML 1.1 spellings such as `yes`, `no`, `on` or `off` are refused because they are easy to misread"),
        YamlError::DuplicateMappingKey { key, .. } => Diagnostic::new(
            codes::E010,
            path.clone(),
            match key {
                Some(key) => format!("the key `{key}` appears twice in this mapping"),
                None => "a key appears twice in this mapping".to_owned(),
            },
        )
        .with_help("remove one of the two entries; YAML would silently keep only the last"),
        YamlError::MultipleDocuments { .. }
        | YamlError::Budget {
            breach: BudgetBreach::Documents { .. },
            ..
        } => Diagnostic::new(
            codes::E012,
            path.clone(),
            "the file holds more than one YAML document: a second one starts here",
        )
        .with_help("put one stack in each file (a `---` line starts a new document)"),
        YamlError::Budget {
            breach: BudgetBreach::Depth { depth },
            ..
        } => Diagnostic::new(
            codes::E005,
            path.clone(),
            format!("the document nests {depth} levels deep; a stack needs far fewer, so Meridian refuses it"),
        )
        .with_help("remove the extra nesting; this limit guards against documents built to exhaust the parser"),
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. }
        | YamlError::Budget { .. } => Diagnostic::new(
            codes::E005,
            path.clone(),
            "the file expands to far more than a stack can hold (nested aliases or a very large document); refusing it",
        )
        .with_help("use anchors and aliases only to share small blocks; this limit guards against alias bombs"),
        YamlError::UnknownAnchor { .. } => Diagnostic::new(
            codes::E003,
            path.clone(),
            "this alias refers to an anchor that is not defined before it",
        )
        .with_help("define `&name` before using `*name`"),
        other => Diagnostic::new(
            codes::E013,
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

/// The innermost node at or above `path` whose schema has the shape serde-saphyr `expected`
/// (`mapping start`, `sequence start`, `string scalar`): the node written in another shape.
fn shape_mismatch(map: &SourceMap, path: &StackPath, expected: &str) -> StackPath {
    let schema = crate::json_schema();
    let wants = |node: &Value| {
        let types: Vec<&str> = match node.get("type") {
            Some(Value::String(kind)) => vec![kind.as_str()],
            Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        match expected {
            "mapping start" => types.contains(&"object") || node.get("properties").is_some(),
            "sequence start" => types.contains(&"array") || node.get("items").is_some(),
            "string scalar" => types.contains(&"string") || node.get("enum").is_some(),
            _ => false,
        }
    };
    let mut candidate = Some(path.clone());
    while let Some(current) = candidate {
        if schema_at(&schema, &current).is_some_and(wants) && map.contains(&current) {
            return current;
        }
        candidate = current.parent();
    }
    path.clone()
}

/// What the user wrote at `at`, for "found ..." in messages: the scalar in backticks, or the
/// kind of collection. `is_item`: the node is a list item, so a `- ` before it is its own.
pub(crate) fn describe_found(source: &SourceText, at: Position, is_item: bool) -> String {
    let Some(line) = source.line(at.line) else {
        return "something else".to_owned();
    };
    let before: String = line.chars().take(at.column.saturating_sub(1)).collect();
    if !is_item && before.trim_end().ends_with('-') && before.trim() == "-" {
        // A block list whose position is that of its first item.
        return "a list".to_owned();
    }
    let rest: String = line.chars().skip(at.column.saturating_sub(1)).collect();
    // Errors about an empty value point at the colon of its key.
    let rest = strip_comment(&rest).trim();
    let rest = rest.strip_prefix(':').map_or(rest, str::trim);
    if rest.is_empty() {
        // The value is on the following lines (a block list or mapping), or there is none: the
        // next line is then no deeper than this one.
        let indentation = |line: &str| line.len() - line.trim_start().len();
        let next = source.text.split('\n').skip(at.line).find(|line| {
            let line = line.trim();
            !line.is_empty() && !line.starts_with('#')
        });
        return match next {
            Some(next)
                if next.trim_start().starts_with('-') && indentation(next) >= indentation(line) =>
            {
                "a list".to_owned()
            }
            Some(next) if indentation(next) > indentation(line) => "a mapping".to_owned(),
            _ => "no value".to_owned(),
        };
    }
    if rest.starts_with('[') || rest.starts_with("- ") || rest == "-" {
        return "a list".to_owned();
    }
    if rest.starts_with('{') {
        return "a mapping".to_owned();
    }
    if !rest.starts_with(['"', '\'']) && (rest.ends_with(':') || rest.contains(": ")) {
        return "a mapping".to_owned();
    }
    let shown: String = rest.chars().take(60).collect();
    format!("`{shown}`")
}

/// A line without its trailing comment (a `#` after whitespace, outside quotes).
fn strip_comment(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (index, character) in line.char_indices() {
        match quote {
            Some(q) if character == q => quote = None,
            Some(_) => {}
            None if character == '"' || character == '\'' => quote = Some(character),
            None if character == '#' && previous.is_whitespace() => return &line[..index],
            None => {}
        }
        previous = character;
    }
    line
}

/// The smallest and largest value of an integer type, by its serde name.
fn integer_range(ty: &str) -> Option<(i128, i128)> {
    Some(match ty {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" | "usize" => (0, u64::MAX.into()),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" | "isize" => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

/// Whether `found` (a value as quoted in a message, `` `123` ``) is written as a whole number
/// outside `range`: then the value is a number, only too large or too small for the setting.
pub(crate) fn out_of_range(found: &str, (low, high): (i128, i128)) -> bool {
    let Some(digits) = found
        .strip_prefix('`')
        .and_then(|rest| rest.strip_suffix('`'))
    else {
        return false;
    };
    let unsigned = digits.strip_prefix('-').unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.bytes().all(|byte| byte.is_ascii_digit()) {
        return false;
    }
    match digits.parse::<i128>() {
        Ok(value) => value < low || value > high,
        // Beyond even i128: certainly out of range.
        Err(_) => true,
    }
}

/// The words for a serde type name, as a stack author would say them.
pub(crate) fn friendly_type(name: &str) -> String {
    match name {
        "u8" | "u16" | "u32" | "u64" | "usize" | "an unsigned integer" => {
            "a whole number (0 or more)".to_owned()
        }
        "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => "a whole number".to_owned(),
        "f32" | "f64" | "a float" => "a number".to_owned(),
        "bool" | "a boolean" => "a boolean (`true` or `false`)".to_owned(),
        "string" | "a string" | "str" => "a string".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "a mapping of keys and values".to_owned(),
        other if other.starts_with("struct ") => "a mapping of keys and values".to_owned(),
        other => other.to_owned(),
    }
}

/// The mapping a missing required `field` belongs to: the innermost mapping around `at` whose
/// type (by the JSON Schema of stack files) requires `field` and which lacks it.
fn missing_field_owner(map: &SourceMap, at: Position, field: &str) -> Option<StackPath> {
    let schema = crate::json_schema();
    let mut candidate = map.path_at(at);
    while let Some(path) = candidate {
        let requires = schema_at(&schema, &path)
            .and_then(|node| node.get("required"))
            .and_then(Value::as_array)
            .is_some_and(|required| required.iter().any(|name| name.as_str() == Some(field)));
        if requires && !map.contains(&path.key(field)) {
            return Some(path);
        }
        candidate = path.parent();
    }
    map.enclosing_mapping_at(at)
}

/// The schema of the node at `path`, following `$ref`s and the non-null branch of optional
/// fields.
fn schema_at<'s>(root: &'s Value, path: &StackPath) -> Option<&'s Value> {
    let mut node = resolve_schema(root, root)?;
    for segment in path.segments() {
        let child = match segment {
            Segment::Key(key) => node
                .get("properties")
                .and_then(|properties| properties.get(&**key))
                .or_else(|| node.get("additionalProperties").filter(|v| v.is_object()))?,
            Segment::Index(_) => node.get("items")?,
        };
        node = resolve_schema(root, child)?;
    }
    Some(node)
}

/// The schema node `node` stands for, following `$ref`s and the non-null branch of optional
/// fields.
pub fn resolve_schema<'s>(root: &'s Value, mut node: &'s Value) -> Option<&'s Value> {
    // Bounded: schemars' definitions do not chain references deeper than a few levels.
    for _ in 0..16 {
        if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            node = root
                .get("$defs")?
                .get(reference.strip_prefix("#/$defs/")?)?;
            continue;
        }
        let variants = node
            .get("anyOf")
            .or_else(|| node.get("oneOf"))
            .and_then(Value::as_array);
        if let Some(variants) = variants {
            let not_null: Vec<&Value> = variants
                .iter()
                .filter(|variant| variant.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if let [only] = not_null.as_slice() {
                node = only;
                continue;
            }
        }
        return Some(node);
    }
    None
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_error(text: &str) -> Diagnostic {
        let failure = load_stack("test.yaml", text.as_bytes()).expect_err("the file is refused");
        assert_eq!(failure.diagnostics.len(), 1);
        failure
            .diagnostics
            .into_iter()
            .next()
            .expect("one diagnostic")
    }

    #[test]
    fn brackets_in_plain_scalars_and_quotes_are_not_flow_collections() {
        let text = "a: x [y\nb: \"[\"\nc: [1,\n  2]\nd: {e: [\nf: g\n";
        let before = Position { line: 6, column: 1 };
        assert_eq!(
            unclosed_flow_bracket(text, before),
            Some(('[', Position { line: 5, column: 8 }))
        );
        assert_eq!(
            unclosed_flow_bracket("a: x [y\nb: c\n", Position { line: 2, column: 1 }),
            None
        );
    }

    #[test]
    fn missing_field_names_the_mapping_that_lacks_it() {
        let diagnostic = only_error(
            "stack: x\nregions:\n  - code: us-east-1\n    network:\n      vpc_cidr: 10.0.0.0/16\n",
        );
        assert_eq!(diagnostic.code, "E007");
        assert_eq!(diagnostic.path.to_string(), "regions[0]");
        assert_eq!(diagnostic.position, Some(Position { line: 3, column: 5 }));
    }

    #[test]
    fn local_tags_are_refused_where_they_are_written() {
        let diagnostic = only_error("stack: !Ref Name\nregions: []\n");
        assert_eq!(diagnostic.code, "E013");
        assert_eq!(diagnostic.position, Some(Position { line: 1, column: 8 }));
        assert!(diagnostic.message.contains("`!Ref`"));
    }

    #[test]
    fn core_tags_are_accepted() {
        assert!(load_stack("test.yaml", b"stack: !!str x\nregions: []\n").is_ok());
    }

    #[test]
    fn a_list_where_a_mapping_belongs_is_named_at_its_key() {
        let diagnostic = only_error(
            "stack: x\nregions:\n- code: us-east-1\n  role: primary\n  network:\n  - vpc_cidr: 10.0.0.0/16\n",
        );
        assert_eq!(diagnostic.code, "E008");
        assert_eq!(diagnostic.path.to_string(), "regions[0].network");
        assert!(
            diagnostic.message.ends_with("found a list"),
            "{}",
            diagnostic.message
        );
    }
}
