//! How many loaded rows each saved view's filter lets through. Kept as the
//! rows change: a page adds only its own rows' matches, a request the
//! server answered for moves only its own, and only a refresh, a
//! duplicate or a merchant name a view's words could match counts every
//! row again (once, at the end of the update). Never per frame.

use super::List;
use super::filter::Filter;

#[derive(Debug, Clone, Default)]
pub(crate) struct Counts {
    filters: Vec<Filter>,
    counts: Vec<usize>,
    /// Counting every row again is due.
    stale: bool,
}

impl Counts {
    pub(crate) fn get(&self) -> &[usize] {
        &self.counts
    }

    /// Whether a merchant's (lowercased) name could change a count.
    pub(super) fn name_could_match(&self, name: &str) -> bool {
        self.filters
            .iter()
            .any(|f| !f.is_empty() && f.name_could_match(name))
    }

    pub(super) fn mark_stale(&mut self) {
        self.stale = true;
    }
}

impl List {
    /// The filters to count (the saved views'), counted at once.
    pub(crate) fn set_count_filters(&mut self, filters: Vec<Filter>) {
        self.counts = Counts {
            counts: vec![0; filters.len()],
            filters,
            stale: true,
        };
        self.recount();
    }

    /// Count every row again if something made the counts stale.
    pub(crate) fn recount(&mut self) {
        if !self.counts.stale {
            return;
        }
        let counts = self
            .counts
            .filters
            .iter()
            .map(|f| self.count_matching(f))
            .collect();
        self.counts.counts = counts;
        self.counts.stale = false;
    }

    /// Rows just added to the store.
    pub(super) fn count_added(&mut self, rows: &[u32]) {
        if self.counts.stale {
            return;
        }
        let store = &self.store;
        for (f, n) in self
            .counts
            .filters
            .iter()
            .zip(self.counts.counts.iter_mut())
        {
            *n += rows.iter().filter(|&&i| store.matches(i, f)).count();
        }
    }

    /// Which filters a row matches, before it changes.
    pub(super) fn matched_by(&self, i: u32) -> Vec<bool> {
        let store = &self.store;
        self.counts
            .filters
            .iter()
            .map(|f| store.matches(i, f))
            .collect()
    }

    /// A row changed in place: move its own matches.
    pub(super) fn count_changed(&mut self, i: u32, before: &[bool]) {
        if self.counts.stale {
            return;
        }
        let store = &self.store;
        for ((f, n), was) in self
            .counts
            .filters
            .iter()
            .zip(self.counts.counts.iter_mut())
            .zip(before)
        {
            match (was, store.matches(i, f)) {
                (true, false) => *n = n.saturating_sub(1),
                (false, true) => *n += 1,
                _ => {}
            }
        }
    }
}
