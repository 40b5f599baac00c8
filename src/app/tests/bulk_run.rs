//! update() for a bulk run: progress, one outcome each, results and cancelling.

use crossterm::event::KeyCode;

use crate::api::{ApiError, Status};
use crate::app::*;
use crate::testkit::*;

#[test]
fn bulk_run_progress_results_one_outcome_each_and_retry() {
    let mut app = loaded();
    let (run_id, ids) = start_run(&mut app, &MIXED);
    assert_eq!(
        ids,
        [
            "REQ1verifone",
            "REQ3epayReady",
            "REQ7verifone",
            "REQ8smartpay"
        ]
    );
    assert!(matches!(app.mode, Mode::Bulk));
    assert!(app.is_busy());
    started(&mut app, run_id, "REQ1verifone");
    assert_eq!(
        app.bulk().map(|r| r.in_flight.clone()),
        Some(vec!["REQ1verifone".to_string()])
    );
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    activated(
        &mut app,
        run_id,
        "REQ3epayReady",
        Err(ApiError::AlreadyActivated),
    );
    activated(
        &mut app,
        run_id,
        "REQ7verifone",
        Err(ApiError::Timeout {
            after: std::time::Duration::from_secs(30),
        }),
    );
    activated(&mut app, run_id, "REQ8smartpay", Ok(()));
    // A duplicate answer does not change a final outcome.
    activation(
        &mut app,
        "REQ1verifone",
        Some(run_id),
        Err(ApiError::AlreadyActivated),
    );
    bulk_finished(&mut app, run_id, false);
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
    assert_eq!(
        outcome("REQ5active"),
        Some(ItemState::Done(BulkResult::Skipped(
            "already active".into()
        )))
    );
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
        (2, 1, 2, 1, 0, 0)
    );
    assert_eq!(
        app.request("REQ3epayReady").map(|r| r.status.clone()),
        Some(Status::Active)
    );
    assert!(!app.is_busy() || !app.toasts.is_empty());

    // R retries the failed one under a new run id.
    match update(&mut app, ch('R')).as_slice() {
        [
            Command::BulkActivate {
                run_id: retry, ids, ..
            },
        ] => {
            assert_ne!(*retry, run_id);
            assert_eq!(ids, &["REQ7verifone".to_string()]);
            // Answers for the old run no longer count.
            activation(
                &mut app,
                "REQ7verifone",
                Some(run_id),
                Err(ApiError::AlreadyActivated),
            );
            assert_eq!(
                app.bulk().and_then(|r| r.state("REQ7verifone").cloned()),
                Some(ItemState::Queued)
            );
            activated(&mut app, *retry, "REQ7verifone", Ok(()));
            bulk_finished(&mut app, *retry, false);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        app.bulk().and_then(|r| r.state("REQ7verifone").cloned()),
        Some(ItemState::Done(BulkResult::Activated))
    );
    // Closing the results unmarks what is now active and keeps the rest.
    update(&mut app, key(KeyCode::Esc));
    assert!(matches!(app.mode, Mode::List));
    assert!(app.bulk().is_none());
    assert!(!app.is_marked("REQ1verifone"));
    assert!(app.is_marked("REQ2epayNoTid"));
}

#[test]
fn results_close_with_enter_or_q() {
    for close in [key(KeyCode::Enter), ch('q')] {
        let mut app = loaded();
        let (run_id, _) = start_run(&mut app, &["REQ1verifone"]);
        activated(&mut app, run_id, "REQ1verifone", Ok(()));
        bulk_finished(&mut app, run_id, false);
        update(&mut app, close);
        assert!(matches!(app.mode, Mode::List));
        assert!(!app.should_quit());
    }
}

#[test]
fn esc_cancels_a_running_bulk_and_the_unstarted_are_skipped() {
    let mut app = loaded();
    let (run_id, _) = start_run(&mut app, &["REQ1verifone", "REQ7verifone", "REQ8smartpay"]);
    started(&mut app, run_id, "REQ1verifone");
    assert_eq!(
        update(&mut app, key(KeyCode::Esc)),
        vec![Command::CancelBulk { run_id }]
    );
    // A second Esc does not send it again.
    assert!(update(&mut app, key(KeyCode::Esc)).is_empty());
    // The one in flight finishes.
    activated(&mut app, run_id, "REQ1verifone", Ok(()));
    bulk_finished(&mut app, run_id, true);
    let run = app.bulk().cloned().unwrap_or_else(|| panic!("a run"));
    assert_eq!(run.phase, RunPhase::Finished { cancelled: true });
    assert_eq!(
        run.state("REQ1verifone"),
        Some(&ItemState::Done(BulkResult::Activated))
    );
    assert_eq!(
        run.state("REQ7verifone"),
        Some(&ItemState::Done(BulkResult::Skipped(
            "cancelled before it started".into()
        )))
    );
}
