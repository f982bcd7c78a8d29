//! The stack's escape hatches, applied to the finished module as the last step of lowering: the
//! plan checked every override against the resources as they are written here
//! (`meridian_plan::overrides::check`), so this only edits JSON. It also lists the resources as
//! written before any override, which is what that check reads.

use meridian_plan::overrides::EmittedResource;
use meridian_plan::{OverridePlan, bug};

use super::Lowered;
use crate::l1::Module;

/// Applies every Terraform override to its resource's arguments.
pub(crate) fn apply_overrides(module: &mut Module, overrides: &[OverridePlan]) -> Lowered {
    for override_plan in overrides
        .iter()
        .filter(|candidate| candidate.is_terraform())
    {
        let found = module.edit_resource(&override_plan.resource, |body| {
            for change in &override_plan.changes {
                change.apply(body);
            }
        })?;
        if !found {
            bug(format_args!(
                "the checked override of `{}` finds no resource",
                override_plan.resource
            ));
        }
    }
    Ok(())
}

/// Every resource of the module as written, before any override.
pub(crate) fn emitted_resources(module: &Module) -> Lowered<Vec<EmittedResource>> {
    Ok(module
        .resource_bodies()?
        .into_iter()
        .map(|(resource_type, address, body)| EmittedResource {
            unit: None,
            id: address,
            resource_type: resource_type.to_owned(),
            body,
        })
        .collect())
}
