//! Shared test fixtures: a realistic two-region root module (us-east-1 primary, eu-west-1 secondary) that
//! uses every L1 resource and data source type with references between them, as the lowering will. It is
//! test data only: the names, sizes and settings here are one example, not Meridian's defaults.

#![allow(dead_code)]

use std::collections::BTreeSet;

use meridian_tf::l1::*;
use serde_json::json;

/// Adds things to a module and records which types were used, so tests can compare them with the schema.
#[derive(Debug)]
pub struct Recorder {
    pub module: Module,
    pub resource_types: BTreeSet<&'static str>,
    pub data_source_types: BTreeSet<&'static str>,
    /// `(type, attribute)` for every attribute a handle of a recorded type can reference.
    pub referenceable_attributes: BTreeSet<(&'static str, &'static str)>,
}

impl Recorder {
    pub fn new(module: Module) -> Self {
        Self {
            module,
            resource_types: BTreeSet::new(),
            data_source_types: BTreeSet::new(),
            referenceable_attributes: BTreeSet::new(),
        }
    }

    pub fn resource<R: Resource>(&mut self, name: &str, resource: R) -> ResourceRef<R> {
        self.resource_with(name, resource, MetaArguments::default())
    }

    pub fn resource_with<R: Resource>(
        &mut self,
        name: &str,
        resource: R,
        meta: MetaArguments,
    ) -> ResourceRef<R> {
        self.resource_types.insert(R::TYPE);
        for attribute in R::REFERENCEABLE_ATTRIBUTES {
            self.referenceable_attributes.insert((R::TYPE, attribute));
        }
        self.module
            .add_resource_with(name, resource, meta)
            .expect("fixture names are valid and unique")
    }

    pub fn data_source<D: DataSource>(&mut self, name: &str, data_source: D) -> DataRef<D> {
        self.data_source_types.insert(D::TYPE);
        for attribute in D::REFERENCEABLE_ATTRIBUTES {
            self.referenceable_attributes.insert((D::TYPE, attribute));
        }
        self.module
            .add_data_source(name, data_source)
            .expect("fixture names are valid and unique")
    }
}

pub fn tags(pairs: &[(&str, &str)]) -> Option<Value<Map<String>>> {
    Some(pairs.iter().map(|(key, value)| (*key, *value)).collect())
}

fn strings(values: &[&str]) -> Value<List<String>> {
    values.iter().copied().collect()
}

fn references(values: Vec<Reference>) -> Value<List<String>> {
    values.into_iter().collect()
}

fn depends_on(addresses: Vec<Address>) -> MetaArguments {
    MetaArguments {
        depends_on: addresses,
        ..MetaArguments::default()
    }
}

/// Handles shared by both regions.
pub struct Global {
    pub partition: DataRef<DataPartition>,
    pub caller: DataRef<DataCallerIdentity>,
    pub container_image: VariableRef,
    pub domain_name: VariableRef,
    pub hosted_zone_id: VariableRef,
    pub alert_email: VariableRef,
    pub service_name: LocalRef,
    pub task_execution_role: ResourceRef<IamRole>,
    pub task_role: ResourceRef<IamRole>,
    pub ecs_infrastructure_role: ResourceRef<IamRole>,
    pub replication_role: ResourceRef<IamRole>,
    pub database_password: ResourceRef<RandomPassword>,
    pub database_secret: ResourceRef<SecretsmanagerSecret>,
}

/// Handles of the primary region that the secondary region references.
pub struct Primary {
    pub database: ResourceRef<DbInstance>,
    pub global_datastore: ResourceRef<ElasticacheGlobalReplicationGroup>,
    pub bucket: ResourceRef<S3Bucket>,
    pub bucket_versioning: ResourceRef<S3BucketVersioning>,
}

/// Handles of one region that global resources reference.
pub struct Regional {
    pub load_balancer: ResourceRef<Lb>,
    pub health_check: ResourceRef<Route53HealthCheck>,
    pub bucket: ResourceRef<S3Bucket>,
    pub bucket_versioning: ResourceRef<S3BucketVersioning>,
    pub database: ResourceRef<DbInstance>,
    pub cache: ResourceRef<ElasticacheReplicationGroup>,
    pub kms_key: ResourceRef<KmsKey>,
    pub private_subnets: Vec<ResourceRef<Subnet>>,
    pub app_group: ResourceRef<SecurityGroup>,
}

pub fn settings() -> TerraformSettings {
    TerraformSettings {
        required_version: Some(">= 1.10.0".to_owned()),
        required_providers: [
            (
                "aws".to_owned(),
                RequiredProvider {
                    source: "hashicorp/aws".to_owned(),
                    version: Some(">= 6.0".to_owned()),
                },
            ),
            (
                "random".to_owned(),
                RequiredProvider {
                    source: "hashicorp/random".to_owned(),
                    version: Some(">= 3.6".to_owned()),
                },
            ),
        ]
        .into_iter()
        .collect(),
    }
}

/// The whole fixture module.
pub fn reference_module() -> Recorder {
    let mut module = Module::new(settings());
    module.set_comment("Test fixture of meridian-tf; not Meridian output.");
    let mut recorder = Recorder::new(module);
    let global = add_global(&mut recorder);
    let primary_region = add_region(&mut recorder, &global, "us-east-1", "us_east_1", None);
    let primary = Primary {
        database: primary_region.database.clone(),
        global_datastore: add_global_datastore(&mut recorder, &primary_region),
        bucket: primary_region.bucket.clone(),
        bucket_versioning: primary_region.bucket_versioning.clone(),
    };
    let secondary_region = add_region(
        &mut recorder,
        &global,
        "eu-west-1",
        "eu_west_1",
        Some(&primary),
    );
    add_bucket_replication(&mut recorder, &global, &primary_region, &secondary_region);
    add_dns_and_edge(
        &mut recorder,
        &global,
        &[
            ("us-east-1", &primary_region),
            ("eu-west-1", &secondary_region),
        ],
    );
    add_database_rotation(&mut recorder, &global, &primary_region);
    add_outputs(&mut recorder, &primary, &primary_region, &secondary_region);
    recorder
}

