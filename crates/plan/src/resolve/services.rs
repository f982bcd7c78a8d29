//! ECS services in every service region: sizes, counts per region role, containers, their
//! environment and secrets, scaling and schedules (E301 to E322).

use std::collections::BTreeMap;

use meridian_model::{
    DeploymentStrategy, Diagnostic, PerRole, RollbackAction, StackPath, bug, codes,
};

use super::*;
use crate::aws;
use crate::cron::check_schedule;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, EntityName, pascal};
use crate::suggest_list;
use crate::timezones::is_time_zone;
use crate::types::*;
use crate::value::{Attr, AttrRef, Part, Text};

/// Where a service's traffic comes from.
#[derive(Debug, Clone)]
pub(crate) struct ServiceRouting {
    /// The further load balancer (`load_balancers`) holding the target group; `None`: the main.
    pub(crate) load_balancer: Option<String>,
    pub(crate) target_group: String,
    /// (listener port, rule priority) of the rules forwarding to it.
    pub(crate) rules: Vec<(u32, u32)>,
}

impl<'a> Resolver<'a> {
    /// Every service in every service region, their cluster and the security groups that chain
    /// load balancer → tasks → data stores.
    pub(crate) fn resolve_services(
        &mut self,
        regions: &Regions<'_>,
        inputs: &ServiceInputs<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) -> ServiceNames {
        let stack = self.stack;
        let mut resolved = ServiceNames::default();
        if stack.services.is_empty() {
            return resolved;
        }
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut routing: BTreeMap<String, ServiceRouting> = BTreeMap::new();
        // A service attaches to the load balancer whose target group names it.
        for (name, lb) in stack.all_load_balancers() {
            for tg in &lb.target_groups {
                let rules = lb
                    .listeners
                    .iter()
                    .flat_map(|listener| {
                        listener
                            .rules
                            .iter()
                            .filter(|rule| rule.target_group == tg.name)
                            .map(move |rule| (listener.port, rule.priority))
                    })
                    .collect();
                routing.entry(tg.service.clone()).or_insert(ServiceRouting {
                    load_balancer: name.map(str::to_owned),
                    target_group: tg.name.clone(),
                    rules,
                });
            }
        }
        for (index, service) in stack.services.iter().enumerate() {
            let path = StackPath::root().key("services").index(index);
            if !is_entity_name(&service.name, naming::limits::SERVICE_NAME) {
                self.report(
                    Diagnostic::new(codes::E301, path.key("name"), format!("`{}` is not a valid service name: lowercase letters, digits and single hyphens, starting with a letter, at most {} characters", service.name, naming::limits::SERVICE_NAME))
                        .with_help(format!("the name is part of the ECS service name and of IDs{}", entity_name_example(&service.name, naming::limits::SERVICE_NAME))),
                );
            }
            if !self.claim_name(
                &mut names,
                &service.name,
                &path,
                codes::E301,
                "service",
                "give each service its own name",
            ) {
                continue;
            }
            let identity = self.entity(EntityKind::Service, &service.name).identity;
            resolved.names.insert(identity);
            let valid = self.check_service(
                &path,
                service,
                routing.get(&service.name),
                (regions, inputs.placement),
            );
            for region in regions.iter() {
                if region.role == RegionRole::StorageOnly
                    || !inputs.placement.runs(&service.name, &region.code)
                {
                    continue;
                }
                let Some(app) = apps.get(&region.code) else {
                    continue;
                };
                let Some(network) = app.network.as_ref() else {
                    continue;
                };
                let plan = self.service_in_region(
                    &path,
                    service,
                    region,
                    &network.private_subnets,
                    app,
                    routing.get(&service.name),
                    inputs,
                );
                // An invalid service is still resolved above, so that its references are
                // checked too; it is not added to the plan.
                if !valid {
                    continue;
                }
                let app = apps
                    .get_mut(&region.code)
                    .unwrap_or_else(|| bug("a service region has no application plan"));
                if app.cluster.is_none() {
                    let unit = app.unit.clone();
                    let cluster = ClusterPlan {
                        rid: naming_cluster_rid(self, &unit),
                        name: self.names.cluster(&region.code),
                        container_insights: defaults::CONTAINER_INSIGHTS,
                    };
                    self.export(
                        &unit,
                        "ClusterName",
                        "Name of the ECS cluster",
                        Text::lit(cluster.name.clone()),
                    );
                    let app = apps
                        .get_mut(&region.code)
                        .unwrap_or_else(|| bug("a service region has no application plan"));
                    app.cluster = Some(cluster);
                }
                let app = apps
                    .get_mut(&region.code)
                    .unwrap_or_else(|| bug("a service region has no application plan"));
                app.services.push(plan);
                resolved
                    .regions
                    .entry(region.code.clone())
                    .or_default()
                    .insert(self.entity(EntityKind::Service, &service.name).identity);
            }
        }
        for app in apps.values_mut() {
            wire_security_groups(self, app);
        }
        resolved
    }

