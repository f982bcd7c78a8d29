//! `outputs.tf.json`: every output of every unit, under the plan's Terraform output name, with its
//! description, marked sensitive when its value uses a sensitive parameter (Terraform refuses to show such
//! values otherwise). Wiring between units needs no output here; these are for people and pipelines.

use meridian_plan::{Output, Unit};

use super::{Lowered, Lowerer};

impl Lowerer<'_> {
    /// The outputs of every unit, in deploy order.
    pub(super) fn lower_outputs(&mut self, units: &[Unit]) -> Lowered {
        for unit in units {
            let Unit {
                // Stack names, template files, parameters and dependencies describe CloudFormation
                // stacks; one Terraform module needs none of them.
                id: _,
                stack_name: _,
                template_file: _,
                region: _,
                description: _,
                depends_on: _,
                // Cross-unit values are direct references in the one module (see `values`).
                consumes: _,
                parameters: _,
                // CloudFormation capabilities; Terraform grants nothing per module.
                capabilities: _,
                outputs,
            } = unit;
            for output in outputs {
                let Output {
                    // CloudFormation's output name.
                    name: _,
                    tf_name,
                    description,
                    value,
                } = output;
                let sensitive = self.is_sensitive(value);
                self.module.add_output(
                    tf_name,
                    crate::l1::Output {
                        description: Some(description.clone()),
                        sensitive: sensitive.then_some(true),
                        ..crate::l1::Output::new(self.value(value))
                    },
                )?;
            }
        }
        Ok(())
    }
}
