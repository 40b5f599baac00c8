//! Activating one request: `a` opens the question (or the terminalId form
//! an ePay request needs first), and a yes sends it.

use crate::app::answer::Answer;
use crate::app::command::{Command, WorkerCall};
use crate::app::read_only;
use crate::app::state::{App, Asking, Mode};

use crate::app::form::FormThen;

pub(in crate::app) fn activate(app: &mut App) -> Vec<Command> {
    if app.cursor_request().is_some() && read_only::refuse(app, "activate requests") {
        return Vec::new();
    }
    let Some(r) = app.cursor_request() else {
        return Vec::new();
    };
    let id = r.id.clone();
    if r.is_active() {
        app.info("This request is already active.");
    } else if !r.is_pending() {
        let status = r.status.clone();
        app.error(format!(
            "Only pending requests can be activated; this one is {status}."
        ));
    } else if app.activating.contains(&id) || app.activate_after_save.contains(&id) {
        app.info("This request is being activated already.");
    } else if app.saving.contains(&id) {
        // The stored copy still lacks the terminalId being saved: asking for
        // it again would offer a second, racing save.
        app.info("Its terminalId is still being saved; activate it once that is done.");
    } else if r.needs_terminal_id() {
        // ePay needs its terminalId first; saving it leads straight on to activation.
        app.mode = Mode::Form(Box::new(super::form_for(r, FormThen::Activate)));
    } else {
        app.mode = Mode::Asking(Asking::Activate { id });
    }
    Vec::new()
}

/// The answer to "activate `id`?".
pub(in crate::app) fn answered(app: &mut App, id: String, answer: Answer) -> Vec<Command> {
    if answer != Answer::Yes {
        return Vec::new();
    }
    app.activating.insert(id.clone());
    app.info(format!("Activating {id}…"));
    let held = app.list.store.by_id(&id).cloned();
    vec![Command::Api(WorkerCall::Activate { id, held })]
}
