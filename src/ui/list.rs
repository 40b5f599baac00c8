//! The title bar and the requests table. Rows are built only for the lines
//! on screen, so drawing costs the same for ten rows or a hundred thousand.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use crate::app::{App, viewport};
use crate::keys::{Intent, Scope};

use super::format::{age, clean, clip};
use super::theme::Theme;

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];

/// `intake · profile · host · PRODUCTION · READ-ONLY · DEMO · shown/total ·
/// marked · statuses · filter · sort`: where the console points comes first,
/// so a narrow window cuts the rest.
pub fn title_bar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let sep = Span::styled(" │ ", theme.bar());
    let safety = &app.config.safety;
    let mut spans = vec![
        Span::styled(
            " intake",
            theme.bar().add_modifier(ratatui::style::Modifier::BOLD),
        ),
        sep.clone(),
        Span::styled(clean(&app.config.profile), theme.bar()),
    ];
    if !safety.host.is_empty() {
        spans.push(sep.clone());
        spans.push(Span::styled(clean(&safety.host), theme.bar()));
    }
    if safety.production {
        spans.push(sep.clone());
        spans.push(Span::styled("PRODUCTION", theme.production()));
    }
    if safety.read_only.is_on() {
        spans.push(sep.clone());
        spans.push(Span::styled(
            "READ-ONLY",
            theme.bar().add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    if app.config.demo {
        spans.push(sep.clone());
        spans.push(Span::styled(
            "DEMO",
            theme.bar().add_modifier(ratatui::style::Modifier::BOLD),
        ));
    }
    spans.push(sep.clone());
    spans.push(Span::styled(
        format!("{}/{} shown", app.visible_len(), app.total_len()),
        theme.bar(),
    ));
    spans.push(sep.clone());
    spans.push(Span::styled(
        format!("{} marked", app.marked_len()),
        theme.bar(),
    ));
    spans.push(sep.clone());
    spans.push(Span::styled(
        if app.list.pending_only {
            "pending only"
        } else {
            "all statuses"
        },
        theme.bar(),
    ));
    if !app.list.filter_text.trim().is_empty() {
        spans.push(sep.clone());
        spans.push(Span::styled(
            format!("filter: {}", app.list.filter_text.trim()),
            theme.bar(),
        ));
    }
    spans.push(sep.clone());
    spans.push(Span::styled(
        format!(
            "sort: {} {}",
            app.list.sort.label(),
            if app.list.reverse { "↓" } else { "↑" }
        ),
        theme.bar(),
    ));
    if app.is_loading() {
        spans.push(sep);
        // Two ticks (80 ms) per spinner frame.
        let frame_no = ((app.ticks / 2) % SPINNER.len() as u64) as usize;
        spans.push(Span::styled(
            format!("{} loading", SPINNER[frame_no]),
            theme.bar(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.bar()), area);
}

pub fn table(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Integration requests ");
    frame.render_widget(block, area);
    // First inner line is the column header.
    let (inner, body) = viewport::table_areas(area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    // Update keeps the offset for this height; computing it again only
    // matters for a frame drawn at a size update has not seen.
    let len = app.list.visible.len();
    let height = usize::from(body.height);
    let start = viewport::window_start(app.list.offset, app.list.cursor, len, height);
    let window = start..(start + height).min(len);

    if app.list.visible.is_empty() {
        frame.render_widget(header_table(theme, Vec::new()), inner);
        let text = empty_text(app);
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            Rect {
                y: body.y + body.height / 3,
                height: body.height - body.height / 3,
                ..body
            },
        );
        return;
    }

    let now = app.now;
    let cursor = app.list.cursor;
    let merchant_w = merchant_width(inner.width);
    let mut rows = Vec::with_capacity(window.len());
    for pos in window {
        let Some(r) = app.visible_request(pos) else {
            continue;
        };
        let marked = app.list.marks.contains(&r.id);
        let busy = app.saving.contains(&r.id) || app.activating.contains(&r.id);
        let marker = format!(
            "{}{}{}",
            if pos == cursor { '>' } else { ' ' },
            if marked { '*' } else { ' ' },
            if busy { '~' } else { ' ' }
        );
        let terminal = if app.saving.contains(&r.id) {
            "saving…".to_string()
        } else {
            r.effective_terminal_id().unwrap_or("-").to_string()
        };
        let mut row = Row::new(vec![
            Cell::from(marker).style(if marked {
                theme.marked()
            } else {
                Default::default()
            }),
            Cell::from(r.status.as_str().to_string()).style(theme.status(&r.status)),
            Cell::from(r.kind.as_str().to_string()),
            Cell::from(match app.merchant(&r.merchant_id) {
                Some(m) => merchant_line(&m.name, m.test, &r.merchant_id, merchant_w, theme),
                None => Line::raw(r.merchant_id.clone()),
            }),
            Cell::from(r.account_id.clone()),
            Cell::from(terminal),
            Cell::from(
                r.created_at
                    .map_or_else(|| "-".to_string(), |t| age(now, t)),
            ),
        ]);
        if pos == cursor {
            row = row.style(theme.selected());
        }
        rows.push(row);
    }
    frame.render_widget(header_table(theme, rows), inner);
}

/// The merchant column's width in a table `width` wide, as the table
/// itself will lay it out.
fn merchant_width(width: u16) -> usize {
    Layout::horizontal(widths())
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .get(3)
        .map_or(0, |r| usize::from(r.width))
}

/// `Name TEST · 5ee0c4…` in `width` columns. When that does not fit, the
/// name is cut while it keeps 16 columns; narrower, the id part goes, then
/// the TEST tag.
pub fn merchant_line(
    name: &str,
    test: bool,
    id: &str,
    width: usize,
    theme: Theme,
) -> Line<'static> {
    let name = clean(name);
    let tag = if test { " TEST" } else { "" };
    let short_id: String = id.chars().take(6).collect();
    let id_part = if id.chars().count() > 6 {
        format!(" · {short_id}…")
    } else {
        format!(" · {id}")
    };
    let name_len = name.chars().count();
    let tag_len = tag.chars().count();
    let id_len = id_part.chars().count();
    let room = width.saturating_sub(tag_len + id_len);
    let mut spans = Vec::with_capacity(3);
    // The id part only when the name keeps a fair share; else the name (the
    // detail pane has the id).
    if room >= name_len || room >= 16 {
        spans.push(Span::raw(clip(&name, room)));
        spans.push(Span::styled(tag, theme.warn()));
        spans.push(Span::styled(id_part, theme.dim()));
    } else if width.saturating_sub(tag_len) >= name_len.min(8) {
        spans.push(Span::raw(clip(&name, width.saturating_sub(tag_len))));
        spans.push(Span::styled(tag, theme.warn()));
    } else {
        spans.push(Span::raw(clip(&name, width)));
    }
    Line::from(spans)
}

fn widths() -> [Constraint; 7] {
    [
        Constraint::Length(3),
        Constraint::Length(9),
        Constraint::Length(8),
        Constraint::Min(12),
        Constraint::Min(12),
        Constraint::Length(12),
        Constraint::Length(4),
    ]
}

fn header_table<'a>(theme: Theme, rows: Vec<Row<'a>>) -> Table<'a> {
    let header = Row::new(vec![
        "",
        "status",
        "type",
        // Name · id when the name is known (sorting is by the id).
        "merchant",
        "accountId",
        "terminalId",
        "age",
    ])
    .style(theme.table_header());
    Table::new(rows, widths()).header(header).column_spacing(1)
}

fn empty_text(app: &App) -> String {
    if app.is_loading() && app.total_len() == 0 {
        "Loading integration requests…".into()
    } else if !app.list.filter.is_empty() {
        let mut text = format!(
            "No requests match `{}`. Press {} to clear the filter.",
            app.list.filter_text.trim(),
            app.keys_label(Scope::List, &[Intent::ClearFilter], "Esc")
        );
        if let Some(n) = app.list.others_matching().filter(|&n| n > 0) {
            text.push_str(&format!(
                "\n{n} more in other statuses; press {} to show them.",
                app.keys_label(Scope::List, &[Intent::TogglePending], "p")
            ));
        }
        text
    } else if app.list.load_error.is_some() && app.total_len() == 0 {
        format!(
            "Nothing loaded. Press {} to try again.",
            app.keys_label(Scope::List, &[Intent::Refresh], "r")
        )
    } else if app.list.pending_only {
        format!(
            "No pending integration requests. Press {} to show every status.",
            app.keys_label(Scope::List, &[Intent::TogglePending], "p")
        )
    } else {
        "No integration requests.".into()
    }
}
