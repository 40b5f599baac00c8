//! update() for a bulk run: its results, cancelling, and the console beside it.

use crossterm::event::KeyCode;

use crate::api::ApiError;
use crate::app::RunResult;
use crate::app::*;
use crate::testkit::*;

#[test]
fn results_close_with_enter_or_q() {
    for close in [key(KeyCode::Enter), ch('q')] {
        let mut app = loaded();
        let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
        activated(&mut app, run_id, "REQ1verifone", Ok(()));
        bulk_finished(&mut app, run_id, false);
        update(&mut app, close);
        assert!(matches!(app.mode, Mode::List));
        assert!(!app.should_quit());
    }
}

#[test]
fn esc_cancels_a_running_bulk_and_the_unstarted_are_skipped() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone", "REQ7verifone", "REQ8smartpay"]);
    started(&mut app, run_id, "REQ1verifone");
    assert_eq!(
        update(&mut app, key(KeyCode::Esc)),
        vec![Command::Api(WorkerCall::CancelBulk { run_id })]
    );
    // A second Esc does not send it again.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    // The one in flight finishes.
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, true);
    let run = app.bulk().cloned().unwrap_or_else(|| panic!("a run"));
    assert_eq!(run.phase, RunPhase::Finished { cancelled: true });
    assert_eq!(
        run.state("REQ1verifone"),
        Some(&ItemState::Done(BulkResult::Activated))
    );
    assert_eq!(
        run.state("REQ7verifone"),
        Some(&ItemState::Done(BulkResult::Skipped(
            "cancelled before it started".into()
        )))
    );
}

// ---- The console during a run: not blocked ----

#[test]
fn during_a_run_the_list_moves_filters_and_shows_help_and_the_detail_follows() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &READY);
    assert!(matches!(app.mode, Mode::List) && app.bulk_running());
    assert_eq!(app.scope(), crate::keys::Scope::BulkRunning);

    // Moving: the cursor (and the detail pane, which draws it) follows.
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('j'));
    assert_eq!(cursor_id(&app), "REQ2epayNoTid");
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("REQ2epayNoTid"), "{screen}");
    assert!(screen.contains("Activating: 0/4 done"), "{screen}");

    // The filter works, and Esc in it only closes it: the run goes on.
    update(&mut app, ch('/'));
    typed(&mut app, "type:epay");
    assert_eq!(app.visible_len(), 2);
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List) && app.bulk_running());

    // Help opens; its Esc cancels the run (help stays), ? closes it.
    update(&mut app, ch('?'));
    assert_eq!(app.scope(), crate::keys::Scope::HelpRunning);
    let cmds = update(&mut app, key(KeyCode::Esc));
    assert_eq!(cmds, [Command::Api(WorkerCall::CancelBulk { run_id })]);
    assert!(matches!(app.mode, Mode::Help { .. }));
    assert!(app.bulk().is_some_and(|r| r.cancel_requested));
    assert!(toast(&app).starts_with("Cancelling the bulk run"));
    update(&mut app, ch('?'));
    assert!(matches!(app.mode, Mode::List));
    // A second Esc sends nothing more.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
}

#[test]
fn esc_in_the_list_cancels_the_run_and_q_asks_first() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &READY);
    update(&mut app, ch('q'));
    assert_eq!(app.question(), Some(Question::Quit));
    update(&mut app, ch('n'));
    assert_eq!(app.question(), None);
    assert!(!app.should_quit());
    let cmds = update(&mut app, key(KeyCode::Esc));
    assert_eq!(cmds, [Command::Api(WorkerCall::CancelBulk { run_id })]);
    // From help, q asks too.
    update(&mut app, ch('?'));
    update(&mut app, ch('q'));
    assert_eq!(app.question(), Some(Question::Quit));
}

#[test]
fn keys_a_run_refuses_say_why_and_the_others_still_work() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &READY);
    started(&mut app, run_id, "REQ1verifone");

    // Another bulk run, or an import, waits for this one.
    assert!(update(&mut app, ch('A')).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(
        toast(&app).contains("another can start once it ends"),
        "{}",
        toast(&app)
    );
    assert!(update(&mut app, ch('i')).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(toast(&app).contains("an import can start once it ends"));

    // t and a on a row the run holds say where it is.
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('t'));
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(
        toast(&app),
        "REQ1verifone is in flight in the bulk run; it can be changed once its result is in."
    );
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('a'));
    assert!(matches!(app.mode, Mode::List));
    assert!(toast(&app).starts_with("REQ3epayReady is queued in the bulk run"));

    // A row outside the run: t opens its form as always.
    move_to(&mut app, "REQ4windcaveT9");
    update(&mut app, ch('t'));
    assert!(matches!(app.mode, Mode::Form(_)));
}

