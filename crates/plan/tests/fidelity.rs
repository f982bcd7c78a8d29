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
