//! The keys of an import's preview, run and results (its steps are in
//! `import_flow`, its state in `import`).

use crate::keys::{Intent, Press};

use super::command::Command;
use super::import::ImportStage;
use super::import_flow::close;
use super::keys;
use super::state::{App, Mode};

/// Keys while `App::import` holds the screen.
pub(super) fn import_key(app: &mut App, input: Press) -> Vec<Command> {
    app.mode = Mode::Import;
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
            return vec![Command::CancelBulk { run_id: run.run_id }];
        }
        (ImportStage::Sending(run), Intent::Close) if !run.is_running() => close(app),
        (ImportStage::Sending(run), _) if !run.is_running() => {
            if let Some(nav) = nav {
                run.scroll = keys::apply(nav, run.scroll, run.items.len(), 10);
            }
        }
        _ => {}
    }
    Vec::new()
}
