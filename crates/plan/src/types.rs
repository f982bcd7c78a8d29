//! The resolved, target-neutral deployment: what exists in which region and unit, with every
//! default applied, every name derived and every cross-region link typed. Emitters translate
//! these structs; they do not decide anything these structs could say.

use std::collections::BTreeMap;

use meridian_model::StackPath;

use crate::ids::{LogicalId, RegionCode, Rid, UnitId};
use crate::value::Text;

/// The whole deployment of one stack file.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Stack name.
    pub stack: String,
    /// One-line description.
    pub description: String,
    /// Tags for every taggable resource, `meridian:stack` included.
    pub tags: BTreeMap<String, String>,
    /// Recovery objectives.
    pub objectives: Objectives,
    /// The primary region.
    pub primary_region: RegionCode,
    /// Where global resources deploy.
    pub global_region: RegionCode,
    /// ARN partition of every region.
    pub partition: String,
    /// Deploy-time parameters, sorted by name.
    pub parameters: Vec<Parameter>,
    /// Deployment units in the order they deploy.
    pub units: Vec<Unit>,
    /// Regions: service regions in declared order, then storage-only regions.
    pub regions: Vec<RegionPlan>,
    /// Global resources, when there are any.
    pub global: Option<GlobalPlan>,
    /// The Global Accelerator, when the stack asks for one.
    pub accelerator: Option<AcceleratorPlan>,
    /// Settings runbooks need.
    pub operations: Operations,
    /// Entities renamed with `renamed_from`, services then buckets, each sorted by name: their
    /// resources keep the former name's logical IDs and physical names, while Terraform names
    /// follow the new name and move in state.
    pub renames: Vec<Rename>,
    /// Warnings the stack acknowledges (`acknowledge:`), with their reasons, in the order the
    /// rules found them.
    pub acknowledged: Vec<Acknowledged>,
    /// Where Terraform keeps the module's state; `None`: no backend block (a local state file).
    pub terraform_backend: Option<TerraformBackendPlan>,
    /// The application's configuration per service region (the seed's `configs/config.yaml`),
    /// in declared order; empty when the stack has no database and no cache.
    pub app_configs: Vec<AppConfigPlan>,
    /// The stack's escape hatches, in the order written: CloudFormation's, then Terraform's.
    /// Each emitter applies its target's after everything else; `overrides::check` holds them
    /// against what the emitters write before anything is.
    pub overrides: Vec<OverridePlan>,
}

impl Plan {
    /// The regions that run services (an application unit with at least one service), in
    /// deploy order.
    pub fn service_regions(&self) -> impl Iterator<Item = &RegionPlan> {
        self.regions.iter().filter(|region| {
            region
                .app
                .as_ref()
                .is_some_and(|app| !app.services.is_empty())
        })
    }
}

/// A value of the application's configuration that only exists once the stacks are deployed,
/// named where the service (or its deploy step) reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeployTimeValue {
    /// An SSM parameter in the configuration's region, which a failover rewrites.
    Parameter {
        /// Its name, e.g. `/rail-backend/database/writer-address`.
        name: String,
    },
    /// An output of a unit: a CloudFormation stack output, and the Terraform output with the
    /// same value.
    Output {
        /// The CloudFormation stack.
        stack_name: String,
        /// Its region.
        region: RegionCode,
        /// The CloudFormation output's name.
        output: String,
        /// The Terraform root module's output name.
        tf_output: String,
    },
}

/// The application's configuration in one region, in the shape of the seed's
/// `configs/config.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfigPlan {
    /// The region whose tasks read it.
    pub region: RegionCode,
    /// The database section, when the stack has a database.
    pub database: Option<DatabaseConfigPlan>,
    /// The Redis section, when the region has a cache cluster.
    pub redis: Option<RedisConfigPlan>,
}

/// `database:` of the application's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct DatabaseConfigPlan {
    /// The current writer's address: the region's endpoint parameter.
    pub primary_host: DeployTimeValue,
    /// Port.
    pub port: u32,
    /// Database name.
    pub name: String,
    /// `require` or `prefer`.
    pub ssl_mode: &'static str,
    /// Connections each task's pool opens (`database.pool_size`), when the stack says.
    pub max_connections: Option<u32>,
    /// Where reads go: the writer's region first, then each replica's, with weights.
    pub read_replicas: Vec<ReadReplicaConfigPlan>,
    /// `latency`, `weight` or `geo`.
    pub routing_strategy: &'static str,
    /// Replication settings as the stack declares them.
    pub replication: Option<ReplicationConfigPlan>,
    /// Whether a replica may be promoted, the promotion timeout and the probe interval.
    pub failover: (bool, u32, u32),
}

/// One read endpoint with its share of reads.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadReplicaConfigPlan {
    /// Its region.
    pub region: RegionCode,
    /// The instance's address.
    pub host: DeployTimeValue,
    /// Share of read traffic, percent.
    pub weight: u32,
}

/// `database.replication` of the application's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationConfigPlan {
    /// Always true (RDS cross-region replicas are asynchronous).
    pub asynchronous: bool,
    /// `replica` or `logical`.
    pub wal_level: &'static str,
    /// `max_wal_senders`.
    pub max_wal_senders: u32,
    /// `wal_keep_size`, when set.
    pub wal_keep_size: Option<String>,
}

/// `redis:` of the application's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct RedisConfigPlan {
    /// `cluster` or `sentinel`.
    pub mode: &'static str,
    /// The region's cluster endpoint (the configuration endpoint in cluster mode), with the port.
    pub nodes: Vec<(DeployTimeValue, u32)>,
    /// The current Global Datastore primary's endpoint: the region's endpoint parameter, when
    /// the region has one.
    pub primary: Option<DeployTimeValue>,
    /// Whether the region's group is standalone beside the Global Datastore (not replicated,
    /// never promoted); its configuration then has no `cross_region_replication`.
    pub standalone: bool,
    /// Prefix and patterns of globally replicated keys, when the stack declares them.
    pub global_keys: Option<(String, Vec<String>)>,
    /// Cross-region replication: strategy, source region, target regions, conflict resolution.
    pub cross_region_replication: Option<CacheReplicationConfigPlan>,
}

/// `redis.cross_region_replication` of the application's configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct CacheReplicationConfigPlan {
    /// Whether a Global Datastore joins the regions.
    pub enabled: bool,
    /// `active-passive`.
    pub strategy: &'static str,
    /// The Global Datastore's primary region.
    pub source_region: String,
    /// Its secondary regions.
    pub target_regions: Vec<String>,
    /// `last-write-wins`.
    pub conflict_resolution: &'static str,
}

/// Terraform's S3 backend, decided: every value literal (Terraform evaluates nothing in a
/// backend block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerraformBackendPlan {
    /// The bucket holding the state.
    pub bucket: String,
    /// The state object's key.
    pub key: String,
    /// The bucket's region.
    pub region: String,
    /// Whether the state object is encrypted at rest.
    pub encrypt: bool,
    /// The KMS key encrypting it, when not the bucket's default.
    pub kms_key_id: Option<String>,
    /// How concurrent runs are kept apart.
    pub locking: StateLocking,
}

/// How the S3 backend locks the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateLocking {
    /// A lock object beside the state, written with S3 conditional writes (`use_lockfile`,
    /// Terraform 1.10 and later).
    Lockfile,
    /// An item in this DynamoDB table (`dynamodb_table`; deprecated by Terraform in favour of
    /// the lock file, still read).
    DynamoDbTable(String),
}

/// One escape hatch: changes to one resource of one target.
#[derive(Debug, Clone, PartialEq)]
pub struct OverridePlan {
    /// Which target, and which of its templates.
    pub target: OverrideTarget,
    /// The CloudFormation logical ID or the Terraform address (`<type>.<name>`).
    pub resource: String,
    /// The properties set and removed, in order: every `set` path sorted, then every `remove`.
    pub changes: Vec<OverrideChange>,
    /// Where the override is written.
    pub path: StackPath,
}

/// The target an override changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideTarget {
    /// CloudFormation templates: those of the units of the listed regions (`global` and
    /// `accelerator` name those units), every template when the list is empty.
    CloudFormation {
        /// Region codes or unit names, as written.
        regions: Vec<String>,
    },
    /// The Terraform module, whose addresses are unique (the name holds the region).
    Terraform,
}

/// One property set or removed.
#[derive(Debug, Clone, PartialEq)]
pub struct OverrideChange {
    /// The steps below the resource's properties (CloudFormation) or arguments (Terraform).
    pub steps: Vec<OverrideStep>,
    /// The value to set; `None` removes the property.
    pub value: Option<serde_json::Value>,
    /// Where the change is written.
    pub path: StackPath,
}

/// One step of an override path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OverrideStep {
    /// A property, argument or map key.
    Key(String),
    /// An element of a list (or of a Terraform block written as a list).
    Index(usize),
}

/// A warning the stack accepts, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Acknowledged {
    /// The warning's code.
    pub code: meridian_model::Code,
    /// Where it is reported.
    pub path: String,
    /// What the warning says.
    pub message: String,
    /// Why the stack accepts it.
    pub reason: String,
}

/// The kinds of entity that can be renamed without replacing their resources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    /// An entry of `services[]`.
    Service,
    /// An entry of `buckets[]`.
    Bucket,
}

impl EntityKind {
    /// `service`, `bucket`: the word used in messages, the manifest and `meridian diff`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Service => "service",
            Self::Bucket => "bucket",
        }
    }
}

/// An entity renamed with `renamed_from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    /// What was renamed.
    pub kind: EntityKind,
    /// The former name, which the entity's resources keep (logical IDs, physical names).
    pub from: String,
    /// The name the stack file uses now.
    pub to: String,
    /// CloudFormation logical IDs derived from the former name, per unit, sorted.
    pub logical_ids: BTreeMap<UnitId, Vec<LogicalId>>,
    /// Terraform names the entity's resources had under the former name and have now, sorted;
    /// every resource declared under a new name moves from the former name in state.
    pub moves: Vec<TfMove>,
}

/// One Terraform resource name change of a renamed entity. Terraform addresses add the resource
/// type, which is the emitter's: every resource declared under `to` moves from `from`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct TfMove {
    /// The name derived from the former entity name, e.g. `web_service_eu_west_1`.
    pub from: String,
    /// The name derived from the current entity name, e.g. `api_service_eu_west_1`.
    pub to: String,
}

/// Recovery objectives.
#[derive(Debug, Clone, PartialEq)]
pub struct Objectives {
    /// Availability target, percent.
    pub availability_percent: Option<f64>,
    /// Recovery time objective, minutes.
    pub rto_minutes: Option<u32>,
    /// Recovery point objective, minutes.
    pub rpo_minutes: Option<u32>,
}

/// Settings that only runbooks use.
#[derive(Debug, Clone, PartialEq)]
pub struct Operations {
    /// Whether failover is enabled.
    pub failover_enabled: bool,
    /// Seconds to wait for a promoted replica.
    pub promotion_timeout_seconds: u32,
    /// Seconds between probes while promoting.
    pub promotion_probe_interval_seconds: u32,
    /// Whether failback is offered.
    pub failback_enabled: bool,
    /// Seconds the primary must stay healthy before failback.
    pub failback_wait_seconds: u32,
    /// Whether the `primary_region_down` alarm starts the failover workflow (`failover.mode:
    /// automatic`); otherwise the promote runbook starts it.
    pub failover_automatic: bool,
    /// The replica region a failover promotes unless the operator picks another:
    /// `failover.target_region`, else the first replica region among secondaries, then optionals.
    pub failover_target_region: Option<RegionCode>,
    /// DNS TTL runbooks wait for.
    pub dns_ttl_seconds: u32,
    /// Probe timeout of runbooks.
    pub probe_timeout_seconds: u32,
    /// Health path probed by runbooks.
    pub health_path: Option<String>,
    /// Public domain, when DNS is configured.
    pub domain: Option<String>,
    /// Notification targets told about failover.
    pub failover_targets: Vec<String>,
    /// The recovery time objective in seconds, when the stack states one.
    pub rto_seconds: Option<u32>,
    /// The recovery point objective in seconds, when the stack states one: the replica lag a
    /// promotion may lose. The objectives check bounds the minutes, so this cannot overflow.
    pub rpo_seconds: Option<u32>,
    /// The one estimate of a regional failover that every runbook and summary reports.
    pub failover: FailoverEstimate,
    /// Seconds of `ReplicaLag` history runbooks inspect before a promotion.
    pub lag_window_seconds: u32,
    /// Period of RDS metrics such as `ReplicaLag`, for metric queries.
    pub rds_metric_period_seconds: u32,
    /// Seconds between status polls while a runbook waits for ECS.
    pub poll_interval_seconds: u32,
    /// Seconds between progress lines while a runbook waits out a fixed time.
    pub wait_report_seconds: u32,
    /// Route 53 counts an endpoint healthy when more than this percentage of its health checkers
    /// report success.
    pub route53_healthy_checker_percent: u32,
    /// Largest template, in bytes, CloudFormation accepts inline; larger ones go through S3.
    pub inline_template_max_bytes: u32,
    /// How long one deployment of each service may take, per region, in plan order.
    pub rollouts: Vec<RolloutBudget>,
    /// The time budget of a regional failover, step by step, against the RTO and the RPO; absent
    /// when failover is disabled or the stack has no DNS to move.
    pub budget: Option<FailoverBudget>,
    /// How each service region reaches the database and the cache, in plan order.
    pub data_paths: Vec<RegionDataPaths>,
    /// The private links between regions: one per VPC peering, in deploy order of the units that
    /// request them.
    pub region_links: Vec<RegionLink>,
}

