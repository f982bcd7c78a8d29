//! Deploy-time values: a plan [`Text`] becomes a literal, a reference, a template, or a string leaf of a JSON
//! document. Parameters are variables (`var.x`, or `var.x["<region>"]` for per-region parameters), pseudo
//! values come from the `aws_caller_identity` and `aws_partition` data sources, and attributes (in the same
//! unit or imported from another) are references to the producing resource. It decides no value.

use meridian_plan::bug;
use meridian_plan::{Attr, AttrRef, Import, ParamUse, Part, Text};

use super::Lowerer;
use crate::l1::{
    CloudfrontDistribution, CloudfrontOriginAccessControl, CloudwatchLogGroup,
    CloudwatchMetricAlarm, DbInstance, DbParameterGroup, DbSubnetGroup, EcsCluster, EcsService,
    ElasticacheGlobalReplicationGroup, ElasticacheReplicationGroup, ElasticacheSubnetGroup,
    Expression, Function, FunctionCall, GlobalacceleratorAccelerator, GlobalacceleratorListener,
    IamRole, JsonDocument, KmsKey, Lb, LbListener, LbListenerRule, LbTargetGroup, List, Reference,
    ResourceRef, Route53HealthCheck, RouteTable, S3Bucket, SecretsmanagerSecret, SecurityGroup,
    SfnStateMachine, SnsTopic, SsmParameter, Subnet, Template, Value, Vpc, VpcPeeringConnection,
    Wafv2WebAcl,
};

/// The key of a per-region parameter used by the global unit (which has no region of its own); the plan
/// lists such uses as `global` in [`meridian_plan::Parameter::regions`].
pub(crate) const GLOBAL_PARAMETER_KEY: &str = meridian_plan::ids::GLOBAL_UNIT;

/// A regular expression matching the last `:`-separated part of an ARN.
const LAST_ARN_PART: &str = "[^:]+$";

/// One piece of a lowered value.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    Text(String),
    Reference(Reference),
    Call(FunctionCall),
}

impl Lowerer<'_> {
    /// `text` as the value of a string argument.
    pub fn value(&self, text: &Text) -> Value<String> {
        let pieces = merge_text(self.pieces(text));
        match pieces.as_slice() {
            [] => Value::from(""),
            [Piece::Text(literal)] => Value::from(literal.clone()),
            [Piece::Reference(reference)] => Value::from(reference.clone()),
            _ => Value::from(template_of(pieces)),
        }
    }

    /// `text` as a template (for building longer strings around it).
    pub fn template(&self, text: &Text) -> Template {
        template_of(self.pieces(text))
    }

    /// `text` as a string leaf of a JSON document (a policy, container definitions, a dashboard body).
    pub fn json(&self, text: &Text) -> JsonDocument {
        JsonDocument::String(self.template(text))
    }

    /// Several texts as a list argument.
    pub fn values(&self, texts: &[Text]) -> Value<List<String>> {
        texts.iter().map(|text| self.value(text)).collect()
    }

    /// The pieces of `text`.
    pub fn pieces(&self, text: &Text) -> Vec<Piece> {
        text.parts()
            .iter()
            .flat_map(|part| self.part(part))
            .collect()
    }

    fn part(&self, part: &Part) -> Vec<Piece> {
        match part {
            Part::Lit(literal) => vec![Piece::Text(literal.clone())],
            Part::Param(use_) => vec![Piece::Reference(self.parameter_reference(use_))],
            Part::AccountId => vec![Piece::Reference(self.caller.account_id())],
            Part::Partition => vec![Piece::Reference(self.partition.partition())],
            Part::UrlSuffix => vec![Piece::Reference(self.partition.dns_suffix())],
            // One module holds every region: the unit's region is written out.
            Part::Region(region) => vec![Piece::Text(region.clone())],
            Part::Attr(reference) => attribute_pieces(reference),
            // One module holds every unit, so another unit's output is a plain reference to the resource
            // that produces it.
            Part::Import(import) => {
                let Import {
                    unit: _,
                    stack_name: _,
                    region: _,
                    output: _,
                    source,
                } = &**import;
                attribute_pieces(source)
            }
        }
    }

    /// `var.x`, or `var.x["<region>"]` for a parameter that takes one value per region.
    fn parameter_reference(&self, use_: &ParamUse) -> Reference {
        let ParamUse { name, region } = use_;
        let declared = self.variables.get(name).unwrap_or_else(|| {
            bug(format_args!(
                "parameter `{name}` is used but is not in Plan::parameters"
            ))
        });
        let reference = declared.variable.reference();
        if declared.per_region {
            reference.key(region.as_deref().unwrap_or(GLOBAL_PARAMETER_KEY))
        } else {
            reference
        }
    }

    /// Whether `text` uses a sensitive parameter.
    pub fn is_sensitive(&self, text: &Text) -> bool {
        text.params().any(|use_| {
            self.variables
                .get(&use_.name)
                .is_some_and(|declared| declared.sensitive)
        })
    }
}

