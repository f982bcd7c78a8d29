//! Rust names from schema names: `snake_case` fields, `PascalCase` types and variants, raw identifiers for
//! keywords. It must not special-case a schema; exceptions live in `config.rs`.

/// Splits a name into words: at `_`, `-`, `.`, `:`, `/` and spaces, before an upper-case letter that follows
/// a lower-case letter or a digit (`VpcId`), and before the last capital of an acronym followed by a
/// lower-case letter (`SSEAlgorithm` is `SSE` `Algorithm`). Digits stay with the word they follow (`Ipv4`).
pub fn words(name: &str) -> Vec<String> {
    let characters: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (index, &character) in characters.iter().enumerate() {
        if !character.is_ascii_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if character.is_ascii_uppercase() && !current.is_empty() {
            let previous = characters[index - 1];
            let next_is_lower = characters
                .get(index + 1)
                .is_some_and(char::is_ascii_lowercase);
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(character);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `snake_case`, as a Rust identifier (keywords become raw identifiers).
pub fn snake(name: &str) -> String {
    let joined = words(name)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    identifier(joined)
}

/// `PascalCase`; two words that both end and start with a digit keep an underscore between them
/// (`X86_64`), and a name that would start with a digit gets a `V` in front.
pub fn pascal(name: &str) -> String {
    let mut joined = String::new();
    for word in words(name) {
        let starts_with_digit = word.starts_with(|character: char| character.is_ascii_digit());
        if starts_with_digit && joined.ends_with(|character: char| character.is_ascii_digit()) {
            joined.push('_');
        }
        let mut characters = word.chars();
        if let Some(first) = characters.next() {
            joined.push(first.to_ascii_uppercase());
            joined.extend(characters.map(|character| character.to_ascii_lowercase()));
        }
    }
    if joined.starts_with(|character: char| character.is_ascii_digit()) {
        joined.insert(0, 'V');
    }
    joined
}

/// `name` as an identifier: keywords get `r#`.
pub fn identifier(name: String) -> String {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "priv", "pub", "ref", "return", "static", "struct", "super", "trait",
        "true", "try", "type", "unsafe", "use", "where", "while", "yield",
    ];
    if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A string literal in Rust syntax.
pub fn literal(text: &str) -> String {
    format!("{text:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_schema_words() {
        assert_eq!(snake("SSEAlgorithm"), "sse_algorithm");
        assert_eq!(snake("KMSMasterKeyID"), "kms_master_key_id");
        assert_eq!(snake("Ipv4IpamPoolId"), "ipv4_ipam_pool_id");
        assert_eq!(snake("OKActions"), "ok_actions");
        assert_eq!(snake("Type"), "r#type");
        assert_eq!(pascal("DBInstance"), "DbInstance");
        assert_eq!(pascal("WebACLAssociation"), "WebAclAssociation");
        assert_eq!(pascal("aws:kms:dsse"), "AwsKmsDsse");
        assert_eq!(pascal("X86_64"), "X86_64");
        assert_eq!(pascal("MANAGED_INSTANCES"), "ManagedInstances");
        assert_eq!(pascal("default_action"), "DefaultAction");
        assert_eq!(pascal("1"), "V1");
    }
}
