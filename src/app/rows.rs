//! The list's rows: the filtered, sorted view over the store, kept in step
//! as pages arrive, the filter or the sort change, or the server answers
//! for one request. Recomputed only when those change, never per frame.

use std::collections::HashSet;

use crate::api::{IntegrationRequest, Merchant};

use super::filter::Filter;
use super::keys::{self, Nav};
use super::list::MerchantInfo;
use super::sort::{self, SortKey};
use super::state::App;

/// How many earlier filters keep their rows for a quick way back.
const FILTER_HISTORY: usize = 64;

impl App {
    /// Set the filter and recompute the visible rows at once (what every
    /// keystroke in the filter line does).
    pub fn set_filter_text(&mut self, text: &str) {
        if text == self.list.filter_text {
            return;
        }
        let filter = Filter::parse(text);
        let narrow = filter.narrows(&self.list.filter);
        self.list.filter_text = text.to_string();
        if filter == self.list.filter {
            return;
        }
        let mut narrow = narrow;
        if self.list.filter_history_generation != self.list.generation {
            // Rows changed since the last keystroke: what is shown is no
            // base to narrow from, and what was remembered is stale.
            narrow = false;
            self.list.filter_history.clear();
            self.list.filter_history_generation = self.list.generation;
        }
        if let Some(pos) = self
            .list
            .filter_history
            .iter()
            .rposition(|(f, _)| *f == filter)
        {
            // Back to a filter seen on the way here: its rows are known.
            let before = self.cursor_index();
            self.list.filter_history.truncate(pos + 1);
            if let Some((f, rows)) = self.list.filter_history.pop() {
                self.list.filter = f;
                self.list.visible = rows;
            }
            self.restore_cursor(before);
            self.count_visible_marked();
            return;
        }
        if narrow {
            if self.list.filter_history.len() >= FILTER_HISTORY {
                self.list.filter_history.remove(0);
            }
            let previous = std::mem::replace(&mut self.list.filter, filter);
            self.list
                .filter_history
                .push((previous, self.list.visible.clone()));
        } else {
            self.list.filter_history.clear();
            self.list.filter = filter;
        }
        self.filter_rows(narrow);
    }

    pub fn set_sort(&mut self, key: SortKey, reverse: bool) {
        self.list.sort = key;
        self.list.reverse = reverse;
        self.resort();
    }

    fn cursor_index(&self) -> Option<u32> {
        self.list.visible.get(self.list.cursor).copied()
    }

    fn restore_cursor(&mut self, before: Option<u32>) {
        if let Some(i) = before
            && let Some(pos) = self.list.visible.iter().position(|&v| v == i)
        {
            self.list.cursor = pos;
            return;
        }
        self.list.cursor = self
            .list
            .cursor
            .min(self.list.visible.len().saturating_sub(1));
    }

    pub(super) fn count_visible_marked(&mut self) {
        self.list.visible_marked = if self.list.marks.is_empty() {
            0
        } else {
            self.list
                .visible
                .iter()
                .filter_map(|&i| self.list.store.get(i))
                .filter(|r| self.list.marks.contains(&r.id))
                .count()
        };
    }

    /// Recompute the visible rows from the filter. `narrow` says the new
    /// filter only removes rows, so the current result can be the start.
    /// Filter again after the rows, their order or their text changed.
    pub(crate) fn refilter(&mut self, narrow: bool) {
        self.list.generation += 1;
        self.filter_rows(narrow);
    }

    fn filter_rows(&mut self, narrow: bool) {
        let before = self.cursor_index();
        let base = if narrow {
            std::mem::take(&mut self.list.visible)
        } else {
            self.list.order.clone()
        };
        self.list.visible = if self.list.filter.is_empty() {
            base
        } else {
            let store = &self.list.store;
            let filter = &self.list.filter;
            let mut v = base;
            v.retain(|&i| store.matches(i, filter));
            v
        };
        self.restore_cursor(before);
        self.count_visible_marked();
    }

