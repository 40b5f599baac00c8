//! update() for bracketed pastes: text into the focused field only, never
//! keys, never a submit or a confirm.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::keys::{ConfigBinding, KeyMap};
use crate::testkit::*;

#[test]
fn a_paste_into_the_filter_goes_in_at_the_cursor_and_refilters_live() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    typed(&mut app, "ay");
    update(&mut app, key(KeyCode::Home));
    let cmds = paste(&mut app, "type:ep\nA");
    assert!(cmds.is_empty());
    assert!(matches!(app.mode, Mode::Filter), "{:?}", app.mode);
    assert_eq!(app.list.filter_input.value(), "type:epAay");
    assert_eq!(app.list.filter_input.cursor(), "type:epA".len());
    assert_eq!(app.filter_text(), "type:epAay");
    assert_eq!(app.visible_len(), 0);

    // The same rows as typing the same text.
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('/'));
    paste(&mut app, "type:\r\nepay\n");
    assert!(matches!(app.mode, Mode::Filter));
    let pasted = visible_ids(&app);
    let mut typed_app = loaded();
    update(&mut typed_app, ch('/'));
    typed(&mut typed_app, "type:epay");
    assert_eq!(pasted, visible_ids(&typed_app));
    assert_eq!(pasted, ["REQ2epayNoTid", "REQ3epayReady"]);
}

#[test]
fn pasting_kingsland_newline_a_y_in_the_filter_opens_no_bulk_dialog() {
    let mut app = loaded();
    let before = app.marked_len();
    update(&mut app, ch('/'));
    let cmds = paste(&mut app, "kingsland\nAy");
    assert!(cmds.is_empty());
    assert!(matches!(app.mode, Mode::Filter), "{:?}", app.mode);
    assert_eq!(app.filter_text(), "kingslandAy");
    assert_eq!(app.marked_len(), before);
    assert!(app.bulk().is_none());
}

#[test]
fn a_paste_into_the_terminal_id_form_is_not_saved_until_enter() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    let cmds = paste(&mut app, "1100\n0022");
    assert!(cmds.is_empty(), "nothing is saved: {cmds:?}");
    assert_eq!(form(&app).input.value(), "11000022");
    assert!(form(&app).error.is_none());
    assert!(app.saving.is_empty());
    assert!(matches!(form(&app).then, FormThen::Save));

    assert_eq!(
        update(&mut app, key(KeyCode::Enter)),
        vec![Command::Api(WorkerCall::Update {
            id: "REQ2epayNoTid".into(),
            terminal_id: "11000022".into(),
            expected: None
        })]
    );
}

#[test]
fn a_paste_into_the_activate_form_neither_saves_nor_activates() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('a'));
    assert!(matches!(form(&app).then, FormThen::Activate));
    assert!(paste(&mut app, "1100\r\n0022\r\n").is_empty());
    assert_eq!(form(&app).input.value(), "11000022");
    assert!(app.saving.is_empty() && app.activating.is_empty());
    assert!(app.activate_after_save.is_empty());
}

#[test]
fn the_forms_validation_follows_a_paste() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    paste(&mut app, "11a");
    assert_eq!(
        form(&app).error.as_deref(),
        Some("An ePay terminalId is digits only (e.g. 11000021).")
    );
    update(&mut app, key(KeyCode::Backspace));
    update(&mut app, key(KeyCode::Backspace));
    paste(&mut app, "1\t0\u{200B}021");
    assert_eq!(form(&app).input.value(), "110021");
    assert!(form(&app).error.is_none(), "a valid paste clears the error");
}

#[test]
fn a_huge_paste_into_the_form_is_cut_and_still_reported_too_long() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    let huge = "1".repeat(2_000_000);
    assert!(paste(&mut app, &huge).is_empty());
    assert_eq!(form(&app).input.value().len(), paste::TERMINAL_ID_MAX);
    assert_eq!(
        form(&app).error.as_deref(),
        Some("A terminalId is at most 32 characters; this one has 64.")
    );
    assert_eq!(
        toast(&app),
        "Only the first 64 pasted characters fit: a terminalId field holds at most 64."
    );
    // Full: a further paste adds nothing.
    paste(&mut app, "2");
    assert_eq!(form(&app).input.value().len(), paste::TERMINAL_ID_MAX);
}

#[test]
fn a_huge_paste_into_the_filter_is_cut() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    paste(&mut app, &"x\n".repeat(1_000_000));
    assert_eq!(app.filter_text().len(), paste::FILTER_MAX);
    assert!(matches!(app.mode, Mode::Filter));
}

