//! ECS on Fargate: the cluster, and per service its log group, roles, task definition, service
//! (rolling with the circuit breaker, or ECS-native blue/green), deployment alarms and Application
//! Auto Scaling. It must not choose sizes, counts, strategies or container settings.

use meridian_plan::bug;
use meridian_plan::{
    BlueGreenPlan, ClusterPlan, ContainerHealth, ContainerLogging, DeploymentPlan, IpProtocol,
    LogDriver, ScalingPlan, ScheduledActionPlan, ServiceLoadBalancer, ServicePlan, Strategy,
    TagPropagation, TaskRuntime,
};

use crate::l1::autoscaling::{
    PredefinedMetricSpecification, ScalableTarget, ScalableTargetAction, ScalingPolicy,
    ScalingPolicyType, ScheduledAction, TargetTrackingConfiguration,
};
use crate::l1::ecs::{
    self, AdvancedConfiguration, AssignPublicIp, AwsvpcConfiguration, Cluster, ClusterSetting,
    Compatibility, ContainerDefinition, ContainerHealthCheck, ContainerSecret, CpuArchitecture,
    DeploymentAlarms, DeploymentCircuitBreaker, DeploymentConfiguration, DeploymentController,
    DeploymentControllerType, DeploymentStrategy, EnvironmentVariable, LaunchType,
    LogConfiguration, NetworkConfiguration, NetworkMode, PortMapping, PropagateTags,
    RuntimePlatform, TaskDefinition, TransportProtocol,
};
use crate::l1::logs::LogGroup;
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::alerting::lower_alarm;
use super::policy::role;
use super::values::{arn_of, attr_of, reference, switch};
use meridian_plan::RolePurpose;

/// Adds the cluster.
pub(crate) fn lower_cluster(unit: &mut UnitTemplate<'_>, cluster: &ClusterPlan) {
    let ClusterPlan {
        rid,
        name,
        container_insights,
    } = cluster;
    let properties = Cluster {
        cluster_name: Some(Value::from(name.as_str())),
        cluster_settings: vec![ClusterSetting {
            name: Some(Value::from("containerInsights")),
            value: Some(Value::from(switch(*container_insights))),
        }],
        tags: unit.values.tags(None),
        ..Cluster::default()
    };
    unit.add(rid, Resource::new(properties));
}

