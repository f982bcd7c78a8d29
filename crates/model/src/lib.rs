//! Meridian's stack-file model: the typed input (serde + schemars), and loading YAML with the
//! positions diagnostics need. It knows nothing of CloudFormation or Terraform.

pub mod codes;
pub mod diagnostic;
pub mod environments;
pub mod fast_hash;
pub mod load;
pub mod path;
mod shape;
pub mod source_map;
pub mod stack;
pub mod suggest;
pub mod text;
pub mod threads;

pub use codes::Code;
pub use diagnostic::{Diagnostic, Position, Related, Severity, bug};
pub use environments::OverlayChange;
pub use load::{
    LoadFailure, LoadedStack, SourceText, load_environments, load_stack, locate,
    resolve_schema as resolve_schema_at,
};
pub use path::{Segment, StackPath};
pub use source_map::SourceMap;
pub use stack::*;

/// The JSON Schema of stack files, as committed in `stacks/stack.schema.json`.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Stack);
    schema.to_value()
}
