//! update() for what a question leads to: declining an export's replace
//! question, and the bulk dialog's missing terminalIds entered one form at
//! a time, then looked at once more before anything is sent.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::export::ExportError;
use crate::testkit::*;

fn logged(app: &App) -> Vec<String> {
    app.messages()
        .newest_first()
        .rev()
        .map(|m| m.text.clone())
        .collect()
}

/// Declining to replace the file logs that nothing was written, and never
/// that an export began.
#[test]
fn declining_an_export_replace_logs_nothing_about_exporting() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    for _ in 0..40 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "out.csv");
    update(&mut app, key(KeyCode::Enter));
    api(
        &mut app,
        ApiEvent::Exported {
            path: "out.csv".into(),
            count: 8,
            result: Err(ExportError::Exists),
        },
    );
    assert_eq!(app.question(), Some(Question::ExportOverwrite));
    update(&mut app, ch('n'));
    let log = logged(&app);
    assert!(log.iter().all(|m| !m.contains("Exporting")), "{log:?}");
    assert_eq!(
        log.last().map(String::as_str),
        Some("Nothing was written: out.csv was left as it was.")
    );
    // Saying yes the second time is an export that goes ahead: logged.
    update(&mut app, key(KeyCode::Enter));
    api(
        &mut app,
        ApiEvent::Exported {
            path: "out.csv".into(),
            count: 8,
            result: Err(ExportError::Exists),
        },
    );
    update(&mut app, ch('y'));
    let log = logged(&app);
    assert_eq!(
        log.last().map(String::as_str),
        Some("Exporting 8 requests to out.csv…")
    );
}

/// `A` on a ready verifone and an ePay without a terminalId, then `e`.
fn entering(mut app: App) -> App {
    mark(&mut app, &["REQ1verifone", "REQ2epayNoTid"]);
    update(&mut app, ch('A'));
    if matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.typed.is_some()) {
        typed(&mut app, "2");
    }
    assert!(update(&mut app, ch('e')).is_empty());
    assert!(matches!(&app.mode, Mode::Form(f) if f.id == "REQ2epayNoTid"));
    app
}

fn last_look(app: &App) -> &BulkPlan {
    match &app.mode {
        Mode::Asking(Asking::Bulk(plan)) if plan.reviewing => plan,
        other => panic!("no last look: {other:?}"),
    }
}

/// After the last form the bulk dialog shows again, counting the typed
/// terminalIds in; nothing is sent until its yes, and its no sends nothing
/// and says so.
#[test]
fn after_the_last_form_the_run_is_looked_at_again_and_can_be_cancelled() {
    let mut app = entering(loaded());
    typed(&mut app, "11000021");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    let plan = last_look(&app);
    assert!(plan.missing_terminal.is_empty());
    assert_eq!(plan.runnable(), 2);
    assert_eq!(
        plan.entered.get("REQ2epayNoTid").map(String::as_str),
        Some("11000021")
    );
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.bulk().is_none());
    assert_eq!(
        logged(&app).last().map(String::as_str),
        Some("Bulk run cancelled; nothing was sent (the 1 terminalId typed was not saved).")
    );
}

/// The stop key leaves the forms at once for the last look: the request
/// whose form was open stays without a terminalId and is skipped.
#[test]
fn the_stop_key_leaves_the_forms_for_the_last_look() {
    let mut app = entering(loaded());
    assert!(update(&mut app, ctrl('x')).is_empty());
    let plan = last_look(&app);
    assert_eq!(plan.missing_terminal, ["REQ2epayNoTid"]);
    assert!(plan.entered.is_empty());
    assert_eq!(plan.runnable(), 1);
    // `e` there goes back to the forms still missing one.
    update(&mut app, ch('e'));
    assert!(matches!(&app.mode, Mode::Form(f) if f.id == "REQ2epayNoTid"));
    update(&mut app, ctrl('x'));
    let cmds = update(&mut app, key(KeyCode::Enter));
    match cmds.as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => {
            assert_eq!(ids, &["REQ1verifone".to_string()]);
        }
        other => panic!("{other:?}"),
    }
}

/// The stop key in a form of its own (`t`) does nothing: there is no run.
#[test]
fn the_stop_key_does_nothing_in_a_plain_form() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    assert!(update(&mut app, ctrl('x')).is_empty());
    assert!(matches!(&app.mode, Mode::Form(f) if f.id == "REQ2epayNoTid"));
}

/// On production the last look asks for the count again before the run.
#[test]
fn on_production_the_last_look_wants_the_count_typed_again() {
    let mut app = entering(production(1));
    typed(&mut app, "11000021");
    update(&mut app, key(KeyCode::Enter));
    let plan = last_look(&app);
    assert_eq!(plan.typed.as_deref().map(|t| t.input.as_str()), Some(""));
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(
        last_look(&app)
            .typed
            .as_ref()
            .is_some_and(|t| t.error.is_some())
    );
    typed(&mut app, "2");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        cmds,
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "11000021".into(),
            expected: None,
        })]
    );
}
