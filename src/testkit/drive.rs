//! Short ways to put an `App` into a state through `update`, and to read
//! back what the tests look at.

use crate::api::retry::Activation;
use crate::api::{ApiError, IntegrationRequest, Status};
use crate::app::{
    Action, ApiEvent, App, AppConfig, Command, Form, Mode, Prompt, WorkerCall, update,
};
use crate::ops::{Done, OpError, Updated};

use super::fixtures::{config, merchants, now, production_safety, requests};
use super::input::{ch, key, typed};

/// An app after its first load delivered `requests()` in one page.
pub fn loaded() -> App {
    loaded_with(config())
}

/// `loaded()` on a production profile (see [`production_safety`]).
pub fn production(confirm_typed_over: usize) -> App {
    loaded_with(AppConfig {
        safety: production_safety(confirm_typed_over),
        ..config()
    })
}

/// `loaded()` once every merchant lookup has answered.
pub fn named() -> App {
    let mut app = loaded();
    for (id, m) in merchants() {
        update(
            &mut app,
            Action::Api(ApiEvent::Merchant {
                merchant_id: id.into(),
                merchant: m,
            }),
        );
    }
    app
}

/// An app with `cfg` after its first (and only) load delivered
/// `requests()` in one page.
pub fn loaded_with(cfg: AppConfig) -> App {
    let mut app = App::new(cfg, now());
    let cmds = app.init();
    assert_eq!(cmds.len(), 1);
    update(
        &mut app,
        Action::Api(ApiEvent::Page {
            load_id: 1,
            items: requests(),
            done: true,
        }),
    );
    app
}

pub fn api(app: &mut App, e: ApiEvent) -> Vec<Command> {
    update(app, Action::Api(e))
}

pub fn page(load_id: u64, items: Vec<IntegrationRequest>, done: bool) -> ApiEvent {
    ApiEvent::Page {
        load_id,
        items,
        done,
    }
}

/// The load id of the one `Load` in `cmds`.
pub fn load_id(cmds: &[Command]) -> u64 {
    match cmds {
        [Command::Api(WorkerCall::Load { load_id, .. })] => *load_id,
        other => panic!("expected one Load, got {other:?}"),
    }
}

/// Put the cursor on `id`, walking down from the top with `j`.
pub fn move_to(app: &mut App, id: &str) {
    update(app, ch('g'));
    for _ in 0..app.visible_len() {
        if cursor_id(app) == id {
            return;
        }
        update(app, ch('j'));
    }
    panic!("{id} is not visible");
}

/// Mark each of `ids` with Space.
pub fn mark(app: &mut App, ids: &[&str]) {
    for id in ids {
        move_to(app, id);
        update(app, ch(' '));
    }
}

/// `a` on row `id` and `y` to the question: what that sends.
pub fn confirm_activation(app: &mut App, id: &str) -> Vec<Command> {
    move_to(app, id);
    update(app, ch('a'));
    update(app, ch('y'))
}

/// `t` on row `id`, with `text` typed into the form (not submitted).
pub fn edit_terminal_id(app: &mut App, id: &str, text: &str) {
    move_to(app, id);
    update(app, ch('t'));
    typed(app, text);
}

/// Mark, confirm with Enter, and return the run's id and ids.
pub fn start_run(app: &mut App, ids: &[&str]) -> (u64, Vec<String>) {
    mark(app, ids);
    update(app, ch('A'));
    match update(app, key(crossterm::event::KeyCode::Enter)).as_slice() {
        [
            Command::Api(WorkerCall::BulkActivate {
                run_id,
                ids,
                held,
                concurrency,
            }),
        ] => {
            assert_eq!(*concurrency, 4);
            // The console's copies go along, so the worker reads nothing first.
            assert_eq!(held.len(), ids.len());
            (*run_id, ids.clone())
        }
        other => panic!("{other:?}"),
    }
}

/// The running bulk's id.
pub fn run_id(app: &App) -> u64 {
    app.bulk().map(|r| r.run_id).expect("a run")
}

