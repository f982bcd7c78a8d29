//! Private paths between regions: which VPCs are peered, which unit requests each peering, the
//! routes of both sides and the security-group rules by peer CIDR (E960, E961, E964, W110).
//! The quotas of peerings per VPC and routes per route table cannot be reached by a mesh over
//! the regions AWS has (a test below checks it).
//!
//! Every region that runs a service must reach the database writer and the cache's Global
//! Datastore primary over private addresses, today and after a failover to any replica region.
//! So the links are a mesh over every pair of regions where one side runs a service and the
//! other hosts a writer candidate (the database writer or a replica; a member of the Global
//! Datastore), not a star on today's primary. Inter-region VPC peering (not Transit Gateway): no
//! hourly or per-GB charge beyond data transfer, no bandwidth cap; README says when Transit
//! Gateway becomes the better choice.
//!
//! Units deploy in order, so the unit of the region that deploys later requests each peering
//! and reads the earlier VPC's ID from its unit's output; both VPCs are in the deployment's
//! account, so the request is accepted without a peering role. The later region's routes go in
//! its own unit, next to the peering; the earlier region's routes go in its links unit, which
//! deploys after every application unit.

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::{RegionCode, Rid, UnitId};
use crate::naming;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

/// What the links need to know of one region with an application unit.
struct Member<'m> {
    code: RegionCode,
    /// Where the region is declared, and its network.
    path: StackPath,
    network: Option<&'m meridian_model::Network>,
    /// The VPC CIDR, when it parses.
    cidr: Option<(Cidr, String, StackPath)>,
    runs_services: bool,
    /// Hosts the writer or a replica of the database.
    database_candidate: bool,
    /// Hosts a member of the cache's Global Datastore.
    cache_candidate: bool,
}

impl Member<'_> {
    fn candidate(&self) -> bool {
        self.database_candidate || self.cache_candidate
    }
}

/// A peered pair: `earlier` deploys before `later`, whose unit requests the peering.
struct Pair {
    earlier: usize,
    later: usize,
}

/// A private route table of a region, as the unit `unit` refers to it.
struct RouteTable {
    letter: char,
    id: Text,
}

/// Application units in deploy order: the primary region, then the other regions as declared.
pub(crate) fn application_order<'c>(
    primary: Option<&str>,
    with_app: impl Iterator<Item = &'c RegionCode>,
) -> Vec<RegionCode> {
    let mut order: Vec<RegionCode> = Vec::new();
    let with_app: Vec<&RegionCode> = with_app.collect();
    if let Some(primary) = primary.and_then(|primary| with_app.iter().find(|c| **c == primary)) {
        order.push((*primary).clone());
    }
    for code in with_app {
        if Some(code.as_str()) != primary {
            order.push(code.clone());
        }
    }
    order
}

impl<'a> Resolver<'a> {
    /// The peerings, routes and security-group rules between regions; the links unit of each
    /// region that has routes to peerings requested by later units.
    pub(crate) fn resolve_links(
        &mut self,
        regions: &Regions<'a>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) -> BTreeMap<RegionCode, LinksPlan> {
        let order = application_order(
            regions.primary.as_deref(),
            regions
                .iter()
                .map(|region| &region.code)
                .filter(|code| apps.contains_key(*code)),
        );
        let members: Vec<Member<'a>> = order
            .iter()
            .filter_map(|code| {
                let region = regions.iter().find(|region| &region.code == code)?;
                let app = apps.get(code)?;
                Some(member(region, app))
            })
            .collect();
        let mut pairs = Vec::new();
        for later in 0..members.len() {
            for earlier in 0..later {
                let (a, b) = (&members[earlier], &members[later]);
                if (a.runs_services && b.candidate()) || (b.runs_services && a.candidate()) {
                    pairs.push(Pair { earlier, later });
                }
            }
        }
        self.check_overlaps(&members, &pairs);
        let mut links: BTreeMap<RegionCode, LinksPlan> = BTreeMap::new();
        for pair in &pairs {
            self.peer(&members, pair, apps, &mut links);
        }
        for pair in &pairs {
            let (a, b) = (&members[pair.earlier], &members[pair.later]);
            self.allow_peer(a, b, apps);
            self.allow_peer(b, a, apps);
        }
        links
    }

