//! ECS on Fargate: the cluster (Container Insights on), and per service its encrypted log group, execution
//! and task roles, task definition (container definitions in the ECS API's camelCase JSON), service
//! (rolling with the circuit breaker, or native blue/green with the infrastructure role), rollback alarms,
//! and Application Auto Scaling (target, target-tracking policy, one scheduled action per plan entry). It
//! decides no size, count, schedule or threshold.

use meridian_plan::{
    BlueGreenPlan, ClusterPlan, ContainerHealth, ContainerLogging, DeploymentController,
    DeploymentPlan, IpProtocol, LogDriver, RolePurpose, ScalingPlan, ScheduledActionPlan,
    ServiceLoadBalancer, ServicePlan, Strategy, TaskRuntime,
};

use super::{Lowered, Lowerer, depends_on, ignore_changes, region_argument, switch};
use crate::l1::{
    Address, AppautoscalingPolicy, AppautoscalingScheduledAction,
    AppautoscalingScheduledActionScalableTargetAction, AppautoscalingTarget, CloudwatchLogGroup,
    CloudwatchMetricAlarm, EcsCluster, EcsClusterSetting, EcsService, EcsServiceAlarms,
    EcsServiceDeploymentCircuitBreaker, EcsServiceDeploymentConfiguration, EcsServiceLoadBalancer,
    EcsServiceLoadBalancerAdvancedConfiguration, EcsServiceNetworkConfiguration, EcsTaskDefinition,
    EcsTaskDefinitionRuntimePlatform, IamRolePolicy, JsonDocument, LbListenerRule, LbTargetGroup,
    List, PredefinedMetricSpecification, ResourceRef, SecurityGroup,
    TargetTrackingScalingPolicyConfiguration, Value,
};