/// The worker's word that bulk run `run_id` is sending `id`.
pub fn started(app: &mut App, run_id: u64, id: &str) -> Vec<Command> {
    api(
        app,
        ApiEvent::BulkStarted {
            run_id,
            id: id.into(),
        },
    )
}

/// The worker's answers for one id of bulk run `run_id`: started, then
/// activated (`Ok`) or the error.
/// An activation whose answer did not come in time: `activated(…, timeout())`.
pub fn timeout() -> Result<(), ApiError> {
    Err(ApiError::Timeout {
        after: std::time::Duration::from_secs(30),
    })
}

pub fn activated(app: &mut App, run_id: u64, id: &str, result: Result<(), ApiError>) {
    started(app, run_id, id);
    let result = result.map(|()| {
        let mut r = app.request(id).cloned().unwrap_or_else(|| panic!("{id}"));
        r.status = Status::Active;
        Activation::Activated(r)
    });
    activation(app, id, Some(run_id), result);
}

/// The worker's answer to activating `id`, alone (`run_id` `None`) or in a
/// run: made and recorded, or the API's error (as ops passes it on).
pub fn activation(
    app: &mut App,
    id: &str,
    run_id: Option<u64>,
    result: Result<Activation, ApiError>,
) -> Vec<Command> {
    api(
        app,
        ApiEvent::Activated {
            id: id.into(),
            run_id,
            result: result.map(recorded).map_err(OpError::Api),
        },
    )
}

/// A change made and recorded, as ops answers it.
pub fn recorded<T>(value: T) -> Done<T> {
    Done {
        value,
        unrecorded: None,
    }
}

/// The worker's word that bulk run `run_id` is over.
pub fn bulk_finished(app: &mut App, run_id: u64, cancelled: bool) -> Vec<Command> {
    api(app, ApiEvent::BulkFinished { run_id, cancelled })
}

/// `activated` for the bulk run in progress.
pub fn bulk_activated(app: &mut App, id: &str, result: Result<(), ApiError>) {
    let run_id = run_id(app);
    activated(app, run_id, id, result);
}

/// Row `id` as the app holds it, with terminalId `tid` instead.
pub fn with_terminal(app: &App, id: &str, tid: Option<&str>) -> IntegrationRequest {
    let mut r = app.request(id).cloned().expect("row");
    r.terminal_id = tid.map(str::to_string);
    r
}

/// The worker's answer that `id` holds `current`, set since the operator looked.
pub fn set_meanwhile(app: &mut App, id: &str, current: IntegrationRequest) -> Vec<Command> {
    api(
        app,
        ApiEvent::Updated {
            id: id.into(),
            result: Err(OpError::WouldReplace {
                id: id.into(),
                current: current.terminal_id.clone().unwrap_or_default(),
                wanted: String::new(),
                request: Box::new(current),
            }),
        },
    )
}

/// The worker's answer that `saved` was written.
pub fn updated(app: &mut App, saved: IntegrationRequest) -> Vec<Command> {
    api(
        app,
        ApiEvent::Updated {
            id: saved.id.clone(),
            result: Ok(recorded(Updated::Set(saved))),
        },
    )
}

pub fn cursor_id(app: &App) -> String {
    app.cursor_request()
        .map(|r| r.id.clone())
        .unwrap_or_default()
}

pub fn visible_ids(app: &App) -> Vec<String> {
    (0..app.visible_len())
        .filter_map(|i| app.visible_request(i))
        .map(|r| r.id.clone())
        .collect()
}

/// The text of the toast showing, or "".
pub fn toast(app: &App) -> String {
    app.current_toast()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

pub fn form(app: &App) -> &Form {
    match &app.mode {
        Mode::Form(f) => f,
        other => panic!("expected the terminalId form, got {other:?}"),
    }
}

pub fn prompt(app: &App) -> &Prompt {
    match &app.mode {
        Mode::Prompt(p) => p,
        other => panic!("expected a path prompt, got {other:?}"),
    }
}

/// Replace the form's text with `text`.
pub fn retype(app: &mut App, text: &str) {
    for _ in 0..40 {
        update(app, key(crossterm::event::KeyCode::Backspace));
    }
    typed(app, text);
}
