//! README's table of diagnostic codes is generated from the registry (`meridian_model::codes`);
//! the registry holds exactly the codes the loader and the plan emit; every error code has a stack
//! in `stacks/invalid/` that produces it.

use std::collections::BTreeSet;
use std::path::Path;

use meridian_model::codes::{self, Code};
use meridian_model::{Diagnostic, Severity};
use meridian_testkit::{ensure_file_contents, repository};

/// The line that starts the table in README.
const TABLE_HEADER: &str = "| code | meaning |\n| --- | --- |\n";

/// The table as README shows it: one row per registered code, in registry order.
fn rendered_table() -> String {
    let mut table = TABLE_HEADER.to_owned();
    for code in codes::ALL {
        table.push_str(&format!("| {} | {} |\n", code.id(), code.summary()));
    }
    table
}

/// README with its table replaced by the registry's.
fn readme_with_generated_table(readme: &str) -> String {
    let start = readme
        .find(TABLE_HEADER)
        .expect("README has the table of diagnostic codes");
    let rows = &readme[start + TABLE_HEADER.len()..];
    let end = start
        + TABLE_HEADER.len()
        + rows
            .split_inclusive('\n')
            .take_while(|line| line.starts_with('|'))
            .map(str::len)
            .sum::<usize>();
    format!("{}{}{}", &readme[..start], rendered_table(), &readme[end..])
}

#[test]
fn readme_error_table_is_generated_from_the_registry() {
    let path = repository().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    ensure_file_contents(
        &path,
        &readme_with_generated_table(&readme),
        "edit the summaries in crates/model/src/codes.rs, not README",
    );
}

#[test]
fn the_generated_table_replaces_only_the_table() {
    let readme =
        "# Title\n\nintro\n\n| code | meaning |\n| --- | --- |\n| E999 | stale |\n\nafter\n";
    let generated = readme_with_generated_table(readme);
    assert!(generated.starts_with("# Title\n\nintro\n\n| code | meaning |\n"));
    assert!(generated.ends_with("|\n\nafter\n"), "{generated}");
    assert!(!generated.contains("E999"));
    assert!(generated.contains("| E001 | the file is not UTF-8 |\n"));
    assert_eq!(
        generated.matches("\n| E").count() + generated.matches("\n| W").count(),
        codes::ALL.len()
    );
}

/// Every `codes::XNNN` a source file under `directory` names.
fn used_codes(directory: &Path, used: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(directory).expect("source directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            used_codes(&path, used);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs")
            && path.file_name().and_then(|name| name.to_str()) != Some("codes.rs")
        {
            let text = std::fs::read_to_string(&path).expect("source file");
            for (index, _) in text.match_indices("codes::") {
                let code = &text[index + "codes::".len()..];
                let code: String = code
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if code.len() == 4 && Code::find(&code).is_some() {
                    used.insert(code);
                }
            }
        }
    }
}

#[test]
fn the_registry_holds_exactly_the_codes_that_are_emitted() {
    let root = repository();
    let mut used = BTreeSet::new();
    used_codes(&root.join("crates/model/src"), &mut used);
    used_codes(&root.join("crates/plan/src"), &mut used);
    // E905 is the CLI's: the check of the emitted templates against CloudFormation's quotas.
    used_codes(&root.join("crates/cli/src"), &mut used);
    // E900 is emitted through `Diagnostic::bug`, the one way to report an internal bug.
    used.insert(codes::E900.id().to_owned());
    let registered: BTreeSet<String> = codes::ALL.iter().map(|code| code.id().to_owned()).collect();
    let unused: Vec<_> = registered.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "registered codes nothing emits: {unused:?}"
    );
    assert!(
        used.len() > 100,
        "found only {} codes; is the scan broken?",
        used.len()
    );
}

#[test]
fn codes_are_unique_sorted_and_their_letter_is_their_severity() {
    let ids: Vec<&str> = codes::ALL.iter().map(|code| code.id()).collect();
    let mut sorted = ids.clone();
    sorted.sort_by_key(|id| (id.starts_with('W'), *id));
    sorted.dedup();
    assert_eq!(
        ids, sorted,
        "codes are unique, errors before warnings, by number"
    );
    for code in codes::ALL {
        let diagnostic = Diagnostic::new(*code, meridian_model::StackPath::root(), "x");
        let expected = if code.id().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        assert_eq!(diagnostic.severity, expected, "{code}");
        assert!(!code.summary().is_empty() && !code.summary().ends_with('.'));
    }
}

#[test]
fn an_internal_bug_is_reported_as_e900_with_a_request_to_report_it() {
    let diagnostic = Diagnostic::bug("the unit x consumes outputs of y");
    assert_eq!(diagnostic.code, codes::E900);
    assert!(diagnostic.is_error());
    assert_eq!(
        diagnostic.message,
        "internal error: the unit x consumes outputs of y; this is a bug in meridian"
    );
    assert_eq!(
        diagnostic.help.as_deref(),
        Some("please report it with the stack file")
    );
    let panic =
        std::panic::catch_unwind(|| meridian_model::bug("broken")).expect_err("bug() stops");
    assert_eq!(
        panic.downcast_ref::<String>().map(String::as_str),
        Some("internal error: broken; this is a bug in meridian")
    );
}

#[test]
fn every_error_code_has_an_invalid_stack() {
    let root = repository();
    let covered: BTreeSet<String> = std::fs::read_dir(root.join("stacks/invalid"))
        .expect("stacks/invalid")
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            entry
                .file_name()
                .to_str()
                .and_then(|name| name.split('-').next())
                .map(str::to_owned)
        })
        .collect();
    // E900 is an internal-bug code; E011 (file over 1 MiB) is covered by a loader test, since a
    // megabyte of padding does not belong in the repository; E905 (an emitted template beyond a
    // CloudFormation quota) is what the split of big regions prevents for every valid stack, so
    // no stack produces it: the emitter's test builds the template that does.
    // E018 (`--env` naming an environment the file does not declare) is a mistake of the command
    // line, not of a file: `tests/environments.rs` runs the command that makes it.
    let exempt = [codes::E900, codes::E011, codes::E905, codes::E018];
    let uncovered: Vec<&str> = codes::ALL
        .iter()
        .filter(|code| code.severity() == Severity::Error && !exempt.contains(code))
        .map(|code| code.id())
        .filter(|id| !covered.contains(*id))
        .collect();
    assert!(
        uncovered.is_empty(),
        "error codes without a file in stacks/invalid: {uncovered:?}"
    );
}
