//! The console's merchant names through the disk cache: a second console
//! (a new worker on the same cache dir) asks the server for none.

use super::*;
use crate::names_cache::NameCache;
use crate::sim::{self, SimConfig};

async fn names_of(w: &mut WorkerChannels, ids: &[String]) -> HashMap<String, bool> {
    w.commands
        .send(WorkerCall::FetchMerchants { ids: ids.to_vec() })
        .expect("send");
    let mut got = HashMap::new();
    while got.len() < ids.len() {
        if let ApiEvent::Merchants { names } = next(&mut w.events).await {
            got.extend(names.into_iter().map(|(id, m)| (id, m.is_some())));
        }
    }
    got
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_console_answers_names_from_the_cache() {
    let sim = sim::start_local(SimConfig::default()).await.expect("sim");
    let dir = scratch("names-cache");
    let url = sim.base_url();
    let client = || Client::new(&url, &Secret::new(sim.api_key())).expect("client");
    let ids: Vec<String> = sim.merchants().into_iter().take(5).map(|m| m.id).collect();

    let names = Names::new(NameCache::open_in(&dir, &url, 7, false), 8);
    let mut w = spawn_with_names(Ops::unaudited(client(), RetryPolicy::default()), names);
    let got = names_of(&mut w, &ids).await;
    assert!(got.values().all(|found| *found), "{got:?}");
    assert_eq!(sim.stats().calls.merchant, 5);
    // The file is written once the batch is in; wait for it, not a time.
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while NameCache::open_in(&dir, &url, 7, false)
        .fresh(chrono::Utc::now())
        .len()
        < 5
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the names were never saved"
        );
        tokio::task::yield_now().await;
    }
    drop(w);

    let names = Names::new(NameCache::open_in(&dir, &url, 7, false), 8);
    let mut w = spawn_with_names(Ops::unaudited(client(), RetryPolicy::default()), names);
    let again = names_of(&mut w, &ids).await;
    assert_eq!(again, got);
    assert_eq!(sim.stats().calls.merchant, 5, "no lookups the second time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cached_names_come_as_one_batch() {
    let dir = scratch("names-batch");
    let url = "http://127.0.0.1:9";
    let mut cache = NameCache::open_in(&dir, url, 7, false);
    let ids: Vec<String> = (0..40).map(|i| format!("merchant{i:02}")).collect();
    for id in &ids {
        let m = crate::api::Merchant {
            id: id.clone(),
            account_id: None,
            name: format!("Shop {id}"),
            country: None,
            test: false,
        };
        cache.put(id.clone(), m, chrono::Utc::now());
    }
    // No server answers on this address: every name must come from the cache.
    let client = Client::new(url, &Secret::new("k".to_string())).expect("client");
    let names = Names::new(cache, 8);
    let mut w = spawn_with_names(Ops::unaudited(client, RetryPolicy::default()), names);
    w.commands
        .send(WorkerCall::FetchMerchants { ids: ids.clone() })
        .expect("send");
    match next(&mut w.events).await {
        ApiEvent::Merchants { names } => {
            let got: Vec<&str> = names.iter().map(|(id, _)| id.as_str()).collect();
            assert_eq!(got, ids, "every cached name in one event, in order");
            assert!(names.iter().all(|(_, m)| m.is_some()));
        }
        other => panic!("{other:?}"),
    }
}
