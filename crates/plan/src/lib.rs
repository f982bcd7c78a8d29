//! Meridian's plan: the resolved, target-neutral deployment of a stack (defaults applied,
//! names derived, cross-region references typed, deploy order fixed) and every semantic check.
//! It performs no I/O and serializes nothing; emitters translate it.

pub mod asl;
pub mod aws;
pub mod cron;
pub mod defaults;
pub mod iam;
pub mod ids;
pub mod naming;
pub mod overrides;
pub mod params;
mod resolve;
pub mod review;
pub mod timezones;
pub mod types;
pub mod value;

/// Escaping and shortening of stack text for terminals and generated documents (the model's).
pub use meridian_model::text;

pub use iam::{KeyGrant, RolePurpose};
pub use ids::{LogicalId, RegionCode, Rid, UnitId};
/// The one way to stop on a bug of Meridian's own, for the emitters (which depend on the plan only).
pub use meridian_model::{bug, diagnostic::bug_message};
pub use resolve::{Planned, plan};
pub use review::review;
pub use types::*;
pub use value::{Attr, AttrRef, Import, ParamUse, Part, Text};

/// The closest candidate to `word`, for "did you mean" help lines.
pub(crate) fn suggest_list<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    meridian_model::suggest::closest(word, candidates)
}
