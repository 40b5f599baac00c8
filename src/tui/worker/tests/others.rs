//! The count of other statuses (`WorkerCall::LoadOthers`): its pages come back
//! under its own load id, a list load beside it does not cut it short, and
//! it carries every status the account holds.

use std::collections::HashSet;

use super::{next, spawn};
use crate::api::retry::RetryPolicy;
use crate::api::{Client, SearchQuery, Secret, Status};
use crate::app::{ApiEvent, WorkerCall};
use crate::ops::Ops;
use crate::sim::SimConfig;

#[tokio::test]
async fn other_statuses_are_paged_beside_a_list_load_that_does_not_supersede_them() {
    let sim = crate::sim::start_local(SimConfig {
        seed_count: Some(60),
        page_size: 7,
        ..SimConfig::default()
    })
    .await
    .expect("simulator starts");
    let client = Client::new(&sim.base_url(), &Secret::new(sim.api_key())).expect("client");
    let all = sim.requests();
    let pending = all.iter().filter(|r| r.status == Status::Pending).count();
    assert!(pending < all.len(), "the seed holds other statuses too");

    let mut w = spawn(Ops::unaudited(client, RetryPolicy::default()));
    let query = |pending| SearchQuery {
        account_id: None,
        kind: None,
        pending,
    };
    w.commands
        .send(WorkerCall::LoadOthers {
            load_id: 7,
            query: query(false),
        })
        .expect("send");
    // The list's own load, sent while the count is still paging.
    w.commands
        .send(WorkerCall::Load {
            load_id: 8,
            query: query(true),
        })
        .expect("send");

    let (mut others, mut listed) = (HashSet::new(), HashSet::new());
    let (mut others_done, mut list_done) = (false, false);
    while !(others_done && list_done) {
        match next(&mut w.events).await {
            ApiEvent::Page {
                load_id,
                items,
                done,
            } => {
                let (seen, finished) = match load_id {
                    7 => (&mut others, &mut others_done),
                    8 => (&mut listed, &mut list_done),
                    other => panic!("a page of load {other}"),
                };
                assert!(!*finished, "a page of load {load_id} after its last");
                for r in items {
                    assert!(seen.insert(r.id), "a request paged twice in load {load_id}");
                }
                *finished = done;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(others.len(), all.len(), "every status, every request");
    assert_eq!(listed.len(), pending, "the list's load: pending only");
    w.task.abort();
    sim.shutdown().await;
}
