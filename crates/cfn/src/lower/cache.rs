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
        subnets,
        security_group,
        port,
        replicas_per_shard,
        endpoint,
        role,
    } = cache;
    let subnet_group_properties = SubnetGroup {
        description: Value::from(format!("Private subnets of {replication_group_id}")),
        subnet_ids: unit.values.texts(subnets),
        cache_subnet_group_name: Some(Value::from(subnet_group_name.as_str())),
        tags: unit.values.tags(None),
    };
    unit.add(subnet_group, Resource::new(subnet_group_properties));

    // With replicas, a node failure promotes a replica in another zone; a shard without replicas
    // has nothing to fail over to, which ElastiCache rejects with these settings on.
    let has_replicas = *replicas_per_shard > 0;
    let common = ReplicationGroup {
        replication_group_id: Some(Value::from(replication_group_id.as_str())),
        cache_subnet_group_name: Some(reference(subnet_group)),
        security_group_ids: vec![attr_of(security_group, Attr::SecurityGroupId)],
        multi_az_enabled: Some(has_replicas.into()),
        tags: unit.values.tags(None),
        ..ReplicationGroup::new(description.as_str())
    };
    // Clients connect to the endpoint the plan chose; the template has no use for it.
    let _ = endpoint;
    let cluster_mode = *cluster_mode;
    match role {
        CacheRole::Primary(primary) => {
            let properties = ReplicationGroup {
                port: Some(i64::from(*port).into()),
                ..common
            };
            lower_primary(unit, cache, primary, properties, cluster_mode, has_replicas);
        }
        CacheRole::Secondary {
            global_datastore_id,
            // The AUTH token comes from the primary; services read this replica of the secret.
            auth_secret_arn: _,
        } => {
            // A Global Datastore secondary listens on the primary's port: `port` stays unset.
            let mut properties = ReplicationGroup {
                global_replication_group_id: Some(unit.values.text(global_datastore_id)),
                automatic_failover_enabled: Some((cluster_mode || has_replicas).into()),
                ..common
            };
            shape(&mut properties, cluster_mode, None, *replicas_per_shard);
            unit.add(rid, Resource::new(properties));
        }
    }
}

/// Sets the node layout: shards and replicas per shard in cluster mode, else one shard of a primary
/// and its replicas.
fn shape(
    properties: &mut ReplicationGroup,
    cluster_mode: bool,
    shards: Option<u32>,
    replicas_per_shard: u32,
) {
    if cluster_mode {
        properties.num_node_groups = shards.map(|shards| i64::from(shards).into());
        properties.replicas_per_node_group = Some(i64::from(replicas_per_shard).into());
    } else {
        properties.num_cache_clusters = Some((1 + i64::from(replicas_per_shard)).into());
    }
}

fn lower_primary(
    unit: &mut UnitTemplate<'_>,
    cache: &CachePlan,
    primary: &CachePrimaryPlan,
    common: ReplicationGroup,
    cluster_mode: bool,
    has_replicas: bool,
) {
    let CachePrimaryPlan {
        engine_version,
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
        engine: Some(Value::from("redis")),
        engine_version: Some(Value::from(engine_version.as_str())),
        cache_node_type: Some(Value::from(node_type.as_str())),
        cache_parameter_group_name: Some(Value::from(parameter_group_name.as_str())),
        // Cluster mode needs automatic failover; without it, failover needs a replica.
        automatic_failover_enabled: Some((cluster_mode || has_replicas).into()),
        at_rest_encryption_enabled: Some(true.into()),
        transit_encryption_enabled: Some(true.into()),
        auth_token: Some(auth_token),
        snapshot_retention_limit: Some(i64::from(*snapshot_retention_days).into()),
        auto_minor_version_upgrade: Some(true.into()),
        ..common
    };
    shape(
        &mut properties,
        cluster_mode,
        Some(*shards),
        cache.replicas_per_shard,
    );
    // The cache's data survives the group leaving the stack in a final snapshot.
    unit.add(
        &cache.rid,
        Resource::new(properties)
            .deletion_policy(DeletionPolicy::Snapshot)
            .update_replace_policy(UpdateReplacePolicy::Snapshot),
    );
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
                automatic_failover_enabled: Some((cluster_mode || has_replicas).into()),
                ..GlobalReplicationGroup::new(Vec::new())
            }),
        );
    }
}
