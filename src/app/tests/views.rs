//! Marks under `p`, and the layout arriving as an action (issue 10 items 4 and 6).

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

fn pending(all: Vec<crate::api::IntegrationRequest>) -> Vec<crate::api::IntegrationRequest> {
    all.into_iter()
        .filter(crate::api::model::IntegrationRequest::is_pending)
        .collect()
}

#[test]
fn p_keeps_marks_on_rows_it_hides_and_bulk_counts_them_hidden() {
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, pending(requests()), true));
    // Every status: the active and the rejected request show up; mark them.
    let id = load_id(&update(&mut app, ch('p')));
    api(&mut app, page(id, requests(), true));
    mark(&mut app, &["REQ5active", "REQ6rejected"]);
    assert_eq!(app.marked_len(), 2);

    // Pending only: the load does not cover their statuses, so they stay marked.
    let id = load_id(&update(&mut app, ch('p')));
    api(&mut app, page(id, pending(requests()), true));
    assert!(app.list.pending_only);
    assert!(app.is_marked("REQ5active") && app.is_marked("REQ6rejected"));
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.list.visible_marked, 0);
    let title = render(&mut app, 200, 20);
    let title = title.lines().next().unwrap_or_default();
    assert!(title.contains("2 marked"), "{title}");
    assert!(title.contains("pending only"), "{title}");

    // `A` counts them as hidden, and knows from their copies they are not pending.
    update(&mut app, ch('A'));
    let Mode::Asking(Asking::Bulk(plan)) = &app.mode else {
        panic!("A opens the bulk dialog, got {:?}", app.mode);
    };
    assert_eq!(plan.ids.len(), 2);
    assert_eq!(plan.hidden, 2);
    assert_eq!(plan.hidden_by_status, 2);
    assert_eq!(plan.not_pending, 2);
    assert_eq!(plan.unknown, 0);
    assert_eq!(plan.runnable(), 0);
    let dialog = render(&mut app, 100, 30);
    assert!(
        dialog.contains("2 are hidden by the current filter."),
        "{dialog}"
    );
    assert!(
        dialog.contains("2 in other statuses: p shows every status."),
        "{dialog}"
    );
    assert!(
        dialog.contains("2 are not pending and will be skipped."),
        "{dialog}"
    );

    // Running it skips both, saying why from the kept copies; nothing is sent.
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(cmds.is_empty(), "{cmds:?}");
    let run = app.bulk().expect("a run");
    let why: Vec<String> = run.items.iter().map(|i| i.state.text()).collect();
    assert_eq!(
        why,
        [
            "already active (activated by crn:Jaim1Cu1Q55uooxSens6yk:api-key:ops)",
            "skipped: not pending (status rejected)"
        ]
    );
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.marked_len(), 2, "closing results keeps hidden marks");

    // A load that covers their statuses and lacks one drops only that mark.
    let id = load_id(&update(&mut app, ch('p')));
    let without_active: Vec<_> = requests()
        .into_iter()
        .filter(|r| r.id != "REQ5active")
        .collect();
    api(&mut app, page(id, without_active, true));
    assert!(!app.is_marked("REQ5active"));
    assert!(app.is_marked("REQ6rejected"));
    assert_eq!(app.list.visible_marked, 1);
}

#[test]
fn a_pending_only_load_drops_a_pending_mark_it_no_longer_has() {
    let mut app = loaded();
    mark(&mut app, &["REQ1verifone"]);
    let id = load_id(&update(&mut app, ch('r')));
    let without: Vec<_> = requests()
        .into_iter()
        .filter(|r| r.id != "REQ1verifone")
        .collect();
    api(&mut app, page(id, without, true));
    assert_eq!(app.marked_len(), 0);
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
