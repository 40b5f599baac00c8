//! update() for the live queue: when the list refreshes itself, what a
//! refresh marks new, changed and gone, and what the cursor clears.

use std::time::Duration;

use chrono::TimeDelta;
use crossterm::event::KeyCode;

use crate::api::{IntegrationRequest, IntegrationType, Status};
use crate::app::*;
use crate::testkit::*;

pub(super) const OTHER: &str = "crn:Jaim1Cu1Q55uooxSens6yk:user:kim";

pub(super) fn live() -> App {
    loaded_with(AppConfig {
        auto_refresh: Some(Duration::from_secs(60)),
        ..config()
    })
}

/// Ticks a minute on: whether that started a refresh.
fn refreshes(app: &mut App) -> bool {
    let at = app.now() + TimeDelta::seconds(61);
    let cmds = update(app, Action::Tick(at));
    matches!(cmds.as_slice(), [Command::Api(WorkerCall::Load { .. })])
}

/// A refresh (`r`) answered with `items` in one page: what that sends.
fn refresh_with(app: &mut App, items: Vec<IntegrationRequest>) -> Vec<Command> {
    let id = load_id(&update(app, ch('r')));
    api(app, page(id, items, true))
}

fn newcomer(id: &str) -> IntegrationRequest {
    req(
        id,
        IntegrationType::Epay,
        Status::Pending,
        "5f9b343b1007e910f9a8eab8",
        None,
        TimeDelta::minutes(3),
    )
}

fn without(ids: &[&str]) -> Vec<IntegrationRequest> {
    requests()
        .into_iter()
        .filter(|r| !ids.contains(&r.id.as_str()))
        .collect()
}

/// The worker's reads of what left; `None`: one of them failed.
fn left_read(app: &mut App, reads: Option<Vec<IntegrationRequest>>, total: usize) {
    let reads = reads.ok_or(crate::api::ApiError::Timeout {
        after: std::time::Duration::from_secs(30),
    });
    api(app, ApiEvent::LeftRead { reads, total });
}

fn gone(id: &str, status: Status, by: &str) -> IntegrationRequest {
    let mut r = requests()
        .into_iter()
        .find(|r| r.id == id)
        .expect("a fixture request");
    r.status = status;
    r.updated_by = Some(by.into());
    r
}

#[test]
fn refreshes_every_interval_when_idle() {
    let mut app = live();
    let at = app.now() + TimeDelta::seconds(30);
    assert!(update(&mut app, Action::Tick(at)).is_empty());
    assert!(refreshes(&mut app));
}

#[test]
fn paused_while_a_form_is_open() {
    let mut app = live();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000023");
    assert!(!refreshes(&mut app));
    update(&mut app, key(KeyCode::Esc));
    assert!(refreshes(&mut app));
}

#[test]
fn paused_while_a_question_is_asked() {
    let mut app = live();
    move_to(&mut app, "REQ3epayReady");
    update(&mut app, ch('a'));
    assert!(matches!(app.mode(), Mode::Asking(_)));
    assert!(!refreshes(&mut app));
}

#[test]
fn paused_while_a_prompt_is_open() {
    let mut app = live();
    update(&mut app, ch('e'));
    assert!(matches!(app.mode(), Mode::Prompt(_)));
    assert!(!refreshes(&mut app));
}

#[test]
fn paused_while_help_or_messages_are_open() {
    let mut app = live();
    update(&mut app, ch('?'));
    assert!(matches!(app.mode(), Mode::Help { .. }));
    assert!(!refreshes(&mut app));
    update(&mut app, key(KeyCode::Esc));
    update(&mut app, ch('m'));
    assert!(matches!(app.mode(), Mode::Messages { .. }));
    assert!(!refreshes(&mut app));
}

#[test]
fn paused_while_an_import_preview_is_open() {
    let mut app = live();
    import_preview(&mut app);
    assert!(!refreshes(&mut app));
}

