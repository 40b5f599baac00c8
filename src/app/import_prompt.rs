//! The import's path prompt: `i` opens it with the last file imported, and
//! Enter starts planning the import (its steps are in `import`).

use std::path::PathBuf;

use crate::api::SearchQuery;

use super::command::{Command, WorkerCall};
use super::prompt::{Prompt, PromptKind};
use super::run::ImportState;
use super::state::{App, Mode};
use super::text_field::TextField;

/// `i`: the import prompt, offering the last file imported.
pub(super) fn open(app: &mut App) {
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Import,
        input: TextField::prefilled(app.last_import_path.clone()),
        error: None,
    }));
}

/// Enter in the import prompt: read and plan the file; nothing is sent yet.
pub(super) fn submit(app: &mut App, raw: &str) -> Result<Vec<Command>, String> {
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
    Ok(vec![Command::Api(WorkerCall::PlanImport {
        path,
        query: SearchQuery {
            account_id: app.config.account_id.clone(),
            kind: None,
            pending: false,
        },
    })])
}
