//! Settings of the Terraform root module: the S3 backend (E130, E131, E132). A backend block is
//! read before any variable exists, so each value is literal once `{stack}` and `{env}` are
//! expanded; the state key carries the stack, and the environment when there is one, so that
//! stacks and environments sharing a bucket never share a state.

use meridian_model::{Diagnostic, StackPath, codes};

use crate::aws::limits::{self, NameRule};
use crate::defaults;
use crate::naming::{self, Placeholder, PlaceholderProblem, expand_name};
use crate::types::{StateLocking, TerraformBackendPlan};

use super::Resolver;

impl Resolver<'_> {
    /// The S3 backend the stack configures, checked; `None` without one or with a finding.
    pub(crate) fn resolve_terraform_backend(&mut self) -> Option<TerraformBackendPlan> {
        let stack = self.stack;
        let s3 = &stack.terraform.as_ref()?.backend.as_ref()?.s3;
        let path = StackPath::root().key("terraform").key("backend").key("s3");
        let default_key = naming::terraform_state_key(stack.environment.is_some());
        let bucket = self.backend_value(&path.key("bucket"), &s3.bucket, limits::S3_BUCKET_NAME);
        let key = self.backend_value(
            &path.key("key"),
            s3.key.as_deref().unwrap_or(&default_key),
            limits::S3_OBJECT_KEY,
        );
        let region = self
            .check_region_code(&path.key("region"), &s3.region)
            .map(|_| s3.region.clone());
        let locking = match &s3.dynamodb_table {
            None => Some(StateLocking::Lockfile),
            Some(table) => self
                .backend_value(
                    &path.key("dynamodb_table"),
                    table,
                    limits::DYNAMODB_TABLE_NAME,
                )
                .map(StateLocking::DynamoDbTable),
        };
        let kms_key_id = match &s3.kms_key_id {
            Some(arn) if !(arn.starts_with("arn:") && arn.contains(":kms:")) => {
                self.report(
                    Diagnostic::new(
                        codes::E132,
                        path.key("kms_key_id"),
                        format!("`{arn}` is not the ARN of a KMS key"),
                    )
                    .with_help(
                        "write the key's full ARN, `arn:aws:kms:<region>:<account>:key/<id>`",
                    ),
                );
                return None;
            }
            other => other.clone(),
        };
        Some(TerraformBackendPlan {
            bucket: bucket?,
            key: key?,
            region: region?,
            encrypt: s3.encrypt.unwrap_or(defaults::TERRAFORM_STATE_ENCRYPT),
            kms_key_id,
            locking: locking?,
        })
    }

    /// One backend value with `{stack}` and `{env}` expanded and checked against `rule`.
    fn backend_value(&mut self, path: &StackPath, raw: &str, rule: NameRule) -> Option<String> {
        let scope = self.names.scope(None);
        let diagnostic = match expand_name(raw, &scope) {
            Ok(value) => match rule.problem(&value) {
                None => return Some(value),
                Some(problem) => Diagnostic::new(codes::E132, path.clone(), problem)
                    .with_help(format!("{} has {}", rule.what, rule.summary())),
            },
            Err(PlaceholderProblem::NoEnvironment) => Diagnostic::new(
                codes::E131,
                path.clone(),
                format!("`{raw}` uses `{{env}}`, but the stack declares no environment"),
            )
            .with_help("declare the environments under `environments:`, or remove `{env}`"),
            Err(_) => Diagnostic::new(
                codes::E130,
                path.clone(),
                format!("`{raw}` holds a placeholder a backend setting cannot use"),
            )
            .with_help(format!(
                "Terraform reads the backend before any variable exists; use only {}",
                [Placeholder::Stack, Placeholder::Env]
                    .map(|placeholder| format!("`{{{}}}`", placeholder.word()))
                    .join(" and ")
            )),
        };
        self.report(diagnostic);
        None
    }
}
