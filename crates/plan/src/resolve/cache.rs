//! Redis on ElastiCache in every region that asks for it, joined by a Global Datastore whose
//! primary is in the primary region, with standalone groups in the regions the Datastore leaves
//! out (E421 to E435, W421, W432, W433).

use std::collections::{BTreeMap, BTreeSet};

use meridian_model::{CacheMode, CacheReplicationStrategy, Diagnostic, StackPath, bug, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::{self};
use crate::suggest_list;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

/// Characters never put in AUTH tokens: ElastiCache accepts only letters, digits and
/// `!&#$^<>-`, so every other printable ASCII character is excluded.
pub(crate) const AUTH_TOKEN_EXCLUDED: &str = " \"%'()*+,./:;=?@[\\]_`{|}~";

/// What resolving the cache gives later areas (references).
#[derive(Debug, Default)]
pub(crate) struct CacheFacts {
    /// Region → its replication group and the attribute clients connect to.
    pub by_region: BTreeMap<RegionCode, (Rid, Attr)>,
    /// Region → the AUTH secret it reads and the region that secret was created in.
    pub secret: BTreeMap<RegionCode, (Rid, RegionCode)>,
    /// The Global Datastore primary's region; `None` without a Datastore, where each region's
    /// group is that region's own primary.
    pub primary: Option<RegionCode>,
    /// Regions with a standalone group beside the Global Datastore: their writable cache is
    /// their own.
    pub standalone: BTreeSet<RegionCode>,
    /// Regions whose cache is declared but was not planned, for a mistake reported already (the
    /// cache's settings, the region's network): what refers to it is not reported again.
    pub unplanned: BTreeSet<RegionCode>,
}

/// The cache's validated settings, shared by every region's replication group.
struct CacheSettings {
    version: String,
    cluster_mode: bool,
    shards: u32,
    replicas_per_shard: u32,
    port: u32,
}

/// Where the cache's replication groups go.
struct CachePlacement {
    /// The regions with a replication group, in declared order.
    regions: Vec<RegionCode>,
    /// The Global Datastore's primary, when there is one.
    global_source: Option<RegionCode>,
    /// Per-region node types.
    node_types: BTreeMap<RegionCode, String>,
    /// Regions with a standalone group beside the Global Datastore.
    standalone: BTreeSet<RegionCode>,
}

/// What every region's replication group shares.
struct CacheShape<'c> {
    cache: &'c meridian_model::Cache,
    path: StackPath,
    settings: CacheSettings,
    placement: CachePlacement,
    parameter_group_name: String,
    endpoint: Attr,
}

impl<'a> Resolver<'a> {
    /// A replication group in every cache region, the first the Global Datastore's primary.
    pub(crate) fn resolve_cache(
        &mut self,
        regions: &Regions<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) -> CacheFacts {
        let stack = self.stack;
        let mut facts = CacheFacts::default();
        let Some(cache) = &stack.cache else {
            self.report_sizing_without_cache(regions);
            return facts;
        };
        let path = StackPath::root().key("cache");
        let (settings, mut valid) = self.check_cache_settings(&path, cache);
        let (cache_regions, global_source, standalone) =
            self.resolve_cache_regions(&path, cache, regions, &mut valid);
        let node_types = self.resolve_node_types(
            &path,
            cache,
            regions,
            (&cache_regions, global_source.is_some(), &standalone),
            &mut valid,
        );
        if !valid || !aws::is_cache_node_type(&cache.node_type) {
            facts.unplanned = regions.service_codes().cloned().collect();
            return facts;
        }
        let CacheSettings {
            ref version,
            cluster_mode,
            ..
        } = settings;
        let major = version.split('.').next().unwrap_or("7");
        let family = if major == "6" {
            "redis6.x".to_owned()
        } else {
            format!("redis{major}")
        };
        let parameter_group_name = if cluster_mode {
            format!("default.{family}.cluster.on")
        } else {
            format!("default.{family}")
        };
        let endpoint = if cluster_mode {
            Attr::CacheConfigurationEndpoint
        } else {
            Attr::CachePrimaryEndpoint
        };
        let shape = CacheShape {
            cache,
            path,
            settings,
            placement: CachePlacement {
                regions: cache_regions,
                global_source,
                node_types,
                standalone,
            },
            parameter_group_name,
            endpoint,
        };
        facts.standalone = shape.placement.standalone.clone();
        for region in &shape.placement.regions {
            self.cache_in(region, &shape, apps, &mut facts);
        }
        facts
    }

