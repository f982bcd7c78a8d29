//! Endpoints that survive a failover and the failover workflows (E970 to E972): per service
//! region the SSM parameters holding the current writer's address and cache primary's endpoint;
//! per replica region a `Failover` state machine (promote, wait, fail the Global Datastore over,
//! announce `WriterMoved`, notify); per service region an `AdoptWriter` state machine started by
//! `WriterMoved` (rewrite the parameters, fence a former local writer, raise capacity, redeploy);
//! the EventBridge rules that carry `WriterMoved` to every other region and, in automatic mode,
//! the `primary_region_down` alarm to the target region.
//!
//! Step Functions' AWS SDK integrations only call their own region (see
//! [`aws::DEFAULT_EVENT_BUS`]), so everything cross-region goes through the default buses.

use std::collections::BTreeMap;

use meridian_model::{AlertCondition, Diagnostic, FailoverMode, Stack, StackPath, codes};

use super::*;
use crate::asl::{ChoiceRule, ChoiceTest, Definition, State, TaskState, iam_action};
use crate::aws;
use crate::bug;
use crate::defaults;
use crate::iam::regional_arn;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, pascal};
use crate::types::*;
use crate::value::{Attr, AttrRef, Part, Text};

/// The endpoint parameters of each service region, by what they hold: their ARNs, which
/// container `secrets` read.
#[derive(Debug, Default)]
pub(crate) struct EndpointFacts {
    pub by_region: BTreeMap<RegionCode, BTreeMap<EndpointKind, Text>>,
}

impl EndpointFacts {
    /// The ARN of the parameter of `kind` in `region`.
    pub fn arn(&self, region: &str, kind: EndpointKind) -> Option<Text> {
        self.by_region.get(region)?.get(&kind).cloned()
    }
}

/// The references that resolve to an endpoint parameter, and what each holds.
pub(crate) const ENDPOINT_REFERENCES: [(&str, EndpointKind); 2] = [
    ("database.writer.address", EndpointKind::WriterAddress),
    ("cache.primary_endpoint", EndpointKind::CachePrimary),
];

/// The reference to the local read endpoint, which is the writer's in a region without a replica.
pub(crate) const READER_REFERENCE: &str = "database.reader.address";

/// The endpoint a whole value such as `${database.writer.address}` names, if it is one. In a
/// region without a database instance of its own, `${database.reader.address}` is the writer's
/// address too, and follows it through a failover the same way.
pub(crate) fn endpoint_reference(value: &str, local_database: bool) -> Option<EndpointKind> {
    let inner = value.trim().strip_prefix("${")?.strip_suffix('}')?.trim();
    if inner == READER_REFERENCE && !local_database {
        return Some(EndpointKind::WriterAddress);
    }
    ENDPOINT_REFERENCES
        .iter()
        .find(|(reference, _)| *reference == inner)
        .map(|(_, kind)| *kind)
}

/// The regions whose resources the workflows touch, as planned.
struct Layout {
    /// The writer's region and instance.
    writer: Option<(RegionCode, Rid)>,
    /// Replica regions in declared order with their instance.
    replicas: Vec<(RegionCode, Rid)>,
    /// The cache primary's region, its group and endpoint attribute.
    cache_primary: Option<(RegionCode, Rid, Attr)>,
    /// Service regions in declared order.
    service_regions: Vec<RegionCode>,
}

impl Layout {
    fn of(regions: &Regions<'_>, apps: &BTreeMap<RegionCode, AppPlan>) -> Self {
        let mut layout = Self {
            writer: None,
            replicas: Vec::new(),
            cache_primary: None,
            service_regions: Vec::new(),
        };
        for code in regions.service_codes() {
            let Some(app) = apps.get(code) else {
                continue;
            };
            if !app.services.is_empty() {
                layout.service_regions.push(code.clone());
            }
            if let Some(database) = &app.database {
                if database.role.is_writer() {
                    layout.writer = Some((code.clone(), database.rid.clone()));
                } else {
                    layout.replicas.push((code.clone(), database.rid.clone()));
                }
            }
            // Only the Global Datastore's primary moves: a standalone group beside it, and
            // every group of a stack without one, is its own region's cache and a failover
            // leaves it alone.
            if let Some(cache) = &app.cache
                && cache.heads_global_datastore()
            {
                layout.cache_primary = Some((code.clone(), cache.rid.clone(), cache.endpoint));
            }
        }
        layout
    }
}

impl<'a> Resolver<'a> {
    /// The endpoint parameters of every region that runs services: the writer's address when
    /// the stack has a database, the cache primary's endpoint when it has a cache, each with
    /// today's value.
    pub(crate) fn resolve_endpoints(
        &mut self,
        regions: &Regions<'_>,
        database: &DatabaseFacts,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) -> EndpointFacts {
        let mut facts = EndpointFacts::default();
        if self.stack.services.is_empty() {
            return facts;
        }
        let layout = Layout::of(regions, apps);
        for code in regions.service_codes() {
            let Some(app) = apps.get(code) else {
                continue;
            };
            let unit = app.unit.clone();
            let mut endpoints = Vec::new();
            if let Some(value) = self.writer_address(regions, database, &unit) {
                endpoints.push(self.endpoint_parameter(
                    &unit,
                    code,
                    EndpointKind::WriterAddress,
                    value,
                ));
            }
            // A unit only imports from units deploying before it: the primary first, then the
            // others in declared order. A region deploying before the cache primary's has no
            // cache parameter (E970 says so where `${cache.primary_endpoint}` is used).
            // A region with a standalone group beside the Global Datastore writes to its own
            // group, which never moves: it needs no parameter.
            let standalone_cache = app
                .cache
                .as_ref()
                .is_some_and(|cache| cache.beside_global_datastore);
            if let Some((cache_region, group, attr)) = &layout.cache_primary
                && regions.deploys_no_later(cache_region, code)
                && !standalone_cache
            {
                let value = self.value_from(
                    &unit,
                    &UnitId::Region(cache_region.clone()),
                    "CacheEndpoint",
                    "Endpoint clients of this region's cache connect to",
                    AttrRef {
                        resource: group.clone(),
                        attr: *attr,
                    },
                );
                endpoints.push(self.endpoint_parameter(
                    &unit,
                    code,
                    EndpointKind::CachePrimary,
                    value,
                ));
            }
            let arns = facts.by_region.entry(code.clone()).or_default();
            for endpoint in &endpoints {
                arns.insert(endpoint.kind, endpoint.arn.clone());
            }
            if let Some(app) = apps.get_mut(code) {
                app.endpoints = endpoints;
            }
        }
        facts
    }

