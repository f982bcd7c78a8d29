//! Defaults for omitted settings, each with the reason it was chosen. The model keeps every
//! optional field `Option`; these are applied while resolving the plan, never earlier.

use crate::types::{
    DbStorageType, FlowLogTraffic, HttpVersion, ObjectOwnership, PriceClass, Protocol,
    PublicAccessBlock, Statistic, TagPropagation, ViewerProtocolPolicy,
};

/// Two zones: the minimum an ALB and a Multi-AZ database accept.
pub const AZ_COUNT: u8 = 2;
/// The accepter of a VPC peering accepts it when it is created: Meridian's peerings join VPCs of
/// one account, which needs no peering role (CloudFormation: "If the requester and acceptor VPCs
/// are in the same account, the peering request is accepted without a peering role"; Terraform
/// declares the accepter side with `auto_accept`).
pub const PEERING_AUTO_ACCEPT: bool = true;
/// Flow logs on: a reviewer expects network forensics to be possible.
pub const FLOW_LOGS: bool = true;
/// Flow-log retention: long enough for an incident review, short enough to stay cheap.
pub const FLOW_LOG_RETENTION_DAYS: u32 = 90;
/// Flow logs record accepted and rejected traffic: rejected connections are what an incident
/// review looks for first.
pub const FLOW_LOG_TRAFFIC: FlowLogTraffic = FlowLogTraffic::All;
/// DNS host names and the Amazon-provided resolver on: RDS and ElastiCache endpoints and
/// interface endpoints are DNS names that resolve only with both.
pub const VPC_DNS: bool = true;
/// Nothing gets a public address at launch, public subnets included: load balancers and NAT
/// gateways get theirs from AWS, and tasks run in private subnets.
pub const MAP_PUBLIC_IP_ON_LAUNCH: bool = false;
/// Public subnets get /24s (load balancers and NAT gateways need few addresses); private subnets
/// get what is left of the VPC evenly, as large as possible (tasks each take an address).
pub const PUBLIC_SUBNET_PREFIX: u8 = 24;

/// CloudFront and most browsers accept TLS 1.2+; this policy also offers TLS 1.3.
pub const TLS_POLICY: &str = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/// ALB idle timeout: the AWS default.
pub const IDLE_TIMEOUT_SECONDS: u32 = 60;
/// Deletion protection on: the ALB's DNS name is what Route 53 points at.
pub const LOAD_BALANCER_DELETION_PROTECTION: bool = true;
/// Access logs on: a reviewer expects request forensics.
pub const ACCESS_LOGS: bool = true;
/// Access-log retention in days: a quarter covers most investigations.
pub const ACCESS_LOG_RETENTION_DAYS: u32 = 90;
/// Target-group health checks: the AWS defaults for interval and timeout; three checks each way
/// keeps flapping down without slowing detection much.
pub const TARGET_HEALTH_INTERVAL_SECONDS: u32 = 30;
/// See [`TARGET_HEALTH_INTERVAL_SECONDS`].
pub const TARGET_HEALTH_TIMEOUT_SECONDS: u32 = 5;
/// See [`TARGET_HEALTH_INTERVAL_SECONDS`].
pub const TARGET_HEALTHY_THRESHOLD: u32 = 3;
/// See [`TARGET_HEALTH_INTERVAL_SECONDS`].
pub const TARGET_UNHEALTHY_THRESHOLD: u32 = 3;
/// Only 200 is healthy: a redirect from a health path usually means a misrouted check.
pub const TARGET_HEALTH_MATCHER: &str = "200";
/// Draining time: most API requests finish within seconds; the AWS default (300 s) slows every
/// deployment by five minutes.
pub const DEREGISTRATION_DELAY_SECONDS: u32 = 30;
/// Status of the default action of an HTTPS listener with rules but no catch-all.
pub const UNMATCHED_REQUEST_STATUS: u32 = 404;
/// Content type of that response (its body is empty).
pub const UNMATCHED_REQUEST_CONTENT_TYPE: &str = "text/plain";
/// Requests with header fields that are not valid HTTP are dropped at the load balancer: passed
/// on, they are a request-smuggling vector (AWS Security Hub ELB.4).
pub const DROP_INVALID_HEADER_FIELDS: bool = true;
/// Weights of a blue/green listener rule before ECS shifts traffic: everything to the production
/// (blue) target group, nothing to the alternate (green) one. ECS moves them during a deployment.
pub const BLUE_GREEN_PRODUCTION_WEIGHT: u32 = 100;
/// See [`BLUE_GREEN_PRODUCTION_WEIGHT`].
pub const BLUE_GREEN_ALTERNATE_WEIGHT: u32 = 0;
/// Whether Terraform's state object is encrypted at rest when the backend does not say: the
/// state holds every output and generated secret in clear text.
pub const TERRAFORM_STATE_ENCRYPT: bool = true;
/// The word a blue/green service's second target group adds to the name the stack gives the
/// first (`rail-backend-tg` → `rail-backend-tg-green`): both exist at once in one region, so
/// they need two names, and the word says which receives a new version.
pub const GREEN_TARGET_GROUP_SUFFIX: &str = "green";

