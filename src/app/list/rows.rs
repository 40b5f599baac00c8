//! The list's rows: the filtered, sorted view over the store, kept in step
//! as pages arrive, the filter or the sort change, or the server answers
//! for one request. Recomputed only when those change, never per frame.

use crate::api::IntegrationRequest;

use super::List;
use super::filter::Filter;
use super::sort::SortKey;

/// How many earlier filters keep their rows for a quick way back.
const FILTER_HISTORY: usize = 64;

impl List {
    /// Set the filter and recompute the visible rows at once (what every
    /// keystroke in the filter line does).
    pub(crate) fn set_filter_text(&mut self, text: &str) {
        if text == self.filter_text {
            return;
        }
        let filter = self.view_filter.and(&Filter::parse(text));
        let narrow = filter.narrows(&self.filter);
        self.filter_text = text.to_string();
        if filter == self.filter {
            return;
        }
        let mut narrow = narrow;
        if self.filter_history_generation != self.generation {
            // Rows changed since the last keystroke: what is shown is no
            // base to narrow from, and what was remembered is stale.
            narrow = false;
            self.filter_history.clear();
            self.filter_history_generation = self.generation;
        }
        // A scan still running is dropped; its rows are no complete result.
        let running = self.take_filter_job();
        let before = match &running {
            Some((cursor, _)) => *cursor,
            None => self.cursor_index(),
        };
        if let Some(pos) = self.filter_history.iter().rposition(|(f, _)| *f == filter) {
            // Back to a filter seen on the way here: its rows are known.
            self.filter_history.truncate(pos + 1);
            if let Some((f, rows)) = self.filter_history.pop() {
                self.filter = f;
                self.visible = rows;
                self.shown_reset();
            }
            self.restore_cursor(before);
            self.count_visible_marked();
            self.count_others();
            return;
        }
        let base = match running {
            // Narrowing a scan that had not finished: what it found and
            // what it had not tested yet hold every row that can match.
            Some((_, rest)) if narrow => {
                self.filter = filter;
                rest
            }
            // Back over a scan that never finished: from the last complete
            // result this filter narrows, when there is one.
            Some(_) => {
                let known = match self.filter_history.last() {
                    Some((f, rows)) if filter.narrows(f) => Some(rows.clone()),
                    _ => None,
                };
                self.filter = filter;
                known.unwrap_or_else(|| {
                    self.filter_history.clear();
                    self.order.clone()
                })
            }
            None if narrow => {
                if self.filter_history.len() >= FILTER_HISTORY {
                    self.filter_history.remove(0);
                }
                let previous = std::mem::replace(&mut self.filter, filter);
                self.filter_history.push((previous, self.visible.clone()));
                std::mem::take(&mut self.visible)
            }
            None => {
                self.filter_history.clear();
                self.filter = filter;
                self.order.clone()
            }
        };
        self.start_filter(base, before);
    }

    /// Show a saved view: its filter, with the typed filter still applied
    /// on top.
    pub(crate) fn set_view_filter(&mut self, view: Filter) {
        self.filter = view.and(&Filter::parse(&self.filter_text));
        self.view_filter = view;
        self.filter_history.clear();
        self.filter_rows(false);
    }

    /// Show a saved view in its own order: its filter (the typed one still
    /// on top) and its sort, sorting again only when that changed.
    pub(crate) fn show_view(&mut self, view: Filter, sort: SortKey, reverse: bool) {
        if (sort, reverse) == (self.sort, self.reverse) {
            return self.set_view_filter(view);
        }
        self.filter = view.and(&Filter::parse(&self.filter_text));
        self.view_filter = view;
        self.filter_history.clear();
        self.set_sort(sort, reverse);
    }

    /// Whether the typed filter (not the saved view's) narrows anything.
    pub(crate) fn typed_filter_is_empty(&self) -> bool {
        Filter::parse(&self.filter_text).is_empty()
    }

