//! The registry of diagnostic codes: every code the loader and the plan's checks emit, each a
//! constant with the one-line summary README's "Error codes" table is generated from (a test in
//! `crates/cli/tests/suite/docs.rs` keeps the table equal to [`ALL`]). A code's letter is its
//! severity: `E` stops synthesis, `W` does not.

use std::fmt;

use crate::diagnostic::Severity;

/// A stable diagnostic code and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Code {
    id: &'static str,
    summary: &'static str,
}

impl Code {
    /// The code as written in messages and README, `E301`.
    pub const fn id(self) -> &'static str {
        self.id
    }

    /// What the code means, as README's table says it.
    pub const fn summary(self) -> &'static str {
        self.summary
    }

    /// `Warning` for `W` codes, `Error` for every other.
    pub fn severity(self) -> Severity {
        if self.id.starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// The registered code written `id`, if there is one.
    pub fn find(id: &str) -> Option<Self> {
        ALL.iter().copied().find(|code| code.id == id)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.id)
    }
}

/// A code serializes as its ID, `"E301"`, as in JSON and SARIF reports.
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id)
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.id == *other
    }
}

/// Declares each code as a constant named after it, and [`ALL`] in declaration order.
macro_rules! codes {
    ($($name:ident => $summary:literal,)*) => {
        $(
            #[doc = $summary]
            pub const $name: Code = Code { id: stringify!($name), summary: $summary };
        )*
        /// Every code, in README order: loader errors, then the plan's by area, then warnings.
        pub const ALL: &[Code] = &[$($name),*];
    };
}

