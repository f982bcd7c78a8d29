//! Placement: which service regions each service runs in (`regions` or `roles`, E332, E333), and
//! the environment values that differ by region (`environment_by_region`, E334). Decided before
//! the load balancers, whose target groups and listener rules exist only where their service
//! runs.

use std::collections::{BTreeMap, BTreeSet};

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::suggest_list;
use crate::types::*;

/// The regions each service runs in, by service name (the regions of a service whose placement
/// is wrong are all of them, so that its other findings are still reported once).
#[derive(Debug, Default)]
pub(crate) struct Placement {
    by_service: BTreeMap<String, BTreeSet<RegionCode>>,
}

impl Placement {
    /// Whether `service` runs in `region`; an undeclared service runs nowhere.
    pub(crate) fn runs(&self, service: &str, region: &str) -> bool {
        self.by_service
            .get(service)
            .is_some_and(|regions| regions.contains(region))
    }

    /// Whether `service` is declared and does not run in `region`.
    pub(crate) fn excludes(&self, service: &str, region: &str) -> bool {
        self.by_service
            .get(service)
            .is_some_and(|regions| !regions.contains(region))
    }
}

/// A role as `roles` and `environment_by_region` spell it.
pub(crate) fn role_key(role: RegionRole) -> &'static str {
    match role {
        RegionRole::Primary | RegionRole::StorageOnly => "primary",
        RegionRole::Secondary => "secondary",
        RegionRole::Optional => "optional",
    }
}

