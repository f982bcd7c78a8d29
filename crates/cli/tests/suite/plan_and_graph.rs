//! What `meridian plan` and `meridian graph` say, checked against the plan they render for every
//! bundled stack: the deploy order is the plan's and respects every dependency, every region
//! appears with its role, every cross-stack reference and parameter is listed; the graph has a
//! box per region, a node per load balancer, service, database and bucket, and an edge per
//! replication link and DNS target, in both formats.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{meridian, stdout};
use meridian_plan::{DatabaseRole, Plan, UnitId};
use meridian_testkit::bundled_plans;

fn run(args: &[&str]) -> String {
    let output = meridian(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "meridian {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

/// `args` and, for a stack file with environments, `--env` with the environment the bundled plan
/// is of.
fn with_env<'a>(bundled: &'a meridian_testkit::BundledPlan, args: &[&'a str]) -> Vec<&'a str> {
    let mut args = args.to_vec();
    if let Some(environment) = &bundled.environment {
        args.extend(["--env", environment.as_str()]);
    }
    args
}

fn stack_name(plan: &Plan, unit: &UnitId) -> String {
    plan.units
        .iter()
        .find(|candidate| candidate.id == *unit)
        .map(|candidate| candidate.stack_name.clone())
        .unwrap_or_else(|| panic!("the plan has the unit {unit}"))
}

/// The section of `text` that starts at the line `heading` and ends at the next blank line.
fn section<'a>(text: &'a str, heading: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|line| !line.starts_with(heading))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .collect()
}

#[test]
fn plan_lists_the_units_in_an_order_that_respects_every_dependency() {
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let text = run(&with_env(
            bundled,
            &["plan", bundled.path.to_str().expect("utf-8 path")],
        ));
        let order = section(&text, "Deploy order");
        assert_eq!(
            order.len(),
            plan.units.len(),
            "{}: one deploy-order line per unit:\n{text}",
            bundled.name
        );
        let mut deployed: BTreeSet<String> = BTreeSet::new();
        for (line, unit) in order.iter().zip(&plan.units) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(
                fields.get(1..3),
                Some(&[unit.stack_name.as_str(), unit.region.as_str()][..]),
                "{}: `{line}` is not the plan's next unit",
                bundled.name
            );
            for dependency in &unit.depends_on {
                let name = stack_name(plan, dependency);
                assert!(
                    deployed.contains(&name),
                    "{}: {} deploys before {name}, which it depends on",
                    bundled.name,
                    unit.stack_name
                );
                assert!(
                    line.contains(&name),
                    "{}: `{line}` does not say it comes after {name}",
                    bundled.name
                );
            }
            deployed.insert(unit.stack_name.clone());
        }
    }
}

#[test]
fn plan_shows_every_region_with_its_role_and_what_it_runs() {
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let text = run(&with_env(
            bundled,
            &["plan", bundled.path.to_str().expect("utf-8 path")],
        ));
        for region in &plan.regions {
            let heading = format!("{} ({}", region.region, region.role.as_str());
            let lines = section(&text, &heading);
            assert!(
                !lines.is_empty(),
                "{}: no section `{heading}`:\n{text}",
                bundled.name
            );
            let has = |word: &str| lines.iter().any(|line| line.trim_start().starts_with(word));
            assert!(
                has("storage"),
                "{}: {heading} has no storage line",
                bundled.name
            );
            let Some(app) = &region.app else {
                continue;
            };
            assert_eq!(
                has("network"),
                app.network.is_some(),
                "{}: {heading} network",
                bundled.name
            );
            // The main load balancer's line; a further one's names it (`load balancer `name``).
            let main_load_balancer = lines.iter().any(|line| {
                line.trim_start()
                    .strip_prefix("load balancer")
                    .is_some_and(|rest| !rest.trim_start().starts_with('`'))
            });
            assert_eq!(
                main_load_balancer,
                app.load_balancer.is_some(),
                "{}: {heading} load balancer",
                bundled.name
            );
            for service in &app.services {
                assert!(
                    lines.iter().any(|line| line.contains(&service.service_name)
                        && line.contains(&format!(
                            "{} {}",
                            service.desired_count,
                            if service.desired_count == 1 {
                                "task"
                            } else {
                                "tasks"
                            }
                        ))),
                    "{}: {heading} does not show {} with {} tasks",
                    bundled.name,
                    service.service_name,
                    service.desired_count
                );
            }
            if let Some(database) = &app.database {
                let role = match database.role {
                    DatabaseRole::Writer(_) | DatabaseRole::Promoted(_) => "writer",
                    DatabaseRole::Replica(_) => "read replica",
                };
                assert!(
                    lines
                        .iter()
                        .any(|line| line.contains(&database.identifier) && line.contains(role)),
                    "{}: {heading} does not show the database {} as {role}",
                    bundled.name,
                    database.identifier
                );
            }
        }
    }
}

