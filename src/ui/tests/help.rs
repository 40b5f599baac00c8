//! The help overlay: scrolling and remapped keys.

use super::*;

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = loaded();
    update(&mut app, ch('?'));
    let top = render(&mut app, 80, 24);
    assert!(top.contains("Moving"));
    for _ in 0..40 {
        update(&mut app, ch('j'));
    }
    let bottom = render(&mut app, 80, 24);
    assert!(bottom.contains("quit at once"), "{bottom}");
    assert!(!bottom.contains("Moving"));
    // Clamped while drawing, so one k scrolls back immediately.
    update(&mut app, ch('k'));
    assert!(render(&mut app, 80, 24) != bottom);
}

#[test]
fn help_shows_remapped_keys_in_every_section() {
    let mut cfg = crate::app::fixtures::config();
    cfg.prefs.keys = crate::keys::KeyMap::from_bindings(&[
        crate::keys::ConfigBinding {
            action: "activate".into(),
            keys: vec!["x".into()],
            line: 1,
        },
        crate::keys::ConfigBinding {
            action: "export".into(),
            keys: vec!["ctrl-e".into()],
            line: 2,
        },
        crate::keys::ConfigBinding {
            action: "retry_failed".into(),
            keys: vec!["F".into()],
            line: 3,
        },
    ])
    .expect("valid bindings");
    let mut app = App::new(cfg, crate::app::fixtures::now());
    app.init();
    update(&mut app, ch('?'));
    let screen = render(&mut app, 160, 48);
    let row = |what: &str| {
        screen
            .lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what} not in help:\n{screen}"))
            .to_string()
    };
    assert!(row("activate the request").contains(" x "), "{screen}");
    assert!(row("export the rows shown").contains("ctrl-e"), "{screen}");
    assert!(row("bulk: enter the missing").contains(" e "), "{screen}");
    assert!(
        !row("bulk: enter the missing").contains("ctrl-e"),
        "{screen}"
    );
    // Dialog keys follow their remaps too.
    assert!(row("retry the failed ones").contains(" F "), "{screen}");
    assert!(!row("retry the failed ones").contains(" R "), "{screen}");
}

/// Every frame of the help from the top to the end, one `j` apart.
fn help_frames(w: u16, h: u16) -> Vec<String> {
    let mut app = loaded();
    update(&mut app, ch('?'));
    let mut frames = vec![render(&mut app, w, h)];
    loop {
        update(&mut app, ch('j'));
        let frame = render(&mut app, w, h);
        if frames.last() == Some(&frame) {
            return frames;
        }
        frames.push(frame);
    }
}

/// The filter-words row, its wrapped lines joined again.
fn field_row(frames: &[String]) -> String {
    // The last frame with the row has it at the top, its wrapped lines below.
    let frame = frames
        .iter()
        .rev()
        .find(|f| f.contains("type:epay"))
        .expect("the filter words row");
    let lines: Vec<&str> = frame.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("type:epay"))
        .unwrap_or_default();
    // Where the text column starts on the row, so wrapped lines are read
    // from the same column.
    let col = lines[at].find("one field").expect("the row's text");
    let mut text = String::new();
    for (i, l) in lines[at..].iter().enumerate() {
        let chars: Vec<char> = l.chars().collect();
        let col_chars = lines[at][..col].chars().count();
        let head: String = chars.iter().take(col_chars).collect();
        let rest: String = chars.iter().skip(col_chars).collect();
        let part = rest
            .split('│')
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        // A key in the key column starts the next row.
        let next_row = i > 0
            && !head
                .trim_matches(|c| c == '│' || c == ' ' || c == '"')
                .is_empty();
        if part.is_empty() || next_row {
            break;
        }
        text.push_str(&part);
        text.push(' ');
    }
    text
}

#[test]
fn help_rows_are_whole_at_every_size() {
    for (w, h) in [(160, 48), (80, 24), (40, 12)] {
        let frames = help_frames(w, h);
        let row = field_row(&frames);
        assert!(
            row.contains("one field: type status merchant account id terminal"),
            "{w}x{h}: {row:?}\n{}",
            frames.join("\n")
        );
    }
    // At 40 columns the row wraps rather than being cut.
    let frames = help_frames(40, 12);
    assert!(frames.iter().all(|f| !f.contains("termina…")));
}

#[test]
fn help_scrolls_to_its_last_line_and_says_where_it_is() {
    for (w, h) in [(160, 48), (80, 24), (40, 12)] {
        let mut app = loaded();
        update(&mut app, ch('?'));
        let top = render(&mut app, w, h);
        // The end of the help's last row, as it wraps at 40 columns.
        let last = "stderr";
        if !top.contains(last) {
            assert!(top.contains("↓ more"), "{w}x{h}\n{top}");
        }
        update(&mut app, ch('G'));
        let bottom = render(&mut app, w, h);
        assert!(bottom.contains(last), "{w}x{h}\n{bottom}");
        assert!(!bottom.contains("↓ more"), "{w}x{h}\n{bottom}");
        // `j` alone gets there too.
        let frames = help_frames(w, h);
        assert!(frames.last().is_some_and(|f| f.contains(last)), "{w}x{h}");
    }
}

#[test]
fn help_lists_your_commands_under_their_own_heading() {
    let text = "[[commands]]\nkey = \"o\"\nname = \"Open merchant\"\nrun = \"xdg-open https://x/{merchantId}\"\n\n[[commands]]\nkey = \"ctrl-t\"\nname = \"Ticket\"\nrun = \"ticket {id}\"\nfor = \"marked\"\n";
    let cfg = crate::testkit::config_from(text);
    let mut app = App::new(cfg, crate::app::fixtures::now());
    app.init();
    update(&mut app, ch('?'));
    for _ in 0..60 {
        update(&mut app, ch('j'));
    }
    insta::assert_snapshot!(render(&mut app, 100, 30));
}
