//! A Terraform root module in JSON syntax: settings, the provider configuration, variables, data
//! sources, resources, outputs and `moved` blocks, with the typed handles that references are built from,
//! serialized into a fixed set of `*.tf.json` files. It records and serializes what the lowering gives it;
//! it chooses no names, versions, tags or values, and it never writes files.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::{Serialize, Serializer};

use super::Map;
use super::expression::{Expression, Reference, Value, is_identifier};
use super::pretty::PrettyWriter;

/// `versions.tf.json`: the `terraform` block.
pub const VERSIONS_FILE: &str = "versions.tf.json";
/// `main.tf.json`: the provider configuration, data sources and resources.
pub const MAIN_FILE: &str = "main.tf.json";
/// `variables.tf.json`: input variables (written only when there is one).
pub const VARIABLES_FILE: &str = "variables.tf.json";
/// `outputs.tf.json`: outputs (written only when there is one).
pub const OUTPUTS_FILE: &str = "outputs.tf.json";
/// `moved.tf.json`: `moved` blocks recording renames (written only when there is one).
pub const MOVED_FILE: &str = "moved.tf.json";

/// A Terraform resource type. Implemented by every L1 resource struct.
pub trait Resource: Serialize {
    /// The Terraform type name, such as `aws_db_instance`.
    const TYPE: &'static str;
}

/// A Terraform data source type. Implemented by every L1 data source struct.
pub trait DataSource: Serialize {
    /// The Terraform type name, such as `aws_partition`.
    const TYPE: &'static str;
}

/// The handle of a resource in a [`Module`], returned by [`Module::add_resource`]. Its generated methods
/// (`id()`, `arn()`, ...) are the only way to reference the resource's attributes.
pub struct ResourceRef<R> {
    name: String,
    resource_type: PhantomData<fn() -> R>,
}

impl<R: Resource> ResourceRef<R> {
    /// The handle of a resource of type `R` named `name` that the lowering declares (or will declare) in the
    /// same module. The plan names every resource and refers to resources by name before they are added, so
    /// the lowering needs handles by name; whether each such reference is declared is checked on the whole
    /// synthesized module by `unresolved_references` in the tests.
    pub(crate) fn planned(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            resource_type: PhantomData,
        }
    }

    /// The Terraform name (the second label), such as `orders_db_us_east_1`.
    pub fn terraform_name(&self) -> &str {
        &self.name
    }

    /// `aws_x.name`, for `depends_on` and `moved`.
    pub fn terraform_address(&self) -> Address {
        Address {
            mode: AddressMode::Managed,
            type_name: R::TYPE,
            name: self.name.clone(),
        }
    }

    pub(crate) fn attribute(&self, attribute: &'static str) -> Reference {
        Reference::resource_attribute(R::TYPE, &self.name, attribute)
    }
}

impl<R> Clone for ResourceRef<R> {
    fn clone(&self) -> Self {
        Self {
            name: self.name.clone(),
            resource_type: PhantomData,
        }
    }
}

impl<R: Resource> fmt::Debug for ResourceRef<R> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "ResourceRef({}.{})", R::TYPE, self.name)
    }
}

impl<R> PartialEq for ResourceRef<R> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// The handle of a data source in a [`Module`], returned by [`Module::add_data_source`].
pub struct DataRef<D> {
    name: String,
    data_source_type: PhantomData<fn() -> D>,
}

impl<D: DataSource> DataRef<D> {
    /// The Terraform name (the second label), such as `current`.
    pub fn terraform_name(&self) -> &str {
        &self.name
    }

    /// `data.aws_x.name`, for `depends_on`.
    pub fn terraform_address(&self) -> Address {
        Address {
            mode: AddressMode::Data,
            type_name: D::TYPE,
            name: self.name.clone(),
        }
    }

    pub(crate) fn attribute(&self, attribute: &'static str) -> Reference {
        Reference::data_source_attribute(D::TYPE, &self.name, attribute)
    }
}

impl<D> Clone for DataRef<D> {
    fn clone(&self) -> Self {
        Self {
            name: self.name.clone(),
            data_source_type: PhantomData,
        }
    }
}

impl<D: DataSource> fmt::Debug for DataRef<D> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "DataRef(data.{}.{})", D::TYPE, self.name)
    }
}

impl<D> PartialEq for DataRef<D> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// The handle of an input variable, returned by [`Module::add_variable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableRef {
    name: String,
}

impl VariableRef {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `var.name`.
    pub fn reference(&self) -> Reference {
        Reference::variable(&self.name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum AddressMode {
    Managed,
    Data,
}

/// The address of a resource (`aws_x.name`) or data source (`data.aws_x.name`), as written in `depends_on`
/// and `moved`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Address {
    mode: AddressMode,
    type_name: &'static str,
    name: String,
}

impl Address {
    /// The second label, such as `orders_db_us_east_1`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The address of the same kind and type under another name (the `from` side of a [`Moved`]
    /// when the type is only known from a declared resource).
    pub fn with_name(&self, name: &str) -> Result<Self, ModuleError> {
        check_name("resource", name)?;
        Ok(Self {
            mode: self.mode,
            type_name: self.type_name,
            name: name.to_owned(),
        })
    }
}

impl fmt::Display for Address {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mode {
            AddressMode::Managed => write!(formatter, "{}.{}", self.type_name, self.name),
            AddressMode::Data => write!(formatter, "data.{}.{}", self.type_name, self.name),
        }
    }
}

impl Serialize for Address {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The `lifecycle` meta-argument block.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Lifecycle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prevent_destroy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore_changes: Option<IgnoreChanges>,
}

/// `ignore_changes`: every attribute, or the named top-level arguments of the resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoreChanges {
    All,
    Arguments(Vec<String>),
}