    fn endpoint_parameter(
        &mut self,
        unit: &UnitId,
        region: &str,
        kind: EndpointKind,
        initial_value: Text,
    ) -> EndpointParameterPlan {
        let (logical, name, what, path) = match kind {
            EndpointKind::WriterAddress => (
                "DatabaseWriterAddressParameter",
                self.names.writer_address_parameter(),
                "Address of the current database writer",
                "database",
            ),
            EndpointKind::CachePrimary => (
                "CachePrimaryEndpointParameter",
                self.names.cache_primary_parameter(),
                "Endpoint of the current cache primary",
                "cache",
            ),
        };
        let rid = self.rid(unit, logical, &StackPath::root().key(path));
        let arn = parameter_arn(region, &rid);
        EndpointParameterPlan {
            rid,
            kind,
            name,
            description: format!(
                "{what}: tasks read it when they start; the failover workflow rewrites it"
            ),
            parameter_type: SsmParameterType::String,
            initial_value,
            arn,
        }
    }

    /// Checks `failover.mode` and `failover.target_region` against the database's replicas;
    /// returns whether the failover starts automatically and the region it promotes then.
    pub(crate) fn check_failover_mode(&mut self) -> (bool, Option<RegionCode>) {
        let stack = self.stack;
        let Some(failover) = &stack.failover else {
            return (false, None);
        };
        let path = StackPath::root().key("failover");
        let automatic = match failover.mode {
            Some(FailoverMode::Automatic) => true,
            Some(FailoverMode::Manual) => false,
            None => defaults::FAILOVER_AUTOMATIC,
        };
        let replica_regions: Vec<String> = stack
            .database
            .iter()
            .flat_map(|database| database.read_replicas.iter().map(|r| r.region.clone()))
            .collect();
        let target = match &failover.target_region {
            Some(region) if replica_regions.contains(region) => Some(region.clone()),
            Some(region)
                if self
                    .check_region_code(&path.key("target_region"), region)
                    .is_none() =>
            {
                None
            }
            Some(region) => {
                let help =
                    match crate::suggest_list(region, replica_regions.iter().map(String::as_str)) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None if replica_regions.is_empty() => {
                            "add a read replica under `database.read_replicas` in that region"
                                .to_owned()
                        }
                        None => format!(
                            "name one of the replica regions: {}",
                            replica_regions.join(", ")
                        ),
                    };
                self.report(
                    Diagnostic::new(
                        codes::E971,
                        path.key("target_region"),
                        format!("`{region}` holds no database read replica, so a failover cannot promote one there"),
                    )
                    .with_help(help),
                );
                None
            }
            None => default_target(stack, &replica_regions),
        };
        if automatic {
            let has_alarm = stack
                .alerts
                .iter()
                .any(|alert| alert.condition == AlertCondition::PrimaryRegionDown);
            let problem = if replica_regions.is_empty() {
                Some((
                    "automatic failover needs a database read replica to promote",
                    "add `database.read_replicas`, or set `mode: manual`",
                ))
            } else if !has_alarm {
                Some((
                    "automatic failover starts from the `primary_region_down` alert, which this stack does not declare",
                    "add an alert with `condition: primary_region_down` and `action: initiate_failover`, or set `mode: manual`",
                ))
            } else {
                None
            };
            if let Some((message, help)) = problem {
                self.report(
                    Diagnostic::new(codes::E972, path.key("mode"), message).with_help(help),
                );
            }
        }
        (automatic, target.map(RegionCode::from))
    }

    /// The workflows and rules of every region, when failover is on and the database has a
    /// replica to promote.
    pub(crate) fn resolve_failover(
        &mut self,
        regions: &Regions<'_>,
        trigger: &FailoverTrigger,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) {
        let layout = Layout::of(regions, apps);
        if !trigger.enabled || layout.replicas.is_empty() || layout.service_regions.is_empty() {
            return;
        }
        for code in regions.service_codes() {
            let Some(app) = apps.get(code) else {
                continue;
            };
            let mut plan = FailoverPlan {
                state_machines: Vec::new(),
                rules: Vec::new(),
            };
            if let Some((_, replica)) = layout.replicas.iter().find(|(r, _)| r == code) {
                let machine = self.failover_machine(code, app, replica);
                let fan_out = self.fan_out_rules(code, &app.unit, &layout);
                if trigger.target.as_ref() == Some(code)
                    && let Some(alarm) = &trigger.alarm_name
                {
                    let start = self.start_rule(
                        &app.unit,
                        "FailoverTrigger",
                        "failover-trigger",
                        "Starts the failover workflow when the primary-region-down alarm fires",
                        alarm_pattern(alarm),
                        &machine.rid,
                    );
                    plan.rules.push(start);
                }
                plan.state_machines.push(machine);
                plan.rules.extend(fan_out);
            }
            if !app.services.is_empty() {
                let adopt = self.adopt_machine(code, app, &layout);
                let pattern = self.writer_moved_pattern(None);
                let rule = self.start_rule(
                    &app.unit,
                    "AdoptWriterRule",
                    "adopt-writer",
                    "Starts the adopt-writer workflow when the writer moved",
                    pattern,
                    &adopt.rid,
                );
                plan.state_machines.push(adopt);
                plan.rules.push(rule);
            }
            if let Some(app) = apps.get_mut(code) {
                app.failover = Some(plan);
            }
        }
    }

    /// In automatic mode, the rule of the global unit that forwards the alarm to the target
    /// region's bus (none when the alarm's region is the target region: the rule there sees the
    /// alarm itself).
    pub(crate) fn resolve_failover_forward(
        &mut self,
        trigger: &FailoverTrigger,
        global: &mut Option<GlobalPlan>,
    ) {
        let (Some(target), Some(alarm), Some(global)) =
            (&trigger.target, &trigger.alarm_name, global.as_mut())
        else {
            return;
        };
        let alarm_region = aws::global_region(&self.partition);
        if target == alarm_region {
            return;
        }
        let unit = UnitId::Global;
        let rule = self.forward_rule(
            &unit,
            "FailoverAlarmForward",
            "failover-alarm-forward",
            &format!("Forwards the primary-region-down alarm to {target}, where it starts the failover workflow"),
            alarm_pattern(alarm),
            std::slice::from_ref(target),
        );
        global.failover_rules.push(rule);
    }

    /// The `Failover` state machine of replica region `region`.
    fn failover_machine(
        &mut self,
        region: &RegionCode,
        app: &AppPlan,
        replica: &Rid,
    ) -> StateMachinePlan {
        let unit = app.unit.clone();
        let stack = self.stack;
        let database_failover = stack.database.as_ref().and_then(|d| d.failover.as_ref());
        let interval = database_failover
            .and_then(|f| f.health_check_interval_seconds)
            .unwrap_or(defaults::PROMOTION_PROBE_INTERVAL_SECONDS);
        let timeout = database_failover
            .and_then(|f| f.promotion_timeout_seconds)
            .unwrap_or(defaults::PROMOTION_TIMEOUT_SECONDS);
        let identifier = self.names.db_instance(region);
        let instance_arn = Text::attr(replica, Attr::DbInstanceArn);
        let holds_secondary = app
            .cache
            .as_ref()
            .is_some_and(|cache| matches!(cache.role, CacheRole::Secondary { .. }));
        let after_promotion = if holds_secondary {
            "FailOverCache"
        } else {
            "WriterMovedDetail"
        };
        let mut states: Vec<(String, State)> = Vec::new();
        states.push((
            "PromoteReplica".to_owned(),
            task(
                ("rds", "promoteReadReplica"),
                object(vec![("DbInstanceIdentifier", lit(&identifier))]),
                None,
                Some("StartPromotionWait"),
                vec![instance_arn.clone()],
            ),
        ));
        // The stack's timeout is its budget: past it the workflow notifies and keeps waiting (a
        // promotion cannot be undone, and the region needs its writer), up to the limit.
        let limit = timeout.max(defaults::PROMOTION_WAIT_LIMIT_SECONDS);
        let polls = |seconds: u32| seconds.div_ceil(interval.max(1));
        let subject = format!("{}: failover to {region} is slow", stack.stack);
        let (overdue_entry, overdue_states) = self.notify_chain(
            region,
            app,
            "promotion-overdue",
            &subject,
            ("Message", lit(&format!(
                "The promotion of {identifier} in {region} has taken longer than {timeout} s (database.failover.promotion_timeout_seconds); the failover workflow keeps waiting for it, up to {limit} s."
            ))),
            Some("CountPromotionPoll"),
        );
        let (timed_out_entry, timed_out_states) = self.notify_chain(
            region,
            app,
            "promotion-timed-out",
            &format!("{}: failover to {region} stopped", stack.stack),
            ("Message", lit(&format!(
                "The promotion of {identifier} in {region} did not finish within {limit} s; the failover workflow stopped. Follow the promote runbook for {region}."
            ))),
            Some("PromotionTimedOut"),
        );
        let overdue = (timeout < limit && !overdue_states.is_empty())
            .then(|| overdue_entry.map(|entry| (polls(timeout), entry)))
            .flatten();
        let timed_out_entry = timed_out_entry.filter(|_| !timed_out_states.is_empty());
        states.extend(poll_loop(
            &PollLoop {
                name: "Promotion",
                interval,
                attempts: polls(limit),
                overdue,
                timed_out_entry,
                call: ("rds", "describeDBInstances"),
                request: object(vec![("DbInstanceIdentifier", lit(&identifier))]),
                selector: object(vec![
                    ("status.$", lit("$.DbInstances[0].DbInstanceStatus")),
                    ("address.$", lit("$.DbInstances[0].Endpoint.Address")),
                ]),
                result_path: "$.writer",
                done: ChoiceRule {
                    variable: "$.writer.status".to_owned(),
                    test: ChoiceTest::StringEquals(aws::DB_AVAILABLE_STATUS.to_owned()),
                    next: String::new(),
                },
                resources: vec![instance_arn],
            },
            after_promotion,
        ));
        states.extend(overdue_states);
        states.extend(timed_out_states);
        let cache_endpoint = self.cache_failover_states(region, app, interval, &mut states);
        self.announce_states(region, app, cache_endpoint, &mut states);
        let definition = Definition {
            comment: format!(
                "Promotes the read replica in {region} to the writer of {}, moves the cache primary there when it holds a Global Datastore secondary, tells every region (WriterMoved) and notifies",
                stack.stack
            ),
            start_at: "PromoteReplica".to_owned(),
            states,
        };
        self.state_machine(&unit, region, WorkflowPurpose::Failover, definition)
    }

    /// In a region holding a Global Datastore secondary: fail the Datastore over to it and wait
    /// until it is the primary. Returns the region's cache endpoint, the new primary's.
    fn cache_failover_states(
        &mut self,
        region: &RegionCode,
        app: &AppPlan,
        interval: u32,
        states: &mut Vec<(String, State)>,
    ) -> Option<Text> {
        let cache = app.cache.as_ref()?;
        let CacheRole::Secondary {
            global_datastore_id,
            ..
        } = &cache.role
        else {
            return None;
        };
        let global_arn = Text::from_parts(vec![
            Part::Lit("arn:".to_owned()),
            Part::Partition,
            Part::Lit(":elasticache::".to_owned()),
            Part::AccountId,
            Part::Lit(":globalreplicationgroup:".to_owned()),
        ])
        .concat(global_datastore_id);
        let group_arn = regional_arn(
            region,
            "elasticache",
            &format!("replicationgroup:{}", cache.replication_group_id),
        );
        states.push((
            "FailOverCache".to_owned(),
            task(
                ("elasticache", "failoverGlobalReplicationGroup"),
                object(vec![
                    (
                        "GlobalReplicationGroupId",
                        JsonDoc::String(global_datastore_id.clone()),
                    ),
                    ("PrimaryRegion", lit(region)),
                    (
                        "PrimaryReplicationGroupId",
                        lit(&cache.replication_group_id),
                    ),
                ]),
                None,
                Some("StartCacheFailoverWait"),
                vec![global_arn.clone(), group_arn],
            ),
        ));
        let is_primary = format!(
            "States.ArrayContains($.GlobalReplicationGroups[0].Members[?(@.Role == '{}')].ReplicationGroupRegion, '{region}')",
            aws::GLOBAL_DATASTORE_PRIMARY_ROLE
        );
        let (timed_out_entry, timed_out_states) = self.notify_chain(
            region,
            app,
            "cache-failover-timed-out",
            &format!("{}: cache failover to {region} stopped", self.stack.stack),
            ("Message", lit(&format!(
                "The database writer moved to {region}, but the Global Datastore did not make {region} its primary within {} s; the failover workflow stopped before telling the other regions. Follow the promote runbook for {region} from its cache step.",
                defaults::GLOBAL_DATASTORE_FAILOVER_TIMEOUT_SECONDS
            ))),
            Some("CacheFailoverTimedOut"),
        );
        let timed_out_entry = timed_out_entry.filter(|_| !timed_out_states.is_empty());
        states.extend(timed_out_states);
        states.extend(poll_loop(
            &PollLoop {
                name: "CacheFailover",
                interval,
                overdue: None,
                timed_out_entry,
                attempts: defaults::GLOBAL_DATASTORE_FAILOVER_TIMEOUT_SECONDS
                    .div_ceil(interval.max(1)),
                call: ("elasticache", "describeGlobalReplicationGroups"),
                request: object(vec![
                    (
                        "GlobalReplicationGroupId",
                        JsonDoc::String(global_datastore_id.clone()),
                    ),
                    ("ShowMemberInfo", JsonDoc::Bool(true)),
                ]),
                selector: object(vec![("primary_here.$", lit(&is_primary))]),
                result_path: "$.cache",
                done: ChoiceRule {
                    variable: "$.cache.primary_here".to_owned(),
                    test: ChoiceTest::BooleanEquals(true),
                    next: String::new(),
                },
                resources: vec![global_arn],
            },
            "WriterMovedDetail",
        ));
        Some(Text::attr(&cache.rid, cache.endpoint))
    }

    /// `WriterMoved` on the region's bus, then a message to each failover topic.
    fn announce_states(
        &mut self,
        region: &RegionCode,
        app: &AppPlan,
        cache_endpoint: Option<Text>,
        states: &mut Vec<(String, State)>,
    ) {
        // Keys ending in `.$` are paths: the writer's address is the described instance's.
        let mut detail = vec![
            ("promoted_region".to_owned(), lit(region)),
            (
                format!("{}.$", EndpointKind::WriterAddress.detail_key()),
                lit("$.writer.address"),
            ),
        ];
        if let Some(endpoint) = cache_endpoint {
            detail.push((
                EndpointKind::CachePrimary.detail_key().to_owned(),
                JsonDoc::String(endpoint),
            ));
        }
        states.push((
            "WriterMovedDetail".to_owned(),
            State::Pass {
                parameters: JsonDoc::Object(detail),
                result_path: "$.detail".to_owned(),
                next: "AnnounceWriterMoved".to_owned(),
            },
        ));
        let (first_notify, notify) = self.notify_chain(
            region,
            app,
            "",
            &format!("{}: writer moved to {region}", self.stack.stack),
            (
                "Message.$",
                lit(&format!(
                    "States.Format('The failover workflow promoted the read replica in {region}; the writer is now {{}}. Every region adopts it through its adopt-writer workflow.', $.writer.address)"
                )),
            ),
            None,
        );
        states.push((
            "AnnounceWriterMoved".to_owned(),
            task(
                ("events", "putEvents"),
                object(vec![(
                    "Entries",
                    JsonDoc::Array(vec![object(vec![
                        ("Source", lit(&self.names.event_source())),
                        ("DetailType", lit(aws::WRITER_MOVED_DETAIL_TYPE)),
                        ("Detail.$", lit("States.JsonToString($.detail)")),
                        ("EventBusName", lit(aws::DEFAULT_EVENT_BUS)),
                    ])]),
                )]),
                None,
                first_notify.as_deref(),
                vec![event_bus_arn(region)],
            ),
        ));
        states.extend(notify);
    }

    /// A message to each failover topic of `region`, one `sns:publish` after the other, then
    /// `then` (the end of the workflow when `None`). Returns the first state's name (`then`
    /// when there is no topic) and the states. States are named `Notify<prefix><Target>`.
    fn notify_chain(
        &self,
        region: &RegionCode,
        app: &AppPlan,
        prefix: &str,
        subject: &str,
        message: (&str, JsonDoc),
        then: Option<&str>,
    ) -> (Option<String>, Vec<(String, State)>) {
        let names = self.failover_target_names();
        let topics: Vec<&TopicPlan> = app
            .alerting
            .topics
            .iter()
            .filter(|topic| names.contains(&topic.target))
            .collect();
        let name_of = |topic: &TopicPlan| notify_state(&format!("{prefix}-{}", topic.target));
        let mut states = Vec::new();
        for (index, topic) in topics.iter().enumerate() {
            let next = topics
                .get(index + 1)
                .map(|next| name_of(next))
                .or_else(|| then.map(str::to_owned));
            let mut state = task(
                ("sns", "publish"),
                object(vec![
                    (
                        "TopicArn",
                        JsonDoc::String(Text::attr(&topic.rid, Attr::TopicArn)),
                    ),
                    ("Subject", lit(subject)),
                    (message.0, message.1.clone()),
                ]),
                None,
                next.as_deref(),
                vec![Text::attr(&topic.rid, Attr::TopicArn)],
            );
            if let (State::Task(task), Some(key)) = (&mut state, &app.alerting.key) {
                task.permissions.push(topic_key_statement(region, key));
            }
            states.push((name_of(topic), state));
        }
        let first = topics
            .first()
            .map(|topic| name_of(topic))
            .or_else(|| then.map(str::to_owned));
        (first, states)
    }

    /// The notification targets told about failover: `failover.notify`, else the targets taking
    /// critical alerts.
    fn failover_target_names(&self) -> Vec<String> {
        let stack = self.stack;
        match stack.failover.as_ref().map(|f| f.notify.clone()) {
            Some(names) if !names.is_empty() => names,
            _ => stack
                .notifications
                .iter()
                .filter(|t| {
                    t.severities
                        .contains(&meridian_model::AlertSeverity::Critical)
                })
                .map(|t| t.name.clone())
                .collect(),
        }
    }

    /// The `AdoptWriter` state machine of service region `region`.
    fn adopt_machine(
        &mut self,
        region: &RegionCode,
        app: &AppPlan,
        layout: &Layout,
    ) -> StateMachinePlan {
        let mut steps: Vec<(String, State)> = Vec::new();
        for endpoint in &app.endpoints {
            let name = match endpoint.kind {
                EndpointKind::WriterAddress => "UpdateWriterAddress",
                EndpointKind::CachePrimary => "UpdateCachePrimaryEndpoint",
            };
            steps.push((
                name.to_owned(),
                task(
                    ("ssm", "putParameter"),
                    object(vec![
                        ("Name", lit(&endpoint.name)),
                        (
                            "Value.$",
                            lit(&format!("$.detail.{}", endpoint.kind.detail_key())),
                        ),
                        ("Type", lit(endpoint.parameter_type.as_str())),
                        ("Overwrite", JsonDoc::Bool(true)),
                    ]),
                    None,
                    None,
                    vec![endpoint.arn.clone()],
                ),
            ));
        }
        let hosts_writer = layout.writer.as_ref().is_some_and(|(r, _)| r == region);
        if hosts_writer && let Some(database) = &app.database {
            let group = &database.parameter_group.rid;
            let (parameter, value) = aws::POSTGRES_READ_ONLY_PARAMETER;
            steps.push((
                "FenceFormerWriter".to_owned(),
                task(
                    ("rds", "modifyDBParameterGroup"),
                    object(vec![
                        (
                            "DbParameterGroupName",
                            JsonDoc::String(Text::attr(group, Attr::DbParameterGroupName)),
                        ),
                        (
                            "Parameters",
                            JsonDoc::Array(vec![object(vec![
                                ("ParameterName", lit(parameter)),
                                ("ParameterValue", lit(value)),
                                ("ApplyMethod", lit(aws::APPLY_IMMEDIATELY)),
                            ])]),
                        ),
                    ]),
                    None,
                    None,
                    vec![Text::from_parts(vec![
                        Part::Lit("arn:".to_owned()),
                        Part::Partition,
                        Part::Lit(":rds:".to_owned()),
                        Part::Region(region.to_string()),
                        Part::Lit(":".to_owned()),
                        Part::AccountId,
                        Part::Lit(":pg:".to_owned()),
                        Part::Attr(AttrRef {
                            resource: group.clone(),
                            attr: Attr::DbParameterGroupName,
                        }),
                    ])],
                ),
            ));
        }
        for service in &app.services {
            steps.extend(self.service_steps(region, service, !hosts_writer));
        }
        chain(&mut steps);
        guard_cache_update(&mut steps);
        let definition = Definition {
            comment: format!(
                "Adopts a moved writer in {region}: points the endpoint parameters at it, fences a former writer here, raises the services to primary capacity and redeploys them so tasks reconnect"
            ),
            start_at: steps
                .first()
                .map(|(name, _)| name.clone())
                .unwrap_or_else(|| bug("an adopt-writer workflow without steps")),
            states: steps,
        };
        let unit = app.unit.clone();
        self.state_machine(&unit, region, WorkflowPurpose::AdoptWriter, definition)
    }

    /// Raise a surviving region's service to its primary-role capacity, then redeploy it.
    fn service_steps(
        &mut self,
        region: &RegionCode,
        service: &ServicePlan,
        survivor: bool,
    ) -> Vec<(String, State)> {
        let stack = self.stack;
        let base = pascal(&service.name);
        let cluster = self.names.cluster(region);
        let model = stack.services.iter().find(|s| s.name == service.name);
        let mut steps = Vec::new();
        let primary_scaling = model
            .and_then(|m| m.scaling.as_ref())
            .map(|scaling| scaling.capacity.primary);
        if survivor && let (Some(scaling), Some(primary)) = (&service.scaling, primary_scaling) {
            steps.push((
                format!("Raise{base}Capacity"),
                task(
                    ("applicationautoscaling", "registerScalableTarget"),
                    object(vec![
                        ("ServiceNamespace", lit(&scaling.service_namespace)),
                        (
                            "ResourceId",
                            lit(&format!("service/{cluster}/{}", service.service_name)),
                        ),
                        ("ScalableDimension", lit(&scaling.scalable_dimension)),
                        ("MinCapacity", JsonDoc::Number(i64::from(primary.min))),
                        (
                            "MaxCapacity",
                            JsonDoc::Number(i64::from(primary.max.max(scaling.max))),
                        ),
                    ]),
                    None,
                    None,
                    // A scalable target's ARN ends in an ID AWS assigns, which neither
                    // CloudFormation nor the plan knows; the region's targets are the narrowest
                    // resource that can be named.
                    vec![regional_arn(
                        region,
                        "application-autoscaling",
                        "scalable-target/*",
                    )],
                ),
            ));
        }
        let primary_desired = model.map(|m| m.desired_count.primary);
        let mut request = vec![
            ("Cluster", lit(&cluster)),
            ("Service", lit(&service.service_name)),
            ("ForceNewDeployment", JsonDoc::Bool(true)),
        ];
        if survivor
            && service.scaling.is_none()
            && let Some(desired) = primary_desired
        {
            request.push(("DesiredCount", JsonDoc::Number(i64::from(desired))));
        }
        steps.push((
            format!("Redeploy{base}"),
            task(
                ("ecs", "updateService"),
                object(request),
                None,
                None,
                vec![regional_arn(
                    region,
                    "ecs",
                    &format!("service/{cluster}/{}", service.service_name),
                )],
            ),
        ));
        steps
    }

    /// A state machine of `purpose` in `unit`, its role (exactly what the definition calls, then
    /// log delivery and tracing) and its encrypted log group.
    fn state_machine(
        &mut self,
        unit: &UnitId,
        region: &RegionCode,
        purpose: WorkflowPurpose,
        definition: Definition,
    ) -> StateMachinePlan {
        let base = pascal(purpose.as_str());
        let path = StackPath::root().key("failover");
        let rid = self.rid(unit, format!("{base}StateMachine"), &path);
        let role = self.rid(unit, format!("{base}StateMachineRole"), &path);
        let log_group = self.rid(unit, format!("{base}StateMachineLogGroup"), &path);
        let mut statements = definition.statements();
        statements.extend(workflow_infrastructure_statements());
        let document = definition.document(&self.partition);
        StateMachinePlan {
            purpose,
            name: self.names.state_machine(purpose.as_str()),
            machine_type: StateMachineType::Standard,
            policy_name: naming::role_policy_name(&role),
            role,
            statements,
            definition,
            document,
            log_group,
            log_group_name: self.names.state_machine_log_group(purpose.as_str()),
            log_retention_days: defaults::WORKFLOW_LOG_RETENTION_DAYS,
            log_kms_key: self.data_key_arn(unit, region),
            log_level: WorkflowLogLevel::All,
            include_execution_data: defaults::WORKFLOW_INCLUDE_EXECUTION_DATA,
            tracing: defaults::WORKFLOW_TRACING,
            rid,
        }
    }

    /// The rules of replica region `region` that forward its own `WriterMoved` to every other
    /// service region's bus, at most five buses per rule.
    fn fan_out_rules(
        &mut self,
        region: &RegionCode,
        unit: &UnitId,
        layout: &Layout,
    ) -> Vec<EventRulePlan> {
        let others: Vec<RegionCode> = layout
            .service_regions
            .iter()
            .filter(|other| *other != region)
            .cloned()
            .collect();
        let mut rules = Vec::new();
        for chunk in others.chunks(aws::limits::EVENT_RULE_TARGETS) {
            // Named after the first region of the chunk: stable while regions are added after it.
            let first = pascal(&chunk[0]);
            let pattern = self.writer_moved_pattern(Some(region));
            let rule = self.forward_rule(
                unit,
                &format!("WriterMovedFanOut{first}"),
                &format!("writer-moved-to-{}", chunk[0]),
                &format!(
                    "Forwards WriterMoved from {region} to {}",
                    chunk
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                pattern,
                chunk,
            );
            rules.push(rule);
        }
        rules
    }

    /// `WriterMoved` events, or only those a promotion in `promoted` put: the forwarded copies
    /// name another region, so a receiving region's own fan-out rule never matches them.
    fn writer_moved_pattern(&self, promoted: Option<&RegionCode>) -> JsonDoc {
        let mut pattern = vec![
            (
                "source",
                JsonDoc::Array(vec![lit(&self.names.event_source())]),
            ),
            (
                "detail-type",
                JsonDoc::Array(vec![lit(aws::WRITER_MOVED_DETAIL_TYPE)]),
            ),
        ];
        if let Some(region) = promoted {
            pattern.push((
                "detail",
                object(vec![("promoted_region", JsonDoc::Array(vec![lit(region)]))]),
            ));
        }
        object(pattern)
    }

    /// A rule starting the state machine `machine` of the same unit.
    fn start_rule(
        &mut self,
        unit: &UnitId,
        logical: &str,
        name: &str,
        description: &str,
        pattern: JsonDoc,
        machine: &Rid,
    ) -> EventRulePlan {
        let arn = Text::attr(machine, Attr::StateMachineArn);
        self.rule(
            unit,
            (logical, name, description),
            pattern,
            vec![(pascal(name), arn.clone())],
            Statement {
                sid: "StartWorkflow".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["states:StartExecution".to_owned()],
                resources: vec![arn],
                conditions: Vec::new(),
            },
        )
    }

    /// A rule forwarding to the default buses of `regions`.
    fn forward_rule(
        &mut self,
        unit: &UnitId,
        logical: &str,
        name: &str,
        description: &str,
        pattern: JsonDoc,
        regions: &[RegionCode],
    ) -> EventRulePlan {
        let buses: Vec<(String, Text)> = regions
            .iter()
            .map(|region| (format!("Bus{}", pascal(region)), event_bus_arn(region)))
            .collect();
        let statement = Statement {
            sid: "ForwardToBuses".to_owned(),
            allow: true,
            principal: None,
            actions: vec!["events:PutEvents".to_owned()],
            resources: buses.iter().map(|(_, arn)| arn.clone()).collect(),
            conditions: Vec::new(),
        };
        self.rule(
            unit,
            (logical, name, description),
            pattern,
            buses,
            statement,
        )
    }

    fn rule(
        &mut self,
        unit: &UnitId,
        (logical, name, description): (&str, &str, &str),
        pattern: JsonDoc,
        targets: Vec<(String, Text)>,
        statement: Statement,
    ) -> EventRulePlan {
        let path = StackPath::root().key("failover");
        let rid = self.rid(unit, logical, &path);
        let role = self.rid(unit, format!("{logical}Role"), &path);
        EventRulePlan {
            name: self.names.event_rule(name),
            description: description.to_owned(),
            pattern,
            targets: targets
                .into_iter()
                .map(|(id, arn)| EventTargetPlan {
                    rid: self.rid(unit, format!("{logical}Target{id}"), &path),
                    id,
                    arn,
                })
                .collect(),
            policy_name: naming::role_policy_name(&role),
            role,
            statements: vec![statement],
            rid,
        }
    }
}

