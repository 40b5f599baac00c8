//! Questions whose yes is named for what it does, and the bulk dialog on a
//! small window.

use super::*;

const TICKET: &str = r#"
[[commands]]
key = "o"
name = "Ticket"
run = "ticket {id}"
confirm = true
for = "marked"
"#;

/// The console with one command that asks first, `o` pressed on two marks.
fn asking_ticket() -> App {
    let cfg = crate::testkit::config_from(TICKET);
    let mut app = loaded_with(cfg);
    mark(&mut app, &["REQ1verifone", "REQ3epayReady"]);
    update(&mut app, ch('o'));
    app
}

/// The command's question says "run", and so do its footer and its keys.
#[test]
fn a_custom_command_question_offers_to_run_it() {
    let mut app = asking_ticket();
    let screen = render(&mut app, 80, 24);
    let footer = screen.lines().last().unwrap_or_default();
    assert!(footer.contains("y/Enter run the command"), "{screen}");
    assert!(!footer.contains("activate"), "{screen}");
    insta::assert_snapshot!("custom_confirm_80x24", screen);
}

/// At 40×15 the bulk dialog keeps its keys: its summary is cut first.
#[test]
fn the_bulk_dialog_keeps_its_keys_on_a_small_window() {
    let mut app = loaded();
    mark(
        &mut app,
        &[
            "REQ1verifone",
            "REQ2epayNoTid",
            "REQ6rejected",
            "REQ7verifone",
        ],
    );
    app.set_filter_text("type:verifone");
    update(&mut app, ch('A'));
    let screen = render(&mut app, 40, 15);
    for keys in ["[Enter/y] run", "[e] enter the", "[Esc] cancel"] {
        assert!(screen.contains(keys), "{keys}: {screen}");
    }
    insta::assert_snapshot!("bulk_confirm_40x15", screen);
}

/// The last look after the bulk run's forms: what was typed, what is still
/// missing, and that cancelling sends nothing.
#[test]
fn the_last_look_after_the_forms() {
    let mut app = loaded();
    mark(
        &mut app,
        &["REQ1verifone", "REQ2epayNoTid", "REQ3epayReady"],
    );
    update(&mut app, ch('A'));
    update(&mut app, ch('e'));
    let form = render(&mut app, 100, 24);
    let footer = form.lines().last().unwrap_or_default();
    assert!(footer.contains("Esc skip this one"), "{form}");
    assert!(footer.contains("ctrl-x stop, review the run"), "{form}");
    typed(&mut app, "11000021");
    update(&mut app, key(KeyCode::Enter));
    let screen = render(&mut app, 80, 24);
    assert!(screen.contains("Bulk activate: last look"), "{screen}");
    insta::assert_snapshot!("bulk_last_look_80x24", screen);
}
