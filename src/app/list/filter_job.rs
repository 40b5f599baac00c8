//! A filter keystroke as a job in slices: at a million rows a full scan
//! takes tens of milliseconds, so a keystroke scans one slice and the event
//! loop runs the next ones between frames while no input is waiting. The
//! list shows the matches found so far; they come in sort order, so each
//! slice only appends and a row once shown keeps its place.
//!
//! Anything that needs the complete set (a bulk plan, an export, marking
//! every shown row) finishes the scan first with [`List::finish_filter`];
//! anything that recomputes the rows from scratch drops the job.

use super::List;

/// Rows one step tests: a few milliseconds at a million rows in a release
/// build, so a keystroke, a step and a frame each leave input waiting well
/// under a 60 Hz frame.
pub(crate) const FILTER_SLICE: usize = 25_000;

#[derive(Debug, Clone, Default)]
pub(crate) struct FilterJob {
    /// The rows to test, in sort order: every row, or a result this
    /// filter narrows.
    base: Vec<u32>,
    /// How many of `base` have been tested.
    next: usize,
    /// The row the cursor was on when the keystroke came, until the scan
    /// finds it (the cursor then goes back to it) or the operator moves.
    cursor_row: Option<u32>,
}

impl List {
    /// Whether a filter scan is still running (the rows shown are partial).
    pub(crate) fn filtering(&self) -> bool {
        self.filter_job.is_some()
    }

    /// Rows tested so far and rows to test, while a scan runs.
    pub(crate) fn filter_progress(&self) -> Option<(usize, usize)> {
        self.filter_job.as_ref().map(|j| (j.next, j.base.len()))
    }

    /// Start scanning `base` for `self.filter`, and scan the first slice
    /// now: a list of at most one slice is complete when this returns.
    pub(super) fn start_filter(&mut self, base: Vec<u32>, cursor_row: Option<u32>) {
        self.visible.clear();
        self.shown_reset();
        if self.filter.is_empty() {
            // Nothing to test: every row of the base passes.
            self.visible = base;
            self.restore_cursor(cursor_row);
            self.filter_done();
            return;
        }
        self.visible.reserve(base.len().min(self.filter_slice));
        self.filter_job = Some(FilterJob {
            base,
            next: 0,
            cursor_row,
        });
        self.step_filter();
    }

    /// Drop a running scan and say what it was: the cursor's row it was
    /// looking for, and the rows still worth testing for a filter that
    /// narrows the running one (the matches so far, then the rows not yet
    /// tested, still in sort order).
    pub(super) fn take_filter_job(&mut self) -> Option<(Option<u32>, Vec<u32>)> {
        let job = self.filter_job.take()?;
        let cursor = job.cursor_row.or_else(|| self.cursor_index());
        let mut rest = std::mem::take(&mut self.visible);
        rest.extend_from_slice(job.base.get(job.next..).unwrap_or(&[]));
        Some((cursor, rest))
    }

    /// Test the next slice of rows (what the event loop runs between
    /// frames).
    pub(crate) fn step_filter(&mut self) {
        self.scan(self.filter_slice.max(1));
    }

    /// Test every row left: for an action that needs the complete set.
    pub(crate) fn finish_filter(&mut self) {
        self.scan(usize::MAX);
    }

    /// The operator moved the cursor: the scan must not pull it back.
    pub(super) fn forget_filter_cursor(&mut self) {
        if let Some(job) = self.filter_job.as_mut() {
            job.cursor_row = None;
        }
    }

    fn scan(&mut self, rows: usize) {
        let Some(mut job) = self.filter_job.take() else {
            return;
        };
        let end = job.next.saturating_add(rows).min(job.base.len());
        let first_new = self.visible.len();
        let (store, filter) = (&self.store, &self.filter);
        let tested = job.base.get(job.next..end).unwrap_or(&[]);
        self.visible
            .extend(tested.iter().copied().filter(|&i| store.matches(i, filter)));
        job.next = end;
        if let Some(row) = job.cursor_row
            && let Some(pos) = self.visible[first_new..].iter().position(|&v| v == row)
        {
            self.cursor = first_new + pos;
            job.cursor_row = None;
        }
        if job.next < job.base.len() {
            self.filter_job = Some(job);
            return;
        }
        if job.cursor_row.is_some() {
            // Its row did not match: as near its old place as the list allows.
            self.restore_cursor(None);
        }
        self.filter_done();
    }

    /// What follows a complete set of rows.
    fn filter_done(&mut self) {
        self.count_visible_marked();
        self.count_others();
    }
}
