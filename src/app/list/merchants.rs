//! Merchant names shown beside the rows: each merchant asked for once per
//! session, and its name matched by the filter once it arrives.

use std::collections::HashSet;

use crate::api::{IntegrationRequest, Merchant};

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
    pub(crate) fn known_merchants(&self) -> crate::export::Merchants {
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

    /// A merchant lookup answered. A name can only add matches, so the
    /// visible rows change only when the filter has a name-matching word in
    /// the name; then just that merchant's rows are checked and merged in.
    pub(crate) fn merchant_arrived(&mut self, merchant_id: String, merchant: Option<Merchant>) {
        let Some(m) = merchant else {
            self.merchants
                .insert(merchant_id, MerchantInfo::Unavailable);
            return;
        };
        self.generation += 1;
        let (slot, lower) = self.store.set_merchant_name(&merchant_id, &m.name);
        let could_match = !self.filter.is_empty() && self.filter.name_could_match(lower);
        if self.counts.name_could_match(lower) {
            self.counts.mark_stale();
        }
        self.merchants.insert(merchant_id, MerchantInfo::Known(m));
        if could_match || self.sort == SortKey::Merchant {
            // Rows move or join a complete result only.
            self.finish_filter();
        }
        if self.sort == SortKey::Merchant {
            self.resort_merchant(slot);
        }
        if !could_match {
            return;
        }
        let store = &self.store;
        let filter = &self.filter;
        let of_merchant = |i: &u32| store.entry(*i).is_some_and(|e| e.merchant == slot);
        let shown: HashSet<u32> = self.visible.iter().copied().filter(of_merchant).collect();
        // `order` is sorted, so these come out sorted too.
        let fresh: Vec<u32> = self
            .order
            .iter()
            .copied()
            .filter(|i| of_merchant(i) && !shown.contains(i) && store.matches(*i, filter))
            .collect();
        if fresh.is_empty() {
            return;
        }
        let (key, rev) = (self.sort, self.reverse);
        let cmp = |a: &u32, b: &u32| store.compare(key, rev, *a, *b);
        let before = self.cursor_index();
        self.generation += 1;
        self.visible = merge(&self.visible, &fresh, cmp);
        self.restore_cursor(before);
        self.count_visible_marked();
    }

    /// Sorted by merchant, a merchant's rows move to where its name (no
    /// longer its id) puts them; the other rows keep their order, so only
    /// that merchant's rows are sorted and merged back. The cursor stays on
    /// its request.
    fn resort_merchant(&mut self, slot: u32) {
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        let cmp = |a: &u32, b: &u32| store.compare(key, rev, *a, *b);
        let of_merchant = |i: &u32| store.entry(*i).is_some_and(|e| e.merchant == slot);
        let place = |rows: &[u32]| {
            let (mut moved, rest): (Vec<u32>, Vec<u32>) = rows.iter().partition(|i| of_merchant(i));
            moved.sort_unstable_by(cmp);
            merge(&rest, &moved, cmp)
        };
        let before = self.cursor_index();
        self.order = place(&self.order);
        self.visible = place(&self.visible);
        self.generation += 1;
        self.restore_cursor(before);
    }
}
