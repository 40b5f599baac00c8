//! The worker's events about activations and bulk runs: an item started,
//! the run finished, an activation answered. The list, the toast and the
//! bulk run say exactly what is known. Only an answer from the server to this call is
//! `activated`; a lost answer read back as active is `confirmed active`, and
//! a refusal as already active names who activated it when that is known.

use crate::api::retry::Activation;
use crate::api::{ApiError, Status};
use crate::ops::{Done, OpError};

use crate::app::command::Command;
use crate::app::outcome;
use crate::app::run::{BulkResult, ItemState, finish_bulk};
use crate::app::state::App;
use crate::keys::{Intent, Scope};

pub(in crate::app) fn on_activated(
    app: &mut App,
    id: String,
    run_id: Option<u64>,
    result: Result<Done<Activation>, OpError>,
) -> Vec<Command> {
    let hint = outcome::needs_terminal_id(&result);
    let (result, unrecorded) = match result {
        // The bare refusal is the same answer without a read-back.
        Err(OpError::Api(ApiError::AlreadyActivated)) => {
            (Ok(Activation::AlreadyActive(None)), None)
        }
        other => match outcome::made(other) {
            Ok(done) => (Ok(done.value), done.unrecorded),
            Err(e) => (Err(e), None),
        },
    };
    let not_in_log = match (&result, unrecorded) {
        (Ok(a), Some(why)) => {
            let made = !matches!(a, Activation::AlreadyActive(_));
            Some(outcome::not_in_log(&why, made))
        }
        _ => None,
    };
    if let Ok(a) = &result {
        match a.request() {
            Some(req) => app.patch(req.clone()),
            // Active on the server whoever did it; show what it must now hold.
            None => {
                if let Some(mut req) = app.list.store.by_id(&id).cloned() {
                    req.status = Status::Active;
                    app.patch(req);
                }
            }
        }
    }
    match run_id {
        None => {
            app.activating.remove(&id);
            match &result {
                Ok(a) => {
                    let said = activation_sentence(&id, a);
                    match &not_in_log {
                        Some(why) => app.error(format!("{said} {why}")),
                        None => app.info(said),
                    }
                }
                Err(e) => {
                    // The shared sentence names the CLI; the console adds its key.
                    let hint = if hint {
                        let key = app.keys_label(Scope::List, &[Intent::TerminalId], "t");
                        format!(" Here, `{key}` on the row sets it.")
                    } else {
                        String::new()
                    };
                    app.error(format!("Could not activate {id}. {e}{hint}"));
                }
            }
        }
        Some(run_id) => {
            if let Some(run) = app.bulk.as_mut().filter(|r| r.run_id == run_id) {
                let result = match (&result, not_in_log) {
                    (Ok(a), Some(why)) => {
                        BulkResult::NotLogged(format!("{} {why}", activation_sentence(&id, a)))
                    }
                    (Ok(Activation::Activated(_)), None) => BulkResult::Activated,
                    (Ok(Activation::Confirmed(_)), None) => BulkResult::Confirmed,
                    (Ok(a @ Activation::AlreadyActive(_)), None) => {
                        BulkResult::AlreadyActive(a.activated_by())
                    }
                    (Err(e), _) => BulkResult::Failed(e.clone()),
                };
                run.done(&id, result);
            }
        }
    }
    Vec::new()
}

/// What an activation's answer says, in the status line's words.
fn activation_sentence(id: &str, a: &Activation) -> String {
    match a {
        Activation::Activated(_) => format!("Activated {id}."),
        Activation::Confirmed(_) => format!(
            "{id} is confirmed active: the answer was lost, and reading it back shows it active."
        ),
        Activation::AlreadyActive(_) => match a.activated_by() {
            Some(by) => format!("{id} was already active (activated by {by})."),
            None => format!("{id} was already activated by someone else."),
        },
    }
}

pub(in crate::app) fn on_started(app: &mut App, run_id: u64, id: &str) -> Vec<Command> {
    if let Some(run) = app.bulk.as_mut().filter(|r| r.run_id == run_id) {
        run.set(id, ItemState::InFlight);
    }
    Vec::new()
}

pub(in crate::app) fn on_finished(app: &mut App, run_id: u64, cancelled: bool) -> Vec<Command> {
    let Some(run) = app.bulk.as_mut().filter(|r| r.run_id == run_id) else {
        return Vec::new();
    };
    let cancelled = cancelled || run.cancel_requested;
    // Its end is said once the update settles (`keep_ended_runs`), as for
    // a run that ends without sending anything.
    finish_bulk(run, cancelled);
    Vec::new()
}
