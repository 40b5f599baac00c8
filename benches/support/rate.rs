//! Bulk activation against a rate limit (`intake sim --rate-limit N`) and
//! without one, through the audited core (`Ops::activate_many`), and the
//! server-side count of what was really activated. Each figure is one
//! greppable line, e.g. `rate.ratio 1.04`.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use intake::api::retry::RetryPolicy;
use intake::api::{Client, IntegrationRequest, SearchQuery, Secret};
use intake::ops::{ActivateJob, Cancel, Ops, Order, RunEvent, RunStart};
use intake::sim::SimStats;

use super::ChildSim;

pub fn client(sim: &ChildSim) -> Client {
    Client::new(&sim.base_url, &Secret::new(sim.api_key.clone()))
        .expect("a client for the simulator")
}

/// What the simulator counted (`GET /_sim/stats`, which is never limited).
pub async fn sim_stats(sim: &ChildSim) -> SimStats {
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an http client")
        .get(format!("{}/_sim/stats", sim.base_url))
        .header("x-api-key", &sim.api_key)
        .send()
        .await
        .expect("ask the simulator for its stats")
        .bytes()
        .await
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .expect("the stats decode")
}

/// How many of `ids` the server holds as active now.
pub async fn active_on_server(client: &Client, ids: &[String]) -> usize {
    let wanted: HashSet<&str> = ids.iter().map(String::as_str).collect();
    client
        .search(&SearchQuery {
            pending: false,
            ..SearchQuery::default()
        })
        .await
        .expect("read the simulator back")
        .iter()
        .filter(|r| wanted.contains(r.id.as_str()) && r.is_active())
        .count()
}

/// `count` activatable pending requests on a fresh simulator.
pub async fn pending(sim: &ChildSim, count: usize) -> Vec<IntegrationRequest> {
    let pending: Vec<IntegrationRequest> = client(sim)
        .search(&SearchQuery {
            pending: true,
            ..SearchQuery::default()
        })
        .await
        .expect("search the simulator")
        .into_iter()
        .filter(|r| r.blockers().is_empty())
        .take(count)
        .collect();
    assert_eq!(
        pending.len(),
        count,
        "the seed has enough activatable requests"
    );
    pending
}

struct Run {
    wall: Duration,
    failed: usize,
    activated: usize,
    stats: SimStats,
}

async fn run(sim: &ChildSim, count: usize, concurrency: usize) -> Run {
    let ids: Vec<String> = pending(sim, count)
        .await
        .into_iter()
        .map(|r| r.id)
        .collect();
    // Counted from here, so the search above is not in the share of 429s.
    let before = sim_stats(sim).await;
    let client = client(sim);
    let ops = Ops::unaudited(client.clone(), RetryPolicy::default());
    let jobs = ids
        .iter()
        .map(|id| ActivateJob {
            id: id.clone(),
            in_doubt: false,
            held: None,
        })
        .collect();
    let mut failed = 0;
    let started = Instant::now();
    ops.activate_many(
        RunStart::New,
        jobs,
        concurrency,
        Order::AsFinished,
        &Cancel::default(),
        |e| {
            if let RunEvent::Finished { result: Err(_), .. } = e {
                failed += 1;
            }
            ControlFlow::Continue(())
        },
    )
    .await
    .expect("the run starts");
    let wall = started.elapsed();
    let after = sim_stats(sim).await;
    let mut stats = after;
    stats.total_calls = after.total_calls - before.total_calls;
    stats.faults.rate_limited = after.faults.rate_limited - before.faults.rate_limited;
    Run {
        wall,
        failed,
        activated: active_on_server(&client, &ids).await,
        stats,
    }
}

/// A figure is only good when every request ended active and none failed.
fn valid(r: &Run, count: usize) -> bool {
    r.failed == 0 && r.activated == count
}

/// `count` activations at concurrency 16 against `--rate-limit rate`, each
/// call taking `latency_ms`; ideal is count / rate seconds.
pub async fn rate_limited(count: usize, rate: u32, latency_ms: u64) {
    // The reference revision reads a run's requests from one search, so
    // each activation is one call and the limit alone sets the pace.
    let sim = ChildSim::start(&[
        "--seed-count",
        &(count * 4).to_string(),
        "--page-size",
        "1000",
        "--revision",
        "reference",
        "--latency-ms",
        &latency_ms.to_string(),
        "--rate-limit",
        &rate.to_string(),
    ]);
    let r = run(&sim, count, 16).await;
    let ideal = count as f64 / f64::from(rate);
    let ratio = r.wall.as_secs_f64() / ideal;
    let share = r.stats.faults.rate_limited as f64 / r.stats.total_calls.max(1) as f64;
    println!("rate.wall_s {:.2}", r.wall.as_secs_f64());
    println!("rate.ideal_s {ideal:.2}");
    println!("rate.calls {}", r.stats.total_calls);
    println!("rate.failed {}", r.failed);
    println!("rate.activated {} of {count}", r.activated);
    if valid(&r, count) {
        println!(
            "rate.ratio {ratio:.3}{}",
            super::verdict(ratio <= 1.15, "≤ 1.15")
        );
        println!(
            "rate.share_429 {share:.4}{}",
            super::verdict(share <= 0.05, "≤ 0.05")
        );
    } else {
        println!("rate.ratio INVALID (requests failed or were not activated)");
        println!("rate.share_429 INVALID");
    }
}

/// `count` activations at `concurrency` with no limit at `latency_ms` per
/// call; ideal is latency × count / concurrency.
pub async fn unlimited(count: usize, concurrency: usize, latency_ms: u64) {
    let sim = ChildSim::start(&[
        "--seed-count",
        &(count * 4).to_string(),
        "--page-size",
        "1000",
        "--revision",
        "reference",
        "--latency-ms",
        &latency_ms.to_string(),
    ]);
    let r = run(&sim, count, concurrency).await;
    let ideal = Duration::from_millis(latency_ms) * count as u32 / concurrency as u32;
    let ratio = r.wall.as_secs_f64() / ideal.as_secs_f64();
    println!("unlimited.wall_s {:.3}", r.wall.as_secs_f64());
    println!("unlimited.ideal_s {:.3}", ideal.as_secs_f64());
    println!("unlimited.failed {}", r.failed);
    println!("unlimited.activated {} of {count}", r.activated);
    if valid(&r, count) {
        println!(
            "unlimited.ratio {ratio:.3}{}",
            super::verdict(ratio <= 1.1, "≤ 1.1")
        );
    } else {
        println!("unlimited.ratio INVALID (requests failed or were not activated)");
    }
}
