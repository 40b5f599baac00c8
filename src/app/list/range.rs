//! Range marking (`v`), like lazygit's range select: an anchor on a
//! request, the rows from it to the cursor as shown, and all of them
//! marked at once. The anchor is held by request id, so it stays on its
//! request while pages, a refresh, a filter or a sort move the rows; its
//! last position is kept only so that finding it again costs nothing
//! while the rows have not changed.

use super::List;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub id: String,
    /// Where `id` was last seen among the shown rows.
    pos: usize,
}

/// What a range intent did, for the console to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RangeOutcome {
    Started,
    /// `rows` in the range were marked, `new` of them not marked before.
    Marked {
        rows: usize,
        new: usize,
    },
    Cancelled,
}

impl List {
    /// Whether a range is being marked.
    pub(crate) fn in_range(&self) -> bool {
        self.range.is_some()
    }

    /// The shown rows the range covers: (first, last) positions, in order.
    pub(crate) fn range_span(&self) -> Option<(usize, usize)> {
        let anchor = self.range.as_ref()?;
        let (a, c) = (anchor.pos, self.cursor);
        Some((a.min(c), a.max(c)))
    }

    /// How many rows the range covers.
    pub(crate) fn range_len(&self) -> usize {
        self.range_span().map_or(0, |(lo, hi)| hi - lo + 1)
    }

    /// `v`: start a range at the cursor, or mark the one going on.
    pub(crate) fn on_range_mark(&mut self) -> Option<RangeOutcome> {
        if self.range.is_some() {
            return Some(self.mark_range());
        }
        let id = self.cursor_request()?.id.clone();
        self.range = Some(Anchor {
            id,
            pos: self.cursor,
        });
        Some(RangeOutcome::Started)
    }

    /// Mark every shown row of the range, by id, and end it.
    pub(crate) fn mark_range(&mut self) -> RangeOutcome {
        let Some((lo, hi)) = self.range_span() else {
            return RangeOutcome::Cancelled;
        };
        self.range = None;
        let mut new = 0;
        for &i in self.visible.get(lo..=hi).unwrap_or_default() {
            if let Some(r) = self.store.get(i)
                && self.marks.insert(r)
            {
                new += 1;
            }
        }
        self.count_visible_marked();
        RangeOutcome::Marked {
            rows: hi - lo + 1,
            new,
        }
    }

    /// Esc: end the range, marking nothing.
    pub(crate) fn cancel_range(&mut self) -> RangeOutcome {
        self.range = None;
        RangeOutcome::Cancelled
    }

    /// After the rows changed: find the anchor's request among the shown
    /// rows again. `Some(id)` when it is no longer shown: the range has
    /// ended. While a filter scan runs the rows are not all in yet, so a
    /// missing anchor waits for the scan.
    pub(crate) fn keep_range(&mut self) -> Option<String> {
        let anchor = self.range.as_ref()?;
        let at = |pos: usize| {
            self.visible
                .get(pos)
                .and_then(|&i| self.store.get(i))
                .is_some_and(|r| r.id == anchor.id)
        };
        if at(anchor.pos) {
            return None;
        }
        let found = (0..self.visible.len()).find(|&p| at(p));
        match found {
            Some(pos) => {
                if let Some(a) = self.range.as_mut() {
                    a.pos = pos;
                }
                None
            }
            None if self.filtering() => None,
            None => self.range.take().map(|a| a.id),
        }
    }
}
