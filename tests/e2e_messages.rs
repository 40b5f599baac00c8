//! End-to-end: quitting the real console during a bulk run says how to
//! finish it, in the question and on stderr once the terminal is restored.

mod common;

use common::*;

#[test]
fn quitting_during_a_bulk_run_says_how_to_finish_it_after_the_terminal_is_restored() {
    if !tmux_available() {
        panic!("tmux is required for the end-to-end tests");
    }
    // Slow answers keep the run going while the question is answered.
    let dir = scratch("messages-quit");
    let sim = Sim::start_with(KEY, &["--latency-ms", "3000..3000"], &dir.join("sim.log"));
    let tmux = Tmux::start("messages-quit", 140, 40, &console_command(&sim, &dir));
    tmux.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });
    bulk_three_pending_verifone(&tmux);
    tmux.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    tmux.keys(&["Enter"]);
    tmux.wait_for("the run", |s| s.contains("cancel run"));
    tmux.keys(&["q"]);
    tmux.wait_for("the quit question naming the resume", |s| {
        s.contains("Quit anyway?") && s.contains("`intake activate --resume`")
    });
    tmux.keys(&["y"]);
    assert_terminal_restored(&tmux, &dir);
    let screen = tmux.wait_for("the sentence on stderr", |s| {
        s.contains("The console quit during a bulk activation.")
    });
    assert!(
        screen.contains("To finish it later, run `intake activate --resume`."),
        "{screen}"
    );
}
