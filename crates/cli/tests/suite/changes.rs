//! The before/after stack pairs in `stacks/changes/`: every pair is valid, its `meridian diff` is
//! locked by a snapshot (`snapshots/diff@<name>.snap`, text then Markdown), and the facts each
//! pair exists to show are asserted (the replacement pair replaces the right resource, the
//! widened rule is security-sensitive, a rename replaces nothing and moves Terraform state, a
//! writer's class change interrupts and the targets apply it at different times, a rename
//! without `renamed_from` is hinted, a dashboard change names the widget properties...).
//! The command itself is run on an output directory and with broken inputs for its exit codes.

use crate::common;

use meridian::changes::{DIFF_JSON_FORMAT, render_json, render_markdown, render_text};
use meridian::pipeline::{check, diff_synthesis, emit};
use meridian::{EXIT_OK, EXIT_STACK_ERRORS, EXIT_USAGE, Target};
use meridian_cfn::diff::terraform::force_new_arguments;
use meridian_cfn::diff::{
    ReplacementCause, ResourceAction, ResourceChange, SecurityRule, StackStatus, SynthesisDiff,
    TerraformChange, create_only_properties, diff,
};
use meridian_plan::Plan;
use serde_json::Value as Json;

use crate::common::{Scratch, exit_code, repository, snapshot_settings, stderr, stdout};

/// The pair names (`rename-service` for `rename-service.before.yaml` and `.after.yaml`), sorted.
fn pair_names() -> Vec<String> {
    let directory = repository().join("stacks/changes");
    let mut names: Vec<String> = std::fs::read_dir(&directory)
        .expect("stacks/changes/")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter_map(|file| file.strip_suffix(".before.yaml").map(str::to_owned))
        .collect();
    names.sort();
    for name in &names {
        assert!(
            directory.join(format!("{name}.after.yaml")).exists(),
            "stacks/changes/{name}.before.yaml has no {name}.after.yaml"
        );
    }
    names
}

/// The display path of one side, as a user running from the repository root writes it.
fn side_path(name: &str, side: &str) -> String {
    format!("stacks/changes/{name}.{side}.yaml")
}

fn plan_of(relative: &str) -> Plan {
    let bytes = std::fs::read(repository().join(relative)).expect("readable");
    match check(relative, &bytes) {
        Ok(checked) => {
            assert!(
                checked.warnings.is_empty(),
                "{relative} has warnings: {:#?}",
                checked.warnings
            );
            checked.plan
        }
        Err(rejected) => panic!("{}", rejected.report(relative)),
    }
}

/// A pair's plans and the diff between them.
struct Pair {
    name: String,
    before: Plan,
    after: Plan,
    diff: SynthesisDiff,
}

fn pair(name: &str) -> Pair {
    let before = plan_of(&side_path(name, "before"));
    let after = plan_of(&side_path(name, "after"));
    let diff = diff(
        &diff_synthesis(&before).expect("synthesizes"),
        &diff_synthesis(&after).expect("synthesizes"),
    );
    Pair {
        name: name.to_owned(),
        before,
        after,
        diff,
    }
}

impl Pair {
    fn resources(&self) -> impl Iterator<Item = &ResourceChange> {
        self.diff
            .stacks
            .iter()
            .flat_map(|stack| stack.resources.iter())
    }

    fn resource(&self, logical_id: &str) -> &ResourceChange {
        self.resources()
            .find(|resource| resource.logical_id == logical_id)
            .unwrap_or_else(|| panic!("{}: no change to {logical_id}", self.name))
    }

    fn replaced(&self) -> Vec<&str> {
        self.resources()
            .filter(|resource| resource.is_replacement())
            .map(|resource| resource.logical_id.as_str())
            .collect()
    }

    fn terraform(&self, address: &str) -> &TerraformChange {
        self.diff
            .terraform
            .resources
            .iter()
            .find(|resource| resource.address == address)
            .unwrap_or_else(|| panic!("{}: no Terraform change to {address}", self.name))
    }

