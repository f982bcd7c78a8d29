//! The application's configuration (`runbooks/config/<region>.yaml`, issue 15) read back as YAML
//! from the rendered output of every bundled stack, and checked against the emitted
//! CloudFormation templates and Terraform module: every address is a reference, never a literal;
//! every `ssm` reference names an SSM parameter both targets create in the file's region (the
//! endpoint parameter tasks read); every output reference names an output the named
//! CloudFormation stack declares, in the region the manifest gives it, and an output the Terraform
//! module declares, and both hold the same resource attribute. The settings are the stack's: the
//! read weights, the pool size, the key prefix.

use std::collections::BTreeMap;

use meridian::Target;
use meridian_plan::OutputFile;
use meridian_testkit::bundled_plans;
use serde_json::Value;

use crate::common::{cfn_templates, synthesize_bundled};

/// A YAML file of the output as JSON values.
fn yaml(file: &OutputFile) -> Value {
    serde_saphyr::from_str(&file.contents)
        .unwrap_or_else(|error| panic!("{} is not YAML: {error}", file.path))
}

/// Every reference mapping under `value` (a mapping with `ssm` or `cloudformation_output`), with
/// its path; fails on a `host` that is a plain string (a literal address).
fn references<'v>(value: &'v Value, path: &str, found: &mut Vec<(String, &'v Value)>) {
    match value {
        Value::Object(map)
            if map.contains_key("ssm") || map.contains_key("cloudformation_output") =>
        {
            found.push((path.to_owned(), value));
        }
        Value::Object(map) => {
            for (key, inner) in map {
                assert!(
                    !(key == "host" && inner.is_string()),
                    "{path}.{key} is the literal `{inner}`, not a deploy-time reference"
                );
                references(inner, &format!("{path}.{key}"), found);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                references(inner, &format!("{path}[{index}]"), found);
            }
        }
        _ => {}
    }
}

/// The SSM parameters a template creates: name → the template's region.
fn cfn_parameters(templates: &BTreeMap<String, (String, Value)>) -> Vec<(String, String)> {
    let mut parameters = Vec::new();
    for (region, template) in templates.values() {
        for resource in template["Resources"]
            .as_object()
            .into_iter()
            .flat_map(|r| r.values())
        {
            if resource["Type"] == "AWS::SSM::Parameter"
                && let Some(name) = resource["Properties"]["Name"].as_str()
            {
                parameters.push((name.to_owned(), region.clone()));
            }
        }
    }
    parameters
}

/// The resource and attribute a CloudFormation output's value reads (`Fn::GetAtt`).
fn cfn_attribute(value: &Value) -> Option<(String, String)> {
    let get_att = value.get("Fn::GetAtt")?.as_array()?;
    Some((
        get_att.first()?.as_str()?.to_owned(),
        get_att.get(1)?.as_str()?.to_owned(),
    ))
}

