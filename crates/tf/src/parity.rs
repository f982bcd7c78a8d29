//! Which Terraform types correspond to which CloudFormation types for the same plan, and where both write
//! each value the plan decides, for the parity tests between the two emitters. It states correspondences
//! only; it synthesizes nothing and decides nothing.
//!
//! Most plan resources become one resource on each side under the same plan identity ([`Rid`]: the
//! CloudFormation logical ID and the Terraform name). The rows with more than one type on a side are the
//! one-to-many cases: one CloudFormation resource whose properties Terraform splits into separate resources
//! under the same name (`AWS::S3::Bucket`), a CloudFormation property that Terraform makes a resource
//! (scheduled actions, inline role policies), and resources that exist on one side only (Terraform's
//! `random_password` and data sources; CloudFormation's gateway attachment and secret target attachment).
//!
//! [`Rid`]: meridian_plan::Rid

/// One correspondence: the CloudFormation types and the Terraform types that describe the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Correspondence {
    /// CloudFormation resource types (empty: Terraform only).
    pub cloudformation: &'static [&'static str],
    /// Terraform resource and data source types (`data.` prefix for data sources; empty: CloudFormation
    /// only).
    pub terraform: &'static [&'static str],
    /// How the two sides relate when it is not one resource each under the plan's identity.
    pub note: &'static str,
}

const fn row(
    cloudformation: &'static [&'static str],
    terraform: &'static [&'static str],
    note: &'static str,
) -> Correspondence {
    Correspondence {
        cloudformation,
        terraform,
        note,
    }
}

