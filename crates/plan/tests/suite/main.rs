//! `meridian-plan`'s integration tests, one module per subject, linked into one test binary
//! (the workspace is linked once, not once per file). Run one subject with
//! `cargo test -p meridian-plan --test suite <module>::`.

mod budget;
mod collisions;
mod defaults;
mod failover;
mod fidelity;
mod function_length;
mod links;
mod misspelt_region;
mod observability;
mod rail_backend;
mod review;
mod tags;
