//! Stack-file strings with `${...}`: literal text, deploy-time parameters and references to values
//! Meridian's resources produce, resolved into plan [`Text`]; and the fields that take no
//! placeholder at all.

use meridian_model::{Diagnostic, StackPath, codes};

use super::*;
use crate::ids::UnitId;
use crate::types::*;
use crate::value::{ParamUse, Part, Placeholder, Text, parse_placeholders};

/// Where a `${...}` string is resolved and what it may contain.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TextContext<'a> {
    /// Unit the value is used in.
    pub unit: &'a UnitId,
    /// What a parameter in this position holds.
    pub kind: ParamKind,
    /// Whether a parameter here takes one value per region.
    pub per_region: bool,
    /// Which references are allowed, and what they resolve to.
    pub references: ReferenceScope<'a>,
}

/// Which `${lower.case}` references a field accepts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ReferenceScope<'a> {
    /// None: only literals and parameters.
    None,
    /// Container environment values.
    Environment(&'a References<'a>),
    /// Container secrets.
    Secrets(&'a References<'a>),
}

impl<'a> Resolver<'a> {
    /// A string that may not contain placeholders: the string, or `None` (after reporting E805)
    /// when it holds one, so that callers skip the checks of its content, which would only
    /// repeat the finding.
    pub fn literal(&mut self, path: &StackPath, raw: &str, what: &str) -> Option<String> {
        if raw.contains("${") {
            self.report(
                Diagnostic::new(
                    codes::E805,
                    path.clone(),
                    format!("{what} cannot contain a placeholder: `{raw}`"),
                )
                .with_help(format!("{what} must be known when Meridian synthesizes, because other values are derived from it; write it out (parameters are for values only the deployer knows)")),
            );
            return None;
        }
        Some(raw.to_owned())
    }

    /// Resolves a string with `${...}` placeholders.
    pub fn text(&mut self, path: &StackPath, raw: &str, context: TextContext<'_>) -> Text {
        let pieces = match parse_placeholders(raw) {
            Ok(pieces) => pieces,
            Err(message) => {
                let help = match placeholder_suggestion(raw) {
                    Some(suggestion) => format!(
                        "did you mean `{suggestion}`? parameters are written `${{UPPER_SNAKE_CASE}}`; write `$${{` for a literal `${{`"
                    ),
                    None => "parameters are written `${UPPER_SNAKE_CASE}`; write `$${` for a literal `${`".to_owned(),
                };
                self.report(Diagnostic::new(codes::E801, path.clone(), message).with_help(help));
                return Text::lit(raw);
            }
        };
        let mut parts = Vec::with_capacity(pieces.len());
        for piece in pieces {
            match piece {
                Placeholder::Lit(text) => parts.push(Part::Lit(text)),
                Placeholder::Param(name) => {
                    let region = context.unit.region().cloned();
                    self.use_parameter(path, name, context.kind, context.per_region, context.unit);
                    parts.push(Part::Param(ParamUse {
                        name: name.to_owned(),
                        region: if context.per_region { region } else { None },
                    }));
                }
                Placeholder::Reference(reference) => {
                    if matches!(context.references, ReferenceScope::None) {
                        self.report(
                            Diagnostic::new(
                                codes::E807,
                                path.clone(),
                                format!("`${{{reference}}}` refers to a value Meridian produces, which this field cannot use"),
                            )
                            .with_help("references such as `${database.writer.address}` are allowed in service `environment` and `secrets` only; use a `${PARAMETER}` here"),
                        );
                        continue;
                    }
                    if let Some(resolved) = self.resolve_reference(path, reference, context) {
                        parts.extend(resolved.parts().iter().cloned());
                    }
                }
            }
        }
        Text::from_parts(parts)
    }
}

/// For an illegal `${...}` in `raw`, the placeholder the author probably meant.
pub(crate) fn placeholder_suggestion(raw: &str) -> Option<String> {
    let start = raw.find("${")? + 2;
    let rest = &raw[start..];
    let (body, closed) = match rest.find('}') {
        Some(end) => (&rest[..end], true),
        None => (
            rest.split(|c: char| c.is_whitespace() || c == '"')
                .next()
                .unwrap_or(rest),
            false,
        ),
    };
    let candidate: String = body
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let legal = matches!(
        parse_placeholders(&format!("${{{candidate}}}")).as_deref(),
        Ok([Placeholder::Param(_)])
    );
    (legal && (candidate != body || !closed)).then(|| format!("${{{candidate}}}"))
}
