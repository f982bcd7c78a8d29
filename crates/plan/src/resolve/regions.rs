//! Regions, their networks, and the parameter declarations block.

use std::collections::BTreeSet;
use std::net::Ipv4Addr;

use meridian_model::{Diagnostic, NatGateways, Region, StackPath};

use super::{ReferenceScope, Resolver, TextContext};
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::suggest_list;
use crate::types::{
    AlertingPlan, AppPlan, CreatedNetwork, FlowLogPlan, NatPlan, NetworkPlan, ParamKind,
    RegionRole, Statement, SubnetPlan, ZonePlan,
};
use crate::value::{Attr, Text};

/// A region as resolved: declared service regions first, then storage-only regions.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedRegion<'a> {
    pub code: String,
    pub role: RegionRole,
    pub path: StackPath,
    pub model: Option<&'a Region>,
}

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

    fn overlaps(self, other: Self) -> bool {
        let prefix = self.prefix.min(other.prefix);
        let mask = if prefix == 0 {
            0
        } else {
            u32::MAX << (32 - prefix)
        };
        self.address & mask == other.address & mask
    }

    fn subdivide(self, new_prefix: u8, index: u32) -> String {
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
    pub(crate) fn resolve_regions(&mut self) -> Vec<ResolvedRegion<'a>> {
        let stack: &'a meridian_model::Stack = self.stack;
        let mut regions: Vec<ResolvedRegion<'a>> = Vec::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        let mut primaries = Vec::new();
        let mut partitions = BTreeSet::new();
        // The first region (or bucket region) seen in each partition, for E104.
        let mut partition_places: Vec<(&str, String, StackPath)> = Vec::new();
        if stack.regions.is_empty() {
            self.report(
                Diagnostic::error(
                    "E102",
                    StackPath::root().key("regions"),
                    "the stack declares no region",
                )
                .with_help("declare at least one region with `role: primary`"),
            );
        }
        for (index, region) in stack.regions.iter().enumerate() {
            let path = StackPath::root().key("regions").index(index);
            // Count the primary before checking the code, so that a mistyped code does not also
            // report a missing primary.
            if region.role == meridian_model::RegionRole::Primary {
                primaries.push(path.clone());
            }
            let Some(info) = self.check_region_code(&path.key("code"), &region.code) else {
                continue;
            };
            if partitions.insert(info.partition) {
                partition_places.push((info.partition, region.code.clone(), path.key("code")));
            }
            if !seen.insert(&region.code) {
                self.report(
                    Diagnostic::error(
                        "E103",
                        path.key("code"),
                        format!("the region `{}` is declared twice", region.code),
                    )
                    .with_help(
                        "declare each region once; one region holds one copy of the service",
                    ),
                );
                continue;
            }
            let role = match region.role {
                meridian_model::RegionRole::Primary => RegionRole::Primary,
                meridian_model::RegionRole::Secondary => RegionRole::Secondary,
                meridian_model::RegionRole::Optional => RegionRole::Optional,
            };
            if let Some(target) = region.latency_target_ms
                && !(1..=60_000).contains(&target)
            {
                self.report(
                    Diagnostic::error(
                        "E105",
                        path.key("latency_target_ms"),
                        format!("latency target {target} ms is outside 1 to 60000 ms"),
                    )
                    .with_help("give the p95 latency users of this region should see, e.g. 100"),
                );
            }
            regions.push(ResolvedRegion {
                code: region.code.clone(),
                role,
                path,
                model: Some(region),
            });
        }
        match primaries.as_slice() {
            [] if !stack.regions.is_empty() => self.report(
                Diagnostic::error(
                    "E102",
                    StackPath::root().key("regions"),
                    "no region has `role: primary`; exactly one must",
                )
                .with_help("mark the region that holds the database writer `role: primary`"),
            ),
            [_] | [] => {}
            [first, rest @ ..] => {
                for other in rest {
                    self.report(
                        Diagnostic::error(
                            "E102",
                            other.key("role"),
                            "a second region has `role: primary`; exactly one may",
                        )
                        .with_help("make this region `secondary` or `optional`")
                        .with_related(first.key("role"), "the first primary region"),
                    );
                }
            }
        }
        // Regions that only receive replicated buckets get a storage-only unit.
        for (index, bucket) in stack.buckets.iter().enumerate() {
            let path = StackPath::root().key("buckets").index(index).key("region");
            if seen.contains(bucket.region.as_str()) {
                continue;
            }
            let Some(info) = self.check_region_code(&path, &bucket.region) else {
                continue;
            };
            if partitions.insert(info.partition) {
                partition_places.push((info.partition, bucket.region.clone(), path.clone()));
            }
            seen.insert(&bucket.region);
            regions.push(ResolvedRegion {
                code: bucket.region.clone(),
                role: RegionRole::StorageOnly,
                path,
                model: None,
            });
        }
        if let [(first_partition, first_region, first_path), others @ ..] =
            partition_places.as_slice()
        {
            for (partition, region, path) in others {
                self.report(
                    Diagnostic::error(
                        "E104",
                        path.clone(),
                        format!(
                            "`{region}` is in the {partition} partition, but `{first_region}` is in {first_partition}; cross-region replication and references cannot cross partitions"
                        ),
                    )
                    .with_help("keep China and GovCloud regions in stacks of their own")
                    .with_related(first_path.clone(), format!("the first region in {first_partition}")),
                );
            }
        }
        if let Some(partition) = partitions.first() {
            self.facts.partition = (*partition).to_owned();
        }
        self.facts.service_regions = regions
            .iter()
            .filter(|region| region.role != RegionRole::StorageOnly)
            .map(|region| (region.code.clone(), region.role))
            .collect();
        self.facts.primary = regions
            .iter()
            .find(|region| region.role == RegionRole::Primary)
            .map(|region| region.code.clone());
        regions
    }

    /// Checks a region code, reporting E101 with a suggestion when it is unknown.
    pub(crate) fn check_region_code(
        &mut self,
        path: &StackPath,
        code: &str,
    ) -> Option<&'static aws::RegionInfo> {
        let info = aws::region_info(code);
        if info.is_none() {
            let suggestion = suggest_list(code, aws::REGIONS.iter().map(|region| region.code));
            // Remembered so that the findings that follow from the typo are not reported.
            self.misspelt_regions.push((code.to_owned(), suggestion));
            let help = match suggestion {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => "use an AWS region code such as `us-east-1` or `eu-west-1`".to_owned(),
            };
            self.report(
                Diagnostic::error(
                    "E101",
                    path.clone(),
                    format!("`{code}` is not an AWS region code"),
                )
                .with_help(help),
            );
        }
        info
    }

    /// Whether anything in a region needs a VPC.
    fn needs_network(&self) -> bool {
        !self.stack.services.is_empty()
            || self.stack.database.is_some()
            || self.stack.cache.is_some()
    }

    pub(crate) fn resolve_networks(
        &mut self,
        regions: &[ResolvedRegion<'_>],
    ) -> std::collections::BTreeMap<String, AppPlan> {
        let mut apps = std::collections::BTreeMap::new();
        let mut cidrs: Vec<(Cidr, StackPath)> = Vec::new();
        for region in regions {
            let Some(model) = region.model else { continue };
            let unit = UnitId::Region(region.code.clone());
            let network_path = region.path.key("network");
            let network = match (&model.network, self.needs_network()) {
                (None, true) => {
                    self.report(
                        Diagnostic::error(
                            "E110",
                            region.path.clone(),
                            format!("the region `{}` has no `network`, but the stack runs services, a database or a cache there", region.code),
                        )
                        .with_help("add `network: {vpc_cidr: 10.x.0.0/16}` or `network: {existing: ...}`"),
                    );
                    None
                }
                (None, false) => None,
                (Some(network), _) => {
                    self.resolve_network(&region.code, &unit, &network_path, network, &mut cidrs)
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
                    cluster: None,
                    services: Vec::new(),
                    database: None,
                    cache: None,
                    alerting: AlertingPlan::default(),
                },
            );
        }
        apps
    }

    fn resolve_network(
        &mut self,
        region: &str,
        unit: &UnitId,
        path: &StackPath,
        network: &meridian_model::Network,
        cidrs: &mut Vec<(Cidr, StackPath)>,
    ) -> Option<NetworkPlan> {
        match (&network.vpc_cidr, &network.existing) {
            (Some(_), Some(_)) | (None, None) => {
                self.report(
                    Diagnostic::error(
                        "E114",
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
                        Diagnostic::error(
                            "E114",
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
                    self.report(Diagnostic::error("E111", cidr_path, message).with_help(
                        match corrected {
                            Some(corrected) => format!("write `{corrected}`"),
                            None => "write it like `10.10.0.0/16`".to_owned(),
                        },
                    ));
                    return None;
                };
                if !(16..=24).contains(&cidr.prefix) {
                    self.report(
                        Diagnostic::error(
                            "E111",
                            cidr_path,
                            format!("the VPC prefix /{} is outside /16 to /24, the sizes a VPC may have", cidr.prefix),
                        )
                        .with_help("use a /16 to leave room for growth"),
                    );
                    return None;
                }
                for (other, other_path) in cidrs.iter() {
                    if cidr.overlaps(*other) {
                        self.report(
                            Diagnostic::warning(
                                "W110",
                                cidr_path.clone(),
                                format!("the VPC CIDR `{raw_cidr}` overlaps the VPC of another region"),
                            )
                            .with_help("give each region its own range so that the VPCs can be peered later")
                            .with_related(other_path.clone(), "the overlapping VPC"),
                        );
                    }
                }
                cidrs.push((cidr, cidr_path.clone()));
                let az_count = network.az_count.unwrap_or(defaults::AZ_COUNT);
                let available = aws::availability_zone_count(region);
                if az_count < 2 || az_count > available {
                    self.report(
                        Diagnostic::error(
                            "E112",
                            path.key("az_count"),
                            format!("`az_count: {az_count}` is outside 2 to {available}, the zones every account can use in {region}"),
                        )
                        .with_help("a load balancer and a Multi-AZ database need at least two zones"),
                    );
                    return None;
                }
                let blocks = (2 * u32::from(az_count)).next_power_of_two();
                let subnet_prefix = cidr.prefix + blocks.trailing_zeros() as u8;
                if subnet_prefix > 28 {
                    self.report(
                        Diagnostic::error(
                            "E112",
                            cidr_path,
                            format!("`{raw_cidr}` is too small for {az_count} zones: each subnet would be /{subnet_prefix}, smaller than the /28 AWS allows"),
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
    fn build_created_network(
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
        let mut zones: Vec<ZonePlan> = Vec::new();
        let mut first_nat = None;
        for index in 0..az_count {
            let letter = char::from(b'a' + index);
            let upper = letter.to_ascii_uppercase();
            let nat = (nat_gateways == NatGateways::PerAz || index == 0).then(|| NatPlan {
                eip: self.rid(unit, format!("NatEip{upper}"), path),
                gateway: self.rid(unit, format!("NatGateway{upper}"), path),
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
                },
                private_subnet: SubnetPlan {
                    rid: self.rid(unit, format!("PrivateSubnet{upper}"), path),
                    cidr: cidr.subdivide(subnet_prefix, u32::from(az_count) + u32::from(index)),
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
                nat,
                nat_gateway,
            });
        }
        let flow_logs = flow_logs.then(|| {
            let log_group = self.rid(unit, "FlowLogGroup", path);
            let kms_key = self.data_key_arn(unit, region);
            FlowLogPlan {
                rid: self.rid(unit, "FlowLog", path),
                role: self.rid(unit, "FlowLogRole", path),
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
                name_prefix: format!("{}-{region}", self.stack.stack),
            }),
        }
    }

    fn resolve_existing_network(
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
                Diagnostic::error(
                    "E113",
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
                Diagnostic::error("E111", path.key("vpc_cidr"), message).with_help(
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
            if list.len() < 2 {
                resolver.report(
                    Diagnostic::error(
                        "E113",
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
                            Diagnostic::error("E113", item_path, format!("`{literal}` is not a subnet ID"))
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

    /// Parameters declared in `parameters:` must be legal and used.
    pub(crate) fn check_parameter_declarations(&mut self) {
        let stack = self.stack;
        for (name, spec) in &stack.parameters {
            let path = StackPath::root().key("parameters").key(name);
            let legal = matches!(
                crate::value::parse_placeholders(&format!("${{{name}}}")).as_deref(),
                Ok([crate::value::Placeholder::Param(_)])
            );
            if !legal {
                self.report(
                    Diagnostic::error("E801", path, format!("`{name}` is not a legal parameter name"))
                        .with_help("parameter names are UPPER_SNAKE_CASE, start with a letter and have at most 64 characters"),
                );
                continue;
            }
            if !self.parameter_is_used(name) {
                let used: Vec<String> = self.used_parameters().into_iter().collect();
                let help = match suggest_list(name, used.iter().map(String::as_str)) {
                    Some(suggestion) => {
                        format!("did you mean `{suggestion}`? otherwise remove the declaration")
                    }
                    None => "remove the declaration, or use `${NAME}` where the value belongs"
                        .to_owned(),
                };
                self.report(
                    Diagnostic::error(
                        "E802",
                        path,
                        format!("the parameter `{name}` is declared but never used"),
                    )
                    .with_help(help),
                );
            }
            if let Some(description) = &spec.description
                && description.trim().is_empty()
            {
                self.report(
                    Diagnostic::error(
                        "E802",
                        StackPath::root()
                            .key("parameters")
                            .key(name)
                            .key("description"),
                        "the description is empty",
                    )
                    .with_help("describe what value the deployer must supply, or remove the key"),
                );
            }
        }
    }

    /// Data key ARN of `region`, as seen from `unit`.
    pub(crate) fn data_key_arn(&mut self, unit: &UnitId, region: &str) -> Text {
        let storage = UnitId::Storage(region.to_owned());
        let key = crate::naming::rid("DataKey", &storage);
        self.value_from(
            unit,
            &storage,
            "DataKeyArn",
            "ARN of the region's KMS key for data at rest",
            crate::value::AttrRef {
                resource: key,
                attr: Attr::KeyArn,
            },
        )
    }
}
