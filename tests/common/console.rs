//! Steps in the real console that several end-to-end tests take.

use super::pty::Pty;

/// Filter to pending Verifone, mark the first three and press `A`.
pub fn bulk_three_pending_verifone(term: &Pty) {
    term.keys(&["/"]);
    term.type_text("type:verifone status:pending");
    term.keys(&["Enter"]);
    term.wait_for("verifone rows only", |s| {
        s.contains("verifone") && !s.contains(" epay ")
    });
    term.keys(&["Space", "Space", "Space"]);
    term.wait_for("three marked", |s| s.contains("3 marked"));
    term.keys(&["A"]);
}
