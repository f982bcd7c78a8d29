//! Property test: for generated valid stacks (regions, services, database, cache, buckets, DNS,
//! alerts, dashboards in many combinations), loading, planning and synthesizing every target
//! never panics, finds no error, gives the same bytes twice and after a YAML round trip, and
//! writes CloudFormation templates and a Terraform module whose every reference resolves.

use std::collections::BTreeMap;

use meridian::Target;
use meridian::pipeline::{check, emit};
use meridian_model as model;
use meridian_plan::OutputFile;

use crate::common;
use proptest::prelude::*;
use proptest::sample::subsequence;
use serde_json::Value as Json;

const REGION_POOL: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "ap-northeast-1",
    "us-west-2",
    "eu-central-1",
    "ap-southeast-2",
    "ca-central-1",
    "sa-east-1",
];
const FARGATE_SIZES: &[(u32, u32)] = &[
    (256, 512),
    (512, 1024),
    (1024, 2048),
    (1024, 4096),
    (2048, 4096),
    (4096, 8192),
];
const CRONS: &[&str] = &[
    "cron(0 8 ? * MON-FRI *)",
    "cron(30 20 ? * FRI,SAT,SUN *)",
    "cron(0 0 1 * ? *)",
    "rate(6 hours)",
];
const ZONES: &[&str] = &["UTC", "America/New_York", "Europe/Dublin", "Asia/Tokyo"];
const DB_CLASSES: &[&str] = &["db.t4g.medium", "db.r6g.large", "db.m7g.xlarge"];

/// Knobs the generator draws; `build` turns them into a stack that must be valid.
#[derive(Debug, Clone)]
struct Knobs {
    regions: Vec<&'static str>,
    optional_roles: Vec<bool>,
    az_three: Vec<bool>,
    single_nat: Vec<bool>,
    services: Vec<ServiceKnobs>,
    database: Option<(usize, Vec<bool>, bool)>,
    cache: Option<(bool, Vec<bool>)>,
    bucket: Option<(bool, bool, u8)>,
    dns: bool,
    alerts: Vec<bool>,
    dashboard: bool,
}

#[derive(Debug, Clone)]
struct ServiceKnobs {
    size: usize,
    desired: u32,
    blue_green: bool,
    scaling: bool,
    schedules: Vec<(usize, usize)>,
    triggers: bool,
}

fn service_knobs() -> impl Strategy<Value = ServiceKnobs> {
    (
        0..FARGATE_SIZES.len(),
        1u32..=4,
        any::<bool>(),
        any::<bool>(),
        proptest::collection::vec((0..CRONS.len(), 0..ZONES.len()), 0..=2),
        any::<bool>(),
    )
        .prop_map(
            |(size, desired, blue_green, scaling, schedules, triggers)| ServiceKnobs {
                size,
                desired,
                blue_green,
                scaling,
                schedules,
                triggers,
            },
        )
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (1usize..=4)
        .prop_flat_map(|count| {
            (
                subsequence(REGION_POOL.to_vec(), count),
                proptest::collection::vec(any::<bool>(), count),
                proptest::collection::vec(any::<bool>(), count),
                proptest::collection::vec(any::<bool>(), count),
                proptest::collection::vec(service_knobs(), 1..=2),
                proptest::option::of((
                    0..DB_CLASSES.len(),
                    proptest::collection::vec(any::<bool>(), count),
                    any::<bool>(),
                )),
                proptest::option::of((
                    any::<bool>(),
                    proptest::collection::vec(any::<bool>(), count),
                )),
                proptest::option::of((any::<bool>(), any::<bool>(), 0u8..3)),
                any::<bool>(),
                proptest::collection::vec(any::<bool>(), 8),
                any::<bool>(),
            )
        })
        .prop_map(
            |(
                regions,
                optional_roles,
                az_three,
                single_nat,
                services,
                database,
                cache,
                bucket,
                dns,
                alerts,
                dashboard,
            )| Knobs {
                regions,
                optional_roles,
                az_three,
                single_nat,
                services,
                database,
                cache,
                bucket,
                dns,
                alerts,
                dashboard,
            },
        )
}

fn capacity(min: u32, max: u32) -> model::Capacity {
    model::Capacity { min, max }
}

