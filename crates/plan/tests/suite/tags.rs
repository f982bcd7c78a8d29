//! Tags reach every taggable resource, so each is held against the strictest resource the stack
//! emits.

use meridian_testkit::{bundled_stack, planned_of_bytes};

/// The seed (whose cache has a Global Datastore) with one more stack tag.
fn seed_with_tag(line: &str) -> meridian_plan::Planned {
    let seed = std::fs::read_to_string(bundled_stack("rail-backend.yaml")).expect("seed");
    let stack = seed.replacen("\ntags:\n", &format!("\ntags:\n  {line}\n"), 1);
    assert_ne!(stack, seed, "the seed declares tags");
    planned_of_bytes("tagged.yaml", stack.as_bytes())
}

fn tag_errors(planned: &meridian_plan::Planned) -> Vec<&meridian_model::Diagnostic> {
    planned
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "E107")
        .collect()
}

/// The Global Datastore's registry schema takes ASCII letters only in tags; every other
/// resource takes any letter. A letter outside ASCII is reported where the tag is, naming the
/// cache; a character no resource takes gets the general finding, once.
#[test]
fn a_letter_outside_ascii_is_refused_beside_a_global_datastore() {
    let accented = seed_with_tag("note: café Zürich");
    let errors = tag_errors(&accented);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].path.to_string(), "tags.note");
    assert!(
        errors[0].message.contains("Global Datastore"),
        "{}",
        errors[0].message
    );
    assert!(
        errors[0].message.contains("U+00E9"),
        "{}",
        errors[0].message
    );
    let related: Vec<String> = errors[0]
        .related
        .iter()
        .map(|r| r.path.to_string())
        .collect();
    assert_eq!(related, ["cache"]);
    assert!(accented.plan.is_none());

    let key = seed_with_tag("équipe: rail");
    let errors = tag_errors(&key);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].message.starts_with("the tag key `équipe`"),
        "{}",
        errors[0].message
    );

    let snowman = seed_with_tag("note: \"a ☃\"");
    let errors = tag_errors(&snowman);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        !errors[0].message.contains("Global Datastore"),
        "{}",
        errors[0].message
    );

    let ascii = seed_with_tag("note: \"cafe Zurich_1.2/3=4+5-6@7:8\"");
    assert!(tag_errors(&ascii).is_empty());
    assert!(ascii.plan.is_some());
}

/// Without a cache there is no Global Datastore: letters outside ASCII are tags AWS takes.
#[test]
fn a_letter_outside_ascii_is_a_tag_without_a_global_datastore() {
    let minimal = std::fs::read_to_string(bundled_stack("minimal.yaml")).expect("minimal");
    assert!(!minimal.contains("\ncache:"));
    let stack = if minimal.contains("\ntags:\n") {
        minimal.replacen("\ntags:\n", "\ntags:\n  note: café Zürich\n", 1)
    } else {
        format!("{minimal}\ntags:\n  note: café Zürich\n")
    };
    let planned = planned_of_bytes("tagged.yaml", stack.as_bytes());
    assert!(
        tag_errors(&planned).is_empty(),
        "{:#?}",
        planned.diagnostics
    );
    assert!(planned.plan.is_some(), "{:#?}", planned.diagnostics);
}
