//! Centered dialogs: single activation, bulk activation and quit confirms.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::api::Status;
use crate::app::{App, Overwrite, TypedCount};
use crate::keys::{Intent, KeyMap, Scope};

use super::theme::Theme;

pub use crate::app::viewport::centered;

mod bulk;
mod fit;
pub use bulk::bulk_confirm;

/// Clear a box, draw its border and title, and return its inside.
/// The title is cut with `…` to leave its corner and at least one `─`
/// after it.
pub fn frame_box(frame: &mut Frame, area: Rect, title: &str, theme: Theme) -> Rect {
    frame.render_widget(Clear, area);
    // Two corners, a space each side, one `─`.
    let room = usize::from(area.width).saturating_sub(5);
    let title = super::format::clip(title, room);
    let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.bold()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// A dialog `width` wide and as tall as its `lines`, centred in `area`,
/// its lines wrapped; returns its inside.
pub fn sized_dialog(
    frame: &mut Frame,
    area: Rect,
    width: u16,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) -> Rect {
    let inner = frame_box(
        frame,
        centered(area, width, lines.len() as u16 + 2),
        title,
        theme,
    );
    frame.render_widget(
        Paragraph::new(super::format::shown(lines)).wrap(Wrap { trim: false }),
        inner,
    );
    inner
}

/// How a dialog names the keys of `intents` in `scope`: `default` unless
/// the operator remapped them.
pub fn key(keys: &KeyMap, scope: Scope, intents: &[Intent], default: &str) -> String {
    keys.label(scope, intents, default, true)
}

pub fn keys_line(theme: Theme, keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, (k, what)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("   "));
        }
        spans.push(Span::styled(format!("[{k}]"), theme.key()));
        spans.push(Span::raw(format!(" {what}")));
    }
    Line::from(spans)
}

/// The question before one of the config's commands (`confirm = true`).
pub fn custom_confirm(frame: &mut Frame, area: Rect, app: &App, question: String, theme: Theme) {
    let lines = vec![
        Line::from(Span::styled(question, theme.bold())),
        Line::default(),
        footer_keys(app, theme),
    ];
    sized_dialog(frame, area, 60, "Your command", lines, theme);
}

/// The keys of the question on screen as its footer names them: one table
/// row says what the yes does there, so the dialog and the footer agree.
fn footer_keys(app: &App, theme: Theme) -> Line<'static> {
    let footer = app.footer();
    let keys: Vec<(&str, &str)> = footer.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    keys_line(theme, &keys)
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, id: &str, theme: Theme) {
    let Some(r) = app.request(id) else {
        // A reload dropped it; y still sends, so say what it would act on.
        let lines = vec![
            Line::from(Span::styled(format!("Activate {id}?"), theme.bold())),
            Line::from("It is no longer in the loaded list."),
            Line::default(),
            footer_keys(app, theme),
        ];
        let inner = frame_box(frame, centered(area, 60, 6), "Activate", theme);
        frame.render_widget(Paragraph::new(super::format::shown(lines)), inner);
        return;
    };
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("  {label:<12}"), theme.label()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        Line::from(Span::styled(
            format!("Activate this {} integration request?", r.kind),
            theme.bold(),
        )),
        Line::default(),
        field("id", r.id.clone()),
        field("type", r.kind.to_string()),
    ];
    if let Some(m) = app.merchant(&r.merchant_id) {
        let tag = if m.test { " (TEST)" } else { "" };
        lines.push(field(
            "merchant",
            format!("{}{tag}", super::format::clean(&m.name)),
        ));
    }
    lines.extend([
        field("merchantId", r.merchant_id.clone()),
        field(
            "terminalId",
            r.effective_terminal_id().unwrap_or("-").to_string(),
        ),
        Line::default(),
        footer_keys(app, theme),
    ]);
    let inner = frame_box(
        frame,
        centered(area, 60, lines.len() as u16 + 2),
        "Activate",
        theme,
    );
    frame.render_widget(Paragraph::new(super::format::shown(lines)), inner);
}

const COUNT_LABEL: &str = "  count: ";

/// The typed count production asks for: what to type, the field and its
/// error. Returns the field's row, for [`count_cursor`].
pub(super) fn push_typed_count(
    lines: &mut Vec<Line<'static>>,
    n: usize,
    to: &str,
    typed: &TypedCount,
    theme: Theme,
) -> usize {
    lines.push(Line::from(Span::styled(
        format!("PRODUCTION: type {n} (the number of requests) to {to}."),
        theme.error(),
    )));
    let row = lines.len();
    lines.push(Line::from(vec![
        Span::styled(COUNT_LABEL, theme.label()),
        Span::styled(typed.input.clone(), theme.bold()),
    ]));
    if let Some(e) = &typed.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    row
}

/// The cursor at the end of the typed count drawn at `row` of `inner`.
pub(super) fn count_cursor(frame: &mut Frame, inner: Rect, row: usize, typed: &TypedCount) {
    let x = inner.x + (COUNT_LABEL.len() + typed.input.chars().count()) as u16;
    let y = inner.y + row as u16;
    if x < inner.right() && y < inner.bottom() {
        frame.set_cursor_position(Position::new(x, y));
    }
}

/// `old → new` before a terminalId is replaced or a request that is not
/// pending is changed.
pub fn overwrite(
    frame: &mut Frame,
    area: Rect,
    ow: &Overwrite,
    merchant: &str,
    keys: &KeyMap,
    theme: Theme,
) {
    let form = &ow.form;
    let question = if ow.status != Status::Pending {
        format!(
            "This request is {}. Change its terminalId anyway?",
            super::format::clean(&ow.status.to_string())
        )
    } else {
        "This request already has a terminalId. Replace it?".to_string()
    };
    let lines = vec![
        Line::from(Span::styled(question, theme.bold())),
        Line::default(),
        Line::from(vec![
            Span::styled("  terminalId  ", theme.label()),
            Span::styled(ow.change(), theme.bold()),
        ]),
        Line::from(vec![
            Span::styled("  request     ", theme.label()),
            Span::raw(format!("{} {}", form.kind, form.id)),
        ]),
        Line::from(vec![
            Span::styled("  merchant    ", theme.label()),
            Span::raw(super::format::clean(merchant)),
        ]),
        Line::default(),
        keys_line(
            theme,
            &[
                (
                    &key(keys, Scope::Overwrite, &[Intent::Confirm], "y/Enter"),
                    "yes, change it",
                ),
                (
                    &key(keys, Scope::Overwrite, &[Intent::Cancel], "n/Esc"),
                    "back to the form",
                ),
            ],
        ),
    ];
    sized_dialog(frame, area, 64, "Change terminalId?", lines, theme);
}

pub fn quit_confirm(frame: &mut Frame, area: Rect, app: &crate::app::App, theme: Theme) {
    let keys = &app.config.prefs.keys;
    let what = app.running_run().unwrap_or("a run");
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "{} is still running. Quit anyway?",
                crate::text::capitalised(what)
            ),
            theme.bold(),
        )),
        Line::from("Calls already sent may still complete on the server."),
    ];
    if let Some(finish) = app.finish_hint() {
        lines.push(Line::from(finish));
    }
    lines.push(Line::default());
    lines.push(keys_line(
        theme,
        &[
            (
                &key(keys, Scope::QuitConfirm, &[Intent::Confirm], "y"),
                "quit",
            ),
            (
                &key(keys, Scope::QuitConfirm, &[Intent::Cancel], "n/Esc"),
                "stay",
            ),
        ],
    ));
    sized_dialog(frame, area, 64, "Quit?", lines, theme);
}
