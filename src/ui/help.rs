//! The `?` overlay: every key, scrollable when it does not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{help_max_scroll, viewport};
use crate::keys::{HelpLine, KeyMap, Scope, help, help_title_in};

use super::dialog::frame_box;
use super::theme::Theme;

/// `read_only`: the title says the keys that change something are refused;
/// `scope` (help, or help during a bulk run) which keys close it.
pub fn overlay(
    frame: &mut Frame,
    area: Rect,
    scroll: u16,
    keys: &KeyMap,
    scope: Scope,
    read_only: bool,
    theme: Theme,
) {
    let rows = help(keys);
    let outer = viewport::help_box(area, rows.len());
    let inner = frame_box(frame, outer, &help_title_in(keys, scope, read_only), theme);
    // Update clamps it to the same bound; this holds for a size it has not seen.
    let scroll = scroll.min(help_max_scroll(area));
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
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}
