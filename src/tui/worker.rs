//! The API worker: the one task that talks to the network for the console.
//! It takes commands from the UI and answers with events tagged by request
//! id; the UI never awaits a network call.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::StreamExt;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use tokio::sync::Semaphore;

use crate::api::retry::{self, Activation, RetryPolicy};
use crate::api::{ApiError, Client, IntegrationRequest, SearchQuery};
use crate::app::{ApiEvent, Command, ImportRowResult};
use crate::export::{self, ExportFormat, Merchants};
use crate::import::{self, ImportPlan};

/// Merchant lookups in flight at once, across every page that asks.
const MERCHANT_CONCURRENCY: usize = 6;

/// The UI's ends of the worker's channels.
pub struct WorkerChannels {
    pub commands: UnboundedSender<Command>,
    pub events: UnboundedReceiver<ApiEvent>,
    pub task: JoinHandle<()>,
}

/// Start the worker on the current runtime.
pub fn spawn(client: Client, policy: RetryPolicy) -> WorkerChannels {
    let (cmd_tx, cmd_rx) = unbounded_channel();
    let (evt_tx, evt_rx) = unbounded_channel();
    let task = tokio::spawn(run(client, policy, cmd_rx, evt_tx));
    WorkerChannels {
        commands: cmd_tx,
        events: evt_rx,
        task,
    }
}

async fn run(
    client: Client,
    policy: RetryPolicy,
    mut commands: UnboundedReceiver<Command>,
    events: UnboundedSender<ApiEvent>,
) {
    let mut load: Option<JoinHandle<()>> = None;
    let mut runs: HashMap<u64, Arc<AtomicBool>> = HashMap::new();
    let merchant_slots = Arc::new(Semaphore::new(MERCHANT_CONCURRENCY));
    while let Some(command) = commands.recv().await {
        match command {
            Command::Load { load_id, query } => {
                // A newer load supersedes the old one; its pages would be stale.
                if let Some(old) = load.take() {
                    old.abort();
                }
                let client = client.clone();
                let events = events.clone();
                load = Some(tokio::spawn(async move {
                    let mut pages = client.search_pages(query);
                    loop {
                        match retry::next_page(&mut pages, policy).await {
                            Ok(Some(items)) => {
                                let done = pages.is_done();
                                if events
                                    .send(ApiEvent::Page {
                                        load_id,
                                        items,
                                        done,
                                    })
                                    .is_err()
                                    || done
                                {
                                    return;
                                }
                            }
                            Ok(None) => {
                                let _ = events.send(ApiEvent::Page {
                                    load_id,
                                    items: Vec::new(),
                                    done: true,
                                });
                                return;
                            }
                            Err(error) => {
                                tracing::warn!(load_id, error = %error.label(), "load failed");
                                let _ = events.send(ApiEvent::LoadFailed { load_id, error });
                                return;
                            }
                        }
                    }
                }));
            }
            Command::Update { id, terminal_id } => {
                let client = client.clone();
                let events = events.clone();
                tokio::spawn(async move {
                    let result =
                        retry::update_terminal_id(&client, policy, &id, &terminal_id).await;
                    log_outcome("update", &id, &result);
                    let _ = events.send(ApiEvent::Updated { id, result });
                });
            }
            Command::Activate { id } => {
                let client = client.clone();
                let events = events.clone();
                tokio::spawn(async move {
                    let result = activation_result(&client, policy, &id).await;
                    log_outcome("activate", &id, &result);
                    let _ = events.send(ApiEvent::Activated {
                        id,
                        run_id: None,
                        result,
                    });
                });
            }
            Command::BulkActivate {
                run_id,
                ids,
                concurrency,
            } => {
                let cancelled = Arc::new(AtomicBool::new(false));
                runs.retain(|_, flag| Arc::strong_count(flag) > 1);
                runs.insert(run_id, cancelled.clone());
                tokio::spawn(bulk(
                    client.clone(),
                    policy,
                    run_id,
                    ids,
                    concurrency,
                    cancelled,
                    events.clone(),
                ));
            }
            Command::CancelBulk { run_id } => {
                if let Some(flag) = runs.get(&run_id) {
                    flag.store(true, Ordering::SeqCst);
                }
            }
            Command::FetchMerchants { ids } => {
                for merchant_id in ids {
                    let client = client.clone();
                    let events = events.clone();
                    let slots = merchant_slots.clone();
                    tokio::spawn(async move {
                        // Closed only if the worker is gone; then nobody listens.
                        let Ok(_permit) = slots.acquire_owned().await else {
                            return;
                        };
                        let merchant = fetch_merchant(&client, policy, &merchant_id).await;
                        let _ = events.send(ApiEvent::Merchant {
                            merchant_id,
                            merchant,
                        });
                    });
                }
            }
            Command::Export {
                path,
                format,
                requests,
                merchants,
            } => {
                let events = events.clone();
                tokio::spawn(async move {
                    let count = requests.len();
                    let result = write_export(path.clone(), format, requests, merchants).await;
                    let _ = events.send(ApiEvent::Exported {
                        path,
                        count,
                        result,
                    });
                });
            }
            Command::PlanImport { path, query } => {
                let client = client.clone();
                let events = events.clone();
                tokio::spawn(async move {
                    let result = plan_import(&client, policy, &path, query).await;
                    let _ = events.send(ApiEvent::ImportPlanned { path, result });
                });
            }
            Command::ImportApply {
                run_id,
                updates,
                concurrency,
            } => {
                let cancelled = Arc::new(AtomicBool::new(false));
                runs.retain(|_, flag| Arc::strong_count(flag) > 1);
                runs.insert(run_id, cancelled.clone());
                tokio::spawn(import_apply(
                    client.clone(),
                    policy,
                    run_id,
                    updates,
                    concurrency,
                    cancelled,
                    events.clone(),
                ));
            }
        }
    }
    if let Some(old) = load.take() {
        old.abort();
    }
}

