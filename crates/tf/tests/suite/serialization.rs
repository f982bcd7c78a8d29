//! Exact Terraform JSON for the L1 building blocks: references, templates, escaping, JSON documents,
//! nested blocks, meta-arguments, module files and module errors.

use meridian_tf::l1::*;
use serde_json::{Value as Json, json};

/// A module with one resource or data source of a few kinds, to take handles from.
struct Handles {
    module: Module,
    vpc: ResourceRef<Vpc>,
    bucket: ResourceRef<S3Bucket>,
    stack: ResourceRef<ServerlessapplicationrepositoryCloudformationStack>,
    partition: DataRef<DataPartition>,
    zones: DataRef<DataAvailabilityZones>,
    cidr: VariableRef,
}

fn handles() -> Handles {
    let mut module = Module::new(TerraformSettings::default());
    let cidr = module
        .add_variable("cidr", Variable::default())
        .expect("valid");
    let partition = module
        .add_data_source("current", DataPartition::default())
        .expect("valid");
    let zones = module
        .add_data_source("available", DataAvailabilityZones::default())
        .expect("valid");
    let vpc = module.add_resource("main", Vpc::default()).expect("valid");
    let bucket = module
        .add_resource("assets", S3Bucket::default())
        .expect("valid");
    let stack = module
        .add_resource(
            "rotation",
            ServerlessapplicationrepositoryCloudformationStack::new(
                "arn:app",
                ["CAPABILITY_IAM"]
                    .into_iter()
                    .collect::<Value<List<String>>>(),
                "rotation",
            ),
        )
        .expect("valid");
    Handles {
        module,
        vpc,
        bucket,
        stack,
        partition,
        zones,
        cidr,
    }
}

/// The one data-driven helper: each case is a value and the exact JSON it must serialize to.
fn assert_serializes(cases: Vec<(&str, Json, Json)>) {
    for (what, actual, expected) in cases {
        assert_eq!(actual, expected, "{what}");
    }
}

fn json_of(value: impl serde::Serialize) -> Json {
    serde_json::to_value(value).expect("serializable")
}

#[test]
fn references_render_as_interpolations() {
    let h = handles();
    assert_serializes(vec![
        (
            "resource attribute",
            json_of(Value::<String>::from(h.vpc.id())),
            json!("${aws_vpc.main.id}"),
        ),
        (
            "data source attribute",
            json_of(Value::<String>::from(h.partition.partition())),
            json!("${data.aws_partition.current.partition}"),
        ),
        (
            "variable",
            json_of(Value::<String>::from(h.cidr.reference())),
            json!("${var.cidr}"),
        ),
        (
            "list element",
            json_of(Value::<String>::from(h.zones.names().index(1))),
            json!("${data.aws_availability_zones.available.names[1]}"),
        ),
        (
            "map element",
            json_of(Value::<String>::from(
                h.stack.outputs().key("RotationLambdaARN"),
            )),
            json!(
                "${aws_serverlessapplicationrepository_cloudformation_stack.rotation.outputs[\"RotationLambdaARN\"]}"
            ),
        ),
        (
            "a reference fits any type",
            json_of(Value::<Number>::from(h.vpc.id())),
            json!("${aws_vpc.main.id}"),
        ),
        (
            "list of references",
            json_of(
                [h.vpc.id(), h.bucket.arn()]
                    .into_iter()
                    .collect::<Value<List<String>>>(),
            ),
            json!(["${aws_vpc.main.id}", "${aws_s3_bucket.assets.arn}"]),
        ),
    ]);
}

#[test]
fn templates_mix_text_and_references() {
    let h = handles();
    let object_arns = Template::new()
        .text("arn:")
        .reference(h.partition.partition())
        .text(":s3:::")
        .reference(h.bucket.id())
        .text("/*");
    assert_serializes(vec![
        (
            "s3 object arn",
            json_of(Value::from(object_arns)),
            json!("arn:${data.aws_partition.current.partition}:s3:::${aws_s3_bucket.assets.id}/*"),
        ),
        (
            "single reference",
            json_of(Value::from(Template::from(h.vpc.arn()))),
            json!("${aws_vpc.main.arn}"),
        ),
        (
            "empty template",
            json_of(Value::from(Template::new())),
            json!(""),
        ),
    ]);
}

