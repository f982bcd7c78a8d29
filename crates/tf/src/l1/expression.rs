//! Terraform expressions: literals, references, string templates, JSON documents with interpolated
//! references, and the few function calls a variable validation needs. Everything stays typed until
//! serialization, which alone writes `${...}`; this module never looks for markers inside strings, and it
//! escapes every literal `${` and `%{` so user text cannot become an expression.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::marker::PhantomData;

use serde::ser::Error as _;
use serde::{Serialize, Serializer};

/// `impl From<$source> for $target` by a conversion expression of `value`.
macro_rules! conversions {
    ($($source:ty => $target:ty: |$value:ident| $convert:expr;)*) => {
        $(impl From<$source> for $target {
            fn from($value: $source) -> Self {
                $convert
            }
        })*
    };
}

/// Why an expression cannot be serialized. Both are bugs in the caller (the plan), never user errors.
#[derive(Debug, Clone, PartialEq)]
pub enum ExpressionError {
    /// Terraform numbers are finite; NaN and infinities have no JSON form.
    NonFiniteNumber(f64),
    /// A nested attribute step of a reference is not a Terraform identifier.
    InvalidAttributeName(String),
}

impl fmt::Display for ExpressionError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NonFiniteNumber(number) => {
                write!(
                    formatter,
                    "number {number} is not finite; terraform numbers must be finite"
                )
            }
            Self::InvalidAttributeName(name) => write!(
                formatter,
                "attribute name {name:?} is not a terraform identifier (letters, digits, `_` and `-`, not starting with a digit or `-`)"
            ),
        }
    }
}

impl std::error::Error for ExpressionError {}

/// A number literal, kept as written so integers stay integers in the JSON.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberLiteral {
    Integer(i64),
    Float(f64),
}

impl NumberLiteral {
    fn to_json_number(self) -> Result<serde_json::Number, ExpressionError> {
        match self {
            Self::Integer(integer) => Ok(serde_json::Number::from(integer)),
            Self::Float(float) => {
                serde_json::Number::from_f64(float).ok_or(ExpressionError::NonFiniteNumber(float))
            }
        }
    }
}

/// The object a reference starts from. Only handles (and this crate) create roots, which is what keeps a
/// reference from naming something the module does not declare.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ReferenceRoot {
    Resource {
        resource_type: &'static str,
        name: String,
    },
    DataSource {
        data_source_type: &'static str,
        name: String,
    },
    Variable {
        name: String,
    },
}

/// One step after the root: `.attribute`, `[0]` or `["key"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TraversalStep {
    Attribute(String),
    Index(u64),
    Key(String),
}

/// A reference such as `aws_db_instance.orders_primary.arn`, `data.aws_partition.current.partition` or
/// `var.container_image`. Obtain one from a handle ([`ResourceRef`](crate::l1::ResourceRef) and friends);
/// [`attribute`](Self::attribute), [`index`](Self::index) and [`key`](Self::key) then walk into nested values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    root: ReferenceRoot,
    steps: Vec<TraversalStep>,
}

impl Reference {
    pub(crate) fn resource_attribute(
        resource_type: &'static str,
        name: &str,
        attribute: &str,
    ) -> Self {
        Self {
            root: ReferenceRoot::Resource {
                resource_type,
                name: name.to_owned(),
            },
            steps: vec![TraversalStep::Attribute(attribute.to_owned())],
        }
    }

    pub(crate) fn data_source_attribute(
        data_source_type: &'static str,
        name: &str,
        attribute: &str,
    ) -> Self {
        Self {
            root: ReferenceRoot::DataSource {
                data_source_type,
                name: name.to_owned(),
            },
            steps: vec![TraversalStep::Attribute(attribute.to_owned())],
        }
    }

    pub(crate) fn variable(name: &str) -> Self {
        Self {
            root: ReferenceRoot::Variable {
                name: name.to_owned(),
            },
            steps: Vec::new(),
        }
    }

    /// An attribute of the referenced object, such as `secret_arn` in
    /// `aws_db_instance.x.master_user_secret[0].secret_arn`. Unlike the first attribute, which comes from a
    /// typed handle method, this name is not checked against the schema by the compiler.
    pub fn attribute(mut self, name: &str) -> Self {
        self.steps.push(TraversalStep::Attribute(name.to_owned()));
        self
    }

    /// An element of a referenced list, such as `names[0]`.
    pub fn index(mut self, index: u64) -> Self {
        self.steps.push(TraversalStep::Index(index));
        self
    }

    /// An element of a referenced map, such as `outputs["RotationLambdaARN"]`.
    pub fn key(mut self, key: &str) -> Self {
        self.steps.push(TraversalStep::Key(key.to_owned()));
        self
    }

