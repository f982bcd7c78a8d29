//! Customer-managed KMS keys (the regions' data keys and the alert keys) and their aliases: rotation on, the
//! key policy from the plan's grants, and `prevent_destroy` (CloudFormation retains the same keys). It
//! chooses no key and no grant.

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
            grants,
        } = key;
        let policy = self.key_policy(region, grants);
        let handle = self.add_with(
            &rid.tf,
            KmsKey {
                description: Some(description.into()),
                enable_key_rotation: Some(true.into()),
                policy: Some(policy.into()),
                region: region_argument(region),
                ..KmsKey::default()
            },
            MetaArguments {
                lifecycle: Some(prevent_destroy()),
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