/// The time budget of a failover of the primary region: each step the system (Route 53, the
/// primary-region-down alarm, the failover and adopt-writer workflows, ECS) goes through, with
/// the seconds Meridian allows it, their sum against the RTO, and the RPO against what the
/// replica-lag alarms watch.
///
/// The steps are summed as if they ran one after the other. They do, in the workflows (promote,
/// then fail the cache over, then announce, then each region rewrites its parameters, raises
/// capacity and redeploys), except the DNS shift, which Route 53 makes on its own while the
/// workflows run: the sum counts it anyway, so it errs long, never short.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverBudget {
    /// Whether the alarm starts the workflow (`failover.mode: automatic`); otherwise an operator
    /// does, and the time until they do is not in the budget.
    pub automatic: bool,
    /// The steps, in the order they happen.
    pub steps: Vec<BudgetStep>,
    /// Sum of the steps' seconds.
    pub total_seconds: u32,
    /// The recovery time objective in seconds, when the stack states one.
    pub rto_seconds: Option<u32>,
    /// Whether `total_seconds` is above the RTO (W619).
    pub exceeds_rto: bool,
    /// The recovery point objective in seconds, when the stack states one.
    pub rpo_seconds: Option<u32>,
    /// The alarms on the replicas' `ReplicaLag`, in plan order: what a promotion may lose is the
    /// lag at that moment.
    pub lag_alarms: Vec<LagAlarm>,
}

/// One step of a failover and the seconds allowed for it.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetStep {
    /// What happens.
    pub kind: BudgetStepKind,
    /// Seconds allowed.
    pub seconds: u32,
    /// Where the seconds come from, in words (`Route 53 checks every 10 s × 3 failures, ...`).
    pub basis: String,
}

/// What a failover step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BudgetStepKind {
    /// Route 53 finds the primary unhealthy and the primary-region-down alarm fires.
    Detect,
    /// Resolvers drop the failed region's answer (the effective DNS TTL).
    DnsShift,
    /// The replica is promoted and becomes available.
    Promote,
    /// The Global Datastore makes the promoted region its primary.
    CacheFailover,
    /// `WriterMoved` reaches every region, which rewrites its endpoint parameters.
    UpdateParameters,
    /// The surviving regions' services are raised to primary capacity.
    RaiseCapacity,
    /// New tasks start, read the parameters and pass their health checks.
    Redeploy,
    /// The failover topics are told.
    Notify,
}

impl BudgetStepKind {
    /// Lowercase words.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Detect => "detect",
            Self::DnsShift => "DNS shift",
            Self::Promote => "promote",
            Self::CacheFailover => "cache failover",
            Self::UpdateParameters => "update parameters",
            Self::RaiseCapacity => "raise capacity",
            Self::Redeploy => "redeploy",
            Self::Notify => "notify",
        }
    }
}

/// An alarm on a replica's `ReplicaLag`.
#[derive(Debug, Clone, PartialEq)]
pub struct LagAlarm {
    /// Region of the replica.
    pub region: RegionCode,
    /// Alarm name.
    pub name: String,
    /// Lag, in seconds, above which a period breaches.
    pub threshold_seconds: f64,
    /// Seconds per period.
    pub period_seconds: u32,
    /// Breaching periods before it fires.
    pub evaluation_periods: u32,
    /// Whether the threshold is within the RPO (true when there is none): a lag the alarm lets
    /// pass silently is a loss the objective accepts.
    pub within_rpo: bool,
}

/// How the tasks of one service region reach the database and the cache.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionDataPaths {
    /// Region.
    pub region: RegionCode,
    /// Database writes and reads, when the stack has a database.
    pub database: Option<DataPath>,
    /// Cache writes and reads, when the stack has a cache.
    pub cache: Option<DataPath>,
}

/// Where writes and reads of one store go from one region.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPath {
    /// The writer (the database writer, the cache's primary).
    pub writes: DataRoute,
    /// Where reads go: a local copy, or the writer.
    pub reads: DataRoute,
    /// The SSM parameter through which tasks learn the writer's address, when the region has
    /// one.
    pub parameter: Option<String>,
}

/// One destination of reads or writes.
#[derive(Debug, Clone, PartialEq)]
pub struct DataRoute {
    /// Region of the destination.
    pub region: RegionCode,
    /// The DB instance identifier or replication group ID.
    pub target: String,
    /// What it is (`writer`, `read replica`, `Global Datastore primary`, ...).
    pub role: String,
    /// The VPC peering it is reached through; none when it is in the region itself.
    pub peering: Option<String>,
}

/// A VPC peering between two regions, with what it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionLink {
    /// Name tag of the peering.
    pub name: String,
    /// The region whose unit requests the peering (deploys later).
    pub requester: RegionCode,
    /// The requester's VPC CIDR.
    pub requester_cidr: String,
    /// The unit that requests it.
    pub requester_unit: UnitId,
    /// The region that accepts it.
    pub accepter: RegionCode,
    /// The accepter's VPC CIDR.
    pub accepter_cidr: String,
    /// Ports the accepter admits from the requester's CIDR, sorted.
    pub ports_to_accepter: Vec<u32>,
    /// Ports the requester admits from the accepter's CIDR, sorted.
    pub ports_to_requester: Vec<u32>,
    /// Routes to the peering on the requester's side.
    pub requester_routes: usize,
    /// Routes to the peering on the accepter's side (in its links unit).
    pub accepter_routes: usize,
}

impl RegionLink {
    /// `ports` in words for reviewers: `TCP 5432, TCP 6379`, or `nothing`.
    pub fn ports_in_words(ports: &[u32]) -> String {
        if ports.is_empty() {
            return "nothing".to_owned();
        }
        ports
            .iter()
            .map(|port| format!("TCP {port}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The estimate of a regional failover: what detects the failure, how long the automatic part
/// takes, which replica is promoted and what the runbooks probe.
///
/// The automatic part (`total_seconds`) is Route 53 detection plus the DNS TTL. Target-group
/// draining is reported but is not part of it: a target that starts draining gets no new
/// requests, so the failed region's health check fails as soon as its targets deregister, and
/// traffic does not have to drain before the old region stops serving; only requests already in
/// flight run on, for at most `draining_seconds`. (In a real regional failure nothing drains.)
/// The RTO check (E609) counts the same two parts.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverEstimate {
    /// The region that fails over: the primary.
    pub from_region: RegionCode,
    /// Route 53 detection, when the stack has DNS.
    pub detection: Option<FailoverDetection>,
    /// Target-group detection inside the primary, when it has a load balancer: how soon the load
    /// balancer stops sending requests to a failed task (ECS then replaces it).
    pub target_detection: Option<TargetDetection>,
    /// The longest deregistration delay of the primary's target groups: how long requests
    /// already in flight to the failed region may still run. Not part of `total_seconds`.
    pub draining_seconds: u32,
    /// Seconds resolvers may keep the old answer.
    pub dns_ttl_seconds: u32,
    /// Seconds of the automatic part: detection plus the DNS TTL; 0 without DNS.
    pub total_seconds: u32,
    /// The read replica promoted to writer: the one in the first secondary region, else the
    /// first one.
    pub promoted_replica: Option<PromotedReplica>,
    /// The region whose Global Datastore secondary becomes the primary: the promoted replica's,
    /// when it holds one.
    pub cache_region: Option<RegionCode>,
    /// Seconds promotion may take (counted only when a replica is promoted).
    pub promotion_timeout_seconds: u32,
    /// `total_seconds` plus the promotion timeout when a replica is promoted.
    pub with_promotion_seconds: u32,
    /// Whether `with_promotion_seconds` fits in the RTO (true when there is none).
    pub fits_rto: bool,
    /// What runbooks probe, when the stack has DNS.
    pub probe: Option<FailoverProbe>,
}

/// Route 53 detection of a failed region.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverDetection {
    /// Domain.
    pub domain: String,
    /// Path the primary's health check requests.
    pub path: String,
    /// Seconds between checks.
    pub interval_seconds: u32,
    /// Failures before the region counts unhealthy.
    pub failure_threshold: u32,
    /// Interval × threshold.
    pub detection_seconds: u32,
    /// Whether records are withdrawn when their health check fails.
    pub evaluate_health: bool,
}

/// Target-group detection of a failed task.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetDetection {
    /// Path.
    pub path: String,
    /// Seconds between checks.
    pub interval_seconds: u32,
    /// Failures before the target counts unhealthy.
    pub unhealthy_threshold: u32,
    /// Interval × threshold.
    pub detection_seconds: u32,
}

/// The replica a failover promotes.
#[derive(Debug, Clone, PartialEq)]
pub struct PromotedReplica {
    /// Its region.
    pub region: RegionCode,
    /// Its DB instance identifier.
    pub identifier: String,
    /// The writer's DB instance identifier.
    pub writer_identifier: String,
}

/// What runbooks probe to see whether a region serves.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverProbe {
    /// `https://<domain><path of the primary's health check>`.
    pub url: String,
    /// The status codes that count as serving, as the target-group health check's matcher
    /// writes them (`200`, `200,204`, `200-299`): the matcher of the target group whose
    /// health-check path is the probed path, else of the first target group.
    pub matcher: String,
    /// The same codes as inclusive ranges, in matcher order.
    pub accepted: Vec<(u32, u32)>,
}

/// How long one deployment of a service may take before a runbook stops waiting: placing the
/// tasks, their grace period (or container health check), target health and draining, once per
/// wave for rolling deployments (a wave replaces `maximum - minimum` percent of the tasks), plus
/// the bake time for blue/green.
#[derive(Debug, Clone, PartialEq)]
pub struct RolloutBudget {
    /// Region.
    pub region: RegionCode,
    /// Service entity name.
    pub service: String,
    /// The steps of one wave, in order.
    pub wave: Vec<RolloutStep>,
    /// Seconds of one wave.
    pub wave_seconds: u32,
    /// Waves (1 for blue/green).
    pub waves: u32,
    /// Bake time in seconds (blue/green; 0 for rolling).
    pub bake_seconds: u32,
    /// The budget: `wave_seconds × waves + bake_seconds`.
    pub total_seconds: u32,
}

/// One step of a deployment wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RolloutStep {
    /// What it waits for.
    pub kind: RolloutStepKind,
    /// Seconds.
    pub seconds: u32,
}

/// What a deployment step waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RolloutStepKind {
    /// Fargate places the tasks and pulls the image.
    Provisioning,
    /// The service's health-check grace period.
    GracePeriod,
    /// The container health check (start period + interval × retries).
    ContainerHealth,
    /// Target health (interval × healthy threshold).
    TargetHealth,
    /// Draining the old targets.
    Draining,
}

/// A capability CloudFormation must be granted to deploy a unit's stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Capability {
    /// The unit creates IAM resources, or uses a transform whose expansion does.
    Iam,
    /// The unit creates IAM resources with fixed names.
    NamedIam,
    /// The unit uses a transform (macro), which CloudFormation expands when deploying.
    AutoExpand,
}

