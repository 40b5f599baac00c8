//! What an import's intents do on its screens: cancel while it plans,
//! scroll the preview (its answers go through `confirm`), cancel a run in
//! progress, and scroll or close the results.

use crate::keys::{Intent, Press};

use crate::app::command::{Command, WorkerCall};
use crate::app::keys;
use crate::app::run::ImportStage;
use crate::app::state::{App, Mode, OverlayQuestion};

use super::flow::close;

/// A key while `App::import` holds the screen (the mode is already back).
pub(in crate::app) fn on_input(app: &mut App, input: Press) -> Vec<Command> {
    let Some(run) = app.import.as_mut() else {
        app.mode = Mode::List;
        return Vec::new();
    };
    let Press::Intent(intent) = input else {
        return Vec::new();
    };
    let nav = keys::nav_of(intent);
    match (&mut run.stage, intent) {
        // The preview's answers (y/a/Esc) go through `confirm`.
        (ImportStage::Planning, Intent::Cancel) => {
            close(app);
            app.info("Import cancelled; nothing was sent.");
        }
        (ImportStage::Preview, _) => {
            if let Some(nav) = nav {
                run.scroll = keys::apply(nav, run.scroll, run.plan.rows.len(), 10);
            }
        }
        (ImportStage::Sending(run), Intent::CancelRun)
            if run.is_running() && !run.cancel_requested =>
        {
            run.cancel_requested = true;
            return vec![Command::Api(WorkerCall::CancelBulk { run_id: run.run_id })];
        }
        // Asked on top of the run, as during a bulk run (see `confirm::quit`).
        (ImportStage::Sending(run), Intent::Quit) if run.is_running() => {
            app.asking = Some(OverlayQuestion::Quit);
        }
        (ImportStage::Sending(run), Intent::Close) if !run.is_running() => {
            close(app);
            crate::app::runs_flow::back_to_panel(app);
        }
        (ImportStage::Sending(run), Intent::RetryFailed) if !run.is_running() => {
            app.info(
                "An import is not retried from here: import the same file again to finish it (rows already set show as unchanged).",
            );
        }
        (ImportStage::Sending(run), Intent::FailedOnly) if !run.is_running() => {
            run.shown = run.shown.toggled();
            run.scroll = 0;
        }
        (ImportStage::Sending(run), _) if !run.is_running() => {
            if let Some(nav) = nav {
                run.scroll = keys::apply(nav, run.scroll, run.shown_items().len(), 10);
            }
        }
        _ => {}
    }
    Vec::new()
}
