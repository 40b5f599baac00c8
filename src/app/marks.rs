//! Marks, each with the last copy of its request: `p` (pending only) and
//! the filter hide marked rows without unmarking them, and the bulk dialog
//! still knows what the hidden ones are.

use std::collections::HashMap;

use crate::api::IntegrationRequest;

#[derive(Debug, Clone, Default)]
pub(crate) struct Marks {
    pub(super) by_id: HashMap<String, IntegrationRequest>,
}

impl Marks {
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The last copy of a marked request.
    pub fn get(&self, id: &str) -> Option<&IntegrationRequest> {
        self.by_id.get(id)
    }

    /// Mark `r`, or refresh its copy; true when it was not marked before.
    pub fn insert(&mut self, r: &IntegrationRequest) -> bool {
        self.by_id.insert(r.id.clone(), r.clone()).is_none()
    }

    pub fn remove(&mut self, id: &str) -> bool {
        self.by_id.remove(id).is_some()
    }

    pub fn clear(&mut self) {
        self.by_id.clear();
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String) -> bool) {
        self.by_id.retain(|id, _| keep(id));
    }

    /// A newer copy of a request; kept only if it is marked.
    pub fn refresh(&mut self, r: &IntegrationRequest) {
        if let Some(copy) = self.by_id.get_mut(&r.id) {
            *copy = r.clone();
        }
    }

    pub(super) fn ids(&self) -> impl Iterator<Item = &String> {
        self.by_id.keys()
    }
}
