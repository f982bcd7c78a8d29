//! The failover workflows of the bundled plans, checked for meaning: every definition is a
//! well-formed state machine (start, successors, reachability, terminal states, AWS SDK resources),
//! each does what the plan says (the replica of its own region promoted, every service region's
//! endpoints rewritten through the fan-out, the Global Datastore failed over where the region holds
//! a secondary), each role allows exactly what its definition calls, and tasks read the writer's
//! address from their region's SSM parameter.

use std::collections::{BTreeMap, BTreeSet};

use meridian_plan::asl::{Definition, State, iam_action};
use meridian_plan::{
    AppPlan, CacheRole, DatabaseRole, EndpointKind, EventRulePlan, JsonDoc, Part, Plan, RegionPlan,
    StateMachinePlan, Text, WorkflowPurpose,
};
use meridian_testkit::bundled_plans;

use crate::{edited_seed, plan_with_findings};

/// Every state machine of a plan with its region.
fn machines(plan: &Plan) -> Vec<(&RegionPlan, &StateMachinePlan)> {
    plan.regions
        .iter()
        .filter_map(|region| Some((region, region.app.as_ref()?.failover.as_ref()?)))
        .flat_map(|(region, failover)| {
            failover
                .state_machines
                .iter()
                .map(move |machine| (region, machine))
        })
        .collect()
}

fn rules(plan: &Plan) -> Vec<(String, &EventRulePlan)> {
    let mut all: Vec<(String, &EventRulePlan)> = plan
        .regions
        .iter()
        .filter_map(|region| Some((region, region.app.as_ref()?.failover.as_ref()?)))
        .flat_map(|(region, failover)| {
            failover
                .rules
                .iter()
                .map(move |rule| (region.region.to_string(), rule))
        })
        .collect();
    if let Some(global) = &plan.global {
        all.extend(
            global
                .failover_rules
                .iter()
                .map(|rule| (plan.global_region.to_string(), rule)),
        );
    }
    all
}

fn app(region: &RegionPlan) -> &AppPlan {
    region.app.as_ref().expect("a service region")
}

/// The tasks of a definition, in state order.
fn tasks(definition: &Definition) -> Vec<(&str, &meridian_plan::asl::TaskState)> {
    definition
        .states
        .iter()
        .filter_map(|(name, state)| match state {
            State::Task(task) => Some((name.as_str(), task)),
            _ => None,
        })
        .collect()
}

fn literal(document: &JsonDoc) -> Option<&str> {
    match document {
        JsonDoc::String(text) => text.as_literal(),
        _ => None,
    }
}

fn field<'d>(document: &'d JsonDoc, key: &str) -> Option<&'d JsonDoc> {
    match document {
        JsonDoc::Object(entries) => entries
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value),
        _ => None,
    }
}

#[test]
fn the_multi_region_stacks_have_failover_workflows() {
    let mut with_workflows = 0;
    for stack in bundled_plans() {
        let replicas = stack
            .plan
            .regions
            .iter()
            .filter_map(|region| region.app.as_ref()?.database.as_ref())
            .filter(|database| matches!(database.role, DatabaseRole::Replica(_)))
            .count();
        let failovers = machines(&stack.plan)
            .iter()
            .filter(|(_, machine)| machine.purpose == WorkflowPurpose::Failover)
            .count();
        if stack.plan.operations.failover_enabled {
            assert_eq!(
                failovers, replicas,
                "{}: one Failover per replica",
                stack.name
            );
        }
        with_workflows += usize::from(failovers > 0);
    }
    assert!(
        with_workflows >= 2,
        "expected rail-backend and orders-two-regions"
    );
}

