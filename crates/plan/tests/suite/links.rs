//! Private paths between regions, asserted on the plan of every bundled stack: every service
//! region reaches every writer candidate (the database writer and each replica region; each
//! member of the cache's Global Datastore) through a peering, with routes in both VPCs' private
//! route tables and security-group rules on exactly the database and cache ports, so the reach
//! survives a failover to any replica region. Nothing else is peered or opened.

use std::collections::{BTreeMap, BTreeSet};

use meridian_plan::{
    AppPlan, CacheRole, Direction, Peer, PeerRoutePlan, Plan, RegionPlan, Rid, Text, UnitId,
};
use meridian_plan::{ParamUse, Part};
use meridian_testkit::bundled_plans;

/// What a value refers to: the logical ID of a resource (directly or through another unit's
/// output), a parameter, or a literal.
fn target(text: &Text) -> String {
    match text.parts() {
        [Part::Attr(reference)] => format!("resource {}", reference.resource.logical),
        [Part::Import(import)] => format!("resource {}", import.source.resource.logical),
        [Part::Param(ParamUse { name, .. })] => format!("parameter {name}"),
        other => format!("{other:?}"),
    }
}

fn is(rid: &Rid) -> String {
    format!("resource {}", rid.logical)
}

fn app(region: &RegionPlan) -> &AppPlan {
    region.app.as_ref().expect("an application unit")
}

fn runs_services(region: &RegionPlan) -> bool {
    region
        .app
        .as_ref()
        .is_some_and(|app| !app.services.is_empty())
}

fn database_candidate(region: &RegionPlan) -> bool {
    region
        .app
        .as_ref()
        .is_some_and(|app| app.database.is_some())
}

fn cache_candidate(region: &RegionPlan) -> bool {
    region
        .app
        .as_ref()
        .and_then(|app| app.cache.as_ref())
        .is_some_and(|cache| match &cache.role {
            CacheRole::Primary(primary) => primary.global.is_some(),
            CacheRole::Secondary { .. } => true,
        })
}

fn cidr(region: &RegionPlan) -> &str {
    &app(region).network.as_ref().expect("a network").vpc_cidr
}

/// The private route tables of a region's VPC as its routes name them: the zones' tables of a
/// created VPC; for an existing VPC, the tables its routes use (the same for every peer).
fn private_route_tables(region: &RegionPlan) -> Option<BTreeSet<String>> {
    let network = app(region).network.as_ref()?;
    let created = network.created.as_ref()?;
    Some(
        created
            .zones
            .iter()
            .map(|zone| is(&zone.private_route_table))
            .collect(),
    )
}

/// Every route of `region`'s route tables, in its application and links units.
fn routes(region: &RegionPlan) -> Vec<&PeerRoutePlan> {
    let mut all: Vec<&PeerRoutePlan> = app(region).peer_routes.iter().collect();
    if let Some(links) = &region.links {
        all.extend(&links.routes);
    }
    all
}

fn position(plan: &Plan, unit: &UnitId) -> usize {
    plan.units
        .iter()
        .position(|candidate| &candidate.id == unit)
        .unwrap_or_else(|| panic!("no unit {unit}"))
}

/// Whether the pair must be peered: one side runs a service and the other holds a candidate.
fn must_peer(a: &RegionPlan, b: &RegionPlan) -> bool {
    let candidate = |r: &RegionPlan| database_candidate(r) || cache_candidate(r);
    (runs_services(a) && candidate(b)) || (runs_services(b) && candidate(a))
}

/// The peering joining `a` and `b`, as (requester, peering ID).
fn peering<'p>(a: &'p RegionPlan, b: &'p RegionPlan) -> Option<(&'p RegionPlan, String)> {
    let requested_by = |requester: &'p RegionPlan, accepter: &RegionPlan| {
        app(requester)
            .peerings
            .iter()
            .filter(|peering| peering.peer_region == accepter.region)
            .map(|peering| (requester, is(&peering.rid)))
            .collect::<Vec<_>>()
    };
    let mut found = requested_by(a, b);
    found.extend(requested_by(b, a));
    assert!(
        found.len() <= 1,
        "{} and {} are peered twice",
        a.region,
        b.region
    );
    found.pop()
}

