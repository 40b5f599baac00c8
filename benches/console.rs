//! Console figures that need no server: a filter keystroke (update + one
//! frame) and a frame alone at 10,000 and 100,000 requests, the filter
//! scan in slices at 100,000 and 1,000,000 (first frame, complete, history
//! keystrokes, longest gap), and startup to the first frame. Run: `cargo bench --bench console` (add `-- --smoke` for
//! a few seconds' check). See BENCHMARKS.md.

mod support;

use std::io::Read;
use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use intake::app::{Action, App, update};
use intake::testkit::key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::console::{HEIGHT, WIDTH, config, frame, loaded_app, requests};
use support::{report, smoke, summarize};

/// One sample per keystroke: update() with the key, then one frame.
fn keystrokes(
    terminal: &mut Terminal<TestBackend>,
    app: &mut App,
    keys: &[Action],
    rounds: usize,
) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(keys.len() * rounds);
    for _ in 0..rounds {
        for k in keys {
            let start = Instant::now();
            let _ = update(app, k.clone());
            frame(terminal, app);
            samples.push(start.elapsed());
        }
    }
    samples
}

fn typing(text: &str) -> Vec<Action> {
    text.chars().map(|c| key(KeyCode::Char(c))).collect()
}

fn filter_figures(n: usize, rounds: usize) {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    frame(&mut terminal, &mut app);
    let _ = update(&mut app, key(KeyCode::Char('/')));

    // A realistic query typed and erased: narrows quickly.
    let query = "type:epay merchant:5e";
    let mut keys = typing(query);
    keys.extend(std::iter::repeat_n(key(KeyCode::Backspace), query.len()));
    let s = summarize(keystrokes(&mut terminal, &mut app, &keys, rounds));
    let (median, p99) = if n >= 100_000 {
        (
            Some(Duration::from_millis(8)),
            Some(Duration::from_millis(16)),
        )
    } else {
        (Some(Duration::from_millis(2)), None)
    };
    report(
        &format!("filter keystroke, typed query, {n} requests"),
        &s,
        median,
        p99,
    );

    let _ = update(&mut app, key(KeyCode::Esc));
}

/// The scan in slices (item 3) and the old "worst case" split in two
/// (full-scan keystrokes, then Backspace served from the history).
fn slice_figures(n: usize, rounds: usize) {
    let f = support::slices::measure(n, rounds);
    support::slices::print(n, &f);
}

fn frame_figures(n: usize, rounds: usize) {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    for (name, jump) in [("top", KeyCode::Char('g')), ("after G", KeyCode::Char('G'))] {
        let _ = update(&mut app, key(jump));
        let mut samples = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let start = Instant::now();
            frame(&mut terminal, &mut app);
            samples.push(start.elapsed());
        }
        report(
            &format!("frame, cursor at {name}, {n} requests"),
            &summarize(samples),
            Some(Duration::from_millis(2)),
            None,
        );
    }
}

/// In-process: App::new, init and the first frame (spinner, no data yet).
fn startup_in_process(rounds: usize) {
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let start = Instant::now();
        let mut app = App::new(config(), chrono::Utc::now());
        let _ = app.init();
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
        frame(&mut terminal, &mut app);
        samples.push(start.elapsed());
    }
    report(
        "startup to first frame, in process",
        &summarize(samples),
        Some(Duration::from_millis(100)),
        None,
    );
}

/// The real binary in a pseudo-terminal (portable-pty): from spawning
/// `intake --demo` to the first bytes of its title bar on the terminal.
/// This includes the demo simulator's start, so it is an upper bound.
fn startup_process(rounds: usize) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let bin = support::intake_binary();
    let mut samples = Vec::new();
    for _ in 0..rounds {
        let dir = std::env::temp_dir().join(format!("intake-bench-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: HEIGHT,
                cols: WIDTH,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(&bin);
        cmd.arg("--demo");
        cmd.env("INTAKE_LOG_FILE", dir.join("intake.log"));
        cmd.cwd(&dir);
        let start = Instant::now();
        let mut child = pair.slave.spawn_command(cmd).expect("spawn on the pty");
        drop(pair.slave);
        let mut out = pair.master.try_clone_reader().expect("the pty's reader");
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        let mut elapsed = None;
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("DEMO") {
                elapsed = Some(start.elapsed());
                break;
            }
        }
        // End intake itself, so no run is left behind competing for the CPU
        // with the next measurement.
        let _ = child.kill();
        let _ = child.wait();
        drop(out);
        drop(pair.master);
        let _ = std::fs::remove_dir_all(&dir);
        match elapsed {
            Some(e) => samples.push(e),
            None => {
                println!("startup to first frame, real process: the title never appeared");
                return;
            }
        }
    }
    report(
        "startup to first frame, real process in a pty (`intake --demo`)",
        &summarize(samples),
        Some(Duration::from_millis(100)),
        None,
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        // `cargo test --benches` asks a harness-less bench to list its tests.
        return;
    }
    let smoke = smoke();
    let (sizes, rounds): (&[usize], usize) = if smoke {
        (&[1_000], 2)
    } else {
        (&[10_000, 100_000], 20)
    };
    println!(
        "intake console benchmarks ({WIDTH}x{HEIGHT} TestBackend){}",
        if smoke { ", smoke run" } else { "" }
    );
    for &n in sizes {
        filter_figures(n, rounds);
        frame_figures(n, rounds * 10);
    }
    // Above one slice (50,000 rows), so the smoke run steps too.
    let (slice_sizes, slice_rounds): (&[usize], usize) = if smoke {
        (&[60_000], 2)
    } else {
        (&[100_000, 1_000_000], 100)
    };
    for &n in slice_sizes {
        slice_figures(n, slice_rounds);
    }
    startup_in_process(if smoke { 3 } else { 50 });
    startup_process(if smoke { 1 } else { 10 });
}
