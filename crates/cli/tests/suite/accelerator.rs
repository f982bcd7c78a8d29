//! Global Accelerator, checked on the plan and on the EMITTED output of every bundled stack that
//! asks for one: an accelerator unit deployed to us-west-2 after every application unit, one TCP
//! listener on exactly the load balancers' listener ports, and per region with a load balancer
//! exactly one endpoint group in that region whose endpoint is that region's load balancer (in
//! CloudFormation through the application stack's output, in Terraform by reference).

use std::collections::{BTreeMap, BTreeSet};

use meridian::Target;
use meridian::pipeline::{check, emit};
use meridian_plan::{OutputFile, Plan, UnitId};
use meridian_testkit::bundled_plans;
use serde_json::Value;

/// The region of Global Accelerator's control plane.
const CONTROL_PLANE: &str = "us-west-2";

fn synthesize(bundled: &meridian_testkit::BundledPlan) -> Vec<OutputFile> {
    let bytes = std::fs::read(&bundled.path).expect("readable");
    let checked = check(&bundled.file_name, &bytes)
        .unwrap_or_else(|rejected| panic!("{}", rejected.report(&bundled.file_name)));
    emit(&checked.plan, Target::All, &BTreeMap::new()).expect("renders")
}

/// Region → listener ports of its load balancer, from the plan.
fn load_balancer_ports(plan: &Plan) -> BTreeMap<String, BTreeSet<u32>> {
    plan.regions
        .iter()
        .filter_map(|region| {
            let lb = region.app.as_ref()?.load_balancer.as_ref()?;
            Some((
                region.region.to_string(),
                lb.listeners.iter().map(|l| l.port).collect(),
            ))
        })
        .collect()
}

fn json(files: &[OutputFile], path_prefix: &str, suffix: &str) -> Vec<(String, Value)> {
    files
        .iter()
        .filter(|f| f.path.starts_with(path_prefix) && f.path.ends_with(suffix))
        .map(|f| {
            (
                f.path.clone(),
                serde_json::from_str(&f.contents).expect("JSON"),
            )
        })
        .collect()
}