/// Routes of `from`'s private route tables to `to`'s CIDR through `peering`: every table has one.
fn assert_routes(name: &str, from: &RegionPlan, to: &RegionPlan, peering: &str) {
    let tables: BTreeSet<String> = routes(from)
        .into_iter()
        .filter(|route| route.peer_region == to.region)
        .map(|route| {
            assert_eq!(
                route.destination_cidr,
                cidr(to),
                "{name}: {}",
                route.rid.logical
            );
            assert_eq!(
                target(&route.peering),
                peering,
                "{name}: {}",
                route.rid.logical
            );
            assert_eq!(route.region, from.region, "{name}: {}", route.rid.logical);
            target(&route.route_table)
        })
        .collect();
    match private_route_tables(from) {
        Some(expected) => assert_eq!(
            tables, expected,
            "{name}: routes of {} to {}",
            from.region, to.region
        ),
        None => assert!(
            !tables.is_empty() && tables.iter().all(|t| t.starts_with("parameter ")),
            "{name}: the existing VPC of {} routes to {} through {tables:?}",
            from.region,
            to.region
        ),
    }
}

/// Ingress to `to`'s data stores from `from`'s CIDR and egress from each of `from`'s services
/// to `to`'s CIDR, on the port of each candidate data store `to` holds.
fn assert_rules(name: &str, from: &RegionPlan, to: &RegionPlan) {
    let target_app = app(to);
    let mut stores = Vec::new();
    if let Some(database) = &target_app.database {
        stores.push((database.security_group.clone(), database.port));
    }
    // A region with a standalone cache beside the Global Datastore writes only to its own.
    let standalone_here = app(from)
        .cache
        .as_ref()
        .is_some_and(|cache| cache.beside_global_datastore);
    if cache_candidate(to)
        && let Some(cache) = &target_app.cache
    {
        if standalone_here {
            assert!(
                !target_app.security_group_rules.iter().any(|rule| {
                    rule.group == cache.security_group
                        && rule.peer == Peer::Cidr(cidr(from).to_owned())
                }),
                "{name}: {} admits {}, whose cache is standalone",
                to.region,
                from.region
            );
        } else {
            stores.push((cache.security_group.clone(), cache.port));
        }
    }
    assert!(
        !stores.is_empty(),
        "{name}: {} holds no candidate",
        to.region
    );
    for (group, port) in &stores {
        assert!(
            target_app.security_group_rules.iter().any(|rule| {
                rule.group == *group
                    && rule.direction == Direction::Ingress
                    && rule.port == *port
                    && rule.peer == Peer::Cidr(cidr(from).to_owned())
            }),
            "{name}: {} admits no traffic from {} on {port}",
            to.region,
            from.region
        );
        for service in &app(from).services {
            assert!(
                app(from).security_group_rules.iter().any(|rule| {
                    Some(&rule.group) == service.peer_security_group.as_ref()
                        && rule.direction == Direction::Egress
                        && rule.port == *port
                        && rule.peer == Peer::Cidr(cidr(to).to_owned())
                }),
                "{name}: {} tasks in {} cannot leave for {} on {port}",
                service.name,
                from.region,
                to.region
            );
        }
    }
}

