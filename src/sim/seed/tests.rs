use std::collections::HashSet;

use super::*;

#[test]
fn asset_merchants_are_well_formed() {
    let ms = default_merchants();
    assert!(ms.len() >= 50);
    let accounts: HashSet<_> = ms.iter().map(|m| m.account_id.clone()).collect();
    assert!(accounts.len() >= 5);
    for m in &ms {
        assert_eq!(m.id.len(), 24, "{}", m.id);
        assert_eq!(m.account_id.as_deref().map(str::len), Some(22));
    }
    assert!(ms.iter().any(|m| m.test));
}

#[test]
fn default_seed_is_deterministic_and_exact() {
    let a = generate(42, None);
    let b = generate(42, None);
    assert_eq!(a.requests, b.requests);
    assert_eq!(a.requests.len(), DEFAULT_SEED_COUNT);
    assert_eq!(a.merchants.len(), default_merchants().len());
    assert!(
        a.requests
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at)
    );
}

#[test]
fn small_counts_are_exact() {
    for n in [0, 1, 7, 61, 500] {
        assert_eq!(generate(3, Some(n)).requests.len(), n);
    }
}

#[test]
fn only_documented_types_and_one_future_record() {
    let seeded = generate(42, None);
    let future: Vec<_> = seeded
        .requests
        .iter()
        .filter(|r| !IntegrationType::KNOWN.contains(&r.kind))
        .collect();
    assert_eq!(future.len(), 1);
    assert_eq!(future[0].kind.as_str(), FUTURE_TYPE);
    assert_eq!(generate(7, Some(0)).requests.len(), 0);
}

#[test]
fn a_terminal_object_always_has_the_top_level_terminal_id_beside_it() {
    let seeded = generate(42, None);
    let with_terminal: Vec<_> = seeded
        .requests
        .iter()
        .filter(|r| r.terminal.is_some())
        .collect();
    assert!(!with_terminal.is_empty());
    for r in with_terminal {
        assert_eq!(
            r.terminal_id.as_deref(),
            r.terminal.as_ref().and_then(|t| t.terminal_id.as_deref())
        );
    }
}

/// Ages of the pending requests in days, counted back from the fixed base.
fn pending_ages(seed: u64, count: Option<usize>) -> Vec<f64> {
    let base = base_date();
    generate(seed, count)
        .requests
        .iter()
        .filter(|r| r.status == crate::api::model::Status::Pending)
        .filter_map(|r| r.created_at)
        .map(|t| (base - t).num_milliseconds() as f64 / 86_400_000.0)
        .collect()
}

#[test]
fn ages_lean_recent_so_a_minority_of_pending_requests_are_over_a_week() {
    for (seed, count) in [(42, None), (7, Some(2_000))] {
        let ages = pending_ages(seed, count);
        let n = ages.len() as f64;
        let over_week = ages.iter().filter(|&&d| d > 7.0).count() as f64 / n;
        let under_day = ages.iter().filter(|&&d| d < 1.0).count() as f64 / n;
        let max = ages.iter().copied().fold(0.0, f64::max);
        assert!(
            (0.22..=0.38).contains(&over_week),
            "seed {seed}: {over_week} over a week"
        );
        assert!(under_day >= 0.1, "seed {seed}: {under_day} under a day");
        assert!(max <= SPAN_DAYS as f64, "seed {seed}: oldest {max} days");
        assert!(max > 100.0, "seed {seed}: oldest only {max} days");
        assert!(ages.iter().all(|&d| d > 0.0));
    }
}

#[test]
fn every_request_is_updated_after_it_was_created_and_not_after_the_base() {
    let base = base_date();
    for r in generate(42, Some(2_000)).requests {
        let created = r.created_at.expect("seeded createdAt");
        let updated = r.updated_at.expect("seeded updatedAt");
        assert!(created <= updated, "{}: {created} > {updated}", r.id);
        // with_visible_millis may add the one millisecond.
        assert!(updated <= base + Duration::milliseconds(1), "{}", r.id);
    }
}

#[test]
fn a_base_moves_every_timestamp_and_nothing_else() {
    let fixed = generate(42, None).requests;
    let base = base_date() + Duration::days(16);
    let moved = generate_at(42, None, None, base).requests;
    assert_eq!(fixed.len(), moved.len());
    for (a, b) in fixed.iter().zip(&moved) {
        assert_eq!(a.id, b.id);
        assert_eq!(
            (&a.kind, &a.status, &a.merchant_id),
            (&b.kind, &b.status, &b.merchant_id)
        );
        let shift = b.created_at.expect("createdAt") - a.created_at.expect("createdAt");
        assert!(
            (shift - Duration::days(16)).num_milliseconds().abs() <= 1,
            "{}",
            a.id
        );
    }
}
