//! IAM policy documents: the plan's [`Statement`]s as JSON documents (role policies, bucket policies), and
//! the documents whose statements are Terraform's to write because they only restate the resource's
//! purpose (trust policies, key policies, topic policies). It never widens what the plan grants.

use std::collections::BTreeMap;

use meridian_plan::iam;
use meridian_plan::{Condition, Principal, RolePurpose, Statement};

use super::{Lowered, Lowerer};
use crate::l1::{Address, IamRole, IamRolePolicyAttachment, JsonDocument, ResourceRef};

/// The policy language version.
const POLICY_VERSION: &str = "2012-10-17";

impl Lowerer<'_> {
    /// A policy document of the plan's statements.
    pub fn policy_document(&self, statements: &[Statement]) -> JsonDocument {
        document(
            statements
                .iter()
                .map(|statement| self.statement(statement))
                .collect(),
        )
    }

    fn statement(&self, statement: &Statement) -> JsonDocument {
        let Statement {
            sid,
            allow,
            principal,
            actions,
            resources,
            conditions,
        } = statement;
        let mut entries: Vec<(&str, JsonDocument)> = vec![
            ("Sid", sid.as_str().into()),
            ("Effect", if *allow { "Allow" } else { "Deny" }.into()),
            (
                "Action",
                JsonDocument::array(actions.iter().map(|action| action.as_str().into())),
            ),
            (
                "Resource",
                JsonDocument::array(resources.iter().map(|resource| self.json(resource))),
            ),
        ];
        if let Some(principal) = principal {
            entries.push(("Principal", self.principal(principal)));
        }
        if !conditions.is_empty() {
            entries.push(("Condition", self.conditions(conditions)));
        }
        JsonDocument::object(entries)
    }

    fn principal(&self, principal: &Principal) -> JsonDocument {
        match principal {
            Principal::Service(service) => JsonDocument::object([("Service", self.json(service))]),
            Principal::Aws(arn) => JsonDocument::object([("AWS", self.json(arn))]),
            Principal::Everyone => "*".into(),
        }
    }

    /// Conditions grouped by operator, as IAM writes them.
    fn conditions(&self, conditions: &[Condition]) -> JsonDocument {
        let mut by_operator: BTreeMap<&str, Vec<(&str, JsonDocument)>> = BTreeMap::new();
        for condition in conditions {
            let Condition {
                operator,
                key,
                values,
            } = condition;
            let values = JsonDocument::array(values.iter().map(|value| self.json(value)));
            by_operator
                .entry(operator.as_str())
                .or_default()
                .push((key.as_str(), values));
        }
        JsonDocument::object(
            by_operator
                .into_iter()
                .map(|(operator, keys)| (operator, JsonDocument::object(keys))),
        )
    }
}

impl Lowerer<'_> {
    /// A role for `purpose` named `name`, and the attachment of its AWS managed policy (same
    /// name, another type) when it has one: its address, for resources that must wait until the
    /// role may act.
    pub fn purpose_role(
        &mut self,
        name: &str,
        purpose: RolePurpose,
    ) -> Lowered<(ResourceRef<IamRole>, Option<Address>)> {
        let role = self.add(name, IamRole::new(self.trust_policy(purpose)))?;
        let attachment = match purpose.managed_policy_arn() {
            Some(policy) => Some(
                self.add(
                    name,
                    IamRolePolicyAttachment::new(self.template(&policy), role.id()),
                )?
                .terraform_address(),
            ),
            None => None,
        };
        Ok((role, attachment))
    }

    /// The trust policy letting the service of `purpose` assume a role.
    pub fn trust_policy(&self, purpose: RolePurpose) -> JsonDocument {
        let mut entries = vec![
            ("Effect", "Allow".into()),
            (
                "Principal",
                JsonDocument::object([("Service", purpose.service().into())]),
            ),
            (
                "Action",
                JsonDocument::array([iam::ASSUME_ROLE_ACTION.into()]),
            ),
        ];
        if purpose.requires_source_account() {
            let (operator, key) = iam::SOURCE_ACCOUNT_CONDITION;
            entries.push((
                "Condition",
                JsonDocument::object([(
                    operator,
                    JsonDocument::object([(
                        key,
                        JsonDocument::array([self.caller.account_id().into()]),
                    )]),
                )]),
            ));
        }
        document(vec![JsonDocument::object(entries)])
    }
}

fn document(statements: Vec<JsonDocument>) -> JsonDocument {
    JsonDocument::object([
        ("Version", POLICY_VERSION.into()),
        ("Statement", JsonDocument::Array(statements)),
    ])
}
