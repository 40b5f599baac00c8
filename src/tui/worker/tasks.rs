//! One task per command kind: each takes its own clones of ops and the
//! event channel, so a slow call never holds up the worker's loop.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use crate::api::Merchants;
use crate::api::{ApiError, IntegrationRequest, SearchQuery};
use crate::app::ApiEvent;
use crate::export::{self, ExportFormat};
use crate::ops::{
    ActivateJob, Cancel, Done, ImportUpdate, OnExisting, Ops, Order, RunEvent, RunReads, RunStart,
};

use super::answers;

/// The list's load: every page, or why it stopped.
pub(super) async fn load(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    load_id: u64,
    query: SearchQuery,
) {
    if let Err(error) = send_pages(&ops, &events, load_id, query).await {
        tracing::warn!(load_id, error = %error.label(), "load failed");
        let _ = events.send(ApiEvent::LoadFailed { load_id, error });
    }
}

/// Beside the list's load: only counted, never superseded, so a failure is
/// logged and not answered.
pub(super) async fn load_others(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    load_id: u64,
    query: SearchQuery,
) {
    if let Err(error) = send_pages(&ops, &events, load_id, query).await {
        tracing::warn!(load_id, error = %error.label(), "count of other statuses failed");
    }
}

pub(super) async fn update(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    id: String,
    terminal_id: String,
    expected: Option<String>,
) {
    // What the operator saw is what they confirmed replacing.
    let on = expected.map_or(OnExisting::Keep, OnExisting::ReplaceIf);
    let result = ops.update_terminal_id(&id, &terminal_id, on).await;
    answers::update(&id, &result);
    let _ = events.send(ApiEvent::Updated { id, result });
}

pub(super) async fn activate(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    id: String,
    held: Option<IntegrationRequest>,
) {
    let job = match held {
        Some(r) if r.id == id => ActivateJob::held(r),
        _ => ActivateJob::new(id.clone()),
    };
    let result = ops.activate_one(&job, None).await;
    answers::activation(&id, &result);
    let _ = events.send(ApiEvent::Activated {
        id,
        run_id: None,
        result,
    });
}

pub(super) async fn export(
    events: UnboundedSender<ApiEvent>,
    path: PathBuf,
    format: ExportFormat,
    requests: Vec<IntegrationRequest>,
    merchants: Merchants,
    replace: bool,
) {
    let count = requests.len();
    let result = export::write(path.clone(), format, requests, merchants, replace).await;
    let _ = events.send(ApiEvent::Exported {
        path,
        count,
        result,
    });
}

pub(super) async fn plan_import(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    path: PathBuf,
    query: SearchQuery,
) {
    let name = crate::app::shown_path(&path);
    let (client, policy) = (ops.client(), ops.policy());
    let result = crate::ops::plan_import(client, policy, &path, &name, query).await;
    let _ = events.send(ApiEvent::ImportPlanned { path, result });
}

pub(super) async fn import_apply(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    run_id: u64,
    updates: Vec<(String, String)>,
    concurrency: usize,
    cancel: Cancel,
) {
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
            |row, value, unrecorded| {
                let _ = events.send(ApiEvent::ImportRow {
                    run_id,
                    id: row.id.clone(),
                    result: Done { value, unrecorded },
                });
                ControlFlow::Continue(())
            },
        )
        .await;
    let _ = events.send(ApiEvent::ImportFinished {
        run_id,
        cancelled: summary.cancelled,
    });
}

pub(super) async fn read_left(
    ops: Ops,
    events: UnboundedSender<ApiEvent>,
    ids: Vec<String>,
    total: usize,
) {
    let reads = read_each(&ops, &ids).await;
    let _ = events.send(ApiEvent::LeftRead { reads, total });
}

/// The requests that left the queue as they are now, through one run's
/// reads (a server that cannot read by id costs one search, not one per
/// id); the first failure ends it, so the console never guesses why.
async fn read_each(ops: &Ops, ids: &[String]) -> Result<Vec<IntegrationRequest>, ApiError> {
    let reads = RunReads::new();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let r = reads.read(ops.client(), ops.policy(), id).await;
        if let Err(error) = &r {
            tracing::warn!(error = %error.label(), "could not read a request that left the queue");
        }
        out.push(r?);
    }
    Ok(out)
}

/// Every page of `query` as `ApiEvent::Page`s tagged with `load_id`, until
/// the last page, a failure, or the console going away.
async fn send_pages(
    ops: &Ops,
    events: &UnboundedSender<ApiEvent>,
    load_id: u64,
    query: SearchQuery,
) -> Result<(), ApiError> {
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

/// The run's jobs in the order of `ids`, each with the console's copy when
/// it holds one.
pub(super) fn jobs(ids: &[String], held: Vec<IntegrationRequest>) -> Vec<ActivateJob> {
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
pub(super) async fn bulk_activate(
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
            RunEvent::Finished { id, result } => {
                answers::activation(id, result);
                ApiEvent::Activated {
                    id: id.to_string(),
                    run_id: Some(run_id),
                    result: result.clone(),
                }
            }
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
                let result = Err(e.clone());
                answers::activation(&id, &result);
                let _ = events.send(ApiEvent::Activated {
                    id,
                    run_id: Some(run_id),
                    result,
                });
            }
            false
        }
    };
    let _ = events.send(ApiEvent::BulkFinished { run_id, cancelled });
}