/// Adds one service and everything it needs.
pub(crate) fn lower_service(unit: &mut UnitTemplate<'_>, service: &ServicePlan) {
    let ServicePlan {
        name: _,
        // A renamed service's rids and physical names already carry its former name.
        renamed_from: _,
        rid,
        task_definition,
        task_role,
        execution_role,
        execution_statements,
        execution_policy_name,
        log_group,
        log_group_name,
        log_retention_days,
        log_kms_key,
        security_group,
        peer_security_group,
        cluster,
        service_name,
        family,
        container_name,
        image,
        cpu,
        memory,
        runtime,
        essential,
        port,
        port_protocol,
        logging,
        command,
        entry_point,
        environment,
        secrets,
        health_check,
        desired_count,
        deployment,
        load_balancer,
        health_check_grace_seconds,
        subnets,
        assign_public_ip,
        tag_propagation,
        ecs_managed_tags,
        scaling,
        rollback_alarms,
    } = service;
    let TaskRuntime {
        launch_type,
        network_mode,
        operating_system,
        cpu_architecture,
    } = runtime;
    let ContainerLogging {
        driver,
        stream_prefix,
    } = logging;

    let log_group_properties = LogGroup {
        log_group_name: Some(Value::from(log_group_name.as_str())),
        retention_in_days: Some(i64::from(*log_retention_days).into()),
        kms_key_id: Some(unit.values.text(log_kms_key)),
        tags: unit.values.tags(None),
        ..LogGroup::default()
    };
    unit.add(log_group, Resource::new(log_group_properties));

    let execution = role(
        &unit.values,
        RolePurpose::TaskExecution,
        Some((execution_policy_name, execution_statements)),
    );
    unit.add(execution_role, Resource::new(execution));
    // The application's own role: the plan grants it nothing.
    let task = role(&unit.values, RolePurpose::Task, None);
    unit.add(task_role, Resource::new(task));

    let container = ContainerDefinition {
        essential: Some((*essential).into()),
        // A worker has no port, so no mapping.
        port_mappings: port
            .iter()
            .map(|port| PortMapping {
                container_port: Some(i64::from(*port).into()),
                protocol: Some(match port_protocol {
                    IpProtocol::Tcp => TransportProtocol::Tcp,
                }),
                ..PortMapping::default()
            })
            .collect(),
        command: command.iter().map(|item| unit.values.text(item)).collect(),
        entry_point: entry_point
            .iter()
            .map(|item| unit.values.text(item))
            .collect(),
        environment: environment
            .iter()
            .map(|(name, value)| EnvironmentVariable {
                name: Some(Value::from(name.as_str())),
                value: Some(unit.values.text(value)),
            })
            .collect(),
        secrets: secrets
            .iter()
            .map(|(name, value_from)| {
                ContainerSecret::new(name.as_str(), unit.values.text(value_from))
            })
            .collect(),
        log_configuration: Some(LogConfiguration {
            log_driver: Value::from(driver.as_str()),
            options: match driver {
                LogDriver::AwsLogs => [
                    ("awslogs-group".to_owned(), reference(log_group)),
                    ("awslogs-region".to_owned(), Value::aws_region()),
                    (
                        "awslogs-stream-prefix".to_owned(),
                        Value::from(stream_prefix.as_str()),
                    ),
                ],
            }
            .into_iter()
            .collect(),
            secret_options: Vec::new(),
        }),
        health_check: health_check.as_ref().map(container_health_check),
        ..ContainerDefinition::new(container_name.as_str(), unit.values.text(image))
    };
    let task_definition_properties = TaskDefinition {
        family: Some(Value::from(family.as_str())),
        cpu: Some(Value::from(cpu.to_string())),
        memory: Some(Value::from(memory.to_string())),
        network_mode: Some(match network_mode {
            meridian_plan::NetworkMode::Awsvpc => NetworkMode::Awsvpc,
        }),
        requires_compatibilities: vec![match launch_type {
            meridian_plan::LaunchType::Fargate => Compatibility::Fargate,
        }],
        runtime_platform: Some(RuntimePlatform {
            cpu_architecture: Some(match cpu_architecture {
                meridian_plan::CpuArchitecture::X86_64 => CpuArchitecture::X86_64,
                meridian_plan::CpuArchitecture::Arm64 => CpuArchitecture::Arm64,
            }),
            operating_system_family: Some(Value::from(operating_system.as_str())),
        }),
        execution_role_arn: Some(arn_of(execution_role)),
        task_role_arn: Some(arn_of(task_role)),
        container_definitions: vec![container],
        tags: unit.values.tags(None),
        ..TaskDefinition::default()
    };
    unit.add(task_definition, Resource::new(task_definition_properties));

    for alarm in rollback_alarms {
        lower_alarm(unit, alarm);
    }

    let DeploymentPlan {
        controller,
        strategy,
        circuit_breaker,
        minimum_healthy_percent,
        maximum_percent,
        bake_time_minutes,
        rollback,
        alarms_enabled,
        blue_green,
        // Runbooks wait this long; ECS has no such setting.
        max_rollback_seconds: _,
    } = deployment;
    let mut deployment_configuration = DeploymentConfiguration {
        minimum_healthy_percent: Some(i64::from(*minimum_healthy_percent).into()),
        maximum_percent: Some(i64::from(*maximum_percent).into()),
        alarms: (!rollback_alarms.is_empty()).then(|| DeploymentAlarms {
            alarm_names: rollback_alarms
                .iter()
                .map(|alarm| reference(&alarm.rid))
                .collect(),
            enable: (*alarms_enabled).into(),
            rollback: (*rollback).into(),
        }),
        ..DeploymentConfiguration::default()
    };
    match strategy {
        Strategy::Rolling => {
            deployment_configuration.strategy = Some(DeploymentStrategy::Rolling);
            deployment_configuration.deployment_circuit_breaker =
                Some(DeploymentCircuitBreaker::new(*circuit_breaker, *rollback));
        }
        Strategy::BlueGreen => {
            deployment_configuration.strategy = Some(DeploymentStrategy::BlueGreen);
            deployment_configuration.bake_time_in_minutes =
                bake_time_minutes.map(|minutes| i64::from(minutes).into());
        }
    }

    let mut load_balancers = Vec::new();
    let mut waits_for = None;
    if let Some(attachment) = load_balancer {
        let ServiceLoadBalancer {
            target_group,
            listener_rule,
            container_port,
        } = attachment;
        let advanced_configuration = blue_green.as_ref().map(|blue_green| {
            let BlueGreenPlan {
                alternate_target_group,
                production_listener_rule,
                infrastructure_role,
            } = blue_green;
            // ECS assumes this role to move the listener rule's weights between blue and green.
            let infrastructure = role(&unit.values, RolePurpose::EcsInfrastructure, None);
            (
                infrastructure_role,
                infrastructure,
                AdvancedConfiguration {
                    alternate_target_group_arn: reference(alternate_target_group),
                    production_listener_rule: Some(reference(production_listener_rule)),
                    test_listener_rule: None,
                    role_arn: Some(arn_of(infrastructure_role)),
                },
            )
        });
        let advanced_configuration =
            advanced_configuration.map(|(infrastructure_rid, infrastructure, advanced)| {
                unit.add(infrastructure_rid, Resource::new(infrastructure));
                advanced
            });
        load_balancers.push(ecs::ServiceLoadBalancer {
            container_name: Some(Value::from(container_name.as_str())),
            container_port: Some(i64::from(*container_port).into()),
            target_group_arn: Some(reference(target_group)),
            advanced_configuration,
            load_balancer_name: None,
        });
        waits_for = Some(listener_rule);
    } else if blue_green.is_some() {
        bug(format_args!(
            "blue/green service `{}` has no load balancer",
            rid.logical
        ));
    }

    let properties = ecs::Service {
        service_name: Some(Value::from(service_name.as_str())),
        cluster: Some(reference(cluster)),
        task_definition: Some(reference(task_definition)),
        launch_type: Some(match launch_type {
            meridian_plan::LaunchType::Fargate => LaunchType::Fargate,
        }),
        desired_count: Some(i64::from(*desired_count).into()),
        health_check_grace_period_seconds: health_check_grace_seconds
            .map(|seconds| i64::from(seconds).into()),
        deployment_controller: Some(DeploymentController {
            r#type: Some(match controller {
                meridian_plan::DeploymentController::Ecs => DeploymentControllerType::Ecs,
            }),
        }),
        deployment_configuration: Some(deployment_configuration),
        load_balancers,
        network_configuration: Some(NetworkConfiguration {
            awsvpc_configuration: Some(AwsvpcConfiguration {
                assign_public_ip: Some(if *assign_public_ip {
                    AssignPublicIp::Enabled
                } else {
                    AssignPublicIp::Disabled
                }),
                subnets: unit.values.texts(subnets),
                security_groups: std::iter::once(security_group)
                    .chain(peer_security_group)
                    .map(|group| attr_of(group, meridian_plan::Attr::SecurityGroupId))
                    .collect(),
            }),
        }),
        propagate_tags: Some(match tag_propagation {
            TagPropagation::Service => PropagateTags::Service,
        }),
        enable_ecs_managed_tags: Some((*ecs_managed_tags).into()),
        tags: unit.values.tags(None),
        ..ecs::Service::default()
    };
    let mut resource = Resource::new(properties);
    if let Some(listener) = waits_for {
        // ECS refuses a target group that no listener rule attaches to the load balancer yet.
        resource = resource.depends_on(listener.logical.clone());
    }
    unit.add(rid, resource);

    if let Some(scaling) = scaling {
        lower_scaling(unit, scaling);
    }
}