fn add_global(recorder: &mut Recorder) -> Global {
    recorder
        .module
        .add_aws_provider(AwsProvider {
            region: Some("us-east-1".into()),
            default_tags: Some(AwsDefaultTags {
                tags: tags(&[("app", "rail-backend"), ("managed-by", "meridian")]),
            }),
            ..AwsProvider::default()
        })
        .expect("one default provider");

    let container_image = recorder
        .module
        .add_variable(
            "container_image",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                description: Some("Image of the API container, such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.2.3".to_owned()),
                ..Variable::default()
            },
        )
        .expect("valid variable");
    let domain_name = recorder
        .module
        .add_variable(
            "domain_name",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                description: Some("Public name of the API".to_owned()),
                default: Some(json!("api.example.com")),
                nullable: Some(false),
                ..Variable::default()
            },
        )
        .expect("valid variable");
    recorder
        .module
        .add_variable_validation(
            &domain_name,
            VariableValidation {
                condition: Expression::call(
                    Function::Can,
                    [Expression::call(
                        Function::Regex,
                        ["^[a-z0-9.-]+$".into(), domain_name.reference().into()],
                    )],
                ),
                error_message: "domain_name must be a lowercase DNS name.".into(),
            },
        )
        .expect("variable of this module");
    let hosted_zone_id = recorder
        .module
        .add_variable(
            "hosted_zone_id",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                ..Variable::default()
            },
        )
        .expect("valid variable");
    let alert_email = recorder
        .module
        .add_variable(
            "alert_email",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                sensitive: Some(true),
                ..Variable::default()
            },
        )
        .expect("valid variable");
    let service_name = recorder
        .module
        .add_local("service_name", "rail-backend")
        .expect("valid local");

    let partition = recorder.data_source("current", DataPartition::default());
    let caller = recorder.data_source("current", DataCallerIdentity::default());

    let ecs_tasks_trust = JsonDocument::from(json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]
    }));
    let task_execution_role = recorder.resource(
        "api_task_execution",
        IamRole {
            name: Some("rail-backend-api-task-execution".into()),
            description: Some("Pulls images and reads secrets for the API tasks".into()),
            max_session_duration: Some(3600.into()),
            tags: tags(&[("component", "api")]),
            ..IamRole::new(ecs_tasks_trust.clone())
        },
    );
    recorder.resource(
        "api_task_execution_managed",
        IamRolePolicyAttachment::new(
            Template::new()
                .text("arn:")
                .reference(partition.partition())
                .text(":iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"),
            task_execution_role.name(),
        ),
    );
    let task_role = recorder.resource(
        "api_task",
        IamRole {
            name_prefix: Some("rail-api-".into()),
            path: Some("/meridian/".into()),
            ..IamRole::new(ecs_tasks_trust)
        },
    );
    let ecs_infrastructure_role = recorder.resource(
        "ecs_infrastructure",
        IamRole {
            name: Some("rail-backend-ecs-infrastructure".into()),
            ..IamRole::new(JsonDocument::from(json!({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ecs.amazonaws.com"}}]
            })))
        },
    );
    recorder.resource(
        "ecs_infrastructure_load_balancers",
        IamRolePolicyAttachment::new(
            Template::new()
                .text("arn:")
                .reference(partition.partition())
                .text(":iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"),
            ecs_infrastructure_role.name(),
        ),
    );
    let s3_trust = recorder.data_source(
        "s3_replication_trust",
        DataIamPolicyDocument {
            statement: vec![DataIamPolicyDocumentStatement {
                effect: Some("Allow".into()),
                actions: Some(strings(&["sts:AssumeRole"])),
                principals: vec![DataIamPolicyDocumentStatementPrincipals::new(
                    strings(&["s3.amazonaws.com"]),
                    "Service",
                )],
                condition: vec![DataIamPolicyDocumentStatementCondition::new(
                    "StringEquals",
                    references(vec![caller.account_id()]),
                    "aws:SourceAccount",
                )],
                ..DataIamPolicyDocumentStatement::default()
            }],
            ..DataIamPolicyDocument::default()
        },
    );
    let replication_role = recorder.resource(
        "s3_replication",
        IamRole {
            name: Some("rail-backend-s3-replication".into()),
            ..IamRole::new(s3_trust.json())
        },
    );

    let database_password = recorder.resource(
        "orders_db_master",
        RandomPassword {
            special: Some(true.into()),
            override_special: Some("!#%^*()-_=+[]<>:?".into()),
            min_numeric: Some(2.into()),
            ..RandomPassword::new(32)
        },
    );
    let database_secret = recorder.resource(
        "orders_db_master",
        SecretsmanagerSecret {
            region: Some("us-east-1".into()),
            name: Some("rail-backend/orders-db/master".into()),
            description: Some("Master credentials of the orders PostgreSQL primary".into()),
            recovery_window_in_days: Some(7.into()),
            replica: vec![SecretsmanagerSecretReplica {
                kms_key_id: Some("alias/aws/secretsmanager".into()),
                ..SecretsmanagerSecretReplica::new("eu-west-1")
            }],
            ..SecretsmanagerSecret::default()
        },
    );
    recorder.resource(
        "orders_db_master",
        SecretsmanagerSecretVersion {
            region: Some("us-east-1".into()),
            secret_string: Some(
                JsonDocument::object([
                    ("engine", "postgres".into()),
                    ("username", "orders_admin".into()),
                    ("password", JsonDocument::from(database_password.result())),
                ])
                .into(),
            ),
            ..SecretsmanagerSecretVersion::new(database_secret.id())
        },
    );

    let execution_secret_policy = JsonDocument::object([
        ("Version", "2012-10-17".into()),
        (
            "Statement",
            JsonDocument::array([JsonDocument::object([
                ("Effect", "Allow".into()),
                (
                    "Action",
                    JsonDocument::array(["secretsmanager:GetSecretValue".into()]),
                ),
                ("Resource", database_secret.arn().into()),
            ])]),
        ),
    ]);
    recorder.resource(
        "api_task_execution_secret",
        IamRolePolicy {
            name: Some("read-orders-db-secret".into()),
            ..IamRolePolicy::new(execution_secret_policy, task_execution_role.id())
        },
    );

    Global {
        partition,
        caller,
        container_image,
        domain_name,
        hosted_zone_id,
        alert_email,
        service_name,
        task_execution_role,
        task_role,
        ecs_infrastructure_role,
        replication_role,
        database_password,
        database_secret,
    }
}

