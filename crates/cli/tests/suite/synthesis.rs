//! Synthesis of the bundled stacks, end to end: the output locked by snapshots
//! (`cfn@<stack>.snap`, `tf@<stack>.snap`), parity between the CloudFormation and Terraform
//! outputs, and determinism (repeated runs, reordered keys, line endings, BOM, working directory
//! and environment).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use meridian::Target;
use meridian::pipeline::{check, emit};
use meridian_plan::OutputFile;
use serde_json::Value;

use crate::common::{
    Scratch, at, decided_value_differences, repository, resources_of, scalar, snapshot_settings,
    without_interpolations,
};
use meridian_testkit::bundled_stack_paths;

/// Every file of every environment of a stack (paths under `<environment>/` for a file with
/// environments, as `meridian synth` writes them).
fn synthesize_bytes(name: &str, bytes: &[u8], target: Target) -> Vec<OutputFile> {
    let environments = match meridian::pipeline::check_environments(name, bytes, None) {
        Ok(checked) => checked,
        Err(rejected) => panic!("{}", rejected.report(name)),
    };
    let mut files = Vec::new();
    for checked in environments {
        let emitted =
            emit(&checked.plan, target, &BTreeMap::new()).expect("built-in templates render");
        files.extend(emitted.into_iter().map(|mut file| {
            if let Some(environment) = &checked.loaded.stack.environment {
                file.path = format!("{environment}/{}", file.path);
            }
            file
        }));
    }
    files
}

fn synthesize(path: &Path, target: Target) -> Vec<OutputFile> {
    let bytes = std::fs::read(path).expect("readable stack");
    synthesize_bytes(&path.display().to_string(), &bytes, target)
}

/// Every file under a path header, exactly as it ships.
fn concatenate(files: &[OutputFile]) -> String {
    let mut text = String::new();
    for file in files {
        text.push_str("=== ");
        text.push_str(&file.path);
        text.push_str(" ===\n");
        text.push_str(&file.contents);
    }
    text
}

#[test]
fn synthesized_output_is_locked_by_snapshots() {
    snapshot_settings().bind(|| {
        insta::glob!("../../../../stacks", "*.yaml", |path| {
            insta::assert_snapshot!(
                "cfn",
                concatenate(&synthesize(path, Target::Cloudformation))
            );
            insta::assert_snapshot!("tf", concatenate(&synthesize(path, Target::Terraform)));
        });
    });
}

#[test]
fn cloudformation_and_terraform_describe_the_same_components() {
    let rows = meridian_tf::parity::CORRESPONDENCES;
    let row_of = |cfn_type: &str| {
        rows.iter()
            .find(|row| row.cloudformation.contains(&cfn_type))
            .unwrap_or_else(|| panic!("no parity row for {cfn_type}"))
    };
    // CloudFormation resources with no Terraform resource of their own (the table's notes say why).
    let cloudformation_only = [
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::SecretsManager::SecretTargetAttachment",
    ];
    for path in bundled_stack_paths() {
        let bytes = std::fs::read(&path).expect("readable");
        let checked = check(&path.display().to_string(), &bytes).expect("valid stack");
        let plan = &checked.plan;
        // CloudFormation: the Terraform name each resource's plan identity gives, with its type;
        // Terraform: resource types by name.
        let (resources, terraform_resources) = resources_of(plan);
        let scheduled_actions: usize = resources
            .values()
            .filter(|(cfn_type, _)| cfn_type == "AWS::ApplicationAutoScaling::ScalableTarget")
            .map(|(_, resource)| {
                resource["Properties"]["ScheduledActions"]
                    .as_array()
                    .map_or(0, Vec::len)
            })
            .sum();
        let cloudformation: BTreeMap<String, String> = resources
            .into_iter()
            .map(|(name, (cfn_type, _))| (name, cfn_type))
            .collect();
        let mut terraform: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (tf_type, name) in terraform_resources.into_keys() {
            terraform.entry(name).or_default().insert(tf_type);
        }
        let stack = path.display();
        for (name, cfn_type) in &cloudformation {
            if cloudformation_only.contains(&cfn_type.as_str()) {
                continue;
            }
            let row = row_of(cfn_type);
            let found = terraform
                .get(name)
                .is_some_and(|types| types.iter().any(|t| row.terraform.contains(&t.as_str())));
            assert!(
                found,
                "{stack}: {cfn_type} `{name}` has no Terraform twin among {:?}",
                row.terraform
            );
        }
        let mut terraform_scheduled = 0usize;
        for (name, types) in &terraform {
            if types.contains("aws_appautoscaling_scheduled_action") {
                terraform_scheduled += 1;
                continue;
            }
            // A CDN alias's records are one CloudFormation resource; the plan names each
            // Terraform record.
            // An EventBridge rule's targets are in the rule in CloudFormation; the plan names each
            // Terraform target.
            let base = cdn_record_twin(plan, name)
                .or_else(|| event_target_twin(plan, name))
                .unwrap_or(name);
            let cfn_type = cloudformation.get(base).unwrap_or_else(|| {
                panic!("{stack}: Terraform `{name}` ({types:?}) has no CloudFormation twin")
            });
            let row = row_of(cfn_type);
            for tf_type in types {
                assert!(
                    row.terraform.contains(&tf_type.as_str()),
                    "{stack}: `{name}` is {tf_type} in Terraform but {cfn_type} in CloudFormation"
                );
            }
        }
        assert_eq!(
            terraform_scheduled, scheduled_actions,
            "{stack}: scheduled actions differ between CloudFormation (inline) and Terraform"
        );
    }
}

