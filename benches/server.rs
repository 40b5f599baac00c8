//! Figures that need a server: loading 100,000 requests (time, first page,
//! peak memory), bulk activation of 1,000 requests at 50 ms per call,
//! through the console's own worker and event loop, and 1,000 activations
//! against a real rate limit (support/rate.rs), and keys pressed in the real
//! console while a load with names arrives (support/keys_load.rs). The
//! simulator runs in a child process so its memory is not counted. Run:
//! `cargo build --release && cargo bench --bench server` (add `-- --smoke`;
//! `-- --load`, `-- --names`, `-- --bulk`, `-- --rate` or
//! `-- --keys-during-load` runs one section).

mod support;

use std::io;
use std::process::Command as Process;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use intake::api::retry::RetryPolicy;
use intake::api::{Client, IntegrationRequest, SearchQuery, Secret};
use intake::app::{Action, ApiEvent, App, AppConfig, Command, WorkerCall, update};
use intake::ops::Ops;
use intake::tui::{event_loop, worker};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use support::{ChildSim, ms, smoke};

fn config(concurrency: usize) -> AppConfig {
    AppConfig {
        concurrency,
        demo: false,
        tz: chrono::FixedOffset::east_opt(0).expect("a valid offset"),
        ..support::console::config()
    }
}

fn client(sim: &ChildSim) -> Client {
    Client::new(&sim.base_url, &Secret::new(sim.api_key.clone()))
        .expect("a client for the simulator")
}

fn first_load_id(app: &mut App) -> u64 {
    app.init()
        .into_iter()
        .find_map(|c| match c {
            Command::Api(WorkerCall::Load { load_id, .. }) => Some(load_id),
            _ => None,
        })
        .expect("the console loads on start")
}

fn load_figures(count: usize) {
    for page_size in [100usize, 1000] {
        let sim = ChildSim::start(&[
            "--seed-count",
            &count.to_string(),
            "--page-size",
            &page_size.to_string(),
        ]);
        let exe = std::env::current_exe().expect("own path");
        let out = Process::new(exe)
            .args(["--measure-load", &sim.base_url, &sim.api_key])
            .output()
            .expect("run the load measurement");
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(line) = text.lines().find(|l| l.starts_with("LOAD ")) else {
            println!(
                "load, page size {page_size}: failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            continue;
        };
        let f: Vec<&str> = line.split_whitespace().collect();
        let secs = |s: &str| Duration::from_secs_f64(s.parse().unwrap_or(f64::NAN));
        let rss: f64 = f[4].parse().unwrap_or(f64::NAN);
        println!(
            "load {} requests, page size {page_size:<5}  first page {:>10}  all {:>12}  peak RSS {rss:.1} MB{}",
            f[1],
            ms(secs(f[2])),
            ms(secs(f[3])),
            support::verdict(rss <= 150.0, "≤ 150 MB"),
        );
        // With names: every page and every merchant name the console asked
        // for answered; the peak RSS above already includes them.
        println!(
            "load_names.page_size_{page_size} all_with_names_s {:.2} merchants {} peak_rss_mb {rss:.1}",
            secs(f[5]).as_secs_f64(),
            f[6],
        );
    }
}

/// A TestBackend that notes when each frame reaches the "terminal".
struct Recording {
    inner: TestBackend,
    frames: Arc<Mutex<Vec<Instant>>>,
}

impl Backend for Recording {
    type Error = io::Error;
    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.inner.draw(content).map_err(never)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor().map_err(never)
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor().map_err(never)
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        self.inner.get_cursor_position().map_err(never)
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        p: P,
    ) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(p).map_err(never)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear().map_err(never)
    }
    fn clear_region(&mut self, c: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(c).map_err(never)
    }
    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        self.inner.size().map_err(never)
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        self.inner.window_size().map_err(never)
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        if let Ok(mut f) = self.frames.lock() {
            f.push(Instant::now());
        }
        self.inner.flush().map_err(never)
    }
}

fn never(e: std::convert::Infallible) -> io::Error {
    match e {}
}

