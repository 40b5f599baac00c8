//! The export slice: `e` opens the path prompt, Enter hands the rows shown
//! to the worker, and its answer closes the export. The slice's state is
//! `App::exporting`, the path being written; the file work is
//! [`crate::export::write`], run by the worker. A file already there is
//! replaced only after a yes to `Asking::ExportOverwrite`.

use std::path::PathBuf;

use crate::export::{ExportError, ExportFormat};
use crate::text::plural;

use super::answer::Answer;
use super::command::{Command, WorkerCall};
use super::messages::ToastKind;
use super::prompt::{Prompt, PromptKind};
use super::run::shown_path;
use super::state::{App, Asking, Mode};
use super::text_field::TextField;

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
        input: TextField::prefilled(format!("intake-export-{stamp}.csv")),
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
    Ok(send(app, path, format, false))
}

/// The rows shown, to the worker, to be written to `path`.
fn send(app: &mut App, path: PathBuf, format: ExportFormat, replace: bool) -> Vec<Command> {
    let requests = app.visible_requests();
    let n = requests.len();
    // The worker may find the file there and the operator decline to
    // replace it: until then the status line shows it as work going on
    // (`App::exporting`), never as a message, so the log never holds an
    // export that did not happen (its outcome is logged either way).
    if replace {
        app.info(format!(
            "Exporting {n} request{} to {}…",
            plural(n),
            shown_path(&path)
        ));
    }
    app.exporting = Some(path.clone());
    vec![Command::Api(WorkerCall::Export {
        path,
        format,
        requests,
        merchants: app.known_merchants(),
        replace,
    })]
}

/// The answer to "replace the file?": yes writes over it; no goes back to
/// the prompt to choose another name.
pub(super) fn overwrite_answered(
    app: &mut App,
    path: PathBuf,
    format: ExportFormat,
    answer: Answer,
) -> Vec<Command> {
    if answer == Answer::Yes {
        return send(app, path, format, true);
    }
    let shown = shown_path(&path);
    app.info(format!("Nothing was written: {shown} was left as it was."));
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Export,
        input: TextField::prefilled(path.display().to_string()),
        error: Some(format!(
            "{shown} was left as it was; type another name, or Esc to cancel."
        )),
    }));
    Vec::new()
}

/// The worker's answer: the export is done, written or not.
pub(super) fn on_exported(
    app: &mut App,
    path: PathBuf,
    count: usize,
    result: Result<(), ExportError>,
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
        // Asked where the export was started; elsewhere it would take over
        // a screen the operator moved on to.
        Err(ExportError::Exists) if matches!(app.mode, Mode::List) => {
            if let Some(format) = ExportFormat::from_path(&path) {
                app.toasts.clear();
                app.mode = Mode::Asking(Asking::ExportOverwrite { path, format });
            }
        }
        Err(ExportError::Exists) => app.error(format!(
            "{} already exists, so nothing was written; export again to replace it or to choose another name.",
            shown_path(&path)
        )),
        // Back to the name as typed, with why under it, where the export
        // was started: the next keys fix the name instead of acting on the
        // list. The log keeps the sentence too.
        Err(ExportError::Failed(sentence)) if matches!(app.mode, Mode::List) => {
            app.toasts.clear();
            app.log_only(ToastKind::Error, sentence.clone());
            app.mode = Mode::Prompt(Box::new(Prompt {
                kind: PromptKind::Export,
                input: TextField::editing(path.display().to_string()),
                error: Some(sentence),
            }));
        }
        Err(ExportError::Failed(sentence)) => app.error(sentence),
    }
    Vec::new()
}

impl App {
    /// The export the worker is writing, as the status line shows work
    /// going on.
    pub fn exporting_note(&self) -> Option<String> {
        let path = self.exporting.as_ref()?;
        Some(format!("Exporting to {}…", shown_path(path)))
    }
}
