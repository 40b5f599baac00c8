//! The bulk dialog's yes and no: start the run, or go back. Its third
//! answer, entering the missing terminalIds first, opens the change slice's
//! forms (`change::enter_missing`); the run starts after the last one.

use crate::app::command::Command;
use crate::app::run::BulkPlan;
use crate::app::runs::RunWhat;
use crate::app::state::{App, Mode};

use super::flow::start_bulk;

/// `start`: yes. Otherwise the dialog was cancelled: a retry's goes back to
/// the results it came from, anything else to the list.
pub(in crate::app) fn answered(app: &mut App, plan: BulkPlan, start: bool) -> Vec<Command> {
    if start {
        let what = match plan.retry {
            true => RunWhat::Retry,
            false => RunWhat::Bulk,
        };
        return start_bulk(app, &plan.ids, &plan.entered, what);
    }
    if plan.reviewing {
        // Typed terminalIds wait for the run's start, so backing out here
        // sends nothing at all.
        let typed = match plan.entered.len() {
            0 => String::new(),
            n => format!(
                " (the {} typed {} not saved)",
                crate::text::count(n, "terminalId", "terminalIds"),
                if n == 1 { "was" } else { "were" }
            ),
        };
        app.info(format!("Bulk run cancelled; nothing was sent{typed}."));
    }
    app.mode = if plan.retry && app.bulk_results().is_some() {
        Mode::Bulk
    } else {
        Mode::List
    };
    Vec::new()
}
