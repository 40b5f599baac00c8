//! Merchant names shown beside the rows: each merchant asked for once per
//! session, and its name matched by the filter once it arrives.

use std::collections::HashSet;

use crate::api::{IntegrationRequest, Merchant, MerchantAnswers};

use super::rows::merge;
use super::sort::SortKey;
use super::{List, MerchantInfo};

impl List {
    /// A merchant's details once its name has arrived.
    pub(crate) fn merchant(&self, merchant_id: &str) -> Option<&Merchant> {
        match self.merchants.get(merchant_id) {
            Some(MerchantInfo::Known(m)) => Some(m),
            _ => None,
        }
    }

    /// Every merchant whose name is known, for exports.
    pub(crate) fn known_merchants(&self) -> crate::api::Merchants {
        self.merchants
            .iter()
            .filter_map(|(id, m)| match m {
                MerchantInfo::Known(m) => Some((id.clone(), m.clone())),
                _ => None,
            })
            .collect()
    }

    /// Merchants of `items` never asked about, now marked as asked (so a
    /// merchant is fetched once however many pages name it).
    pub(crate) fn merchants_to_fetch<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a IntegrationRequest>,
    ) -> Vec<String> {
        let mut ids = Vec::new();
        for r in items {
            if r.merchant_id.is_empty() || self.merchants.contains_key(&r.merchant_id) {
                continue;
            }
            self.merchants
                .insert(r.merchant_id.clone(), MerchantInfo::Pending);
            ids.push(r.merchant_id.clone());
        }
        ids
    }

    /// Merchant lookups answered, a batch at a time. A name can only add
    /// matches, so the shown rows change only when the filter has a word
    /// the name holds; then only those merchants' rows are tested and
    /// merged in. Each name touches its own rows (through the store's
    /// per-merchant index), never every row; only the merchant sort moves
    /// rows, once for the whole batch.
    pub(crate) fn merchants_arrived(&mut self, batch: MerchantAnswers) {
        let mut matched = Vec::new();
        let mut renamed = Vec::new();
        for (merchant_id, merchant) in batch {
            let Some(m) = merchant else {
                self.merchants
                    .insert(merchant_id, MerchantInfo::Unavailable);
                continue;
            };
            let lower: String = m.name.chars().flat_map(char::to_lowercase).collect();
            let slot = self.store.merchant_slot(&merchant_id);
            // Its rows' text now matches differently: earlier results are stale.
            self.generation += 1;
            if !self.filter.is_empty() && self.filter.name_could_match(&lower) {
                matched.push(slot);
            }
            self.rename(slot, lower);
            renamed.push(slot);
            self.merchants.insert(merchant_id, MerchantInfo::Known(m));
        }
        let by_name = self.sort == SortKey::Merchant && !renamed.is_empty();
        if matched.is_empty() && !by_name {
            return;
        }
        // Rows move or join a complete result only.
        self.finish_filter();
        if by_name {
            self.resort_merchants(&renamed);
        }
        if !matched.is_empty() {
            self.show_matched(&matched);
        }
    }

    /// A merchant's name, with the saved views' counts moved for its rows
    /// alone when a view's words could match the old name or the new.
    fn rename(&mut self, slot: u32, lower: String) {
        let old = self.store.merchant_name(slot);
        let counted = self.counts.name_could_match(&lower) || self.counts.name_could_match(old);
        if !counted {
            self.store.set_merchant_name(slot, lower);
            return;
        }
        let rows = self.store.merchant_rows(slot).to_vec();
        let before: Vec<Vec<bool>> = rows.iter().map(|&i| self.matched_by(i)).collect();
        self.store.set_merchant_name(slot, lower);
        for (i, was) in rows.into_iter().zip(before) {
            self.count_changed(i, &was);
        }
    }

    /// The rows of `slots` the filter now lets through and the list does
    /// not show yet, merged into their places.
    fn show_matched(&mut self, slots: &[u32]) {
        let mut fresh: HashSet<u32> = slots
            .iter()
            .flat_map(|&s| self.store.merchant_rows(s).iter().copied())
            .collect();
        for v in &self.visible {
            fresh.remove(v);
        }
        let (store, filter) = (&self.store, &self.filter);
        let mut fresh: Vec<u32> = fresh
            .into_iter()
            .filter(|&i| store.matches(i, filter))
            .collect();
        if fresh.is_empty() {
            return;
        }
        let (key, rev) = (self.sort, self.reverse);
        fresh.sort_unstable_by(|a, b| store.compare(key, rev, *a, *b));
        self.generation += 1;
        self.join_shown(&fresh);
    }

    /// Sorted by merchant, these merchants' rows move to where their names
    /// (no longer their ids) put them; the other rows keep their order, so
    /// only the renamed rows are sorted and merged back. The cursor stays on
    /// its request.
    fn resort_merchants(&mut self, slots: &[u32]) {
        let mut moved = vec![false; self.store.merchant_slots()];
        for &s in slots {
            if let Some(m) = moved.get_mut(s as usize) {
                *m = true;
            }
        }
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        let cmp = |a: &u32, b: &u32| store.compare(key, rev, *a, *b);
        let of_renamed = |i: &u32| {
            store
                .entry(*i)
                .is_some_and(|e| moved.get(e.merchant as usize).copied().unwrap_or(false))
        };
        let place = |rows: &[u32]| {
            let (mut renamed, rest): (Vec<u32>, Vec<u32>) =
                rows.iter().partition(|i| of_renamed(i));
            renamed.sort_unstable_by(cmp);
            merge(&rest, &renamed, cmp)
        };
        let before = self.cursor_index();
        self.order = place(&self.order);
        self.visible = place(&self.visible);
        self.generation += 1;
        self.restore_cursor(before);
    }
}