    fn security_rules(&self) -> Vec<SecurityRule> {
        self.resources()
            .flat_map(|resource| resource.security.iter().map(|finding| finding.rule))
            .collect()
    }

    fn renders(&self) -> (String, String, String) {
        let (before, after) = (
            side_path(&self.name, "before"),
            side_path(&self.name, "after"),
        );
        (
            render_text(&before, &after, &self.diff),
            render_markdown(&before, &after, &self.diff),
            render_json(&before, &after, &self.diff),
        )
    }
}

#[test]
fn there_are_enough_pairs_and_every_diff_is_locked() {
    let names = pair_names();
    assert!(
        names.len() >= 8,
        "expected at least 8 pairs, found {names:?}"
    );
    let settings = snapshot_settings();
    for name in names {
        let pair = pair(&name);
        assert!(!pair.diff.is_empty(), "{name}: the two sides do not differ");
        let (text, markdown, _) = pair.renders();
        settings.bind(|| {
            insta::assert_snapshot!(
                format!("diff@{name}"),
                format!("{text}\n---------------------------------------- markdown\n\n{markdown}")
            );
        });
    }
}

/// Checks the facts a pair exists to show; every pair must have an entry.
fn check_facts(pair: &Pair) {
    let name = pair.name.as_str();
    let no_replacement = || assert!(pair.replaced().is_empty(), "{name}: {:?}", pair.replaced());
    let no_security = || {
        assert!(
            pair.security_rules().is_empty(),
            "{name}: {:?}",
            pair.security_rules()
        );
    };
    match name {
        "add-region" => {
            let added: Vec<&str> = pair
                .diff
                .stacks
                .iter()
                .filter(|stack| stack.status == StackStatus::Added)
                .map(|stack| stack.stack.as_str())
                .collect();
            assert_eq!(added, ["shop-us-east-1-storage", "shop-us-east-1"]);
            assert_eq!(
                pair.diff.stacks.len(),
                2,
                "the existing region is untouched"
            );
            assert!(pair.resource("WebService").action == ResourceAction::Added);
            no_replacement();
            // The new region's load balancer is open to the internet, like the first region's.
            assert_eq!(pair.security_rules(), [SecurityRule::IngressWidened]);
        }
        "bucket-name" => {
            let bucket = pair.resource("AssetsBucket");
            assert_eq!(
                bucket.replacement,
                [ReplacementCause::CreateOnly {
                    property: "BucketName".into()
                }]
            );
            assert!(bucket.changes.iter().all(|change| change.create_only));
            assert_eq!(pair.replaced(), ["AssetsBucket", "AssetsBucketPolicy"]);
            no_security();
        }
        "database-deletion-protection" => {
            assert_eq!(
                pair.resource("Database").security[0].rule,
                SecurityRule::DeletionProtectionOff
            );
            no_replacement();
        }
        "database-instance-class" => {
            let database = pair.resource("Database");
            assert_eq!(database.action, ResourceAction::Modified);
            assert_eq!(database.changes.len(), 1);
            assert_eq!(database.changes[0].path, "DBInstanceClass");
            assert_eq!(database.changes[0].after, Some(Json::from("db.r6g.large")));
            // "Update requires: Some interruptions": a Multi-AZ failover, not a replacement.
            assert!(database.changes[0].interrupts && database.is_interruption());
            assert_eq!(pair.diff.summary().interruptions, 1);
            // CloudFormation applies it at once, Terraform at the next maintenance window.
            assert_eq!(database.notes.len(), 1);
            assert!(
                database.notes[0].contains("at once")
                    && database.notes[0].contains("next maintenance window"),
                "{:?}",
                database.notes
            );
            let twin = pair.terraform("aws_db_instance.database_eu_west_1");
            assert_eq!(twin.changes[0].path, "instance_class");
            assert!(!twin.is_replacement());
            no_replacement();
            no_security();
        }
        "dashboard-widget" => {
            let dashboard = pair.resource("ShopOverviewDashboard");
            let paths: Vec<&str> = dashboard.changes.iter().map(|c| c.path.as_str()).collect();
            assert_eq!(
                paths,
                [
                    "DashboardBody.widgets[1].properties.stat",
                    "DashboardBody.widgets[1].properties.title"
                ],
                "the body is compared as a document, not as one long string"
            );
            assert_eq!(dashboard.changes[0].after, Some(Json::from("p99")));
            let twin = pair.terraform("aws_cloudwatch_dashboard.shop_overview_dashboard_global");
            let paths: Vec<&str> = twin.changes.iter().map(|c| c.path.as_str()).collect();
            assert_eq!(
                paths,
                [
                    "dashboard_body.widgets[1].properties.stat",
                    "dashboard_body.widgets[1].properties.title"
                ]
            );
            no_replacement();
            no_security();
        }
        "desired-count-autoscaled" => {
            let service = pair.resource("WebService");
            assert_eq!(service.changes.len(), 1);
            assert_eq!(service.changes[0].path, "DesiredCount");
            assert!(!service.is_interruption());
            assert_eq!(service.notes.len(), 1);
            assert!(
                service.notes[0].contains("autoscaling")
                    && service.notes[0].contains("Terraform ignores desired_count"),
                "{:?}",
                service.notes
            );
            // Terraform's twin changes the same argument, but ignore_changes keeps it from
            // being applied: the difference is Terraform's alone.
            let twin = pair.terraform("aws_ecs_service.web_service_eu_west_1");
            assert_eq!(twin.ignored, ["desired_count"]);
            assert!(!twin.is_replacement());
            no_replacement();
        }
        "load-balancer-scheme" => {
            assert_eq!(
                pair.resource("LoadBalancer").replacement,
                [ReplacementCause::CreateOnly {
                    property: "Scheme".into()
                }]
            );
            assert!(pair.replaced().contains(&"Listener443"));
            no_security();
        }
        "physical-names" => {
            // Each name the stack sets where Meridian let AWS choose, or chose another, is a
            // create-only property: the resource is replaced, in both targets.
            for (logical, property) in [
                ("LoadBalancer", "Name"),
                ("StorefrontTargetGroup", "Name"),
                ("WebLogGroup", "LogGroupName"),
            ] {
                assert_eq!(
                    pair.resource(logical).replacement,
                    [ReplacementCause::CreateOnly {
                        property: property.into()
                    }],
                    "{logical}"
                );
            }
            for address in [
                "aws_lb.load_balancer_eu_west_1",
                "aws_lb_target_group.storefront_target_group_eu_west_1",
                "aws_cloudwatch_log_group.web_log_group_eu_west_1",
            ] {
                assert!(pair.terraform(address).is_replacement(), "{address}");
            }
            no_security();
        }
        "new-alarm" => {
            assert_eq!(pair.resources().count(), 1);
            let alarm = pair.resource("CpuHighWebAlarm");
            assert_eq!(alarm.action, ResourceAction::Added);
            assert_eq!(alarm.resource_type, "AWS::CloudWatch::Alarm");
        }
        "remove-replica" => {
            let database = pair.resource("Database");
            assert_eq!(database.action, ResourceAction::Removed);
            assert_eq!(database.resource_type, "AWS::RDS::DBInstance");
            let writer_stack = pair
                .diff
                .stacks
                .iter()
                .find(|stack| stack.stack == "shop-eu-west-1")
                .expect("the writer's stack stops exporting to the replica");
            // us-east-1 still runs the web service and reaches the writer over the peering;
            // only the writer region's egress to the former replica's database goes: it was
            // the last rule of the region's peer-egress group, so the group goes too and the
            // service no longer carries it.
            let changed: Vec<(&str, ResourceAction)> = writer_stack
                .resources
                .iter()
                .map(|resource| (resource.logical_id.as_str(), resource.action.clone()))
                .collect();
            assert_eq!(
                changed,
                [
                    ("TasksToDatabaseInUsEast1", ResourceAction::Removed),
                    ("TasksToPeerRegions", ResourceAction::Removed),
                    ("WebService", ResourceAction::Modified)
                ]
            );
            // Without a replica of its own, us-east-1 reads from the writer, whose address a
            // failover moves: the task reads it from the region's parameter, which its
            // execution role may now read. That is the only widening.
            let findings: Vec<(&str, &str)> = pair
                .resources()
                .flat_map(|resource| {
                    resource.security.iter().map(move |finding| {
                        (resource.logical_id.as_str(), finding.message.as_str())
                    })
                })
                .collect();
            assert_eq!(
                findings,
                [(
                    "WebExecutionRole",
                    "policy allows new actions: ssm:GetParameters"
                )]
            );
        }
        "rename-bucket" | "rename-service" => {
            assert!(
                pair.diff.stacks.is_empty(),
                "{name}: a declared rename changes no template"
            );
            assert_eq!(pair.diff.renames.len(), 1);
            let rename = &pair.diff.renames[0];
            let expected = if name == "rename-service" {
                ("service", "web", "storefront-api")
            } else {
                ("bucket", "invoices-replica", "invoices-archive")
            };
            assert_eq!(
                (
                    rename.kind.as_str(),
                    rename.from.as_str(),
                    rename.to.as_str()
                ),
                expected
            );
            no_replacement();
            check_moved_blocks(pair);
            // The Terraform-only difference: CloudFormation keeps every logical ID, while the
            // Terraform module moves each resource's state to its new address; nothing is
            // replaced and no argument changes.
            let terraform = &pair.diff.terraform;
            assert!(terraform.compared && !terraform.is_empty());
            assert!(terraform.resources.iter().all(|resource| {
                matches!(resource.action, ResourceAction::Moved { .. })
                    && resource.changes.is_empty()
                    && !resource.is_replacement()
            }));
            assert!(pair.diff.rename_hints.is_empty());
        }
        "rename-without-renamed-from" => {
            let service = pair.resource("StorefrontApiService");
            assert_eq!(
                service.action,
                ResourceAction::Moved {
                    from: "WebService".into()
                }
            );
            assert!(
                service
                    .replacement
                    .contains(&ReplacementCause::LogicalIdChanged {
                        from: "WebService".into()
                    })
            );
            assert!(pair.diff.renames.is_empty());
            // The hint: one entity, the service, replaced in one stack, and the fix.
            assert_eq!(
                pair.diff.rename_hints.len(),
                1,
                "{:?}",
                pair.diff.rename_hints
            );
            let hint = &pair.diff.rename_hints[0];
            assert_eq!(
                (hint.kind.as_str(), hint.from.as_str(), hint.to.as_str()),
                ("service", "web", "storefront-api")
            );
            assert_eq!(hint.replaced.get("shop-eu-west-1"), Some(&9));
            assert!(hint.message().contains("add `renamed_from: web`"));
        }
        "scaling-schedule" => {
            let target = pair.resource("WebScalableTarget");
            assert_eq!(target.action, ResourceAction::Modified);
            assert!(
                target
                    .changes
                    .iter()
                    .any(|change| change.path.ends_with(".Schedule"))
            );
            no_replacement();
        }
        "widen-ingress" => {
            let rules = pair.security_rules();
            assert_eq!(rules, [SecurityRule::IngressWidened]);
            let finding = pair
                .resources()
                .flat_map(|resource| resource.security.iter())
                .next()
                .expect("a finding");
            assert!(finding.message.contains("0.0.0.0/0"), "{}", finding.message);
        }
        "failover-eu-west-1" => {
            // Adopting the promoted replica replaces nothing, in either target.
            no_replacement();
            assert_eq!(pair.diff.terraform.replacements(), 0);
            let database = pair
                .diff
                .stacks
                .iter()
                .find(|stack| stack.stack == "rail-eu-west-1")
                .and_then(|stack| stack.resources.iter().find(|r| r.logical_id == "Database"))
                .expect("the promoted instance changes");
            assert_eq!(database.action, ResourceAction::Modified);
            assert!(database.is_promotion());
            assert!(database.changes.iter().all(|change| !change.create_only));
            let twin = pair.terraform("aws_db_instance.database_eu_west_1");
            assert!(twin.is_promotion());
            assert!(twin.changes.iter().all(|change| !change.create_only));
            // The former writer goes away; it is not replaced.
            let former = pair
                .diff
                .stacks
                .iter()
                .find(|stack| stack.stack == "rail-us-east-1")
                .and_then(|stack| stack.resources.iter().find(|r| r.logical_id == "Database"))
                .expect("the former writer changes");
            assert_eq!(former.action, ResourceAction::Removed);
            let (text, markdown, json) = pair.renders();
            assert!(text.contains("Database  AWS::RDS::DBInstance  promoted, no replacement"));
            assert!(markdown.contains("promoted, no replacement"));
            assert!(json.contains("\"promotion\": true"));
            check_promoted_instance(pair);
            no_security();
        }
        "override-deployment" => {
            // Each target's override is a property change of the service, updated in place.
            let service = pair.resource("WebService");
            assert_eq!(service.action, ResourceAction::Modified);
            let paths: Vec<&str> = service
                .changes
                .iter()
                .map(|change| change.path.as_str())
                .collect();
            assert!(
                paths
                    .iter()
                    .any(|path| path.ends_with("DeploymentConfiguration.MaximumPercent")),
                "{paths:?}"
            );
            assert!(
                paths
                    .iter()
                    .any(|path| path.ends_with("EnableExecuteCommand")),
                "{paths:?}"
            );
            let twin = pair.terraform("aws_ecs_service.web_service_eu_west_1");
            assert_eq!(twin.action, ResourceAction::Modified);
            assert!(
                twin.changes
                    .iter()
                    .any(|change| change.path.ends_with("deployment_maximum_percent")
                        && change.after == Some(serde_json::json!(150)))
            );
            assert!(twin.replaced_by.is_empty());
            no_replacement();
        }
        other => panic!("stacks/changes/{other}: add the facts this pair shows to check_facts"),
    }
}

