//! The PostgreSQL writer in the primary region and its cross-region read replicas: settings,
//! instance classes, read weights, credentials and their rotation (E401 to E418, W401).

use std::collections::BTreeMap;

use meridian_model::{Diagnostic, SslMode, StackPath, WalLevel, bug, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::{self};
use crate::suggest_list;
use crate::types::*;
use crate::value::{Attr, AttrRef, Part, Text};

/// Characters never put in generated passwords: those RDS refuses in master passwords, and
/// quotes and spaces that break connection strings.
pub(crate) const PASSWORD_EXCLUDED: &str = "\"'@/\\ ";

/// Names PostgreSQL or RDS reserve.
pub(crate) const RESERVED_DATABASE_NAMES: &[&str] =
    &["postgres", "rdsadmin", "template0", "template1"];

/// Validated database settings shared by every region's instance.
pub(crate) struct DatabaseSettings {
    engine_version: String,
    family: String,
    port: u32,
    parameters: BTreeMap<String, String>,
}

/// What resolving the database gives later areas (references, dashboards).
#[derive(Debug, Default)]
pub(crate) struct DatabaseFacts {
    /// The writer.
    pub writer: Option<Rid>,
    /// The master credentials' secret, in the writer's region.
    pub secret: Option<Rid>,
    /// Region → its instance (the writer or the region's replica).
    pub by_region: BTreeMap<RegionCode, Rid>,
    /// The writer's unit.
    pub writer_unit: Option<UnitId>,
    /// The region of the former writer, when the writer is an adopted promoted replica.
    pub promoted_from: Option<RegionCode>,
}

/// The output under which an adopted writer keeps the address it exported as a replica.
pub(crate) const ADOPTED_WRITER_ADDRESS_OUTPUT: &str = "DatabaseReplicaAddress";

/// Where the database's instances go and what they share.
struct Layout<'l> {
    path: StackPath,
    writer_region: RegionCode,
    /// The former writer's region, when the writer is an adopted promoted replica.
    promoted_from: Option<RegionCode>,
    replica_regions: Vec<(RegionCode, StackPath)>,
    default_class: String,
    instance_classes: BTreeMap<RegionCode, String>,
    database: &'l meridian_model::Database,
}

impl<'a> Resolver<'a> {
    /// The writer's address as `consumer` reads it: the one home of that wiring, used by the
    /// `${database.*}` references and the endpoint parameters. Normally an import from the
    /// writer's unit, which deploys first. An adopted promoted writer may deploy *after* the
    /// consumer (the former primary still deploys first, holding the master secret): then the
    /// consumer reads the address output the instance already had as a replica.
    pub(crate) fn writer_address(
        &mut self,
        regions: &Regions<'_>,
        database: &DatabaseFacts,
        consumer: &UnitId,
    ) -> Option<Text> {
        let writer = database.writer.clone()?;
        let writer_unit = database.writer_unit.clone()?;
        let source = AttrRef {
            resource: writer,
            attr: Attr::DbAddress,
        };
        let writer_deploys_later = database.promoted_from.is_some()
            && match (consumer.region(), writer_unit.region()) {
                (Some(consumer), Some(writer)) => !regions.deploys_no_later(writer, consumer),
                _ => false,
            };
        Some(if writer_deploys_later {
            self.existing_value_from(
                consumer,
                &writer_unit,
                ADOPTED_WRITER_ADDRESS_OUTPUT,
                source,
            )
        } else {
            self.value_from(
                consumer,
                &writer_unit,
                "DatabaseWriterAddress",
                "Address of the PostgreSQL writer",
                source,
            )
        })
    }

    /// The writer in the primary region and a replica in each replica region, with their groups,
    /// credentials and rotation.
    pub(crate) fn resolve_database(
        &mut self,
        regions: &Regions<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) -> DatabaseFacts {
        let stack = self.stack;
        let mut facts = DatabaseFacts::default();
        let Some(database) = &stack.database else {
            self.report_sizing_without_database(regions);
            return facts;
        };
        let path = StackPath::root().key("database");
        let settings = self.check_database_settings(&path, database);
        let writer_region = RegionCode::from(&database.primary.region);
        let promoted_from = self.check_promotion(&path, database, regions);
        // A wrong `promoted_from` is reported by itself, not as a writer outside the primary.
        if database.primary.promoted_from.is_none() {
            self.check_writer_region(&path, &writer_region, regions.primary.as_deref());
        }
        if aws::region_info(&writer_region).is_some()
            && !aws::SERVERLESS_REPO_REGIONS.contains(&writer_region.as_str())
        {
            self.report(
                Diagnostic::new(
                    codes::E440,
                    path.key("primary").key("region"),
                    format!("`{writer_region}` has no Serverless Application Repository, which the database password's hosted rotation function is deployed from"),
                )
                .with_help("the deploy would fail creating the rotation; put the database writer (and the primary region) in a region with the Serverless Application Repository, e.g. `eu-central-1` or `us-east-1`"),
            );
        }
        let replica_regions =
            self.resolve_replica_regions(&path, database, &writer_region, regions);
        let (default_class, instance_classes) = self.resolve_instance_classes(
            &path,
            database,
            regions,
            &writer_region,
            &replica_regions,
        );
        let Some(settings) = settings else {
            return facts;
        };
        let layout = Layout {
            path,
            writer_region,
            promoted_from,
            replica_regions,
            default_class,
            instance_classes,
            database,
        };
        if self.resolve_writer(&layout, &settings, regions, apps, &mut facts) {
            self.resolve_replicas(&layout, &settings, apps, &mut facts);
        }
        facts
    }

    /// W401 for every region sizing a database the stack does not have.
    fn report_sizing_without_database(&mut self, regions: &Regions<'_>) {
        for region in regions.iter() {
            if let Some(class) = region
                .model
                .and_then(|m| m.sizing.as_ref())
                .and_then(|s| s.database_instance_class.as_ref())
            {
                self.report(
                    Diagnostic::new(
                        codes::W401,
                        region.path.key("sizing").key("database_instance_class"),
                        format!("`{class}` has no effect: the stack has no database"),
                    )
                    .with_help("remove it, or add a `database` block"),
                );
            }
        }
    }