#[test]
fn paused_while_a_bulk_run_or_its_quit_question_is_open() {
    let mut app = live();
    start_run(&mut app, &["REQ1verifone"]);
    assert!(!refreshes(&mut app));
    update(&mut app, ch('q'));
    assert!(app.asking.is_some());
    assert!(!refreshes(&mut app));
}

#[test]
fn paused_while_a_save_is_in_flight() {
    let mut app = live();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000023");
    update(&mut app, key(KeyCode::Enter));
    assert!(!app.saving.is_empty());
    assert!(!refreshes(&mut app));
}

#[test]
fn paused_while_an_activation_is_in_flight() {
    let mut app = live();
    confirm_activation(&mut app, "REQ3epayReady");
    assert!(!app.activating.is_empty());
    assert!(!refreshes(&mut app));
}

#[test]
fn the_first_load_marks_nothing_new() {
    let app = live();
    assert_eq!(app.new_len(), 0);
    assert!(requests().iter().all(|r| !app.is_new(&r.id)));
}

#[test]
fn a_load_after_p_marks_nothing_new() {
    let mut app = live();
    let id = load_id(&update(&mut app, ch('p')));
    let mut all = requests();
    all.push(newcomer("REQ9new"));
    api(&mut app, page(id, all, true));
    assert!(!app.is_new("REQ9new"));
    assert_eq!(app.new_len(), 0);
}

#[test]
fn a_new_row_is_marked_until_the_cursor_has_been_on_it() {
    let mut app = live();
    let mut all = requests();
    all.push(newcomer("REQ9new"));
    let cmds = refresh_with(&mut app, all);
    assert!(
        !cmds
            .iter()
            .any(|c| matches!(c, Command::Api(WorkerCall::ReadLeft { .. })))
    );
    assert!(app.is_new("REQ9new"));
    assert_eq!(app.new_len(), 1);
    // On it, it is still new (the detail says so)...
    move_to(&mut app, "REQ9new");
    assert!(app.is_new("REQ9new"));
    // ...and once the cursor leaves, it has been seen.
    update(&mut app, ch('g'));
    assert!(!app.is_new("REQ9new"));
    assert_eq!(app.new_len(), 0);
}

#[test]
fn a_row_someone_else_changed_says_who_and_what() {
    let mut app = live();
    let mut all = requests();
    let r = all
        .iter_mut()
        .find(|r| r.id == "REQ2epayNoTid")
        .expect("fixture");
    r.terminal_id = Some("T-123".into());
    r.updated_by = Some(OTHER.into());
    r.updated_at = Some(now() - TimeDelta::minutes(2));
    refresh_with(&mut app, all);
    let change = app.change_of("REQ2epayNoTid").expect("changed");
    assert_eq!(change.by.as_deref(), Some(OTHER));
    assert_eq!(change.what, "terminalId - → T-123");
    assert_eq!(change.at, Some(now() - TimeDelta::minutes(2)));
    // Unchanged rows carry nothing.
    assert!(app.change_of("REQ1verifone").is_none());
    move_to(&mut app, "REQ2epayNoTid");
    assert!(app.change_of("REQ2epayNoTid").is_some());
    update(&mut app, ch('j'));
    assert!(app.change_of("REQ2epayNoTid").is_none());
}

#[test]
fn this_consoles_own_save_is_not_a_change() {
    let mut app = live();
    edit_terminal_id(&mut app, "REQ2epayNoTid", "11000055");
    update(&mut app, key(KeyCode::Enter));
    let mut saved = with_terminal(&app, "REQ2epayNoTid", Some("11000055"));
    saved.updated_at = Some(now());
    updated(&mut app, saved.clone());
    let all: Vec<_> = requests()
        .into_iter()
        .map(|r| if r.id == saved.id { saved.clone() } else { r })
        .collect();
    refresh_with(&mut app, all);
    assert!(app.change_of("REQ2epayNoTid").is_none());
}

