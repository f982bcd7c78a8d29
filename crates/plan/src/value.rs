//! Deploy-time values, target-neutral: literal text mixed with parameters, pseudo values
//! (account, partition), attributes of resources in the same deployment unit, and outputs of
//! other units. Emitters render these as CloudFormation intrinsics or Terraform references.

use std::fmt;

use crate::ids::{RegionCode, Rid, UnitId};

/// A value known only at deploy time, or a literal.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text {
    parts: Vec<Part>,
}

/// One piece of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Literal text.
    Lit(String),
    /// A deploy-time parameter (`${NAME}` in the stack file).
    Param(ParamUse),
    /// The AWS account ID of the deployment.
    AccountId,
    /// The ARN partition (`aws`, `aws-cn`, `aws-us-gov`).
    Partition,
    /// The DNS suffix of AWS endpoints (`amazonaws.com`).
    UrlSuffix,
    /// The region of the deployment unit the value is used in: known to the plan, and written
    /// as CloudFormation's `AWS::Region` pseudo parameter so a template reads the same in every
    /// region it could be deployed to.
    Region(String),
    /// An attribute of a resource in the same deployment unit.
    Attr(AttrRef),
    /// An output of another deployment unit. Boxed: an import is several times the size of
    /// every other part, and every part of every text of the plan would otherwise be as large.
    Import(Box<Import>),
}

/// A use of a parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParamUse {
    /// Parameter name as written, `IMAGE_TAG`.
    pub name: String,
    /// For parameters that take one value per region (certificates, regional ARNs), the
    /// region whose value is meant.
    pub region: Option<RegionCode>,
}

/// An attribute of a resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AttrRef {
    /// The resource.
    pub resource: Rid,
    /// Which attribute.
    pub attr: Attr,
}

/// A value another deployment unit exports.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Import {
    /// The producing unit.
    pub unit: UnitId,
    /// The producing unit's CloudFormation stack name.
    pub stack_name: String,
    /// The region the producing unit deploys to.
    pub region: RegionCode,
    /// Name of the output in the producing unit.
    pub output: String,
    /// The attribute the output holds (what Terraform, one module for all regions, refers to
    /// directly).
    pub source: AttrRef,
}

/// Attributes Meridian reads from the resources it creates. The resource type is implied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attr {
    /// VPC ID.
    VpcId,
    /// Subnet ID.
    SubnetId,
    /// Route table ID.
    RouteTableId,
    /// VPC peering connection ID.
    PeeringConnectionId,
    /// Security group ID.
    SecurityGroupId,
    /// Load balancer ARN.
    LoadBalancerArn,
    /// Load balancer DNS name.
    LoadBalancerDnsName,
    /// Hosted zone of the load balancer's DNS name (for alias records).
    LoadBalancerZoneId,
    /// `app/<name>/<id>`, the CloudWatch dimension value.
    LoadBalancerFullName,
    /// Target group ARN.
    TargetGroupArn,
    /// `targetgroup/<name>/<id>`, the CloudWatch dimension value.
    TargetGroupFullName,
    /// Listener ARN.
    ListenerArn,
    /// Listener rule ARN.
    ListenerRuleArn,
    /// ECS cluster name.
    ClusterName,
    /// ECS cluster ARN.
    ClusterArn,
    /// ECS service name.
    ServiceName,
    /// IAM role ARN.
    RoleArn,
    /// Log group name.
    LogGroupName,
    /// Log group ARN.
    LogGroupArn,
    /// DB instance identifier.
    DbInstanceId,
    /// DB instance ARN.
    DbInstanceArn,
    /// DB endpoint address.
    DbAddress,
    /// DB endpoint port.
    DbPort,
    /// DB subnet group name.
    DbSubnetGroupName,
    /// DB parameter group name.
    DbParameterGroupName,
    /// Secrets Manager secret ARN.
    SecretArn,
    /// The last part of a secret's ARN (`name-AbCdEf`), from which the ARN of its replica in
    /// another region is built.
    SecretNameWithSuffix,
    /// KMS key ARN.
    KeyArn,
    /// KMS key ID.
    KeyId,
    /// Replication group ID.
    CacheReplicationGroupId,
    /// Configuration endpoint of a cluster-mode replication group.
    CacheConfigurationEndpoint,
    /// Primary endpoint of a replication group without cluster mode.
    CachePrimaryEndpoint,
    /// Cache subnet group name.
    CacheSubnetGroupName,
    /// Global Datastore ID (with the prefix AWS adds).
    GlobalReplicationGroupId,
    /// Bucket name.
    BucketName,
    /// Bucket ARN.
    BucketArn,
    /// Bucket regional domain name (CloudFront origin).
    BucketRegionalDomainName,
    /// SNS topic ARN.
    TopicArn,
    /// Alarm name.
    AlarmName,
    /// Alarm ARN.
    AlarmArn,
    /// Route 53 health check ID.
    HealthCheckId,
    /// CloudFront distribution ID.
    DistributionId,
    /// CloudFront distribution ARN.
    DistributionArn,
    /// CloudFront distribution domain name.
    DistributionDomainName,
    /// Global Accelerator ARN.
    AcceleratorArn,
    /// Global Accelerator DNS name (resolves to its static addresses).
    AcceleratorDnsName,
    /// Global Accelerator listener ARN.
    AcceleratorListenerArn,
    /// CloudFront origin access control ID.
    OriginAccessControlId,
    /// WAF web ACL ARN.
    WebAclArn,
    /// SSM parameter name (with its leading `/`).
    SsmParameterName,
    /// Step Functions state machine ARN.
    StateMachineArn,
}