    /// Checks one service's settings; returns whether it can be planned.
    pub(crate) fn check_service(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        routing: Option<&ServiceRouting>,
        (regions, placement): (&Regions<'_>, &Placement),
    ) -> bool {
        let mut valid = true;
        valid &= self.check_service_size(path, service);
        valid &= self.check_container(path, service);
        valid &= self.check_environment_names(path, service);
        valid &= self.check_desired_counts(path, service, regions, placement);
        valid &= self.check_scaling(path, service);
        valid &= self.check_service_deployment(path, service, routing);
        valid
    }

    /// The task size Fargate offers (E302) and the container port (E303).
    fn check_service_size(&mut self, path: &StackPath, service: &meridian_model::Service) -> bool {
        let mut valid = true;
        match aws::fargate_memory_options(service.cpu) {
            None => {
                self.report(
                    Diagnostic::new(
                        codes::E302,
                        path.key("cpu"),
                        format!("{} CPU units is not a Fargate task size", service.cpu),
                    )
                    .with_help(format!(
                        "use one of {}",
                        aws::FARGATE_CPU
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
                valid = false;
            }
            Some(options) if !options.contains(&service.memory) => {
                let (low, high) = (
                    options.first().copied().unwrap_or(0),
                    options.last().copied().unwrap_or(0),
                );
                self.report(
                    Diagnostic::new(
                        codes::E302,
                        path.key("memory"),
                        format!("{} MiB does not go with {} CPU units on Fargate (allowed: {low} to {high} MiB in steps of {} MiB)", service.memory, service.cpu, options.get(1).map_or(0, |second| second - low)),
                    )
                    .with_help("pick a memory size from the allowed range, or change `cpu`"),
                );
                valid = false;
            }
            Some(_) => {}
        }
        if let Some(port) = service.port
            && !aws::limits::PORTS.contains(&port)
        {
            self.report(
                Diagnostic::new(
                    codes::E303,
                    path.key("port"),
                    format!("port {port} is outside {}", range_text(&aws::limits::PORTS)),
                )
                .with_help("give the port the container listens on"),
            );
            valid = false;
        }
        valid
    }

    /// The container's logs (E304) and health check (E305).
    fn check_container(&mut self, path: &StackPath, service: &meridian_model::Service) -> bool {
        let mut valid = true;
        // The log group's name and stream prefix, with their placeholders, are judged with the
        // other physical names (`names.rs`).
        if let Some(logs) = &service.logs
            && let Some(days) = logs.retention_days
            && !aws::LOG_RETENTION_DAYS.contains(&days)
        {
            let nearest = aws::LOG_RETENTION_DAYS
                .iter()
                .copied()
                .min_by_key(|allowed| allowed.abs_diff(days))
                .unwrap_or(defaults::LOG_RETENTION_DAYS);
            self.report(
                Diagnostic::new(
                    codes::E304,
                    path.key("logs").key("retention_days"),
                    format!("{days} days is not a retention CloudWatch Logs offers"),
                )
                .with_help(format!(
                    "the closest allowed value is {nearest}; allowed: {}",
                    aws::LOG_RETENTION_DAYS
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            valid = false;
        }
        valid &= self.check_arguments(path, service);
        if let Some(health) = &service.health_check {
            let health_path = path.key("health_check");
            let checks = [
                (
                    "interval_seconds",
                    health.interval_seconds,
                    aws::limits::ECS_HEALTH_INTERVAL_SECONDS,
                ),
                (
                    "timeout_seconds",
                    health.timeout_seconds,
                    aws::limits::ECS_HEALTH_TIMEOUT_SECONDS,
                ),
                ("retries", health.retries, aws::limits::ECS_HEALTH_RETRIES),
                (
                    "start_period_seconds",
                    health.start_period_seconds,
                    aws::limits::ECS_HEALTH_START_PERIOD_SECONDS,
                ),
            ];
            for (key, value, range) in checks {
                let (low, high) = (*range.start(), *range.end());
                if let Some(value) = value
                    && !range.contains(&value)
                {
                    self.report(
                        Diagnostic::new(
                            codes::E305,
                            health_path.key(key),
                            format!("{key} {value} is outside {low} to {high}"),
                        )
                        .with_help("these are the bounds ECS accepts for container health checks"),
                    );
                    valid = false;
                }
            }
            if health.command.trim().is_empty() {
                self.report(
                    Diagnostic::new(codes::E305, health_path.key("command"), "the health-check command is empty")
                        .with_help("give a shell command that exits 0 when healthy, e.g. `curl -f http://localhost:8080/health || exit 1`"),
                );
                valid = false;
            }
        }
        valid
    }

    /// The container's `command` and `entrypoint` (E331): ECS passes each item as one argument,
    /// so an empty list (which would silently keep the image's) and an empty item are mistakes.
    fn check_arguments(&mut self, path: &StackPath, service: &meridian_model::Service) -> bool {
        let mut valid = true;
        for (key, arguments) in [
            ("command", &service.command),
            ("entrypoint", &service.entrypoint),
        ] {
            let Some(arguments) = arguments else {
                continue;
            };
            if arguments.is_empty() {
                self.report(
                    Diagnostic::new(
                        codes::E331,
                        path.key(key),
                        format!("`{key}` is an empty list"),
                    )
                    .with_help(format!(
                        "give at least one argument, or leave `{key}` out to keep the image's own"
                    )),
                );
                valid = false;
            }
            for (index, argument) in arguments.iter().enumerate() {
                if argument.trim().is_empty() {
                    self.report(
                        Diagnostic::new(
                            codes::E331,
                            path.key(key).index(index),
                            format!("argument {index} of `{key}` is empty"),
                        )
                        .with_help("each item is passed to the program as one argument; remove the empty one"),
                    );
                    valid = false;
                }
            }
        }
        valid
    }

    /// Environment and secret variable names (E321, E322).
    fn check_environment_names(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
    ) -> bool {
        let mut valid = true;
        for (key, value) in service
            .environment
            .keys()
            .map(|k| ("environment", k))
            .chain(service.secrets.keys().map(|k| ("secrets", k)))
        {
            valid &= self.check_variable_name(&path.key(key).key(value), value);
        }
        for name in service.secrets.keys() {
            if service.environment.contains_key(name) {
                self.report(
                    Diagnostic::new(
                        codes::E322,
                        path.key("secrets").key(name),
                        format!("`{name}` is both an environment variable and a secret"),
                    )
                    .with_help("keep one of the two; ECS refuses duplicate names")
                    .with_related(
                        path.key("environment").key(name),
                        "the environment variable",
                    ),
                );
                valid = false;
            }
        }
        valid
    }

    /// An environment variable name (E321); returns whether it is one.
    pub(crate) fn check_variable_name(&mut self, path: &StackPath, name: &str) -> bool {
        let ok = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !ok {
            self.report(
                Diagnostic::new(
                    codes::E321,
                    path.clone(),
                    format!("`{name}` is not a valid environment variable name"),
                )
                .with_help("use letters, digits and underscores, not starting with a digit"),
            );
        }
        ok
    }

    /// Desired counts per region role against the scaling capacity (E306, E307).
    fn check_desired_counts(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        regions: &Regions<'_>,
        placement: &Placement,
    ) -> bool {
        let mut valid = true;
        // Desired counts and capacity, in the regions the service runs in.
        let roles: Vec<(RegionCode, RegionRole)> = regions
            .service_codes()
            .filter(|code| placement.runs(&service.name, code))
            .filter_map(|code| Some((code.clone(), regions.service_role(code)?)))
            .collect();
        let scaling = service.scaling.as_ref();
        for (region, role) in &roles {
            let desired = per_role(&service.desired_count, *role);
            let role_key = match role {
                RegionRole::Primary | RegionRole::StorageOnly => "primary",
                RegionRole::Secondary => "secondary",
                RegionRole::Optional => "optional",
            };
            if let Some(scaling) = scaling {
                let capacity = per_role(&scaling.capacity, *role);
                if capacity.min > capacity.max || capacity.max > aws::limits::ECS_TASKS_PER_SERVICE
                {
                    self.report(
                        Diagnostic::new(codes::E307, path.key("scaling").key("capacity").key(role_key), format!("capacity min {} / max {} in `{region}` is not a range (min ≤ max ≤ {})", capacity.min, capacity.max, aws::limits::ECS_TASKS_PER_SERVICE))
                            .with_help("make `min` at most `max`"),
                    );
                    valid = false;
                } else if desired < capacity.min || desired > capacity.max {
                    self.report(
                        Diagnostic::new(
                            codes::E306,
                            path.key("desired_count").key(role_key),
                            format!("desired count {desired} in `{region}` ({role_key}) is outside the scaling capacity {} to {}", capacity.min, capacity.max),
                        )
                        .with_help("keep min ≤ desired ≤ max, or auto scaling moves the count on its first evaluation")
                        .with_related(path.key("scaling").key("capacity").key(role_key), "the capacity"),
                    );
                    valid = false;
                }
            } else if desired > aws::limits::ECS_TASKS_PER_SERVICE {
                self.report(
                    Diagnostic::new(
                        codes::E306,
                        path.key("desired_count").key(role_key),
                        format!(
                            "desired count {desired} is above {} tasks",
                            aws::limits::ECS_TASKS_PER_SERVICE
                        ),
                    )
                    .with_help(format!(
                        "ECS services run at most {} tasks",
                        aws::limits::ECS_TASKS_PER_SERVICE
                    )),
                );
                valid = false;
            }
        }
        valid
    }

    /// The scaling settings: CPU target and schedules (E316 to E320).
    fn check_scaling(&mut self, path: &StackPath, service: &meridian_model::Service) -> bool {
        let mut valid = true;
        let scaling = service.scaling.as_ref();
        if let Some(scaling) = scaling {
            if let Some(cpu) = scaling.target_cpu_percent
                && !defaults::bounds::TARGET_CPU_PERCENT.contains(&cpu)
            {
                self.report(
                    Diagnostic::new(
                        codes::E320,
                        path.key("scaling").key("target_cpu_percent"),
                        format!(
                            "a CPU target of {cpu}% is outside {}%",
                            range_text(&defaults::bounds::TARGET_CPU_PERCENT)
                        ),
                    )
                    .with_help("60% leaves headroom for a region taking over another's traffic"),
                );
                valid = false;
            }
            let mut schedule_names: BTreeMap<&str, StackPath> = BTreeMap::new();
            for (schedule_index, schedule) in scaling.schedules.iter().enumerate() {
                let schedule_path = path.key("scaling").key("schedules").index(schedule_index);
                let name_ok = is_plain_name(&schedule.name, naming::limits::SCHEDULE_NAME);
                if !name_ok {
                    self.report(
                        Diagnostic::new(
                            codes::E318,
                            schedule_path.key("name"),
                            format!("`{}` is not a valid schedule name", schedule.name),
                        )
                        .with_help("use letters, digits, hyphens and underscores"),
                    );
                    valid = false;
                }
                if !self.claim_name(
                    &mut schedule_names,
                    &schedule.name,
                    &schedule_path,
                    codes::E318,
                    "schedule",
                    "scheduled actions of one service need distinct names",
                ) {
                    valid = false;
                }
                if let Err(problem) = check_schedule(&schedule.cron) {
                    self.report(
                        Diagnostic::new(codes::E316, schedule_path.key("cron"), problem.message)
                            .with_help(problem.help),
                    );
                    valid = false;
                }
                if let Some(zone) = &schedule.timezone
                    && !is_time_zone(zone)
                {
                    let help = match suggest_list(zone, crate::timezones::all()) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "use an IANA time zone name such as `America/New_York` or `Europe/Dublin`".to_owned(),
                    };
                    self.report(
                        Diagnostic::new(
                            codes::E317,
                            schedule_path.key("timezone"),
                            format!("`{zone}` is not an IANA time zone"),
                        )
                        .with_help(help),
                    );
                    valid = false;
                } else if let Some(zone) = &schedule.timezone
                    && let Some(meant) = crate::timezones::fixed_offset_lookalike(zone)
                {
                    self.report(
                        Diagnostic::new(
                            codes::W317,
                            schedule_path.key("timezone"),
                            format!("`{zone}` keeps one UTC offset all year: the schedule runs an hour off local time while daylight saving is in effect"),
                        )
                        .with_help(format!("use a location's zone such as `{meant}`, which follows daylight saving; acknowledge the warning if a fixed offset is meant")),
                    );
                }
                let capacity = &schedule.capacity;
                for (key, value) in [
                    ("primary", capacity.primary),
                    ("secondary", capacity.secondary),
                    ("optional", capacity.optional),
                ] {
                    if let Some(value) = value
                        && value.min > value.max
                    {
                        self.report(
                            Diagnostic::new(
                                codes::E319,
                                schedule_path.key("capacity").key(key),
                                format!("min {} is above max {}", value.min, value.max),
                            )
                            .with_help("make `min` at most `max`"),
                        );
                        valid = false;
                    }
                }
                if capacity.primary.is_none()
                    && capacity.secondary.is_none()
                    && capacity.optional.is_none()
                {
                    self.report(
                        Diagnostic::new(
                            codes::E319,
                            schedule_path.key("capacity"),
                            "the schedule changes no region's capacity",
                        )
                        .with_help("give new bounds for at least one role"),
                    );
                    valid = false;
                }
            }
        } else if let Some(deployment) = &service.deployment
            && deployment.strategy == Some(DeploymentStrategy::BlueGreen)
        {
            // Nothing extra: blue/green works without auto scaling.
        }
        valid
    }

    /// The service's deployment settings.
    fn check_service_deployment(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        routing: Option<&ServiceRouting>,
    ) -> bool {
        let mut valid = true;
        if let Some(deployment) = &service.deployment {
            valid &= self.check_deployment(path, service, deployment, routing);
        }
        valid
    }

    /// One service in one region: its task definition, roles, log group, load-balancer
    /// attachment, deployment, rollback alarms and scaling.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn service_in_region(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        region: &ResolvedRegion<'_>,
        subnets: &[Text],
        app: &AppPlan,
        routing: Option<&ServiceRouting>,
        inputs: &ServiceInputs<'_>,
    ) -> ServicePlan {
        // Its own resources live in its services unit when the region is split (split.rs).
        let unit = self.service_unit(&app.unit, &service.name);
        // A renamed service keeps its former name in IDs and physical names (naming.rs).
        let entity = self.entity(EntityKind::Service, &service.name);
        let identity = entity.identity.clone();
        let mut role_rid =
            |role: &str| self.entity_rid(&unit, &entity, |base| [base, role].concat(), path);
        let rid = role_rid("Service");
        let task_definition = role_rid("TaskDefinition");
        let execution_role = role_rid("ExecutionRole");
        let task_role = role_rid("TaskRole");
        let log_group = role_rid("LogGroup");
        let security_group = role_rid("SecurityGroup");
        let cluster = naming_cluster_rid(self, &app.unit);
        let container =
            self.container_values(path, service, (&unit, region.role), inputs.references);
        let execution_statements = self.execution_statements(&unit, &region.code, &container);
        let rollback = RollbackSettings::of(service);
        let wiring = self.service_load_balancer(path, service, &entity, app, routing, &rollback);
        let rollback_alarms =
            self.service_rollback_alarms(path, &entity, &unit, (&rollback, &wiring), inputs);
        let scaling = service.scaling.as_ref().map(|scaling| {
            self.service_scaling(
                path,
                &entity,
                (&unit, region.role),
                (&cluster, &rid),
                scaling,
            )
        });
        let service_name = self.names.service(&identity, &region.code);
        let container_name = self.names.container(&identity);
        self.export(
            &unit,
            &format!("{}ServiceName", pascal(&identity)),
            &format!("Name of the {identity} ECS service"),
            Text::lit(service_name.clone()),
        );
        let logs = service.logs.as_ref();
        ServicePlan {
            name: service.name.clone(),
            renamed_from: entity.is_renamed().then(|| identity.clone()),
            rid,
            task_definition,
            task_role,
            execution_policy_name: naming::role_policy_name(&execution_role),
            execution_role,
            execution_statements,
            log_group,
            log_group_name: self.names.service_log_group(&identity, &region.code),
            log_retention_days: logs
                .and_then(|logs| logs.retention_days)
                .unwrap_or(defaults::LOG_RETENTION_DAYS),
            log_kms_key: self.data_key_arn(&unit, &region.code),
            security_group,
            // Set by the links once the mesh is known.
            peer_security_group: None,
            cluster,
            family: service_name.clone(),
            service_name,
            logging: ContainerLogging {
                driver: LogDriver::AwsLogs,
                // Streams are `<prefix>/<container>/<task ID>`: by default the prefix is the
                // container's name, one prefix per service.
                stream_prefix: self.names.stream_prefix(&identity, &region.code),
            },
            container_name,
            image: container.image,
            cpu: service.cpu,
            memory: service.memory,
            runtime: task_runtime(service),
            // The task's only container: the task stops when it does.
            essential: true,
            port: service.port,
            port_protocol: IpProtocol::Tcp,
            command: container.command,
            entry_point: container.entry_point,
            environment: container.environment,
            secrets: container.secrets,
            health_check: service.health_check.as_ref().map(container_health),
            desired_count: per_role(&service.desired_count, region.role),
            deployment: deployment_plan(service, &rollback, &rollback_alarms, wiring.blue_green),
            health_check_grace_seconds: wiring
                .load_balancer
                .as_ref()
                .map(|_| defaults::HEALTH_CHECK_GRACE_SECONDS),
            load_balancer: wiring.load_balancer,
            subnets: subnets.to_vec(),
            assign_public_ip: defaults::ASSIGN_PUBLIC_IP,
            tag_propagation: defaults::TAG_PROPAGATION,
            ecs_managed_tags: defaults::ECS_MANAGED_TAGS,
            scaling,
            rollback_alarms,
        }
    }

    /// The image, environment and secrets of a service's container in `unit`.
    fn container_values(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        (unit, role): (&UnitId, RegionRole),
        references: &References<'_>,
    ) -> ContainerValues {
        let environment_context = TextContext {
            unit,
            kind: ParamKind::Text,
            per_region: false,
            references: ReferenceScope::Environment(references),
        };
        let image = self.text(&path.key("image"), &service.image, environment_context);
        let mut arguments = |key: &str, items: &Option<Vec<String>>| -> Vec<Text> {
            items
                .iter()
                .flatten()
                .enumerate()
                .map(|(index, item)| {
                    self.text(&path.key(key).index(index), item, environment_context)
                })
                .collect()
        };
        let command = arguments("command", &service.command);
        let entry_point = arguments("entrypoint", &service.entrypoint);
        // The writer's address and the cache primary's endpoint are read from the region's SSM
        // parameter when a task starts (ECS `secrets`), wherever they are written: a failover
        // moves them without a new synthesis, and a forced new deployment picks them up.
        let region = unit.region().cloned().unwrap_or_default();
        let mut parameters: Vec<(String, Text)> = Vec::new();
        let local_database = references.database.by_region.contains_key(&region);
        // A database whose writer was not planned has an error reported already (its region's
        // network, its settings): its address is left out rather than reported again as a
        // misplaced reference.
        let writer_unplanned =
            self.stack.database.is_some() && references.database.writer.is_none();
        let mut from_parameter = |name: &str, value: &str| {
            let kind = endpoint_reference(value, local_database)?;
            match references.endpoints.arn(&region, kind) {
                Some(arn) => parameters.push((name.to_owned(), arn)),
                None if kind == EndpointKind::WriterAddress && writer_unplanned => {}
                None => return None,
            }
            Some(())
        };
        let environment: Vec<(String, Text)> = region_environment(path, service, &region, role)
            .into_iter()
            .filter(|(name, (_, value))| from_parameter(name, value).is_none())
            .map(|(name, (value_path, value))| {
                let value = self.text(&value_path, value, environment_context);
                (name.to_owned(), value)
            })
            .collect();
        let mut secrets: Vec<(String, Text)> = service
            .secrets
            .iter()
            .filter(|(name, value)| from_parameter(name, value).is_none())
            .map(|(name, value)| {
                let value_from = self.text(
                    &path.key("secrets").key(name),
                    value,
                    TextContext {
                        unit,
                        kind: ParamKind::SecretArn,
                        per_region: true,
                        references: ReferenceScope::Secrets(references),
                    },
                );
                (name.clone(), value_from)
            })
            .collect();
        let parameter_arns: Vec<Text> = parameters.iter().map(|(_, arn)| arn.clone()).collect();
        secrets.extend(parameters);
        secrets.sort_by(|a, b| a.0.cmp(&b.0));
        // What the container definition carries of the stack's own text: ECS refuses a task
        // definition over 64 KiB, and the unit's template grows with it (split.rs).
        let carried: usize = std::iter::once(&image)
            .chain(command.iter().chain(&entry_point))
            .chain(environment.iter().chain(&secrets).map(|(_, value)| value))
            .map(text_bytes)
            .sum::<usize>()
            + environment
                .iter()
                .chain(&secrets)
                .map(|(name, _)| name.len())
                .sum::<usize>();
        *self.text_bytes.entry(unit.clone()).or_default() += carried;
        if carried > aws::limits::ECS_TASK_DEFINITION_BYTES {
            self.report(
                Diagnostic::new(
                    codes::E327,
                    path.key("environment"),
                    format!(
                        "the image, environment and secrets of this service come to {carried} bytes, and ECS accepts a task definition of at most {} bytes (64 KiB)",
                        aws::limits::ECS_TASK_DEFINITION_BYTES
                    ),
                )
                .with_help("keep large values out of the task definition: put them in an S3 object or an SSM parameter the service reads at start, and pass its name"),
            );
        }
        ContainerValues {
            image,
            command,
            entry_point,
            environment,
            secrets,
            parameter_arns,
        }
    }

    /// The statements of the execution role: it reads exactly the secrets the task uses, and
    /// decrypts with the region's data key that encrypts Meridian's secrets there.
    fn execution_statements(
        &mut self,
        unit: &UnitId,
        region: &str,
        container: &ContainerValues,
    ) -> Vec<Statement> {
        let mut secret_arns: Vec<Text> = Vec::new();
        let mut parameter_arns: Vec<Text> = Vec::new();
        for (_, value_from) in &container.secrets {
            if container.parameter_arns.contains(value_from) {
                if !parameter_arns.contains(value_from) {
                    parameter_arns.push(value_from.clone());
                }
                continue;
            }
            let arn = strip_json_key(value_from);
            if !secret_arns.contains(&arn) {
                secret_arns.push(arn);
            }
        }
        let mut statements = Vec::new();
        // `String` parameters: ECS reads them with `ssm:GetParameters` alone (no key involved).
        if !parameter_arns.is_empty() {
            statements.push(Statement {
                sid: "ReadEndpointParameters".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["ssm:GetParameters".to_owned()],
                resources: parameter_arns,
                conditions: Vec::new(),
            });
        }
        if secret_arns.is_empty() {
            return statements;
        }
        statements.extend([
            Statement {
                sid: "ReadSecrets".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["secretsmanager:GetSecretValue".to_owned()],
                resources: secret_arns,
                conditions: Vec::new(),
            },
            Statement {
                sid: "DecryptSecrets".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["kms:Decrypt".to_owned()],
                resources: vec![self.data_key_arn(unit, region)],
                conditions: vec![Condition {
                    operator: "StringEquals".to_owned(),
                    key: "kms:ViaService".to_owned(),
                    values: vec![Text::lit(format!("secretsmanager.{region}.amazonaws.com"))],
                }],
            },
        ]);
        statements
    }

    /// The service's target group and listener rule in the region's load balancer, and its
    /// blue/green wiring.
    fn service_load_balancer<'p>(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        entity: &EntityName,
        app: &'p AppPlan,
        routing: Option<&ServiceRouting>,
        rollback: &RollbackSettings,
    ) -> ServiceWiring<'p> {
        let lb = match routing.and_then(|routing| routing.load_balancer.as_ref()) {
            None => app.load_balancer.as_ref(),
            Some(name) => app.load_balancers.get(name),
        };
        let target_group = routing.and_then(|routing| {
            lb.and_then(|lb| {
                lb.target_groups
                    .iter()
                    .find(|tg| tg.name == routing.target_group)
            })
        });
        let rule_rid = routing.and_then(|routing| {
            let (port, priority) = *routing.rules.first()?;
            lb?.listeners
                .iter()
                .find(|listener| listener.port == port)?
                .rules
                .iter()
                .find(|rule| rule.priority == priority)
                .map(|rule| rule.rid.clone())
        });
        // A target group no rule forwards to is an error reported with the load balancer, and
        // then no plan is produced.
        let load_balancer = target_group
            .zip(rule_rid.clone())
            .map(|(tg, listener_rule)| ServiceLoadBalancer {
                target_group: tg.rid.clone(),
                listener_rule,
                // E212 and E330 make it the service's own port.
                container_port: tg.port,
            });
        let blue_green = match (
            rollback.strategy,
            target_group.and_then(|tg| tg.alternate.clone()),
            rule_rid,
        ) {
            (Strategy::BlueGreen, Some(alternate), Some(rule)) => Some(BlueGreenPlan {
                alternate_target_group: alternate,
                production_listener_rule: rule,
                infrastructure_role: self.entity_rid(
                    &self.service_unit(&app.unit, &service.name),
                    entity,
                    |base| [base, "InfrastructureRole"].concat(),
                    path,
                ),
            }),
            _ => None,
        };
        ServiceWiring {
            lb,
            target_group,
            load_balancer,
            blue_green,
        }
    }

    /// The alarms that fail the service's deployments, notifying the topics its rollback actions
    /// name.
    fn service_rollback_alarms(
        &mut self,
        path: &StackPath,
        entity: &EntityName,
        unit: &UnitId,
        (rollback, wiring): (&RollbackSettings, &ServiceWiring<'_>),
        inputs: &ServiceInputs<'_>,
    ) -> Vec<AlarmPlan> {
        let (Some(triggers), Some(tg), Some(lb)) =
            (rollback.triggers.as_ref(), wiring.target_group, wiring.lb)
        else {
            return Vec::new();
        };
        let period = rollback
            .evaluation_period_seconds
            .unwrap_or(defaults::ROLLBACK_EVALUATION_PERIOD_SECONDS);
        let evaluation_periods = rollback
            .wait_after_trigger_seconds
            .map_or(1, |wait| (wait / period.max(1)).max(1));
        let mut topics = Vec::new();
        if rollback.actions.contains(&RollbackAction::SendNotification) {
            topics.extend(self.topics_for(
                unit,
                &[meridian_model::AlertSeverity::Warning],
                inputs.targets,
            ));
        }
        if rollback.actions.contains(&RollbackAction::AlertOnCall) {
            for topic in self.topics_for(
                unit,
                &[meridian_model::AlertSeverity::Critical],
                inputs.targets,
            ) {
                if !topics.contains(&topic) {
                    topics.push(topic);
                }
            }
        }
        self.rollback_alarms(
            unit,
            path,
            entity,
            triggers,
            tg,
            &lb.rid,
            period,
            evaluation_periods,
            &topics,
        )
    }

    /// Application Auto Scaling of the service in a region of `role`.
    fn service_scaling(
        &mut self,
        path: &StackPath,
        entity: &EntityName,
        (unit, role): (&UnitId, RegionRole),
        (cluster, service): (&Rid, &Rid),
        scaling: &meridian_model::Scaling,
    ) -> ScalingPlan {
        let capacity = per_role(&scaling.capacity, role);
        let target = self.entity_rid(unit, entity, |base| [base, "ScalableTarget"].concat(), path);
        let scheduled = scaling
            .schedules
            .iter()
            .enumerate()
            .filter(|(index, schedule)| {
                // A repeated name is E318; resolving the repeat would collide in IDs.
                !scaling.schedules[..*index]
                    .iter()
                    .any(|earlier| earlier.name == schedule.name)
            })
            .filter_map(|(index, schedule)| {
                let bounds = match role {
                    RegionRole::Primary | RegionRole::StorageOnly => schedule.capacity.primary,
                    RegionRole::Secondary => schedule.capacity.secondary,
                    RegionRole::Optional => schedule.capacity.optional,
                }?;
                Some(ScheduledActionPlan {
                    name: schedule.name.clone(),
                    rid: self.entity_rid(
                        unit,
                        entity,
                        |base| format!("{base}Schedule{}", pascal(&schedule.name)),
                        &path.key("scaling").key("schedules").index(index),
                    ),
                    schedule: schedule.cron.trim().to_owned(),
                    timezone: schedule
                        .timezone
                        .clone()
                        .unwrap_or_else(|| defaults::SCHEDULE_TIMEZONE.to_owned()),
                    min: bounds.min,
                    max: bounds.max,
                })
            })
            .collect();
        let policy = self.entity_rid(unit, entity, |base| [base, "CpuScaling"].concat(), path);
        ScalingPlan {
            service_namespace: aws::ECS_SCALING_NAMESPACE.to_owned(),
            scalable_dimension: aws::ECS_DESIRED_COUNT_DIMENSION.to_owned(),
            // From the resources themselves, so that the target waits for the service.
            resource_id: Text::from_parts(vec![
                Part::Lit("service/".to_owned()),
                Part::Attr(AttrRef {
                    resource: cluster.clone(),
                    attr: Attr::ClusterName,
                }),
                Part::Lit("/".to_owned()),
                Part::Attr(AttrRef {
                    resource: service.clone(),
                    attr: Attr::ServiceName,
                }),
            ]),
            policy_type: ScalingPolicyType::TargetTracking,
            metric: ScalingMetric::EcsServiceAverageCpu,
            target,
            policy,
            policy_name: self.names.scaling_policy(&entity.identity),
            min: capacity.min,
            max: capacity.max,
            target_cpu_percent: scaling
                .target_cpu_percent
                .unwrap_or(defaults::TARGET_CPU_PERCENT),
            scale_out_cooldown_seconds: defaults::SCALE_OUT_COOLDOWN_SECONDS,
            scale_in_cooldown_seconds: defaults::SCALE_IN_COOLDOWN_SECONDS,
            scheduled,
        }
    }
}

/// What every service resolution reads: what references resolve to, and the notification
/// targets rollback alarms notify.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ServiceInputs<'r> {
    pub references: &'r References<'r>,
    pub targets: &'r [Target],
    pub placement: &'r Placement,
}

/// The services that run, by the name their physical names derive from (a renamed service's
/// former name), for the dashboards.
#[derive(Debug, Default)]
pub(crate) struct ServiceNames {
    pub names: BTreeSet<String>,
    /// The same names by the region they run in (a service placed in some regions only).
    pub regions: BTreeMap<RegionCode, BTreeSet<String>>,
}

/// A container's image, environment and secrets, resolved for one region.
struct ContainerValues {
    image: Text,
    command: Vec<Text>,
    entry_point: Vec<Text>,
    environment: Vec<(String, Text)>,
    secrets: Vec<(String, Text)>,
    /// The SSM parameters among the secrets' sources.
    parameter_arns: Vec<Text>,
}

/// How a service's deployments roll back, with the defaults applied.
struct RollbackSettings {
    strategy: Strategy,
    enabled: bool,
    actions: Vec<RollbackAction>,
    triggers: Option<meridian_model::RollbackTriggers>,
    evaluation_period_seconds: Option<u32>,
    wait_after_trigger_seconds: Option<u32>,
    max_rollback_seconds: u32,
}

impl RollbackSettings {
    fn of(service: &meridian_model::Service) -> Self {
        let deployment = service.deployment.as_ref();
        let rollback = deployment.and_then(|d| d.rollback.as_ref());
        let timing = rollback.and_then(|r| r.timing.as_ref());
        Self {
            strategy: match deployment.and_then(|d| d.strategy) {
                Some(DeploymentStrategy::BlueGreen) => Strategy::BlueGreen,
                _ => Strategy::Rolling,
            },
            enabled: rollback
                .and_then(|r| r.enabled)
                .unwrap_or(defaults::ROLLBACK_ENABLED),
            actions: match rollback.map(|r| r.actions.clone()) {
                Some(actions) if !actions.is_empty() => actions,
                _ => vec![
                    RollbackAction::RollbackToPrevious,
                    RollbackAction::SendNotification,
                ],
            },
            triggers: rollback.and_then(|r| r.triggers.clone()),
            evaluation_period_seconds: timing.and_then(|t| t.evaluation_period_seconds),
            wait_after_trigger_seconds: timing.and_then(|t| t.wait_after_trigger_seconds),
            max_rollback_seconds: timing
                .and_then(|t| t.max_rollback_time_seconds)
                .unwrap_or(defaults::MAX_ROLLBACK_TIME_SECONDS),
        }
    }

    /// Whether a failed deployment returns to the previous task definition.
    fn rolls_back(&self) -> bool {
        self.enabled && self.actions.contains(&RollbackAction::RollbackToPrevious)
    }
}

/// A service's place behind the region's load balancer.
struct ServiceWiring<'p> {
    lb: Option<&'p LoadBalancerPlan>,
    target_group: Option<&'p TargetGroupPlan>,
    load_balancer: Option<ServiceLoadBalancer>,
    blue_green: Option<BlueGreenPlan>,
}

/// Where the service's tasks run: Fargate, in their own network interfaces, Linux on the image's
/// architecture.
fn task_runtime(service: &meridian_model::Service) -> TaskRuntime {
    TaskRuntime {
        launch_type: LaunchType::Fargate,
        // The only network mode Fargate offers.
        network_mode: NetworkMode::Awsvpc,
        operating_system: OperatingSystem::Linux,
        cpu_architecture: match service.architecture {
            Some(meridian_model::Architecture::Arm64) => CpuArchitecture::Arm64,
            _ => CpuArchitecture::X86_64,
        },
    }
}

/// The container health check with ECS's defaults, run by the shell.
fn container_health(health: &meridian_model::ContainerHealthCheck) -> ContainerHealth {
    ContainerHealth {
        command: vec![aws::ECS_SHELL_COMMAND.to_owned(), health.command.clone()],
        interval_seconds: health
            .interval_seconds
            .unwrap_or(defaults::CONTAINER_HEALTH_INTERVAL_SECONDS),
        timeout_seconds: health
            .timeout_seconds
            .unwrap_or(defaults::CONTAINER_HEALTH_TIMEOUT_SECONDS),
        retries: health.retries.unwrap_or(defaults::CONTAINER_HEALTH_RETRIES),
        start_period_seconds: health
            .start_period_seconds
            .unwrap_or(defaults::CONTAINER_HEALTH_START_PERIOD_SECONDS),
    }
}

/// How the service deploys.
fn deployment_plan(
    service: &meridian_model::Service,
    rollback: &RollbackSettings,
    rollback_alarms: &[AlarmPlan],
    blue_green: Option<BlueGreenPlan>,
) -> DeploymentPlan {
    let deployment = service.deployment.as_ref();
    let strategy = rollback.strategy;
    DeploymentPlan {
        controller: DeploymentController::Ecs,
        strategy,
        circuit_breaker: strategy == Strategy::Rolling && defaults::CIRCUIT_BREAKER,
        minimum_healthy_percent: deployment
            .and_then(|d| d.minimum_healthy_percent)
            .unwrap_or(defaults::MINIMUM_HEALTHY_PERCENT),
        maximum_percent: deployment
            .and_then(|d| d.maximum_percent)
            .unwrap_or(defaults::MAXIMUM_PERCENT),
        bake_time_minutes: (strategy == Strategy::BlueGreen).then(|| {
            deployment
                .and_then(|d| d.bake_time_minutes)
                .unwrap_or(defaults::BAKE_TIME_MINUTES)
        }),
        rollback: rollback.rolls_back(),
        alarms_enabled: rollback.enabled && !rollback_alarms.is_empty(),
        blue_green,
        max_rollback_seconds: rollback.max_rollback_seconds,
    }
}

/// A service's environment in one region: `environment`, then the values
/// `environment_by_region` gives the region's role, then those it gives the region's code, each
/// with the stack path it was written at.
fn region_environment<'s>(
    path: &StackPath,
    service: &'s meridian_model::Service,
    region: &str,
    role: RegionRole,
) -> BTreeMap<&'s str, (StackPath, &'s str)> {
    let mut environment: BTreeMap<&str, (StackPath, &str)> = service
        .environment
        .iter()
        .map(|(name, value)| {
            (
                name.as_str(),
                (path.key("environment").key(name), value.as_str()),
            )
        })
        .collect();
    for key in [role_key(role), region] {
        if let Some(values) = service.environment_by_region.get(key) {
            let key_path = path.key("environment_by_region").key(key);
            for (name, value) in values {
                environment.insert(name, (key_path.key(name), value));
            }
        }
    }
    environment
}

