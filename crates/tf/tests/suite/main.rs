//! `meridian-tf`'s integration tests, one module per subject, linked into one test binary (the
//! workspace is linked once, not once per file). Run one subject with
//! `cargo test -p meridian-tf --test suite <module>::`.

mod serialization;
mod synthesis;
mod translation_only;
