//! update() for what a question leads to: declining an export's replace
//! question, and the bulk dialog's missing terminalIds entered one form at
//! a time, then looked at once more before anything is sent.

use crossterm::event::KeyCode;

use crate::app::*;
use crate::export::ExportError;
use crate::testkit::*;

fn logged(app: &App) -> Vec<String> {
    app.messages()
        .newest_first()
        .rev()
        .map(|m| m.text.clone())
        .collect()
}

/// Declining to replace the file logs that nothing was written, and never
/// that an export began.
#[test]
fn declining_an_export_replace_logs_nothing_about_exporting() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    for _ in 0..40 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "out.csv");
    update(&mut app, key(KeyCode::Enter));
    api(
        &mut app,
        ApiEvent::Exported {
            path: "out.csv".into(),
            count: 8,
            result: Err(ExportError::Exists),
        },
    );
    assert_eq!(app.question(), Some(Question::ExportOverwrite));
    update(&mut app, ch('n'));
    let log = logged(&app);
    assert!(log.iter().all(|m| !m.contains("Exporting")), "{log:?}");
    assert_eq!(
        log.last().map(String::as_str),
        Some("Nothing was written: out.csv was left as it was.")
    );
    // Saying yes the second time is an export that goes ahead: logged.
    update(&mut app, key(KeyCode::Enter));
    api(
        &mut app,
        ApiEvent::Exported {
            path: "out.csv".into(),
            count: 8,
            result: Err(ExportError::Exists),
        },
    );
    update(&mut app, ch('y'));
    let log = logged(&app);
    assert_eq!(
        log.last().map(String::as_str),
        Some("Exporting 8 requests to out.csv…")
    );
}
