//! One audited core: the same operations through the CLI binary and through
//! the console's API worker write the same audit lines.

use crate::common;

use std::collections::HashMap;
use std::time::Duration;

use common::cli_env::{CliEnv, stderr, stdout};
use intake::api::retry::RetryPolicy;
use intake::api::{Client, IntegrationRequest, IntegrationType, SearchQuery, Secret};
use intake::app::{ApiEvent, WorkerCall};
use intake::audit::{AuditLog, Outcome, Record, host_of};
use intake::ops::{ChangeGuard, ImportUpdate, Ops};
use intake::tui::worker::{self, WorkerChannels};
use tokio::sync::mpsc::UnboundedReceiver;

/// A line with what differs by run left out: no time, no run id, and the
/// host checked separately (each side has its own simulator).
#[derive(Debug, PartialEq, Eq)]
struct Line {
    profile: String,
    action: String,
    outcome: Outcome,
    id: Option<String>,
    merchant_id: Option<String>,
    terminal_id: Option<String>,
    error_code: Option<String>,
    ids: Vec<String>,
}

fn normalised(records: &[Record], host: &str) -> Vec<Line> {
    records
        .iter()
        .map(|r| {
            assert_eq!(r.host, host, "{r:?}");
            Line {
                profile: r.profile.clone(),
                action: format!("{:?}", r.action),
                outcome: r.outcome,
                id: r.id.clone(),
                merchant_id: r.merchant_id.clone(),
                terminal_id: r.terminal_id.clone(),
                error_code: r.error_code.clone(),
                ids: r.ids.clone(),
            }
        })
        .collect()
}

/// Run ids as `run#1`, `run#2`… in the order they first appear, so both
/// sides' lines can be compared run by run.
fn runs(records: &[Record]) -> Vec<Option<String>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    records
        .iter()
        .map(|r| {
            let run = r.run_id.as_ref()?;
            let n = seen.len() + 1;
            Some(format!("run#{}", seen.entry(run.clone()).or_insert(n)))
        })
        .collect()
}

async fn next(events: &mut UnboundedReceiver<ApiEvent>) -> ApiEvent {
    tokio::time::timeout(Duration::from_secs(20), events.recv())
        .await
        .expect("an answer in time")
        .expect("the worker is running")
}

/// The ids the legs use: the same on both sides, as both simulators start
/// from the same seed.
struct Ids {
    /// A pending ePay request without a terminalId: `update` sets it.
    update: String,
    /// Ready to activate, one alone.
    one: String,
    /// A bulk run: two ready, an ePay request without terminalId (refused
    /// before sending) and an active one (the server's answer).
    bulk: Vec<String>,
    /// Imported: another ePay request without terminalId.
    import: String,
}

fn ids(requests: &[IntegrationRequest]) -> Ids {
    let blank: Vec<&IntegrationRequest> = requests
        .iter()
        .filter(|r| r.is_pending() && r.kind == IntegrationType::Epay && r.needs_terminal_id())
        .collect();
    let ready: Vec<&IntegrationRequest> = requests
        .iter()
        .filter(|r| r.is_pending() && !r.needs_terminal_id())
        .collect();
    let active = requests
        .iter()
        .find(|r| r.is_active())
        .expect("an active request");
    Ids {
        update: blank[0].id.clone(),
        one: ready[0].id.clone(),
        bulk: vec![
            ready[1].id.clone(),
            ready[2].id.clone(),
            blank[1].id.clone(),
            active.id.clone(),
        ],
        import: blank[2].id.clone(),
    }
}

/// The file both sides import: one row to set, one the update leg already
/// set to the same value, one unknown.
fn import_csv(ids: &Ids) -> String {
    format!(
        "id,terminalId\n{},11000088\n{},11000077\nnosuchrequest,11000099\n",
        ids.import, ids.update
    )
}

