//! Private paths between regions, walked on the EMITTED output of every bundled stack: the
//! CloudFormation templates (following `Ref`, `Fn::GetAtt` and `Fn::GetStackOutput` across
//! stacks) and the Terraform module (following `${type.name.attr}` references). For every service
//! region and every writer candidate (database writer and replica regions, Global Datastore
//! members), a peering joins their VPCs and is accepted, every private route table of the
//! subnets where tasks, database and cache run has a route to the other VPC through it, the
//! candidate's data-store groups admit the service region's CIDR and the services' groups may
//! leave for the candidate's CIDR, on exactly the database and cache ports.
//!
//! Which regions run services and hold candidates is read from the output (ECS services, DB
//! instances, Global Datastore members); CIDRs and ports are the stack's, taken from the plan.

use std::collections::{BTreeMap, BTreeSet};

use meridian::Target;
use meridian_plan::{CacheRole, OutputFile, Plan};
use meridian_testkit::bundled_plans;
use serde_json::Value;

use crate::common::{cfn_import, cfn_templates, json_list, synthesize_bundled};

/// A peering: (requester region, requester VPC, accepter region, accepter VPC, accepted).
type PeeringFacts = (String, String, String, String, bool);

/// The target-neutral facts a walk of one target's output finds.
#[derive(Debug, Default)]
struct Network {
    /// Regions with an ECS service, with each service's security groups.
    service_groups: BTreeMap<String, Vec<BTreeSet<String>>>,
    /// Regions with a DB instance, with its security groups.
    database_groups: BTreeMap<String, BTreeSet<String>>,
    /// Regions with a Global Datastore member, with its security groups.
    cache_groups: BTreeMap<String, BTreeSet<String>>,
    /// Per region, the route tables of the subnets where tasks, database and cache run; absent
    /// for a VPC the output does not create (its tables are parameters).
    private_tables: BTreeMap<String, BTreeSet<String>>,
    /// Per region, the VPC.
    vpcs: BTreeMap<String, String>,
    /// Peerings: id → (requester region, requester VPC, accepter region, accepter VPC, accepted).
    peerings: BTreeMap<String, PeeringFacts>,
    /// Routes: (region, route table, destination, peering).
    routes: Vec<(String, String, String, String)>,
    /// Rules by CIDR: (region, group, ingress?, cidr, from port, to port).
    rules: Vec<(String, String, bool, String, i64, i64)>,
}

// ---------------------------------------------------------------- CloudFormation

struct Stacks {
    /// Stack name → (region, template).
    by_name: BTreeMap<String, (String, Value)>,
}

impl Stacks {
    /// What `value` in `stack` refers to: `stack:Logical` for a resource, `param:Name` for a
    /// parameter (the same parameter in every stack that declares it), or the literal.
    fn resolve(&self, stack: &str, value: &Value) -> String {
        let (_, template) = &self.by_name[stack];
        if let Some(Value::String(name)) = value.get("Ref") {
            return if template["Resources"].get(name).is_some() {
                format!("{stack}:{name}")
            } else {
                format!("param:{name}")
            };
        }
        if let Some(Value::Array(arguments)) = value.get("Fn::GetAtt") {
            return format!("{stack}:{}", arguments[0].as_str().expect("a name"));
        }
        if let Some(import) = value.get("Fn::GetStackOutput") {
            let (producer, produced) = cfn_import(&self.by_name, import);
            return self.resolve(producer, produced);
        }
        value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_owned)
    }

    fn logical_resources(&self) -> Vec<(&str, &str, &str, &str, &Value)> {
        let mut all = Vec::new();
        for (stack, (region, template)) in &self.by_name {
            for (logical, resource) in template["Resources"].as_object().into_iter().flatten() {
                all.push((
                    stack.as_str(),
                    region.as_str(),
                    logical.as_str(),
                    resource["Type"].as_str().unwrap_or_default(),
                    &resource["Properties"],
                ));
            }
        }
        all
    }
}

