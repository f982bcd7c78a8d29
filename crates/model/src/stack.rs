//! The stack file as a platform engineer writes it: serde + schemars types, nothing resolved.
//!
//! These types accept anything that is well-formed; they do not apply defaults and do not check
//! cross-field rules (that is `meridian-plan`'s job, so that every mistake is reported in one
//! pass). Every optional field says in its doc comment what happens when it is omitted; the doc
//! comments become the descriptions of the committed JSON Schema (`stacks/stack.schema.json`).
//!
//! Strings marked "may contain `${NAME}`" accept deploy-time parameters (`${IMAGE_TAG}`) and
//! references to values Meridian's own resources produce (`${database.writer.address}`).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A Meridian stack: one service deployed to one or more AWS regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Meridian stack")]
pub struct Stack {
    /// Name of the stack: lowercase letters, digits and hyphens, starting with a letter, at most
    /// 24 characters. It prefixes every CloudFormation stack and most physical names, so renaming
    /// it replaces everything.
    pub stack: String,
    /// The environment this stack was resolved for (`meridian synth --env NAME`), set by the
    /// loader from `environments:`; never written in the file. `None`: the file declares none.
    #[serde(skip)]
    #[schemars(skip)]
    pub environment: Option<String>,
    /// Named environments (`staging`, `production`), each an overlay: a partial stack whose
    /// values replace the base's. Mappings merge key by key (`null` removes a key); lists of
    /// named entities merge by name (`code` for regions, `port` for listeners, `priority` for
    /// listener rules, `region` for read replicas, `destination` for replication rules, `title`
    /// for widgets, `name` otherwise), an item with only the name and `remove: true` removes the
    /// base's entity; other lists and scalars are replaced. Each environment's stacks and
    /// physical names are the base's with `-<environment>` after the stack name. Omitted: the
    /// file is one stack.
    #[serde(default, skip_serializing)]
    #[schemars(with = "BTreeMap<String, EnvironmentOverlay>")]
    pub environments: BTreeMap<String, EnvironmentOverlay>,
    /// One line describing the service. Omitted: a description is derived from the stack name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Recovery objectives of the architecture. Omitted: no objective is checked and runbooks
    /// state none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objectives: Option<Objectives>,
    /// Tags applied to every resource that supports tags (CloudFormation stack tags and the
    /// Terraform provider's `default_tags`). Omitted: only `meridian:stack` is applied.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// Descriptions of the deploy-time parameters (`${NAME}`) used in this file. Omitted: every
    /// parameter gets a description derived from where it is used. Declaring a parameter that
    /// nothing uses is an error.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, ParameterSpec>,
    /// The regions the service runs in, in the order their stacks deploy after the primary.
    /// Exactly one must have `role: primary`.
    pub regions: Vec<Region>,
    /// The Application Load Balancer created in every region. Required when `services` is not
    /// empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<LoadBalancer>,
    /// Further Application Load Balancers in every region beside `load_balancer`, each with a
    /// `name` and otherwise its shape, e.g. an `internal` one for an admin endpoint. A service
    /// attaches to the load balancer whose target group names it. `dns.domain`'s latency records
    /// and health checks, Global Accelerator, failover and the load-balancer alerts stay on
    /// `load_balancer`; `dns.hosts` may point at these. Needs `load_balancer`. Omitted: only
    /// `load_balancer`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load_balancers: Vec<NamedLoadBalancer>,
    /// ECS Fargate services, each run in every region. Omitted: no ECS cluster is created.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// The ECS cluster the services run in, one per region. Omitted: cluster `<stack>-<region>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Cluster>,
    /// Settings of the Terraform root module. Omitted: no backend block (Terraform keeps its
    /// state in a local file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terraform: Option<TerraformSettings>,
    /// The PostgreSQL database: a writer in the primary region and cross-region read replicas.
    /// Omitted: no database is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<Database>,
    /// The Redis cache: a cluster per region joined in an ElastiCache Global Datastore.
    /// Omitted: no cache is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<Cache>,
    /// S3 buckets, with cross-region replication and Object Lock. Omitted: no bucket is created
    /// (besides those the CDN and access logs need).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub buckets: Vec<Bucket>,
    /// Route 53 latency-based routing to the regional load balancers. Omitted: no DNS records
    /// and no Route 53 health checks are created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns: Option<Dns>,
    /// CloudFront distribution for static assets. Omitted: no CDN is created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cdn: Option<Cdn>,
    /// AWS Global Accelerator in front of the regional load balancers: two static anycast
    /// addresses, an endpoint group per region that runs a load balancer, traffic leaving a
    /// region whose endpoints fail their health checks within seconds, independent of DNS
    /// caches. Omitted: no accelerator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_accelerator: Option<GlobalAccelerator>,
    /// How regional failure is detected and handled. Omitted: failover is disabled (DNS records
    /// still carry health checks when `dns` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover: Option<Failover>,
    /// Where alerts are delivered: SNS topics with e-mail and HTTPS subscriptions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notifications: Vec<NotificationTarget>,
    /// CloudWatch alarms, each created in the regions its condition applies to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alerts: Vec<Alert>,
    /// Cross-region CloudWatch dashboards.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dashboards: Vec<Dashboard>,
    /// Escape hatches: properties (CloudFormation) or arguments (Terraform) of the synthesized
    /// resources set or removed after everything else, each checked against the resource type's
    /// schema (unknown resources, unknown properties and wrong JSON types are errors). Omitted:
    /// the output is exactly what the plan decides.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
    /// Warnings the stack's owners have read and accept, each by code and stack path with the
    /// reason; `meridian plan` lists them instead of reporting them. Omitted: every warning is
    /// reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledge: Vec<Acknowledgement>,
}

/// Escape hatches per target: what the model cannot say, written into the synthesized resources.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Changes to CloudFormation resources, applied in the order written. Omitted: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cloudformation: Vec<CloudFormationOverride>,
    /// Changes to Terraform resources, applied in the order written. Omitted: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terraform: Vec<TerraformOverride>,
}

impl Overrides {
    /// Whether no override is given.
    pub fn is_empty(&self) -> bool {
        self.cloudformation.is_empty() && self.terraform.is_empty()
    }
}

/// Properties set or removed on one CloudFormation resource, in some or all regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CloudFormationOverride {
    /// The resource's logical ID, as `meridian synth` writes it (e.g. `ApiService`).
    pub resource: String,
    /// The regions whose templates are changed (`global` for the global unit's template).
    /// Omitted: every template that holds the logical ID.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Properties to set, by dotted path below `Properties` (`DeploymentConfiguration.MaximumPercent`;
    /// a number steps into a list: `LoadBalancers.0.ContainerPort`), each with its JSON value.
    /// Objects on the way are created. Omitted: nothing is set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set: BTreeMap<String, serde_json::Value>,
    /// Properties to remove, by the same dotted paths. Omitted: nothing is removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