impl Resolver<'_> {
    /// Every service's regions, and the checks of its `regions`, `roles` and
    /// `environment_by_region`.
    pub(crate) fn resolve_placement(&mut self, regions: &Regions<'_>) -> Placement {
        let mut placement = Placement::default();
        let services: Vec<(RegionCode, RegionRole)> = regions
            .iter()
            .filter(|region| {
                region.role != RegionRole::StorageOnly
                    && region.model.is_some_and(|model| model.network.is_some())
            })
            .map(|region| (region.code.clone(), region.role))
            .collect();
        for (index, service) in self.stack.services.iter().enumerate() {
            let path = StackPath::root().key("services").index(index);
            let placed = self
                .placed_regions(&path, service, &services, regions)
                .unwrap_or_else(|| services.iter().map(|(code, _)| code.clone()).collect());
            self.check_environment_by_region(&path, service, &placed, regions);
            placement
                .by_service
                .entry(service.name.clone())
                .or_insert(placed);
        }
        placement
    }

    /// The regions `regions` or `roles` select; `None` when the service runs everywhere or its
    /// placement is wrong (reported).
    fn placed_regions(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        services: &[(RegionCode, RegionRole)],
        regions: &Regions<'_>,
    ) -> Option<BTreeSet<RegionCode>> {
        match (&service.regions, &service.roles) {
            (None, None) => None,
            (Some(_), Some(_)) => {
                self.report(
                    Diagnostic::new(
                        codes::E333,
                        path.key("roles"),
                        "the service is placed both by `regions` and by `roles`",
                    )
                    .with_help("keep one of the two: `regions` names regions, `roles` takes every region of those roles")
                    .with_related(path.key("regions"), "the regions"),
                );
                None
            }
            (Some(codes), None) => self.placed_by_code(path, codes, services, regions),
            (None, Some(roles)) => {
                let key = path.key("roles");
                if roles.is_empty() {
                    self.report(
                        Diagnostic::new(codes::E333, key, "`roles` is empty, so the service would run nowhere")
                            .with_help("name at least one role, or leave `roles` out to run the service in every region"),
                    );
                    return None;
                }
                let wanted: BTreeSet<&str> = roles
                    .iter()
                    .map(|role| match role {
                        meridian_model::RegionRole::Primary => "primary",
                        meridian_model::RegionRole::Secondary => "secondary",
                        meridian_model::RegionRole::Optional => "optional",
                    })
                    .collect();
                if wanted.len() < roles.len() {
                    self.report(
                        Diagnostic::new(codes::E333, key.clone(), "a role is listed twice")
                            .with_help("list each role once"),
                    );
                }
                let placed: BTreeSet<RegionCode> = services
                    .iter()
                    .filter(|(_, role)| wanted.contains(role_key(*role)))
                    .map(|(code, _)| code.clone())
                    .collect();
                if placed.is_empty() && self.misspelt_regions.is_empty() {
                    self.report(
                        Diagnostic::new(
                            codes::E333,
                            key,
                            format!(
                                "no region with a network has the role{} {}",
                                if wanted.len() > 1 { "s" } else { "" },
                                wanted
                                    .iter()
                                    .map(|role| format!("`{role}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ),
                        )
                        .with_help("add a role some region has, or declare a region of that role"),
                    );
                    return None;
                }
                (!placed.is_empty()).then_some(placed)
            }
        }
    }

    /// The regions of a `regions` list: each declared, with a network, once (E332, E333).
    fn placed_by_code(
        &mut self,
        path: &StackPath,
        codes_written: &[String],
        services: &[(RegionCode, RegionRole)],
        regions: &Regions<'_>,
    ) -> Option<BTreeSet<RegionCode>> {
        let key = path.key("regions");
        if codes_written.is_empty() {
            self.report(
                Diagnostic::new(codes::E333, key, "`regions` is empty, so the service would run nowhere")
                    .with_help("name at least one region, or leave `regions` out to run the service in every region"),
            );
            return None;
        }
        let mut placed = BTreeSet::new();
        let mut valid = true;
        for (index, code) in codes_written.iter().enumerate() {
            let item = key.clone().index(index);
            if services.iter().any(|(known, _)| known.as_str() == code) {
                if !placed.insert(RegionCode::from(code.as_str())) {
                    self.report(
                        Diagnostic::new(codes::E333, item, format!("`{code}` is listed twice"))
                            .with_help("list each region once"),
                    );
                }
                continue;
            }
            valid = false;
            // A misspelt code of a declared region is reported as E101 where it is declared.
            if self.check_region_code(&item, code).is_none() {
                continue;
            }
            let declared = regions.iter().any(|region| region.code.as_str() == code);
            let help = if declared {
                "a service runs only in a region with a `network` (not a storage-only one); give the region a network or remove it from the list".to_owned()
            } else {
                match suggest_list(code, services.iter().map(|(known, _)| known.as_str())) {
                    Some(suggestion) => format!(
                        "did you mean `{suggestion}`? otherwise declare the region under `regions:` with its network"
                    ),
                    None => "declare the region under `regions:` with its network".to_owned(),
                }
            };
            self.report(
                Diagnostic::new(
                    codes::E332,
                    item,
                    if declared {
                        format!("the service is placed in `{code}`, which has no network to run it")
                    } else {
                        format!(
                            "the service is placed in `{code}`, which the stack does not declare"
                        )
                    },
                )
                .with_help(help),
            );
        }
        valid.then_some(placed)
    }

    /// Each key of `environment_by_region` is a region or role the service runs in (E334), and its
    /// names are variable names that are not secrets (E321, E322).
    fn check_environment_by_region(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        placed: &BTreeSet<RegionCode>,
        regions: &Regions<'_>,
    ) {
        for (key, values) in &service.environment_by_region {
            let key_path = path.key("environment_by_region").key(key);
            let region_role = |code: &RegionCode| regions.service_role(code).map(role_key);
            let matches = placed
                .iter()
                .any(|code| code.as_str() == key || region_role(code) == Some(key.as_str()));
            // With a misspelt region code the regions are incomplete: E101 says what is wrong.
            if !matches && self.misspelt_regions.is_empty() {
                let is_role = ["primary", "secondary", "optional"].contains(&key.as_str());
                let help = match suggest_list(
                    key,
                    placed
                        .iter()
                        .map(RegionCode::as_str)
                        .chain(placed.iter().filter_map(region_role)),
                ) {
                    Some(suggestion) if !is_role => format!("did you mean `{suggestion}`?"),
                    _ => format!(
                        "the service runs in {}; key the values by one of those regions or their roles",
                        regions
                            .service_codes()
                            .filter(|code| placed.contains(*code))
                            .map(|code| format!("`{code}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.report(
                    Diagnostic::new(
                        codes::E334,
                        key_path.clone(),
                        format!("`{key}` is not a region or role the service runs in"),
                    )
                    .with_help(help),
                );
            }
            for name in values.keys() {
                self.check_variable_name(&key_path.key(name), name);
                if service.secrets.contains_key(name) {
                    self.report(
                        Diagnostic::new(
                            codes::E322,
                            key_path.key(name),
                            format!("`{name}` is both an environment variable and a secret"),
                        )
                        .with_help("keep one of the two; ECS refuses duplicate names")
                        .with_related(path.key("secrets").key(name), "the secret"),
                    );
                }
            }
        }
    }
}
