//! The physical names a stack sets (`physical_name`, `logs.group`, `logs.stream_prefix`,
//! `dns.set_identifier`): their placeholders (E130, E131), AWS's rule for each kind of name once
//! expanded for every region (E132; a log group's is E304, as before placeholders), and two
//! resources that would share a name in one namespace (E133). The names themselves are made in
//! `naming::PhysicalNames`, which every area asks; this area only judges them.
//!
//! Namespaces: load balancers, target groups, clusters, log groups and topics are unique per
//! region and account, so a name without `{region}` is fine in several regions (one load
//! balancer and one cluster per region per stack cannot collide); ECS services are unique per
//! cluster; dashboards are global to the account; set identifiers are unique among the latency
//! records of the one domain.

use std::collections::BTreeMap;

use meridian_model::{Code, Diagnostic, StackPath, codes};

use crate::aws::limits::{self, NameRule};
use crate::naming::{Placeholder, PlaceholderProblem, expand_name};

use super::Resolver;

/// Every placeholder but `{role}`, for names that are not per region role.
const WITHOUT_ROLE: &[Placeholder] = &[Placeholder::Stack, Placeholder::Env, Placeholder::Region];
/// The placeholders of a global name.
const GLOBAL: &[Placeholder] = &[Placeholder::Stack, Placeholder::Env];

/// One name the stack sets: where, which rule, which placeholders it may use, and the code of
/// a broken rule.
struct ChosenName<'a> {
    path: StackPath,
    template: &'a str,
    rule: NameRule,
    placeholders: &'a [Placeholder],
    code: Code,
}

/// The names taken in each namespace, with the place that took each first.
#[derive(Default)]
struct Namespaces {
    /// (namespace, name) → the place that took it, its region, and whether the stack chose it.
    taken: BTreeMap<(String, String), (StackPath, Option<String>, bool)>,
    /// The places already reported: one finding per place.
    reported: std::collections::BTreeSet<StackPath>,
}

