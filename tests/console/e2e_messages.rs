//! End-to-end: quitting the real console during a bulk run says how to
//! finish it, in the question and on stderr once the terminal is restored;
//! what the status line said is in the message log, and the filter names
//! what it does not know.

use crate::common;

use common::*;

#[test]
fn quitting_during_a_bulk_run_says_how_to_finish_it_after_the_terminal_is_restored() {
    // Slow answers keep the run going while the question is answered.
    let dir = scratch("messages-quit");
    let sim = Sim::start_with(KEY, &["--latency-ms", "3000..3000"], &dir.join("sim.log"));
    let term = Pty::start("messages-quit", 140, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });
    bulk_three_pending_verifone(&term);
    term.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    term.wait_for("the run", |s| s.contains("cancel run"));
    term.keys(&["q"]);
    term.wait_for("the quit question naming the resume", |s| {
        s.contains("Quit anyway?") && s.contains("`intake activate --resume`")
    });
    term.keys(&["y"]);
    assert_terminal_restored(&term);
    let screen = term.wait_for("the sentence on stderr", |s| {
        s.contains("The console quit during a bulk activation.")
    });
    assert!(
        screen.contains("To finish it later, run `intake activate --resume`."),
        "{screen}"
    );
}

#[test]
fn a_bulk_run_ended_in_the_list_is_in_the_log_and_an_unknown_filter_value_is_named() {
    let sim = Sim::start();
    let dir = scratch("messages-said");
    let term = Pty::start("messages-said", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });
    bulk_three_pending_verifone(&term);
    term.wait_for("the bulk dialog", |s| s.contains("Bulk activate"));
    term.keys(&["Enter"]);
    term.wait_for("the results", |s| s.matches("activated").count() >= 3);
    term.keys(&["Escape"]);
    term.wait_for("the list's footer", |s| s.contains("/ filter"));
    term.keys(&["m"]);
    term.wait_for("the run's summary in the log", |s| {
        s.contains("The bulk run finished (3 activated")
    });
    // Each Escape is seen to land before the next key, so a slow reader
    // never takes Escape and `/` together as alt-/.
    term.keys(&["Escape"]);
    term.wait_for("the list's footer", |s| s.contains("/ filter"));
    // At 100 columns the hint names the words no one guesses.
    term.resize(100, 30);
    term.keys(&["/"]);
    term.wait_for("the filter hint", |s| {
        s.contains("terminal:none needs:terminal")
    });
    term.keys(&["Escape"]);
    term.wait_for("the list's footer again", |s| s.contains("/ filter"));
    term.keys(&["/"]);
    term.type_text("needs:bogus");
    term.wait_for("the unknown value named with the known ones", |s| {
        s.contains("unknown needs:bogus; needs: terminal pending active nothing")
    });
    term.keys(&["Escape", "q"]);
    assert_terminal_restored(&term);
}