impl Capability {
    /// The value CloudFormation expects, `CAPABILITY_IAM`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Iam => "CAPABILITY_IAM",
            Self::NamedIam => "CAPABILITY_NAMED_IAM",
            Self::AutoExpand => "CAPABILITY_AUTO_EXPAND",
        }
    }

    /// Why a unit needs it, for people. Meridian's only transform is the one that deploys the
    /// AWS-hosted rotation function of the database password.
    pub fn reason(self) -> &'static str {
        match self {
            Self::Iam => "the stack creates IAM roles",
            Self::NamedIam => "the stack creates IAM resources with fixed names",
            Self::AutoExpand => {
                "the template rotates the database password with a hosted rotation function (the AWS::SecretsManager transform)"
            }
        }
    }
}

/// What a parameter holds; decides its CloudFormation type and Terraform validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamKind {
    /// Free text.
    Text,
    /// An ACM certificate ARN.
    CertificateArn,
    /// A Route 53 hosted zone ID.
    HostedZoneId,
    /// A VPC ID.
    VpcId,
    /// A subnet ID.
    SubnetId,
    /// A route table ID.
    RouteTableId,
    /// An e-mail address.
    Email,
    /// An HTTPS URL.
    HttpsUrl,
    /// A Secrets Manager secret ARN.
    SecretArn,
}

/// One deploy-time parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Name as written in the stack file, `IMAGE_TAG`.
    pub name: String,
    /// CloudFormation parameter name, `ImageTag`.
    pub cfn_name: String,
    /// Terraform variable name, `image_tag`.
    pub tf_name: String,
    /// What it holds.
    pub kind: ParamKind,
    /// Whether each region takes its own value (certificates and other regional ARNs).
    pub per_region: bool,
    /// Whether the value is secret.
    pub sensitive: bool,
    /// Description.
    pub description: String,
    /// Regions (or `global`) whose units use it.
    pub regions: Vec<String>,
}

/// One deployment unit: a CloudFormation stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Identity.
    pub id: UnitId,
    /// CloudFormation stack name.
    pub stack_name: String,
    /// Template file name.
    pub template_file: String,
    /// Region it deploys to.
    pub region: RegionCode,
    /// One-line description.
    pub description: String,
    /// Units whose outputs it consumes (all earlier in the order).
    pub depends_on: Vec<UnitId>,
    /// The outputs it consumes, as (producer, output name), sorted.
    pub consumes: Vec<(UnitId, String)>,
    /// Names of the parameters it declares.
    pub parameters: Vec<String>,
    /// Its outputs.
    pub outputs: Vec<Output>,
    /// Capabilities its stack must be granted, in the order IAM, named IAM, auto-expand: what
    /// the unit's resources and transforms require.
    pub capabilities: Vec<Capability>,
}

/// A unit output.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// CloudFormation output name.
    pub name: String,
    /// Terraform output name (unique in the one module).
    pub tf_name: String,
    /// What it is.
    pub description: String,
    /// Value.
    pub value: Text,
}

/// A region's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionRole {
    /// Writer and Global Datastore primary.
    Primary,
    /// Full-capacity standby.
    Secondary,
    /// Reduced capacity.
    Optional,
    /// Holds only replicated buckets.
    StorageOnly,
}

impl RegionRole {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Primary => "primary",
            Self::Secondary => "secondary",
            Self::Optional => "optional",
            Self::StorageOnly => "storage-only",
        }
    }
}

/// Everything in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionPlan {
    /// Region code.
    pub region: RegionCode,
    /// Role.
    pub role: RegionRole,
    /// Latency target, milliseconds.
    pub latency_target_ms: Option<u32>,
    /// Storage unit content.
    pub storage: StoragePlan,
    /// Application unit content; absent for storage-only regions.
    pub app: Option<AppPlan>,
    /// Links unit content: this region's routes to the peerings that later units request. Absent
    /// when no later unit peers with this region.
    pub links: Option<LinksPlan>,
}

/// A region's links unit (`<stack>-<region>-links`), deployed after every application unit and
/// before the global unit: the routes of this region's private route tables to the VPCs of
/// regions whose units deploy later and requested the peering.
#[derive(Debug, Clone, PartialEq)]
pub struct LinksPlan {
    /// Unit.
    pub unit: UnitId,
    /// Routes, by peer region then route table.
    pub routes: Vec<PeerRoutePlan>,
}

/// An inter-region VPC peering, created by the unit of the region that deploys later (the
/// requester); the earlier region's VPC accepts it.
#[derive(Debug, Clone, PartialEq)]
pub struct PeeringPlan {
    /// The peering connection, in the requester's application unit.
    pub rid: Rid,
    /// The accepter side where a target declares it as a resource of its own (Terraform's
    /// `aws_vpc_peering_connection_accepter`, in the accepter's region): the peering's identity,
    /// as it is the same connection.
    pub accepter: Rid,
    /// Whether the accepter side accepts the request when it is created: true, as both VPCs
    /// are in the deployment's account.
    pub auto_accept: bool,
    /// The requester's VPC.
    pub vpc_id: Text,
    /// Region of the accepter.
    pub peer_region: RegionCode,
    /// The accepter's VPC (an output of the accepter's unit).
    pub peer_vpc_id: Text,
    /// Name tag.
    pub name: String,
}

/// A route of a private route table to a peer VPC through a peering.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRoutePlan {
    /// The route.
    pub rid: Rid,
    /// Region of the route table (and of the unit that holds the route).
    pub region: RegionCode,
    /// The route table.
    pub route_table: Text,
    /// The peer VPC's CIDR.
    pub destination_cidr: String,
    /// Region of the peer VPC.
    pub peer_region: RegionCode,
    /// The peering connection.
    pub peering: Text,
    /// The peering's accepter resource, for targets that must accept before routing (see
    /// [`PeeringPlan::accepter`]).
    pub accepter: Rid,
}

/// A region's storage unit: its data key and buckets.
#[derive(Debug, Clone, PartialEq)]
pub struct StoragePlan {
    /// Unit.
    pub unit: UnitId,
    /// KMS key for data at rest in the region.
    pub data_key: KeyPlan,
    /// Buckets.
    pub buckets: Vec<BucketPlan>,
}

/// A customer-managed KMS key and its alias.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPlan {
    /// The key.
    pub rid: Rid,
    /// The alias.
    pub alias_rid: Rid,
    /// Alias name, `alias/<stack>/data`.
    pub alias: String,
    /// Description.
    pub description: String,
    /// Statements of the key policy: the account administers it, and the services the plan
    /// grants may use it.
    pub policy: Vec<Statement>,
    /// Whether KMS rotates the key material yearly.
    pub rotation: bool,
    /// Whether the key survives stack deletion (data encrypted under a deleted key is lost).
    pub retain: bool,
}

/// Why a bucket exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketPurpose {
    /// A bucket the stack file declares.
    Data,
    /// Load-balancer access logs.
    AccessLogs,
    /// CDN origin.
    CdnOrigin,
}

/// Server-side encryption of a bucket.
#[derive(Debug, Clone, PartialEq)]
pub enum BucketEncryption {
    /// SSE-KMS with this key.
    Kms {
        /// Key ARN.
        key: Text,
        /// Whether S3 Bucket Keys are on (fewer KMS requests).
        bucket_key: bool,
    },
    /// SSE-S3 (load-balancer access logs accept only this).
    S3Managed,
}

impl BucketEncryption {
    /// The default encryption algorithm.
    pub fn algorithm(&self) -> SseAlgorithm {
        match self {
            Self::Kms { .. } => SseAlgorithm::AwsKms,
            Self::S3Managed => SseAlgorithm::Aes256,
        }
    }
}

/// Server-side encryption algorithm of S3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SseAlgorithm {
    /// SSE-KMS.
    AwsKms,
    /// SSE-S3.
    Aes256,
}

impl SseAlgorithm {
    /// S3's name, `aws:kms`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwsKms => "aws:kms",
            Self::Aes256 => "AES256",
        }
    }
}

/// Which kinds of public access S3 blocks on a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicAccessBlock {
    /// Refuse requests that set public ACLs.
    pub block_public_acls: bool,
    /// Refuse bucket policies that grant public access.
    pub block_public_policy: bool,
    /// Ignore public ACLs that exist.
    pub ignore_public_acls: bool,
    /// Restrict access under a public policy to AWS principals and the account.
    pub restrict_public_buckets: bool,
}

/// Who owns the objects written to a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectOwnership {
    /// The bucket owner owns every object; ACLs are disabled.
    BucketOwnerEnforced,
}

impl ObjectOwnership {
    /// S3's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BucketOwnerEnforced => "BucketOwnerEnforced",
        }
    }
}

/// One lifecycle rule of a bucket; it applies to every object.
#[derive(Debug, Clone, PartialEq)]
pub struct LifecycleRulePlan {
    /// Rule ID.
    pub id: String,
    /// What it does.
    pub action: LifecycleAction,
}

/// What a lifecycle rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleAction {
    /// Aborts multipart uploads still incomplete after `days` (their parts cost storage and are
    /// invisible).
    AbortIncompleteUploads {
        /// Days after initiation.
        days: u32,
    },
    /// Expires objects after `days`; in a versioned bucket expiring only adds a delete marker, so
    /// noncurrent versions expire after the same time.
    Expire {
        /// Days.
        days: u32,
    },
}

/// An S3 bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketPlan {
    /// Entity name in the stack (`audit-logs`).
    pub name: String,
    /// The bucket.
    pub rid: Rid,
    /// Its policy.
    pub policy_rid: Rid,
    /// Physical bucket name (may contain the account ID).
    pub bucket_name: Text,
    /// Why it exists.
    pub purpose: BucketPurpose,
    /// Versioning.
    pub versioning: bool,
    /// Encryption.
    pub encryption: BucketEncryption,
    /// Object Lock default retention.
    pub object_lock: Option<ObjectLockPlan>,
    /// Replication to other buckets.
    pub replication: Option<ReplicationPlan>,
    /// Statements of the bucket policy (every bucket denies requests without TLS).
    pub policy_statements: Vec<Statement>,
    /// Public access S3 blocks.
    pub public_access_block: PublicAccessBlock,
    /// Who owns written objects.
    pub object_ownership: ObjectOwnership,
    /// Lifecycle rules, in order.
    pub lifecycle_rules: Vec<LifecycleRulePlan>,
    /// Whether the bucket survives stack deletion.
    pub retain: bool,
}

/// Object Lock default retention.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectLockPlan {
    /// Retention mode.
    pub mode: ObjectLockMode,
    /// Days.
    pub days: u32,
}

/// Object Lock retention mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectLockMode {
    /// Nobody, the root user included, can delete a locked version before it expires.
    Compliance,
    /// Users with `s3:BypassGovernanceRetention` can.
    Governance,
}

impl ObjectLockMode {
    /// S3's name, `COMPLIANCE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compliance => "COMPLIANCE",
            Self::Governance => "GOVERNANCE",
        }
    }
}

impl std::fmt::Display for ObjectLockMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// S3 storage class of replicas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageClass {
    /// `STANDARD`.
    Standard,
    /// `STANDARD_IA`.
    StandardIa,
    /// `ONEZONE_IA`.
    OnezoneIa,
    /// `INTELLIGENT_TIERING`.
    IntelligentTiering,
    /// `GLACIER` (Flexible Retrieval).
    Glacier,
    /// `GLACIER_IR` (Instant Retrieval).
    GlacierIr,
    /// `DEEP_ARCHIVE`.
    DeepArchive,
}

impl StorageClass {
    /// S3's name, `STANDARD_IA`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "STANDARD",
            Self::StandardIa => "STANDARD_IA",
            Self::OnezoneIa => "ONEZONE_IA",
            Self::IntelligentTiering => "INTELLIGENT_TIERING",
            Self::Glacier => "GLACIER",
            Self::GlacierIr => "GLACIER_IR",
            Self::DeepArchive => "DEEP_ARCHIVE",
        }
    }
}

