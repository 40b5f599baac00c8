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
