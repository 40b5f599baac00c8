//! The help overlay's lines at the size it is drawn: each row's text
//! wrapped under its text column, so update scrolls exactly as far as the
//! view draws and the last line can always be reached.

use ratatui::layout::Rect;

use crate::keys::{HelpLine, KeyMap, help};
use crate::text::wrap;

use super::viewport;

/// The key column: two spaces, then the key padded to this width.
const LABEL_WIDTH: usize = 18;
const INDENT: usize = 2;
/// The text column never gets narrower than this; the box is cut instead.
const MIN_TEXT: usize = 12;

/// One line of the overlay as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpText {
    Section(String),
    /// `label` is empty on the lines a row's text wraps onto.
    Row {
        label: String,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLayout {
    /// The box, border included.
    pub outer: Rect,
    /// The key column's width (the key, padded).
    pub label_width: usize,
    pub lines: Vec<HelpText>,
}

impl HelpLayout {
    /// The overlay in `body`, as wide as its longest line needs (and the
    /// body allows), as tall as its wrapped lines.
    pub fn of(body: Rect, keys: &KeyMap) -> HelpLayout {
        let rows = help(keys);
        let label_width = rows
            .iter()
            .map(|r| match r {
                HelpLine::Row { label, .. } => label.chars().count() + 1,
                HelpLine::Section(_) => 0,
            })
            .max()
            .unwrap_or(0)
            .max(LABEL_WIDTH);
        let widest = rows
            .iter()
            .map(|r| match r {
                HelpLine::Row { text, .. } => INDENT + label_width + text.chars().count(),
                HelpLine::Section(t) => t.chars().count(),
            })
            .max()
            .unwrap_or(0);
        // Borders and a space before the right one.
        let width = u16::try_from(widest + 3)
            .unwrap_or(u16::MAX)
            .min(body.width);
        let inner_w = usize::from(width.saturating_sub(2));
        let text_w = inner_w.saturating_sub(INDENT + label_width).max(MIN_TEXT);
        let mut lines = Vec::with_capacity(rows.len());
        for row in rows {
            match row {
                HelpLine::Section(t) => {
                    lines.extend(wrap(t, inner_w.max(1)).into_iter().map(HelpText::Section));
                }
                HelpLine::Row { label, text } => {
                    for (i, part) in wrap(&text, text_w).into_iter().enumerate() {
                        lines.push(HelpText::Row {
                            label: if i == 0 { label.clone() } else { String::new() },
                            text: part,
                        });
                    }
                }
            }
        }
        let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
        HelpLayout {
            outer: viewport::centered(body, width, height),
            label_width,
            lines,
        }
    }

    /// Where the lines go.
    pub fn inner(&self) -> Rect {
        viewport::inner(self.outer)
    }

    /// How far the help scrolls: until its last line is at the bottom.
    pub fn max_scroll(&self) -> u16 {
        u16::try_from(self.lines.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(self.inner().height)
    }
}
