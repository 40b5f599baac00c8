//! The `?` overlay: every key, scrollable when it does not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{HELP, Mode, relabel};
use crate::keymap::KeyMap;

use super::dialog::{centered, frame_box};
use super::theme::Theme;

/// `read_only`: the title says the keys that change something are refused.
pub fn overlay(
    frame: &mut Frame,
    area: Rect,
    mode: &mut Mode,
    keys: &KeyMap,
    read_only: bool,
    theme: Theme,
) {
    let Mode::Help { scroll } = mode else { return };
    let outer = centered(area, 72, HELP.len() as u16 + 2);
    let title = if read_only {
        "Keys: read-only, every change is refused (j/k scroll, Esc closes)"
    } else {
        "Keys (j/k scroll, Esc closes)"
    };
    let inner = frame_box(frame, outer, title, theme);
    let max = (HELP.len() as u16).saturating_sub(inner.height);
    // Clamp here, where the height is known, so scrolling back up is immediate.
    *scroll = (*scroll).min(max);
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
    frame.render_widget(Paragraph::new(lines).scroll((*scroll, 0)), inner);
}
