//! The screen's geometry: the one layout that the view draws in and that
//! update keeps the cursor and every scroll position inside. It is computed
//! from the terminal size, which arrives as `Action::Resize`.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

/// Side-by-side detail from this width; below the list under it.
const WIDE: u16 = 120;
const DETAIL_WIDTH: u16 = 58;
/// Page size for the list before the first layout arrives.
const DEFAULT_PAGE: usize = 10;
/// The bulk results' id and type columns.
pub const BULK_HEAD_WIDTH: usize = 35;

/// The areas of a screen `area` large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    pub area: Rect,
    /// `None` when the window is too small for anything but a hint.
    pub screen: Option<Screen>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub title: Rect,
    /// The saved views' tabs, one line under the title (none on a screen
    /// too short to spare it).
    pub tabs: Rect,
    /// The requests table with its border.
    pub list: Rect,
    pub detail: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
    /// Where overlays go: everything between the title and the status line.
    pub body: Rect,
    /// A bulk run's progress, above the status line while it goes.
    pub progress: Option<Rect>,
}

impl Viewport {
    pub fn of(area: Rect) -> Viewport {
        if area.height < 4 || area.width < 10 {
            return Viewport { area, screen: None };
        }
        let tabs_h = u16::from(area.height >= 5);
        let [title, tabs, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(tabs_h),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let (list, detail) = split_body(body);
        Viewport {
            area,
            screen: Some(Screen {
                title,
                tabs,
                list,
                detail,
                status,
                hints,
                body,
                progress: None,
            }),
        }
    }

    /// The screen with `lines` (a run's progress) taken from the bottom of
    /// the body, as long as the list keeps a few rows; fewer when not.
    pub fn with_progress(area: Rect, lines: u16) -> Viewport {
        let mut vp = Viewport::of(area);
        let Some(screen) = vp.screen.as_mut() else {
            return vp;
        };
        let lines = lines.min(screen.body.height.saturating_sub(4));
        if lines == 0 {
            return vp;
        }
        let body = Rect {
            height: screen.body.height - lines,
            ..screen.body
        };
        let (list, detail) = split_body(body);
        screen.list = list;
        screen.detail = detail;
        screen.body = body;
        screen.progress = Some(Rect {
            y: body.bottom(),
            height: lines,
            ..body
        });
        vp
    }

    /// Below the table's border and header: where its rows go, when it has
    /// an inside at all (the rows may still be zero high).
    pub fn table_body(&self) -> Option<Rect> {
        let (inner, rows) = table_areas(self.screen?.list);
        (inner.height > 0 && inner.width > 0).then_some(rows)
    }

    /// Where the table's rows are, for mouse clicks.
    pub fn table_rows(&self) -> Option<Rect> {
        self.table_body().filter(|r| r.height > 0)
    }

    /// Rows a page moves: the table's height, or a default before the first layout.
    pub fn page(&self) -> usize {
        self.table_body()
            .map_or(DEFAULT_PAGE, |r| usize::from(r.height).max(1))
    }
}

fn split_body(body: Rect) -> (Rect, Option<Rect>) {
    if body.width >= WIDE {
        let [l, d] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(DETAIL_WIDTH)]).areas(body);
        (l, Some(d))
    } else if body.height >= 14 {
        let detail_h = (body.height / 2).min(15);
        let [l, d] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(detail_h)]).areas(body);
        (l, Some(d))
    } else {
        (body, None)
    }
}

/// The inside of a bordered box.
pub fn inner(outer: Rect) -> Rect {
    Block::bordered().inner(outer)
}

/// The table inside `list`'s border: (header and rows, rows only).
pub fn table_areas(list: Rect) -> (Rect, Rect) {
    let inner = inner(list);
    let rows = Rect {
        y: inner.y.saturating_add(1).min(inner.bottom()),
        height: inner.height.saturating_sub(1),
        ..inner
    };
    (inner, rows)
}

/// A `w`×`h` box in the middle of `area`, cut to fit.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The box the bulk results and the import preview and results share.
pub fn big_box(body: Rect) -> Rect {
    let w = body.width.saturating_sub(4).min(120);
    let h = body.height.saturating_sub(2);
    centered(body, w, h)
}

/// The command palette: its box (centred, at most 80 wide and 20 tall, so
/// it does not jump as the list narrows), its input line and its rows
/// under a rule.
pub fn palette(body: Rect) -> [Rect; 3] {
    let w = body.width.saturating_sub(4).min(80);
    let h = body.height.saturating_sub(2).min(20);
    let outer = centered(body, w, h);
    let [input, _, rows] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner(outer));
    [outer, input, rows]
}

/// The bulk results' (summary, list) inside the big box.
pub fn bulk_results(body: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner(big_box(body)))
}

/// The import preview's (counts, list, keys) inside the big box.
pub fn import_preview(body: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner(big_box(body)))
}

/// The import results' (summary, list) inside the big box.
pub fn import_results(body: Rect) -> [Rect; 2] {
    bulk_results(body)
}

/// The import lists' id column: full ids where there is room.
pub fn import_id_width(width: u16) -> usize {
    if width >= 110 { 24 } else { 14 }
}

/// The import lists' line, label and id columns.
pub fn import_head_width(width: u16) -> usize {
    5 + 1 + 15 + 1 + import_id_width(width) + 1
}

/// The fewest columns an entry's text takes beside its head; narrower, the
/// text goes under the head instead.
const MIN_TEXT_WIDTH: usize = 16;
/// How far text under its head is indented.
pub const UNDER_INDENT: usize = 2;

/// Whether an entry's text goes under its `head_w` head rather than beside
/// it: a list `width` wide leaves too little room beside it.
pub fn text_under(width: u16, head_w: usize) -> bool {
    usize::from(width) < head_w + MIN_TEXT_WIDTH
}

/// Columns for an entry's text: beside a `head_w` head, or under it.
// Never wider than the list: a wider text runs off its edge uncut.
pub fn text_width(width: u16, head_w: usize) -> usize {
    let cols = usize::from(width);
    if text_under(width, head_w) {
        cols.saturating_sub(UNDER_INDENT).max(1)
    } else {
        cols - head_w
    }
}

/// How many lines an entry takes: its text's `text_lines`, and its head's
/// own line when the text goes under it.
pub fn entry_lines(width: u16, head_w: usize, text_lines: usize) -> usize {
    text_lines + usize::from(text_under(width, head_w))
}

/// The furthest a list may scroll: from there its last entries, `lines`
/// tall each, just fill `height` lines.
pub fn max_scroll<I>(lines: I, height: usize) -> usize
where
    I: DoubleEndedIterator<Item = usize> + ExactSizeIterator,
{
    let mut max = lines.len();
    let mut used = 0;
    for n in lines.rev() {
        used += n;
        if used > height {
            break;
        }
        max -= 1;
    }
    max
}

/// The first row to show so `cursor` is in a window of `height` rows that
/// moved as little as possible from `offset`, with no empty space below
/// the last of `len` rows.
pub fn window_start(offset: usize, cursor: usize, len: usize, height: usize) -> usize {
    let mut offset = offset;
    if cursor < offset {
        offset = cursor;
    } else if height > 0 && cursor >= offset + height {
        offset = cursor + 1 - height;
    }
    offset.min(len.saturating_sub(height))
}
