//! End-to-end, in a pseudo-terminal against a standalone simulator: `A`,
//! then `e` on ePay requests without a terminalId. The forms lead to the
//! bulk dialog's last look; backing out from there sends nothing, and its
//! yes saves the typed terminalIds and activates.

use crate::common;

use common::*;
use intake::api::{IntegrationRequest, IntegrationType};

/// The pending ePay requests without a terminalId, as the server has them.
fn missing(sim: &Sim) -> Vec<IntegrationRequest> {
    all(&sim.client())
        .into_iter()
        .filter(|r| {
            r.kind == IntegrationType::Epay && r.is_pending() && r.effective_terminal_id().is_none()
        })
        .collect()
}

/// Filter to the ePay requests missing a terminalId.
fn filter_missing(term: &Pty) {
    term.keys(&["/"]);
    term.type_text("type:epay terminal:none");
    term.keys(&["Enter"]);
    term.wait_for("the ePay rows without a terminalId", |s| {
        s.contains("filter: type:epay terminal:none")
    });
}

/// Mark the next two rows, `A`, `e`.
fn enter_two(term: &Pty) {
    term.keys(&["Space", "Space"]);
    term.wait_for("two marked", |s| s.contains("2 marked"));
    term.keys(&["A"]);
    term.wait_for("the bulk dialog", |s| {
        s.contains("2 ePay requests are without a terminalId")
    });
    term.keys(&["e"]);
    term.wait_for("the first form", |s| s.contains("Set terminalId (1 of 2)"));
}

#[test]
fn the_last_look_after_the_forms_backs_out_or_runs() {
    let sim = Sim::start();
    let before = missing(&sim);
    assert!(before.len() >= 2, "the seed has two to enter");
    let dir = scratch("last-look");
    let term = Pty::start("last-look", 160, 48, &console_command(&sim, &dir));
    term.wait_for("the list", |s| s.contains("pending"));

    // One typed, then ctrl-x: the last look; its Esc sends nothing.
    filter_missing(&term);
    enter_two(&term);
    term.type_text("19900041");
    term.keys(&["Enter"]);
    term.wait_for("the second form", |s| s.contains("Set terminalId (2 of 2)"));
    term.keys(&["C-x"]);
    term.wait_for("the last look", |s| {
        s.contains("Bulk activate: last look")
            && s.contains("1 terminalId typed")
            && s.contains("1 ePay request is still without a terminalId")
    });
    term.keys(&["Escape"]);
    term.wait_for("the run cancelled", |s| {
        s.contains("Bulk run cancelled; nothing was sent")
    });
    assert_eq!(missing(&sim), before, "backing out sent nothing");

    // Both typed: the last look, then its yes saves and activates them.
    term.keys(&["u"]);
    term.wait_for("no marks", |s| s.contains("0 marked"));
    enter_two(&term);
    term.type_text("19900041");
    term.keys(&["Enter"]);
    term.wait_for("the second form", |s| s.contains("Set terminalId (2 of 2)"));
    term.type_text("19900042");
    term.keys(&["Enter"]);
    term.wait_for("the last look", |s| {
        s.contains("Bulk activate: last look") && s.contains("run 2 now, skipping 0")
    });
    assert_eq!(missing(&sim), before, "nothing is sent before the yes");
    term.keys(&["Enter"]);
    wait_until("both activated with their terminalIds", || {
        let active: Vec<_> = all(&sim.client())
            .into_iter()
            .filter(|r| {
                !r.is_pending()
                    && matches!(r.effective_terminal_id(), Some("19900041" | "19900042"))
            })
            .collect();
        active.len() == 2
    });
    assert_eq!(missing(&sim).len(), before.len() - 2);
}