/// Arguments set or removed on one Terraform resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerraformOverride {
    /// The resource's address, `<type>.<name>` as `meridian synth` writes it (e.g.
    /// `aws_ecs_service.api_us_east_1`); the name holds the region.
    pub resource: String,
    /// Arguments to set, by dotted path (`deployment_configuration.strategy`; a number steps into
    /// a list or a block written as a list: `load_balancer.0.container_port`), each with its JSON
    /// value. Objects on the way are created. Omitted: nothing is set.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub set: BTreeMap<String, serde_json::Value>,
    /// Arguments to remove, by the same dotted paths. Omitted: nothing is removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

/// An environment's overlay: any subset of the stack's keys (except `stack` and
/// `environments`), merged into the base by the loader. The loader reads overlays before the
/// stack is typed, so this type never holds one; each merged environment is checked against the
/// whole schema.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
pub struct EnvironmentOverlay(serde::de::IgnoredAny);

impl JsonSchema for EnvironmentOverlay {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EnvironmentOverlay".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "object",
            "description": "What this environment changes in the base: any keys of a stack but `stack` and `environments`; an item of a named list with only its name and `remove: true` removes the base's entity."
        })
    }
}

/// A warning accepted on purpose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The warning's code, e.g. `W505`.
    pub code: String,
    /// Where it is reported, as the warning names it, e.g. `buckets[0].versioning`.
    pub path: String,
    /// Why it is accepted; shown by `meridian plan`.
    pub reason: String,
}

/// Recovery and availability targets of the architecture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objectives {
    /// Availability target in percent, e.g. 99.9. Omitted: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability_percent: Option<f64>,
    /// Recovery time objective in minutes: the failure-detection time plus the DNS TTL must fit
    /// in it. Omitted: not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rto_minutes: Option<u32>,
    /// Recovery point objective in minutes: the replication-lag alert threshold must be below
    /// it. Omitted: not checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpo_minutes: Option<u32>,
}

/// Extra information about one deploy-time parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParameterSpec {
    /// What the parameter is, shown in CloudFormation and Terraform. Omitted: derived from where
    /// the parameter is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the value is a secret: CloudFormation `NoEcho`, Terraform `sensitive`, and never
    /// printed by runbooks. Omitted: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitive: Option<bool>,
}

/// The part a region plays.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RegionRole {
    /// Holds the database writer and the cache's Global Datastore primary; deployed first.
    Primary,
    /// Serves traffic at full capacity (warm standby) and holds read replicas.
    Secondary,
    /// Serves traffic at reduced capacity; sized by the `optional` entries of each setting.
    Optional,
}

/// One AWS region the service runs in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// AWS region code, e.g. `us-east-1`.
    pub code: String,
    /// The region's role.
    pub role: RegionRole,
    /// Latency target for users routed to this region, in milliseconds. It becomes the
    /// threshold of the region's load-balancer latency alarm (p95 target response time).
    /// Omitted: no latency alarm is created for the region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_target_ms: Option<u32>,
    /// The region's network. Required when the stack has services, a database or a cache.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Per-region sizes that override the stack-wide ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sizing: Option<Sizing>,
}

/// A region's VPC: either created by Meridian (`vpc_cidr`) or an existing one (`existing`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    /// IPv4 CIDR of the VPC Meridian creates, prefix /16 to /24, e.g. `10.10.0.0/16`. One public
    /// and one private subnet are carved per availability zone. Give either this or `existing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_cidr: Option<String>,
    /// Number of availability zones to spread subnets over, 2 to 6. Omitted: 2 (the minimum for a
    /// load balancer and a Multi-AZ database).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub az_count: Option<u8>,
    /// NAT gateways for the private subnets: `per_az` (one per zone, survives a zone failure) or
    /// `single` (cheaper, one zone). Omitted: `per_az`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nat_gateways: Option<NatGateways>,
    /// Whether VPC flow logs are sent to CloudWatch Logs. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow_logs: Option<bool>,
    /// An existing VPC to deploy into instead of creating one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<ExistingNetwork>,
}

/// How many NAT gateways a created VPC gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NatGateways {
    /// One NAT gateway in each availability zone.
    PerAz,
    /// One NAT gateway shared by all zones.
    Single,
}

/// An existing VPC, given as deploy-time parameters or literal IDs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExistingNetwork {
    /// The VPC ID, e.g. `${APAC_VPC_ID}` or `vpc-0123456789abcdef0`.
    pub vpc_id: String,
    /// The VPC's IPv4 CIDR, used to scope security-group rules of internal load balancers, e.g.
    /// `10.30.0.0/16`.
    pub vpc_cidr: String,
    /// Public subnets (for the load balancer): one `${NAME}` parameter holding a list, or literal
    /// subnet IDs, at least two in distinct zones.
    pub public_subnet_ids: Vec<String>,
    /// Private subnets (for tasks, database and cache), as for `public_subnet_ids`.
    pub private_subnet_ids: Vec<String>,
    /// Route tables of the private subnets, one `${NAME}` parameter or literal `rtb-` ID each.
    /// Needed when the region is peered with another (it runs a service and another region
    /// holds a database or cache writer candidate, or the other way round): Meridian adds a
    /// route to each peer VPC in each of them. Omitted: no route table, which is an error
    /// (E960) for a peered region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_route_table_ids: Vec<String>,
}

/// Per-region sizes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sizing {
    /// RDS instance class of the database instance in this region (the writer in the primary
    /// region, the read replica elsewhere). Omitted: `database.instance_class`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database_instance_class: Option<String>,
    /// ElastiCache node type in this region. Omitted: `cache.node_type`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_node_type: Option<String>,
}

/// A value per region role.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
pub struct PerRole<T> {
    /// Value in the primary region.
    pub primary: T,
    /// Value in secondary regions. Omitted: the primary's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<T>,
    /// Value in optional regions. Omitted: the secondary's value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<T>,
}

/// Declares a struct with the load balancer's settings after its own leading fields: the main
/// `LoadBalancer` and each item of `load_balancers` (which adds `name`). serde's `flatten` would
/// accept unknown keys and lose the loader's positions, so the fields are written once, here.
macro_rules! load_balancer_struct {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$lead_meta:meta])* pub $lead:ident: $lead_ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$lead_meta])* pub $lead: $lead_ty,)*
            /// `internet-facing` or `internal`.
            pub scheme: LoadBalancerScheme,
            /// Name of each region's load balancer, e.g. `{stack}-{role}`. Placeholders: `{stack}`, `{env}`, `{region}`, `{role}` (`primary`, `secondary`, `optional`). At most 32
            /// characters once expanded: letters, digits and hyphens, not starting or ending with a
            /// hyphen nor starting with `internal-`. Changing it replaces the load balancer. Omitted:
            /// CloudFormation or Terraform generates a name.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub physical_name: Option<String>,
            /// IPv4 CIDRs allowed to reach the listeners. Omitted: `0.0.0.0/0` for an internet-facing
            /// load balancer, the VPC CIDR for an internal one.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub ingress_cidrs: Option<Vec<String>>,
            /// Connection idle timeout in seconds, 1 to 4000. Omitted: 60.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub idle_timeout_seconds: Option<u32>,
            /// Whether the load balancer is protected from deletion. Omitted: true.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub deletion_protection: Option<bool>,
            /// Whether access logs are written to a bucket Meridian creates in each region. Omitted: true.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub access_logs: Option<bool>,
            /// Listeners. At least one.
            pub listeners: Vec<Listener>,
            /// Target groups, each fed by one ECS service.
            pub target_groups: Vec<TargetGroup>,
        }
    };
}

