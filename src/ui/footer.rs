//! The status line (filter input, toasts, load errors) and the key hints,
//! which the key table gives for the current scope.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, Mode, ToastKind};

use super::format::clean;
use super::theme::Theme;

pub fn status_line(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if matches!(app.mode, Mode::Filter) {
        let prompt = "/";
        let width = area.width.saturating_sub(prompt.len() as u16 + 1) as usize;
        let scroll = app.list.filter_input.visual_scroll(width);
        let line = Line::from(vec![
            Span::styled(prompt, theme.key()),
            Span::raw(
                app.list
                    .filter_input
                    .value()
                    .chars()
                    .skip(scroll)
                    .collect::<String>(),
            ),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        let x = area.x
            + prompt.len() as u16
            + (app.list.filter_input.visual_cursor().saturating_sub(scroll)) as u16;
        if area.width > 0 && area.height > 0 && x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
        return;
    }
    let line = if let Some(t) = app.current_toast() {
        let style = match t.kind {
            ToastKind::Info => theme.ok(),
            ToastKind::Error => theme.error(),
        };
        // A toast wider than the line ends in `…`: its whole text is in
        // the messages.
        let text = super::format::clip(&clean(&t.text), usize::from(area.width));
        Line::from(Span::styled(text, style))
    } else if app.list.in_range() && app.in_list() {
        // The range's size while it is marked; its keys are in the footer.
        let rows = crate::text::count(app.list.range_len(), "row", "rows");
        Line::from(Span::styled(format!("range: {rows}"), theme.key()))
    } else if let Some(e) = app.list.load_error.as_ref().filter(|_| app.in_list()) {
        // Until a load succeeds, but only over the list it is about.
        Line::from(Span::styled(clean(e), theme.error()))
    } else if let Some(e) = app.list.filter.error() {
        Line::from(Span::styled(clean(&e), theme.error()))
    } else if let names @ [_, ..] = app.running_commands().as_slice() {
        let names: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        Line::from(Span::styled(
            format!("Running {}…", names.join(", ")),
            theme.dim(),
        ))
    } else if let Some(note) = app.exporting_note() {
        Line::from(Span::styled(clean(&note), theme.dim()))
    } else if app.is_loading() {
        Line::from(Span::styled(
            format!("Loading… {} so far.", app.total_len()),
            theme.dim(),
        ))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(line), area);
}

pub fn hint_line(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    // Under the filter input, what is wrong with it comes before the keys.
    if matches!(app.mode, Mode::Filter)
        && let Some(e) = app.list.filter.error()
    {
        frame.render_widget(Paragraph::new(Span::styled(e, theme.error())), area);
        return;
    }
    let mut spans = Vec::new();
    let mut used = 0usize;
    let room = usize::from(area.width);
    // The config's own commands come last, shown when they fit.
    let custom = crate::keys::custom_footer(&app.config.prefs.keys, app.scope());
    let hints: Vec<(String, std::borrow::Cow<'_, str>)> = app
        .footer()
        .into_iter()
        .map(|(k, w)| (k, w.into()))
        .chain(custom.into_iter().map(|(k, w)| (k, w.into())))
        .collect();
    let last = hints.len().saturating_sub(1);
    for (i, (key, what)) in hints.into_iter().enumerate() {
        let gap = if i > 0 { 2 } else { 0 };
        let hint = [
            Span::styled(key, theme.key()),
            Span::raw(" "),
            Span::styled(what, theme.dim()),
        ];
        let width: usize = gap + hint.iter().map(Span::width).sum::<usize>();
        // A hint is shown whole or not at all, so a key is never shown
        // without what it does; `…` says more keys are in `?`.
        let reserve = if i < last { 3 } else { 0 };
        if used + width + reserve > room {
            if used + 3 <= room || used == 0 {
                spans.push(Span::styled(
                    if used == 0 { "…" } else { "  …" },
                    theme.dim(),
                ));
            }
            break;
        }
        if gap > 0 {
            spans.push(Span::raw("  "));
        }
        spans.extend(hint);
        used += width;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