impl std::fmt::Display for StorageClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Replication configuration of a source bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationPlan {
    /// IAM role S3 assumes.
    pub role: Rid,
    /// The role's policy, a resource of its own: it names the source bucket, whose
    /// replication configuration names the role.
    pub policy: Rid,
    /// The policy's name (unique within the role).
    pub policy_name: String,
    /// Statements of the role's policy.
    pub role_statements: Vec<Statement>,
    /// Whether SSE-KMS objects replicate (S3 skips them unless told to): set when the source
    /// bucket is encrypted with a KMS key.
    pub replicate_kms_encrypted: bool,
    /// Rules, one per destination.
    pub rules: Vec<ReplicationRulePlan>,
}

/// One replication rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicationRulePlan {
    /// Rule ID, `to-<destination>`.
    pub id: String,
    /// Priority (rules are ordered as declared).
    pub priority: u32,
    /// Key prefix of the objects the rule replicates (empty: every object).
    pub prefix: String,
    /// Destination entity name.
    pub destination: String,
    /// Destination region.
    pub destination_region: RegionCode,
    /// Destination bucket ARN.
    pub destination_arn: Text,
    /// Destination bucket name.
    pub destination_name: Text,
    /// Storage class of replicas (S3's default, `STANDARD`, when absent).
    pub storage_class: Option<StorageClass>,
    /// KMS key ARN in the destination region for replicas.
    pub replica_kms_key: Text,
    /// S3 Replication Time Control.
    pub time_control: bool,
    /// The replication-time threshold of Replication Time Control and of the metrics' missed-
    /// threshold event, in minutes (S3 offers only one).
    pub time_control_minutes: u32,
    /// Replication metrics (needed for RTC and for latency alarms; always on with RTC).
    pub metrics: bool,
    /// Whether delete markers replicate.
    pub delete_markers: bool,
}

/// An IAM policy statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Statement ID.
    pub sid: String,
    /// Allow or deny.
    pub allow: bool,
    /// Principal, for resource policies.
    pub principal: Option<Principal>,
    /// Actions.
    pub actions: Vec<String>,
    /// Resources.
    pub resources: Vec<Text>,
    /// Conditions.
    pub conditions: Vec<Condition>,
}

/// A policy principal.
#[derive(Debug, Clone, PartialEq)]
pub enum Principal {
    /// A service, e.g. `cloudfront.amazonaws.com` (regional principals name their region).
    Service(Text),
    /// An AWS account or role ARN.
    Aws(Text),
    /// Everyone (`"*"`), used with deny statements.
    Everyone,
}

/// A policy condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    /// Operator, e.g. `Bool` or `StringEquals`.
    pub operator: String,
    /// Key, e.g. `aws:SecureTransport`.
    pub key: String,
    /// Values.
    pub values: Vec<Text>,
}

/// A region's application unit.
#[derive(Debug, Clone, PartialEq)]
pub struct AppPlan {
    /// Unit.
    pub unit: UnitId,
    /// Network, when anything in the region needs one.
    pub network: Option<NetworkPlan>,
    /// Security groups.
    pub security_groups: Vec<SecurityGroupPlan>,
    /// Security-group rules (separate resources, so groups can refer to each other).
    pub security_group_rules: Vec<SecurityGroupRulePlan>,
    /// Load balancer (the main one, `load_balancer`).
    pub load_balancer: Option<LoadBalancerPlan>,
    /// The further load balancers (`load_balancers`) that run here, by name.
    pub load_balancers: BTreeMap<String, LoadBalancerPlan>,
    /// ECS cluster.
    pub cluster: Option<ClusterPlan>,
    /// Services.
    pub services: Vec<ServicePlan>,
    /// Database instance.
    pub database: Option<DatabasePlan>,
    /// The master credentials of a writer adopted in another region (`promoted_from`): they stay
    /// in the unit that created them, so their logical IDs, stack and value do not change.
    pub adopted_credentials: Option<Box<AdoptedCredentialsPlan>>,
    /// Cache.
    pub cache: Option<CachePlan>,
    /// Topics and alarms.
    pub alerting: AlertingPlan,
    /// Peerings this unit requests (with regions whose units deploy earlier).
    pub peerings: Vec<PeeringPlan>,
    /// Routes of this region's private route tables to the peerings this unit requests.
    pub peer_routes: Vec<PeerRoutePlan>,
    /// The SSM parameters holding the current writer's and cache primary's endpoints, which
    /// tasks read at start and the failover workflow rewrites.
    pub endpoints: Vec<EndpointParameterPlan>,
    /// The failover workflows and the EventBridge rules that start and spread them.
    pub failover: Option<FailoverPlan>,
    /// The resources of this region that live in one of its services units instead of the
    /// application unit, by logical ID (empty unless the region is split: see `resolve/split.rs`).
    pub placement: BTreeMap<LogicalId, UnitId>,
}

impl AppPlan {
    /// Every load balancer of the region: the main one, then the further ones by name.
    pub fn all_load_balancers(&self) -> impl Iterator<Item = &LoadBalancerPlan> {
        self.load_balancer
            .iter()
            .chain(self.load_balancers.values())
    }
}

/// What an endpoint parameter holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EndpointKind {
    /// The database writer's address.
    WriterAddress,
    /// The cache primary's endpoint (the configuration endpoint in cluster mode).
    CachePrimary,
}

impl EndpointKind {
    /// The key of the `WriterMoved` event's detail that carries the new value.
    pub fn detail_key(self) -> &'static str {
        match self {
            Self::WriterAddress => "writer_address",
            Self::CachePrimary => "cache_primary_endpoint",
        }
    }
}

/// An SSM `String` parameter holding an endpoint. Its value is the initial one: once created,
/// the failover workflow owns it (Terraform ignores changes to it; CloudFormation rewrites it
/// only when the template's value changes).
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointParameterPlan {
    /// The parameter.
    pub rid: Rid,
    /// What it holds.
    pub kind: EndpointKind,
    /// Name, `/<stack>/database/writer-address`.
    pub name: String,
    /// Description.
    pub description: String,
    /// Parameter type.
    pub parameter_type: SsmParameterType,
    /// Value at creation.
    pub initial_value: Text,
    /// ARN, from which tasks read it (`valueFrom`) and the workflow writes it.
    pub arn: Text,
}

/// Type of an SSM parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsmParameterType {
    /// A plain string: an address is no secret, and ECS reads a `String` parameter with
    /// `ssm:GetParameters` alone (no key involved).
    String,
}

impl SsmParameterType {
    /// SSM's name, `String`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "String",
        }
    }
}

/// Type of a state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateMachineType {
    /// Long workflows with exactly-once steps (a promotion takes minutes; Express machines stop
    /// after 5 minutes).
    Standard,
}

impl StateMachineType {
    /// Step Functions' name, `STANDARD`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Standard => "STANDARD",
        }
    }
}

/// What a state machine logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkflowLogLevel {
    /// Every state transition.
    All,
}

impl WorkflowLogLevel {
    /// Step Functions' name, `ALL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "ALL",
        }
    }
}

/// A region's failover orchestration.
#[derive(Debug, Clone, PartialEq)]
pub struct FailoverPlan {
    /// State machines: the region's `Failover` when it holds a replica, and its `AdoptWriter`.
    pub state_machines: Vec<StateMachinePlan>,
    /// EventBridge rules on the region's default bus.
    pub rules: Vec<EventRulePlan>,
}

/// What a state machine does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WorkflowPurpose {
    /// Promotes the region's replica, fails the Global Datastore over to the region, announces
    /// `WriterMoved` and notifies.
    Failover,
    /// Takes a `WriterMoved` event: updates the endpoint parameters, fences a former local
    /// writer, raises the services' capacity and redeploys them.
    AdoptWriter,
}

impl WorkflowPurpose {
    /// Word in names, `failover` or `adopt-writer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Failover => "failover",
            Self::AdoptWriter => "adopt-writer",
        }
    }
}

/// A Standard state machine with its role and encrypted log group.
#[derive(Debug, Clone, PartialEq)]
pub struct StateMachinePlan {
    /// What it does.
    pub purpose: WorkflowPurpose,
    /// The state machine.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Standard or Express.
    pub machine_type: StateMachineType,
    /// The role it runs as.
    pub role: Rid,
    /// Name of the role's inline policy.
    pub policy_name: String,
    /// The role's statements: [`crate::asl::Definition::statements`] of the definition, then
    /// what logging and tracing need.
    pub statements: Vec<Statement>,
    /// The definition.
    pub definition: crate::asl::Definition,
    /// The definition as Step Functions reads it.
    pub document: JsonDoc,
    /// Log group.
    pub log_group: Rid,
    /// Its name.
    pub log_group_name: String,
    /// Its retention.
    pub log_retention_days: u32,
    /// Its key.
    pub log_kms_key: Text,
    /// What is logged.
    pub log_level: WorkflowLogLevel,
    /// Whether execution input and output are logged.
    pub include_execution_data: bool,
    /// Whether X-Ray tracing is on.
    pub tracing: bool,
}

/// An EventBridge rule on a region's default bus.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRulePlan {
    /// The rule.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Event pattern.
    pub pattern: JsonDoc,
    /// Targets (at most [`crate::aws::limits::EVENT_RULE_TARGETS`]).
    pub targets: Vec<EventTargetPlan>,
    /// The role EventBridge delivers to the targets as.
    pub role: Rid,
    /// Name of its inline policy.
    pub policy_name: String,
    /// Its statements: exactly the delivery to the targets.
    pub statements: Vec<Statement>,
}

/// A rule's target.
#[derive(Debug, Clone, PartialEq)]
pub struct EventTargetPlan {
    /// The target as a resource of its own (Terraform; CloudFormation lists targets in the rule).
    pub rid: Rid,
    /// ID within the rule.
    pub id: String,
    /// ARN: a state machine, or another region's default event bus.
    pub arn: Text,
}

/// A region's network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkPlan {
    /// VPC ID.
    pub vpc_id: Text,
    /// VPC CIDR.
    pub vpc_cidr: String,
    /// Public subnet IDs.
    pub public_subnets: Vec<Text>,
    /// Private subnet IDs.
    pub private_subnets: Vec<Text>,
    /// What Meridian creates, when it creates the VPC.
    pub created: Option<CreatedNetwork>,
}

/// A VPC Meridian creates.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedNetwork {
    /// VPC.
    pub vpc: Rid,
    /// Internet gateway.
    pub internet_gateway: Rid,
    /// Its attachment (a separate resource in CloudFormation).
    pub gateway_attachment: Rid,
    /// Public route table.
    pub public_route_table: Rid,
    /// Its default route to the internet gateway.
    pub public_default_route: Rid,
    /// Per availability zone.
    pub zones: Vec<ZonePlan>,
    /// Flow logs.
    pub flow_logs: Option<FlowLogPlan>,
    /// Name tag of the VPC, its internet gateway and flow log; the prefix of the other names.
    pub name_prefix: String,
    /// Whether instances get DNS host names.
    pub dns_hostnames: bool,
    /// Whether the Amazon-provided DNS server answers in the VPC.
    pub dns_support: bool,
    /// Name tag of the public route table.
    pub public_route_table_name: String,
    /// Destination of the default routes (the public one to the internet gateway, the private
    /// ones to NAT gateways).
    pub default_route_destination: String,
}

/// One availability zone of a created VPC.
#[derive(Debug, Clone, PartialEq)]
pub struct ZonePlan {
    /// Index into the region's zones (0-based).
    pub index: u8,
    /// Letter used in names (`a`, `b`, ...).
    pub letter: char,
    /// Public subnet.
    pub public_subnet: SubnetPlan,
    /// Private subnet.
    pub private_subnet: SubnetPlan,
    /// Association of the public subnet with the public route table.
    pub public_association: Rid,
    /// Private route table of the zone.
    pub private_route_table: Rid,
    /// Its default route through a NAT gateway.
    pub private_default_route: Rid,
    /// Association of the private subnet.
    pub private_association: Rid,
    /// Name tag of the private route table.
    pub private_route_table_name: String,
    /// NAT gateway in this zone, if the zone has one.
    pub nat: Option<NatPlan>,
    /// The NAT gateway this zone's private subnet routes through.
    pub nat_gateway: Rid,
}

/// A subnet.
#[derive(Debug, Clone, PartialEq)]
pub struct SubnetPlan {
    /// The subnet.
    pub rid: Rid,
    /// CIDR.
    pub cidr: String,
    /// Name tag.
    pub name: String,
    /// Whether instances launched in it get a public address.
    pub map_public_ip_on_launch: bool,
}

