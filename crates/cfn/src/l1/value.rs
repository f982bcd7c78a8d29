//! Typed CloudFormation values (a literal or an intrinsic function) and their exact template JSON forms.
//! It must not build strings with magic markers or choose any value: callers supply every literal and name.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A property value of type `T`: a literal, or an intrinsic function CloudFormation resolves at deploy
/// time. Intrinsics that yield a list (`Fn::GetAZs`, `Fn::Split`, `Fn::Cidr`) appear only as the list
/// argument of `Fn::Select` and `Fn::Join`, through [`ListValue`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T> {
    /// A literal, serialized as `T` serializes.
    Literal(T),
    /// `{"Ref": "LogicalId"}` or `{"Ref": "AWS::Region"}`.
    Ref(Reference),
    /// `{"Fn::GetAtt": ["LogicalId", "Attribute.Name"]}`.
    GetAtt(GetAtt),
    /// `{"Fn::Sub": "..."}` or `{"Fn::Sub": ["...", {"Var": value}]}`.
    Sub(Sub),
    /// `{"Fn::Join": ["delimiter", list]}`.
    Join(Box<Join>),
    /// `{"Fn::Select": [index, list]}`.
    Select(Box<Select>),
    /// `{"Fn::GetStackOutput": {"StackName": ..., "OutputName": ..., "Region": ...}}`.
    GetStackOutput(Box<GetStackOutput>),
}

impl<T> Value<T> {
    pub fn literal(value: impl Into<T>) -> Self {
        Value::Literal(value.into())
    }

    /// `{"Ref": logical_id}`: a resource's reference value or a template parameter's value.
    pub fn r#ref(logical_id: impl Into<String>) -> Self {
        Value::Ref(Reference::LogicalId(logical_id.into()))
    }

    /// `{"Ref": "AWS::..."}`.
    pub fn pseudo(parameter: PseudoParameter) -> Self {
        Value::Ref(Reference::Pseudo(parameter))
    }

    pub fn aws_region() -> Self {
        Self::pseudo(PseudoParameter::Region)
    }

    pub fn aws_account_id() -> Self {
        Self::pseudo(PseudoParameter::AccountId)
    }

    pub fn aws_partition() -> Self {
        Self::pseudo(PseudoParameter::Partition)
    }

    pub fn aws_url_suffix() -> Self {
        Self::pseudo(PseudoParameter::UrlSuffix)
    }

    /// `{"Fn::GetAtt": [logical_id, attribute]}`; nested attributes use dots (`Endpoint.Address`).
    pub fn get_att(logical_id: impl Into<String>, attribute: impl Into<String>) -> Self {
        Value::GetAtt(GetAtt::new(logical_id, attribute))
    }

    /// `{"Fn::Sub": template}`: `${Name}` and `${Name.Attribute}` name the template's own parameters,
    /// resources and pseudo parameters.
    pub fn sub(template: impl Into<String>) -> Self {
        Self::sub_with_variables(template, Vec::<(String, Value<String>)>::new())
    }

    /// `{"Fn::Sub": [template, {name: value, ...}]}`.
    pub fn sub_with_variables<K: Into<String>>(
        template: impl Into<String>,
        variables: impl IntoIterator<Item = (K, Value<String>)>,
    ) -> Self {
        let variables = variables
            .into_iter()
            .map(|(name, value)| (name.into(), value))
            .collect();
        Value::Sub(Sub {
            template: template.into(),
            variables,
        })
    }

    /// `{"Fn::Join": [delimiter, [values...]]}`.
    pub fn join(
        delimiter: impl Into<String>,
        values: impl IntoIterator<Item = Value<String>>,
    ) -> Self {
        Self::join_list(delimiter, ListValue::Literal(values.into_iter().collect()))
    }

    /// `{"Fn::Join": [delimiter, list]}` where the list is itself an intrinsic (such as `Fn::Split`).
    pub fn join_list(delimiter: impl Into<String>, list: ListValue) -> Self {
        let delimiter = delimiter.into();
        Value::Join(Box::new(Join { delimiter, list }))
    }

    /// `{"Fn::Select": [index, list]}`.
    pub fn select(index: u32, list: ListValue) -> Self {
        Value::Select(Box::new(Select { index, list }))
    }

    /// `{"Fn::GetStackOutput": {...}}`: an output of another stack, possibly in another region.
    pub fn get_stack_output(output: GetStackOutput) -> Self {
        Value::GetStackOutput(Box::new(output))
    }

    pub fn as_literal(&self) -> Option<&T> {
        match self {
            Value::Literal(literal) => Some(literal),
            _ => None,
        }
    }
}

