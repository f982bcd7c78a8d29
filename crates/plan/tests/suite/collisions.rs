//! Derived identities that collide are the user's to rename, and each report names both places.

use meridian_testkit::{bundled_stack, planned_of_bytes};

/// The seed with a bucket named after one of Meridian's own resources in the same region: the
/// bucket lives in the storage unit and the load balancer's log bucket in the application unit,
/// so their CloudFormation logical IDs are in different templates, but Terraform's names share
/// one module.
#[test]
fn a_terraform_name_repeated_across_units_names_both_entities() {
    let seed = std::fs::read_to_string(bundled_stack("rail-backend.yaml")).expect("seed");
    let stack = seed.replacen(
        "\nbuckets:\n",
        "\nbuckets:\n  - name: load-balancer-access-logs\n    region: us-east-1\n    bucket_name: rail-lb-copy-us-east-1\n",
        1,
    );
    assert_ne!(stack, seed, "the seed declares buckets");
    let planned = planned_of_bytes("collision.yaml", stack.as_bytes());
    assert!(planned.plan.is_none());
    let collisions: Vec<_> = planned
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "E901")
        .collect();
    let names: Vec<String> = collisions
        .iter()
        .map(|d| d.message.split('`').nth(1).unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "load_balancer_access_logs_bucket_us_east_1",
            "load_balancer_access_logs_bucket_policy_us_east_1"
        ],
        "{collisions:#?}"
    );
    for collision in collisions {
        assert!(
            collision.message.contains("Terraform name"),
            "{}",
            collision.message
        );
        assert_eq!(collision.path.to_string(), "load_balancer");
        let related: Vec<String> = collision
            .related
            .iter()
            .map(|r| r.path.to_string())
            .collect();
        assert_eq!(related, ["buckets[0]"]);
        assert!(collision.message.ends_with("derived from `buckets[0]`"));
    }
}
