//! Global Accelerator: one accelerator in front of every region's load balancer, in a unit of
//! its own deployed to Global Accelerator's control-plane region after the application units.
//! A TCP listener takes the load balancers' listener ports; each region's endpoint group holds
//! its load balancer. For load balancer endpoints Global Accelerator judges health by the load
//! balancer's own target health; the group's health check settings, derived here from the
//! target groups' checks, apply to any other endpoint added later.

use meridian_model::{ClientAffinity, Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::types::*;
use crate::{Attr, AttrRef, Text};

impl<'a> Resolver<'a> {
    /// The accelerator, when the stack asks for one and its load balancers allow it.
    pub(crate) fn resolve_accelerator(
        &mut self,
        regions: &Regions<'_>,
        apps: &BTreeMap<RegionCode, AppPlan>,
    ) -> Option<AcceleratorPlan> {
        let stack = self.stack;
        let settings = stack.global_accelerator.as_ref()?;
        let path = StackPath::root().key("global_accelerator");
        if self.partition != aws::ACCELERATOR_PARTITION {
            self.report(
                Diagnostic::new(
                    codes::E976,
                    path.clone(),
                    format!(
                        "Global Accelerator exists only in the `{}` partition; this stack's regions are in `{}`",
                        aws::ACCELERATOR_PARTITION,
                        self.partition
                    ),
                )
                .with_help("remove `global_accelerator`; DNS latency routing (`dns`) still spreads traffic over the regions"),
            );
            return None;
        }
        let fronted: Vec<(&RegionCode, &LoadBalancerPlan)> = regions
            .service_codes()
            .filter_map(|code| {
                let load_balancer = apps.get(code)?.load_balancer.as_ref()?;
                Some((code, load_balancer))
            })
            .collect();
        let internet_facing = fronted.iter().all(|(_, lb)| !lb.internal);
        if fronted.is_empty() || !internet_facing {
            let what = if fronted.is_empty() {
                "the stack has no load balancer for it to front"
            } else {
                "the load balancers are internal; an accelerator reaching them would need their security groups opened to every client address"
            };
            self.report(
                Diagnostic::new(
                    codes::E975,
                    path.clone(),
                    format!("`global_accelerator` needs internet-facing load balancers: {what}"),
                )
                .with_help("add `load_balancer` with `scheme: internet-facing`, or remove `global_accelerator`"),
            );
            return None;
        }
        let mut ports: Vec<u32> = fronted
            .iter()
            .flat_map(|(_, lb)| lb.listeners.iter().map(|listener| listener.port))
            .collect();
        ports.sort_unstable();
        ports.dedup();
        if ports.len() > aws::limits::ACCELERATOR_PORT_RANGES {
            self.report(
                Diagnostic::new(
                    codes::E977,
                    StackPath::root().key("load_balancer").key("listeners"),
                    format!(
                        "the load balancers listen on {} ports; an accelerator listener takes at most {} port ranges",
                        ports.len(),
                        aws::limits::ACCELERATOR_PORT_RANGES
                    ),
                )
                .with_help("listen on fewer ports, or remove `global_accelerator`"),
            );
            return None;
        }
        let unit = UnitId::Accelerator;
        let rid = self.rid(&unit, "Accelerator", &path);
        let listener = AcceleratorListenerPlan {
            rid: self.rid(&unit, "AcceleratorListener", &path),
            protocol: AcceleratorProtocol::Tcp,
            ports,
            client_affinity: match settings.client_affinity {
                Some(ClientAffinity::SourceIp) => AcceleratorClientAffinity::SourceIp,
                Some(ClientAffinity::None) | None => AcceleratorClientAffinity::None,
            },
        };
        let endpoint_groups = fronted
            .iter()
            .map(|(code, load_balancer)| self.endpoint_group(&unit, &path, code, load_balancer))
            .collect();
        self.export(
            &unit,
            "AcceleratorDnsName",
            "DNS name of the Global Accelerator, answering with its two static addresses",
            Text::attr(&rid, Attr::AcceleratorDnsName),
        );
        Some(AcceleratorPlan {
            unit,
            rid,
            name: self.names.accelerator(),
            enabled: settings.enabled.unwrap_or(defaults::ACCELERATOR_ENABLED),
            ip_address_type: AcceleratorIpAddressType::Ipv4,
            listener,
            endpoint_groups,
        })
    }

    /// A region's endpoint group: its load balancer, imported from its application unit, and
    /// health checks like its target groups' (HTTPS on the TLS listener when there is one).
    fn endpoint_group(
        &mut self,
        unit: &UnitId,
        path: &StackPath,
        region: &RegionCode,
        load_balancer: &LoadBalancerPlan,
    ) -> EndpointGroupPlan {
        let load_balancer_arn = self.value_from(
            unit,
            &UnitId::Region(region.clone()),
            "LoadBalancerArn",
            "ARN of the load balancer",
            AttrRef {
                resource: load_balancer.rid.clone(),
                attr: Attr::LoadBalancerArn,
            },
        );
        // Checked against the first TLS listener, else the first listener.
        let probed = load_balancer
            .listeners
            .iter()
            .find(|listener| listener.protocol == Protocol::Https)
            .or_else(|| load_balancer.listeners.first());
        let (health_check_protocol, health_check_port) = probed.map_or(
            (
                defaults::ACCELERATOR_HEALTH_CHECK_PROTOCOL,
                defaults::ACCELERATOR_HEALTH_CHECK_PORT,
            ),
            |listener| (listener.protocol, listener.port),
        );
        let health = load_balancer
            .target_groups
            .first()
            .map(|group| &group.health);
        let interval = health.map_or(aws::limits::ACCELERATOR_HEALTH_INTERVALS[1], |health| {
            // The shortest interval Global Accelerator takes that is no shorter than the
            // target groups' own.
            aws::limits::ACCELERATOR_HEALTH_INTERVALS
                .iter()
                .copied()
                .find(|allowed| *allowed >= health.interval_seconds)
                .unwrap_or(aws::limits::ACCELERATOR_HEALTH_INTERVALS[1])
        });
        let threshold = health.map_or(*aws::limits::ACCELERATOR_THRESHOLDS.end(), |health| {
            health.unhealthy_threshold.clamp(
                *aws::limits::ACCELERATOR_THRESHOLDS.start(),
                *aws::limits::ACCELERATOR_THRESHOLDS.end(),
            )
        });
        let logical = format!("EndpointGroup{}", crate::naming::pascal(region));
        EndpointGroupPlan {
            rid: self.rid(unit, logical, path),
            region: region.clone(),
            load_balancer_arn,
            weight: defaults::ACCELERATOR_ENDPOINT_WEIGHT,
            client_ip_preservation: defaults::ACCELERATOR_CLIENT_IP_PRESERVATION,
            traffic_dial_percent: defaults::ACCELERATOR_TRAFFIC_DIAL_PERCENT,
            health_check_protocol,
            health_check_port,
            health_check_path: health.map_or_else(
                || defaults::ACCELERATOR_HEALTH_CHECK_PATH.to_owned(),
                |health| health.path.clone(),
            ),
            health_check_interval_seconds: interval,
            threshold_count: threshold,
        }
    }
}
