//! Which template changes weaken security, judged on template JSON: network rules opened wider,
//! encryption or KMS keys removed, deletion protection off, public exposure, public access blocks
//! relaxed, IAM policies widened, TLS policies changed and bucket policy statements removed. It
//! flags changes for a reviewer; it does not judge whether the new state is acceptable.

use std::collections::BTreeSet;
use std::fmt;
use std::net::Ipv4Addr;

use serde_json::Value as Json;

use super::tree::{Change, Step, is_intrinsic};

/// The kinds of security-sensitive change, with stable codes for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecurityRule {
    /// An ingress rule admits addresses it did not admit before (a CIDR widened, a new ingress
    /// from anywhere or from public addresses).
    IngressWidened,
    /// Encryption at rest or in transit turned off, or downgraded from KMS.
    EncryptionOff,
    /// A KMS key removed from a resource.
    KmsKeyRemoved,
    /// Deletion protection (or a retaining deletion policy) turned off.
    DeletionProtectionOff,
    /// A database instance or load balancer made reachable from the internet.
    PubliclyAccessible,
    /// A setting of an S3 public access block turned off, or the block removed.
    PublicAccessBlockRelaxed,
    /// An IAM policy allows new actions, wildcards or new principals.
    IamPolicyWidened,
    /// A TLS policy or the TLS protocol of a listener or distribution changed.
    TlsPolicyChanged,
    /// A bucket policy statement (or the whole policy of a remaining bucket) removed.
    BucketPolicyStatementRemoved,
}

impl SecurityRule {
    /// The stable code of the rule, as `meridian diff --format json` writes it.
    pub fn code(self) -> &'static str {
        match self {
            Self::IngressWidened => "ingress-widened",
            Self::EncryptionOff => "encryption-off",
            Self::KmsKeyRemoved => "kms-key-removed",
            Self::DeletionProtectionOff => "deletion-protection-off",
            Self::PubliclyAccessible => "publicly-accessible",
            Self::PublicAccessBlockRelaxed => "public-access-block-relaxed",
            Self::IamPolicyWidened => "iam-policy-widened",
            Self::TlsPolicyChanged => "tls-policy-changed",
            Self::BucketPolicyStatementRemoved => "bucket-policy-statement-removed",
        }
    }
}

impl fmt::Display for SecurityRule {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

/// One security-sensitive change of a resource.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SecurityFinding {
    /// What kind of change it is.
    pub rule: SecurityRule,
    /// What changed, in a sentence fragment (`StorageEncrypted turned off`).
    pub message: String,
}

impl SecurityFinding {
    fn new(rule: SecurityRule, message: impl Into<String>) -> Self {
        Self {
            rule,
            message: message.into(),
        }
    }
}

/// Boolean flags that turn encryption on.
const ENCRYPTION_FLAGS: &[&str] = &[
    "StorageEncrypted",
    "TransitEncryptionEnabled",
    "AtRestEncryptionEnabled",
    "Encrypted",
    "SSEEnabled",
];
/// Properties that name a KMS key.
const KMS_KEY_FIELDS: &[&str] = &[
    "KmsKeyId",
    "KmsMasterKeyId",
    "KMSMasterKeyID",
    "ReplicaKmsKeyID",
    "KmsKeyArn",
];
/// Blocks whose removal turns encryption off.
const ENCRYPTION_BLOCKS: &[&str] = &[
    "BucketEncryption",
    "ServerSideEncryptionConfiguration",
    "SSESpecification",
    "EncryptionConfiguration",
];
/// Flags that turn deletion protection on (the last is a load balancer attribute key).
const DELETION_PROTECTION_FLAGS: &[&str] = &[
    "DeletionProtection",
    "DeletionProtectionEnabled",
    "deletion_protection.enabled",
];
/// The settings of an S3 public access block.
const PUBLIC_ACCESS_BLOCK_FLAGS: &[&str] = &[
    "BlockPublicAcls",
    "BlockPublicPolicy",
    "IgnorePublicAcls",
    "RestrictPublicBuckets",
];
/// Deletion policies that keep the resource (or a snapshot of it).
const RETAINING_DELETION_POLICIES: &[&str] = &["Retain", "RetainExceptOnCreate", "Snapshot"];
/// Properties that hold IAM policy documents.
const POLICY_DOCUMENT_FIELDS: &[&str] =
    &["PolicyDocument", "AssumeRolePolicyDocument", "KeyPolicy"];

