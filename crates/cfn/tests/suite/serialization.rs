//! Exact JSON of the L1 building blocks: every intrinsic form, pseudo parameters, policy
//! documents, resource attributes, tricky enum spellings and the shipped template text.

use meridian_cfn::l1::cloudfront::{HttpVersion, PriceClass};
use meridian_cfn::l1::ec2::{FlowLogDestinationType, InternetGateway, Vpc};
use meridian_cfn::l1::ecs::{Compatibility, CpuArchitecture, DeploymentControllerType};
use meridian_cfn::l1::elbv2::{LoadBalancerIpAddressType, Protocol};
use meridian_cfn::l1::s3::{Bucket, SseAlgorithm};
use meridian_cfn::l1::{
    DeletionPolicy, DuplicateLogicalId, Effect, GetStackOutput, ListValue, OneOrMany, Output,
    Parameter, ParameterType, PolicyConditions, PolicyDocument, Principal, Reference, Resource,
    Statement, Tag, Template, TemplateSection, UpdateReplacePolicy, Value,
};
use serde::Serialize;

fn compact(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("L1 values always serialize")
}

/// Asserts every `(what, actual JSON, expected JSON)` case, reporting all mismatches at once.
fn assert_cases(cases: &[(&str, String, &str)]) {
    let mismatches: Vec<String> = cases
        .iter()
        .filter(|(_, actual, expected)| actual != expected)
        .map(|(what, actual, expected)| {
            format!("{what}:\n  expected {expected}\n  actual   {actual}")
        })
        .collect();
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

#[test]
fn literals_serialize_as_plain_json() {
    assert_cases(&[
        (
            "string from &str",
            compact(&Value::<String>::from("vpc")),
            r#""vpc""#,
        ),
        (
            "string from String",
            compact(&Value::from("x".to_owned())),
            r#""x""#,
        ),
        ("integer", compact(&Value::<i64>::from(8080)), "8080"),
        ("number", compact(&Value::<f64>::from(60.5)), "60.5"),
        ("boolean", compact(&Value::<bool>::from(true)), "true"),
        (
            "literal constructor",
            compact(&Value::<String>::literal("a")),
            r#""a""#,
        ),
    ]);
}

#[test]
fn references_and_pseudo_parameters_serialize_as_ref() {
    assert_cases(&[
        (
            "logical id",
            compact(&Value::<String>::r#ref("Vpc")),
            r#"{"Ref":"Vpc"}"#,
        ),
        (
            "region",
            compact(&Value::<String>::aws_region()),
            r#"{"Ref":"AWS::Region"}"#,
        ),
        (
            "account",
            compact(&Value::<String>::aws_account_id()),
            r#"{"Ref":"AWS::AccountId"}"#,
        ),
        (
            "partition",
            compact(&Value::<String>::aws_partition()),
            r#"{"Ref":"AWS::Partition"}"#,
        ),
        (
            "url suffix",
            compact(&Value::<String>::aws_url_suffix()),
            r#"{"Ref":"AWS::URLSuffix"}"#,
        ),
        (
            "reference converted into a value",
            compact(&Value::<i64>::from(Reference::LogicalId("Port".to_owned()))),
            r#"{"Ref":"Port"}"#,
        ),
    ]);
}

#[test]
fn intrinsic_functions_serialize_in_cloudformation_form() {
    let vpc_cidr = || Value::<String>::r#ref("VpcCidr");
    assert_cases(&[
        (
            "Fn::GetAtt",
            compact(&Value::<String>::get_att("Db", "Endpoint.Address")),
            r#"{"Fn::GetAtt":["Db","Endpoint.Address"]}"#,
        ),
        (
            "Fn::Sub, string form",
            compact(&Value::<String>::sub("${AppName}-${AWS::Region}")),
            r#"{"Fn::Sub":"${AppName}-${AWS::Region}"}"#,
        ),
        (
            "Fn::Sub, with a variable map",
            compact(&Value::<String>::sub_with_variables(
                "postgres://${Host}:${Port}/orders",
                [
                    ("Port", Value::from("5432")),
                    ("Host", Value::get_att("Db", "Endpoint.Address")),
                ],
            )),
            r#"{"Fn::Sub":["postgres://${Host}:${Port}/orders",{"Host":{"Fn::GetAtt":["Db","Endpoint.Address"]},"Port":"5432"}]}"#,
        ),
        (
            "Fn::Join over a literal list",
            compact(&Value::<String>::join(
                ",",
                [Value::from("a"), Value::r#ref("B")],
            )),
            r#"{"Fn::Join":[",",["a",{"Ref":"B"}]]}"#,
        ),
        (
            "Fn::Join over Fn::Split",
            compact(&Value::<String>::join_list(
                "-",
                ListValue::split(",", Value::r#ref("Names")),
            )),
            r#"{"Fn::Join":["-",{"Fn::Split":[",",{"Ref":"Names"}]}]}"#,
        ),
        (
            "Fn::Select over Fn::GetAZs of the stack's region",
            compact(&Value::<String>::select(
                1,
                ListValue::availability_zones_of_stack_region(),
            )),
            r#"{"Fn::Select":[1,{"Fn::GetAZs":""}]}"#,
        ),
        (
            "Fn::Select over Fn::GetAZs of a named region",
            compact(&Value::<String>::select(
                0,
                ListValue::GetAzs(Value::aws_region()),
            )),
            r#"{"Fn::Select":[0,{"Fn::GetAZs":{"Ref":"AWS::Region"}}]}"#,
        ),
        (
            "Fn::Select over Fn::Cidr",
            compact(&Value::<String>::select(
                2,
                ListValue::cidr(vpc_cidr(), 4, 8),
            )),
            r#"{"Fn::Select":[2,{"Fn::Cidr":[{"Ref":"VpcCidr"},4,8]}]}"#,
        ),
        (
            "Fn::GetStackOutput in another region",
            compact(&Value::<String>::get_stack_output(
                GetStackOutput::new("orders-us-east-1", "DatabaseArn").in_region("us-east-1"),
            )),
            r#"{"Fn::GetStackOutput":{"StackName":"orders-us-east-1","OutputName":"DatabaseArn","Region":"us-east-1"}}"#,
        ),
        (
            "Fn::GetStackOutput in the same region",
            compact(&Value::<String>::from(GetStackOutput::new(
                Value::r#ref("NetworkStack"),
                "VpcId",
            ))),
            r#"{"Fn::GetStackOutput":{"StackName":{"Ref":"NetworkStack"},"OutputName":"VpcId"}}"#,
        ),
    ]);
}

#[test]
fn policy_documents_serialize_in_iam_form() {
    let trust = PolicyDocument::new([Statement {
        principal: Some(Principal::Service("ecs-tasks.amazonaws.com".into())),
        ..Statement::new(Effect::Allow, "sts:AssumeRole")
    }]);
    let bucket_policy = PolicyDocument::new([Statement {
        sid: Some("DenyInsecureTransport".to_owned()),
        principal: Some(Principal::Everyone),
        resource: Some(OneOrMany::Many(vec![
            Value::get_att("Bucket", "Arn"),
            Value::sub("${Bucket.Arn}/*"),
        ])),
        condition: PolicyConditions::default().with("Bool", "aws:SecureTransport", "false"),
        ..Statement::new(Effect::Deny, "s3:*")
    }]);
    let key_policy = PolicyDocument::new([Statement {
        principal: Some(Principal::Aws(OneOrMany::Many(vec![
            Value::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"),
            Value::get_att("TaskRole", "Arn"),
        ]))),
        resource: Some("*".into()),
        ..Statement::new(Effect::Allow, ["kms:Decrypt", "kms:GenerateDataKey*"])
    }]);
    assert_cases(&[
        (
            "trust policy",
            compact(&trust),
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        ),
        (
            "resource policy with a condition",
            compact(&bucket_policy),
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":[{"Fn::GetAtt":["Bucket","Arn"]},{"Fn::Sub":"${Bucket.Arn}/*"}],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
        ),
        (
            "several AWS principals and actions",
            compact(&key_policy),
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[{"Fn::Sub":"arn:${AWS::Partition}:iam::${AWS::AccountId}:root"},{"Fn::GetAtt":["TaskRole","Arn"]}]},"Action":["kms:Decrypt","kms:GenerateDataKey*"],"Resource":"*"}]}"#,
        ),
    ]);
}

#[test]
fn enum_values_use_their_wire_spelling() {
    assert_cases(&[
        ("ARM64", compact(&CpuArchitecture::Arm64), r#""ARM64""#),
        ("X86_64", compact(&CpuArchitecture::X86_64), r#""X86_64""#),
        (
            "MANAGED_INSTANCES",
            compact(&Compatibility::ManagedInstances),
            r#""MANAGED_INSTANCES""#,
        ),
        (
            "CODE_DEPLOY",
            compact(&DeploymentControllerType::CodeDeploy),
            r#""CODE_DEPLOY""#,
        ),
        ("TCP_UDP", compact(&Protocol::TcpUdp), r#""TCP_UDP""#),
        (
            "dualstack-without-public-ipv4",
            compact(&LoadBalancerIpAddressType::DualstackWithoutPublicIpv4),
            r#""dualstack-without-public-ipv4""#,
        ),
        (
            "kinesis-data-firehose",
            compact(&FlowLogDestinationType::KinesisDataFirehose),
            r#""kinesis-data-firehose""#,
        ),
        (
            "aws:kms:dsse",
            compact(&SseAlgorithm::AwsKmsDsse),
            r#""aws:kms:dsse""#,
        ),
        ("http1.1", compact(&HttpVersion::Http1_1), r#""http1.1""#),
        (
            "PriceClass_All",
            compact(&PriceClass::PriceClassAll),
            r#""PriceClass_All""#,
        ),
    ]);
}

#[test]
fn resources_serialize_type_attributes_then_properties() {
    let bucket = Resource::new(Bucket {
        bucket_name: Some("orders-data".into()),
        ..Bucket::default()
    })
    .depends_on("ReplicationRole")
    .depends_on("LogsBucket")
    .deletion_policy(DeletionPolicy::Retain)
    .update_replace_policy(UpdateReplacePolicy::Retain);
    assert_cases(&[
        (
            "every resource attribute",
            compact(&bucket),
            r#"{"Type":"AWS::S3::Bucket","DependsOn":["ReplicationRole","LogsBucket"],"DeletionPolicy":"Retain","UpdateReplacePolicy":"Retain","Properties":{"BucketName":"orders-data"}}"#,
        ),
        (
            "no properties set",
            compact(&Resource::new(InternetGateway::default())),
            r#"{"Type":"AWS::EC2::InternetGateway"}"#,
        ),
        (
            "tags",
            compact(&Resource::new(InternetGateway {
                tags: vec![Tag::new("Name", Value::sub("${AppName}-igw"))],
            })),
            r#"{"Type":"AWS::EC2::InternetGateway","Properties":{"Tags":[{"Key":"Name","Value":{"Fn::Sub":"${AppName}-igw"}}]}}"#,
        ),
    ]);
}

fn small_template(resource_order: &[&str]) -> Template {
    let mut template = Template::new("two VPCs");
    template
        .add_parameter(
            "VpcCidr",
            Parameter {
                description: Some("The VPC's block".to_owned()),
                ..Parameter::new(ParameterType::String)
            },
        )
        .expect("first parameter");
    for logical_id in resource_order {
        let vpc = Vpc {
            cidr_block: Some(Value::r#ref("VpcCidr")),
            ..Vpc::default()
        };
        template
            .add_resource(*logical_id, Resource::new(vpc))
            .expect("distinct ids");
    }
    template
        .add_output("VpcId", Output::new(Value::r#ref("VpcA")))
        .expect("first output");
    template
}

#[test]
fn templates_ship_as_pretty_json_with_a_trailing_newline() {
    let expected = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "two VPCs",
  "Parameters": {
    "VpcCidr": {
      "Type": "String",
      "Description": "The VPC's block"
    }
  },
  "Resources": {
    "VpcA": {
      "Type": "AWS::EC2::VPC",
      "Properties": {
        "CidrBlock": {
          "Ref": "VpcCidr"
        }
      }
    },
    "VpcB": {
      "Type": "AWS::EC2::VPC",
      "Properties": {
        "CidrBlock": {
          "Ref": "VpcCidr"
        }
      }
    }
  },
  "Outputs": {
    "VpcId": {
      "Value": {
        "Ref": "VpcA"
      }
    }
  }
}
"#;
    let in_order = small_template(&["VpcA", "VpcB"])
        .to_json_pretty()
        .expect("serializes");
    let reversed = small_template(&["VpcB", "VpcA"])
        .to_json_pretty()
        .expect("serializes");
    assert_eq!(in_order, expected);
    assert_eq!(
        reversed, expected,
        "output must not depend on insertion order"
    );
}

#[test]
fn duplicate_logical_ids_are_refused() {
    let mut template = small_template(&["VpcA"]);
    let duplicate = template.add_resource("VpcA", Resource::new(Vpc::default()));
    assert_eq!(
        duplicate,
        Err(DuplicateLogicalId {
            section: TemplateSection::Resources,
            logical_id: "VpcA".to_owned(),
        })
    );
    let parameter_named_like_a_resource =
        template.add_parameter("VpcA", Parameter::new(ParameterType::String));
    assert!(
        parameter_named_like_a_resource.is_err(),
        "parameters and resources share ids"
    );
    let message = template
        .add_output("VpcId", Output::new("x"))
        .expect_err("the output exists")
        .to_string();
    assert!(message.contains("bug in meridian"), "{message}");
}