    /// Sort every row again (sort change, or rows replaced).
    pub(crate) fn resort(&mut self) {
        let store = &self.list.store;
        let (key, rev) = (self.list.sort, self.list.reverse);
        let mut order: Vec<u32> = (0..u32::try_from(store.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| match (store.get(a), store.get(b)) {
            (Some(a), Some(b)) => sort::compare(key, rev, a, b),
            _ => a.cmp(&b),
        });
        self.list.order = order;
        self.refilter(false);
    }

    /// Add a page of rows, merging them into the sorted order without
    /// sorting everything again.
    pub(crate) fn append(&mut self, items: Vec<IntegrationRequest>) {
        let mut fresh = Vec::new();
        let mut replaced = false;
        for r in items {
            let (i, new) = self.list.store.upsert(r);
            if new {
                fresh.push(i);
            } else {
                replaced = true;
            }
        }
        if replaced {
            // A duplicate id may have moved; rare enough to pay for a full sort.
            self.resort();
            return;
        }
        let store = &self.list.store;
        let (key, rev) = (self.list.sort, self.list.reverse);
        let cmp = |a: &u32, b: &u32| match (store.get(*a), store.get(*b)) {
            (Some(x), Some(y)) => sort::compare(key, rev, x, y),
            _ => a.cmp(b),
        };
        fresh.sort_unstable_by(cmp);
        self.list.order = merge(&self.list.order, &fresh, cmp);
        let before = self.cursor_index();
        let filter = &self.list.filter;
        let passing: Vec<u32> = fresh
            .into_iter()
            .filter(|&i| store.matches(i, filter))
            .collect();
        self.list.generation += 1;
        self.list.visible = merge(&self.list.visible, &passing, cmp);
        self.restore_cursor(before);
        self.count_visible_marked();
    }

    /// Replace every row (a refresh finished), keeping the cursor on the
    /// same request when it is still there.
    pub(crate) fn replace_all(&mut self, items: Vec<IntegrationRequest>) {
        let cursor_id = self.cursor_request().map(|r| r.id.clone());
        self.list.store.clear();
        for r in items {
            self.list.store.upsert(r);
        }
        self.list.order.clear();
        self.list.visible.clear();
        self.resort();
        if let Some(i) = cursor_id.and_then(|id| self.list.store.find(&id))
            && let Some(pos) = self.list.visible.iter().position(|&v| v == i)
        {
            self.list.cursor = pos;
        }
    }

    /// Clear the rows before the first page of a non-refresh load.
    pub(crate) fn clear_rows(&mut self) {
        self.list.store.clear();
        self.list.order.clear();
        self.list.visible.clear();
        self.list.cursor = 0;
        self.list.offset = 0;
        self.list.visible_marked = 0;
    }

    /// Apply the server's copy of one request in place. It keeps its place
    /// in the list until the next recompute, so rows do not jump under the
    /// cursor while the operator works.
    pub(crate) fn patch(&mut self, req: IntegrationRequest) {
        if let Some(staged) = self.list.loading.as_mut().and_then(|l| l.staged.as_mut())
            && let Some(s) = staged.iter_mut().find(|s| s.id == req.id)
        {
            *s = req.clone();
        }
        self.list.marks.refresh(&req);
        if self.list.store.find(&req.id).is_some() {
            // Its text may now match other filters: earlier results are stale.
            self.list.generation += 1;
            self.list.store.upsert(req);
        }
    }

    /// A merchant lookup answered. A name can only add matches, so the
    /// visible rows change only when the filter has a name-matching word in
    /// the name; then just that merchant's rows are checked and merged in.
    pub(crate) fn merchant_arrived(&mut self, merchant_id: String, merchant: Option<Merchant>) {
        let Some(m) = merchant else {
            self.list
                .merchants
                .insert(merchant_id, MerchantInfo::Unavailable);
            return;
        };
        self.list.generation += 1;
        let (slot, lower) = self.list.store.set_merchant_name(&merchant_id, &m.name);
        let could_match = !self.list.filter.is_empty() && self.list.filter.name_could_match(lower);
        self.list
            .merchants
            .insert(merchant_id, MerchantInfo::Known(m));
        if !could_match {
            return;
        }
        let store = &self.list.store;
        let filter = &self.list.filter;
        let of_merchant = |i: &u32| store.entry(*i).is_some_and(|e| e.merchant == slot);
        let shown: HashSet<u32> = self
            .list
            .visible
            .iter()
            .copied()
            .filter(of_merchant)
            .collect();
        // `order` is sorted, so these come out sorted too.
        let fresh: Vec<u32> = self
            .list
            .order
            .iter()
            .copied()
            .filter(|i| of_merchant(i) && !shown.contains(i) && store.matches(*i, filter))
            .collect();
        if fresh.is_empty() {
            return;
        }
        let (key, rev) = (self.list.sort, self.list.reverse);
        let cmp = |a: &u32, b: &u32| match (store.get(*a), store.get(*b)) {
            (Some(x), Some(y)) => sort::compare(key, rev, x, y),
            _ => a.cmp(b),
        };
        let before = self.cursor_index();
        self.list.generation += 1;
        self.list.visible = merge(&self.list.visible, &fresh, cmp);
        self.restore_cursor(before);
        self.count_visible_marked();
    }
}

/// Merge two runs sorted by `cmp` into one.
fn merge(a: &[u32], b: &[u32], cmp: impl Fn(&u32, &u32) -> std::cmp::Ordering) -> Vec<u32> {
    if b.is_empty() {
        return a.to_vec();
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
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

/// Move the cursor as the operator asked.
pub(super) fn move_cursor(app: &mut App, nav: Nav) {
    app.list.cursor = keys::apply(nav, app.list.cursor, app.list.visible.len(), app.page());
    // The operator chose a row; a load in progress must not pull it back.
    if let Some(l) = app.list.loading.as_mut() {
        l.cursor_id = None;
    }
}
