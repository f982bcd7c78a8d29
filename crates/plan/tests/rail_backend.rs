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
