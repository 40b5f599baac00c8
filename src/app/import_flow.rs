//! An import's steps after the prompt: the plan arrives, the preview is
//! confirmed and the rows are sent, their answers come in, the run ends
//! (and activates what it set when asked), the import closes.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::import::{ImportPlan, RowClass};
use crate::text::plural;

use super::action::ImportRowResult;
use super::bulk_flow::start_bulk_with;
use super::command::Command;
use super::import::{ImportKind, ImportLabel, ImportResult, ImportStage, finish_import};
use super::run::{ItemState, Run, RunItem};
use super::state::{App, Mode};

pub(super) fn on_planned(app: &mut App, path: PathBuf, result: Result<ImportPlan, String>) {
    let Some(import) = app
        .import
        .as_mut()
        .filter(|r| matches!(r.stage, ImportStage::Planning) && r.path == path)
    else {
        // Cancelled while planning: the answer has no one to go to.
        return;
    };
    match result {
        Ok(plan) => {
            import.plan = plan;
            import.stage = ImportStage::Preview;
        }
        Err(sentence) => {
            app.import = None;
            if matches!(app.mode, Mode::Import) {
                app.mode = Mode::List;
            }
            app.error(sentence);
        }
    }
}

/// Leave the import; rows it changed take their place in the list now.
pub(super) fn close(app: &mut App) {
    let ran = app
        .import
        .take()
        .is_some_and(|r| r.run().is_some_and(|run| !run.is_running()));
    app.mode = Mode::List;
    if ran {
        app.refilter(false);
    }
}

/// `y`/Enter (and `a`, which activates afterwards): send the `will set` rows.
pub(super) fn apply(app: &mut App, activate: bool) -> Vec<Command> {
    if super::read_only::refuse(app, "import terminalIds") {
        return Vec::new();
    }
    let concurrency = app.config.concurrency.max(1);
    let run_id = app.next_run_id;
    let updates: Vec<(String, String)> = app.import.as_ref().map_or_else(Vec::new, |import| {
        import
            .plan
            .updates()
            .into_iter()
            .map(|(id, tid)| (id.to_string(), tid.to_string()))
            .collect()
    });
    if updates.is_empty() {
        close(app);
        app.info(
            "Nothing to set: no row of the file is a request without a terminalId. Nothing was sent.",
        );
        return Vec::new();
    }
    let Some(import) = app.import.as_mut() else {
        return Vec::new();
    };
    app.next_run_id += 1;
    let items: Vec<RunItem<ImportResult>> = import
        .plan
        .rows_of(RowClass::WillSet)
        .filter_map(|r| {
            Some(RunItem {
                id: r.id.clone()?,
                label: ImportLabel {
                    line: r.line,
                    terminal_id: r.terminal_id.clone()?,
                },
                state: ItemState::Queued,
            })
        })
        .collect();
    import.stage = ImportStage::Sending(Run::new(run_id, items));
    import.activate = activate;
    let n = updates.len();
    let path = import.path_text();
    app.info(format!(
        "Setting {n} terminalId{} from {path}{}…",
        plural(n),
        if activate {
            ", then activating them"
        } else {
            ""
        }
    ));
    vec![Command::ImportApply {
        run_id,
        updates,
        concurrency,
    }]
}

pub(super) fn on_row(app: &mut App, run_id: u64, id: String, result: ImportRowResult) {
    let Some(import) = app.import.as_mut() else {
        return;
    };
    let run = match &mut import.stage {
        ImportStage::Sending(run) if run.run_id == run_id && run.is_running() => run,
        _ => return,
    };
    let mut patch = None;
    let result = match result {
        ImportRowResult::Set(req) => {
            import.updated.insert(id.clone(), req.clone());
            patch = Some(req);
            ImportResult::Set
        }
        ImportRowResult::Unchanged => ImportResult::Unchanged,
        ImportRowResult::SetMeanwhile(current) => ImportResult::Skipped(format!(
            "it now has terminalId {current} (set since the preview); not overwritten"
        )),
        ImportRowResult::Failed(e) => ImportResult::Failed(e.to_string()),
    };
    run.done(&id, result);
    if let Some(req) = patch {
        app.patch(req);
    }
}

/// The run ended: say how it went, then activate what was set when asked.
pub(super) fn on_finished(app: &mut App, run_id: u64, cancelled: bool) -> Vec<Command> {
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
    let mut text = format!(
        "Set {} of {} terminalId{} from {path}.",
        c.of(ImportKind::Set),
        c.total(),
        plural(c.total()),
    );
    if failed > 0 {
        text.push_str(&format!(
            " {failed} failed; fix the cause and import the same file again."
        ));
    }
    if cancelled {
        text.push_str(" Cancelled.");
    }
    let ids = run.ids_where(|s| *s == ItemState::Done(ImportResult::Set));
    let activate = import.activate && !cancelled;
    let extra = std::mem::take(&mut import.updated);
    if failed > 0 || cancelled {
        app.error(text);
    } else {
        app.info(text);
    }
    if activate && !ids.is_empty() {
        // The bulk run's results come first; closing them returns here.
        return start_bulk_with(app, &ids, &HashMap::new(), &extra);
    }
    Vec::new()
}