load_balancer_struct! {
    /// The Application Load Balancer of every region.
    pub struct LoadBalancer {}
}

load_balancer_struct! {
    /// An item of `load_balancers` as written: `name` and the settings of `load_balancer`.
    pub struct NamedLoadBalancerFile {
        /// Name, unique among `load_balancers` (lowercase letters, digits, hyphens, at most 24
        /// characters): its logical IDs start with it and `dns.hosts` name it.
        pub name: String,
    }
}

impl Stack {
    /// Every load balancer: the main one (`None`), then the further ones by name.
    pub fn all_load_balancers(&self) -> impl Iterator<Item = (Option<&str>, &LoadBalancer)> {
        self.load_balancer.iter().map(|lb| (None, lb)).chain(
            self.load_balancers
                .iter()
                .map(|named| (Some(named.name.as_str()), &named.settings)),
        )
    }

    /// The further load balancer called `name`.
    pub fn further_load_balancer(&self, name: &str) -> Option<&LoadBalancer> {
        self.load_balancers
            .iter()
            .find(|named| named.name == name)
            .map(|named| &named.settings)
    }
}

/// A further load balancer of `load_balancers`: its name and the settings `load_balancer` has,
/// read from and written as one mapping ([`NamedLoadBalancerFile`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "NamedLoadBalancerFile", into = "NamedLoadBalancerFile")]
pub struct NamedLoadBalancer {
    /// Name, unique among `load_balancers`.
    pub name: String,
    /// Its settings.
    pub settings: LoadBalancer,
}

impl JsonSchema for NamedLoadBalancer {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        NamedLoadBalancerFile::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        NamedLoadBalancerFile::json_schema(generator)
    }
}

impl From<NamedLoadBalancerFile> for NamedLoadBalancer {
    fn from(file: NamedLoadBalancerFile) -> Self {
        let NamedLoadBalancerFile {
            name,
            scheme,
            physical_name,
            ingress_cidrs,
            idle_timeout_seconds,
            deletion_protection,
            access_logs,
            listeners,
            target_groups,
        } = file;
        Self {
            name,
            settings: LoadBalancer {
                scheme,
                physical_name,
                ingress_cidrs,
                idle_timeout_seconds,
                deletion_protection,
                access_logs,
                listeners,
                target_groups,
            },
        }
    }
}

impl From<NamedLoadBalancer> for NamedLoadBalancerFile {
    fn from(named: NamedLoadBalancer) -> Self {
        let LoadBalancer {
            scheme,
            physical_name,
            ingress_cidrs,
            idle_timeout_seconds,
            deletion_protection,
            access_logs,
            listeners,
            target_groups,
        } = named.settings;
        Self {
            name: named.name,
            scheme,
            physical_name,
            ingress_cidrs,
            idle_timeout_seconds,
            deletion_protection,
            access_logs,
            listeners,
            target_groups,
        }
    }
}

/// Load balancer scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum LoadBalancerScheme {
    /// Reachable from the internet, in the public subnets.
    #[serde(rename = "internet-facing")]
    InternetFacing,
    /// Reachable only inside the VPC, in the private subnets.
    #[serde(rename = "internal")]
    Internal,
}

/// Listener protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ListenerProtocol {
    /// TLS-terminating listener; needs `certificates`.
    #[serde(rename = "HTTPS")]
    Https,
    /// Plain HTTP listener; should only redirect to HTTPS.
    #[serde(rename = "HTTP")]
    Http,
}

/// One listener.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Listener {
    /// Port, 1 to 65535.
    pub port: u32,
    /// `HTTPS` or `HTTP`.
    pub protocol: ListenerProtocol,
    /// ACM certificate ARNs for an HTTPS listener, usually one `${NAME}` parameter; ACM
    /// certificates are regional, so each region's stack receives its own value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<String>,
    /// TLS policy of an HTTPS listener. Omitted: `ELBSecurityPolicy-TLS13-1-2-2021-06`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_policy: Option<String>,
    /// Port of an HTTPS listener to redirect every request to (permanent redirect). An HTTP
    /// listener must either redirect or have rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_to_port: Option<u32>,
    /// Routing rules, matched by ascending priority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<ListenerRule>,
}

/// A host/path routing rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListenerRule {
    /// Priority, 1 to 50000, unique per listener.
    pub priority: u32,
    /// Host headers to match, e.g. `api.rail-service.com`. Omitted: any host. A rule needs
    /// `hosts` or `paths` (or both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<String>,
    /// Path patterns to match, e.g. `/api/*`. Omitted: any path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Name of the target group requests are forwarded to.
    pub target_group: String,
}

/// A target group: the tasks of one ECS service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetGroup {
    /// Name, unique in the stack (lowercase letters, digits, hyphens).
    pub name: String,
    /// Name of the target group in each region, e.g. `{stack}-tg`. Placeholders: `{stack}`, `{env}`, `{region}`, `{role}` (`primary`, `secondary`, `optional`). At most 32
    /// characters once expanded (letters, digits, hyphens, not starting or ending with a
    /// hyphen); a blue/green service's second group is named `<name>-green` (cut with a hash to
    /// 32 characters). Changing it replaces the group. Omitted: a generated name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
    /// The ECS service whose tasks register in this group.
    pub service: String,
    /// Port the targets receive traffic on; must equal the service's container port.
    pub port: u32,
    /// Protocol towards the targets. Omitted: `HTTP`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<ListenerProtocol>,
    /// Target health check.
    pub health_check: TargetHealthCheck,
    /// Seconds a deregistering target keeps draining, 0 to 3600. Omitted: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deregistration_delay_seconds: Option<u32>,
}

/// How the load balancer checks a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetHealthCheck {
    /// Path requested, e.g. `/health`.
    pub path: String,
    /// Seconds between checks, 5 to 300. Omitted: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<u32>,
    /// Seconds before a check fails, 2 to 120, less than the interval. Omitted: 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
    /// Consecutive successes before a target is healthy, 2 to 10. Omitted: 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthy_threshold: Option<u32>,
    /// Consecutive failures before a target is unhealthy, 2 to 10. Omitted: 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unhealthy_threshold: Option<u32>,
    /// HTTP codes counted as healthy, e.g. `200` or `200-299`. Omitted: `200`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matcher: Option<String>,
}

