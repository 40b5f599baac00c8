//! Views that are whole: each keeps its own sort, cursor and scroll while
//! the operator moves between them, and its own columns, which the column
//! chooser (`C`) shows, hides and orders.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::config::ViewSpec;
use crate::keys::Scope;
use crate::testkit::*;

fn spec(name: &str, sort: Option<&str>, columns: &[&str]) -> ViewSpec {
    ViewSpec {
        name: name.into(),
        sort: sort.map(Into::into),
        columns: columns.iter().map(|c| (*c).to_string()).collect(),
        ..ViewSpec::default()
    }
}

fn with_views(views: Vec<ViewSpec>) -> App {
    let mut cfg = config();
    cfg.prefs.views = views;
    loaded_with(cfg)
}

fn shown(app: &App) -> Vec<(SortKey, ColumnState)> {
    app.views().columns().columns().to_vec()
}

#[test]
fn a_view_without_a_sort_has_the_default_order_after_a_sorted_view() {
    let mut app = with_views(vec![
        spec("Plain", None, &[]),
        spec("By merchant", Some("merchant"), &[]),
    ]);
    let plain = visible_ids(&app);
    assert_eq!(app.list.sort, SortKey::Age);
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.list.sort, SortKey::Merchant);
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!((app.list.sort, app.list.reverse), (SortKey::Age, false));
    assert_eq!(visible_ids(&app), plain);
    // A sort chosen in a view stays that view's.
    update(&mut app, ch('S'));
    update(&mut app, ch('2'));
    assert_eq!(
        (app.list.sort, app.list.reverse),
        (SortKey::Merchant, false)
    );
    update(&mut app, ch('1'));
    assert_eq!((app.list.sort, app.list.reverse), (SortKey::Age, true));
}

#[test]
fn each_view_keeps_its_cursor_and_scroll() {
    let mut app = with_views(vec![
        spec("One", None, &[]),
        spec("Two", Some("type"), &[]),
        spec("Three", None, &[]),
    ]);
    update(&mut app, Action::Resize(100, 14));
    let rows = app.viewport().table_body().map_or(0, |r| r.height);
    assert!(rows > 0 && usize::from(rows) < app.visible_len(), "{rows}");
    update(&mut app, ch('G'));
    update(&mut app, ch('k'));
    let (one, one_offset) = (cursor_id(&app), app.list.offset);
    assert!(one_offset > 0);
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, ch('g'));
    update(&mut app, ch('j'));
    let two = cursor_id(&app);
    assert_ne!(two, one);
    // Tab, BackTab and a digit all come back to where the view was left.
    update(&mut app, key(KeyCode::Tab));
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(app.views().current(), 0);
    assert_eq!(
        (cursor_id(&app), app.list.offset),
        (one.clone(), one_offset)
    );
    update(&mut app, ch('2'));
    assert_eq!((cursor_id(&app), app.list.offset), (two, 0));
    update(&mut app, key(KeyCode::BackTab));
    assert_eq!((cursor_id(&app), app.list.offset), (one, one_offset));
}

#[test]
fn the_chooser_shows_hides_and_orders_the_views_columns() {
    let mut app = with_views(vec![spec("One", None, &[]), spec("Two", None, &[])]);
    update(&mut app, ch('C'));
    assert_eq!(app.scope(), Scope::Columns);
    // accountId, fourth, is asked for: shown at any width.
    for _ in 0..3 {
        update(&mut app, ch('j'));
    }
    update(&mut app, ch(' '));
    assert_eq!(shown(&app)[3], (SortKey::Account, ColumnState::Keep));
    update(&mut app, ch('K'));
    update(&mut app, ch('K'));
    assert_eq!(shown(&app)[1], (SortKey::Account, ColumnState::Keep));
    assert!(matches!(app.mode, Mode::Columns { at: 1 }));
    // Down past the merchant, which is hidden.
    update(&mut app, ch('J'));
    update(&mut app, ch('j'));
    update(&mut app, ch(' '));
    update(&mut app, ch(' '));
    assert_eq!(shown(&app)[3], (SortKey::Merchant, ColumnState::Hidden));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(app.scope(), Scope::List);
    let order: Vec<SortKey> = shown(&app).into_iter().map(|(k, _)| k).collect();
    use SortKey::*;
    assert_eq!(order, [Status, Kind, Account, Merchant, Terminal, Age]);
    // The other view has its own; this one's stay for the session.
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(shown(&app), ViewColumns::default().columns());
    update(&mut app, key(KeyCode::Tab));
    assert_eq!(shown(&app)[2], (Account, ColumnState::Keep));
    update(&mut app, ch('C'));
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.scope(), Scope::List);
}