#[test]
fn literal_template_sequences_are_escaped_everywhere_terraform_evaluates_templates() {
    let h = handles();
    let tags: Value<Map<String>> = [("owner ${team}", "cost %{center}")].into_iter().collect();
    assert_serializes(vec![
        (
            "string literal",
            json_of(Value::from("echo ${HOME} %{x} $5 {y}")),
            json!("echo $${HOME} %%{x} $5 {y}"),
        ),
        (
            "an escape stays literal too",
            json_of(Value::from("$${")),
            json!("$$${"),
        ),
        (
            "map keys and values",
            json_of(tags),
            json!({"owner $${team}": "cost %%{center}"}),
        ),
        (
            "template text",
            json_of(Value::from(
                Template::new().text("${literal}").reference(h.vpc.id()),
            )),
            json!("$${literal}${aws_vpc.main.id}"),
        ),
        (
            "a dollar right before a reference",
            json_of(Value::from(
                Template::new()
                    .text("price: $")
                    .reference(h.cidr.reference()),
            )),
            json!("price: ${\"$\"}${var.cidr}"),
        ),
        (
            "json document text",
            json_of(Value::from(JsonDocument::from("${x}"))),
            json!("\"$${x}\""),
        ),
    ]);
}

#[test]
fn variable_and_output_descriptions_are_written_verbatim() {
    // Terraform decodes these without evaluating templates, so escaping would show up in the text.
    let mut module = Module::new(TerraformSettings::default());
    let name = module
        .add_variable(
            "name",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                description: Some("Shown as ${name} in docs".to_owned()),
                default: Some(json!("${not evaluated}")),
                ..Variable::default()
            },
        )
        .expect("valid");
    module
        .add_variable_validation(
            &name,
            VariableValidation {
                condition: Expression::call(
                    Function::Can,
                    [Expression::call(
                        Function::Length,
                        [name.reference().into()],
                    )],
                ),
                error_message: "name must not be empty (got ${var.name})".into(),
            },
        )
        .expect("declared variable");
    module
        .add_output(
            "name",
            Output {
                description: Some("The ${name}".to_owned()),
                ..Output::new(name.reference())
            },
        )
        .expect("valid");
    let files = module.to_json_files().expect("serializes");
    let variables = &files
        .iter()
        .find(|file| file.name == VARIABLES_FILE)
        .expect("variables file")
        .json;
    let outputs = &files
        .iter()
        .find(|file| file.name == OUTPUTS_FILE)
        .expect("outputs file")
        .json;
    assert_serializes(vec![
        (
            "variable",
            variables.clone(),
            json!({"variable": {"name": {
                "type": "string",
                "description": "Shown as ${name} in docs",
                "default": "${not evaluated}",
                "validation": [{
                    "condition": "${can(length(var.name))}",
                    "error_message": "name must not be empty (got $${var.name})"
                }]
            }}}),
        ),
        (
            "output",
            outputs.clone(),
            json!({"output": {"name": {"description": "The ${name}", "value": "${var.name}"}}}),
        ),
    ]);
}

#[test]
fn json_documents_become_strings_with_interpolated_leaves() {
    let h = handles();
    let policy = JsonDocument::object([
        ("Version", "2012-10-17".into()),
        (
            "Statement",
            JsonDocument::array([JsonDocument::object([
                ("Effect", "Allow".into()),
                ("Action", JsonDocument::array(["s3:GetObject".into()])),
                (
                    "Resource",
                    Template::new().reference(h.bucket.arn()).text("/*").into(),
                ),
                ("Sid", "Say \"hi\"\\".into()),
            ])]),
        ),
    ]);
    let dashboard = JsonDocument::object([
        ("port", JsonDocument::unquoted(h.vpc.id())),
        ("ratio", 0.5.into()),
        ("literal", JsonDocument::from(json!({"a": [1, true, null]}))),
    ]);
    assert_serializes(vec![
        (
            "policy",
            json_of(Value::from(policy)),
            json!(
                "{\"Statement\":[{\"Action\":[\"s3:GetObject\"],\"Effect\":\"Allow\",\"Resource\":\"${aws_s3_bucket.assets.arn}/*\",\"Sid\":\"Say \\\"hi\\\"\\\\\"}],\"Version\":\"2012-10-17\"}"
            ),
        ),
        (
            "unquoted reference and literals",
            json_of(Value::from(dashboard)),
            json!("{\"literal\":{\"a\":[1,true,null]},\"port\":${aws_vpc.main.id},\"ratio\":0.5}"),
        ),
    ]);
}

