//! Tasks learn the writer from their region's SSM parameter, walked on the EMITTED output of every
//! bundled stack with a database, in CloudFormation (following `Ref`, `Fn::GetAtt`, `Fn::Sub` and
//! `Fn::GetStackOutput` across stacks) and in Terraform (following `${type.name.attr}`).
//!
//! Every container variable the stack file sets to `${database.writer.address}` or
//! `${cache.primary_endpoint}` (and `${database.reader.address}` in a region without a database
//! instance of its own, where the reader is the writer) must be a container secret, never an
//! environment value, whose `valueFrom` is the ARN of an SSM parameter in the task's own region
//! named `/<stack>/database/writer-address` (resp. `/<stack>/cache/primary-endpoint`); that
//! parameter's initial value must be the address of the writer DB instance (resp. the endpoint of
//! the cache's primary replication group); and the task's execution role must allow
//! `ssm:GetParameters` on exactly that ARN. A forced new deployment then picks up whatever the
//! failover workflow wrote there.
//!
//! ARNs are compared as ECS would resolve them: partition `aws`, account `ACCOUNT`, the region
//! written or the template's own, and the parameter's name.

use std::collections::{BTreeMap, BTreeSet};

use meridian::Target;
use meridian_plan::{OutputFile, Plan};
use meridian_testkit::{BundledPlan, bundled_plans};
use serde_json::Value;

use crate::common::{cfn_import, cfn_templates, json_list, synthesize_bundled};

/// What an endpoint parameter's initial value is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// The address of the DB instance that replicates from nothing.
    WriterAddress,
    /// The endpoint of the replication group that is no Global Datastore secondary.
    CachePrimary,
    /// Anything else, described.
    Other(String),
}

/// An SSM parameter, by the ARN tasks would read it through.
#[derive(Debug)]
struct Parameter {
    name: String,
    source: Source,
}

/// A container of a task definition.
#[derive(Debug)]
struct Container {
    region: String,
    name: String,
    /// Secret variable → the ARN it is read from.
    secrets: BTreeMap<String, String>,
    /// Environment variable names.
    environment: BTreeSet<String>,
    /// ARNs the task's execution role may read with `ssm:GetParameters`.
    readable: BTreeSet<String>,
}

/// What a walk of one target's output finds.
#[derive(Debug, Default)]
struct Emitted {
    parameters: BTreeMap<String, Parameter>,
    containers: Vec<Container>,
}

const PARTITION: &str = "aws";
const ACCOUNT: &str = "ACCOUNT";

fn parameter_arn(region: &str, name: &str) -> String {
    format!("arn:{PARTITION}:ssm:{region}:{ACCOUNT}:parameter{name}")
}

