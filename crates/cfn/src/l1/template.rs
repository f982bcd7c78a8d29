//! The CloudFormation template document: parameters, resources and outputs, and its JSON text.
//! It must not invent entries or names: it only holds what lowering adds and serializes it deterministically.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, Serializer};

use super::ResourceKind;
use super::value::Value;

/// A whole template. Maps are ordered by logical id, so the output does not depend on insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Template {
    pub description: Option<String>,
    /// Macros CloudFormation runs before processing, such as `AWS::SecretsManager-2020-07-23`
    /// (required by `AWS::SecretsManager::RotationSchedule` with `HostedRotationLambda`).
    pub transform: Vec<String>,
    pub parameters: BTreeMap<String, Parameter>,
    pub resources: BTreeMap<String, Resource>,
    /// Resources held as JSON: those the stack's overrides edit (`lower/overrides.rs`). Their
    /// logical ids share the namespace of `resources`; the two are written as one map, in logical
    /// id order.
    pub raw_resources: BTreeMap<String, serde_json::Value>,
    pub outputs: BTreeMap<String, Output>,
}

impl Template {
    /// An empty template with a description.
    pub fn new(description: impl Into<String>) -> Self {
        Template {
            description: Some(description.into()),
            ..Template::default()
        }
    }

    /// Adds a parameter. Parameters and resources share one namespace of logical ids.
    pub fn add_parameter(
        &mut self,
        logical_id: impl Into<String>,
        parameter: Parameter,
    ) -> Result<(), DuplicateLogicalId> {
        let logical_id = logical_id.into();
        if self.parameters.contains_key(&logical_id) || self.resources.contains_key(&logical_id) {
            return Err(DuplicateLogicalId::new(
                TemplateSection::Parameters,
                logical_id,
            ));
        }
        self.parameters.insert(logical_id, parameter);
        Ok(())
    }

    /// Adds a resource. Parameters and resources share one namespace of logical ids.
    pub fn add_resource(
        &mut self,
        logical_id: impl Into<String>,
        resource: Resource,
    ) -> Result<(), DuplicateLogicalId> {
        let logical_id = logical_id.into();
        if self.resources.contains_key(&logical_id)
            || self.raw_resources.contains_key(&logical_id)
            || self.parameters.contains_key(&logical_id)
        {
            return Err(DuplicateLogicalId::new(
                TemplateSection::Resources,
                logical_id,
            ));
        }
        self.resources.insert(logical_id, resource);
        Ok(())
    }

    /// Adds an output.
    pub fn add_output(
        &mut self,
        logical_id: impl Into<String>,
        output: Output,
    ) -> Result<(), DuplicateLogicalId> {
        let logical_id = logical_id.into();
        if self.outputs.contains_key(&logical_id) {
            return Err(DuplicateLogicalId::new(
                TemplateSection::Outputs,
                logical_id,
            ));
        }
        self.outputs.insert(logical_id, output);
        Ok(())
    }

    /// The template as it ships: pretty JSON with two-space indentation and a trailing newline.
    pub fn to_json_pretty(&self) -> Result<String, serde_json::Error> {
        self.to_json_pretty_in(&mut Vec::new())
    }

    /// [`Template::to_json_pretty`], serialized into `scratch` (cleared first) and copied out at
    /// its exact length: a buffer reused across templates grows once, instead of every
    /// template's text doubling its way up and keeping up to half of its capacity unused.
    pub fn to_json_pretty_in(&self, scratch: &mut Vec<u8>) -> Result<String, serde_json::Error> {
        self.to_json_pretty_through(scratch, &AsIs)
    }

    /// [`Template::to_json_pretty_in`], with each resource written by `writer`.
    pub fn to_json_pretty_through<W: ResourceWriter>(
        &self,
        scratch: &mut Vec<u8>,
        writer: &W,
    ) -> Result<String, serde_json::Error> {
        scratch.clear();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut *scratch, Pretty::default());
        self.wire(writer).serialize(&mut serializer)?;
        scratch.push(b'\n');
        String::from_utf8(scratch.clone()).map_err(serde::ser::Error::custom)
    }

    fn wire<'a, W: ResourceWriter>(&'a self, writer: &'a W) -> TemplateWire<'a, W> {
        TemplateWire {
            format_version: TEMPLATE_FORMAT_VERSION,
            description: self.description.as_ref(),
            transform: &self.transform,
            parameters: &self.parameters,
            resources: ResourcesWire {
                typed: &self.resources,
                raw: &self.raw_resources,
                writer,
            },
            outputs: &self.outputs,
        }
    }
}

