//! The console's copies go along with its activations, so the worker sends
//! one call per request and reads only where the copy would refuse.

use super::{next, spawn};
use crate::api::retry::RetryPolicy;
use crate::api::{Client, IntegrationRequest, Secret};
use crate::app::{ApiEvent, WorkerCall};
use crate::ops::Ops;
use crate::sim::{Revision, SimConfig};

async fn start(revision: Revision) -> (crate::sim::SimHandle, Client) {
    let sim = crate::sim::start_local(SimConfig {
        seed_count: Some(60),
        revision,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let client = Client::new(&sim.base_url(), &Secret::new(sim.api_key())).expect("client");
    (sim, client)
}

fn pick(
    sim: &crate::sim::SimHandle,
    n: usize,
    f: impl Fn(&IntegrationRequest) -> bool,
) -> Vec<IntegrationRequest> {
    sim.requests()
        .into_iter()
        .filter(|r| f(r))
        .take(n)
        .collect()
}

#[tokio::test]
async fn a_bulk_run_with_the_consoles_copies_makes_one_call_per_activation() {
    for revision in [Revision::Reference, Revision::Both] {
        let (sim, client) = start(revision).await;
        let ready = pick(&sim, 6, |r| r.is_pending() && r.blockers().is_empty());
        assert_eq!(ready.len(), 6, "the seed has ready requests");
        let mut w = spawn(Ops::unaudited(client, RetryPolicy::default()));
        let before = sim.stats();
        let ids: Vec<String> = ready.iter().map(|r| r.id.clone()).collect();
        w.commands
            .send(WorkerCall::BulkActivate {
                run_id: 1,
                ids: ids.clone(),
                held: ready.clone(),
                concurrency: 3,
            })
            .expect("send");
        loop {
            if let ApiEvent::BulkFinished { .. } = next(&mut w.events).await {
                break;
            }
        }
        let after = sim.stats();
        assert_eq!(
            after.total_calls - before.total_calls,
            6,
            "{revision:?}: {:?}",
            after.calls
        );
        assert!(
            ids.iter()
                .all(|id| sim.get(id).is_some_and(|r| r.is_active()))
        );
        w.task.abort();
    }
}

#[tokio::test]
async fn a_copy_that_would_refuse_is_read_once_and_nothing_is_sent_while_it_still_would() {
    let (sim, client) = start(Revision::Both).await;
    let blank = pick(&sim, 1, |r| r.is_pending() && r.needs_terminal_id());
    let blank = blank
        .first()
        .cloned()
        .expect("an ePay request without a terminalId");
    let mut w = spawn(Ops::unaudited(client, RetryPolicy::default()));
    let before = sim.stats();
    w.commands
        .send(WorkerCall::Activate {
            id: blank.id.clone(),
            held: Some(blank.clone()),
        })
        .expect("send");
    match next(&mut w.events).await {
        ApiEvent::Activated { result, .. } => {
            // Refused on the copy held: nothing was sent.
            assert_eq!(
                result,
                Err(crate::ops::OpError::NotReady {
                    id: blank.id.clone(),
                    blocker: crate::api::Blocker::TerminalIdMissing,
                    by_server: false,
                })
            );
        }
        other => panic!("{other:?}"),
    }
    let after = sim.stats();
    assert_eq!(after.activate_calls, before.activate_calls, "nothing sent");
    assert_eq!(
        after.calls.read_one - before.calls.read_one,
        1,
        "one fresh read"
    );
    w.task.abort();
}