/// Fargate tasks on x86 unless the image says otherwise.
pub const ARCHITECTURE_ARM64: bool = false;
/// Container Insights on: task- and service-level CPU, memory and network metrics for dashboards
/// and incident reviews (AWS Security Hub ECS.12).
pub const CONTAINER_INSIGHTS: bool = true;
/// Tasks get no public address: they run in private subnets and reach AWS and the internet
/// through NAT gateways (AWS Security Hub ECS.2).
pub const ASSIGN_PUBLIC_IP: bool = false;
/// Tasks carry their service's tags, so cost allocation sees them.
pub const TAG_PROPAGATION: TagPropagation = TagPropagation::Service;
/// ECS tags tasks with their cluster and service names too.
pub const ECS_MANAGED_TAGS: bool = true;
/// Rolling deployments stop (and roll back when rollback is on) when their tasks never become
/// healthy, instead of replacing them forever.
pub const CIRCUIT_BREAKER: bool = true;
/// Log retention: a month of application logs.
pub const LOG_RETENTION_DAYS: u32 = 30;
/// Container health check, the ECS defaults.
pub const CONTAINER_HEALTH_INTERVAL_SECONDS: u32 = 30;
/// See [`CONTAINER_HEALTH_INTERVAL_SECONDS`].
pub const CONTAINER_HEALTH_TIMEOUT_SECONDS: u32 = 5;
/// See [`CONTAINER_HEALTH_INTERVAL_SECONDS`].
pub const CONTAINER_HEALTH_RETRIES: u32 = 3;
/// See [`CONTAINER_HEALTH_INTERVAL_SECONDS`].
pub const CONTAINER_HEALTH_START_PERIOD_SECONDS: u32 = 0;
/// Grace period before load-balancer checks count against a new task: long enough for a JVM or
/// a migration check to start.
pub const HEALTH_CHECK_GRACE_SECONDS: u32 = 60;
/// Rolling deployments keep full capacity and may double it briefly.
pub const MINIMUM_HEALTHY_PERCENT: u32 = 100;
/// See [`MINIMUM_HEALTHY_PERCENT`].
pub const MAXIMUM_PERCENT: u32 = 200;
/// Blue/green bake time: ten minutes of real traffic before the old version goes.
pub const BAKE_TIME_MINUTES: u32 = 10;
/// Rollback is on unless turned off: a failed deployment should not stay half-done.
pub const ROLLBACK_ENABLED: bool = true;
/// Rollback alarm period.
pub const ROLLBACK_EVALUATION_PERIOD_SECONDS: u32 = 60;
/// How long runbooks wait for a rollback to settle.
pub const MAX_ROLLBACK_TIME_SECONDS: u32 = 600;
/// Target-tracking CPU target: leaves headroom for a region absorbing failed-over traffic.
pub const TARGET_CPU_PERCENT: u32 = 60;
/// Scale-out fast, scale-in slowly.
pub const SCALE_OUT_COOLDOWN_SECONDS: u32 = 60;
/// See [`SCALE_OUT_COOLDOWN_SECONDS`].
pub const SCALE_IN_COOLDOWN_SECONDS: u32 = 300;
/// Scheduled actions without a time zone run in UTC, as Application Auto Scaling does.
pub const SCHEDULE_TIMEZONE: &str = "UTC";

