//! The change slice: the terminalId form, its `old → new` check, and the
//! server's answer to a save (which may lead on to an activation or to the
//! next form of a bulk run).

mod activate;
mod entry;
mod overwrite;
mod saved;

use crate::api::IntegrationRequest;
use crate::domain::validate::validate_terminal_id;
use crate::keys::{Intent, Press};

use crate::app::command::{Command, WorkerCall};
use crate::app::state::{App, Mode};
use crate::app::text_field::TextField;

use crate::app::form::{Form, FormThen};

pub(in crate::app) use activate::{activate, answered as activate_answered};
pub(in crate::app) use entry::enter_missing;
use entry::next_bulk_form;
pub(in crate::app) use overwrite::answered as overwrite_answered;
pub(in crate::app) use saved::on_updated;

pub(in crate::app) fn form_for(r: &IntegrationRequest, then: FormThen) -> Form {
    let old = r.effective_terminal_id().map(str::to_string);
    Form {
        id: r.id.clone(),
        kind: r.kind.clone(),
        merchant: r.merchant_id.clone(),
        input: TextField::prefilled(old.clone().unwrap_or_default()),
        error: None,
        then,
        status: r.status.clone(),
        old,
    }
}

pub(in crate::app) fn form_key(app: &mut App, input: Press, mut form: Box<Form>) -> Vec<Command> {
    match input {
        Press::Intent(Intent::Cancel) => {
            return match form.then {
                // Esc on one of a bulk run's forms skips that request.
                FormThen::Bulk(entry) => next_bulk_form(app, entry),
                _ => Vec::new(),
            };
        }
        Press::Intent(Intent::StopEntry) => {
            match std::mem::replace(&mut form.then, FormThen::Save) {
                FormThen::Bulk(entry) => return entry::stop(app, entry),
                // Only a bulk run's forms have a run to stop.
                then => form.then = then,
            }
        }
        Press::Intent(Intent::Submit) => {
            let terminal_id = match validate_terminal_id(&form.kind, form.input.value()) {
                Ok(t) => t,
                Err(sentence) => {
                    form.error = Some(sentence);
                    app.mode = Mode::Form(form);
                    return Vec::new();
                }
            };
            // Replacing a terminalId, or changing a request that is not
            // pending, is confirmed first.
            return overwrite::submit(app, form, terminal_id);
        }
        Press::Text(k) => {
            if form.input.key(k) {
                form.error = None;
            }
        }
        Press::Intent(_) => {}
    }
    app.mode = Mode::Form(form);
    Vec::new()
}

/// Do what the form was opened for with its checked value. `expected` is
/// the terminalId the operator saw being replaced (`None`: none was shown);
/// the worker sends nothing if the server's is no longer that.
pub(in crate::app) fn submit_form(
    app: &mut App,
    form: Box<Form>,
    terminal_id: String,
    expected: Option<String>,
) -> Vec<Command> {
    let id = form.id;
    match form.then {
        FormThen::Bulk(mut entry) => {
            entry.plan.entered.insert(id, terminal_id);
            next_bulk_form(app, entry)
        }
        then => {
            app.saving.insert(id.clone());
            if matches!(then, FormThen::Activate) {
                app.activate_after_save.insert(id.clone());
                app.info(format!(
                    "Saving terminalId {terminal_id}; activation follows."
                ));
            } else {
                app.info(format!("Saving terminalId {terminal_id}…"));
            }
            vec![Command::Api(WorkerCall::Update {
                id,
                terminal_id,
                expected,
            })]
        }
    }
}
