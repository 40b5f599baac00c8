//! The step between the terminalId form and sending: replacing a terminalId
//! a request already has, or changing one that is not pending, shows
//! `old → new` and waits for `y`; the same value again sends nothing.

use crate::api::Status;

use super::{next_bulk_form, submit_form};
use crate::app::answer::Answer;
use crate::app::command::Command;
use crate::app::form::{Form, FormThen, Overwrite};
use crate::app::state::{App, Asking, Mode};

/// The form was submitted with a valid `new`: send it, ask first, or say
/// there is nothing to send. The list's copy of the request is the latest
/// the console knows; the form's is used if a reload dropped it.
pub(in crate::app) fn submit(app: &mut App, form: Box<Form>, new: String) -> Vec<Command> {
    let (old, status) = match app.request(&form.id) {
        Some(r) => (
            r.effective_terminal_id().map(str::to_string),
            r.status.clone(),
        ),
        None => (form.old.clone(), form.status.clone()),
    };
    if old.as_deref() == Some(new.as_str()) {
        return unchanged(app, form, &new);
    }
    if old.is_some() || status != Status::Pending {
        app.mode = Mode::Asking(Asking::Overwrite(Box::new(Overwrite {
            form,
            old,
            new,
            status,
        })));
        return Vec::new();
    }
    submit_form(app, form, new, old)
}

/// The request already has this terminalId: nothing is sent.
fn unchanged(app: &mut App, form: Box<Form>, terminal_id: &str) -> Vec<Command> {
    let id = form.id;
    match form.then {
        FormThen::Save => {
            app.info(format!(
                "{id} already has terminalId {terminal_id}; nothing was sent."
            ));
            Vec::new()
        }
        // It has what activation needs: ask to activate as `a` would.
        FormThen::Activate => {
            app.mode = Mode::Asking(Asking::Activate { id });
            Vec::new()
        }
        FormThen::Bulk(entry) => next_bulk_form(app, entry),
    }
}

/// The answer to `old → new`: send it, or go back to the form as it was.
pub(in crate::app) fn answered(app: &mut App, ow: Overwrite, answer: Answer) -> Vec<Command> {
    if answer != Answer::Yes {
        app.mode = Mode::Form(ow.form);
        return Vec::new();
    }
    let Overwrite { form, old, new, .. } = ow;
    submit_form(app, form, new, old)
}
