//! The load balancer, ECS services, references in container settings, and the security groups
//! that chain load balancer → tasks → database and cache.

use meridian_model::{bug, codes};
use std::collections::{BTreeMap, BTreeSet};

use meridian_model::{
    DeploymentStrategy, Diagnostic, ListenerProtocol, LoadBalancerScheme, PerRole, RollbackAction,
    StackPath,
};

use super::regions::{Cidr, ResolvedRegion, cidr_problem};
use super::{ReferenceScope, Resolver, TextContext};
use crate::aws;
use crate::cron::check_schedule;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming;
use crate::naming::{EntityName, pascal};
use crate::suggest_list;
use crate::timezones::is_time_zone;
use crate::types::Statistic;
use crate::types::{
    AlarmMetric, AlarmPlan, AppPlan, BlueGreenPlan, BucketEncryption, BucketPlan, BucketPurpose,
    ClusterPlan, Comparison, Condition, ContainerHealth, DeploymentPlan, Direction, EntityKind,
    Forward, IpProtocol, ListenerAction, ListenerPlan, ListenerRulePlan, LoadBalancerPlan,
    MetricStat, MissingData, ParamKind, Peer, Principal, Protocol, RegionRole, ScalingPlan,
    ScheduledActionPlan, SecurityGroupPlan, SecurityGroupRulePlan, ServiceLoadBalancer,
    ServicePlan, Statement, Strategy, TargetGroupPlan, TargetHealth,
};
use crate::types::{
    ContainerLogging, LoadBalancerType, LogDriver, RedirectStatus, TargetType, WeightedAlternate,
};
use crate::types::{
    CpuArchitecture, DeploymentController, LaunchType, NetworkMode, OperatingSystem, ScalingMetric,
    ScalingPolicyType, TaskRuntime,
};
use crate::value::{Attr, AttrRef, Part, Text};

/// The per-role value of `values` for `role`.
fn per_role<T: Copy>(values: &PerRole<T>, role: RegionRole) -> T {
    match role {
        RegionRole::Primary | RegionRole::StorageOnly => values.primary,
        RegionRole::Secondary => values.secondary.unwrap_or(values.primary),
        RegionRole::Optional => values
            .optional
            .or(values.secondary)
            .unwrap_or(values.primary),
    }
}

/// Where a service's traffic comes from.
#[derive(Debug, Clone)]
struct ServiceRouting {
    target_group: String,
    /// (listener port, rule priority) of the rules forwarding to it.
    rules: Vec<(u32, u32)>,
}

