//! The typed count an import's "set, then activate" asks for on production
//! before anything is sent, drawn over the preview.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::TypedCount;

use super::dialog::{count_cursor, key, keys_line, push_typed_count, sized_dialog};
use super::theme::Theme;
use crate::keys::{Intent, KeyMap, Scope};

/// `n`: the requests that will be activated (their terminalIds set first
/// where the file gives them).
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
                "Activate 1 request, setting its terminalId first?".to_string()
            } else {
                format!("Activate {n} requests, setting their terminalIds first?")
            },
            theme.bold(),
        )),
        Line::from("Nothing has been sent."),
        Line::default(),
    ];
    let count_row = push_typed_count(&mut lines, n, "go on", typed, theme);
    lines.push(Line::default());
    lines.push(keys_line(
        theme,
        &[
            (
                &key(keys, Scope::ImportCount, &[Intent::Confirm], "Enter"),
                &format!("activate {n}"),
            ),
            (
                &key(keys, Scope::ImportCount, &[Intent::Cancel], "Esc"),
                "back to the preview",
            ),
        ],
    ));
    let inner = sized_dialog(frame, area, 64, "Set and activate", lines, theme);
    count_cursor(frame, inner, count_row, typed);
}
