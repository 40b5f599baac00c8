//! Seed data: the hand-written merchants in assets/merchants.json and
//! integration requests generated deterministically from a seed.
//!
//! Everything is derived from the seed and a base date, the fixed
//! [`base_date`] unless the caller gives one (the demo gives the time it
//! starts), so the same config always serves byte-identical data.

use chrono::{DateTime, Duration, TimeZone, Timelike, Utc};

use super::rng::Rng;
use crate::api::model::{IntegrationRequest, IntegrationType, Merchant};

mod ages;
pub mod hostile;
mod request;
#[cfg(test)]
mod tests;
mod words;

use request::make_request;
use words::{DESCRIPTORS, KINDS, PLACES};

const MERCHANTS_JSON: &str = include_str!("../../../assets/merchants.json");

/// Size of the default seed set when no count is configured.
pub const DEFAULT_SEED_COUNT: usize = 300;

const SPAN_DAYS: i64 = 120;

/// Average requests per merchant once merchants have to be synthesised.
const PER_SYNTH_MERCHANT: usize = 5;

/// The hand-written merchants shipped with the simulator.
pub fn default_merchants() -> Vec<Merchant> {
    // The asset is compiled in and covered by tests, so a parse failure is a
    // build defect, not a runtime condition.
    serde_json::from_str(MERCHANTS_JSON).expect("assets/merchants.json is valid")
}

/// The fixed "now" the seed data is spread before.
pub fn base_date() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// chrono serializes a whole second without a fraction, but Centrapay always
/// sends milliseconds; keeping the millisecond part nonzero makes every
/// timestamp the simulator emits carry exactly three fractional digits.
pub fn with_visible_millis(t: DateTime<Utc>) -> DateTime<Utc> {
    let ms = t.nanosecond() / 1_000_000;
    let t = t.with_nanosecond(ms * 1_000_000).unwrap_or(t);
    if ms == 0 {
        t + Duration::milliseconds(1)
    } else {
        t
    }
}

// The documented types (the reference's three, then the later revision's
// four) in rough order of how common they are.
const TYPES: [(&str, u32); 7] = [
    ("epay", 30),
    ("verifone", 20),
    ("windcave", 20),
    ("smartpay", 8),
    ("invenco", 6),
    ("skyzer", 6),
    ("vista", 4),
];

/// The one seeded record of a type no revision documents, kept so a client's
/// tolerance of future types is exercised; plainly not a real vendor.
pub const FUTURE_TYPE: &str = "futurepay";

pub struct Seeded {
    pub merchants: Vec<Merchant>,
    /// Sorted by createdAt ascending.
    pub requests: Vec<IntegrationRequest>,
}

/// Generate `count` requests (the default set when `None`).
pub fn generate(seed: u64, count: Option<usize>) -> Seeded {
    generate_with(seed, count, None)
}

/// [`generate`] for `merchants` in place of the built-in ones, when given.
pub fn generate_with(seed: u64, count: Option<usize>, merchants: Option<Vec<Merchant>>) -> Seeded {
    generate_at(seed, count, merchants, base_date())
}

/// [`generate_with`] with ages counted back from `base` instead of
/// [`base_date`]; the ids, types, statuses and merchants are the same.
pub fn generate_at(
    seed: u64,
    count: Option<usize>,
    merchants: Option<Vec<Merchant>>,
    base: DateTime<Utc>,
) -> Seeded {
    let n = count.unwrap_or(DEFAULT_SEED_COUNT);
    let mut rng = Rng::new(seed);
    let mut merchants = merchants.unwrap_or_else(default_merchants);
    let base_capacity = merchants.len() * PER_SYNTH_MERCHANT;
    if n > base_capacity {
        let extra = (n - base_capacity).div_ceil(PER_SYNTH_MERCHANT);
        synthesise_merchants(&mut rng, &mut merchants, extra);
    }

    let counts = per_merchant_counts(&mut rng, merchants.len(), n);
    let span_ms = SPAN_DAYS * 24 * 3600 * 1000;
    // A few Centrapay staff approve and reject requests.
    let staff: Vec<String> = (0..6)
        .map(|_| format!("crn::user:{}", rng.base62(22)))
        .collect();

    let mut requests = Vec::with_capacity(n);
    for (m, &k) in merchants.iter().zip(&counts) {
        for kind in pick_types(&mut rng, k) {
            requests.push(make_request(&mut rng, m, kind, base, span_ms, &staff));
        }
    }
    make_one_future(&mut rng, &mut requests);
    requests.sort_by_key(|r| r.created_at);
    Seeded {
        merchants,
        requests,
    }
}

/// Turn one record into the future type. Its merchant has no other record
/// of that type, so merchantId + type stays unique.
fn make_one_future(rng: &mut Rng, requests: &mut [IntegrationRequest]) {
    if requests.is_empty() {
        return;
    }
    let i = rng.below(requests.len() as u64) as usize;
    let r = &mut requests[i];
    r.kind = IntegrationType::Unknown(FUTURE_TYPE.to_string());
    r.product = None;
}

/// How many requests each merchant gets: random around the average, then
/// nudged one at a time until the total is exactly `n`.
fn per_merchant_counts(rng: &mut Rng, merchants: usize, n: usize) -> Vec<usize> {
    let max = TYPES.len();
    if merchants == 0 {
        return Vec::new();
    }
    let avg = n / merchants;
    let lo = avg.saturating_sub(2) as u64;
    let hi = (avg + 2).min(max) as u64;
    let mut counts: Vec<usize> = (0..merchants).map(|_| rng.range(lo, hi) as usize).collect();
    let mut total: usize = counts.iter().sum();
    let n = n.min(merchants * max);
    while total < n {
        let i = rng.below(merchants as u64) as usize;
        if counts[i] < max {
            counts[i] += 1;
            total += 1;
        }
    }
    while total > n {
        let i = rng.below(merchants as u64) as usize;
        if counts[i] > 0 {
            counts[i] -= 1;
            total -= 1;
        }
    }
    counts
}

/// `k` distinct types, weighted by popularity; distinct per merchant is what
/// keeps merchantId + type unique.
fn pick_types(rng: &mut Rng, k: usize) -> Vec<IntegrationType> {
    let mut weights: Vec<u32> = TYPES.iter().map(|t| t.1).collect();
    let mut out = Vec::with_capacity(k);
    for _ in 0..k.min(TYPES.len()) {
        let i = rng.weighted(&weights);
        weights[i] = 0;
        out.push(IntegrationType::parse(TYPES[i].0));
    }
    out
}

/// Extra merchants for large seed counts, grouped into accounts of about ten.
fn synthesise_merchants(rng: &mut Rng, merchants: &mut Vec<Merchant>, extra: usize) {
    merchants.reserve(extra);
    let mut account = String::new();
    let mut country = "NZ";
    for i in 0..extra {
        if i % 10 == 0 {
            account = rng.base62(22);
            country = if rng.chance(0.7) { "NZ" } else { "AU" };
        }
        let name = format!(
            "{} {} {}",
            rng.pick(&DESCRIPTORS),
            rng.pick(&KINDS),
            rng.pick(&PLACES)
        );
        merchants.push(Merchant {
            id: rng.hex24(),
            account_id: Some(account.clone()),
            name,
            country: Some(country.to_string()),
            test: rng.chance(0.02),
        });
    }
}
