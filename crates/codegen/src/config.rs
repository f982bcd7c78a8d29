//! What the generator generates, and the hand-written exceptions to its naming rules (CDK keeps such a
//! table too). Adding a resource type is one line in [`CLOUDFORMATION`] or [`TERRAFORM`]; everything else
//! here is an exception and should stay short.

/// A CloudFormation type Meridian emits, with the `l1` module (one per AWS service) that holds it. The
/// struct is the last part of the type name in `PascalCase` (`AWS::RDS::DBInstance` is `DbInstance`).
#[derive(Debug)]
pub struct CfnType {
    pub type_name: &'static str,
    pub module: &'static str,
}

const fn cfn(type_name: &'static str, module: &'static str) -> CfnType {
    CfnType { type_name, module }
}

/// Every CloudFormation type Meridian emits; each has a registry schema in `schemas/cloudformation/`.
pub const CLOUDFORMATION: &[CfnType] = &[
    cfn("AWS::ApplicationAutoScaling::ScalableTarget", "autoscaling"),
    cfn("AWS::ApplicationAutoScaling::ScalingPolicy", "autoscaling"),
    cfn("AWS::CloudFront::Distribution", "cloudfront"),
    cfn("AWS::CloudFront::OriginAccessControl", "cloudfront"),
    cfn("AWS::CloudWatch::Alarm", "cloudwatch"),
    cfn("AWS::CloudWatch::CompositeAlarm", "cloudwatch"),
    cfn("AWS::CloudWatch::Dashboard", "cloudwatch"),
    cfn("AWS::EC2::VPC", "ec2"),
    cfn("AWS::EC2::InternetGateway", "ec2"),
    cfn("AWS::EC2::VPCGatewayAttachment", "ec2"),
    cfn("AWS::EC2::Subnet", "ec2"),
    cfn("AWS::EC2::RouteTable", "ec2"),
    cfn("AWS::EC2::Route", "ec2"),
    cfn("AWS::EC2::SubnetRouteTableAssociation", "ec2"),
    cfn("AWS::EC2::EIP", "ec2"),
    cfn("AWS::EC2::NatGateway", "ec2"),
    cfn("AWS::EC2::SecurityGroup", "ec2"),
    cfn("AWS::EC2::SecurityGroupIngress", "ec2"),
    cfn("AWS::EC2::SecurityGroupEgress", "ec2"),
    cfn("AWS::EC2::FlowLog", "ec2"),
    cfn("AWS::EC2::VPCPeeringConnection", "ec2"),
    cfn("AWS::ECS::Cluster", "ecs"),
    cfn("AWS::ECS::TaskDefinition", "ecs"),
    cfn("AWS::ECS::Service", "ecs"),
    cfn("AWS::ElastiCache::ReplicationGroup", "elasticache"),
    cfn("AWS::ElastiCache::SubnetGroup", "elasticache"),
    cfn("AWS::ElastiCache::GlobalReplicationGroup", "elasticache"),
    cfn("AWS::ElastiCache::ParameterGroup", "elasticache"),
    cfn("AWS::ElasticLoadBalancingV2::LoadBalancer", "elbv2"),
    cfn("AWS::ElasticLoadBalancingV2::Listener", "elbv2"),
    cfn("AWS::ElasticLoadBalancingV2::ListenerRule", "elbv2"),
    cfn("AWS::ElasticLoadBalancingV2::TargetGroup", "elbv2"),
    cfn("AWS::Events::Rule", "events"),
    cfn("AWS::GlobalAccelerator::Accelerator", "globalaccelerator"),
    cfn("AWS::GlobalAccelerator::Listener", "globalaccelerator"),
    cfn("AWS::GlobalAccelerator::EndpointGroup", "globalaccelerator"),
    cfn("AWS::IAM::Role", "iam"),
    cfn("AWS::IAM::Policy", "iam"),
    cfn("AWS::KMS::Key", "kms"),
    cfn("AWS::KMS::Alias", "kms"),
    cfn("AWS::Logs::LogGroup", "logs"),
    cfn("AWS::RDS::DBInstance", "rds"),
    cfn("AWS::RDS::DBSubnetGroup", "rds"),
    cfn("AWS::RDS::DBParameterGroup", "rds"),
    cfn("AWS::Route53::HealthCheck", "route53"),
    cfn("AWS::Route53::RecordSet", "route53"),
    cfn("AWS::Route53::RecordSetGroup", "route53"),
    cfn("AWS::S3::Bucket", "s3"),
    cfn("AWS::S3::BucketPolicy", "s3"),
    cfn("AWS::SecretsManager::Secret", "secretsmanager"),
    cfn(
        "AWS::SecretsManager::SecretTargetAttachment",
        "secretsmanager",
    ),
    cfn("AWS::SecretsManager::RotationSchedule", "secretsmanager"),
    cfn("AWS::SNS::Topic", "sns"),
    cfn("AWS::SNS::Subscription", "sns"),
    cfn("AWS::SNS::TopicPolicy", "sns"),
    cfn("AWS::SSM::Parameter", "ssm"),
    cfn("AWS::StepFunctions::StateMachine", "stepfunctions"),
    cfn("AWS::WAFv2::WebACL", "wafv2"),
    cfn("AWS::WAFv2::WebACLAssociation", "wafv2"),
];