/// The promoted instance keeps the value of every create-only property (CloudFormation) and
/// force-new argument (Terraform) the replica had, loses its source, and keeps its final
/// snapshot on deletion; its master secret stays in the former writer's stack.
fn check_promoted_instance(pair: &Pair) {
    let emitted = |plan: &Plan, target: Target, path: &str| -> Json {
        let files = emit(plan, target, &Default::default()).expect("renders");
        let file = files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("{}: no {path}", pair.name));
        serde_json::from_str(&file.contents).expect("JSON")
    };
    let template = "cloudformation/rail-eu-west-1.template.json";
    let before = emitted(&pair.before, Target::Cloudformation, template);
    let after = emitted(&pair.after, Target::Cloudformation, template);
    let (replica, writer) = (
        &before["Resources"]["Database"],
        &after["Resources"]["Database"],
    );
    let create_only = create_only_properties("AWS::RDS::DBInstance").expect("listed");
    for property in create_only {
        assert_eq!(
            replica["Properties"].get(property),
            writer["Properties"].get(property),
            "create-only {property}"
        );
    }
    for kept in [
        "DBInstanceIdentifier",
        "KmsKeyId",
        "DBSubnetGroupName",
        "SourceRegion",
    ] {
        assert!(writer["Properties"].get(kept).is_some(), "{kept} is kept");
    }
    for absent in [
        "DBName",
        "MasterUsername",
        "MasterUserPassword",
        "StorageEncrypted",
        "Engine",
    ] {
        assert!(
            writer["Properties"].get(absent).is_none(),
            "{absent} is not added"
        );
    }
    assert!(
        replica["Properties"]
            .get("SourceDBInstanceIdentifier")
            .is_some()
    );
    assert!(
        writer["Properties"]
            .get("SourceDBInstanceIdentifier")
            .is_none()
    );
    assert_eq!(writer["Properties"]["MultiAZ"], true);
    assert_eq!(writer["DeletionPolicy"], "Snapshot");
    // The secret keeps its logical ID in the stack that created it.
    let home = "cloudformation/rail-us-east-1.template.json";
    let (home_before, home_after) = (
        emitted(&pair.before, Target::Cloudformation, home),
        emitted(&pair.after, Target::Cloudformation, home),
    );
    for id in [
        "DatabaseSecret",
        "DatabaseSecretAttachment",
        "DatabaseSecretRotation",
    ] {
        assert_eq!(
            home_before["Resources"][id]["Type"], home_after["Resources"][id]["Type"],
            "{id} stays"
        );
        assert!(home_after["Resources"][id].is_object(), "{id} stays");
    }
    assert_eq!(
        home_before["Resources"]["DatabaseSecret"],
        home_after["Resources"]["DatabaseSecret"]
    );

    let module = "terraform/main.tf.json";
    let instance =
        |module: &Json| module["resource"]["aws_db_instance"]["database_eu_west_1"].clone();
    let (replica, writer) = (
        instance(&emitted(&pair.before, Target::Terraform, module)),
        instance(&emitted(&pair.after, Target::Terraform, module)),
    );
    for argument in force_new_arguments("aws_db_instance").expect("listed") {
        assert_eq!(
            replica.get(argument),
            writer.get(argument),
            "force-new {argument}"
        );
    }
    assert!(replica.get("replicate_source_db").is_some());
    assert!(writer.get("replicate_source_db").is_none());
    for absent in [
        "db_name",
        "username",
        "password",
        "storage_encrypted",
        "engine",
    ] {
        assert!(writer.get(absent).is_none(), "{absent} is not added");
    }
    assert_eq!(writer["multi_az"], true);
    assert_eq!(writer["skip_final_snapshot"], false);
}

