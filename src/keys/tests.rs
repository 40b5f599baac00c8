use crossterm::event::{KeyCode, KeyModifiers};

use super::table::{HELP, HINTS};
use super::*;

fn binding(action: &str, keys: &[&str], line: usize) -> ConfigBinding {
    ConfigBinding {
        action: action.into(),
        keys: keys.iter().map(std::string::ToString::to_string).collect(),
        line,
    }
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    press(KeyCode::Char(c))
}

fn all(map: &KeyMap, scope: Scope, intent: Intent) -> String {
    map.label(scope, &[intent], "", false)
}

#[test]
fn every_table_key_parses_and_no_scope_binds_a_key_twice() {
    let mut seen = std::collections::HashMap::new();
    for b in table::bindings() {
        assert!(
            !b.keys.is_empty(),
            "{:?} {:?} has no key",
            b.scope,
            b.intent
        );
        for k in b.keys.iter().chain(b.aliases) {
            let key = Key::parse(k).unwrap_or_else(|e| panic!("{k}: {e}"));
            if let Some(other) = seen.insert((b.scope, key), b.intent) {
                panic!("{k} is {other:?} and {:?} in {:?}", b.intent, b.scope);
            }
        }
    }
    let map = KeyMap::default();
    assert!(map.is_default());
    // Every intent a footer or help row names has a key in that scope.
    for (scope, intents) in HINTS
        .iter()
        .map(|h| (h.scope, h.intents))
        .chain(HELP.iter().map(|r| (r.scope, r.intents)))
    {
        for i in intents {
            assert!(
                !map.keys(scope, *i).is_empty(),
                "{i:?} has no key in {scope:?}"
            );
        }
    }
}

#[test]
fn defaults_resolve_to_themselves() {
    let map = KeyMap::default();
    assert_eq!(
        map.input(Scope::List, ch('a')),
        Some(Press::Intent(Intent::Activate))
    );
    assert_eq!(
        map.resolve(Scope::List, &press(KeyCode::Enter)),
        Some(Intent::Activate)
    );
    // Not remapped: the label is the table's spelling.
    assert_eq!(all(&map, Scope::List, Intent::Down), "");
    assert_eq!(
        map.keys(Scope::List, Intent::Down)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>(),
        ["j", "↓"]
    );
    assert_eq!(
        map.keys(Scope::List, Intent::PageDown)
            .iter()
            .map(Key::to_string)
            .collect::<Vec<_>>(),
        ["pgdn", "ctrl-f"]
    );
    assert_eq!(map.short(Intent::HalfPageDown), "ctrl-d");
    // Plain characters are text in a text input; its control keys are not.
    assert_eq!(map.resolve(Scope::Form, &ch('q')), None);
    assert_eq!(map.input(Scope::Form, ch('q')), Some(Press::Text(ch('q'))));
    assert_eq!(
        map.resolve(Scope::Form, &press(KeyCode::Esc)),
        Some(Intent::Cancel)
    );
    // Digits are the count, and other characters do nothing there.
    assert_eq!(
        map.input(Scope::BulkCount, ch('7')),
        Some(Press::Text(ch('7')))
    );
    assert_eq!(map.input(Scope::BulkCount, ch('y')), None);
}