/// Rust names that differ from the schema's: (type, location, name). A location is `#Definition`,
/// `#Definition.Property` (an inline object or enum) or `Property` (a top-level one).
pub const CFN_NAMES: &[(&str, &str, &str)] = &[
    (
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "PolicyType",
        "ScalingPolicyType",
    ),
    (
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "#TargetTrackingScalingPolicyConfiguration",
        "TargetTrackingConfiguration",
    ),
    (
        "AWS::EC2::FlowLog",
        "LogDestinationType",
        "FlowLogDestinationType",
    ),
    ("AWS::EC2::FlowLog", "TrafficType", "FlowLogTrafficType"),
    ("AWS::EC2::SecurityGroup", "#Egress", "EgressRule"),
    ("AWS::EC2::SecurityGroup", "#Ingress", "IngressRule"),
    ("AWS::ECS::Cluster", "#ClusterSettings", "ClusterSetting"),
    (
        "AWS::ECS::Service",
        "#AwsVpcConfiguration",
        "AwsvpcConfiguration",
    ),
    (
        "AWS::ECS::Service",
        "#DeploymentConfiguration.Strategy",
        "DeploymentStrategy",
    ),
    ("AWS::ECS::Service", "#LoadBalancer", "ServiceLoadBalancer"),
    (
        "AWS::ECS::TaskDefinition",
        "#HealthCheck",
        "ContainerHealthCheck",
    ),
    (
        "AWS::ECS::TaskDefinition",
        "#KeyValuePair",
        "EnvironmentVariable",
    ),
    (
        "AWS::ECS::TaskDefinition",
        "#LogConfiguration",
        "LogConfiguration",
    ),
    (
        "AWS::ECS::TaskDefinition",
        "#PortMapping.Protocol",
        "TransportProtocol",
    ),
    ("AWS::ECS::TaskDefinition", "#Secret", "ContainerSecret"),
    (
        "AWS::ECS::TaskDefinition",
        "RequiresCompatibilities",
        "Compatibility",
    ),
    (
        "AWS::ElastiCache::GlobalReplicationGroup",
        "#GlobalReplicationGroupMember.Role",
        "GlobalMemberRole",
    ),
    ("AWS::ElasticLoadBalancingV2::Listener", "#Action", "Action"),
    (
        "AWS::ElasticLoadBalancingV2::Listener",
        "#RedirectConfig.StatusCode",
        "RedirectStatusCode",
    ),
    (
        "AWS::ElasticLoadBalancingV2::Listener",
        "#TargetGroupTuple",
        "WeightedTargetGroup",
    ),
    (
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "#LoadBalancerAttribute",
        "Attribute",
    ),
    (
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "#TargetGroupAttribute",
        "Attribute",
    ),
    (
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "HealthCheckProtocol",
        "Protocol",
    ),
    (
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "Scheme",
        "LoadBalancerScheme",
    ),
    ("AWS::IAM::Role", "#Policy", "InlinePolicy"),
    (
        "AWS::Route53::HealthCheck",
        "HealthCheckConfig.Type",
        "HealthCheckType",
    ),
    ("AWS::Route53::RecordSet", "#Type", "RecordType"),
    (
        "AWS::Route53::RecordSetGroup",
        "#RecordSet.Type",
        "RecordType",
    ),
    (
        "AWS::S3::Bucket",
        "#DefaultRetention.Mode",
        "ObjectLockMode",
    ),
    (
        "AWS::S3::Bucket",
        "#DeleteMarkerReplication.Status",
        "Status",
    ),
    (
        "AWS::S3::Bucket",
        "#EncryptionConfiguration",
        "ReplicaEncryptionConfiguration",
    ),
    ("AWS::S3::Bucket", "#Metrics", "ReplicationMetrics"),
    ("AWS::S3::Bucket", "#Metrics.Status", "Status"),
    ("AWS::S3::Bucket", "#ReplicaModifications", "StatusSwitch"),
    (
        "AWS::S3::Bucket",
        "#ReplicationDestination.StorageClass",
        "StorageClass",
    ),
    ("AWS::S3::Bucket", "#ReplicationRule.Status", "Status"),
    ("AWS::S3::Bucket", "#ReplicationTime.Status", "Status"),
    ("AWS::S3::Bucket", "#Rule", "LifecycleRule"),
    ("AWS::S3::Bucket", "#Rule.Status", "Status"),
    (
        "AWS::S3::Bucket",
        "#ServerSideEncryptionByDefault.SSEAlgorithm",
        "SseAlgorithm",
    ),
    ("AWS::S3::Bucket", "#SseKmsEncryptedObjects", "StatusSwitch"),
    (
        "AWS::S3::Bucket",
        "#SseKmsEncryptedObjects.Status",
        "Status",
    ),
    ("AWS::S3::Bucket", "#ReplicaModifications.Status", "Status"),
    (
        "AWS::S3::Bucket",
        "#VersioningConfiguration.Status",
        "VersioningStatus",
    ),
];