impl Resolver<'_> {
    /// Whether failover workflows exist, and who starts them where.
    pub(crate) fn failover_trigger(&mut self) -> FailoverTrigger {
        let stack = self.stack;
        let (automatic, target) = self.check_failover_mode();
        let enabled = failover_enabled(stack);
        let alarm_name = stack
            .alerts
            .iter()
            .find(|alert| alert.condition == AlertCondition::PrimaryRegionDown)
            .map(|alert| self.names.alarm(&alert.name));
        FailoverTrigger {
            enabled,
            target: if automatic && enabled { target } else { None },
            alarm_name: if automatic && enabled {
                alarm_name
            } else {
                None
            },
        }
    }
}

/// Whether the stack fails over: a `failover` block that is not disabled, and database
/// failover not disabled.
pub(crate) fn failover_enabled(stack: &Stack) -> bool {
    defaults::failover_enabled(stack.failover.as_ref())
        && stack
            .database
            .as_ref()
            .and_then(|d| d.failover.as_ref())
            .is_none_or(|f| f.enabled.unwrap_or(true))
}

/// Who starts a failover automatically, and where.
#[derive(Debug, Default)]
pub(crate) struct FailoverTrigger {
    /// Whether the failover workflows exist.
    pub enabled: bool,
    /// The region an automatic failover promotes.
    pub target: Option<RegionCode>,
    /// The `primary_region_down` alarm's name, in automatic mode.
    pub alarm_name: Option<String>,
}

