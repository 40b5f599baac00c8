//! update() for the help overlay.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = loaded();
    update(&mut app, ch('?'));
    assert!(matches!(app.mode, Mode::Help { scroll: 0 }));
    update(&mut app, ch('j'));
    update(&mut app, ch('j'));
    update(&mut app, ch('k'));
    assert!(matches!(app.mode, Mode::Help { scroll: 1 }));
    update(&mut app, ch('q'));
    assert!(matches!(app.mode, Mode::List));
    assert!(!app.should_quit());
    update(&mut app, ch('?'));
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn help_lists_every_list_key() {
    let lines = crate::keys::help(&crate::keys::KeyMap::default());
    let keys: Vec<&str> = lines
        .iter()
        .filter_map(|l| match l {
            crate::keys::HelpLine::Row { label, .. } => Some(label.as_str()),
            crate::keys::HelpLine::Section(_) => None,
        })
        .collect();
    for k in [
        "/",
        "p",
        "s / S",
        "r",
        "a / Enter",
        "t",
        "Space",
        "*",
        "u",
        "A",
        "?",
        "q",
        "ctrl-c",
        "R",
        "e",
    ] {
        assert!(keys.contains(&k), "{k} missing from help");
    }
}

#[test]
fn help_scroll_reaches_the_last_wrapped_line_and_no_further() {
    let mut app = loaded();
    update(&mut app, Action::Resize(40, 12));
    update(&mut app, ch('?'));
    update(&mut app, ch('G'));
    let body = app.viewport().screen.expect("a screen").body;
    let layout = HelpLayout::of(body, &app.config.prefs.keys);
    // Wrapped at 40 columns, there are more lines than help rows.
    assert!(layout.lines.len() > crate::keys::help(&app.config.prefs.keys).len());
    let max = layout.max_scroll();
    assert!(max > 0);
    assert!(matches!(app.mode, Mode::Help { scroll } if scroll == max));
    update(&mut app, ch('j'));
    assert!(matches!(app.mode, Mode::Help { scroll } if scroll == max));
    update(&mut app, ch('k'));
    assert!(matches!(app.mode, Mode::Help { scroll } if scroll == max - 1));
}
