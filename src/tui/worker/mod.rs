//! The API worker: the one task that talks to the network for the console.
//! It takes its calls from the UI, hands each to the audited core
//! ([`crate::ops`]) and answers with events tagged by request or run id; the
//! UI never awaits a network call. Every rule (read before writing, never
//! replace silently, record before and after sending, read-only) is in ops.

mod answers;
mod names;
mod tasks;

use std::collections::HashMap;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use crate::app::{ApiEvent, WorkerCall};
use crate::ops::{Cancel, Ops};

pub use names::Names;

/// The UI's ends of the worker's channels.
pub struct WorkerChannels {
    pub commands: UnboundedSender<WorkerCall>,
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
    mut commands: UnboundedReceiver<WorkerCall>,
    events: UnboundedSender<ApiEvent>,
) {
    let mut load: Option<JoinHandle<()>> = None;
    let mut runs: HashMap<u64, Cancel> = HashMap::new();
    while let Some(command) = commands.recv().await {
        let (ops, events) = (ops.clone(), events.clone());
        match command {
            WorkerCall::Load { load_id, query } => {
                // A newer load supersedes the old one; its pages would be stale.
                if let Some(old) = load.take() {
                    old.abort();
                }
                load = Some(tokio::spawn(tasks::load(ops, events, load_id, query)));
            }
            WorkerCall::LoadOthers { load_id, query } => {
                tokio::spawn(tasks::load_others(ops, events, load_id, query));
            }
            WorkerCall::Update {
                id,
                terminal_id,
                expected,
            } => {
                tokio::spawn(tasks::update(ops, events, id, terminal_id, expected));
            }
            WorkerCall::Activate { id, held } => {
                tokio::spawn(tasks::activate(ops, events, id, held));
            }
            WorkerCall::BulkActivate {
                run_id,
                ids,
                held,
                concurrency,
            } => {
                let cancel = start_run(&mut runs, run_id);
                let jobs = tasks::jobs(&ids, held);
                let run = tasks::bulk_activate(ops, events, run_id, jobs, concurrency, cancel);
                tokio::spawn(run);
            }
            WorkerCall::CancelBulk { run_id } => {
                if let Some(cancel) = runs.get(&run_id) {
                    cancel.cancel();
                }
            }
            // One task per command; the shared permits bound the lookups
            // across every page that asks.
            WorkerCall::FetchMerchants { ids } => merchants.fetch(ops, events, ids),
            WorkerCall::Export {
                path,
                format,
                requests,
                merchants,
                replace,
            } => {
                let write = tasks::export(events, path, format, requests, merchants, replace);
                tokio::spawn(write);
            }
            WorkerCall::PlanImport { path, query } => {
                tokio::spawn(tasks::plan_import(ops, events, path, query));
            }
            WorkerCall::ImportApply {
                run_id,
                updates,
                concurrency,
            } => {
                let cancel = start_run(&mut runs, run_id);
                let run = tasks::import_apply(ops, events, run_id, updates, concurrency, cancel);
                tokio::spawn(run);
            }
            WorkerCall::ReadLeft { ids, total } => {
                tokio::spawn(tasks::read_left(ops, events, ids, total));
            }
        }
    }
    if let Some(old) = load.take() {
        old.abort();
    }
}

/// A canceller for a new run; those of finished runs are forgotten.
fn start_run(runs: &mut HashMap<u64, Cancel>, run_id: u64) -> Cancel {
    runs.retain(|_, cancel| cancel.is_shared());
    let cancel = Cancel::default();
    runs.insert(run_id, cancel.clone());
    cancel
}

#[cfg(test)]
mod tests;
