//! The runs panel (`H`): this session's runs, newest first, one line each
//! with its number, start time (the console's zone), status, what it was
//! and its counts; the selected one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, RunRow, RunStatus, viewport};
use crate::keys::{Intent, Scope};

use super::dialog::frame_box;
use super::format::{clean, clip};
use super::theme::Theme;

/// `>   # time      status     ` before what a run was: the selection
/// mark has its own column, clear of a run's number.
const HEAD: usize = 6 + 10 + 11;

pub fn overlay(frame: &mut Frame, body: Rect, app: &App, selected: usize, theme: Theme) {
    // The footer names the keys; the title stays short enough for 40 columns.
    let inner = frame_box(frame, viewport::big_box(body), "Runs, newest first", theme);
    let rows = app.run_rows();
    if rows.is_empty() {
        let bulk = app.keys_label(Scope::List, &[Intent::BulkActivate], "A");
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("No run yet this session; a bulk run ({bulk}), an import or a command is kept here with its results."),
                theme.dim(),
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let what_w = (width.saturating_sub(HEAD) * 2 / 5).max(12);
    let header = format!(
        "  {:>3} {:<9} {:<10} {:<what_w$} counts",
        "#", "time", "status", "what"
    );
    let mut lines = vec![Line::from(Span::styled(
        clip(&header, width),
        theme.table_header(),
    ))];
    let height = usize::from(inner.height).saturating_sub(1).max(1);
    // The selected row stays in view.
    let skip = selected.saturating_sub(height - 1);
    for (i, row) in rows.iter().enumerate().skip(skip).take(height) {
        let style = if i == selected {
            theme.selected()
        } else {
            status_style(row.status, theme)
        };
        lines.push(Line::from(Span::styled(
            clip(&line(app, row, what_w, i == selected), width),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One run's line: what it was is its operator's text (a path, a
/// command's name), shown cleaned.
/// `selected` is marked as the list marks its cursor, for screens without
/// colour.
fn line(app: &App, row: &RunRow, what_w: usize, selected: bool) -> String {
    let at = row
        .started
        .with_timezone(&app.config().tz)
        .format("%H:%M:%S")
        .to_string();
    let mark = if selected { '>' } else { ' ' };
    format!(
        "{mark} {:>3} {at:<9} {:<10} {:<what_w$} {}",
        row.number,
        row.status.word(),
        clip(&clean(&row.what), what_w),
        clean(&row.counts),
    )
}

fn status_style(status: RunStatus, theme: Theme) -> Style {
    match status {
        RunStatus::Running => theme.warn(),
        RunStatus::Done => Style::default(),
        RunStatus::Cancelled => theme.dim(),
    }
}
