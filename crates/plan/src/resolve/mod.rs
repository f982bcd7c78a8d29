//! Resolution: stack model → [`Plan`], checking every rule on the way and collecting all
//! diagnostics in one pass. Each submodule resolves one concept and owns its rules (codes in
//! `meridian_model::codes`); [`Resolver`] holds only what every area shares: the stack, the
//! diagnostics, the registries of identities, parameters and cross-unit wiring. What one area
//! resolves and a later one needs is returned and passed on explicitly in `run`.

mod accelerator;
mod alerting;
mod alerts;
mod app_config;
mod cache;
mod cdn;
mod dashboards;
mod database;
mod deployment;
mod dns;
mod failover;
mod global;
mod ids;
mod links;
mod load_balancer;
mod metric_alerts;
mod names;
mod network;
mod operations;
mod overrides;
mod parameters;
mod placement;
mod references;
mod regions;
mod renames;
mod replica_settings;
mod replication;
mod secrets;
mod security_groups;
mod services;
mod split;
mod stack;
mod storage;
mod terraform;
mod text;
mod topology;
mod wiring;

#[allow(unused_imports)]
pub(crate) use alerting::*;
#[allow(unused_imports)]
pub(crate) use alerts::*;
#[allow(unused_imports)]
pub(crate) use cache::*;
#[allow(unused_imports)]
pub(crate) use cdn::*;
#[allow(unused_imports)]
pub(crate) use dashboards::*;
#[allow(unused_imports)]
pub(crate) use database::*;
#[allow(unused_imports)]
pub(crate) use deployment::*;
#[allow(unused_imports)]
pub(crate) use dns::*;
#[allow(unused_imports)]
pub(crate) use failover::*;
#[allow(unused_imports)]
pub(crate) use global::*;
#[allow(unused_imports)]
pub(crate) use ids::*;
#[allow(unused_imports)]
pub(crate) use links::*;
#[allow(unused_imports)]
pub(crate) use load_balancer::*;
#[allow(unused_imports)]
pub(crate) use metric_alerts::*;
#[allow(unused_imports)]
pub(crate) use network::*;
#[allow(unused_imports)]
pub(crate) use operations::*;
#[allow(unused_imports)]
pub(crate) use parameters::*;
#[allow(unused_imports)]
pub(crate) use placement::*;
#[allow(unused_imports)]
pub(crate) use references::*;
#[allow(unused_imports)]
pub(crate) use regions::*;
#[allow(unused_imports)]
pub(crate) use replica_settings::*;
#[allow(unused_imports)]
pub(crate) use replication::*;
#[allow(unused_imports)]
pub(crate) use secrets::*;
#[allow(unused_imports)]
pub(crate) use security_groups::*;
#[allow(unused_imports)]
pub(crate) use services::*;
#[allow(unused_imports)]
pub(crate) use stack::*;
#[allow(unused_imports)]
pub(crate) use storage::*;
#[allow(unused_imports)]
pub(crate) use text::*;
#[allow(unused_imports)]
pub(crate) use topology::*;
#[allow(unused_imports)]
pub(crate) use wiring::*;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use meridian_model::{Code, Diagnostic, Stack, StackPath, codes};

use crate::ids::{LogicalId, RegionCode, Rid, UnitId};
use crate::naming::PhysicalNames;
use crate::types::{EntityKind, Plan, TfMove};
use meridian_model::fast_hash::FastHashMap;

