//! Which properties CloudFormation cannot update in place: the `createOnlyProperties` of every
//! emitted type's registry schema, embedded as a compact table (`create_only.txt`). The table is
//! generated from `schemas/cloudformation/` by `meridian-codegen`, whose freshness test keeps it in
//! step with the schemas; it must not be edited by hand.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The generated table: one line per type, `<type> <property path>...`, paths dotted below the
/// resource's `Properties`, `*` for any element of an array.
const TABLE: &str = include_str!("create_only.txt");

/// The create-only property paths of `type_name` (`["BucketName", ...]`, nested ones dotted:
/// `HealthCheckConfig.Type`), or `None` for a type the table does not know.
pub fn create_only_properties(type_name: &str) -> Option<&'static [String]> {
    static PARSED: OnceLock<BTreeMap<&'static str, Vec<String>>> = OnceLock::new();
    PARSED
        .get_or_init(|| parse(TABLE))
        .get(type_name)
        .map(Vec::as_slice)
}

/// The generated table of taggable types: `<type> <property> list|map`.
const TAGGABLE: &str = include_str!("taggable.txt");

/// How a taggable type carries its tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagProperty {
    /// The property, `Tags` (Route 53 health checks: `HealthCheckTags`).
    pub property: &'static str,
    /// Whether the tags are a map (`{"team": "x"}`) rather than a list of `Key`/`Value`.
    pub is_map: bool,
}

/// Where `type_name` takes tags, from its registry schema's `tagging`, or `None` for a type that
/// takes none (or that the table does not know).
pub fn tag_property(type_name: &str) -> Option<TagProperty> {
    TAGGABLE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| {
            let mut words = line.split_whitespace();
            (words.next()? == type_name).then_some(())?;
            let property = words.next()?;
            Some(TagProperty {
                property,
                is_map: words.next()? == "map",
            })
        })
}

fn parse(table: &'static str) -> BTreeMap<&'static str, Vec<String>> {
    table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let type_name = words.next()?;
            Some((type_name, words.map(str::to_owned).collect()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_answers_by_type() {
        let bucket = create_only_properties("AWS::S3::Bucket").expect("a known type");
        assert!(bucket.iter().any(|path| path == "BucketName"));
        let health = create_only_properties("AWS::Route53::HealthCheck").expect("a known type");
        assert!(health.iter().any(|path| path == "HealthCheckConfig.Type"));
        assert_eq!(
            create_only_properties("AWS::KMS::Key").map(<[String]>::len),
            Some(0)
        );
        assert_eq!(create_only_properties("AWS::Nothing::Here"), None);
    }
}
