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
use crate::audit::{self, AuditLog, Event};
use crate::export::{self, ExportFormat, Merchants};
use crate::import::{self, ImportPlan};
use crate::safety::ReadOnly;

use super::seen::{self, Current};

/// Merchant lookups in flight at once, across every page that asks.
const MERCHANT_CONCURRENCY: usize = 6;

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
    spawn_guarded(client, policy, audit, ReadOnly::default())
}

/// [`spawn`], refusing every change in read-only mode: the console never
/// asks for one then, and this makes sure none is sent if it did.
pub fn spawn_guarded(
    client: Client,
    policy: RetryPolicy,
    audit: Option<AuditLog>,
    read_only: ReadOnly,
) -> WorkerChannels {
    let (cmd_tx, cmd_rx) = unbounded_channel();
    let (evt_tx, evt_rx) = unbounded_channel();
    let task = tokio::spawn(run(client, policy, audit, read_only, cmd_rx, evt_tx));
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
    read_only: ReadOnly,
    mut commands: UnboundedReceiver<Command>,
    events: UnboundedSender<ApiEvent>,
) {
    let mut load: Option<JoinHandle<()>> = None;
    let mut runs: HashMap<u64, Arc<AtomicBool>> = HashMap::new();
    let merchant_slots = Arc::new(Semaphore::new(MERCHANT_CONCURRENCY));
    while let Some(command) = commands.recv().await {
        let command = if read_only.is_on() {
            match super::read_only::refuse_change(command, &events) {
                Some(c) => c,
                None => continue,
            }
        } else {
            command
        };
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
            Command::Update {
                id,
                terminal_id,
                expected,
            } => {
                let client = client.clone();
                let events = events.clone();
                let audit = audit.clone();
                tokio::spawn(async move {
                    let (new, seen) = (terminal_id.as_str(), expected.as_deref());
                    seen::update(&client, policy, audit.as_ref(), &events, id, new, seen).await;
                });
            }
            Command::Activate { id } => {
                let client = client.clone();
                let events = events.clone();
                let audit = audit.clone();
                tokio::spawn(async move {
                    let result =
                        audited_activation(&client, policy, audit.as_ref(), None, &id).await;
                    log_activation("activate", &id, &result);
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
            Command::FetchMerchants { ids } => {
                // One task per command holding a few lookups at a time; the
                // shared permits bound them across every page that asks.
                tokio::spawn(fetch_merchants(
                    client.clone(),
                    policy,
                    ids,
                    merchant_slots.clone(),
                    events.clone(),
                ));
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
                    audit.clone(),
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

/// Send a terminalId, then record the outcome before the UI hears of it.
pub(super) async fn audited_update(
    client: &Client,
    policy: RetryPolicy,
    audit: Option<&AuditLog>,
    id: &str,
    terminal_id: &str,
) -> Result<IntegrationRequest, ApiError> {
    let result = retry::update_terminal_id(client, policy, id, terminal_id).await;
    let entry = match &result {
        Ok(r) => Event::new(audit::Change::Update, audit::Outcome::Updated, Some(id))
            .merchant(Some(&r.merchant_id)),
        Err(e) => Event::new(audit::Change::Update, audit::Outcome::Failed, Some(id)).error(e),
    }
    .terminal(Some(terminal_id));
    // The change may have gone through while its line is missing: say so
    // rather than report plain success.
    record(audit, &entry)?;
    result
}

fn record(audit: Option<&AuditLog>, entry: &Event) -> Result<(), ApiError> {
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
) -> Result<Activation, ApiError> {
    record(audit, &Event::started(run, id))?;
    let activation = retry::activate(client, policy, id).await;
    record(audit, &Event::activation(run, id, &activation))?;
    Ok(match activation? {
        // The server's copy, when the confirming read could not get it.
        Activation::Confirmed(None) => Activation::Confirmed(
            retry::read(policy, || client.get(id))
                .await
                .ok()
                .filter(IntegrationRequest::is_active),
        ),
        a => a,
    })
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
        // The run's lock is held until it ends, so `--resume` elsewhere
        // leaves it alone.
        let planned = match self.audit.as_ref() {
            Some(log) => log
                .plan_run(&audit_run, &ids)
                .map(Some)
                .map_err(|e| ApiError::NotRecorded(e.to_string())),
            None => Ok(None),
        };
        let _lock = match planned {
            Ok(lock) => lock,
            Err(error) => {
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
        };
        let job = &self;
        let audit_run = audit_run.as_str();
        // Each future checks the flag when it starts, so after a cancel the
        // calls in flight finish and no new one begins.
        futures_util::stream::iter(ids)
            .map(|id| async move {
                if job.cancelled.load(Ordering::SeqCst) {
                    // Final in the log, so `--resume` does not undo a cancel.
                    let entry = Event::new(
                        audit::Change::Activate,
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
                log_activation("bulk activate", &id, &result);
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

async fn fetch_merchants(
    client: Client,
    policy: RetryPolicy,
    ids: Vec<String>,
    slots: Arc<Semaphore>,
    events: UnboundedSender<ApiEvent>,
) {
    let client = &client;
    let slots = &slots;
    let events = &events;
    futures_util::stream::iter(ids)
        .map(|merchant_id| async move {
            // Closed only if the worker is gone; then nobody listens.
            let Ok(_permit) = slots.acquire().await else {
                return;
            };
            let merchant = crate::api::merchants::fetch(client, policy, &merchant_id).await;
            let _ = events.send(ApiEvent::Merchant {
                merchant_id,
                merchant,
            });
        })
        .buffer_unordered(MERCHANT_CONCURRENCY)
        .for_each(|()| async {})
        .await;
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
#[allow(clippy::too_many_arguments)]
async fn import_apply(
    client: Client,
    policy: RetryPolicy,
    audit: Option<AuditLog>,
    run_id: u64,
    updates: Vec<(String, String)>,
    concurrency: usize,
    cancelled: Arc<AtomicBool>,
    events: UnboundedSender<ApiEvent>,
) {
    let client = &client;
    let audit = audit.as_ref();
    let events_ref = &events;
    let cancelled_ref = &cancelled;
    futures_util::stream::iter(updates)
        .map(|(id, terminal_id)| async move {
            if cancelled_ref.load(Ordering::SeqCst) {
                return;
            }
            let result = import_one(client, policy, audit, &id, &terminal_id).await;
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
    audit: Option<&AuditLog>,
    id: &str,
    terminal_id: &str,
) -> ImportRowResult {
    // The preview planned only requests without a terminalId.
    match seen::check(client, policy, id, terminal_id, None).await {
        Ok(Current::AsSeen) => {}
        Ok(Current::Already) => return ImportRowResult::Unchanged,
        Ok(Current::Changed(now)) => {
            let current = now.effective_terminal_id().unwrap_or_default();
            return ImportRowResult::SetMeanwhile(current.to_string());
        }
        Err(e) => return ImportRowResult::Failed(e),
    }
    let result = audited_update(client, policy, audit, id, terminal_id).await;
    log_outcome("import update", id, &result);
    match result {
        Ok(r) => ImportRowResult::Set(r),
        Err(e) => ImportRowResult::Failed(e),
    }
}

fn log_activation(action: &str, id: &str, result: &Result<Activation, ApiError>) {
    match result {
        Ok(a) => tracing::info!(action, id, outcome = a.label(), "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}

pub(super) fn log_outcome(action: &str, id: &str, result: &Result<IntegrationRequest, ApiError>) {
    match result {
        Ok(r) => tracing::info!(action, id, status = %r.status, "ok"),
        Err(e) => tracing::info!(action, id, error = %e.label(), "failed"),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::api::{IntegrationType, Secret, Status};
    use crate::app::fixtures;
    use crate::import::RowClass;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "intake-worker-{name}-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    async fn next(events: &mut UnboundedReceiver<ApiEvent>) -> ApiEvent {
        tokio::time::timeout(Duration::from_secs(20), events.recv())
            .await
            .expect("an answer in time")
            .expect("the worker is running")
    }

    fn known() -> Merchants {
        fixtures::merchants()
            .into_iter()
            .filter_map(|(id, m)| Some((id.to_string(), m?)))
            .collect()
    }

    #[tokio::test]
    async fn export_writes_csv_and_json_that_read_back() {
        // Exports never touch the network: any client will do.
        let client = Client::new("http://127.0.0.1:9", &Secret::new("k")).expect("client");
        let mut w = spawn(client, RetryPolicy::default(), None);
        let dir = scratch("export");
        let items = fixtures::requests();
        for (name, format) in [
            ("view.csv", ExportFormat::Csv),
            ("view.json", ExportFormat::Json),
        ] {
            let path = dir.join(name);
            w.commands
                .send(Command::Export {
                    path: path.clone(),
                    format,
                    requests: items.clone(),
                    merchants: known(),
                })
                .expect("send");
            match next(&mut w.events).await {
                ApiEvent::Exported {
                    path: p,
                    count,
                    result,
                } => {
                    assert_eq!(p, path);
                    assert_eq!(count, 8);
                    assert_eq!(result, Ok(()));
                }
                other => panic!("{other:?}"),
            }
            let bytes = std::fs::read(&path).expect("the file");
            match format {
                ExportFormat::Csv => {
                    let mut r = ::csv::Reader::from_reader(bytes.as_slice());
                    let rows: Vec<::csv::StringRecord> =
                        r.records().collect::<Result<_, _>>().expect("rows");
                    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
                    let want: Vec<&str> = items.iter().map(|r| r.id.as_str()).collect();
                    assert_eq!(ids, want, "in the order given");
                    assert_eq!(&rows[0][10], "Kowhai Coffee House");
                    assert_eq!(&rows[0][11], "false");
                    assert_eq!(&rows[1][10], "Cafe Aroha");
                    assert_eq!(&rows[1][11], "true");
                    // REQ5active's merchant is one the key cannot see.
                    assert_eq!(&rows[4][3], "60a848820346ce068b21ea85");
                    assert_eq!(&rows[4][10], "");
                }
                ExportFormat::Json => {
                    let back: Vec<IntegrationRequest> =
                        serde_json::from_slice(&bytes).expect("requests");
                    assert_eq!(back, items);
                    let raw: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                    assert_eq!(raw[1]["merchantName"], "Cafe Aroha");
                    assert_eq!(raw[1]["merchantTest"], true);
                    assert!(raw[4].get("merchantName").is_none());
                }
            }
        }
        // A folder that does not exist: a sentence, and no file.
        let path = dir.join("missing").join("view.csv");
        w.commands
            .send(Command::Export {
                path: path.clone(),
                format: ExportFormat::Csv,
                requests: items,
                merchants: known(),
            })
            .expect("send");
        match next(&mut w.events).await {
            ApiEvent::Exported { result, .. } => {
                let e = result.expect_err("cannot write there");
                assert!(e.starts_with("Could not export to "), "{e}");
                assert!(
                    e.ends_with("check that the folder exists and is writable."),
                    "{e}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(!path.exists());
        let _ = std::fs::remove_dir_all(&dir);
        w.task.abort();
    }

    async fn sim() -> (crate::sim::SimHandle, Client) {
        let handle = crate::sim::start_local(crate::sim::SimConfig::default())
            .await
            .expect("simulator starts");
        let client =
            Client::new(&handle.base_url(), &Secret::new(handle.api_key())).expect("client");
        (handle, client)
    }

    #[tokio::test]
    async fn merchants_are_looked_up_and_unknown_ones_answer_none() {
        let (handle, client) = sim().await;
        let mut w = spawn(client, RetryPolicy::default(), None);
        let known: Vec<crate::api::Merchant> = handle.merchants().into_iter().take(5).collect();
        let mut ids: Vec<String> = known.iter().map(|m| m.id.clone()).collect();
        ids.push("nosuchmerchant".into());
        w.commands
            .send(Command::FetchMerchants { ids: ids.clone() })
            .expect("send");
        let mut got = HashMap::new();
        for _ in 0..ids.len() {
            match next(&mut w.events).await {
                ApiEvent::Merchant {
                    merchant_id,
                    merchant,
                } => {
                    got.insert(merchant_id, merchant);
                }
                other => panic!("{other:?}"),
            }
        }
        for m in &known {
            assert_eq!(got.get(&m.id), Some(&Some(m.clone())));
        }
        assert_eq!(got.get("nosuchmerchant"), Some(&None));
        w.task.abort();
        handle.shutdown().await;
    }

    #[tokio::test]
    async fn import_plans_against_the_server_sets_once_then_is_unchanged() {
        let (handle, client) = sim().await;
        let audit_path = scratch("import-audit").join("audit.jsonl");
        let log = AuditLog::open_at(&audit_path, "test", &handle.base_url()).expect("audit log");
        let mut w = spawn(client, RetryPolicy::default(), Some(log));
        let target = handle
            .requests()
            .into_iter()
            .find(|r| {
                r.kind == IntegrationType::Epay
                    && r.status == Status::Pending
                    && r.effective_terminal_id().is_none()
            })
            .expect("an ePay request without a terminalId");
        let dir = scratch("import");
        let path = dir.join("terminals.csv");
        std::fs::write(
            &path,
            format!("id,terminalId\n{},11000077\nnosuchrequest,1\n", target.id),
        )
        .expect("write");
        let plan_once = |w: &mut WorkerChannels| {
            w.commands
                .send(Command::PlanImport {
                    path: path.clone(),
                    query: SearchQuery::default(),
                })
                .expect("send");
        };
        plan_once(&mut w);
        let plan = match next(&mut w.events).await {
            ApiEvent::ImportPlanned { path: p, result } => {
                assert_eq!(p, path);
                result.expect("a plan")
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(plan.count(RowClass::WillSet), 1);
        assert_eq!(plan.count(RowClass::UnknownRequest), 1);
        let updates: Vec<(String, String)> = plan
            .updates()
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        w.commands
            .send(Command::ImportApply {
                run_id: 7,
                updates: updates.clone(),
                concurrency: 4,
            })
            .expect("send");
        match next(&mut w.events).await {
            ApiEvent::ImportRow { run_id, id, result } => {
                assert_eq!((run_id, id.as_str()), (7, target.id.as_str()));
                assert!(
                    matches!(&result, ImportRowResult::Set(r) if r.effective_terminal_id() == Some("11000077")),
                    "{result:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            next(&mut w.events).await,
            ApiEvent::ImportFinished {
                run_id: 7,
                cancelled: false
            }
        ));
        assert_eq!(
            handle
                .get(&target.id)
                .and_then(|r| r.effective_terminal_id().map(str::to_string)),
            Some("11000077".to_string())
        );
        // The update is in the audit log with its terminalId.
        let (records, _) = audit::read_all(&audit_path).expect("audit readable");
        let updates: Vec<_> = records
            .iter()
            .filter(|r| r.outcome == audit::Outcome::Updated)
            .collect();
        assert_eq!(updates.len(), 1);
        assert_eq!(updates[0].id.as_deref(), Some(target.id.as_str()));
        assert_eq!(updates[0].terminal_id.as_deref(), Some("11000077"));
        // The same file again: unchanged, and a stale apply overwrites nothing.
        plan_once(&mut w);
        match next(&mut w.events).await {
            ApiEvent::ImportPlanned { result, .. } => {
                let plan = result.expect("a plan");
                assert_eq!(plan.count(RowClass::WillSet), 0);
                assert_eq!(plan.count(RowClass::Unchanged), 1);
            }
            other => panic!("{other:?}"),
        }
        let stale = vec![(target.id.clone(), "11000088".to_string())];
        w.commands
            .send(Command::ImportApply {
                run_id: 8,
                updates: stale,
                concurrency: 1,
            })
            .expect("send");
        match next(&mut w.events).await {
            ApiEvent::ImportRow { result, .. } => {
                assert_eq!(result, ImportRowResult::SetMeanwhile("11000077".into()));
            }
            other => panic!("{other:?}"),
        }
        // A file that is not there: a sentence.
        w.commands
            .send(Command::PlanImport {
                path: dir.join("nope.csv"),
                query: SearchQuery::default(),
            })
            .expect("send");
        loop {
            match next(&mut w.events).await {
                ApiEvent::ImportFinished { .. } => continue,
                ApiEvent::ImportPlanned { result, .. } => {
                    let e = result.expect_err("no such file");
                    assert!(e.starts_with("Could not open "), "{e}");
                    break;
                }
                other => panic!("{other:?}"),
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        w.task.abort();
        handle.shutdown().await;
    }
}
