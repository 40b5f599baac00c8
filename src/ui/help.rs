//! The `?` overlay: every key, scrollable when it does not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::Mode;
use crate::keymap::{HelpLine, KeyMap, help, help_title};

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
    let rows = help(keys);
    let outer = centered(area, 72, rows.len() as u16 + 2);
    let inner = frame_box(frame, outer, &help_title(keys, read_only), theme);
    let max = (rows.len() as u16).saturating_sub(inner.height);
    // Clamp here, where the height is known, so scrolling back up is immediate.
    *scroll = (*scroll).min(max);
    let lines: Vec<Line> = rows
        .into_iter()
        .map(|row| match row {
            HelpLine::Section(title) => Line::from(Span::styled(title, theme.bold())),
            HelpLine::Row { label, text } => Line::from(vec![
                Span::styled(format!("  {label:<18}"), theme.key()),
                Span::raw(text),
            ]),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((*scroll, 0)), inner);
}
