//! The `meridian` binary's global allocator.
//!
//! Synthesis allocates and frees millions of small strings, vectors and map nodes; glibc's
//! allocator spent about 40 % of a large stack's CPU in them, mimalloc much less (BENCHMARKS.md).
//! The `mimalloc` crate's wrapper calls mimalloc's *aligned* entry points for every request,
//! which check the alignment again on each call (about 50 instructions per allocation at
//! 20 regions x 50 services, against about 20 for the plain ones). Nearly every request Rust
//! makes asks for an alignment that mimalloc's plain allocation already gives, so this wrapper
//! takes the plain path for those and the aligned one for the rest.

#![allow(unsafe_code)]

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;

use libmimalloc_sys as mi;

/// The largest alignment mimalloc's plain allocation guarantees for a block at least that
/// large: blocks up to it are aligned to their size, larger ones to it (`MI_MAX_ALIGN_SIZE`,
/// 16 on the 64-bit targets; mimalloc's own `mi_malloc_is_naturally_aligned` uses the same
/// rule).
const PLAIN_ALIGNMENT: usize = 16;

/// Whether mimalloc's plain allocation of `size` bytes is aligned to `align`.
#[inline]
const fn plain(size: usize, align: usize) -> bool {
    align <= PLAIN_ALIGNMENT && align <= size
}

/// A block for `layout` from `plain_entry` where it gives the alignment asked for, from
/// `aligned_entry` otherwise; null on failure.
///
/// # Safety
///
/// `plain_entry` and `aligned_entry` must be one of mimalloc's plain allocation functions and
/// its aligned twin (`mi_malloc` and `mi_malloc_aligned`, or the zeroing pair).
#[inline]
unsafe fn block(
    layout: Layout,
    plain_entry: unsafe extern "C" fn(usize) -> *mut c_void,
    aligned_entry: unsafe extern "C" fn(usize, usize) -> *mut c_void,
) -> *mut u8 {
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: mimalloc's allocation functions accept any size and a power-of-two alignment,
    // which every `Layout` has.
    let block = unsafe {
        if plain(size, align) {
            plain_entry(size)
        } else {
            aligned_entry(size, align)
        }
    };
    block.cast()
}

/// How long mimalloc keeps memory freed in bulk before returning it to the system, in
/// milliseconds (mimalloc's default is 10). A large synthesis frees tens of megabytes at once
/// (the measuring resolution of a split region, each emitted piece's trees) and allocates as much
/// again on the other thread within milliseconds; with the default delay, whether the freed
/// pages were returned in time decided the peak: 20 regions of 50 services peaked at 75 or 92 MiB
/// from one run to the next. At 3 ms it peaks at 75–77 MiB with no change in time measured
/// (BENCHMARKS.md); at 0, every free returned pages at once and took a fifth longer.
pub const PURGE_DELAY_MS: core::ffi::c_long = 3;

/// `mi_option_purge_delay`'s position in mimalloc v2's `mi_option_t` (`mimalloc.h`), which
/// `libmimalloc-sys` does not name; the tests check its neighbours' defaults.
const MI_OPTION_PURGE_DELAY: core::ffi::c_int = 15;

unsafe extern "C" {
    /// mimalloc's `mi_option_set` (`mimalloc.h`), compiled into the library `libmimalloc-sys`
    /// links whatever its features.
    fn mi_option_set(option: core::ffi::c_int, value: core::ffi::c_long);
}

/// Sets the allocator's options for this process: [`PURGE_DELAY_MS`], unless the environment
/// sets `MIMALLOC_PURGE_DELAY` (mimalloc reads its environment when the process loads). Call
/// it first in `main`, before any thread starts.
pub fn configure() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: `mi_option_set` takes any option of `mi_option_t` and any value; this one is
        // read by mimalloc whenever it schedules or performs a purge, and no other thread runs
        // yet.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
    }
}

/// mimalloc, through its plain entry points wherever they give the alignment asked for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Allocator;

