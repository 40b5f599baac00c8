use crossterm::event::KeyModifiers;

use super::*;

fn binding(action: &str, keys: &[&str], line: usize) -> Binding {
    Binding {
        action: action.into(),
        keys: keys.iter().map(|k| k.to_string()).collect(),
        line,
    }
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn defaults_pass_keys_through() {
    let map = KeyMap::default();
    assert_eq!(
        map.translate(press(KeyCode::Char('a'))),
        Some(press(KeyCode::Char('a')))
    );
    assert_eq!(map.label(KeyAction::Down), "j/↓");
    assert_eq!(map.label(KeyAction::PageDown), "pgdn/ctrl-f");
    assert_eq!(map.short(KeyAction::HalfPageDown), "ctrl-d");
}

#[test]
fn a_remapped_action_answers_its_new_key_and_not_its_old_one() {
    let map = KeyMap::from_bindings(&[
        binding("activate", &["x"], 3),
        binding("down", &["n", "down"], 4),
    ])
    .expect("valid");
    assert_eq!(
        map.translate(press(KeyCode::Char('x'))),
        Some(press(KeyCode::Char('a')))
    );
    assert_eq!(map.translate(press(KeyCode::Char('a'))), None);
    assert_eq!(map.translate(press(KeyCode::Enter)), None);
    assert_eq!(
        map.translate(press(KeyCode::Char('n'))),
        Some(press(KeyCode::Char('j')))
    );
    assert_eq!(map.translate(press(KeyCode::Char('j'))), None);
    // Untouched actions keep their defaults; unrelated keys pass through.
    assert_eq!(
        map.translate(press(KeyCode::Char('t'))),
        Some(press(KeyCode::Char('t')))
    );
    assert_eq!(
        map.translate(press(KeyCode::Char('z'))),
        Some(press(KeyCode::Char('z')))
    );
    assert_eq!(map.label(KeyAction::Activate), "x");
}

#[test]
fn ctrl_keys_and_named_keys_parse() {
    let map = KeyMap::from_bindings(&[
        binding("half_page_down", &["ctrl-n"], 1),
        binding("refresh", &["f5"], 2),
    ])
    .expect("valid");
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(map.translate(ctrl_n), Some(ctrl_d));
    assert_eq!(map.translate(ctrl_d), None);
    assert_eq!(
        map.translate(press(KeyCode::F(5))),
        Some(press(KeyCode::Char('r')))
    );
}

#[test]
fn a_clash_names_the_line_and_both_actions() {
    let err =
        KeyMap::from_bindings(&[binding("activate", &["t"], 7)]).expect_err("t is terminal_id's");
    assert_eq!(err.line, 7);
    assert!(
        err.message.contains("`terminal_id`") && err.message.contains("`activate`"),
        "{err}"
    );
    let err = KeyMap::from_bindings(&[binding("refresh", &["x"], 2), binding("sort", &["x"], 9)])
        .expect_err("clash");
    assert!(err.line == 2 || err.line == 9, "{err}");
}

#[test]
fn unknown_actions_and_keys_are_refused_with_their_line() {
    let err = KeyMap::from_bindings(&[binding("launch", &["x"], 5)]).expect_err("unknown action");
    assert_eq!(err.to_string().split(':').next(), Some("line 5"));
    assert!(err.message.contains("`launch`"));
    let err = KeyMap::from_bindings(&[binding("quit", &["hyper-x"], 6)]).expect_err("unknown key");
    assert_eq!(err.line, 6);
    let err = KeyMap::from_bindings(&[binding("quit", &["esc"], 8)]).expect_err("reserved");
    assert!(err.message.contains("reserved"));
}
