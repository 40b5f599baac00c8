//! The bulk dialog's plan made from the marks (or the cursor row): what
//! it will send and what it must warn about.

use std::collections::{HashMap, HashSet};

use crate::app::guard::Safety;
use crate::app::run::BulkPlan;

use super::List;

impl List {
    /// The plan for `A`: the marked set (or the cursor row), with what the
    /// dialog must warn about.
    pub(crate) fn bulk_plan(&self, safety: &Safety) -> Option<BulkPlan> {
        let ids: Vec<String> = if self.marks.is_empty() {
            vec![self.cursor_request()?.id.clone()]
        } else {
            // In list order, so the forms and the results follow the screen;
            // marks no longer loaded go last.
            let mut ids: Vec<String> = self
                .order
                .iter()
                .filter_map(|&i| self.store.get(i))
                .filter(|r| self.marks.contains(&r.id))
                .map(|r| r.id.clone())
                .collect();
            let mut gone: Vec<String> = self
                .marks
                .ids()
                .filter(|id| self.store.find(id).is_none())
                .cloned()
                .collect();
            gone.sort();
            ids.extend(gone);
            ids
        };
        Some(self.plan_of(ids, safety))
    }

    /// The bulk dialog's plan for `ids`, asking for the count to be typed
    /// when `safety` (production) requires it. A mark the list has not loaded counts as
    /// hidden, with its kept copy's status.
    pub(crate) fn plan_of(&self, ids: Vec<String>, safety: &Safety) -> BulkPlan {
        let visible: HashSet<u32> = self.visible.iter().copied().collect();
        let mut plan = BulkPlan {
            ids: Vec::new(),
            hidden: 0,
            hidden_by_status: 0,
            not_pending: 0,
            missing_terminal: Vec::new(),
            unknown: 0,
            typed: None,
            retry: false,
            entered: HashMap::new(),
            reviewing: false,
        };
        for id in ids {
            let request = match self.store.find(&id) {
                Some(i) => {
                    if !visible.contains(&i) {
                        plan.hidden += 1;
                    }
                    self.store.get(i)
                }
                None => {
                    let copy = self.marks.get(&id);
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
        if safety.needs_typed_count(plan.ids.len()) {
            plan.typed = Some(Box::default());
        }
        plan
    }
}
