//! End-to-end: `intake --demo` seeds its simulator back from the time it
//! starts, so the queue has requests hours old beside ones weeks old and the
//! SLA marker (`!`, and the title's count) picks out only some of them.

use crate::common;

use std::path::Path;

use common::*;

/// The number just before `label` in `line` (`48 over SLA`, `Pending 167`
/// read as `label` first then the number when `after` is set).
fn number_near(line: &str, label: &str, after: bool) -> Option<usize> {
    let at = line.find(label)?;
    let words: Vec<&str> = if after {
        line[at + label.len()..]
            .split_whitespace()
            .take(1)
            .collect()
    } else {
        line[..at].split_whitespace().last().into_iter().collect()
    };
    words.first()?.parse().ok()
}

/// The age cell and whether it carries the SLA marker, for each table row.
fn ages(screen: &str) -> Vec<(String, bool)> {
    screen
        .lines()
        // The list's rows start with the status; the detail pane's with a label.
        .filter(|l| {
            let row = l.trim_start_matches(['│', '>', ' ']);
            row.starts_with("pending ")
        })
        .filter_map(|l| {
            let inner = l.trim_end().strip_suffix('│')?.trim_end();
            let (rest, over) = match inner.strip_suffix('!') {
                Some(rest) => (rest.trim_end(), true),
                None => (inner, false),
            };
            Some((rest.split_whitespace().last()?.to_string(), over))
        })
        .collect()
}

#[test]
fn the_demo_counts_ages_from_now_so_only_some_pending_requests_are_over_sla() {
    let dir = scratch("demo");
    let command = format!(
        "exec env -i PATH=\"$PATH\" HOME={home} TERM=xterm-256color INTAKE_CONFIG={home}/none.toml \
         INTAKE_LOG_FILE={home}/intake.log INTAKE_AUDIT_FILE={home}/audit.jsonl {bin} --demo",
        home = shell_quote(&dir),
        bin = shell_quote(Path::new(env!("CARGO_BIN_EXE_intake"))),
    );
    let term = Pty::start("demo", 118, 26, &command);
    // Oldest first: the top rows are the forgotten ones, marked. Waited for
    // whole (the footer's loading line gone, the detail filled): the pty may
    // show a frame half written, top rows first.
    let screen = term.wait_for("the demo's loaded list, oldest rows marked", |s| {
        let rows = ages(s);
        s.contains("DEMO")
            && s.contains("over SLA")
            && s.contains("Pending ")
            && !s.contains("Loading")
            && !s.contains("No request selected")
            && rows.len() >= 3
            && rows.iter().all(|(_, over)| *over)
    });
    let title = screen.lines().next().unwrap_or_default();
    let over = number_near(title, "over SLA", false).expect("the over-SLA count");
    let tabs = screen
        .lines()
        .find(|l| l.contains("Pending "))
        .unwrap_or_default();
    let pending = number_near(tabs, "Pending", true).expect("the pending count");
    assert!(
        over > 0 && over * 2 < pending,
        "{over} of {pending} pending over SLA:\n{screen}"
    );

    // The newest end of the list: hours old, so the base is now, not the
    // fixed 2026-11-20 (weeks before any clock this runs under).
    term.keys(&["G"]);
    // Waited for as a whole, for the same reason: every row shown unmarked.
    term.wait_for("the newest rows, all unmarked, some hours old", |s| {
        let rows = ages(s);
        rows.len() >= 3
            && rows.iter().all(|(_, over)| !over)
            && rows.iter().any(|(age, _)| age.ends_with(['h', 'm', 's']))
    });
    term.keys(&["q"]);
    assert_terminal_restored(&term);
}

/// The newest seeded createdAt of an `intake sim` started with `args`.
fn newest(args: &[&str], log: &Path) -> chrono::DateTime<chrono::Utc> {
    let sim = Sim::start_with(KEY, args, log);
    all(&sim.client())
        .iter()
        .filter_map(|r| r.created_at)
        .max()
        .expect("seeded requests")
}

#[test]
fn intake_sim_keeps_the_fixed_base_unless_told_now() {
    let dir = scratch("sim-now");
    let now = chrono::Utc::now();
    let fixed = newest(&[], &dir.join("fixed.log"));
    assert!(fixed < intake::sim::seed::base_date(), "{fixed}");
    let live = newest(&["--now"], &dir.join("now.log"));
    let behind = now - live;
    assert!(
        behind < chrono::TimeDelta::days(1) && live <= chrono::Utc::now(),
        "the newest of `intake sim --now` is {live}, {behind} before {now}"
    );
}