    /// The reference in HCL expression syntax, without `${` `}`.
    pub fn to_hcl(&self) -> Result<String, ExpressionError> {
        let mut text = String::new();
        self.write_hcl(&mut text)?;
        Ok(text)
    }

    /// Appends [`to_hcl`](Self::to_hcl) to `out` (on an error, `out` may hold part of it).
    fn write_hcl(&self, out: &mut String) -> Result<(), ExpressionError> {
        let (prefix, type_name, name) = match &self.root {
            ReferenceRoot::Resource {
                resource_type,
                name,
            } => ("", *resource_type, name),
            ReferenceRoot::DataSource {
                data_source_type,
                name,
            } => ("data.", *data_source_type, name),
            ReferenceRoot::Variable { name } => ("", "var", name),
        };
        out.push_str(prefix);
        out.push_str(type_name);
        out.push('.');
        out.push_str(name);
        for step in &self.steps {
            match step {
                TraversalStep::Attribute(name) => {
                    if !is_identifier(name) {
                        return Err(ExpressionError::InvalidAttributeName(name.clone()));
                    }
                    out.push('.');
                    out.push_str(name);
                }
                TraversalStep::Index(index) => {
                    out.push('[');
                    push_integer(out, *index);
                    out.push(']');
                }
                TraversalStep::Key(key) => {
                    out.push('[');
                    write_quoted_hcl_string(out, key);
                    out.push(']');
                }
            }
        }
        Ok(())
    }

    /// `${reference}`, the reference as a whole Terraform JSON string.
    fn to_interpolation(&self) -> Result<String, ExpressionError> {
        let mut text = String::with_capacity(64);
        text.push_str("${");
        self.write_hcl(&mut text)?;
        text.push('}');
        Ok(text)
    }
}

/// Appends the decimal digits of `number` (as `Display` writes them) without allocating.
pub(crate) fn push_integer(out: &mut String, number: impl fmt::Display) {
    // Writing into a `String` cannot fail.
    let _ = write!(out, "{number}");
}

/// Whether `text` is a Terraform identifier: a letter or `_`, then letters, digits, `_` and `-`.
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) if first.is_ascii_alphabetic() || first == '_' => {}
        _ => return false,
    }
    characters
        .all(|character| character.is_ascii_alphanumeric() || character == '_' || character == '-')
}

/// One piece of a [`Template`].
#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    /// Literal text; `${` and `%{` in it are escaped when serialized.
    Text(String),
    /// A reference, serialized as `${...}`.
    Interpolation(Reference),
    /// A function call, serialized as `${function(...)}`: for values Terraform derives from an attribute, such
    /// as the last `:`-separated part of an ARN, which no attribute holds.
    Call(FunctionCall),
}

/// A string mixing literal text and references, such as
/// `arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.x.id}/*`.
///
/// ```
/// # use meridian_tf::l1::Template;
/// let template = Template::new().text("literal ${not a reference}");
/// assert_eq!(template.render().expect("no float to reject"), "literal $${not a reference}");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    parts: Vec<TemplatePart>,
}

impl Template {
    /// An empty template (renders as `""`).
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends literal text.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.push_text(text);
        self
    }

    /// Appends a reference.
    pub fn reference(mut self, reference: Reference) -> Self {
        self.push_reference(reference);
        self
    }

    /// Appends literal text in place.
    pub fn push_text(&mut self, text: impl Into<String>) {
        self.parts.push(TemplatePart::Text(text.into()));
    }

    /// Appends a reference in place.
    pub fn push_reference(&mut self, reference: Reference) {
        self.parts.push(TemplatePart::Interpolation(reference));
    }

    /// Appends every part of `other`.
    pub fn append(mut self, other: Template) -> Self {
        self.parts.extend(other.parts);
        self
    }

    /// Appends a function call in place.
    pub fn push_call(&mut self, call: FunctionCall) {
        self.parts.push(TemplatePart::Call(call));
    }

    /// The parts in order.
    pub fn parts(&self) -> &[TemplatePart] {
        &self.parts
    }

    /// The template as Terraform JSON string content.
    pub fn render(&self) -> Result<String, ExpressionError> {
        let mut writer = TemplateWriter::new(LiteralStyle::JsonString);
        self.write(&mut writer)?;
        Ok(writer.finish())
    }

    fn write(&self, writer: &mut TemplateWriter) -> Result<(), ExpressionError> {
        for part in &self.parts {
            match part {
                TemplatePart::Text(text) => writer.literal(text),
                interpolated => writer.interpolation(|out| interpolated.write_interpolated(out))?,
            }
        }
        Ok(())
    }
}

impl TemplatePart {
    /// The HCL inside `${...}` of a reference or a call; nothing for text.
    fn write_interpolated(&self, out: &mut String) -> Result<(), ExpressionError> {
        match self {
            Self::Text(_) => Ok(()),
            Self::Interpolation(reference) => reference.write_hcl(out),
            Self::Call(call) => call.write_hcl(out),
        }
    }
}

