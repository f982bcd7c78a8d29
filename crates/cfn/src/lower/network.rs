//! Networking: the VPC the plan creates (subnets in the plan's zones and CIDRs, routing, NAT
//! gateways, flow logs to an encrypted log group) and security groups with one resource per rule.
//! It must not choose CIDRs, zones, NAT placement or rules; an existing network is only referred to.

use meridian_plan::bug;
use meridian_plan::{
    CreatedNetwork, Direction, FlowLogPlan, LinksPlan, NatPlan, NetworkPlan, Peer, PeerRoutePlan,
    PeeringPlan, SecurityGroupPlan, SecurityGroupRulePlan, SubnetPlan, Text, ZonePlan,
};

use crate::l1::ec2::{
    EgressRule, Eip, FlowLog, FlowLogDestinationType, FlowLogResourceType, FlowLogTrafficType,
    InternetGateway, NatGateway, Route, RouteTable, SecurityGroup, SecurityGroupEgress,
    SecurityGroupIngress, Subnet, SubnetRouteTableAssociation, Vpc, VpcGatewayAttachment,
    VpcPeeringConnection,
};
use crate::l1::logs::LogGroup;
use crate::l1::{ListValue, Resource, Value};

use super::UnitTemplate;
use super::policy::role;
use super::values::{arn_of, attr_of, reference};
use meridian_plan::RolePurpose;

/// Adds the network the plan creates; an existing network needs no resource.
pub(crate) fn lower_network(unit: &mut UnitTemplate<'_>, network: &NetworkPlan) {
    let NetworkPlan {
        // Other resources refer to the network through these.
        vpc_id: _,
        vpc_cidr,
        public_subnets: _,
        private_subnets: _,
        created,
    } = network;
    if let Some(created) = created {
        lower_created_network(unit, vpc_cidr, created);
    }
}

