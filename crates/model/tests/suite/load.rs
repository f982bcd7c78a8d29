//! Loader behaviour on real and broken stack files.

use meridian_model::{Diagnostic, load_stack};
use meridian_testkit::bundled_stack;

fn load_error(text: &str) -> Diagnostic {
    let failure = load_stack("test.yaml", text.as_bytes()).expect_err("the text is broken");
    assert_eq!(failure.diagnostics.len(), 1, "{:?}", failure.diagnostics);
    failure
        .diagnostics
        .into_iter()
        .next()
        .expect("one diagnostic")
}

#[test]
fn bundled_rail_backend_loads() {
    let bytes = std::fs::read(bundled_stack("rail-backend.yaml")).expect("bundled stack");
    let loaded = load_stack("rail-backend.yaml", &bytes).expect("the bundled stack loads");
    assert_eq!(loaded.stack.stack, "rail-backend");
    assert_eq!(loaded.stack.regions.len(), 3);
}

#[test]
fn unknown_field_suggests_the_closest() {
    let error = load_error("stack: demo\nregoins:\n  - code: us-east-1\n    role: primary\n");
    assert_eq!(error.code, "E006");
    assert!(error.message.contains("regoins"));
    assert_eq!(error.help.as_deref(), Some("did you mean `regions`?"));
    assert_eq!(error.position.map(|p| (p.line, p.column)), Some((2, 1)));
}

#[test]
fn nested_unknown_field_has_its_path() {
    let error = load_error(
        "stack: demo\nregions:\n  - code: us-east-1\n    role: primary\n    netwrok: {}\n",
    );
    assert_eq!(error.code, "E006");
    assert_eq!(error.path.to_string(), "regions[0].netwrok");
}

#[test]
fn bad_enum_value_suggests() {
    let error = load_error("stack: demo\nregions:\n  - code: us-east-1\n    role: primray\n");
    assert_eq!(error.code, "E009");
    assert_eq!(error.path.to_string(), "regions[0].role");
    assert_eq!(error.help.as_deref(), Some("did you mean `primary`?"));
}

#[test]
fn missing_field() {
    let error = load_error("stack: demo\nregions:\n  - code: us-east-1\n");
    assert_eq!(error.code, "E007");
    assert!(error.message.contains("`role`"));
}

#[test]
fn wrong_type() {
    let error = load_error(
        "stack: demo\nregions:\n  - code: us-east-1\n    role: primary\n    latency_target_ms: fast\n",
    );
    assert_eq!(error.code, "E008");
    assert_eq!(error.path.to_string(), "regions[0].latency_target_ms");
}

#[test]
fn empty_not_mapping_not_utf8() {
    assert_eq!(load_error("").code, "E002");
    assert_eq!(load_error("# nothing\n\n").code, "E002");
    assert_eq!(load_error("- a\n- b\n").code, "E004");
    let failure = load_stack("x.yaml", b"stack: d\xE9mo\n").expect_err("latin-1");
    assert_eq!(failure.diagnostics[0].code, "E001");
    assert_eq!(
        failure.diagnostics[0].position.map(|p| (p.line, p.column)),
        Some((1, 9))
    );
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let previous = level - 1;
        text.push_str(&format!("a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"));
    }
    text.push_str("stack: *a11\n");
    let started = std::time::Instant::now();
    let error = load_error(&text);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(error.code, "E005", "{error:?}");
    assert!(error.message.contains("aliases expand"), "{error:?}");
}

#[test]
fn duplicate_keys_and_yaml11_booleans_are_refused() {
    assert_eq!(load_error("stack: a\nstack: b\nregions: []\n").code, "E010");
    let error = load_error(
        "stack: demo\nregions:\n  - code: us-east-1\n    role: primary\n    network: {vpc_cidr: 10.0.0.0/16, flow_logs: yes}\n",
    );
    assert_eq!(error.code, "E008");
}

#[test]
fn syntax_error_has_position() {
    let error = load_error("stack: demo\nregions: [\n");
    assert_eq!(error.code, "E003");
    assert!(error.position.is_some());
}

#[test]
fn oversized_file_is_refused_before_parsing() {
    // Built here rather than committed: a megabyte of padding would bloat the repository.
    let mut text = String::from("stack: demo\n");
    while text.len() <= meridian_model::load::MAX_STACK_FILE_BYTES {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let error = load_error(&text);
    assert_eq!(error.code, "E011");
    assert!(error.message.contains("bytes"), "{error:?}");
}