fn press(c: char) -> io::Result<Event> {
    Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

struct BulkFigure {
    wall: Duration,
    max_gap: Duration,
    frames: usize,
    activated: usize,
}

/// Mark `ids`, press A and confirm, through the real event loop and worker;
/// the bench sits between the loop and the worker to time the run.
async fn bulk_run(
    sim: &ChildSim,
    pending: &[IntegrationRequest],
    concurrency: usize,
) -> BulkFigure {
    let app = loaded_and_marked(pending, concurrency);
    let w = worker::spawn(Ops::unaudited(client(sim), RetryPolicy::default()));
    let (ui_cmd_tx, ui_cmd_rx) = tokio::sync::mpsc::unbounded_channel::<WorkerCall>();
    let (ui_evt_tx, ui_evt_rx) = tokio::sync::mpsc::unbounded_channel::<ApiEvent>();
    let (key_tx, key_rx) = tokio::sync::mpsc::unbounded_channel::<io::Result<Event>>();
    let started: Arc<Mutex<Option<Instant>>> = Arc::default();
    let finished: Arc<Mutex<Option<Instant>>> = Arc::default();
    let activated = Arc::new(std::sync::atomic::AtomicUsize::new(0));

    pass_commands(ui_cmd_rx, w.commands.clone(), started.clone());
    pass_events(
        w.events,
        ui_evt_tx,
        finished.clone(),
        activated.clone(),
        key_tx.clone(),
    );
    let _ = key_tx.send(press('A'));
    let _ = key_tx.send(press('y'));
    drop(key_tx);

    let frames: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let backend = Recording {
        inner: TestBackend::new(160, 48),
        frames: frames.clone(),
    };
    let mut terminal = Terminal::new(backend).expect("test terminal");
    let input = Box::pin(futures_util::stream::unfold(key_rx, |mut rx| async move {
        rx.recv().await.map(|e| (e, rx))
    }));
    // The bench's commands run none of yours.
    let (custom, _) = tokio::sync::mpsc::unbounded_channel();
    let outlets = event_loop::Outlets {
        worker: ui_cmd_tx,
        custom,
    };
    let _ = event_loop::run(&mut terminal, input, app, outlets, ui_evt_rx).await;
    w.task.abort();

    let start = started
        .lock()
        .ok()
        .and_then(|s| *s)
        .expect("the bulk run started");
    let end = finished
        .lock()
        .ok()
        .and_then(|s| *s)
        .expect("the bulk run finished");
    let frames = frames.lock().map(|f| f.clone()).unwrap_or_default();
    let (max_gap, frames) = longest_gap(frames, start, end);
    BulkFigure {
        wall: end - start,
        max_gap,
        frames,
        activated: activated.load(std::sync::atomic::Ordering::Relaxed),
    }
}

/// A console with `pending` loaded and every row marked, ready for A.
fn loaded_and_marked(pending: &[IntegrationRequest], concurrency: usize) -> App {
    let mut app = App::new(config(concurrency), chrono::Utc::now());
    let load_id = first_load_id(&mut app);
    let _ = update(
        &mut app,
        Action::Api(ApiEvent::Page {
            load_id,
            items: pending.to_vec(),
            done: true,
        }),
    );
    // Mark every visible row: the pending, activatable requests.
    let _ = update(
        &mut app,
        Action::Key(KeyEvent::new(KeyCode::Char('*'), KeyModifiers::NONE)),
    );
    app
}

/// Pass the loop's commands to the worker, noting when the bulk run was sent.
fn pass_commands(
    mut ui_cmd_rx: tokio::sync::mpsc::UnboundedReceiver<WorkerCall>,
    commands: tokio::sync::mpsc::UnboundedSender<WorkerCall>,
    started: Arc<Mutex<Option<Instant>>>,
) {
    tokio::spawn(async move {
        while let Some(c) = ui_cmd_rx.recv().await {
            match &c {
                // The list is already loaded; a reload would only add noise.
                WorkerCall::Load { .. } => continue,
                WorkerCall::BulkActivate { .. } => {
                    if let Ok(mut s) = started.lock() {
                        s.get_or_insert_with(Instant::now);
                    }
                }
                _ => {}
            }
            let _ = commands.send(c);
        }
    });
}

/// Pass the worker's events to the loop, counting activations and noting
/// when the run finished; then leave the results and quit.
fn pass_events(
    mut events: tokio::sync::mpsc::UnboundedReceiver<ApiEvent>,
    ui_evt_tx: tokio::sync::mpsc::UnboundedSender<ApiEvent>,
    finished: Arc<Mutex<Option<Instant>>>,
    activated: Arc<std::sync::atomic::AtomicUsize>,
    keys: tokio::sync::mpsc::UnboundedSender<io::Result<Event>>,
) {
    tokio::spawn(async move {
        while let Some(e) = events.recv().await {
            let end = matches!(e, ApiEvent::BulkFinished { .. });
            if matches!(e, ApiEvent::Activated { result: Ok(_), .. }) {
                activated.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            let _ = ui_evt_tx.send(e);
            if end {
                if let Ok(mut f) = finished.lock() {
                    *f = Some(Instant::now());
                }
                // Let the results view draw, then leave it and quit.
                tokio::time::sleep(Duration::from_millis(200)).await;
                let _ = keys.send(Ok(Event::Key(KeyEvent::new(
                    KeyCode::Esc,
                    KeyModifiers::NONE,
                ))));
                let _ = keys.send(press('q'));
                let _ = keys.send(press('y'));
            }
        }
    });
}

/// The longest time without a frame between `start` and `end`, and the
/// frames drawn in between.
fn longest_gap(frames: Vec<Instant>, start: Instant, end: Instant) -> (Duration, usize) {
    let during: Vec<Instant> = frames
        .into_iter()
        .filter(|t| *t >= start && *t <= end)
        .collect();
    let mut max_gap = during.first().map(|t| *t - start).unwrap_or_default();
    for pair in during.windows(2) {
        max_gap = max_gap.max(pair[1] - pair[0]);
    }
    if let Some(last) = during.last() {
        max_gap = max_gap.max(end - *last);
    }
    (max_gap, during.len())
}

async fn bulk_figures(count: usize, latency_ms: u64, concurrencies: &[usize]) {
    for &concurrency in concurrencies {
        // A fresh server each time so every run has `count` pending requests.
        let sim = ChildSim::start(&[
            "--seed-count",
            &(count * 4).to_string(),
            "--latency-ms",
            &latency_ms.to_string(),
            "--page-size",
            "1000",
        ]);
        let pending: Vec<IntegrationRequest> = client(&sim)
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
        let f = bulk_run(&sim, &pending, concurrency).await;
        let ids: Vec<String> = pending.iter().map(|r| r.id.clone()).collect();
        // What the server holds, not what the console was told: a figure from
        // a run that left requests pending is not a good figure.
        let on_server = support::rate::active_on_server(&client(&sim), &ids).await;
        println!("bulk.c{concurrency}.active_on_server {on_server} of {count}");
        if on_server != count || f.activated != count {
            println!(
                "bulk activate {count}, concurrency {concurrency}: INVALID, {} of {count} activated on the server ({} reported); no figure",
                on_server, f.activated
            );
            continue;
        }
        let ideal = Duration::from_millis(latency_ms) * count as u32 / concurrency as u32;
        let ratio = f.wall.as_secs_f64() / ideal.as_secs_f64();
        println!(
            "bulk activate {count} at {latency_ms} ms/call, concurrency {concurrency:<3} wall {:>12}  ideal {:>12}  ratio {ratio:.2}{}  activated {}  frames {}  longest frame gap {} (bounded by the 40 ms tick){}",
            ms(f.wall),
            ms(ideal),
            if concurrency > 1 {
                support::verdict(ratio <= 1.25, "≤ 1.25")
            } else {
                " (baseline)".to_string()
            },
            f.activated,
            f.frames,
            ms(f.max_gap),
            support::verdict(f.max_gap <= Duration::from_millis(50), "≤ 50 ms"),
        );
    }
}

/// The sections one may run alone.
const GROUPS: [&str; 8] = [
    "--load",
    "--names",
    "--bulk",
    "--rate",
    "--keys-during-load",
    "--wire",
    "--wire-rate",
    "--wire-bulk",
];

fn main() {
    intake::install_crypto();
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    if let Some(i) = args.iter().position(|a| a == "--measure-load") {
        let (url, key) = (args[i + 1].clone(), args[i + 2].clone());
        runtime.block_on(support::load::measure_load(
            url,
            key,
            config(8),
            first_load_id,
        ));
        return;
    }
    let smoke = smoke();
    println!(
        "intake server benchmarks{}",
        if smoke { ", smoke run" } else { "" }
    );
    let only = |name: &str| {
        !args.iter().any(|a| GROUPS.contains(&a.as_str())) || args.iter().any(|a| a == name)
    };
    if only("--load") {
        load_figures(if smoke { 2_000 } else { 100_000 });
    }
    if only("--names") {
        support::names::names_figures(&runtime, if smoke { 2_000 } else { 100_000 }, 30);
    }
    if only("--bulk") {
        let (count, conc): (usize, &[usize]) = if smoke { (50, &[16]) } else { (1000, &[16, 1]) };
        runtime.block_on(bulk_figures(count, if smoke { 5 } else { 50 }, conc));
    }
    if only("--rate") {
        let count = if smoke { 30 } else { 1000 };
        runtime.block_on(support::rate::rate_limited(
            count,
            20,
            if smoke { 5 } else { 50 },
        ));
        runtime.block_on(support::rate::unlimited(count, 16, 50));
    }
    if only("--keys-during-load") {
        let (count, latency) = if smoke { (2_000, 5) } else { (100_000, 30) };
        support::keys_load::keys_during_load(&runtime, count, latency);
    }
    let wire_part = args
        .iter()
        .any(|a| a == "--wire-rate" || a == "--wire-bulk");
    if only("--wire") || wire_part {
        support::wire::wire_figures(&runtime, smoke);
    }
}
