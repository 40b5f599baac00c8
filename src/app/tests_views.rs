//! Marks under `p`, and the layout arriving as an action (issue 10 items 4 and 6).

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::fixtures::*;
use super::*;

fn api(app: &mut App, e: ApiEvent) -> Vec<Command> {
    update(app, Action::Api(e))
}

fn load_id(cmds: &[Command]) -> u64 {
    match cmds {
        [Command::Load { load_id, .. }] => *load_id,
        other => panic!("expected one Load, got {other:?}"),
    }
}

fn page(load_id: u64, items: Vec<crate::api::IntegrationRequest>) -> ApiEvent {
    ApiEvent::Page {
        load_id,
        items,
        done: true,
    }
}

fn mark(app: &mut App, id: &str) {
    update(app, ch('g'));
    while cursor_id(app) != id {
        assert!(app.cursor() + 1 < app.visible_len(), "{id} is not visible");
        update(app, ch('j'));
    }
    update(app, ch(' '));
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| crate::ui::draw(f, app)).expect("a frame");
    t.backend().to_string()
}

fn pending(all: Vec<crate::api::IntegrationRequest>) -> Vec<crate::api::IntegrationRequest> {
    all.into_iter().filter(|r| r.is_pending()).collect()
}

#[test]
fn p_keeps_marks_on_rows_it_hides_and_bulk_counts_them_hidden() {
    let mut app = App::new(config(), now());
    app.init();
    api(&mut app, page(1, pending(requests())));
    // Every status: the active and the rejected request show up; mark them.
    let id = load_id(&update(&mut app, ch('p')));
    api(&mut app, page(id, requests()));
    mark(&mut app, "REQ5active");
    mark(&mut app, "REQ6rejected");
    assert_eq!(app.marked_len(), 2);

    // Pending only: the load does not cover their statuses, so they stay marked.
    let id = load_id(&update(&mut app, ch('p')));
    api(&mut app, page(id, pending(requests())));
    assert!(app.pending_only);
    assert!(app.is_marked("REQ5active") && app.is_marked("REQ6rejected"));
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.visible_marked, 0);
    let title = screen(&app, 200, 20);
    let title = title.lines().next().unwrap_or_default();
    assert!(title.contains("2 marked"), "{title}");
    assert!(title.contains("pending only"), "{title}");

    // `A` counts them as hidden, and knows from their copies they are not pending.
    update(&mut app, ch('A'));
    let Mode::BulkConfirm(plan) = &app.mode else {
        panic!("A opens the bulk dialog, got {:?}", app.mode);
    };
    assert_eq!(plan.ids.len(), 2);
    assert_eq!(plan.hidden, 2);
    assert_eq!(plan.hidden_by_status, 2);
    assert_eq!(plan.not_pending, 2);
    assert_eq!(plan.unknown, 0);
    assert_eq!(plan.runnable(), 0);
    let dialog = screen(&app, 100, 30);
    assert!(dialog.contains("2 are hidden by the current filter."), "{dialog}");
    assert!(dialog.contains("2 in other statuses: p shows every status."), "{dialog}");
    assert!(dialog.contains("2 are not pending and will be skipped."), "{dialog}");

    // Running it skips both, saying why from the kept copies; nothing is sent.
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(cmds.is_empty(), "{cmds:?}");
    let run = app.bulk().expect("a run");
    let why: Vec<String> = run.items.iter().map(|i| i.outcome.text()).collect();
    assert_eq!(
        why,
        ["skipped: already active", "skipped: not pending (status rejected)"]
    );
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.marked_len(), 2, "closing results keeps hidden marks");

    // A load that covers their statuses and lacks one drops only that mark.
    let id = load_id(&update(&mut app, ch('p')));
    let without_active: Vec<_> = requests()
        .into_iter()
        .filter(|r| r.id != "REQ5active")
        .collect();
    api(&mut app, page(id, without_active));
    assert!(!app.is_marked("REQ5active"));
    assert!(app.is_marked("REQ6rejected"));
    assert_eq!(app.visible_marked, 1);
}

#[test]
fn a_pending_only_load_drops_a_pending_mark_it_no_longer_has() {
    let mut app = loaded();
    mark(&mut app, "REQ1verifone");
    let id = load_id(&update(&mut app, ch('r')));
    let without: Vec<_> = requests()
        .into_iter()
        .filter(|r| r.id != "REQ1verifone")
        .collect();
    api(&mut app, page(id, without));
    assert_eq!(app.marked_len(), 0);
}
