//! Each region's network: a VPC Meridian creates (zones, subnets carved from the CIDR, NAT gateways,
//! flow logs) or an existing one given by ID, and the rules of both (E110 to E114; overlaps of
//! two regions' CIDRs are checked with the links between them, in `links.rs`).

use std::net::Ipv4Addr;

use meridian_model::{Diagnostic, NatGateways, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::{self};
use crate::types::*;
use crate::value::{Attr, Text};

/// An IPv4 CIDR block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    pub address: u32,
    pub prefix: u8,
}

impl Cidr {
    pub fn parse(text: &str) -> Option<Self> {
        let (address, prefix) = text.split_once('/')?;
        let address: Ipv4Addr = address.parse().ok()?;
        let prefix: u8 = prefix.parse().ok()?;
        if prefix > 32 {
            return None;
        }
        let address = u32::from(address);
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        };
        (address & !mask == 0).then_some(Self { address, prefix })
    }

    pub(crate) fn overlaps(self, other: Self) -> bool {
        let prefix = self.prefix.min(other.prefix);
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        };
        self.address & mask == other.address & mask
    }

    pub(crate) fn subdivide(self, new_prefix: u8, index: u32) -> String {
        let block = 1u32 << (32 - new_prefix);
        let address = Ipv4Addr::from(self.address + index * block);
        format!("{address}/{new_prefix}")
    }
}

/// Why `text` is not an IPv4 CIDR block (a lowercase sentence naming it), and the block the
/// author probably meant, when one can be derived.
pub(crate) fn cidr_problem(text: &str) -> (String, Option<String>) {
    let Some((address, prefix)) = text.split_once('/') else {
        return match text.parse::<Ipv4Addr>() {
            Ok(_) => (
                format!("`{text}` has no prefix length (such as `/16`)"),
                Some(format!("{text}/16")),
            ),
            Err(_) => (format!("`{text}` is not an IPv4 CIDR block"), None),
        };
    };
    let Ok(parsed) = address.parse::<Ipv4Addr>() else {
        return (
            format!("`{text}`: `{address}` is not an IPv4 address"),
            None,
        );
    };
    let prefix = match prefix.parse::<u8>() {
        Ok(prefix) if prefix <= 32 => prefix,
        _ => {
            return (
                format!("`{text}`: `/{prefix}` is not a prefix length (0 to 32)"),
                None,
            );
        }
    };
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    let network = Ipv4Addr::from(u32::from(parsed) & mask);
    (
        format!(
            "`{text}` has host bits set: the /{prefix} block holding {address} starts at {network}"
        ),
        Some(format!("{network}/{prefix}")),
    )
}

impl<'a> Resolver<'a> {
    /// Whether anything in a region needs a VPC.
    pub(crate) fn needs_network(&self) -> bool {
        !self.stack.services.is_empty()
            || self.stack.database.is_some()
            || self.stack.cache.is_some()
    }

