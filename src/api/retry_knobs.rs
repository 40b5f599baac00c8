//! The retry policy's knobs for tests, read from the environment: built
//! only with the `testkit` feature (the tests and benches), never in a
//! release build, so no environment variable changes how hard the product
//! retries.

use std::time::Duration;

/// The backoff base in milliseconds (the cap scales with it), so a run
/// against a faulty simulator does not sleep for real.
pub const BASE_ENV: &str = "INTAKE_RETRY_BASE_MS";

/// How many attempts (1 to 20), so a test that injects heavy faults can rule
/// out a call failing every attempt by chance.
pub const ATTEMPTS_ENV: &str = "INTAKE_RETRY_ATTEMPTS";

/// The standard attempts, backoff base and cap with what the environment
/// sets (plain values, so the policy depends on its knobs and not back).
pub fn from_env(attempts: u32, base: Duration, max: Duration) -> (u32, Duration, Duration) {
    let attempts = std::env::var(ATTEMPTS_ENV)
        .ok()
        .as_deref()
        .and_then(parse_attempts)
        .unwrap_or(attempts);
    match std::env::var(BASE_ENV)
        .ok()
        .as_deref()
        .and_then(parse_base_ms)
    {
        Some(base) => (attempts, base, base.saturating_mul(25)),
        None => (attempts, base, max),
    }
}

fn parse_attempts(raw: &str) -> Option<u32> {
    raw.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=20).contains(n))
}

fn parse_base_ms(raw: &str) -> Option<Duration> {
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|ms| *ms <= 10_000)
        .map(Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_env_values() {
        assert_eq!(parse_base_ms("5"), Some(Duration::from_millis(5)));
        assert_eq!(parse_base_ms(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_base_ms("fast"), None);
        assert_eq!(parse_base_ms("99999999"), None);
        assert_eq!(parse_attempts(" 8 "), Some(8));
        assert_eq!(parse_attempts("0"), None);
        assert_eq!(parse_attempts("21"), None);
        assert_eq!(parse_attempts("many"), None);
    }
}
