//! The global unit: Route 53 health checks and latency records per region, the CloudFront
//! distribution with its S3 origin behind origin access control and its alias records, global
//! alarms and topics, and dashboards. It must not choose domains, policies or routing.

use meridian_plan::aws;
use meridian_plan::{
    CdnPlan, CdnRecordPlan, DashboardPlan, DnsHostPlan, DnsPlan, DnsRecordType, GeoRestriction,
    GlobalPlan, OriginSigning, OriginType, Protocol, RegionalDnsPlan,
};

use crate::l1::cloudfront::{
    DefaultCacheBehavior, Distribution, DistributionConfig, HttpVersion, Origin,
    OriginAccessControl, OriginAccessControlConfig, OriginAccessControlOriginType, PriceClass,
    S3OriginConfig, SigningBehavior, SigningProtocol, SslSupportMethod, ViewerCertificate,
    ViewerProtocolPolicy,
};
use crate::l1::cloudwatch::Dashboard;
use crate::l1::route53::{
    AliasTarget, HealthCheck, HealthCheckConfig, HealthCheckType, RecordSet, RecordSetGroup,
    RecordSetGroupRecordSet, RecordType,
};
use crate::l1::{Resource, Value};

use super::UnitTemplate;
use super::alerting::lower_alerting;
use super::storage::lower_bucket;
use super::values::{attr_of, reference};

/// Adds the global unit's resources.
pub(crate) fn lower_global_unit(unit: &mut UnitTemplate<'_>, global: &GlobalPlan) {
    let GlobalPlan {
        unit: _,
        dns,
        cdn,
        alerting,
        dashboards,
        failover_rules,
    } = global;
    super::failover::lower_rules(unit, failover_rules);
    if let Some(dns) = dns {
        lower_dns(unit, dns);
    }
    if let Some(cdn) = cdn {
        lower_cdn(unit, cdn);
    }
    lower_alerting(unit, alerting);
    for dashboard in dashboards {
        let DashboardPlan { rid, name, body } = dashboard;
        let body = unit.values.json_document(body);
        unit.add(
            rid,
            Resource::new(Dashboard {
                dashboard_name: Some(Value::from(name.as_str())),
                tags: unit.values.tags(None),
                ..Dashboard::new(body)
            }),
        );
    }
}

fn lower_dns(unit: &mut UnitTemplate<'_>, dns: &DnsPlan) {
    let DnsPlan {
        hosted_zone_id,
        domain,
        evaluate_health,
        // Runbooks and estimates wait for it; the records carry their own TTL or none.
        effective_ttl_seconds: _,
        regions,
        hosts,
    } = dns;
    lower_records(unit, (hosted_zone_id, domain), *evaluate_health, regions);
    for DnsHostPlan {
        name,
        // The plan resolved it into each region's target.
        load_balancer: _,
        regions,
    } in hosts
    {
        lower_records(unit, (hosted_zone_id, name), *evaluate_health, regions);
    }
}

