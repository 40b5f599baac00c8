//! `R` on a finished bulk run retries its failed rows through the real
//! worker and the in-process simulator: the ones the server now accepts are
//! activated by exactly one call, the ones it still refuses fail again, and
//! rows that succeeded are never sent again.

use std::time::Duration;

use crossterm::event::KeyCode;
use intake::api::IntegrationRequest;
use intake::api::retry::RetryPolicy;
use intake::app::{
    Action, App, AppConfig, BulkResult, Command, ItemState, RunPhase, WorkerCall, update,
};
use intake::audit::AuditLog;
use intake::ops::{ChangeGuard, Ops};
use intake::sim::{self, Faults, SimConfig};
use intake::testkit::{self, ch, key};
use intake::tui::worker::{self, WorkerChannels};

fn config() -> AppConfig {
    AppConfig {
        profile: "test".into(),
        concurrency: 4,
        tz: chrono::FixedOffset::east_opt(0).expect("offset"),
        ..testkit::config()
    }
}

/// Hand `commands` to the worker and feed its answers to `update()` until
/// the bulk run has finished (within `limit`), the way the event loop does.
/// Reloads are left out: the list is already loaded. Shared with
/// `console_bulk`.
pub(crate) async fn pump_until_finished(
    app: &mut App,
    w: &mut WorkerChannels,
    mut commands: Vec<Command>,
    limit: Duration,
) {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        for c in commands.drain(..) {
            match c {
                Command::Api(WorkerCall::Load { .. }) => {}
                Command::Api(call) => w.commands.send(call).expect("worker running"),
                Command::Effect(e) => panic!("not for the worker: {e:?}"),
            }
        }
        if matches!(app.bulk().map(|b| b.phase), Some(RunPhase::Finished { .. })) {
            return;
        }
        let event = tokio::time::timeout_at(deadline, w.events.recv())
            .await
            .unwrap_or_else(|_| panic!("the run did not finish within {limit:?}"))
            .expect("worker running");
        commands = update(app, Action::Api(event));
    }
}

const MINUTE: Duration = Duration::from_secs(60);

fn failed(app: &App) -> Vec<String> {
    let run = app.bulk().expect("a run");
    run.items
        .iter()
        .filter(|i| matches!(i.state, ItemState::Done(BulkResult::Failed(_))))
        .map(|i| i.id.clone())
        .collect()
}

fn sent(commands: &[Command]) -> Vec<String> {
    match commands {
        [Command::Api(WorkerCall::BulkActivate { ids, .. })] => {
            let mut ids = ids.clone();
            ids.sort();
            ids
        }
        other => panic!("expected one bulk activation, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_retries_the_failed_rows_through_the_worker_and_the_server() {
    let sim = sim::start_local(SimConfig::default())
        .await
        .expect("simulator");
    let mut items: Vec<IntegrationRequest> = sim
        .requests()
        .into_iter()
        .filter(|r| r.is_pending() && !r.needs_terminal_id())
        .take(6)
        .collect();
    let ready: Vec<String> = items.iter().map(|r| r.id.clone()).collect();
    // A row the server does not know: it fails on every try.
    let mut unknown = items[0].clone();
    unknown.id = "NoSuchRequest0001".into();
    items.push(unknown);

    let dir = std::env::temp_dir().join(format!("intake-worker-retry-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let log = AuditLog::open_at(&dir.join("audit.jsonl"), "test", &sim.base_url()).expect("log");
    let client =
        intake::api::Client::new(&sim.base_url(), &intake::api::Secret::new(sim.api_key()))
            .expect("client");
    let policy = RetryPolicy {
        attempts: 2,
        base: Duration::from_millis(2),
        max: Duration::from_millis(10),
    };
    let mut w = worker::spawn(Ops::new(client, policy, log, ChangeGuard::default()));

    let mut app = loaded(items);

    // First run: every call answered 500, so nothing is applied and all fail.
    sim.set_faults(Faults {
        error_rate: 1.0,
        ..Faults::default()
    });
    update(&mut app, ch('*'));
    update(&mut app, ch('A'));
    let commands = update(&mut app, key(KeyCode::Enter));
    assert_eq!(sent(&commands).len(), 7);
    pump_until_finished(&mut app, &mut w, commands, MINUTE).await;
    let mut all: Vec<String> = ready.clone();
    all.push("NoSuchRequest0001".into());
    all.sort();
    let mut first = failed(&app);
    first.sort();
    assert_eq!(first, all, "every row failed");
    assert_eq!(sim.stats().activations_applied, 0);

    // The server recovers; R sends exactly the failed rows, under a new run.
    sim.set_faults(Faults::default());
    let commands = update(&mut app, ch('R'));
    assert_eq!(sent(&commands), all);
    assert_eq!(app.bulk().map(|b| b.phase), Some(RunPhase::Running));
    pump_until_finished(&mut app, &mut w, commands, MINUTE).await;
    assert_eq!(failed(&app), ["NoSuchRequest0001".to_string()]);
    for id in &ready {
        assert_eq!(
            app.bulk().and_then(|r| r.state(id).cloned()),
            Some(ItemState::Done(BulkResult::Activated)),
            "{id}"
        );
        assert!(sim.get(id).expect("exists").is_active(), "{id}");
        assert_eq!(sim.activate_calls_for(id), 1, "{id}");
    }

    // R again: only the row that still fails is sent; the activated ones
    // are not touched.
    let commands = update(&mut app, ch('R'));
    assert_eq!(sent(&commands), ["NoSuchRequest0001".to_string()]);
    pump_until_finished(&mut app, &mut w, commands, MINUTE).await;
    assert_eq!(failed(&app), ["NoSuchRequest0001".to_string()]);
    let stats = sim.stats();
    assert_eq!(stats.activations_applied, 6);
    for id in &ready {
        assert_eq!(sim.activate_calls_for(id), 1, "{id} was sent again");
    }
    sim.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A console whose first load answered with `items`.
fn loaded(items: Vec<IntegrationRequest>) -> App {
    let mut app = App::new(config(), chrono::Utc::now());
    let load_id = match app.init().as_slice() {
        [Command::Api(WorkerCall::Load { load_id, .. })] => *load_id,
        other => panic!("expected one load, got {other:?}"),
    };
    update(
        &mut app,
        Action::Api(intake::app::ApiEvent::Page {
            load_id,
            items,
            done: true,
        }),
    );
    assert_eq!(app.visible_len(), 7);
    app
}
