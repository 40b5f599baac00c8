//! `R` on a finished bulk run's results: retry the ones that failed. On
//! production a retry of more than `confirm_typed_over` requests is a bulk
//! run like any other, so it shows the bulk dialog and starts only once its
//! count is typed.

use crate::app::command::Command;
use crate::app::run::Run;
use crate::app::runs::RunWhat;
use crate::app::state::{App, Asking, Mode};

use crate::keys::{Intent, Scope};

use super::flow::start_bulk;

pub(super) fn retry_failed(app: &mut App) -> Vec<Command> {
    let failed = app.bulk_results().map(Run::failed_ids).unwrap_or_default();
    if failed.is_empty() {
        app.info("Nothing failed; there is nothing to retry.");
        return Vec::new();
    }
    if app.bulk_running() {
        // Only a reopened run's results show while another run goes on.
        let cancel = app.keys_label(Scope::BulkRunning, &[Intent::CancelRun], "Esc");
        app.error(format!(
            "A bulk run is going on: this retry can start once it ends ({cancel} in the list cancels it)."
        ));
        return Vec::new();
    }
    let mut plan = app.plan_of(failed.clone());
    // Nothing would be sent: say why rather than ask for a count of none.
    if plan.runnable() == 0 && plan.missing_terminal.is_empty() {
        app.info(nothing_to_retry(
            failed.len(),
            plan.not_pending,
            plan.unknown,
        ));
        return Vec::new();
    }
    if app.config.safety.needs_typed_count(failed.len()) {
        plan.retry = true;
        app.mode = Mode::Asking(Asking::Bulk(plan));
        return Vec::new();
    }
    start_bulk(app, &failed, &Default::default(), RunWhat::Retry)
}

/// Why none of the `failed` would be sent again.
fn nothing_to_retry(failed: usize, not_pending: usize, unknown: usize) -> String {
    let all = match failed {
        1 => "the one that failed".to_string(),
        n => format!("the {n} that failed"),
    };
    if not_pending == failed {
        let are = if failed == 1 { "is" } else { "are" };
        return format!(
            "Nothing to retry: {all} {are} no longer pending (activated or changed since)."
        );
    }
    if unknown == failed {
        let are = if failed == 1 { "is" } else { "are" };
        return format!("Nothing to retry: {all} {are} no longer in the loaded list.");
    }
    format!(
        "Nothing to retry: of {all}, {not_pending} are no longer pending and {unknown} are no longer in the loaded list."
    )
}
