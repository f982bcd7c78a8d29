//! Reading Meridian's own Rust sources for the tests that guard their shape: the literals a
//! module writes (to keep AWS defaults, limits and names out of the emitters' lowering) and the
//! length of every function (to keep the plan's functions short). Sources are tokenized as the
//! compiler does, so comments never count and a `//` inside a string is text.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::repository;

/// Every `.rs` file under `directory`, sorted.
pub fn rust_files(directory: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![directory.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .unwrap_or_else(|error| panic!("cannot list {}: {error}", folder.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `path` relative to the repository, with `/` separators.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(repository())
        .unwrap_or(path)
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn tokens(path: &Path) -> TokenStream {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    TokenStream::from_str(&text)
        .unwrap_or_else(|error| panic!("{} does not tokenize: {error}", path.display()))
}

/// A literal written in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// The file, relative to the repository.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// The literal as written: `"awslogs"`, `100`, `true`.
    pub text: String,
}

/// Macros whose arguments are messages about bugs or test expectations, not output.
const MESSAGE_MACROS: &[&str] = &[
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "unreachable",
    "todo",
    "unimplemented",
];

/// Calls whose arguments are messages about bugs: `bug(...)`, `.expect(...)`.
const MESSAGE_CALLS: &[&str] = &["bug", "expect"];

/// Every string, character, number and boolean literal of the file's code, in order. Comments,
/// doc comments and other attributes, items under `#[cfg(test)]`, and the messages of bug and
/// assertion macros and calls (`panic!`, `assert!`, `bug(...)`, `.expect(...)`) are not code
/// that produces output, and are left out.
pub fn literals(path: &Path) -> Vec<Literal> {
    let file = relative(path);
    let mut found = Vec::new();
    collect_literals(tokens(path), &file, &mut found);
    found
}

fn collect_literals(stream: TokenStream, file: &str, found: &mut Vec<Literal>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    let mut index = 0;
    while index < trees.len() {
        match &trees[index] {
            TokenTree::Punct(punct) if punct.as_char() == '#' => {
                index = skip_attribute(&trees, index);
                continue;
            }
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                let next = trees.get(index + 1);
                let is_macro_call = matches!(next, Some(TokenTree::Punct(punct)) if punct.as_char() == '!')
                    && matches!(trees.get(index + 2), Some(TokenTree::Group(_)));
                if is_macro_call && MESSAGE_MACROS.contains(&name.as_str()) {
                    index += 3;
                    continue;
                }
                let is_call = matches!(next, Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis);
                if is_call && MESSAGE_CALLS.contains(&name.as_str()) {
                    index += 2;
                    continue;
                }
                if name == "true" || name == "false" {
                    found.push(Literal {
                        file: file.to_owned(),
                        line: ident.span().start().line,
                        text: name,
                    });
                }
            }
            TokenTree::Literal(literal) => found.push(Literal {
                file: file.to_owned(),
                line: literal.span().start().line,
                text: literal.to_string(),
            }),
            TokenTree::Group(group) => collect_literals(group.stream(), file, found),
            TokenTree::Punct(_) => {}
        }
        index += 1;
    }
}

/// The index after the attribute starting at `trees[index]` (`#` or `#!`, then `[...]`), and
/// after the item it applies to when the attribute is `#[cfg(test)]`.
fn skip_attribute(trees: &[TokenTree], index: usize) -> usize {
    let mut next = index + 1;
    if matches!(trees.get(next), Some(TokenTree::Punct(punct)) if punct.as_char() == '!') {
        next += 1;
    }
    let Some(TokenTree::Group(group)) = trees.get(next) else {
        return index + 1;
    };
    if group.delimiter() != Delimiter::Bracket {
        return index + 1;
    }
    next += 1;
    let attribute: String = group
        .stream()
        .to_string()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if attribute != "cfg(test)" {
        return next;
    }
    // The item under test-only configuration: up to its body (or its `;`).
    while let Some(tree) = trees.get(next) {
        next += 1;
        match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => break,
            TokenTree::Punct(punct)
                if punct.as_char() == ';' && punct.spacing() == Spacing::Alone =>
            {
                break;
            }
            _ => {}
        }
    }
    next
}

/// A function with a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Function {
    /// The file, relative to the repository.
    pub file: String,
    /// Its name.
    pub name: String,
    /// Line of its `fn`.
    pub line: usize,
    /// Lines of its body, from the line of `{` to the line of `}`.
    pub body_lines: usize,
}

/// Every function with a body in the file, nested ones included (a closure is part of its
/// function).
pub fn functions(path: &Path) -> Vec<Function> {
    let file = relative(path);
    let mut found = Vec::new();
    collect_functions(tokens(path), &file, &mut found);
    found
}

fn collect_functions(stream: TokenStream, file: &str, found: &mut Vec<Function>) {
    let trees: Vec<TokenTree> = stream.into_iter().collect();
    for (index, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(ident) if *ident == "fn" => {
                let Some(TokenTree::Ident(name)) = trees.get(index + 1) else {
                    continue;
                };
                // The body is the first brace group after the signature; a `;` first means none.
                let body = trees[index + 2..]
                    .iter()
                    .take_while(
                        |tree| !matches!(tree, TokenTree::Punct(punct) if punct.as_char() == ';'),
                    )
                    .find_map(|tree| match tree {
                        TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                            Some(group)
                        }
                        _ => None,
                    });
                if let Some(body) = body {
                    let span = body.span();
                    found.push(Function {
                        file: file.to_owned(),
                        name: name.to_string(),
                        line: ident.span().start().line,
                        body_lines: span.end().line - span.start().line + 1,
                    });
                }
            }
            TokenTree::Group(group) => collect_functions(group.stream(), file, found),
            _ => {}
        }
    }
}

