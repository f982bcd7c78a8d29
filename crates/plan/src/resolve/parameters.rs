//! Deploy-time parameters: what each use of a `${PARAMETER}` makes it (kind, one value per region
//! or one for the stack), the rules that keep the uses consistent (E803, E804), and the
//! `parameters` block that documents them (E802).

use std::collections::BTreeSet;

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::ids::UnitId;
use crate::naming;
use crate::suggest_list;
use crate::types::*;

/// What a parameter has been used as so far.
#[derive(Debug, Clone)]
pub(crate) struct ParamInfo {
    pub(crate) kind: ParamKind,
    pub(crate) per_region: bool,
    pub(crate) first_use: StackPath,
    pub(crate) regions: BTreeSet<String>,
}

impl<'a> Resolver<'a> {
    /// Every parameter the stack uses, sorted by name, with its kind, scope and description.
    pub(crate) fn planned_parameters(&self) -> Vec<Parameter> {
        let stack = self.stack;
        self.params
            .iter()
            .map(|(name, info)| {
                let spec = stack.parameters.get(name);
                Parameter {
                    name: name.clone(),
                    cfn_name: naming::cfn_parameter(name),
                    tf_name: naming::tf_variable(name),
                    kind: info.kind,
                    per_region: info.per_region,
                    sensitive: spec.and_then(|s| s.sensitive).unwrap_or(false),
                    description: spec.and_then(|s| s.description.clone()).unwrap_or_else(|| {
                        format!(
                            "{} used at {}",
                            capitalize(describe_kind(info.kind)),
                            info.first_use
                        )
                    }),
                    regions: info.regions.iter().cloned().collect(),
                }
            })
            .collect()
    }

    /// Records that `name` is used as a `kind` parameter in `unit`.
    pub(crate) fn use_parameter(
        &mut self,
        path: &StackPath,
        name: &str,
        kind: ParamKind,
        per_region: bool,
        unit: &UnitId,
    ) {
        self.unit_params
            .entry(unit.clone())
            .or_default()
            .insert(name.to_owned());
        let scope = unit
            .region()
            .map_or_else(|| crate::ids::GLOBAL_UNIT.to_owned(), ToString::to_string);
        match self.params.get_mut(name) {
            None => {
                self.params.insert(
                    name.to_owned(),
                    ParamInfo {
                        kind,
                        per_region,
                        first_use: path.clone(),
                        regions: BTreeSet::from([scope]),
                    },
                );
            }
            Some(info) => {
                info.regions.insert(scope);
                let (first_kind, first_per_region, first_use) =
                    (info.kind, info.per_region, info.first_use.clone());
                if first_kind != kind && path != &first_use {
                    self.report(
                        Diagnostic::new(
                            codes::E803,
                            path.clone(),
                            format!(
                                "the parameter `{name}` is used here as {} but at `{first_use}` as {}",
                                kind_description(kind),
                                kind_description(first_kind)
                            ),
                        )
                        .with_help("use a separate parameter for each kind of value")
                        .with_related(first_use.clone(), "the first use"),
                    );
                } else if first_per_region != per_region && path != &first_use {
                    self.report(
                        Diagnostic::new(
                            codes::E804,
                            path.clone(),
                            format!(
                                "the parameter `{name}` takes one value per region at `{}` but a single value at `{}`",
                                if per_region { path } else { &first_use },
                                if per_region { &first_use } else { path }
                            ),
                        )
                        .with_help("regional ARNs (certificates, secrets) differ in each region; use a separate parameter for the stack-wide value")
                        .with_related(first_use, "the first use"),
                    );
                }
            }
        }
    }

    /// Parameters declared in `parameters:` must be legal and used.
    pub(crate) fn check_parameter_declarations(&mut self) {
        let stack = self.stack;
        for (name, spec) in &stack.parameters {
            let path = StackPath::root().key("parameters").key(name);
            let legal = matches!(
                crate::value::parse_placeholders(&format!("${{{name}}}")).as_deref(),
                Ok([crate::value::Placeholder::Param(_)])
            );
            if !legal {
                self.report(
                    Diagnostic::new(codes::E801, path, format!("`{name}` is not a legal parameter name"))
                        .with_help("parameter names are UPPER_SNAKE_CASE, start with a letter and have at most 64 characters"),
                );
                continue;
            }
            if !self.parameter_is_used(name) {
                let used: Vec<String> = self.used_parameters().into_iter().collect();
                let help = match suggest_list(name, used.iter().map(String::as_str)) {
                    Some(suggestion) => {
                        format!("did you mean `{suggestion}`? otherwise remove the declaration")
                    }
                    None => "remove the declaration, or use `${NAME}` where the value belongs"
                        .to_owned(),
                };
                self.report(
                    Diagnostic::new(
                        codes::E802,
                        path,
                        format!("the parameter `{name}` is declared but never used"),
                    )
                    .with_help(help),
                );
            }
            if let Some(description) = &spec.description
                && description.trim().is_empty()
            {
                self.report(
                    Diagnostic::new(
                        codes::E802,
                        StackPath::root()
                            .key("parameters")
                            .key(name)
                            .key("description"),
                        "the description is empty",
                    )
                    .with_help("describe what value the deployer must supply, or remove the key"),
                );
            }
        }
    }

    pub(crate) fn parameter_is_used(&self, name: &str) -> bool {
        self.params.contains_key(name)
    }

    pub(crate) fn used_parameters(&self) -> Vec<String> {
        self.params.keys().cloned().collect()
    }
}

pub(crate) fn kind_description(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::Text => "text",
        ParamKind::CertificateArn => "an ACM certificate ARN",
        ParamKind::HostedZoneId => "a hosted zone ID",
        ParamKind::VpcId => "a VPC ID",
        ParamKind::SubnetId => "a subnet ID",
        ParamKind::RouteTableId => "a route table ID",
        ParamKind::Email => "an e-mail address",
        ParamKind::HttpsUrl => "an HTTPS URL",
        ParamKind::SecretArn => "a secret ARN",
    }
}

/// What each parameter kind means, for descriptions.
pub(crate) fn describe_kind(kind: ParamKind) -> &'static str {
    kind_description(kind)
}
