//! Retrying calls where that is safe, and confirming mutations whose
//! response was lost.

use std::future::Future;
use std::time::Duration;

use super::client::Client;
use super::error::ApiError;
use super::model::{IntegrationRequest, NewIntegrationRequest};
use super::pages::Pages;

/// How hard to try before giving up.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub base: Duration,
    pub max: Duration,
}

pub use super::throttle::MAX_RETRY_AFTER;

/// How many 429s one call sits out before it fails. A 429 is not an attempt:
/// the server did not process the call, and the client's shared pause
/// (see [`super::throttle`]) has already waited its Retry-After.
pub const MAX_RATE_LIMITED: u32 = 100;

/// For a 429: whether to send again, without counting an attempt; the wait
/// is the shared pause the next call goes through, so nothing sleeps here.
/// `None` for any other error.
fn rate_limited_again(e: &ApiError, rate_limited: &mut u32) -> Option<bool> {
    if !matches!(e, ApiError::RateLimited { .. }) {
        return None;
    }
    *rate_limited += 1;
    Some(*rate_limited <= MAX_RATE_LIMITED)
}

impl Default for RetryPolicy {
    /// Four attempts, 200 ms base doubling to at most 5 s. Only in test
    /// builds (the `testkit` feature) can the environment lower them.
    fn default() -> Self {
        let standard = RetryPolicy {
            attempts: 4,
            base: Duration::from_millis(200),
            max: Duration::from_secs(5),
        };
        #[cfg(any(test, feature = "testkit"))]
        let standard = {
            let (attempts, base, max) =
                super::retry_knobs::from_env(standard.attempts, standard.base, standard.max);
            RetryPolicy {
                attempts,
                base,
                max,
            }
        };
        standard
    }
}

impl RetryPolicy {
    pub const NONE: RetryPolicy = RetryPolicy {
        attempts: 1,
        base: Duration::ZERO,
        max: Duration::ZERO,
    };

    /// Exponential backoff with full jitter, or the server's Retry-After.
    pub fn delay(&self, attempt: u32, err: &ApiError) -> Duration {
        if let ApiError::RateLimited {
            retry_after: Some(d),
        } = err
        {
            return (*d).min(MAX_RETRY_AFTER);
        }
        let exp = self
            .base
            .saturating_mul(1u32 << attempt.min(16))
            .min(self.max);
        let nanos = exp.as_nanos() as u64;
        if nanos == 0 {
            return Duration::ZERO;
        }
        // Half fixed, half random: spreads retries of a bulk run apart.
        Duration::from_nanos(nanos / 2 + jitter(nanos / 2 + 1))
    }
}

fn jitter(bound: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(bound);
    h.finish() % bound
}

/// Retry a read (safe to repeat) on transient failures.
pub async fn read<T, F, Fut>(policy: RetryPolicy, mut call: F) -> Result<T, ApiError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut retries = Retries::new(policy, "read");
    loop {
        let out = call().await;
        if !retries.again(&out).await {
            return out;
        }
    }
}

/// The next page of a search, retrying transient failures of that page.
pub async fn next_page(
    pages: &mut Pages,
    policy: RetryPolicy,
) -> Result<Option<Vec<IntegrationRequest>>, ApiError> {
    let mut retries = Retries::new(policy, "page");
    loop {
        let out = pages.next_page().await;
        if !retries.again(&out).await {
            return out;
        }
    }
}

/// The one retry rule for calls that are safe to repeat: a transient
/// failure is tried again after [`RetryPolicy::delay`], up to the attempts.
struct Retries {
    policy: RetryPolicy,
    what: &'static str,
    attempt: u32,
    rate_limited: u32,
}

impl Retries {
    fn new(policy: RetryPolicy, what: &'static str) -> Self {
        Retries {
            policy,
            what,
            attempt: 0,
            rate_limited: 0,
        }
    }

    /// Whether to try again after `out`; waits out the delay first if so.
    async fn again<T>(&mut self, out: &Result<T, ApiError>) -> bool {
        let Err(e) = out else {
            return false;
        };
        if let Some(again) = rate_limited_again(e, &mut self.rate_limited) {
            return again;
        }
        if !e.is_transient() || self.attempt + 1 >= self.policy.attempts {
            return false;
        }
        let d = self.policy.delay(self.attempt, e);
        let (what, attempt) = (self.what, self.attempt);
        tracing::debug!(error = %e.label(), attempt, delay_ms = d.as_millis() as u64, "retrying {what}");
        tokio::time::sleep(d).await;
        self.attempt += 1;
        true
    }
}

