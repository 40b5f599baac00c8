//! update() for the bulk dialog: what it counts, and the missing terminalIds entered before a run.

use chrono::TimeDelta;
use crossterm::event::KeyCode;

use crate::api::{ApiError, IntegrationType, Status};
use crate::app::*;
use crate::testkit::*;

#[test]
fn bulk_confirm_counts_hidden_not_pending_and_missing_terminal_ids() {
    let mut app = loaded();
    mark(
        &mut app,
        &[
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ5active",
            "REQ6rejected",
            "REQ7verifone",
        ],
    );
    app.set_filter_text("type:verifone");
    update(&mut app, ch('A'));
    let Mode::Asking(Asking::Bulk(plan)) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(plan.ids.len(), 5);
    assert_eq!(
        plan.hidden, 2,
        "the ePay and the rejected windcave are filtered out"
    );
    assert_eq!(plan.not_pending, 2);
    assert_eq!(plan.missing_terminal, vec!["REQ2epayNoTid".to_string()]);
    assert_eq!(plan.runnable(), 2);
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn bulk_without_marks_uses_the_cursor_row() {
    let mut app = loaded();
    move_to(&mut app, "REQ7verifone");
    update(&mut app, ch('A'));
    let Mode::Asking(Asking::Bulk(plan)) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(plan.ids, vec!["REQ7verifone".to_string()]);
}

/// Marked with two ePay requests missing a terminalId: each is asked for in
/// turn, both are sent, and the run waits on them.
#[test]
fn e_enters_missing_terminal_ids_one_by_one_then_runs() {
    let mut app = two_missing_asked();
    let cmds = enter_both(&mut app);
    assert_eq!(
        cmds,
        vec![
            Command::Api(WorkerCall::Update {
                id: "REQ2epayNoTid".into(),
                terminal_id: "11000021".into(),
                expected: None
            }),
            Command::Api(WorkerCall::Update {
                id: "REQ9epayNoTid".into(),
                terminal_id: "11000022".into(),
                expected: None
            }),
        ]
    );
    assert_eq!(
        app.scope(),
        crate::keys::Scope::BulkRunning,
        "the run goes on beside the list"
    );
    assert_eq!(app.bulk().map(|r| r.phase), Some(RunPhase::Starting));
    one_saved_one_failed_then_the_rest_run(&mut app);
}

/// The bulk dialog over REQ1verifone and two ePay requests with no terminalId.
fn two_missing_asked() -> App {
    let mut app = loaded();
    let mut second = req(
        "REQ9epayNoTid",
        IntegrationType::Epay,
        Status::Pending,
        "5e37b1bf1404cd3aec32db3b",
        None,
        TimeDelta::days(1),
    );
    second.account_id = "acc".into();
    api(
        &mut app,
        ApiEvent::Page {
            load_id: 1,
            items: vec![],
            done: true,
        },
    );
    app.list.append(vec![second]);
    mark(
        &mut app,
        &["REQ1verifone", "REQ2epayNoTid", "REQ9epayNoTid"],
    );
    update(&mut app, ch('A'));
    app
}

/// `e`, then a terminalId in each form in turn; the commands of the last.
fn enter_both(app: &mut App) -> Vec<Command> {
    assert!(update(app, ch('e')).is_empty());
    match &app.mode {
        Mode::Form(f) => {
            assert_eq!(f.id, "REQ2epayNoTid");
            assert!(matches!(&f.then, FormThen::Bulk(e) if e.step == (1, 2)));
        }
        other => panic!("{other:?}"),
    }
    typed(app, "11000021");
    assert!(update(app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.id, "REQ9epayNoTid"),
        other => panic!("{other:?}"),
    }
    typed(app, "11000022");
    // The last form leads to a last look, not to the run.
    assert!(update(app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if p.reviewing));
    update(app, key(KeyCode::Enter))
}

/// The run starts once both saves answer: the saved one runs, the one that
/// could not be saved fails with why.
fn one_saved_one_failed_then_the_rest_run(app: &mut App) {
    let mut saved = app
        .request("REQ2epayNoTid")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    saved.terminal_id = Some("11000021".into());
    assert!(updated(app, saved).is_empty());
    let cmds = api(
        app,
        ApiEvent::Updated {
            id: "REQ9epayNoTid".into(),
            result: Err(crate::ops::OpError::Api(ApiError::BadRequest {
                message: "no".into(),
            })),
        },
    );
    match cmds.as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => assert_eq!(
            ids,
            &["REQ1verifone".to_string(), "REQ2epayNoTid".to_string()]
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        app.bulk().and_then(|r| r.state("REQ9epayNoTid").cloned()),
        Some(ItemState::Done(BulkResult::Failed(s))) if s.starts_with("could not save the terminalId.")
    ));
}

#[test]
fn esc_on_a_bulk_form_skips_that_request() {
    let mut app = loaded();
    mark(&mut app, &["REQ1verifone", "REQ2epayNoTid"]);
    update(&mut app, ch('A'));
    update(&mut app, ch('e'));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    let cmds = update(&mut app, key(KeyCode::Enter));
    match cmds.as_slice() {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => {
            assert_eq!(ids, &["REQ1verifone".to_string()]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.bulk().and_then(|r| r.state("REQ2epayNoTid").cloned()),
        Some(ItemState::Done(BulkResult::Skipped(
            "epay: terminalId missing".into()
        )))
    );
}

#[test]
fn a_bulk_with_nothing_runnable_goes_straight_to_results() {
    let mut app = loaded();
    mark(&mut app, &["REQ5active", "REQ6rejected"]);
    update(&mut app, ch('A'));
    assert!(update(&mut app, ch('y')).is_empty());
    assert_eq!(
        app.bulk().map(|r| r.phase),
        Some(RunPhase::Finished { cancelled: false })
    );
}
