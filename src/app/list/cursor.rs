//! The list's cursor: moved by the operator, kept on the same request
//! while the rows under it change, and kept inside the table's window.

use super::List;
use crate::app::keys::{self, Nav};
use crate::app::viewport;

impl List {
    /// Move the cursor as the operator asked; `page` is the rows a page key
    /// moves.
    pub(crate) fn move_cursor(&mut self, nav: Nav, page: usize) {
        self.cursor = keys::apply(nav, self.cursor, self.visible.len(), page);
        self.keep_cursor_chosen();
    }

    /// Put the cursor on a row the operator pointed at (a click), when
    /// the list has that row.
    pub(crate) fn click_row(&mut self, pos: usize) {
        if pos < self.visible.len() {
            self.cursor = pos;
            self.keep_cursor_chosen();
        }
    }

    /// The operator chose a row; a load in progress must not pull it back.
    fn keep_cursor_chosen(&mut self) {
        self.forget_filter_cursor();
        if let Some(l) = self.loading.as_mut() {
            l.cursor_id = None;
        }
        self.follow_top = false;
    }

    /// The operator pressed a key in the list or the filter: from now on
    /// the cursor stays on its request as pages sort in around it.
    pub(crate) fn stop_following_top(&mut self) {
        self.follow_top = false;
    }

    /// The cursor on a row, and the table scrolled to show it in `rows`
    /// rows (when the table has an inside at all).
    pub(crate) fn keep_in_view(&mut self, rows: Option<usize>) {
        let len = self.visible.len();
        if self.cursor >= len {
            self.cursor = len.saturating_sub(1);
        }
        if let Some(height) = rows {
            self.offset = viewport::window_start(self.offset, self.cursor, len, height);
        }
    }

    /// Back where the operator left a view: on the request `id` when it
    /// is still shown, with the table scrolled as it was (`keep_in_view`
    /// brings the cursor back inside).
    pub(crate) fn return_to(&mut self, id: Option<&str>, offset: usize) {
        let Some(i) = id.and_then(|id| self.store.find(id)) else {
            return;
        };
        if let Some(pos) = self.visible.iter().position(|&v| v == i) {
            self.cursor = pos;
            self.offset = offset;
            self.keep_cursor_chosen();
        }
    }

    pub(super) fn cursor_index(&self) -> Option<u32> {
        self.visible.get(self.cursor).copied()
    }

    /// Back on the row the cursor was on `before` the rows changed, or
    /// as near its old place as the list now allows.
    pub(super) fn restore_cursor(&mut self, before: Option<u32>) {
        if self.follow_top {
            self.cursor = 0;
            return;
        }
        if let Some(i) = before {
            // Rows that joined above it pushed it down: looking from its old
            // place on costs a page the rows it added, not the whole list.
            let from = self.cursor.min(self.visible.len());
            let (above, below) = self.visible.split_at(from);
            let found = below
                .iter()
                .position(|&v| v == i)
                .map(|p| from + p)
                .or_else(|| above.iter().position(|&v| v == i));
            if let Some(pos) = found {
                self.cursor = pos;
                return;
            }
        }
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }
}
