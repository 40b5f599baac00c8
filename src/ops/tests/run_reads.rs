//! A run's read cache on a server without `GET /{id}`: its one search
//! streams, so a read returns once its page has arrived; a missing id
//! searches again once; a failed search reaches every read waiting on it.

use crate::api::revision::ReadWay;
use crate::api::{ApiError, IntegrationType::*, Status};
use crate::ops::testing::{Bench, req};
use crate::ops::*;
use crate::sim::{Faults, Revision};

fn windcaves(ids: &[String]) -> Vec<crate::api::IntegrationRequest> {
    ids.iter()
        .map(|id| req(id, Windcave, Status::Pending, None))
        .collect()
}

fn ids(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("R{i:02}")).collect()
}

/// A reference-revision simulator of `ids`, `page_size` a page, whose
/// session has already learnt that it reads by search.
async fn searching(ids: &[String], page_size: usize) -> Bench {
    let b = Bench::start_on(Revision::Reference, windcaves(ids), page_size).await;
    let client = b.ops.client();
    client.get(&ids[0]).await.expect("the probe");
    assert_eq!(client.read_way(), ReadWay::Search);
    b
}

fn searches(b: &Bench) -> u64 {
    b.sim.stats().calls.search
}

#[tokio::test]
async fn a_read_returns_once_its_page_arrives_not_after_the_last() {
    let all = ids(12);
    let b = searching(&all, 1).await;
    let pages = all.len() as u64;
    // Every page takes a while, so the search is still paging when the
    // first page's read returns.
    b.sim.set_faults(Faults {
        latency_min_ms: 25,
        latency_max_ms: 25,
        ..Faults::default()
    });
    let (client, policy) = (b.ops.client(), b.ops.policy());
    let before = searches(&b);
    let reads = RunReads::new();
    let first = reads.read(client, policy, &all[0]).await.expect("R01");
    assert_eq!(first.id, all[0]);
    let so_far = searches(&b) - before;
    assert!(so_far < pages, "{so_far} of {pages} pages searched");
    // The rest come from the same search: one in all.
    let rest = all[1..].iter().map(|id| reads.read(client, policy, id));
    for (r, id) in futures_util::future::join_all(rest)
        .await
        .iter()
        .zip(&all[1..])
    {
        assert_eq!(&r.as_ref().expect("read").id, id);
    }
    assert_eq!(searches(&b) - before, pages);
}

#[tokio::test]
async fn a_missing_id_searches_again_once_for_every_reader() {
    // Two pages, the second not full: its read returns with the last page.
    let all = ids(3);
    let b = searching(&all, 2).await;
    let (client, policy) = (b.ops.client(), b.ops.policy());
    let before = searches(&b);
    let reads = RunReads::new();
    reads.read(client, policy, &all[2]).await.expect("R03");
    // Created since the run's search, so only a search again finds it.
    b.sim.insert(req("NEW", Windcave, Status::Pending, None));
    let (new, again, nosuch) = tokio::join!(
        reads.read(client, policy, "NEW"),
        reads.read(client, policy, "NEW"),
        reads.read(client, policy, "nosuch"),
    );
    assert_eq!(new.expect("NEW").id, "NEW");
    assert_eq!(again.expect("NEW again").id, "NEW");
    assert_eq!(nosuch.unwrap_err(), client.unknown_id("nosuch"));
    let run = searches(&b) - before;
    // Searched again once per run: another missing id searches no more.
    let other = reads.read(client, policy, "other").await.unwrap_err();
    assert_eq!(other, client.unknown_id("other"));
    assert_eq!(searches(&b) - before, run);
    // The run's two pages, then one search of today's: what a search costs now.
    let now = searches(&b);
    client
        .search(&client.reading_query())
        .await
        .expect("search");
    assert_eq!(run, 2 + (searches(&b) - now));
}

#[tokio::test]
async fn a_failed_search_reaches_every_read_waiting_on_it() {
    let all = ids(4);
    let b = searching(&all, 2).await;
    let (client, policy) = (b.ops.client(), b.ops.policy());
    b.sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    let before = searches(&b);
    let reads = RunReads::new();
    let results =
        futures_util::future::join_all(all.iter().map(|id| reads.read(client, policy, id))).await;
    for r in &results {
        assert!(
            matches!(r, Err(ApiError::Server { status: 500, .. })),
            "{r:?}"
        );
    }
    // One search failed them all, not one search per read.
    assert_eq!(searches(&b) - before, 1);
    // The next read starts it again, and it is not the one search again.
    b.sim.set_faults(Faults::default());
    assert_eq!(
        reads.read(client, policy, &all[0]).await.expect("R01").id,
        all[0]
    );
    b.sim.insert(req("NEW", Windcave, Status::Pending, None));
    assert_eq!(
        reads.read(client, policy, "NEW").await.expect("NEW").id,
        "NEW"
    );
}