#[test]
fn plan_lists_every_cross_stack_reference_and_parameter() {
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let text = run(&with_env(
            bundled,
            &["plan", bundled.path.to_str().expect("utf-8 path")],
        ));
        let references = section(&text, "Cross-stack references");
        let mut expected: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for unit in &plan.units {
            for (producer, output) in &unit.consumes {
                expected
                    .entry((unit.stack_name.clone(), stack_name(plan, producer)))
                    .or_default()
                    .insert(output.clone());
            }
        }
        assert_eq!(
            references.len(),
            expected.len(),
            "{}: one line per consumer and producer:\n{text}",
            bundled.name
        );
        for ((consumer, producer), outputs) in &expected {
            let line = references
                .iter()
                .find(|line| {
                    line.trim_start()
                        .starts_with(&format!("{consumer} ← {producer}:"))
                })
                .unwrap_or_else(|| panic!("{}: no line for {consumer} ← {producer}", bundled.name));
            let listed: BTreeSet<String> = line
                .split_once(": ")
                .map(|(_, list)| list.split(", ").map(str::to_owned).collect())
                .unwrap_or_default();
            assert_eq!(&listed, outputs, "{}: `{line}`", bundled.name);
        }
        let parameters = section(&text, "Parameters");
        for parameter in &plan.parameters {
            assert!(
                parameters.iter().any(|line| {
                    let mut fields = line.split_whitespace();
                    fields.next() == Some(parameter.name.as_str())
                        && fields.next().is_some_and(|kind| {
                            kind.trim_end_matches(',') == format!("{:?}", parameter.kind)
                        })
                }),
                "{}: parameter {} ({:?}) is not listed:\n{text}",
                bundled.name,
                parameter.name,
                parameter.kind
            );
        }
    }
}

/// Node IDs and edges of a Mermaid flowchart, checking that every edge joins declared nodes.
fn mermaid_graph(text: &str) -> (BTreeSet<String>, Vec<(String, String, String)>, usize) {
    let mut nodes = BTreeSet::new();
    let mut edges = Vec::new();
    let mut subgraphs = 0;
    for line in text.lines().skip(1) {
        let line = line.trim();
        if line.starts_with("subgraph ") {
            subgraphs += 1;
        } else if line == "end" || line.is_empty() {
        } else if let Some((from, rest)) = line.split_once(" -") {
            let (label, to) = rest
                .split_once("|\"")
                .and_then(|(_, rest)| rest.split_once("\"| "))
                .unwrap_or_else(|| panic!("edge without a label: `{line}`"));
            edges.push((from.to_owned(), to.to_owned(), label.to_owned()));
        } else {
            let id: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(!id.is_empty(), "not a node, edge or subgraph: `{line}`");
            nodes.insert(id);
        }
    }
    for (from, to, _) in &edges {
        assert!(
            nodes.contains(from) && nodes.contains(to),
            "edge {from} → {to} joins an undeclared node"
        );
    }
    (nodes, edges, subgraphs)
}

fn slug(region: &str) -> String {
    region.replace('-', "_")
}