#[test]
fn results_open_at_once_in_the_list_and_after_help_with_a_toast() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, false);
    assert!(matches!(app.mode, Mode::Bulk), "in the list: results open");

    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
    update(&mut app, ch('?'));
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, false);
    assert!(matches!(app.mode, Mode::Help { .. }), "help stays");
    assert_eq!(
        toast(&app),
        "The bulk run finished (1 activated · 0 confirmed active · 0 already active · \
         0 skipped · 0 failed); its results open when you are back in the list."
    );
    update(&mut app, ch('?'));
    assert!(
        matches!(app.mode, Mode::Bulk),
        "back in the list: results open"
    );
    // The results keep their keys: Esc closes them.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List) && app.bulk().is_none());
}

#[test]
fn the_footer_says_what_works_while_a_run_goes_on() {
    let mut app = loaded();
    start_run(&mut app, &READY);
    let footer: Vec<String> = app
        .footer()
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    for want in ["Esc cancel run", "q quit", "j/k move", "? help", "/ filter"] {
        assert!(footer.iter().any(|f| f == want), "{want}: {footer:?}");
    }
    assert!(!footer.iter().any(|f| f == "A bulk"), "{footer:?}");
    update(&mut app, ch('?'));
    let footer: Vec<String> = app
        .footer()
        .into_iter()
        .map(|(k, w)| format!("{k} {w}"))
        .collect();
    assert_eq!(
        footer,
        [
            "Esc cancel run",
            "j/k scroll",
            "? close",
            "q quit",
            ": actions"
        ]
    );
}

// ---- One set of counts ----

#[test]
fn every_count_of_a_run_comes_from_one_tally() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &READY);
    for id in ["REQ1verifone", "REQ3epayReady", "REQ7verifone"] {
        started(&mut app, run_id, id);
    }
    activation(
        &mut app,
        "REQ3epayReady",
        Some(run_id),
        Err(ApiError::AlreadyActivated),
    );
    let t = app.bulk().map(Run::tally).expect("a run");
    assert_eq!(t.in_flight_ids, ["REQ1verifone", "REQ7verifone"]);
    assert_eq!((t.done(), t.in_flight, t.waiting, t.total()), (1, 2, 1, 4));
    let screen = render(&mut app, 160, 48);
    assert!(
        screen.contains("Activating: 1/4 done · 2 in flight · 1 queued (1 already active)"),
        "{screen}"
    );
    assert!(
        screen.contains("In flight (2): REQ1verifone REQ7verifone"),
        "{screen}"
    );
}

// ---- One word per outcome ----

#[test]
fn the_summary_counts_each_outcome_under_the_word_its_lines_start_with() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &MIXED);
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    activation(
        &mut app,
        "REQ3epayReady",
        Some(run_id),
        Err(ApiError::AlreadyActivated),
    );
    bulk_finished(&mut app, run_id, false);
    let run = app.bulk().cloned().expect("a run");
    let t = run.tally();
    // REQ5active was active before the run: already active, as the
    // server's refusal of REQ3epayReady is; not "skipped: already active".
    assert_eq!(
        t.summary(),
        "1 activated · 0 confirmed active · 2 already active · 3 skipped · 0 failed"
    );
    for kind in BulkResult::KINDS {
        let word = BulkResult::word(*kind);
        let lines = run
            .items
            .iter()
            .filter(|i| i.state.result().is_some_and(|r| r.kind() == *kind))
            .inspect(|i| {
                let text = i.state.text();
                assert!(text.starts_with(word), "{text} is not `{word}`");
                // No line is another outcome under its own word, as
                // "skipped: already active" was.
                for other in BulkResult::KINDS.iter().filter(|k| *k != kind) {
                    let other = BulkResult::word(*other);
                    assert_ne!(text, format!("{word}: {other}"));
                }
            })
            .count();
        assert_eq!(t.of(*kind), lines, "{word}");
    }
}

#[test]
fn views_and_the_backlog_panel_switch_beside_a_run() {
    let mut app = loaded();
    start_run(&mut app, &READY);
    assert_eq!(app.scope(), crate::keys::Scope::BulkRunning);
    let first = app.views.current;
    update(&mut app, key(KeyCode::Tab));
    assert_ne!(app.views.current, first, "Tab moves to the next view");
    update(&mut app, ch('1'));
    assert_eq!(app.views.current, first, "1 goes back to the first view");
    update(&mut app, ch('b'));
    assert!(app.backlog.open, "b opens the backlog panel");
    assert!(app.bulk_running(), "the run goes on");
}