/// How an activation ended when it succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Activation {
    /// This call activated it: the server answered it with the active request.
    Activated(IntegrationRequest),
    /// An answer was lost, and reading the request back shows it active. The
    /// read-back cannot tell whether this call or someone else's did it, so it
    /// is reported as `confirmed active`, never as `activated`.
    Confirmed(Option<IntegrationRequest>),
    /// The server refused because it was already active (someone else got
    /// there first); the request as read back afterwards, for its `updatedBy`.
    AlreadyActive(Option<IntegrationRequest>),
}

impl Activation {
    pub fn request(&self) -> Option<&IntegrationRequest> {
        match self {
            Activation::Activated(r) => Some(r),
            Activation::Confirmed(r) | Activation::AlreadyActive(r) => r.as_ref(),
        }
    }

    /// The short outcome: `activated`, `confirmed active` or `already active`.
    pub fn label(&self) -> &'static str {
        match self {
            Activation::Activated(_) => "activated",
            Activation::Confirmed(_) => "confirmed active",
            Activation::AlreadyActive(_) => "already active",
        }
    }

    /// Who activated a request that was already active (its `updatedBy`),
    /// cleaned for a terminal.
    pub fn activated_by(&self) -> Option<String> {
        match self {
            Activation::AlreadyActive(Some(r)) => r
                .updated_by
                .as_deref()
                .map(crate::text::clean)
                .filter(|by| !by.is_empty()),
            _ => None,
        }
    }

    /// The label with who activated it when known, e.g.
    /// `already active (activated by crn::user:1)`.
    pub fn describe(&self) -> String {
        match self.activated_by() {
            Some(by) => format!("{} (activated by {by})", self.label()),
            None => self.label().to_string(),
        }
    }
}

/// Activate, retrying transient failures. Repeating an activation is safe:
/// the server answers INTEGRATION_ALREADY_ACTIVATED instead of acting twice.
///
/// - INTEGRATION_ALREADY_ACTIVATED before any attempt could have reached the
///   server is [`Activation::AlreadyActive`] (someone else got there first);
///   the request is read back to name who (`updatedBy`).
/// - After an attempt whose answer was lost (dropped connection, timeout,
///   5xx, unreadable body), the same answer may mean our call did it or that
///   another operator did meanwhile: the request is read back and reported as
///   [`Activation::Confirmed`], which claims no credit.
/// - When the attempts run out after such a lost answer, the request is read
///   back too, so an activation that did happen is never reported as failed.
pub async fn activate(
    client: &Client,
    policy: RetryPolicy,
    id: &str,
) -> Result<Activation, ApiError> {
    let read_back = || read(policy, || client.get(id));
    activate_with(client, policy, id, read_back, read_back).await
}

/// [`activate`], with its two reads given by the caller: `name_who` after
/// INTEGRATION_ALREADY_ACTIVATED (any current copy will do), `after_lost`
/// after an answer was lost (it must begin after the call was sent). The
/// core reads through its fresh copies, so a server that reads only by
/// search is not searched once per id.
pub async fn activate_with<N, NF, L, LF>(
    client: &Client,
    policy: RetryPolicy,
    id: &str,
    name_who: N,
    after_lost: L,
) -> Result<Activation, ApiError>
where
    N: Fn() -> NF,
    NF: Future<Output = Result<IntegrationRequest, ApiError>>,
    L: Fn() -> LF,
    LF: Future<Output = Result<IntegrationRequest, ApiError>>,
{
    let mut attempt = 0;
    let mut rate_limited = 0;
    let mut maybe_applied = false;
    loop {
        let e = match client.activate(id).await {
            Ok(r) => return Ok(Activation::Activated(r)),
            // The server's own answer stands when it cannot be read back.
            Err(ApiError::AlreadyActivated) if maybe_applied => {
                let active = after_lost()
                    .await
                    .ok()
                    .filter(IntegrationRequest::is_active);
                return Ok(Activation::Confirmed(active));
            }
            Err(ApiError::AlreadyActivated) => {
                let active = name_who().await.ok().filter(IntegrationRequest::is_active);
                return Ok(Activation::AlreadyActive(active));
            }
            Err(e) => e,
        };
        // Not processed, so sending again cannot act twice.
        match rate_limited_again(&e, &mut rate_limited) {
            Some(true) => continue,
            Some(false) => return Err(e),
            None => {}
        }
        maybe_applied |= e.outcome_unknown();
        if !(e.is_transient() && attempt + 1 < policy.attempts) {
            if maybe_applied && e.is_transient() {
                return confirm_or(id, after_lost, e).await;
            }
            return Err(e);
        }
        let d = policy.delay(attempt, &e);
        tracing::debug!(id, error = %e.label(), attempt, delay_ms = d.as_millis() as u64, "retrying activate");
        tokio::time::sleep(d).await;
        attempt += 1;
    }
}