    /// W421 for every region sizing a cache the stack does not have.
    fn report_sizing_without_cache(&mut self, regions: &Regions<'_>) {
        for region in regions.iter() {
            if let Some(node_type) = region
                .model
                .and_then(|m| m.sizing.as_ref())
                .and_then(|s| s.cache_node_type.as_ref())
            {
                self.report(
                    Diagnostic::new(
                        codes::W421,
                        region.path.key("sizing").key("cache_node_type"),
                        format!("`{node_type}` has no effect: the stack has no cache"),
                    )
                    .with_help("remove it, or add a `cache` block"),
                );
            }
        }
    }

    /// The version, node type, layout and port (E421, E422, E424, E425, E430) and the global
    /// keys (E431); `false` beside them when any is wrong.
    fn check_cache_settings(
        &mut self,
        path: &StackPath,
        cache: &meridian_model::Cache,
    ) -> (CacheSettings, bool) {
        let mut valid = true;
        let version = cache
            .engine_version
            .clone()
            .unwrap_or_else(|| defaults::REDIS_VERSION.to_owned());
        if !aws::REDIS_VERSIONS.contains(&version.as_str()) {
            self.report(
                Diagnostic::new(
                    codes::E422,
                    path.key("engine_version"),
                    format!(
                        "Redis `{version}` is not a version ElastiCache offers for new clusters"
                    ),
                )
                .with_help(format!("use one of {}", aws::REDIS_VERSIONS.join(", "))),
            );
            valid = false;
        }
        self.check_node_type(&path.key("node_type"), &cache.node_type);
        let cluster_mode = cache.mode == CacheMode::Cluster;
        let shards = match (cache.mode, cache.shards) {
            (CacheMode::Cluster, shards) => shards.unwrap_or(defaults::CACHE_SHARDS),
            (CacheMode::Sentinel, None | Some(1)) => 1,
            (CacheMode::Sentinel, Some(shards)) => {
                self.report(
                    Diagnostic::new(
                        codes::E424,
                        path.key("shards"),
                        format!("`mode: sentinel` has one shard, not {shards}"),
                    )
                    .with_help("use `mode: cluster` to shard, or remove `shards`"),
                );
                valid = false;
                1
            }
        };
        if !aws::limits::CACHE_SHARDS.contains(&shards) {
            self.report(
                Diagnostic::new(
                    codes::E424,
                    path.key("shards"),
                    format!(
                        "{shards} shards is outside {}",
                        range_text(&aws::limits::CACHE_SHARDS)
                    ),
                )
                .with_help(format!(
                    "use {} shards; three shards spread keys over three primaries",
                    range_text(&aws::limits::CACHE_SHARDS)
                )),
            );
            valid = false;
        }
        let replicas_per_shard = cache
            .replicas_per_shard
            .unwrap_or(defaults::REPLICAS_PER_SHARD);
        if !aws::limits::CACHE_REPLICAS_PER_SHARD.contains(&replicas_per_shard) {
            self.report(
                Diagnostic::new(
                    codes::E425,
                    path.key("replicas_per_shard"),
                    format!(
                        "{replicas_per_shard} replicas per shard is outside {}",
                        range_text(&aws::limits::CACHE_REPLICAS_PER_SHARD)
                    ),
                )
                .with_help("automatic failover needs at least one replica per shard"),
            );
            valid = false;
        }
        let port = cache.port.unwrap_or(defaults::REDIS_PORT);
        if !defaults::bounds::CACHE_PORTS.contains(&port) {
            self.report(
                Diagnostic::new(
                    codes::E430,
                    path.key("port"),
                    format!(
                        "port {port} is outside {}",
                        range_text(&defaults::bounds::CACHE_PORTS)
                    ),
                )
                .with_help("use Redis's standard 6379"),
            );
            valid = false;
        }
        if let Some(keys) = &cache.global_keys {
            if keys.prefix.trim().is_empty() {
                self.report(
                    Diagnostic::new(
                        codes::E431,
                        path.key("global_keys").key("prefix"),
                        "the global key prefix is empty",
                    )
                    .with_help("give the prefix of globally consistent keys, e.g. `rail:global`"),
                );
            }
            for (index, pattern) in keys.replicated_keys.iter().enumerate() {
                if pattern.trim().is_empty()
                    || pattern.contains(char::is_whitespace)
                    || pattern.contains(',')
                {
                    self.report(
                        Diagnostic::new(
                            codes::E431,
                            path.key("global_keys").key("replicated_keys").index(index),
                            format!("`{pattern}` is not a key pattern"),
                        )
                        .with_help(
                            "write glob patterns without spaces or commas, like `session:*`",
                        ),
                    );
                }
            }
        }
        let settings = CacheSettings {
            version,
            cluster_mode,
            shards,
            replicas_per_shard,
            port,
        };
        (settings, valid)
    }

