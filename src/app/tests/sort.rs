//! update() for the sort: by merchant it is the name shown that orders the
//! rows, and names arriving move only that merchant's rows.

use crate::app::*;
use crate::testkit::*;

/// From the age sort, `s` three times: status, type, merchant.
fn sort_by_merchant(app: &mut App) {
    for _ in 0..3 {
        update(app, ch('s'));
    }
    assert_eq!(app.list.sort, SortKey::Merchant);
}

/// By name, case aside; REQ5active's merchant is unknown, so its id
/// (`60a8…`) stands in and digits come before letters.
const BY_NAME: [&str; 8] = [
    "REQ5active",     // 60a848820346ce068b21ea85
    "REQ2epayNoTid",  // Cafe Aroha
    "REQ4windcaveT9", // Harbourside Cafe & Bar
    "REQ8smartpay",   // Kauri Motors
    "REQ1verifone",   // Kowhai Coffee House
    "REQ6rejected",   // Pohutukawa Pharmacy
    "REQ7verifone",   // Rimu Hardware
    "REQ3epayReady",  // Tui Books
];

#[test]
fn sorting_by_merchant_orders_by_the_name_shown_not_the_id() {
    let mut app = named();
    update(&mut app, ch('p'));
    sort_by_merchant(&mut app);
    assert_eq!(visible_ids(&app), BY_NAME);
    update(&mut app, ch('S'));
    let mut reversed = BY_NAME;
    reversed.reverse();
    assert_eq!(visible_ids(&app), reversed);
}

#[test]
fn names_arriving_while_sorted_by_merchant_move_their_rows() {
    let mut app = loaded();
    update(&mut app, ch('p'));
    sort_by_merchant(&mut app);
    // No names yet: the ids order the rows.
    assert_eq!(
        visible_ids(&app),
        [
            "REQ1verifone",   // 5ee0…
            "REQ4windcaveT9", // 5f9b…
            "REQ5active",     // 60a8…
            "REQ6rejected",   // 612d…
            "REQ3epayReady",  // 62e0…
            "REQ8smartpay",   // 6324…
            "REQ2epayNoTid",  // 6455…
            "REQ7verifone",   // 655c…
        ]
    );
    move_to(&mut app, "REQ3epayReady");
    for (id, m) in merchants() {
        api(
            &mut app,
            ApiEvent::Merchant {
                merchant_id: id.into(),
                merchant: m,
            },
        );
        // The cursor stays on its request while rows move around it.
        assert_eq!(cursor_id(&app), "REQ3epayReady");
    }
    assert_eq!(visible_ids(&app), BY_NAME);
    // A filter's rows follow the names too.
    app.set_filter_text("type:epay");
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid", "REQ3epayReady"]);
}

#[test]
fn names_arriving_under_another_sort_leave_the_order_alone() {
    let mut app = loaded();
    update(&mut app, ch('p'));
    let before = visible_ids(&app);
    let generation = app.list.generation;
    for (id, m) in merchants() {
        api(
            &mut app,
            ApiEvent::Merchant {
                merchant_id: id.into(),
                merchant: m,
            },
        );
    }
    assert_eq!(visible_ids(&app), before);
    // Only the names' own bump per answer: no re-sort.
    let answered = merchants().iter().filter(|(_, m)| m.is_some()).count() as u64;
    assert_eq!(app.list.generation, generation + answered);
}

#[test]
fn sort_labels_say_what_they_mean() {
    assert_eq!(SortKey::Age.describe(false), "oldest first");
    assert_eq!(SortKey::Age.describe(true), "newest first");
    assert_eq!(SortKey::Merchant.describe(false), "merchant A→Z");
    assert_eq!(SortKey::Merchant.describe(true), "merchant Z→A");
    // Oldest first puts the biggest ages on top: the age column falls.
    assert!(!SortKey::Age.values_rise(false));
    assert!(SortKey::Merchant.values_rise(false));
}