conversions! {
    Reference => Template: |reference| Self::new().reference(reference);
    &str => Template: |text| Self::new().text(text);
    String => Template: |text| Self::new().text(text);
}

/// A JSON document (an IAM policy, an ECS container definition list, a dashboard body) that becomes a
/// Terraform *string* whose leaves may interpolate references, without `jsonencode(...)`.
///
/// String leaves are [`Template`]s, so `"Resource": "${aws_s3_bucket.x.arn}/*"` is one leaf. At apply time
/// Terraform pastes each referenced value into the JSON text as is, so interpolate only values that cannot
/// contain `"` or `\` (ARNs, IDs, names, endpoints, numbers): that is the price of not using `jsonencode`.
#[derive(Debug, Clone, PartialEq)]
pub enum JsonDocument {
    Null,
    Bool(bool),
    Number(NumberLiteral),
    /// A JSON string; its references are interpolated inside the quotes.
    String(Template),
    Array(Vec<JsonDocument>),
    /// Keys are written in sorted order.
    Object(BTreeMap<String, JsonDocument>),
    /// A reference written without quotes, for a JSON number or boolean known only at apply time
    /// (`"port": ${aws_db_instance.x.port}`).
    Unquoted(Reference),
}

impl JsonDocument {
    /// A JSON object from key/value pairs (a repeated key keeps its last value).
    pub fn object<K: Into<String>>(entries: impl IntoIterator<Item = (K, JsonDocument)>) -> Self {
        Self::Object(
            entries
                .into_iter()
                .map(|(key, value)| (key.into(), value))
                .collect(),
        )
    }

    /// A JSON array.
    pub fn array(items: impl IntoIterator<Item = JsonDocument>) -> Self {
        Self::Array(items.into_iter().collect())
    }

    /// A reference written without quotes (see [`JsonDocument::Unquoted`]).
    pub fn unquoted(reference: Reference) -> Self {
        Self::Unquoted(reference)
    }

    /// The document as compact JSON text, in Terraform JSON string form (literal `${` escaped).
    pub fn render(&self) -> Result<String, ExpressionError> {
        // Documents run to kilobytes: starting there saves the first few doublings of both buffers.
        let mut writer = TemplateWriter::new(LiteralStyle::JsonString);
        writer.out.reserve(1024);
        writer.pending_literal.reserve(1024);
        self.write(&mut writer)?;
        Ok(writer.finish())
    }

    fn write(&self, writer: &mut TemplateWriter) -> Result<(), ExpressionError> {
        match self {
            Self::Null => writer.literal("null"),
            Self::Bool(value) => writer.literal(if *value { "true" } else { "false" }),
            Self::Number(NumberLiteral::Integer(integer)) => {
                push_integer(&mut writer.pending_literal, integer);
            }
            Self::Number(number) => writer.literal(&number.to_json_number()?.to_string()),
            Self::String(template) => {
                writer.literal("\"");
                for part in template.parts() {
                    match part {
                        TemplatePart::Text(text) => {
                            write_json_string_content(&mut writer.pending_literal, text);
                        }
                        interpolated => {
                            writer.interpolation(|out| interpolated.write_interpolated(out))?;
                        }
                    }
                }
                writer.literal("\"");
            }
            Self::Array(items) => {
                writer.literal("[");
                for (position, item) in items.iter().enumerate() {
                    if position > 0 {
                        writer.literal(",");
                    }
                    item.write(writer)?;
                }
                writer.literal("]");
            }
            Self::Object(entries) => {
                writer.literal("{");
                for (position, (key, value)) in entries.iter().enumerate() {
                    if position > 0 {
                        writer.literal(",");
                    }
                    writer.literal("\"");
                    write_json_string_content(&mut writer.pending_literal, key);
                    writer.literal("\":");
                    value.write(writer)?;
                }
                writer.literal("}");
            }
            Self::Unquoted(reference) => writer.interpolation(|out| reference.write_hcl(out))?,
        }
        Ok(())
    }
}

/// Appends the text between the quotes of `text` written as a JSON string, with the escapes serde_json
/// writes: `"`, `\\`, and the control characters below U+0020 (`\b`, `\t`, `\n`, `\f`, `\r`, the others as
/// `\u00xx`); everything else, U+2028 and U+007F included, as is.
pub(crate) fn write_json_string_content(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut position = next_json_escape(bytes, 0);
    while let Some(&byte) = bytes.get(position) {
        out.push_str(&text[copied..position]);
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => push_unicode_escape(out, byte.into()),
        }
        copied = position + 1;
        position = next_json_escape(bytes, copied);
    }
    out.push_str(&text[copied..]);
}

