//! The console's worker cancelling a bulk run against the in-process
//! simulator: no call starts after the cancel, the ids never sent get a
//! `cancelled` line, and `intake activate --resume` leaves them alone.

use crate::common;

use std::collections::HashSet;
use std::time::Duration;

use common::cli_env::{CliEnv, ready, stderr, stdout};
use intake::api::Secret;
use intake::api::retry::RetryPolicy;
use intake::app::{ApiEvent, WorkerCall};
use intake::audit::{AuditLog, Outcome};
use intake::ops::{ChangeGuard, Ops};
use intake::sim::{Faults, SimConfig};
use intake::tui::worker::{self, WorkerChannels};
use tokio::sync::mpsc::UnboundedReceiver;

async fn next(events: &mut UnboundedReceiver<ApiEvent>) -> ApiEvent {
    tokio::time::timeout(Duration::from_secs(60), events.recv())
        .await
        .expect("an answer in time")
        .expect("the worker is running")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_run_sends_nothing_more_logs_cancelled_and_resume_keeps_it_cancelled() {
    let env = CliEnv::start(
        "worker-cancel",
        SimConfig {
            seed_count: Some(400),
            ..SimConfig::default()
        },
    )
    .await;
    let ids: Vec<String> = env
        .sim
        .requests()
        .iter()
        .filter(|r| ready(r))
        .take(40)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.len(), 40);
    // Slow enough that the run is far from done when the cancel arrives.
    env.sim.set_faults(Faults {
        latency_min_ms: 40,
        latency_max_ms: 40,
        ..Faults::default()
    });
    let mut w = worker_logging_as_the_binary(&env);
    let run_id = 7;
    w.commands
        .send(WorkerCall::BulkActivate {
            run_id,
            ids: ids.clone(),
            held: Vec::new(),
            concurrency: 2,
        })
        .expect("send");

    let started = cancel_after_three_answers(&mut w, run_id).await;
    assert!(started.len() < ids.len(), "cancelled before the end");

    exactly_the_started_were_activated(&env, &ids, &started).await;

    // The audit log: a `cancelled` final line for each id never sent.
    let records = env.audit();
    let cancelled_ids: HashSet<String> = records
        .iter()
        .filter(|r| r.outcome == Outcome::Cancelled)
        .filter_map(|r| r.id.clone())
        .collect();
    let not_started: HashSet<String> = ids
        .iter()
        .filter(|id| !started.contains(*id))
        .cloned()
        .collect();
    assert_eq!(cancelled_ids, not_started);
    assert_eq!(
        records
            .iter()
            .filter(|r| r.outcome == Outcome::Cancelled)
            .count(),
        not_started.len(),
        "one cancelled line each"
    );

    // `--resume` finds nothing to finish: a cancel is final.
    env.sim.set_faults(Faults::default());
    let calls_before = env.sim.stats().activate_calls;
    let o = env.run(&["activate", "--resume"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Nothing to resume"),
        "{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    assert_eq!(env.sim.stats().activate_calls, calls_before);
    for id in &not_started {
        assert!(!env.sim.get(id).expect("exists").is_active(), "{id}");
    }
}

/// The console's worker on `env`'s simulator and audit log, retrying fast.
fn worker_logging_as_the_binary(env: &CliEnv) -> WorkerChannels {
    // The binary's profile when it has no config file, so the test's `--resume`
    // finds this run.
    let log = AuditLog::open_at(&env.audit_path(), "default", &env.sim.base_url()).expect("log");
    let client = intake::api::Client::new(&env.sim.base_url(), &Secret::new(env.sim.api_key()))
        .expect("client");
    let policy = RetryPolicy {
        attempts: 4,
        base: Duration::from_millis(5),
        max: Duration::from_millis(100),
    };
    worker::spawn(Ops::new(client, policy, log, ChangeGuard::default()))
}

/// Follow run `run_id` and cancel it once three activations are answered;
/// the ids it started, each answered once.
async fn cancel_after_three_answers(w: &mut WorkerChannels, run_id: u64) -> HashSet<String> {
    let mut started: HashSet<String> = HashSet::new();
    let mut finished: HashSet<String> = HashSet::new();
    let mut cancel_sent = false;
    let cancelled = loop {
        match next(&mut w.events).await {
            ApiEvent::BulkStarted { run_id: r, id } => {
                assert_eq!(r, run_id);
                assert!(started.insert(id), "started twice");
            }
            ApiEvent::Activated {
                id,
                run_id: r,
                result,
            } => {
                assert_eq!(r, Some(run_id));
                assert!(result.is_ok(), "{id}: {result:?}");
                assert!(started.contains(&id), "{id} finished without starting");
                assert!(finished.insert(id), "finished twice");
                if finished.len() == 3 && !cancel_sent {
                    w.commands
                        .send(WorkerCall::CancelBulk { run_id })
                        .expect("send");
                    cancel_sent = true;
                }
            }
            ApiEvent::BulkFinished {
                run_id: r,
                cancelled,
            } => {
                assert_eq!(r, run_id);
                break cancelled;
            }
            other => panic!("unexpected {other:?}"),
        }
    };
    assert!(cancelled, "the run reports it was cancelled");
    assert_eq!(started, finished, "every call started was answered");
    started
}

/// The server: once the calls in flight are over, exactly the started ids
/// were activated, each by one call, and nothing else arrives.
async fn exactly_the_started_were_activated(
    env: &CliEnv,
    ids: &[String],
    started: &HashSet<String>,
) {
    let stats = env
        .sim
        .wait_for_stats(Duration::from_secs(30), |s| s.in_flight == 0)
        .await
        .expect("no call left in flight");
    assert_eq!(stats.activate_calls as usize, started.len(), "{stats:?}");
    for id in ids {
        let calls = env.sim.activate_calls_for(id);
        let active = env.sim.get(id).expect("exists").is_active();
        if started.contains(id) {
            assert_eq!((calls, active), (1, true), "{id}");
        } else {
            assert_eq!(
                (calls, active),
                (0, false),
                "{id} was sent after the cancel"
            );
        }
    }
}