/// Every correspondence, grouped by service.
pub const CORRESPONDENCES: &[Correspondence] = &[
    // Network.
    row(&["AWS::EC2::VPC"], &["aws_vpc"], ""),
    row(
        &[
            "AWS::EC2::InternetGateway",
            "AWS::EC2::VPCGatewayAttachment",
        ],
        &["aws_internet_gateway"],
        "the attachment (`CreatedNetwork::gateway_attachment`) is CloudFormation only: Terraform attaches \
         the gateway through its `vpc_id`",
    ),
    row(
        &["AWS::EC2::Subnet"],
        &["aws_subnet", "data.aws_availability_zones"],
        "CloudFormation selects the zone with `Fn::Select` over `Fn::GetAZs`; Terraform indexes one \
         `aws_availability_zones` data source per region, named by the region slug",
    ),
    row(&["AWS::EC2::RouteTable"], &["aws_route_table"], ""),
    row(&["AWS::EC2::Route"], &["aws_route"], ""),
    row(
        &["AWS::EC2::VPCPeeringConnection"],
        &[
            "aws_vpc_peering_connection",
            "aws_vpc_peering_connection_accepter",
        ],
        "the accepter (`PeeringPlan::accepter`) is Terraform only: CloudFormation accepts a same-account \
         peering when it creates it; Terraform accepts a cross-region one in the peer's region",
    ),
    row(
        &["AWS::EC2::SubnetRouteTableAssociation"],
        &["aws_route_table_association"],
        "",
    ),
    row(&["AWS::EC2::EIP"], &["aws_eip"], ""),
    row(&["AWS::EC2::NatGateway"], &["aws_nat_gateway"], ""),
    row(&["AWS::EC2::FlowLog"], &["aws_flow_log"], ""),
    row(&["AWS::Logs::LogGroup"], &["aws_cloudwatch_log_group"], ""),
    row(&["AWS::EC2::SecurityGroup"], &["aws_security_group"], ""),
    row(
        &["AWS::EC2::SecurityGroupIngress"],
        &["aws_vpc_security_group_ingress_rule"],
        "",
    ),
    row(
        &["AWS::EC2::SecurityGroupEgress"],
        &["aws_vpc_security_group_egress_rule"],
        "Terraform removes the default allow-all egress rule of new groups; CloudFormation's lowering \
         does the same with the group's properties",
    ),
    // IAM.
    row(
        &["AWS::IAM::Role"],
        &[
            "aws_iam_role",
            "aws_iam_role_policy",
            "aws_iam_role_policy_attachment",
        ],
        "CloudFormation writes the plan's statements as the role's inline `Policies` and AWS managed \
         policies as `ManagedPolicyArns`; Terraform makes each a resource under the role's name (one \
         `aws_iam_role_policy` for the statements, one `aws_iam_role_policy_attachment` per managed policy)",
    ),
    row(
        &["AWS::IAM::Policy"],
        &["aws_iam_role_policy"],
        "the S3 replication role's statements: a policy of its own on both sides (the plan's \
         `ReplicationPlan::policy`), which breaks CloudFormation's bucket ↔ role cycle",
    ),
    // KMS.
    row(
        &["AWS::KMS::Key"],
        &["aws_kms_key"],
        "`DeletionPolicy: Retain` ↔ `lifecycle.prevent_destroy`",
    ),
    row(&["AWS::KMS::Alias"], &["aws_kms_alias"], ""),
    // S3.
    row(
        &["AWS::S3::Bucket"],
        &[
            "aws_s3_bucket",
            "aws_s3_bucket_versioning",
            "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_ownership_controls",
            "aws_s3_bucket_object_lock_configuration",
            "aws_s3_bucket_lifecycle_configuration",
            "aws_s3_bucket_replication_configuration",
        ],
        "one bucket with its properties ↔ the bucket and one resource per configured concern, all under \
         the bucket's Terraform name; `DeletionPolicy: Retain` ↔ `lifecycle.prevent_destroy`",
    ),
    row(&["AWS::S3::BucketPolicy"], &["aws_s3_bucket_policy"], ""),
    // Load balancing.
    row(
        &["AWS::ElasticLoadBalancingV2::LoadBalancer"],
        &["aws_lb"],
        "",
    ),
    row(
        &["AWS::ElasticLoadBalancingV2::TargetGroup"],
        &["aws_lb_target_group"],
        "",
    ),
    row(
        &["AWS::ElasticLoadBalancingV2::Listener"],
        &["aws_lb_listener"],
        "",
    ),
    row(
        &["AWS::ElasticLoadBalancingV2::ListenerRule"],
        &["aws_lb_listener_rule"],
        "blue/green rules ignore later changes to their action in Terraform (ECS shifts the weights)",
    ),
    // ECS and Application Auto Scaling.
    row(&["AWS::ECS::Cluster"], &["aws_ecs_cluster"], ""),
    row(
        &["AWS::ECS::TaskDefinition"],
        &["aws_ecs_task_definition"],
        "",
    ),
    row(&["AWS::ECS::Service"], &["aws_ecs_service"], ""),
    row(
        &["AWS::ApplicationAutoScaling::ScalableTarget"],
        &[
            "aws_appautoscaling_target",
            "aws_appautoscaling_scheduled_action",
        ],
        "CloudFormation nests the scheduled actions in the target (`ScheduledActions`); Terraform has one \
         `aws_appautoscaling_scheduled_action` per `ScheduledActionPlan`, named by its `rid`",
    ),
    row(
        &["AWS::ApplicationAutoScaling::ScalingPolicy"],
        &["aws_appautoscaling_policy"],
        "",
    ),
    // RDS and secrets.
    row(&["AWS::RDS::DBSubnetGroup"], &["aws_db_subnet_group"], ""),
    row(
        &["AWS::RDS::DBParameterGroup"],
        &["aws_db_parameter_group"],
        "",
    ),
    row(
        &["AWS::RDS::DBInstance"],
        &["aws_db_instance"],
        "`DeletionPolicy: Snapshot` of the writer ↔ `final_snapshot_identifier`",
    ),
    row(
        &["AWS::SecretsManager::Secret"],
        &[
            "aws_secretsmanager_secret",
            "aws_secretsmanager_secret_version",
            "random_password",
        ],
        "CloudFormation generates the value inside the secret (`GenerateSecretString`); Terraform \
         generates it with `random_password` (Terraform only) and writes it as the secret's version, all \
         under the secret's name",
    ),
    row(
        &["AWS::SecretsManager::SecretTargetAttachment"],
        &[],
        "CloudFormation only: Terraform writes the connection fields (engine, host, port, instance \
         identifier) into the secret's version itself",
    ),
    row(
        &["AWS::SecretsManager::RotationSchedule"],
        &[
            "aws_serverlessapplicationrepository_cloudformation_stack",
            "aws_secretsmanager_secret_rotation",
        ],
        "CloudFormation's hosted rotation (`HostedRotationLambda` with the SecretsManager transform) ↔ the \
         same AWS rotation application deployed from the Serverless Application Repository plus the \
         rotation, both under the rotation's `rid`",
    ),
    // ElastiCache.
    row(
        &["AWS::ElastiCache::SubnetGroup"],
        &["aws_elasticache_subnet_group"],
        "",
    ),
    row(
        &["AWS::ElastiCache::ReplicationGroup"],
        &["aws_elasticache_replication_group"],
        "",
    ),
    row(
        &["AWS::ElastiCache::GlobalReplicationGroup"],
        &["aws_elasticache_global_replication_group"],
        "",
    ),
    // Alerting and dashboards.
    row(&["AWS::SNS::Topic"], &["aws_sns_topic"], ""),
    row(&["AWS::SNS::TopicPolicy"], &["aws_sns_topic_policy"], ""),
    row(
        &["AWS::SNS::Subscription"],
        &["aws_sns_topic_subscription"],
        "",
    ),
    row(
        &["AWS::CloudWatch::Alarm"],
        &["aws_cloudwatch_metric_alarm"],
        "",
    ),
    row(
        &["AWS::CloudWatch::CompositeAlarm"],
        &["aws_cloudwatch_composite_alarm"],
        "",
    ),
    row(
        &["AWS::CloudWatch::Dashboard"],
        &["aws_cloudwatch_dashboard"],
        "",
    ),
    // Endpoint parameters and failover workflows.
    row(&["AWS::SSM::Parameter"], &["aws_ssm_parameter"], ""),
    row(
        &["AWS::GlobalAccelerator::Accelerator"],
        &["aws_globalaccelerator_accelerator"],
        "",
    ),
    row(
        &["AWS::GlobalAccelerator::Listener"],
        &["aws_globalaccelerator_listener"],
        "",
    ),
    row(
        &["AWS::GlobalAccelerator::EndpointGroup"],
        &["aws_globalaccelerator_endpoint_group"],
        "",
    ),
    row(
        &["AWS::StepFunctions::StateMachine"],
        &["aws_sfn_state_machine"],
        "",
    ),
    row(
        &["AWS::Events::Rule"],
        &["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"],
        "CloudFormation lists a rule's targets in the rule; Terraform has one \
         `aws_cloudwatch_event_target` per target, named after the rule and the target's ID.",
    ),
    // Global routing and CDN.
    row(
        &["AWS::Route53::HealthCheck"],
        &["aws_route53_health_check"],
        "",
    ),
    row(
        &["AWS::Route53::RecordSet"],
        &["aws_route53_record"],
        "latency records: one each",
    ),
    row(
        &["AWS::Route53::RecordSetGroup"],
        &["aws_route53_record"],
        "a CDN alias: one record set group (A and AAAA) ↔ two records, the AAAA one named `<rid>_aaaa`",
    ),
    row(
        &["AWS::CloudFront::OriginAccessControl"],
        &["aws_cloudfront_origin_access_control"],
        "",
    ),
    row(
        &["AWS::CloudFront::Distribution"],
        &["aws_cloudfront_distribution"],
        "",
    ),
    // Terraform only: values CloudFormation gets from pseudo parameters.
    row(
        &[],
        &["data.aws_caller_identity", "data.aws_partition"],
        "`AWS::AccountId`, `AWS::Partition` and `AWS::URLSuffix` ↔ `data.aws_caller_identity.current` and \
         `data.aws_partition.current`",
    ),
];

