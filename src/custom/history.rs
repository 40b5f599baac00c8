//! The last runs of the operator's commands, for the output panel: what
//! ran, for which requests, how it ended, how long it took and what it
//! printed. Bounded, so a long session keeps only the newest runs.

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::CommandOutcome;

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
