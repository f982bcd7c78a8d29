//! The accelerator unit: the Global Accelerator, its TCP listener and one endpoint group per
//! region, each holding that region's load balancer. It translates the plan's decisions only.

use meridian_plan::{
    AcceleratorClientAffinity, AcceleratorIpAddressType, AcceleratorListenerPlan, AcceleratorPlan,
    AcceleratorProtocol, EndpointGroupPlan, Protocol,
};

use crate::l1::globalaccelerator::{
    Accelerator, ClientAffinity, EndpointConfiguration, EndpointGroup, HealthCheckProtocol,
    IpAddressType, Listener, PortRange, Protocol as ListenerProtocol,
};
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::values::reference;

/// Adds the accelerator unit's resources.
pub(crate) fn lower_accelerator_unit(unit: &mut UnitTemplate<'_>, accelerator: &AcceleratorPlan) {
    let AcceleratorPlan {
        unit: _,
        rid,
        name,
        enabled,
        ip_address_type,
        listener,
        endpoint_groups,
    } = accelerator;
    unit.add(
        rid,
        Resource::new(Accelerator {
            enabled: Some(Value::from(*enabled)),
            ip_address_type: Some(match ip_address_type {
                AcceleratorIpAddressType::Ipv4 => IpAddressType::Ipv4,
            }),
            tags: unit.values.tags(None),
            ..Accelerator::new(name.as_str())
        }),
    );
    let AcceleratorListenerPlan {
        rid: listener_rid,
        protocol,
        ports,
        client_affinity,
    } = listener;
    unit.add(
        listener_rid,
        Resource::new(Listener {
            client_affinity: Some(match client_affinity {
                AcceleratorClientAffinity::None => ClientAffinity::None,
                AcceleratorClientAffinity::SourceIp => ClientAffinity::SourceIp,
            }),
            ..Listener::new(
                reference(rid),
                ports
                    .iter()
                    .map(|port| PortRange::new(i64::from(*port), i64::from(*port)))
                    .collect(),
                match protocol {
                    AcceleratorProtocol::Tcp => ListenerProtocol::Tcp,
                },
            )
        }),
    );
    for group in endpoint_groups {
        let EndpointGroupPlan {
            rid: group_rid,
            region,
            load_balancer_arn,
            weight,
            client_ip_preservation,
            traffic_dial_percent,
            health_check_protocol,
            health_check_port,
            health_check_path,
            health_check_interval_seconds,
            threshold_count,
        } = group;
        let endpoint = EndpointConfiguration {
            client_ip_preservation_enabled: Some(Value::from(*client_ip_preservation)),
            weight: Some(Value::from(i64::from(*weight))),
            ..EndpointConfiguration::new(unit.values.text(load_balancer_arn))
        };
        unit.add(
            group_rid,
            Resource::new(EndpointGroup {
                endpoint_configurations: vec![endpoint],
                health_check_interval_seconds: Some(Value::from(i64::from(
                    *health_check_interval_seconds,
                ))),
                health_check_path: Some(Value::from(health_check_path.as_str())),
                health_check_port: Some(Value::from(i64::from(*health_check_port))),
                health_check_protocol: Some(match health_check_protocol {
                    Protocol::Http => HealthCheckProtocol::Http,
                    Protocol::Https => HealthCheckProtocol::Https,
                }),
                threshold_count: Some(Value::from(i64::from(*threshold_count))),
                traffic_dial_percentage: Some(Value::from(f64::from(*traffic_dial_percent))),
                ..EndpointGroup::new(reference(listener_rid), region.as_str())
            }),
        );
    }
}
