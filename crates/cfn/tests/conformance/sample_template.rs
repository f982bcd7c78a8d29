//! A realistic template of one region of a multi-region web service, built from every L1 type.
//! It is test data: the choices in it (sizes, names, rules) are examples, not Meridian's defaults.
//!
//! Resources that a secondary region's template would hold (the cross-region read replica, the Global
//! Datastore secondary) sit in the same template so that one document covers every type; they reach
//! the primary region through `Fn::GetStackOutput`, as a secondary stack would.

use std::collections::BTreeMap;

use meridian_cfn::l1::autoscaling::{
    PredefinedMetricSpecification, ScalableTarget, ScalableTargetAction, ScalingPolicy,
    ScalingPolicyType, ScheduledAction, TargetTrackingConfiguration,
};
use meridian_cfn::l1::cloudfront::{
    DefaultCacheBehavior, Distribution, DistributionConfig, HttpVersion, Logging, Origin,
    OriginAccessControl, OriginAccessControlConfig, OriginAccessControlOriginType, PriceClass,
    S3OriginConfig, SigningBehavior, SigningProtocol, SslSupportMethod, ViewerCertificate,
    ViewerProtocolPolicy,
};
use meridian_cfn::l1::cloudwatch::{
    Alarm, ComparisonOperator, CompositeAlarm, Dashboard, Dimension, Metric, MetricDataQuery,
    MetricStat, Statistic, TreatMissingData,
};
use meridian_cfn::l1::ec2::{
    EgressRule, Eip, FlowLog, FlowLogDestinationType, FlowLogResourceType, FlowLogTrafficType,
    IngressRule, InternetGateway, NatConnectivityType, NatGateway, Route, RouteTable,
    SecurityGroup, SecurityGroupEgress, SecurityGroupIngress, Subnet, SubnetRouteTableAssociation,
    Vpc, VpcGatewayAttachment,
};
use meridian_cfn::l1::ecs::{
    AdvancedConfiguration, AppProtocol, AssignPublicIp, AwsvpcConfiguration,
    CapacityProviderStrategyItem, Cluster, ClusterSetting, Compatibility, ContainerDefinition,
    ContainerHealthCheck, ContainerSecret, CpuArchitecture, DeploymentAlarms,
    DeploymentCircuitBreaker, DeploymentConfiguration, DeploymentController,
    DeploymentControllerType, DeploymentLifecycleHook, DeploymentStrategy, EnvironmentVariable,
    LaunchType, LifecycleHookTargetType, LifecycleStage, LogConfiguration, MountPoint,
    NetworkConfiguration, NetworkMode, PortMapping, PropagateTags, RuntimePlatform, Service,
    ServiceLoadBalancer, TaskDefinition, TransportProtocol, Volume,
};
use meridian_cfn::l1::elasticache::{
    CloudWatchLogsDetails, GlobalMemberRole, GlobalReplicationGroup, GlobalReplicationGroupMember,
    LogDeliveryConfiguration, LogDestinationDetails, ParameterGroup, ReplicationGroup, SubnetGroup,
};
use meridian_cfn::l1::elbv2::{
    Action, Attribute, Certificate, FixedResponseConfig, ForwardConfig, Listener, ListenerRule,
    LoadBalancer, LoadBalancerScheme, LoadBalancerType, Matcher, Protocol, RedirectConfig,
    RedirectStatusCode, RuleCondition, TargetGroup, TargetType, WeightedTargetGroup,
};
use meridian_cfn::l1::iam::{InlinePolicy, Policy, Role};
use meridian_cfn::l1::kms::{Alias, Key};
use meridian_cfn::l1::logs::LogGroup;
use meridian_cfn::l1::rds::{DbInstance, DbParameterGroup, DbSubnetGroup};
use meridian_cfn::l1::route53::{AliasTarget, HealthCheck, HealthCheckConfig, HealthCheckType};
use meridian_cfn::l1::route53::{RecordSet, RecordSetGroup, RecordType};
use meridian_cfn::l1::s3::{
    AbortIncompleteMultipartUpload, Bucket, BucketEncryption, BucketPolicy, DefaultRetention,
    DeleteMarkerReplication, LifecycleConfiguration, LifecycleRule, LoggingConfiguration,
    NoncurrentVersionExpiration, ObjectLockConfiguration, ObjectLockEnabled, ObjectLockMode,
    ObjectLockRule, ObjectOwnership, OwnershipControls, OwnershipControlsRule,
    PublicAccessBlockConfiguration, ReplicaEncryptionConfiguration, ReplicationConfiguration,
    ReplicationDestination, ReplicationMetrics, ReplicationRule, ReplicationRuleFilter,
    ReplicationTime, ReplicationTimeValue, ServerSideEncryptionByDefault, ServerSideEncryptionRule,
    SourceSelectionCriteria, SseAlgorithm, Status, StatusSwitch, StorageClass, Transition,
    TransitionStorageClass, VersioningConfiguration, VersioningStatus,
};
use meridian_cfn::l1::secretsmanager::{
    GenerateSecretString, HostedRotationLambda, ReplicaRegion, RotationRules, RotationSchedule,
    Secret, SecretTargetAttachment,
};
use meridian_cfn::l1::sns::{Subscription, Topic, TopicPolicy};
use meridian_cfn::l1::wafv2::{
    AggregateKeyType, DefaultAction, ManagedRuleGroupStatement, OverrideAction, RateBasedStatement,
    Rule, RuleAction, Scope, Statement as WafStatement, VisibilityConfig, WebAcl,
    WebAclAssociation,
};
use meridian_cfn::l1::{
    ConditionExpression, DeletionPolicy, Effect, Export, GetStackOutput, ListValue, OneOrMany,
    Output, Parameter, ParameterType, PolicyConditions, PolicyDocument, Principal, Resource,
    Statement, Tag, Template, UpdateReplacePolicy, Value,
};

fn r(logical_id: &str) -> Value<String> {
    Value::r#ref(logical_id)
}

fn att(logical_id: &str, attribute: &str) -> Value<String> {
    Value::get_att(logical_id, attribute)
}

fn sub(template: &str) -> Value<String> {
    Value::sub(template)
}

fn name_tag(name_template: &str) -> Vec<Tag> {
    vec![Tag::new("Name", sub(name_template))]
}

/// The region-wide template: parameters, a condition, one or more resources of every type, outputs.
pub fn sample_service_template() -> Template {
    let mut template = Template::new(
        "orders service, one region: network, load balancer, ECS blue/green service, PostgreSQL, \
         Redis global datastore, S3 with replication, CloudFront, WAF, DNS and alarms",
    );
    template.transform = vec!["AWS::SecretsManager-2020-07-23".to_owned()];
    add_parameters(&mut template);
    template
        .add_condition(
            "ReplicationEnabled",
            ConditionExpression::equals(r("EnableS3Replication"), "true"),
        )
        .expect("first condition");

    let resources = [
        network_resources(),
        load_balancer_resources(),
        container_resources(),
        database_resources(),
        cache_resources(),
        storage_resources(),
        edge_resources(),
        observability_resources(),
        dns_resources(),
    ];
    for (logical_id, resource) in resources.into_iter().flatten() {
        template
            .add_resource(logical_id, resource)
            .expect("sample logical ids are unique");
    }
    add_outputs(&mut template);
    template
}

fn add_parameters(template: &mut Template) {
    let string_parameter = |description: &str| Parameter {
        description: Some(description.to_owned()),
        ..Parameter::new(ParameterType::String)
    };
    let parameters = [
        (
            "AppName",
            Parameter {
                default: Some("orders".to_owned()),
                allowed_pattern: Some("^[a-z][a-z0-9-]{1,20}$".to_owned()),
                ..string_parameter("Short lowercase application name used in resource names.")
            },
        ),
        (
            "VpcCidr",
            Parameter {
                default: Some("10.10.0.0/16".to_owned()),
                ..string_parameter("CIDR block of the VPC.")
            },
        ),
        (
            "ContainerImage",
            string_parameter("Image URI with tag or digest."),
        ),
        (
            "CertificateArn",
            string_parameter("ACM certificate of this region for the HTTPS listener."),
        ),
        (
            "HostedZoneId",
            Parameter {
                description: Some("Public hosted zone of DomainName.".to_owned()),
                ..Parameter::new(ParameterType::AwsSpecific(
                    "AWS::Route53::HostedZone::Id".to_owned(),
                ))
            },
        ),
        (
            "DomainName",
            string_parameter("Public name served by latency-based routing."),
        ),
        (
            "AssetsDomainName",
            string_parameter("Public name of the static assets distribution."),
        ),
        (
            "CloudFrontCertificateArn",
            string_parameter("ACM certificate in us-east-1 for AssetsDomainName."),
        ),
        (
            "CloudFrontWebAclArn",
            string_parameter("WAF web ACL of scope CLOUDFRONT, created in us-east-1."),
        ),
        (
            "AlertEmail",
            string_parameter("Address that receives alarm notifications."),
        ),
        (
            "PrimaryRegion",
            string_parameter("Region of the primary stack."),
        ),
        (
            "PrimaryStackName",
            string_parameter("Name of the primary region's stack."),
        ),
        (
            "ReplicaRegion",
            string_parameter("Region that receives replicas of data and secrets."),
        ),
        (
            "ReplicaSecretKeyArn",
            string_parameter("KMS key in ReplicaRegion for the secret replica."),
        ),
        (
            "ReplicaBucketKeyArn",
            string_parameter("KMS key in ReplicaRegion for S3 replicas."),
        ),
        (
            "DeploymentHookFunctionArn",
            string_parameter("Lambda function run before production traffic shifts."),
        ),
        (
            "EnableS3Replication",
            Parameter {
                allowed_values: vec!["true".to_owned(), "false".to_owned()],
                default: Some("false".to_owned()),
                ..string_parameter(
                    "Whether the replica bucket exists yet (S3 checks the destination).",
                )
            },
        ),
    ];
    for (logical_id, parameter) in parameters {
        template
            .add_parameter(logical_id, parameter)
            .expect("sample parameter ids are unique");
    }
}

