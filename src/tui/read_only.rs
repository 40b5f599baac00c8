//! The API worker's second line of defence in read-only mode: the console
//! never asks for a change then, and if it did, this answers it with an
//! error and sends nothing.

use tokio::sync::mpsc::UnboundedSender;

use crate::api::ApiError;
use crate::app::{ApiEvent, Command, ImportRowResult};

/// In read-only mode: answer a change with an error and send nothing;
/// anything else is handed back to run.
pub(super) fn refuse_change(
    command: Command,
    events: &UnboundedSender<ApiEvent>,
) -> Option<Command> {
    let refusal = || {
        ApiError::Config("Read-only: this console makes no changes, so nothing was sent.".into())
    };
    match command {
        Command::Update { id, .. } => {
            tracing::warn!(id, "refused an update in read-only mode");
            let _ = events.send(ApiEvent::Updated {
                id,
                result: Err(refusal()),
            });
        }
        Command::Activate { id } => {
            tracing::warn!(id, "refused an activation in read-only mode");
            let _ = events.send(ApiEvent::Activated {
                id,
                run_id: None,
                result: Err(refusal()),
            });
        }
        Command::BulkActivate { run_id, ids, .. } => {
            tracing::warn!(run_id, "refused a bulk activation in read-only mode");
            for id in ids {
                let _ = events.send(ApiEvent::Activated {
                    id,
                    run_id: Some(run_id),
                    result: Err(refusal()),
                });
            }
            let _ = events.send(ApiEvent::BulkFinished {
                run_id,
                cancelled: false,
            });
        }
        Command::ImportApply {
            run_id, updates, ..
        } => {
            tracing::warn!(run_id, "refused an import in read-only mode");
            for (id, _) in updates {
                let _ = events.send(ApiEvent::ImportRow {
                    run_id,
                    id,
                    result: ImportRowResult::Failed(refusal()),
                });
            }
            let _ = events.send(ApiEvent::ImportFinished {
                run_id,
                cancelled: false,
            });
        }
        other => return Some(other),
    }
    None
}