fn cloudformation(files: &[OutputFile]) -> Network {
    let stacks = Stacks {
        by_name: cfn_templates(files),
    };
    let mut network = Network::default();
    let mut used_subnets: BTreeSet<String> = BTreeSet::new();
    let mut associations = Vec::new();
    for (stack, region, logical, kind, properties) in stacks.logical_resources() {
        let resolve = |value: &Value| stacks.resolve(stack, value);
        let region = region.to_owned();
        match kind {
            "AWS::ECS::Service" => {
                let vpc = &properties["NetworkConfiguration"]["AwsvpcConfiguration"];
                let groups = network.service_groups.entry(region).or_default();
                groups.push(
                    json_list(&vpc["SecurityGroups"])
                        .into_iter()
                        .map(resolve)
                        .collect(),
                );
                used_subnets.extend(json_list(&vpc["Subnets"]).into_iter().map(resolve));
            }
            "AWS::RDS::DBInstance" => {
                let groups = network.database_groups.entry(region).or_default();
                groups.extend(
                    json_list(&properties["VPCSecurityGroups"])
                        .into_iter()
                        .map(resolve),
                );
            }
            "AWS::ElastiCache::ReplicationGroup" => {
                let member = properties.get("GlobalReplicationGroupId").is_some()
                    || stacks.by_name[stack].1["Resources"]
                        .as_object()
                        .expect("resources")
                        .values()
                        .any(|r| r["Type"] == "AWS::ElastiCache::GlobalReplicationGroup");
                if member {
                    let groups = network.cache_groups.entry(region).or_default();
                    groups.extend(
                        json_list(&properties["SecurityGroupIds"])
                            .into_iter()
                            .map(resolve),
                    );
                }
            }
            "AWS::RDS::DBSubnetGroup" => {
                used_subnets.extend(json_list(&properties["SubnetIds"]).into_iter().map(resolve));
            }
            "AWS::ElastiCache::SubnetGroup" => {
                used_subnets.extend(json_list(&properties["SubnetIds"]).into_iter().map(resolve));
            }
            "AWS::EC2::SubnetRouteTableAssociation" => associations.push((
                region,
                resolve(&properties["SubnetId"]),
                resolve(&properties["RouteTableId"]),
            )),
            "AWS::EC2::VPC" => {
                network.vpcs.insert(region, format!("{stack}:{logical}"));
            }
            "AWS::EC2::VPCPeeringConnection" => {
                // Same account, no peering role: accepted when requested.
                let accepted = properties.get("PeerOwnerId").is_none()
                    && properties.get("PeerRoleArn").is_none();
                network.peerings.insert(
                    format!("{stack}:{logical}"),
                    (
                        region,
                        resolve(&properties["VpcId"]),
                        properties["PeerRegion"]
                            .as_str()
                            .expect("a region")
                            .to_owned(),
                        resolve(&properties["PeerVpcId"]),
                        accepted,
                    ),
                );
            }
            "AWS::EC2::Route" if properties.get("VpcPeeringConnectionId").is_some() => {
                network.routes.push((
                    region,
                    resolve(&properties["RouteTableId"]),
                    resolve(&properties["DestinationCidrBlock"]),
                    resolve(&properties["VpcPeeringConnectionId"]),
                ));
            }
            "AWS::EC2::SecurityGroupIngress" | "AWS::EC2::SecurityGroupEgress"
                if properties.get("CidrIp").is_some() =>
            {
                network.rules.push((
                    region,
                    resolve(&properties["GroupId"]),
                    kind.ends_with("Ingress"),
                    resolve(&properties["CidrIp"]),
                    properties["FromPort"].as_i64().expect("a port"),
                    properties["ToPort"].as_i64().expect("a port"),
                ));
            }
            _ => {}
        }
    }
    for (region, subnet, table) in associations {
        if used_subnets.contains(&subnet) {
            network
                .private_tables
                .entry(region)
                .or_default()
                .insert(table);
        }
    }
    network
}

// ---------------------------------------------------------------- Terraform

/// `${aws_x.name.attr}` → `aws_x.name`; `${var.x}` → `var.x`; a literal as is.
fn tf_ref(value: &Value) -> String {
    let text = value
        .as_str()
        .map_or_else(|| value.to_string(), str::to_owned);
    match text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) {
        Some(reference) if reference.starts_with("var.") => reference.to_owned(),
        Some(reference) => reference
            .rsplit_once('.')
            .map_or(reference, |(r, _)| r)
            .to_owned(),
        None => text,
    }
}

