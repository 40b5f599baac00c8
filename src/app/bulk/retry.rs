//! `R` on a finished bulk run's results: retry the ones that failed. On
//! production a retry of more than `confirm_typed_over` requests is a bulk
//! run like any other, so it shows the bulk dialog and starts only once its
//! count is typed.

use crate::app::command::Command;
use crate::app::run::{BulkResult, ItemState};
use crate::app::runs::RunWhat;
use crate::app::state::{App, Asking, Mode};

use super::flow::start_bulk;

pub(super) fn retry_failed(app: &mut App) -> Vec<Command> {
    let failed = app
        .bulk
        .as_ref()
        .map(|run| run.ids_where(|s| matches!(s, ItemState::Done(BulkResult::Failed(_)))))
        .unwrap_or_default();
    if failed.is_empty() {
        app.info("Nothing failed; there is nothing to retry.");
        return Vec::new();
    }
    if app.config.safety.needs_typed_count(failed.len()) {
        let mut plan = app.plan_of(failed);
        plan.retry = true;
        app.mode = Mode::Asking(Asking::Bulk(plan));
        return Vec::new();
    }
    start_bulk(app, &failed, &Default::default(), RunWhat::Retry)
}
