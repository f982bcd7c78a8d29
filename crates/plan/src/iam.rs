//! Who assumes each kind of role Meridian creates, and what AWS grants it beyond the plan's own
//! statements. Both emitters build their trust policies and managed-policy attachments from
//! here, so a role cannot be trusted differently in CloudFormation and Terraform.

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
        }
    }

    /// Whether the trust policy also requires `aws:SourceAccount` to be this account. Set where
    /// the service documents that condition against the confused-deputy problem for this role;
    /// ECS documents it for task roles only, and a condition the service does not send would
    /// make the role impossible to assume, which no linter notices.
    pub fn requires_source_account(self) -> bool {
        match self {
            Self::Task | Self::FlowLogs | Self::EnhancedMonitoring => true,
            Self::TaskExecution | Self::BucketReplication | Self::EcsInfrastructure => false,
        }
    }

    /// The AWS managed policy attached to the role, as `path/name` under
    /// `arn:<partition>:iam::aws:policy/`; roles whose grants are all the plan's own have none.
    pub fn managed_policy(self) -> Option<&'static str> {
        match self {
            Self::TaskExecution => Some("service-role/AmazonECSTaskExecutionRolePolicy"),
            Self::EnhancedMonitoring => Some("service-role/AmazonRDSEnhancedMonitoringRole"),
            Self::EcsInfrastructure => Some("AmazonECSInfrastructureRolePolicyForLoadBalancers"),
            Self::Task | Self::FlowLogs | Self::BucketReplication => None,
        }
    }
}
