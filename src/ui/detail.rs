//! The detail pane: every field of the request under the cursor, and what
//! it still needs before it can be activated.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::App;

use super::format::{age, clean, clip, local, local_short};
use super::theme::Theme;

pub fn pane(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let block = Block::new().borders(Borders::ALL).title(" Detail ");
    let Some(r) = app.cursor_request() else {
        frame.render_widget(
            Paragraph::new("No request selected.")
                .style(theme.dim())
                .block(block),
            area,
        );
        return;
    };
    let inner = block.inner(area);
    let compact = inner.height < 13 && inner.width >= 76;
    // In two columns a long value (a CRN) ends in … rather than mid-word.
    // Every value ends in … where it is cut, however wide the pane.
    let value_width = if compact {
        usize::from(inner.width / 2).saturating_sub(12)
    } else {
        usize::from(inner.width).saturating_sub(12)
    };
    let field = |label: &'static str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<12}"), theme.label()),
            Span::raw(clip(&clean(&value), value_width)),
        ])
    };
    let warning = crate::ops::readiness::warning(r);
    let style = match (crate::ops::readiness::blocker(r), warning) {
        (None, None) => theme.ok(),
        _ => theme.warn(),
    };
    let needs_text = match warning {
        Some(w) => format!("{} · {w}", crate::ops::readiness::text(r)),
        None => crate::ops::readiness::text(r),
    };
    let needs = Span::styled(clip(&needs_text, value_width), style);
    // A timestamp the server left out shows as `-`, as every missing field.
    let when = |t: Option<_>| {
        let Some(t) = t else {
            return "-".to_string();
        };
        let local = if compact {
            local_short(t, app.config.tz)
        } else {
            local(t, app.config.tz)
        };
        format!("{local} ({} ago)", age(app.now, t))
    };
    let dash = || "-".to_string();
    let mut status = vec![
        Span::styled(format!("{:<12}", "status"), theme.label()),
        Span::styled(r.status.to_string(), theme.status(&r.status)),
    ];
    if app.saving.contains(&r.id) {
        status.push(Span::raw("  (saving terminalId…)"));
    } else if app.activating.contains(&r.id) {
        status.push(Span::raw("  (activating…)"));
    }
    let mut lines = vec![
        field("id", r.id.clone()),
        Line::from(status),
        field("type", r.kind.to_string()),
        Line::from(vec![
            Span::styled(format!("{:<12}", "needs"), theme.label()),
            needs,
        ]),
        field("merchantId", r.merchant_id.clone()),
        field("accountId", r.account_id.clone()),
        field(
            "terminalId",
            r.effective_terminal_id().map_or_else(dash, str::to_string),
        ),
        field("deviceId", r.device_id().map_or_else(dash, str::to_string)),
        field(
            "product",
            r.product_name().map_or_else(dash, str::to_string),
        ),
        field("created", when(r.created_at)),
        field("updated", when(r.updated_at)),
        field("created by", r.created_by.clone().unwrap_or_else(dash)),
        field("updated by", r.updated_by.clone().unwrap_or_else(dash)),
    ];
    // Someone else's change since the last look: what, then who and when.
    if let Some(c) = app.change_of(&r.id) {
        let by = c.by.as_deref().unwrap_or("someone");
        let when =
            c.at.map_or_else(String::new, |t| format!(", {} ago", age(app.now, t)));
        lines.push(field("changed", c.what.clone()));
        lines.push(field("changed by", format!("{by}{when}")));
    } else if app.is_new(&r.id) {
        lines.push(field("new", "since the last look".into()));
    }
    if let Some(m) = app.merchant(&r.merchant_id) {
        let mut name = vec![
            Span::styled(format!("{:<12}", "merchant"), theme.label()),
            Span::raw(clip(&clean(&m.name), value_width.saturating_sub(5))),
        ];
        if m.test {
            name.push(Span::styled(" TEST", theme.warn()));
        }
        lines.insert(4, Line::from(name));
    }
    frame.render_widget(block, area);
    // Below a narrow list there are few lines but a wide pane: two columns,
    // so every field still shows at 80x24.
    if compact {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(inner);
        let rest = lines.split_off(7);
        frame.render_widget(Paragraph::new(lines), left);
        frame.render_widget(Paragraph::new(rest), right);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