    /// E980, E981: an adopted writer (`promoted_from`) sits in a service region other than the
    /// primary, and the primary is the region whose writer created the master secret. The
    /// promoted region's replica is the one the failover promoted; `Some` when all holds.
    fn check_promotion(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
        regions: &Regions<'_>,
    ) -> Option<RegionCode> {
        let former = database.primary.promoted_from.as_ref()?;
        let former_path = path.key("primary").key("promoted_from");
        self.check_region_code(&former_path, former)?;
        let primary = regions.primary.as_deref();
        if former == &database.primary.region {
            self.report(
                Diagnostic::new(codes::E980, former_path, format!("`promoted_from: {former}` names the writer's own region"))
                    .with_help("`promoted_from` is the region of the writer before the failover; `primary.region` is the region whose replica was promoted"),
            );
            return None;
        }
        if primary != Some(former.as_str()) {
            self.report(
                Diagnostic::new(
                    codes::E980,
                    former_path,
                    format!(
                        "`promoted_from: {former}` is not the primary region `{}`, where the writer and its master secret were created",
                        primary.unwrap_or("(none)")
                    ),
                )
                .with_help("keep the region that held the writer as `role: primary` (it keeps the master secret and the cache primary), and name it here"),
            );
            return None;
        }
        if regions.service_role(&database.primary.region).is_none() {
            self.report(
                Diagnostic::new(
                    codes::E981,
                    path.key("primary").key("region"),
                    format!(
                        "`{}` runs no service, so it held no read replica a failover could promote",
                        database.primary.region
                    ),
                )
                .with_help("name the region whose read replica was promoted (one declared under `regions:` with a network)"),
            );
            return None;
        }
        Some(RegionCode::from(former))
    }

    /// E983 for a pool size out of range; W982 when the pools of the most tasks every region may
    /// run (each service's scaling ceiling, scheduled ones included) could open more connections
    /// than the server's `max_connections`. Every task's pool may reach the writer (writes go
    /// there from every region), so the sum over all regions is what the writer must accept.
    /// Without `max_connections`, the limit is RDS's default on the writer's class.
    pub(crate) fn check_connection_pools(&mut self, apps: &BTreeMap<RegionCode, AppPlan>) {
        let Some(database) = &self.stack.database else {
            return;
        };
        let Some(pool_size) = database.pool_size else {
            return;
        };
        let path = StackPath::root().key("database");
        if !defaults::bounds::POOL_SIZE.contains(&pool_size) {
            self.report(
                Diagnostic::new(
                    codes::E983,
                    path.key("pool_size"),
                    format!(
                        "a pool of {pool_size} connections is outside {}",
                        range_text(&defaults::bounds::POOL_SIZE)
                    ),
                )
                .with_help("the connections one task opens; tens are common"),
            );
            return;
        }
        // The server's limit: the stack's, or RDS's default on the writer's class.
        let writer_class = apps
            .values()
            .filter_map(|app| app.database.as_ref())
            .find(|database| !matches!(database.role, DatabaseRole::Replica(_)))
            .map(|database| database.instance_class.as_str());
        let (max_connections, limit) = match database.max_connections {
            Some(max_connections) => (
                max_connections,
                format!("`max_connections: {max_connections}`"),
            ),
            None => match writer_class
                .and_then(|class| Some((class, aws::postgres_default_max_connections(class)?)))
            {
                Some((class, connections)) => (
                    connections,
                    format!("default `max_connections` on `{class}` (about {connections})"),
                ),
                None => return,
            },
        };
        let most_tasks: u64 = apps
            .values()
            .flat_map(|app| &app.services)
            .map(|service| {
                let scaled = service.scaling.as_ref().map_or(0, |scaling| {
                    scaling
                        .scheduled
                        .iter()
                        .map(|action| action.max)
                        .fold(scaling.max, u32::max)
                });
                u64::from(scaled.max(service.desired_count))
            })
            .sum();
        let connections = most_tasks * u64::from(pool_size);
        if connections > u64::from(max_connections) {
            self.report(
                Diagnostic::new(
                    codes::W982,
                    path.key("pool_size"),
                    format!(
                        "{most_tasks} tasks at most (over all regions) with pools of {pool_size} may open {connections} connections, more than the server's {limit}"
                    ),
                )
                .with_help("raise `max_connections` (the server's limit) or lower `pool_size` (each task's pool); if `max_connections` was meant as the application's pool, write it as `pool_size`")
                .with_related(path.key("max_connections"), "the server's limit"),
            );
        }
    }

    /// E403: the writer lives in the primary region.
    fn check_writer_region(
        &mut self,
        path: &StackPath,
        writer_region: &str,
        primary: Option<&str>,
    ) {
        if self
            .check_region_code(&path.key("primary").key("region"), writer_region)
            .is_some()
            && primary.is_some_and(|primary| primary != writer_region)
        {
            self.report(
                Diagnostic::new(
                    codes::E403,
                    path.key("primary").key("region"),
                    format!(
                        "the database writer is in `{writer_region}`, but the primary region is `{}`",
                        primary.unwrap_or("(none)")
                    ),
                )
                .with_help("the writer lives in the primary region, which deploys first; change one of the two"),
            );
        }
    }

