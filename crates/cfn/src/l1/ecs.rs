//! Amazon ECS resource types (cluster, task definition, service, including ECS-native blue/green).
//! It must not choose sizes, counts, deployment strategies or container settings: it only types them.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{ResourceProperties, Tag, Value};

/// `AWS::ECS::Cluster`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Cluster {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cluster_settings: Vec<ClusterSetting>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capacity_providers: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub default_capacity_provider_strategy: Vec<CapacityProviderStrategyItem>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Cluster {
    const TYPE: &'static str = "AWS::ECS::Cluster";
}

/// A cluster setting; `containerInsights` is the only setting ECS defines.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ClusterSetting {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl ClusterSetting {
    /// `{"Name": "containerInsights", "Value": value}`; `value` is `enabled`, `enhanced` or `disabled`.
    pub fn container_insights(value: impl Into<Value<String>>) -> Self {
        ClusterSetting {
            name: Value::from("containerInsights"),
            value: value.into(),
        }
    }
}

/// A capacity provider (such as `FARGATE` or `FARGATE_SPOT`) with its share of tasks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CapacityProviderStrategyItem {
    pub capacity_provider: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<Value<i64>>,
}

/// `AWS::ECS::TaskDefinition`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TaskDefinition {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<Value<String>>,
    /// CPU units as a string, such as `"512"` (Fargate accepts fixed sizes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Value<String>>,
    /// Memory in MiB as a string, such as `"1024"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<NetworkMode>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub requires_compatibilities: Vec<Compatibility>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime_platform: Option<RuntimePlatform>,
    /// The role ECS uses to pull images, write logs and read secrets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_role_arn: Option<Value<String>>,
    /// The role the application's code runs as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_role_arn: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub container_definitions: Vec<ContainerDefinition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub volumes: Vec<Volume>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage: Option<EphemeralStorage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for TaskDefinition {
    const TYPE: &'static str = "AWS::ECS::TaskDefinition";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkMode {
    Awsvpc,
    Bridge,
    Host,
    None,
}

/// Launch types a task definition is validated against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Compatibility {
    Ec2,
    Fargate,
    External,
    ManagedInstances,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RuntimePlatform {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu_architecture: Option<CpuArchitecture>,
    /// `LINUX` or one of the `WINDOWS_SERVER_*` families.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operating_system_family: Option<Value<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CpuArchitecture {
    #[serde(rename = "ARM64")]
    Arm64,
    #[serde(rename = "X86_64")]
    X86_64,
}

/// Task-level scratch storage (Fargate), in GiB.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EphemeralStorage {
    #[serde(rename = "SizeInGiB")]
    pub size_in_gib: Value<i64>,
}

/// A task volume; without further configuration it is a bind mount scratch volume (as used for a
/// writable `/tmp` under a read-only root file system).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Volume {
    pub name: Value<String>,
}

/// One container of a task definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerDefinition {
    pub name: Value<String>,
    pub image: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub essential: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Value<i64>>,
    /// The hard memory limit in MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory: Option<Value<i64>>,
    /// The soft memory limit in MiB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entry_point: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_directory: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub port_mappings: Vec<PortMapping>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub environment: Vec<EnvironmentVariable>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<ContainerSecret>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_configuration: Option<LogConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<ContainerHealthCheck>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub readonly_root_filesystem: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mount_points: Vec<MountPoint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<ContainerDependency>,
    /// Seconds between SIGTERM and SIGKILL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<Value<i64>>,
}

