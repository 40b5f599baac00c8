//! The detail pane: every field of the request under the cursor, and what
//! it still needs before it can be activated.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::api::IntegrationRequest;
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
    let fields = Fields {
        app,
        theme,
        compact,
        value_width,
    };
    let mut lines = fields.lines(r);
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

/// How the pane lays out one request's fields at its size.
struct Fields<'a> {
    app: &'a App,
    theme: Theme,
    compact: bool,
    value_width: usize,
}

impl Fields<'_> {
    fn lines(&self, r: &IntegrationRequest) -> Vec<Line<'static>> {
        let dash = || "-".to_string();
        let mut lines = vec![
            self.field("id", r.id.clone()),
            self.status(r),
            self.field("type", r.kind.to_string()),
            self.needs(r),
            self.field("merchantId", r.merchant_id.clone()),
            self.field("accountId", r.account_id.clone()),
            self.field(
                "terminalId",
                r.effective_terminal_id().map_or_else(dash, str::to_string),
            ),
            self.field("deviceId", r.device_id().map_or_else(dash, str::to_string)),
            self.field(
                "product",
                r.product_name().map_or_else(dash, str::to_string),
            ),
            self.field("created", self.when(r.created_at)),
            self.field("updated", self.when(r.updated_at)),
            self.field("created by", r.created_by.clone().unwrap_or_else(dash)),
            self.field("updated by", r.updated_by.clone().unwrap_or_else(dash)),
        ];
        lines.extend(self.since_last_look(r));
        if let Some(name) = self.merchant(r) {
            lines.insert(4, name);
        }
        lines
    }

    fn field(&self, label: &'static str, value: String) -> Line<'static> {
        Line::from(vec![
            Span::styled(format!("{label:<12}"), self.theme.label()),
            Span::raw(clip(&clean(&value), self.value_width)),
        ])
    }

    /// A timestamp the server left out shows as `-`, as every missing field.
    fn when(&self, t: Option<DateTime<Utc>>) -> String {
        let Some(t) = t else {
            return "-".to_string();
        };
        let local = if self.compact {
            local_short(t, self.app.config.tz)
        } else {
            local(t, self.app.config.tz)
        };
        format!("{local} ({} ago)", age(self.app.now, t))
    }

    fn status(&self, r: &IntegrationRequest) -> Line<'static> {
        let theme = self.theme;
        let mut status = vec![
            Span::styled(format!("{:<12}", "status"), theme.label()),
            Span::styled(r.status.to_string(), theme.status(&r.status)),
        ];
        if self.app.saving.contains(&r.id) {
            status.push(Span::raw("  (saving terminalId…)"));
        } else if self.app.activating.contains(&r.id) {
            status.push(Span::raw("  (activating…)"));
        }
        Line::from(status)
    }

    /// What the request still needs before it can be activated.
    fn needs(&self, r: &IntegrationRequest) -> Line<'static> {
        let warning = crate::domain::readiness::warning(r);
        let style = match (crate::domain::readiness::blocker(r), warning) {
            (None, None) => self.theme.ok(),
            _ => self.theme.warn(),
        };
        let needs_text = match warning {
            Some(w) => format!("{} · {w}", crate::domain::readiness::text(r)),
            None => crate::domain::readiness::text(r),
        };
        Line::from(vec![
            Span::styled(format!("{:<12}", "needs"), self.theme.label()),
            Span::styled(clip(&needs_text, self.value_width), style),
        ])
    }

    /// Someone else's change since the last look: what, then who and when.
    fn since_last_look(&self, r: &IntegrationRequest) -> Vec<Line<'static>> {
        let app = self.app;
        if let Some(c) = app.change_of(&r.id) {
            let by = c.by.as_deref().unwrap_or("someone");
            let when =
                c.at.map_or_else(String::new, |t| format!(", {} ago", age(app.now, t)));
            vec![
                self.field("changed", c.what.clone()),
                self.field("changed by", format!("{by}{when}")),
            ]
        } else if app.is_new(&r.id) {
            vec![self.field("new", "since the last look".into())]
        } else {
            Vec::new()
        }
    }

    fn merchant(&self, r: &IntegrationRequest) -> Option<Line<'static>> {
        let m = self.app.merchant(&r.merchant_id)?;
        let mut name = vec![
            Span::styled(format!("{:<12}", "merchant"), self.theme.label()),
            Span::raw(clip(&clean(&m.name), self.value_width.saturating_sub(5))),
        ];
        if m.test {
            name.push(Span::styled(" TEST", self.theme.warn()));
        }
        Some(Line::from(name))
    }
}
