//! A region's network: the VPC Meridian creates (internet gateway, subnets in the region's availability
//! zones, route tables, NAT gateways, flow logs to an encrypted log group) and the security groups with one
//! rule resource per planned rule. Terraform attaches the internet gateway through its `vpc_id` and removes
//! the default egress rule of new groups itself. It decides no CIDR, zone count or rule.

use meridian_plan::aws;
use meridian_plan::naming::region_slug;
use meridian_plan::{
    CreatedNetwork, Direction, FlowLogPlan, LinksPlan, NatPlan, NetworkPlan, Peer, PeerRoutePlan,
    PeeringPlan, RolePurpose, SecurityGroupPlan, SecurityGroupRulePlan, SubnetPlan, ZonePlan,
};

use super::{Lowered, Lowerer, depends_on, name_tag, region_argument};
use crate::l1::{
    CloudwatchLogGroup, DataAvailabilityZones, DataAvailabilityZonesFilter, DataRef, Eip, FlowLog,
    IamRolePolicy, InternetGateway, List, NatGateway, ResourceRef, Route, RouteTable,
    RouteTableAssociation, SecurityGroup, Subnet, Value, Vpc, VpcPeeringConnection,
    VpcPeeringConnectionAccepter, VpcSecurityGroupEgressRule, VpcSecurityGroupIngressRule,
};

