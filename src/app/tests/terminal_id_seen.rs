//! update() for a terminalId update carrying the value the operator saw
//! being replaced, so one another operator set since (after the last load)
//! is never overwritten unseen: the refusal's toast, activation not
//! following it, and a bulk run skipping that row. `src/app/not_overwritten.rs`
//! is what they test; the worker's side is in `src/tui/worker/tests/seen.rs`.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::{ConfigBinding, KeyMap};
use crate::testkit::*;

fn toast(app: &App) -> String {
    app.current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

fn api(app: &mut App, e: ApiEvent) -> Vec<Command> {
    update(app, Action::Api(e))
}

/// Replace the form's text with `text`.
fn retype(app: &mut App, text: &str) {
    for _ in 0..40 {
        update(app, key(KeyCode::Backspace));
    }
    typed(app, text);
}

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
    update(&mut app, key(KeyCode::Enter));
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
