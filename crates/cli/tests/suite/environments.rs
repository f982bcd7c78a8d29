//! The bundled stack with environments (`stacks/rail-backend-environments.yaml`): every taggable
//! resource of every environment's output carries the stack's and the environment's tags in both
//! targets, and the environments share no physical name, so they can share an account.

use crate::common;

use std::collections::BTreeMap;

use meridian::Target;
use meridian::pipeline::{Checked, check_environments, emit};
use meridian_cfn::diff::{Synthesis, tag_property};
use serde_json::Value;

use crate::common::repository;

const STACK: &str = "stacks/rail-backend-environments.yaml";

fn environments() -> Vec<Checked> {
    let bytes = std::fs::read(repository().join(STACK)).expect("the bundled stack");
    check_environments(STACK, &bytes, None)
        .unwrap_or_else(|rejected| panic!("{}", rejected.report(STACK)))
}

/// Every file of an environment, by path.
fn files(checked: &Checked) -> BTreeMap<String, String> {
    emit(&checked.plan, Target::All, &BTreeMap::new())
        .expect("the environment emits")
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect()
}

fn name(checked: &Checked) -> &str {
    checked
        .loaded
        .stack
        .environment
        .as_deref()
        .expect("an environment")
}

/// The tags every taggable resource of `checked` must carry: the base's, the overlay's, and
/// Meridian's (`meridian:stack`, `Environment`, `ManagedBy`).
fn expected_tags(checked: &Checked) -> BTreeMap<String, String> {
    let stack = &checked.loaded.stack;
    let mut tags = stack.tags.clone();
    tags.insert(
        "meridian:stack".to_owned(),
        format!("{}-{}", stack.stack, name(checked)),
    );
    tags.insert("Environment".to_owned(), name(checked).to_owned());
    tags.insert("ManagedBy".to_owned(), "meridian".to_owned());
    tags
}