impl Lowerer<'_> {
    /// The network of `region`; only a created network has resources.
    pub(super) fn lower_network(&mut self, region: &str, network: &NetworkPlan) -> Lowered {
        let NetworkPlan {
            // The IDs and CIDR below are references to (or parameters for) what `created` declares.
            vpc_id: _,
            vpc_cidr,
            public_subnets: _,
            private_subnets: _,
            created,
        } = network;
        let Some(created) = created else {
            return Ok(());
        };
        let CreatedNetwork {
            vpc,
            internet_gateway,
            // CloudFormation attaches the gateway with a separate resource; `vpc_id` does it here.
            gateway_attachment: _,
            public_route_table,
            public_default_route,
            zones,
            flow_logs,
            name_prefix,
            dns_hostnames,
            dns_support,
            public_route_table_name,
            default_route_destination,
        } = created;
        let availability_zones = self.module.add_data_source(
            &region_slug(region),
            // The region's standard zones in name order, whatever their state, as CloudFormation's
            // `Fn::GetAZs` lists them: the plan picks zones by index, so neither an impaired zone nor an
            // opted-in Local Zone (whose name sorts first) may shift the others.
            DataAvailabilityZones {
                filter: vec![DataAvailabilityZonesFilter::new(
                    aws::STANDARD_ZONES_FILTER,
                    [aws::STANDARD_ZONES_FILTER_VALUE]
                        .into_iter()
                        .collect::<Value<List<String>>>(),
                )],
                region: region_argument(region),
                ..DataAvailabilityZones::default()
            },
        )?;
        self.zones
            .insert(region.to_owned(), availability_zones.clone());
        let vpc = self.add(
            &vpc.tf,
            Vpc {
                cidr_block: Some(vpc_cidr.into()),
                enable_dns_hostnames: Some((*dns_hostnames).into()),
                enable_dns_support: Some((*dns_support).into()),
                region: region_argument(region),
                tags: name_tag(name_prefix),
                ..Vpc::default()
            },
        )?;
        let gateway = self.add(
            &internet_gateway.tf,
            InternetGateway {
                region: region_argument(region),
                tags: name_tag(name_prefix),
                vpc_id: Some(vpc.id().into()),
            },
        )?;
        let public_table = self.add(
            &public_route_table.tf,
            RouteTable {
                region: region_argument(region),
                tags: name_tag(public_route_table_name),
                ..RouteTable::new(vpc.id())
            },
        )?;
        self.add(
            &public_default_route.tf,
            Route {
                destination_cidr_block: Some(default_route_destination.into()),
                gateway_id: Some(gateway.id().into()),
                region: region_argument(region),
                ..Route::new(public_table.id())
            },
        )?;
        for zone in zones {
            self.lower_zone(
                region,
                zone,
                &vpc,
                &gateway,
                &public_table,
                &availability_zones,
                default_route_destination,
            )?;
        }
        if let Some(flow_logs) = flow_logs {
            self.lower_flow_logs(region, flow_logs, &vpc, name_prefix)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_zone(
        &mut self,
        region: &str,
        zone: &ZonePlan,
        vpc: &ResourceRef<Vpc>,
        gateway: &ResourceRef<InternetGateway>,
        public_table: &ResourceRef<RouteTable>,
        availability_zones: &DataRef<DataAvailabilityZones>,
        default_route_destination: &str,
    ) -> Lowered {
        let ZonePlan {
            index,
            // The plan's names already carry the zone letter.
            letter: _,
            public_subnet,
            private_subnet,
            public_association,
            private_route_table,
            private_default_route,
            private_association,
            private_route_table_name,
            nat,
            nat_gateway,
        } = zone;
        let zone_name = availability_zones.names().index(u64::from(*index));
        let subnet = |lowerer: &mut Self, plan: &SubnetPlan| {
            let SubnetPlan {
                rid,
                cidr,
                name,
                map_public_ip_on_launch,
            } = plan;
            lowerer.add(
                &rid.tf,
                Subnet {
                    availability_zone: Some(zone_name.clone().into()),
                    cidr_block: Some(cidr.into()),
                    map_public_ip_on_launch: Some((*map_public_ip_on_launch).into()),
                    region: region_argument(region),
                    tags: name_tag(name),
                    ..Subnet::new(vpc.id())
                },
            )
        };
        let public = subnet(self, public_subnet)?;
        let private = subnet(self, private_subnet)?;
        self.add(
            &public_association.tf,
            RouteTableAssociation {
                region: region_argument(region),
                subnet_id: Some(public.id().into()),
                ..RouteTableAssociation::new(public_table.id())
            },
        )?;
        if let Some(NatPlan {
            eip,
            gateway: nat_rid,
            name,
            eip_domain,
        }) = nat
        {
            // Elastic IPs and NAT gateways need the VPC to be attached to the internet gateway first.
            let address = self.add_with(
                &eip.tf,
                Eip {
                    domain: Some(eip_domain.into()),
                    region: region_argument(region),
                    tags: name_tag(name),
                    ..Eip::default()
                },
                depends_on(vec![gateway.terraform_address()]),
            )?;
            self.add_with(
                &nat_rid.tf,
                NatGateway {
                    allocation_id: Some(address.id().into()),
                    region: region_argument(region),
                    subnet_id: Some(public.id().into()),
                    tags: name_tag(name),
                    ..NatGateway::default()
                },
                depends_on(vec![gateway.terraform_address()]),
            )?;
        }
        let private_table = self.add(
            &private_route_table.tf,
            RouteTable {
                region: region_argument(region),
                tags: name_tag(private_route_table_name),
                ..RouteTable::new(vpc.id())
            },
        )?;
        self.add(
            &private_default_route.tf,
            Route {
                destination_cidr_block: Some(default_route_destination.into()),
                nat_gateway_id: Some(
                    ResourceRef::<NatGateway>::planned(&nat_gateway.tf)
                        .id()
                        .into(),
                ),
                region: region_argument(region),
                ..Route::new(private_table.id())
            },
        )?;
        self.add(
            &private_association.tf,
            RouteTableAssociation {
                region: region_argument(region),
                subnet_id: Some(private.id().into()),
                ..RouteTableAssociation::new(private_table.id())
            },
        )?;
        Ok(())
    }

    fn lower_flow_logs(
        &mut self,
        region: &str,
        flow_logs: &FlowLogPlan,
        vpc: &ResourceRef<Vpc>,
        name_prefix: &str,
    ) -> Lowered {
        let FlowLogPlan {
            rid,
            log_group,
            log_group_name,
            role,
            role_statements,
            // Terraform lets the provider name a role's inline policy.
            role_policy_name: _,
            retention_days,
            kms_key,
            traffic_type,
            destination_type,
        } = flow_logs;
        let group = self.add(
            &log_group.tf,
            CloudwatchLogGroup {
                kms_key_id: Some(self.value(kms_key)),
                name: Some(log_group_name.into()),
                region: region_argument(region),
                retention_in_days: Some((*retention_days).into()),
                ..CloudwatchLogGroup::default()
            },
        )?;
        let (role_handle, _) = self.purpose_role(&role.tf, RolePurpose::FlowLogs)?;
        let role_policy = self.add(
            &role.tf,
            IamRolePolicy::new(self.policy_document(role_statements), role_handle.id()),
        )?;
        self.add_with(
            &rid.tf,
            FlowLog {
                iam_role_arn: Some(role_handle.arn().into()),
                log_destination: Some(group.arn().into()),
                log_destination_type: Some(destination_type.as_str().into()),
                region: region_argument(region),
                tags: name_tag(name_prefix),
                traffic_type: Some(traffic_type.as_str().into()),
                vpc_id: Some(vpc.id().into()),
                ..FlowLog::default()
            },
            depends_on(vec![role_policy.terraform_address()]),
        )?;
        Ok(())
    }

    /// Security groups without inline rules, and one resource per rule.
    pub(super) fn lower_security_groups(
        &mut self,
        region: &str,
        vpc_id: Option<Value<String>>,
        groups: &[SecurityGroupPlan],
        rules: &[SecurityGroupRulePlan],
    ) -> Lowered {
        for group in groups {
            let SecurityGroupPlan {
                rid,
                description,
                name,
            } = group;
            self.add(
                &rid.tf,
                SecurityGroup {
                    description: Some(description.into()),
                    region: region_argument(region),
                    tags: name_tag(name),
                    vpc_id: vpc_id.clone(),
                    ..SecurityGroup::default()
                },
            )?;
        }
        for rule in rules {
            let SecurityGroupRulePlan {
                rid,
                group,
                direction,
                protocol,
                port,
                peer,
                description,
            } = rule;
            let group_id = ResourceRef::<SecurityGroup>::planned(&group.tf).id();
            let (cidr, referenced) = match peer {
                Peer::Cidr(cidr) => (Some(Value::from(cidr)), None),
                Peer::Group(other) => (
                    None,
                    Some(Value::from(
                        ResourceRef::<SecurityGroup>::planned(&other.tf).id(),
                    )),
                ),
            };
            match direction {
                Direction::Ingress => {
                    self.add(
                        &rid.tf,
                        VpcSecurityGroupIngressRule {
                            cidr_ipv4: cidr,
                            description: Some(description.into()),
                            from_port: Some((*port).into()),
                            referenced_security_group_id: referenced,
                            region: region_argument(region),
                            to_port: Some((*port).into()),
                            ..VpcSecurityGroupIngressRule::new(protocol.as_str(), group_id)
                        },
                    )?;
                }
                Direction::Egress => {
                    self.add(
                        &rid.tf,
                        VpcSecurityGroupEgressRule {
                            cidr_ipv4: cidr,
                            description: Some(description.into()),
                            from_port: Some((*port).into()),
                            referenced_security_group_id: referenced,
                            region: region_argument(region),
                            to_port: Some((*port).into()),
                            ..VpcSecurityGroupEgressRule::new(protocol.as_str(), group_id)
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// A VPC peering `region`'s VPC requests, and its acceptance in the peer region. The provider
    /// accepts a cross-region request only through `aws_vpc_peering_connection_accepter` in the
    /// peer's region (`auto_accept` on the requester works within one region only).
    pub(super) fn lower_peering(&mut self, region: &str, peering: &PeeringPlan) -> Lowered {
        let PeeringPlan {
            rid,
            accepter,
            auto_accept,
            vpc_id,
            peer_region,
            peer_vpc_id,
            name,
        } = peering;
        let peer_vpc_id = self.value(peer_vpc_id);
        let vpc_id = self.value(vpc_id);
        let requested = self.add(
            &rid.tf,
            VpcPeeringConnection {
                peer_region: Some(peer_region.as_str().into()),
                region: region_argument(region),
                tags: name_tag(name),
                ..VpcPeeringConnection::new(peer_vpc_id, vpc_id)
            },
        )?;
        self.add(
            &accepter.tf,
            VpcPeeringConnectionAccepter {
                auto_accept: Some((*auto_accept).into()),
                region: region_argument(peer_region),
                tags: name_tag(name),
                ..VpcPeeringConnectionAccepter::new(requested.id())
            },
        )?;
        Ok(())
    }

    /// Routes of private route tables to peer VPCs, each once its peering is accepted (a route
    /// to a peering that is not active is a black hole).
    pub(super) fn lower_peer_routes(&mut self, routes: &[PeerRoutePlan]) -> Lowered {
        for route in routes {
            let PeerRoutePlan {
                rid,
                region,
                route_table,
                destination_cidr,
                peer_region: _,
                peering,
                accepter,
            } = route;
            let route_table = self.value(route_table);
            let peering = self.value(peering);
            self.add_with(
                &rid.tf,
                Route {
                    destination_cidr_block: Some(destination_cidr.into()),
                    region: region_argument(region),
                    vpc_peering_connection_id: Some(peering),
                    ..Route::new(route_table)
                },
                depends_on(vec![
                    ResourceRef::<VpcPeeringConnectionAccepter>::planned(&accepter.tf)
                        .terraform_address(),
                ]),
            )?;
        }
        Ok(())
    }

    /// A region's links unit: its routes to the peerings of later regions.
    pub(super) fn lower_links(&mut self, links: &LinksPlan) -> Lowered {
        let LinksPlan { unit: _, routes } = links;
        self.lower_peer_routes(routes)
    }
}
