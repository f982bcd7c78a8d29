//! Every generated file is what the generator writes from the vendored schemas (rust-analyzer's
//! `ensure_file_contents`): the test fails on a stale file and rewrites it only when asked with
//! `MERIDIAN_UPDATE_GENERATED=1`.

#[test]
fn every_generated_file_is_fresh() {
    let root = meridian_codegen::repository();
    let files = meridian_codegen::generate(&root).expect("the vendored schemas can be read");
    let stale = meridian_codegen::stale(&root, &files);
    if stale.is_empty() {
        return;
    }
    if std::env::var_os(meridian_codegen::UPDATE_VARIABLE).is_some() {
        meridian_codegen::write(&root, &files).expect("the generated files can be written");
        panic!("rewrote {}; review and commit them", stale.join(", "));
    }
    panic!(
        "stale generated files: {}\nrun `cargo run -p meridian-codegen` (or this test with {}=1) and commit the result",
        stale.join(", "),
        meridian_codegen::UPDATE_VARIABLE
    );
}
