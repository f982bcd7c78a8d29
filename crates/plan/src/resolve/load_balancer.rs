//! Each region's Application Load Balancer: listeners, rules, target groups (two for blue/green
//! services), the access-log bucket, and the rules of all of them (E202 to E223, W201, W210).

use std::collections::{BTreeMap, BTreeSet};

use meridian_model::{
    DeploymentStrategy, Diagnostic, ListenerProtocol, LoadBalancerScheme, StackPath, codes,
};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::{Rid, UnitId};
use crate::naming::{self, pascal};
use crate::suggest_list;
use crate::types::*;
use crate::value::{Attr, AttrRef, Part, Text};

/// The load balancer of each region that has one, for the areas that route to it (DNS,
/// dashboards).
#[derive(Debug, Default)]
pub(crate) struct LoadBalancers {
    /// Region code → the load balancer.
    pub by_region: BTreeMap<RegionCode, Rid>,
    /// The regions whose load balancer routes the DNS domain on HTTPS 443 (a region where the
    /// services behind the domain do not run has no rule for it, so no DNS record either).
    pub routes_domain: BTreeSet<RegionCode>,
    /// For each of `dns.hosts`, the regions whose load balancer (the host's) routes it on HTTPS
    /// 443.
    pub routes_host: BTreeMap<String, BTreeSet<RegionCode>>,
    /// The further load balancers (`load_balancers`): name → region code → the load balancer.
    pub named: BTreeMap<String, BTreeMap<RegionCode, Rid>>,
}

/// What every region's load balancer shares: the stack's settings and which services deploy
/// blue/green (their target groups come in pairs).
struct LoadBalancerInputs<'s> {
    lb: &'s meridian_model::LoadBalancer,
    path: StackPath,
    /// The name of a further load balancer (`load_balancers`); `None` for the main one.
    name: Option<&'s str>,
    /// What its logical IDs start with: empty for the main one, its PascalCase name otherwise.
    prefix: String,
    blue_green: BTreeSet<&'s str>,
    /// The DNS names routed to this load balancer: `dns.domain` and the hosts without
    /// `load_balancer` for the main one, the hosts naming it for a further one.
    dns_names: Vec<&'s str>,
    /// Where each service runs: a target group exists only there.
    placement: &'s Placement,
}

impl<'a> Resolver<'a> {
    /// Each region's load balancer, from the stack's one `load_balancer` block.
    pub(crate) fn resolve_load_balancers(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        placement: &Placement,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
    ) -> LoadBalancers {
        let stack = self.stack;
        let mut resolved = LoadBalancers::default();
        self.check_further_load_balancers();
        let Some(lb) = &stack.load_balancer else {
            if stack.dns.is_some() {
                self.report(
                    Diagnostic::new(codes::E606, StackPath::root().key("dns"), "`dns` routes to the regional load balancers, but the stack has no `load_balancer`")
                        .with_help("add a `load_balancer` with an HTTPS listener on port 443"),
                );
            }
            return resolved;
        };
        let path = StackPath::root().key("load_balancer");
        self.check_load_balancer(&path, lb);
        let blue_green: BTreeSet<&str> = stack
            .services
            .iter()
            .filter(|service| {
                service.deployment.as_ref().and_then(|d| d.strategy)
                    == Some(DeploymentStrategy::BlueGreen)
            })
            .map(|service| service.name.as_str())
            .collect();
        let inputs = LoadBalancerInputs {
            lb,
            path,
            name: None,
            prefix: String::new(),
            blue_green: blue_green.clone(),
            dns_names: dns_names(stack, None),
            placement,
        };
        self.resolve_main_load_balancer(regions, &inputs, apps, &mut resolved);
        let mut names = BTreeSet::new();
        let mut groups: BTreeSet<&str> =
            lb.target_groups.iter().map(|tg| tg.name.as_str()).collect();
        for (index, named) in stack.load_balancers.iter().enumerate() {
            // A repeated or invalid name is E224, a target group named on another load balancer
            // E210 (resolving either would collide in IDs), no target group at all E226.
            let (name, further) = (named.name.as_str(), &named.settings);
            let repeated_group = further
                .target_groups
                .iter()
                .any(|tg| groups.contains(tg.name.as_str()));
            groups.extend(further.target_groups.iter().map(|tg| tg.name.as_str()));
            if !names.insert(name)
                || !is_entity_name(name, naming::limits::LOAD_BALANCER_NAME)
                || repeated_group
                || further.target_groups.is_empty()
            {
                continue;
            }
            let path = StackPath::root().key("load_balancers").index(index);
            self.check_load_balancer(&path, further);
            let inputs = LoadBalancerInputs {
                lb: further,
                path,
                name: Some(name),
                prefix: pascal(name),
                blue_green: blue_green.clone(),
                dns_names: dns_names(stack, Some(name)),
                placement,
            };
            let by_region =
                self.resolve_load_balancer_in_regions(regions, &inputs, apps, &mut resolved);
            resolved.named.insert(name.to_owned(), by_region);
        }
        resolved
    }

