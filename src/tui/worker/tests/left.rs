//! The requests that left the live queue, read back to say why: one
//! command, one answer, and on a server that cannot read by id a constant
//! number of searches however many left.

use super::{next, spawn};
use crate::api::retry::{self, RetryPolicy};
use crate::api::{Client, Secret, Status};
use crate::app::{ApiEvent, WorkerCall};
use crate::ops::Ops;
use crate::sim::{Revision, SimConfig};

async fn start(revision: Revision) -> (crate::sim::SimHandle, Client) {
    let sim = crate::sim::start_local(SimConfig {
        seed_count: Some(20),
        revision,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let client = Client::new(&sim.base_url(), &Secret::new(sim.api_key())).expect("client");
    (sim, client)
}

fn pending(sim: &crate::sim::SimHandle, n: usize) -> Vec<String> {
    sim.requests()
        .into_iter()
        .filter(|r| r.status == Status::Pending)
        .take(n)
        .map(|r| r.id)
        .collect()
}

async fn read_left(client: Client, ids: Vec<String>, total: usize) -> ApiEvent {
    let mut w = spawn(Ops::unaudited(client, RetryPolicy::default()));
    w.commands
        .send(WorkerCall::ReadLeft { ids, total })
        .expect("send");
    let event = next(&mut w.events).await;
    w.task.abort();
    event
}

#[tokio::test]
async fn left_requests_are_read_in_one_answer_with_what_became_of_them() {
    let (sim, client) = start(Revision::Reference).await;
    let ids = pending(&sim, 5);
    assert_eq!(ids.len(), 5, "the seed has pending requests");
    // Someone else activates one behind the console.
    let activated = sim
        .requests()
        .into_iter()
        .find(|r| ids.contains(&r.id) && crate::domain::readiness::blocker(r).is_none())
        .map(|r| r.id)
        .expect("a ready request among them");
    retry::activate(&client, RetryPolicy::default(), &activated)
        .await
        .expect("activated");
    let before = sim.stats().calls;
    match read_left(client, ids.clone(), 7).await {
        ApiEvent::LeftRead {
            reads: Ok(reads),
            total,
        } => {
            assert_eq!(total, 7);
            let got: Vec<&str> = reads.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(got, ids.iter().map(String::as_str).collect::<Vec<_>>());
            let r = reads.iter().find(|r| r.id == activated).expect("read");
            assert_eq!(r.status, Status::Active);
        }
        other => panic!("{other:?}"),
    }
    let after = sim.stats().calls;
    // Five reads: one probe of GET /{id}, then searches, never one per id.
    assert!(after.read_one - before.read_one <= 1, "{after:?}");
    assert!(after.search - before.search <= 2, "{after:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_failed_read_answers_its_error_so_nothing_is_guessed() {
    let (sim, client) = start(Revision::Both).await;
    let mut ids = pending(&sim, 2);
    ids.push("nosuchrequest".into());
    match read_left(client, ids, 3).await {
        ApiEvent::LeftRead {
            reads: Err(_),
            total,
        } => assert_eq!(total, 3),
        other => panic!("{other:?}"),
    }
    sim.shutdown().await;
}
