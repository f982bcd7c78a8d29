//! View-model of `promote-replica-<region>.md`: one read replica, the writer it follows, what
//! points at the writer, the other replicas, the Global Datastore and the objectives.

use meridian_plan::{
    Attr, CacheRole, EndpointKind, Part, Plan, RegionPlan, Rid, StateMachinePlan, UnitId,
    WorkflowPurpose,
};
use serde::Serialize;

use crate::files;
use crate::lookup;
use crate::text::Word;

/// `promote-replica-<region>.md`.
#[derive(Debug, Serialize)]
pub(crate) struct PromoteView {
    /// Stack name.
    pub stack: Word,
    /// Region of the replica.
    pub region: Word,
    /// This runbook's file name.
    pub runbook_name: Word,
    /// Its role.
    pub role: Word,
    /// The replica's DB instance identifier.
    pub identifier: Word,
    /// Its instance class.
    pub instance_class: Word,
    /// The region's application stack.
    pub app_stack_name: Word,
    /// Output of that stack holding the replica's address, when it exports one.
    pub address_output: Option<Word>,
    /// The writer the replica follows.
    pub writer: WriterView,
    /// Recovery time objective, minutes.
    pub rto_minutes: Option<u32>,
    /// Recovery point objective, minutes.
    pub rpo_minutes: Option<u32>,
    /// The RPO in seconds, for comparing with `ReplicaLag`.
    pub rpo_seconds: Option<u32>,
    /// Seconds to wait for the promotion.
    pub promotion_timeout_seconds: u32,
    /// Seconds between probes while waiting.
    pub probe_interval_seconds: u32,
    /// Seconds of `ReplicaLag` history to inspect.
    pub lag_window_seconds: u32,
    /// Period of the `ReplicaLag` metric.
    pub metric_period_seconds: u32,
    /// Other read replicas, which keep following the old writer.
    pub other_replicas: Vec<ReplicaView>,
    /// Environment variables that hold the writer's address.
    pub writer_consumers: Vec<ConsumerView>,
    /// The Global Datastore, when this region holds one of its secondaries.
    pub cache: Option<CacheFailoverView>,
    /// The API's domain, when the stack has DNS.
    pub domain: Option<Word>,
    /// Whether failback is offered.
    pub failback_enabled: bool,
    /// Seconds the old primary must stay healthy before failback.
    pub failback_wait_seconds: u32,
    /// The failover workflow of this region, when the plan has one.
    pub workflow: Option<WorkflowView>,
    /// Name of the SSM parameter holding the writer's address in every service region, which
    /// tasks read when they start.
    pub writer_parameter: Option<Word>,
    /// Whether this region is the one the next failover promotes (`failover.target_region`, or
    /// the default), which the adopting edit must move elsewhere.
    pub retarget_failover: bool,
    /// Whether the stack's cache has a Global Datastore, whose primary stays in the primary
    /// region.
    pub global_datastore: bool,
}

/// The region's `Failover` state machine and what it reaches.
#[derive(Debug, Serialize)]
pub(crate) struct WorkflowView {
    /// Its name.
    pub state_machine_name: Word,
    /// The ARN partition.
    pub partition: Word,
    /// Whether the primary-region-down alarm starts it on its own (automatic mode, this region
    /// being the target).
    pub starts_automatically: bool,
    /// The region where that alarm and its forwarding rule live.
    pub alarm_region: Word,
    /// Regions whose adopt-writer workflow takes the moved writer, in plan order,
    /// comma-separated.
    pub adopt_regions: Word,
    /// The adopt-writer state machine's name (the same in every region).
    pub adopt_name: Word,
    /// Name of the SSM parameter holding the writer's address in every service region.
    pub writer_parameter: Option<Word>,
    /// Name of the SSM parameter holding the cache primary's endpoint.
    pub cache_parameter: Option<Word>,
}

/// The writer.
#[derive(Debug, Serialize)]
pub(crate) struct WriterView {
    /// Region.
    pub region: Word,
    /// DB instance identifier.
    pub identifier: Word,
    /// Its application stack.
    pub stack_name: Word,
    /// Backup retention, which the promoted instance should keep.
    pub backup_retention_days: u32,
    /// Backup window.
    pub backup_window: Word,
    /// Whether the writer is Multi-AZ (a promoted replica is not).
    pub multi_az: bool,
    /// Name of the master-credentials secret (its replica in the replica's region has the
    /// same name).
    pub secret_name: Word,
    /// Days between password rotations (the rotation function runs in `secret_region`).
    pub rotation_days: u32,
    /// The region holding the master secret and its rotation: the writer's, or the former
    /// writer's when the writer is itself an adopted promoted replica. The stack edit after a
    /// promotion names it as `promoted_from`.
    pub secret_region: Word,
}

