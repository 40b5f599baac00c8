//! Read-only mode refuses every change where it starts, before a dialog
//! opens or anything is sent, with the same sentence the core uses.

use super::state::App;

/// In read-only mode, say why `what` (e.g. "activate requests") is not
/// done and return true; the caller then sends nothing.
pub(super) fn refuse(app: &mut App, what: &str) -> bool {
    let read_only = app.config.safety.read_only;
    if !read_only.is_on() {
        return false;
    }
    let text = read_only.console_refusal(&app.config.profile, what);
    app.error(text);
    true
}
