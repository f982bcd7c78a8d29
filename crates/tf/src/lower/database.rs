//! RDS for PostgreSQL: subnet and parameter groups, the enhanced-monitoring role, and the instance; for the
//! writer also its generated master credentials and their rotation by the AWS-hosted single-user rotation
//! application (deployed from the Serverless Application Repository, as CloudFormation's hosted rotation
//! does); for a cross-region replica the source ARN and a key in its own region, nothing it inherits. It
//! decides no size, window or retention.

use meridian_plan::{
    AdoptedCredentialsPlan, DatabasePlan, DatabaseRole, ParameterGroupPlan, PromotedPlan,
    ReplicaPlan, RolePurpose, RotationPlan, WriterPlan, bug,
};

use super::secrets::{LoweredSecret, SecretUpdates};
use super::{Lowered, Lowerer, depends_on, ignore_changes, region_argument};
use crate::l1::{
    Address, DbInstance, DbParameterGroup, DbParameterGroupParameter, DbSubnetGroup, JsonDocument,
    MetaArguments, ResourceRef, SecretsmanagerSecretRotation,
    SecretsmanagerSecretRotationRotationRules, SecurityGroup,
    ServerlessapplicationrepositoryCloudformationStack, Template, Value,
};

impl Lowerer<'_> {
    /// The database instance of `region` with its groups and roles.
    pub(super) fn lower_database(&mut self, region: &str, database: &DatabasePlan) -> Lowered {
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
            role,
        } = database;
        let subnet_group_handle = self.add(
            &subnet_group.tf,
            DbSubnetGroup {
                description: Some(subnet_group_description.into()),
                region: region_argument(region),
                ..DbSubnetGroup::new(self.values(subnets))
            },
        )?;
        let ParameterGroupPlan {
            rid: parameter_group_rid,
            family,
            description,
            parameters,
            apply_method,
        } = parameter_group;
        let parameter_group_handle = self.add(
            &parameter_group_rid.tf,
            DbParameterGroup {
                description: Some(description.into()),
                parameter: parameters
                    .iter()
                    .map(|(name, value)| DbParameterGroupParameter {
                        apply_method: Some(apply_method.as_str().into()),
                        ..DbParameterGroupParameter::new(name, value)
                    })
                    .collect(),
                region: region_argument(region),
                ..DbParameterGroup::new(family)
            },
        )?;
        let (monitoring, monitoring_policy) =
            self.purpose_role(&monitoring_role.tf, RolePurpose::EnhancedMonitoring)?;
        let key = self.value(kms_key);
        // The settings every instance has, writer or replica.
        let common = DbInstance {
            auto_minor_version_upgrade: Some((*auto_minor_version_upgrade).into()),
            copy_tags_to_snapshot: Some((*copy_tags_to_snapshot).into()),
            db_subnet_group_name: Some(subnet_group_handle.name().into()),
            deletion_protection: Some((*deletion_protection).into()),
            enabled_cloudwatch_logs_exports: Some(log_exports.iter().map(String::as_str).collect()),
            final_snapshot_identifier: final_snapshot.as_ref().map(Into::into),
            iam_database_authentication_enabled: Some((*iam_authentication).into()),
            identifier: Some(identifier.into()),
            kms_key_id: Some(key.clone()),
            monitoring_interval: Some((*monitoring_interval_seconds).into()),
            monitoring_role_arn: Some(monitoring.arn().into()),
            parameter_group_name: Some(parameter_group_handle.name().into()),
            performance_insights_enabled: Some((*performance_insights).into()),
            performance_insights_kms_key_id: Some(key),
            performance_insights_retention_period: Some(
                (*performance_insights_retention_days).into(),
            ),
            port: Some((*port).into()),
            publicly_accessible: Some((*publicly_accessible).into()),
            region: region_argument(region),
            skip_final_snapshot: Some(final_snapshot.is_none().into()),
            storage_type: Some(storage_type.as_str().into()),
            vpc_security_group_ids: Some(
                [ResourceRef::<SecurityGroup>::planned(&security_group.tf).id()]
                    .into_iter()
                    .collect(),
            ),
            ..DbInstance::new(instance_class)
        };
        // RDS checks the monitoring role's permissions when it creates the instance.
        let waits_for: Vec<Address> = monitoring_policy.into_iter().collect();
        match role {
            DatabaseRole::Writer(writer) => self.lower_writer(
                region, &rid.tf, identifier, *port, common, waits_for, writer,
            ),
            DatabaseRole::Replica(ReplicaPlan {
                max_storage_gb,
                multi_az,
                iops,
                source_arn,
                // Both are implied by the source ARN; the replica's secret is read by services.
                source_region: _,
                secret_arn: _,
            }) => {
                self.add_with(
                    &rid.tf,
                    DbInstance {
                        replicate_source_db: Some(self.value(source_arn)),
                        max_allocated_storage: Some((*max_storage_gb).into()),
                        multi_az: multi_az.map(Into::into),
                        iops: iops.map(Into::into),
                        ..common
                    },
                    depends_on(waits_for),
                )?;
                Ok(())
            }
            DatabaseRole::Promoted(promoted) => {
                let PromotedPlan {
                    // The replica named no source region (its source ARN implied it).
                    source_region: _,
                    max_storage_gb,
                    multi_az,
                    backup_retention_days,
                    backup_window,
                    maintenance_window,
                } = promoted.as_ref();
                // "Removing the replicate_source_db attribute from an existing RDS Replicate
                // database managed by Terraform will promote the database to a fully standalone
                // database" (AWS provider, aws_db_instance). The arguments that force a new
                // instance (identifier, kms_key_id, db_subnet_group_name, and the unset
                // db_name, username, storage_encrypted, engine) stay as on the replica; only
                // mutable writer settings are added.
                self.add_with(
                    &rid.tf,
                    DbInstance {
                        backup_retention_period: Some((*backup_retention_days).into()),
                        backup_window: Some(backup_window.into()),
                        maintenance_window: Some(maintenance_window.into()),
                        max_allocated_storage: Some((*max_storage_gb).into()),
                        multi_az: Some((*multi_az).into()),
                        ..common
                    },
                    depends_on(waits_for),
                )?;
                Ok(())
            }
        }
    }

    /// The master credentials of a writer adopted in another region, in the region that created
    /// them; the secret's connection fields name the adopted writer.
    pub(super) fn lower_adopted_credentials(
        &mut self,
        region: &str,
        credentials: &AdoptedCredentialsPlan,
    ) -> Lowered {
        let AdoptedCredentialsPlan {
            engine,
            // The generated secret's fixed fields hold the user name.
            username_field: _,
            port,
            secret,
            // CloudFormation's attachment; here the secret's version carries the fields.
            secret_attachment: _,
            rotation,
            writer,
            writer_region: _,
            writer_identifier,
            // The attachment's target in CloudFormation.
            writer_arn: _,
            writer_vpc_cidr: _,
        } = credentials;
        let connection = connection_fields(engine.as_str(), &writer.tf, *port, writer_identifier);
        let LoweredSecret {
            password: _,
            secret: secret_handle,
            version,
        } = self.lower_secret(region, secret, connection, SecretUpdates::Rotated)?;
        self.lower_rotation(
            region,
            secret,
            &secret_handle,
            rotation,
            &writer.tf,
            &version,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_writer(
        &mut self,
        region: &str,
        name: &str,
        identifier: &str,
        port: u32,
        common: DbInstance,
        waits_for: Vec<Address>,
        writer: &WriterPlan,
    ) -> Lowered {
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
            // CloudFormation's attachment adds the connection fields to the secret; here the secret's
            // version carries them (see below).
            secret_attachment: _,
            rotation,
        } = writer;
        let connection = connection_fields(engine.as_str(), name, port, identifier);
        let LoweredSecret {
            password,
            secret: secret_handle,
            version,
        } = self.lower_secret(region, secret, connection, SecretUpdates::Rotated)?;
        let username = secret
            .fixed_fields
            .iter()
            .find(|(field, _)| field == username_field)
            .map(|(_, value)| value.clone())
            .unwrap_or_else(|| {
                bug(format_args!(
                    "the writer's secret has no fixed `{username_field}` field"
                ))
            });
        let mut meta = depends_on(waits_for);
        // The rotation function changes the password; Terraform sets it only when creating the instance.
        meta.lifecycle = Some(ignore_changes(&["password"]));
        self.add_with(
            name,
            DbInstance {
                allocated_storage: Some((*storage_gb).into()),
                backup_retention_period: Some((*backup_retention_days).into()),
                backup_window: Some(backup_window.into()),
                db_name: Some(db_name.into()),
                engine: Some(engine.as_str().into()),
                engine_version: Some(engine_version.into()),
                maintenance_window: Some(maintenance_window.into()),
                max_allocated_storage: Some((*max_storage_gb).into()),
                multi_az: Some((*multi_az).into()),
                password: Some(password.result().into()),
                storage_encrypted: Some((*storage_encrypted).into()),
                username: Some(username.into()),
                ..common
            },
            meta,
        )?;
        self.lower_rotation(region, secret, &secret_handle, rotation, name, &version)
    }

    fn lower_rotation(
        &mut self,
        region: &str,
        secret: &meridian_plan::SecretPlan,
        secret_handle: &ResourceRef<crate::l1::SecretsmanagerSecret>,
        rotation: &RotationPlan,
        instance: &str,
        version: &ResourceRef<crate::l1::SecretsmanagerSecretVersion>,
    ) -> Lowered {
        let RotationPlan {
            rid,
            function,
            application_id,
            endpoint,
            name,
            days,
            security_group,
            subnets,
        } = rotation;
        let function_name = name.clone();
        let mut subnet_list = Template::new();
        for (index, subnet) in subnets.iter().enumerate() {
            if index > 0 {
                subnet_list.push_text(",");
            }
            subnet_list = subnet_list.append(self.template(subnet));
        }
        let parameters: Vec<(&str, Value<String>)> = vec![
            ("endpoint", self.value(endpoint)),
            ("functionName", function_name.as_str().into()),
            (
                "vpcSecurityGroupIds",
                ResourceRef::<SecurityGroup>::planned(&security_group.tf)
                    .id()
                    .into(),
            ),
            ("vpcSubnetIds", subnet_list.into()),
            // The function decrypts the secret with its key, and generates passwords the way the plan does.
            ("kmsKeyArn", self.value(&secret.kms_key)),
            (
                "excludeCharacters",
                secret.exclude_characters.as_str().into(),
            ),
        ];
        let application = self.add(
            &rid.tf,
            ServerlessapplicationrepositoryCloudformationStack {
                parameters: Some(parameters.into_iter().collect()),
                region: region_argument(region),
                ..ServerlessapplicationrepositoryCloudformationStack::new(
                    application_id.as_str(),
                    function
                        .application_capabilities()
                        .iter()
                        .copied()
                        .collect::<Value<crate::l1::List<String>>>(),
                    function_name.as_str(),
                )
            },
        )?;
        // The first rotation runs right away: the instance must exist and the secret must hold its address.
        self.add_with(
            &rid.tf,
            SecretsmanagerSecretRotation {
                region: region_argument(region),
                rotation_lambda_arn: Some(
                    application
                        .outputs()
                        .key(function.function_arn_output())
                        .into(),
                ),
                ..SecretsmanagerSecretRotation::new(
                    SecretsmanagerSecretRotationRotationRules {
                        automatically_after_days: Some((*days).into()),
                        ..SecretsmanagerSecretRotationRotationRules::default()
                    },
                    secret_handle.id(),
                )
            },
            MetaArguments {
                depends_on: vec![
                    ResourceRef::<DbInstance>::planned(instance).terraform_address(),
                    version.terraform_address(),
                ],
                ..MetaArguments::default()
            },
        )?;
        Ok(())
    }
}

/// The fields CloudFormation's secret target attachment adds to the secret, which the rotation
/// function reads: those of the instance under the Terraform name `instance`.
fn connection_fields<'a>(
    engine: &'a str,
    instance: &str,
    port: u32,
    identifier: &'a str,
) -> Vec<(&'a str, JsonDocument)> {
    let instance = ResourceRef::<DbInstance>::planned(instance);
    vec![
        ("engine", JsonDocument::from(engine)),
        ("host", instance.address().into()),
        ("port", JsonDocument::from(port)),
        ("dbInstanceIdentifier", identifier.into()),
    ]
}
