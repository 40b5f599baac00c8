//! update() for export (`e`).

use std::path::PathBuf;

use crossterm::event::KeyCode;

use crate::app::*;
use crate::export::ExportFormat;
use crate::testkit::*;

#[test]
fn export_sends_exactly_the_filtered_sorted_view() {
    let mut app = named();
    app.set_filter_text("type:epay");
    update(&mut app, ch('S'));
    update(&mut app, ch('e'));
    let Mode::Prompt(p) = &app.mode else {
        panic!("no prompt: {:?}", app.mode);
    };
    assert_eq!(p.kind, PromptKind::Export);
    // 12:00 UTC is midnight the next day at +12:00.
    assert_eq!(p.input.value(), "intake-export-20240602-000000.csv");
    let cmds = update(&mut app, key(KeyCode::Enter));
    let [
        Command::Export {
            path,
            format,
            requests,
            merchants,
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(path, &PathBuf::from("intake-export-20240602-000000.csv"));
    assert_eq!(*format, ExportFormat::Csv);
    let ids: Vec<&str> = requests.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["REQ3epayReady", "REQ2epayNoTid"]);
    assert_eq!(requests, &app.visible_requests());
    assert_eq!(merchants.len(), 7);
    assert_eq!(
        merchants
            .get("6455f32b15743f591f4ee209")
            .map(|m| m.name.as_str()),
        Some("Cafe Aroha")
    );
    assert!(matches!(app.mode, Mode::List));
    assert!(app.is_busy());
    api(
        &mut app,
        ApiEvent::Exported {
            path: path.clone(),
            count: 2,
            result: Ok(()),
        },
    );
    assert_eq!(
        toast(&app),
        "Exported 2 requests to intake-export-20240602-000000.csv."
    );
    assert!(app.exporting.is_none());
}

#[test]
fn export_picks_the_format_by_extension_and_says_when_it_cannot() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    for _ in 0..40 {
        update(&mut app, key(KeyCode::Backspace));
    }
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(cmds.is_empty());
    typed(&mut app, "out.txt");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(cmds.is_empty());
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt stays open");
    };
    assert_eq!(
        p.error.as_deref(),
        Some("The name must end in .csv or .json; that picks the format.")
    );
    for _ in 0..3 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "JSON");
    let cmds = update(&mut app, key(KeyCode::Enter));
    match cmds.as_slice() {
        [Command::Export { format, path, .. }] => {
            assert_eq!(*format, ExportFormat::Json);
            assert_eq!(path, &PathBuf::from("out.JSON"));
        }
        other => panic!("{other:?}"),
    }
    api(
        &mut app,
        ApiEvent::Exported {
            path: "out.JSON".into(),
            count: 8,
            result: Err("Could not export to out.JSON (disk full).".into()),
        },
    );
    assert_eq!(toast(&app), "Could not export to out.JSON (disk full).");
    assert_eq!(app.current_toast().map(|t| t.kind), Some(ToastKind::Error));
}

#[test]
fn esc_cancels_the_export_prompt() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.exporting.is_none());
}
