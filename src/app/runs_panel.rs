//! What the runs panel shows of `App::runs`: one row per run, newest
//! first, with the live counts of a run still going; the message log's
//! pointer to a run's results; and keeping a run's results once it ends.

use crate::custom::CommandRecord;
use crate::text::count;

use super::messages::ToastKind;
use super::run::{ImportState, ResultsShown, Run, RunPhase, RunResult};
use super::runs::{RunBody, RunRow, RunStatus, Runs};
use super::state::{App, Mode};

impl App {
    /// Keep the results of a bulk run or an import that has ended since
    /// the last update (whichever step ended it).
    pub(crate) fn keep_ended_runs(&mut self) {
        if let Some(run) = self.bulk.as_ref().filter(|r| !r.is_running()) {
            let ended = self.runs.ended(run.run_id, || {
                let mut kept = run.clone();
                kept.shown = ResultsShown::FailedFirst;
                kept.scroll = 0;
                RunBody::Bulk(kept)
            });
            // Said here, however it ended (its last answer, or nothing to
            // send at all), so every run's end is in the log once.
            if ended {
                self.say_bulk_end();
            }
        }
        if let Some(import) = self.import.as_ref()
            && let Some(run) = import.run().filter(|r| !r.is_running())
        {
            self.runs
                .ended(run.run_id, || RunBody::Import(Box::new(import.clone())));
        }
    }

    /// The end of the bulk run in `bulk`, with where its results are.
    fn say_bulk_end(&mut self) {
        let Some(run) = self.bulk.as_ref() else {
            return;
        };
        let summary = run.tally().summary();
        let cancelled = matches!(run.phase, RunPhase::Finished { cancelled: true });
        let how = if cancelled {
            "was cancelled"
        } else {
            "finished"
        };
        let pointer = self.results_pointer(self.runs.by_run_id(run.run_id).map(|e| e.number));
        let end = if pointer.is_empty() { "." } else { "" };
        // In the list the results open at once (`during`) and show the
        // summary, so it is only logged; elsewhere it is said too, without
        // taking the screen from what the operator is doing. Either way the
        // log keeps it with where the results are.
        if matches!(self.mode, Mode::List) && self.asking.is_none() {
            self.log_only(
                ToastKind::Info,
                format!(
                    "The bulk run {how} ({summary}); its results opened over the list{pointer}{end}"
                ),
            );
        } else {
            self.say(
                ToastKind::Info,
                format!(
                    "The bulk run {how} ({summary}); its results open when you are back in the list."
                ),
                &pointer,
            );
        }
    }

    /// The message log's pointer to run `number`'s results: ` — results:
    /// H, run 3.`
    pub(crate) fn results_pointer(&self, number: Option<u64>) -> String {
        let Some(number) = number else {
            return String::new();
        };
        let key = self.keys_label(crate::keys::Scope::List, &[crate::keys::Intent::Runs], "H");
        format!(" — results: {key}, run {number}.")
    }

    /// The runs panel's rows, newest first; a run still going shows its
    /// live counts.
    pub fn run_rows(&self) -> Vec<RunRow> {
        self.runs
            .newest_first()
            .map(|entry| {
                let live_bulk = self
                    .bulk
                    .as_ref()
                    .filter(|r| Some(r.run_id) == entry.run_id());
                let live_import = self
                    .import
                    .as_ref()
                    .and_then(ImportState::run)
                    .filter(|r| Some(r.run_id) == entry.run_id());
                let (counts, status) = match (&entry.body, live_bulk, live_import) {
                    (_, Some(run), _) | (RunBody::Bulk(run), None, _) => run_counts(run),
                    (_, _, Some(run)) => run_counts(run),
                    (RunBody::Import(import), ..) => import
                        .run()
                        .map_or_else(|| (String::new(), RunStatus::Running), run_counts),
                    (RunBody::Command(record), ..) => command_counts(record),
                };
                RunRow {
                    number: entry.number,
                    started: entry.started,
                    what: entry.what.text(),
                    counts,
                    status,
                }
            })
            .collect()
    }

    /// The session's runs.
    pub fn runs(&self) -> &Runs {
        &self.runs
    }
}

/// A run's tally words (`38 activated · 2 failed`), and how far it is.
fn run_counts<R: RunResult>(run: &Run<R>) -> (String, RunStatus) {
    let t = run.tally();
    let mut words = t.nonzero_summary();
    let status = match run.phase {
        RunPhase::Finished { cancelled: true } => RunStatus::Cancelled,
        RunPhase::Finished { cancelled: false } => RunStatus::Done,
        _ => {
            let to_go = t.waiting + t.in_flight;
            let sep = if words.is_empty() { "" } else { " · " };
            words.push_str(&format!("{sep}{to_go} to go"));
            RunStatus::Running
        }
    };
    if words.is_empty() {
        words = t.summary();
    }
    (words, status)
}

/// A command run's requests and exit status.
fn command_counts(record: &CommandRecord) -> (String, RunStatus) {
    let requests = count(record.requests.len(), "request", "requests");
    let Some((_, outcome)) = &record.ended else {
        return (requests, RunStatus::Running);
    };
    let failed = outcome.failed();
    let how = match (&outcome.error, outcome.code) {
        (Some(_), _) => "could not run".to_string(),
        // Once per request: how many of them failed, and how.
        (None, _) if outcome.requests.len() > 1 && failed > 0 => format!(
            "{} ok · {failed} failed ({})",
            outcome.requests.len() - failed,
            outcome.failed_exits()
        ),
        (None, Some(code)) => format!("exit {code}"),
        (None, None) => "killed by a signal".to_string(),
    };
    (format!("{requests} · {how}"), RunStatus::Done)
}
