//! Environments: how an overlay merges into the base (maps by key, named lists by name, removal,
//! `null`), that values keep their YAML types through the merge, and that every position of an
//! environment's stack points at the base or overlay line that supplied it.

use meridian_model::environments::{ENTITY_KEYS, WHOLESALE_LISTS};
use meridian_model::{LoadedStack, Position, StackPath, load_environments, resolve_schema_at};

const FILE: &str = "\
stack: demo
tags:
  team: platform
regions:
  - code: us-east-1
    role: primary
    network:
      vpc_cidr: 10.0.0.0/16
      az_count: 3
  - code: eu-west-1
    role: secondary
services:
  - name: api
    image: \"nginx:1\"
    cpu: 1024
    memory: 2048
    port: 8080
    desired_count: { primary: 6, secondary: 2 }
  - name: worker
    image: nginx
    cpu: 256
    memory: 512
    port: 9000
    desired_count: { primary: 1 }
environments:
  production: {}
  staging:
    tags:
      tier: staging
    regions:
      - code: us-east-1
        network:
          az_count: 2
      - code: eu-west-1
        remove: true
    services:
      - name: api
        cpu: 512
        desired_count: { secondary: null }
      - name: batch
        image: |
          nginx:2
        cpu: 256
        memory: 512
        port: 9100
        desired_count: { primary: 1 }
";

fn environments(text: &str) -> Vec<LoadedStack> {
    load_environments("demo.yaml", text.as_bytes())
        .unwrap_or_else(|failure| panic!("{:#?}", failure.diagnostics))
}

fn environment<'a>(all: &'a [LoadedStack], name: &str) -> &'a LoadedStack {
    all.iter()
        .find(|loaded| loaded.stack.environment.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no environment {name}"))
}

fn at(line: usize, column: usize) -> Option<Position> {
    Some(Position { line, column })
}

#[test]
fn every_environment_is_loaded_in_declared_order_with_its_name() {
    let all = environments(FILE);
    let names: Vec<_> = all
        .iter()
        .map(|loaded| loaded.stack.environment.clone())
        .collect();
    assert_eq!(
        names,
        [Some("production".to_owned()), Some("staging".to_owned())]
    );
    // The file's stack name stays; the plan suffixes it with the environment.
    assert!(all.iter().all(|loaded| loaded.stack.stack == "demo"));
}

#[test]
fn an_empty_overlay_gives_the_base() {
    let all = environments(FILE);
    let production = environment(&all, "production");
    assert_eq!(production.stack.regions.len(), 2);
    assert_eq!(production.stack.services.len(), 2);
    assert_eq!(production.stack.services[0].cpu, 1024);
    assert!(production.changes.is_empty());
}

#[test]
fn maps_merge_by_key_and_named_lists_by_name() {
    let all = environments(FILE);
    let staging = &environment(&all, "staging").stack;
    // Tags: the base's and the overlay's.
    assert_eq!(
        staging.tags.get("team").map(String::as_str),
        Some("platform")
    );
    assert_eq!(
        staging.tags.get("tier").map(String::as_str),
        Some("staging")
    );
    // Regions by code: us-east-1 changed key by key, eu-west-1 removed.
    assert_eq!(staging.regions.len(), 1);
    let network = staging.regions[0].network.as_ref().expect("a network");
    assert_eq!(network.az_count, Some(2));
    assert_eq!(network.vpc_cidr.as_deref(), Some("10.0.0.0/16"));
    // Services by name: api changed, worker kept in place, batch added last.
    let names: Vec<&str> = staging.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["api", "worker", "batch"]);
    assert_eq!(staging.services[0].cpu, 512);
    assert_eq!(staging.services[0].memory, 2048);
    // `null` removed a key of a mapping.
    assert_eq!(staging.services[0].desired_count.primary, 6);
    assert_eq!(staging.services[0].desired_count.secondary, None);
    // A block scalar and a quoted string keep their values; numbers stay numbers.
    assert_eq!(staging.services[2].image, "nginx:2\n");
    assert_eq!(staging.services[0].image, "nginx:1");
    assert_eq!(staging.services[2].port, Some(9100));
}