    /// How many loaded rows `filter` lets through (a saved view's count).
    pub(crate) fn count_matching(&self, filter: &Filter) -> usize {
        if filter.is_empty() {
            return self.order.len();
        }
        self.order
            .iter()
            .filter(|&&i| self.store.matches(i, filter))
            .count()
    }

    pub(crate) fn set_sort(&mut self, key: SortKey, reverse: bool) {
        self.sort = key;
        self.reverse = reverse;
        self.resort();
    }

    pub(crate) fn count_visible_marked(&mut self) {
        self.visible_marked = if self.marks.is_empty() {
            0
        } else {
            self.visible
                .iter()
                .filter_map(|&i| self.store.get(i))
                .filter(|r| self.marks.contains(&r.id))
                .count()
        };
    }

    /// Recompute the visible rows from the filter. `narrow` says the new
    /// filter only removes rows, so the current result can be the start.
    /// Filter again after the rows, their order or their text changed.
    pub(crate) fn refilter(&mut self, narrow: bool) {
        self.generation += 1;
        self.filter_rows(narrow);
    }

    fn filter_rows(&mut self, narrow: bool) {
        // Recomputed here from scratch: a running scan has nothing to add,
        // and its partial rows are no base to narrow from.
        let (before, narrow) = match self.take_filter_job() {
            Some((cursor, _)) => (cursor, false),
            None => (self.cursor_index(), narrow),
        };
        let base = if narrow {
            std::mem::take(&mut self.visible)
        } else {
            self.order.clone()
        };
        self.visible = if self.filter.is_empty() {
            base
        } else {
            let store = &self.store;
            let filter = &self.filter;
            let mut v = base;
            v.retain(|&i| store.matches(i, filter));
            v
        };
        self.shown_reset();
        self.restore_cursor(before);
        self.count_visible_marked();
        self.count_others();
    }