    /// Each region's main load balancer (`load_balancer`), and the check that a rule routes the
    /// DNS domain (E607).
    fn resolve_main_load_balancer(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        inputs: &LoadBalancerInputs<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
        resolved: &mut LoadBalancers,
    ) {
        let lb = inputs.lb;
        let domain = stack_domain(self.stack);
        resolved.by_region = self.resolve_load_balancer_in_regions(regions, inputs, apps, resolved);
        let domain_routed = !resolved.routes_domain.is_empty();
        // Without an HTTPS listener on 443 at all, E606 says so; E607 would repeat it.
        let https_443 = lb
            .listeners
            .iter()
            .any(|l| l.port == aws::HTTPS_PORT && l.protocol == ListenerProtocol::Https);
        if let Some(domain) = domain
            && !domain_routed
            && https_443
            && !resolved.by_region.is_empty()
        {
            self.report(
                Diagnostic::new(
                    codes::E607,
                    inputs.path.key("listeners"),
                    format!("no rule of an HTTPS listener on port 443 routes `{domain}`, so the DNS name would reach only the 404 default action"),
                )
                .with_help(format!("add a rule with `hosts: [{domain}]` (or without hosts) to the HTTPS listener on 443")),
            );
        }
    }

    /// Each region's instance of a load balancer, in the regions where one of the services
    /// behind it runs, with the DNS names its rules route (`routes_domain`, `routes_host`).
    fn resolve_load_balancer_in_regions(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        inputs: &LoadBalancerInputs<'_>,
        apps: &mut BTreeMap<RegionCode, AppPlan>,
        resolved: &mut LoadBalancers,
    ) -> BTreeMap<RegionCode, Rid> {
        let domain = stack_domain(self.stack);
        let mut by_region = BTreeMap::new();
        for region in regions {
            let Some(app) = apps.get(&region.code) else {
                continue;
            };
            let Some(network) = app.network.clone() else {
                continue;
            };
            // A region where none of the services behind the load balancer runs (only workers,
            // or services placed elsewhere) gets no load balancer: nothing would answer but 404.
            // (A further one without target groups is E226.)
            if !inputs.lb.target_groups.is_empty()
                && inputs
                    .lb
                    .target_groups
                    .iter()
                    .all(|tg| inputs.placement.excludes(&tg.service, &region.code))
            {
                continue;
            }
            let unit = app.unit.clone();
            let mut routed_here = BTreeSet::new();
            let plan =
                self.load_balancer_in(&unit, &region.code, &network, inputs, &mut routed_here);
            for name in routed_here {
                if inputs.name.is_none() && Some(name.as_str()) == domain {
                    resolved.routes_domain.insert(region.code.clone());
                } else {
                    let routes = resolved.routes_host.entry(name).or_default();
                    routes.insert(region.code.clone());
                }
            }
            self.export_load_balancer(&unit, &plan, &inputs.prefix);
            by_region.insert(region.code.clone(), plan.rid.clone());
            if let Some(app) = apps.get_mut(&region.code) {
                match inputs.name {
                    None => app.load_balancer = Some(plan),
                    Some(name) => {
                        app.load_balancers.insert(name.to_owned(), plan);
                    }
                }
            }
        }
        by_region
    }