/// The health check and latency record of each region for one DNS name.
fn lower_records(
    unit: &mut UnitTemplate<'_>,
    (hosted_zone_id, domain): (&meridian_plan::Text, &str),
    evaluate_health: bool,
    regions: &[RegionalDnsPlan],
) {
    for region in regions {
        let RegionalDnsPlan {
            region,
            health_check,
            record,
            set_identifier,
            target_dns_name,
            target_zone_id,
            path,
            protocol,
            enable_sni,
            port,
            interval_seconds,
            failure_threshold,
            name,
            record_type,
            cname_ttl_seconds,
        } = region;
        let health_check_properties = HealthCheck {
            health_check_config: HealthCheckConfig {
                fully_qualified_domain_name: Some(unit.values.text(target_dns_name)),
                port: Some(i64::from(*port).into()),
                resource_path: Some(Value::from(path.as_str())),
                request_interval: Some(i64::from(*interval_seconds).into()),
                failure_threshold: Some(i64::from(*failure_threshold).into()),
                enable_sni: Some((*enable_sni).into()),
                ..HealthCheckConfig::new(match protocol {
                    Protocol::Https => HealthCheckType::Https,
                    Protocol::Http => HealthCheckType::Http,
                })
            },
            health_check_tags: unit.values.tags(Some(name)),
        };
        unit.add(health_check, Resource::new(health_check_properties));
        let target = match cname_ttl_seconds {
            // A CNAME names the load balancer and carries its own TTL.
            Some(ttl) => RecordSet {
                resource_records: vec![unit.values.text(target_dns_name)],
                ttl: Some(Value::from(ttl.to_string())),
                ..RecordSet::new(record_type_of(*record_type), domain)
            },
            None => RecordSet {
                alias_target: Some(AliasTarget {
                    dns_name: unit.values.text(target_dns_name),
                    hosted_zone_id: unit.values.text(target_zone_id),
                    evaluate_target_health: evaluate_health.then(|| true.into()),
                }),
                ..RecordSet::new(record_type_of(*record_type), domain)
            },
        };
        let record_properties = RecordSet {
            hosted_zone_id: Some(unit.values.text(hosted_zone_id)),
            set_identifier: Some(Value::from(set_identifier.as_str())),
            region: Some(Value::from(region.as_str())),
            health_check_id: evaluate_health.then(|| reference(health_check)),
            ..target
        };
        unit.add(record, Resource::new(record_properties));
    }
}

fn record_type_of(record_type: DnsRecordType) -> RecordType {
    match record_type {
        DnsRecordType::A => RecordType::A,
        DnsRecordType::Aaaa => RecordType::Aaaa,
        DnsRecordType::Cname => RecordType::Cname,
    }
}

fn price_class(price_class: meridian_plan::PriceClass) -> PriceClass {
    match price_class {
        meridian_plan::PriceClass::PriceClass100 => PriceClass::PriceClass100,
        meridian_plan::PriceClass::PriceClass200 => PriceClass::PriceClass200,
        meridian_plan::PriceClass::All => PriceClass::PriceClassAll,
    }
}

