//! The Global Accelerator, its TCP listener and one endpoint group per region. Global
//! Accelerator resources take no `region` argument: the provider sends their calls to the
//! service's control-plane region itself; the provider's default tags tag them. It decides
//! nothing.

use meridian_plan::{AcceleratorListenerPlan, AcceleratorPlan, EndpointGroupPlan};

use super::{Lowered, Lowerer};
use crate::l1::{
    GlobalacceleratorAccelerator, GlobalacceleratorEndpointGroup,
    GlobalacceleratorEndpointGroupEndpointConfiguration, GlobalacceleratorListener,
    GlobalacceleratorListenerPortRange,
};

impl Lowerer<'_> {
    /// The accelerator unit's resources.
    pub(super) fn lower_accelerator(&mut self, accelerator: &AcceleratorPlan) -> Lowered {
        let AcceleratorPlan {
            unit: _,
            rid,
            name,
            enabled,
            ip_address_type,
            listener,
            endpoint_groups,
        } = accelerator;
        let created = self.add(
            &rid.tf,
            GlobalacceleratorAccelerator {
                enabled: Some((*enabled).into()),
                ip_address_type: Some(ip_address_type.as_str().into()),
                ..GlobalacceleratorAccelerator::new(name.as_str())
            },
        )?;
        let AcceleratorListenerPlan {
            rid: listener_rid,
            protocol,
            ports,
            client_affinity,
        } = listener;
        let port_range = ports
            .iter()
            .map(|port| GlobalacceleratorListenerPortRange {
                from_port: Some((*port).into()),
                to_port: Some((*port).into()),
            })
            .collect();
        let listener = self.add(
            &listener_rid.tf,
            GlobalacceleratorListener {
                client_affinity: Some(client_affinity.as_str().into()),
                ..GlobalacceleratorListener::new(created.id(), port_range, protocol.as_str())
            },
        )?;
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
            let endpoint = GlobalacceleratorEndpointGroupEndpointConfiguration {
                client_ip_preservation_enabled: Some((*client_ip_preservation).into()),
                endpoint_id: Some(self.value(load_balancer_arn)),
                weight: Some((*weight).into()),
                ..Default::default()
            };
            self.add(
                &group_rid.tf,
                GlobalacceleratorEndpointGroup {
                    endpoint_configuration: vec![endpoint],
                    endpoint_group_region: Some(region.as_str().into()),
                    health_check_interval_seconds: Some((*health_check_interval_seconds).into()),
                    health_check_path: Some(health_check_path.as_str().into()),
                    health_check_port: Some((*health_check_port).into()),
                    health_check_protocol: Some(health_check_protocol.as_str().into()),
                    threshold_count: Some((*threshold_count).into()),
                    traffic_dial_percentage: Some((*traffic_dial_percent).into()),
                    ..GlobalacceleratorEndpointGroup::new(listener.id())
                },
            )?;
        }
        Ok(())
    }
}
