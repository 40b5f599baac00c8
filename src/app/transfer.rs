//! Export and import in the console: the path prompt and the export (what
//! an import does after its prompt is in `import`). The file work and the
//! API calls happen in the worker.

use std::path::PathBuf;

use crossterm::event::Event;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::SearchQuery;
use crate::export::ExportFormat;
use crate::text::plural;

use crate::keys::{Intent, Press};

use super::command::Command;
use super::prompt::{Prompt, PromptKind};
use super::run::{ImportState, shown_path};
use super::state::{App, Mode};

/// `e`: the export prompt, prefilled with a timestamped name in the
/// working directory.
pub(super) fn open_export(app: &mut App) {
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

/// `i`: the import prompt, offering the last file imported.
pub(super) fn open_import(app: &mut App) {
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Import,
        input: Input::new(app.last_import_path.clone()),
        error: None,
    }));
}

pub(super) fn prompt_key(app: &mut App, input: Press, mut prompt: Box<Prompt>) -> Vec<Command> {
    match input {
        Press::Intent(Intent::Cancel) => {
            app.info(match prompt.kind {
                PromptKind::Export => "Export cancelled.",
                PromptKind::Import => "Import cancelled; nothing was read or sent.",
            });
            Vec::new()
        }
        Press::Intent(Intent::Submit) => {
            let raw = prompt.input.value().trim().to_string();
            let result = match prompt.kind {
                PromptKind::Export => submit_export(app, &raw),
                PromptKind::Import => submit_import(app, &raw),
            };
            match result {
                Ok(cmds) => cmds,
                Err(sentence) => {
                    prompt.error = Some(sentence);
                    app.mode = Mode::Prompt(prompt);
                    Vec::new()
                }
            }
        }
        Press::Text(k) => {
            if prompt.input.handle_event(&Event::Key(k)).is_some() {
                prompt.error = None;
            }
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
        Press::Intent(_) => {
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
    }
}

fn submit_export(app: &mut App, raw: &str) -> Result<Vec<Command>, String> {
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

fn submit_import(app: &mut App, raw: &str) -> Result<Vec<Command>, String> {
    if raw.is_empty() {
        return Err(
            "Type the path of a CSV file with id (or merchantId and type) and terminalId columns."
                .into(),
        );
    }
    let path = PathBuf::from(raw);
    app.last_import_path = raw.to_string();
    app.import = Some(ImportState::planning(path.clone()));
    app.mode = Mode::Import;
    Ok(vec![Command::PlanImport {
        path,
        query: SearchQuery {
            account_id: app.config.account_id.clone(),
            kind: None,
            pending: false,
        },
    }])
}

pub(super) fn on_exported(app: &mut App, path: PathBuf, count: usize, result: Result<(), String>) {
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
}