    /// The valid replica regions (E404 to E406), with the read weights (E407) and WAL senders
    /// (E412) they need.
    fn resolve_replica_regions(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
        writer_region: &str,
        regions: &Regions<'_>,
    ) -> Vec<(RegionCode, StackPath)> {
        let mut replica_regions: Vec<(RegionCode, StackPath)> = Vec::new();
        let mut total_weight = database.primary.read_weight.unwrap_or(0);
        // A writer weight above 100 cannot add up to 100 either; one finding is enough.
        let writer_weight_too_large = total_weight > 100;
        if writer_weight_too_large {
            self.report(
                Diagnostic::new(
                    codes::E407,
                    path.key("primary").key("read_weight"),
                    format!("read weight {total_weight} is above 100"),
                )
                .with_help("weights are percentages of read traffic"),
            );
        }
        for (index, replica) in database.read_replicas.iter().enumerate() {
            let replica_path = path.key("read_replicas").index(index);
            total_weight = total_weight.saturating_add(replica.weight);
            if self
                .check_region_code(&replica_path.key("region"), &replica.region)
                .is_none()
            {
                continue;
            }
            if replica.region == writer_region {
                self.report(
                    Diagnostic::new(
                        codes::E405,
                        replica_path.key("region"),
                        format!("a read replica in `{}` would be in the writer's own region", replica.region),
                    )
                    .with_help("RDS allows it, but Meridian plans one database instance per region (its IDs, endpoints, failover and read routing name a region's instance): serve this region's reads from the writer through `primary.read_weight`"),
                );
                continue;
            }
            let declared = regions.service_role(&replica.region).is_some();
            if !declared {
                let help = match suggest_list(
                    &replica.region,
                    regions.service_codes().map(RegionCode::as_str),
                ) {
                    Some(suggestion) => format!(
                        "did you mean `{suggestion}`? otherwise declare the region under `regions:`"
                    ),
                    None => "declare the region under `regions:` with its network".to_owned(),
                };
                self.report(
                    Diagnostic::new(
                        codes::E404,
                        replica_path.key("region"),
                        format!(
                            "the replica region `{}` is not a declared region",
                            replica.region
                        ),
                    )
                    .with_help(help),
                );
                continue;
            }
            if let Some((_, first)) = replica_regions
                .iter()
                .find(|(region, _)| region == &replica.region)
            {
                let first = first.clone();
                self.report(
                    Diagnostic::new(codes::E406, replica_path.key("region"), format!("`{}` has two read replicas", replica.region))
                        .with_help("RDS allows several, but Meridian plans one database instance per region (its IDs, endpoints, failover and read routing name a region's instance): keep one and scale it with `sizing.database_instance_class`")
                        .with_related(first, "the first replica there"),
                );
                continue;
            }
            replica_regions.push((RegionCode::from(&replica.region), replica_path));
        }
        if let Some((_, extra)) = replica_regions.get(aws::limits::RDS_READ_REPLICAS_PER_SOURCE) {
            self.report(
                Diagnostic::new(
                    codes::E419,
                    extra.clone(),
                    format!(
                        "{} read replicas are more than an RDS source takes: at most {}",
                        replica_regions.len(),
                        aws::limits::RDS_READ_REPLICAS_PER_SOURCE
                    ),
                )
                .with_help("serve the other regions' reads from the nearest replica (remove their `read_replicas` entries); RDS refuses a 16th replica of one source"),
            );
        }
        if total_weight != 100 && !writer_weight_too_large {
            self.report(
                Diagnostic::new(
                    codes::E407,
                    path.key("read_replicas"),
                    format!("the read weights (primary.read_weight and each replica's weight) sum to {total_weight}, not 100"),
                )
                .with_help("weights are the shares of read traffic each reader serves; make them add up to 100"),
            );
        }
        if let Some(replication) = &database.replication
            && let Some(senders) = replication.max_wal_senders
            // Out of range is reported by the settings check (E412 too).
            && defaults::bounds::MAX_WAL_SENDERS.contains(&senders)
            && senders < u32::try_from(replica_regions.len()).unwrap_or(u32::MAX) + 1
        {
            self.report(
                Diagnostic::new(
                    codes::E412,
                    path.key("replication").key("max_wal_senders"),
                    format!("`max_wal_senders: {senders}` leaves no spare sender for {} replica(s)", replica_regions.len()),
                )
                .with_help("each replica holds one WAL sender; keep at least one more for backups and logical consumers"),
            );
        }
        replica_regions
    }

    /// The instance class of every region with an instance: the database's, or the region's own
    /// (E401, W401).
    fn resolve_instance_classes(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
        regions: &Regions<'_>,
        writer_region: &str,
        replica_regions: &[(RegionCode, StackPath)],
    ) -> (String, BTreeMap<RegionCode, String>) {
        let default_class = database.instance_class.clone();
        self.check_instance_class(&path.key("instance_class"), &default_class);
        let mut instance_classes: BTreeMap<RegionCode, String> = BTreeMap::new();
        for region in regions.iter() {
            let Some(model) = region.model else { continue };
            let hosts_instance = region.code == writer_region
                || replica_regions.iter().any(|(code, _)| code == &region.code);
            if let Some(class) = model
                .sizing
                .as_ref()
                .and_then(|s| s.database_instance_class.as_ref())
            {
                let class_path = region.path.key("sizing").key("database_instance_class");
                if !hosts_instance {
                    self.report(
                        Diagnostic::new(
                            codes::W401,
                            class_path,
                            format!(
                                "`{class}` has no effect: `{}` has no database instance",
                                region.code
                            ),
                        )
                        .with_help("add a read replica in this region, or remove the setting"),
                    );
                    continue;
                }
                self.check_instance_class(&class_path, class);
                instance_classes.insert(region.code.clone(), class.clone());
            }
        }
        if database.max_connections.is_none() {
            self.check_replica_memory(
                database,
                regions,
                writer_region,
                replica_regions,
                &instance_classes,
            );
        }
        (default_class, instance_classes)
    }

    /// E420: with RDS's default `max_connections`, which grows with the instance's memory up to
    /// a cap, a replica on a class with less memory than the writer's may get fewer connections
    /// than the writer, and PostgreSQL refuses to run a hot standby whose `max_connections` is
    /// below the primary's (PostgreSQL documentation, "Hot Standby", 26.4.3 Administrator's
    /// Overview). Classes that both reach the cap get the same default and pass.
    fn check_replica_memory(
        &mut self,
        database: &meridian_model::Database,
        regions: &Regions<'_>,
        writer_region: &str,
        replica_regions: &[(RegionCode, StackPath)],
        instance_classes: &BTreeMap<RegionCode, String>,
    ) {
        let class_of = |region: &str| {
            instance_classes
                .get(region)
                .unwrap_or(&database.instance_class)
                .clone()
        };
        let writer_class = class_of(writer_region);
        let Some(writer_connections) = aws::postgres_default_max_connections(&writer_class) else {
            return;
        };
        for (region, _) in replica_regions {
            let class = class_of(region);
            let Some(connections) = aws::postgres_default_max_connections(&class) else {
                continue;
            };
            if connections >= writer_connections {
                continue;
            }
            let at = if instance_classes.contains_key(region) {
                regions
                    .iter()
                    .find(|r| &r.code == region)
                    .map(|r| r.path.key("sizing").key("database_instance_class"))
            } else {
                regions
                    .iter()
                    .find(|r| r.code == writer_region)
                    .map(|r| r.path.key("sizing").key("database_instance_class"))
            };
            let path =
                at.unwrap_or_else(|| StackPath::root().key("database").key("instance_class"));
            self.report(
                Diagnostic::new(
                    codes::E420,
                    path,
                    format!("the replica in `{region}` runs `{class}`, whose default `max_connections` (about {connections}) is below that of the writer's `{writer_class}` (about {writer_connections})"),
                )
                .with_help(format!("a PostgreSQL hot standby refuses to start with fewer `max_connections` than its primary; set `database.max_connections` (one value for every instance, e.g. {connections}), or give the replica a class at least as large")),
            );
        }
    }

