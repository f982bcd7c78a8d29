//! IANA time zone names (tzdata as shipped with CPython 3.11's zoneinfo), for checking the
//! `timezone` of scheduled scaling actions, which Application Auto Scaling checks only at
//! deploy time.

const ZONES: &str = include_str!("data/iana-time-zones.txt");

/// Whether `zone` is an IANA time zone name (exact, case-sensitive, as AWS requires).
pub fn is_time_zone(zone: &str) -> bool {
    zone == "UTC" || ZONES.lines().any(|line| line == zone)
}

/// The zone meant by a fixed-offset name that reads like a region's local time but keeps one
/// offset all year (`EST` is UTC−5 in July too: tzdata's `northamerica`, "EST", "MST" and "HST"
/// are links to zones without daylight saving), or `None` for any other zone.
pub fn fixed_offset_lookalike(zone: &str) -> Option<&'static str> {
    match zone {
        "EST" => Some("America/New_York"),
        "MST" => Some("America/Denver"),
        "HST" => Some("Pacific/Honolulu"),
        _ => None,
    }
}

/// Every zone name, for suggestions.
pub fn all() -> impl Iterator<Item = &'static str> {
    ZONES.lines()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_zones() {
        assert!(is_time_zone("America/New_York"));
        assert!(is_time_zone("Europe/Dublin"));
        assert!(is_time_zone("UTC"));
        assert!(!is_time_zone("America/New York"));
        assert!(!is_time_zone("EST5EDT_Nowhere"));
    }
}
