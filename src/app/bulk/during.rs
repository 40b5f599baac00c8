//! The console while a bulk run goes on: the list, the detail pane, the
//! filter and help keep working; here are the keys that act on the run
//! (cancel, quit) from the list and from help, the ones it refuses saying
//! why, and the results opening once the run ends.

use crate::keys::{Intent, Scope};

use crate::app::command::{Command, WorkerCall};
use crate::app::run::{ItemState, Run, RunPhase};
use crate::app::state::{App, Asking, Mode, OverlayQuestion};

/// An intent pressed while a bulk run goes on: `Some` when the run takes
/// it (cancel, quit, or a refusal), `None` when it does what it always does.
pub(in crate::app) fn on_intent(app: &mut App, intent: Intent) -> Option<Vec<Command>> {
    if !app.bulk.as_ref().is_some_and(Run::is_running) {
        return None;
    }
    let cancel = app.keys_label(Scope::BulkRunning, &[Intent::CancelRun], "Esc");
    match intent {
        Intent::CancelRun => return Some(cancel_run(app)),
        Intent::Quit => app.asking = Some(OverlayQuestion::Quit),
        Intent::BulkActivate => app.error(format!(
            "A bulk run is going on: another can start once it ends ({cancel} cancels it)."
        )),
        Intent::Import => app.error(format!(
            "A bulk run is going on: an import can start once it ends ({cancel} cancels it)."
        )),
        Intent::Activate | Intent::TerminalId => {
            let what = if intent == Intent::Activate {
                "activated"
            } else {
                "changed"
            };
            let in_run = app.cursor_request().and_then(|r| {
                let state = app.bulk.as_ref()?.state(&r.id)?;
                (!state.is_done()).then(|| (r.id.clone(), where_in_run(state)))
            });
            let (id, place) = in_run?;
            app.error(format!(
                "{id} is {place} in the bulk run; it can be {what} once its result is in."
            ));
        }
        _ => return None,
    }
    Some(Vec::new())
}

fn where_in_run<R>(state: &ItemState<R>) -> &'static str {
    match state {
        ItemState::Preparing => "having its terminalId saved",
        ItemState::Queued => "queued",
        ItemState::InFlight | ItemState::Done(_) => "in flight",
    }
}

/// Stop the run: calls in flight finish, no new ones start.
fn cancel_run(app: &mut App) -> Vec<Command> {
    let Some(run) = app.bulk.as_mut() else {
        return Vec::new();
    };
    if run.cancel_requested {
        app.info("The bulk run is already cancelling: calls in flight finish, no new ones start.");
        return Vec::new();
    }
    run.cancel_requested = true;
    let cmds = if run.phase == RunPhase::Running {
        vec![Command::Api(WorkerCall::CancelBulk { run_id: run.run_id })]
    } else {
        Vec::new()
    };
    app.info("Cancelling the bulk run: calls in flight finish, no new ones start.");
    cmds
}

/// Whether `mode` shows bulk results or their retry's dialog, or is the
/// palette opened over them (Esc goes back to them).
fn holds_bulk_results(mode: &Mode) -> bool {
    match mode {
        Mode::Bulk | Mode::Asking(Asking::Bulk(_)) => true,
        Mode::Palette(_, under) => holds_bulk_results(under),
        _ => false,
    }
}

/// A finished run's results open as soon as the operator is in the list
/// (at once when the run ends there; after closing help, the filter or a
/// dialog otherwise, which a toast says when it ends).
pub(in crate::app) fn open_results_in_list(app: &mut App) {
    // A run reopened beside a live one lives only while its results (or
    // its retry's dialog) are on screen, so it never stands in for the
    // live run's results.
    if !holds_bulk_results(&app.mode) {
        app.reopened = None;
    }
    let finished = app.bulk.as_ref().is_some_and(|r| !r.is_running());
    if finished && matches!(app.mode, Mode::List) && app.asking.is_none() {
        app.mode = Mode::Bulk;
    }
}