/// Everything one region holds: network, load balancer, ECS service with blue/green deployments, database
/// (primary, or cross-region read replica when `primary` is given), cache (Global Datastore primary or
/// secondary), buckets, alarms, WAF and a health check.
fn add_region(
    recorder: &mut Recorder,
    global: &Global,
    region: &str,
    slug: &str,
    primary: Option<&Primary>,
) -> Regional {
    let name = |role: &str| format!("{role}_{slug}");
    let physical = |role: &str| format!("rail-backend-{role}-{region}");
    let in_region = || -> Option<Value<String>> { Some(region.into()) };
    let cidr_prefix = if primary.is_none() { "10.10" } else { "10.20" };

    let certificate_arn = recorder
        .module
        .add_variable(
            &name("certificate_arn"),
            Variable {
                type_constraint: Some(TypeConstraint::String),
                description: Some(format!("ACM certificate for the load balancer in {region}")),
                ..Variable::default()
            },
        )
        .expect("valid variable");

    // Network.
    let zones = recorder.data_source(
        &name("available"),
        DataAvailabilityZones {
            region: in_region(),
            state: Some("available".into()),
            ..DataAvailabilityZones::default()
        },
    );
    let vpc = recorder.resource(
        &name("main"),
        Vpc {
            region: in_region(),
            cidr_block: Some(format!("{cidr_prefix}.0.0/16").into()),
            enable_dns_hostnames: Some(true.into()),
            enable_dns_support: Some(true.into()),
            tags: tags(&[("Name", &physical("vpc"))]),
            ..Vpc::default()
        },
    );
    let internet_gateway = recorder.resource(
        &name("main"),
        InternetGateway {
            region: in_region(),
            vpc_id: Some(vpc.id().into()),
            ..InternetGateway::default()
        },
    );
    let subnet =
        |recorder: &mut Recorder, role: &str, zone: u64, third_octet: u32, public: bool| {
            recorder.resource(
                &name(role),
                Subnet {
                    region: in_region(),
                    cidr_block: Some(format!("{cidr_prefix}.{third_octet}.0/24").into()),
                    availability_zone: Some(zones.names().index(zone).into()),
                    map_public_ip_on_launch: Some(false.into()),
                    tags: tags(&[
                        ("Name", &physical(role)),
                        ("tier", if public { "public" } else { "private" }),
                    ]),
                    ..Subnet::new(vpc.id())
                },
            )
        };
    let public_subnets = vec![
        subnet(recorder, "public_a", 0, 0, true),
        subnet(recorder, "public_b", 1, 1, true),
    ];
    let private_subnets = vec![
        subnet(recorder, "private_a", 0, 10, false),
        subnet(recorder, "private_b", 1, 11, false),
    ];
    let nat_address = recorder.resource_with(
        &name("nat"),
        Eip {
            region: in_region(),
            domain: Some("vpc".into()),
            tags: tags(&[("Name", &physical("nat"))]),
            ..Eip::default()
        },
        depends_on(vec![internet_gateway.terraform_address()]),
    );
    let nat_gateway = recorder.resource(
        &name("main"),
        NatGateway {
            region: in_region(),
            allocation_id: Some(nat_address.allocation_id().into()),
            subnet_id: Some(public_subnets[0].id().into()),
            connectivity_type: Some("public".into()),
            ..NatGateway::default()
        },
    );
    let public_routes = recorder.resource(
        &name("public"),
        RouteTable {
            region: in_region(),
            ..RouteTable::new(vpc.id())
        },
    );
    let private_routes = recorder.resource(
        &name("private"),
        RouteTable {
            region: in_region(),
            ..RouteTable::new(vpc.id())
        },
    );
    recorder.resource(
        &name("public_default"),
        Route {
            region: in_region(),
            destination_cidr_block: Some("0.0.0.0/0".into()),
            gateway_id: Some(internet_gateway.id().into()),
            ..Route::new(public_routes.id())
        },
    );
    recorder.resource(
        &name("private_default"),
        Route {
            region: in_region(),
            destination_cidr_block: Some("0.0.0.0/0".into()),
            nat_gateway_id: Some(nat_gateway.id().into()),
            ..Route::new(private_routes.id())
        },
    );
    for (subnets, routes, tier) in [
        (&public_subnets, &public_routes, "public"),
        (&private_subnets, &private_routes, "private"),
    ] {
        for (position, subnet) in subnets.iter().enumerate() {
            recorder.resource(
                &name(&format!("{tier}_{position}")),
                RouteTableAssociation {
                    region: in_region(),
                    subnet_id: Some(subnet.id().into()),
                    ..RouteTableAssociation::new(routes.id())
                },
            );
        }
    }

    // Security groups and their rules.
    let security_group = |recorder: &mut Recorder, role: &str, description: &str| {
        recorder.resource(
            &name(role),
            SecurityGroup {
                region: in_region(),
                name: Some(physical(role).into()),
                description: Some(description.into()),
                vpc_id: Some(vpc.id().into()),
                revoke_rules_on_delete: Some(true.into()),
                ..SecurityGroup::default()
            },
        )
    };
    let alb_group = security_group(
        recorder,
        "alb",
        "HTTPS from the internet to the load balancer",
    );
    let app_group = security_group(
        recorder,
        "app",
        "Traffic from the load balancer to the API tasks",
    );
    let database_group = security_group(recorder, "db", "PostgreSQL from the API tasks");
    let cache_group = security_group(recorder, "cache", "Redis from the API tasks");
    for (port, description) in [
        (443, "HTTPS from anywhere"),
        (80, "HTTP from anywhere, redirected to HTTPS"),
    ] {
        recorder.resource(
            &name(&format!("alb_in_{port}")),
            VpcSecurityGroupIngressRule {
                region: in_region(),
                cidr_ipv4: Some("0.0.0.0/0".into()),
                from_port: Some(port.into()),
                to_port: Some(port.into()),
                description: Some(description.into()),
                ..VpcSecurityGroupIngressRule::new("tcp", alb_group.id())
            },
        );
    }
    recorder.resource(
        &name("alb_to_app"),
        VpcSecurityGroupEgressRule {
            region: in_region(),
            referenced_security_group_id: Some(app_group.id().into()),
            from_port: Some(8080.into()),
            to_port: Some(8080.into()),
            ..VpcSecurityGroupEgressRule::new("tcp", alb_group.id())
        },
    );
    recorder.resource(
        &name("app_from_alb"),
        VpcSecurityGroupIngressRule {
            region: in_region(),
            referenced_security_group_id: Some(alb_group.id().into()),
            from_port: Some(8080.into()),
            to_port: Some(8080.into()),
            ..VpcSecurityGroupIngressRule::new("tcp", app_group.id())
        },
    );
    recorder.resource(
        &name("app_out"),
        VpcSecurityGroupEgressRule {
            region: in_region(),
            cidr_ipv4: Some("0.0.0.0/0".into()),
            ..VpcSecurityGroupEgressRule::new("-1", app_group.id())
        },
    );
    for (group, port, role) in [
        (&database_group, 5432, "db_from_app"),
        (&cache_group, 6379, "cache_from_app"),
    ] {
        recorder.resource(
            &name(role),
            VpcSecurityGroupIngressRule {
                region: in_region(),
                referenced_security_group_id: Some(app_group.id().into()),
                from_port: Some(port.into()),
                to_port: Some(port.into()),
                tags: tags(&[("Name", role)]),
                ..VpcSecurityGroupIngressRule::new("tcp", group.id())
            },
        );
    }

    // Encryption key of the region (database, bucket, topic, secret replica).
    let kms_key = recorder.resource(
        &name("data"),
        KmsKey {
            region: in_region(),
            description: Some(format!("Encrypts rail-backend data in {region}").into()),
            enable_key_rotation: Some(true.into()),
            deletion_window_in_days: Some(30.into()),
            policy: Some(
                JsonDocument::object([
                    ("Version", "2012-10-17".into()),
                    (
                        "Statement",
                        JsonDocument::array([
                            JsonDocument::object([
                                ("Sid", "AccountAdministration".into()),
                                ("Effect", "Allow".into()),
                                (
                                    "Principal",
                                    JsonDocument::object([(
                                        "AWS",
                                        Template::new()
                                            .text("arn:")
                                            .reference(global.partition.partition())
                                            .text(":iam::")
                                            .reference(global.caller.account_id())
                                            .text(":root")
                                            .into(),
                                    )]),
                                ),
                                ("Action", "kms:*".into()),
                                ("Resource", "*".into()),
                            ]),
                            JsonDocument::object([
                                ("Sid", "CloudWatchAlarmsPublish".into()),
                                ("Effect", "Allow".into()),
                                (
                                    "Principal",
                                    JsonDocument::object([(
                                        "Service",
                                        "cloudwatch.amazonaws.com".into(),
                                    )]),
                                ),
                                (
                                    "Action",
                                    JsonDocument::array([
                                        "kms:Decrypt".into(),
                                        "kms:GenerateDataKey*".into(),
                                    ]),
                                ),
                                ("Resource", "*".into()),
                            ]),
                        ]),
                    ),
                ])
                .into(),
            ),
            tags: tags(&[("Name", &physical("data"))]),
            ..KmsKey::default()
        },
    );
    recorder.resource(
        &name("data"),
        KmsAlias {
            region: in_region(),
            name: Some("alias/rail-backend-data".into()),
            ..KmsAlias::new(kms_key.key_id())
        },
    );

    // Buckets: access logs, and the data bucket (replicated from the primary to the secondary).
    let logs_bucket = recorder.resource(
        &name("logs"),
        S3Bucket {
            region: in_region(),
            bucket: Some(
                Template::new()
                    .text("rail-backend-logs-")
                    .reference(global.caller.account_id())
                    .text(format!("-{region}"))
                    .into(),
            ),
            force_destroy: Some(false.into()),
            ..S3Bucket::default()
        },
    );
    let bucket = recorder.resource_with(
        &name("data"),
        S3Bucket {
            region: in_region(),
            bucket: Some(
                Template::new()
                    .text("rail-backend-data-")
                    .reference(global.caller.account_id())
                    .text(format!("-{region}"))
                    .into(),
            ),
            object_lock_enabled: Some(true.into()),
            tags: tags(&[("data-classification", "internal")]),
            ..S3Bucket::default()
        },
        MetaArguments {
            lifecycle: Some(Lifecycle {
                prevent_destroy: Some(true),
                ..Lifecycle::default()
            }),
            ..MetaArguments::default()
        },
    );
    let bucket_versioning = recorder.resource(
        &name("data"),
        S3BucketVersioning {
            region: in_region(),
            ..S3BucketVersioning::new(
                bucket.id(),
                S3BucketVersioningVersioningConfiguration::new("Enabled"),
            )
        },
    );
    recorder.resource(
        &name("data"),
        S3BucketServerSideEncryptionConfiguration {
            region: in_region(),
            ..S3BucketServerSideEncryptionConfiguration::new(
                bucket.id(),
                vec![S3BucketServerSideEncryptionConfigurationRule {
                    apply_server_side_encryption_by_default: Some(S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault {
                        kms_master_key_id: Some(kms_key.arn().into()),
                        ..S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault::new("aws:kms")
                    }),
                    bucket_key_enabled: Some(true.into()),
                    ..S3BucketServerSideEncryptionConfigurationRule::default()
                }],
            )
        },
    );
    recorder.resource(
        &name("logs"),
        S3BucketServerSideEncryptionConfiguration {
            region: in_region(),
            ..S3BucketServerSideEncryptionConfiguration::new(
                logs_bucket.id(),
                vec![S3BucketServerSideEncryptionConfigurationRule {
                    apply_server_side_encryption_by_default: Some(
                        S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault::new("AES256"),
                    ),
                    ..S3BucketServerSideEncryptionConfigurationRule::default()
                }],
            )
        },
    );
    for (role, target) in [("data", &bucket), ("logs", &logs_bucket)] {
        recorder.resource(
            &name(role),
            S3BucketPublicAccessBlock {
                region: in_region(),
                block_public_acls: Some(true.into()),
                block_public_policy: Some(true.into()),
                ignore_public_acls: Some(true.into()),
                restrict_public_buckets: Some(true.into()),
                ..S3BucketPublicAccessBlock::new(target.id())
            },
        );
    }
    recorder.resource(
        &name("data"),
        S3BucketOwnershipControls {
            region: in_region(),
            ..S3BucketOwnershipControls::new(
                bucket.id(),
                S3BucketOwnershipControlsRule::new("BucketOwnerEnforced"),
            )
        },
    );
    recorder.resource(
        &name("logs"),
        S3BucketOwnershipControls {
            region: in_region(),
            ..S3BucketOwnershipControls::new(
                logs_bucket.id(),
                S3BucketOwnershipControlsRule::new("BucketOwnerPreferred"),
            )
        },
    );
    recorder.resource_with(
        &name("data"),
        S3BucketObjectLockConfiguration {
            region: in_region(),
            rule: Some(S3BucketObjectLockConfigurationRule::new(
                S3BucketObjectLockConfigurationRuleDefaultRetention {
                    mode: Some("GOVERNANCE".into()),
                    days: Some(30.into()),
                    ..S3BucketObjectLockConfigurationRuleDefaultRetention::default()
                },
            )),
            ..S3BucketObjectLockConfiguration::new(bucket.id())
        },
        depends_on(vec![bucket_versioning.terraform_address()]),
    );
    recorder.resource(
        &name("data"),
        S3BucketLifecycleConfiguration {
            region: in_region(),
            rule: vec![S3LifecycleRule {
                filter: Some(S3LifecycleRuleFilter {
                    prefix: Some("".into()),
                    ..S3LifecycleRuleFilter::default()
                }),
                noncurrent_version_expiration: Some(S3LifecycleRuleNoncurrentVersionExpiration {
                    newer_noncurrent_versions: Some(3.into()),
                    ..S3LifecycleRuleNoncurrentVersionExpiration::new(90)
                }),
                noncurrent_version_transition: vec![
                    S3LifecycleRuleNoncurrentVersionTransition::new(30, "STANDARD_IA"),
                ],
                abort_incomplete_multipart_upload: Some(
                    S3LifecycleRuleAbortIncompleteMultipartUpload {
                        days_after_initiation: Some(7.into()),
                    },
                ),
                ..S3LifecycleRule::new("noncurrent-versions", "Enabled")
            }],
            ..S3BucketLifecycleConfiguration::new(bucket.id())
        },
    );
    recorder.resource(
        &name("logs"),
        S3BucketLifecycleConfiguration {
            region: in_region(),
            rule: vec![S3LifecycleRule {
                filter: Some(S3LifecycleRuleFilter::default()),
                expiration: Some(S3LifecycleRuleExpiration {
                    days: Some(90.into()),
                    ..S3LifecycleRuleExpiration::default()
                }),
                transition: vec![S3LifecycleRuleTransition {
                    days: Some(30.into()),
                    ..S3LifecycleRuleTransition::new("STANDARD_IA")
                }],
                ..S3LifecycleRule::new("expire-logs", "Enabled")
            }],
            ..S3BucketLifecycleConfiguration::new(logs_bucket.id())
        },
    );
    recorder.resource(
        &name("data"),
        S3BucketLogging {
            region: in_region(),
            target_object_key_format: Some(S3BucketLoggingTargetObjectKeyFormat {
                partitioned_prefix: Some(
                    S3BucketLoggingTargetObjectKeyFormatPartitionedPrefix::new("EventTime"),
                ),
                ..S3BucketLoggingTargetObjectKeyFormat::default()
            }),
            ..S3BucketLogging::new(bucket.id(), logs_bucket.id(), "s3-access/data/")
        },
    );
    recorder.resource(
        &name("data"),
        S3BucketPolicy {
            region: in_region(),
            ..S3BucketPolicy::new(
                bucket.id(),
                JsonDocument::object([
                    ("Version", "2012-10-17".into()),
                    (
                        "Statement",
                        JsonDocument::array([JsonDocument::object([
                            ("Sid", "DenyInsecureTransport".into()),
                            ("Effect", "Deny".into()),
                            ("Principal", "*".into()),
                            ("Action", "s3:*".into()),
                            (
                                "Resource",
                                JsonDocument::array([
                                    bucket.arn().into(),
                                    Template::new().reference(bucket.arn()).text("/*").into(),
                                ]),
                            ),
                            (
                                "Condition",
                                JsonDocument::object([(
                                    "Bool",
                                    JsonDocument::object([("aws:SecureTransport", "false".into())]),
                                )]),
                            ),
                        ])]),
                    ),
                ]),
            )
        },
    );
    recorder.resource(
        &name("main"),
        FlowLog {
            region: in_region(),
            vpc_id: Some(vpc.id().into()),
            traffic_type: Some("ALL".into()),
            log_destination_type: Some("s3".into()),
            log_destination: Some(
                Template::new()
                    .reference(logs_bucket.arn())
                    .text("/vpc-flow-logs/")
                    .into(),
            ),
            max_aggregation_interval: Some(600.into()),
            destination_options: Some(FlowLogDestinationOptions {
                file_format: Some("parquet".into()),
                per_hour_partition: Some(true.into()),
                hive_compatible_partitions: Some(false.into()),
            }),
            ..FlowLog::default()
        },
    );

    // Load balancer: HTTPS listener forwarding to weighted blue/green target groups, HTTP redirect.
    let load_balancer = recorder.resource(
        &name("api"),
        Lb {
            region: in_region(),
            name: Some(format!("rail-api-{region}").into()),
            internal: Some(false.into()),
            load_balancer_type: Some("application".into()),
            security_groups: Some(references(vec![alb_group.id()])),
            subnets: Some(references(
                public_subnets.iter().map(|subnet| subnet.id()).collect(),
            )),
            drop_invalid_header_fields: Some(true.into()),
            enable_deletion_protection: Some(true.into()),
            idle_timeout: Some(60.into()),
            access_logs: Some(LbAccessLogs {
                enabled: Some(true.into()),
                prefix: Some("alb".into()),
                ..LbAccessLogs::new(logs_bucket.id())
            }),
            ..Lb::default()
        },
    );
    let target_group = |recorder: &mut Recorder, color: &str| {
        recorder.resource(
            &name(&format!("api_{color}")),
            LbTargetGroup {
                region: in_region(),
                name: Some(format!("rail-api-{color}-{region}").into()),
                port: Some(8080.into()),
                protocol: Some("HTTP".into()),
                target_type: Some("ip".into()),
                vpc_id: Some(vpc.id().into()),
                deregistration_delay: Some("30".into()),
                health_check: Some(LbTargetGroupHealthCheck {
                    enabled: Some(true.into()),
                    path: Some("/health".into()),
                    matcher: Some("200".into()),
                    interval: Some(15.into()),
                    timeout: Some(5.into()),
                    healthy_threshold: Some(2.into()),
                    unhealthy_threshold: Some(3.into()),
                    ..LbTargetGroupHealthCheck::default()
                }),
                ..LbTargetGroup::default()
            },
        )
    };
    let blue = target_group(recorder, "blue");
    let green = target_group(recorder, "green");
    let weighted_forward = || LbListenerAction {
        forward: Some(LbListenerActionForward {
            stickiness: Some(LbListenerActionForwardStickiness {
                enabled: Some(false.into()),
                ..LbListenerActionForwardStickiness::new(60)
            }),
            ..LbListenerActionForward::new(vec![
                LbListenerActionForwardTargetGroup {
                    weight: Some(100.into()),
                    ..LbListenerActionForwardTargetGroup::new(blue.arn())
                },
                LbListenerActionForwardTargetGroup {
                    weight: Some(0.into()),
                    ..LbListenerActionForwardTargetGroup::new(green.arn())
                },
            ])
        }),
        ..LbListenerAction::new("forward")
    };
    let https = recorder.resource(
        &name("https"),
        LbListener {
            region: in_region(),
            port: Some(443.into()),
            protocol: Some("HTTPS".into()),
            ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-Res-2021-06".into()),
            certificate_arn: Some(certificate_arn.reference().into()),
            routing_http_response_strict_transport_security_header_value: Some(
                "max-age=31536000; includeSubDomains".into(),
            ),
            ..LbListener::new(vec![weighted_forward()], load_balancer.arn())
        },
    );
    recorder.resource(
        &name("http"),
        LbListener {
            region: in_region(),
            port: Some(80.into()),
            protocol: Some("HTTP".into()),
            ..LbListener::new(
                vec![LbListenerAction {
                    redirect: Some(LbListenerActionRedirect {
                        port: Some("443".into()),
                        protocol: Some("HTTPS".into()),
                        ..LbListenerActionRedirect::new("HTTP_301")
                    }),
                    ..LbListenerAction::new("redirect")
                }],
                load_balancer.arn(),
            )
        },
    );
    let production_rule = recorder.resource(
        &name("api_production"),
        LbListenerRule {
            region: in_region(),
            priority: Some(10.into()),
            ..LbListenerRule::new(
                vec![weighted_forward()],
                vec![
                    LbListenerRuleCondition {
                        host_header: Some(LbListenerRuleConditionValues {
                            values: Some(references(vec![global.domain_name.reference()])),
                            ..LbListenerRuleConditionValues::default()
                        }),
                        ..LbListenerRuleCondition::default()
                    },
                    LbListenerRuleCondition {
                        path_pattern: Some(LbListenerRuleConditionValues {
                            values: Some(strings(&["/*"])),
                            ..LbListenerRuleConditionValues::default()
                        }),
                        ..LbListenerRuleCondition::default()
                    },
                ],
                https.arn(),
            )
        },
    );
    recorder.resource(
        &name("api_maintenance"),
        LbListenerRule {
            region: in_region(),
            priority: Some(5.into()),
            ..LbListenerRule::new(
                vec![LbListenerAction {
                    fixed_response: Some(LbListenerActionFixedResponse {
                        message_body: Some("{\"status\":\"maintenance\"}".into()),
                        status_code: Some("503".into()),
                        ..LbListenerActionFixedResponse::new("application/json")
                    }),
                    ..LbListenerAction::new("fixed-response")
                }],
                vec![LbListenerRuleCondition {
                    path_pattern: Some(LbListenerRuleConditionValues {
                        values: Some(strings(&["/maintenance*"])),
                        ..LbListenerRuleConditionValues::default()
                    }),
                    ..LbListenerRuleCondition::default()
                }],
                https.arn(),
            )
        },
    );

    // Alerts: topic, subscription, topic policy, alarms and a dashboard.
    let topic = recorder.resource(
        &name("alerts"),
        SnsTopic {
            region: in_region(),
            name: Some("rail-backend-alerts".into()),
            kms_master_key_id: Some(kms_key.id().into()),
            ..SnsTopic::default()
        },
    );
    recorder.resource(
        &name("alerts_email"),
        SnsTopicSubscription {
            region: in_region(),
            ..SnsTopicSubscription::new(global.alert_email.reference(), "email", topic.arn())
        },
    );
    recorder.resource(
        &name("alerts"),
        SnsTopicPolicy {
            region: in_region(),
            ..SnsTopicPolicy::new(
                topic.arn(),
                JsonDocument::object([
                    ("Version", "2012-10-17".into()),
                    (
                        "Statement",
                        JsonDocument::array([JsonDocument::object([
                            ("Effect", "Allow".into()),
                            (
                                "Principal",
                                JsonDocument::object([(
                                    "Service",
                                    "cloudwatch.amazonaws.com".into(),
                                )]),
                            ),
                            ("Action", "sns:Publish".into()),
                            ("Resource", topic.arn().into()),
                        ])]),
                    ),
                ]),
            )
        },
    );
    let errors_alarm = recorder.resource(
        &name("api_5xx"),
        CloudwatchMetricAlarm {
            region: in_region(),
            alarm_description: Some("Target 5xx responses of the API".into()),
            namespace: Some("AWS/ApplicationELB".into()),
            metric_name: Some("HTTPCode_Target_5XX_Count".into()),
            dimensions: Some(
                [("LoadBalancer", load_balancer.arn_suffix())]
                    .into_iter()
                    .collect(),
            ),
            statistic: Some("Sum".into()),
            period: Some(60.into()),
            datapoints_to_alarm: Some(3.into()),
            threshold: Some(10.into()),
            treat_missing_data: Some("notBreaching".into()),
            alarm_actions: Some(references(vec![topic.arn()])),
            ok_actions: Some(references(vec![topic.arn()])),
            ..CloudwatchMetricAlarm::new(physical("api-5xx"), "GreaterThanOrEqualToThreshold", 5)
        },
    );
    let error_rate_alarm = recorder.resource(
        &name("api_error_rate"),
        CloudwatchMetricAlarm {
            region: in_region(),
            alarm_description: Some("Share of requests answered with a 5xx, in percent".into()),
            threshold: Some(2.5.into()),
            alarm_actions: Some(references(vec![topic.arn()])),
            metric_query: vec![
                CloudwatchMetricAlarmMetricQuery {
                    metric: Some(CloudwatchMetricAlarmMetricQueryMetric {
                        namespace: Some("AWS/ApplicationELB".into()),
                        dimensions: Some(
                            [("LoadBalancer", load_balancer.arn_suffix())]
                                .into_iter()
                                .collect(),
                        ),
                        ..CloudwatchMetricAlarmMetricQueryMetric::new(
                            "HTTPCode_Target_5XX_Count",
                            60,
                            "Sum",
                        )
                    }),
                    return_data: Some(false.into()),
                    ..CloudwatchMetricAlarmMetricQuery::new("errors")
                },
                CloudwatchMetricAlarmMetricQuery {
                    metric: Some(CloudwatchMetricAlarmMetricQueryMetric {
                        namespace: Some("AWS/ApplicationELB".into()),
                        dimensions: Some(
                            [("LoadBalancer", load_balancer.arn_suffix())]
                                .into_iter()
                                .collect(),
                        ),
                        ..CloudwatchMetricAlarmMetricQueryMetric::new("RequestCount", 60, "Sum")
                    }),
                    return_data: Some(false.into()),
                    ..CloudwatchMetricAlarmMetricQuery::new("requests")
                },
                CloudwatchMetricAlarmMetricQuery {
                    expression: Some("100 * errors / requests".into()),
                    label: Some("5xx rate (%)".into()),
                    return_data: Some(true.into()),
                    ..CloudwatchMetricAlarmMetricQuery::new("error_rate")
                },
            ],
            ..CloudwatchMetricAlarm::new(physical("api-error-rate"), "GreaterThanThreshold", 3)
        },
    );
    recorder.resource(
        &name("api_health"),
        CloudwatchCompositeAlarm {
            region: in_region(),
            alarm_description: Some("Either API error alarm".into()),
            alarm_actions: Some(references(vec![topic.arn()])),
            actions_suppressor: None,
            ..CloudwatchCompositeAlarm::new(
                physical("api-health"),
                Template::new()
                    .text("ALARM(\"")
                    .reference(errors_alarm.alarm_name())
                    .text("\") OR ALARM(\"")
                    .reference(error_rate_alarm.alarm_name())
                    .text("\")"),
            )
        },
    );

    // Logs and ECS.
    let log_group = recorder.resource(
        &name("api"),
        CloudwatchLogGroup {
            region: in_region(),
            name: Some("/ecs/rail-backend/api".into()),
            retention_in_days: Some(30.into()),
            ..CloudwatchLogGroup::default()
        },
    );
    let cluster = recorder.resource(
        &name("main"),
        EcsCluster {
            region: in_region(),
            setting: vec![EcsClusterSetting::new("containerInsights", "enhanced")],
            configuration: Some(EcsClusterConfiguration {
                execute_command_configuration: Some(
                    EcsClusterConfigurationExecuteCommandConfiguration {
                        logging: Some("DEFAULT".into()),
                        ..EcsClusterConfigurationExecuteCommandConfiguration::default()
                    },
                ),
                ..EcsClusterConfiguration::default()
            }),
            ..EcsCluster::new(physical("cluster"))
        },
    );

    let database = add_database(
        recorder,
        global,
        region,
        slug,
        primary,
        &kms_key,
        &private_subnets,
        &database_group,
    );
    let cache = add_cache(
        recorder,
        region,
        slug,
        primary,
        &private_subnets,
        &cache_group,
    );

    let container_definitions = JsonDocument::array([JsonDocument::object([
        ("name", "api".into()),
        ("image", global.container_image.reference().into()),
        ("essential", true.into()),
        ("readonlyRootFilesystem", true.into()),
        (
            "portMappings",
            JsonDocument::array([JsonDocument::object([
                ("containerPort", 8080.into()),
                ("protocol", "tcp".into()),
            ])]),
        ),
        (
            "environment",
            JsonDocument::array([
                JsonDocument::object([
                    ("name", "DB_HOST".into()),
                    ("value", database.address().into()),
                ]),
                JsonDocument::object([
                    ("name", "DB_PORT".into()),
                    ("value", database.port().into()),
                ]),
                JsonDocument::object([
                    ("name", "REDIS_HOST".into()),
                    ("value", cache.configuration_endpoint_address().into()),
                ]),
                JsonDocument::object([
                    ("name", "DATA_BUCKET".into()),
                    ("value", bucket.bucket().into()),
                ]),
                JsonDocument::object([
                    ("name", "SERVICE".into()),
                    ("value", global.service_name.reference().into()),
                ]),
            ]),
        ),
        (
            "secrets",
            JsonDocument::array([JsonDocument::object([
                ("name", "DB_PASSWORD".into()),
                (
                    "valueFrom",
                    Template::new()
                        .reference(global.database_secret.arn())
                        .text(":password::")
                        .into(),
                ),
            ])]),
        ),
        (
            "logConfiguration",
            JsonDocument::object([
                ("logDriver", "awslogs".into()),
                (
                    "options",
                    JsonDocument::object([
                        ("awslogs-group", log_group.name().into()),
                        ("awslogs-region", region.into()),
                        ("awslogs-stream-prefix", "api".into()),
                    ]),
                ),
            ]),
        ),
    ])]);
    let task_definition = recorder.resource(
        &name("api"),
        EcsTaskDefinition {
            region: in_region(),
            cpu: Some("512".into()),
            memory: Some("1024".into()),
            network_mode: Some("awsvpc".into()),
            requires_compatibilities: Some(strings(&["FARGATE"])),
            execution_role_arn: Some(global.task_execution_role.arn().into()),
            task_role_arn: Some(global.task_role.arn().into()),
            runtime_platform: Some(EcsTaskDefinitionRuntimePlatform {
                operating_system_family: Some("LINUX".into()),
                cpu_architecture: Some("ARM64".into()),
            }),
            ..EcsTaskDefinition::new(container_definitions, "rail-backend-api")
        },
    );
    let service = recorder.resource_with(
        &name("api"),
        EcsService {
            region: in_region(),
            cluster: Some(cluster.id().into()),
            task_definition: Some(task_definition.arn().into()),
            desired_count: Some(2.into()),
            launch_type: Some("FARGATE".into()),
            platform_version: Some("LATEST".into()),
            health_check_grace_period_seconds: Some(60.into()),
            propagate_tags: Some("SERVICE".into()),
            enable_ecs_managed_tags: Some(true.into()),
            deployment_maximum_percent: Some(200.into()),
            deployment_minimum_healthy_percent: Some(100.into()),
            deployment_circuit_breaker: Some(EcsServiceDeploymentCircuitBreaker::new(true, true)),
            alarms: Some(EcsServiceAlarms::new(
                references(vec![errors_alarm.alarm_name()]),
                true,
                true,
            )),
            deployment_controller: Some(EcsServiceDeploymentController {
                r#type: Some("ECS".into()),
            }),
            deployment_configuration: Some(EcsServiceDeploymentConfiguration {
                strategy: Some("BLUE_GREEN".into()),
                bake_time_in_minutes: Some("5".into()),
                ..EcsServiceDeploymentConfiguration::default()
            }),
            load_balancer: vec![EcsServiceLoadBalancer {
                target_group_arn: Some(blue.arn().into()),
                advanced_configuration: Some(EcsServiceLoadBalancerAdvancedConfiguration::new(
                    green.arn(),
                    production_rule.arn(),
                    global.ecs_infrastructure_role.arn(),
                )),
                ..EcsServiceLoadBalancer::new("api", 8080)
            }],
            network_configuration: Some(EcsServiceNetworkConfiguration {
                security_groups: Some(references(vec![app_group.id()])),
                assign_public_ip: Some(false.into()),
                ..EcsServiceNetworkConfiguration::new(references(
                    private_subnets.iter().map(|subnet| subnet.id()).collect(),
                ))
            }),
            ..EcsService::new("rail-backend-api")
        },
        MetaArguments {
            depends_on: vec![https.terraform_address()],
            lifecycle: Some(Lifecycle {
                ignore_changes: Some(IgnoreChanges::Arguments(vec!["desired_count".to_owned()])),
                ..Lifecycle::default()
            }),
            provider: None,
        },
    );
    let scaling_target = recorder.resource(
        &name("api"),
        AppautoscalingTarget {
            region: in_region(),
            ..AppautoscalingTarget::new(
                20,
                2,
                Template::new()
                    .text("service/")
                    .reference(cluster.name())
                    .text("/")
                    .reference(service.name()),
                "ecs:service:DesiredCount",
                "ecs",
            )
        },
    );
    recorder.resource(
        &name("api_cpu"),
        AppautoscalingPolicy {
            region: in_region(),
            policy_type: Some("TargetTrackingScaling".into()),
            target_tracking_scaling_policy_configuration: Some(
                TargetTrackingScalingPolicyConfiguration {
                    scale_in_cooldown: Some(120.into()),
                    scale_out_cooldown: Some(60.into()),
                    predefined_metric_specification: Some(PredefinedMetricSpecification::new(
                        "ECSServiceAverageCPUUtilization",
                    )),
                    ..TargetTrackingScalingPolicyConfiguration::new(60)
                },
            ),
            ..AppautoscalingPolicy::new(
                "rail-api-cpu",
                scaling_target.resource_id(),
                scaling_target.scalable_dimension(),
                scaling_target.service_namespace(),
            )
        },
    );
    recorder.resource(
        &name("api_business_hours"),
        AppautoscalingScheduledAction {
            region: in_region(),
            timezone: Some("America/New_York".into()),
            ..AppautoscalingScheduledAction::new(
                "business-hours",
                scaling_target.resource_id(),
                scaling_target.scalable_dimension(),
                AppautoscalingScheduledActionScalableTargetAction {
                    min_capacity: Some("4".into()),
                    max_capacity: Some("20".into()),
                },
                "cron(0 7 ? * MON-FRI *)",
                scaling_target.service_namespace(),
            )
        },
    );
    recorder.resource(
        &name("api"),
        CloudwatchDashboard {
            region: in_region(),
            ..CloudwatchDashboard::new(
                JsonDocument::object([(
                    "widgets",
                    JsonDocument::array([JsonDocument::object([
                        ("type", "metric".into()),
                        ("x", 0.into()),
                        ("y", 0.into()),
                        ("width", 12.into()),
                        ("height", 6.into()),
                        (
                            "properties",
                            JsonDocument::object([
                                ("title", "API requests and 5xx".into()),
                                ("region", region.into()),
                                ("stat", "Sum".into()),
                                ("period", 60.into()),
                                (
                                    "metrics",
                                    JsonDocument::array([
                                        JsonDocument::array([
                                            "AWS/ApplicationELB".into(),
                                            "RequestCount".into(),
                                            "LoadBalancer".into(),
                                            load_balancer.arn_suffix().into(),
                                        ]),
                                        JsonDocument::array([
                                            ".".into(),
                                            "HTTPCode_Target_5XX_Count".into(),
                                            ".".into(),
                                            ".".into(),
                                        ]),
                                    ]),
                                ),
                            ]),
                        ),
                    ])]),
                )]),
                physical("api"),
            )
        },
    );

    // Regional WAF in front of the load balancer.
    let web_acl = recorder.resource(
        &name("api"),
        web_acl(Some(region), "REGIONAL", &physical("api")),
    );
    recorder.resource(
        &name("api"),
        Wafv2WebAclAssociation {
            region: in_region(),
            ..Wafv2WebAclAssociation::new(load_balancer.arn(), web_acl.arn())
        },
    );

    let health_check = recorder.resource(
        &name("api"),
        Route53HealthCheck {
            fqdn: Some(load_balancer.dns_name().into()),
            port: Some(443.into()),
            resource_path: Some("/health".into()),
            request_interval: Some(30.into()),
            failure_threshold: Some(3.into()),
            enable_sni: Some(true.into()),
            measure_latency: Some(true.into()),
            tags: tags(&[("Name", &physical("api"))]),
            ..Route53HealthCheck::new("HTTPS")
        },
    );

    Regional {
        load_balancer,
        health_check,
        bucket,
        bucket_versioning,
        database,
        cache,
        kms_key,
        private_subnets,
        app_group,
    }
}