impl Resolver<'_> {
    /// Checks every physical name the stack sets, in every region it is used in, and that no
    /// two resources of one namespace get the same name.
    pub(crate) fn check_physical_names(&mut self) {
        let stack = self.stack;
        let regions: Vec<String> = stack.regions.iter().map(|r| r.code.clone()).collect();
        let mut namespaces = Namespaces::default();
        if let Some(cluster) = &stack.cluster
            && let Some(template) = &cluster.physical_name
        {
            let chosen = ChosenName {
                path: StackPath::root().key("cluster").key("physical_name"),
                template,
                rule: limits::ECS_CLUSTER_NAME,
                placeholders: &Placeholder::ALL,
                code: codes::E132,
            };
            self.check_in_regions(&chosen, &regions);
        }
        if let Some(lb) = &stack.load_balancer {
            let path = StackPath::root().key("load_balancer");
            self.check_load_balancer_names((None, lb, &path), &regions, &mut namespaces);
        }
        for (index, named) in stack.load_balancers.iter().enumerate() {
            let path = StackPath::root().key("load_balancers").index(index);
            let lb = (Some(named.name.as_str()), &named.settings, &path);
            self.check_load_balancer_names(lb, &regions, &mut namespaces);
        }
        self.check_service_names(&regions, &mut namespaces);
        self.check_topic_names(&regions, &mut namespaces);
        self.check_dashboard_names(&mut namespaces);
        if let Some(dns) = &stack.dns {
            let path = StackPath::root().key("dns").key("set_identifier");
            if let Some(template) = &dns.set_identifier {
                let chosen = ChosenName {
                    path: path.clone(),
                    template,
                    rule: limits::SET_IDENTIFIER,
                    placeholders: &Placeholder::ALL,
                    code: codes::E132,
                };
                self.check_in_regions(&chosen, &regions);
            }
            for region in &regions {
                let name = self.names.set_identifier(region);
                self.claim_physical(
                    &mut namespaces,
                    ("latency records' set identifiers", &name, Some(region)),
                    (&path, dns.set_identifier.is_some()),
                );
            }
        }
    }

    /// The load balancer's and the target groups' names.
    fn check_load_balancer_names(
        &mut self,
        (further, lb, path): (Option<&str>, &meridian_model::LoadBalancer, &StackPath),
        regions: &[String],
        namespaces: &mut Namespaces,
    ) {
        if let Some(template) = &lb.physical_name {
            let chosen = ChosenName {
                path: path.key("physical_name"),
                template,
                rule: limits::ALB_NAME,
                placeholders: &Placeholder::ALL,
                code: codes::E132,
            };
            // Two load balancers of a region cannot share a name.
            if self.check_in_regions(&chosen, regions) && !self.stack.load_balancers.is_empty() {
                for region in regions {
                    let name = match further {
                        None => self.names.load_balancer(region),
                        Some(name) => self.names.further_load_balancer(name, region),
                    };
                    if let Some(name) = name {
                        let namespace = format!("load balancers in {region}");
                        let field = path.key("physical_name");
                        self.claim_physical(namespaces, (&namespace, &name, None), (&field, true));
                    }
                }
            }
        }
        for (index, tg) in lb.target_groups.iter().enumerate() {
            let Some(template) = &tg.physical_name else {
                continue;
            };
            let tg_path = path.key("target_groups").index(index).key("physical_name");
            let chosen = ChosenName {
                path: tg_path.clone(),
                template,
                rule: limits::TARGET_GROUP_NAME,
                placeholders: &Placeholder::ALL,
                code: codes::E132,
            };
            if !self.check_in_regions(&chosen, regions) {
                continue;
            }
            let blue_green = self.stack.services.iter().any(|service| {
                service.name == tg.service
                    && service.deployment.as_ref().and_then(|d| d.strategy)
                        == Some(meridian_model::DeploymentStrategy::BlueGreen)
            });
            for region in regions {
                let Some((blue, green)) = self.names.target_group(&tg.name, region) else {
                    continue;
                };
                let namespace = format!("target groups in {region}");
                self.claim_physical(namespaces, (&namespace, &blue, None), (&tg_path, true));
                if blue_green {
                    self.claim_physical(namespaces, (&namespace, &green, None), (&tg_path, true));
                }
            }
        }
    }

    /// Each service's ECS service name, log group and stream prefix.
    fn check_service_names(&mut self, regions: &[String], namespaces: &mut Namespaces) {
        let stack = self.stack;
        for (index, service) in stack.services.iter().enumerate() {
            let path = StackPath::root().key("services").index(index);
            let identity = service.renamed_from.as_deref().unwrap_or(&service.name);
            let logs = service.logs.as_ref();
            let fields = [
                (
                    path.key("physical_name"),
                    service.physical_name.as_deref(),
                    limits::ECS_SERVICE_NAME,
                    codes::E132,
                ),
                (
                    path.key("logs").key("group"),
                    logs.and_then(|logs| logs.group.as_deref()),
                    limits::LOG_GROUP_NAME,
                    codes::E304,
                ),
                (
                    path.key("logs").key("stream_prefix"),
                    logs.and_then(|logs| logs.stream_prefix.as_deref()),
                    limits::LOG_STREAM_PREFIX,
                    codes::E132,
                ),
            ];
            for (field_path, template, rule, code) in fields {
                if let Some(template) = template {
                    let chosen = ChosenName {
                        path: field_path,
                        template,
                        rule,
                        placeholders: &Placeholder::ALL,
                        code,
                    };
                    self.check_in_regions(&chosen, regions);
                }
            }
            for region in regions {
                let name = self.names.service(identity, region);
                let namespace = format!("ECS services of the cluster in {region}");
                self.claim_physical(
                    namespaces,
                    (&namespace, &name, None),
                    (&path.key("physical_name"), service.physical_name.is_some()),
                );
                let group = self.names.service_log_group(identity, region);
                let namespace = format!("log groups in {region}");
                self.claim_physical(
                    namespaces,
                    (&namespace, &group, None),
                    (
                        &path.key("logs").key("group"),
                        logs.is_some_and(|logs| logs.group.is_some()),
                    ),
                );
            }
        }
    }

    /// The SNS topics of the notification targets, regional and global.
    fn check_topic_names(&mut self, regions: &[String], namespaces: &mut Namespaces) {
        let stack = self.stack;
        let global_region = crate::aws::global_region(&self.partition).to_owned();
        for (index, target) in stack.notifications.iter().enumerate() {
            let path = StackPath::root()
                .key("notifications")
                .index(index)
                .key("physical_name");
            if let Some(template) = &target.physical_name {
                let chosen = ChosenName {
                    path: path.clone(),
                    template,
                    rule: limits::SNS_TOPIC_NAME,
                    placeholders: WITHOUT_ROLE,
                    code: codes::E132,
                };
                let mut every_region = regions.to_vec();
                every_region.push(global_region.clone());
                if !self.check_in_regions(&chosen, &every_region) {
                    continue;
                }
            }
            let chosen = target.physical_name.is_some();
            for region in regions {
                let name = self.names.topic(&target.name, false, region);
                let namespace = format!("SNS topics in {region}");
                self.claim_physical(namespaces, (&namespace, &name, None), (&path, chosen));
            }
            let name = self.names.topic(&target.name, true, &global_region);
            let namespace = format!("SNS topics in {global_region}");
            self.claim_physical(namespaces, (&namespace, &name, None), (&path, chosen));
        }
    }

    /// The dashboards' names, global to the account.
    fn check_dashboard_names(&mut self, namespaces: &mut Namespaces) {
        let stack = self.stack;
        for (index, dashboard) in stack.dashboards.iter().enumerate() {
            let path = StackPath::root()
                .key("dashboards")
                .index(index)
                .key("physical_name");
            if let Some(template) = &dashboard.physical_name {
                let chosen = ChosenName {
                    path: path.clone(),
                    template,
                    rule: limits::DASHBOARD_NAME,
                    placeholders: GLOBAL,
                    code: codes::E132,
                };
                if !self.check_chosen(&chosen, None) {
                    continue;
                }
            }
            let name = self.names.dashboard(&dashboard.name);
            self.claim_physical(
                namespaces,
                ("CloudWatch dashboards of the account", &name, None),
                (&path, dashboard.physical_name.is_some()),
            );
        }
    }

    /// [`Self::check_chosen`] in each region until one fails; whether none did.
    fn check_in_regions(&mut self, chosen: &ChosenName<'_>, regions: &[String]) -> bool {
        regions
            .iter()
            .all(|region| self.check_chosen(chosen, Some(region)))
    }

    /// Expands a chosen name in `region` and checks it against its rule; whether it is valid.
    fn check_chosen(&mut self, chosen: &ChosenName<'_>, region: Option<&str>) -> bool {
        let template = chosen.template;
        let allowed = chosen
            .placeholders
            .iter()
            .map(|placeholder| format!("`{{{}}}`", placeholder.word()))
            .collect::<Vec<_>>()
            .join(", ");
        // A placeholder this kind of name does not take (a dashboard is not in a region), even
        // where the scope could give it a value.
        let unavailable = Placeholder::ALL.into_iter().find(|placeholder| {
            !chosen.placeholders.contains(placeholder)
                && template.contains(&format!("{{{}}}", placeholder.word()))
        });
        let expanded = match unavailable {
            Some(placeholder) => Err(PlaceholderProblem::Unavailable(placeholder)),
            None => expand_name(template, &self.names.scope(region)),
        };
        let diagnostic = match expanded {
            Ok(name) => {
                let Some(problem) = chosen.rule.problem(&name) else {
                    return true;
                };
                let message = if name == template {
                    problem
                } else {
                    format!("`{template}` expands to a name AWS refuses: {problem}")
                };
                Diagnostic::new(chosen.code, chosen.path.clone(), message).with_help(format!(
                    "{} has {}",
                    chosen.rule.what,
                    chosen.rule.summary()
                ))
            }
            Err(PlaceholderProblem::NoEnvironment) => Diagnostic::new(
                codes::E131,
                chosen.path.clone(),
                format!("`{template}` uses `{{env}}`, but the stack declares no environment"),
            )
            .with_help(
                "declare the environments under `environments:`, or write the name without `{env}`",
            ),
            Err(problem) => {
                let message = match problem {
                    PlaceholderProblem::Malformed if template.contains("${") => format!(
                        "`{template}` holds a `${{...}}` reference, but a physical name is decided when Meridian synthesizes"
                    ),
                    PlaceholderProblem::Unknown(word) => {
                        format!("`{{{word}}}` in `{template}` is not a placeholder")
                    }
                    PlaceholderProblem::Unavailable(placeholder) => format!(
                        "`{{{}}}` means nothing in this name: `{template}`",
                        placeholder.word()
                    ),
                    PlaceholderProblem::Malformed | PlaceholderProblem::NoEnvironment => {
                        format!("`{template}` has a `{{` or `}}` without its pair")
                    }
                };
                Diagnostic::new(codes::E130, chosen.path.clone(), message).with_help(format!(
                    "this name may use the placeholders {allowed}, written without `$`"
                ))
            }
        };
        self.report(diagnostic);
        false
    }

    /// Takes `name` in `namespace` for the resource at `path` (in `region`, where one place
    /// names a resource per region and the namespace spans regions), or reports (E133) that
    /// another resource has it. `chosen`: whether the stack set the name (two defaults never
    /// collide).
    fn claim_physical(
        &mut self,
        namespaces: &mut Namespaces,
        (namespace, name, region): (&str, &str, Option<&str>),
        (path, chosen): (&StackPath, bool),
    ) {
        let key = (namespace.to_owned(), name.to_owned());
        let Some((first, first_region, first_chosen)) = namespaces.taken.get(&key).cloned() else {
            namespaces
                .taken
                .insert(key, (path.clone(), region.map(str::to_owned), chosen));
            return;
        };
        if !(chosen || first_chosen) {
            return;
        }
        let at = if chosen { path } else { &first };
        if !namespaces.reported.insert(at.clone()) {
            return;
        }
        let whose = |place: &StackPath, region: Option<&str>| match region {
            Some(region) => format!("`{place}` in {region}"),
            None => format!("`{place}`"),
        };
        let (this, other) = (whose(path, region), whose(&first, first_region.as_deref()));
        self.report(
            Diagnostic::new(
                codes::E133,
                at.clone(),
                format!("the name `{name}` is given twice among the {namespace}: by {other} and by {this}"),
            )
            .with_help("each of these names must be unique; add a placeholder such as `{region}` or `{role}`, or choose another name"),
        );
    }
}