/// String properties the schema leaves open that lowering sets from a closed set: (type, location,
/// values). Patterns that are a plain choice (`^(s3|lambda)$`) need no entry.
pub const CFN_ENUMS: &[(&str, &str, &[&str])] = &[
    ("AWS::Route53::RecordSet", "#Type", RECORD_TYPES),
    (
        "AWS::Route53::RecordSetGroup",
        "#RecordSet.Type",
        RECORD_TYPES,
    ),
];

/// The DNS record types Route 53 serves.
const RECORD_TYPES: &[&str] = &[
    "A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV",
    "SSHFP", "SVCB", "TLSA", "TXT",
];

/// Properties typed by a hand-written type of `l1` (or `map of strings`) instead of the schema's
/// free-form JSON, or left a `string` where the plan holds the value as text: (type, location, type).
pub const CFN_TYPES: &[(&str, &str, &str)] = &[
    (
        "AWS::ApplicationAutoScaling::ScalableTarget",
        "ScalableDimension",
        "string",
    ),
    (
        "AWS::ApplicationAutoScaling::ScalableTarget",
        "ServiceNamespace",
        "string",
    ),
    (
        "AWS::ApplicationAutoScaling::ScalingPolicy",
        "#PredefinedMetricSpecification.PredefinedMetricType",
        "string",
    ),
    (
        "AWS::CloudFront::Distribution",
        "#ViewerCertificate.MinimumProtocolVersion",
        "string",
    ),
    (
        "AWS::ECS::TaskDefinition",
        "#RuntimePlatform.OperatingSystemFamily",
        "string",
    ),
    ("AWS::RDS::DBParameterGroup", "Parameters", "map of strings"),
    ("AWS::IAM::Policy", "PolicyDocument", "PolicyDocument"),
    (
        "AWS::IAM::Role",
        "AssumeRolePolicyDocument",
        "PolicyDocument",
    ),
    ("AWS::IAM::Role", "#Policy.PolicyDocument", "PolicyDocument"),
    ("AWS::KMS::Key", "KeyPolicy", "PolicyDocument"),
    ("AWS::S3::BucketPolicy", "PolicyDocument", "PolicyDocument"),
    ("AWS::SNS::TopicPolicy", "PolicyDocument", "PolicyDocument"),
];

/// Objects generated with only some of their properties, where the schema's tree is large and Meridian
/// uses a corner of it: (type, object location, kept properties). WAF statements nest twenty kinds of
/// statement and their scope-down statements recursively; Meridian writes managed rule groups and rate
/// limits.
pub const CFN_ONLY: &[(&str, &str, &[&str])] = &[
    (
        "AWS::WAFv2::WebACL",
        "#Statement",
        &["ManagedRuleGroupStatement", "RateBasedStatement"],
    ),
    (
        "AWS::WAFv2::WebACL",
        "#ManagedRuleGroupStatement",
        &[
            "ExcludedRules",
            "Name",
            "RuleActionOverrides",
            "VendorName",
            "Version",
        ],
    ),
    (
        "AWS::WAFv2::WebACL",
        "#RateBasedStatement",
        &[
            "AggregateKeyType",
            "EvaluationWindowSec",
            "ForwardedIPConfig",
            "Limit",
        ],
    ),
];

/// String enums with more values than this stay strings (country codes, regions, units).
pub const CFN_MAX_ENUM_VALUES: usize = 40;