async fn through_the_cli(env: &CliEnv, ids: &Ids) {
    let o = env
        .run(&["update", &ids.update, "--terminal-id", "11000077"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run(&["activate", &ids.one]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let mut bulk = vec!["activate"];
    bulk.extend(ids.bulk.iter().map(String::as_str));
    bulk.extend(["--concurrency", "1"]);
    let o = env.run(&bulk).await;
    // The refused ePay request fails the run.
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let file = env.write("terminals.csv", &import_csv(ids));
    let o = env.run(&["import", &file, "--yes"]).await;
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
}

async fn through_the_worker(w: &mut WorkerChannels, env: &CliEnv, ids: &Ids) {
    let send = |w: &WorkerChannels, c: WorkerCall| w.commands.send(c).expect("send");
    send(
        w,
        WorkerCall::Update {
            id: ids.update.clone(),
            terminal_id: "11000077".into(),
            expected: None,
        },
    );
    match next(&mut w.events).await {
        ApiEvent::Updated { result, .. } => {
            result.expect("saved");
        }
        other => panic!("{other:?}"),
    }
    send(
        w,
        WorkerCall::Activate {
            id: ids.one.clone(),
            held: None,
        },
    );
    match next(&mut w.events).await {
        ApiEvent::Activated { result, .. } => {
            result.expect("activated");
        }
        other => panic!("{other:?}"),
    }
    send(
        w,
        WorkerCall::BulkActivate {
            run_id: 1,
            ids: ids.bulk.clone(),
            held: Vec::new(),
            concurrency: 1,
        },
    );
    loop {
        if let ApiEvent::BulkFinished { cancelled, .. } = next(&mut w.events).await {
            assert!(!cancelled);
            break;
        }
    }
    let path = env.dir.join("terminals.csv");
    std::fs::write(&path, import_csv(ids)).expect("write");
    send(
        w,
        WorkerCall::PlanImport {
            path,
            query: SearchQuery::default(),
        },
    );
    let plan = match next(&mut w.events).await {
        ApiEvent::ImportPlanned { result, .. } => result.expect("a plan"),
        other => panic!("{other:?}"),
    };
    let updates = ImportUpdate::from_plan(&plan)
        .into_iter()
        .map(|u| (u.id, u.terminal_id))
        .collect();
    send(
        w,
        WorkerCall::ImportApply {
            run_id: 2,
            updates,
            concurrency: 1,
        },
    );
    loop {
        if let ApiEvent::ImportFinished { .. } = next(&mut w.events).await {
            break;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_and_the_console_worker_write_the_same_audit_lines() {
    let cli = CliEnv::new("same-audit-cli").await;
    let console = CliEnv::new("same-audit-console").await;
    let ids = ids(&cli.sim.requests());
    assert_eq!(
        ids.bulk,
        self::ids(&console.sim.requests()).bulk,
        "same seed"
    );

    through_the_cli(&cli, &ids).await;

    let cli_lines = cli.audit();
    let profile = cli_lines.first().expect("a line").profile.clone();
    through_a_worker_of_its_own(&console, &profile, &ids).await;
    let console_lines = console.audit();

    // The CLI activates even one id as a run, which `--resume` can finish;
    // the console's single activation is not a run. That `planned` line is
    // the one difference, and it names only that id.
    let single_plan = |r: &Record| r.outcome == Outcome::Planned && r.ids == [ids.one.clone()];
    assert_eq!(cli_lines.iter().filter(|r| single_plan(r)).count(), 1);
    let cli_lines: Vec<Record> = cli_lines.into_iter().filter(|r| !single_plan(r)).collect();
    let (cli_runs, console_runs) = (runs(&cli_lines), runs(&console_lines));
    let single = |lines: &[Record], runs: &[Option<String>]| -> Vec<Option<String>> {
        lines
            .iter()
            .zip(runs)
            .filter(|(r, _)| r.id.as_deref() == Some(ids.one.as_str()))
            .map(|(_, run)| run.clone())
            .collect()
    };
    assert!(
        single(&console_lines, &console_runs)
            .iter()
            .all(Option::is_none)
    );
    assert!(single(&cli_lines, &cli_runs).iter().all(Option::is_some));

    // Every leg wrote its lines (the bulk run, at concurrency 1, in order).
    use Outcome::{Activated, AlreadyActive, Planned, Refused, Started, Updated};
    let outcomes: Vec<Outcome> = console_lines.iter().map(|r| r.outcome).collect();
    let legs = [
        Updated,
        Started,
        Activated,
        Planned,
        Started,
        Activated,
        Started,
        Activated,
        // Ids alone: the server refuses (one call), as the CLI's run does.
        Started,
        Refused,
        Started,
        AlreadyActive,
        Updated,
    ];
    assert_eq!(outcomes, legs);
    let cli_host = host_of(&cli.sim.base_url());
    let console_host = host_of(&console.sim.base_url());
    assert_eq!(
        normalised(&cli_lines, &cli_host),
        normalised(&console_lines, &console_host)
    );
    // The bulk run's lines are tied together the same way on both sides.
    let in_bulk = |lines: &[Record], runs: &[Option<String>]| -> Vec<Option<String>> {
        lines
            .iter()
            .zip(runs)
            .filter(|(r, _)| r.id.as_ref().is_none_or(|id| ids.bulk.contains(id)))
            .map(|(_, run)| run.clone())
            .collect()
    };
    let bulk_runs = in_bulk(&console_lines, &console_runs);
    assert!(bulk_runs.iter().all(|r| r == &bulk_runs[0] && r.is_some()));
    assert_eq!(
        in_bulk(&cli_lines, &cli_runs).len(),
        bulk_runs.len(),
        "one run each"
    );

    // The rules that once disagreed, on both sides.
    for (env, lines) in [(&cli, &cli_lines), (&console, &console_lines)] {
        the_rules_that_once_disagreed_hold(env, lines, &ids);
    }
    cli.sim.shutdown().await;
    console.sim.shutdown().await;
}

/// The same steps through the console's own worker, logging under the
/// CLI's profile so the two logs compare line for line.
async fn through_a_worker_of_its_own(console: &CliEnv, profile: &str, ids: &Ids) {
    let client =
        Client::new(&console.sim.base_url(), &Secret::new(console.sim.api_key())).expect("client");
    let log = AuditLog::open_at(&console.audit_path(), profile, &console.sim.base_url())
        .expect("audit log");
    let policy = RetryPolicy {
        base: Duration::from_millis(5),
        ..RetryPolicy::default()
    };
    let mut w = worker::spawn(Ops::new(client, policy, log, ChangeGuard::default()));
    through_the_worker(&mut w, console, ids).await;
    w.task.abort();
}

fn the_rules_that_once_disagreed_hold(env: &CliEnv, lines: &[Record], ids: &Ids) {
    let refused_epay = &ids.bulk[2];
    // Sent once on both sides; the server's refusal ends it as refused.
    assert_eq!(env.sim.activate_calls_for(refused_epay), 1);
    assert!(
        lines.iter().any(
            |r| r.outcome == Outcome::Refused && r.id.as_deref() == Some(refused_epay.as_str())
        ),
        "{lines:?}"
    );
    assert_eq!(env.terminal_id(&ids.import).as_deref(), Some("11000088"));
    // Same value again: nothing sent, so only the first update's line.
    let updates = lines
        .iter()
        .filter(|r| r.id.as_deref() == Some(ids.update.as_str()))
        .count();
    assert_eq!(updates, 1, "{lines:?}");
}
