//! The pure update: `(state, action) -> (state', commands)`. No I/O and no
//! clock reads; the runtime feeds time in with `Action::Tick`.

use crossterm::event::KeyEvent;

use super::action::{Action, ApiEvent};
use super::bulk;
use super::change;
use super::command::Command;
use super::confirm::{self, quit};
use super::copy_menu;
use super::export;
use super::import;
use super::keys::{self, Nav};
use super::list_flow;
use super::not_overwritten;
use super::palette_flow;
use super::paste;
use super::prompt_flow;
use super::runs_flow;
use super::state::{App, Asking, Mode};
use super::tick;
use crate::keys::{Intent, Press};
use crate::ops::OpError;

pub fn update(app: &mut App, action: Action) -> Vec<Command> {
    let cmds = dispatch(app, action);
    // Whichever step ended a run, the runs panel keeps its results.
    app.keep_ended_runs();
    // A range follows its anchor's request as the rows change, or ends.
    list_flow::range::keep(app);
    // The backlog summary follows the shown list here, never per frame.
    app.backlog
        .refresh(&mut app.list, app.now, app.config.sla_days);
    // Only when the rows changed: the tabs' counts are never taken per frame.
    app.recount_views();
    bulk::during::open_results_in_list(app);
    // A run's progress takes lines above the footer while it goes.
    app.viewport = app.layout(app.viewport.area);
    // A toast is about the view it was raised in: it goes when that closes.
    app.toasts.settle(app.toast_view());
    // The view only reads: whatever moved, the cursor and scroll positions
    // are put back inside the layout here.
    app.keep_in_view();
    app.note_cursor();
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
        Action::Continue => list_flow::events::continue_filter(app),
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
    // Only typing, moving and closing the filter line go on while a filter
    // scan runs; any other key may act on the shown rows, and must see
    // them all (an explicit action may wait for the scan).
    if app.list.filtering() && !keeps_scanning(app, input) {
        app.list.finish_filter();
    }
    // A question on screen takes its answers first (one flow for all).
    if let Some(cmds) = confirm::on_input(app, input) {
        return cmds;
    }
    if matches!(app.mode, Mode::List | Mode::Filter) {
        app.list.stop_following_top();
    }
    let intent = match input {
        Press::Intent(i) => Some(i),
        Press::Text(_) => None,
    };
    // One way in for every place that offers the palette; it keeps the
    // place to go back to.
    if intent == Some(Intent::Palette) && palette_flow::opens_in(app.scope()) {
        palette_flow::open(app);
        return Vec::new();
    }
    match std::mem::replace(&mut app.mode, Mode::List) {
        Mode::List => intent.map_or_else(Vec::new, |i| {
            bulk::during::on_intent(app, i).unwrap_or_else(|| list_flow::intents::on_intent(app, i))
        }),
        Mode::Filter => {
            app.mode = Mode::Filter;
            list_flow::intents::on_filter_input(app, input)
        }
        Mode::Help { scroll } => {
            app.mode = Mode::Help { scroll };
            if let Some(i) = intent {
                // Esc cancels a bulk run and q asks to quit, from help too.
                if let Some(cmds) = bulk::during::on_intent(app, i) {
                    return cmds;
                }
                help_key(app, i, scroll);
            }
            Vec::new()
        }
        panel @ (Mode::Messages { .. }
        | Mode::Output { .. }
        | Mode::Columns { .. }
        | Mode::CopyMenu { .. }
        | Mode::Runs) => on_panel(app, panel, intent),
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
        Mode::Prompt(prompt) => prompt_flow::prompt_key(app, input, prompt),
        Mode::Import => {
            app.mode = Mode::Import;
            import::intents::on_input(app, input)
        }
        // The chosen action runs as its key press would, in the place the
        // palette was opened from (put back by `palette_flow`).
        Mode::Palette(palette, from) => match palette_flow::on_input(app, input, palette, from) {
            Some(intent) => on_input(app, Press::Intent(intent)),
            None => Vec::new(),
        },
    }
}

/// A key in one of the panels over the list (the message log, the output
/// panel, the column chooser, the copy menu, the runs panel): each keeps
/// its place, and its own handler may close it.
fn on_panel(app: &mut App, panel: Mode, intent: Option<Intent>) -> Vec<Command> {
    match panel {
        Mode::Messages { scroll } => {
            app.mode = Mode::Messages { scroll };
            if let Some(i) = intent {
                messages_key(app, i, scroll);
            }
            Vec::new()
        }
        Mode::Output { scroll } => {
            app.mode = Mode::Output { scroll };
            if let Some(i) = intent {
                output_key(app, i, scroll);
            }
            Vec::new()
        }
        Mode::Columns { at } => {
            app.mode = Mode::Columns { at };
            if let Some(i) = intent {
                super::column_chooser::on_intent(app, i, at);
            }
            Vec::new()
        }
        Mode::CopyMenu { id } => {
            app.mode = Mode::CopyMenu { id: id.clone() };
            intent.map_or_else(Vec::new, |i| copy_menu::on_key(app, i, &id))
        }
        Mode::Runs => {
            app.mode = Mode::Runs;
            intent.map_or_else(Vec::new, |i| runs_flow::on_intent(app, i))
        }
        other => {
            app.mode = other;
            Vec::new()
        }
    }
}

