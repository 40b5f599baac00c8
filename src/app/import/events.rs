//! The worker's events about an import: its plan arrived (the preview
//! asks), a row was answered, the run ended (and activates what it set when
//! asked).

use std::collections::HashMap;
use std::path::PathBuf;

use crate::import::ImportPlan;
use crate::ops::{Done, PlanError};
use crate::text::plural;

use crate::app::action::ImportRowResult;
use crate::app::bulk::start_bulk_with;
use crate::app::outcome;

use crate::app::command::Command;
use crate::app::messages::ToastKind;
use crate::app::prompt::{Prompt, PromptKind};
use crate::app::run::{ImportKind, ImportResult, ImportStage, ItemState, finish_import};
use crate::app::state::{App, Asking, Mode};
use crate::app::text_field::TextField;

pub(in crate::app) fn on_planned(
    app: &mut App,
    path: PathBuf,
    result: Result<ImportPlan, PlanError>,
) -> Vec<Command> {
    let Some(import) = app
        .import
        .as_mut()
        .filter(|r| matches!(r.stage, ImportStage::Planning) && r.path == path)
    else {
        // Cancelled while planning: the answer has no one to go to.
        return Vec::new();
    };
    match result {
        Ok(plan) => {
            import.plan = plan;
            import.stage = ImportStage::Preview;
            if matches!(app.mode, Mode::Import) {
                app.mode = Mode::Asking(Asking::Import { typed: None });
            }
        }
        Err(e) => {
            // Its sentence names the file and what to check.
            let sentence = e.to_string();
            app.import = None;
            if matches!(app.mode, Mode::Import) {
                // Said in the prompt, and kept like anything said.
                app.log_only(ToastKind::Error, sentence.clone());
                // Back to the path as typed, to fix it and press Enter again.
                app.mode = Mode::Prompt(Box::new(Prompt {
                    kind: PromptKind::Import,
                    input: TextField::editing(app.last_import_path.clone()),
                    error: Some(sentence),
                }));
            } else {
                app.error(sentence);
            }
        }
    }
    Vec::new()
}

pub(in crate::app) fn on_row(
    app: &mut App,
    run_id: u64,
    id: String,
    result: Done<ImportRowResult>,
) -> Vec<Command> {
    let Some(import) = app.import.as_mut() else {
        return Vec::new();
    };
    let run = match &mut import.stage {
        ImportStage::Sending(run) if run.run_id == run_id && run.is_running() => run,
        _ => return Vec::new(),
    };
    let mut patch = None;
    let Done { value, unrecorded } = result;
    let result = match (value, unrecorded) {
        (ImportRowResult::Set(req) | ImportRowResult::Confirmed(req), unrecorded) => {
            import.updated.insert(id.clone(), req.clone());
            patch = Some(req);
            match unrecorded {
                None => ImportResult::Set,
                Some(why) => {
                    ImportResult::NotLogged(format!("set. {}", outcome::not_in_log(&why, true)))
                }
            }
        }
        (ImportRowResult::Unchanged, _) => ImportResult::Unchanged,
        (ImportRowResult::SetMeanwhile(current), _) => ImportResult::Skipped(format!(
            "it now has terminalId {current} (set since the preview); not overwritten"
        )),
        (ImportRowResult::Failed(e), _) => ImportResult::Failed(outcome::import_failure(&e)),
    };
    run.done(&id, result);
    if let Some(req) = patch {
        app.patch(req);
    }
    Vec::new()
}

/// The run ended: say how it went, then activate what was set when asked.
pub(in crate::app) fn on_finished(app: &mut App, run_id: u64, cancelled: bool) -> Vec<Command> {
    let Some(import) = app.import.as_mut() else {
        return Vec::new();
    };
    let path = import.path_text();
    let run = match &mut import.stage {
        ImportStage::Sending(run) if run.run_id == run_id && run.is_running() => run,
        _ => return Vec::new(),
    };
    let cancelled = cancelled || run.cancel_requested;
    finish_import(run, cancelled);
    let c = run.tally();
    let failed = c.of(ImportKind::Failed);
    let not_logged = c.of(ImportKind::NotLogged);
    let mut text = format!(
        "Set {} of {} terminalId{} from {path}.",
        c.of(ImportKind::Set) + not_logged,
        c.total(),
        plural(c.total()),
    );
    if failed > 0 {
        text.push_str(&format!(
            " {failed} failed; fix the cause and import the same file again: rows already set show as unchanged."
        ));
    }
    if not_logged > 0 {
        text.push_str(&format!(
            " {not_logged} of those are not in the audit log, so nothing more is sent for them; make it writable before more changes."
        ));
    }
    if cancelled {
        text.push_str(" Cancelled.");
    }
    // Every pending request that now holds the file's terminalId, whether
    // this run set it or it already had it (the plan's rule, shared with
    // the CLI); rows that failed, were set otherwise meanwhile, or are not
    // in the audit log are not.
    let holds = |id: &str| {
        matches!(
            run.state(id),
            Some(ItemState::Done(ImportResult::Set | ImportResult::Unchanged))
        )
    };
    let ids: Vec<String> = import
        .plan
        .to_activate()
        .filter_map(|r| r.id.clone())
        .filter(|id| holds(id) || run.state(id).is_none())
        .collect();
    let activate = import.activate && !cancelled;
    let extra = std::mem::take(&mut import.updated);
    let kind = match failed > 0 || not_logged > 0 || cancelled {
        true => ToastKind::Error,
        false => ToastKind::Info,
    };
    let activates = activate && !ids.is_empty();
    // The results are on screen now; the log is read later, so it says
    // where they are.
    let number = app.runs.by_run_id(run_id).map(|e| e.number);
    let pointer = match activates {
        true => " Its results show once the activation's results close",
        false => " Its results show until closed",
    };
    let pointer = format!("{pointer}{}", app.results_pointer(number));
    app.say(kind, text, &pointer);
    if activates {
        // The bulk run's results come first; closing them returns here.
        return start_bulk_with(app, &ids, &HashMap::new(), &extra);
    }
    Vec::new()
}
