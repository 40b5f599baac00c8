//! End-to-end: a bulk run against a slow simulator leaves the console
//! usable (moving, help) while its progress shows, and Esc from help
//! cancels it.

use crate::common;

use common::*;

/// The list row the cursor is on (the one drawn with `>`).
fn cursor_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.starts_with("│>"))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_slow_bulk_run_leaves_the_list_and_help_usable_and_esc_cancels_it() {
    let dir = scratch("run");
    let sim = Sim::start_with(KEY, &["--latency-ms", "300"], &dir.join("sim.log"));
    let client = sim.client();
    let was_active = active_ids(&all(&client));

    let term = Pty::start("run", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the whole list", |s| {
        s.contains("verifone") && !s.contains("Loading")
    });

    // Every pending row, bulk-activated: at 300 ms a call it takes a while.
    term.keys(&["*"]);
    term.wait_for("rows marked", |s| !s.contains(" 0 marked"));
    term.keys(&["A"]);
    term.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    let running = term.wait_for("the progress bar beside the list", |s| {
        s.contains("Activating:") && s.contains("In flight (") && s.contains("│>")
    });
    assert!(running.contains("Esc cancel run"), "{running}");

    // Moving works while it runs.
    let before = cursor_line(&running);
    term.keys(&["j", "j"]);
    term.wait_for("the cursor to move", |s| {
        let now = cursor_line(s);
        !now.is_empty() && now != before && s.contains("Activating:")
    });

    // Help opens over the list, the run still going under it.
    term.keys(&["?"]);
    term.wait_for("help during the run", |s| {
        s.contains("Esc cancels the bulk run") && s.contains("Activating:")
    });

    // Esc in help cancels the run; help stays open until ? closes it.
    term.keys(&["Escape"]);
    term.wait_for("the run to end cancelled, help still open", |s| {
        s.contains("The bulk run was cancelled") && s.contains("Keys (")
    });
    term.keys(&["?"]);
    let results = term.wait_for("the results", |s| {
        s.contains("Bulk activation results (cancelled)")
    });
    assert!(
        results.contains("skipped: cancelled before it started"),
        "{results}"
    );

    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);

    // The run stopped: some pending requests were never activated.
    let after = all(&client);
    let pending_left = after
        .iter()
        .filter(|r| !r.is_active() && !was_active.contains(&r.id))
        .filter(|r| r.status == intake::api::Status::Pending)
        .count();
    assert!(pending_left > 0, "the cancel stopped nothing");
}
