//! The Terraform module of every bundled stack: it conforms to the vendored provider schema, every regional
//! resource sets the region of its unit, the deploy-time rules the oracles cannot see hold, and synthesis is
//! deterministic. Every test goes through [`bundled_modules`], one synthesized module per stack file.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use meridian_plan::{OutputFile, Plan};
use serde_json::Value as Json;

/// One bundled stack, planned and synthesized.
struct Synthesized {
    /// The stack's file name, `rail-backend.yaml`.
    stack: String,
    plan: &'static Plan,
    files: Vec<OutputFile>,
    /// Each file's JSON, by file name (`main.tf.json`).
    json: BTreeMap<String, Json>,
}

impl Synthesized {
    fn main(&self) -> &Json {
        &self.json["main.tf.json"]
    }

    /// The body of every resource of `type_name`, by name.
    fn resources(&self, type_name: &str) -> Vec<(&str, &Json)> {
        self.main()["resource"][type_name]
            .as_object()
            .map(|bodies| {
                bodies
                    .iter()
                    .map(|(name, body)| (name.as_str(), body))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn resource(&self, type_name: &str, name: &str) -> Option<&Json> {
        self.main()["resource"][type_name].get(name)
    }
}

/// The one helper: every `stacks/*.yaml`, planned (by `meridian_testkit`) and synthesized once per test
/// process.
fn bundled_modules() -> &'static [Synthesized] {
    static MODULES: OnceLock<Vec<Synthesized>> = OnceLock::new();
    MODULES.get_or_init(|| {
        meridian_testkit::bundled_plans()
            .iter()
            .map(|bundled| {
                let files = meridian_tf::synthesize(&bundled.plan);
                let json = files
                    .iter()
                    .map(|file| {
                        let name = file
                            .path
                            .strip_prefix("terraform/")
                            .expect("every file is under terraform/")
                            .to_owned();
                        let value: Json =
                            serde_json::from_str(&file.contents).expect("every file is JSON");
                        (name, value)
                    })
                    .collect();
                Synthesized {
                    stack: bundled.file_name.clone(),
                    plan: &bundled.plan,
                    files,
                    json,
                }
            })
            .collect()
    })
}

#[test]
fn every_reference_names_something_with_that_attribute() {
    for module in bundled_modules() {
        let files: Vec<&Json> = module.json.values().collect();
        let problems = meridian_tf::l1::unresolved_references(&files);
        assert!(problems.is_empty(), "{}: {problems:#?}", module.stack);
    }
}

/// `(type, name, attribute)` of a value that is exactly one reference, `${aws_x.name.attribute}`.
fn sole_reference(value: &Json) -> Option<(&str, &str, &str)> {
    let text = value.as_str()?;
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    if inner.contains("${") {
        return None;
    }
    let mut steps = inner.splitn(3, '.');
    Some((steps.next()?, steps.next()?, steps.next()?))
}

/// The expected region of a resource or data source, from its name: Terraform names end in the unit's
/// region slug (`_us_east_1`), or `_global` for the global unit, whose regional resources live in the
/// plan's global region; `aws_availability_zones` data sources are named by the slug alone.
fn expected_region<'plan>(plan: &'plan Plan, name: &str) -> Option<&'plan str> {
    if name.ends_with("_global") {
        return Some(&plan.global_region);
    }
    plan.regions
        .iter()
        .map(|region| region.region.as_str())
        .filter(|region| {
            let slug = region.replace('-', "_");
            name == slug || name.ends_with(&format!("_{slug}"))
        })
        .max_by_key(|region| region.len())
}

