//! The review of each bundled stack's plan, locked by `snapshots/plan@<stack>.yaml.snap`: every
//! decision in words, so a changed default, name or link is reviewed where it is made rather
//! than in the synthesized templates.

use meridian_testkit::{plan_of, repository};

#[test]
fn each_bundled_plan_reads_as_its_review() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(repository().join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        insta::glob!("../../../../stacks", "*.yaml", |path| {
            insta::assert_snapshot!("plan", meridian_plan::review(&plan_of(path)));
        });
    });
}
