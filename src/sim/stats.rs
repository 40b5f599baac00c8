//! Call and fault counters, so tests and the operator can see what the
//! simulator actually did (e.g. that a dropped response was still applied).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

/// Faults injected, by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultStats {
    /// Requests that were delayed by a nonzero latency.
    pub delayed: u64,
    /// Every 429, random or from the `rate_limit` bucket.
    pub rate_limited: u64,
    /// The 429s of the `rate_limit` token bucket alone.
    #[serde(default)]
    pub bucket_refusals: u64,
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
    /// Activations answered INTEGRATION_ALREADY_ACTIVATED (a repeat, or
    /// someone else's request).
    #[serde(default)]
    pub already_activated: u64,
    /// The most activate calls any one id received (reaching the handler).
    #[serde(default)]
    pub max_activate_calls_per_id: u64,
    pub delete_calls: u64,
    pub faults: FaultStats,
    /// Calls per operation, served or not (e.g. a `GET /{id}` the reference
    /// revision answers 404).
    #[serde(default)]
    pub calls: super::calls::OperationCalls,
    /// /api calls received and not yet answered (or abandoned): zero means
    /// nothing a client sent can still change the store.
    #[serde(default)]
    pub in_flight: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub total_calls: AtomicU64,
    pub create_calls: AtomicU64,
    pub update_calls: AtomicU64,
    pub activate_calls: AtomicU64,
    pub activations_applied: AtomicU64,
    pub already_activated: AtomicU64,
    pub activate_calls_by_id: Mutex<HashMap<String, u64>>,
    pub delete_calls: AtomicU64,
    pub delayed: AtomicU64,
    pub rate_limited: AtomicU64,
    pub bucket_refusals: AtomicU64,
    pub server_errors: AtomicU64,
    pub dropped_before: AtomicU64,
    pub dropped_after: AtomicU64,
    pub garbage: AtomicU64,
    pub empty_bodies: AtomicU64,
    pub in_flight: AtomicU64,
}

pub(crate) use super::calls::bump;

impl Counters {
    fn by_id(&self) -> std::sync::MutexGuard<'_, HashMap<String, u64>> {
        self.activate_calls_by_id
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Count an activate call that reached the handler for `id`.
    pub fn activate_call(&self, id: &str) {
        *self.by_id().entry(id.to_string()).or_default() += 1;
    }

    /// Activate calls that reached the handler for `id`.
    pub fn activate_calls_for(&self, id: &str) -> u64 {
        self.by_id().get(id).copied().unwrap_or(0)
    }

    pub fn snapshot(&self) -> SimStats {
        let g = |c: &AtomicU64| c.load(Ordering::Relaxed);
        SimStats {
            total_calls: g(&self.total_calls),
            create_calls: g(&self.create_calls),
            update_calls: g(&self.update_calls),
            activate_calls: g(&self.activate_calls),
            activations_applied: g(&self.activations_applied),
            already_activated: g(&self.already_activated),
            max_activate_calls_per_id: self.by_id().values().copied().max().unwrap_or(0),
            delete_calls: g(&self.delete_calls),
            faults: FaultStats {
                delayed: g(&self.delayed),
                rate_limited: g(&self.rate_limited),
                bucket_refusals: g(&self.bucket_refusals),
                server_errors: g(&self.server_errors),
                dropped_before: g(&self.dropped_before),
                dropped_after: g(&self.dropped_after),
                garbage: g(&self.garbage),
                empty_bodies: g(&self.empty_bodies),
            },
            calls: Default::default(),
            in_flight: g(&self.in_flight),
        }
    }

    /// Count a call in flight until the guard drops: when it is answered,
    /// or when its client goes away and the server drops the handler.
    pub(crate) fn enter(&self) -> InFlight<'_> {
        bump(&self.in_flight);
        InFlight(&self.in_flight)
    }
}

pub(crate) struct InFlight<'a>(&'a AtomicU64);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

impl super::SimHandle {
    /// Wait until the counters satisfy `ready`, polling every 2 ms, so a test
    /// waits on what the server saw rather than on a guess at timing.
    /// Returns the snapshot that satisfied it, or the last one seen when
    /// `limit` passes first.
    pub async fn wait_for_stats(
        &self,
        limit: std::time::Duration,
        ready: impl Fn(&SimStats) -> bool,
    ) -> Result<SimStats, SimStats> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let s = self.stats();
            if ready(&s) {
                return Ok(s);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(s);
            }
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
    }
}