#[test]
fn sort_moves_among_the_columns_the_view_shows() {
    let mut app = with_views(vec![spec("Two", Some("age"), &["age", "merchant"])]);
    assert_eq!(app.list.sort, SortKey::Age);
    update(&mut app, ch('s'));
    assert_eq!(app.list.sort, SortKey::Merchant);
    update(&mut app, ch('s'));
    assert_eq!(app.list.sort, SortKey::Age);
}

#[test]
fn a_view_shows_its_columns_and_names_an_unknown_one() {
    let mut cfg = config();
    cfg.prefs.views = vec![spec("Ids", None, &["Status", "colour", "terminalId"])];
    let mut app = App::new(cfg, now());
    app.init();
    let said: Vec<String> = app
        .messages()
        .newest_first()
        .map(|m| m.text.clone())
        .collect();
    assert!(
        said.iter()
            .any(|m| m.contains("The view `Ids` shows the column `colour`, which is not a column")),
        "{said:?}"
    );
    let cols = shown(&app);
    assert_eq!(cols[0], (SortKey::Status, ColumnState::Keep));
    assert_eq!(cols[1], (SortKey::Terminal, ColumnState::Keep));
    assert!(cols[2..].iter().all(|(_, s)| *s == ColumnState::Hidden));
}

#[test]
fn a_view_that_loads_other_statuses_comes_back_to_its_request() {
    let mut app = with_views(vec![
        spec("Pending", None, &[]),
        ViewSpec {
            all_statuses: true,
            ..spec("All", None, &[])
        },
    ]);
    let id = load_id(&update(&mut app, key(KeyCode::Tab)));
    api(&mut app, page(id, requests(), true));
    move_to(&mut app, "REQ5active");
    let id = load_id(&update(&mut app, key(KeyCode::BackTab)));
    let pending: Vec<_> = requests()
        .into_iter()
        .filter(crate::api::IntegrationRequest::is_pending)
        .collect();
    api(&mut app, page(id, pending, true));
    assert_ne!(cursor_id(&app), "REQ5active");
    // Only the load of every status brings it back; the cursor waits for it.
    let id = load_id(&update(&mut app, key(KeyCode::Tab)));
    api(&mut app, page(id, requests(), true));
    assert_eq!(cursor_id(&app), "REQ5active");
}

#[test]
fn the_last_column_shown_cannot_be_hidden() {
    let mut app = with_views(vec![spec("Ages", None, &["age"])]);
    update(&mut app, ch('C'));
    assert_eq!(shown(&app)[0], (SortKey::Age, ColumnState::Keep));
    update(&mut app, ch(' '));
    assert_eq!(shown(&app)[0], (SortKey::Age, ColumnState::Keep));
    assert!(
        toast(&app).starts_with("At least one column stays shown"),
        "{}",
        toast(&app)
    );
    // With another shown, it hides.
    update(&mut app, ch('j'));
    update(&mut app, ch(' '));
    update(&mut app, ch('k'));
    update(&mut app, ch(' '));
    assert_eq!(shown(&app)[0], (SortKey::Age, ColumnState::Hidden));
    assert_eq!(shown(&app)[1].1, ColumnState::Keep);
}
