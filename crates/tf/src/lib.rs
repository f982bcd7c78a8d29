//! meridian-tf: the Terraform side of Meridian. `l1` types Terraform JSON (resources, data sources,
//! expressions, the root module and its files); lowering from the plan will live beside it. It never reads or
//! writes files and never decides names, defaults or topology: the plan does.

pub mod l1;

#[cfg(any(test, feature = "conformance"))]
pub mod conformance;
