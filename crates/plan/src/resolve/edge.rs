//! The global unit: Route 53 latency routing and health checks, the CDN, failover settings,
//! global alarms and cross-region dashboards.

use std::collections::BTreeMap;

use meridian_model::{AlertCondition, Diagnostic, StackPath, WidgetMetric};

use super::monitoring::{Target, alarm_description};
use super::regions::ResolvedRegion;
use super::{ReferenceScope, Resolver, TextContext};
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::{self, pascal};
use crate::types::{
    AlarmMetric, AlarmPlan, BucketEncryption, BucketPlan, BucketPurpose, CdnPlan, CdnRecordPlan,
    Comparison, Condition, DashboardPlan, DnsPlan, GlobalPlan, JsonDoc, MetricStat, MissingData,
    ParamKind, Principal, RegionRole, RegionalDnsPlan, Statement,
};
use crate::value::{Attr, AttrRef, Part, Text};

impl Resolver<'_> {
    pub(crate) fn resolve_global(
        &mut self,
        regions: &[ResolvedRegion<'_>],
        targets: &[Target],
    ) -> Option<GlobalPlan> {
        let stack = self.stack;
        let unit = UnitId::Global;
        self.check_failover();
        let dns = stack
            .dns
            .as_ref()
            .and_then(|dns| self.resolve_dns(&unit, dns, regions));
        let cdn = stack
            .cdn
            .as_ref()
            .and_then(|cdn| self.resolve_cdn(&unit, cdn));
        let dashboards = self.resolve_dashboards(&unit, regions);
        let global_alerts: Vec<(usize, &meridian_model::Alert)> = stack
            .alerts
            .iter()
            .enumerate()
            .filter(|(_, alert)| alert.condition == AlertCondition::PrimaryRegionDown)
            .collect();
        let failed = self.diagnostics.iter().any(Diagnostic::is_error);
        if dns.is_none() && cdn.is_none() && dashboards.is_empty() && global_alerts.is_empty() {
            return None;
        }
        let mut alerting = if global_alerts.is_empty() {
            Default::default()
        } else {
            self.alerting_for(&unit, targets)
        };
        if let Some(dns) = &dns {
            let primary = self.facts.primary.clone();
            let primary_check = dns
                .regions
                .iter()
                .find(|r| Some(&r.region) == primary.as_ref())
                .map(|r| r.health_check.clone());
            for (index, alert) in global_alerts {
                let Some(health_check) = primary_check.clone() else {
                    continue;
                };
                if failed {
                    continue;
                }
                let path = StackPath::root().key("alerts").index(index);
                let topics = self.alert_topics(&unit, alert);
                let evaluation_periods = alert.evaluation_periods.unwrap_or_else(|| {
                    stack
                        .failover
                        .as_ref()
                        .and_then(|f| f.evaluation_periods)
                        .unwrap_or(defaults::FAILOVER_EVALUATION_PERIODS)
                });
                alerting.alarms.push(AlarmPlan {
                    rid: self.rid(&unit, format!("{}Alarm", pascal(&alert.name)), &path),
                    name: self.names.alarm(&alert.name),
                    description: alarm_description(
                        "The primary region's Route 53 health check fails",
                        alert,
                        Some("promote-replica"),
                    ),
                    metric: AlarmMetric::Single(MetricStat {
                        namespace: "AWS/Route53".to_owned(),
                        metric: "HealthCheckStatus".to_owned(),
                        dimensions: vec![(
                            "HealthCheckId".to_owned(),
                            Text::attr(&health_check, Attr::HealthCheckId),
                        )],
                        stat: "Minimum".to_owned(),
                    }),
                    comparison: Comparison::LessThan,
                    threshold: 1.0,
                    period_seconds: alert
                        .period_seconds
                        .unwrap_or(defaults::ALERT_PERIOD_SECONDS),
                    evaluation_periods,
                    missing_data: MissingData::Breaching,
                    topics,
                });
            }
        }
        Some(GlobalPlan {
            unit,
            dns,
            cdn,
            alerting,
            dashboards,
        })
    }

    fn check_failover(&mut self) {
        let stack = self.stack;
        let Some(failover) = &stack.failover else {
            return;
        };
        let path = StackPath::root().key("failover");
        if failover.enabled.unwrap_or(defaults::FAILOVER_ENABLED) && stack.dns.is_none() {
            self.report(
                Diagnostic::error("E618", path.clone(), "failover is enabled, but without `dns` there is no routing to move between regions")
                    .with_help("add a `dns` block with latency routing, or set `enabled: false`"),
            );
        }
        if let Some(periods) = failover.evaluation_periods
            && !(1..=10).contains(&periods)
        {
            self.report(
                Diagnostic::error(
                    "E616",
                    path.key("evaluation_periods"),
                    format!("{periods} evaluation periods is outside 1 to 10"),
                )
                .with_help("1 fails over after one failed minute of the primary's health check"),
            );
        }
        for (index, name) in failover.notify.iter().enumerate() {
            if !stack
                .notifications
                .iter()
                .any(|target| &target.name == name)
            {
                let help = match crate::suggest_list(
                    name,
                    stack.notifications.iter().map(|t| t.name.as_str()),
                ) {
                    Some(suggestion) => format!("did you mean `{suggestion}`?"),
                    None => "name a target declared under `notifications`".to_owned(),
                };
                self.report(
                    Diagnostic::error(
                        "E615",
                        path.key("notify").index(index),
                        format!("the notification target `{name}` is not declared"),
                    )
                    .with_help(help),
                );
            }
        }
        if let Some(failback) = &failover.failback
            && let Some(wait) = failback.wait_period_seconds
            && !(60..=86_400).contains(&wait)
        {
            self.report(
                Diagnostic::error(
                    "E617",
                    path.key("failback").key("wait_period_seconds"),
                    format!("a failback wait of {wait} s is outside 60 to 86400 s"),
                )
                .with_help("wait long enough to be sure the primary stays healthy, e.g. 300"),
            );
        }
    }

    fn resolve_dns(
        &mut self,
        unit: &UnitId,
        dns: &meridian_model::Dns,
        regions: &[ResolvedRegion<'_>],
    ) -> Option<DnsPlan> {
        let stack = self.stack;
        let path = StackPath::root().key("dns");
        let domain = match self.literal(&path.key("domain"), &dns.domain, "the domain") {
            Some(domain) => {
                if !is_domain_name(&domain) {
                    let help =
                        if domain.ends_with('.') && is_domain_name(domain.trim_end_matches('.')) {
                            format!(
                                "remove the trailing dot: `{}`",
                                domain.trim_end_matches('.')
                            )
                        } else if is_domain_name(&domain.to_ascii_lowercase()) {
                            format!("write it in lowercase: `{}`", domain.to_ascii_lowercase())
                        } else {
                            "write the name users resolve, e.g. `api.example.com`".to_owned()
                        };
                    self.report(
                        Diagnostic::error(
                            "E601",
                            path.key("domain"),
                            format!("`{domain}` is not a fully qualified domain name"),
                        )
                        .with_help(help),
                    );
                }
                domain
            }
            None => dns.domain.clone(),
        };
        let hosted_zone_id = self.text(
            &path.key("hosted_zone_id"),
            &dns.hosted_zone_id,
            TextContext {
                unit,
                kind: ParamKind::HostedZoneId,
                per_region: false,
                references: ReferenceScope::None,
            },
        );
        if let Some(literal) = hosted_zone_id.as_literal()
            && !(literal.starts_with('Z')
                && literal.len() <= 32
                && literal
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        {
            self.report(
                Diagnostic::error(
                    "E602",
                    path.key("hosted_zone_id"),
                    format!("`{literal}` is not a Route 53 hosted zone ID"),
                )
                .with_help(match literal.strip_prefix("/hostedzone/") {
                    Some(id) => {
                        format!("remove the `/hostedzone/` prefix the Route 53 API adds: `{id}`")
                    }
                    None => {
                        "hosted zone IDs look like `Z0123456789ABCDEFGHIJ`; or use a `${PARAMETER}`"
                            .to_owned()
                    }
                }),
            );
        }
        let health = &dns.health_check;
        let health_path = path.key("health_check");
        let interval = health
            .interval_seconds
            .unwrap_or(defaults::DNS_HEALTH_INTERVAL_SECONDS);
        if interval != 10 && interval != 30 {
            self.report(
                Diagnostic::error(
                    "E603",
                    health_path.key("interval_seconds"),
                    format!("Route 53 checks every 10 or 30 seconds, not {interval}"),
                )
                .with_help("use 10 (fast) or 30 (standard)"),
            );
        }
        let failure_threshold = health
            .failure_threshold
            .unwrap_or(defaults::DNS_FAILURE_THRESHOLD);
        if !(1..=10).contains(&failure_threshold) {
            self.report(
                Diagnostic::error(
                    "E604",
                    health_path.key("failure_threshold"),
                    format!("a failure threshold of {failure_threshold} is outside 1 to 10"),
                )
                .with_help("3 consecutive failures is common"),
            );
        }
        if let Some(timeout) = health.timeout_seconds
            && !(1..=30).contains(&timeout)
        {
            self.report(
                Diagnostic::error(
                    "E605",
                    health_path.key("timeout_seconds"),
                    format!("a probe timeout of {timeout} s is outside 1 to 30 s"),
                )
                .with_help("runbook probes wait this long for an answer"),
            );
        }
        if !health.path.starts_with('/') {
            self.report(
                Diagnostic::error(
                    "E605",
                    health_path.key("path"),
                    format!(
                        "the health-check path `{}` does not start with `/`",
                        health.path
                    ),
                )
                .with_help("write e.g. `/health`"),
            );
        }
        let ttl = dns.ttl_seconds.unwrap_or(defaults::DNS_TTL_SECONDS);
        if ttl > 172_800 {
            self.report(
                Diagnostic::error(
                    "E610",
                    path.key("ttl_seconds"),
                    format!("a TTL of {ttl} s is above Route 53's 172800 s"),
                )
                .with_help("short TTLs make failover fast; 60 s is common"),
            );
        }
        if let Some(rto) = stack.objectives.as_ref().and_then(|o| o.rto_minutes) {
            // Alias answers live at least as long as the load balancer's own records.
            // In u64: the stack's numbers are unbounded until their own checks reject them.
            let effective_ttl = u64::from(ttl.max(defaults::ALIAS_TARGET_TTL_SECONDS));
            let detection = u64::from(interval) * u64::from(failure_threshold) + effective_ttl;
            if detection > u64::from(rto) * 60 {
                self.report(
                    Diagnostic::error(
                        "E609",
                        path.clone(),
                        format!("failure detection ({interval} s × {failure_threshold} checks) plus the {effective_ttl} s TTL of the alias answers is {detection} s, beyond the {rto}-minute RTO"),
                    )
                    .with_help("check more often, lower the failure threshold or the TTL, or relax the objective")
                    .with_related(StackPath::root().key("objectives").key("rto_minutes"), "the recovery time objective"),
                );
            }
        }
        let lb = stack.load_balancer.as_ref()?;
        if lb.scheme == meridian_model::LoadBalancerScheme::Internal {
            self.report(
                Diagnostic::error("E608", path.clone(), "public DNS routing and Route 53 health checks cannot reach an `internal` load balancer")
                    .with_help("use `scheme: internet-facing`, or remove `dns`"),
            );
            return None;
        }
        let https_443 = lb
            .listeners
            .iter()
            .any(|l| l.port == 443 && l.protocol == meridian_model::ListenerProtocol::Https);
        if !https_443 {
            self.report(
                Diagnostic::error("E606", path.clone(), "Route 53 health checks probe HTTPS on port 443, but the load balancer has no HTTPS listener there")
                    .with_help("add an HTTPS listener on port 443"),
            );
            return None;
        }
        let evaluate_health = stack
            .failover
            .as_ref()
            .is_none_or(|f| f.enabled.unwrap_or(defaults::FAILOVER_ENABLED));
        let mut plans = Vec::new();
        for region in regions {
            if region.role == RegionRole::StorageOnly {
                continue;
            }
            let Some(lb_rid) = self.facts.load_balancers.get(&region.code).cloned() else {
                continue;
            };
            let producer = UnitId::Region(region.code.clone());
            let region_pascal = pascal(&region.code);
            let target_dns_name = self.value_from(
                unit,
                &producer,
                "LoadBalancerDnsName",
                "DNS name of the load balancer",
                AttrRef {
                    resource: lb_rid.clone(),
                    attr: Attr::LoadBalancerDnsName,
                },
            );
            let target_zone_id = self.value_from(
                unit,
                &producer,
                "LoadBalancerZoneId",
                "Hosted zone of the load balancer's DNS name",
                AttrRef {
                    resource: lb_rid,
                    attr: Attr::LoadBalancerZoneId,
                },
            );
            plans.push(RegionalDnsPlan {
                region: region.code.clone(),
                health_check: self.rid(unit, format!("{region_pascal}HealthCheck"), &region.path),
                record: self.rid(unit, format!("{region_pascal}LatencyRecord"), &region.path),
                set_identifier: region.code.clone(),
                target_dns_name,
                target_zone_id,
                path: health.path.clone(),
                port: 443,
                interval_seconds: interval,
                failure_threshold,
                name: format!("{}-{}", stack.stack, region.code),
            });
        }
        Some(DnsPlan {
            hosted_zone_id,
            domain,
            evaluate_health,
            regions: plans,
        })
    }

    fn resolve_cdn(&mut self, unit: &UnitId, cdn: &meridian_model::Cdn) -> Option<CdnPlan> {
        let stack = self.stack;
        let path = StackPath::root().key("cdn");
        let price_class = cdn
            .price_class
            .clone()
            .unwrap_or_else(|| defaults::PRICE_CLASS.to_owned());
        if !aws::CLOUDFRONT_PRICE_CLASSES.contains(&price_class.as_str()) {
            self.report(
                Diagnostic::error(
                    "E612",
                    path.key("price_class"),
                    format!("`{price_class}` is not a CloudFront price class"),
                )
                .with_help(format!(
                    "use one of {}",
                    aws::CLOUDFRONT_PRICE_CLASSES.join(", ")
                )),
            );
        }
        for (index, alias) in cdn.aliases.iter().enumerate() {
            if !is_domain_name(alias) {
                self.report(
                    Diagnostic::error(
                        "E613",
                        path.key("aliases").index(index),
                        format!("`{alias}` is not a fully qualified domain name"),
                    )
                    .with_help("write e.g. `static.example.com`"),
                );
            }
        }
        if !cdn.aliases.is_empty() && cdn.certificate.is_none() {
            self.report(
                Diagnostic::error("E611", path.key("aliases"), "CloudFront serves alternate domain names only with a certificate that covers them")
                    .with_help("add `certificate: ${CDN_CERTIFICATE_ARN}` (an ACM certificate in us-east-1)"),
            );
        }
        if cdn.aliases.is_empty() && cdn.certificate.is_some() {
            self.report(
                Diagnostic::warning(
                    "W611",
                    path.key("certificate"),
                    "the certificate is unused: the distribution has no alias",
                )
                .with_help("add `aliases`, or remove the certificate"),
            );
        }
        let certificate = cdn.certificate.as_ref().map(|certificate| {
            self.text(
                &path.key("certificate"),
                certificate,
                TextContext {
                    unit,
                    kind: ParamKind::CertificateArn,
                    per_region: false,
                    references: ReferenceScope::None,
                },
            )
        });
        let home = aws::global_region(&self.facts.partition);
        if let Some(literal) = certificate.as_ref().and_then(Text::as_literal)
            && !literal.contains(&format!(":{home}:"))
        {
            self.report(
                Diagnostic::error(
                    "E611",
                    path.key("certificate"),
                    format!(
                        "`{literal}` is not in {home}; CloudFront reads certificates only there"
                    ),
                )
                .with_help(format!("request or import the certificate in {home}")),
            );
        }
        let distribution = self.rid(unit, "CdnDistribution", &path);
        let bucket_rid = self.rid(unit, "CdnBucket", &path);
        let (head, tail) = self
            .names
            .cdn_bucket(aws::global_region(&self.facts.partition));
        let bucket_arn = Text::attr(&bucket_rid, Attr::BucketArn);
        let bucket = BucketPlan {
            name: "cdn-origin".to_owned(),
            policy_rid: self.rid(unit, "CdnBucketPolicy", &path),
            bucket_name: Text::from_parts(vec![Part::Lit(head), Part::AccountId, Part::Lit(tail)]),
            purpose: BucketPurpose::CdnOrigin,
            versioning: true,
            encryption: BucketEncryption::S3Managed,
            object_lock: None,
            replication: None,
            policy_statements: vec![
                super::storage::deny_insecure_transport(&bucket_rid),
                Statement {
                    sid: "CloudFrontReadsObjects".to_owned(),
                    allow: true,
                    principal: Some(Principal::Service("cloudfront.amazonaws.com".to_owned())),
                    actions: vec!["s3:GetObject".to_owned()],
                    resources: vec![bucket_arn.with_suffix("/*")],
                    conditions: vec![Condition {
                        operator: "StringEquals".to_owned(),
                        key: "AWS:SourceArn".to_owned(),
                        values: vec![Text::attr(&distribution, Attr::DistributionArn)],
                    }],
                },
            ],
            expiration_days: None,
            abort_incomplete_uploads_days: defaults::ABORT_INCOMPLETE_UPLOADS_DAYS,
            retain: true,
            rid: bucket_rid,
        };
        let mut records = Vec::new();
        if let Some(dns) = &stack.dns {
            let parent = dns
                .domain
                .split_once('.')
                .map(|(_, parent)| parent.to_owned())
                .unwrap_or_default();
            for (index, alias) in cdn.aliases.iter().enumerate() {
                if !(alias == &parent || alias.ends_with(&format!(".{parent}"))) {
                    self.report(
                        Diagnostic::error("E614", path.key("aliases").index(index), format!("`{alias}` is not under `{parent}`, the zone that holds `{}`", dns.domain))
                            .with_help("Meridian creates CDN alias records in the hosted zone of `dns`; use a name in that zone")
                            .with_related(StackPath::root().key("dns").key("domain"), "the DNS domain"),
                    );
                    continue;
                }
                let zone = self.text(
                    &StackPath::root().key("dns").key("hosted_zone_id"),
                    &dns.hosted_zone_id,
                    TextContext {
                        unit,
                        kind: ParamKind::HostedZoneId,
                        per_region: false,
                        references: ReferenceScope::None,
                    },
                );
                records.push(CdnRecordPlan {
                    rid: self.rid(
                        unit,
                        format!("Cdn{}Record", pascal(alias)),
                        &path.key("aliases").index(index),
                    ),
                    name: alias.clone(),
                    hosted_zone_id: zone,
                });
            }
        }
        self.export(
            unit,
            "CdnDomainName",
            "Domain name of the CloudFront distribution",
            Text::attr(&distribution, Attr::DistributionDomainName),
        );
        self.export(
            unit,
            "CdnBucketName",
            "Bucket holding the CDN's static assets",
            Text::attr(&bucket.rid, Attr::BucketName),
        );
        let comment = format!("{} static assets", bucket.name);
        let origin_access_control_description = format!(
            "CloudFront reads the {} bucket, signing every request",
            bucket.name
        );
        // The origin's ID only needs to be unique within the distribution.
        let origin_id = bucket.name.clone();
        Some(CdnPlan {
            origin_access_control: self.rid(unit, "CdnOriginAccessControl", &path),
            origin_access_control_name: self.names.origin_access_control(),
            distribution,
            bucket,
            aliases: cdn.aliases.clone(),
            certificate,
            price_class,
            default_root_object: cdn
                .default_root_object
                .clone()
                .unwrap_or_else(|| defaults::DEFAULT_ROOT_OBJECT.to_owned()),
            cache_policy_id: defaults::CDN_CACHE_POLICY_ID.to_owned(),
            response_headers_policy_id: defaults::CDN_RESPONSE_HEADERS_POLICY_ID.to_owned(),
            minimum_protocol_version: defaults::CDN_MINIMUM_PROTOCOL_VERSION.to_owned(),
            comment,
            origin_access_control_description,
            origin_id,
            alias_hosted_zone_id: aws::cloudfront_hosted_zone_id(&self.facts.partition).to_owned(),
            records,
        })
    }

    fn resolve_dashboards(
        &mut self,
        unit: &UnitId,
        regions: &[ResolvedRegion<'_>],
    ) -> Vec<DashboardPlan> {
        let stack = self.stack;
        let mut names: BTreeMap<&str, StackPath> = BTreeMap::new();
        let mut plans = Vec::new();
        for (index, dashboard) in stack.dashboards.iter().enumerate() {
            let path = StackPath::root().key("dashboards").index(index);
            if let Some(problem) = naming::name_problem(&dashboard.name, naming::limits::DASHBOARD)
            {
                self.report(
                    Diagnostic::error(
                        "E720",
                        path.key("name"),
                        format!("`{}` is not a valid dashboard name: {problem}", dashboard.name),
                    )
                    .with_help(format!(
                        "use letters, digits, `-` and `_`, starting with a letter, at most {} characters",
                        naming::limits::DASHBOARD
                    )),
                );
                continue;
            }
            if !self.claim_name(
                &mut names,
                &dashboard.name,
                &path,
                "E720",
                "dashboard",
                "dashboard names are unique in an account",
            ) {
                continue;
            }
            if dashboard.widgets.is_empty() {
                self.report(
                    Diagnostic::error("E721", path.key("widgets"), "the dashboard has no widget")
                        .with_help(
                            "add widgets such as `{title: Latency by Region, metric: latency}`",
                        ),
                );
                continue;
            }
            let mut widgets = Vec::new();
            let mut valid = true;
            for (widget_index, widget) in dashboard.widgets.iter().enumerate() {
                let widget_path = path.key("widgets").index(widget_index);
                let (namespace, metric, natural_stat, needs) = match widget.metric {
                    WidgetMetric::RequestCount => {
                        ("AWS/ApplicationELB", "RequestCount", "Sum", "load_balancer")
                    }
                    WidgetMetric::Latency => (
                        "AWS/ApplicationELB",
                        "TargetResponseTime",
                        "p95",
                        "load_balancer",
                    ),
                    WidgetMetric::Http5xx => (
                        "AWS/ApplicationELB",
                        "HTTPCode_Target_5XX_Count",
                        "Sum",
                        "load_balancer",
                    ),
                    WidgetMetric::ReplicaLag => {
                        ("AWS/RDS", "ReplicaLag", "Maximum", "read replicas")
                    }
                    WidgetMetric::DatabaseConnections => {
                        ("AWS/RDS", "DatabaseConnections", "Average", "database")
                    }
                    WidgetMetric::ServiceCpu => {
                        ("AWS/ECS", "CPUUtilization", "Average", "services")
                    }
                };
                let stat = widget
                    .stat
                    .clone()
                    .unwrap_or_else(|| natural_stat.to_owned());
                if !is_statistic(&stat) {
                    self.report(
                        Diagnostic::error("E722", widget_path.key("stat"), format!("`{stat}` is not a CloudWatch statistic"))
                            .with_help("use Sum, Average, Minimum, Maximum, SampleCount or a percentile such as p95 or p99.9"),
                    );
                    valid = false;
                }
                let period = widget
                    .period_seconds
                    .unwrap_or(defaults::WIDGET_PERIOD_SECONDS);
                if !aws::is_valid_cloudwatch_period(period) {
                    self.report(
                        Diagnostic::error(
                            "E723",
                            widget_path.key("period_seconds"),
                            format!("{period} s is not a CloudWatch period"),
                        )
                        .with_help("use 10, 30 or a multiple of 60"),
                    );
                    valid = false;
                }
                let mut lines = Vec::new();
                for region in regions {
                    if region.role == RegionRole::StorageOnly {
                        continue;
                    }
                    let producer = UnitId::Region(region.code.clone());
                    let options = JsonDoc::Object(vec![
                        (
                            "region".to_owned(),
                            JsonDoc::String(Text::lit(region.code.clone())),
                        ),
                        (
                            "label".to_owned(),
                            JsonDoc::String(Text::lit(region.code.clone())),
                        ),
                    ]);
                    let mut line = |dimensions: Vec<(String, Text)>| {
                        let mut items = vec![
                            JsonDoc::String(Text::lit(namespace)),
                            JsonDoc::String(Text::lit(metric)),
                        ];
                        for (name, value) in dimensions {
                            items.push(JsonDoc::String(Text::lit(name)));
                            items.push(JsonDoc::String(value));
                        }
                        items.push(options.clone());
                        lines.push(JsonDoc::Array(items));
                    };
                    match widget.metric {
                        WidgetMetric::RequestCount
                        | WidgetMetric::Latency
                        | WidgetMetric::Http5xx => {
                            if let Some(lb) = self.facts.load_balancers.get(&region.code).cloned() {
                                let full_name = self.value_from(
                                    unit,
                                    &producer,
                                    "LoadBalancerFullName",
                                    "Load balancer name as CloudWatch metrics know it",
                                    AttrRef {
                                        resource: lb,
                                        attr: Attr::LoadBalancerFullName,
                                    },
                                );
                                line(vec![("LoadBalancer".to_owned(), full_name)]);
                            }
                        }
                        WidgetMetric::ReplicaLag => {
                            if self.facts.database.contains_key(&region.code)
                                && Some(&region.code) != self.facts.primary.as_ref()
                            {
                                line(vec![(
                                    "DBInstanceIdentifier".to_owned(),
                                    Text::lit(self.names.db_instance(&region.code)),
                                )]);
                            }
                        }
                        WidgetMetric::DatabaseConnections => {
                            if self.facts.database.contains_key(&region.code) {
                                line(vec![(
                                    "DBInstanceIdentifier".to_owned(),
                                    Text::lit(self.names.db_instance(&region.code)),
                                )]);
                            }
                        }
                        WidgetMetric::ServiceCpu => {
                            for service in &self.facts.services.clone() {
                                line(vec![
                                    (
                                        "ClusterName".to_owned(),
                                        Text::lit(self.names.cluster(&region.code)),
                                    ),
                                    (
                                        "ServiceName".to_owned(),
                                        Text::lit(self.names.service(service)),
                                    ),
                                ]);
                            }
                        }
                    }
                }
                let available = match widget.metric {
                    WidgetMetric::RequestCount | WidgetMetric::Latency | WidgetMetric::Http5xx => {
                        stack.load_balancer.is_some()
                    }
                    WidgetMetric::ReplicaLag => stack
                        .database
                        .as_ref()
                        .is_some_and(|d| !d.read_replicas.is_empty()),
                    WidgetMetric::DatabaseConnections => stack.database.is_some(),
                    WidgetMetric::ServiceCpu => !stack.services.is_empty(),
                };
                if !available {
                    self.report(
                        Diagnostic::error("E724", widget_path.key("metric"), format!("the widget shows a metric of the {needs}, which no region of this stack has"))
                            .with_help("remove the widget, or add what it watches"),
                    );
                    valid = false;
                    continue;
                }
                let x = i64::try_from((widget_index % 2) * 12).unwrap_or(0);
                let y = i64::try_from((widget_index / 2) * 6).unwrap_or(0);
                widgets.push(JsonDoc::Object(vec![
                    ("type".to_owned(), JsonDoc::String(Text::lit("metric"))),
                    ("x".to_owned(), JsonDoc::Number(x)),
                    ("y".to_owned(), JsonDoc::Number(y)),
                    ("width".to_owned(), JsonDoc::Number(12)),
                    ("height".to_owned(), JsonDoc::Number(6)),
                    (
                        "properties".to_owned(),
                        JsonDoc::Object(vec![
                            (
                                "title".to_owned(),
                                JsonDoc::String(Text::lit(widget.title.clone())),
                            ),
                            ("view".to_owned(), JsonDoc::String(Text::lit("timeSeries"))),
                            (
                                "region".to_owned(),
                                JsonDoc::String(Text::lit(aws::global_region(
                                    &self.facts.partition,
                                ))),
                            ),
                            ("stat".to_owned(), JsonDoc::String(Text::lit(stat))),
                            ("period".to_owned(), JsonDoc::Number(i64::from(period))),
                            ("metrics".to_owned(), JsonDoc::Array(lines)),
                        ]),
                    ),
                ]));
            }
            if !valid {
                continue;
            }
            plans.push(DashboardPlan {
                rid: self.rid(unit, format!("{}Dashboard", pascal(&dashboard.name)), &path),
                name: dashboard.name.clone(),
                body: JsonDoc::Object(vec![("widgets".to_owned(), JsonDoc::Array(widgets))]),
            });
        }
        plans
    }
}

fn is_statistic(stat: &str) -> bool {
    matches!(
        stat,
        "Sum" | "Average" | "Minimum" | "Maximum" | "SampleCount"
    ) || stat
        .strip_prefix('p')
        .and_then(|value| value.parse::<f64>().ok())
        .is_some_and(|value| value > 0.0 && value < 100.0)
}

/// Whether `name` is a fully qualified domain name (no trailing dot).
pub(crate) fn is_domain_name(name: &str) -> bool {
    name.len() <= 253
        && name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}