/// The pieces of an attribute reference. The resource type is implied by the attribute (see [`Attr`]).
fn attribute_pieces(reference: &AttrRef) -> Vec<Piece> {
    let AttrRef { resource, attr } = reference;
    let name = resource.tf.as_str();
    let reference = match attr {
        Attr::VpcId => ResourceRef::<Vpc>::planned(name).id(),
        Attr::SubnetId => ResourceRef::<Subnet>::planned(name).id(),
        Attr::RouteTableId => ResourceRef::<RouteTable>::planned(name).id(),
        Attr::PeeringConnectionId => ResourceRef::<VpcPeeringConnection>::planned(name).id(),
        Attr::SecurityGroupId => ResourceRef::<SecurityGroup>::planned(name).id(),
        Attr::LoadBalancerArn => ResourceRef::<Lb>::planned(name).arn(),
        Attr::LoadBalancerDnsName => ResourceRef::<Lb>::planned(name).dns_name(),
        Attr::LoadBalancerZoneId => ResourceRef::<Lb>::planned(name).zone_id(),
        // `app/<name>/<id>`, which the provider calls the ARN suffix.
        Attr::LoadBalancerFullName => ResourceRef::<Lb>::planned(name).arn_suffix(),
        Attr::TargetGroupArn => ResourceRef::<LbTargetGroup>::planned(name).arn(),
        Attr::TargetGroupFullName => ResourceRef::<LbTargetGroup>::planned(name).arn_suffix(),
        Attr::ListenerArn => ResourceRef::<LbListener>::planned(name).arn(),
        Attr::ListenerRuleArn => ResourceRef::<LbListenerRule>::planned(name).arn(),
        Attr::ClusterName => ResourceRef::<EcsCluster>::planned(name).name(),
        Attr::ClusterArn => ResourceRef::<EcsCluster>::planned(name).arn(),
        Attr::ServiceName => ResourceRef::<EcsService>::planned(name).name(),
        Attr::RoleArn => ResourceRef::<IamRole>::planned(name).arn(),
        Attr::LogGroupName => ResourceRef::<CloudwatchLogGroup>::planned(name).name(),
        // CloudFormation's log group `Arn` ends in `:*` (it covers the group's streams); the provider's `arn`
        // does not, so the suffix is added to mean the same thing, for example in IAM statements.
        Attr::LogGroupArn => {
            return vec![
                Piece::Reference(ResourceRef::<CloudwatchLogGroup>::planned(name).arn()),
                Piece::Text(":*".to_owned()),
            ];
        }
        Attr::DbInstanceId => ResourceRef::<DbInstance>::planned(name).identifier(),
        Attr::DbInstanceArn => ResourceRef::<DbInstance>::planned(name).arn(),
        Attr::DbAddress => ResourceRef::<DbInstance>::planned(name).address(),
        Attr::DbPort => ResourceRef::<DbInstance>::planned(name).port(),
        Attr::DbSubnetGroupName => ResourceRef::<DbSubnetGroup>::planned(name).name(),
        Attr::DbParameterGroupName => ResourceRef::<DbParameterGroup>::planned(name).name(),
        Attr::SecretArn => ResourceRef::<SecretsmanagerSecret>::planned(name).arn(),
        // No attribute holds `name-AbCdEf`; it is the last `:`-separated part of the secret's ARN.
        Attr::SecretNameWithSuffix => {
            return vec![Piece::Call(FunctionCall::new(
                Function::Regex,
                [
                    Expression::from(LAST_ARN_PART),
                    Expression::from(ResourceRef::<SecretsmanagerSecret>::planned(name).arn()),
                ],
            ))];
        }
        Attr::KeyArn => ResourceRef::<KmsKey>::planned(name).arn(),
        Attr::KeyId => ResourceRef::<KmsKey>::planned(name).key_id(),
        Attr::CacheReplicationGroupId => {
            ResourceRef::<ElasticacheReplicationGroup>::planned(name).id()
        }
        Attr::CacheConfigurationEndpoint => {
            ResourceRef::<ElasticacheReplicationGroup>::planned(name)
                .configuration_endpoint_address()
        }
        Attr::CachePrimaryEndpoint => {
            ResourceRef::<ElasticacheReplicationGroup>::planned(name).primary_endpoint_address()
        }
        Attr::CacheSubnetGroupName => ResourceRef::<ElasticacheSubnetGroup>::planned(name).name(),
        Attr::GlobalReplicationGroupId => {
            ResourceRef::<ElasticacheGlobalReplicationGroup>::planned(name)
                .global_replication_group_id()
        }
        Attr::BucketName => ResourceRef::<S3Bucket>::planned(name).bucket(),
        Attr::BucketArn => ResourceRef::<S3Bucket>::planned(name).arn(),
        Attr::BucketRegionalDomainName => {
            ResourceRef::<S3Bucket>::planned(name).bucket_regional_domain_name()
        }
        Attr::TopicArn => ResourceRef::<SnsTopic>::planned(name).arn(),
        Attr::AlarmName => ResourceRef::<CloudwatchMetricAlarm>::planned(name).alarm_name(),
        Attr::AlarmArn => ResourceRef::<CloudwatchMetricAlarm>::planned(name).arn(),
        Attr::HealthCheckId => ResourceRef::<Route53HealthCheck>::planned(name).id(),
        Attr::DistributionId => ResourceRef::<CloudfrontDistribution>::planned(name).id(),
        Attr::DistributionArn => ResourceRef::<CloudfrontDistribution>::planned(name).arn(),
        Attr::DistributionDomainName => {
            ResourceRef::<CloudfrontDistribution>::planned(name).domain_name()
        }
        Attr::OriginAccessControlId => {
            ResourceRef::<CloudfrontOriginAccessControl>::planned(name).id()
        }
        Attr::WebAclArn => ResourceRef::<Wafv2WebAcl>::planned(name).arn(),
        Attr::SsmParameterName => ResourceRef::<SsmParameter>::planned(name).name(),
        Attr::StateMachineArn => ResourceRef::<SfnStateMachine>::planned(name).arn(),
        Attr::AcceleratorArn => ResourceRef::<GlobalacceleratorAccelerator>::planned(name).arn(),
        Attr::AcceleratorDnsName => {
            ResourceRef::<GlobalacceleratorAccelerator>::planned(name).dns_name()
        }
        Attr::AcceleratorListenerArn => {
            ResourceRef::<GlobalacceleratorListener>::planned(name).arn()
        }
    };
    vec![Piece::Reference(reference)]
}

/// Adjacent literal pieces as one.
fn merge_text(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut merged: Vec<Piece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (merged.last_mut(), piece) {
            (_, Piece::Text(text)) if text.is_empty() => {}
            (Some(Piece::Text(previous)), Piece::Text(text)) => previous.push_str(&text),
            (_, piece) => merged.push(piece),
        }
    }
    merged
}

fn template_of(pieces: Vec<Piece>) -> Template {
    let mut template = Template::new();
    for piece in merge_text(pieces) {
        match piece {
            Piece::Text(text) => template.push_text(text),
            Piece::Reference(reference) => template.push_reference(reference),
            Piece::Call(call) => template.push_call(call),
        }
    }
    template
}

/// The single reference `text` consists of, if it is one (to name the resource behind a value).
pub(crate) fn single_attribute(text: &Text) -> Option<&AttrRef> {
    match text.parts() {
        [Part::Attr(reference)] => Some(reference),
        [Part::Import(import)] => Some(&import.source),
        _ => None,
    }
}
