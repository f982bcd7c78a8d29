//! Synthesis benchmarks, stage by stage: load (parse, source map, typed model), plan (resolve and
//! check), each target from the plan (CloudFormation templates and manifest, the Terraform
//! module, the runbooks), writing the output directory, and the whole pipeline in memory. They
//! run on the seed (`rail-backend.yaml`), the smallest bundled stack and generated seed-shaped
//! stacks of several sizes (`meridian_testkit::scale`, the generator the deploy-time limits
//! work shares). `cargo bench -p meridian --bench synthesis [FILTER]`; figures and the
//! whole-process measurements (`bench/process.py`) are in BENCHMARKS.md. CI only builds them
//! (`cargo bench --no-run`): no test depends on a time.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use meridian::Target;
use meridian::pipeline::{check, emit};
use meridian_testkit::scale::{Scale, scaled_stack};

// The allocator of the `meridian` binary (crates/cli/src/main.rs), so that the stages are
// measured as the command runs them: with the system's allocator they measured a different
// program (the earlier figures of BENCHMARKS.md did).
#[global_allocator]
static ALLOCATOR: meridian_alloc::Allocator = meridian_alloc::Allocator;

/// A stack to measure: its name in the report and its YAML.
struct Case {
    name: String,
    yaml: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let bundled = ["rail-backend.yaml", "minimal.yaml"].map(|name| Case {
        name: name.to_owned(),
        yaml: std::fs::read(meridian_testkit::bundled_stack(name)).expect("bundled stack"),
    });
    let generated = [(3, 1), (10, 10), (20, 50)].map(|(regions, services)| Case {
        name: format!("generated {regions}x{services}"),
        yaml: scaled_stack(Scale::new(regions, services)).into_bytes(),
    });
    bundled.into_iter().chain(generated).collect()
}

fn stages(c: &mut Criterion) {
    let templates = BTreeMap::new();
    for case in cases() {
        let name = case.name.as_str();
        let bytes = case.yaml.as_slice();
        let checked = match check(name, bytes) {
            Ok(checked) => checked,
            Err(rejected) => panic!("{}", rejected.report(name)),
        };
        let plan = &checked.plan;
        let files = emit(plan, Target::All, &templates).expect("the stack emits");
        let mut group = c.benchmark_group(name);
        if name.starts_with("generated 20x") {
            // Each iteration takes a good part of a second: fewer, longer samples.
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(10));
        }
        group.bench_function("load", |b| {
            b.iter(|| meridian_model::load_stack(black_box(name), black_box(bytes)).is_ok())
        });
        group.bench_function("plan", |b| {
            b.iter(|| {
                meridian_plan::plan(black_box(&checked.loaded.stack))
                    .plan
                    .is_some()
            })
        });
        group.bench_function("cloudformation (templates and manifest)", |b| {
            b.iter(|| meridian_cfn::synthesize(black_box(plan)))
        });
        group.bench_function("terraform", |b| {
            b.iter(|| meridian_tf::synthesize(black_box(plan)))
        });
        group.bench_function("runbooks", |b| {
            b.iter(|| meridian_runbook::render(black_box(plan), &templates))
        });
        group.bench_function("every target (emit)", |b| {
            b.iter(|| emit(black_box(plan), Target::All, &templates).is_ok())
        });
        let out = std::env::temp_dir().join(format!(
            "meridian-bench-{}-{}",
            std::process::id(),
            name.replace(' ', "-")
        ));
        group.bench_with_input(
            BenchmarkId::new("write", files.len()),
            &files,
            |b, files| {
                b.iter(|| meridian::output::write_output(&out, files, Target::All, || {}).is_ok())
            },
        );
        let _ = std::fs::remove_dir_all(&out);
        group.bench_function("end to end in memory (load, plan, every target)", |b| {
            b.iter(|| {
                let checked = check(black_box(name), black_box(bytes)).ok()?;
                emit(&checked.plan, Target::All, &templates).ok()
            })
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