    /// The writer with its secret, rotation and outputs; `false` when its region has no network
    /// to put it in (its replicas then have no source either). An adopted writer
    /// (`promoted_from`) is the promoted replica, and its credentials stay in the unit of the
    /// writer that created them.
    fn resolve_writer(
        &mut self,
        layout: &Layout<'_>,
        settings: &DatabaseSettings,
        regions: &Regions<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
        facts: &mut DatabaseFacts,
    ) -> bool {
        let Layout {
            path,
            writer_region,
            promoted_from,
            default_class,
            instance_classes,
            database,
            ..
        } = layout;
        let writer_region = writer_region.clone();
        let writer_unit = UnitId::Region(writer_region.clone());
        // The unit holding the master credentials: the writer's, or the one of the writer that
        // created them before a failover.
        let home_region = promoted_from
            .clone()
            .unwrap_or_else(|| writer_region.clone());
        let home_unit = UnitId::Region(home_region.clone());
        let Some(network) = apps.get(&writer_region).and_then(|app| app.network.clone()) else {
            return false;
        };
        let Some(home_network) = apps.get(&home_region).and_then(|app| app.network.clone()) else {
            return false;
        };
        let writer_rid = self.rid(&writer_unit, "Database", path);
        let secret_rid = self.rid(&home_unit, "DatabaseSecret", &path.key("primary"));
        facts.writer = Some(writer_rid.clone());
        facts.writer_unit = Some(writer_unit.clone());
        facts.promoted_from = promoted_from.clone();
        facts.secret = Some(secret_rid.clone());
        facts
            .by_region
            .insert(writer_region.clone(), writer_rid.clone());
        let (secret, secret_attachment, rotation) = self.master_credentials(
            path,
            database,
            regions,
            &home_unit,
            &home_region,
            secret_rid.clone(),
            &home_network,
        );
        let max_storage_gb = storage_ceiling(database);
        let multi_az = database.multi_az.unwrap_or(defaults::MULTI_AZ);
        let backup_retention_days = database
            .backup_retention_days
            .unwrap_or(defaults::BACKUP_RETENTION_DAYS);
        let role = match promoted_from {
            None => DatabaseRole::Writer(Box::new(WriterPlan {
                engine: DatabaseEngine::Postgres,
                engine_version: settings.engine_version.clone(),
                storage_encrypted: defaults::ENCRYPTION_AT_REST,
                username_field: aws::SECRET_USERNAME_FIELD.to_owned(),
                db_name: database.name.clone(),
                storage_gb: database.storage_gb.unwrap_or(defaults::STORAGE_GB),
                max_storage_gb,
                multi_az,
                backup_retention_days,
                backup_window: defaults::BACKUP_WINDOW.to_owned(),
                maintenance_window: defaults::MAINTENANCE_WINDOW.to_owned(),
                secret,
                secret_attachment,
                rotation,
            })),
            Some(source_region) => {
                let identifier = self.names.db_instance(&writer_region);
                let credentials = AdoptedCredentialsPlan {
                    engine: DatabaseEngine::Postgres,
                    username_field: aws::SECRET_USERNAME_FIELD.to_owned(),
                    port: settings.port,
                    secret,
                    secret_attachment,
                    rotation,
                    writer: writer_rid.clone(),
                    writer_region: writer_region.clone(),
                    writer_arn: Text::from_parts(vec![
                        Part::Lit("arn:".to_owned()),
                        Part::Partition,
                        Part::Lit(format!(":rds:{writer_region}:")),
                        Part::AccountId,
                        Part::Lit(format!(":db:{identifier}")),
                    ]),
                    writer_identifier: identifier,
                    writer_vpc_cidr: network.vpc_cidr.clone(),
                };
                if let Some(home) = apps.get_mut(&home_region) {
                    home.adopted_credentials = Some(Box::new(credentials));
                }
                // Only mutable settings are added: backups, Multi-AZ, the storage ceiling and
                // the windows. Everything create-only stays as the replica had it.
                DatabaseRole::Promoted(Box::new(PromotedPlan {
                    source_region: source_region.clone(),
                    max_storage_gb,
                    multi_az,
                    backup_retention_days,
                    backup_window: defaults::BACKUP_WINDOW.to_owned(),
                    maintenance_window: defaults::MAINTENANCE_WINDOW.to_owned(),
                }))
            }
        };
        let writer_class = instance_classes
            .get(&writer_region)
            .cloned()
            .unwrap_or_else(|| default_class.clone());
        let writer = self.database_instance(
            &writer_unit,
            path,
            &writer_region,
            writer_rid.clone(),
            writer_class,
            settings,
            database
                .deletion_protection
                .unwrap_or(defaults::DELETION_PROTECTION),
            &network.private_subnets,
            role,
        );
        let writer_app = apps
            .get_mut(&writer_region)
            .unwrap_or_else(|| bug("the writer's region has no application plan"));
        writer_app.database = Some(writer);
        let writer_address = Text::attr(&writer_rid, Attr::DbAddress);
        self.export(
            &writer_unit,
            "DatabaseWriterAddress",
            "Address of the PostgreSQL writer",
            writer_address.clone(),
        );
        if promoted_from.is_some() {
            // The output the instance had as a replica stays, with the same value (promotion
            // keeps the endpoint): units that deploy before the writer's read it from the
            // existing stack (see `Resolver::existing_value_from`).
            self.export(
                &writer_unit,
                ADOPTED_WRITER_ADDRESS_OUTPUT,
                "Address of this region's PostgreSQL instance, a promoted read replica",
                writer_address,
            );
        }
        self.export(
            &home_unit,
            "DatabaseSecretArn",
            "ARN of the master credentials secret",
            Text::attr(&secret_rid, Attr::SecretArn),
        );
        true
    }

