//! Every name Meridian derives: CloudFormation logical IDs, Terraform resource names, stack
//! names and physical names, with AWS length and charset limits. Nothing else in the workspace
//! invents a name.
//!
//! Rules (GUIDE §4): IDs come from the user's entity names plus a role word, never from list
//! positions or content hashes; logical IDs carry no region (each region has its own template);
//! Terraform names are the snake_case logical ID plus a region slug. A physical name is only set
//! where another region, a runbook or an alarm must know it, and is cut with a stable short hash
//! when a service limit forces it.
//!
//! A renamed entity (`renamed_from`) has two names: its resources keep the former one in logical
//! IDs and physical names, so nothing is replaced, and its Terraform names follow the current one,
//! with `moved` blocks from the former names ([`EntityName`], [`entity_rid`]).

use crate::ids::{Rid, UnitId};
use crate::types::EntityKind;

/// `rail-backend` → `RailBackend`; `ReplicationLagHigh` stays as is; `http_5xx` → `Http5xx`.
/// Logical ID of a region's security group for the service tasks' egress to peered regions.
pub const PEER_EGRESS_GROUP: &str = "TasksToPeerRegions";
/// The tag Meridian puts on every taggable resource, beside the stack's own tags and the
/// resource's [`crate::aws::NAME_TAG`].
pub const STACK_TAG: &str = "meridian:stack";
/// Tags Meridian adds to a resource: [`STACK_TAG`] and the name tag; they count towards AWS's
/// limit of tags per resource.
pub const ADDED_TAGS: usize = 2;
/// The tag that names a stack's environment (`staging`) on every taggable resource of a stack
/// file that declares `environments:`.
pub const ENVIRONMENT_TAG: &str = "Environment";
/// The tag that says which tool manages a resource, on every taggable resource of a stack file
/// that declares `environments:`, with the value [`MANAGED_BY`].
pub const MANAGED_BY_TAG: &str = "ManagedBy";
/// The value of [`MANAGED_BY_TAG`].
pub const MANAGED_BY: &str = "meridian";
/// Tags Meridian adds to every resource of an environment beside [`ADDED_TAGS`]:
/// [`ENVIRONMENT_TAG`] and [`MANAGED_BY_TAG`].
pub const ENVIRONMENT_TAGS: usize = 2;

/// The name of an environment's stack: the file's `stack` and the environment, `rail-backend-staging`.
/// It prefixes every CloudFormation stack and physical name of the environment, so that several
/// environments of one file share an account.
pub fn environment_stack(stack: &str, environment: &str) -> String {
    format!("{stack}-{environment}")
}

/// `rail-backend` → `RailBackend`: the ASCII letters and digits of `name`, each run of them
/// starting with a capital; everything else only separates runs. One pass over the bytes: a
/// byte of a character outside ASCII is never an ASCII letter or digit.
pub fn pascal(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word_starts = true;
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() {
            out.push(char::from(if word_starts {
                byte.to_ascii_uppercase()
            } else {
                byte
            }));
            word_starts = false;
        } else {
            word_starts = true;
        }
    }
    out
}

/// `ApiTaskDefinition` → `api_task_definition`; `Http5xxAlarm` → `http5xx_alarm`.
pub fn snake(pascal_name: &str) -> String {
    // A word starts at an ASCII capital that follows a lowercase letter or digit. The name is
    // copied in runs between those capitals and lowercased once: only ASCII bytes change, and a
    // byte of a character outside ASCII is neither an ASCII capital nor a lowercase letter or
    // digit, just as the character is not (so every cut falls on a character boundary).
    let bytes = pascal_name.as_bytes();
    let mut out = String::with_capacity(pascal_name.len() + 8);
    let mut start = 0;
    for (index, pair) in bytes.windows(2).enumerate() {
        let [previous, byte] = [pair[0], pair[1]];
        if byte.is_ascii_uppercase() && (previous.is_ascii_lowercase() || previous.is_ascii_digit())
        {
            out.push_str(&pascal_name[start..=index]);
            out.push('_');
            start = index + 1;
        }
    }
    out.push_str(&pascal_name[start..]);
    out.make_ascii_lowercase();
    out
}

/// `us-east-1` → `us_east_1`, for Terraform names.
pub fn region_slug(region: &str) -> String {
    region.replace('-', "_")
}

/// The resource identity for `logical` in `unit`.
pub fn rid(logical: impl Into<String>, unit: &UnitId) -> Rid {
    let logical = logical.into();
    let mut tf = snake(&logical);
    tf.push('_');
    match unit {
        UnitId::Storage(region)
        | UnitId::Region(region)
        | UnitId::Services(region, _)
        | UnitId::Links(region) => {
            tf.extend(region.chars().map(|c| if c == '-' { '_' } else { c }))
        }
        UnitId::Global => tf.push_str(crate::ids::GLOBAL_UNIT),
        UnitId::Accelerator => tf.push_str(crate::ids::ACCELERATOR_UNIT),
    }
    Rid {
        logical: logical.into(),
        tf,
    }
}

/// The names of an entity that may have been renamed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityName {
    /// What the entity is.
    pub kind: EntityKind,
    /// The name the stack file uses now: references find the entity by it, and Terraform names
    /// derive from it.
    pub current: String,
    /// The name AWS resources are identified by: the former name of a renamed entity, else the
    /// current name. Logical IDs, physical names and descriptions derive from it, so a rename
    /// replaces nothing.
    pub identity: String,
}

