//! Who assumes each kind of role Meridian creates, and what AWS grants it beyond the plan's own
//! statements; the resource policies of keys and topics. Both emitters build their trust policies
//! and managed-policy attachments from here, so a role cannot be trusted differently in
//! CloudFormation and Terraform.

use crate::ids::Rid;
use crate::types::{Condition, Principal, Statement};
use crate::value::{Attr, Part, Text};

/// Why a role exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RolePurpose {
    /// ECS pulls the image, writes logs and reads secrets as this role.
    TaskExecution,
    /// The application's own role.
    Task,
    /// VPC flow logs write to CloudWatch Logs as this role.
    FlowLogs,
    /// RDS enhanced monitoring publishes OS metrics as this role.
    EnhancedMonitoring,
    /// S3 replicates objects to the destination buckets as this role.
    BucketReplication,
    /// ECS moves listener-rule weights during a blue/green deployment as this role.
    EcsInfrastructure,
    /// A Step Functions state machine calls AWS APIs as this role.
    StateMachine,
    /// EventBridge delivers a rule's events to its targets (a state machine, another region's
    /// bus) as this role.
    EventDelivery,
}

impl RolePurpose {
    /// The service principal that assumes the role.
    pub fn service(self) -> &'static str {
        match self {
            Self::TaskExecution | Self::Task => "ecs-tasks.amazonaws.com",
            Self::FlowLogs => "vpc-flow-logs.amazonaws.com",
            Self::EnhancedMonitoring => "monitoring.rds.amazonaws.com",
            Self::BucketReplication => "s3.amazonaws.com",
            Self::EcsInfrastructure => "ecs.amazonaws.com",
            Self::StateMachine => "states.amazonaws.com",
            Self::EventDelivery => "events.amazonaws.com",
        }
    }

    /// Whether the trust policy also requires `aws:SourceAccount` to be this account. Set where
    /// the service documents that condition against the confused-deputy problem for this role;
    /// ECS documents it for task roles only, and a condition the service does not send would
    /// make the role impossible to assume, which no linter notices.
    pub fn requires_source_account(self) -> bool {
        match self {
            Self::Task | Self::FlowLogs | Self::EnhancedMonitoring => true,
            Self::TaskExecution
            | Self::BucketReplication
            | Self::EcsInfrastructure
            | Self::StateMachine
            | Self::EventDelivery => false,
        }
    }

    /// The AWS managed policy attached to the role, as `path/name` under
    /// `arn:<partition>:iam::aws:policy/`; roles whose grants are all the plan's own have none.
    pub fn managed_policy(self) -> Option<&'static str> {
        match self {
            Self::TaskExecution => Some("service-role/AmazonECSTaskExecutionRolePolicy"),
            Self::EnhancedMonitoring => Some("service-role/AmazonRDSEnhancedMonitoringRole"),
            Self::EcsInfrastructure => Some("AmazonECSInfrastructureRolePolicyForLoadBalancers"),
            Self::Task
            | Self::FlowLogs
            | Self::BucketReplication
            | Self::StateMachine
            | Self::EventDelivery => None,
        }
    }

    /// The ARN of [`Self::managed_policy`] in the deployment's partition.
    pub fn managed_policy_arn(self) -> Option<Text> {
        self.managed_policy().map(|path| {
            Text::from_parts(vec![
                Part::Lit("arn:".to_owned()),
                Part::Partition,
                Part::Lit(format!(":iam::aws:policy/{path}")),
            ])
        })
    }
}

/// The action a trust policy lets the service principal take.
pub const ASSUME_ROLE_ACTION: &str = "sts:AssumeRole";
/// The condition operator and key of a trust policy that confines the service to this account
/// (see [`RolePurpose::requires_source_account`]); its value is the account ID.
pub const SOURCE_ACCOUNT_CONDITION: (&str, &str) = ("StringEquals", "aws:SourceAccount");

/// A service principal a key policy lets use the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyGrant {
    /// CloudWatch Logs in the key's region, for encrypted log groups.
    CloudWatchLogs,
    /// CloudWatch alarms publishing to encrypted SNS topics.
    CloudWatchAlarms,
}

/// The service principal of CloudWatch alarms.
const CLOUDWATCH_PRINCIPAL: &str = "cloudwatch.amazonaws.com";

