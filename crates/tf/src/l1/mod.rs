//! The Terraform JSON L1 layer: typed arguments for every resource and data source Meridian emits, typed
//! expressions and references, and the root module that serializes them to `*.tf.json` files. It decides
//! nothing: no names, no defaults, no values. It only types what the lowering hands it and serializes it.
//!
//! # Conventions
//!
//! - One module per AWS service; one struct per resource or data source type, named after the Terraform type
//!   without its `aws_` prefix (`aws_lb_listener` is [`LbListener`]); data sources carry a `Data` prefix
//!   ([`DataPartition`]). Field names are the provider schema's argument names exactly (`type` is `r#type`).
//! - Required arguments are plain fields and are the parameters of `new`; optional arguments are `Option`s
//!   left out of the JSON when `None`. Structs without required arguments implement `Default`.
//! - Argument values are [`Value<T>`]: a literal of the provider's type or a reference, template or JSON
//!   document. The provider's own types are kept even where they surprise (for example
//!   `deregistration_delay` and `bake_time_in_minutes` are strings).
//! - Nested blocks: a block the schema allows at most once (nesting `single`, or `max_items = 1`) is an
//!   `Option<Block>` (or a plain `Block` when required) and serializes as a JSON object; a repeatable block is a
//!   `Vec<Block>` and serializes as a JSON array (left out when empty, unless the schema requires it).
//!   Blocks without arguments (for example WAF `override_action { none {} }`) are [`EmptyBlock`].
//! - Regional resources have `region: Option<Value<String>>`, the hashicorp/aws 6 per-resource region
//!   argument; global types (IAM, Route 53, CloudFront, `aws_caller_identity`, `aws_partition`,
//!   `aws_iam_policy_document`) have none because the schema has none.
//! - A resource is added to a [`Module`], which returns a typed handle ([`ResourceRef`], [`DataRef`],
//!   [`VariableRef`], [`LocalRef`]); references to attributes come only from handles, through one method per
//!   attribute (`vpc.id()`, `database.address()`), so a reference cannot misspell an attribute. The lowering
//!   also takes handles by name for resources the plan names before they are added
//!   (`ResourceRef::planned`, crate-private); the synthesis tests check every such reference against the
//!   whole module.

use serde::Serialize;

/// Implements [`Resource`] for an L1 struct and adds one reference method per listed attribute to its handle.
macro_rules! resource_type {
    ($rust_type:ident, $terraform_type:literal, [$($attribute:ident),* $(,)?]) => {
        impl $crate::l1::Resource for $rust_type {
            const TYPE: &'static str = $terraform_type;
            const REFERENCEABLE_ATTRIBUTES: &'static [&'static str] = &[$(stringify!($attribute)),*];
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
            const REFERENCEABLE_ATTRIBUTES: &'static [&'static str] = &[$(stringify!($attribute)),*];
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
mod references;
mod wafv2_statement;

#[rustfmt::skip]
mod generated;

pub use expression::{
    Expression, ExpressionError, Function, FunctionCall, JsonDocument, List, Map, Number,
    NumberLiteral, Operation, Operator, Reference, Template, TemplatePart, Value,
};
pub use generated::*;
pub use module::{
    Address, AwsDefaultTags, AwsProvider, DataMetaArguments, DataRef, DataSource, IgnoreChanges,
    Lifecycle, LocalRef, MAIN_FILE, MOVED_FILE, MetaArguments, Module, ModuleError, ModuleFile,
    Moved, OUTPUTS_FILE, Output, ProviderRef, RenderedFile, RequiredProvider, Resource,
    ResourceRef, TerraformSettings, TypeConstraint, VARIABLES_FILE, VERSIONS_FILE, Variable,
    VariableRef, VariableValidation, render_json,
};
pub use references::unresolved_references;
pub use wafv2_statement::{
    Wafv2GeoMatchStatement, Wafv2IpSetReferenceStatement, Wafv2ManagedRuleGroupStatement,
    Wafv2RateBasedStatement, Wafv2RuleActionOverride, Wafv2Statement,
};

/// A nested block without arguments, such as WAF `override_action { none {} }`; serializes as `{}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EmptyBlock {}