fn truthy(value: Option<&Json>) -> bool {
    match value {
        Some(Json::Bool(flag)) => *flag,
        Some(Json::String(text)) => text.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// Compact JSON of a value, for messages.
pub(crate) fn compact(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The name the last step of a path refers to: a field, or the key of a `Key`/`Value` entry.
fn last_name(path: &[Step]) -> Option<&str> {
    path.last().map(|step| match step {
        Step::Field(name) | Step::Item(name) => name.as_str(),
    })
}

/// Findings of a resource changed in place (or under a new logical ID), from its property
/// changes (`changes`, paths below `Properties`), its resource-attribute changes and its whole
/// properties before and after.
pub(crate) fn modified_findings(
    type_name: &str,
    changes: &[Change],
    attribute_changes: &[Change],
    before: &Json,
    after: &Json,
) -> Vec<SecurityFinding> {
    let mut findings = Vec::new();
    for change in changes {
        property_findings(type_name, change, &mut findings);
    }
    for change in attribute_changes {
        if change.path == [Step::Field("DeletionPolicy".to_owned())] {
            let retained = |value: Option<&Json>| {
                value
                    .and_then(Json::as_str)
                    .is_some_and(|policy| RETAINING_DELETION_POLICIES.contains(&policy))
            };
            if retained(change.before.as_ref()) && !retained(change.after.as_ref()) {
                findings.push(SecurityFinding::new(
                    SecurityRule::DeletionProtectionOff,
                    format!(
                        "DeletionPolicy {} → {}: deleting the resource no longer keeps it",
                        show(change.before.as_ref()),
                        show(change.after.as_ref())
                    ),
                ));
            }
        }
    }
    iam_findings(before, after, &mut findings);
    if type_name == "AWS::S3::BucketPolicy" {
        for statement in removed_statements(before, after) {
            findings.push(SecurityFinding::new(
                SecurityRule::BucketPolicyStatementRemoved,
                format!("bucket policy statement {statement} removed"),
            ));
        }
    }
    findings.sort();
    findings.dedup();
    findings
}

fn show(value: Option<&Json>) -> String {
    value.map_or_else(|| "(absent)".to_owned(), compact)
}

fn property_findings(type_name: &str, change: &Change, findings: &mut Vec<SecurityFinding>) {
    let Some(name) = last_name(&change.path) else {
        return;
    };
    let (before, after) = (change.before.as_ref(), change.after.as_ref());
    let path = super::tree::render_path(&change.path);
    if ENCRYPTION_FLAGS.contains(&name) && truthy(before) && !truthy(after) {
        findings.push(SecurityFinding::new(
            SecurityRule::EncryptionOff,
            format!("{path} turned off ({} → {})", show(before), show(after)),
        ));
    }
    if KMS_KEY_FIELDS.contains(&name) && before.is_some() && after.is_none() {
        findings.push(SecurityFinding::new(
            SecurityRule::KmsKeyRemoved,
            format!("{path} removed (was {})", show(before)),
        ));
    }
    if name == "SSEAlgorithm" {
        let kms = |value: Option<&Json>| {
            value
                .and_then(Json::as_str)
                .is_some_and(|algorithm| algorithm.starts_with("aws:kms"))
        };
        if kms(before) && !kms(after) {
            findings.push(SecurityFinding::new(
                SecurityRule::EncryptionOff,
                format!(
                    "{path} downgraded from KMS ({} → {})",
                    show(before),
                    show(after)
                ),
            ));
        }
    }
    if DELETION_PROTECTION_FLAGS.contains(&name) && truthy(before) && !truthy(after) {
        findings.push(SecurityFinding::new(
            SecurityRule::DeletionProtectionOff,
            format!("{path} turned off ({} → {})", show(before), show(after)),
        ));
    }
    if name == "PubliclyAccessible" && truthy(after) && !truthy(before) {
        findings.push(SecurityFinding::new(
            SecurityRule::PubliclyAccessible,
            format!("{path} turned on: the instance gets a public address"),
        ));
    }
    if name == "Scheme"
        && type_name == "AWS::ElasticLoadBalancingV2::LoadBalancer"
        && after.and_then(Json::as_str) == Some("internet-facing")
    {
        findings.push(SecurityFinding::new(
            SecurityRule::PubliclyAccessible,
            format!(
                "load balancer made internet-facing ({} → internet-facing)",
                show(before)
            ),
        ));
    }
    let in_public_access_block = change
        .path
        .iter()
        .any(|step| *step == Step::Field("PublicAccessBlockConfiguration".to_owned()));
    if in_public_access_block
        && PUBLIC_ACCESS_BLOCK_FLAGS.contains(&name)
        && truthy(before)
        && !truthy(after)
    {
        findings.push(SecurityFinding::new(
            SecurityRule::PublicAccessBlockRelaxed,
            format!("{path} turned off ({} → {})", show(before), show(after)),
        ));
    }
    if name == "PublicAccessBlockConfiguration" && before.is_some() && after.is_none() {
        findings.push(SecurityFinding::new(
            SecurityRule::PublicAccessBlockRelaxed,
            "public access block removed".to_owned(),
        ));
    }
    if matches!(name, "SslPolicy" | "MinimumProtocolVersion") && before != after {
        findings.push(SecurityFinding::new(
            SecurityRule::TlsPolicyChanged,
            format!("{path} changed ({} → {})", show(before), show(after)),
        ));
    }
    if name == "Protocol"
        && type_name == "AWS::ElasticLoadBalancingV2::Listener"
        && matches!(before.and_then(Json::as_str), Some("HTTPS" | "TLS"))
        && !matches!(after.and_then(Json::as_str), Some("HTTPS" | "TLS"))
    {
        findings.push(SecurityFinding::new(
            SecurityRule::TlsPolicyChanged,
            format!(
                "listener no longer terminates TLS ({} → {})",
                show(before),
                show(after)
            ),
        ));
    }
    if name == "ViewerProtocolPolicy" && after.and_then(Json::as_str) == Some("allow-all") {
        findings.push(SecurityFinding::new(
            SecurityRule::TlsPolicyChanged,
            format!("{path} allows plain HTTP ({} → allow-all)", show(before)),
        ));
    }
    // A removed block: judge what it held.
    if let (Some(removed), None) = (before, after) {
        if ENCRYPTION_BLOCKS.contains(&name) {
            findings.push(SecurityFinding::new(
                SecurityRule::EncryptionOff,
                format!("{path} removed"),
            ));
        } else {
            let mut held = Vec::new();
            collect_fields(removed, &mut held);
            if held
                .iter()
                .any(|(field, value)| ENCRYPTION_FLAGS.contains(field) && truthy(Some(value)))
            {
                findings.push(SecurityFinding::new(
                    SecurityRule::EncryptionOff,
                    format!("{path} removed with the encryption it turned on"),
                ));
            }
            if held.iter().any(|(field, _)| KMS_KEY_FIELDS.contains(field)) {
                findings.push(SecurityFinding::new(
                    SecurityRule::KmsKeyRemoved,
                    format!("{path} removed with the KMS key it named"),
                ));
            }
        }
    }
}

/// Every (field name, value) inside `value`.
fn collect_fields<'a>(value: &'a Json, out: &mut Vec<(&'a str, &'a Json)>) {
    match value {
        Json::Object(object) => {
            for (key, child) in object {
                out.push((key.as_str(), child));
                collect_fields(child, out);
            }
        }
        Json::Array(items) => items.iter().for_each(|item| collect_fields(item, out)),
        _ => {}
    }
}

/// Findings of an added resource: public exposure only (a new resource is listed as added; what
/// it allows is reviewed there).
pub(crate) fn added_findings(type_name: &str, properties: &Json) -> Vec<SecurityFinding> {
    let mut findings = Vec::new();
    if type_name == "AWS::RDS::DBInstance" && truthy(properties.get("PubliclyAccessible")) {
        findings.push(SecurityFinding::new(
            SecurityRule::PubliclyAccessible,
            "new DB instance with PubliclyAccessible: true",
        ));
    }
    findings
}

/// Findings of a removed resource: a bucket policy removed while its bucket stays.
pub(crate) fn removed_findings(
    type_name: &str,
    properties: &Json,
    after_template: Option<&Json>,
) -> Vec<SecurityFinding> {
    if type_name != "AWS::S3::BucketPolicy" {
        return Vec::new();
    }
    let bucket = match properties.get("Bucket") {
        Some(Json::Object(object)) => object.get("Ref").and_then(Json::as_str),
        _ => None,
    };
    let remains = bucket.is_some_and(|bucket| {
        after_template
            .and_then(|template| template.get("Resources"))
            .and_then(|resources| resources.get(bucket))
            .is_some()
    });
    if !remains {
        return Vec::new();
    }
    let statements = statements_of(properties.get("PolicyDocument"))
        .into_iter()
        .map(statement_label)
        .collect::<Vec<_>>()
        .join(", ");
    vec![SecurityFinding::new(
        SecurityRule::BucketPolicyStatementRemoved,
        format!(
            "the policy of bucket {} is removed while the bucket stays (statements {statements})",
            bucket.unwrap_or_default()
        ),
    )]
}

// ---------------------------------------------------------------------------------------------
// IAM

fn statements_of(document: Option<&Json>) -> Vec<&Json> {
    match document.and_then(|document| document.get("Statement")) {
        Some(Json::Array(statements)) => statements.iter().collect(),
        Some(statement @ Json::Object(_)) => vec![statement],
        _ => Vec::new(),
    }
}

/// `DenyInsecureTransport`, or the statement's compact JSON when it has no `Sid`.
fn statement_label(statement: &Json) -> String {
    statement
        .get("Sid")
        .and_then(Json::as_str)
        .map_or_else(|| statement.to_string(), |sid| format!("`{sid}`"))
}

/// Statements of `before`'s policy documents missing from `after`'s (by `Sid`, else by content).
fn removed_statements(before: &Json, after: &Json) -> Vec<String> {
    let labels = |properties: &Json| -> BTreeSet<String> {
        statements_of(properties.get("PolicyDocument"))
            .into_iter()
            .map(statement_label)
            .collect()
    };
    let remaining = labels(after);
    labels(before)
        .into_iter()
        .filter(|label| !remaining.contains(label))
        .collect()
}

/// What the `Allow` statements of a resource's policy documents grant.
#[derive(Debug, Default)]
struct Grants {
    actions: BTreeSet<String>,
    resources: BTreeSet<String>,
    principals: BTreeSet<String>,
    managed_policies: BTreeSet<String>,
}

fn grants(properties: &Json) -> Grants {
    let mut grants = Grants::default();
    let mut documents = Vec::new();
    collect_policy_documents(properties, &mut documents);
    for document in documents {
        for statement in statements_of(Some(document)) {
            if statement.get("Effect").and_then(Json::as_str) != Some("Allow") {
                continue;
            }
            grants.actions.extend(strings(statement.get("Action")));
            grants.resources.extend(strings(statement.get("Resource")));
            match statement.get("Principal") {
                Some(value @ Json::Object(principal)) if !is_intrinsic(value) => {
                    for (kind, values) in principal {
                        grants.principals.extend(
                            strings(Some(values))
                                .into_iter()
                                .map(|value| format!("{kind}:{value}")),
                        );
                    }
                }
                Some(other) => {
                    grants.principals.insert(compact(other));
                }
                None => {}
            }
        }
    }
    grants
        .managed_policies
        .extend(strings(properties.get("ManagedPolicyArns")));
    grants
}

fn collect_policy_documents<'a>(value: &'a Json, out: &mut Vec<&'a Json>) {
    match value {
        Json::Object(object) => {
            for (key, child) in object {
                if POLICY_DOCUMENT_FIELDS.contains(&key.as_str()) && child.is_object() {
                    out.push(child);
                } else {
                    collect_policy_documents(child, out);
                }
            }
        }
        Json::Array(items) => items
            .iter()
            .for_each(|item| collect_policy_documents(item, out)),
        _ => {}
    }
}

/// A string or a list of values, each as compact text.
fn strings(value: Option<&Json>) -> Vec<String> {
    match value {
        Some(Json::Array(items)) => items.iter().map(compact).collect(),
        Some(other) => vec![compact(other)],
        None => Vec::new(),
    }
}

fn iam_findings(before: &Json, after: &Json, findings: &mut Vec<SecurityFinding>) {
    let (old, new) = (grants(before), grants(after));
    let added = |old: &BTreeSet<String>, new: &BTreeSet<String>| -> Vec<String> {
        new.difference(old).cloned().collect()
    };
    let new_actions = added(&old.actions, &new.actions);
    let (wildcards, plain): (Vec<String>, Vec<String>) = new_actions
        .into_iter()
        .partition(|action| action.contains('*'));
    if !wildcards.is_empty() {
        findings.push(SecurityFinding::new(
            SecurityRule::IamPolicyWidened,
            format!("policy allows wildcard actions: {}", wildcards.join(", ")),
        ));
    }
    if !plain.is_empty() {
        findings.push(SecurityFinding::new(
            SecurityRule::IamPolicyWidened,
            format!("policy allows new actions: {}", plain.join(", ")),
        ));
    }
    if new.resources.contains("*") && !old.resources.contains("*") {
        findings.push(SecurityFinding::new(
            SecurityRule::IamPolicyWidened,
            "policy allows every resource (`*`)",
        ));
    }
    let principals = added(&old.principals, &new.principals);
    if !principals.is_empty() {
        findings.push(SecurityFinding::new(
            SecurityRule::IamPolicyWidened,
            format!("policy trusts new principals: {}", principals.join(", ")),
        ));
    }
    let managed = added(&old.managed_policies, &new.managed_policies);
    if !managed.is_empty() {
        findings.push(SecurityFinding::new(
            SecurityRule::IamPolicyWidened,
            format!("new managed policies attached: {}", managed.join(", ")),
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// Network rules

/// One ingress permission of a template.
#[derive(Debug, Clone)]
struct Ingress {
    /// The resource that declares it.
    logical_id: String,
    /// The security group it opens, as a stable key.
    group: String,
    protocol: String,
    from_port: i64,
    to_port: i64,
    /// The CIDR (IPv4 or IPv6) it admits; other peers (security groups) are not judged.
    cidr: Json,
}

/// Ingress findings of a stack: every CIDR ingress of `after` that `before` did not already
/// admit, when it is open to public addresses or widens an ingress of the same group and ports.
/// Returns (logical ID, finding) pairs.
pub(crate) fn ingress_findings(
    before: Option<&Json>,
    after: &Json,
) -> Vec<(String, SecurityFinding)> {
    let old = before.map(ingresses).unwrap_or_default();
    let mut findings = Vec::new();
    for entry in ingresses(after) {
        let same_ports = |candidate: &&Ingress| {
            candidate.group == entry.group
                && (candidate.protocol == entry.protocol || candidate.protocol == "-1")
                && (candidate.protocol == "-1"
                    || (candidate.from_port <= entry.from_port
                        && entry.to_port <= candidate.to_port))
        };
        let covered = old
            .iter()
            .filter(same_ports)
            .any(|candidate| cidr_contains(&candidate.cidr, &entry.cidr));
        if covered {
            continue;
        }
        let narrower: Vec<String> = old
            .iter()
            .filter(same_ports)
            .filter(|candidate| cidr_contains(&entry.cidr, &candidate.cidr))
            .map(|candidate| compact(&candidate.cidr))
            .collect();
        let cidr = compact(&entry.cidr);
        let ports = describe_ports(&entry);
        let message = if !narrower.is_empty() {
            format!(
                "ingress on {ports} widened from {} to {cidr}",
                narrower.join(", ")
            )
        } else if is_anywhere(&entry.cidr) {
            format!("new ingress on {ports} from anywhere ({cidr})")
        } else if is_public(&entry.cidr) {
            format!("new ingress on {ports} from public addresses ({cidr})")
        } else {
            continue;
        };
        findings.push((
            entry.logical_id.clone(),
            SecurityFinding::new(SecurityRule::IngressWidened, message),
        ));
    }
    findings
}

fn describe_ports(entry: &Ingress) -> String {
    if entry.protocol == "-1" {
        return "all traffic".to_owned();
    }
    if entry.from_port == entry.to_port {
        format!("{} {}", entry.protocol, entry.from_port)
    } else {
        format!("{} {}-{}", entry.protocol, entry.from_port, entry.to_port)
    }
}

fn ingresses(template: &Json) -> Vec<Ingress> {
    let mut found = Vec::new();
    let Some(resources) = template.get("Resources").and_then(Json::as_object) else {
        return found;
    };
    for (logical_id, resource) in resources {
        let properties = resource.get("Properties").unwrap_or(&Json::Null);
        match resource.get("Type").and_then(Json::as_str) {
            Some("AWS::EC2::SecurityGroupIngress") => {
                let group = properties
                    .get("GroupId")
                    .or_else(|| properties.get("GroupName"))
                    .map_or_else(String::new, group_key);
                found.extend(ingress(logical_id, group, properties));
            }
            Some("AWS::EC2::SecurityGroup") => {
                if let Some(Json::Array(rules)) = properties.get("SecurityGroupIngress") {
                    for rule in rules {
                        found.extend(ingress(logical_id, format!("group:{logical_id}"), rule));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A group reference as a key that `Ref` and `Fn::GetAtt ... GroupId` share.
fn group_key(value: &Json) -> String {
    if let Some(name) = value.get("Ref").and_then(Json::as_str) {
        return format!("group:{name}");
    }
    if let Some(Json::Array(parts)) = value.get("Fn::GetAtt")
        && let [Json::String(name), Json::String(attribute)] = parts.as_slice()
        && attribute == "GroupId"
    {
        return format!("group:{name}");
    }
    value.to_string()
}

fn ingress(logical_id: &str, group: String, rule: &Json) -> Option<Ingress> {
    let cidr = rule.get("CidrIp").or_else(|| rule.get("CidrIpv6"))?.clone();
    let port = |name: &str| {
        rule.get(name)
            .and_then(|value| {
                value
                    .as_i64()
                    .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
            })
            .unwrap_or(-1)
    };
    let protocol = rule
        .get("IpProtocol")
        .map_or_else(|| "-1".to_owned(), compact);
    Some(Ingress {
        logical_id: logical_id.to_owned(),
        group,
        protocol,
        from_port: port("FromPort"),
        to_port: port("ToPort"),
        cidr,
    })
}

/// An IPv4 CIDR as (network, prefix length).
fn ipv4_cidr(value: &Json) -> Option<(u32, u32)> {
    let (address, prefix) = value.as_str()?.split_once('/')?;
    let address: Ipv4Addr = address.parse().ok()?;
    let prefix: u32 = prefix.parse().ok().filter(|prefix| *prefix <= 32)?;
    Some((u32::from(address), prefix))
}

fn mask(prefix: u32) -> u32 {
    if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    }
}

/// Whether `outer` admits every address `inner` admits. Values that are not literal IPv4 CIDRs
/// (parameters, IPv6) contain only themselves, and `::/0` contains every IPv6 CIDR.
fn cidr_contains(outer: &Json, inner: &Json) -> bool {
    if outer == inner {
        return true;
    }
    match (ipv4_cidr(outer), ipv4_cidr(inner)) {
        (Some((outer_net, outer_len)), Some((inner_net, inner_len))) => {
            outer_len <= inner_len && (outer_net & mask(outer_len)) == (inner_net & mask(outer_len))
        }
        _ => {
            outer.as_str() == Some("::/0") && inner.as_str().is_some_and(|cidr| cidr.contains(':'))
        }
    }
}

fn is_anywhere(cidr: &Json) -> bool {
    matches!(cidr.as_str(), Some("0.0.0.0/0" | "::/0"))
}

/// Whether a literal IPv4 CIDR reaches beyond the private ranges (RFC 1918 and the shared range
/// of RFC 6598). Other values are not judged public.
fn is_public(cidr: &Json) -> bool {
    let Some((network, length)) = ipv4_cidr(cidr) else {
        return false;
    };
    let private: [(u32, u32); 4] = [
        (u32::from(Ipv4Addr::new(10, 0, 0, 0)), 8),
        (u32::from(Ipv4Addr::new(172, 16, 0, 0)), 12),
        (u32::from(Ipv4Addr::new(192, 168, 0, 0)), 16),
        (u32::from(Ipv4Addr::new(100, 64, 0, 0)), 10),
    ];
    !private.iter().any(|(private_net, private_len)| {
        *private_len <= length && (network & mask(*private_len)) == *private_net
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn cidrs_contain_and_are_public() {
        assert!(cidr_contains(&json!("0.0.0.0/0"), &json!("10.0.0.0/8")));
        assert!(cidr_contains(&json!("10.0.0.0/8"), &json!("10.1.0.0/16")));
        assert!(!cidr_contains(&json!("10.1.0.0/16"), &json!("10.0.0.0/8")));
        assert!(!cidr_contains(
            &json!("10.0.0.0/8"),
            &json!("192.168.0.0/16")
        ));
        assert!(is_public(&json!("0.0.0.0/0")));
        assert!(is_public(&json!("203.0.113.0/24")));
        assert!(!is_public(&json!("10.20.0.0/16")));
        assert!(!is_public(&json!({"Ref": "Cidr"})));
    }

    #[test]
    fn widened_ingress_is_found_across_logical_ids() {
        let rule = |id: &str, cidr: &str| {
            json!({"Resources": {
                "Group": {"Type": "AWS::EC2::SecurityGroup", "Properties": {}},
                id: {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
                    "GroupId": {"Fn::GetAtt": ["Group", "GroupId"]},
                    "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": cidr
                }}
            }})
        };
        let before = rule("FromOffice", "10.0.0.0/8");
        let after = rule("FromAnywhere", "0.0.0.0/0");
        let findings = ingress_findings(Some(&before), &after);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].0, "FromAnywhere");
        assert_eq!(
            findings[0].1.message,
            "ingress on tcp 443 widened from 10.0.0.0/8 to 0.0.0.0/0"
        );
        assert!(ingress_findings(Some(&after), &before).is_empty());
        assert!(ingress_findings(None, &before).is_empty());
        assert_eq!(ingress_findings(None, &after).len(), 1);
    }

    #[test]
    fn iam_widening() {
        let policy = |actions: Json, resource: &str| {
            json!({"PolicyDocument": {"Statement": [
                {"Effect": "Allow", "Action": actions, "Resource": resource}
            ]}})
        };
        let mut findings = Vec::new();
        iam_findings(
            &policy(json!(["s3:GetObject"]), "arn:aws:s3:::b/*"),
            &policy(json!(["s3:GetObject", "s3:PutObject", "kms:*"]), "*"),
            &mut findings,
        );
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "policy allows wildcard actions: kms:*",
                "policy allows new actions: s3:PutObject",
                "policy allows every resource (`*`)",
            ]
        );
    }
}
