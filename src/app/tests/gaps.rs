//! update() for two gaps left after issue 9: every bulk run on production
//! goes through the typed count (`R` on the results, an import's `a`), and
//! a terminalId update carries the value the operator saw replacing, so
//! one set meanwhile is never overwritten unseen.

use crossterm::event::KeyCode;

use crate::api::ApiError;
use crate::app::*;
use crate::keys::{ConfigBinding, KeyMap};
use crate::safety::ReadOnly;
use crate::testkit::*;

fn toast(app: &App) -> String {
    app.current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

fn api(app: &mut App, e: ApiEvent) -> Vec<Command> {
    update(app, Action::Api(e))
}

fn timeout() -> ApiError {
    ApiError::Timeout {
        after: std::time::Duration::from_secs(3),
    }
}

/// Replace the form's text with `text`.
fn retype(app: &mut App, text: &str) {
    for _ in 0..40 {
        update(app, key(KeyCode::Backspace));
    }
    typed(app, text);
}

const RUN: [&str; 4] = [
    "REQ1verifone",
    "REQ3epayReady",
    "REQ4windcaveT9",
    "REQ7verifone",
];
const FAILED: [&str; 3] = ["REQ1verifone", "REQ4windcaveT9", "REQ7verifone"];

/// Bulk-activate `RUN` (typing its count when asked) and answer it: all
/// but REQ3 fail. Leaves the results on screen.
fn run_with_failures(app: &mut App) {
    mark(app, &RUN);
    update(app, ch('A'));
    if matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.is_some()) {
        typed(app, "4");
    }
    let cmds = update(app, key(KeyCode::Enter));
    let run_id = match cmds.as_slice() {
        [Command::Api(WorkerCall::BulkActivate { run_id, ids, .. })] => {
            assert_eq!(ids, &RUN);
            *run_id
        }
        other => panic!("{other:?}"),
    };
    for id in RUN {
        let result = if id == "REQ3epayReady" {
            let mut r = app.request(id).cloned().expect("row");
            r.status = crate::api::Status::Active;
            Ok(crate::api::retry::Activation::Activated(r))
        } else {
            Err(timeout())
        };
        activation(app, id, Some(run_id), result);
    }
    bulk_finished(app, run_id, false);
    assert!(matches!(app.mode, Mode::Bulk));
    assert_eq!(
        app.bulk()
            .map(|r| r.ids_where(|s| matches!(s, ItemState::Done(BulkResult::Failed(_))))),
        Some(FAILED.map(String::from).to_vec())
    );
}

// ---- 1. R on the results: the typed count on production ----

#[test]
fn retry_over_the_threshold_on_production_sends_nothing_until_the_count_is_typed() {
    let mut app = production(2);
    run_with_failures(&mut app);
    let first = app.bulk().map(|r| r.run_id);

    assert!(update(&mut app, ch('R')).is_empty(), "nothing sent yet");
    match &app.mode {
        Mode::Asking(Asking::Bulk(p)) => {
            assert!(p.retry);
            assert_eq!(p.ids, FAILED);
            assert!(p.typed.is_some());
        }
        other => panic!("{other:?}"),
    }
    // y and R are no confirmation, nor is Enter without the count, nor a
    // wrong count.
    for k in [ch('y'), ch('R'), key(KeyCode::Enter)] {
        assert!(update(&mut app, k).is_empty());
    }
    typed(&mut app, "4");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Bulk(p)) => assert_eq!(
            p.typed.as_ref().and_then(|t| t.error.as_deref()),
            Some("4 is not 3: type 3 to start the run.")
        ),
        other => panic!("{other:?}"),
    }
    // Esc goes back to the results, which are still there.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::Bulk));
    assert_eq!(app.bulk().map(|r| r.run_id), first);

    // R again, the right count, Enter: exactly the failed ones.
    update(&mut app, ch('R'));
    typed(&mut app, "3");
    match update(&mut app, key(KeyCode::Enter)).as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, run_id, .. })] => {
            assert_eq!(ids, &FAILED);
            assert_ne!(Some(*run_id), first, "a new run");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.scope(),
        crate::keys::Scope::BulkRunning,
        "the run goes on beside the list"
    );
}

#[test]
fn retry_under_the_threshold_or_off_production_starts_at_once() {
    for mut app in [production(3), loaded()] {
        run_with_failures(&mut app);
        match update(&mut app, ch('R')).as_slice() {
            [Command::Api(WorkerCall::BulkActivate { ids, .. })] => assert_eq!(ids, &FAILED),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            app.scope(),
            crate::keys::Scope::BulkRunning,
            "the run goes on beside the list"
        );
    }
}

// ---- 1. import `a`: the typed count before the first set ----

fn import_typed(app: &App) -> Option<TypedCount> {
    app.import_count().cloned()
}

