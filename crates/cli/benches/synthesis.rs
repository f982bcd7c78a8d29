//! Synthesis benchmarks on the bundled stacks (release profile): validation (load + plan),
//! each emitter on its own, and the whole pipeline. `cargo bench -p meridian`; figures are
//! recorded in README.

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use meridian::Target;
use meridian::pipeline::{check, emit};

fn stack_bytes(name: &str) -> Vec<u8> {
    std::fs::read(meridian_testkit::bundled_stack(name)).expect("bundled stack")
}

fn benchmarks(c: &mut Criterion) {
    for name in ["rail-backend.yaml", "minimal.yaml"] {
        let bytes = stack_bytes(name);
        let plan = match check(name, &bytes) {
            Ok(checked) => checked.plan,
            Err(rejected) => panic!("{}", rejected.report(name)),
        };
        let templates = BTreeMap::new();
        let loaded = meridian_model::load_stack(name, &bytes).expect("bundled stack loads");
        c.bench_function(
            &format!("load {name} (parse, source map, typed model)"),
            |b| b.iter(|| meridian_model::load_stack(black_box(name), black_box(&bytes)).is_ok()),
        );
        c.bench_function(&format!("plan {name} (resolve and check)"), |b| {
            b.iter(|| meridian_plan::plan(black_box(&loaded.stack)).plan.is_some())
        });
        c.bench_function(&format!("validate {name} (load + plan)"), |b| {
            b.iter(|| {
                check(black_box(name), black_box(&bytes))
                    .map(|c| c.plan.units.len())
                    .ok()
            })
        });
        c.bench_function(
            &format!("cloudformation {name} (all templates + manifest)"),
            |b| b.iter(|| meridian_cfn::synthesize(black_box(&plan))),
        );
        c.bench_function(&format!("terraform {name} (root module)"), |b| {
            b.iter(|| meridian_tf::synthesize(black_box(&plan)))
        });
        c.bench_function(&format!("runbooks {name}"), |b| {
            b.iter(|| meridian_runbook::render(black_box(&plan), &templates))
        });
        c.bench_function(
            &format!("end to end {name} (load, plan, every target)"),
            |b| {
                b.iter(|| {
                    let checked = check(black_box(name), black_box(&bytes)).ok()?;
                    emit(&checked.plan, Target::All, &templates).ok()
                })
            },
        );
    }
}

criterion_group!(benches, benchmarks);
criterion_main!(benches);