/// The position of the first byte at or after `from` that a JSON string escapes (`"`, `\\`, or below
/// 0x20), or the length of `bytes`. Eight bytes are tested at a time: a byte is flagged when it is below
/// 0x20 or equal to one of the two (the classic "has a zero byte" bit trick on the word and on the word
/// XOR each of them). A flag may be spurious only above a true one, so the lowest flag is exact.
fn next_json_escape(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let mut position = from;
    while let Some(chunk) = bytes.get(position..position + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let flags = (word.wrapping_sub(ONES * 0x20) & !word
            | quote.wrapping_sub(ONES) & !quote
            | backslash.wrapping_sub(ONES) & !backslash)
            & HIGH_BITS;
        if flags != 0 {
            return position + (flags.trailing_zeros() / 8) as usize;
        }
        position += 8;
    }
    while let Some(&byte) = bytes.get(position) {
        if byte < 0x20 || byte == b'"' || byte == b'\\' {
            break;
        }
        position += 1;
    }
    position
}

/// `\u00xx` for a code point below U+0100, lower-case hexadecimal as serde_json and `{:04x}` write it.
fn push_unicode_escape(out: &mut String, code_point: u32) {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u00");
    out.push(char::from(HEX_DIGITS[(code_point >> 4 & 0xf) as usize]));
    out.push(char::from(HEX_DIGITS[(code_point & 0xf) as usize]));
}

// A reference becomes a quoted JSON string; `JsonDocument::unquoted` is for numbers and booleans.
conversions! {
    &str => JsonDocument: |text| Self::String(Template::from(text));
    String => JsonDocument: |text| Self::String(Template::from(text));
    Template => JsonDocument: |template| Self::String(template);
    Reference => JsonDocument: |reference| Self::String(Template::from(reference));
    bool => JsonDocument: |value| Self::Bool(value);
    i64 => JsonDocument: |value| Self::Number(NumberLiteral::Integer(value));
    i32 => JsonDocument: |value| Self::Number(NumberLiteral::Integer(i64::from(value)));
    u32 => JsonDocument: |value| Self::Number(NumberLiteral::Integer(i64::from(value)));
    f64 => JsonDocument: |value| Self::Number(NumberLiteral::Float(value));
    Vec<JsonDocument> => JsonDocument: |items| Self::Array(items);
}

/// A fully literal document; its strings are literal text (escaped like any other).
impl From<serde_json::Value> for JsonDocument {
    fn from(value: serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Self::Null,
            serde_json::Value::Bool(boolean) => Self::Bool(boolean),
            serde_json::Value::Number(number) => match number.as_i64() {
                Some(integer) => Self::Number(NumberLiteral::Integer(integer)),
                None => Self::Number(NumberLiteral::Float(number.as_f64().unwrap_or(f64::NAN))),
            },
            serde_json::Value::String(text) => Self::from(text),
            serde_json::Value::Array(items) => {
                Self::Array(items.into_iter().map(Self::from).collect())
            }
            serde_json::Value::Object(entries) => Self::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| (key, Self::from(value)))
                    .collect(),
            ),
        }
    }
}

/// Functions a variable validation condition may call. Closed on purpose: Meridian emits data, not logic,
/// and each function here has a reviewed use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    AllTrue,
    Can,
    Contains,
    EndsWith,
    Length,
    Regex,
    StartsWith,
}

impl Function {
    fn name(self) -> &'static str {
        match self {
            Self::AllTrue => "alltrue",
            Self::Can => "can",
            Self::Contains => "contains",
            Self::EndsWith => "endswith",
            Self::Length => "length",
            Self::Regex => "regex",
            Self::StartsWith => "startswith",
        }
    }
}

/// A call such as `can(regex("^[a-z]+$", var.name))`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionCall {
    pub function: Function,
    pub arguments: Vec<Expression>,
}

impl FunctionCall {
    pub fn new(function: Function, arguments: impl IntoIterator<Item = Expression>) -> Self {
        Self {
            function,
            arguments: arguments.into_iter().collect(),
        }
    }

    /// `function(arguments...)` appended to `out`.
    fn write_hcl(&self, out: &mut String) -> Result<(), ExpressionError> {
        out.push_str(self.function.name());
        out.push('(');
        for (position, argument) in self.arguments.iter().enumerate() {
            if position > 0 {
                out.push_str(", ");
            }
            argument.write_hcl(out)?;
        }
        out.push(')');
        Ok(())
    }
}

/// Any Terraform expression Meridian emits. [`Value<T>`] wraps one with the provider's type for an argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Expression {
    Null,
    Bool(bool),
    Number(NumberLiteral),
    /// Literal text: `${` and `%{` in it are escaped, never interpreted.
    String(String),
    List(Vec<Expression>),
    /// Keys are literal text too (Terraform reads object keys as templates, so they are escaped likewise).
    Object(BTreeMap<String, Expression>),
    Reference(Reference),
    Template(Template),
    /// A JSON document serialized into a string (see [`JsonDocument`]).
    JsonDocument(JsonDocument),
    FunctionCall(FunctionCall),
}