#[test]
fn graph_draws_each_region_its_components_and_the_links_between_regions() {
    // Links seen over all bundled stacks: the checks below must not pass vacuously.
    let mut seen = [0_usize; 3];
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let path = bundled.path.to_str().expect("utf-8 path");
        let text = run(&with_env(bundled, &["graph", path]));
        assert!(
            text.starts_with("flowchart LR\n"),
            "{}: not a Mermaid flowchart",
            bundled.name
        );
        let (nodes, edges, subgraphs) = mermaid_graph(&text);
        let drawn_regions = plan
            .regions
            .iter()
            .filter(|region| region.app.is_some() || !region.storage.buckets.is_empty())
            .count();
        assert_eq!(
            subgraphs,
            drawn_regions + usize::from(plan.global.is_some()),
            "{}: one box per region with something in it, and one for global resources",
            bundled.name
        );
        let mut replication_links = 0;
        let mut database_links = 0;
        for region in &plan.regions {
            let code = slug(&region.region);
            for bucket in &region.storage.buckets {
                let node = format!("{code}_bucket_{}", bucket.name.replace('-', "_"));
                assert!(nodes.contains(&node), "{}: no node {node}", bundled.name);
                for rule in bucket.replication.iter().flat_map(|r| &r.rules) {
                    replication_links += 1;
                    let to = format!(
                        "{}_bucket_{}",
                        slug(&rule.destination_region),
                        rule.destination.replace('-', "_")
                    );
                    assert!(
                        edges.iter().any(|(from, target, label)| from == &node
                            && target == &to
                            && label.starts_with("S3 replication")),
                        "{}: no replication edge {node} → {to}",
                        bundled.name
                    );
                }
            }
            let Some(app) = &region.app else {
                continue;
            };
            if app.load_balancer.is_some() {
                assert!(
                    nodes.contains(&format!("{code}_lb")),
                    "{}: no load balancer in {code}",
                    bundled.name
                );
            }
            for name in app.load_balancers.keys() {
                assert!(
                    nodes.contains(&format!("{code}_lb_{}", slug(name))),
                    "{}: no load balancer {name} in {code}",
                    bundled.name
                );
            }
            if let Some(database) = &app.database {
                assert!(
                    nodes.contains(&format!("{code}_db")),
                    "{}: no database in {code}",
                    bundled.name
                );
                if let DatabaseRole::Replica(replica) = &database.role {
                    database_links += 1;
                    let from = format!("{}_db", slug(&replica.source_region));
                    assert!(
                        edges.iter().any(|(f, t, label)| f == &from
                            && t == &format!("{code}_db")
                            && label == "async replication"),
                        "{}: no replication edge {from} → {code}_db",
                        bundled.name
                    );
                }
            }
        }
        let dns_links = plan
            .global
            .as_ref()
            .and_then(|global| global.dns.as_ref())
            .map_or(0, |dns| {
                dns.regions.len()
                    + dns
                        .hosts
                        .iter()
                        .map(|host| host.regions.len())
                        .sum::<usize>()
            });
        let drawn = |prefix: &str| {
            edges
                .iter()
                .filter(|(_, _, label)| label.starts_with(prefix))
                .count()
        };
        assert_eq!(
            drawn("S3 replication"),
            replication_links,
            "{}",
            bundled.name
        );
        assert_eq!(
            drawn("async replication"),
            database_links,
            "{}",
            bundled.name
        );
        assert_eq!(drawn("latency"), dns_links, "{}", bundled.name);
        for (total, links) in seen
            .iter_mut()
            .zip([replication_links, database_links, dns_links])
        {
            *total += links;
        }

        let dot = run(&with_env(bundled, &["graph", "--format", "dot", path]));
        assert!(
            dot.starts_with(&format!("digraph \"{}\" {{", plan.stack)),
            "{}",
            bundled.name
        );
        assert_eq!(
            dot.lines().filter(|line| line.contains(" -> ")).count(),
            edges.len(),
            "{}: the DOT graph has the Mermaid graph's edges",
            bundled.name
        );
        assert_eq!(
            dot.lines()
                .filter(|line| line.trim_start().starts_with("subgraph "))
                .count(),
            subgraphs,
            "{}: the DOT graph has the Mermaid graph's boxes",
            bundled.name
        );
    }
    assert!(
        seen.iter().all(|links| *links > 0),
        "the bundled stacks no longer have bucket, database and DNS links: {seen:?}"
    );
}

