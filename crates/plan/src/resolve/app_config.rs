//! The application's configuration per service region, in the shape of the seed's
//! `configs/config.yaml`: what the stack declares (ports, names, weights, key prefixes) as
//! values, and every address as the deploy-time source that holds it, never a literal. The
//! writer's address and the cache primary's endpoint are the region's endpoint parameters, the
//! same SSM parameters the tasks read at start and a failover rewrites, so the service's
//! read/write splitter follows a failover like the tasks' environment does; each read endpoint
//! and cache cluster is the output its unit already exports. Only outputs that exist are named:
//! the configuration is built from the units' outputs once every area has exported its own.

use meridian_model::{
    CacheMode, CacheReplicationStrategy, ConflictResolution, ReadRouting, SslMode, WalLevel,
};

use crate::defaults;
use crate::ids::{RegionCode, UnitId};
use crate::naming;
use crate::types::{
    AppConfigPlan, CacheReplicationConfigPlan, DatabaseConfigPlan, DeployTimeValue, EndpointKind,
    ReadReplicaConfigPlan, RedisConfigPlan, RegionPlan, ReplicationConfigPlan,
};

use super::Resolver;

/// The output a region's database instance exports its address as: the writer's, or a read
/// replica's.
const WRITER_ADDRESS_OUTPUT: &str = "DatabaseWriterAddress";
/// The output a region's cache cluster exports its endpoint as.
const CACHE_ENDPOINT_OUTPUT: &str = "CacheEndpoint";

impl Resolver<'_> {
    /// One configuration per region that runs services, when the stack has a database or a
    /// cache.
    pub(crate) fn resolve_app_configs(&self, regions: &[RegionPlan]) -> Vec<AppConfigPlan> {
        let stack = self.stack;
        if stack.database.is_none() && stack.cache.is_none() {
            return Vec::new();
        }
        regions
            .iter()
            .filter_map(|region| {
                let app = region.app.as_ref()?;
                if app.services.is_empty() {
                    return None;
                }
                let parameter = |kind: EndpointKind| {
                    app.endpoints
                        .iter()
                        .find(|endpoint| endpoint.kind == kind)
                        .map(|endpoint| DeployTimeValue::Parameter {
                            name: endpoint.name.clone(),
                        })
                };
                Some(AppConfigPlan {
                    region: region.region.clone(),
                    database: self.database_config(parameter(EndpointKind::WriterAddress)),
                    redis: self.redis_config(
                        &region.region,
                        parameter(EndpointKind::CachePrimary),
                        app.cache
                            .as_ref()
                            .is_some_and(|cache| cache.beside_global_datastore),
                    ),
                })
            })
            .collect()
    }

    /// The output `name` of `region`'s application unit, if that unit exports it.
    fn region_output(&self, region: &RegionCode, name: &str) -> Option<DeployTimeValue> {
        let unit = UnitId::Region(region.clone());
        let output = self.outputs.get(&unit)?.get(name)?;
        Some(DeployTimeValue::Output {
            stack_name: naming::stack_name(&self.stack.stack, &unit),
            region: region.clone(),
            output: output.name.clone(),
            tf_output: output.tf_name.clone(),
        })
    }

    fn database_config(&self, primary_host: Option<DeployTimeValue>) -> Option<DatabaseConfigPlan> {
        let database = self.stack.database.as_ref()?;
        let writer = RegionCode::from(database.primary.region.as_str());
        let mut read_replicas = vec![ReadReplicaConfigPlan {
            host: self.region_output(&writer, WRITER_ADDRESS_OUTPUT)?,
            region: writer,
            weight: database.primary.read_weight.unwrap_or(0),
        }];
        for replica in &database.read_replicas {
            let region = RegionCode::from(replica.region.as_str());
            read_replicas.push(ReadReplicaConfigPlan {
                host: self.region_output(&region, super::ADOPTED_WRITER_ADDRESS_OUTPUT)?,
                region,
                weight: replica.weight,
            });
        }
        let failover = database.failover.as_ref();
        Some(DatabaseConfigPlan {
            primary_host: primary_host?,
            port: database.port.unwrap_or(defaults::POSTGRES_PORT),
            name: database.name.clone(),
            ssl_mode: match database.ssl_mode {
                Some(SslMode::Prefer) => "prefer",
                Some(SslMode::Require) => "require",
                None if defaults::SSL_REQUIRED => "require",
                None => "prefer",
            },
            max_connections: database.pool_size,
            read_replicas,
            routing_strategy: match database.read_routing {
                Some(ReadRouting::Weight) => "weight",
                Some(ReadRouting::Geo) => "geo",
                Some(ReadRouting::Latency) | None => defaults::READ_ROUTING,
            },
            replication: database
                .replication
                .as_ref()
                .map(|replication| ReplicationConfigPlan {
                    asynchronous: replication.asynchronous.unwrap_or(true),
                    wal_level: match replication.wal_level {
                        Some(WalLevel::Logical) => "logical",
                        Some(WalLevel::Replica) | None => "replica",
                    },
                    max_wal_senders: replication
                        .max_wal_senders
                        .unwrap_or(defaults::MAX_WAL_SENDERS),
                    wal_keep_size: replication.wal_keep_size.clone(),
                }),
            failover: (
                failover.and_then(|f| f.enabled).unwrap_or(true),
                failover
                    .and_then(|f| f.promotion_timeout_seconds)
                    .unwrap_or(defaults::PROMOTION_TIMEOUT_SECONDS),
                failover
                    .and_then(|f| f.health_check_interval_seconds)
                    .unwrap_or(defaults::PROMOTION_PROBE_INTERVAL_SECONDS),
            ),
        })
    }

    fn redis_config(
        &self,
        region: &RegionCode,
        primary: Option<DeployTimeValue>,
        standalone: bool,
    ) -> Option<RedisConfigPlan> {
        let cache = self.stack.cache.as_ref()?;
        let endpoint = self.region_output(region, CACHE_ENDPOINT_OUTPUT)?;
        // A standalone group beside the Datastore takes no part in its replication.
        let replication = cache
            .cross_region_replication
            .as_ref()
            .filter(|_| !standalone);
        Some(RedisConfigPlan {
            mode: match cache.mode {
                CacheMode::Cluster => "cluster",
                CacheMode::Sentinel => "sentinel",
            },
            nodes: vec![(endpoint, cache.port.unwrap_or(defaults::REDIS_PORT))],
            primary,
            standalone,
            global_keys: cache
                .global_keys
                .as_ref()
                .map(|keys| (keys.prefix.clone(), keys.replicated_keys.clone())),
            cross_region_replication: replication.map(|replication| CacheReplicationConfigPlan {
                enabled: replication.enabled.unwrap_or(true),
                strategy: match replication.strategy {
                    CacheReplicationStrategy::ActivePassive => "active-passive",
                    CacheReplicationStrategy::ActiveActive => "active-active",
                },
                source_region: replication.source_region.clone(),
                target_regions: replication.target_regions.clone(),
                conflict_resolution: match replication.conflict_resolution {
                    Some(ConflictResolution::LastWriteWins) | None => "last-write-wins",
                },
            }),
        })
    }
}
