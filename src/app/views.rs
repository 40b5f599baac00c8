//! Saved views: named filters from `[[views]]`, shown as tabs under the
//! title with how many loaded requests each lets through. The typed filter
//! narrows within the current view; marks belong to requests, so they stay
//! whichever view shows them. Each view keeps its own columns, sort,
//! cursor and scroll while the operator moves between them. This is their
//! state; `view_flow` switches them and takes the counts.

use crate::config::ViewSpec;

use super::list::{Filter, SortKey};
use super::view_columns::ViewColumns;

#[derive(Debug, Clone)]
pub struct SavedView {
    pub name: String,
    pub(crate) filter: Filter,
    pub(crate) all_statuses: bool,
    pub(crate) columns: ViewColumns,
    /// Where the operator left the view (its sort from the config until
    /// then).
    pub(crate) place: Place,
}

/// A view's sort, and the request the cursor was on with the table's
/// scroll, kept while another view is shown.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    pub(crate) sort: SortKey,
    pub(crate) reverse: bool,
    pub(crate) cursor_id: Option<String>,
    pub(crate) offset: usize,
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

    /// The current view's columns (every column as room allows when there
    /// are no views).
    pub fn columns(&self) -> &ViewColumns {
        static ALL: std::sync::LazyLock<ViewColumns> =
            std::sync::LazyLock::new(ViewColumns::default);
        self.views.get(self.current).map_or(&ALL, |v| &v.columns)
    }

    pub(crate) fn columns_mut(&mut self) -> Option<&mut ViewColumns> {
        self.views.get_mut(self.current).map(|v| &mut v.columns)
    }
}

fn defaults() -> Vec<SavedView> {
    let view = |name: &str, filter: &str| SavedView {
        name: name.into(),
        filter: Filter::parse(filter),
        all_statuses: false,
        columns: ViewColumns::default(),
        place: Place::default(),
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
        let key = column_named(s);
        if key.is_none() {
            warnings.push(format!(
                "The view `{name}` sorts by `{s}`, which is not a column; use one of {} in the config file.",
                column_names()
            ));
        }
        key
    });
    let mut shown = Vec::new();
    for c in &spec.columns {
        match column_named(c) {
            Some(key) => shown.push(key),
            None => warnings.push(format!(
                "The view `{name}` shows the column `{c}`, which is not a column; use {} in the config file.",
                column_names()
            )),
        }
    }
    let columns = match shown.is_empty() {
        true => ViewColumns::default(),
        false => ViewColumns::chosen(&shown),
    };
    SavedView {
        name,
        filter,
        all_statuses: spec.all_statuses,
        columns,
        place: Place {
            sort: sort.unwrap_or_default(),
            ..Place::default()
        },
    }
}

/// The column a config names, as the table's header has it, in any case.
fn column_named(name: &str) -> Option<SortKey> {
    SortKey::ALL
        .into_iter()
        .find(|k| k.label().eq_ignore_ascii_case(name.trim()))
}

fn column_names() -> String {
    let names: Vec<&str> = SortKey::ALL.iter().map(|k| k.label()).collect();
    names.join(", ")
}
