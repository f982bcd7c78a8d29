//! Which properties CloudFormation cannot update in place: the `createOnlyProperties` of every
//! emitted type's registry schema, embedded as a compact table (`create_only.txt`). The table is
//! generated from the vendored schemas (`tests/data/registry-schemas/`) and kept fresh by the test
//! below, which regenerates it and rewrites the file when it differs (rust-analyzer's
//! `ensure_file_contents`); it must not be edited by hand.

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

/// The table's text for registry schemas given as (file name, contents): types sorted, paths
/// sorted within a type.
#[cfg(test)]
fn render_table<'a>(schemas: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, text) in schemas {
        let schema: serde_json::Value =
            serde_json::from_str(text).unwrap_or_else(|error| panic!("{file}: {error}"));
        let type_name = schema["typeName"]
            .as_str()
            .unwrap_or_else(|| panic!("{file} has no typeName"))
            .to_owned();
        let mut paths: Vec<String> = schema["createOnlyProperties"]
            .as_array()
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .map(|path| {
                        path.trim_start_matches("/properties/")
                            .split('/')
                            .collect::<Vec<_>>()
                            .join(".")
                    })
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        paths.dedup();
        rows.insert(type_name, paths);
    }
    let mut text = String::from(
        "# Generated from crates/cfn/tests/data/registry-schemas (createOnlyProperties) by the test\n\
         # `diff::create_only::tests::table_is_fresh`; do not edit. One line per emitted type: the type,\n\
         # then the properties CloudFormation replaces the resource to change (dotted paths below\n\
         # Properties, `*` for any array element).\n",
    );
    for (type_name, paths) in rows {
        text.push_str(&type_name);
        for path in paths {
            text.push(' ');
            text.push_str(&path);
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_fresh() {
        let current = render_table(crate::conformance::VENDORED_SCHEMA_FILES.iter().copied());
        if current != TABLE {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/diff/create_only.txt");
            std::fs::write(path, &current).expect("rewrite the create-only table");
            panic!(
                "src/diff/create_only.txt was stale and has been regenerated from the vendored schemas; review and commit it"
            );
        }
    }

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