#[test]
fn import_set_and_activate_over_the_threshold_sends_nothing_until_the_count_is_typed() {
    // IMPORT_CSV sets two terminalIds (REQ2's and REQ1's), then activates
    // them and REQ3 (pending, already holding the file's terminalId).
    let mut app = production(1);
    import_preview(&mut app);
    assert!(update(&mut app, ch('a')).is_empty(), "no ImportApply yet");
    assert_eq!(import_typed(&app), Some(TypedCount::default()));
    // Neither the preview's keys nor Enter alone nor a wrong count send it.
    for k in [ch('y'), ch('a'), key(KeyCode::Enter)] {
        assert!(update(&mut app, k).is_empty());
    }
    assert_eq!(
        import_typed(&app).and_then(|t| t.error),
        Some("Type 3 to start the run.".into())
    );
    typed(&mut app, "2");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(app.import().is_some_and(ImportState::is_preview));

    // Esc leaves the count, not the preview; nothing was sent.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert_eq!(import_typed(&app), None);
    assert!(app.import().is_some_and(ImportState::is_preview));
    assert!(matches!(app.mode, Mode::Asking(Asking::Import { .. })));

    update(&mut app, ch('a'));
    typed(&mut app, "3");
    match update(&mut app, key(KeyCode::Enter)).as_slice() {
        [Command::Api(WorkerCall::ImportApply { updates, .. })] => assert_eq!(
            updates,
            &[
                ("REQ2epayNoTid".to_string(), "11000099".to_string()),
                ("REQ1verifone".to_string(), "V-77".to_string()),
            ]
        ),
        other => panic!("{other:?}"),
    }
    let run = app.import().expect("the run");
    assert_eq!(run.run().map(|r| r.phase), Some(RunPhase::Running));
    assert!(run.activate, "activation follows the sets");
    assert!(app.import_count().is_none());
}

#[test]
fn import_set_and_activate_under_the_threshold_or_off_production_is_unchanged() {
    for mut app in [production(3), loaded()] {
        import_preview(&mut app);
        match update(&mut app, ch('a')).as_slice() {
            [Command::Api(WorkerCall::ImportApply { updates, .. })] => assert_eq!(updates.len(), 2),
            other => panic!("{other:?}"),
        }
        assert!(app.import().is_some_and(|r| r.activate));
    }
    // `y` (set only, nothing activated) never asks for a count.
    let mut app = production(1);
    import_preview(&mut app);
    assert!(matches!(
        update(&mut app, ch('y')).as_slice(),
        [Command::Api(WorkerCall::ImportApply { .. })]
    ));
}

#[test]
fn read_only_refuses_import_activation_before_asking_for_a_count() {
    let mut app = loaded_with(AppConfig {
        safety: Safety {
            read_only: ReadOnly {
                flag: true,
                profile: false,
            },
            ..production_safety(1)
        },
        ..config()
    });
    import_preview(&mut app);
    assert!(update(&mut app, ch('a')).is_empty());
    assert_eq!(import_typed(&app), None);
    assert!(toast(&app).starts_with("Read-only:"), "{}", toast(&app));
}

// ---- 2. an update carries what the operator saw ----

fn save(app: &mut App, id: &str, new: &str) -> Vec<Command> {
    move_to(app, id);
    update(app, ch('t'));
    retype(app, new);
    let cmds = update(app, key(KeyCode::Enter));
    if matches!(app.mode, Mode::Asking(Asking::Overwrite(_))) {
        assert!(cmds.is_empty());
        return update(app, ch('y'));
    }
    cmds
}

#[test]
fn an_update_carries_the_terminal_id_the_operator_saw() {
    let mut app = loaded();
    // Replacing one: the old value shown in `old → new`.
    assert_eq!(
        save(&mut app, "REQ3epayReady", "11000022"),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ3epayReady".into(),
            terminal_id: "11000022".into(),
            expected: Some("11000021".into()),
        })]
    );
    // None shown: none expected.
    assert_eq!(
        save(&mut app, "REQ2epayNoTid", "11000023"),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "11000023".into(),
            expected: None,
        })]
    );
    // A reload brought someone's value while the form was open: the
    // question showed that one, so that one is expected.
    let mut app = loaded();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000024");
    app.patch(with_terminal(&app, "REQ2epayNoTid", Some("11000099")));
    update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        update(&mut app, ch('y')),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "11000024".into(),
            expected: Some("11000099".into()),
        })]
    );
}

#[test]
fn bulk_entered_terminal_ids_expect_none() {
    let mut app = loaded();
    mark(&mut app, &["REQ2epayNoTid", "REQ1verifone"]);
    update(&mut app, ch('A'));
    update(&mut app, ch('e'));
    typed(&mut app, "11000021");
    assert_eq!(
        update(&mut app, key(KeyCode::Enter)),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "11000021".into(),
            expected: None,
        })]
    );
}