impl Lowerer<'_> {
    /// The ECS cluster of `region`.
    pub(super) fn lower_cluster(&mut self, region: &str, cluster: &ClusterPlan) -> Lowered {
        let ClusterPlan {
            rid,
            name,
            container_insights,
        } = cluster;
        let insights = switch(*container_insights);
        self.add(
            &rid.tf,
            EcsCluster {
                region: region_argument(region),
                setting: vec![EcsClusterSetting::new("containerInsights", insights)],
                ..EcsCluster::new(name)
            },
        )?;
        Ok(())
    }

    /// One service of `region` and everything it owns.
    pub(super) fn lower_service(&mut self, region: &str, service: &ServicePlan) -> Lowered {
        let ServicePlan {
            // The entity name is already part of every rid and physical name below.
            name: _,
            // Rids hold the current name in Terraform names and the former one in physical names;
            // the moves between them come from the plan's renames.
            renamed_from: _,
            rid,
            task_definition,
            task_role,
            execution_role,
            execution_statements,
            // Terraform lets the provider name a role's inline policy.
            execution_policy_name: _,
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
        let logs = self.add(
            &log_group.tf,
            CloudwatchLogGroup {
                kms_key_id: Some(self.value(log_kms_key)),
                name: Some(log_group_name.into()),
                region: region_argument(region),
                retention_in_days: Some((*log_retention_days).into()),
                ..CloudwatchLogGroup::default()
            },
        )?;

        // Execution role: the managed task-execution policy plus the plan's statements (secrets and the
        // key that encrypts them).
        let (execution, _) = self.purpose_role(&execution_role.tf, RolePurpose::TaskExecution)?;
        if !execution_statements.is_empty() {
            self.add(
                &execution_role.tf,
                IamRolePolicy::new(self.policy_document(execution_statements), execution.id()),
            )?;
        }
        // The application's own role: the plan grants it nothing.
        let (task, _) = self.purpose_role(&task_role.tf, RolePurpose::Task)?;

        let container = self.container_definition(
            region,
            container_name,
            image,
            *essential,
            (*port, *port_protocol),
            (command, entry_point),
            environment,
            secrets,
            health_check.as_ref(),
            (logging, &logs),
        );
        let definition = self.add(
            &task_definition.tf,
            EcsTaskDefinition {
                cpu: Some(cpu.to_string().into()),
                execution_role_arn: Some(execution.arn().into()),
                memory: Some(memory.to_string().into()),
                network_mode: Some(network_mode.as_str().into()),
                region: region_argument(region),
                requires_compatibilities: Some([launch_type.as_str()].into_iter().collect()),
                runtime_platform: Some(EcsTaskDefinitionRuntimePlatform {
                    cpu_architecture: Some(cpu_architecture.as_str().into()),
                    operating_system_family: Some(operating_system.as_str().into()),
                }),
                task_role_arn: Some(task.arn().into()),
                ..EcsTaskDefinition::new(JsonDocument::array([container]), family)
            },
        )?;

        for alarm in rollback_alarms {
            self.lower_alarm(region, alarm)?;
        }

        let DeploymentPlan {
            // ECS is the provider's default controller, which Terraform leaves unset.
            controller: DeploymentController::Ecs,
            strategy,
            circuit_breaker,
            minimum_healthy_percent,
            maximum_percent,
            bake_time_minutes,
            rollback,
            alarms_enabled,
            blue_green,
            // How long runbooks wait for a rollback; ECS has no such setting.
            max_rollback_seconds: _,
        } = deployment;
        let mut waits_for: Vec<Address> = Vec::new();
        let advanced = match blue_green {
            Some(BlueGreenPlan {
                alternate_target_group,
                production_listener_rule,
                infrastructure_role,
            }) => {
                let (role, attachment) =
                    self.purpose_role(&infrastructure_role.tf, RolePurpose::EcsInfrastructure)?;
                // ECS checks the role's permissions when it creates the service.
                waits_for.extend(attachment);
                Some(EcsServiceLoadBalancerAdvancedConfiguration::new(
                    ResourceRef::<LbTargetGroup>::planned(&alternate_target_group.tf).arn(),
                    ResourceRef::<LbListenerRule>::planned(&production_listener_rule.tf).arn(),
                    role.arn(),
                ))
            }
            None => None,
        };
        let mut load_balancers = Vec::new();
        if let Some(ServiceLoadBalancer {
            target_group,
            listener_rule,
            container_port,
        }) = load_balancer
        {
            // ECS refuses a service whose target group no listener rule attaches yet.
            waits_for.push(
                ResourceRef::<LbListenerRule>::planned(&listener_rule.tf).terraform_address(),
            );
            load_balancers.push(EcsServiceLoadBalancer {
                advanced_configuration: advanced,
                target_group_arn: Some(
                    ResourceRef::<LbTargetGroup>::planned(&target_group.tf)
                        .arn()
                        .into(),
                ),
                ..EcsServiceLoadBalancer::new(container_name, *container_port)
            });
        }
        let alarms = (!rollback_alarms.is_empty()).then(|| {
            EcsServiceAlarms::new(
                rollback_alarms
                    .iter()
                    .map(|alarm| {
                        ResourceRef::<CloudwatchMetricAlarm>::planned(&alarm.rid.tf).alarm_name()
                    })
                    .collect::<Value<List<String>>>(),
                *alarms_enabled,
                *rollback,
            )
        });
        let circuit_breaker = match strategy {
            Strategy::Rolling => Some(EcsServiceDeploymentCircuitBreaker::new(
                *circuit_breaker,
                *rollback,
            )),
            // The circuit breaker applies to rolling deployments only; blue/green rolls back on alarms.
            Strategy::BlueGreen => None,
        };
        let mut meta = depends_on(waits_for);
        if scaling.is_some() {
            // Application Auto Scaling owns the task count once the service exists.
            meta.lifecycle = Some(ignore_changes(&["desired_count"]));
        }
        self.add_with(
            &rid.tf,
            EcsService {
                alarms,
                cluster: Some(ResourceRef::<EcsCluster>::planned(&cluster.tf).arn().into()),
                deployment_circuit_breaker: circuit_breaker,
                deployment_configuration: Some(EcsServiceDeploymentConfiguration {
                    bake_time_in_minutes: bake_time_minutes
                        .map(|minutes| minutes.to_string().into()),
                    strategy: Some(strategy.as_str().into()),
                    ..EcsServiceDeploymentConfiguration::default()
                }),
                deployment_maximum_percent: Some((*maximum_percent).into()),
                deployment_minimum_healthy_percent: Some((*minimum_healthy_percent).into()),
                desired_count: Some((*desired_count).into()),
                enable_ecs_managed_tags: Some((*ecs_managed_tags).into()),
                health_check_grace_period_seconds: health_check_grace_seconds.map(Into::into),
                launch_type: Some(launch_type.as_str().into()),
                load_balancer: load_balancers,
                network_configuration: Some(EcsServiceNetworkConfiguration {
                    assign_public_ip: Some((*assign_public_ip).into()),
                    security_groups: Some(
                        std::iter::once(security_group)
                            .chain(peer_security_group)
                            .map(|group| ResourceRef::<SecurityGroup>::planned(&group.tf).id())
                            .collect(),
                    ),
                    ..EcsServiceNetworkConfiguration::new(self.values(subnets))
                }),
                propagate_tags: Some(tag_propagation.as_str().into()),
                region: region_argument(region),
                task_definition: Some(definition.arn().into()),
                ..EcsService::new(service_name)
            },
            meta,
        )?;
        if let Some(scaling) = scaling {
            self.lower_scaling(region, scaling)?;
        }
        Ok(())
    }

    /// The one container of a task definition, as the ECS API spells it.
    #[allow(clippy::too_many_arguments)]
    fn container_definition(
        &self,
        region: &str,
        container_name: &str,
        image: &meridian_plan::Text,
        essential: bool,
        (port, protocol): (Option<u32>, IpProtocol),
        (command, entry_point): (&[meridian_plan::Text], &[meridian_plan::Text]),
        environment: &[(String, meridian_plan::Text)],
        secrets: &[(String, meridian_plan::Text)],
        health_check: Option<&ContainerHealth>,
        (logging, logs): (&ContainerLogging, &ResourceRef<CloudwatchLogGroup>),
    ) -> JsonDocument {
        let ContainerLogging {
            driver,
            stream_prefix,
        } = logging;
        let log_options = match driver {
            LogDriver::AwsLogs => JsonDocument::object([
                ("awslogs-group", logs.name().into()),
                ("awslogs-region", region.into()),
                ("awslogs-stream-prefix", stream_prefix.as_str().into()),
            ]),
        };
        let mut entries: Vec<(&str, JsonDocument)> = vec![
            ("name", container_name.into()),
            ("image", self.json(image)),
            ("essential", essential.into()),
            // A worker has no port, so no mapping.
            (
                "portMappings",
                JsonDocument::array(port.map(|port| {
                    JsonDocument::object([
                        ("containerPort", port.into()),
                        ("protocol", protocol.as_str().into()),
                    ])
                })),
            ),
            (
                "environment",
                JsonDocument::array(environment.iter().map(|(name, value)| {
                    JsonDocument::object([
                        ("name", name.as_str().into()),
                        ("value", self.json(value)),
                    ])
                })),
            ),
            (
                "secrets",
                JsonDocument::array(secrets.iter().map(|(name, value_from)| {
                    JsonDocument::object([
                        ("name", name.as_str().into()),
                        ("valueFrom", self.json(value_from)),
                    ])
                })),
            ),
            (
                "logConfiguration",
                JsonDocument::object([
                    ("logDriver", driver.as_str().into()),
                    ("options", log_options),
                ]),
            ),
        ];
        // Absent rather than empty: an empty list would not keep the image's own.
        for (key, arguments) in [("command", command), ("entryPoint", entry_point)] {
            if !arguments.is_empty() {
                entries.push((
                    key,
                    JsonDocument::array(arguments.iter().map(|item| self.json(item))),
                ));
            }
        }
        if let Some(ContainerHealth {
            command,
            interval_seconds,
            timeout_seconds,
            retries,
            start_period_seconds,
        }) = health_check
        {
            entries.push((
                "healthCheck",
                JsonDocument::object([
                    (
                        "command",
                        JsonDocument::array(command.iter().map(|part| part.as_str().into())),
                    ),
                    ("interval", (*interval_seconds).into()),
                    ("timeout", (*timeout_seconds).into()),
                    ("retries", (*retries).into()),
                    ("startPeriod", (*start_period_seconds).into()),
                ]),
            ));
        }
        JsonDocument::object(entries)
    }

    fn lower_scaling(&mut self, region: &str, scaling: &ScalingPlan) -> Lowered {
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
        let target_handle = self.add(
            &target.tf,
            AppautoscalingTarget {
                region: region_argument(region),
                ..AppautoscalingTarget::new(
                    *max,
                    *min,
                    self.value(resource_id),
                    scalable_dimension.as_str(),
                    service_namespace.as_str(),
                )
            },
        )?;
        self.add(
            &policy.tf,
            AppautoscalingPolicy {
                policy_type: Some(policy_type.as_str().into()),
                region: region_argument(region),
                target_tracking_scaling_policy_configuration: Some(
                    TargetTrackingScalingPolicyConfiguration {
                        predefined_metric_specification: Some(PredefinedMetricSpecification::new(
                            metric.as_str(),
                        )),
                        scale_in_cooldown: Some((*scale_in_cooldown_seconds).into()),
                        scale_out_cooldown: Some((*scale_out_cooldown_seconds).into()),
                        ..TargetTrackingScalingPolicyConfiguration::new(*target_cpu_percent)
                    },
                ),
                ..AppautoscalingPolicy::new(
                    policy_name.as_str(),
                    target_handle.resource_id(),
                    target_handle.scalable_dimension(),
                    target_handle.service_namespace(),
                )
            },
        )?;
        for action in scheduled {
            let ScheduledActionPlan {
                name,
                rid,
                schedule,
                timezone,
                min,
                max,
            } = action;
            self.add(
                &rid.tf,
                AppautoscalingScheduledAction {
                    region: region_argument(region),
                    timezone: Some(timezone.into()),
                    ..AppautoscalingScheduledAction::new(
                        name,
                        target_handle.resource_id(),
                        target_handle.scalable_dimension(),
                        AppautoscalingScheduledActionScalableTargetAction {
                            max_capacity: Some(max.to_string().into()),
                            min_capacity: Some(min.to_string().into()),
                        },
                        schedule,
                        target_handle.service_namespace(),
                    )
                },
            )?;
        }
        Ok(())
    }
}
