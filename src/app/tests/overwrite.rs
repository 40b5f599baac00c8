//! update() for replacing a terminalId: old → new, asked before it is sent.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

#[test]
fn replacing_a_terminal_id_shows_old_to_new_and_sends_only_on_yes() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('t'));
    retype(&mut app, "11000022");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Overwrite(ow)) => {
            assert_eq!(ow.old.as_deref(), Some("11000021"));
            assert_eq!(ow.new, "11000022");
            assert_eq!(ow.change(), "11000021 → 11000022");
        }
        other => panic!("{other:?}"),
    }
    // Any other key leaves the question up and sends nothing.
    assert!(update(&mut app, ch('x')).is_empty());
    assert!(matches!(app.mode, Mode::Asking(Asking::Overwrite(_))));
    // n goes back to the form with what was typed.
    assert!(update(&mut app, ch('n')).is_empty());
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.input.value(), "11000022"),
        other => panic!("{other:?}"),
    }
    // Esc at the question goes back too; Esc at the form closes it.
    update(&mut app, key(KeyCode::Enter));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::Form(_)));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.saving.is_empty());

    // y sends it; so does Enter.
    for yes in [ch('y'), key(KeyCode::Enter)] {
        update(&mut app, ch('t'));
        retype(&mut app, "11000022");
        update(&mut app, key(KeyCode::Enter));
        assert_eq!(
            update(&mut app, yes),
            vec![Command::Api(WorkerCall::Update {
                id: "REQ3epayReady".into(),
                terminal_id: "11000022".into(),
                expected: Some("11000021".into())
            })]
        );
        assert!(matches!(app.mode, Mode::List));
        app.saving.clear();
    }
}

#[test]
fn the_same_terminal_id_again_sends_nothing_and_says_so() {
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('t'));
    // The form offers the current value; Enter submits it unchanged.
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.saving.is_empty());
    assert_eq!(
        toast(&app),
        "REQ3epayReady already has terminalId 11000021; nothing was sent."
    );
    // Typed again with spaces around it: the same value after checking.
    update(&mut app, ch('t'));
    retype(&mut app, " 11000021 ");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn a_request_without_a_terminal_id_that_is_pending_is_saved_without_asking() {
    let mut app = loaded();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000023");
    assert_eq!(
        update(&mut app, key(KeyCode::Enter)),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "11000023".into(),
            expected: None
        })]
    );
}

#[test]
fn a_request_that_is_not_pending_names_its_status_and_asks() {
    let mut app = loaded();
    move_to(&mut app, "REQ5active");
    update(&mut app, ch('t'));
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.status, crate::api::Status::Active),
        other => panic!("{other:?}"),
    }
    typed(&mut app, "V-1");
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Overwrite(ow)) => {
            assert_eq!(ow.status, crate::api::Status::Active);
            assert_eq!(ow.change(), "none → V-1");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        update(&mut app, ch('y')),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ5active".into(),
            terminal_id: "V-1".into(),
            expected: None
        })]
    );

    // A rejected one with a terminalId: old → new, and the status.
    move_to(&mut app, "REQ6rejected");
    update(&mut app, ch('t'));
    retype(&mut app, "W2");
    update(&mut app, key(KeyCode::Enter));
    match &app.mode {
        Mode::Asking(Asking::Overwrite(ow)) => {
            assert_eq!(ow.status, crate::api::Status::Rejected);
            assert_eq!(ow.change(), "W1 → W2");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_terminal_id_set_since_the_form_opened_is_asked_about() {
    let mut app = loaded();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000024");
    // A reload brings someone else's terminalId while the form is open.
    app.patch(with_terminal(&app, "REQ2epayNoTid", Some("11000099")));
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    match &app.mode {
        Mode::Asking(Asking::Overwrite(ow)) => assert_eq!(ow.change(), "11000099 → 11000024"),
        other => panic!("{other:?}"),
    }
}
