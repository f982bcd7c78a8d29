//! Data-driven tests over the stack files in `stacks/`: every valid stack checks clean, every
//! file in `stacks/invalid/` is rejected with exactly the error its name announces, and the
//! rendered errors are locked by snapshots in `snapshots/` (`error@<file>.snap`).

use std::path::Path;

use meridian::pipeline::check;

// `repository()` is canonical, because `insta::glob!` hands out canonical paths and names are made
// relative to this root.
use crate::common::{repository, snapshot_settings};
use meridian_testkit::{bundled_stack_paths, ensure_file_contents};

/// The display name of a stack file, as a user running from the repository root sees it.
fn display_name(path: &Path) -> String {
    path.strip_prefix(repository())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| path.display().to_string())
}

#[test]
fn valid_stacks_check_without_errors_or_warnings() {
    let paths = bundled_stack_paths();
    let count = paths.len();
    for path in paths {
        let bytes = std::fs::read(&path).expect("readable");
        match check(&display_name(&path), &bytes) {
            Ok(checked) => assert!(
                checked.warnings.is_empty(),
                "{} has warnings: {:#?}",
                path.display(),
                checked.warnings
            ),
            Err(rejected) => panic!("{}", rejected.report(&display_name(&path))),
        }
    }
    assert!(count >= 3, "expected the bundled stacks, found {count}");
}

#[test]
fn invalid_stacks_are_rejected_with_the_announced_error() {
    let settings = snapshot_settings();
    settings.bind(|| {
        insta::glob!("../../../../stacks/invalid", "*.yaml", |path| {
            let name = display_name(path);
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("file name");
            let expected = file.split('-').next().expect("code prefix");
            let bytes = std::fs::read(path).expect("readable");
            let rejected = match check(&name, &bytes) {
                Ok(_) => panic!("{name} was accepted, but its name announces {expected}"),
                Err(rejected) => rejected,
            };
            let errors: Vec<&str> = rejected
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.code.id())
                .collect();
            assert_eq!(
                errors,
                vec![expected],
                "{name} must fail with exactly one error, {expected}:\n{}",
                rejected.report(&name)
            );
            let error = rejected
                .diagnostics
                .iter()
                .find(|d| d.is_error())
                .expect("an error");
            assert!(
                error.position.is_some(),
                "{name}: the error has no line and column"
            );
            assert!(error.help.is_some(), "{name}: the error has no help line");
            insta::assert_snapshot!("error", rejected.report(&name));
        });
    });
}

/// The command that rewrites the committed schema.
const REGENERATE_SCHEMA: &str = "cargo run -q -p meridian -- schema > stacks/stack.schema.json";

#[test]
fn committed_json_schema_is_fresh() {
    ensure_file_contents(
        &repository().join("stacks/stack.schema.json"),
        &meridian::commands::schema_text(),
        &format!("regenerate it with `{REGENERATE_SCHEMA}`"),
    );
}

/// The stacks of `stacks/warnings/`, each planned without errors and with exactly the warning its
/// name announces, located and with a help line; acknowledged by its code and path with a reason,
/// the same stack has no warning, and `meridian plan` shows the warning with the reason.
#[test]
fn warning_stacks_warn_and_acknowledged_warnings_show_their_reason() {
    let folder = repository().join("stacks/warnings");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("stacks/warnings can be listed")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 5,
        "expected the warning stacks, found {paths:?}"
    );
    for path in paths {
        let name = display_name(&path);
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        let expected = file.split('-').next().expect("code prefix");
        let text = std::fs::read_to_string(&path).expect("readable");
        let checked = check(&name, text.as_bytes())
            .unwrap_or_else(|rejected| panic!("{}", rejected.report(&name)));
        let codes: Vec<&str> = checked.warnings.iter().map(|d| d.code.id()).collect();
        assert_eq!(codes, vec![expected], "{name} must warn exactly {expected}");
        let warning = &checked.warnings[0];
        assert!(warning.position.is_some(), "{name}: no line and column");
        assert!(warning.help.is_some(), "{name}: no help line");
        assert!(checked.plan.acknowledged.is_empty());

        let reason = format!("accepted on purpose for {expected}");
        let acknowledged = format!(
            "{text}\nacknowledge:\n  - code: {expected}\n    path: \"{}\"\n    reason: {reason}\n",
            warning.path
        );
        let checked = check(&name, acknowledged.as_bytes())
            .unwrap_or_else(|rejected| panic!("{}", rejected.report(&name)));
        assert!(
            checked.warnings.is_empty(),
            "{name}: acknowledged, yet {:?}",
            checked.warnings
        );
        let [entry] = checked.plan.acknowledged.as_slice() else {
            panic!("{name}: {:?}", checked.plan.acknowledged);
        };
        assert_eq!(entry.code.id(), expected);
        assert_eq!(entry.reason, reason);
        let shown = meridian::summary::render_plan(&checked.plan);
        assert!(
            shown.contains("Acknowledged warnings:")
                && shown.contains(&format!("{expected} at {}", warning.path))
                && shown.contains(&reason),
            "{name}: `meridian plan` does not show the acknowledgement:\n{shown}"
        );
    }
}