fn lower_created_network(unit: &mut UnitTemplate<'_>, vpc_cidr: &str, created: &CreatedNetwork) {
    let CreatedNetwork {
        vpc,
        internet_gateway,
        gateway_attachment,
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
    let vpc_tags = unit.values.tags(Some(name_prefix));
    let gateway_tags = unit.values.tags(Some(name_prefix));
    let public_route_table_tags = unit.values.tags(Some(public_route_table_name));
    unit.add(
        vpc,
        Resource::new(Vpc {
            cidr_block: Some(Value::from(vpc_cidr)),
            enable_dns_hostnames: Some((*dns_hostnames).into()),
            enable_dns_support: Some((*dns_support).into()),
            tags: vpc_tags,
            ..Vpc::default()
        }),
    );
    unit.add(
        internet_gateway,
        Resource::new(InternetGateway { tags: gateway_tags }),
    );
    unit.add(
        gateway_attachment,
        Resource::new(VpcGatewayAttachment {
            vpc_id: reference(vpc),
            internet_gateway_id: Some(reference(internet_gateway)),
            vpn_gateway_id: None,
        }),
    );
    unit.add(
        public_route_table,
        Resource::new(RouteTable {
            tags: public_route_table_tags,
            ..RouteTable::new(reference(vpc))
        }),
    );
    // A route to the gateway fails until the gateway is attached to the VPC.
    unit.add(
        public_default_route,
        Resource::new(Route {
            destination_cidr_block: Some(Value::from(default_route_destination.as_str())),
            gateway_id: Some(reference(internet_gateway)),
            ..Route::new(reference(public_route_table))
        })
        .depends_on(gateway_attachment.logical.clone()),
    );
    for zone in zones {
        lower_zone(unit, created, zone);
    }
    if let Some(flow_logs) = flow_logs {
        lower_flow_logs(unit, created, flow_logs);
    }
}

fn lower_zone(unit: &mut UnitTemplate<'_>, network: &CreatedNetwork, zone: &ZonePlan) {
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
    for subnet in [public_subnet, private_subnet] {
        let SubnetPlan {
            rid,
            cidr,
            name,
            map_public_ip_on_launch,
        } = subnet;
        let tags = unit.values.tags(Some(name));
        unit.add(
            rid,
            Resource::new(Subnet {
                availability_zone: Some(Value::select(
                    u32::from(*index),
                    ListValue::availability_zones_of_stack_region(),
                )),
                cidr_block: Some(Value::from(cidr.as_str())),
                map_public_ip_on_launch: Some((*map_public_ip_on_launch).into()),
                tags,
                ..Subnet::new(reference(&network.vpc))
            }),
        );
    }
    unit.add(
        public_association,
        Resource::new(SubnetRouteTableAssociation {
            route_table_id: reference(&network.public_route_table),
            subnet_id: reference(&public_subnet.rid),
        }),
    );
    if let Some(nat) = nat {
        let NatPlan {
            eip,
            gateway,
            name,
            eip_domain,
        } = nat;
        let eip_tags = unit.values.tags(Some(name));
        let gateway_tags = unit.values.tags(Some(name));
        // An address in a VPC needs the internet gateway attached first.
        unit.add(
            eip,
            Resource::new(Eip {
                domain: Some(Value::from(eip_domain.as_str())),
                tags: eip_tags,
                ..Eip::default()
            })
            .depends_on(network.gateway_attachment.logical.clone()),
        );
        unit.add(
            gateway,
            Resource::new(NatGateway {
                allocation_id: Some(Value::get_att(eip.logical.as_str(), "AllocationId")),
                subnet_id: Some(reference(&public_subnet.rid)),
                tags: gateway_tags,
                ..NatGateway::default()
            }),
        );
    }
    let route_table_tags = unit.values.tags(Some(private_route_table_name));
    unit.add(
        private_route_table,
        Resource::new(RouteTable {
            tags: route_table_tags,
            ..RouteTable::new(reference(&network.vpc))
        }),
    );
    unit.add(
        private_default_route,
        Resource::new(Route {
            destination_cidr_block: Some(Value::from(network.default_route_destination.as_str())),
            nat_gateway_id: Some(reference(nat_gateway)),
            ..Route::new(reference(private_route_table))
        }),
    );
    unit.add(
        private_association,
        Resource::new(SubnetRouteTableAssociation {
            route_table_id: reference(private_route_table),
            subnet_id: reference(&private_subnet.rid),
        }),
    );
}

fn lower_flow_logs(unit: &mut UnitTemplate<'_>, network: &CreatedNetwork, flow_logs: &FlowLogPlan) {
    let FlowLogPlan {
        rid,
        log_group,
        log_group_name,
        role: role_rid,
        role_statements,
        role_policy_name,
        retention_days,
        kms_key,
        traffic_type,
        destination_type,
    } = flow_logs;
    let log_group_properties = LogGroup {
        log_group_name: Some(Value::from(log_group_name.as_str())),
        retention_in_days: Some(i64::from(*retention_days).into()),
        kms_key_id: Some(unit.values.text(kms_key)),
        tags: unit.values.tags(None),
        ..LogGroup::default()
    };
    unit.add(log_group, Resource::new(log_group_properties));
    let flow_log_role = role(
        &unit.values,
        RolePurpose::FlowLogs,
        Some((role_policy_name, role_statements)),
    );
    unit.add(role_rid, Resource::new(flow_log_role));
    let tags = unit.values.tags(Some(&network.name_prefix));
    unit.add(
        rid,
        Resource::new(FlowLog {
            traffic_type: Some(match traffic_type {
                meridian_plan::FlowLogTraffic::All => FlowLogTrafficType::All,
            }),
            log_destination_type: Some(match destination_type {
                meridian_plan::FlowLogDestination::CloudWatchLogs => {
                    FlowLogDestinationType::CloudWatchLogs
                }
            }),
            log_destination: Some(arn_of(log_group)),
            deliver_logs_permission_arn: Some(arn_of(role_rid)),
            tags,
            ..FlowLog::new(FlowLogResourceType::Vpc, reference(&network.vpc))
        }),
    );
}

/// The CloudFormation idiom for a security group without EC2's default allow-all egress rule:
/// an inline egress rule that matches no traffic (ICMP type 252 code 86 to the broadcast
/// address), so that the group's real egress rules are only the standalone rules below.
fn no_default_egress() -> EgressRule {
    EgressRule {
        cidr_ip: Some(Value::from("255.255.255.255/32")),
        description: Some(Value::from(
            "Matches no traffic: removes the default allow-all egress rule",
        )),
        from_port: Some(252.into()),
        to_port: Some(86.into()),
        ..EgressRule::new("icmp")
    }
}

/// Adds the security groups and every rule as its own resource (so that groups can refer to each
/// other without a dependency cycle).
pub(crate) fn lower_security_groups(
    unit: &mut UnitTemplate<'_>,
    vpc_id: Option<&Text>,
    groups: &[SecurityGroupPlan],
    rules: &[SecurityGroupRulePlan],
) {
    for group in groups {
        let SecurityGroupPlan {
            rid,
            description,
            name,
        } = group;
        let vpc_id = vpc_id.unwrap_or_else(|| {
            bug(format_args!(
                "security group `{}` has no network",
                rid.logical
            ))
        });
        let properties = SecurityGroup {
            vpc_id: Some(unit.values.text(vpc_id)),
            security_group_egress: vec![no_default_egress()],
            tags: unit.values.tags(Some(name)),
            ..SecurityGroup::new(description.as_str())
        };
        unit.add(rid, Resource::new(properties));
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
        let group_id = attr_of(group, meridian_plan::Attr::SecurityGroupId);
        let port = i64::from(*port);
        let (cidr, peer_group) = match peer {
            Peer::Cidr(cidr) => (Some(Value::from(cidr.as_str())), None),
            Peer::Group(peer) => (
                None,
                Some(attr_of(peer, meridian_plan::Attr::SecurityGroupId)),
            ),
        };
        let description = Some(Value::from(description.as_str()));
        let resource = match direction {
            Direction::Ingress => Resource::new(SecurityGroupIngress {
                cidr_ip: cidr,
                source_security_group_id: peer_group,
                description,
                group_id: Some(group_id),
                from_port: Some(port.into()),
                to_port: Some(port.into()),
                ..SecurityGroupIngress::new(protocol.as_str())
            }),
            Direction::Egress => Resource::new(SecurityGroupEgress {
                cidr_ip: cidr,
                destination_security_group_id: peer_group,
                description,
                from_port: Some(port.into()),
                to_port: Some(port.into()),
                ..SecurityGroupEgress::new(protocol.as_str(), group_id)
            }),
        };
        unit.add(rid, resource);
    }
}

/// A VPC peering the unit requests. Both VPCs are in the deployment's account, so CloudFormation
/// needs no peering role and the request is accepted when it is made ("If the requester and
/// acceptor VPCs are in the same account, the peering request is accepted without a peering
/// role", `AWS::EC2::VPCPeeringConnection`): the plan's accepter resource is Terraform's alone.
pub(crate) fn lower_peering(unit: &mut UnitTemplate<'_>, peering: &PeeringPlan) {
    let PeeringPlan {
        rid,
        accepter: _,
        auto_accept: _,
        vpc_id,
        peer_region,
        peer_vpc_id,
        name,
    } = peering;
    let properties = VpcPeeringConnection {
        peer_region: Some(Value::from(peer_region.as_str())),
        tags: unit.values.tags(Some(name)),
        ..VpcPeeringConnection::new(unit.values.text(vpc_id), unit.values.text(peer_vpc_id))
    };
    unit.add(rid, Resource::new(properties));
}

/// Routes of private route tables to peer VPCs.
pub(crate) fn lower_peer_routes(unit: &mut UnitTemplate<'_>, routes: &[PeerRoutePlan]) {
    for route in routes {
        let PeerRoutePlan {
            rid,
            // The template deploys to the route table's region.
            region: _,
            route_table,
            destination_cidr,
            peer_region: _,
            peering,
            // CloudFormation's peering is accepted once it exists (see `lower_peering`).
            accepter: _,
        } = route;
        let properties = Route {
            destination_cidr_block: Some(Value::from(destination_cidr.as_str())),
            vpc_peering_connection_id: Some(unit.values.text(peering)),
            ..Route::new(unit.values.text(route_table))
        };
        unit.add(rid, Resource::new(properties));
    }
}

/// A region's links unit: its routes to the peerings later units requested.
pub(crate) fn lower_links_unit(unit: &mut UnitTemplate<'_>, links: &LinksPlan) {
    let LinksPlan { unit: _, routes } = links;
    lower_peer_routes(unit, routes);
}
