//! The column chooser (`C`): the current view's columns in its order, each
//! with a box saying how it is shown (round, as `[k]` names a key), drawn over the list so the table
//! beside it shows each change at once.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, ColumnState, viewport};

use super::columns::Col;
use super::dialog::frame_box;
use super::format::{clean, clip};
use super::list::fitted;
use super::theme::Theme;

pub fn overlay(frame: &mut Frame, body: Rect, app: &App, at: usize, theme: Theme) {
    let views = app.views();
    let name = views
        .names()
        .nth(views.current())
        .map_or_else(String::new, clean);
    let title = match name.is_empty() {
        true => "Columns".to_string(),
        false => format!("Columns of {name}"),
    };
    let cols = views.columns().columns();
    let on_screen = fitted(app);
    // Inside the list's frame, never over its border.
    let area = viewport::centered(body.inner(Margin::new(1, 1)), 56, cols.len() as u16 + 4);
    let width = usize::from(area.width.saturating_sub(2));
    // Short words where the long ones do not fit (`> (·) merchant   `).
    let short = width < 17 + 26 + 8;
    let mut lines: Vec<Line> = Vec::with_capacity(cols.len() + 3);
    for (i, &(key, state)) in cols.iter().enumerate() {
        let shown = on_screen.iter().any(|(c, _)| *c == Col::of(key));
        let (mark, note) = note(state, shown, short);
        let sorted = if app.list.sort == key { ", sorted" } else { "" };
        let text = format!(
            "{} {mark} {:<11}{note}{sorted}",
            if i == at { '>' } else { ' ' },
            key.label()
        );
        let style = if i == at {
            theme.selected()
        } else if state == ColumnState::Hidden {
            theme.dim()
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(clip(&text, width), style)));
    }
    // The gap goes first where the rows only just fit.
    if usize::from(area.height) >= cols.len() + 4 {
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(Span::styled(
        clip("For this view, for this session.", width),
        theme.dim(),
    )));
    let inner = frame_box(frame, area, &title, theme);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A column's box and how it is shown, in `short` words when narrow.
fn note(state: ColumnState, shown: bool, short: bool) -> (&'static str, &'static str) {
    match (state, short) {
        (ColumnState::Keep, false) => ("(x)", "shown at any width"),
        (ColumnState::Keep, true) => ("(x)", "always"),
        (ColumnState::Hidden, _) => ("( )", "hidden"),
        (ColumnState::Fit, false) if shown => ("(·)", "shown while there is room"),
        (ColumnState::Fit, true) if shown => ("(·)", "if room"),
        (ColumnState::Fit, false) => ("(·)", "no room at this width"),
        (ColumnState::Fit, true) => ("(·)", "no room"),
    }
}
