//! A misspelt region code is one mistake, reported once: wherever a bundled stack names a
//! region (a region's `code`, the database writer and replicas, the cache's source and targets,
//! a bucket's region), misspelling it gives the E101 and nothing that only follows from it, even
//! in settings turned off. So is a cache whose settings are refused: its references are not
//! reported again one by one.

use meridian_model::load_stack;
use meridian_testkit::{bundled_stack_paths, file_name};

use crate::{edited_seed, plan_with_findings};

/// Every place in `text` where a region code is written as a value (after `: `, `- `, `[` or
/// `, `), outside comments: (byte offset, code).
fn region_values(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.split(" #").next().unwrap_or(line);
        if !content.trim_start().starts_with('#') {
            for prefix in ["us-", "eu-", "ap-", "sa-", "ca-", "me-", "af-", "il-"] {
                for (at, _) in content.match_indices(prefix) {
                    let before = &content[..at];
                    let value_start = [": ", "- ", "[", ", "]
                        .iter()
                        .any(|opening| before.ends_with(opening));
                    let code: String = content[at..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect();
                    let parts: Vec<&str> = code.split('-').collect();
                    if value_start && parts.len() == 3 && parts[2].parse::<u8>().is_ok() {
                        found.push((offset + at, code));
                    }
                }
            }
        }
        offset += line.len();
    }
    found
}

/// `us-east-1` → `us-eats-1`: the middle word's last two letters swapped.
fn misspell(code: &str) -> String {
    let parts: Vec<&str> = code.split('-').collect();
    let mut middle: Vec<char> = parts[1].chars().collect();
    let last = middle.len() - 1;
    middle.swap(last - 1, last);
    format!(
        "{}-{}-{}",
        parts[0],
        middle.into_iter().collect::<String>(),
        parts[2]
    )
}

#[test]
fn a_misspelt_region_reports_one_error() {
    let mut variants = 0;
    for path in bundled_stack_paths() {
        let name = file_name(&path);
        let text = std::fs::read_to_string(&path).expect("readable");
        // In a file with environments a misspelt base region no longer matches the overlays'
        // items of that region, which is an overlay mistake (E007, E017), not this cascade.
        if text.contains("\nenvironments:") {
            continue;
        }
        let places = region_values(&text);
        assert!(!places.is_empty(), "{name} names no region");
        for (at, code) in places {
            let typo = misspell(&code);
            let edited = format!("{}{typo}{}", &text[..at], &text[at + code.len()..]);
            let loaded =
                load_stack(&name, edited.as_bytes()).expect("the typo keeps the YAML valid");
            let planned = meridian_plan::plan(&loaded.stack);
            let found: Vec<String> = planned
                .diagnostics
                .iter()
                .map(|d| format!("{} at {}: {}", d.code, d.path, d.message))
                .collect();
            assert_eq!(
                found.len(),
                1,
                "{name}: `{code}` misspelt `{typo}` at byte {at}: {found:#?}"
            );
            assert_eq!(planned.diagnostics[0].code, "E101", "{found:?}");
            assert_eq!(
                planned.diagnostics[0].help.as_deref(),
                Some(format!("did you mean `{code}`?").as_str())
            );
            variants += 1;
        }
    }
    assert!(variants >= 15, "only {variants} places checked");
}

#[test]
fn an_independent_mistake_is_still_reported_beside_a_misspelt_region() {
    let path = bundled_stack_paths()
        .into_iter()
        .find(|path| file_name(path) == "rail-backend.yaml")
        .expect("the seed stack");
    let text = std::fs::read_to_string(&path).expect("readable");
    let edited = text
        .replacen("source_region: us-east-1", "source_region: us-eats-1", 1)
        .replacen("name: api", "name: API", 1);
    assert_ne!(edited, text);
    let loaded = load_stack("rail-backend.yaml", edited.as_bytes()).expect("valid YAML");
    let codes: Vec<&str> = meridian_plan::plan(&loaded.stack)
        .diagnostics
        .iter()
        .map(|d| d.code.id())
        .collect();
    assert!(codes.contains(&"E101"), "{codes:?}");
    assert!(codes.contains(&"E301"), "{codes:?}");
    assert!(
        !codes.contains(&"E326"),
        "the cache typo's cascade: {codes:?}"
    );
}

#[test]
fn a_misspelt_region_in_turned_off_settings_is_still_reported() {
    // Settings kept for later under `enabled: false` are still the stack's: a typo there would
    // surface only on the day they are turned on.
    let off = edited_seed(
        "cross_region_replication:\n    enabled: true",
        "cross_region_replication:\n    enabled: false",
    );
    let targets = "target_regions: [eu-west-1, ap-northeast-1]";
    assert!(off.contains(targets));
    let typo = misspell("ap-northeast-1");
    let edited = off.replace(targets, &format!("target_regions: [eu-west-1, {typo}]"));
    let (planned, found) = plan_with_findings("off.yaml", &edited);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(planned.diagnostics[0].code, "E101", "{found:?}");
    assert_eq!(
        planned.diagnostics[0].path.to_string(),
        "cache.cross_region_replication.target_regions[1]"
    );
}

#[test]
fn a_cache_with_wrong_settings_is_one_mistake_not_one_per_reference() {
    // Sentinel mode has one shard: the seed's `shards: 3` is refused (E424), the cache is not
    // planned, and the services' nine references to it are not each reported as "used in a
    // region without a cache".
    let edited = edited_seed("cache:\n  mode: cluster", "cache:\n  mode: sentinel");
    let (planned, found) = plan_with_findings("sentinel.yaml", &edited);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(planned.diagnostics[0].code, "E424", "{found:?}");
}