/// How a template's resources are written: each as it serializes ([`AsIs`]), or changed on the
/// way (`lower/split.rs` rewrites the references that leave a divided region's unit).
pub trait ResourceWriter {
    /// Writes `resource` (a typed [`Resource`] or a resource held as JSON) to `serializer`.
    fn write<T: Serialize + ?Sized, S: Serializer>(
        &self,
        resource: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error>;
}

/// Every resource as it serializes.
#[derive(Debug, Clone, Copy)]
pub struct AsIs;

impl ResourceWriter for AsIs {
    fn write<T: Serialize + ?Sized, S: Serializer>(
        &self,
        resource: &T,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        resource.serialize(serializer)
    }
}

/// One resource on its way through a [`ResourceWriter`].
struct Written<'a, T: ?Sized, W> {
    resource: &'a T,
    writer: &'a W,
}

impl<T: Serialize + ?Sized, W: ResourceWriter> Serialize for Written<'_, T, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.writer.write(self.resource, serializer)
    }
}

/// A line break and the indentation of up to 128 levels, written in one piece.
static LINE: [u8; 257] = {
    let mut line = [b' '; 257];
    line[0] = b'\n';
    line
};

/// serde_json's pretty layout (two spaces per level), byte for byte, with each line break and
/// its indentation written in one call: serde_json's own formatter writes the indentation two
/// bytes at a time, and those small writes were a seventh of serializing a template.
#[derive(Debug, Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    fn line<W: ?Sized + std::io::Write>(&self, writer: &mut W) -> std::io::Result<()> {
        match LINE.get(..1 + 2 * self.level) {
            Some(line) => writer.write_all(line),
            None => {
                writer.write_all(b"\n")?;
                (0..self.level).try_for_each(|_| writer.write_all(b"  "))
            }
        }
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`: on a line of its own unless the container is empty.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(writer)?;
        }
        writer.write_all(bracket)
    }

    /// Before an item or a key: a comma after the previous one, then a new line.
    fn entry<W: ?Sized + std::io::Write>(
        &self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.line(writer)
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The template in CloudFormation's section order and casing.
#[derive(Serialize)]
#[serde(bound = "")]
struct TemplateWire<'a, W: ResourceWriter> {
    #[serde(rename = "AWSTemplateFormatVersion")]
    format_version: &'static str,
    #[serde(rename = "Description", skip_serializing_if = "Option::is_none")]
    description: Option<&'a String>,
    #[serde(rename = "Transform", skip_serializing_if = "<[_]>::is_empty")]
    transform: &'a [String],
    #[serde(rename = "Parameters", skip_serializing_if = "BTreeMap::is_empty")]
    parameters: &'a BTreeMap<String, Parameter>,
    #[serde(rename = "Resources")]
    resources: ResourcesWire<'a, W>,
    #[serde(rename = "Outputs", skip_serializing_if = "BTreeMap::is_empty")]
    outputs: &'a BTreeMap<String, Output>,
}

/// Typed and JSON resources as one map in logical id order.
struct ResourcesWire<'a, W> {
    typed: &'a BTreeMap<String, Resource>,
    raw: &'a BTreeMap<String, serde_json::Value>,
    writer: &'a W,
}

impl<W: ResourceWriter> Serialize for ResourcesWire<'_, W> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.typed.len() + self.raw.len()))?;
        let mut typed = self.typed.iter().peekable();
        let mut raw = self.raw.iter().peekable();
        loop {
            let take_typed = match (typed.peek(), raw.peek()) {
                (Some((typed_id, _)), Some((raw_id, _))) => typed_id <= raw_id,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let writer = self.writer;
            if take_typed {
                if let Some((id, resource)) = typed.next() {
                    map.serialize_entry(id, &Written { resource, writer })?;
                }
            } else if let Some((id, resource)) = raw.next() {
                map.serialize_entry(id, &Written { resource, writer })?;
            }
        }
        map.end()
    }
}

/// The only template format version CloudFormation defines.
const TEMPLATE_FORMAT_VERSION: &str = "2010-09-09";

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.wire(&AsIs).serialize(serializer)
    }
}

/// The section of a template a logical id was added to twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateSection {
    Parameters,
    Resources,
    Outputs,
}

/// A logical id added twice. Logical ids come from `plan::naming`, which keeps them unique, so this is a
/// bug in meridian rather than a user error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateLogicalId {
    pub section: TemplateSection,
    pub logical_id: String,
}

impl DuplicateLogicalId {
    fn new(section: TemplateSection, logical_id: String) -> Self {
        DuplicateLogicalId {
            section,
            logical_id,
        }
    }
}

impl fmt::Display for DuplicateLogicalId {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "logical id `{}` was added twice to the template's {:?} (this is a bug in meridian: \
             logical ids must be unique)",
            self.logical_id, self.section
        )
    }
}

impl std::error::Error for DuplicateLogicalId {}

/// A template parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameter {
    #[serde(rename = "Type")]
    pub parameter_type: ParameterType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub constraint_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_echo: Option<bool>,
}

impl Parameter {
    /// A parameter of the given type with no constraints.
    pub fn new(parameter_type: ParameterType) -> Self {
        Parameter {
            parameter_type,
            description: None,
            allowed_pattern: None,
            constraint_description: None,
            min_length: None,
            no_echo: None,
        }
    }
}

/// The `Type` of a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterType {
    String,
    /// An AWS-specific parameter type, written as given, such as `AWS::Route53::HostedZone::Id`.
    AwsSpecific(String),
}

impl Serialize for ParameterType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(match self {
            ParameterType::String => "String",
            ParameterType::AwsSpecific(name) => name,
        })
    }
}

/// A template output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Output {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub value: Value<String>,
}

impl Output {
    /// An output with only a value.
    pub fn new(value: impl Into<Value<String>>) -> Self {
        Output {
            description: None,
            value: value.into(),
        }
    }
}

/// A resource: its properties (which carry the `Type`) plus the resource attributes CloudFormation
/// reads outside `Properties`.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub properties: ResourceKind,
    /// Logical ids this resource must wait for beyond those its properties already reference.
    pub depends_on: Vec<String>,
    pub deletion_policy: Option<DeletionPolicy>,
    pub update_replace_policy: Option<UpdateReplacePolicy>,
}

impl Resource {
    /// A resource with no attributes besides its properties.
    pub fn new(properties: impl Into<ResourceKind>) -> Self {
        Resource {
            properties: properties.into(),
            depends_on: Vec::new(),
            deletion_policy: None,
            update_replace_policy: None,
        }
    }

    /// Adds a `DependsOn` entry.
    pub fn depends_on(mut self, logical_id: impl Into<String>) -> Self {
        self.depends_on.push(logical_id.into());
        self
    }

    /// Sets `DeletionPolicy`.
    pub fn deletion_policy(self, policy: DeletionPolicy) -> Self {
        Resource {
            deletion_policy: Some(policy),
            ..self
        }
    }

    /// Sets `UpdateReplacePolicy`.
    pub fn update_replace_policy(self, policy: UpdateReplacePolicy) -> Self {
        Resource {
            update_replace_policy: Some(policy),
            ..self
        }
    }

    /// The CloudFormation type name, such as `AWS::EC2::VPC`.
    pub fn type_name(&self) -> &'static str {
        self.properties.type_name()
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // A resource whose properties are all absent (an internet gateway without tags) is written
        // without a `Properties` key, as hand-written templates do.
        let properties_are_empty =
            serializes_as_empty_object(&self.properties).map_err(S::Error::custom)?;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", self.type_name())?;
        if !self.depends_on.is_empty() {
            map.serialize_entry("DependsOn", &self.depends_on)?;
        }
        if let Some(policy) = &self.deletion_policy {
            map.serialize_entry("DeletionPolicy", policy)?;
        }
        if let Some(policy) = &self.update_replace_policy {
            map.serialize_entry("UpdateReplacePolicy", policy)?;
        }
        if !properties_are_empty {
            map.serialize_entry("Properties", &self.properties)?;
        }
        map.end()
    }
}

/// Whether `value` serializes as `{}`. Only the first two bytes of its compact JSON are looked at:
/// serialization stops as soon as they show a key (`{"`) or anything else, so no property value is
/// serialized and nothing is allocated.
fn serializes_as_empty_object(value: &impl Serialize) -> Result<bool, serde_json::Error> {
    /// Keeps the first two bytes written, then refuses more.
    struct Opening {
        bytes: [u8; 2],
        len: usize,
    }
    impl std::io::Write for Opening {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let room = self.bytes.len() - self.len;
            if room == 0 {
                return Err(std::io::Error::other("seen enough"));
            }
            let taken = room.min(buf.len());
            self.bytes[self.len..self.len + taken].copy_from_slice(&buf[..taken]);
            self.len += taken;
            Ok(taken)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut opening = Opening {
        bytes: [0; 2],
        len: 0,
    };
    match serde_json::to_writer(&mut opening, value) {
        Ok(()) => Ok(opening.bytes[..opening.len] == *b"{}"),
        // Stopped by `Opening` after two bytes: they are not `{}` followed by the end.
        Err(error) if error.is_io() => Ok(false),
        Err(error) => Err(error),
    }
}

/// What CloudFormation does with the physical resource when the resource leaves the template or the
/// stack is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DeletionPolicy {
    Delete,
    Retain,
    /// Only for resources that support snapshots (RDS, ElastiCache, EBS...).
    Snapshot,
}

/// What CloudFormation does with the old physical resource when an update replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UpdateReplacePolicy {
    Delete,
    Retain,
    Snapshot,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::l1::Tag;
    use crate::l1::ec2::InternetGateway;

    fn serialized(resource: &Resource) -> serde_json::Value {
        serde_json::to_value(resource).expect("serializes")
    }

    fn pretty(value: &serde_json::Value) -> String {
        let mut text = Vec::new();
        let mut serializer = serde_json::Serializer::with_formatter(&mut text, Pretty::default());
        value.serialize(&mut serializer).expect("serializes");
        String::from_utf8(text).expect("UTF-8")
    }

    #[test]
    fn the_layout_is_serde_json_s_pretty_one() {
        // Empty and nested containers, scalars, and nesting past the 128 levels the line
        // buffer indents at once.
        let mut deep = serde_json::json!("bottom");
        for level in 0..140 {
            deep = if level % 2 == 0 {
                serde_json::json!([deep, [], {}])
            } else {
                serde_json::json!({"a": deep, "b": {}, "c": [1, "x\ny", null, true]})
            };
        }
        for value in [
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!({"a": {}, "b": [], "c": [[], [{}]], "d": {"e": [1.5, -2]}}),
            serde_json::json!("text"),
            deep,
        ] {
            assert_eq!(
                pretty(&value),
                serde_json::to_string_pretty(&value).expect("serializes")
            );
        }
    }

    #[test]
    fn a_resource_without_properties_has_no_properties_key() {
        let bare = serialized(&Resource::new(InternetGateway { tags: Vec::new() }));
        assert_eq!(
            bare,
            serde_json::json!({"Type": "AWS::EC2::InternetGateway"})
        );
        let tagged = serialized(&Resource::new(InternetGateway {
            tags: vec![Tag::new("Name", "gateway")],
        }));
        assert_eq!(
            tagged["Properties"]["Tags"][0]["Key"],
            serde_json::json!("Name")
        );
    }

    #[test]
    fn the_empty_object_probe_reads_only_the_opening() {
        assert!(serializes_as_empty_object(&BTreeMap::<String, u8>::new()).expect("serializes"));
        assert!(!serializes_as_empty_object(&BTreeMap::from([("a", 1)])).expect("serializes"));
        assert!(!serializes_as_empty_object(&Vec::<u8>::new()).expect("serializes"));
        assert!(!serializes_as_empty_object(&"{}").expect("serializes"));
        assert!(!serializes_as_empty_object(&7).expect("serializes"));
    }
}
