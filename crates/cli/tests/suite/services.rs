//! Services of every shape, checked on the EMITTED output of every bundled stack against the stack
//! file itself (not the plan): a service runs exactly in the regions its `regions` or `roles`
//! select (every region with a network when both are omitted) and nothing of it exists elsewhere;
//! a worker (no `port`) has no port mapping and no ingress rule; `command` and `entrypoint` reach
//! the container as written; `environment_by_region` overrides `environment` by role, then by
//! region code. Both targets are checked.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{cfn_templates, json_list, synthesize_bundled, without_interpolations};
use meridian::Target;
use meridian_model::{RegionRole, Service, Stack};
use meridian_plan::{Direction, OutputFile, Peer};
use meridian_testkit::bundled_plans;
use serde_json::Value;

fn stack_of(bundled: &meridian_testkit::BundledPlan) -> Stack {
    let bytes = std::fs::read(&bundled.path).expect("readable");
    meridian_model::load_stack(&bundled.file_name, &bytes)
        .unwrap_or_else(|_| panic!("{} loads", bundled.file_name))
        .stack
}

fn role_name(role: RegionRole) -> &'static str {
    match role {
        RegionRole::Primary => "primary",
        RegionRole::Secondary => "secondary",
        RegionRole::Optional => "optional",
    }
}

/// The regions (with their role) a service runs in, read from the stack file alone.
fn expected_regions(stack: &Stack, service: &Service) -> BTreeMap<String, &'static str> {
    stack
        .regions
        .iter()
        .filter(|region| region.network.is_some())
        .filter(|region| match (&service.regions, &service.roles) {
            (Some(codes), _) => codes.contains(&region.code),
            (None, Some(roles)) => roles.contains(&region.role),
            (None, None) => true,
        })
        .map(|region| (region.code.clone(), role_name(region.role)))
        .collect()
}

/// The names of the environment a service's container gets in a region, and the values among
/// them written as literals (the others are references or parameters, checked elsewhere).
fn expected_environment(
    service: &Service,
    region: &str,
    role: &str,
) -> (BTreeSet<String>, BTreeMap<String, String>) {
    let mut environment = service.environment.clone();
    for key in [role, region] {
        if let Some(values) = service.environment_by_region.get(key) {
            environment.extend(values.clone());
        }
    }
    let names = environment.keys().cloned().collect();
    environment.retain(|_, value| !value.contains("${"));
    (names, environment)
}

/// One container as either target writes it, reduced to what this test compares.
#[derive(Debug, PartialEq)]
struct Container {
    ports: Vec<u64>,
    command: Vec<String>,
    entry_point: Vec<String>,
    environment: BTreeMap<String, String>,
}

fn strings(value: &Value) -> Vec<String> {
    json_list(value)
        .into_iter()
        .map(|item| item.as_str().expect("a literal argument").to_owned())
        .collect()
}

fn literal_environment(list: &Value, name: &str, value: &str) -> BTreeMap<String, String> {
    json_list(list)
        .into_iter()
        .filter_map(|variable| {
            let text = variable[value].as_str()?;
            let name = variable[name].as_str()?;
            // A reference: `Fn::` objects (no string) in CloudFormation, `<ref>` in Terraform.
            (!text.contains("<ref>")).then(|| (name.to_owned(), text.to_owned()))
        })
        .collect()
}

/// Region → container name → container, from the CloudFormation templates.
fn cfn_containers(files: &[OutputFile]) -> BTreeMap<String, BTreeMap<String, Container>> {
    let mut found: BTreeMap<String, BTreeMap<String, Container>> = BTreeMap::new();
    for (region, template) in cfn_templates(files).into_values() {
        let Some(resources) = template["Resources"].as_object() else {
            continue;
        };
        for resource in resources.values() {
            if resource["Type"] != "AWS::ECS::TaskDefinition" {
                continue;
            }
            for container in json_list(&resource["Properties"]["ContainerDefinitions"]) {
                found.entry(region.clone()).or_default().insert(
                    container["Name"].as_str().expect("a name").to_owned(),
                    Container {
                        ports: json_list(&container["PortMappings"])
                            .into_iter()
                            .filter_map(|mapping| mapping["ContainerPort"].as_u64())
                            .collect(),
                        command: strings(&container["Command"]),
                        entry_point: strings(&container["EntryPoint"]),
                        environment: literal_environment(
                            &container["Environment"],
                            "Name",
                            "Value",
                        ),
                    },
                );
            }
        }
    }
    found
}

