//! Terraform JSON types for ECS (hashicorp/aws 6): they type and serialize arguments and never choose
//! names, defaults or values, which come from the plan.
//!
//! `aws_ecs_cluster`, `aws_ecs_task_definition` and `aws_ecs_service` (rolling and blue/green deployments).

use crate::l1::{List, Map, Number, Value};
use serde::Serialize;

/// The `aws_ecs_cluster` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsCluster {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub configuration: Option<EcsClusterConfiguration>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_connect_defaults: Option<EcsClusterServiceConnectDefaults>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub setting: Vec<EcsClusterSetting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
}

impl EcsCluster {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>) -> Self {
        Self {
            configuration: None,
            name: name.into(),
            region: None,
            service_connect_defaults: None,
            setting: Vec::new(),
            tags: None,
        }
    }
}

/// The `configuration` block (at most one) of `aws_ecs_cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsClusterConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execute_command_configuration: Option<EcsClusterConfigurationExecuteCommandConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_storage_configuration: Option<EcsClusterConfigurationManagedStorageConfiguration>,
}

/// The `configuration.execute_command_configuration` block (at most one) of `aws_ecs_cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsClusterConfigurationExecuteCommandConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_configuration:
        Option<EcsClusterConfigurationExecuteCommandConfigurationLogConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logging: Option<Value<String>>,
}

/// The `configuration.execute_command_configuration.log_configuration` block (at most one) of `aws_ecs_cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsClusterConfigurationExecuteCommandConfigurationLogConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_encryption_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_log_group_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_bucket_encryption_enabled: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_bucket_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_key_prefix: Option<Value<String>>,
}

/// The `configuration.managed_storage_configuration` block (at most one) of `aws_ecs_cluster`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsClusterConfigurationManagedStorageConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fargate_ephemeral_storage_kms_key_id: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Value<String>>,
}

/// The `service_connect_defaults` block (at most one) of `aws_ecs_cluster`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsClusterServiceConnectDefaults {
    pub namespace: Value<String>,
}

impl EcsClusterServiceConnectDefaults {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(namespace: impl Into<Value<String>>) -> Self {
        Self {
            namespace: namespace.into(),
        }
    }
}

/// The `setting` block (repeated) of `aws_ecs_cluster`.
///
/// For example `containerInsights` = `enabled` or `enhanced`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsClusterSetting {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl EcsClusterSetting {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        Self {
            name: name.into(),
            value: value.into(),
        }
    }
}

resource_type!(EcsCluster, "aws_ecs_cluster", [id, arn, name]);

/// The `aws_ecs_task_definition` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsTaskDefinition {
    /// A JSON document as a string: build it with a [`JsonDocument`](crate::l1::JsonDocument).
    pub container_definitions: Value<String>,
    /// CPU units as a string in the provider schema (for example `"512"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_fault_injection: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage: Option<EcsTaskDefinitionEphemeralStorage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_role_arn: Option<Value<String>>,
    pub family: Value<String>,
    /// MiB as a string in the provider schema (for example `"1024"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires_compatibilities: Option<Value<List<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime_platform: Option<EcsTaskDefinitionRuntimePlatform>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skip_destroy: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_role_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track_latest: Option<Value<bool>>,
}

impl EcsTaskDefinition {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        container_definitions: impl Into<Value<String>>,
        family: impl Into<Value<String>>,
    ) -> Self {
        Self {
            container_definitions: container_definitions.into(),
            cpu: None,
            enable_fault_injection: None,
            ephemeral_storage: None,
            execution_role_arn: None,
            family: family.into(),
            memory: None,
            network_mode: None,
            region: None,
            requires_compatibilities: None,
            runtime_platform: None,
            skip_destroy: None,
            tags: None,
            task_role_arn: None,
            track_latest: None,
        }
    }
}

/// The `ephemeral_storage` block (at most one) of `aws_ecs_task_definition`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsTaskDefinitionEphemeralStorage {
    pub size_in_gib: Value<Number>,
}

