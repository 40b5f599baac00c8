//! The API worker: the one task that talks to the network for the console.
//! It takes commands from the UI and answers with events tagged by request
//! id; the UI never awaits a network call.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::StreamExt;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::task::JoinHandle;

use crate::api::retry::{self, Activation, RetryPolicy};
use crate::api::{ApiError, Client, IntegrationRequest};
use crate::app::{ApiEvent, Command};

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

fn log_outcome(action: &str, id: &str, result: &Result<IntegrationRequest, ApiError>) {
    match result {
        Ok(r) => tracing::info!(action, id, status = %r.status, "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}
