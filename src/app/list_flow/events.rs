//! The API's answers for the list, routed from `update`: pages of a load,
//! a load that failed, merchants' names.

use crate::api::{ApiError, IntegrationRequest, MerchantAnswers};

use crate::app::command::Command;
use crate::app::state::App;

pub(crate) fn on_page(
    app: &mut App,
    load_id: u64,
    items: Vec<IntegrationRequest>,
    done: bool,
) -> Vec<Command> {
    if app.list.is_others_load(load_id) {
        app.list.on_others_page(items, done);
        return Vec::new();
    }
    let now = app.now;
    let failed_before = app.list.load_error.clone();
    let mut cmds = app.list.on_page(load_id, items, done, now);
    // A load that succeeds makes the last failure's toast untrue.
    if app.list.load_error.is_none()
        && let Some(text) = failed_before
    {
        app.toasts.dismiss(&text);
    }
    cmds.extend(app.on_left());
    cmds.extend(others_wanted(app));
    cmds
}

/// The other statuses' requests, when pending-only hides every match.
pub(crate) fn others_wanted(app: &mut App) -> Option<Command> {
    let account_id = app.config.account_id.clone();
    app.list.others_wanted(account_id)
}

/// The next slice of a filter scan; once the set is complete, what
/// depends on it follows (the other statuses' requests when none match).
pub(crate) fn continue_filter(app: &mut App) -> Vec<Command> {
    app.list.step_filter();
    if app.list.filtering() {
        return Vec::new();
    }
    others_wanted(app).into_iter().collect()
}

pub(crate) fn on_load_failed(app: &mut App, load_id: u64, error: ApiError) -> Vec<Command> {
    let now = app.now;
    let source = app.config.blame.source_of(&error);
    if let Some(sentence) = app.list.on_load_failed(load_id, error, now, source) {
        app.error(sentence);
    }
    Vec::new()
}

pub(crate) fn on_merchants(app: &mut App, names: MerchantAnswers) -> Vec<Command> {
    app.list.merchants_arrived(names);
    Vec::new()
}