/// PostgreSQL version when none is given: a current 16.x minor.
pub const POSTGRES_VERSION: &str = "16.13";
/// PostgreSQL's standard port.
pub const POSTGRES_PORT: u32 = 5432;
/// 100 GiB of gp3: the gp3 baseline performance needs no provisioning below 400 GiB.
pub const STORAGE_GB: u32 = 100;
/// Storage autoscaling up to ten times the allocation.
pub const MAX_STORAGE_FACTOR: u32 = 10;
/// Require TLS: credentials cross the VPC.
pub const SSL_REQUIRED: bool = true;
/// A week of point-in-time recovery.
pub const BACKUP_RETENTION_DAYS: u32 = 7;
/// Multi-AZ writer: an AZ failure should not need a regional failover.
pub const MULTI_AZ: bool = true;
/// Databases are protected from deletion.
pub const DELETION_PROTECTION: bool = true;
/// `max_wal_senders`: room for every replica plus logical consumers.
pub const MAX_WAL_SENDERS: u32 = 10;
/// Replica promotion wait used by runbooks.
pub const PROMOTION_TIMEOUT_SECONDS: u32 = 120;
/// How long the failover workflow waits for a promotion at most, past the stack's
/// `promotion_timeout_seconds` (its budget, after which the workflow notifies and keeps
/// waiting): RDS says a promotion "takes a few minutes", longer for large instances with much
/// to recover, and a promotion cannot be undone, so giving up early only leaves the region
/// without its writer.
pub const PROMOTION_WAIT_LIMIT_SECONDS: u32 = 1800;
/// Probe interval used by runbooks while promoting.
pub const PROMOTION_PROBE_INTERVAL_SECONDS: u32 = 10;
/// Master password rotation: monthly.
pub const PASSWORD_ROTATION_DAYS: u32 = 30;
/// Read routing when none is given.
pub const READ_ROUTING: &str = "latency";
/// Backups in the quiet hours of the Americas and Europe.
pub const BACKUP_WINDOW: &str = "03:00-04:00";
/// Maintenance after the backup window.
pub const MAINTENANCE_WINDOW: &str = "sun:05:00-sun:06:00";
/// Performance Insights free tier retention.
pub const PERFORMANCE_INSIGHTS_RETENTION_DAYS: u32 = 7;
/// Enhanced monitoring interval.
pub const ENHANCED_MONITORING_SECONDS: u32 = 60;
/// Master user name.
pub const MASTER_USERNAME: &str = "meridian_admin";
/// Data stores encrypt at rest (with the region's data key where the service takes one) and
/// caches in transit too: nothing Meridian stores is meant to be readable off a disk or the wire.
pub const ENCRYPTION_AT_REST: bool = true;
/// See [`ENCRYPTION_AT_REST`].
pub const ENCRYPTION_IN_TRANSIT: bool = true;
/// Databases have no public address: only tasks and the rotation function in the VPC reach
/// them (AWS Security Hub RDS.2).
pub const DATABASE_PUBLICLY_ACCESSIBLE: bool = false;
/// Snapshots carry the instance's tags, so cost allocation and backup policies see them
/// (AWS Security Hub RDS.17).
pub const COPY_TAGS_TO_SNAPSHOT: bool = true;
/// gp3: the current general-purpose SSD, with baseline IOPS independent of size and cheaper than
/// gp2.
pub const DATABASE_STORAGE_TYPE: DbStorageType = DbStorageType::Gp3;
/// Minor engine versions are patch releases (security fixes); RDS and ElastiCache apply them in
/// the maintenance window (AWS Security Hub RDS.13, ElastiCache.2).
pub const AUTO_MINOR_VERSION_UPGRADE: bool = true;
/// IAM database authentication on: applications can log in with short-lived IAM tokens instead
/// of the master password (AWS Security Hub RDS.10).
pub const IAM_DATABASE_AUTHENTICATION: bool = true;
/// Performance Insights on, encrypted with the region's data key: its free tier covers the
/// retention below.
pub const PERFORMANCE_INSIGHTS: bool = true;
/// Generated secrets (database credentials, AUTH tokens) outlive their stack: what they hold may
/// still be in use by a restored instance or a client.
pub const RETAIN_SECRETS: bool = true;
/// Length of the generated database master password: 32 characters of letters, digits and the
/// punctuation RDS accepts, far beyond guessing.
pub const DATABASE_PASSWORD_LENGTH: u32 = 32;
/// Length of the generated Redis AUTH token: 64 characters (ElastiCache accepts 16 to 128).
pub const CACHE_AUTH_TOKEN_LENGTH: u32 = 64;

