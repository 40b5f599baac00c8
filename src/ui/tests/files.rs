//! Files: the question before an export replaces a file, and the import
//! prompt kept open with its error after a plan that failed.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::fixtures::*;
use crate::app::{Action, ApiEvent, App, update};
use crate::export::ExportError;
use crate::ui::draw;

fn screen(app: &mut App, w: u16, h: u16) -> String {
    update(app, Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| draw(f, app)).expect("a frame");
    t.backend().to_string()
}

#[test]
fn export_over_a_file_that_exists_asks_first() {
    let mut app = loaded();
    update(&mut app, ch('e'));
    for _ in 0..40 {
        update(&mut app, key(KeyCode::Backspace));
    }
    typed(&mut app, "~/exports/today.csv");
    update(&mut app, key(KeyCode::Enter));
    api(
        &mut app,
        ApiEvent::Exported {
            path: "~/exports/today.csv".into(),
            count: 8,
            result: Err(ExportError::Exists),
        },
    );
    let screen = screen(&mut app, 100, 30);
    assert!(screen.contains("~/exports/today.csv"), "{screen}");
    assert!(screen.contains("[y] replace the file"), "{screen}");
    insta::assert_snapshot!("export_overwrite_100x30", screen);
}

#[test]
fn a_failed_import_plan_keeps_the_prompt_with_its_error() {
    let mut app = loaded();
    start_import(&mut app, "terms.csv");
    api(
        &mut app,
        ApiEvent::ImportPlanned {
            path: "terms.csv".into(),
            result: Err(crate::ops::PlanError::File(
                "Could not open terms.csv (No such file or directory (os error 2)); check the path and that the file is readable."
                    .into(),
            )),
        },
    );
    let screen = screen(&mut app, 100, 30);
    assert!(screen.contains("file: terms.csv "), "{screen}");
    assert!(!screen.contains("terms.csvterms.csv"), "{screen}");
    insta::assert_snapshot!("import_prompt_failed_100x30", screen);
}
