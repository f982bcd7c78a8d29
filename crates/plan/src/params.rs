//! What a deploy-time parameter's value must look like, by kind: one pattern and one description
//! that CloudFormation's `AllowedPattern` and Terraform's variable validations both use, so a
//! value one tool accepts the other does not refuse.

use crate::ids::UnitId;
use crate::types::{ParamKind, Parameter};

impl Parameter {
    /// The region every value of a stack-wide parameter must name, when one unit's region reads
    /// it: a certificate only the global unit uses (CloudFront's) must be in the global region,
    /// which CloudFormation pins through the unit's own region and Terraform through this.
    pub fn only_region(&self, global_region: &str) -> Option<String> {
        match self.regions.as_slice() {
            [only] if !self.per_region => Some(if *only == UnitId::Global.to_string() {
                global_region.to_owned()
            } else {
                only.clone()
            }),
            _ => None,
        }
    }
}

/// The ARN prefix of every partition: `arn:aws`, `arn:aws-cn`, `arn:aws-us-gov`...
const ARN_PARTITION: &str = "arn:aws[a-z-]*";

impl ParamKind {
    /// The kind's name in the manifest: `certificate-arn`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::CertificateArn => "certificate-arn",
            Self::HostedZoneId => "hosted-zone-id",
            Self::VpcId => "vpc-id",
            Self::SubnetId => "subnet-id",
            Self::RouteTableId => "route-table-id",
            Self::Email => "email",
            Self::HttpsUrl => "https-url",
            Self::SecretArn => "secret-arn",
        }
    }

    /// The regular expression (RE2 and Java syntax alike) every value matches. `region` is the
    /// region whose resources read the value; load balancers and CloudFront accept only a
    /// certificate of that region, so a certificate pattern names it when it is known.
    pub fn pattern(self, region: Option<&str>) -> String {
        match self {
            Self::Text => r"^\S(.*\S)?$".to_owned(),
            Self::CertificateArn => format!(
                r"^{ARN_PARTITION}:acm:{}:[0-9]{{12}}:certificate/[0-9a-f-]+$",
                region.unwrap_or("[a-z0-9-]+")
            ),
            Self::HostedZoneId => r"^Z[0-9A-Z]{1,31}$".to_owned(),
            Self::VpcId => r"^vpc-[0-9a-f]{8,17}$".to_owned(),
            Self::SubnetId => r"^subnet-[0-9a-f]{8,17}$".to_owned(),
            Self::RouteTableId => r"^rtb-[0-9a-f]{8,17}$".to_owned(),
            Self::Email => r"^[^@\s]+@[^@\s]+\.[^@\s]+$".to_owned(),
            Self::HttpsUrl => r"^https://[^\s/]+(/\S*)?$".to_owned(),
            Self::SecretArn => {
                format!(r"^{ARN_PARTITION}:secretsmanager:[a-z0-9-]+:[0-9]{{12}}:secret:\S+$")
            }
        }
    }

    /// What a value is, as a noun phrase for error messages ("must be ...").
    pub fn format_description(self) -> &'static str {
        match self {
            Self::Text => "non-empty text without leading or trailing white space",
            Self::CertificateArn => {
                "the ARN of an ACM certificate in the region that uses it (arn:aws:acm:<region>:<account>:certificate/<id>)"
            }
            Self::HostedZoneId => {
                "a Route 53 hosted zone ID (Z followed by uppercase letters and digits)"
            }
            Self::VpcId => "a VPC ID (vpc-<hex>)",
            Self::SubnetId => "a subnet ID (subnet-<hex>)",
            Self::RouteTableId => "a route table ID (rtb-<hex>)",
            Self::Email => "an e-mail address (name@example.com)",
            Self::HttpsUrl => "an HTTPS URL (https://<host>/...)",
            Self::SecretArn => {
                "the ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>)"
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(kind: ParamKind, region: Option<&str>, value: &str) -> bool {
        regex::Regex::new(&kind.pattern(region))
            .expect("valid pattern")
            .is_match(value)
    }

    #[test]
    fn patterns_accept_real_values_and_refuse_near_misses() {
        let certificate =
            "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
        assert!(accepts(
            ParamKind::CertificateArn,
            Some("eu-west-1"),
            certificate
        ));
        assert!(accepts(ParamKind::CertificateArn, None, certificate));
        assert!(!accepts(
            ParamKind::CertificateArn,
            Some("us-east-1"),
            certificate
        ));
        assert!(accepts(
            ParamKind::SecretArn,
            None,
            "arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:pager-AbCdEf"
        ));
        assert!(!accepts(
            ParamKind::SecretArn,
            None,
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:"
        ));
        assert!(accepts(
            ParamKind::HttpsUrl,
            None,
            "https://events.pagerduty.com/integration/x/enqueue"
        ));
        assert!(!accepts(ParamKind::HttpsUrl, None, "https:///path-only"));
        assert!(!accepts(ParamKind::HttpsUrl, None, "http://example.com"));
        assert!(accepts(ParamKind::Email, None, "oncall@example.com"));
        assert!(!accepts(ParamKind::Email, None, "oncall@localhost"));
        assert!(accepts(ParamKind::Text, None, "v1.4.2"));
        assert!(!accepts(ParamKind::Text, None, ""));
        assert!(!accepts(ParamKind::Text, None, " v1.4.2"));
        assert!(accepts(
            ParamKind::HostedZoneId,
            None,
            "Z0123456789ABCDEFGHIJ"
        ));
        assert!(accepts(ParamKind::VpcId, None, "vpc-0a1b2c3d4e5f60718"));
        assert!(!accepts(ParamKind::SubnetId, None, "vpc-0a1b2c3d"));
    }
}
