//! meridian-tf: the Terraform side of Meridian. `l1` types Terraform JSON (resources, data sources,
//! expressions, the root module and its files); `lower` translates a plan into one root module for every
//! region; `parity` says which `aws_*` types correspond to which CloudFormation types. It never reads or
//! writes files and never decides names, defaults or topology: the plan does.

pub mod l1;
mod lower;
pub mod parity;

pub use lower::{
    OUTPUT_DIRECTORY, SynthesisError, emitted_resources, synthesize, try_synthesize,
    try_synthesize_into,
};