/// A Terraform resource or data source Meridian emits, with its `l1` module. The struct is the type
/// without `aws_`, in `PascalCase` (data sources get a `Data` prefix).
#[derive(Debug)]
pub struct TfType {
    pub type_name: &'static str,
    pub module: &'static str,
    pub data_source: bool,
}

const fn tf(type_name: &'static str, module: &'static str) -> TfType {
    TfType {
        type_name,
        module,
        data_source: false,
    }
}

const fn tf_data(type_name: &'static str, module: &'static str) -> TfType {
    TfType {
        type_name,
        module,
        data_source: true,
    }
}

/// Every Terraform type Meridian emits; each is in `schemas/terraform/tf-aws-schema.json` or
/// `tf-random-schema.json`.
pub const TERRAFORM: &[TfType] = &[
    tf("aws_appautoscaling_target", "appautoscaling"),
    tf("aws_appautoscaling_policy", "appautoscaling"),
    tf("aws_appautoscaling_scheduled_action", "appautoscaling"),
    tf("aws_cloudfront_distribution", "cloudfront"),
    tf("aws_cloudfront_origin_access_control", "cloudfront"),
    tf("aws_cloudwatch_metric_alarm", "cloudwatch"),
    tf("aws_cloudwatch_composite_alarm", "cloudwatch"),
    tf("aws_cloudwatch_dashboard", "cloudwatch"),
    tf("aws_vpc", "ec2"),
    tf("aws_internet_gateway", "ec2"),
    tf("aws_subnet", "ec2"),
    tf("aws_route_table", "ec2"),
    tf("aws_route", "ec2"),
    tf("aws_route_table_association", "ec2"),
    tf("aws_eip", "ec2"),
    tf("aws_nat_gateway", "ec2"),
    tf("aws_security_group", "ec2"),
    tf("aws_vpc_security_group_ingress_rule", "ec2"),
    tf("aws_vpc_security_group_egress_rule", "ec2"),
    tf("aws_flow_log", "ec2"),
    tf("aws_vpc_peering_connection", "ec2"),
    tf("aws_vpc_peering_connection_accepter", "ec2"),
    tf_data("aws_availability_zones", "ec2"),
    tf("aws_ecs_cluster", "ecs"),
    tf("aws_ecs_task_definition", "ecs"),
    tf("aws_ecs_service", "ecs"),
    tf("aws_elasticache_replication_group", "elasticache"),
    tf("aws_elasticache_subnet_group", "elasticache"),
    tf("aws_elasticache_global_replication_group", "elasticache"),
    tf("aws_elasticache_parameter_group", "elasticache"),
    tf("aws_lb", "elbv2"),
    tf("aws_lb_listener", "elbv2"),
    tf("aws_lb_listener_rule", "elbv2"),
    tf("aws_lb_target_group", "elbv2"),
    tf("aws_cloudwatch_event_rule", "events"),
    tf("aws_cloudwatch_event_target", "events"),
    tf("aws_globalaccelerator_accelerator", "globalaccelerator"),
    tf("aws_globalaccelerator_listener", "globalaccelerator"),
    tf("aws_globalaccelerator_endpoint_group", "globalaccelerator"),
    tf("aws_iam_role", "iam"),
    tf("aws_iam_role_policy", "iam"),
    tf("aws_iam_role_policy_attachment", "iam"),
    tf_data("aws_iam_policy_document", "iam"),
    tf("aws_kms_key", "kms"),
    tf("aws_kms_alias", "kms"),
    tf("aws_cloudwatch_log_group", "logs"),
    tf_data("aws_partition", "meta"),
    tf("random_password", "random"),
    tf("aws_db_instance", "rds"),
    tf("aws_db_subnet_group", "rds"),
    tf("aws_db_parameter_group", "rds"),
    tf("aws_route53_health_check", "route53"),
    tf("aws_route53_record", "route53"),
    tf("aws_s3_bucket", "s3"),
    tf("aws_s3_bucket_versioning", "s3"),
    tf("aws_s3_bucket_replication_configuration", "s3"),
    tf("aws_s3_bucket_object_lock_configuration", "s3"),
    tf("aws_s3_bucket_public_access_block", "s3"),
    tf("aws_s3_bucket_server_side_encryption_configuration", "s3"),
    tf("aws_s3_bucket_ownership_controls", "s3"),
    tf("aws_s3_bucket_policy", "s3"),
    tf("aws_s3_bucket_logging", "s3"),
    tf("aws_s3_bucket_lifecycle_configuration", "s3"),
    tf("aws_secretsmanager_secret", "secretsmanager"),
    tf("aws_secretsmanager_secret_version", "secretsmanager"),
    tf("aws_secretsmanager_secret_rotation", "secretsmanager"),
    tf(
        "aws_serverlessapplicationrepository_cloudformation_stack",
        "serverlessrepo",
    ),
    tf("aws_sns_topic", "sns"),
    tf("aws_sns_topic_subscription", "sns"),
    tf("aws_sns_topic_policy", "sns"),
    tf_data("aws_caller_identity", "sts"),
    tf("aws_sfn_state_machine", "sfn"),
    tf("aws_ssm_parameter", "ssm"),
    tf("aws_wafv2_web_acl", "wafv2"),
    tf("aws_wafv2_web_acl_association", "wafv2"),
];

