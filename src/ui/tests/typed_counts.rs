//! The typed count on production for a retry of failed activations and an
//! import's "set, then activate", with footers that name the keys that work.

use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::api::ApiError;
use crate::app::fixtures::*;
use crate::app::{Action, App, AppConfig, update};
use crate::ui::draw;

/// The size arrives as an action first, as the event loop sends it.
fn terminal(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| draw(f, app)).expect("a frame");
    t
}

fn production() -> App {
    loaded_with(AppConfig {
        profile: "live".into(),
        safety: production_safety(1),
        ..config()
    })
}

/// The text of the row the cursor is on.
fn cursor_row(t: &Terminal<TestBackend>) -> String {
    let mut t = t.backend().clone();
    let pos = ratatui::backend::Backend::get_cursor_position(&mut t).expect("a cursor");
    let buf = t.buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, pos.y)].symbol().to_string())
        .collect()
}

#[test]
fn retry_dialog_on_production() {
    let mut app = production();
    for id in ["REQ1verifone", "REQ7verifone"] {
        update(&mut app, ch('g'));
        while cursor_id(&app) != id {
            update(&mut app, ch('j'));
        }
        update(&mut app, ch(' '));
    }
    update(&mut app, ch('A'));
    typed(&mut app, "2");
    update(&mut app, key(KeyCode::Enter));
    let run_id = app.bulk().map(|r| r.run_id).expect("a run");
    for id in ["REQ1verifone", "REQ7verifone"] {
        activation(
            &mut app,
            id,
            Some(run_id),
            Err(ApiError::Timeout {
                after: std::time::Duration::from_secs(3),
            }),
        );
    }
    bulk_finished(&mut app, run_id, false);
    update(&mut app, ch('R'));
    typed(&mut app, "2");
    let t = terminal(&mut app, 80, 24);
    let screen = t.backend().to_string();
    insta::assert_snapshot!("retry_confirm_typed_80x24", screen);
    assert!(screen.contains("Retry 2 failed requests?"), "{screen}");
    assert!(
        screen.contains("PRODUCTION: type 2 (the number of requests) to run."),
        "{screen}"
    );
    assert!(
        screen.contains("0-9 type the count  Enter activate  Esc cancel"),
        "{screen}"
    );
    assert!(cursor_row(&t).contains("count: 2"));
}

#[test]
fn import_count_on_production() {
    let mut app = production();
    import_preview(&mut app);
    update(&mut app, ch('a'));
    typed(&mut app, "2");
    update(&mut app, key(KeyCode::Enter));
    let t = terminal(&mut app, 100, 30);
    let screen = t.backend().to_string();
    insta::assert_snapshot!("import_count_typed_100x30", screen);
    // Two set and activated, and REQ3, which already holds the file's value.
    assert!(
        screen.contains("Activate 3 requests, setting their terminalIds first?"),
        "{screen}"
    );
    assert!(
        screen.contains("PRODUCTION: type 3 (the number of requests) to go on."),
        "{screen}"
    );
    assert!(
        screen.contains("2 is not 3: type 3 to start the run."),
        "{screen}"
    );
    assert!(
        screen.contains("0-9 type the count  Enter set and activate  Esc back to the preview"),
        "{screen}"
    );
    assert!(cursor_row(&t).contains("count: 2"));
}
