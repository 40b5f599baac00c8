//! The backlog panel in place of the detail pane, and the SLA marker on
//! the list's age cells, with colour and without.

use super::*;

fn with_sla(days: u32, color: bool) -> App {
    let mut cfg = config();
    cfg.sla_days = days;
    cfg.color = color;
    loaded_with(cfg)
}

#[test]
fn the_backlog_panel() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = with_sla(7, false);
        update(&mut app, ch('b'));
        insta::assert_snapshot!(format!("backlog_{w}x{h}"), render(&mut app, w, h));
    }
}

#[test]
fn sla_marker_in_the_list() {
    let mut app = with_sla(7, false);
    let screen = render(&mut app, 100, 16);
    assert!(screen.contains("4 over SLA"), "{screen}");
    insta::assert_snapshot!("sla_marker_100x16", screen);
}

/// The age cell of the row `row` places below the first.
fn age_cell(app: &mut App, row: u16) -> (String, ratatui::style::Style) {
    let t = terminal(app, 100, 16);
    let area = app.viewport().table_rows().expect("the table was drawn");
    let buf = t.backend().buffer();
    let y = area.y + row;
    let line: String = (area.x..area.x + area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    let end = u16::try_from(line.trim_end().chars().count()).unwrap_or(0);
    let cell = &buf[(area.x + end - 1, y)];
    (line.trim_end().to_string(), cell.style())
}

#[test]
fn no_color_still_shows_the_marker() {
    // Row 1 (REQ2, 30 days) is over SLA; row 6 (REQ7, 42 minutes) is not.
    let mut app = with_sla(7, false);
    let (over, style) = age_cell(&mut app, 1);
    assert!(over.ends_with("30d !"), "{over}");
    assert_eq!(style.fg, None.or(Some(Color::Reset)));
    assert!(style.add_modifier.contains(Modifier::BOLD));
    let (fresh, _) = age_cell(&mut app, 6);
    assert!(!fresh.contains('!'), "{fresh}");

    let mut app = with_sla(7, true);
    let (over, style) = age_cell(&mut app, 1);
    assert!(over.ends_with("30d !"), "{over}");
    assert_eq!(style.fg, Some(Color::Red));

    // Off: no marker, no count.
    let mut app = with_sla(0, false);
    let (over, _) = age_cell(&mut app, 1);
    assert!(!over.contains('!'), "{over}");
    assert!(!render(&mut app, 100, 16).contains("over SLA"));
}