/// The per-role value of `values` for `role`.
pub(crate) fn per_role<T: Copy>(values: &PerRole<T>, role: RegionRole) -> T {
    match role {
        RegionRole::Primary | RegionRole::StorageOnly => values.primary,
        RegionRole::Secondary => values.secondary.unwrap_or(values.primary),
        RegionRole::Optional => values
            .optional
            .or(values.secondary)
            .unwrap_or(values.primary),
    }
}

pub(crate) fn naming_cluster_rid(resolver: &mut Resolver<'_>, unit: &UnitId) -> Rid {
    resolver.rid(unit, "Cluster", &StackPath::root().key("services"))
}

/// The secret ARN of a `valueFrom` (without `:field::`).
pub(crate) fn strip_json_key(value_from: &Text) -> Text {
    let mut parts = value_from.parts().to_vec();
    if let Some(Part::Lit(last)) = parts.last_mut()
        && let Some(position) = last.find(':')
        && last.ends_with("::")
    {
        last.truncate(position);
    }
    Text::from_parts(parts)
}

/// The bytes a text takes once written: its literal parts, and a parameter's or an attribute's
/// reference counted at the length of an ARN-sized value.
fn text_bytes(text: &Text) -> usize {
    text.parts()
        .iter()
        .map(|part| match part {
            Part::Lit(literal) => literal.len(),
            _ => defaults::unit_budget::BYTES_PER_REFERENCE,
        })
        .sum()
}
