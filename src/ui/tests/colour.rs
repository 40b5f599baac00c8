//! Colour and its absence: reverse video without colour, the theme on statuses.

use super::*;

#[test]
fn selection_without_colour_is_reverse_video() {
    let mut app = loaded();
    let t = terminal(&mut app, 160, 20);
    let area = app.viewport().table_rows().expect("the table was drawn");
    let cell = &t.backend().buffer()[(area.x + 5, area.y)];
    assert!(cell.modifier.contains(Modifier::REVERSED));
    assert_eq!(cell.bg, Color::Reset);
    let below = &t.backend().buffer()[(area.x + 5, area.y + 1)];
    assert!(!below.modifier.contains(Modifier::REVERSED));

    let mut cfg = config();
    cfg.color = true;
    let mut app = loaded_with(cfg);
    let t = terminal(&mut app, 160, 20);
    let area = app.viewport().table_rows().expect("the table was drawn");
    assert_ne!(t.backend().buffer()[(area.x + 5, area.y)].bg, Color::Reset);
}

/// The config's `[theme]` colours the status column; NO_COLOR wins over it.
#[test]
fn theme_colours_statuses_unless_colour_is_off() {
    let status_fg = |color: bool| {
        let mut cfg = config();
        cfg.color = color;
        cfg.prefs
            .theme
            .status
            .insert("pending".into(), Color::Magenta);
        let mut app = loaded_with(cfg);
        let t = terminal(&mut app, 160, 20);
        let area = app.viewport().table_rows().expect("the table was drawn");
        // The second row is not under the cursor, so its colour is the status's.
        let buf = t.backend().buffer();
        let y = area.y + 1;
        let x = (area.x..area.x + area.width)
            .find(|&x| buf[(x, y)].symbol() == "p")
            .expect("a pending status on the second row");
        buf[(x, y)].fg
    };
    assert_eq!(status_fg(true), Color::Magenta);
    assert_eq!(status_fg(false), Color::Reset);
}

/// A range's rows are drawn apart from the rest: a background with colour,
/// underlined without; the cursor row keeps its own look.
#[test]
fn range_rows_are_highlighted_with_and_without_colour() {
    for color in [false, true] {
        let mut cfg = config();
        cfg.color = color;
        let mut app = loaded_with(cfg);
        update(&mut app, ch('v'));
        update(&mut app, ch('j'));
        update(&mut app, ch('j'));
        let t = terminal(&mut app, 160, 20);
        let area = app.viewport().table_rows().expect("the table was drawn");
        let buf = t.backend().buffer();
        let (anchor, outside) = (&buf[(area.x + 5, area.y)], &buf[(area.x + 5, area.y + 3)]);
        assert_eq!(buf[(area.x, area.y)].symbol(), "·", "color {color}");
        if color {
            assert_ne!(anchor.bg, outside.bg, "color {color}");
        } else {
            assert!(anchor.modifier.contains(Modifier::UNDERLINED));
            assert!(!outside.modifier.contains(Modifier::UNDERLINED));
        }
        let cursor = &buf[(area.x + 5, area.y + 2)];
        assert!(
            cursor.bg != anchor.bg || cursor.modifier != anchor.modifier,
            "color {color}"
        );
    }
}
