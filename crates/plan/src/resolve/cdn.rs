//! The CDN: a CloudFront distribution in front of an origin bucket behind origin access control,
//! with alias records in the DNS zone (E611 to E614, W611).

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::aws;
use crate::defaults;
use crate::ids::UnitId;
use crate::naming::{self, pascal};
use crate::types::*;
use crate::value::{Attr, Part, Text};

impl<'a> Resolver<'a> {
    pub(crate) fn resolve_cdn(
        &mut self,
        unit: &UnitId,
        cdn: &meridian_model::Cdn,
    ) -> Option<CdnPlan> {
        let path = StackPath::root().key("cdn");
        let price_class = match cdn.price_class.as_deref() {
            None => defaults::PRICE_CLASS,
            Some(name) => PriceClass::from_name(name).unwrap_or_else(|| {
                self.report(
                    Diagnostic::new(
                        codes::E612,
                        path.key("price_class"),
                        format!("`{name}` is not a CloudFront price class"),
                    )
                    .with_help(format!(
                        "use one of {}",
                        PriceClass::ALL.map(PriceClass::as_str).join(", ")
                    )),
                );
                defaults::PRICE_CLASS
            }),
        };
        for (index, alias) in cdn.aliases.iter().enumerate() {
            if !is_domain_name(alias) {
                self.report(
                    Diagnostic::new(
                        codes::E613,
                        path.key("aliases").index(index),
                        format!("`{alias}` is not a fully qualified domain name"),
                    )
                    .with_help("write e.g. `static.example.com`"),
                );
            }
        }
        if !cdn.aliases.is_empty() && cdn.certificate.is_none() {
            self.report(
                Diagnostic::new(codes::E611, path.key("aliases"), "CloudFront serves alternate domain names only with a certificate that covers them")
                    .with_help("add `certificate: ${CDN_CERTIFICATE_ARN}` (an ACM certificate in us-east-1)"),
            );
        }
        if cdn.aliases.is_empty() && cdn.certificate.is_some() {
            self.report(
                Diagnostic::new(
                    codes::W611,
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
        let home = aws::global_region(&self.partition);
        if let Some(literal) = certificate.as_ref().and_then(Text::as_literal)
            && !literal.contains(&format!(":{home}:"))
        {
            self.report(
                Diagnostic::new(
                    codes::E611,
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
        let (head, tail) = self.names.cdn_bucket(aws::global_region(&self.partition));
        let policy_rid = self.rid(unit, "CdnBucketPolicy", &path);
        let bucket = cdn_origin_bucket((bucket_rid, policy_rid), (head, tail), &distribution);
        let records_plans = self.cdn_alias_records(&path, cdn, unit);
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
            enabled: true,
            http_version: defaults::CDN_HTTP_VERSION,
            ipv6: defaults::CDN_IPV6,
            compress: defaults::CDN_COMPRESS,
            viewer_protocol_policy: defaults::CDN_VIEWER_PROTOCOL_POLICY,
            methods: aws::CLOUDFRONT_DEFAULT_METHODS.map(str::to_owned).to_vec(),
            geo_restriction: GeoRestriction::None,
            ssl_support_method: SslSupportMethod::SniOnly,
            origin_signing: OriginSigning {
                origin_type: OriginType::S3,
                behavior: SigningBehavior::Always,
                protocol: SigningProtocol::Sigv4,
            },
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
            alias_hosted_zone_id: aws::cloudfront_hosted_zone_id(&self.partition).to_owned(),
            records: records_plans,
        })
    }

    /// An A and an AAAA alias record for every CDN alias in the DNS zone (E614).
    fn cdn_alias_records(
        &mut self,
        path: &StackPath,
        cdn: &meridian_model::Cdn,
        unit: &UnitId,
    ) -> Vec<CdnRecordPlan> {
        let mut records_plans = Vec::new();
        let Some(dns) = &self.stack.dns else {
            return records_plans;
        };
        {
            let parent = dns
                .domain
                .split_once('.')
                .map(|(_, parent)| parent.to_owned())
                .unwrap_or_default();
            for (index, alias) in cdn.aliases.iter().enumerate() {
                if !(alias == &parent || alias.ends_with(&format!(".{parent}"))) {
                    self.report(
                        Diagnostic::new(codes::E614, path.key("aliases").index(index), format!("`{alias}` is not under `{parent}`, the zone that holds `{}`", dns.domain))
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
                let rid = self.rid(
                    unit,
                    format!("Cdn{}Record", pascal(alias)),
                    &path.key("aliases").index(index),
                );
                // The distribution answers IPv4 and IPv6, so each alias gets an A and an AAAA
                // record.
                let records = vec![
                    (DnsRecordType::A, rid.tf.clone()),
                    (DnsRecordType::Aaaa, naming::ipv6_record_tf_name(&rid)),
                ];
                records_plans.push(CdnRecordPlan {
                    rid,
                    name: alias.clone(),
                    hosted_zone_id: zone,
                    comment: format!("{alias} to the CDN"),
                    records,
                    evaluate_target_health: false,
                });
            }
        }
        records_plans
    }
}

/// The CDN's origin bucket: SSE-S3, versioned, readable by the distribution only.
fn cdn_origin_bucket(
    (bucket_rid, policy_rid): (Rid, Rid),
    (head, tail): (String, String),
    distribution: &Rid,
) -> BucketPlan {
    let bucket_arn = Text::attr(&bucket_rid, Attr::BucketArn);
    BucketPlan {
        name: "cdn-origin".to_owned(),
        policy_rid,
        bucket_name: Text::from_parts(vec![Part::Lit(head), Part::AccountId, Part::Lit(tail)]),
        purpose: BucketPurpose::CdnOrigin,
        versioning: true,
        encryption: BucketEncryption::S3Managed,
        object_lock: None,
        replication: None,
        policy_statements: vec![
            deny_insecure_transport(&bucket_rid),
            Statement {
                sid: "CloudFrontReadsObjects".to_owned(),
                allow: true,
                principal: Some(Principal::Service(Text::lit("cloudfront.amazonaws.com"))),
                actions: vec!["s3:GetObject".to_owned()],
                resources: vec![bucket_arn.with_suffix("/*")],
                conditions: vec![Condition {
                    operator: "StringEquals".to_owned(),
                    key: "AWS:SourceArn".to_owned(),
                    values: vec![Text::attr(distribution, Attr::DistributionArn)],
                }],
            },
        ],
        public_access_block: defaults::PUBLIC_ACCESS_BLOCK,
        object_ownership: defaults::OBJECT_OWNERSHIP,
        lifecycle_rules: lifecycle_rules(None),
        retain: defaults::RETAIN_BUCKETS,
        rid: bucket_rid,
    }
}
