//! update() for the typed count on production reaching every bulk run:
//! `R` on the results and an import's "set, then activate" (`a`) ask for the
//! count as `A` does, and read-only refuses before asking.

use crossterm::event::KeyCode;

use crate::api::ApiError;
use crate::app::*;
use crate::safety::ReadOnly;
use crate::testkit::*;

fn toast(app: &App) -> String {
    app.current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

fn timeout() -> ApiError {
    ApiError::Timeout {
        after: std::time::Duration::from_secs(3),
    }
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

// ---- `R` on the results ----

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

// ---- an import's `a`: the typed count before the first set ----

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