/// Redis version when none is given.
pub const REDIS_VERSION: &str = "7.1";
/// Redis's standard port.
pub const REDIS_PORT: u32 = 6379;
/// Shards in cluster mode: the seed's three nodes.
pub const CACHE_SHARDS: u32 = 3;
/// One replica per shard: survives a node failure.
pub const REPLICAS_PER_SHARD: u32 = 1;
/// Days of cache snapshots.
pub const CACHE_SNAPSHOT_DAYS: u32 = 3;

/// Customer-managed keys rotate their key material yearly: CIS and AWS Security Hub ask for it,
/// and rotation keeps old material for decryption, so it costs nothing in availability.
pub const KEY_ROTATION: bool = true;
/// Keys outlive their stack: data encrypted under a deleted key is lost for good.
pub const RETAIN_KEYS: bool = true;

/// Versioning on: replication and Object Lock need it and it protects against overwrites.
pub const VERSIONING: bool = true;
/// Delete markers are not replicated: a deletion in one region should not remove the audit copy.
pub const REPLICATE_DELETE_MARKERS: bool = false;
/// Incomplete multipart uploads are aborted after a week: an upload still unfinished then is
/// abandoned, and its parts are billed while invisible.
pub const ABORT_INCOMPLETE_UPLOADS_DAYS: u32 = 7;
/// No bucket of Meridian's is public: CloudFront reads its origin through origin access control
/// and load balancers write their logs under a bucket policy, so every kind of public access is
/// blocked (CIS S3.1, and the AWS default for new buckets since April 2023).
pub const PUBLIC_ACCESS_BLOCK: PublicAccessBlock = PublicAccessBlock {
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
};
/// ACLs disabled: access to objects is decided by policies alone (the AWS default for new buckets
/// since April 2023, and what replication across accounts' ownership needs).
pub const OBJECT_OWNERSHIP: ObjectOwnership = ObjectOwnership::BucketOwnerEnforced;
/// S3 Bucket Keys on for SSE-KMS buckets: S3 asks KMS for a bucket-level key instead of one data
/// key per object, which cuts KMS requests and their cost by up to 99 % (AWS S3 user guide,
/// "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys").
pub const BUCKET_KEYS: bool = true;
/// Buckets outlive their stack: their objects (audit logs, backups) are the point of them.
pub const RETAIN_BUCKETS: bool = true;
/// Replication rules replicate every object (an empty key prefix).
pub const REPLICATED_PREFIX: &str = "";
/// The only replication time S3 Replication Time Control offers.
pub const RTC_MINUTES: u32 = 15;

