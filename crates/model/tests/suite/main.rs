//! `meridian-model`'s integration tests, one module per subject, linked into one test binary (the
//! workspace is linked once, not once per file). Run one subject with
//! `cargo test -p meridian-model --test suite <module>::`.

mod environments;
mod load;
