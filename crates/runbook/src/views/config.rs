//! View-model of `config/<region>.yaml`: the application's configuration in one region, every
//! value already a YAML scalar (a JSON string or number, which YAML reads as is), every
//! deploy-time value a reference mapping naming where it is read (`ssm`, or
//! `cloudformation_output` and `terraform_output`).

use meridian_plan::{AppConfigPlan, DeployTimeValue, Plan};
use serde::Serialize;

use crate::files;

/// `config/<region>.yaml`.
#[derive(Debug, Serialize)]
pub(crate) struct ConfigView {
    /// The file's name.
    pub file_name: String,
    /// The region, quoted.
    pub region: String,
    /// The stack, for the header.
    pub stack: String,
    /// `database:`, when the stack has a database.
    pub database: Option<DatabaseView>,
    /// `redis:`, when the region has a cache cluster.
    pub redis: Option<RedisView>,
}

/// A deploy-time value as a YAML flow mapping: `{ssm: "NAME"}`, or
/// `{cloudformation_output: {stack: "S", region: "R", output: "O"}, terraform_output: "T"}`.
#[derive(Debug, Serialize)]
pub(crate) struct ValueView {
    /// The mapping, one line.
    pub yaml: String,
}

/// `database:`.
#[derive(Debug, Serialize)]
pub(crate) struct DatabaseView {
    pub primary_host: ValueView,
    pub port: u32,
    pub name: String,
    pub ssl_mode: String,
    pub max_connections: Option<u32>,
    pub read_replicas: Vec<ReplicaView>,
    pub routing_strategy: String,
    pub replication: Option<ReplicationView>,
    pub failover_enabled: bool,
    pub promotion_timeout_seconds: u32,
    pub health_check_interval_seconds: u32,
}

/// One read endpoint.
#[derive(Debug, Serialize)]
pub(crate) struct ReplicaView {
    pub region: String,
    pub host: ValueView,
    pub weight: u32,
}

/// `database.replication`.
#[derive(Debug, Serialize)]
pub(crate) struct ReplicationView {
    pub asynchronous: bool,
    pub wal_level: String,
    pub max_wal_senders: u32,
    pub wal_keep_size: Option<String>,
}

/// `redis:`.
#[derive(Debug, Serialize)]
pub(crate) struct RedisView {
    pub mode: String,
    pub nodes: Vec<NodeView>,
    pub primary: Option<ValueView>,
    pub standalone: bool,
    pub global_prefix: Option<String>,
    pub replicated_keys: Vec<String>,
    pub cross_region_replication: Option<CacheReplicationView>,
}

/// One node (endpoint) with its port.
#[derive(Debug, Serialize)]
pub(crate) struct NodeView {
    pub host: ValueView,
    pub port: u32,
}

/// `redis.cross_region_replication`.
#[derive(Debug, Serialize)]
pub(crate) struct CacheReplicationView {
    pub enabled: bool,
    pub strategy: String,
    pub source_region: String,
    pub target_regions: Vec<String>,
    pub conflict_resolution: String,
}

/// `value` as a YAML scalar: a double-quoted JSON string, which YAML reads as the same string
/// whatever it holds (`:`, `*`, `#`, a leading `/`).
fn scalar(value: &str) -> String {
    serde_json::Value::from(value).to_string()
}

fn value(value: &DeployTimeValue) -> ValueView {
    let yaml = match value {
        DeployTimeValue::Parameter { name } => format!("{{ssm: {}}}", scalar(name)),
        DeployTimeValue::Output {
            stack_name,
            region,
            output,
            tf_output,
        } => format!(
            "{{cloudformation_output: {{stack: {}, region: {}, output: {}}}, terraform_output: {}}}",
            scalar(stack_name),
            scalar(region),
            scalar(output),
            scalar(tf_output)
        ),
    };
    ValueView { yaml }
}

/// One view per configuration the plan decides.
pub(crate) fn build_all(plan: &Plan) -> Vec<ConfigView> {
    plan.app_configs
        .iter()
        .map(|config| build(plan, config))
        .collect()
}

fn build(plan: &Plan, config: &AppConfigPlan) -> ConfigView {
    let AppConfigPlan {
        region,
        database,
        redis,
    } = config;
    ConfigView {
        file_name: files::app_config(region),
        region: scalar(region),
        stack: scalar(&plan.stack),
        database: database.as_ref().map(|database| {
            let (failover_enabled, promotion_timeout_seconds, health_check_interval_seconds) =
                database.failover;
            DatabaseView {
                primary_host: value(&database.primary_host),
                port: database.port,
                name: scalar(&database.name),
                ssl_mode: scalar(database.ssl_mode),
                max_connections: database.max_connections,
                read_replicas: database
                    .read_replicas
                    .iter()
                    .map(|replica| ReplicaView {
                        region: scalar(&replica.region),
                        host: value(&replica.host),
                        weight: replica.weight,
                    })
                    .collect(),
                routing_strategy: scalar(database.routing_strategy),
                replication: database
                    .replication
                    .as_ref()
                    .map(|replication| ReplicationView {
                        asynchronous: replication.asynchronous,
                        wal_level: scalar(replication.wal_level),
                        max_wal_senders: replication.max_wal_senders,
                        wal_keep_size: replication.wal_keep_size.as_deref().map(scalar),
                    }),
                failover_enabled,
                promotion_timeout_seconds,
                health_check_interval_seconds,
            }
        }),
        redis: redis.as_ref().map(|redis| RedisView {
            mode: scalar(redis.mode),
            nodes: redis
                .nodes
                .iter()
                .map(|(host, port)| NodeView {
                    host: value(host),
                    port: *port,
                })
                .collect(),
            primary: redis.primary.as_ref().map(value),
            standalone: redis.standalone,
            global_prefix: redis.global_keys.as_ref().map(|(prefix, _)| scalar(prefix)),
            replicated_keys: redis
                .global_keys
                .as_ref()
                .map(|(_, keys)| keys.iter().map(|key| scalar(key)).collect())
                .unwrap_or_default(),
            cross_region_replication: redis.cross_region_replication.as_ref().map(|replication| {
                CacheReplicationView {
                    enabled: replication.enabled,
                    strategy: scalar(replication.strategy),
                    source_region: scalar(&replication.source_region),
                    target_regions: replication
                        .target_regions
                        .iter()
                        .map(|region| scalar(region))
                        .collect(),
                    conflict_resolution: scalar(replication.conflict_resolution),
                }
            }),
        }),
    }
}
