//! The requests table. Rows are built only for the lines on screen, so
//! drawing costs the same for ten rows or a hundred thousand; the columns
//! fit the width as `columns` says.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use crate::api::IntegrationRequest;
use crate::app::{App, ColumnState, SortKey, viewport};
use crate::keys::{Intent, Scope};

use super::columns::{self, Col, Wants, cell, title};
use super::format::{age, clean, clip};
use super::theme::Theme;
use crate::text;

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
        let cols = columns::fit(usize::from(inner.width), wants(app, &[]), view_columns(app));
        frame.render_widget(header_table(app, theme, &cols, Vec::new()), inner);
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

    let rows: Vec<&IntegrationRequest> =
        window.filter_map(|pos| app.visible_request(pos)).collect();
    let cols = columns::fit(
        usize::from(inner.width),
        wants(app, &rows),
        view_columns(app),
    );
    let mut table_rows = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let pos = start + i;
        let marked = app.list.marks.contains(&r.id);
        let busy = app.saving.contains(&r.id) || app.activating.contains(&r.id);
        let cells = cols.iter().map(|&(col, w)| match col {
            Col::Marker => Cell::from(format!(
                "{}{}{}",
                cursor_mark(app, pos),
                if marked { '*' } else { ' ' },
                live_mark(app, r, busy)
            ))
            .style(if marked {
                theme.marked()
            } else if app.is_new(&r.id) || app.change_of(&r.id).is_some() {
                theme.live()
            } else {
                Default::default()
            }),
            Col::Status => {
                Cell::from(cell(&clean(r.status.as_str()), w)).style(theme.status(&r.status))
            }
            Col::Kind => Cell::from(cell(&clean(r.kind.as_str()), w)),
            Col::Merchant => Cell::from(match app.merchant(&r.merchant_id) {
                Some(m) => merchant_line(&m.name, m.test, &r.merchant_id, w, theme),
                None => Line::raw(cell(&clean(&r.merchant_id), w)),
            }),
            Col::Account => Cell::from(cell(&clean(&r.account_id), w)),
            // As wide as the widest terminalId shown, so never cut.
            Col::Terminal => Cell::from(terminal_text(app, r)),
            Col::Age => Cell::from(cell(&age_text(app, r), w)).style(if over_sla(app, r) {
                theme.sla()
            } else {
                Default::default()
            }),
        });
        let mut row = Row::new(cells.collect::<Vec<_>>());
        if pos == app.list.cursor {
            row = row.style(theme.selected());
        } else if in_range(app, pos) {
            row = row.style(theme.range());
        }
        table_rows.push(row);
    }
    frame.render_widget(header_table(app, theme, &cols, table_rows), inner);
}

/// The marker column's first character: `>` on the cursor, `·` on the
/// other rows of a range being marked.
fn cursor_mark(app: &App, pos: usize) -> char {
    if pos == app.list.cursor {
        '>'
    } else if in_range(app, pos) {
        '·'
    } else {
        ' '
    }
}

fn in_range(app: &App, pos: usize) -> bool {
    app.list
        .range_span()
        .is_some_and(|(lo, hi)| (lo..=hi).contains(&pos))
}

/// The marker column's last character: `~` while this console changes the
/// row, else `+` for a row new since the last look and `±` for one someone
/// else changed, until the cursor has been on it.
fn live_mark(app: &App, r: &IntegrationRequest, busy: bool) -> char {
    if busy {
        '~'
    } else if app.is_new(&r.id) {
        '+'
    } else if app.change_of(&r.id).is_some() {
        '±'
    } else {
        ' '
    }
}

fn terminal_text(app: &App, r: &IntegrationRequest) -> String {
    if app.saving.contains(&r.id) {
        "saving…".to_string()
    } else {
        clean(r.effective_terminal_id().unwrap_or("-"))
    }
}

/// The age, with `!` beside it once the request is over SLA, so the mark
/// shows without colour too.
fn age_text(app: &App, r: &IntegrationRequest) -> String {
    let age = r
        .created_at
        .map_or_else(|| "-".to_string(), |t| age(app.now, t));
    if over_sla(app, r) {
        format!("{age} !")
    } else {
        age
    }
}

fn over_sla(app: &App, r: &IntegrationRequest) -> bool {
    app.backlog.is_over_sla(r, app.config.sla_days)
}

/// The current saved view's columns, in its order.
fn view_columns(app: &App) -> &[(SortKey, ColumnState)] {
    app.views().columns().columns()
}