impl Serialize for IgnoreChanges {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::All => serializer.serialize_str("all"),
            Self::Arguments(names) => serializer.collect_seq(names),
        }
    }
}

/// Meta-arguments of a resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MetaArguments {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<Address>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<Lifecycle>,
}

/// A provider requirement in `terraform.required_providers`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequiredProvider {
    /// Such as `hashicorp/aws`.
    pub source: String,
    /// A version constraint such as `>= 6.0`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// The `terraform` block. Its strings are literal: Terraform evaluates nothing here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TerraformSettings {
    /// Where the state is kept, by backend type (`s3`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend: Option<Backend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_version: Option<String>,
    /// By local name (`aws`, `random`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub required_providers: BTreeMap<String, RequiredProvider>,
}

/// The `terraform.backend` block: one backend type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backend {
    pub s3: S3Backend,
}

/// The arguments of the S3 backend Meridian writes (Terraform's `s3` backend documentation), in
/// alphabetical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S3Backend {
    pub bucket: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamodb_table: Option<String>,
    pub encrypt: bool,
    pub key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_lockfile: Option<bool>,
}

/// A `provider "aws"` configuration.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AwsProvider {
    /// The default region of resources that do not set their own `region`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_tags: Option<AwsDefaultTags>,
}

/// The `default_tags` block of the aws provider: tags applied to every taggable resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AwsDefaultTags {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

/// A variable type constraint, written as a type expression (`map(string)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeConstraint {
    String,
    Map(Box<TypeConstraint>),
}

impl fmt::Display for TypeConstraint {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String => formatter.write_str("string"),
            Self::Map(element) => write!(formatter, "map({element})"),
        }
    }
}

impl Serialize for TypeConstraint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A `variable` block (its `validation` blocks are added with [`Module::add_variable_validation`]).
///
/// `description` and `default` are written verbatim, unescaped: Terraform reads them without evaluating
/// templates, so a `${` in them is already literal.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Variable {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_constraint: Option<TypeConstraint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
}

/// A `validation` block of a variable, added with [`Module::add_variable_validation`] once the variable's
/// handle exists, since the condition refers to the variable itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariableValidation {
    pub condition: Expression,
    /// Evaluated as a template by Terraform, so its literal text is escaped like any string value.
    pub error_message: Value<String>,
}

/// An `output` block.
///
/// `description` is written verbatim, unescaped, for the same reason as [`Variable::description`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Output {
    pub value: Expression,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<Address>,
}

impl Output {
    /// An output with only a value.
    pub fn new(value: impl Into<Expression>) -> Self {
        Self {
            value: value.into(),
            description: None,
            sensitive: None,
            depends_on: Vec::new(),
        }
    }
}

/// A `moved` block: the resource at `from` is now the one at `to`, so Terraform renames it in state instead
/// of destroying and recreating it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub from: Address,
    pub to: Address,
}

/// Why a module cannot be built or serialized. Every variant is a bug in the caller (names and topology are
/// decided, and checked, by the plan), so messages say what was passed in.
#[derive(Debug)]
pub enum ModuleError {
    /// A name that is not a Terraform identifier.
    InvalidName { kind: &'static str, name: String },
    /// A second declaration with the same address or name.
    Duplicate { kind: &'static str, address: String },
    /// A value that cannot be serialized (such as a non-finite number).
    Serialization {
        address: String,
        source: serde_json::Error,
    },
    /// A `moved` block whose `from` address is still declared.
    MovedFromStillDeclared { from: String },
    /// A `moved` block whose `to` address is not declared.
    MovedToMissing { to: String },
    /// A validation for a variable this module does not declare (a handle from another module).
    UnknownVariable { name: String },
}

impl fmt::Display for ModuleError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidName { kind, name } => write!(
                formatter,
                "{kind} name {name:?} is not a terraform identifier (letters, digits, `_` and `-`, starting with a letter or `_`)"
            ),
            Self::Duplicate { kind, address } => {
                write!(formatter, "{kind} {address} is declared twice")
            }
            Self::Serialization { address, source } => {
                write!(formatter, "cannot serialize {address}: {source}")
            }
            Self::MovedFromStillDeclared { from } => {
                write!(
                    formatter,
                    "moved block from {from}: that address is still declared in the module"
                )
            }
            Self::MovedToMissing { to } => write!(
                formatter,
                "moved block to {to}: no such resource in the module"
            ),
            Self::UnknownVariable { name } => {
                write!(formatter, "variable {name} is not declared in this module")
            }
        }
    }
}

impl std::error::Error for ModuleError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Serialization { source, .. } => Some(source),
            _ => None,
        }
    }
}

fn check_name(kind: &'static str, name: &str) -> Result<(), ModuleError> {
    if is_identifier(name) {
        Ok(())
    } else {
        Err(ModuleError::InvalidName {
            kind,
            name: name.to_owned(),
        })
    }
}

fn to_json(address: &str, value: &impl Serialize) -> Result<serde_json::Value, ModuleError> {
    serde_json::to_value(value).map_err(|source| ModuleError::Serialization {
        address: address.to_owned(),
        source,
    })
}

/// Room reserved for a file beyond its rendered bodies and their keys: the settings, providers,
/// data sources, variables and outputs, which are not rendered ahead (see
/// [`Module::render_files`]; a shortfall only costs a reallocation).
const FILE_SLACK: usize = 64 * 1024;

