//! Driving an import from the prompt to its preview.

use crossterm::event::KeyCode;

use crate::app::{ApiEvent, App, Command, ImportRowResult, ImportState, WorkerCall, update};

use super::drive::api;
use super::fixtures::{IMPORT_CSV, import_plan, requests};
use super::input::{ch, key, typed};

/// `i`, the path typed over what the prompt offers, Enter: what that sends
/// (the PlanImport command).
pub fn start_import(app: &mut App, path: &str) -> Vec<Command> {
    update(app, ch('i'));
    for _ in 0..app.last_import_path.chars().count() {
        update(app, key(KeyCode::Backspace));
    }
    typed(app, path);
    update(app, key(KeyCode::Enter))
}

/// The worker's plan of `csv` for terminals.csv, against `requests()`.
pub fn planned(app: &mut App, csv: &str) -> Vec<Command> {
    api(
        app,
        ApiEvent::ImportPlanned {
            path: "terminals.csv".into(),
            result: Ok(import_plan(csv, &requests())),
        },
    )
}

/// terminals.csv holding [`IMPORT_CSV`], planned and previewed.
pub fn import_preview(app: &mut App) {
    start_import(app, "terminals.csv");
    planned(app, IMPORT_CSV);
    assert!(app.import().is_some_and(ImportState::is_preview));
}

/// `answer` (`y` or `a`) to the preview: the import run's id.
pub fn apply_import(app: &mut App, answer: char) -> u64 {
    let cmds = update(app, ch(answer));
    let Some(Command::Api(WorkerCall::ImportApply { run_id, .. })) = cmds.first() else {
        panic!("{cmds:?}");
    };
    *run_id
}

/// The worker's answer for one row of import run `run_id`.
pub fn import_row(app: &mut App, run_id: u64, id: &str, result: ImportRowResult) -> Vec<Command> {
    api(
        app,
        ApiEvent::ImportRow {
            run_id,
            id: id.into(),
            result: super::drive::recorded(result),
        },
    )
}

/// The worker's word that import run `run_id` is over.
pub fn import_finished(app: &mut App, run_id: u64, cancelled: bool) -> Vec<Command> {
    api(app, ApiEvent::ImportFinished { run_id, cancelled })
}