fn lower_cdn(unit: &mut UnitTemplate<'_>, cdn: &CdnPlan) {
    let CdnPlan {
        distribution,
        origin_access_control,
        origin_access_control_name,
        bucket,
        aliases,
        certificate,
        price_class: plan_price_class,
        enabled,
        http_version,
        ipv6,
        compress,
        viewer_protocol_policy,
        methods,
        // CloudFormation's default restriction is none; the plan has no other.
        geo_restriction: GeoRestriction::None,
        ssl_support_method,
        origin_signing,
        default_root_object,
        cache_policy_id,
        response_headers_policy_id,
        minimum_protocol_version,
        comment,
        origin_access_control_description,
        origin_id,
        alias_hosted_zone_id,
        records,
    } = cdn;
    lower_bucket(unit, bucket);
    let OriginSigning {
        origin_type,
        behavior,
        protocol,
    } = origin_signing;
    let origin_access_control_name = Value::from(origin_access_control_name.as_str());
    unit.add(
        origin_access_control,
        Resource::new(OriginAccessControl {
            origin_access_control_config: OriginAccessControlConfig {
                name: origin_access_control_name,
                description: Some(Value::from(origin_access_control_description.as_str())),
                origin_access_control_origin_type: match origin_type {
                    OriginType::S3 => OriginAccessControlOriginType::S3,
                },
                signing_behavior: match behavior {
                    meridian_plan::SigningBehavior::Always => SigningBehavior::Always,
                },
                signing_protocol: match protocol {
                    meridian_plan::SigningProtocol::Sigv4 => SigningProtocol::Sigv4,
                },
            },
        }),
    );
    let origin_id = origin_id.as_str();
    let viewer_certificate = match certificate {
        Some(certificate) => ViewerCertificate {
            acm_certificate_arn: Some(unit.values.text(certificate)),
            minimum_protocol_version: Some(Value::from(minimum_protocol_version.as_str())),
            ssl_support_method: Some(match ssl_support_method {
                meridian_plan::SslSupportMethod::SniOnly => SslSupportMethod::SniOnly,
            }),
            ..ViewerCertificate::default()
        },
        None => ViewerCertificate {
            cloud_front_default_certificate: Some(true.into()),
            ..ViewerCertificate::default()
        },
    };
    let config = DistributionConfig {
        comment: Some(Value::from(comment.as_str())),
        aliases: aliases
            .iter()
            .map(|alias| Value::from(alias.as_str()))
            .collect(),
        origins: vec![Origin {
            origin_access_control_id: Some(attr_of(
                origin_access_control,
                meridian_plan::Attr::OriginAccessControlId,
            )),
            // With origin access control the S3 origin has no origin access identity, which
            // CloudFormation spells as an empty one.
            s3_origin_config: Some(S3OriginConfig {
                origin_access_identity: Some(Value::from("")),
                ..S3OriginConfig::default()
            }),
            ..Origin::new(
                attr_of(&bucket.rid, meridian_plan::Attr::BucketRegionalDomainName),
                origin_id,
            )
        }],
        default_root_object: Some(Value::from(default_root_object.as_str())),
        http_version: Some(match http_version {
            meridian_plan::HttpVersion::Http2And3 => HttpVersion::Http2and3,
        }),
        ipv6_enabled: Some((*ipv6).into()),
        price_class: Some(price_class(*plan_price_class)),
        viewer_certificate: Some(viewer_certificate),
        ..DistributionConfig::new(
            *enabled,
            DefaultCacheBehavior {
                cache_policy_id: Some(Value::from(cache_policy_id.as_str())),
                response_headers_policy_id: Some(Value::from(response_headers_policy_id.as_str())),
                compress: Some((*compress).into()),
                // CloudFormation's default methods are left out rather than written.
                allowed_methods: cloudfront_methods(methods),
                cached_methods: cloudfront_methods(methods),
                ..DefaultCacheBehavior::new(
                    origin_id,
                    match viewer_protocol_policy {
                        meridian_plan::ViewerProtocolPolicy::RedirectToHttps => {
                            ViewerProtocolPolicy::RedirectToHttps
                        }
                    },
                )
            },
        )
    };
    let tags = unit.values.tags(None);
    unit.add(
        distribution,
        Resource::new(Distribution {
            distribution_config: config,
            tags,
        }),
    );
    for record in records {
        let CdnRecordPlan {
            rid,
            name,
            hosted_zone_id,
            comment,
            records,
            evaluate_target_health,
        } = record;
        // One resource for all of the name's records; their Terraform names are Terraform's.
        let alias = || AliasTarget {
            dns_name: attr_of(distribution, meridian_plan::Attr::DistributionDomainName),
            hosted_zone_id: Value::from(alias_hosted_zone_id.as_str()),
            evaluate_target_health: Some((*evaluate_target_health).into()),
        };
        unit.add(
            rid,
            Resource::new(RecordSetGroup {
                hosted_zone_id: Some(unit.values.text(hosted_zone_id)),
                hosted_zone_name: None,
                comment: Some(Value::from(comment.as_str())),
                record_sets: records
                    .iter()
                    .map(|(record_type, _)| RecordSetGroupRecordSet {
                        alias_target: Some(alias()),
                        ..RecordSetGroupRecordSet::new(record_type_of(*record_type), name.as_str())
                    })
                    .collect(),
            }),
        );
    }
}

/// The plan's methods, or nothing when they are CloudFront's default.
fn cloudfront_methods(methods: &[String]) -> Vec<Value<String>> {
    if methods
        .iter()
        .map(String::as_str)
        .eq(aws::CLOUDFRONT_DEFAULT_METHODS)
    {
        Vec::new()
    } else {
        methods
            .iter()
            .map(|method| Value::from(method.as_str()))
            .collect()
    }
}
