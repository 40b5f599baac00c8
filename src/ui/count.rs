//! The typed count an import's "set, then activate" asks for on production
//! before anything is sent, drawn over the preview.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::TypedCount;

use super::dialog::{COUNT_LABEL, centered, frame_box, key, keys_line};
use super::theme::Theme;
use crate::keys::{Intent, KeyMap, Scope};

/// `n`: the requests that will be set, then activated.
pub fn import_count(
    frame: &mut Frame,
    area: Rect,
    n: usize,
    typed: &TypedCount,
    keys: &KeyMap,
    theme: Theme,
) {
    let mut lines = vec![
        Line::from(Span::styled(
            if n == 1 {
                "Set 1 terminalId, then activate that request?".to_string()
            } else {
                format!("Set {n} terminalIds, then activate those requests?")
            },
            theme.bold(),
        )),
        Line::from("Nothing has been sent."),
        Line::default(),
        Line::from(Span::styled(
            format!("PRODUCTION: type {n} (the number of requests) to go on."),
            theme.error(),
        )),
    ];
    let count_row = lines.len();
    lines.push(Line::from(vec![
        Span::styled(COUNT_LABEL, theme.label()),
        Span::styled(typed.input.clone(), theme.bold()),
    ]));
    if let Some(e) = &typed.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    lines.push(Line::default());
    lines.push(keys_line(
        theme,
        &[
            (
                &key(keys, Scope::ImportCount, &[Intent::Confirm], "Enter"),
                &format!("set {n}, then activate them"),
            ),
            (
                &key(keys, Scope::ImportCount, &[Intent::Cancel], "Esc"),
                "back to the preview",
            ),
        ],
    ));
    let inner = frame_box(
        frame,
        centered(area, 64, lines.len() as u16 + 2),
        "Set and activate",
        theme,
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    let x = inner.x + (COUNT_LABEL.len() + typed.input.chars().count()) as u16;
    let y = inner.y + count_row as u16;
    if x < inner.right() && y < inner.bottom() {
        frame.set_cursor_position(Position::new(x, y));
    }
}
