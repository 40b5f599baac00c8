//! Requests in other statuses, counted when showing pending requests only
//! hides every match of the filter, so the empty list can say how many `p`
//! would show. Fetched at most once per completed load, and only when that
//! happens, beside the list's own load (never superseding it).

use chrono::{DateTime, Utc};

use crate::api::{IntegrationRequest, SearchQuery};
use crate::app::command::{Command, WorkerCall};

use super::List;
use super::store::Store;

#[derive(Debug, Clone, Default)]
pub(crate) struct Others {
    pub(crate) load_id: u64,
    /// The list load they were fetched after (its `loaded_at`).
    for_load: Option<DateTime<Utc>>,
    /// Only the requests that are not pending.
    store: Store,
    done: bool,
    /// How many of them the filter lets through.
    matching: usize,
}

impl List {
    /// Ask for the requests in other statuses when the filter matches none
    /// of the pending ones and they were not asked for since the last load.
    pub(crate) fn others_wanted(&mut self, account_id: Option<String>) -> Option<Command> {
        let hides = self.pending_only
            && !self.filter.is_empty()
            && self.filter.error().is_none()
            && self.visible.is_empty()
            && !self.filtering()
            && self.loading.is_none()
            && self.loaded_once;
        if !hides
            || self
                .others
                .as_ref()
                .is_some_and(|o| o.for_load == self.loaded_at)
        {
            return None;
        }
        let load_id = self.next_load_id;
        self.next_load_id += 1;
        self.others = Some(Others {
            load_id,
            for_load: self.loaded_at,
            ..Others::default()
        });
        Some(Command::Api(WorkerCall::LoadOthers {
            load_id,
            query: SearchQuery {
                account_id,
                kind: None,
                pending: false,
            },
        }))
    }

    /// Whether `load_id` is the other statuses' load.
    pub(crate) fn is_others_load(&self, load_id: u64) -> bool {
        self.others.as_ref().is_some_and(|o| o.load_id == load_id)
    }

    /// A page of the other statuses' load.
    pub(crate) fn on_others_page(&mut self, items: Vec<IntegrationRequest>, done: bool) {
        let Some(others) = self.others.as_mut() else {
            return;
        };
        for r in items.into_iter().filter(|r| !r.is_pending()) {
            others.store.upsert(r);
        }
        if done {
            others.done = true;
            self.count_others();
        }
    }

    /// Count again what the filter lets through (the filter changed).
    pub(crate) fn count_others(&mut self) {
        let filter = &self.filter;
        if let Some(o) = self.others.as_mut().filter(|o| o.done) {
            let n = u32::try_from(o.store.len()).unwrap_or(u32::MAX);
            o.matching = (0..n).filter(|&i| o.store.matches(i, filter)).count();
        }
    }

    /// How many requests in other statuses match the filter, once known.
    pub(crate) fn others_matching(&self) -> Option<usize> {
        self.others
            .as_ref()
            .filter(|o| o.done && o.for_load == self.loaded_at)
            .map(|o| o.matching)
    }
}
