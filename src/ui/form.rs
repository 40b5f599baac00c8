//! The terminalId form: a one-line input, its validation error right under
//! it, and what Enter will do.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::api::Status;
use crate::app::{Form, FormThen};

use super::dialog::{centered, frame_box};
use super::prompt::{field_cursor, field_value, selection_hint};
use super::theme::Theme;

/// `merchant` is the request's merchant as the list names it.
pub fn form(frame: &mut Frame, area: Rect, form: &Form, merchant: &str, theme: Theme) {
    let title = match &form.then {
        FormThen::Bulk(entry) => format!("Set terminalId ({} of {})", entry.step.0, entry.step.1),
        _ => "Set terminalId".to_string(),
    };
    let outer = centered(area, 64, 9);
    let inner = frame_box(frame, outer, &title, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let about = Line::from(vec![
        Span::styled(format!("{} ", form.kind), theme.bold()),
        Span::raw(format!(
            "{}  merchant {}",
            form.id,
            super::format::clean(merchant)
        )),
    ]);
    let label = "terminalId: ";
    let field_w = inner.width.saturating_sub(label.len() as u16 + 1) as usize;
    let input = Line::from(vec![
        Span::styled(label, theme.label()),
        field_value(&form.input, field_w, theme),
    ]);
    let error = match &form.error {
        Some(e) => Line::from(Span::styled(e.clone(), theme.error())),
        None => selection_hint(&form.input, theme),
    };
    let after = match form.then {
        FormThen::Save => "Enter saves it; Esc cancels.",
        FormThen::Activate => "Enter saves it and then activates the request; Esc cancels.",
        FormThen::Bulk(_) => "Enter saves it and moves on; Esc skips this request.",
    };
    // Said before typing, not only at the confirm after it.
    let status = if form.status == Status::Pending {
        Line::default()
    } else {
        Line::from(Span::styled(
            format!(
                "This request is {}; saving asks first.",
                super::format::clean(&form.status.to_string())
            ),
            theme.warn(),
        ))
    };
    let lines = vec![
        about,
        status,
        input,
        error,
        Line::default(),
        Line::from(Span::styled(after, theme.dim())),
    ];
    frame.render_widget(
        Paragraph::new(super::format::shown(lines)).wrap(Wrap { trim: false }),
        inner,
    );
    if inner.height > 2 {
        let x = inner.x + label.len() as u16 + field_cursor(&form.input, field_w);
        if x < inner.right() {
            frame.set_cursor_position(Position::new(x, inner.y + 2));
        }
    }
}