/// DNS TTL the runbooks assume for resolvers.
pub const DNS_TTL_SECONDS: u32 = 60;
/// TTL of a load balancer's own DNS records, which alias records inherit: Route 53 cannot serve
/// an alias answer for less.
pub const ALIAS_TARGET_TTL_SECONDS: u32 = 60;
/// Route 53 health-check interval.
pub const DNS_HEALTH_INTERVAL_SECONDS: u32 = 30;
/// Route 53 health-check failure threshold.
pub const DNS_FAILURE_THRESHOLD: u32 = 3;
/// Probe timeout used by runbooks.
pub const DNS_PROBE_TIMEOUT_SECONDS: u32 = 5;

/// CloudFront price class: North America and Europe, the cheapest.
pub const PRICE_CLASS: PriceClass = PriceClass::PriceClass100;
/// HTTP/2 and HTTP/3 for viewers: fewer round trips on lossy mobile networks, and browsers fall
/// back on their own.
pub const CDN_HTTP_VERSION: HttpVersion = HttpVersion::Http2And3;
/// The distribution answers over IPv6 too (hence an AAAA record next to each A record).
pub const CDN_IPV6: bool = true;
/// Global Accelerator's default endpoint weight (0 to 255): one load balancer per group, so
/// the weight only matters against a future second endpoint.
pub const ACCELERATOR_ENDPOINT_WEIGHT: u32 = 128;
/// The load balancers see the client's address (their logs, and their rules, keep working as
/// with direct traffic); internet-facing Application Load Balancers support it.
pub const ACCELERATOR_CLIENT_IP_PRESERVATION: bool = true;
/// Every region's endpoint group takes all of the traffic routed to it; an operator turns a
/// region's dial down to drain it.
pub const ACCELERATOR_TRAFFIC_DIAL_PERCENT: u32 = 100;
/// Health checks of an endpoint group whose load balancer has no listener or target group to
/// copy them from: Global Accelerator's own defaults (HTTP, port 80, path `/`).
pub const ACCELERATOR_HEALTH_CHECK_PROTOCOL: Protocol = Protocol::Http;
/// See [`ACCELERATOR_HEALTH_CHECK_PROTOCOL`].
pub const ACCELERATOR_HEALTH_CHECK_PORT: u32 = 80;
/// See [`ACCELERATOR_HEALTH_CHECK_PROTOCOL`].
pub const ACCELERATOR_HEALTH_CHECK_PATH: &str = "/";
/// The accelerator serves traffic unless the stack says `enabled: false`.
pub const ACCELERATOR_ENABLED: bool = true;

/// Compressed responses for viewers that accept them: static assets shrink several times.
pub const CDN_COMPRESS: bool = true;
/// Plain-HTTP viewers are redirected to HTTPS rather than served or refused.
pub const CDN_VIEWER_PROTOCOL_POLICY: ViewerProtocolPolicy = ViewerProtocolPolicy::RedirectToHttps;
/// The oldest TLS version CloudFront accepts from viewers with an ACM certificate: TLS 1.2 with
/// the current cipher list, as the load balancers' policy.
pub const CDN_MINIMUM_PROTOCOL_VERSION: &str = "TLSv1.2_2021";
/// Object served for `/`.
pub const DEFAULT_ROOT_OBJECT: &str = "index.html";
/// CloudFront managed cache policy `CachingOptimized`.
pub const CDN_CACHE_POLICY_ID: &str = "658327ea-f89d-4fab-a63d-7e88639e58f6";
/// CloudFront managed response headers policy `SecurityHeadersPolicy`.
pub const CDN_RESPONSE_HEADERS_POLICY_ID: &str = "67f7725c-6f97-4210-82d7-5512b31e9d03";

/// Failover on when a `failover` block is present.
pub const FAILOVER_ENABLED: bool = true;