/// A resource body as pretty JSON text, keys sorted at every level, the meta-arguments merged in at their
/// sorted places, as if it stood alone (no indentation before its lines: a file's writer adds the
/// indentation of the body's place, which at 20 regions x 50 services is 1.8 MB of spaces the
/// module does not hold): written straight from the typed values, or
/// through a `serde_json::Value` tree when the direct writer declines (see `pretty.rs`). Debug builds
/// (the tests) write every body both ways and check that the texts are the same.
fn render_body(
    writer: &mut PrettyWriter,
    address: &str,
    resource: &impl Serialize,
    meta: &MetaArguments,
) -> Result<String, ModuleError> {
    match writer.render(resource, meta, 0) {
        Ok(text) => {
            // Copied out at its exact length; the writer keeps its buffers for the next body.
            let text = text.to_owned();
            debug_assert_eq!(
                render_body_through_value(address, resource, meta)
                    .ok()
                    .as_ref(),
                Some(&text),
                "the direct JSON writer and the JSON value path disagree on {address}"
            );
            Ok(text)
        }
        Err(_) => render_body_through_value(address, resource, meta),
    }
}

/// [`render_body`] through a `serde_json::Value` tree: the reference the direct writer must match. The
/// L1 types have no argument named like a meta-argument, so nothing is overwritten.
fn render_body_through_value(
    address: &str,
    resource: &impl Serialize,
    meta: &MetaArguments,
) -> Result<String, ModuleError> {
    let mut body = to_json(address, resource)?;
    if let (serde_json::Value::Object(fields), serde_json::Value::Object(meta)) =
        (&mut body, to_json(address, meta)?)
    {
        fields.extend(meta);
    }
    render_value(address, &body)
}

/// `value` as pretty JSON text, keys sorted at every level, as if it stood alone.
fn render_value(address: &str, value: &serde_json::Value) -> Result<String, ModuleError> {
    serde_json::to_string_pretty(&SortedKeys(value)).map_err(|source| ModuleError::Serialization {
        address: address.to_owned(),
        source,
    })
}

