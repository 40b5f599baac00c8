//! activate_many against the in-process simulator: one outcome per id,
//! refusals, cancel, stop and resume.

use std::collections::HashMap;
use std::ops::ControlFlow;

use crate::api::retry::Activation;
use crate::api::{IntegrationType::*, Status};
use crate::audit::{AuditLog, Event};
use crate::ops::testing::{Bench, req};
use crate::ops::*;

/// Run `ids` and collect each id's outcome as a word.
async fn run_all(
    b: &Bench,
    start: RunStart,
    jobs: Vec<ActivateJob>,
    cancel: &Cancel,
    mut on: impl FnMut(&str) -> ControlFlow<()> + Send,
) -> (RunSummary, HashMap<String, String>) {
    let mut seen = HashMap::new();
    let summary = b
        .ops
        .activate_many(
            start,
            jobs,
            1,
            Order::AsGiven,
            cancel,
            |event| match event {
                RunEvent::Sending { .. } => ControlFlow::Continue(()),
                RunEvent::Finished { id, result } => {
                    let word = match result {
                        Ok(done) => done.value.label().to_string(),
                        Err(e) => e.label().to_string(),
                    };
                    assert!(
                        seen.insert(id.to_string(), word).is_none(),
                        "one outcome per id"
                    );
                    on(id)
                }
                RunEvent::Cancelled { id } => {
                    seen.insert(id.to_string(), "cancelled".into());
                    ControlFlow::Continue(())
                }
            },
        )
        .await
        .expect("the run starts");
    (summary, seen)
}

fn jobs(ids: &[&str]) -> Vec<ActivateJob> {
    ids.iter().map(|id| ActivateJob::new(*id)).collect()
}

#[tokio::test]
async fn a_run_refuses_epay_without_terminal_id_and_activates_the_rest() {
    let b = Bench::start(
        vec![
            req("R1", Windcave, Status::Pending, None),
            req("R2", Epay, Status::Pending, None),
            req("R3", Epay, Status::Pending, Some("11000021")),
        ],
        100,
    )
    .await;
    // The copies the caller holds (the console's rows, an import's plan).
    let mut copies = b.sim.requests();
    copies.sort_by(|a, b| a.id.cmp(&b.id));
    let held = copies.into_iter().map(ActivateJob::held).collect();
    let (summary, seen) = run_all(&b, RunStart::New, held, &Cancel::default(), |_| {
        ControlFlow::Continue(())
    })
    .await;
    assert!(!summary.cancelled && !summary.stopped);
    assert_eq!(seen["R1"], "activated");
    assert_eq!(seen["R2"], "INTEGRATION_PARAM_MISSING");
    assert_eq!(seen["R3"], "activated");
    assert_eq!(b.sim.activate_calls_for("R2"), 0);
    assert_eq!(
        b.outcomes(),
        [
            "planned -",
            "started R1",
            "activated R1",
            "refused R2",
            "started R3",
            "activated R3"
        ]
    );
    assert!(
        b.lines()
            .iter()
            .all(|l| l.run_id.as_deref() == Some(summary.run_id.as_str()))
    );
    // Refused is final: nothing is left to resume.
    assert!(b.ops.unfinished_run().expect("read").0.is_none());
}

#[tokio::test]
async fn a_run_of_ids_alone_lets_the_server_refuse_and_ends_it_the_same_way() {
    let b = Bench::start(
        vec![
            req("R1", Windcave, Status::Pending, None),
            req("R2", Epay, Status::Pending, None),
        ],
        100,
    )
    .await;
    let (_, seen) = run_all(
        &b,
        RunStart::New,
        jobs(&["R1", "R2"]),
        &Cancel::default(),
        |_| ControlFlow::Continue(()),
    )
    .await;
    assert_eq!(seen["R2"], "INTEGRATION_PARAM_MISSING");
    assert_eq!(
        b.sim.stats().total_calls,
        2,
        "one call per id, nothing read"
    );
    assert_eq!(
        b.outcomes(),
        [
            "planned -",
            "started R1",
            "activated R1",
            "started R2",
            "refused R2"
        ]
    );
    // Refused by the server is final too: nothing is left to resume.
    assert!(b.ops.unfinished_run().expect("read").0.is_none());
}