/// The Terraform module of a renamed pair moves every resource of the renamed entity from its
/// former name, and nothing else.
fn check_moved_blocks(pair: &Pair) {
    let files = emit(&pair.after, Target::Terraform, &Default::default()).expect("renders");
    let moved = files
        .iter()
        .find(|file| file.path == "terraform/moved.tf.json")
        .unwrap_or_else(|| panic!("{}: no terraform/moved.tf.json", pair.name));
    let moved: Json = serde_json::from_str(&moved.contents).expect("JSON");
    let blocks = moved["moved"].as_array().expect("a list of moved blocks");
    let main = files
        .iter()
        .find(|file| file.path == "terraform/main.tf.json")
        .expect("main.tf.json");
    let main: Json = serde_json::from_str(&main.contents).expect("JSON");
    let rename = &pair.after.renames[0];
    let declared: Vec<String> = main["resource"]
        .as_object()
        .expect("resources")
        .iter()
        .flat_map(|(kind, names)| {
            names
                .as_object()
                .expect("names")
                .keys()
                .map(move |name| format!("{kind}.{name}"))
        })
        .collect();
    let new_names: Vec<&str> = rename.moves.iter().map(|m| m.to.as_str()).collect();
    let expected: Vec<&String> = declared
        .iter()
        .filter(|address| new_names.contains(&address.split('.').nth(1).unwrap_or_default()))
        .collect();
    assert_eq!(blocks.len(), expected.len(), "{}", pair.name);
    for block in blocks {
        let (from, to) = (
            block["from"].as_str().expect("from"),
            block["to"].as_str().expect("to"),
        );
        assert!(declared.iter().any(|address| address == to), "{to}");
        assert!(!declared.iter().any(|address| address == from), "{from}");
        let (from_type, _) = from.split_once('.').expect("type.name");
        let (to_type, _) = to.split_once('.').expect("type.name");
        assert_eq!(from_type, to_type);
    }
}