/// A resource's tags as a map, from either shape a registry schema gives them.
fn tags_of(value: &Value, is_map: bool) -> BTreeMap<String, String> {
    if is_map {
        return value
            .as_object()
            .into_iter()
            .flatten()
            .map(|(key, value)| (key.clone(), value.as_str().unwrap_or_default().to_owned()))
            .collect();
    }
    value
        .as_array()
        .into_iter()
        .flatten()
        .map(|tag| {
            (
                tag["Key"].as_str().unwrap_or_default().to_owned(),
                tag["Value"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_environments_differ_as_declared() {
    let environments = environments();
    let names: Vec<&str> = environments.iter().map(name).collect();
    assert_eq!(names, ["production", "staging"]);
    let regions = |checked: &Checked| checked.plan.regions.len();
    // Production is the seed's four regions (three service regions and the backups bucket's);
    // staging keeps one.
    assert_eq!(regions(&environments[0]), 4);
    assert_eq!(regions(&environments[1]), 1);
    assert_eq!(environments[0].plan.stack, "rail-backend-production");
    assert_eq!(environments[1].plan.stack, "rail-backend-staging");
}

#[test]
fn every_taggable_cloudformation_resource_carries_the_stack_and_environment_tags() {
    for checked in environments() {
        let expected = expected_tags(&checked);
        let mut tagged = 0usize;
        for (path, contents) in files(&checked) {
            if !path.ends_with(".template.json") {
                continue;
            }
            let template: Value = serde_json::from_str(&contents).expect("JSON");
            for (id, resource) in template["Resources"].as_object().expect("resources") {
                let kind = resource["Type"].as_str().expect("a type");
                let Some(property) = tag_property(kind) else {
                    continue;
                };
                let tags = tags_of(&resource["Properties"][property.property], property.is_map);
                for (key, value) in &expected {
                    assert_eq!(
                        tags.get(key),
                        Some(value),
                        "{} {path}: {kind} {id} lacks the tag {key}={value}; it has {tags:?}",
                        name(&checked)
                    );
                }
                tagged += 1;
            }
        }
        assert!(
            tagged > 50,
            "{}: only {tagged} taggable resources",
            name(&checked)
        );
    }
}

#[test]
fn every_taggable_terraform_resource_carries_the_stack_and_environment_tags() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repository().join("schemas/terraform/tf-aws-schema.json"))
            .expect("the vendored provider schema"),
    )
    .expect("JSON");
    // The provider applies `default_tags` to every resource whose schema has `tags_all`.
    let covered = |kind: &str| {
        schema["resources"][kind]["attributes"]
            .get("tags_all")
            .is_some()
    };
    let takes_tags = |kind: &str| {
        schema["resources"][kind]["attributes"]
            .get("tags")
            .is_some()
    };
    for checked in environments() {
        let expected = expected_tags(&checked);
        let files = files(&checked);
        let mut providers = 0usize;
        let mut tagged = 0usize;
        for (path, contents) in &files {
            if !path.starts_with("terraform/") || !path.ends_with(".tf.json") {
                continue;
            }
            let module: Value = serde_json::from_str(contents).expect("JSON");
            // One provider is written as an object, several (aliases) as a list.
            let aws = &module["provider"]["aws"];
            let providers_here: Vec<&Value> = match aws.as_array() {
                Some(list) => list.iter().collect(),
                None if aws.is_object() => vec![aws],
                None => Vec::new(),
            };
            for provider in providers_here {
                let tags = tags_of(&provider["default_tags"]["tags"], true);
                for (key, value) in &expected {
                    assert_eq!(tags.get(key), Some(value), "{path}: a provider lacks {key}");
                }
                providers += 1;
            }
            for (kind, resources) in module["resource"].as_object().into_iter().flatten() {
                if !takes_tags(kind) {
                    continue;
                }
                assert!(
                    covered(kind),
                    "{kind} takes tags that default_tags does not fill"
                );
                for (resource, body) in resources.as_object().into_iter().flatten() {
                    // A resource's own tags win over the provider's: none may contradict them.
                    let own = tags_of(&body["tags"], true);
                    for (key, value) in &own {
                        if let Some(wanted) = expected.get(key) {
                            assert_eq!(value, wanted, "{kind}.{resource} overrides {key}");
                        }
                    }
                    tagged += 1;
                }
            }
        }
        assert!(providers >= 1, "{}: {providers} providers", name(&checked));
        assert!(
            tagged > 30,
            "{}: only {tagged} taggable resources",
            name(&checked)
        );
    }
}

/// The names the stack file sets without `{stack}` or `{env}`, as patterns in which `{region}`
/// and `{role}` stand for any region code or role (a blue/green target group's twin adds
/// `-green`, the global unit's topic `-global`).
fn literal_names(stack: &meridian_model::Stack) -> Vec<String> {
    let mut set: Vec<String> = stack
        .buckets
        .iter()
        .filter_map(|bucket| bucket.bucket_name.clone())
        .collect();
    if let Some(balancer) = &stack.load_balancer {
        set.extend(balancer.physical_name.clone());
        for group in &balancer.target_groups {
            if let Some(name) = &group.physical_name {
                set.push(name.clone());
                set.push(format!("{name}-green"));
            }
        }
    }
    for service in &stack.services {
        set.extend(service.physical_name.clone());
        set.extend(service.logs.as_ref().and_then(|logs| logs.group.clone()));
    }
    for target in &stack.notifications {
        if let Some(name) = &target.physical_name {
            set.push(name.clone());
            set.push(format!("{name}-global"));
        }
    }
    set.retain(|name| !name.contains("{stack}") && !name.contains("{env}"));
    set
}

/// Whether `name` is `pattern` with each `{region}` or `{role}` replaced by a word of lowercase
/// letters, digits and hyphens.
fn matches_name(pattern: &str, name: &str) -> bool {
    let Some(start) = pattern.find('{') else {
        return pattern == name;
    };
    let Some(end) = pattern[start..].find('}') else {
        return pattern == name;
    };
    let (before, after) = (&pattern[..start], &pattern[start + end + 1..]);
    let Some(rest) = name.strip_prefix(before) else {
        return false;
    };
    (1..=rest.len()).any(|taken| {
        rest[..taken]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && matches_name(after, &rest[taken..])
    })
}

#[test]
fn the_environments_share_no_physical_name_and_each_name_carries_its_environment() {
    let environments = environments();
    let syntheses: Vec<Synthesis> = environments
        .iter()
        .map(|checked| {
            let files = files(checked);
            Synthesis::from_files(files.iter().map(|(p, c)| (p.as_str(), c.as_str())))
                .expect("a synthesis")
        })
        .collect();
    for (checked, synthesis) in environments.iter().zip(&syntheses) {
        let names = synthesis.physical_names();
        let cloudformation = names
            .iter()
            .filter(|n| n.resource.starts_with("AWS::"))
            .count();
        let terraform = names.len() - cloudformation;
        assert!(
            cloudformation > 20 && terraform > 20,
            "{}: {cloudformation} CloudFormation and {terraform} Terraform names",
            name(checked)
        );
        // Names the file sets itself without `{stack}` or `{env}` (`bucket_name`, the seed's
        // names production keeps) are the file's; every other carries the environment.
        let set_in_file = literal_names(&checked.loaded.stack);
        for physical in &names {
            if set_in_file
                .iter()
                .any(|pattern| matches_name(pattern, &physical.name))
            {
                continue;
            }
            assert!(
                physical.name.contains(name(checked)),
                "{}: `{}` ({}) does not carry the environment",
                name(checked),
                physical.name,
                physical.resource
            );
        }
    }
    let shared = meridian_cfn::diff::shared_physical_names(&syntheses[0], &syntheses[1]);
    assert!(shared.is_empty(), "shared names: {shared:#?}");
}

#[test]
fn a_physical_name_set_in_the_base_is_refused_when_environments_share_it() {
    let text = std::fs::read_to_string(repository().join(STACK)).expect("the bundled stack");
    let shared = text.replace(
        "        bucket_name: rail-audit-logs-staging-us-east-1\n",
        "",
    );
    assert_ne!(shared, text);
    let rejected = check_environments(STACK, shared.as_bytes(), None)
        .expect_err("two environments with one bucket name are refused");
    let codes: Vec<&str> = rejected.diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(codes, ["E019"], "{}", rejected.report(STACK));
    assert!(
        rejected.diagnostics[0]
            .message
            .contains("rail-audit-logs-us-east-1")
    );
}

#[test]
fn a_finding_of_some_environments_names_them_and_one_of_every_environment_is_reported_once() {
    let file = "stack: demo\n\
                regions:\n  - code: us-east-1\n    role: primary\n\
                tags: {\"aws:owner\": \"me\"}\n\
                environments:\n\
                \x20 prod: {}\n\
                \x20 dev:\n    regions:\n      - code: us-east-1\n        remove: true\n";
    let rejected =
        check_environments("demo.yaml", file.as_bytes(), None).expect_err("dev declares no region");
    let report = rejected.report("demo.yaml");
    let messages: Vec<(&str, &str)> = rejected
        .diagnostics
        .iter()
        .map(|d| (d.code.id(), d.message.as_str()))
        .collect();
    // E102 comes from dev's overlay only; the `aws:` tag key is the base's, in both.
    let region = messages
        .iter()
        .filter(|(code, _)| *code == "E102")
        .collect::<Vec<_>>();
    assert_eq!(region.len(), 1, "{report}");
    assert!(region[0].1.starts_with("environment `dev`: "), "{report}");
    let base: Vec<_> = messages
        .iter()
        .filter(|(code, _)| *code != "E102")
        .collect();
    assert!(!base.is_empty(), "{report}");
    for (code, message) in base {
        assert!(
            !message.starts_with("environment"),
            "{code} is the base's, found in every environment, and names none: {report}"
        );
    }
}

#[test]
fn an_environment_the_file_does_not_declare_is_refused_with_a_suggestion() {
    let output = common::meridian(&["validate", STACK, "--env", "stagin"]);
    assert_eq!(output.status.code(), Some(1));
    let report = common::stderr(&output);
    assert!(report.contains("error[E018]"), "{report}");
    assert!(report.contains("did you mean `staging`?"), "{report}");
    assert!(report.contains(&format!("{STACK}:")), "{report}");
    let output = common::meridian(&["plan", "stacks/minimal.yaml", "--env", "staging"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(common::stderr(&output).contains("declares no `environments`"));
}

#[test]
fn plan_shows_what_the_overlay_set_and_where() {
    let output = common::meridian(&["plan", STACK, "--env", "staging"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let text = common::stdout(&output);
    assert!(text.starts_with("Environment staging\n"), "{text}");
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with("services[0].cpu = 512"))
        .unwrap_or_else(|| panic!("no line for the service's cpu:\n{text}"));
    assert!(line.contains(&format!("overlay {STACK}:")), "{line}");
    assert!(line.contains(&format!("base 1024 at {STACK}:")), "{line}");
    assert!(
        !text.contains("Environment production"),
        "--env keeps one environment"
    );
}

#[test]
fn synth_writes_each_environment_into_its_own_directory() {
    let scratch = std::env::temp_dir().join(format!("meridian-env-{}", std::process::id()));
    let out = scratch.to_string_lossy().into_owned();
    let output = common::meridian(&["synth", STACK, "--out", &out, "--target", "terraform"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    for environment in ["production", "staging"] {
        assert!(
            scratch
                .join(environment)
                .join("terraform/main.tf.json")
                .is_file(),
            "{environment} was not written"
        );
    }
    let check = common::meridian(&[
        "synth",
        STACK,
        "--out",
        &out,
        "--target",
        "terraform",
        "--env",
        "staging",
        "--check",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", common::stderr(&check));
    let _ = std::fs::remove_dir_all(&scratch);
}
