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
use crate::audit::{self, AuditLog, Entry};

/// The UI's ends of the worker's channels.
pub struct WorkerChannels {
    pub commands: UnboundedSender<Command>,
    pub events: UnboundedReceiver<ApiEvent>,
    pub task: JoinHandle<()>,
}

/// Start the worker on the current runtime. With an audit log, every
/// mutation is recorded (and flushed) before it is sent and before its
/// result reaches the UI.
pub fn spawn(client: Client, policy: RetryPolicy, audit: Option<AuditLog>) -> WorkerChannels {
    let (cmd_tx, cmd_rx) = unbounded_channel();
    let (evt_tx, evt_rx) = unbounded_channel();
    let task = tokio::spawn(run(client, policy, audit, cmd_rx, evt_tx));
    WorkerChannels {
        commands: cmd_tx,
        events: evt_rx,
        task,
    }
}

async fn run(
    client: Client,
    policy: RetryPolicy,
    audit: Option<AuditLog>,
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
                let audit = audit.clone();
                tokio::spawn(async move {
                    let mut result =
                        retry::update_terminal_id(&client, policy, &id, &terminal_id).await;
                    let entry = match &result {
                        Ok(r) => {
                            Entry::new(audit::Action::Update, audit::Outcome::Updated, Some(&id))
                                .merchant(Some(&r.merchant_id))
                        }
                        Err(e) => {
                            Entry::new(audit::Action::Update, audit::Outcome::Failed, Some(&id))
                                .error(e)
                        }
                    }
                    .terminal(Some(&terminal_id));
                    if let Err(e) = record(audit.as_ref(), &entry) {
                        // The change may have gone through but its line is
                        // missing: say so rather than report plain success.
                        result = Err(e);
                    }
                    log_outcome("update", &id, &result);
                    let _ = events.send(ApiEvent::Updated { id, result });
                });
            }
            Command::Activate { id } => {
                let client = client.clone();
                let events = events.clone();
                let audit = audit.clone();
                tokio::spawn(async move {
                    let result =
                        audited_activation(&client, policy, audit.as_ref(), None, &id).await;
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
                let run = BulkJob {
                    client: client.clone(),
                    policy,
                    audit: audit.clone(),
                    run_id,
                    cancelled,
                    events: events.clone(),
                };
                tokio::spawn(run.execute(ids, concurrency));
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

fn record(audit: Option<&AuditLog>, entry: &Entry) -> Result<(), ApiError> {
    match audit {
        Some(log) => log
            .record(entry)
            .map(|_| ())
            .map_err(|e| ApiError::NotRecorded(e.to_string())),
        None => Ok(()),
    }
}

/// Record, send, record: the `started` line is on disk before the call, so
/// an interrupted run can be finished with `intake activate --resume`.
async fn audited_activation(
    client: &Client,
    policy: RetryPolicy,
    audit: Option<&AuditLog>,
    run: Option<&str>,
    id: &str,
) -> Result<IntegrationRequest, ApiError> {
    record(audit, &Entry::started(run, id))?;
    let activation = retry::activate(client, policy, id).await;
    record(audit, &Entry::activation(run, id, &activation))?;
    match activation {
        Ok(Activation::Activated(r)) | Ok(Activation::Confirmed(Some(r))) => Ok(r),
        Ok(Activation::Confirmed(None)) => retry::read(policy, || client.get(id)).await,
        // "Someone else activated it first" stays the documented error.
        Ok(Activation::AlreadyActive) => Err(ApiError::AlreadyActivated),
        Err(e) => Err(e),
    }
}

struct BulkJob {
    client: Client,
    policy: RetryPolicy,
    audit: Option<AuditLog>,
    run_id: u64,
    cancelled: Arc<AtomicBool>,
    events: UnboundedSender<ApiEvent>,
}

impl BulkJob {
    async fn execute(self, ids: Vec<String>, concurrency: usize) {
        let run_id = self.run_id;
        // The audit log's run id ties the lines of this run together for
        // `intake activate --resume`.
        let audit_run = audit::new_run_id();
        if let Err(error) = record(self.audit.as_ref(), &Entry::planned(&audit_run, &ids)) {
            // Nothing may be sent unrecorded: every request fails with why.
            for id in ids {
                let _ = self.events.send(ApiEvent::Activated {
                    id,
                    run_id: Some(run_id),
                    result: Err(error.clone()),
                });
            }
            let _ = self.events.send(ApiEvent::BulkFinished {
                run_id,
                cancelled: false,
            });
            return;
        }
        let job = &self;
        let audit_run = audit_run.as_str();
        // Each future checks the flag when it starts, so after a cancel the
        // calls in flight finish and no new one begins.
        futures_util::stream::iter(ids)
            .map(|id| async move {
                if job.cancelled.load(Ordering::SeqCst) {
                    // Final in the log, so `--resume` does not undo a cancel.
                    let entry = Entry::new(
                        audit::Action::Activate,
                        audit::Outcome::Cancelled,
                        Some(&id),
                    )
                    .run(Some(audit_run));
                    if let Err(e) = record(job.audit.as_ref(), &entry) {
                        tracing::warn!(id, error = %e, "could not record a cancelled activation");
                    }
                    return;
                }
                let _ = job.events.send(ApiEvent::BulkStarted {
                    run_id,
                    id: id.clone(),
                });
                let result = audited_activation(
                    &job.client,
                    job.policy,
                    job.audit.as_ref(),
                    Some(audit_run),
                    &id,
                )
                .await;
                log_outcome("bulk activate", &id, &result);
                let _ = job.events.send(ApiEvent::Activated {
                    id,
                    run_id: Some(run_id),
                    result,
                });
            })
            .buffer_unordered(concurrency.max(1))
            .for_each(|()| async {})
            .await;
        let _ = self.events.send(ApiEvent::BulkFinished {
            run_id,
            cancelled: self.cancelled.load(Ordering::SeqCst),
        });
    }
}

fn log_outcome(action: &str, id: &str, result: &Result<IntegrationRequest, ApiError>) {
    match result {
        Ok(r) => tracing::info!(action, id, status = %r.status, "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}
