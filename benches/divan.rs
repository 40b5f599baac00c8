//! The console figures as divan benchmarks: a filter keystroke plus one
//! frame, and a frame alone, at 10,000 and 100,000 requests. divan reports
//! medians; `benches/console.rs` adds the p99 the targets also need.
//! Run: `cargo bench --bench divan`.

mod support;

use crossterm::event::KeyCode;
use divan::Bencher;
use intake::app::update;
use intake::testkit::key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::console::{HEIGHT, WIDTH, frame, loaded_app, requests};

fn main() {
    divan::main();
}

/// One keystroke in the filter line, then one frame: alternately typing
/// `e` (matches nearly every row) and deleting it, the worst realistic case.
#[divan::bench(args = [10_000, 100_000], sample_count = 200)]
fn filter_keystroke_and_frame(bencher: Bencher, n: usize) {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let _ = update(&mut app, key(KeyCode::Char('/')));
    let mut typed = false;
    bencher.bench_local(|| {
        let k = if typed {
            KeyCode::Backspace
        } else {
            KeyCode::Char('e')
        };
        typed = !typed;
        let _ = update(&mut app, key(k));
        frame(&mut terminal, &mut app);
    });
}

/// One frame with the cursor on the last row (after `G`).
#[divan::bench(args = [10_000, 100_000], sample_count = 200)]
fn frame_after_jump_to_end(bencher: Bencher, n: usize) {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    let _ = update(&mut app, key(KeyCode::Char('G')));
    bencher.bench_local(|| frame(&mut terminal, &mut app));
}
