//! The API worker's second line of defence: in read-only mode a change
//! command is answered with an error and nothing reaches the server.

use std::path::Path;
use std::time::Duration;

use intake::api::retry::RetryPolicy;
use intake::api::{Client, SearchQuery, Secret};
use intake::app::{ApiEvent, ImportRowResult, WorkerCall};
use intake::audit::AuditLog;
use intake::ops::{ChangeGuard, Done, OpError, Ops};
use intake::safety::ReadOnly;
use intake::sim::{self, SimConfig, SimHandle};
use intake::tui::worker::{self, WorkerChannels};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

async fn next(events: &mut UnboundedReceiver<ApiEvent>) -> ApiEvent {
    tokio::time::timeout(Duration::from_secs(20), events.recv())
        .await
        .expect("an answer in time")
        .expect("the worker is running")
}

/// ops's refusal, forwarded as it is: the console says it in its own words
/// (`app::outcome`, tested in the app's tests).
fn refused<T: std::fmt::Debug>(result: &Result<T, OpError>) {
    assert!(
        matches!(result, Err(OpError::ReadOnly(_))),
        "not refused: {result:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_worker_sends_no_change_and_still_loads() {
    let sim = sim::start_local(SimConfig::default()).await.expect("sim");
    let before = sim.requests();
    let ready: Vec<String> = before
        .iter()
        .filter(|r| r.is_pending() && !r.needs_terminal_id())
        .take(3)
        .map(|r| r.id.clone())
        .collect();
    let blank = before
        .iter()
        .find(|r| r.is_pending() && r.needs_terminal_id())
        .expect("an ePay request without a terminalId")
        .id
        .clone();
    let audit_path = std::env::temp_dir().join(format!(
        "intake-worker-ro-{}/audit.jsonl",
        std::process::id()
    ));
    let _ = std::fs::remove_file(&audit_path);
    let mut w = read_only_worker(&sim, &audit_path);

    let send = |c: WorkerCall| w.commands.send(c).expect("send");
    send(WorkerCall::Update {
        id: blank.clone(),
        terminal_id: "11000031".into(),
        expected: None,
    });
    match next(&mut w.events).await {
        ApiEvent::Updated { id, result } => {
            assert_eq!(id, blank);
            refused(&result);
        }
        other => panic!("{other:?}"),
    }
    send(WorkerCall::Activate {
        id: ready[0].clone(),
        held: None,
    });
    match next(&mut w.events).await {
        ApiEvent::Activated {
            id,
            run_id: None,
            result,
        } => {
            assert_eq!(id, ready[0]);
            refused(&result);
        }
        other => panic!("{other:?}"),
    }
    every_bulk_activation_refused(&w.commands, &mut w.events, &ready).await;
    every_import_row_refused(&w.commands, &mut w.events, &blank).await;

    // Reads still work.
    send(WorkerCall::Load {
        load_id: 1,
        query: SearchQuery::default(),
    });
    match next(&mut w.events).await {
        ApiEvent::Page {
            load_id: 1, items, ..
        } => assert!(!items.is_empty()),
        other => panic!("{other:?}"),
    }

    assert_eq!(sim.requests(), before, "the server is unchanged");
    let audit = std::fs::read_to_string(&audit_path).unwrap_or_default();
    assert!(audit.trim().is_empty(), "nothing to audit: {audit}");
    w.task.abort();
    sim.shutdown().await;
}

/// The console's worker with read-only set (by the flag), auditing to `audit_path`.
fn read_only_worker(sim: &SimHandle, audit_path: &Path) -> WorkerChannels {
    let log = AuditLog::open_at(audit_path, "test", &sim.base_url()).expect("audit log");
    let client = Client::new(&sim.base_url(), &Secret::new(sim.api_key())).expect("client");
    let read_only = ReadOnly {
        flag: true,
        profile: false,
    };
    let guard = ChangeGuard {
        read_only,
        profile: "test".into(),
    };
    worker::spawn(Ops::new(client, RetryPolicy::default(), log, guard))
}

async fn every_bulk_activation_refused(
    commands: &UnboundedSender<WorkerCall>,
    events: &mut UnboundedReceiver<ApiEvent>,
    ready: &[String],
) {
    commands
        .send(WorkerCall::BulkActivate {
            run_id: 5,
            ids: ready.to_vec(),
            held: Vec::new(),
            concurrency: 2,
        })
        .expect("send");
    for want in ready {
        match next(events).await {
            ApiEvent::Activated {
                id,
                run_id: Some(5),
                result,
            } => {
                assert_eq!(&id, want);
                refused(&result);
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        next(events).await,
        ApiEvent::BulkFinished {
            run_id: 5,
            cancelled: false
        }
    ));
}

async fn every_import_row_refused(
    commands: &UnboundedSender<WorkerCall>,
    events: &mut UnboundedReceiver<ApiEvent>,
    blank: &str,
) {
    commands
        .send(WorkerCall::ImportApply {
            run_id: 6,
            updates: vec![(blank.to_string(), "11000032".into())],
            concurrency: 1,
        })
        .expect("send");
    match next(events).await {
        ApiEvent::ImportRow {
            run_id: 6,
            id,
            result:
                Done {
                    value: ImportRowResult::Failed(e),
                    unrecorded: None,
                },
        } => {
            assert_eq!(id, blank);
            refused::<()>(&Err(e));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        next(events).await,
        ApiEvent::ImportFinished { run_id: 6, .. }
    ));
}
