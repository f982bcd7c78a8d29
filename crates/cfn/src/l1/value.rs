//! Typed CloudFormation values (a literal or an intrinsic function) and their exact template JSON forms.
//! It must not build strings with magic markers or choose any value: callers supply every literal and name.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A property value of type `T`: either a literal or an intrinsic function that CloudFormation resolves
/// when it deploys the stack.
///
/// Intrinsics that yield a list (`Fn::GetAZs`, `Fn::Split`, `Fn::Cidr`) are not values of their own; they
/// appear as the list argument of `Fn::Select` and `Fn::Join` through [`ListValue`].
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
    /// `{"Fn::If": ["ConditionName", when_true, when_false]}`.
    If(Box<If<T>>),
    /// `{"Fn::GetStackOutput": {"StackName": ..., "OutputName": ..., "Region": ...}}`.
    GetStackOutput(Box<GetStackOutput>),
}

impl<T> Value<T> {
    /// A literal value.
    pub fn literal(value: impl Into<T>) -> Self {
        Value::Literal(value.into())
    }

    /// `{"Ref": logical_id}`: a resource's reference value or a template parameter's value.
    pub fn r#ref(logical_id: impl Into<String>) -> Self {
        Value::Ref(Reference::LogicalId(logical_id.into()))
    }

    /// `{"Ref": "AWS::..."}` for a pseudo parameter.
    pub fn pseudo(parameter: PseudoParameter) -> Self {
        Value::Ref(Reference::Pseudo(parameter))
    }

    /// `{"Ref": "AWS::Region"}`.
    pub fn aws_region() -> Self {
        Self::pseudo(PseudoParameter::Region)
    }

    /// `{"Ref": "AWS::AccountId"}`.
    pub fn aws_account_id() -> Self {
        Self::pseudo(PseudoParameter::AccountId)
    }

    /// `{"Ref": "AWS::Partition"}`.
    pub fn aws_partition() -> Self {
        Self::pseudo(PseudoParameter::Partition)
    }

    /// `{"Ref": "AWS::StackName"}`.
    pub fn aws_stack_name() -> Self {
        Self::pseudo(PseudoParameter::StackName)
    }

    /// `{"Ref": "AWS::URLSuffix"}`.
    pub fn aws_url_suffix() -> Self {
        Self::pseudo(PseudoParameter::UrlSuffix)
    }

    /// `{"Ref": "AWS::NoValue"}`: removes the property it stands for (useful as a `Fn::If` branch).
    pub fn no_value() -> Self {
        Self::pseudo(PseudoParameter::NoValue)
    }

    /// `{"Fn::GetAtt": [logical_id, attribute]}`; nested attributes use dots, as in `Endpoint.Address`.
    pub fn get_att(logical_id: impl Into<String>, attribute: impl Into<String>) -> Self {
        Value::GetAtt(GetAtt::new(logical_id, attribute))
    }

    /// `{"Fn::Sub": template}`, where `${Name}` and `${Name.Attribute}` refer to the template's own
    /// parameters, resources and pseudo parameters.
    pub fn sub(template: impl Into<String>) -> Self {
        Value::Sub(Sub {
            template: template.into(),
            variables: BTreeMap::new(),
        })
    }

    /// `{"Fn::Sub": [template, {name: value, ...}]}`.
    pub fn sub_with_variables<K: Into<String>>(
        template: impl Into<String>,
        variables: impl IntoIterator<Item = (K, Value<String>)>,
    ) -> Self {
        Value::Sub(Sub {
            template: template.into(),
            variables: variables
                .into_iter()
                .map(|(name, value)| (name.into(), value))
                .collect(),
        })
    }

    /// `{"Fn::Join": [delimiter, [values...]]}`.
    pub fn join(
        delimiter: impl Into<String>,
        values: impl IntoIterator<Item = Value<String>>,
    ) -> Self {
        Self::join_list(delimiter, ListValue::Literal(values.into_iter().collect()))
    }

    /// `{"Fn::Join": [delimiter, list]}` where the list is itself an intrinsic (for example `Fn::Split`).
    pub fn join_list(delimiter: impl Into<String>, list: ListValue) -> Self {
        Value::Join(Box::new(Join {
            delimiter: delimiter.into(),
            list,
        }))
    }

    /// `{"Fn::Select": [index, list]}`.
    pub fn select(index: u32, list: ListValue) -> Self {
        Value::Select(Box::new(Select { index, list }))
    }

    /// `{"Fn::If": [condition, when_true, when_false]}`; `condition` names an entry of the template's
    /// `Conditions`.
    pub fn fn_if(condition: impl Into<String>, when_true: Value<T>, when_false: Value<T>) -> Self {
        Value::If(Box::new(If {
            condition: condition.into(),
            when_true,
            when_false,
        }))
    }

    /// `{"Fn::GetStackOutput": {...}}`: an output of another stack, possibly in another region.
    pub fn get_stack_output(output: GetStackOutput) -> Self {
        Value::GetStackOutput(Box::new(output))
    }

    /// The literal, when this value is one.
    pub fn as_literal(&self) -> Option<&T> {
        match self {
            Value::Literal(literal) => Some(literal),
            _ => None,
        }
    }
}