/// One ECS Fargate service, run in every region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Name, unique in the stack (lowercase letters, digits, hyphens). Part of the ECS service
    /// name `<stack>-<name>`.
    pub name: String,
    /// The service's former name, after a rename: its resources keep the logical IDs and
    /// physical names of the former name (ECS service and task family, log group, alarms), so
    /// nothing is replaced, and Terraform moves them to the new name. Keep it while the resources
    /// exist; it may not be the service's own name, another service's name, or be used twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Name of the ECS service and of its task-definition family in each region. Placeholders: `{stack}`, `{env}`, `{region}`, `{role}` (`primary`, `secondary`, `optional`). At most
    /// 255 characters once expanded: letters, digits, hyphens and underscores. Changing it
    /// replaces the service. Omitted: `<stack>-<name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
    /// Container image; may contain `${NAME}`, e.g. `${ECR_REPOSITORY_URL}:${IMAGE_TAG}`.
    pub image: String,
    /// Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384.
    pub cpu: u32,
    /// Task memory in MiB; must be valid for `cpu` on Fargate.
    pub memory: u32,
    /// Port the container listens on. Omitted: a worker, which takes no traffic: its container
    /// gets no port mapping, its tasks no ingress rule, and no target group may name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// CPU architecture of the image: `x86_64` or `arm64`. Omitted: `x86_64`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub architecture: Option<Architecture>,
    /// The container's command, one argument per item (no shell is involved), e.g.
    /// `[worker, --queue, orders]`; items may contain `${NAME}` and `${region}`. Omitted: the
    /// image's `CMD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    /// The container's entry point, one argument per item, e.g. `[/usr/bin/tini, --]`. Omitted:
    /// the image's `ENTRYPOINT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    /// Environment variables; values may contain `${NAME}` and references such as `${region}`,
    /// `${database.writer.address}` or `${cache.endpoint}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environment: BTreeMap<String, String>,
    /// Secrets injected from Secrets Manager: a reference to a secret Meridian manages
    /// (`${database.username}`, `${database.password}`, `${cache.auth_token}`) or a `${NAME}`
    /// parameter holding the ARN of a secret in the region.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub secrets: BTreeMap<String, String>,
    /// CloudWatch Logs settings. Omitted: group `/ecs/<stack>/<service>`, 30 days retention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logs: Option<Logs>,
    /// Container health check. Omitted: none (the load balancer's check still applies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<ContainerHealthCheck>,
    /// The regions the service runs in, by code, e.g. `[us-east-1, eu-west-1]`; each a declared
    /// region with a network. In every other region the service has nothing: no ECS service, task
    /// definition, roles, log group, security group, target group, listener rules, alarms or
    /// scaling. Omitted: every region with a network (or those of `roles`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<String>>,
    /// The region roles the service runs in, e.g. `[primary, secondary]`; an alternative to
    /// `regions` (not both). Omitted: every role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<RegionRole>>,
    /// Environment values that differ by region, keyed by region code or region role (`primary`,
    /// `secondary`, `optional`), e.g. `{eu-west-1: {QUEUE_URL: ...}}`; a region code's value wins
    /// over its role's, which wins over `environment`. Each key must be a region (or role) the
    /// service runs in. Omitted: `environment` everywhere.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub environment_by_region: BTreeMap<String, BTreeMap<String, String>>,
    /// Tasks to run per region role.
    pub desired_count: PerRole<u32>,
    /// How new versions are rolled out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<Deployment>,
    /// Auto scaling. Omitted: the task count stays at `desired_count`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling: Option<Scaling>,
}

/// CPU architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Architecture {
    /// Intel/AMD 64-bit.
    X86_64,
    /// Graviton.
    Arm64,
}

/// Log group settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logs {
    /// Log group name, e.g. `/ecs/{stack}-{region}`. Placeholders: `{stack}`, `{env}`, `{region}`, `{role}` (`primary`, `secondary`, `optional`). At most 512 characters once
    /// expanded: letters, digits and `_-/.#`. Changing it replaces the log group. Omitted:
    /// `/ecs/<stack>/<service>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Prefix of the log streams (`<prefix>/<container>/<task ID>`), e.g. `ecs`. Placeholders: `{stack}`, `{env}`, `{region}`, `{role}` (`primary`, `secondary`, `optional`). At most
    /// 446 characters once expanded, without `:` or `*`. Omitted: the service's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream_prefix: Option<String>,
    /// Retention in days; one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90,
    /// 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653). Omitted: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
}

/// Container health check run by ECS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContainerHealthCheck {
    /// Shell command run in the container (`CMD-SHELL`), e.g.
    /// `curl -f http://localhost:8080/health || exit 1`.
    pub command: String,
    /// Seconds between checks, 5 to 300. Omitted: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<u32>,
    /// Seconds before a check fails, 2 to 60. Omitted: 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
    /// Failures before the container is unhealthy, 1 to 10. Omitted: 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
    /// Grace period in seconds after start, 0 to 300. Omitted: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_period_seconds: Option<u32>,
}

/// Deployment strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentStrategy {
    /// Replace tasks in place, bounded by the min/max percents.
    Rolling,
    /// ECS native blue/green: a second target group receives the new version, traffic shifts
    /// after the bake time.
    BlueGreen,
}

/// How new task definitions are rolled out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// `rolling` or `blue_green`. Omitted: `rolling`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<DeploymentStrategy>,
    /// Lowest share of desired tasks kept running during a deployment, 0 to 100. Omitted: 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_healthy_percent: Option<u32>,
    /// Highest share of desired tasks running during a deployment, 100 to 200. Omitted: 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_percent: Option<u32>,
    /// Blue/green only: minutes both versions stay up after traffic moved, before the old one is
    /// stopped, 0 to 1440. Omitted: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bake_time_minutes: Option<u32>,
    /// Automatic rollback. Omitted: the deployment circuit breaker rolls back failed
    /// deployments; no alarm triggers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback: Option<Rollback>,
}

/// Automatic rollback of a deployment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rollback {
    /// Whether failing deployments roll back. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Conditions that fail a deployment; each becomes a CloudWatch alarm watched by ECS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triggers: Option<RollbackTriggers>,
    /// What happens when a trigger fires. Omitted: `[rollback_to_previous, send_notification]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<RollbackAction>,
    /// Timing of the trigger alarms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timing: Option<RollbackTiming>,
}

/// Rollback trigger thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollbackTriggers {
    /// Share of requests answered with a 5xx by the targets, above 0 and at most 1 (0.05 = 5%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_rate_threshold: Option<f64>,
    /// p99 target response time in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_threshold_ms: Option<u32>,
    /// Whether an unhealthy target in the service's target group fails the deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_failure: Option<bool>,
}