/// The first replica region among secondary regions in declared order, then among optional ones.
pub(crate) fn default_target(stack: &Stack, replicas: &[String]) -> Option<String> {
    [
        meridian_model::RegionRole::Secondary,
        meridian_model::RegionRole::Optional,
    ]
    .iter()
    .find_map(|role| {
        stack
            .regions
            .iter()
            .filter(|region| region.role == *role)
            .find(|region| replicas.contains(&region.code))
            .map(|region| region.code.clone())
    })
}

/// `arn:<partition>:ssm:<region>:<account>:parameter/<name>`, from the parameter's name (which
/// starts with `/`), so that a task definition reading it waits for it.
fn parameter_arn(region: &str, parameter: &Rid) -> Text {
    Text::from_parts(vec![
        Part::Lit("arn:".to_owned()),
        Part::Partition,
        Part::Lit(":ssm:".to_owned()),
        Part::Region(region.to_owned()),
        Part::Lit(":".to_owned()),
        Part::AccountId,
        Part::Lit(":parameter".to_owned()),
        Part::Attr(AttrRef {
            resource: parameter.clone(),
            attr: Attr::SsmParameterName,
        }),
    ])
}

/// The default event bus of `region`.
pub(crate) fn event_bus_arn(region: &str) -> Text {
    regional_arn(
        region,
        "events",
        &format!("event-bus/{}", aws::DEFAULT_EVENT_BUS),
    )
}

