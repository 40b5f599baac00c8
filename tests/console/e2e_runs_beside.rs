//! End-to-end: a finished bulk run reopens from the runs panel (`H`) while
//! another goes on against a slow simulator: its results show over the
//! list with the live run's bar still moving, `R` there says why it waits,
//! and the live run's results open once the operator is back in the list.

use crate::common;

use common::*;

/// The simulator's faults, all at once (a PUT replaces them).
fn faults(sim: &Sim, faults: serde_json::Value) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    intake::install_crypto();
    let status = rt.block_on(async {
        reqwest::Client::new()
            .put(format!("{}/_sim/faults", sim.url))
            .header("X-Api-Key", KEY)
            .json(&faults)
            .send()
            .await
            .expect("the simulator answers")
            .status()
    });
    assert!(status.is_success(), "{status}");
}

#[test]
fn a_finished_run_reopens_beside_a_live_one_and_the_live_results_still_open() {
    let dir = scratch("runs_beside");
    let sim = Sim::start_with(KEY, &[], &dir.join("sim.log"));
    let term = Pty::start("runs_beside", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the whole list", |s| {
        s.contains("verifone") && !s.contains("Loading")
    });

    // Two Verifone requests, refused: a first run with two failures.
    faults(&sim, serde_json::json!({ "refuse_activations": true }));
    term.keys(&["/"]);
    term.type_text("type:verifone");
    term.keys(&["Enter"]);
    term.wait_for("verifone rows only", |s| !s.contains(" epay "));
    term.keys(&["Space", "Space"]);
    term.wait_for("two marked", |s| s.contains("2 marked"));
    term.keys(&["A"]);
    term.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    term.wait_for("the first run's results", |s| {
        s.contains("Bulk activation results") && s.contains("2 failed")
    });
    term.keys(&["Escape"]);
    term.wait_for("the list", |s| !s.contains("Bulk activation results"));

    // The same two again, now slowly taken: a second run going on.
    faults(
        &sim,
        serde_json::json!({ "latency_min_ms": 4000, "latency_max_ms": 4000 }),
    );
    term.keys(&["A"]);
    term.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    term.wait_for("the second run going", |s| s.contains("Activating:"));

    // The first run opens from the panel, the second's bar beside it.
    term.keys(&["H"]);
    term.wait_for("the runs panel", |s| s.contains("Runs, newest first"));
    term.keys(&["j", "Enter"]);
    term.wait_for("the first run's results beside the live bar", |s| {
        s.contains("Bulk activation results") && s.contains("2 failed") && s.contains("Activating:")
    });
    term.keys(&["R"]);
    term.wait_for("R saying why it waits", |s| {
        s.contains("this retry can start once it ends")
    });

    // Back to the panel, then the list: the live run's results open when it ends.
    term.keys(&["Escape"]);
    term.wait_for("the runs panel again", |s| s.contains("Runs, newest first"));
    term.keys(&["Escape"]);
    term.wait_for("the second run's results", |s| {
        s.contains("Bulk activation results") && s.contains("2 activated")
    });
    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);
}