/// The Terraform name of the record set group a Terraform record `name` belongs to, when it is
/// one of a CDN alias's records.
fn cdn_record_twin<'p>(plan: &'p meridian_plan::Plan, name: &str) -> Option<&'p str> {
    let cdn = plan.global.as_ref()?.cdn.as_ref()?;
    cdn.records
        .iter()
        .find(|record| record.records.iter().any(|(_, tf)| tf == name))
        .map(|record| record.rid.tf.as_str())
}

/// Each value the plan decides reads the same in the CloudFormation resource and its Terraform
/// twin, in every bundled stack and in a variant of the seed's with a cache without cluster mode
/// (`meridian_tf::parity::DECIDED_VALUES` says where each sits): a default, name or switch that
/// drifts on one side fails here, not only in a snapshot. The generated stacks are checked the
/// same way.
#[test]
fn cloudformation_and_terraform_write_the_same_decided_values() {
    let rows = meridian_tf::parity::DECIDED_VALUES;
    let mut compared = vec![0usize; rows.len()];
    let mut problems = Vec::new();
    let seed = std::fs::read_to_string(repository().join("stacks/rail-backend.yaml"))
        .expect("the seed stack");
    let sentinel = seed
        .replace("\n  mode: cluster\n", "\n  mode: sentinel\n")
        .replace("  shards: 3 # the seed's REDIS_NODE_1..3\n", "");
    assert_ne!(sentinel, seed, "the sentinel variant differs from the seed");
    let mut stacks: Vec<(String, Vec<u8>)> = bundled_stack_paths()
        .into_iter()
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("readable"))
        })
        .collect();
    stacks.push((
        "rail-backend.yaml with a sentinel cache".to_owned(),
        sentinel.into_bytes(),
    ));
    for (name, bytes) in stacks {
        let checked = match check(&name, &bytes) {
            Ok(checked) => checked,
            Err(rejected) => panic!("{}", rejected.report(&name)),
        };
        let found = decided_value_differences(&checked.plan, &mut compared);
        problems.extend(
            found
                .into_iter()
                .map(|problem| format!("{name}: {problem}")),
        );
    }
    assert!(
        problems.is_empty(),
        "decided values differ:\n{}",
        problems.join("\n")
    );
    let never: Vec<&str> = rows
        .iter()
        .zip(&compared)
        .filter(|(_, count)| **count == 0)
        .map(|(row, _)| row.decision)
        .collect();
    assert!(
        never.is_empty(),
        "rows of DECIDED_VALUES that no stack exercises (a wrong path?): {never:?}"
    );
}