#[test]
fn every_regional_resource_sets_the_region_of_its_unit() {
    for module in bundled_modules() {
        let mut problems = Vec::new();
        for (section, prefix) in [("resource", ""), ("data", "data.")] {
            let Some(types) = module.main()[section].as_object() else {
                continue;
            };
            for (type_name, bodies) in types {
                // The provider's schema gives regional types a `region` argument.
                let regional = meridian_tf::l1::REFERENCEABLE
                    .iter()
                    .any(|(name, attributes)| {
                        *name == format!("{prefix}{type_name}") && attributes.contains(&"region")
                    });
                for (name, body) in bodies.as_object().into_iter().flatten() {
                    let actual = body.get("region").and_then(Json::as_str);
                    if !regional {
                        if actual.is_some() {
                            problems.push(format!("{type_name}.{name} is global but sets region"));
                        }
                        continue;
                    }
                    // A peering's accepter is the one resource of a unit declared in the
                    // peer's region (it accepts there), under the peering's name.
                    let accepter_region = (type_name == "aws_vpc_peering_connection_accepter")
                        .then(|| {
                            module
                                .plan
                                .regions
                                .iter()
                                .filter_map(|region| region.app.as_ref())
                                .flat_map(|app| &app.peerings)
                                .find(|peering| peering.accepter.tf == *name)
                                .map(|peering| peering.peer_region.as_str())
                        })
                        .flatten();
                    let expected = accepter_region.or_else(|| expected_region(module.plan, name));
                    if actual.is_none() || actual != expected {
                        problems.push(format!(
                            "{type_name}.{name}: region {actual:?}, expected {expected:?}"
                        ));
                    }
                }
            }
        }
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            module.stack,
            problems.join("\n")
        );
    }
}

/// The region a resource sets.
fn region_of(module: &Synthesized, type_name: &str, name: &str) -> Option<String> {
    module
        .resource(type_name, name)?
        .get("region")?
        .as_str()
        .map(str::to_owned)
}

/// A policy or container-definition string as JSON, with every `${...}` interpolation (which sits inside a
/// JSON string, but may itself contain quoted HCL strings) replaced by `<interpolated>`.
fn embedded_json(value: &Json) -> Json {
    let text = value.as_str().expect("a JSON document string");
    let characters: Vec<char> = text.chars().collect();
    let mut blanked = String::with_capacity(text.len());
    let mut position = 0;
    while position < characters.len() {
        if characters[position] == '$' && characters.get(position + 1) == Some(&'{') {
            position += 2;
            let mut in_string = false;
            while position < characters.len() {
                match characters[position] {
                    '\\' if in_string => position += 1,
                    '"' => in_string = !in_string,
                    '}' if !in_string => break,
                    _ => {}
                }
                position += 1;
            }
            blanked.push_str("<interpolated>");
        } else {
            blanked.push(characters[position]);
        }
        position += 1;
    }
    serde_json::from_str(&blanked).expect("the document is JSON around its interpolations")
}

#[test]
fn cross_region_replicas_inherit_what_they_must_scale_storage_and_use_a_key_of_their_region() {
    let mut replicas = 0;
    for module in bundled_modules() {
        for (name, body) in module.resources("aws_db_instance") {
            let Some(source) = body.get("replicate_source_db") else {
                continue;
            };
            replicas += 1;
            for inherited in [
                "engine",
                "engine_version",
                "storage_encrypted",
                "username",
                "password",
                "db_name",
                "allocated_storage",
            ] {
                assert!(
                    body.get(inherited).is_none(),
                    "{}: replica {name} sets {inherited}, which it inherits",
                    module.stack
                );
            }
            let (source_type, source_name, attribute) =
                sole_reference(source).expect("the source is a reference");
            assert_eq!((source_type, attribute), ("aws_db_instance", "arn"));
            // The writer's storage autoscales; the replica grows to the same ceiling, unless
            // the stack gives the replica a ceiling of its own, which is then the plan's.
            let ceiling = &module
                .resource("aws_db_instance", source_name)
                .expect("the source")["max_allocated_storage"];
            let own_ceiling = module.plan.regions.iter().find_map(|region| {
                let database = region.app.as_ref()?.database.as_ref()?;
                match &database.role {
                    meridian_plan::DatabaseRole::Replica(replica)
                        if database.rid.tf == name
                            && Some(u64::from(replica.max_storage_gb)) != ceiling.as_u64() =>
                    {
                        Some(replica.max_storage_gb)
                    }
                    _ => None,
                }
            });
            let expected = own_ceiling.map_or_else(|| ceiling.clone(), Json::from);
            assert!(
                ceiling.is_number() && body["max_allocated_storage"] == expected,
                "{}: replica {name} has no storage ceiling, or another than its writer's or its own",
                module.stack
            );
            assert_ne!(
                region_of(module, "aws_db_instance", source_name),
                body["region"].as_str().map(str::to_owned),
                "{}: replica {name} is not cross-region",
                module.stack
            );
            let (key_type, key_name, _) = sole_reference(&body["kms_key_id"])
                .unwrap_or_else(|| panic!("{}: replica {name} has no key", module.stack));
            assert_eq!(key_type, "aws_kms_key");
            assert_eq!(
                region_of(module, "aws_kms_key", key_name),
                body["region"].as_str().map(str::to_owned),
                "{}: replica {name} uses a key of another region",
                module.stack
            );
        }
    }
    assert!(replicas > 0, "no bundled stack has a replica to check");
}

