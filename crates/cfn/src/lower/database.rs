//! PostgreSQL on RDS: the writer (encrypted, Multi-AZ, credentials from a generated, replicated and
//! rotated secret) or a cross-region read replica (which inherits engine, encryption and
//! credentials from its source), with subnet and parameter groups and enhanced monitoring. It must
//! not choose sizes, versions, windows or retention.

use meridian_plan::{
    AdoptedCredentialsPlan, DatabasePlan, DatabaseRole, ParameterApplyMethod, ParameterGroupPlan,
    PromotedPlan, ReplicaPlan, Rid, RotationPlan, SecretPlan, SecretReplica, WriterPlan,
};
use meridian_plan::{aws, bug};

use crate::l1::rds::{DbInstance, DbParameterGroup, DbSubnetGroup};
use crate::l1::secretsmanager::{
    GenerateSecretString, HostedRotationLambda, ReplicaRegion, RotationRules, RotationSchedule,
    Secret, SecretTargetAttachment,
};
use crate::l1::{
    DeletionPolicy, ListValue, Resource, ResourceProperties, UpdateReplacePolicy, Value,
};

use super::UnitTemplate;
use super::keys::retained;
use super::policy::role;
use super::values::{arn_of, attr_of, reference};
use meridian_plan::RolePurpose;

/// Adds the database instance and what it needs.
pub(crate) fn lower_database(unit: &mut UnitTemplate<'_>, database: &DatabasePlan) {
    let DatabasePlan {
        rid,
        identifier,
        instance_class,
        port,
        subnet_group,
        subnet_group_description,
        subnets,
        parameter_group,
        storage_type,
        publicly_accessible,
        auto_minor_version_upgrade,
        copy_tags_to_snapshot,
        iam_authentication,
        performance_insights,
        final_snapshot,
        security_group,
        kms_key,
        deletion_protection,
        monitoring_role,
        monitoring_interval_seconds,
        performance_insights_retention_days,
        log_exports,
        role: database_role,
    } = database;

    let subnet_group_properties = DbSubnetGroup {
        db_subnet_group_description: Value::from(subnet_group_description.as_str()),
        subnet_ids: unit.values.texts(subnets),
        db_subnet_group_name: None,
        tags: unit.values.tags(None),
    };
    unit.add(subnet_group, Resource::new(subnet_group_properties));

    let ParameterGroupPlan {
        rid: parameter_group_rid,
        family,
        description,
        parameters,
        // CloudFormation applies static parameters at the next reboot and takes no method.
        apply_method: ParameterApplyMethod::PendingReboot,
    } = parameter_group;
    let parameter_group_properties = DbParameterGroup {
        description: Value::from(description.as_str()),
        family: Value::from(family.as_str()),
        db_parameter_group_name: None,
        parameters: parameters
            .iter()
            .map(|(name, value)| (name.clone(), Value::from(value.as_str())))
            .collect(),
        tags: unit.values.tags(None),
    };
    unit.add(
        parameter_group_rid,
        Resource::new(parameter_group_properties),
    );

    let monitoring = role(&unit.values, RolePurpose::EnhancedMonitoring, None);
    unit.add(monitoring_role, Resource::new(monitoring));

    let key = unit.values.text(kms_key);
    // Settings a writer and a replica share.
    let common = DbInstance {
        db_instance_identifier: Some(Value::from(identifier.as_str())),
        db_instance_class: Some(Value::from(instance_class.as_str())),
        kms_key_id: Some(key.clone()),
        db_subnet_group_name: Some(reference(subnet_group)),
        vpc_security_groups: vec![attr_of(
            security_group,
            meridian_plan::Attr::SecurityGroupId,
        )],
        db_parameter_group_name: Some(reference(parameter_group_rid)),
        port: Some(Value::from(port.to_string())),
        storage_type: Some(Value::from(storage_type.as_str())),
        publicly_accessible: Some((*publicly_accessible).into()),
        deletion_protection: Some((*deletion_protection).into()),
        auto_minor_version_upgrade: Some((*auto_minor_version_upgrade).into()),
        copy_tags_to_snapshot: Some((*copy_tags_to_snapshot).into()),
        enable_iam_database_authentication: Some((*iam_authentication).into()),
        enable_performance_insights: Some((*performance_insights).into()),
        performance_insights_kms_key_id: Some(key),
        performance_insights_retention_period: Some(
            i64::from(*performance_insights_retention_days).into(),
        ),
        monitoring_interval: Some(i64::from(*monitoring_interval_seconds).into()),
        monitoring_role_arn: Some(arn_of(monitoring_role)),
        enable_cloudwatch_logs_exports: log_exports
            .iter()
            .map(|log| Value::from(log.as_str()))
            .collect(),
        tags: unit.values.tags(None),
        ..DbInstance::default()
    };

    // CloudFormation names the final snapshot itself; the plan's identifier is Terraform's.
    let snapshot = final_snapshot.is_some();
    match database_role {
        DatabaseRole::Writer(writer) => lower_writer(unit, database, writer, common, snapshot),
        DatabaseRole::Replica(replica) => {
            let ReplicaPlan {
                max_storage_gb,
                multi_az,
                iops,
                source_arn,
                source_region,
                // The replica's services read it through their secrets; the instance itself
                // inherits its credentials from the source.
                secret_arn: _,
            } = replica;
            // A cross-region replica names its source by ARN and inherits the engine, storage
            // encryption, credentials, database name and storage size: setting any of those is
            // rejected. Its key is `kms_key`, in its own region.
            let properties = DbInstance {
                source_db_instance_identifier: Some(unit.values.text(source_arn)),
                source_region: Some(Value::from(source_region.as_str())),
                max_allocated_storage: Some(i64::from(*max_storage_gb).into()),
                multi_az: multi_az.map(Into::into),
                iops: iops.map(|iops| i64::from(iops).into()),
                ..common
            };
            unit.add(rid, snapshot_policies(Resource::new(properties), snapshot));
        }
        DatabaseRole::Promoted(promoted) => {
            let PromotedPlan {
                source_region,
                max_storage_gb,
                multi_az,
                backup_retention_days,
                backup_window,
                maintenance_window,
            } = promoted.as_ref();
            // "If you remove the SourceDBInstanceIdentifier property from your template and then
            // update your stack, AWS CloudFormation promotes the read replica to a standalone DB
            // instance" (AWS::RDS::DBInstance, registry schema). The instance keeps every
            // create-only property exactly as the replica had it (DBInstanceIdentifier,
            // DBSubnetGroupName, KmsKeyId, SourceRegion; DBName, MasterUsername and
            // StorageEncrypted stay absent: adding one would replace the instance). Only
            // mutable writer settings are added; the instance inherited its engine, credentials
            // and storage size, and keeps them.
            let properties = DbInstance {
                source_region: Some(Value::from(source_region.as_str())),
                max_allocated_storage: Some(i64::from(*max_storage_gb).into()),
                multi_az: Some((*multi_az).into()),
                backup_retention_period: Some(i64::from(*backup_retention_days).into()),
                preferred_backup_window: Some(Value::from(backup_window.as_str())),
                preferred_maintenance_window: Some(Value::from(maintenance_window.as_str())),
                ..common
            };
            unit.add(rid, snapshot_policies(Resource::new(properties), snapshot));
        }
    }
}

