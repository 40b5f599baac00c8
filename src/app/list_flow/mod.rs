//! The list slice as the rest of the console sees it: its intents and its
//! API events routed from `update`, and the calls other slices make on the
//! list. Each only hands the list what it needs from outside (the page
//! size, the account, the clock, the safety settings) and posts what comes
//! back; the work is done by [`List`](super::list::List).
//!
//! Kept beside `list/` rather than in it because these take the whole
//! `App`, which holds the list: inside it they would make a module cycle.

pub(super) mod events;
pub(super) mod intents;
pub(super) mod range;

use crate::api::IntegrationRequest;

use super::command::Command;
use super::run::BulkPlan;
use super::state::App;

impl App {
    /// A new load of the configured account's requests, superseding any
    /// running one. `refresh` keeps the current rows on screen until the
    /// new set is complete.
    pub(crate) fn start_load(&mut self, refresh: bool) -> Command {
        let account_id = self.config.account_id.clone();
        self.list.start_load(refresh, account_id)
    }

    /// Set the filter and recompute the visible rows at once (what every
    /// keystroke in the filter line does).
    pub fn set_filter_text(&mut self, text: &str) {
        self.list.set_filter_text(text);
    }

    /// Filter again after the rows, their order or their text changed;
    /// `narrow` says the filter only removes rows.
    pub(crate) fn refilter(&mut self, narrow: bool) {
        self.list.refilter(narrow);
    }

    /// Apply the server's copy of one request in place (see `List::patch`).
    pub(crate) fn patch(&mut self, req: IntegrationRequest) {
        self.list.patch(req);
    }

    /// The bulk dialog's plan for `ids` under this console's safety
    /// settings.
    pub(crate) fn plan_of(&self, ids: Vec<String>) -> BulkPlan {
        self.list.plan_of(ids, &self.config.safety)
    }
}
