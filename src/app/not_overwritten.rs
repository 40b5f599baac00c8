//! A terminalId not overwritten: an update the worker did not send because
//! the server's terminalId is no longer the one the operator saw (another
//! operator set or cleared it after our last load; ops answers `OpError::WouldReplace`).
//! Nobody has seen the new value, so nothing replaces it until the operator
//! has.

use crate::api::IntegrationRequest;
use crate::keys::Intent;

use super::bulk::{after_bulk_save, saving_for_bulk};
use super::command::Command;
use super::run::BulkResult;
use super::state::App;

/// What the server has instead, for a sentence: `terminalId 11000099` or
/// `no terminalId`.
fn now_has(current: &IntegrationRequest) -> String {
    match current.effective_terminal_id() {
        Some(t) => format!("terminalId {}", crate::text::clean(t)),
        None => "no terminalId".to_string(),
    }
}

/// The toast for a refused update. The key is the operator's binding for
/// the terminalId form, so a remapped key is named as it is now.
pub(super) fn sentence(app: &App, id: &str, current: &IntegrationRequest) -> String {
    let key = app.config.prefs.keys.short(Intent::TerminalId);
    let changed = if current.effective_terminal_id().is_some() {
        "set since you looked"
    } else {
        "cleared since you looked"
    };
    format!(
        "{id} now has {} ({changed}); nothing was sent. Press {key} on it to review it.",
        now_has(current)
    )
}

pub(super) fn on_refused(app: &mut App, id: String, current: IntegrationRequest) -> Vec<Command> {
    app.saving.remove(&id);
    // The activation was to follow a save that did not happen.
    app.activate_after_save.remove(&id);
    let for_bulk = saving_for_bulk(app, &id);
    let mut cmds = Vec::new();
    if for_bulk {
        let why = format!(
            "it now has {} (set since it was entered); not overwritten",
            now_has(&current)
        );
        if let Some(run) = app.bulk.as_mut() {
            run.done(&id, BulkResult::Skipped(why));
        }
    } else {
        let text = sentence(app, &id, &current);
        app.error(text);
    }
    // The list shows the value the operator has to review next.
    app.patch(current);
    if for_bulk {
        cmds.extend(after_bulk_save(app));
    }
    cmds
}
