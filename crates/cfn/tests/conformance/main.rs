//! Registry-schema conformance of the L1 types: a realistic template built from every type has no
//! findings, the checker catches each kind of mistake, and every type has a vendored schema.

mod sample_template;

use std::collections::BTreeSet;
use std::path::Path;

use meridian_cfn::conformance::{
    Finding, FindingKind, RegistrySchemas, VENDORED_SCHEMA_FILES, VENDORED_SCHEMA_FOLDER,
    schema_file_name,
};
use meridian_cfn::l1::ResourceKind;
use serde_json::{Value as Json, json};

use sample_template::sample_service_template;

fn sample_template_json() -> Json {
    serde_json::to_value(sample_service_template()).expect("the sample template serializes")
}

fn check(template: &Json) -> Vec<Finding> {
    RegistrySchemas::vendored()
        .expect("the vendored schemas parse")
        .check_template(template)
}

fn render(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|finding| format!("  {finding}\n"))
        .collect()
}

#[test]
fn sample_template_has_no_findings() {
    let findings = check(&sample_template_json());
    assert!(
        findings.is_empty(),
        "the sample template breaks the registry schemas:\n{}",
        render(&findings)
    );
}

#[test]
fn sample_template_uses_every_resource_type() {
    let template = sample_service_template();
    let used: BTreeSet<&str> = template
        .resources
        .values()
        .map(|resource| resource.type_name())
        .collect();
    let unused: Vec<&str> = ResourceKind::ALL_TYPE_NAMES
        .iter()
        .copied()
        .filter(|type_name| !used.contains(type_name))
        .collect();
    assert!(
        unused.is_empty(),
        "types without a sample instance: {unused:?}"
    );
}

#[test]
fn every_resource_type_has_a_vendored_schema_and_nothing_else_is_vendored() {
    let schemas = RegistrySchemas::vendored().expect("the vendored schemas parse");
    let typed: BTreeSet<&str> = ResourceKind::ALL_TYPE_NAMES.iter().copied().collect();
    assert_eq!(
        typed.len(),
        ResourceKind::ALL_TYPE_NAMES.len(),
        "a type is listed twice in ResourceKind"
    );
    let vendored: BTreeSet<&str> = schemas.type_names().collect();
    assert_eq!(typed, vendored, "typed and vendored types differ");

    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join(VENDORED_SCHEMA_FOLDER);
    let files_on_disk: BTreeSet<String> = std::fs::read_dir(&folder)
        .expect("the vendored schema folder exists")
        .map(|entry| {
            entry
                .expect("the folder can be listed")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    let expected_files: BTreeSet<String> = typed
        .iter()
        .map(|type_name| schema_file_name(type_name))
        .collect();
    assert_eq!(
        files_on_disk, expected_files,
        "schema files on disk and typed types differ"
    );
    let embedded_files: BTreeSet<String> = VENDORED_SCHEMA_FILES
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    assert_eq!(
        embedded_files, expected_files,
        "embedded and typed schema files differ"
    );
}

/// A deliberate mistake in the sample template and the one finding it must cause.
struct Mistake {
    description: &'static str,
    mutate: fn(&mut Json),
    expected_kind: FindingKind,
    expected_path: &'static str,
    expected_message_part: &'static str,
}

fn properties<'a>(template: &'a mut Json, logical_id: &str) -> &'a mut Json {
    &mut template["Resources"][logical_id]["Properties"]
}

fn rename_key(object: &mut Json, from: &str, to: &str) {
    let map = object.as_object_mut().expect("an object");
    let value = map.remove(from).expect("the key to rename exists");
    map.insert(to.to_owned(), value);
}

