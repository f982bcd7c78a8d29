//! The README documents every diagnostic code the code can emit, and no other.

use std::collections::BTreeSet;
use std::path::Path;

use meridian_testkit::repository;

fn codes_in(text: &str, quoted: bool) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut codes = BTreeSet::new();
    for start in 0..bytes.len().saturating_sub(4) {
        let window = &bytes[start..start + 4];
        let is_code =
            (window[0] == b'E' || window[0] == b'W') && window[1..].iter().all(u8::is_ascii_digit);
        if !is_code {
            continue;
        }
        let before = start.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(start + 4).copied();
        let delimited = if quoted {
            before == Some(b'"') && after == Some(b'"')
        } else {
            before == Some(b' ') && after == Some(b' ') && text[..start].ends_with("| ")
        };
        if delimited {
            codes.insert(String::from_utf8_lossy(window).into_owned());
        }
    }
    codes
}

fn source_codes(directory: &Path, codes: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(directory).expect("source directory") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            source_codes(&path, codes);
        } else if path.extension().and_then(|e| e.to_str()) == Some("rs") {
            let text = std::fs::read_to_string(&path).expect("source file");
            codes.extend(codes_in(&text, true));
        }
    }
}

/// Every code the loader and the plan can emit: quoted codes in their sources.
fn emitted_codes() -> BTreeSet<String> {
    let root = repository();
    let mut emitted = BTreeSet::new();
    source_codes(&root.join("crates/model/src"), &mut emitted);
    source_codes(&root.join("crates/plan/src"), &mut emitted);
    emitted
}

#[test]
fn readme_documents_every_diagnostic_code() {
    let root = repository();
    let emitted = emitted_codes();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let documented = codes_in(&readme, false);
    let undocumented: Vec<_> = emitted.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&emitted).collect();
    assert!(
        undocumented.is_empty(),
        "codes missing from README's table: {undocumented:?}"
    );
    assert!(
        stale.is_empty(),
        "README documents codes nothing emits: {stale:?}"
    );
    assert!(
        emitted.len() > 100,
        "found only {} codes; is the scan broken?",
        emitted.len()
    );
}

#[test]
fn every_error_code_has_an_invalid_stack() {
    let root = repository();
    let emitted = emitted_codes();
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
    // megabyte of padding does not belong in the repository.
    let exempt = ["E900", "E011"];
    let uncovered: Vec<&String> = emitted
        .iter()
        .filter(|code| {
            code.starts_with('E') && !exempt.contains(&code.as_str()) && !covered.contains(*code)
        })
        .collect();
    assert!(
        uncovered.is_empty(),
        "error codes without a file in stacks/invalid: {uncovered:?}"
    );
}