/// Literals a module may write because they are syntax of its target, never a decision: each
/// group says why, and lists (file relative to the scanned folder, literal as written, how many
/// times it may appear there).
pub type SyntaxLiterals =
    &'static [(&'static str, &'static [(&'static str, &'static str, usize)])];

/// What in `directory`'s sources the allow-list does not explain: literals it does not list, more
/// of a listed literal than it allows, and entries that no longer match (so the list cannot go
/// stale). Empty when the sources write only the listed syntax.
pub fn unexplained_literals(directory: &Path, allowed: SyntaxLiterals) -> Vec<String> {
    let prefix = format!("{}/", relative(directory));
    let mut counts: std::collections::BTreeMap<(String, String), Vec<usize>> =
        std::collections::BTreeMap::new();
    for file in rust_files(directory) {
        for literal in literals(&file) {
            let file = literal
                .file
                .strip_prefix(&prefix)
                .unwrap_or(&literal.file)
                .to_owned();
            counts
                .entry((file, literal.text))
                .or_default()
                .push(literal.line);
        }
    }
    let mut allowances: std::collections::BTreeMap<(String, String), usize> =
        std::collections::BTreeMap::new();
    for (_, entries) in allowed {
        for (file, text, count) in *entries {
            *allowances
                .entry(((*file).to_owned(), (*text).to_owned()))
                .or_default() += count;
        }
    }
    let mut problems = Vec::new();
    for ((file, text), lines) in &counts {
        let allowed = allowances
            .get(&(file.clone(), text.clone()))
            .copied()
            .unwrap_or(0);
        if lines.len() > allowed {
            let at: Vec<String> = lines
                .iter()
                .map(|line| format!("{prefix}{file}:{line}"))
                .collect();
            problems.push(format!(
                "{text} appears {} time(s), {allowed} allowed: {}",
                lines.len(),
                at.join(", ")
            ));
        }
    }
    for ((file, text), allowed) in &allowances {
        let found = counts
            .get(&(file.clone(), text.clone()))
            .map_or(0, Vec::len);
        if found < *allowed {
            problems.push(format!(
                "the allow-list lets {prefix}{file} write {text} {allowed} time(s), but it does {found}: lower or remove the entry"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, text: &str) -> (PathBuf, PathBuf) {
        let directory =
            std::env::temp_dir().join(format!("meridian-source-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&directory).expect("scratch directory");
        let file = directory.join("sample.rs");
        std::fs::write(&file, text).expect("sample written");
        (directory, file)
    }

    const SAMPLE: &str = r#"//! Module docs with "quoted" text.
/// Item docs: "doc".
fn lower() -> Value {
    // A comment: "comment".
    let tag = format!("{}-final", name);
    assert!(ready, "assertion message");
    let value = map.get(key).expect("expectation message");
    let other = map.get(key).unwrap_or_else(|| bug("bug message"));
    panic!("panic message {}", 7);
    Value::new("awslogs", 100, true)
}

#[cfg(test)]
mod tests {
    fn test_only() { let _ = "test literal"; }
}
"#;

    #[test]
    fn literals_are_those_of_the_code_only() {
        let (directory, file) = scratch("literals", SAMPLE);
        let found: Vec<(usize, String)> = literals(&file)
            .into_iter()
            .map(|literal| (literal.line, literal.text))
            .collect();
        std::fs::remove_dir_all(&directory).ok();
        assert_eq!(
            found,
            vec![
                (5, "\"{}-final\"".to_owned()),
                (10, "\"awslogs\"".to_owned()),
                (10, "100".to_owned()),
                (10, "true".to_owned()),
            ]
        );
    }

    #[test]
    fn the_allow_list_is_exact() {
        let (directory, _) = scratch("allow", SAMPLE);
        let complete: SyntaxLiterals = &[
            ("names", &[("sample.rs", "\"{}-final\"", 1)]),
            (
                "values",
                &[
                    ("sample.rs", "\"awslogs\"", 1),
                    ("sample.rs", "100", 1),
                    ("sample.rs", "true", 1),
                ],
            ),
        ];
        assert!(unexplained_literals(&directory, complete).is_empty());
        let missing: SyntaxLiterals = &[(
            "values",
            &[("sample.rs", "100", 1), ("sample.rs", "true", 2)],
        )];
        let problems = unexplained_literals(&directory, missing);
        std::fs::remove_dir_all(&directory).ok();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].starts_with("\"awslogs\" appears 1 time(s), 0 allowed: "));
        assert!(problems[0].ends_with("sample.rs:10"));
        assert!(problems[1].starts_with("\"{}-final\" appears 1 time(s), 0 allowed"));
        assert!(problems[2].contains("write true 2 time(s), but it does 1"));
    }
}
