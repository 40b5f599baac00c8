//! End-to-end: a bulk run with failures, its results closed, is found
//! again in the runs panel (`H`), reopens with the failed first (`f` shows
//! only them), and its failed ones retry from there; `R` there once they
//! are active sends nothing, and a run that sends nothing is logged with
//! its pointer.

use crate::common;

use common::*;

/// Every activation refused by the simulator (`true`), or none.
fn refuse_activations(sim: &Sim, refuse: bool) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    intake::install_crypto();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .put(format!("{}/_sim/faults", sim.url))
            .header("X-Api-Key", KEY)
            .json(&serde_json::json!({ "refuse_activations": refuse }))
            .send()
            .await
            .expect("the simulator answers")
            .status()
    });
    assert!(status.is_success(), "{status}");
}

/// The first line of `screen` holding `what`.
fn index_of(screen: &str, what: &str) -> usize {
    screen
        .lines()
        .position(|l| l.contains(what))
        .unwrap_or_else(|| panic!("{what} on the screen:\n{screen}"))
}

#[test]
fn a_closed_run_reopens_from_the_runs_panel_failed_first_and_retries() {
    let dir = scratch("runs");
    let sim = Sim::start_with(KEY, &[], &dir.join("sim.log"));
    let term = Pty::start("runs", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the whole list", |s| {
        s.contains("verifone") && !s.contains("Loading")
    });

    // One ePay without a terminalId (skipped) and two Verifone (refused).
    term.keys(&["/"]);
    term.type_text("type:epay terminal:none");
    term.keys(&["Enter"]);
    term.wait_for("epay rows only", |s| !s.contains(" verifone "));
    term.keys(&["Space"]);
    term.wait_for("one marked", |s| s.contains("1 marked"));
    // Esc clears the filter; the mark stays on its (hidden) request.
    term.keys(&["Escape", "/"]);
    term.type_text("type:verifone");
    term.keys(&["Enter"]);
    term.wait_for("verifone rows only", |s| !s.contains(" epay "));
    term.keys(&["Space", "Space"]);
    term.wait_for("three marked", |s| s.contains("3 marked"));
    refuse_activations(&sim, true);
    term.keys(&["A"]);
    term.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    term.wait_for("the results", |s| {
        s.contains("Bulk activation results") && s.contains("2 failed")
    });

    // Closed, then found again in the runs panel.
    term.keys(&["Escape"]);
    term.wait_for("the list", |s| !s.contains("Bulk activation results"));
    term.keys(&["H"]);
    let panel = term.wait_for("the runs panel", |s| {
        s.contains("Runs, newest first") && s.contains("bulk activation")
    });
    assert!(panel.contains("1 skipped · 2 failed"), "{panel}");
    assert!(panel.contains("done"), "{panel}");

    // Opened: the failed first; `f` shows only them, again all.
    term.keys(&["Enter"]);
    let results = term.wait_for("the reopened results", |s| {
        s.contains("Bulk activation results") && s.contains("skipped:")
    });
    assert!(
        index_of(&results, "failed:") < index_of(&results, "skipped:"),
        "{results}"
    );
    term.keys(&["f"]);
    term.wait_for("only the failed", |s| {
        s.contains("failed:") && !s.contains("skipped:")
    });
    term.keys(&["f"]);
    term.wait_for("all again", |s| s.contains("skipped:"));

    // R retries the two failed ones, the server now taking them.
    refuse_activations(&sim, false);
    term.keys(&["R"]);
    term.wait_for("the retry's results", |s| {
        s.contains("Bulk activation results") && s.contains("2 activated")
    });
    term.keys(&["Escape", "H"]);
    let panel = term.wait_for("the retry in the runs panel", |s| {
        s.contains("Runs, newest first") && s.contains("retry of the failed")
    });
    assert!(
        index_of(&panel, "retry of the failed") < index_of(&panel, "bulk activation"),
        "newest first: {panel}"
    );

    nothing_sent_is_said(&term);
    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);
}

/// From the runs panel (the retry selected): the first run again, whose
/// failed ones are active now, so `R` says there is nothing to retry and
/// asks nothing; then a run that sends nothing (the ePay row is skipped)
/// is logged with its pointer all the same.
fn nothing_sent_is_said(term: &Pty) {
    term.keys(&["j", "Enter"]);
    term.wait_for("the first run's results", |s| {
        s.contains("Bulk activation results") && s.contains("skipped:")
    });
    term.keys(&["R"]);
    term.wait_for("nothing to retry", |s| {
        s.contains("Nothing to retry") && s.contains("Bulk activation results")
    });

    term.keys(&["Escape", "Escape", "Escape", "u", "/"]);
    term.type_text("type:epay terminal:none");
    term.keys(&["Enter"]);
    term.wait_for("epay rows again", |s| !s.contains(" verifone "));
    term.keys(&["Space"]);
    term.wait_for("one marked again", |s| s.contains("1 marked"));
    term.keys(&["A"]);
    term.wait_for("the bulk dialog again", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    term.wait_for("its results", |s| {
        s.contains("Bulk activation results") && s.contains("1 skipped")
    });
    term.keys(&["Escape", "m"]);
    term.wait_for("its end in the message log", |s| {
        s.contains("The bulk run finished (0 activated") && s.contains("results: H, run 3.")
    });
}
