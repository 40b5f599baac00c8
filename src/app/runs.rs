//! The session's runs: every bulk run, retry, import and command run, kept
//! with its results from the moment it starts (so the runs panel, `H`, can
//! reopen any of them after its results were closed). Bounded: a long
//! session keeps the newest [`KEEP_RUNS`].

use std::collections::VecDeque;

use chrono::{DateTime, Utc};

use super::run::{BulkResult, ImportState, Run};
use crate::custom::{CommandOutcome, CommandRecord};

/// How many runs the panel keeps; the oldest go first.
pub const KEEP_RUNS: usize = 50;

/// What a run did, as the panel names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunWhat {
    Bulk,
    /// `R` on a bulk run's results.
    Retry,
    /// The file's path, as typed.
    Import(String),
    /// The command's name.
    Command(String),
}

impl RunWhat {
    pub fn text(&self) -> String {
        match self {
            RunWhat::Bulk => "bulk activation".into(),
            RunWhat::Retry => "retry of the failed".into(),
            RunWhat::Import(path) => format!("import {path}"),
            RunWhat::Command(name) => format!("command {name}"),
        }
    }
}

/// A run's results as last known: a snapshot taken when it started and
/// again when it ended (while it goes, the live run in `App` is newer).
#[derive(Debug, Clone)]
pub enum RunBody {
    Bulk(Run<BulkResult>),
    Import(Box<ImportState>),
    Command(CommandRecord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    Running,
    Done,
    Cancelled,
}

impl RunStatus {
    pub fn word(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Done => "done",
            RunStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, Clone)]
pub struct RunEntry {
    /// From 1, in start order: how the message log names it.
    pub number: u64,
    pub started: DateTime<Utc>,
    pub what: RunWhat,
    pub body: RunBody,
}

impl RunEntry {
    /// The app's run id of a bulk run or an import.
    pub fn run_id(&self) -> Option<u64> {
        match &self.body {
            RunBody::Bulk(run) => Some(run.run_id),
            RunBody::Import(import) => import.run().map(|r| r.run_id),
            RunBody::Command(_) => None,
        }
    }

    pub(crate) fn is_running(&self) -> bool {
        match &self.body {
            RunBody::Bulk(run) => run.is_running(),
            RunBody::Import(import) => import.run().is_some_and(Run::is_running),
            RunBody::Command(record) => record.ended.is_none(),
        }
    }
}

/// One line of the runs panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub number: u64,
    pub started: DateTime<Utc>,
    pub what: String,
    pub counts: String,
    pub status: RunStatus,
}

/// The runs of this session, oldest first, and where the panel is.
#[derive(Debug, Clone, Default)]
pub struct Runs {
    entries: VecDeque<RunEntry>,
    last_number: u64,
    /// The panel's selected row, newest first.
    pub(crate) selected: usize,
    /// The results on screen were opened from the panel: closing them goes
    /// back to it.
    pub(crate) reopened: bool,
    /// The command run the output panel shows alone (opened from the
    /// panel); `None`: the output panel shows the last runs.
    pub(crate) command_shown: Option<u64>,
}

impl Runs {
    /// Keep a run that just started; its number.
    pub(crate) fn started(&mut self, at: DateTime<Utc>, what: RunWhat, body: RunBody) -> u64 {
        self.last_number += 1;
        self.entries.push_back(RunEntry {
            number: self.last_number,
            started: at,
            what,
            body,
        });
        if self.entries.len() > KEEP_RUNS {
            self.entries.pop_front();
        }
        self.last_number
    }

    pub fn newest_first(&self) -> impl Iterator<Item = &RunEntry> {
        self.entries.iter().rev()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The panel's selected row, newest first.
    pub fn selected(&self) -> usize {
        self.selected.min(self.entries.len().saturating_sub(1))
    }

    /// Run `number`, while it is kept.
    pub fn by_number(&self, number: u64) -> Option<&RunEntry> {
        self.entries.iter().find(|e| e.number == number)
    }

    /// The command run the output panel shows alone, if one was opened.
    pub fn shown_command(&self) -> Option<&RunEntry> {
        self.command_shown.and_then(|n| self.by_number(n))
    }

    /// The entry of a bulk run or an import.
    pub fn by_run_id(&self, run_id: u64) -> Option<&RunEntry> {
        self.entries.iter().find(|e| e.run_id() == Some(run_id))
    }

    fn by_run_id_mut(&mut self, run_id: u64) -> Option<&mut RunEntry> {
        self.entries.iter_mut().find(|e| e.run_id() == Some(run_id))
    }

    /// The newest unfinished run of command `index` ended.
    pub(crate) fn command_finished(
        &mut self,
        index: usize,
        at: DateTime<Utc>,
        outcome: CommandOutcome,
    ) -> Option<u64> {
        let entry = self.entries.iter_mut().rev().find(
            |e| matches!(&e.body, RunBody::Command(r) if r.index == index && r.ended.is_none()),
        )?;
        if let RunBody::Command(record) = &mut entry.body {
            record.ended = Some((at, outcome.kept()));
        }
        Some(entry.number)
    }

    /// A run that ended in `App`: its results are kept as they ended.
    /// Whether it had not been seen ended before (so its end is said once).
    pub(crate) fn ended(&mut self, run_id: u64, body: impl FnOnce() -> RunBody) -> bool {
        let Some(entry) = self.by_run_id_mut(run_id).filter(|e| e.is_running()) else {
            return false;
        };
        entry.body = body();
        true
    }
}