/// The master credentials of a writer adopted in another region, where they were created: the
/// attachment names the writer by its ARN.
pub(crate) fn lower_adopted_credentials(
    unit: &mut UnitTemplate<'_>,
    credentials: &AdoptedCredentialsPlan,
) {
    let AdoptedCredentialsPlan {
        // The secret's connection fields are written by the attachment.
        engine: _,
        username_field: _,
        port: _,
        secret,
        secret_attachment,
        rotation,
        writer: _,
        writer_region: _,
        writer_identifier: _,
        writer_arn,
        // Used by the rotation function's security group.
        writer_vpc_cidr: _,
    } = credentials;
    lower_secret(unit, secret);
    let target = unit.values.text(writer_arn);
    lower_credentials(unit, secret, secret_attachment, target, rotation);
}

/// A final snapshot when the plan takes one, else none: CloudFormation's default for a DB
/// instance is a snapshot, so `Delete` is written out.
fn snapshot_policies(resource: Resource, snapshot: bool) -> Resource {
    if snapshot {
        resource
            .deletion_policy(DeletionPolicy::Snapshot)
            .update_replace_policy(UpdateReplacePolicy::Snapshot)
    } else {
        resource
            .deletion_policy(DeletionPolicy::Delete)
            .update_replace_policy(UpdateReplacePolicy::Delete)
    }
}

fn lower_writer(
    unit: &mut UnitTemplate<'_>,
    database: &DatabasePlan,
    writer: &WriterPlan,
    common: DbInstance,
    snapshot: bool,
) {
    let WriterPlan {
        engine,
        engine_version,
        storage_encrypted,
        username_field,
        db_name,
        storage_gb,
        max_storage_gb,
        multi_az,
        backup_retention_days,
        backup_window,
        maintenance_window,
        secret,
        secret_attachment,
        rotation,
    } = writer;
    lower_secret(unit, secret);
    if !secret
        .fixed_fields
        .iter()
        .any(|(field, _)| field == username_field)
    {
        bug(format_args!(
            "the master secret `{}` has no `{username_field}` field",
            secret.rid.logical
        ));
    }
    // Dynamic references resolve when the instance is created or updated. RDS-managed master
    // passwords are not an option: they cannot be used on an instance with read replicas.
    let resolve = |field: &str| {
        Value::sub(format!(
            "{{{{resolve:secretsmanager:${{{}}}:SecretString:{field}}}}}",
            secret.rid.logical
        ))
    };
    let properties = DbInstance {
        engine: Some(Value::from(engine.as_str())),
        engine_version: Some(Value::from(engine_version.as_str())),
        db_name: Some(Value::from(db_name.as_str())),
        allocated_storage: Some(Value::from(storage_gb.to_string())),
        max_allocated_storage: Some(i64::from(*max_storage_gb).into()),
        storage_encrypted: Some((*storage_encrypted).into()),
        master_username: Some(resolve(username_field)),
        master_user_password: Some(resolve(&secret.generated_field)),
        multi_az: Some((*multi_az).into()),
        backup_retention_period: Some(i64::from(*backup_retention_days).into()),
        preferred_backup_window: Some(Value::from(backup_window.as_str())),
        preferred_maintenance_window: Some(Value::from(maintenance_window.as_str())),
        ..common
    };
    unit.add(
        &database.rid,
        snapshot_policies(Resource::new(properties), snapshot),
    );
    lower_credentials(
        unit,
        secret,
        secret_attachment,
        reference(&database.rid),
        rotation,
    );
}