/// Region → container name → container, from the Terraform module.
fn tf_containers(files: &[OutputFile]) -> BTreeMap<String, BTreeMap<String, Container>> {
    let main: Value = serde_json::from_str(
        &files
            .iter()
            .find(|f| f.path.ends_with("main.tf.json"))
            .expect("main.tf.json")
            .contents,
    )
    .expect("JSON");
    let mut found: BTreeMap<String, BTreeMap<String, Container>> = BTreeMap::new();
    let Some(definitions) = main["resource"]["aws_ecs_task_definition"].as_object() else {
        return found;
    };
    for definition in definitions.values() {
        let region = definition["region"].as_str().expect("a region").to_owned();
        let containers: Value = serde_json::from_str(&without_interpolations(
            definition["container_definitions"]
                .as_str()
                .expect("encoded definitions"),
        ))
        .expect("JSON");
        for container in json_list(&containers) {
            found.entry(region.clone()).or_default().insert(
                container["name"].as_str().expect("a name").to_owned(),
                Container {
                    ports: json_list(&container["portMappings"])
                        .into_iter()
                        .filter_map(|mapping| mapping["containerPort"].as_u64())
                        .collect(),
                    command: strings(&container["command"]),
                    entry_point: strings(&container["entryPoint"]),
                    environment: literal_environment(&container["environment"], "name", "value"),
                },
            );
        }
    }
    found
}

#[test]
fn each_service_runs_where_it_is_placed_with_its_own_container_in_both_targets() {
    let mut placed_somewhere = 0;
    let mut workers = 0;
    let mut overridden = 0;
    for bundled in bundled_plans() {
        let stack = stack_of(bundled);
        let name = &bundled.file_name;
        for (target, containers) in [
            (
                "cloudformation",
                cfn_containers(&synthesize_bundled(bundled, Target::Cloudformation)),
            ),
            (
                "terraform",
                tf_containers(&synthesize_bundled(bundled, Target::Terraform)),
            ),
        ] {
            for service in &stack.services {
                // The container is named after the service (or its former name).
                let container_name = service.renamed_from.as_deref().unwrap_or(&service.name);
                let expected = expected_regions(&stack, service);
                let actual: BTreeSet<&String> = containers
                    .iter()
                    .filter(|(_, by_name)| by_name.contains_key(container_name))
                    .map(|(region, _)| region)
                    .collect();
                assert_eq!(
                    actual,
                    expected.keys().collect(),
                    "{name} ({target}): where `{}` runs",
                    service.name
                );
                if expected.len() < stack.regions.iter().filter(|r| r.network.is_some()).count() {
                    placed_somewhere += 1;
                }
                for (region, role) in &expected {
                    let container = &containers[region][container_name];
                    let context = format!("{name} ({target}): `{}` in {region}", service.name);
                    assert_eq!(
                        container.ports,
                        service.port.map(u64::from).into_iter().collect::<Vec<_>>(),
                        "{context}"
                    );
                    // `${region}` is the one reference the bundled arguments use.
                    let arguments = |items: &Option<Vec<String>>| -> Vec<String> {
                        items
                            .iter()
                            .flatten()
                            .map(|item| item.replace("${region}", region))
                            .collect()
                    };
                    assert_eq!(container.command, arguments(&service.command), "{context}");
                    assert_eq!(
                        container.entry_point,
                        arguments(&service.entrypoint),
                        "{context}"
                    );
                    let (all, literal) = expected_environment(service, region, role);
                    for (variable, value) in &literal {
                        assert_eq!(
                            container.environment.get(variable),
                            Some(value),
                            "{context}: {variable}"
                        );
                    }
                    for variable in container.environment.keys() {
                        assert!(all.contains(variable), "{context}: {variable}");
                    }
                }
                workers += usize::from(service.port.is_none());
                overridden += usize::from(!service.environment_by_region.is_empty());
            }
        }
    }
    // The bundled stacks have a service placed in some regions only, a worker and a service with
    // environment values by region, so each rule above was exercised in both targets.
    assert!(placed_somewhere >= 2, "{placed_somewhere}");
    assert!(workers >= 2, "{workers}");
    assert!(overridden >= 2, "{overridden}");
}

