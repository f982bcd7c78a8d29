//! Starting a second thread that really runs beside the first.
//!
//! Meridian splits its work in two where that pays (the two readings of a stack file, the
//! emitting targets, writing the output directory), each time for a few milliseconds. Measured on
//! a two-core Linux VM, a thread spawned that way stayed on its spawner's core for its first
//! several milliseconds while the other core idled: two 1 ms halves took 2.3 ms, not 1.1
//! (BENCHMARKS.md). The new thread had been queued on its spawner's core and ran only when the
//! spawner blocked or a tick preempted it. A thread started here is given that core for a moment
//! (its spawner yields once) and uses it to leave the core for the others its affinity allows,
//! so both run at once from then on; a process allowed a single core keeps it.

use std::io;
use std::thread::{Builder, Scope, ScopedJoinHandle};

/// Spawns `work` on a scoped thread that starts on another core than the calling thread's, where
/// the process may use another. Fails only as [`Builder::spawn_scoped`] does, when the system
/// cannot start a thread.
pub fn spawn_beside<'scope, T, F>(
    scope: &'scope Scope<'scope, '_>,
    work: F,
) -> io::Result<ScopedJoinHandle<'scope, T>>
where
    F: FnOnce() -> T + Send + 'scope,
    T: Send + 'scope,
{
    let here = current_core();
    let handle = Builder::new().spawn_scoped(scope, move || {
        leave_core(here);
        work()
    })?;
    // The kernel may queue the new thread behind this one on this core; yielding once lets it
    // run long enough to move itself, where waiting for the other core to steal it took
    // milliseconds. Where it already runs elsewhere, this returns at once.
    std::thread::yield_now();
    Ok(handle)
}

#[cfg(target_os = "linux")]
fn current_core() -> Option<usize> {
    Some(rustix::thread::sched_getcpu())
}

#[cfg(not(target_os = "linux"))]
fn current_core() -> Option<usize> {
    None
}

/// Narrows the calling thread's affinity to every core it may use but `core`, when that leaves
/// it one. A failure leaves the affinity as it was: the thread then merely starts where the
/// kernel puts it.
#[cfg(target_os = "linux")]
fn leave_core(core: Option<usize>) {
    use rustix::thread::{sched_getaffinity, sched_setaffinity};
    let Some(core) = core else {
        return;
    };
    let Ok(mut allowed) = sched_getaffinity(None) else {
        return;
    };
    if core >= rustix::thread::CpuSet::MAX_CPU || !allowed.is_set(core) {
        return;
    }
    allowed.unset(core);
    if allowed.count() > 0 {
        let _ = sched_setaffinity(None, &allowed);
    }
}

#[cfg(not(target_os = "linux"))]
fn leave_core(_core: Option<usize>) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_runs_and_returns_its_value() {
        let values = [1, 2, 3];
        let sum = std::thread::scope(|scope| {
            let handle = spawn_beside(scope, || values.iter().sum::<i32>()).expect("a thread");
            handle.join().expect("no panic")
        });
        assert_eq!(sum, 6);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_thread_leaves_the_core_it_is_given_when_another_is_allowed() {
        use rustix::thread::sched_getaffinity;
        let allowed = sched_getaffinity(None).expect("affinity");
        let core = (0..rustix::thread::CpuSet::MAX_CPU)
            .find(|core| allowed.is_set(*core))
            .expect("an allowed core");
        // On a thread of its own, so the test's thread keeps its affinity.
        let after = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    leave_core(Some(core));
                    sched_getaffinity(None).expect("affinity")
                })
                .join()
                .expect("no panic")
        });
        if allowed.count() > 1 {
            assert!(!after.is_set(core), "core {core} still allowed");
            assert_eq!(after.count(), allowed.count() - 1);
        } else {
            assert_eq!(after, allowed, "the only core is kept");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_spawned_thread_gives_up_exactly_one_core() {
        use rustix::thread::sched_getaffinity;
        let allowed = sched_getaffinity(None).expect("affinity").count();
        let count = std::thread::scope(|scope| {
            spawn_beside(scope, || sched_getaffinity(None).expect("affinity").count())
                .expect("a thread")
                .join()
                .expect("no panic")
        });
        assert_eq!(count, if allowed > 1 { allowed - 1 } else { 1 });
    }
}
