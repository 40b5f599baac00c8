//! The column chooser (`C`): every column of the current saved view with
//! how it is shown. Moving keys pick a column, its keys show or hide it and
//! move it; the table follows at once, and the choice lasts the session.

use crate::keys::Intent;

use super::keys;
use super::state::{App, Mode};

/// What a key does while the chooser is open, its cursor on `at`.
pub(super) fn on_intent(app: &mut App, intent: Intent, at: usize) {
    let n = app.views.columns().columns().len();
    let at = match (intent, keys::nav_of(intent)) {
        (Intent::Close, _) => {
            app.mode = Mode::List;
            return;
        }
        (_, Some(nav)) => keys::apply(nav, at, n, n),
        (Intent::ToggleColumn, _) if app.views.columns().hides_the_last(at) => {
            app.info("At least one column stays shown: show another before hiding this one.");
            at
        }
        (Intent::ToggleColumn, _) => {
            if let Some(cols) = app.views.columns_mut() {
                cols.toggle(at);
            }
            at
        }
        (Intent::ColumnUp | Intent::ColumnDown, _) => app
            .views
            .columns_mut()
            .map_or(at, |cols| cols.shift(at, intent == Intent::ColumnUp)),
        _ => at,
    };
    app.mode = Mode::Columns { at };
}