impl EcsTaskDefinitionEphemeralStorage {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(size_in_gib: impl Into<Value<Number>>) -> Self {
        Self {
            size_in_gib: size_in_gib.into(),
        }
    }
}

/// The `runtime_platform` block (at most one) of `aws_ecs_task_definition`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsTaskDefinitionRuntimePlatform {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_architecture: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_system_family: Option<Value<String>>,
}

resource_type!(
    EcsTaskDefinition,
    "aws_ecs_task_definition",
    [id, arn, arn_without_revision, revision, family]
);

/// The `aws_ecs_service` resource.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsService {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarms: Option<EcsServiceAlarms>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone_rebalancing: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capacity_provider_strategy: Vec<EcsServiceCapacityProviderStrategy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_circuit_breaker: Option<EcsServiceDeploymentCircuitBreaker>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_configuration: Option<EcsServiceDeploymentConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_controller: Option<EcsServiceDeploymentController>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_maximum_percent: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_minimum_healthy_percent: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_ecs_managed_tags: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_execute_command: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_new_deployment: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period_seconds: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_type: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub load_balancer: Vec<EcsServiceLoadBalancer>,
    pub name: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<EcsServiceNetworkConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub propagate_tags: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduling_strategy: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_registries: Option<EcsServiceServiceRegistries>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sigint_rollback: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triggers: Option<Value<Map<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wait_for_steady_state: Option<Value<bool>>,
}

impl EcsService {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(name: impl Into<Value<String>>) -> Self {
        Self {
            alarms: None,
            availability_zone_rebalancing: None,
            capacity_provider_strategy: Vec::new(),
            cluster: None,
            deployment_circuit_breaker: None,
            deployment_configuration: None,
            deployment_controller: None,
            deployment_maximum_percent: None,
            deployment_minimum_healthy_percent: None,
            desired_count: None,
            enable_ecs_managed_tags: None,
            enable_execute_command: None,
            force_new_deployment: None,
            health_check_grace_period_seconds: None,
            launch_type: None,
            load_balancer: Vec::new(),
            name: name.into(),
            network_configuration: None,
            platform_version: None,
            propagate_tags: None,
            region: None,
            scheduling_strategy: None,
            service_registries: None,
            sigint_rollback: None,
            tags: None,
            task_definition: None,
            triggers: None,
            wait_for_steady_state: None,
        }
    }
}

/// The `alarms` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceAlarms {
    pub alarm_names: Value<List<String>>,
    pub enable: Value<bool>,
    pub rollback: Value<bool>,
}

impl EcsServiceAlarms {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        alarm_names: impl Into<Value<List<String>>>,
        enable: impl Into<Value<bool>>,
        rollback: impl Into<Value<bool>>,
    ) -> Self {
        Self {
            alarm_names: alarm_names.into(),
            enable: enable.into(),
            rollback: rollback.into(),
        }
    }
}

/// The `capacity_provider_strategy` block (repeated) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceCapacityProviderStrategy {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Value<Number>>,
    pub capacity_provider: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Value<Number>>,
}

impl EcsServiceCapacityProviderStrategy {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(capacity_provider: impl Into<Value<String>>) -> Self {
        Self {
            base: None,
            capacity_provider: capacity_provider.into(),
            weight: None,
        }
    }
}

/// The `deployment_circuit_breaker` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceDeploymentCircuitBreaker {
    pub enable: Value<bool>,
    pub rollback: Value<bool>,
}

impl EcsServiceDeploymentCircuitBreaker {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(enable: impl Into<Value<bool>>, rollback: impl Into<Value<bool>>) -> Self {
        Self {
            enable: enable.into(),
            rollback: rollback.into(),
        }
    }
}