#[test]
fn the_decided_value_paths_read_what_they_say() {
    let resource = serde_json::json!({
        "Properties": {
            "LoadBalancerAttributes": [
                {"Key": "idle_timeout.timeout_seconds", "Value": "60"},
                {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}
            ],
            "Doc": "{\"Statement\":[{\"Sid\":\"A\"}]}"
        }
    });
    assert_eq!(
        at(
            &resource,
            "Properties.LoadBalancerAttributes.[Key=routing.http.drop_invalid_header_fields.enabled].Value"
        ),
        Some(Value::from("true"))
    );
    assert_eq!(
        at(&resource, "Properties.Doc.@json.Statement.0.Sid"),
        Some(Value::from("A"))
    );
    assert_eq!(
        at(&resource, "Properties.LoadBalancerAttributes.2.Value"),
        None
    );
    assert_eq!(scalar(&Value::from(60)), Some("60".to_owned()));
    assert_eq!(
        without_interpolations(r#"[{"a":"x:${regex("[^:]+$", b.c)}","d":"${e}"}]"#),
        r#"[{"a":"x:<ref>","d":"<ref>"}]"#
    );
    assert_eq!(scalar(&serde_json::json!({"Ref": "X"})), None);
}

#[test]
fn two_runs_give_identical_bytes() {
    for path in bundled_stack_paths() {
        assert_eq!(
            synthesize(&path, Target::All),
            synthesize(&path, Target::All),
            "{}",
            path.display()
        );
    }
}

/// Writes a JSON value as JSON text (which is YAML) with every mapping's keys reversed.
fn reversed_json(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            out.push('{');
            for (index, (key, item)) in map.iter().rev().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                reversed_json(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                reversed_json(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[test]
fn reordering_keys_line_endings_and_bom_change_nothing() {
    for path in bundled_stack_paths() {
        let name = path.display().to_string();
        let original = std::fs::read_to_string(&path).expect("readable");
        let expected = synthesize_bytes(&name, original.as_bytes(), Target::All);
        // The same document with mapping keys sorted (JSON via serde_json's ordered map) and
        // reversed (sequences keep their order: regions deploy in the declared order).
        let document: Value =
            serde_saphyr::from_str(&original).expect("the stack parses as a JSON value");
        let sorted = serde_json::to_string_pretty(&document).expect("JSON");
        let mut reversed = String::new();
        reversed_json(&document, &mut reversed);
        for (variant, text) in [
            ("keys sorted", sorted),
            ("keys reversed", reversed),
            ("CRLF line endings", original.replace('\n', "\r\n")),
            ("UTF-8 BOM", format!("\u{feff}{original}")),
        ] {
            let actual = synthesize_bytes(&name, text.as_bytes(), Target::All);
            assert!(actual == expected, "{name}: {variant} changed the output");
        }
    }
}

/// Every file under `root`, relative path → bytes.
fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).expect("directory") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .expect("inside root")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.insert(relative, std::fs::read(&path).expect("file"));
            }
        }
    }
    files
}

#[test]
fn output_does_not_depend_on_working_directory_environment_or_time() {
    let binary = env!("CARGO_BIN_EXE_meridian");
    let scratch = Scratch::new("determinism");
    let stack = repository().join("stacks/rail-backend.yaml");
    let runs = [
        (repository(), vec![("TZ", "UTC"), ("LANG", "C")]),
        (
            scratch.path().to_path_buf(),
            vec![
                ("TZ", "Asia/Tokyo"),
                ("LANG", "de_DE.UTF-8"),
                ("AWS_REGION", "eu-west-1"),
                ("IMAGE_TAG", "from-the-environment"),
            ],
        ),
    ];
    let mut trees = Vec::new();
    for (index, (directory, environment)) in runs.iter().enumerate() {
        let out = scratch.path().join(format!("out-{index}"));
        let status = std::process::Command::new(binary)
            .current_dir(directory)
            .envs(environment.iter().copied())
            .arg("synth")
            .arg(&stack)
            .arg("--out")
            .arg(&out)
            .status()
            .expect("meridian runs");
        assert!(
            status.success(),
            "meridian synth failed in {}",
            directory.display()
        );
        trees.push(read_tree(&out));
        // A second later, so that a timestamp in the output would show.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert_eq!(
        trees[0], trees[1],
        "the output depends on the directory, the environment or the time"
    );
    let in_memory: BTreeMap<String, Vec<u8>> = synthesize(&stack, Target::All)
        .into_iter()
        .map(|file| (file.path, file.contents.into_bytes()))
        .collect();
    // Besides the synthesized files, the directory holds the index of Meridian's files: exactly
    // their paths.
    let index = trees[0]
        .remove(".meridian-files")
        .expect("the index of Meridian's files");
    let listed: Vec<&str> = std::str::from_utf8(&index)
        .expect("utf-8 index")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    assert_eq!(
        listed,
        in_memory.keys().map(String::as_str).collect::<Vec<_>>()
    );
    assert_eq!(
        trees[0], in_memory,
        "the written files differ from the synthesized ones"
    );
    for (path, contents) in &trees[0] {
        let text = String::from_utf8_lossy(contents);
        assert!(
            !text.contains(&*repository().to_string_lossy()),
            "{path} contains an absolute path"
        );
        assert!(
            !text.contains("from-the-environment"),
            "{path} read a parameter from the environment"
        );
    }
}

