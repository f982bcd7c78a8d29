//! The Terraform JSON L1 layer: the resource and data-source types (generated from the provider schemas
//! by `meridian-codegen` into `generated/`), typed expressions and references, and the root module that
//! serializes them to `*.tf.json` files. It decides nothing: it types what the lowering hands it.
//!
//! Generated structs are named after the type without `aws_` (`aws_lb_listener` is [`LbListener`]; data
//! sources get a `Data` prefix), block structs after the type and the block path; fields are the schema's
//! argument names (`type` is `r#type`), required ones plain and in `new`, optional ones `Option`s left out
//! when `None`; a block allowed once is an `Option<Block>`, a repeatable one a `Vec<Block>`, a block
//! without arguments [`EmptyBlock`]. Values are [`Value<T>`] of the provider's type. A resource added to
//! a [`Module`] gives a typed handle ([`ResourceRef`], [`DataRef`], [`VariableRef`]) with one method per
//! attribute (`vpc.id()`), so a reference cannot misspell an attribute; the lowering also takes handles by
//! name for resources the plan names before they are added (`ResourceRef::planned`), and
//! [`unresolved_references`] checks every reference of a synthesized module.

use serde::Serialize;

/// Implements [`Resource`] for an L1 struct and adds one reference method per listed attribute to its handle.
macro_rules! resource_type {
    ($rust_type:ident, $terraform_type:literal, [$($attribute:ident),* $(,)?]) => {
        impl $crate::l1::Resource for $rust_type {
            const TYPE: &'static str = $terraform_type;
        }

        impl $crate::l1::ResourceRef<$rust_type> {
            $(
                #[doc = concat!("`", $terraform_type, ".<name>.", stringify!($attribute), "`")]
                pub fn $attribute(&self) -> $crate::l1::Reference {
                    self.attribute(stringify!($attribute))
                }
            )*
        }
    };
}

/// Implements [`DataSource`] for an L1 struct and adds one reference method per listed attribute to its handle.
macro_rules! data_source_type {
    ($rust_type:ident, $terraform_type:literal, [$($attribute:ident),* $(,)?]) => {
        impl $crate::l1::DataSource for $rust_type {
            const TYPE: &'static str = $terraform_type;
        }

        impl $crate::l1::DataRef<$rust_type> {
            $(
                #[doc = concat!("`data.", $terraform_type, ".<name>.", stringify!($attribute), "`")]
                pub fn $attribute(&self) -> $crate::l1::Reference {
                    self.attribute(stringify!($attribute))
                }
            )*
        }
    };
}

mod expression;
mod module;
mod pretty;
mod references;
mod wafv2_statement;

#[rustfmt::skip]
mod generated;

pub use expression::{
    Expression, ExpressionError, Function, FunctionCall, JsonDocument, List, Map, Number,
    NumberLiteral, Reference, Template, TemplatePart, Value,
};
pub use generated::*;
pub use module::{
    Address, AwsDefaultTags, AwsProvider, Backend, DataRef, DataSource, IgnoreChanges, Lifecycle,
    MAIN_FILE, MOVED_FILE, MetaArguments, Module, ModuleError, ModuleFile, Moved, OUTPUTS_FILE,
    Output, PART_BYTES, RenderedFile, RequiredProvider, Resource, ResourceRef, S3Backend,
    TerraformSettings, TypeConstraint, VARIABLES_FILE, VERSIONS_FILE, Variable, VariableRef,
    VariableValidation, render_json,
};
pub use references::unresolved_references;
pub use wafv2_statement::{
    Wafv2ManagedRuleGroupStatement, Wafv2RateBasedStatement, Wafv2Statement,
};

/// A nested block without arguments, such as WAF `override_action { none {} }`; serializes as `{}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EmptyBlock {}
