//! update() for marks: Space, `*`, `u`, and marks across filter, sort,
//! refresh and `p` (kept on the rows it hides, counted as hidden by `A`).

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

#[test]
fn space_marks_and_moves_down_star_marks_visible_u_clears() {
    let mut app = loaded();
    update(&mut app, ch(' '));
    assert_eq!(app.cursor(), 1);
    assert!(app.is_marked("REQ1verifone"));
    update(&mut app, ch('k'));
    update(&mut app, ch(' '));
    assert!(!app.is_marked("REQ1verifone"));
    app.set_filter_text("epay");
    update(&mut app, ch('*'));
    assert_eq!(app.marked_len(), 2);
    update(&mut app, ch('u'));
    assert_eq!(app.marked_len(), 0);
}

#[test]
fn marks_survive_filter_sort_and_refresh() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch(' '));
    move_to(&mut app, "REQ7verifone");
    update(&mut app, ch(' '));
    app.set_filter_text("type:epay");
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.list.visible_marked, 1);
    update(&mut app, ch('s'));
    update(&mut app, ch('S'));
    app.set_filter_text("");
    assert!(app.is_marked("REQ3epayReady") && app.is_marked("REQ7verifone"));
    let id = load_id(&update(&mut app, ch('r')));
    api(&mut app, page(id, requests(), true));
    assert!(app.is_marked("REQ3epayReady") && app.is_marked("REQ7verifone"));
    assert_eq!(app.marked_len(), 2);
    assert_eq!(app.list.visible_marked, 2);
}

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
