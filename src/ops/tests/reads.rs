//! Either revision: reading one request without `GET /{id}`, setting a
//! terminalId with `POST …/update` or `PUT …/configs`, each way remembered
//! per session, and a run's reads searching once.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::api::revision::{ReadWay, UpdateWay};
use crate::api::{ApiError, IntegrationType::*, Secret, Status};
use crate::ops::testing::{Bench, req};
use crate::ops::*;
use crate::sim::Revision;

fn windcaves(ids: &[&str]) -> Vec<crate::api::IntegrationRequest> {
    ids.iter()
        .map(|id| req(id, Windcave, Status::Pending, None))
        .collect()
}

#[tokio::test]
async fn without_get_by_id_a_read_searches_and_the_session_remembers_it() {
    let b = Bench::start_on(Revision::Reference, windcaves(&["R1", "R2", "R3"]), 2).await;
    let client = b.ops.client().clone();
    assert_eq!(client.read_way(), ReadWay::Unknown);
    assert_eq!(client.get("R2").await.expect("read").id, "R2");
    assert_eq!(client.read_way(), ReadWay::Search);
    // A clone shares what was learnt: no more probes.
    let other = client.clone();
    for id in ["R1", "R3", "R2"] {
        assert_eq!(other.get(id).await.expect("read").id, id);
    }
    let calls = b.sim.stats().calls;
    assert_eq!(calls.read_one, 1, "{calls:?}");
    // Two pages per search, one search per read.
    assert_eq!(calls.search, 8, "{calls:?}");
}

#[tokio::test]
async fn an_id_the_search_lacks_is_not_found_and_only_a_403_is_forbidden() {
    let reference = Bench::start_on(Revision::Reference, windcaves(&["R1", "R2", "R3"]), 2).await;
    let later = Bench::start_on(Revision::Later, windcaves(&["R1"]), 100).await;
    let by_search = reference.ops.client().get("nosuch").await.unwrap_err();
    let by_id = later.ops.client().get("nosuch").await.unwrap_err();
    assert!(matches!(by_id, ApiError::Forbidden { .. }), "{by_id:?}");
    assert_eq!(
        by_search,
        ApiError::NotInAccount {
            id: "nosuch".into(),
            account: None,
            pages: Some(2)
        }
    );
    assert_eq!(by_search.label(), "NOT_FOUND_IN_ACCOUNT");
    assert_eq!(
        by_search.to_string(),
        "Integration request nosuch was not found in any account this API key can see (searched 2 pages); check the id."
    );
    let client = reference
        .ops
        .client()
        .clone()
        .with_account_id(Some("Acc1".into()));
    let e = client.not_in_account("nosuch", Some(1));
    assert_eq!(
        e.to_string(),
        "Integration request nosuch was not found in account Acc1 (searched 1 page); check the id, and that the request belongs to this account (--account, or account_id in the profile)."
    );
    assert!(!e.to_string().contains("Forbidden"), "{e}");
    assert!(
        client
            .unknown_id("x")
            .to_string()
            .contains("(searched every page)")
    );
}

#[tokio::test]
async fn where_get_by_id_is_served_a_read_never_searches() {
    let b = Bench::start_on(Revision::Later, windcaves(&["R1", "R2"]), 100).await;
    let client = b.ops.client();
    for id in ["R1", "R2"] {
        assert_eq!(client.get(id).await.expect("read").id, id);
    }
    assert_eq!(client.read_way(), ReadWay::ById);
    let calls = b.sim.stats().calls;
    assert_eq!((calls.read_one, calls.search), (2, 0), "{calls:?}");
}

#[tokio::test]
async fn update_switches_to_put_configs_once_and_keeps_using_it() {
    let b = Bench::start_on(Revision::Later, windcaves(&["R1", "R2", "R3"]), 100).await;
    for (id, tid) in [("R1", "T1"), ("R2", "T2"), ("R3", "T3")] {
        let done = b
            .ops
            .update_terminal_id(id, tid, OnExisting::Keep)
            .await
            .expect("set");
        assert!(matches!(done.value, Updated::Set(_)));
        assert_eq!(b.terminal_id(id).as_deref(), Some(tid));
    }
    assert_eq!(b.ops.client().update_way(), UpdateWay::PutConfigs);
    let calls = b.sim.stats().calls;
    assert_eq!((calls.post_update, calls.put_configs), (1, 3), "{calls:?}");
    // The audit line is the same whichever way it went.
    assert_eq!(
        b.outcomes(),
        ["updated R1", "updated R2", "updated R3"],
        "{:?}",
        b.lines()
    );
}

#[tokio::test]
async fn update_on_the_reference_uses_post_update_only() {
    let b = Bench::start_on(Revision::Reference, windcaves(&["R1"]), 100).await;
    b.ops
        .update_terminal_id("R1", "T1", OnExisting::Keep)
        .await
        .expect("set");
    assert_eq!(b.terminal_id("R1").as_deref(), Some("T1"));
    let calls = b.sim.stats().calls;
    assert_eq!((calls.post_update, calls.put_configs), (1, 0), "{calls:?}");
}

#[tokio::test]
async fn update_on_the_reference_still_refuses_to_overwrite() {
    let b = Bench::start_on(
        Revision::Reference,
        vec![req("R1", Epay, Status::Pending, Some("11000021"))],
        100,
    )
    .await;
    let e = b
        .ops
        .update_terminal_id("R1", "22000042", OnExisting::Keep)
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::WouldReplace { .. }), "{e:?}");
    assert_eq!(b.terminal_id("R1").as_deref(), Some("11000021"));
    assert_eq!(b.sim.stats().update_calls, 0);
}

