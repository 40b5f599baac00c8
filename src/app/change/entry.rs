//! The bulk dialog's "enter the missing terminalIds first": one form each,
//! Esc skipping one, the stop key leaving them all; then the bulk dialog
//! once more, with what was typed, before anything is sent (the typed
//! terminalIds are saved only when the run starts).

use crate::app::command::Command;
use crate::app::run::{BulkEntry, BulkPlan};
use crate::app::state::{App, Asking, Mode};
use crate::app::typed_count::TypedCount;

use super::form_for;
use crate::app::form::FormThen;

/// Open a form for each request still missing its terminalId; those typed
/// before (entering again from the last look) are kept.
pub(in crate::app) fn enter_missing(app: &mut App, plan: BulkPlan) -> Vec<Command> {
    let queue: std::collections::VecDeque<String> = plan.missing_terminal.iter().cloned().collect();
    let total = queue.len();
    let entry = BulkEntry {
        plan,
        queue,
        step: (0, total),
    };
    next_bulk_form(app, entry)
}

/// Open the next missing terminalId's form, or look at the run once more
/// after the last.
pub(in crate::app) fn next_bulk_form(app: &mut App, mut entry: BulkEntry) -> Vec<Command> {
    while let Some(id) = entry.queue.pop_front() {
        if let Some(r) = app.list.store.by_id(&id) {
            entry.step.0 += 1;
            let form = form_for(r, FormThen::Bulk(entry));
            app.mode = Mode::Form(Box::new(form));
            return Vec::new();
        }
    }
    review(app, entry.plan);
    Vec::new()
}

/// The stop key on one of the forms: that request and those after it stay
/// without a terminalId, and the run is looked at again.
pub(in crate::app) fn stop(app: &mut App, entry: BulkEntry) -> Vec<Command> {
    review(app, entry.plan);
    Vec::new()
}

/// The bulk dialog again, its counts with the typed terminalIds: those
/// requests activate, the rest still missing one are skipped. Production's
/// count, if it asked for one, is typed again for this last look.
fn review(app: &mut App, mut plan: BulkPlan) {
    let entered = &plan.entered;
    plan.missing_terminal.retain(|id| !entered.contains_key(id));
    if plan.typed.is_some() {
        plan.typed = Some(Box::new(TypedCount::default()));
    }
    plan.reviewing = true;
    app.mode = Mode::Asking(Asking::Bulk(plan));
}