#[test]
fn further_load_balancers_and_dns_hosts_merge_by_name() {
    let file = "\
stack: demo
regions:
  - code: us-east-1
    role: primary
load_balancers:
  - name: internal
    scheme: internal
    listeners:
      - { port: 443, protocol: HTTPS, certificates: [arn] }
    target_groups:
      - { name: admin, service: admin, port: 9090, health_check: { path: /h } }
  - name: partners
    scheme: internet-facing
    listeners:
      - { port: 443, protocol: HTTPS, certificates: [arn] }
    target_groups:
      - { name: partner, service: partner, port: 9091, health_check: { path: /h } }
dns:
  domain: api.example.com
  hosted_zone_id: Z0123456789ABCDEFGHIJ
  health_check: { path: /health }
  hosts:
    - name: partners.example.com
      load_balancer: partners
    - name: v2.example.com
environments:
  staging:
    load_balancers:
      - name: internal
        idle_timeout_seconds: 120
        target_groups:
          - name: admin
            port: 9191
      - name: partners
        remove: true
    dns:
      hosts:
        - name: partners.example.com
          remove: true
        - name: v2.example.com
          health_check_path: /v2/health
";
    let all = environments(file);
    let staging = &environment(&all, "staging").stack;
    // `internal` changed key by key (its target group matched by name), `partners` removed.
    assert_eq!(staging.load_balancers.len(), 1);
    let internal = &staging.load_balancers[0];
    assert_eq!(internal.name, "internal");
    let internal = &internal.settings;
    assert_eq!(internal.idle_timeout_seconds, Some(120));
    assert_eq!(
        internal.scheme,
        meridian_model::LoadBalancerScheme::Internal
    );
    assert_eq!(internal.target_groups.len(), 1);
    assert_eq!(internal.target_groups[0].port, 9191);
    assert_eq!(internal.target_groups[0].service, "admin");
    // Hosts by name: one removed, the other changed.
    let hosts = &staging.dns.as_ref().expect("dns").hosts;
    assert_eq!(hosts.len(), 1);
    assert_eq!(hosts[0].name, "v2.example.com");
    assert_eq!(hosts[0].health_check_path.as_deref(), Some("/v2/health"));
}

#[test]
fn positions_point_at_the_line_that_supplied_the_value() {
    let all = environments(FILE);
    let staging = environment(&all, "staging");
    let map = &staging.map;
    // From the overlay.
    assert_eq!(
        map.value_position(&StackPath::parse("services[0].cpu")),
        at(38, 14)
    );
    assert_eq!(
        map.value_position(&StackPath::parse("regions[0].network.az_count")),
        at(33, 21)
    );
    assert_eq!(
        map.value_position(&StackPath::parse("tags.tier")),
        at(29, 13)
    );
    assert_eq!(
        map.value_position(&StackPath::parse("services[2].port")),
        at(45, 15)
    );
    // From the base.
    assert_eq!(
        map.value_position(&StackPath::parse("services[0].memory")),
        at(16, 13)
    );
    assert_eq!(
        map.value_position(&StackPath::parse("services[1].port")),
        at(23, 11)
    );
    assert_eq!(
        map.value_position(&StackPath::parse("regions[0].network.vpc_cidr")),
        at(8, 17)
    );
    // The production environment, with an empty overlay, points at the base only.
    let production = environment(&all, "production");
    assert_eq!(
        production
            .map
            .value_position(&StackPath::parse("services[0].cpu")),
        at(15, 10)
    );
}

#[test]
fn the_changes_say_what_the_overlay_set_and_what_the_base_had() {
    let all = environments(FILE);
    let staging = environment(&all, "staging");
    let change = |path: &str| {
        staging
            .changes
            .iter()
            .find(|change| change.path.to_string() == path)
            .unwrap_or_else(|| panic!("no change at {path}: {:#?}", staging.changes))
    };
    let cpu = change("services[0].cpu");
    assert_eq!(cpu.value, "512");
    assert_eq!(cpu.overlay.line, 38);
    assert_eq!(
        cpu.base
            .as_ref()
            .map(|(value, at)| (value.as_str(), at.line)),
        Some(("1024", 15))
    );
    let added = change("services[2]");
    assert_eq!(added.base, None);
    assert_eq!(added.overlay.line, 40);
    let removed = change("regions");
    assert_eq!(removed.value, "without `eu-west-1`");
    assert_eq!(removed.base.as_ref().map(|(_, at)| at.line), Some(10));
    // An entity's name written to match is no change.
    assert!(
        !staging
            .changes
            .iter()
            .any(|c| c.path.to_string() == "services[0].name")
    );
}

