//! How old a seeded request is: the seed's uniform offset bent towards the
//! recent, so a queue looks like a real one (most requests days old, a tail
//! of forgotten ones) and the SLA marker picks out a minority.

/// (share of the uniform offset, age in days) knots, rising. Between knots
/// the age is interpolated linearly, so each span between knots gets its
/// share of the requests: a fifth under a day, half between one and seven
/// days, and the rest over a week, the oldest at the full span. The knots
/// sit on the backlog panel's age buckets, so its chart shows the shape.
const KNOTS: [(f64, f64); 6] = [
    (0.0, 0.0),
    (0.20, 1.0),
    (0.45, 3.0),
    (0.70, 7.0),
    (0.85, 28.0),
    (1.0, super::SPAN_DAYS as f64),
];

const DAY_MS: f64 = 24.0 * 3600.0 * 1000.0;

/// The age in milliseconds for a uniform `offset` in `1..=span_ms`: at least
/// 1, never more than the span, and rising with the offset so the order of
/// offsets is the order of ages.
pub(super) fn skewed(offset: i64, span_ms: i64) -> i64 {
    if span_ms <= 0 {
        return offset.max(1);
    }
    let u = (offset as f64 / span_ms as f64).clamp(0.0, 1.0);
    let days = KNOTS
        .windows(2)
        .find(|w| u <= w[1].0)
        .map_or(super::SPAN_DAYS as f64, |w| {
            let ((u0, d0), (u1, d1)) = (w[0], w[1]);
            d0 + (d1 - d0) * (u - u0) / (u1 - u0)
        });
    ((days * DAY_MS) as i64).clamp(1, span_ms)
}

/// `later`, drawn in `1..=offset` for the uniform offset, scaled into the
/// skewed age, so an update still falls between creation and the base.
pub(super) fn scaled(later: i64, offset: i64, age: i64) -> i64 {
    if offset <= 0 {
        return later.min(age);
    }
    let scaled = i128::from(later) * i128::from(age) / i128::from(offset);
    i64::try_from(scaled).unwrap_or(age).clamp(1, age.max(1))
}
