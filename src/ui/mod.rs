//! Drawing the console. Views only read the state: the cursor, every
//! scroll position and the layout they follow belong to update.

mod backlog;
pub(crate) mod bulk;
mod column_chooser;
mod columns;
mod copy_menu;
mod count;
mod detail;
mod dialog;
mod footer;
mod form;
pub mod format;
mod help;
mod list;
mod messages;
mod output;
mod palette;
mod prompt;
mod run;
mod runs;
mod tabs;
mod theme;
mod title;
mod transfer;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::app::{App, Asking, Mode, OverlayQuestion};

pub use theme::Theme;

/// Draw the console. Only reads: the areas come from the same layout
/// (`App::layout`) that update keeps the cursor and scroll positions in.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme::new(&app.config);
    let Some(screen) = app.layout(frame.area()).screen else {
        // Too small for anything but a hint to resize.
        frame.render_widget(Paragraph::new("intake: enlarge the window"), frame.area());
        return;
    };
    title::title_bar(frame, screen.title, app, theme);
    tabs::tabs(frame, screen.tabs, app, theme);
    list::table(frame, screen.list, app, theme);
    if let Some(d) = screen.detail {
        if app.backlog.open {
            backlog::panel(frame, d, app, theme);
        } else {
            detail::pane(frame, d, app, theme);
        }
    }
    if let (Some(area), Some(run)) = (screen.progress, app.bulk()) {
        bulk::progress(frame, area, run, theme);
    }
    footer::status_line(frame, screen.status, app, theme);
    footer::hint_line(frame, screen.hints, app, theme);
    overlays(frame, screen.body, app, &app.mode, theme);
    // Asked on top of the screen below, drawn last.
    if app.asking == Some(OverlayQuestion::Quit) {
        dialog::quit_confirm(frame, screen.body, app, theme);
    }
}

/// What `mode` draws over the list; the palette draws the place it was
/// opened from under it.
fn overlays(frame: &mut Frame, area: Rect, app: &App, mode: &Mode, theme: Theme) {
    match mode {
        Mode::List | Mode::Filter => {}
        Mode::Help { scroll } => help::overlay(
            frame,
            area,
            *scroll,
            &app.config.prefs.keys,
            help_scope(app),
            app.config.safety.read_only.is_on(),
            theme,
        ),
        Mode::Messages { scroll } => messages::overlay(frame, area, app, *scroll, theme),
        Mode::Output { scroll } => output::overlay(frame, area, app, *scroll, theme),
        Mode::Palette(p, from) => {
            overlays(frame, area, app, from, theme);
            palette::overlay(frame, area, p, theme);
        }
        Mode::Runs => runs::overlay(frame, area, app, app.runs().selected(), theme),
        Mode::Columns { at } => column_chooser::overlay(frame, area, app, *at, theme),
        Mode::CopyMenu { id } => copy_menu::overlay(frame, area, app, id, theme),
        Mode::Form(f) => form::form(frame, area, f, app.merchant_name(&f.merchant), theme),
        Mode::Asking(Asking::Overwrite(ow)) => dialog::overwrite(
            frame,
            area,
            ow,
            app.merchant_name(&ow.form.merchant),
            &app.config.prefs.keys,
            theme,
        ),
        Mode::Asking(Asking::Activate { id }) => dialog::confirm(frame, area, app, id, theme),
        Mode::Asking(Asking::Custom { index, targets }) => {
            let question = crate::app::custom_question(app, *index, targets);
            dialog::custom_confirm(frame, area, app, question, theme);
        }
        Mode::Asking(Asking::Bulk(plan)) => {
            dialog::bulk_confirm(frame, area, app, plan, &app.config.prefs.keys, theme);
        }
        Mode::Prompt(p) => prompt::prompt(frame, area, app, p, theme),
        Mode::Asking(Asking::ExportOverwrite { path, .. }) => {
            transfer::export_overwrite(frame, area, app, path, theme);
        }
        Mode::Import | Mode::Asking(Asking::Import { .. }) => {
            if let Some(run) = app.import.as_ref() {
                transfer::overlay(frame, area, app, run, theme);
            }
        }
        // A run going on shows its progress beside the list (`draw`).
        Mode::Bulk => {
            if let Some(run) = app.bulk_results() {
                bulk::results(frame, area, app, run, theme);
            }
        }
    }
}

/// Help's scope (which keys close it), also under the palette.
fn help_scope(app: &App) -> crate::keys::Scope {
    match app.scope() {
        crate::keys::Scope::Palette if app.bulk().is_some_and(crate::app::Run::is_running) => {
            crate::keys::Scope::HelpRunning
        }
        crate::keys::Scope::Palette => crate::keys::Scope::Help,
        scope => scope,
    }
}