/// CloudWatch's state change of `alarm` into `ALARM`.
fn alarm_pattern(alarm: &str) -> JsonDoc {
    let (source, detail_type) = aws::ALARM_STATE_CHANGE;
    object(vec![
        ("source", JsonDoc::Array(vec![lit(source)])),
        ("detail-type", JsonDoc::Array(vec![lit(detail_type)])),
        (
            "detail",
            object(vec![
                ("alarmName", JsonDoc::Array(vec![lit(alarm)])),
                (
                    "state",
                    object(vec![("value", JsonDoc::Array(vec![lit(aws::ALARM_STATE)]))]),
                ),
            ]),
        ),
    ])
}

/// What every state machine's role needs besides its calls: log delivery and X-Ray tracing,
/// neither of which takes resource-level permissions.
pub fn workflow_infrastructure_statements() -> Vec<Statement> {
    [
        ("DeliverLogs", aws::STATE_MACHINE_LOG_DELIVERY_ACTIONS),
        ("Trace", aws::STATE_MACHINE_TRACING_ACTIONS),
    ]
    .into_iter()
    .map(|(sid, actions)| Statement {
        sid: sid.to_owned(),
        allow: true,
        principal: None,
        actions: actions.iter().map(|action| (*action).to_owned()).collect(),
        resources: vec![Text::lit("*")],
        conditions: Vec::new(),
    })
    .collect()
}

