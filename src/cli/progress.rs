//! Progress for long work, on stderr, for people only: a count of the
//! requests paged so far, or done/total with rate and time left for a run.
//! Off a terminal, or with `--quiet`, nothing is drawn, so pipes, files and
//! `--json` readers get results and errors alone; stdout's bytes are the
//! same either way (`stdout.rs` writes its lines around the bar).

use std::fmt::Display;
use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;

use indicatif::{HumanDuration, ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

/// `--quiet`: no progress and no notes, only results, warnings and errors.
static QUIET: AtomicBool = AtomicBool::new(false);

/// The bar on the screen now, so a line written meanwhile (a result on
/// stdout, a note on stderr) clears it first and has it drawn again below.
static SHOWN: Mutex<Option<(u64, ProgressBar)>> = Mutex::new(None);

/// Tells bars apart, so dropping one never forgets a later one.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// Set once, from the global `--quiet`, before any command runs.
pub(crate) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A line for people that is neither a result nor an error (what was
/// skipped, where a resumed run stands): on stderr, above any bar, and
/// dropped with `--quiet`.
pub(crate) fn note(text: impl Display) {
    if !quiet() {
        around_bar(|| eprintln!("{text}"));
    }
}

/// Run `write` with the bar taken off the screen, then draw it again: a
/// line written to the terminal the bar is on would otherwise land inside
/// it. Without a bar (or when the writes go elsewhere) it just runs.
pub(crate) fn around_bar<R>(write: impl FnOnce() -> R) -> R {
    let shown = SHOWN.lock().unwrap_or_else(PoisonError::into_inner).clone();
    match shown {
        Some((_, bar)) => bar.suspend(write),
        None => write(),
    }
}

/// Whether stdout's lines must go round a bar: only when one is drawn and
/// stdout is a terminal too (a pipe or file never shares its screen).
pub(crate) fn shares_screen() -> bool {
    static STDOUT_IS_TERMINAL: OnceLock<bool> = OnceLock::new();
    let shown = SHOWN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .is_some();
    shown && *STDOUT_IS_TERMINAL.get_or_init(|| io::stdout().is_terminal())
}

/// One piece of long work's progress; cleared from the screen when dropped,
/// however the work ends. Hidden (and free) off a terminal or with `--quiet`.
pub(crate) struct Progress {
    bar: Option<(u64, ProgressBar)>,
}

impl Progress {
    /// Paging through a search: `N requests so far (P pages)`.
    pub(crate) fn paging(what: &'static str) -> Progress {
        Progress::show(None, &format!("{{spinner}} {what}: {{msg}}"))
    }

    /// A run of `total` items: done/total, a bar, the rate and time left;
    /// `done` names what is counted (`activations done`, `writes done`):
    /// an item that failed is done too, so the bar claims no outcome.
    pub(crate) fn counting(total: usize, done: &'static str) -> Progress {
        let template = format!("[{{bar:30}}] {{pos}}/{{len}} {done} · {{per_sec:1}} · {{left}}");
        Progress::show(Some(total), &template)
    }

    fn show(total: Option<usize>, template: &str) -> Progress {
        if quiet() || !io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let len = total.map(|n| u64::try_from(n).unwrap_or(u64::MAX));
        let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
        // A bad template is this file's own mistake: the bar keeps the
        // default style rather than failing the command.
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> ").with_key("left", time_left));
        }
        if total.is_none() {
            bar.set_message("0 requests so far");
        }
        // Redrawn between items too, so the time left and the spinner move
        // while a slow call is out.
        bar.enable_steady_tick(Duration::from_millis(200));
        let id = NEXT.fetch_add(1, Ordering::Relaxed);
        *SHOWN.lock().unwrap_or_else(PoisonError::into_inner) = Some((id, bar.clone()));
        Progress {
            bar: Some((id, bar)),
        }
    }

    /// One page arrived; `so_far` requests in all, on `pages` pages.
    pub(crate) fn page(&self, so_far: usize, pages: usize) {
        if let Some((_, bar)) = &self.bar {
            bar.set_message(format!(
                "{so_far} request{} so far ({pages} page{})",
                crate::text::plural(so_far),
                crate::text::plural(pages)
            ));
        }
    }

    /// One item of the run finished, whatever its outcome.
    pub(crate) fn done_one(&self) {
        if let Some((_, bar)) = &self.bar {
            bar.inc(1);
        }
    }
}

/// The time left, once an item has finished: before that there is no rate
/// to tell it from, and `0s left` would claim the run is as good as done.
fn time_left(state: &ProgressState, out: &mut dyn std::fmt::Write) {
    // Writing into indicatif's own line buffer does not fail.
    let _ = out.write_str(&left_text(state.pos(), state.eta()));
}

fn left_text(done: u64, eta: Duration) -> String {
    if done == 0 {
        "time left once one is done".into()
    } else {
        format!("{:#} left", HumanDuration(eta))
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some((id, bar)) = self.bar.take() {
            let mut shown = SHOWN.lock().unwrap_or_else(PoisonError::into_inner);
            // Only forget the bar if it is this one: a later bar stays.
            if shown.as_ref().is_some_and(|(s, _)| *s == id) {
                *shown = None;
            }
            drop(shown);
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_time_left_is_claimed_before_an_item_is_done() {
        assert_eq!(left_text(0, Duration::ZERO), "time left once one is done");
        assert_eq!(left_text(3, Duration::from_secs(12)), "12s left");
    }
}
