//! The copy menu (`y`): a small box at the bottom of the body, over the
//! list, a line per field with its key and its value as shown, like
//! lazygit's copy menu. A field the request lacks is greyed `(none)`.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;

use super::dialog::frame_box;
use super::format::{clean, clip, shown};
use super::theme::Theme;

/// The widest the box grows: ids and merchant names fit, whole lines don't.
const WIDTH: u16 = 64;
/// The field names' column.
const NAME: usize = 14;

pub fn overlay(frame: &mut Frame, area: Rect, app: &App, id: &str, theme: Theme) {
    let choices = app.copy_choices(id);
    // Inside the panes' frame: its own border never lands on theirs.
    let inside = area.inner(Margin::new(1, 1));
    let width = WIDTH.min(inside.width);
    let height = (choices.len() as u16 + 2).min(inside.height);
    // Anchored at the bottom, over the rows least likely to be the cursor's.
    let at = Rect {
        x: inside.x + (inside.width - width) / 2,
        y: inside.bottom().saturating_sub(height),
        width,
        height,
    };
    let title = format!("Copy from {}", clip(&clean(id), 40));
    let inner = frame_box(frame, at, &title, theme);
    let lines: Vec<Line<'static>> = choices
        .into_iter()
        .map(|c| {
            let key = format!("[{}]", c.key);
            let used = crate::text::width(&key) + 1 + NAME;
            let room = usize::from(inner.width).saturating_sub(used);
            let value = match c.value {
                Some(v) => Span::raw(clip(&v, room)),
                None => Span::styled("(none)", theme.dim()),
            };
            Line::from(vec![
                Span::styled(key, theme.key()),
                Span::raw(format!(" {:<NAME$}", c.field.name())),
                value,
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(shown(lines)), inner);
}
