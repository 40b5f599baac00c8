//! Time passing: toasts expire and, when idle, the list refreshes itself.

use super::command::Command;
use super::state::App;

pub(super) fn on_tick(app: &mut App, now: chrono::DateTime<chrono::Utc>) -> Vec<Command> {
    app.now = now;
    app.ticks = app.ticks.wrapping_add(1);
    app.toasts.expire(now);
    let Some(every) = app.config.auto_refresh else {
        return Vec::new();
    };
    let idle = !app.live_paused();
    let due = app
        .list
        .loaded_at
        .is_some_and(|t| (now - t).to_std().is_ok_and(|age| age >= every));
    if idle && due {
        vec![app.start_load(true)]
    } else {
        Vec::new()
    }
}