/// The `deployment_configuration` block (at most one) of `aws_ecs_service`.
///
/// Deployment strategy (`ROLLING`, `BLUE_GREEN`, `LINEAR`, `CANARY`) with its bake times.
/// The provider types the bake times as strings of minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsServiceDeploymentConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bake_time_in_minutes: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary_configuration: Option<EcsServiceDeploymentConfigurationCanaryConfiguration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycle_hook: Vec<EcsServiceDeploymentConfigurationLifecycleHook>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linear_configuration: Option<EcsServiceDeploymentConfigurationLinearConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<Value<String>>,
}

/// The `deployment_configuration.canary_configuration` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsServiceDeploymentConfigurationCanaryConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary_bake_time_in_minutes: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary_percent: Option<Value<Number>>,
}

/// The `deployment_configuration.lifecycle_hook` block (repeated) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceDeploymentConfigurationLifecycleHook {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hook_details: Option<Value<String>>,
    pub hook_target_arn: Value<String>,
    pub lifecycle_stages: Value<List<String>>,
    pub role_arn: Value<String>,
}

impl EcsServiceDeploymentConfigurationLifecycleHook {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        hook_target_arn: impl Into<Value<String>>,
        lifecycle_stages: impl Into<Value<List<String>>>,
        role_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            hook_details: None,
            hook_target_arn: hook_target_arn.into(),
            lifecycle_stages: lifecycle_stages.into(),
            role_arn: role_arn.into(),
        }
    }
}

/// The `deployment_configuration.linear_configuration` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsServiceDeploymentConfigurationLinearConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_bake_time_in_minutes: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step_percent: Option<Value<Number>>,
}

/// The `deployment_controller` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct EcsServiceDeploymentController {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r#type: Option<Value<String>>,
}

/// The `load_balancer` block (repeated) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceLoadBalancer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_configuration: Option<EcsServiceLoadBalancerAdvancedConfiguration>,
    pub container_name: Value<String>,
    pub container_port: Value<Number>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elb_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group_arn: Option<Value<String>>,
}

impl EcsServiceLoadBalancer {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        container_name: impl Into<Value<String>>,
        container_port: impl Into<Value<Number>>,
    ) -> Self {
        Self {
            advanced_configuration: None,
            container_name: container_name.into(),
            container_port: container_port.into(),
            elb_name: None,
            target_group_arn: None,
        }
    }
}

/// The `load_balancer.advanced_configuration` block (at most one) of `aws_ecs_service`.
///
/// Blue/green only: the alternate target group and the listener rules ECS shifts traffic with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceLoadBalancerAdvancedConfiguration {
    pub alternate_target_group_arn: Value<String>,
    pub production_listener_rule: Value<String>,
    pub role_arn: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_listener_rule: Option<Value<String>>,
}

impl EcsServiceLoadBalancerAdvancedConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(
        alternate_target_group_arn: impl Into<Value<String>>,
        production_listener_rule: impl Into<Value<String>>,
        role_arn: impl Into<Value<String>>,
    ) -> Self {
        Self {
            alternate_target_group_arn: alternate_target_group_arn.into(),
            production_listener_rule: production_listener_rule.into(),
            role_arn: role_arn.into(),
            test_listener_rule: None,
        }
    }
}

/// The `network_configuration` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceNetworkConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assign_public_ip: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Value<List<String>>>,
    pub subnets: Value<List<String>>,
}

impl EcsServiceNetworkConfiguration {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(subnets: impl Into<Value<List<String>>>) -> Self {
        Self {
            assign_public_ip: None,
            security_groups: None,
            subnets: subnets.into(),
        }
    }
}

/// The `service_registries` block (at most one) of `aws_ecs_service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcsServiceServiceRegistries {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_port: Option<Value<Number>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<Value<Number>>,
    pub registry_arn: Value<String>,
}

impl EcsServiceServiceRegistries {
    /// Sets the required arguments; every optional one starts unset.
    pub fn new(registry_arn: impl Into<Value<String>>) -> Self {
        Self {
            container_name: None,
            container_port: None,
            port: None,
            registry_arn: registry_arn.into(),
        }
    }
}

resource_type!(EcsService, "aws_ecs_service", [id, arn, name, cluster]);
