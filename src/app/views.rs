//! Saved views: named filters from `[[views]]`, shown as tabs under the
//! title with how many loaded requests each lets through. The typed filter
//! narrows within the current view; marks belong to requests, so they stay
//! whichever view shows them. This is their state; `view_flow` switches
//! them and takes the counts.

use crate::config::ViewSpec;

use super::list::{Filter, SortKey};

#[derive(Debug, Clone)]
pub struct SavedView {
    pub name: String,
    pub(crate) filter: Filter,
    pub(crate) sort: Option<SortKey>,
    pub(crate) all_statuses: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Views {
    pub(crate) views: Vec<SavedView>,
    pub(crate) current: usize,
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
        let views = Views { views, current: 0 };
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

    /// Each view's name.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.views.iter().map(|v| v.name.as_str())
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
        view("ePay missing terminalId", "type:epay needs:terminal"),
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