fn remove_key(object: &mut Json, key: &str) {
    object
        .as_object_mut()
        .expect("an object")
        .remove(key)
        .expect("the key to remove exists");
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        description: "a misspelled top-level property",
        mutate: |template| {
            rename_key(
                properties(template, "Service"),
                "DesiredCount",
                "DesiredCnt",
            )
        },
        expected_kind: FindingKind::UnknownProperty,
        expected_path: "Resources.Service.Properties.DesiredCnt",
        expected_message_part: "did you mean `DesiredCount`",
    },
    Mistake {
        description: "a misspelled nested property",
        mutate: |template| {
            let advanced =
                &mut properties(template, "Service")["LoadBalancers"][0]["AdvancedConfiguration"];
            rename_key(advanced, "TestListenerRule", "TestListenerRules");
        },
        expected_kind: FindingKind::UnknownProperty,
        expected_path: "Resources.Service.Properties.LoadBalancers[0].AdvancedConfiguration.TestListenerRules",
        expected_message_part: "did you mean `TestListenerRule`",
    },
    Mistake {
        description: "a missing required property",
        mutate: |template| remove_key(properties(template, "AlbSecurityGroup"), "GroupDescription"),
        expected_kind: FindingKind::MissingRequiredProperty,
        expected_path: "Resources.AlbSecurityGroup.Properties",
        expected_message_part: "`GroupDescription`",
    },
    Mistake {
        description: "a missing required property inside an Fn::If branch",
        mutate: |template| {
            let destination = &mut properties(template, "DataBucket")["ReplicationConfiguration"]["Fn::If"]
                [1]["Rules"][0]["Destination"];
            remove_key(destination, "Bucket");
        },
        expected_kind: FindingKind::MissingRequiredProperty,
        expected_path: "Resources.DataBucket.Properties.ReplicationConfiguration.Fn::If[1].Rules[0].Destination",
        expected_message_part: "`Bucket`",
    },
    Mistake {
        description: "a string where the schema wants an integer",
        mutate: |template| properties(template, "BlueTargetGroup")["Port"] = json!("8080"),
        expected_kind: FindingKind::TypeMismatch,
        expected_path: "Resources.BlueTargetGroup.Properties.Port",
        expected_message_part: "expected integer, found string \"8080\"",
    },
    Mistake {
        description: "an integer where the schema wants a string",
        mutate: |template| properties(template, "Database")["AllocatedStorage"] = json!(100),
        expected_kind: FindingKind::TypeMismatch,
        expected_path: "Resources.Database.Properties.AllocatedStorage",
        expected_message_part: "expected string, found integer 100",
    },
    Mistake {
        description: "a string where the schema wants a boolean",
        mutate: |template| properties(template, "Vpc")["EnableDnsSupport"] = json!("true"),
        expected_kind: FindingKind::TypeMismatch,
        expected_path: "Resources.Vpc.Properties.EnableDnsSupport",
        expected_message_part: "expected boolean",
    },
    Mistake {
        description: "a value outside a string enum",
        mutate: |template| properties(template, "Service")["LaunchType"] = json!("FARGTE"),
        expected_kind: FindingKind::EnumViolation,
        expected_path: "Resources.Service.Properties.LaunchType",
        expected_message_part: "\"FARGTE\" is not one of \"EC2\", \"FARGATE\", \"EXTERNAL\"",
    },
    Mistake {
        description: "a value outside a nested string enum",
        mutate: |template| {
            properties(template, "Service")["DeploymentConfiguration"]["Strategy"] =
                json!("BLUE-GREEN")
        },
        expected_kind: FindingKind::EnumViolation,
        expected_path: "Resources.Service.Properties.DeploymentConfiguration.Strategy",
        expected_message_part: "\"BLUE-GREEN\"",
    },
    Mistake {
        description: "a value outside an integer enum",
        mutate: |template| properties(template, "AppLogGroup")["RetentionInDays"] = json!(31),
        expected_kind: FindingKind::EnumViolation,
        expected_path: "Resources.AppLogGroup.Properties.RetentionInDays",
        expected_message_part: "31 is not one of",
    },
    Mistake {
        description: "a read-only property",
        mutate: |template| {
            properties(template, "TaskRole")["Arn"] = json!("arn:aws:iam::123456789012:role/x")
        },
        expected_kind: FindingKind::ReadOnlyPropertySet,
        expected_path: "Resources.TaskRole.Properties.Arn",
        expected_message_part: "read-only",
    },
    Mistake {
        description: "a type with no vendored schema",
        mutate: |template| template["Resources"]["Vpc"]["Type"] = json!("AWS::EC2::VPCs"),
        expected_kind: FindingKind::UnknownResourceType,
        expected_path: "Resources.Vpc.Type",
        expected_message_part: "`AWS::EC2::VPCs`",
    },
    Mistake {
        description: "a misspelled resource attribute",
        mutate: |template| {
            rename_key(
                &mut template["Resources"]["PublicDefaultRoute"],
                "DependsOn",
                "DependOn",
            )
        },
        expected_kind: FindingKind::UnknownResourceAttribute,
        expected_path: "Resources.PublicDefaultRoute.DependOn",
        expected_message_part: "not a resource attribute",
    },
    Mistake {
        description: "none of the alternatives of anyOf (a policy attached to nothing)",
        mutate: |template| remove_key(properties(template, "TaskRoleDataAccessPolicy"), "Roles"),
        expected_kind: FindingKind::NoAlternativeMatches,
        expected_path: "Resources.TaskRoleDataAccessPolicy.Properties",
        expected_message_part: "missing required property `Roles`",
    },
    Mistake {
        description: "two alternatives of oneOf at once",
        mutate: |template| {
            properties(template, "LatencyRecord")["HostedZoneName"] = json!("example.com.")
        },
        expected_kind: FindingKind::SeveralAlternativesMatch,
        expected_path: "Resources.LatencyRecord.Properties",
        expected_message_part: "exactly one",
    },
];

