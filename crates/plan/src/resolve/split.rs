//! Splitting a region over several CloudFormation units: when a region's application unit would
//! hold more than a unit may (`defaults::unit_budget`, below CloudFormation's quotas on
//! resources, outputs and parameters), its services move, in declared order, to further units
//! `<stack>-<region>-services-<n>` that deploy right after it, each service with every resource
//! it alone uses (task definition, service, roles, log group, security group and its rules,
//! target groups, listener rules, scaling, alarms).
//!
//! The plan is resolved once with every service in its region's unit; only when a region is over
//! budget is it resolved again with each service in a unit of its own, which measures what each
//! service brings, and a third time with the services grouped. The application unit keeps the
//! first services while they fit, so a stack that grows past the budget moves no service that
//! existed before (moving one between stacks replaces its resources).

use std::collections::BTreeMap;

use super::*;
use crate::defaults::unit_budget;
use crate::ids::UnitId;

/// Where a region's services go.
#[derive(Debug, Clone, Default)]
pub(crate) enum Grouping {
    /// Every service in its region's application unit.
    #[default]
    Together,
    /// Each service in a unit of its own (to measure them).
    Apart,
    /// The services units decided: region → service → group (1 and up); services not listed
    /// stay in the application unit.
    Decided(BTreeMap<RegionCode, BTreeMap<String, u16>>),
}

/// What one unit holds, as the plan names it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Size {
    resources: usize,
    outputs: usize,
    parameters: usize,
    /// Estimated template bytes.
    bytes: usize,
}

impl Size {
    fn plus(self, other: Size) -> Size {
        Size {
            resources: self.resources + other.resources,
            outputs: self.outputs + other.outputs,
            parameters: self.parameters + other.parameters,
            bytes: self.bytes + other.bytes,
        }
    }

    fn fits(self) -> bool {
        self.resources <= unit_budget::RESOURCES
            && self.outputs <= unit_budget::OUTPUTS
            && self.parameters <= unit_budget::PARAMETERS
            && self.bytes <= unit_budget::BYTES
    }
}

/// Whether some region certainly holds more than a unit may, from a count of what every service
/// surely names there: service, task definition, task and execution roles, log group, security
/// group and its HTTPS egress rule; with a target group, it and its listener rule; with a
/// database, the rules to and from the database's group.
pub(crate) fn surely_over_budget(stack: &Stack) -> bool {
    let routed: usize = stack.load_balancer.as_ref().map_or(0, |lb| {
        stack
            .services
            .iter()
            .filter(|service| lb.target_groups.iter().any(|tg| tg.service == service.name))
            .count()
    });
    let per_service_rules = if stack.database.is_some() { 2 } else { 0 };
    let at_least = stack.services.len() * (7 + per_service_rules) + routed * 2;
    at_least > unit_budget::RESOURCES
}

impl<'a> Resolver<'a> {
    /// Whether this is a measuring resolution ([`Grouping::Apart`]): its plan is not assembled
    /// and its findings are discarded, since the resolution with the decided grouping finds
    /// them all again; only the registries `unit_sizes` reads matter.
    pub(crate) fn measuring(&self) -> bool {
        matches!(self.grouping, Grouping::Apart)
    }

    /// The unit a service's own resources belong to in the region whose application unit is
    /// `app_unit`.
    pub(crate) fn service_unit(&self, app_unit: &UnitId, service: &str) -> UnitId {
        let UnitId::Region(region) = app_unit else {
            return app_unit.clone();
        };
        match &self.grouping {
            Grouping::Together => app_unit.clone(),
            Grouping::Apart => {
                let index = self
                    .service_positions
                    .get(service)
                    .copied()
                    .unwrap_or_default();
                UnitId::Services(region.clone(), u16::try_from(index + 1).unwrap_or(u16::MAX))
            }
            Grouping::Decided(groups) => groups
                .get(region)
                .and_then(|services| services.get(service))
                .map_or_else(
                    || app_unit.clone(),
                    |group| UnitId::Services(region.clone(), *group),
                ),
        }
    }

    /// The size of every unit as resolved so far.
    fn unit_sizes(&self) -> BTreeMap<UnitId, Size> {
        let mut sizes: BTreeMap<UnitId, Size> = BTreeMap::new();
        // Every placed ID is one of its namespace's IDs (`check_rid` records both), so a
        // namespace's own unit holds the IDs that were not placed elsewhere.
        let mut counts: FastHashMap<&UnitId, usize> = FastHashMap::default();
        for (namespace, Namespace { ids, .. }) in &self.ids {
            let placed = self.placement.get(namespace);
            let moved = placed.map_or(0, FastHashMap::len);
            if ids.len() > moved {
                *counts.entry(namespace).or_default() += ids.len() - moved;
            }
            for unit in placed.into_iter().flat_map(FastHashMap::values) {
                *counts.entry(unit).or_default() += 1;
            }
        }
        for (unit, resources) in counts {
            let size = sizes.entry(unit.clone()).or_default();
            size.resources += resources;
            size.bytes += resources * unit_budget::BYTES_PER_RESOURCE;
        }
        for (unit, bytes) in &self.text_bytes {
            sizes.entry(unit.clone()).or_default().bytes += bytes;
        }
        for (unit, outputs) in &self.outputs {
            sizes.entry(unit.clone()).or_default().outputs += outputs.len();
        }
        for (unit, parameters) in &self.unit_params {
            sizes.entry(unit.clone()).or_default().parameters += parameters.len();
        }
        sizes
    }

    /// Whether some application unit is over budget.
    pub(crate) fn over_budget(&self) -> bool {
        self.unit_sizes()
            .iter()
            .any(|(unit, size)| matches!(unit, UnitId::Region(_)) && !size.fits())
    }

    /// The services units of every region, from a resolution with [`Grouping::Apart`]: the
    /// application unit keeps services in declared order while they fit, then each further
    /// unit takes the next ones while they fit.
    pub(crate) fn decided_grouping(&self) -> Grouping {
        let sizes = self.unit_sizes();
        let mut groups = BTreeMap::new();
        for (unit, core) in &sizes {
            let UnitId::Region(region) = unit else {
                continue;
            };
            let mut group: u16 = 0;
            let mut filled = *core;
            for (index, service) in self.stack.services.iter().enumerate() {
                let own =
                    UnitId::Services(region.clone(), u16::try_from(index + 1).unwrap_or(u16::MAX));
                let Some(size) = sizes.get(&own) else {
                    continue;
                };
                if !filled.plus(*size).fits() {
                    group += 1;
                    filled = Size::default();
                }
                filled = filled.plus(*size);
                if group > 0 {
                    groups
                        .entry(region.clone())
                        .or_insert_with(BTreeMap::new)
                        .insert(service.name.clone(), group);
                }
            }
        }
        Grouping::Decided(groups)
    }
}
