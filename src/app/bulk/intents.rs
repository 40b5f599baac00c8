//! What the bulk results' intents do: scroll, retry what failed, or close.

use crate::api::IntegrationRequest;
use crate::keys::Intent;

use crate::app::command::Command;
use crate::app::keys;
use crate::app::state::{App, Mode};

use super::retry;

/// An intent while `App::bulk` holds the screen.
pub(in crate::app) fn on_intent(app: &mut App, intent: Intent) -> Vec<Command> {
    let Some(run) = app.bulk.as_mut() else {
        app.mode = Mode::List;
        return Vec::new();
    };
    if run.is_running() {
        // A run goes on beside the list (`during`); its results open here.
        app.mode = Mode::List;
        return super::during::on_intent(app, intent).unwrap_or_default();
    }
    let len = run.shown_items().len();
    match (intent, keys::nav_of(intent)) {
        (Intent::Close, _) => close_results(app),
        (Intent::RetryFailed, _) => return retry::retry_failed(app),
        (Intent::FailedOnly, _) => {
            run.shown = run.shown.toggled();
            run.scroll = 0;
        }
        (_, Some(nav)) => run.scroll = keys::apply(nav, run.scroll, len, 10),
        _ => {}
    }
    Vec::new()
}

/// Leave the results. Marks on requests that are now active have done
/// their job and go; the rest stay marked for another try.
fn close_results(app: &mut App) {
    if app.bulk.take().is_some() {
        let store = &app.list.store;
        app.list
            .marks
            .retain(|id| !store.by_id(id).is_some_and(IntegrationRequest::is_active));
        app.refilter(false);
    }
    // An import that went on to activate shows its own results next.
    app.mode = if app.import.is_some() {
        Mode::Import
    } else {
        Mode::List
    };
    crate::app::runs_flow::back_to_panel(app);
}
