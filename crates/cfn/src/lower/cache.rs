//! Redis on ElastiCache: the subnet group and the replication group of a region — a primary or
//! standalone group configured in full (encryption at rest and in transit, AUTH token from a
//! generated secret, Multi-AZ, snapshots) and the Global Datastore it leads, or a Global Datastore
//! secondary that inherits engine, node type, encryption and AUTH from the primary. It must not
//! choose node types, shard counts or versions.

use meridian_plan::{Attr, CachePlan, CachePrimaryPlan, CacheRole, GlobalDatastorePlan};

use crate::l1::elasticache::{
    GlobalMemberRole, GlobalReplicationGroup, GlobalReplicationGroupMember, ReplicationGroup,
    SubnetGroup,
};
use crate::l1::{DeletionPolicy, Resource, UpdateReplacePolicy, Value};

use super::UnitTemplate;
use super::database::lower_secret;
use super::values::{attr_of, reference};

/// Adds the cache of a region.
pub(crate) fn lower_cache(unit: &mut UnitTemplate<'_>, cache: &CachePlan) {
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
        // Clients connect to the endpoint the plan chose; the template has no use for it.
        endpoint: _,
        role,
        // A standalone group beside the Global Datastore is lowered as any primary; the flag
        // only tells runbooks and failover it is never promoted.
        beside_global_datastore: _,
    } = cache;
    let subnet_group_properties = SubnetGroup {
        description: Value::from(subnet_group_description.as_str()),
        subnet_ids: unit.values.texts(subnets),
        cache_subnet_group_name: Some(Value::from(subnet_group_name.as_str())),
        tags: unit.values.tags(None),
    };
    unit.add(subnet_group, Resource::new(subnet_group_properties));

    let common = ReplicationGroup {
        replication_group_id: Some(Value::from(replication_group_id.as_str())),
        cache_subnet_group_name: Some(reference(subnet_group)),
        security_group_ids: vec![attr_of(security_group, Attr::SecurityGroupId)],
        multi_az_enabled: Some((*multi_az).into()),
        tags: unit.values.tags(None),
        ..ReplicationGroup::new(description.as_str())
    };
    let layout = Layout {
        cluster_mode: *cluster_mode,
        replicas_per_shard: *replicas_per_shard,
        node_count: *node_count,
    };
    match role {
        CacheRole::Primary(primary) => {
            let properties = ReplicationGroup {
                port: Some(i64::from(*port).into()),
                ..common
            };
            lower_primary(unit, cache, primary, properties, layout);
        }
        CacheRole::Secondary {
            global_datastore_id,
            // The AUTH token comes from the primary; services read this replica of the secret.
            auth_secret_arn: _,
        } => {
            // A Global Datastore secondary listens on the primary's port: `port` stays unset.
            let mut properties = ReplicationGroup {
                global_replication_group_id: Some(unit.values.text(global_datastore_id)),
                automatic_failover_enabled: Some((*automatic_failover).into()),
                ..common
            };
            layout.shape(&mut properties, None);
            unit.add(rid, Resource::new(properties));
        }
    }
}

/// The plan's node layout of a replication group.
#[derive(Debug, Clone, Copy)]
struct Layout {
    cluster_mode: bool,
    replicas_per_shard: u32,
    node_count: Option<u32>,
}

impl Layout {
    /// Sets shards (a primary's) and replicas per shard in cluster mode, else the nodes of the one
    /// shard.
    fn shape(self, properties: &mut ReplicationGroup, shards: Option<u32>) {
        if self.cluster_mode {
            properties.num_node_groups = shards.map(|shards| i64::from(shards).into());
            properties.replicas_per_node_group = Some(i64::from(self.replicas_per_shard).into());
        }
        properties.num_cache_clusters = self.node_count.map(|nodes| i64::from(nodes).into());
    }
}

fn lower_primary(
    unit: &mut UnitTemplate<'_>,
    cache: &CachePlan,
    primary: &CachePrimaryPlan,
    common: ReplicationGroup,
    layout: Layout,
) {
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
    } = primary;
    lower_secret(unit, auth_secret);
    let auth_token = Value::sub(format!(
        "{{{{resolve:secretsmanager:${{{}}}:SecretString:{}}}}}",
        auth_secret.rid.logical, auth_secret.generated_field
    ));
    let mut properties = ReplicationGroup {
        engine: Some(Value::from(engine.as_str())),
        engine_version: Some(Value::from(engine_version.as_str())),
        cache_node_type: Some(Value::from(node_type.as_str())),
        cache_parameter_group_name: Some(Value::from(parameter_group_name.as_str())),
        automatic_failover_enabled: Some(cache.automatic_failover.into()),
        at_rest_encryption_enabled: Some((*at_rest_encryption).into()),
        transit_encryption_enabled: Some((*transit_encryption).into()),
        auth_token: Some(auth_token),
        snapshot_retention_limit: Some(i64::from(*snapshot_retention_days).into()),
        auto_minor_version_upgrade: Some((*auto_minor_version_upgrade).into()),
        ..common
    };
    layout.shape(&mut properties, Some(*shards));
    // CloudFormation names the final snapshot itself (the plan's name is Terraform's); without one,
    // its default for a replication group already deletes.
    let resource = Resource::new(properties);
    let resource = if final_snapshot.is_some() {
        resource
            .deletion_policy(DeletionPolicy::Snapshot)
            .update_replace_policy(UpdateReplacePolicy::Snapshot)
    } else {
        resource
    };
    unit.add(&cache.rid, resource);
    if let Some(global) = global {
        let GlobalDatastorePlan {
            rid,
            suffix,
            description,
        } = global;
        unit.add(
            rid,
            Resource::new(GlobalReplicationGroup {
                members: vec![GlobalReplicationGroupMember {
                    replication_group_id: Some(reference(&cache.rid)),
                    replication_group_region: Some(Value::aws_region()),
                    role: Some(GlobalMemberRole::Primary),
                }],
                global_replication_group_id_suffix: Some(Value::from(suffix.as_str())),
                global_replication_group_description: Some(Value::from(description.as_str())),
                automatic_failover_enabled: Some(cache.automatic_failover.into()),
                tags: unit.values.tags(None),
                ..GlobalReplicationGroup::new(Vec::new())
            }),
        );
    }
}
