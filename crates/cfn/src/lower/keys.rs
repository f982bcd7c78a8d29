//! KMS keys: a plan key becomes an `AWS::KMS::Key` with the plan's rotation, key policy and
//! retention, and its alias. It translates [`KeyPlan`]; it grants nothing the plan does not state.

use meridian_plan::KeyPlan;

use crate::l1::kms::{Alias, Key};
use crate::l1::{DeletionPolicy, Resource, UpdateReplacePolicy, Value};

use super::UnitTemplate;
use super::policy::document;
use super::values::reference;

/// Adds the key and its alias.
pub(crate) fn lower_key(unit: &mut UnitTemplate<'_>, key: &KeyPlan) {
    let KeyPlan {
        rid,
        alias_rid,
        alias,
        description,
        policy,
        rotation,
        retain,
    } = key;
    let properties = Key {
        description: Some(Value::from(description.as_str())),
        enable_key_rotation: Some((*rotation).into()),
        key_policy: Some(document(&unit.values, policy)),
        tags: unit.values.tags(None),
        ..Key::default()
    };
    unit.add(rid, retained(Resource::new(properties), *retain));
    unit.add(
        alias_rid,
        Resource::new(Alias {
            alias_name: Value::from(alias.as_str()),
            target_key_id: reference(rid),
        }),
    );
}

/// `DeletionPolicy` and `UpdateReplacePolicy` `Retain` when the plan retains the resource.
pub(crate) fn retained(resource: Resource, retain: bool) -> Resource {
    if retain {
        resource
            .deletion_policy(DeletionPolicy::Retain)
            .update_replace_policy(UpdateReplacePolicy::Retain)
    } else {
        resource
    }
}
