//! View-model shared by `deploy-blue-green-<region>.sh` and `rollback-<region>.sh`: a region's
//! ECS cluster and services with their deployment settings and the time budgets the scripts wait.

use meridian_plan::{
    AppPlan, Part, Plan, RegionPlan, RolloutBudget, RolloutStepKind, ServicePlan, Strategy, UnitId,
};
use serde::Serialize;

use crate::files;
use crate::lookup;
use crate::text::{Word, one_line};

/// Which of the two per-region scripts a view is for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Script {
    /// `deploy-blue-green-<region>.sh`.
    DeployBlueGreen,
    /// `rollback-<region>.sh`.
    Rollback,
}

/// A region's services, for the deployment and rollback scripts.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceScriptView {
    /// Stack name.
    pub stack: Word,
    /// Region.
    pub region: Word,
    /// Region role.
    pub role: String,
    /// The script's file name, for messages.
    pub script_name: Word,
    /// The region's rollback script, which the deployment script points to when a rollout fails.
    pub rollback_script: Word,
    /// ECS cluster name.
    pub cluster: Word,
    /// The region's application stack.
    pub app_stack_name: Word,
    /// The service chosen when `--service` is not given: the only one, or empty when there are
    /// several.
    pub default_service: Word,
    /// Service entity names, comma-separated, for messages.
    pub service_names: Word,
    /// Services.
    pub services: Vec<ServiceView>,
    /// Seconds between polls.
    pub poll_interval_seconds: u32,
}

/// One service.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceView {
    /// Entity name in the stack file (`api`).
    pub name: Word,
    /// ECS service name.
    pub service_name: Word,
    /// Task-definition family.
    pub family: Word,
    /// Container whose image changes.
    pub container: Word,
    /// Whether ECS native blue/green deploys it.
    pub blue_green: bool,
    /// `blue_green` or `rolling`, for messages.
    pub strategy: Word,
    /// Bake time in minutes (0 for rolling services).
    pub bake_minutes: u32,
    /// Minimum healthy percent.
    pub minimum_healthy_percent: u32,
    /// Maximum percent.
    pub maximum_percent: u32,
    /// Tasks in this region.
    pub desired_count: u32,
    /// Whether the deployment circuit breaker rolls failed deployments back.
    pub circuit_breaker_rollback: bool,
    /// Alarms that fail a deployment, comma-separated (empty when none).
    pub rollback_alarms: Word,
    /// Seconds a deployment may take before the script gives up waiting.
    pub rollout_timeout_seconds: u32,
    /// How that budget is made up, one line.
    pub rollout_timeout_formula: String,
    /// Seconds a rollback may take (the plan's `max_rollback_seconds`).
    pub max_rollback_seconds: u32,
    /// Whether a blue/green rollback through a new deployment (which bakes again) cannot finish
    /// within `max_rollback_seconds`.
    pub rollback_shorter_than_bake: bool,
    /// The image as the stack describes it, `${ECR_REPOSITORY_URL}:${IMAGE_TAG}`.
    pub image_template: Word,
    /// What to do so the next `deploy.sh` run keeps the new image, one line.
    pub image_hint: Word,
}

/// The regions with services, in plan order.
pub(crate) fn build_all(plan: &Plan, script: Script) -> Vec<ServiceScriptView> {
    lookup::app_regions(plan)
        .filter(|(_, app)| !app.services.is_empty())
        .map(|(region, app)| build(plan, region, app, script))
        .collect()
}

