//! The last runs of the operator's commands, for the output panel: what
//! ran, for which requests, how it ended, how long it took and what it
//! printed. Bounded, so a long session keeps only the newest runs.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::{CommandOutcome, RequestRun};

/// How many runs the output panel keeps.
pub const MAX_RUNS: usize = 20;

/// One press of a command's key (one run per request).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    /// The config's command index, to match the finish to its start.
    pub index: usize,
    pub name: String,
    /// The ids of the requests it runs for.
    pub requests: Vec<String>,
    pub started: DateTime<Utc>,
    /// `None` while it runs.
    pub ended: Option<(DateTime<Utc>, CommandOutcome)>,
}

/// The runs, newest first.
#[derive(Debug, Clone, Default)]
pub struct CommandHistory {
    runs: VecDeque<CommandRecord>,
}

impl CommandHistory {
    pub fn started(&mut self, record: CommandRecord) {
        self.runs.push_front(record);
        self.runs.truncate(MAX_RUNS);
    }

    /// The newest unfinished run of command `index` ended.
    pub fn finished(&mut self, index: usize, at: DateTime<Utc>, outcome: CommandOutcome) {
        if let Some(r) = self
            .runs
            .iter_mut()
            .find(|r| r.index == index && r.ended.is_none())
        {
            r.ended = Some((at, outcome));
        }
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &CommandRecord> {
        self.runs.iter()
    }

    pub fn len(&self) -> usize {
        self.runs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// How much of a command run's output the runs panel (`H`) keeps, so it
/// can show any run it lists however long the session.
pub const KEPT_OUTPUT_BYTES: usize = 64 * 1024;

impl CommandOutcome {
    /// The outcome as the runs panel keeps it: each request's exit status,
    /// and what they printed up to [`KEPT_OUTPUT_BYTES`] in all (cut with a
    /// note); the whole-run copies of the output are dropped.
    pub fn kept(mut self) -> CommandOutcome {
        let mut room = KEPT_OUTPUT_BYTES;
        self.output.clear();
        if self.requests.is_empty() {
            // An outcome without per-request runs keeps its streams.
            self.stdout = cut(std::mem::take(&mut self.stdout), &mut room);
            self.stderr = cut(std::mem::take(&mut self.stderr), &mut room);
            return self;
        }
        self.stdout.clear();
        self.stderr.clear();
        for RequestRun { stdout, stderr, .. } in &mut self.requests {
            *stdout = cut(std::mem::take(stdout), &mut room);
            *stderr = cut(std::mem::take(stderr), &mut room);
        }
        self
    }
}

impl CommandOutcome {
    /// How the failed requests' runs ended, each way once, in the order
    /// they ran: `exit 2`, `exit 2, exit 3`, `killed by a signal`.
    pub fn failed_exits(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        for run in self.requests.iter().filter(|r| r.failed()) {
            let word = run
                .code
                .map_or_else(|| "killed by a signal".to_string(), |c| format!("exit {c}"));
            if !words.contains(&word) {
                words.push(word);
            }
        }
        words.join(", ")
    }
}

/// `text` within `room` bytes (on a char boundary), the room left updated.
fn cut(text: String, room: &mut usize) -> String {
    if text.len() <= *room {
        *room -= text.len();
        return text;
    }
    let mut end = *room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    *room = 0;
    let mut kept = text[..end].to_string();
    if !kept.is_empty() && !kept.ends_with('\n') {
        kept.push('\n');
    }
    kept.push_str("[output not kept past 64 kB for this run]\n");
    kept
}