/// A web ACL with the AWS common rule set (one rule counted) and a per-IP rate limit.
pub fn web_acl(region: Option<&str>, scope: &str, metric_name: &str) -> Wafv2WebAcl {
    let visibility = |metric: &str| Wafv2VisibilityConfig::new(true, metric, true);
    Wafv2WebAcl {
        region: region.map(Value::from),
        name: Some(metric_name.into()),
        description: Some("Managed common rules and a per-IP rate limit".into()),
        rule: vec![
            Wafv2WebAclRule {
                statement: Some(Wafv2Statement {
                    managed_rule_group_statement: Some(Wafv2ManagedRuleGroupStatement {
                        rule_action_override: vec![Wafv2RuleActionOverride::new(
                            "SizeRestrictions_BODY",
                            Wafv2RuleAction {
                                count: Some(Wafv2CountAction::default()),
                                ..Wafv2RuleAction::default()
                            },
                        )],
                        ..Wafv2ManagedRuleGroupStatement::new("AWSManagedRulesCommonRuleSet", "AWS")
                    }),
                    ..Wafv2Statement::default()
                }),
                override_action: Some(Wafv2WebAclRuleOverrideAction {
                    none: Some(EmptyBlock {}),
                    ..Wafv2WebAclRuleOverrideAction::default()
                }),
                ..Wafv2WebAclRule::new("aws-common", 1, visibility("aws-common"))
            },
            Wafv2WebAclRule {
                statement: Some(Wafv2Statement {
                    rate_based_statement: Some(Wafv2RateBasedStatement {
                        aggregate_key_type: Some("IP".into()),
                        evaluation_window_sec: Some(300.into()),
                        ..Wafv2RateBasedStatement::new(2000)
                    }),
                    ..Wafv2Statement::default()
                }),
                action: Some(Wafv2RuleAction {
                    block: Some(Wafv2BlockAction::default()),
                    ..Wafv2RuleAction::default()
                }),
                ..Wafv2WebAclRule::new("rate-limit", 2, visibility("rate-limit"))
            },
        ],
        ..Wafv2WebAcl::new(
            Wafv2DefaultAction {
                allow: Some(Wafv2AllowAction::default()),
                ..Wafv2DefaultAction::default()
            },
            scope,
            visibility(metric_name),
        )
    }
}

