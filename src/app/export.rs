//! The export slice: `e` opens the path prompt, Enter hands the rows shown
//! to the worker, and its answer closes the export. The slice's state is
//! `App::exporting`, the path being written; the file work is
//! [`crate::export::write`], run by the worker.

use std::path::PathBuf;

use tui_input::Input;

use crate::export::ExportFormat;
use crate::text::plural;

use super::command::Command;
use super::prompt::{Prompt, PromptKind};
use super::run::shown_path;
use super::state::{App, Mode};

/// `e`: the export prompt, prefilled with a timestamped name in the
/// working directory.
pub(super) fn open(app: &mut App) {
    if let Some(path) = &app.exporting {
        let path = shown_path(path);
        app.info(format!(
            "Still writing {path}; export again when it is done."
        ));
        return;
    }
    let stamp = app
        .now
        .with_timezone(&app.config.tz)
        .format("%Y%m%d-%H%M%S");
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Export,
        input: Input::new(format!("intake-export-{stamp}.csv")),
        error: None,
    }));
}

/// Enter in the export prompt: the rows shown, as filtered and sorted, to
/// the worker; a name that picks no format is a sentence under the prompt.
pub(super) fn submit(app: &mut App, raw: &str) -> Result<Vec<Command>, String> {
    if raw.is_empty() {
        return Err("Type a file name ending in .csv or .json.".into());
    }
    let path = PathBuf::from(raw);
    let Some(format) = ExportFormat::from_path(&path) else {
        return Err("The name must end in .csv or .json; that picks the format.".into());
    };
    let requests = app.visible_requests();
    let n = requests.len();
    app.info(format!(
        "Exporting {n} request{} to {}…",
        plural(n),
        shown_path(&path)
    ));
    app.exporting = Some(path.clone());
    Ok(vec![Command::Export {
        path,
        format,
        requests,
        merchants: app.known_merchants(),
    }])
}

/// The worker's answer: the export is done, written or not.
pub(super) fn on_exported(
    app: &mut App,
    path: PathBuf,
    count: usize,
    result: Result<(), String>,
) -> Vec<Command> {
    if app.exporting.as_ref() == Some(&path) {
        app.exporting = None;
    }
    match result {
        Ok(()) => app.info(format!(
            "Exported {count} request{} to {}.",
            plural(count),
            shown_path(&path)
        )),
        Err(sentence) => app.error(sentence),
    }
    Vec::new()
}