#[test]
fn alarm_topics_are_encrypted_with_a_key_cloudwatch_may_use() {
    let mut topics = 0;
    for module in bundled_modules() {
        for (name, body) in module.resources("aws_sns_topic") {
            topics += 1;
            let (key_type, key_name, _) = sole_reference(&body["kms_master_key_id"])
                .unwrap_or_else(|| panic!("{}: topic {name} is not encrypted", module.stack));
            assert_eq!(key_type, "aws_kms_key");
            let key = module
                .resource("aws_kms_key", key_name)
                .expect("the topic's key is declared");
            assert_eq!(
                key["region"], body["region"],
                "{}: topic {name}",
                module.stack
            );
            let policy = embedded_json(&key["policy"]);
            let grants_cloudwatch =
                policy["Statement"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|statement| {
                        statement["Effect"] == "Allow"
                            && statement["Principal"]["Service"] == "cloudwatch.amazonaws.com"
                            && statement["Action"]
                                .as_array()
                                .is_some_and(|actions| actions.contains(&Json::from("kms:Decrypt")))
                    });
            assert!(
                grants_cloudwatch,
                "{}: the key of topic {name} does not let CloudWatch publish",
                module.stack
            );
        }
    }
    assert!(topics > 0, "no bundled stack has an alarm topic to check");
}

#[test]
fn each_service_names_a_container_and_port_of_its_task_definition() {
    let mut checked = 0;
    for module in bundled_modules() {
        for (name, service) in module.resources("aws_ecs_service") {
            let (_, definition_name, _) = sole_reference(&service["task_definition"])
                .expect("the task definition is a reference");
            let definition = module
                .resource("aws_ecs_task_definition", definition_name)
                .expect("the task definition is declared");
            let containers = embedded_json(&definition["container_definitions"]);
            for attachment in service["load_balancer"].as_array().into_iter().flatten() {
                checked += 1;
                let matches = containers
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|container| {
                        container["name"] == attachment["container_name"]
                            && container["portMappings"]
                                .as_array()
                                .into_iter()
                                .flatten()
                                .any(|mapping| {
                                    mapping["containerPort"] == attachment["container_port"]
                                })
                    });
                assert!(
                    matches,
                    "{}: service {name} attaches {} port {}, which its task definition lacks",
                    module.stack, attachment["container_name"], attachment["container_port"]
                );
            }
        }
    }
    assert!(
        checked > 0,
        "no bundled stack attaches a service to a load balancer"
    );
}