/// Publishing to a topic encrypted with `key` needs the key, through SNS only.
fn topic_key_statement(region: &str, key: &KeyPlan) -> Statement {
    Statement {
        sid: "EncryptTopicMessages".to_owned(),
        allow: true,
        principal: None,
        actions: vec!["kms:Decrypt".to_owned(), "kms:GenerateDataKey*".to_owned()],
        resources: vec![Text::attr(&key.rid, Attr::KeyArn)],
        conditions: vec![Condition {
            operator: "StringEquals".to_owned(),
            key: "kms:ViaService".to_owned(),
            values: vec![Text::lit(format!("sns.{region}.amazonaws.com"))],
        }],
    }
}

/// `RdsPromoteReadReplica`: the service and action, as a statement ID.
fn statement_sid(service: &str, action: &str) -> String {
    let mut chars = action.chars();
    let action = chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default();
    format!("{}{action}", pascal(service))
}

fn notify_state(target: &str) -> String {
    format!("Notify{}", pascal(target))
}

/// A Task state calling `service:action` on `resources`, with the statement allowing exactly
/// that.
fn task(
    (service, action): (&str, &str),
    parameters: JsonDoc,
    result: Option<(JsonDoc, &str)>,
    next: Option<&str>,
    resources: Vec<Text>,
) -> State {
    let (result_selector, result_path) = match result {
        Some((selector, path)) => (Some(selector), Some(path.to_owned())),
        None => (None, None),
    };
    let iam = iam_action(service, action);
    State::Task(TaskState {
        service: service.to_owned(),
        action: action.to_owned(),
        parameters,
        result_selector,
        result_path,
        next: next.map(str::to_owned),
        permissions: vec![Statement {
            sid: statement_sid(service, action),
            allow: true,
            principal: None,
            actions: vec![iam],
            resources,
            conditions: Vec::new(),
        }],
    })
}