/// Whether an input leaves a running filter scan to finish in slices.
fn keeps_scanning(app: &App, input: Press) -> bool {
    match app.mode {
        Mode::Filter | Mode::Palette(..) => app.asking.is_none(),
        Mode::List => matches!(input, Press::Intent(i) if keys::nav_of(i).is_some()),
        _ => false,
    }
}

fn help_key(app: &mut App, intent: Intent, scroll: u16) {
    app.mode = match overlay_scroll(intent, usize::from(scroll), 10) {
        // Clamped to the last line by `keep_in_view`.
        Some(s) => Mode::Help {
            scroll: u16::try_from(s).unwrap_or(u16::MAX),
        },
        None => Mode::List,
    };
}

fn messages_key(app: &mut App, intent: Intent, scroll: usize) {
    let page = usize::from(app.viewport.screen.map_or(10, |s| s.body.height));
    app.mode = match overlay_scroll(intent, scroll, page / 2) {
        Some(scroll) => Mode::Messages { scroll },
        None => Mode::List,
    };
}

fn output_key(app: &mut App, intent: Intent, scroll: usize) {
    let page = usize::from(app.viewport.screen.map_or(10, |s| s.body.height));
    app.mode = match overlay_scroll(intent, scroll, page / 2) {
        Some(scroll) => Mode::Output { scroll },
        None => Mode::List,
    };
    // A command run opened from the runs panel goes back to it.
    if matches!(app.mode, Mode::List) {
        app.runs.command_shown = None;
        runs_flow::back_to_panel(app);
    }
}

/// Where an overlay that only scrolls (help, messages) goes on a key: the
/// new scroll (the bottom is `usize::MAX`, clamped by `keep_in_view`), or
/// `None` when the key closes it.
fn overlay_scroll(intent: Intent, scroll: usize, step: usize) -> Option<usize> {
    Some(match (intent, keys::nav_of(intent)) {
        (Intent::Close, _) => return None,
        (_, Some(Nav::Down)) => scroll.saturating_add(1),
        (_, Some(Nav::Up)) => scroll.saturating_sub(1),
        (_, Some(Nav::Top)) => 0,
        (_, Some(Nav::Bottom)) => usize::MAX,
        (_, Some(Nav::PageDown | Nav::HalfDown)) => scroll.saturating_add(step),
        (_, Some(Nav::PageUp | Nav::HalfUp)) => scroll.saturating_sub(step),
        _ => scroll,
    })
}

fn on_api(app: &mut App, event: ApiEvent) -> Vec<Command> {
    match event {
        ApiEvent::CustomFinished { index, outcome } => {
            super::custom::on_finished(app, index, outcome)
        }
        ApiEvent::Page {
            load_id,
            items,
            done,
        } => list_flow::events::on_page(app, load_id, items, done),
        ApiEvent::LoadFailed { load_id, error } => {
            list_flow::events::on_load_failed(app, load_id, error)
        }
        // Its terminalId is no longer the one the operator saw: nothing was
        // sent, and the server's copy is shown for review.
        ApiEvent::Updated {
            id,
            result: Err(OpError::WouldReplace { request, .. }),
        } => not_overwritten::on_refused(app, id, *request),
        ApiEvent::Updated { id, result } => change::on_updated(app, id, result),
        ApiEvent::Activated { id, run_id, result } => {
            bulk::events::on_activated(app, id, run_id, result)
        }
        ApiEvent::BulkStarted { run_id, id } => bulk::events::on_started(app, run_id, &id),
        ApiEvent::BulkFinished { run_id, cancelled } => {
            bulk::events::on_finished(app, run_id, cancelled)
        }
        ApiEvent::LeftRead { reads, total } => {
            app.on_left_read(reads, total);
            Vec::new()
        }
        ApiEvent::Merchant {
            merchant_id,
            merchant,
        } => list_flow::events::on_merchants(app, vec![(merchant_id, merchant)]),
        ApiEvent::Merchants { names } => list_flow::events::on_merchants(app, names),
        ApiEvent::Exported {
            path,
            count,
            result,
        } => export::on_exported(app, path, count, result),
        ApiEvent::ImportPlanned { path, result } => import::events::on_planned(app, path, result),
        ApiEvent::ImportRow { run_id, id, result } => {
            import::events::on_row(app, run_id, id, result)
        }
        ApiEvent::ImportFinished { run_id, cancelled } => {
            import::events::on_finished(app, run_id, cancelled)
        }
    }
}
