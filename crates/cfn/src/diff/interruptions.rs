//! Which properties CloudFormation updates in place with some interruption (a reboot, a
//! failover): the hand-written, cited table `interruptions.txt`. Together with the create-only
//! table it gives every changed property its impact: replacement, some interruption, or none.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const TABLE: &str = include_str!("interruptions.txt");

/// The properties of `type_name` whose update interrupts the resource (dotted paths), empty for a
/// type that has none.
pub fn interrupting_properties(type_name: &str) -> &'static [String] {
    static PARSED: OnceLock<BTreeMap<&'static str, Vec<String>>> = OnceLock::new();
    PARSED
        .get_or_init(|| {
            TABLE
                .lines()
                .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
                .filter_map(|line| {
                    let mut words = line.split_whitespace();
                    let type_name = words.next()?;
                    Some((type_name, words.map(str::to_owned).collect()))
                })
                .collect()
        })
        .get(type_name)
        .map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_agrees_with_the_registry_schemas() {
        let mut checked = 0;
        for line in TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        {
            let type_name = line.split_whitespace().next().expect("a type");
            // The registry schemas the L1 types and the create-only table are generated from.
            let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../schemas/cloudformation")
                .join(format!("{}.json", type_name.replace("::", "_")));
            let text = std::fs::read_to_string(&file).unwrap_or_else(|_| {
                panic!("{type_name} is not an emitted type ({})", file.display())
            });
            let schema: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let create_only = super::super::create_only_properties(type_name).unwrap_or_default();
            for property in interrupting_properties(type_name) {
                assert!(
                    schema["properties"].get(property.as_str()).is_some(),
                    "{type_name} has no property {property}"
                );
                assert!(
                    !create_only.contains(property),
                    "{type_name}.{property} is create-only: it replaces, it does not interrupt"
                );
                checked += 1;
            }
        }
        assert!(checked >= 5);
        assert!(
            interrupting_properties("AWS::RDS::DBInstance").contains(&"DBInstanceClass".to_owned())
        );
        assert!(interrupting_properties("AWS::S3::Bucket").is_empty());
    }
}
