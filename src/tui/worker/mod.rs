//! The API worker: the one task that talks to the network for the console.
//! It takes commands from the UI, hands each to the audited core
//! ([`crate::ops`]) and answers with events tagged by request or run id; the
//! UI never awaits a network call. Every rule (read before writing, never
//! replace silently, record before and after sending, read-only) is in ops.

mod answers;
mod names;

use std::collections::HashMap;
use std::ops::ControlFlow;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use crate::app::{ApiEvent, Command};
use crate::export;
use crate::ops::{
    ActivateJob, Cancel, ImportUpdate, OnExisting, Ops, Order, RunEvent, RunReads, RunStart,
};

use answers::{activation, import_row, update};
pub use names::Names;

/// The UI's ends of the worker's channels.
pub struct WorkerChannels {
    pub commands: UnboundedSender<Command>,
    pub events: UnboundedReceiver<ApiEvent>,
    pub task: JoinHandle<()>,
}

/// Start the worker on the current runtime. Every change goes through `ops`,
/// so it is recorded before it is sent, and refused in read-only mode.
pub fn spawn(ops: Ops) -> WorkerChannels {
    spawn_with_names(ops, Names::in_memory())
}

/// As [`spawn`], with merchant names from (and saved to) `names`.
pub fn spawn_with_names(ops: Ops, names: Names) -> WorkerChannels {
    let (cmd_tx, cmd_rx) = unbounded_channel();
    let (evt_tx, evt_rx) = unbounded_channel();
    let task = tokio::spawn(run(ops, names, cmd_rx, evt_tx));
    WorkerChannels {
        commands: cmd_tx,
        events: evt_rx,
        task,
    }
}

async fn run(
    ops: Ops,
    merchants: Names,
    mut commands: UnboundedReceiver<Command>,
    events: UnboundedSender<ApiEvent>,
) {
    let mut load: Option<JoinHandle<()>> = None;
    let mut runs: HashMap<u64, Cancel> = HashMap::new();
    while let Some(command) = commands.recv().await {
        let (ops, events) = (ops.clone(), events.clone());
        match command {
            Command::Load { load_id, query } => {
                // A newer load supersedes the old one; its pages would be stale.
                if let Some(old) = load.take() {
                    old.abort();
                }
                load = Some(tokio::spawn(async move {
                    if let Err(error) = send_pages(&ops, &events, load_id, query).await {
                        tracing::warn!(load_id, error = %error.label(), "load failed");
                        let _ = events.send(ApiEvent::LoadFailed { load_id, error });
                    }
                }));
            }
            Command::LoadOthers { load_id, query } => {
                // Beside the list's load: only counted, never superseded.
                tokio::spawn(async move {
                    if let Err(error) = send_pages(&ops, &events, load_id, query).await {
                        tracing::warn!(load_id, error = %error.label(), "count of other statuses failed");
                    }
                });
            }
            Command::Update {
                id,
                terminal_id,
                expected,
            } => {
                // What the operator saw is what they confirmed replacing.
                let on = expected.map_or(OnExisting::Keep, OnExisting::ReplaceIf);
                tokio::spawn(async move {
                    let result = ops.update_terminal_id(&id, &terminal_id, on).await;
                    let _ = events.send(update(id, result));
                });
            }
            Command::Activate { id, held } => {
                tokio::spawn(async move {
                    let job = match held {
                        Some(r) if r.id == id => ActivateJob::held(r),
                        _ => ActivateJob::new(id.clone()),
                    };
                    let result = ops.activate_one(&job, None).await;
                    let _ = events.send(ApiEvent::Activated {
                        result: activation(&id, result),
                        id,
                        run_id: None,
                    });
                });
            }
            Command::BulkActivate {
                run_id,
                ids,
                held,
                concurrency,
            } => {
                let cancel = start_run(&mut runs, run_id);
                let jobs = jobs(&ids, held);
                tokio::spawn(bulk_activate(
                    ops,
                    events,
                    run_id,
                    jobs,
                    concurrency,
                    cancel,
                ));
            }
            Command::CancelBulk { run_id } => {
                if let Some(cancel) = runs.get(&run_id) {
                    cancel.cancel();
                }
            }
            // One task per command; the shared permits bound the lookups
            // across every page that asks.
            Command::FetchMerchants { ids } => merchants.fetch(ops, events, ids),
            Command::Export {
                path,
                format,
                requests,
                merchants,
                replace,
            } => {
                tokio::spawn(async move {
                    let count = requests.len();
                    let result =
                        export::write(path.clone(), format, requests, merchants, replace).await;
                    let _ = events.send(ApiEvent::Exported {
                        path,
                        count,
                        result,
                    });
                });
            }
            Command::PlanImport { path, query } => {
                tokio::spawn(async move {
                    let name = crate::app::shown_path(&path);
                    let (client, policy) = (ops.client(), ops.policy());
                    let result = crate::ops::plan_import(client, policy, &path, &name, query)
                        .await
                        .map_err(|e| e.to_string());
                    let _ = events.send(ApiEvent::ImportPlanned { path, result });
                });
            }
            Command::ImportApply {
                run_id,
                updates,
                concurrency,
            } => {
                let cancel = start_run(&mut runs, run_id);
                tokio::spawn(async move {
                    // The console's rows carry no file line; only the CLI prints it.
                    let rows = updates
                        .into_iter()
                        .map(|(id, terminal_id)| ImportUpdate {
                            line: 0,
                            id,
                            terminal_id,
                        })
                        .collect();
                    let summary = ops
                        .import_apply(
                            rows,
                            concurrency,
                            Order::AsFinished,
                            &cancel,
                            |row, result, unrecorded| {
                                let _ = events.send(ApiEvent::ImportRow {
                                    run_id,
                                    id: row.id.clone(),
                                    result: import_row(result, unrecorded),
                                });
                                ControlFlow::Continue(())
                            },
                        )
                        .await;
                    let _ = events.send(ApiEvent::ImportFinished {
                        run_id,
                        cancelled: summary.cancelled,
                    });
                });
            }
            Command::ReadLeft { ids, total } => {
                tokio::spawn(async move {
                    let reads = read_left(&ops, &ids).await;
                    let _ = events.send(ApiEvent::LeftRead { reads, total });
                });
            }
            // The event loop writes copies to the terminal; none reach here.
            Command::Copy { .. } => {}
            // `tui::custom` runs the config's commands; none reach here.
            Command::RunCustom { .. } => {}
        }
    }
    if let Some(old) = load.take() {
        old.abort();
    }
}