/// One Terraform root module. Add things with the `add_*` methods, which return handles for references;
/// serialize with [`Module::to_json_files`] or [`Module::render_files`].
#[derive(Debug, Clone, Default)]
pub struct Module {
    comment: Option<String>,
    settings: TerraformSettings,
    aws_providers: Vec<serde_json::Value>,
    has_aws_provider: bool,
    variables: BTreeMap<String, VariableBlock>,
    data_sources: BTreeMap<(&'static str, String), serde_json::Value>,
    /// Each body as pretty JSON text, keys sorted, rendered when the resource is added: the bulk of a
    /// large module, so no JSON value tree of it outlives the call that adds it.
    resources: BTreeMap<(&'static str, String), String>,
    /// Writes resource bodies (see `add_resource_with`), keeping its buffers from one to the next.
    writer: PrettyWriter,
    /// Each output's body as pretty JSON text, keys sorted, rendered when the output is added:
    /// as JSON value trees, a module's outputs took eight times the room of their text.
    outputs: BTreeMap<String, String>,
    moved: Vec<Moved>,
}

impl Module {
    pub fn new(settings: TerraformSettings) -> Self {
        Self {
            settings,
            ..Self::default()
        }
    }

    /// A comment written as the `"//"` key of every file (such as "generated by meridian; do not edit").
    pub fn set_comment(&mut self, comment: impl Into<String>) {
        self.comment = Some(comment.into());
    }

    /// Adds the `provider "aws"` configuration (one per module: resources set their own `region`).
    pub fn add_aws_provider(&mut self, provider: AwsProvider) -> Result<(), ModuleError> {
        if std::mem::replace(&mut self.has_aws_provider, true) {
            return Err(ModuleError::Duplicate {
                kind: "provider configuration",
                address: "aws".to_owned(),
            });
        }
        self.aws_providers.push(to_json("provider aws", &provider)?);
        Ok(())
    }

    pub fn add_variable(
        &mut self,
        name: &str,
        variable: Variable,
    ) -> Result<VariableRef, ModuleError> {
        check_name("variable", name)?;
        if self.variables.contains_key(name) {
            return Err(ModuleError::Duplicate {
                kind: "variable",
                address: format!("var.{name}"),
            });
        }
        self.variables.insert(
            name.to_owned(),
            VariableBlock {
                variable,
                validation: Vec::new(),
            },
        );
        Ok(VariableRef {
            name: name.to_owned(),
        })
    }

    /// Adds a `validation` block to a variable of this module.
    pub fn add_variable_validation(
        &mut self,
        variable: &VariableRef,
        validation: VariableValidation,
    ) -> Result<(), ModuleError> {
        match self.variables.get_mut(&variable.name) {
            Some(block) => {
                block.validation.push(validation);
                Ok(())
            }
            None => Err(ModuleError::UnknownVariable {
                name: variable.name.clone(),
            }),
        }
    }

    pub fn add_data_source<D: DataSource>(
        &mut self,
        name: &str,
        data_source: D,
    ) -> Result<DataRef<D>, ModuleError> {
        check_name("data source", name)?;
        let address = format!("data.{}.{name}", D::TYPE);
        let key = (D::TYPE, name.to_owned());
        if self.data_sources.contains_key(&key) {
            return Err(ModuleError::Duplicate {
                kind: "data source",
                address,
            });
        }
        self.data_sources
            .insert(key, to_json(&address, &data_source)?);
        Ok(DataRef {
            name: name.to_owned(),
            data_source_type: PhantomData,
        })
    }

    pub fn add_resource<R: Resource>(
        &mut self,
        name: &str,
        resource: R,
    ) -> Result<ResourceRef<R>, ModuleError> {
        self.add_resource_with(name, resource, MetaArguments::default())
    }

    pub fn add_resource_with<R: Resource>(
        &mut self,
        name: &str,
        resource: R,
        meta: MetaArguments,
    ) -> Result<ResourceRef<R>, ModuleError> {
        check_name("resource", name)?;
        let address = format!("{}.{name}", R::TYPE);
        let key = (R::TYPE, name.to_owned());
        if self.resources.contains_key(&key) {
            return Err(ModuleError::Duplicate {
                kind: "resource",
                address,
            });
        }
        let body = render_body(&mut self.writer, &address, &resource, &meta)?;
        self.resources.insert(key, body);
        Ok(ResourceRef {
            name: name.to_owned(),
            resource_type: PhantomData,
        })
    }

    pub fn add_output(&mut self, name: &str, output: Output) -> Result<(), ModuleError> {
        check_name("output", name)?;
        if self.outputs.contains_key(name) {
            return Err(ModuleError::Duplicate {
                kind: "output",
                address: format!("output.{name}"),
            });
        }
        let address = format!("output.{name}");
        let body = render_value(&address, &to_json(&address, &output)?)?;
        self.outputs.insert(name.to_owned(), body);
        Ok(())
    }

    /// The addresses of every declared resource, sorted by type and name.
    pub fn resource_addresses(&self) -> Vec<Address> {
        self.resources
            .keys()
            .map(|(type_name, name)| Address {
                mode: AddressMode::Managed,
                type_name,
                name: name.clone(),
            })
            .collect()
    }

    /// Every declared resource as `(type, address, body)`, the body parsed back from its text:
    /// the arguments and meta-arguments as written.
    pub fn resource_bodies(
        &self,
    ) -> Result<Vec<(&'static str, String, serde_json::Value)>, ModuleError> {
        self.resources
            .iter()
            .map(|((type_name, name), body)| {
                serde_json::from_str(body)
                    .map(|json| (*type_name, format!("{type_name}.{name}"), json))
                    .map_err(|source| ModuleError::Serialization {
                        address: format!("{type_name}.{name}"),
                        source,
                    })
            })
            .collect()
    }

    /// Changes the body of the resource `<type_name>.<name>` through `edit` and writes it again;
    /// `false` when the module declares no such resource.
    pub fn edit_resource(
        &mut self,
        address: &str,
        edit: impl FnOnce(&mut serde_json::Value),
    ) -> Result<bool, ModuleError> {
        let Some((type_name, name)) = address.split_once('.') else {
            return Ok(false);
        };
        let Some(key) = self
            .resources
            .keys()
            .find(|(declared_type, declared_name)| {
                *declared_type == type_name && declared_name == name
            })
            .cloned()
        else {
            return Ok(false);
        };
        let serialization = |source| ModuleError::Serialization {
            address: address.to_owned(),
            source,
        };
        let mut body: serde_json::Value =
            serde_json::from_str(&self.resources[&key]).map_err(serialization)?;
        edit(&mut body);
        let text = render_body(&mut self.writer, address, &body, &MetaArguments::default())?;
        self.resources.insert(key, text);
        Ok(true)
    }

    /// Records a rename; checked against the declared resources when the module is serialized.
    pub fn add_moved(&mut self, moved: Moved) {
        self.moved.push(moved);
    }

    /// The module's files as JSON values, in a fixed order: `versions.tf.json` and `main.tf.json` always,
    /// then `variables.tf.json`, `outputs.tf.json` and `moved.tf.json` when they have content.
    pub fn to_json_files(&self) -> Result<Vec<ModuleFile>, ModuleError> {
        self.files()?
            .into_iter()
            .map(|(name, body)| {
                Ok(ModuleFile {
                    name,
                    json: to_json(name, &body)?,
                })
            })
            .collect()
    }

    /// The module's files as text: pretty JSON with two-space indentation, keys sorted, and a trailing
    /// newline (see [`render_json`]). Serialized straight from the bodies the module holds, without
    /// building each file as a JSON value first.
    pub fn render_files(&self) -> Result<Vec<RenderedFile>, ModuleError> {
        self.files()?
            .into_iter()
            .map(|(name, body)| {
                // Room for the whole file at once: grown by doubling, `main.tf.json` (15 MB at 20
                // regions x 50 services) was copied at every step, and at its last the two
                // buffers and the module's bodies were all alive, at the process's peak of
                // memory. Room never written is never touched, so a generous estimate costs no
                // memory: the rendered bodies plus a quarter for the keys and braces around
                // them, which a test checks is enough.
                let mut contents = Vec::with_capacity(body.file_capacity());
                body.write_pretty(&mut contents, 0, &mut |_| {})
                    .map_err(|source| ModuleError::Serialization {
                        address: name.to_owned(),
                        source,
                    })?;
                contents.push(b'\n');
                Ok(RenderedFile {
                    name,
                    // Every piece written is UTF-8 (keys, strings and serde_json's own text).
                    contents: String::from_utf8(contents).unwrap_or_else(|error| {
                        String::from_utf8_lossy(error.as_bytes()).into_owned()
                    }),
                })
            })
            .collect()
    }

    /// The module's files as [`Module::render_files`] writes them, each handed to `part` (with
    /// its name, and whether it is the file's first part) in parts of about [`PART_BYTES`], cut
    /// only after a resource's or an output's body: the whole of `main.tf.json` (15 MB at 20
    /// regions x 50 services) is never held, only the bodies it is written from.
    pub fn render_parts(
        &self,
        part: &mut dyn FnMut(&'static str, &[u8], bool),
    ) -> Result<(), ModuleError> {
        let mut buffer = Vec::with_capacity(PART_BYTES * 2);
        for (name, body) in self.files()? {
            let mut first = true;
            let mut spill = |buffer: &mut Vec<u8>| {
                if buffer.len() >= PART_BYTES {
                    part(name, buffer, first);
                    first = false;
                    buffer.clear();
                }
            };
            body.write_pretty(&mut buffer, 0, &mut spill)
                .map_err(|source| ModuleError::Serialization {
                    address: name.to_owned(),
                    source,
                })?;
            buffer.push(b'\n');
            part(name, &buffer, first);
            buffer.clear();
        }
        Ok(())
    }

    /// Every file as a tree borrowing the module's bodies, in the order of [`Module::to_json_files`].
    fn files(&self) -> Result<Vec<(&'static str, Tree<'_>)>, ModuleError> {
        self.check_moved_blocks()?;
        let mut files = Vec::new();

        let mut versions = self.file_object();
        versions.insert(
            "terraform",
            Tree::Owned(to_json("terraform", &self.settings)?),
        );
        files.push((VERSIONS_FILE, Tree::Object(versions)));

        let mut main = self.file_object();
        match self.aws_providers.as_slice() {
            [] => {}
            [single] => {
                main.insert(
                    "provider",
                    Tree::Object(BTreeMap::from([("aws", Tree::Borrowed(single))])),
                );
            }
            several => {
                let several = Tree::Array(several.iter().map(Tree::Borrowed).collect());
                main.insert("provider", Tree::Object(BTreeMap::from([("aws", several)])));
            }
        }
        if !self.data_sources.is_empty() {
            main.insert("data", nest_by_type(&self.data_sources, Tree::Borrowed));
        }
        if !self.resources.is_empty() {
            main.insert("resource", Tree::Resources(&self.resources));
        }
        files.push((MAIN_FILE, Tree::Object(main)));

        if !self.variables.is_empty() {
            let mut variables = self.file_object();
            variables.insert(
                "variable",
                Tree::Owned(to_json("variables", &self.variables)?),
            );
            files.push((VARIABLES_FILE, Tree::Object(variables)));
        }
        if !self.outputs.is_empty() {
            let mut outputs = self.file_object();
            let bodies = self
                .outputs
                .iter()
                .map(|(name, body)| (name.as_str(), Tree::Rendered(body)))
                .collect();
            outputs.insert("output", Tree::Object(bodies));
            files.push((OUTPUTS_FILE, Tree::Object(outputs)));
        }
        if !self.moved.is_empty() {
            let mut moved = self.file_object();
            moved.insert("moved", Tree::Owned(to_json("moved", &self.moved)?));
            files.push((MOVED_FILE, Tree::Object(moved)));
        }
        Ok(files)
    }

    fn file_object(&self) -> BTreeMap<&str, Tree<'_>> {
        let mut object = BTreeMap::new();
        if let Some(comment) = &self.comment {
            // Terraform ignores `//` keys entirely, so the comment is written as is.
            object.insert("//", Tree::Text(comment));
        }
        object
    }

    fn check_moved_blocks(&self) -> Result<(), ModuleError> {
        for moved in &self.moved {
            let declared = |address: &Address| {
                self.resources
                    .contains_key(&(address.type_name, address.name.clone()))
            };
            if declared(&moved.from) {
                return Err(ModuleError::MovedFromStillDeclared {
                    from: moved.from.to_string(),
                });
            }
            if !declared(&moved.to) {
                return Err(ModuleError::MovedToMissing {
                    to: moved.to.to_string(),
                });
            }
        }
        Ok(())
    }
}

/// A variable with its validations, serialized as one `variable` block.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct VariableBlock {
    #[serde(flatten)]
    variable: Variable,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    validation: Vec<VariableValidation>,
}

/// `{type: {name: body}}` from bodies keyed by (type, name), borrowing the bodies.
fn nest_by_type<'a, B>(
    bodies: &'a BTreeMap<(&'static str, String), B>,
    leaf: impl Fn(&'a B) -> Tree<'a>,
) -> Tree<'a> {
    let mut by_type: BTreeMap<&str, Tree<'a>> = BTreeMap::new();
    for ((type_name, name), body) in bodies {
        if let Tree::Object(names) = by_type
            .entry(type_name)
            .or_insert_with(|| Tree::Object(BTreeMap::new()))
        {
            names.insert(name.as_str(), leaf(body));
        }
    }
    Tree::Object(by_type)
}

