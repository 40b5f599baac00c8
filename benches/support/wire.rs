//! Issue 20's figures: what activations and imports cost on the wire, each
//! counted from the simulator's own stats (`/_sim/stats`, merchant lookups
//! left out) and measured on every revision: `both` (the default) and
//! `later` read by id, `reference` reads only by search. Per revision:
//!
//! - `wire.REV.calls_per_100`: the release binary's `intake activate -` of
//!   100 ids; calls made (target ≤ 102).
//! - `wire.REV.bulk.*`: 400 activations at 200 ms per call, concurrency 16:
//!   a plain keep-alive `reqwest::Client` posting `…/activate`, then the
//!   binary, then `Ops::activate_many` in process without and with an audit
//!   log, each on its own ids of the same server, in 3 interleaved rounds;
//!   ratios of the medians to the plain client's (target ≤ 1.05).
//! - `wire.REV.rate.*`: 300 activations by the binary against
//!   `--rate-limit 20` (every call counted), 50 ms per call, concurrency 16;
//!   ratio to the 15 s the limit allows (≤ 1.10), share of 429s (≤ 5%),
//!   failures (0).
//! - `wire.REV.import.*`: `intake import FILE --yes` of 50 rows (ePay
//!   requests without a terminalId) on an account of 10 pages; calls by kind.
//!   On the reference revision: at most 2 searches of the account + N + 2.
//!
//! The binary runs with a scratch home, cache dir and audit file, and with
//! the names cached first (`intake list --pending` on the same server), so
//! the figures are the activations' own.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use intake::api::retry::RetryPolicy;
use intake::api::{IntegrationRequest, IntegrationType, SearchQuery};
use intake::audit::AuditLog;
use intake::ops::{ActivateJob, Cancel, ChangeGuard, Ops, Order, RunEvent};
use intake::sim::SimStats;
use tokio::runtime::Runtime;

use super::rate::{active_on_server, client, pending, sim_stats};
use super::{ChildSim, intake_binary, verdict};

const REVISIONS: [&str; 3] = ["both", "later", "reference"];

/// Sizes of one run of the group.
struct Sizes {
    calls: usize,
    bulk: usize,
    bulk_latency_ms: u64,
    bulk_rounds: usize,
    rate: usize,
    rate_latency_ms: u64,
    import_rows: usize,
    import_seed: usize,
    import_page: usize,
}

const FULL: Sizes = Sizes {
    calls: 100,
    bulk: 400,
    bulk_latency_ms: 200,
    bulk_rounds: 3,
    rate: 300,
    rate_latency_ms: 50,
    import_rows: 50,
    import_seed: 1000,
    import_page: 100,
};

const SMOKE: Sizes = Sizes {
    calls: 10,
    bulk: 16,
    bulk_latency_ms: 5,
    bulk_rounds: 1,
    rate: 10,
    rate_latency_ms: 5,
    import_rows: 3,
    import_seed: 200,
    import_page: 100,
};

const CONCURRENCY: usize = 16;
const RATE_LIMIT: u32 = 20;
/// How long into a rate-limited run its early 429s are counted.
const EARLY: Duration = Duration::from_secs(2);

pub fn wire_figures(runtime: &Runtime, smoke: bool) {
    let sizes = if smoke { &SMOKE } else { &FULL };
    // `--wire-rate` and `--wire-bulk` run one part alone (a minute or two).
    let alone = |flag: &str| std::env::args().any(|a| a == flag);
    // A smoke run (CI) takes one revision, the one that reads by search
    // and learns routes: it walks every row's code in a third of the time.
    let revisions = if smoke {
        &REVISIONS[REVISIONS.len() - 1..]
    } else {
        &REVISIONS[..]
    };
    for &revision in revisions {
        if alone("--wire-rate") || alone("--wire-bulk") {
            if alone("--wire-bulk") {
                bulk(runtime, revision, sizes);
            }
            if alone("--wire-rate") {
                rate_limited(runtime, revision, sizes);
            }
            continue;
        }
        calls_per_activation(runtime, revision, sizes);
        bulk(runtime, revision, sizes);
        rate_limited(runtime, revision, sizes);
        import(runtime, revision, sizes);
    }
}