impl Expression {
    /// `function(arguments...)`.
    pub fn call(function: Function, arguments: impl IntoIterator<Item = Expression>) -> Self {
        Self::FunctionCall(FunctionCall::new(function, arguments))
    }

    /// The expression in HCL native syntax (as inside `${...}`).
    pub fn to_hcl(&self) -> Result<String, ExpressionError> {
        let mut text = String::new();
        self.write_hcl(&mut text)?;
        Ok(text)
    }

    /// Appends [`to_hcl`](Self::to_hcl) to `out`.
    fn write_hcl(&self, out: &mut String) -> Result<(), ExpressionError> {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Self::Number(NumberLiteral::Integer(integer)) => push_integer(out, integer),
            Self::Number(number) => out.push_str(&number.to_json_number()?.to_string()),
            Self::String(text) => write_quoted_hcl_string(out, text),
            Self::List(items) => {
                out.push('[');
                for (position, item) in items.iter().enumerate() {
                    if position > 0 {
                        out.push_str(", ");
                    }
                    item.write_hcl(out)?;
                }
                out.push(']');
            }
            Self::Object(entries) => {
                out.push('{');
                for (position, (key, value)) in entries.iter().enumerate() {
                    if position > 0 {
                        out.push_str(", ");
                    }
                    write_quoted_hcl_string(out, key);
                    out.push_str(" = ");
                    value.write_hcl(out)?;
                }
                out.push('}');
            }
            Self::Reference(reference) => reference.write_hcl(out)?,
            Self::Template(template) => {
                let mut writer = TemplateWriter::new(LiteralStyle::QuotedHcl);
                writer.out.push('"');
                template.write(&mut writer)?;
                out.push_str(&writer.finish());
                out.push('"');
            }
            Self::JsonDocument(document) => {
                let mut writer = TemplateWriter::new(LiteralStyle::QuotedHcl);
                writer.out.push('"');
                document.write(&mut writer)?;
                out.push_str(&writer.finish());
                out.push('"');
            }
            Self::FunctionCall(call) => call.write_hcl(out)?,
        }
        Ok(())
    }
}

impl Serialize for Expression {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(value) => serializer.serialize_bool(*value),
            Self::Number(number) => number
                .to_json_number()
                .map_err(S::Error::custom)?
                .serialize(serializer),
            Self::String(text) => serializer.serialize_str(&escape_template_literal(text)),
            Self::List(items) => serializer.collect_seq(items),
            Self::Object(entries) => serializer.collect_map(
                entries
                    .iter()
                    .map(|(key, value)| (escape_template_literal(key), value)),
            ),
            Self::Reference(reference) => {
                serializer.serialize_str(&reference.to_interpolation().map_err(S::Error::custom)?)
            }
            Self::Template(template) => {
                serializer.serialize_str(&template.render().map_err(S::Error::custom)?)
            }
            Self::JsonDocument(document) => {
                serializer.serialize_str(&document.render().map_err(S::Error::custom)?)
            }
            Self::FunctionCall(call) => {
                let mut text = String::from("${");
                call.write_hcl(&mut text).map_err(S::Error::custom)?;
                text.push('}');
                serializer.serialize_str(&text)
            }
        }
    }
}

conversions! {
    Reference => Expression: |reference| Self::Reference(reference);
    Template => Expression: |template| Self::Template(template);
    JsonDocument => Expression: |document| Self::JsonDocument(document);
    FunctionCall => Expression: |call| Self::FunctionCall(call);
    &str => Expression: |text| Self::String(text.to_owned());
    String => Expression: |text| Self::String(text);
    bool => Expression: |value| Self::Bool(value);
    i64 => Expression: |value| Self::Number(NumberLiteral::Integer(value));
}

impl<T> From<Value<T>> for Expression {
    fn from(value: Value<T>) -> Self {
        value.expression
    }
}

/// Marker for the provider's `number` type in [`Value<Number>`]; never constructed.
#[derive(Debug)]
pub enum Number {}

/// Marker for the provider's `list(T)` and `set(T)` types (both are JSON arrays); never constructed.
#[derive(Debug)]
pub struct List<T> {
    element: PhantomData<fn() -> T>,
}

/// Marker for the provider's `map(T)` type; never constructed.
#[derive(Debug)]
pub struct Map<T> {
    element: PhantomData<fn() -> T>,
}

