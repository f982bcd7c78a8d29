//! Resolution: stack model → [`Plan`], checking every rule on the way and collecting all
//! diagnostics in one pass. Each submodule resolves one concept and owns its rules (codes in
//! `meridian_model::codes`); [`Resolver`] holds only what every area shares: the stack, the
//! diagnostics, the registries of identities, parameters and cross-unit wiring. What one area
//! resolves and a later one needs is returned and passed on explicitly in `run`.

mod alerting;
mod alerts;
mod cache;
mod cdn;
mod dashboards;
mod database;
mod deployment;
mod dns;
mod global;
mod ids;
mod load_balancer;
mod network;
mod operations;
mod parameters;
mod references;
mod regions;
mod renames;
mod replication;
mod secrets;
mod security_groups;
mod services;
mod stack;
mod storage;
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
pub(crate) use global::*;
#[allow(unused_imports)]
pub(crate) use ids::*;
#[allow(unused_imports)]
pub(crate) use load_balancer::*;
#[allow(unused_imports)]
pub(crate) use network::*;
#[allow(unused_imports)]
pub(crate) use operations::*;
#[allow(unused_imports)]
pub(crate) use parameters::*;
#[allow(unused_imports)]
pub(crate) use references::*;
#[allow(unused_imports)]
pub(crate) use regions::*;
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

use std::collections::{BTreeMap, BTreeSet};

use meridian_model::{Diagnostic, Stack, StackPath};

use crate::ids::{Rid, UnitId};
use crate::naming::PhysicalNames;
use crate::types::{EntityKind, Plan, TfMove};
use crate::value::Attr;

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
    let mut resolver = Resolver::new(stack);
    let plan = resolver.run();
    let has_errors = resolver.diagnostics.iter().any(Diagnostic::is_error);
    Planned {
        plan: if has_errors { None } else { Some(plan) },
        diagnostics: resolver.diagnostics,
    }
}

pub(crate) struct Resolver<'a> {
    pub stack: &'a Stack,
    pub names: PhysicalNames<'a>,
    pub diagnostics: Vec<Diagnostic>,
    /// Logical IDs per unit, with the place that caused each.
    ids: BTreeMap<UnitId, BTreeMap<String, StackPath>>,
    /// Terraform names across the whole module, with their unit and the place that caused each.
    tf_ids: BTreeMap<String, (UnitId, StackPath)>,
    params: BTreeMap<String, ParamInfo>,
    /// Outputs per unit, by name.
    pub outputs: BTreeMap<UnitId, BTreeMap<String, crate::types::Output>>,
    /// Producers each unit consumes.
    pub dependencies: BTreeMap<UnitId, BTreeSet<UnitId>>,
    /// Outputs each unit consumes.
    pub consumed: BTreeMap<UnitId, BTreeSet<(UnitId, String)>>,
    /// Parameters each unit declares.
    pub unit_params: BTreeMap<UnitId, BTreeSet<String>>,
    /// Facts resolved early and needed by later areas.
    pub facts: Facts,
    /// Replication targets slower than Replication Time Control, alarmed in the source region.
    pub replication_watches: Vec<ReplicationWatch>,
    /// Storage units' regions in deploy order.
    pub storage_order: Vec<String>,
    /// Validated notification targets.
    pub targets: Vec<Target>,
    /// Valid renames: (kind, current name) → former name.
    renamed: BTreeMap<(EntityKind, String), String>,
    /// What each renamed entity's resources are called, by (kind, current name).
    rename_records: BTreeMap<(EntityKind, String), RenameRecord>,
}

/// The resources of a renamed entity, collected as they are named.
#[derive(Debug, Default)]
struct RenameRecord {
    from: String,
    logical_ids: BTreeMap<UnitId, BTreeSet<String>>,
    moves: BTreeSet<TfMove>,
}

/// Facts one area resolves and later areas read.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Valid service regions in declared order, with their roles.
    pub service_regions: Vec<(String, crate::types::RegionRole)>,
    /// The primary region, once known.
    pub primary: Option<String>,
    /// The partition.
    pub partition: String,
    /// Data key per region.
    pub data_keys: BTreeMap<String, Rid>,
    /// Regions that have a database instance, and its rid.
    pub database: BTreeMap<String, Rid>,
    /// Writer rid.
    pub writer: Option<Rid>,
    /// Master secret rid (in the primary region).
    pub database_secret: Option<Rid>,
    /// Cache per region: rid and endpoint attribute.
    pub cache: BTreeMap<String, (Rid, Attr)>,
    /// Cache AUTH secret: rid and the region it was created in, per region that uses it.
    pub cache_secret: BTreeMap<String, (Rid, String)>,
    /// Load balancer per region.
    pub load_balancers: BTreeMap<String, Rid>,
    /// Buckets by entity name: region and rid.
    pub buckets: BTreeMap<String, (String, Rid)>,
    /// Service names that physical names derive from: a renamed service's former name.
    pub services: BTreeSet<String>,
    /// Whether the database has read replicas.
    pub has_replicas: bool,
}

impl<'a> Resolver<'a> {
    fn new(stack: &'a Stack) -> Self {
        Self {
            stack,
            names: PhysicalNames {
                stack: &stack.stack,
            },
            diagnostics: Vec::new(),
            ids: BTreeMap::new(),
            tf_ids: BTreeMap::new(),
            params: BTreeMap::new(),
            outputs: BTreeMap::new(),
            dependencies: BTreeMap::new(),
            consumed: BTreeMap::new(),
            unit_params: BTreeMap::new(),
            facts: Facts {
                partition: "aws".to_owned(),
                ..Facts::default()
            },
            replication_watches: Vec::new(),
            storage_order: Vec::new(),
            targets: Vec::new(),
            renamed: BTreeMap::new(),
            rename_records: BTreeMap::new(),
        }
    }

    fn run(&mut self) -> Plan {
        self.check_stack_name();
        self.check_objectives();
        self.check_renames();
        let regions = self.resolve_regions();
        let mut storage = self.resolve_storage(&regions);
        let mut apps = self.resolve_networks(&regions);
        self.resolve_database(&regions, &mut apps);
        self.resolve_cache(&regions, &mut apps);
        let targets = self.resolve_notification_targets();
        self.resolve_topics(&targets, &mut apps);
        self.resolve_load_balancers(&regions, &mut apps);
        self.resolve_services(&regions, &mut apps);
        self.resolve_replication_alarms(&mut storage, &mut apps);
        self.resolve_regional_alerts(&regions, &mut apps);
        let global = self.resolve_global(&regions, &targets);
        self.check_parameter_declarations();
        self.finish(regions, storage, apps, global)
    }

    /// Records a diagnostic, once: values resolved for every region would otherwise repeat the
    /// same finding per region.
    pub fn report(&mut self, diagnostic: Diagnostic) {
        let repeated = self.diagnostics.iter().any(|seen| {
            seen.code == diagnostic.code
                && seen.path == diagnostic.path
                && seen.message == diagnostic.message
        });
        if !repeated {
            self.diagnostics.push(diagnostic);
        }
    }
}
