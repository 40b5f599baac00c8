//! One client's answer to a rate limit: a 429 pauses every call of the
//! session until its Retry-After has passed (one shared pause, not each call
//! its own backoff), and the number of calls in flight adapts: halved on a
//! 429, grown by one after a run of successes, back to unlimited (the
//! caller's own concurrency) once it reaches the level it was cut from.
//!
//! A 429 that names a wait (Retry-After of a second or more) is what a token
//! bucket answers, so the throttle also paces the starts of calls at the rate
//! the server allowed before it: the calls answered since the last pause,
//! over that time plus the wait (a bucket refills during the wait, so the
//! wait belongs to the period). Without pacing, the calls let in after each
//! pause drain the refilled bucket at once and come back 429 together, a
//! wave per pause. A 429 that asks for no wait (Retry-After: 0) is not a
//! bucket's and sets no pace.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// The pause when a 429 carries no Retry-After.
pub const DEFAULT_PAUSE: Duration = Duration::from_secs(1);

/// The longest a server's Retry-After is honoured before giving up waiting.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// The longest pause a Retry-After can impose.
const MAX_PAUSE: Duration = MAX_RETRY_AFTER;

/// Successes in a row before the window grows by one. Slow on purpose: a
/// token bucket refills at a fixed rate, so growing fast only drains it
/// again and buys more 429s.
pub const GROWTH_RUN: u32 = 50;

/// A pace grows by its twentieth after each run of [`GROWTH_RUN`] successes,
/// so an estimate that came out low does not hold a run back for good.
const PACE_GROWTH_DIVISOR: f64 = 20.0;

/// Faster than this many starts a second is no pace at all.
const PACE_CEILING: f64 = 10_000.0;

/// Shared by every clone of a [`super::Client`].
#[derive(Debug, Default)]
pub struct Throttle {
    state: Mutex<State>,
    changed: Notify,
}

#[derive(Debug, Default)]
struct State {
    paused_until: Option<Instant>,
    /// Calls allowed in flight; `None` until the first 429.
    window: Option<usize>,
    /// The in-flight level the first cut was made from: growing back to it
    /// lifts the window, so it never exceeds what the caller chose.
    ceiling: usize,
    in_flight: usize,
    successes: u32,
    rate_limited: u64,
    /// Starts allowed per second, once a bucket's 429 was seen.
    pace: Option<f64>,
    /// The earliest the next call may start under the pace.
    next_start: Option<Instant>,
    /// Since when `answered` counts: the first call, then each pause's end.
    period_start: Option<Instant>,
    answered: u32,
}

/// What the throttle is doing, for tests and logs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThrottleView {
    pub window: Option<usize>,
    pub paused: bool,
    pub in_flight: usize,
    pub rate_limited: u64,
    /// Starts a second, while the throttle paces.
    pub pace: Option<f64>,
}

/// A place among the calls in flight; dropping it frees the place.
#[derive(Debug)]
pub struct Slot<'a> {
    throttle: &'a Throttle,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.throttle.lock().in_flight -= 1;
        self.throttle.changed.notify_waiters();
    }
}