/// The value of an argument whose provider type is `T`: `Value<String>`, `Value<Number>`, `Value<bool>`,
/// `Value<List<String>>`, `Value<Map<String>>`. Literals convert with `into()` only into the matching type;
/// a [`Reference`] converts into any type, since Terraform checks the referenced attribute's type at plan
/// time; templates and JSON documents are strings.
pub struct Value<T> {
    expression: Expression,
    value_type: PhantomData<fn() -> T>,
}

impl<T> Value<T> {
    fn new(expression: Expression) -> Self {
        Self {
            expression,
            value_type: PhantomData,
        }
    }

    /// The underlying untyped expression.
    pub fn expression(&self) -> &Expression {
        &self.expression
    }
}

impl<T> Clone for Value<T> {
    fn clone(&self) -> Self {
        Self::new(self.expression.clone())
    }
}

impl<T> PartialEq for Value<T> {
    fn eq(&self, other: &Self) -> bool {
        self.expression == other.expression
    }
}

impl<T> fmt::Debug for Value<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.expression.fmt(formatter)
    }
}

impl<T> Serialize for Value<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.expression.serialize(serializer)
    }
}

impl<T> From<Reference> for Value<T> {
    fn from(reference: Reference) -> Self {
        Self::new(Expression::Reference(reference))
    }
}

// A non-finite float is accepted here and rejected when serialized (see `ExpressionError`).
conversions! {
    &str => Value<String>: |text| Self::new(Expression::String(text.to_owned()));
    String => Value<String>: |text| Self::new(Expression::String(text));
    &String => Value<String>: |text| Self::new(Expression::String(text.clone()));
    Template => Value<String>: |template| Self::new(Expression::Template(template));
    JsonDocument => Value<String>: |document| Self::new(Expression::JsonDocument(document));
    bool => Value<bool>: |value| Self::new(Expression::Bool(value));
    i64 => Value<Number>: |value| Self::new(Expression::Number(NumberLiteral::Integer(value)));
    i32 => Value<Number>: |value| Self::from(i64::from(value));
    u32 => Value<Number>: |value| Self::from(i64::from(value));
    u16 => Value<Number>: |value| Self::from(i64::from(value));
    u8 => Value<Number>: |value| Self::from(i64::from(value));
    f64 => Value<Number>: |value| Self::new(Expression::Number(NumberLiteral::Float(value)));
}

impl<T> From<Vec<Value<T>>> for Value<List<T>> {
    fn from(items: Vec<Value<T>>) -> Self {
        Self::new(Expression::List(
            items.into_iter().map(|item| item.expression).collect(),
        ))
    }
}

impl<T, Item: Into<Value<T>>> FromIterator<Item> for Value<List<T>> {
    fn from_iter<I: IntoIterator<Item = Item>>(items: I) -> Self {
        Self::new(Expression::List(
            items
                .into_iter()
                .map(|item| item.into().expression)
                .collect(),
        ))
    }
}

impl<T> From<BTreeMap<String, Value<T>>> for Value<Map<T>> {
    fn from(entries: BTreeMap<String, Value<T>>) -> Self {
        Self::new(Expression::Object(
            entries
                .into_iter()
                .map(|(key, value)| (key, value.expression))
                .collect(),
        ))
    }
}

impl<T, Key: Into<String>, Item: Into<Value<T>>> FromIterator<(Key, Item)> for Value<Map<T>> {
    fn from_iter<I: IntoIterator<Item = (Key, Item)>>(entries: I) -> Self {
        Self::new(Expression::Object(
            entries
                .into_iter()
                .map(|(key, value)| (key.into(), value.into().expression))
                .collect(),
        ))
    }
}

