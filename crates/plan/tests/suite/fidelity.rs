//! The seed's settings Meridian once changed silently: the DNS TTL (CNAME records carry the
//! stack's TTL, alias records answer with the load balancer's 60 s and say so) and the
//! database's connections (the server's `max_connections` against the application's pools).

use meridian_plan::{DnsRecordType, Planned};
use meridian_testkit::{bundled_stack, plan_of};

/// Plans rail-backend.yaml with `edit` applied to its text.
fn rail_backend_with(edit: impl Fn(String) -> String) -> Planned {
    let text = std::fs::read_to_string(bundled_stack("rail-backend.yaml")).expect("readable");
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changes the stack");
    let loaded = meridian_model::load_stack("rail-backend.yaml", edited.as_bytes())
        .unwrap_or_else(|failure| panic!("loads: {:#?}", failure.diagnostics));
    meridian_plan::plan(&loaded.stack)
}

fn codes(planned: &Planned) -> Vec<&str> {
    planned.diagnostics.iter().map(|d| d.code.id()).collect()
}

#[test]
fn a_stated_ttl_gives_cname_records_with_that_ttl_everywhere() {
    let plan = plan_of(&bundled_stack("rail-backend.yaml"));
    let dns = plan
        .global
        .as_ref()
        .and_then(|g| g.dns.as_ref())
        .expect("DNS");
    assert_eq!(dns.effective_ttl_seconds, 30);
    assert_eq!(dns.regions.len(), 3, "one record per service region");
    for region in &dns.regions {
        assert_eq!(
            region.record_type,
            DnsRecordType::Cname,
            "{}",
            region.region
        );
        assert_eq!(region.cname_ttl_seconds, Some(30), "{}", region.region);
    }
    // Runbooks and the failover estimate wait for the same 30 s.
    assert_eq!(plan.operations.dns_ttl_seconds, 30);
    assert_eq!(plan.operations.failover.dns_ttl_seconds, 30);
}

#[test]
fn alias_records_with_a_ttl_warn_and_use_sixty_seconds() {
    let planned = rail_backend_with(|text| {
        text.replace(
            "  ttl_seconds: 30\n",
            "  ttl_seconds: 30\n  record_type: alias\n",
        )
    });
    let warning = planned
        .diagnostics
        .iter()
        .find(|d| d.code.id() == "W981")
        .expect("a warning");
    assert_eq!(warning.path.to_string(), "dns.ttl_seconds");
    assert!(warning.message.contains("60 s"), "{}", warning.message);
    let plan = planned.plan.expect("plans");
    let dns = plan
        .global
        .as_ref()
        .and_then(|g| g.dns.as_ref())
        .expect("DNS");
    assert_eq!(dns.effective_ttl_seconds, 60);
    assert!(
        dns.regions
            .iter()
            .all(|region| region.record_type == DnsRecordType::A
                && region.cname_ttl_seconds.is_none())
    );
    assert_eq!(plan.operations.dns_ttl_seconds, 60);
}

#[test]
fn pools_beyond_the_servers_connections_warn() {
    // 12 + 6 + 4 tasks at most, with pools of 100: 2200 connections.
    let planned = rail_backend_with(|text| {
        text.replace("  max_connections: 2500\n", "  max_connections: 1000\n")
    });
    let warning = planned
        .diagnostics
        .iter()
        .find(|d| d.code.id() == "W982")
        .unwrap_or_else(|| panic!("a warning: {:?}", codes(&planned)));
    assert!(
        warning.message.contains("22 tasks") && warning.message.contains("2200"),
        "{}",
        warning.message
    );
    // The bundled stack's server accepts them all.
    let planned = meridian_testkit::planned_of(&bundled_stack("rail-backend.yaml"));
    assert!(!codes(&planned).contains(&"W982"));
}

#[test]
fn tasks_receive_the_pool_size_and_the_server_its_limit() {
    let plan = plan_of(&bundled_stack("rail-backend.yaml"));
    for region in &plan.regions {
        let Some(app) = &region.app else { continue };
        if let Some(database) = &app.database {
            assert_eq!(
                database
                    .parameter_group
                    .parameters
                    .get("max_connections")
                    .map(String::as_str),
                Some("2500"),
                "{}",
                region.region
            );
        }
        for service in &app.services {
            let pool = service
                .environment
                .iter()
                .find(|(name, _)| name == "DB_POOL_SIZE")
                .map(|(_, value)| value.to_string());
            assert_eq!(pool.as_deref(), Some("100"), "{}", region.region);
        }
    }
}

/// rail-backend.yaml after a failover to eu-west-1, adopted: the eu-west-1 instance is the writer
/// (promoted, not created), the credentials stay in us-east-1, and the APAC replica, which
/// followed us-east-1, is recreated from the new writer with a warning.
#[test]
fn adopting_the_promoted_replica_keeps_it_and_the_credentials_where_they_are() {
    use meridian_plan::DatabaseRole;
    let planned = rail_backend_with(|text| {
        text.replace(
            "  primary:\n    region: us-east-1\n    read_weight: 60 # 60% of read traffic stays on the writer in the primary region\n  read_replicas:\n    - region: eu-west-1\n      weight: 30\n    - region: ap-northeast-1\n      weight: 10\n",
            "  primary:\n    region: eu-west-1\n    promoted_from: us-east-1\n    read_weight: 90\n  read_replicas:\n    - region: ap-northeast-1\n      weight: 10\n",
        )
        // The next failover promotes the remaining replica.
        .replace("  target_region: eu-west-1\n", "  target_region: ap-northeast-1\n")
    });
    let warnings: Vec<String> = planned
        .diagnostics
        .iter()
        .filter(|d| d.code.id() == "W980")
        .map(|d| d.path.to_string())
        .collect();
    assert_eq!(warnings, ["database.read_replicas[0].region"]);
    assert!(
        planned
            .diagnostics
            .iter()
            .all(|d| d.code.id().starts_with('W')),
        "{:?}",
        codes(&planned)
    );
    let plan = planned.plan.expect("plans");
    let app = |code: &str| {
        plan.regions
            .iter()
            .find(|region| region.region == code)
            .and_then(|region| region.app.as_ref())
            .expect("an application unit")
    };
    let writer = app("eu-west-1").database.as_ref().expect("an instance");
    let DatabaseRole::Promoted(promoted) = &writer.role else {
        panic!("eu-west-1 holds {:?}", writer.role);
    };
    assert_eq!(promoted.source_region, "us-east-1");
    assert_eq!(writer.identifier, "rail-backend-eu-west-1");
    assert!(writer.final_snapshot.is_some());
    assert!(
        app("us-east-1").database.is_none(),
        "the former writer is left out"
    );
    let credentials = app("us-east-1")
        .adopted_credentials
        .as_ref()
        .expect("the credentials stay in us-east-1");
    assert_eq!(credentials.secret.rid.logical.as_str(), "DatabaseSecret");
    assert_eq!(credentials.writer, writer.rid);
    assert_eq!(credentials.writer_identifier, writer.identifier);
    let DatabaseRole::Replica(replica) = &app("ap-northeast-1")
        .database
        .as_ref()
        .expect("a replica")
        .role
    else {
        panic!("ap-northeast-1 holds no replica");
    };
    assert_eq!(replica.source_region, "eu-west-1");
}