impl Throttle {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wait until no pause is on, the window has room and the pace allows a
    /// start, then take a place.
    pub async fn enter(&self) -> Slot<'_> {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            let not_before = {
                let mut s = self.lock();
                let now = Instant::now();
                match s.not_before(now) {
                    Some(until) => Some(until),
                    None if s.window.is_none_or(|w| s.in_flight < w) => {
                        s.start(now);
                        return Slot { throttle: self };
                    }
                    None => None,
                }
            };
            match not_before {
                Some(until) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(until) => {}
                        () = changed => {}
                    }
                }
                None => changed.await,
            }
        }
    }

    /// A call holding `_slot` was answered 429: pause everyone, and cut the
    /// window unless this 429 belongs to a pause already on (the calls that
    /// were in flight together are one signal, not several).
    pub fn rate_limited(&self, _slot: &Slot<'_>, retry_after: Option<Duration>) {
        let now = Instant::now();
        let until = now + retry_after.unwrap_or(DEFAULT_PAUSE).min(MAX_PAUSE);
        let mut s = self.lock();
        s.rate_limited += 1;
        s.successes = 0;
        let ongoing = s.paused_until.is_some_and(|p| p > now);
        if !ongoing {
            let level = s.window.unwrap_or(s.in_flight).min(s.in_flight).max(1);
            s.ceiling = s.ceiling.max(s.in_flight);
            s.window = Some((level / 2).max(1));
            if let Some(wait) = retry_after.filter(|w| !w.is_zero()) {
                s.learn_pace(now, wait.min(MAX_PAUSE));
            }
            s.period_start = Some(until);
            s.answered = 0;
        }
        s.paused_until = Some(s.paused_until.map_or(until, |p| p.max(until)));
        drop(s);
        self.changed.notify_waiters();
    }

    /// A call was answered (anything but a 429).
    pub fn succeeded(&self) {
        let mut s = self.lock();
        s.answered = s.answered.saturating_add(1);
        let Some(w) = s.window else {
            return;
        };
        s.successes += 1;
        if s.successes >= GROWTH_RUN {
            s.successes = 0;
            s.window = (w + 1 < s.ceiling).then_some(w + 1);
            s.pace = s
                .pace
                .map(|p| p + p / PACE_GROWTH_DIVISOR)
                .filter(|p| *p < PACE_CEILING);
            drop(s);
            self.changed.notify_waiters();
        }
    }

    pub fn view(&self) -> ThrottleView {
        let s = self.lock();
        ThrottleView {
            window: s.window,
            paused: s.paused_until.is_some_and(|p| p > Instant::now()),
            in_flight: s.in_flight,
            rate_limited: s.rate_limited,
            pace: s.pace,
        }
    }
}

impl State {
    /// When a call may start, if not now: the pause's end or the pace's
    /// next start, whichever is later.
    fn not_before(&self, now: Instant) -> Option<Instant> {
        [self.paused_until, self.next_start]
            .into_iter()
            .flatten()
            .filter(|t| *t > now)
            .max()
    }

    fn start(&mut self, now: Instant) {
        self.in_flight += 1;
        self.period_start.get_or_insert(now);
        if let Some(pace) = self.pace {
            self.next_start = Some(now + Duration::from_secs_f64(1.0 / pace));
        }
    }

