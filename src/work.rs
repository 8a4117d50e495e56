//! A work counter: the inner loops of the scans that could restart from a position
//! (quote and bracket matching, name runs, sentence bounds, line/column) add what they
//! scanned. `tests/linear.rs` grows pathological inputs ×1, ×2, ×4 and checks that this
//! number grows at most linearly — work, never time. One relaxed atomic add per scan (not
//! per character), so it is always compiled in and nearly free.

use std::sync::atomic::{AtomicU64, Ordering};

static WORK: AtomicU64 = AtomicU64::new(0);

/// Count `n` units of work (characters or bytes scanned, steps taken).
#[inline]
pub fn add(n: usize) {
    WORK.fetch_add(n as u64, Ordering::Relaxed);
}

/// The work counted since the process started (or since the last [`reset`]).
pub fn total() -> u64 {
    WORK.load(Ordering::Relaxed)
}

/// Start counting again from zero.
pub fn reset() {
    WORK.store(0, Ordering::Relaxed);
}