/// An action taken when a rollback trigger fires.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RollbackAction {
    /// Stop the deployment (ECS marks it failed).
    PauseDeployment,
    /// Send the trigger alarms to the notification targets that take `warning` alerts.
    SendNotification,
    /// Roll back to the previous task definition.
    RollbackToPrevious,
    /// Send the trigger alarms to the notification targets that take `critical` alerts.
    AlertOnCall,
}

/// Timing of rollback trigger alarms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RollbackTiming {
    /// Alarm period in seconds: 10, 30 or a multiple of 60. Omitted: 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_period_seconds: Option<u32>,
    /// Seconds a trigger must stay breached before the deployment fails; a multiple of the
    /// evaluation period. Omitted: one evaluation period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_after_trigger_seconds: Option<u32>,
    /// Longest a rollback may take, in seconds; runbooks wait this long for the service to be
    /// stable again. Omitted: 600.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rollback_time_seconds: Option<u32>,
}

/// Application Auto Scaling of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scaling {
    /// Baseline task-count bounds per region role; `desired_count` must lie within them.
    pub capacity: PerRole<Capacity>,
    /// Average CPU utilisation the target-tracking policy keeps, 10 to 90 percent. Omitted: 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_cpu_percent: Option<u32>,
    /// Scheduled changes of the bounds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
}

/// Task-count bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Lowest task count.
    pub min: u32,
    /// Highest task count.
    pub max: u32,
}

/// A scheduled scaling action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Name, unique per service (letters, digits, hyphens, underscores).
    pub name: String,
    /// When it runs, in Application Auto Scaling syntax: `cron(minutes hours day-of-month month
    /// day-of-week year)` with `?` in one of the day fields, e.g. `cron(0 8 ? * MON-FRI *)`.
    pub cron: String,
    /// IANA time zone the cron expression is read in, e.g. `America/New_York`. Omitted: UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// New bounds per region role. A role left out keeps its bounds.
    pub capacity: ScheduleCapacity,
}

/// Bounds per region role for a scheduled action; every role is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleCapacity {
    /// Bounds in the primary region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<Capacity>,
    /// Bounds in secondary regions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<Capacity>,
    /// Bounds in optional regions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional: Option<Capacity>,
}

/// The PostgreSQL database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Database {
    /// Database name created on the writer, e.g. `rail_service`.
    pub name: String,
    /// PostgreSQL version as major.minor, one RDS currently offers (e.g. `16.13` or `17.6`).
    /// Omitted: `16.13`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<String>,
    /// Port, 1150 to 65535. Omitted: 5432.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// RDS instance class, e.g. `db.r6g.xlarge`; regions may override it in `sizing`.
    pub instance_class: String,
    /// Allocated storage in GiB, 20 to 65536. Omitted: 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gb: Option<u32>,
    /// Storage autoscaling ceiling in GiB. Omitted: 10 × `storage_gb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_storage_gb: Option<u32>,
    /// `require` (connections must use TLS; `rds.force_ssl = 1`) or `prefer`. Omitted: `require`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_mode: Option<SslMode>,
    /// The server's `max_connections` (a parameter of the database's parameter group): how many
    /// connections each instance accepts from all tasks together. Not the application's pool; that
    /// is `pool_size`. Omitted: RDS's memory-based default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<u32>,
    /// Connections each task's pool opens (the application's setting, the seed's
    /// `configs/config.yaml` `max_connections`), handed to the application as
    /// `${database.pool_size}`. A warning says when the pools of the most tasks of every region
    /// could exceed the server's `max_connections`. Omitted: the application decides, and
    /// `${database.pool_size}` is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_size: Option<u32>,
    /// Days of automated backups, 1 to 35 (replicas need backups on the writer). Omitted: 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_retention_days: Option<u32>,
    /// Whether the writer is Multi-AZ. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<bool>,
    /// Whether instances are protected from deletion. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<bool>,
    /// The writer.
    pub primary: DatabasePrimary,
    /// Cross-region read replicas, at most one per region.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub read_replicas: Vec<ReadReplica>,
    /// How the application spreads reads: `weight`, `latency` or `geo`; handed to the
    /// application as `${database.read_routing}`. Omitted: `latency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_routing: Option<ReadRouting>,
    /// Replication settings of the writer's parameter group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication: Option<Replication>,
    /// Replica promotion settings used by the failover runbooks and alarms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover: Option<DatabaseFailover>,
    /// Days between automatic rotations of the master password, 1 to 1000. Omitted: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_rotation_days: Option<u32>,
}

/// TLS requirement for database connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SslMode {
    /// The server refuses connections without TLS.
    Require,
    /// TLS is offered but not required.
    Prefer,
}

/// Read routing strategy handed to the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReadRouting {
    /// Reads go to the lowest-latency reader.
    Latency,
    /// Reads are spread by the configured weights.
    Weight,
    /// Reads go to the reader in the caller's geography.
    Geo,
}

/// The database writer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatabasePrimary {
    /// Region of the writer; must be the primary region, unless `promoted_from` says the writer
    /// is a replica a failover promoted there.
    pub region: String,
    /// Set after a failover promoted the read replica in `region`: the region whose writer this
    /// stack described before (it keeps the master secret). The promoted instance is then
    /// adopted in place: it keeps the replica's identifier, key, subnet group and source region,
    /// and gains the writer's backups, Multi-AZ and windows, so nothing is replaced. Omitted:
    /// the writer is created in `region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promoted_from: Option<String>,
    /// Share of read traffic the writer serves itself, 0 to 100; with the replicas' weights it
    /// sums to 100. Omitted: 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_weight: Option<u32>,
}

/// A cross-region read replica.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadReplica {
    /// Region of the replica: a declared region other than the writer's.
    pub region: String,
    /// Share of read traffic, 0 to 100.
    pub weight: u32,
    /// Whether the replica keeps a standby in another zone of its region. Omitted: single-AZ
    /// (RDS's default for a replica).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_az: Option<bool>,
    /// Storage volume type: `gp3`, or `io1` / `io2` with `iops`. Omitted: gp3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_type: Option<ReplicaStorageType>,
    /// Provisioned IOPS: required with `io1` and `io2` (1,000 to 256,000, and 0.5 to 50 per GiB
    /// for io1, up to 1,000 per GiB for io2); with gp3 only from 400 GiB (12,000 to 64,000).
    /// Omitted: the volume's baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iops: Option<u32>,
    /// Storage autoscaling ceiling of the replica in GiB, at least 10 % above the writer's
    /// allocation. Omitted: the writer's ceiling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_storage_gb: Option<u32>,
    /// Whether Performance Insights is on for the replica. Omitted: on, as on the writer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance_insights: Option<bool>,
}

/// Storage volume type of a read replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReplicaStorageType {
    /// General purpose SSD.
    Gp3,
    /// Provisioned IOPS SSD.
    Io1,
    /// Provisioned IOPS SSD, Block Express.
    Io2,
}