#[test]
fn every_pair_shows_its_key_facts() {
    for name in pair_names() {
        check_facts(&pair(&name));
    }
}

#[test]
fn json_output_follows_the_documented_schema() {
    let pair = pair("widen-ingress");
    let (_, _, json) = pair.renders();
    let document: Json = serde_json::from_str(&json).expect("JSON");
    assert_eq!(document["format"], DIFF_JSON_FORMAT);
    assert_eq!(
        document["before"],
        "stacks/changes/widen-ingress.before.yaml"
    );
    for key in [
        "stacks_added",
        "stacks_removed",
        "stacks_changed",
        "resources_added",
        "resources_removed",
        "resources_changed",
        "replacements",
        "security_findings",
        "renames",
    ] {
        assert!(document["summary"][key].is_u64(), "summary.{key}");
    }
    let stack = &document["stacks"][0];
    assert_eq!(stack["stack"], "shop-eu-west-1");
    assert_eq!(stack["status"], "changed");
    let resource = &stack["resources"][0];
    assert_eq!(resource["action"], "move");
    assert_eq!(
        resource["previous_logical_id"],
        "LoadBalancerIngress443FromCidr10x0x0x0x8"
    );
    assert_eq!(resource["replacement"], true);
    assert_eq!(
        resource["replacement_causes"][0]["cause"],
        "logical-id-changed"
    );
    let change = &resource["changes"][0];
    assert_eq!(change["path"], "CidrIp");
    assert_eq!(change["scope"], "property");
    assert_eq!(change["before"], "10.0.0.0/8");
    assert_eq!(change["after"], "0.0.0.0/0");
    assert_eq!(change["create_only"], true);
    assert_eq!(resource["security"][0]["rule"], "ingress-widened");
    assert!(stack["parameters"]["added"].is_array());
    assert!(document["renames"].is_array());
}

