//! Counted nouns for people: `1 region`, `2 regions`, `0 warnings`.

/// `number` and the noun in the number it takes.
pub fn count(number: usize, singular: &str, plural: &str) -> String {
    format!("{number} {}", if number == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "region", "regions"), "1 region");
        assert_eq!(count(0, "warning", "warnings"), "0 warnings");
        assert_eq!(count(2, "replica", "replicas"), "2 replicas");
    }
}
