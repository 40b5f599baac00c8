//! The export/import path prompt: the path, why it was refused (whole,
//! wrapped: the box grows to hold it), and what Enter does.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Prompt, PromptKind, TextField};
use crate::text::{count, wrap};

use super::dialog::{centered, frame_box};
use super::format::clip;
use super::theme::Theme;

const LABEL: &str = "file: ";

pub fn prompt(frame: &mut Frame, area: Rect, app: &App, prompt: &Prompt, theme: Theme) {
    let (title, about, after) = match prompt.kind {
        PromptKind::Export => (
            "Export",
            format!(
                "Write the {} shown, in list order, to a file.",
                count(app.visible_len(), "request", "requests")
            ),
            "Ends in .csv or .json; relative to the working directory. Enter exports; Esc cancels.",
        ),
        PromptKind::Import => (
            "Import terminalIds",
            "CSV columns: id (or merchantId and type) and terminalId.".to_string(),
            "Enter previews every row; nothing is sent until you confirm. Esc cancels.",
        ),
    };
    const WIDTH: u16 = 64;
    let inner_w = usize::from(WIDTH.saturating_sub(2).min(area.width.saturating_sub(2)));
    let field_w = inner_w.saturating_sub(LABEL.len() + 1);
    let mut lines = vec![
        Line::from(Span::styled(clip(&about, inner_w), theme.bold())),
        Line::default(),
        Line::from(vec![
            Span::styled(LABEL, theme.label()),
            field_value(&prompt.input, field_w, theme),
        ]),
    ];
    let under = match &prompt.error {
        Some(e) => wrap(e, inner_w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.error())))
            .collect(),
        None => vec![selection_hint(&prompt.input, theme)],
    };
    lines.extend(under);
    lines.push(Line::default());
    lines.extend(
        wrap(after, inner_w)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.dim()))),
    );
    let outer = centered(area, WIDTH, lines.len() as u16 + 2);
    let inner = frame_box(frame, outer, title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    frame.render_widget(Paragraph::new(super::format::shown(lines)), inner);
    if inner.height > 2 {
        let x = inner.x + LABEL.len() as u16 + field_cursor(&prompt.input, field_w);
        if x < inner.right() {
            frame.set_cursor_position(Position::new(x, inner.y + 2));
        }
    }
}

/// The part of a field's value that fits `width` columns: reversed while
/// it is the value the field opened with, which typing replaces.
pub(super) fn field_value(field: &TextField, width: usize, theme: Theme) -> Span<'static> {
    let scroll = field.visual_scroll(width);
    let value: String = field.value().chars().skip(scroll).collect();
    let style = if field.is_selected() {
        theme.selected()
    } else {
        theme.bold()
    };
    Span::styled(value, style)
}

/// The cursor's column inside a field `width` wide.
pub(super) fn field_cursor(field: &TextField, width: usize) -> u16 {
    let at = field
        .visual_cursor()
        .saturating_sub(field.visual_scroll(width));
    u16::try_from(at).unwrap_or(u16::MAX)
}

/// Under a selected value, what typing does to it.
pub(super) fn selection_hint(field: &TextField, theme: Theme) -> Line<'static> {
    if field.is_selected() {
        Line::from(Span::styled(
            "Typing replaces it; ←/→, Home/End, Backspace edit it.",
            theme.dim(),
        ))
    } else {
        Line::default()
    }
}