/// The Terraform types that correspond to a CloudFormation type.
pub fn terraform_types_of(cloudformation_type: &str) -> Vec<&'static str> {
    CORRESPONDENCES
        .iter()
        .filter(|row| row.cloudformation.contains(&cloudformation_type))
        .flat_map(|row| row.terraform.iter().copied())
        .collect()
}

/// The CloudFormation types that correspond to a Terraform type (`data.` prefix for data sources).
pub fn cloudformation_types_of(terraform_type: &str) -> Vec<&'static str> {
    CORRESPONDENCES
        .iter()
        .filter(|row| row.terraform.contains(&terraform_type))
        .flat_map(|row| row.cloudformation.iter().copied())
        .collect()
}

/// A value the plan decides that both targets write: where it sits in a CloudFormation resource and
/// in its Terraform twin (the resource of the same plan identity, of the given type). The parity test
/// compares the two for every resource of every bundled stack, so a default, name or switch cannot
/// drift on one side without failing it.
///
/// Paths go from the resource: keys separated by `.`, a number indexes a list, `[Key=value]` picks
/// the list element whose `Key` is `value`, and `@json` reads a string as the JSON document it holds.
/// A value absent on both sides is not compared; present on one side only, it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecidedValue {
    /// The plan's decision.
    pub decision: &'static str,
    /// CloudFormation resource type.
    pub cloudformation_type: &'static str,
    /// Path in the CloudFormation resource (from `Type`'s level: `Properties.…`, `DeletionPolicy`).
    pub cloudformation_path: &'static str,
    /// Terraform resource type.
    pub terraform_type: &'static str,
    /// Path in the Terraform resource.
    pub terraform_path: &'static str,
    /// Where the targets spell one decision differently: (CloudFormation, Terraform).
    pub spellings: &'static [(&'static str, &'static str)],
}

const fn decided(
    decision: &'static str,
    cloudformation: (&'static str, &'static str),
    terraform: (&'static str, &'static str),
) -> DecidedValue {
    DecidedValue {
        decision,
        cloudformation_type: cloudformation.0,
        cloudformation_path: cloudformation.1,
        terraform_type: terraform.0,
        terraform_path: terraform.1,
        spellings: &[],
    }
}

const fn spelled(
    value: DecidedValue,
    spellings: &'static [(&'static str, &'static str)],
) -> DecidedValue {
    DecidedValue { spellings, ..value }
}

/// `DeletionPolicy: Retain` ↔ `lifecycle.prevent_destroy = true`.
const RETAIN: &[(&str, &str)] = &[("Retain", "true")];

