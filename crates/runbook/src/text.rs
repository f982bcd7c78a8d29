//! Quoting and flattening of values for the files templates produce: POSIX shell words,
//! one-line prose, Markdown table cells. Templates never quote anything themselves; every value a
//! script uses arrives here already quoted.

use serde::Serialize;

/// A value in both forms templates need: `raw` for prose and Markdown, `sh` as one shell word
/// (safe to paste into a command line, a `case` pattern or an assignment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Word {
    /// The value as is (flattened to one line).
    pub raw: String,
    /// The value quoted as one POSIX shell word.
    pub sh: String,
}

impl Word {
    /// `value` in both forms.
    pub(crate) fn new(value: impl AsRef<str>) -> Self {
        let raw = one_line(value.as_ref());
        let sh = quote(&raw);
        Self { raw, sh }
    }
}

/// Quotes `value` as one POSIX shell word. Words made only of characters no shell treats
/// specially stay bare (`rail-backend-us-east-1`), which keeps commands readable, unless they are
/// letters and digits alone, which could name a command (`'test'`). Text holding `$`,
/// a backquote or a single quote (`${IMAGE_TAG}` in an image reference, `'...'` in a JMESPath
/// query) is double-quoted with `\`, `"`, `$` and backquotes escaped: shellcheck would take a
/// literal `${...}` in single quotes for a forgotten expansion, and `'\''` is hard to read.
/// Anything else is single-quoted. The empty string becomes `''`.
pub(crate) fn quote(value: &str) -> String {
    let is_safe = |character: char| {
        character.is_ascii_alphanumeric()
            || matches!(
                character,
                '_' | '-' | '.' | '/' | ':' | '=' | '@' | '%' | '+' | ','
            )
    };
    // A word of letters and digits alone may name a command (`test`, `date`, `admin`): as an
    // assignment's bare value shellcheck takes it for a forgotten `$(...)` (SC2209).
    let could_be_command = value
        .chars()
        .all(|character| character.is_ascii_alphanumeric());
    if !value.is_empty() && value.chars().all(is_safe) && !could_be_command {
        return value.to_owned();
    }
    if value.contains(['$', '`', '\'']) {
        let mut quoted = String::with_capacity(value.len() + 8);
        quoted.push('"');
        for character in value.chars() {
            if matches!(character, '\\' | '"' | '$' | '`') {
                quoted.push('\\');
            }
            quoted.push(character);
        }
        quoted.push('"');
        return quoted;
    }
    format!("'{value}'")
}

/// Collapses line breaks and tabs so a value cannot leave the shell comment, heredoc line or
/// Markdown table cell it is written into.
pub(crate) fn one_line(value: &str) -> String {
    value
        .split(['\n', '\r', '\t'])
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value for a Markdown table cell: one line, `|` escaped.
pub(crate) fn md_cell(value: &str) -> String {
    one_line(value).replace('|', r"\|")
}

/// An identifier-safe slug: ASCII letters and digits kept, everything else `_`
/// (`us-east-1` → `us_east_1`).
pub(crate) fn slug(value: &str) -> String {
    value
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() {
                character.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// An environment-variable-style key part (`us-east-1` → `US_EAST_1`).
pub(crate) fn env_token(value: &str) -> String {
    slug(value).to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quoting() {
        assert_eq!(quote("rail-backend-us-east-1"), "rail-backend-us-east-1");
        assert_eq!(quote("meridian:stack=rail"), "meridian:stack=rail");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), r#""it's""#);
        assert_eq!(quote("a \"b\""), r#"'a "b"'"#);
        assert_eq!(quote("$(rm -rf /)"), r#""\$(rm -rf /)""#);
        assert_eq!(
            quote("${IMAGE_TAG} `x` \\ \"q\""),
            r#""\${IMAGE_TAG} \`x\` \\ \"q\"""#
        );
        assert_eq!(quote("*"), "'*'");
        assert_eq!(quote("~root"), "'~root'");
        // Letters and digits alone may name a command: `x=test` would read as a mistake.
        assert_eq!(quote("test"), "'test'");
        assert_eq!(quote("svc1"), "'svc1'");
    }

    /// Every quoted word means its original text to a real shell.
    #[test]
    fn quoted_words_round_trip_through_bash() {
        let samples = [
            "plain-word",
            "",
            "two words",
            "it's",
            "${IMAGE_TAG}:$(id)",
            "back`tick`",
            "a \"double\" quote",
            "back\\slash",
            "star * and ? [x]",
            "GlobalReplicationGroups[?ends_with(GlobalReplicationGroupId, '-rail')]",
            "tilde ~ hash # semi ; amp & pipe |",
        ];
        let script: String = samples
            .iter()
            .map(|sample| format!("printf '%s\\0' {}\n", quote(sample)))
            .collect();
        let Ok(output) = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .output()
        else {
            println!("note: bash is not installed; skipping");
            return;
        };
        let printed = String::from_utf8(output.stdout).expect("UTF-8");
        let words: Vec<&str> = printed.split('\0').collect();
        assert_eq!(&words[..samples.len()], &samples[..], "{script}");
    }

    #[test]
    fn flattens_and_escapes() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
        assert_eq!(md_cell("a|b"), r"a\|b");
        assert_eq!(slug("us-east-1"), "us_east_1");
        assert_eq!(env_token("us-east-1"), "US_EAST_1");
    }
}
