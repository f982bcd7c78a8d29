//! Customer-managed KMS keys (the regions' data keys and the alert keys) and their aliases: the plan's
//! rotation, key policy and retention (`prevent_destroy`, as CloudFormation retains them). It chooses no key
//! and no grant.

use meridian_plan::KeyPlan;

use super::{Lowered, Lowerer, prevent_destroy, region_argument};
use crate::l1::{KmsAlias, KmsKey, MetaArguments};

impl Lowerer<'_> {
    /// A key and its alias in `region`.
    pub(super) fn lower_key(&mut self, key: &KeyPlan, region: &str) -> Lowered {
        let KeyPlan {
            rid,
            alias_rid,
            alias,
            description,
            policy,
            rotation,
            retain,
        } = key;
        let handle = self.add_with(
            &rid.tf,
            KmsKey {
                description: Some(description.into()),
                enable_key_rotation: Some((*rotation).into()),
                policy: Some(self.policy_document(policy).into()),
                region: region_argument(region),
                ..KmsKey::default()
            },
            MetaArguments {
                lifecycle: retain.then(prevent_destroy),
                ..MetaArguments::default()
            },
        )?;
        self.add(
            &alias_rid.tf,
            KmsAlias {
                name: Some(alias.into()),
                region: region_argument(region),
                ..KmsAlias::new(handle.key_id())
            },
        )?;
        Ok(())
    }
}
