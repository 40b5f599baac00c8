//! update() for the copy menu (`y`): each field's key copies that field
//! through `Effect::Copy` and says so; a field the request lacks copies
//! nothing and says why, the menu staying open; Esc closes it.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::Scope;
use crate::testkit::*;

fn copied(cmds: &[Command]) -> (String, String) {
    let [Command::Effect(Effect::Copy { text, what })] = cmds else {
        panic!("not one copy: {cmds:?}");
    };
    (text.clone(), what.clone())
}

/// `y` then `key` on the request `id`.
fn copy(app: &mut App, id: &str, key: char) -> Vec<Command> {
    move_to(app, id);
    assert!(update(app, ch('y')).is_empty());
    assert_eq!(app.scope(), Scope::CopyMenu);
    update(app, ch(key))
}

#[test]
fn each_field_copies_its_value_and_says_what_was_copied() {
    let mut app = named();
    let r = app.request("REQ3epayReady").expect("loaded").clone();
    let tid = r.effective_terminal_id().expect("a terminalId").to_string();
    for (key, value, said) in [
        (
            'y',
            r.id.clone(),
            "Copied id REQ3epayReady to the clipboard.".to_string(),
        ),
        (
            'm',
            r.merchant_id.clone(),
            "Copied merchantId 62e0ca487e40434… of REQ3epayReady to the clipboard.".into(),
        ),
        (
            'n',
            "Tui Books".into(),
            "Copied merchant name Tui Books of REQ3epayReady to the clipboard.".into(),
        ),
        (
            't',
            tid.clone(),
            format!("Copied terminalId {tid} of REQ3epayReady to the clipboard."),
        ),
        (
            'a',
            r.account_id.clone(),
            "Copied accountId Jaim1Cu1Q55uoox… of REQ3epayReady to the clipboard.".into(),
        ),
    ] {
        let (text, _) = copied(&copy(&mut app, "REQ3epayReady", key));
        assert_eq!(text, value, "{key}");
        assert_eq!(toast(&app), said, "{key}");
        assert!(matches!(app.mode, Mode::List), "{key}: the menu closes");
    }
}

#[test]
fn a_field_the_request_lacks_copies_nothing_and_says_so() {
    let mut app = named();
    let cmds = copy(&mut app, "REQ2epayNoTid", 't');
    assert!(cmds.is_empty(), "{cmds:?}");
    assert_eq!(
        toast(&app),
        "REQ2epayNoTid has no terminalId: nothing to copy."
    );
    assert_eq!(app.scope(), Scope::CopyMenu, "another field may be wanted");
    // The merchant the key cannot see has no name to copy either.
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.scope(), Scope::List);
    assert!(copy(&mut app, "REQ5active", 'n').is_empty());
    assert_eq!(
        toast(&app),
        "REQ5active has no merchant name: nothing to copy."
    );
    let choices = app.copy_choices("REQ5active");
    let name = choices
        .iter()
        .find(|c| c.field == CopyField::MerchantName)
        .expect("a line");
    assert_eq!(name.value, None);
}

#[test]
fn esc_closes_the_menu_copying_nothing() {
    let mut app = named();
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('y'));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert_eq!(app.scope(), Scope::List);
    assert_eq!(cursor_id(&app), "REQ1verifone");
}

#[test]
fn values_are_copied_as_shown_never_with_live_control_characters() {
    let mut app = loaded();
    let mut hostile = requests()[0].clone();
    hostile.merchant_id = "m\u{1b}]52;c;aGk=\u{7}x".into();
    let id = hostile.id.clone();
    app.patch(hostile);
    let (text, _) = copied(&copy(&mut app, &id, 'm'));
    assert!(!text.chars().any(char::is_control), "{text:?}");
    assert_eq!(text, crate::text::clean("m\u{1b}]52;c;aGk=\u{7}x"));
}

#[test]
fn a_request_gone_while_the_menu_is_open_copies_nothing() {
    // A refresh started before the menu opened answers without the request.
    let mut app = loaded();
    move_to(&mut app, "REQ3epayReady");
    let id = load_id(&update(&mut app, ch('r')));
    update(&mut app, ch('y'));
    let without: Vec<_> = requests()
        .into_iter()
        .filter(|r| r.id != "REQ3epayReady")
        .collect();
    api(&mut app, page(id, without, true));
    assert!(update(&mut app, ch('m')).is_empty());
    assert_eq!(
        toast(&app),
        "REQ3epayReady is no longer loaded: nothing was copied."
    );
    assert_eq!(app.scope(), Scope::List);
}