    /// The load balancer of one region. `routed` receives the DNS names its rules route on
    /// HTTPS 443.
    fn load_balancer_in(
        &mut self,
        unit: &UnitId,
        region: &str,
        network: &NetworkPlan,
        inputs: &LoadBalancerInputs<'_>,
        routed: &mut BTreeSet<String>,
    ) -> LoadBalancerPlan {
        let LoadBalancerInputs {
            lb, path, prefix, ..
        } = inputs;
        let internal = lb.scheme == LoadBalancerScheme::Internal;
        let rid = self.rid(unit, format!("{prefix}LoadBalancer"), path);
        let security_group = self.rid(unit, format!("{prefix}LoadBalancerSecurityGroup"), path);
        let (target_groups, tg_rids) = self.target_groups_in(unit, region, inputs);
        let mut listeners = Vec::new();
        let mut listener_ports = BTreeSet::new();
        for (index, listener) in lb.listeners.iter().enumerate() {
            // A repeated port is E202; resolving the repeat would also collide in IDs.
            if !listener_ports.insert(listener.port) {
                continue;
            }
            let listener_path = path.key("listeners").index(index);
            listeners.push(self.listener_in(
                unit,
                (listener, &listener_path, prefix),
                &rid,
                &tg_rids,
                &inputs.dns_names,
                routed,
            ));
        }
        let access_logs = lb
            .access_logs
            .unwrap_or(defaults::ACCESS_LOGS)
            .then(|| self.access_log_bucket(unit, region, path, inputs.name));
        LoadBalancerPlan {
            rid,
            name: match inputs.name {
                None => self.names.load_balancer(region),
                Some(name) => self.names.further_load_balancer(name, region),
            },
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
        }
    }

    /// The outputs other units read from a region's load balancer.
    fn export_load_balancer(&mut self, unit: &UnitId, plan: &LoadBalancerPlan, prefix: &str) {
        let rid = &plan.rid;
        self.export(
            unit,
            &format!("{prefix}LoadBalancerDnsName"),
            "DNS name of the load balancer",
            Text::attr(rid, Attr::LoadBalancerDnsName),
        );
        self.export(
            unit,
            &format!("{prefix}LoadBalancerZoneId"),
            "Hosted zone of the load balancer's DNS name",
            Text::attr(rid, Attr::LoadBalancerZoneId),
        );
        self.export(
            unit,
            &format!("{prefix}LoadBalancerFullName"),
            "Load balancer name as CloudWatch metrics know it",
            Text::attr(rid, Attr::LoadBalancerFullName),
        );
        for tg in &plan.target_groups {
            let service = self
                .stack
                .all_load_balancers()
                .flat_map(|(_, lb)| &lb.target_groups)
                .find(|model| model.name == tg.name)
                .map_or("", |model| model.service.as_str());
            let tg_unit = self.service_unit(unit, service);
            self.export(
                &tg_unit,
                &format!("{}TargetGroupArn", pascal(&tg.name)),
                &format!("ARN of the {} target group", tg.name),
                Text::attr(&tg.rid, Attr::TargetGroupArn),
            );
        }
    }

    /// The target groups of a region, and each name's blue and green group.
    #[allow(clippy::type_complexity)]
    fn target_groups_in(
        &mut self,
        unit: &UnitId,
        region: &str,
        inputs: &LoadBalancerInputs<'_>,
    ) -> (
        Vec<TargetGroupPlan>,
        BTreeMap<String, (Rid, Option<Rid>, UnitId)>,
    ) {
        let LoadBalancerInputs {
            lb,
            path,
            blue_green,
            placement,
            ..
        } = inputs;
        let mut target_groups = Vec::new();
        let mut tg_rids: BTreeMap<String, (Rid, Option<Rid>, UnitId)> = BTreeMap::new();
        for (index, tg) in lb.target_groups.iter().enumerate() {
            // A repeated name is E210; resolving the repeat would also collide in IDs.
            if tg_rids.contains_key(&tg.name) {
                continue;
            }
            // Where its service does not run, neither the group nor the rules forwarding to it
            // exist (listener_in skips a rule whose group is missing).
            if placement.excludes(&tg.service, region) {
                continue;
            }
            let tg_path = path.key("target_groups").index(index);
            let base = pascal(&tg.name);
            // A target group, and the rules forwarding to it, go with its service (split.rs).
            let tg_unit = self.service_unit(unit, &tg.service);
            let blue = self.rid(&tg_unit, format!("{base}TargetGroup"), &tg_path);
            let green = blue_green
                .contains(tg.service.as_str())
                .then(|| self.rid(&tg_unit, format!("{base}AlternateTargetGroup"), &tg_path));
            tg_rids.insert(tg.name.clone(), (blue.clone(), green.clone(), tg_unit));
            let physical_names = self.names.target_group(&tg.name, region);
            target_groups.push(target_group(tg, (blue, green), physical_names));
        }
        (target_groups, tg_rids)
    }

