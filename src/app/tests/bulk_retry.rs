//! update() for one bulk run from start to retry: progress, one outcome
//! for each request, the tally, a retry of what failed, and closing.

use crossterm::event::KeyCode;

use crate::api::{ApiError, Status};
use crate::app::*;
use crate::testkit::*;

#[test]
fn bulk_run_progress_results_one_outcome_each_and_retry() {
    let mut app = loaded();
    let run_id = start_mixed(&mut app);
    answer_each(&mut app, run_id);
    one_outcome_each_and_idle(&app);
    retry_the_failed_one(&mut app, run_id);
    // Closing the results unmarks what is now active and keeps the rest.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    assert!(app.bulk().is_none());
    assert!(!app.is_marked("REQ1verifone"));
    assert!(app.is_marked("REQ2epayNoTid"));
}

/// A run over the mixed marks; its id.
fn start_mixed(app: &mut App) -> u64 {
    let (run_id, ids) = start_run(app, &MIXED);
    assert_eq!(
        ids,
        [
            "REQ1verifone",
            "REQ3epayReady",
            "REQ7verifone",
            "REQ8smartpay"
        ]
    );
    assert_eq!(
        app.scope(),
        crate::keys::Scope::BulkRunning,
        "the run goes on beside the list"
    );
    assert!(app.is_busy());
    run_id
}

/// Each request started and answered: two activated, one already active,
/// one timed out, and a late duplicate.
fn answer_each(app: &mut App, run_id: u64) {
    started(app, run_id, "REQ1verifone");
    assert_eq!(
        app.bulk().map(|r| r.in_flight.clone()),
        Some(vec!["REQ1verifone".to_string()])
    );
    activated(app, run_id, "REQ1verifone", Ok(()));
    activated(
        app,
        run_id,
        "REQ3epayReady",
        Err(ApiError::AlreadyActivated),
    );
    activated(
        app,
        run_id,
        "REQ7verifone",
        Err(ApiError::Timeout {
            after: std::time::Duration::from_secs(30),
        }),
    );
    activated(app, run_id, "REQ8smartpay", Ok(()));
    // A duplicate answer does not change a final outcome.
    activation(
        app,
        "REQ1verifone",
        Some(run_id),
        Err(ApiError::AlreadyActivated),
    );
    bulk_finished(app, run_id, false);
}

fn one_outcome_each_and_idle(app: &App) {
    let run = app.bulk().cloned().unwrap_or_else(|| panic!("a run"));
    assert_eq!(run.phase, RunPhase::Finished { cancelled: false });
    let outcome = |id: &str| run.state(id).cloned();
    assert_eq!(
        outcome("REQ1verifone"),
        Some(ItemState::Done(BulkResult::Activated))
    );
    assert_eq!(
        outcome("REQ3epayReady"),
        Some(ItemState::Done(BulkResult::AlreadyActive(None)))
    );
    assert!(
        matches!(outcome("REQ7verifone"), Some(ItemState::Done(BulkResult::Failed(s))) if s.starts_with("The request timed out"))
    );
    assert_eq!(
        outcome("REQ2epayNoTid"),
        Some(ItemState::Done(BulkResult::Skipped(
            "epay: terminalId missing".into()
        )))
    );
    // Already active before the run is the same outcome as the server's
    // refusal: one word, counted once.
    assert!(matches!(
        outcome("REQ5active"),
        Some(ItemState::Done(BulkResult::AlreadyActive(_)))
    ));
    assert_eq!(run.items.len(), 6, "exactly one outcome per request");
    let c = run.tally();
    assert_eq!(
        (
            c.of(BulkKind::Activated),
            c.of(BulkKind::AlreadyActive),
            c.of(BulkKind::Skipped),
            c.of(BulkKind::Failed),
            c.in_flight,
            c.waiting
        ),
        (2, 2, 1, 1, 0, 0)
    );
    assert_eq!(
        app.request("REQ3epayReady").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    // The run is over: nothing is in flight, so the only thing that may
    // still keep the console busy is the toast announcing the end.
    assert!(app.bulk().is_some_and(|r| !r.is_running()));
    assert!(app.activating.is_empty());
    assert_eq!(app.is_busy(), !app.toasts.is_empty());
}

/// R retries the failed one under a new run id.
fn retry_the_failed_one(app: &mut App, run_id: u64) {
    match update(app, ch('R')).as_slice() {
        [
            Command::Api(WorkerCall::BulkActivate {
                run_id: retry, ids, ..
            }),
        ] => {
            assert_ne!(*retry, run_id);
            assert_eq!(ids, &["REQ7verifone".to_string()]);
            // Answers for the old run no longer count.
            activation(
                app,
                "REQ7verifone",
                Some(run_id),
                Err(ApiError::AlreadyActivated),
            );
            assert_eq!(
                app.bulk().and_then(|r| r.state("REQ7verifone").cloned()),
                Some(ItemState::Queued)
            );
            activated(app, *retry, "REQ7verifone", Ok(()));
            bulk_finished(app, *retry, false);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.bulk().and_then(|r| r.state("REQ7verifone").cloned()),
        Some(ItemState::Done(BulkResult::Activated))
    );
}
