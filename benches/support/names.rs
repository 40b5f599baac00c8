//! `intake list --pending` at scale with merchant names (issue 14 item 1):
//! the paging floor (the same search's pages alone, through the same page
//! loop), then the release binary's wall time with an empty cache (cold) and
//! again with the cache it left (warm), each as a ratio to the floor, and the
//! merchant calls the simulator counted during the warm run (must be 0).
//! Prints one `names.*` line per figure.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use intake::api::retry::RetryPolicy;
use intake::api::{Client, SearchQuery, Secret};
use intake::sim::SimStats;

use super::{ChildSim, intake_binary, verdict};

/// The simulator's counters, read over plain HTTP/1.1 (`/_sim/stats`).
pub fn sim_stats(sim: &ChildSim) -> SimStats {
    let addr = sim.base_url.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).expect("connect to the simulator");
    write!(
        s,
        "GET /_sim/stats HTTP/1.1\r\nHost: {addr}\r\nX-Api-Key: {}\r\nConnection: close\r\n\r\n",
        sim.api_key
    )
    .expect("ask for stats");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("read stats");
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).expect("stats as JSON")
}

/// One `intake list --pending` through the binary; its wall time and the
/// rows it printed (the table's lines less the header).
fn list_once(sim: &ChildSim, home: &Path, refresh: bool) -> (Duration, usize) {
    let mut c = Command::new(intake_binary());
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("INTAKE_LOG_FILE", home.join("intake.log"))
        .env("INTAKE_AUDIT_FILE", home.join("audit.jsonl"))
        .env("INTAKE_CACHE_DIR", home.join("cache"))
        .env("CENTRAPAY_BASE_URL", &sim.base_url)
        .env("CENTRAPAY_API_KEY", &sim.api_key)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if refresh {
        c.arg("--refresh-names");
    }
    c.args(["list", "--pending"]);
    let start = Instant::now();
    let out = c.output().expect("run intake list");
    let wall = start.elapsed();
    assert!(
        out.status.success(),
        "intake list failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = out.stdout.iter().filter(|b| **b == b'\n').count();
    (wall, rows.saturating_sub(1))
}

/// The figures for `count` requests at `latency_ms` per call.
pub fn names_figures(runtime: &tokio::runtime::Runtime, count: usize, latency_ms: u64) {
    let sim = ChildSim::start(&[
        "--seed-count",
        &count.to_string(),
        "--latency-ms",
        &latency_ms.to_string(),
    ]);
    let home = std::env::temp_dir().join(format!("intake-bench-names-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).expect("a scratch home");

    // The floor: the same search's pages alone, through ops' page loop.
    let client = Client::new(&sim.base_url, &Secret::new(sim.api_key.clone())).expect("client");
    let query = SearchQuery {
        pending: true,
        ..SearchQuery::default()
    };
    let start = Instant::now();
    let items = runtime
        .block_on(intake::ops::fetch_all_pages(
            &client,
            RetryPolicy::default(),
            query,
        ))
        .expect("every page");
    let floor = start.elapsed();
    let merchants: HashSet<&str> = items.iter().map(|r| r.merchant_id.as_str()).collect();
    println!("names.requests {count}");
    println!("names.pending {}", items.len());
    println!("names.merchants {}", merchants.len());
    println!("names.floor_s {:.2}", floor.as_secs_f64());

    let before = sim_stats(&sim).calls.merchant;
    let (cold, rows) = list_once(&sim, &home, false);
    assert_eq!(
        rows,
        items.len(),
        "the cold list shows every pending request"
    );
    let cold_calls = sim_stats(&sim).calls.merchant - before;
    let (warm, rows) = list_once(&sim, &home, false);
    assert_eq!(
        rows,
        items.len(),
        "the warm list shows every pending request"
    );
    let warm_calls = sim_stats(&sim).calls.merchant - before - cold_calls;

    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64();
    println!("names.cold_s {:.2}", cold.as_secs_f64());
    println!(
        "names.cold_ratio {:.2}{}",
        ratio(cold),
        verdict(ratio(cold) <= 1.5, "≤ 1.5×")
    );
    println!("names.cold_merchant_calls {cold_calls}");
    println!("names.warm_s {:.2}", warm.as_secs_f64());
    println!(
        "names.warm_ratio {:.2}{}",
        ratio(warm),
        verdict(ratio(warm) <= 1.1, "≤ 1.1×")
    );
    println!(
        "names.warm_merchant_calls {warm_calls}{}",
        verdict(warm_calls == 0, "0")
    );
    let _ = std::fs::remove_dir_all(&home);
}