#[test]
fn a_paste_into_a_path_prompt_is_text_and_never_submits() {
    let mut app = loaded();
    update(&mut app, ch('i'));
    // Enter on the empty prompt leaves an error; a paste clears it as typing does.
    update(&mut app, key(KeyCode::Enter));
    assert!(prompt(&app).error.is_some());
    let cmds = paste(&mut app, "/tmp/ids\n.csv\n");
    assert!(cmds.is_empty(), "nothing is read: {cmds:?}");
    assert_eq!(prompt(&app).input.value(), "/tmp/ids.csv");
    assert_eq!(prompt(&app).kind, PromptKind::Import);
    assert!(prompt(&app).error.is_none());
    assert!(app.import().is_none());

    let mut app = loaded();
    update(&mut app, ch('e'));
    update(&mut app, ctrl('u'));
    assert!(paste(&mut app, "out\r\n.json").is_empty());
    assert_eq!(prompt(&app).input.value(), "out.json");
    assert_eq!(prompt(&app).kind, PromptKind::Export);
    assert!(app.exporting.is_none());
}

#[test]
fn a_paste_in_the_list_is_ignored_with_a_toast() {
    let mut app = loaded();
    let cursor = app.cursor();
    let cmds = paste(&mut app, "/kingsland\nAy");
    assert!(cmds.is_empty());
    assert!(matches!(app.mode, Mode::List), "{:?}", app.mode);
    assert_eq!(app.filter_text(), "");
    assert_eq!(app.cursor(), cursor);
    assert_eq!(app.marked_len(), 0);
    assert_eq!(
        toast(&app),
        "Paste ignored: no text field is open. Press / to filter first, then paste."
    );
}

#[test]
fn the_list_toast_names_the_filter_key_as_remapped() {
    let mut cfg = config();
    cfg.prefs.keys = KeyMap::from_bindings(&[ConfigBinding {
        action: "filter".into(),
        keys: vec!["f".into()],
        line: 3,
    }])
    .expect("a valid keymap");
    let mut app = App::new(cfg, now());
    paste(&mut app, "x");
    assert!(toast(&app).contains("Press f to filter"), "{}", toast(&app));
}

#[test]
fn a_paste_of_y_never_confirms_an_activation() {
    let mut app = loaded();
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('a'));
    assert!(matches!(app.mode, Mode::Asking(Asking::Activate { .. })));
    for text in ["y", "\r", "\n", "y\n"] {
        assert!(paste(&mut app, text).is_empty(), "{text:?}");
        assert!(
            matches!(&app.mode, Mode::Asking(Asking::Activate { id }) if id == "REQ1verifone"),
            "{text:?}: {:?}",
            app.mode
        );
    }
    assert!(app.activating.is_empty());
    assert_eq!(
        toast(&app),
        "Paste ignored: there is no text field here, and pasted text never acts as keys."
    );
}

#[test]
fn a_paste_of_y_never_starts_a_bulk_run() {
    let mut app = loaded();
    update(&mut app, ch('*'));
    update(&mut app, ch('A'));
    assert!(matches!(app.mode, Mode::Asking(Asking::Bulk(_))));
    for text in ["y", "\r", "e", "Y\r\n"] {
        assert!(paste(&mut app, text).is_empty(), "{text:?}");
        assert!(
            matches!(app.mode, Mode::Asking(Asking::Bulk(_))),
            "{text:?}"
        );
    }
    assert!(app.bulk().is_none());
    assert!(toast(&app).starts_with("Paste ignored"));
}

#[test]
fn a_paste_over_help_results_or_the_quit_question_changes_nothing() {
    let mut app = loaded();
    update(&mut app, ch('?'));
    assert!(paste(&mut app, "q").is_empty());
    assert!(matches!(app.mode, Mode::Help { scroll: 0 }));

    // A run going on beside the list: q would ask to quit.
    let mut app = loaded();
    move_to(&mut app, "REQ1verifone");
    update(&mut app, ch('A'));
    update(&mut app, ch('y'));
    assert!(app.bulk_running() && matches!(app.mode, Mode::List));
    app.asking = Some(OverlayQuestion::Quit);
    assert!(paste(&mut app, "y").is_empty());
    assert!(app.question() == Some(Question::Quit) && !app.should_quit());
    app.asking = None;
    assert!(paste(&mut app, "q").is_empty());
    assert!(app.bulk_running() && app.question().is_none());
    assert!(toast(&app).starts_with("Paste ignored"));
}

#[test]
fn a_paste_of_only_control_characters_changes_nothing_and_says_so() {
    let mut app = loaded();
    move_to(&mut app, "REQ2epayNoTid");
    update(&mut app, ch('t'));
    paste(&mut app, "\r\n\t\u{1b}");
    assert_eq!(form(&app).input.value(), "");
    assert!(form(&app).error.is_none());
    assert_eq!(
        toast(&app),
        "Nothing pasted: the text held only line breaks, tabs or other invisible characters."
    );
}
