//! The bulk run: progress while it goes, then one line per request.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

use crate::app::{BulkRun, Outcome, Phase};

use super::dialog::{centered, frame_box};
use super::format::{clip, wrap};
use super::theme::Theme;

fn summary(run: &BulkRun) -> String {
    let c = run.counts();
    format!(
        "{} activated · {} confirmed active · {} already active · {} skipped · {} failed",
        c.activated, c.confirmed, c.already, c.skipped, c.failed
    )
}

/// "done/total" over a bar, for bulk activation and import runs alike.
pub fn done_gauge(frame: &mut Frame, area: Rect, done: usize, total: usize, theme: Theme) {
    let ratio = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.gauge())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("{done}/{total} done")),
        area,
    );
}

pub fn progress(frame: &mut Frame, area: Rect, run: &BulkRun, theme: Theme) {
    let outer = centered(area, 72, 12);
    let inner = frame_box(frame, outer, "Bulk activation", theme);
    if inner.height == 0 {
        return;
    }
    let c = run.counts();
    let [status, gauge, counts, flight] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(2),
        Constraint::Min(0),
    ])
    .areas(inner);
    let what = match (run.phase, run.cancel_requested) {
        (_, true) => format!(
            "Cancelling: waiting for {} in flight to finish…",
            c.in_flight
        ),
        (Phase::Saving, false) => "Saving the terminalIds you entered…".to_string(),
        _ => format!("Activating {} of {}…", c.done() + c.in_flight, c.total()),
    };
    frame.render_widget(Paragraph::new(Span::styled(what, theme.bold())), status);
    done_gauge(frame, gauge, c.done(), c.total(), theme);
    frame.render_widget(
        Paragraph::new(vec![Line::from(format!(
            "{} · {} waiting",
            summary(run),
            c.waiting
        ))])
        .wrap(Wrap { trim: false }),
        counts,
    );
    let mut lines = vec![Line::from(Span::styled(
        format!("In flight ({}):", run.in_flight.len()),
        theme.label(),
    ))];
    for id in &run.in_flight {
        lines.push(Line::from(format!("  {id}")));
    }
    frame.render_widget(Paragraph::new(lines), flight);
}

pub fn results(frame: &mut Frame, area: Rect, run: &mut BulkRun, theme: Theme) {
    let w = area.width.saturating_sub(4).min(120);
    let h = area.height.saturating_sub(2);
    let outer = centered(area, w, h);
    let title = match run.phase {
        Phase::Finished { cancelled: true } => "Bulk activation results (cancelled)",
        _ => "Bulk activation results",
    };
    let inner = frame_box(frame, outer, title, theme);
    if inner.height == 0 {
        return;
    }
    let [head, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(summary(run), theme.bold())),
        head,
    );
    let height = list.height as usize;
    let head_w = 35;
    let text_w = (list.width as usize).saturating_sub(head_w).max(20);
    // Scroll no further than where the last items just fill the view.
    let mut max = run.items.len();
    let mut used = 0;
    while let Some(item) = max.checked_sub(1).and_then(|i| run.items.get(i)) {
        used += wrap(&item.outcome.text(), text_w).len();
        if used > height {
            break;
        }
        max -= 1;
    }
    run.scroll = run.scroll.min(max);
    let mut lines: Vec<Line> = Vec::new();
    for item in run.items.iter().skip(run.scroll) {
        if lines.len() >= height {
            break;
        }
        let style = match item.outcome {
            Outcome::Activated | Outcome::Confirmed => theme.ok(),
            Outcome::AlreadyActive(_) => theme.warn(),
            Outcome::Failed(_) => theme.error(),
            _ => theme.dim(),
        };
        // Reasons are sentences: wrap them under themselves rather than cut them.
        for (i, part) in wrap(&item.outcome.text(), text_w).into_iter().enumerate() {
            let head = if i == 0 {
                format!("{:<24} {:<9} ", clip(&item.id, 24), clip(&item.kind, 9))
            } else {
                " ".repeat(head_w)
            };
            lines.push(Line::from(vec![Span::raw(head), Span::styled(part, style)]));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
}