/// Replication settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Replication {
    /// Asynchronous replication; RDS cross-region replicas are always asynchronous, so only
    /// `true` is accepted. Omitted: true.
    #[serde(rename = "async", default, skip_serializing_if = "Option::is_none")]
    pub asynchronous: Option<bool>,
    /// `replica` or `logical`; `logical` turns on `rds.logical_replication`. Omitted: `replica`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wal_level: Option<WalLevel>,
    /// `max_wal_senders`, 1 to 100; must leave room for every replica. Omitted: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_wal_senders: Option<u32>,
    /// `wal_keep_size` with a unit, e.g. `1GB` or `512MB`. Omitted: RDS's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wal_keep_size: Option<String>,
}

/// WAL level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WalLevel {
    /// Physical replication only.
    Replica,
    /// Physical and logical replication.
    Logical,
}

/// Database failover settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatabaseFailover {
    /// Whether a replica may be promoted. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Seconds the promotion runbook waits for a promoted replica to accept writes. Omitted: 120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_timeout_seconds: Option<u32>,
    /// Seconds between the runbook's health probes while promoting. Omitted: 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_interval_seconds: Option<u32>,
}

/// The Redis cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cache {
    /// `cluster` (cluster mode enabled, sharded) or `sentinel` (one shard with replicas and
    /// automatic failover).
    pub mode: CacheMode,
    /// Redis engine version, e.g. `7.1`. Omitted: `7.1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine_version: Option<String>,
    /// ElastiCache node type, e.g. `cache.r6g.large`; regions may override it in `sizing`.
    pub node_type: String,
    /// Shards (node groups), 1 to 500; must be 1 in `sentinel` mode. Omitted: 3 in cluster mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shards: Option<u32>,
    /// Replicas per shard, 1 to 5. Omitted: 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas_per_shard: Option<u32>,
    /// Port. Omitted: 6379.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// Keys the application keeps consistent across regions; handed to the application as
    /// `${cache.global_prefix}` and `${cache.replicated_keys}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_keys: Option<GlobalKeys>,
    /// Cross-region replication through a Global Datastore.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_region_replication: Option<CacheReplication>,
    /// Regions beside the Global Datastore that get a Redis replication group of their own
    /// (for the regions past the Datastore's two secondaries): not replicated, with its own
    /// AUTH token and data, never promoted by a failover. Their services' `${cache...}`
    /// references name their own group. Each a declared region outside the Datastore; only
    /// with `cross_region_replication` (without it every service region already has a group of
    /// its own). Omitted: none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standalone_regions: Vec<String>,
}

/// Cache topology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CacheMode {
    /// Cluster mode enabled.
    Cluster,
    /// Cluster mode disabled: one primary with replicas and automatic failover.
    Sentinel,
}

/// Keys the application replicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlobalKeys {
    /// Prefix of globally consistent keys, e.g. `rail:global`.
    pub prefix: String,
    /// Key patterns that must be consistent across regions, e.g. `session:*`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replicated_keys: Vec<String>,
}

/// Cache replication strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum CacheReplicationStrategy {
    /// One writable region, read-only secondaries (ElastiCache Global Datastore).
    #[serde(rename = "active-passive")]
    ActivePassive,
    /// Writable everywhere with CRDT merges; ElastiCache does not offer it.
    #[serde(rename = "active-active")]
    ActiveActive,
}

/// Conflict resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ConflictResolution {
    /// The last write wins.
    #[serde(rename = "last-write-wins")]
    LastWriteWins,
}

/// Cross-region replication of the cache.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CacheReplication {
    /// Whether a Global Datastore joins the regions. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `active-passive` (the only strategy ElastiCache supports).
    pub strategy: CacheReplicationStrategy,
    /// Region of the Global Datastore's primary cluster; must be the primary region.
    pub source_region: String,
    /// Regions with a secondary cluster; each a declared region.
    pub target_regions: Vec<String>,
    /// Conflict resolution; `last-write-wins`. Omitted: `last-write-wins`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict_resolution: Option<ConflictResolution>,
}

/// An S3 bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    /// Name of the bucket in this stack (lowercase letters, digits, hyphens); replication
    /// destinations refer to it.
    pub name: String,
    /// The bucket's former name, after a rename: its resources keep the logical IDs and the
    /// default S3 name of the former name, so nothing is replaced, and Terraform moves them to the
    /// new name. Keep it while the bucket exists; it may not be the bucket's own name, another
    /// bucket's name, or be used twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Region of the bucket; any AWS region (a region without services gets a storage-only
    /// stack).
    pub region: String,
    /// Globally unique S3 bucket name. Omitted: `<stack>-<name>-<account id>-<region>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<String>,
    /// Whether versioning is on; replication and Object Lock need it. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versioning: Option<bool>,
    /// Write-once-read-many retention. Omitted: no Object Lock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object_lock: Option<ObjectLock>,
    /// Replication rules to other buckets of this stack.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replication: Vec<ReplicationRule>,
}

/// Object Lock mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ObjectLockMode {
    /// No user, including root, can overwrite or delete a locked version.
    #[serde(rename = "COMPLIANCE")]
    Compliance,
    /// Users with special permissions may lift the lock.
    #[serde(rename = "GOVERNANCE")]
    Governance,
}

/// Object Lock default retention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectLock {
    /// Whether Object Lock is on. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `COMPLIANCE` or `GOVERNANCE`.
    pub mode: ObjectLockMode,
    /// Default retention in days, 1 to 36500 (2555 is seven years).
    pub retention_days: u32,
}

/// S3 storage class of replicas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[allow(non_camel_case_types)]
pub enum StorageClass {
    /// S3 Standard.
    #[serde(rename = "STANDARD")]
    Standard,
    /// S3 Standard-Infrequent Access.
    #[serde(rename = "STANDARD_IA")]
    StandardIa,
    /// S3 One Zone-Infrequent Access.
    #[serde(rename = "ONEZONE_IA")]
    OnezoneIa,
    /// S3 Intelligent-Tiering.
    #[serde(rename = "INTELLIGENT_TIERING")]
    IntelligentTiering,
    /// S3 Glacier Flexible Retrieval.
    #[serde(rename = "GLACIER")]
    Glacier,
    /// S3 Glacier Instant Retrieval.
    #[serde(rename = "GLACIER_IR")]
    GlacierIr,
    /// S3 Glacier Deep Archive.
    #[serde(rename = "DEEP_ARCHIVE")]
    DeepArchive,
}

/// One replication destination.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplicationRule {
    /// Name of the destination bucket (a bucket of this stack in another region).
    pub destination: String,
    /// Storage class of the replicas. Omitted: the source object's class.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<StorageClass>,
    /// Replication time target. `minutes: 15` turns on S3 Replication Time Control; a longer
    /// target becomes a replication-latency alarm. Omitted: no target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_time: Option<ReplicationTime>,
    /// Whether delete markers are replicated. Omitted: false.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_markers: Option<bool>,
}

