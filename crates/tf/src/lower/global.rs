//! Global resources: Route 53 health checks and latency alias records per region, the CloudFront
//! distribution with its origin bucket, origin access control and alias records, and dashboards. Route 53
//! and CloudFront are global services (no `region` argument); the origin bucket and dashboards live in the
//! plan's global region. It decides no domain, path or policy.

use meridian_plan::{
    CdnPlan, CdnRecordPlan, DashboardPlan, DnsHostPlan, DnsPlan, OriginSigning, RegionalDnsPlan,
};

use super::{Lowered, Lowerer, name_tag, region_argument};
use crate::l1::{
    CloudfrontDistribution, CloudfrontDistributionDefaultCacheBehavior,
    CloudfrontDistributionOrigin, CloudfrontDistributionRestrictions,
    CloudfrontDistributionRestrictionsGeoRestriction, CloudfrontDistributionViewerCertificate,
    CloudfrontOriginAccessControl, CloudwatchDashboard, List, ResourceRef, Route53HealthCheck,
    Route53Record, Route53RecordAlias, Route53RecordLatencyRoutingPolicy, S3Bucket, Value,
};

impl Lowerer<'_> {
    /// Health checks and latency records.
    pub(super) fn lower_dns(&mut self, dns: &DnsPlan) -> Lowered {
        let DnsPlan {
            hosted_zone_id,
            domain,
            evaluate_health,
            // Runbooks and estimates wait for it; the records carry their own TTL or none.
            effective_ttl_seconds: _,
            regions,
            hosts,
        } = dns;
        self.lower_records((hosted_zone_id, domain), *evaluate_health, regions)?;
        for DnsHostPlan {
            name,
            // The plan resolved it into each region's target.
            load_balancer: _,
            regions,
        } in hosts
        {
            self.lower_records((hosted_zone_id, name), *evaluate_health, regions)?;
        }
        Ok(())
    }

    /// The health check and latency record of each region for one DNS name.
    fn lower_records(
        &mut self,
        (hosted_zone_id, domain): (&meridian_plan::Text, &str),
        evaluate_health: bool,
        regions: &[RegionalDnsPlan],
    ) -> Lowered {
        for regional in regions {
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
            } = regional;
            let check = self.add(
                &health_check.tf,
                Route53HealthCheck {
                    enable_sni: Some((*enable_sni).into()),
                    failure_threshold: Some((*failure_threshold).into()),
                    fqdn: Some(self.value(target_dns_name)),
                    port: Some((*port).into()),
                    request_interval: Some((*interval_seconds).into()),
                    resource_path: Some(path.into()),
                    tags: name_tag(name),
                    ..Route53HealthCheck::new(protocol.as_str())
                },
            )?;
            self.add(
                &record.tf,
                Route53Record {
                    // A CNAME names the load balancer and carries its own TTL; an alias has none.
                    alias: cname_ttl_seconds.is_none().then(|| {
                        Route53RecordAlias::new(
                            evaluate_health,
                            self.value(target_dns_name),
                            self.value(target_zone_id),
                        )
                    }),
                    records: cname_ttl_seconds
                        .is_some()
                        .then(|| [self.value(target_dns_name)].into_iter().collect()),
                    ttl: cname_ttl_seconds.map(Into::into),
                    // Without failover the record answers whatever the check says.
                    health_check_id: evaluate_health.then(|| check.id().into()),
                    latency_routing_policy: Some(Route53RecordLatencyRoutingPolicy::new(
                        region.as_str(),
                    )),
                    set_identifier: Some(set_identifier.into()),
                    ..Route53Record::new(domain, record_type.as_str(), self.value(hosted_zone_id))
                },
            )?;
        }
        Ok(())
    }

    /// The distribution, its origin bucket and its alias records.
    pub(super) fn lower_cdn(&mut self, region: &str, cdn: &CdnPlan) -> Lowered {
        let CdnPlan {
            distribution,
            origin_access_control,
            origin_access_control_name,
            bucket,
            aliases,
            certificate,
            price_class,
            enabled,
            http_version,
            ipv6,
            compress,
            viewer_protocol_policy,
            methods,
            geo_restriction,
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
        self.lower_bucket(bucket, region)?;
        let OriginSigning {
            origin_type,
            behavior,
            protocol,
        } = origin_signing;
        let control = self.add(
            &origin_access_control.tf,
            CloudfrontOriginAccessControl {
                description: Some(origin_access_control_description.as_str().into()),
                ..CloudfrontOriginAccessControl::new(
                    origin_access_control_name.as_str(),
                    origin_type.as_str(),
                    behavior.as_str(),
                    protocol.as_str(),
                )
            },
        )?;
        let origin_id = origin_id.as_str();
        let viewer_certificate = match certificate {
            Some(certificate) => CloudfrontDistributionViewerCertificate {
                acm_certificate_arn: Some(self.value(certificate)),
                minimum_protocol_version: Some(minimum_protocol_version.as_str().into()),
                ssl_support_method: Some(ssl_support_method.as_str().into()),
                ..CloudfrontDistributionViewerCertificate::default()
            },
            None => CloudfrontDistributionViewerCertificate {
                cloudfront_default_certificate: Some(true.into()),
                ..CloudfrontDistributionViewerCertificate::default()
            },
        };
        let handle = self.add(
            &distribution.tf,
            CloudfrontDistribution {
                aliases: (!aliases.is_empty())
                    .then(|| aliases.iter().map(String::as_str).collect()),
                comment: Some(comment.as_str().into()),
                default_root_object: Some(default_root_object.into()),
                http_version: Some(http_version.as_str().into()),
                is_ipv6_enabled: Some((*ipv6).into()),
                price_class: Some(price_class.as_str().into()),
                ..CloudfrontDistribution::new(
                    CloudfrontDistributionDefaultCacheBehavior {
                        cache_policy_id: Some(cache_policy_id.into()),
                        compress: Some((*compress).into()),
                        response_headers_policy_id: Some(response_headers_policy_id.into()),
                        ..CloudfrontDistributionDefaultCacheBehavior::new(
                            methods
                                .iter()
                                .map(String::as_str)
                                .collect::<Value<List<String>>>(),
                            methods
                                .iter()
                                .map(String::as_str)
                                .collect::<Value<List<String>>>(),
                            origin_id,
                            viewer_protocol_policy.as_str(),
                        )
                    },
                    *enabled,
                    vec![CloudfrontDistributionOrigin {
                        origin_access_control_id: Some(control.id().into()),
                        ..CloudfrontDistributionOrigin::new(
                            ResourceRef::<S3Bucket>::planned(&bucket.rid.tf)
                                .bucket_regional_domain_name(),
                            origin_id,
                        )
                    }],
                    CloudfrontDistributionRestrictions::new(
                        CloudfrontDistributionRestrictionsGeoRestriction::new(
                            geo_restriction.as_str(),
                        ),
                    ),
                    viewer_certificate,
                )
            },
        )?;
        for record in records {
            let CdnRecordPlan {
                // The record set group's identity; Terraform has one resource per record.
                rid: _,
                name,
                hosted_zone_id,
                // Terraform records have no comment.
                comment: _,
                records,
                evaluate_target_health,
            } = record;
            for (record_type, terraform_name) in records {
                self.add(
                    terraform_name,
                    Route53Record {
                        alias: Some(Route53RecordAlias::new(
                            *evaluate_target_health,
                            handle.domain_name(),
                            alias_hosted_zone_id.as_str(),
                        )),
                        ..Route53Record::new(name, record_type.as_str(), self.value(hosted_zone_id))
                    },
                )?;
            }
        }
        Ok(())
    }

    /// A dashboard in `region`.
    pub(super) fn lower_dashboard(&mut self, region: &str, dashboard: &DashboardPlan) -> Lowered {
        let DashboardPlan { rid, name, body } = dashboard;
        self.add(
            &rid.tf,
            CloudwatchDashboard {
                region: region_argument(region),
                ..CloudwatchDashboard::new(self.json_document(body), name)
            },
        )?;
        Ok(())
    }
}
