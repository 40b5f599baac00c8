//! The saved views' tabs under the title: `Pending 40 · ePay missing
//! terminalId 12 · Ready 9`, the current one highlighted. When they do not
//! fit, the longest names shorten first (with `…`); the counts never do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;

use super::format::{clean, clip};
use super::theme::Theme;

const SEP: &str = "·";

pub fn tabs(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let tabs: Vec<(String, String)> = app
        .view_tabs()
        .into_iter()
        .map(|(name, count)| (clean(name), count.to_string()))
        .collect();
    let names = fit(&tabs, usize::from(area.width));
    let mut spans = Vec::new();
    for (i, (name, (_, count))) in names.iter().zip(&tabs).enumerate() {
        if i > 0 {
            spans.push(Span::styled(SEP, theme.dim()));
        }
        let text = format!(" {name} {count} ");
        if i == app.views().current() {
            spans.push(Span::styled(text, theme.selected()));
        } else {
            spans.push(Span::raw(text));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The names as shown: the longest cut down a character at a time until
/// the line fits `width` (or every name is down to its first letter).
fn fit(tabs: &[(String, String)], width: usize) -> Vec<String> {
    let len = crate::text::width;
    let fixed: usize = tabs.iter().map(|(_, c)| len(c) + 3).sum::<usize>()
        + len(SEP) * tabs.len().saturating_sub(1);
    let mut cap = tabs.iter().map(|(n, _)| len(n)).max().unwrap_or(0);
    let total = |cap: usize| fixed + tabs.iter().map(|(n, _)| len(n).min(cap)).sum::<usize>();
    while cap > 2 && total(cap) > width {
        cap -= 1;
    }
    tabs.iter().map(|(n, _)| clip(n, cap)).collect()
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn the_longest_names_shorten_first() {
        let tabs = vec![
            ("Pending".to_string(), "8".to_string()),
            ("ePay missing terminalId".to_string(), "3".to_string()),
        ];
        assert_eq!(fit(&tabs, 80), ["Pending", "ePay missing terminalId"]);
        assert_eq!(fit(&tabs, 28), ["Pending", "ePay missin…"]);
    }
}
