//! Questions the view-model builders ask of the plan (which output holds an attribute, where the
//! writer is). Read-only; nothing here is rendered.

use meridian_plan::{
    AppPlan, Attr, CacheRole, DatabasePlan, DatabaseRole, Plan, RegionPlan, Rid, RotationPlan,
    SecretPlan, Unit, UnitId,
};

/// The unit with `id`.
pub(crate) fn unit<'plan>(plan: &'plan Plan, id: &UnitId) -> Option<&'plan Unit> {
    plan.units.iter().find(|unit| &unit.id == id)
}

/// The name of the output of `unit` that holds `attr` of `resource`, when the unit exports it.
pub(crate) fn output_name<'plan>(
    unit: &'plan Unit,
    resource: &Rid,
    attr: Attr,
) -> Option<&'plan str> {
    unit.outputs
        .iter()
        .find(|output| {
            output
                .value
                .as_attr()
                .is_some_and(|reference| &reference.resource == resource && reference.attr == attr)
        })
        .map(|output| output.name.as_str())
}

/// Regions that run an application unit, in plan order.
pub(crate) fn app_regions(plan: &Plan) -> impl Iterator<Item = (&RegionPlan, &AppPlan)> {
    plan.regions
        .iter()
        .filter_map(|region| region.app.as_ref().map(|app| (region, app)))
}

/// What runbooks tell of the writer, created in its region or adopted after a promotion.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WriterSettings<'plan> {
    /// Backups.
    pub backup_retention_days: u32,
    /// Backup window.
    pub backup_window: &'plan str,
    /// Multi-AZ.
    pub multi_az: bool,
    /// The master credentials.
    pub secret: &'plan SecretPlan,
    /// Their rotation.
    pub rotation: &'plan RotationPlan,
    /// The former writer's region, when the writer is an adopted promoted replica.
    pub promoted_from: Option<&'plan str>,
}

/// The database writer: its region, instance and writer settings.
pub(crate) fn writer(plan: &Plan) -> Option<(&RegionPlan, &DatabasePlan, WriterSettings<'_>)> {
    app_regions(plan).find_map(|(region, app)| {
        let database = app.database.as_ref()?;
        match &database.role {
            DatabaseRole::Writer(writer) => Some((
                region,
                database,
                WriterSettings {
                    backup_retention_days: writer.backup_retention_days,
                    backup_window: &writer.backup_window,
                    multi_az: writer.multi_az,
                    secret: &writer.secret,
                    rotation: &writer.rotation,
                    promoted_from: None,
                },
            )),
            DatabaseRole::Promoted(promoted) => {
                let credentials =
                    app_regions(plan).find_map(|(_, app)| app.adopted_credentials.as_deref())?;
                Some((
                    region,
                    database,
                    WriterSettings {
                        backup_retention_days: promoted.backup_retention_days,
                        backup_window: &promoted.backup_window,
                        multi_az: promoted.multi_az,
                        secret: &credentials.secret,
                        rotation: &credentials.rotation,
                        promoted_from: Some(promoted.source_region.as_str()),
                    },
                ))
            }
            DatabaseRole::Replica(_) => None,
        }
    })
}

/// Read replicas with their regions, in plan order.
pub(crate) fn replicas(
    plan: &Plan,
) -> Vec<(&RegionPlan, &DatabasePlan, &meridian_plan::ReplicaPlan)> {
    app_regions(plan)
        .filter_map(|(region, app)| {
            let database = app.database.as_ref()?;
            match &database.role {
                DatabaseRole::Replica(replica) => Some((region, database, replica)),
                DatabaseRole::Writer(_) | DatabaseRole::Promoted(_) => None,
            }
        })
        .collect()
}

/// The region whose cache is the Global Datastore primary, with the primary's settings.
pub(crate) fn global_datastore_primary(
    plan: &Plan,
) -> Option<(
    &RegionPlan,
    &meridian_plan::CachePlan,
    &meridian_plan::GlobalDatastorePlan,
)> {
    app_regions(plan).find_map(|(region, app)| {
        let cache = app.cache.as_ref()?;
        match &cache.role {
            CacheRole::Primary(primary) => primary
                .global
                .as_ref()
                .map(|global| (region, cache, global)),
            CacheRole::Secondary { .. } => None,
        }
    })
}
