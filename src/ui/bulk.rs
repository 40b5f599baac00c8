//! The bulk run: progress while it goes, then one line per request.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::{App, BulkResult, Run, RunItem, RunPhase, viewport};

use super::dialog::{centered, frame_box};
use super::format::clip;
use super::run;
use super::theme::Theme;

pub fn progress(frame: &mut Frame, area: Rect, run: &Run<BulkResult>, theme: Theme) {
    let outer = centered(area, 72, 12);
    let inner = frame_box(frame, outer, "Bulk activation", theme);
    if inner.height == 0 {
        return;
    }
    let c = run.tally();
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
        (RunPhase::Starting, false) => "Saving the terminalIds you entered…".to_string(),
        _ => format!("Activating {} of {}…", c.done() + c.in_flight, c.total()),
    };
    frame.render_widget(Paragraph::new(Span::styled(what, theme.bold())), status);
    run::gauge(frame, gauge, run, theme);
    frame.render_widget(
        Paragraph::new(vec![Line::from(run::counts(run))]).wrap(Wrap { trim: false }),
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

pub fn results(frame: &mut Frame, area: Rect, app: &App, run: &Run<BulkResult>, theme: Theme) {
    let title = match run.phase {
        RunPhase::Finished { cancelled: true } => "Bulk activation results (cancelled)",
        _ => "Bulk activation results",
    };
    let inner = frame_box(frame, viewport::big_box(area), title, theme);
    if inner.height == 0 {
        return;
    }
    let [head, list] = viewport::bulk_results(area);
    frame.render_widget(
        Paragraph::new(Span::styled(run.tally().summary(), theme.bold())),
        head,
    );
    let head =
        |i: &RunItem<BulkResult>| format!("{:<24} {:<9} ", clip(&i.id, 24), clip(&i.label.kind, 9));
    // Unknown requests have no merchant to name.
    let merchant = |i: &RunItem<BulkResult>| {
        let id = i.label.merchant.as_str();
        (!id.is_empty()).then(|| app.merchant_name(id).to_string())
    };
    run::results(
        frame,
        list,
        run,
        viewport::BULK_HEAD_WIDTH,
        head,
        merchant,
        theme,
    );
}