impl From<&str> for Value<String> {
    fn from(value: &str) -> Self {
        Value::Literal(value.to_owned())
    }
}

impl From<String> for Value<String> {
    fn from(value: String) -> Self {
        Value::Literal(value)
    }
}

impl From<i64> for Value<i64> {
    fn from(value: i64) -> Self {
        Value::Literal(value)
    }
}

impl From<f64> for Value<f64> {
    fn from(value: f64) -> Self {
        Value::Literal(value)
    }
}

impl From<bool> for Value<bool> {
    fn from(value: bool) -> Self {
        Value::Literal(value)
    }
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
            Value::Join(join) => join.serialize(serializer),
            Value::Select(select) => select.serialize(serializer),
            Value::If(fn_if) => fn_if.serialize(serializer),
            Value::GetStackOutput(output) => output.serialize(serializer),
        }
    }
}

/// Serializes `{key: value}`, the shape of every intrinsic function call.
fn serialize_function<S: Serializer, V: Serialize + ?Sized>(
    serializer: S,
    function_name: &str,
    arguments: &V,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(function_name, arguments)?;
    map.end()
}

/// The target of a `Ref`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reference {
    /// A resource or parameter of the same template.
    LogicalId(String),
    /// A pseudo parameter such as `AWS::Region`.
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
        serialize_function(serializer, "Ref", self.target())
    }
}

/// The pseudo parameters CloudFormation defines in every stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PseudoParameter {
    /// `AWS::AccountId`.
    AccountId,
    /// `AWS::NotificationARNs` (a list).
    NotificationArns,
    /// `AWS::NoValue`: removes the property it is the value of.
    NoValue,
    /// `AWS::Partition`, such as `aws` or `aws-cn`.
    Partition,
    /// `AWS::Region`.
    Region,
    /// `AWS::StackId`.
    StackId,
    /// `AWS::StackName`.
    StackName,
    /// `AWS::URLSuffix`, such as `amazonaws.com`.
    UrlSuffix,
}

impl PseudoParameter {
    /// The name as written in a template.
    pub const fn name(self) -> &'static str {
        match self {
            PseudoParameter::AccountId => "AWS::AccountId",
            PseudoParameter::NotificationArns => "AWS::NotificationARNs",
            PseudoParameter::NoValue => "AWS::NoValue",
            PseudoParameter::Partition => "AWS::Partition",
            PseudoParameter::Region => "AWS::Region",
            PseudoParameter::StackId => "AWS::StackId",
            PseudoParameter::StackName => "AWS::StackName",
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
        serialize_function(
            serializer,
            "Fn::GetAtt",
            &(&self.logical_id, &self.attribute),
        )
    }
}

/// `Fn::Sub`: string interpolation. Without variables it serializes in the short string form.
#[derive(Debug, Clone, PartialEq)]
pub struct Sub {
    pub template: String,
    pub variables: BTreeMap<String, Value<String>>,
}

impl Serialize for Sub {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.variables.is_empty() {
            serialize_function(serializer, "Fn::Sub", &self.template)
        } else {
            serialize_function(serializer, "Fn::Sub", &(&self.template, &self.variables))
        }
    }
}

/// `Fn::Join`: concatenates a list of strings with a delimiter.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    pub delimiter: String,
    pub list: ListValue,
}

impl Serialize for Join {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_function(serializer, "Fn::Join", &(&self.delimiter, &self.list))
    }
}

/// `Fn::Select`: one element of a list, by zero-based index.
#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub index: u32,
    pub list: ListValue,
}

impl Serialize for Select {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_function(serializer, "Fn::Select", &(self.index, &self.list))
    }
}

/// `Fn::If`: one of two values, chosen by a named condition.
#[derive(Debug, Clone, PartialEq)]
pub struct If<T> {
    pub condition: String,
    pub when_true: Value<T>,
    pub when_false: Value<T>,
}

