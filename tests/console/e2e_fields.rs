//! End-to-end: where the cursor is when a paged load ends, and the path
//! prompts' pre-filled values and errors, in the real console against a
//! standalone simulator.

use crate::common;

use common::*;

/// The list's rows on `screen`: the lines of the requests table.
fn rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter(|l| l.starts_with('│') && l.contains(" pending "))
        .collect()
}

#[test]
fn a_paged_load_leaves_the_cursor_on_the_top_row() {
    let dir = scratch("cursor-pages");
    let sim = Sim::start_with(KEY, &["--page-size", "25"], &dir.join("sim.log"));
    // By merchant, the later pages (in the server's order, oldest first)
    // hold rows that sort above the first page's.
    let config = dir.join("config.toml");
    std::fs::write(&config, "[[views]]\nname = \"All\"\nsort = \"merchant\"\n")
        .expect("write the config");
    let env = format!("INTAKE_CONFIG={}", shell_quote(&config));
    let term = Pty::start(
        "cursor-pages",
        140,
        40,
        &console_command_with(&sim, &dir, &env, ""),
    );
    let screen = term.wait_for("the whole list loaded", |s| {
        s.contains(" shown")
            && s.contains("sort: merchant")
            && !s.contains("loading")
            && !rows(s).is_empty()
    });
    let shown = rows(&screen);
    // The marker column: `>` on the cursor's row.
    assert!(
        shown[0].chars().nth(1) == Some('>'),
        "the cursor is not on the top row:\n{screen}"
    );
    assert_eq!(
        shown
            .iter()
            .filter(|r| r.chars().nth(1) == Some('>'))
            .count(),
        1,
        "{screen}"
    );
}

#[test]
fn a_failed_export_keeps_its_prompt_and_the_next_keys_edit_the_path() {
    let sim = Sim::start();
    let dir = scratch("export-failed");
    let term = Pty::start("export-failed", 140, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        !rows(s).is_empty() && !s.contains("loading")
    });
    term.keys(&["e"]);
    term.wait_for("the export prompt", |s| s.contains("file: intake-export-"));
    // The first character replaces the suggested name.
    term.type_text("/nonexistent/dir/x.csv");
    term.keys(&["Enter"]);
    let screen = term.wait_for("the reason under the path", |s| {
        s.contains("Could not export to") && s.contains("file: /nonexistent/dir/x.csv ")
    });
    assert!(screen.contains("writable."), "the reason is cut:\n{screen}");
    // `m` would open the message log and `o` run a command in the list.
    term.type_text("mo");
    term.wait_for("the keys in the path", |s| {
        s.contains("file: /nonexistent/dir/x.csvmo") && !s.contains("Could not export")
    });
    term.keys(&["Escape"]);
    term.wait_for("the list again", |s| s.contains("Export cancelled"));
}

#[test]
fn typing_a_terminal_id_again_replaces_the_one_the_form_opened_with() {
    let sim = Sim::start();
    let with_tid = all(&sim.client())
        .into_iter()
        .find(|r| r.is_pending() && r.effective_terminal_id().is_some())
        .expect("a pending request with a terminalId");
    let tid = with_tid
        .effective_terminal_id()
        .expect("its terminalId")
        .to_string();
    let dir = scratch("form-prefilled");
    let term = Pty::start("form-prefilled", 140, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        !rows(s).is_empty() && !s.contains("loading")
    });
    term.keys(&["/"]);
    term.type_text(&format!("id:{}", with_tid.id));
    term.keys(&["Enter"]);
    term.wait_for("the one row", |s| rows(s).len() == 1);
    term.keys(&["t"]);
    term.wait_for("the form", |s| s.contains(&format!("terminalId: {tid}")));
    term.type_text(&tid);
    let screen = term.wait_for("the value typed in place of the old one", |s| {
        !s.contains("Typing replaces it") && s.contains(&format!("terminalId: {tid} "))
    });
    assert!(!screen.contains(&format!("{tid}{tid}")), "{screen}");
    term.keys(&["Escape"]);
}
