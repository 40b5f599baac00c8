//! Loading the list: a load supersedes any running one, its pages arrive
//! (a refresh swaps them in whole when done), and it may fail.

use crate::api::{IntegrationRequest, SearchQuery};

use super::command::Command;
use super::list::{Loading, MerchantInfo};
use super::state::App;

impl App {
    /// A new load superseding any running one. `refresh` keeps the current
    /// rows on screen until the new set is complete.
    pub(crate) fn start_load(&mut self, refresh: bool) -> Command {
        let load_id = self.list.next_load_id;
        self.list.next_load_id += 1;
        let refresh = refresh && self.list.loaded_once;
        self.list.loading = Some(Loading {
            id: load_id,
            staged: refresh.then(Vec::new),
            got_first: false,
            cursor_id: self.cursor_request().map(|r| r.id.clone()),
        });
        Command::Load {
            load_id,
            query: SearchQuery {
                account_id: self.config.account_id.clone(),
                kind: None,
                pending: self.list.pending_only,
            },
        }
    }

    /// Merchants of `items` never asked about, now marked as asked (so a
    /// merchant is fetched once however many pages name it).
    pub(crate) fn merchants_to_fetch<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a IntegrationRequest>,
    ) -> Vec<String> {
        let mut ids = Vec::new();
        for r in items {
            if r.merchant_id.is_empty() || self.list.merchants.contains_key(&r.merchant_id) {
                continue;
            }
            self.list
                .merchants
                .insert(r.merchant_id.clone(), MerchantInfo::Pending);
            ids.push(r.merchant_id.clone());
        }
        ids
    }
}

pub(super) fn on_page(
    app: &mut App,
    load_id: u64,
    items: Vec<IntegrationRequest>,
    done: bool,
) -> Vec<Command> {
    if app.list.loading.as_ref().is_none_or(|l| l.id != load_id) {
        return Vec::new();
    }
    // Names for merchants never seen before; the worker fetches them beside
    // the load, never in its way.
    let ids = app.merchants_to_fetch(&items);
    let Some(loading) = app.list.loading.as_mut() else {
        return Vec::new();
    };
    if let Some(staged) = loading.staged.as_mut() {
        staged.extend(items);
        if done {
            let all = std::mem::take(staged);
            app.replace_all(all);
        }
    } else {
        let first = !loading.got_first;
        loading.got_first = true;
        let cursor_id = loading.cursor_id.clone();
        if first {
            app.clear_rows();
        }
        app.append(items);
        // Put the cursor back on the request it was on once that arrives.
        if let Some(id) = cursor_id
            && let Some(i) = app.list.store.find(&id)
            && let Some(pos) = app.list.visible.iter().position(|&v| v == i)
        {
            app.list.cursor = pos;
            if let Some(l) = app.list.loading.as_mut() {
                l.cursor_id = None;
            }
        }
    }
    if done {
        app.list.loading = None;
        app.list.loaded_at = Some(app.now);
        app.list.loaded_once = true;
        app.list.load_error = None;
        app.prune_marks();
    }
    if ids.is_empty() {
        Vec::new()
    } else {
        vec![Command::FetchMerchants { ids }]
    }
}

pub(super) fn on_load_failed(app: &mut App, load_id: u64, error: crate::api::ApiError) {
    if app.list.loading.as_ref().is_some_and(|l| l.id == load_id) {
        app.list.loading = None;
        app.list.loaded_at = Some(app.now);
        app.list.load_error = Some(format!("Could not load the integration requests. {error}"));
    }
}