/// An activation as the UI sees it: success carries the updated request;
/// "someone else activated it first" stays the documented error.
async fn activation_result(
    client: &Client,
    policy: RetryPolicy,
    id: &str,
) -> Result<IntegrationRequest, ApiError> {
    match retry::activate(client, policy, id).await {
        Ok(Activation::Activated(r)) | Ok(Activation::Confirmed(Some(r))) => Ok(r),
        Ok(Activation::Confirmed(None)) => retry::read(policy, || client.get(id)).await,
        Ok(Activation::AlreadyActive) => Err(ApiError::AlreadyActivated),
        Err(e) => Err(e),
    }
}

async fn bulk(
    client: Client,
    policy: RetryPolicy,
    run_id: u64,
    ids: Vec<String>,
    concurrency: usize,
    cancelled: Arc<AtomicBool>,
    events: UnboundedSender<ApiEvent>,
) {
    let client = &client;
    let events_ref = &events;
    let cancelled_ref = &cancelled;
    // Each future checks the flag when it starts, so after a cancel the calls
    // in flight finish and no new one begins.
    futures_util::stream::iter(ids)
        .map(|id| async move {
            if cancelled_ref.load(Ordering::SeqCst) {
                return;
            }
            let _ = events_ref.send(ApiEvent::BulkStarted {
                run_id,
                id: id.clone(),
            });
            let result = activation_result(client, policy, &id).await;
            log_outcome("bulk activate", &id, &result);
            let _ = events_ref.send(ApiEvent::Activated {
                id,
                run_id: Some(run_id),
                result,
            });
        })
        .buffer_unordered(concurrency.max(1))
        .for_each(|()| async {})
        .await;
    let _ = events.send(ApiEvent::BulkFinished {
        run_id,
        cancelled: cancelled.load(Ordering::SeqCst),
    });
}

/// A merchant's details, or `None` when the key cannot see it (or the
/// lookup failed after its retries): the console then shows the id alone.
async fn fetch_merchant(
    client: &Client,
    policy: RetryPolicy,
    merchant_id: &str,
) -> Option<crate::api::Merchant> {
    match retry::read(policy, || client.merchant(merchant_id)).await {
        Ok(m) => Some(m),
        Err(e) => {
            crate::api::merchants::log_miss(merchant_id, &e);
            None
        }
    }
}

