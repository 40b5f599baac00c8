//! The title bar: `intake │ profile │ host │ PRODUCTION │ READ-ONLY │ DEMO │
//! shown/total │ marked │ over SLA │ statuses │ filter │ sort │ live │ loading`. Where the
//! console points is never shortened or dropped. When the rest does not
//! fit, labels shorten first (`sort: oldest first` → `oldest first`,
//! `filter: x` → `f: x`, `8/8 shown` → `8/8`), and only then do parts go,
//! the least telling first; the filter, last to go, is cut with `…` before
//! it goes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::app::App;

use super::format::{clean, clip};
use super::theme::Theme;

const SPINNER: [&str; 8] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧"];
const SEP: &str = " │ ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Fixed,
    /// ` intake`: the first to go when where the console points does not fit.
    App,
    /// The profile and the host: cut with `…` (never below a few columns)
    /// rather than let PRODUCTION, READ-ONLY or DEMO fall off the edge.
    Profile,
    Host,
    Shown,
    Marked,
    /// Pending requests shown that are over SLA.
    Sla,
    Statuses,
    Filter,
    Sort,
    Loading,
    /// The live queue: rows new since the last look and the last refresh.
    Live,
}

struct Seg {
    part: Part,
    long: String,
    short: String,
    style: Style,
    short_now: bool,
}

impl Seg {
    fn fixed(text: String, style: Style) -> Seg {
        Seg::new(Part::Fixed, text.clone(), text, style)
    }

    fn new(part: Part, long: String, short: String, style: Style) -> Seg {
        Seg {
            part,
            long,
            short,
            style,
            short_now: false,
        }
    }

    fn text(&self) -> &str {
        if self.short_now {
            &self.short
        } else {
            &self.long
        }
    }
}

/// Which labels shorten first, then which parts go first.
const SHORTEN: [Part; 8] = [
    Part::Live,
    Part::Sort,
    Part::Filter,
    Part::Loading,
    Part::Statuses,
    Part::Marked,
    Part::Shown,
    Part::Sla,
];
const DROP: [Part; 6] = [
    Part::Live,
    Part::Marked,
    Part::Shown,
    Part::Statuses,
    Part::Sla,
    Part::Sort,
];

pub fn title_bar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let segs = fit(segments(app, theme), usize::from(area.width));
    let mut spans = Vec::with_capacity(segs.len() * 2);
    for (i, s) in segs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(SEP, theme.bar()));
        }
        spans.push(Span::styled(s.text().to_string(), s.style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.bar()), area);
}

fn segments(app: &App, theme: Theme) -> Vec<Seg> {
    let mut segs = where_it_points(app, theme);
    segs.extend(counts(app, theme));
    segs.extend(view(app, theme));
    segs.extend(live(app, theme));
    segs.extend(progress(app, theme));
    segs
}

/// Where the console points and what it may do there: never shortened.
fn where_it_points(app: &App, theme: Theme) -> Vec<Seg> {
    let bold = theme.bar().add_modifier(Modifier::BOLD);
    let safety = &app.config.safety;
    let mut segs = vec![
        // The leading space is the bar's margin.
        Seg::new(Part::App, " intake".into(), " intake".into(), bold),
        Seg::new(
            Part::Profile,
            clean(&app.config.profile),
            clean(&app.config.profile),
            theme.bar(),
        ),
    ];
    if !safety.host.is_empty() {
        let host = clean(&safety.host);
        segs.push(Seg::new(Part::Host, host.clone(), host, theme.bar()));
    }
    if safety.production {
        segs.push(Seg::fixed("PRODUCTION".into(), theme.production()));
    }
    if safety.read_only.is_on() {
        segs.push(Seg::fixed("READ-ONLY".into(), bold));
    }
    if app.config.demo {
        segs.push(Seg::fixed("DEMO".into(), bold));
    }
    segs
}

