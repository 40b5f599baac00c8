//! The copy menu (`y`): a small box at the bottom of the body, over the
//! list, a line per field with its key and its value as shown, like
//! lazygit's copy menu. A field the request lacks is greyed `(none)`.

use ratatui::Frame;
use ratatui::layout::Rect;
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
    let width = WIDTH.min(area.width);
    let height = (choices.len() as u16 + 2).min(area.height);
    // Anchored at the bottom, over the rows least likely to be the cursor's.
    let at = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.bottom().saturating_sub(height),
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