/// The table's columns with the rows on screen now (what the column
/// chooser says of each).
pub fn fitted(app: &App) -> Vec<(Col, usize)> {
    let Some(screen) = app.viewport().screen else {
        return Vec::new();
    };
    let (inner, body) = viewport::table_areas(screen.list);
    let len = app.list.visible.len();
    let height = usize::from(body.height);
    let start = viewport::window_start(app.list.offset, app.list.cursor, len, height);
    let rows: Vec<&IntegrationRequest> = (start..(start + height).min(len))
        .filter_map(|pos| app.visible_request(pos))
        .collect();
    columns::fit(
        usize::from(inner.width),
        wants(app, &rows),
        view_columns(app),
    )
}

/// What the columns' titles and the `rows` on screen need.
fn wants(app: &App, rows: &[&IntegrationRequest]) -> Wants {
    let widest = |f: &dyn Fn(&IntegrationRequest) -> usize, floor: usize| {
        rows.iter().map(|r| f(r)).max().unwrap_or(0).max(floor)
    };
    let head = |col: Col| {
        let (name, mark) = col_title(app, col);
        text::width(name) + if mark.is_some() { 2 } else { 0 }
    };
    // Columns as the terminal draws the cleaned text.
    let len = |s: &str| text::width(&clean(s));
    // Status and type at least as wide as their usual values, so the
    // columns do not jump as the window scrolls.
    let status = widest(&|r| len(r.status.as_str()), 8);
    let kind = widest(&|r| len(r.kind.as_str()), 8);
    // Never narrower than a usual terminalId, so a column of dashes keeps
    // a readable title.
    let terminal = widest(&|r| len(&terminal_text(app, r)), 8);
    let age_w = widest(&|r| len(&age_text(app, r)), 4);
    let merchant = widest(
        &|r| match app.merchant(&r.merchant_id) {
            Some(m) => merchant_natural(&m.name, m.test, &r.merchant_id),
            None => len(&r.merchant_id),
        },
        0,
    );
    Wants {
        status: (status.max(head(Col::Status)), status),
        kind: (kind.max(head(Col::Kind)), kind),
        merchant: merchant.max(head(Col::Merchant)),
        account: widest(&|r| len(&r.account_id), 0).max(head(Col::Account)),
        terminal: (terminal.max(head(Col::Terminal)), terminal),
        age: (age_w.max(head(Col::Age)), age_w),
    }
}

/// A column's title and, on the sorted column, the way its values run.
fn col_title(app: &App, col: Col) -> (&'static str, Option<char>) {
    let (name, key) = match col {
        Col::Marker => return ("", None),
        Col::Status => ("status", SortKey::Status),
        Col::Kind => ("type", SortKey::Kind),
        Col::Merchant => ("merchant", SortKey::Merchant),
        Col::Account => ("accountId", SortKey::Account),
        Col::Terminal => ("terminalId", SortKey::Terminal),
        Col::Age => ("age", SortKey::Age),
    };
    let mark = (app.list.sort == key).then(|| {
        if key.values_rise(app.list.reverse) {
            '▲'
        } else {
            '▼'
        }
    });
    (name, mark)
}

/// The merchant cell's width with room for all of `Name TEST · 5ee0c4…`.
fn merchant_natural(name: &str, test: bool, id: &str) -> usize {
    let id_len = text::width(&short_id(id));
    text::width(&clean(name)) + if test { 5 } else { 0 } + 3 + id_len
}

/// A merchant id as the merchant cell shows it: its first six characters
/// and `…` when longer, cleaned.
fn short_id(id: &str) -> String {
    let id = clean(id);
    match id.chars().count() > 6 {
        true => format!("{}…", id.chars().take(6).collect::<String>()),
        false => id,
    }
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
    let id_part = format!(" · {}", short_id(id));
    let name_len = text::width(&name);
    let tag_len = text::width(tag);
    let id_len = text::width(&id_part);
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

fn header_table<'a>(
    app: &App,
    theme: Theme,
    cols: &[(Col, usize)],
    rows: Vec<Row<'a>>,
) -> Table<'a> {
    let header = Row::new(cols.iter().map(|&(col, w)| {
        let (name, mark) = col_title(app, col);
        title(name, mark, w)
    }))
    .style(theme.table_header());
    let widths = cols
        .iter()
        .map(|&(_, w)| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)));
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .flex(Flex::Start)
}

fn empty_text(app: &App) -> String {
    if app.is_loading() && app.total_len() == 0 {
        "Loading integration requests…".into()
    } else if app.has_pending_work() {
        "Filtering… no matches yet.".into()
    } else if !app.list.filter.is_empty() {
        let mut text = match app.views().narrowing() {
            Some(view) if app.list.typed_filter_is_empty() => format!(
                "No requests in the view `{}`. Press {} for the next view.",
                clean(view),
                app.keys_label(Scope::List, &[Intent::NextView], "Tab")
            ),
            _ => format!(
                "No requests match `{}`. Press {} to clear the filter.",
                clean(app.list.filter_text.trim()),
                app.keys_label(Scope::List, &[Intent::ClearFilter], "Esc")
            ),
        };
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
