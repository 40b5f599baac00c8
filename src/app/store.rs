//! The loaded requests: each stored once, found by id in O(1), with its
//! searchable text prepared at insert so filtering never lowercases.

use std::collections::HashMap;

use crate::api::IntegrationRequest;

use super::filter::Haystack;

#[derive(Debug, Clone)]
pub struct Entry {
    pub req: IntegrationRequest,
    pub hay: Haystack,
}

#[derive(Debug, Clone, Default)]
pub struct Store {
    entries: Vec<Entry>,
    by_id: HashMap<String, u32>,
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
        if let Some(&i) = self.by_id.get(&req.id) {
            if let Some(e) = self.entries.get_mut(i as usize) {
                *e = Entry { req, hay };
            }
            return (i, false);
        }
        let i = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
        self.by_id.insert(req.id.clone(), i);
        self.entries.push(Entry { req, hay });
        (i, true)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.by_id.clear();
    }
}