impl ContainerDefinition {
    pub fn new(name: impl Into<Value<String>>, image: impl Into<Value<String>>) -> Self {
        ContainerDefinition {
            name: name.into(),
            image: image.into(),
            essential: None,
            cpu: None,
            memory: None,
            memory_reservation: None,
            entry_point: Vec::new(),
            command: Vec::new(),
            working_directory: None,
            user: None,
            port_mappings: Vec::new(),
            environment: Vec::new(),
            secrets: Vec::new(),
            log_configuration: None,
            health_check: None,
            readonly_root_filesystem: None,
            mount_points: Vec::new(),
            depends_on: Vec::new(),
            stop_timeout: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PortMapping {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<TransportProtocol>,
    /// The name Service Connect and `AppProtocol` refer to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<AppProtocol>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TransportProtocol {
    Tcp,
    Udp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AppProtocol {
    Http,
    Http2,
    Grpc,
}

/// A plain environment variable (the schema's `KeyValuePair`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct EnvironmentVariable {
    pub name: Value<String>,
    pub value: Value<String>,
}

impl EnvironmentVariable {
    pub fn new(name: impl Into<Value<String>>, value: impl Into<Value<String>>) -> Self {
        EnvironmentVariable {
            name: name.into(),
            value: value.into(),
        }
    }
}

/// An environment variable read at task start from Secrets Manager or SSM Parameter Store;
/// `value_from` is an ARN, optionally suffixed with `:json-key:version-stage:version-id`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerSecret {
    pub name: Value<String>,
    pub value_from: Value<String>,
}

impl ContainerSecret {
    pub fn new(name: impl Into<Value<String>>, value_from: impl Into<Value<String>>) -> Self {
        ContainerSecret {
            name: name.into(),
            value_from: value_from.into(),
        }
    }
}

/// A container's log driver and its options (for `awslogs`: `awslogs-group`, `awslogs-region`,
/// `awslogs-stream-prefix`...).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogConfiguration {
    pub log_driver: Value<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub options: BTreeMap<String, Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub secret_options: Vec<ContainerSecret>,
}

/// A container health check run by the container agent; `command` starts with `CMD` or `CMD-SHELL`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerHealthCheck {
    pub command: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_period: Option<Value<i64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MountPoint {
    pub source_volume: Value<String>,
    pub container_path: Value<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_only: Option<Value<bool>>,
}

/// Start ordering between containers of one task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerDependency {
    pub container_name: Value<String>,
    pub condition: ContainerCondition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContainerCondition {
    Start,
    Complete,
    Success,
    Healthy,
}

/// `AWS::ECS::Service`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Service {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_type: Option<LaunchType>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub capacity_provider_strategy: Vec<CapacityProviderStrategyItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period_seconds: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_controller: Option<DeploymentController>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_configuration: Option<DeploymentConfiguration>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub load_balancers: Vec<ServiceLoadBalancer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<NetworkConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub propagate_tags: Option<PropagateTags>,
    #[serde(
        rename = "EnableECSManagedTags",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_ecs_managed_tags: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_execute_command: Option<Value<bool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone_rebalancing: Option<AvailabilityZoneRebalancing>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

impl ResourceProperties for Service {
    const TYPE: &'static str = "AWS::ECS::Service";
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LaunchType {
    Ec2,
    Fargate,
    External,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PropagateTags {
    Service,
    TaskDefinition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AvailabilityZoneRebalancing {
    Enabled,
    Disabled,
}

/// Who drives deployments: ECS itself (rolling, and ECS-native blue/green, linear and canary),
/// CodeDeploy, or an external controller.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeploymentController {
    #[serde(rename = "Type")]
    pub controller_type: DeploymentControllerType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeploymentControllerType {
    Ecs,
    CodeDeploy,
    External,
}

/// How ECS replaces tasks during a deployment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeploymentConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strategy: Option<DeploymentStrategy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_percent: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum_healthy_percent: Option<Value<i64>>,
    /// Minutes both revisions keep running after the traffic shift, before the old one is stopped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bake_time_in_minutes: Option<Value<i64>>,
    /// Only valid with the rolling strategy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deployment_circuit_breaker: Option<DeploymentCircuitBreaker>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarms: Option<DeploymentAlarms>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lifecycle_hooks: Vec<DeploymentLifecycleHook>,
    /// Only valid with the canary strategy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canary_configuration: Option<CanaryConfiguration>,
    /// Only valid with the linear strategy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linear_configuration: Option<LinearConfiguration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DeploymentStrategy {
    Rolling,
    BlueGreen,
    Linear,
    Canary,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeploymentCircuitBreaker {
    pub enable: Value<bool>,
    pub rollback: Value<bool>,
}

/// CloudWatch alarms that fail (and optionally roll back) a deployment while they are in ALARM.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeploymentAlarms {
    pub alarm_names: Vec<Value<String>>,
    pub enable: Value<bool>,
    pub rollback: Value<bool>,
}

/// A hook that runs a Lambda function (or pauses) at given stages of a blue/green, linear or canary
/// deployment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeploymentLifecycleHook {
    pub lifecycle_stages: Vec<LifecycleStage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_type: Option<LifecycleHookTargetType>,
    /// The Lambda function's ARN; not used by `PAUSE` hooks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hook_target_arn: Option<Value<String>>,
    /// The role ECS assumes to invoke the function.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Value<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LifecycleStage {
    ReconcileService,
    PreScaleUp,
    PostScaleUp,
    TestTrafficShift,
    PostTestTrafficShift,
    PreProductionTrafficShift,
    ProductionTrafficShift,
    PostProductionTrafficShift,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LifecycleHookTargetType {
    AwsLambda,
    Pause,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CanaryConfiguration {
    pub canary_percent: Value<f64>,
    pub canary_bake_time_in_minutes: Value<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LinearConfiguration {
    pub step_percent: Value<f64>,
    pub step_bake_time_in_minutes: Value<i64>,
}

/// A target group (or classic load balancer) a service registers its tasks with.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ServiceLoadBalancer {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_name: Option<Value<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_port: Option<Value<i64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group_arn: Option<Value<String>>,
    /// The alternate target group and listener rules ECS-native blue/green shifts traffic between.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advanced_configuration: Option<AdvancedConfiguration>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdvancedConfiguration {
    pub alternate_target_group_arn: Value<String>,
    /// The ARN of the listener rule that carries production traffic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub production_listener_rule: Option<Value<String>>,
    /// The ARN of the listener rule that carries test traffic.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test_listener_rule: Option<Value<String>>,
    /// The role ECS assumes to change the listener rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Value<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NetworkConfiguration {
    pub awsvpc_configuration: AwsvpcConfiguration,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AwsvpcConfiguration {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assign_public_ip: Option<AssignPublicIp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<Value<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security_groups: Vec<Value<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AssignPublicIp {
    Enabled,
    Disabled,
}
