//! `meridian-cfn`'s integration tests, one module per subject, linked into one test binary (the
//! workspace is linked once, not once per file). Run one subject with
//! `cargo test -p meridian-cfn --test suite <module>::`.

mod division;
mod pieces;
mod quotas;
mod serialization;
mod support;
mod synthesis;
mod translation_only;
