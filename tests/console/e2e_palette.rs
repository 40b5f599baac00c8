//! End-to-end: `:` opens the command palette over the list; typing narrows
//! it to the bulk activation with its key, and Enter opens the same bulk
//! dialog `A` opens; Esc there sends nothing.

use crate::common;

use common::*;

#[test]
fn the_palette_narrows_and_enter_opens_the_actions_dialog() {
    let sim = Sim::start();
    let before = active_ids(&all(&sim.client()));
    let dir = scratch("palette");
    let term = Pty::start("palette", 120, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        s.contains("pending") && s.contains(": actions")
    });

    term.type_text(":");
    term.wait_for("the palette with every action", |s| {
        s.contains("Actions: ") && s.contains("filter the list as you type")
    });
    term.type_text("bulk act");
    term.wait_for("the narrowed list, its key shown", |s| {
        s.contains("> bulk act")
            && s.lines()
                .any(|l| l.contains("▶ bulk-activate the marked rows") && l.contains("  A│"))
            && !s.contains("filter the list as you type")
    });
    term.keys(&["Enter"]);
    term.wait_for("the bulk dialog", |s| {
        s.contains("Bulk activate") && !s.contains("Actions: ")
    });
    term.keys(&["Escape"]);
    term.wait_for("the list again", |s| !s.contains("Bulk activate"));
    assert_eq!(active_ids(&all(&sim.client())), before, "nothing was sent");

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}
