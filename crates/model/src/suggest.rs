//! "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough.
//! This is the workspace's one edit distance (`strsim`'s optimal string alignment: Levenshtein
//! with adjacent transpositions counted as one edit).

/// Edit distance between `a` and `b`, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate closest to `word`, when it is within a third of the word's length (at least
/// one edit). Ties go to the earliest candidate, so suggestions are deterministic.
///
/// The distance is at least the difference in length, so a candidate whose length differs by
/// more than the limit is skipped without computing it: a 1 MB value costs one pass over it,
/// not a megabyte-wide table per candidate.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    let mut lowered: Option<String> = None;
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        if candidate.chars().count().abs_diff(length) > limit {
            continue;
        }
        let lowered = lowered.get_or_insert_with(|| word.to_ascii_lowercase());
        let distance = edit_distance(lowered, &candidate.to_ascii_lowercase());
        if distance <= limit && best.is_none_or(|(found, _)| distance < found) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("regoins", "regions"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn suggests_only_close_candidates() {
        let fields = ["regions", "services", "database"];
        assert_eq!(closest("regoins", fields), Some("regions"));
        assert_eq!(closest("Services", fields), Some("services"));
        assert_eq!(closest("zebra", fields), None);
    }

    #[test]
    fn a_huge_word_is_compared_with_no_candidate() {
        let word = "A".repeat(1_000_000);
        let started = std::time::Instant::now();
        assert_eq!(closest(&word, ["Europe/Berlin", "America/New_York"]), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
}