impl<T: Serialize> Serialize for If<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_function(
            serializer,
            "Fn::If",
            &(&self.condition, &self.when_true, &self.when_false),
        )
    }
}

/// `Fn::GetStackOutput`: an output of another stack, which need not be exported and may live in
/// another region (or, with `role_arn`, another account).
#[derive(Debug, Clone, PartialEq)]
pub struct GetStackOutput {
    pub stack_name: Value<String>,
    pub output_name: Value<String>,
    /// The referenced stack's region; CloudFormation uses the current stack's region when absent.
    pub region: Option<Value<String>>,
    /// A role allowed to describe the referenced stack, for cross-account references.
    pub role_arn: Option<Value<String>>,
}

impl GetStackOutput {
    /// An output of a stack in the current region and account.
    pub fn new(
        stack_name: impl Into<Value<String>>,
        output_name: impl Into<Value<String>>,
    ) -> Self {
        GetStackOutput {
            stack_name: stack_name.into(),
            output_name: output_name.into(),
            region: None,
            role_arn: None,
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

/// The argument object of `Fn::GetStackOutput`, in CloudFormation's casing.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct GetStackOutputArguments<'a> {
    stack_name: &'a Value<String>,
    output_name: &'a Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_arn: Option<&'a Value<String>>,
}

impl Serialize for GetStackOutput {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let arguments = GetStackOutputArguments {
            stack_name: &self.stack_name,
            output_name: &self.output_name,
            region: self.region.as_ref(),
            role_arn: self.role_arn.as_ref(),
        };
        serialize_function(serializer, "Fn::GetStackOutput", &arguments)
    }
}

/// A list of strings: the list argument of `Fn::Select` and `Fn::Join`.
#[derive(Debug, Clone, PartialEq)]
pub enum ListValue {
    /// A literal list, whose elements may themselves be intrinsics.
    Literal(Vec<Value<String>>),
    /// `{"Ref": ...}` to a list-typed parameter (such as `CommaDelimitedList`).
    Ref(Reference),
    /// `{"Fn::GetAtt": ...}` of a list-typed attribute.
    GetAtt(GetAtt),
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

    /// `{"Fn::Split": [delimiter, source]}`.
    pub fn split(delimiter: impl Into<String>, source: impl Into<Value<String>>) -> Self {
        ListValue::Split {
            delimiter: delimiter.into(),
            source: source.into(),
        }
    }

    /// `{"Fn::Cidr": [ip_block, count, cidr_bits]}`.
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
            ListValue::Ref(reference) => reference.serialize(serializer),
            ListValue::GetAtt(get_att) => get_att.serialize(serializer),
            ListValue::GetAzs(region) => serialize_function(serializer, "Fn::GetAZs", region),
            ListValue::Split { delimiter, source } => {
                serialize_function(serializer, "Fn::Split", &(delimiter, source))
            }
            ListValue::Cidr {
                ip_block,
                count,
                cidr_bits,
            } => serialize_function(serializer, "Fn::Cidr", &(ip_block, count, cidr_bits)),
        }
    }
}

/// An entry of a template's `Conditions` section (or a nested part of one).
#[derive(Debug, Clone, PartialEq)]
pub enum ConditionExpression {
    /// `{"Fn::Equals": [left, right]}`.
    Equals(Value<String>, Value<String>),
    /// `{"Fn::And": [...]}` (two to ten conditions).
    And(Vec<ConditionExpression>),
    /// `{"Fn::Or": [...]}` (two to ten conditions).
    Or(Vec<ConditionExpression>),
    /// `{"Fn::Not": [condition]}`.
    Not(Box<ConditionExpression>),
    /// `{"Condition": "Name"}`: another named condition.
    Condition(String),
}

impl ConditionExpression {
    /// `{"Fn::Equals": [left, right]}`.
    pub fn equals(left: impl Into<Value<String>>, right: impl Into<Value<String>>) -> Self {
        ConditionExpression::Equals(left.into(), right.into())
    }
}

impl Serialize for ConditionExpression {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ConditionExpression::Equals(left, right) => {
                serialize_function(serializer, "Fn::Equals", &(left, right))
            }
            ConditionExpression::And(conditions) => {
                serialize_function(serializer, "Fn::And", conditions)
            }
            ConditionExpression::Or(conditions) => {
                serialize_function(serializer, "Fn::Or", conditions)
            }
            ConditionExpression::Not(condition) => {
                serialize_function(serializer, "Fn::Not", &[condition])
            }
            ConditionExpression::Condition(name) => {
                serialize_function(serializer, "Condition", name)
            }
        }
    }
}