/// A NAT gateway and its address.
#[derive(Debug, Clone, PartialEq)]
pub struct NatPlan {
    /// Elastic IP.
    pub eip: Rid,
    /// Gateway.
    pub gateway: Rid,
    /// Name tag of both.
    pub name: String,
    /// The Elastic IP's domain.
    pub eip_domain: String,
}

/// VPC flow logs to CloudWatch Logs.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowLogPlan {
    /// The flow log.
    pub rid: Rid,
    /// Log group.
    pub log_group: Rid,
    /// Log group name.
    pub log_group_name: String,
    /// Role the flow-log service assumes.
    pub role: Rid,
    /// Statements of the role's policy.
    pub role_statements: Vec<Statement>,
    /// Name of that policy (unique within the role).
    pub role_policy_name: String,
    /// Retention.
    pub retention_days: u32,
    /// Encryption key ARN.
    pub kms_key: Text,
    /// Which traffic is logged.
    pub traffic_type: FlowLogTraffic,
    /// Where the records go.
    pub destination_type: FlowLogDestination,
}

/// Which traffic a flow log records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowLogTraffic {
    /// Accepted and rejected traffic.
    All,
}

impl FlowLogTraffic {
    /// EC2's name, `ALL`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "ALL",
        }
    }
}

/// Where a flow log delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowLogDestination {
    /// A CloudWatch Logs log group.
    CloudWatchLogs,
}

impl FlowLogDestination {
    /// EC2's name, `cloud-watch-logs`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CloudWatchLogs => "cloud-watch-logs",
        }
    }
}

/// IP protocol of a rule or port.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpProtocol {
    /// TCP.
    Tcp,
}

impl IpProtocol {
    /// The lowercase name EC2 and ECS use, `tcp`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tcp => "tcp",
        }
    }
}

/// A security group without inline rules.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroupPlan {
    /// The group.
    pub rid: Rid,
    /// Description (also its purpose).
    pub description: String,
    /// Name tag.
    pub name: String,
}

/// Direction of a security-group rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Inbound.
    Ingress,
    /// Outbound.
    Egress,
}

/// The other side of a rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Peer {
    /// An IPv4 CIDR.
    Cidr(String),
    /// Another security group.
    Group(Rid),
}

/// One security-group rule for one port.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityGroupRulePlan {
    /// The rule.
    pub rid: Rid,
    /// The group it belongs to.
    pub group: Rid,
    /// Direction.
    pub direction: Direction,
    /// Protocol.
    pub protocol: IpProtocol,
    /// Port.
    pub port: u32,
    /// Peer.
    pub peer: Peer,
    /// Description.
    pub description: String,
}

/// Listener protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// HTTP.
    Http,
    /// HTTPS.
    Https,
}

impl Protocol {
    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http => "HTTP",
            Self::Https => "HTTPS",
        }
    }
}

/// Kind of Elastic Load Balancing load balancer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadBalancerType {
    /// An Application Load Balancer (HTTP and HTTPS).
    Application,
}

impl LoadBalancerType {
    /// Elastic Load Balancing's name, `application`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Application => "application",
        }
    }
}

/// How targets register in a target group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetType {
    /// By IP address (Fargate tasks in `awsvpc` networking).
    Ip,
}

impl TargetType {
    /// Elastic Load Balancing's name, `ip`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ip => "ip",
        }
    }
}

/// Status code of a redirect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectStatus {
    /// 301, permanent.
    Permanent,
}

impl RedirectStatus {
    /// Elastic Load Balancing's name, `HTTP_301`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Permanent => "HTTP_301",
        }
    }
}

/// A load balancer and its listeners.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadBalancerPlan {
    /// The load balancer.
    pub rid: Rid,
    /// Its name (`load_balancer.physical_name` expanded for the region); `None`: the target
    /// generates one.
    pub name: Option<String>,
    /// Its kind.
    pub load_balancer_type: LoadBalancerType,
    /// Internal rather than internet-facing.
    pub internal: bool,
    /// Whether requests with header fields that are not valid HTTP are dropped rather than passed
    /// on to targets.
    pub drop_invalid_header_fields: bool,
    /// Subnets.
    pub subnets: Vec<Text>,
    /// Security group.
    pub security_group: Rid,
    /// Idle timeout.
    pub idle_timeout_seconds: u32,
    /// Deletion protection.
    pub deletion_protection: bool,
    /// Access logs bucket.
    pub access_logs: Option<BucketPlan>,
    /// Listeners.
    pub listeners: Vec<ListenerPlan>,
    /// Target groups.
    pub target_groups: Vec<TargetGroupPlan>,
}

/// A listener.
#[derive(Debug, Clone, PartialEq)]
pub struct ListenerPlan {
    /// The listener.
    pub rid: Rid,
    /// Port.
    pub port: u32,
    /// Protocol.
    pub protocol: Protocol,
    /// Certificate ARNs (HTTPS).
    pub certificates: Vec<Text>,
    /// TLS policy (HTTPS).
    pub ssl_policy: Option<String>,
    /// Default action.
    pub default_action: ListenerAction,
    /// Rules.
    pub rules: Vec<ListenerRulePlan>,
}

/// A listener's default action.
#[derive(Debug, Clone, PartialEq)]
pub enum ListenerAction {
    /// Redirect to the same host and path on another port and protocol.
    Redirect {
        /// Protocol of the redirect target.
        protocol: Protocol,
        /// Port.
        port: u32,
        /// Status code.
        status: RedirectStatus,
    },
    /// Fixed response.
    FixedResponse {
        /// HTTP status.
        status: u32,
        /// Content type of the (empty) body.
        content_type: String,
    },
}

/// A forward to a target group, weighted across blue and green when blue/green is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Forward {
    /// The production (blue) target group.
    pub target_group: Rid,
    /// The alternate (green) target group and the weights until ECS shifts traffic.
    pub alternate: Option<WeightedAlternate>,
}

/// The alternate (green) target group of a blue/green forward.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedAlternate {
    /// The alternate target group.
    pub target_group: Rid,
    /// Weight of the production group before a deployment shifts traffic.
    pub production_weight: u32,
    /// Weight of the alternate group before a deployment shifts traffic.
    pub alternate_weight: u32,
}

/// A routing rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ListenerRulePlan {
    /// The rule.
    pub rid: Rid,
    /// Priority.
    pub priority: u32,
    /// Host headers (may include the load balancer's own DNS name, so that Route 53 health
    /// checks, which send it as Host, reach the service).
    pub hosts: Vec<Text>,
    /// Path patterns.
    pub paths: Vec<String>,
    /// Where matching requests go.
    pub forward: Forward,
}

/// Target-group health check.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetHealth {
    /// Whether the load balancer checks targets.
    pub enabled: bool,
    /// Path.
    pub path: String,
    /// Interval.
    pub interval_seconds: u32,
    /// Timeout.
    pub timeout_seconds: u32,
    /// Healthy threshold.
    pub healthy_threshold: u32,
    /// Unhealthy threshold.
    pub unhealthy_threshold: u32,
    /// Healthy status codes.
    pub matcher: String,
}

/// A target group (two for blue/green).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetGroupPlan {
    /// Entity name.
    pub name: String,
    /// AWS name of the (blue) group (`physical_name` expanded for the region); `None`: the
    /// target generates one.
    pub physical_name: Option<String>,
    /// AWS name of the green group, when the stack names the groups.
    pub alternate_physical_name: Option<String>,
    /// The (blue) group.
    pub rid: Rid,
    /// The green group, for blue/green services.
    pub alternate: Option<Rid>,
    /// How targets register.
    pub target_type: TargetType,
    /// Target port.
    pub port: u32,
    /// Protocol to targets.
    pub protocol: Protocol,
    /// Health check.
    pub health: TargetHealth,
    /// Draining time.
    pub deregistration_delay_seconds: u32,
    /// Service registering in it.
    pub service: String,
}

/// The ECS cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterPlan {
    /// The cluster.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Whether CloudWatch Container Insights collects task and service metrics.
    pub container_insights: bool,
}

/// Where and how a service's tasks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskRuntime {
    /// Launch type.
    pub launch_type: LaunchType,
    /// Network mode.
    pub network_mode: NetworkMode,
    /// Operating system of the image.
    pub operating_system: OperatingSystem,
    /// CPU architecture of the image.
    pub cpu_architecture: CpuArchitecture,
}

/// ECS launch type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchType {
    /// AWS Fargate.
    Fargate,
}

impl LaunchType {
    /// ECS's name, `FARGATE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fargate => "FARGATE",
        }
    }
}

/// Task network mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkMode {
    /// Each task has its own network interface (the only mode Fargate offers).
    Awsvpc,
}

impl NetworkMode {
    /// ECS's name, `awsvpc`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Awsvpc => "awsvpc",
        }
    }
}

/// Operating system family of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatingSystem {
    /// Linux.
    Linux,
}

impl OperatingSystem {
    /// ECS's name, `LINUX`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Linux => "LINUX",
        }
    }
}

/// CPU architecture of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CpuArchitecture {
    /// x86-64.
    X86_64,
    /// 64-bit Arm (Graviton).
    Arm64,
}

impl CpuArchitecture {
    /// ECS's name, `X86_64`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::X86_64 => "X86_64",
            Self::Arm64 => "ARM64",
        }
    }
}

/// Where a container's output goes.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerLogging {
    /// Log driver.
    pub driver: LogDriver,
    /// Prefix of the log streams (followed by the container name and task ID).
    pub stream_prefix: String,
}

/// A container log driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogDriver {
    /// CloudWatch Logs, to the service's log group in the task's region.
    AwsLogs,
}

impl LogDriver {
    /// ECS's name, `awslogs`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwsLogs => "awslogs",
        }
    }
}

/// Where a service's tasks take their tags from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagPropagation {
    /// The service.
    Service,
}

impl TagPropagation {
    /// ECS's name, `SERVICE`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Service => "SERVICE",
        }
    }
}

/// Who deploys a service's new task sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeploymentController {
    /// ECS itself (rolling and native blue/green).
    Ecs,
}

impl DeploymentController {
    /// ECS's name, `ECS`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ecs => "ECS",
        }
    }
}

/// Deployment strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Rolling.
    Rolling,
    /// ECS native blue/green.
    BlueGreen,
}

impl Strategy {
    /// ECS's name, `ROLLING`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rolling => "ROLLING",
            Self::BlueGreen => "BLUE_GREEN",
        }
    }
}

/// An ECS service in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct ServicePlan {
    /// Entity name.
    pub name: String,
    /// The former name when the service was renamed (`renamed_from`): its IDs and physical
    /// names below derive from it.
    pub renamed_from: Option<String>,
    /// ECS service.
    pub rid: Rid,
    /// Task definition.
    pub task_definition: Rid,
    /// Task role.
    pub task_role: Rid,
    /// Execution role.
    pub execution_role: Rid,
    /// Statements of the execution role's policy (secrets and their keys), besides the managed
    /// `AmazonECSTaskExecutionRolePolicy`.
    pub execution_statements: Vec<Statement>,
    /// Name of that policy (unique within the role).
    pub execution_policy_name: String,
    /// Log group.
    pub log_group: Rid,
    /// Log group name.
    pub log_group_name: String,
    /// Log retention.
    pub log_retention_days: u32,
    /// Log encryption key ARN.
    pub log_kms_key: Text,
    /// Security group of the tasks.
    pub security_group: Rid,
    /// The region's group shared by every service's tasks for their egress to the database and
    /// cache writer candidates in peered regions (`links.rs`); `None`: the region reaches none.
    pub peer_security_group: Option<Rid>,
    /// Cluster.
    pub cluster: Rid,
    /// Service name.
    pub service_name: String,
    /// Task family.
    pub family: String,
    /// Container name.
    pub container_name: String,
    /// Image.
    pub image: Text,
    /// CPU units.
    pub cpu: u32,
    /// Memory, MiB.
    pub memory: u32,
    /// Launch type, network mode, operating system and architecture.
    pub runtime: TaskRuntime,
    /// Whether the container is essential (a task stops when it does).
    pub essential: bool,
    /// Container port; none for a worker, which takes no traffic (no port mapping).
    pub port: Option<u32>,
    /// Protocol of the container port.
    pub port_protocol: IpProtocol,
    /// Where the container logs.
    pub logging: ContainerLogging,
    /// The container's command, one argument per item; empty: the image's `CMD`.
    pub command: Vec<Text>,
    /// The container's entry point, one argument per item; empty: the image's `ENTRYPOINT`.
    pub entry_point: Vec<Text>,
    /// Environment, sorted by name.
    pub environment: Vec<(String, Text)>,
    /// Secrets: variable name and `valueFrom` (ARN with optional JSON key), sorted.
    pub secrets: Vec<(String, Text)>,
    /// Container health check.
    pub health_check: Option<ContainerHealth>,
    /// Desired tasks in this region.
    pub desired_count: u32,
    /// Deployment settings.
    pub deployment: DeploymentPlan,
    /// Load balancer attachment.
    pub load_balancer: Option<ServiceLoadBalancer>,
    /// Grace period for load-balancer health checks.
    pub health_check_grace_seconds: Option<u32>,
    /// Subnets the tasks run in.
    pub subnets: Vec<Text>,
    /// Whether tasks get a public IP address.
    pub assign_public_ip: bool,
    /// Where tasks take their tags from.
    pub tag_propagation: TagPropagation,
    /// Whether ECS tags tasks with their cluster and service.
    pub ecs_managed_tags: bool,
    /// Auto scaling.
    pub scaling: Option<ScalingPlan>,
    /// Alarms that fail a deployment.
    pub rollback_alarms: Vec<AlarmPlan>,
}

