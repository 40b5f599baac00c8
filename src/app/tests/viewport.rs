//! update() for the layout arriving as an action: the table drawn where
//! update keeps the cursor (`app::viewport`), clicks landing on the row
//! drawn, and the results' scroll held by update.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

fn pending(all: Vec<crate::api::IntegrationRequest>) -> Vec<crate::api::IntegrationRequest> {
    all.into_iter()
        .filter(crate::api::model::IntegrationRequest::is_pending)
        .collect()
}

/// `n` pending requests with distinct ids, enough to overflow any table.
fn many(n: usize) -> Vec<crate::api::IntegrationRequest> {
    let base = pending(requests());
    (0..n)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("REQ{i:04}");
            r
        })
        .collect()
}

fn line(screen: &str, y: u16) -> String {
    screen
        .lines()
        .nth(usize::from(y))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_table_draws_where_update_keeps_the_cursor_and_clicks_land_on_the_row_drawn() {
    for (w, h) in [(80, 24), (160, 48), (100, 30)] {
        let mut app = App::new(config(), now());
        app.init();
        api(&mut app, page(1, many(200), true));
        update(&mut app, Action::Resize(w, h));
        let rows = app.viewport().table_rows().expect("a table");
        assert_eq!(app.page(), usize::from(rows.height));

        // The last row at the bottom of the drawn table, cursor marker on it.
        update(&mut app, ch('G'));
        let drawn = render(&mut app, w, h);
        let bottom = line(&drawn, rows.bottom() - 1);
        assert!(bottom.contains("│>"), "{w}x{h}: {bottom}\n{drawn}");
        assert_eq!(app.list.offset, 200 - usize::from(rows.height));
        // Below the rows is the table's border, above them its header.
        assert!(line(&drawn, rows.bottom()).contains('─'), "{drawn}");
        assert!(line(&drawn, rows.y - 1).contains("status"), "{drawn}");

        // A click on the top row drawn selects that row, and it is drawn selected.
        update(
            &mut app,
            Action::Mouse(crossterm::event::MouseEvent {
                kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
                column: rows.x + 5,
                row: rows.y,
                modifiers: crossterm::event::KeyModifiers::NONE,
            }),
        );
        assert_eq!(app.cursor(), app.list.offset);
        let top = line(&render(&mut app, w, h), rows.y);
        assert!(top.contains("│>"), "{w}x{h}: {top}");
    }
    // Too small for a table: no rows to click, and nothing breaks.
    let mut app = loaded();
    update(&mut app, Action::Resize(20, 5));
    assert_eq!(app.viewport().table_rows(), None);
    update(&mut app, ch('G'));
    render(&mut app, 20, 5);
}

#[test]
fn results_scroll_is_held_by_update_so_one_key_scrolls_back() {
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, many(60), true));
    update(&mut app, Action::Resize(100, 30));
    update(&mut app, ch('*'));
    update(&mut app, ch('A'));
    let cmds = update(&mut app, key(KeyCode::Enter));
    let Some(Command::Api(WorkerCall::BulkActivate { run_id, .. })) = cmds.last() else {
        panic!("a bulk run, got {cmds:?}");
    };
    let run_id = *run_id;
    bulk_finished(&mut app, run_id, true);
    update(&mut app, ch('G'));
    let max = app.bulk().expect("the results").scroll;
    assert!(
        max > 0 && max < 59,
        "held at the last page, not the last item: {max}"
    );
    let bottom = render(&mut app, 100, 30);
    update(&mut app, ch('k'));
    assert_eq!(app.bulk().expect("the results").scroll, max - 1);
    assert_ne!(render(&mut app, 100, 30), bottom);
    // A taller window shows more: the hold follows the new layout.
    update(&mut app, ch('G'));
    update(&mut app, Action::Resize(100, 50));
    assert!(app.bulk().expect("the results").scroll < max);
}
