//! Security groups of a region and the rules that chain load balancer → tasks → database and cache,
//! one resource per rule.

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::ids::Rid;
use crate::naming::{EntityName, pascal};
use crate::types::*;

/// How a security-group rule's logical ID is built: as is, or from an entity's name.
pub(crate) enum Named<'e> {
    Fixed(String),
    Entity(&'e EntityName, fn(&str) -> String),
    /// The entity's PascalCase name between a head and a tail (`head` + name + `tail`).
    Around(&'e EntityName, String, String),
}

/// The groups and rules of a region as they are wired.
struct Wiring {
    unit: UnitId,
    path: StackPath,
    /// The stack's name, which prefixes the groups' name tags.
    stack: String,
    groups: Vec<SecurityGroupPlan>,
    rules: Vec<SecurityGroupRulePlan>,
}

impl Wiring {
    /// Adds a TCP rule to `group` for `port` with `peer`.
    #[allow(clippy::too_many_arguments)]
    fn rule(
        &mut self,
        resolver: &mut Resolver<'_>,
        name: Named<'_>,
        group: &Rid,
        direction: Direction,
        port: u32,
        peer: Peer,
        description: String,
    ) {
        let rid = match name {
            Named::Fixed(name) => resolver.rid(&self.unit, name, &self.path),
            Named::Entity(entity, role) => {
                resolver.entity_rid(&self.unit, entity, role, &self.path)
            }
            Named::Around(entity, head, tail) => resolver.entity_rid(
                &self.unit,
                entity,
                |base| [head.as_str(), base, tail.as_str()].concat(),
                &self.path,
            ),
        };
        self.rules.push(SecurityGroupRulePlan {
            rid,
            group: group.clone(),
            direction,
            protocol: IpProtocol::Tcp,
            port,
            peer,
            description,
        });
    }
}

/// Security groups of a region and the rules chaining load balancer → tasks → data stores.
pub(crate) fn wire_security_groups(resolver: &mut Resolver<'_>, app: &mut AppPlan) {
    let mut wiring = Wiring {
        unit: app.unit.clone(),
        path: StackPath::root().key("services"),
        stack: resolver.stack.stack.clone(),
        groups: Vec::new(),
        rules: Vec::new(),
    };
    wire_load_balancer(resolver, app, &mut wiring);
    for service in &app.services {
        // A service's rules, on its own group or naming it, go with it (split.rs).
        wiring.unit = resolver.service_unit(&app.unit, &service.name);
        wire_service(resolver, app, service, &mut wiring);
    }
    wiring.unit = app.unit.clone();
    wire_database(resolver, app, &mut wiring);
    wire_adopted_rotation(resolver, app, &mut wiring);
    wire_cache(app, &mut wiring);
    app.security_groups = wiring.groups;
    app.security_group_rules = wiring.rules;
}

/// Each load balancer's group, open to the configured clients on each listener.
fn wire_load_balancer(resolver: &mut Resolver<'_>, app: &AppPlan, wiring: &mut Wiring) {
    let stack = wiring.stack.clone();
    let vpc_cidr = app
        .network
        .as_ref()
        .map(|n| n.vpc_cidr.clone())
        .unwrap_or_default();
    let all = app
        .load_balancer
        .iter()
        .map(|lb| (None, lb))
        .chain(app.load_balancers.iter().map(|(name, lb)| (Some(name), lb)));
    for (name, lb) in all {
        let prefix = name.map(|name| pascal(name)).unwrap_or_default();
        wiring.groups.push(SecurityGroupPlan {
            rid: lb.security_group.clone(),
            description: "Load balancer: listeners open to the configured clients".to_owned(),
            name: match name {
                None => format!("{stack}-load-balancer"),
                Some(name) => format!("{stack}-{name}-load-balancer"),
            },
        });
        let model = match name {
            None => resolver.stack.load_balancer.as_ref(),
            Some(name) => resolver.stack.further_load_balancer(name),
        };
        let cidrs: Vec<String> = match model.and_then(|l| l.ingress_cidrs.clone()) {
            Some(cidrs) => cidrs,
            None if lb.internal => vec![vpc_cidr.clone()],
            None => vec![aws::IPV4_ANYWHERE.to_owned()],
        };
        for listener in &lb.listeners {
            for cidr in &cidrs {
                let peer_name = if cidr == aws::IPV4_ANYWHERE {
                    "Anywhere".to_owned()
                } else {
                    format!("Cidr{}", cidr.replace(['.', '/'], "x"))
                };
                wiring.rule(
                    resolver,
                    Named::Fixed(format!(
                        "{prefix}LoadBalancerIngress{}From{peer_name}",
                        listener.port
                    )),
                    &lb.security_group,
                    Direction::Ingress,
                    listener.port,
                    Peer::Cidr(cidr.clone()),
                    format!(
                        "{} clients to the listener on {}",
                        listener.protocol.as_str(),
                        listener.port
                    ),
                );
            }
        }
    }
}

/// A service's group: from the load balancer, to AWS APIs, to the database and the cache.
fn wire_service(
    resolver: &mut Resolver<'_>,
    app: &AppPlan,
    service: &ServicePlan,
    wiring: &mut Wiring,
) {
    let stack = wiring.stack.clone();
    // A renamed service's rules keep its former name, like its other resources.
    let entity = EntityName::new(
        EntityKind::Service,
        &service.name,
        service.renamed_from.as_deref(),
    );
    let identity = &entity.identity;
    wiring.groups.push(SecurityGroupPlan {
        rid: service.security_group.clone(),
        description: format!("Tasks of the {identity} service"),
        name: format!("{stack}-{identity}"),
    });
    // The load balancer whose target group the service registers in, and only that one.
    let attached = service.load_balancer.as_ref().and_then(|attachment| {
        app.load_balancer
            .iter()
            .map(|lb| (String::new(), lb))
            .chain(
                app.load_balancers
                    .iter()
                    .map(|(name, lb)| (pascal(name), lb)),
            )
            .find(|(_, lb)| {
                lb.target_groups
                    .iter()
                    .any(|tg| tg.rid == attachment.target_group)
            })
            .map(|(prefix, lb)| (prefix, lb, attachment))
    });
    if let Some((prefix, lb, attachment)) = attached {
        wiring.rule(
            resolver,
            Named::Around(
                &entity,
                format!("{prefix}LoadBalancerEgressTo"),
                String::new(),
            ),
            &lb.security_group,
            Direction::Egress,
            attachment.container_port,
            Peer::Group(service.security_group.clone()),
            format!("Load balancer to {identity} tasks"),
        );
        wiring.rule(
            resolver,
            Named::Around(
                &entity,
                String::new(),
                format!("IngressFrom{prefix}LoadBalancer"),
            ),
            &service.security_group,
            Direction::Ingress,
            attachment.container_port,
            Peer::Group(lb.security_group.clone()),
            "Load balancer to the container port".to_owned(),
        );
    }
    wiring.rule(
        resolver,
        Named::Entity(&entity, |base| [base, "EgressHttps"].concat()),
        &service.security_group,
        Direction::Egress,
        aws::HTTPS_PORT,
        Peer::Cidr(aws::IPV4_ANYWHERE.to_owned()),
        "HTTPS to AWS APIs (ECR, Secrets Manager, CloudWatch Logs) through the NAT gateways"
            .to_owned(),
    );
    if let Some(database) = &app.database {
        wiring.rule(
            resolver,
            Named::Entity(&entity, |base| [base, "EgressToDatabase"].concat()),
            &service.security_group,
            Direction::Egress,
            database.port,
            Peer::Group(database.security_group.clone()),
            "Tasks to PostgreSQL".to_owned(),
        );
        wiring.rule(
            resolver,
            Named::Entity(&entity, |base| format!("DatabaseIngressFrom{base}")),
            &database.security_group,
            Direction::Ingress,
            database.port,
            Peer::Group(service.security_group.clone()),
            format!("{identity} tasks to PostgreSQL"),
        );
    }
    if let Some(cache) = &app.cache {
        wiring.rule(
            resolver,
            Named::Entity(&entity, |base| [base, "EgressToCache"].concat()),
            &service.security_group,
            Direction::Egress,
            cache.port,
            Peer::Group(cache.security_group.clone()),
            "Tasks to Redis".to_owned(),
        );
        wiring.rule(
            resolver,
            Named::Entity(&entity, |base| format!("CacheIngressFrom{base}")),
            &cache.security_group,
            Direction::Ingress,
            cache.port,
            Peer::Group(service.security_group.clone()),
            format!("{identity} tasks to Redis"),
        );
    }
}

/// The database's group, and the rotation function's when the region holds the writer.
fn wire_database(resolver: &mut Resolver<'_>, app: &AppPlan, wiring: &mut Wiring) {
    let stack = wiring.stack.clone();
    if let Some(database) = &app.database {
        wiring.groups.push(SecurityGroupPlan {
            rid: database.security_group.clone(),
            description: "PostgreSQL: reachable from the service tasks only".to_owned(),
            name: format!("{stack}-database"),
        });
        if let DatabaseRole::Writer(writer) = &database.role {
            let rotation = writer.rotation.security_group.clone();
            rotation_group(wiring, &rotation);
            wiring.rule(
                resolver,
                Named::Fixed("DatabaseRotationEgressToDatabase".to_owned()),
                &rotation,
                Direction::Egress,
                database.port,
                Peer::Group(database.security_group.clone()),
                "Rotation function to PostgreSQL".to_owned(),
            );
            rotation_https(resolver, wiring, &rotation);
            wiring.rule(
                resolver,
                Named::Fixed("DatabaseIngressFromRotation".to_owned()),
                &database.security_group,
                Direction::Ingress,
                database.port,
                Peer::Group(rotation),
                "Rotation function to PostgreSQL".to_owned(),
            );
        }
    }
}

/// The rotation function's group.
fn rotation_group(wiring: &mut Wiring, rotation: &Rid) {
    let stack = wiring.stack.clone();
    wiring.groups.push(SecurityGroupPlan {
        rid: rotation.clone(),
        description: "Secrets Manager rotation function of the database master password".to_owned(),
        name: format!("{stack}-database-rotation"),
    });
}

/// The rotation function's way to the Secrets Manager API.
fn rotation_https(resolver: &mut Resolver<'_>, wiring: &mut Wiring, rotation: &Rid) {
    wiring.rule(
        resolver,
        Named::Fixed("DatabaseRotationEgressHttps".to_owned()),
        rotation,
        Direction::Egress,
        aws::HTTPS_PORT,
        Peer::Cidr(aws::IPV4_ANYWHERE.to_owned()),
        "Rotation function to the Secrets Manager API".to_owned(),
    );
}

/// The rotation function of an adopted writer's credentials, which stayed in this region: it
/// reaches the writer's VPC across the links between regions. (The writer's group admits the
/// peer VPCs on the database port; see the links.)
fn wire_adopted_rotation(resolver: &mut Resolver<'_>, app: &AppPlan, wiring: &mut Wiring) {
    let Some(credentials) = &app.adopted_credentials else {
        return;
    };
    let rotation = credentials.rotation.security_group.clone();
    rotation_group(wiring, &rotation);
    // Another name than the rule to a local writer's group: a rule's peer is create-only, so
    // the old rule is removed and this one added rather than one replaced.
    wiring.rule(
        resolver,
        Named::Fixed("DatabaseRotationEgressToWriter".to_owned()),
        &rotation,
        Direction::Egress,
        credentials.port,
        Peer::Cidr(credentials.writer_vpc_cidr.clone()),
        format!(
            "Rotation function to PostgreSQL in {}",
            credentials.writer_region
        ),
    );
    rotation_https(resolver, wiring, &rotation);
}

/// The cache's group.
fn wire_cache(app: &AppPlan, wiring: &mut Wiring) {
    let stack = wiring.stack.clone();
    if let Some(cache) = &app.cache {
        wiring.groups.push(SecurityGroupPlan {
            rid: cache.security_group.clone(),
            description: "Redis: reachable from the service tasks only".to_owned(),
            name: format!("{stack}-cache"),
        });
    }
}

impl Resolver<'_> {
    /// W962: a group with more rules in one direction than the default quota, which a deploy
    /// fails on unless the account's quota was raised: many services (a rule per service on the
    /// load balancer's and the data stores' groups) or many regions (a rule per peer CIDR).
    pub(crate) fn check_security_group_quotas(
        &mut self,
        regions: &Regions<'_>,
        apps: &BTreeMap<RegionCode, AppPlan>,
    ) {
        for region in regions.iter() {
            let Some(app) = apps.get(&region.code) else {
                continue;
            };
            let mut counts: BTreeMap<(&Rid, bool), usize> = BTreeMap::new();
            for rule in &app.security_group_rules {
                *counts
                    .entry((&rule.group, rule.direction == Direction::Ingress))
                    .or_default() += 1;
            }
            for ((group, inbound), count) in counts {
                if count <= aws::limits::SECURITY_GROUP_RULES_DEFAULT {
                    continue;
                }
                let name = app
                    .security_groups
                    .iter()
                    .find(|candidate| &candidate.rid == group)
                    .map_or_else(|| group.logical.to_string(), |found| found.name.clone());
                self.report(
                    Diagnostic::new(
                        codes::W962,
                        region.path.clone(),
                        format!(
                            "the security group `{name}` in {} gets {count} {} rules, and Amazon VPC allows {} per direction unless the account's quota is raised",
                            region.code,
                            if inbound { "inbound" } else { "outbound" },
                            aws::limits::SECURITY_GROUP_RULES_DEFAULT
                        ),
                    )
                    .with_help(format!(
                        "request \"Inbound or outbound rules per security group\" of at least {count} in Service Quotas for {} before deploying, then acknowledge this warning; or run fewer services or regions in this stack",
                        region.code
                    )),
                );
            }
        }
    }
}
