//! CloudFormation output for Meridian: typed L1 resources; it must not decide anything the plan could decide.

pub mod l1;

#[cfg(any(test, feature = "conformance"))]
pub mod conformance;