#[test]
fn a_file_without_environments_is_one_stack_without_a_name() {
    let text = FILE.split("environments:").next().expect("the base");
    let all = environments(text);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].stack.environment, None);
    assert!(all[0].changes.is_empty());
}

#[test]
fn mistakes_in_an_overlay_are_reported_at_the_overlay() {
    let text = FILE.replace("        cpu: 512\n", "        cpus: 512\n");
    let failure = load_environments("demo.yaml", text.as_bytes()).expect_err("refused");
    assert_eq!(failure.diagnostics.len(), 1, "{:#?}", failure.diagnostics);
    let error = &failure.diagnostics[0];
    assert_eq!(error.code, "E006");
    assert_eq!(error.position, at(38, 9));
    assert_eq!(
        error.path.to_string(),
        "environments.staging.services[0].cpus"
    );
}

#[test]
fn a_mistake_of_the_base_is_reported_once_for_all_environments() {
    let text = FILE.replace("    cpu: 1024\n", "    cpu: lots\n");
    let failure = load_environments("demo.yaml", text.as_bytes()).expect_err("refused");
    // The staging overlay replaces `cpu`, so only production sees the base's value.
    assert_eq!(failure.diagnostics.len(), 1, "{:#?}", failure.diagnostics);
    assert_eq!(failure.diagnostics[0].position, at(15, 10));
    let text = FILE.replace("    memory: 2048\n", "    memory: lots\n");
    let failure = load_environments("demo.yaml", text.as_bytes()).expect_err("refused");
    assert_eq!(failure.diagnostics.len(), 1, "{:#?}", failure.diagnostics);
    assert_eq!(
        failure.diagnostics[0].path.to_string(),
        "services[0].memory"
    );
}

/// Every list of mappings in the stack schema is merged by a key its items require, or is
/// replaced wholesale on purpose: a new list must be decided here.
#[test]
fn every_list_of_mappings_has_a_merge_rule() {
    let schema = meridian_model::json_schema();
    let mut lists = Vec::new();
    collect_lists(&schema, &schema, "", &mut lists, 0);
    assert!(lists.len() >= 10, "{lists:?}");
    for (list, required) in &lists {
        if WHOLESALE_LISTS.contains(&list.as_str()) {
            continue;
        }
        let Some((_, key)) = ENTITY_KEYS.iter().find(|(path, _)| path == list) else {
            panic!("the list `{list}` has no merge rule: add it to ENTITY_KEYS or WHOLESALE_LISTS");
        };
        assert!(
            required.iter().any(|field| field == key),
            "the items of `{list}` do not require `{key}`, their merge key"
        );
    }
    for (path, _) in ENTITY_KEYS {
        assert!(
            lists.iter().any(|(list, _)| list == path),
            "ENTITY_KEYS names `{path}`, which is no list of mappings"
        );
    }
}

fn collect_lists(
    root: &serde_json::Value,
    node: &serde_json::Value,
    path: &str,
    out: &mut Vec<(String, Vec<String>)>,
    depth: usize,
) {
    let Some(node) = resolve_schema_at(root, node) else {
        return;
    };
    if depth > 12 {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    if let Some(properties) = node.get("properties").and_then(|p| p.as_object()) {
        for (key, child) in properties {
            if key == "environments" {
                continue;
            }
            collect_lists(root, child, &join(key), out, depth + 1);
        }
    }
    if let Some(items) = node.get("items")
        && let Some(item) = resolve_schema_at(root, items)
        && item.get("properties").is_some()
    {
        let required = item
            .get("required")
            .and_then(|r| r.as_array())
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if !out.iter().any(|(list, _)| list == path) {
            out.push((path.to_owned(), required));
            collect_lists(root, item, path, out, depth + 1);
        }
    }
}