#[allow(clippy::too_many_arguments)]
fn add_database(
    recorder: &mut Recorder,
    global: &Global,
    region: &str,
    slug: &str,
    primary: Option<&Primary>,
    kms_key: &ResourceRef<KmsKey>,
    private_subnets: &[ResourceRef<Subnet>],
    database_group: &ResourceRef<SecurityGroup>,
) -> ResourceRef<DbInstance> {
    let name = |role: &str| format!("{role}_{slug}");
    let in_region = || -> Option<Value<String>> { Some(region.into()) };
    let subnet_group = recorder.resource(
        &name("orders_db"),
        DbSubnetGroup {
            region: in_region(),
            name: Some(format!("rail-orders-db-{region}").into()),
            description: Some("Private subnets of the orders database".into()),
            ..DbSubnetGroup::new(references(
                private_subnets.iter().map(|subnet| subnet.id()).collect(),
            ))
        },
    );
    let parameter_group = recorder.resource(
        &name("orders_db"),
        DbParameterGroup {
            region: in_region(),
            name: Some(format!("rail-orders-pg16-{region}").into()),
            description: Some("PostgreSQL 16 with TLS enforced".into()),
            parameter: vec![
                DbParameterGroupParameter {
                    apply_method: Some("pending-reboot".into()),
                    ..DbParameterGroupParameter::new("rds.force_ssl", "1")
                },
                DbParameterGroupParameter::new("log_min_duration_statement", "500"),
            ],
            ..DbParameterGroup::new("postgres16")
        },
    );
    let common = DbInstance {
        region: in_region(),
        identifier: Some(format!("rail-orders-{region}").into()),
        storage_type: Some("gp3".into()),
        kms_key_id: Some(kms_key.arn().into()),
        db_subnet_group_name: Some(subnet_group.name().into()),
        vpc_security_group_ids: Some(references(vec![database_group.id()])),
        parameter_group_name: Some(parameter_group.name().into()),
        publicly_accessible: Some(false.into()),
        auto_minor_version_upgrade: Some(true.into()),
        deletion_protection: Some(true.into()),
        copy_tags_to_snapshot: Some(true.into()),
        performance_insights_enabled: Some(true.into()),
        performance_insights_kms_key_id: Some(kms_key.arn().into()),
        enabled_cloudwatch_logs_exports: Some(strings(&["postgresql", "upgrade"])),
        ..DbInstance::new("db.r6g.large")
    };
    match primary {
        None => recorder.resource(
            &name("orders_db"),
            DbInstance {
                engine: Some("postgres".into()),
                engine_version: Some("16.9".into()),
                allocated_storage: Some(100.into()),
                max_allocated_storage: Some(500.into()),
                storage_encrypted: Some(true.into()),
                username: Some("orders_admin".into()),
                password: Some(global.database_password.result().into()),
                db_name: Some("orders".into()),
                multi_az: Some(true.into()),
                backup_retention_period: Some(7.into()),
                backup_window: Some("03:00-04:00".into()),
                maintenance_window: Some("sun:05:00-sun:06:00".into()),
                skip_final_snapshot: Some(false.into()),
                final_snapshot_identifier: Some("rail-orders-final".into()),
                timeouts: Some(DbInstanceTimeouts {
                    create: Some("90m".into()),
                    ..DbInstanceTimeouts::default()
                }),
                ..common
            },
        ),
        Some(primary) => recorder.resource(
            &name("orders_db_replica"),
            DbInstance {
                replicate_source_db: Some(primary.database.arn().into()),
                multi_az: Some(false.into()),
                backup_retention_period: Some(7.into()),
                skip_final_snapshot: Some(true.into()),
                ..common
            },
        ),
    }
}

