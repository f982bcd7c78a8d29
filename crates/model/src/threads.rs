//! Starting a second thread that really runs beside the first.
//!
//! Meridian splits its work in two where that pays (the two readings of a stack file, the
//! emitting targets, writing the output directory), each time for a few milliseconds. Measured on
//! a two-core Linux VM, a thread spawned that way stayed on its spawner's core for its first
//! several milliseconds while the other core idled: two 1 ms halves took 2.3 ms, not 1.1
//! (BENCHMARKS.md). The new thread had been queued on its spawner's core and ran only when the
//! spawner blocked or a tick preempted it. Here the spawner pins itself to its core while it
//! spawns, so that the new thread, which inherits the pin, is queued there whatever the kernel
//! would have chosen; the spawner then moves to another core, which the kernel does at once, and
//! both take back every core the process may use. A process allowed a single core is left alone.

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
    // Pinned to its core while it spawns, this thread hands that core to the new thread (which
    // inherits the pin, so it is queued there whatever the kernel would choose) and moves to
    // another; each then takes back every core the process may use.
    let pinned = Pinned::here();
    let restore = pinned.as_ref().map(Pinned::allowed);
    Builder::new().spawn_scoped(scope, move || {
        restore_affinity(restore);
        work()
    })
    // `pinned` is dropped here: this thread leaves its core, spawn or not.
}

/// The calling thread pinned to the core it runs on, with the cores it may use.
#[cfg(target_os = "linux")]
struct Pinned {
    allowed: rustix::thread::CpuSet,
    here: usize,
}

#[cfg(target_os = "linux")]
impl Pinned {
    /// Pins the calling thread to its core, when it may use another one too.
    fn here() -> Option<Self> {
        use rustix::thread::{CpuSet, sched_getaffinity, sched_getcpu, sched_setaffinity};
        let allowed = sched_getaffinity(None).ok()?;
        if allowed.count() < 2 {
            return None;
        }
        let here = sched_getcpu();
        if here >= CpuSet::MAX_CPU || !allowed.is_set(here) {
            return None;
        }
        let mut only = CpuSet::new();
        only.set(here);
        sched_setaffinity(None, &only).ok()?;
        Some(Self { allowed, here })
    }

    /// Every core the thread may use, for the thread it spawns to take back.
    fn allowed(&self) -> rustix::thread::CpuSet {
        self.allowed
    }
}

#[cfg(target_os = "linux")]
impl Drop for Pinned {
    /// Moves the thread to another of its cores (the kernel moves a thread at once off a core
    /// its affinity no longer holds), then gives it back all of them; a failure of the first
    /// merely leaves it where it is.
    fn drop(&mut self) {
        use rustix::thread::sched_setaffinity;
        let mut others = self.allowed;
        others.unset(self.here);
        let _ = sched_setaffinity(None, &others);
        let _ = sched_setaffinity(None, &self.allowed);
    }
}

#[cfg(target_os = "linux")]
fn restore_affinity(allowed: Option<rustix::thread::CpuSet>) {
    if let Some(allowed) = allowed {
        let _ = rustix::thread::sched_setaffinity(None, &allowed);
    }
}

#[cfg(not(target_os = "linux"))]
struct Pinned;

#[cfg(not(target_os = "linux"))]
impl Pinned {
    fn here() -> Option<Self> {
        None
    }

    fn allowed(&self) {}
}

#[cfg(not(target_os = "linux"))]
fn restore_affinity(_: Option<()>) {}

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
    fn a_spawner_pinned_to_its_core_hands_that_pin_to_the_thread_it_spawns() {
        use rustix::thread::sched_getaffinity;
        let allowed = sched_getaffinity(None).expect("affinity");
        // On a thread of its own, so the test's thread keeps its affinity whatever happens.
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let Some(pinned) = Pinned::here() else {
                        assert_eq!(
                            allowed.count(),
                            1,
                            "pinned whenever another core is allowed"
                        );
                        return;
                    };
                    let mine = sched_getaffinity(None).expect("affinity");
                    assert_eq!(mine.count(), 1);
                    assert!(mine.is_set(pinned.here));
                    assert_eq!(pinned.allowed(), allowed);
                    let inherited = std::thread::scope(|inner| {
                        inner
                            .spawn(|| sched_getaffinity(None).expect("affinity"))
                            .join()
                            .expect("no panic")
                    });
                    assert_eq!(
                        inherited, mine,
                        "a new thread starts with its spawner's pin"
                    );
                    drop(pinned);
                    assert_eq!(sched_getaffinity(None).expect("affinity"), allowed);
                })
                .join()
                .expect("no panic");
        });
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn both_threads_get_every_allowed_core_back() {
        use rustix::thread::sched_getaffinity;
        let allowed = sched_getaffinity(None).expect("affinity");
        let (spawner, spawned) = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let spawned = std::thread::scope(|inner| {
                        spawn_beside(inner, || sched_getaffinity(None).expect("affinity"))
                            .expect("a thread")
                            .join()
                            .expect("no panic")
                    });
                    (sched_getaffinity(None).expect("affinity"), spawned)
                })
                .join()
                .expect("no panic")
        });
        assert_eq!(spawner, allowed);
        assert_eq!(spawned, allowed);
    }
}