fn terraform(files: &[OutputFile]) -> Network {
    let main = files
        .iter()
        .find(|f| f.path == "terraform/main.tf.json")
        .expect("main.tf.json");
    let module: Value = serde_json::from_str(&main.contents).expect("JSON");
    let resources = module["resource"].as_object().expect("resources");
    let of = |kind: &str| -> Vec<(String, &Value)> {
        resources
            .get(kind)
            .and_then(Value::as_object)
            .map(|named| {
                named
                    .iter()
                    .map(|(name, body)| (format!("{kind}.{name}"), body))
                    .collect()
            })
            .unwrap_or_default()
    };
    let region = |body: &Value| body["region"].as_str().expect("a region").to_owned();
    let refs = |value: &Value| json_list(value).into_iter().map(tf_ref).collect::<Vec<_>>();
    let mut network = Network::default();
    let mut used_subnets: BTreeSet<String> = BTreeSet::new();
    for (_, body) in of("aws_ecs_service") {
        let config = &body["network_configuration"];
        network
            .service_groups
            .entry(region(body))
            .or_default()
            .push(refs(&config["security_groups"]).into_iter().collect());
        used_subnets.extend(refs(&config["subnets"]));
    }
    for (_, body) in of("aws_db_instance") {
        network
            .database_groups
            .entry(region(body))
            .or_default()
            .extend(refs(&body["vpc_security_group_ids"]));
    }
    let primaries: BTreeSet<String> = of("aws_elasticache_global_replication_group")
        .iter()
        .map(|(_, global)| tf_ref(&global["primary_replication_group_id"]))
        .collect();
    for (name, body) in of("aws_elasticache_replication_group") {
        if body.get("global_replication_group_id").is_some() || primaries.contains(&name) {
            network
                .cache_groups
                .entry(region(body))
                .or_default()
                .extend(refs(&body["security_group_ids"]));
        }
    }
    for kind in ["aws_db_subnet_group", "aws_elasticache_subnet_group"] {
        for (_, body) in of(kind) {
            used_subnets.extend(refs(&body["subnet_ids"]));
        }
    }
    for (_, body) in of("aws_route_table_association") {
        if used_subnets.contains(&tf_ref(&body["subnet_id"])) {
            network
                .private_tables
                .entry(region(body))
                .or_default()
                .insert(tf_ref(&body["route_table_id"]));
        }
    }
    for (name, body) in of("aws_vpc") {
        network.vpcs.insert(region(body), name);
    }
    let accepters = of("aws_vpc_peering_connection_accepter");
    for (name, body) in of("aws_vpc_peering_connection") {
        let peer_region = body["peer_region"]
            .as_str()
            .expect("a peer region")
            .to_owned();
        let accepted = accepters.iter().any(|(_, accepter)| {
            tf_ref(&accepter["vpc_peering_connection_id"]) == name
                && accepter["auto_accept"] == true
                && accepter["region"].as_str() == Some(peer_region.as_str())
        });
        network.peerings.insert(
            name,
            (
                region(body),
                tf_ref(&body["vpc_id"]),
                peer_region,
                tf_ref(&body["peer_vpc_id"]),
                accepted,
            ),
        );
    }
    for (_, body) in of("aws_route") {
        if body.get("vpc_peering_connection_id").is_some() {
            network.routes.push((
                region(body),
                tf_ref(&body["route_table_id"]),
                tf_ref(&body["destination_cidr_block"]),
                tf_ref(&body["vpc_peering_connection_id"]),
            ));
        }
    }
    for (kind, ingress) in [
        ("aws_vpc_security_group_ingress_rule", true),
        ("aws_vpc_security_group_egress_rule", false),
    ] {
        for (_, body) in of(kind) {
            if body.get("cidr_ipv4").is_some() {
                network.rules.push((
                    region(body),
                    tf_ref(&body["security_group_id"]),
                    ingress,
                    tf_ref(&body["cidr_ipv4"]),
                    body["from_port"].as_i64().expect("a port"),
                    body["to_port"].as_i64().expect("a port"),
                ));
            }
        }
    }
    network
}

// ---------------------------------------------------------------- the walk

/// The stack's CIDRs and ports, from the plan: what the output must implement.
struct Spec {
    cidrs: BTreeMap<String, String>,
    database_port: Option<i64>,
    cache_port: Option<i64>,
    /// Regions with a standalone cache beside the Global Datastore: they write to their own
    /// group and need no way to the Datastore's members.
    standalone_caches: BTreeSet<String>,
}

fn spec(plan: &Plan) -> Spec {
    let mut spec = Spec {
        cidrs: BTreeMap::new(),
        database_port: None,
        cache_port: None,
        standalone_caches: BTreeSet::new(),
    };
    for region in &plan.regions {
        let Some(app) = &region.app else { continue };
        if let Some(network) = &app.network {
            spec.cidrs
                .insert(region.region.to_string(), network.vpc_cidr.clone());
        }
        if let Some(database) = &app.database {
            spec.database_port = Some(i64::from(database.port));
        }
        if let Some(cache) = &app.cache
            && matches!(
                &cache.role,
                CacheRole::Secondary { .. } | CacheRole::Primary(_)
            )
        {
            spec.cache_port = Some(i64::from(cache.port));
        }
        if app
            .cache
            .as_ref()
            .is_some_and(|cache| cache.beside_global_datastore)
        {
            spec.standalone_caches.insert(region.region.to_string());
        }
    }
    spec
}

