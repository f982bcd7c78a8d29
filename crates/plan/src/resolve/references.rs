//! The `${lower.case}` references of container environments and secrets: the grammar (`database.
//! writer.address`, `cache.endpoint`, `bucket.<name>.name`...), what each resolves to in a region,
//! and where each is allowed (E325, E326, E806).

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::pascal;
use crate::suggest_list;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

/// What references resolve to: the regions, and what the database, the cache and the buckets
/// resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct References<'a> {
    pub regions: &'a Regions<'a>,
    pub database: &'a DatabaseFacts,
    pub cache: &'a CacheFacts,
    /// Bucket entity name → its region and identity.
    pub buckets: &'a BTreeMap<String, (RegionCode, Rid)>,
    /// The endpoint parameters of each service region.
    pub endpoints: &'a EndpointFacts,
}

/// The references a stack may write, besides `buckets.<name>.name`.
const KNOWN: [&str; 18] = [
    "region",
    "region.role",
    "stack",
    "database.writer.address",
    "database.reader.address",
    "database.port",
    "database.name",
    "database.pool_size",
    "database.read_weights",
    "database.read_routing",
    "database.username",
    "database.password",
    "cache.endpoint",
    "cache.primary_endpoint",
    "cache.port",
    "cache.global_prefix",
    "cache.replicated_keys",
    "cache.auth_token",
];

/// Where a reference is resolved: the text's position, the reference and the unit using it.
struct Use<'u> {
    path: &'u StackPath,
    reference: &'u str,
    unit: UnitId,
    region: RegionCode,
}

impl<'a> Resolver<'a> {
    /// Resolves `${reference}` for a service in `context.unit`.
    pub(crate) fn resolve_reference(
        &mut self,
        path: &StackPath,
        reference: &str,
        context: TextContext<'_>,
    ) -> Option<Text> {
        let (ReferenceScope::Environment(references) | ReferenceScope::Secrets(references)) =
            context.references
        else {
            return None;
        };
        let unit = context.unit.clone();
        let region = unit.region().cloned().unwrap_or_default();
        let stack = self.stack;
        let secrets_only = ["database.username", "database.password", "cache.auth_token"];
        let is_secret = secrets_only.contains(&reference);
        if matches!(context.references, ReferenceScope::Secrets(_)) && !is_secret {
            self.report(
                Diagnostic::new(codes::E806, path.clone(), format!("`${{{reference}}}` is not a secret"))
                    .with_help(format!("secrets take {}, or a `${{PARAMETER}}` holding a secret ARN; plain values go in `environment`", secrets_only.join(", "))),
            );
            return None;
        }
        if matches!(context.references, ReferenceScope::Environment(_)) && is_secret {
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
        let used = Use {
            path,
            reference,
            unit,
            region,
        };
        match reference {
            "region" => Some(Text::lit(used.region)),
            "stack" => Some(Text::lit(stack.stack.clone())),
            "region.role" => {
                let role = references.regions.service_role(&used.region);
                Some(Text::lit(role.map_or("primary", RegionRole::as_str)))
            }
            database if database.starts_with("database.") && KNOWN.contains(&database) => {
                self.database_reference(&used, references)
            }
            cache if cache.starts_with("cache.") && KNOWN.contains(&cache) => {
                self.cache_reference(&used, references)
            }
            other => {
                if let Some(rest) = other.strip_prefix("buckets.")
                    && let Some(name) = rest.strip_suffix(".name")
                {
                    return self.bucket_reference(&used, name, references);
                }
                self.unknown_reference(path, other);
                None
            }
        }
    }

    /// E325: the reference names a component the stack does not have.
    fn missing_component(&mut self, used: &Use<'_>, what: &str, help: &str) -> Option<Text> {
        let reference = used.reference;
        self.report(
            Diagnostic::new(
                codes::E325,
                used.path.clone(),
                format!("`${{{reference}}}` refers to {what}, which this stack does not have"),
            )
            .with_help(help.to_owned()),
        );
        None
    }

    /// `database.*`: the writer's or the local replica's address, settings, and the credentials'
    /// fields in the region's copy of the secret.
    fn database_reference(&mut self, used: &Use<'_>, references: &References<'_>) -> Option<Text> {
        let stack = self.stack;
        let Some(database) = &stack.database else {
            return self.missing_component(
                used,
                "the database",
                "add a `database` block, or remove this reference",
            );
        };
        let Use { unit, region, .. } = used;
        let primary_unit = references.regions.primary.clone().map(UnitId::Region)?;
        match used.reference {
            "database.writer.address" => self.endpoint_inside_value(used),
            "database.reader.address" => match references.database.by_region.get(region) {
                Some(local) => Some(Text::attr(local, Attr::DbAddress)),
                // No replica here: the writer's address, which a failover moves, so it is read
                // from the region's parameter like `${database.writer.address}`.
                None => self.endpoint_inside_value(used),
            },
            "database.port" => Some(Text::lit(
                database.port.unwrap_or(defaults::POSTGRES_PORT).to_string(),
            )),
            "database.name" => Some(Text::lit(database.name.clone())),
            "database.pool_size" => match database.pool_size {
                Some(size) => Some(Text::lit(size.to_string())),
                None => {
                    self.report(
                        Diagnostic::new(
                            codes::E983,
                            used.path.clone(),
                            "`${database.pool_size}` refers to `database.pool_size`, which is not set",
                        )
                        .with_help("set `database.pool_size`: the connections each task's pool opens"),
                    );
                    None
                }
            },
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
                let secret = references.database.secret.clone()?;
                let arn = if Some(region) == references.regions.primary.as_ref() {
                    Text::attr(&secret, Attr::SecretArn)
                } else {
                    self.replica_secret_arn(
                        unit,
                        &primary_unit,
                        region,
                        &secret,
                        "DatabaseSecretNameWithSuffix",
                    )
                };
                Some(arn.with_suffix(&format!(":{field}::")))
            }
        }
    }

