//! Generated secrets (the database's master credentials, the cache's AUTH token): a `random_password`, the
//! `aws_secretsmanager_secret` with its replicas, and the `aws_secretsmanager_secret_version` holding the
//! JSON document, all under the secret's Terraform name. CloudFormation generates the value inside the
//! secret (`GenerateSecretString`); Terraform generates it first so that the database and the cache can
//! receive the same value. It decides no length or character set.

use meridian_plan::{CacheRole, DatabaseRole, Plan, SecretPlan, SecretReplica};

use super::{Lowered, Lowerer, prevent_destroy, region_argument};
use crate::l1::{
    JsonDocument, Lifecycle, MetaArguments, RandomPassword, ResourceRef, SecretsmanagerSecret,
    SecretsmanagerSecretReplica, SecretsmanagerSecretVersion,
};

/// Whether the plan generates any secret, which needs the random provider.
pub(crate) fn plan_generates_secrets(plan: &Plan) -> bool {
    plan.regions
        .iter()
        .filter_map(|region| region.app.as_ref())
        .any(|app| {
            let writer = app
                .database
                .as_ref()
                .is_some_and(|database| matches!(database.role, DatabaseRole::Writer(_)));
            let cache_primary = app
                .cache
                .as_ref()
                .is_some_and(|cache| matches!(cache.role, CacheRole::Primary(_)));
            writer || cache_primary || app.adopted_credentials.is_some()
        })
}

/// The handles of a lowered secret.
#[derive(Debug)]
pub(crate) struct LoweredSecret {
    /// The generated value.
    pub password: ResourceRef<RandomPassword>,
    /// The secret.
    pub secret: ResourceRef<SecretsmanagerSecret>,
    /// Its version (the JSON document).
    pub version: ResourceRef<SecretsmanagerSecretVersion>,
}

/// How the secret's value may change after it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretUpdates {
    /// Terraform owns the value.
    Terraform,
    /// A rotation function rewrites the value; Terraform writes it once.
    Rotated,
}

impl Lowerer<'_> {
    /// A generated secret in `region`. `connection` adds fields to the JSON document (what CloudFormation's
    /// secret target attachment adds); `allowed_punctuation`, when given, narrows the punctuation further
    /// than the plan's exclusions.
    pub(super) fn lower_secret(
        &mut self,
        region: &str,
        secret: &SecretPlan,
        connection: Vec<(&str, JsonDocument)>,
        updates: SecretUpdates,
    ) -> Lowered<LoweredSecret> {
        let SecretPlan {
            rid,
            name,
            description,
            kms_key,
            fixed_fields,
            generated_field,
            length,
            // `random_password` is told the punctuation it may use, which the plan derived from these.
            exclude_characters: _,
            punctuation,
            replicas,
            retain,
        } = secret;
        let password = self.add(
            &rid.tf,
            RandomPassword {
                special: Some((!punctuation.is_empty()).into()),
                override_special: (!punctuation.is_empty()).then(|| punctuation.as_str().into()),
                ..RandomPassword::new(*length)
            },
        )?;
        let replica_blocks = replicas
            .iter()
            .map(|replica| {
                let SecretReplica { region, kms_key } = replica;
                SecretsmanagerSecretReplica {
                    kms_key_id: Some(self.value(kms_key)),
                    ..SecretsmanagerSecretReplica::new(region.as_str())
                }
            })
            .collect();
        let secret_handle = self.add_with(
            &rid.tf,
            SecretsmanagerSecret {
                description: Some(description.into()),
                kms_key_id: Some(self.value(kms_key)),
                name: Some(name.into()),
                region: region_argument(region),
                replica: replica_blocks,
                ..SecretsmanagerSecret::default()
            },
            MetaArguments {
                lifecycle: retain.then(prevent_destroy),
                ..MetaArguments::default()
            },
        )?;
        let mut fields: Vec<(&str, JsonDocument)> = fixed_fields
            .iter()
            .map(|(field, value)| (field.as_str(), value.as_str().into()))
            .collect();
        fields.push((generated_field.as_str(), password.result().into()));
        fields.extend(connection);
        let version = self.add_with(
            &rid.tf,
            SecretsmanagerSecretVersion {
                region: region_argument(region),
                secret_string: Some(JsonDocument::object(fields).into()),
                ..SecretsmanagerSecretVersion::new(secret_handle.id())
            },
            MetaArguments {
                lifecycle: (updates == SecretUpdates::Rotated).then(|| {
                    // The rotation function writes new versions; Terraform must not write the first
                    // value back.
                    Lifecycle {
                        ignore_changes: Some(crate::l1::IgnoreChanges::Arguments(vec![
                            "secret_string".to_owned(),
                        ])),
                        ..Lifecycle::default()
                    }
                }),
                ..MetaArguments::default()
            },
        )?;
        Ok(LoweredSecret {
            password,
            secret: secret_handle,
            version,
        })
    }
}
