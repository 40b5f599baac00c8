//! The pure update: `(state, action) -> (state', commands)`. No I/O and no
//! clock reads; the runtime feeds time in with `Action::Tick`.

use crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::action::{Action, ApiEvent};
use super::bulk;
use super::change;
use super::command::Command;
use super::confirm::{self, quit};
use super::form::FormThen;
use super::import;
use super::keys::{self, Nav};
use super::load;
use super::meanwhile;
use super::paste;
use super::read_only;
use super::rows::move_cursor;
use super::state::{App, Asking, Mode};
use super::tick;
use super::transfer;
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
        Mode::List => intent.map_or_else(Vec::new, |i| list_key(app, i)),
        Mode::Filter => {
            app.mode = Mode::Filter;
            filter_key(app, input);
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
        // The preview's answers went to `confirm` above; the rest scroll it.
        asking @ Mode::Asking(Asking::Import { .. }) => {
            app.mode = asking;
            import::intents::on_input(app, input)
        }
        // Answered by `confirm` above; other keys change nothing.
        asking @ Mode::Asking(_) => {
            app.mode = asking;
            Vec::new()
        }
        Mode::Bulk => {
            app.mode = Mode::Bulk;
            intent.map_or_else(Vec::new, |i| bulk::intents::on_intent(app, i))
        }
        Mode::Prompt(prompt) => transfer::prompt_key(app, input, prompt),
        Mode::Import => {
            app.mode = Mode::Import;
            import::intents::on_input(app, input)
        }
    }
}

fn list_key(app: &mut App, intent: Intent) -> Vec<Command> {
    if let Some(nav) = keys::nav_of(intent) {
        move_cursor(app, nav);
        return Vec::new();
    }
    match intent {
        Intent::Activate => return change::activate(app),
        Intent::ClearFilter => clear_filter(app),
        Intent::Quit => quit::request(app),
        Intent::Help => app.mode = Mode::Help { scroll: 0 },
        Intent::Filter => {
            app.list.filter_input = Input::new(app.list.filter_text.clone());
            app.mode = Mode::Filter;
        }
        Intent::TogglePending => {
            app.list.pending_only = !app.list.pending_only;
            app.info(if app.list.pending_only {
                "Showing pending requests only."
            } else {
                "Showing requests in every status."
            });
            return vec![app.start_load(false)];
        }
        Intent::Sort => {
            let next = app.list.sort.next();
            app.set_sort(next, app.list.reverse);
        }
        Intent::SortReverse => app.set_sort(app.list.sort, !app.list.reverse),
        Intent::Refresh => return vec![app.start_load(true)],
        Intent::Mark => {
            if let Some(id) = app.cursor_request().map(|r| r.id.clone()) {
                app.toggle_mark(&id);
                move_cursor(app, Nav::Down);
            }
        }
        Intent::MarkAll => app.mark_all_visible(),
        Intent::ClearMarks => app.clear_marks(),
        Intent::BulkActivate => {
            if read_only::refuse(app, "activate requests") {
                return Vec::new();
            }
            if let Some(plan) = app.bulk_plan() {
                app.mode = Mode::Asking(Asking::Bulk(plan));
            }
        }
        Intent::TerminalId => {
            if read_only::refuse(app, "set terminalIds") {
                return Vec::new();
            }
            if let Some(r) = app.cursor_request() {
                app.mode = Mode::Form(Box::new(change::form_for(r, FormThen::Save)));
            }
        }
        Intent::Export => transfer::open_export(app),
        Intent::Import => transfer::open_import(app),
        _ => {}
    }
    Vec::new()
}

fn clear_filter(app: &mut App) {
    app.list.filter_input.reset();
    app.set_filter_text("");
}

fn filter_key(app: &mut App, input: Press) {
    match input {
        Press::Intent(Intent::Submit) => app.mode = Mode::List,
        Press::Intent(Intent::ClearFilter) => {
            clear_filter(app);
            app.mode = Mode::List;
        }
        Press::Intent(i) => {
            if let Some(nav) = keys::nav_of(i) {
                move_cursor(app, nav);
            }
        }
        Press::Text(k) => {
            if app.list.filter_input.handle_event(&Event::Key(k)).is_some() {
                let text = app.list.filter_input.value().to_string();
                app.set_filter_text(&text);
            }
        }
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

fn on_api(app: &mut App, event: ApiEvent) -> Vec<Command> {
    match event {
        ApiEvent::Page {
            load_id,
            items,
            done,
        } => load::on_page(app, load_id, items, done),
        ApiEvent::LoadFailed { load_id, error } => {
            load::on_load_failed(app, load_id, error);
            Vec::new()
        }
        ApiEvent::Updated { id, result } => change::on_updated(app, id, result.map(|r| (r, true))),
        ApiEvent::AlreadySet { id, current } => change::on_updated(app, id, Ok((current, false))),
        ApiEvent::SetMeanwhile { id, current } => meanwhile::on_set_meanwhile(app, id, current),
        ApiEvent::Activated { id, run_id, result } => {
            bulk::events::on_activated(app, id, run_id, result)
        }
        ApiEvent::BulkStarted { run_id, id } => bulk::events::on_started(app, run_id, &id),
        ApiEvent::BulkFinished { run_id, cancelled } => {
            bulk::events::on_finished(app, run_id, cancelled)
        }
        ApiEvent::Merchant {
            merchant_id,
            merchant,
        } => {
            app.merchant_arrived(merchant_id, merchant);
            Vec::new()
        }
        ApiEvent::Exported {
            path,
            count,
            result,
        } => {
            transfer::on_exported(app, path, count, result);
            Vec::new()
        }
        ApiEvent::ImportPlanned { path, result } => import::events::on_planned(app, path, result),
        ApiEvent::ImportRow { run_id, id, result } => {
            import::events::on_row(app, run_id, id, result)
        }
        ApiEvent::ImportFinished { run_id, cancelled } => {
            import::events::on_finished(app, run_id, cancelled)
        }
    }
}
