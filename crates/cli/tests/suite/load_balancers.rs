//! Several load balancers and DNS host names, checked on the EMITTED output of the bundled stacks
//! that declare them, in both targets, against the stack file: an internal load balancer sits in
//! its region's private subnets and its listeners admit the VPC's CIDR only; an internet-facing
//! one sits in the public subnets; each service admits the load balancer its target group is on
//! and no other; every DNS name (the domain and each host) has a latency record in each region
//! whose load balancer routes it, aliasing the load balancer the name points at.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{cfn_import, cfn_templates, json_list, synthesize_bundled};
use meridian::Target;
use meridian_model::{LoadBalancerScheme, Stack};
use meridian_plan::{AppPlan, LoadBalancerPlan, OutputFile, Text};
use meridian_testkit::{BundledPlan, bundled_plans};
use serde_json::Value;

fn stack_of(bundled: &BundledPlan) -> Stack {
    let bytes = std::fs::read(&bundled.path).expect("readable");
    meridian_model::load_stack(&bundled.file_name, &bytes)
        .unwrap_or_else(|_| panic!("{} loads", bundled.file_name))
        .stack
}

/// The bundled stacks with a further load balancer: at least one, or the tests prove nothing.
fn with_further_load_balancers() -> Vec<(&'static BundledPlan, Stack)> {
    let found: Vec<_> = bundled_plans()
        .iter()
        .map(|bundled| (bundled, stack_of(bundled)))
        .filter(|(_, stack)| !stack.load_balancers.is_empty())
        .collect();
    assert!(
        !found.is_empty(),
        "a bundled stack declares `load_balancers`"
    );
    found
}

/// Every load balancer of a region with its scheme as the stack file declares it.
fn load_balancers_of<'a>(
    stack: &Stack,
    app: &'a AppPlan,
) -> Vec<(Option<String>, LoadBalancerScheme, &'a LoadBalancerPlan)> {
    let main = app.load_balancer.iter().map(|lb| {
        (
            None,
            stack.load_balancer.as_ref().expect("declared").scheme,
            lb,
        )
    });
    let further = app.load_balancers.iter().map(|(name, lb)| {
        let model = stack.further_load_balancer(name).expect("declared");
        (Some(name.clone()), model.scheme, lb)
    });
    main.chain(further).collect()
}

fn referenced(subnets: &[Text]) -> Vec<meridian_plan::Rid> {
    subnets
        .iter()
        .map(|subnet| subnet.as_attr().expect("a created subnet").resource.clone())
        .collect()
}

/// The resources of every CloudFormation template of a region, by logical ID.
fn cfn_resources(files: &[OutputFile], region: &str) -> BTreeMap<String, Value> {
    cfn_templates(files)
        .into_values()
        .filter(|(template_region, _)| template_region == region)
        .flat_map(|(_, template)| {
            template["Resources"]
                .as_object()
                .expect("resources")
                .clone()
                .into_iter()
        })
        .collect()
}

fn tf_resources(files: &[OutputFile]) -> Value {
    let main = files
        .iter()
        .find(|file| file.path == "terraform/main.tf.json")
        .expect("main.tf.json");
    let json: Value = serde_json::from_str(&main.contents).expect("JSON");
    json["resource"].clone()
}

#[test]
fn each_load_balancer_sits_in_the_subnets_of_its_scheme_and_admits_its_clients_in_both_targets() {
    let mut internal_seen = 0;
    for (bundled, stack) in with_further_load_balancers() {
        let cfn = synthesize_bundled(bundled, Target::Cloudformation);
        let tf = tf_resources(&synthesize_bundled(bundled, Target::Terraform));
        for region in &bundled.plan.regions {
            let Some(app) = &region.app else { continue };
            let Some(network) = &app.network else {
                continue;
            };
            let cfn_resources = cfn_resources(&cfn, &region.region);
            for (name, scheme, lb) in load_balancers_of(&stack, app) {
                let context = format!("{} {name:?} in {}", bundled.file_name, region.region);
                let internal = scheme == LoadBalancerScheme::Internal;
                internal_seen += usize::from(internal);
                let subnets = referenced(if internal {
                    &network.private_subnets
                } else {
                    &network.public_subnets
                });
                let other = referenced(if internal {
                    &network.public_subnets
                } else {
                    &network.private_subnets
                });
                assert!(subnets.iter().all(|subnet| !other.contains(subnet)));
                // Who may connect: the VPC for an internal load balancer (no `ingress_cidrs` in
                // the bundled stacks), anyone for an internet-facing one.
                let clients = if internal {
                    network.vpc_cidr.clone()
                } else {
                    "0.0.0.0/0".to_owned()
                };

                // CloudFormation.
                let resource = &cfn_resources[lb.rid.logical.as_str()];
                let properties = &resource["Properties"];
                assert_eq!(
                    properties["Scheme"],
                    if internal {
                        "internal"
                    } else {
                        "internet-facing"
                    },
                    "{context}"
                );
                let cfn_subnets: BTreeSet<&str> = json_list(&properties["Subnets"])
                    .into_iter()
                    .map(|subnet| subnet["Ref"].as_str().expect("a Ref"))
                    .collect();
                let expected: BTreeSet<&str> =
                    subnets.iter().map(|rid| rid.logical.as_str()).collect();
                assert_eq!(cfn_subnets, expected, "{context}");
                let ingress: Vec<&Value> = cfn_resources
                    .values()
                    .filter(|resource| resource["Type"] == "AWS::EC2::SecurityGroupIngress")
                    .map(|resource| &resource["Properties"])
                    .filter(|rule| {
                        rule["GroupId"]["Fn::GetAtt"][0] == lb.security_group.logical.as_str()
                    })
                    .collect();
                assert_eq!(ingress.len(), lb.listeners.len(), "{context}");
                for rule in ingress {
                    assert_eq!(rule["CidrIp"], clients.as_str(), "{context}");
                }

                // Terraform.
                let resource = &tf["aws_lb"][lb.rid.tf.as_str()];
                assert_eq!(resource["internal"], internal, "{context}");
                let tf_subnets: BTreeSet<&str> = json_list(&resource["subnets"])
                    .into_iter()
                    .map(|subnet| subnet.as_str().expect("a reference"))
                    .collect();
                let expected: BTreeSet<String> = subnets
                    .iter()
                    .map(|rid| format!("${{aws_subnet.{}.id}}", rid.tf))
                    .collect();
                assert_eq!(
                    tf_subnets,
                    expected.iter().map(String::as_str).collect(),
                    "{context}"
                );
                let group = format!("${{aws_security_group.{}.id}}", lb.security_group.tf);
                let ingress: Vec<&Value> = tf["aws_vpc_security_group_ingress_rule"]
                    .as_object()
                    .expect("ingress rules")
                    .values()
                    .filter(|rule| rule["security_group_id"] == group.as_str())
                    .collect();
                assert_eq!(ingress.len(), lb.listeners.len(), "{context}");
                for rule in ingress {
                    assert_eq!(rule["cidr_ipv4"], clients.as_str(), "{context}");
                }
            }
        }
    }
    assert!(internal_seen >= 2, "{internal_seen}");
}

