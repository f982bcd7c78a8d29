//! The `meridian` crate's integration tests, one module per subject, linked into one test binary:
//! one binary links the whole workspace once instead of once per file, which keeps the test
//! build small on disk and quick to link. Run one subject with `cargo test -p meridian --test
//! suite <module>::`, for example `stacks::`.

mod common;

mod accelerator;
mod app_config;
mod changes;
mod cli;
mod crash;
mod docs;
mod emit;
mod endpoints;
mod environments;
mod extreme_numbers;
mod faults;
mod fuzz;
mod generated;
mod io_limits;
mod links;
mod load_balancers;
mod machine_readable;
mod plan_and_graph;
mod services;
mod stacks;
mod synthesis;