/// Top-level arguments no Terraform struct gets: `id` (SDKv2 schemas list it as optional, but it is the
/// computed identifier) and `tags_all` (computed from `tags` and the provider's default tags).
pub const TF_SKIPPED_ATTRIBUTES: &[&str] = &["id", "tags_all"];

/// Blocks no Terraform struct gets: `timeouts` (the provider's defaults are what Meridian wants).
pub const TF_SKIPPED_BLOCKS: &[&str] = &["timeouts"];

/// Blocks and arguments left out of one type: (type, path). The `aws_s3_bucket` blocks are the
/// provider's deprecated inline forms of the standalone `aws_s3_bucket_*` resources Meridian uses.
pub const TF_SKIPPED: &[(&str, &str)] = &[
    ("aws_s3_bucket", "cors_rule"),
    ("aws_s3_bucket", "grant"),
    ("aws_s3_bucket", "lifecycle_rule"),
    ("aws_s3_bucket", "logging"),
    ("aws_s3_bucket", "object_lock_configuration"),
    ("aws_s3_bucket", "replication_configuration"),
    ("aws_s3_bucket", "server_side_encryption_configuration"),
    ("aws_s3_bucket", "versioning"),
    ("aws_s3_bucket", "website"),
];

/// Blocks the provider allows once although the schema cannot say so (framework resources check it
/// with validators): (type, path). They are an `Option` and serialize as one object.
pub const TF_SINGLE: &[(&str, &str)] = &[
    (
        "aws_s3_bucket_lifecycle_configuration",
        "rule.abort_incomplete_multipart_upload",
    ),
    ("aws_s3_bucket_lifecycle_configuration", "rule.expiration"),
    ("aws_s3_bucket_lifecycle_configuration", "rule.filter"),
    ("aws_s3_bucket_lifecycle_configuration", "rule.filter.and"),
    ("aws_s3_bucket_lifecycle_configuration", "rule.filter.tag"),
    (
        "aws_s3_bucket_lifecycle_configuration",
        "rule.noncurrent_version_expiration",
    ),
];

/// Block names that differ from the rule (the type's struct name followed by every block of the path in
/// `PascalCase`): (type, block path, name). Paths given the same name must have the same schema and
/// share one struct; the blocks below a renamed block take its name as their prefix.
pub const TF_NAMES: &[(&str, &str, &str)] = &[
    (
        "aws_appautoscaling_policy",
        "target_tracking_scaling_policy_configuration",
        "TargetTrackingScalingPolicyConfiguration",
    ),
    (
        "aws_appautoscaling_policy",
        "target_tracking_scaling_policy_configuration.predefined_metric_specification",
        "PredefinedMetricSpecification",
    ),
    ("aws_lb_listener", "default_action", "LbListenerAction"),
    (
        "aws_vpc_peering_connection",
        "accepter",
        "VpcPeeringConnectionAccepterOptions",
    ),
    (
        "aws_vpc_peering_connection",
        "requester",
        "VpcPeeringConnectionRequesterOptions",
    ),
    ("aws_lb_listener_rule", "action", "LbListenerAction"),
    (
        "aws_lb_listener_rule",
        "condition.host_header",
        "LbListenerRuleConditionValues",
    ),
    (
        "aws_lb_listener_rule",
        "condition.path_pattern",
        "LbListenerRuleConditionValues",
    ),
    (
        "aws_s3_bucket_lifecycle_configuration",
        "rule",
        "S3LifecycleRule",
    ),
    (
        "aws_s3_bucket_replication_configuration",
        "rule",
        "S3ReplicationRule",
    ),
    ("aws_wafv2_web_acl", "rule.action", "Wafv2RuleAction"),
];

/// Arguments typed by a hand-written type of `l1` because the schema leaves them untyped (`dynamic`):
/// (type, path, Rust type).
pub const TF_TYPES: &[(&str, &str, &str)] =
    &[("aws_wafv2_web_acl", "rule.statement", "Wafv2Statement")];
