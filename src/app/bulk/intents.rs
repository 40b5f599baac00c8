//! What the bulk results' intents do: scroll, retry what failed, or close.

use crate::api::IntegrationRequest;
use crate::keys::Intent;

use crate::app::command::Command;
use crate::app::keys;
use crate::app::run::{BulkResult, Run};
use crate::app::state::{App, Mode};

use super::retry;

/// An intent while bulk results hold the screen: a run reopened beside a
/// live one (`App::reopened`), else the live run once it has finished.
pub(in crate::app) fn on_intent(app: &mut App, intent: Intent) -> Vec<Command> {
    if app.reopened.is_none() {
        match app.bulk.as_ref().map(Run::is_running) {
            None => {
                app.mode = Mode::List;
                return Vec::new();
            }
            // A run goes on beside the list (`during`); its results open here.
            Some(true) => {
                app.mode = Mode::List;
                return super::during::on_intent(app, intent).unwrap_or_default();
            }
            Some(false) => {}
        }
    }
    match intent {
        Intent::Close => close_results(app),
        Intent::RetryFailed => return retry::retry_failed(app),
        _ => {
            if let Some(run) = app.bulk_results_mut() {
                results_key(run, intent);
            }
        }
    }
    Vec::new()
}

/// `failed_only`, and the moving keys.
fn results_key(run: &mut Run<BulkResult>, intent: Intent) {
    if intent == Intent::FailedOnly {
        run.shown = run.shown.toggled();
        run.scroll = 0;
    } else if let Some(nav) = keys::nav_of(intent) {
        run.scroll = keys::apply(nav, run.scroll, run.shown_items().len(), 10);
    }
}

/// Leave the results. Marks on requests that are now active have done
/// their job and go; the rest stay marked for another try.
fn close_results(app: &mut App) {
    // A run reopened beside a live one goes, and the live run stays.
    if app.reopened.take().is_some() {
        app.mode = Mode::List;
        crate::app::runs_flow::back_to_panel(app);
        return;
    }
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
