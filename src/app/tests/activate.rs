//! update() for activating one request, with and without the terminalId form.

use crossterm::event::KeyCode;

use crate::api::retry::Activation;
use crate::api::{ApiError, Status};
use crate::app::*;
use crate::testkit::*;

#[test]
fn activate_asks_then_sends() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    assert!(update(&mut app, ch('a')).is_empty());
    assert!(matches!(&app.mode, Mode::Asking(Asking::Activate { id }) if id == "REQ3epayReady"));
    update(&mut app, ch('n'));
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::Asking(Asking::Activate { .. })));
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, ch('a'));
    let cmds = update(&mut app, ch('y'));
    // The row as shown goes along: the rule is checked on it, nothing is read first.
    let held = app.request("REQ3epayReady").cloned();
    assert!(held.is_some());
    assert_eq!(
        cmds,
        vec![Command::Api(WorkerCall::Activate {
            id: "REQ3epayReady".into(),
            held
        })]
    );
    assert!(app.is_busy());
    let mut done = app
        .request("REQ3epayReady")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    done.status = Status::Active;
    let id = done.id.clone();
    activation(&mut app, &id, None, Ok(Activation::Activated(done)));
    assert_eq!(
        app.request("REQ3epayReady").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    assert!(app.activating.is_empty());
    assert!(
        app.current_toast()
            .is_some_and(|t| t.text.contains("Activated REQ3epayReady"))
    );
    // Enter confirms too, and an active row is not offered again.
    update(&mut app, ch('a'));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn activation_errors_are_sentences() {
    let mut app = loaded();
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('a'));
    update(&mut app, key(KeyCode::Enter));
    activation(
        &mut app,
        "REQ1verifone",
        None,
        Err(ApiError::Server {
            status: 502,
            message: "bad gateway".into(),
        }),
    );
    let t = app
        .current_toast()
        .cloned()
        .unwrap_or_else(|| panic!("a toast"));
    assert_eq!(t.kind, ToastKind::Error);
    assert!(
        t.text
            .starts_with("Could not activate REQ1verifone. The server failed with 502"),
        "{}",
        t.text
    );
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Pending)
    );
}

#[test]
fn already_activated_marks_the_row_active_and_says_so() {
    let mut app = loaded();
    confirm_activation(&mut app, "REQ1verifone");
    activation(
        &mut app,
        "REQ1verifone",
        None,
        Err(ApiError::AlreadyActivated),
    );
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    let t = app
        .current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(t.contains("already activated by someone else"), "{t}");
}

#[test]
fn non_pending_rows_are_not_offered_for_activation() {
    let mut app = loaded();
    move_to(&mut app, "REQ6rejected");
    assert!(update(&mut app, ch('a')).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(
        app.current_toast()
            .is_some_and(|t| t.text.contains("rejected"))
    );
}

#[test]
fn epay_without_terminal_id_gets_the_form_then_activates_without_a_second_confirm() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    assert!(matches!(&app.mode, Mode::Form(f) if matches!(f.then, FormThen::Activate)));
    typed(&mut app, "12a");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Form(f) => assert_eq!(
            f.error.as_deref(),
            Some("An ePay terminalId is digits only (e.g. 11000021).")
        ),
        other => panic!("{other:?}"),
    }
    update(&mut app, key(KeyCode::Backspace));
    match &app.mode {
        Mode::Form(f) => assert!(f.error.is_none(), "editing clears the error"),
        other => panic!("{other:?}"),
    }
    typed(&mut app, "3");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert_eq!(
        cmds,
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "123".into(),
            expected: None
        })]
    );
    assert!(matches!(app.mode, Mode::List));
    let mut saved = app
        .request("REQ2epayNoTid")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    saved.terminal_id = Some("123".into());
    let cmds = updated(&mut app, saved.clone());
    // The server's answer to the save is the copy the activation checks.
    assert_eq!(
        cmds,
        vec![Command::Api(WorkerCall::Activate {
            id: "REQ2epayNoTid".into(),
            held: Some(saved)
        })]
    );
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(
        app.request("REQ2epayNoTid")
            .and_then(|r| r.effective_terminal_id()),
        Some("123")
    );
}

#[test]
fn a_failed_save_does_not_activate() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    typed(&mut app, "11000021");
    update(&mut app, key(KeyCode::Enter));
    let cmds = api(
        &mut app,
        ApiEvent::Updated {
            id: "REQ2epayNoTid".into(),
            result: Err(crate::ops::OpError::Api(ApiError::BadRequest {
                message: "terminalId is invalid".into(),
            })),
        },
    );
    assert!(cmds.is_empty());
    let t = app
        .current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default();
    assert!(
        t.contains("Could not save the terminalId") && t.contains("terminalId is invalid"),
        "{t}"
    );
}

#[test]
fn a_while_its_terminal_id_is_being_saved_says_so_and_opens_no_second_form() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    for c in "11000021".chars() {
        update(&mut app, ch(c));
    }
    let sent = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(sent.as_slice(), [Command::Api(WorkerCall::Update { .. })]),
        "{sent:?}"
    );
    assert!(matches!(app.mode, Mode::List));
    // The answer has not come: the stored copy still has no terminalId.
    assert!(update(&mut app, ch('a')).is_empty());
    assert!(matches!(app.mode, Mode::List), "{:?}", app.mode);
    assert!(
        toast(&app).contains("still being saved"),
        "the operator is told why nothing opened: {}",
        toast(&app)
    );
}
