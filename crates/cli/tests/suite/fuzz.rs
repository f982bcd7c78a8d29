//! A fuzz harness that runs on stable inside `cargo test`: arbitrary bytes and structure-aware
//! mutations of the bundled stacks (entities renamed, odd names, unicode, control characters,
//! huge values, lines dropped, duplicated or swapped) go through load → plan → every emitter,
//! and the report of a rejected stack is rendered. The property: no panic, no internal error; a
//! stack that validates synthesizes every target.
//!
//! `cargo test` runs a bounded number of cases; `MERIDIAN_FUZZ_CASES=20000 cargo test --release
//! -p meridian --test suite fuzz::` runs a longer campaign (README, "Fuzzing"). Every crash found is kept:
//! proptest records the failing seed in `crates/cli/tests/suite/fuzz.proptest-regressions` (replayed
//! first on every run) and the minimized input goes into [`REGRESSIONS`] below.

use std::collections::BTreeMap;

use meridian::Target;
use meridian::pipeline::{check, emit};
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};

/// Cases per property in a normal `cargo test`; `MERIDIAN_FUZZ_CASES` raises it.
fn cases() -> u32 {
    std::env::var("MERIDIAN_FUZZ_CASES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(256)
}

/// The seed of a normal run is fixed, so CI judges a change on the same inputs every time and a
/// failure is reproducible from the log; `MERIDIAN_FUZZ_SEED=random` (or a number) explores.
fn seed() -> RngSeed {
    match std::env::var("MERIDIAN_FUZZ_SEED").ok().as_deref() {
        Some("random") => RngSeed::Random,
        Some(number) => RngSeed::Fixed(number.parse().unwrap_or(FIXED_SEED)),
        None => RngSeed::Fixed(FIXED_SEED),
    }
}

const FIXED_SEED: u64 = 0x6d65_7269_6469_616e;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        rng_seed: seed(),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

/// The property: loading, planning, emitting and rendering the report never panic, and a stack
/// that passes `validate` synthesizes every target without an internal error.
fn survives(bytes: &[u8]) -> Result<(), TestCaseError> {
    match check("fuzz.yaml", bytes) {
        Ok(checked) => {
            if let Err(error) = emit(&checked.plan, Target::All, &BTreeMap::new()) {
                prop_assert!(false, "validated, then: {}", error);
            }
        }
        Err(rejected) => {
            prop_assert!(!rejected.diagnostics.is_empty());
            let report = rejected.report("fuzz.yaml");
            prop_assert!(report.contains("nothing was written"));
        }
    }
    Ok(())
}

/// Inputs that broke Meridian once (issue 12 and the campaigns since), replayed on every run.
const REGRESSIONS: &[&str] = &[
    // A 50-character region code under a bucket underflowed the bucket-name budget.
    "buckets:\n  - name: logs\n    region: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
    // An alert or dashboard name starting with a digit panicked in the Terraform emitter.
    "alerts:\n  - name: 5xx-errors\n    condition: latency\n    threshold: 500\n    severity: warning\n    action: notify\n",
    "dashboards:\n  - name: 24h-overview\n    widgets:\n      - {title: Latency, metric: latency, stat: p95}\n",
    "dashboards:\n  - name: \"9am\"\n    widgets:\n      - {title: Latency, metric: latency, stat: p95}\n",
    "alerts:\n  - name: \"500\"\n    condition: latency\n    threshold: 500\n    severity: warning\n    action: notify\n",
];

fn bundled() -> Vec<String> {
    meridian_testkit::bundled_stack_paths()
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("bundled stack"))
        .collect()
}

#[test]
fn regressions_stay_fixed() {
    let minimal = &bundled()
        .into_iter()
        .find(|text| text.contains("stack: hello"))
        .expect("minimal stack");
    let prelude = "notifications:\n  - name: oncall\n    severities: [warning]\n    email: [ops@example.com]\n";
    for regression in REGRESSIONS {
        let stack = format!("{minimal}\n{prelude}{regression}");
        survives(stack.as_bytes()).expect("regression");
        assert!(
            check("regression.yaml", stack.as_bytes()).is_err(),
            "{regression}"
        );
    }
}

