//! Which Terraform types correspond to which CloudFormation types for the same plan, for the parity test
//! between the two emitters. It states correspondences only; it synthesizes nothing and decides nothing.
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
        &["AWS::CloudWatch::Dashboard"],
        &["aws_cloudwatch_dashboard"],
        "",
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
