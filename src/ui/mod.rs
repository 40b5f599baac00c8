//! Drawing the console. Views read the state and record only what input
//! handling needs back (the table's area and scroll window).

mod bulk;
mod count;
mod detail;
mod dialog;
mod footer;
mod form;
pub mod format;
mod help;
mod list;
mod theme;
mod transfer;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_gaps;
#[cfg(test)]
mod tests_safety;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use crate::app::{App, Mode, Phase};

pub use theme::Theme;

/// Side-by-side detail from this width; below the list under it.
const WIDE: u16 = 120;
const DETAIL_WIDTH: u16 = 58;

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    let theme = Theme::new(&app.config);
    if area.height < 4 || area.width < 10 {
        // Too small for anything but a hint to resize.
        app.set_table_area(None);
        frame.render_widget(Paragraph::new("intake: enlarge the window"), area);
        return;
    }
    let [title, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    list::title_bar(frame, title, app, theme);
    let (list_area, detail_area) = split_body(body);
    list::table(frame, list_area, app, theme);
    if let Some(d) = detail_area {
        detail::pane(frame, d, app, theme);
    }
    footer::status_line(frame, status, app, theme);
    footer::hint_line(frame, hints, app, theme);
    overlays(frame, body, app, theme);
}

fn split_body(body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= WIDE {
        let [l, d] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(DETAIL_WIDTH)]).areas(body);
        (l, Some(d))
    } else if body.height >= 14 {
        let detail_h = (body.height / 2).min(15);
        let [l, d] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(detail_h)]).areas(body);
        (l, Some(d))
    } else {
        (body, None)
    }
}

fn overlays(frame: &mut Frame, area: Rect, app: &mut App, theme: Theme) {
    match &mut app.mode {
        Mode::List | Mode::Filter => {}
        mode @ Mode::Help { .. } => help::overlay(
            frame,
            area,
            mode,
            &app.config.prefs.keys,
            app.config.safety.read_only.is_on(),
            theme,
        ),
        Mode::Form(f) => form::form(frame, area, f, theme),
        Mode::Overwrite(ow) => dialog::overwrite(frame, area, ow, &app.config.prefs.keys, theme),
        Mode::Confirm { id } => {
            let id = id.clone();
            dialog::confirm(frame, area, app, &id, theme);
        }
        Mode::BulkConfirm(plan) => {
            dialog::bulk_confirm(frame, area, plan, &app.config.prefs.keys, theme)
        }
        Mode::Prompt(p) => {
            let p = p.clone();
            transfer::prompt(frame, area, app, &p, theme);
        }
        Mode::Import => {
            let read_only = app.config.safety.read_only.is_on();
            if let Some(run) = app.import.as_mut() {
                transfer::overlay(frame, area, run, read_only, &app.config.prefs.keys, theme);
            }
        }
        Mode::Bulk => {
            if let Some(run) = app.bulk.as_mut() {
                if matches!(run.phase, Phase::Finished { .. }) {
                    bulk::results(frame, area, run, theme);
                } else {
                    bulk::progress(frame, area, run, theme);
                }
            }
        }
    }
    if app.quit_confirm {
        dialog::quit_confirm(frame, area, &app.config.prefs.keys, theme);
    }
}
