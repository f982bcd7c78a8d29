//! Identities of planned resources and deployment units.

use std::fmt;

/// How the global unit is written where units are named by region: `global`.
pub const GLOBAL_UNIT: &str = "global";

/// A planned resource's identity in both targets: its CloudFormation logical ID (the same in
/// every region's template) and its Terraform resource name (unique across the one module that
/// holds all regions).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rid {
    /// CloudFormation logical ID, e.g. `ApiTaskDefinition`.
    pub logical: String,
    /// Terraform resource name, e.g. `api_task_definition_us_east_1`.
    pub tf: String,
}

/// One deployment unit: a CloudFormation stack, and the set of Terraform resources that
/// correspond to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitId {
    /// A region's storage stack: its data key and buckets. Deployed before everything else so
    /// that replication destinations and replica keys exist when they are referenced.
    Storage(String),
    /// A region's application stack: network, load balancer, services, database, cache,
    /// alarms.
    Region(String),
    /// Global resources: DNS, health checks, CDN, cross-region dashboards and alarms.
    Global,
}

impl UnitId {
    /// The region the unit deploys to, for regional units.
    pub fn region(&self) -> Option<&str> {
        match self {
            Self::Storage(region) | Self::Region(region) => Some(region),
            Self::Global => None,
        }
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Storage(region) => write!(f, "{region}-storage"),
            Self::Region(region) => f.write_str(region),
            Self::Global => f.write_str(GLOBAL_UNIT),
        }
    }
}