#[tokio::test]
async fn after_a_cancel_nothing_new_is_sent_and_the_rest_get_cancelled_lines() {
    let ids = ["R1", "R2", "R3", "R4"];
    let b = Bench::pending(&ids).await;
    let cancel = Cancel::default();
    let c = cancel.clone();
    let (summary, seen) = run_all(&b, RunStart::New, jobs(&ids), &cancel, move |_| {
        c.cancel();
        ControlFlow::Continue(())
    })
    .await;
    assert!(summary.cancelled);
    assert_eq!(seen["R1"], "activated");
    for id in &ids[1..] {
        assert_eq!(seen[*id], "cancelled");
        assert_eq!(b.sim.activate_calls_for(id), 0);
    }
    let o = b.outcomes();
    assert_eq!(o[3..], ["cancelled R2", "cancelled R3", "cancelled R4"]);
    assert!(
        b.ops.unfinished_run().expect("read").0.is_none(),
        "a cancel is final"
    );
}

#[tokio::test]
async fn a_stopped_run_leaves_the_rest_for_resume_which_reads_in_doubt_ids_back_first() {
    let ids = ["R1", "R2", "R3"];
    let b = Bench::pending(&ids).await;
    let (summary, seen) = run_all(&b, RunStart::New, jobs(&ids), &Cancel::default(), |_| {
        ControlFlow::Break(())
    })
    .await;
    assert!(summary.stopped && !summary.cancelled);
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(b.sim.activate_calls_for("R3"), 0);
    // R2 was sent by someone without an answer reaching us: in doubt.
    let log = AuditLog::open_at(&b.log, "test", &b.sim.base_url()).expect("log");
    log.record(&Event::started(Some(&summary.run_id), "R2"))
        .expect("started");
    let mut r2 = b.sim.get("R2").expect("R2");
    r2.status = Status::Active;
    b.sim.insert(r2);

    let (found, skipped) = b.ops.unfinished_run().expect("read");
    assert_eq!(skipped, 0);
    let found = found.expect("an unfinished run");
    assert_eq!(found.run.run_id, summary.run_id);
    let resumed_jobs = found.jobs();
    assert_eq!(
        resumed_jobs,
        [
            ActivateJob {
                id: "R2".into(),
                in_doubt: true,
                held: None,
            },
            ActivateJob {
                id: "R3".into(),
                in_doubt: false,
                held: None,
            }
        ]
    );
    let (again, seen) = run_all(
        &b,
        RunStart::Resume(found),
        resumed_jobs,
        &Cancel::default(),
        |_| ControlFlow::Continue(()),
    )
    .await;
    assert_eq!(again.run_id, summary.run_id);
    assert_eq!(seen["R2"], Activation::Confirmed(None).label());
    assert_eq!(seen["R3"], "activated");
    assert_eq!(
        b.sim.activate_calls_for("R2"),
        0,
        "read back, not sent again"
    );
    assert!(b.ops.unfinished_run().expect("read").0.is_none());
}

#[tokio::test]
async fn a_run_in_read_only_mode_sends_and_writes_nothing() {
    let b = Bench::start(vec![req("R1", Windcave, Status::Pending, None)], 100).await;
    let ro = b.read_only();
    let e = ro
        .activate_many(
            RunStart::New,
            jobs(&["R1"]),
            1,
            Order::AsGiven,
            &Cancel::default(),
            |_| ControlFlow::Continue(()),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, OpError::ReadOnly(_)), "{e:?}");
    assert_eq!(b.sim.stats().total_calls, 0);
    assert!(b.lines().is_empty());
}