    /// The master secret, its attachment and its rotation, in `home_unit`.
    #[allow(clippy::too_many_arguments)]
    fn master_credentials(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
        regions: &Regions<'_>,
        home_unit: &UnitId,
        home_region: &RegionCode,
        secret_rid: Rid,
        network: &NetworkPlan,
    ) -> (SecretPlan, Rid, RotationPlan) {
        let stack = self.stack;
        // The credentials are replicated to every other service region, so that tasks there
        // read them locally and keep working when the primary region is down.
        let other_regions: Vec<RegionCode> = regions
            .service_codes()
            .filter(|region| *region != home_region)
            .cloned()
            .collect();
        let replicas: Vec<SecretReplica> = other_regions
            .iter()
            .map(|region| SecretReplica {
                region: region.clone(),
                kms_key: self.data_key_arn(home_unit, region),
            })
            .collect();
        let secret = SecretPlan {
            rid: secret_rid,
            name: self.names.database_secret(),
            description: format!(
                "Master credentials of the {} PostgreSQL writer; replicated to the replica regions",
                stack.stack
            ),
            kms_key: self.data_key_arn(home_unit, home_region),
            fixed_fields: vec![(
                aws::SECRET_USERNAME_FIELD.to_owned(),
                defaults::MASTER_USERNAME.to_owned(),
            )],
            generated_field: aws::SECRET_PASSWORD_FIELD.to_owned(),
            length: defaults::DATABASE_PASSWORD_LENGTH,
            exclude_characters: PASSWORD_EXCLUDED.to_owned(),
            punctuation: allowed_punctuation(PASSWORD_EXCLUDED),
            replicas,
            retain: defaults::RETAIN_SECRETS,
        };
        let rotation_group = self.rid(home_unit, "DatabaseRotationSecurityGroup", path);
        let rotation_function = HostedRotation::PostgresSingleUser;
        let rotation = RotationPlan {
            rid: self.rid(home_unit, "DatabaseSecretRotation", path),
            function: rotation_function,
            application_id: aws::rotation_application_id(
                &self.partition,
                rotation_function.application(),
            ),
            endpoint: Text::from_parts(vec![
                Part::Lit(format!("https://secretsmanager.{home_region}.")),
                Part::UrlSuffix,
            ]),
            name: self.names.rotation_function(),
            days: database
                .password_rotation_days
                .unwrap_or(defaults::PASSWORD_ROTATION_DAYS),
            security_group: rotation_group,
            subnets: network.private_subnets.clone(),
        };
        let attachment = self.rid(home_unit, "DatabaseSecretAttachment", path);
        (secret, attachment, rotation)
    }

