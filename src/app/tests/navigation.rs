//! update() for moving through the list: keys, sort, mouse and the scroll window.

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::*;
use crate::testkit::*;

#[test]
fn navigation_keys_move_the_cursor() {
    let mut app = loaded();
    // 80×11 leaves the table four rows (under the title and the tabs): a page.
    update(&mut app, Action::Resize(80, 11));
    assert_eq!(app.page(), 4);
    let steps: &[(Action, usize)] = &[
        (ch('j'), 1),
        (key(KeyCode::Down), 2),
        (ch('k'), 1),
        (key(KeyCode::Up), 0),
        (key(KeyCode::Up), 0),
        (ch('G'), 7),
        (ch('g'), 0),
        (key(KeyCode::End), 7),
        (key(KeyCode::Home), 0),
        (ctrl('d'), 2),
        (ctrl('u'), 0),
        (key(KeyCode::PageDown), 4),
        (key(KeyCode::PageDown), 7),
        (key(KeyCode::PageUp), 3),
    ];
    for (i, (action, want)) in steps.iter().enumerate() {
        update(&mut app, action.clone());
        assert_eq!(app.cursor(), *want, "step {i}: {action:?}");
    }
}

#[test]
fn s_cycles_the_sort_column_and_capital_s_reverses() {
    let mut app = loaded();
    assert_eq!(app.list.sort, SortKey::Age);
    assert_eq!(visible_ids(&app)[0], "REQ1verifone");
    update(&mut app, ch('S'));
    assert!(app.list.reverse);
    assert_eq!(visible_ids(&app)[0], "REQ8smartpay");
    update(&mut app, ch('S'));
    update(&mut app, ch('s'));
    assert_eq!(app.list.sort, SortKey::Status);
    // active < pending < rejected
    assert_eq!(visible_ids(&app)[0], "REQ5active");
    assert_eq!(visible_ids(&app)[7], "REQ6rejected");
    update(&mut app, ch('s'));
    assert_eq!(app.list.sort, SortKey::Kind);
    assert_eq!(visible_ids(&app)[0], "REQ2epayNoTid");
    for _ in 0..4 {
        update(&mut app, ch('s'));
    }
    assert_eq!(app.list.sort, SortKey::Age);
}

#[test]
fn sort_keeps_the_cursor_on_the_same_request() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('S'));
    assert_eq!(cursor_id(&app), "REQ3epayReady");
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = loaded();
    update(&mut app, Action::Resize(62, 12));
    assert_eq!(app.viewport().table_rows(), Some(Rect::new(1, 4, 60, 5)));
    let mouse = |kind, column, row| {
        Action::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    update(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 6),
    );
    assert_eq!(app.cursor(), 2);
    // Outside the table: nothing.
    update(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 2),
    );
    assert_eq!(app.cursor(), 2);
    update(&mut app, mouse(MouseEventKind::ScrollDown, 10, 6));
    assert_eq!(app.cursor(), 5);
    update(&mut app, mouse(MouseEventKind::ScrollUp, 10, 6));
    assert_eq!(app.cursor(), 2);
    // With the window scrolled, a click maps through the offset.
    update(&mut app, ch('G'));
    assert_eq!(app.list.offset, 3);
    update(
        &mut app,
        mouse(MouseEventKind::Down(MouseButton::Left), 10, 4),
    );
    assert_eq!(app.cursor(), 3);
}

#[test]
fn resize_changes_nothing() {
    let mut app = loaded();
    assert!(update(&mut app, Action::Resize(10, 10)).is_empty());
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn scroll_window_keeps_the_cursor_visible() {
    let mut app = loaded();
    let shown = |app: &App| {
        let rows = app.page();
        app.list.offset..(app.list.offset + rows).min(app.visible_len())
    };
    // 80×10 leaves the table three rows; 200×107 a hundred.
    update(&mut app, Action::Resize(80, 10));
    assert_eq!(shown(&app), 0..3);
    update(&mut app, ch('G'));
    assert_eq!(shown(&app), 5..8);
    update(&mut app, ch('g'));
    assert_eq!(shown(&app), 0..3);
    update(&mut app, Action::Resize(200, 107));
    assert_eq!(shown(&app), 0..8);
}

#[test]
fn modifiers_do_not_turn_into_commands() {
    let mut app = loaded();
    let alt_q = Action::Key(crossterm::event::KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::ALT,
    ));
    update(&mut app, alt_q);
    assert!(!app.should_quit());
}
