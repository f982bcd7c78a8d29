//! Identities of planned resources and deployment units, and the strings with rules the plan
//! keeps apart from free text: region codes and logical IDs.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// How the global unit is written where units are named by region: `global`.
pub const GLOBAL_UNIT: &str = "global";
/// Name of the accelerator unit in stack names, Terraform names and messages.
pub const ACCELERATOR_UNIT: &str = "accelerator";

/// A planned resource's identity in both targets: its CloudFormation logical ID (the same in
/// every region's template) and its Terraform resource name (unique across the one module that
/// holds all regions).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rid {
    /// CloudFormation logical ID, e.g. `ApiTaskDefinition`.
    pub logical: LogicalId,
    /// Terraform resource name, e.g. `api_task_definition_us_east_1`.
    pub tf: String,
}

/// One deployment unit: a CloudFormation stack, and the set of Terraform resources that
/// correspond to it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitId {
    /// A region's storage stack: its data key and buckets. Deployed before everything else so
    /// that replication destinations and replica keys exist when they are referenced.
    Storage(RegionCode),
    /// A region's application stack: network, load balancer, services, database, cache,
    /// alarms.
    Region(RegionCode),
    /// A region's routes to the VPC peerings that units deploying after its own request:
    /// deployed after every application unit, before the global unit.
    Links(RegionCode),
    /// Global resources: DNS, health checks, CDN, cross-region dashboards and alarms.
    Global,
    /// The Global Accelerator, deployed to the region of Global Accelerator's control plane
    /// (us-west-2) after every application unit, whose load balancers it fronts.
    Accelerator,
}

impl UnitId {
    /// The region the unit deploys to, for regional units.
    pub fn region(&self) -> Option<&RegionCode> {
        match self {
            Self::Storage(region) | Self::Region(region) | Self::Links(region) => Some(region),
            Self::Global | Self::Accelerator => None,
        }
    }
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Storage(region) => write!(f, "{region}-storage"),
            Self::Region(region) => f.write_str(region),
            Self::Links(region) => write!(f, "{region}-links"),
            Self::Global => f.write_str(GLOBAL_UNIT),
            Self::Accelerator => f.write_str(ACCELERATOR_UNIT),
        }
    }
}

/// Implements what a string newtype shares: reading it as `&str` everywhere a string is read
/// (`Deref`, `AsRef`, `Borrow` for map look-ups, `Display`), comparing it with strings, and
/// building it from one.
macro_rules! string_newtype {
    ($name:ident) => {
        impl $name {
            /// Wraps `value`; the rules are the type's, and the resolver checks them.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The string.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&$name> for $name {
            fn from(value: &$name) -> Self {
                value.clone()
            }
        }

        impl From<&String> for $name {
            fn from(value: &String) -> Self {
                Self(value.clone())
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

/// An AWS region code such as `eu-west-1`: one of [`crate::aws::REGIONS`] (E101 reports any
/// other), which gives its partition.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode(String);

string_newtype!(RegionCode);

impl RegionCode {
    /// What AWS says about the region, `None` for a code it does not know.
    pub fn info(&self) -> Option<&'static crate::aws::RegionInfo> {
        crate::aws::region_info(&self.0)
    }
}

/// A CloudFormation logical ID such as `ApiTaskDefinition`: ASCII letters and digits, starting
/// with a letter, at most [`LogicalId::MAX_LENGTH`] characters, unique within a template.
/// [`crate::naming`] builds every one from entity names and role words.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LogicalId(String);

string_newtype!(LogicalId);

impl LogicalId {
    /// Most characters of a logical ID (CloudFormation template anatomy, "Resources").
    pub const MAX_LENGTH: usize = crate::naming::limits::LOGICAL_ID;

    /// Whether the ID follows CloudFormation's rules.
    pub fn is_valid(&self) -> bool {
        !self.0.is_empty()
            && self.0.len() <= Self::MAX_LENGTH
            && self.0.starts_with(|c: char| c.is_ascii_alphabetic())
            && self.0.chars().all(|c| c.is_ascii_alphanumeric())
    }
}
