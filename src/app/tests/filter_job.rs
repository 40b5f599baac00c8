//! update() for the filter scan in slices: partial rows then complete,
//! a keystroke restarting it, the cursor kept, the status, and actions
//! that need every row finishing it first.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

const ROWS: usize = 50_000;
const SLICE: usize = 1_000;

/// `ROWS` requests (ids `ID00000`…), filtered `SLICE` rows per step.
fn big() -> App {
    let mut app = App::new(config(), now());
    app.init();
    let base = requests();
    let items: Vec<_> = (0..ROWS)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("ID{i:05}");
            r
        })
        .collect();
    api(&mut app, page(1, items, true));
    app.list.filter_slice = SLICE;
    app
}

/// What a scan of every row at once shows for `text`.
fn complete(text: &str) -> Vec<String> {
    let mut app = big();
    app.list.filter_slice = usize::MAX;
    app.set_filter_text(text);
    assert!(!app.has_pending_work());
    visible_ids(&app)
}

/// Run the loop's steps until the scan is done; how many it took.
fn run_steps(app: &mut App) -> usize {
    let mut steps = 0;
    while app.has_pending_work() {
        update(app, Action::Continue);
        steps += 1;
        assert!(steps <= ROWS, "the scan never finishes");
    }
    steps
}

#[test]
fn a_big_list_shows_partial_matches_then_the_complete_set() {
    let mut app = big();
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID0");
    assert!(app.has_pending_work());
    let (tested, of) = app.filter_progress().expect("a scan runs");
    assert!(tested > 0 && tested < of, "{tested} of {of}");
    let partial = app.visible_len();
    assert!(partial < 10_000, "{partial} matches so far");
    let so_far = visible_ids(&app);
    update(&mut app, Action::Continue);
    let more = visible_ids(&app);
    assert_eq!(&more[..so_far.len()], so_far.as_slice(), "rows only join");
    run_steps(&mut app);
    assert_eq!(app.filter_progress(), None);
    assert_eq!(app.visible_len(), 10_000);
    assert_eq!(visible_ids(&app), complete("id:ID0"));
}

#[test]
fn a_list_of_one_slice_is_complete_in_the_keystroke() {
    let mut app = loaded();
    app.list.filter_slice = 8;
    update(&mut app, ch('/'));
    typed(&mut app, "type:epay");
    assert!(!app.has_pending_work());
    assert_eq!(app.visible_len(), 2);
}

#[test]
fn a_new_keystroke_restarts_the_scan_and_narrows_what_is_left() {
    let mut app = big();
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID00");
    update(&mut app, Action::Continue);
    let (tested, of) = app.filter_progress().expect("a scan runs");
    assert_eq!(of, ROWS);
    assert!(tested < of);
    // One more character: only what was found and what was not yet tested.
    typed(&mut app, "1");
    let (tested, of) = app.filter_progress().expect("a new scan runs");
    assert_eq!(tested, SLICE);
    assert!(of < ROWS, "the restarted scan tests {of} rows");
    run_steps(&mut app);
    assert_eq!(visible_ids(&app), complete("id:ID001"));
    // A filter that does not narrow scans every row again.
    update(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.filter_progress(), Some((SLICE, ROWS)));
    // A keystroke before the scan is done drops it.
    typed(&mut app, "9");
    let (_, of) = app.filter_progress().expect("a new scan runs");
    assert!(of < ROWS);
    update(&mut app, key(KeyCode::Backspace));
    update(&mut app, key(KeyCode::Backspace));
    run_steps(&mut app);
    assert_eq!(visible_ids(&app), complete("id:ID0"));
    // Clearing shows every row at once.
    update(&mut app, key(KeyCode::Esc));
    assert!(!app.has_pending_work());
    assert_eq!(app.visible_len(), ROWS);
}

#[test]
fn backspace_from_history_ends_a_running_scan() {
    let mut app = big();
    update(&mut app, ch('/'));
    typed(&mut app, "id:");
    typed(&mut app, "I");
    run_steps(&mut app);
    typed(&mut app, "D3");
    assert!(app.has_pending_work());
    update(&mut app, key(KeyCode::Backspace));
    update(&mut app, key(KeyCode::Backspace));
    assert!(!app.has_pending_work(), "`id:I` is remembered");
    assert_eq!(visible_ids(&app), complete("id:I"));
}