/// A replication time target; give exactly one unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplicationTime {
    /// Target in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Target in hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
}

/// DNS routing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dns {
    /// Fully qualified name served, e.g. `api.rail-service.com`.
    pub domain: String,
    /// Route 53 hosted zone holding `domain`: a `${NAME}` parameter or a literal zone ID.
    pub hosted_zone_id: String,
    /// Routing policy; only `latency` is supported. Omitted: `latency`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub routing: Option<DnsRouting>,
    /// How long resolvers may cache an answer, in seconds, 1 to 86400. With CNAME records (the
    /// default when this is set) each latency record carries it; alias records have no TTL of
    /// their own and answer with the load balancer's 60 s, so with `record_type: alias` a
    /// warning says so. Omitted: alias records, 60 s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_seconds: Option<u32>,
    /// `alias` (Route 53 alias records to the load balancers, answering with their 60 s TTL; no
    /// query charge) or `cname` (latency CNAME records with `ttl_seconds`; not at the zone
    /// apex). Omitted: `cname` when `ttl_seconds` is set, else `alias`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_type: Option<DnsRecordType>,
    /// Route 53 health check of each region's load balancer.
    pub health_check: DnsHealthCheck,
    /// Further host names, each with its latency records in every region whose load balancer
    /// routes it on HTTPS 443 and its Route 53 health check, like `domain`'s. Omitted: `domain`
    /// only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hosts: Vec<DnsHost>,
    /// Set identifier of each region's latency record, e.g. `{role}`. Placeholders: `{stack}`, `{env}`, `{region}`, `{role}` (`primary`, `secondary`, `optional`). 1 to 128
    /// characters once expanded, distinct between regions. Omitted: the region code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_identifier: Option<String>,
}

/// A further host name of `dns`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DnsHost {
    /// Fully qualified name, e.g. `admin.rail-service.com`, in `hosted_zone_id`'s zone.
    pub name: String,
    /// The load balancer of `load_balancers` the name points at; it must be internet-facing
    /// (Route 53 health checkers cannot reach an internal one). Omitted: `load_balancer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<String>,
    /// Path the host's Route 53 health check requests. Omitted: `dns.health_check.path`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_path: Option<String>,
}

/// Kind of the latency records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DnsRecordType {
    /// Alias records to the load balancers (their TTL, 60 s).
    Alias,
    /// CNAME records to the load balancers' names, with `ttl_seconds`.
    Cname,
}

/// DNS routing policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DnsRouting {
    /// Route 53 latency-based routing.
    Latency,
}

/// Route 53 health check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DnsHealthCheck {
    /// Path requested over HTTPS, e.g. `/health`.
    pub path: String,
    /// Seconds between checks: 10 or 30. Omitted: 30.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<u32>,
    /// Consecutive failures (and successes) before Route 53 changes a region's status, 1 to 10.
    /// Omitted: 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_threshold: Option<u32>,
    /// Seconds the runbooks' own probes wait for an answer, 1 to 30. Omitted: 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

/// CloudFront distribution of static assets, with an origin bucket Meridian creates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cdn {
    /// Alternate domain names, e.g. `static.rail-service.com`; need `certificate`. Omitted: the
    /// distribution's `*.cloudfront.net` name only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// ACM certificate ARN in us-east-1 (CloudFront only reads certificates there), usually a
    /// `${NAME}` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// `PriceClass_100`, `PriceClass_200` or `PriceClass_All`. Omitted: `PriceClass_100`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_class: Option<String>,
    /// Object served for `/`. Omitted: `index.html`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_root_object: Option<String>,
}

/// Global Accelerator settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlobalAccelerator {
    /// Whether the accelerator accepts traffic; `false` keeps it (and its static addresses)
    /// but stops serving. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Whether a client keeps reaching the same endpoint: `none`, or `source_ip` (for
    /// applications that keep state per connection). Omitted: `none`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_affinity: Option<ClientAffinity>,
}

/// How Global Accelerator picks an endpoint for a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientAffinity {
    /// Each connection goes to the best endpoint.
    None,
    /// Connections from one source address go to the same endpoint.
    SourceIp,
}

/// Failover handling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Failover {
    /// Whether regions fail over: DNS records evaluate health, and the `primary_region_down`
    /// alert may initiate failover. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Periods the primary-region health alarm must breach before it fires. Omitted: 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<u32>,
    /// Notification targets told about failover events. Omitted: the targets taking `critical`
    /// alerts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notify: Vec<String>,
    /// Returning to the primary region after it recovers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failback: Option<Failback>,
    /// Who starts the failover workflow (promote a replica, move the writer and cache endpoints,
    /// scale the survivors, redeploy): `automatic` starts it when the `primary_region_down`
    /// alarm fires; `manual` leaves the start to the promote runbook. Omitted: `manual`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<FailoverMode>,
    /// The replica region an automatic failover promotes; must hold a database read replica.
    /// Omitted: the first replica region among secondary regions in declared order, then among
    /// optional regions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_region: Option<String>,
}

/// Who starts a failover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FailoverMode {
    /// The `primary_region_down` alarm starts the failover workflow through EventBridge.
    Automatic,
    /// An operator starts the failover workflow from the promote runbook.
    Manual,
}

/// Failback settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Failback {
    /// Whether the runbooks offer failback. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Seconds the primary must stay healthy before failback starts. Omitted: 300.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_period_seconds: Option<u32>,
}

/// Alert severity.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AlertSeverity {
    /// Page someone now.
    Critical,
    /// Look at it today.
    Warning,
    /// For the record.
    Info,
}

impl AlertSeverity {
    /// The name as written in a stack file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Critical => "critical",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// Where alerts go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationTarget {
    /// Name (lowercase letters, digits, hyphens); one SNS topic per region is created for it.
    pub name: String,
    /// Name of the SNS topic in each region, e.g. `rail-failover`. Placeholders: `{stack}`,
    /// `{env}`, `{region}`. At most 249 characters once expanded: letters, digits, hyphens and
    /// underscores. The global unit's topic, in the same region as the primary's, adds
    /// `-global`. Changing it replaces the topics. Omitted: `<stack>-<name>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
    /// Severities delivered to this target.
    pub severities: Vec<AlertSeverity>,
    /// E-mail addresses subscribed (may contain `${NAME}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email: Vec<String>,
    /// HTTPS endpoints subscribed, e.g. a paging service's integration URL (may contain
    /// `${NAME}`; mark such a parameter `sensitive`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub https: Vec<String>,
}

