//! Shared by `tests/ready.rs` and `tests/net_hostile.rs`: an allocator that
//! remembers the largest single allocation each thread (and the whole
//! process) asks for, so "refused without allocating" is asserted, not
//! assumed; and hand-made handlers.

/// Hand-made handlers (`tests/ready.rs`; `tests/net_hostile.rs` serves real ones).
#[allow(dead_code)]
pub mod handler;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Forwards to the system allocator, recording the largest request per thread.
pub struct PeakAlloc;

thread_local! {
    // `const` init and no destructor: touching it never allocates.
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// The largest single allocation of the whole process (every thread).
static PROCESS_PEAK: AtomicUsize = AtomicUsize::new(0);

fn note(size: usize) {
    PEAK.with(|p| p.set(p.get().max(size)));
    PROCESS_PEAK.fetch_max(size, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`.
unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: PeakAlloc = PeakAlloc;

/// Runs `f` and returns its result with the largest single allocation it
/// made on this thread (work it hands to other threads is not seen).
pub fn largest_allocation<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = PEAK.with(|p| p.replace(0));
    let r = f();
    let peak = PEAK.with(|p| p.replace(before.max(p.get())));
    (r, peak)
}

/// The largest single allocation any thread of this process has made so far
/// (a server task on a runtime worker included).
#[allow(dead_code)] // tests/ready.rs decodes on its own thread and asks `largest_allocation`
pub fn process_peak() -> usize {
    PROCESS_PEAK.load(Ordering::Relaxed)
}
