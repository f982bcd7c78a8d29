//! Deploy-time parameters as input variables: `string`, or `map(string)` keyed by region for a parameter that
//! takes one value per region, with `sensitive` where the plan says so and the validation the plan gives the parameter's
//! kind. It translates [`ParamKind`]; it chooses no parameter and no description.

use meridian_plan::{Parameter, UnitId};

use super::{DeclaredVariable, Lowered, Lowerer};
use crate::l1::{Expression, Function, TypeConstraint, Variable, VariableRef, VariableValidation};

impl Lowerer<'_> {
    /// One variable per parameter, in the plan's order (sorted by name).
    pub(super) fn lower_parameters(&mut self, parameters: &[Parameter]) -> Lowered {
        for parameter in parameters {
            let Parameter {
                name,
                // CloudFormation's name for the same parameter.
                cfn_name: _,
                tf_name,
                kind,
                per_region,
                sensitive,
                description,
                regions,
            } = parameter;
            let variable = self.module.add_variable(
                tf_name,
                Variable {
                    type_constraint: Some(if *per_region {
                        TypeConstraint::Map(Box::new(TypeConstraint::String))
                    } else {
                        TypeConstraint::String
                    }),
                    description: Some(description.clone()),
                    default: None,
                    sensitive: sensitive.then_some(true),
                    nullable: Some(false),
                },
            )?;
            // The keys of a per-region map are the plan's regions (`global` for the global unit).
            let keys: Vec<&str> = regions.iter().map(String::as_str).collect();
            if *per_region {
                self.module.add_variable_validation(
                    &variable,
                    VariableValidation {
                        condition: all_true(
                            keys.iter()
                                .map(|key| can(variable.reference().key(key).into()))
                                .collect(),
                        ),
                        error_message: format!(
                            "The variable {tf_name} needs a value for each of these keys: {}.",
                            keys.join(", ")
                        )
                        .into(),
                    },
                )?;
            }
            // The pattern of a regional kind names the region that reads the value: the key of a
            // per-region map (`global` being the global unit's region).
            let region_of = |key: &str| {
                if key == UnitId::Global.to_string() {
                    self.plan.global_region.to_string()
                } else {
                    key.to_owned()
                }
            };
            let what = kind.format_description();
            let condition = if *per_region {
                all_true(
                    keys.iter()
                        .map(|key| {
                            matches(&kind.pattern(Some(&region_of(key))), &variable, Some(key))
                        })
                        .collect(),
                )
            } else {
                let only = parameter.only_region(self.plan.global_region.as_str());
                matches(&kind.pattern(only.as_deref()), &variable, None)
            };
            self.module.add_variable_validation(
                &variable,
                VariableValidation {
                    condition,
                    error_message: if *per_region {
                        format!("Each value of {tf_name} must be {what}.")
                    } else {
                        format!("The value of {tf_name} must be {what}.")
                    }
                    .into(),
                },
            )?;
            self.variables.insert(
                name.clone(),
                DeclaredVariable {
                    variable,
                    per_region: *per_region,
                    sensitive: *sensitive,
                },
            );
        }
        Ok(())
    }
}

/// `can(regex(pattern, var.x))` or `can(regex(pattern, var.x["key"]))`.
fn matches(pattern: &str, variable: &VariableRef, key: Option<&str>) -> Expression {
    let value = match key {
        Some(key) => variable.reference().key(key),
        None => variable.reference(),
    };
    can(Expression::call(
        Function::Regex,
        [Expression::from(pattern), Expression::from(value)],
    ))
}

fn can(expression: Expression) -> Expression {
    Expression::call(Function::Can, [expression])
}

fn all_true(conditions: Vec<Expression>) -> Expression {
    Expression::call(Function::AllTrue, [Expression::List(conditions)])
}