    /// A read replica in each replica region, reading from the writer.
    fn resolve_replicas(
        &mut self,
        layout: &Layout<'_>,
        settings: &DatabaseSettings,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
        facts: &mut DatabaseFacts,
    ) {
        let Layout {
            writer_region,
            replica_regions,
            default_class,
            instance_classes,
            database,
            ..
        } = layout;
        let writer_unit = UnitId::Region(writer_region.clone());
        let (Some(writer_rid), Some(secret_rid)) = (facts.writer.clone(), facts.secret.clone())
        else {
            return;
        };
        for (region, replica_path) in replica_regions.iter() {
            let unit = UnitId::Region(region.clone());
            let Some(app) = apps.get(region) else {
                continue;
            };
            let Some(network) = app.network.clone() else {
                continue;
            };
            if let Some(former) = &facts.promoted_from {
                let message = if region == former {
                    format!(
                        "the former writer in `{region}` becomes a new read replica of the promoted writer in `{writer_region}`: the instance there is replaced"
                    )
                } else {
                    format!(
                        "the read replica in `{region}` replicated from `{former}`; RDS cannot point a replica at another source, so it is replaced by a replica of `{writer_region}`"
                    )
                };
                self.report(
                    Diagnostic::new(codes::W980, replica_path.key("region"), message)
                        .with_help("CloudFormation cannot replace an instance with a fixed identifier in one update: deploy first without this replica (the old instance is deleted), then add it back"),
                );
            }
            let rid = self.rid(&unit, "Database", replica_path);
            facts.by_region.insert(region.into(), rid.clone());
            let source_arn = self.value_from(
                &unit,
                &writer_unit,
                "DatabaseArn",
                "ARN of the PostgreSQL writer",
                AttrRef {
                    resource: writer_rid.clone(),
                    attr: Attr::DbInstanceArn,
                },
            );
            // The secret lives with the writer that created it (the former writer's unit
            // when the writer is an adopted promoted replica).
            let secret_unit = facts
                .promoted_from
                .clone()
                .map_or_else(|| writer_unit.clone(), UnitId::Region);
            let secret_arn = self.replica_secret_arn(
                &unit,
                &secret_unit,
                region,
                &secret_rid,
                "DatabaseSecretNameWithSuffix",
            );
            let class = instance_classes
                .get(region)
                .cloned()
                .unwrap_or_else(|| default_class.clone());
            let replica = database
                .read_replicas
                .iter()
                .find(|replica| replica.region == region.as_str());
            let own = replica.map(|replica| {
                self.replica_settings(
                    replica_path,
                    replica,
                    database.storage_gb.unwrap_or(defaults::STORAGE_GB),
                    storage_ceiling(database),
                )
            });
            let mut plan = self.database_instance(
                &unit,
                replica_path,
                region,
                rid.clone(),
                class,
                settings,
                database
                    .deletion_protection
                    .unwrap_or(defaults::DELETION_PROTECTION),
                &network.private_subnets,
                DatabaseRole::Replica(ReplicaPlan {
                    max_storage_gb: own
                        .as_ref()
                        .map_or_else(|| storage_ceiling(database), |own| own.max_storage_gb),
                    multi_az: own.as_ref().and_then(|own| own.multi_az),
                    iops: own.as_ref().and_then(|own| own.iops),
                    source_arn,
                    source_region: writer_region.clone(),
                    secret_arn,
                }),
            );
            if let Some(own) = &own {
                plan.storage_type = own.storage_type;
                plan.performance_insights = own.performance_insights;
            }
            self.export(
                &unit,
                ADOPTED_WRITER_ADDRESS_OUTPUT,
                "Address of this region's PostgreSQL read replica",
                Text::attr(&rid, Attr::DbAddress),
            );
            if let Some(app) = apps.get_mut(region) {
                app.database = Some(plan);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn database_instance(
        &mut self,
        unit: &UnitId,
        path: &StackPath,
        region: &str,
        rid: Rid,
        instance_class: String,
        settings: &DatabaseSettings,
        deletion_protection: bool,
        subnets: &[Text],
        role: DatabaseRole,
    ) -> DatabasePlan {
        let security_group = self.rid(unit, "DatabaseSecurityGroup", path);
        let identifier = self.names.db_instance(region);
        // A replica's data is a copy of the writer's: a snapshot of it would only accumulate
        // copies. The writer's survives its deletion or replacement.
        let final_snapshot = role
            .is_writer()
            .then(|| naming::final_snapshot(&identifier));
        DatabasePlan {
            subnet_group_description: format!("Private subnets of {identifier}"),
            identifier,
            instance_class,
            port: settings.port,
            subnet_group: self.rid(unit, "DatabaseSubnetGroup", path),
            subnets: subnets.to_vec(),
            storage_type: defaults::DATABASE_STORAGE_TYPE,
            publicly_accessible: defaults::DATABASE_PUBLICLY_ACCESSIBLE,
            auto_minor_version_upgrade: defaults::AUTO_MINOR_VERSION_UPGRADE,
            copy_tags_to_snapshot: defaults::COPY_TAGS_TO_SNAPSHOT,
            iam_authentication: defaults::IAM_DATABASE_AUTHENTICATION,
            performance_insights: defaults::PERFORMANCE_INSIGHTS,
            final_snapshot,
            parameter_group: ParameterGroupPlan {
                rid: self.rid(unit, "DatabaseParameterGroup", path),
                family: settings.family.clone(),
                description: format!(
                    "{} PostgreSQL settings, the same on the writer and every replica",
                    self.stack.stack
                ),
                parameters: settings.parameters.clone(),
                // Static parameters (`wal_level`, `max_wal_senders`) refuse `immediate`, and a new
                // instance starts with the group anyway.
                apply_method: ParameterApplyMethod::PendingReboot,
            },
            security_group,
            kms_key: self.data_key_arn(unit, region),
            deletion_protection,
            monitoring_role: self.rid(unit, "DatabaseMonitoringRole", path),
            monitoring_interval_seconds: defaults::ENHANCED_MONITORING_SECONDS,
            performance_insights_retention_days: defaults::PERFORMANCE_INSIGHTS_RETENTION_DAYS,
            log_exports: vec!["postgresql".to_owned(), "upgrade".to_owned()],
            rid,
            role,
        }
    }

    pub(crate) fn check_instance_class(&mut self, path: &StackPath, class: &str) {
        if !aws::is_postgres_instance_class(class) {
            let classes = aws::postgres_instance_classes();
            let help = match (
                family_sizes(class, &classes),
                suggest_list(class, classes.iter().map(String::as_str)),
            ) {
                (Some(help), _) => help,
                (None, Some(suggestion)) => format!("did you mean `{suggestion}`?"),
                (None, None) => {
                    "use an RDS class PostgreSQL runs on, e.g. `db.r6g.xlarge` or `db.t4g.medium`"
                        .to_owned()
                }
            };
            self.report(
                Diagnostic::new(
                    codes::E401,
                    path.clone(),
                    format!("`{class}` is not an RDS instance class for PostgreSQL"),
                )
                .with_help(help),
            );
        }
    }

    pub(crate) fn check_database_settings(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
    ) -> Option<DatabaseSettings> {
        let mut valid = true;
        let name_ok = database.name.len() <= aws::limits::POSTGRES_IDENTIFIER_LENGTH
            && database.name.starts_with(|c: char| c.is_ascii_alphabetic())
            && database
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !name_ok || RESERVED_DATABASE_NAMES.contains(&database.name.as_str()) {
            self.report(
                Diagnostic::new(codes::E415, path.key("name"), format!("`{}` is not a usable PostgreSQL database name", database.name))
                    .with_help(format!("use letters, digits and underscores, start with a letter, at most {} characters, and avoid `postgres`, `rdsadmin`, `template0`, `template1`", aws::limits::POSTGRES_IDENTIFIER_LENGTH)),
            );
            valid = false;
        }
        let engine_version = database
            .engine_version
            .clone()
            .unwrap_or_else(|| defaults::POSTGRES_VERSION.to_owned());
        if !aws::POSTGRES_VERSIONS.contains(&engine_version.as_str()) {
            let message = if engine_version.contains('.') {
                format!(
                    "PostgreSQL `{engine_version}` is not a version RDS offers (it may be retired, or not released yet)"
                )
            } else {
                format!(
                    "`{engine_version}` is only a major version; RDS instances are created from a major.minor version"
                )
            };
            self.report(
                Diagnostic::new(codes::E402, path.key("engine_version"), message)
                    .with_help(postgres_version_help(&engine_version)),
            );
            valid = false;
        }
        let major = engine_version.split('.').next().unwrap_or("16").to_owned();
        let port = database.port.unwrap_or(defaults::POSTGRES_PORT);
        if !aws::limits::RDS_PORTS.contains(&port) {
            self.report(
                Diagnostic::new(
                    codes::E414,
                    path.key("port"),
                    format!(
                        "port {port} is outside {}, the ports RDS accepts",
                        range_text(&aws::limits::RDS_PORTS)
                    ),
                )
                .with_help("use PostgreSQL's standard 5432"),
            );
            valid = false;
        }
        valid &= self.check_database_storage(path, database);
        let (parameters, parameters_valid) = self.database_parameters(path, database);
        valid &= parameters_valid;
        valid.then(|| DatabaseSettings {
            engine_version,
            family: format!("postgres{major}"),
            port,
            parameters,
        })
    }
    /// Storage (E408, E409), backups (E410), password rotation (E416) and promotion (E417).
    fn check_database_storage(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
    ) -> bool {
        let mut valid = true;
        let storage = database.storage_gb.unwrap_or(defaults::STORAGE_GB);
        if !aws::limits::RDS_GP3_STORAGE_GIB.contains(&storage) {
            self.report(
                Diagnostic::new(
                    codes::E408,
                    path.key("storage_gb"),
                    format!(
                        "{storage} GiB is outside {} GiB of gp3 storage",
                        range_text(&aws::limits::RDS_GP3_STORAGE_GIB)
                    ),
                )
                .with_help("start small; storage autoscaling grows it up to `max_storage_gb`"),
            );
            valid = false;
        }
        let percent = aws::limits::RDS_MAX_STORAGE_MIN_PERCENT;
        if let Some(max) = database.max_storage_gb
            && (u64::from(max) * 100 < u64::from(storage) * u64::from(percent)
                || max > *aws::limits::RDS_GP3_STORAGE_GIB.end())
        {
            let least = (u64::from(storage) * u64::from(percent)).div_ceil(100);
            self.report(
                Diagnostic::new(codes::E409, path.key("max_storage_gb"), format!("`max_storage_gb: {max}` must be at least {least} (10 % above `storage_gb: {storage}`) and at most {}", aws::limits::RDS_GP3_STORAGE_GIB.end()))
                    .with_help(format!("RDS refuses a storage autoscaling ceiling less than 10 % above the allocation; write e.g. `max_storage_gb: {}`", u64::from(storage).saturating_mul(2).min(u64::from(*aws::limits::RDS_GP3_STORAGE_GIB.end())).max(least))),
            );
            valid = false;
        }
        let backups = database
            .backup_retention_days
            .unwrap_or(defaults::BACKUP_RETENTION_DAYS);
        if !aws::limits::RDS_BACKUP_RETENTION_DAYS.contains(&backups) {
            self.report(
                Diagnostic::new(
                    codes::E410,
                    path.key("backup_retention_days"),
                    format!(
                        "{backups} days of backups is outside {}",
                        range_text(&aws::limits::RDS_BACKUP_RETENTION_DAYS)
                    ),
                )
                .with_help("read replicas need automated backups on the writer (at least 1 day)"),
            );
            valid = false;
        }
        if let Some(days) = database.password_rotation_days
            && !aws::limits::SECRET_ROTATION_DAYS.contains(&days)
        {
            self.report(
                Diagnostic::new(
                    codes::E416,
                    path.key("password_rotation_days"),
                    format!(
                        "rotation every {days} days is outside {}",
                        range_text(&aws::limits::SECRET_ROTATION_DAYS)
                    ),
                )
                .with_help(format!(
                    "Secrets Manager rotates at most every {} days; monthly is common",
                    aws::limits::SECRET_ROTATION_DAYS.end()
                )),
            );
            valid = false;
        }
        if let Some(failover) = &database.failover {
            let failover_path = path.key("failover");
            if let Some(timeout) = failover.promotion_timeout_seconds
                && !defaults::bounds::PROMOTION_TIMEOUT_SECONDS.contains(&timeout)
            {
                self.report(
                    Diagnostic::new(
                        codes::E417,
                        failover_path.key("promotion_timeout_seconds"),
                        format!(
                            "a promotion timeout of {timeout} s is outside {} s",
                            range_text(&defaults::bounds::PROMOTION_TIMEOUT_SECONDS)
                        ),
                    )
                    .with_help(
                        "promoting an RDS replica takes a minute or more; 120 s is a common budget",
                    ),
                );
                valid = false;
            }
            if let Some(interval) = failover.health_check_interval_seconds
                && !defaults::bounds::PROMOTION_PROBE_INTERVAL_SECONDS.contains(&interval)
            {
                self.report(
                    Diagnostic::new(
                        codes::E417,
                        failover_path.key("health_check_interval_seconds"),
                        format!(
                            "a probe interval of {interval} s is outside {} s",
                            range_text(&defaults::bounds::PROMOTION_PROBE_INTERVAL_SECONDS)
                        ),
                    )
                    .with_help("probe every few seconds while promoting"),
                );
                valid = false;
            }
        }
        valid
    }

    /// The parameter group's values: TLS, connections and replication settings (E411 to E413,
    /// E418); `false` beside them when any is wrong.
    fn database_parameters(
        &mut self,
        path: &StackPath,
        database: &meridian_model::Database,
    ) -> (BTreeMap<String, String>, bool) {
        let mut valid = true;
        let mut parameters = BTreeMap::new();
        let ssl = database
            .ssl_mode
            .map_or(defaults::SSL_REQUIRED, |mode| mode == SslMode::Require);
        parameters.insert(
            "rds.force_ssl".to_owned(),
            if ssl { "1" } else { "0" }.to_owned(),
        );
        if let Some(connections) = database.max_connections {
            if !aws::limits::POSTGRES_MAX_CONNECTIONS.contains(&connections) {
                self.report(
                    Diagnostic::new(
                        codes::E418,
                        path.key("max_connections"),
                        format!(
                            "`max_connections: {connections}` is outside {}",
                            range_text(&aws::limits::POSTGRES_MAX_CONNECTIONS)
                        ),
                    )
                    .with_help("size it to the pool sizes of all tasks in the region"),
                );
                valid = false;
            }
            parameters.insert("max_connections".to_owned(), connections.to_string());
        }
        if let Some(replication) = &database.replication {
            let replication_path = path.key("replication");
            if replication.asynchronous == Some(false) {
                self.report(
                    Diagnostic::new(codes::E411, replication_path.key("async"), "`async: false` asks for synchronous cross-region replication, which RDS for PostgreSQL does not offer")
                        .with_help("cross-region read replicas replicate asynchronously; remove `async: false` (Multi-AZ gives synchronous copies within the region)"),
                );
                valid = false;
            }
            let senders = replication
                .max_wal_senders
                .unwrap_or(defaults::MAX_WAL_SENDERS);
            if !defaults::bounds::MAX_WAL_SENDERS.contains(&senders) {
                self.report(
                    Diagnostic::new(
                        codes::E412,
                        replication_path.key("max_wal_senders"),
                        format!(
                            "`max_wal_senders: {senders}` is outside {}",
                            range_text(&defaults::bounds::MAX_WAL_SENDERS)
                        ),
                    )
                    .with_help("one sender per replica plus a few spare"),
                );
                valid = false;
            }
            parameters.insert("max_wal_senders".to_owned(), senders.to_string());
            if replication.wal_level == Some(WalLevel::Logical) {
                parameters.insert("rds.logical_replication".to_owned(), "1".to_owned());
                parameters.insert("max_replication_slots".to_owned(), senders.to_string());
            }
            if let Some(size) = &replication.wal_keep_size {
                match parse_megabytes(size) {
                    Some(megabytes) => {
                        parameters.insert("wal_keep_size".to_owned(), megabytes.to_string());
                    }
                    None => {
                        self.report(
                            Diagnostic::new(
                                codes::E413,
                                replication_path.key("wal_keep_size"),
                                format!("`{size}` is not a size such as `1GB` or `512MB`"),
                            )
                            .with_help("write a whole number followed by MB, GB or TB"),
                        );
                        valid = false;
                    }
                }
            }
        } else {
            parameters.insert(
                "max_wal_senders".to_owned(),
                defaults::MAX_WAL_SENDERS.to_string(),
            );
        }
        (parameters, valid)
    }
}

/// The storage autoscaling ceiling of every instance: the stack's, or 10 × the allocation. A
/// replica inherits its source's allocated storage but not its ceiling, so the writer's ceiling
/// is set on the replicas too: without it, a replica stops growing while the writer grows, and
/// replication stops when the replica is full.
fn storage_ceiling(database: &meridian_model::Database) -> u32 {
    database.max_storage_gb.unwrap_or_else(|| {
        database
            .storage_gb
            .unwrap_or(defaults::STORAGE_GB)
            .saturating_mul(defaults::MAX_STORAGE_FACTOR)
            .min(*aws::limits::RDS_GP3_STORAGE_GIB.end())
    })
}

/// When `class` (`db.m7g.medium`, `cache.r6g.medium`) names a known family with an unknown
/// size, a help line listing the family's sizes: a closer hint than the nearest spelling, which
/// may belong to another family.
pub(crate) fn family_sizes(class: &str, known: &[String]) -> Option<String> {
    let (family, _) = class.rsplit_once('.')?;
    let prefix = format!("{family}.");
    let sizes: Vec<&str> = known
        .iter()
        .filter_map(|candidate| candidate.strip_prefix(&prefix))
        .collect();
    let first = sizes.first()?;
    Some(format!(
        "`{family}` comes in the sizes {}, e.g. `{family}.{first}`",
        sizes.join(", ")
    ))
}

/// Help for a PostgreSQL version RDS does not offer: the offered minors of its major version,
/// or the majors on offer.
pub(crate) fn postgres_version_help(version: &str) -> String {
    let major = version.split('.').next().unwrap_or(version);
    let minors: Vec<&str> = aws::POSTGRES_VERSIONS
        .iter()
        .copied()
        .filter(|offered| offered.split('.').next() == Some(major))
        .collect();
    if minors.is_empty() {
        let mut majors: Vec<&str> = aws::POSTGRES_VERSIONS
            .iter()
            .filter_map(|offered| offered.split('.').next())
            .collect();
        majors.dedup();
        format!(
            "RDS offers the major versions {}; e.g. `{}` (the default)",
            majors.join(", "),
            defaults::POSTGRES_VERSION
        )
    } else if version.contains('.') {
        format!("RDS offers these {major} versions: {}", minors.join(", "))
    } else {
        format!(
            "give the minor version too; RDS offers {}",
            minors.join(", ")
        )
    }
}

/// `1GB` → 1024, `512MB` → 512, `2TB` → 2097152.
pub(crate) fn parse_megabytes(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().ok()?;
    let factor = match unit.trim().to_ascii_uppercase().as_str() {
        "MB" => 1,
        "GB" => 1024,
        "TB" => 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_megabytes("1GB"), Some(1024));
        assert_eq!(parse_megabytes("512MB"), Some(512));
        assert_eq!(parse_megabytes("1 TB"), Some(1_048_576));
        assert_eq!(parse_megabytes("1GiB"), None);
        assert_eq!(parse_megabytes("GB"), None);
    }

    /// The error codes of the invalid stack with the writer on `writer` and the replica on
    /// `replica`.
    fn replica_class_errors(writer: &str, replica: &str) -> Vec<&'static str> {
        let text =
            include_str!("../../../../stacks/invalid/E420-replica-class-smaller-than-writer.yaml")
                .replace(
                    "instance_class: db.r6g.2xlarge",
                    &format!("instance_class: {writer}"),
                )
                .replace(
                    "database_instance_class: db.r6g.large",
                    &format!("database_instance_class: {replica}"),
                );
        let loaded =
            meridian_model::load_stack("E420.yaml", text.as_bytes()).expect("the stack loads");
        plan(&loaded.stack)
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .map(|diagnostic| diagnostic.code.id())
            .collect()
    }

    #[test]
    fn a_replica_needs_a_default_max_connections_at_least_the_writers() {
        assert_eq!(
            replica_class_errors("db.r6g.2xlarge", "db.r6g.large"),
            ["E420"]
        );
        assert_eq!(
            replica_class_errors("db.r6g.2xlarge", "db.r6g.xlarge"),
            ["E420"]
        );
        assert_eq!(
            replica_class_errors("db.r6g.xlarge", "db.r6g.2xlarge"),
            Vec::<&str>::new()
        );
        assert_eq!(
            replica_class_errors("db.r6g.xlarge", "db.m6g.2xlarge"),
            Vec::<&str>::new()
        );
        // Both at RDS's cap of 5000: the same default, whatever the memory.
        assert_eq!(
            replica_class_errors("db.r6g.4xlarge", "db.r6g.2xlarge"),
            Vec::<&str>::new()
        );
        assert_eq!(
            replica_class_errors("db.x2g.16xlarge", "db.m6g.4xlarge"),
            Vec::<&str>::new()
        );
    }
}
