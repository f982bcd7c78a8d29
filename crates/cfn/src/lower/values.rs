//! Deploy-time values: a plan [`Text`] or [`JsonDoc`] becomes a CloudFormation value (a literal,
//! `Ref`, `Fn::GetAtt`, `Fn::GetStackOutput` or `Fn::Sub`), and plan tags become resource tags.
//! It must not choose any value: every literal, name and reference comes from the plan.

use std::collections::BTreeMap;

use meridian_plan::bug;
use meridian_plan::{Attr, AttrRef, Import, JsonDoc, Parameter, Part, Rid, Text};
use meridian_plan::{aws, naming};

use crate::l1::{GetStackOutput, ListValue, PseudoParameter, Tag, Value};

/// How CloudFormation reads one [`Attr`] of the resource that produces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AttrForm {
    /// `{"Ref": "Logical"}`.
    Ref,
    /// `{"Fn::GetAtt": ["Logical", "Name"]}`.
    GetAtt(&'static str),
    /// CloudFront distributions have no ARN attribute: the ARN is built from the ID.
    DistributionArn,
    /// The last `:`-separated field of a secret's ARN (`name-AbCdEf`), which is the same in
    /// every region the secret is replicated to.
    SecretNameWithSuffix,
}

/// The CloudFormation form of each attribute, checked against the vendored registry schemas (each
/// `GetAtt` name is a read-only property of the resource type that produces the attribute).
fn attr_form(attr: Attr) -> AttrForm {
    match attr {
        Attr::VpcId
        | Attr::SubnetId
        | Attr::RouteTableId
        | Attr::PeeringConnectionId
        | Attr::LoadBalancerArn
        | Attr::TargetGroupArn
        | Attr::ListenerArn
        | Attr::ListenerRuleArn
        | Attr::ClusterName
        | Attr::LogGroupName
        | Attr::DbInstanceId
        | Attr::DbSubnetGroupName
        | Attr::DbParameterGroupName
        | Attr::SecretArn
        | Attr::KeyId
        | Attr::CacheReplicationGroupId
        | Attr::CacheSubnetGroupName
        | Attr::GlobalReplicationGroupId
        | Attr::BucketName
        | Attr::TopicArn
        | Attr::AlarmName
        | Attr::HealthCheckId
        | Attr::DistributionId
        | Attr::SsmParameterName
        | Attr::StateMachineArn
        | Attr::AcceleratorArn
        | Attr::AcceleratorListenerArn => AttrForm::Ref,
        Attr::AcceleratorDnsName => AttrForm::GetAtt("DnsName"),
        Attr::SecurityGroupId => AttrForm::GetAtt("GroupId"),
        Attr::LoadBalancerDnsName => AttrForm::GetAtt("DNSName"),
        Attr::LoadBalancerZoneId => AttrForm::GetAtt("CanonicalHostedZoneID"),
        Attr::LoadBalancerFullName => AttrForm::GetAtt("LoadBalancerFullName"),
        Attr::TargetGroupFullName => AttrForm::GetAtt("TargetGroupFullName"),
        Attr::ClusterArn
        | Attr::RoleArn
        | Attr::LogGroupArn
        | Attr::KeyArn
        | Attr::BucketArn
        | Attr::AlarmArn
        | Attr::WebAclArn => AttrForm::GetAtt("Arn"),
        Attr::ServiceName => AttrForm::GetAtt("Name"),
        Attr::DbInstanceArn => AttrForm::GetAtt("DBInstanceArn"),
        Attr::DbAddress => AttrForm::GetAtt("Endpoint.Address"),
        Attr::DbPort => AttrForm::GetAtt("Endpoint.Port"),
        Attr::CacheConfigurationEndpoint => AttrForm::GetAtt("ConfigurationEndPoint.Address"),
        Attr::CachePrimaryEndpoint => AttrForm::GetAtt("PrimaryEndPoint.Address"),
        Attr::BucketRegionalDomainName => AttrForm::GetAtt("RegionalDomainName"),
        Attr::DistributionDomainName => AttrForm::GetAtt("DomainName"),
        Attr::OriginAccessControlId => AttrForm::GetAtt("Id"),
        Attr::DistributionArn => AttrForm::DistributionArn,
        Attr::SecretNameWithSuffix => AttrForm::SecretNameWithSuffix,
    }
}