impl EntityName {
    /// The names of an entity called `current` now, renamed from `renamed_from` (already checked).
    pub fn new(kind: EntityKind, current: &str, renamed_from: Option<&str>) -> Self {
        Self {
            kind,
            current: current.to_owned(),
            identity: renamed_from.unwrap_or(current).to_owned(),
        }
    }

    /// Whether the entity was renamed.
    pub fn is_renamed(&self) -> bool {
        self.current != self.identity
    }
}

/// The resource identity of an entity's resource whose logical ID `role` builds from the
/// entity's PascalCase name (`|base| [base, "Service"].concat()`): the logical ID from the
/// identity name, the Terraform name from the current name. The second value is the Terraform
/// name the resource had under the former name, when the entity was renamed.
pub fn entity_rid(
    entity: &EntityName,
    role: impl Fn(&str) -> String,
    unit: &UnitId,
) -> (Rid, Option<String>) {
    entities_rid(&[entity], |bases| role(&bases[0]), unit)
}

/// [`entity_rid`] for a resource whose logical ID names several entities (a replication alarm
/// names its source and destination buckets): `role` gets their PascalCase names in order.
pub fn entities_rid(
    entities: &[&EntityName],
    role: impl Fn(&[String]) -> String,
    unit: &UnitId,
) -> (Rid, Option<String>) {
    let identities: Vec<String> = entities.iter().map(|e| pascal(&e.identity)).collect();
    let logical = role(&identities);
    if !entities.iter().any(|entity| entity.is_renamed()) {
        return (rid(logical, unit), None);
    }
    let former = rid(logical.clone(), unit);
    let currents: Vec<String> = entities.iter().map(|e| pascal(&e.current)).collect();
    let current = rid(role(&currents), unit);
    (
        Rid {
            logical: logical.into(),
            tf: current.tf,
        },
        Some(former.tf),
    )
}

/// CloudFormation stack name of a unit.
pub fn stack_name(stack: &str, unit: &UnitId) -> String {
    match unit {
        UnitId::Storage(region) => format!("{stack}-{region}-storage"),
        UnitId::Region(region) => format!("{stack}-{region}"),
        UnitId::Services(region, group) => format!("{stack}-{region}-services-{group}"),
        UnitId::Links(region) => format!("{stack}-{region}-links"),
        UnitId::Global => format!("{stack}-global"),
        UnitId::Accelerator => format!("{stack}-{}", crate::ids::ACCELERATOR_UNIT),
    }
}

/// File name (without directory) of a unit's CloudFormation template.
pub fn template_file(stack: &str, unit: &UnitId) -> String {
    format!("{}.template.json", stack_name(stack, unit))
}

/// Name of a CloudFormation parameter for a stack-file parameter: `IMAGE_TAG` → `ImageTag`.
pub fn cfn_parameter(name: &str) -> String {
    name.split('_')
        .filter(|word| !word.is_empty())
        .map(|word| {
            let lower = word.to_ascii_lowercase();
            let mut characters = lower.chars();
            characters.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + characters.as_str()
            })
        })
        .collect()
}

/// Name of a Terraform variable for a stack-file parameter: `IMAGE_TAG` → `image_tag`.
pub fn tf_variable(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// Stable 32-bit FNV-1a hash, as 7 hex digits, for shortening names.
fn short_hash(text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{:07x}", hash & 0x0fff_ffff)
}

/// `name` if it fits in `limit` characters, else its head and a stable hash of the whole, so that
/// distinct long names stay distinct.
pub fn fit(name: &str, limit: usize) -> String {
    if name.len() <= limit {
        return name.to_owned();
    }
    let mut keep = limit.saturating_sub(8);
    // Names are validated ASCII before they get here; a boundary check keeps a name that was
    // not (reported elsewhere) from panicking on the way.
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    let head = name[..keep].trim_end_matches('-');
    format!("{head}-{}", short_hash(name))
}

/// Characters left for the user's part of a bucket name once the account ID (12 digits) is in
/// it.
pub const ACCOUNT_ID_LENGTH: usize = 12;

/// Limits of the physical names Meridian sets.
pub mod limits {
    /// RDS DB instance identifiers.
    pub const DB_INSTANCE: usize = 63;
    /// ElastiCache replication group IDs.
    pub const REPLICATION_GROUP: usize = 40;
    /// S3 bucket names.
    pub const BUCKET: usize = 63;
    /// ECS cluster and service names.
    pub const ECS: usize = 255;
    /// SNS topic names.
    pub const TOPIC: usize = 256;
    /// CloudWatch alarm names.
    pub const ALARM: usize = 255;
    /// Stack names.
    pub const STACK: usize = 24;
    /// CloudFormation logical IDs.
    pub const LOGICAL_ID: usize = 255;
    /// Alert names (a CloudWatch alarm name is `<stack>-<alert>[-<service>]`, at most 255).
    pub const ALERT: usize = 128;
    /// Dashboard names: CloudWatch allows 255 characters, and the logical ID
    /// (`<Name>Dashboard`) must stay within [`LOGICAL_ID`].
    pub const DASHBOARD: usize = LOGICAL_ID - "Dashboard".len();

    // Entity names (GUIDE §4) become parts of logical IDs and physical names; these budgets
    // leave room for the stack name, the region and the role words beside them.

    /// Notification targets: part of the SNS topic name.
    pub const NOTIFICATION_TARGET_NAME: usize = 40;
    /// Bucket entities: part of the default bucket name, beside the stack, region and account ID
    /// within [`BUCKET`].
    pub const BUCKET_ENTITY_NAME: usize = 40;
    /// Services: part of the ECS service name and of IDs; as long as an ALB target group name.
    pub const SERVICE_NAME: usize = 32;
    /// Target groups: part of IDs; an ALB target group name has at most 32 characters.
    pub const TARGET_GROUP_NAME: usize = 32;
    /// Further load balancers: part of IDs and of their access-log bucket's name.
    pub const LOAD_BALANCER_NAME: usize = 24;
    /// Scheduled scaling actions: part of the scheduled action's name.
    pub const SCHEDULE_NAME: usize = 200;
    /// The word an e-mail address or URL gives a subscription's logical ID.
    pub const ENDPOINT_LABEL: usize = 48;
    /// Step Functions state machine names (`CreateStateMachine`: 1 to 80 characters).
    pub const STATE_MACHINE_NAME: usize = 80;
    /// EventBridge rule names (`PutRule`: 1 to 64 characters).
    pub const EVENT_RULE_NAME: usize = 64;
}

/// The identifier grammars every derived ID must satisfy in every target, in one place:
///
/// - a CloudFormation logical ID is ASCII letters and digits, at most [`limits::LOGICAL_ID`];
/// - a Terraform name starts with a letter or `_` and goes on with letters, digits, `_` and `-`.
///
/// IDs derive from the user's names ([`pascal`], [`rid`]), so a name that begins an ID must start
/// with a letter (`5xx-errors` would give the Terraform name `5xx_errors_alarm_...`). The checks
/// of entity names use [`name_problem`]; [`identifier_problem`] is the last word on every derived
/// ID, so that no name reaches an emitter that one target would refuse.
pub fn identifier_problem(rid: &Rid) -> Option<String> {
    let logical = &rid.logical;
    // Byte by byte: no byte of a character outside ASCII is an ASCII letter or digit.
    if logical.is_empty() || !logical.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Some(format!(
            "the CloudFormation logical ID `{logical}` must be letters and digits only"
        ));
    }
    if logical.len() > limits::LOGICAL_ID {
        return Some(format!(
            "the CloudFormation logical ID `{logical}` is longer than {} characters",
            limits::LOGICAL_ID
        ));
    }
    let tf = &rid.tf;
    let valid_tf = tf.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && tf
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid_tf {
        return Some(format!(
            "the Terraform name `{tf}` must start with a letter and hold only letters, digits, `_` and `-`"
        ));
    }
    None
}