/// Container health check.
#[derive(Debug, Clone, PartialEq)]
pub struct ContainerHealth {
    /// The command as ECS takes it: `CMD-SHELL` and the shell command.
    pub command: Vec<String>,
    /// Interval.
    pub interval_seconds: u32,
    /// Timeout.
    pub timeout_seconds: u32,
    /// Retries.
    pub retries: u32,
    /// Start period.
    pub start_period_seconds: u32,
}

/// How a service deploys.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentPlan {
    /// Who deploys.
    pub controller: DeploymentController,
    /// Strategy.
    pub strategy: Strategy,
    /// Whether the deployment circuit breaker stops a rolling deployment whose tasks do not become
    /// healthy (it applies to rolling deployments only).
    pub circuit_breaker: bool,
    /// Minimum healthy percent.
    pub minimum_healthy_percent: u32,
    /// Maximum percent.
    pub maximum_percent: u32,
    /// Bake time (blue/green).
    pub bake_time_minutes: Option<u32>,
    /// Circuit breaker rolls back.
    pub rollback: bool,
    /// Whether the alarms fail deployments.
    pub alarms_enabled: bool,
    /// Blue/green wiring.
    pub blue_green: Option<BlueGreenPlan>,
    /// Runbooks wait this long for a rollback.
    pub max_rollback_seconds: u32,
}

/// ECS native blue/green wiring.
#[derive(Debug, Clone, PartialEq)]
pub struct BlueGreenPlan {
    /// Green target group.
    pub alternate_target_group: Rid,
    /// Listener rule ECS shifts.
    pub production_listener_rule: Rid,
    /// Role ECS assumes to change the rule.
    pub infrastructure_role: Rid,
}

/// A service's load-balancer attachment.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLoadBalancer {
    /// Target group.
    pub target_group: Rid,
    /// The listener rule that attaches the target group to the load balancer (listener default
    /// actions never forward); ECS refuses a service whose target group is not attached yet, so
    /// the service waits for it.
    pub listener_rule: Rid,
    /// Container port.
    pub container_port: u32,
}

/// Application Auto Scaling of a service.
#[derive(Debug, Clone, PartialEq)]
pub struct ScalingPlan {
    /// Scalable target.
    pub target: Rid,
    /// Application Auto Scaling's namespace of the target.
    pub service_namespace: String,
    /// The dimension scaled.
    pub scalable_dimension: String,
    /// The target's resource ID, `service/<cluster name>/<service name>`.
    pub resource_id: Text,
    /// How the policy scales.
    pub policy_type: ScalingPolicyType,
    /// The metric the policy tracks.
    pub metric: ScalingMetric,
    /// Target-tracking policy.
    pub policy: Rid,
    /// Name of the target-tracking policy (unique per scalable target).
    pub policy_name: String,
    /// Bounds.
    pub min: u32,
    /// Bounds.
    pub max: u32,
    /// CPU target.
    pub target_cpu_percent: u32,
    /// Scale-out cooldown.
    pub scale_out_cooldown_seconds: u32,
    /// Scale-in cooldown.
    pub scale_in_cooldown_seconds: u32,
    /// Scheduled actions.
    pub scheduled: Vec<ScheduledActionPlan>,
}

/// How a scaling policy scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalingPolicyType {
    /// Keeps a metric at a target value.
    TargetTracking,
}

impl ScalingPolicyType {
    /// Application Auto Scaling's name, `TargetTrackingScaling`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::TargetTracking => "TargetTrackingScaling",
        }
    }
}

/// A predefined metric of target-tracking scaling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalingMetric {
    /// Average CPU utilization of the service's tasks.
    EcsServiceAverageCpu,
}

impl ScalingMetric {
    /// Application Auto Scaling's name, `ECSServiceAverageCPUUtilization`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EcsServiceAverageCpu => "ECSServiceAverageCPUUtilization",
        }
    }
}

/// A scheduled action.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduledActionPlan {
    /// Name.
    pub name: String,
    /// Terraform resource (CloudFormation nests actions in the target).
    pub rid: Rid,
    /// Schedule expression.
    pub schedule: String,
    /// Time zone.
    pub timezone: String,
    /// New minimum.
    pub min: u32,
    /// New maximum.
    pub max: u32,
}

/// A database instance in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct DatabasePlan {
    /// The instance.
    pub rid: Rid,
    /// Identifier.
    pub identifier: String,
    /// Instance class.
    pub instance_class: String,
    /// Port.
    pub port: u32,
    /// Subnet group.
    pub subnet_group: Rid,
    /// Its description.
    pub subnet_group_description: String,
    /// Its subnets.
    pub subnets: Vec<Text>,
    /// Parameter group.
    pub parameter_group: ParameterGroupPlan,
    /// Storage volume type.
    pub storage_type: DbStorageType,
    /// Whether the instance has a public address.
    pub publicly_accessible: bool,
    /// Whether RDS applies minor engine upgrades in the maintenance window.
    pub auto_minor_version_upgrade: bool,
    /// Whether snapshots carry the instance's tags.
    pub copy_tags_to_snapshot: bool,
    /// Whether IAM database authentication is on.
    pub iam_authentication: bool,
    /// Whether Performance Insights is on (encrypted with `kms_key`).
    pub performance_insights: bool,
    /// Identifier of the snapshot taken when the instance is deleted or replaced; `None` for
    /// instances whose data is a copy (read replicas).
    pub final_snapshot: Option<String>,
    /// Security group.
    pub security_group: Rid,
    /// Encryption key ARN in this region.
    pub kms_key: Text,
    /// Deletion protection.
    pub deletion_protection: bool,
    /// Enhanced-monitoring role.
    pub monitoring_role: Rid,
    /// Enhanced-monitoring interval.
    pub monitoring_interval_seconds: u32,
    /// Performance Insights retention.
    pub performance_insights_retention_days: u32,
    /// Logs exported to CloudWatch.
    pub log_exports: Vec<String>,
    /// Writer or replica.
    pub role: DatabaseRole,
}

/// RDS storage volume type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbStorageType {
    /// General purpose SSD, gp3.
    Gp3,
    /// Provisioned IOPS SSD, io1.
    Io1,
    /// Provisioned IOPS SSD (Block Express), io2.
    Io2,
}

impl DbStorageType {
    /// RDS's name, `gp3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gp3 => "gp3",
            Self::Io1 => "io1",
            Self::Io2 => "io2",
        }
    }
}

/// A database engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatabaseEngine {
    /// RDS for PostgreSQL.
    Postgres,
}

impl DatabaseEngine {
    /// RDS's name, `postgres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Postgres => "postgres",
        }
    }
}

/// When RDS applies a parameter group's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterApplyMethod {
    /// At the next reboot (the only method static parameters accept).
    PendingReboot,
}

impl ParameterApplyMethod {
    /// RDS's name, `pending-reboot`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PendingReboot => "pending-reboot",
        }
    }
}

/// Parameter group.
#[derive(Debug, Clone, PartialEq)]
pub struct ParameterGroupPlan {
    /// The group.
    pub rid: Rid,
    /// Family, e.g. `postgres16`.
    pub family: String,
    /// Description.
    pub description: String,
    /// Parameters.
    pub parameters: BTreeMap<String, String>,
    /// When the values apply.
    pub apply_method: ParameterApplyMethod,
}

/// Writer or replica.
#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseRole {
    /// The writer.
    Writer(Box<WriterPlan>),
    /// A cross-region read replica.
    Replica(ReplicaPlan),
    /// A read replica a failover promoted, adopted as the writer in place.
    Promoted(Box<PromotedPlan>),
}

impl DatabaseRole {
    /// Whether the instance takes writes (created as the writer, or promoted).
    pub fn is_writer(&self) -> bool {
        !matches!(self, Self::Replica(_))
    }
}

/// A promoted replica adopted as the writer. It keeps every create-only setting it had as a
/// replica (identifier, key, subnet group, source region; no database name, user name or
/// storage-encryption flag, which it inherited) and gains the writer's mutable settings.
#[derive(Debug, Clone, PartialEq)]
pub struct PromotedPlan {
    /// Region of the writer it replicated, kept as its create-only source region.
    pub source_region: RegionCode,
    /// Storage autoscaling ceiling.
    pub max_storage_gb: u32,
    /// Multi-AZ.
    pub multi_az: bool,
    /// Backups.
    pub backup_retention_days: u32,
    /// Backup window.
    pub backup_window: String,
    /// Maintenance window.
    pub maintenance_window: String,
}

/// The master credentials of an adopted writer, in the unit of the writer that created them.
#[derive(Debug, Clone, PartialEq)]
pub struct AdoptedCredentialsPlan {
    /// Engine (a connection field of the secret).
    pub engine: DatabaseEngine,
    /// The field of the secret that holds the user name.
    pub username_field: String,
    /// The writer's port (a connection field of the secret).
    pub port: u32,
    /// The secret.
    pub secret: SecretPlan,
    /// Its attachment to the writer.
    pub secret_attachment: Rid,
    /// Password rotation, still run from the secret's region.
    pub rotation: RotationPlan,
    /// The adopted writer.
    pub writer: Rid,
    /// Its region.
    pub writer_region: RegionCode,
    /// Its identifier.
    pub writer_identifier: String,
    /// Its ARN: the attachment's target, in another region.
    pub writer_arn: Text,
    /// The CIDR of its VPC, which the rotation function reaches over the links between regions.
    pub writer_vpc_cidr: String,
}

/// The writer's own settings.
#[derive(Debug, Clone, PartialEq)]
pub struct WriterPlan {
    /// Engine.
    pub engine: DatabaseEngine,
    /// Engine version.
    pub engine_version: String,
    /// Whether storage is encrypted (with the instance's `kms_key`).
    pub storage_encrypted: bool,
    /// The field of the master secret that holds the user name.
    pub username_field: String,
    /// Database name.
    pub db_name: String,
    /// Storage.
    pub storage_gb: u32,
    /// Storage autoscaling ceiling.
    pub max_storage_gb: u32,
    /// Multi-AZ.
    pub multi_az: bool,
    /// Backups.
    pub backup_retention_days: u32,
    /// Backup window.
    pub backup_window: String,
    /// Maintenance window.
    pub maintenance_window: String,
    /// Master credentials.
    pub secret: SecretPlan,
    /// Attachment of the secret to the instance.
    pub secret_attachment: Rid,
    /// Password rotation.
    pub rotation: RotationPlan,
}

/// A replica's own settings.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicaPlan {
    /// Storage autoscaling ceiling: the replica's own, or the writer's, so the replica grows
    /// with it.
    pub max_storage_gb: u32,
    /// Multi-AZ as the stack sets it; `None` leaves it to RDS (single-AZ) and unwritten.
    pub multi_az: Option<bool>,
    /// Provisioned IOPS, when the stack gives them.
    pub iops: Option<u32>,
    /// ARN of the writer.
    pub source_arn: Text,
    /// Region of the writer.
    pub source_region: RegionCode,
    /// The master credentials' replica in this region.
    pub secret_arn: Text,
}

