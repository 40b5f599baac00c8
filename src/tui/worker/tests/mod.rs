use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedReceiver;

use super::*;
use crate::api::Merchants;
use crate::api::retry::RetryPolicy;
use crate::api::{Client, IntegrationRequest, IntegrationType, SearchQuery, Secret, Status};
use crate::app::{ImportRowResult, fixtures};
use crate::audit::{self, AuditLog};
use crate::export::ExportFormat;
use crate::import::RowClass;
use crate::ops::ChangeGuard;

mod held;
mod left;
mod names;
mod others;
mod seen;

/// A worker recording in `log`, as the console's is.
pub(super) fn audited(client: Client, log: AuditLog) -> WorkerChannels {
    spawn(Ops::new(
        client,
        RetryPolicy::default(),
        log,
        ChangeGuard::default(),
    ))
}

pub(super) fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "intake-worker-{name}-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

pub(super) async fn next(events: &mut UnboundedReceiver<ApiEvent>) -> ApiEvent {
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
    let mut w = spawn(Ops::unaudited(client, RetryPolicy::default()));
    let dir = scratch("export");
    let items = fixtures::requests();
    for (name, format) in [
        ("view.csv", ExportFormat::Csv),
        ("view.json", ExportFormat::Json),
    ] {
        let path = dir.join(name);
        export(&w, &path, format, items.clone());
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
            ExportFormat::Csv => csv_reads_back(&bytes, &items),
            ExportFormat::Json => json_reads_back(&bytes, &items),
        }
    }
    // A folder that does not exist: a sentence, and no file.
    let path = dir.join("missing").join("view.csv");
    export(&w, &path, ExportFormat::Csv, items);
    match next(&mut w.events).await {
        ApiEvent::Exported { result, .. } => {
            let e = result.expect_err("cannot write there").to_string();
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

fn export(
    w: &WorkerChannels,
    path: &std::path::Path,
    format: ExportFormat,
    items: Vec<IntegrationRequest>,
) {
    w.commands
        .send(WorkerCall::Export {
            path: path.to_path_buf(),
            format,
            requests: items,
            merchants: known(),
            replace: false,
        })
        .expect("send");
}

fn csv_reads_back(bytes: &[u8], items: &[IntegrationRequest]) {
    let mut r = ::csv::Reader::from_reader(bytes);
    let rows: Vec<::csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
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

fn json_reads_back(bytes: &[u8], items: &[IntegrationRequest]) {
    let back: Vec<IntegrationRequest> = serde_json::from_slice(bytes).expect("requests");
    assert_eq!(back, items);
    let raw: serde_json::Value = serde_json::from_slice(bytes).expect("json");
    assert_eq!(raw[1]["merchantName"], "Cafe Aroha");
    assert_eq!(raw[1]["merchantTest"], true);
    assert!(raw[4].get("merchantName").is_none());
}

async fn sim() -> (crate::sim::SimHandle, Client) {
    let handle = crate::sim::start_local(crate::sim::SimConfig::default())
        .await
        .expect("simulator starts");
    let client = Client::new(&handle.base_url(), &Secret::new(handle.api_key())).expect("client");
    (handle, client)
}

#[tokio::test]
async fn merchants_are_looked_up_and_unknown_ones_answer_none() {
    let (handle, client) = sim().await;
    let mut w = spawn(Ops::unaudited(client, RetryPolicy::default()));
    let known: Vec<crate::api::Merchant> = handle.merchants().into_iter().take(5).collect();
    let mut ids: Vec<String> = known.iter().map(|m| m.id.clone()).collect();
    ids.push("nosuchmerchant".into());
    w.commands
        .send(WorkerCall::FetchMerchants { ids: ids.clone() })
        .expect("send");
    let mut got = HashMap::new();
    // Answers come in batches of what arrived together.
    while got.len() < ids.len() {
        match next(&mut w.events).await {
            ApiEvent::Merchants { names } => got.extend(names),
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

/// One import file planned, applied, planned again and applied stale, then
/// a missing file: each step below is one thing the console does with it.
#[tokio::test]
async fn import_plans_against_the_server_sets_once_then_is_unchanged() {
    let (handle, client) = sim().await;
    let audit_path = scratch("import-audit").join("audit.jsonl");
    let log = AuditLog::open_at(&audit_path, "test", &handle.base_url()).expect("audit log");
    let mut w = audited(client, log);
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
    let plan = first_plan(&mut w, &path).await;
    apply_sets_once(&mut w, &handle, &target, &plan).await;
    the_update_is_audited(&audit_path, &target);
    // The same file again: unchanged, and a stale apply overwrites nothing.
    plan_again_is_unchanged(&mut w, &path).await;
    stale_apply_overwrites_nothing(&mut w, &target).await;
    missing_file_is_a_sentence(&mut w, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    w.task.abort();
    handle.shutdown().await;
}

fn plan_import(w: &WorkerChannels, path: PathBuf) {
    w.commands
        .send(WorkerCall::PlanImport {
            path,
            query: SearchQuery::default(),
        })
        .expect("send");
}

async fn first_plan(w: &mut WorkerChannels, path: &std::path::Path) -> crate::import::ImportPlan {
    plan_import(w, path.to_path_buf());
    let plan = match next(&mut w.events).await {
        ApiEvent::ImportPlanned { path: p, result } => {
            assert_eq!(p, path);
            result.expect("a plan")
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(plan.count(RowClass::WillSet), 1);
    assert_eq!(plan.count(RowClass::UnknownRequest), 1);
    plan
}

async fn apply_sets_once(
    w: &mut WorkerChannels,
    handle: &crate::sim::SimHandle,
    target: &IntegrationRequest,
    plan: &crate::import::ImportPlan,
) {
    let updates: Vec<(String, String)> = plan
        .updates()
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    w.commands
        .send(WorkerCall::ImportApply {
            run_id: 7,
            updates: updates.clone(),
            concurrency: 4,
        })
        .expect("send");
    match next(&mut w.events).await {
        ApiEvent::ImportRow { run_id, id, result } => {
            assert_eq!((run_id, id.as_str()), (7, target.id.as_str()));
            assert_eq!(result.unrecorded, None);
            assert!(
                matches!(&result.value, ImportRowResult::Set(r) if r.effective_terminal_id() == Some("11000077")),
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
}

/// The update is in the audit log with its terminalId.
fn the_update_is_audited(audit_path: &std::path::Path, target: &IntegrationRequest) {
    let (records, _) = audit::read_all(audit_path).expect("audit readable");
    let updates: Vec<_> = records
        .iter()
        .filter(|r| r.outcome == audit::Outcome::Updated)
        .collect();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].id.as_deref(), Some(target.id.as_str()));
    assert_eq!(updates[0].terminal_id.as_deref(), Some("11000077"));
}

async fn plan_again_is_unchanged(w: &mut WorkerChannels, path: &std::path::Path) {
    plan_import(w, path.to_path_buf());
    match next(&mut w.events).await {
        ApiEvent::ImportPlanned { result, .. } => {
            let plan = result.expect("a plan");
            assert_eq!(plan.count(RowClass::WillSet), 0);
            assert_eq!(plan.count(RowClass::Unchanged), 1);
        }
        other => panic!("{other:?}"),
    }
}

async fn stale_apply_overwrites_nothing(w: &mut WorkerChannels, target: &IntegrationRequest) {
    let stale = vec![(target.id.clone(), "11000088".to_string())];
    w.commands
        .send(WorkerCall::ImportApply {
            run_id: 8,
            updates: stale,
            concurrency: 1,
        })
        .expect("send");
    match next(&mut w.events).await {
        ApiEvent::ImportRow { result, .. } => {
            assert_eq!(
                result.value,
                ImportRowResult::SetMeanwhile("11000077".into())
            );
        }
        other => panic!("{other:?}"),
    }
}

/// A file that is not there: a sentence.
async fn missing_file_is_a_sentence(w: &mut WorkerChannels, dir: &std::path::Path) {
    plan_import(w, dir.join("nope.csv"));
    loop {
        match next(&mut w.events).await {
            ApiEvent::ImportFinished { .. } => continue,
            ApiEvent::ImportPlanned { result, .. } => {
                let e = result.expect_err("no such file").to_string();
                assert!(e.starts_with("Could not open "), "{e}");
                break;
            }
            other => panic!("{other:?}"),
        }
    }
}