/// What an alert watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertCondition {
    /// The primary region's Route 53 health check reports unhealthy (no threshold).
    PrimaryRegionDown,
    /// A read replica lags the writer by more than `threshold` seconds.
    ReplicaLag,
    /// p95 load-balancer target response time above `threshold` milliseconds, per region.
    Latency,
    /// More than `threshold` unhealthy targets in a region's target groups.
    FailedHealthChecks,
    /// Share of 5xx target responses above `threshold` (0 to 1), per region.
    ErrorRate,
    /// More than `threshold` target 5xx responses per minute, per region.
    #[serde(rename = "http_5xx")]
    Http5xx,
    /// Average ECS service CPU above `threshold` percent, per region.
    ServiceCpu,
    /// Average database CPU above `threshold` percent, per region.
    DatabaseCpu,
    /// Any CloudWatch metric (`metric`) or metric math over several (`math`), compared with
    /// `threshold` by `comparison`, per region that runs services.
    Metric,
}

/// What should happen when an alert fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertAction {
    /// Notify the targets of the alert's severity.
    Notify,
    /// Notify the on-call targets (those taking `critical`).
    NotifyOnCall,
    /// Investigate cross-region networking (runbook link).
    InvestigateNetwork,
    /// Start regional failover: notify the failover targets; the runbook promotes a replica.
    InitiateFailover,
    /// Fail over if the alarming region is the primary.
    FailoverIfPrimary,
}

impl AlertAction {
    /// The name as written in a stack file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Notify => "notify",
            Self::NotifyOnCall => "notify_on_call",
            Self::InvestigateNetwork => "investigate_network",
            Self::InitiateFailover => "initiate_failover",
            Self::FailoverIfPrimary => "failover_if_primary",
        }
    }
}

/// A CloudWatch alarm.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    /// Alarm name, unique in the stack, e.g. `ReplicationLagHigh`.
    pub name: String,
    /// What is watched.
    pub condition: AlertCondition,
    /// Threshold in the condition's unit; required except for `primary_region_down`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Severity; decides which notification targets receive it.
    pub severity: AlertSeverity,
    /// What should happen.
    pub action: AlertAction,
    /// Alarm period in seconds: 10, 30 or a multiple of 60. Omitted: 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<u32>,
    /// Periods that must breach before the alarm fires. Omitted: 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation_periods: Option<u32>,
    /// The metric of `condition: metric`. Omitted: `math` says what is watched (one of the two
    /// is required with `condition: metric`, and neither is allowed with another condition).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<AlertMetric>,
    /// Metric math of `condition: metric`: an expression over named metrics, whose result is
    /// compared with `threshold`. Omitted: `metric` says what is watched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub math: Option<AlertMath>,
    /// How the watched value is compared with `threshold` (`condition: metric` only). Omitted:
    /// `greater_than`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<AlertComparison>,
}

/// A CloudWatch metric an alert watches in every region that runs services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlertMetric {
    /// Namespace, e.g. `AWS/ApplicationELB`, `AWS/RDS`, `AWS/ElastiCache` or your own.
    pub namespace: String,
    /// Metric name, e.g. `TargetResponseTime`.
    pub name: String,
    /// Dimensions by name. A value may hold references to the region's resources:
    /// `${load_balancer}` (its `app/...` name), `${target_groups.NAME}` (`targetgroup/...`),
    /// `${services.NAME}` (the ECS service name), `${cluster}`, `${database}` (the region's DB
    /// instance identifier), `${cache}` (the region's replication group ID) and `${region}`.
    /// Omitted: no dimension.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dimensions: BTreeMap<String, String>,
    /// `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or a percentile such as `p99`.
    pub statistic: String,
}

/// Metric math: named metrics and an expression over their names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AlertMath {
    /// The expression, e.g. `IF(requests > 0, errors / requests, 0)`, over the names of `metrics`.
    pub expression: String,
    /// The metrics by name: lowercase letter first, then letters, digits and `_`.
    pub metrics: BTreeMap<String, AlertMetric>,
    /// Label of the result on graphs. Omitted: the alert's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// How an alarm compares the watched value with its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertComparison {
    /// Fires above the threshold.
    GreaterThan,
    /// Fires at or above the threshold.
    GreaterThanOrEqual,
    /// Fires below the threshold (free memory, healthy hosts).
    LessThan,
    /// Fires at or below the threshold.
    LessThanOrEqual,
}

/// A cross-region dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dashboard {
    /// Dashboard name (letters, digits, `-`, `_`), at most 255 characters.
    pub name: String,
    /// Name of the CloudWatch dashboard; dashboards are global to the account. Placeholders:
    /// `{stack}`, `{env}`. At most 255 characters once expanded: letters, digits, `-` and `_`.
    /// Changing it replaces the dashboard. Omitted: derived from `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
    /// Widgets, laid out two per row in the order given.
    pub widgets: Vec<Widget>,
}

/// A metric shown per region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WidgetMetric {
    /// Load balancer request count.
    RequestCount,
    /// Load balancer target response time.
    Latency,
    /// Read replica lag.
    ReplicaLag,
    /// Target 5xx responses.
    #[serde(rename = "http_5xx")]
    Http5xx,
    /// ECS service CPU.
    ServiceCpu,
    /// Database connections.
    DatabaseConnections,
}

/// A dashboard widget: one metric, one line per region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Widget {
    /// Title.
    pub title: String,
    /// Metric.
    pub metric: WidgetMetric,
    /// Statistic: `Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount` or a percentile such as
    /// `p95`. Omitted: the metric's natural statistic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stat: Option<String>,
    /// Period in seconds: 10, 30 or a multiple of 60. Omitted: 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_seconds: Option<u32>,
}

/// The ECS cluster of every region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    /// Name of the cluster in each region, e.g. `{stack}-{region}`. Placeholders: `{stack}`,
    /// `{env}`, `{region}`, `{role}`. At most 255 characters once expanded: letters, digits,
    /// hyphens and underscores. Changing it replaces the cluster and its services. Omitted:
    /// `<stack>-<region>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_name: Option<String>,
}

/// Settings of the Terraform root module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerraformSettings {
    /// Where Terraform keeps the module's state. Omitted: no backend block, so the state is a
    /// local file (fine alone, unsafe for a team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend: Option<TerraformBackend>,
}

/// A Terraform state backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TerraformBackend {
    /// The S3 backend, with state locking.
    pub s3: S3Backend,
}

/// Terraform's S3 backend: the state is an object in a bucket, locked while a run writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct S3Backend {
    /// The bucket holding the state (created beforehand, versioning on). Placeholders:
    /// `{stack}`, `{env}`.
    pub bucket: String,
    /// Object key of the state. Placeholders: `{stack}`, `{env}`. Omitted:
    /// `<stack>/terraform.tfstate`, or `<stack>/<env>/terraform.tfstate` when the file declares
    /// environments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// AWS region of the bucket, e.g. `us-east-1`.
    pub region: String,
    /// Whether the state object is encrypted at rest. Omitted: true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encrypt: Option<bool>,
    /// KMS key (ARN) the state object is encrypted with. Omitted: the bucket's default
    /// encryption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
    /// DynamoDB table (partition key `LockID`, a string) that locks the state. Omitted: the
    /// lock is a file beside the state object (`use_lockfile`, Terraform 1.10 or later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamodb_table: Option<String>,
}
