//! Call and fault counters, so tests and the operator can see what the
//! simulator actually did (e.g. that a dropped response was still applied).

use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// Faults injected, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultStats {
    /// Requests that were delayed by a nonzero latency.
    pub delayed: u64,
    pub rate_limited: u64,
    pub server_errors: u64,
    /// Connections dropped before the handler ran (nothing applied).
    pub dropped_before: u64,
    /// Connections dropped after the handler ran (applied, response lost).
    pub dropped_after: u64,
    pub garbage: u64,
    pub empty_bodies: u64,
}

impl FaultStats {
    /// Faults that changed the response (latency alone does not).
    pub fn total(&self) -> u64 {
        self.rate_limited
            + self.server_errors
            + self.dropped_before
            + self.dropped_after
            + self.garbage
            + self.empty_bodies
    }
}

/// A snapshot of the counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimStats {
    /// Every call to an /api route, including ones answered by a fault.
    pub total_calls: u64,
    pub create_calls: u64,
    pub update_calls: u64,
    pub activate_calls: u64,
    /// Activations that changed a request to active.
    pub activations_applied: u64,
    pub delete_calls: u64,
    pub faults: FaultStats,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub total_calls: AtomicU64,
    pub create_calls: AtomicU64,
    pub update_calls: AtomicU64,
    pub activate_calls: AtomicU64,
    pub activations_applied: AtomicU64,
    pub delete_calls: AtomicU64,
    pub delayed: AtomicU64,
    pub rate_limited: AtomicU64,
    pub server_errors: AtomicU64,
    pub dropped_before: AtomicU64,
    pub dropped_after: AtomicU64,
    pub garbage: AtomicU64,
    pub empty_bodies: AtomicU64,
}

pub(crate) fn bump(c: &AtomicU64) {
    c.fetch_add(1, Ordering::Relaxed);
}

impl Counters {
    pub fn snapshot(&self) -> SimStats {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        SimStats {
            total_calls: g(&self.total_calls),
            create_calls: g(&self.create_calls),
            update_calls: g(&self.update_calls),
            activate_calls: g(&self.activate_calls),
            activations_applied: g(&self.activations_applied),
            delete_calls: g(&self.delete_calls),
            faults: FaultStats {
                delayed: g(&self.delayed),
                rate_limited: g(&self.rate_limited),
                server_errors: g(&self.server_errors),
                dropped_before: g(&self.dropped_before),
                dropped_after: g(&self.dropped_after),
                garbage: g(&self.garbage),
                empty_bodies: g(&self.empty_bodies),
            },
        }
    }
}
