//! Planning the bundled stacks.

use meridian_testkit::{bundled_stack_paths, file_name, planned_of};

#[test]
fn every_bundled_stack_plans_without_errors() {
    for path in bundled_stack_paths() {
        let name = file_name(&path);
        let planned = planned_of(&path);
        let errors: Vec<String> = planned
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{name}: {} {} at {}: {} ({:?})",
                    d.code, d.severity, d.path, d.message, d.help
                )
            })
            .collect();
        assert!(planned.plan.is_some() && errors.is_empty(), "{errors:#?}");
    }
}

/// Every logical ID and region code a bundled plan holds follows its type's rules. The plan's
/// `Debug` form names each with its type, so the check reaches every field without a visitor.
#[test]
fn every_logical_id_and_region_code_of_the_bundled_plans_is_valid() {
    use meridian_plan::{LogicalId, RegionCode};

    fn quoted_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
        text.match_indices(marker)
            .filter_map(|(at, _)| {
                let rest = &text[at + marker.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
            .collect()
    }

    for path in bundled_stack_paths() {
        let name = file_name(&path);
        let debug = format!("{:?}", planned_of(&path).plan.expect("the stack plans"));
        let logical_ids = quoted_after(&debug, "LogicalId(\"");
        let regions = quoted_after(&debug, "RegionCode(\"");
        assert!(
            !logical_ids.is_empty() && !regions.is_empty(),
            "{name}: the plan's Debug form no longer names its logical IDs and region codes"
        );
        for id in logical_ids {
            assert!(
                LogicalId::new(id).is_valid(),
                "{name}: `{id}` is not a valid logical ID"
            );
        }
        for code in regions {
            assert!(
                RegionCode::new(code).info().is_some(),
                "{name}: `{code}` is not a known region"
            );
        }
    }
}
