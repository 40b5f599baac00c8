//! The simulator's in-memory store of integration requests and merchants.
//!
//! Requests live in slots of a Vec in insertion order; a delete leaves an
//! empty slot rather than shifting, so positions stay stable and a page key
//! (which is a slot position) handed out earlier still resumes correctly.

use std::collections::{HashMap, HashSet};

use crate::api::model::{IntegrationRequest, IntegrationType, Merchant};

/// Search criteria, already parsed from the query string.
#[derive(Debug, Clone, Default)]
pub struct Criteria {
    pub account_id: Option<String>,
    pub kind: Option<IntegrationType>,
    pub pending: bool,
}

impl Criteria {
    fn matches(&self, r: &IntegrationRequest) -> bool {
        self.account_id.as_deref().is_none_or(|a| r.account_id == a)
            && self.kind.as_ref().is_none_or(|k| &r.kind == k)
            && (!self.pending || r.is_pending())
    }
}

#[derive(Debug, Default)]
pub struct SimStore {
    slots: Vec<Option<IntegrationRequest>>,
    by_id: HashMap<String, usize>,
    // merchantId + type, the pair the create rule keeps unique.
    pairs: HashSet<String>,
    merchants: HashMap<String, Merchant>,
    // Merchants in load order, for the per-account listing.
    merchant_order: Vec<String>,
}

fn pair_key(merchant_id: &str, kind: &IntegrationType) -> String {
    format!("{merchant_id}\u{0}{}", kind.as_str())
}

impl SimStore {
    pub fn new(merchants: Vec<Merchant>, requests: Vec<IntegrationRequest>) -> Self {
        let mut s = SimStore {
            slots: Vec::with_capacity(requests.len()),
            by_id: HashMap::with_capacity(requests.len()),
            pairs: HashSet::with_capacity(requests.len()),
            merchants: HashMap::with_capacity(merchants.len()),
            merchant_order: Vec::with_capacity(merchants.len()),
        };
        for m in merchants {
            s.merchant_order.push(m.id.clone());
            s.merchants.insert(m.id.clone(), m);
        }
        for r in requests {
            s.upsert(r);
        }
        s
    }

    pub fn request_count(&self) -> usize {
        self.by_id.len()
    }

    /// Number of slots, including emptied ones; the upper bound of a page key.
    pub fn slot_count(&self) -> usize {
        self.slots.len()
    }

    pub fn get(&self, id: &str) -> Option<&IntegrationRequest> {
        self.by_id.get(id).and_then(|&i| self.slots[i].as_ref())
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut IntegrationRequest> {
        let i = *self.by_id.get(id)?;
        self.slots[i].as_mut()
    }

    pub fn has_pair(&self, merchant_id: &str, kind: &IntegrationType) -> bool {
        self.pairs.contains(&pair_key(merchant_id, kind))
    }

    /// Insert, or replace the request with the same id in place.
    pub fn upsert(&mut self, r: IntegrationRequest) {
        let key = pair_key(&r.merchant_id, &r.kind);
        if let Some(&i) = self.by_id.get(&r.id) {
            if let Some(old) = &self.slots[i] {
                self.pairs.remove(&pair_key(&old.merchant_id, &old.kind));
            }
            self.pairs.insert(key);
            self.slots[i] = Some(r);
        } else {
            self.pairs.insert(key);
            self.by_id.insert(r.id.clone(), self.slots.len());
            self.slots.push(Some(r));
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<IntegrationRequest> {
        let i = self.by_id.remove(id)?;
        let r = self.slots[i].take()?;
        self.pairs.remove(&pair_key(&r.merchant_id, &r.kind));
        Some(r)
    }

    pub fn snapshot(&self) -> Vec<IntegrationRequest> {
        self.slots.iter().flatten().cloned().collect()
    }

    /// One page of matches starting at slot `from`, plus the slot of the next
    /// match if there is one. Looking ahead for that next match (rather than
    /// stopping at a full page) means the last page never carries a key, and
    /// the look-ahead is not wasted: the next page starts exactly there, so
    /// walking all pages scans the store once.
    pub fn page(
        &self,
        criteria: &Criteria,
        from: usize,
        size: usize,
    ) -> (Vec<IntegrationRequest>, Option<usize>) {
        let mut items = Vec::with_capacity(size.min(256));
        let mut pos = from;
        while pos < self.slots.len() {
            if let Some(r) = self.slots[pos].as_ref().filter(|r| criteria.matches(r)) {
                if items.len() == size {
                    return (items, Some(pos));
                }
                items.push(r.clone());
            }
            pos += 1;
        }
        (items, None)
    }

    pub fn merchant(&self, id: &str) -> Option<&Merchant> {
        self.merchants.get(id)
    }

    /// The first merchant (in load order) with no request of `kind`.
    pub fn merchant_without(&self, kind: &IntegrationType) -> Option<&Merchant> {
        self.merchant_order
            .iter()
            .filter(|id| !self.has_pair(id, kind))
            .find_map(|id| self.merchants.get(id))
    }

    pub fn merchants(&self) -> Vec<Merchant> {
        self.merchant_order
            .iter()
            .filter_map(|id| self.merchants.get(id).cloned())
            .collect()
    }

    /// Same paging scheme as [`SimStore::page`], over an account's merchants.
    pub fn merchant_page(
        &self,
        account_id: &str,
        from: usize,
        size: usize,
    ) -> (Vec<Merchant>, Option<usize>) {
        let mut items = Vec::new();
        for (pos, id) in self.merchant_order.iter().enumerate().skip(from) {
            let Some(m) = self.merchants.get(id) else {
                continue;
            };
            if m.account_id.as_deref() != Some(account_id) {
                continue;
            }
            if items.len() == size {
                return (items, Some(pos));
            }
            items.push(m.clone());
        }
        (items, None)
    }

    pub fn merchant_slot_count(&self) -> usize {
        self.merchant_order.len()
    }
}
