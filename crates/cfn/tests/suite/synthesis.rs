//! CloudFormation synthesis of the bundled stacks: references resolve (inside a template and
//! across stacks, in deploy order), the rules AWS enforces at deploy time that cfn-lint cannot see
//! hold, and synthesis is deterministic. How a generated stack's divided regions are written is in
//! `division.rs`.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use crate::support::{
    Context, all_stack_outputs, assert_holds, bundled, bundled_stack_paths, get_att, plan_of,
    ref_target, resources, stack_output, sub_names, walk,
};

// ---------------------------------------------------------------------------------------------
// Shape of the output

#[test]
fn every_reference_names_something_with_that_attribute() {
    assert_holds("references and attributes", |context| {
        context.examined("resource", resources(context.template()).count());
        meridian_cfn::l1::unresolved_references(context.template())
            .iter()
            .map(|problem| context.at("-", problem))
            .collect()
    });
}

#[test]
fn files_are_every_unit_in_deploy_order_then_the_manifest() {
    for stack in bundled() {
        let mut expected: Vec<String> = stack
            .plan
            .units
            .iter()
            .map(|unit| format!("cloudformation/{}", unit.template_file))
            .collect();
        expected.push("manifest.json".to_owned());
        let paths: Vec<&str> = stack.files.iter().map(|file| file.path.as_str()).collect();
        assert_eq!(paths, expected, "{}", stack.name);
        for file in &stack.files {
            assert!(
                file.contents.ends_with("}\n") && !file.contents.ends_with("\n\n"),
                "{}: {} ends with exactly one newline",
                stack.name,
                file.path
            );
            assert!(
                file.contents.starts_with("{\n  \""),
                "{}: {} is pretty JSON with two-space indentation",
                stack.name,
                file.path
            );
        }
    }
}