    /// Sort every row again (sort change, or rows replaced).
    pub(crate) fn resort(&mut self) {
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        let mut order: Vec<u32> = (0..u32::try_from(store.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| store.compare(key, rev, a, b));
        self.order = order;
        self.refilter(false);
    }

    /// Add a page of rows, merging them into the sorted order without
    /// sorting everything again.
    pub(crate) fn append(&mut self, items: Vec<IntegrationRequest>) {
        // New rows merge into a complete result only.
        self.finish_filter();
        let mut fresh = Vec::new();
        let mut replaced = false;
        for r in items {
            let (i, new) = self.store.upsert(r);
            if new {
                fresh.push(i);
            } else {
                replaced = true;
            }
        }
        if replaced {
            // A duplicate id may have moved; rare enough to pay for a full sort.
            self.counts.mark_stale();
            self.resort();
            return;
        }
        self.count_added(&fresh);
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        let cmp = |a: &u32, b: &u32| store.compare(key, rev, *a, *b);
        fresh.sort_unstable_by(cmp);
        self.order = merge(&self.order, &fresh, cmp);
        let filter = &self.filter;
        let passing: Vec<u32> = fresh
            .into_iter()
            .filter(|&i| store.matches(i, filter))
            .collect();
        self.generation += 1;
        self.join_shown(&passing);
    }

    /// `rows`, in sort order, join the shown rows in their places: the
    /// cursor stays on its request, and the backlog and the marked count
    /// take only these rows.
    pub(super) fn join_shown(&mut self, rows: &[u32]) {
        let before = self.cursor_index();
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        self.visible = merge(&self.visible, rows, |a, b| store.compare(key, rev, *a, *b));
        self.restore_cursor(before);
        self.shown_joined(rows);
        if !self.marks.is_empty() {
            let store = &self.store;
            self.visible_marked += rows
                .iter()
                .filter_map(|&i| store.get(i))
                .filter(|r| self.marks.contains(&r.id))
                .count();
        }
    }

    /// Replace every row (a refresh finished), keeping the cursor on the
    /// same request when it is still there.
    pub(crate) fn replace_all(&mut self, items: Vec<IntegrationRequest>) {
        let cursor_id = self.cursor_request().map(|r| r.id.clone());
        self.counts.mark_stale();
        self.store.clear();
        for r in items {
            self.store.upsert(r);
        }
        self.order.clear();
        self.visible.clear();
        self.resort();
        if let Some(i) = cursor_id.and_then(|id| self.store.find(&id))
            && let Some(pos) = self.visible.iter().position(|&v| v == i)
        {
            self.cursor = pos;
        }
    }

    /// Clear the rows before the first page of a non-refresh load.
    pub(crate) fn clear_rows(&mut self) {
        self.filter_job = None;
        self.counts.mark_stale();
        self.store.clear();
        self.order.clear();
        self.visible.clear();
        self.shown_reset();
        self.cursor = 0;
        self.offset = 0;
        self.visible_marked = 0;
    }

    /// Apply the server's copy of one request in place. It keeps its place
    /// in the list until the next recompute, so rows do not jump under the
    /// cursor while the operator works.
    pub(crate) fn patch(&mut self, req: IntegrationRequest) {
        if let Some(loading) = self.loading.as_mut() {
            // Pages already staged, and those still to come, keep this copy.
            if let Some(s) = loading
                .staged
                .as_mut()
                .and_then(|staged| staged.iter_mut().find(|s| s.id == req.id))
            {
                *s = super::load::newer(s.clone(), &req);
            }
            loading.written.insert(req.id.clone(), req.clone());
        }
        self.marks.refresh(&req);
        if let Some(i) = self.store.find(&req.id) {
            // Its text may now match other filters: earlier results are stale.
            self.generation += 1;
            let before = self.matched_by(i);
            let was = self.store.entry(i).map(|e| e.facts);
            self.store.upsert(req);
            self.count_changed(i, &before);
            if let Some(was) = was {
                self.shown_changed(i, was);
            }
        }
    }
}

/// Merge two runs sorted by `cmp` into one; on a tie `a`'s rows go first.
/// `b` is the short one (a page, a merchant's rows): each of its rows finds
/// its place in `a` by halving, so a page costs a few comparisons a row
/// and a copy, never a comparison per row of `a`.
pub(super) fn merge(
    a: &[u32],
    b: &[u32],
    cmp: impl Fn(&u32, &u32) -> std::cmp::Ordering,
) -> Vec<u32> {
    if b.is_empty() {
        return a.to_vec();
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let mut rest = a;
    for x in b {
        let before = rest.partition_point(|y| cmp(x, y) != std::cmp::Ordering::Less);
        out.extend_from_slice(&rest[..before]);
        out.push(*x);
        rest = &rest[before..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::merge;

    /// The two-finger merge the halving one replaced: on a tie `a` first.
    fn two_finger(
        a: &[u32],
        b: &[u32],
        cmp: impl Fn(&u32, &u32) -> std::cmp::Ordering,
    ) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if cmp(&b[j], &a[i]) == std::cmp::Ordering::Less {
                out.push(b[j]);
                j += 1;
            } else {
                out.push(a[i]);
                i += 1;
            }
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        out
    }

    proptest! {
        #[test]
        fn merging_by_halving_is_the_two_finger_merge(
            a in proptest::collection::vec(0..40u32, 0..80),
            b in proptest::collection::vec(0..40u32, 0..20),
        ) {
            // Even rows in `a`, odd in `b`, compared by a key with ties, so
            // which run a tied row came from shows in the result.
            let cmp = |x: &u32, y: &u32| (x / 4).cmp(&(y / 4));
            let mut a: Vec<u32> = a.into_iter().map(|x| x * 2).collect();
            let mut b: Vec<u32> = b.into_iter().map(|x| x * 2 + 1).collect();
            a.sort_by(cmp);
            b.sort_by(cmp);
            prop_assert_eq!(merge(&a, &b, cmp), two_finger(&a, &b, cmp));
        }
    }
}
