//! The CloudFormation L1 layer: typed templates, intrinsic values and one module of resource types per
//! AWS service. It decides nothing (no defaults, no names, no topology); it only types and serializes.
//!
//! Field names are Rust-cased and renamed to CloudFormation's wire names; optional properties are
//! `Option` and omitted when `None`; list properties are omitted when empty. Each resource's properties
//! struct implements [`ResourceProperties`], whose `TYPE` is the CloudFormation type name, and converts
//! into [`ResourceKind`] so that a [`Template`] can hold any of them.
//!
//! ```
//! use meridian_cfn::l1::{ec2, Resource, Template, Value};
//!
//! let mut template = Template::new("orders service, us-east-1");
//! let vpc = ec2::Vpc {
//!     cidr_block: Some("10.10.0.0/16".into()),
//!     enable_dns_support: Some(true.into()),
//!     ..ec2::Vpc::default()
//! };
//! template.add_resource("Vpc", Resource::new(vpc)).expect("first use of the id");
//! let route_table = ec2::RouteTable::new(Value::r#ref("Vpc"));
//! template.add_resource("PublicRouteTable", Resource::new(route_table)).expect("first use of the id");
//! let json = template.to_json_pretty().expect("templates always serialize");
//! assert!(json.ends_with("}\n"));
//! ```

use serde::{Serialize, Serializer};

pub mod autoscaling;
pub mod cloudfront;
pub mod cloudwatch;
pub mod ec2;
pub mod ecs;
pub mod elasticache;
pub mod elbv2;
pub mod iam;
pub mod kms;
pub mod logs;
pub mod policy;
pub mod rds;
pub mod route53;
pub mod s3;
pub mod secretsmanager;
pub mod sns;
pub mod template;
pub mod value;
pub mod wafv2;

pub use policy::{Effect, OneOrMany, PolicyConditions, PolicyDocument, Principal, Statement};
pub use template::{
    DeletionPolicy, DuplicateLogicalId, Export, Output, Parameter, ParameterType, Resource,
    Template, TemplateSection, UpdateReplacePolicy,
};
pub use value::{
    ConditionExpression, GetAtt, GetStackOutput, ListValue, PseudoParameter, Reference, Value,
};

/// The properties of one CloudFormation resource type.
pub trait ResourceProperties: Serialize {
    /// The CloudFormation type name, such as `AWS::EC2::VPC`.
    const TYPE: &'static str;
}

/// A resource tag: `{"Key": ..., "Value": ...}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    pub value: Value<String>,
}

impl Tag {
    pub fn new(key: impl Into<String>, value: impl Into<Value<String>>) -> Self {
        Tag {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// Declares [`ResourceKind`] with one variant per typed resource, its `From` conversions and the list
/// of every type name, so the list of supported types is written once.
macro_rules! resource_kinds {
    ($($variant:ident($properties:ty),)*) => {
        /// The properties of any resource type this layer knows, so a [`Template`] can hold them all
        /// without trait objects. Variants are boxed because property structs differ widely in size.
        #[derive(Debug, Clone, PartialEq)]
        pub enum ResourceKind {
            $($variant(Box<$properties>),)*
        }

        impl ResourceKind {
            /// Every CloudFormation type name this layer can emit.
            pub const ALL_TYPE_NAMES: &'static [&'static str] =
                &[$(<$properties as ResourceProperties>::TYPE,)*];

            /// The CloudFormation type name of these properties.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(ResourceKind::$variant(_) => <$properties as ResourceProperties>::TYPE,)*
                }
            }
        }

        impl Serialize for ResourceKind {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(ResourceKind::$variant(properties) => properties.serialize(serializer),)*
                }
            }
        }

        $(
            impl From<$properties> for ResourceKind {
                fn from(properties: $properties) -> Self {
                    ResourceKind::$variant(Box::new(properties))
                }
            }
        )*
    };
}

resource_kinds! {
    Ec2Vpc(ec2::Vpc),
    Ec2InternetGateway(ec2::InternetGateway),
    Ec2VpcGatewayAttachment(ec2::VpcGatewayAttachment),
    Ec2Subnet(ec2::Subnet),
    Ec2RouteTable(ec2::RouteTable),
    Ec2Route(ec2::Route),
    Ec2SubnetRouteTableAssociation(ec2::SubnetRouteTableAssociation),
    Ec2Eip(ec2::Eip),
    Ec2NatGateway(ec2::NatGateway),
    Ec2SecurityGroup(ec2::SecurityGroup),
    Ec2SecurityGroupIngress(ec2::SecurityGroupIngress),
    Ec2SecurityGroupEgress(ec2::SecurityGroupEgress),
    Ec2FlowLog(ec2::FlowLog),
    Elbv2LoadBalancer(elbv2::LoadBalancer),
    Elbv2Listener(elbv2::Listener),
    Elbv2ListenerRule(elbv2::ListenerRule),
    Elbv2TargetGroup(elbv2::TargetGroup),
    EcsCluster(ecs::Cluster),
    EcsTaskDefinition(ecs::TaskDefinition),
    EcsService(ecs::Service),
    IamRole(iam::Role),
    IamPolicy(iam::Policy),
    LogsLogGroup(logs::LogGroup),
    AutoscalingScalableTarget(autoscaling::ScalableTarget),
    AutoscalingScalingPolicy(autoscaling::ScalingPolicy),
    RdsDbInstance(rds::DbInstance),
    RdsDbSubnetGroup(rds::DbSubnetGroup),
    RdsDbParameterGroup(rds::DbParameterGroup),
    KmsKey(kms::Key),
    KmsAlias(kms::Alias),
    SecretsManagerSecret(secretsmanager::Secret),
    SecretsManagerSecretTargetAttachment(secretsmanager::SecretTargetAttachment),
    SecretsManagerRotationSchedule(secretsmanager::RotationSchedule),
    ElastiCacheReplicationGroup(elasticache::ReplicationGroup),
    ElastiCacheSubnetGroup(elasticache::SubnetGroup),
    ElastiCacheGlobalReplicationGroup(elasticache::GlobalReplicationGroup),
    ElastiCacheParameterGroup(elasticache::ParameterGroup),
    S3Bucket(s3::Bucket),
    S3BucketPolicy(s3::BucketPolicy),
    Route53HealthCheck(route53::HealthCheck),
    Route53RecordSet(route53::RecordSet),
    Route53RecordSetGroup(route53::RecordSetGroup),
    CloudFrontDistribution(cloudfront::Distribution),
    CloudFrontOriginAccessControl(cloudfront::OriginAccessControl),
    CloudWatchAlarm(cloudwatch::Alarm),
    CloudWatchCompositeAlarm(cloudwatch::CompositeAlarm),
    CloudWatchDashboard(cloudwatch::Dashboard),
    SnsTopic(sns::Topic),
    SnsSubscription(sns::Subscription),
    SnsTopicPolicy(sns::TopicPolicy),
    Wafv2WebAcl(wafv2::WebAcl),
    Wafv2WebAclAssociation(wafv2::WebAclAssociation),
}