#[test]
fn every_dns_name_has_a_record_per_routing_region_aliasing_its_own_load_balancer() {
    let mut hosts_seen = 0;
    for (bundled, stack) in with_further_load_balancers() {
        let Some(dns) = &stack.dns else { continue };
        let plan = &bundled.plan;
        let evaluate_health = stack
            .failover
            .as_ref()
            .is_none_or(|failover| failover.enabled != Some(false));
        // Each DNS name and the load balancer it points at (`None`: the main one).
        let names: Vec<(&str, Option<&str>)> = std::iter::once((dns.domain.as_str(), None))
            .chain(
                dns.hosts
                    .iter()
                    .map(|host| (host.name.as_str(), host.load_balancer.as_deref())),
            )
            .collect();
        hosts_seen += dns.hosts.len();
        let cfn = synthesize_bundled(bundled, Target::Cloudformation);
        let templates = cfn_templates(&cfn);
        let tf = tf_resources(&synthesize_bundled(bundled, Target::Terraform));
        for (name, target) in names {
            // The regions whose load balancer of that name has a rule for it on HTTPS 443.
            let expected: BTreeMap<String, &LoadBalancerPlan> = plan
                .regions
                .iter()
                .filter_map(|region| {
                    let app = region.app.as_ref()?;
                    let lb = match target {
                        None => app.load_balancer.as_ref()?,
                        Some(target) => app.load_balancers.get(target)?,
                    };
                    let routes = lb.listeners.iter().any(|listener| {
                        listener.port == 443
                            && listener.rules.iter().any(|rule| {
                                rule.hosts.is_empty()
                                    || rule
                                        .hosts
                                        .iter()
                                        .any(|host| host.as_literal() == Some(name))
                            })
                    });
                    routes.then(|| (region.region.to_string(), lb))
                })
                .collect();
            assert!(!expected.is_empty(), "{name} is routed somewhere");

            // CloudFormation: the records of the name, each importing its region's load
            // balancer's DNS name.
            let mut regions = BTreeSet::new();
            for (_, template) in templates.values() {
                for resource in template["Resources"]
                    .as_object()
                    .expect("resources")
                    .values()
                {
                    if resource["Type"] != "AWS::Route53::RecordSet"
                        || resource["Properties"]["Name"] != name
                    {
                        continue;
                    }
                    let properties = &resource["Properties"];
                    let region = properties["Region"].as_str().expect("latency record");
                    let (producer, value) = cfn_import(
                        &templates,
                        &properties["AliasTarget"]["DNSName"]["Fn::GetStackOutput"],
                    );
                    assert!(producer.ends_with(region), "{name}: {producer}");
                    assert_eq!(
                        value["Fn::GetAtt"][0],
                        expected[region].rid.logical.as_str(),
                        "{name} in {region}"
                    );
                    // A record is guarded by its health check unless failover is turned off.
                    assert_eq!(
                        !properties["HealthCheckId"].is_null(),
                        evaluate_health,
                        "{name} in {region}"
                    );
                    regions.insert(region.to_owned());
                }
            }
            assert_eq!(
                regions,
                expected.keys().cloned().collect(),
                "{name} (cloudformation)"
            );

            // Terraform: the same records, naming the load balancer directly.
            let mut regions = BTreeSet::new();
            for record in tf["aws_route53_record"]
                .as_object()
                .expect("records")
                .values()
            {
                if record["name"] != name {
                    continue;
                }
                let region = record["latency_routing_policy"]["region"]
                    .as_str()
                    .expect("latency record");
                assert_eq!(
                    record["alias"]["name"],
                    format!("${{aws_lb.{}.dns_name}}", expected[region].rid.tf),
                    "{name} in {region}"
                );
                assert_eq!(
                    record["health_check_id"].is_string(),
                    evaluate_health,
                    "{name} in {region}"
                );
                regions.insert(region.to_owned());
            }
            assert_eq!(
                regions,
                expected.keys().cloned().collect(),
                "{name} (terraform)"
            );
        }
    }
    assert!(hosts_seen >= 1, "a bundled stack declares `dns.hosts`");
}