/// A file's JSON as it is assembled: objects whose keys sort as `BTreeMap` keys do, around the
/// bodies the module already holds, which are borrowed rather than copied.
enum Tree<'a> {
    Object(BTreeMap<&'a str, Tree<'a>>),
    Array(Vec<Tree<'a>>),
    Text(&'a str),
    Borrowed(&'a serde_json::Value),
    Owned(serde_json::Value),
    /// A body already rendered as pretty JSON (keys sorted), as if it stood alone.
    Rendered(&'a str),
    /// Rendered bodies keyed by (type, name), written as `{type: {name: body}}`: grouped as they
    /// are written rather than nested in maps first (at 20 regions x 50 services, 2 MB of maps
    /// alive while `main.tf.json` was written, at the run's peak of memory).
    Resources(&'a BTreeMap<(&'static str, String), String>),
}

impl Tree<'_> {
    /// The room to reserve for the tree's file: see [`Module::render_files`]. Half again the
    /// rendered bodies, for their indentation and the keys and braces around them.
    fn file_capacity(&self) -> usize {
        let rendered = self.rendered_bytes();
        rendered + rendered / 2 + FILE_SLACK
    }

    /// The bytes of the rendered bodies in the tree.
    fn rendered_bytes(&self) -> usize {
        match self {
            Tree::Object(entries) => entries.values().map(Tree::rendered_bytes).sum(),
            Tree::Array(items) => items.iter().map(Tree::rendered_bytes).sum(),
            Tree::Rendered(text) => text.len(),
            Tree::Resources(bodies) => bodies.values().map(String::len).sum(),
            Tree::Text(_) | Tree::Borrowed(_) | Tree::Owned(_) => 0,
        }
    }

    /// Writes the tree as `serde_json::to_string_pretty` writes it (two-space indentation, `": "`
    /// between key and value, `{}` and `[]` when empty), keys sorted at every level, as if it
    /// started `indent` spaces in: rendered bodies are copied with their lines indented instead
    /// of being parsed and serialized again.
    /// `spill` is given the text written so far after each rendered body, and may take it.
    fn write_pretty(
        &self,
        out: &mut Vec<u8>,
        indent: usize,
        spill: &mut dyn FnMut(&mut Vec<u8>),
    ) -> Result<(), serde_json::Error> {
        match self {
            Tree::Object(entries) => {
                write_container(out, indent, (b'{', b'}'), entries, |out, (key, value)| {
                    serde_json::to_writer(&mut *out, key)?;
                    out.extend_from_slice(b": ");
                    value.write_pretty(out, indent + 2, spill)
                })
            }
            Tree::Array(items) => write_container(out, indent, (b'[', b']'), items, |out, item| {
                item.write_pretty(out, indent + 2, spill)
            }),
            Tree::Text(text) => serde_json::to_writer(out, text),
            Tree::Rendered(text) => {
                write_indented(out, text, indent);
                spill(out);
                Ok(())
            }
            Tree::Resources(bodies) => {
                let mut types: Vec<&'static str> = bodies.keys().map(|(kind, _)| *kind).collect();
                types.dedup();
                write_container(out, indent, (b'{', b'}'), types, |out, kind| {
                    serde_json::to_writer(&mut *out, kind)?;
                    out.extend_from_slice(b": ");
                    let of_kind = bodies
                        .range((kind, String::new())..)
                        .take_while(|((other, _), _)| *other == kind);
                    write_container(
                        out,
                        indent + 2,
                        (b'{', b'}'),
                        of_kind,
                        |out, (key, body)| {
                            serde_json::to_writer(&mut *out, &key.1)?;
                            out.extend_from_slice(b": ");
                            Tree::Rendered(body).write_pretty(out, indent + 4, spill)
                        },
                    )
                })
            }
            Tree::Borrowed(_) | Tree::Owned(_) => {
                let mut text = Vec::new();
                serde_json::to_writer_pretty(&mut text, self)?;
                write_indented(out, &String::from_utf8_lossy(&text), indent);
                Ok(())
            }
        }
    }
}

/// An object's or array's items, one per line, `indent + 2` spaces in.
fn write_container<I: IntoIterator>(
    out: &mut Vec<u8>,
    indent: usize,
    (open, close): (u8, u8),
    items: I,
    mut write_item: impl FnMut(&mut Vec<u8>, I::Item) -> Result<(), serde_json::Error>,
) -> Result<(), serde_json::Error> {
    out.push(open);
    let mut empty = true;
    for item in items {
        out.extend_from_slice(if empty { b"\n" } else { b",\n" });
        empty = false;
        out.resize(out.len() + indent + 2, b' ');
        write_item(out, item)?;
    }
    if !empty {
        out.push(b'\n');
        out.resize(out.len() + indent, b' ');
    }
    out.push(close);
    Ok(())
}

/// Pretty JSON text moved `indent` spaces in: every line after the first gains the indentation.
/// JSON strings hold no raw line breaks (serde_json escapes them), so every `\n` is between tokens.
fn write_indented(out: &mut Vec<u8>, text: &str, indent: usize) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        out.extend_from_slice(&bytes[start..=end]);
        out.resize(out.len() + indent, b' ');
        start = end + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

impl Serialize for Tree<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Object(entries) => serializer.collect_map(entries),
            Tree::Array(items) => serializer.collect_seq(items),
            Tree::Text(text) => serializer.serialize_str(text),
            Tree::Borrowed(value) => SortedKeys(value).serialize(serializer),
            Tree::Owned(value) => SortedKeys(value).serialize(serializer),
            Tree::Rendered(text) => {
                let value: serde_json::Value =
                    serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
                SortedKeys(&value).serialize(serializer)
            }
            Tree::Resources(bodies) => {
                nest_by_type(bodies, |body| Tree::Rendered(body)).serialize(serializer)
            }
        }
    }
}

