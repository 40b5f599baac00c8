//! The list's and the filter line's intents, routed from `update`: the
//! list does its part, and an intent of another slice pressed in the list
//! goes on to that slice.

use crate::keys::{Intent, Press, Scope};

use crate::app::change;
use crate::app::command::Command;
use crate::app::confirm::quit;
use crate::app::form::FormThen;
use crate::app::list::{FilterOutcome, ListOutcome};
use crate::app::read_only;
use crate::app::state::{App, Asking, Mode};
use crate::app::{copy, copy_menu, export, import_prompt};

/// An intent while the list has the keyboard.
pub(crate) fn on_intent(app: &mut App, intent: Intent) -> Vec<Command> {
    if let Intent::Custom(index) = intent {
        return crate::app::custom::on_intent(app, index);
    }
    if let Some(cmds) = app.view_intent(intent) {
        return cmds;
    }
    // The view's columns say which ones `s` goes through.
    if intent == Intent::Sort {
        app.sort_next();
        return Vec::new();
    }
    // The scan this key finished may have moved the anchor's row, or
    // hidden it: a range's own keys then have nothing left to act on.
    let range_key = matches!(
        intent,
        Intent::RangeMark | Intent::Mark | Intent::CancelRange
    );
    if app.list.in_range() && super::range::keep(app) && range_key {
        return Vec::new();
    }
    let page = app.page();
    match app.list.on_intent(intent, page) {
        ListOutcome::Done => Vec::new(),
        ListOutcome::Load { refresh, note } => {
            if let Some(note) = note {
                app.info(note);
            }
            vec![app.start_load(refresh)]
        }
        ListOutcome::EditFilter => {
            app.mode = Mode::Filter;
            Vec::new()
        }
        ListOutcome::NotList => elsewhere(app, intent),
        ListOutcome::Range(outcome) => {
            super::range::said(app, outcome);
            Vec::new()
        }
    }
}

/// Why `a`, `t` or `A` did nothing: the list shows no request (and, for
/// `A`, none is marked). `what` is the change the key makes.
fn nothing_to(app: &App, intent: Intent, what: &str) -> Option<String> {
    let marked = matches!(intent, Intent::BulkActivate | Intent::CopyRows) && app.marked_len() > 0;
    if app.visible_len() > 0 || marked {
        return None;
    }
    let key = |intent, default| app.keys_label(Scope::List, &[intent], default);
    Some(if app.is_loading() && app.total_len() == 0 {
        format!("Nothing to {what} yet: the list is still loading.")
    } else if !app.list.filter.is_empty() && app.list.typed_filter_is_empty() {
        format!(
            "Nothing to {what}: no requests are in this view. Press {} for the next view.",
            key(Intent::NextView, "Tab")
        )
    } else if !app.list.filter.is_empty() {
        format!(
            "Nothing to {what}: no requests match the filter. Press {} to clear it.",
            key(Intent::ClearFilter, "Esc")
        )
    } else if app.list.pending_only {
        format!(
            "Nothing to {what}: no pending requests are loaded. Press {} to show every status.",
            key(Intent::TogglePending, "p")
        )
    } else {
        format!("Nothing to {what}: no requests are loaded.")
    })
}

/// Intents of other slices that the list's keys start.
fn elsewhere(app: &mut App, intent: Intent) -> Vec<Command> {
    let what = match intent {
        Intent::Activate | Intent::BulkActivate => Some("activate"),
        Intent::TerminalId => Some("set a terminalId on"),
        Intent::Copy | Intent::CopyRows => Some("copy"),
        Intent::RangeMark => Some("mark"),
        _ => None,
    };
    if let Some(reason) = what.and_then(|w| nothing_to(app, intent, w)) {
        app.info(reason);
        return Vec::new();
    }
    match intent {
        Intent::Activate => return change::activate(app),
        Intent::Quit => quit::request(app),
        Intent::Help => app.mode = Mode::Help { scroll: 0 },
        Intent::Messages => app.mode = Mode::Messages { scroll: 0 },
        Intent::Output => {
            // The last runs, not one opened from the runs panel before.
            app.runs.command_shown = None;
            app.mode = Mode::Output { scroll: 0 };
        }
        Intent::Palette => crate::app::palette_flow::open(app),
        Intent::Runs => crate::app::runs_flow::open_panel(app),
        Intent::Columns => app.mode = Mode::Columns { at: 0 },
        Intent::Backlog => app.backlog.toggle(),
        Intent::BulkActivate => {
            if read_only::refuse(app, "activate requests") {
                return Vec::new();
            }
            if let Some(plan) = app.list.bulk_plan(&app.config.safety) {
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
        Intent::Export => export::open(app),
        Intent::Import => import_prompt::open(app),
        Intent::Copy => copy_menu::open(app),
        Intent::CopyRows => return copy::rows(app),
        _ => {}
    }
    Vec::new()
}

/// An input while the filter line has the keyboard.
pub(crate) fn on_filter_input(app: &mut App, input: Press) -> Vec<Command> {
    let page = app.page();
    if app.list.on_filter_input(input, page) == FilterOutcome::Closed {
        app.mode = Mode::List;
    }
    super::events::others_wanted(app).into_iter().collect()
}
