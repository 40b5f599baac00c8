//! update() for import (`i`): plan, preview, apply and the results.

use std::path::PathBuf;

use crossterm::event::KeyCode;

use crate::api::{ApiError, SearchQuery, Status};
use crate::app::*;
use crate::import::RowClass;
use crate::testkit::*;

#[test]
fn import_plans_every_status_for_the_account_then_previews() {
    let mut cfg = config();
    cfg.account_id = Some("Jaim1Cu1Q55uooxSens6yk".into());
    let mut app = App::new(cfg, now());
    app.init();
    api(&mut app, page(1, requests(), true));
    // Nothing typed: the prompt says what it needs and stays.
    update(&mut app, ch('i'));
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(&app.mode, Mode::Prompt(p) if p.error.is_some()));
    update(&mut app, key(KeyCode::Esc));
    let cmds = start_import(&mut app, "terminals.csv");
    assert_eq!(
        cmds,
        [Command::Api(WorkerCall::PlanImport {
            path: "terminals.csv".into(),
            query: SearchQuery {
                account_id: Some("Jaim1Cu1Q55uooxSens6yk".into()),
                kind: None,
                pending: false,
            },
        })]
    );
    assert!(matches!(app.mode, Mode::Import));
    assert!(app.is_busy());
    planned(&mut app, IMPORT_CSV);
    let run = app.import().expect("an import");
    assert!(run.is_preview());
    let counts = run.plan.counts();
    assert_eq!(counts[&RowClass::WillSet], 2);
    assert_eq!(counts[&RowClass::Unchanged], 1);
    assert_eq!(counts[&RowClass::Conflicting], 1);
    assert_eq!(counts[&RowClass::UnknownRequest], 1);
    assert_eq!(counts[&RowClass::Duplicate], 1);
    assert_eq!(counts[&RowClass::Invalid], 1);
    // The prompt offers the same file next time.
    assert_eq!(app.last_import_path, "terminals.csv");
}

#[test]
fn confirming_the_preview_sends_the_will_set_rows_only() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, IMPORT_CSV);
    // Scrolling the preview sends nothing.
    assert!(update(&mut app, ch('j')).is_empty());
    let cmds = update(&mut app, ch('y'));
    let [
        Command::Api(WorkerCall::ImportApply {
            run_id,
            updates,
            concurrency,
        }),
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(
        updates,
        &[
            ("REQ2epayNoTid".to_string(), "11000099".to_string()),
            ("REQ1verifone".to_string(), "V-77".to_string()),
        ]
    );
    assert_eq!(*concurrency, 4);
    let run_id = *run_id;
    assert_eq!(
        app.import().and_then(ImportState::run).map(|r| r.phase),
        Some(RunPhase::Running)
    );
    // Keys other than Esc do nothing while it runs.
    assert!(update(&mut app, ch('y')).is_empty());
    let mut saved = app.request("REQ2epayNoTid").cloned().expect("row");
    saved.terminal_id = Some("11000099".into());
    import_row(
        &mut app,
        run_id,
        "REQ2epayNoTid",
        ImportRowResult::Set(saved),
    );
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("11000099")
    );
    import_row(
        &mut app,
        run_id,
        "REQ1verifone",
        ImportRowResult::SetMeanwhile("V-1".into()),
    );
    let cmds = import_finished(&mut app, run_id, false);
    assert!(cmds.is_empty(), "no activation without `a`: {cmds:?}");
    let run = app.import().and_then(ImportState::run).expect("results");
    assert_eq!(run.phase, RunPhase::Finished { cancelled: false });
    assert_eq!(run.items[0].state, ItemState::Done(ImportResult::Set));
    assert!(
        matches!(&run.items[1].state, ItemState::Done(ImportResult::Skipped(w)) if w.contains("V-1"))
    );
    assert_eq!(toast(&app), "Set 1 of 2 terminalIds from terminals.csv.");
    update(&mut app, key(KeyCode::Esc));
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn cancelling_the_preview_or_the_planning_sends_nothing() {
    let mut app = loaded();
    start_import(&mut app, "terminals.csv");
    planned(&mut app, IMPORT_CSV);
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(toast(&app), "Import cancelled; nothing was sent.");
    // Esc while the worker plans; its late answer is dropped.
    start_import(&mut app, "terminals.csv");
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    planned(&mut app, IMPORT_CSV);
    assert!(app.import().is_none());
    assert!(matches!(app.mode, Mode::List));
}

fn plan_failed(app: &mut App, path: &str, why: &str) {
    api(
        app,
        ApiEvent::ImportPlanned {
            path: path.into(),
            result: Err(crate::ops::PlanError::File(why.into())),
        },
    );
}