/// Out of attempts after a lost response: active on the server means it
/// was done (by this call or another's); pending means it was not, so the
/// last error stands; a read-back that fails leaves it unknown.
async fn confirm_or<R, Fut>(id: &str, read_back: R, last: ApiError) -> Result<Activation, ApiError>
where
    R: Fn() -> Fut,
    Fut: Future<Output = Result<IntegrationRequest, ApiError>>,
{
    match read_back().await {
        Ok(r) if r.is_active() => Ok(Activation::Confirmed(Some(r))),
        Ok(_) => Err(last),
        Err(_) => Err(ApiError::unconfirmed(id, "activated", last.label())),
    }
}

/// Set a terminalId, retrying transient failures: setting the same value
/// twice leaves the same state, so repeating is safe.
pub async fn update_terminal_id(
    client: &Client,
    policy: RetryPolicy,
    id: &str,
    terminal_id: &str,
) -> Result<IntegrationRequest, ApiError> {
    read(policy, || client.update_terminal_id(id, terminal_id)).await
}

/// Create, retrying only failures where the server cannot have acted
/// (refused connection, rate limit); a lost response is reported, not retried,
/// so a request is never created twice by accident.
pub async fn create(
    client: &Client,
    policy: RetryPolicy,
    new: &NewIntegrationRequest,
) -> Result<IntegrationRequest, ApiError> {
    let (mut attempt, mut rate_limited) = (0, 0);
    loop {
        match client.create(new).await {
            Err(e) if rate_limited_again(&e, &mut rate_limited) == Some(true) => {}
            Err(e) if e.never_sent() && attempt + 1 < policy.attempts => {
                tokio::time::sleep(policy.delay(attempt, &e)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_grows_is_capped_and_honours_retry_after() {
        let p = RetryPolicy::default();
        let e = ApiError::Server {
            status: 500,
            message: String::new(),
        };
        for a in 0..10 {
            let d = p.delay(a, &e);
            assert!(d <= p.max, "{d:?}");
            assert!(d >= p.base.saturating_mul(1 << a.min(16)).min(p.max) / 2);
        }
        let rl = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(2)),
        };
        assert_eq!(p.delay(0, &rl), Duration::from_secs(2));
        let huge = ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(86_400)),
        };
        assert_eq!(p.delay(0, &huge), MAX_RETRY_AFTER);
    }

    // Paused clock: any sleep would show as elapsed time.
    #[tokio::test(start_paused = true)]
    async fn a_429_is_retried_at_once_and_costs_no_attempt() {
        let policy = RetryPolicy {
            attempts: 2,
            base: Duration::from_secs(1),
            max: Duration::from_secs(1),
        };
        let started = tokio::time::Instant::now();
        let calls = std::cell::Cell::new(0);
        let out = read(policy, || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move {
                match n {
                    1..=5 => Err(ApiError::RateLimited {
                        retry_after: Some(Duration::from_secs(3)),
                    }),
                    _ => Ok(n),
                }
            }
        })
        .await;
        assert_eq!(out, Ok(6), "five 429s, then an answer, with 2 attempts");
        // The client's shared pause waits out Retry-After; read adds nothing.
        assert_eq!(started.elapsed(), Duration::ZERO);

        let calls = std::cell::Cell::new(0u32);
        let out: Result<(), ApiError> = read(policy, || {
            calls.set(calls.get() + 1);
            async { Err(ApiError::RateLimited { retry_after: None }) }
        })
        .await;
        assert!(matches!(out, Err(ApiError::RateLimited { .. })));
        assert_eq!(calls.get(), MAX_RATE_LIMITED + 1, "bounded");
    }

    #[test]
    fn jitter_spreads_delays() {
        let p = RetryPolicy {
            attempts: 4,
            base: Duration::from_millis(100),
            max: Duration::from_secs(5),
        };
        let e = ApiError::Timeout {
            after: Duration::from_secs(1),
        };
        let delays: std::collections::HashSet<Duration> = (0..20).map(|_| p.delay(2, &e)).collect();
        assert!(delays.len() > 5, "{delays:?}");
    }
}
