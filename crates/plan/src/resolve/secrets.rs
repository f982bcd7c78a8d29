//! Generated secrets shared by the database and the cache: the characters they may hold and the ARN
//! of a secret's replica in another region.

use super::*;
use crate::aws;
use crate::ids::{Rid, UnitId};
use crate::value::{Attr, AttrRef, Part, Text};

impl<'a> Resolver<'a> {
    /// ARN of the replica, in `region`, of a secret created in `producer`.
    pub(crate) fn replica_secret_arn(
        &mut self,
        consumer: &UnitId,
        producer: &UnitId,
        region: &str,
        secret: &Rid,
        output: &str,
    ) -> Text {
        let suffix = self.value_from(
            consumer,
            producer,
            output,
            "Name of the secret with the suffix Secrets Manager adds, the same in every replica region",
            AttrRef { resource: secret.clone(), attr: Attr::SecretNameWithSuffix },
        );
        Text::from_parts(vec![
            Part::Lit("arn:".to_owned()),
            Part::Partition,
            Part::Lit(format!(":secretsmanager:{region}:")),
            Part::AccountId,
            Part::Lit(":secret:".to_owned()),
        ])
        .concat(&suffix)
    }
}

/// Secrets Manager's punctuation without `excluded`.
pub(crate) fn allowed_punctuation(excluded: &str) -> String {
    aws::SECRETS_MANAGER_PUNCTUATION
        .chars()
        .filter(|character| !excluded.contains(*character))
        .collect()
}