impl Resolver<'_> {
    pub(crate) fn resolve_load_balancers(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        apps: &mut BTreeMap<String, AppPlan>,
    ) {
        let stack = self.stack;
        let Some(lb) = &stack.load_balancer else {
            if stack.dns.is_some() {
                self.report(
                    Diagnostic::new(codes::E606, StackPath::root().key("dns"), "`dns` routes to the regional load balancers, but the stack has no `load_balancer`")
                        .with_help("add a `load_balancer` with an HTTPS listener on port 443"),
                );
            }
            return;
        };
        let path = StackPath::root().key("load_balancer");
        self.check_load_balancer(&path, lb);
        let internal = lb.scheme == LoadBalancerScheme::Internal;
        let blue_green: BTreeSet<&str> = stack
            .services
            .iter()
            .filter(|service| {
                service.deployment.as_ref().and_then(|d| d.strategy)
                    == Some(DeploymentStrategy::BlueGreen)
            })
            .map(|service| service.name.as_str())
            .collect();
        let dns_domain = stack.dns.as_ref().map(|dns| dns.domain.clone());
        let mut domain_routed = false;
        for region in regions {
            let Some(app) = apps.get(&region.code) else {
                continue;
            };
            let Some(network) = app.network.clone() else {
                continue;
            };
            let unit = app.unit.clone();
            let rid = self.rid(&unit, "LoadBalancer", &path);
            let security_group = self.rid(&unit, "LoadBalancerSecurityGroup", &path);
            let mut target_groups = Vec::new();
            let mut tg_rids: BTreeMap<String, (Rid, Option<Rid>)> = BTreeMap::new();
            for (index, tg) in lb.target_groups.iter().enumerate() {
                // A repeated name is E210; resolving the repeat would also collide in IDs.
                if tg_rids.contains_key(&tg.name) {
                    continue;
                }
                let tg_path = path.key("target_groups").index(index);
                let base = pascal(&tg.name);
                let blue = self.rid(&unit, format!("{base}TargetGroup"), &tg_path);
                let green = blue_green
                    .contains(tg.service.as_str())
                    .then(|| self.rid(&unit, format!("{base}AlternateTargetGroup"), &tg_path));
                tg_rids.insert(tg.name.clone(), (blue.clone(), green.clone()));
                let health = &tg.health_check;
                target_groups.push(TargetGroupPlan {
                    name: tg.name.clone(),
                    rid: blue,
                    alternate: green,
                    // Fargate tasks in `awsvpc` networking register by IP address.
                    target_type: TargetType::Ip,
                    port: tg.port,
                    protocol: match tg.protocol {
                        Some(ListenerProtocol::Https) => Protocol::Https,
                        _ => Protocol::Http,
                    },
                    health: TargetHealth {
                        enabled: true,
                        path: health.path.clone(),
                        interval_seconds: health
                            .interval_seconds
                            .unwrap_or(defaults::TARGET_HEALTH_INTERVAL_SECONDS),
                        timeout_seconds: health
                            .timeout_seconds
                            .unwrap_or(defaults::TARGET_HEALTH_TIMEOUT_SECONDS),
                        healthy_threshold: health
                            .healthy_threshold
                            .unwrap_or(defaults::TARGET_HEALTHY_THRESHOLD),
                        unhealthy_threshold: health
                            .unhealthy_threshold
                            .unwrap_or(defaults::TARGET_UNHEALTHY_THRESHOLD),
                        matcher: health
                            .matcher
                            .clone()
                            .unwrap_or_else(|| defaults::TARGET_HEALTH_MATCHER.to_owned()),
                    },
                    deregistration_delay_seconds: tg
                        .deregistration_delay_seconds
                        .unwrap_or(defaults::DEREGISTRATION_DELAY_SECONDS),
                    service: tg.service.clone(),
                });
            }
            let mut listeners = Vec::new();
            let mut listener_ports = BTreeSet::new();
            for (index, listener) in lb.listeners.iter().enumerate() {
                // A repeated port is E202; resolving the repeat would also collide in IDs.
                if !listener_ports.insert(listener.port) {
                    continue;
                }
                let listener_path = path.key("listeners").index(index);
                let listener_rid =
                    self.rid(&unit, format!("Listener{}", listener.port), &listener_path);
                let protocol = match listener.protocol {
                    ListenerProtocol::Https => Protocol::Https,
                    ListenerProtocol::Http => Protocol::Http,
                };
                let certificates = listener
                    .certificates
                    .iter()
                    .enumerate()
                    .map(|(cert_index, certificate)| {
                        self.text(
                            &listener_path.key("certificates").index(cert_index),
                            certificate,
                            TextContext {
                                unit: &unit,
                                kind: ParamKind::CertificateArn,
                                per_region: true,
                                references: ReferenceScope::None,
                            },
                        )
                    })
                    .collect();
                let mut rules = Vec::new();
                let mut priorities = BTreeSet::new();
                for (rule_index, rule) in listener.rules.iter().enumerate() {
                    // A repeated priority is E208; resolving the repeat would collide in IDs.
                    if !priorities.insert(rule.priority) {
                        continue;
                    }
                    let rule_path = listener_path.key("rules").index(rule_index);
                    let Some((blue, green)) = tg_rids.get(&rule.target_group).cloned() else {
                        continue;
                    };
                    let mut hosts: Vec<Text> = rule
                        .hosts
                        .iter()
                        .map(|host| Text::lit(host.clone()))
                        .collect();
                    let routes_domain = dns_domain.as_ref().is_some_and(|domain| {
                        rule.hosts.is_empty()
                            || rule
                                .hosts
                                .iter()
                                .any(|host| host.eq_ignore_ascii_case(domain))
                    });
                    if routes_domain && listener.port == 443 && protocol == Protocol::Https {
                        domain_routed = true;
                        if !rule.hosts.is_empty() {
                            // Route 53 health checks send the load balancer's own name as Host.
                            hosts.push(Text::attr(&rid, Attr::LoadBalancerDnsName));
                        }
                    }
                    rules.push(ListenerRulePlan {
                        rid: self.rid(
                            &unit,
                            format!("Listener{}Rule{}", listener.port, rule.priority),
                            &rule_path,
                        ),
                        priority: rule.priority,
                        hosts,
                        paths: rule.paths.clone(),
                        forward: Forward {
                            target_group: blue,
                            alternate: green.map(|target_group| WeightedAlternate {
                                target_group,
                                production_weight: defaults::BLUE_GREEN_PRODUCTION_WEIGHT,
                                alternate_weight: defaults::BLUE_GREEN_ALTERNATE_WEIGHT,
                            }),
                        },
                    });
                }
                let default_action = match (protocol, listener.redirect_to_port) {
                    (Protocol::Http, Some(port)) => ListenerAction::Redirect {
                        protocol: Protocol::Https,
                        port,
                        status: RedirectStatus::Permanent,
                    },
                    _ => ListenerAction::FixedResponse {
                        status: defaults::UNMATCHED_REQUEST_STATUS,
                        content_type: defaults::UNMATCHED_REQUEST_CONTENT_TYPE.to_owned(),
                    },
                };
                listeners.push(ListenerPlan {
                    rid: listener_rid,
                    port: listener.port,
                    protocol,
                    certificates,
                    ssl_policy: (protocol == Protocol::Https).then(|| {
                        listener
                            .ssl_policy
                            .clone()
                            .unwrap_or_else(|| defaults::TLS_POLICY.to_owned())
                    }),
                    default_action,
                    rules,
                });
            }
            let access_logs = lb
                .access_logs
                .unwrap_or(defaults::ACCESS_LOGS)
                .then(|| self.access_log_bucket(&unit, &region.code, &path));
            let plan = LoadBalancerPlan {
                rid: rid.clone(),
                load_balancer_type: LoadBalancerType::Application,
                internal,
                drop_invalid_header_fields: defaults::DROP_INVALID_HEADER_FIELDS,
                subnets: if internal {
                    network.private_subnets.clone()
                } else {
                    network.public_subnets.clone()
                },
                security_group,
                idle_timeout_seconds: lb
                    .idle_timeout_seconds
                    .unwrap_or(defaults::IDLE_TIMEOUT_SECONDS),
                deletion_protection: lb
                    .deletion_protection
                    .unwrap_or(defaults::LOAD_BALANCER_DELETION_PROTECTION),
                access_logs,
                listeners,
                target_groups,
            };
            self.export(
                &unit,
                "LoadBalancerDnsName",
                "DNS name of the load balancer",
                Text::attr(&rid, Attr::LoadBalancerDnsName),
            );
            self.export(
                &unit,
                "LoadBalancerZoneId",
                "Hosted zone of the load balancer's DNS name",
                Text::attr(&rid, Attr::LoadBalancerZoneId),
            );
            self.export(
                &unit,
                "LoadBalancerFullName",
                "Load balancer name as CloudWatch metrics know it",
                Text::attr(&rid, Attr::LoadBalancerFullName),
            );
            for tg in &plan.target_groups {
                self.export(
                    &unit,
                    &format!("{}TargetGroupArn", pascal(&tg.name)),
                    &format!("ARN of the {} target group", tg.name),
                    Text::attr(&tg.rid, Attr::TargetGroupArn),
                );
            }
            self.facts.load_balancers.insert(region.code.clone(), rid);
            if let Some(app) = apps.get_mut(&region.code) {
                app.load_balancer = Some(plan);
            }
        }
        // Without an HTTPS listener on 443 at all, E606 says so; E607 would repeat it.
        let https_443 = lb
            .listeners
            .iter()
            .any(|l| l.port == 443 && l.protocol == ListenerProtocol::Https);
        if let Some(domain) = &dns_domain
            && !domain_routed
            && https_443
            && !self.facts.load_balancers.is_empty()
        {
            self.report(
                Diagnostic::new(
                    codes::E607,
                    path.key("listeners"),
                    format!("no rule of an HTTPS listener on port 443 routes `{domain}`, so the DNS name would reach only the 404 default action"),
                )
                .with_help(format!("add a rule with `hosts: [{domain}]` (or without hosts) to the HTTPS listener on 443")),
            );
        }
    }

    fn access_log_bucket(&mut self, unit: &UnitId, region: &str, path: &StackPath) -> BucketPlan {
        let rid = self.rid(unit, "LoadBalancerAccessLogsBucket", path);
        let (head, tail) = self.names.access_log_bucket(region);
        let writer = match aws::region_info(region).and_then(|info| info.elb_log_account) {
            Some(account) => Principal::Aws(Text::from_parts(vec![
                Part::Lit("arn:".to_owned()),
                Part::Partition,
                Part::Lit(format!(":iam::{account}:root")),
            ])),
            None => Principal::Service(Text::lit("logdelivery.elasticloadbalancing.amazonaws.com")),
        };
        BucketPlan {
            name: "access-logs".to_owned(),
            policy_rid: self.rid(unit, "LoadBalancerAccessLogsBucketPolicy", path),
            bucket_name: Text::from_parts(vec![Part::Lit(head), Part::AccountId, Part::Lit(tail)]),
            purpose: BucketPurpose::AccessLogs,
            versioning: true,
            encryption: BucketEncryption::S3Managed,
            object_lock: None,
            replication: None,
            policy_statements: vec![
                super::storage::deny_insecure_transport(&rid),
                Statement {
                    sid: "LoadBalancerLogDelivery".to_owned(),
                    allow: true,
                    principal: Some(writer),
                    actions: vec!["s3:PutObject".to_owned()],
                    resources: vec![Text::from_parts(vec![
                        Part::Attr(AttrRef {
                            resource: rid.clone(),
                            attr: Attr::BucketArn,
                        }),
                        Part::Lit("/AWSLogs/".to_owned()),
                        Part::AccountId,
                        Part::Lit("/*".to_owned()),
                    ])],
                    conditions: Vec::new(),
                },
            ],
            public_access_block: defaults::PUBLIC_ACCESS_BLOCK,
            object_ownership: defaults::OBJECT_OWNERSHIP,
            lifecycle_rules: super::storage::lifecycle_rules(Some(
                defaults::ACCESS_LOG_RETENTION_DAYS,
            )),
            retain: defaults::RETAIN_BUCKETS,
            rid,
        }
    }

    fn check_load_balancer(&mut self, path: &StackPath, lb: &meridian_model::LoadBalancer) {
        let stack = self.stack;
        if lb.listeners.is_empty() {
            self.report(
                Diagnostic::new(codes::E202, path.key("listeners"), "the load balancer has no listener")
                    .with_help("add an HTTPS listener on 443 (and an HTTP listener on 80 that redirects to it)"),
            );
        }
        if let Some(timeout) = lb.idle_timeout_seconds
            && !(1..=4000).contains(&timeout)
        {
            self.report(
                Diagnostic::new(
                    codes::E218,
                    path.key("idle_timeout_seconds"),
                    format!("idle timeout {timeout} s is outside 1 to 4000 s"),
                )
                .with_help("the AWS default is 60 s"),
            );
        }
        if let Some(cidrs) = &lb.ingress_cidrs {
            if cidrs.is_empty() {
                self.report(
                    Diagnostic::new(
                        codes::E217,
                        path.key("ingress_cidrs"),
                        "`ingress_cidrs` is empty, so nothing could reach the listeners",
                    )
                    .with_help(
                        "remove it to allow the default, or list the CIDRs that may connect",
                    ),
                );
            }
            for (index, cidr) in cidrs.iter().enumerate() {
                if Cidr::parse(cidr).is_none() {
                    let (message, corrected) = cidr_problem(cidr);
                    self.report(
                        Diagnostic::new(codes::E217, path.key("ingress_cidrs").index(index), message)
                            .with_help(match corrected {
                                Some(_) if !cidr.contains('/') => format!(
                                    "give the prefix length: `{cidr}/32` for this one address, or the network's, such as `/24`"
                                ),
                                Some(corrected) => format!("write `{corrected}`"),
                                None => "write it like `203.0.113.0/24` or `0.0.0.0/0`".to_owned(),
                            }),
                    );
                }
            }
        }
        let https_ports: BTreeSet<u32> = lb
            .listeners
            .iter()
            .filter(|l| l.protocol == ListenerProtocol::Https)
            .map(|l| l.port)
            .collect();
        let tg_names: Vec<&str> = lb.target_groups.iter().map(|tg| tg.name.as_str()).collect();
        let mut ports: BTreeMap<u32, StackPath> = BTreeMap::new();
        let mut used_groups: BTreeSet<&str> = BTreeSet::new();
        // A rule naming an undeclared group (E209) was most likely meant for a declared one;
        // W210 about that group would repeat the finding.
        let mut undeclared_groups = false;
        for (index, listener) in lb.listeners.iter().enumerate() {
            let listener_path = path.key("listeners").index(index);
            if !(1..=65535).contains(&listener.port) {
                self.report(
                    Diagnostic::new(
                        codes::E203,
                        listener_path.key("port"),
                        format!("port {} is outside 1 to 65535", listener.port),
                    )
                    .with_help(match listener.protocol {
                        ListenerProtocol::Https => "HTTPS listeners usually use 443",
                        ListenerProtocol::Http => "HTTP listeners usually use 80",
                    }),
                );
            }
            if let Some(first) = ports.get(&listener.port) {
                self.report(
                    Diagnostic::new(
                        codes::E202,
                        listener_path.key("port"),
                        format!("two listeners use port {}", listener.port),
                    )
                    .with_help("a load balancer has one listener per port")
                    .with_related(first.clone(), "the first listener on this port"),
                );
            }
            ports.insert(listener.port, listener_path.clone());
            match listener.protocol {
                ListenerProtocol::Https => {
                    if listener.certificates.len() > 1 {
                        self.report(
                            Diagnostic::new(codes::E223, listener_path.key("certificates"), format!("the HTTPS listener on {} lists {} certificates; Meridian supports one per listener", listener.port, listener.certificates.len()))
                                .with_help("use one certificate that covers every host (a SAN or wildcard certificate)"),
                        );
                    }
                    if listener.certificates.is_empty() {
                        self.report(
                            Diagnostic::new(codes::E204, listener_path.clone(), format!("the HTTPS listener on {} has no certificate", listener.port))
                                .with_help("add `certificates: [\"${CERTIFICATE_ARN}\"]`; each region's stack receives its own ACM certificate"),
                        );
                    }
                    if let Some(policy) = &listener.ssl_policy
                        && !aws::ALB_TLS_POLICIES.contains(&policy.as_str())
                    {
                        self.report(
                            Diagnostic::new(codes::E206, listener_path.key("ssl_policy"), format!("`{policy}` is not a current TLS 1.2+ policy of Application Load Balancers"))
                                .with_help(format!("use one of {}", aws::ALB_TLS_POLICIES.join(", "))),
                        );
                    }
                    if listener.redirect_to_port.is_some() {
                        self.report(
                            Diagnostic::new(codes::E207, listener_path.key("redirect_to_port"), "an HTTPS listener cannot redirect; only HTTP listeners redirect to HTTPS")
                                .with_help("remove `redirect_to_port` here and give the HTTP listener `redirect_to_port: 443`"),
                        );
                    }
                }
                ListenerProtocol::Http => {
                    if !listener.certificates.is_empty() {
                        self.report(
                            Diagnostic::new(
                                codes::E205,
                                listener_path.key("certificates"),
                                "an HTTP listener does not use certificates",
                            )
                            .with_help("use `protocol: HTTPS`, or remove `certificates`"),
                        );
                    }
                    match listener.redirect_to_port {
                        Some(target) if !https_ports.contains(&target) => {
                            self.report(
                                Diagnostic::new(codes::E207, listener_path.key("redirect_to_port"), format!("the redirect goes to port {target}, which has no HTTPS listener"))
                                    .with_help("redirect to the port of an HTTPS listener, usually 443"),
                            );
                        }
                        Some(_) if !listener.rules.is_empty() => {
                            self.report(
                                Diagnostic::new(codes::E207, listener_path.key("rules"), "an HTTP listener that redirects to HTTPS cannot also route requests")
                                    .with_help("move the rules to the HTTPS listener"),
                            );
                        }
                        None if listener.rules.is_empty() => {
                            self.report(
                                Diagnostic::new(
                                    codes::E207,
                                    listener_path.clone(),
                                    format!(
                                        "the HTTP listener on {} neither redirects nor routes",
                                        listener.port
                                    ),
                                )
                                .with_help("add `redirect_to_port: 443`"),
                            );
                        }
                        None => {
                            self.report(
                                Diagnostic::new(codes::W201, listener_path.key("rules"), format!("the HTTP listener on {} serves traffic without TLS", listener.port))
                                    .with_help("redirect HTTP to HTTPS with `redirect_to_port: 443` and route on the HTTPS listener"),
                            );
                        }
                        Some(_) => {}
                    }
                }
            }
            let mut priorities: BTreeMap<u32, StackPath> = BTreeMap::new();
            for (rule_index, rule) in listener.rules.iter().enumerate() {
                let rule_path = listener_path.key("rules").index(rule_index);
                if !(1..=50_000).contains(&rule.priority) {
                    self.report(
                        Diagnostic::new(
                            codes::E208,
                            rule_path.key("priority"),
                            format!("priority {} is outside 1 to 50000", rule.priority),
                        )
                        .with_help(
                            "use a priority from 1 to 50000; lower numbers are matched first",
                        ),
                    );
                }
                if let Some(first) = priorities.get(&rule.priority) {
                    self.report(
                        Diagnostic::new(
                            codes::E208,
                            rule_path.key("priority"),
                            format!(
                                "two rules of the listener on {} have priority {}",
                                listener.port, rule.priority
                            ),
                        )
                        .with_help("give each rule of a listener its own priority")
                        .with_related(first.clone(), "the first rule with this priority"),
                    );
                }
                priorities.insert(rule.priority, rule_path.clone());
                if !tg_names.contains(&rule.target_group.as_str()) {
                    let help = match suggest_list(&rule.target_group, tg_names.iter().copied()) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None => "name a target group declared under `load_balancer.target_groups`"
                            .to_owned(),
                    };
                    undeclared_groups = true;
                    self.report(
                        Diagnostic::new(
                            codes::E209,
                            rule_path.key("target_group"),
                            format!("the target group `{}` is not declared", rule.target_group),
                        )
                        .with_help(help),
                    );
                } else {
                    used_groups.insert(rule.target_group.as_str());
                }
                for (host_index, host) in rule.hosts.iter().enumerate() {
                    let valid = !host.is_empty()
                        && host.len() <= 128
                        && host
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "-.*?".contains(c));
                    if !valid {
                        self.report(
                            Diagnostic::new(
                                codes::E220,
                                rule_path.key("hosts").index(host_index),
                                format!("`{host}` is not a host-header pattern"),
                            )
                            .with_help(match host.split_once("://") {
                                Some((_, rest)) => format!(
                                    "write the host name without the scheme: `{}`",
                                    rest.trim_end_matches('/')
                                ),
                                None => "use letters, digits, hyphens, dots and the wildcards `*` and `?`".to_owned(),
                            }),
                        );
                    }
                }
                for (path_index, pattern) in rule.paths.iter().enumerate() {
                    if !pattern.starts_with('/') || pattern.len() > 128 {
                        self.report(
                            Diagnostic::new(
                                codes::E221,
                                rule_path.key("paths").index(path_index),
                                format!("`{pattern}` is not a path pattern"),
                            )
                            .with_help("path patterns start with `/`, e.g. `/api/*`"),
                        );
                    }
                }
                // One condition value is kept for the load balancer's own name (health checks).
                if rule.hosts.len() + rule.paths.len() > 4 {
                    self.report(
                        Diagnostic::new(codes::E222, rule_path.clone(), format!("the rule has {} host and path values; at most 4 fit", rule.hosts.len() + rule.paths.len()))
                            .with_help("an ALB rule evaluates at most 5 values and Meridian adds the load balancer's own DNS name for health checks; split the rule"),
                    );
                }
            }
        }
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut services_seen: BTreeMap<&str, StackPath> = BTreeMap::new();
        for (index, tg) in lb.target_groups.iter().enumerate() {
            let tg_path = path.key("target_groups").index(index);
            if !super::is_entity_name(&tg.name, 32) {
                self.report(
                    Diagnostic::new(codes::E210, tg_path.key("name"), format!("`{}` is not a valid target group name: lowercase letters, digits and single hyphens, starting with a letter, at most 32 characters", tg.name))
                        .with_help(format!("the name is used in IDs{}", super::entity_name_example(&tg.name, 32))),
                );
            }
            self.claim_name(
                &mut names,
                &tg.name,
                &tg_path,
                codes::E210,
                "target group",
                "give each target group its own name",
            );
            match stack
                .services
                .iter()
                .find(|service| service.name == tg.service)
            {
                None => {
                    let help = match suggest_list(
                        &tg.service,
                        stack.services.iter().map(|s| s.name.as_str()),
                    ) {
                        Some(suggestion) => format!("did you mean `{suggestion}`?"),
                        None if stack.services.is_empty() => {
                            "declare the service under `services`".to_owned()
                        }
                        None => format!(
                            "the declared services are: {}",
                            stack
                                .services
                                .iter()
                                .map(|s| format!("`{}`", s.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    };
                    self.report(
                        Diagnostic::new(
                            codes::E211,
                            tg_path.key("service"),
                            format!("the service `{}` is not declared", tg.service),
                        )
                        .with_help(help),
                    );
                }
                Some(service) if service.port != tg.port => {
                    let service_index = stack
                        .services
                        .iter()
                        .position(|s| s.name == service.name)
                        .unwrap_or(0);
                    self.report(
                        Diagnostic::new(
                            codes::E212,
                            tg_path.key("port"),
                            format!("the target group sends traffic to port {}, but the service `{}` listens on {}", tg.port, service.name, service.port),
                        )
                        .with_help("ECS registers the container port; make the two equal")
                        .with_related(StackPath::root().key("services").index(service_index).key("port"), "the service's port"),
                    );
                }
                Some(_) => {}
            }
            if let Some(first) = services_seen.get(tg.service.as_str()) {
                self.report(
                    Diagnostic::new(
                        codes::E216,
                        tg_path.key("service"),
                        format!(
                            "the service `{}` already feeds another target group",
                            tg.service
                        ),
                    )
                    .with_help(
                        "give each service one target group; route several paths to it with rules",
                    )
                    .with_related(first.clone(), "the first target group of this service"),
                );
            }
            services_seen.insert(&tg.service, tg_path.clone());
            let health = &tg.health_check;
            let health_path = tg_path.key("health_check");
            if !health.path.starts_with('/') {
                self.report(
                    Diagnostic::new(
                        codes::E213,
                        health_path.key("path"),
                        format!(
                            "the health-check path `{}` does not start with `/`",
                            health.path
                        ),
                    )
                    .with_help("write e.g. `/health`"),
                );
            }
            let interval = health
                .interval_seconds
                .unwrap_or(defaults::TARGET_HEALTH_INTERVAL_SECONDS);
            let timeout = health
                .timeout_seconds
                .unwrap_or(defaults::TARGET_HEALTH_TIMEOUT_SECONDS);
            if !(5..=300).contains(&interval) {
                self.report(
                    Diagnostic::new(
                        codes::E213,
                        health_path.key("interval_seconds"),
                        format!("interval {interval} s is outside 5 to 300 s"),
                    )
                    .with_help("Application Load Balancers check every 5 to 300 seconds"),
                );
            }
            if !(2..=120).contains(&timeout) || timeout >= interval {
                self.report(
                    Diagnostic::new(codes::E213, health_path.key("timeout_seconds"), format!("timeout {timeout} s must be 2 to 120 s and shorter than the interval ({interval} s)"))
                        .with_help("a check must time out before the next one starts"),
                );
            }
            for (key, value) in [
                ("healthy_threshold", health.healthy_threshold),
                ("unhealthy_threshold", health.unhealthy_threshold),
            ] {
                if let Some(value) = value
                    && !(2..=10).contains(&value)
                {
                    self.report(
                        Diagnostic::new(
                            codes::E213,
                            health_path.key(key),
                            format!("{key} {value} is outside 2 to 10"),
                        )
                        .with_help("Application Load Balancers count 2 to 10 consecutive checks"),
                    );
                }
            }
            if let Some(matcher) = &health.matcher
                && !is_http_matcher(matcher)
            {
                self.report(
                    Diagnostic::new(
                        codes::E214,
                        health_path.key("matcher"),
                        format!("`{matcher}` is not a list or range of HTTP codes"),
                    )
                    .with_help("write e.g. `200`, `200,204` or `200-299` (codes 200 to 499)"),
                );
            }
            if let Some(delay) = tg.deregistration_delay_seconds
                && delay > 3600
            {
                self.report(
                    Diagnostic::new(
                        codes::E215,
                        tg_path.key("deregistration_delay_seconds"),
                        format!("deregistration delay {delay} s is above 3600 s"),
                    )
                    .with_help("targets drain for at most an hour"),
                );
            }
            if !used_groups.contains(tg.name.as_str()) && !undeclared_groups {
                self.report(
                    Diagnostic::new(
                        codes::W210,
                        tg_path.clone(),
                        format!(
                            "no listener rule forwards to the target group `{}`",
                            tg.name
                        ),
                    )
                    .with_help("add a rule that forwards to it, or remove it"),
                );
            }
        }
    }

    pub(crate) fn resolve_services(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        apps: &mut BTreeMap<String, AppPlan>,
    ) {
        let stack = self.stack;
        if stack.services.is_empty() {
            return;
        }
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut routing: BTreeMap<String, ServiceRouting> = BTreeMap::new();
        if let Some(lb) = &stack.load_balancer {
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
                    target_group: tg.name.clone(),
                    rules,
                });
            }
        }
        for (index, service) in stack.services.iter().enumerate() {
            let path = StackPath::root().key("services").index(index);
            if !super::is_entity_name(&service.name, 32) {
                self.report(
                    Diagnostic::new(codes::E301, path.key("name"), format!("`{}` is not a valid service name: lowercase letters, digits and single hyphens, starting with a letter, at most 32 characters", service.name))
                        .with_help(format!("the name is part of the ECS service name and of IDs{}", super::entity_name_example(&service.name, 32))),
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
            self.facts.services.insert(identity);
            let valid = self.check_service(&path, service, routing.get(&service.name));
            for region in regions {
                if region.role == RegionRole::StorageOnly {
                    continue;
                }
                let Some(app) = apps.get(&region.code) else {
                    continue;
                };
                let Some(network) = app.network.clone() else {
                    continue;
                };
                let plan = self.service_in_region(
                    &path,
                    service,
                    region,
                    &network.private_subnets,
                    app,
                    routing.get(&service.name),
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
            }
        }
        for app in apps.values_mut() {
            wire_security_groups(self, app);
        }
    }

    /// Checks one service's settings; returns whether it can be planned.
    fn check_service(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        routing: Option<&ServiceRouting>,
    ) -> bool {
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
        if !(1..=65535).contains(&service.port) {
            self.report(
                Diagnostic::new(
                    codes::E303,
                    path.key("port"),
                    format!("port {} is outside 1 to 65535", service.port),
                )
                .with_help("give the port the container listens on"),
            );
            valid = false;
        }
        if let Some(logs) = &service.logs {
            if let Some(days) = logs.retention_days
                && !aws::LOG_RETENTION_DAYS.contains(&days)
            {
                let nearest = aws::LOG_RETENTION_DAYS
                    .iter()
                    .copied()
                    .min_by_key(|allowed| allowed.abs_diff(days))
                    .unwrap_or(30);
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
            if let Some(group) = &logs.group
                && let Some(group) =
                    self.literal(&path.key("logs").key("group"), group, "a log group name")
            {
                let ok = !group.is_empty()
                    && group.len() <= 512
                    && group
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_-/.#".contains(c));
                if !ok {
                    self.report(
                        Diagnostic::new(
                            codes::E304,
                            path.key("logs").key("group"),
                            format!("`{group}` is not a log group name"),
                        )
                        .with_help("use letters, digits and `_-/.#`, at most 512 characters"),
                    );
                    valid = false;
                }
            }
        }
        if let Some(health) = &service.health_check {
            let health_path = path.key("health_check");
            let checks = [
                ("interval_seconds", health.interval_seconds, 5, 300),
                ("timeout_seconds", health.timeout_seconds, 2, 60),
                ("retries", health.retries, 1, 10),
                ("start_period_seconds", health.start_period_seconds, 0, 300),
            ];
            for (key, value, low, high) in checks {
                if let Some(value) = value
                    && !(low..=high).contains(&value)
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
        for (key, value) in service
            .environment
            .keys()
            .map(|k| ("environment", k))
            .chain(service.secrets.keys().map(|k| ("secrets", k)))
        {
            let ok = value.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ok {
                self.report(
                    Diagnostic::new(
                        codes::E321,
                        path.key(key).key(value),
                        format!("`{value}` is not a valid environment variable name"),
                    )
                    .with_help("use letters, digits and underscores, not starting with a digit"),
                );
                valid = false;
            }
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
        // Desired counts and capacity.
        let roles: Vec<(String, RegionRole)> = self.facts.service_regions.clone();
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
                if capacity.min > capacity.max || capacity.max > 5000 {
                    self.report(
                        Diagnostic::new(codes::E307, path.key("scaling").key("capacity").key(role_key), format!("capacity min {} / max {} in `{region}` is not a range (min ≤ max ≤ 5000)", capacity.min, capacity.max))
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
            } else if desired > 5000 {
                self.report(
                    Diagnostic::new(
                        codes::E306,
                        path.key("desired_count").key(role_key),
                        format!("desired count {desired} is above 5000 tasks"),
                    )
                    .with_help("ECS services run at most 5000 tasks"),
                );
                valid = false;
            }
        }
        if let Some(scaling) = scaling {
            if let Some(cpu) = scaling.target_cpu_percent
                && !(10..=90).contains(&cpu)
            {
                self.report(
                    Diagnostic::new(
                        codes::E320,
                        path.key("scaling").key("target_cpu_percent"),
                        format!("a CPU target of {cpu}% is outside 10 to 90%"),
                    )
                    .with_help("60% leaves headroom for a region taking over another's traffic"),
                );
                valid = false;
            }
            let mut schedule_names: BTreeMap<&str, StackPath> = BTreeMap::new();
            for (schedule_index, schedule) in scaling.schedules.iter().enumerate() {
                let schedule_path = path.key("scaling").key("schedules").index(schedule_index);
                let name_ok = !schedule.name.is_empty()
                    && schedule.name.len() <= 200
                    && schedule
                        .name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
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
        if let Some(deployment) = &service.deployment {
            valid &= self.check_deployment(path, service, deployment, routing);
        }
        valid
    }

    fn check_deployment(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        deployment: &meridian_model::Deployment,
        routing: Option<&ServiceRouting>,
    ) -> bool {
        let mut valid = true;
        let deployment_path = path.key("deployment");
        let minimum = deployment
            .minimum_healthy_percent
            .unwrap_or(defaults::MINIMUM_HEALTHY_PERCENT);
        let maximum = deployment
            .maximum_percent
            .unwrap_or(defaults::MAXIMUM_PERCENT);
        if minimum > 100 {
            self.report(
                Diagnostic::new(
                    codes::E308,
                    deployment_path.key("minimum_healthy_percent"),
                    format!("{minimum}% is above 100%"),
                )
                .with_help("the share of desired tasks kept running is at most 100%"),
            );
            valid = false;
        }
        if !(100..=200).contains(&maximum) {
            self.report(
                Diagnostic::new(
                    codes::E308,
                    deployment_path.key("maximum_percent"),
                    format!("{maximum}% is outside 100 to 200%"),
                )
                .with_help("200% lets a full new set of tasks start beside the old one"),
            );
            valid = false;
        }
        if minimum == 100 && maximum == 100 {
            self.report(
                Diagnostic::new(
                    codes::E308,
                    deployment_path.clone(),
                    "with minimum 100% and maximum 100% no task can ever be replaced",
                )
                .with_help("raise `maximum_percent` to 200 or lower `minimum_healthy_percent`"),
            );
            valid = false;
        }
        let blue_green = deployment.strategy == Some(DeploymentStrategy::BlueGreen);
        if let Some(bake) = deployment.bake_time_minutes {
            if !blue_green {
                self.report(
                    Diagnostic::new(
                        codes::E309,
                        deployment_path.key("bake_time_minutes"),
                        "a bake time only applies to `strategy: blue_green`",
                    )
                    .with_help("remove `bake_time_minutes`, or set `strategy: blue_green`"),
                );
                valid = false;
            } else if bake > 1440 {
                self.report(
                    Diagnostic::new(
                        codes::E309,
                        deployment_path.key("bake_time_minutes"),
                        format!("a bake time of {bake} minutes is above 1440 (a day)"),
                    )
                    .with_help("ECS bakes a new version for at most a day"),
                );
                valid = false;
            }
        }
        if blue_green {
            match routing {
                None => {
                    self.report(
                        Diagnostic::new(codes::E310, deployment_path.key("strategy"), format!("blue/green shifts load-balancer traffic, but no target group is fed by `{}`", service.name))
                            .with_help("add a target group with `service: <name>` and a listener rule forwarding to it, or use `strategy: rolling`"),
                    );
                    valid = false;
                }
                Some(routing) if routing.rules.len() != 1 => {
                    self.report(
                        Diagnostic::new(
                            codes::E310,
                            deployment_path.key("strategy"),
                            format!("blue/green needs exactly one listener rule forwarding to `{}`, which ECS shifts; it has {}", routing.target_group, routing.rules.len()),
                        )
                        .with_help("route the service through one rule (hosts and paths may list several values)"),
                    );
                    valid = false;
                }
                Some(_) => {}
            }
        }
        if let Some(rollback) = &deployment.rollback {
            let rollback_path = deployment_path.key("rollback");
            if let Some(triggers) = &rollback.triggers {
                let triggers_path = rollback_path.key("triggers");
                if routing.is_none()
                    && (triggers.error_rate_threshold.is_some()
                        || triggers.latency_threshold_ms.is_some()
                        || triggers.health_check_failure == Some(true))
                {
                    self.report(
                        Diagnostic::new(codes::E313, triggers_path.clone(), "rollback triggers watch load-balancer metrics, but this service has no target group")
                            .with_help("route the service through a target group, or remove the triggers"),
                    );
                    valid = false;
                }
                if let Some(rate) = triggers.error_rate_threshold
                    && !(rate > 0.0 && rate <= 1.0)
                {
                    self.report(
                        Diagnostic::new(
                            codes::E311,
                            triggers_path.key("error_rate_threshold"),
                            format!(
                                "an error rate of {rate} is not a share between 0 (excluded) and 1"
                            ),
                        )
                        .with_help("write 0.05 for 5%"),
                    );
                    valid = false;
                }
                if let Some(latency) = triggers.latency_threshold_ms
                    && !(1..=600_000).contains(&latency)
                {
                    self.report(
                        Diagnostic::new(
                            codes::E312,
                            triggers_path.key("latency_threshold_ms"),
                            format!(
                                "a latency threshold of {latency} ms is outside 1 to 600000 ms"
                            ),
                        )
                        .with_help("give the p99 response time that fails a deployment, e.g. 2000"),
                    );
                    valid = false;
                }
            }
            if let Some(timing) = &rollback.timing {
                let timing_path = rollback_path.key("timing");
                let period = timing
                    .evaluation_period_seconds
                    .unwrap_or(defaults::ROLLBACK_EVALUATION_PERIOD_SECONDS);
                if !aws::is_valid_cloudwatch_period(period) {
                    self.report(
                        Diagnostic::new(
                            codes::E314,
                            timing_path.key("evaluation_period_seconds"),
                            format!("{period} s is not a CloudWatch alarm period"),
                        )
                        .with_help("use 10, 30 or a multiple of 60"),
                    );
                    valid = false;
                } else if let Some(wait) = timing.wait_after_trigger_seconds
                    && (wait < period || !wait.is_multiple_of(period) || wait / period > 100)
                {
                    self.report(
                        Diagnostic::new(codes::E315, timing_path.key("wait_after_trigger_seconds"), format!("{wait} s is not a whole number (1 to 100) of evaluation periods of {period} s"))
                            .with_help("the alarm fires after this many consecutive breaching periods; use a multiple of the period"),
                    );
                    valid = false;
                }
                if let Some(max) = timing.max_rollback_time_seconds
                    && !(60..=86_400).contains(&max)
                {
                    self.report(
                        Diagnostic::new(
                            codes::E315,
                            timing_path.key("max_rollback_time_seconds"),
                            format!("{max} s is outside 60 to 86400 s"),
                        )
                        .with_help("runbooks wait this long for a rollback to finish"),
                    );
                    valid = false;
                }
            }
            if rollback.actions.is_empty()
                && rollback.triggers.is_some()
                && rollback.enabled == Some(false)
            {
                // Triggers without any action would watch nothing useful.
                self.report(
                    Diagnostic::new(
                        codes::W311,
                        rollback_path.clone(),
                        "rollback is disabled, so the triggers only stop deployments",
                    )
                    .with_help("remove the triggers, or enable rollback"),
                );
            }
        }
        valid
    }

    #[allow(clippy::too_many_lines)]
    fn service_in_region(
        &mut self,
        path: &StackPath,
        service: &meridian_model::Service,
        region: &ResolvedRegion<'_>,
        subnets: &[Text],
        app: &AppPlan,
        routing: Option<&ServiceRouting>,
    ) -> ServicePlan {
        let unit = app.unit.clone();
        // A renamed service keeps its former name in IDs and physical names (naming.rs).
        let entity = self.entity(EntityKind::Service, &service.name);
        let identity = entity.identity.clone();
        let rid = self.entity_rid(&unit, &entity, |base| format!("{base}Service"), path);
        let task_definition =
            self.entity_rid(&unit, &entity, |base| format!("{base}TaskDefinition"), path);
        let execution_role =
            self.entity_rid(&unit, &entity, |base| format!("{base}ExecutionRole"), path);
        let task_role = self.entity_rid(&unit, &entity, |base| format!("{base}TaskRole"), path);
        let log_group = self.entity_rid(&unit, &entity, |base| format!("{base}LogGroup"), path);
        let security_group =
            self.entity_rid(&unit, &entity, |base| format!("{base}SecurityGroup"), path);
        let cluster = naming_cluster_rid(self, &unit);
        let environment_context = TextContext {
            unit: &unit,
            kind: ParamKind::Text,
            per_region: false,
            references: ReferenceScope::Environment,
        };
        let image = self.text(
            &path.key("image"),
            &service.image,
            TextContext {
                references: ReferenceScope::Environment,
                ..environment_context
            },
        );
        let environment: Vec<(String, Text)> = service
            .environment
            .iter()
            .map(|(name, value)| {
                (
                    name.clone(),
                    self.text(
                        &path.key("environment").key(name),
                        value,
                        environment_context,
                    ),
                )
            })
            .collect();
        let secrets: Vec<(String, Text)> = service
            .secrets
            .iter()
            .map(|(name, value)| {
                let value_from = self.text(
                    &path.key("secrets").key(name),
                    value,
                    TextContext {
                        unit: &unit,
                        kind: ParamKind::SecretArn,
                        per_region: true,
                        references: ReferenceScope::Secrets,
                    },
                );
                (name.clone(), value_from)
            })
            .collect();
        // The execution role reads exactly the secrets the task uses, and the region's data key
        // that encrypts Meridian's secrets there.
        let mut secret_arns: Vec<Text> = Vec::new();
        for (_, value_from) in &secrets {
            let arn = strip_json_key(value_from);
            if !secret_arns.contains(&arn) {
                secret_arns.push(arn);
            }
        }
        let mut execution_statements = Vec::new();
        if !secret_arns.is_empty() {
            execution_statements.push(Statement {
                sid: "ReadSecrets".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["secretsmanager:GetSecretValue".to_owned()],
                resources: secret_arns,
                conditions: Vec::new(),
            });
            execution_statements.push(Statement {
                sid: "DecryptSecrets".to_owned(),
                allow: true,
                principal: None,
                actions: vec!["kms:Decrypt".to_owned()],
                resources: vec![self.data_key_arn(&unit, &region.code)],
                conditions: vec![Condition {
                    operator: "StringEquals".to_owned(),
                    key: "kms:ViaService".to_owned(),
                    values: vec![Text::lit(format!(
                        "secretsmanager.{}.amazonaws.com",
                        region.code
                    ))],
                }],
            });
        }
        let logs = service.logs.as_ref();
        let log_group_name = logs
            .and_then(|logs| logs.group.clone())
            .unwrap_or_else(|| self.names.service_log_group(&identity));
        let health_check = service.health_check.as_ref().map(|health| ContainerHealth {
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
        });
        let desired_count = per_role(&service.desired_count, region.role);
        let deployment = service.deployment.as_ref();
        let strategy = match deployment.and_then(|d| d.strategy) {
            Some(DeploymentStrategy::BlueGreen) => Strategy::BlueGreen,
            _ => Strategy::Rolling,
        };
        let rollback = deployment.and_then(|d| d.rollback.as_ref());
        let rollback_enabled = rollback
            .and_then(|r| r.enabled)
            .unwrap_or(defaults::ROLLBACK_ENABLED);
        let actions: Vec<RollbackAction> = match rollback.map(|r| r.actions.clone()) {
            Some(actions) if !actions.is_empty() => actions,
            _ => vec![
                RollbackAction::RollbackToPrevious,
                RollbackAction::SendNotification,
            ],
        };
        let rolls_back = rollback_enabled && actions.contains(&RollbackAction::RollbackToPrevious);
        // Load balancer wiring.
        let lb = app.load_balancer.as_ref();
        let tg_plan = routing.and_then(|routing| {
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
        let load_balancer =
            tg_plan
                .zip(rule_rid.clone())
                .map(|(tg, listener_rule)| ServiceLoadBalancer {
                    target_group: tg.rid.clone(),
                    listener_rule,
                    container_port: service.port,
                });
        let blue_green = match (
            strategy,
            tg_plan.and_then(|tg| tg.alternate.clone()),
            rule_rid,
        ) {
            (Strategy::BlueGreen, Some(alternate), Some(rule)) => Some(BlueGreenPlan {
                alternate_target_group: alternate,
                production_listener_rule: rule,
                infrastructure_role: self.entity_rid(
                    &unit,
                    &entity,
                    |base| format!("{base}InfrastructureRole"),
                    path,
                ),
            }),
            _ => None,
        };
        // Rollback alarms.
        let rollback_alarms = match (rollback.and_then(|r| r.triggers.as_ref()), tg_plan, lb) {
            (Some(triggers), Some(tg), Some(lb)) => {
                let timing = rollback.and_then(|r| r.timing.as_ref());
                let period = timing
                    .and_then(|t| t.evaluation_period_seconds)
                    .unwrap_or(defaults::ROLLBACK_EVALUATION_PERIOD_SECONDS);
                let evaluation_periods = timing
                    .and_then(|t| t.wait_after_trigger_seconds)
                    .map_or(1, |wait| (wait / period.max(1)).max(1));
                let mut topics = Vec::new();
                if actions.contains(&RollbackAction::SendNotification) {
                    topics
                        .extend(self.topics_for(&unit, &[meridian_model::AlertSeverity::Warning]));
                }
                if actions.contains(&RollbackAction::AlertOnCall) {
                    for topic in self.topics_for(&unit, &[meridian_model::AlertSeverity::Critical])
                    {
                        if !topics.contains(&topic) {
                            topics.push(topic);
                        }
                    }
                }
                self.rollback_alarms(
                    &unit,
                    path,
                    &entity,
                    triggers,
                    tg,
                    &lb.rid,
                    period,
                    evaluation_periods,
                    &topics,
                )
            }
            _ => Vec::new(),
        };
        let scaling = service.scaling.as_ref().map(|scaling| {
            let capacity = per_role(&scaling.capacity, region.role);
            let target =
                self.entity_rid(&unit, &entity, |base| format!("{base}ScalableTarget"), path);
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
                    let bounds = match region.role {
                        RegionRole::Primary | RegionRole::StorageOnly => schedule.capacity.primary,
                        RegionRole::Secondary => schedule.capacity.secondary,
                        RegionRole::Optional => schedule.capacity.optional,
                    }?;
                    Some(ScheduledActionPlan {
                        name: schedule.name.clone(),
                        rid: self.entity_rid(
                            &unit,
                            &entity,
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
            let policy = self.entity_rid(&unit, &entity, |base| format!("{base}CpuScaling"), path);
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
                        resource: rid.clone(),
                        attr: Attr::ServiceName,
                    }),
                ]),
                policy_type: ScalingPolicyType::TargetTracking,
                metric: ScalingMetric::EcsServiceAverageCpu,
                target,
                policy,
                policy_name: self.names.scaling_policy(&identity),
                min: capacity.min,
                max: capacity.max,
                target_cpu_percent: scaling
                    .target_cpu_percent
                    .unwrap_or(defaults::TARGET_CPU_PERCENT),
                scale_out_cooldown_seconds: defaults::SCALE_OUT_COOLDOWN_SECONDS,
                scale_in_cooldown_seconds: defaults::SCALE_IN_COOLDOWN_SECONDS,
                scheduled,
            }
        });
        let service_name = self.names.service(&identity);
        let container_name = self.names.container(&identity);
        self.export(
            &unit,
            &format!("{}ServiceName", pascal(&identity)),
            &format!("Name of the {identity} ECS service"),
            Text::lit(service_name.clone()),
        );
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
            log_group_name,
            log_retention_days: logs
                .and_then(|logs| logs.retention_days)
                .unwrap_or(defaults::LOG_RETENTION_DAYS),
            log_kms_key: self.data_key_arn(&unit, &region.code),
            security_group,
            cluster,
            family: service_name.clone(),
            service_name,
            logging: ContainerLogging {
                driver: LogDriver::AwsLogs,
                // Streams are `<container>/<container>/<task ID>`: one prefix per service.
                stream_prefix: container_name.clone(),
            },
            container_name,
            image,
            cpu: service.cpu,
            memory: service.memory,
            runtime: TaskRuntime {
                launch_type: LaunchType::Fargate,
                // The only network mode Fargate offers.
                network_mode: NetworkMode::Awsvpc,
                operating_system: OperatingSystem::Linux,
                cpu_architecture: match service.architecture {
                    Some(meridian_model::Architecture::Arm64) => CpuArchitecture::Arm64,
                    _ => CpuArchitecture::X86_64,
                },
            },
            // The task's only container: the task stops when it does.
            essential: true,
            port: service.port,
            port_protocol: IpProtocol::Tcp,
            environment,
            secrets,
            health_check,
            desired_count,
            deployment: DeploymentPlan {
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
                rollback: rolls_back,
                alarms_enabled: rollback_enabled && !rollback_alarms.is_empty(),
                blue_green,
                max_rollback_seconds: rollback
                    .and_then(|r| r.timing.as_ref())
                    .and_then(|t| t.max_rollback_time_seconds)
                    .unwrap_or(defaults::MAX_ROLLBACK_TIME_SECONDS),
            },
            health_check_grace_seconds: load_balancer
                .as_ref()
                .map(|_| defaults::HEALTH_CHECK_GRACE_SECONDS),
            load_balancer,
            subnets: subnets.to_vec(),
            assign_public_ip: defaults::ASSIGN_PUBLIC_IP,
            tag_propagation: defaults::TAG_PROPAGATION,
            ecs_managed_tags: defaults::ECS_MANAGED_TAGS,
            scaling,
            rollback_alarms,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rollback_alarms(
        &mut self,
        unit: &UnitId,
        path: &StackPath,
        entity: &EntityName,
        triggers: &meridian_model::RollbackTriggers,
        tg: &TargetGroupPlan,
        lb: &Rid,
        period: u32,
        evaluation_periods: u32,
        topics: &[Rid],
    ) -> Vec<AlarmPlan> {
        let groups: Vec<&Rid> = std::iter::once(&tg.rid)
            .chain(tg.alternate.iter())
            .collect();
        let metric = |name: &str, stat: Statistic, group: &Rid| MetricStat {
            namespace: "AWS/ApplicationELB".to_owned(),
            metric: name.to_owned(),
            dimensions: vec![
                (
                    "LoadBalancer".to_owned(),
                    Text::attr(lb, Attr::LoadBalancerFullName),
                ),
                (
                    "TargetGroup".to_owned(),
                    Text::attr(group, Attr::TargetGroupFullName),
                ),
            ],
            stat,
        };
        let trigger_path = path.key("deployment").key("rollback").key("triggers");
        let mut alarms = Vec::new();
        let mut alarm = |resolver: &mut Self,
                         suffix: &str,
                         description: String,
                         metric: AlarmMetric,
                         comparison,
                         threshold| {
            let rid = resolver.entity_rid(
                unit,
                entity,
                |base| format!("{base}Rollback{suffix}Alarm"),
                &trigger_path,
            );
            alarms.push(AlarmPlan {
                rid,
                name: resolver.names.alarm(&format!(
                    "{}-rollback-{}",
                    entity.identity,
                    suffix.to_ascii_lowercase()
                )),
                description,
                metric,
                comparison,
                threshold,
                period_seconds: period,
                evaluation_periods,
                missing_data: MissingData::NotBreaching,
                topics: topics.to_vec(),
            });
        };
        if let Some(rate) = triggers.error_rate_threshold {
            let mut inputs = Vec::new();
            let mut errors = Vec::new();
            let mut requests = Vec::new();
            for (index, group) in groups.iter().enumerate() {
                let error_id = format!("errors{index}");
                let request_id = format!("requests{index}");
                inputs.push((
                    error_id.clone(),
                    metric("HTTPCode_Target_5XX_Count", Statistic::Sum, group),
                ));
                inputs.push((
                    request_id.clone(),
                    metric("RequestCount", Statistic::Sum, group),
                ));
                errors.push(error_id);
                requests.push(request_id);
            }
            let expression = format!(
                "IF(({requests}) > 0, ({errors}) / ({requests}), 0)",
                errors = errors.join(" + "),
                requests = requests.join(" + ")
            );
            alarm(
                self,
                "ErrorRate",
                format!(
                    "Deployment of {} fails when more than {}% of requests get a 5xx",
                    entity.identity,
                    rate * 100.0
                ),
                AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression,
                    label: "5xx share".to_owned(),
                    inputs,
                },
                Comparison::GreaterThan,
                rate,
            );
        }
        if let Some(latency) = triggers.latency_threshold_ms {
            let inputs: Vec<(String, MetricStat)> = groups
                .iter()
                .enumerate()
                .map(|(index, group)| {
                    (
                        format!("latency{index}"),
                        metric("TargetResponseTime", Statistic::Percentile(99), group),
                    )
                })
                .collect();
            let ids: Vec<String> = inputs.iter().map(|(id, _)| id.clone()).collect();
            alarm(
                self,
                "Latency",
                format!(
                    "Deployment of {} fails when p99 response time exceeds {latency} ms",
                    entity.identity
                ),
                AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression: format!("MAX([{}])", ids.join(", ")),
                    label: "p99 response time".to_owned(),
                    inputs,
                },
                Comparison::GreaterThan,
                f64::from(latency) / 1000.0,
            );
        }
        if triggers.health_check_failure == Some(true) {
            let inputs: Vec<(String, MetricStat)> = groups
                .iter()
                .enumerate()
                .map(|(index, group)| {
                    (
                        format!("unhealthy{index}"),
                        metric("UnHealthyHostCount", Statistic::Maximum, group),
                    )
                })
                .collect();
            let ids: Vec<String> = inputs.iter().map(|(id, _)| id.clone()).collect();
            alarm(
                self,
                "Unhealthy",
                format!(
                    "Deployment of {} fails when a target fails its health check",
                    entity.identity
                ),
                AlarmMetric::Math {
                    result_id: naming::METRIC_MATH_RESULT_ID.to_owned(),
                    expression: ids.join(" + "),
                    label: "unhealthy targets".to_owned(),
                    inputs,
                },
                Comparison::GreaterThanOrEqual,
                1.0,
            );
        }
        alarms
    }

    /// Resolves `${reference}` for a service in `context.unit`.
    pub(crate) fn resolve_reference(
        &mut self,
        path: &StackPath,
        reference: &str,
        context: TextContext<'_>,
    ) -> Option<Text> {
        let unit = context.unit.clone();
        let region = unit.region().unwrap_or_default().to_owned();
        let stack = self.stack;
        let secrets_only = ["database.username", "database.password", "cache.auth_token"];
        let is_secret = secrets_only.contains(&reference);
        if context.references == ReferenceScope::Secrets && !is_secret {
            self.report(
                Diagnostic::new(codes::E806, path.clone(), format!("`${{{reference}}}` is not a secret"))
                    .with_help(format!("secrets take {}, or a `${{PARAMETER}}` holding a secret ARN; plain values go in `environment`", secrets_only.join(", "))),
            );
            return None;
        }
        if context.references == ReferenceScope::Environment && is_secret {
            self.report(
                Diagnostic::new(
                    codes::E806,
                    path.clone(),
                    format!(
                        "`${{{reference}}}` is a secret and would be visible in the task definition"
                    ),
                )
                .with_help("move this variable from `environment` to `secrets`"),
            );
            return None;
        }
        let missing = |resolver: &mut Self, what: &str, help: &str| {
            resolver.report(
                Diagnostic::new(
                    codes::E325,
                    path.clone(),
                    format!("`${{{reference}}}` refers to {what}, which this stack does not have"),
                )
                .with_help(help.to_owned()),
            );
            None
        };
        let primary_unit = self.facts.primary.clone().map(UnitId::Region);
        match reference {
            "region" => Some(Text::lit(region)),
            "stack" => Some(Text::lit(stack.stack.clone())),
            "region.role" => {
                let role = self
                    .facts
                    .service_regions
                    .iter()
                    .find(|(code, _)| code == &region)
                    .map(|(_, role)| role.as_str());
                Some(Text::lit(role.unwrap_or("primary")))
            }
            "database.writer.address"
            | "database.reader.address"
            | "database.port"
            | "database.name"
            | "database.read_weights"
            | "database.read_routing"
            | "database.username"
            | "database.password" => {
                let Some(database) = &stack.database else {
                    return missing(
                        self,
                        "the database",
                        "add a `database` block, or remove this reference",
                    );
                };
                let writer = self.facts.writer.clone()?;
                let primary_unit = primary_unit?;
                match reference {
                    "database.writer.address" => Some(self.value_from(
                        &unit,
                        &primary_unit,
                        "DatabaseWriterAddress",
                        "Address of the PostgreSQL writer",
                        AttrRef {
                            resource: writer,
                            attr: Attr::DbAddress,
                        },
                    )),
                    "database.reader.address" => match self.facts.database.get(&region).cloned() {
                        Some(local) => Some(Text::attr(&local, Attr::DbAddress)),
                        None => Some(self.value_from(
                            &unit,
                            &primary_unit,
                            "DatabaseWriterAddress",
                            "Address of the PostgreSQL writer",
                            AttrRef {
                                resource: writer,
                                attr: Attr::DbAddress,
                            },
                        )),
                    },
                    "database.port" => Some(Text::lit(
                        database.port.unwrap_or(defaults::POSTGRES_PORT).to_string(),
                    )),
                    "database.name" => Some(Text::lit(database.name.clone())),
                    "database.read_routing" => Some(Text::lit(match database.read_routing {
                        Some(meridian_model::ReadRouting::Weight) => "weight",
                        Some(meridian_model::ReadRouting::Geo) => "geo",
                        Some(meridian_model::ReadRouting::Latency) | None => defaults::READ_ROUTING,
                    })),
                    "database.read_weights" => {
                        let mut weights = vec![format!(
                            "{}={}",
                            database.primary.region,
                            database.primary.read_weight.unwrap_or(0)
                        )];
                        weights.extend(
                            database
                                .read_replicas
                                .iter()
                                .map(|r| format!("{}={}", r.region, r.weight)),
                        );
                        Some(Text::lit(weights.join(",")))
                    }
                    key => {
                        let field = if key == "database.username" {
                            "username"
                        } else {
                            "password"
                        };
                        let secret = self.facts.database_secret.clone()?;
                        let arn = if Some(&region) == self.facts.primary.as_ref() {
                            Text::attr(&secret, Attr::SecretArn)
                        } else {
                            self.replica_secret_arn(
                                &unit,
                                &primary_unit,
                                &region,
                                &secret,
                                "DatabaseSecretNameWithSuffix",
                            )
                        };
                        Some(arn.with_suffix(&format!(":{field}::")))
                    }
                }
            }
            "cache.endpoint"
            | "cache.port"
            | "cache.global_prefix"
            | "cache.replicated_keys"
            | "cache.auth_token" => {
                let Some(cache) = &stack.cache else {
                    return missing(
                        self,
                        "the cache",
                        "add a `cache` block, or remove this reference",
                    );
                };
                match reference {
                    "cache.port" => Some(Text::lit(
                        cache.port.unwrap_or(defaults::REDIS_PORT).to_string(),
                    )),
                    "cache.global_prefix" => Some(Text::lit(
                        cache
                            .global_keys
                            .as_ref()
                            .map(|k| k.prefix.clone())
                            .unwrap_or_default(),
                    )),
                    "cache.replicated_keys" => Some(Text::lit(
                        cache
                            .global_keys
                            .as_ref()
                            .map(|k| k.replicated_keys.join(","))
                            .unwrap_or_default(),
                    )),
                    key => {
                        let Some((rid, endpoint)) = self.facts.cache.get(&region).cloned() else {
                            self.report(
                                Diagnostic::new(codes::E326, path.clone(), format!("`${{{reference}}}` is used in `{region}`, which has no cache cluster"))
                                    .with_help("add the region to `cache.cross_region_replication.target_regions`"),
                            );
                            return None;
                        };
                        if key == "cache.endpoint" {
                            return Some(Text::attr(&rid, endpoint));
                        }
                        let (secret, home) = self.facts.cache_secret.get(&region).cloned()?;
                        let arn = if home == region {
                            Text::attr(&secret, Attr::SecretArn)
                        } else {
                            self.replica_secret_arn(
                                &unit,
                                &UnitId::Region(home),
                                &region,
                                &secret,
                                "CacheAuthSecretNameWithSuffix",
                            )
                        };
                        Some(arn.with_suffix(":token::"))
                    }
                }
            }
            other => {
                if let Some(rest) = other.strip_prefix("buckets.")
                    && let Some(name) = rest.strip_suffix(".name")
                {
                    let Some((bucket_region, rid)) = self.facts.buckets.get(name).cloned() else {
                        let help =
                            match suggest_list(name, stack.buckets.iter().map(|b| b.name.as_str()))
                            {
                                Some(suggestion) => {
                                    format!("did you mean `buckets.{suggestion}.name`?")
                                }
                                None => "name a bucket declared under `buckets`".to_owned(),
                            };
                        self.report(
                            Diagnostic::new(
                                codes::E806,
                                path.clone(),
                                format!("`${{{reference}}}` names a bucket that is not declared"),
                            )
                            .with_help(help),
                        );
                        return None;
                    };
                    // Outputs of a renamed bucket keep its former name, like its resources.
                    let identity = self.entity(EntityKind::Bucket, name).identity;
                    return Some(self.value_from(
                        &unit,
                        &UnitId::Storage(bucket_region),
                        &format!("{}BucketName", pascal(&identity)),
                        &format!("Name of the {identity} bucket"),
                        AttrRef {
                            resource: rid,
                            attr: Attr::BucketName,
                        },
                    ));
                }
                let known = [
                    "region",
                    "region.role",
                    "stack",
                    "database.writer.address",
                    "database.reader.address",
                    "database.port",
                    "database.name",
                    "database.read_weights",
                    "database.read_routing",
                    "database.username",
                    "database.password",
                    "cache.endpoint",
                    "cache.port",
                    "cache.global_prefix",
                    "cache.replicated_keys",
                    "cache.auth_token",
                ];
                let help = match suggest_list(other, known.iter().copied()) {
                    Some(suggestion) => format!("did you mean `${{{suggestion}}}`?"),
                    None if !other.contains('.') => format!(
                        "deploy-time parameters are UPPER_SNAKE_CASE: did you mean `${{{}}}`? Lowercase names refer to values Meridian produces",
                        other.to_ascii_uppercase().replace('-', "_")
                    ),
                    None => format!(
                        "known references: {}, and `buckets.<name>.name`",
                        known.join(", ")
                    ),
                };
                self.report(
                    Diagnostic::new(
                        codes::E806,
                        path.clone(),
                        format!("`${{{other}}}` is not a value Meridian knows"),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }
}

fn naming_cluster_rid(resolver: &mut Resolver<'_>, unit: &UnitId) -> Rid {
    resolver.rid(unit, "Cluster", &StackPath::root().key("services"))
}

/// The secret ARN of a `valueFrom` (without `:field::`).
fn strip_json_key(value_from: &Text) -> Text {
    let mut parts = value_from.parts().to_vec();
    if let Some(Part::Lit(last)) = parts.last_mut()
        && let Some(position) = last.find(':')
        && last.ends_with("::")
    {
        last.truncate(position);
    }
    Text::from_parts(parts)
}

fn is_http_matcher(matcher: &str) -> bool {
    let code = |text: &str| {
        text.parse::<u32>()
            .is_ok_and(|code| (200..=499).contains(&code))
    };
    matcher.split(',').all(|item| match item.split_once('-') {
        Some((from, to)) => {
            code(from) && code(to) && from.parse::<u32>().ok() <= to.parse::<u32>().ok()
        }
        None => code(item),
    })
}

/// How a security-group rule's logical ID is built: as is, or from an entity's name.
enum Named<'e> {
    Fixed(String),
    Entity(&'e EntityName, fn(&str) -> String),
}

/// Security groups of a region and the rules chaining load balancer → tasks → data stores.
fn wire_security_groups(resolver: &mut Resolver<'_>, app: &mut AppPlan) {
    let unit = app.unit.clone();
    let stack = resolver.stack.stack.clone();
    let path = StackPath::root().key("services");
    let mut groups = Vec::new();
    let mut rules = Vec::new();
    let mut rule = |resolver: &mut Resolver<'_>,
                    name: Named<'_>,
                    group: &Rid,
                    direction,
                    port,
                    peer,
                    description: String| {
        let rid = match name {
            Named::Fixed(name) => resolver.rid(&unit, name, &path),
            Named::Entity(entity, role) => resolver.entity_rid(&unit, entity, role, &path),
        };
        rules.push(SecurityGroupRulePlan {
            rid,
            group: group.clone(),
            direction,
            protocol: IpProtocol::Tcp,
            port,
            peer,
            description,
        });
    };
    let vpc_cidr = app
        .network
        .as_ref()
        .map(|n| n.vpc_cidr.clone())
        .unwrap_or_default();
    if let Some(lb) = &app.load_balancer {
        groups.push(SecurityGroupPlan {
            rid: lb.security_group.clone(),
            description: "Load balancer: listeners open to the configured clients".to_owned(),
            name: format!("{stack}-load-balancer"),
        });
        let cidrs: Vec<String> = match resolver
            .stack
            .load_balancer
            .as_ref()
            .and_then(|l| l.ingress_cidrs.clone())
        {
            Some(cidrs) => cidrs,
            None if lb.internal => vec![vpc_cidr.clone()],
            None => vec![aws::IPV4_ANYWHERE.to_owned()],
        };
        for listener in &lb.listeners {
            for cidr in &cidrs {
                let peer_name = if cidr == aws::IPV4_ANYWHERE {
                    "Anywhere".to_owned()
                } else {
                    format!("Cidr{}", cidr.replace(['.', '/'], "x"))
                };
                rule(
                    resolver,
                    Named::Fixed(format!(
                        "LoadBalancerIngress{}From{peer_name}",
                        listener.port
                    )),
                    &lb.security_group,
                    Direction::Ingress,
                    listener.port,
                    Peer::Cidr(cidr.clone()),
                    format!(
                        "{} clients to the listener on {}",
                        listener.protocol.as_str(),
                        listener.port
                    ),
                );
            }
        }
    }
    for service in &app.services {
        // A renamed service's rules keep its former name, like its other resources.
        let entity = EntityName::new(
            EntityKind::Service,
            &service.name,
            service.renamed_from.as_deref(),
        );
        let identity = &entity.identity;
        groups.push(SecurityGroupPlan {
            rid: service.security_group.clone(),
            description: format!("Tasks of the {identity} service"),
            name: format!("{stack}-{identity}"),
        });
        if let (Some(lb), Some(_)) = (&app.load_balancer, &service.load_balancer) {
            rule(
                resolver,
                Named::Entity(&entity, |base| format!("LoadBalancerEgressTo{base}")),
                &lb.security_group,
                Direction::Egress,
                service.port,
                Peer::Group(service.security_group.clone()),
                format!("Load balancer to {identity} tasks"),
            );
            rule(
                resolver,
                Named::Entity(&entity, |base| format!("{base}IngressFromLoadBalancer")),
                &service.security_group,
                Direction::Ingress,
                service.port,
                Peer::Group(lb.security_group.clone()),
                "Load balancer to the container port".to_owned(),
            );
        }
        rule(
            resolver,
            Named::Entity(&entity, |base| format!("{base}EgressHttps")),
            &service.security_group,
            Direction::Egress,
            443,
            Peer::Cidr(aws::IPV4_ANYWHERE.to_owned()),
            "HTTPS to AWS APIs (ECR, Secrets Manager, CloudWatch Logs) through the NAT gateways"
                .to_owned(),
        );
        if let Some(database) = &app.database {
            rule(
                resolver,
                Named::Entity(&entity, |base| format!("{base}EgressToDatabase")),
                &service.security_group,
                Direction::Egress,
                database.port,
                Peer::Group(database.security_group.clone()),
                "Tasks to PostgreSQL".to_owned(),
            );
            rule(
                resolver,
                Named::Entity(&entity, |base| format!("DatabaseIngressFrom{base}")),
                &database.security_group,
                Direction::Ingress,
                database.port,
                Peer::Group(service.security_group.clone()),
                format!("{identity} tasks to PostgreSQL"),
            );
        }
        if let Some(cache) = &app.cache {
            rule(
                resolver,
                Named::Entity(&entity, |base| format!("{base}EgressToCache")),
                &service.security_group,
                Direction::Egress,
                cache.port,
                Peer::Group(cache.security_group.clone()),
                "Tasks to Redis".to_owned(),
            );
            rule(
                resolver,
                Named::Entity(&entity, |base| format!("CacheIngressFrom{base}")),
                &cache.security_group,
                Direction::Ingress,
                cache.port,
                Peer::Group(service.security_group.clone()),
                format!("{identity} tasks to Redis"),
            );
        }
    }
    if let Some(database) = &app.database {
        groups.push(SecurityGroupPlan {
            rid: database.security_group.clone(),
            description: "PostgreSQL: reachable from the service tasks only".to_owned(),
            name: format!("{stack}-database"),
        });
        if let crate::types::DatabaseRole::Writer(writer) = &database.role {
            let rotation = writer.rotation.security_group.clone();
            groups.push(SecurityGroupPlan {
                rid: rotation.clone(),
                description: "Secrets Manager rotation function of the database master password"
                    .to_owned(),
                name: format!("{stack}-database-rotation"),
            });
            rule(
                resolver,
                Named::Fixed("DatabaseRotationEgressToDatabase".to_owned()),
                &rotation,
                Direction::Egress,
                database.port,
                Peer::Group(database.security_group.clone()),
                "Rotation function to PostgreSQL".to_owned(),
            );
            rule(
                resolver,
                Named::Fixed("DatabaseRotationEgressHttps".to_owned()),
                &rotation,
                Direction::Egress,
                443,
                Peer::Cidr(aws::IPV4_ANYWHERE.to_owned()),
                "Rotation function to the Secrets Manager API".to_owned(),
            );
            rule(
                resolver,
                Named::Fixed("DatabaseIngressFromRotation".to_owned()),
                &database.security_group,
                Direction::Ingress,
                database.port,
                Peer::Group(rotation),
                "Rotation function to PostgreSQL".to_owned(),
            );
        }
    }
    if let Some(cache) = &app.cache {
        groups.push(SecurityGroupPlan {
            rid: cache.security_group.clone(),
            description: "Redis: reachable from the service tasks only".to_owned(),
            name: format!("{stack}-cache"),
        });
    }
    app.security_groups = groups;
    app.security_group_rules = rules;
}