/// A JSON value serialized with the keys of every object in sorted order.
///
/// Keys are sorted here rather than trusted to `serde_json::Map`, whose order depends on whether some crate
/// in the build enables serde_json's `preserve_order` feature.
struct SortedKeys<'a>(&'a serde_json::Value);

impl Serialize for SortedKeys<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            serde_json::Value::Object(entries) if entries.keys().is_sorted() => {
                serializer.collect_map(entries.iter().map(|(key, value)| (key, SortedKeys(value))))
            }
            serde_json::Value::Object(entries) => {
                let mut sorted: Vec<(&String, &serde_json::Value)> = entries.iter().collect();
                sorted.sort_by_key(|(key, _)| *key);
                serializer.collect_map(
                    sorted
                        .into_iter()
                        .map(|(key, value)| (key, SortedKeys(value))),
                )
            }
            serde_json::Value::Array(items) => serializer.collect_seq(items.iter().map(SortedKeys)),
            scalar => scalar.serialize(serializer),
        }
    }
}

/// Pretty JSON with two-space indentation and a trailing newline.
fn pretty(value: &impl Serialize) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// One file of a module as a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleFile {
    pub name: &'static str,
    pub json: serde_json::Value,
}

/// One file of a module as the exact text to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFile {
    pub name: &'static str,
    pub contents: String,
}

/// About how many bytes of a file [`Module::render_parts`] hands out at once.
pub const PART_BYTES: usize = 1 << 18;

