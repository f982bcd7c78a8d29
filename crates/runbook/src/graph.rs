//! The topology picture: regions with their roles and components, global DNS and CDN, and the
//! replication links with their direction, rendered as a Mermaid flowchart or a Graphviz DOT
//! digraph. One graph model feeds both syntaxes so they never disagree.

use std::fmt::Write as _;

use meridian_plan::{CacheRole, DatabaseRole, Plan, Strategy};

use crate::text::slug;

/// The syntax [`graph`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// A Mermaid `flowchart`, for Markdown renderers.
    Mermaid,
    /// A Graphviz `digraph`, for `dot -Tsvg`.
    Dot,
}

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A box.
    Box,
    /// A cylinder (data stores).
    Cylinder,
}

#[derive(Debug)]
struct Node {
    id: String,
    lines: Vec<String>,
    shape: Shape,
}

#[derive(Debug)]
struct Group {
    id: String,
    label: String,
    nodes: Vec<Node>,
}

/// Traffic (solid) or asynchronous replication (dashed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EdgeStyle {
    Traffic,
    Replication,
}

#[derive(Debug)]
struct Edge {
    from: String,
    to: String,
    label: String,
    style: EdgeStyle,
}

#[derive(Debug)]
struct Topology {
    title: String,
    groups: Vec<Group>,
    edges: Vec<Edge>,
}

fn region_group_id(region: &str) -> String {
    format!("region_{}", slug(region))
}

fn node_id(region: &str, kind: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{}_{kind}_{}", slug(region), slug(name)),
        None => format!("{}_{kind}", slug(region)),
    }
}

/// Finds the node of a bucket by entity name (buckets live in storage units of their region).
fn bucket_node(plan: &Plan, name: &str) -> Option<String> {
    plan.regions.iter().find_map(|region| {
        region
            .storage
            .buckets
            .iter()
            .any(|bucket| bucket.name == name)
            .then(|| node_id(&region.region, "bucket", Some(name)))
    })
}

