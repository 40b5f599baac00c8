//! update() for the terminalId form (`t`).

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

#[test]
fn t_opens_the_form_prefilled_and_esc_cancels() {
    let mut app = loaded();
    move_to(&mut app, "REQ4windcaveT9");
    update(&mut app, ch('t'));
    match &app.mode {
        Mode::Form(f) => {
            assert_eq!(f.input.value(), "T-9");
            assert!(matches!(f.then, FormThen::Save));
        }
        other => panic!("{other:?}"),
    }
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    update(&mut app, ch('t'));
    // End keeps the value and puts the cursor after it; typing then adds.
    update(&mut app, key(KeyCode::End));
    typed(&mut app, "X");
    // It has T-9 already: replacing it is confirmed first.
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(matches!(app.mode, Mode::Asking(Asking::Overwrite(_))));
    let cmds = update(&mut app, ch('y'));
    assert_eq!(
        cmds,
        vec![Command::Api(WorkerCall::Update {
            id: "REQ4windcaveT9".into(),
            terminal_id: "T-9X".into(),
            expected: Some("T-9".into())
        })]
    );
    // Nothing more is sent when the save succeeds.
    let mut saved = app
        .request("REQ4windcaveT9")
        .cloned()
        .unwrap_or_else(|| panic!("row"));
    saved.terminal = None;
    saved.terminal_id = Some("T-9X".into());
    assert!(updated(&mut app, saved).is_empty());
    assert_eq!(
        app.request("REQ4windcaveT9")
            .and_then(|r| r.effective_terminal_id()),
        Some("T-9X")
    );
}