fn build(plan: &Plan, region: &RegionPlan, app: &AppPlan, script: Script) -> ServiceScriptView {
    // The region's rollout budgets, in plan order, gathered once: a service looks for its own
    // among these instead of among every region's.
    let budgets: Vec<&RolloutBudget> = plan
        .operations
        .rollouts
        .iter()
        .filter(|budget| budget.region == region.region)
        .collect();
    let services: Vec<ServiceView> = app
        .services
        .iter()
        .map(|service| service_view(&budgets, service))
        .collect();
    let default_service = match services.as_slice() {
        [only] => only.name.raw.clone(),
        _ => String::new(),
    };
    let cluster = app
        .cluster
        .as_ref()
        .map_or_else(String::new, |cluster| cluster.name.clone());
    let app_stack_name = lookup::unit(plan, &UnitId::Region(region.region.clone()))
        .map_or_else(String::new, |unit| unit.stack_name.clone());
    ServiceScriptView {
        stack: Word::new(&plan.stack),
        region: Word::new(&region.region),
        role: region.role.as_str().to_owned(),
        script_name: Word::new(match script {
            Script::DeployBlueGreen => files::deploy_blue_green(&region.region),
            Script::Rollback => files::rollback(&region.region),
        }),
        rollback_script: Word::new(files::rollback(&region.region)),
        cluster: Word::new(cluster),
        app_stack_name: Word::new(app_stack_name),
        default_service: Word::new(default_service),
        service_names: Word::new(
            services
                .iter()
                .map(|service| service.name.raw.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        services,
        poll_interval_seconds: plan.operations.poll_interval_seconds,
    }
}

/// The view of `service`, whose region's rollout budgets are `budgets`.
fn service_view(budgets: &[&RolloutBudget], service: &ServicePlan) -> ServiceView {
    let deployment = &service.deployment;
    let blue_green = deployment.strategy == Strategy::BlueGreen;
    let bake_minutes = if blue_green {
        deployment.bake_time_minutes.unwrap_or(0)
    } else {
        0
    };
    let budget = budgets.iter().find(|budget| budget.service == service.name);
    let (rollout_timeout_seconds, rollout_timeout_formula) = budget.map_or_else(
        || (0, String::new()),
        |budget| (budget.total_seconds, formula(budget, blue_green)),
    );
    ServiceView {
        name: Word::new(&service.name),
        service_name: Word::new(&service.service_name),
        family: Word::new(&service.family),
        container: Word::new(&service.container_name),
        blue_green,
        strategy: Word::new(if blue_green { "blue_green" } else { "rolling" }),
        bake_minutes,
        minimum_healthy_percent: deployment.minimum_healthy_percent,
        maximum_percent: deployment.maximum_percent,
        desired_count: service.desired_count,
        circuit_breaker_rollback: deployment.rollback,
        rollback_alarms: Word::new(
            service
                .rollback_alarms
                .iter()
                .map(|alarm| alarm.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        rollout_timeout_seconds,
        rollout_timeout_formula,
        max_rollback_seconds: deployment.max_rollback_seconds,
        rollback_shorter_than_bake: blue_green
            && bake_minutes.saturating_mul(60) >= deployment.max_rollback_seconds,
        image_template: Word::new(service.image.to_string()),
        image_hint: Word::new(image_hint(service)),
    }
}

/// How the plan's rollout budget is made up, one line: one wave plus the bake time for
/// blue/green, waves otherwise.
fn formula(budget: &RolloutBudget, blue_green: bool) -> String {
    let wave_text = budget
        .wave
        .iter()
        .map(|step| {
            let what = match step.kind {
                RolloutStepKind::Provisioning => "to place the tasks and pull the image",
                RolloutStepKind::GracePeriod => "health-check grace period",
                RolloutStepKind::ContainerHealth => {
                    "container health check (start period + interval × retries)"
                }
                RolloutStepKind::TargetHealth => "target health (interval × healthy threshold)",
                RolloutStepKind::Draining => "draining the old targets",
            };
            format!("{} s {what}", step.seconds)
        })
        .collect::<Vec<_>>()
        .join(" + ");
    if blue_green {
        format!(
            "{wave_text} + {} s bake time = {} s",
            budget.bake_seconds, budget.total_seconds
        )
    } else {
        format!(
            "({wave_text}) × {} wave{} = {} s",
            budget.waves,
            if budget.waves == 1 { "" } else { "s" },
            budget.total_seconds
        )
    }
}

/// What an operator must do so the next `deploy.sh` run keeps an image rolled out by hand: the
/// stack's task definition still names the image through the stack's parameters.
fn image_hint(service: &ServicePlan) -> String {
    let parts = service.image.parts();
    let hint = match parts {
        [Part::Param(whole)] => format!(
            "the stack still deploys the image given as {}: pass the new image as {} to the next deploy.sh run, or CloudFormation will put the previous one back",
            whole.name, whole.name
        ),
        [.., Part::Lit(separator), Part::Param(tag)] if separator.ends_with(':') => format!(
            "the stack still deploys {}: pass the new tag as {} to the next deploy.sh run, or CloudFormation will put the previous image back",
            service.image, tag.name
        ),
        _ => {
            let names: Vec<&str> = service
                .image
                .params()
                .map(|param| param.name.as_str())
                .collect();
            if names.is_empty() {
                format!(
                    "the stack file names the fixed image {}: change it there before the next deploy.sh run, or CloudFormation will put it back",
                    service.image
                )
            } else {
                format!(
                    "the stack still deploys {}: give {} values matching the new image in the next deploy.sh run, or CloudFormation will put the previous image back",
                    service.image,
                    names.join(", ")
                )
            }
        }
    };
    one_line(&hint)
}
