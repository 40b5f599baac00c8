//! The loaded requests: each stored once, found by id in O(1), with its
//! searchable text prepared at insert so filtering never lowercases.
//! Merchants are numbered once each (a slot per merchantId, kept across
//! reloads) so a row's merchant name is an index away, never a hash.

use std::collections::HashMap;

use crate::api::IntegrationRequest;

use super::filter::{Filter, Haystack};

#[derive(Debug, Clone)]
pub struct Entry {
    pub req: IntegrationRequest,
    pub hay: Haystack,
    /// The merchant's slot in the store's name table.
    pub merchant: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    entries: Vec<Entry>,
    by_id: HashMap<String, u32>,
    merchant_slots: HashMap<String, u32>,
    /// Lowercased merchant names by slot; empty while unknown.
    merchant_names: Vec<String>,
}

impl Store {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn get(&self, i: u32) -> Option<&IntegrationRequest> {
        self.entries.get(i as usize).map(|e| &e.req)
    }

    pub fn entry(&self, i: u32) -> Option<&Entry> {
        self.entries.get(i as usize)
    }

    pub fn find(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    pub fn by_id(&self, id: &str) -> Option<&IntegrationRequest> {
        self.find(id).and_then(|i| self.get(i))
    }

    /// Insert a new request or replace the stored one with the same id.
    /// Returns its index and whether it was new.
    pub fn upsert(&mut self, req: IntegrationRequest) -> (u32, bool) {
        let hay = Haystack::new(&req);
        let merchant = self.merchant_slot(&req.merchant_id);
        if let Some(&i) = self.by_id.get(&req.id) {
            if let Some(e) = self.entries.get_mut(i as usize) {
                *e = Entry { req, hay, merchant };
            }
            return (i, false);
        }
        let i = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.by_id.insert(req.id.clone(), i);
        self.entries.push(Entry { req, hay, merchant });
        (i, true)
    }

    /// Drop every row; merchant names stay (they are cached for the session).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.by_id.clear();
    }

    fn merchant_slot(&mut self, merchant_id: &str) -> u32 {
        if let Some(&s) = self.merchant_slots.get(merchant_id) {
            return s;
        }
        let s = u32::try_from(self.merchant_names.len()).unwrap_or(u32::MAX);
        self.merchant_slots.insert(merchant_id.to_string(), s);
        self.merchant_names.push(String::new());
        s
    }

    /// Record a merchant's name (lowercased here, once); returns its slot
    /// and the lowercased name.
    pub fn set_merchant_name(&mut self, merchant_id: &str, name: &str) -> (u32, &str) {
        let s = self.merchant_slot(merchant_id);
        let lower: String = name.chars().flat_map(char::to_lowercase).collect();
        let slot = &mut self.merchant_names[s as usize];
        *slot = lower;
        (s, slot.as_str())
    }

    /// The lowercased name of an entry's merchant, empty while unknown.
    pub fn name_of(&self, e: &Entry) -> &str {
        self.merchant_names
            .get(e.merchant as usize)
            .map_or("", String::as_str)
    }

    /// Whether row `i` passes `filter`, merchant name included.
    pub fn matches(&self, i: u32, filter: &Filter) -> bool {
        self.entry(i)
            .is_some_and(|e| filter.matches(&e.hay, self.name_of(e)))
    }
}