/// Runs `meridian` from the repository root: (exit code, stdout, stderr).
fn meridian(arguments: &[&str]) -> (u8, String, String) {
    let output = common::meridian(arguments);
    (exit_code(&output), stdout(&output), stderr(&output))
}

#[test]
fn an_output_directory_compares_like_its_stack_file_and_exit_codes_follow_the_contract() {
    let scratch = Scratch::new("diff");
    let out = scratch.path().join("out");
    let out_text = out.to_string_lossy().into_owned();
    let before = side_path("widen-ingress", "before");
    let after = side_path("widen-ingress", "after");
    let (status, _, stderr) = meridian(&["synth", &before, "--out", &out_text]);
    assert_eq!(status, EXIT_OK, "{stderr}");

    let from_directory = meridian(&["diff", &out_text, &after]);
    let from_file = meridian(&["diff", &before, &after]);
    assert_eq!(from_directory.0, EXIT_OK, "{}", from_directory.2);
    assert_eq!(from_file.0, EXIT_OK, "{}", from_file.2);
    assert_eq!(
        from_directory.1.replace(&out_text, &before),
        from_file.1,
        "an output directory and its stack file compare alike"
    );
    let unchanged = meridian(&["diff", &out_text, &before, "--format", "json"]);
    assert_eq!(unchanged.0, EXIT_OK);
    let document: Json = serde_json::from_str(&unchanged.1).expect("JSON");
    assert_eq!(document["stacks"], Json::Array(Vec::new()));

    let invalid = "stacks/invalid/E902-service-renamed-from-itself.yaml";
    assert_eq!(meridian(&["diff", &before, invalid]).0, EXIT_STACK_ERRORS);
    assert_eq!(
        meridian(&["diff", &before, "stacks/changes/no-such-file.yaml"]).0,
        EXIT_USAGE
    );
    assert_eq!(
        meridian(&["diff", &before, "stacks/changes"]).0,
        EXIT_USAGE,
        "a directory without templates is not an output directory"
    );
    assert_eq!(
        meridian(&["diff", &before, &after, "--format", "yaml"]).0,
        EXIT_USAGE
    );
}
