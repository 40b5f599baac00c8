//! On production, an import's "set, then activate" (`a` in the preview)
//! over more than `confirm_typed_over` requests asks for the count that
//! will be activated before anything is sent: the sets are part of the same
//! confirmed action, so the count comes before the first of them.

use crate::keys::Press;

use super::command::Command;
use super::guard::{self, Typed};
use super::import_flow::apply;
use super::state::App;
use super::typed_count::TypedCount;

/// `a` in the preview: set the rows and activate them, or first ask for
/// their count when production requires it.
pub(super) fn set_and_activate(app: &mut App) -> Vec<Command> {
    let will_set = app
        .import
        .as_ref()
        .map_or(0, |run| run.plan.updates().len());
    if !app.config.safety.needs_typed_count(will_set) {
        return apply(app, true);
    }
    // Read-only refuses before asking for a count it would not act on.
    if guard::refuse_read_only(app, "import terminalIds") {
        return Vec::new();
    }
    if let Some(run) = app.import.as_mut() {
        run.typed = Some(TypedCount::default());
    }
    Vec::new()
}

/// A key while the preview waits for the count: Enter with the right count
/// sets and activates; Esc goes back to the preview with nothing sent.
pub(super) fn key(app: &mut App, input: Press) -> Vec<Command> {
    let Some(run) = app.import.as_mut() else {
        return Vec::new();
    };
    let want = run.plan.updates().len();
    let Some(typed) = run.typed.as_mut() else {
        return Vec::new();
    };
    match guard::type_count(input, want, typed, false) {
        Typed::Editing => Vec::new(),
        Typed::Cancelled => {
            run.typed = None;
            Vec::new()
        }
        Typed::Confirmed => {
            run.typed = None;
            apply(app, true)
        }
    }
}