/// Shown of loaded, marked, and over SLA.
fn counts(app: &App, theme: Theme) -> Vec<Seg> {
    let counts = format!("{}/{}", app.visible_len(), app.total_len());
    let marked = app.marked_len();
    let mut segs = vec![
        Seg::new(Part::Shown, format!("{counts} shown"), counts, theme.bar()),
        Seg::new(
            Part::Marked,
            format!("{marked} marked"),
            format!("{marked}*"),
            theme.bar(),
        ),
    ];
    let over = app.backlog.summary().over_sla;
    if app.config.sla_days > 0 && over > 0 {
        segs.push(Seg::new(
            Part::Sla,
            format!("{over} over SLA"),
            format!("{over}!"),
            theme.bar().patch(theme.sla()),
        ));
    }
    segs
}

/// How the list is narrowed and ordered: statuses, filter, sort.
fn view(app: &App, theme: Theme) -> Vec<Seg> {
    let (long, short) = if app.list.pending_only {
        ("pending only", "pending")
    } else {
        ("all statuses", "all")
    };
    let mut segs = vec![Seg::new(
        Part::Statuses,
        long.into(),
        short.into(),
        theme.bar(),
    )];
    let filter = clean(app.list.filter_text.trim());
    if !filter.is_empty() {
        segs.push(Seg::new(
            Part::Filter,
            format!("filter: {filter}"),
            format!("f: {filter}"),
            theme.bar(),
        ));
    }
    let sort = app.list.sort.describe(app.list.reverse);
    segs.push(Seg::new(
        Part::Sort,
        format!("sort: {sort}"),
        sort,
        theme.bar(),
    ));
    segs
}

/// Work under way: a filter scanning, a load.
fn progress(app: &App, theme: Theme) -> Vec<Seg> {
    let mut segs = Vec::new();
    if let Some((tested, of)) = app.filter_progress() {
        segs.push(Seg::new(
            Part::Loading,
            format!("filtering… {} of {}", grouped(tested), grouped(of)),
            "filtering…".into(),
            theme.bar(),
        ));
    }
    if app.is_loading() {
        // Two ticks (80 ms) per spinner frame.
        let spin = SPINNER[((app.ticks / 2) % SPINNER.len() as u64) as usize];
        segs.push(Seg::new(
            Part::Loading,
            format!("{spin} loading"),
            spin.to_string(),
            theme.bar(),
        ));
    }
    segs
}

/// `1,000,000`: a count as long as a scan's is easier read in groups.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `3 new · ↻ 12:03` while the queue is live: quiet, and gone when off.
fn live(app: &App, theme: Theme) -> Option<Seg> {
    app.live_every()?;
    let at = app.last_refresh()?;
    let at = at.with_timezone(&app.config.tz).format("%H:%M").to_string();
    let new = app.new_len();
    let (long, short) = if new > 0 {
        (format!("{new} new · ↻ {at}"), format!("{new} new"))
    } else {
        (format!("live ↻ {at}"), format!("↻ {at}"))
    };
    let style = if new > 0 {
        theme.bar().patch(theme.live())
    } else {
        theme.bar()
    };
    Some(Seg::new(Part::Live, long, short, style))
}

fn width(segs: &[Seg]) -> usize {
    segs.iter()
        .map(|s| crate::text::width(s.text()))
        .sum::<usize>()
        + crate::text::width(SEP) * segs.len().saturating_sub(1)
}

/// The parts that fit in `room` columns, shortened and dropped in the
/// fixed orders above.
fn fit(mut segs: Vec<Seg>, room: usize) -> Vec<Seg> {
    for part in SHORTEN {
        if width(&segs) <= room {
            return segs;
        }
        for s in segs.iter_mut().filter(|s| s.part == part) {
            s.short_now = true;
        }
    }
    for part in DROP {
        if width(&segs) <= room {
            return segs;
        }
        segs.retain(|s| s.part != part);
    }
    let over = width(&segs).saturating_sub(room);
    if over > 0
        && let Some(f) = segs.iter_mut().find(|s| s.part == Part::Filter)
    {
        // `f: ` and two characters of the filter are the least worth showing.
        let len = crate::text::width(&f.short);
        if len >= over + 5 {
            f.short = clip(&f.short, len - over);
        } else {
            segs.retain(|s| s.part != Part::Filter);
        }
    }
    fit_where_it_points(segs, room)
}