/// A stack large enough that `synth` writes Terraform's main file in parts and CloudFormation's
/// templates from both threads as they are lowered: the directory holds exactly the files
/// emitted in memory, Terraform's main file is the one rendered whole, and neither a second run
/// into the same directory nor a run that writes in place (`--out .` from inside it, where the
/// directory cannot be exchanged and the parts are put together in memory) changes anything.
/// (Linux: elsewhere every directory is written in place.)
#[cfg(target_os = "linux")]
#[test]
fn a_streamed_synthesis_writes_what_is_emitted_in_memory() {
    use meridian_testkit::scale::{Scale, scaled_stack};
    let binary = env!("CARGO_BIN_EXE_meridian");
    let scratch = Scratch::new("streamed");
    let text = scaled_stack(Scale::new(4, 40));
    let stack = scratch.path().join("scaled.yaml");
    std::fs::write(&stack, &text).expect("stack written");
    let checked = check("scaled.yaml", text.as_bytes()).expect("the generated stack plans");
    let in_memory: BTreeMap<String, Vec<u8>> = emit(&checked.plan, Target::All, &BTreeMap::new())
        .expect("emits")
        .into_iter()
        .map(|file| (file.path, file.contents.into_bytes()))
        .collect();
    let whole = meridian_tf::synthesize(&checked.plan);
    let out = scratch.path().join("out");
    let mut trees = Vec::new();
    for in_place in [false, false, true] {
        let mut command = std::process::Command::new(binary);
        command.arg("synth").arg(&stack).arg("--out");
        if in_place {
            command.current_dir(&out).arg(".");
        } else {
            command.arg(&out);
        }
        let before = inode(&out);
        let output = command.output().expect("meridian runs");
        assert!(output.status.success(), "meridian synth failed");
        // An exchange puts another directory at the path; a write in place keeps it, and says so.
        if before.is_some() {
            assert_eq!(inode(&out) == before, in_place, "in place: {in_place}");
        }
        let said = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            said.contains("(in place: the current directory is inside the output directory)"),
            in_place,
            "{said}"
        );
        let mut tree = read_tree(&out);
        tree.remove(".meridian-files").expect("the index");
        trees.push(tree);
    }
    assert_eq!(trees[0], trees[1], "a second run changed the directory");
    assert_eq!(trees[0], trees[2], "a run in place changed the directory");
    assert!(
        trees[0] == in_memory,
        "the written files differ from the emitted ones"
    );
    for file in &whole {
        assert!(
            trees[0].get(&file.path).map(Vec::as_slice) == Some(file.contents.as_bytes()),
            "{} differs from the file rendered whole",
            file.path
        );
    }
    let main = &trees[0]["terraform/main.tf.json"];
    assert!(
        main.len() > 4 * meridian_tf::l1::PART_BYTES,
        "main.tf.json ({} bytes) is too small to come in parts",
        main.len()
    );
}

/// The inode of `path`, when it exists.
#[cfg(target_os = "linux")]
fn inode(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|metadata| metadata.ino())
}

/// The Terraform name of the EventBridge rule whose target is named `name`.
fn event_target_twin<'p>(plan: &'p meridian_plan::Plan, name: &str) -> Option<&'p str> {
    plan.regions
        .iter()
        .filter_map(|region| region.app.as_ref()?.failover.as_ref())
        .flat_map(|failover| failover.rules.iter())
        .chain(
            plan.global
                .iter()
                .flat_map(|global| global.failover_rules.iter()),
        )
        .find(|rule| rule.targets.iter().any(|target| target.rid.tf == name))
        .map(|rule| rule.rid.tf.as_str())
}

