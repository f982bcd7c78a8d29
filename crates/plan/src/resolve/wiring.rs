//! Wiring between deployment units: a value one unit produces and another uses becomes an output
//! of the producer, an import in the consumer and a dependency that orders them.

use super::*;
use crate::ids::UnitId;
use crate::naming::{self};
use crate::value::{AttrRef, Import, Part, Text};

impl<'a> Resolver<'a> {
    /// The CloudFormation stack name of a unit.
    pub fn stack_name(&self, unit: &UnitId) -> String {
        naming::stack_name(&self.stack.stack, unit)
    }

    /// A value produced by `source` in `producer`, used in `consumer`: a direct attribute when
    /// both are the same unit, otherwise an import that records the output and the dependency.
    pub fn value_from(
        &mut self,
        consumer: &UnitId,
        producer: &UnitId,
        output: &str,
        description: &str,
        source: AttrRef,
    ) -> Text {
        if consumer == producer {
            return Text::from_parts(vec![Part::Attr(source)]);
        }
        let stack_name = self.stack_name(producer);
        let region = producer.region().map_or_else(
            || RegionCode::from(crate::aws::global_region(&self.partition)),
            Clone::clone,
        );
        self.export(
            producer,
            output,
            description,
            Text::from_parts(vec![Part::Attr(source.clone())]),
        );
        self.record_dependency(consumer, producer);
        self.record_consumed(consumer, producer, output);
        Text::from_parts(vec![Part::Import(Box::new(Import {
            unit: producer.clone(),
            stack_name,
            region,
            output: output.to_owned(),
            source,
        }))])
    }

    /// A value of `producer` that a unit deploying *before* it uses: only an adopted promoted
    /// writer does this, reading the address output the instance already had as a replica.
    /// Adoption updates stacks that exist, and promotion keeps the instance's endpoint, so the
    /// output of the producer's current stack holds the right value when the consumer deploys;
    /// no dependency is recorded (it would order the units in a circle: the writer's unit reads
    /// the master secret from the consumer's).
    pub fn existing_value_from(
        &mut self,
        consumer: &UnitId,
        producer: &UnitId,
        output: &str,
        source: AttrRef,
    ) -> Text {
        let stack_name = self.stack_name(producer);
        let region = producer.region().map_or_else(
            || RegionCode::from(crate::aws::global_region(&self.partition)),
            Clone::clone,
        );
        self.record_consumed(consumer, producer, output);
        Text::from_parts(vec![Part::Import(Box::new(Import {
            unit: producer.clone(),
            stack_name,
            region,
            output: output.to_owned(),
            source,
        }))])
    }

    /// Records that `consumer` deploys after `producer`. Most calls repeat a dependency already
    /// recorded (every service of a region imports the region's data key), so nothing is copied
    /// for those.
    fn record_dependency(&mut self, consumer: &UnitId, producer: &UnitId) {
        match self.dependencies.get_mut(consumer) {
            Some(producers) => {
                if !producers.contains(producer) {
                    producers.insert(producer.clone());
                }
            }
            None => {
                self.dependencies
                    .insert(consumer.clone(), BTreeSet::from([producer.clone()]));
            }
        }
    }

    /// Records that `consumer` imports `producer`'s output `output`.
    fn record_consumed(&mut self, consumer: &UnitId, producer: &UnitId, output: &str) {
        let consumed = match self.consumed.get_mut(consumer) {
            Some(consumed) => consumed,
            None => self.consumed.entry(consumer.clone()).or_default(),
        };
        consumed.insert((producer.clone(), output.to_owned()));
    }

    /// Declares an output of `unit`.
    pub fn export(&mut self, unit: &UnitId, name: &str, description: &str, value: Text) {
        // Every consumer of a value asks for its output again (each service of a region for the
        // region's data key): the same declaration is kept as it is instead of rebuilt.
        if self
            .outputs
            .get(unit)
            .and_then(|outputs| outputs.get(name))
            .is_some_and(|output| output.description == description && output.value == value)
        {
            return;
        }
        let tf_name = format!(
            "{}_{}",
            naming::snake(&naming::pascal(&unit.to_string())),
            naming::snake(name)
        );
        self.outputs.entry(unit.clone()).or_default().insert(
            name.to_owned(),
            crate::types::Output {
                name: name.to_owned(),
                tf_name,
                description: description.to_owned(),
                value,
            },
        );
    }
}