/// `text` as Terraform JSON string content: `${` becomes `$${` and `%{` becomes `%%{`, so Terraform reads
/// the text back unchanged instead of evaluating it. Borrowed when there is nothing to escape.
pub(crate) fn escape_template_literal(text: &str) -> Cow<'_, str> {
    if has_template_opener(text) {
        let mut escaped = String::with_capacity(text.len() + 2);
        write_escaped_literal(&mut escaped, text, LiteralStyle::JsonString);
        Cow::Owned(escaped)
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` holds `${` or `%{`.
fn has_template_opener(text: &str) -> bool {
    text.match_indices('{').any(|(position, _)| {
        matches!(
            text.as_bytes().get(position.wrapping_sub(1)),
            Some(b'$' | b'%')
        )
    })
}

/// `text` as an HCL quoted string literal (inside `${...}`), escapes included.
#[cfg(test)]
fn quoted_hcl_string(text: &str) -> String {
    let mut quoted = String::new();
    write_quoted_hcl_string(&mut quoted, text);
    quoted
}

/// Appends `text` as an HCL quoted string literal (inside `${...}`), escapes included.
fn write_quoted_hcl_string(out: &mut String, text: &str) {
    out.push('"');
    write_escaped_literal(out, text, LiteralStyle::QuotedHcl);
    out.push('"');
}

/// How literal text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LiteralStyle {
    /// The content of a Terraform JSON string: serde adds the JSON escapes, only template sequences are escaped.
    JsonString,
    /// Inside an HCL quoted string: backslash escapes as well.
    QuotedHcl,
}

/// Appends literal `text` in `style`: `${` and `%{` doubled to `$${` and `%%{`, and for
/// [`LiteralStyle::QuotedHcl`] `\\`, `"`, line feed, carriage return and tab as backslash escapes and
/// every other control character (U+0000–U+001F, U+007F–U+009F) as `\u00xx`. Runs of text that need no
/// escape are copied whole.
fn write_escaped_literal(out: &mut String, text: &str, style: LiteralStyle) {
    let bytes = text.as_bytes();
    if style == LiteralStyle::JsonString {
        // Only the `$` or `%` before a `{` changes: found from the braces, which are rare.
        let mut copied = 0;
        for (brace, _) in text.match_indices('{') {
            if let Some(&opener @ (b'$' | b'%')) = bytes.get(brace.wrapping_sub(1)) {
                out.push_str(&text[copied..brace]);
                out.push(char::from(opener));
                copied = brace;
            }
        }
        out.push_str(&text[copied..]);
        return;
    }
    let mut copied = 0;
    let mut position = 0;
    while position < bytes.len() {
        let byte = bytes[position];
        let next = bytes.get(position + 1).copied();
        // What replaces the bytes from `position` to `position + width`.
        let (replacement, width) = match byte {
            b'$' if next == Some(b'{') => (Escape::Text("$$"), 1),
            b'%' if next == Some(b'{') => (Escape::Text("%%"), 1),
            b'\\' => (Escape::Text("\\\\"), 1),
            b'"' => (Escape::Text("\\\""), 1),
            b'\n' => (Escape::Text("\\n"), 1),
            b'\r' => (Escape::Text("\\r"), 1),
            b'\t' => (Escape::Text("\\t"), 1),
            0x00..=0x1f | 0x7f => (Escape::Unicode(byte.into()), 1),
            // U+0080–U+009F, the C1 controls, are 0xC2 then 0x80–0x9F in UTF-8.
            0xc2 if matches!(next, Some(0x80..=0x9f)) => {
                (Escape::Unicode(next.map_or(0, u32::from)), 2)
            }
            _ => {
                position += 1;
                continue;
            }
        };
        out.push_str(&text[copied..position]);
        match replacement {
            Escape::Text(escape) => out.push_str(escape),
            Escape::Unicode(code_point) => push_unicode_escape(out, code_point),
        }
        position += width;
        copied = position;
    }
    out.push_str(&text[copied..]);
}

/// What [`write_escaped_literal`] writes in place of a character.
enum Escape {
    Text(&'static str),
    /// `\u00xx`.
    Unicode(u32),
}

/// Builds template text from literal pieces and interpolations. Literal pieces are buffered so that escaping
/// sees the whole run of text (a `$` at the end of one piece and a `{` at the start of the next must still be
/// escaped), and so that a `$` right before an interpolation can be written as `${"$"}`: written plainly it
/// would form `$${`, which Terraform reads as an escaped, literal `${`.
#[derive(Debug)]
struct TemplateWriter {
    style: LiteralStyle,
    out: String,
    pending_literal: String,
}

impl TemplateWriter {
    fn new(style: LiteralStyle) -> Self {
        Self {
            style,
            out: String::new(),
            pending_literal: String::new(),
        }
    }

    fn literal(&mut self, text: &str) {
        self.pending_literal.push_str(text);
    }

    /// Writes `${`, what `write_hcl` appends, and `}`.
    fn interpolation(
        &mut self,
        write_hcl: impl FnOnce(&mut String) -> Result<(), ExpressionError>,
    ) -> Result<(), ExpressionError> {
        self.flush_literal(true);
        self.out.push_str("${");
        write_hcl(&mut self.out)?;
        self.out.push('}');
        Ok(())
    }

    fn finish(mut self) -> String {
        self.flush_literal(false);
        self.out
    }

    fn flush_literal(&mut self, before_interpolation: bool) {
        let dollar_before_interpolation =
            before_interpolation && self.pending_literal.ends_with('$');
        if dollar_before_interpolation {
            self.pending_literal.pop();
        }
        write_escaped_literal(&mut self.out, &self.pending_literal, self.style);
        self.pending_literal.clear();
        if dollar_before_interpolation {
            // The same spelling works in both styles: HCL allows a quoted string inside an interpolation.
            self.out.push_str("${\"$\"}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_doubles_only_template_openers() {
        assert_eq!(
            escape_template_literal("a ${b} %{c} $d {e} $$ %"),
            "a $${b} %%{c} $d {e} $$ %"
        );
        assert_eq!(escape_template_literal("$${"), "$$${");
    }

    #[test]
    fn a_dollar_before_an_interpolation_is_written_as_an_expression() {
        let reference = Reference::variable("price");
        let template = Template::new().text("cost: $").reference(reference);
        assert_eq!(
            template.render().expect("renders"),
            "cost: ${\"$\"}${var.price}"
        );
    }

    #[test]
    fn literal_pieces_are_escaped_as_one_run() {
        let template = Template::new().text("a$").text("{b}");
        assert_eq!(template.render().expect("renders"), "a$${b}");
    }

    #[test]
    fn quoted_hcl_strings_escape_quotes_backslashes_and_templates() {
        assert_eq!(
            quoted_hcl_string("a\"b\\c${d}\n"),
            "\"a\\\"b\\\\c$${d}\\n\""
        );
    }

    /// Strings that exercise every escape: quotes, backslashes, every C0 control, DEL, the C1 controls,
    /// U+2028/U+2029, multi-byte text and emoji, template openers at the edges and doubled.
    fn tricky_strings() -> Vec<String> {
        let mut strings: Vec<String> = [
            "",
            "plain",
            "\"quoted\" and \\back\\slashed\\",
            "line\nfeed\r\n\ttab",
            "\u{7f}del \u{80}\u{85}\u{9f} c1 \u{a0}nbsp \u{ff}",
            "separators \u{2028} \u{2029}",
            "emoji 🚆🇪🇺 and é, ß, 漢字",
            "${a} %{b} $${c} %%{d} ${ {e} $ % { }",
            "${",
            "%{",
            "$",
            "{",
            "trailing $",
            "é${é}\u{1}",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        strings.push((0u8..0x20).map(char::from).collect());
        strings.push((0u32..0x100).filter_map(char::from_u32).collect());
        // Each special character at every position of a string longer than two eight-byte words, alone,
        // after a multi-byte character, and before a second special character.
        for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', '\u{7f}', '$', '{'] {
            for position in 0..20 {
                let mut text: String = "abcdefghijklmnopqrstu".into();
                text.insert(position, special);
                strings.push(text.clone());
                text.insert(position / 2, 'é');
                strings.push(text.clone());
                text.insert(position + 2, '"');
                strings.push(text);
            }
        }
        strings
    }

    /// The character-by-character escaping that `write_escaped_literal` replaced, kept as its reference.
    fn escaped_one_character_at_a_time(text: &str, style: LiteralStyle) -> String {
        let characters: Vec<char> = text.chars().collect();
        let mut out = String::new();
        for (position, &character) in characters.iter().enumerate() {
            let next = characters.get(position + 1).copied();
            let hcl = style == LiteralStyle::QuotedHcl;
            match character {
                '$' | '%' if next == Some('{') => {
                    out.push(character);
                    out.push(character);
                }
                '\\' if hcl => out.push_str("\\\\"),
                '"' if hcl => out.push_str("\\\""),
                '\n' if hcl => out.push_str("\\n"),
                '\r' if hcl => out.push_str("\\r"),
                '\t' if hcl => out.push_str("\\t"),
                control if hcl && control.is_control() => {
                    out.push_str(&format!("\\u{:04x}", u32::from(control)));
                }
                other => out.push(other),
            }
        }
        out
    }

    #[test]
    fn json_string_content_is_what_serde_json_writes_between_the_quotes() {
        for text in tricky_strings() {
            let quoted = serde_json::to_string(&text).expect("serializes");
            let mut content = String::from("prefix ");
            write_json_string_content(&mut content, &text);
            assert_eq!(
                content,
                format!("prefix {}", &quoted[1..quoted.len() - 1]),
                "{text:?}"
            );
        }
    }

    #[test]
    fn literals_are_escaped_as_character_by_character_escaping_does() {
        for text in tricky_strings() {
            for style in [LiteralStyle::JsonString, LiteralStyle::QuotedHcl] {
                let mut escaped = String::new();
                write_escaped_literal(&mut escaped, &text, style);
                assert_eq!(
                    escaped,
                    escaped_one_character_at_a_time(&text, style),
                    "{text:?} in {style:?}"
                );
            }
            let borrowed = matches!(escape_template_literal(&text), Cow::Borrowed(_));
            assert_eq!(
                borrowed,
                !text.contains("${") && !text.contains("%{"),
                "{text:?} is borrowed exactly when it has no template opener"
            );
        }
    }

    #[test]
    fn reference_steps_render_in_hcl() {
        let reference = Reference::resource_attribute("aws_x", "y", "outputs")
            .key("Rotation\"Arn")
            .index(2);
        assert_eq!(
            reference.to_hcl().expect("renders"),
            "aws_x.y.outputs[\"Rotation\\\"Arn\"][2]"
        );
        let bad = Reference::variable("v").attribute("not valid");
        assert!(bad.to_hcl().is_err());
    }
}