/// `From` for literals of the types properties have.
macro_rules! literal_from {
    ($($source:ty => $target:ty, $convert:expr;)*) => {
        $(impl From<$source> for Value<$target> {
            fn from(value: $source) -> Self {
                Value::Literal($convert(value))
            }
        })*
    };
}

literal_from! {
    &str => String, str::to_owned;
    String => String, std::convert::identity;
    i64 => i64, std::convert::identity;
    f64 => f64, std::convert::identity;
    bool => bool, std::convert::identity;
}

impl<T> From<Reference> for Value<T> {
    fn from(reference: Reference) -> Self {
        Value::Ref(reference)
    }
}

impl<T> From<GetAtt> for Value<T> {
    fn from(get_att: GetAtt) -> Self {
        Value::GetAtt(get_att)
    }
}

impl<T> From<GetStackOutput> for Value<T> {
    fn from(output: GetStackOutput) -> Self {
        Value::GetStackOutput(Box::new(output))
    }
}

impl<T: Serialize> Serialize for Value<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Literal(literal) => literal.serialize(serializer),
            Value::Ref(reference) => reference.serialize(serializer),
            Value::GetAtt(get_att) => get_att.serialize(serializer),
            Value::Sub(sub) => sub.serialize(serializer),
            Value::Join(join) => function(serializer, "Fn::Join", &(&join.delimiter, &join.list)),
            Value::Select(select) => {
                function(serializer, "Fn::Select", &(select.index, &select.list))
            }
            Value::GetStackOutput(output) => output.serialize(serializer),
        }
    }
}

/// Serializes `{name: arguments}`, the shape of every intrinsic function call.
fn function<S: Serializer, V: Serialize + ?Sized>(
    serializer: S,
    name: &str,
    arguments: &V,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(name, arguments)?;
    map.end()
}

/// The target of a `Ref`: a resource or parameter of the same template, or a pseudo parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reference {
    LogicalId(String),
    Pseudo(PseudoParameter),
}

impl Reference {
    /// The string written after `"Ref":`.
    pub fn target(&self) -> &str {
        match self {
            Reference::LogicalId(logical_id) => logical_id,
            Reference::Pseudo(parameter) => parameter.name(),
        }
    }
}

impl Serialize for Reference {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        function(serializer, "Ref", self.target())
    }
}

/// The pseudo parameters Meridian's templates read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PseudoParameter {
    AccountId,
    /// `aws`, `aws-cn`, `aws-us-gov`.
    Partition,
    Region,
    /// `amazonaws.com` (`amazonaws.com.cn` in China).
    UrlSuffix,
}

impl PseudoParameter {
    /// The name as written in a template.
    pub const fn name(self) -> &'static str {
        match self {
            PseudoParameter::AccountId => "AWS::AccountId",
            PseudoParameter::Partition => "AWS::Partition",
            PseudoParameter::Region => "AWS::Region",
            PseudoParameter::UrlSuffix => "AWS::URLSuffix",
        }
    }
}

/// `Fn::GetAtt`: an attribute of a resource of the same template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct GetAtt {
    pub logical_id: String,
    pub attribute: String,
}

impl GetAtt {
    pub fn new(logical_id: impl Into<String>, attribute: impl Into<String>) -> Self {
        GetAtt {
            logical_id: logical_id.into(),
            attribute: attribute.into(),
        }
    }
}

impl Serialize for GetAtt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        function(
            serializer,
            "Fn::GetAtt",
            &(&self.logical_id, &self.attribute),
        )
    }
}

