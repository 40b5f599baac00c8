//! The bulk run: progress while it goes, then one line per request.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Wrap};

use crate::app::{BulkRun, Outcome, Phase, viewport};

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

pub fn results(frame: &mut Frame, area: Rect, run: &BulkRun, theme: Theme) {
    let title = match run.phase {
        Phase::Finished { cancelled: true } => "Bulk activation results (cancelled)",
        _ => "Bulk activation results",
    };
    let inner = frame_box(frame, viewport::big_box(area), title, theme);
    if inner.height == 0 {
        return;
    }
    let [head, list] = viewport::bulk_results(area);
    frame.render_widget(
        Paragraph::new(Span::styled(summary(run), theme.bold())),
        head,
    );
    let height = list.height as usize;
    let head_w = viewport::BULK_HEAD_WIDTH;
    let text_w = viewport::text_width(list.width, head_w);
    // Update keeps it within this bound; this holds for a size it has not seen.
    let max = viewport::max_scroll(
        run.items
            .iter()
            .map(|i| wrap(&i.outcome.text(), text_w).len()),
        height,
    );
    let scroll = run.scroll.min(max);
    let mut lines: Vec<Line> = Vec::new();
    for item in run.items.iter().skip(scroll) {
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