#[test]
fn replication_has_versioning_on_both_sides_and_object_lock_where_the_source_has_it() {
    let mut rules = 0;
    let mut locks = 0;
    for module in bundled_modules() {
        let versioned = |bucket: &str| {
            module
                .resource("aws_s3_bucket_versioning", bucket)
                .is_some_and(|versioning| {
                    versioning["versioning_configuration"]["status"] == "Enabled"
                })
        };
        let locked = |bucket: &str| {
            module
                .resource("aws_s3_bucket", bucket)
                .is_some_and(|body| body["object_lock_enabled"] == true)
        };
        for (name, body) in module.resources("aws_s3_bucket_object_lock_configuration") {
            locks += 1;
            assert!(
                locked(name),
                "{}: {name} configures Object Lock it lacks",
                module.stack
            );
            assert!(
                versioned(name),
                "{}: {name} has Object Lock without versioning",
                module.stack
            );
            assert_eq!(
                body["region"],
                module.resource("aws_s3_bucket", name).expect("bucket")["region"]
            );
        }
        for (name, body) in module.resources("aws_s3_bucket_replication_configuration") {
            let depends_on: Vec<&str> = body["depends_on"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Json::as_str)
                .collect();
            let (_, source, _) = sole_reference(&body["bucket"]).expect("bucket reference");
            assert!(
                versioned(source),
                "{}: source {source} is not versioned",
                module.stack
            );
            assert!(depends_on.contains(&format!("aws_s3_bucket_versioning.{source}").as_str()));
            for rule in body["rule"].as_array().into_iter().flatten() {
                rules += 1;
                let destination = &rule["destination"];
                let (_, target, _) =
                    sole_reference(&destination["bucket"]).expect("destination reference");
                assert!(
                    versioned(target),
                    "{}: destination {target} of {name} is not versioned",
                    module.stack
                );
                assert!(
                    depends_on.contains(&format!("aws_s3_bucket_versioning.{target}").as_str()),
                    "{}: replication of {name} does not wait for the versioning of {target}",
                    module.stack
                );
                if locked(source) {
                    assert!(
                        locked(target),
                        "{}: {source} has Object Lock but {target} does not",
                        module.stack
                    );
                }
                let (_, key, _) =
                    sole_reference(&destination["encryption_configuration"]["replica_kms_key_id"])
                        .expect("replica key reference");
                assert_eq!(
                    region_of(module, "aws_kms_key", key),
                    region_of(module, "aws_s3_bucket", target),
                    "{}: replicas of {name} in {target} use a key of another region",
                    module.stack
                );
            }
        }
    }
    assert!(rules > 0, "no bundled stack replicates a bucket");
    assert!(
        locks > 0,
        "no bundled stack has an Object Lock configuration"
    );
}

