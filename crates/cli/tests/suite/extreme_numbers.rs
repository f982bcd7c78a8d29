//! Hostile numbers: every number of every bundled stack, replaced in turn by values at and past
//! the edges of its type, must give a report or output, never a panic (tests build with
//! overflow checks, so unchecked arithmetic on a user's number fails here).

use std::collections::BTreeMap;

use meridian::Target;
use meridian::pipeline::{check, emit};
use meridian_testkit::{bundled_stack_paths, file_name};

const EXTREMES: [&str; 5] = ["0", "-1", "4294967295", "18446744073709551616", "1e308"];

/// `key: 123` or `- key: 1.5`, with an optional comment: the number's byte range in the line.
fn number_in(line: &str) -> Option<(usize, usize)> {
    let colon = line.find(": ")?;
    let key = line[..colon].trim_start().trim_start_matches("- ");
    if key.is_empty()
        || !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let start = colon + 2 + (line[colon + 2..].len() - line[colon + 2..].trim_start().len());
    let rest = &line[start..];
    let end = start + rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let value = &line[start..end];
    let after = line[end..].trim();
    (value.parse::<f64>().is_ok() && (after.is_empty() || after.starts_with('#')))
        .then_some((start, end))
}

#[test]
fn extreme_numbers_are_reported_never_a_panic() {
    let templates = BTreeMap::new();
    let mut variants = 0;
    for path in bundled_stack_paths() {
        let name = file_name(&path);
        let text = std::fs::read_to_string(&path).expect("bundled stack");
        let lines: Vec<&str> = text.lines().collect();
        for (index, line) in lines.iter().enumerate() {
            let Some((start, end)) = number_in(line) else {
                continue;
            };
            for extreme in EXTREMES {
                let mut edited = lines.clone();
                let replaced = format!("{}{extreme}{}", &line[..start], &line[end..]);
                edited[index] = &replaced;
                let stack = edited.join("\n");
                variants += 1;
                // Either outcome is fine; what matters is reaching one.
                if let Ok(checked) = check(&name, stack.as_bytes()) {
                    emit(&checked.plan, Target::All, &templates)
                        .expect("built-in templates render");
                }
            }
        }
    }
    assert!(
        variants > 100,
        "only {variants} variants: the number finder misses the stacks' numbers"
    );
}
