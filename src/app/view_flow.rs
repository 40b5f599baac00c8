//! Switching saved views and counting them. Counts are taken when the rows
//! or their text change (the list's generation moves), never per frame.

use crate::keys::Intent;

use super::command::Command;
use super::state::App;
use super::views::{Place, Views};

impl App {
    pub fn views(&self) -> &Views {
        &self.views
    }

    /// Each view's name with how many loaded requests it lets through.
    pub fn view_tabs(&self) -> Vec<(&str, usize)> {
        self.views
            .names()
            .zip(self.list.counts.get().iter().copied())
            .collect()
    }

    /// Show the first view before anything is loaded.
    pub(crate) fn open_first_view(&mut self) {
        let filters = self.views.views.iter().map(|v| v.filter.clone()).collect();
        self.list.set_count_filters(filters);
        if let Some(v) = self.views.views.first() {
            self.list.pending_only = !v.all_statuses;
            self.list.sort = v.place.sort;
            self.list.reverse = v.place.reverse;
            self.list.set_view_filter(v.filter.clone());
        }
    }

    /// The view an intent asks for: next, previous, or by its number.
    pub(crate) fn view_intent(&mut self, intent: Intent) -> Option<Vec<Command>> {
        let n = self.views.len();
        if n == 0 {
            return None;
        }
        let cur = self.views.current;
        let to = match intent {
            Intent::NextView => (cur + 1) % n,
            Intent::PrevView => (cur + n - 1) % n,
            Intent::View(number) => usize::from(number).checked_sub(1)?,
            _ => return None,
        };
        Some(self.switch_view(to))
    }

    fn switch_view(&mut self, to: usize) -> Vec<Command> {
        let Some(view) = self.views.views.get(to).cloned() else {
            self.info(format!(
                "There is no view {}: {} views are set up.",
                to + 1,
                self.views.len()
            ));
            return Vec::new();
        };
        if to == self.views.current {
            return Vec::new();
        }
        self.leave_view();
        self.views.current = to;
        let place = view.place;
        self.list.show_view(view.filter, place.sort, place.reverse);
        self.list
            .return_to(place.cursor_id.as_deref(), place.offset);
        if self.list.pending_only == view.all_statuses {
            self.list.pending_only = !view.all_statuses;
            let load = self.start_load(false);
            // Its request may be one only this view's statuses load.
            if let (Some(id), Some(l)) = (place.cursor_id, self.list.loading.as_mut()) {
                l.cursor_id = Some(id);
                self.list.follow_top = false;
            }
            return vec![load];
        }
        // An empty pending-only view says how many other statuses hold.
        super::list_flow::events::others_wanted(self)
            .into_iter()
            .collect()
    }

    /// Keep the current view's sort, cursor and scroll for the way back.
    fn leave_view(&mut self) {
        let cursor_id = self.list.cursor_request().map(|r| r.id.clone());
        if let Some(v) = self.views.views.get_mut(self.views.current) {
            v.place = Place {
                sort: self.list.sort,
                reverse: self.list.reverse,
                cursor_id,
                offset: self.list.offset,
            };
        }
    }

    /// `s`: sort by the next column the current view does not hide.
    pub(crate) fn sort_next(&mut self) {
        let key = self.views.columns().sort_after(self.list.sort);
        self.list.set_sort(key, self.list.reverse);
    }

    /// Count each view's requests again when a change made that due
    /// (the end of each update; pages and single requests count their own
    /// rows as they arrive).
    pub(crate) fn recount_views(&mut self) {
        self.list.recount();
    }
}