/// Every decided value the parity test compares, grouped by area.
pub const DECIDED_VALUES: &[DecidedValue] = &[
    // Network.
    decided(
        "VPC DNS host names",
        ("AWS::EC2::VPC", "Properties.EnableDnsHostnames"),
        ("aws_vpc", "enable_dns_hostnames"),
    ),
    decided(
        "VPC DNS resolver",
        ("AWS::EC2::VPC", "Properties.EnableDnsSupport"),
        ("aws_vpc", "enable_dns_support"),
    ),
    decided(
        "VPC name tag",
        ("AWS::EC2::VPC", "Properties.Tags.[Key=Name].Value"),
        ("aws_vpc", "tags.Name"),
    ),
    decided(
        "VPC peering region",
        ("AWS::EC2::VPCPeeringConnection", "Properties.PeerRegion"),
        ("aws_vpc_peering_connection", "peer_region"),
    ),
    decided(
        "VPC peering name tag",
        (
            "AWS::EC2::VPCPeeringConnection",
            "Properties.Tags.[Key=Name].Value",
        ),
        ("aws_vpc_peering_connection", "tags.Name"),
    ),
    decided(
        "subnet name tag",
        ("AWS::EC2::Subnet", "Properties.Tags.[Key=Name].Value"),
        ("aws_subnet", "tags.Name"),
    ),
    decided(
        "public IPs at launch",
        ("AWS::EC2::Subnet", "Properties.MapPublicIpOnLaunch"),
        ("aws_subnet", "map_public_ip_on_launch"),
    ),
    decided(
        "route table name tag",
        ("AWS::EC2::RouteTable", "Properties.Tags.[Key=Name].Value"),
        ("aws_route_table", "tags.Name"),
    ),
    decided(
        "default route destination",
        ("AWS::EC2::Route", "Properties.DestinationCidrBlock"),
        ("aws_route", "destination_cidr_block"),
    ),
    decided(
        "Elastic IP domain",
        ("AWS::EC2::EIP", "Properties.Domain"),
        ("aws_eip", "domain"),
    ),
    decided(
        "NAT gateway name tag",
        ("AWS::EC2::NatGateway", "Properties.Tags.[Key=Name].Value"),
        ("aws_nat_gateway", "tags.Name"),
    ),
    decided(
        "flow-log traffic",
        ("AWS::EC2::FlowLog", "Properties.TrafficType"),
        ("aws_flow_log", "traffic_type"),
    ),
    decided(
        "flow-log destination",
        ("AWS::EC2::FlowLog", "Properties.LogDestinationType"),
        ("aws_flow_log", "log_destination_type"),
    ),
    decided(
        "security-group rule protocol (ingress)",
        ("AWS::EC2::SecurityGroupIngress", "Properties.IpProtocol"),
        ("aws_vpc_security_group_ingress_rule", "ip_protocol"),
    ),
    decided(
        "security-group rule protocol (egress)",
        ("AWS::EC2::SecurityGroupEgress", "Properties.IpProtocol"),
        ("aws_vpc_security_group_egress_rule", "ip_protocol"),
    ),
    // KMS and secrets.
    decided(
        "key rotation",
        ("AWS::KMS::Key", "Properties.EnableKeyRotation"),
        ("aws_kms_key", "enable_key_rotation"),
    ),
    spelled(
        decided(
            "keys outlive their stack",
            ("AWS::KMS::Key", "DeletionPolicy"),
            ("aws_kms_key", "lifecycle.prevent_destroy"),
        ),
        RETAIN,
    ),
    decided(
        "key policy: the account administers",
        ("AWS::KMS::Key", "Properties.KeyPolicy.Statement.0.Sid"),
        ("aws_kms_key", "policy.@json.Statement.0.Sid"),
    ),
    decided(
        "key policy: the service grant",
        ("AWS::KMS::Key", "Properties.KeyPolicy.Statement.1.Sid"),
        ("aws_kms_key", "policy.@json.Statement.1.Sid"),
    ),
    spelled(
        decided(
            "secrets outlive their stack",
            ("AWS::SecretsManager::Secret", "DeletionPolicy"),
            ("aws_secretsmanager_secret", "lifecycle.prevent_destroy"),
        ),
        RETAIN,
    ),
    // S3.
    decided(
        "public ACLs blocked",
        (
            "AWS::S3::Bucket",
            "Properties.PublicAccessBlockConfiguration.BlockPublicAcls",
        ),
        ("aws_s3_bucket_public_access_block", "block_public_acls"),
    ),
    decided(
        "public policies blocked",
        (
            "AWS::S3::Bucket",
            "Properties.PublicAccessBlockConfiguration.BlockPublicPolicy",
        ),
        ("aws_s3_bucket_public_access_block", "block_public_policy"),
    ),
    decided(
        "public ACLs ignored",
        (
            "AWS::S3::Bucket",
            "Properties.PublicAccessBlockConfiguration.IgnorePublicAcls",
        ),
        ("aws_s3_bucket_public_access_block", "ignore_public_acls"),
    ),
    decided(
        "public buckets restricted",
        (
            "AWS::S3::Bucket",
            "Properties.PublicAccessBlockConfiguration.RestrictPublicBuckets",
        ),
        (
            "aws_s3_bucket_public_access_block",
            "restrict_public_buckets",
        ),
    ),
    decided(
        "object ownership",
        (
            "AWS::S3::Bucket",
            "Properties.OwnershipControls.Rules.0.ObjectOwnership",
        ),
        ("aws_s3_bucket_ownership_controls", "rule.object_ownership"),
    ),
    decided(
        "encryption algorithm",
        (
            "AWS::S3::Bucket",
            "Properties.BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm",
        ),
        (
            "aws_s3_bucket_server_side_encryption_configuration",
            "rule.0.apply_server_side_encryption_by_default.sse_algorithm",
        ),
    ),
    decided(
        "S3 Bucket Keys",
        (
            "AWS::S3::Bucket",
            "Properties.BucketEncryption.ServerSideEncryptionConfiguration.0.BucketKeyEnabled",
        ),
        (
            "aws_s3_bucket_server_side_encryption_configuration",
            "rule.0.bucket_key_enabled",
        ),
    ),
    decided(
        "first lifecycle rule",
        (
            "AWS::S3::Bucket",
            "Properties.LifecycleConfiguration.Rules.0.Id",
        ),
        ("aws_s3_bucket_lifecycle_configuration", "rule.0.id"),
    ),
    decided(
        "second lifecycle rule",
        (
            "AWS::S3::Bucket",
            "Properties.LifecycleConfiguration.Rules.1.Id",
        ),
        ("aws_s3_bucket_lifecycle_configuration", "rule.1.id"),
    ),
    decided(
        "Object Lock mode",
        (
            "AWS::S3::Bucket",
            "Properties.ObjectLockConfiguration.Rule.DefaultRetention.Mode",
        ),
        (
            "aws_s3_bucket_object_lock_configuration",
            "rule.default_retention.mode",
        ),
    ),
    decided(
        "replication rule ID",
        (
            "AWS::S3::Bucket",
            "Properties.ReplicationConfiguration.Rules.0.Id",
        ),
        ("aws_s3_bucket_replication_configuration", "rule.0.id"),
    ),
    decided(
        "replicated prefix",
        (
            "AWS::S3::Bucket",
            "Properties.ReplicationConfiguration.Rules.0.Filter.Prefix",
        ),
        (
            "aws_s3_bucket_replication_configuration",
            "rule.0.filter.prefix",
        ),
    ),
    decided(
        "replica storage class",
        (
            "AWS::S3::Bucket",
            "Properties.ReplicationConfiguration.Rules.1.Destination.StorageClass",
        ),
        (
            "aws_s3_bucket_replication_configuration",
            "rule.1.destination.storage_class",
        ),
    ),
    spelled(
        decided(
            "buckets outlive their stack",
            ("AWS::S3::Bucket", "DeletionPolicy"),
            ("aws_s3_bucket", "lifecycle.prevent_destroy"),
        ),
        RETAIN,
    ),
    // Load balancer.
    decided(
        "load balancer type",
        (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Properties.Type",
        ),
        ("aws_lb", "load_balancer_type"),
    ),
    decided(
        "invalid header fields dropped",
        (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Properties.LoadBalancerAttributes.[Key=routing.http.drop_invalid_header_fields.enabled].Value",
        ),
        ("aws_lb", "drop_invalid_header_fields"),
    ),
    decided(
        "load balancer deletion protection",
        (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Properties.LoadBalancerAttributes.[Key=deletion_protection.enabled].Value",
        ),
        ("aws_lb", "enable_deletion_protection"),
    ),
    decided(
        "idle timeout",
        (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Properties.LoadBalancerAttributes.[Key=idle_timeout.timeout_seconds].Value",
        ),
        ("aws_lb", "idle_timeout"),
    ),
    decided(
        "target type",
        (
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            "Properties.TargetType",
        ),
        ("aws_lb_target_group", "target_type"),
    ),
    decided(
        "target health checks",
        (
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            "Properties.HealthCheckEnabled",
        ),
        ("aws_lb_target_group", "health_check.enabled"),
    ),
    decided(
        "draining time",
        (
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            "Properties.TargetGroupAttributes.[Key=deregistration_delay.timeout_seconds].Value",
        ),
        ("aws_lb_target_group", "deregistration_delay"),
    ),
    decided(
        "redirect status",
        (
            "AWS::ElasticLoadBalancingV2::Listener",
            "Properties.DefaultActions.0.RedirectConfig.StatusCode",
        ),
        ("aws_lb_listener", "default_action.0.redirect.status_code"),
    ),
    decided(
        "unmatched requests' content type",
        (
            "AWS::ElasticLoadBalancingV2::Listener",
            "Properties.DefaultActions.0.FixedResponseConfig.ContentType",
        ),
        (
            "aws_lb_listener",
            "default_action.0.fixed_response.content_type",
        ),
    ),
    decided(
        "blue/green production weight",
        (
            "AWS::ElasticLoadBalancingV2::ListenerRule",
            "Properties.Actions.0.ForwardConfig.TargetGroups.0.Weight",
        ),
        (
            "aws_lb_listener_rule",
            "action.0.forward.target_group.0.weight",
        ),
    ),
    decided(
        "blue/green alternate weight",
        (
            "AWS::ElasticLoadBalancingV2::ListenerRule",
            "Properties.Actions.0.ForwardConfig.TargetGroups.1.Weight",
        ),
        (
            "aws_lb_listener_rule",
            "action.0.forward.target_group.1.weight",
        ),
    ),
    // ECS.
    decided(
        "Container Insights",
        (
            "AWS::ECS::Cluster",
            "Properties.ClusterSettings.[Name=containerInsights].Value",
        ),
        ("aws_ecs_cluster", "setting.[name=containerInsights].value"),
    ),
    decided(
        "network mode",
        ("AWS::ECS::TaskDefinition", "Properties.NetworkMode"),
        ("aws_ecs_task_definition", "network_mode"),
    ),
    decided(
        "launch type of the task",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.RequiresCompatibilities.0",
        ),
        ("aws_ecs_task_definition", "requires_compatibilities.0"),
    ),
    decided(
        "operating system",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.RuntimePlatform.OperatingSystemFamily",
        ),
        (
            "aws_ecs_task_definition",
            "runtime_platform.operating_system_family",
        ),
    ),
    decided(
        "CPU architecture",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.RuntimePlatform.CpuArchitecture",
        ),
        (
            "aws_ecs_task_definition",
            "runtime_platform.cpu_architecture",
        ),
    ),
    decided(
        "essential container",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.ContainerDefinitions.0.Essential",
        ),
        (
            "aws_ecs_task_definition",
            "container_definitions.@json.0.essential",
        ),
    ),
    decided(
        "container port protocol",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.ContainerDefinitions.0.PortMappings.0.Protocol",
        ),
        (
            "aws_ecs_task_definition",
            "container_definitions.@json.0.portMappings.0.protocol",
        ),
    ),
    decided(
        "log driver",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.ContainerDefinitions.0.LogConfiguration.LogDriver",
        ),
        (
            "aws_ecs_task_definition",
            "container_definitions.@json.0.logConfiguration.logDriver",
        ),
    ),
    decided(
        "log stream prefix",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.ContainerDefinitions.0.LogConfiguration.Options.awslogs-stream-prefix",
        ),
        (
            "aws_ecs_task_definition",
            "container_definitions.@json.0.logConfiguration.options.awslogs-stream-prefix",
        ),
    ),
    decided(
        "health-check command form",
        (
            "AWS::ECS::TaskDefinition",
            "Properties.ContainerDefinitions.0.HealthCheck.Command.0",
        ),
        (
            "aws_ecs_task_definition",
            "container_definitions.@json.0.healthCheck.command.0",
        ),
    ),
    decided(
        "launch type of the service",
        ("AWS::ECS::Service", "Properties.LaunchType"),
        ("aws_ecs_service", "launch_type"),
    ),
    spelled(
        decided(
            "no public IP for tasks",
            (
                "AWS::ECS::Service",
                "Properties.NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp",
            ),
            ("aws_ecs_service", "network_configuration.assign_public_ip"),
        ),
        &[("DISABLED", "false"), ("ENABLED", "true")],
    ),
    decided(
        "tag propagation",
        ("AWS::ECS::Service", "Properties.PropagateTags"),
        ("aws_ecs_service", "propagate_tags"),
    ),
    decided(
        "ECS managed tags",
        ("AWS::ECS::Service", "Properties.EnableECSManagedTags"),
        ("aws_ecs_service", "enable_ecs_managed_tags"),
    ),
    decided(
        "deployment strategy",
        (
            "AWS::ECS::Service",
            "Properties.DeploymentConfiguration.Strategy",
        ),
        ("aws_ecs_service", "deployment_configuration.strategy"),
    ),
    decided(
        "deployment circuit breaker",
        (
            "AWS::ECS::Service",
            "Properties.DeploymentConfiguration.DeploymentCircuitBreaker.Enable",
        ),
        ("aws_ecs_service", "deployment_circuit_breaker.enable"),
    ),
    decided(
        "scaling namespace",
        (
            "AWS::ApplicationAutoScaling::ScalableTarget",
            "Properties.ServiceNamespace",
        ),
        ("aws_appautoscaling_target", "service_namespace"),
    ),
    decided(
        "scaled dimension",
        (
            "AWS::ApplicationAutoScaling::ScalableTarget",
            "Properties.ScalableDimension",
        ),
        ("aws_appautoscaling_target", "scalable_dimension"),
    ),
    decided(
        "scaling policy type",
        (
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            "Properties.PolicyType",
        ),
        ("aws_appautoscaling_policy", "policy_type"),
    ),
    decided(
        "CPU target-tracking metric",
        (
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            "Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType",
        ),
        (
            "aws_appautoscaling_policy",
            "target_tracking_scaling_policy_configuration.predefined_metric_specification.predefined_metric_type",
        ),
    ),
    // RDS.
    decided(
        "database subnet group description",
        (
            "AWS::RDS::DBSubnetGroup",
            "Properties.DBSubnetGroupDescription",
        ),
        ("aws_db_subnet_group", "description"),
    ),
    decided(
        "database engine",
        ("AWS::RDS::DBInstance", "Properties.Engine"),
        ("aws_db_instance", "engine"),
    ),
    decided(
        "storage type",
        ("AWS::RDS::DBInstance", "Properties.StorageType"),
        ("aws_db_instance", "storage_type"),
    ),
    decided(
        "storage encryption",
        ("AWS::RDS::DBInstance", "Properties.StorageEncrypted"),
        ("aws_db_instance", "storage_encrypted"),
    ),
    decided(
        "no public database address",
        ("AWS::RDS::DBInstance", "Properties.PubliclyAccessible"),
        ("aws_db_instance", "publicly_accessible"),
    ),
    decided(
        "database minor upgrades",
        ("AWS::RDS::DBInstance", "Properties.AutoMinorVersionUpgrade"),
        ("aws_db_instance", "auto_minor_version_upgrade"),
    ),
    decided(
        "tags copied to snapshots",
        ("AWS::RDS::DBInstance", "Properties.CopyTagsToSnapshot"),
        ("aws_db_instance", "copy_tags_to_snapshot"),
    ),
    decided(
        "IAM database authentication",
        (
            "AWS::RDS::DBInstance",
            "Properties.EnableIAMDatabaseAuthentication",
        ),
        ("aws_db_instance", "iam_database_authentication_enabled"),
    ),
    decided(
        "Performance Insights",
        (
            "AWS::RDS::DBInstance",
            "Properties.EnablePerformanceInsights",
        ),
        ("aws_db_instance", "performance_insights_enabled"),
    ),
    spelled(
        decided(
            "final snapshot of the writer, none of replicas",
            ("AWS::RDS::DBInstance", "DeletionPolicy"),
            ("aws_db_instance", "skip_final_snapshot"),
        ),
        &[("Snapshot", "false"), ("Delete", "true")],
    ),
    // ElastiCache.
    decided(
        "cache subnet group description",
        ("AWS::ElastiCache::SubnetGroup", "Properties.Description"),
        ("aws_elasticache_subnet_group", "description"),
    ),
    decided(
        "cache engine",
        ("AWS::ElastiCache::ReplicationGroup", "Properties.Engine"),
        ("aws_elasticache_replication_group", "engine"),
    ),
    decided(
        "cache encryption at rest",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.AtRestEncryptionEnabled",
        ),
        (
            "aws_elasticache_replication_group",
            "at_rest_encryption_enabled",
        ),
    ),
    decided(
        "cache encryption in transit",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.TransitEncryptionEnabled",
        ),
        (
            "aws_elasticache_replication_group",
            "transit_encryption_enabled",
        ),
    ),
    decided(
        "cache minor upgrades",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.AutoMinorVersionUpgrade",
        ),
        (
            "aws_elasticache_replication_group",
            "auto_minor_version_upgrade",
        ),
    ),
    decided(
        "cache Multi-AZ",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.MultiAZEnabled",
        ),
        ("aws_elasticache_replication_group", "multi_az_enabled"),
    ),
    decided(
        "cache automatic failover",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.AutomaticFailoverEnabled",
        ),
        (
            "aws_elasticache_replication_group",
            "automatic_failover_enabled",
        ),
    ),
    decided(
        "cache nodes without cluster mode",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.NumCacheClusters",
        ),
        ("aws_elasticache_replication_group", "num_cache_clusters"),
    ),
    decided(
        "cache replicas per shard in cluster mode",
        (
            "AWS::ElastiCache::ReplicationGroup",
            "Properties.ReplicasPerNodeGroup",
        ),
        (
            "aws_elasticache_replication_group",
            "replicas_per_node_group",
        ),
    ),
    // Alarms and topics.
    decided(
        "alarm statistic",
        ("AWS::CloudWatch::Alarm", "Properties.Statistic"),
        ("aws_cloudwatch_metric_alarm", "statistic"),
    ),
    decided(
        "alarm percentile",
        ("AWS::CloudWatch::Alarm", "Properties.ExtendedStatistic"),
        ("aws_cloudwatch_metric_alarm", "extended_statistic"),
    ),
    decided(
        "metric-math result query",
        ("AWS::CloudWatch::Alarm", "Properties.Metrics.0.Id"),
        ("aws_cloudwatch_metric_alarm", "metric_query.0.id"),
    ),
    decided(
        "topic policy: alarms publish",
        (
            "AWS::SNS::TopicPolicy",
            "Properties.PolicyDocument.Statement.0.Sid",
        ),
        ("aws_sns_topic_policy", "policy.@json.Statement.0.Sid"),
    ),
    decided(
        "topic policy: TLS only",
        (
            "AWS::SNS::TopicPolicy",
            "Properties.PolicyDocument.Statement.1.Sid",
        ),
        ("aws_sns_topic_policy", "policy.@json.Statement.1.Sid"),
    ),
    // Route 53 and CloudFront.
    decided(
        "health-check protocol",
        (
            "AWS::Route53::HealthCheck",
            "Properties.HealthCheckConfig.Type",
        ),
        ("aws_route53_health_check", "type"),
    ),
    decided(
        "health checks send SNI",
        (
            "AWS::Route53::HealthCheck",
            "Properties.HealthCheckConfig.EnableSNI",
        ),
        ("aws_route53_health_check", "enable_sni"),
    ),
    decided(
        "latency record type",
        ("AWS::Route53::RecordSet", "Properties.Type"),
        ("aws_route53_record", "type"),
    ),
    decided(
        "CDN alias record type",
        (
            "AWS::Route53::RecordSetGroup",
            "Properties.RecordSets.0.Type",
        ),
        ("aws_route53_record", "type"),
    ),
    decided(
        "distribution enabled",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.Enabled",
        ),
        ("aws_cloudfront_distribution", "enabled"),
    ),
    decided(
        "HTTP versions",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.HttpVersion",
        ),
        ("aws_cloudfront_distribution", "http_version"),
    ),
    decided(
        "IPv6",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.IPV6Enabled",
        ),
        ("aws_cloudfront_distribution", "is_ipv6_enabled"),
    ),
    decided(
        "price class",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.PriceClass",
        ),
        ("aws_cloudfront_distribution", "price_class"),
    ),
    decided(
        "compression",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.DefaultCacheBehavior.Compress",
        ),
        (
            "aws_cloudfront_distribution",
            "default_cache_behavior.compress",
        ),
    ),
    decided(
        "plain HTTP redirected",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy",
        ),
        (
            "aws_cloudfront_distribution",
            "default_cache_behavior.viewer_protocol_policy",
        ),
    ),
    decided(
        "TLS by SNI",
        (
            "AWS::CloudFront::Distribution",
            "Properties.DistributionConfig.ViewerCertificate.SslSupportMethod",
        ),
        (
            "aws_cloudfront_distribution",
            "viewer_certificate.ssl_support_method",
        ),
    ),
    // Endpoint parameters and failover workflows.
    decided(
        "endpoint parameter type",
        ("AWS::SSM::Parameter", "Properties.Type"),
        ("aws_ssm_parameter", "type"),
    ),
    decided(
        "state machine type",
        (
            "AWS::StepFunctions::StateMachine",
            "Properties.StateMachineType",
        ),
        ("aws_sfn_state_machine", "type"),
    ),
    decided(
        "state machine tracing",
        (
            "AWS::StepFunctions::StateMachine",
            "Properties.TracingConfiguration.Enabled",
        ),
        ("aws_sfn_state_machine", "tracing_configuration.enabled"),
    ),
    decided(
        "state machine log level",
        (
            "AWS::StepFunctions::StateMachine",
            "Properties.LoggingConfiguration.Level",
        ),
        ("aws_sfn_state_machine", "logging_configuration.level"),
    ),
    // Global Accelerator.
    decided(
        "accelerator address type",
        (
            "AWS::GlobalAccelerator::Accelerator",
            "Properties.IpAddressType",
        ),
        ("aws_globalaccelerator_accelerator", "ip_address_type"),
    ),
    decided(
        "accelerator listener protocol",
        ("AWS::GlobalAccelerator::Listener", "Properties.Protocol"),
        ("aws_globalaccelerator_listener", "protocol"),
    ),
    decided(
        "accelerator client affinity",
        (
            "AWS::GlobalAccelerator::Listener",
            "Properties.ClientAffinity",
        ),
        ("aws_globalaccelerator_listener", "client_affinity"),
    ),
    decided(
        "endpoint group health check interval",
        (
            "AWS::GlobalAccelerator::EndpointGroup",
            "Properties.HealthCheckIntervalSeconds",
        ),
        (
            "aws_globalaccelerator_endpoint_group",
            "health_check_interval_seconds",
        ),
    ),
    decided(
        "endpoint group health check protocol",
        (
            "AWS::GlobalAccelerator::EndpointGroup",
            "Properties.HealthCheckProtocol",
        ),
        (
            "aws_globalaccelerator_endpoint_group",
            "health_check_protocol",
        ),
    ),
    decided(
        "endpoint group threshold",
        (
            "AWS::GlobalAccelerator::EndpointGroup",
            "Properties.ThresholdCount",
        ),
        ("aws_globalaccelerator_endpoint_group", "threshold_count"),
    ),
    decided(
        "origin type",
        (
            "AWS::CloudFront::OriginAccessControl",
            "Properties.OriginAccessControlConfig.OriginAccessControlOriginType",
        ),
        (
            "aws_cloudfront_origin_access_control",
            "origin_access_control_origin_type",
        ),
    ),
    decided(
        "origin requests signed",
        (
            "AWS::CloudFront::OriginAccessControl",
            "Properties.OriginAccessControlConfig.SigningBehavior",
        ),
        ("aws_cloudfront_origin_access_control", "signing_behavior"),
    ),
    decided(
        "signature protocol",
        (
            "AWS::CloudFront::OriginAccessControl",
            "Properties.OriginAccessControlConfig.SigningProtocol",
        ),
        ("aws_cloudfront_origin_access_control", "signing_protocol"),
    ),
];
