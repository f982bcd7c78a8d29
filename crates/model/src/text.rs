//! Stack text on its way to a terminal or a generated file: control characters escaped (a stack
//! may hold ESC sequences that would repaint a terminal, or bidirectional overrides that make
//! text read differently than it is), and long values shortened where they are echoed.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `character` must not reach a terminal or a generated document as it is: C0 and C1
/// control characters and DEL (line feeds and tabs excepted), and the bidirectional formatting
/// characters (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe_character(character: char) -> bool {
    (character.is_control() && character != '\n' && character != '\t')
        || matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `text` holds an [unsafe character](is_unsafe_character), read from its UTF-8 bytes
/// (whole runbooks pass through here; decoding every character was a tenth of rendering them).
/// The unsafe characters encode as a byte below 0x20 or 0x7F (C0 controls and DEL), `C2 80`–`C2
/// 9F` (C1 controls), `E2 80 AA`–`E2 80 AE` and `E2 81 A6`–`E2 81 A9` (bidirectional
/// formatting); in UTF-8, `C2` and `E2` only ever begin a character.
fn has_unsafe_character(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Blocks without a byte that could begin an unsafe character are passed over by a test
    // the compiler turns into vector instructions; only the others are read byte by byte.
    let mut start = 0;
    for block in bytes.chunks(64) {
        let suspect = block.iter().fold(false, |suspect, &byte| {
            let control = (byte < 0x20) & (byte != b'\n') & (byte != b'\t');
            suspect | control | (byte == 0x7F) | (byte == 0xC2) | (byte == 0xE2)
        });
        if suspect && unsafe_at(bytes, start, start + block.len()) {
            return true;
        }
        start += block.len();
    }
    false
}

/// Whether a character beginning at a byte of `bytes[from..to]` is unsafe.
fn unsafe_at(bytes: &[u8], from: usize, to: usize) -> bool {
    (from..to).any(|at| match bytes[at] {
        b'\n' | b'\t' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(at + 1), Some(0x80..=0x9F)),
        0xE2 => matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        ),
        _ => false,
    })
}

/// `text` with every [unsafe character](is_unsafe_character) written as a Rust-style escape
/// (`\u{1b}`), so that it reads the same on a terminal and in a file as what the stack holds.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !has_unsafe_character(text) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for character in text.chars() {
        if is_unsafe_character(character) {
            let _ = write!(escaped, "\\u{{{:x}}}", u32::from(character));
        } else {
            escaped.push(character);
        }
    }
    Cow::Owned(escaped)
}

/// The longest value echoed whole in a message, in characters.
pub const MAX_ECHOED_CHARACTERS: usize = 200;

/// `value` as a message echoes it: whole when short, else its head and tail around `…` and the
/// length, so that a 1 MB value costs a line, not a megabyte, of the report.
pub fn shorten(value: &str) -> Cow<'_, str> {
    let mut characters = value.char_indices();
    if characters.nth(MAX_ECHOED_CHARACTERS).is_none() {
        return Cow::Borrowed(value);
    }
    let count = value.chars().count();
    let head: String = value.chars().take(120).collect();
    let tail: String = value.chars().skip(count - 40).collect();
    Cow::Owned(format!("{head}…{tail} ({count} characters)"))
}

/// `text` with every backtick-quoted span longer than [`MAX_ECHOED_CHARACTERS`] [shortened](shorten):
/// messages quote the values they echo in backticks.
pub fn shorten_quoted(text: &str) -> Cow<'_, str> {
    let mut parts = text.split('`');
    if !text
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.chars().nth(MAX_ECHOED_CHARACTERS).is_some())
    {
        return Cow::Borrowed(text);
    }
    let mut shortened = String::with_capacity(256);
    let mut quoted = false;
    if let Some(first) = parts.next() {
        shortened.push_str(first);
    }
    for part in parts {
        quoted = !quoted;
        shortened.push('`');
        if quoted {
            shortened.push_str(&shorten(part));
        } else {
            shortened.push_str(part);
        }
    }
    Cow::Owned(shortened)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_scan_finds_exactly_the_unsafe_characters() {
        // Every character of the Basic Multilingual Plane and some beyond: alone, between other
        // text, and across the 64-byte blocks the scan reads (its first byte the last of a
        // block).
        let characters = (0u32..0x1_0000)
            .chain([0x1F600, 0x10_FFFF])
            .filter_map(char::from_u32);
        let block = "a".repeat(63);
        for character in characters {
            for text in [
                character.to_string(),
                format!("a{character}b"),
                format!("\u{2014}{character}\u{e9}"),
                format!("{block}{character}"),
            ] {
                assert_eq!(
                    has_unsafe_character(&text),
                    text.chars().any(is_unsafe_character),
                    "U+{:04X} in {text:?}",
                    u32::from(character)
                );
            }
        }
    }

    #[test]
    fn control_characters_are_escaped_and_text_kept() {
        assert_eq!(escape_control("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(escape_control("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape_control("\u{202e}cod\u{7f}"), "\\u{202e}cod\\u{7f}");
        assert_eq!(escape_control("\r"), "\\u{d}");
    }

    #[test]
    fn long_quoted_values_are_shortened() {
        let value = "A".repeat(1_000_000);
        let message = format!("`{value}` is not an IANA time zone, see `x`");
        let short = shorten_quoted(&message);
        assert!(short.len() < 300, "{short}");
        assert!(short.contains("(1000000 characters)"), "{short}");
        assert!(
            short.ends_with("` is not an IANA time zone, see `x`"),
            "{short}"
        );
        assert_eq!(shorten_quoted("`short` value"), "`short` value");
        assert_eq!(shorten("é".repeat(200).as_str()), "é".repeat(200));
        assert_ne!(shorten("é".repeat(201).as_str()), "é".repeat(201));
    }
}
