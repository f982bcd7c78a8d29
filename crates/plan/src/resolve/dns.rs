//! Latency-based DNS: a Route 53 health check and an alias record per service region, and the rules
//! that keep detection within the RTO (E601 to E610).

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::pascal;
use crate::types::*;
use crate::value::{Attr, AttrRef, Text};

impl<'a> Resolver<'a> {
    pub(crate) fn resolve_dns(
        &mut self,
        unit: &UnitId,
        dns: &meridian_model::Dns,
        regions: &[ResolvedRegion<'_>],
        load_balancers: &LoadBalancers,
    ) -> Option<DnsPlan> {
        let stack = self.stack;
        let path = StackPath::root().key("dns");
        let domain = self.dns_domain(&path, dns);
        let hosted_zone_id = self.dns_zone(&path, dns, unit);
        let cname_ttl = self.dns_record_kind(&path, dns, &domain);
        let effective_ttl_seconds = effective_ttl(dns);
        let (interval, failure_threshold) = self.check_dns_health(&path, dns);
        let lb = stack.load_balancer.as_ref()?;
        if lb.scheme == meridian_model::LoadBalancerScheme::Internal {
            self.report(
                Diagnostic::new(codes::E608, path.clone(), "public DNS routing and Route 53 health checks cannot reach an `internal` load balancer")
                    .with_help("use `scheme: internet-facing`, or remove `dns`"),
            );
            return None;
        }
        let https_443 = lb.listeners.iter().any(|l| {
            l.port == aws::HTTPS_PORT && l.protocol == meridian_model::ListenerProtocol::Https
        });
        if !https_443 {
            self.report(
                Diagnostic::new(codes::E606, path.clone(), "Route 53 health checks probe HTTPS on port 443, but the load balancer has no HTTPS listener there")
                    .with_help("add an HTTPS listener on port 443"),
            );
            return None;
        }
        let evaluate_health = defaults::records_evaluate_health(stack.failover.as_ref());
        let mut plans = Vec::new();
        for region in regions {
            if region.role == RegionRole::StorageOnly {
                continue;
            }
            let Some(lb_rid) = load_balancers.by_region.get(&region.code).cloned() else {
                continue;
            };
            // Where no rule routes the domain (its services are placed elsewhere), a record
            // would send clients to the listener's 404.
            if !load_balancers.routes_domain.contains(&region.code) {
                continue;
            }
            plans.push(self.regional_dns(
                unit,
                region,
                (lb_rid, ""),
                (&dns.health_check.path, interval, failure_threshold),
                cname_ttl,
                None,
            ));
        }
        let hosts = self.dns_hosts(
            unit,
            (dns, &domain),
            regions,
            load_balancers,
            (interval, failure_threshold, cname_ttl),
        );
        Some(DnsPlan {
            hosted_zone_id,
            domain,
            evaluate_health,
            effective_ttl_seconds,
            regions: plans,
            hosts,
        })
    }

    /// The further host names (`dns.hosts`): each checked (E601, E605, E619 to E622) and given
    /// a health check and latency record in every region whose load balancer routes it.
    fn dns_hosts(
        &mut self,
        unit: &UnitId,
        (dns, domain): (&meridian_model::Dns, &str),
        regions: &[ResolvedRegion<'_>],
        load_balancers: &LoadBalancers,
        (interval, failure_threshold, cname_ttl): (u32, u32, Option<u32>),
    ) -> Vec<DnsHostPlan> {
        let stack = self.stack;
        let mut seen: BTreeMap<String, StackPath> = BTreeMap::new();
        seen.insert(
            domain.to_ascii_lowercase(),
            StackPath::root().key("dns").key("domain"),
        );
        let mut hosts = Vec::new();
        for (index, host) in dns.hosts.iter().enumerate() {
            let path = StackPath::root().key("dns").key("hosts").index(index);
            if !is_domain_name(&host.name) {
                self.report(
                    Diagnostic::new(codes::E601, path.key("name"), format!("`{}` is not a fully qualified domain name", host.name))
                        .with_help("write the name users resolve, e.g. `admin.example.com`, in lowercase without a trailing dot"),
                );
                continue;
            }
            if let Some(first) = seen.get(&host.name.to_ascii_lowercase()) {
                self.report(
                    Diagnostic::new(
                        codes::E620,
                        path.key("name"),
                        format!("the host `{}` is declared twice", host.name),
                    )
                    .with_help("declare each name once: `dns.domain` or one item of `dns.hosts`")
                    .with_related(first.clone(), "the first declaration of this name"),
                );
                continue;
            }
            seen.insert(host.name.to_ascii_lowercase(), path.key("name"));
            let model = match &host.load_balancer {
                None => stack.load_balancer.as_ref(),
                Some(name) => {
                    let found = stack.further_load_balancer(name);
                    if found.is_none() {
                        let declared = stack.load_balancers.iter().map(|lb| lb.name.as_str());
                        let help = match crate::suggest_list(name, declared) {
                            Some(suggestion) => format!("did you mean `{suggestion}`?"),
                            None => "name a load balancer of `load_balancers`, or remove `load_balancer` to point at the main one".to_owned(),
                        };
                        self.report(
                            Diagnostic::new(codes::E619, path.key("load_balancer"), format!("the load balancer `{name}` is not declared under `load_balancers`"))
                                .with_help(help),
                        );
                        continue;
                    }
                    found
                }
            };
            let Some(model) = model else {
                continue;
            };
            if model.scheme == meridian_model::LoadBalancerScheme::Internal {
                self.report(
                    Diagnostic::new(codes::E621, path.key("load_balancer"), format!("`{}` points at an internal load balancer, which public records and Route 53 health checks cannot reach", host.name))
                        .with_help("point the host at an internet-facing load balancer; reach an internal one by its own DNS name inside the VPCs"),
                );
                continue;
            }
            let health_path = host
                .health_check_path
                .as_deref()
                .unwrap_or(&dns.health_check.path);
            if !health_path.starts_with('/') {
                self.report(
                    Diagnostic::new(
                        codes::E605,
                        path.key("health_check_path"),
                        format!("the health-check path `{health_path}` does not start with `/`"),
                    )
                    .with_help("write e.g. `/health`"),
                );
            }
            let by_region = match &host.load_balancer {
                None => Some(&load_balancers.by_region),
                Some(name) => load_balancers.named.get(name),
            };
            let routed = load_balancers.routes_host.get(&host.name);
            let prefix = host
                .load_balancer
                .as_deref()
                .map(pascal)
                .unwrap_or_default();
            let mut plans = Vec::new();
            for region in regions {
                if region.role == RegionRole::StorageOnly
                    || !routed.is_some_and(|routed| routed.contains(&region.code))
                {
                    continue;
                }
                let Some(lb_rid) = by_region.and_then(|by_region| by_region.get(&region.code))
                else {
                    continue;
                };
                plans.push(self.regional_dns(
                    unit,
                    region,
                    (lb_rid.clone(), &prefix),
                    (health_path, interval, failure_threshold),
                    cname_ttl,
                    Some(&host.name),
                ));
            }
            if plans.is_empty() && by_region.is_some_and(|by_region| !by_region.is_empty()) {
                let lb_path = match &host.load_balancer {
                    None => StackPath::root().key("load_balancer"),
                    Some(_) => StackPath::root().key("load_balancers"),
                };
                self.report(
                    Diagnostic::new(codes::E622, path.key("name"), format!("no rule of an HTTPS listener on port 443 routes `{}`, so its records would reach only the 404 default action", host.name))
                        .with_help(format!("add a rule with `hosts: [{}]` to the HTTPS listener on 443 of its load balancer", host.name))
                        .with_related(lb_path, "the load balancer the host points at"),
                );
            }
            hosts.push(DnsHostPlan {
                name: host.name.clone(),
                load_balancer: host.load_balancer.clone(),
                regions: plans,
            });
        }
        hosts
    }

    /// The TTL of CNAME records, or `None` for alias records (E982, W981). Route 53 alias
    /// records have no TTL of their own: an alias of a load balancer answers with the load
    /// balancer's record, whose TTL is 60 s. A CNAME carries its own TTL but cannot be at the
    /// zone apex.
    fn dns_record_kind(
        &mut self,
        path: &StackPath,
        dns: &meridian_model::Dns,
        domain: &str,
    ) -> Option<u32> {
        match (record_type(dns), dns.ttl_seconds) {
            (DnsRecordType::Cname, ttl) => {
                // A domain of two labels is taken as the zone's own name: Meridian knows the
                // zone by its ID only.
                if domain.split('.').filter(|label| !label.is_empty()).count() <= 2 {
                    self.report(
                        Diagnostic::new(
                            codes::E982,
                            path.key("domain"),
                            format!("`{domain}` looks like the zone apex, where Route 53 allows no CNAME record"),
                        )
                        .with_help("serve a name below the apex (e.g. `api.` + the domain), or write `record_type: alias` (the TTL is then the load balancer's 60 s)"),
                    );
                }
                Some(ttl.unwrap_or(defaults::DNS_TTL_SECONDS))
            }
            (_, Some(ttl)) => {
                if ttl != defaults::ALIAS_TARGET_TTL_SECONDS {
                    self.report(
                        Diagnostic::new(
                            codes::W981,
                            path.key("ttl_seconds"),
                            format!(
                                "`ttl_seconds: {ttl}` has no effect on alias records: resolvers keep their answers for the load balancer's {} s",
                                defaults::ALIAS_TARGET_TTL_SECONDS
                            ),
                        )
                        .with_help("Route 53 alias records have no TTL of their own; write `record_type: cname` for records with this TTL, or remove `ttl_seconds`"),
                    );
                }
                None
            }
            (_, None) => None,
        }
    }

    /// The domain, checked (E601).
    fn dns_domain(&mut self, path: &StackPath, dns: &meridian_model::Dns) -> String {
        match self.literal(&path.key("domain"), &dns.domain, "the domain") {
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
                        Diagnostic::new(
                            codes::E601,
                            path.key("domain"),
                            format!("`{domain}` is not a fully qualified domain name"),
                        )
                        .with_help(help),
                    );
                }
                domain
            }
            None => dns.domain.clone(),
        }
    }

    /// The hosted zone, checked when it is written out (E602).
    fn dns_zone(&mut self, path: &StackPath, dns: &meridian_model::Dns, unit: &UnitId) -> Text {
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
                && literal.len() <= aws::limits::HOSTED_ZONE_ID_LENGTH
                && literal
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        {
            self.report(
                Diagnostic::new(
                    codes::E602,
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
        hosted_zone_id
    }

    /// The health check's interval and failure threshold, checked with its timeout and path
    /// (E603 to E605), the TTL (E610) and the detection time against the RTO (E609).
    fn check_dns_health(&mut self, path: &StackPath, dns: &meridian_model::Dns) -> (u32, u32) {
        let stack = self.stack;
        let health = &dns.health_check;
        let health_path = path.key("health_check");
        let interval = health
            .interval_seconds
            .unwrap_or(defaults::DNS_HEALTH_INTERVAL_SECONDS);
        if !aws::limits::ROUTE53_HEALTH_INTERVALS_SECONDS.contains(&interval) {
            self.report(
                Diagnostic::new(
                    codes::E603,
                    health_path.key("interval_seconds"),
                    format!("Route 53 checks every 10 or 30 seconds, not {interval}"),
                )
                .with_help("use 10 (fast) or 30 (standard)"),
            );
        }
        let failure_threshold = health
            .failure_threshold
            .unwrap_or(defaults::DNS_FAILURE_THRESHOLD);
        if !aws::limits::ROUTE53_FAILURE_THRESHOLDS.contains(&failure_threshold) {
            self.report(
                Diagnostic::new(
                    codes::E604,
                    health_path.key("failure_threshold"),
                    format!(
                        "a failure threshold of {failure_threshold} is outside {}",
                        range_text(&aws::limits::ROUTE53_FAILURE_THRESHOLDS)
                    ),
                )
                .with_help("3 consecutive failures is common"),
            );
        }
        if let Some(timeout) = health.timeout_seconds
            && !defaults::bounds::PROBE_TIMEOUT_SECONDS.contains(&timeout)
        {
            self.report(
                Diagnostic::new(
                    codes::E605,
                    health_path.key("timeout_seconds"),
                    format!(
                        "a probe timeout of {timeout} s is outside {} s",
                        range_text(&defaults::bounds::PROBE_TIMEOUT_SECONDS)
                    ),
                )
                .with_help("runbook probes wait this long for an answer"),
            );
        }
        if !health.path.starts_with('/') {
            self.report(
                Diagnostic::new(
                    codes::E605,
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
        if ttl > aws::limits::ROUTE53_MAX_TTL_SECONDS {
            self.report(
                Diagnostic::new(
                    codes::E610,
                    path.key("ttl_seconds"),
                    format!(
                        "a TTL of {ttl} s is above Route 53's {} s",
                        aws::limits::ROUTE53_MAX_TTL_SECONDS
                    ),
                )
                .with_help("short TTLs make failover fast; 60 s is common"),
            );
        }
        if let Some(rto) = stack.objectives.as_ref().and_then(|o| o.rto_minutes) {
            // In u64: the stack's numbers are unbounded until their own checks reject them.
            let effective_ttl = u64::from(effective_ttl(dns));
            let detection = u64::from(interval) * u64::from(failure_threshold) + effective_ttl;
            if detection > u64::from(rto) * 60 {
                self.report(
                    Diagnostic::new(
                        codes::E609,
                        path.clone(),
                        format!("failure detection ({interval} s × {failure_threshold} checks) plus the {effective_ttl} s TTL of the answers is {detection} s, beyond the {rto}-minute RTO"),
                    )
                    .with_help("check more often, lower the failure threshold or the TTL, or relax the objective")
                    .with_related(StackPath::root().key("objectives").key("rto_minutes"), "the recovery time objective"),
                );
            }
        }
        (interval, failure_threshold)
    }

    /// A region's health check and latency record, aliasing its load balancer.
    fn regional_dns(
        &mut self,
        unit: &UnitId,
        region: &ResolvedRegion<'_>,
        (lb_rid, prefix): (Rid, &str),
        (health_path, interval, failure_threshold): (&str, u32, u32),
        cname_ttl_seconds: Option<u32>,
        host: Option<&str>,
    ) -> RegionalDnsPlan {
        // A further host's resources carry its name: `api-v2.example.com` → `ApiV2ExampleCom`.
        let label = host
            .map(|host| pascal(&host.replace('.', "-")))
            .unwrap_or_default();
        let stack = self.stack;
        let producer = UnitId::Region(region.code.clone());
        let region_pascal = pascal(&region.code);
        let target_dns_name = self.value_from(
            unit,
            &producer,
            &format!("{prefix}LoadBalancerDnsName"),
            "DNS name of the load balancer",
            AttrRef {
                resource: lb_rid.clone(),
                attr: Attr::LoadBalancerDnsName,
            },
        );
        let target_zone_id = self.value_from(
            unit,
            &producer,
            &format!("{prefix}LoadBalancerZoneId"),
            "Hosted zone of the load balancer's DNS name",
            AttrRef {
                resource: lb_rid,
                attr: Attr::LoadBalancerZoneId,
            },
        );
        RegionalDnsPlan {
            region: region.code.clone(),
            health_check: self.rid(
                unit,
                format!("{label}{region_pascal}HealthCheck"),
                &region.path,
            ),
            record: self.rid(
                unit,
                format!("{label}{region_pascal}LatencyRecord"),
                &region.path,
            ),
            set_identifier: self.names.set_identifier(&region.code),
            target_dns_name,
            target_zone_id,
            path: health_path.to_owned(),
            // The check requests what viewers request: HTTPS on 443, with the domain by SNI.
            protocol: Protocol::Https,
            enable_sni: true,
            port: aws::HTTPS_PORT,
            interval_seconds: interval,
            failure_threshold,
            name: match host {
                None => format!("{}-{}", stack.stack, region.code),
                Some(host) => format!("{}-{host}-{}", stack.stack, region.code),
            },
            // An alias of the load balancer, which answers on IPv4, or a CNAME naming it.
            record_type: if cname_ttl_seconds.is_some() {
                DnsRecordType::Cname
            } else {
                DnsRecordType::A
            },
            cname_ttl_seconds,
        }
    }
}

/// The kind of the latency records: `record_type`, or CNAME when only a TTL is given.
fn record_type(dns: &meridian_model::Dns) -> DnsRecordType {
    match (dns.record_type, dns.ttl_seconds) {
        (Some(meridian_model::DnsRecordType::Cname), _) | (None, Some(_)) => DnsRecordType::Cname,
        (Some(meridian_model::DnsRecordType::Alias), _) | (None, None) => DnsRecordType::A,
    }
}

/// How long resolvers may keep an answer: the CNAME records' TTL, or the 60 s of the load
/// balancer's records that alias records answer with.
fn effective_ttl(dns: &meridian_model::Dns) -> u32 {
    match record_type(dns) {
        DnsRecordType::Cname => dns.ttl_seconds.unwrap_or(defaults::DNS_TTL_SECONDS),
        _ => defaults::ALIAS_TARGET_TTL_SECONDS,
    }
}
