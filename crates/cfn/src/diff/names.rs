//! The physical names a synthesis gives its resources, read back from the templates and the
//! Terraform module, so that two environments of one stack file can be shown to share none
//! (E019). Reads output only; decides no name.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::Synthesis;

/// The property that holds an account- or region-wide name, per emitted CloudFormation type
/// (the types' registry schemas make each create-only: changing it replaces the resource).
/// Names scoped to another resource (inline policy names, listener rule priorities) are left out.
pub const CLOUDFORMATION_NAME_PROPERTIES: &[(&str, &str)] = &[
    ("AWS::CloudWatch::Alarm", "AlarmName"),
    ("AWS::CloudWatch::CompositeAlarm", "AlarmName"),
    ("AWS::CloudWatch::Dashboard", "DashboardName"),
    ("AWS::EC2::SecurityGroup", "GroupName"),
    ("AWS::ECS::Cluster", "ClusterName"),
    ("AWS::ECS::Service", "ServiceName"),
    ("AWS::ECS::TaskDefinition", "Family"),
    (
        "AWS::ElastiCache::GlobalReplicationGroup",
        "GlobalReplicationGroupIdSuffix",
    ),
    ("AWS::ElastiCache::ReplicationGroup", "ReplicationGroupId"),
    ("AWS::ElastiCache::SubnetGroup", "CacheSubnetGroupName"),
    ("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name"),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", "Name"),
    ("AWS::Events::Rule", "Name"),
    ("AWS::IAM::Role", "RoleName"),
    ("AWS::KMS::Alias", "AliasName"),
    ("AWS::Logs::LogGroup", "LogGroupName"),
    ("AWS::RDS::DBInstance", "DBInstanceIdentifier"),
    ("AWS::RDS::DBParameterGroup", "DBParameterGroupName"),
    ("AWS::RDS::DBSubnetGroup", "DBSubnetGroupName"),
    ("AWS::S3::Bucket", "BucketName"),
    ("AWS::SNS::Topic", "TopicName"),
    ("AWS::SSM::Parameter", "Name"),
    ("AWS::SecretsManager::Secret", "Name"),
    ("AWS::StepFunctions::StateMachine", "StateMachineName"),
    ("AWS::WAFv2::WebACL", "Name"),
];

/// The argument that holds the same names, per Terraform type.
pub const TERRAFORM_NAME_ARGUMENTS: &[(&str, &str)] = &[
    ("aws_cloudwatch_composite_alarm", "alarm_name"),
    ("aws_cloudwatch_dashboard", "dashboard_name"),
    ("aws_cloudwatch_event_rule", "name"),
    ("aws_cloudwatch_log_group", "name"),
    ("aws_cloudwatch_metric_alarm", "alarm_name"),
    ("aws_db_instance", "identifier"),
    ("aws_db_parameter_group", "name"),
    ("aws_db_subnet_group", "name"),
    ("aws_ecs_cluster", "name"),
    ("aws_ecs_service", "name"),
    ("aws_ecs_task_definition", "family"),
    (
        "aws_elasticache_global_replication_group",
        "global_replication_group_id_suffix",
    ),
    ("aws_elasticache_replication_group", "replication_group_id"),
    ("aws_elasticache_subnet_group", "name"),
    ("aws_iam_role", "name"),
    ("aws_kms_alias", "name"),
    ("aws_lb", "name"),
    ("aws_lb_target_group", "name"),
    ("aws_s3_bucket", "bucket"),
    ("aws_secretsmanager_secret", "name"),
    ("aws_security_group", "name"),
    ("aws_sfn_state_machine", "name"),
    ("aws_sns_topic", "name"),
    ("aws_ssm_parameter", "name"),
    ("aws_wafv2_web_acl", "name"),
];

/// One named resource: its name as written (a string, or the JSON of an expression that builds
/// it) and where it is (`AWS::S3::Bucket AuditLogsBucket in rail-backend-staging-us-east-1-storage`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PhysicalName {
    /// The name.
    pub name: String,
    /// The resource that carries it, in words.
    pub resource: String,
}

fn written(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

impl Synthesis {
    /// Every physical name of the CloudFormation templates and of the Terraform module, sorted.
    pub fn physical_names(&self) -> Vec<PhysicalName> {
        let cloudformation: BTreeMap<&str, &str> =
            CLOUDFORMATION_NAME_PROPERTIES.iter().copied().collect();
        let terraform: BTreeMap<&str, &str> = TERRAFORM_NAME_ARGUMENTS.iter().copied().collect();
        let mut names = Vec::new();
        for template in &self.templates {
            let Some(resources) = template.template.get("Resources").and_then(Json::as_object)
            else {
                continue;
            };
            for (logical_id, resource) in resources {
                let kind = resource
                    .get("Type")
                    .and_then(Json::as_str)
                    .unwrap_or_default();
                let Some(value) = cloudformation
                    .get(kind)
                    .and_then(|property| resource.get("Properties")?.get(*property))
                else {
                    continue;
                };
                names.push(PhysicalName {
                    name: written(value),
                    resource: format!("{kind} {logical_id} in {}", template.stack),
                });
            }
        }
        for (path, module) in &self.terraform {
            let Some(kinds) = module.get("resource").and_then(Json::as_object) else {
                continue;
            };
            for (kind, resources) in kinds {
                let Some(argument) = terraform.get(kind.as_str()) else {
                    continue;
                };
                for (name, resource) in resources.as_object().into_iter().flatten() {
                    if let Some(value) = resource.get(*argument) {
                        names.push(PhysicalName {
                            name: written(value),
                            resource: format!("{kind}.{name} in {path}"),
                        });
                    }
                }
            }
        }
        names.sort();
        names
    }
}

/// The names `first` and `second` both use, each with the resource of each side.
pub fn shared_physical_names(
    first: &Synthesis,
    second: &Synthesis,
) -> Vec<(PhysicalName, PhysicalName)> {
    // The first resource of each name (CloudFormation's, which sort first), so that a name both
    // targets give is reported with resources of the same target on both sides.
    let mut theirs: BTreeMap<String, PhysicalName> = BTreeMap::new();
    for name in second.physical_names() {
        theirs.entry(name.name.clone()).or_insert(name);
    }
    first
        .physical_names()
        .into_iter()
        .filter_map(|mine| {
            let other = theirs.get(&mine.name)?.clone();
            Some((mine, other))
        })
        .collect()
}
