//! What the console benchmarks share: a loaded app and one frame.

use intake::api::{IntegrationRequest, Status};
use intake::app::{Action, ApiEvent, App, AppConfig, Command, WorkerCall, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const WIDTH: u16 = 200;
pub const HEIGHT: u16 = 50;

pub fn config() -> AppConfig {
    AppConfig {
        profile: "bench".into(),
        demo: true,
        concurrency: 8,
        color: true,
        tz: chrono::FixedOffset::east_opt(13 * 3600).expect("a valid offset"),
        ..intake::testkit::config()
    }
}

/// `n` requests, all pending: the worst case, where every row is shown.
pub fn requests(n: usize) -> Vec<IntegrationRequest> {
    let mut all = intake::sim::seed::generate(7, Some(n)).requests;
    for r in &mut all {
        r.status = Status::Pending;
    }
    all
}

pub fn loaded_app(items: Vec<IntegrationRequest>) -> App {
    let now = items
        .iter()
        .filter_map(|r| r.updated_at)
        .max()
        .unwrap_or_else(chrono::Utc::now);
    let mut app = App::new(config(), now);
    let load_id = app
        .init()
        .into_iter()
        .find_map(|c| match c {
            Command::Api(WorkerCall::Load { load_id, .. }) => Some(load_id),
            _ => None,
        })
        .expect("the console loads on start");
    update(
        &mut app,
        Action::Api(ApiEvent::Page {
            load_id,
            items,
            done: true,
        }),
    );
    app
}

/// One frame, as the event loop draws it: a size the app has not seen
/// arrives as an action first.
pub fn frame(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    let size = terminal.size().expect("a TestBackend has a size");
    if app.viewport().area.as_size() != size {
        update(app, Action::Resize(size.width, size.height));
    }
    terminal
        .draw(|f| intake::ui::draw(f, app))
        .expect("drawing into a TestBackend cannot fail");
}