#[test]
fn a_value_the_server_already_has_is_said_so_and_activation_follows() {
    let mut app = loaded();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000023");
    update(&mut app, key(KeyCode::Enter));
    // Someone set the same value meanwhile: nothing was sent, and it says so.
    let current = with_terminal(&app, "REQ2epayNoTid", Some("11000023"));
    let cmds = api(
        &mut app,
        ApiEvent::Updated {
            id: "REQ2epayNoTid".into(),
            result: Ok(recorded(crate::ops::Updated::Unchanged(current.clone()))),
        },
    );
    assert!(cmds.is_empty(), "{cmds:?}");
    assert!(app.saving.is_empty());
    let t = app.current_toast().cloned().expect("a toast");
    assert_eq!(t.kind, ToastKind::Info);
    assert_eq!(
        t.text,
        "REQ2epayNoTid already has terminalId 11000023; nothing was sent."
    );
    assert_eq!(app.request("REQ2epayNoTid"), Some(&current));

    // Save-then-activate: it has what activation needs, so activation goes on.
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    typed(&mut app, "11000023");
    update(&mut app, key(KeyCode::Enter));
    let cmds = api(
        &mut app,
        ApiEvent::Updated {
            id: "REQ2epayNoTid".into(),
            result: Ok(recorded(crate::ops::Updated::Unchanged(current))),
        },
    );
    assert_eq!(
        cmds,
        [Command::Api(WorkerCall::Activate {
            id: "REQ2epayNoTid".into(),
            held: app.request("REQ2epayNoTid").cloned(),
        })]
    );
    assert_eq!(
        toast(&app),
        "REQ2epayNoTid already has terminalId 11000023; nothing was sent; activating REQ2epayNoTid…"
    );
}

#[test]
fn a_terminal_id_set_meanwhile_is_an_error_toast_and_activation_does_not_follow() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    // `a` on an ePay request without a terminalId: save, then activate.
    update(&mut app, ch('a'));
    typed(&mut app, "11000023");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Command::Api(WorkerCall::Update { expected: None, .. })]
    ));
    assert!(app.activate_after_save.contains("REQ2epayNoTid"));

    let current = with_terminal(&app, "REQ2epayNoTid", Some("11000099"));
    let cmds = set_meanwhile(&mut app, "REQ2epayNoTid", current);
    assert!(cmds.is_empty(), "no activation: {cmds:?}");
    assert!(app.activate_after_save.is_empty());
    assert!(app.saving.is_empty());
    let t = app.current_toast().cloned().expect("a toast");
    assert_eq!(t.kind, ToastKind::Error);
    assert_eq!(
        t.text,
        "REQ2epayNoTid now has terminalId 11000099 (set since you looked); nothing was sent. Press t on it to review it."
    );
    // The list shows the server's value, so `t` now offers it as old.
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("11000099")
    );
    update(&mut app, ch('t'));
    assert!(matches!(&app.mode, Mode::Form(f) if f.old.as_deref() == Some("11000099")));
}

#[test]
fn the_refusal_names_the_terminal_id_key_as_remapped_and_a_cleared_value() {
    let mut cfg = config();
    cfg.prefs.keys = KeyMap::from_bindings(&[ConfigBinding {
        action: "terminal_id".into(),
        keys: vec!["w".into()],
        line: 3,
    }])
    .expect("a valid keymap");
    let mut app = loaded_with(cfg);
    let current = with_terminal(&app, "REQ3epayReady", None);
    set_meanwhile(&mut app, "REQ3epayReady", current);
    assert_eq!(
        toast(&app),
        "REQ3epayReady now has no terminalId (cleared since you looked); nothing was sent. Press w on it to review it."
    );
}

#[test]
fn a_bulk_entered_terminal_id_set_meanwhile_is_skipped_and_the_rest_run() {
    let mut app = loaded();
    mark(&mut app, &["REQ2epayNoTid", "REQ1verifone"]);
    update(&mut app, ch('A'));
    update(&mut app, ch('e'));
    typed(&mut app, "11000021");
    update(&mut app, key(KeyCode::Enter));
    let current = with_terminal(&app, "REQ2epayNoTid", Some("11000099"));
    let cmds = set_meanwhile(&mut app, "REQ2epayNoTid", current);
    match cmds.as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => assert_eq!(ids, &["REQ1verifone"]),
        other => panic!("{other:?}"),
    }
    let run = app.bulk().expect("the run");
    assert!(
        matches!(run.state("REQ2epayNoTid"), Some(ItemState::Done(BulkResult::Skipped(w))) if w.contains("11000099") && w.contains("not overwritten")),
        "{:?}",
        run.state("REQ2epayNoTid")
    );
}
