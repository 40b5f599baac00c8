//! A terminalId is never replaced unless the operator saw the value being
//! replaced: the console's `t` sends what it saw, and ops refuses when the
//! server has anything else.

use super::{audited as worker_on, next, scratch};
use crate::api::retry::{self, RetryPolicy};
use crate::api::{Client, IntegrationType, Secret, Status};
use crate::app::{ApiEvent, WorkerCall};
use crate::audit::{self, AuditLog};
use crate::ops::{Done, OpError, Updated};
use crate::tui::worker::WorkerChannels;

struct Setup {
    sim: crate::sim::SimHandle,
    /// Another operator's console, changing things behind ours.
    other: Client,
    worker: WorkerChannels,
    audit_path: std::path::PathBuf,
}

async fn setup(name: &str) -> Setup {
    let sim = crate::sim::start_local(crate::sim::SimConfig::default())
        .await
        .expect("simulator starts");
    let client = || Client::new(&sim.base_url(), &Secret::new(sim.api_key())).expect("client");
    let audit_path = scratch(&format!("seen-{name}")).join("audit.jsonl");
    let log = AuditLog::open_at(&audit_path, "test", &sim.base_url()).expect("audit log");
    let worker = worker_on(client(), log);
    Setup {
        other: client(),
        sim,
        worker,
        audit_path,
    }
}

impl Setup {
    /// Our console's `t`: set `terminal_id` over what the operator saw.
    async fn update(&mut self, id: &str, terminal_id: &str, expected: Option<&str>) -> ApiEvent {
        self.worker
            .commands
            .send(WorkerCall::Update {
                id: id.to_string(),
                terminal_id: terminal_id.into(),
                expected: expected.map(str::to_string),
            })
            .expect("send");
        next(&mut self.worker.events).await
    }

    async fn stop(self) {
        self.worker.task.abort();
        self.sim.shutdown().await;
    }
}

/// A pending ePay request without a terminalId.
fn blank_epay(sim: &crate::sim::SimHandle) -> String {
    sim.requests()
        .into_iter()
        .find(|r| {
            r.kind == IntegrationType::Epay
                && r.status == Status::Pending
                && r.effective_terminal_id().is_none()
        })
        .expect("an ePay request without a terminalId")
        .id
}

fn server_terminal_id(sim: &crate::sim::SimHandle, id: &str) -> Option<String> {
    sim.get(id)
        .and_then(|r| r.effective_terminal_id().map(str::to_string))
}

/// The audit lines about `id`.
fn audited(path: &std::path::Path, id: &str) -> Vec<audit::Outcome> {
    if !path.exists() {
        return Vec::new();
    }
    let (records, _) = audit::read_all(path).expect("audit readable");
    records
        .into_iter()
        .filter(|r| r.id.as_deref() == Some(id))
        .map(|r| r.outcome)
        .collect()
}

async fn set_behind_our_back(s: &Setup, id: &str, tid: &str) {
    retry::update_terminal_id(&s.other, RetryPolicy::default(), id, tid)
        .await
        .expect("the other operator's update");
}

#[tokio::test]
async fn an_update_over_a_terminal_id_set_since_the_operator_looked_sends_nothing() {
    let mut s = setup("refused").await;
    let id = blank_epay(&s.sim);
    // The console showed none; meanwhile another operator sets one.
    set_behind_our_back(&s, &id, "11000099").await;
    match s.update(&id, "11000023", None).await {
        ApiEvent::Updated {
            id: got,
            result: Err(OpError::WouldReplace { request, .. }),
        } => {
            assert_eq!(got, id);
            assert_eq!(request.effective_terminal_id(), Some("11000099"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server_terminal_id(&s.sim, &id).as_deref(), Some("11000099"));

    // Seen as 11000099, then changed again: refused too.
    set_behind_our_back(&s, &id, "11000100").await;
    match s.update(&id, "11000023", Some("11000099")).await {
        ApiEvent::Updated {
            result: Err(OpError::WouldReplace { request, .. }),
            ..
        } => {
            assert_eq!(request.effective_terminal_id(), Some("11000100"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server_terminal_id(&s.sim, &id).as_deref(), Some("11000100"));
    // Nothing was sent, so nothing is in the audit log.
    assert_eq!(audited(&s.audit_path, &id), Vec::new());
    s.stop().await;
}

#[tokio::test]
async fn an_update_over_the_terminal_id_the_operator_saw_is_sent() {
    let mut s = setup("sent").await;
    let id = blank_epay(&s.sim);
    // None seen, none there: sent.
    match s.update(&id, "11000023", None).await {
        ApiEvent::Updated { id: got, result } => {
            assert_eq!(got, id);
            let r = result.expect("saved").value;
            assert!(matches!(r, Updated::Set(_)), "{r:?}");
            assert_eq!(r.request().effective_terminal_id(), Some("11000023"));
        }
        other => panic!("{other:?}"),
    }
    // Seen as 11000023 and still that: replaced.
    match s.update(&id, "11000024", Some("11000023")).await {
        ApiEvent::Updated { result, .. } => {
            assert_eq!(
                result
                    .expect("saved")
                    .value
                    .request()
                    .effective_terminal_id(),
                Some("11000024")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server_terminal_id(&s.sim, &id).as_deref(), Some("11000024"));
    assert_eq!(
        audited(&s.audit_path, &id),
        vec![audit::Outcome::Updated, audit::Outcome::Updated]
    );
    s.stop().await;
}

#[tokio::test]
async fn the_same_value_again_sends_nothing_and_a_cleared_value_is_not_set_over() {
    let mut s = setup("same").await;
    let id = blank_epay(&s.sim);
    set_behind_our_back(&s, &id, "11000023").await;
    let before = s.sim.stats().update_calls;
    // Another operator set the very value ours is sending: nothing to send.
    match s.update(&id, "11000023", None).await {
        ApiEvent::Updated {
            id: got,
            result:
                Ok(Done {
                    value: Updated::Unchanged(current),
                    unrecorded: None,
                }),
        } => {
            assert_eq!(got, id);
            assert_eq!(current.effective_terminal_id(), Some("11000023"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.sim.stats().update_calls, before, "nothing was sent");

    // The operator confirmed replacing 11000023, which was cleared since:
    // that is a change they did not see either, so nothing is set.
    let mut cleared = s.sim.get(&id).expect("the request");
    cleared.terminal_id = None;
    s.sim.insert(cleared);
    assert_eq!(server_terminal_id(&s.sim, &id), None);
    match s.update(&id, "11000024", Some("11000023")).await {
        ApiEvent::Updated {
            result: Err(OpError::WouldReplace { request, .. }),
            ..
        } => {
            assert_eq!(request.effective_terminal_id(), None);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server_terminal_id(&s.sim, &id), None);
    assert_eq!(s.sim.stats().update_calls, before, "nothing was sent");
    assert_eq!(audited(&s.audit_path, &id), Vec::new());
    s.stop().await;
}
