//! Paging always ends: fake servers (axum, loopback) that page in a cycle,
//! repeat a key at once or send empty pages forever end the listing with a
//! sentence, through the client, `ops::fetch`, `intake list` and the
//! console's load; a normal listing still comes whole.

use crate::common;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use serde_json::{Value, json};

use common::cli_env::{CliEnv, isolated, run, stderr, stdout};
use intake::api::pages::EMPTY_PAGES_ALLOWED;
use intake::api::retry::RetryPolicy;
use intake::api::{ApiError, Client, SearchQuery, Secret};
use intake::app::{ApiEvent, App, Command, WorkerCall};
use intake::ops::{Ops, fetch_all_pages};
use intake::sim::{Faults, SimConfig};
use intake::testkit;
use intake::tui::worker;

/// What the fake answers for a `pageKey` (`None` on the first page): the
/// ids on the page and the next key.
type Script = dyn Fn(Option<&str>) -> (Vec<String>, Option<String>) + Send + Sync;

struct Fake {
    base_url: String,
    /// Search calls answered so far.
    hits: Arc<AtomicUsize>,
}

#[derive(Clone)]
struct Shared {
    script: Arc<Script>,
    hits: Arc<AtomicUsize>,
}

fn item(id: &str) -> Value {
    json!({
        "id": id,
        "accountId": "Jaim1Cu1Q55uooxSens6yk",
        "merchantId": "5ee0c486308f590260d9a07f",
        "type": "verifone",
        "status": "pending",
        "createdAt": "2020-06-12T01:17:46.499Z",
        "updatedAt": "2020-06-12T01:17:46.499Z",
    })
}

async fn search(
    State(s): State<Shared>,
    Query(q): Query<HashMap<String, String>>,
) -> axum::Json<Value> {
    s.hits.fetch_add(1, Ordering::SeqCst);
    let (ids, next) = (s.script)(q.get("pageKey").map(String::as_str));
    let items: Vec<Value> = ids.iter().map(|id| item(id)).collect();
    axum::Json(match next {
        Some(k) => json!({ "items": items, "nextPageKey": k }),
        None => json!({ "items": items }),
    })
}

async fn fake(
    script: impl Fn(Option<&str>) -> (Vec<String>, Option<String>) + Send + Sync + 'static,
) -> Fake {
    let hits = Arc::new(AtomicUsize::new(0));
    let shared = Shared {
        script: Arc::new(script),
        hits: hits.clone(),
    };
    let app = Router::new()
        .route("/api/integration-requests", get(search))
        .with_state(shared);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Fake {
        base_url: format!("http://{addr}"),
        hits,
    }
}

fn ids(prefix: &str, n: usize) -> Vec<String> {
    (0..n).map(|i| format!("{prefix}{i}")).collect()
}

/// First page → A → B → A again.
async fn cycling() -> Fake {
    fake(|key| match key {
        None => (ids("first", 2), Some("A".into())),
        Some("A") => (ids("a", 2), Some("B".into())),
        _ => (ids("b", 2), Some("A".into())),
    })
    .await
}

/// First page → A, and A names itself as the next page.
async fn repeating() -> Fake {
    fake(|key| match key {
        None => (ids("first", 1), Some("A".into())),
        _ => (ids("a", 1), Some("A".into())),
    })
    .await
}

/// Empty pages forever, each pointing at a fresh key.
async fn endless_empty() -> Fake {
    let counter = AtomicUsize::new(0);
    fake(move |_| {
        let n = counter.fetch_add(1, Ordering::SeqCst);
        (Vec::new(), Some(format!("fresh-{n}")))
    })
    .await
}

fn client(f: &Fake) -> Client {
    Client::new(&f.base_url, &Secret::new("fake-key")).expect("client")
}