#[test]
fn configuration_references_name_real_parameters_and_outputs() {
    let mut checked_files = 0;
    let mut checked_references = 0;
    for bundled in bundled_plans() {
        let runbooks = synthesize_bundled(bundled, Target::Runbooks);
        let configs: Vec<&OutputFile> = runbooks
            .iter()
            .filter(|file| file.path.starts_with("runbooks/config/"))
            .collect();
        let plan = &bundled.plan;
        let service_regions: Vec<&str> = plan
            .service_regions()
            .map(|region| region.region.as_str())
            .collect();
        let has_data = plan.regions.iter().any(|region| {
            region
                .app
                .as_ref()
                .is_some_and(|app| app.database.is_some() || app.cache.is_some())
        });
        let expected = if has_data { service_regions.len() } else { 0 };
        assert_eq!(
            configs.len(),
            expected,
            "{}: one configuration per service region when there is a database or a cache",
            bundled.name
        );
        if configs.is_empty() {
            continue;
        }
        let cloudformation = synthesize_bundled(bundled, Target::Cloudformation);
        let templates = cfn_templates(&cloudformation);
        let parameters = cfn_parameters(&templates);
        let terraform = synthesize_bundled(bundled, Target::Terraform);
        let module_file = |name: &str| -> Value {
            let file = terraform
                .iter()
                .find(|file| file.path == format!("terraform/{name}"))
                .expect("the module file");
            serde_json::from_str(&file.contents).expect("JSON")
        };
        let tf_outputs = module_file("outputs.tf.json");
        let tf_main = module_file("main.tf.json");
        let tf_parameters: Vec<(String, String)> = tf_main["resource"]["aws_ssm_parameter"]
            .as_object()
            .into_iter()
            .flat_map(|resources| resources.values())
            .filter_map(|resource| {
                Some((
                    resource["name"].as_str()?.to_owned(),
                    resource["region"].as_str()?.to_owned(),
                ))
            })
            .collect();
        for file in configs {
            checked_files += 1;
            let config = yaml(file);
            let region = config["region"].as_str().expect("a region").to_owned();
            assert_eq!(file.path, format!("runbooks/config/{region}.yaml"));
            let mut found = Vec::new();
            references(&config, "", &mut found);
            assert!(!found.is_empty(), "{}: no reference at all", file.path);
            for (path, reference) in found {
                checked_references += 1;
                if let Some(name) = reference["ssm"].as_str() {
                    let pair = (name.to_owned(), region.clone());
                    assert!(
                        parameters.contains(&pair),
                        "{} {path}: no CloudFormation SSM parameter `{name}` in {region}",
                        file.path
                    );
                    assert!(
                        tf_parameters.contains(&pair),
                        "{} {path}: no Terraform SSM parameter `{name}` in {region}",
                        file.path
                    );
                    continue;
                }
                let cfn = &reference["cloudformation_output"];
                let stack = cfn["stack"].as_str().expect("a stack");
                let output = cfn["output"].as_str().expect("an output");
                let (template_region, template) = templates
                    .get(stack)
                    .unwrap_or_else(|| panic!("{} {path}: no stack `{stack}`", file.path));
                assert_eq!(cfn["region"].as_str(), Some(template_region.as_str()));
                let value = &template["Outputs"][output]["Value"];
                assert!(
                    !value.is_null(),
                    "{} {path}: `{stack}` declares no output `{output}`",
                    file.path
                );
                let tf_name = reference["terraform_output"].as_str().expect("a tf output");
                let tf_value = tf_outputs["output"][tf_name]["value"]
                    .as_str()
                    .unwrap_or_else(|| {
                        panic!("{} {path}: no Terraform output `{tf_name}`", file.path)
                    });
                // The same attribute of the same resource: `Fn::GetAtt [Logical, Attr]` and
                // `${type.logical_snake_region.attr}`.
                let (logical, attribute) = cfn_attribute(value).unwrap_or_else(|| {
                    panic!("{stack}.{output} is not a resource attribute: {value}")
                });
                let expected_attr = match attribute.as_str() {
                    "Endpoint.Address" => "address",
                    "ConfigurationEndPoint.Address" => "configuration_endpoint_address",
                    "PrimaryEndPoint.Address" => "primary_endpoint_address",
                    other => panic!("{stack}.{output}: unexpected attribute {other}"),
                };
                let snake = meridian_plan::naming::snake(&logical);
                assert!(
                    tf_value.contains(&snake) && tf_value.ends_with(&format!(".{expected_attr}}}")),
                    "{} {path}: the Terraform output `{tf_name}` = `{tf_value}` is not {logical}.{attribute}",
                    file.path
                );
            }
        }
    }
    assert!(
        checked_files >= 6,
        "only {checked_files} configuration files"
    );
    assert!(
        checked_references >= 20,
        "only {checked_references} references"
    );
}

/// The settings the seed's configuration holds come from the stack file.
#[test]
fn the_seed_configuration_holds_the_stacks_settings() {
    let bundled = bundled_plans()
        .iter()
        .find(|bundled| bundled.file_name.ends_with("rail-backend.yaml"))
        .expect("the seed stack");
    let runbooks = synthesize_bundled(bundled, Target::Runbooks);
    let file = runbooks
        .iter()
        .find(|file| file.path == "runbooks/config/eu-west-1.yaml")
        .expect("eu-west-1's configuration");
    let config = yaml(file);
    let database = &config["database"];
    assert_eq!(database["primary"]["port"], 5432);
    assert_eq!(database["primary"]["name"], "rail_service");
    assert_eq!(database["primary"]["ssl_mode"], "require");
    assert_eq!(database["primary"]["max_connections"], 100, "the pool size");
    assert_eq!(
        database["primary"]["host"]["ssm"],
        "/rail-backend/database/writer-address"
    );
    let weights: Vec<(String, u64)> = database["read_replicas"]
        .as_array()
        .expect("replicas")
        .iter()
        .map(|replica| {
            (
                replica["region"].as_str().expect("a region").to_owned(),
                replica["weight"].as_u64().expect("a weight"),
            )
        })
        .collect();
    assert_eq!(
        weights,
        [
            ("us-east-1".to_owned(), 60),
            ("eu-west-1".to_owned(), 30),
            ("ap-northeast-1".to_owned(), 10)
        ]
    );
    let redis = &config["redis"];
    assert_eq!(redis["local_cluster"]["mode"], "cluster");
    assert_eq!(redis["local_cluster"]["nodes"][0]["port"], 6379);
    assert_eq!(
        redis["local_cluster"]["nodes"][0]["host"]["cloudformation_output"]["stack"],
        "rail-backend-eu-west-1"
    );
    assert_eq!(
        redis["primary"]["host"]["ssm"],
        "/rail-backend/cache/primary-endpoint"
    );
    assert_eq!(redis["global_keys"]["prefix"], "rail:global");
    assert_eq!(
        redis["global_keys"]["replicated_keys"],
        serde_json::json!(["session:*", "rate_limit:*", "token_blacklist:*"])
    );
    assert_eq!(
        redis["cross_region_replication"]["target_regions"],
        serde_json::json!(["eu-west-1", "ap-northeast-1"])
    );
}