/// Whether the stack asks for failover: a `failover` block, not disabled. Without the block
/// there is no failover workflow.
pub fn failover_enabled(failover: Option<&meridian_model::Failover>) -> bool {
    failover.is_some_and(|failover| failover.enabled.unwrap_or(FAILOVER_ENABLED))
}

/// Whether DNS records evaluate the regions' health: unless failover is turned off explicitly
/// (`failover.enabled: false`), routing around a failed region needs no workflow, so a stack
/// without a `failover` block still gets it.
pub fn records_evaluate_health(failover: Option<&meridian_model::Failover>) -> bool {
    failover.is_none_or(|failover| failover.enabled.unwrap_or(FAILOVER_ENABLED))
}
/// Periods the primary-region health alarm must breach.
pub const FAILOVER_EVALUATION_PERIODS: u32 = 1;
/// Seconds the primary stays healthy before failback.
pub const FAILBACK_WAIT_SECONDS: u32 = 300;
/// Who starts a failover when `failover.mode` is omitted: an operator, from the promote runbook.
/// Promoting a replica cannot be undone, so the automatic start is opted into.
pub const FAILOVER_AUTOMATIC: bool = false;
/// Retention of the failover workflows' execution logs: a year, so a failover's record outlives
/// the post-incident review.
pub const WORKFLOW_LOG_RETENTION_DAYS: u32 = 365;
/// Whether the workflows log each state's input and output: they carry endpoint addresses and
/// region codes, no credentials, and an operator needs them to follow a failover.
pub const WORKFLOW_INCLUDE_EXECUTION_DATA: bool = true;
/// Whether the workflows are traced with X-Ray (a failover crosses several services).
pub const WORKFLOW_TRACING: bool = true;
/// Seconds the failover workflow waits for the Global Datastore to make the region its primary
/// before it stops and notifies: a Global Datastore failover typically takes a few minutes.
pub const GLOBAL_DATASTORE_FAILOVER_TIMEOUT_SECONDS: u32 = 900;
/// Seconds the failover budget allows the Global Datastore to make the promoted region its
/// primary. AWS's Global Datastore overview says a promotion typically completes in under a
/// minute; the budget takes the whole minute (the workflow itself waits up to
/// [`GLOBAL_DATASTORE_FAILOVER_TIMEOUT_SECONDS`] before it gives up).
pub const GLOBAL_DATASTORE_FAILOVER_BUDGET_SECONDS: u32 = 60;
/// Seconds the failover budget allows `WriterMoved` to reach every region's default bus and the
/// regions' workflows to start and rewrite their endpoint parameters: EventBridge delivers to a
/// rule's target, in its own or another region, within seconds, and `ssm:PutParameter` answers in
/// well under one; a quarter of a minute leaves room for a delivery retry.
pub const ENDPOINT_UPDATE_BUDGET_SECONDS: u32 = 15;
/// Seconds the failover budget allows one plain AWS call of a workflow (raising a scalable
/// target's minimum, publishing to a topic): such calls answer in well under a second, and Step
/// Functions moves between states in milliseconds.
pub const WORKFLOW_CALL_BUDGET_SECONDS: u32 = 5;