/// The secret's attachment to the writer `target` and its rotation by the hosted function.
fn lower_credentials(
    unit: &mut UnitTemplate<'_>,
    secret: &SecretPlan,
    secret_attachment: &Rid,
    target: Value<String>,
    rotation: &RotationPlan,
) {
    unit.add(
        secret_attachment,
        Resource::new(SecretTargetAttachment {
            secret_id: reference(&secret.rid),
            target_id: target,
            target_type: Value::from(<DbInstance as ResourceProperties>::TYPE),
        }),
    );
    let RotationPlan {
        rid,
        function,
        // CloudFormation's hosted rotation deploys the application of the partition itself.
        application_id: _,
        endpoint: _,
        name,
        days,
        security_group,
        subnets,
    } = rotation;
    let subnet_ids = unit.values.texts(subnets);
    unit.add(
        rid,
        Resource::new(RotationSchedule {
            hosted_rotation_lambda: Some(HostedRotationLambda {
                rotation_lambda_name: Some(Value::from(name.as_str())),
                kms_key_arn: Some(unit.values.text(&secret.kms_key)),
                // The hosted function takes its network settings as comma-separated strings.
                vpc_security_group_ids: Some(attr_of(
                    security_group,
                    meridian_plan::Attr::SecurityGroupId,
                )),
                vpc_subnet_ids: Some(Value::join_list(",", ListValue::Literal(subnet_ids))),
                // Rotated passwords avoid the same characters as the generated one.
                exclude_characters: Some(Value::from(secret.exclude_characters.as_str())),
                ..HostedRotationLambda::new(function.rotation_type())
            }),
            rotation_rules: Some(RotationRules {
                automatically_after_days: Some(i64::from(*days).into()),
                ..RotationRules::default()
            }),
            // The attachment's reference is the secret's ARN; naming it makes rotation wait until
            // the secret holds the instance's address.
            ..RotationSchedule::new(reference(secret_attachment))
        }),
    );
    if !unit
        .template
        .transform
        .iter()
        .any(|transform| transform == aws::SECRETS_MANAGER_TRANSFORM)
    {
        unit.template
            .transform
            .push(aws::SECRETS_MANAGER_TRANSFORM.to_owned());
    }
}

/// Adds a generated secret with its replicas; it outlives its stack, since what it holds may still
/// be in use.
pub(crate) fn lower_secret(unit: &mut UnitTemplate<'_>, secret: &SecretPlan) {
    let SecretPlan {
        rid,
        name,
        description,
        kms_key,
        fixed_fields,
        generated_field,
        length,
        exclude_characters,
        // The punctuation is Secrets Manager's without `exclude_characters`, as generated here.
        punctuation: _,
        replicas,
        retain,
    } = secret;
    let template: serde_json::Map<String, serde_json::Value> = fixed_fields
        .iter()
        .map(|(field, value)| (field.clone(), serde_json::Value::String(value.clone())))
        .collect();
    let properties = Secret {
        name: Some(Value::from(name.as_str())),
        description: Some(Value::from(description.as_str())),
        kms_key_id: Some(unit.values.text(kms_key)),
        generate_secret_string: Some(GenerateSecretString {
            secret_string_template: Some(Value::from(
                serde_json::Value::Object(template).to_string(),
            )),
            generate_string_key: Some(Value::from(generated_field.as_str())),
            password_length: Some(i64::from(*length).into()),
            exclude_characters: Some(Value::from(exclude_characters.as_str())),
            ..GenerateSecretString::default()
        }),
        replica_regions: replicas
            .iter()
            .map(|replica| {
                let SecretReplica { region, kms_key } = replica;
                ReplicaRegion {
                    region: Value::from(region.as_str()),
                    kms_key_id: Some(unit.values.text(kms_key)),
                }
            })
            .collect(),
        tags: unit.values.tags(None),
        ..Secret::default()
    };
    unit.add(rid, retained(Resource::new(properties), *retain));
}
