//! What bulk activation and import runs draw alike: the progress gauge, the
//! counts line and the results list (also the import preview's list).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use crate::app::{ResultsShown, Run, RunItem, RunResult, Tone, texts_of, viewport};

use super::format::{clip, wrap};
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
    let under = viewport::text_under(area.width, head_w);
    let max = viewport::max_scroll(
        entries
            .iter()
            .map(|e| viewport::entry_lines(area.width, head_w, wrap(&e.text, text_w).len())),
        height,
    );
    let scroll = scroll.min(max);
    let mut lines = Vec::new();
    for e in entries.iter().skip(scroll) {
        if lines.len() >= height {
            break;
        }
        if under {
            // Too narrow for the head beside the text: the head on its own
            // line, cut where it must be, and the text under it.
            let head = clip(e.head.trim_end(), usize::from(area.width));
            lines.push(Line::from(Span::raw(head)));
        }
        // Reasons are sentences: wrap them under themselves rather than cut them.
        for (i, part) in wrap(&e.text, text_w).into_iter().enumerate() {
            let head = match (under, i) {
                (true, _) => " ".repeat(viewport::UNDER_INDENT),
                (false, 0) => e.head.clone(),
                (false, _) => " ".repeat(head_w),
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

/// A run's counts over its results, in bold, every line of them.
pub fn summary<R: RunResult>(frame: &mut Frame, area: Rect, run: &Run<R>, theme: Theme) {
    let lines: Vec<Line> = summary_lines(run, area)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.bold())))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// A run's counts in lines of `area`'s width, broken between counts; only
/// the non-zero ones when every count does not fit.
pub fn summary_lines<R: RunResult>(run: &Run<R>, area: Rect) -> Vec<String> {
    let t = run.tally();
    let width = usize::from(area.width);
    let all = counts_lines(&t.summary(), width);
    if all.len() <= usize::from(area.height) {
        return all;
    }
    counts_lines(&t.nonzero_summary(), width)
}

/// `9 activated · 1 failed` in lines at most `width` wide, broken between
/// counts (a count wider than a line cut with `…`).
fn counts_lines(summary: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in summary.split(" · ") {
        let part = clip(part, width);
        if line.is_empty() {
            line = part;
        } else if crate::text::width(&line) + 3 + crate::text::width(&part) <= width {
            line.push_str(" · ");
            line.push_str(&part);
        } else {
            lines.push(std::mem::replace(&mut line, part));
        }
    }
    lines.push(line);
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
    // The shown rows once a frame: their order and their texts agree.
    let items = run.shown_items();
    let texts = texts_of(&items, viewport::text_width(list.width, head_w), merchant);
    let entries: Vec<ListEntry> = items
        .into_iter()
        .zip(texts)
        .map(|(i, text)| ListEntry {
            head: head(i),
            text,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_break_between_counts_and_never_run_past_the_line() {
        let lines = counts_lines(
            "5 activated · 0 confirmed active · 1 skipped · 2 failed",
            30,
        );
        let want = ["5 activated", "0 confirmed active · 1 skipped", "2 failed"];
        assert_eq!(lines, want.map(String::from));
    }

    #[test]
    fn text_never_runs_past_a_narrow_list() {
        for width in 1..=120u16 {
            for head_w in [35, 37] {
                let text_w = viewport::text_width(width, head_w);
                let used = if viewport::text_under(width, head_w) {
                    viewport::UNDER_INDENT + text_w
                } else {
                    head_w + text_w
                };
                assert!(used <= usize::from(width).max(viewport::UNDER_INDENT + 1));
            }
        }
    }
}
