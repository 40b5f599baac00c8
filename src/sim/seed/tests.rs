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