/// Alert period.
pub const ALERT_PERIOD_SECONDS: u32 = 60;
/// Alert evaluation periods: three minutes of breach before paging.
pub const ALERT_EVALUATION_PERIODS: u32 = 3;
/// Latency alerts, targets and dashboards watch the 95th percentile: what most users see, without
/// the noise of the slowest few requests.
pub const LATENCY_STATISTIC: Statistic = Statistic::Percentile(95);
/// A deployment rolls back on the 99th percentile: a new version that slows even a few requests
/// down is caught before it takes all the traffic.
pub const ROLLBACK_LATENCY_STATISTIC: Statistic = Statistic::Percentile(99);
/// Dashboard widget period.
pub const WIDGET_PERIOD_SECONDS: u32 = 60;
/// Dashboard widgets sit two to a row, each half of CloudWatch's grid wide
/// ([`crate::aws::limits::DASHBOARD_GRID_COLUMNS`]).
pub const WIDGETS_PER_ROW: u32 = 2;
/// Widget height in grid rows: CloudWatch's default for a metric widget.
pub const WIDGET_HEIGHT: u32 = 6;
/// Replication-latency alarms compare the maximum of each five minutes with the bucket's target:
/// S3 publishes replication metrics per minute, and one slow object is not a trend.
pub const REPLICATION_LATENCY_PERIOD_SECONDS: u32 = 300;
/// They fire after three such periods in a row: a quarter of an hour behind is worth a page.
pub const REPLICATION_LATENCY_EVALUATION_PERIODS: u32 = 3;

/// Seconds Fargate needs to place a task and pull its image before health checks start: about a
/// minute is typical, twice that leaves room for large images and capacity retries.
pub const TASK_PROVISIONING_SECONDS: u32 = 120;
/// Seconds between status polls of runbooks: the interval of the AWS CLI's own ECS waiters.
pub const POLL_INTERVAL_SECONDS: u32 = crate::aws::ECS_WAITER_DELAY_SECONDS;
/// Seconds of `ReplicaLag` history runbooks inspect before a promotion: five datapoints, enough
/// to see a trend rather than one spike.
pub const REPLICA_LAG_WINDOW_SECONDS: u32 = 5 * crate::aws::RDS_METRIC_PERIOD_SECONDS;
/// Seconds between progress lines while a runbook waits out a fixed time: often enough to show
/// it is alive, rarely enough to stay readable.
pub const WAIT_REPORT_SECONDS: u32 = 15;

/// Ranges Meridian accepts where AWS accepts more (or has no limit): each keeps a setting where
/// the plan's arithmetic and the runbooks make sense. The reason is on each constant; AWS's own
/// limits are in [`crate::aws::limits`].
pub mod bounds {
    use std::ops::RangeInclusive;

    use meridian_model::AlertCondition;

    /// Connections one task's pool opens: at least one, and no more than PostgreSQL's most
    /// backends (the top of `aws::limits::POSTGRES_MAX_CONNECTIONS`).
    pub const POOL_SIZE: RangeInclusive<u32> = 1..=262_143;

    /// Recovery time and point objectives, in minutes: up to a week, so the plan's seconds (and
    /// every `× 60`) stay in range and a runbook's wait stays meaningful.
    pub const OBJECTIVE_MINUTES: RangeInclusive<u32> = 1..=10_080;
    /// Per-region p95 latency targets, in milliseconds: up to a minute.
    pub const LATENCY_TARGET_MS: RangeInclusive<u32> = 1..=60_000;
    /// VPC prefixes Meridian lays subnets out in: AWS accepts /16 to /28, but public subnets are
    /// /24s ([`super::PUBLIC_SUBNET_PREFIX`]), so a VPC is at least that large.
    pub const VPC_PREFIX: RangeInclusive<u8> = 16..=24;
    /// Ports a Redis cache may listen on: unprivileged ones.
    pub const CACHE_PORTS: RangeInclusive<u32> = 1024..=65_535;
    /// `max_wal_senders`: one per replica plus spares; more than 100 is a typo.
    pub const MAX_WAL_SENDERS: RangeInclusive<u32> = 1..=100;
    /// Seconds a runbook waits for a replica's promotion: at least the half minute RDS needs, at
    /// most an hour.
    pub const PROMOTION_TIMEOUT_SECONDS: RangeInclusive<u32> = 30..=3600;
    /// Seconds between a runbook's probes while a replica is promoted.
    pub const PROMOTION_PROBE_INTERVAL_SECONDS: RangeInclusive<u32> = 1..=300;
    /// Seconds a runbook probe waits for an answer.
    pub const PROBE_TIMEOUT_SECONDS: RangeInclusive<u32> = 1..=30;
    /// ECS `maximumPercent` of a rolling deployment: full capacity at least, a second full set
    /// of tasks at most.
    pub const MAXIMUM_PERCENT: RangeInclusive<u32> = 100..=200;
    /// The p99 latency, in milliseconds, that fails a deployment: up to ten minutes.
    pub const ROLLBACK_LATENCY_MS: RangeInclusive<u32> = 1..=600_000;
    /// Seconds runbooks wait for a rollback, and a failback waits for a healthy primary: a
    /// minute to a day.
    pub const WAIT_SECONDS: RangeInclusive<u32> = 60..=86_400;
    /// Consecutive breaching periods before an alarm fires.
    pub const ALARM_EVALUATION_PERIODS: RangeInclusive<u32> = 1..=100;
    /// Consecutive failed minutes of the primary's health check before a failover.
    pub const FAILOVER_EVALUATION_PERIODS: RangeInclusive<u32> = 1..=10;
    /// Target-tracking CPU targets, in percent: below 10 never scales in, above 90 leaves no
    /// headroom.
    pub const TARGET_CPU_PERCENT: RangeInclusive<u32> = 10..=90;
    /// Certificates an HTTPS listener may list: Meridian attaches one.
    pub const CERTIFICATES_PER_LISTENER: usize = 1;
    /// Condition values Meridian adds to every ALB rule: the load balancer's own DNS name, so
    /// health checks reach it.
    pub const ADDED_CONDITION_VALUES: usize = 1;

