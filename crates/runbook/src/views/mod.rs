//! View-models: one serializable struct per template, filled from the plan. Every name, command
//! argument, region list and timeout is computed here, and every value a script uses is quoted
//! here; templates only iterate and branch.

pub(crate) mod architecture;
pub(crate) mod config;
pub(crate) mod deploy;
pub(crate) mod failover;
pub(crate) mod promote;
pub(crate) mod service;