impl Text {
    /// Literal text.
    pub fn lit(text: impl Into<String>) -> Self {
        Self {
            parts: vec![Part::Lit(text.into())],
        }
    }

    /// An attribute of a resource in the same unit.
    pub fn attr(resource: &Rid, attr: Attr) -> Self {
        Self::from_parts(vec![Part::Attr(AttrRef {
            resource: resource.clone(),
            attr,
        })])
    }

    /// Builds from parts, merging adjacent literals and dropping empty ones.
    pub fn from_parts(parts: Vec<Part>) -> Self {
        let mut merged: Vec<Part> = Vec::with_capacity(parts.len());
        for part in parts {
            match (merged.last_mut(), part) {
                (_, Part::Lit(text)) if text.is_empty() => {}
                (Some(Part::Lit(previous)), Part::Lit(text)) => previous.push_str(&text),
                (_, part) => merged.push(part),
            }
        }
        Self { parts: merged }
    }

    /// This text followed by `other`.
    #[must_use]
    pub fn concat(&self, other: &Self) -> Self {
        let mut parts = self.parts.clone();
        parts.extend(other.parts.iter().cloned());
        Self::from_parts(parts)
    }

    /// This text followed by literal `suffix`.
    #[must_use]
    pub fn with_suffix(&self, suffix: &str) -> Self {
        self.concat(&Self::lit(suffix))
    }

    /// The pieces.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The literal string, when the text has no deploy-time piece.
    pub fn as_literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [] => Some(""),
            [Part::Lit(text)] => Some(text),
            _ => None,
        }
    }

    /// The one attribute this text consists of, if so.
    pub fn as_attr(&self) -> Option<&AttrRef> {
        match self.parts.as_slice() {
            [Part::Attr(reference)] => Some(reference),
            _ => None,
        }
    }

    /// Parameters used.
    pub fn params(&self) -> impl Iterator<Item = &ParamUse> {
        self.parts.iter().filter_map(|part| match part {
            Part::Param(param) => Some(param),
            _ => None,
        })
    }

    /// Imports used.
    pub fn imports(&self) -> impl Iterator<Item = &Import> {
        self.parts.iter().filter_map(|part| match part {
            Part::Import(import) => Some(&**import),
            _ => None,
        })
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Self::lit(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Self::lit(text)
    }
}

impl fmt::Display for Text {
    /// A human rendering for summaries and runbooks: `${NAME}` for parameters, `<Logical.attr>`
    /// for references.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in &self.parts {
            match part {
                Part::Lit(text) => f.write_str(text)?,
                Part::Param(param) => write!(f, "${{{}}}", param.name)?,
                Part::AccountId => f.write_str("<account-id>")?,
                Part::Partition => f.write_str("<partition>")?,
                Part::UrlSuffix => f.write_str("<url-suffix>")?,
                Part::Region(region) => f.write_str(region)?,
                Part::Attr(reference) => {
                    write!(f, "<{}.{:?}>", reference.resource.logical, reference.attr)?
                }
                Part::Import(import) => write!(f, "<{}:{}>", import.stack_name, import.output)?,
            }
        }
        Ok(())
    }
}

