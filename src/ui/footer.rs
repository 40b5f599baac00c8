//! The status line (filter input, toasts, load errors) and the key hints,
//! which follow the mode.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::{App, FormThen, ImportStage, Mode, PromptKind, ToastKind};

use super::theme::Theme;

pub fn status_line(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    if matches!(app.mode, Mode::Filter) {
        let prompt = "/";
        let width = area.width.saturating_sub(prompt.len() as u16 + 1) as usize;
        let scroll = app.filter_input.visual_scroll(width);
        let line = Line::from(vec![
            Span::styled(prompt, theme.key()),
            Span::raw(
                app.filter_input
                    .value()
                    .chars()
                    .skip(scroll)
                    .collect::<String>(),
            ),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        let x = area.x
            + prompt.len() as u16
            + (app.filter_input.visual_cursor().saturating_sub(scroll)) as u16;
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
        Line::from(Span::styled(t.text.clone(), style))
    } else if let Some(e) = &app.load_error {
        Line::from(Span::styled(e.clone(), theme.error()))
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

pub fn hints(app: &App) -> &'static [(&'static str, &'static str)] {
    if app.quit_confirm {
        return &[("y", "quit"), ("n/Esc", "stay")];
    }
    let read_only = app.config.safety.read_only.is_on();
    match &app.mode {
        // Read-only: the keys that change something are not offered.
        Mode::List if read_only => &[
            ("j/k", "move"),
            ("/", "filter"),
            ("space", "mark"),
            ("?", "help"),
            ("q", "quit"),
            ("p", "pending/all"),
            ("s/S", "sort"),
            ("r", "reload"),
            ("e", "export"),
            ("i", "preview import"),
        ],
        Mode::List => &[
            ("j/k", "move"),
            ("/", "filter"),
            ("a", "activate"),
            ("t", "terminalId"),
            ("space", "mark"),
            ("A", "bulk"),
            // Help and quit early: at 80 columns the line is cut after them.
            ("?", "help"),
            ("q", "quit"),
            ("p", "pending/all"),
            ("s/S", "sort"),
            ("r", "reload"),
            ("e", "export"),
            ("i", "import"),
        ],
        Mode::Filter => &[
            ("Enter", "keep filter"),
            ("Esc", "clear"),
            (
                "type: status: merchant: account: id: terminal:",
                "one field",
            ),
        ],
        Mode::Help { .. } => &[("j/k", "scroll"), ("Esc/?", "close")],
        Mode::Form(f) => match f.then {
            FormThen::Bulk(_) => &[("Enter", "save and next"), ("Esc", "skip this one")],
            FormThen::Activate => &[("Enter", "save and activate"), ("Esc", "cancel")],
            FormThen::Save => &[("Enter", "save"), ("Esc", "cancel")],
        },
        Mode::Overwrite(_) => &[("y/Enter", "yes, change it"), ("n/Esc", "back to the form")],
        Mode::Confirm { .. } => &[("y/Enter", "activate"), ("n/Esc", "cancel")],
        Mode::BulkConfirm(plan) if plan.typed.is_some() && plan.missing_terminal.is_empty() => &[
            ("0-9", "type the count"),
            ("Enter", "run"),
            ("Esc", "cancel"),
        ],
        Mode::BulkConfirm(plan) if plan.typed.is_some() => &[
            ("0-9", "type the count"),
            ("Enter", "run"),
            ("e", "enter missing terminalIds"),
            ("Esc", "cancel"),
        ],
        Mode::BulkConfirm(_) => &[
            ("Enter/y", "run"),
            ("e", "enter missing terminalIds"),
            ("Esc", "cancel"),
        ],
        Mode::Prompt(p) => match p.kind {
            PromptKind::Export => &[("Enter", "export"), ("Esc", "cancel")],
            PromptKind::Import => &[("Enter", "preview"), ("Esc", "cancel")],
        },
        Mode::Import => match app.import.as_ref().map(|r| &r.stage) {
            Some(ImportStage::Preview) if read_only => &[("j/k", "scroll"), ("Esc", "close")],
            Some(ImportStage::Preview)
                if app.import.as_ref().is_some_and(|r| r.typed.is_some()) =>
            {
                &[
                    ("0-9", "type the count"),
                    ("Enter", "set and activate"),
                    ("Esc", "back to the preview"),
                ]
            }
            Some(ImportStage::Preview) => &[
                ("y/Enter", "set terminalIds"),
                ("a", "set and activate"),
                ("j/k", "scroll"),
                ("Esc", "cancel"),
            ],
            Some(ImportStage::Sending(run)) if run.is_running() => &[("Esc", "cancel run")],
            Some(ImportStage::Sending(_)) => &[("j/k", "scroll"), ("Esc/Enter/q", "close")],
            Some(ImportStage::Planning) | None => &[("Esc", "cancel")],
        },
        Mode::Bulk => match app.bulk.as_ref().map(|r| r.is_running()) {
            Some(false) | None => &[
                ("R", "retry failed"),
                ("j/k", "scroll"),
                ("Esc/Enter/q", "close"),
            ],
            Some(true) => &[("Esc", "cancel run"), ("q", "quit")],
        },
    }
}

pub fn hint_line(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let mut spans = Vec::new();
    for (i, (key, what)) in hints(app).iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            crate::app::relabel(key, &app.config.prefs.keys, true),
            theme.key(),
        ));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(*what, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