/// Why `name`, a user's name that begins resource IDs (an alert, a dashboard, a schedule), is
/// not usable in every target, or `None`: non-empty, at most `limit` characters, ASCII letters,
/// digits, `-` and `_`, starting with a letter.
pub fn name_problem(name: &str, limit: usize) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".to_owned());
    }
    if name.chars().count() > limit {
        return Some(format!("it is longer than {limit} characters"));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Some(format!(
            "the character {:?} is not allowed: use letters, digits, `-` and `_`",
            bad
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(
            "it must start with a letter: resource IDs begin with it, and Terraform names cannot start with a digit, `-` or `_`".to_owned(),
        );
    }
    None
}

/// The placeholders a physical name the stack sets may use (`physical_name`, `logs.group`,
/// `dns.set_identifier`...), as `{word}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// `{stack}`: the stack name.
    Stack,
    /// `{env}`: the environment the stack is resolved for.
    Env,
    /// `{region}`: the region code of the resource.
    Region,
    /// `{role}`: the role of the resource's region (`primary`, `secondary`, `optional`).
    Role,
}

impl Placeholder {
    /// Every placeholder, in the order README lists them.
    pub const ALL: [Placeholder; 4] = [Self::Stack, Self::Env, Self::Region, Self::Role];

    /// The word between the braces.
    pub fn word(self) -> &'static str {
        match self {
            Self::Stack => "stack",
            Self::Env => "env",
            Self::Region => "region",
            Self::Role => "role",
        }
    }
}

/// What each placeholder of a physical name expands to where the name is used; `None` where a
/// placeholder means nothing (a dashboard has no region; a file without environments has no
/// `{env}`).
#[derive(Debug, Clone, Copy)]
pub struct NameScope<'a> {
    /// `{stack}`.
    pub stack: &'a str,
    /// `{env}`.
    pub environment: Option<&'a str>,
    /// `{region}`.
    pub region: Option<&'a str>,
    /// `{role}`.
    pub role: Option<&'a str>,
}

/// Why a name with placeholders cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceholderProblem {
    /// `${...}`, a `{` without its `}` or a `}` without its `{`.
    Malformed,
    /// `{word}` that is no placeholder.
    Unknown(String),
    /// A placeholder this kind of name cannot use (`{region}` in a dashboard's name).
    Unavailable(Placeholder),
    /// `{env}` in a file that declares no environment.
    NoEnvironment,
}

/// `template` with its placeholders expanded in `scope`.
pub fn expand_name(template: &str, scope: &NameScope<'_>) -> Result<String, PlaceholderProblem> {
    if template.contains("${") {
        return Err(PlaceholderProblem::Malformed);
    }
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(PlaceholderProblem::Malformed);
        }
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(PlaceholderProblem::Malformed)?;
        let word = &after[..close];
        let placeholder = Placeholder::ALL
            .into_iter()
            .find(|placeholder| placeholder.word() == word)
            .ok_or_else(|| PlaceholderProblem::Unknown(word.to_owned()))?;
        let value = match placeholder {
            Placeholder::Stack => Some(scope.stack),
            Placeholder::Env => Some(scope.environment.ok_or(PlaceholderProblem::NoEnvironment)?),
            Placeholder::Region => scope.region,
            Placeholder::Role => scope.role,
        };
        out.push_str(value.ok_or(PlaceholderProblem::Unavailable(placeholder))?);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Physical names of the resources that need one: the stack file's own names where it sets