/// A generated secret.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretPlan {
    /// The secret.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Key ARN.
    pub kms_key: Text,
    /// Fixed JSON fields (`username`).
    pub fixed_fields: Vec<(String, String)>,
    /// Field that receives the generated value.
    pub generated_field: String,
    /// Length of the generated value.
    pub length: u32,
    /// Characters never generated.
    pub exclude_characters: String,
    /// The punctuation the generated value may contain: Secrets Manager's (printable ASCII
    /// that is neither a letter, a digit nor a space) without `exclude_characters`.
    pub punctuation: String,
    /// Replicas.
    pub replicas: Vec<SecretReplica>,
    /// Whether the secret survives stack deletion (what it holds may still be in use).
    pub retain: bool,
}

/// A secret replica.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretReplica {
    /// Region.
    pub region: RegionCode,
    /// Key ARN there.
    pub kms_key: Text,
}

/// Rotation of the master password by the AWS-hosted rotation function.
#[derive(Debug, Clone, PartialEq)]
pub struct RotationPlan {
    /// The schedule.
    pub rid: Rid,
    /// Which AWS-hosted rotation function rotates the secret.
    pub function: HostedRotation,
    /// The Serverless Application Repository application of that function in the stack's
    /// partition (what CloudFormation's hosted rotation deploys; Terraform deploys it directly).
    pub application_id: String,
    /// The Secrets Manager endpoint the function calls in the writer's region.
    pub endpoint: Text,
    /// Name of the rotation function (and, in Terraform, of the stack that deploys it).
    pub name: String,
    /// Days between rotations.
    pub days: u32,
    /// Security group of the rotation function.
    pub security_group: Rid,
    /// Subnets it runs in.
    pub subnets: Vec<Text>,
}

/// An AWS-hosted Secrets Manager rotation function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostedRotation {
    /// Rotates the password of a PostgreSQL user that the secret's credentials log in as.
    PostgresSingleUser,
}

impl HostedRotation {
    /// Its Serverless Application Repository application.
    pub fn application(self) -> &'static str {
        match self {
            Self::PostgresSingleUser => "SecretsManagerRDSPostgreSQLRotationSingleUser",
        }
    }

    /// CloudFormation's `HostedRotationLambda` type.
    pub fn rotation_type(self) -> &'static str {
        match self {
            Self::PostgresSingleUser => "PostgreSQLSingleUser",
        }
    }

    /// Capabilities the function's application needs when deployed.
    pub fn application_capabilities(self) -> &'static [&'static str] {
        match self {
            Self::PostgresSingleUser => &["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"],
        }
    }

    /// The output of the function's application that holds the function's ARN.
    pub fn function_arn_output(self) -> &'static str {
        match self {
            Self::PostgresSingleUser => "RotationLambdaARN",
        }
    }
}

/// The cache in one region.
#[derive(Debug, Clone, PartialEq)]
pub struct CachePlan {
    /// Replication group.
    pub rid: Rid,
    /// Replication group ID.
    pub replication_group_id: String,
    /// Description of the replication group.
    pub description: String,
    /// Whether cluster mode is on (for a secondary: the Global Datastore's mode).
    pub cluster_mode: bool,
    /// Subnet group.
    pub subnet_group: Rid,
    /// Subnet group name.
    pub subnet_group_name: String,
    /// Its description.
    pub subnet_group_description: String,
    /// Its subnets.
    pub subnets: Vec<Text>,
    /// Security group.
    pub security_group: Rid,
    /// Port.
    pub port: u32,
    /// Replicas per shard.
    pub replicas_per_shard: u32,
    /// Nodes of the one shard when cluster mode is off (the primary and its replicas); `None` in
    /// cluster mode, where shards and replicas per shard say it.
    pub node_count: Option<u32>,
    /// Whether ElastiCache places replicas in other zones and fails over across them.
    pub multi_az: bool,
    /// Whether a failed primary is replaced by a replica automatically.
    pub automatic_failover: bool,
    /// Which attribute is the endpoint clients use.
    pub endpoint: crate::value::Attr,
    /// Primary, Global Datastore secondary, or standalone.
    pub role: CacheRole,
    /// Whether this is a standalone group in a region the stack's Global Datastore leaves out
    /// (`cache.standalone_regions`): it replicates nothing, a failover never promotes it, and
    /// its region's `${cache...}` references name it. False in stacks without a Datastore.
    pub beside_global_datastore: bool,
}

impl CachePlan {
    /// Whether this group is the Global Datastore's primary: the one cache whose endpoint is
    /// every member region's write endpoint, and which a failover moves. Without a Datastore,
    /// every region's group is its own region's primary and nobody else's.
    pub fn heads_global_datastore(&self) -> bool {
        matches!(&self.role, CacheRole::Primary(primary) if primary.global.is_some())
    }
}

/// A cache's role.
#[derive(Debug, Clone, PartialEq)]
pub enum CacheRole {
    /// A cluster Meridian configures fully: standalone, or the Global Datastore primary.
    Primary(Box<CachePrimaryPlan>),
    /// A Global Datastore secondary: engine, node type, shards and encryption come from the
    /// primary.
    Secondary {
        /// Global Datastore ID.
        global_datastore_id: Text,
        /// The AUTH secret's replica in this region.
        auth_secret_arn: Text,
    },
}

/// Settings of a primary or standalone cache.
#[derive(Debug, Clone, PartialEq)]
pub struct CachePrimaryPlan {
    /// Engine.
    pub engine: CacheEngine,
    /// Engine version.
    pub engine_version: String,
    /// Whether data is encrypted at rest.
    pub at_rest_encryption: bool,
    /// Whether connections use TLS.
    pub transit_encryption: bool,
    /// Whether ElastiCache applies minor engine upgrades in the maintenance window.
    pub auto_minor_version_upgrade: bool,
    /// Name of the snapshot taken when the group is deleted or replaced.
    pub final_snapshot: Option<String>,
    /// Node type.
    pub node_type: String,
    /// Shards.
    pub shards: u32,
    /// Parameter group name (an ElastiCache default group).
    pub parameter_group_name: String,
    /// Snapshot retention.
    pub snapshot_retention_days: u32,
    /// AUTH token secret.
    pub auth_secret: SecretPlan,
    /// Global Datastore, when this is its primary.
    pub global: Option<GlobalDatastorePlan>,
}

/// A cache engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheEngine {
    /// Redis OSS.
    Redis,
}

impl CacheEngine {
    /// ElastiCache's name, `redis`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Redis => "redis",
        }
    }
}

/// The Global Datastore.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalDatastorePlan {
    /// The Global Datastore.
    pub rid: Rid,
    /// ID suffix.
    pub suffix: String,
    /// Description.
    pub description: String,
}

/// Topics and alarms of a unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AlertingPlan {
    /// Key encrypting the topics.
    pub key: Option<KeyPlan>,
    /// Topics.
    pub topics: Vec<TopicPlan>,
    /// Alarms.
    pub alarms: Vec<AlarmPlan>,
    /// Composite alarms: an alert whose metrics do not fit in one alarm, as the OR of its parts.
    pub composites: Vec<CompositeAlarmPlan>,
}

/// A composite alarm: in alarm when any of its parts is. The parts notify nobody; it does.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositeAlarmPlan {
    /// The alarm.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The rule, `ALARM("a") OR ALARM("b")`, over the parts' names.
    pub rule: String,
    /// The alarms the rule reads, which must exist first.
    pub parts: Vec<Rid>,
    /// Topics notified on alarm and on recovery.
    pub topics: Vec<Rid>,
}

/// An SNS topic for one notification target.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicPlan {
    /// Target name.
    pub target: String,
    /// The topic.
    pub rid: Rid,
    /// Its policy.
    pub policy_rid: Rid,
    /// Statements of its policy.
    pub policy_statements: Vec<Statement>,
    /// Name.
    pub name: String,
    /// Subscriptions.
    pub subscriptions: Vec<SubscriptionPlan>,
}

/// A subscription.
#[derive(Debug, Clone, PartialEq)]
pub struct SubscriptionPlan {
    /// The subscription.
    pub rid: Rid,
    /// `email` or `https`.
    pub protocol: String,
    /// Endpoint.
    pub endpoint: Text,
}

/// Alarm comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `>`.
    GreaterThan,
    /// `>=`.
    GreaterThanOrEqual,
    /// `<`.
    LessThan,
    /// `<=`.
    LessThanOrEqual,
}

impl Comparison {
    /// CloudWatch name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GreaterThan => "GreaterThanThreshold",
            Self::GreaterThanOrEqual => "GreaterThanOrEqualToThreshold",
            Self::LessThan => "LessThanThreshold",
            Self::LessThanOrEqual => "LessThanOrEqualToThreshold",
        }
    }
}

/// How missing data counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissingData {
    /// As not breaching.
    NotBreaching,
    /// As breaching.
    Breaching,
}

impl MissingData {
    /// CloudWatch name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotBreaching => "notBreaching",
            Self::Breaching => "breaching",
        }
    }
}

/// A metric and statistic.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricStat {
    /// Namespace.
    pub namespace: String,
    /// Metric name.
    pub metric: String,
    /// Dimensions.
    pub dimensions: Vec<(String, Text)>,
    /// The statistic.
    pub stat: Statistic,
}

/// A CloudWatch statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistic {
    /// `SampleCount`.
    SampleCount,
    /// `Average`.
    Average,
    /// `Sum`.
    Sum,
    /// `Minimum`.
    Minimum,
    /// `Maximum`.
    Maximum,
    /// A percentile, `p95` (CloudWatch's extended statistics).
    Percentile(u8),
}

impl Statistic {
    /// Whether it is an extended statistic (a percentile), which alarms name in
    /// `ExtendedStatistic` rather than `Statistic`.
    pub fn is_extended(self) -> bool {
        matches!(self, Self::Percentile(_))
    }
}

impl std::fmt::Display for Statistic {
    /// CloudWatch's name: `Sum`, `p95`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::SampleCount => f.write_str("SampleCount"),
            Self::Average => f.write_str("Average"),
            Self::Sum => f.write_str("Sum"),
            Self::Minimum => f.write_str("Minimum"),
            Self::Maximum => f.write_str("Maximum"),
            Self::Percentile(percent) => write!(f, "p{percent}"),
        }
    }
}

/// What an alarm evaluates.
#[derive(Debug, Clone, PartialEq)]
pub enum AlarmMetric {
    /// One metric.
    Single(MetricStat),
    /// Metric math over named inputs.
    Math {
        /// ID of the query that evaluates the expression (not one of the inputs').
        result_id: String,
        /// Expression.
        expression: String,
        /// Label of the result.
        label: String,
        /// Inputs with their IDs.
        inputs: Vec<(String, MetricStat)>,
    },
}

/// A CloudWatch alarm.
#[derive(Debug, Clone, PartialEq)]
pub struct AlarmPlan {
    /// The alarm.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Metric.
    pub metric: AlarmMetric,
    /// Comparison.
    pub comparison: Comparison,
    /// Threshold.
    pub threshold: f64,
    /// Period.
    pub period_seconds: u32,
    /// Evaluation periods.
    pub evaluation_periods: u32,
    /// Missing data.
    pub missing_data: MissingData,
    /// Topics notified on alarm and on recovery.
    pub topics: Vec<Rid>,
}

/// A Global Accelerator in front of the regional load balancers: one TCP listener on the load
/// balancers' listener ports, one endpoint group per region that runs a load balancer.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceleratorPlan {
    /// Unit (deployed to Global Accelerator's control-plane region).
    pub unit: UnitId,
    /// The accelerator.
    pub rid: Rid,
    /// Name (at most 64 characters).
    pub name: String,
    /// Whether it serves traffic.
    pub enabled: bool,
    /// Address family of its static addresses.
    pub ip_address_type: AcceleratorIpAddressType,
    /// The listener.
    pub listener: AcceleratorListenerPlan,
    /// One endpoint group per region with a load balancer, in declared order.
    pub endpoint_groups: Vec<EndpointGroupPlan>,
}

