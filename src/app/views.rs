//! Saved views: named filters from `[[views]]`, shown as tabs under the
//! title with how many loaded requests each lets through. The typed filter
//! narrows within the current view; marks belong to requests, so they stay
//! whichever view shows them. Counts are taken when the rows or their
//! text change (the list's generation moves), never per frame.

use crate::config::ViewSpec;
use crate::keys::Intent;

use super::command::Command;
use super::list::{Filter, SortKey};
use super::state::App;

/// The tabs switched to with `1`–`9`.
const DIGITS: [Intent; 9] = [
    Intent::View1,
    Intent::View2,
    Intent::View3,
    Intent::View4,
    Intent::View5,
    Intent::View6,
    Intent::View7,
    Intent::View8,
    Intent::View9,
];

#[derive(Debug, Clone)]
pub struct SavedView {
    pub name: String,
    filter: Filter,
    sort: Option<SortKey>,
    all_statuses: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Views {
    views: Vec<SavedView>,
    current: usize,
    counts: Vec<usize>,
    /// The list generation the counts were taken at.
    counted: Option<u64>,
}

impl Views {
    /// The views of the config (the defaults when it has none), with a
    /// sentence for each setting that could not be used.
    pub(crate) fn from_specs(specs: &[ViewSpec]) -> (Views, Vec<String>) {
        let mut warnings = Vec::new();
        let views = if specs.is_empty() {
            defaults()
        } else {
            specs
                .iter()
                .enumerate()
                .map(|(i, spec)| view_of(i, spec, &mut warnings))
                .collect()
        };
        let counts = vec![0; views.len()];
        let views = Views {
            views,
            current: 0,
            counts,
            counted: None,
        };
        (views, warnings)
    }

    pub fn len(&self) -> usize {
        self.views.len()
    }

    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    pub fn current(&self) -> usize {
        self.current
    }

    /// The current view's name, when it narrows the list at all.
    pub fn narrowing(&self) -> Option<&str> {
        self.views
            .get(self.current)
            .filter(|v| !v.filter.is_empty())
            .map(|v| v.name.as_str())
    }

    /// Each view's name with the loaded requests it lets through.
    pub fn tabs(&self) -> impl Iterator<Item = (&str, usize)> {
        self.views
            .iter()
            .zip(&self.counts)
            .map(|(v, c)| (v.name.as_str(), *c))
    }
}

fn defaults() -> Vec<SavedView> {
    let view = |name: &str, filter: &str| SavedView {
        name: name.into(),
        filter: Filter::parse(filter),
        sort: None,
        all_statuses: false,
    };
    vec![
        view("Pending", ""),
        view("ePay missing terminalId", "type:epay terminal:none"),
        view("Ready", "status:pending needs:nothing"),
    ]
}

fn view_of(i: usize, spec: &ViewSpec, warnings: &mut Vec<String>) -> SavedView {
    let name = match spec.name.trim() {
        "" => format!("View {}", i + 1),
        n => n.to_string(),
    };
    let filter = Filter::parse(&spec.filter);
    if let Some(e) = filter.error() {
        warnings.push(format!(
            "The view `{name}` has a filter that matches nothing ({e}); fix its `filter` in the config file."
        ));
    }
    let sort = spec.sort.as_deref().and_then(|s| {
        let key = SortKey::ALL
            .into_iter()
            .find(|k| k.label().eq_ignore_ascii_case(s.trim()));
        if key.is_none() {
            let names: Vec<&str> = SortKey::ALL.iter().map(|k| k.label()).collect();
            warnings.push(format!(
                "The view `{name}` sorts by `{s}`, which is not a column; use one of {} in the config file.",
                names.join(", ")
            ));
        }
        key
    });
    SavedView {
        name,
        filter,
        sort,
        all_statuses: spec.all_statuses,
    }
}

impl App {
    pub fn views(&self) -> &Views {
        &self.views
    }

    /// Show the first view before anything is loaded.
    pub(crate) fn open_first_view(&mut self) {
        if let Some(v) = self.views.views.first() {
            self.list.pending_only = !v.all_statuses;
            if let Some(sort) = v.sort {
                self.list.sort = sort;
            }
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
            i => DIGITS.iter().position(|d| *d == i)?,
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
        self.views.current = to;
        self.list.set_view_filter(view.filter);
        if let Some(sort) = view.sort {
            self.list.set_sort(sort, false);
        }
        if self.list.pending_only == view.all_statuses {
            self.list.pending_only = !view.all_statuses;
            return vec![self.start_load(false)];
        }
        Vec::new()
    }

    /// Count each view's requests again if the rows changed since.
    pub(crate) fn recount_views(&mut self) {
        if self.views.counted == Some(self.list.generation) {
            return;
        }
        let counts = self
            .views
            .views
            .iter()
            .map(|v| self.list.count_matching(&v.filter))
            .collect();
        self.views.counts = counts;
        self.views.counted = Some(self.list.generation);
    }
}
