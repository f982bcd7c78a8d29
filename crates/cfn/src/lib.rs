//! CloudFormation output for Meridian: typed L1 resources and the lowering of a plan to templates and a
//! deployment manifest ([`synthesize`]), and the comparison of two syntheses' templates behind
//! `meridian diff` ([`diff`]); it must not decide anything the plan could decide.

pub mod diff;
pub mod l1;
mod lower;

pub use lower::{
    LoweredPiece, Lowering, MANIFEST_PATH, QuotaProblem, TEMPLATE_FOLDER, emitted_resources,
    synthesize, try_synthesize,
};