fn add_cache(
    recorder: &mut Recorder,
    region: &str,
    slug: &str,
    primary: Option<&Primary>,
    private_subnets: &[ResourceRef<Subnet>],
    cache_group: &ResourceRef<SecurityGroup>,
) -> ResourceRef<ElasticacheReplicationGroup> {
    let name = |role: &str| format!("{role}_{slug}");
    let in_region = || -> Option<Value<String>> { Some(region.into()) };
    let subnet_group = recorder.resource(
        &name("cache"),
        ElasticacheSubnetGroup {
            region: in_region(),
            description: Some("Private subnets of the cache".into()),
            ..ElasticacheSubnetGroup::new(
                format!("rail-cache-{region}"),
                references(private_subnets.iter().map(|subnet| subnet.id()).collect()),
            )
        },
    );
    let common = ElasticacheReplicationGroup {
        region: in_region(),
        subnet_group_name: Some(subnet_group.name().into()),
        security_group_ids: Some(references(vec![cache_group.id()])),
        automatic_failover_enabled: Some(true.into()),
        multi_az_enabled: Some(true.into()),
        replicas_per_node_group: Some(1.into()),
        ..ElasticacheReplicationGroup::new(
            "rail-backend session and rate-limit cache",
            format!("rail-cache-{region}"),
        )
    };
    match primary {
        None => {
            let parameter_group = recorder.resource(
                &name("cache"),
                ElasticacheParameterGroup {
                    region: in_region(),
                    description: Some("Redis 7 cluster mode".into()),
                    parameter: vec![ElasticacheParameterGroupParameter::new(
                        "maxmemory-policy",
                        "volatile-lru",
                    )],
                    ..ElasticacheParameterGroup::new("redis7", "rail-cache-redis7")
                },
            );
            let auth_token = recorder.resource(
                "cache_auth",
                RandomPassword {
                    special: Some(false.into()),
                    ..RandomPassword::new(64)
                },
            );
            recorder.resource(
                &name("cache"),
                ElasticacheReplicationGroup {
                    engine: Some("redis".into()),
                    engine_version: Some("7.1".into()),
                    node_type: Some("cache.r7g.large".into()),
                    port: Some(6379.into()),
                    parameter_group_name: Some(parameter_group.name().into()),
                    cluster_mode: Some("enabled".into()),
                    num_node_groups: Some(2.into()),
                    at_rest_encryption_enabled: Some("true".into()),
                    transit_encryption_enabled: Some(true.into()),
                    auth_token: Some(auth_token.result().into()),
                    snapshot_retention_limit: Some(3.into()),
                    timeouts: Some(ElasticacheReplicationGroupTimeouts {
                        create: Some("90m".into()),
                        ..ElasticacheReplicationGroupTimeouts::default()
                    }),
                    ..common
                },
            )
        }
        Some(primary) => recorder.resource(
            &name("cache"),
            ElasticacheReplicationGroup {
                global_replication_group_id: Some(
                    primary
                        .global_datastore
                        .global_replication_group_id()
                        .into(),
                ),
                ..common
            },
        ),
    }
}

