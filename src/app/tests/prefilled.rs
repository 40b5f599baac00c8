//! update() for pre-filled fields (the terminalId form, the export and
//! import prompts): the value they open with is selected, so the first
//! character typed or pasted replaces it; arrows, Home/End, Backspace and
//! Delete edit it instead.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

/// The terminalId form on the request that holds `T-9`.
fn form_on_t9() -> App {
    let mut app = loaded();
    move_to(&mut app, "REQ4windcaveT9");
    update(&mut app, ch('t'));
    assert_eq!(form(&app).input.value(), "T-9");
    assert!(form(&app).input.is_selected());
    app
}

#[test]
fn typing_in_the_form_replaces_the_terminal_id_it_opened_with() {
    let mut app = form_on_t9();
    typed(&mut app, "T-9");
    assert_eq!(form(&app).input.value(), "T-9");
    assert!(!form(&app).input.is_selected());
    typed(&mut app, "1");
    assert_eq!(
        form(&app).input.value(),
        "T-91",
        "only the first key replaces"
    );
}

#[test]
fn moving_keys_and_deleting_edit_the_form_value_instead() {
    for (keys, want) in [
        (vec![KeyCode::Left], "T-X9"),
        (vec![KeyCode::Home], "XT-9"),
        (vec![KeyCode::End], "T-9X"),
        (vec![KeyCode::Backspace], "T-X"),
        (vec![KeyCode::Home, KeyCode::Delete], "X-9"),
        (vec![KeyCode::Right], "T-9X"),
    ] {
        let mut app = form_on_t9();
        for k in &keys {
            update(&mut app, key(*k));
        }
        assert!(!form(&app).input.is_selected(), "{keys:?}");
        typed(&mut app, "X");
        assert_eq!(form(&app).input.value(), want, "{keys:?}");
    }
}

#[test]
fn a_paste_into_the_form_replaces_the_selected_value() {
    let mut app = form_on_t9();
    paste(&mut app, "T-10");
    assert_eq!(form(&app).input.value(), "T-10");
    // A paste of nothing insertable leaves the value selected.
    let mut app = form_on_t9();
    paste(&mut app, "\n\t");
    assert_eq!(form(&app).input.value(), "T-9");
    assert!(form(&app).input.is_selected());
}

#[test]
fn a_form_without_a_terminal_id_has_nothing_selected() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    assert_eq!(form(&app).input.value(), "");
    assert!(!form(&app).input.is_selected());
}

#[test]
fn typing_in_the_export_prompt_replaces_the_suggested_name() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    assert!(prompt(&app).input.is_selected());
    typed(&mut app, "out.csv");
    assert_eq!(prompt(&app).input.value(), "out.csv");
    // Backspace edits the suggestion instead.
    let mut app = loaded();
    update(&mut app, ch('e'));
    update(&mut app, key(KeyCode::Backspace));
    assert_eq!(
        prompt(&app).input.value(),
        "intake-export-20240602-000000.cs"
    );
}

#[test]
fn typing_in_the_import_prompt_replaces_the_last_path() {
    let mut app = loaded();
    app.last_import_path = "terms.csv".into();
    update(&mut app, ch('i'));
    assert_eq!(prompt(&app).input.value(), "terms.csv");
    assert!(prompt(&app).input.is_selected());
    typed(&mut app, "terms.csv");
    assert_eq!(prompt(&app).input.value(), "terms.csv");
    // End and then typing adds to it.
    let mut app = loaded();
    app.last_import_path = "terms".into();
    update(&mut app, ch('i'));
    update(&mut app, key(KeyCode::End));
    typed(&mut app, ".csv");
    assert_eq!(prompt(&app).input.value(), "terms.csv");
}

#[test]
fn a_paste_into_a_prompt_replaces_the_selected_path() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    paste(&mut app, "/tmp/out.json");
    assert_eq!(prompt(&app).input.value(), "/tmp/out.json");
}
