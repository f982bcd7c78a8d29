//! The CloudFormation L1 layer: typed templates, intrinsic values, policy documents, and one module of
//! resource types per AWS service, generated from the registry schemas by `meridian-codegen` into
//! `generated/`. It decides nothing (no defaults, no names, no topology); it only types and serializes.
//!
//! Generated fields are Rust-cased and renamed to the wire names; optional properties are `Option` and
//! omitted when `None`, optional lists and maps omitted when empty; short string enums are Rust enums.
//! Each resource's properties struct implements [`ResourceProperties`] and converts into
//! [`ResourceKind`], so that a [`Template`] can hold any of them; [`unresolved_references`] checks a
//! whole template.
//!
//! ```
//! use meridian_cfn::l1::{ec2, Resource, Template, Value};
//!
//! let mut template = Template::new("orders service, us-east-1");
//! let vpc = ec2::Vpc {
//!     cidr_block: Some("10.10.0.0/16".into()),
//!     enable_dns_support: Some(true.into()),
//!     ..ec2::Vpc::default()
//! };
//! template.add_resource("Vpc", Resource::new(vpc)).expect("first use of the id");
//! let route_table = ec2::RouteTable::new(Value::r#ref("Vpc"));
//! template.add_resource("PublicRouteTable", Resource::new(route_table)).expect("first use of the id");
//! let json = template.to_json_pretty().expect("templates always serialize");
//! assert!(json.ends_with("}\n"));
//! ```

use serde::Serialize;

pub mod policy;
mod references;
pub mod template;
pub mod value;

#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use policy::{Effect, OneOrMany, PolicyConditions, PolicyDocument, Principal, Statement};
pub use references::unresolved_references;
pub use template::{
    AsIs, DeletionPolicy, DuplicateLogicalId, Output, Parameter, ParameterType, Resource,
    ResourceWriter, Template, TemplateSection, UpdateReplacePolicy,
};
pub use value::{GetAtt, GetStackOutput, ListValue, PseudoParameter, Reference, Value};

/// The properties of one CloudFormation resource type.
pub trait ResourceProperties: Serialize {
    /// The CloudFormation type name, such as `AWS::EC2::VPC`.
    const TYPE: &'static str;
}

/// A resource tag: `{"Key": ..., "Value": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    pub value: Value<String>,
}

impl Tag {
    pub fn new(key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}