// SAFETY: every method returns memory from mimalloc of at least the size asked for and aligned
// as asked (`plain` says when the plain entry points guarantee that; otherwise the aligned ones
// are called), or null on failure; `dealloc` and `realloc` only ever receive pointers this
// allocator returned, which `mi_free` and `mi_realloc*` accept whichever entry point made them.
unsafe impl GlobalAlloc for Allocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: a plain allocation function of mimalloc and its aligned twin.
        unsafe { block(layout, mi::mi_malloc, mi::mi_malloc_aligned) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: a plain allocation function of mimalloc and its aligned twin.
        unsafe { block(layout, mi::mi_zalloc, mi::mi_zalloc_aligned) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, so from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        // SAFETY: `ptr` came from this allocator; the new block is aligned as `alloc` would
        // align a block of `new_size` bytes, and mimalloc copies the contents.
        unsafe {
            if plain(new_size, align) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, align).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" {
        fn mi_option_get(option: core::ffi::c_int) -> core::ffi::c_long;
    }

    /// The option set is the purge delay: its neighbours in `mi_option_t` hold their documented
    /// defaults (`eager_commit_delay` 1, `use_numa_nodes` 0, `os_tag` 100), and after
    /// `configure` the delay is ours.
    #[test]
    fn configure_sets_the_purge_delay() {
        // SAFETY: `mi_option_get` reads any option of `mi_option_t`.
        let get = |option| unsafe { mi_option_get(option) };
        assert_eq!(get(MI_OPTION_PURGE_DELAY - 1), 1, "eager_commit_delay");
        assert_eq!(get(MI_OPTION_PURGE_DELAY + 1), 0, "use_numa_nodes");
        assert_eq!(get(MI_OPTION_PURGE_DELAY + 3), 100, "os_tag");
        configure();
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(get(MI_OPTION_PURGE_DELAY), PURGE_DELAY_MS);
        }
    }

    /// Sizes around mimalloc's small size classes and past its small-object limit, with every
    /// alignment up to a page: plain and aligned entry points both.
    #[test]
    fn every_block_is_aligned_as_asked_and_keeps_its_contents_when_resized() {
        let sizes = [
            1, 3, 7, 8, 9, 15, 16, 17, 24, 31, 33, 48, 100, 1024, 4097, 70_000,
        ];
        for align in (0..=12).map(|shift| 1_usize << shift) {
            for size in sizes {
                let layout = Layout::from_size_align(size, align).expect("a layout");
                // SAFETY: `layout` has a non-zero size; each block is written within its size,
                // resized with the layout it was made with and freed once.
                unsafe {
                    let block = Allocator.alloc(layout);
                    assert!(!block.is_null());
                    assert_eq!(block as usize % align, 0, "alloc size {size} align {align}");
                    for i in 0..size {
                        block.add(i).write(i as u8);
                    }
                    for new_size in [size / 2 + 1, size * 3] {
                        let block = Allocator.alloc(layout);
                        for i in 0..size {
                            block.add(i).write(i as u8);
                        }
                        let moved = Allocator.realloc(block, layout, new_size);
                        assert!(!moved.is_null());
                        assert_eq!(moved as usize % align, 0, "realloc {size} -> {new_size}");
                        for i in 0..size.min(new_size) {
                            assert_eq!(moved.add(i).read(), i as u8);
                        }
                        let resized = Layout::from_size_align(new_size, align).expect("a layout");
                        Allocator.dealloc(moved, resized);
                    }
                    Allocator.dealloc(block, layout);

                    let zeroed = Allocator.alloc_zeroed(layout);
                    assert!(!zeroed.is_null());
                    assert_eq!(zeroed as usize % align, 0, "alloc_zeroed {size} {align}");
                    assert!((0..size).all(|i| zeroed.add(i).read() == 0));
                    Allocator.dealloc(zeroed, layout);
                }
            }
        }
    }

    #[test]
    fn the_plain_path_is_taken_only_where_it_gives_the_alignment() {
        assert!(plain(1, 1));
        assert!(plain(24, 8));
        assert!(plain(16, 16));
        assert!(!plain(8, 16), "a block smaller than its alignment");
        assert!(!plain(64, 32), "beyond what plain allocation guarantees");
    }
}
