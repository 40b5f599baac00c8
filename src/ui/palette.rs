//! The command palette: a box over the list with the typed text on top and
//! the matching actions under it, each with its keys as bound, the chosen
//! one reversed and the letters that matched highlighted.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::Palette;
use crate::app::viewport;
use crate::text::width as text_width;

use super::dialog::frame_box;
use super::format::clip;
use super::prompt::{field_cursor, field_value};
use super::theme::Theme;

const PROMPT: &str = "> ";
/// The widest the keys column grows; longer key lists are cut.
const KEYS_MAX: usize = 16;

pub fn overlay(frame: &mut Frame, area: Rect, palette: &Palette, theme: Theme) {
    let [outer, input, rows] = viewport::palette(area);
    let title = format!(
        "Actions: {} of {} (type to narrow)",
        palette.len(),
        palette.total()
    );
    let inner = frame_box(frame, outer, &title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let field_w = usize::from(input.width).saturating_sub(PROMPT.len() + 1);
    let line = Line::from(vec![
        Span::styled(PROMPT, theme.key()),
        field_value(&palette.input, field_w, theme),
    ]);
    frame.render_widget(Paragraph::new(line), input);
    let x = input.x + PROMPT.len() as u16 + field_cursor(&palette.input, field_w);
    if x < input.right() {
        frame.set_cursor_position(Position::new(x, input.y));
    }
    if rows.y > input.y + 1 {
        let rule = "─".repeat(usize::from(inner.width));
        let at = Rect {
            y: input.y + 1,
            height: 1,
            ..input
        };
        frame.render_widget(Paragraph::new(Span::styled(rule, theme.dim())), at);
    }
    let lines = super::format::shown(lines(palette, rows, theme));
    frame.render_widget(Paragraph::new(lines), rows);
}

/// The shown window of matches, or why there is none.
fn lines(palette: &Palette, rows: Rect, theme: Theme) -> Vec<Line<'static>> {
    if palette.is_empty() {
        return vec![Line::from(Span::styled("  no action matches", theme.dim()))];
    }
    let width = usize::from(rows.width);
    let keys_w = palette
        .rows()
        .map(|(e, _)| text_width(&e.keys))
        .max()
        .unwrap_or(0)
        .min(KEYS_MAX);
    let words_w = width.saturating_sub(keys_w + 4);
    palette
        .rows()
        .enumerate()
        .skip(palette.offset())
        .take(usize::from(rows.height))
        .map(|(i, (entry, matched))| {
            let chosen = i == palette.selected();
            let base = if chosen {
                theme.selected()
            } else {
                Style::default()
            };
            let mut spans = vec![Span::styled(if chosen { "▶ " } else { "  " }, base)];
            let words = clip(&entry.words, words_w);
            let used = text_width(&words);
            spans.extend(highlighted(&words, matched, base, theme));
            let keys = clip(&entry.keys, keys_w);
            let pad = width.saturating_sub(2 + used + text_width(&keys));
            spans.push(Span::styled(" ".repeat(pad), base));
            spans.push(Span::styled(keys, theme.key().patch(base)));
            Line::from(spans)
        })
        .collect()
}

/// `shown`, the characters at `matched` highlighted.
fn highlighted(shown: &str, matched: &[usize], base: Style, theme: Theme) -> Vec<Span<'static>> {
    let mark = theme.key().patch(base).add_modifier(Modifier::UNDERLINED);
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in shown.chars().enumerate() {
        let marked = matched.contains(&i);
        if marked != run_marked && !run.is_empty() {
            let style = if run_marked { mark } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_marked { mark } else { base }));
    }
    spans
}