/// An IAM `Action` or `Resource`: one value or a list.
fn one_or_many(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// Whether a statement allows `ssm:GetParameters`.
fn allows_get_parameters(statement: &Value) -> bool {
    statement["Effect"] == "Allow"
        && one_or_many(&statement["Action"])
            .iter()
            .any(|action| action.as_str() == Some("ssm:GetParameters"))
}

// ---------------------------------------------------------------- CloudFormation

/// What a value of a template stands for.
enum Resolved {
    /// An attribute (or the `Ref`, attribute `None`) of a resource: stack, logical ID.
    Resource(String, String, Option<String>),
    /// Anything else, as text.
    Text(String),
}

struct Stacks {
    /// Stack name → (region, template).
    by_name: BTreeMap<String, (String, Value)>,
}

impl Stacks {
    fn resource(&self, stack: &str, logical: &str) -> &Value {
        &self.by_name[stack].1["Resources"][logical]
    }

    /// Follows `Ref`, `Fn::GetAtt` and `Fn::GetStackOutput` to what a value stands for.
    fn resolve(&self, stack: &str, value: &Value) -> Resolved {
        let (_, template) = &self.by_name[stack];
        if let Some(Value::String(name)) = value.get("Ref") {
            return if template["Resources"].get(name).is_some() {
                Resolved::Resource(stack.to_owned(), name.clone(), None)
            } else {
                Resolved::Text(format!("param:{name}"))
            };
        }
        if let Some(Value::Array(arguments)) = value.get("Fn::GetAtt") {
            let logical = arguments[0].as_str().expect("a logical ID");
            let attribute = arguments[1].as_str().expect("an attribute");
            return Resolved::Resource(
                stack.to_owned(),
                logical.to_owned(),
                Some(attribute.to_owned()),
            );
        }
        if let Some(import) = value.get("Fn::GetStackOutput") {
            let (producer, produced) = cfn_import(&self.by_name, import);
            return self.resolve(producer, produced);
        }
        if value.get("Fn::Sub").is_some() {
            return Resolved::Text(self.render(stack, value));
        }
        Resolved::Text(
            value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned),
        )
    }

    /// A value as text: `Fn::Sub` with its variables filled in, a parameter's `Ref` as its name.
    fn render(&self, stack: &str, value: &Value) -> String {
        let (template, variables) = match value.get("Fn::Sub") {
            Some(Value::String(template)) => (template.as_str(), None),
            Some(Value::Array(pair)) => (pair[0].as_str().expect("a template"), Some(&pair[1])),
            _ => {
                return match self.resolve(stack, value) {
                    Resolved::Resource(stack, logical, attribute) => {
                        self.resource_text(&stack, &logical, attribute.as_deref())
                    }
                    Resolved::Text(text) => text,
                };
            }
        };
        let region = &self.by_name[stack].0;
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').expect("a closing brace") + start;
            let name = &rest[start + 2..end];
            let filled = match name {
                "AWS::Partition" => PARTITION.to_owned(),
                "AWS::AccountId" => ACCOUNT.to_owned(),
                "AWS::Region" => region.clone(),
                _ => match variables.and_then(|map| map.get(name)) {
                    Some(bound) => self.render(stack, bound),
                    None => {
                        let (logical, attribute) = name
                            .split_once('.')
                            .map_or((name, None), |(l, a)| (l, Some(a)));
                        self.render(
                            stack,
                            &match attribute {
                                Some(attribute) => {
                                    serde_json::json!({ "Fn::GetAtt": [logical, attribute] })
                                }
                                None => serde_json::json!({ "Ref": logical }),
                            },
                        )
                    }
                },
            };
            out.push_str(&filled);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// A resource's `Ref` (an SSM parameter's is its name) or attribute, as text.
    fn resource_text(&self, stack: &str, logical: &str, attribute: Option<&str>) -> String {
        let resource = self.resource(stack, logical);
        match (resource["Type"].as_str(), attribute) {
            (Some("AWS::SSM::Parameter"), None) => resource["Properties"]["Name"]
                .as_str()
                .expect("a parameter name")
                .to_owned(),
            (_, Some(attribute)) => format!("{stack}:{logical}.{attribute}"),
            (_, None) => format!("{stack}:{logical}"),
        }
    }

    /// What an endpoint parameter's value is.
    fn source(&self, stack: &str, value: &Value) -> Source {
        let Resolved::Resource(stack, logical, Some(attribute)) = self.resolve(stack, value) else {
            return Source::Other(value.to_string());
        };
        let resource = self.resource(&stack, &logical);
        let properties = &resource["Properties"];
        match (resource["Type"].as_str(), attribute.as_str()) {
            (Some("AWS::RDS::DBInstance"), "Endpoint.Address")
                if properties.get("SourceDBInstanceIdentifier").is_none() =>
            {
                Source::WriterAddress
            }
            (
                Some("AWS::ElastiCache::ReplicationGroup"),
                "PrimaryEndPoint.Address" | "ConfigurationEndPoint.Address",
            ) if properties.get("GlobalReplicationGroupId").is_none() => Source::CachePrimary,
            _ => Source::Other(format!("{stack}:{logical}.{attribute}")),
        }
    }
}

fn cloudformation(files: &[OutputFile]) -> Emitted {
    let stacks = Stacks {
        by_name: cfn_templates(files),
    };
    let mut emitted = Emitted::default();
    for (stack, (region, template)) in &stacks.by_name {
        for (logical, resource) in template["Resources"].as_object().into_iter().flatten() {
            let properties = &resource["Properties"];
            match resource["Type"].as_str() {
                Some("AWS::SSM::Parameter") => {
                    let name = properties["Name"].as_str().expect("a name").to_owned();
                    emitted.parameters.insert(
                        parameter_arn(region, &name),
                        Parameter {
                            name,
                            source: stacks.source(stack, &properties["Value"]),
                        },
                    );
                }
                Some("AWS::ECS::TaskDefinition") => {
                    let Resolved::Resource(role_stack, role, _) =
                        stacks.resolve(stack, &properties["ExecutionRoleArn"])
                    else {
                        panic!("{stack}:{logical} has no execution role");
                    };
                    let readable: BTreeSet<String> =
                        json_list(&stacks.resource(&role_stack, &role)["Properties"]["Policies"])
                            .into_iter()
                            .flat_map(|policy| json_list(&policy["PolicyDocument"]["Statement"]))
                            .filter(|statement| allows_get_parameters(statement))
                            .flat_map(|statement| one_or_many(&statement["Resource"]))
                            .map(|resource| stacks.render(&role_stack, resource))
                            .collect();
                    for container in json_list(&properties["ContainerDefinitions"]) {
                        emitted.containers.push(Container {
                            region: region.clone(),
                            name: container["Name"].as_str().expect("a name").to_owned(),
                            secrets: json_list(&container["Secrets"])
                                .into_iter()
                                .map(|secret| {
                                    (
                                        secret["Name"].as_str().expect("a name").to_owned(),
                                        stacks.render(stack, &secret["ValueFrom"]),
                                    )
                                })
                                .collect(),
                            environment: json_list(&container["Environment"])
                                .into_iter()
                                .map(|variable| {
                                    variable["Name"].as_str().expect("a name").to_owned()
                                })
                                .collect(),
                            readable: readable.clone(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    emitted
}

// ---------------------------------------------------------------- Terraform

struct Module<'m> {
    resources: &'m serde_json::Map<String, Value>,
}

impl Module<'_> {
    fn get(&self, kind: &str, name: &str) -> Option<&Value> {
        self.resources.get(kind)?.get(name)
    }

    fn of(&self, kind: &str) -> Vec<(&String, &Value)> {
        self.resources
            .get(kind)
            .and_then(Value::as_object)
            .map(|named| named.iter().collect())
            .unwrap_or_default()
    }

    /// A string with its interpolations filled in: the partition and account, an SSM parameter's
    /// name; any other expression becomes `<expression>` without its quotes, so a policy
    /// document, which is JSON only once Terraform has filled it in, parses.
    fn render(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').expect("a closing brace") + start;
            let reference = &rest[start + 2..end];
            let parts: Vec<&str> = reference.split('.').collect();
            let filled = match parts.as_slice() {
                ["data", "aws_partition", "current", "partition"] => PARTITION.to_owned(),
                ["data", "aws_caller_identity", "current", "account_id"] => ACCOUNT.to_owned(),
                ["aws_ssm_parameter", name, "name"] => self
                    .get("aws_ssm_parameter", name)
                    .and_then(|parameter| parameter["name"].as_str())
                    .unwrap_or_else(|| panic!("no aws_ssm_parameter.{name}"))
                    .to_owned(),
                _ => format!("<{}>", reference.replace('"', "")),
            };
            out.push_str(&filled);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// What an endpoint parameter's value is.
    fn source(&self, value: &Value) -> Source {
        let text = value.as_str().unwrap_or_default();
        let reference = text.strip_prefix("${").and_then(|t| t.strip_suffix('}'));
        let parts: Vec<&str> = reference
            .map(|r| r.split('.').collect())
            .unwrap_or_default();
        match parts.as_slice() {
            ["aws_db_instance", name, "address"]
                if self
                    .get("aws_db_instance", name)
                    .is_some_and(|db| db.get("replicate_source_db").is_none()) =>
            {
                Source::WriterAddress
            }
            [
                "aws_elasticache_replication_group",
                name,
                "primary_endpoint_address" | "configuration_endpoint_address",
            ] if self
                .get("aws_elasticache_replication_group", name)
                .is_some_and(|group| group.get("global_replication_group_id").is_none()) =>
            {
                Source::CachePrimary
            }
            _ => Source::Other(text.to_owned()),
        }
    }
}

fn terraform(files: &[OutputFile]) -> Emitted {
    let main = files
        .iter()
        .find(|f| f.path == "terraform/main.tf.json")
        .expect("main.tf.json");
    let root: Value = serde_json::from_str(&main.contents).expect("JSON");
    let module = Module {
        resources: root["resource"].as_object().expect("resources"),
    };
    let mut emitted = Emitted::default();
    for (_, body) in module.of("aws_ssm_parameter") {
        let region = body["region"].as_str().expect("a region");
        let name = body["name"].as_str().expect("a name").to_owned();
        emitted.parameters.insert(
            parameter_arn(region, &name),
            Parameter {
                name,
                source: module.source(&body["value"]),
            },
        );
    }
    for (name, body) in module.of("aws_ecs_task_definition") {
        let region = body["region"].as_str().expect("a region");
        let role = body["execution_role_arn"]
            .as_str()
            .and_then(|arn| arn.strip_prefix("${aws_iam_role."))
            .and_then(|arn| arn.strip_suffix(".arn}"))
            .unwrap_or_else(|| panic!("{name} has no execution role"));
        let readable: BTreeSet<String> = module
            .of("aws_iam_role_policy")
            .into_iter()
            .filter(|(_, policy)| {
                policy["role"].as_str() == Some(format!("${{aws_iam_role.{role}.id}}").as_str())
            })
            .flat_map(|(_, policy)| {
                let document: Value = serde_json::from_str(
                    &module.render(policy["policy"].as_str().expect("a policy")),
                )
                .expect("a JSON policy");
                json_list(&document["Statement"])
                    .into_iter()
                    .filter(|statement| allows_get_parameters(statement))
                    .flat_map(|statement| one_or_many(&statement["Resource"]))
                    .map(|resource| resource.as_str().expect("an ARN").to_owned())
                    .collect::<Vec<_>>()
            })
            .collect();
        let containers: Value = serde_json::from_str(
            &module.render(
                body["container_definitions"]
                    .as_str()
                    .expect("container definitions"),
            ),
        )
        .expect("JSON container definitions");
        for container in json_list(&containers) {
            emitted.containers.push(Container {
                region: region.to_owned(),
                name: container["name"].as_str().expect("a name").to_owned(),
                secrets: json_list(&container["secrets"])
                    .into_iter()
                    .map(|secret| {
                        (
                            secret["name"].as_str().expect("a name").to_owned(),
                            secret["valueFrom"].as_str().expect("an ARN").to_owned(),
                        )
                    })
                    .collect(),
                environment: json_list(&container["environment"])
                    .into_iter()
                    .map(|variable| variable["name"].as_str().expect("a name").to_owned())
                    .collect(),
                readable: readable.clone(),
            });
        }
    }
    emitted
}

// ---------------------------------------------------------------- the walk

/// A container variable that must come from an endpoint parameter: region, service, variable,
/// the parameter's name, what its value must be.
struct Expected {
    region: String,
    service: String,
    variable: String,
    parameter: String,
    source: Source,
}

/// From the stack file and the plan: every variable set to the writer's address or the cache
/// primary's endpoint, in every region that runs its service.
fn expected(bundled: &BundledPlan) -> Vec<Expected> {
    let bytes = std::fs::read(&bundled.path).expect("readable");
    let stack = meridian_model::load_stack(&bundled.file_name, &bytes)
        .unwrap_or_else(|_| panic!("{} loads", bundled.file_name))
        .stack;
    let plan: &Plan = &bundled.plan;
    let writer_parameter = format!("/{}/database/writer-address", plan.stack);
    let cache_parameter = format!("/{}/cache/primary-endpoint", plan.stack);
    // Only a Global Datastore's primary moves: a standalone group beside it, and every group of
    // a stack without one, is its region's own primary, read directly.
    let has_global_datastore = plan
        .regions
        .iter()
        .filter_map(|region| region.app.as_ref()?.cache.as_ref())
        .any(meridian_plan::CachePlan::heads_global_datastore);
    let mut expected = Vec::new();
    for region in &plan.regions {
        let Some(app) = &region.app else { continue };
        let moving_cache = has_global_datastore
            && app
                .cache
                .as_ref()
                .is_some_and(|cache| !cache.beside_global_datastore);
        for service in &app.services {
            let model = stack
                .services
                .iter()
                .find(|s| s.name == service.name)
                .expect("the service of the stack file");
            for (variable, value) in &model.environment {
                let (parameter, source) = match value.trim() {
                    "${database.writer.address}" => (&writer_parameter, Source::WriterAddress),
                    "${database.reader.address}" if app.database.is_none() => {
                        (&writer_parameter, Source::WriterAddress)
                    }
                    "${cache.primary_endpoint}" if moving_cache => {
                        (&cache_parameter, Source::CachePrimary)
                    }
                    _ => continue,
                };
                expected.push(Expected {
                    region: region.region.to_string(),
                    service: service.name.clone(),
                    variable: variable.clone(),
                    parameter: parameter.clone(),
                    source,
                });
            }
        }
    }
    expected
}

/// Checks every expected variable against one target's output; returns how many it checked.
fn walk(name: &str, emitted: &Emitted, expected: &[Expected]) -> usize {
    for want in expected {
        let (region, variable) = (&want.region, &want.variable);
        let container = emitted
            .containers
            .iter()
            .find(|c| &c.region == region && c.name == want.service)
            .unwrap_or_else(|| panic!("{name}: no container {} in {region}", want.service));
        assert!(
            !container.environment.contains(variable),
            "{name}: {variable} of {} in {region} is an environment value",
            want.service
        );
        let arn = container.secrets.get(variable).unwrap_or_else(|| {
            panic!(
                "{name}: {variable} of {} in {region} is no secret",
                want.service
            )
        });
        assert_eq!(
            arn,
            &parameter_arn(region, &want.parameter),
            "{name}: {variable} in {region} is read from another parameter or region"
        );
        let parameter = emitted
            .parameters
            .get(arn)
            .unwrap_or_else(|| panic!("{name}: no SSM parameter {arn} in the output"));
        assert_eq!(parameter.name, want.parameter);
        assert_eq!(
            parameter.source, want.source,
            "{name}: the initial value of {} in {region}",
            want.parameter
        );
        assert!(
            container.readable.contains(arn),
            "{name}: the execution role of {} in {region} may not read {arn}: {:?}",
            want.service,
            container.readable
        );
    }
    expected.len()
}

#[test]
fn tasks_read_the_writer_and_cache_primary_from_their_region_parameter_in_both_targets() {
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut stacks = 0;
    for bundled in bundled_plans() {
        let has_database = bundled.plan.regions.iter().any(|region| {
            region
                .app
                .as_ref()
                .is_some_and(|app| app.database.is_some())
        });
        if !has_database {
            continue;
        }
        stacks += 1;
        let expected = expected(bundled);
        assert!(
            expected
                .iter()
                .any(|want| want.source == Source::WriterAddress),
            "{}: no variable takes the writer's address",
            bundled.file_name
        );
        for (target, emitted) in [
            (
                "cloudformation",
                cloudformation(&synthesize_bundled(bundled, Target::Cloudformation)),
            ),
            (
                "terraform",
                terraform(&synthesize_bundled(bundled, Target::Terraform)),
            ),
        ] {
            let name = format!("{} ({target})", bundled.file_name);
            *totals.entry(target).or_insert(0) += walk(&name, &emitted, &expected);
        }
    }
    assert!(stacks >= 5, "expected the bundled stacks with a database");
    assert_eq!(totals["cloudformation"], totals["terraform"]);
    assert!(totals["terraform"] >= 20, "{totals:?}");
}

/// The walk fails on each way the output could go wrong: a variable left in the environment, a
/// parameter of another region, a parameter that starts from something other than the writer,
/// an execution role that may not read it.
#[test]
fn the_walk_rejects_tampered_output() {
    let bundled = bundled_plans()
        .iter()
        .find(|bundled| bundled.name == "rail-backend")
        .expect("the seed's stack");
    let expected = expected(bundled);
    let first = expected
        .iter()
        .find(|want| want.source == Source::WriterAddress && want.region != "us-east-1")
        .expect("a writer variable outside the writer's region");
    let (region, variable) = (first.region.clone(), first.variable.clone());
    type Tamper = fn(&mut Emitted, &str, &str);
    let tampers: [(&str, Tamper); 4] = [
        ("environment value", |emitted, region, variable| {
            for container in emitted.containers.iter_mut().filter(|c| c.region == region) {
                container.secrets.remove(variable);
                container.environment.insert(variable.to_owned());
            }
        }),
        ("another region's parameter", |emitted, region, variable| {
            for container in emitted.containers.iter_mut().filter(|c| c.region == region) {
                if let Some(arn) = container.secrets.get_mut(variable) {
                    *arn = arn.replace(region, "us-east-1");
                }
            }
        }),
        ("another initial value", |emitted, region, _| {
            for (arn, parameter) in &mut emitted.parameters {
                if arn.contains(region) {
                    parameter.source = Source::Other("a replica's address".to_owned());
                }
            }
        }),
        ("no ssm:GetParameters", |emitted, region, _| {
            for container in emitted.containers.iter_mut().filter(|c| c.region == region) {
                container.readable.clear();
            }
        }),
    ];
    for (target, files) in [
        (
            Target::Cloudformation,
            synthesize_bundled(bundled, Target::Cloudformation),
        ),
        (
            Target::Terraform,
            synthesize_bundled(bundled, Target::Terraform),
        ),
    ] {
        let walked = || match target {
            Target::Cloudformation => cloudformation(&files),
            _ => terraform(&files),
        };
        assert_eq!(walk("untouched", &walked(), &expected), expected.len());
        for (what, tamper) in tampers {
            let mut emitted = walked();
            tamper(&mut emitted, &region, &variable);
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                walk(what, &emitted, &expected)
            }));
            assert!(outcome.is_err(), "{what} in {region} went unnoticed");
        }
    }
}