#[test]
fn a_remapped_action_answers_its_new_key_and_not_its_old_one() {
    let map = KeyMap::from_bindings(&[
        binding("activate", &["x"], 3),
        binding("down", &["n", "down"], 4),
    ])
    .expect("valid");
    assert_eq!(map.resolve(Scope::List, &ch('x')), Some(Intent::Activate));
    assert_eq!(map.input(Scope::List, ch('a')), None);
    assert_eq!(map.input(Scope::List, press(KeyCode::Enter)), None);
    assert_eq!(map.resolve(Scope::List, &ch('n')), Some(Intent::Down));
    assert_eq!(map.input(Scope::List, ch('j')), None);
    // Untouched actions keep their defaults; unbound keys mean nothing.
    assert_eq!(map.resolve(Scope::List, &ch('t')), Some(Intent::TerminalId));
    assert_eq!(map.resolve(Scope::List, &ch('z')), None);
    assert_eq!(all(&map, Scope::List, Intent::Activate), "x");
    // The remap holds in every scope the intent appears in.
    assert_eq!(map.resolve(Scope::Help, &ch('n')), Some(Intent::Down));
    assert_eq!(map.resolve(Scope::BulkResults, &ch('j')), None);
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
    assert_eq!(
        map.resolve(Scope::List, &ctrl_n),
        Some(Intent::HalfPageDown)
    );
    assert_eq!(map.input(Scope::List, ctrl_d), None);
    assert_eq!(
        map.resolve(Scope::List, &press(KeyCode::F(5))),
        Some(Intent::Refresh)
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
    // Dialogs too: confirm and cancel cannot share a key.
    let err = KeyMap::from_bindings(&[binding("confirm", &["k"], 3), binding("cancel", &["k"], 4)])
        .expect_err("clash in the dialogs");
    assert!(
        err.message.contains("`confirm`") && err.message.contains("`cancel`"),
        "{err}"
    );
}

#[test]
fn a_configured_key_beats_another_intents_default_in_its_scope() {
    // `n` cancels the import preview by default; down = "n" takes it there,
    // and cancel keeps Esc.
    let map = KeyMap::from_bindings(&[binding("down", &["n"], 1)]).expect("valid");
    assert_eq!(
        map.resolve(Scope::ImportPreview, &ch('n')),
        Some(Intent::Down)
    );
    assert_eq!(
        map.resolve(Scope::ImportPreview, &press(KeyCode::Esc)),
        Some(Intent::Cancel)
    );
    assert_eq!(
        map.label(
            Scope::ImportPreview,
            &[Intent::Down, Intent::Up],
            "j/k",
            true
        ),
        "n/k"
    );
    assert_eq!(
        map.label(Scope::ImportPreview, &[Intent::Cancel], "Esc", true),
        "Esc"
    );
    // export = "x" leaves the bulk dialog's enter-missing key on `e`.
    let map = KeyMap::from_bindings(&[binding("export", &["x"], 1)]).expect("valid");
    assert_eq!(map.resolve(Scope::BulkConfirm, &ch('x')), None);
    assert_eq!(
        map.resolve(Scope::BulkConfirm, &ch('e')),
        Some(Intent::EnterMissing)
    );
    assert_eq!(
        map.label(Scope::BulkConfirm, &[Intent::EnterMissing], "e", true),
        "e"
    );
}

#[test]
fn esc_stays_with_the_intents_that_have_it() {
    let map = KeyMap::from_bindings(&[binding("cancel", &["c"], 1)]).expect("valid");
    assert_eq!(map.resolve(Scope::Confirm, &ch('c')), Some(Intent::Cancel));
    assert_eq!(
        map.resolve(Scope::Confirm, &press(KeyCode::Esc)),
        Some(Intent::Cancel)
    );
    assert_eq!(map.resolve(Scope::Confirm, &ch('n')), None);
    // In a text input `c` is text; the form still cancels on Esc.
    assert_eq!(map.resolve(Scope::Form, &ch('c')), None);
    assert_eq!(
        map.resolve(Scope::Form, &press(KeyCode::Esc)),
        Some(Intent::Cancel)
    );
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

/// The names an unknown key's message offers are all keys a config can
/// bind: no reserved one (esc, ctrl-c) among them.
#[test]
fn an_unknown_key_lists_only_bindable_names() {
    let message = Key::parse("hyper-x").expect_err("unknown key");
    let offered = message
        .split_once("(use a character, or ")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("a list of keys: {message}"));
    for name in offered.split(", ") {
        for name in name.split("..") {
            let key = Key::parse(name).unwrap_or_else(|e| panic!("`{name}` offered: {e}"));
            assert!(!key.is_reserved(), "`{name}` is offered but reserved");
        }
    }
    assert!(!offered.contains("esc"), "{message}");
}

#[test]
fn an_intent_left_with_its_aliases_shows_them() {
    // cancel = "y" takes the quit dialog's `y`; quitting keeps `Y`.
    let map = KeyMap::from_bindings(&[binding("cancel", &["y"], 1)]).expect("valid");
    assert_eq!(
        map.resolve(Scope::QuitConfirm, &ch('y')),
        Some(Intent::Cancel)
    );
    assert_eq!(
        map.label(Scope::QuitConfirm, &[Intent::Confirm], "y", true),
        "Y"
    );
}

#[test]
fn every_intent_is_found_by_its_name_and_views_keep_their_names() {
    for intent in Intent::all() {
        assert_eq!(Intent::from_name(&intent.name()), Some(intent));
        assert!(!intent.help().is_empty(), "{intent:?} has no help");
    }
    assert_eq!(Intent::from_name("view_1"), Some(Intent::View(1)));
    assert_eq!(Intent::from_name("view_9"), Some(Intent::View(9)));
    for refused in ["view_0", "view_10", "view_01", "view1", "view_", "view_x"] {
        assert_eq!(Intent::from_name(refused), None, "{refused}");
    }
    assert_eq!(Intent::all().count(), 64);
}

#[test]
fn the_running_scope_has_the_lists_keys_but_esc() {
    let map = KeyMap::default();
    let mut list = map.bound(Scope::List);
    list.retain(|(_, i)| *i != Intent::ClearFilter);
    list.push((Key::parse("esc").expect("a key"), Intent::CancelRun));
    list.sort_by_key(|(k, i)| (*i, k.to_string()));
    assert_eq!(map.bound(Scope::BulkRunning), list);
    assert_eq!(
        map.resolve(Scope::BulkRunning, &ch('4')),
        Some(Intent::View(4))
    );
}

#[test]
fn the_range_scope_has_the_lists_keys_but_esc_and_your_commands() {
    let mut map = KeyMap::default();
    let mut list = map.bound(Scope::List);
    list.retain(|(_, i)| *i != Intent::ClearFilter);
    list.push((Key::parse("esc").expect("a key"), Intent::CancelRange));
    list.sort_by_key(|(k, i)| (*i, k.to_string()));
    assert_eq!(map.bound(Scope::Range), list);
    map.set_custom([(Key::parse("o").expect("a key"), "Ticket".to_string())]);
    assert_eq!(map.resolve(Scope::Range, &ch('o')), Some(Intent::Custom(0)));
    assert_eq!(map.resolve(Scope::CopyMenu, &ch('o')), None);
}
