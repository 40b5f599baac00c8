//! Keys pressed while the console loads (issue 20 item 7): the paging floor
//! (the pending search's pages fetched one after another by a plain HTTP
//! client), then the real console in a pty against the same simulator, first
//! with an empty names cache (cold) and again with the cache it left (warm),
//! pressing `j` every ~100 ms while the load runs. A key's wait is from its
//! write to the first frame whose detail pane left the request it showed.
//! Prints one `keys_load.*` line per figure.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime};

use super::names::sim_stats;
use super::watched::Watched;
use super::{ChildSim, intake_binary, ms, summarize, verdict};

const SIZE: (u16, u16) = (200, 50);
/// How often a key is pressed while the load runs.
const EVERY: Duration = Duration::from_millis(100);
/// A key unanswered this long is counted as such, and the run goes on.
const KEY_LIMIT: Duration = Duration::from_secs(120);
/// Longest a pass may run before it is given up.
const PASS_LIMIT: Duration = Duration::from_secs(600);

/// The pending search's pages one after another through a plain keep-alive
/// client: the time, the rows and their distinct merchants.
async fn paging_floor(base_url: &str, api_key: &str) -> (Duration, usize, usize, usize) {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an http client");
    let url = format!("{base_url}/api/integration-requests");
    let mut merchants = HashSet::new();
    let (mut rows, mut pages) = (0usize, 0usize);
    let mut key: Option<String> = None;
    let start = Instant::now();
    loop {
        let mut query = vec![("pending", "true".to_string())];
        if let Some(k) = key.take() {
            query.push(("pageKey", k));
        }
        let page: serde_json::Value = http
            .get(&url)
            .header("x-api-key", api_key)
            .query(&query)
            .send()
            .await
            .expect("a page")
            .json()
            .await
            .expect("a page as JSON");
        pages += 1;
        for item in page["items"].as_array().into_iter().flatten() {
            rows += 1;
            if let Some(m) = item["merchantId"].as_str().filter(|m| !m.is_empty()) {
                merchants.insert(m.to_string());
            }
        }
        match page["nextPageKey"].as_str() {
            Some(k) => key = Some(k.to_string()),
            None => break,
        }
    }
    (start.elapsed(), rows, merchants.len(), pages)
}

struct Pass {
    waits: Vec<Duration>,
    unanswered: usize,
    last_page: Option<Duration>,
    /// When the console wrote its names cache for the last time (its worker
    /// writes it once the last lookup in flight has been answered).
    last_name: Option<Duration>,
    lookups: u64,
    /// The console's CPU time from its start to the end of the load.
    cpu: Option<Duration>,
}

fn cache_written(home: &Path) -> Option<SystemTime> {
    std::fs::read_dir(home.join("cache"))
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("merchants-"))
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
}

/// One console run: keys every [`EVERY`] from the first rows until every
/// page has arrived and (`lookups_due` of them) every name was asked for.
fn pass(sim: &ChildSim, home: &Path, total: usize, lookups_due: u64, min_keys: usize) -> Pass {
    let before = sim_stats(sim).calls.merchant;
    let (started, started_at) = (Instant::now(), SystemTime::now());
    let mut console = Watched::console(
        &intake_binary(),
        home,
        &sim.base_url,
        &sim.api_key,
        SIZE,
        total,
    );
    console.wait_for(KEY_LIMIT, |s| s.id.is_some());
    let asked_all: Mutex<Option<Instant>> = Mutex::new(None);
    let stop = AtomicBool::new(false);
    let (mut waits, mut unanswered) = (Vec::new(), 0usize);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                if sim_stats(sim).calls.merchant - before >= lookups_due {
                    *asked_all.lock().expect("lock") = Some(Instant::now());
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        loop {
            let sent = Instant::now();
            match console.press_and_time(b"j", KEY_LIMIT) {
                Some(d) => waits.push(d),
                None => unanswered += 1,
            }
            let s = console.seen();
            let names_asked = asked_all.lock().expect("lock").is_some();
            let keys = waits.len() + unanswered;
            if (s.loaded_at.is_some() && names_asked && keys >= min_keys)
                || s.ended
                || started.elapsed() > PASS_LIMIT
            {
                break;
            }
            std::thread::sleep(EVERY.saturating_sub(sent.elapsed()));
        }
        stop.store(true, Ordering::Relaxed);
    });
    let cpu = console.cpu();
    // The last answers, and the cache written after them.
    std::thread::sleep(Duration::from_secs(1));
    let seen = console.seen();
    console.quit();
    let lookups = sim_stats(sim).calls.merchant - before;
    let last_name = cache_written(home)
        .filter(|_| lookups > 0)
        .and_then(|t| t.duration_since(started_at).ok());
    Pass {
        waits,
        unanswered,
        last_page: seen.loaded_at.map(|t| t - started),
        last_name,
        lookups,
        cpu,
    }
}

