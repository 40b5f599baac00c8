//! The loaded requests: each stored once, found by id in O(1), with its
//! searchable text prepared at insert so filtering never lowercases, and
//! what the backlog counts of it ([`Facts`]) worked out once, so counting
//! never works a row's readiness out again.
//! Merchants are numbered once each (a slot per merchantId, kept across
//! reloads) so a row's merchant name is an index away, never a hash, and
//! each slot knows its rows, so a name that arrives touches only those.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::api::IntegrationRequest;

use super::filter::{Filter, Haystack};

/// What the backlog counts of a row: its type and readiness (numbered in
/// the store's tables), when it was created, and whether it is pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub kind: u16,
    pub readiness: u16,
    pub created_at: Option<DateTime<Utc>>,
    pub pending: bool,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub req: IntegrationRequest,
    pub hay: Haystack,
    /// The merchant's slot in the store's name table.
    pub merchant: u32,
    pub facts: Facts,
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    entries: Vec<Entry>,
    by_id: HashMap<String, u32>,
    merchant_slots: HashMap<String, u32>,
    /// Lowercased merchant names by slot; empty while unknown.
    merchant_names: Vec<String>,
    /// Each slot's rows, in the order they were stored.
    merchant_rows: Vec<Vec<u32>>,
    /// The type and readiness words [`Facts`] number; few, and kept across
    /// reloads so a number always means the same words.
    kinds: Vec<String>,
    readiness: Vec<String>,
}

/// `word`'s number in `table`, added at the end the first time.
fn intern(table: &mut Vec<String>, word: String) -> u16 {
    let i = table.iter().position(|w| *w == word).unwrap_or_else(|| {
        table.push(word);
        table.len() - 1
    });
    u16::try_from(i).unwrap_or(u16::MAX)
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
        let facts = Facts {
            kind: intern(&mut self.kinds, req.kind.to_string()),
            readiness: intern(&mut self.readiness, crate::domain::readiness::text(&req)),
            created_at: req.created_at,
            pending: req.is_pending(),
        };
        let entry = Entry {
            req,
            hay,
            merchant,
            facts,
        };
        if let Some(&i) = self.by_id.get(&entry.req.id) {
            if let Some(e) = self.entries.get_mut(i as usize) {
                if e.merchant != merchant {
                    // Rare (a request moved merchant): its old slot forgets it.
                    if let Some(rows) = self.merchant_rows.get_mut(e.merchant as usize) {
                        rows.retain(|&r| r != i);
                    }
                    self.merchant_rows[merchant as usize].push(i);
                }
                *e = entry;
            }
            return (i, false);
        }
        let i = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.by_id.insert(entry.req.id.clone(), i);
        self.entries.push(entry);
        self.merchant_rows[merchant as usize].push(i);
        (i, true)
    }

    /// Drop every row; merchant names stay (they are cached for the session).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.by_id.clear();
        for rows in &mut self.merchant_rows {
            rows.clear();
        }
    }

    /// The slot of `merchant_id`, numbered now if it has none yet.
    pub fn merchant_slot(&mut self, merchant_id: &str) -> u32 {
        if let Some(&s) = self.merchant_slots.get(merchant_id) {
            return s;
        }
        let s = u32::try_from(self.merchant_names.len()).unwrap_or(u32::MAX);
        self.merchant_slots.insert(merchant_id.to_string(), s);
        self.merchant_names.push(String::new());
        self.merchant_rows.push(Vec::new());
        s
    }

    /// How many merchants have a slot.
    pub fn merchant_slots(&self) -> usize {
        self.merchant_names.len()
    }

    /// The lowercased name in a merchant's slot, empty while unknown.
    pub fn merchant_name(&self, slot: u32) -> &str {
        self.merchant_names
            .get(slot as usize)
            .map_or("", String::as_str)
    }

    /// The rows of a merchant's slot.
    pub fn merchant_rows(&self, slot: u32) -> &[u32] {
        self.merchant_rows
            .get(slot as usize)
            .map_or(&[], Vec::as_slice)
    }

    /// Record a merchant's lowercased name in its slot.
    pub fn set_merchant_name(&mut self, slot: u32, lower: String) {
        if let Some(name) = self.merchant_names.get_mut(slot as usize) {
            *name = lower;
        }
    }

    /// The words a type number of [`Facts`] stands for.
    pub fn kind_name(&self, kind: u16) -> &str {
        self.kinds.get(usize::from(kind)).map_or("", String::as_str)
    }

    /// The words a readiness number of [`Facts`] stands for.
    pub fn readiness_text(&self, readiness: u16) -> &str {
        self.readiness
            .get(usize::from(readiness))
            .map_or("", String::as_str)
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