#[test]
fn the_accelerator_fronts_every_regional_load_balancer_in_both_targets() {
    let mut checked = 0;
    for bundled in bundled_plans() {
        let plan = &bundled.plan;
        let Some(accelerator) = &plan.accelerator else {
            continue;
        };
        checked += 1;
        let name = &bundled.name;
        let expected = load_balancer_ports(plan);
        let all_ports: BTreeSet<u32> = expected.values().flatten().copied().collect();

        // The plan: a unit of its own in the control plane's region, after every application
        // unit (whose load balancer ARN it reads).
        let position = |id: &UnitId| plan.units.iter().position(|unit| &unit.id == id);
        let unit_at = position(&UnitId::Accelerator).expect("an accelerator unit");
        let unit = &plan.units[unit_at];
        assert_eq!(unit.region, CONTROL_PLANE, "{name}");
        for region in expected.keys() {
            let app = position(&UnitId::Region(region.as_str().into())).expect("an app unit");
            assert!(
                app < unit_at,
                "{name}: {region} deploys after the accelerator"
            );
            assert!(
                unit.depends_on
                    .contains(&UnitId::Region(region.as_str().into())),
                "{name}: the accelerator does not wait for {region}"
            );
        }
        assert_eq!(
            accelerator
                .listener
                .ports
                .iter()
                .copied()
                .collect::<BTreeSet<_>>(),
            all_ports,
            "{name}"
        );
        let planned: BTreeSet<String> = accelerator
            .endpoint_groups
            .iter()
            .map(|group| group.region.to_string())
            .collect();
        assert_eq!(planned, expected.keys().cloned().collect(), "{name}");

        let files = synthesize(bundled);
        // CloudFormation: stack name → (region, template).
        let manifest: Value = serde_json::from_str(
            &files
                .iter()
                .find(|f| f.path == "manifest.json")
                .expect("a manifest")
                .contents,
        )
        .expect("JSON");
        let mut stacks: BTreeMap<String, (String, Value)> = BTreeMap::new();
        for entry in manifest["units"].as_array().expect("stacks") {
            let file = entry["template"].as_str().expect("a template path");
            let template = files
                .iter()
                .find(|f| f.path == file)
                .map(|f| serde_json::from_str::<Value>(&f.contents).expect("JSON"))
                .expect("the template");
            stacks.insert(
                entry["stack_name"].as_str().expect("a name").to_owned(),
                (
                    entry["region"].as_str().expect("a region").to_owned(),
                    template,
                ),
            );
        }
        let (region, template) = &stacks[&unit.stack_name];
        assert_eq!(region, CONTROL_PLANE, "{name}: manifest region");
        let resources = template["Resources"].as_object().expect("resources");
        let of_type = |wanted: &str| -> Vec<(&String, &Value)> {
            resources
                .iter()
                .filter(|(_, r)| r["Type"] == wanted)
                .collect()
        };
        let accelerators = of_type("AWS::GlobalAccelerator::Accelerator");
        assert_eq!(accelerators.len(), 1, "{name}");
        let listeners = of_type("AWS::GlobalAccelerator::Listener");
        assert_eq!(listeners.len(), 1, "{name}");
        let (listener_id, listener) = listeners[0];
        assert_eq!(listener["Properties"]["Protocol"], "TCP");
        assert_eq!(
            listener["Properties"]["AcceleratorArn"]["Ref"],
            accelerators[0].0.as_str()
        );
        let ports: BTreeSet<u32> = listener["Properties"]["PortRanges"]
            .as_array()
            .expect("port ranges")
            .iter()
            .map(|range| {
                assert_eq!(range["FromPort"], range["ToPort"]);
                u32::try_from(range["FromPort"].as_u64().expect("a port")).expect("a port")
            })
            .collect();
        assert_eq!(ports, all_ports, "{name}: CloudFormation listener ports");
        let mut fronted = BTreeSet::new();
        for (id, group) in of_type("AWS::GlobalAccelerator::EndpointGroup") {
            let properties = &group["Properties"];
            assert_eq!(
                properties["ListenerArn"]["Ref"],
                listener_id.as_str(),
                "{id}"
            );
            let group_region = properties["EndpointGroupRegion"]
                .as_str()
                .expect("a region");
            let endpoints = properties["EndpointConfigurations"]
                .as_array()
                .expect("endpoints");
            assert_eq!(endpoints.len(), 1, "{id}");
            let import = &endpoints[0]["EndpointId"]["Fn::GetStackOutput"];
            let producer = import["StackName"].as_str().expect("an imported endpoint");
            let (producer_region, producer_template) = &stacks[producer];
            assert_eq!(producer_region, group_region, "{name} {id}");
            let output = import["OutputName"].as_str().expect("an output");
            let logical = producer_template["Outputs"][output]["Value"]["Ref"]
                .as_str()
                .expect("the output is a resource's Ref");
            assert_eq!(
                producer_template["Resources"][logical]["Type"],
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
                "{name} {id}: the endpoint is not a load balancer"
            );
            assert!(
                properties["HealthCheckPath"]
                    .as_str()
                    .is_some_and(|p| p.starts_with('/')),
                "{id}: no health check path"
            );
            assert!(
                fronted.insert(group_region.to_owned()),
                "{name}: two endpoint groups in {group_region}"
            );
        }
        assert_eq!(fronted, planned, "{name}: CloudFormation endpoint groups");

        // Terraform: the endpoint of each group is the load balancer in the group's region.
        let mut tf_fronted = BTreeSet::new();
        let parts = json(&files, "terraform/", ".tf.json");
        let resources_of = |kind: &str| -> BTreeMap<String, Value> {
            parts
                .iter()
                .filter_map(|(_, part)| part["resource"][kind].as_object())
                .flat_map(|all| all.iter().map(|(k, v)| (k.clone(), v.clone())))
                .collect()
        };
        let load_balancers = resources_of("aws_lb");
        let tf_listeners = resources_of("aws_globalaccelerator_listener");
        assert_eq!(tf_listeners.len(), 1, "{name}");
        let tf_ports: BTreeSet<u32> =
            tf_listeners.values().next().expect("a listener")["port_range"]
                .as_array()
                .expect("ranges")
                .iter()
                .map(|range| {
                    u32::try_from(range["from_port"].as_u64().expect("a port")).expect("a port")
                })
                .collect();
        assert_eq!(tf_ports, all_ports, "{name}: Terraform listener ports");
        for (group_name, group) in resources_of("aws_globalaccelerator_endpoint_group") {
            let group_region = group["endpoint_group_region"].as_str().expect("a region");
            let endpoint = group["endpoint_configuration"][0]["endpoint_id"]
                .as_str()
                .expect("an endpoint");
            let lb_name = endpoint
                .strip_prefix("${aws_lb.")
                .and_then(|rest| rest.strip_suffix(".arn}"))
                .unwrap_or_else(|| panic!("{group_name}: {endpoint} is not a load balancer ARN"));
            assert_eq!(
                load_balancers[lb_name]["region"].as_str(),
                Some(group_region),
                "{group_name}"
            );
            assert!(tf_fronted.insert(group_region.to_owned()), "{group_name}");
        }
        assert_eq!(tf_fronted, planned, "{name}: Terraform endpoint groups");
    }
    assert!(checked >= 1, "no bundled stack has an accelerator");
}
