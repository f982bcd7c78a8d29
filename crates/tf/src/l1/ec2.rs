//! Terraform JSON types for EC2 networking (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_vpc`, `aws_internet_gateway`, `aws_subnet`, routing (`aws_route_table`, `aws_route`,
//! `aws_route_table_association`), NAT (`aws_eip`, `aws_nat_gateway`), security groups and their rules,
//! `aws_flow_log`, and the `aws_availability_zones` data source.

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_vpc` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Vpc {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assign_generated_ipv6_cidr_block: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_dns_hostnames: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_dns_support: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_network_address_usage_metrics: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_tenancy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

resource_type!(
    Vpc,
    "aws_vpc",
    [
        id,
        arn,
        cidr_block,
        default_security_group_id,
        default_route_table_id,
        main_route_table_id,
        owner_id
    ]
);

/// The `aws_internet_gateway` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct InternetGateway {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<Value<String>>,
}

resource_type!(InternetGateway, "aws_internet_gateway", [id, arn, owner_id]);

/// The `aws_subnet` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subnet {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assign_ipv6_address_on_creation: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_resource_name_dns_a_record_on_launch: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ipv6_cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map_public_ip_on_launch: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_dns_hostname_type_on_launch: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    pub vpc_id: Value<String>,
}

impl Subnet {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(vpc_id: impl Into<Value<String>>) -> Self {
        Self {
            assign_ipv6_address_on_creation: None,
            availability_zone: None,
            availability_zone_id: None,
            cidr_block: None,
            enable_resource_name_dns_a_record_on_launch: None,
            ipv6_cidr_block: None,
            map_public_ip_on_launch: None,
            private_dns_hostname_type_on_launch: None,
            region: None,
            tags: None,
            vpc_id: vpc_id.into(),
        }
    }
}

resource_type!(
    Subnet,
    "aws_subnet",
    [
        id,
        arn,
        availability_zone,
        availability_zone_id,
        cidr_block,
        vpc_id
    ]
);

/// The `aws_route_table` resource.
///
/// Routes are declared as separate `aws_route` resources; the inline `route` attribute is left out so the
/// two styles cannot be mixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteTable {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    pub vpc_id: Value<String>,
}

impl RouteTable {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(vpc_id: impl Into<Value<String>>) -> Self {
        Self {
            region: None,
            tags: None,
            vpc_id: vpc_id.into(),
        }
    }
}

resource_type!(RouteTable, "aws_route_table", [id, arn]);

/// The `aws_route` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_ipv6_cidr_block: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub egress_only_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nat_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub route_table_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transit_gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_endpoint_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_peering_connection_id: Option<Value<String>>,
}

impl Route {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(route_table_id: impl Into<Value<String>>) -> Self {
        Self {
            destination_cidr_block: None,
            destination_ipv6_cidr_block: None,
            destination_prefix_list_id: None,
            egress_only_gateway_id: None,
            gateway_id: None,
            nat_gateway_id: None,
            region: None,
            route_table_id: route_table_id.into(),
            transit_gateway_id: None,
            vpc_endpoint_id: None,
            vpc_peering_connection_id: None,
        }
    }
}

resource_type!(Route, "aws_route", [id]);

/// The `aws_route_table_association` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteTableAssociation {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub route_table_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<Value<String>>,
}

impl RouteTableAssociation {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(route_table_id: impl Into<Value<String>>) -> Self {
        Self {
            gateway_id: None,
            region: None,
            route_table_id: route_table_id.into(),
            subnet_id: None,
        }
    }
}

resource_type!(RouteTableAssociation, "aws_route_table_association", [id]);

/// The `aws_eip` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Eip {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_border_group: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_ipv4_pool: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

resource_type!(
    Eip,
    "aws_eip",
    [id, arn, allocation_id, public_ip, public_dns]
);

/// The `aws_nat_gateway` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct NatGateway {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connectivity_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_ip: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

resource_type!(
    NatGateway,
    "aws_nat_gateway",
    [id, public_ip, network_interface_id]
);

/// The `aws_security_group` resource.
///
/// Rules are declared as separate `aws_vpc_security_group_ingress_rule` / `_egress_rule` resources; the inline
/// `ingress` and `egress` attributes are left out so the two styles cannot be mixed.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SecurityGroup {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_prefix: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoke_rules_on_delete: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<Value<String>>,
}

resource_type!(
    SecurityGroup,
    "aws_security_group",
    [id, arn, name, owner_id]
);

/// The `aws_vpc_security_group_ingress_rule` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VpcSecurityGroupIngressRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv4: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv6: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<Value<Number>>,
    pub ip_protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referenced_security_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub security_group_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<Value<Number>>,
}

impl VpcSecurityGroupIngressRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        ip_protocol: impl Into<Value<String>>,
        security_group_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            cidr_ipv4: None,
            cidr_ipv6: None,
            description: None,
            from_port: None,
            ip_protocol: ip_protocol.into(),
            prefix_list_id: None,
            referenced_security_group_id: None,
            region: None,
            security_group_id: security_group_id.into(),
            tags: None,
            to_port: None,
        }
    }
}

resource_type!(
    VpcSecurityGroupIngressRule,
    "aws_vpc_security_group_ingress_rule",
    [id, arn, security_group_rule_id]
);

/// The `aws_vpc_security_group_egress_rule` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VpcSecurityGroupEgressRule {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv4: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cidr_ipv6: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_port: Option<Value<Number>>,
    pub ip_protocol: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_list_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referenced_security_group_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    pub security_group_id: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_port: Option<Value<Number>>,
}

impl VpcSecurityGroupEgressRule {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        ip_protocol: impl Into<Value<String>>,
        security_group_id: impl Into<Value<String>>,
    ) -> Self {
        Self {
            cidr_ipv4: None,
            cidr_ipv6: None,
            description: None,
            from_port: None,
            ip_protocol: ip_protocol.into(),
            prefix_list_id: None,
            referenced_security_group_id: None,
            region: None,
            security_group_id: security_group_id.into(),
            tags: None,
            to_port: None,
        }
    }
}

resource_type!(
    VpcSecurityGroupEgressRule,
    "aws_vpc_security_group_egress_rule",
    [id, arn, security_group_rule_id]
);

/// The `aws_flow_log` resource.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FlowLog {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deliver_cross_account_role: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_options: Option<FlowLogDestinationOptions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eni_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iam_role_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_destination: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_destination_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_format: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_aggregation_interval: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subnet_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub traffic_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<Value<String>>,
}

/// The `destination_options` block (at most one) of `aws_flow_log`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FlowLogDestinationOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_format: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hive_compatible_partitions: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_hour_partition: Option<Value<bool>>,
}

resource_type!(FlowLog, "aws_flow_log", [id, arn]);

/// The `aws_availability_zones` data source.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataAvailabilityZones {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub all_availability_zones: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_names: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclude_zone_ids: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<DataAvailabilityZonesFilter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Value<String>>,
}

/// The `filter` block (repeated) of `aws_availability_zones`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataAvailabilityZonesFilter {
    pub name: Value<String>,
    pub values: Value<List<String>>,
}

impl DataAvailabilityZonesFilter {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, values: impl Into<Value<List<String>>>) -> Self {
        Self {
            name: name.into(),
            values: values.into(),
        }
    }
}

data_source_type!(
    DataAvailabilityZones,
    "aws_availability_zones",
    [id, names, zone_ids, group_names]
);
