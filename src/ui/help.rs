//! The `?` overlay: every key, scrollable when it does not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{HELP, help_max_scroll, relabel, viewport};
use crate::keymap::KeyMap;

use super::dialog::frame_box;
use super::theme::Theme;

/// `read_only`: the title says the keys that change something are refused.
pub fn overlay(
    frame: &mut Frame,
    area: Rect,
    scroll: u16,
    keys: &KeyMap,
    read_only: bool,
    theme: Theme,
) {
    let outer = viewport::help_box(area, HELP.len());
    let title = if read_only {
        "Keys: read-only, every change is refused (j/k scroll, Esc closes)"
    } else {
        "Keys (j/k scroll, Esc closes)"
    };
    let inner = frame_box(frame, outer, title, theme);
    // Update clamps it to the same bound; this holds for a size it has not seen.
    let scroll = scroll.min(help_max_scroll(area));
    // Dialog keys and filter words are not list bindings: never relabelled.
    let mut remappable = true;
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(label, what)| {
            if label.is_empty() {
                remappable = !matches!(*what, "Dialogs" | "Filter words");
                Line::from(Span::styled(*what, theme.bold()))
            } else {
                let shown = if remappable {
                    relabel(label, keys, false)
                } else {
                    label.to_string()
                };
                Line::from(vec![
                    Span::styled(format!("  {shown:<18}"), theme.key()),
                    Span::raw(*what),
                ])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
