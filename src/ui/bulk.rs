//! The bulk run: a progress bar beside the list while it goes, then one
//! line per request.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Gauge, Paragraph};

use crate::app::{App, BulkResult, Run, RunItem, RunPhase, Tally, viewport};

use super::dialog::frame_box;
use super::format::clip;
use super::run;
use super::theme::Theme;

/// A run's progress in `area` (above the status line, beside the list):
/// a gauge naming every count, then the ids in flight. Every number comes
/// from one tally, so they agree.
pub fn progress(frame: &mut Frame, area: Rect, run: &Run<BulkResult>, theme: Theme) {
    if area.height == 0 {
        return;
    }
    let t = run.tally();
    let [gauge, flight] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let (done, total) = (t.done(), t.total());
    let ratio = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    let width = usize::from(area.width);
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.gauge())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(gauge_label(run, &t, width)),
        gauge,
    );
    if flight.height > 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                in_flight_line(&t.in_flight_ids, width),
                theme.dim(),
            )),
            flight,
        );
    }
}

/// `Activating: 10/31 done · 8 in flight · 13 queued`, then what the done
/// ones ended with when there is room.
pub fn gauge_label(run: &Run<BulkResult>, t: &Tally<BulkResult>, width: usize) -> String {
    let what = match (run.phase, run.cancel_requested) {
        (_, true) => "Cancelling",
        (RunPhase::Starting, false) => "Saving the terminalIds you entered",
        _ => "Activating",
    };
    let counts = format!(
        "{what}: {}/{} done · {} in flight · {} queued",
        t.done(),
        t.total(),
        t.in_flight,
        t.waiting
    );
    let kinds = t.nonzero_summary();
    let full = format!("{counts} ({kinds})");
    if kinds.is_empty() || crate::text::width(&full) > width {
        counts
    } else {
        full
    }
}

/// `In flight (8): a b c and 5 more`: every id that fits in `width`, and
/// how many more there are.
pub fn in_flight_line(ids: &[String], width: usize) -> String {
    if ids.is_empty() {
        return "In flight (0)".into();
    }
    let mut line = format!("In flight ({}):", ids.len());
    for (i, id) in ids.iter().enumerate() {
        let left = ids.len() - i - 1;
        let more = if left > 0 {
            format!(" and {left} more")
        } else {
            String::new()
        };
        let id = &crate::text::clean(id);
        if crate::text::width(&line) + 1 + crate::text::width(id) + more.len() > width {
            line.push_str(&format!(" and {} more", ids.len() - i));
            break;
        }
        line.push(' ');
        line.push_str(id);
    }
    line
}

pub fn results(frame: &mut Frame, area: Rect, app: &App, run: &Run<BulkResult>, theme: Theme) {
    let title = match run.phase {
        RunPhase::Finished { cancelled: true } => "Bulk activation results (cancelled)",
        _ => "Bulk activation results",
    };
    let title = format!("{title}{}", run::shown_words(run.shown));
    let inner = frame_box(frame, viewport::big_box(area), &title, theme);
    if inner.height == 0 {
        return;
    }
    let [head, list] = viewport::bulk_results(area);
    run::summary(frame, head, run, theme);
    let head =
        |i: &RunItem<BulkResult>| format!("{:<24} {:<9} ", clip(&i.id, 24), clip(&i.label.kind, 9));
    let merchant = |i: &RunItem<BulkResult>| app.bulk_merchant(i);
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
