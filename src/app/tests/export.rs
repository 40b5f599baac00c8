//! update() for export (`e`).

use std::path::PathBuf;

use crossterm::event::KeyCode;

use crate::app::*;
use crate::export::{ExportError, ExportFormat};
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
        Command::Api(WorkerCall::Export {
            path,
            format,
            requests,
            merchants,
            replace,
        }),
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(path, &PathBuf::from("intake-export-20240602-000000.csv"));
    assert_eq!(*format, ExportFormat::Csv);
    assert!(!replace, "a file already there is asked about first");
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
        [Command::Api(WorkerCall::Export { format, path, .. })] => {
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
            result: Err(ExportError::Failed(
                "Could not export to out.JSON (disk full).".into(),
            )),
        },
    );
    // The prompt again, with the name as typed and why under it.
    let Mode::Prompt(p) = &app.mode else {
        panic!("the prompt reopens: {:?}", app.mode);
    };
    assert_eq!(p.input.value(), "out.JSON");
    assert_eq!(
        p.error.as_deref(),
        Some("Could not export to out.JSON (disk full).")
    );
    assert!(app.current_toast().is_none(), "said once, under the name");
}

#[test]
fn esc_cancels_the_export_prompt() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    assert!(matches!(app.mode, Mode::List));
    assert!(app.exporting.is_none());
}

/// Open the export prompt, type `name` over the offered one, press Enter.
fn export_to(app: &mut App, name: &str) -> Vec<Command> {
    update(app, ch('e'));
    for _ in 0..40 {
        update(app, key(KeyCode::Backspace));
    }
    typed(app, name);
    update(app, key(KeyCode::Enter))
}

fn exists(app: &mut App, path: &str) {
    api(
        app,
        ApiEvent::Exported {
            path: path.into(),
            count: 8,
            result: Err(ExportError::Exists),
        },
    );
}

#[test]
fn export_asks_before_replacing_a_file_and_y_replaces_it() {
    let mut app = loaded();
    let cmds = export_to(&mut app, "out.csv");
    assert!(matches!(
        cmds.as_slice(),
        [Command::Api(WorkerCall::Export { replace: false, .. })]
    ));
    exists(&mut app, "out.csv");
    assert_eq!(app.question(), Some(Question::ExportOverwrite));
    assert!(app.exporting.is_none());
    // Enter is no yes here: a second Enter from the prompt replaces nothing.
    assert!(update(&mut app, key(KeyCode::Enter)).is_empty());
    assert_eq!(app.question(), Some(Question::ExportOverwrite));
    let cmds = update(&mut app, ch('y'));
    let [
        Command::Api(WorkerCall::Export {
            path,
            format,
            requests,
            replace,
            ..
        }),
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}");
    };
    assert!(replace);
    assert_eq!(path, &PathBuf::from("out.csv"));
    assert_eq!(*format, ExportFormat::Csv);
    assert_eq!(requests, &app.visible_requests());
    assert!(matches!(app.mode, Mode::List));
    assert_eq!(
        app.exporting.as_deref(),
        Some(std::path::Path::new("out.csv"))
    );
}

#[test]
fn no_to_replacing_goes_back_to_the_prompt_with_the_name_editable() {
    let mut app = loaded();
    export_to(&mut app, "out.json");
    exists(&mut app, "out.json");
    assert!(update(&mut app, ch('n')).is_empty());
    let Mode::Prompt(p) = &app.mode else {
        panic!("back to the prompt: {:?}", app.mode);
    };
    assert_eq!(p.kind, PromptKind::Export);
    assert_eq!(p.input.value(), "out.json");
    assert_eq!(
        p.error.as_deref(),
        Some("out.json was left as it was; type another name, or Esc to cancel.")
    );
    // Another name is typed after the old one, and sent as it is.
    for _ in 0..5 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "2.json");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Command::Api(WorkerCall::Export { path, replace: false, .. })] if path == &PathBuf::from("out2.json")
    ));
}

#[test]
fn a_file_found_after_the_operator_moved_on_is_a_sentence_not_a_question() {
    let mut app = loaded();
    export_to(&mut app, "out.csv");
    update(&mut app, ch('?'));
    exists(&mut app, "out.csv");
    assert!(matches!(app.mode, Mode::Help { .. }));
    assert_eq!(
        toast(&app),
        "out.csv already exists, so nothing was written; export again to replace it or to choose another name."
    );
}