    /// The regions with a replication group: every service region, or with cross-region
    /// replication the source, its targets and the standalone regions (E423, E426 to E428,
    /// E432 to E435); the Global Datastore's source; and the standalone regions.
    fn resolve_cache_regions(
        &mut self,
        path: &StackPath,
        cache: &meridian_model::Cache,
        regions: &Regions<'_>,
        valid: &mut bool,
    ) -> (Vec<RegionCode>, Option<RegionCode>, BTreeSet<RegionCode>) {
        let service_regions: Vec<RegionCode> = regions.service_codes().cloned().collect();
        let mut cache_regions: Vec<RegionCode> = service_regions.clone();
        let mut global_source: Option<RegionCode> = None;
        if let Some(replication) = &cache.cross_region_replication
            && replication.enabled.unwrap_or(true)
        {
            let replication_path = path.key("cross_region_replication");
            if replication.strategy == CacheReplicationStrategy::ActiveActive {
                self.report(
                    Diagnostic::new(codes::E426, replication_path.key("strategy"), "`active-active` is not offered by ElastiCache: a Global Datastore has one writable primary")
                        .with_help("use `active-passive`; active-active CRDT replication needs Redis Enterprise"),
                );
                *valid = false;
            }
            let primary = regions.primary.clone();
            if self
                .check_region_code(
                    &replication_path.key("source_region"),
                    &replication.source_region,
                )
                .is_some()
                && primary
                    .as_ref()
                    .is_some_and(|primary| primary != &replication.source_region)
            {
                self.report(
                    Diagnostic::new(
                        codes::E427,
                        replication_path.key("source_region"),
                        format!(
                            "the Global Datastore's source is `{}`, but the primary region is `{}`",
                            replication.source_region,
                            primary.as_deref().unwrap_or("(none)")
                        ),
                    )
                    .with_help(
                        "the source cluster lives in the primary region, which deploys first",
                    ),
                );
                *valid = false;
            }
            if replication.target_regions.is_empty() {
                self.report(
                    Diagnostic::new(
                        codes::W432,
                        replication_path.key("target_regions"),
                        "the Global Datastore has no secondary region: it replicates nowhere and no cache survives a regional failure",
                    )
                    .with_help("list one or two secondary regions in `target_regions`, or remove `cross_region_replication`"),
                );
            }
            let mut targets: BTreeSet<RegionCode> = BTreeSet::new();
            let mut ordered = vec![replication.source_region.clone()];
            for (index, target) in replication.target_regions.iter().enumerate() {
                let target_path = replication_path.key("target_regions").index(index);
                if self.check_region_code(&target_path, target).is_none() {
                    *valid = false;
                    continue;
                }
                if target == &replication.source_region || !targets.insert(target.into()) {
                    let message = if target == &replication.source_region {
                        format!(
                            "`{target}` is the Global Datastore's source; `target_regions` lists only its secondaries"
                        )
                    } else {
                        format!("`{target}` is listed twice in `target_regions`")
                    };
                    self.report(
                        Diagnostic::new(codes::E428, target_path, message)
                            .with_help("list each secondary region once, without the source"),
                    );
                    *valid = false;
                    continue;
                }
                if !service_regions.iter().any(|region| region == target) {
                    let help = match suggest_list(
                        target,
                        service_regions.iter().map(RegionCode::as_str),
                    ) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "declare the region under `regions:`".to_owned(),
                    };
                    self.report(
                        Diagnostic::new(
                            codes::E428,
                            target_path,
                            format!("the cache target `{target}` is not a declared region"),
                        )
                        .with_help(help),
                    );
                    *valid = false;
                    continue;
                }
                ordered.push(target.clone());
                if ordered.len() == aws::limits::CACHE_GLOBAL_SECONDARIES + 2 {
                    self.report(
                        Diagnostic::new(
                            codes::E432,
                            replication_path.key("target_regions").index(index),
                            format!(
                                "`{target}` would be a Global Datastore's secondary region number {}; ElastiCache takes at most {}",
                                ordered.len() - 1,
                                aws::limits::CACHE_GLOBAL_SECONDARIES
                            ),
                        )
                        .with_help("keep two secondary regions and give the others a cache of their own, not replicated, with `cache.standalone_regions`"),
                    );
                    *valid = false;
                }
            }
            if !aws::cache_node_type_supports_global_datastore(&cache.node_type)
                && aws::is_cache_node_type(&cache.node_type)
            {
                self.report(
                    Diagnostic::new(codes::E423, path.key("node_type"), format!("`{}` cannot join a Global Datastore: burstable (T) nodes are not supported", cache.node_type))
                        .with_help("use an M or R family, e.g. `cache.r6g.large`"),
                );
                *valid = false;
            }
            let standalone =
                self.resolve_standalone_regions(path, cache, &service_regions, &ordered, valid);
            cache_regions = service_regions
                .iter()
                .filter(|r| ordered.iter().any(|o| o == *r) || standalone.contains(*r))
                .cloned()
                .collect();
            global_source = Some(RegionCode::from(&replication.source_region));
            return (cache_regions, global_source, standalone);
        }
        if let Some(replication) = &cache.cross_region_replication {
            self.check_kept_replication_regions(path, replication);
        }
        if !cache.standalone_regions.is_empty() {
            self.report(
                Diagnostic::new(
                    codes::W433,
                    path.key("standalone_regions"),
                    "`standalone_regions` has no effect without a Global Datastore: every service region already has a replication group of its own",
                )
                .with_help("remove `standalone_regions`, or join regions with `cross_region_replication`"),
            );
        }
        (cache_regions, global_source, BTreeSet::new())
    }

    /// The region codes of turned-off replication settings, kept for later (E101): checked as a
    /// disabled failover's are, so that a typo does not wait for the day they are turned on.
    fn check_kept_replication_regions(
        &mut self,
        path: &StackPath,
        replication: &meridian_model::CacheReplication,
    ) {
        let replication_path = path.key("cross_region_replication");
        self.check_region_code(
            &replication_path.key("source_region"),
            &replication.source_region,
        );
        for (index, target) in replication.target_regions.iter().enumerate() {
            self.check_region_code(&replication_path.key("target_regions").index(index), target);
        }
    }

    /// The regions given a standalone group beside the Global Datastore whose members are
    /// `members` (E433 to E435).
    fn resolve_standalone_regions(
        &mut self,
        path: &StackPath,
        cache: &meridian_model::Cache,
        service_regions: &[RegionCode],
        members: &[String],
        valid: &mut bool,
    ) -> BTreeSet<RegionCode> {
        let mut standalone: BTreeSet<RegionCode> = BTreeSet::new();
        let list_path = path.key("standalone_regions");
        let replication_path = path.key("cross_region_replication");
        for (index, region) in cache.standalone_regions.iter().enumerate() {
            let region_path = list_path.index(index);
            if self.check_region_code(&region_path, region).is_none() {
                *valid = false;
                continue;
            }
            if !service_regions.iter().any(|declared| declared == region) {
                let help =
                    match suggest_list(region, service_regions.iter().map(RegionCode::as_str)) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "declare the region under `regions:` with its network".to_owned(),
                    };
                self.report(
                    Diagnostic::new(
                        codes::E433,
                        region_path,
                        format!("the standalone cache region `{region}` is not a declared region"),
                    )
                    .with_help(help),
                );
                *valid = false;
                continue;
            }
            if let Some(position) = members.iter().position(|member| member == region) {
                // The source comes first in `members`, the secondaries after it in list order.
                let (what, related) = if position == 0 {
                    (
                        "holds the Global Datastore's primary",
                        replication_path.key("source_region"),
                    )
                } else {
                    let target = cache
                        .cross_region_replication
                        .as_ref()
                        .and_then(|replication| {
                            replication
                                .target_regions
                                .iter()
                                .position(|target| target == region)
                        })
                        .unwrap_or(position - 1);
                    (
                        "is a Global Datastore secondary",
                        replication_path.key("target_regions").index(target),
                    )
                };
                self.report(
                    Diagnostic::new(
                        codes::E434,
                        region_path,
                        format!("`{region}` {what}; a region has one replication group, replicated or standalone"),
                    )
                    .with_help("list the region in one place: `target_regions` replicates the primary's data there, `standalone_regions` gives it an unreplicated group of its own")
                    .with_related(related, "the region in the Global Datastore"),
                );
                *valid = false;
                continue;
            }
            if !standalone.insert(RegionCode::from(region)) {
                let first = cache
                    .standalone_regions
                    .iter()
                    .position(|other| other == region)
                    .unwrap_or(index);
                self.report(
                    Diagnostic::new(
                        codes::E435,
                        region_path,
                        format!("`{region}` is listed twice in `standalone_regions`"),
                    )
                    .with_help("list each standalone region once")
                    .with_related(list_path.index(first), "the first entry"),
                );
                *valid = false;
            }
        }
        standalone
    }

    /// Per-region node types (E429, W421).
    fn resolve_node_types(
        &mut self,
        path: &StackPath,
        cache: &meridian_model::Cache,
        regions: &Regions<'_>,
        (cache_regions, global, standalone): (&[RegionCode], bool, &BTreeSet<RegionCode>),
        valid: &mut bool,
    ) -> BTreeMap<RegionCode, String> {
        let mut node_types: BTreeMap<RegionCode, String> = BTreeMap::new();
        for region in regions.iter() {
            let Some(node_type) = region
                .model
                .and_then(|m| m.sizing.as_ref())
                .and_then(|s| s.cache_node_type.as_ref())
            else {
                continue;
            };
            let node_path = region.path.key("sizing").key("cache_node_type");
            if !cache_regions.contains(&region.code) {
                self.report(
                    Diagnostic::new(codes::W421, node_path, format!("`{node_type}` has no effect: `{}` has no cache", region.code))
                        .with_help("add the region to `cache.cross_region_replication.target_regions` or `cache.standalone_regions`, or remove the setting"),
                );
                continue;
            }
            self.check_node_type(&node_path, node_type);
            // A standalone group beside the Datastore is sized on its own.
            if global && !standalone.contains(&region.code) && node_type != &cache.node_type {
                self.report(
                    Diagnostic::new(
                        codes::E429,
                        node_path,
                        format!("`{node_type}` differs from the Global Datastore's node type `{}`; every member shares the primary's node type", cache.node_type),
                    )
                    .with_help("remove the override, or change `cache.node_type`")
                    .with_related(path.key("node_type"), "the stack-wide node type"),
                );
                *valid = false;
            }
            node_types.insert(region.code.clone(), node_type.clone());
        }
        node_types
    }

    /// The replication group of one region.
    fn cache_in(
        &mut self,
        region: &str,
        shape: &CacheShape<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
        facts: &mut CacheFacts,
    ) {
        let CacheShape {
            path,
            settings,
            placement,
            endpoint,
            ..
        } = shape;
        let CacheSettings {
            cluster_mode,
            replicas_per_shard,
            port,
            ..
        } = *settings;
        let endpoint = *endpoint;
        let global_source = &placement.global_source;
        let unit = UnitId::Region(region.into());
        let Some(network) = apps.get(region).and_then(|app| app.network.clone()) else {
            facts.unplanned.insert(region.into());
            return;
        };
        let rid = self.rid(&unit, "Cache", path);
        let beside_global_datastore = placement.standalone.contains(region);
        let is_secondary = global_source
            .as_ref()
            .is_some_and(|source| source != region)
            && !beside_global_datastore;
        let role = if is_secondary {
            self.cache_secondary(region, shape, facts)
        } else {
            self.cache_primary(region, shape, facts)
        };
        // With replicas, a node failure promotes a replica in another zone; a shard without
        // replicas has nothing to fail over to, which ElastiCache rejects with these on.
        // Cluster mode needs automatic failover whatever the replicas.
        let has_replicas = replicas_per_shard > 0;
        let plan = CachePlan {
            subnet_group_description: format!(
                "Private subnets of {}",
                self.names.replication_group(region)
            ),
            node_count: (!cluster_mode).then(|| 1 + replicas_per_shard),
            multi_az: has_replicas,
            automatic_failover: cluster_mode || has_replicas,
            replication_group_id: self.names.replication_group(region),
            description: format!(
                "{} Redis cache in {region}{}",
                self.stack.stack,
                match global_source.as_deref() {
                    Some(source) if source == region => ", Global Datastore primary",
                    Some(_) if beside_global_datastore =>
                        ", standalone beside the Global Datastore, not replicated",
                    Some(_) => ", Global Datastore secondary",
                    None => "",
                }
            ),
            cluster_mode,
            subnet_group: self.rid(&unit, "CacheSubnetGroup", path),
            subnet_group_name: self.names.cache_subnet_group(region),
            subnets: network.private_subnets.clone(),
            security_group: self.rid(&unit, "CacheSecurityGroup", path),
            port,
            replicas_per_shard,
            endpoint,
            role,
            rid: rid.clone(),
            beside_global_datastore,
        };
        self.export(
            &unit,
            "CacheEndpoint",
            "Endpoint clients of this region's cache connect to",
            Text::attr(&rid, endpoint),
        );
        if plan.heads_global_datastore() {
            facts.primary = Some(region.into());
        }
        facts.by_region.insert(region.into(), (rid, endpoint));
        if let Some(app) = apps.get_mut(region) {
            app.cache = Some(plan);
        }
    }

    /// A Global Datastore secondary: its group joins the Datastore and reads the AUTH secret's
    /// replica.
    fn cache_secondary(
        &mut self,
        region: &str,
        shape: &CacheShape<'_>,
        facts: &mut CacheFacts,
    ) -> CacheRole {
        let global_source = &shape.placement.global_source;
        let unit = UnitId::Region(region.into());
        let source_unit = global_source
            .as_ref()
            .map(|region| UnitId::Region(region.clone()));
        let source_secret = global_source
            .as_ref()
            .map(|region| naming::rid("CacheAuthSecret", &UnitId::Region(region.clone())));
        let source_unit = source_unit
            .clone()
            .unwrap_or_else(|| bug("a Global Datastore secondary has no source"));
        let secret = source_secret
            .clone()
            .unwrap_or_else(|| bug("a Global Datastore secondary has no source"));
        let global_id = naming::rid("CacheGlobalDatastore", &source_unit);
        let global_datastore_id = self.value_from(
            &unit,
            &source_unit,
            "CacheGlobalDatastoreId",
            "ID of the cache's Global Datastore",
            AttrRef {
                resource: global_id,
                attr: Attr::GlobalReplicationGroupId,
            },
        );
        let auth_secret_arn = self.replica_secret_arn(
            &unit,
            &source_unit,
            region,
            &secret,
            "CacheAuthSecretNameWithSuffix",
        );
        facts.secret.insert(
            region.into(),
            (secret, global_source.clone().unwrap_or_default()),
        );
        CacheRole::Secondary {
            global_datastore_id,
            auth_secret_arn,
        }
    }

    /// A standalone group or the Global Datastore's primary, configured in full with its AUTH
    /// secret.
    fn cache_primary(
        &mut self,
        region: &str,
        shape: &CacheShape<'_>,
        facts: &mut CacheFacts,
    ) -> CacheRole {
        let CacheShape {
            cache,
            path,
            settings,
            placement,
            parameter_group_name,
            ..
        } = shape;
        let path = path.clone();
        // A standalone group beside the Datastore is a primary of nothing: its secret stays in
        // its region and it heads no Datastore.
        let global_source = placement
            .global_source
            .as_ref()
            .filter(|source| source.as_str() == region);
        let node_types = &placement.node_types;
        let version = &settings.version;
        let shards = settings.shards;
        let unit = UnitId::Region(region.into());
        let secret_rid = self.rid(&unit, "CacheAuthSecret", &path);
        facts
            .secret
            .insert(region.into(), (secret_rid.clone(), region.into()));
        let replicas = match &cache.cross_region_replication {
            Some(replication) if global_source.is_some() => replication
                .target_regions
                .iter()
                .filter(|target| target.as_str() != region)
                .map(|target| SecretReplica {
                    region: target.into(),
                    kms_key: self.data_key_arn(&unit, target),
                })
                .collect(),
            _ => Vec::new(),
        };
        let global = global_source.is_some().then(|| GlobalDatastorePlan {
            rid: self.rid(&unit, "CacheGlobalDatastore", &path),
            suffix: self.names.global_datastore_suffix(),
            description: format!("{} cache shared across regions", self.stack.stack),
        });
        if let Some(global) = &global {
            self.check_global_datastore_tags(&path);
            self.export(
                &unit,
                "CacheGlobalDatastoreId",
                "ID of the cache's Global Datastore",
                Text::attr(&global.rid, Attr::GlobalReplicationGroupId),
            );
        }
        CacheRole::Primary(Box::new(CachePrimaryPlan {
            engine: CacheEngine::Redis,
            engine_version: version.clone(),
            at_rest_encryption: defaults::ENCRYPTION_AT_REST,
            transit_encryption: defaults::ENCRYPTION_IN_TRANSIT,
            auto_minor_version_upgrade: defaults::AUTO_MINOR_VERSION_UPGRADE,
            // The cache's data survives the group's deletion in a final snapshot.
            final_snapshot: Some(naming::final_snapshot(
                &self.names.replication_group(region),
            )),
            node_type: node_types
                .get(region)
                .cloned()
                .unwrap_or_else(|| cache.node_type.clone()),
            shards,
            parameter_group_name: parameter_group_name.clone(),
            snapshot_retention_days: defaults::CACHE_SNAPSHOT_DAYS,
            auth_secret: SecretPlan {
                rid: secret_rid,
                name: self.names.cache_secret(),
                description: format!("AUTH token of the {} Redis cache", self.stack.stack),
                kms_key: self.data_key_arn(&unit, region),
                fixed_fields: Vec::new(),
                generated_field: "token".to_owned(),
                length: defaults::CACHE_AUTH_TOKEN_LENGTH,
                exclude_characters: AUTH_TOKEN_EXCLUDED.to_owned(),
                punctuation: allowed_punctuation(AUTH_TOKEN_EXCLUDED),
                replicas,
                retain: defaults::RETAIN_SECRETS,
            },
            global,
        }))
    }

    pub(crate) fn check_node_type(&mut self, path: &StackPath, node_type: &str) {
        if !aws::is_cache_node_type(node_type) {
            let types = aws::cache_node_types();
            let help = match (
                family_sizes(node_type, &types),
                suggest_list(node_type, types.iter().map(String::as_str)),
            ) {
                (Some(help), _) => help,
                (None, Some(suggestion)) => format!("did you mean `{suggestion}`?"),
                (None, None) => "use an ElastiCache node type such as `cache.r6g.large`".to_owned(),
            };
            self.report(
                Diagnostic::new(
                    codes::E421,
                    path.clone(),
                    format!("`{node_type}` is not an ElastiCache node type"),
                )
                .with_help(help),
            );
        }
    }
}