fn build(knobs: &Knobs) -> model::Stack {
    let primary = knobs.regions[0];
    let regions: Vec<model::Region> = knobs
        .regions
        .iter()
        .enumerate()
        .map(|(index, code)| model::Region {
            code: (*code).to_owned(),
            role: match (index, knobs.optional_roles[index]) {
                (0, _) => model::RegionRole::Primary,
                (_, true) => model::RegionRole::Optional,
                (_, false) => model::RegionRole::Secondary,
            },
            latency_target_ms: Some(50 + 50 * u32::try_from(index).unwrap_or(0)),
            network: Some(model::Network {
                vpc_cidr: Some(format!("10.{}.0.0/16", 10 * index + 10)),
                az_count: Some(if knobs.az_three[index] { 3 } else { 2 }),
                nat_gateways: Some(if knobs.single_nat[index] {
                    model::NatGateways::Single
                } else {
                    model::NatGateways::PerAz
                }),
                flow_logs: Some(index % 2 == 0),
                existing: None,
            }),
            sizing: None,
        })
        .collect();
    let others: Vec<&str> = knobs.regions[1..].to_vec();
    let database = knobs.database.as_ref().map(|(class, replicas, logical)| {
        let replica_regions: Vec<&str> = others
            .iter()
            .zip(replicas.iter().skip(1))
            .filter(|(_, on)| **on)
            .map(|(r, _)| *r)
            .collect();
        let share = 100 / u32::try_from(replica_regions.len() + 1).unwrap_or(1);
        let primary_weight = 100 - share * u32::try_from(replica_regions.len()).unwrap_or(0);
        model::Database {
            name: "app".into(),
            engine_version: Some("17.6".into()),
            port: None,
            instance_class: DB_CLASSES[*class].into(),
            storage_gb: None,
            max_storage_gb: None,
            ssl_mode: None,
            max_connections: None,
            pool_size: None,
            backup_retention_days: None,
            multi_az: None,
            deletion_protection: None,
            primary: model::DatabasePrimary {
                region: primary.into(),
                promoted_from: None,
                read_weight: Some(primary_weight),
            },
            read_replicas: replica_regions
                .iter()
                .map(|region| model::ReadReplica {
                    region: (*region).into(),
                    weight: share,
                    multi_az: None,
                    storage_type: None,
                    iops: None,
                    max_storage_gb: None,
                    performance_insights: None,
                })
                .collect(),
            read_routing: None,
            replication: Some(model::Replication {
                asynchronous: Some(true),
                wal_level: Some(if *logical {
                    model::WalLevel::Logical
                } else {
                    model::WalLevel::Replica
                }),
                max_wal_senders: None,
                wal_keep_size: Some("512MB".into()),
            }),
            failover: None,
            password_rotation_days: None,
        }
    });
    let cache = knobs.cache.as_ref().map(|(cluster, targets)| {
        let mut target_regions: Vec<String> = others
            .iter()
            .zip(targets.iter().skip(1))
            .filter(|(_, on)| **on)
            .map(|(r, _)| (*r).to_owned())
            .collect();
        // A Global Datastore takes at most two secondary regions (E432); the others get a
        // standalone cache of their own.
        let standalone_regions = if target_regions.len() > 2 {
            target_regions.split_off(2)
        } else {
            Vec::new()
        };
        model::Cache {
            mode: if *cluster {
                model::CacheMode::Cluster
            } else {
                model::CacheMode::Sentinel
            },
            engine_version: None,
            node_type: "cache.r6g.large".into(),
            shards: cluster.then_some(2),
            replicas_per_shard: None,
            port: None,
            global_keys: Some(model::GlobalKeys {
                prefix: "app:global".into(),
                replicated_keys: vec!["session:*".into()],
            }),
            cross_region_replication: (!target_regions.is_empty()).then(|| {
                model::CacheReplication {
                    enabled: None,
                    strategy: model::CacheReplicationStrategy::ActivePassive,
                    source_region: primary.into(),
                    target_regions,
                    conflict_resolution: None,
                }
            }),
            standalone_regions,
        }
    });
    let has_cache_everywhere = knobs
        .cache
        .as_ref()
        .is_some_and(|(_, targets)| others.iter().zip(targets.iter().skip(1)).all(|(_, on)| *on));
    let services: Vec<model::Service> = knobs
        .services
        .iter()
        .enumerate()
        .map(|(index, service)| {
            let (cpu, memory) = FARGATE_SIZES[service.size];
            let mut environment = BTreeMap::from([("REGION".to_owned(), "${region}".to_owned())]);
            let mut secrets = BTreeMap::new();
            if database.is_some() {
                environment.insert("DB_HOST".into(), "${database.reader.address}".into());
                secrets.insert("DB_PASSWORD".into(), "${database.password}".into());
            }
            if cache.is_some() && (knobs.regions.len() == 1 || has_cache_everywhere) {
                environment.insert("CACHE".into(), "${cache.endpoint}".into());
            }
            let triggers = service.triggers.then(|| model::Rollback {
                enabled: None,
                triggers: Some(model::RollbackTriggers {
                    error_rate_threshold: Some(0.05),
                    latency_threshold_ms: Some(1500),
                    health_check_failure: Some(true),
                }),
                actions: Vec::new(),
                timing: None,
            });
            model::Service {
                physical_name: None,
                name: format!("svc{index}"),
                renamed_from: None,
                image: format!("registry.example.com/svc{index}:${{IMAGE_TAG}}"),
                cpu,
                memory,
                port: Some(8080 + u32::try_from(index).unwrap_or(0)),
                architecture: None,
                command: (index % 3 == 1).then(|| vec!["serve".into(), format!("--shard={index}")]),
                entrypoint: (index % 4 == 2).then(|| vec!["/sbin/tini".into(), "--".into()]),
                regions: None,
                roles: None,
                environment_by_region: BTreeMap::new(),
                environment,
                secrets,
                logs: None,
                health_check: None,
                desired_count: model::PerRole {
                    primary: service.desired,
                    secondary: Some(service.desired),
                    optional: Some(1),
                },
                deployment: Some(model::Deployment {
                    strategy: Some(if service.blue_green {
                        model::DeploymentStrategy::BlueGreen
                    } else {
                        model::DeploymentStrategy::Rolling
                    }),
                    minimum_healthy_percent: None,
                    maximum_percent: None,
                    bake_time_minutes: service.blue_green.then_some(3),
                    rollback: triggers,
                }),
                scaling: service.scaling.then(|| model::Scaling {
                    capacity: model::PerRole {
                        primary: capacity(1, 8),
                        secondary: None,
                        optional: None,
                    },
                    target_cpu_percent: None,
                    schedules: service
                        .schedules
                        .iter()
                        .enumerate()
                        .map(|(schedule_index, (cron, zone))| model::Schedule {
                            name: format!("schedule-{schedule_index}"),
                            cron: CRONS[*cron].into(),
                            timezone: Some(ZONES[*zone].into()),
                            capacity: model::ScheduleCapacity {
                                primary: Some(capacity(2, 8)),
                                secondary: Some(capacity(1, 4)),
                                optional: None,
                            },
                        })
                        .collect(),
                }),
            }
        })
        .collect();
    let load_balancer = model::LoadBalancer {
        physical_name: None,
        scheme: model::LoadBalancerScheme::InternetFacing,
        ingress_cidrs: None,
        idle_timeout_seconds: None,
        deletion_protection: None,
        access_logs: None,
        listeners: vec![
            model::Listener {
                port: 443,
                protocol: model::ListenerProtocol::Https,
                certificates: vec!["${CERTIFICATE_ARN}".into()],
                ssl_policy: None,
                redirect_to_port: None,
                rules: services
                    .iter()
                    .enumerate()
                    .map(|(index, service)| model::ListenerRule {
                        priority: 10 + u32::try_from(index).unwrap_or(0),
                        hosts: Vec::new(),
                        paths: vec![format!("/{}/*", service.name)],
                        target_group: service.name.clone(),
                    })
                    .collect(),
            },
            model::Listener {
                port: 80,
                protocol: model::ListenerProtocol::Http,
                certificates: Vec::new(),
                ssl_policy: None,
                redirect_to_port: Some(443),
                rules: Vec::new(),
            },
        ],
        target_groups: services
            .iter()
            .map(|service| model::TargetGroup {
                physical_name: None,
                name: service.name.clone(),
                service: service.name.clone(),
                // Every generated service serves requests.
                port: service.port.unwrap_or_default(),
                protocol: None,
                health_check: model::TargetHealthCheck {
                    path: "/health".into(),
                    interval_seconds: None,
                    timeout_seconds: None,
                    healthy_threshold: None,
                    unhealthy_threshold: None,
                    matcher: None,
                },
                deregistration_delay_seconds: None,
            })
            .collect(),
    };
    let buckets = knobs
        .bucket
        .map(|(replicate, locked, destination)| {
            let lock = locked.then_some(model::ObjectLock {
                enabled: None,
                mode: model::ObjectLockMode::Governance,
                retention_days: 30,
            });
            let destination_region = REGION_POOL
                .iter()
                .copied()
                .find(|r| *r != primary)
                .unwrap_or("eu-west-1");
            let mut buckets = vec![model::Bucket {
                name: "data".into(),
                renamed_from: None,
                region: primary.into(),
                bucket_name: None,
                versioning: None,
                object_lock: lock.clone(),
                replication: if replicate {
                    vec![model::ReplicationRule {
                        destination: "data-copy".into(),
                        storage_class: Some(
                            [
                                model::StorageClass::StandardIa,
                                model::StorageClass::Glacier,
                                model::StorageClass::Standard,
                            ][usize::from(destination)],
                        ),
                        replication_time: Some(model::ReplicationTime {
                            minutes: Some(15),
                            hours: None,
                        }),
                        delete_markers: None,
                    }]
                } else {
                    Vec::new()
                },
            }];
            if replicate {
                buckets.push(model::Bucket {
                    name: "data-copy".into(),
                    renamed_from: None,
                    region: destination_region.into(),
                    bucket_name: None,
                    versioning: None,
                    object_lock: lock,
                    replication: Vec::new(),
                });
            }
            buckets
        })
        .unwrap_or_default();
    let replicas = database
        .as_ref()
        .is_some_and(|d| !d.read_replicas.is_empty());
    let conditions = [
        (model::AlertCondition::PrimaryRegionDown, None, knobs.dns),
        (model::AlertCondition::ReplicaLag, Some(30.0), replicas),
        (model::AlertCondition::Latency, Some(500.0), true),
        (model::AlertCondition::FailedHealthChecks, Some(1.0), true),
        (model::AlertCondition::ErrorRate, Some(0.05), true),
        (model::AlertCondition::Http5xx, Some(25.0), true),
        (model::AlertCondition::ServiceCpu, Some(80.0), true),
        (
            model::AlertCondition::DatabaseCpu,
            Some(85.0),
            database.is_some(),
        ),
    ];
    let alerts = conditions
        .iter()
        .zip(&knobs.alerts)
        .filter(|((_, _, possible), wanted)| *possible && **wanted)
        .map(|((condition, threshold, _), _)| model::Alert {
            name: format!("{condition:?}Alert"),
            condition: *condition,
            threshold: *threshold,
            severity: model::AlertSeverity::Warning,
            action: model::AlertAction::Notify,
            period_seconds: None,
            evaluation_periods: None,
            metric: None,
            math: None,
            comparison: None,
        })
        .collect();
    model::Stack {
        stack: "generated".into(),
        environment: None,
        cluster: None,
        terraform: None,
        environments: BTreeMap::new(),
        description: None,
        objectives: None,
        tags: BTreeMap::from([("team".to_owned(), "test".to_owned())]),
        parameters: BTreeMap::new(),
        regions,
        load_balancer: Some(load_balancer),
        load_balancers: Vec::new(),
        services,
        database,
        cache,
        buckets,
        dns: knobs.dns.then(|| model::Dns {
            set_identifier: None,
            domain: "api.example.com".into(),
            hosts: Vec::new(),
            hosted_zone_id: "${HOSTED_ZONE_ID}".into(),
            routing: None,
            ttl_seconds: None,
            record_type: None,
            health_check: model::DnsHealthCheck {
                path: "/health".into(),
                interval_seconds: Some(30),
                failure_threshold: Some(3),
                timeout_seconds: None,
            },
        }),
        cdn: None,
        // With DNS, the accelerator too: both front the same load balancers.
        global_accelerator: knobs.dns.then_some(model::GlobalAccelerator {
            enabled: None,
            client_affinity: None,
        }),
        failover: None,
        notifications: vec![model::NotificationTarget {
            physical_name: None,
            name: "ops".into(),
            severities: vec![
                model::AlertSeverity::Critical,
                model::AlertSeverity::Warning,
            ],
            email: vec!["ops@example.com".into()],
            https: Vec::new(),
        }],
        alerts,
        dashboards: if knobs.dashboard {
            vec![model::Dashboard {
                physical_name: None,
                name: "overview".into(),
                widgets: vec![
                    model::Widget {
                        title: "Requests".into(),
                        metric: model::WidgetMetric::RequestCount,
                        stat: None,
                        period_seconds: None,
                    },
                    model::Widget {
                        title: "CPU".into(),
                        metric: model::WidgetMetric::ServiceCpu,
                        stat: Some("p90".into()),
                        period_seconds: Some(300),
                    },
                ],
            }]
        } else {
            Vec::new()
        },
        overrides: model::Overrides::default(),
        acknowledge: Vec::new(),
    }
}