#[test]
fn a_failed_plan_keeps_the_prompt_with_the_path_and_a_retry_sends_it_once() {
    let mut app = loaded();
    start_import(&mut app, "terms.csv");
    plan_failed(
        &mut app,
        "terms.csv",
        "Could not open terms.csv (not found).",
    );
    assert!(app.import().is_none());
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays open: {:?}", app.mode);
    };
    assert_eq!(p.kind, PromptKind::Import);
    assert_eq!(p.input.value(), "terms.csv");
    assert_eq!(
        p.error.as_deref(),
        Some("Could not open terms.csv (not found).")
    );
    // Enter again: the same path, once (never "terms.csvterms.csv").
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Command::Api(WorkerCall::PlanImport { path, .. })] if path == &PathBuf::from("terms.csv")),
        "{cmds:?}"
    );
    // A bad CSV: the path is edited in place, and the fixed one is sent.
    plan_failed(&mut app, "terms.csv", "terms.csv has no terminalId column.");
    for _ in 0..4 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "2.csv");
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays open: {:?}", app.mode);
    };
    assert_eq!(p.input.value(), "terms2.csv");
    assert_eq!(p.error, None, "typing clears the old error");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Command::Api(WorkerCall::PlanImport { path, .. })] if path == &PathBuf::from("terms2.csv")),
        "{cmds:?}"
    );
    // Reopened later, the prompt offers the last path as it was typed.
    plan_failed(
        &mut app,
        "terms2.csv",
        "Could not open terms2.csv (not found).",
    );
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, ch('i'));
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt: {:?}", app.mode);
    };
    assert_eq!(p.input.value(), "terms2.csv");
}

#[test]
fn importing_the_same_file_again_is_all_unchanged_and_sends_nothing() {
    let mut app = loaded();
    let mut now_set = requests();
    for r in &mut now_set {
        match r.id.as_str() {
            "REQ2epayNoTid" => r.terminal_id = Some("11000099".into()),
            "REQ1verifone" => r.terminal_id = Some("V-77".into()),
            _ => {}
        }
    }
    start_import(&mut app, "terminals.csv");
    let plan = import_plan(IMPORT_CSV, &now_set);
    assert_eq!(plan.count(RowClass::WillSet), 0);
    assert_eq!(plan.count(RowClass::Unchanged), 3);
    api(
        &mut app,
        ApiEvent::ImportPlanned {
            path: "terminals.csv".into(),
            result: Ok(plan),
        },
    );
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(app.import().is_none());
    assert!(toast(&app).starts_with("Nothing to set"), "{}", toast(&app));
    // Back in the list, `a` only asks: still nothing is sent.
    assert!(update(&mut app, ch('a')).is_empty());
}

#[test]
fn a_sets_then_bulk_activates_what_was_set_then_shows_the_import_results() {
    let mut app = loaded();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'a');
    for (id, tid) in [("REQ2epayNoTid", "11000099"), ("REQ1verifone", "V-77")] {
        let mut r = app.request(id).cloned().expect("row");
        r.terminal_id = Some(tid.into());
        import_row(&mut app, run_id, id, ImportRowResult::Set(r));
    }
    let cmds = import_finished(&mut app, run_id, false);
    match cmds.as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => {
            // What was set, and REQ3, pending with the file's terminalId
            // already: every pending request that holds the file's value.
            assert_eq!(ids, &["REQ2epayNoTid", "REQ3epayReady", "REQ1verifone"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.scope(),
        crate::keys::Scope::BulkRunning,
        "the run goes on beside the list"
    );
    let bulk_id = app.bulk().map(|r| r.run_id).expect("a bulk run");
    for id in ["REQ2epayNoTid", "REQ1verifone"] {
        let mut r = app.request(id).cloned().expect("row");
        r.status = Status::Active;
        activation(
            &mut app,
            id,
            Some(bulk_id),
            Ok(crate::api::retry::Activation::Activated(r)),
        );
    }
    bulk_finished(&mut app, bulk_id, false);
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::Import), "import results next");
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn esc_during_the_import_run_cancels_it() {
    let mut app = loaded();
    import_preview(&mut app);
    let run_id = apply_import(&mut app, 'a');
    assert_eq!(
        update(&mut app, key(KeyCode::Esc)),
        [Command::Api(WorkerCall::CancelBulk { run_id })]
    );
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty(), "asked once");
    import_row(
        &mut app,
        run_id,
        "REQ2epayNoTid",
        ImportRowResult::Failed(
            ApiError::Timeout {
                after: std::time::Duration::from_secs(3),
            }
            .into(),
        ),
    );
    let cmds = import_finished(&mut app, run_id, true);
    assert!(cmds.is_empty(), "a cancelled run activates nothing");
    let run = app.import().and_then(ImportState::run).expect("results");
    assert_eq!(run.phase, RunPhase::Finished { cancelled: true });
    assert!(matches!(
        run.items[0].state,
        ItemState::Done(ImportResult::Failed(_))
    ));
    assert!(matches!(
        run.items[1].state,
        ItemState::Done(ImportResult::Skipped(_))
    ));
}
