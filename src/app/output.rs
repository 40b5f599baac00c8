//! The output panel (`o`): the last runs of the operator's commands,
//! newest first, like lazygit's command log. Each run is a head line (its
//! time, name, requests, exit status or "running…", and time taken) and
//! what it printed, stderr marked. The panel scrolls by line.

use chrono::{DateTime, Utc};
use ratatui::layout::Rect;

use crate::custom::{CommandOutcome, CommandRecord, RequestRun};
use crate::text::wrap;

use super::messages::log_area;
use super::runs::RunBody;
use super::state::App;

/// The mark before each stderr line.
pub const STDERR_MARK: &str = "stderr│ ";

/// What a line of the panel shows, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputKind {
    /// A run that finished with exit 0, or is still running.
    Head,
    /// A run that failed, was killed or could not start.
    Failed,
    Stdout,
    Stderr,
    Blank,
}

/// One line of the panel, already wrapped to its width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLine {
    pub kind: OutputKind,
    pub text: String,
}

/// The inside of the panel's box in `body` (the message log's box).
pub fn output_area(body: Rect) -> Rect {
    log_area(body)
}

/// Every line of the panel for a list `width` wide: the run opened from
/// the runs panel alone, else the last runs newest first.
pub fn output_lines(app: &App, width: u16) -> Vec<OutputLine> {
    let width = usize::from(width).max(1);
    if let Some(entry) = app.runs.shown_command()
        && let RunBody::Command(record) = &entry.body
    {
        return run_lines(app, entry.number, record, width);
    }
    let mut out = Vec::new();
    for (i, run) in app.custom.history.newest_first().enumerate() {
        if i > 0 {
            out.push(OutputLine {
                kind: OutputKind::Blank,
                text: String::new(),
            });
        }
        let (kind, head) = head_line(app, run, "", &run.requests.join(", "));
        push_wrapped(&mut out, kind, "", &head, width);
        if let Some((_, outcome)) = &run.ended {
            push_outputs(&mut out, outcome, width);
        }
    }
    out
}

/// A run's head line, `{prefix}{time} {name} for {requests}: {status}`,
/// cleaned, styled as failed when the run did not end well.
fn head_line(app: &App, run: &CommandRecord, prefix: &str, requests: &str) -> (OutputKind, String) {
    let at = run.started.with_timezone(&app.config.tz).format("%H:%M:%S");
    let (status, ok) = status(run);
    let kind = if ok {
        OutputKind::Head
    } else {
        OutputKind::Failed
    };
    let head = format!("{prefix}{at} {} for {requests}: {status}", run.name);
    (kind, crate::text::clean(&head))
}

/// What a run printed, stdout then stderr (marked).
fn push_outputs(out: &mut Vec<OutputLine>, outcome: &CommandOutcome, width: usize) {
    push_wrapped(out, OutputKind::Stdout, "  ", &outcome.stdout, width);
    push_wrapped(out, OutputKind::Stderr, STDERR_MARK, &outcome.stderr, width);
}

/// Run `number` alone, as the runs panel names it: its head line, then
/// each request's exit status and output, the failed requests first.
fn run_lines(app: &App, number: u64, run: &CommandRecord, width: usize) -> Vec<OutputLine> {
    let mut out = Vec::new();
    let requests = crate::text::count(run.requests.len(), "request", "requests");
    let (kind, head) = head_line(app, run, &format!("run {number} · "), &requests);
    push_wrapped(&mut out, kind, "", &head, width);
    let Some((_, outcome)) = &run.ended else {
        return out;
    };
    if outcome.requests.is_empty() {
        push_outputs(&mut out, outcome, width);
        return out;
    }
    let mut ran: Vec<&RequestRun> = outcome.requests.iter().collect();
    ran.sort_by_key(|r| !r.failed());
    for r in ran {
        let (kind, how) = match r.code {
            Some(0) => (OutputKind::Head, "exit 0".to_string()),
            Some(c) => (OutputKind::Failed, format!("exit {c}")),
            None => (OutputKind::Failed, "killed by a signal".to_string()),
        };
        push_wrapped(&mut out, kind, "", &format!("{}: {how}", r.id), width);
        push_wrapped(&mut out, OutputKind::Stdout, "  ", &r.stdout, width);
        push_wrapped(&mut out, OutputKind::Stderr, STDERR_MARK, &r.stderr, width);
    }
    for id in run
        .requests
        .iter()
        .filter(|id| !outcome.requests.iter().any(|r| &r.id == *id))
    {
        push_wrapped(
            &mut out,
            OutputKind::Failed,
            "",
            &format!("{id}: not run"),
            width,
        );
    }
    out
}

/// The run's status words, and whether it went well (or is still going).
fn status(run: &CommandRecord) -> (String, bool) {
    let Some((ended, outcome)) = &run.ended else {
        return ("running…".to_string(), true);
    };
    let took = took(run.started, *ended);
    let failed = outcome.failed();
    // Once per request: how many failed, when some did and some did not.
    if outcome.error.is_none() && outcome.requests.len() > 1 && failed > 0 {
        return (
            format!(
                "{} succeeded, {failed} failed ({}) in {took}",
                outcome.requests.len() - failed,
                outcome.failed_exits()
            ),
            false,
        );
    }
    match outcome {
        CommandOutcome { error: Some(e), .. } => (format!("could not run: {e}"), false),
        CommandOutcome { code: Some(0), .. } => (format!("exit 0 in {took}"), true),
        CommandOutcome { code: Some(c), .. } => (format!("exit {c} in {took}"), false),
        CommandOutcome { code: None, .. } => (format!("killed by a signal after {took}"), false),
    }
}

fn took(from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let ms = (to - from).num_milliseconds().max(0);
    if ms < 60_000 {
        format!("{}.{}s", ms / 1000, (ms % 1000) / 100)
    } else {
        format!("{}m {}s", ms / 60_000, (ms % 60_000) / 1000)
    }
}

/// Each line of `text` under `mark` (continuations indented as far), so
/// every word shows however narrow the panel.
fn push_wrapped(out: &mut Vec<OutputLine>, kind: OutputKind, mark: &str, text: &str, width: usize) {
    let indent = crate::text::width(mark);
    let room = width.saturating_sub(indent).max(1);
    for line in text.lines() {
        // A command's output is anyone's text: shown marked, never raw.
        let parts = wrap(&crate::text::clean(line), room);
        let parts = if parts.is_empty() {
            vec![String::new()]
        } else {
            parts
        };
        for (i, part) in parts.into_iter().enumerate() {
            let lead = if i == 0 {
                mark.to_string()
            } else {
                " ".repeat(indent)
            };
            out.push(OutputLine {
                kind,
                text: format!("{lead}{part}"),
            });
        }
    }
}

/// The panel scrolled no further than where its last lines just fill it.
pub(crate) fn keep_in_view(app: &App, scroll: usize, body: Rect) -> usize {
    let list = output_area(body);
    let lines = output_lines(app, list.width).len();
    scroll.min(lines.saturating_sub(usize::from(list.height)))
}