#[test]
fn nested_blocks_are_objects_when_single_and_arrays_when_repeated() {
    let h = handles();
    let listener = LbListener {
        port: Some(80.into()),
        ..LbListener::new(
            vec![LbListenerAction {
                redirect: Some(LbListenerActionRedirect {
                    protocol: Some("HTTPS".into()),
                    ..LbListenerActionRedirect::new("HTTP_301")
                }),
                ..LbListenerAction::new("redirect")
            }],
            h.vpc.arn(),
        )
    };
    let rule = Wafv2WebAclRuleOverrideAction {
        none: Some(EmptyBlock {}),
        ..Wafv2WebAclRuleOverrideAction::default()
    };
    let empty_required = S3BucketServerSideEncryptionConfiguration::new(h.bucket.id(), Vec::new());
    assert_serializes(vec![
        (
            "listener",
            json_of(listener),
            json!({
                "load_balancer_arn": "${aws_vpc.main.arn}",
                "port": 80,
                "default_action": [{"type": "redirect", "redirect": {"protocol": "HTTPS", "status_code": "HTTP_301"}}]
            }),
        ),
        (
            "block without arguments",
            json_of(rule),
            json!({"none": {}}),
        ),
        (
            "a required repeated block stays visible when empty, so the checker reports it",
            json_of(empty_required),
            json!({"bucket": "${aws_s3_bucket.assets.id}", "rule": []}),
        ),
        (
            "unset optional blocks and arguments are left out",
            json_of(Vpc::default()),
            json!({}),
        ),
    ]);
}

#[test]
fn meta_arguments_are_merged_into_the_resource_body() {
    let mut h = handles();
    h.module
        .add_resource_with(
            "replica",
            S3Bucket::default(),
            MetaArguments {
                depends_on: vec![h.vpc.terraform_address(), h.partition.terraform_address()],
                lifecycle: Some(Lifecycle {
                    prevent_destroy: Some(true),
                    ignore_changes: Some(IgnoreChanges::Arguments(vec!["tags".to_owned()])),
                }),
            },
        )
        .expect("valid");
    h.module
        .add_resource_with(
            "frozen",
            Vpc::default(),
            MetaArguments {
                lifecycle: Some(Lifecycle {
                    ignore_changes: Some(IgnoreChanges::All),
                    ..Lifecycle::default()
                }),
                ..MetaArguments::default()
            },
        )
        .expect("valid");
    let files = h.module.to_json_files().expect("serializes");
    let main = &files
        .iter()
        .find(|file| file.name == MAIN_FILE)
        .expect("main file")
        .json;
    assert_serializes(vec![
        (
            "bucket with every meta-argument",
            main["resource"]["aws_s3_bucket"]["replica"].clone(),
            json!({
                "depends_on": ["aws_vpc.main", "data.aws_partition.current"],
                "lifecycle": {"prevent_destroy": true, "ignore_changes": ["tags"]}
            }),
        ),
        (
            "ignore all changes",
            main["resource"]["aws_vpc"]["frozen"].clone(),
            json!({"lifecycle": {"ignore_changes": "all"}}),
        ),
    ]);
}