    pub(crate) fn resolve_networks(
        &mut self,
        regions: &[ResolvedRegion<'_>],
    ) -> BTreeMap<RegionCode, AppPlan> {
        let mut apps = BTreeMap::new();
        for region in regions {
            let Some(model) = region.model else { continue };
            let unit = UnitId::Region(region.code.clone());
            let network_path = region.path.key("network");
            let network = match (&model.network, self.needs_network()) {
                (None, true) => {
                    self.report(
                        Diagnostic::new(
                            codes::E110,
                            region.path.clone(),
                            format!("the region `{}` has no `network`, but the stack runs services, a database or a cache there", region.code),
                        )
                        .with_help("add `network: {vpc_cidr: 10.x.0.0/16}` or `network: {existing: ...}`"),
                    );
                    None
                }
                (None, false) => None,
                (Some(network), _) => {
                    self.resolve_network(&region.code, &unit, &network_path, network)
                }
            };
            apps.insert(
                region.code.clone(),
                AppPlan {
                    unit,
                    network,
                    security_groups: Vec::new(),
                    security_group_rules: Vec::new(),
                    load_balancer: None,
                    load_balancers: BTreeMap::new(),
                    cluster: None,
                    services: Vec::new(),
                    database: None,
                    adopted_credentials: None,
                    cache: None,
                    alerting: AlertingPlan::default(),
                    endpoints: Vec::new(),
                    failover: None,
                    peerings: Vec::new(),
                    peer_routes: Vec::new(),
                    placement: BTreeMap::new(),
                },
            );
        }
        apps
    }

    pub(crate) fn resolve_network(
        &mut self,
        region: &str,
        unit: &UnitId,
        path: &StackPath,
        network: &meridian_model::Network,
    ) -> Option<NetworkPlan> {
        match (&network.vpc_cidr, &network.existing) {
            (Some(_), Some(_)) | (None, None) => {
                self.report(
                    Diagnostic::new(
                        codes::E114,
                        path.clone(),
                        "give exactly one of `vpc_cidr` (Meridian creates the VPC) and `existing` (an existing VPC)",
                    )
                    .with_help(if network.existing.is_some() {
                        "remove one of the two"
                    } else {
                        "add `vpc_cidr: 10.x.0.0/16` for a VPC Meridian creates, or `existing:` with the IDs of one to deploy into"
                    }),
                );
                None
            }
            (None, Some(existing)) => {
                let created_only: Vec<&str> = [
                    ("az_count", network.az_count.is_some()),
                    ("nat_gateways", network.nat_gateways.is_some()),
                    ("flow_logs", network.flow_logs.is_some()),
                ]
                .into_iter()
                .filter_map(|(key, given)| given.then_some(key))
                .collect();
                if let Some(first) = created_only.first() {
                    let listed = created_only
                        .iter()
                        .map(|key| format!("`{key}`"))
                        .collect::<Vec<_>>()
                        .join(" and ");
                    self.report(
                        Diagnostic::new(
                            codes::E114,
                            path.key(first),
                            format!("{listed} describe{} a VPC Meridian creates and cannot be combined with `existing`", if created_only.len() == 1 { "s" } else { "" }),
                        )
                        .with_help(format!(
                            "remove {}; an existing VPC keeps its own zones, NAT gateways and flow logs",
                            if created_only.len() == 1 { "it" } else { "them" }
                        )),
                    );
                }
                self.resolve_existing_network(unit, &path.key("existing"), existing)
            }
            (Some(raw_cidr), None) => {
                let cidr_path = path.key("vpc_cidr");
                let raw_cidr = self.literal(&cidr_path, raw_cidr, "a VPC CIDR")?;
                let Some(cidr) = Cidr::parse(&raw_cidr) else {
                    let (message, corrected) = cidr_problem(&raw_cidr);
                    self.report(Diagnostic::new(codes::E111, cidr_path, message).with_help(
                        match corrected {
                            Some(corrected) => format!("write `{corrected}`"),
                            None => "write it like `10.10.0.0/16`".to_owned(),
                        },
                    ));
                    return None;
                };
                if !defaults::bounds::VPC_PREFIX.contains(&cidr.prefix) {
                    self.report(
                        Diagnostic::new(
                            codes::E111,
                            cidr_path,
                            format!("the VPC prefix /{} is outside /{} to /{}, the sizes a VPC may have", cidr.prefix, defaults::bounds::VPC_PREFIX.start(), defaults::bounds::VPC_PREFIX.end()),
                        )
                        .with_help("use a /16 to leave room for growth"),
                    );
                    return None;
                }
                let az_count = network.az_count.unwrap_or(defaults::AZ_COUNT);
                let available = aws::availability_zone_count(region);
                if az_count < aws::limits::MIN_AVAILABILITY_ZONES || az_count > available {
                    self.report(
                        Diagnostic::new(
                            codes::E112,
                            path.key("az_count"),
                            format!("`az_count: {az_count}` is outside {} to {available}, the zones every account can use in {region}", aws::limits::MIN_AVAILABILITY_ZONES),
                        )
                        .with_help("a load balancer and a Multi-AZ database need at least two zones"),
                    );
                    return None;
                }
                let blocks = (2 * u32::from(az_count)).next_power_of_two();
                let subnet_prefix = cidr.prefix + blocks.trailing_zeros() as u8;
                if subnet_prefix > aws::limits::SMALLEST_SUBNET_PREFIX {
                    self.report(
                        Diagnostic::new(
                            codes::E112,
                            cidr_path,
                            format!("`{raw_cidr}` is too small for {az_count} zones: each subnet would be /{subnet_prefix}, smaller than the /{} AWS allows", aws::limits::SMALLEST_SUBNET_PREFIX),
                        )
                        .with_help("use a larger VPC or fewer zones"),
                    );
                    return None;
                }
                Some(self.build_created_network(
                    region,
                    unit,
                    path,
                    cidr,
                    &raw_cidr,
                    az_count,
                    subnet_prefix,
                    network.nat_gateways.unwrap_or(NatGateways::PerAz),
                    network.flow_logs.unwrap_or(defaults::FLOW_LOGS),
                ))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn build_created_network(
        &mut self,
        region: &str,
        unit: &UnitId,
        path: &StackPath,
        cidr: Cidr,
        raw_cidr: &str,
        az_count: u8,
        subnet_prefix: u8,
        nat_gateways: NatGateways,
        flow_logs: bool,
    ) -> NetworkPlan {
        let vpc = self.rid(unit, "Vpc", path);
        let internet_gateway = self.rid(unit, "InternetGateway", path);
        let gateway_attachment = self.rid(unit, "InternetGatewayAttachment", path);
        let public_route_table = self.rid(unit, "PublicRouteTable", path);
        let public_default_route = self.rid(unit, "PublicDefaultRoute", path);
        let name_prefix = self.names.network(region);
        let name = |tier: &str, letter: Option<char>| {
            naming::network_resource_name(&name_prefix, tier, letter)
        };
        let mut zones: Vec<ZonePlan> = Vec::new();
        let mut first_nat = None;
        for index in 0..az_count {
            let letter = char::from(b'a' + index);
            let upper = letter.to_ascii_uppercase();
            let nat = (nat_gateways == NatGateways::PerAz || index == 0).then(|| NatPlan {
                eip: self.rid(unit, format!("NatEip{upper}"), path),
                gateway: self.rid(unit, format!("NatGateway{upper}"), path),
                name: name("nat", Some(letter)),
                eip_domain: aws::EIP_DOMAIN_VPC.to_owned(),
            });
            if index == 0 {
                first_nat = nat.as_ref().map(|nat| nat.gateway.clone());
            }
            let nat_gateway = nat
                .as_ref()
                .map(|nat| nat.gateway.clone())
                .or_else(|| first_nat.clone())
                .unwrap_or_else(|| vpc.clone());
            zones.push(ZonePlan {
                index,
                letter,
                public_subnet: SubnetPlan {
                    rid: self.rid(unit, format!("PublicSubnet{upper}"), path),
                    cidr: cidr.subdivide(subnet_prefix, u32::from(index)),
                    name: name("public", Some(letter)),
                    map_public_ip_on_launch: defaults::MAP_PUBLIC_IP_ON_LAUNCH,
                },
                private_subnet: SubnetPlan {
                    rid: self.rid(unit, format!("PrivateSubnet{upper}"), path),
                    cidr: cidr.subdivide(subnet_prefix, u32::from(az_count) + u32::from(index)),
                    name: name("private", Some(letter)),
                    map_public_ip_on_launch: defaults::MAP_PUBLIC_IP_ON_LAUNCH,
                },
                public_association: self.rid(
                    unit,
                    format!("PublicSubnet{upper}RouteTableAssociation"),
                    path,
                ),
                private_route_table: self.rid(unit, format!("PrivateRouteTable{upper}"), path),
                private_default_route: self.rid(unit, format!("PrivateDefaultRoute{upper}"), path),
                private_association: self.rid(
                    unit,
                    format!("PrivateSubnet{upper}RouteTableAssociation"),
                    path,
                ),
                private_route_table_name: name("private", Some(letter)),
                nat,
                nat_gateway,
            });
        }
        let flow_logs = flow_logs.then(|| {
            let log_group = self.rid(unit, "FlowLogGroup", path);
            let kms_key = self.data_key_arn(unit, region);
            let role = self.rid(unit, "FlowLogRole", path);
            FlowLogPlan {
                rid: self.rid(unit, "FlowLog", path),
                role_policy_name: naming::role_policy_name(&role),
                role,
                role_statements: vec![Statement {
                    sid: "DeliverFlowLogs".to_owned(),
                    allow: true,
                    principal: None,
                    actions: vec![
                        "logs:CreateLogStream".to_owned(),
                        "logs:DescribeLogStreams".to_owned(),
                        "logs:PutLogEvents".to_owned(),
                    ],
                    resources: vec![Text::attr(&log_group, Attr::LogGroupArn)],
                    conditions: Vec::new(),
                }],
                log_group,
                log_group_name: self.names.flow_log_group(),
                retention_days: defaults::FLOW_LOG_RETENTION_DAYS,
                kms_key,
                traffic_type: defaults::FLOW_LOG_TRAFFIC,
                destination_type: FlowLogDestination::CloudWatchLogs,
            }
        });
        let public_subnets = zones
            .iter()
            .map(|zone| Text::attr(&zone.public_subnet.rid, Attr::SubnetId))
            .collect();
        let private_subnets = zones
            .iter()
            .map(|zone| Text::attr(&zone.private_subnet.rid, Attr::SubnetId))
            .collect();
        NetworkPlan {
            vpc_id: Text::attr(&vpc, Attr::VpcId),
            vpc_cidr: raw_cidr.to_owned(),
            public_subnets,
            private_subnets,
            created: Some(CreatedNetwork {
                vpc,
                internet_gateway,
                gateway_attachment,
                public_route_table,
                public_default_route,
                zones,
                flow_logs,
                dns_hostnames: defaults::VPC_DNS,
                dns_support: defaults::VPC_DNS,
                public_route_table_name: name("public", None),
                default_route_destination: aws::IPV4_ANYWHERE.to_owned(),
                name_prefix,
            }),
        }
    }

    pub(crate) fn resolve_existing_network(
        &mut self,
        unit: &UnitId,
        path: &StackPath,
        existing: &meridian_model::ExistingNetwork,
    ) -> Option<NetworkPlan> {
        let context = |kind| TextContext {
            unit,
            kind,
            per_region: false,
            references: ReferenceScope::None,
        };
        let vpc_id = self.text(
            &path.key("vpc_id"),
            &existing.vpc_id,
            context(ParamKind::VpcId),
        );
        if let Some(literal) = vpc_id.as_literal()
            && !literal.starts_with("vpc-")
        {
            self.report(
                Diagnostic::new(
                    codes::E113,
                    path.key("vpc_id"),
                    format!("`{literal}` is not a VPC ID"),
                )
                .with_help("write `vpc-` followed by its hexadecimal ID, or a `${PARAMETER}`"),
            );
        }
        let vpc_cidr = self.literal(&path.key("vpc_cidr"), &existing.vpc_cidr, "the VPC CIDR");
        if let Some(vpc_cidr) = &vpc_cidr
            && Cidr::parse(vpc_cidr).is_none()
        {
            let (message, corrected) = cidr_problem(vpc_cidr);
            self.report(
                Diagnostic::new(codes::E111, path.key("vpc_cidr"), message).with_help(
                    match corrected {
                        Some(corrected) => {
                            format!("write the existing VPC's primary CIDR, e.g. `{corrected}`")
                        }
                        None => {
                            "write the existing VPC's primary CIDR, like `10.30.0.0/16`".to_owned()
                        }
                    },
                ),
            );
        }
        let vpc_cidr = vpc_cidr.unwrap_or_else(|| existing.vpc_cidr.clone());
        let subnets = |resolver: &mut Self, key: &str, list: &[String]| -> Vec<Text> {
            if list.len() < usize::from(aws::limits::MIN_AVAILABILITY_ZONES) {
                resolver.report(
                    Diagnostic::new(
                        codes::E113,
                        path.key(key),
                        format!("`{key}` lists {} subnet(s); at least two, in different zones, are needed", list.len()),
                    )
                    .with_help("a load balancer and a Multi-AZ database need subnets in two zones"),
                );
            }
            list.iter()
                .enumerate()
                .map(|(index, raw)| {
                    let item_path = path.key(key).index(index);
                    let subnet = resolver.text(&item_path, raw, context(ParamKind::SubnetId));
                    if let Some(literal) = subnet.as_literal()
                        && !literal.starts_with("subnet-")
                    {
                        resolver.report(
                            Diagnostic::new(codes::E113, item_path, format!("`{literal}` is not a subnet ID"))
                                .with_help("write `subnet-` followed by its hexadecimal ID, or a `${PARAMETER}`"),
                        );
                    }
                    subnet
                })
                .collect()
        };
        let public_subnets = subnets(self, "public_subnet_ids", &existing.public_subnet_ids);
        let private_subnets = subnets(self, "private_subnet_ids", &existing.private_subnet_ids);
        Some(NetworkPlan {
            vpc_id,
            vpc_cidr,
            public_subnets,
            private_subnets,
            created: None,
        })
    }
}