/// A piece of a `${...}`-bearing string from the stack file, before resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder<'a> {
    /// Literal text (with `$${` already unescaped).
    Lit(String),
    /// `${UPPER_CASE}`: a deploy-time parameter.
    Param(&'a str),
    /// `${lower.dotted}`: a value Meridian's resources produce.
    Reference(&'a str),
}

/// Longest parameter name accepted: CloudFormation allows 255 characters for parameter
/// logical IDs; Terraform variable names have no practical limit; 64 keeps names readable.
pub const MAX_PARAMETER_NAME: usize = 64;

/// Splits a stack-file string into literal text, parameters and references.
pub fn parse_placeholders(text: &str) -> Result<Vec<Placeholder<'_>>, String> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('$') {
        literal.push_str(&rest[..start]);
        let after = &rest[start..];
        if let Some(stripped) = after.strip_prefix("$${") {
            literal.push_str("${");
            rest = stripped;
            continue;
        }
        let Some(body_start) = after.strip_prefix("${") else {
            literal.push('$');
            rest = &after[1..];
            continue;
        };
        let Some(end) = body_start.find('}') else {
            return Err(format!(
                "`${{` at `{}` is never closed with `}}`",
                preview(after)
            ));
        };
        let name = &body_start[..end];
        if !literal.is_empty() {
            pieces.push(Placeholder::Lit(std::mem::take(&mut literal)));
        }
        pieces.push(classify(name)?);
        rest = &body_start[end + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(Placeholder::Lit(literal));
    }
    Ok(pieces)
}

fn preview(text: &str) -> String {
    text.chars().take(24).collect()
}

fn classify(name: &str) -> Result<Placeholder<'_>, String> {
    let is_parameter = name.len() <= MAX_PARAMETER_NAME
        && name.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if is_parameter {
        return Ok(Placeholder::Param(name));
    }
    let is_reference = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.split('.').all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        });
    if is_reference {
        return Ok(Placeholder::Reference(name));
    }
    if name.is_empty() {
        return Err("`${}` is empty".to_owned());
    }
    Err(format!(
        "`${{{name}}}` is neither a parameter name (UPPER_SNAKE_CASE, at most {MAX_PARAMETER_NAME} characters, starting with a letter) nor a reference (lowercase, dotted, like `database.writer.address`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_stays_small() {
        // Every text of the plan is a vector of parts, so their size is most of the plan's
        // memory: an import (several strings and a unit) is boxed to keep the others small.
        assert!(
            size_of::<Part>() <= 64,
            "a Part takes {} bytes",
            size_of::<Part>()
        );
    }

    #[test]
    fn splits_parameters_references_and_literals() {
        assert_eq!(
            parse_placeholders("${ECR}:${IMAGE_TAG}"),
            Ok(vec![
                Placeholder::Param("ECR"),
                Placeholder::Lit(":".into()),
                Placeholder::Param("IMAGE_TAG")
            ])
        );
        assert_eq!(
            parse_placeholders("postgres://${database.writer.address}/x"),
            Ok(vec![
                Placeholder::Lit("postgres://".into()),
                Placeholder::Reference("database.writer.address"),
                Placeholder::Lit("/x".into())
            ])
        );
        assert_eq!(
            parse_placeholders("cost $5 and $${LITERAL}"),
            Ok(vec![Placeholder::Lit("cost $5 and ${LITERAL}".into())])
        );
    }

    #[test]
    fn rejects_bad_placeholders() {
        assert!(
            parse_placeholders("${image-tag}").is_ok(),
            "lowercase with hyphen is a reference name"
        );
        assert!(parse_placeholders("${Image_Tag}").is_err());
        assert!(parse_placeholders("${}").is_err());
        assert!(parse_placeholders("${OPEN").is_err());
        assert!(parse_placeholders("${A B}").is_err());
    }

    #[test]
    fn text_merges_literals() {
        let text = Text::from_parts(vec![
            Part::Lit("a".into()),
            Part::Lit(String::new()),
            Part::Lit("b".into()),
        ]);
        assert_eq!(text.as_literal(), Some("ab"));
    }
}