/// `meridian plan` lists every peered pair with both CIDRs, the ports each side opens and the
/// unit that requests it; every service region's write and read paths with the SSM parameter
/// tasks learn the writer from; and the failover budget, each step and the total against the RTO.
#[test]
fn plan_shows_the_links_paths_and_failover_budget() {
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let text = run(&with_env(
            bundled,
            &["plan", bundled.path.to_str().expect("utf-8 path")],
        ));
        let links = section(&text, "Links between regions");
        assert_eq!(
            links.len(),
            2 * plan.operations.region_links.len(),
            "{}: two lines per link",
            bundled.name
        );
        for link in &plan.operations.region_links {
            let head = format!(
                "  {} {} ⇄ {} {}: {}, requested by {}",
                link.requester,
                link.requester_cidr,
                link.accepter,
                link.accepter_cidr,
                link.name,
                stack_name(plan, &link.requester_unit)
            );
            let at = links
                .iter()
                .position(|line| *line == head)
                .unwrap_or_else(|| panic!("{}: no line {head:?}", bundled.name));
            let ports = links[at + 1];
            for port in &link.ports_to_accepter {
                assert!(
                    ports.contains(&format!("{} admits", link.accepter))
                        && ports.contains(&format!("TCP {port}")),
                    "{}: {ports}",
                    bundled.name
                );
            }
        }
        let paths = section(&text, "Write and read paths");
        for region in &plan.operations.data_paths {
            if region.database.is_none() && region.cache.is_none() {
                continue;
            }
            let at = paths
                .iter()
                .position(|line| *line == format!("  {}", region.region))
                .unwrap_or_else(|| panic!("{}: no paths of {}", bundled.name, region.region));
            let block: Vec<&str> = paths[at + 1..]
                .iter()
                .take_while(|line| line.starts_with("    "))
                .copied()
                .collect();
            for path in region.database.iter().chain(&region.cache) {
                let writes = block
                    .iter()
                    .find(|line| {
                        line.contains(&format!(
                            "writes → {} {}",
                            path.writes.role, path.writes.target
                        ))
                    })
                    .unwrap_or_else(|| panic!("{}: {block:?}", bundled.name));
                if let Some(parameter) = &path.parameter {
                    assert!(
                        writes.ends_with(&format!("from SSM {parameter}")),
                        "{writes}"
                    );
                }
                assert!(
                    block.iter().any(|line| line.contains(&format!(
                        "reads  → {} {}",
                        path.reads.role, path.reads.target
                    ))),
                    "{}: {block:?}",
                    bundled.name
                );
            }
        }
        let budget_lines = text
            .lines()
            .skip_while(|line| !line.starts_with("Failover budget"))
            .take_while(|line| !line.trim().is_empty())
            .collect::<Vec<_>>();
        let Some(budget) = &plan.operations.budget else {
            assert!(budget_lines.is_empty(), "{}", bundled.name);
            continue;
        };
        for step in &budget.steps {
            assert!(
                budget_lines.iter().any(|line| line.starts_with(&format!(
                    "  {:<18} {:>5} s  ",
                    step.kind.as_str(),
                    step.seconds
                ))),
                "{}: no line for {}",
                bundled.name,
                step.kind.as_str()
            );
        }
        let total = budget_lines
            .iter()
            .find(|line| line.starts_with("  total "))
            .expect("a total line");
        assert!(
            total.contains(&format!("{} s", budget.total_seconds)),
            "{total}"
        );
        match budget.rto_seconds {
            Some(rto) => assert!(
                total.contains(&format!("the RTO of {rto} s"))
                    && total.contains("EXCEEDS") == budget.exceeds_rto,
                "{total}"
            ),
            None => assert!(total.contains("no RTO stated"), "{total}"),
        }
    }
}
