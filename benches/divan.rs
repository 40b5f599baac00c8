//! The console figures as divan benchmarks: filter keystrokes plus one
//! frame (full-scan and history keystrokes apart, at 100,000 and
//! 1,000,000 requests), a full scan to its complete matches, and a frame
//! alone at 10,000 and 100,000. divan reports
//! medians; `benches/console.rs` adds the p99 the targets also need.
//! Run: `cargo bench --bench divan`.

mod support;

use std::cell::RefCell;

use crossterm::event::KeyCode;
use divan::Bencher;
use intake::app::{App, update};
use intake::testkit::key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::console::{HEIGHT, WIDTH, frame, loaded_app, requests};
use support::slices;

fn main() {
    divan::main();
}

/// The sizes a benchmark measures under `cargo bench`. In divan's test mode
/// (`cargo test --bench divan`, as CI runs it: no `--bench` flag, each
/// benchmark once, in a debug build) only the smallest, capped at
/// [`SMOKE_ROWS`], so the check that every benchmark still runs takes
/// seconds, not the half minute each 1,000,000-request setup takes
/// unoptimised.
fn sizes(measured: &'static [usize]) -> &'static [usize] {
    let flag = |f: &str| std::env::args().any(|a| a == f);
    match (flag("--test") || !flag("--bench"), measured) {
        (true, [first, ..]) if *first > SMOKE_ROWS => &[SMOKE_ROWS],
        (true, _) => &measured[..1],
        (false, _) => measured,
    }
}

/// Above one filter slice (50,000 rows), so the smoke run still scans in
/// slices as the real sizes do.
const SMOKE_ROWS: usize = 60_000;

/// A full-scan keystroke and the first frame after it: `e` typed in the
/// empty filter, so nothing is remembered (the untimed input is the
/// Backspace that empties it again, after the scan is complete).
#[divan::bench(args = sizes(&[100_000, 1_000_000]), sample_count = 100, sample_size = 1)]
fn filter_full_scan_keystroke_and_frame(bencher: Bencher, n: usize) {
    let (app, terminal) = filter_line(n);
    bencher
        .with_inputs(|| {
            let (mut app, mut terminal) = (app.borrow_mut(), terminal.borrow_mut());
            slices::run_to_complete(&mut terminal, &mut app);
            let _ = update(&mut app, key(KeyCode::Backspace));
        })
        .bench_local_values(|()| {
            let (mut app, mut terminal) = (app.borrow_mut(), terminal.borrow_mut());
            slices::keystroke(
                &mut terminal,
                &mut app,
                KeyCode::Char(slices::FULL_SCAN_KEY),
            )
        });
}

/// The same keystroke to the frame showing the complete matches: every
/// step, each with its frame, as the loop runs them.
#[divan::bench(args = sizes(&[100_000, 1_000_000]), sample_count = 50, sample_size = 1)]
fn filter_full_scan_to_complete(bencher: Bencher, n: usize) {
    let (app, terminal) = filter_line(n);
    bencher
        .with_inputs(|| {
            let _ = update(&mut app.borrow_mut(), key(KeyCode::Backspace));
        })
        .bench_local_values(|()| {
            let (mut app, mut terminal) = (app.borrow_mut(), terminal.borrow_mut());
            slices::keystroke(
                &mut terminal,
                &mut app,
                KeyCode::Char(slices::FULL_SCAN_KEY),
            );
            slices::run_to_complete(&mut terminal, &mut app)
        });
}

/// A history keystroke and its frame: Backspace from `e` back to the empty
/// filter, whose rows are remembered (the untimed input types `e` and
/// completes its scan).
#[divan::bench(args = sizes(&[100_000, 1_000_000]), sample_count = 100, sample_size = 1)]
fn filter_history_keystroke_and_frame(bencher: Bencher, n: usize) {
    let (app, terminal) = filter_line(n);
    bencher
        .with_inputs(|| {
            let (mut app, mut terminal) = (app.borrow_mut(), terminal.borrow_mut());
            slices::keystroke(
                &mut terminal,
                &mut app,
                KeyCode::Char(slices::FULL_SCAN_KEY),
            );
            slices::run_to_complete(&mut terminal, &mut app);
        })
        .bench_local_values(|()| {
            let (mut app, mut terminal) = (app.borrow_mut(), terminal.borrow_mut());
            slices::keystroke(&mut terminal, &mut app, KeyCode::Backspace)
        });
}

/// `n` requests loaded, the filter line open and empty.
fn filter_line(n: usize) -> (RefCell<App>, RefCell<Terminal<TestBackend>>) {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    frame(&mut terminal, &mut app);
    let _ = update(&mut app, key(KeyCode::Char('/')));
    (RefCell::new(app), RefCell::new(terminal))
}

/// One frame with the cursor on the last row (after `G`).
#[divan::bench(args = sizes(&[10_000, 100_000]), sample_count = 200)]
fn frame_after_jump_to_end(bencher: Bencher, n: usize) {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let _ = update(&mut app, key(KeyCode::Char('G')));
    bencher.bench_local(|| frame(&mut terminal, &mut app));
}
