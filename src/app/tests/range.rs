//! update() for range marking (`v`): an anchor, the rows to the cursor as
//! shown marked by id, Esc marking nothing, and the range following (or
//! ending with) its anchor's request as the rows change.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::Scope;
use crate::testkit::*;

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        update(app, ch(c));
    }
}

#[test]
fn v_moving_three_down_and_v_marks_the_four_rows_by_id() {
    let mut app = loaded();
    let shown = visible_ids(&app);
    update(&mut app, ch('v'));
    assert_eq!(app.scope(), Scope::Range);
    keys(&mut app, "jjj");
    assert_eq!(app.list.range_len(), 4);
    assert_eq!(app.marked_len(), 0, "nothing is marked before the second v");
    update(&mut app, ch('v'));
    assert_eq!(app.scope(), Scope::List);
    let marked: Vec<&String> = shown.iter().filter(|id| app.is_marked(id)).collect();
    assert_eq!(marked, shown[..4].iter().collect::<Vec<_>>());
    assert_eq!(toast(&app), "Marked 4 rows; 4 marked in all.");
    // `A` takes them as any marks.
    update(&mut app, ch('A'));
    let Mode::Asking(Asking::Bulk(plan)) = &app.mode else {
        panic!("no bulk dialog: {:?}", app.mode);
    };
    assert_eq!(plan.ids.len(), 4);
}

#[test]
fn a_range_upwards_and_space_mark_it_too() {
    let mut app = loaded();
    let shown = visible_ids(&app);
    keys(&mut app, "jjjj");
    update(&mut app, ch('v'));
    keys(&mut app, "kk");
    update(&mut app, ch(' '));
    assert_eq!(app.scope(), Scope::List);
    let marked: Vec<&String> = shown.iter().filter(|id| app.is_marked(id)).collect();
    assert_eq!(marked, shown[2..5].iter().collect::<Vec<_>>());
    assert_eq!(app.cursor(), 2, "space in a range does not move down");
}

#[test]
fn esc_ends_the_range_marking_nothing_and_keeps_the_filter() {
    let mut app = loaded();
    app.set_filter_text("pending");
    update(&mut app, ch('v'));
    keys(&mut app, "jj");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.scope(), Scope::List);
    assert_eq!(app.marked_len(), 0);
    assert_eq!(app.filter_text(), "pending", "Esc was the range's");
    assert_eq!(toast(&app), "Range cancelled; nothing marked.");
    // Marks made before stay as they were.
    mark(&mut app, &["REQ3epayReady"]);
    update(&mut app, ch('v'));
    update(&mut app, key(KeyCode::Esc));
    assert!(app.is_marked("REQ3epayReady"));
}

#[test]
fn a_range_over_a_filtered_list_marks_only_the_rows_shown() {
    let mut app = loaded();
    app.set_filter_text("type:verifone");
    let shown = visible_ids(&app);
    assert!(shown.len() >= 2, "{shown:?}");
    update(&mut app, ch('v'));
    update(&mut app, ch('G'));
    update(&mut app, ch('v'));
    assert_eq!(app.marked_len(), shown.len());
    for id in &shown {
        assert!(app.is_marked(id), "{id}");
    }
    app.set_filter_text("");
    assert_eq!(app.marked_len(), shown.len(), "hidden rows were not marked");
    assert!(!app.is_marked("REQ3epayReady"));
}

#[test]
fn the_anchor_keeps_its_request_through_a_sort_and_a_refresh() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('v'));
    update(&mut app, ch('j'));
    // Reversed: the anchor's request moves, and the range follows it.
    update(&mut app, ch('S'));
    let (lo, hi) = app.list.range_span().expect("a range");
    let shown = visible_ids(&app);
    assert!(shown[lo..=hi].contains(&"REQ3epayReady".to_string()));
    // A refresh with the request still there keeps the range.
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    assert_eq!(app.scope(), Scope::Range);
    update(&mut app, ch('v'));
    assert!(app.is_marked("REQ3epayReady"));
}

#[test]
fn a_refresh_without_the_anchors_request_ends_the_range_with_a_toast() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('v'));
    update(&mut app, ch('j'));
    let id = load_id(&update(&mut app, ch('r')));
    let without: Vec<_> = requests()
        .into_iter()
        .filter(|r| r.id != "REQ3epayReady")
        .collect();
    api(&mut app, page(id, without, true));
    assert_eq!(app.scope(), Scope::List);
    assert_eq!(app.marked_len(), 0);
    assert_eq!(
        toast(&app),
        "The range's first row, REQ3epayReady, is no longer shown: range marking ended, nothing marked."
    );
    // `v` starts afresh.
    update(&mut app, ch('v'));
    assert_eq!(app.scope(), Scope::Range);
}

#[test]
fn a_filter_that_hides_the_anchor_ends_the_range() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('v'));
    update(&mut app, ch('/'));
    typed(&mut app, "verifone");
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.scope(), Scope::List);
    assert!(toast(&app).contains("no longer shown"), "{}", toast(&app));
}

#[test]
fn v_on_an_empty_list_says_there_is_nothing_to_mark() {
    let mut app = loaded();
    app.set_filter_text("nothing-matches-this");
    update(&mut app, ch('v'));
    assert_eq!(app.scope(), Scope::List);
    assert!(
        toast(&app).starts_with("Nothing to mark"),
        "{}",
        toast(&app)
    );
}

/// A range started on a long list, then a filter typed: the scan runs in
/// slices (the anchor's row not among the first matches), and `v`, which
/// finishes it, marks from the anchor's place in the complete rows.
#[test]
fn a_filter_scan_under_a_range_marks_from_the_anchors_new_place() {
    let mut app = App::new(config(), now());
    app.init();
    let base = requests();
    let items: Vec<_> = (0..2_000)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("ID{i:05}");
            r
        })
        .collect();
    api(&mut app, page(1, items, true));
    app.list.filter_slice = 100;
    // Into the second request's copies: the first's are another type.
    keys(&mut app, &"j".repeat(260));
    let anchor = cursor_id(&app);
    let kind = app.cursor_request().expect("a row").kind.to_string();
    update(&mut app, ch('v'));
    update(&mut app, ch('/'));
    typed(&mut app, &format!("type:{kind}"));
    assert!(app.has_pending_work(), "the scan runs in slices");
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, ch('v'));
    assert!(!app.has_pending_work());
    let shown = visible_ids(&app);
    let at = shown.iter().position(|id| *id == anchor).expect("shown");
    assert!(at < 260, "rows above it were filtered out: {at}");
    // The cursor is back on the anchor's request: a range of one row.
    assert_eq!(cursor_id(&app), anchor);
    assert!(app.is_marked(&anchor));
    assert_eq!(app.marked_len(), 1, "not the rows between its old places");
}