/// The policy of a customer-managed key in `region`: the account administers the key through IAM
/// (as the AWS default key policy does), and each granted service may use it.
pub fn key_policy(region: &str, grants: &[KeyGrant]) -> Vec<Statement> {
    let mut statements = vec![Statement {
        sid: "AccountAdministers".to_owned(),
        allow: true,
        principal: Some(Principal::Aws(account_root())),
        actions: vec!["kms:*".to_owned()],
        resources: vec![Text::lit("*")],
        conditions: Vec::new(),
    }];
    statements.extend(grants.iter().map(|grant| {
        match grant {
            // CloudWatch Logs encrypts with the key in its own region, and names the log group in the
            // encryption context, which confines the grant to this account's log groups.
            KeyGrant::CloudWatchLogs => Statement {
                sid: "CloudWatchLogsEncryptLogGroups".to_owned(),
                allow: true,
                principal: Some(Principal::Service(Text::from_parts(vec![
                    Part::Lit("logs.".to_owned()),
                    Part::Region(region.to_owned()),
                    Part::Lit(".".to_owned()),
                    Part::UrlSuffix,
                ]))),
                actions: [
                    "kms:Decrypt*",
                    "kms:Describe*",
                    "kms:Encrypt*",
                    "kms:GenerateDataKey*",
                    "kms:ReEncrypt*",
                ]
                .map(str::to_owned)
                .to_vec(),
                resources: vec![Text::lit("*")],
                conditions: vec![Condition {
                    operator: "ArnLike".to_owned(),
                    key: "kms:EncryptionContext:aws:logs:arn".to_owned(),
                    values: vec![regional_arn(region, "logs", "log-group:*")],
                }],
            },
            // CloudWatch alarms publish to encrypted topics as the CloudWatch service.
            KeyGrant::CloudWatchAlarms => Statement {
                sid: "CloudWatchAlarmsPublishToTopics".to_owned(),
                allow: true,
                principal: Some(Principal::Service(Text::lit(CLOUDWATCH_PRINCIPAL))),
                actions: vec!["kms:Decrypt".to_owned(), "kms:GenerateDataKey*".to_owned()],
                resources: vec![Text::lit("*")],
                conditions: Vec::new(),
            },
        }
    }));
    statements
}

/// The policy of an SNS topic in `region` that CloudWatch alarms of this account and region
/// publish to; nobody may publish without TLS.
pub fn topic_policy(region: &str, topic: &Rid) -> Vec<Statement> {
    let topic_arn = Text::attr(topic, Attr::TopicArn);
    vec![
        Statement {
            sid: "CloudWatchAlarmsPublish".to_owned(),
            allow: true,
            principal: Some(Principal::Service(Text::lit(CLOUDWATCH_PRINCIPAL))),
            actions: vec!["sns:Publish".to_owned()],
            resources: vec![topic_arn.clone()],
            conditions: vec![
                Condition {
                    operator: SOURCE_ACCOUNT_CONDITION.0.to_owned(),
                    key: SOURCE_ACCOUNT_CONDITION.1.to_owned(),
                    values: vec![Text::from_parts(vec![Part::AccountId])],
                },
                Condition {
                    operator: "ArnLike".to_owned(),
                    key: "aws:SourceArn".to_owned(),
                    values: vec![regional_arn(region, "cloudwatch", "alarm:*")],
                },
            ],
        },
        deny_insecure_transport("sns:Publish", vec![topic_arn]),
    ]
}

/// Denies `action` on `resources` to requests without TLS.
pub fn deny_insecure_transport(action: &str, resources: Vec<Text>) -> Statement {
    Statement {
        sid: "DenyInsecureTransport".to_owned(),
        allow: false,
        principal: Some(Principal::Everyone),
        actions: vec![action.to_owned()],
        resources,
        conditions: vec![Condition {
            operator: "Bool".to_owned(),
            key: "aws:SecureTransport".to_owned(),
            values: vec![Text::lit("false")],
        }],
    }
}

/// `arn:<partition>:iam::<account>:root`: the account, as a principal.
fn account_root() -> Text {
    Text::from_parts(vec![
        Part::Lit("arn:".to_owned()),
        Part::Partition,
        Part::Lit(":iam::".to_owned()),
        Part::AccountId,
        Part::Lit(":root".to_owned()),
    ])
}

/// `arn:<partition>:<service>:<region>:<account>:<resource>`.
pub fn regional_arn(region: &str, service: &str, resource: &str) -> Text {
    Text::from_parts(vec![
        Part::Lit("arn:".to_owned()),
        Part::Partition,
        Part::Lit(format!(":{service}:")),
        Part::Region(region.to_owned()),
        Part::Lit(":".to_owned()),
        Part::AccountId,
        Part::Lit(format!(":{resource}")),
    ])
}