#[test]
fn rows_that_left_are_read_once_and_toasted_with_reasons() {
    let mut app = live();
    let cmds = refresh_with(
        &mut app,
        without(&["REQ1verifone", "REQ7verifone", "REQ8smartpay"]),
    );
    let Some(Command::Api(WorkerCall::ReadLeft { ids, total })) = cmds
        .iter()
        .find(|c| matches!(c, Command::Api(WorkerCall::ReadLeft { .. })))
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(*total, 3);
    assert_eq!(ids.len(), 3);
    left_read(
        &mut app,
        Some(vec![
            gone("REQ1verifone", Status::Active, OTHER),
            gone("REQ7verifone", Status::Active, OTHER),
            gone("REQ8smartpay", Status::Rejected, OTHER),
        ]),
        3,
    );
    let text = format!("3 left the queue: 2 activated by {OTHER}, 1 rejected by {OTHER}.");
    assert_eq!(toast(&app), text);
    assert!(app.messages().newest_first().any(|m| m.text == text));
}

#[test]
fn rows_that_left_without_reads_are_only_counted() {
    let mut app = live();
    refresh_with(&mut app, without(&["REQ1verifone", "REQ7verifone"]));
    left_read(&mut app, None, 2);
    assert_eq!(toast(&app), "2 left the queue.");
}

#[test]
fn more_rows_left_than_are_read_say_and_n_more() {
    let mut app = live();
    let many: Vec<IntegrationRequest> = (0..LEFT_READ_CAP + 7)
        .map(|i| newcomer(&format!("REQ{i:03}many")))
        .collect();
    let mut all = requests();
    all.extend(many.clone());
    refresh_with(&mut app, all);
    let cmds = refresh_with(&mut app, requests());
    let Some(Command::Api(WorkerCall::ReadLeft { ids, total })) = cmds
        .iter()
        .find(|c| matches!(c, Command::Api(WorkerCall::ReadLeft { .. })))
    else {
        panic!("{cmds:?}");
    };
    assert_eq!((ids.len(), *total), (LEFT_READ_CAP, LEFT_READ_CAP + 7));
    let reads = many
        .iter()
        .take(LEFT_READ_CAP)
        .map(|r| gone_as(r, Status::Active, OTHER))
        .collect();
    left_read(&mut app, Some(reads), LEFT_READ_CAP + 7);
    assert_eq!(
        toast(&app),
        format!(
            "{} left the queue: {LEFT_READ_CAP} activated by {OTHER}, and 7 more.",
            LEFT_READ_CAP + 7
        )
    );
}

fn gone_as(r: &IntegrationRequest, status: Status, by: &str) -> IntegrationRequest {
    let mut r = r.clone();
    r.status = status;
    r.updated_by = Some(by.into());
    r
}

#[test]
fn marks_on_rows_that_left_are_dropped() {
    let mut app = live();
    mark(&mut app, &["REQ1verifone", "REQ7verifone"]);
    assert_eq!(app.marked_len(), 2);
    refresh_with(&mut app, without(&["REQ1verifone"]));
    assert!(!app.is_marked("REQ1verifone"));
    assert!(app.is_marked("REQ7verifone"));
    assert_eq!(app.marked_len(), 1);
}

#[test]
fn the_cursor_keeps_its_request_or_the_nearest_row() {
    let mut app = live();
    move_to(&mut app, "REQ7verifone");
    let mut all = without(&["REQ1verifone"]);
    all.push(newcomer("REQ9new"));
    refresh_with(&mut app, all);
    assert_eq!(cursor_id(&app), "REQ7verifone");
    // Its own request gone, the cursor stays where it was on the screen.
    let pos = app.cursor();
    refresh_with(&mut app, without(&["REQ1verifone", "REQ7verifone"]));
    assert!(app.cursor() <= pos);
    assert!(app.cursor() < app.visible_len());
}

#[test]
fn the_filter_stays_across_a_refresh() {
    let mut app = live();
    app.set_filter_text("verifone");
    let shown = app.visible_len();
    refresh_with(&mut app, requests());
    assert_eq!(app.filter_text(), "verifone");
    assert_eq!(app.visible_len(), shown);
}