fn add_global_datastore(
    recorder: &mut Recorder,
    primary_region: &Regional,
) -> ResourceRef<ElasticacheGlobalReplicationGroup> {
    recorder.resource(
        "cache",
        ElasticacheGlobalReplicationGroup {
            region: Some("us-east-1".into()),
            global_replication_group_description: Some(
                "rail-backend cache shared across regions".into(),
            ),
            ..ElasticacheGlobalReplicationGroup::new("rail-cache", primary_region.cache.id())
        },
    )
}

fn add_bucket_replication(
    recorder: &mut Recorder,
    global: &Global,
    source: &Regional,
    destination: &Regional,
) {
    recorder.resource(
        "s3_replication",
        IamRolePolicy::new(
            JsonDocument::object([
                ("Version", "2012-10-17".into()),
                (
                    "Statement",
                    JsonDocument::array([
                        JsonDocument::object([
                            ("Effect", "Allow".into()),
                            (
                                "Action",
                                JsonDocument::array([
                                    "s3:GetReplicationConfiguration".into(),
                                    "s3:ListBucket".into(),
                                ]),
                            ),
                            ("Resource", source.bucket.arn().into()),
                        ]),
                        JsonDocument::object([
                            ("Effect", "Allow".into()),
                            (
                                "Action",
                                JsonDocument::array([
                                    "s3:GetObjectVersionForReplication".into(),
                                    "s3:GetObjectVersionAcl".into(),
                                    "s3:GetObjectRetention".into(),
                                ]),
                            ),
                            (
                                "Resource",
                                Template::new()
                                    .reference(source.bucket.arn())
                                    .text("/*")
                                    .into(),
                            ),
                        ]),
                        JsonDocument::object([
                            ("Effect", "Allow".into()),
                            (
                                "Action",
                                JsonDocument::array([
                                    "s3:ReplicateObject".into(),
                                    "s3:ReplicateDelete".into(),
                                    "s3:ObjectOwnerOverrideToBucketOwner".into(),
                                ]),
                            ),
                            (
                                "Resource",
                                Template::new()
                                    .reference(destination.bucket.arn())
                                    .text("/*")
                                    .into(),
                            ),
                        ]),
                        JsonDocument::object([
                            ("Effect", "Allow".into()),
                            (
                                "Action",
                                JsonDocument::array([
                                    "kms:Decrypt".into(),
                                    "kms:Encrypt".into(),
                                    "kms:GenerateDataKey".into(),
                                ]),
                            ),
                            (
                                "Resource",
                                JsonDocument::array([
                                    source.kms_key.arn().into(),
                                    destination.kms_key.arn().into(),
                                ]),
                            ),
                        ]),
                    ]),
                ),
            ]),
            global.replication_role.id(),
        ),
    );
    recorder.resource_with(
        "data_us_east_1_to_eu_west_1",
        S3BucketReplicationConfiguration {
            region: Some("us-east-1".into()),
            ..S3BucketReplicationConfiguration::new(
                source.bucket.id(),
                global.replication_role.arn(),
                vec![S3ReplicationRule {
                    id: Some("to-eu-west-1".into()),
                    priority: Some(1.into()),
                    filter: Some(S3ReplicationRuleFilter {
                        prefix: Some("".into()),
                        ..S3ReplicationRuleFilter::default()
                    }),
                    delete_marker_replication: Some(S3ReplicationRuleDeleteMarkerReplication::new(
                        "Enabled",
                    )),
                    source_selection_criteria: Some(S3ReplicationRuleSourceSelectionCriteria {
                        sse_kms_encrypted_objects: Some(
                            S3ReplicationRuleSourceSelectionCriteriaSseKmsEncryptedObjects::new(
                                "Enabled",
                            ),
                        ),
                        replica_modifications: Some(
                            S3ReplicationRuleSourceSelectionCriteriaReplicaModifications::new(
                                "Enabled",
                            ),
                        ),
                    }),
                    ..S3ReplicationRule::new(
                        S3ReplicationRuleDestination {
                            storage_class: Some("STANDARD".into()),
                            encryption_configuration: Some(
                                S3ReplicationRuleDestinationEncryptionConfiguration::new(
                                    destination.kms_key.arn(),
                                ),
                            ),
                            replication_time: Some(
                                S3ReplicationRuleDestinationReplicationTime::new(
                                    "Enabled",
                                    S3ReplicationRuleDestinationReplicationTimeTime::new(15),
                                ),
                            ),
                            metrics: Some(S3ReplicationRuleDestinationMetrics {
                                event_threshold: Some(
                                    S3ReplicationRuleDestinationMetricsEventThreshold::new(15),
                                ),
                                ..S3ReplicationRuleDestinationMetrics::new("Enabled")
                            }),
                            ..S3ReplicationRuleDestination::new(destination.bucket.arn())
                        },
                        "Enabled",
                    )
                }],
            )
        },
        depends_on(vec![
            source.bucket_versioning.terraform_address(),
            destination.bucket_versioning.terraform_address(),
        ]),
    );
}

