//! update() for the filter: typing, fields, clearing and many rows.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::testkit::*;

#[test]
fn filter_narrows_live_enter_keeps_and_esc_clears() {
    let mut app = loaded();
    update(&mut app, ch('/'));
    assert!(matches!(app.mode, Mode::Filter));
    typed(&mut app, "type:e");
    assert_eq!(app.visible_len(), 0, "a type is matched whole");
    assert_eq!(app.list.filter.error(), None, "the start of epay");
    typed(&mut app, "pay");
    assert_eq!(visible_ids(&app), ["REQ2epayNoTid", "REQ3epayReady"]);
    typed(&mut app, " status:pending");
    assert_eq!(app.visible_len(), 2);
    // Letters that are keys elsewhere (q quits) are text while typing a filter.
    typed(&mut app, " q");
    assert!(!app.should_quit());
    update(&mut app, key(KeyCode::Backspace));
    typed(&mut app, "zz");
    assert_eq!(app.visible_len(), 0);
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Backspace));
    }
    assert_eq!(app.visible_len(), 2);
    update(&mut app, key(KeyCode::Enter));
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(app.filter_text().trim(), "type:epay status:pending");
    assert_eq!(app.visible_len(), 2);
    // Reopening edits the kept filter; Esc clears it.
    update(&mut app, ch('/'));
    assert_eq!(
        app.list.filter_input.value().trim(),
        "type:epay status:pending"
    );
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.filter_text(), "");
    assert_eq!(app.visible_len(), 8);
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn filter_fields_and_bare_words() {
    let mut app = loaded();
    for (text, want) in [
        ("merchant:5EE0", 1),
        ("account:jaim1", 8),
        ("id:req5", 1),
        ("terminal:1100", 1),
        ("verifone", 3),
        ("5ee0c486", 1),
        ("windcave rejected", 1),
        ("nope:x", 0),
        ("type:", 8),
    ] {
        app.set_filter_text(text);
        assert_eq!(app.visible_len(), want, "{text}");
    }
    app.set_filter_text("");
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn esc_in_the_list_clears_the_filter() {
    let mut app = loaded();
    app.set_filter_text("epay");
    update(&mut app, key(KeyCode::Esc));
    assert_eq!(app.visible_len(), 8);
}

#[test]
fn many_rows_filter_and_narrow() {
    let mut app = App::new(config(), now());
    app.init();
    let base = requests();
    let items: Vec<_> = (0..5000)
        .map(|i| {
            let mut r = base[i % base.len()].clone();
            r.id = format!("ID{i:05}");
            r
        })
        .collect();
    api(&mut app, page(1, items, true));
    assert_eq!(app.visible_len(), 5000);
    app.set_filter_text("id:ID01");
    assert_eq!(app.visible_len(), 1000);
    app.set_filter_text("id:ID010");
    assert_eq!(app.visible_len(), 100);
    app.set_filter_text("id:ID01");
    assert_eq!(app.visible_len(), 1000);
    app.set_filter_text("id:id01 type:verifone");
    assert_eq!(app.visible_len(), 375);
}

#[test]
fn deleting_filter_characters_gives_what_a_full_recompute_gives() {
    let fresh = |text: &str| {
        let mut app = loaded();
        app.set_filter_text(text);
        visible_ids(&app)
    };
    let mut app = loaded();
    let words = [
        "t",
        "ty",
        "type:",
        "type:e",
        "type:ep",
        "type:epay",
        "type:epay 1",
    ];
    for w in words {
        app.set_filter_text(w);
        assert_eq!(visible_ids(&app), fresh(w), "typing {w:?}");
    }
    for w in words.iter().rev().skip(1).chain(std::iter::once(&"")) {
        app.set_filter_text(w);
        assert_eq!(visible_ids(&app), fresh(w), "deleting back to {w:?}");
    }
    // A row that changes while a filter is typed is matched afresh on the
    // way back, not from what was remembered before the change.
    app.set_filter_text("terminal:");
    app.set_filter_text("terminal:7");
    let id = visible_ids(&loaded())[0].clone();
    let mut changed = app.request(&id).expect("known").clone();
    changed.terminal_id = Some("77777777".into());
    changed.terminal = None;
    app.patch(changed);
    app.set_filter_text("terminal:77777777");
    assert_eq!(visible_ids(&app), vec![id.clone()]);
    app.set_filter_text("terminal:7");
    assert!(visible_ids(&app).contains(&id));
}
