//! An import's steps once its preview is answered: the rows are sent, or
//! the import closes.

use std::collections::HashMap;

use crate::app::bulk::start_bulk_with;
use crate::import::RowClass;
use crate::text::plural;

use crate::app::command::{Command, WorkerCall};
use crate::app::run::{ImportLabel, ImportResult, ImportStage, ItemState, Run, RunItem};
use crate::app::runs::{RunBody, RunWhat};
use crate::app::state::{App, Mode};

/// Leave the import; rows it changed take their place in the list now.
pub(in crate::app) fn close(app: &mut App) {
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
pub(in crate::app) fn apply(app: &mut App, activate: bool) -> Vec<Command> {
    if crate::app::read_only::refuse(app, "import terminalIds") {
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
        let pending: Vec<String> = match activate {
            true => app.import.as_ref().map_or_else(Vec::new, |import| {
                import
                    .plan
                    .to_activate()
                    .filter_map(|r| r.id.clone())
                    .collect()
            }),
            false => Vec::new(),
        };
        close(app);
        if !pending.is_empty() {
            // Nothing to set, but requests that already hold the file's
            // terminalId are still pending: activate those.
            return start_bulk_with(app, &pending, &HashMap::new(), &HashMap::new());
        }
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
    app.mode = Mode::Import;
    import.activate = activate;
    let n = updates.len();
    let path = import.path_text();
    let kept = RunBody::Import(Box::new(import.clone()));
    app.runs
        .started(app.now, RunWhat::Import(path.clone()), kept);
    app.runs.reopened = false;
    app.info(format!(
        "Setting {n} terminalId{} from {path}{}…",
        plural(n),
        if activate {
            ", then activating them"
        } else {
            ""
        }
    ));
    vec![Command::Api(WorkerCall::ImportApply {
        run_id,
        updates,
        concurrency,
    })]
}