fn container_health_check(health: &ContainerHealth) -> ContainerHealthCheck {
    let ContainerHealth {
        command,
        interval_seconds,
        timeout_seconds,
        retries,
        start_period_seconds,
    } = health;
    ContainerHealthCheck {
        command: command
            .iter()
            .map(|part| Value::from(part.as_str()))
            .collect(),
        interval: Some(i64::from(*interval_seconds).into()),
        timeout: Some(i64::from(*timeout_seconds).into()),
        retries: Some(i64::from(*retries).into()),
        start_period: Some(i64::from(*start_period_seconds).into()),
    }
}

fn lower_scaling(unit: &mut UnitTemplate<'_>, scaling: &ScalingPlan) {
    let ScalingPlan {
        target,
        service_namespace,
        scalable_dimension,
        resource_id,
        policy_type,
        metric,
        policy,
        policy_name,
        min,
        max,
        target_cpu_percent,
        scale_out_cooldown_seconds,
        scale_in_cooldown_seconds,
        scheduled,
    } = scaling;
    let scheduled_actions = scheduled
        .iter()
        .map(|action| {
            let ScheduledActionPlan {
                name,
                // Terraform's own resource; CloudFormation nests the action in the target.
                rid: _,
                schedule,
                timezone,
                min,
                max,
            } = action;
            ScheduledAction {
                scheduled_action_name: Value::from(name.as_str()),
                schedule: Value::from(schedule.as_str()),
                timezone: Some(Value::from(timezone.as_str())),
                start_time: None,
                end_time: None,
                scalable_target_action: Some(ScalableTargetAction {
                    min_capacity: Some(i64::from(*min).into()),
                    max_capacity: Some(i64::from(*max).into()),
                }),
            }
        })
        .collect();
    unit.add(
        target,
        Resource::new(ScalableTarget {
            scheduled_actions,
            tags: unit.values.tags(None),
            ..ScalableTarget::new(
                unit.values.text(resource_id),
                service_namespace.as_str(),
                scalable_dimension.as_str(),
                i64::from(*min),
                i64::from(*max),
            )
        }),
    );
    unit.add(
        policy,
        Resource::new(ScalingPolicy {
            scaling_target_id: Some(reference(target)),
            target_tracking_scaling_policy_configuration: Some(TargetTrackingConfiguration {
                predefined_metric_specification: Some(PredefinedMetricSpecification::new(
                    metric.as_str(),
                )),
                scale_in_cooldown: Some(i64::from(*scale_in_cooldown_seconds).into()),
                scale_out_cooldown: Some(i64::from(*scale_out_cooldown_seconds).into()),
                ..TargetTrackingConfiguration::new(f64::from(*target_cpu_percent))
            }),
            ..ScalingPolicy::new(
                policy_name.as_str(),
                match policy_type {
                    meridian_plan::ScalingPolicyType::TargetTracking => {
                        ScalingPolicyType::TargetTrackingScaling
                    }
                },
            )
        }),
    );
}
