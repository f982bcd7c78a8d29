//! `Lowering` hands CloudFormation's units out in pieces that several threads lower (the CLI's
//! two emitting threads): whichever thread takes which piece and in whatever order they come
//! back, `finish` gives exactly the files of `try_synthesize`, and a divided region's services
//! units stay in the piece of its application unit, which alone can fill them.

use meridian_cfn::{Lowering, try_synthesize};
use meridian_plan::{Plan, UnitId};
use meridian_testkit::scale::{Scale, scaled_stack};

fn scaled_plan(scale: Scale) -> Plan {
    let text = scaled_stack(scale);
    meridian_testkit::planned_of_bytes("scaled.yaml", text.as_bytes())
        .plan
        .unwrap_or_else(|| panic!("{scale:?} has no plan"))
}

/// The bundled stacks' plans and a generated stack whose regions are divided.
fn plans() -> Vec<(String, Plan)> {
    let mut plans: Vec<(String, Plan)> = meridian_testkit::bundled_plans()
        .iter()
        .map(|bundled| (bundled.name.clone(), bundled.plan.clone()))
        .collect();
    let divided = Scale::new(2, 60);
    let plan = scaled_plan(divided);
    assert!(
        plan.units
            .iter()
            .any(|unit| matches!(unit.id, UnitId::Services(..))),
        "{divided:?} divides its regions"
    );
    plans.push((divided.label(), plan));
    plans
}

#[test]
fn pieces_lowered_in_any_order_or_on_two_threads_give_the_same_files() {
    for (name, plan) in plans() {
        let expected = try_synthesize(&plan).unwrap_or_else(|_| panic!("{name} fits"));

        // Taken in queue order with one buffer for all (as each thread of the CLI keeps one),
        // finished in reverse.
        let lowering = Lowering::new(&plan);
        let mut scratch = Vec::new();
        let mut pieces: Vec<_> = std::iter::from_fn(|| lowering.next_piece(&mut scratch)).collect();
        assert!(
            pieces.len() > 1 && pieces.len() <= plan.units.len(),
            "{name}: {} pieces for {} units",
            pieces.len(),
            plan.units.len()
        );
        pieces.reverse();
        let reversed = lowering
            .finish(pieces)
            .unwrap_or_else(|_| panic!("{name} fits"));
        assert!(reversed == expected, "{name}: reversed pieces");

        // Two threads taking pieces from one queue, as the CLI does.
        let lowering = Lowering::new(&plan);
        let take = || {
            let mut scratch = Vec::new();
            std::iter::from_fn(|| lowering.next_piece(&mut scratch)).collect::<Vec<_>>()
        };
        let (mut here, there) = std::thread::scope(|scope| {
            let second = scope.spawn(take);
            let here = take();
            (here, second.join().expect("the second thread lowers"))
        });
        here.extend(there);
        let shared = lowering
            .finish(here)
            .unwrap_or_else(|_| panic!("{name} fits"));
        assert!(shared == expected, "{name}: two threads");
    }
}

#[test]
#[should_panic(expected = "without every unit exactly once")]
fn finishing_without_every_piece_is_a_bug() {
    let (_, plan) = plans().swap_remove(0);
    let lowering = Lowering::new(&plan);
    let mut pieces: Vec<_> = std::iter::from_fn(|| lowering.next_piece(&mut Vec::new())).collect();
    pieces.pop();
    let _ = lowering.finish(pieces);
}
