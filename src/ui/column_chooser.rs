//! The column chooser (`C`): the current view's columns in its order, each
//! with a box saying how it is shown (round, as `[k]` names a key), drawn over the list so the table
//! beside it shows each change at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, ColumnState, viewport};

use super::columns::Col;
use super::dialog::frame_box;
use super::format::clean;
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
    let mut lines: Vec<Line> = Vec::with_capacity(cols.len() + 3);
    for (i, &(key, state)) in cols.iter().enumerate() {
        let shown = on_screen.iter().any(|(c, _)| *c == Col::of(key));
        let (mark, note) = match state {
            ColumnState::Keep => ("(x)", "shown at any width"),
            ColumnState::Hidden => ("( )", "hidden"),
            ColumnState::Fit if shown => ("(·)", "shown while there is room"),
            ColumnState::Fit => ("(·)", "no room at this width"),
        };
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
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "For this view, for this session.",
        theme.dim(),
    )));
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = frame_box(frame, viewport::centered(body, 56, h), &title, theme);
    frame.render_widget(Paragraph::new(lines), inner);
}
