//! update() for copying (`y`, `Y`): the command carries the text, the
//! toast says what was copied, and nothing to copy says why.

use crate::app::*;
use crate::testkit::*;

/// The one `Effect::Copy` in `cmds`: (text, what).
fn copied(cmds: &[Command]) -> (String, String) {
    let [Command::Effect(Effect::Copy { text, what })] = cmds else {
        panic!("not one copy: {cmds:?}");
    };
    (text.clone(), what.clone())
}

/// The CSV the export writes for `requests`.
fn export_csv(app: &App, requests: &[crate::api::IntegrationRequest]) -> String {
    let mut out = Vec::new();
    crate::export::csv(&mut out, requests, &app.known_merchants()).expect("csv");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn y_copies_the_cursor_requests_id_and_says_so() {
    let mut app = named();
    move_to(&mut app, "REQ3epayReady");
    assert!(update(&mut app, ch('y')).is_empty(), "y opens the menu");
    assert!(matches!(app.mode, Mode::CopyMenu { .. }));
    let (text, what) = copied(&update(&mut app, ch('y')));
    assert_eq!(text, "REQ3epayReady");
    assert_eq!(what, "REQ3epayReady");
    assert_eq!(toast(&app), "Copied id REQ3epayReady to the clipboard.");
    assert!(matches!(app.mode, Mode::List));
}

#[test]
fn shift_y_without_marks_copies_the_rows_shown_as_the_exports_csv() {
    let mut app = named();
    app.set_filter_text("type:epay");
    let (text, what) = copied(&update(&mut app, ch('Y')));
    let shown = app.visible_requests();
    assert_eq!(shown.len(), 2);
    assert_eq!(text, export_csv(&app, &shown));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("id,status,type,merchantId,"), "{text}");
    assert!(lines[0].ends_with("merchantName,merchantTest"), "{text}");
    assert!(lines[1].starts_with(&shown[0].id), "{text}");
    assert_eq!(what, "2 rows as CSV");
    assert_eq!(toast(&app), "Copied 2 rows as CSV to the clipboard.");
}

#[test]
fn shift_y_with_marks_copies_the_marked_rows_hidden_ones_too() {
    let mut app = named();
    mark(&mut app, &["REQ1verifone", "REQ3epayReady"]);
    // The filter hides one of them; the mark, and the copy, keep it.
    app.set_filter_text("type:epay");
    let (text, what) = copied(&update(&mut app, ch('Y')));
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, ["REQ1verifone", "REQ3epayReady"]);
    let marked: Vec<_> = ids
        .iter()
        .map(|id| app.request(id).expect("loaded").clone())
        .collect();
    assert_eq!(text, export_csv(&app, &marked));
    assert_eq!(what, "2 marked rows as CSV");
    assert_eq!(toast(&app), "Copied 2 marked rows as CSV to the clipboard.");
}

#[test]
fn the_csv_names_merchants_as_the_export_does() {
    let mut app = named();
    let (text, _) = copied(&update(&mut app, ch('Y')));
    let cmds = {
        update(&mut app, ch('e'));
        update(&mut app, key(crossterm::event::KeyCode::Enter))
    };
    let [
        Command::Api(WorkerCall::Export {
            requests,
            merchants,
            ..
        }),
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    let mut exported = Vec::new();
    crate::export::csv(&mut exported, requests, merchants).expect("csv");
    assert_eq!(text.as_bytes(), exported.as_slice());
    assert!(text.contains("Cafe Aroha"), "{text}");
}

#[test]
fn nothing_to_copy_says_why_and_copies_nothing() {
    let mut app = named();
    app.set_filter_text("zzz-nothing-matches");
    for c in ['y', 'Y'] {
        let cmds = update(&mut app, ch(c));
        assert!(cmds.is_empty(), "{c}: {cmds:?}");
        assert_eq!(
            toast(&app),
            "Nothing to copy: no requests match the filter. Press Esc to clear it.",
            "{c}"
        );
    }
    // A mark the filter hides is still something to copy with `Y`.
    let mut app = named();
    mark(&mut app, &["REQ1verifone"]);
    app.set_filter_text("zzz-nothing-matches");
    assert!(update(&mut app, ch('y')).is_empty());
    let (text, _) = copied(&update(&mut app, ch('Y')));
    assert!(
        text.lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("REQ1verifone"))
    );
}

#[test]
fn a_copy_over_the_terminals_cap_copies_nothing_and_says_so() {
    let mut app = App::new(config(), now());
    let load = load_id(&app.init());
    let many: Vec<_> = (0..2000)
        .map(|i| {
            let mut r = requests()[0].clone();
            r.id = format!("REQmany{i:05}");
            r
        })
        .collect();
    api(&mut app, page(load, many, true));
    assert_eq!(app.visible_len(), 2000);
    let cmds = update(&mut app, ch('Y'));
    assert!(cmds.is_empty(), "a cut CSV is never copied: {cmds:?}");
    let said = toast(&app);
    assert!(
        said.starts_with("The 2000 rows come to ")
            && said.contains(
                "more than the 75 kB a terminal takes in one copy, so nothing was copied"
            )
            && said.ends_with("press e to export them to a file."),
        "{said}"
    );
    // One id is well under the cap.
    update(&mut app, ch('y'));
    assert_eq!(copied(&update(&mut app, ch('y'))).0, cursor_id(&app));
    assert!(MAX_COPY_BYTES.div_ceil(3) * 4 <= 100_000);
}

#[test]
fn copy_keys_can_be_remapped() {
    let mut cfg = config();
    cfg.prefs.keys = crate::keys::KeyMap::from_bindings(&[
        crate::keys::ConfigBinding {
            action: "copy".into(),
            keys: vec!["c".into()],
            line: 1,
        },
        crate::keys::ConfigBinding {
            action: "copy_rows".into(),
            keys: vec!["Z".into()],
            line: 2,
        },
    ])
    .expect("valid bindings");
    let mut app = loaded_with(cfg);
    assert!(update(&mut app, ch('y')).is_empty());
    assert!(matches!(app.mode, Mode::List), "y is no longer copy's");
    assert!(update(&mut app, ch('c')).is_empty());
    assert_eq!(copied(&update(&mut app, ch('y'))).0, cursor_id(&app));
    assert!(
        copied(&update(&mut app, ch('Z')))
            .0
            .starts_with("id,status,")
    );
    assert!(
        app.footer().contains(&("c/Z".to_string(), "copy")),
        "{:?}",
        app.footer()
    );
}