/// The result of planning: the plan (when there is no error) and every diagnostic.
#[derive(Debug)]
pub struct Planned {
    /// The plan, absent when any diagnostic is an error.
    pub plan: Option<Plan>,
    /// Errors and warnings, in the order the rules found them.
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves and checks a stack.
pub fn plan(stack: &Stack) -> Planned {
    // An environment's stack is the file's under the environment's name (`rail-backend-staging`):
    // every stack and physical name derives from it, so environments share an account.
    let named;
    let stack = match &stack.environment {
        Some(environment) => {
            named = Stack {
                stack: crate::naming::environment_stack(&stack.stack, environment),
                ..stack.clone()
            };
            &named
        }
        None => stack,
    };
    // See `split.rs`: a region over budget is resolved again with each service in a unit of its
    // own, which measures them, and then with the services grouped. A stack with so many services
    // that it cannot fit is measured at once; either way the grouping, and so the plan, is the
    // same (an empty grouping keeps every service in its region's unit).
    let mut resolver = Resolver::new(stack);
    if split::surely_over_budget(stack) {
        resolver.grouping = split::Grouping::Apart;
    }
    let mut plan = resolver.run();
    if resolver.measuring() || resolver.over_budget() {
        // Only the grouping outlives the measurement: the ungrouped plan, what the measurement
        // resolved and its registries are dropped before the grouped resolution, so that one
        // resolution's data is alive at a time. (Freeing them on the idle second core instead
        // cost more than it saved: 60 M instructions there at 20 x 50 for 17 M fewer here, since
        // blocks freed by another thread come back to this one's allocator late.)
        if !resolver.measuring() {
            drop(plan);
            resolver = Resolver::new(stack);
            resolver.grouping = split::Grouping::Apart;
            plan = resolver.run();
        }
        drop(plan);
        let grouping = resolver.decided_grouping();
        resolver = Resolver::new(stack);
        resolver.grouping = grouping;
        plan = resolver.run();
    }
    let Some(plan) = plan else {
        crate::bug(format_args!("a decided grouping gave no plan"));
    };
    let diagnostics = without_region_cascades(resolver.diagnostics, &resolver.misspelt_regions);
    let (diagnostics, acknowledged) = acknowledge(stack, diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Planned {
        plan: if has_errors {
            None
        } else {
            Some(Plan {
                acknowledged,
                ..plan
            })
        },
        diagnostics,
    }
}

/// Takes the warnings the stack acknowledges out of `diagnostics`, with their reasons, and
/// reports (E108) an acknowledgement without a reason, of a code that is not a warning, or that
/// matches no warning: a stale acknowledgement would otherwise hide the next warning at its
/// path unnoticed.
fn acknowledge(
    stack: &Stack,
    diagnostics: Vec<Diagnostic>,
) -> (Vec<Diagnostic>, Vec<crate::types::Acknowledged>) {
    if stack.acknowledge.is_empty() {
        return (diagnostics, Vec::new());
    }
    let mut used = vec![false; stack.acknowledge.len()];
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut acknowledged = Vec::new();
    for diagnostic in diagnostics {
        let path = diagnostic.path.to_string();
        let found = stack.acknowledge.iter().position(|entry| {
            !diagnostic.is_error()
                && entry.code == diagnostic.code.id()
                && entry.path == path
                && !entry.reason.trim().is_empty()
        });
        match found {
            Some(index) => {
                used[index] = true;
                acknowledged.push(crate::types::Acknowledged {
                    code: diagnostic.code,
                    path,
                    message: diagnostic.message.clone(),
                    reason: stack.acknowledge[index].reason.clone(),
                });
            }
            None => kept.push(diagnostic),
        }
    }
    let warnings: Vec<String> = kept
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| format!("{} at `{}`", d.code, d.path))
        .collect();
    for (index, entry) in stack.acknowledge.iter().enumerate() {
        let path = StackPath::root().key("acknowledge").index(index);
        let is_warning = Code::find(&entry.code)
            .is_some_and(|code| code.severity() == meridian_model::Severity::Warning);
        let (at, message, help) = if !is_warning {
            (
                path.key("code"),
                format!(
                    "`{}` is not a warning code; only warnings can be acknowledged",
                    entry.code
                ),
                "errors stop synthesis and must be fixed; write the `W` code a warning reports"
                    .to_owned(),
            )
        } else if entry.reason.trim().is_empty() {
            (
                path.key("reason"),
                format!(
                    "the acknowledgement of {} at `{}` gives no reason",
                    entry.code, entry.path
                ),
                "say why the warning is accepted; `meridian plan` shows the reason to reviewers"
                    .to_owned(),
            )
        } else if !used[index] {
            (
                path.key("path"),
                format!("no {} warning is reported at `{}`", entry.code, entry.path),
                if warnings.is_empty() {
                    "the stack has no other warning: remove the acknowledgement".to_owned()
                } else {
                    format!(
                        "warnings reported now: {}; remove the acknowledgement or correct its path",
                        warnings.join(", ")
                    )
                },
            )
        } else {
            continue;
        };
        kept.push(Diagnostic::new(codes::E108, at, message).with_help(help));
    }
    (kept, acknowledged)
}

/// Rules that report something absent (a component, a region's cache, a use of a parameter):
/// with a region code left out of the plan, what they find absent may only be the typo's
/// consequence.
const ABSENCE_RULES: &[Code] = &[
    codes::E325,
    codes::E326,
    codes::E404,
    codes::E428,
    codes::E433,
    codes::E513,
    codes::E709,
    codes::E724,
    codes::E802,
    codes::E970,
    codes::W401,
    codes::W421,
];

/// `diagnostics` without the ones that follow from a misspelt region code (E101). A region
/// code that is not one is left out of the plan, and so is what depends on it (a cache whose
/// target region is undeclared is not planned), so later rules see a stack without them: the
/// region its author meant has no database, no cache or no service, and rules report what is
/// only the typo's consequence (a cache reference "in a region without a cache", sizing
/// "without effect", a parameter "never used"). Those findings are dropped: the ones of the
/// rules that report an absence ([`ABSENCE_RULES`]), and any that names the typo or the region
/// meant (the E101's suggestion). With one misspelt code, one error is reported; the rest of
/// the stack is checked again once it is fixed.
fn without_region_cascades(
    diagnostics: Vec<Diagnostic>,
    misspelt: &[(String, Option<&'static str>)],
) -> Vec<Diagnostic> {
    if misspelt.is_empty() {
        return diagnostics;
    }
    let names: Vec<String> = misspelt
        .iter()
        .flat_map(|(typo, meant)| std::iter::once(typo.as_str()).chain(*meant))
        .map(|code| format!("`{code}`"))
        .collect();
    diagnostics
        .into_iter()
        .filter(|diagnostic| {
            let unused_parameter =
                diagnostic.code == codes::E802 && diagnostic.message.contains("never used");
            let absence = unused_parameter
                || (diagnostic.code != codes::E802 && ABSENCE_RULES.contains(&diagnostic.code));
            diagnostic.code == codes::E101
                || !(absence
                    || names
                        .iter()
                        .any(|name| diagnostic.message.contains(name.as_str())))
        })
        .collect()
}

/// What every area shares: the stack, the diagnostics, and the registries each area writes to as
/// it names resources (identities), uses parameters and wires units together. Nothing an area
/// resolves for another lives here: it is returned by the area and passed on in [`Resolver::run`],
/// so the order of `run` is the order of the data.
pub(crate) struct Resolver<'a> {
    pub stack: &'a Stack,
    pub names: PhysicalNames<'a>,
    /// The stack's ARN partition (`aws` unless all its regions are in another).
    pub partition: String,
    pub diagnostics: Vec<Diagnostic>,
    /// Logical IDs per unit (a services unit's under its region's application unit), with the
    /// place that caused each.
    /// Only looked up and counted, never listed: hashed, as tens of thousands of IDs sharing
    /// long prefixes made ordered maps compare strings for a tenth of the plan's time.
    ids: FastHashMap<UnitId, Namespace>,
    /// The logical IDs of an application unit's namespace that belong to one of its services
    /// units, and which. Looked up and counted while resolving; ordered once, for the plan.
    placement: FastHashMap<UnitId, FastHashMap<LogicalId, UnitId>>,
    /// Where each region's services go.
    grouping: split::Grouping,
    /// Each service's position in the stack file (the first, for a name used twice): a measuring
    /// resolution numbers services units by it.
    service_positions: FastHashMap<&'a str, usize>,
    /// The stack's own text each unit's container definitions carry, in bytes (split.rs).
    text_bytes: BTreeMap<UnitId, usize>,
    /// Terraform names across the whole module, with the namespace (its index) and the place of
    /// the first resource that derived each: no unit or ID copied for each of tens of thousands.
    tf_ids: FastHashMap<String, (usize, StackPath)>,
    params: BTreeMap<String, ParamInfo>,
    /// Outputs per unit, by name.
    pub outputs: BTreeMap<UnitId, BTreeMap<String, crate::types::Output>>,
    /// Producers each unit consumes.
    pub dependencies: BTreeMap<UnitId, BTreeSet<UnitId>>,
    /// Outputs each unit consumes.
    pub consumed: BTreeMap<UnitId, BTreeSet<(UnitId, String)>>,
    /// Parameters each unit declares.
    pub unit_params: BTreeMap<UnitId, BTreeSet<String>>,
    /// Valid renames: (kind, current name) → former name.
    renamed: BTreeMap<(EntityKind, String), String>,
    /// What each renamed entity's resources are called, by (kind, current name).
    rename_records: BTreeMap<(EntityKind, String), RenameRecord>,
    /// (code, path, message) of every diagnostic reported, so that a repeat is found in constant
    /// time: a stack with 45,000 mistakes is reported in linear time, not quadratic.
    reported: HashSet<(Code, StackPath, String)>,
    /// Region codes refused with E101, with the region suggested instead: findings that follow
    /// from them are dropped (see `without_region_cascades`).
    pub(crate) misspelt_regions: Vec<(String, Option<&'static str>)>,
}

/// The logical IDs of one namespace (the resolver's `ids`), with the place that caused each.
#[derive(Debug, Default)]
struct Namespace {
    /// The namespace's position among the namespaces, in the order they were first met.
    index: usize,
    ids: FastHashMap<LogicalId, StackPath>,
}

/// The resources of a renamed entity, collected as they are named.
#[derive(Debug, Default)]
struct RenameRecord {
    from: String,
    logical_ids: BTreeMap<UnitId, BTreeSet<LogicalId>>,
    moves: BTreeSet<TfMove>,
}

/// The partition of the stack's regions: the first of their partitions in name order, `aws` when
/// none is a known region (E101 says so). Regions in two partitions are E104.
/// `1 to 35`: a range as the diagnostics word it.
pub(crate) fn range_text<T: std::fmt::Display>(range: &std::ops::RangeInclusive<T>) -> String {
    format!("{} to {}", range.start(), range.end())
}

fn stack_partition(stack: &Stack) -> String {
    stack
        .regions
        .iter()
        .map(|region| region.code.as_str())
        .chain(stack.buckets.iter().map(|bucket| bucket.region.as_str()))
        .filter_map(|code| crate::aws::region_info(code).map(|info| info.partition))
        .min()
        .unwrap_or("aws")
        .to_owned()
}

impl<'a> Resolver<'a> {
    fn new(stack: &'a Stack) -> Self {
        Self {
            stack,
            names: PhysicalNames {
                stack: &stack.stack,
                file: stack,
            },
            partition: stack_partition(stack),
            diagnostics: Vec::new(),
            ids: FastHashMap::default(),
            placement: FastHashMap::default(),
            grouping: split::Grouping::Together,
            service_positions: stack
                .services
                .iter()
                .enumerate()
                .rev()
                .map(|(index, service)| (service.name.as_str(), index))
                .collect(),
            text_bytes: BTreeMap::new(),
            tf_ids: FastHashMap::default(),
            params: BTreeMap::new(),
            outputs: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            consumed: BTreeMap::new(),
            unit_params: BTreeMap::new(),
            renamed: BTreeMap::new(),
            rename_records: BTreeMap::new(),
            reported: HashSet::new(),
            misspelt_regions: Vec::new(),
        }
    }

    /// Every area in the order its inputs are known; each takes what earlier areas returned.
    /// Resolves every area and assembles the plan; `None` for a measuring resolution
    /// ([`split::Grouping::Apart`]), whose plan would be discarded.
    fn run(&mut self) -> Option<Plan> {
        // A measuring resolution skips the checks that only report: its findings are discarded.
        let measuring = self.measuring();
        if !measuring {
            self.check_stack_name();
            self.check_tags();
            self.check_objectives();
        }
        self.check_renames();
        if !measuring {
            self.check_physical_names();
        }
        let regions = self.resolve_regions();
        let storage = self.resolve_storage(&regions);
        let mut apps = self.resolve_networks(&regions);
        let database = self.resolve_database(&regions, &mut apps);
        let cache = self.resolve_cache(&regions, &mut apps);
        let targets = self.resolve_notification_targets();
        self.resolve_topics(&targets, &mut apps);
        let placement = self.resolve_placement(&regions);
        let load_balancers = self.resolve_load_balancers(&regions, &placement, &mut apps);
        let endpoints = self.resolve_endpoints(&regions, &database, &mut apps);
        let references = References {
            regions: &regions,
            database: &database,
            cache: &cache,
            buckets: &storage.buckets,
            endpoints: &endpoints,
        };
        let service_inputs = ServiceInputs {
            references: &references,
            targets: &targets,
            placement: &placement,
        };
        let services = self.resolve_services(&regions, &service_inputs, &mut apps);
        let links = self.resolve_links(&regions, &mut apps);
        if !measuring {
            self.check_security_group_quotas(&regions, &apps);
            self.check_connection_pools(&apps);
        }
        self.resolve_replication_alarms(&storage.watches, &targets, &mut apps);
        self.resolve_regional_alerts(&regions, &targets, &mut apps);
        let trigger = self.failover_trigger();
        self.resolve_failover(&regions, &trigger, &mut apps);
        let routed = Routed {
            load_balancers: &load_balancers,
            database: &database,
            services: &services,
        };
        let mut global = self.resolve_global(&regions, &targets, &routed);
        self.resolve_failover_forward(&trigger, &mut global);
        let accelerator = self.resolve_accelerator(&regions, &apps);
        if measuring {
            // A measuring resolution: only the registries it filled are read (split.rs), so the
            // plan is not assembled (at 20 regions of 50 services that was a tenth of the
            // measurement, deploy order and dependencies of a thousand one-service units).
            return None;
        }
        self.check_parameter_declarations();
        Some(self.finish(regions, storage, apps, links, (global, accelerator)))
    }

    /// Records a diagnostic, once: values resolved for every region would otherwise repeat the
    /// same finding per region.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        let key = (
            diagnostic.code,
            diagnostic.path.clone(),
            diagnostic.message.clone(),
        );
        if self.reported.insert(key) {
            self.diagnostics.push(diagnostic);
        }
    }
}
