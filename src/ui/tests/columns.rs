//! The table at the sizes staff use: columns give way in one order, cut
//! values end in `…`, the cursor row stays the cursor row, terminalIds are
//! whole or absent.

use super::*;
use crate::app::{Command, WorkerCall};

const SIZES: [(u16, u16); 4] = [(160, 48), (120, 40), (80, 24), (40, 10)];

/// Every status shown (so the merchant the key cannot see, shown by its
/// id, is there too), the cursor mid-list.
fn scene() -> App {
    let mut app = named();
    all_statuses(&mut app);
    move_to(&mut app, "REQ3epayReady");
    app
}

fn all_statuses(app: &mut App) {
    let cmds = update(app, ch('p'));
    let Some(Command::Api(WorkerCall::Load { load_id, .. })) = cmds.first() else {
        panic!("{cmds:?}");
    };
    api(app, page(*load_id, requests(), true));
}

/// The table's lines: between the header and the bottom border, inside
/// the list's borders.
fn table_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(3)
        .take_while(|l| !l.contains('└'))
        .map(|l| {
            let inside = l.trim_matches('"').split('│').nth(1).unwrap_or_default();
            inside.to_string()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn table_snapshots_at_every_size() {
    for (w, h) in SIZES {
        let mut app = scene();
        let screen = render(&mut app, w, h);
        insta::assert_snapshot!(format!("table_{w}x{h}"), screen);
    }
}

#[test]
fn cut_values_end_in_an_ellipsis_at_every_size() {
    let whole = |app: &App| -> Vec<String> {
        let mut values = Vec::new();
        for r in app.visible_requests() {
            values.push(r.account_id.clone());
            values.push(r.merchant_id.clone());
            if let Some(m) = app.merchant(&r.merchant_id) {
                values.push(m.name.clone());
            }
            values.push(r.status.as_str().to_string());
            values.push(r.kind.as_str().to_string());
        }
        values
    };
    for (w, h) in SIZES {
        let mut app = scene();
        let screen = render(&mut app, w, h);
        let values = whole(&app);
        for row in table_rows(&screen) {
            for word in row.split_whitespace() {
                // A word that starts a value but is not all of it is cut,
                // and must say so (words of a name are checked by prefix of
                // the name's own words).
                for v in &values {
                    let cut = v.starts_with(word) && v.len() > word.len() && word.len() >= 3;
                    let part_of_name = v.split(' ').any(|p| p == word);
                    assert!(
                        !cut || part_of_name,
                        "{w}x{h}: `{word}` cuts `{v}` without …\n{screen}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_cursor_row_is_marked_and_highlighted_at_every_size() {
    for (w, h) in SIZES {
        let mut app = scene();
        let t = terminal(&mut app, w, h);
        let area = app.viewport().table_rows().expect("the table was drawn");
        let row = u16::try_from(app.cursor() - app.list.offset).expect("on screen");
        let buf = t.backend().buffer();
        let marker = &buf[(area.x, area.y + row)];
        assert_eq!(marker.symbol(), ">", "{w}x{h}");
        let highlighted = &buf[(area.x + 4, area.y + row)];
        assert!(
            highlighted.modifier.contains(Modifier::REVERSED),
            "{w}x{h}: the cursor row is not highlighted"
        );
    }
}

#[test]
fn a_terminal_id_is_whole_or_absent_at_every_width() {
    for w in 30..=160 {
        let mut app = named();
        all_statuses(&mut app);
        let screen = render(&mut app, w, 24);
        let rows = table_rows(&screen).join("\n");
        // 11000021 is REQ3epayReady's; no part of it may show alone.
        assert!(
            rows.contains("11000021") || !rows.contains("1100"),
            "{w}: {rows}"
        );
    }
}

#[test]
fn the_sorted_column_is_marked_in_the_header() {
    let mut app = scene();
    let header = |app: &mut App| {
        render(app, 160, 48)
            .lines()
            .nth(3)
            .unwrap_or_default()
            .to_string()
    };
    // Oldest first: the ages fall down the column.
    assert!(header(&mut app).contains("age ▼"), "{}", header(&mut app));
    update(&mut app, ch('S'));
    assert!(header(&mut app).contains("age ▲"));
    for _ in 0..3 {
        update(&mut app, ch('s'));
    }
    let h = header(&mut app);
    assert!(h.contains("merchant ▼") && !h.contains("age ▲"), "{h}");
    let title = render(&mut app, 160, 48)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(title.contains("sort: merchant Z→A"), "{title}");
}

#[test]
fn no_column_title_is_cut_to_nothing() {
    for w in 30..=160 {
        let mut app = named();
        // Every terminalId here is `-`: the column still needs room for its title.
        app.set_filter_text("type:verifone");
        let screen = render(&mut app, w, 24);
        let header = screen.lines().nth(2).unwrap_or_default();
        assert!(
            !header.split(['│', ' ', '"']).any(|word| word == "…"),
            "{w}: {header}"
        );
    }
}

/// A view of its own columns: terminalId first, accountId kept at 80
/// columns where the width alone drops it, merchant and type hidden.
fn custom_columns() -> App {
    let mut cfg = config();
    cfg.prefs.views = vec![crate::config::ViewSpec {
        name: "Ids".into(),
        columns: ["terminalId", "status", "accountId", "age"]
            .map(String::from)
            .to_vec(),
        ..crate::config::ViewSpec::default()
    }];
    let mut app = loaded_with(cfg);
    move_to(&mut app, "REQ3epayReady");
    app
}

#[test]
fn a_view_of_its_own_columns_shows_them_in_its_order() {
    let mut app = custom_columns();
    let screen = render(&mut app, 80, 16);
    insta::assert_snapshot!("custom_columns_80x16", screen);
    let header = screen.lines().nth(3).unwrap_or_default();
    let at = |name: &str| header.find(name);
    assert!(at("terminalId") < at("status") && at("status") < at("accountId"));
    assert!(at("accountId") < at("age") && at("merchant").is_none());
}

#[test]
fn the_column_chooser_says_how_each_column_is_shown() {
    let mut app = named();
    update(&mut app, ch('C'));
    update(&mut app, ch('j'));
    update(&mut app, ch('j'));
    update(&mut app, ch(' '));
    update(&mut app, ch('j'));
    update(&mut app, ch(' '));
    update(&mut app, ch(' '));
    let screen = render(&mut app, 100, 24);
    insta::assert_snapshot!("column_chooser_100x24", screen);
    assert!(screen.contains("(x) merchant"), "{screen}");
    assert!(screen.contains("( ) accountId"), "{screen}");
    assert!(screen.contains("(·) terminalId"), "{screen}");
}
