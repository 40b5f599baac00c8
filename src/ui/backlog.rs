//! The backlog panel, in place of the detail pane while it is on: the shown
//! requests counted by type and by readiness, and their ages as a bar
//! chart. It only reads the summary update keeps (`app::backlog`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph};

use crate::app::{AGE_BUCKETS, App, BacklogSummary};

use super::format::clip;
use super::theme::Theme;

/// Narrower than this, the chart's bars lose their labels' room.
const CHART_MIN: u16 = 26;

pub fn panel(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let s = app.backlog.summary();
    let title = format!(" Backlog: {} shown ", s.shown);
    let block = Block::new().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    if s.shown == 0 {
        frame.render_widget(
            Paragraph::new("No requests shown: nothing to count.").style(theme.dim()),
            inner,
        );
        return;
    }
    let types = counts("by type", &s.by_type, theme, |_| Style::new());
    let ready = counts("by readiness", &s.by_readiness, theme, |words| {
        if words == crate::domain::readiness::READY {
            theme.ok()
        } else {
            theme.warn()
        }
    });
    let lines = |v: &Vec<Line>| u16::try_from(v.len()).unwrap_or(u16::MAX);
    // Beside the list (tall, narrow): one above the other. Below it (wide,
    // low): side by side.
    if inner.height >= lines(&types) + lines(&ready) + 2 + 8 {
        let [t, r, c] = Layout::vertical([
            Constraint::Length(lines(&types) + 1),
            Constraint::Length(lines(&ready) + 1),
            Constraint::Min(8),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(super::format::shown(types)), t);
        frame.render_widget(Paragraph::new(fit(ready, r)), r);
        chart(frame, c, app, s, theme);
    } else {
        let type_w = widest(&types).min(inner.width / 4);
        let rest = inner.width.saturating_sub(type_w + 2);
        let chart_w = (rest / 2).max(CHART_MIN.min(rest));
        let [t, _, r, c] = Layout::horizontal([
            Constraint::Length(type_w),
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(chart_w),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(fit(types, t)), t);
        frame.render_widget(Paragraph::new(fit(ready, r)), r);
        chart(frame, c, app, s, theme);
    }
}

/// A heading, then `count  name` per line, most first.
fn counts(
    heading: &str,
    items: &[(String, usize)],
    theme: Theme,
    style: impl Fn(&str) -> Style,
) -> Vec<Line<'static>> {
    let count_w = items
        .iter()
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let mut lines = vec![Line::styled(heading.to_string(), theme.label())];
    for (name, n) in items {
        lines.push(Line::from(vec![
            Span::raw(format!("{n:>count_w$}  ")),
            Span::styled(name.clone(), style(name)),
        ]));
    }
    lines
}

fn widest(lines: &[Line]) -> u16 {
    let w = lines.iter().map(Line::width).max().unwrap_or(0);
    u16::try_from(w).unwrap_or(u16::MAX)
}

/// The lines cut to `area`: too long a line ends in `…`, and when there
/// are more lines than rows the last says how many more.
fn fit(mut lines: Vec<Line<'static>>, area: Rect) -> Vec<Line<'static>> {
    let width = usize::from(area.width);
    let rows = usize::from(area.height);
    if lines.len() > rows && rows > 0 {
        let more = lines.len() - (rows - 1);
        lines.truncate(rows - 1);
        lines.push(Line::raw(format!("+{more} more")));
    }
    lines
        .into_iter()
        .map(|l| {
            if l.width() <= width {
                return l;
            }
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::raw(clip(&text, width))
        })
        .collect()
}

fn chart(frame: &mut Frame, area: Rect, app: &App, s: &BacklogSummary, theme: Theme) {
    let mut heading = "age".to_string();
    if s.unknown_age > 0 {
        heading.push_str(&format!(" ({} unknown age)", s.unknown_age));
    }
    if app.config.sla_days > 0 {
        heading.push_str(&format!(" · SLA {}d", app.config.sla_days));
    }
    let [h, c] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(
            clip(&heading, usize::from(h.width)),
            theme.label(),
        )),
        h,
    );
    let bars: Vec<Bar> = AGE_BUCKETS
        .iter()
        .zip(s.ages)
        .map(|(label, n)| {
            Bar::default()
                .value(n)
                .label(Line::from(*label))
                .text_value(n.to_string())
        })
        .collect();
    let gaps = u16::try_from(AGE_BUCKETS.len() - 1).unwrap_or(0);
    let bar_width = (c.width.saturating_sub(gaps) / 5).clamp(1, 9);
    frame.render_widget(
        BarChart::vertical(bars)
            .bar_width(bar_width)
            .bar_gap(1)
            .bar_style(theme.label())
            .value_style(theme.bar_value()),
        c,
    );
}