/// Values that stress names, parsers and limits.
const ODD_VALUES: &[&str] = &[
    "5xx-errors",
    "9am",
    "500",
    "-x",
    "_x",
    "\"\"",
    "\"a\\tb\"",
    "\"\\e[2J\\a\"",
    "\"\\u202Eevil\"",
    "ünïcødé",
    "日本語",
    "18446744073709551615",
    "-9223372036854775809",
    "1e308",
    ".nan",
    "~",
    "[]",
    "{}",
    "\"${UNDECLARED}\"",
    "\"${database.nothing}\"",
    "\"$${literal}\"",
    "&anchor x",
    "*nowhere",
    "!Ref x",
    "yes",
];

/// One structure-aware edit of a stack's text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace the value after the key on line `line` (modulo the line count).
    Value { line: usize, value: usize },
    /// Replace it with a long run of one character.
    Huge { line: usize, length: usize },
    /// Rename the entity whose `name:` is the `nth` one to another entity's name or an odd one.
    Rename { nth: usize, value: usize },
    /// Drop a line.
    Drop { line: usize },
    /// Repeat a line.
    Repeat { line: usize },
    /// Swap two lines.
    Swap { first: usize, second: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 0..ODD_VALUES.len())
            .prop_map(|(line, value)| Mutation::Value { line, value }),
        (any::<usize>(), 1usize..200_000)
            .prop_map(|(line, length)| Mutation::Huge { line, length }),
        (any::<usize>(), 0..ODD_VALUES.len() + 1)
            .prop_map(|(nth, value)| Mutation::Rename { nth, value }),
        any::<usize>().prop_map(|line| Mutation::Drop { line }),
        any::<usize>().prop_map(|line| Mutation::Repeat { line }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(first, second)| Mutation::Swap { first, second }),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return text.to_owned();
    }
    let count = lines.len();
    let replace_value = |line: &str, value: &str| match line.split_once(": ") {
        Some((key, _)) => format!("{key}: {value}"),
        None => match line.split_once("- ") {
            Some((indent, _)) => format!("{indent}- {value}"),
            None => line.to_owned(),
        },
    };
    match mutation {
        Mutation::Value { line, value } => {
            let line = line % count;
            lines[line] = replace_value(&lines[line], ODD_VALUES[*value]);
        }
        Mutation::Huge { line, length } => {
            let line = line % count;
            lines[line] = replace_value(&lines[line], &"9".repeat(*length));
        }
        Mutation::Rename { nth, value } => {
            let named: Vec<usize> = (0..count)
                .filter(|&index| {
                    lines[index]
                        .trim_start()
                        .trim_start_matches("- ")
                        .starts_with("name: ")
                })
                .collect();
            if !named.is_empty() {
                let target = named[nth % named.len()];
                // The last choice: another entity's name, to make two entities collide.
                let value = ODD_VALUES.get(*value).map_or_else(
                    || {
                        let other = named[(nth + 1) % named.len()];
                        lines[other]
                            .split_once("name: ")
                            .map_or("x", |(_, name)| name)
                            .to_owned()
                    },
                    |odd| (*odd).to_owned(),
                );
                let (head, _) = lines[target].split_once("name: ").unwrap_or(("", ""));
                lines[target] = format!("{head}name: {value}");
            }
        }
        Mutation::Drop { line } => {
            lines.remove(line % count);
        }
        Mutation::Repeat { line } => {
            let line = line % count;
            lines.insert(line, lines[line].clone());
        }
        Mutation::Swap { first, second } => lines.swap(first % count, second % count),
    }
    let mut mutated = lines.join("\n");
    mutated.push('\n');
    mutated
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_break_the_pipeline(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        survives(&bytes)?;
    }

    #[test]
    fn arbitrary_text_never_breaks_the_pipeline(text in "(stack|regions|services|name|code|[a-z: \\-\\[\\]{}\\n]|\\PC){0,400}") {
        survives(text.as_bytes())?;
    }

    #[test]
    fn mutated_bundled_stacks_never_break_the_pipeline(
        stack in 0usize..8,
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let stacks = bundled();
        let mut text = stacks[stack % stacks.len()].clone();
        for mutation in &mutations {
            text = apply(&text, mutation);
        }
        survives(text.as_bytes())?;
    }
}