/// Another replica.
#[derive(Debug, Serialize)]
pub(crate) struct ReplicaView {
    /// Region.
    pub region: Word,
    /// Identifier.
    pub identifier: Word,
}

/// Environment variables of one service that hold the writer's address.
#[derive(Debug, Serialize)]
pub(crate) struct ConsumerView {
    /// Region.
    pub region: Word,
    /// ECS service name.
    pub service_name: Word,
    /// The variables, comma-separated.
    pub variables: String,
}

/// Global Datastore failover to this region.
#[derive(Debug, Serialize)]
pub(crate) struct CacheFailoverView {
    /// The region of the current Global Datastore primary.
    pub primary_region: Word,
    /// The primary's application stack.
    pub primary_stack_name: Word,
    /// Output of that stack holding the Global Datastore ID, when it exports one.
    pub id_output: Option<Word>,
    /// The Global Datastore ID ends with `-<suffix>` (AWS adds a prefix).
    pub id_query: Word,
    /// This region's replication group, which becomes the primary.
    pub replication_group_id: Word,
}

/// Whether `text` refers to the `DbAddress` of `writer` in `writer_region`, directly (same unit)
/// or through another unit's output.
fn refers_to_writer(
    text: &meridian_plan::Text,
    writer: &Rid,
    writer_region: &str,
    here: &str,
) -> bool {
    text.parts().iter().any(|part| match part {
        Part::Attr(reference) => {
            here == writer_region
                && &reference.resource == writer
                && reference.attr == Attr::DbAddress
        }
        Part::Import(import) => {
            import.region == writer_region
                && &import.source.resource == writer
                && import.source.attr == Attr::DbAddress
        }
        _ => false,
    })
}

pub(crate) fn build_all(plan: &Plan) -> Vec<PromoteView> {
    let Some((writer_region, writer_database, writer_plan)) = lookup::writer(plan) else {
        return Vec::new();
    };
    let replicas = lookup::replicas(plan);
    let writer_stack = lookup::unit(plan, &UnitId::Region(writer_region.region.clone()))
        .map_or_else(String::new, |unit| unit.stack_name.clone());

    let writer_consumers: Vec<ConsumerView> = lookup::app_regions(plan)
        .flat_map(|(region, app)| {
            app.services.iter().filter_map(move |service| {
                let variables: Vec<&str> = service
                    .environment
                    .iter()
                    .filter(|(_, value)| {
                        refers_to_writer(
                            value,
                            &writer_database.rid,
                            &writer_region.region,
                            &region.region,
                        )
                    })
                    .map(|(name, _)| name.as_str())
                    .collect();
                (!variables.is_empty()).then(|| ConsumerView {
                    region: Word::new(&region.region),
                    service_name: Word::new(&service.service_name),
                    variables: variables.join(", "),
                })
            })
        })
        .collect();

    let datastore = lookup::global_datastore_primary(plan);

    replicas
        .iter()
        .map(|(region, database, _)| {
            let unit = lookup::unit(plan, &UnitId::Region(region.region.clone()));
            let cache = cache_failover(plan, region, datastore);
            PromoteView {
                stack: Word::new(&plan.stack),
                region: Word::new(&region.region),
                runbook_name: Word::new(files::promote_replica(&region.region)),
                role: Word::new(region.role.as_str()),
                identifier: Word::new(&database.identifier),
                instance_class: Word::new(&database.instance_class),
                app_stack_name: Word::new(unit.map_or("", |unit| unit.stack_name.as_str())),
                address_output: unit
                    .and_then(|unit| lookup::output_name(unit, &database.rid, Attr::DbAddress))
                    .map(Word::new),
                writer: WriterView {
                    region: Word::new(&writer_region.region),
                    identifier: Word::new(&writer_database.identifier),
                    stack_name: Word::new(&writer_stack),
                    backup_retention_days: writer_plan.backup_retention_days,
                    backup_window: Word::new(writer_plan.backup_window),
                    multi_az: writer_plan.multi_az,
                    secret_name: Word::new(&writer_plan.secret.name),
                    rotation_days: writer_plan.rotation.days,
                    secret_region: Word::new(
                        writer_plan
                            .promoted_from
                            .unwrap_or(writer_region.region.as_str()),
                    ),
                },
                rto_minutes: plan.objectives.rto_minutes,
                rpo_minutes: plan.objectives.rpo_minutes,
                rpo_seconds: plan.operations.rpo_seconds,
                promotion_timeout_seconds: plan.operations.promotion_timeout_seconds,
                probe_interval_seconds: plan.operations.promotion_probe_interval_seconds,
                lag_window_seconds: plan.operations.lag_window_seconds,
                metric_period_seconds: plan.operations.rds_metric_period_seconds,
                other_replicas: replicas
                    .iter()
                    .filter(|(other, _, _)| other.region != region.region)
                    .map(|(other, other_database, _)| ReplicaView {
                        region: Word::new(&other.region),
                        identifier: Word::new(&other_database.identifier),
                    })
                    .collect(),
                writer_consumers: writer_consumers
                    .iter()
                    .map(|consumer| ConsumerView {
                        region: consumer.region.clone(),
                        service_name: consumer.service_name.clone(),
                        variables: consumer.variables.clone(),
                    })
                    .collect(),
                cache,
                domain: plan.operations.domain.as_ref().map(Word::new),
                failback_enabled: plan.operations.failback_enabled,
                failback_wait_seconds: plan.operations.failback_wait_seconds,
                workflow: workflow(plan, region),
                writer_parameter: endpoint_parameter(region, EndpointKind::WriterAddress),
                retarget_failover: plan.operations.failover_target_region.as_ref()
                    == Some(&region.region),
                global_datastore: datastore.is_some(),
            }
        })
        .collect()
}