/// them (`physical_name`, `logs.group`, `dns.set_identifier`, expanded per region), else
/// Meridian's defaults. A name that cannot be expanded falls back to the default; the check of
/// names (`resolve/names.rs`) reports it, so no plan is made with it.
#[derive(Debug, Clone, Copy)]
pub struct PhysicalNames<'a> {
    /// The stack name (an environment's: [`environment_stack`]).
    pub stack: &'a str,
    /// The stack file, for the names it sets.
    pub file: &'a meridian_model::Stack,
}

impl PhysicalNames<'_> {
    /// The placeholders' values for a resource in `region` (`None`: a global resource).
    pub fn scope<'s>(&'s self, region: Option<&'s str>) -> NameScope<'s> {
        let role = region.and_then(|code| {
            self.file
                .regions
                .iter()
                .find(|declared| declared.code == code)
                .map(|declared| match declared.role {
                    meridian_model::RegionRole::Primary => "primary",
                    meridian_model::RegionRole::Secondary => "secondary",
                    meridian_model::RegionRole::Optional => "optional",
                })
        });
        NameScope {
            stack: self.stack,
            environment: self.file.environment.as_deref(),
            region,
            role,
        }
    }

    /// `template` expanded for `region`, if the stack sets it and it expands.
    fn chosen(&self, template: Option<&String>, region: Option<&str>) -> Option<String> {
        expand_name(template?, &self.scope(region)).ok()
    }

    /// The service whose resources are identified by `identity` (its former name after a
    /// rename).
    fn service_entity(&self, identity: &str) -> Option<&meridian_model::Service> {
        self.file
            .services
            .iter()
            .find(|service| service.renamed_from.as_deref().unwrap_or(&service.name) == identity)
    }

    /// ECS cluster of a region: `cluster.physical_name`, else `rail-backend-us-east-1` (the
    /// seed's `CLUSTER_NAME`).
    pub fn cluster(&self, region: &str) -> String {
        let chosen = self
            .file
            .cluster
            .as_ref()
            .and_then(|cluster| cluster.physical_name.as_ref());
        self.chosen(chosen, Some(region))
            .unwrap_or_else(|| fit(&format!("{}-{region}", self.stack), limits::ECS))
    }

    /// ECS service and task-definition family in a region: `physical_name`, else
    /// `rail-backend-api`.
    pub fn service(&self, service: &str, region: &str) -> String {
        let chosen = self
            .service_entity(service)
            .and_then(|s| s.physical_name.as_ref());
        self.chosen(chosen, Some(region))
            .unwrap_or_else(|| fit(&format!("{}-{service}", self.stack), limits::ECS))
    }

    /// Log stream prefix of a service's container: `logs.stream_prefix`, else the container
    /// name (streams are `<container>/<container>/<task ID>`).
    pub fn stream_prefix(&self, service: &str, region: &str) -> String {
        let chosen = self
            .service_entity(service)
            .and_then(|s| s.logs.as_ref())
            .and_then(|logs| logs.stream_prefix.as_ref());
        self.chosen(chosen, Some(region))
            .unwrap_or_else(|| self.container(service))
    }

    /// The load balancer of a region: `load_balancer.physical_name`, or `None` (a generated
    /// name).
    pub fn load_balancer(&self, region: &str) -> Option<String> {
        let chosen = self.file.load_balancer.as_ref()?.physical_name.as_ref();
        self.chosen(chosen, Some(region))
    }

    /// Name of a further load balancer (`load_balancers`) in a region, when the stack names it.
    pub fn further_load_balancer(&self, load_balancer: &str, region: &str) -> Option<String> {
        let chosen = self
            .file
            .further_load_balancer(load_balancer)?
            .physical_name
            .as_ref();
        self.chosen(chosen, Some(region))
    }

    /// The blue and green target groups of `target_group` in a region, when the stack names
    /// them: the green one is `<name>-green`, cut to the limit with a hash.
    pub fn target_group(&self, target_group: &str, region: &str) -> Option<(String, String)> {
        let chosen = self
            .file
            .all_load_balancers()
            .flat_map(|(_, lb)| &lb.target_groups)
            .find(|tg| tg.name == target_group)?
            .physical_name
            .as_ref();
        let blue = self.chosen(chosen, Some(region))?;
        let green = fit(
            &format!("{blue}-{}", crate::defaults::GREEN_TARGET_GROUP_SUFFIX),
            crate::aws::limits::TARGET_GROUP_NAME.max,
        );
        Some((blue, green))
    }

    /// Set identifier of a region's latency record: `dns.set_identifier`, else the region code.
    pub fn set_identifier(&self, region: &str) -> String {
        let chosen = self
            .file
            .dns
            .as_ref()
            .and_then(|dns| dns.set_identifier.as_ref());
        self.chosen(chosen, Some(region))
            .unwrap_or_else(|| region.to_owned())
    }

    /// A dashboard: its `physical_name`, else its name, which is account-wide, with the
    /// environment after it (`rail-backend-multi-region-staging`) so that environments of one
    /// file do not share it.
    pub fn dashboard(&self, dashboard: &str) -> String {
        let chosen = self
            .file
            .dashboards
            .iter()
            .find(|declared| declared.name == dashboard)
            .and_then(|declared| declared.physical_name.as_ref());
        self.chosen(chosen, None)
            .unwrap_or_else(|| match self.file.environment.as_deref() {
                Some(environment) => fit(&format!("{dashboard}-{environment}"), limits::DASHBOARD),
                None => dashboard.to_owned(),
            })
    }

    /// Container name inside the task definition: the service name.
    pub fn container(&self, service: &str) -> String {
        service.to_owned()
    }

    /// Log group of a service in a region: `logs.group`, else `/ecs/<stack>/<service>`.
    pub fn service_log_group(&self, service: &str, region: &str) -> String {
        let chosen = self
            .service_entity(service)
            .and_then(|s| s.logs.as_ref())
            .and_then(|logs| logs.group.as_ref());
        self.chosen(chosen, Some(region))
            .unwrap_or_else(|| format!("/ecs/{}/{service}", self.stack))
    }

    /// Log group of VPC flow logs.
    pub fn network(&self, region: &str) -> String {
        format!("{}-{region}", self.stack)
    }

    /// Name tag of the VPC peering `requester` requests with `accepter`:
    /// `rail-backend-eu-west-1-us-east-1`.
    pub fn peering(&self, requester: &str, accepter: &str) -> String {
        format!("{}-{requester}-{accepter}", self.stack)
    }

    /// Log group of a region's VPC flow logs.
    pub fn flow_log_group(&self) -> String {
        format!("/vpc/{}/flow-logs", self.stack)
    }

    /// DB instance in a region: `rail-backend-eu-west-1` (the seed's dashboard names the replica
    /// this way).
    pub fn db_instance(&self, region: &str) -> String {
        fit(&format!("{}-{region}", self.stack), limits::DB_INSTANCE)
    }

    /// Secret holding the database master credentials.
    pub fn database_secret(&self) -> String {
        format!("{}/database/master", self.stack)
    }

    /// Secret holding the cache AUTH token.
    pub fn cache_secret(&self) -> String {
        format!("{}/cache/auth-token", self.stack)
    }

    /// Replication group in a region.
    pub fn replication_group(&self, region: &str) -> String {
        fit(
            &format!("{}-{region}", self.stack),
            limits::REPLICATION_GROUP,
        )
    }

    /// Suffix of the Global Datastore ID (AWS adds a prefix).
    pub fn global_datastore_suffix(&self) -> String {
        fit(self.stack, limits::REPLICATION_GROUP)
    }

    /// Default bucket name: `<stack>-<bucket>-<account>-<region>`; the account ID is added at
    /// deploy time, so this returns the parts around it.
    pub fn default_bucket(&self, bucket: &str, region: &str) -> (String, String) {
        let suffix = format!("-{region}");
        // A region code AWS does not know is reported elsewhere; the arithmetic must not
        // underflow on the way there.
        let budget = (limits::BUCKET - ACCOUNT_ID_LENGTH - 1).saturating_sub(suffix.len());
        let head = fit(&format!("{}-{bucket}", self.stack), budget);
        (format!("{head}-"), suffix)
    }

    /// Bucket for load-balancer access logs in a region.
    pub fn access_log_bucket(&self, region: &str) -> (String, String) {
        self.default_bucket("alb-logs", region)
    }

    /// Bucket for the access logs of a further load balancer (`load_balancers`) in a region:
    /// `<stack>-alb-logs-<name>-<account>-<region>`.
    pub fn further_access_log_bucket(&self, load_balancer: &str, region: &str) -> (String, String) {
        self.default_bucket(&format!("alb-logs-{load_balancer}"), region)
    }

    /// Bucket holding the CDN's static assets, in the global region.
    pub fn cdn_bucket(&self, global_region: &str) -> (String, String) {
        self.default_bucket("static", global_region)
    }

    /// SNS topic of a notification target in a unit of `region`: its `physical_name`, else
    /// `<stack>-<target>`; the global unit's, in the same region as the primary's, adds
    /// `-global`.
    pub fn topic(&self, target: &str, global: bool, region: &str) -> String {
        let chosen = self
            .file
            .notifications
            .iter()
            .find(|declared| declared.name == target)
            .and_then(|declared| declared.physical_name.as_ref());
        let base = self
            .chosen(chosen, Some(region))
            .unwrap_or_else(|| format!("{}-{target}", self.stack));
        let name = if global {
            format!("{base}-global")
        } else {
            base
        };
        fit(&name, limits::TOPIC)
    }

    /// CloudWatch alarm.
    pub fn alarm(&self, alarm: &str) -> String {
        fit(&format!("{}-{alarm}", self.stack), limits::ALARM)
    }

    /// Target-tracking scaling policy of a service.
    pub fn scaling_policy(&self, service: &str) -> String {
        fit(&format!("{}-{service}-cpu-target", self.stack), 256)
    }

    /// Rotation function of the database master password.
    pub fn rotation_function(&self) -> String {
        fit(&format!("{}-database-rotation", self.stack), 64)
    }

    /// Cache subnet group in a region.
    pub fn cache_subnet_group(&self, region: &str) -> String {
        fit(&format!("{}-{region}-cache", self.stack), 255)
    }

    /// The Global Accelerator (at most 64 characters).
    pub fn accelerator(&self) -> String {
        fit(self.stack, 64)
    }

    /// CloudFront origin access control of the CDN bucket.
    pub fn origin_access_control(&self) -> String {
        fit(&format!("{}-cdn-origin", self.stack), 64)
    }

    /// KMS alias.
    pub fn key_alias(&self, purpose: &str) -> String {
        format!("alias/{}/{purpose}", self.stack)
    }

    /// SSM parameter holding the current database writer's address, in every service region.
    pub fn writer_address_parameter(&self) -> String {
        format!("/{}/database/writer-address", self.stack)
    }

    /// SSM parameter holding the current cache primary's endpoint, in every service region.
    pub fn cache_primary_parameter(&self) -> String {
        format!("/{}/cache/primary-endpoint", self.stack)
    }

    /// State machine of a region's failover workflow (`failover`) or of its adoption of a moved
    /// writer (`adopt-writer`); names are per region and account.
    pub fn state_machine(&self, purpose: &str) -> String {
        fit(
            &format!("{}-{purpose}", self.stack),
            limits::STATE_MACHINE_NAME,
        )
    }

    /// Log group of a state machine, under the prefix AWS recommends for vended logs (its
    /// resource policy then stays within the CloudWatch Logs size limit).
    pub fn state_machine_log_group(&self, purpose: &str) -> String {
        format!("/aws/vendedlogs/states/{}-{purpose}", self.stack)
    }

    /// EventBridge rule on a region's default bus.
    pub fn event_rule(&self, purpose: &str) -> String {
        fit(
            &format!("{}-{purpose}", self.stack),
            limits::EVENT_RULE_NAME,
        )
    }

    /// The `source` of the events Meridian's failover workflow puts on the default buses.
    pub fn event_source(&self) -> String {
        format!("meridian.{}", self.stack)
    }
}