fn topology(plan: &Plan) -> Topology {
    let mut groups = Vec::new();
    let mut edges = Vec::new();

    for region in &plan.regions {
        let code = region.region.as_str();
        let mut nodes = Vec::new();
        if let Some(app) = &region.app {
            let all = app.load_balancer.iter().map(|lb| (None, lb)).chain(
                app.load_balancers
                    .iter()
                    .map(|(name, lb)| (Some(name.as_str()), lb)),
            );
            for (name, load_balancer) in all {
                let lb_id = node_id(code, "lb", name);
                let listeners = load_balancer
                    .listeners
                    .iter()
                    .map(|listener| format!("{} :{}", listener.protocol.as_str(), listener.port))
                    .collect::<Vec<_>>()
                    .join(", ");
                nodes.push(Node {
                    id: lb_id.clone(),
                    lines: vec![
                        format!(
                            "ALB {}({})",
                            name.map(|name| format!("{name} ")).unwrap_or_default(),
                            if load_balancer.internal {
                                "internal"
                            } else {
                                "internet-facing"
                            }
                        ),
                        listeners,
                    ],
                    shape: Shape::Box,
                });
                for group in &load_balancer.target_groups {
                    edges.push(Edge {
                        from: lb_id.clone(),
                        to: node_id(code, "svc", Some(&group.service)),
                        label: format!("{} :{}", group.protocol.as_str(), group.port),
                        style: EdgeStyle::Traffic,
                    });
                }
            }
            for service in &app.services {
                let strategy = match service.deployment.strategy {
                    Strategy::BlueGreen => "blue/green",
                    Strategy::Rolling => "rolling",
                };
                nodes.push(Node {
                    id: node_id(code, "svc", Some(&service.name)),
                    lines: vec![
                        format!("ECS service {}", service.service_name),
                        format!("{} tasks, {strategy}", service.desired_count),
                    ],
                    shape: Shape::Box,
                });
            }
            if let Some(database) = &app.database {
                let role = match &database.role {
                    DatabaseRole::Writer(_) => "PostgreSQL writer",
                    DatabaseRole::Promoted(_) => "PostgreSQL writer (promoted replica)",
                    DatabaseRole::Replica(_) => "PostgreSQL read replica",
                };
                nodes.push(Node {
                    id: node_id(code, "db", None),
                    lines: vec![
                        role.to_owned(),
                        database.identifier.clone(),
                        database.instance_class.clone(),
                    ],
                    shape: Shape::Cylinder,
                });
                if let DatabaseRole::Replica(replica) = &database.role {
                    edges.push(Edge {
                        from: node_id(&replica.source_region, "db", None),
                        to: node_id(code, "db", None),
                        label: "async replication".to_owned(),
                        style: EdgeStyle::Replication,
                    });
                }
            }
            if let Some(cache) = &app.cache {
                let role = match &cache.role {
                    CacheRole::Primary(primary) if primary.global.is_some() => {
                        "Redis, Global Datastore primary"
                    }
                    CacheRole::Primary(_) => "Redis",
                    CacheRole::Secondary { .. } => "Redis, Global Datastore secondary",
                };
                nodes.push(Node {
                    id: node_id(code, "cache", None),
                    lines: vec![role.to_owned(), cache.replication_group_id.clone()],
                    shape: Shape::Cylinder,
                });
            }
        }
        for bucket in &region.storage.buckets {
            nodes.push(Node {
                id: node_id(code, "bucket", Some(&bucket.name)),
                lines: vec![
                    format!("S3 {}", bucket.name),
                    bucket.bucket_name.to_string(),
                ],
                shape: Shape::Cylinder,
            });
            if let Some(replication) = &bucket.replication {
                for rule in &replication.rules {
                    let Some(destination) = bucket_node(plan, &rule.destination) else {
                        continue;
                    };
                    let mut label = "S3 replication".to_owned();
                    if let Some(class) = &rule.storage_class {
                        label.push_str(&format!(", {class}"));
                    }
                    if rule.time_control {
                        label.push_str(&format!(", RTC {} min", rule.time_control_minutes));
                    }
                    edges.push(Edge {
                        from: node_id(code, "bucket", Some(&bucket.name)),
                        to: destination,
                        label,
                        style: EdgeStyle::Replication,
                    });
                }
            }
        }
        groups.push(Group {
            id: region_group_id(code),
            label: format!("{code} · {}", region.role.as_str()),
            nodes,
        });
    }

    // Global Datastore: from the primary's cache to every secondary.
    let primary_cache = plan.regions.iter().find_map(|region| {
        let cache = region.app.as_ref()?.cache.as_ref()?;
        match &cache.role {
            CacheRole::Primary(primary) if primary.global.is_some() => Some(region.region.clone()),
            _ => None,
        }
    });
    if let Some(primary) = primary_cache {
        for region in &plan.regions {
            let is_secondary = region
                .app
                .as_ref()
                .and_then(|app| app.cache.as_ref())
                .is_some_and(|cache| matches!(cache.role, CacheRole::Secondary { .. }));
            if is_secondary {
                edges.push(Edge {
                    from: node_id(&primary, "cache", None),
                    to: node_id(&region.region, "cache", None),
                    label: "Global Datastore replication".to_owned(),
                    style: EdgeStyle::Replication,
                });
            }
        }
    }

    if let Some(global) = &plan.global {
        let mut nodes = Vec::new();
        if let Some(dns) = &global.dns {
            nodes.push(Node {
                id: "global_dns".to_owned(),
                lines: vec!["Route 53 latency records".to_owned(), dns.domain.clone()],
                shape: Shape::Box,
            });
            for record in &dns.regions {
                edges.push(Edge {
                    from: "global_dns".to_owned(),
                    to: node_id(&record.region, "lb", None),
                    label: if dns.evaluate_health {
                        format!("latency, health check {}", record.path)
                    } else {
                        "latency".to_owned()
                    },
                    style: EdgeStyle::Traffic,
                });
            }
            for (index, host) in dns.hosts.iter().enumerate() {
                let id = format!("global_dns_host_{index}");
                nodes.push(Node {
                    id: id.clone(),
                    lines: vec!["Route 53 latency records".to_owned(), host.name.clone()],
                    shape: Shape::Box,
                });
                for record in &host.regions {
                    edges.push(Edge {
                        from: id.clone(),
                        to: node_id(&record.region, "lb", host.load_balancer.as_deref()),
                        label: if dns.evaluate_health {
                            format!("latency, health check {}", record.path)
                        } else {
                            "latency".to_owned()
                        },
                        style: EdgeStyle::Traffic,
                    });
                }
            }
        }
        if let Some(cdn) = &global.cdn {
            let mut lines = vec!["CloudFront".to_owned()];
            lines.extend(cdn.aliases.iter().cloned());
            nodes.push(Node {
                id: "global_cdn".to_owned(),
                lines,
                shape: Shape::Box,
            });
            nodes.push(Node {
                id: "global_cdn_origin".to_owned(),
                lines: vec![
                    format!("S3 {}", cdn.bucket.name),
                    cdn.bucket.bucket_name.to_string(),
                ],
                shape: Shape::Cylinder,
            });
            edges.push(Edge {
                from: "global_cdn".to_owned(),
                to: "global_cdn_origin".to_owned(),
                label: "origin".to_owned(),
                style: EdgeStyle::Traffic,
            });
        }
        if !nodes.is_empty() {
            groups.insert(
                0,
                Group {
                    id: "global".to_owned(),
                    label: format!("global · {}", plan.global_region),
                    nodes,
                },
            );
        }
    }

    // An edge only makes sense between drawn nodes (a region without a load balancer gets no
    // DNS edge, a target group of a service that does not run there gets no service edge).
    edges.retain(|edge| {
        let exists = |id: &str| {
            groups
                .iter()
                .any(|group| group.nodes.iter().any(|node| node.id == id))
        };
        exists(&edge.from) && exists(&edge.to)
    });

    Topology {
        title: plan.stack.clone(),
        groups,
        edges,
    }
}