/// The name of the endpoint parameter of `kind` in `region`.
fn endpoint_parameter(region: &RegionPlan, kind: EndpointKind) -> Option<Word> {
    region.app.as_ref().and_then(|app| {
        app.endpoints
            .iter()
            .find(|endpoint| endpoint.kind == kind)
            .map(|endpoint| Word::new(&endpoint.name))
    })
}

/// The failover workflow of `region`, when it has one.
fn workflow(plan: &Plan, region: &RegionPlan) -> Option<WorkflowView> {
    let failover = region.app.as_ref()?.failover.as_ref()?;
    let machine = failover
        .state_machines
        .iter()
        .find(|machine| machine.purpose == WorkflowPurpose::Failover)?;
    let adopting: Vec<(&RegionPlan, &StateMachinePlan)> = plan
        .regions
        .iter()
        .filter_map(|candidate| {
            let app = candidate.app.as_ref()?;
            let adopt = app
                .failover
                .as_ref()?
                .state_machines
                .iter()
                .find(|machine| machine.purpose == WorkflowPurpose::AdoptWriter)?;
            Some((candidate, adopt))
        })
        .collect();
    let parameter = |kind: EndpointKind| endpoint_parameter(region, kind);
    Some(WorkflowView {
        state_machine_name: Word::new(&machine.name),
        partition: Word::new(&plan.partition),
        starts_automatically: plan.operations.failover_automatic
            && plan.operations.failover_target_region.as_ref() == Some(&region.region),
        alarm_region: Word::new(&plan.global_region),
        adopt_regions: Word::new(
            adopting
                .iter()
                .map(|(candidate, _)| candidate.region.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        adopt_name: Word::new(
            adopting
                .first()
                .map_or("", |(_, adopt)| adopt.name.as_str()),
        ),
        writer_parameter: parameter(EndpointKind::WriterAddress),
        cache_parameter: parameter(EndpointKind::CachePrimary),
    })
}

fn cache_failover(
    plan: &Plan,
    region: &RegionPlan,
    datastore: Option<(
        &RegionPlan,
        &meridian_plan::CachePlan,
        &meridian_plan::GlobalDatastorePlan,
    )>,
) -> Option<CacheFailoverView> {
    let (primary_region, primary_cache, global) = datastore?;
    let cache = region.app.as_ref()?.cache.as_ref()?;
    if !matches!(cache.role, CacheRole::Secondary { .. }) {
        return None;
    }
    let primary_unit = lookup::unit(plan, &UnitId::Region(primary_region.region.clone()));
    Some(CacheFailoverView {
        primary_region: Word::new(&primary_region.region),
        primary_stack_name: Word::new(primary_unit.map_or("", |unit| unit.stack_name.as_str())),
        id_output: primary_unit
            .and_then(|unit| {
                lookup::output_name(unit, &global.rid, Attr::GlobalReplicationGroupId)
            })
            .map(Word::new),
        id_query: Word::new(format!(
            "GlobalReplicationGroups[?ends_with(GlobalReplicationGroupId, '-{}')] | [0].GlobalReplicationGroupId",
            global.suffix
        )),
        replication_group_id: Word::new(&cache.replication_group_id),
    })
    .filter(|_| primary_cache.replication_group_id != cache.replication_group_id)
}
