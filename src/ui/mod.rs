//! Drawing the console. Views only read the state: the cursor, every
//! scroll position and the layout they follow belong to update.

mod bulk;
mod columns;
mod count;
mod detail;
mod dialog;
mod footer;
mod form;
pub mod format;
mod help;
mod list;
mod run;
mod theme;
mod title;
mod transfer;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_decode;
#[cfg(test)]
mod tests_gaps;
#[cfg(test)]
mod tests_safety;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::app::{App, Asking, Mode, OverlayQuestion, Viewport};

pub use theme::Theme;

/// Draw the console. Only reads: the areas come from the same layout
/// (`Viewport::of`) that update keeps the cursor and scroll positions in.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme::new(&app.config);
    let Some(screen) = Viewport::of(frame.area()).screen else {
        // Too small for anything but a hint to resize.
        frame.render_widget(Paragraph::new("intake: enlarge the window"), frame.area());
        return;
    };
    title::title_bar(frame, screen.title, app, theme);
    list::table(frame, screen.list, app, theme);
    if let Some(d) = screen.detail {
        detail::pane(frame, d, app, theme);
    }
    footer::status_line(frame, screen.status, app, theme);
    footer::hint_line(frame, screen.hints, app, theme);
    overlays(frame, screen.body, app, theme);
}

fn overlays(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    match &app.mode {
        Mode::List | Mode::Filter => {}
        Mode::Help { scroll } => help::overlay(
            frame,
            area,
            *scroll,
            &app.config.prefs.keys,
            app.config.safety.read_only.is_on(),
            theme,
        ),
        Mode::Form(f) => form::form(frame, area, f, theme),
        Mode::Asking(Asking::Overwrite(ow)) => {
            dialog::overwrite(frame, area, ow, &app.config.prefs.keys, theme)
        }
        Mode::Asking(Asking::Activate { id }) => dialog::confirm(frame, area, app, id, theme),
        Mode::Asking(Asking::Bulk(plan)) => {
            dialog::bulk_confirm(frame, area, plan, &app.config.prefs.keys, theme)
        }
        Mode::Prompt(p) => transfer::prompt(frame, area, app, p, theme),
        Mode::Import | Mode::Asking(Asking::Import { .. }) => {
            let read_only = app.config.safety.read_only.is_on();
            if let Some(run) = app.import.as_ref() {
                let typed = app.import_count();
                transfer::overlay(
                    frame,
                    area,
                    run,
                    typed,
                    read_only,
                    &app.config.prefs.keys,
                    theme,
                );
            }
        }
        Mode::Bulk => {
            if let Some(run) = app.bulk.as_ref() {
                if !run.is_running() {
                    bulk::results(frame, area, run, theme);
                } else {
                    bulk::progress(frame, area, run, theme);
                }
            }
        }
    }
    // Asked on top of the screen below, drawn last.
    if app.asking == Some(OverlayQuestion::Quit) {
        dialog::quit_confirm(frame, area, &app.config.prefs.keys, theme);
    }
}
