//! Amazon EC2 networking resource types (VPC, subnets, routing, NAT, security groups, flow logs).
//! It must not choose CIDR blocks, zones or rules: it only types and serializes what lowering passes in.

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::EC2::VPC`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Vpc {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_dns_hostnames: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_dns_support: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_tenancy: Option<InstanceTenancy>,
    /// An IPAM pool to allocate the CIDR block from, instead of `cidr_block`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_ipam_pool_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_netmask_length: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Vpc {
    const TYPE: &'static str = "AWS::EC2::VPC";
}

/// Where a VPC's instances run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InstanceTenancy {
    Default,
    Dedicated,
    Host,
}

/// `AWS::EC2::InternetGateway`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InternetGateway {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for InternetGateway {
    const TYPE: &'static str = "AWS::EC2::InternetGateway";
}

/// `AWS::EC2::VPCGatewayAttachment`: attaches an internet (or VPN) gateway to a VPC.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct VpcGatewayAttachment {
    pub vpc_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub internet_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpn_gateway_id: Option<Value<String>>,
}

impl ResourceProperties for VpcGatewayAttachment {
    const TYPE: &'static str = "AWS::EC2::VPCGatewayAttachment";
}

/// `AWS::EC2::Subnet`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Subnet {
    pub vpc_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assign_ipv6_address_on_creation: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map_public_ip_on_launch: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_ipam_pool_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv4_netmask_length: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl Subnet {
    pub fn new(vpc_id: impl Into<Value<String>>) -> Self {
        Subnet {
            vpc_id: vpc_id.into(),
            availability_zone: None,
            availability_zone_id: None,
            cidr_block: None,
            ipv6_cidr_block: None,
            assign_ipv6_address_on_creation: None,
            map_public_ip_on_launch: None,
            ipv4_ipam_pool_id: None,
            ipv4_netmask_length: None,
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for Subnet {
    const TYPE: &'static str = "AWS::EC2::Subnet";
}

/// `AWS::EC2::RouteTable`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RouteTable {
    pub vpc_id: Value<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl RouteTable {
    pub fn new(vpc_id: impl Into<Value<String>>) -> Self {
        RouteTable {
            vpc_id: vpc_id.into(),
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for RouteTable {
    const TYPE: &'static str = "AWS::EC2::RouteTable";
}

/// `AWS::EC2::Route`: one destination and exactly one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Route {
    pub route_table_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_ipv6_cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nat_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress_only_internet_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_peering_connection_id: Option<Value<String>>,
}

impl Route {
    /// A route with no destination and no target yet; set exactly one of each.
    pub fn new(route_table_id: impl Into<Value<String>>) -> Self {
        Route {
            route_table_id: route_table_id.into(),
            destination_cidr_block: None,
            destination_ipv6_cidr_block: None,
            destination_prefix_list_id: None,
            gateway_id: None,
            nat_gateway_id: None,
            egress_only_internet_gateway_id: None,
            transit_gateway_id: None,
            vpc_endpoint_id: None,
            vpc_peering_connection_id: None,
        }
    }
}

impl ResourceProperties for Route {
    const TYPE: &'static str = "AWS::EC2::Route";
}

/// `AWS::EC2::SubnetRouteTableAssociation`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SubnetRouteTableAssociation {
    pub route_table_id: Value<String>,
    pub subnet_id: Value<String>,
}

impl ResourceProperties for SubnetRouteTableAssociation {
    const TYPE: &'static str = "AWS::EC2::SubnetRouteTableAssociation";
}

/// `AWS::EC2::EIP`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Eip {
    /// `vpc` for addresses used in a VPC (the only kind new accounts have).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_border_group: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ipv4_pool: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Eip {
    const TYPE: &'static str = "AWS::EC2::EIP";
}

/// `AWS::EC2::NatGateway`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NatGateway {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<Value<String>>,
    /// The allocation id of an Elastic IP, for public NAT gateways.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connectivity_type: Option<NatConnectivityType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for NatGateway {
    const TYPE: &'static str = "AWS::EC2::NatGateway";
}

/// Whether a NAT gateway reaches the internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NatConnectivityType {
    Public,
    Private,
}

/// `AWS::EC2::SecurityGroup`, with inline rules.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroup {
    pub group_description: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_group_ingress: Vec<IngressRule>,
    /// When empty, EC2 keeps its default allow-all egress rule.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_group_egress: Vec<EgressRule>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl SecurityGroup {
    pub fn new(group_description: impl Into<Value<String>>) -> Self {
        SecurityGroup {
            group_description: group_description.into(),
            group_name: None,
            vpc_id: None,
            security_group_ingress: Vec::new(),
            security_group_egress: Vec::new(),
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for SecurityGroup {
    const TYPE: &'static str = "AWS::EC2::SecurityGroup";
}

/// An inline ingress rule of a security group; set exactly one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct IngressRule {
    /// `tcp`, `udp`, `icmp`, a protocol number, or `-1` for all.
    pub ip_protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ip: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv6: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_security_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
}

impl IngressRule {
    /// A rule for a protocol and port range with no source yet.
    pub fn new(ip_protocol: impl Into<Value<String>>, from_port: i64, to_port: i64) -> Self {
        IngressRule {
            ip_protocol: ip_protocol.into(),
            from_port: Some(from_port.into()),
            to_port: Some(to_port.into()),
            cidr_ip: None,
            cidr_ipv6: None,
            source_security_group_id: None,
            source_prefix_list_id: None,
            description: None,
        }
    }
}

/// An inline egress rule of a security group; set exactly one destination.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EgressRule {
    pub ip_protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ip: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv6: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_security_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
}

impl EgressRule {
    /// A rule for a protocol and port range with no destination yet.
    pub fn new(ip_protocol: impl Into<Value<String>>, from_port: i64, to_port: i64) -> Self {
        EgressRule {
            ip_protocol: ip_protocol.into(),
            from_port: Some(from_port.into()),
            to_port: Some(to_port.into()),
            cidr_ip: None,
            cidr_ipv6: None,
            destination_security_group_id: None,
            destination_prefix_list_id: None,
            description: None,
        }
    }
}

/// `AWS::EC2::SecurityGroupIngress`: a standalone ingress rule, which breaks reference cycles between
/// security groups that admit each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroupIngress {
    pub group_id: Value<String>,
    pub ip_protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ip: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv6: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_security_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
}

impl SecurityGroupIngress {
    /// A rule for a protocol and port range with no source yet.
    pub fn new(
        group_id: impl Into<Value<String>>,
        ip_protocol: impl Into<Value<String>>,
        from_port: i64,
        to_port: i64,
    ) -> Self {
        SecurityGroupIngress {
            group_id: group_id.into(),
            ip_protocol: ip_protocol.into(),
            from_port: Some(from_port.into()),
            to_port: Some(to_port.into()),
            cidr_ip: None,
            cidr_ipv6: None,
            source_security_group_id: None,
            source_prefix_list_id: None,
            description: None,
        }
    }
}

impl ResourceProperties for SecurityGroupIngress {
    const TYPE: &'static str = "AWS::EC2::SecurityGroupIngress";
}

/// `AWS::EC2::SecurityGroupEgress`: a standalone egress rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SecurityGroupEgress {
    pub group_id: Value<String>,
    pub ip_protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ip: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv6: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_security_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
}

impl SecurityGroupEgress {
    /// A rule for a protocol and port range with no destination yet.
    pub fn new(
        group_id: impl Into<Value<String>>,
        ip_protocol: impl Into<Value<String>>,
        from_port: i64,
        to_port: i64,
    ) -> Self {
        SecurityGroupEgress {
            group_id: group_id.into(),
            ip_protocol: ip_protocol.into(),
            from_port: Some(from_port.into()),
            to_port: Some(to_port.into()),
            cidr_ip: None,
            cidr_ipv6: None,
            destination_security_group_id: None,
            destination_prefix_list_id: None,
            description: None,
        }
    }
}

impl ResourceProperties for SecurityGroupEgress {
    const TYPE: &'static str = "AWS::EC2::SecurityGroupEgress";
}

/// `AWS::EC2::FlowLog`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FlowLog {
    pub resource_id: Value<String>,
    pub resource_type: FlowLogResourceType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic_type: Option<FlowLogTrafficType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_destination_type: Option<FlowLogDestinationType>,
    /// The ARN of the log group, bucket or delivery stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_destination: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_group_name: Option<Value<String>>,
    /// The role that lets the flow log service write to CloudWatch Logs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliver_logs_permission_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<Value<String>>,
    /// 60 or 600 seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_aggregation_interval: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl FlowLog {
    pub fn new(resource_id: impl Into<Value<String>>, resource_type: FlowLogResourceType) -> Self {
        FlowLog {
            resource_id: resource_id.into(),
            resource_type,
            traffic_type: None,
            log_destination_type: None,
            log_destination: None,
            log_group_name: None,
            deliver_logs_permission_arn: None,
            log_format: None,
            max_aggregation_interval: None,
            tags: Vec::new(),
        }
    }
}

impl ResourceProperties for FlowLog {
    const TYPE: &'static str = "AWS::EC2::FlowLog";
}

/// What a flow log watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FlowLogResourceType {
    #[serde(rename = "VPC")]
    Vpc,
    Subnet,
    NetworkInterface,
    TransitGateway,
    TransitGatewayAttachment,
}

/// Which traffic a flow log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum FlowLogTrafficType {
    Accept,
    Reject,
    All,
}

/// Where a flow log is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlowLogDestinationType {
    CloudWatchLogs,
    S3,
    KinesisDataFirehose,
}
