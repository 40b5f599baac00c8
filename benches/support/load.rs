//! The console's load of every request (issue 14 item 4): the pages through
//! the worker into `update`, and the merchant lookups `update` asks for run
//! through the worker too, so their time and memory are counted. Prints one
//! `LOAD count first_s pages_s rss_mb with_names_s merchants` line for
//! `load_figures` in benches/server.rs to read.

use std::time::Instant;

use intake::api::retry::RetryPolicy;
use intake::api::{Client, SearchQuery, Secret};
use intake::app::{Action, ApiEvent, App, AppConfig, Command, WorkerCall, update};
use intake::ops::Ops;
use intake::tui::worker;

/// Runs in a fresh process (see `main`) so VmHWM is this load's alone.
pub async fn measure_load(
    base_url: String,
    api_key: String,
    config: AppConfig,
    first_load_id: fn(&mut App) -> u64,
) {
    let client = Client::new(&base_url, &Secret::new(api_key)).expect("client");
    let mut app = App::new(config, chrono::Utc::now());
    let load_id = first_load_id(&mut app);
    // The console's worker as it starts (names looked up at the console's
    // read concurrency), with no disk cache: a first start's cost.
    let names = worker::Names::new(
        intake::names_cache::NameCache::off(),
        intake::config::DEFAULT_READ_CONCURRENCY,
    );
    let mut w = worker::spawn_with_names(Ops::unaudited(client, RetryPolicy::default()), names);
    let start = Instant::now();
    let query = SearchQuery {
        pending: false,
        ..SearchQuery::default()
    };
    w.commands
        .send(WorkerCall::Load { load_id, query })
        .expect("the worker is running");
    let mut first = None;
    let mut count = 0usize;
    let mut pages_done = None;
    // The merchant lookups update() asks for run through the worker, as in
    // the console, so their time and memory are in the figures.
    let (mut asked, mut answered) = (0usize, 0usize);
    while let Some(event) = w.events.recv().await {
        match &event {
            ApiEvent::Page { items, done, .. } => {
                count += items.len();
                first.get_or_insert_with(|| start.elapsed());
                if *done {
                    pages_done = Some(start.elapsed());
                }
            }
            ApiEvent::Merchant { .. } => answered += 1,
            ApiEvent::Merchants { names } => answered += names.len(),
            ApiEvent::LoadFailed { error, .. } => panic!("load failed: {error}"),
            _ => {}
        }
        for c in update(&mut app, Action::Api(event)) {
            if let Command::Api(WorkerCall::FetchMerchants { ids }) = c {
                asked += ids.len();
                let call = WorkerCall::FetchMerchants { ids };
                w.commands.send(call).expect("the worker is running");
            }
        }
        if pages_done.is_some() && answered >= asked {
            break;
        }
    }
    let total = start.elapsed();
    let rss = super::peak_rss_mb().unwrap_or(f64::NAN);
    println!(
        "LOAD {count} {} {} {rss:.1} {} {answered}",
        first.unwrap_or_default().as_secs_f64(),
        pages_done.unwrap_or_default().as_secs_f64(),
        total.as_secs_f64()
    );
}