/// `Fn::Sub`: string interpolation; without variables it takes the short string form.
#[derive(Debug, Clone, PartialEq)]
pub struct Sub {
    pub template: String,
    pub variables: BTreeMap<String, Value<String>>,
}

impl Serialize for Sub {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.variables.is_empty() {
            function(serializer, "Fn::Sub", &self.template)
        } else {
            function(serializer, "Fn::Sub", &(&self.template, &self.variables))
        }
    }
}

/// `Fn::Join`: concatenates a list of strings with a delimiter.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    pub delimiter: String,
    pub list: ListValue,
}

/// `Fn::Select`: one element of a list, by zero-based index.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub index: u32,
    pub list: ListValue,
}

/// `Fn::GetStackOutput`: an output of another stack, which need not be exported and may live in
/// another region.
#[derive(Debug, Clone, PartialEq)]
pub struct GetStackOutput {
    pub stack_name: Value<String>,
    pub output_name: Value<String>,
    /// The referenced stack's region; CloudFormation uses the current stack's region when absent.
    pub region: Option<Value<String>>,
}

impl GetStackOutput {
    /// An output of a stack in the current region.
    pub fn new(
        stack_name: impl Into<Value<String>>,
        output_name: impl Into<Value<String>>,
    ) -> Self {
        GetStackOutput {
            stack_name: stack_name.into(),
            output_name: output_name.into(),
            region: None,
        }
    }

    /// The same reference, to a stack in `region`.
    pub fn in_region(self, region: impl Into<Value<String>>) -> Self {
        GetStackOutput {
            region: Some(region.into()),
            ..self
        }
    }
}

impl Serialize for GetStackOutput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "PascalCase")]
        struct Arguments<'a> {
            stack_name: &'a Value<String>,
            output_name: &'a Value<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            region: Option<&'a Value<String>>,
        }
        let arguments = Arguments {
            stack_name: &self.stack_name,
            output_name: &self.output_name,
            region: self.region.as_ref(),
        };
        function(serializer, "Fn::GetStackOutput", &arguments)
    }
}

/// A list of strings: the list argument of `Fn::Select` and `Fn::Join`.
#[derive(Debug, Clone, PartialEq)]
pub enum ListValue {
    /// A literal list, whose elements may themselves be intrinsics.
    Literal(Vec<Value<String>>),
    /// `{"Fn::GetAZs": region}`; an empty string literal means the stack's own region.
    GetAzs(Value<String>),
    /// `{"Fn::Split": [delimiter, source]}`.
    Split {
        delimiter: String,
        source: Value<String>,
    },
    /// `{"Fn::Cidr": [ip_block, count, cidr_bits]}`: `count` subnets of `32 - cidr_bits` prefix length
    /// carved from `ip_block`.
    Cidr {
        ip_block: Value<String>,
        count: Value<i64>,
        cidr_bits: Value<i64>,
    },
}

impl ListValue {
    /// `{"Fn::GetAZs": ""}`: the availability zones of the stack's own region.
    pub fn availability_zones_of_stack_region() -> Self {
        ListValue::GetAzs(Value::Literal(String::new()))
    }

    pub fn split(delimiter: impl Into<String>, source: impl Into<Value<String>>) -> Self {
        ListValue::Split {
            delimiter: delimiter.into(),
            source: source.into(),
        }
    }

    pub fn cidr(
        ip_block: impl Into<Value<String>>,
        count: impl Into<Value<i64>>,
        cidr_bits: impl Into<Value<i64>>,
    ) -> Self {
        ListValue::Cidr {
            ip_block: ip_block.into(),
            count: count.into(),
            cidr_bits: cidr_bits.into(),
        }
    }
}

impl Serialize for ListValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ListValue::Literal(values) => values.serialize(serializer),
            ListValue::GetAzs(region) => function(serializer, "Fn::GetAZs", region),
            ListValue::Split { delimiter, source } => {
                function(serializer, "Fn::Split", &(delimiter, source))
            }
            ListValue::Cidr {
                ip_block,
                count,
                cidr_bits,
            } => function(serializer, "Fn::Cidr", &(ip_block, count, cidr_bits)),
        }
    }
}
