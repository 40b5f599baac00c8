//! The console's bulk run under faults: the real worker against the
//! simulator with about 10% of calls faulted, driven through update() the
//! way the event loop drives it. Every request ends in exactly one outcome,
//! the server agrees with it, and the audit log has one final line per id.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use crossterm::event::KeyCode;
use intake::api::retry::RetryPolicy;
use intake::api::{IntegrationRequest, SearchQuery};
use intake::app::{
    Action, ApiEvent, App, AppConfig, BulkResult, Command, ItemState, Run, RunPhase, WorkerCall,
    update,
};
use intake::audit::{self, AuditLog};
use intake::ops::{ChangeGuard, Ops};
use intake::sim::{self, Faults, SimConfig};
use intake::testkit::{self, ch, key};
use intake::tui::worker;

fn config() -> AppConfig {
    AppConfig {
        profile: "test".into(),
        concurrency: 16,
        tz: chrono::FixedOffset::east_opt(0).expect("offset"),
        ..testkit::config()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_bulk_run_of_1000_under_faults_gives_one_outcome_each_and_matches_the_server() {
    let sim = sim::start_local(SimConfig {
        seed_count: Some(3000),
        ..SimConfig::default()
    })
    .await
    .expect("simulator");
    let (items, blocked) = ready_and_blocked(&sim.requests());

    let dir = std::env::temp_dir().join(format!("intake-console-bulk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let audit_path = dir.join("audit.jsonl");
    let log = AuditLog::open_at(&audit_path, "test", &sim.base_url()).expect("audit log");

    let client =
        intake::api::Client::new(&sim.base_url(), &intake::api::Secret::new(sim.api_key()))
            .expect("client");
    let fast = RetryPolicy {
        attempts: 4,
        base: Duration::from_millis(5),
        max: Duration::from_millis(200),
    };
    let ops = Ops::new(client, fast, log, ChangeGuard::default());
    let mut w = worker::spawn(ops);

    let mut app = loaded(items);
    sim.set_faults(ten_percent_of_calls());
    let started = std::time::Instant::now();
    mark_all_and_run_to_the_end(&mut app, &mut w).await;
    let secs = started.elapsed().as_secs_f64();
    sim.set_faults(Faults::default());

    let run = app.bulk().expect("a bulk run");
    assert_eq!(run.phase, RunPhase::Finished { cancelled: false });
    assert_eq!(run.items.len(), 1020, "one line per request");
    let ids: HashSet<&str> = run.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 1020, "no request reported twice");

    let tally = tally_as_the_server_holds(run, &sim.requests(), &blocked);
    assert_eq!(tally.get("skipped"), Some(&20));
    let stats = sim.stats();
    assert!(
        stats.faults.total() >= 50,
        "faults were injected: {stats:?}"
    );
    // Every id was sent at least once, and none more often than the attempts allow.
    assert!(
        (1..=u64::from(fast.attempts)).contains(&stats.max_activate_calls_per_id),
        "{stats:?}"
    );
    assert_eq!(
        stats.activations_applied as usize,
        tally.get("activated").copied().unwrap_or(0),
        "the server applied exactly the activations reported"
    );

    one_final_audit_line_per_sent_id(&audit_path);
    println!(
        "FIGURES console bulk: ids=1020 seconds={secs:.1} outcomes={tally:?} calls={} faults={:?} applied={} lost=0 duplicated=0 max_activate_calls_per_id={}",
        stats.total_calls, stats.faults, stats.activations_applied, stats.max_activate_calls_per_id
    );
    sim.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// 1,000 ready requests and, after them, 20 ePay requests without a
/// terminalId (returned apart too): the run must skip those, not send them.
fn ready_and_blocked(
    all: &[IntegrationRequest],
) -> (Vec<IntegrationRequest>, Vec<IntegrationRequest>) {
    let mut items: Vec<IntegrationRequest> = all
        .iter()
        .filter(|r| r.is_pending() && !r.needs_terminal_id())
        .take(1000)
        .cloned()
        .collect();
    assert_eq!(items.len(), 1000, "the seed has enough ready requests");
    let blocked: Vec<IntegrationRequest> = all
        .iter()
        .filter(|r| r.is_pending() && r.needs_terminal_id())
        .take(20)
        .cloned()
        .collect();
    items.extend(blocked.iter().cloned());
    (items, blocked)
}

/// A console whose first load (pending requests) answered with `items`.
fn loaded(items: Vec<IntegrationRequest>) -> App {
    let mut app = App::new(config(), chrono::Utc::now());
    let load_id = match app.init().as_slice() {
        [Command::Api(WorkerCall::Load { load_id, query })] => {
            assert_eq!(
                *query,
                SearchQuery {
                    pending: true,
                    ..SearchQuery::default()
                }
            );
            *load_id
        }
        other => panic!("expected one load, got {other:?}"),
    };
    update(
        &mut app,
        Action::Api(ApiEvent::Page {
            load_id,
            items,
            done: true,
        }),
    );
    assert_eq!(app.visible_len(), 1020);
    app
}

/// About 10% of calls faulted, of every kind.
fn ten_percent_of_calls() -> Faults {
    Faults {
        rate_limit_rate: 0.02,
        // `Retry-After: 0`: each 429 still pauses the client's calls and
        // cuts its window, but the pause is over at once. At 1 s, the
        // forty-odd 429s of a run held it back for forty-odd real seconds
        // (a real socket, so no paused clock); the 1 s pause itself is
        // pinned by `retry_after_is_honoured` and the throttle's unit tests.
        retry_after_secs: 0,
        error_rate: 0.03,
        drop_rate: 0.03,
        garbage_rate: 0.01,
        empty_body_rate: 0.01,
        ..Faults::default()
    }
}

/// `*`, `A`, Enter, then the worker's events fed to update() until the run
/// has finished, as the event loop does.
async fn mark_all_and_run_to_the_end(app: &mut App, w: &mut worker::WorkerChannels) {
    update(app, ch('*'));
    assert_eq!(app.marked_len(), 1020);
    update(app, ch('A'));
    let commands = update(app, key(KeyCode::Enter));
    assert!(
        commands.iter().any(
            |c| matches!(c, Command::Api(WorkerCall::BulkActivate { ids, .. }) if ids.len() == 1000)
        ),
        "the run sends the 1000 ready ones: {commands:?}"
    );
    let limit = Duration::from_secs(120);
    super::worker_retry::pump_until_finished(app, w, commands, limit).await;
}

/// Each row's outcome checked against what the server holds, counted by
/// kind: activated (however it was found out), failed or skipped.
fn tally_as_the_server_holds(
    run: &Run<BulkResult>,
    requests: &[IntegrationRequest],
    blocked: &[IntegrationRequest],
) -> HashMap<&'static str, usize> {
    let server: HashMap<&str, &IntegrationRequest> =
        requests.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut tally: HashMap<&str, usize> = HashMap::new();
    let blocked_ids: HashSet<&str> = blocked.iter().map(|r| r.id.as_str()).collect();
    for item in &run.items {
        let on_server = server[item.id.as_str()];
        let label = match &item.state {
            ItemState::Done(
                BulkResult::Activated | BulkResult::Confirmed | BulkResult::AlreadyActive(_),
            ) => {
                assert!(
                    on_server.is_active(),
                    "{} reported active but the server says {}",
                    item.id,
                    on_server.status
                );
                "activated"
            }
            ItemState::Done(BulkResult::Failed(why)) => {
                assert!(
                    !on_server.is_active(),
                    "{} reported failed ({why}) but the server activated it",
                    item.id
                );
                "failed"
            }
            ItemState::Done(BulkResult::Skipped(_)) => {
                assert!(
                    blocked_ids.contains(item.id.as_str()),
                    "{} skipped",
                    item.id
                );
                assert!(!on_server.is_active());
                "skipped"
            }
            other => panic!("{} ended without an outcome: {other:?}", item.id),
        };
        *tally.entry(label).or_default() += 1;
    }
    tally
}

/// The audit log: one final line per sent id, nothing for the skipped.
fn one_final_audit_line_per_sent_id(audit_path: &std::path::Path) {
    let (records, damaged) = audit::read_all(audit_path).expect("audit readable");
    assert_eq!(damaged, 0);
    let mut finals: HashMap<&str, usize> = HashMap::new();
    for r in records.iter().filter(|r| r.outcome.is_final()) {
        *finals
            .entry(r.id.as_deref().expect("final lines name their id"))
            .or_default() += 1;
    }
    assert_eq!(finals.len(), 1000, "every sent id has a final audit line");
    assert!(
        finals.values().all(|n| *n == 1),
        "no id has two final lines"
    );
}