/// The fewest columns a cut profile or host keeps (`…` included).
const POINTS_MIN: usize = 4;

/// When even where the console points does not fit (a very narrow
/// window), ` intake` goes, then the host and the profile are cut with
/// `…`, so PRODUCTION, READ-ONLY and DEMO stay whole on screen.
fn fit_where_it_points(mut segs: Vec<Seg>, room: usize) -> Vec<Seg> {
    if width(&segs) <= room {
        return segs;
    }
    segs.retain(|s| s.part != Part::App);
    if let Some(first) = segs.first_mut() {
        // The bar's margin, which ` intake` carried.
        first.long = format!(" {}", first.long);
        first.short = format!(" {}", first.short);
    }
    for part in [Part::Host, Part::Profile] {
        let over = width(&segs).saturating_sub(room);
        if over == 0 {
            break;
        }
        if let Some(s) = segs.iter_mut().find(|s| s.part == part) {
            let len = crate::text::width(s.text());
            let keep = len.saturating_sub(over).max(POINTS_MIN);
            if keep < len {
                s.long = clip(s.text(), keep);
                s.short = s.long.clone();
            }
        }
    }
    segs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(part: Part, long: &str, short: &str) -> Seg {
        Seg::new(part, long.into(), short.into(), Style::default())
    }

    fn fitted(room: usize) -> String {
        let segs = vec![
            seg(Part::Fixed, " intake", " intake"),
            seg(Part::Shown, "2/8 shown", "2/8"),
            seg(Part::Marked, "0 marked", "0*"),
            seg(Part::Filter, "filter: type:epay", "f: type:epay"),
            seg(Part::Sort, "sort: oldest first", "oldest first"),
        ];
        let segs = fit(segs, room);
        segs.iter().map(Seg::text).collect::<Vec<_>>().join(SEP)
    }

    #[test]
    fn labels_shorten_before_parts_go() {
        assert_eq!(
            fitted(80),
            " intake │ 2/8 shown │ 0 marked │ filter: type:epay │ sort: oldest first"
        );
        assert_eq!(
            fitted(60),
            " intake │ 2/8 shown │ 0 marked │ f: type:epay │ oldest first"
        );
        assert_eq!(
            fitted(48),
            " intake │ 2/8 │ 0* │ f: type:epay │ oldest first"
        );
        assert_eq!(fitted(43), " intake │ 2/8 │ f: type:epay │ oldest first");
        assert_eq!(fitted(25), " intake │ f: type:epay");
        assert_eq!(fitted(18), " intake │ f: type…");
        assert_eq!(fitted(12), " intake");
    }

    #[test]
    fn a_narrow_window_cuts_the_host_before_production_falls_off() {
        let segs = [
            seg(Part::App, " intake", " intake"),
            seg(Part::Profile, "loc", "loc"),
            seg(Part::Host, "127.0.0.1:18282", "127.0.0.1:18282"),
            seg(Part::Fixed, "PRODUCTION", "PRODUCTION"),
            seg(Part::Shown, "2/8 shown", "2/8"),
        ];
        let text = |room| {
            let segs = fit(
                segs.iter()
                    .map(|s| seg(s.part, &s.long, &s.short))
                    .collect(),
                room,
            );
            segs.iter().map(Seg::text).collect::<Vec<_>>().join(SEP)
        };
        assert_eq!(text(44), " intake │ loc │ 127.0.0.1:18282 │ PRODUCTION");
        assert_eq!(text(40), " loc │ 127.0.0.1:18282 │ PRODUCTION");
        assert_eq!(text(30), " loc │ 127.0.0.1… │ PRODUCTION");
        for room in [24, 30, 36, 40] {
            assert!(text(room).ends_with("PRODUCTION"), "{room}: {}", text(room));
            assert!(
                crate::text::width(&text(room)) <= room,
                "{room}: {}",
                text(room)
            );
        }
    }
}