    /// The unit of an alert's threshold and the range that makes sense for it.
    pub fn alert_threshold(condition: AlertCondition) -> (&'static str, f64, f64) {
        match condition {
            AlertCondition::PrimaryRegionDown => ("", 0.0, 0.0),
            AlertCondition::ReplicaLag => ("seconds", 1.0, 86_400.0),
            AlertCondition::Latency => ("milliseconds", 1.0, 600_000.0),
            AlertCondition::FailedHealthChecks => ("targets", 0.0, 10_000.0),
            AlertCondition::ErrorRate => ("a share of requests", 0.000_001, 1.0),
            AlertCondition::Http5xx => ("responses per period", 1.0, 1.0e9),
            AlertCondition::ServiceCpu | AlertCondition::DatabaseCpu => ("percent", 1.0, 100.0),
            // Any metric, in its own unit: every finite value is one it may reach.
            AlertCondition::Metric => ("the metric's unit", f64::MIN, f64::MAX),
        }
    }
}

/// What the plan lets one CloudFormation unit hold when it splits a region's services over
/// several units, below CloudFormation's quotas (`aws::limits::CFN_*`): the plan counts the
/// resources, outputs and parameters it names exactly, and the headroom covers the template
/// bytes (a region's resources average under 1 KB each, so 400 stay far below 1 MB) and the
/// outputs the CloudFormation emitter adds where a services unit refers to the application
/// unit's resources (cluster, listeners, security groups, topics, keys).
pub mod unit_budget {
    /// Resources per unit (CloudFormation allows 500).
    pub const RESOURCES: usize = 400;
    /// Outputs per unit (CloudFormation allows 200).
    pub const OUTPUTS: usize = 150;
    /// Parameters per unit (CloudFormation allows 200).
    pub const PARAMETERS: usize = 150;
    /// Template bytes per unit (CloudFormation reads at most 1 MB), estimated as
    /// [`BYTES_PER_RESOURCE`] for each resource plus the text the stack puts in its services'
    /// container definitions.
    pub const BYTES: usize = 900_000;
    /// The bytes one resource takes in a template, generously: the resources of the largest
    /// generated regions average under 1,100 bytes.
    pub const BYTES_PER_RESOURCE: usize = 1_500;
    /// The bytes a deploy-time reference is counted at in a container definition.
    pub const BYTES_PER_REFERENCE: usize = 128;
}