async fn fetch(f: &Fake) -> Result<Vec<String>, ApiError> {
    // Bounded, so a regression fails the test instead of hanging it.
    let all = tokio::time::timeout(
        Duration::from_secs(60),
        fetch_all_pages(&client(f), RetryPolicy::default(), SearchQuery::default()),
    )
    .await
    .expect("the listing ends")?;
    Ok(all.into_iter().map(|r| r.id).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cycle_of_keys_ends_the_listing() {
    let f = cycling().await;
    let e = fetch(&f).await.unwrap_err();
    assert_eq!(
        e,
        ApiError::PageKeyRepeated {
            key: "A".into(),
            pages: 3
        }
    );
    assert_eq!(
        e.to_string(),
        "The server sent page key A twice while listing; the listing stopped after 3 pages to avoid looping. Report this to Centrapay or retry later."
    );
    assert!(!e.is_transient(), "a loop is not retried");
    assert_eq!(
        f.hits.load(Ordering::SeqCst),
        3,
        "A was not asked for again"
    );
    // The client's own search ends the same way.
    let e = client(&f)
        .search(&SearchQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(e, ApiError::PageKeyRepeated { .. }), "{e:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_repeated_at_once_ends_the_listing() {
    let f = repeating().await;
    let e = fetch(&f).await.unwrap_err();
    assert_eq!(
        e,
        ApiError::PageKeyRepeated {
            key: "A".into(),
            pages: 2
        }
    );
    assert_eq!(f.hits.load(Ordering::SeqCst), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endless_empty_pages_end_the_listing() {
    let f = endless_empty().await;
    let e = fetch(&f).await.unwrap_err();
    assert_eq!(
        e,
        ApiError::TooManyPages {
            pages: EMPTY_PAGES_ALLOWED,
            items: 0
        }
    );
    assert!(
        e.to_string().starts_with(&format!(
            "The server sent {EMPTY_PAGES_ALLOWED} pages holding only 0 requests while listing"
        )),
        "{e}"
    );
    assert!(
        e.to_string()
            .ends_with("Report this to Centrapay or retry later.")
    );
    assert_eq!(f.hits.load(Ordering::SeqCst), EMPTY_PAGES_ALLOWED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_listing_still_comes_whole() {
    // Opaque keys (`#`, spaces), and a few empty pages on the way, as a
    // filtered scan may send.
    let f = fake(|key| match key {
        None => (ids("p1-", 3), Some("k#1".into())),
        Some("k#1") => (Vec::new(), Some("k 2".into())),
        Some("k 2") => (ids("p3-", 3), Some("k/3?x=1&y".into())),
        Some("k/3?x=1&y") => (Vec::new(), Some("k4".into())),
        Some("k4") => (ids("p5-", 1), None),
        Some(other) => panic!("unexpected key {other}"),
    })
    .await;
    let all = fetch(&f).await.expect("every page");
    assert_eq!(all.len(), 7, "{all:?}");
    assert_eq!(all.first().map(String::as_str), Some("p1-0"));
    assert_eq!(all.last().map(String::as_str), Some("p5-0"));
    assert_eq!(f.hits.load(Ordering::SeqCst), 5);

    // Many pages of one request each are not mistaken for a loop.
    let long = 3 * EMPTY_PAGES_ALLOWED;
    let f = fake(move |key| {
        let n: usize = key.map_or(0, |k| k.parse().expect("a number"));
        let next = (n + 1 < long).then(|| (n + 1).to_string());
        (vec![format!("r{n}")], next)
    })
    .await;
    assert_eq!(fetch(&f).await.expect("every page").len(), long);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn intake_list_exits_1_with_the_sentence() {
    for (name, f) in [
        ("paging-cycle", cycling().await),
        ("paging-empty", endless_empty().await),
    ] {
        let dir = common::scratch(name);
        let mut c = isolated(&dir);
        c.env("INTAKE_RETRY_BASE_MS", "5")
            .env("CENTRAPAY_BASE_URL", &f.base_url)
            .env("CENTRAPAY_API_KEY", "fake-key")
            .arg("list");
        let o = tokio::time::timeout(Duration::from_secs(60), run(c))
            .await
            .expect("intake list ends");
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("while listing"), "{err}");
        assert!(err.contains("the listing stopped"), "{err}");
        assert!(
            err.trim_end()
                .ends_with("Report this to Centrapay or retry later."),
            "{err}"
        );
        assert!(!err.contains("fake-key"), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_listing_that_pages_in_a_loop_looks_no_merchant_up() {
    let cycling = Faults {
        page_key_cycle: true,
        ..Faults::default()
    };
    let config = SimConfig {
        faults: cycling,
        ..SimConfig::default()
    };
    let env = CliEnv::start("paging-sim-cycle", config).await;
    let o = env.run(&["list"]).await;
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("twice while listing"), "{}", stderr(&o));
    let calls = env.sim.stats().calls;
    assert!(calls.search > 1, "{calls:?}");
    assert_eq!(calls.merchant, 0, "no name looked up: {calls:?}");

    // The same listing, ending, looks the names up once it has every page.
    env.sim.set_faults(Faults::default());
    let o = env.run(&["list"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).is_empty());
    assert!(env.sim.stats().calls.merchant > 0);
    env.sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_shows_a_paging_loop_as_its_load_error() {
    let f = cycling().await;
    let mut w = worker::spawn(Ops::unaudited(client(&f), RetryPolicy::default()));
    let mut app = App::new(testkit::config(), testkit::now());
    for c in app.init() {
        if let Command::Api(call @ WorkerCall::Load { .. }) = c {
            w.commands.send(call).expect("send");
        }
    }
    let mut pages = 0;
    loop {
        let event = tokio::time::timeout(Duration::from_secs(60), w.events.recv())
            .await
            .expect("the load ends")
            .expect("the worker runs");
        let failed = matches!(event, ApiEvent::LoadFailed { .. });
        pages += usize::from(matches!(event, ApiEvent::Page { .. }));
        testkit::api(&mut app, event);
        if failed {
            break;
        }
    }
    assert_eq!(pages, 3, "the pages before the repeat were shown");
    assert!(!app.is_loading());
    let screen = testkit::render(&mut app, 320, 24);
    assert!(
        screen.contains(
            "Could not load the integration requests. The server sent page key A twice while listing"
        ),
        "{screen}"
    );
}