#[test]
fn synthesis_is_deterministic() {
    for path in bundled_stack_paths() {
        let first = meridian_cfn::synthesize(&plan_of(&path));
        let second = meridian_cfn::synthesize(&plan_of(&path));
        assert_eq!(first, second, "{}", path.display());
        for file in &first {
            assert!(
                !file.path.starts_with('/') && !file.contents.contains(env!("CARGO_MANIFEST_DIR")),
                "{}: {} holds no absolute path",
                path.display(),
                file.path
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// References

#[test]
fn manifest_lists_the_units_in_order_with_an_acyclic_dependency_graph() {
    for stack in bundled() {
        let units = stack.manifest["units"].as_array().expect("units");
        let order: Vec<&str> = units
            .iter()
            .map(|unit| unit["stack_name"].as_str().expect("stack_name"))
            .collect();
        let planned: Vec<&str> = stack
            .plan
            .units
            .iter()
            .map(|unit| unit.stack_name.as_str())
            .collect();
        assert_eq!(order, planned, "{}: manifest order", stack.name);
        // Every dependency comes earlier, so the graph is acyclic and the order deploys it.
        let mut deployed = BTreeSet::new();
        for unit in units {
            for dependency in unit["depends_on"].as_array().expect("depends_on") {
                let producer = dependency["stack_name"].as_str().expect("stack_name");
                assert!(
                    deployed.contains(producer),
                    "{}: {} depends on {producer}, which does not deploy earlier",
                    stack.name,
                    unit["stack_name"]
                );
            }
            deployed.insert(unit["stack_name"].as_str().expect("stack_name"));
        }
    }
}

#[test]
fn stack_outputs_name_an_earlier_stack_in_its_region_and_an_output_it_declares() {
    assert_holds("Fn::GetStackOutput targets", |context| {
        let mut found = Vec::new();
        let position = |stack_name: &str| {
            context
                .stack
                .templates
                .iter()
                .position(|unit| unit.stack_name == stack_name)
        };
        let own = position(&context.unit.stack_name).expect("the unit is in its stack");
        let imports = all_stack_outputs(context.template());
        context.examined("Fn::GetStackOutput", imports.len());
        for (producer, region, output) in imports {
            let Some(index) = position(&producer) else {
                found.push(context.at("-", format!("imports from unknown stack {producer}")));
                continue;
            };
            let producer_unit = &context.stack.templates[index];
            if index >= own {
                found
                    .push(context.at("-", format!("imports from {producer}, which deploys later")));
            }
            if producer_unit.region != region {
                found.push(context.at(
                    "-",
                    format!(
                        "imports {producer} in {region}, but it deploys to {}",
                        producer_unit.region
                    ),
                ));
            }
            if producer_unit.template["Outputs"].get(&output).is_none() {
                found.push(context.at(
                    "-",
                    format!("imports {producer}.{output}, which it does not declare"),
                ));
            }
        }
        found
    });
}

#[test]
fn manifest_consumes_exactly_the_outputs_the_template_imports_and_the_plan_lists() {
    assert_holds("manifest consumes and depends_on", |context| {
        let mut found = Vec::new();
        let unit = context.stack.manifest["units"]
            .as_array()
            .expect("units")
            .iter()
            .find(|unit| unit["stack_name"] == context.unit.stack_name.as_str())
            .expect("the unit is in the manifest");
        let listed: BTreeSet<(String, String, String)> = unit["consumes"]
            .as_array()
            .expect("consumes")
            .iter()
            .map(|consumed| {
                let field = |name: &str| consumed[name].as_str().expect("a string").to_owned();
                (field("stack_name"), field("region"), field("output"))
            })
            .collect();
        let imported = all_stack_outputs(context.template());
        context.examined("manifest unit", 1);
        context.examined("Fn::GetStackOutput", imported.len());
        if listed != imported {
            found.push(context.at(
                "-",
                format!("manifest lists {listed:?}, template imports {imported:?}"),
            ));
        }
        let depends_on: BTreeSet<&str> = unit["depends_on"]
            .as_array()
            .expect("depends_on")
            .iter()
            .filter_map(|dependency| dependency["stack_name"].as_str())
            .collect();
        for (producer, _, output) in &imported {
            if !depends_on.contains(producer.as_str()) {
                found.push(context.at(
                    "-",
                    format!("imports {producer}.{output} without depending on it"),
                ));
            }
        }
        // What the template imports, the plan knows the unit consumes (it may list more: values
        // CloudFormation has no use for).
        let plan_unit = context
            .stack
            .plan
            .units
            .iter()
            .find(|unit| unit.stack_name == context.unit.stack_name)
            .expect("a planned unit");
        for (producer, _, output) in &imported {
            let planned = plan_unit.consumes.iter().any(|(producer_id, name)| {
                name == output
                    && context
                        .stack
                        .plan
                        .units
                        .iter()
                        .any(|unit| &unit.id == producer_id && &unit.stack_name == producer)
            });
            if !planned {
                found.push(context.at(
                    "-",
                    format!("imports {producer}.{output}, which the plan's consumes omits"),
                ));
            }
        }
        found
    });
}

#[test]
fn refs_getatts_subs_and_depends_on_name_entries_of_the_same_template() {
    assert_holds("references within a template", |context| {
        let template = context.template();
        let resource_ids: BTreeSet<&str> = resources(template).map(|(id, _)| id).collect();
        let parameter_ids: BTreeSet<&str> = template["Parameters"]
            .as_object()
            .map(|parameters| parameters.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let known = |name: &str| {
            name.starts_with("AWS::") || resource_ids.contains(name) || parameter_ids.contains(name)
        };
        let mut found = Vec::new();
        let mut references = 0;
        let mut check = |value: &Json| {
            if let Some(target) = ref_target(value) {
                references += 1;
                if !known(target) {
                    found.push(context.at("-", format!("Ref to unknown `{target}`")));
                }
            }
            if let Some((target, _)) = get_att(value) {
                references += 1;
                if !resource_ids.contains(target) {
                    found.push(context.at("-", format!("GetAtt of unknown `{target}`")));
                }
            }
            if let Some(sub) = value.as_object().and_then(|map| map.get("Fn::Sub")) {
                references += 1;
                let (text, variables) = match sub {
                    Json::String(text) => (text.as_str(), None),
                    Json::Array(arguments) => (
                        arguments[0].as_str().expect("a Sub template"),
                        arguments[1].as_object(),
                    ),
                    _ => unreachable!("Fn::Sub takes a string or a pair"),
                };
                for name in sub_names(text) {
                    let head = name.split('.').next().unwrap_or(&name).to_owned();
                    let is_variable =
                        variables.is_some_and(|variables| variables.contains_key(&name));
                    if !is_variable && !known(&head) {
                        found.push(context.at("-", format!("Fn::Sub names unknown `{name}`")));
                    }
                }
            }
        };
        walk(&template["Resources"], &mut check);
        walk(&template["Outputs"], &mut check);
        context.examined("Ref, Fn::GetAtt or Fn::Sub", references);
        for (id, resource) in resources(template) {
            for dependency in resource["DependsOn"].as_array().into_iter().flatten() {
                context.examined("DependsOn entry", 1);
                let dependency = dependency.as_str().expect("a logical ID");
                if !resource_ids.contains(dependency) {
                    found.push(context.at(id, format!("DependsOn unknown `{dependency}`")));
                }
            }
        }
        found
    });
}

#[test]
fn parameters_are_the_units_own_with_the_type_of_their_kind() {
    for stack in bundled() {
        for (unit, synthesized) in stack.plan.units.iter().zip(&stack.templates) {
            let declared: BTreeSet<String> = synthesized.template["Parameters"]
                .as_object()
                .map(|parameters| parameters.keys().cloned().collect())
                .unwrap_or_default();
            let expected: BTreeSet<String> = unit
                .parameters
                .iter()
                .map(|name| {
                    let parameter = stack
                        .plan
                        .parameters
                        .iter()
                        .find(|parameter| &parameter.name == name)
                        .expect("a planned parameter");
                    let declaration = &synthesized.template["Parameters"][&parameter.cfn_name];
                    let expected_type = match parameter.kind {
                        meridian_plan::ParamKind::HostedZoneId => "AWS::Route53::HostedZone::Id",
                        meridian_plan::ParamKind::VpcId => "AWS::EC2::VPC::Id",
                        meridian_plan::ParamKind::SubnetId => "AWS::EC2::Subnet::Id",
                        _ => "String",
                    };
                    assert_eq!(
                        declaration["Type"], expected_type,
                        "{}: {name}",
                        unit.stack_name
                    );
                    if expected_type == "String" {
                        assert!(
                            declaration["AllowedPattern"].is_string(),
                            "{name} has a pattern"
                        );
                        assert!(declaration["ConstraintDescription"].is_string(), "{name}");
                    }
                    assert_eq!(
                        declaration.get("NoEcho").is_some(),
                        parameter.sensitive,
                        "{}: {name} is NoEcho exactly when sensitive",
                        unit.stack_name
                    );
                    parameter.cfn_name.clone()
                })
                .collect();
            assert_eq!(declared, expected, "{}", unit.stack_name);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Deploy-time rules AWS enforces and cfn-lint does not check

#[test]
fn service_load_balancer_container_matches_the_task_definition() {
    assert_holds("service container name and port", |context| {
        let mut found = Vec::new();
        for (id, service) in context.resources_of_type("AWS::ECS::Service") {
            let properties = &service["Properties"];
            let task_id = ref_target(&properties["TaskDefinition"]).expect("a task definition Ref");
            let containers = &context.resource(task_id).expect("the task definition")["Properties"]
                ["ContainerDefinitions"];
            for attachment in properties["LoadBalancers"].as_array().into_iter().flatten() {
                let container = containers
                    .as_array()
                    .expect("containers")
                    .iter()
                    .find(|container| container["Name"] == attachment["ContainerName"]);
                match container {
                    None => found.push(
                        context.at(id, format!("no container {}", attachment["ContainerName"])),
                    ),
                    Some(container) => {
                        let ports: Vec<&Json> = container["PortMappings"]
                            .as_array()
                            .expect("port mappings")
                            .iter()
                            .map(|mapping| &mapping["ContainerPort"])
                            .collect();
                        if !ports.contains(&&attachment["ContainerPort"]) {
                            found.push(context.at(
                                id,
                                format!(
                                    "port {} is not one of {ports:?}",
                                    attachment["ContainerPort"]
                                ),
                            ));
                        }
                    }
                }
            }
        }
        found
    });
}

#[test]
fn read_replicas_leave_what_they_inherit_unset_scale_storage_and_use_a_key_of_their_region() {
    const INHERITED: &[&str] = &[
        "StorageEncrypted",
        "Engine",
        "EngineVersion",
        "MasterUsername",
        "MasterUserPassword",
        "DBName",
        "AllocatedStorage",
        "ManageMasterUserPassword",
    ];
    assert_holds("read replicas", |context| {
        let mut found = Vec::new();
        let replicas: Vec<(&str, &Json, &Json)> = context
            .resources_of_type("AWS::RDS::DBInstance")
            .into_iter()
            .filter_map(|(id, instance)| {
                let properties = &instance["Properties"];
                Some((
                    id,
                    properties,
                    properties.get("SourceDBInstanceIdentifier")?,
                ))
            })
            .collect();
        // The bundled stacks have read replicas.
        context.examined("read replica", replicas.len());
        for (id, properties, source) in replicas {
            for property in INHERITED {
                if properties.get(*property).is_some() {
                    found.push(context.at(id, format!("a replica sets {property}")));
                }
            }
            // The writer's storage autoscales; a replica without a ceiling of its own would not,
            // and would fill up behind it.
            if !properties["MaxAllocatedStorage"].is_number() {
                found.push(context.at(id, "a replica without MaxAllocatedStorage"));
            }
            match stack_output(source) {
                Some((_, region, _)) if properties["SourceRegion"] == region.as_str() => {}
                _ => found.push(context.at(id, "source is not a writer ARN from its region")),
            }
            for key in ["KmsKeyId", "PerformanceInsightsKMSKeyId"] {
                if !in_own_region(context, &properties[key]) {
                    found.push(
                        context.at(id, format!("{key} is not a key of {}", context.unit.region)),
                    );
                }
            }
        }
        found
    });
}

/// Whether a value names something in the template's own region: a resource or parameter of the
/// template, or an output of a stack of the same region.
fn in_own_region(context: &Context<'_>, value: &Json) -> bool {
    if ref_target(value).is_some() || get_att(value).is_some() {
        return true;
    }
    matches!(stack_output(value), Some((_, region, _)) if region == context.unit.region)
}

#[test]
fn secret_replicas_use_a_key_of_the_replica_region() {
    assert_holds("secret replica keys", |context| {
        let mut found = Vec::new();
        for (id, secret) in context.resources_of_type("AWS::SecretsManager::Secret") {
            if !in_own_region(context, &secret["Properties"]["KmsKeyId"]) {
                found.push(context.at(id, "the secret's key is in another region"));
            }
            for replica in secret["Properties"]["ReplicaRegions"]
                .as_array()
                .into_iter()
                .flatten()
            {
                match stack_output(&replica["KmsKeyId"]) {
                    Some((_, region, _)) if replica["Region"] == region.as_str() => {}
                    _ => found.push(context.at(
                        id,
                        format!("replica {} has no key of its region", replica["Region"]),
                    )),
                }
            }
        }
        found
    });
}

#[test]
fn replication_and_object_lock_have_versioning_on_both_sides() {
    assert_holds("bucket replication and Object Lock", |context| {
        let mut found = Vec::new();
        for (id, bucket) in context.resources_of_type("AWS::S3::Bucket") {
            let properties = &bucket["Properties"];
            let versioned =
                |properties: &Json| properties["VersioningConfiguration"]["Status"] == "Enabled";
            let locked = properties.get("ObjectLockConfiguration").is_some();
            if locked && (properties["ObjectLockEnabled"] != true || !versioned(properties)) {
                found.push(context.at(id, "Object Lock without ObjectLockEnabled and versioning"));
            }
            // The bundled stacks replicate buckets.
            context.examined(
                "replication rule",
                properties["ReplicationConfiguration"]["Rules"]
                    .as_array()
                    .map_or(0, Vec::len),
            );
            let Some(replication) = properties.get("ReplicationConfiguration") else {
                continue;
            };
            if !versioned(properties) {
                found.push(context.at(id, "replicates without versioning"));
            }
            let kms_source = properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
                ["ServerSideEncryptionByDefault"]["SSEAlgorithm"]
                == "aws:kms";
            for rule in replication["Rules"].as_array().expect("rules") {
                let destination = &rule["Destination"];
                if rule["Priority"].as_i64().is_none()
                    || rule["Filter"]["Prefix"] != ""
                    || rule["DeleteMarkerReplication"]["Status"].as_str().is_none()
                {
                    found.push(context.at(
                        id,
                        format!(
                            "rule {} lacks Priority, Filter or DeleteMarkerReplication",
                            rule["Id"]
                        ),
                    ));
                }
                if kms_source
                    && rule["SourceSelectionCriteria"]["SseKmsEncryptedObjects"]["Status"]
                        != "Enabled"
                {
                    found
                        .push(context.at(id, format!("rule {} skips SSE-KMS objects", rule["Id"])));
                }
                if destination.get("ReplicationTime").is_some()
                    && (destination["ReplicationTime"]["Time"]["Minutes"] != 15
                        || destination["Metrics"]["EventThreshold"]["Minutes"] != 15)
                {
                    found.push(context.at(
                        id,
                        format!("rule {}: RTC needs 15-minute metrics", rule["Id"]),
                    ));
                }
                let Some((producer, bucket_id, target)) =
                    context.imported_resource(&destination["Bucket"])
                else {
                    found.push(context.at(
                        id,
                        format!(
                            "rule {}: destination is not a bucket of this synthesis",
                            rule["Id"]
                        ),
                    ));
                    continue;
                };
                let target_properties = &target["Properties"];
                if target["Type"] != "AWS::S3::Bucket" || !versioned(target_properties) {
                    found.push(context.at(id, format!("destination {bucket_id} is not versioned")));
                }
                if locked && target_properties.get("ObjectLockConfiguration").is_none() {
                    found.push(
                        context.at(id, format!("destination {bucket_id} has no Object Lock")),
                    );
                }
                match stack_output(&destination["EncryptionConfiguration"]["ReplicaKmsKeyID"]) {
                    Some((_, region, _)) if region == producer.region => {}
                    _ => found.push(context.at(
                        id,
                        format!("replica key of {bucket_id} is not in {}", producer.region),
                    )),
                }
            }
        }
        found
    });
}

#[test]
fn topics_use_a_customer_managed_key_and_alarms_notify_them() {
    assert_holds("alarm topics", |context| {
        let mut found = Vec::new();
        let topics: BTreeSet<&str> = context
            .resources_of_type("AWS::SNS::Topic")
            .into_iter()
            .map(|(id, topic)| {
                match ref_target(&topic["Properties"]["KmsMasterKeyId"])
                    .and_then(|key| context.resource(key))
                {
                    Some(key) if key["Type"] == "AWS::KMS::Key" => {
                        let grants_cloudwatch = key["Properties"]["KeyPolicy"]["Statement"]
                            .as_array()
                            .expect("statements")
                            .iter()
                            .any(|statement| {
                                statement["Principal"]["Service"] == "cloudwatch.amazonaws.com"
                            });
                        if !grants_cloudwatch {
                            found.push(context.at(id, "its key does not let CloudWatch use it"));
                        }
                    }
                    _ => found.push(context.at(
                        id,
                        "not encrypted with a customer managed key of this template",
                    )),
                }
                id
            })
            .collect();
        for (id, alarm) in context.resources_of_type("AWS::CloudWatch::Alarm") {
            for list in ["AlarmActions", "OKActions"] {
                let actions = alarm["Properties"][list]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                if actions.is_empty() {
                    found.push(context.at(id, format!("no {list}")));
                }
                for action in &actions {
                    if !ref_target(action).is_some_and(|topic| topics.contains(topic)) {
                        found.push(context.at(
                            id,
                            format!("{list} holds {action}, not a topic of this template"),
                        ));
                    }
                }
            }
        }
        found
    });
}

#[test]
fn load_balancers_wait_for_their_access_log_bucket_policy() {
    assert_holds("access-log bucket policy first", |context| {
        let mut found = Vec::new();
        for (id, load_balancer) in
            context.resources_of_type("AWS::ElasticLoadBalancingV2::LoadBalancer")
        {
            let attributes = load_balancer["Properties"]["LoadBalancerAttributes"]
                .as_array()
                .expect("attributes");
            let attribute = |key: &str| {
                attributes
                    .iter()
                    .find(|attribute| attribute["Key"] == key)
                    .map(|a| &a["Value"])
            };
            let Some(bucket) = attribute("access_logs.s3.bucket").and_then(ref_target) else {
                found.push(context.at(id, "no access-log bucket"));
                continue;
            };
            let policy = context
                .resources_of_type("AWS::S3::BucketPolicy")
                .into_iter()
                .find(|(_, policy)| ref_target(&policy["Properties"]["Bucket"]) == Some(bucket))
                .map(|(policy_id, _)| policy_id);
            let depends_on: Vec<&str> = load_balancer["DependsOn"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .collect();
            if !policy.is_some_and(|policy| depends_on.contains(&policy)) {
                found.push(context.at(id, format!("does not depend on the policy of {bucket}")));
            }
            for (key, value) in [
                ("access_logs.s3.enabled", "true"),
                ("routing.http.drop_invalid_header_fields.enabled", "true"),
            ] {
                if attribute(key) != Some(&Json::from(value)) {
                    found.push(context.at(id, format!("{key} is not {value}")));
                }
            }
        }
        found
    });
}

#[test]
fn services_wait_for_the_listener_rule_of_their_target_group() {
    assert_holds("service after listener rule", |context| {
        let mut found = Vec::new();
        for (id, service) in context.resources_of_type("AWS::ECS::Service") {
            let serialized = service.to_string();
            for attachment in service["Properties"]["LoadBalancers"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let target_group =
                    ref_target(&attachment["TargetGroupArn"]).expect("a target group");
                let rules: Vec<&str> = context
                    .resources_of_type("AWS::ElasticLoadBalancingV2::ListenerRule")
                    .into_iter()
                    .filter(|(_, rule)| {
                        rule["Properties"]["Actions"]
                            .to_string()
                            .contains(&format!("\"{target_group}\""))
                    })
                    .map(|(rule_id, _)| rule_id)
                    .collect();
                let waits = rules.iter().any(|rule| {
                    serialized.contains(&format!("{{\"Ref\":\"{rule}\"}}"))
                        || service["DependsOn"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .any(|d| d == rule)
                });
                if !waits {
                    found.push(context.at(
                        id,
                        format!(
                            "does not wait for a rule forwarding to {target_group} ({rules:?})"
                        ),
                    ));
                }
            }
        }
        found
    });
}

#[test]
fn deployments_follow_their_strategy() {
    assert_holds("deployment configuration", |context| {
        let mut found = Vec::new();
        for (id, service) in context.resources_of_type("AWS::ECS::Service") {
            let properties = &service["Properties"];
            let deployment = &properties["DeploymentConfiguration"];
            match deployment["Strategy"].as_str() {
                Some("ROLLING") => {
                    if deployment["DeploymentCircuitBreaker"]["Enable"] != true {
                        found.push(context.at(id, "rolling without the circuit breaker"));
                    }
                }
                Some("BLUE_GREEN") => {
                    if !deployment["BakeTimeInMinutes"].is_i64() {
                        found.push(context.at(id, "blue/green without a bake time"));
                    }
                    let advanced = &properties["LoadBalancers"][0]["AdvancedConfiguration"];
                    let (Some(green), Some(rule), Some((role, _))) = (
                        ref_target(&advanced["AlternateTargetGroupArn"]),
                        ref_target(&advanced["ProductionListenerRule"]),
                        get_att(&advanced["RoleArn"]),
                    ) else {
                        found.push(context.at(id, "blue/green without its advanced configuration"));
                        continue;
                    };
                    let blue = ref_target(&properties["LoadBalancers"][0]["TargetGroupArn"])
                        .expect("blue");
                    let weights: BTreeMap<String, i64> = context.resource(rule).expect("the rule")
                        ["Properties"]["Actions"][0]["ForwardConfig"]["TargetGroups"]
                        .as_array()
                        .expect("weighted target groups")
                        .iter()
                        .map(|group| {
                            (
                                ref_target(&group["TargetGroupArn"])
                                    .expect("a Ref")
                                    .to_owned(),
                                group["Weight"].as_i64().expect("a weight"),
                            )
                        })
                        .collect();
                    let expected = BTreeMap::from([(blue.to_owned(), 100), (green.to_owned(), 0)]);
                    if weights != expected {
                        found.push(context.at(
                            id,
                            format!("rule {rule} weights {weights:?}, expected {expected:?}"),
                        ));
                    }
                    let role = &context.resource(role).expect("the role")["Properties"];
                    if role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"]["Service"]
                        != "ecs.amazonaws.com"
                        || !role["ManagedPolicyArns"]
                            .to_string()
                            .contains("AmazonECSInfrastructureRolePolicyForLoadBalancers")
                    {
                        found.push(context.at(
                            id,
                            "the infrastructure role is not ECS's with the load-balancer policy",
                        ));
                    }
                }
                other => found.push(context.at(id, format!("strategy {other:?}"))),
            }
            if let Some(alarms) = deployment.get("Alarms") {
                for name in alarms["AlarmNames"].as_array().expect("alarm names") {
                    let alarm = ref_target(name).and_then(|alarm| context.resource(alarm));
                    if !alarm.is_some_and(|alarm| alarm["Type"] == "AWS::CloudWatch::Alarm") {
                        found.push(context.at(
                            id,
                            format!("deployment alarm {name} is not an alarm of this template"),
                        ));
                    }
                }
            }
            let network = &properties["NetworkConfiguration"]["AwsvpcConfiguration"];
            if network["AssignPublicIp"] != "DISABLED" || properties["LaunchType"] != "FARGATE" {
                found.push(context.at(id, "tasks are not private Fargate tasks"));
            }
        }
        found
    });
}

#[test]
fn rotation_needs_the_secrets_manager_transform_and_comma_separated_network_settings() {
    assert_holds("hosted rotation", |context| {
        let mut found = Vec::new();
        let rotations = context.resources_of_type("AWS::SecretsManager::RotationSchedule");
        let transform = context.template()["Transform"].clone();
        let has_transform = transform.as_array().is_some_and(|transforms| {
            transforms.contains(&Json::from("AWS::SecretsManager-2020-07-23"))
        });
        let needs_transform = !rotations.is_empty();
        if has_transform != needs_transform {
            found.push(context.at(
                "-",
                format!("Transform {transform} with {} rotation(s)", rotations.len()),
            ));
        }
        let capabilities = context.stack.manifest["units"]
            .as_array()
            .expect("units")
            .iter()
            .find(|unit| unit["stack_name"] == context.unit.stack_name.as_str())
            .expect("the unit")["capabilities"]
            .clone();
        if has_transform != capabilities.to_string().contains("CAPABILITY_AUTO_EXPAND") {
            found.push(context.at(
                "-",
                format!("capabilities {capabilities} do not match the transform"),
            ));
        }
        for (id, rotation) in rotations {
            let hosted = &rotation["Properties"]["HostedRotationLambda"];
            if hosted["RotationType"] != "PostgreSQLSingleUser" {
                found.push(context.at(id, "not PostgreSQL single-user rotation"));
            }
            // Strings, not lists: a GetAtt of one group, a Join of the subnets.
            if get_att(&hosted["VpcSecurityGroupIds"]).is_none()
                || hosted["VpcSubnetIds"]["Fn::Join"][0] != ","
            {
                found.push(context.at(id, "network settings are not comma-separated strings"));
            }
        }
        found
    });
}

/// The capabilities a template's stack must be created with, read from the template:
/// `CAPABILITY_IAM` for IAM resources (and for transforms, whose expansion creates roles),
/// `CAPABILITY_NAMED_IAM` when a role, user, group, instance profile or managed policy has a fixed
/// name, `CAPABILITY_AUTO_EXPAND` for transforms such as the Secrets Manager one.
fn required_capabilities(context: &Context<'_>) -> Vec<&'static str> {
    let mut iam = false;
    let mut named_iam = false;
    for (_, resource) in resources(context.template()) {
        if resource["Type"]
            .as_str()
            .is_some_and(|type_name| type_name.starts_with("AWS::IAM::"))
        {
            iam = true;
            named_iam |= [
                "RoleName",
                "ManagedPolicyName",
                "UserName",
                "GroupName",
                "InstanceProfileName",
            ]
            .iter()
            .any(|name| resource["Properties"].get(*name).is_some());
        }
    }
    let transform = context.template()["Transform"]
        .as_array()
        .is_some_and(|transforms| !transforms.is_empty());
    context.examined("template with IAM resources", usize::from(iam));
    context.examined("template with a transform", usize::from(transform));
    let mut capabilities = Vec::new();
    if iam || transform {
        capabilities.push("CAPABILITY_IAM");
    }
    if named_iam {
        capabilities.push("CAPABILITY_NAMED_IAM");
    }
    if transform {
        capabilities.push("CAPABILITY_AUTO_EXPAND");
    }
    capabilities
}

#[test]
fn the_plans_capabilities_are_what_the_templates_require() {
    // The plan decides each unit's capabilities from what the unit holds (deploy.sh passes them,
    // the manifest lists them); they must be exactly what the emitted template needs.
    assert_holds("capabilities", |context| {
        let mut found = Vec::new();
        let unit = context
            .stack
            .plan
            .units
            .iter()
            .find(|unit| unit.stack_name == context.unit.stack_name)
            .expect("the unit is in the plan");
        let planned: Vec<&str> = unit
            .capabilities
            .iter()
            .map(|capability| capability.as_str())
            .collect();
        let required = required_capabilities(context);
        if planned != required {
            found.push(context.at(
                "-",
                format!("the plan grants {planned:?}, the template requires {required:?}"),
            ));
        }
        let manifest = &context.stack.manifest["units"]
            .as_array()
            .expect("units")
            .iter()
            .find(|manifest_unit| manifest_unit["stack_name"] == unit.stack_name.as_str())
            .expect("the unit is in the manifest")["capabilities"];
        if *manifest != Json::from(planned.clone()) {
            found.push(context.at(
                "-",
                format!("the manifest lists {manifest}, the plan {planned:?}"),
            ));
        }
        found
    });
}

#[test]
fn writers_take_credentials_from_the_generated_secret() {
    assert_holds("writer credentials", |context| {
        let mut found = Vec::new();
        for (id, instance) in context.resources_of_type("AWS::RDS::DBInstance") {
            let properties = &instance["Properties"];
            if properties.get("SourceDBInstanceIdentifier").is_some() {
                continue;
            }
            for property in ["MasterUsername", "MasterUserPassword"] {
                let reference = properties[property]["Fn::Sub"].as_str().unwrap_or("");
                if !reference.starts_with("{{resolve:secretsmanager:${") {
                    found.push(context.at(id, format!("{property} is not a dynamic reference")));
                }
            }
            for (property, expected) in [
                ("StorageEncrypted", Json::from(true)),
                ("PubliclyAccessible", Json::from(false)),
                ("StorageType", Json::from("gp3")),
                ("EnableIAMDatabaseAuthentication", Json::from(true)),
                ("EnablePerformanceInsights", Json::from(true)),
            ] {
                if properties[property] != expected {
                    found.push(context.at(id, format!("{property} is not {expected}")));
                }
            }
            if properties.get("ManageMasterUserPassword").is_some() {
                found.push(context.at(
                    id,
                    "RDS-managed passwords cannot serve an instance with replicas",
                ));
            }
        }
        found
    });
}

#[test]
fn global_datastore_secondaries_set_only_what_a_secondary_may() {
    const FROM_THE_PRIMARY: &[&str] = &[
        "Engine",
        "EngineVersion",
        "CacheNodeType",
        "CacheParameterGroupName",
        "NumNodeGroups",
        "AtRestEncryptionEnabled",
        "TransitEncryptionEnabled",
        "AuthToken",
        "KmsKeyId",
        "Port",
    ];
    assert_holds("Global Datastore members", |context| {
        let mut found = Vec::new();
        for (id, group) in context.resources_of_type("AWS::ElastiCache::ReplicationGroup") {
            let properties = &group["Properties"];
            let global = properties.get("GlobalReplicationGroupId");
            // The bundled stacks have Global Datastore secondaries.
            context.examined("Global Datastore secondary", usize::from(global.is_some()));
            if let Some(global) = global {
                for property in FROM_THE_PRIMARY {
                    if properties.get(*property).is_some() {
                        found.push(context.at(id, format!("a secondary sets {property}")));
                    }
                }
                match context.imported_resource(global) {
                    Some((_, _, datastore))
                        if datastore["Type"] == "AWS::ElastiCache::GlobalReplicationGroup" => {}
                    _ => found.push(
                        context.at(id, "GlobalReplicationGroupId is not a Global Datastore's"),
                    ),
                }
            } else {
                for (property, expected) in [
                    ("AtRestEncryptionEnabled", Json::from(true)),
                    ("TransitEncryptionEnabled", Json::from(true)),
                ] {
                    if properties[property] != expected {
                        found.push(context.at(id, format!("{property} is not {expected}")));
                    }
                }
                let token = properties["AuthToken"]["Fn::Sub"].as_str().unwrap_or("");
                if !token.starts_with("{{resolve:secretsmanager:${") {
                    found.push(context.at(id, "AuthToken is not a dynamic reference"));
                }
            }
        }
        for (id, datastore) in context.resources_of_type("AWS::ElastiCache::GlobalReplicationGroup")
        {
            let members = datastore["Properties"]["Members"]
                .as_array()
                .expect("members");
            let primary = members.iter().find(|member| member["Role"] == "PRIMARY");
            if !primary
                .and_then(|member| ref_target(&member["ReplicationGroupId"]))
                .is_some_and(|group| {
                    context
                        .resource(group)
                        .is_some_and(|group| group["Type"] == "AWS::ElastiCache::ReplicationGroup")
                })
            {
                found.push(context.at(id, "no PRIMARY member of this template"));
            }
        }
        found
    });
}

#[test]
fn security_groups_have_standalone_rules_and_no_default_egress() {
    assert_holds("security groups", |context| {
        let mut found = Vec::new();
        for (id, group) in context.resources_of_type("AWS::EC2::SecurityGroup") {
            let properties = &group["Properties"];
            if properties.get("SecurityGroupIngress").is_some() {
                found.push(context.at(id, "inline ingress rules"));
            }
            let egress = properties["SecurityGroupEgress"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let idiom = egress.len() == 1
                && egress[0]["CidrIp"] == "255.255.255.255/32"
                && egress[0]["IpProtocol"] == "icmp";
            if !idiom {
                found.push(context.at(
                    id,
                    format!("egress {egress:?} is not the no-default-egress idiom"),
                ));
            }
        }
        for type_name in [
            "AWS::EC2::SecurityGroupIngress",
            "AWS::EC2::SecurityGroupEgress",
        ] {
            for (id, rule) in context.resources_of_type(type_name) {
                let properties = &rule["Properties"];
                if properties["IpProtocol"] != "tcp"
                    || properties["FromPort"] != properties["ToPort"]
                {
                    found.push(context.at(id, "not a one-port TCP rule"));
                }
                if properties.get("Description").is_none() {
                    found.push(context.at(id, "no description"));
                }
            }
        }
        found
    });
}

#[test]
fn stateful_resources_have_their_deletion_policies() {
    assert_holds("deletion policies", |context| {
        let mut found = Vec::new();
        let mut stateful = 0;
        for (id, resource) in resources(context.template()) {
            let properties = &resource["Properties"];
            let expected = match resource["Type"].as_str().unwrap_or("") {
                "AWS::KMS::Key" | "AWS::SecretsManager::Secret" => Some("Retain"),
                "AWS::RDS::DBInstance"
                    if properties.get("SourceDBInstanceIdentifier").is_none() =>
                {
                    Some("Snapshot")
                }
                "AWS::ElastiCache::ReplicationGroup"
                    if properties.get("GlobalReplicationGroupId").is_none() =>
                {
                    Some("Snapshot")
                }
                _ => None,
            };
            stateful += usize::from(expected.is_some());
            if let Some(expected) = expected
                && resource["DeletionPolicy"] != expected
            {
                found.push(context.at(id, format!("DeletionPolicy is not {expected}")));
            }
            if resource.get("DeletionPolicy").is_some()
                && resource["UpdateReplacePolicy"] != resource["DeletionPolicy"]
            {
                found.push(context.at(id, "UpdateReplacePolicy differs from DeletionPolicy"));
            }
        }
        context.examined("stateful resource", stateful);
        found
    });
    for stack in bundled() {
        let retained: Vec<&str> = stack
            .plan
            .regions
            .iter()
            .flat_map(|region| &region.storage.buckets)
            .filter(|bucket| bucket.retain)
            .map(|bucket| bucket.rid.logical.as_str())
            .collect();
        for bucket in retained {
            let policies: Vec<&Json> = stack
                .templates
                .iter()
                .filter_map(|unit| unit.template["Resources"].get(bucket))
                .map(|resource| &resource["DeletionPolicy"])
                .collect();
            assert!(
                !policies.is_empty() && policies.iter().all(|policy| **policy == "Retain"),
                "{}: bucket {bucket} is retained",
                stack.name
            );
        }
    }
}

#[test]
fn buckets_block_public_access_and_are_encrypted() {
    assert_holds("bucket hygiene", |context| {
        let mut found = Vec::new();
        for (id, bucket) in context.resources_of_type("AWS::S3::Bucket") {
            let properties = &bucket["Properties"];
            let block = &properties["PublicAccessBlockConfiguration"];
            for setting in [
                "BlockPublicAcls",
                "BlockPublicPolicy",
                "IgnorePublicAcls",
                "RestrictPublicBuckets",
            ] {
                if block[setting] != true {
                    found.push(context.at(id, format!("{setting} is off")));
                }
            }
            if properties["OwnershipControls"]["Rules"][0]["ObjectOwnership"]
                != "BucketOwnerEnforced"
            {
                found.push(context.at(id, "ACLs are not disabled"));
            }
            let encryption =
                &properties["BucketEncryption"]["ServerSideEncryptionConfiguration"][0];
            match encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"].as_str() {
                Some("aws:kms") if encryption["BucketKeyEnabled"] == true => {}
                Some("AES256") => {}
                other => found.push(context.at(id, format!("encryption {other:?}"))),
            }
            let has_policy = context
                .resources_of_type("AWS::S3::BucketPolicy")
                .iter()
                .any(|(_, policy)| ref_target(&policy["Properties"]["Bucket"]) == Some(id));
            if !has_policy {
                found.push(context.at(id, "no bucket policy"));
            }
        }
        found
    });
}

#[test]
fn subnets_take_their_zone_from_the_regions_zones() {
    assert_holds("subnet zones", |context| {
        context
            .resources_of_type("AWS::EC2::Subnet")
            .into_iter()
            .filter(|(_, subnet)| {
                let zone = &subnet["Properties"]["AvailabilityZone"]["Fn::Select"];
                !(zone[0].is_u64() && zone[1] == serde_json::json!({"Fn::GetAZs": ""}))
            })
            .map(|(id, _)| context.at(id, "zone is not Fn::Select of Fn::GetAZs \"\""))
            .collect()
    });
}

#[test]
fn logs_are_encrypted_and_expire_and_clusters_have_container_insights() {
    assert_holds("logs and clusters", |context| {
        let mut found = Vec::new();
        for (id, group) in context.resources_of_type("AWS::Logs::LogGroup") {
            if group["Properties"].get("KmsKeyId").is_none()
                || !group["Properties"]["RetentionInDays"].is_i64()
            {
                found.push(context.at(id, "log group without key or retention"));
            }
        }
        for (id, cluster) in context.resources_of_type("AWS::ECS::Cluster") {
            let settings = cluster["Properties"]["ClusterSettings"].to_string();
            if !settings.contains(r#"{"Name":"containerInsights","Value":"enabled"}"#) {
                found.push(context.at(id, "Container Insights is off"));
            }
        }
        found
    });
}

#[test]
fn cdn_aliases_have_ipv4_and_ipv6_records_to_cloudfront() {
    // The bundled stacks have CDN aliases: `assert_holds` fails when no template has a record set group.
    assert_holds("CDN alias records", |context| {
        let mut found = Vec::new();
        for (id, group) in context.resources_of_type("AWS::Route53::RecordSetGroup") {
            let records = group["Properties"]["RecordSets"]
                .as_array()
                .expect("records");
            let types: BTreeSet<&str> = records
                .iter()
                .filter_map(|record| record["Type"].as_str())
                .collect();
            if types != BTreeSet::from(["A", "AAAA"]) {
                found.push(context.at(id, format!("record types {types:?}")));
            }
            for record in records {
                if record["AliasTarget"]["HostedZoneId"] != "Z2FDTNDATAQYW2"
                    || get_att(&record["AliasTarget"]["DNSName"]).map(|(_, attribute)| attribute)
                        != Some("DomainName")
                {
                    found.push(context.at(id, "not an alias to the distribution"));
                }
            }
        }
        found
    });
}

#[test]
fn a_standalone_cache_region_s_tasks_use_its_own_cache_and_nothing_replicates_it() {
    assert_holds("standalone caches", |context| {
        let standalone = context.stack.plan.regions.iter().any(|region| {
            region.region.as_str() == context.unit.region
                && region
                    .app
                    .as_ref()
                    .and_then(|app| app.cache.as_ref())
                    .is_some_and(|cache| cache.beside_global_datastore)
        });
        let Some(group) = context.resource("Cache").filter(|_| standalone) else {
            return Vec::new();
        };
        let mut problems = Vec::new();
        if group["Properties"]
            .get("GlobalReplicationGroupId")
            .is_some()
        {
            problems.push(context.at("Cache", "a standalone group joins a Global Datastore"));
        }
        if resources(context.template())
            .any(|(_, resource)| resource["Type"] == "AWS::ElastiCache::GlobalReplicationGroup")
        {
            problems.push(context.at("-", "a standalone region leads a Global Datastore"));
        }
        if context
            .resource("CacheAuthSecret")
            .is_none_or(|secret| secret["Properties"].get("ReplicaRegions").is_some())
        {
            problems.push(context.at(
                "CacheAuthSecret",
                "a standalone group has an AUTH secret of its own, replicated nowhere",
            ));
        }
        for (id, task) in context.resources_of_type("AWS::ECS::TaskDefinition") {
            context.examined("task definition in a standalone cache region", 1);
            let mut local = 0;
            walk(&task["Properties"]["ContainerDefinitions"], &mut |value| {
                if get_att(value).is_some_and(|(resource, _)| resource == "Cache") {
                    local += 1;
                }
                if let Some((producer, resource, _)) = context.imported_resource(value)
                    && (resource.starts_with("Cache")
                        || producer.template["Resources"][resource]["Type"]
                            == "AWS::ElastiCache::ReplicationGroup")
                {
                    problems.push(context.at(
                        id,
                        format!(
                            "reads {resource} of {}, another region's cache",
                            producer.region
                        ),
                    ));
                }
                if let Some(text) = value.as_str()
                    && text.contains("CacheAuthSecretNameWithSuffix")
                {
                    problems.push(context.at(id, "reads the Global Datastore's AUTH secret"));
                }
            });
            if local == 0 {
                problems.push(context.at(id, "no variable names the region's own cache"));
            }
        }
        problems
    });
}