/// The `Fn::Sub` text of a distribution's ARN, given the `${...}` that names its ID.
fn distribution_arn_template(distribution_id: &str) -> String {
    format!(
        "arn:${{AWS::Partition}}:cloudfront::${{AWS::AccountId}}:distribution/{distribution_id}"
    )
}

/// `Fn::Select [6, Fn::Split [":", secret ARN]]`: `arn:aws:secretsmanager:region:account:secret:name-AbCdEf`
/// has the name with its suffix in field 6.
fn secret_name_with_suffix(secret: &str) -> Value<String> {
    Value::select(6, ListValue::split(":", Value::r#ref(secret)))
}

/// Translates plan values for one template: knows the plan's parameters (to find their
/// CloudFormation names) and its tags.
#[derive(Debug)]
pub(crate) struct Values<'p> {
    parameters: BTreeMap<&'p str, &'p Parameter>,
    tags: &'p BTreeMap<String, String>,
}

impl<'p> Values<'p> {
    pub(crate) fn new(parameters: &'p [Parameter], tags: &'p BTreeMap<String, String>) -> Self {
        Values {
            parameters: parameters
                .iter()
                .map(|parameter| (parameter.name.as_str(), parameter))
                .collect(),
            tags,
        }
    }

    /// The plan parameter named `name` as written in the stack file.
    pub(crate) fn parameter(&self, name: &str) -> &'p Parameter {
        self.parameters.get(name).copied().unwrap_or_else(|| {
            bug(format_args!(
                "parameter `{name}` is used but is not in plan.parameters"
            ))
        })
    }

    /// A plan text as a CloudFormation string value.
    pub(crate) fn text(&self, text: &Text) -> Value<String> {
        match text.parts() {
            [] => Value::Literal(String::new()),
            [Part::Lit(literal)] => Value::Literal(literal.clone()),
            [Part::Param(param)] => Value::r#ref(self.parameter(&param.name).cfn_name.clone()),
            [Part::AccountId] => Value::aws_account_id(),
            [Part::Partition] => Value::aws_partition(),
            [Part::UrlSuffix] => Value::aws_url_suffix(),
            [Part::Region(_)] => Value::aws_region(),
            [Part::Attr(reference)] => attr(reference),
            [Part::Import(import)] => stack_output(import),
            parts => {
                let mut sub = SubBuilder::default();
                for part in parts {
                    sub.push_part(self, part);
                }
                sub.finish()
            }
        }
    }

    /// Several plan texts.
    pub(crate) fn texts(&self, texts: &[Text]) -> Vec<Value<String>> {
        texts.iter().map(|text| self.text(text)).collect()
    }

    /// A JSON document whose strings may hold deploy-time values, as the string CloudFormation
    /// passes on (compact JSON); a `Fn::Sub` when it holds deploy-time values.
    pub(crate) fn json_document(&self, document: &JsonDoc) -> Value<String> {
        if json_is_literal(document) {
            let mut plain = String::new();
            render_json(document, &mut |fragment| match fragment {
                Fragment::Json(json) => plain.push_str(json),
                Fragment::Part(_) => bug("a literal document has a deploy-time part"),
            });
            return Value::Literal(plain);
        }
        let mut sub = SubBuilder::default();
        render_json(document, &mut |fragment| match fragment {
            Fragment::Json(json) => sub.push_literal(json),
            Fragment::Part(part) => sub.push_part(self, part),
        });
        sub.finish()
    }

    /// Resource tags: the stack's tags and, when given, a `Name` tag first.
    pub(crate) fn tags(&self, name: Option<&str>) -> Vec<Tag> {
        let mut tags = Vec::with_capacity(self.tags.len() + 1);
        if let Some(name) = name {
            tags.push(Tag::new(aws::NAME_TAG, name));
        }
        tags.extend(
            self.tags
                .iter()
                .filter(|(key, _)| name.is_none() || key.as_str() != aws::NAME_TAG)
                .map(|(key, value)| Tag::new(key.clone(), value.clone())),
        );
        tags
    }
}