#[test]
fn every_definition_is_a_well_formed_state_machine() {
    let mut examined = 0;
    for stack in bundled_plans() {
        for (region, machine) in machines(&stack.plan) {
            examined += 1;
            let at = format!("{} {} {}", stack.name, region.region, machine.name);
            let definition = &machine.definition;
            let names: BTreeSet<&str> = definition
                .states
                .iter()
                .map(|(name, _)| name.as_str())
                .collect();
            assert_eq!(names.len(), definition.states.len(), "{at}: repeated state");
            assert!(
                names.contains(definition.start_at.as_str()),
                "{at}: StartAt"
            );
            for (name, state) in &definition.states {
                assert!(name.len() <= 80, "{at}: {name} is too long a state name");
                for next in state.successors() {
                    assert!(names.contains(next), "{at}: {name} goes to missing {next}");
                }
                if let State::Task(task) = state {
                    assert!(
                        task.service
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                            && task
                                .action
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_ascii_lowercase()),
                        "{at}: {name} calls {}:{}",
                        task.service,
                        task.action
                    );
                }
            }
            // Every state is reachable from StartAt.
            let mut reached = BTreeSet::from([definition.start_at.as_str()]);
            let mut frontier = vec![definition.start_at.as_str()];
            let by_name: BTreeMap<&str, &State> = definition
                .states
                .iter()
                .map(|(name, state)| (name.as_str(), state))
                .collect();
            while let Some(name) = frontier.pop() {
                for next in by_name[name].successors() {
                    if reached.insert(next) {
                        frontier.push(next);
                    }
                }
            }
            assert_eq!(reached, names, "{at}: unreachable states");
            // Something ends the workflow, and from every state an end can be reached.
            let ends: Vec<&str> = definition
                .states
                .iter()
                .filter(|(_, state)| state.successors().is_empty())
                .map(|(name, _)| name.as_str())
                .collect();
            assert!(!ends.is_empty(), "{at}: no terminal state");
            // The JSON both targets write says the same: each Task's Resource is an AWS SDK
            // integration in the plan's partition.
            let JsonDoc::Object(top) = &machine.document else {
                panic!("{at}: the document is not an object");
            };
            let states = field(&machine.document, "States").expect("States");
            assert_eq!(literal(&top[1].1), Some(definition.start_at.as_str()));
            for (name, state) in &definition.states {
                let written = field(states, name).unwrap_or_else(|| panic!("{at}: {name}"));
                if let State::Task(task) = state {
                    assert_eq!(
                        literal(field(written, "Resource").expect("Resource")),
                        Some(
                            format!(
                                "arn:{}:states:::aws-sdk:{}:{}",
                                stack.plan.partition, task.service, task.action
                            )
                            .as_str()
                        ),
                        "{at}: {name}"
                    );
                }
            }
        }
    }
    assert!(examined > 0, "no state machine examined");
}

#[test]
fn each_role_allows_exactly_what_its_definition_calls() {
    let infrastructure = ["DeliverLogs", "Trace"];
    let mut examined = 0;
    for stack in bundled_plans() {
        for (region, machine) in machines(&stack.plan) {
            examined += 1;
            let at = format!("{} {} {}", stack.name, region.region, machine.name);
            // Actions called, each with the resources its calls name.
            let mut called: BTreeMap<String, BTreeSet<Text>> = BTreeMap::new();
            for (_, task) in tasks(&machine.definition) {
                let action = iam_action(&task.service, &task.action);
                let own = task
                    .permissions
                    .iter()
                    .find(|statement| statement.actions == [action.clone()])
                    .unwrap_or_else(|| panic!("{at}: {action} has no statement"));
                called
                    .entry(action)
                    .or_default()
                    .extend(own.resources.iter().cloned());
            }
            let mut allowed: BTreeMap<String, BTreeSet<Text>> = BTreeMap::new();
            for statement in &machine.statements {
                assert!(statement.allow, "{at}: {}", statement.sid);
                if infrastructure.contains(&statement.sid.as_str()) {
                    assert!(
                        statement.actions.iter().all(
                            |action| action.starts_with("logs:") || action.starts_with("xray:")
                        ),
                        "{at}: {}",
                        statement.sid
                    );
                    continue;
                }
                for action in &statement.actions {
                    if action.starts_with("kms:") {
                        // Only for the encrypted topics a Publish names.
                        assert!(called.contains_key("sns:Publish"), "{at}: {action}");
                        continue;
                    }
                    allowed
                        .entry(action.clone())
                        .or_default()
                        .extend(statement.resources.iter().cloned());
                }
            }
            assert_eq!(allowed, called, "{at}");
            let sids: BTreeSet<&str> = machine.statements.iter().map(|s| s.sid.as_str()).collect();
            assert_eq!(sids.len(), machine.statements.len(), "{at}: repeated Sid");
        }
    }
    assert!(examined > 0);
}