/// Rules by a peer VPC's CIDR allow only the database and cache ports, ingress only to the data
/// stores' groups and egress only from the group every service of the region carries for its peers.
fn assert_nothing_else_opened(name: &str, plan: &Plan) {
    let cidrs: BTreeMap<String, &RegionPlan> = plan
        .regions
        .iter()
        .filter(|region| region.app.as_ref().is_some_and(|a| a.network.is_some()))
        .map(|region| (cidr(region).to_owned(), region))
        .collect();
    for region in plan.regions.iter().filter(|r| r.app.is_some()) {
        let app = app(region);
        let own = app.network.as_ref().map(|n| n.vpc_cidr.clone());
        for rule in &app.security_group_rules {
            let Peer::Cidr(peer) = &rule.peer else {
                continue;
            };
            if Some(peer) == own.as_ref() || !cidrs.contains_key(peer) {
                continue;
            }
            let database = app.database.as_ref().map(|d| (&d.security_group, d.port));
            let cache = app.cache.as_ref().map(|c| (&c.security_group, c.port));
            match rule.direction {
                Direction::Ingress => assert!(
                    [database, cache]
                        .into_iter()
                        .flatten()
                        .any(|(group, port)| *group == rule.group && port == rule.port),
                    "{name}: {} opens {} to {peer}",
                    region.region,
                    rule.rid.logical
                ),
                Direction::Egress => {
                    let peer_app = cidrs[peer].app.as_ref().expect("an app");
                    let ports: Vec<u32> = peer_app
                        .database
                        .iter()
                        .map(|d| d.port)
                        .chain(peer_app.cache.iter().map(|c| c.port))
                        .collect();
                    assert!(
                        app.services
                            .iter()
                            .all(|s| s.peer_security_group.as_ref() == Some(&rule.group))
                            && ports.contains(&rule.port),
                        "{name}: {} opens {} to {peer}",
                        region.region,
                        rule.rid.logical
                    );
                }
            }
        }
    }
}

#[test]
fn every_service_region_reaches_every_writer_candidate() {
    let mut pairs_checked = 0;
    for bundled in bundled_plans() {
        let (name, plan) = (&bundled.file_name, &bundled.plan);
        let regions: Vec<&RegionPlan> = plan.regions.iter().filter(|r| r.app.is_some()).collect();
        for (index, a) in regions.iter().enumerate() {
            for b in &regions[index + 1..] {
                let found = peering(a, b);
                if !must_peer(a, b) {
                    assert!(
                        found.is_none(),
                        "{name}: {} and {} are peered for nothing",
                        a.region,
                        b.region
                    );
                    continue;
                }
                let (requester, peering) = found.unwrap_or_else(|| {
                    panic!("{name}: no peering joins {} and {}", a.region, b.region)
                });
                let accepter = if requester.region == a.region { b } else { a };
                // The requester deploys later and reads the accepter's VPC from its output; the
                // accepter's routes deploy in its links unit, after every application unit.
                assert!(
                    position(plan, &UnitId::Region(accepter.region.clone()))
                        < position(plan, &UnitId::Region(requester.region.clone())),
                    "{name}: {} requests a peering with a later unit",
                    requester.region
                );
                let links = position(plan, &UnitId::Links(accepter.region.clone()));
                for unit in &plan.units {
                    match unit.id {
                        UnitId::Region(_) => assert!(position(plan, &unit.id) < links),
                        UnitId::Global => assert!(position(plan, &unit.id) > links),
                        _ => {}
                    }
                }
                assert_routes(name, a, b, &peering);
                assert_routes(name, b, a, &peering);
                for (from, to) in [(*a, *b), (*b, *a)] {
                    let candidate = database_candidate(to) || cache_candidate(to);
                    if runs_services(from) && candidate {
                        assert_rules(name, from, to);
                        pairs_checked += 1;
                    }
                }
            }
        }
        assert_nothing_else_opened(name, plan);
    }
    // rail-backend 6, orders 2, payments 6, ledger 10, inventory 2, catalog 6: service region →
    // candidate region pairs over the bundled stacks.
    assert!(pairs_checked >= 32, "only {pairs_checked} pairs checked");
}

/// A failover to any replica region moves the writer (and the cache primary) there: every service
/// region must already reach it, which the walk above checks for every candidate. Here: each
/// multi-region stack's candidates are more than today's writer, so the mesh is not a star.
#[test]
fn the_links_are_a_mesh_not_a_star_on_the_primary() {
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let candidates: Vec<&RegionPlan> = plan
            .regions
            .iter()
            .filter(|r| database_candidate(r) || cache_candidate(r))
            .collect();
        if candidates.len() < 2 {
            continue;
        }
        for candidate in candidates
            .iter()
            .filter(|candidate| candidate.region != plan.primary_region)
        {
            for service_region in plan.regions.iter().filter(|r| runs_services(r)) {
                if service_region.region == candidate.region {
                    continue;
                }
                assert!(
                    peering(service_region, candidate).is_some(),
                    "{}: after a failover to {}, {} could not reach the writer",
                    bundled.file_name,
                    candidate.region,
                    service_region.region
                );
            }
        }
    }
}
