//! End-to-end: a view's own columns in the real console at 120 columns,
//! where the width alone leaves accountId out. The chooser (`C`) shows it,
//! the header follows, and the view keeps its columns and its cursor while
//! the operator visits another view and comes back.

use crate::common;

use common::*;

/// The list's header line: the line with the column titles.
fn header(screen: &str) -> &str {
    header_line(screen)
        .and_then(|i| screen.lines().nth(i))
        .unwrap_or_default()
}

/// The id the detail pane shows: the cursor's request.
fn detail_id(screen: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let at = l.find("│id ")?;
        let rest = &l[at + "│id ".len()..];
        rest.split_whitespace().next().map(str::to_string)
    })
}

#[test]
fn a_chosen_column_shows_and_the_view_keeps_its_cursor() {
    let sim = Sim::start();
    let dir = scratch("columns");
    let term = Pty::start("columns", 120, 40, &console_command(&sim, &dir));
    let screen = term.wait_for("the list loaded", |s| {
        s.contains(" shown") && header(s).contains("age") && s.contains("│>")
    });
    assert!(!header(&screen).contains("accountId"), "{screen}");

    // The cursor a few rows down, where the view should bring it back.
    term.keys(&["j", "j", "j"]);
    let screen = term.wait_for("the cursor moved", |s| {
        s.lines().position(|l| l.starts_with("│>")) > header_line(s).map(|h| h + 3)
    });
    let id = detail_id(&screen).unwrap_or_else(|| panic!("no id in the detail:\n{screen}"));

    term.keys(&["C"]);
    term.wait_for("the column chooser", |s| s.contains("Columns of Pending"));
    term.keys(&["j", "j", "j", "Space"]);
    term.wait_for("accountId asked for", |s| s.contains("(x) accountId"));
    term.keys(&["Enter"]);
    let screen = term.wait_for("accountId in the header", |s| {
        !s.contains("Columns of Pending") && header(s).contains("accountId")
    });
    // The others gave way to it (the terminalId title cut), none went.
    assert!(header(&screen).contains("termina"), "{screen}");

    // Another view has its own columns, and its own cursor.
    term.keys(&["Tab"]);
    term.wait_for("the next view, without accountId", |s| {
        !header(s).contains("accountId") && header(s).contains("terminalId")
    });
    term.keys(&["G"]);
    term.keys(&["BTab"]);
    term.wait_for("back with accountId and the cursor where it was", |s| {
        header(s).contains("accountId") && detail_id(s).as_deref() == Some(id.as_str())
    });

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

fn header_line(screen: &str) -> Option<usize> {
    screen
        .lines()
        .position(|l| l.contains("status") && l.contains("merchant"))
}
