//! The message log overlay (`m`): every message of the session, newest
//! first, each with its time in the configured zone and wrapped in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, HEAD_WIDTH, ToastKind, log_area, log_lines, viewport};

use super::dialog::frame_box;
use super::theme::Theme;

pub fn overlay(frame: &mut Frame, body: Rect, app: &App, scroll: usize, theme: Theme) {
    // The footer names the keys; the title stays short enough for 40 columns.
    let title = "Messages, newest first";
    let inner = frame_box(frame, viewport::big_box(body), title, theme);
    debug_assert_eq!(inner, log_area(body));
    let log = app.messages();
    if log.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("No messages yet.", theme.dim())),
            inner,
        );
        return;
    }
    let height = usize::from(inner.height);
    let mut lines = Vec::new();
    // Update holds `scroll` where the oldest messages just fill the view.
    for m in log.newest_first().skip(scroll) {
        if lines.len() >= height {
            break;
        }
        let (word, style) = match m.kind {
            ToastKind::Info => ("info", theme.ok()),
            ToastKind::Error => ("error", theme.error()),
        };
        let at = m.at.with_timezone(&app.config.tz).format("%H:%M:%S");
        for (i, part) in log_lines(&m.text, inner.width).into_iter().enumerate() {
            let head = if i == 0 {
                Span::styled(format!("{at} {word:<7}"), theme.dim())
            } else {
                Span::raw(" ".repeat(HEAD_WIDTH))
            };
            lines.push(Line::from(vec![head, Span::styled(part, style)]));
        }
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), inner);
}
