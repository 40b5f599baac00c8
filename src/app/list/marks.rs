//! Marks, each with the last copy of its request: `p` (pending only) and
//! the filter hide marked rows without unmarking them, and the bulk dialog
//! still knows what the hidden ones are. Marking one row, every visible
//! one or none, and dropping marks a full load shows are gone.

use std::collections::HashMap;

use crate::api::IntegrationRequest;

use super::List;

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

impl List {
    /// The marked requests as the bulk dialog takes them: in list order,
    /// then the marks no longer loaded (their kept copies), by id.
    pub(crate) fn marked_requests(&self) -> Vec<IntegrationRequest> {
        let mut out: Vec<IntegrationRequest> = self
            .order
            .iter()
            .filter_map(|&i| self.store.get(i))
            .filter(|r| self.marks.contains(&r.id))
            .cloned()
            .collect();
        let mut gone: Vec<&IntegrationRequest> = self
            .marks
            .by_id
            .values()
            .filter(|r| self.store.find(&r.id).is_none())
            .collect();
        gone.sort_by(|a, b| a.id.cmp(&b.id));
        out.extend(gone.into_iter().cloned());
        out
    }

    /// After a full load: a mark whose request the load had takes its new
    /// copy; one it lacks is dropped only if the load covered its status
    /// (every status, or pending for a pending request). The rest are rows
    /// `p` hides, kept as the filter keeps its hidden marks.
    pub(crate) fn prune_marks(&mut self) {
        let store = &self.store;
        let pending_only = self.pending_only;
        self.marks.by_id.retain(|id, copy| match store.by_id(id) {
            Some(r) => {
                copy.clone_from(r);
                true
            }
            None => pending_only && !copy.is_pending(),
        });
        self.count_visible_marked();
    }

    pub(crate) fn toggle_mark(&mut self, id: &str) {
        if self.marks.remove(id) {
            self.visible_marked = self.visible_marked.saturating_sub(1);
        } else if let Some(r) = self.store.by_id(id) {
            self.marks.insert(r);
            self.visible_marked += 1;
        }
    }

    pub(crate) fn mark_all_visible(&mut self) {
        for &i in &self.visible {
            if let Some(r) = self.store.get(i) {
                self.marks.insert(r);
            }
        }
        self.count_visible_marked();
    }

    pub(crate) fn clear_marks(&mut self) {
        self.marks.clear();
        self.visible_marked = 0;
    }
}