    /// The rate the server allowed since the last pause: what it answered,
    /// over the time since then plus the wait it asks for now. With nothing
    /// answered there is nothing to learn from, and the pace stays.
    fn learn_pace(&mut self, now: Instant, wait: Duration) {
        let Some(since) = self.period_start else {
            return;
        };
        if self.answered == 0 {
            return;
        }
        let period = now.saturating_duration_since(since) + wait;
        let pace = f64::from(self.answered) / period.as_secs_f64();
        self.pace = (pace < PACE_CEILING).then_some(pace);
        self.next_start = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;
    use std::sync::Arc;

    // Paused clock: sleeps advance virtual time, so the instants below are
    // the schedule itself, not how busy the machine is.
    #[tokio::test(start_paused = true)]
    async fn one_429_pauses_every_call_until_retry_after() {
        let t = Arc::new(Throttle::default());
        let t0 = Instant::now();
        {
            let slot = t.enter().await;
            t.rate_limited(&slot, Some(Duration::from_secs(2)));
        }
        let waiters: Vec<_> = (0..3)
            .map(|_| {
                let t = t.clone();
                tokio::spawn(async move {
                    let _slot = t.enter().await;
                    Instant::now()
                })
            })
            .collect();
        for w in waiters {
            // No call starts during the pause, and none waits longer.
            assert_eq!(w.await.expect("join") - t0, Duration::from_secs(2));
        }
        assert!(!t.view().paused);
        assert_eq!(t.view().rate_limited, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn no_retry_after_pauses_a_second_and_huge_ones_are_capped() {
        let t = Throttle::default();
        let t0 = Instant::now();
        let slot = t.enter().await;
        t.rate_limited(&slot, None);
        drop(slot);
        drop(t.enter().await);
        assert_eq!(Instant::now() - t0, DEFAULT_PAUSE);
        let slot = t.enter().await;
        t.rate_limited(&slot, Some(Duration::from_secs(86_400)));
        drop(slot);
        drop(t.enter().await);
        assert_eq!(Instant::now() - t0, DEFAULT_PAUSE + MAX_PAUSE);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrency_halves_on_a_429_and_grows_back_slowly() {
        let t = Throttle::default();
        let slots: Vec<_> = (0..8).map(|_| t.enter().now_or_never()).collect();
        let slots: Vec<Slot<'_>> = slots.into_iter().map(|s| s.expect("no limit")).collect();
        t.rate_limited(&slots[0], Some(Duration::from_secs(1)));
        assert_eq!(t.view().window, Some(4));
        // The others in flight together answer 429 too: one signal, one cut.
        for s in &slots[1..] {
            t.rate_limited(s, Some(Duration::from_secs(1)));
        }
        assert_eq!(t.view().window, Some(4));
        drop(slots);
        tokio::time::sleep(Duration::from_secs(1)).await;

        let held: Vec<_> = (0..4).map(|_| t.enter().now_or_never()).collect();
        assert!(held.iter().all(Option::is_some));
        assert!(t.enter().now_or_never().is_none(), "a fifth waits");
        // A later 429 cuts again, never below one.
        t.rate_limited(held[0].as_ref().expect("slot"), None);
        assert_eq!(t.view().window, Some(2));
        drop(held);
        tokio::time::sleep(DEFAULT_PAUSE).await;
        let one = t.enter().await;
        t.rate_limited(&one, None);
        assert_eq!(t.view().window, Some(1));
        drop(one);
        tokio::time::sleep(DEFAULT_PAUSE).await;
        let one = t.enter().await;
        assert!(t.enter().now_or_never().is_none());
        t.rate_limited(&one, None);
        assert_eq!(t.view().window, Some(1), "never below one");
        drop(one);

        // One more place per run of successes, up to where it was cut from
        // (8 in flight), and then no limit of its own.
        for grown in 2..8 {
            for _ in 0..GROWTH_RUN {
                t.succeeded();
            }
            assert_eq!(t.view().window, Some(grown));
        }
        for _ in 0..GROWTH_RUN - 1 {
            t.succeeded();
        }
        assert_eq!(t.view().window, Some(7));
        t.succeeded();
        assert_eq!(t.view().window, None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_buckets_429_paces_starts_at_the_rate_it_allowed() {
        let t = Throttle::default();
        let t0 = Instant::now();
        // Twenty answered in the first second, then a 429 asking for 1 s:
        // the server allowed 20 calls in 2 s.
        for _ in 0..20 {
            drop(t.enter().await);
            t.succeeded();
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let slot = t.enter().await;
        t.rate_limited(&slot, Some(Duration::from_secs(1)));
        drop(slot);
        let pace = t.view().pace.expect("a bucket's 429 sets a pace");
        assert!((pace - 10.0).abs() < 1e-9, "{pace}");
        // After the pause, starts come a tenth of a second apart, however
        // many wait and however much room the window has.
        let mut starts = Vec::new();
        for _ in 0..3 {
            drop(t.enter().await);
            starts.push(Instant::now() - t0);
        }
        let ms = |d: Duration| d.as_millis();
        assert_eq!(
            starts.iter().map(|d| ms(*d)).collect::<Vec<_>>(),
            [2000, 2100, 2200]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_that_asks_for_no_wait_sets_no_pace() {
        let t = Throttle::default();
        drop(t.enter().await);
        t.succeeded();
        let slot = t.enter().await;
        t.rate_limited(&slot, Some(Duration::ZERO));
        drop(slot);
        assert_eq!(t.view().pace, None);
        // Nor does the first call's 429, with nothing answered before it.
        let t = Throttle::default();
        let slot = t.enter().await;
        t.rate_limited(&slot, Some(Duration::from_secs(1)));
        assert_eq!(t.view().pace, None);
    }

    #[tokio::test(start_paused = true)]
    async fn a_pace_grows_with_runs_of_successes() {
        let t = Throttle::default();
        for _ in 0..10 {
            drop(t.enter().await);
            t.succeeded();
        }
        let slot = t.enter().await;
        t.rate_limited(&slot, Some(Duration::from_secs(1)));
        drop(slot);
        let before = t.view().pace.expect("paced");
        for _ in 0..GROWTH_RUN {
            t.succeeded();
        }
        let after = t.view().pace.expect("still paced");
        assert!((after - before * 1.05).abs() < 1e-9, "{before} -> {after}");
    }
}
