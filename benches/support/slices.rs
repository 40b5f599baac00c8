//! The filter scan in slices, measured as the event loop runs it: a
//! keystroke (update, then one frame), then one step and one frame at a
//! time until the matches are complete. Each figure prints as one
//! greppable line, `filter.<row>.<n> p50 <ms> p99 <ms>`.

use std::time::{Duration, Instant};

use crossterm::event::KeyCode;
use intake::app::{Action, App, update};
use intake::testkit::key;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::console::{HEIGHT, WIDTH, frame, loaded_app, requests};
use super::{Summary, summarize};

/// A character that matches nearly every row: the most rows to keep.
pub const FULL_SCAN_KEY: char = 'e';

/// One keystroke and the first frame after it.
pub fn keystroke(terminal: &mut Terminal<TestBackend>, app: &mut App, code: KeyCode) -> Duration {
    let start = Instant::now();
    let _ = update(app, key(code));
    frame(terminal, app);
    start.elapsed()
}

/// Steps and a frame after each until the scan is complete, as the loop
/// runs them with no input waiting; each step plus its frame, in order
/// (the last one completes the scan).
pub fn run_to_complete(terminal: &mut Terminal<TestBackend>, app: &mut App) -> Vec<Duration> {
    let mut steps = Vec::new();
    while app.has_pending_work() {
        let start = Instant::now();
        let _ = update(app, Action::Continue);
        frame(terminal, app);
        steps.push(start.elapsed());
    }
    steps
}

/// What one size gives.
pub struct SliceFigures {
    /// A full-scan keystroke (a character typed from the empty filter, so
    /// nothing is remembered) to the first frame after it.
    pub first_frame: Summary,
    /// The same keystroke to the frame that shows the complete matches.
    pub complete: Summary,
    /// A history keystroke (Backspace back to the empty filter, served
    /// from the remembered rows) and its frame.
    pub history: Summary,
    /// The longest input could wait: the slowest keystroke or step, each
    /// with its frame.
    pub longest_gap: Duration,
    /// The steps between the keystroke and the last one, each with its
    /// frame (none when one slice holds every row).
    pub middle_steps: Option<Summary>,
    /// The step that completes the scan, with its frame.
    pub completing_steps: Option<Summary>,
}

/// `rounds` times: type [`FULL_SCAN_KEY`] in the empty filter line, run
/// the scan to the end, press Backspace.
pub fn measure(n: usize, rounds: usize) -> SliceFigures {
    let mut app = loaded_app(requests(n));
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("test backend");
    frame(&mut terminal, &mut app);
    let _ = update(&mut app, key(KeyCode::Char('/')));
    let (mut first, mut complete, mut history) = (Vec::new(), Vec::new(), Vec::new());
    let (mut middle, mut completing) = (Vec::new(), Vec::new());
    let mut longest_gap = Duration::ZERO;
    for _ in 0..rounds {
        let start = Instant::now();
        let k = keystroke(&mut terminal, &mut app, KeyCode::Char(FULL_SCAN_KEY));
        let mut steps = run_to_complete(&mut terminal, &mut app);
        complete.push(start.elapsed());
        first.push(k);
        longest_gap = steps.iter().fold(longest_gap.max(k), |a, &b| a.max(b));
        if let Some(last) = steps.pop() {
            completing.push(last);
        }
        middle.extend(steps);
        let b = keystroke(&mut terminal, &mut app, KeyCode::Backspace);
        longest_gap = longest_gap.max(b);
        history.push(b);
    }
    SliceFigures {
        first_frame: summarize(first),
        complete: summarize(complete),
        history: summarize(history),
        middle_steps: (!middle.is_empty()).then(|| summarize(middle)),
        completing_steps: (!completing.is_empty()).then(|| summarize(completing)),
        longest_gap,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// The figures as stable lines, one per row of BENCHMARKS.md.
pub fn print(n: usize, f: &SliceFigures) {
    let row = |name: &str, s: &Summary| {
        println!(
            "filter.{name}.{n} p50 {} p99 {} ms (n={})",
            ms(s.median),
            ms(s.p99),
            s.samples
        );
    };
    row("full_scan_first_frame", &f.first_frame);
    row("full_scan_complete", &f.complete);
    row("history_keystroke", &f.history);
    for (name, steps) in [
        ("step", &f.middle_steps),
        ("completing_step", &f.completing_steps),
    ] {
        if let Some(s) = steps {
            println!(
                "filter.{name}.{n} p50 {} p99 {} max {} ms (n={})",
                ms(s.median),
                ms(s.p99),
                ms(s.max),
                s.samples
            );
        }
    }
    println!("filter.longest_gap.{n} {} ms", ms(f.longest_gap));
}