/// Walks every (service region, candidate region) pair; returns how many it checked.
fn walk(name: &str, network: &Network, spec: &Spec) -> usize {
    let candidates: BTreeSet<&String> = network
        .database_groups
        .keys()
        .chain(network.cache_groups.keys())
        .collect();
    let mut checked = 0;
    for (service_region, service_groups) in &network.service_groups {
        for candidate in &candidates {
            if service_region == *candidate {
                continue;
            }
            let (s, w) = (service_region.as_str(), candidate.as_str());
            let joining: Vec<(&String, &PeeringFacts)> = network
                .peerings
                .iter()
                .filter(|(_, (a, _, b, _, _))| (a == s && b == w) || (a == w && b == s))
                .collect();
            assert_eq!(joining.len(), 1, "{name}: peerings joining {s} and {w}");
            let (peering, (requester, requester_vpc, accepter, accepter_vpc, accepted)) =
                joining[0];
            assert!(accepted, "{name}: {peering} is never accepted");
            for (region, vpc) in [(requester, requester_vpc), (accepter, accepter_vpc)] {
                match network.vpcs.get(region) {
                    Some(created) => assert_eq!(vpc, created, "{name}: {peering} in {region}"),
                    None => assert!(vpc.starts_with("param:") || vpc.starts_with("var.")),
                }
            }
            for (from, to) in [(s, w), (w, s)] {
                let tables: BTreeSet<&String> = network
                    .routes
                    .iter()
                    .filter(|(region, _, destination, via)| {
                        region == from && destination == &spec.cidrs[to] && via == peering
                    })
                    .map(|(_, table, _, _)| table)
                    .collect();
                match network.private_tables.get(from) {
                    Some(expected) if network.vpcs.contains_key(from) => assert_eq!(
                        tables,
                        expected.iter().collect(),
                        "{name}: routes of {from} to {to}"
                    ),
                    _ => assert!(!tables.is_empty(), "{name}: no route of {from} to {to}"),
                }
            }
            let mut stores = Vec::new();
            if let Some(groups) = network.database_groups.get(w) {
                stores.push((groups, spec.database_port.expect("a database port")));
            }
            if spec.standalone_caches.contains(s) {
                let cache_port = spec.cache_port.expect("a cache port");
                assert!(
                    !network
                        .rules
                        .iter()
                        .any(|r| { r.0 == s && r.3 == spec.cidrs[w] && r.4 == cache_port && !r.2 }),
                    "{name}: {s} has a standalone cache, yet its tasks may reach {w}'s cache"
                );
            } else if let Some(groups) = network.cache_groups.get(w) {
                stores.push((groups, spec.cache_port.expect("a cache port")));
            }
            for (groups, port) in stores {
                let rule = |region: &str, group: &String, ingress: bool, cidr: &str| {
                    network.rules.iter().any(|r| {
                        r.0 == region
                            && &r.1 == group
                            && r.2 == ingress
                            && r.3 == cidr
                            && r.4 == port
                            && r.5 == port
                    })
                };
                assert!(
                    groups.iter().any(|g| rule(w, g, true, &spec.cidrs[s])),
                    "{name}: {w} admits nothing from {s} on {port}"
                );
                for groups in service_groups {
                    assert!(
                        groups
                            .iter()
                            .any(|group| rule(s, group, false, &spec.cidrs[w])),
                        "{name}: a service in {s} (groups {groups:?}) cannot reach {w} on {port}"
                    );
                }
            }
            checked += 1;
        }
    }
    // Exactly the ports: every rule by another region's CIDR is one of these.
    let ports: Vec<i64> = spec
        .database_port
        .into_iter()
        .chain(spec.cache_port)
        .collect();
    for (region, group, _, cidr, from, to) in &network.rules {
        let peer = spec.cidrs.iter().any(|(r, c)| c == cidr && r != region);
        if peer {
            assert!(
                from == to && ports.contains(from),
                "{name}: {group} in {region} opens {from}-{to} to {cidr}"
            );
        }
    }
    checked
}

#[test]
fn every_task_reaches_every_writer_candidate_in_both_targets() {
    let mut totals = BTreeMap::new();
    for bundled in bundled_plans() {
        let spec = spec(&bundled.plan);
        for (target, network) in [
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
            let checked = walk(&name, &network, &spec);
            *totals.entry(target).or_insert(0) += checked;
            if bundled
                .plan
                .regions
                .iter()
                .filter(|r| r.app.is_some())
                .count()
                > 1
            {
                assert!(checked > 0, "{name}: nothing to walk");
            }
        }
    }
    assert_eq!(totals["cloudformation"], totals["terraform"]);
    assert!(totals["terraform"] >= 32, "{totals:?}");
}