#[test]
fn checker_reports_each_kind_of_mistake_once() {
    for mistake in MISTAKES {
        let mut template = sample_template_json();
        (mistake.mutate)(&mut template);
        let findings = check(&template);
        assert_eq!(
            findings.len(),
            1,
            "{}: expected exactly one finding, got:\n{}",
            mistake.description,
            render(&findings)
        );
        let finding = &findings[0];
        assert_eq!(
            finding.kind, mistake.expected_kind,
            "{}: {finding}",
            mistake.description
        );
        assert_eq!(
            finding.path, mistake.expected_path,
            "{}: {finding}",
            mistake.description
        );
        assert!(
            finding.message.contains(mistake.expected_message_part),
            "{}: message {:?} lacks {:?}",
            mistake.description,
            finding.message,
            mistake.expected_message_part
        );
    }
}

#[test]
fn intrinsic_functions_match_any_type() {
    let mut template = sample_template_json();
    let target_group = properties(&mut template, "BlueTargetGroup");
    target_group["Port"] = json!({"Ref": "ContainerPort"});
    target_group["HealthCheckEnabled"] =
        json!({"Fn::If": ["HealthChecks", true, {"Ref": "AWS::NoValue"}]});
    target_group["TargetGroupAttributes"] = json!({"Fn::Split": [",", "a=b"]});
    let findings = check(&template);
    assert!(findings.is_empty(), "{}", render(&findings));
}

#[test]
fn a_template_without_resources_is_reported() {
    let findings = check(&json!({"AWSTemplateFormatVersion": "2010-09-09"}));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].kind, FindingKind::MalformedTemplate);
}

/// Writes the sample template where `MERIDIAN_CFN_SAMPLE_OUT` says, to run the real cfn-lint on it:
/// `MERIDIAN_CFN_SAMPLE_OUT=/tmp/sample.json cargo test -p meridian-cfn --test conformance -- --ignored`
/// then `cfn-check /tmp/sample.json`. The project's tests do not depend on cfn-lint.
#[test]
#[ignore = "writes a file for a manual cfn-lint run"]
fn write_sample_template_for_cfn_lint() {
    let path = std::env::var_os("MERIDIAN_CFN_SAMPLE_OUT").expect("MERIDIAN_CFN_SAMPLE_OUT is set");
    let text = sample_service_template()
        .to_json_pretty()
        .expect("the sample template serializes");
    std::fs::write(path, text).expect("the sample template can be written");
}