/// CloudWatch reads at most 10 metrics per alarm: with more target groups than that in a region,
/// `failed_health_checks` becomes alarms over at most 10 target groups each, notifying nobody, and
/// a composite alarm that notifies when any of them is in alarm and is created after them, in
/// both targets. 12 services (24 target groups with blue/green alternates are not needed: 12
/// plain ones exceed 10).
#[test]
fn health_check_alerts_over_many_target_groups_split_into_a_composite_alarm() {
    use meridian_testkit::scale::{Scale, scaled_stack};
    const LIMIT: usize = 10;
    let text = scaled_stack(Scale::new(2, 12));
    let files = synthesize_bytes("scale-2x12.yaml", text.as_bytes(), Target::All);
    let mut composites = 0;
    for file in files
        .iter()
        .filter(|f| f.path.starts_with("cloudformation/") && f.path.ends_with(".json"))
    {
        let template: Value = serde_json::from_str(&file.contents).expect("JSON");
        let Some(resources) = template["Resources"].as_object() else {
            continue;
        };
        for (id, resource) in resources {
            match resource["Type"].as_str() {
                Some("AWS::CloudWatch::Alarm") => {
                    let metrics =
                        resource["Properties"]["Metrics"]
                            .as_array()
                            .map_or(0, |queries| {
                                queries
                                    .iter()
                                    .filter(|q| q.get("MetricStat").is_some())
                                    .count()
                            });
                    assert!(
                        metrics <= LIMIT,
                        "{}: {id} reads {metrics} metrics",
                        file.path
                    );
                }
                Some("AWS::CloudWatch::CompositeAlarm") => {
                    composites += 1;
                    let rule = resource["Properties"]["AlarmRule"]
                        .as_str()
                        .expect("a literal rule");
                    let parts = resource["DependsOn"]
                        .as_array()
                        .expect("DependsOn the parts");
                    assert_eq!(parts.len(), 2, "{id}: 12 target groups make two parts");
                    for part in parts {
                        let part = &resources[part.as_str().expect("an ID")];
                        assert_eq!(part["Type"], "AWS::CloudWatch::Alarm");
                        assert!(
                            part["Properties"].get("AlarmActions").is_none(),
                            "a part notifies nobody"
                        );
                        let name = part["Properties"]["AlarmName"].as_str().expect("a name");
                        assert!(
                            rule.contains(&format!("ALARM(\"{name}\")")),
                            "{rule} misses {name}"
                        );
                    }
                    assert!(rule.contains(" OR "), "{rule}");
                    assert!(
                        resource["Properties"]["AlarmActions"]
                            .as_array()
                            .is_some_and(|a| !a.is_empty())
                    );
                }
                _ => {}
            }
        }
    }
    assert_eq!(composites, 2, "one composite alarm per region");
    let module: Vec<Value> = files
        .iter()
        .filter(|f| f.path.starts_with("terraform/") && f.path.ends_with(".tf.json"))
        .map(|f| serde_json::from_str(&f.contents).expect("JSON"))
        .collect();
    let mut tf_composites = 0;
    for part in &module {
        if let Some(alarms) = part["resource"]["aws_cloudwatch_metric_alarm"].as_object() {
            for (name, alarm) in alarms {
                let metrics = alarm["metric_query"].as_array().map_or(0, |queries| {
                    queries.iter().filter(|q| q.get("metric").is_some()).count()
                });
                assert!(metrics <= LIMIT, "{name} reads {metrics} metrics");
            }
        }
        if let Some(composite) = part["resource"]["aws_cloudwatch_composite_alarm"].as_object() {
            for (name, alarm) in composite {
                tf_composites += 1;
                let waits = alarm["depends_on"]
                    .as_array()
                    .expect("depends_on the parts");
                assert_eq!(waits.len(), 2, "{name}");
                assert!(
                    alarm["alarm_rule"]
                        .as_str()
                        .is_some_and(|rule| rule.contains(" OR "))
                );
            }
        }
    }
    assert_eq!(
        tf_composites, 2,
        "one composite alarm per region in Terraform"
    );
}
