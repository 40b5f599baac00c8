//! The runs panel's keys: move, open a run's results in the view a run
//! just finished uses (the failed first), and back. Closing results opened
//! from here comes back here.

use crate::keys::Intent;

use super::command::Command;
use super::keys;
use super::run::{BulkResult, ImportState, ResultsShown, Run};
use super::runs::RunBody;
use super::state::{App, Mode};

/// `H` in the list.
pub(super) fn open_panel(app: &mut App) {
    app.runs.selected = 0;
    app.mode = Mode::Runs;
}

/// An intent while the panel is on screen.
pub(super) fn on_intent(app: &mut App, intent: Intent) -> Vec<Command> {
    let len = app.runs.len();
    match (intent, keys::nav_of(intent)) {
        (Intent::Close, _) => app.mode = Mode::List,
        (Intent::OpenRun, _) => open(app),
        (_, Some(nav)) => app.runs.selected = keys::apply(nav, app.runs.selected, len, 10),
        _ => {}
    }
    Vec::new()
}

/// Results opened from the panel were closed: back to it.
pub(super) fn back_to_panel(app: &mut App) {
    if std::mem::take(&mut app.runs.reopened) {
        app.mode = Mode::Runs;
    }
}

fn open(app: &mut App) {
    let Some(entry) = app.runs.newest_first().nth(app.runs.selected).cloned() else {
        return;
    };
    let number = entry.number;
    match entry.body {
        RunBody::Bulk(run) => open_bulk(app, number, run),
        RunBody::Import(import) => open_import(app, *import),
        RunBody::Command(_) => open_command(app, number),
    }
}

/// A bulk run's results, as after the run; the live run while it goes.
/// While another run goes on, the reopened one is held apart from it
/// (`App::reopened`), so that run's progress and results are untouched.
fn open_bulk(app: &mut App, number: u64, kept: Run<BulkResult>) {
    let live = app.bulk.as_ref().map(|r| (r.run_id, r.is_running()));
    match live {
        Some((id, true)) if id == kept.run_id => {
            app.mode = Mode::List;
            app.info(format!(
                "Run {number} is going on: its progress shows above the status line, and its results open over the list when it ends."
            ));
            return;
        }
        Some((_, true)) => app.reopened = Some(kept),
        Some((id, false)) if id == kept.run_id => app.reopened = None,
        _ => {
            app.reopened = None;
            app.bulk = Some(kept);
        }
    }
    if let Some(run) = app.bulk_results_mut() {
        run.shown = ResultsShown::FailedFirst;
        run.scroll = 0;
    }
    app.runs.reopened = true;
    app.mode = Mode::Bulk;
}

/// An import's results (an import runs on its own screen, so none goes on
/// while the panel is open).
fn open_import(app: &mut App, kept: ImportState) {
    let same = app
        .import
        .as_ref()
        .and_then(ImportState::run)
        .is_some_and(|r| kept.run().is_some_and(|k| k.run_id == r.run_id));
    if !same {
        app.import = Some(kept);
    }
    if let Some(run) = app.import.as_mut().and_then(ImportState::run_mut) {
        run.shown = ResultsShown::FailedFirst;
        run.scroll = 0;
    }
    app.runs.reopened = true;
    app.mode = Mode::Import;
}

/// A command run's results: the output panel showing that run alone (its
/// failed requests first), from what the runs panel keeps of it.
fn open_command(app: &mut App, number: u64) {
    app.runs.command_shown = Some(number);
    app.runs.reopened = true;
    app.mode = Mode::Output { scroll: 0 };
}