fn add_dns_and_edge(recorder: &mut Recorder, global: &Global, regions: &[(&str, &Regional)]) {
    for (region, regional) in regions {
        let slug = region.replace('-', "_");
        recorder.resource(
            &format!("api_{slug}"),
            Route53Record {
                set_identifier: Some(format!("api-{region}").into()),
                health_check_id: Some(regional.health_check.id().into()),
                latency_routing_policy: Some(Route53RecordLatencyRoutingPolicy::new(*region)),
                alias: Some(Route53RecordAlias::new(
                    true,
                    regional.load_balancer.dns_name(),
                    regional.load_balancer.zone_id(),
                )),
                ..Route53Record::new(
                    global.domain_name.reference(),
                    "A",
                    global.hosted_zone_id.reference(),
                )
            },
        );
    }
    let (_, primary) = regions[0];
    let (_, secondary) = regions[1];
    let access_control = recorder.resource(
        "assets",
        CloudfrontOriginAccessControl {
            description: Some("CloudFront reads the asset buckets".into()),
            ..CloudfrontOriginAccessControl::new("rail-backend-assets", "s3", "always", "sigv4")
        },
    );
    let cdn_web_acl = recorder.resource(
        "cdn",
        web_acl(Some("us-east-1"), "CLOUDFRONT", "rail-backend-cdn"),
    );
    let cdn_certificate = recorder
        .module
        .add_variable(
            "cdn_certificate_arn",
            Variable {
                type_constraint: Some(TypeConstraint::String),
                ..Variable::default()
            },
        )
        .expect("valid variable");
    let bucket_origin = |id: &str, bucket: &ResourceRef<S3Bucket>| CloudfrontDistributionOrigin {
        origin_access_control_id: Some(access_control.id().into()),
        ..CloudfrontDistributionOrigin::new(bucket.bucket_regional_domain_name(), id)
    };
    let distribution = recorder.resource(
        "cdn",
        CloudfrontDistribution {
            comment: Some("rail-backend API and assets".into()),
            aliases: Some(references(vec![global.domain_name.reference()])),
            http_version: Some("http2and3".into()),
            is_ipv6_enabled: Some(true.into()),
            price_class: Some("PriceClass_100".into()),
            web_acl_id: Some(cdn_web_acl.arn().into()),
            origin_group: vec![CloudfrontDistributionOriginGroup::new(
                CloudfrontDistributionOriginGroupFailoverCriteria::new(
                    [500, 502, 503, 504]
                        .into_iter()
                        .collect::<Value<List<Number>>>(),
                ),
                vec![
                    CloudfrontDistributionOriginGroupMember::new("assets-primary"),
                    CloudfrontDistributionOriginGroupMember::new("assets-secondary"),
                ],
                "assets",
            )],
            ordered_cache_behavior: vec![CloudfrontDistributionOrderedCacheBehavior {
                cache_policy_id: Some("658327ea-f89d-4fab-a63d-7e88639e58f6".into()),
                compress: Some(true.into()),
                ..CloudfrontDistributionOrderedCacheBehavior::new(
                    strings(&["GET", "HEAD"]),
                    strings(&["GET", "HEAD"]),
                    "/assets/*",
                    "assets",
                    "redirect-to-https",
                )
            }],
            custom_error_response: vec![CloudfrontDistributionCustomErrorResponse {
                error_caching_min_ttl: Some(10.into()),
                ..CloudfrontDistributionCustomErrorResponse::new(503)
            }],
            ..CloudfrontDistribution::new(
                CloudfrontDistributionDefaultCacheBehavior {
                    cache_policy_id: Some("4135ea2d-6df8-44a3-9df3-4b5a84be39ad".into()),
                    origin_request_policy_id: Some("b689b0a8-53d0-40ab-baf2-68738e2966ac".into()),
                    compress: Some(true.into()),
                    ..CloudfrontDistributionDefaultCacheBehavior::new(
                        strings(&["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]),
                        strings(&["GET", "HEAD"]),
                        "api",
                        "https-only",
                    )
                },
                true,
                vec![
                    CloudfrontDistributionOrigin {
                        custom_origin_config: Some(
                            CloudfrontDistributionOriginCustomOriginConfig {
                                origin_read_timeout: Some(30.into()),
                                ..CloudfrontDistributionOriginCustomOriginConfig::new(
                                    80,
                                    443,
                                    "https-only",
                                    strings(&["TLSv1.2"]),
                                )
                            },
                        ),
                        custom_header: vec![CloudfrontDistributionOriginCustomHeader::new(
                            "X-Origin-Verify",
                            "set-by-meridian-plan",
                        )],
                        ..CloudfrontDistributionOrigin::new(primary.load_balancer.dns_name(), "api")
                    },
                    bucket_origin("assets-primary", &primary.bucket),
                    bucket_origin("assets-secondary", &secondary.bucket),
                ],
                CloudfrontDistributionRestrictions::new(
                    CloudfrontDistributionRestrictionsGeoRestriction::new("none"),
                ),
                CloudfrontDistributionViewerCertificate {
                    acm_certificate_arn: Some(cdn_certificate.reference().into()),
                    ssl_support_method: Some("sni-only".into()),
                    minimum_protocol_version: Some("TLSv1.2_2021".into()),
                    ..CloudfrontDistributionViewerCertificate::default()
                },
            )
        },
    );
    recorder.resource(
        "cdn",
        Route53Record {
            alias: Some(Route53RecordAlias::new(
                false,
                distribution.domain_name(),
                distribution.hosted_zone_id(),
            )),
            ..Route53Record::new(
                Template::new()
                    .text("cdn.")
                    .reference(global.domain_name.reference()),
                "A",
                global.hosted_zone_id.reference(),
            )
        },
    );
}

fn add_database_rotation(recorder: &mut Recorder, global: &Global, primary_region: &Regional) {
    let rotation = recorder.resource(
        "orders_db_rotation",
        ServerlessapplicationrepositoryCloudformationStack {
            region: Some("us-east-1".into()),
            semantic_version: Some("1.1.367".into()),
            parameters: Some(
                [
                    (
                        "endpoint",
                        Value::from(Template::new().text("https://secretsmanager.us-east-1.").reference(global.partition.dns_suffix())),
                    ),
                    ("functionName", "rail-orders-db-rotation".into()),
                    // The rotation function runs in the API tasks' group, which the database admits.
                    ("vpcSecurityGroupIds", Value::from(primary_region.app_group.id())),
                    (
                        "vpcSubnetIds",
                        Value::from(
                            Template::new()
                                .reference(primary_region.private_subnets[0].id())
                                .text(",")
                                .reference(primary_region.private_subnets[1].id()),
                        ),
                    ),
                ]
                .into_iter()
                .collect(),
            ),
            ..ServerlessapplicationrepositoryCloudformationStack::new(
                "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser",
                strings(&["CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"]),
                "rail-orders-db-rotation",
            )
        },
    );
    recorder.resource(
        "orders_db_master",
        SecretsmanagerSecretRotation {
            region: Some("us-east-1".into()),
            rotation_lambda_arn: Some(rotation.outputs().key("RotationLambdaARN").into()),
            ..SecretsmanagerSecretRotation::new(
                SecretsmanagerSecretRotationRotationRules {
                    automatically_after_days: Some(30.into()),
                    ..SecretsmanagerSecretRotationRotationRules::default()
                },
                global.database_secret.id(),
            )
        },
    );
}

fn add_outputs(
    recorder: &mut Recorder,
    primary: &Primary,
    primary_region: &Regional,
    secondary: &Regional,
) {
    recorder
        .module
        .add_output(
            "orders_db_replica_address_eu_west_1",
            Output {
                description: Some("Reader endpoint in eu-west-1".to_owned()),
                ..Output::new(secondary.database.address())
            },
        )
        .expect("valid output");
    recorder
        .module
        .add_output(
            "cache_global_datastore_id",
            Output::new(primary.global_datastore.global_replication_group_id()),
        )
        .expect("valid output");
    recorder
        .module
        .add_output(
            "load_balancer_dns_names",
            Output::new(Expression::List(vec![
                primary_region.load_balancer.dns_name().into(),
                secondary.load_balancer.dns_name().into(),
            ])),
        )
        .expect("valid output");
    recorder
        .module
        .add_moved(Moved::rename("assets_us_east_1", &primary.bucket).expect("valid former name"));
}