/// The lowercase spelling of a switch that some AWS settings take (`enabled`, `disabled`).
pub(crate) fn switch(on: bool) -> &'static str {
    if on { "enabled" } else { "disabled" }
}

/// An attribute of a resource of the same template.
pub(crate) fn attr(reference: &AttrRef) -> Value<String> {
    attr_of(&reference.resource, reference.attr)
}

/// The attribute `attr` of the resource `rid` of the same template.
pub(crate) fn attr_of(rid: &Rid, attr: Attr) -> Value<String> {
    let logical = rid.logical.as_str();
    match attr_form(attr) {
        AttrForm::Ref => Value::r#ref(logical),
        AttrForm::GetAtt(name) => Value::get_att(logical, name),
        AttrForm::DistributionArn => {
            Value::sub(distribution_arn_template(&format!("${{{logical}}}")))
        }
        AttrForm::SecretNameWithSuffix => secret_name_with_suffix(logical),
    }
}

/// `{"Ref": logical}` of a resource or parameter of the same template, for the resources whose
/// reference value the plan has no attribute for (task definitions, roles by name...).
pub(crate) fn reference(rid: &Rid) -> Value<String> {
    Value::r#ref(rid.logical.as_str())
}

/// `{"Fn::GetAtt": [logical, "Arn"]}`.
pub(crate) fn arn_of(rid: &Rid) -> Value<String> {
    Value::get_att(rid.logical.as_str(), "Arn")
}

/// An output of another unit.
fn stack_output(import: &Import) -> Value<String> {
    let Import {
        unit: _,
        stack_name,
        region,
        output,
        source: _,
    } = import;
    Value::get_stack_output(
        GetStackOutput::new(stack_name.as_str(), output.as_str()).in_region(region.as_str()),
    )
}

/// The `Fn::Sub` variable that stands for an import: the producing stack and output in PascalCase
/// (a stack name holds its region, so this is unique within a template).
pub(crate) fn import_variable(import: &Import) -> String {
    format!("{}{}", naming::pascal(&import.stack_name), import.output)
}

/// Builds one `Fn::Sub`: literal text escaped, parameters and attributes inline, imports and
/// attributes that cannot be written inline as variables.
#[derive(Debug, Default)]
struct SubBuilder {
    template: String,
    variables: BTreeMap<String, Value<String>>,
}

impl SubBuilder {
    /// Literal text; `${` would start a substitution, so it is written `${!`.
    fn push_literal(&mut self, literal: &str) {
        self.template.push_str(&literal.replace("${", "${!"));
    }

    fn push_part(&mut self, values: &Values<'_>, part: &Part) {
        match part {
            Part::Lit(literal) => self.push_literal(literal),
            Part::Param(param) => {
                let cfn_name = &values.parameter(&param.name).cfn_name;
                self.template.push_str(&format!("${{{cfn_name}}}"));
            }
            Part::AccountId => self.push_pseudo(PseudoParameter::AccountId),
            Part::Partition => self.push_pseudo(PseudoParameter::Partition),
            Part::UrlSuffix => self.push_pseudo(PseudoParameter::UrlSuffix),
            Part::Region(_) => self.push_pseudo(PseudoParameter::Region),
            Part::Attr(reference) => {
                let logical = reference.resource.logical.as_str();
                match attr_form(reference.attr) {
                    AttrForm::Ref => self.template.push_str(&format!("${{{logical}}}")),
                    AttrForm::GetAtt(name) => {
                        self.template.push_str(&format!("${{{logical}.{name}}}"));
                    }
                    AttrForm::DistributionArn => self
                        .template
                        .push_str(&distribution_arn_template(&format!("${{{logical}}}"))),
                    AttrForm::SecretNameWithSuffix => {
                        let variable = format!("{logical}NameWithSuffix");
                        self.template.push_str(&format!("${{{variable}}}"));
                        self.variables
                            .insert(variable, secret_name_with_suffix(logical));
                    }
                }
            }
            Part::Import(import) => {
                let variable = import_variable(import);
                self.template.push_str(&format!("${{{variable}}}"));
                self.variables.insert(variable, stack_output(import));
            }
        }
    }