codes! {
    E001 => "the file is not UTF-8",
    E002 => "the file is empty (or only comments)",
    E003 => "YAML syntax error, or an alias to an undefined anchor",
    E004 => "the document is not a mapping",
    E005 => "the document is too large or too deep: more than 100,000 nodes (itself or with aliases expanded: an alias bomb), or nested beyond the parser's limit",
    E006 => "unknown field (with the closest known field)",
    E007 => "missing required field",
    E008 => "wrong type (including YAML 1.1 booleans such as `yes`)",
    E009 => "unknown enum value (with the closest allowed value)",
    E010 => "duplicate key",
    E011 => "file larger than 1 MiB",
    E012 => "more than one YAML document",
    E013 => "any other deserialization failure",
    E014 => "`environments` not a mapping of environment names to overlays, an invalid environment name, or an overlay that is not a mapping",
    E015 => "an environment's overlay sets `stack` or `environments`, which only the base may",
    E016 => "an overlay's item of a list merged by name without its name, or `remove` not alone with the name or not `true`",
    E017 => "an overlay removes an entity the base does not declare",
    E018 => "`--env` names an environment the stack file does not declare, or a stack without environments",
    E019 => "two environments of one stack file share a physical name",
    E100 => "invalid stack name, or one that makes bucket names start with a prefix S3 reserves",
    E101 => "not an AWS region code",
    E102 => "not exactly one primary region",
    E103 => "region declared twice",
    E104 => "regions in different AWS partitions",
    E105 => "latency target out of range",
    E106 => "objectives out of range (availability, RTO, an RPO of zero or beyond a week)",
    E107 => "tag key or value AWS refuses (characters, length, `aws:` prefix, empty key), a key starting with `-` or holding `=` (which `aws cloudformation deploy --tags` reads as an option, or splits), or more tags than fit on a resource",
    E108 => "acknowledgement without a reason, of a code that is not a warning, or matching no warning",
    E110 => "region without a network although it runs services, database or cache",
    E111 => "invalid or out-of-range VPC CIDR",
    E112 => "availability zone count out of range, or VPC too small for the zones",
    E113 => "invalid existing VPC or subnet IDs, or fewer than two subnets",
    E114 => "both or neither of `vpc_cidr` and `existing`, or created-VPC settings on an existing VPC",
    E120 => "a tag Meridian sets itself (`Environment`, `ManagedBy`) in a stack file with environments",
    E130 => "physical name with a malformed or unknown placeholder, or one this kind of name cannot use",
    E131 => "`{env}` in a name or backend setting of a stack that declares no environment",
    E132 => "physical name or backend setting AWS refuses once expanded (length, characters, hyphens, reserved prefix)",
    E133 => "two resources of one namespace (region, cluster, account, DNS records) given the same name",
    E202 => "no listener, or two listeners on one port",
    E203 => "listener port out of range",
    E204 => "HTTPS listener without a certificate",
    E205 => "certificate on an HTTP listener",
    E206 => "TLS policy that is not a current ALB policy",
    E207 => "redirect misconfigured, or an HTTP listener that neither redirects nor routes",
    E208 => "rule priority out of range or repeated",
    E209 => "rule forwards to an undeclared target group",
    E210 => "invalid or repeated target group name",
    E211 => "target group fed by an undeclared service",
    E212 => "target group port differs from the service's container port",
    E213 => "target health check out of the ALB's bounds",
    E214 => "invalid health-check matcher",
    E215 => "deregistration delay above 3600 s",
    E216 => "a service feeds two target groups",
    E217 => "invalid or empty ingress CIDRs",
    E218 => "idle timeout out of range",
    E220 => "invalid host pattern",
    E221 => "invalid path pattern",
    E222 => "more condition values than an ALB rule evaluates",
    E223 => "more than one certificate on a listener",
    E224 => "invalid or repeated name of a load balancer of `load_balancers`",
    E225 => "`load_balancers` without the main `load_balancer`",
    E226 => "a load balancer no service uses",
    E227 => "listener rule without a host or path condition",
    E301 => "invalid or repeated service name",
    E302 => "CPU/memory pair Fargate does not offer",
    E303 => "container port out of range",
    E304 => "log retention CloudWatch Logs does not offer, or invalid log group name",
    E305 => "container health check out of ECS's bounds",
    E306 => "desired count outside the scaling capacity",
    E307 => "capacity minimum above maximum",
    E308 => "deployment percents out of range or contradictory",
    E309 => "bake time without blue/green, or above a day",
    E310 => "blue/green without exactly one listener rule to shift",
    E311 => "error-rate trigger not a share in (0, 1]",
    E312 => "latency trigger out of range",
    E313 => "rollback triggers on a service without a target group",
    E314 => "invalid alarm period for rollback triggers",
    E315 => "rollback wait not a whole number of periods, or rollback time out of range",
    E316 => "invalid schedule expression (AWS cron syntax, days, ranges)",
    E317 => "not an IANA time zone",
    E318 => "invalid or repeated schedule name",
    E319 => "scheduled capacity contradictory or empty",
    E320 => "CPU target out of range",
    E321 => "invalid environment variable name",
    E322 => "name both in `environment` and `secrets`",
    E325 => "reference to a component the stack does not have",
    E326 => "cache reference in a region without a cache cluster",
    E327 => "a task definition beyond ECS's 64 KiB (image, environment and secrets)",
    E330 => "target group naming a worker (a service without a `port`)",
    E331 => "empty `command` or `entrypoint`, or an empty argument in one",
    E332 => "service placed in an undeclared region, or in one without a network",
    E333 => "service placed by both `regions` and `roles`, by an empty or repeated list, or by roles no region has",
    E334 => "`environment_by_region` keyed by a region or role the service does not run in",
    E401 => "not an RDS instance class for PostgreSQL",
    E402 => "PostgreSQL version RDS does not offer (or has deprecated)",
    E403 => "database writer not in the primary region",
    E404 => "replica region not declared",
    E405 => "replica in the writer's region (RDS allows it; Meridian plans one instance per region)",
    E406 => "two replicas in one region (RDS allows it; Meridian plans one instance per region)",
    E407 => "read weights do not sum to 100",
    E408 => "storage out of range",
    E409 => "storage ceiling less than 10 % above the allocation, or above gp3's maximum",
    E410 => "backup retention out of range (replicas need backups)",
    E411 => "synchronous cross-region replication requested",
    E412 => "`max_wal_senders` out of range or too small for the replicas",
    E413 => "invalid `wal_keep_size`",
    E414 => "database port out of range",
    E415 => "unusable database name",
    E416 => "password rotation interval out of range",
    E417 => "promotion timeout or probe interval out of range",
    E418 => "`max_connections` out of range",
    E419 => "more read replicas than an RDS source takes (15)",
    E420 => "replica class whose default `max_connections` (memory-based, at most 5000) is below the writer's, while `max_connections` is RDS's default",
    E421 => "not an ElastiCache node type",
    E422 => "Redis version ElastiCache does not offer",
    E423 => "node type that cannot join a Global Datastore",
    E424 => "shard count out of range or inconsistent with the mode",
    E425 => "replicas per shard out of range",
    E426 => "`active-active` cache replication (ElastiCache has none)",
    E427 => "Global Datastore source not in the primary region",
    E428 => "cache target region undeclared, repeated or the source",
    E429 => "per-region node type differs within a Global Datastore",
    E430 => "cache port out of range",
    E431 => "invalid global key prefix or pattern",
    E432 => "more Global Datastore secondary regions than ElastiCache takes (2)",
    E433 => "standalone cache region not a declared region",
    E434 => "standalone cache region also a member of the Global Datastore",
    E435 => "standalone cache region listed twice",
    E440 => "database writer in a region without the Serverless Application Repository (password rotation)",
    E501 => "invalid bucket entity name",
    E502 => "bucket entity name repeated",
    E503 => "invalid S3 bucket name",
    E504 => "S3 bucket name used twice",
    E505 => "replication or Object Lock without versioning (either side)",
    E506 => "Object Lock retention out of range",
    E507 => "replication destination not a bucket of the stack",
    E508 => "replication to itself or to the same destination twice",
    E509 => "locked source replicating to a bucket without Object Lock",
    E510 => "replication time given in both or neither unit",
    E511 => "replication time below 15 minutes",
    E512 => "replication between regions runs in a circle",
    E513 => "replication-latency alarm needed in a storage-only region",
    E601 => "invalid domain name",
    E602 => "invalid hosted zone ID",
    E603 => "Route 53 health-check interval not 10 or 30",
    E604 => "failure threshold out of range",
    E605 => "probe timeout out of range, or health path without `/`",
    E606 => "DNS without a load balancer or without an HTTPS listener on 443",
    E607 => "no HTTPS rule routes the DNS domain",
    E608 => "DNS routing to an internal load balancer",
    E609 => "detection time plus TTL exceed the RTO",
    E610 => "TTL above Route 53's maximum",
    E611 => "CDN aliases without a certificate, or a certificate outside us-east-1",
    E612 => "invalid CloudFront price class",
    E613 => "invalid CDN alias",
    E614 => "CDN alias outside the DNS zone",
    E615 => "failover notifies an undeclared target",
    E616 => "failover evaluation periods out of range",
    E617 => "failback wait out of range",
    E618 => "failover enabled without DNS",
    E619 => "DNS host naming an undeclared load balancer",
    E620 => "DNS host declared twice, or equal to the domain",
    E621 => "DNS host on an internal load balancer",
    E622 => "no HTTPS rule routes a DNS host",
    E701 => "invalid or repeated notification target",
    E702 => "notification target without severities",
    E703 => "notification target without endpoints",
    E704 => "invalid e-mail address",
    E705 => "non-HTTPS notification URL",
    E706 => "invalid or repeated alert name",
    E707 => "threshold missing, or given where the condition has none",
    E708 => "threshold outside what the metric can reach",
    E709 => "alert on a component the stack does not have",
    E710 => "invalid alert period",
    E711 => "evaluation periods out of range",
    E712 => "no notification target takes the alert's severity",
    E713 => "action that does not follow from the condition, or needs failover",
    E714 => "replica-lag threshold beyond the RPO",
    E720 => "invalid or repeated dashboard name",
    E721 => "dashboard without widgets",
    E722 => "invalid statistic",
    E723 => "invalid widget period",
    E724 => "widget on a metric the stack has no source for",
    E730 => "override of a resource the synthesis does not have (unknown logical ID or Terraform address)",
    E731 => "override of a property the resource type does not have, or one no template may set",
    E732 => "override value of a JSON type the property does not take",
    E733 => "override that sets and removes nothing, names a property twice, or has an empty path step",
    E734 => "override region that the stack does not declare",
    E735 => "override path that steps into a list the resource does not write, or beyond its end, or removes what no targeted resource sets",
    E736 => "`metric`, `math` or `comparison` on a named condition, or `condition: metric` without exactly one of `metric` and `math`",
    E737 => "metric namespace, name or dimension empty or beyond CloudWatch's lengths, or more dimensions than a metric has (30)",
    E738 => "alarm statistic that is not `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or a whole percentile `p1` to `p99`",
    E739 => "alarm dimension referring to nothing: an unknown reference, a parameter, an undeclared entity or a component the stack lacks",
    E740 => "metric math with an invalid metric name, a metric the expression does not read, an empty or too long expression, or more metrics than an alarm reads (9 besides the expression)",
    E741 => "replica IOPS missing for io1/io2, given for gp3 below 400 GiB, or outside the volume type's range or ratio to the storage",
    E742 => "replica storage ceiling less than 10 % above the writer's allocation, or above gp3's maximum",
    E743 => "CloudFormation override whose value refers to a resource of a stack its region deploys after the overridden resource's",
    E801 => "illegal parameter name or malformed `${...}`",
    E802 => "parameter declared but unused, or with an empty description",
    E803 => "parameter used as two kinds of value",
    E804 => "parameter used both per region and stack-wide",
    E805 => "placeholder where a literal is required (names, CIDRs)",
    E806 => "unknown reference, or a secret in `environment` / a plain value in `secrets`",
    E807 => "reference in a field that takes only literals and parameters",
    E900 => "internal error: a bug in Meridian",
    E901 => "two entities derive the same resource ID",
    E902 => "`renamed_from` equal to the entity's own name",
    E903 => "`renamed_from` naming another entity of the stack (of the same kind)",
    E904 => "two entities renamed from the same name",
    E905 => "a CloudFormation template beyond a CloudFormation quota (resources, outputs, parameters, bytes)",
    E960 => "peered region on an existing VPC without `private_route_table_ids`",
    E961 => "overlapping CIDRs of two VPCs that are peered",
    E964 => "a private route table ID that is not one",
    E970 => "writer or cache primary endpoint (or the reader address of a region without a replica, which is the writer's) used inside a longer value: it is read from SSM at task start",
    E971 => "`failover.target_region` that holds no database read replica",
    E972 => "automatic failover without a `primary_region_down` alert or without a read replica",
    E975 => "`global_accelerator` without an internet-facing load balancer to put behind it",
    E976 => "`global_accelerator` outside the `aws` partition, where Global Accelerator does not exist",
    E977 => "more load balancer listener ports than one accelerator listener takes",
    E980 => "`promoted_from` not naming the primary region (which holds the master secret), or naming the writer's own region",
    E981 => "promoted writer in a region that runs no service, so no replica of the stack could have been promoted there",
    E982 => "latency CNAME records at the zone apex, where only alias records are allowed",
    E983 => "`pool_size` out of range, or `${database.pool_size}` without `pool_size`",
    W102 => "opt-in region: the account must enable it before the deploy",
    W110 => "VPC CIDRs of two regions overlap",
    W201 => "HTTP listener serving traffic without TLS",
    W210 => "target group no rule forwards to",
    W311 => "rollback triggers with rollback disabled",
    W317 => "time zone with one UTC offset all year (`EST`, `MST`, `HST`)",
    W401 => "database sizing in a region without a database instance",
    W421 => "cache sizing in a region without a cache",
    W432 => "Global Datastore without a secondary region",
    W433 => "standalone cache regions without a Global Datastore",
    W505 => "bucket without versioning",
    W611 => "CDN certificate without aliases",
    W618 => "failover enabled in a one-region stack",
    W619 => "failover budget (detection, DNS shift, promotion, cache failover, parameters, capacity, redeploy, notification) beyond the RTO",
    W620 => "failover enabled, but one region alone serves the domain",
    W962 => "security group with more rules in one direction than Amazon VPC's default quota (60)",
    W980 => "read replica recreated when a promoted writer is adopted (RDS cannot re-point a replica)",
    W981 => "`ttl_seconds` with alias records, which answer with the load balancer's 60 s",
    W982 => "application pools of the most tasks can exceed the server's `max_connections`",
}