/// A server whose update route moves between the revisions' two ways.
async fn switching_server(later: Arc<AtomicBool>) -> String {
    use axum::Router;
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    use axum::routing::{post, put};
    let body = serde_json::to_value(req("R1", Windcave, Status::Pending, Some("T"))).expect("json");
    let answer = move |serve: bool| {
        let body = body.clone();
        move || async move {
            if serve {
                axum::Json(body).into_response()
            } else {
                StatusCode::NOT_FOUND.into_response()
            }
        }
    };
    let (l1, l2) = (later.clone(), later);
    let (a1, a2) = (answer(true), answer(true));
    let (n1, n2) = (answer(false), answer(false));
    let app = Router::new()
        .route(
            "/api/integration-requests/{id}/update",
            post(move || {
                let (a, n, later) = (a1.clone(), n1.clone(), l1.load(Ordering::SeqCst));
                async move { if later { n().await } else { a().await } }
            }),
        )
        .route(
            "/api/integration-requests/{id}/configs",
            put(move || {
                let (a, n, later) = (a2.clone(), n2.clone(), l2.load(Ordering::SeqCst));
                async move { if later { a().await } else { n().await } }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

#[tokio::test]
async fn update_switches_back_when_put_configs_goes_away() {
    let later = Arc::new(AtomicBool::new(true));
    let url = switching_server(later.clone()).await;
    let client = crate::api::Client::new(&url, &Secret::new("k")).expect("client");
    client.update_terminal_id("R1", "T").await.expect("by PUT");
    assert_eq!(client.update_way(), UpdateWay::PutConfigs);
    later.store(false, Ordering::SeqCst);
    client.update_terminal_id("R1", "T").await.expect("by POST");
    assert_eq!(client.update_way(), UpdateWay::PostUpdate);
}

async fn run(
    b: &Bench,
    jobs: Vec<ActivateJob>,
    mut after: impl FnMut(&str) + Send,
) -> HashMap<String, String> {
    let mut seen = HashMap::new();
    b.ops
        .activate_many(
            RunStart::New,
            jobs,
            1,
            Order::AsGiven,
            &Cancel::default(),
            |event| {
                if let RunEvent::Finished { id, result } = event {
                    let word = match result {
                        Ok(done) => done.value.label().to_string(),
                        Err(e) => e.label().to_string(),
                    };
                    seen.insert(id.to_string(), word);
                    after(id);
                }
                ControlFlow::Continue(())
            },
        )
        .await
        .expect("the run starts");
    seen
}

#[tokio::test]
async fn a_run_without_get_by_id_searches_once_not_per_id() {
    let ids = ["R1", "R2", "R3", "R4", "R5", "R6"];
    let b = Bench::start_on(Revision::Reference, windcaves(&ids), 100).await;
    let jobs = ids.iter().map(|id| ActivateJob::new(*id)).collect();
    let seen = run(&b, jobs, |_| {}).await;
    assert!(seen.values().all(|w| w == "activated"), "{seen:?}");
    let stats = b.sim.stats();
    // Nothing is read before sending: one call per activation, no probe,
    // no search (the server refuses what cannot be activated).
    assert_eq!(stats.calls.read_one, 0, "{stats:?}");
    assert_eq!(stats.calls.search, 0, "{stats:?}");
    assert_eq!(stats.total_calls, ids.len() as u64, "{stats:?}");
}

#[tokio::test]
async fn a_run_confirms_a_refusal_with_a_fresh_read() {
    let b = Bench::start_on(
        Revision::Reference,
        vec![
            req("R1", Windcave, Status::Pending, None),
            req("R2", Windcave, Status::Pending, None),
            req("R3", Epay, Status::Pending, None),
        ],
        100,
    )
    .await;
    let sim = &b.sim;
    // R3 gets its terminalId after the run's search: the cached copy lacks it.
    let seen = run(
        &b,
        ["R1", "R2", "R3"].map(ActivateJob::new).to_vec(),
        move |id| {
            if id == "R2" {
                let mut r3 = sim.get("R3").expect("R3");
                r3.terminal_id = Some("11000021".into());
                sim.insert(r3);
            }
        },
    )
    .await;
    assert_eq!(seen["R3"], "activated", "{seen:?}");
}

#[tokio::test]
async fn an_in_doubt_job_is_read_fresh_not_from_the_run_cache() {
    let b = Bench::start_on(Revision::Reference, windcaves(&["R1", "R2", "R3"]), 100).await;
    let sim = &b.sim;
    let jobs = vec![
        ActivateJob::new("R1"),
        ActivateJob::new("R2"),
        ActivateJob {
            id: "R3".into(),
            in_doubt: true,
            held: None,
        },
    ];
    // R3 becomes active after the run's search (the lost answer's call landed).
    let seen = run(&b, jobs, move |id| {
        if id == "R2" {
            let mut r3 = sim.get("R3").expect("R3");
            r3.status = Status::Active;
            sim.insert(r3);
        }
    })
    .await;
    assert_eq!(seen["R3"], "confirmed active", "{seen:?}");
    assert_eq!(b.sim.activate_calls_for("R3"), 0);
}