#[test]
fn the_cursor_stays_on_its_request_once_the_scan_finds_it() {
    let mut app = big();
    app.list.cursor = ROWS - 10;
    let id = cursor_id(&app);
    assert!(id.starts_with("ID"), "{id}");
    update(&mut app, ch('/'));
    // Every row matches `id`, so the cursor's row is found late in the scan.
    typed(&mut app, "i");
    let mut found = false;
    while app.has_pending_work() {
        if found {
            assert_eq!(cursor_id(&app), id, "found, it stays");
        }
        found = found || cursor_id(&app) == id;
        update(&mut app, Action::Continue);
    }
    assert_eq!(cursor_id(&app), id);
    // Moved by the operator while scanning, the cursor is not pulled back.
    typed(&mut app, "d");
    assert!(app.has_pending_work());
    update(&mut app, key(KeyCode::Down));
    let chosen = app.cursor();
    run_steps(&mut app);
    assert_eq!(app.cursor(), chosen);
}

#[test]
fn the_title_says_how_far_the_scan_is() {
    let mut app = big();
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID0");
    let screen = render(&mut app, 160, 20);
    assert!(screen.contains("filtering… 1,000 of 50,000"), "{screen}");
    run_steps(&mut app);
    let screen = render(&mut app, 160, 20);
    assert!(!screen.contains("filtering…"), "{screen}");
    assert!(screen.contains("10000/50000 shown"), "{screen}");
}

#[test]
fn export_during_a_scan_sends_the_complete_set() {
    let mut app = big();
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID0");
    update(&mut app, key(KeyCode::Enter));
    assert!(
        app.has_pending_work(),
        "closing the filter line keeps scanning"
    );
    update(&mut app, ch('e'));
    assert!(!app.has_pending_work(), "an export waits for every row");
    let cmds = update(&mut app, key(KeyCode::Enter));
    let [Command::Api(WorkerCall::Export { requests, .. })] = cmds.as_slice() else {
        panic!("{cmds:?}");
    };
    let ids: Vec<String> = requests.iter().map(|r| r.id.clone()).collect();
    assert_eq!(ids, complete("id:ID0"));
}

#[test]
fn bulk_activate_during_a_scan_plans_from_the_complete_set() {
    let mut app = big();
    for id in ["ID00001", "ID09999", "ID40000"] {
        app.list.toggle_mark(id);
    }
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID0");
    update(&mut app, key(KeyCode::Enter));
    assert!(app.has_pending_work());
    update(&mut app, ch('A'));
    assert!(!app.has_pending_work());
    let Mode::Asking(Asking::Bulk(plan)) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(plan.ids.len(), 3);
    assert_eq!(plan.hidden, 1, "only ID40000 is filtered out");
}

#[test]
fn mark_all_and_copy_during_a_scan_take_every_match() {
    let mut app = big();
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID000");
    update(&mut app, key(KeyCode::Enter));
    assert!(app.has_pending_work());
    let cmds = update(&mut app, ch('Y'));
    assert!(
        !app.has_pending_work(),
        "copying the shown rows waits for all"
    );
    let [Command::Effect(Effect::Copy { text, .. })] = cmds.as_slice() else {
        panic!("{cmds:?}");
    };
    assert_eq!(text.lines().count(), 101, "the header and 100 rows");
    update(&mut app, key(KeyCode::Esc));
    typed(&mut app, "/id:ID001");
    update(&mut app, key(KeyCode::Enter));
    assert!(app.has_pending_work());
    update(&mut app, ch('*'));
    assert!(!app.has_pending_work());
    assert_eq!(app.marked_len(), 100, "ID00100 to ID00199");
}

#[test]
fn the_backlog_waits_for_the_complete_set() {
    let mut app = big();
    update(&mut app, ch('b'));
    let before = app.backlog.summary().clone();
    assert_eq!(before.shown, ROWS);
    update(&mut app, ch('/'));
    typed(&mut app, "id:ID0");
    assert!(app.has_pending_work());
    assert_eq!(app.backlog.summary(), &before, "no summary of partial rows");
    run_steps(&mut app);
    assert_eq!(app.backlog.summary().shown, 10_000);
}