/// The default key of the Terraform state in the backend's bucket, before its placeholders are
/// expanded: one state per stack, and per environment when the file declares environments (an
/// environment's overlay may also move the bucket).
pub fn terraform_state_key(has_environments: bool) -> String {
    if has_environments {
        "{stack}/{env}/terraform.tfstate".to_owned()
    } else {
        "{stack}/terraform.tfstate".to_owned()
    }
}

/// ID of the lifecycle rule that aborts abandoned multipart uploads.
pub fn abort_uploads_rule_id() -> String {
    "abort-incomplete-uploads".to_owned()
}

/// ID of the lifecycle rule that expires objects after `days`.
pub fn expiration_rule_id(days: u32) -> String {
    format!("expire-after-{days}-days")
}

/// Name of a policy that is a resource of its own: its logical ID (policy names need only be
/// unique within the role).
pub fn inline_policy_name(policy: &Rid) -> String {
    policy.logical.to_string()
}

/// Name of the inline policy of `role`: the role's logical ID and `Policy`.
pub fn role_policy_name(role: &Rid) -> String {
    format!("{}Policy", role.logical)
}

/// Name tag of a network resource of a zone: `<prefix>-<tier>-<zone letter>`
/// (`rail-backend-us-east-1-private-a`), or of the whole network without a zone
/// (`rail-backend-us-east-1-public`).
pub fn network_resource_name(prefix: &str, tier: &str, letter: Option<char>) -> String {
    match letter {
        Some(letter) => format!("{prefix}-{tier}-{letter}"),
        None => format!("{prefix}-{tier}"),
    }
}

