//! Marking rows (one, every visible one, none), dropping marks a full load
//! shows are gone, and the bulk dialog's plan made from the marks.

use std::collections::HashSet;

use super::run::BulkPlan;
use super::state::App;

impl App {
    /// After a full load: a mark whose request the load had takes its new
    /// copy; one it lacks is dropped only if the load covered its status
    /// (every status, or pending for a pending request). The rest are rows
    /// `p` hides, kept as the filter keeps its hidden marks.
    pub(crate) fn prune_marks(&mut self) {
        let store = &self.list.store;
        let pending_only = self.list.pending_only;
        self.list
            .marks
            .by_id
            .retain(|id, copy| match store.by_id(id) {
                Some(r) => {
                    copy.clone_from(r);
                    true
                }
                None => pending_only && !copy.is_pending(),
            });
        self.count_visible_marked();
    }

    pub(crate) fn toggle_mark(&mut self, id: &str) {
        if self.list.marks.remove(id) {
            self.list.visible_marked = self.list.visible_marked.saturating_sub(1);
        } else if let Some(r) = self.list.store.by_id(id) {
            self.list.marks.insert(r);
            self.list.visible_marked += 1;
        }
    }

    pub(crate) fn mark_all_visible(&mut self) {
        for &i in &self.list.visible {
            if let Some(r) = self.list.store.get(i) {
                self.list.marks.insert(r);
            }
        }
        self.count_visible_marked();
    }

    pub(crate) fn clear_marks(&mut self) {
        self.list.marks.clear();
        self.list.visible_marked = 0;
    }

    /// The plan for `A`: the marked set (or the cursor row), with what the
    /// dialog must warn about.
    pub(crate) fn bulk_plan(&self) -> Option<BulkPlan> {
        let ids: Vec<String> = if self.list.marks.is_empty() {
            vec![self.cursor_request()?.id.clone()]
        } else {
            // In list order, so the forms and the results follow the screen;
            // marks no longer loaded go last.
            let mut ids: Vec<String> = self
                .list
                .order
                .iter()
                .filter_map(|&i| self.list.store.get(i))
                .filter(|r| self.list.marks.contains(&r.id))
                .map(|r| r.id.clone())
                .collect();
            let mut gone: Vec<String> = self
                .list
                .marks
                .ids()
                .filter(|id| self.list.store.find(id).is_none())
                .cloned()
                .collect();
            gone.sort();
            ids.extend(gone);
            ids
        };
        Some(self.plan_of(ids))
    }

    /// The bulk dialog's plan for `ids`, asking for the count to be typed
    /// when production requires it. A mark the list has not loaded counts as
    /// hidden, with its kept copy's status.
    pub(crate) fn plan_of(&self, ids: Vec<String>) -> BulkPlan {
        let visible: HashSet<u32> = self.list.visible.iter().copied().collect();
        let mut plan = BulkPlan {
            ids: Vec::new(),
            hidden: 0,
            hidden_by_status: 0,
            not_pending: 0,
            missing_terminal: Vec::new(),
            unknown: 0,
            typed: None,
            retry: false,
        };
        for id in ids {
            let request = match self.list.store.find(&id) {
                Some(i) => {
                    if !visible.contains(&i) {
                        plan.hidden += 1;
                    }
                    self.list.store.get(i)
                }
                None => {
                    let copy = self.list.marks.get(&id);
                    if copy.is_some() {
                        plan.hidden += 1;
                        plan.hidden_by_status += 1;
                    } else {
                        plan.unknown += 1;
                    }
                    copy
                }
            };
            if let Some(r) = request {
                if !r.is_pending() {
                    plan.not_pending += 1;
                } else if r.needs_terminal_id() {
                    plan.missing_terminal.push(id.clone());
                }
            }
            plan.ids.push(id);
        }
        if self.config.safety.needs_typed_count(plan.ids.len()) {
            plan.typed = Some(Box::default());
        }
        plan
    }
}