/// A scratch home for the binary, removed when dropped.
struct Home(PathBuf);

impl Home {
    fn new(label: &str) -> Home {
        let dir =
            std::env::temp_dir().join(format!("intake-bench-wire-{}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch home");
        Home(dir)
    }

    /// The binary pointed at `sim`, with nothing of the developer's setup:
    /// its config, cache dir, log and audit file all in this home.
    fn intake(&self, sim: &ChildSim) -> Command {
        let home = &self.0;
        let mut c = Command::new(intake_binary());
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("INTAKE_CACHE_DIR", home.join("cache"))
            .env("INTAKE_LOG_FILE", home.join("intake.log"))
            .env("INTAKE_AUDIT_FILE", home.join("audit.jsonl"))
            .env("CENTRAPAY_BASE_URL", &sim.base_url)
            .env("CENTRAPAY_API_KEY", &sim.api_key)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// `intake list --pending`, so the names the runs print are cached.
    fn cache_names(&self, sim: &ChildSim) {
        let out = self
            .intake(sim)
            .args(["list", "--pending"])
            .output()
            .expect("run intake list");
        assert!(
            out.status.success(),
            "intake list failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `intake activate - --concurrency N` with `ids` on stdin: wall time
    /// and whether it exited 0.
    fn activate(&self, sim: &ChildSim, ids: &[String], concurrency: usize) -> (Duration, bool) {
        let mut child = self
            .intake(sim)
            .args(["activate", "-", "--concurrency", &concurrency.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("run intake activate");
        let start = Instant::now();
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin
            .write_all(ids.join("\n").as_bytes())
            .expect("ids on stdin");
        drop(stdin);
        let out = child.wait_with_output().expect("intake activate ends");
        let wall = start.elapsed();
        if !out.status.success() {
            println!(
                "intake activate failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        (wall, out.status.success())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The calls the simulator counted between two snapshots, without the
/// merchant lookups (which the targets do not count). `total` is the
/// simulator's `total_calls` plus the calls to routes this revision does
/// not serve (a `GET /{id}` on the reference revision, a `POST …/update` on
/// the later one): those are answered 404 before the counter of
/// `total_calls`, but a real server is called all the same, and `calls`
/// counts them by kind.
struct Calls {
    total: u64,
    unrouted: u64,
    activate: u64,
    read_one: u64,
    search: u64,
    post_update: u64,
    put_configs: u64,
    merchant: u64,
    rate_limited: u64,
}

impl Calls {
    fn between(revision: &str, before: &SimStats, after: &SimStats) -> Calls {
        let merchant = after.calls.merchant - before.calls.merchant;
        let read_one = after.calls.read_one - before.calls.read_one;
        let post_update = after.calls.post_update - before.calls.post_update;
        let put_configs = after.calls.put_configs - before.calls.put_configs;
        let unrouted = match revision {
            "reference" => read_one + put_configs,
            "later" => post_update,
            _ => 0,
        };
        Calls {
            total: after.total_calls - before.total_calls - merchant + unrouted,
            unrouted,
            activate: after.activate_calls - before.activate_calls,
            read_one,
            search: after.calls.search - before.calls.search,
            post_update,
            put_configs,
            merchant,
            rate_limited: after.faults.rate_limited - before.faults.rate_limited,
        }
    }

    fn breakdown(&self) -> String {
        format!(
            "activate_handled {} answered_429 {} read_one {} search_pages {} post_update {} put_configs {} of_these_unrouted_404 {} merchant_not_counted {}",
            self.activate,
            self.rate_limited,
            self.read_one,
            self.search,
            self.post_update,
            self.put_configs,
            self.unrouted,
            self.merchant
        )
    }
}

fn start_sim(revision: &str, seed_count: usize, page_size: usize, extra: &[&str]) -> ChildSim {
    let (seed, page) = (seed_count.to_string(), page_size.to_string());
    let mut args = vec![
        "--revision",
        revision,
        "--seed-count",
        &seed,
        "--page-size",
        &page,
    ];
    args.extend_from_slice(extra);
    ChildSim::start(&args)
}

fn ids_of(requests: &[IntegrationRequest]) -> Vec<String> {
    requests.iter().map(|r| r.id.clone()).collect()
}

/// Target 1: `count` activations by the binary, calls counted.
fn calls_per_activation(runtime: &Runtime, revision: &str, sizes: &Sizes) {
    let count = sizes.calls;
    let sim = start_sim(revision, count * 4, 1000, &[]);
    let home = Home::new(&format!("calls-{revision}"));
    home.cache_names(&sim);
    let ids = ids_of(&runtime.block_on(pending(&sim, count)));
    let before = runtime.block_on(sim_stats(&sim));
    let (_, ok) = home.activate(&sim, &ids, CONCURRENCY);
    let after = runtime.block_on(sim_stats(&sim));
    let calls = Calls::between(revision, &before, &after);
    let active = runtime.block_on(active_on_server(&client(&sim), &ids));
    let name = format!("wire.{revision}.calls_per_{count}");
    println!("{name}.activated {active} of {count}");
    println!("{name}.breakdown {}", calls.breakdown());
    if ok && active == count {
        let bound = count as u64 + 2;
        println!(
            "{name} {}{}",
            calls.total,
            verdict(calls.total <= bound, &format!("≤ {bound}"))
        );
    } else {
        println!("{name} INVALID (not every request was activated)");
    }
}

/// `POST …/activate` of every id, `concurrency` at a time, by a plain
/// keep-alive client: the floor for the same activations on this server.
async fn plain_client(sim: &ChildSim, ids: &[String], concurrency: usize) -> (Duration, usize) {
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an http client");
    let start = Instant::now();
    let ok = futures_util::stream::iter(ids)
        .map(|id| {
            let request = http
                .post(format!(
                    "{}/api/integration-requests/{id}/activate",
                    sim.base_url
                ))
                .header("x-api-key", &sim.api_key);
            async move {
                let response = request.send().await.ok()?;
                let ok = response.status().is_success();
                response.bytes().await.ok()?;
                ok.then_some(())
            }
        })
        .buffer_unordered(concurrency)
        .filter(|r| std::future::ready(r.is_some()))
        .count()
        .await;
    (start.elapsed(), ok)
}

/// The core the CLI and console share, in this process: ids alone, as
/// `intake activate` sends them; with an audit log at `audit` (each line
/// written and synced to disk, as the binary does) or none.
async fn in_process(
    sim: &ChildSim,
    ids: &[String],
    concurrency: usize,
    audit: Option<&Path>,
) -> (Duration, usize) {
    let ops = match audit {
        Some(path) => Ops::new(
            client(sim),
            RetryPolicy::default(),
            AuditLog::open_at(path, "bench", &sim.base_url).expect("an audit log"),
            ChangeGuard::default(),
        ),
        None => Ops::unaudited(client(sim), RetryPolicy::default()),
    };
    let jobs = ids.iter().map(ActivateJob::new).collect();
    let mut failed = 0;
    let start = Instant::now();
    ops.activate_many(
        intake::ops::RunStart::New,
        jobs,
        concurrency,
        Order::AsFinished,
        &Cancel::default(),
        |e| {
            if let RunEvent::Finished { result: Err(_), .. } = e {
                failed += 1;
            }
            std::ops::ControlFlow::Continue(())
        },
    )
    .await
    .expect("the run starts");
    (start.elapsed(), ids.len() - failed)
}

/// The four ways the same activations are sent in [`bulk`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Way {
    Plain,
    Binary,
    Core,
    CoreAudited,
}

impl Way {
    const ALL: [Way; 4] = [Way::Plain, Way::Binary, Way::Core, Way::CoreAudited];

    fn name(self) -> &'static str {
        match self {
            Way::Plain => "plain",
            Way::Binary => "binary",
            Way::Core => "core",
            Way::CoreAudited => "core_audited",
        }
    }
}

/// One way's runs: wall times, and whether every id of every run ended
/// activated (as it said and as the server holds), and the calls of each.
#[derive(Default)]
struct Runs {
    walls: Vec<f64>,
    calls: Vec<u64>,
    ids: Vec<String>,
    all_ok: bool,
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn list(v: &[f64]) -> String {
    let all: Vec<String> = v.iter().map(|x| format!("{x:.3}")).collect();
    all.join(" ")
}

/// Target 2: the same number of activations by a plain client, the binary
/// and the core in process (without and with the binary's audit log), on
/// one server, each on its own ids, in `rounds` interleaved rounds so a
/// busy moment of the shared machine falls on every way alike; ratios of
/// the medians to the plain client's.
fn bulk(runtime: &Runtime, revision: &str, sizes: &Sizes) {
    let (count, rounds) = (sizes.bulk, sizes.bulk_rounds);
    let latency = sizes.bulk_latency_ms.to_string();
    let sim = start_sim(
        revision,
        count * 8 * rounds,
        1000,
        &["--latency-ms", &latency],
    );
    let home = Home::new(&format!("bulk-{revision}"));
    home.cache_names(&sim);
    let all = ids_of(&runtime.block_on(pending(&sim, count * 4 * rounds)));
    let mut sets = all.chunks(count);
    let name = format!("wire.{revision}.bulk");
    let ideal = Duration::from_millis(sizes.bulk_latency_ms) * count.div_ceil(CONCURRENCY) as u32;
    println!(
        "{name}.setup {count} activations at {} ms per call, concurrency {CONCURRENCY}, {rounds} rounds; one-call ideal {:.3} s",
        sizes.bulk_latency_ms,
        ideal.as_secs_f64()
    );
    let audit = home.0.join("core-audit.jsonl");
    let mut runs: Vec<Runs> = Way::ALL
        .iter()
        .map(|_| Runs {
            all_ok: true,
            ..Runs::default()
        })
        .collect();
    for _ in 0..rounds {
        for (way, r) in Way::ALL.into_iter().zip(&mut runs) {
            let ids = sets.next().expect("a set of ids for each run");
            let before = runtime.block_on(sim_stats(&sim));
            let (wall, ok) = match way {
                Way::Plain => {
                    let (wall, ok) = runtime.block_on(plain_client(&sim, ids, CONCURRENCY));
                    (wall, ok == count)
                }
                Way::Binary => home.activate(&sim, ids, CONCURRENCY),
                Way::Core | Way::CoreAudited => {
                    let log = (way == Way::CoreAudited).then_some(audit.as_path());
                    let (wall, ok) = runtime.block_on(in_process(&sim, ids, CONCURRENCY, log));
                    (wall, ok == count)
                }
            };
            let after = runtime.block_on(sim_stats(&sim));
            r.walls.push(wall.as_secs_f64());
            r.calls
                .push(Calls::between(revision, &before, &after).total);
            r.ids.extend_from_slice(ids);
            r.all_ok &= ok;
        }
    }
    let c = client(&sim);
    for r in &mut runs {
        r.all_ok &= runtime.block_on(active_on_server(&c, &r.ids)) == r.ids.len();
    }
    report_bulk(&name, &runs, ideal);
}

/// Each way's median and runs, then its ratio to the plain client's, or
/// INVALID when a run of it left a request not activated.
fn report_bulk(name: &str, runs: &[Runs], ideal: Duration) {
    for (way, r) in Way::ALL.into_iter().zip(runs) {
        let calls: Vec<String> = r.calls.iter().map(u64::to_string).collect();
        println!(
            "{name}.{}_s {:.3} (median; runs {}; calls per run {})",
            way.name(),
            median(&r.walls),
            list(&r.walls),
            calls.join(" ")
        );
    }
    let plain = &runs[0];
    if !plain.all_ok {
        println!("{name}.ratios INVALID (the plain client's activations did not all succeed)");
        return;
    }
    println!(
        "{name}.plain_ratio_to_ideal {:.3}",
        median(&plain.walls) / ideal.as_secs_f64()
    );
    for (way, r) in Way::ALL.into_iter().zip(runs).skip(1) {
        if !r.all_ok {
            println!(
                "{name}.{}_ratio INVALID (not every request was activated)",
                way.name()
            );
            continue;
        }
        let ratio = median(&r.walls) / median(&plain.walls);
        let each: Vec<f64> = r
            .walls
            .iter()
            .zip(&plain.walls)
            .map(|(w, p)| w / p)
            .collect();
        let target = match way {
            Way::CoreAudited => String::new(),
            _ => verdict(ratio <= 1.05, "≤ 1.05"),
        };
        println!(
            "{name}.{}_ratio {ratio:.3}{target} (each round {})",
            way.name(),
            list(&each)
        );
    }
}

/// Target 3: activations by the binary against a limit that counts every
/// call, with the names cached first and the bucket full again.
fn rate_limited(runtime: &Runtime, revision: &str, sizes: &Sizes) {
    let count = sizes.rate;
    let (latency, limit) = (sizes.rate_latency_ms.to_string(), RATE_LIMIT.to_string());
    let sim = start_sim(
        revision,
        count * 4,
        1000,
        &["--latency-ms", &latency, "--rate-limit", &limit],
    );
    let home = Home::new(&format!("rate-{revision}"));
    home.cache_names(&sim);
    let ids = ids_of(&runtime.block_on(pending(&sim, count)));
    // The bucket (burst = limit) refills in a second.
    if count > RATE_LIMIT as usize {
        std::thread::sleep(Duration::from_millis(1100));
    }
    let before = runtime.block_on(sim_stats(&sim));
    // The 429s of the run's first seconds, read while it goes: the ones
    // answered before the client has learnt the limit.
    let (wall, ok, early) = std::thread::scope(|s| {
        let run = s.spawn(|| home.activate(&sim, &ids, CONCURRENCY));
        let start = Instant::now();
        let mut early = None;
        while !run.is_finished() {
            std::thread::sleep(Duration::from_millis(50));
            if early.is_none() && start.elapsed() >= EARLY {
                let now = runtime.block_on(sim_stats(&sim));
                early = Some(now.faults.rate_limited - before.faults.rate_limited);
            }
        }
        let (wall, ok) = run.join().expect("the run's thread ends");
        (wall, ok, early)
    });
    let after = runtime.block_on(sim_stats(&sim));
    let calls = Calls::between(revision, &before, &after);
    let active = runtime.block_on(active_on_server(&client(&sim), &ids));
    let ideal = count as f64 / f64::from(RATE_LIMIT);
    let ratio = wall.as_secs_f64() / ideal;
    // Merchant lookups count against a real limit: with names cached there
    // should be none, and any there were are in the share.
    let all_calls = calls.total + calls.merchant;
    let share = calls.rate_limited as f64 / all_calls.max(1) as f64;
    let name = format!("wire.{revision}.rate");
    println!(
        "{name}.setup {count} activations, limit {RATE_LIMIT}/s, {} ms per call, concurrency {CONCURRENCY}; ideal {ideal:.2} s",
        sizes.rate_latency_ms
    );
    println!("{name}.wall_s {:.2}", wall.as_secs_f64());
    println!("{name}.calls {all_calls} ({})", calls.breakdown());
    println!("{name}.answered_429 {}", calls.rate_limited);
    if let Some(early) = early {
        println!("{name}.answered_429_first_{}s {early}", EARLY.as_secs());
    }
    println!(
        "{name}.failed {}",
        if ok {
            "0".to_string()
        } else {
            "SOME (exit 1)".to_string()
        }
    );
    println!("{name}.activated {active} of {count}");
    if ok && active == count {
        println!(
            "{name}.ratio {ratio:.3}{}",
            verdict(ratio <= 1.10, "≤ 1.10")
        );
        println!(
            "{name}.share_429 {share:.4}{}",
            verdict(share <= 0.05, "≤ 0.05")
        );
    } else {
        println!("{name}.ratio INVALID (requests failed or were not activated)");
    }
}

/// Target 4: `intake import FILE --yes` of rows that each set a terminalId
/// on a pending ePay request, calls by kind.
fn import(runtime: &Runtime, revision: &str, sizes: &Sizes) {
    let rows = sizes.import_rows;
    let sim = start_sim(
        revision,
        sizes.import_seed,
        sizes.import_page,
        &["--latency-ms", "20"],
    );
    let account_pages = sizes.import_seed.div_ceil(sizes.import_page) as u64;
    let home = Home::new(&format!("import-{revision}"));
    home.cache_names(&sim);
    let every = runtime
        .block_on(client(&sim).search(&SearchQuery {
            pending: true,
            ..SearchQuery::default()
        }))
        .expect("search the simulator");
    let targets: Vec<&IntegrationRequest> = every
        .iter()
        .filter(|r| r.kind == IntegrationType::Epay && r.needs_terminal_id())
        .take(rows)
        .collect();
    assert_eq!(targets.len(), rows, "the seed has enough ePay rows to set");
    let mut csv = String::from("id,terminalId\n");
    for (n, r) in targets.iter().enumerate() {
        csv.push_str(&format!("{},{}\n", r.id, 11_900_000 + n));
    }
    let file = home.0.join("terminals.csv");
    std::fs::write(&file, csv).expect("write the import file");

    let before = runtime.block_on(sim_stats(&sim));
    let start = Instant::now();
    let out = home
        .intake(&sim)
        .args(["import", &file.display().to_string(), "--yes"])
        .output()
        .expect("run intake import");
    let wall = start.elapsed();
    let after = runtime.block_on(sim_stats(&sim));
    let calls = Calls::between(revision, &before, &after);
    let set = set_on_server(runtime, &sim, &targets);
    let name = format!("wire.{revision}.import");
    println!(
        "{name}.setup {rows} rows, account of {} requests in {account_pages} pages, 20 ms per call",
        sizes.import_seed
    );
    println!("{name}.wall_s {:.2}", wall.as_secs_f64());
    println!("{name}.set_on_server {set} of {rows}");
    println!("{name}.breakdown {}", calls.breakdown());
    println!(
        "{name}.account_searches {:.1}",
        calls.search as f64 / account_pages as f64
    );
    if !out.status.success() || set != rows {
        println!(
            "{name}.calls INVALID (the import failed: {})",
            String::from_utf8_lossy(&out.stderr).trim()
        );
        return;
    }
    let n = rows as u64;
    match revision {
        // Two searches of the account, the N writes, and 2 more.
        "reference" => {
            let bound = 2 * account_pages + n + 2;
            println!(
                "{name}.calls {}{}",
                calls.total,
                verdict(calls.total <= bound, &format!("≤ {bound}"))
            );
        }
        // No target: one search (the preview's), one GET and one write per
        // row, and at most 2 more (a route learnt with a 404).
        _ => {
            let expected = account_pages + 2 * n + 2;
            println!(
                "{name}.calls {} (one search, a GET and a write per row, + 2: {expected})",
                calls.total
            );
        }
    }
}

/// How many of `targets` hold the terminalId the import set.
fn set_on_server(runtime: &Runtime, sim: &ChildSim, targets: &[&IntegrationRequest]) -> usize {
    let wanted: HashSet<&str> = targets.iter().map(|r| r.id.as_str()).collect();
    runtime
        .block_on(client(sim).search(&SearchQuery {
            pending: false,
            ..SearchQuery::default()
        }))
        .expect("read the simulator back")
        .iter()
        .filter(|r| wanted.contains(r.id.as_str()) && r.effective_terminal_id().is_some())
        .count()
}