/// Every reference of a synthesis that does not resolve: in each CloudFormation template, and in the
/// Terraform module.
fn unresolved_references(files: &[OutputFile]) -> Vec<String> {
    let json = |file: &OutputFile| -> Json {
        serde_json::from_str(&file.contents)
            .unwrap_or_else(|error| panic!("{} is not JSON: {error}", file.path))
    };
    let mut findings = Vec::new();
    let mut templates = 0;
    for file in files.iter().filter(|file| {
        file.path.starts_with("cloudformation/") && file.path.ends_with(".template.json")
    }) {
        templates += 1;
        findings.extend(
            meridian_cfn::l1::unresolved_references(&json(file))
                .iter()
                .map(|problem| format!("{}: {problem}", file.path)),
        );
    }
    let module: Vec<(&str, Json)> = files
        .iter()
        .filter_map(|file| Some((file.path.strip_prefix("terraform/")?, json(file))))
        .collect();
    assert!(
        templates > 0 && !module.is_empty(),
        "no templates or no module to check"
    );
    let module: Vec<&Json> = module.iter().map(|(_, json)| json).collect();
    findings.extend(
        meridian_tf::l1::unresolved_references(&module)
            .iter()
            .map(|problem| format!("terraform: {problem}")),
    );
    findings
}

