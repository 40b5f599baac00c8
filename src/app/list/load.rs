//! Loading the list: a load supersedes any running one, its pages arrive
//! (a refresh swaps them in whole when done), and it may fail.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use crate::api::{ApiError, IntegrationRequest, SearchQuery};
use crate::app::command::{Command, WorkerCall};

use super::{List, Loading};

impl List {
    /// A new load superseding any running one, of `account_id`'s requests.
    /// `refresh` keeps the current rows on screen until the new set is
    /// complete.
    pub(crate) fn start_load(&mut self, refresh: bool, account_id: Option<String>) -> Command {
        let load_id = self.next_load_id;
        self.next_load_id += 1;
        let refresh = refresh && self.loaded_once;
        let cursor_id = self.cursor_request().map(|r| r.id.clone());
        if !refresh && cursor_id.is_none() {
            self.follow_top = true;
        }
        self.loading = Some(Loading {
            id: load_id,
            staged: refresh.then(Vec::new),
            got_first: false,
            cursor_id,
            written: HashMap::new(),
        });
        Command::Api(WorkerCall::Load {
            load_id,
            query: SearchQuery {
                account_id,
                kind: None,
                pending: self.pending_only,
            },
        })
    }

    /// A page of load `load_id` arrived at `now` (`done` when it is the
    /// last). Asks for the names of merchants never seen before; the worker
    /// fetches them beside the load, never in its way.
    pub(crate) fn on_page(
        &mut self,
        load_id: u64,
        items: Vec<IntegrationRequest>,
        done: bool,
        now: DateTime<Utc>,
    ) -> Vec<Command> {
        if self.loading.as_ref().is_none_or(|l| l.id != load_id) {
            return Vec::new();
        }
        let ids = self.merchants_to_fetch(&items);
        let Some(loading) = self.loading.as_mut() else {
            return Vec::new();
        };
        let items = if loading.written.is_empty() {
            items
        } else {
            items
                .into_iter()
                .map(|page| match loading.written.get(&page.id) {
                    Some(ours) => newer(page, ours),
                    None => page,
                })
                .collect()
        };
        if let Some(staged) = loading.staged.as_mut() {
            staged.extend(items);
            if done {
                let all = std::mem::take(staged);
                self.left = Some(self.diff(&all));
                self.replace_all(all);
            }
        } else {
            let first = !loading.got_first;
            loading.got_first = true;
            let cursor_id = loading.cursor_id.clone();
            if first {
                // Another set of requests: nothing in it is new since a look.
                self.live.clear();
                self.clear_rows();
            }
            self.append(items);
            // Put the cursor back on the request it was on once that arrives.
            if let Some(id) = cursor_id
                && let Some(i) = self.store.find(&id)
                && let Some(pos) = self.visible.iter().position(|&v| v == i)
            {
                self.cursor = pos;
                if let Some(l) = self.loading.as_mut() {
                    l.cursor_id = None;
                }
            }
        }
        if done {
            self.loading = None;
            self.loaded_at = Some(now);
            self.loaded_once = true;
            self.load_error = None;
            self.prune_marks();
        }
        if ids.is_empty() {
            Vec::new()
        } else {
            vec![Command::Api(WorkerCall::FetchMerchants { ids })]
        }
    }

    /// Load `load_id` failed at `now`: the sentence to say, when it is the
    /// load going on (it holds until a load succeeds).
    pub(crate) fn on_load_failed(
        &mut self,
        load_id: u64,
        error: ApiError,
        now: DateTime<Utc>,
        source: Option<String>,
    ) -> Option<String> {
        if self.loading.as_ref().is_none_or(|l| l.id != load_id) {
            return None;
        }
        self.loading = None;
        self.loaded_at = Some(now);
        let mut sentence = format!("Could not load the integration requests. {error}");
        if let Some(source) = source {
            sentence = format!("{sentence} {source}");
        }
        self.load_error = Some(sentence.clone());
        Some(sentence)
    }
}

/// The page's copy of a request, or this console's own answer when the page
/// may have been read before that write. The page wins only when the server
/// says it changed later (someone else wrote after us).
pub(super) fn newer(page: IntegrationRequest, ours: &IntegrationRequest) -> IntegrationRequest {
    match (page.updated_at, ours.updated_at) {
        (Some(p), Some(o)) if p > o => page,
        _ => ours.clone(),
    }
}