/// Identifier of the snapshot RDS or ElastiCache takes when the instance or replication group
/// `identifier` is deleted: `<identifier>-final`.
pub fn final_snapshot(identifier: &str) -> String {
    format!("{identifier}-final")
}

/// The Terraform name of the AAAA record of a CDN alias whose A record is `rid`: Terraform has one
/// resource per record where CloudFormation groups both under one logical ID.
pub fn ipv6_record_tf_name(rid: &Rid) -> String {
    format!("{}_aaaa", rid.tf)
}

/// Logical ID of the VPC peering a unit requests with the VPC of `peer_region`:
/// `PeeringToUsEast1`.
pub fn peering_logical_id(peer_region: &str) -> String {
    format!("PeeringTo{}", pascal(peer_region))
}

/// Logical ID of the route of the private route table with zone letter `letter` to the VPC of
/// `peer_region`: `PrivateRouteTableAToEuWest1`.
pub fn peer_route_logical_id(letter: char, peer_region: &str) -> String {
    format!(
        "PrivateRouteTable{}To{}",
        letter.to_ascii_uppercase(),
        pascal(peer_region)
    )
}

/// Output holding a unit's VPC ID, which the units requesting a peering with it read.
pub const VPC_ID_OUTPUT: &str = "VpcId";

/// Output holding the ID of the private route table with zone letter `letter`, which the
/// region's links unit reads: `PrivateRouteTableAId`.
pub fn private_route_table_output(letter: char) -> String {
    format!("PrivateRouteTable{}Id", letter.to_ascii_uppercase())
}

/// Output holding the ID of the peering with `peer_region`: `PeeringToUsEast1Id`.
pub fn peering_output(peer_region: &str) -> String {
    format!("{}Id", peering_logical_id(peer_region))
}

/// Zone letter of the `index`-th route table or subnet (0-based): `a`, `b`, ...
pub fn zone_letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .and_then(|index| b'a'.checked_add(index))
        .filter(u8::is_ascii_lowercase)
        .map_or('z', char::from)
}

/// ID of the query that evaluates a metric-math alarm's expression.
pub const METRIC_MATH_RESULT_ID: &str = "result";

