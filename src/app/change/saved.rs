//! The answer to a terminalId save from the form or a bulk run's missing
//! terminalIds: saved, already there (nothing sent), or failed. An update
//! refused because the value changed since it was seen is in `meanwhile`.

use crate::api::{ApiError, IntegrationRequest};

use crate::app::bulk::{self, after_bulk_save, saving_for_bulk};
use crate::app::command::Command;
use crate::app::state::App;

/// `sent` is false when the server already had the value, which serves the
/// operator as well as a save: whatever was to follow it goes on.
pub(in crate::app) fn on_updated(
    app: &mut App,
    id: String,
    result: Result<(IntegrationRequest, bool), ApiError>,
) -> Vec<Command> {
    app.saving.remove(&id);
    let for_bulk = saving_for_bulk(app, &id);
    let mut cmds = Vec::new();
    match result {
        Ok((req, sent)) => {
            let terminal_id = req.effective_terminal_id().unwrap_or("").to_string();
            let held = Some(req.clone());
            app.patch(req);
            let saved = match sent {
                true => format!("Saved terminalId {terminal_id}"),
                false => format!("{id} already has terminalId {terminal_id}; nothing was sent"),
            };
            if for_bulk {
                bulk::on_saved(app, &id, Ok(()));
            } else if app.activate_after_save.remove(&id) {
                app.activating.insert(id.clone());
                app.info(format!("{saved}; activating {id}…"));
                cmds.push(Command::Activate {
                    id: id.clone(),
                    held,
                });
            } else {
                app.info(match sent {
                    true => format!("{saved} for {id}."),
                    false => format!("{saved}."),
                });
            }
        }
        Err(e) => {
            app.activate_after_save.remove(&id);
            if for_bulk {
                bulk::on_saved(app, &id, Err(format!("could not save the terminalId. {e}")));
            } else {
                app.error(format!("Could not save the terminalId for {id}. {e}"));
            }
        }
    }
    if for_bulk {
        cmds.extend(after_bulk_save(app));
    }
    cmds
}