/// The requests that left the queue as they are now, through one run's
/// reads (a server that cannot read by id costs one search, not one per
/// id); `None` if any read fails, so the console never guesses why.
async fn read_left(ops: &Ops, ids: &[String]) -> Option<Vec<crate::api::IntegrationRequest>> {
    let reads = RunReads::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        match reads.read(ops.client(), ops.policy(), id).await {
            Ok(r) => out.push(r),
            Err(error) => {
                tracing::warn!(error = %error.label(), "could not read a request that left the queue");
                return None;
            }
        }
    }
    Some(out)
}

/// Every page of `query` as `ApiEvent::Page`s tagged with `load_id`, until
/// the last page, a failure, or the console going away.
async fn send_pages(
    ops: &Ops,
    events: &UnboundedSender<ApiEvent>,
    load_id: u64,
    query: crate::api::SearchQuery,
) -> Result<(), crate::api::ApiError> {
    crate::ops::for_each_page(
        ops.client(),
        ops.policy(),
        query,
        |items, done| match events.send(ApiEvent::Page {
            load_id,
            items,
            done,
        }) {
            Ok(()) => ControlFlow::Continue(()),
            Err(_) => ControlFlow::Break(()),
        },
    )
    .await
}

/// A canceller for a new run; those of finished runs are forgotten.
fn start_run(runs: &mut HashMap<u64, Cancel>, run_id: u64) -> Cancel {
    runs.retain(|_, cancel| cancel.is_shared());
    let cancel = Cancel::default();
    runs.insert(run_id, cancel.clone());
    cancel
}

/// The run's jobs in the order of `ids`, each with the console's copy when
/// it holds one.
fn jobs(ids: &[String], held: Vec<crate::api::IntegrationRequest>) -> Vec<ActivateJob> {
    let mut held: HashMap<String, _> = held.into_iter().map(|r| (r.id.clone(), r)).collect();
    ids.iter()
        .map(|id| match held.remove(id) {
            Some(r) => ActivateJob::held(r),
            None => ActivateJob::new(id.clone()),
        })
        .collect()
}

/// Activate `jobs` a few at a time, answering as each finishes. If nothing
/// could be sent (read-only, or the planned line could not be written),
/// every id fails with why.
async fn bulk_activate(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    run_id: u64,
    jobs: Vec<ActivateJob>,
    concurrency: usize,
    cancel: Cancel,
) {
    let ids: Vec<String> = jobs.iter().map(|j| j.id.clone()).collect();
    let progress = |event: RunEvent<'_>| {
        let event = match event {
            RunEvent::Sending { id } => ApiEvent::BulkStarted {
                run_id,
                id: id.to_string(),
            },
            RunEvent::Finished { id, result } => ApiEvent::Activated {
                id: id.to_string(),
                run_id: Some(run_id),
                result: activation(id, result.clone()),
            },
            // The console marks what never started when the run ends.
            RunEvent::Cancelled { .. } => return ControlFlow::Continue(()),
        };
        let _ = events.send(event);
        ControlFlow::Continue(())
    };
    let (start, order) = (RunStart::New, Order::AsFinished);
    let cancelled = match ops
        .activate_many(start, jobs, concurrency, order, &cancel, progress)
        .await
    {
        Ok(summary) => summary.cancelled,
        Err(e) => {
            for id in ids {
                let _ = events.send(ApiEvent::Activated {
                    result: activation(&id, Err(e.clone())),
                    id,
                    run_id: Some(run_id),
                });
            }
            false
        }
    };
    let _ = events.send(ApiEvent::BulkFinished { run_id, cancelled });
}

#[cfg(test)]
mod tests;
