//! What bulk activation and import runs draw alike: the progress gauge, the
//! counts line and the results list (also the import preview's list).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use crate::app::{ResultsShown, Run, RunItem, RunResult, Tone, viewport};

use super::format::wrap;
use super::theme::Theme;

/// "done/total" over a bar.
pub fn gauge<R: RunResult>(frame: &mut Frame, area: Rect, run: &Run<R>, theme: Theme) {
    let t = run.tally();
    let (done, total) = (t.done(), t.total());
    let ratio = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.gauge())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("{done}/{total} done")),
        area,
    );
}

/// The counts while a run goes: every kind, then what still waits.
pub fn counts<R: RunResult>(run: &Run<R>) -> String {
    let t = run.tally();
    format!("{} · {} waiting", t.summary(), t.waiting)
}

/// `text` after the merchant's name, when there is one to give.
pub fn named(merchant: Option<&str>, text: String) -> String {
    match merchant {
        Some(m) => format!("{} · {text}", super::format::clean(m)),
        None => text,
    }
}

/// What a results title adds when it leaves some out (the failed first
/// is how every results view starts, so it goes unsaid).
pub fn shown_words(shown: ResultsShown) -> &'static str {
    match shown {
        ResultsShown::FailedFirst => "",
        ResultsShown::FailedOnly => ", only the failed",
    }
}

/// Said instead of an empty list when only the failed are shown.
pub const NOTHING_FAILED: &str = "Nothing failed in this run.";

pub fn tone_style(tone: Tone, theme: Theme) -> Style {
    match tone {
        Tone::Good => theme.ok(),
        Tone::Notice => theme.warn(),
        Tone::Bad => theme.error(),
        Tone::Quiet => theme.dim(),
    }
}

/// One entry of a scrolling list: a fixed-width head and a text wrapped
/// under itself.
pub struct ListEntry {
    pub head: String,
    pub text: String,
    pub style: Style,
}

/// The lines for `entries` from `scroll`, held (as update holds it) where
/// the last entries just fill the view.
pub fn list_lines(
    entries: &[ListEntry],
    head_w: usize,
    area: Rect,
    scroll: usize,
) -> Vec<Line<'static>> {
    let height = usize::from(area.height);
    let text_w = viewport::text_width(area.width, head_w);
    let max = viewport::max_scroll(entries.iter().map(|e| wrap(&e.text, text_w).len()), height);
    let scroll = scroll.min(max);
    let mut lines = Vec::new();
    for e in entries.iter().skip(scroll) {
        if lines.len() >= height {
            break;
        }
        // Reasons are sentences: wrap them under themselves rather than cut them.
        for (i, part) in wrap(&e.text, text_w).into_iter().enumerate() {
            let head = if i == 0 {
                e.head.clone()
            } else {
                " ".repeat(head_w)
            };
            lines.push(Line::from(vec![
                Span::raw(head),
                Span::styled(part, e.style),
            ]));
        }
    }
    lines.truncate(height);
    lines
}

/// A run's results in `list`: one entry per item, `head` beside each and
/// its request's merchant (`merchant`, when it has one) before its outcome.
pub fn results<R: RunResult>(
    frame: &mut Frame,
    list: Rect,
    run: &Run<R>,
    head_w: usize,
    head: impl Fn(&RunItem<R>) -> String,
    merchant: impl Fn(&RunItem<R>) -> Option<String>,
    theme: Theme,
) {
    let entries: Vec<ListEntry> = run
        .shown_items()
        .into_iter()
        .map(|i| ListEntry {
            head: head(i),
            text: named(merchant(i).as_deref(), i.state.text()),
            style: i
                .state
                .result()
                .map_or(theme.dim(), |r| tone_style(r.tone(), theme)),
        })
        .collect();
    if entries.is_empty() && run.shown == ResultsShown::FailedOnly {
        frame.render_widget(
            Paragraph::new(Span::styled(NOTHING_FAILED, theme.dim())),
            list,
        );
        return;
    }
    let lines = list_lines(&entries, head_w, list, run.scroll);
    frame.render_widget(Paragraph::new(super::format::shown(lines)), list);
}
