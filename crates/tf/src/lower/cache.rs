//! ElastiCache for Redis: the subnet group and the replication group of a region. The primary (or a
//! standalone cluster) is configured fully, with encryption at rest and in transit, the AUTH token from its
//! generated secret, Multi-AZ, automatic failover and snapshots, and creates the Global Datastore when the
//! plan has one; a secondary joins the Global Datastore and sets only what a secondary may set. It decides
//! no node type, shard count or version.

use meridian_plan::{CachePlan, CachePrimaryPlan, CacheRole, GlobalDatastorePlan};

use super::secrets::SecretUpdates;
use super::{Lowered, Lowerer, region_argument, switch};
use crate::l1::{
    ElasticacheGlobalReplicationGroup, ElasticacheReplicationGroup, ElasticacheSubnetGroup,
    ResourceRef, SecurityGroup,
};

impl Lowerer<'_> {
    /// The cache of `region`.
    pub(super) fn lower_cache(&mut self, region: &str, cache: &CachePlan) -> Lowered {
        let CachePlan {
            rid,
            replication_group_id,
            description,
            cluster_mode,
            subnet_group,
            subnet_group_name,
            subnet_group_description,
            subnets,
            security_group,
            port,
            replicas_per_shard,
            node_count,
            multi_az,
            automatic_failover,
            // Clients connect to the endpoint the plan chose; the module has no use for it.
            endpoint: _,
            role,
            // A standalone group beside the Global Datastore is lowered as any primary; the flag
            // only tells runbooks and failover it is never promoted.
            beside_global_datastore: _,
        } = cache;
        let subnet_group_handle = self.add(
            &subnet_group.tf,
            ElasticacheSubnetGroup {
                description: Some(subnet_group_description.into()),
                region: region_argument(region),
                ..ElasticacheSubnetGroup::new(subnet_group_name, self.values(subnets))
            },
        )?;
        let cluster_mode = *cluster_mode;
        // The node layout: shards × (1 + replicas) in cluster mode, the plan's node count otherwise.
        let replicas_per_node_group = cluster_mode.then(|| (*replicas_per_shard).into());
        let common = ElasticacheReplicationGroup {
            automatic_failover_enabled: Some((*automatic_failover).into()),
            multi_az_enabled: Some((*multi_az).into()),
            num_cache_clusters: node_count.map(Into::into),
            region: region_argument(region),
            replicas_per_node_group,
            security_group_ids: Some(
                [ResourceRef::<SecurityGroup>::planned(&security_group.tf).id()]
                    .into_iter()
                    .collect(),
            ),
            subnet_group_name: Some(subnet_group_handle.name().into()),
            ..ElasticacheReplicationGroup::new(description.as_str(), replication_group_id)
        };
        match role {
            CacheRole::Primary(primary) => {
                let CachePrimaryPlan {
                    engine,
                    engine_version,
                    at_rest_encryption,
                    transit_encryption,
                    auto_minor_version_upgrade,
                    final_snapshot,
                    node_type,
                    shards,
                    parameter_group_name,
                    snapshot_retention_days,
                    auth_secret,
                    global,
                } = primary.as_ref();
                let password = self
                    .lower_secret(region, auth_secret, Vec::new(), SecretUpdates::Terraform)?
                    .password;
                let group = self.add(
                    &rid.tf,
                    ElasticacheReplicationGroup {
                        // The provider takes these two as strings.
                        at_rest_encryption_enabled: Some(at_rest_encryption.to_string().into()),
                        auth_token: Some(password.result().into()),
                        auto_minor_version_upgrade: Some(
                            auto_minor_version_upgrade.to_string().into(),
                        ),
                        cluster_mode: Some(switch(cluster_mode).into()),
                        engine: Some(engine.as_str().into()),
                        engine_version: Some(engine_version.into()),
                        final_snapshot_identifier: final_snapshot.as_ref().map(Into::into),
                        node_type: Some(node_type.into()),
                        num_node_groups: cluster_mode.then(|| (*shards).into()),
                        parameter_group_name: Some(parameter_group_name.into()),
                        port: Some((*port).into()),
                        snapshot_retention_limit: Some((*snapshot_retention_days).into()),
                        transit_encryption_enabled: Some((*transit_encryption).into()),
                        ..common
                    },
                )?;
                if let Some(GlobalDatastorePlan {
                    rid: global_rid,
                    suffix,
                    description,
                }) = global
                {
                    self.add(
                        &global_rid.tf,
                        ElasticacheGlobalReplicationGroup {
                            automatic_failover_enabled: Some((*automatic_failover).into()),
                            global_replication_group_description: Some(description.into()),
                            region: region_argument(region),
                            ..ElasticacheGlobalReplicationGroup::new(suffix, group.id())
                        },
                    )?;
                }
            }
            CacheRole::Secondary {
                global_datastore_id,
                // Read by the services of the region, not by the cache.
                auth_secret_arn: _,
            } => {
                // Engine, version, node type, shards, parameter group, port, encryption and the AUTH token
                // come from the primary.
                self.add(
                    &rid.tf,
                    ElasticacheReplicationGroup {
                        global_replication_group_id: Some(self.value(global_datastore_id)),
                        ..common
                    },
                )?;
            }
        }
        Ok(())
    }
}