/// A bounded wait: `Start<name>Wait` (count 0) → `WaitFor<name>` → describe → done? → next;
/// after `overdue` polls, once, `overdue_entry` (a notification chain ending at
/// `Count<name>Poll`); after `attempts` polls, `timed_out_entry` (a notification chain ending
/// at `<name>TimedOut`), and `<name>TimedOut` fails.
struct PollLoop<'p> {
    name: &'p str,
    interval: u32,
    attempts: u32,
    overdue: Option<(u32, String)>,
    timed_out_entry: Option<String>,
    call: (&'p str, &'p str),
    request: JsonDoc,
    selector: JsonDoc,
    result_path: &'p str,
    done: ChoiceRule,
    resources: Vec<Text>,
}

fn poll_loop(poll: &PollLoop<'_>, after: &str) -> Vec<(String, State)> {
    let name = poll.name;
    let counter = format!("$.{}_polls", naming::snake(name));
    let describe = format!("Describe{name}");
    let check = format!("Is{name}Done");
    let count = format!("Count{name}Poll");
    let wait = format!("WaitFor{name}");
    let timed_out = format!("{name}TimedOut");
    vec![
        (
            format!("Start{name}Wait"),
            State::Pass {
                parameters: object(vec![("count", JsonDoc::Number(0))]),
                result_path: counter.clone(),
                next: wait.clone(),
            },
        ),
        (
            wait.clone(),
            State::Wait {
                seconds: poll.interval,
                next: describe.clone(),
            },
        ),
        (
            describe,
            task(
                poll.call,
                poll.request.clone(),
                Some((poll.selector.clone(), poll.result_path)),
                Some(&check),
                poll.resources.clone(),
            ),
        ),
        (
            check,
            State::Choice {
                choices: vec![
                    ChoiceRule {
                        next: after.to_owned(),
                        ..poll.done.clone()
                    },
                    ChoiceRule {
                        variable: format!("{counter}.count"),
                        test: ChoiceTest::NumericGreaterThanEquals(i64::from(poll.attempts)),
                        next: poll
                            .timed_out_entry
                            .clone()
                            .unwrap_or_else(|| timed_out.clone()),
                    },
                ]
                .into_iter()
                .chain(poll.overdue.iter().map(|(polls, entry)| ChoiceRule {
                    variable: format!("{counter}.count"),
                    test: ChoiceTest::NumericEquals(i64::from(*polls)),
                    next: entry.clone(),
                }))
                .collect(),
                default: count.clone(),
            },
        ),
        (
            count,
            State::Pass {
                parameters: object(vec![(
                    "count.$",
                    lit(&format!("States.MathAdd({counter}.count, 1)")),
                )]),
                result_path: counter,
                next: wait,
            },
        ),
        (
            timed_out.clone(),
            State::Fail {
                error: timed_out,
                cause: format!(
                    "{name} did not finish within {} s; the workflow stopped, see the promote runbook",
                    u64::from(poll.attempts) * u64::from(poll.interval)
                ),
            },
        ),
    ]
}

