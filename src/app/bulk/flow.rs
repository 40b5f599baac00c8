//! A bulk run's steps: it starts (saving entered terminalIds first), its
//! saves answer, and its activations go out.

use std::collections::HashMap;

use crate::api::IntegrationRequest;

use crate::app::command::{Command, WorkerCall};
use crate::app::run::{BulkResult, ItemState, RunPhase, bulk_run, finish_bulk};
use crate::app::runs::RunWhat;
use crate::app::state::{App, Mode};

/// A bulk run (or a retry, as `what` says) over requests the list holds.
pub(in crate::app) fn start_bulk(
    app: &mut App,
    ids: &[String],
    entered: &HashMap<String, String>,
    what: RunWhat,
) -> Vec<Command> {
    start_run(app, ids, entered, &Default::default(), what)
}

/// Begin a run over `ids`. `extra` holds requests the run may name that
/// the list has not loaded (an import's, say).
pub(in crate::app) fn start_bulk_with(
    app: &mut App,
    ids: &[String],
    entered: &HashMap<String, String>,
    extra: &HashMap<String, IntegrationRequest>,
) -> Vec<Command> {
    start_run(app, ids, entered, extra, RunWhat::Bulk)
}

/// Save entered terminalIds first, else activate straight away with
/// bounded concurrency; the runs panel keeps it from its start.
fn start_run(
    app: &mut App,
    ids: &[String],
    entered: &HashMap<String, String>,
    extra: &HashMap<String, IntegrationRequest>,
    what: RunWhat,
) -> Vec<Command> {
    let run_id = app.next_run_id;
    app.next_run_id += 1;
    let (store, marks) = (&app.list.store, &app.list.marks);
    // Marks `p` hides are not loaded: their kept copies say why they skip.
    let run = bulk_run(
        run_id,
        ids,
        |id| {
            store
                .by_id(id)
                .or_else(|| extra.get(id))
                .or_else(|| marks.get(id))
        },
        entered,
    );
    let mut cmds: Vec<Command> = run
        .items
        .iter()
        .filter(|i| i.state == ItemState::Preparing)
        .filter_map(|i| {
            // These forms are for requests without a terminalId: one set
            // meanwhile is never overwritten.
            entered.get(&i.id).map(|t| {
                Command::Api(WorkerCall::Update {
                    id: i.id.clone(),
                    terminal_id: t.clone(),
                    expected: None,
                })
            })
        })
        .collect();
    let running = run.phase == RunPhase::Running;
    app.runs
        .started(app.now, what, crate::app::runs::RunBody::Bulk(run.clone()));
    // Results reopened from the panel make way for the run's progress.
    app.runs.reopened = false;
    app.reopened = None;
    app.bulk = Some(run);
    // The run goes on beside the list (its progress above the footer);
    // its results open when it ends (`during`).
    app.mode = Mode::List;
    if running {
        cmds.extend(launch_bulk(app));
    }
    cmds
}

fn launch_bulk(app: &mut App) -> Vec<Command> {
    let concurrency = app.config.concurrency.max(1);
    let Some(run) = app.bulk.as_mut() else {
        return Vec::new();
    };
    run.phase = RunPhase::Running;
    let ids = run.ids_where(|s| *s == ItemState::Queued);
    if ids.is_empty() {
        finish_bulk(run, false);
        return Vec::new();
    }
    let run_id = run.run_id;
    let (store, marks) = (&app.list.store, &app.list.marks);
    let held = ids
        .iter()
        .filter_map(|id| store.by_id(id).or_else(|| marks.get(id)).cloned())
        .collect();
    vec![Command::Api(WorkerCall::BulkActivate {
        run_id,
        ids,
        held,
        concurrency,
    })]
}

/// One of a bulk run's saves has its answer: once none is left, activate
/// (or close the run if it was cancelled meanwhile).
pub(in crate::app) fn after_bulk_save(app: &mut App) -> Vec<Command> {
    let Some(run) = app
        .bulk
        .as_mut()
        .filter(|r| !r.any(|s| *s == ItemState::Preparing))
    else {
        return Vec::new();
    };
    if run.cancel_requested {
        finish_bulk(run, true);
        Vec::new()
    } else {
        launch_bulk(app)
    }
}

/// Whether `id`'s terminalId is being saved for the bulk run before it
/// activates.
pub(in crate::app) fn saving_for_bulk(app: &App, id: &str) -> bool {
    app.bulk.as_ref().is_some_and(|r| {
        r.phase == RunPhase::Starting && r.state(id) == Some(&ItemState::Preparing)
    })
}

/// `id`'s terminalId was saved for the run (it may activate now) or could
/// not be (`Err`: why, and it ends failed).
pub(in crate::app) fn on_saved(app: &mut App, id: &str, result: Result<(), String>) {
    if let Some(run) = app.bulk.as_mut() {
        match result {
            Ok(()) => run.set(id, ItemState::Queued),
            Err(why) => run.done(id, BulkResult::Failed(why)),
        };
    }
}