proptest! {
    // A fixed seed: CI judges every change on the same 256 stacks.
    #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(0x6d65_7269_6469_616e), ..ProptestConfig::default() })]

    #[test]
    fn generated_stacks_synthesize_without_panic_and_stably(knobs in knobs()) {
        let stack = build(&knobs);
        // JSON is YAML: the stack goes through the real loader.
        let text = serde_json::to_string_pretty(&stack).expect("the model serializes");
        let checked = match check("generated.yaml", text.as_bytes()) {
            Ok(checked) => checked,
            Err(rejected) => panic!("a generated stack was rejected:\n{}\n{text}", rejected.report("generated.yaml")),
        };
        prop_assert!(checked.warnings.is_empty(), "warnings: {:?}", checked.warnings);
        prop_assert_eq!(&checked.loaded.stack, &stack, "the YAML round trip changed the stack");
        let first = emit(&checked.plan, Target::All, &BTreeMap::new()).expect("templates render");
        let second = emit(&checked.plan, Target::All, &BTreeMap::new()).expect("templates render");
        prop_assert!(first == second, "two syntheses differ");
        prop_assert!(first.iter().any(|f| f.path == "manifest.json"));
        prop_assert!(first.iter().any(|f| f.path == "terraform/main.tf.json"));
        let decided = common::decided_value_differences(
            &checked.plan,
            &mut vec![0; meridian_tf::parity::DECIDED_VALUES.len()],
        );
        prop_assert!(
            decided.is_empty(),
            "CloudFormation and Terraform write decided values differently:\n  {}\n{text}",
            decided.join("\n  ")
        );
        let findings = unresolved_references(&first);
        prop_assert!(
            findings.is_empty(),
            "the output has references that do not resolve:\n  {}\n{text}",
            findings.join("\n  ")
        );
    }
}
