//! update() for an export the worker could not write: the prompt again,
//! with the name as typed and why under it.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::export::ExportError;
use crate::testkit::*;

const WHY: &str = "Could not export to /nonexistent/dir/x.csv (No such file or directory (os error 2)); check that the folder exists and is writable.";

fn failed_export(app: &mut App) {
    update(app, ch('e'));
    let Mode::Prompt(p) = &app.mode else {
        panic!("no prompt: {:?}", app.mode);
    };
    for _ in 0..p.input.value().chars().count() {
        update(app, key(KeyCode::Backspace));
    }
    typed(app, "/nonexistent/dir/x.csv");
    let cmds = update(app, key(KeyCode::Enter));
    assert_eq!(cmds.len(), 1, "{cmds:?}");
    api(
        app,
        ApiEvent::Exported {
            path: "/nonexistent/dir/x.csv".into(),
            count: 8,
            result: Err(ExportError::Failed(WHY.into())),
        },
    );
}

#[test]
fn a_failed_export_keeps_the_typed_path_and_says_why_under_it() {
    let mut app = loaded();
    failed_export(&mut app);
    let p = prompt(&app);
    assert_eq!(p.kind, PromptKind::Export);
    assert_eq!(p.input.value(), "/nonexistent/dir/x.csv");
    assert_eq!(p.error.as_deref(), Some(WHY));
    assert!(!app.is_busy(), "the export is over");
    // The log holds it whole.
    assert!(
        app.messages
            .newest_first()
            .any(|m| m.text == WHY && m.kind == ToastKind::Error)
    );
}

#[test]
fn after_a_failed_export_the_next_keys_edit_the_path_not_the_list() {
    let mut app = loaded();
    failed_export(&mut app);
    // `m` and `o` would open the log or run a command in the list.
    typed(&mut app, "mo");
    let p = prompt(&app);
    assert_eq!(p.input.value(), "/nonexistent/dir/x.csvmo");
    assert!(p.error.is_none(), "editing clears the reason");
    assert!(
        !p.input.is_selected(),
        "the typed path is edited, not replaced"
    );
    for _ in 0.."dir/x.csvmo".len() {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "out.csv");
    let cmds = update(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Command::Api(WorkerCall::Export { path, .. })] if path.to_str() == Some("/nonexistent/out.csv")),
        "{cmds:?}"
    );
}

#[test]
fn a_failed_export_after_the_operator_moved_on_is_a_toast() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    update(&mut app, key(KeyCode::Enter));
    update(&mut app, ch('?'));
    let Some(path) = app.exporting.clone() else {
        panic!("no export running")
    };
    api(
        &mut app,
        ApiEvent::Exported {
            path,
            count: 8,
            result: Err(ExportError::Failed(WHY.into())),
        },
    );
    assert!(matches!(app.mode, Mode::Help { .. }));
    assert_eq!(toast(&app), WHY);
}
