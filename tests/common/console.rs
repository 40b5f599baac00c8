//! Steps in the real console that several end-to-end tests take.

use super::tmux::Tmux;

/// Filter to pending Verifone, mark the first three and press `A`.
pub fn bulk_three_pending_verifone(tmux: &Tmux) {
    tmux.keys(&["/"]);
    tmux.type_text("type:verifone status:pending");
    tmux.keys(&["Enter"]);
    tmux.wait_for("verifone rows only", |s| {
        s.contains("verifone") && !s.contains(" epay ")
    });
    tmux.keys(&["Space", "Space", "Space"]);
    tmux.wait_for("three marked", |s| s.contains("3 marked"));
    tmux.keys(&["A"]);
}