fn print_pass(name: &str, p: &Pass, floor: Duration, target: f64) {
    let s = summarize(p.waits.clone());
    println!(
        "keys_load.{name}.key_wait keys {} unanswered {}  longest {}  p99 {}  median {}{}",
        s.samples,
        p.unanswered,
        ms(s.max),
        ms(s.p99),
        ms(s.median),
        verdict(
            p.unanswered == 0 && s.max <= Duration::from_millis(100),
            "≤ 100 ms"
        ),
    );
    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64();
    let line = |what: &str, d: Option<Duration>, check: bool| match d {
        Some(d) => println!(
            "keys_load.{name}.{what}_s {:.2}  ratio {:.3}{}",
            d.as_secs_f64(),
            ratio(d),
            if check {
                verdict(ratio(d) <= target, &format!("≤ {target}×"))
            } else {
                String::new()
            }
        ),
        None => println!("keys_load.{name}.{what}_s never"),
    };
    // With names cached, the names come with their pages: the last page
    // ends the load.
    let names = p.last_name.is_some();
    line("last_page", p.last_page, !names);
    if names {
        line("last_name", p.last_name, true);
    }
    println!("keys_load.{name}.merchant_calls {}", p.lookups);
    if let (Some(cpu), Some(end)) = (p.cpu, p.last_name.or(p.last_page)) {
        println!(
            "keys_load.{name}.console_cpu_s {:.2}  ({:.0}% of one core over the load)",
            cpu.as_secs_f64(),
            100.0 * cpu.as_secs_f64() / end.as_secs_f64()
        );
    }
}

fn scratch() -> PathBuf {
    let home = std::env::temp_dir().join(format!("intake-bench-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    std::fs::create_dir_all(&home).expect("a scratch home");
    home
}

/// The figures for `count` requests at `latency_ms` per call.
pub fn keys_during_load(runtime: &tokio::runtime::Runtime, count: usize, latency_ms: u64) {
    let sim = ChildSim::start(&[
        "--seed-count",
        &count.to_string(),
        "--latency-ms",
        &latency_ms.to_string(),
    ]);
    let (first, rows, merchants, pages) =
        runtime.block_on(paging_floor(&sim.base_url, &sim.api_key));
    println!("keys_load.requests {count} at {latency_ms} ms per call");
    println!("keys_load.pending {rows} in {pages} pages, {merchants} merchants");
    let home = scratch();
    let min_keys = if super::smoke() { 3 } else { 10 };
    let cold = pass(&sim, &home, rows, merchants as u64, min_keys);
    let warm = pass(&sim, &home, rows, 0, min_keys);
    // Measured before and after the console's runs; the ratios use the
    // faster, so a slow moment of the machine never flatters them.
    let (second, ..) = runtime.block_on(paging_floor(&sim.base_url, &sim.api_key));
    let floor = first.min(second);
    println!(
        "keys_load.floor_s {:.2} (before {:.2}, after {:.2})",
        floor.as_secs_f64(),
        first.as_secs_f64(),
        second.as_secs_f64()
    );
    print_pass("cold", &cold, floor, 1.5);
    print_pass("warm", &warm, floor, 1.1);
    let _ = std::fs::remove_dir_all(&home);
}