    fn push_pseudo(&mut self, pseudo: PseudoParameter) {
        self.template.push_str(&format!("${{{}}}", pseudo.name()));
    }

    fn finish(self) -> Value<String> {
        if self.variables.is_empty() {
            Value::sub(self.template)
        } else {
            Value::sub_with_variables(self.template, self.variables)
        }
    }
}

/// A piece of a rendered JSON document: JSON syntax and escaped literal text, or a deploy-time
/// part of a string.
enum Fragment<'a> {
    Json(&'a str),
    Part(&'a Part),
}

fn json_is_literal(document: &JsonDoc) -> bool {
    match document {
        JsonDoc::Null | JsonDoc::Number(_) | JsonDoc::Bool(_) => true,
        JsonDoc::String(text) => text.as_literal().is_some(),
        JsonDoc::Array(items) => items.iter().all(json_is_literal),
        JsonDoc::Object(entries) => entries.iter().all(|(_, value)| json_is_literal(value)),
    }
}

/// JSON string escaping, without the surrounding quotes.
fn json_escaped(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_owned()).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

/// Renders compact JSON (object keys in the plan's order).
fn render_json(document: &JsonDoc, out: &mut dyn FnMut(Fragment<'_>)) {
    match document {
        JsonDoc::Null => out(Fragment::Json("null")),
        JsonDoc::Number(number) => out(Fragment::Json(&number.to_string())),
        JsonDoc::Bool(true) => out(Fragment::Json("true")),
        JsonDoc::Bool(false) => out(Fragment::Json("false")),
        JsonDoc::String(text) => {
            out(Fragment::Json("\""));
            for part in text.parts() {
                match part {
                    Part::Lit(literal) => out(Fragment::Json(&json_escaped(literal))),
                    other => out(Fragment::Part(other)),
                }
            }
            out(Fragment::Json("\""));
        }
        JsonDoc::Array(items) => {
            out(Fragment::Json("["));
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out(Fragment::Json(","));
                }
                render_json(item, out);
            }
            out(Fragment::Json("]"));
        }
        JsonDoc::Object(entries) => {
            out(Fragment::Json("{"));
            for (index, (key, value)) in entries.iter().enumerate() {
                if index > 0 {
                    out(Fragment::Json(","));
                }
                out(Fragment::Json(&format!("\"{}\":", json_escaped(key))));
                render_json(value, out);
            }
            out(Fragment::Json("}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use meridian_plan::{
        Attr, AttrRef, Import, JsonDoc, ParamKind, Parameter, Part, Rid, Text, UnitId,
    };
    use serde_json::json;

    use super::Values;

    fn rid(logical: &str) -> Rid {
        Rid {
            logical: logical.into(),
            tf: logical.to_lowercase(),
        }
    }

    fn attr(logical: &str, attr: Attr) -> Part {
        Part::Attr(AttrRef {
            resource: rid(logical),
            attr,
        })
    }

    fn import(stack_name: &str, region: &str, output: &str) -> Part {
        Part::Import(Box::new(Import {
            unit: UnitId::Region(region.into()),
            stack_name: stack_name.to_owned(),
            region: region.into(),
            output: output.to_owned(),
            source: AttrRef {
                resource: rid("Producer"),
                attr: Attr::KeyArn,
            },
        }))
    }

    fn lowered(parts: Vec<Part>) -> serde_json::Value {
        let parameters = [Parameter {
            name: "IMAGE_TAG".to_owned(),
            cfn_name: "ImageTag".to_owned(),
            tf_name: "image_tag".to_owned(),
            kind: ParamKind::Text,
            per_region: false,
            sensitive: false,
            description: "tag".to_owned(),
            regions: vec!["us-east-1".to_owned()],
        }];
        let tags = BTreeMap::new();
        let values = Values::new(&parameters, &tags);
        serde_json::to_value(values.text(&Text::from_parts(parts))).expect("serializes")
    }

    #[test]
    fn single_parts_become_literals_refs_attributes_and_stack_outputs() {
        assert_eq!(lowered(vec![Part::Lit("a".into())]), json!("a"));
        assert_eq!(
            lowered(vec![Part::Param(meridian_plan::ParamUse {
                name: "IMAGE_TAG".into(),
                region: None
            })]),
            json!({"Ref": "ImageTag"})
        );
        assert_eq!(
            lowered(vec![Part::Partition]),
            json!({"Ref": "AWS::Partition"})
        );
        assert_eq!(
            lowered(vec![attr("Db", Attr::DbAddress)]),
            json!({"Fn::GetAtt": ["Db", "Endpoint.Address"]})
        );
        assert_eq!(
            lowered(vec![attr("Vpc", Attr::VpcId)]),
            json!({"Ref": "Vpc"})
        );
        assert_eq!(
            lowered(vec![attr("Secret", Attr::SecretNameWithSuffix)]),
            json!({"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "Secret"}]}]})
        );
        assert_eq!(
            lowered(vec![import("app-us-east-1", "us-east-1", "DatabaseArn")]),
            json!({"Fn::GetStackOutput": {
                "StackName": "app-us-east-1", "OutputName": "DatabaseArn", "Region": "us-east-1"
            }})
        );
    }

    #[test]
    fn mixed_text_becomes_a_sub_with_escapes_and_variables() {
        assert_eq!(
            lowered(vec![
                Part::Lit("${not}:".into()),
                attr("Cdn", Attr::DistributionArn),
                Part::Lit(":".into()),
                attr("Secret", Attr::SecretNameWithSuffix),
                Part::Lit(":".into()),
                import("app-us-east-1", "us-east-1", "DatabaseArn"),
                Part::Lit(":".into()),
                attr("Lb", Attr::LoadBalancerFullName),
            ]),
            json!({"Fn::Sub": [
                "${!not}:arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Cdn}:${SecretNameWithSuffix}:${AppUsEast1DatabaseArn}:${Lb.LoadBalancerFullName}",
                {
                    "AppUsEast1DatabaseArn": {"Fn::GetStackOutput": {
                        "StackName": "app-us-east-1", "OutputName": "DatabaseArn", "Region": "us-east-1"
                    }},
                    "SecretNameWithSuffix": {"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "Secret"}]}]}
                }
            ]})
        );
    }

    #[test]
    fn json_documents_are_compact_and_substitute_only_deploy_time_values() {
        let parameters = [];
        let tags = BTreeMap::new();
        let values = Values::new(&parameters, &tags);
        let literal = JsonDoc::Object(vec![
            ("title".into(), JsonDoc::String(Text::lit("a \"b\" ${c}"))),
            (
                "n".into(),
                JsonDoc::Array(vec![JsonDoc::Number(1), JsonDoc::Bool(false)]),
            ),
        ]);
        assert_eq!(
            serde_json::to_value(values.json_document(&literal)).expect("serializes"),
            json!(r#"{"title":"a \"b\" ${c}","n":[1,false]}"#)
        );
        let with_import = JsonDoc::Array(vec![
            JsonDoc::String(Text::lit("${x}")),
            JsonDoc::String(Text::from_parts(vec![import(
                "s-eu-west-1",
                "eu-west-1",
                "Name",
            )])),
        ]);
        assert_eq!(
            serde_json::to_value(values.json_document(&with_import)).expect("serializes"),
            json!({"Fn::Sub": [
                r#"["${!x}","${SEuWest1Name}"]"#,
                {"SEuWest1Name": {"Fn::GetStackOutput": {
                    "StackName": "s-eu-west-1", "OutputName": "Name", "Region": "eu-west-1"
                }}}
            ]})
        );
    }
}
