//! The `${lower.case}` references of container environments and secrets: the grammar (`database.
//! writer.address`, `cache.endpoint`, `bucket.<name>.name`...), what each resolves to in a region,
//! and where each is allowed (E325, E326, E806).

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::pascal;
use crate::suggest_list;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

impl<'a> Resolver<'a> {
    /// Resolves `${reference}` for a service in `context.unit`.
    pub(crate) fn resolve_reference(
        &mut self,
        path: &StackPath,
        reference: &str,
        context: TextContext<'_>,
    ) -> Option<Text> {
        let unit = context.unit.clone();
        let region = unit.region().unwrap_or_default().to_owned();
        let stack = self.stack;
        let secrets_only = ["database.username", "database.password", "cache.auth_token"];
        let is_secret = secrets_only.contains(&reference);
        if context.references == ReferenceScope::Secrets && !is_secret {
            self.report(
                Diagnostic::new(codes::E806, path.clone(), format!("`${{{reference}}}` is not a secret"))
                    .with_help(format!("secrets take {}, or a `${{PARAMETER}}` holding a secret ARN; plain values go in `environment`", secrets_only.join(", "))),
            );
            return None;
        }
        if context.references == ReferenceScope::Environment && is_secret {
            self.report(
                Diagnostic::new(
                    codes::E806,
                    path.clone(),
                    format!(
                        "`${{{reference}}}` is a secret and would be visible in the task definition"
                    ),
                )
                .with_help("move this variable from `environment` to `secrets`"),
            );
            return None;
        }
        let missing = |resolver: &mut Self, what: &str, help: &str| {
            resolver.report(
                Diagnostic::new(
                    codes::E325,
                    path.clone(),
                    format!("`${{{reference}}}` refers to {what}, which this stack does not have"),
                )
                .with_help(help.to_owned()),
            );
            None
        };
        let primary_unit = self.facts.primary.clone().map(UnitId::Region);
        match reference {
            "region" => Some(Text::lit(region)),
            "stack" => Some(Text::lit(stack.stack.clone())),
            "region.role" => {
                let role = self
                    .facts
                    .service_regions
                    .iter()
                    .find(|(code, _)| code == &region)
                    .map(|(_, role)| role.as_str());
                Some(Text::lit(role.unwrap_or("primary")))
            }
            "database.writer.address"
            | "database.reader.address"
            | "database.port"
            | "database.name"
            | "database.read_weights"
            | "database.read_routing"
            | "database.username"
            | "database.password" => {
                let Some(database) = &stack.database else {
                    return missing(
                        self,
                        "the database",
                        "add a `database` block, or remove this reference",
                    );
                };
                let writer = self.facts.writer.clone()?;
                let primary_unit = primary_unit?;
                match reference {
                    "database.writer.address" => Some(self.value_from(
                        &unit,
                        &primary_unit,
                        "DatabaseWriterAddress",
                        "Address of the PostgreSQL writer",
                        AttrRef {
                            resource: writer,
                            attr: Attr::DbAddress,
                        },
                    )),
                    "database.reader.address" => match self.facts.database.get(&region).cloned() {
                        Some(local) => Some(Text::attr(&local, Attr::DbAddress)),
                        None => Some(self.value_from(
                            &unit,
                            &primary_unit,
                            "DatabaseWriterAddress",
                            "Address of the PostgreSQL writer",
                            AttrRef {
                                resource: writer,
                                attr: Attr::DbAddress,
                            },
                        )),
                    },
                    "database.port" => Some(Text::lit(
                        database.port.unwrap_or(defaults::POSTGRES_PORT).to_string(),
                    )),
                    "database.name" => Some(Text::lit(database.name.clone())),
                    "database.read_routing" => Some(Text::lit(match database.read_routing {
                        Some(meridian_model::ReadRouting::Weight) => "weight",
                        Some(meridian_model::ReadRouting::Geo) => "geo",
                        Some(meridian_model::ReadRouting::Latency) | None => defaults::READ_ROUTING,
                    })),
                    "database.read_weights" => {
                        let mut weights = vec![format!(
                            "{}={}",
                            database.primary.region,
                            database.primary.read_weight.unwrap_or(0)
                        )];
                        weights.extend(
                            database
                                .read_replicas
                                .iter()
                                .map(|r| format!("{}={}", r.region, r.weight)),
                        );
                        Some(Text::lit(weights.join(",")))
                    }
                    key => {
                        let field = if key == "database.username" {
                            "username"
                        } else {
                            "password"
                        };
                        let secret = self.facts.database_secret.clone()?;
                        let arn = if Some(&region) == self.facts.primary.as_ref() {
                            Text::attr(&secret, Attr::SecretArn)
                        } else {
                            self.replica_secret_arn(
                                &unit,
                                &primary_unit,
                                &region,
                                &secret,
                                "DatabaseSecretNameWithSuffix",
                            )
                        };
                        Some(arn.with_suffix(&format!(":{field}::")))
                    }
                }
            }
            "cache.endpoint"
            | "cache.port"
            | "cache.global_prefix"
            | "cache.replicated_keys"
            | "cache.auth_token" => {
                let Some(cache) = &stack.cache else {
                    return missing(
                        self,
                        "the cache",
                        "add a `cache` block, or remove this reference",
                    );
                };
                match reference {
                    "cache.port" => Some(Text::lit(
                        cache.port.unwrap_or(defaults::REDIS_PORT).to_string(),
                    )),
                    "cache.global_prefix" => Some(Text::lit(
                        cache
                            .global_keys
                            .as_ref()
                            .map(|k| k.prefix.clone())
                            .unwrap_or_default(),
                    )),
                    "cache.replicated_keys" => Some(Text::lit(
                        cache
                            .global_keys
                            .as_ref()
                            .map(|k| k.replicated_keys.join(","))
                            .unwrap_or_default(),
                    )),
                    key => {
                        let Some((rid, endpoint)) = self.facts.cache.get(&region).cloned() else {
                            self.report(
                                Diagnostic::new(codes::E326, path.clone(), format!("`${{{reference}}}` is used in `{region}`, which has no cache cluster"))
                                    .with_help("add the region to `cache.cross_region_replication.target_regions`"),
                            );
                            return None;
                        };
                        if key == "cache.endpoint" {
                            return Some(Text::attr(&rid, endpoint));
                        }
                        let (secret, home) = self.facts.cache_secret.get(&region).cloned()?;
                        let arn = if home == region {
                            Text::attr(&secret, Attr::SecretArn)
                        } else {
                            self.replica_secret_arn(
                                &unit,
                                &UnitId::Region(home),
                                &region,
                                &secret,
                                "CacheAuthSecretNameWithSuffix",
                            )
                        };
                        Some(arn.with_suffix(":token::"))
                    }
                }
            }
            other => {
                if let Some(rest) = other.strip_prefix("buckets.")
                    && let Some(name) = rest.strip_suffix(".name")
                {
                    let Some((bucket_region, rid)) = self.facts.buckets.get(name).cloned() else {
                        let help =
                            match suggest_list(name, stack.buckets.iter().map(|b| b.name.as_str()))
                            {
                                Some(suggestion) => {
                                    format!("did you mean `buckets.{suggestion}.name`?")
                                }
                                None => "name a bucket declared under `buckets`".to_owned(),
                            };
                        self.report(
                            Diagnostic::new(
                                codes::E806,
                                path.clone(),
                                format!("`${{{reference}}}` names a bucket that is not declared"),
                            )
                            .with_help(help),
                        );
                        return None;
                    };
                    // Outputs of a renamed bucket keep its former name, like its resources.
                    let identity = self.entity(EntityKind::Bucket, name).identity;
                    return Some(self.value_from(
                        &unit,
                        &UnitId::Storage(bucket_region),
                        &format!("{}BucketName", pascal(&identity)),
                        &format!("Name of the {identity} bucket"),
                        AttrRef {
                            resource: rid,
                            attr: Attr::BucketName,
                        },
                    ));
                }
                let known = [
                    "region",
                    "region.role",
                    "stack",
                    "database.writer.address",
                    "database.reader.address",
                    "database.port",
                    "database.name",
                    "database.read_weights",
                    "database.read_routing",
                    "database.username",
                    "database.password",
                    "cache.endpoint",
                    "cache.port",
                    "cache.global_prefix",
                    "cache.replicated_keys",
                    "cache.auth_token",
                ];
                let help = match suggest_list(other, known.iter().copied()) {
                    Some(suggestion) => format!("did you mean `${{{suggestion}}}`?"),
                    None if !other.contains('.') => format!(
                        "deploy-time parameters are UPPER_SNAKE_CASE: did you mean `${{{}}}`? Lowercase names refer to values Meridian produces",
                        other.to_ascii_uppercase().replace('-', "_")
                    ),
                    None => format!(
                        "known references: {}, and `buckets.<name>.name`",
                        known.join(", ")
                    ),
                };
                self.report(
                    Diagnostic::new(
                        codes::E806,
                        path.clone(),
                        format!("`${{{other}}}` is not a value Meridian knows"),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }
}
