//! Quitting: at once when nothing runs, after a yes while a run goes on;
//! either way a running run is told to stop.

use crate::app::answer::Answer;
use crate::app::command::Command;
use crate::app::run::{Run, RunPhase};
use crate::app::state::{App, OverlayQuestion};

/// `q` on the list.
pub(in crate::app) fn request(app: &mut App) {
    if app.bulk.as_ref().is_some_and(Run::is_running) {
        app.asking = Some(OverlayQuestion::Quit);
    } else {
        app.quit = true;
    }
}

/// The answer to "quit while a run goes on?".
pub(in crate::app) fn answered(app: &mut App, answer: Answer) -> Vec<Command> {
    if answer == Answer::Yes {
        return now(app);
    }
    app.asking = None;
    Vec::new()
}

/// Quit now (ctrl-c, or the question answered yes).
pub(in crate::app) fn now(app: &mut App) -> Vec<Command> {
    app.quit = true;
    let mut cmds = Vec::new();
    if let Some(run) = app.bulk.as_mut()
        && run.phase == RunPhase::Running
    {
        run.cancel_requested = true;
        cmds.push(Command::CancelBulk { run_id: run.run_id });
    }
    if let Some(run) = app.import.as_mut().and_then(|i| i.run_mut())
        && run.is_running()
    {
        run.cancel_requested = true;
        cmds.push(Command::CancelBulk { run_id: run.run_id });
    }
    cmds
}