#[test]
fn each_failover_promotes_its_own_replica_and_moves_the_cache_where_it_holds_a_secondary() {
    let mut examined = 0;
    for stack in bundled_plans() {
        for (region, machine) in machines(&stack.plan) {
            if machine.purpose != WorkflowPurpose::Failover {
                continue;
            }
            examined += 1;
            let at = format!("{} {}", stack.name, region.region);
            let app = app(region);
            let database = app.database.as_ref().expect("a replica here");
            assert!(matches!(database.role, DatabaseRole::Replica(_)), "{at}");
            let calls = tasks(&machine.definition);
            let promote = calls
                .iter()
                .find(|(_, task)| task.action == "promoteReadReplica")
                .unwrap_or_else(|| panic!("{at}: no promotion"));
            assert_eq!(
                literal(field(&promote.1.parameters, "DbInstanceIdentifier").expect("id")),
                Some(database.identifier.as_str()),
                "{at}: promotes another instance"
            );
            assert_eq!(machine.definition.start_at, promote.0, "{at}");
            let cache_failover = calls
                .iter()
                .find(|(_, task)| task.action == "failoverGlobalReplicationGroup");
            match app.cache.as_ref().map(|cache| (&cache.role, cache)) {
                Some((CacheRole::Secondary { .. }, cache)) => {
                    let (_, task) =
                        cache_failover.unwrap_or_else(|| panic!("{at}: no cache failover"));
                    assert_eq!(
                        literal(field(&task.parameters, "PrimaryRegion").expect("region")),
                        Some(region.region.as_str())
                    );
                    assert_eq!(
                        literal(
                            field(&task.parameters, "PrimaryReplicationGroupId").expect("group")
                        ),
                        Some(cache.replication_group_id.as_str())
                    );
                }
                _ => assert!(
                    cache_failover.is_none(),
                    "{at}: fails over a cache it does not hold"
                ),
            }
            // The event names this region as promoted, on this region's bus.
            let announce = calls
                .iter()
                .find(|(_, task)| task.action == "putEvents")
                .unwrap_or_else(|| panic!("{at}: no WriterMoved"));
            let resources = &announce.1.permissions[0].resources;
            assert!(
                resources
                    .iter()
                    .any(|arn| arn.parts().iter().any(
                        |part| matches!(part, Part::Region(r) if r == region.region.as_str())
                    )),
                "{at}: puts WriterMoved on another region's bus"
            );
            let detail = machine
                .definition
                .states
                .iter()
                .find_map(|(name, state)| match state {
                    State::Pass { parameters, .. } if name == "WriterMovedDetail" => {
                        Some(parameters)
                    }
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{at}: no detail"));
            assert_eq!(
                literal(field(detail, "promoted_region").expect("promoted_region")),
                Some(region.region.as_str())
            );
        }
    }
    assert!(examined > 0);
}

#[test]
fn writer_moved_reaches_every_service_region_once_and_never_loops() {
    let mut examined = 0;
    for stack in bundled_plans() {
        let plan = &stack.plan;
        let service_regions: BTreeSet<String> = plan
            .service_regions()
            .map(|region| region.region.to_string())
            .collect();
        for (region, machine) in machines(plan) {
            if machine.purpose != WorkflowPurpose::Failover {
                continue;
            }
            examined += 1;
            let promoted = region.region.to_string();
            let at = format!("{} {promoted}", stack.name);
            // Buses the event reaches: its own, plus what the rules of its region forward it to.
            let mut reached = BTreeSet::from([promoted.clone()]);
            for (rule_region, rule) in rules(plan) {
                let matches_writer_moved = field(&rule.pattern, "detail-type")
                    .is_some_and(|types| matches!(types, JsonDoc::Array(items) if items.iter().any(|item| literal(item) == Some("WriterMoved"))));
                let Some(JsonDoc::Array(names)) = field(&rule.pattern, "detail")
                    .and_then(|detail| field(detail, "promoted_region"))
                else {
                    continue;
                };
                assert!(matches_writer_moved, "{at}: {}", rule.name);
                // A fan-out rule forwards only the events of its own region's promotion, so a
                // forwarded copy never matches the receiving region's fan-out rule.
                assert_eq!(names.len(), 1);
                assert_eq!(
                    literal(&names[0]),
                    Some(rule_region.as_str()),
                    "{at}: {} loops",
                    rule.name
                );
                if rule_region != promoted {
                    continue;
                }
                assert!(
                    rule.targets.len() <= 5,
                    "{at}: {} has too many targets",
                    rule.name
                );
                for target in &rule.targets {
                    let bus_region = target.arn.parts().iter().find_map(|part| match part {
                        Part::Region(r) => Some(r.clone()),
                        _ => None,
                    });
                    let bus_region = bus_region.unwrap_or_else(|| panic!("{at}: {}", target.id));
                    assert!(
                        reached.insert(bus_region.clone()),
                        "{at}: {bus_region} twice"
                    );
                    // The delivery role may put events on exactly the target buses.
                    assert!(rule.statements[0].resources.contains(&target.arn));
                }
                assert_eq!(rule.statements[0].actions, ["events:PutEvents"]);
                assert_eq!(rule.statements[0].resources.len(), rule.targets.len());
            }
            assert_eq!(reached, service_regions, "{at}");
            // In each reached region an adopt-writer workflow rewrites every endpoint parameter
            // and redeploys every service.
            for code in &reached {
                let target = plan
                    .regions
                    .iter()
                    .find(|r| r.region.as_str() == code)
                    .expect("region");
                let app = app(target);
                let adopt = app
                    .failover
                    .as_ref()
                    .and_then(|f| {
                        f.state_machines
                            .iter()
                            .find(|m| m.purpose == WorkflowPurpose::AdoptWriter)
                    })
                    .unwrap_or_else(|| panic!("{at}: no adopt-writer in {code}"));
                let calls = tasks(&adopt.definition);
                for endpoint in &app.endpoints {
                    let (_, put) = calls
                        .iter()
                        .find(|(_, task)| {
                            task.action == "putParameter"
                                && literal(field(&task.parameters, "Name").expect("Name"))
                                    == Some(endpoint.name.as_str())
                        })
                        .unwrap_or_else(|| {
                            panic!("{at}: {} not rewritten in {code}", endpoint.name)
                        });
                    assert_eq!(
                        literal(field(&put.parameters, "Value.$").expect("Value.$")),
                        Some(format!("$.detail.{}", endpoint.kind.detail_key()).as_str())
                    );
                }
                for service in &app.services {
                    assert!(
                        calls.iter().any(|(_, task)| task.action == "updateService"
                            && literal(field(&task.parameters, "Service").expect("Service"))
                                == Some(service.service_name.as_str())),
                        "{at}: {} not redeployed in {code}",
                        service.service_name
                    );
                }
                let fences = calls
                    .iter()
                    .any(|(_, task)| task.action == "modifyDBParameterGroup");
                let hosts_writer = app
                    .database
                    .as_ref()
                    .is_some_and(|database| matches!(database.role, DatabaseRole::Writer(_)));
                assert_eq!(fences, hosts_writer, "{at}: fencing in {code}");
                // The rule starting it matches WriterMoved from any region.
                let start = app
                    .failover
                    .as_ref()
                    .and_then(|f| {
                        f.rules.iter().find(|rule| {
                            rule.targets.iter().any(|t| {
                                t.arn
                                    == Text::attr(&adopt.rid, meridian_plan::Attr::StateMachineArn)
                            })
                        })
                    })
                    .unwrap_or_else(|| panic!("{at}: nothing starts adopt-writer in {code}"));
                assert!(field(&start.pattern, "detail").is_none());
                assert_eq!(start.statements[0].actions, ["states:StartExecution"]);
            }
        }
    }
    assert!(examined > 0);
}

#[test]
fn automatic_mode_starts_the_target_regions_failover_from_the_alarm() {
    let rail = bundled_plans()
        .iter()
        .find(|stack| stack.name == "rail-backend")
        .expect("rail-backend");
    let plan = &rail.plan;
    assert!(plan.operations.failover_automatic);
    let target = plan
        .operations
        .failover_target_region
        .clone()
        .expect("a target");
    assert_eq!(target.as_str(), "eu-west-1");
    let alarm_rules: Vec<(String, &EventRulePlan)> = rules(plan)
        .into_iter()
        .filter(|(_, rule)| {
            field(&rule.pattern, "source")
                .is_some_and(|s| matches!(s, JsonDoc::Array(items) if literal(&items[0]) == Some("aws.cloudwatch")))
        })
        .collect();
    // The global unit forwards to the target's bus, where a rule starts the Failover machine.
    let forward = alarm_rules
        .iter()
        .find(|(region, _)| *region == plan.global_region.as_str())
        .expect("a forwarding rule in the alarm's region");
    assert_eq!(forward.1.targets.len(), 1);
    assert!(
        forward.1.targets[0]
            .arn
            .parts()
            .iter()
            .any(|p| matches!(p, Part::Region(r) if r == target.as_str()))
    );
    let start = alarm_rules
        .iter()
        .find(|(region, _)| *region == target.as_str())
        .expect("a starting rule in the target region");
    let failover = machines(plan)
        .into_iter()
        .find(|(region, machine)| {
            region.region == target && machine.purpose == WorkflowPurpose::Failover
        })
        .expect("the target's Failover");
    assert_eq!(
        start.1.targets[0].arn,
        Text::attr(&failover.1.rid, meridian_plan::Attr::StateMachineArn)
    );
    // Only there: no other region starts a failover by itself.
    assert_eq!(alarm_rules.len(), 2);
    // Manual mode has no alarm rule.
    let orders = bundled_plans()
        .iter()
        .find(|stack| stack.name == "orders-two-regions")
        .expect("orders-two-regions");
    assert!(!orders.plan.operations.failover_automatic);
    assert!(rules(&orders.plan).iter().all(|(_, rule)| {
        field(&rule.pattern, "source").is_some_and(
            |s| matches!(s, JsonDoc::Array(items) if literal(&items[0]) != Some("aws.cloudwatch")),
        )
    }));
}

#[test]
fn tasks_read_the_writer_address_from_their_regions_parameter() {
    let mut examined = 0;
    for stack in bundled_plans() {
        for region in &stack.plan.regions {
            let Some(app) = &region.app else { continue };
            for service in &app.services {
                let at = format!("{} {} {}", stack.name, region.region, service.name);
                for (name, value) in &service.environment {
                    assert!(
                        !value.parts().iter().any(|part| matches!(part, Part::Import(import) if import.output == "DatabaseWriterAddress")),
                        "{at}: {name} holds the writer's address at deploy time"
                    );
                }
                for endpoint in &app.endpoints {
                    let readers: Vec<&str> = service
                        .secrets
                        .iter()
                        .filter(|(_, value_from)| *value_from == endpoint.arn)
                        .map(|(name, _)| name.as_str())
                        .collect();
                    if readers.is_empty() {
                        continue;
                    }
                    examined += 1;
                    assert!(
                        service
                            .execution_statements
                            .iter()
                            .any(|statement| statement.actions == ["ssm:GetParameters"]
                                && statement.resources.contains(&endpoint.arn)),
                        "{at}: the execution role cannot read {}",
                        endpoint.name
                    );
                }
            }
            // The parameter of each region is its own region's.
            for endpoint in &app.endpoints {
                assert!(
                    endpoint
                        .arn
                        .parts()
                        .iter()
                        .any(|p| matches!(p, Part::Region(r) if r == region.region.as_str()))
                );
                let expected = match endpoint.kind {
                    EndpointKind::WriterAddress => "/database/writer-address",
                    EndpointKind::CachePrimary => "/cache/primary-endpoint",
                };
                assert!(endpoint.name.ends_with(expected), "{}", endpoint.name);
            }
        }
    }
    assert!(
        examined >= 3,
        "rail-backend reads the writer in three regions"
    );
}

/// Follows a chain of `sns:publish` tasks from `entry`; returns the topics published to and the
/// state the chain ends at.
fn notifications<'d>(definition: &'d Definition, entry: &str) -> (Vec<String>, &'d str) {
    let state = |name: &str| {
        definition
            .states
            .iter()
            .find(|(candidate, _)| candidate == name)
            .map(|(name, state)| (name.as_str(), state))
            .unwrap_or_else(|| panic!("no state {name}"))
    };
    let mut topics = Vec::new();
    let mut at = state(entry);
    while let State::Task(task) = at.1 {
        assert_eq!(
            (task.service.as_str(), task.action.as_str()),
            ("sns", "publish"),
            "{}",
            at.0
        );
        topics.push(format!("{:?}", field(&task.parameters, "TopicArn")));
        at = state(task.next.as_deref().expect("the chain goes on"));
    }
    (topics, at.0)
}

/// rail-backend's budget for a promotion is 120 s, probed every 10 s: after 12 polls the
/// workflow tells the failover targets and keeps waiting; after the 1,800 s limit (180 polls)
/// it tells them again and fails. It never gives up at the budget.
#[test]
fn a_slow_promotion_is_reported_and_awaited_and_a_stuck_one_reported_before_failing() {
    let rail = bundled_plans()
        .iter()
        .find(|stack| stack.name == "rail-backend")
        .expect("rail-backend");
    let mut checked = 0;
    for (region, machine) in machines(&rail.plan) {
        if machine.purpose != WorkflowPurpose::Failover {
            continue;
        }
        checked += 1;
        let definition = &machine.definition;
        let (_, check) = definition
            .states
            .iter()
            .find(|(name, _)| name == "IsPromotionDone")
            .expect("a promotion check");
        let State::Choice { choices, default } = check else {
            panic!("IsPromotionDone is no Choice");
        };
        assert_eq!(default, "CountPromotionPoll");
        let rule = |test: &str| {
            choices
                .iter()
                .find(|rule| format!("{:?}", rule.test).starts_with(test))
                .unwrap_or_else(|| panic!("{}: no {test} rule", region.region))
        };
        let overdue = rule("NumericEquals");
        assert_eq!(format!("{:?}", overdue.test), "NumericEquals(12)");
        let (told, back) = notifications(definition, &overdue.next);
        assert!(!told.is_empty(), "nobody is told the promotion is slow");
        assert_eq!(
            back, "CountPromotionPoll",
            "the workflow stops waiting at the budget"
        );
        let limit = rule("NumericGreaterThanEquals");
        assert_eq!(format!("{:?}", limit.test), "NumericGreaterThanEquals(180)");
        let (told_again, end) = notifications(definition, &limit.next);
        assert_eq!(told_again.len(), told.len());
        let (_, fail) = definition
            .states
            .iter()
            .find(|(name, _)| name == end)
            .expect("the end");
        assert!(matches!(fail, State::Fail { .. }), "{end} is no Fail");
    }
    assert_eq!(
        checked, 2,
        "a failover workflow in eu-west-1 and ap-northeast-1"
    );
}

#[test]
fn no_failover_promotes_or_repoints_a_standalone_cache() {
    let mut standalone = 0;
    for stack in bundled_plans() {
        let groups: BTreeSet<&str> = stack
            .plan
            .regions
            .iter()
            .filter_map(|region| region.app.as_ref()?.cache.as_ref())
            .filter(|cache| cache.beside_global_datastore)
            .map(|cache| cache.replication_group_id.as_str())
            .collect();
        for region in &stack.plan.regions {
            let Some(cache) = region.app.as_ref().and_then(|app| app.cache.as_ref()) else {
                continue;
            };
            if !cache.beside_global_datastore {
                continue;
            }
            standalone += 1;
            let at = format!("{} {}", stack.name, region.region);
            assert!(
                matches!(&cache.role, CacheRole::Primary(primary) if primary.global.is_none()),
                "{at}: a standalone group is a primary of nothing"
            );
            assert!(
                app(region)
                    .endpoints
                    .iter()
                    .all(|endpoint| endpoint.kind != EndpointKind::CachePrimary),
                "{at}: a standalone group never moves, so no parameter tracks its primary"
            );
        }
        for (region, machine) in machines(&stack.plan) {
            for (name, task) in tasks(&machine.definition) {
                if task.action != "failoverGlobalReplicationGroup" {
                    continue;
                }
                let group =
                    literal(field(&task.parameters, "PrimaryReplicationGroupId").expect("group"));
                assert!(
                    group.is_some_and(|group| !groups.contains(group)),
                    "{} {} {name}: promotes the standalone group {group:?}",
                    stack.name,
                    region.region
                );
            }
        }
    }
    assert!(
        standalone > 0,
        "no bundled stack has a standalone cache beside a Global Datastore"
    );
}

#[test]
fn without_a_global_datastore_each_region_writes_to_its_own_cache() {
    // The seed with its Global Datastore turned off: every service region keeps a replication
    // group of its own, and none is anybody else's primary.
    let yaml = edited_seed(
        "cross_region_replication:\n    enabled: true",
        "cross_region_replication:\n    enabled: false",
    );
    let (planned, found) = plan_with_findings("no-datastore.yaml", &yaml);
    assert!(
        !planned.diagnostics.iter().any(|d| d.is_error()),
        "{found:#?}"
    );
    let plan = planned.plan.expect("a plan");
    let mut readers = 0;
    for region in &plan.regions {
        let Some(app) = &region.app else { continue };
        let Some(cache) = &app.cache else { continue };
        let at = region.region.as_str();
        assert!(!cache.heads_global_datastore(), "{at}");
        assert!(
            app.endpoints
                .iter()
                .all(|endpoint| endpoint.kind != EndpointKind::CachePrimary),
            "{at}: nothing moves its cache, so no parameter tracks a primary"
        );
        for service in &app.services {
            for (name, value) in &service.environment {
                if name != "REDIS_PRIMARY_ENDPOINT" {
                    continue;
                }
                readers += 1;
                assert!(
                    matches!(value.parts(), [Part::Attr(attr)] if attr.resource == cache.rid),
                    "{at} {}: {name} is not the region's own group: {value:?}",
                    service.name
                );
            }
        }
        let paths = plan
            .operations
            .data_paths
            .iter()
            .find(|paths| paths.region == region.region)
            .and_then(|paths| paths.cache.as_ref())
            .expect("the cache's data path");
        assert_eq!(paths.writes.region, region.region, "{at}: writes");
        assert_eq!(paths.reads, paths.writes, "{at}: reads");
        assert_eq!(paths.parameter, None, "{at}");
    }
    assert_eq!(
        readers, 3,
        "the API reads the cache primary in three regions"
    );
    for (region, machine) in machines(&plan) {
        for (name, task) in tasks(&machine.definition) {
            assert!(
                !task.action.contains("GlobalReplicationGroup") && !name.contains("Cache"),
                "{}: {name} touches a cache no failover moves",
                region.region
            );
        }
    }
}

#[test]
fn a_writer_that_cannot_be_planned_reports_its_own_mistake_only() {
    // The writer's region with too few zones: its network, and so the writer, is not planned.
    // The services that read the writer's address from their parameter are not told that the
    // reference "must be the whole value", which it is.
    let yaml = edited_seed(
        "vpc_cidr: 10.10.0.0/16\n      az_count: 3",
        "vpc_cidr: 10.10.0.0/16\n      az_count: 1",
    );
    let (planned, found) = plan_with_findings("one-zone.yaml", &yaml);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(planned.diagnostics[0].code, "E112", "{found:?}");
}
