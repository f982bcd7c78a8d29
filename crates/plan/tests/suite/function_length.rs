//! No function in the plan's sources is longer than [`MAX_BODY_LINES`]: a resolver function that
//! long mixes concerns (the review that split `resolve/` found 27 over 200 lines), and a short one
//! can be read, tested and changed on its own.

use meridian_testkit::repository;
use meridian_testkit::source::{functions, rust_files};

/// Longest function body allowed, in lines from `{` to `}`.
const MAX_BODY_LINES: usize = 150;

#[test]
fn no_plan_function_is_longer_than_the_limit() {
    let files = rust_files(&repository().join("crates/plan/src"));
    let all: Vec<_> = files.iter().flat_map(|file| functions(file)).collect();
    assert!(
        all.len() > 200,
        "found only {} functions; is the scan broken?",
        all.len()
    );
    let mut long: Vec<_> = all
        .iter()
        .filter(|function| function.body_lines > MAX_BODY_LINES)
        .collect();
    long.sort_by_key(|function| std::cmp::Reverse(function.body_lines));
    let report: Vec<String> = long
        .iter()
        .map(|function| {
            format!(
                "  {}:{} `{}` has {} lines",
                function.file, function.line, function.name, function.body_lines
            )
        })
        .collect();
    assert!(
        long.is_empty(),
        "functions of crates/plan longer than {MAX_BODY_LINES} lines; split them by concern:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_scan_measures_bodies_and_finds_nested_functions() {
    let directory = std::env::temp_dir().join(format!("meridian-fn-scan-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("scratch directory");
    let file = directory.join("sample.rs");
    std::fs::write(
        &file,
        "/// A doc comment with fn fake() { in it.\nfn outer() {\n    // fn commented() {}\n    let text = \"fn in_string() {\";\n    fn inner() {\n        1;\n    }\n}\ntrait T {\n    fn declared(&self);\n}\n",
    )
    .expect("sample written");
    let found = functions(&file);
    std::fs::remove_dir_all(&directory).ok();
    let summary: Vec<(String, usize, usize)> = found
        .into_iter()
        .map(|function| (function.name, function.line, function.body_lines))
        .collect();
    assert_eq!(
        summary,
        vec![("outer".to_owned(), 2, 7), ("inner".to_owned(), 5, 3)]
    );
}