/// Pretty JSON with two-space indentation, object keys sorted at every level, and a trailing newline.
pub fn render_json(value: &serde_json::Value) -> String {
    // Serializing a `serde_json::Value` cannot fail (its keys are strings), so the fallback is never used.
    pretty(&SortedKeys(value)).unwrap_or_else(|_| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file of the bundled stacks' modules and of a generated stack with 160 services fits
    /// the room `render_files` reserves for it (so `main.tf.json` is never copied to grow), and
    /// the room is not far beyond it.
    #[test]
    fn each_file_fits_the_room_reserved_for_it() {
        let mut plans: Vec<(String, meridian_plan::Plan)> = meridian_testkit::bundled_plans()
            .iter()
            .map(|bundled| (bundled.name.clone(), bundled.plan.clone()))
            .collect();
        let scale = meridian_testkit::scale::Scale::new(4, 40);
        let text = meridian_testkit::scale::scaled_stack(scale);
        let planned = meridian_testkit::planned_of_bytes("scaled.yaml", text.as_bytes());
        plans.push((
            scale.label(),
            planned.plan.expect("the generated stack plans"),
        ));
        for (stack, plan) in &plans {
            let module = crate::lower::lower_plan(plan).expect("the plan lowers");
            let rendered = module.render_files().expect("the module renders");
            let files = module.files().expect("the module has files");
            assert_eq!(files.len(), rendered.len());
            for ((name, tree), file) in files.iter().zip(&rendered) {
                let (written, reserved) = (file.contents.len(), tree.file_capacity());
                assert!(
                    written <= reserved && reserved <= written * 2 + FILE_SLACK,
                    "{stack} {name}: {written} bytes written, {reserved} reserved"
                );
            }
        }
    }

    /// `render_parts` hands out exactly what `render_files` writes, in order: each file starts
    /// with one part marked first, and a large file comes in several parts, each cut only once
    /// it reached `PART_BYTES`.
    #[test]
    fn parts_put_together_are_the_files() {
        let scale = meridian_testkit::scale::Scale::new(4, 40);
        let text = meridian_testkit::scale::scaled_stack(scale);
        let planned = meridian_testkit::planned_of_bytes("scaled.yaml", text.as_bytes());
        let plan = planned.plan.expect("the generated stack plans");
        let module = crate::lower::lower_plan(&plan).expect("the plan lowers");
        let rendered = module.render_files().expect("the module renders");
        let mut parts: Vec<(&'static str, Vec<u8>, bool)> = Vec::new();
        module
            .render_parts(&mut |name, bytes, first| parts.push((name, bytes.to_vec(), first)))
            .expect("the module renders in parts");
        let mut joined: Vec<(&'static str, Vec<u8>)> = Vec::new();
        for (index, (name, bytes, first)) in parts.iter().enumerate() {
            let last_of_file = parts.get(index + 1).is_none_or(|next| next.2);
            assert!(
                last_of_file || bytes.len() >= PART_BYTES,
                "{name}: a part of {} bytes was cut early",
                bytes.len()
            );
            if *first {
                joined.push((name, bytes.clone()));
            } else {
                let (current, text) = joined.last_mut().expect("a first part before");
                assert_eq!(current, name, "a part of another file came in between");
                text.extend_from_slice(bytes);
            }
        }
        assert_eq!(joined.len(), rendered.len());
        for ((name, bytes), file) in joined.iter().zip(&rendered) {
            assert_eq!(*name, file.name);
            assert!(
                bytes.as_slice() == file.contents.as_bytes(),
                "{name} differs"
            );
        }
        let main_parts = parts
            .iter()
            .filter(|(name, ..)| *name == "main.tf.json")
            .count();
        assert!(main_parts > 2, "main.tf.json came in {main_parts} parts");
    }

    /// A resource-like body whose fields are declared out of order, with an unsorted nested block, a map
    /// whose keys change order once escaped (`x${` sorts after `x$%`, `x$${` before it), empty
    /// containers, floats, and strings that need escaping.
    #[derive(Serialize)]
    struct OutOfOrder {
        zone: Value<String>,
        arn: Option<Value<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<Value<String>>,
        name: Vec<Nested>,
        environment: Value<Map<String>>,
        empty_list: Vec<Nested>,
        empty_block: super::super::EmptyBlock,
        ratio: Value<super::super::Number>,
    }

    #[derive(Serialize)]
    struct Nested {
        value: Value<String>,
        key: Value<String>,
    }

    fn out_of_order() -> OutOfOrder {
        let nested = |value: &str, key: &str| Nested {
            value: value.into(),
            key: key.into(),
        };
        OutOfOrder {
            zone: "line\nbreak \"quoted\" \u{1} \u{2028} 🚆".into(),
            arn: None,
            skipped: None,
            name: vec![nested("${not a reference}", "b"), nested("%{x}", "a")],
            environment: [("x$%", "one"), ("x${", "two"), ("a", "three")]
                .into_iter()
                .collect(),
            empty_list: Vec::new(),
            empty_block: super::super::EmptyBlock {},
            ratio: 0.25.into(),
        }
    }

    fn meta_arguments() -> MetaArguments {
        MetaArguments {
            depends_on: vec![
                Address {
                    mode: AddressMode::Managed,
                    type_name: "aws_vpc",
                    name: "main".to_owned(),
                },
                Address {
                    mode: AddressMode::Data,
                    type_name: "aws_partition",
                    name: "current".to_owned(),
                },
            ],
            lifecycle: Some(Lifecycle {
                prevent_destroy: Some(true),
                ignore_changes: Some(IgnoreChanges::Arguments(vec!["tags".to_owned()])),
            }),
        }
    }

    #[test]
    fn the_direct_writer_sorts_and_merges_as_the_value_path_does() {
        let mut writer = PrettyWriter::default();
        for meta in [MetaArguments::default(), meta_arguments()] {
            let expected =
                render_body_through_value("aws_x.y", &out_of_order(), &meta).expect("renders");
            // The direct writer itself, not the fallback, writes the same text (twice, reusing its buffers).
            for _ in 0..2 {
                let written = writer
                    .render(&out_of_order(), &meta, 0)
                    .expect("writes directly");
                assert_eq!(written, expected);
            }
            assert_eq!(
                expected.contains("\"depends_on\""),
                !meta.depends_on.is_empty()
            );
        }
        let expected = render_body_through_value("aws_x.y", &out_of_order(), &meta_arguments())
            .expect("renders");
        let position = |key: &str| expected.find(&format!("\n  \"{key}\"")).expect(key);
        let order: Vec<usize> = [
            "arn",
            "depends_on",
            "empty_block",
            "empty_list",
            "environment",
            "lifecycle",
            "name",
            "ratio",
            "zone",
        ]
        .into_iter()
        .map(position)
        .collect();
        assert!(order.is_sorted(), "top-level keys in order: {expected}");
        assert!(expected.find("x$${").expect("escaped") < expected.find("x$%").expect("plain"));
    }

    #[test]
    fn a_body_the_direct_writer_declines_goes_through_the_value_path() {
        #[derive(Serialize)]
        struct ClashesWithMeta {
            depends_on: Value<String>,
            name: Value<String>,
        }
        #[derive(Serialize)]
        enum Tagged {
            Variant { inner: bool },
        }
        let clash = ClashesWithMeta {
            depends_on: "own".into(),
            name: "x".into(),
        };
        let mut writer = PrettyWriter::default();
        let meta = meta_arguments();
        assert!(writer.render(&clash, &meta, 0).is_err(), "duplicate key");
        let rendered = render_body(&mut writer, "aws_x.y", &clash, &meta).expect("renders");
        assert_eq!(
            rendered,
            render_body_through_value("aws_x.y", &clash, &meta).expect("renders")
        );
        assert!(rendered.contains("aws_vpc.main"), "the meta-argument wins");

        let variant = Tagged::Variant { inner: true };
        assert!(
            writer
                .render(&variant, &MetaArguments::default(), 0)
                .is_err()
        );
        assert_eq!(
            render_body(&mut writer, "aws_x.y", &variant, &MetaArguments::default())
                .expect("renders"),
            "{\n  \"Variant\": {\n    \"inner\": true\n  }\n}"
        );
        assert!(
            writer.render(&vec![true], &meta, 0).is_err(),
            "no object to merge into"
        );
        assert_eq!(
            writer
                .render(&vec![true], &MetaArguments::default(), 1)
                .expect("writes"),
            "[\n    true\n  ]"
        );
    }

    #[test]
    fn the_tree_writer_writes_what_serde_json_pretty_writes() {
        let body = serde_json::json!({
            "z": [1, {"b": "line\nbreak", "a": []}],
            "a": {},
            "m": {"y": null, "x": [true, "\"quoted\""]}
        });
        // Rendered bodies stand alone; the writer indents them for their place.
        let rendered = serde_json::to_string_pretty(&SortedKeys(&body)).expect("serializes");
        let tree = |leaf: Tree<'static>| {
            Tree::Object(BTreeMap::from([
                ("//", Tree::Text("generated; \"do not edit\"")),
                ("empty", Tree::Object(BTreeMap::new())),
                ("none", Tree::Array(Vec::new())),
                (
                    "resource",
                    Tree::Object(BTreeMap::from([(
                        "aws_x",
                        Tree::Object(BTreeMap::from([("one", leaf)])),
                    )])),
                ),
                (
                    "list",
                    Tree::Array(vec![Tree::Owned(body.clone()), Tree::Text("é")]),
                ),
            ]))
        };
        let expected =
            serde_json::to_string_pretty(&tree(Tree::Owned(body.clone()))).expect("serializes");
        let leaked: &'static str = Box::leak(rendered.into_boxed_str());
        for leaf in [Tree::Owned(body.clone()), Tree::Rendered(leaked)] {
            let mut written = Vec::new();
            tree(leaf)
                .write_pretty(&mut written, 0, &mut |_| {})
                .expect("writes");
            assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
        }
        // Anywhere else too: a rendered body is indented for its place.
        let elsewhere = |leaf| Tree::Object(BTreeMap::from([("list", Tree::Array(vec![leaf]))]));
        let expected = serde_json::to_string_pretty(&elsewhere(Tree::Owned(body.clone())))
            .expect("serializes");
        let mut written = Vec::new();
        elsewhere(Tree::Rendered(leaked))
            .write_pretty(&mut written, 0, &mut |_| {})
            .expect("writes");
        assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);

        // Bodies keyed by (type, name) are written grouped by type, as nested maps would be,
        // and `spill` is offered the text after each body.
        let bodies: BTreeMap<(&'static str, String), String> = [
            ("aws_b", "only"),
            ("aws_a", "second"),
            ("aws_a", "first"),
            ("aws_c", "last"),
        ]
        .into_iter()
        .map(|(kind, name)| ((kind, name.to_owned()), leaked.to_owned()))
        .collect();
        let resources = |leaf: &dyn Fn() -> Tree<'static>| {
            let names = |list: &[&'static str]| {
                Tree::Object(list.iter().map(|name| (*name, leaf())).collect())
            };
            Tree::Object(BTreeMap::from([
                ("aws_a", names(&["first", "second"])),
                ("aws_b", names(&["only"])),
                ("aws_c", names(&["last"])),
            ]))
        };
        let in_file = |resources| Tree::Object(BTreeMap::from([("resource", resources)]));
        let expected =
            serde_json::to_string_pretty(&in_file(resources(&|| Tree::Owned(body.clone()))))
                .expect("serializes");
        let mut written = Vec::new();
        let mut offered = 0;
        in_file(Tree::Resources(&bodies))
            .write_pretty(&mut written, 0, &mut |_| offered += 1)
            .expect("writes");
        assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
        assert_eq!(offered, bodies.len());
        assert_eq!(
            serde_json::to_string_pretty(&in_file(Tree::Resources(&bodies))).expect("serializes"),
            expected
        );
    }
}