/// Write an export off the async threads; a failure is a sentence.
pub async fn write_export(
    path: PathBuf,
    format: ExportFormat,
    requests: Vec<IntegrationRequest>,
    merchants: Merchants,
) -> Result<(), String> {
    let shown = crate::app::shown_path(&path);
    let written =
        tokio::task::spawn_blocking(move || export::to_file(&path, format, &requests, &merchants))
            .await;
    match written {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!(
            "Could not export to {shown} ({e}); check that the folder exists and is writable."
        )),
        Err(e) => Err(format!(
            "Could not export to {shown}: the writer stopped ({e})."
        )),
    }
}

/// Read the file, fetch every request the account has (all statuses), and
/// plan the import, as `intake import` does. Errors are sentences.
async fn plan_import(
    client: &Client,
    policy: RetryPolicy,
    path: &Path,
    query: SearchQuery,
) -> Result<ImportPlan, String> {
    let name = crate::app::shown_path(path);
    let file_path = path.to_path_buf();
    let read_name = name.clone();
    let rows = tokio::task::spawn_blocking(move || {
        let file = std::fs::File::open(&file_path).map_err(|e| {
            format!(
                "Could not open {read_name} ({e}); check the path and that the file is readable."
            )
        })?;
        import::read_rows(&read_name, file)
    })
    .await
    .map_err(|e| format!("Could not read {name}: the reader stopped ({e})."))??;
    let mut pages = client.search_pages(query);
    let mut current = Vec::new();
    loop {
        match retry::next_page(&mut pages, policy).await {
            Ok(Some(batch)) => current.extend(batch),
            Ok(None) => break,
            Err(e) => {
                return Err(format!(
                    "Could not fetch the current integration requests to plan {name}. {e}"
                ));
            }
        }
    }
    Ok(import::plan(&rows, &current))
}

/// Set each terminalId a few at a time. Each request is read first: one
/// that got a terminalId since the preview is never overwritten.
async fn import_apply(
    client: Client,
    policy: RetryPolicy,
    run_id: u64,
    updates: Vec<(String, String)>,
    concurrency: usize,
    cancelled: Arc<AtomicBool>,
    events: UnboundedSender<ApiEvent>,
) {
    let client = &client;
    let events_ref = &events;
    let cancelled_ref = &cancelled;
    futures_util::stream::iter(updates)
        .map(|(id, terminal_id)| async move {
            if cancelled_ref.load(Ordering::SeqCst) {
                return;
            }
            let result = import_one(client, policy, &id, &terminal_id).await;
            let _ = events_ref.send(ApiEvent::ImportRow { run_id, id, result });
        })
        .buffer_unordered(concurrency.max(1))
        .for_each(|()| async {})
        .await;
    let _ = events.send(ApiEvent::ImportFinished {
        run_id,
        cancelled: cancelled.load(Ordering::SeqCst),
    });
}

async fn import_one(
    client: &Client,
    policy: RetryPolicy,
    id: &str,
    terminal_id: &str,
) -> ImportRowResult {
    let now = match retry::read(policy, || client.get(id)).await {
        Ok(r) => r,
        Err(e) => return ImportRowResult::Failed(e),
    };
    match now.effective_terminal_id() {
        Some(c) if c == terminal_id => return ImportRowResult::Unchanged,
        Some(c) => return ImportRowResult::SetMeanwhile(c.to_string()),
        None => {}
    }
    let result = retry::update_terminal_id(client, policy, id, terminal_id).await;
    log_outcome("import update", id, &result);
    match result {
        Ok(r) => ImportRowResult::Set(r),
        Err(e) => ImportRowResult::Failed(e),
    }
}

fn log_outcome(action: &str, id: &str, result: &Result<IntegrationRequest, ApiError>) {
    match result {
        Ok(r) => tracing::info!(action, id, status = %r.status, "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}