/// The cache primary moves only when the promoted region held a Global Datastore secondary; the
/// event then carries its endpoint, and the parameter is rewritten only when it does.
fn guard_cache_update(steps: &mut Vec<(String, State)>) {
    let update = "UpdateCachePrimaryEndpoint";
    let Some(position) = steps.iter().position(|(name, _)| name == update) else {
        return;
    };
    let after = match &steps[position].1 {
        State::Task(task) => task.next.clone(),
        _ => None,
    };
    let after = after.unwrap_or_else(|| {
        steps.push(("Done".to_owned(), State::Succeed));
        "Done".to_owned()
    });
    let guard = "DidCachePrimaryMove";
    for (_, state) in steps.iter_mut() {
        if let State::Task(task) = state
            && task.next.as_deref() == Some(update)
        {
            task.next = Some(guard.to_owned());
        }
    }
    steps.insert(
        position,
        (
            guard.to_owned(),
            State::Choice {
                choices: vec![ChoiceRule {
                    variable: format!("$.detail.{}", EndpointKind::CachePrimary.detail_key()),
                    test: ChoiceTest::IsPresent(true),
                    next: update.to_owned(),
                }],
                default: after,
            },
        ),
    );
}

/// Makes each task without a successor go to the next state; the last one ends.
fn chain(steps: &mut [(String, State)]) {
    let names: Vec<String> = steps.iter().map(|(name, _)| name.clone()).collect();
    for (index, (_, state)) in steps.iter_mut().enumerate() {
        if let State::Task(task) = state
            && task.next.is_none()
        {
            task.next = names.get(index + 1).cloned();
        }
    }
}

fn object(entries: Vec<(&str, JsonDoc)>) -> JsonDoc {
    JsonDoc::Object(
        entries
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value))
            .collect(),
    )
}

fn lit(text: &str) -> JsonDoc {
    JsonDoc::String(Text::lit(text))
}