    /// `cache.*`: the region's endpoint, settings, and the AUTH token in the region's copy of
    /// the secret.
    fn cache_reference(&mut self, used: &Use<'_>, references: &References<'_>) -> Option<Text> {
        let stack = self.stack;
        let Some(cache) = &stack.cache else {
            return self.missing_component(
                used,
                "the cache",
                "add a `cache` block, or remove this reference",
            );
        };
        let Use {
            path,
            reference,
            unit,
            region,
        } = used;
        match *reference {
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
                let Some((rid, endpoint)) = references.cache.by_region.get(region).cloned() else {
                    if references.cache.unplanned.contains(region)
                        && self.diagnostics.iter().any(Diagnostic::is_error)
                    {
                        return None;
                    }
                    self.report(
                        Diagnostic::new(codes::E326, (*path).clone(), format!("`${{{reference}}}` is used in `{region}`, which has no cache cluster"))
                            .with_help(format!("a Global Datastore has at most {} secondary regions: if `cache.cross_region_replication.target_regions` has room, add the region there; otherwise give it a cache of its own in `cache.standalone_regions`, or remove the reference from services in this region", aws::limits::CACHE_GLOBAL_SECONDARIES)),
                    );
                    return None;
                };
                // A standalone group beside the Global Datastore is its region's writable cache,
                // as is every region's group without a Datastore.
                if key == "cache.endpoint"
                    || (key == "cache.primary_endpoint"
                        && (references.cache.primary.is_none()
                            || references.cache.standalone.contains(region)))
                {
                    return Some(Text::attr(&rid, endpoint));
                }
                if key == "cache.primary_endpoint" {
                    if references
                        .endpoints
                        .arn(region, EndpointKind::CachePrimary)
                        .is_none()
                        && let Some(home) = references.cache.primary.clone()
                    {
                        self.report(
                            Diagnostic::new(codes::E970, (*path).clone(), format!("`${{cache.primary_endpoint}}` has no parameter in `{region}`, which deploys before the cache primary's region `{home}` whose endpoint it would hold"))
                                .with_help(format!("declare `{region}` after `{home}`, or make `{home}` the cache's source region only if it is the primary region")),
                        );
                        return None;
                    }
                    return self.endpoint_inside_value(used);
                }
                let (secret, home) = references.cache.secret.get(region).cloned()?;
                let arn = if &home == region {
                    Text::attr(&secret, Attr::SecretArn)
                } else {
                    self.replica_secret_arn(
                        unit,
                        &UnitId::Region(home),
                        region,
                        &secret,
                        "CacheAuthSecretNameWithSuffix",
                    )
                };
                Some(arn.with_suffix(":token::"))
            }
        }
    }

    /// `buckets.<name>.name`: the bucket's name, imported from its storage unit.
    fn bucket_reference(
        &mut self,
        used: &Use<'_>,
        name: &str,
        references: &References<'_>,
    ) -> Option<Text> {
        let stack = self.stack;
        let reference = used.reference;
        let Some((bucket_region, rid)) = references.buckets.get(name).cloned() else {
            let help = match suggest_list(name, stack.buckets.iter().map(|b| b.name.as_str())) {
                Some(suggestion) => format!("did you mean `buckets.{suggestion}.name`?"),
                None => "name a bucket declared under `buckets`".to_owned(),
            };
            self.report(
                Diagnostic::new(
                    codes::E806,
                    used.path.clone(),
                    format!("`${{{reference}}}` names a bucket that is not declared"),
                )
                .with_help(help),
            );
            return None;
        };
        // Outputs of a renamed bucket keep its former name, like its resources.
        let identity = self.entity(EntityKind::Bucket, name).identity;
        Some(self.value_from(
            &used.unit,
            &UnitId::Storage(bucket_region),
            &format!("{}BucketName", pascal(&identity)),
            &format!("Name of the {identity} bucket"),
            AttrRef {
                resource: rid,
                attr: Attr::BucketName,
            },
        ))
    }

    /// E970: the writer's address or the cache primary's endpoint inside a longer value. Tasks
    /// read them from the region's SSM parameter when they start (so a failover moves them
    /// without a new synthesis), and ECS reads a parameter into a variable of its own only.
    fn endpoint_inside_value(&mut self, used: &Use<'_>) -> Option<Text> {
        let reference = used.reference;
        self.report(
            Diagnostic::new(
                codes::E970,
                used.path.clone(),
                format!("`${{{reference}}}` must be the whole value: tasks read it from an SSM parameter when they start, so that a failover can move it"),
            )
            .with_help(format!("give it a variable of its own (`NAME: ${{{reference}}}`) and build the longer value in the application")),
        );
        None
    }

    /// E806: a reference Meridian does not know, with the closest it does.
    fn unknown_reference(&mut self, path: &StackPath, other: &str) {
        let help = match suggest_list(other, KNOWN.iter().copied()) {
            Some(suggestion) => format!("did you mean `${{{suggestion}}}`?"),
            None if !other.contains('.') => format!(
                "deploy-time parameters are UPPER_SNAKE_CASE: did you mean `${{{}}}`? Lowercase names refer to values Meridian produces",
                other.to_ascii_uppercase().replace('-', "_")
            ),
            None => format!(
                "known references: {}, and `buckets.<name>.name`",
                KNOWN.join(", ")
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
    }
}
