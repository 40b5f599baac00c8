//! End-to-end: range marking and the copy menu in the real console. `v`,
//! two rows down, `v` marks three rows that `A` then takes; `y` `m` puts
//! the cursor request's merchantId on the clipboard, seen in the OSC 52
//! bytes the console wrote to its terminal.

use crate::common;
use crate::e2e_copy::{osc52_texts, wait_for_copy};

use common::*;

#[test]
fn v_marks_a_range_that_bulk_takes_and_y_m_copies_the_merchant_id() {
    let sim = Sim::start();
    let requests = all(&sim.client());
    let dir = scratch("range-copy");
    let term = Pty::start("range-copy", 140, 40, &console_command(&sim, &dir));
    term.wait_for("the list", |s| {
        s.contains("pending") && s.contains("verifone")
    });
    term.keys(&["/"]);
    term.type_text("type:verifone status:pending");
    term.keys(&["Enter"]);
    term.wait_for("verifone rows only", |s| {
        s.contains("verifone") && !s.contains(" epay ")
    });

    term.keys(&["v"]);
    term.wait_for("the range started", |s| s.contains("range: 1 row"));
    term.keys(&["j", "j"]);
    term.wait_for("the range over three rows", |s| s.contains("range: 3 rows"));
    term.keys(&["v"]);
    // The title is cut at this width: `3*` is its short "3 marked".
    term.wait_for("three marked", |s| {
        s.contains("Marked 3 rows; 3 marked in all.") && s.contains(" 3* ")
    });
    term.keys(&["A"]);
    term.wait_for("the bulk dialog with the three", |s| {
        s.contains("Bulk activate") && s.contains("Activate 3 requests?")
    });
    term.keys(&["Escape"]);
    term.wait_for("the dialog closed", |s| !s.contains("Bulk activate"));
    assert!(osc52_texts(&term.raw()).is_empty(), "copied before y");

    term.keys(&["y"]);
    term.wait_for("the copy menu", |s| {
        s.contains("Copy from") && s.contains("[m] merchantId")
    });
    term.keys(&["m"]);
    let toast = term.wait_for("the copy's toast", |s| s.contains("Copied merchantId "));
    let copied = wait_for_copy(&term, "the merchantId by OSC 52", |t| {
        requests.iter().any(|r| r.merchant_id == t)
    });
    // The request under the cursor: its merchantId is in the detail pane.
    assert!(toast.contains(&copied[..12]), "{toast}");
    assert!(
        toast
            .lines()
            .any(|l| l.contains("merchantId") && l.contains(&copied)),
        "{toast}"
    );
    assert_eq!(osc52_texts(&term.raw()).len(), 1, "one write per copy");

    term.keys(&["q"]);
    assert_terminal_restored(&term);
}