/// Address family of an accelerator's static addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceleratorIpAddressType {
    /// Two static IPv4 addresses.
    Ipv4,
}

impl AcceleratorIpAddressType {
    /// Global Accelerator's name, `IPV4`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ipv4 => "IPV4",
        }
    }
}

/// The accelerator's listener.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceleratorListenerPlan {
    /// The listener.
    pub rid: Rid,
    /// Transport protocol: TCP, which carries the load balancers' HTTP and HTTPS.
    pub protocol: AcceleratorProtocol,
    /// Ports accepted, each its own range: the load balancers' listener ports, ascending.
    pub ports: Vec<u32>,
    /// How clients are spread over endpoints.
    pub client_affinity: AcceleratorClientAffinity,
}

/// Transport protocol of an accelerator listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceleratorProtocol {
    /// TCP.
    Tcp,
}

impl AcceleratorProtocol {
    /// Global Accelerator's name, `TCP`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tcp => "TCP",
        }
    }
}

/// Client affinity of an accelerator listener.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceleratorClientAffinity {
    /// Each connection to the best endpoint.
    None,
    /// One source address, one endpoint.
    SourceIp,
}

impl AcceleratorClientAffinity {
    /// Global Accelerator's name, `NONE` or `SOURCE_IP`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::SourceIp => "SOURCE_IP",
        }
    }
}

/// An endpoint group: a region's load balancer behind the accelerator, with health checks.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointGroupPlan {
    /// The endpoint group.
    pub rid: Rid,
    /// The region.
    pub region: RegionCode,
    /// The region's load balancer's ARN (an import from its application unit).
    pub load_balancer_arn: Text,
    /// Weight of the load balancer in its group.
    pub weight: u32,
    /// Whether the load balancer sees the client's address.
    pub client_ip_preservation: bool,
    /// Share of the region's traffic the group takes, percent.
    pub traffic_dial_percent: u32,
    /// Health check protocol: HTTPS when the load balancer listens on TLS, else HTTP.
    pub health_check_protocol: Protocol,
    /// Health check port.
    pub health_check_port: u32,
    /// Health check path.
    pub health_check_path: String,
    /// Seconds between health checks (Global Accelerator takes 10 or 30).
    pub health_check_interval_seconds: u32,
    /// Consecutive checks that change an endpoint's health.
    pub threshold_count: u32,
}

/// Global resources.
#[derive(Debug, Clone, PartialEq)]
pub struct GlobalPlan {
    /// Unit.
    pub unit: UnitId,
    /// DNS.
    pub dns: Option<DnsPlan>,
    /// CDN.
    pub cdn: Option<CdnPlan>,
    /// Global topics and alarms.
    pub alerting: AlertingPlan,
    /// Dashboards.
    pub dashboards: Vec<DashboardPlan>,
    /// Rules forwarding the `primary_region_down` alarm to the failover target region
    /// (automatic failover).
    pub failover_rules: Vec<EventRulePlan>,
}

/// Latency routing.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsPlan {
    /// Hosted zone.
    pub hosted_zone_id: Text,
    /// Domain.
    pub domain: String,
    /// Whether records evaluate health (failover on).
    pub evaluate_health: bool,
    /// How long resolvers may keep an answer: the CNAME records' TTL, or the load balancer's
    /// 60 s that alias records answer with. Runbooks, estimates and ARCHITECTURE.md use it.
    pub effective_ttl_seconds: u32,
    /// Per region.
    pub regions: Vec<RegionalDnsPlan>,
    /// The further host names (`dns.hosts`), in the order declared, each with its records in
    /// the same zone.
    pub hosts: Vec<DnsHostPlan>,
}

/// A further host name of the DNS zone: latency records and health checks like the domain's,
/// aliasing the load balancer the host names.
#[derive(Debug, Clone, PartialEq)]
pub struct DnsHostPlan {
    /// The fully qualified name.
    pub name: String,
    /// The main load balancer (`None`) or the further one (`load_balancers`) it points at.
    pub load_balancer: Option<String>,
    /// Per region whose load balancer routes the name on HTTPS 443.
    pub regions: Vec<RegionalDnsPlan>,
}

/// A region's health check and latency record.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionalDnsPlan {
    /// Region.
    pub region: RegionCode,
    /// Health check.
    pub health_check: Rid,
    /// Latency record.
    pub record: Rid,
    /// Set identifier.
    pub set_identifier: String,
    /// Load balancer DNS name.
    pub target_dns_name: Text,
    /// Load balancer hosted zone.
    pub target_zone_id: Text,
    /// Health-check path.
    pub path: String,
    /// Protocol of the health check.
    pub protocol: Protocol,
    /// Whether the health check sends the host name by SNI (the load balancer serves its
    /// certificate by SNI).
    pub enable_sni: bool,
    /// Port.
    pub port: u32,
    /// Interval.
    pub interval_seconds: u32,
    /// Failure threshold.
    pub failure_threshold: u32,
    /// Name tag.
    pub name: String,
    /// Type of the latency record: `A` for an alias of the load balancer, `CNAME` for a record
    /// naming the load balancer's DNS name.
    pub record_type: DnsRecordType,
    /// The TTL of a CNAME record; `None` for an alias record, which has none of its own.
    pub cname_ttl_seconds: Option<u32>,
}

/// Type of a DNS record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DnsRecordType {
    /// IPv4 address.
    A,
    /// IPv6 address.
    Aaaa,
    /// Another name.
    Cname,
}

impl DnsRecordType {
    /// Route 53's name, `A`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::Aaaa => "AAAA",
            Self::Cname => "CNAME",
        }
    }
}

/// Which edge locations serve a distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceClass {
    /// North America and Europe.
    PriceClass100,
    /// Those, Asia, the Middle East and Africa.
    PriceClass200,
    /// Every edge location.
    All,
}

impl PriceClass {
    /// Every price class.
    pub const ALL: [Self; 3] = [Self::PriceClass100, Self::PriceClass200, Self::All];

    /// CloudFront's name, `PriceClass_100`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PriceClass100 => "PriceClass_100",
            Self::PriceClass200 => "PriceClass_200",
            Self::All => "PriceClass_All",
        }
    }

    /// The price class CloudFront calls `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|class| class.as_str() == name)
    }
}

impl std::fmt::Display for PriceClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The HTTP versions a distribution speaks to viewers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpVersion {
    /// HTTP/2 and HTTP/3 (and HTTP/1.1).
    Http2And3,
}

impl HttpVersion {
    /// CloudFront's name, `http2and3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Http2And3 => "http2and3",
        }
    }
}

/// What a distribution does with plain-HTTP viewer requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewerProtocolPolicy {
    /// Redirects them to HTTPS.
    RedirectToHttps,
}

impl ViewerProtocolPolicy {
    /// CloudFront's name, `redirect-to-https`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RedirectToHttps => "redirect-to-https",
        }
    }
}

/// How a distribution with its own certificate serves HTTPS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslSupportMethod {
    /// By SNI (no dedicated IP addresses).
    SniOnly,
}

impl SslSupportMethod {
    /// CloudFront's name, `sni-only`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SniOnly => "sni-only",
        }
    }
}

/// Countries a distribution refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoRestriction {
    /// None.
    None,
}

impl GeoRestriction {
    /// CloudFront's name, `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
        }
    }
}

/// How an origin access control signs CloudFront's requests to its origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OriginSigning {
    /// Kind of origin.
    pub origin_type: OriginType,
    /// When requests are signed.
    pub behavior: SigningBehavior,
    /// Signature protocol.
    pub protocol: SigningProtocol,
}

/// Kind of origin behind an origin access control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginType {
    /// An S3 bucket.
    S3,
}

impl OriginType {
    /// CloudFront's name, `s3`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::S3 => "s3",
        }
    }
}

/// When an origin access control signs requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningBehavior {
    /// Every request (replacing a viewer's `Authorization` header).
    Always,
}

impl SigningBehavior {
    /// CloudFront's name, `always`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Always => "always",
        }
    }
}

/// The signature protocol of an origin access control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SigningProtocol {
    /// AWS Signature Version 4.
    Sigv4,
}

impl SigningProtocol {
    /// CloudFront's name, `sigv4`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sigv4 => "sigv4",
        }
    }
}

/// The CDN.
#[derive(Debug, Clone, PartialEq)]
pub struct CdnPlan {
    /// Distribution.
    pub distribution: Rid,
    /// Origin access control.
    pub origin_access_control: Rid,
    /// Its name (unique in the account, at most 64 characters).
    pub origin_access_control_name: String,
    /// Origin bucket.
    pub bucket: BucketPlan,
    /// Aliases.
    pub aliases: Vec<String>,
    /// Certificate ARN.
    pub certificate: Option<Text>,
    /// Price class.
    pub price_class: PriceClass,
    /// Whether the distribution serves requests.
    pub enabled: bool,
    /// HTTP versions offered to viewers.
    pub http_version: HttpVersion,
    /// Whether the distribution answers over IPv6 too.
    pub ipv6: bool,
    /// Whether responses are compressed for viewers that accept it.
    pub compress: bool,
    /// What plain-HTTP requests get.
    pub viewer_protocol_policy: ViewerProtocolPolicy,
    /// Methods the distribution allows and caches.
    pub methods: Vec<String>,
    /// Countries refused.
    pub geo_restriction: GeoRestriction,
    /// How HTTPS is served with the distribution's own certificate.
    pub ssl_support_method: SslSupportMethod,
    /// How the origin access control signs requests to the bucket.
    pub origin_signing: OriginSigning,
    /// Default root object.
    pub default_root_object: String,
    /// Managed cache policy.
    pub cache_policy_id: String,
    /// Managed response headers policy.
    pub response_headers_policy_id: String,
    /// Oldest TLS version viewers may use with the certificate.
    pub minimum_protocol_version: String,
    /// The distribution's comment.
    pub comment: String,
    /// The origin access control's description.
    pub origin_access_control_description: String,
    /// The bucket origin's ID within the distribution.
    pub origin_id: String,
    /// Hosted zone of the distribution's domain name, for alias records.
    pub alias_hosted_zone_id: String,
    /// Alias records in the hosted zone.
    pub records: Vec<CdnRecordPlan>,
}

/// The alias records of one CDN alias: one per address family the distribution answers on. In
/// CloudFormation they are one record set group under the rid's logical ID; in Terraform one
/// record each, under `records`' names.
#[derive(Debug, Clone, PartialEq)]
pub struct CdnRecordPlan {
    /// The records.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Hosted zone.
    pub hosted_zone_id: Text,
    /// Comment of the record set group.
    pub comment: String,
    /// Each record's type and Terraform name.
    pub records: Vec<(DnsRecordType, String)>,
    /// Whether the aliases evaluate the distribution's health (CloudFront has none to evaluate).
    pub evaluate_target_health: bool,
}

/// A dashboard.
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardPlan {
    /// The dashboard.
    pub rid: Rid,
    /// Name.
    pub name: String,
    /// Body.
    pub body: JsonDoc,
}

/// A JSON document whose strings may hold deploy-time values (dashboard bodies).
#[derive(Debug, Clone, PartialEq)]
pub enum JsonDoc {
    /// JSON `null`.
    Null,
    /// A number.
    Number(i64),
    /// A string.
    String(Text),
    /// A boolean.
    Bool(bool),
    /// An array.
    Array(Vec<JsonDoc>),
    /// An object with keys in order.
    Object(Vec<(String, JsonDoc)>),
}

/// A file an emitter produces, with its path relative to the output directory. Emitters return
/// these; only the CLI writes them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct OutputFile {
    /// Relative path with `/` separators, e.g. `cloudformation/rail-backend-global.template.json`.
    pub path: String,
    /// Exact bytes (UTF-8 text ending with a newline).
    pub contents: String,
}

/// Where emitted files go as soon as they are finished, from whichever thread finished them
/// (the CLI writes each into its staging directory and drops it). An emitter hands a file out
/// whole, or, when it is large, in parts as it writes it.
pub trait FileSink: Sync {
    /// A whole file.
    fn file(&self, file: OutputFile);
    /// The next bytes of the file at `path`; `first` on its first part, which starts the file.
    /// The parts of one file come in order, from one thread, and together are UTF-8.
    fn part(&self, path: &str, bytes: &[u8], first: bool);
}
