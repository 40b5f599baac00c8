//! The `?` overlay: every key, its text wrapped under the text column and
//! scrolled when it does not fit, with where the view is in the bottom
//! border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::app::{HelpLayout, HelpText};
use crate::keys::{KeyMap, Scope, help_title_in};

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
    let layout = HelpLayout::of(area, keys);
    // Update clamps it to the same bound; this holds for a size it has not seen.
    let scroll = scroll.min(layout.max_scroll());
    let inner = layout.inner();
    let mut block = Block::bordered().title(Span::styled(
        // Cut to leave its corner and a `─`, as `frame_box` does.
        format!(
            " {} ",
            super::format::clip(
                &help_title_in(keys, scope, read_only),
                usize::from(layout.outer.width).saturating_sub(5)
            )
        ),
        theme.bold(),
    ));
    if let Some(position) = position(scroll, inner.height, layout.lines.len()) {
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    frame.render_widget(Clear, layout.outer);
    frame.render_widget(block, layout.outer);
    let label_width = layout.label_width;
    let lines: Vec<Line> = layout
        .lines
        .into_iter()
        .map(|line| match line {
            HelpText::Section(title) => Line::from(Span::styled(title, theme.bold())),
            HelpText::Row { label, text } => Line::from(vec![
                Span::styled(format!("  {label:<label_width$}"), theme.key()),
                Span::raw(text),
            ]),
        })
        .collect();
    frame.render_widget(
        Paragraph::new(super::format::shown(lines)).scroll((scroll, 0)),
        inner,
    );
}

/// ` 21–40 of 52 ↓ more ` while lines are hidden, nothing when all show.
fn position(scroll: u16, height: u16, total: usize) -> Option<String> {
    let (first, height) = (usize::from(scroll), usize::from(height));
    if height == 0 || total <= height {
        return None;
    }
    let last = (first + height).min(total);
    let more = if last < total { " ↓ more" } else { "" };
    Some(format!(" {}–{last} of {total}{more} ", first + 1))
}