fn network_resources() -> Vec<(&'static str, Resource)> {
    let subnet = |index: u32, zone_index: u32, name: &str| {
        Resource::new(Subnet {
            availability_zone: Some(Value::select(
                zone_index,
                ListValue::availability_zones_of_stack_region(),
            )),
            cidr_block: Some(Value::select(index, ListValue::cidr(r("VpcCidr"), 4, 8))),
            map_public_ip_on_launch: Some(false.into()),
            tags: name_tag(name),
            ..Subnet::new(r("Vpc"))
        })
    };
    let association = |subnet_id: &str, route_table_id: &str| {
        Resource::new(SubnetRouteTableAssociation {
            route_table_id: r(route_table_id),
            subnet_id: r(subnet_id),
        })
    };
    vec![
        (
            "Vpc",
            Resource::new(Vpc {
                cidr_block: Some(r("VpcCidr")),
                enable_dns_hostnames: Some(true.into()),
                enable_dns_support: Some(true.into()),
                tags: name_tag("${AppName}-vpc"),
                ..Vpc::default()
            }),
        ),
        ("InternetGateway", Resource::new(InternetGateway::default())),
        (
            "InternetGatewayAttachment",
            Resource::new(VpcGatewayAttachment {
                vpc_id: r("Vpc"),
                internet_gateway_id: Some(r("InternetGateway")),
                vpn_gateway_id: None,
            }),
        ),
        ("PublicSubnetA", subnet(0, 0, "${AppName}-public-a")),
        ("PublicSubnetB", subnet(1, 1, "${AppName}-public-b")),
        ("PrivateSubnetA", subnet(2, 0, "${AppName}-private-a")),
        ("PrivateSubnetB", subnet(3, 1, "${AppName}-private-b")),
        ("PublicRouteTable", Resource::new(RouteTable::new(r("Vpc")))),
        (
            "PublicDefaultRoute",
            Resource::new(Route {
                destination_cidr_block: Some("0.0.0.0/0".into()),
                gateway_id: Some(r("InternetGateway")),
                ..Route::new(r("PublicRouteTable"))
            })
            .depends_on("InternetGatewayAttachment"),
        ),
        (
            "PublicSubnetARouteTableAssociation",
            association("PublicSubnetA", "PublicRouteTable"),
        ),
        (
            "PublicSubnetBRouteTableAssociation",
            association("PublicSubnetB", "PublicRouteTable"),
        ),
        (
            "NatEip",
            Resource::new(Eip {
                domain: Some("vpc".into()),
                tags: name_tag("${AppName}-nat"),
                ..Eip::default()
            })
            .depends_on("InternetGatewayAttachment"),
        ),
        (
            "NatGateway",
            Resource::new(NatGateway {
                allocation_id: Some(att("NatEip", "AllocationId")),
                subnet_id: Some(r("PublicSubnetA")),
                connectivity_type: Some(NatConnectivityType::Public),
                tags: name_tag("${AppName}-nat"),
                ..NatGateway::default()
            }),
        ),
        (
            "PrivateRouteTable",
            Resource::new(RouteTable {
                tags: name_tag("${AppName}-private"),
                ..RouteTable::new(r("Vpc"))
            }),
        ),
        (
            "PrivateDefaultRoute",
            Resource::new(Route {
                destination_cidr_block: Some("0.0.0.0/0".into()),
                nat_gateway_id: Some(r("NatGateway")),
                ..Route::new(r("PrivateRouteTable"))
            }),
        ),
        (
            "PrivateSubnetARouteTableAssociation",
            association("PrivateSubnetA", "PrivateRouteTable"),
        ),
        (
            "PrivateSubnetBRouteTableAssociation",
            association("PrivateSubnetB", "PrivateRouteTable"),
        ),
        (
            "AlbSecurityGroup",
            Resource::new(SecurityGroup {
                vpc_id: Some(r("Vpc")),
                security_group_ingress: vec![
                    IngressRule {
                        cidr_ip: Some("0.0.0.0/0".into()),
                        description: Some("HTTPS from anywhere".into()),
                        ..IngressRule::new("tcp", 443, 443)
                    },
                    IngressRule {
                        cidr_ip: Some("0.0.0.0/0".into()),
                        description: Some("HTTP from anywhere, redirected to HTTPS".into()),
                        ..IngressRule::new("tcp", 80, 80)
                    },
                ],
                tags: name_tag("${AppName}-alb"),
                ..SecurityGroup::new("Public HTTP and HTTPS to the load balancer")
            }),
        ),
        (
            "AppSecurityGroup",
            Resource::new(SecurityGroup {
                vpc_id: Some(r("Vpc")),
                security_group_egress: vec![EgressRule {
                    cidr_ip: Some("0.0.0.0/0".into()),
                    description: Some("HTTPS to AWS APIs and the image registry".into()),
                    ..EgressRule::new("tcp", 443, 443)
                }],
                ..SecurityGroup::new("Fargate tasks, reachable only from the load balancer")
            }),
        ),
        (
            "AppIngressFromAlb",
            Resource::new(SecurityGroupIngress {
                source_security_group_id: Some(r("AlbSecurityGroup")),
                description: Some("load balancer to app".into()),
                ..SecurityGroupIngress::new(r("AppSecurityGroup"), "tcp", 8080, 8080)
            }),
        ),
        (
            "AlbEgressToApp",
            Resource::new(SecurityGroupEgress {
                destination_security_group_id: Some(r("AppSecurityGroup")),
                description: Some("load balancer to app".into()),
                ..SecurityGroupEgress::new(r("AlbSecurityGroup"), "tcp", 8080, 8080)
            }),
        ),
        (
            "DatabaseSecurityGroup",
            Resource::new(SecurityGroup {
                vpc_id: Some(r("Vpc")),
                security_group_ingress: vec![IngressRule {
                    source_security_group_id: Some(r("AppSecurityGroup")),
                    description: Some("app to postgres".into()),
                    ..IngressRule::new("tcp", 5432, 5432)
                }],
                ..SecurityGroup::new("PostgreSQL from app tasks")
            }),
        ),
        (
            "CacheSecurityGroup",
            Resource::new(SecurityGroup {
                vpc_id: Some(r("Vpc")),
                security_group_ingress: vec![IngressRule {
                    source_security_group_id: Some(r("AppSecurityGroup")),
                    description: Some("app to redis".into()),
                    ..IngressRule::new("tcp", 6379, 6379)
                }],
                ..SecurityGroup::new("Redis from app tasks")
            }),
        ),
        (
            "FlowLogGroup",
            Resource::new(LogGroup {
                log_group_name: Some(sub("/vpc/${AppName}/flow-logs")),
                retention_in_days: Some(90.into()),
                kms_key_id: Some(att("LogsKey", "Arn")),
                ..LogGroup::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "FlowLogRole",
            Resource::new(Role {
                policies: vec![InlinePolicy {
                    policy_name: "write-flow-logs".into(),
                    policy_document: PolicyDocument::new([Statement {
                        resource: Some(att("FlowLogGroup", "Arn").into()),
                        ..Statement::new(
                            Effect::Allow,
                            [
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogStreams",
                            ],
                        )
                    }]),
                }],
                ..Role::new(trust_policy("vpc-flow-logs.amazonaws.com"))
            }),
        ),
        (
            "VpcFlowLog",
            Resource::new(FlowLog {
                traffic_type: Some(FlowLogTrafficType::All),
                log_destination_type: Some(FlowLogDestinationType::CloudWatchLogs),
                log_destination: Some(att("FlowLogGroup", "Arn")),
                deliver_logs_permission_arn: Some(att("FlowLogRole", "Arn")),
                max_aggregation_interval: Some(60.into()),
                tags: name_tag("${AppName}-flow-log"),
                ..FlowLog::new(r("Vpc"), FlowLogResourceType::Vpc)
            }),
        ),
    ]
}

fn load_balancer_resources() -> Vec<(&'static str, Resource)> {
    let target_group = |color: &str| {
        Resource::new(TargetGroup {
            name: Some(sub(&format!("${{AppName}}-{color}"))),
            target_type: Some(TargetType::Ip),
            protocol: Some(Protocol::Http),
            protocol_version: Some("HTTP1".into()),
            port: Some(8080.into()),
            vpc_id: Some(r("Vpc")),
            health_check_enabled: Some(true.into()),
            health_check_protocol: Some(Protocol::Http),
            health_check_port: Some("traffic-port".into()),
            health_check_path: Some("/health".into()),
            health_check_interval_seconds: Some(15.into()),
            health_check_timeout_seconds: Some(5.into()),
            healthy_threshold_count: Some(2.into()),
            unhealthy_threshold_count: Some(3.into()),
            matcher: Some(Matcher {
                http_code: Some("200".into()),
                grpc_code: None,
            }),
            target_group_attributes: vec![Attribute::new(
                "deregistration_delay.timeout_seconds",
                "30",
            )],
            tags: vec![Tag::new("Color", color)],
        })
    };
    let weighted = |blue: i64, green: i64| {
        Action::weighted_forward(ForwardConfig {
            target_groups: vec![
                WeightedTargetGroup {
                    target_group_arn: r("BlueTargetGroup"),
                    weight: Some(blue.into()),
                },
                WeightedTargetGroup {
                    target_group_arn: r("GreenTargetGroup"),
                    weight: Some(green.into()),
                },
            ],
            target_group_stickiness_config: None,
        })
    };
    let not_found = Action::fixed_response(FixedResponseConfig {
        status_code: "404".into(),
        content_type: Some("text/plain".into()),
        message_body: Some("not found".into()),
    });
    vec![
        (
            "LoadBalancer",
            Resource::new(LoadBalancer {
                load_balancer_type: Some(LoadBalancerType::Application),
                scheme: Some(LoadBalancerScheme::InternetFacing),
                subnets: vec![r("PublicSubnetA"), r("PublicSubnetB")],
                security_groups: vec![r("AlbSecurityGroup")],
                load_balancer_attributes: vec![
                    Attribute::new("routing.http.drop_invalid_header_fields.enabled", "true"),
                    Attribute::new("deletion_protection.enabled", "true"),
                    Attribute::new("idle_timeout.timeout_seconds", "60"),
                ],
                tags: name_tag("${AppName}-alb"),
                ..LoadBalancer::default()
            }),
        ),
        ("BlueTargetGroup", target_group("blue")),
        ("GreenTargetGroup", target_group("green")),
        (
            "HttpsListener",
            Resource::new(Listener {
                port: Some(443.into()),
                protocol: Some(Protocol::Https),
                ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
                certificates: vec![Certificate {
                    certificate_arn: r("CertificateArn"),
                }],
                ..Listener::new(r("LoadBalancer"), vec![not_found.clone()])
            }),
        ),
        (
            "HttpRedirectListener",
            Resource::new(Listener {
                port: Some(80.into()),
                protocol: Some(Protocol::Http),
                ..Listener::new(
                    r("LoadBalancer"),
                    vec![Action::redirect(RedirectConfig {
                        status_code: RedirectStatusCode::Permanent301,
                        protocol: Some("HTTPS".into()),
                        port: Some("443".into()),
                        host: None,
                        path: None,
                        query: None,
                    })],
                )
            }),
        ),
        (
            "TestListener",
            Resource::new(Listener {
                port: Some(8443.into()),
                protocol: Some(Protocol::Https),
                ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
                certificates: vec![Certificate {
                    certificate_arn: r("CertificateArn"),
                }],
                ..Listener::new(r("LoadBalancer"), vec![not_found])
            }),
        ),
        (
            "ProductionListenerRule",
            Resource::new(ListenerRule {
                listener_arn: r("HttpsListener"),
                priority: 10.into(),
                conditions: vec![
                    RuleCondition::host_header(vec![r("DomainName")]),
                    RuleCondition::path_pattern(vec!["/*".into()]),
                ],
                actions: vec![weighted(100, 0)],
            }),
        ),
        (
            "TestListenerRule",
            Resource::new(ListenerRule {
                listener_arn: r("TestListener"),
                priority: 10.into(),
                conditions: vec![RuleCondition::host_header(vec![r("DomainName")])],
                actions: vec![weighted(0, 100)],
            }),
        ),
    ]
}

fn trust_policy(service_principal: &str) -> PolicyDocument {
    PolicyDocument::new([Statement {
        principal: Some(Principal::Service(service_principal.into())),
        ..Statement::new(Effect::Allow, "sts:AssumeRole")
    }])
}

fn container_resources() -> Vec<(&'static str, Resource)> {
    let app_container = ContainerDefinition {
        essential: Some(true.into()),
        readonly_root_filesystem: Some(true.into()),
        port_mappings: vec![PortMapping {
            container_port: Some(8080.into()),
            protocol: Some(TransportProtocol::Tcp),
            name: Some("http".into()),
            app_protocol: Some(AppProtocol::Http),
            host_port: None,
        }],
        environment: vec![
            EnvironmentVariable::new("DB_HOST", att("Database", "Endpoint.Address")),
            EnvironmentVariable::new("DB_PORT", att("Database", "Endpoint.Port")),
            EnvironmentVariable::new(
                "REDIS_CONFIG_ENDPOINT",
                att("CacheReplicationGroup", "ConfigurationEndPoint.Address"),
            ),
            EnvironmentVariable::new("DATA_BUCKET", r("DataBucket")),
            EnvironmentVariable::new("AWS_REGION_ROLE", "primary"),
        ],
        secrets: vec![
            ContainerSecret::new("DB_PASSWORD", sub("${DatabaseSecret}:password::")),
            ContainerSecret::new("DB_USER", sub("${DatabaseSecret}:username::")),
        ],
        health_check: Some(ContainerHealthCheck {
            command: vec![
                "CMD-SHELL".into(),
                "curl -fsS http://localhost:8080/health || exit 1".into(),
            ],
            interval: Some(30.into()),
            timeout: Some(5.into()),
            retries: Some(3.into()),
            start_period: Some(60.into()),
        }),
        log_configuration: Some(LogConfiguration {
            log_driver: "awslogs".into(),
            options: BTreeMap::from([
                ("awslogs-group".to_owned(), r("AppLogGroup")),
                ("awslogs-region".to_owned(), Value::aws_region()),
                ("awslogs-stream-prefix".to_owned(), "app".into()),
            ]),
            secret_options: Vec::new(),
        }),
        mount_points: vec![MountPoint {
            source_volume: "tmp".into(),
            container_path: "/tmp".into(),
            read_only: Some(false.into()),
        }],
        stop_timeout: Some(30.into()),
        ..ContainerDefinition::new("app", r("ContainerImage"))
    };
    let network_configuration = NetworkConfiguration {
        awsvpc_configuration: AwsvpcConfiguration {
            assign_public_ip: Some(AssignPublicIp::Disabled),
            subnets: vec![r("PrivateSubnetA"), r("PrivateSubnetB")],
            security_groups: vec![r("AppSecurityGroup")],
        },
    };
    vec![
        (
            "Cluster",
            Resource::new(Cluster {
                cluster_name: Some(sub("${AppName}-${AWS::Region}")),
                cluster_settings: vec![ClusterSetting::container_insights("enabled")],
                capacity_providers: vec!["FARGATE".into(), "FARGATE_SPOT".into()],
                default_capacity_provider_strategy: vec![CapacityProviderStrategyItem {
                    capacity_provider: "FARGATE".into(),
                    weight: Some(1.into()),
                    base: Some(2.into()),
                }],
                ..Cluster::default()
            }),
        ),
        (
            "AppLogGroup",
            Resource::new(LogGroup {
                log_group_name: Some(sub("/ecs/${AppName}")),
                retention_in_days: Some(30.into()),
                kms_key_id: Some(att("LogsKey", "Arn")),
                ..LogGroup::default()
            })
            .deletion_policy(DeletionPolicy::Delete)
            .update_replace_policy(UpdateReplacePolicy::Delete),
        ),
        (
            "TaskExecutionRole",
            Resource::new(Role {
                managed_policy_arns: vec![sub(
                    "arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                )],
                policies: vec![InlinePolicy {
                    policy_name: "read-db-secret".into(),
                    policy_document: PolicyDocument::new([Statement {
                        resource: Some(r("DatabaseSecret").into()),
                        ..Statement::new(Effect::Allow, ["secretsmanager:GetSecretValue"])
                    }]),
                }],
                ..Role::new(trust_policy("ecs-tasks.amazonaws.com"))
            }),
        ),
        (
            "TaskRole",
            Resource::new(Role {
                description: Some("Runtime identity of the app containers".into()),
                path: Some("/app/".into()),
                max_session_duration: Some(3600.into()),
                tags: vec![Tag::new("Application", r("AppName"))],
                ..Role::new(trust_policy("ecs-tasks.amazonaws.com"))
            }),
        ),
        (
            "TaskRoleDataAccessPolicy",
            Resource::new(Policy {
                policy_name: "app-data-bucket".into(),
                policy_document: PolicyDocument::new([
                    Statement {
                        sid: Some("ObjectReadWrite".to_owned()),
                        resource: Some(sub("${DataBucket.Arn}/*").into()),
                        ..Statement::new(Effect::Allow, ["s3:GetObject", "s3:PutObject"])
                    },
                    Statement {
                        sid: Some("BucketList".to_owned()),
                        resource: Some(att("DataBucket", "Arn").into()),
                        ..Statement::new(Effect::Allow, "s3:ListBucket")
                    },
                ]),
                roles: vec![r("TaskRole")],
                users: Vec::new(),
                groups: Vec::new(),
            }),
        ),
        (
            "EcsInfrastructureRole",
            Resource::new(Role {
                managed_policy_arns: vec![sub(
                    "arn:${AWS::Partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
                )],
                policies: vec![InlinePolicy {
                    policy_name: "invoke-deployment-hook".into(),
                    policy_document: PolicyDocument::new([Statement {
                        resource: Some(r("DeploymentHookFunctionArn").into()),
                        ..Statement::new(Effect::Allow, "lambda:InvokeFunction")
                    }]),
                }],
                permissions_boundary: Some(sub(
                    "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/${AppName}-boundary",
                )),
                ..Role::new(trust_policy("ecs.amazonaws.com"))
            }),
        ),
        (
            "TaskDefinition",
            Resource::new(TaskDefinition {
                family: Some(r("AppName")),
                requires_compatibilities: vec![Compatibility::Fargate],
                network_mode: Some(NetworkMode::Awsvpc),
                cpu: Some("512".into()),
                memory: Some("1024".into()),
                runtime_platform: Some(RuntimePlatform {
                    cpu_architecture: Some(CpuArchitecture::Arm64),
                    operating_system_family: Some("LINUX".into()),
                }),
                execution_role_arn: Some(att("TaskExecutionRole", "Arn")),
                task_role_arn: Some(att("TaskRole", "Arn")),
                container_definitions: vec![app_container.clone()],
                volumes: vec![Volume { name: "tmp".into() }],
                ..TaskDefinition::default()
            }),
        ),
        (
            "Service",
            Resource::new(Service {
                service_name: Some(r("AppName")),
                cluster: Some(r("Cluster")),
                task_definition: Some(r("TaskDefinition")),
                launch_type: Some(LaunchType::Fargate),
                platform_version: Some("LATEST".into()),
                desired_count: Some(2.into()),
                health_check_grace_period_seconds: Some(60.into()),
                enable_ecs_managed_tags: Some(true.into()),
                propagate_tags: Some(PropagateTags::Service),
                deployment_controller: Some(DeploymentController {
                    controller_type: DeploymentControllerType::Ecs,
                }),
                deployment_configuration: Some(DeploymentConfiguration {
                    strategy: Some(DeploymentStrategy::BlueGreen),
                    bake_time_in_minutes: Some(15.into()),
                    maximum_percent: Some(200.into()),
                    minimum_healthy_percent: Some(100.into()),
                    alarms: Some(DeploymentAlarms {
                        alarm_names: vec![r("Alb5xxAlarm")],
                        enable: true.into(),
                        rollback: true.into(),
                    }),
                    lifecycle_hooks: vec![DeploymentLifecycleHook {
                        lifecycle_stages: vec![LifecycleStage::PostTestTrafficShift],
                        target_type: Some(LifecycleHookTargetType::AwsLambda),
                        hook_target_arn: Some(r("DeploymentHookFunctionArn")),
                        role_arn: Some(att("EcsInfrastructureRole", "Arn")),
                    }],
                    ..DeploymentConfiguration::default()
                }),
                network_configuration: Some(network_configuration.clone()),
                load_balancers: vec![ServiceLoadBalancer {
                    container_name: Some("app".into()),
                    container_port: Some(8080.into()),
                    target_group_arn: Some(r("BlueTargetGroup")),
                    advanced_configuration: Some(AdvancedConfiguration {
                        alternate_target_group_arn: r("GreenTargetGroup"),
                        production_listener_rule: Some(r("ProductionListenerRule")),
                        test_listener_rule: Some(r("TestListenerRule")),
                        role_arn: Some(att("EcsInfrastructureRole", "Arn")),
                    }),
                }],
                tags: vec![Tag::new("Application", r("AppName"))],
                ..Service::default()
            }),
        ),
        (
            "WorkerService",
            Resource::new(Service {
                service_name: Some(sub("${AppName}-worker")),
                cluster: Some(r("Cluster")),
                task_definition: Some(r("TaskDefinition")),
                capacity_provider_strategy: vec![CapacityProviderStrategyItem {
                    capacity_provider: "FARGATE_SPOT".into(),
                    weight: Some(1.into()),
                    base: None,
                }],
                desired_count: Some(1.into()),
                enable_execute_command: Some(false.into()),
                deployment_controller: Some(DeploymentController {
                    controller_type: DeploymentControllerType::Ecs,
                }),
                deployment_configuration: Some(DeploymentConfiguration {
                    strategy: Some(DeploymentStrategy::Rolling),
                    maximum_percent: Some(200.into()),
                    minimum_healthy_percent: Some(50.into()),
                    deployment_circuit_breaker: Some(DeploymentCircuitBreaker {
                        enable: true.into(),
                        rollback: true.into(),
                    }),
                    ..DeploymentConfiguration::default()
                }),
                network_configuration: Some(network_configuration),
                ..Service::default()
            }),
        ),
        (
            "ServiceScalableTarget",
            Resource::new(ScalableTarget {
                service_namespace: "ecs".into(),
                scalable_dimension: "ecs:service:DesiredCount".into(),
                resource_id: sub("service/${Cluster}/${Service.Name}"),
                min_capacity: 2.into(),
                max_capacity: 20.into(),
                role_arn: None,
                scheduled_actions: vec![
                    ScheduledAction {
                        scheduled_action_name: "business-hours-up".into(),
                        schedule: "cron(0 7 ? * MON-FRI *)".into(),
                        timezone: Some("America/New_York".into()),
                        start_time: None,
                        end_time: None,
                        scalable_target_action: Some(ScalableTargetAction {
                            min_capacity: Some(4.into()),
                            max_capacity: Some(20.into()),
                        }),
                    },
                    ScheduledAction {
                        scheduled_action_name: "night-down".into(),
                        schedule: "cron(0 21 ? * * *)".into(),
                        timezone: Some("America/New_York".into()),
                        start_time: None,
                        end_time: None,
                        scalable_target_action: Some(ScalableTargetAction {
                            min_capacity: Some(2.into()),
                            max_capacity: Some(10.into()),
                        }),
                    },
                ],
                suspended_state: None,
            }),
        ),
        (
            "ServiceCpuScalingPolicy",
            Resource::new(ScalingPolicy {
                policy_name: sub("${AppName}-cpu-target"),
                policy_type: ScalingPolicyType::TargetTrackingScaling,
                scaling_target_id: Some(r("ServiceScalableTarget")),
                service_namespace: None,
                scalable_dimension: None,
                resource_id: None,
                target_tracking_scaling_policy_configuration: Some(TargetTrackingConfiguration {
                    target_value: 60.0.into(),
                    predefined_metric_specification: Some(PredefinedMetricSpecification {
                        predefined_metric_type: "ECSServiceAverageCPUUtilization".into(),
                        resource_label: None,
                    }),
                    scale_in_cooldown: Some(120.into()),
                    scale_out_cooldown: Some(60.into()),
                    disable_scale_in: Some(false.into()),
                }),
            }),
        ),
        (
            "ServiceRequestsScalingPolicy",
            Resource::new(ScalingPolicy {
                policy_name: sub("${AppName}-requests-target"),
                policy_type: ScalingPolicyType::TargetTrackingScaling,
                scaling_target_id: Some(r("ServiceScalableTarget")),
                service_namespace: None,
                scalable_dimension: None,
                resource_id: None,
                target_tracking_scaling_policy_configuration: Some(TargetTrackingConfiguration {
                    target_value: 500.0.into(),
                    predefined_metric_specification: Some(PredefinedMetricSpecification {
                        predefined_metric_type: "ALBRequestCountPerTarget".into(),
                        resource_label: Some(sub(
                            "${LoadBalancer.LoadBalancerFullName}/${BlueTargetGroup.TargetGroupFullName}",
                        )),
                    }),
                    scale_in_cooldown: None,
                    scale_out_cooldown: None,
                    disable_scale_in: None,
                }),
            }),
        ),
    ]
}

fn key_policy(service_principals: &[&str]) -> PolicyDocument {
    let mut statements = vec![Statement {
        sid: Some("AccountAdministration".to_owned()),
        principal: Some(Principal::Aws(
            sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root").into(),
        )),
        resource: Some("*".into()),
        ..Statement::new(Effect::Allow, "kms:*")
    }];
    if !service_principals.is_empty() {
        statements.push(Statement {
            sid: Some("ServiceUse".to_owned()),
            principal: Some(Principal::Service(OneOrMany::Many(
                service_principals
                    .iter()
                    .map(|principal| Value::from(*principal))
                    .collect(),
            ))),
            resource: Some("*".into()),
            ..Statement::new(
                Effect::Allow,
                [
                    "kms:Decrypt",
                    "kms:GenerateDataKey*",
                    "kms:Encrypt",
                    "kms:DescribeKey",
                ],
            )
        });
    }
    PolicyDocument::new(statements)
}

fn database_resources() -> Vec<(&'static str, Resource)> {
    let primary_stack_output = |output_name: &str| {
        Value::get_stack_output(
            GetStackOutput::new(r("PrimaryStackName"), output_name).in_region(r("PrimaryRegion")),
        )
    };
    vec![
        (
            "DatabaseKey",
            Resource::new(Key {
                description: Some("Encrypts the PostgreSQL storage and its secret".into()),
                enable_key_rotation: Some(true.into()),
                key_policy: Some(key_policy(&[])),
                ..Key::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "DatabaseKeyAlias",
            Resource::new(Alias {
                alias_name: sub("alias/${AppName}-database"),
                target_key_id: r("DatabaseKey"),
            }),
        ),
        (
            "DatabaseSubnetGroup",
            Resource::new(DbSubnetGroup {
                db_subnet_group_description: "Private subnets for PostgreSQL".into(),
                subnet_ids: vec![r("PrivateSubnetA"), r("PrivateSubnetB")],
                db_subnet_group_name: None,
                tags: Vec::new(),
            }),
        ),
        (
            "DatabaseParameterGroup",
            Resource::new(DbParameterGroup {
                description: "orders postgres 16 with logical replication".into(),
                family: "postgres16".into(),
                db_parameter_group_name: None,
                parameters: BTreeMap::from([
                    ("rds.logical_replication".to_owned(), "1".into()),
                    ("rds.force_ssl".to_owned(), "1".into()),
                    ("max_wal_senders".to_owned(), "15".into()),
                ]),
                tags: Vec::new(),
            }),
        ),
        (
            "DatabaseSecret",
            Resource::new(Secret {
                name: Some(sub("${AppName}/postgres/master")),
                description: Some("Master credentials of the PostgreSQL primary".into()),
                kms_key_id: Some(r("DatabaseKey")),
                generate_secret_string: Some(GenerateSecretString {
                    secret_string_template: Some(r#"{"username": "orders_admin"}"#.into()),
                    generate_string_key: Some("password".into()),
                    password_length: Some(32.into()),
                    exclude_characters: Some("\"@/\\".into()),
                    ..GenerateSecretString::default()
                }),
                replica_regions: vec![ReplicaRegion {
                    region: r("ReplicaRegion"),
                    kms_key_id: Some(r("ReplicaSecretKeyArn")),
                }],
                ..Secret::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "DatabaseSecretAttachment",
            Resource::new(SecretTargetAttachment {
                secret_id: r("DatabaseSecret"),
                target_id: r("Database"),
                target_type: "AWS::RDS::DBInstance".into(),
            }),
        ),
        (
            "DatabaseSecretRotation",
            Resource::new(RotationSchedule {
                secret_id: r("DatabaseSecretAttachment"),
                hosted_rotation_lambda: Some(HostedRotationLambda {
                    rotation_type: "PostgreSQLSingleUser".into(),
                    rotation_lambda_name: Some(sub("${AppName}-db-rotation")),
                    kms_key_arn: Some(att("DatabaseKey", "Arn")),
                    master_secret_arn: None,
                    vpc_security_group_ids: Some(r("DatabaseSecurityGroup")),
                    vpc_subnet_ids: Some(Value::join(
                        ",",
                        [r("PrivateSubnetA"), r("PrivateSubnetB")],
                    )),
                    exclude_characters: Some("\"@/\\".into()),
                    runtime: None,
                }),
                rotation_lambda_arn: None,
                rotation_rules: Some(RotationRules {
                    automatically_after_days: Some(30.into()),
                    ..RotationRules::default()
                }),
                rotate_immediately_on_update: Some(false.into()),
            }),
        ),
        (
            "Database",
            Resource::new(DbInstance {
                db_instance_identifier: Some(sub("${AppName}-pg-primary")),
                engine: Some("postgres".into()),
                engine_version: Some("16.9".into()),
                db_instance_class: Some("db.r6g.large".into()),
                allocated_storage: Some("100".into()),
                max_allocated_storage: Some(500.into()),
                storage_type: Some("gp3".into()),
                storage_encrypted: Some(true.into()),
                kms_key_id: Some(r("DatabaseKey")),
                master_username: Some(sub(
                    "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:username}}",
                )),
                master_user_password: Some(sub(
                    "{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}",
                )),
                db_name: Some("orders".into()),
                port: Some("5432".into()),
                multi_az: Some(true.into()),
                db_subnet_group_name: Some(r("DatabaseSubnetGroup")),
                vpc_security_groups: vec![r("DatabaseSecurityGroup")],
                db_parameter_group_name: Some(r("DatabaseParameterGroup")),
                ca_certificate_identifier: Some("rds-ca-rsa2048-g1".into()),
                backup_retention_period: Some(7.into()),
                preferred_backup_window: Some("03:00-04:00".into()),
                preferred_maintenance_window: Some("sun:05:00-sun:06:00".into()),
                deletion_protection: Some(true.into()),
                publicly_accessible: Some(false.into()),
                auto_minor_version_upgrade: Some(true.into()),
                copy_tags_to_snapshot: Some(true.into()),
                enable_iam_database_authentication: Some(true.into()),
                enable_performance_insights: Some(true.into()),
                performance_insights_kms_key_id: Some(att("DatabaseKey", "Arn")),
                performance_insights_retention_period: Some(7.into()),
                enable_cloudwatch_logs_exports: vec!["postgresql".into(), "upgrade".into()],
                tags: vec![Tag::new("Role", "primary")],
                ..DbInstance::default()
            })
            .deletion_policy(DeletionPolicy::Snapshot)
            .update_replace_policy(UpdateReplacePolicy::Snapshot),
        ),
        (
            "ReplicaDatabase",
            Resource::new(DbInstance {
                db_instance_identifier: Some(sub("${AppName}-pg-replica-${AWS::Region}")),
                source_db_instance_identifier: Some(primary_stack_output("DatabaseArn")),
                source_region: Some(r("PrimaryRegion")),
                db_instance_class: Some("db.r6g.large".into()),
                storage_type: Some("gp3".into()),
                kms_key_id: Some(att("DatabaseKey", "Arn")),
                db_subnet_group_name: Some(r("DatabaseSubnetGroup")),
                vpc_security_groups: vec![r("DatabaseSecurityGroup")],
                db_parameter_group_name: Some(r("DatabaseParameterGroup")),
                multi_az: Some(false.into()),
                publicly_accessible: Some(false.into()),
                deletion_protection: Some(true.into()),
                enable_performance_insights: Some(true.into()),
                performance_insights_kms_key_id: Some(att("DatabaseKey", "Arn")),
                enable_cloudwatch_logs_exports: vec!["postgresql".into()],
                ..DbInstance::default()
            })
            .deletion_policy(DeletionPolicy::Delete)
            .update_replace_policy(UpdateReplacePolicy::Delete),
        ),
    ]
}

fn cache_resources() -> Vec<(&'static str, Resource)> {
    vec![
        (
            "CacheSubnetGroup",
            Resource::new(SubnetGroup {
                description: "Private subnets for Redis".into(),
                subnet_ids: vec![r("PrivateSubnetA"), r("PrivateSubnetB")],
                cache_subnet_group_name: None,
                tags: Vec::new(),
            }),
        ),
        (
            "CacheParameterGroup",
            Resource::new(ParameterGroup {
                cache_parameter_group_family: "redis7".into(),
                description: "orders redis 7, cluster mode".into(),
                properties: BTreeMap::from([
                    ("cluster-enabled".to_owned(), "yes".into()),
                    ("maxmemory-policy".to_owned(), "volatile-lru".into()),
                ]),
                tags: Vec::new(),
            }),
        ),
        (
            "CacheSlowLogGroup",
            Resource::new(LogGroup {
                log_group_name: Some(sub("/elasticache/${AppName}/slow-log")),
                retention_in_days: Some(14.into()),
                kms_key_id: Some(att("LogsKey", "Arn")),
                ..LogGroup::default()
            })
            .deletion_policy(DeletionPolicy::Delete)
            .update_replace_policy(UpdateReplacePolicy::Delete),
        ),
        (
            "CacheReplicationGroup",
            Resource::new(ReplicationGroup {
                replication_group_id: Some(sub("${AppName}-redis-use1")),
                engine: Some("redis".into()),
                engine_version: Some("7.1".into()),
                cache_node_type: Some("cache.r6g.large".into()),
                cache_parameter_group_name: Some(r("CacheParameterGroup")),
                cluster_mode: Some("enabled".into()),
                num_node_groups: Some(2.into()),
                replicas_per_node_group: Some(1.into()),
                automatic_failover_enabled: Some(true.into()),
                multi_az_enabled: Some(true.into()),
                at_rest_encryption_enabled: Some(true.into()),
                transit_encryption_enabled: Some(true.into()),
                transit_encryption_mode: Some("required".into()),
                auth_token: Some(sub(
                    "{{resolve:secretsmanager:${AppName}/redis/auth:SecretString:token}}",
                )),
                cache_subnet_group_name: Some(r("CacheSubnetGroup")),
                security_group_ids: vec![r("CacheSecurityGroup")],
                port: Some(6379.into()),
                snapshot_retention_limit: Some(3.into()),
                snapshot_window: Some("04:00-05:00".into()),
                preferred_maintenance_window: Some("sun:06:00-sun:07:00".into()),
                auto_minor_version_upgrade: Some(true.into()),
                notification_topic_arn: Some(r("AlertTopic")),
                log_delivery_configurations: vec![LogDeliveryConfiguration {
                    destination_details: LogDestinationDetails {
                        cloud_watch_logs_details: Some(CloudWatchLogsDetails {
                            log_group: r("CacheSlowLogGroup"),
                        }),
                    },
                    destination_type: "cloudwatch-logs".into(),
                    log_format: "json".into(),
                    log_type: "slow-log".into(),
                }],
                ..ReplicationGroup::new("orders cache, primary member of the global datastore")
            })
            .deletion_policy(DeletionPolicy::Snapshot)
            .update_replace_policy(UpdateReplacePolicy::Snapshot),
        ),
        (
            "CacheGlobalDatastore",
            Resource::new(GlobalReplicationGroup {
                members: vec![GlobalReplicationGroupMember {
                    replication_group_id: Some(r("CacheReplicationGroup")),
                    replication_group_region: Some(Value::aws_region()),
                    role: Some(GlobalMemberRole::Primary),
                }],
                global_replication_group_id_suffix: Some(sub("${AppName}-global")),
                global_replication_group_description: Some(
                    "orders cache shared across regions".into(),
                ),
                automatic_failover_enabled: Some(true.into()),
                engine: None,
                engine_version: None,
                cache_node_type: None,
                cache_parameter_group_name: None,
                global_node_group_count: None,
            }),
        ),
        (
            "SecondaryCacheReplicationGroup",
            Resource::new(ReplicationGroup {
                replication_group_id: Some(sub("${AppName}-redis-${AWS::Region}")),
                global_replication_group_id: Some(Value::get_stack_output(
                    GetStackOutput::new(r("PrimaryStackName"), "GlobalReplicationGroupId")
                        .in_region(r("PrimaryRegion")),
                )),
                replicas_per_node_group: Some(1.into()),
                automatic_failover_enabled: Some(true.into()),
                multi_az_enabled: Some(true.into()),
                cache_subnet_group_name: Some(r("CacheSubnetGroup")),
                security_group_ids: vec![r("CacheSecurityGroup")],
                ..ReplicationGroup::new("orders cache, secondary member of the global datastore")
            })
            .deletion_policy(DeletionPolicy::Delete)
            .update_replace_policy(UpdateReplacePolicy::Delete),
        ),
    ]
}

fn deny_insecure_transport(bucket_id: &str) -> Statement {
    Statement {
        sid: Some("DenyInsecureTransport".to_owned()),
        principal: Some(Principal::Everyone),
        resource: Some(OneOrMany::Many(vec![
            att(bucket_id, "Arn"),
            sub(&format!("${{{bucket_id}.Arn}}/*")),
        ])),
        condition: PolicyConditions::default().with("Bool", "aws:SecureTransport", "false"),
        ..Statement::new(Effect::Deny, "s3:*")
    }
}

const DATA_BUCKET_ARN: &str =
    "arn:${AWS::Partition}:s3:::${AppName}-data-${AWS::AccountId}-${AWS::Region}";

fn storage_resources() -> Vec<(&'static str, Resource)> {
    let block_public_access = PublicAccessBlockConfiguration {
        block_public_acls: Some(true.into()),
        block_public_policy: Some(true.into()),
        ignore_public_acls: Some(true.into()),
        restrict_public_buckets: Some(true.into()),
    };
    let kms_encryption = |key_id: &str| BucketEncryption {
        server_side_encryption_configuration: vec![ServerSideEncryptionRule {
            server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                sse_algorithm: SseAlgorithm::AwsKms,
                kms_master_key_id: Some(att(key_id, "Arn")),
            }),
            bucket_key_enabled: Some(true.into()),
        }],
    };
    let replication = ReplicationConfiguration {
        role: att("S3ReplicationRole", "Arn"),
        rules: vec![ReplicationRule {
            id: Some("to-replica-region".into()),
            status: Status::Enabled,
            priority: Some(1.into()),
            filter: Some(ReplicationRuleFilter {
                prefix: Some("".into()),
                tag_filter: None,
            }),
            delete_marker_replication: Some(DeleteMarkerReplication {
                status: Status::Disabled,
            }),
            source_selection_criteria: Some(SourceSelectionCriteria {
                sse_kms_encrypted_objects: Some(StatusSwitch {
                    status: Status::Enabled,
                }),
                replica_modifications: None,
            }),
            destination: ReplicationDestination {
                bucket: sub(
                    "arn:${AWS::Partition}:s3:::${AppName}-data-${AWS::AccountId}-${ReplicaRegion}",
                ),
                storage_class: Some(StorageClass::Standard),
                account: None,
                access_control_translation: None,
                encryption_configuration: Some(ReplicaEncryptionConfiguration {
                    replica_kms_key_id: r("ReplicaBucketKeyArn"),
                }),
                replication_time: Some(ReplicationTime {
                    status: Status::Enabled,
                    time: ReplicationTimeValue { minutes: 15.into() },
                }),
                metrics: Some(ReplicationMetrics {
                    status: Status::Enabled,
                    event_threshold: Some(ReplicationTimeValue { minutes: 15.into() }),
                }),
            },
        }],
    };
    vec![
        (
            "DataKey",
            Resource::new(Key {
                description: Some("Encrypts the data bucket".into()),
                enable_key_rotation: Some(true.into()),
                key_policy: Some(key_policy(&[])),
                ..Key::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "S3ReplicationRole",
            Resource::new(Role {
                policies: vec![InlinePolicy {
                    policy_name: "crr".into(),
                    policy_document: PolicyDocument::new([
                        // The source bucket is named, not referenced: the bucket refers to this
                        // role, so a reference back would be a dependency cycle.
                        Statement {
                            resource: Some(sub(DATA_BUCKET_ARN).into()),
                            ..Statement::new(
                                Effect::Allow,
                                ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                            )
                        },
                        Statement {
                            resource: Some(sub(&format!("{DATA_BUCKET_ARN}/*")).into()),
                            ..Statement::new(
                                Effect::Allow,
                                [
                                    "s3:GetObjectVersionForReplication",
                                    "s3:GetObjectVersionAcl",
                                    "s3:GetObjectVersionTagging",
                                    "s3:GetObjectRetention",
                                    "s3:GetObjectLegalHold",
                                ],
                            )
                        },
                        Statement {
                            resource: Some(
                                sub("arn:${AWS::Partition}:s3:::${AppName}-data-${AWS::AccountId}-${ReplicaRegion}/*")
                                    .into(),
                            ),
                            ..Statement::new(
                                Effect::Allow,
                                ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
                            )
                        },
                        Statement {
                            resource: Some(att("DataKey", "Arn").into()),
                            ..Statement::new(Effect::Allow, "kms:Decrypt")
                        },
                        Statement {
                            resource: Some(r("ReplicaBucketKeyArn").into()),
                            ..Statement::new(Effect::Allow, "kms:Encrypt")
                        },
                    ]),
                }],
                ..Role::new(trust_policy("s3.amazonaws.com"))
            }),
        ),
        (
            "LogsBucket",
            Resource::new(Bucket {
                bucket_name: Some(sub("${AppName}-logs-${AWS::AccountId}-${AWS::Region}")),
                versioning_configuration: Some(VersioningConfiguration {
                    status: VersioningStatus::Enabled,
                }),
                bucket_encryption: Some(BucketEncryption {
                    server_side_encryption_configuration: vec![ServerSideEncryptionRule {
                        server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                            sse_algorithm: SseAlgorithm::Aes256,
                            kms_master_key_id: None,
                        }),
                        bucket_key_enabled: None,
                    }],
                }),
                public_access_block_configuration: Some(block_public_access.clone()),
                // CloudFront standard logging writes with ACLs, which BucketOwnerEnforced disables.
                ownership_controls: Some(OwnershipControls {
                    rules: vec![OwnershipControlsRule {
                        object_ownership: ObjectOwnership::BucketOwnerPreferred,
                    }],
                }),
                lifecycle_configuration: Some(LifecycleConfiguration {
                    rules: vec![LifecycleRule {
                        id: Some("expire-logs".into()),
                        expiration_in_days: Some(365.into()),
                        transitions: vec![Transition {
                            storage_class: TransitionStorageClass::StandardIa,
                            transition_in_days: 30.into(),
                        }],
                        noncurrent_version_expiration: Some(NoncurrentVersionExpiration {
                            noncurrent_days: 30.into(),
                            newer_noncurrent_versions: None,
                        }),
                        abort_incomplete_multipart_upload: Some(AbortIncompleteMultipartUpload {
                            days_after_initiation: 7.into(),
                        }),
                        ..LifecycleRule::new(Status::Enabled)
                    }],
                }),
                ..Bucket::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "LogsBucketPolicy",
            Resource::new(BucketPolicy {
                bucket: r("LogsBucket"),
                policy_document: PolicyDocument::new([
                    deny_insecure_transport("LogsBucket"),
                    Statement {
                        sid: Some("ServerAccessLogs".to_owned()),
                        principal: Some(Principal::Service("logging.s3.amazonaws.com".into())),
                        resource: Some(sub("${LogsBucket.Arn}/s3/*").into()),
                        condition: PolicyConditions::default().with(
                            "StringEquals",
                            "aws:SourceAccount",
                            Value::aws_account_id(),
                        ),
                        ..Statement::new(Effect::Allow, "s3:PutObject")
                    },
                ]),
            }),
        ),
        (
            "DataBucket",
            Resource::new(Bucket {
                bucket_name: Some(sub("${AppName}-data-${AWS::AccountId}-${AWS::Region}")),
                object_lock_enabled: Some(true.into()),
                object_lock_configuration: Some(ObjectLockConfiguration {
                    object_lock_enabled: Some(ObjectLockEnabled::Enabled),
                    rule: Some(ObjectLockRule {
                        default_retention: Some(DefaultRetention {
                            mode: ObjectLockMode::Compliance,
                            days: Some(365.into()),
                            years: None,
                        }),
                    }),
                }),
                versioning_configuration: Some(VersioningConfiguration {
                    status: VersioningStatus::Enabled,
                }),
                bucket_encryption: Some(kms_encryption("DataKey")),
                public_access_block_configuration: Some(block_public_access.clone()),
                ownership_controls: Some(OwnershipControls {
                    rules: vec![OwnershipControlsRule {
                        object_ownership: ObjectOwnership::BucketOwnerEnforced,
                    }],
                }),
                replication_configuration: Some(Value::fn_if(
                    "ReplicationEnabled",
                    Value::Literal(replication),
                    Value::no_value(),
                )),
                logging_configuration: Some(LoggingConfiguration {
                    destination_bucket_name: Some(r("LogsBucket")),
                    log_file_prefix: Some("s3/data/".into()),
                }),
                tags: vec![Tag::new("DataClassification", "confidential")],
                ..Bucket::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "DataBucketPolicy",
            Resource::new(BucketPolicy {
                bucket: r("DataBucket"),
                policy_document: PolicyDocument::new([deny_insecure_transport("DataBucket")]),
            }),
        ),
        (
            "AssetsBucket",
            Resource::new(Bucket {
                bucket_name: Some(sub("${AppName}-assets-${AWS::AccountId}-${AWS::Region}")),
                versioning_configuration: Some(VersioningConfiguration {
                    status: VersioningStatus::Enabled,
                }),
                bucket_encryption: Some(BucketEncryption {
                    server_side_encryption_configuration: vec![ServerSideEncryptionRule {
                        server_side_encryption_by_default: Some(ServerSideEncryptionByDefault {
                            sse_algorithm: SseAlgorithm::Aes256,
                            kms_master_key_id: None,
                        }),
                        bucket_key_enabled: None,
                    }],
                }),
                public_access_block_configuration: Some(block_public_access),
                ownership_controls: Some(OwnershipControls {
                    rules: vec![OwnershipControlsRule {
                        object_ownership: ObjectOwnership::BucketOwnerEnforced,
                    }],
                }),
                logging_configuration: Some(LoggingConfiguration {
                    destination_bucket_name: Some(r("LogsBucket")),
                    log_file_prefix: Some("s3/assets/".into()),
                }),
                ..Bucket::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "AssetsBucketPolicy",
            Resource::new(BucketPolicy {
                bucket: r("AssetsBucket"),
                policy_document: PolicyDocument::new([
                    deny_insecure_transport("AssetsBucket"),
                    Statement {
                        sid: Some("CloudFrontOriginAccessControl".to_owned()),
                        principal: Some(Principal::Service("cloudfront.amazonaws.com".into())),
                        resource: Some(sub("${AssetsBucket.Arn}/*").into()),
                        condition: PolicyConditions::default().with(
                            "StringEquals",
                            "AWS:SourceArn",
                            sub("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${AssetsDistribution}"),
                        ),
                        ..Statement::new(Effect::Allow, "s3:GetObject")
                    },
                ]),
            }),
        ),
    ]
}

fn edge_resources() -> Vec<(&'static str, Resource)> {
    let visibility = |metric_name: &str| VisibilityConfig {
        sampled_requests_enabled: true.into(),
        cloud_watch_metrics_enabled: true.into(),
        metric_name: metric_name.into(),
    };
    let managed_rule = |priority: i64, name: &str| Rule {
        name: name.into(),
        priority: priority.into(),
        statement: WafStatement {
            managed_rule_group_statement: Some(ManagedRuleGroupStatement {
                vendor_name: "AWS".into(),
                name: name.into(),
                version: None,
                excluded_rules: Vec::new(),
            }),
            ..WafStatement::default()
        },
        action: None,
        override_action: Some(OverrideAction::KeepRuleGroupActions {}),
        visibility_config: visibility(name),
    };
    vec![
        (
            "AssetsOriginAccessControl",
            Resource::new(OriginAccessControl {
                origin_access_control_config: OriginAccessControlConfig {
                    name: sub("${AppName}-assets-${AWS::Region}"),
                    description: Some("CloudFront reads the assets bucket with SigV4".into()),
                    origin_access_control_origin_type: OriginAccessControlOriginType::S3,
                    signing_behavior: SigningBehavior::Always,
                    signing_protocol: SigningProtocol::Sigv4,
                },
            }),
        ),
        (
            "AssetsDistribution",
            Resource::new(Distribution {
                distribution_config: DistributionConfig {
                    comment: Some(sub("${AppName} static assets")),
                    aliases: vec![r("AssetsDomainName")],
                    origins: vec![Origin {
                        id: "assets-bucket".into(),
                        domain_name: att("AssetsBucket", "RegionalDomainName"),
                        origin_path: None,
                        origin_access_control_id: Some(att("AssetsOriginAccessControl", "Id")),
                        s3_origin_config: Some(S3OriginConfig::default()),
                        custom_origin_config: None,
                    }],
                    default_root_object: Some("index.html".into()),
                    http_version: Some(HttpVersion::Http2And3),
                    ipv6_enabled: Some(true.into()),
                    price_class: Some(PriceClass::PriceClass100),
                    viewer_certificate: Some(ViewerCertificate {
                        acm_certificate_arn: Some(r("CloudFrontCertificateArn")),
                        minimum_protocol_version: Some("TLSv1.2_2021".into()),
                        ssl_support_method: Some(SslSupportMethod::SniOnly),
                        cloud_front_default_certificate: None,
                    }),
                    logging: Some(Logging {
                        bucket: att("LogsBucket", "RegionalDomainName"),
                        prefix: Some("cloudfront/".into()),
                        include_cookies: Some(false.into()),
                    }),
                    web_acl_id: Some(r("CloudFrontWebAclArn")),
                    ..DistributionConfig::new(
                        true,
                        DefaultCacheBehavior {
                            // The id of the managed policy "CachingOptimized".
                            cache_policy_id: Some("658327ea-f89d-4fab-a63d-7e88639e58f6".into()),
                            allowed_methods: vec!["GET".into(), "HEAD".into()],
                            cached_methods: vec!["GET".into(), "HEAD".into()],
                            compress: Some(true.into()),
                            ..DefaultCacheBehavior::new(
                                "assets-bucket",
                                ViewerProtocolPolicy::RedirectToHttps,
                            )
                        },
                    )
                },
                tags: vec![Tag::new("Application", r("AppName"))],
            }),
        ),
        (
            "WebAcl",
            Resource::new(WebAcl {
                name: Some(sub("${AppName}-${AWS::Region}")),
                description: Some(
                    "Managed protections and a per-IP rate limit for the load balancer".into(),
                ),
                scope: Scope::Regional,
                default_action: DefaultAction::Allow {},
                visibility_config: visibility("orders-web-acl"),
                rules: vec![
                    managed_rule(0, "AWSManagedRulesCommonRuleSet"),
                    managed_rule(1, "AWSManagedRulesKnownBadInputsRuleSet"),
                    Rule {
                        name: "per-ip-rate-limit".into(),
                        priority: 2.into(),
                        statement: WafStatement {
                            rate_based_statement: Some(RateBasedStatement {
                                limit: 2000.into(),
                                aggregate_key_type: AggregateKeyType::Ip,
                                evaluation_window_sec: Some(300.into()),
                            }),
                            ..WafStatement::default()
                        },
                        action: Some(RuleAction::Block {}),
                        override_action: None,
                        visibility_config: visibility("per-ip-rate-limit"),
                    },
                ],
                tags: vec![Tag::new("Application", r("AppName"))],
            }),
        ),
        (
            "WebAclAssociation",
            Resource::new(WebAclAssociation {
                resource_arn: r("LoadBalancer"),
                web_acl_arn: att("WebAcl", "Arn"),
            }),
        ),
    ]
}

fn observability_resources() -> Vec<(&'static str, Resource)> {
    let alb_dimension =
        || Dimension::new("LoadBalancer", att("LoadBalancer", "LoadBalancerFullName"));
    let alb_metric = |metric_name: &str| Metric {
        namespace: "AWS/ApplicationELB".into(),
        metric_name: metric_name.into(),
        dimensions: vec![alb_dimension()],
    };
    vec![
        (
            "LogsKey",
            Resource::new(Key {
                description: Some("Encrypts the service's log groups".into()),
                enable_key_rotation: Some(true.into()),
                key_policy: Some(key_policy(&[
                    "logs.us-east-1.amazonaws.com",
                    "logs.eu-west-1.amazonaws.com",
                    "logs.ap-northeast-1.amazonaws.com",
                ])),
                ..Key::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "AlertsKey",
            Resource::new(Key {
                description: Some(
                    "Encrypts the alerts topic; alarms cannot publish to topics under aws/sns"
                        .into(),
                ),
                enable_key_rotation: Some(true.into()),
                key_policy: Some(key_policy(&[
                    "cloudwatch.amazonaws.com",
                    "elasticache.amazonaws.com",
                ])),
                ..Key::default()
            })
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain),
        ),
        (
            "AlertTopic",
            Resource::new(Topic {
                topic_name: Some(sub("${AppName}-alerts")),
                display_name: Some("orders alerts".into()),
                kms_master_key_id: Some(r("AlertsKey")),
                ..Topic::default()
            }),
        ),
        (
            "AlertEmailSubscription",
            Resource::new(Subscription {
                topic_arn: r("AlertTopic"),
                protocol: "email".into(),
                endpoint: Some(r("AlertEmail")),
                region: None,
                raw_message_delivery: None,
            }),
        ),
        (
            "AlertTopicPolicy",
            Resource::new(TopicPolicy {
                topics: vec![r("AlertTopic")],
                policy_document: PolicyDocument::new([Statement {
                    sid: Some("CloudWatchAlarmsPublish".to_owned()),
                    principal: Some(Principal::Service("cloudwatch.amazonaws.com".into())),
                    resource: Some(r("AlertTopic").into()),
                    condition: PolicyConditions::default().with(
                        "StringEquals",
                        "aws:SourceAccount",
                        Value::aws_account_id(),
                    ),
                    ..Statement::new(Effect::Allow, "sns:Publish")
                }]),
            }),
        ),
        (
            "Alb5xxAlarm",
            Resource::new(Alarm {
                alarm_description: Some("Target 5xx responses above threshold".into()),
                namespace: Some("AWS/ApplicationELB".into()),
                metric_name: Some("HTTPCode_Target_5XX_Count".into()),
                dimensions: vec![alb_dimension()],
                statistic: Some(Statistic::Sum),
                period: Some(60.into()),
                evaluation_periods: Some(5.into()),
                datapoints_to_alarm: Some(3.into()),
                threshold: Some(10.0.into()),
                comparison_operator: Some(ComparisonOperator::GreaterThanOrEqualToThreshold),
                treat_missing_data: Some(TreatMissingData::NotBreaching),
                alarm_actions: vec![r("AlertTopic")],
                ok_actions: vec![r("AlertTopic")],
                ..Alarm::default()
            }),
        ),
        (
            "LatencyP99Alarm",
            Resource::new(Alarm {
                alarm_description: Some("p99 target response time above one second".into()),
                namespace: Some("AWS/ApplicationELB".into()),
                metric_name: Some("TargetResponseTime".into()),
                dimensions: vec![alb_dimension()],
                extended_statistic: Some("p99".into()),
                evaluate_low_sample_count_percentile: Some("ignore".into()),
                period: Some(60.into()),
                evaluation_periods: Some(5.into()),
                threshold: Some(1.0.into()),
                comparison_operator: Some(ComparisonOperator::GreaterThanThreshold),
                treat_missing_data: Some(TreatMissingData::NotBreaching),
                alarm_actions: vec![r("AlertTopic")],
                ..Alarm::default()
            }),
        ),
        (
            "ErrorRateAlarm",
            Resource::new(Alarm {
                alarm_description: Some("More than 5% of requests end in a 5xx".into()),
                metrics: vec![
                    MetricDataQuery {
                        return_data: Some(false.into()),
                        ..MetricDataQuery::metric(
                            "errors",
                            MetricStat {
                                metric: alb_metric("HTTPCode_Target_5XX_Count"),
                                period: 60.into(),
                                stat: "Sum".into(),
                                unit: None,
                            },
                        )
                    },
                    MetricDataQuery {
                        return_data: Some(false.into()),
                        ..MetricDataQuery::metric(
                            "requests",
                            MetricStat {
                                metric: alb_metric("RequestCount"),
                                period: 60.into(),
                                stat: "Sum".into(),
                                unit: None,
                            },
                        )
                    },
                    MetricDataQuery {
                        label: Some("5xx error rate (%)".into()),
                        return_data: Some(true.into()),
                        ..MetricDataQuery::expression(
                            "error_rate",
                            "100 * errors / MAX([requests, 1])",
                        )
                    },
                ],
                evaluation_periods: Some(5.into()),
                datapoints_to_alarm: Some(3.into()),
                threshold: Some(5.0.into()),
                comparison_operator: Some(ComparisonOperator::GreaterThanThreshold),
                treat_missing_data: Some(TreatMissingData::NotBreaching),
                alarm_actions: vec![r("AlertTopic")],
                ok_actions: vec![r("AlertTopic")],
                ..Alarm::default()
            }),
        ),
        (
            "DatabaseCpuAlarm",
            Resource::new(Alarm {
                alarm_description: Some("Primary database CPU high".into()),
                namespace: Some("AWS/RDS".into()),
                metric_name: Some("CPUUtilization".into()),
                dimensions: vec![Dimension::new("DBInstanceIdentifier", r("Database"))],
                statistic: Some(Statistic::Average),
                period: Some(300.into()),
                evaluation_periods: Some(3.into()),
                threshold: Some(80.0.into()),
                comparison_operator: Some(ComparisonOperator::GreaterThanThreshold),
                alarm_actions: vec![r("AlertTopic")],
                ..Alarm::default()
            }),
        ),
        (
            "ServiceHealthAlarm",
            Resource::new(CompositeAlarm {
                alarm_name: Some(sub("${AppName}-${AWS::Region}-service-health")),
                alarm_description: Some(
                    "The service is failing requests or its database is saturated".into(),
                ),
                actions_enabled: Some(true.into()),
                alarm_actions: vec![r("AlertTopic")],
                ok_actions: vec![r("AlertTopic")],
                ..CompositeAlarm::new(sub(
                    "ALARM(\"${ErrorRateAlarm}\") OR (ALARM(\"${Alb5xxAlarm}\") AND ALARM(\"${DatabaseCpuAlarm}\"))",
                ))
            }),
        ),
        (
            "Dashboard",
            Resource::new(Dashboard {
                dashboard_name: Some(sub("${AppName}-${AWS::Region}")),
                dashboard_body: sub(
                    "{\"widgets\":[{\"type\":\"metric\",\"x\":0,\"y\":0,\"width\":12,\"height\":6,\
                     \"properties\":{\"title\":\"Requests and 5xx\",\"region\":\"${AWS::Region}\",\
                     \"stat\":\"Sum\",\"period\":60,\"metrics\":[[\"AWS/ApplicationELB\",\"RequestCount\",\
                     \"LoadBalancer\",\"${LoadBalancer.LoadBalancerFullName}\"]]}}]}",
                ),
            }),
        ),
    ]
}

fn dns_resources() -> Vec<(&'static str, Resource)> {
    vec![
        (
            "RegionHealthCheck",
            Resource::new(HealthCheck {
                health_check_config: HealthCheckConfig {
                    fully_qualified_domain_name: Some(att("LoadBalancer", "DNSName")),
                    port: Some(443.into()),
                    resource_path: Some("/health".into()),
                    request_interval: Some(30.into()),
                    failure_threshold: Some(3.into()),
                    enable_sni: Some(true.into()),
                    measure_latency: Some(true.into()),
                    regions: vec![
                        "us-east-1".into(),
                        "eu-west-1".into(),
                        "ap-northeast-1".into(),
                    ],
                    ..HealthCheckConfig::new(HealthCheckType::Https)
                },
                health_check_tags: vec![Tag::new("Name", sub("${AppName}-${AWS::Region}"))],
            }),
        ),
        (
            "LatencyRecord",
            Resource::new(RecordSet {
                hosted_zone_id: Some(r("HostedZoneId")),
                set_identifier: Some(sub("${AppName}-${AWS::Region}")),
                region: Some(Value::aws_region()),
                health_check_id: Some(r("RegionHealthCheck")),
                alias_target: Some(AliasTarget {
                    dns_name: att("LoadBalancer", "DNSName"),
                    hosted_zone_id: att("LoadBalancer", "CanonicalHostedZoneID"),
                    evaluate_target_health: Some(true.into()),
                }),
                ..RecordSet::new(r("DomainName"), RecordType::A)
            }),
        ),
        (
            "AssetsRecord",
            Resource::new(RecordSet {
                hosted_zone_id: Some(r("HostedZoneId")),
                comment: Some("Static assets through CloudFront".into()),
                ttl: Some("300".into()),
                resource_records: vec![att("AssetsDistribution", "DomainName")],
                ..RecordSet::new(r("AssetsDomainName"), RecordType::Cname)
            }),
        ),
        (
            "ApexAliasRecords",
            Resource::new(RecordSetGroup {
                hosted_zone_id: Some(r("HostedZoneId")),
                hosted_zone_name: None,
                comment: Some("IPv4 and IPv6 aliases of the static assets".into()),
                record_sets: [RecordType::A, RecordType::Aaaa]
                    .into_iter()
                    .map(|record_type| RecordSet {
                        alias_target: Some(AliasTarget {
                            dns_name: att("AssetsDistribution", "DomainName"),
                            hosted_zone_id: "Z2FDTNDATAQYW2".into(),
                            evaluate_target_health: Some(false.into()),
                        }),
                        ..RecordSet::new(r("AssetsDomainName"), record_type)
                    })
                    .collect(),
            }),
        ),
    ]
}

fn add_outputs(template: &mut Template) {
    let outputs = [
        (
            "LoadBalancerDnsName",
            Output::new(att("LoadBalancer", "DNSName")),
        ),
        (
            "DatabaseArn",
            Output {
                description: Some(
                    "ARN of the PostgreSQL primary, the source of replicas".to_owned(),
                ),
                export: Some(Export {
                    name: sub("${AWS::StackName}-DatabaseArn"),
                }),
                ..Output::new(att("Database", "DBInstanceArn"))
            },
        ),
        (
            "GlobalReplicationGroupId",
            Output::new(r("CacheGlobalDatastore")),
        ),
        ("AlertTopicArn", Output::new(r("AlertTopic"))),
        (
            "AvailabilityZones",
            Output::new(Value::join(
                ",",
                [
                    Value::select(0, ListValue::availability_zones_of_stack_region()),
                    Value::select(1, ListValue::availability_zones_of_stack_region()),
                ],
            )),
        ),
    ];
    for (logical_id, output) in outputs {
        template
            .add_output(logical_id, output)
            .expect("sample output ids are unique");
    }
}
