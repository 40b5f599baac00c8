//! The answer to a terminalId save from the form or a bulk run's missing
//! terminalIds: saved (and whether the audit log has it), already there
//! (nothing sent), or failed. An update
//! refused because the value changed since it was seen is in `meanwhile`.

use crate::ops::{Done, OpError, Updated};

use crate::app::bulk::{self, after_bulk_save, saving_for_bulk};
use crate::app::command::{Command, WorkerCall};
use crate::app::outcome;
use crate::app::state::App;
use crate::keys::{Intent, Scope};

/// The server already having the value serves the operator as well as a
/// save: whatever was to follow it goes on.
pub(in crate::app) fn on_updated(
    app: &mut App,
    id: String,
    result: Result<Done<Updated>, OpError>,
) -> Vec<Command> {
    app.saving.remove(&id);
    let for_bulk = saving_for_bulk(app, &id);
    let again = matches!(result, Err(OpError::NotApplied { .. }));
    let mut cmds = Vec::new();
    match outcome::made(result) {
        Ok(Done {
            value: updated,
            unrecorded,
        }) => {
            let terminal_id = updated.request().effective_terminal_id();
            let terminal_id = terminal_id.unwrap_or("").to_string();
            // What was saved, and the toast when nothing follows it.
            let (saved, alone) = match &updated {
                Updated::Set(_) | Updated::Confirmed(_) => {
                    let saved = format!("Saved terminalId {terminal_id}");
                    let alone = format!("{saved} for {id}.");
                    (saved, alone)
                }
                Updated::Unchanged(_) => {
                    let saved =
                        format!("{id} already has terminalId {terminal_id}; nothing was sent");
                    let alone = format!("{saved}.");
                    (saved, alone)
                }
            };
            let (Updated::Set(req) | Updated::Confirmed(req) | Updated::Unchanged(req)) = updated;
            let held = Some(req.clone());
            app.patch(req);
            if let Some(why) = unrecorded {
                // Made, so the row shows it; nothing more goes out on the
                // back of a change the log lacks. A bulk run counts it as
                // failed, since its activation was not sent: `R` sends it.
                let was_to_activate = app.activate_after_save.remove(&id);
                let why = outcome::not_in_log(&why, true);
                if for_bulk {
                    let text = format!("the terminalId was saved, but it was not activated. {why}");
                    bulk::on_saved(app, &id, Err(text));
                } else if was_to_activate {
                    app.error(format!("{saved} for {id}, but it was not activated. {why}"));
                } else {
                    app.error(format!("{alone} {why}"));
                }
            } else if for_bulk {
                bulk::on_saved(app, &id, Ok(()));
            } else if app.activate_after_save.remove(&id) {
                app.activating.insert(id.clone());
                app.info(format!("{saved}; activating {id}…"));
                cmds.push(Command::Api(WorkerCall::Activate {
                    id: id.clone(),
                    held,
                }));
            } else {
                app.info(alone);
            }
        }
        Err(e) => {
            // `e` is the sentence `outcome` made of ops's error.
            app.activate_after_save.remove(&id);
            if for_bulk {
                bulk::on_saved(app, &id, Err(format!("could not save the terminalId. {e}")));
            } else {
                let hint = if again {
                    let key = app.keys_label(Scope::List, &[Intent::TerminalId], "t");
                    format!(" `{key}` on the row sets it again.")
                } else {
                    String::new()
                };
                app.error(format!("Could not save the terminalId for {id}. {e}{hint}"));
            }
        }
    }
    if for_bulk {
        cmds.extend(after_bulk_save(app));
    }
    cmds
}