/// Whether `id` names a query of a metric-math alarm: a lowercase letter, then letters, digits
/// and `_`, at most 255 characters (CloudWatch API `MetricDataQuery.Id`).
pub fn is_metric_math_id(id: &str) -> bool {
    id.len() <= 255
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The case conversions as first written, a character and a string at a time.
    fn pascal_by_words(name: &str) -> String {
        name.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(|word| {
                let mut characters = word.chars();
                characters.next().map_or_else(String::new, |first| {
                    first.to_ascii_uppercase().to_string() + characters.as_str()
                })
            })
            .collect()
    }

    fn snake_by_characters(pascal_name: &str) -> String {
        let mut out = String::new();
        let mut previous: Option<char> = None;
        for character in pascal_name.chars() {
            if character.is_ascii_uppercase()
                && previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
            {
                out.push('_');
            }
            out.push(character.to_ascii_lowercase());
            previous = Some(character);
        }
        out
    }

    #[test]
    fn case_conversions_agree_with_their_definitions_on_any_text() {
        let mut samples: Vec<String> = [
            "",
            "rail-backend",
            "ApiTaskDefinition",
            "Http5xxAlarm",
            "a--b__c  d",
            "-leading-and-trailing-",
            "eu-west-1",
            "x5xx-errors",
            "ÉtéAlarm",
            "caféBar",
            "日本Tokyo",
            "é9A",
            "zÄb",
            "🚀LaunchPad",
            "aÉb",
            "ABC",
            "aB1C",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        // Every pair of characters from a mixed alphabet, ASCII and not, so that each kind of
        // character follows each other kind.
        let alphabet = [
            'a', 'Z', '5', '-', '_', ' ', 'é', 'É', 'ß', '日', '🚀', '\u{7f}',
        ];
        for first in alphabet {
            for second in alphabet {
                for third in alphabet {
                    samples.push([first, second, third].iter().collect());
                }
            }
        }
        for sample in &samples {
            assert_eq!(
                pascal(sample),
                pascal_by_words(sample),
                "pascal of {sample:?}"
            );
            assert_eq!(
                snake(sample),
                snake_by_characters(sample),
                "snake of {sample:?}"
            );
        }
    }

    #[test]
    fn names_at_the_edges_of_every_rule() {
        for good in [
            "a",
            "A",
            "ReplicationLagHigh",
            "x5xx-errors",
            "a_b-c",
            &"a".repeat(128),
        ] {
            assert_eq!(name_problem(good, 128), None, "{good}");
            let rid = rid(format!("{}Alarm", pascal(good)), &UnitId::Global);
            assert_eq!(identifier_problem(&rid), None, "{good}");
        }
        for bad in [
            "",
            "5xx-errors",
            "24h-overview",
            "9am",
            "500",
            "-a",
            "_a",
            "a b",
            "é",
            "a.b",
        ] {
            assert!(name_problem(bad, 128).is_some(), "{bad}");
        }
        assert!(name_problem(&"a".repeat(129), 128).is_some());
        assert!(identifier_problem(&rid("5xxErrorsAlarm", &UnitId::Global)).is_some());
        assert!(identifier_problem(&rid("A".repeat(256), &UnitId::Global)).is_some());
        assert!(identifier_problem(&rid("", &UnitId::Global)).is_some());
        assert!(identifier_problem(&rid("A".repeat(255), &UnitId::Global)).is_none());
        // A stray byte anywhere, the last one included, in either name.
        for stray in ["Ab-c", "Abc_", "AbcÉ", "-Abc", "Ab c"] {
            assert!(
                identifier_problem(&rid(stray, &UnitId::Global)).is_some(),
                "{stray}"
            );
        }
        for tf in ["abc.x", "abc x", "abc_é", "abc/"] {
            let named = Rid {
                logical: "Abc".into(),
                tf: tf.to_owned(),
            };
            assert!(identifier_problem(&named).is_some(), "{tf}");
        }
        let longest = "a".repeat(limits::DASHBOARD);
        let dashboard = rid(format!("{}Dashboard", pascal(&longest)), &UnitId::Global);
        assert_eq!(identifier_problem(&dashboard), None);
    }

    #[test]
    fn case_conversions() {
        assert_eq!(pascal("rail-backend"), "RailBackend");
        assert_eq!(pascal("ReplicationLagHigh"), "ReplicationLagHigh");
        assert_eq!(pascal("audit_logs.v2"), "AuditLogsV2");
        assert_eq!(snake("ApiTaskDefinition"), "api_task_definition");
        assert_eq!(snake("Http5xxAlarm"), "http5xx_alarm");
        assert_eq!(cfn_parameter("IMAGE_TAG"), "ImageTag");
        assert_eq!(cfn_parameter("CERTIFICATE_ARN"), "CertificateArn");
        assert_eq!(tf_variable("IMAGE_TAG"), "image_tag");
    }

    #[test]
    fn rids_carry_region_only_in_terraform() {
        let id = rid("DatabaseReplica", &UnitId::Region("eu-west-1".into()));
        assert_eq!(id.logical, "DatabaseReplica");
        assert_eq!(id.tf, "database_replica_eu_west_1");
        assert_eq!(rid("Dashboard", &UnitId::Global).tf, "dashboard_global");
    }

    #[test]
    fn renamed_entities_keep_logical_ids_and_move_terraform_names() {
        let unit = UnitId::Region("eu-west-1".into());
        let renamed = EntityName::new(EntityKind::Service, "orders-api", Some("api"));
        let (id, former) = entity_rid(&renamed, |base| [base, "Service"].concat(), &unit);
        assert_eq!(id.logical, "ApiService");
        assert_eq!(id.tf, "orders_api_service_eu_west_1");
        assert_eq!(former.as_deref(), Some("api_service_eu_west_1"));
        let (id, former) = entity_rid(
            &EntityName::new(EntityKind::Service, "api", None),
            |base| format!("DatabaseIngressFrom{base}"),
            &unit,
        );
        assert_eq!(id, rid("DatabaseIngressFromApi", &unit));
        assert_eq!(former, None);
    }

    #[test]
    fn long_names_are_cut_stably_and_stay_distinct() {
        let a = fit("a-very-long-replication-group-name-for-eu-west-1", 40);
        let b = fit("a-very-long-replication-group-name-for-eu-west-2", 40);
        assert!(a.len() <= 40 && b.len() <= 40);
        assert_ne!(a, b);
        assert_eq!(
            a,
            fit("a-very-long-replication-group-name-for-eu-west-1", 40)
        );
        assert_eq!(fit("short", 40), "short");
    }

    /// A stack file with the names `extra` sets (YAML merged into a one-region stack).
    fn stack_file(extra: &str) -> meridian_model::Stack {
        let yaml = format!(
            "stack: shop\nregions:\n  - code: us-east-1\n    role: primary\n  - code: eu-west-1\n    role: secondary\n{extra}"
        );
        meridian_model::load_stack("test.yaml", yaml.as_bytes())
            .unwrap_or_else(|_| panic!("the test stack loads: {yaml}"))
            .stack
    }

    #[test]
    fn placeholders_expand_in_their_scope() {
        let scope = NameScope {
            stack: "shop",
            environment: Some("staging"),
            region: Some("eu-west-1"),
            role: Some("secondary"),
        };
        assert_eq!(
            expand_name("/ecs/{stack}-{env}-{region}/{role}", &scope),
            Ok("/ecs/shop-staging-eu-west-1/secondary".to_owned())
        );
        assert_eq!(expand_name("plain", &scope), Ok("plain".to_owned()));
        let global = NameScope {
            region: None,
            role: None,
            environment: None,
            ..scope
        };
        assert_eq!(
            expand_name("{stack}-{region}", &global),
            Err(PlaceholderProblem::Unavailable(Placeholder::Region))
        );
        assert_eq!(
            expand_name("{stack}-{env}", &global),
            Err(PlaceholderProblem::NoEnvironment)
        );
        assert_eq!(
            expand_name("{stak}", &scope),
            Err(PlaceholderProblem::Unknown("stak".to_owned()))
        );
        for malformed in ["${region}", "{region", "region}", "a}{b"] {
            assert!(
                matches!(
                    expand_name(malformed, &scope),
                    Err(PlaceholderProblem::Malformed | PlaceholderProblem::Unknown(_))
                ),
                "{malformed}"
            );
        }
    }

    #[test]
    fn names_the_stack_sets_replace_the_defaults_per_region() {
        let file = stack_file(
            "load_balancer:\n  scheme: internal\n  physical_name: \"{stack}-{role}\"\n  listeners: []\n  target_groups:\n    - name: web\n      physical_name: \"{stack}-tg-{region}\"\n      service: web\n      port: 80\n      health_check: { path: / }\ncluster:\n  physical_name: \"c-{region}\"\ndns:\n  domain: a.example.com\n  hosted_zone_id: Z1\n  health_check: { path: / }\n  set_identifier: \"{role}\"\n",
        );
        let names = PhysicalNames {
            stack: "shop",
            file: &file,
        };
        assert_eq!(
            names.load_balancer("eu-west-1").as_deref(),
            Some("shop-secondary")
        );
        assert_eq!(
            names.target_group("web", "us-east-1"),
            Some((
                "shop-tg-us-east-1".to_owned(),
                "shop-tg-us-east-1-green".to_owned()
            ))
        );
        assert_eq!(names.cluster("us-east-1"), "c-us-east-1");
        assert_eq!(names.set_identifier("us-east-1"), "primary");
        // What the file does not set keeps its default.
        assert_eq!(names.service("web", "us-east-1"), "shop-web");
        assert_eq!(names.service_log_group("web", "us-east-1"), "/ecs/shop/web");
        assert_eq!(names.stream_prefix("web", "us-east-1"), "web");
        assert_eq!(
            names.topic("oncall", true, "us-east-1"),
            "shop-oncall-global"
        );
        assert_eq!(names.dashboard("ops"), "ops");
        // A 32-character blue name still gives a green one within the limit, and distinct.
        let long = stack_file(
            "load_balancer:\n  scheme: internal\n  listeners: []\n  target_groups:\n    - name: web\n      physical_name: abcdefghijklmnopqrstuvwxyz-12345\n      service: web\n      port: 80\n      health_check: { path: / }\n",
        );
        let names = PhysicalNames {
            stack: "shop",
            file: &long,
        };
        let (blue, green) = names.target_group("web", "us-east-1").expect("named");
        assert_eq!(blue.len(), 32);
        assert!(green.len() <= 32 && green != blue, "{green}");
        assert_eq!(crate::aws::limits::TARGET_GROUP_NAME.problem(&green), None);
    }

    #[test]
    fn bucket_defaults_fit_with_the_account_id() {
        let file = stack_file("");
        let names = PhysicalNames {
            stack: "a-twenty-four-char-stack",
            file: &file,
        };
        let (head, tail) = names.default_bucket("some-quite-long-bucket-name", "ap-southeast-3");
        assert!(head.len() + ACCOUNT_ID_LENGTH + tail.len() <= limits::BUCKET);
    }
}
