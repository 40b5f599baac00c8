//! The live queue as the console sees it: when the list may refresh itself,
//! what a refresh reports about the rows that left, and the rows the cursor
//! has been on.

use std::time::Duration;

use crate::api::{ApiError, IntegrationRequest, Status};

use super::command::{Command, WorkerCall};
use super::list::OthersChange;
use super::state::{App, Mode};

/// At most this many rows that left are read to say why; the rest are
/// counted as "and N more".
pub const LEFT_READ_CAP: usize = 50;

impl App {
    /// How often the list refreshes itself, when it does.
    pub fn live_every(&self) -> Option<Duration> {
        self.config.auto_refresh
    }

    /// Whether the list may refresh itself now: nothing is open over it and
    /// nothing the operator started is still in flight.
    pub(crate) fn live_paused(&self) -> bool {
        self.list.loading.is_some()
            || !matches!(self.mode, Mode::List | Mode::Filter)
            || self.asking.is_some()
            || self.bulk.is_some()
            || self.import.is_some()
            || self.exporting.is_some()
            || !self.saving.is_empty()
            || !self.activating.is_empty()
    }

    /// When the list was last loaded, for the title.
    pub fn last_refresh(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.list.loaded_at.filter(|_| self.list.loaded_once)
    }

    /// Rows new since the last look.
    pub fn new_len(&self) -> usize {
        self.list.live.new.len()
    }

    pub fn is_new(&self, id: &str) -> bool {
        self.list.live.is_new(id)
    }

    /// Someone else's change to `id`, until the cursor has been on it.
    pub fn change_of(&self, id: &str) -> Option<&OthersChange> {
        self.list.live.change(id)
    }

    /// After each update: the row the cursor left has been seen.
    pub(crate) fn note_cursor(&mut self) {
        let id = self.list.cursor_request().map(|r| r.id.clone());
        self.list.live.cursor_on(id.as_deref());
    }

    /// After a page: when a refresh found rows gone, ask why.
    pub(crate) fn on_left(&mut self) -> Option<Command> {
        let left = self.list.left.take()?;
        if left.is_empty() {
            return None;
        }
        let total = left.len();
        let ids = left.into_iter().take(LEFT_READ_CAP).map(|r| r.id).collect();
        Some(Command::Api(WorkerCall::ReadLeft { ids, total }))
    }

    /// The reads of the rows that left: one sentence, toasted and logged.
    pub(crate) fn on_left_read(
        &mut self,
        reads: Result<Vec<IntegrationRequest>, ApiError>,
        total: usize,
    ) {
        // Without every read, only the count is certain.
        let text = left_sentence(reads.as_deref().ok(), total);
        self.info(text);
    }
}

/// "3 left the queue: 2 activated by crn:…, 1 rejected", or without the
/// reasons when the reads failed.
pub fn left_sentence(reads: Option<&[IntegrationRequest]>, total: usize) -> String {
    let Some(reads) = reads else {
        return format!("{total} left the queue.");
    };
    let more = total.saturating_sub(reads.len());
    // Grouped by what happened and who did it, in the order first seen.
    let mut groups: Vec<(String, Option<&str>, usize)> = Vec::new();
    for r in reads {
        let status = outcome(&r.status).to_string();
        let by = r.updated_by.as_deref();
        match groups.iter_mut().find(|(s, b, _)| *s == status && *b == by) {
            Some(g) => g.2 += 1,
            None => groups.push((status, by, 1)),
        }
    }
    let mut parts: Vec<String> = groups
        .into_iter()
        .map(|(status, by, n)| match by {
            Some(by) => format!("{n} {status} by {by}"),
            None => format!("{n} {status}"),
        })
        .collect();
    if more > 0 {
        parts.push(format!("and {more} more"));
    }
    format!("{total} left the queue: {}.", parts.join(", "))
}

/// What became of a request that left, in the toast's words.
fn outcome(status: &Status) -> &str {
    match status {
        Status::Active => "activated",
        Status::Rejected => "rejected",
        Status::Disabled => "disabled",
        Status::Available => "made available",
        // Still pending: it left this console's filter (another account).
        Status::Pending => "still pending",
        Status::Unknown(s) => s,
    }
}
