//! A dialog whose keys always show: on a window too small for all of it,
//! its body is cut (ending in `…`) before any of its key lines go.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::{centered, frame_box};
use crate::ui::theme::Theme;

/// Where a kept dialog drew its parts.
pub struct Fitted {
    /// The rows its `keys` part was drawn in.
    pub keys: Rect,
}

/// How many rows `lines` take wrapped at `width` (as the paragraph wraps
/// them: by words, a word longer than the width split).
pub fn rows(lines: &[Line<'_>], width: u16) -> u16 {
    lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            crate::text::wrap(&text, usize::from(width)).len().max(1) as u16
        })
        .sum()
}

/// A dialog `width` wide, centred in `area`: `body` on top, `keys` (the
/// part that must show: a typed count, the key lines) at the bottom.
pub fn keyed_dialog(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: &str,
    body: Vec<Line<'static>>,
    keys: Vec<Line<'static>>,
    theme: Theme,
) -> Fitted {
    let inside = width.min(area.width).saturating_sub(2);
    let (body_rows, key_rows) = (rows(&body, inside), rows(&keys, inside));
    let outer = centered(area, width, body_rows + key_rows + 2);
    let inner = frame_box(frame, outer, title, theme);
    let key_rows = key_rows.min(inner.height);
    let room = inner.height - key_rows;
    let keys_area = Rect {
        y: inner.y + room,
        height: key_rows,
        ..inner
    };
    let mut body = crate::ui::format::shown(body);
    if body_rows > room && room > 0 {
        // Cut whole lines until what is left fits above a `…` line.
        while !body.is_empty() && rows(&body, inside) > room - 1 {
            body.pop();
        }
        body.push(Line::from("…"));
    }
    let body_area = Rect {
        height: room,
        ..inner
    };
    frame.render_widget(Paragraph::new(body).wrap(Wrap { trim: false }), body_area);
    frame.render_widget(
        Paragraph::new(crate::ui::format::shown(keys)).wrap(Wrap { trim: false }),
        keys_area,
    );
    Fitted { keys: keys_area }
}
