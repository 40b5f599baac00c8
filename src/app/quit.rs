//! Quitting: at once when nothing runs, after a yes while a run goes on;
//! either way a running run is told to stop.

use super::answer::Answer;
use super::command::Command;
use super::run::{Run, RunPhase};
use super::state::{App, OverlayQuestion};

/// `q` on the list.
pub(super) fn request(app: &mut App) {
    if app.bulk.as_ref().is_some_and(Run::is_running) {
        app.asking = Some(OverlayQuestion::Quit);
    } else {
        app.quit = true;
    }
}

/// The answer to "quit while a run goes on?".
pub(super) fn answered(app: &mut App, answer: Answer) -> Vec<Command> {
    if answer == Answer::Yes {
        return now(app);
    }
    app.asking = None;
    Vec::new()
}

/// Quit now (ctrl-c, or the question answered yes).
pub(super) fn now(app: &mut App) -> Vec<Command> {
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
