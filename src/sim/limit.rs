//! A real rate limit: a token bucket of N calls per second (burst N) shared
//! by every /api call, answered 429 with Retry-After when empty, as a rate
//! limited API does (unlike `rate_limit_rate`, which refuses at random).

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// The bucket; `rate` 0 means no limit.
#[derive(Debug, Default)]
pub(crate) struct TokenBucket {
    state: Mutex<Option<Bucket>>,
}

#[derive(Debug)]
struct Bucket {
    rate: u32,
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    /// Take a token for a call at `now`, or say how long until one is free,
    /// in whole seconds and at least 1 (what Retry-After carries).
    pub(crate) fn take(&self, rate: u32, now: Instant) -> Result<(), Duration> {
        if rate == 0 {
            return Ok(());
        }
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        // A new or changed limit starts full.
        let b = match &mut *state {
            Some(b) if b.rate == rate => b,
            other => other.insert(Bucket {
                rate,
                tokens: f64::from(rate),
                last: now,
            }),
        };
        let per_sec = f64::from(rate);
        let elapsed = now.saturating_duration_since(b.last).as_secs_f64();
        b.tokens = (b.tokens + elapsed * per_sec).min(per_sec);
        b.last = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            return Ok(());
        }
        let secs = ((1.0 - b.tokens) / per_sec).ceil().max(1.0);
        Err(Duration::from_secs(secs as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_per_second_with_a_burst_of_n() {
        let bucket = TokenBucket::default();
        let t0 = Instant::now();
        for _ in 0..20 {
            assert_eq!(bucket.take(20, t0), Ok(()));
        }
        assert_eq!(bucket.take(20, t0), Err(Duration::from_secs(1)));
        // A token comes back every 50 ms.
        let t1 = t0 + Duration::from_millis(50);
        assert_eq!(bucket.take(20, t1), Ok(()));
        assert!(bucket.take(20, t1).is_err());
        // Over ten seconds, N per second and no more (the burst does not grow).
        let mut served = 0;
        for ms in (60..10_060).step_by(10) {
            if bucket.take(20, t0 + Duration::from_millis(ms)).is_ok() {
                served += 1;
            }
        }
        assert!((199..=201).contains(&served), "{served}");
    }

    #[test]
    fn retry_after_is_whole_seconds_until_a_token() {
        let bucket = TokenBucket::default();
        let t0 = Instant::now();
        assert_eq!(bucket.take(1, t0), Ok(()));
        assert_eq!(bucket.take(1, t0), Err(Duration::from_secs(1)));
        assert_eq!(
            bucket.take(1, t0 + Duration::from_millis(999)),
            Err(Duration::from_secs(1))
        );
        assert_eq!(bucket.take(1, t0 + Duration::from_millis(1000)), Ok(()));
        // Below one per second is not expressible; 0 is no limit at all.
        assert_eq!(bucket.take(0, t0), Ok(()));
    }
}