    /// Overlapping CIDRs: an error between peered VPCs (routes could not tell them apart), a
    /// warning between any other two (they could not be peered later).
    fn check_overlaps(&mut self, members: &[Member<'_>], pairs: &[Pair]) {
        for later in 0..members.len() {
            for earlier in 0..later {
                let (a, b) = (&members[earlier], &members[later]);
                let (Some((a_cidr, a_raw, a_path)), Some((b_cidr, b_raw, b_path))) =
                    (&a.cidr, &b.cidr)
                else {
                    continue;
                };
                if !a_cidr.overlaps(*b_cidr) {
                    continue;
                }
                let peered = pairs
                    .iter()
                    .any(|pair| pair.earlier == earlier && pair.later == later);
                let diagnostic = if peered {
                    Diagnostic::new(
                        codes::E961,
                        b_path.clone(),
                        format!(
                            "the VPC CIDR `{b_raw}` of {} overlaps `{a_raw}` of {}, and the two VPCs are peered (one runs a service, the other holds a database or cache writer candidate)",
                            b.code, a.code
                        ),
                    )
                    .with_help(format!(
                        "give {} a range that does not overlap `{a_raw}`, such as another /16 of 10.0.0.0/8",
                        b.code
                    ))
                } else {
                    Diagnostic::new(
                        codes::W110,
                        b_path.clone(),
                        format!(
                            "the VPC CIDR `{b_raw}` of {} overlaps `{a_raw}` of {}",
                            b.code, a.code
                        ),
                    )
                    .with_help(
                        "give each region its own range so that the VPCs can be peered later",
                    )
                };
                self.report(
                    diagnostic.with_related(a_path.clone(), format!("the VPC of {}", a.code)),
                );
            }
        }
    }

    /// The peering of `pair` in the later region's unit, with the routes of both sides.
    fn peer(
        &mut self,
        members: &[Member<'_>],
        pair: &Pair,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
        links: &mut BTreeMap<RegionCode, LinksPlan>,
    ) {
        let (a, b) = (&members[pair.earlier], &members[pair.later]);
        let (Some((_, a_cidr, _)), Some((_, b_cidr, _))) = (&a.cidr, &b.cidr) else {
            return;
        };
        let (Some(a_network), Some(b_network)) = (
            apps.get(&a.code).and_then(|app| app.network.as_ref()),
            apps.get(&b.code).and_then(|app| app.network.as_ref()),
        ) else {
            return;
        };
        let requester = UnitId::Region(b.code.clone());
        let links_unit = UnitId::Links(a.code.clone());
        let path = b.path.key("network");
        let rid = self.rid(&requester, naming::peering_logical_id(&a.code), &path);
        // The accepter side is the same peering seen from the other VPC: a target that declares
        // it as a resource of its own names it after the peering.
        let accepter = rid.clone();
        let peer_vpc_id = match (
            &a_network.created,
            a.network.and_then(|n| n.existing.as_ref()),
        ) {
            (Some(created), _) => self.value_from(
                &requester,
                &UnitId::Region(a.code.clone()),
                naming::VPC_ID_OUTPUT,
                "ID of the VPC, which later regions peer with",
                AttrRef {
                    resource: created.vpc.clone(),
                    attr: Attr::VpcId,
                },
            ),
            (None, Some(existing)) => self.text(
                &a.path.key("network").key("existing").key("vpc_id"),
                &existing.vpc_id,
                TextContext {
                    unit: &requester,
                    kind: ParamKind::VpcId,
                    per_region: false,
                    references: ReferenceScope::None,
                },
            ),
            (None, None) => return,
        };
        let peering_here = Text::attr(&rid, Attr::PeeringConnectionId);
        let mut later_routes = Vec::new();
        for table in self.route_tables(b, b_network, &requester) {
            later_routes.push(PeerRoutePlan {
                rid: self.rid(
                    &requester,
                    naming::peer_route_logical_id(table.letter, &a.code),
                    &path,
                ),
                region: b.code.clone(),
                route_table: table.id,
                destination_cidr: a_cidr.clone(),
                peer_region: a.code.clone(),
                peering: peering_here.clone(),
                accepter: accepter.clone(),
            });
        }
        let peering_there = self.value_from(
            &links_unit,
            &requester,
            &naming::peering_output(&a.code),
            &format!("ID of the VPC peering with {}", a.code),
            AttrRef {
                resource: rid.clone(),
                attr: Attr::PeeringConnectionId,
            },
        );
        let mut earlier_routes = Vec::new();
        for table in self.route_tables(a, a_network, &links_unit) {
            earlier_routes.push(PeerRoutePlan {
                rid: self.rid(
                    &links_unit,
                    naming::peer_route_logical_id(table.letter, &b.code),
                    &a.path.key("network"),
                ),
                region: a.code.clone(),
                route_table: table.id,
                destination_cidr: b_cidr.clone(),
                peer_region: b.code.clone(),
                peering: peering_there.clone(),
                accepter: accepter.clone(),
            });
        }
        links
            .entry(a.code.clone())
            .or_insert_with(|| LinksPlan {
                unit: links_unit.clone(),
                routes: Vec::new(),
            })
            .routes
            .extend(earlier_routes);
        let name = self.names.peering(&b.code, &a.code);
        let vpc_id = b_network.vpc_id.clone();
        if let Some(app) = apps.get_mut(&b.code) {
            app.peerings.push(PeeringPlan {
                rid,
                accepter,
                auto_accept: defaults::PEERING_AUTO_ACCEPT,
                vpc_id,
                peer_region: a.code.clone(),
                peer_vpc_id,
                name,
            });
            app.peer_routes.extend(later_routes);
        }
    }

    /// The private route tables of `member`'s VPC as `unit` refers to them: the zones' tables of
    /// a created VPC (outputs of the region's unit when `unit` is another), or the
    /// `private_route_table_ids` of an existing one (E960 when there are none).
    fn route_tables(
        &mut self,
        member: &Member<'_>,
        network: &NetworkPlan,
        unit: &UnitId,
    ) -> Vec<RouteTable> {
        let own_unit = UnitId::Region(member.code.clone());
        if let Some(created) = &network.created {
            return created
                .zones
                .iter()
                .map(|zone| {
                    let source = AttrRef {
                        resource: zone.private_route_table.clone(),
                        attr: Attr::RouteTableId,
                    };
                    let id = self.value_from(
                        unit,
                        &own_unit,
                        &naming::private_route_table_output(zone.letter),
                        &format!("ID of the route table of private subnet {}", zone.letter),
                        source,
                    );
                    RouteTable {
                        letter: zone.letter,
                        id,
                    }
                })
                .collect();
        }
        let Some(existing) = member.network.and_then(|n| n.existing.as_ref()) else {
            return Vec::new();
        };
        let path = member.path.key("network").key("existing");
        if existing.private_route_table_ids.is_empty() {
            self.report(
                Diagnostic::new(
                    codes::E960,
                    path,
                    format!(
                        "{} deploys into an existing VPC and is peered with other regions, but `private_route_table_ids` is missing: Meridian cannot route to the peer VPCs",
                        member.code
                    ),
                )
                .with_help(format!(
                    "add `private_route_table_ids: [\"${{{}_PRIVATE_ROUTE_TABLE_A}}\", ...]` with the route table of each private subnet",
                    naming::region_slug(&member.code).to_ascii_uppercase()
                )),
            );
            return Vec::new();
        }
        existing
            .private_route_table_ids
            .iter()
            .enumerate()
            .map(|(index, raw)| {
                let item_path = path.key("private_route_table_ids").index(index);
                let id = self.text(
                    &item_path,
                    raw,
                    TextContext {
                        unit,
                        kind: ParamKind::RouteTableId,
                        per_region: false,
                        references: ReferenceScope::None,
                    },
                );
                if let Some(literal) = id.as_literal()
                    && !literal.starts_with(aws::ROUTE_TABLE_ID_PREFIX)
                {
                    self.report(
                        Diagnostic::new(
                            codes::E964,
                            item_path,
                            format!("`{literal}` is not a route table ID"),
                        )
                        .with_help(
                            "write `rtb-` followed by its hexadecimal ID, or a `${PARAMETER}`",
                        ),
                    );
                }
                RouteTable {
                    letter: naming::zone_letter(index),
                    id,
                }
            })
            .collect()
    }

    /// Rules letting the tasks of `from` reach the database and cache writer candidates in `to`:
    /// ingress to `to`'s groups from `from`'s CIDR, egress to `to`'s CIDR from the group every
    /// service of `from` carries besides its own ([`naming::PEER_EGRESS_GROUP`]), on exactly the
    /// database and cache ports.
    fn allow_peer(
        &mut self,
        from: &Member<'_>,
        to: &Member<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) {
        let (Some((_, from_cidr, _)), Some((_, to_cidr, _))) = (&from.cidr, &to.cidr) else {
            return;
        };
        if !from.runs_services || !to.candidate() {
            return;
        }
        let Some(target) = apps.get(&to.code) else {
            return;
        };
        let mut ports: Vec<(Rid, u32, &str, &str)> = Vec::new();
        if to.database_candidate
            && let Some(database) = &target.database
        {
            ports.push((
                database.security_group.clone(),
                database.port,
                "Database",
                "PostgreSQL",
            ));
        }
        // A region with a standalone cache beside the Global Datastore writes only to its own
        // group, so it needs no way to the Datastore's members.
        let from_standalone_cache = apps
            .get(&from.code)
            .and_then(|app| app.cache.as_ref())
            .is_some_and(|cache| cache.beside_global_datastore);
        if to.cache_candidate
            && !from_standalone_cache
            && let Some(cache) = &target.cache
        {
            ports.push((cache.security_group.clone(), cache.port, "Cache", "Redis"));
        }
        let from_unit = UnitId::Region(from.code.clone());
        let to_unit = UnitId::Region(to.code.clone());
        let path = StackPath::root().key("services");
        let peer = naming::pascal(&from.code);
        let there = naming::pascal(&to.code);
        let mut ingress = Vec::new();
        for (group, port, word, engine) in &ports {
            ingress.push(SecurityGroupRulePlan {
                rid: self.rid(&to_unit, format!("{word}IngressFrom{peer}"), &path),
                group: group.clone(),
                direction: Direction::Ingress,
                protocol: IpProtocol::Tcp,
                port: *port,
                peer: Peer::Cidr(from_cidr.clone()),
                description: format!("Tasks in {} to {engine}", from.code),
            });
        }
        // One group per region carries the egress of every service's tasks to the peers: the
        // rules are the same for each service, so per-service rules would multiply by the
        // services (at 20 regions and 50 services, half of a region's resources).
        let runs_services = apps
            .get(&from.code)
            .is_some_and(|app| !app.services.is_empty());
        let mut egress = Vec::new();
        if runs_services && !ports.is_empty() {
            let group = self.rid(&from_unit, naming::PEER_EGRESS_GROUP.to_owned(), &path);
            for (_, port, word, engine) in &ports {
                egress.push(SecurityGroupRulePlan {
                    rid: self.rid(&from_unit, format!("TasksTo{word}In{there}"), &path),
                    group: group.clone(),
                    direction: Direction::Egress,
                    protocol: IpProtocol::Tcp,
                    port: *port,
                    peer: Peer::Cidr(to_cidr.clone()),
                    description: format!("Service tasks to {engine} in {}", to.code),
                });
            }
            if let Some(app) = apps.get_mut(&from.code)
                && !app.security_groups.iter().any(|known| known.rid == group)
            {
                app.security_groups.push(SecurityGroupPlan {
                    rid: group.clone(),
                    description:
                        "Service tasks: egress to the database and cache in peered regions"
                            .to_owned(),
                    name: format!("{}-peer-egress", self.stack.stack),
                });
                for service in &mut app.services {
                    service.peer_security_group = Some(group.clone());
                }
            }
        }
        if let Some(app) = apps.get_mut(&to.code) {
            app.security_group_rules.extend(ingress);
        }
        if let Some(app) = apps.get_mut(&from.code) {
            app.security_group_rules.extend(egress);
        }
    }
}

/// What the links need of one region: its roles in the mesh and its network's CIDR.
fn member<'m>(region: &ResolvedRegion<'m>, app: &AppPlan) -> Member<'m> {
    let network = region.model.and_then(|model| model.network.as_ref());
    let cidr = network.and_then(|network| {
        let (raw, path) = match (&network.vpc_cidr, &network.existing) {
            (Some(raw), None) => (raw, region.path.key("network").key("vpc_cidr")),
            (None, Some(existing)) => (
                &existing.vpc_cidr,
                region.path.key("network").key("existing").key("vpc_cidr"),
            ),
            _ => return None,
        };
        Cidr::parse(raw).map(|cidr| (cidr, raw.clone(), path))
    });
    let cache_candidate = app.cache.as_ref().is_some_and(|cache| match &cache.role {
        CacheRole::Primary(primary) => primary.global.is_some(),
        CacheRole::Secondary { .. } => true,
    });
    Member {
        code: region.code.clone(),
        path: region.path.clone(),
        network,
        cidr,
        runs_services: !app.services.is_empty(),
        database_candidate: app.database.is_some(),
        cache_candidate,
    }
}

#[cfg(test)]
mod tests {
    use crate::aws;

    /// A mesh over every region AWS has gives each VPC one peering per other region and each
    /// private route table one route per peer plus its default route: both fit the default
    /// quotas, so the plan needs no quota check (an existing VPC's own peerings and routes are
    /// its owner's to count, README says so).
    #[test]
    fn the_largest_mesh_fits_the_default_quotas() {
        let peers = aws::REGIONS.len() - 1;
        assert!(
            peers <= aws::limits::PEERINGS_PER_VPC_DEFAULT,
            "{peers} peers"
        );
        assert!(
            peers < aws::limits::ROUTES_PER_ROUTE_TABLE_DEFAULT,
            "{peers} routes"
        );
    }
}
