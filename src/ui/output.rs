//! The output panel (`o`): the last runs of the operator's commands,
//! newest first, each with its status, time taken and output (stderr
//! marked), drawn in the message log's box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, OutputKind, output_area, output_lines, viewport};

use super::dialog::frame_box;
use super::theme::Theme;

pub fn overlay(frame: &mut Frame, body: Rect, app: &App, scroll: usize, theme: Theme) {
    // The footer names the keys; the title stays short enough for 40 columns.
    let title = match app.runs().shown_command() {
        Some(run) => format!("Command run {}", run.number),
        None => "Command output, newest first".to_string(),
    };
    let inner = frame_box(frame, viewport::big_box(body), &title, theme);
    debug_assert_eq!(inner, output_area(body));
    let lines = output_lines(app, inner.width);
    if lines.is_empty() {
        let help = app.keys_label(crate::keys::Scope::List, &[crate::keys::Intent::Help], "?");
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!("No command has run yet; your commands are in `{help}`."),
                theme.dim(),
            )),
            inner,
        );
        return;
    }
    // Update holds `scroll` where the last lines just fill the view.
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .map(|l| {
            let style = match l.kind {
                OutputKind::Head => theme.ok(),
                OutputKind::Failed | OutputKind::Stderr => theme.error(),
                OutputKind::Stdout | OutputKind::Blank => ratatui::style::Style::default(),
            };
            Line::from(Span::styled(l.text, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