#[test]
fn no_load_balancer_rule_reaches_a_worker_or_a_region_its_service_skips() {
    for bundled in bundled_plans() {
        let stack = stack_of(bundled);
        let placed: BTreeMap<&str, BTreeMap<String, &str>> = stack
            .services
            .iter()
            .map(|service| (service.name.as_str(), expected_regions(&stack, service)))
            .collect();
        let workers: BTreeSet<&str> = stack
            .services
            .iter()
            .filter(|service| service.port.is_none())
            .map(|service| service.name.as_str())
            .collect();
        // Every load balancer of the file, by name (`None`: the main one), with the services
        // whose target groups it holds.
        let declared: BTreeMap<Option<&str>, &meridian_model::LoadBalancer> =
            stack.all_load_balancers().collect();
        for region in &bundled.plan.regions {
            let Some(app) = &region.app else { continue };
            let planned: BTreeMap<Option<&str>, &meridian_plan::LoadBalancerPlan> = app
                .load_balancer
                .iter()
                .map(|lb| (None, lb))
                .chain(
                    app.load_balancers
                        .iter()
                        .map(|(name, lb)| (Some(name.as_str()), lb)),
                )
                .collect();
            for (name, model) in &declared {
                // A load balancer exactly where a service behind it runs.
                let serves = model.target_groups.iter().any(|group| {
                    placed
                        .get(group.service.as_str())
                        .is_some_and(|regions| regions.contains_key(region.region.as_str()))
                });
                assert_eq!(
                    planned.contains_key(name),
                    serves,
                    "{}: load balancer {name:?} in {}",
                    bundled.file_name,
                    region.region
                );
            }
            for (name, lb) in &planned {
                for group in &lb.target_groups {
                    let service = declared[name]
                        .target_groups
                        .iter()
                        .find(|model| model.name == group.name)
                        .map(|model| model.service.as_str())
                        .expect("a group declared on this load balancer");
                    assert!(!workers.contains(service), "{}", bundled.file_name);
                    assert!(
                        placed[service].contains_key(region.region.as_str()),
                        "{}: target group {} in {}, where {service} does not run",
                        bundled.file_name,
                        group.name,
                        region.region
                    );
                }
                // A service admits traffic from the load balancer whose target group it
                // registers in, and from no other.
                for service in &app.services {
                    let admits = app.security_group_rules.iter().any(|rule| {
                        rule.group == service.security_group
                            && rule.direction == Direction::Ingress
                            && rule.peer == Peer::Group(lb.security_group.clone())
                    });
                    let behind = service.load_balancer.as_ref().is_some_and(|attachment| {
                        lb.target_groups
                            .iter()
                            .any(|group| group.rid == attachment.target_group)
                    });
                    assert_eq!(
                        admits, behind,
                        "{}: {} in {} and load balancer {name:?}",
                        bundled.file_name, service.name, region.region
                    );
                }
            }
        }
    }
}

#[test]
fn a_dns_host_served_by_a_placed_service_has_records_only_where_it_runs() {
    // The fleet stack's admin console runs in us-east-1 and eu-west-1 behind the load balancer
    // `internal`; made internet-facing and given a DNS host, the host gets a record and a health
    // check in those two regions only, aliasing that load balancer, while the domain (the API,
    // here run everywhere) gets one in all three.
    let path = meridian_testkit::bundled_stack("fleet-services.yaml");
    let text = std::fs::read_to_string(&path)
        .expect("readable")
        .replace("    roles: [primary, secondary]\n", "")
        .replace("    scheme: internal\n", "    scheme: internet-facing\n")
        .replace(
            "          - priority: 10\n            paths: [\"/*\"]\n",
            "          - priority: 10\n            hosts: [admin.fleet.example.com]\n",
        )
        .replace(
            "  hosts:\n",
            "  hosts:\n    - name: admin.fleet.example.com\n      load_balancer: internal\n",
        );
    let stack: Stack = meridian_model::load_stack("fleet-services.yaml", text.as_bytes())
        .unwrap_or_else(|_| panic!("loads"))
        .stack;
    let admin = stack
        .services
        .iter()
        .find(|service| service.name == "admin")
        .expect("the admin console");
    let planned = meridian_testkit::planned_of_bytes("fleet-dns.yaml", text.as_bytes());
    let plan = planned
        .plan
        .unwrap_or_else(|| panic!("plans: {:#?}", planned.diagnostics));
    let dns = plan
        .global
        .as_ref()
        .and_then(|global| global.dns.as_ref())
        .expect("the DNS plan");
    let host = dns
        .hosts
        .iter()
        .find(|host| host.name == "admin.fleet.example.com")
        .expect("the admin host");
    assert_eq!(host.load_balancer.as_deref(), Some("internal"));
    let regions: BTreeSet<String> = host.regions.iter().map(|r| r.region.to_string()).collect();
    assert_eq!(
        regions,
        expected_regions(&stack, admin).into_keys().collect(),
    );
    assert_eq!(regions.len(), 2);
    assert_eq!(dns.regions.len(), 3, "the domain is served everywhere");
    let count = |internal: bool| {
        plan.regions
            .iter()
            .filter(|region| {
                region.app.as_ref().is_some_and(|app| {
                    if internal {
                        app.load_balancers.contains_key("internal")
                    } else {
                        app.load_balancer.is_some()
                    }
                })
            })
            .count()
    };
    assert_eq!(count(false), 3, "every region keeps its main load balancer");
    assert_eq!(count(true), 2, "the admin console's only where it runs");
}