    /// One listener of a region with its rules.
    fn listener_in(
        &mut self,
        unit: &UnitId,
        (listener, listener_path, prefix): (&meridian_model::Listener, &StackPath, &str),
        lb_rid: &Rid,
        tg_rids: &BTreeMap<String, (Rid, Option<Rid>, UnitId)>,
        dns_names: &[&str],
        routed: &mut BTreeSet<String>,
    ) -> ListenerPlan {
        let listener_rid = self.rid(
            unit,
            format!("{prefix}Listener{}", listener.port),
            listener_path,
        );
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
                        unit,
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
            let Some((blue, green, rule_unit)) = tg_rids.get(&rule.target_group).cloned() else {
                continue;
            };
            let mut hosts: Vec<Text> = rule
                .hosts
                .iter()
                .map(|host| Text::lit(host.clone()))
                .collect();
            let names_routed: Vec<&str> = dns_names
                .iter()
                .copied()
                .filter(|name| {
                    rule.hosts.is_empty()
                        || rule
                            .hosts
                            .iter()
                            .any(|host| host.eq_ignore_ascii_case(name))
                })
                .collect();
            if !names_routed.is_empty()
                && listener.port == aws::HTTPS_PORT
                && protocol == Protocol::Https
            {
                routed.extend(names_routed.iter().map(|name| (*name).to_owned()));
                if !rule.hosts.is_empty() {
                    // Route 53 health checks send the load balancer's own name as Host.
                    hosts.push(Text::attr(lb_rid, Attr::LoadBalancerDnsName));
                }
            }
            rules.push(ListenerRulePlan {
                rid: self.rid(
                    &rule_unit,
                    format!("{prefix}Listener{}Rule{}", listener.port, rule.priority),
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
        ListenerPlan {
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
            default_action: default_action(protocol, listener.redirect_to_port),
            rules,
        }
    }

    pub(crate) fn access_log_bucket(
        &mut self,
        unit: &UnitId,
        region: &str,
        path: &StackPath,
        further: Option<&str>,
    ) -> BucketPlan {
        let prefix = further.map(pascal).unwrap_or_default();
        let rid = self.rid(unit, format!("{prefix}LoadBalancerAccessLogsBucket"), path);
        let (head, tail) = match further {
            None => self.names.access_log_bucket(region),
            Some(name) => self.names.further_access_log_bucket(name, region),
        };
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
            policy_rid: self.rid(
                unit,
                format!("{prefix}LoadBalancerAccessLogsBucketPolicy"),
                path,
            ),
            bucket_name: Text::from_parts(vec![Part::Lit(head), Part::AccountId, Part::Lit(tail)]),
            purpose: BucketPurpose::AccessLogs,
            versioning: true,
            encryption: BucketEncryption::S3Managed,
            object_lock: None,
            replication: None,
            policy_statements: vec![
                deny_insecure_transport(&rid),
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
            lifecycle_rules: lifecycle_rules(Some(defaults::ACCESS_LOG_RETENTION_DAYS)),
            retain: defaults::RETAIN_BUCKETS,
            rid,
        }
    }

    /// What `load_balancers` adds to the checks of each load balancer: names (E224), the main
    /// one beside them (E225), a service behind each (E226), and target groups named once and
    /// services fed once across all of them (E210, E216).
    fn check_further_load_balancers(&mut self) {
        let stack = self.stack;
        if stack.load_balancers.is_empty() {
            return;
        }
        if stack.load_balancer.is_none() {
            self.report(
                Diagnostic::new(codes::E225, StackPath::root().key("load_balancers"), "`load_balancers` adds load balancers beside the main `load_balancer`, which the stack does not declare")
                    .with_help("declare the load balancer that DNS, Global Accelerator, failover and alerts use as `load_balancer` (without `name`), and keep the others here"),
            );
        }
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        for (index, named) in stack.load_balancers.iter().enumerate() {
            let path = StackPath::root().key("load_balancers").index(index);
            let name = named.name.as_str();
            if is_entity_name(name, naming::limits::LOAD_BALANCER_NAME) {
                self.claim_name(
                    &mut names,
                    name,
                    &path,
                    codes::E224,
                    "load balancer",
                    "give each load balancer its own name",
                );
            } else {
                self.report(
                    Diagnostic::new(codes::E224, path.key("name"), format!("`{name}` is not a valid load balancer name: lowercase letters, digits and single hyphens, starting with a letter, at most {} characters", naming::limits::LOAD_BALANCER_NAME))
                        .with_help(format!("the name is part of IDs{}", entity_name_example(name, naming::limits::LOAD_BALANCER_NAME))),
                );
            }
            // A target group of an undeclared service is E211 already.
            if named.settings.target_groups.is_empty() {
                self.report(
                    Diagnostic::new(codes::E226, path.key("target_groups"), format!("no service uses the load balancer `{name}`: it has no target group"))
                        .with_help("add a target group whose `service` names the service behind it, or remove the load balancer"),
                );
            }
        }
        // Target group names are logical IDs and the key services attach by: unique in the
        // stack. A service registers in one target group, on one load balancer.
        let all = stack
            .load_balancer
            .iter()
            .map(|lb| (StackPath::root().key("load_balancer"), lb))
            .chain(
                stack
                    .load_balancers
                    .iter()
                    .enumerate()
                    .map(|(index, named)| {
                        (
                            StackPath::root().key("load_balancers").index(index),
                            &named.settings,
                        )
                    }),
            );
        let mut groups: BTreeMap<&str, (StackPath, StackPath)> = BTreeMap::new();
        let mut fed: BTreeMap<&str, (StackPath, StackPath)> = BTreeMap::new();
        for (lb_path, lb) in all {
            for (index, tg) in lb.target_groups.iter().enumerate() {
                let tg_path = lb_path.key("target_groups").index(index);
                if let Some((first_lb, first)) = groups.get(tg.name.as_str())
                    && *first_lb != lb_path
                {
                    self.report(
                        Diagnostic::new(codes::E210, tg_path.key("name"), format!("the target group name `{}` is used by two load balancers", tg.name))
                            .with_help("give each target group its own name in the stack: services attach by it")
                            .with_related(first.clone(), "the first target group with this name"),
                    );
                }
                groups
                    .entry(&tg.name)
                    .or_insert((lb_path.clone(), tg_path.clone()));
                if let Some((first_lb, first)) = fed.get(tg.service.as_str())
                    && *first_lb != lb_path
                {
                    self.report(
                        Diagnostic::new(codes::E216, tg_path.key("service"), format!("the service `{}` already feeds a target group of another load balancer", tg.service))
                            .with_help("a service attaches to one load balancer; route its other hosts with rules of that one")
                            .with_related(first.clone(), "the first target group of this service"),
                    );
                }
                fed.entry(&tg.service).or_insert((lb_path.clone(), tg_path));
            }
        }
    }

    pub(crate) fn check_load_balancer(
        &mut self,
        path: &StackPath,
        lb: &meridian_model::LoadBalancer,
    ) {
        if lb.listeners.is_empty() {
            self.report(
                Diagnostic::new(codes::E202, path.key("listeners"), "the load balancer has no listener")
                    .with_help("add an HTTPS listener on 443 (and an HTTP listener on 80 that redirects to it)"),
            );
        }
        if let Some(timeout) = lb.idle_timeout_seconds
            && !aws::limits::ALB_IDLE_TIMEOUT_SECONDS.contains(&timeout)
        {
            self.report(
                Diagnostic::new(
                    codes::E218,
                    path.key("idle_timeout_seconds"),
                    format!(
                        "idle timeout {timeout} s is outside {} s",
                        range_text(&aws::limits::ALB_IDLE_TIMEOUT_SECONDS)
                    ),
                )
                .with_help("the AWS default is 60 s"),
            );
        }
        self.check_ingress_cidrs(path, lb);
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
            if !aws::limits::PORTS.contains(&listener.port) {
                self.report(
                    Diagnostic::new(
                        codes::E203,
                        listener_path.key("port"),
                        format!(
                            "port {} is outside {}",
                            listener.port,
                            range_text(&aws::limits::PORTS)
                        ),
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
            self.check_listener_protocol(&listener_path, listener, &https_ports);
            self.check_listener_rules(
                &listener_path,
                listener,
                &tg_names,
                (&mut used_groups, &mut undeclared_groups),
            );
        }
        self.check_target_groups(path, lb, &used_groups, undeclared_groups);
    }

    /// E217: the CIDRs that may reach the listeners.
    fn check_ingress_cidrs(&mut self, path: &StackPath, lb: &meridian_model::LoadBalancer) {
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
    }

    /// What a listener of each protocol may have: certificates and a TLS policy (E204, E205,
    /// E206, E223), redirects (E207), and plain HTTP serving (W201).
    fn check_listener_protocol(
        &mut self,
        listener_path: &StackPath,
        listener: &meridian_model::Listener,
        https_ports: &BTreeSet<u32>,
    ) {
        match listener.protocol {
            ListenerProtocol::Https => {
                if listener.certificates.len() > defaults::bounds::CERTIFICATES_PER_LISTENER {
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
    }

    /// A listener's rules: priorities (E208), target groups (E209), conditions (E220 to E222).
    /// Records the target groups they forward to, and whether one names an undeclared group.
    fn check_listener_rules<'l>(
        &mut self,
        listener_path: &StackPath,
        listener: &'l meridian_model::Listener,
        tg_names: &[&str],
        (used_groups, undeclared_groups): (&mut BTreeSet<&'l str>, &mut bool),
    ) {
        let mut priorities: BTreeMap<u32, StackPath> = BTreeMap::new();
        for (rule_index, rule) in listener.rules.iter().enumerate() {
            let rule_path = listener_path.key("rules").index(rule_index);
            if !aws::limits::ALB_RULE_PRIORITIES.contains(&rule.priority) {
                self.report(
                    Diagnostic::new(
                        codes::E208,
                        rule_path.key("priority"),
                        format!(
                            "priority {} is outside {}",
                            rule.priority,
                            range_text(&aws::limits::ALB_RULE_PRIORITIES)
                        ),
                    )
                    .with_help(format!(
                        "use a priority from {}; lower numbers are matched first",
                        range_text(&aws::limits::ALB_RULE_PRIORITIES)
                    )),
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
                *undeclared_groups = true;
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
            self.check_rule_conditions(&rule_path, rule);
        }
    }

    /// A rule's host and path conditions (E220 to E222).
    fn check_rule_conditions(
        &mut self,
        rule_path: &StackPath,
        rule: &meridian_model::ListenerRule,
    ) {
        // Elastic Load Balancing refuses a rule without a condition (the listener's default
        // action is the only catch-all).
        if rule.hosts.is_empty() && rule.paths.is_empty() {
            self.report(
                Diagnostic::new(codes::E227, rule_path.clone(), format!("the rule with priority {} has neither `hosts` nor `paths`; a load balancer rule needs at least one condition", rule.priority))
                    .with_help("add `paths: [\"/*\"]` to match every request, or the host names it serves"),
            );
        }
        for (host_index, host) in rule.hosts.iter().enumerate() {
            let valid = !host.is_empty()
                && host.len() <= aws::limits::ALB_CONDITION_VALUE_LENGTH
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
                        None => "use letters, digits, hyphens, dots and the wildcards `*` and `?`"
                            .to_owned(),
                    }),
                );
            }
        }
        for (path_index, pattern) in rule.paths.iter().enumerate() {
            if let Some(refused) = aws::alb_path_refused_character(pattern, true) {
                self.report(
                    Diagnostic::new(
                        codes::E221,
                        rule_path.key("paths").index(path_index),
                        format!("the path pattern `{}` contains {}, which a load balancer refuses", pattern, character_text(refused)),
                    )
                    .with_help(format!("path patterns use ASCII letters, digits, `{}` and the wildcards `*` and `?`; percent-encoding is not decoded", aws::limits::ALB_PATH_PUNCTUATION)),
                );
            } else if !pattern.starts_with('/')
                || pattern.len() > aws::limits::ALB_CONDITION_VALUE_LENGTH
            {
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
        let room =
            aws::limits::ALB_RULE_CONDITION_VALUES - defaults::bounds::ADDED_CONDITION_VALUES;
        if rule.hosts.len() + rule.paths.len() > room {
            self.report(
                Diagnostic::new(codes::E222, rule_path.clone(), format!("the rule has {} host and path values; at most {room} fit", rule.hosts.len() + rule.paths.len()))
                    .with_help(format!("an ALB rule evaluates at most {} values and Meridian adds the load balancer's own DNS name for health checks; split the rule", aws::limits::ALB_RULE_CONDITION_VALUES)),
            );
        }
    }

    /// The target groups: names (E210), the services they feed (E211, E212, E216), health
    /// checks (E213, E214), draining (E215), and those no rule uses (W210).
    fn check_target_groups(
        &mut self,
        path: &StackPath,
        lb: &meridian_model::LoadBalancer,
        used_groups: &BTreeSet<&str>,
        undeclared_groups: bool,
    ) {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut services_seen: BTreeMap<&str, StackPath> = BTreeMap::new();
        for (index, tg) in lb.target_groups.iter().enumerate() {
            let tg_path = path.key("target_groups").index(index);
            if !is_entity_name(&tg.name, naming::limits::TARGET_GROUP_NAME) {
                self.report(
                    Diagnostic::new(codes::E210, tg_path.key("name"), format!("`{}` is not a valid target group name: lowercase letters, digits and single hyphens, starting with a letter, at most {} characters", tg.name, naming::limits::TARGET_GROUP_NAME))
                        .with_help(format!("the name is used in IDs{}", entity_name_example(&tg.name, naming::limits::TARGET_GROUP_NAME))),
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
                .enumerate()
                .find(|(_, service)| service.name == tg.service)
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
                Some((service_index, service)) if service.port.is_none() => {
                    self.report(
                        Diagnostic::new(
                            codes::E330,
                            tg_path.key("service"),
                            format!("the service `{}` is a worker (it has no `port`), so no load balancer can send it traffic", service.name),
                        )
                        .with_help(format!("give the service `port: {}` if it serves requests, or remove this target group and the rules forwarding to it", tg.port))
                        .with_related(StackPath::root().key("services").index(service_index).key("name"), "the worker"),
                    );
                }
                Some((service_index, service)) if service.port != Some(tg.port) => {
                    self.report(
                        Diagnostic::new(
                            codes::E212,
                            tg_path.key("port"),
                            format!("the target group sends traffic to port {}, but the service `{}` listens on {}", tg.port, service.name, service.port.unwrap_or_default()),
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
            self.check_target_health(&tg_path, tg);
            if let Some(delay) = tg.deregistration_delay_seconds
                && delay > aws::limits::ALB_DEREGISTRATION_DELAY_SECONDS
            {
                self.report(
                    Diagnostic::new(
                        codes::E215,
                        tg_path.key("deregistration_delay_seconds"),
                        format!(
                            "deregistration delay {delay} s is above {} s",
                            aws::limits::ALB_DEREGISTRATION_DELAY_SECONDS
                        ),
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

    /// A target group's health check (E213, E214).
    fn check_target_health(&mut self, tg_path: &StackPath, tg: &meridian_model::TargetGroup) {
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
        } else if let Some(refused) = aws::alb_path_refused_character(&health.path, false) {
            self.report(
                Diagnostic::new(
                    codes::E213,
                    health_path.key("path"),
                    format!(
                        "the health-check path `{}` contains {}, which a load balancer refuses",
                        health.path,
                        character_text(refused)
                    ),
                )
                .with_help(format!(
                    "health-check paths use ASCII letters, digits and `{}`, e.g. `/health`",
                    aws::limits::ALB_PATH_PUNCTUATION
                )),
            );
        }
        let interval = health
            .interval_seconds
            .unwrap_or(defaults::TARGET_HEALTH_INTERVAL_SECONDS);
        let timeout = health
            .timeout_seconds
            .unwrap_or(defaults::TARGET_HEALTH_TIMEOUT_SECONDS);
        if !aws::limits::ALB_HEALTH_INTERVAL_SECONDS.contains(&interval) {
            self.report(
                Diagnostic::new(
                    codes::E213,
                    health_path.key("interval_seconds"),
                    format!(
                        "interval {interval} s is outside {} s",
                        range_text(&aws::limits::ALB_HEALTH_INTERVAL_SECONDS)
                    ),
                )
                .with_help(format!(
                    "Application Load Balancers check every {} seconds",
                    range_text(&aws::limits::ALB_HEALTH_INTERVAL_SECONDS)
                )),
            );
        }
        if !aws::limits::ALB_HEALTH_TIMEOUT_SECONDS.contains(&timeout) || timeout >= interval {
            self.report(
                Diagnostic::new(codes::E213, health_path.key("timeout_seconds"), format!("timeout {timeout} s must be {} s and shorter than the interval ({interval} s)", range_text(&aws::limits::ALB_HEALTH_TIMEOUT_SECONDS)))
                    .with_help("a check must time out before the next one starts"),
            );
        }
        for (key, value) in [
            ("healthy_threshold", health.healthy_threshold),
            ("unhealthy_threshold", health.unhealthy_threshold),
        ] {
            if let Some(value) = value
                && !aws::limits::ALB_HEALTH_THRESHOLDS.contains(&value)
            {
                self.report(
                    Diagnostic::new(
                        codes::E213,
                        health_path.key(key),
                        format!(
                            "{key} {value} is outside {}",
                            range_text(&aws::limits::ALB_HEALTH_THRESHOLDS)
                        ),
                    )
                    .with_help(format!(
                        "Application Load Balancers count {} consecutive checks",
                        range_text(&aws::limits::ALB_HEALTH_THRESHOLDS)
                    )),
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
    }
}

/// A target group as the stack declares it, with its health check's defaults.
fn target_group(
    tg: &meridian_model::TargetGroup,
    (blue, green): (Rid, Option<Rid>),
    physical_names: Option<(String, String)>,
) -> TargetGroupPlan {
    let health = &tg.health_check;
    let (physical_name, alternate_physical_name) = match physical_names {
        Some((blue_name, green_name)) => (Some(blue_name), green.is_some().then_some(green_name)),
        None => (None, None),
    };
    TargetGroupPlan {
        name: tg.name.clone(),
        physical_name,
        alternate_physical_name,
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
    }
}

/// A listener's default action: a redirect when it has a port to redirect to, else the fixed
/// response of unmatched requests.
fn default_action(protocol: Protocol, redirect_to_port: Option<u32>) -> ListenerAction {
    match (protocol, redirect_to_port) {
        (Protocol::Http, Some(port)) => ListenerAction::Redirect {
            protocol: Protocol::Https,
            port,
            status: RedirectStatus::Permanent,
        },
        _ => ListenerAction::FixedResponse {
            status: defaults::UNMATCHED_REQUEST_STATUS,
            content_type: defaults::UNMATCHED_REQUEST_CONTENT_TYPE.to_owned(),
        },
    }
}

/// Whether `matcher` is an HTTP status matcher: codes or ranges of codes from 200 to 499.
pub(crate) fn is_http_matcher(matcher: &str) -> bool {
    let code = |text: &str| {
        text.parse::<u32>()
            .is_ok_and(|code| aws::limits::ALB_MATCHER_CODES.contains(&code))
    };
    matcher.split(',').all(|item| match item.split_once('-') {
        Some((from, to)) => {
            code(from) && code(to) && from.parse::<u32>().ok() <= to.parse::<u32>().ok()
        }
        None => code(item),
    })
}

/// The DNS names routed to a load balancer: for the main one (`None`) `dns.domain` and the hosts
/// that name no load balancer, for a further one the hosts that name it.
fn dns_names<'s>(stack: &'s Stack, load_balancer: Option<&str>) -> Vec<&'s str> {
    let Some(dns) = &stack.dns else {
        return Vec::new();
    };
    let domain = load_balancer.is_none().then_some(dns.domain.as_str());
    domain
        .into_iter()
        .chain(
            dns.hosts
                .iter()
                .filter(|host| host.load_balancer.as_deref() == load_balancer)
                .map(|host| host.name.as_str()),
        )
        .collect()
}

/// `dns.domain`, when the stack has DNS.
fn stack_domain(stack: &Stack) -> Option<&str> {
    stack.dns.as_ref().map(|dns| dns.domain.as_str())
}
