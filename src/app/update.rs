//! The pure update: `(state, action) -> (state', commands)`. No I/O and no
//! clock reads; the runtime feeds time in with `Action::Tick`.

use crossterm::event::KeyEvent;

use crate::api::IntegrationRequest;

use super::action::{Action, ApiEvent};
use super::bulk_flow;
use super::change;
use super::command::Command;
use super::confirm;
use super::export;
use super::import_flow;
use super::import_keys;
use super::keys::{self, Nav};
use super::list_flow;
use super::meanwhile;
use super::paste;
use super::prompt_flow;
use super::quit;
use super::retry;
use super::run::RunPhase;
use super::state::{App, Asking, Mode};
use super::tick;
use crate::keys::{Intent, Press};

pub fn update(app: &mut App, action: Action) -> Vec<Command> {
    let cmds = dispatch(app, action);
    // The view only reads: whatever moved, the cursor and scroll positions
    // are put back inside the layout here.
    app.keep_in_view();
    cmds
}

fn dispatch(app: &mut App, action: Action) -> Vec<Command> {
    match action {
        Action::Key(k) => on_key(app, k),
        Action::Mouse(m) => {
            super::mouse::on_mouse(app, m);
            Vec::new()
        }
        Action::Resize(w, h) => {
            app.resize(w, h);
            Vec::new()
        }
        Action::Paste(text) => {
            paste::on_paste(app, &text);
            Vec::new()
        }
        Action::Tick(now) => tick::on_tick(app, now),
        Action::Api(e) => on_api(app, e),
    }
}

fn on_key(app: &mut App, k: KeyEvent) -> Vec<Command> {
    if crate::keys::is_quit_now(&k) {
        return quit::now(app);
    }
    // Every key is resolved by the key table of the current scope; the
    // handlers below match intents, and text where a scope takes text.
    match app.config.prefs.keys.input(app.scope(), k) {
        Some(input) => on_input(app, input),
        None => Vec::new(),
    }
}

pub(super) fn on_input(app: &mut App, input: Press) -> Vec<Command> {
    // A question on screen takes its answers first (one flow for all).
    if let Some(cmds) = confirm::on_input(app, input) {
        return cmds;
    }
    let intent = match input {
        Press::Intent(i) => Some(i),
        Press::Text(_) => None,
    };
    match std::mem::replace(&mut app.mode, Mode::List) {
        Mode::List => intent.map_or_else(Vec::new, |i| list_flow::intents::on_intent(app, i)),
        Mode::Filter => {
            app.mode = Mode::Filter;
            list_flow::intents::on_filter_input(app, input);
            Vec::new()
        }
        Mode::Help { scroll } => {
            app.mode = Mode::Help { scroll };
            if let Some(i) = intent {
                help_key(app, i, scroll);
            }
            Vec::new()
        }
        Mode::Form(form) => change::form_key(app, input, form),
        // Answered by `confirm` above; other keys change nothing.
        asking @ Mode::Asking(_) => {
            app.mode = asking;
            Vec::new()
        }
        Mode::Bulk => {
            app.mode = Mode::Bulk;
            intent.map_or_else(Vec::new, |i| bulk_key(app, i))
        }
        Mode::Prompt(prompt) => prompt_flow::prompt_key(app, input, prompt),
        Mode::Import => import_keys::import_key(app, input),
    }
}

fn help_key(app: &mut App, intent: Intent, scroll: u16) {
    let scroll = match (intent, keys::nav_of(intent)) {
        (Intent::Close, _) => {
            app.mode = Mode::List;
            return;
        }
        (_, Some(Nav::Down)) => scroll.saturating_add(1),
        (_, Some(Nav::Up)) => scroll.saturating_sub(1),
        (_, Some(Nav::Top)) => 0,
        (_, Some(Nav::PageDown | Nav::HalfDown | Nav::Bottom)) => scroll.saturating_add(10),
        (_, Some(Nav::PageUp | Nav::HalfUp)) => scroll.saturating_sub(10),
        _ => scroll,
    };
    app.mode = Mode::Help { scroll };
}

fn bulk_key(app: &mut App, intent: Intent) -> Vec<Command> {
    let Some(run) = app.bulk.as_mut() else {
        app.mode = Mode::List;
        return Vec::new();
    };
    if run.is_running() {
        match intent {
            Intent::CancelRun if !run.cancel_requested => {
                run.cancel_requested = true;
                if run.phase == RunPhase::Running {
                    return vec![Command::CancelBulk { run_id: run.run_id }];
                }
            }
            Intent::Quit => app.asking = Some(Asking::Quit),
            _ => {}
        }
        return Vec::new();
    }
    let len = run.items.len();
    match (intent, keys::nav_of(intent)) {
        (Intent::Close, _) => close_results(app),
        (Intent::RetryFailed, _) => return retry::retry_failed(app),
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
}

fn on_api(app: &mut App, event: ApiEvent) -> Vec<Command> {
    match event {
        ApiEvent::Page {
            load_id,
            items,
            done,
        } => list_flow::events::on_page(app, load_id, items, done),
        ApiEvent::LoadFailed { load_id, error } => {
            list_flow::events::on_load_failed(app, load_id, error)
        }
        ApiEvent::Updated { id, result } => change::on_updated(app, id, result.map(|r| (r, true))),
        ApiEvent::AlreadySet { id, current } => change::on_updated(app, id, Ok((current, false))),
        ApiEvent::SetMeanwhile { id, current } => meanwhile::on_set_meanwhile(app, id, current),
        ApiEvent::Activated { id, run_id, result } => {
            super::activated::on_activated(app, id, run_id, result);
            Vec::new()
        }
        ApiEvent::BulkStarted { run_id, id } => {
            bulk_flow::on_started(app, run_id, &id);
            Vec::new()
        }
        ApiEvent::BulkFinished { run_id, cancelled } => {
            bulk_flow::on_finished(app, run_id, cancelled);
            Vec::new()
        }
        ApiEvent::Merchant {
            merchant_id,
            merchant,
        } => list_flow::events::on_merchant(app, merchant_id, merchant),
        ApiEvent::Exported {
            path,
            count,
            result,
        } => export::on_exported(app, path, count, result),
        ApiEvent::ImportPlanned { path, result } => {
            import_flow::on_planned(app, path, result);
            Vec::new()
        }
        ApiEvent::ImportRow { run_id, id, result } => {
            import_flow::on_row(app, run_id, id, result);
            Vec::new()
        }
        ApiEvent::ImportFinished { run_id, cancelled } => {
            import_flow::on_finished(app, run_id, cancelled)
        }
    }
}