#[test]
fn a_module_renders_to_exact_files() {
    let mut module = Module::new(TerraformSettings {
        backend: None,
        required_version: Some(">= 1.10.0".to_owned()),
        required_providers: [(
            "aws".to_owned(),
            RequiredProvider {
                source: "hashicorp/aws".to_owned(),
                version: Some(">= 6.0".to_owned()),
            },
        )]
        .into_iter()
        .collect(),
    });
    module
        .add_aws_provider(AwsProvider {
            region: Some("us-east-1".into()),
            default_tags: Some(AwsDefaultTags {
                tags: Some([("app", "rail")].into_iter().collect()),
            }),
        })
        .expect("one default provider");
    let cidr = module
        .add_variable(
            "cidr",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                ..Variable::default()
            },
        )
        .expect("valid");
    let vpc = module
        .add_resource(
            "main_us_east_1",
            Vpc {
                region: Some("us-east-1".into()),
                cidr_block: Some(cidr.reference().into()),
                ..Vpc::default()
            },
        )
        .expect("valid");
    module
        .add_output("vpc_id", Output::new(vpc.id()))
        .expect("valid");
    module.add_moved(Moved {
        from: vpc
            .terraform_address()
            .with_name("main")
            .expect("valid former name"),
        to: vpc.terraform_address(),
    });

    let files = module.render_files().expect("renders");
    let rendered: Vec<(&str, &str)> = files
        .iter()
        .map(|file| (file.name, file.contents.as_str()))
        .collect();
    assert_eq!(
        rendered,
        vec![
            (
                "versions.tf.json",
                "{\n  \"terraform\": {\n    \"required_providers\": {\n      \"aws\": {\n        \"source\": \"hashicorp/aws\",\n        \"version\": \">= 6.0\"\n      }\n    },\n    \"required_version\": \">= 1.10.0\"\n  }\n}\n"
            ),
            (
                "main.tf.json",
                "{\n  \"provider\": {\n    \"aws\": {\n      \"default_tags\": {\n        \"tags\": {\n          \"app\": \"rail\"\n        }\n      },\n      \"region\": \"us-east-1\"\n    }\n  },\n  \"resource\": {\n    \"aws_vpc\": {\n      \"main_us_east_1\": {\n        \"cidr_block\": \"${var.cidr}\",\n        \"region\": \"us-east-1\"\n      }\n    }\n  }\n}\n"
            ),
            (
                "variables.tf.json",
                "{\n  \"variable\": {\n    \"cidr\": {\n      \"type\": \"string\"\n    }\n  }\n}\n"
            ),
            (
                "outputs.tf.json",
                "{\n  \"output\": {\n    \"vpc_id\": {\n      \"value\": \"${aws_vpc.main_us_east_1.id}\"\n    }\n  }\n}\n"
            ),
            (
                "moved.tf.json",
                "{\n  \"moved\": [\n    {\n      \"from\": \"aws_vpc.main\",\n      \"to\": \"aws_vpc.main_us_east_1\"\n    }\n  ]\n}\n"
            ),
        ]
    );
}

#[test]
fn type_constraints_render_as_type_expressions() {
    assert_serializes(vec![(
        "map of strings",
        json_of(TypeConstraint::Map(Box::new(TypeConstraint::String))),
        json!("map(string)"),
    )]);
}

#[test]
fn module_mistakes_are_errors_not_silent_output() {
    let mut h = handles();
    let duplicate = h.module.add_resource("main", Vpc::default());
    assert!(
        matches!(duplicate, Err(ModuleError::Duplicate { .. })),
        "{duplicate:?}"
    );
    let invalid = h.module.add_resource("1st", Vpc::default());
    assert!(
        matches!(invalid, Err(ModuleError::InvalidName { .. })),
        "{invalid:?}"
    );
    let second_default = h
        .module
        .add_aws_provider(AwsProvider::default())
        .and_then(|_| h.module.add_aws_provider(AwsProvider::default()));
    assert!(
        matches!(second_default, Err(ModuleError::Duplicate { .. })),
        "{second_default:?}"
    );
    let not_finite = h.module.add_resource(
        "nan",
        LbTargetGroup {
            port: Some(f64::NAN.into()),
            ..LbTargetGroup::default()
        },
    );
    assert!(
        matches!(not_finite, Err(ModuleError::Serialization { .. })),
        "{not_finite:?}"
    );

    let mut renamed_onto_existing = handles();
    let vpc = renamed_onto_existing.vpc.clone();
    renamed_onto_existing.module.add_moved(Moved {
        from: vpc
            .terraform_address()
            .with_name("main")
            .expect("valid name"),
        to: vpc.terraform_address(),
    });
    let result = renamed_onto_existing.module.to_json_files();
    assert!(
        matches!(result, Err(ModuleError::MovedFromStillDeclared { .. })),
        "{result:?}"
    );

    let mut elsewhere = handles();
    let foreign = Module::new(TerraformSettings::default())
        .add_variable("foreign", Variable::default())
        .expect("valid");
    let validation = VariableValidation {
        condition: Expression::Bool(true),
        error_message: "never".into(),
    };
    let result = elsewhere
        .module
        .add_variable_validation(&foreign, validation);
    assert!(
        matches!(result, Err(ModuleError::UnknownVariable { .. })),
        "{result:?}"
    );
}
