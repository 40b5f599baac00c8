//! The cursor while a first load's pages sort in: on the top row until the
//! operator's first key, then on the request it was left on.

use crossterm::event::KeyCode;

use crate::api::IntegrationRequest;
use crate::app::*;
use crate::testkit::*;

/// The fixture's ids in the list's order once every page is in.
fn sorted_ids() -> Vec<String> {
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, requests(), true));
    visible_ids(&app)
}

/// The fixture's requests split so the first page holds the rows that
/// sort last: the second page sorts entirely above the first.
fn pages_bottom_first() -> (Vec<IntegrationRequest>, Vec<IntegrationRequest>) {
    let order = sorted_ids();
    let (top, bottom) = order.split_at(order.len() / 2);
    let pick = |ids: &[String]| {
        requests()
            .into_iter()
            .filter(|r| ids.contains(&r.id))
            .collect::<Vec<_>>()
    };
    (pick(bottom), pick(top))
}

#[test]
fn the_cursor_stays_on_the_top_row_while_pages_sort_above_it() {
    let order = sorted_ids();
    let (first, second) = pages_bottom_first();
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, first, false));
    assert_eq!(app.list.cursor, 0);
    api(&mut app, page(1, second, true));
    assert_eq!(app.list.cursor, 0);
    assert_eq!(cursor_id(&app), order[0]);
}

#[test]
fn after_the_operator_moves_the_cursor_keeps_its_request() {
    let (first, second) = pages_bottom_first();
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, first, false));
    update(&mut app, ch('j'));
    let chosen = cursor_id(&app);
    api(&mut app, page(1, second, true));
    assert_eq!(cursor_id(&app), chosen);
    assert!(app.list.cursor > 1, "rows sorted in above it");
}

#[test]
fn any_list_key_ends_following_the_top_even_without_moving() {
    let (first, second) = pages_bottom_first();
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, first, false));
    let seen = cursor_id(&app);
    // A mark stays on its row; the operator has chosen to look at it.
    update(&mut app, ch('*'));
    api(&mut app, page(1, second, true));
    assert_eq!(cursor_id(&app), seen);
}

#[test]
fn a_filter_typed_while_loading_ends_following_the_top() {
    let (first, second) = pages_bottom_first();
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, first, false));
    update(&mut app, ch('/'));
    update(&mut app, key(KeyCode::Esc));
    let seen = cursor_id(&app);
    api(&mut app, page(1, second, true));
    assert_eq!(cursor_id(&app), seen);
}

/// Sorted by merchant, every page in, names still to come: they sort the
/// rows again once the load is over.
fn by_merchant_before_names() -> App {
    let mut app = App::new(config(), now());
    app.list.sort = SortKey::Merchant;
    app.init();
    api(&mut app, page(1, requests(), true));
    app
}

fn names_arrive(app: &mut App) {
    for (id, m) in merchants() {
        api(
            app,
            ApiEvent::Merchant {
                merchant_id: id.into(),
                merchant: m,
            },
        );
    }
}

#[test]
fn names_sorting_rows_above_keep_the_cursor_on_the_top_row_until_a_key() {
    let mut app = by_merchant_before_names();
    let top_by_id = cursor_id(&app);
    names_arrive(&mut app);
    assert_ne!(
        visible_ids(&app)[0],
        top_by_id,
        "the names sort another row on top"
    );
    assert_eq!(app.list.cursor, 0);
    assert_eq!(cursor_id(&app), visible_ids(&app)[0]);

    let mut app = by_merchant_before_names();
    update(&mut app, ch('G'));
    let chosen = cursor_id(&app);
    names_arrive(&mut app);
    assert_eq!(cursor_id(&app), chosen);
}

#[test]
fn a_paste_into_the_filter_ends_following_the_top() {
    let (first, second) = pages_bottom_first();
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, first, false));
    app.mode = Mode::Filter;
    paste(&mut app, "pending");
    let seen = cursor_id(&app);
    api(&mut app, page(1, second, true));
    assert_eq!(cursor_id(&app), seen);
}