/// CloudFront reads its certificate only in the global region (us-east-1 in `aws`): the variable
/// a distribution takes its certificate from refuses, in its validation, an ACM ARN of any other
/// region, as the CloudFormation parameter of the global stack does through its own region.
#[test]
fn cloudfront_certificates_must_come_from_the_global_region() {
    let mut checked = 0;
    for module in bundled_modules() {
        let variables: BTreeMap<&str, &Json> = module
            .json
            .values()
            .filter_map(|json| json.get("variable")?.as_object())
            .flat_map(|variables| variables.iter().map(|(name, body)| (name.as_str(), body)))
            .collect();
        for (name, distribution) in module.resources("aws_cloudfront_distribution") {
            let reference = distribution["viewer_certificate"]["acm_certificate_arn"]
                .as_str()
                .unwrap_or_else(|| panic!("{}: {name} has no certificate", module.stack));
            let variable = reference
                .strip_prefix("${var.")
                .and_then(|rest| rest.strip_suffix('}'))
                .unwrap_or_else(|| panic!("{}: {reference} is not a variable", module.stack));
            let conditions: Vec<&str> = variables[variable]["validation"]
                .as_array()
                .expect("validations")
                .iter()
                .filter_map(|validation| validation["condition"].as_str())
                .collect();
            let global = format!(":acm:{}:", module.plan.global_region);
            assert!(
                conditions
                    .iter()
                    .any(|condition| condition.contains(&global)),
                "{}: {variable} accepts a certificate outside {}: {conditions:?}",
                module.stack,
                module.plan.global_region
            );
            assert!(
                conditions
                    .iter()
                    .all(|condition| !condition.contains(":acm:[a-z0-9-]+:")),
                "{}: {variable} accepts any region: {conditions:?}",
                module.stack
            );
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "no bundled stack has a CloudFront distribution"
    );
}

#[test]
fn synthesis_gives_identical_bytes_every_time() {
    for module in bundled_modules() {
        let again = meridian_tf::synthesize(module.plan);
        assert_eq!(
            module.files, again,
            "{}: synthesis is not deterministic",
            module.stack
        );
        for file in &module.files {
            assert!(
                file.contents.ends_with('\n'),
                "{}: {} lacks a final newline",
                module.stack,
                file.path
            );
        }
    }
}

#[test]
fn the_module_has_the_files_the_issue_names() {
    for module in bundled_modules() {
        let names: Vec<&str> = module.json.keys().map(String::as_str).collect();
        for required in [
            "main.tf.json",
            "versions.tf.json",
            "variables.tf.json",
            "outputs.tf.json",
        ] {
            assert!(
                names.contains(&required),
                "{}: {required} is missing",
                module.stack
            );
        }
        let versions = &module.json["versions.tf.json"]["terraform"];
        assert_eq!(
            versions["required_providers"]["aws"]["source"],
            "hashicorp/aws"
        );
        assert_eq!(
            versions["required_providers"]["aws"]["version"], ">= 6.4",
            "ECS blue/green arguments arrived in 6.4.0"
        );
        let providers = &module.main()["provider"]["aws"];
        assert!(
            providers.is_object(),
            "{}: one provider configuration",
            module.stack
        );
        assert_eq!(providers["region"], module.plan.global_region.as_str());
    }
}

#[test]
fn the_parity_table_covers_every_emitted_type() {
    for module in bundled_modules() {
        let mut missing = Vec::new();
        for (section, prefix) in [("resource", ""), ("data", "data.")] {
            for type_name in module.main()[section]
                .as_object()
                .into_iter()
                .flat_map(|types| types.keys())
            {
                let qualified = format!("{prefix}{type_name}");
                let covered = meridian_tf::parity::CORRESPONDENCES
                    .iter()
                    .any(|row| row.terraform.contains(&qualified.as_str()));
                if !covered {
                    missing.push(qualified);
                }
            }
        }
        assert!(
            missing.is_empty(),
            "{}: types without a CloudFormation correspondence: {missing:?}",
            module.stack
        );
    }
}

/// Writes each bundled stack's module to `$MERIDIAN_TF_OUT_DIR/<stack>/` for the external oracles:
/// `MERIDIAN_TF_OUT_DIR=/tmp/tf cargo test -p meridian-tf --test synthesis -- --ignored`.
#[test]
#[ignore = "writes files for external oracles; run by hand"]
fn write_modules_for_external_oracles() {
    let directory = PathBuf::from(
        std::env::var("MERIDIAN_TF_OUT_DIR").expect("set MERIDIAN_TF_OUT_DIR to a directory"),
    );
    for module in bundled_modules() {
        let stack_directory = directory.join(module.stack.trim_end_matches(".yaml"));
        std::fs::create_dir_all(&stack_directory).expect("output directory can be created");
        for file in &module.files {
            let name = file
                .path
                .strip_prefix("terraform/")
                .expect("every file is under terraform/");
            std::fs::write(stack_directory.join(name), &file.contents)
                .expect("output file can be written");
        }
    }
}

/// The backend block writes the stack's S3 backend as the plan decided it: every bundled stack
/// that configures one gets it, with a key that carries the stack and a lock (the lock file,
/// which needs Terraform 1.10, or the DynamoDB table); a stack without one gets no block and
/// keeps the older Terraform floor.
#[test]
fn the_backend_block_is_the_stacks_s3_backend_with_a_lock() {
    let mut seen = BTreeMap::new();
    for module in bundled_modules() {
        let terraform = &module.json["versions.tf.json"]["terraform"];
        let backend = &terraform["backend"]["s3"];
        let Some(planned) = &module.plan.terraform_backend else {
            assert!(
                terraform.get("backend").is_none(),
                "{}: a backend without one in the stack",
                module.stack
            );
            assert_eq!(terraform["required_version"], ">= 1.1.0");
            continue;
        };
        assert_eq!(
            backend["bucket"],
            planned.bucket.as_str(),
            "{}",
            module.stack
        );
        assert_eq!(backend["region"], planned.region.as_str());
        assert_eq!(
            backend["encrypt"], true,
            "state is encrypted unless the stack says not"
        );
        let key = backend["key"].as_str().expect("a key");
        assert!(
            key.split('/').any(|part| part == module.plan.stack),
            "{}: the state key `{key}` names the stack",
            module.stack
        );
        let lockfile = backend["use_lockfile"] == true;
        let table = backend["dynamodb_table"].as_str();
        assert!(
            lockfile != table.is_some(),
            "{}: exactly one lock (lock file or DynamoDB table)",
            module.stack
        );
        assert_eq!(
            terraform["required_version"],
            if lockfile { ">= 1.10.0" } else { ">= 1.1.0" },
            "`use_lockfile` arrived in Terraform 1.10"
        );
        let arguments: Vec<&str> = backend
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        for argument in &arguments {
            assert!(
                [
                    "bucket",
                    "key",
                    "region",
                    "encrypt",
                    "kms_key_id",
                    "use_lockfile",
                    "dynamodb_table"
                ]
                .contains(argument),
                "{}: `{argument}` is not an argument of the S3 backend",
                module.stack
            );
        }
        seen.insert(module.stack.clone(), (key.to_owned(), lockfile));
    }
    assert_eq!(
        seen.get("rail-backend.yaml")
            .map(|(key, lock)| (key.as_str(), *lock)),
        Some(("rail-backend/terraform.tfstate", true)),
        "the seed stack's default key and lock file: {seen:?}"
    );
    assert_eq!(
        seen.get("payments-three-regions.yaml")
            .map(|(key, lock)| (key.as_str(), *lock)),
        Some(("services/payments/terraform.tfstate", false))
    );
}

/// The names `text` references as `<type_name>.<name>`.
fn referenced_names<'text>(text: &'text str, type_name: &str) -> Vec<&'text str> {
    let prefix = format!("{type_name}.");
    text.match_indices(&prefix)
        .map(|(start, _)| {
            let rest = &text[start + prefix.len()..];
            let end = rest
                .find(|character: char| !(character.is_ascii_alphanumeric() || character == '_'))
                .unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

#[test]
fn a_standalone_cache_region_s_tasks_use_its_own_cache_and_nothing_replicates_it() {
    use meridian_plan::CacheRole;
    let mut checked = 0;
    for module in bundled_modules() {
        for region in &module.plan.regions {
            let Some(cache) = region
                .app
                .as_ref()
                .and_then(|app| app.cache.as_ref())
                .filter(|cache| cache.beside_global_datastore)
            else {
                continue;
            };
            let CacheRole::Primary(primary) = &cache.role else {
                panic!(
                    "{}: the standalone cache of {} is a secondary",
                    module.stack, region.region
                );
            };
            let group = module
                .resource("aws_elasticache_replication_group", &cache.rid.tf)
                .unwrap_or_else(|| panic!("{}: {} is emitted", module.stack, cache.rid.tf));
            assert!(
                group.get("global_replication_group_id").is_none(),
                "{}: the standalone {} joins a Global Datastore",
                module.stack,
                cache.rid.tf
            );
            let secret = &primary.auth_secret.rid.tf;
            assert!(
                module
                    .resource("aws_secretsmanager_secret", secret)
                    .is_some_and(|body| body.get("replica").is_none()),
                "{}: the standalone cache's secret {secret} exists and is replicated nowhere",
                module.stack
            );
            for (name, task) in module.resources("aws_ecs_task_definition") {
                if region_of(module, "aws_ecs_task_definition", name).as_deref()
                    != Some(region.region.as_str())
                {
                    continue;
                }
                let definitions = task["container_definitions"]
                    .as_str()
                    .expect("container definitions are a JSON string");
                let groups = referenced_names(definitions, "aws_elasticache_replication_group");
                assert!(
                    !groups.is_empty() && groups.iter().all(|group| *group == cache.rid.tf),
                    "{}: {name} in {} names caches {groups:?}, not only its own {}",
                    module.stack,
                    region.region,
                    cache.rid.tf
                );
                for named in referenced_names(definitions, "aws_secretsmanager_secret") {
                    assert!(
                        !named.starts_with("cache_auth_secret") || named == secret,
                        "{}: {name} reads the AUTH token of {named}, not its own {secret}",
                        module.stack
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(
        checked > 0,
        "no bundled stack has a standalone cache beside a Global Datastore"
    );
}