/// The topology of `plan` in `format`: regions with their roles, what runs in each, global DNS
/// and CDN, and edges for traffic (solid) and replication (dashed, pointing from source to
/// destination). The text ends with a newline.
pub fn graph(plan: &Plan, format: GraphFormat) -> String {
    let topology = topology(plan);
    match format {
        GraphFormat::Mermaid => render_mermaid(&topology),
        GraphFormat::Dot => render_dot(&topology),
    }
}

/// Mermaid labels are double-quoted and may hold HTML; double quotes and angle brackets inside
/// (`<account-id>` in bucket names) are written as entity codes.
fn mermaid_label(lines: &[String]) -> String {
    lines
        .iter()
        .map(|line| {
            line.replace('"', "#quot;")
                .replace('<', "#60;")
                .replace('>', "#62;")
        })
        .collect::<Vec<_>>()
        .join("<br/>")
}

fn render_mermaid(topology: &Topology) -> String {
    let mut out = String::from("flowchart LR\n");
    for group in &topology.groups {
        let _ = writeln!(
            out,
            "  subgraph {}[\"{}\"]",
            group.id,
            mermaid_label(std::slice::from_ref(&group.label))
        );
        for node in &group.nodes {
            let label = mermaid_label(&node.lines);
            let _ = match node.shape {
                Shape::Box => writeln!(out, "    {}[\"{label}\"]", node.id),
                Shape::Cylinder => writeln!(out, "    {}[(\"{label}\")]", node.id),
            };
        }
        out.push_str("  end\n");
    }
    for edge in &topology.edges {
        let arrow = match edge.style {
            EdgeStyle::Traffic => "-->",
            EdgeStyle::Replication => "-.->",
        };
        let _ = writeln!(
            out,
            "  {} {arrow}|\"{}\"| {}",
            edge.from,
            mermaid_label(std::slice::from_ref(&edge.label)),
            edge.to
        );
    }
    out
}

/// A DOT double-quoted string.
fn dot_string(lines: &[String]) -> String {
    let escaped: Vec<String> = lines
        .iter()
        .map(|line| line.replace('\\', "\\\\").replace('"', "\\\""))
        .collect();
    format!("\"{}\"", escaped.join("\\n"))
}

fn render_dot(topology: &Topology) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "digraph {} {{",
        dot_string(std::slice::from_ref(&topology.title))
    );
    out.push_str("  rankdir=LR;\n  compound=true;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n");
    for group in &topology.groups {
        let _ = writeln!(out, "  subgraph \"cluster_{}\" {{", group.id);
        let _ = writeln!(
            out,
            "    label={};",
            dot_string(std::slice::from_ref(&group.label))
        );
        for node in &group.nodes {
            let shape = match node.shape {
                Shape::Box => "box",
                Shape::Cylinder => "cylinder",
            };
            let _ = writeln!(
                out,
                "    \"{}\" [label={}, shape={shape}];",
                node.id,
                dot_string(&node.lines)
            );
        }
        out.push_str("  }\n");
    }
    for edge in &topology.edges {
        let style = match edge.style {
            EdgeStyle::Traffic => "solid",
            EdgeStyle::Replication => "dashed",
        };
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [label={}, style={style}];",
            edge.from,
            edge.to,
            dot_string(std::slice::from_ref(&edge.label))
        );
    }
    out.push_str("}\n");
    out
}
