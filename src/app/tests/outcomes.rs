//! Truthful activation outcomes (confirmed active, already active by whom)
//! and startup warnings, through the pure update.

use crossterm::event::KeyCode;

use crate::api::retry::Activation;
use crate::api::{ApiError, IntegrationRequest, Status};
use crate::app::*;
use crate::testkit::*;

const BY: &str = "crn::user:OtherOperator1";

fn active(app: &App, id: &str, by: Option<&str>) -> IntegrationRequest {
    let mut r = app.request(id).cloned().expect("a row");
    r.status = Status::Active;
    r.updated_by = by.map(str::to_string);
    r
}

fn toast(app: &App) -> Toast {
    app.current_toast().cloned().expect("a toast")
}

#[test]
fn a_startup_warning_is_an_error_toast_that_stays_a_while() {
    let warned = AppConfig {
        warnings: vec![
            "Warning: /home/op/.config/intake/config.toml holds an API key and is readable by other users; run chmod 600 /home/op/.config/intake/config.toml".into(),
        ],
        ..config()
    };
    let mut app = App::new(warned, now());
    app.init();
    let t = toast(&app);
    assert_eq!(t.kind, ToastKind::Error);
    assert!(t.text.contains("holds an API key"), "{}", t.text);
    update(
        &mut app,
        Action::Tick(now() + chrono::TimeDelta::seconds(5)),
    );
    assert!(
        app.current_toast()
            .is_some_and(|t| t.text.contains("chmod 600")),
        "still shown after 5s"
    );
    // Without warnings, init shows nothing.
    let mut quiet = App::new(config(), now());
    quiet.init();
    assert!(quiet.current_toast().is_none());
}

/// `a`, `y` on REQ1verifone, and the worker's `answer` carrying the row as
/// another operator activated it.
fn answered_by_other(app: &mut App, answer: fn(Option<IntegrationRequest>) -> Activation) {
    confirm_activation(app, "REQ1verifone");
    let r = active(app, "REQ1verifone", Some(BY));
    activation(app, "REQ1verifone", None, Ok(answer(Some(r))));
}

#[test]
fn a_lost_answer_read_back_active_is_confirmed_not_activated() {
    let mut app = loaded();
    answered_by_other(&mut app, Activation::Confirmed);
    let t = toast(&app);
    assert_eq!(t.kind, ToastKind::Info);
    assert!(
        t.text.starts_with("REQ1verifone is confirmed active"),
        "{}",
        t.text
    );
    assert!(!t.text.contains("Activated"), "{}", t.text);
    assert_eq!(
        app.request("REQ1verifone").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    assert!(app.activating.is_empty());
}

#[test]
fn already_active_names_who_activated_it() {
    let mut app = loaded();
    answered_by_other(&mut app, Activation::AlreadyActive);
    assert_eq!(
        toast(&app).text,
        format!("REQ1verifone was already active (activated by {BY}).")
    );
    assert_eq!(
        app.request("REQ1verifone")
            .and_then(|r| r.updated_by.clone())
            .as_deref(),
        Some(BY),
        "the server's copy replaces the row"
    );
}

const FOUR: [&str; 4] = [
    "REQ1verifone",
    "REQ3epayReady",
    "REQ7verifone",
    "REQ8smartpay",
];

#[test]
fn bulk_results_count_activated_confirmed_and_already_active_apart() {
    let mut app = loaded();
    for id in FOUR {
        move_to(&mut app, id);
        update(&mut app, ch(' '));
    }
    update(&mut app, ch('A'));
    let run_id = match update(&mut app, key(KeyCode::Enter)).as_slice() {
        [Command::Api(WorkerCall::BulkActivate { run_id, .. })] => *run_id,
        other => panic!("{other:?}"),
    };
    answer_each_kind(&mut app, run_id);
    let run = app.bulk().cloned().expect("a run");
    let c = run.tally();
    assert_eq!(
        (
            c.of(BulkKind::Activated),
            c.of(BulkKind::Confirmed),
            c.of(BulkKind::AlreadyActive),
            c.of(BulkKind::Failed)
        ),
        (1, 1, 2, 0)
    );
    let text = |id: &str| run.state(id).map(ItemState::text).expect("an outcome");
    assert_eq!(text("REQ1verifone"), "activated");
    assert!(
        text("REQ3epayReady").starts_with("confirmed active"),
        "{}",
        text("REQ3epayReady")
    );
    assert_eq!(
        text("REQ7verifone"),
        format!("already active (activated by {BY})")
    );
    assert_eq!(
        text("REQ8smartpay"),
        "already active: activated by someone else"
    );
    for id in FOUR {
        assert_eq!(
            app.request(id).map(|r| r.status.clone()),
            Some(Status::Active),
            "{id}"
        );
    }
}

/// One answer of each kind: activated, confirmed active, already active by
/// a known hand, and already active by an unknown one.
fn answer_each_kind(app: &mut App, run_id: u64) {
    let ok = active(app, "REQ1verifone", None);
    activation(
        app,
        "REQ1verifone",
        Some(run_id),
        Ok(Activation::Activated(ok)),
    );
    let confirmed = active(app, "REQ3epayReady", None);
    activation(
        app,
        "REQ3epayReady",
        Some(run_id),
        Ok(Activation::Confirmed(Some(confirmed))),
    );
    let by = active(app, "REQ7verifone", Some(BY));
    activation(
        app,
        "REQ7verifone",
        Some(run_id),
        Ok(Activation::AlreadyActive(Some(by))),
    );
    activation(
        app,
        "REQ8smartpay",
        Some(run_id),
        Err(ApiError::AlreadyActivated),
    );
    bulk_finished(app, run_id, false);
}

/// One word per result: the summary counts a kind under the word every
/// line of that kind starts with, for bulk and import alike.
#[test]
fn every_result_line_starts_with_the_word_its_summary_counts() {
    fn check<R: RunResult>(results: &[R]) {
        let mut kinds = Vec::new();
        for r in results {
            let word = R::word(r.kind());
            assert!(
                r.text().starts_with(word),
                "{:?} reads {:?}, counted as {word:?}",
                r,
                r.text()
            );
            kinds.push(r.kind());
        }
        for k in R::KINDS {
            assert!(kinds.contains(k), "{k:?} is not checked");
        }
    }
    check(&[
        BulkResult::Activated,
        BulkResult::Confirmed,
        BulkResult::AlreadyActive(Some(BY.into())),
        BulkResult::AlreadyActive(None),
        BulkResult::Skipped("why".into()),
        BulkResult::Failed("why".into()),
        BulkResult::NotLogged("what".into()),
    ]);
    check(&[
        ImportResult::Set,
        ImportResult::Unchanged,
        ImportResult::Skipped("why".into()),
        ImportResult::Failed("why".into()),
        ImportResult::NotLogged("what".into()),
    ]);
}
