//! Reliability under faults: bulk activation against a faulty simulator,
//! kill -9 and resume, the audit log, Retry-After and undecodable bodies.
//! Run with `-- --nocapture` to see the figures RELIABILITY.md quotes.

use crate::common;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::audit::outcome_lines;
use common::cli_env::{CliEnv, ready, run_with_stdin, stderr, stdout};
use intake::api::retry::{self, RetryPolicy};
use intake::api::{ApiError, Client, IntegrationRequest, Secret, Status};
use intake::audit::{self, Outcome, Record};
use intake::sim::{self, Faults, SimConfig};

fn is_success(rest: &str) -> bool {
    rest.starts_with("activated") || rest.starts_with("confirmed active")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_activation_of_1000_ids_under_faults_loses_and_repeats_nothing() {
    let env = CliEnv::start(
        "bulk",
        SimConfig {
            seed_count: Some(2600),
            ..SimConfig::default()
        },
    )
    .await;
    let all = env.sim.requests();
    let (ids, blocked, unknown) = planned_ids(&all);

    let faults = ten_percent_of_calls();
    env.sim.set_faults(faults);
    let mut c = env.cmd();
    // About one call in ten meets a fault, and a lost answer is read back:
    // eight attempts keep a call or a read-back from failing every try by
    // chance, so each `failed` below is one the test planned.
    c.env("INTAKE_RETRY_ATTEMPTS", "8");
    c.args(["activate", "-", "--concurrency", "16"]);
    let started = Instant::now();
    let o = run_with_stdin(c, Some(ids.join("\n") + "\n")).await;
    let secs = started.elapsed().as_secs_f64();
    env.sim.set_faults(Faults::default());
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "some must fail: {}", stderr(&o));

    let (order, by_id) = outcome_lines(&text);
    assert_eq!(order, ids, "one line per id, in the order given");
    let counts = outcomes_as_the_server_holds(&env, &ids, &by_id);
    planned_failures_say_why(&by_id, &blocked, &unknown);
    let succeeded = counts.get("activated").copied().unwrap_or(0)
        + counts.get("confirmed").copied().unwrap_or(0);
    let failed = counts.get("failed").copied().unwrap_or(0);
    let stats = env.sim.stats();
    // Every activation the server applied is reported as a success, once.
    assert_eq!(stats.activations_applied as usize, succeeded);
    // No id is activated more often than the attempts allow.
    assert!(stats.max_activate_calls_per_id <= 8, "{stats:?}");
    // Exactly the ones planned to fail: 30 ePay without terminalId, 10 unknown.
    assert_eq!(failed, 40, "{counts:?}");
    // Counted apart: the server's refusals (what to do), the unknown ids.
    assert!(
        stderr(&o).contains("30 of 1000 refused: set their terminalIds as the lines above say, then activate them again; 10 of 1000 failed; see the lines above."),
        "{}",
        stderr(&o)
    );
    assert!(
        stats.faults.total() >= 100,
        "faults were injected: {stats:?}"
    );

    the_audit_log_agrees(&env.audit());
    println!(
        "FIGURES bulk: ids=1000 seconds={secs:.1} calls={} faults={:?} outcomes={counts:?} applied={} lost=0 duplicated=0 max_activate_calls_per_id={}",
        stats.total_calls, stats.faults, stats.activations_applied, stats.max_activate_calls_per_id
    );
    // A hang check, not a speed figure: each random 429 (about 40 here)
    // pauses the whole run for its Retry-After (0 s here) and halves the
    // calls in flight (src/api/throttle.rs); the run takes seconds.
    assert!(secs < 180.0, "bulk run took {secs:.1}s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kill_9_mid_run_then_resume_finishes_without_repeating() {
    let env = CliEnv::start(
        "resume",
        SimConfig {
            seed_count: Some(700),
            ..SimConfig::default()
        },
    )
    .await;
    let ids: Vec<String> = env
        .sim
        .requests()
        .iter()
        .filter(|r| ready(r))
        .take(200)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.len(), 200);
    // The merchants' names on disk first: a line waits for its merchant's
    // name, looked up one at a time, so with none kept the printed lines
    // trail the activations by a hundred or more and a busy machine could
    // see all 200 done before the 60th line, leaving nothing to resume.
    let listed = env.run(&["list"]).await;
    assert!(listed.status.success(), "{}", stderr(&listed));
    env.sim.set_faults(Faults {
        latency_min_ms: 20,
        latency_max_ms: 60,
        ..Faults::default()
    });

    let mut c = env.cmd();
    c.args(["activate", "--concurrency", "4"])
        .args(&ids)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let (first_lines, killed_after) = kill_9_after_60_lines(c).await;
    assert_eq!(killed_after, 60);
    // Let calls the killed process had in flight reach the server (or be
    // dropped with its connections) before the resume reads them back.
    let before = env
        .sim
        .wait_for_stats(Duration::from_secs(30), |s| s.in_flight == 0)
        .await
        .expect("the killed process's calls ended");
    let active_at_kill = ids
        .iter()
        .filter(|id| env.sim.get(id).is_some_and(|r| r.is_active()))
        .count();
    assert!(active_at_kill < 200, "killed before the end");

    let o = env
        .run(&["activate", "--resume", "--concurrency", "8"])
        .await;
    assert!(o.status.success(), "{}", stderr(&o));
    let note = stderr(&o);
    assert!(note.contains("Resuming run"), "{note}");
    let (resumed, by_id) = outcome_lines(&stdout(&o));
    let (_, first) = outcome_lines(&(first_lines.join("\n") + "\n"));
    // No id is reported by both runs. An id whose outcome was recorded but
    // not yet printed when the kill came is done, and not repeated either.
    assert!(resumed.iter().all(|id| !first.contains_key(id)), "repeated");
    assert!(first.len() + by_id.len() <= 200, "{note}");
    assert!(by_id.values().all(|o| is_success(o)), "{by_id:?}");
    assert!(first.values().all(|o| is_success(o)), "{first:?}");
    one_outcome_per_id_in_the_log(&env.audit(), 200);
    let recorded_not_printed = 200 - first.len() - by_id.len();
    let in_doubt = in_doubt_count(&note);
    let confirmed = by_id
        .values()
        .filter(|o| o.starts_with("confirmed active"))
        .count();

    let stats = all_active_each_by_one_call(&env, &ids);
    let again = env.run(&["activate", "--resume"]).await;
    assert!(again.status.success());
    assert!(
        stderr(&again).contains("Nothing to resume"),
        "{}",
        stderr(&again)
    );
    println!(
        "FIGURES resume: ids=200 reported_before_kill={killed_after} active_at_kill={active_at_kill} activate_calls_at_kill={} recorded_not_printed={recorded_not_printed} in_doubt_at_kill={in_doubt} resumed={} confirmed_by_read_back={confirmed} activations_applied={} already_activated_answers={} max_activate_calls_per_id={}",
        before.activate_calls,
        by_id.len(),
        stats.activations_applied,
        stats.already_activated,
        stats.max_activate_calls_per_id
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn audit_log_is_private_keyless_one_line_per_mutation_and_printable() {
    let canary = "sk_test_CANARY_audit_93xq";
    let env = CliEnv::start(
        "audit",
        SimConfig {
            api_key: canary.to_string(),
            ..SimConfig::default()
        },
    )
    .await;
    let all = env.sim.requests();
    let epay = all
        .iter()
        .find(|r| r.is_pending() && r.needs_terminal_id())
        .expect("epay without terminalId");
    let two: Vec<&str> = all
        .iter()
        .filter(|r| ready(r))
        .take(2)
        .map(|r| r.id.as_str())
        .collect();
    let merchant = env
        .sim
        .merchant_without(&intake::api::IntegrationType::Vista)
        .expect("a merchant without vista");
    let account = merchant.account_id.clone().expect("account");
    let mut outputs = Vec::new();
    for args in [
        vec!["update", epay.id.as_str(), "--terminal-id", "11000021"],
        vec!["activate", two[0], two[1]],
        vec!["activate", "NoSuchRequest1"],
        vec![
            "create",
            "--merchant",
            merchant.id.as_str(),
            "--type",
            "vista",
            "--account",
            account.as_str(),
        ],
    ] {
        let o = env.run(&args).await;
        outputs.push(stdout(&o));
        outputs.push(stderr(&o));
    }
    let path = env.audit_path();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("audit")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let raw = std::fs::read_to_string(&path).expect("audit");
    outputs.push(raw.clone());
    outputs.push(std::fs::read_to_string(env.dir.join("intake.log")).unwrap_or_default());
    for text in &outputs {
        assert!(!text.contains("CANARY"), "the key leaked: {text}");
    }
    let records = env.audit();
    let finals: Vec<&Record> = records.iter().filter(|r| r.outcome.is_final()).collect();
    // update, two activations, one failed activation, create.
    assert_eq!(finals.len(), 5, "{raw}");
    assert_eq!(finals[0].outcome, Outcome::Updated);
    assert_eq!(finals[0].terminal_id.as_deref(), Some("11000021"));
    assert_eq!(finals[0].merchant_id.as_ref(), Some(&epay.merchant_id));
    assert_eq!(finals[3].outcome, Outcome::Failed);
    assert_eq!(finals[3].error_code.as_deref(), Some("FORBIDDEN"));
    assert_eq!(finals[4].outcome, Outcome::Created);
    let host = env.sim.base_url().trim_start_matches("http://").to_string();
    assert!(
        records
            .iter()
            .all(|r| r.host == host && r.profile == "default")
    );
    assert!(!raw.contains("http://"), "no URL, only the host");

    intake_log_prints_it(&env, records.len()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_ids_are_refused_before_anything_is_sent() {
    let env = CliEnv::start("badids", SimConfig::default()).await;
    let o = env.run(&["activate", "good1", "bad id"]).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`bad id` is not a valid request id"),
        "{}",
        stderr(&o)
    );
    let mut c = env.cmd();
    c.args(["activate", "-"]);
    let o = run_with_stdin(c, Some("ok1\n\nx;rm -rf\n".into())).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("stdin line 3:"), "{}", stderr(&o));
    // The flag takes what the config file takes: 1 to 64.
    for bad in ["0", "65"] {
        let o = env.run(&["activate", "--concurrency", bad, "a"]).await;
        assert_eq!(o.status.code(), Some(2), "--concurrency {bad}");
    }
    assert_eq!(env.sim.stats().activate_calls, 0);
    assert!(!env.audit_path().exists(), "nothing to record");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn already_active_on_the_first_attempt_is_not_a_failure() {
    let env = CliEnv::start("already", SimConfig::default()).await;
    let active = env
        .sim
        .requests()
        .into_iter()
        .find(intake::api::IntegrationRequest::is_active)
        .expect("an active request");
    let o = env.run(&["activate", &active.id]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let by = active.updated_by.as_deref().expect("seeded with updatedBy");
    let want = format!("{} already active (activated by {by}) (", active.id);
    assert!(stdout(&o).trim().starts_with(&want), "{}", stdout(&o));
    assert!(stdout(&o).contains(", merchant "), "{}", stdout(&o));
    let r = env.audit();
    assert_eq!(r.last().expect("line").outcome, Outcome::AlreadyActive);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let handle = sim::start_local(SimConfig::default()).await.expect("sim");
    let client = Client::new(&handle.base_url(), &Secret::new(handle.api_key())).expect("client");
    let id = handle.requests()[0].id.clone();
    handle.set_faults(Faults {
        rate_limit_rate: 1.0,
        retry_after_secs: 1,
        ..Faults::default()
    });
    // A tiny backoff: only Retry-After can make it wait a second.
    let policy = RetryPolicy {
        attempts: 5,
        base: Duration::from_millis(1),
        max: Duration::from_millis(2),
    };
    let started = Instant::now();
    let task = {
        let client = client.clone();
        tokio::spawn(async move { retry::read(policy, || client.get(&id)).await })
    };
    // Clear the fault once the first 429 went out; Retry-After holds the
    // retry back a second, so it meets the healthy server.
    handle
        .wait_for_stats(Duration::from_secs(30), |s| s.faults.rate_limited >= 1)
        .await
        .expect("the first read was answered 429");
    handle.set_faults(Faults::default());
    task.await.expect("join").expect("succeeds after waiting");
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(950), "{waited:?}");
    assert_eq!(
        handle.stats().faults.rate_limited,
        1,
        "one 429, then a wait"
    );

    // Bounded: with 429s forever, it gives up and says so.
    handle.set_faults(Faults {
        rate_limit_rate: 1.0,
        retry_after_secs: 0,
        ..Faults::default()
    });
    // A 429 is not an attempt (it was not processed): the call is sent again
    // after the shared pause, up to MAX_RATE_LIMITED times.
    let e = retry::read(policy, || client.get("x")).await.unwrap_err();
    assert!(matches!(e, ApiError::RateLimited { .. }), "{e:?}");
    assert_eq!(
        handle.stats().faults.rate_limited,
        1 + 1 + u64::from(retry::MAX_RATE_LIMITED)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undecodable_and_empty_bodies_give_the_decode_sentence() {
    let env = CliEnv::start("decode", SimConfig::default()).await;
    let client = Client::new(&env.sim.base_url(), &Secret::new(env.sim.api_key())).expect("client");
    let id = env.sim.requests()[0].id.clone();
    for (faults, detail) in [
        (
            Faults {
                garbage_rate: 1.0,
                ..Faults::default()
            },
            "EOF while parsing",
        ),
        (
            Faults {
                empty_body_rate: 1.0,
                ..Faults::default()
            },
            "the body was empty",
        ),
    ] {
        env.sim.set_faults(faults);
        let e = client.get(&id).await.unwrap_err();
        assert!(matches!(e, ApiError::Decode { .. }), "{e:?}");
        let text = e.to_string();
        assert!(
            text.starts_with("The server's response could not be read (")
                && text.contains(detail)
                && text.ends_with("); the API may have changed, report this with the request id."),
            "{text}"
        );
        let o = env.run(&["show", &id]).await;
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("The server's response could not be read"),
            "{}",
            stderr(&o)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_reads_back_in_doubt_ids_before_sending_again() {
    let env = CliEnv::start("indoubt", SimConfig::default()).await;
    let client = Client::new(&env.sim.base_url(), &Secret::new(env.sim.api_key())).expect("client");
    let ids: Vec<String> = env
        .sim
        .requests()
        .iter()
        .filter(|r| ready(r))
        .take(6)
        .map(|r| r.id.clone())
        .collect();
    // A run that was killed: ids[0] done; ids[1] and ids[2] sent without an
    // answer, of which ids[1] did reach the server; ids[3..] never started.
    let log =
        audit::AuditLog::open_at(&env.audit_path(), "default", &env.sim.base_url()).expect("audit");
    log.record(&audit::Event::planned("run-1", &ids))
        .expect("planned");
    for id in &ids[..3] {
        log.record(&audit::Event::started(Some("run-1"), id))
            .expect("started");
    }
    client
        .activate(&ids[0])
        .await
        .expect("done before the kill");
    log.record(
        &audit::Event::new(audit::Change::Activate, Outcome::Activated, Some(&ids[0]))
            .run(Some("run-1")),
    )
    .expect("outcome");
    client
        .activate(&ids[1])
        .await
        .expect("applied, answer lost");
    let calls_before = env.sim.stats().activate_calls;

    let o = env.run(&["activate", "--resume"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("1 of 6 done; 2 sent without an answer (read back first), 3 not started"),
        "{}",
        stderr(&o)
    );
    let (order, by_id) = outcome_lines(&stdout(&o));
    assert_eq!(order, ids[1..].to_vec());
    assert!(
        by_id[&ids[1]].starts_with("confirmed active ("),
        "{}",
        by_id[&ids[1]]
    );
    for id in &ids[2..] {
        assert!(by_id[id].starts_with("activated ("), "{}", by_id[id]);
    }
    let stats = env.sim.stats();
    assert_eq!(
        stats.activate_calls - calls_before,
        4,
        "ids[1] not sent again"
    );
    assert_eq!(stats.already_activated, 0);
    let records = env.audit();
    let confirmed = records
        .iter()
        .find(|r| r.id.as_deref() == Some(ids[1].as_str()) && r.outcome.is_final())
        .expect("outcome of ids[1]");
    assert_eq!(confirmed.outcome, Outcome::Confirmed);
    assert_eq!(confirmed.run_id.as_deref(), Some("run-1"));
    assert!(audit::unfinished_run(&records, "default", &records[0].host).is_none());
}

#[test]
fn secrets_stay_out_of_debug_errors_and_urls() {
    let key = "sk_live_CANARY_debug_55";
    // Credentials in a base URL are refused without echoing them.
    let e = Client::new(
        &format!("https://ops:{key}@service.centrapay.com"),
        &Secret::new("k"),
    )
    .unwrap_err();
    assert!(e.to_string().contains("credentials"), "{e}");
    assert!(!e.to_string().contains("CANARY"), "{e}");
    assert!(!format!("{e:?}").contains("CANARY"));
    // Plain http is refused except to loopback.
    assert!(Client::new("http://10.0.0.5", &Secret::new(key)).is_err());
    assert!(Client::new("http://127.0.0.1:9", &Secret::new(key)).is_ok());
    // Settings, profiles and the client print the key as ***.
    let config = intake::config::LoadedConfig {
        path: "c.toml".into(),
        ..Default::default()
    };
    let env = |k: &str| (k == "CENTRAPAY_API_KEY").then(|| key.to_string());
    let overrides = intake::config::Overrides::default();
    let resolved = intake::config::sources(&config, &overrides, &env).expect("sources");
    let settings = intake::config::resolve(&config, &overrides, &env).expect("settings");
    let client = Client::new(&settings.base_url, &settings.api_key).expect("client");
    let profile = intake::config::Profile {
        api_key: Some(Secret::new(key)),
        ..Default::default()
    };
    for text in [
        format!("{settings:?}"),
        format!("{resolved:?}"),
        format!("{client:?}"),
        format!("{profile:?}"),
    ] {
        assert!(!text.contains("CANARY"), "{text}");
    }
    let log = audit::AuditLog::open_at(
        &std::env::temp_dir().join(format!("intake-rel-dbg-{}.jsonl", std::process::id())),
        "p",
        &format!("https://u:{key}@h.example/path?x=1"),
    )
    .expect("audit");
    assert_eq!(log.host(), "h.example");
    assert!(!format!("{log:?}").contains("CANARY"));
}

/// 960 ready ids, 30 ePay without a terminalId and 10 unknown ids, interleaved;
/// the last two kinds also apart.
fn planned_ids(all: &[IntegrationRequest]) -> (Vec<String>, Vec<String>, Vec<String>) {
    let mut ids: Vec<String> = all
        .iter()
        .filter(|r| ready(r))
        .take(960)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(ids.len(), 960, "seed has enough ready requests");
    // Requests that must fail: ePay without a terminalId, and unknown ids.
    let blocked: Vec<String> = all
        .iter()
        .filter(|r| r.is_pending() && r.needs_terminal_id())
        .take(30)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(blocked.len(), 30);
    let unknown: Vec<String> = (0..10).map(|n| format!("NoSuchRequest{n:04}")).collect();
    ids.extend(blocked.iter().cloned());
    ids.extend(unknown.iter().cloned());
    // Interleave them deterministically.
    ids.sort_by_key(|id| id.bytes().rev().collect::<Vec<u8>>());
    (ids, blocked, unknown)
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

/// Each id's outcome, counted by kind, checked against what the server holds.
fn outcomes_as_the_server_holds(
    env: &CliEnv,
    ids: &[String],
    by_id: &HashMap<String, String>,
) -> HashMap<&'static str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in ids {
        let rest = &by_id[id];
        let kind = if rest.starts_with("confirmed active") {
            "confirmed"
        } else if rest.starts_with("activated") {
            "activated"
        } else if rest.starts_with("failed") {
            "failed"
        } else if rest.starts_with("refused") {
            // The server's refusal: one call, and it says so.
            "failed"
        } else if rest.starts_with("already active") {
            "already active"
        } else {
            panic!("unexpected outcome for {id}: {rest}")
        };
        *counts.entry(kind).or_default() += 1;
        let active = env.sim.get(id).is_some_and(|r| r.status == Status::Active);
        assert_eq!(
            active,
            kind != "failed",
            "{id}: reported `{rest}` but active on the server is {active}"
        );
    }
    counts
}

fn planned_failures_say_why(
    by_id: &HashMap<String, String>,
    blocked: &[String],
    unknown: &[String],
) {
    for id in blocked {
        assert!(
            by_id[id].contains("INTEGRATION_PARAM_MISSING"),
            "{id}: {}",
            by_id[id]
        );
    }
    for id in unknown {
        assert!(by_id[id].starts_with("failed: Forbidden"), "{}", by_id[id]);
    }
}

/// The audit log agrees: one outcome per id, a start before each call.
fn the_audit_log_agrees(records: &[Record]) {
    let finals: Vec<&Record> = records.iter().filter(|r| r.outcome.is_final()).collect();
    assert_eq!(finals.len(), 1000);
    let final_ids: HashSet<&str> = finals.iter().filter_map(|r| r.id.as_deref()).collect();
    assert_eq!(final_ids.len(), 1000);
    assert_eq!(
        records
            .iter()
            .filter(|r| r.outcome == Outcome::Planned)
            .map(|r| r.ids.len())
            .sum::<usize>(),
        1000
    );
    assert!(audit::unfinished_run(records, &records[0].profile, &records[0].host).is_none());
}

/// Run `c`, read 60 outcome lines, then SIGKILL it: the lines read, and how many.
async fn kill_9_after_60_lines(mut c: std::process::Command) -> (Vec<String>, usize) {
    tokio::task::spawn_blocking(move || {
        let mut child = c.spawn().expect("spawn");
        let out = child.stdout.take().expect("stdout");
        let mut lines = Vec::new();
        for line in BufReader::new(out).lines() {
            lines.push(line.expect("line"));
            if lines.len() == 60 {
                break;
            }
        }
        child.kill().expect("kill -9");
        child.wait().expect("reaped");
        let n = lines.len();
        (lines, n)
    })
    .await
    .expect("join")
}

fn one_outcome_per_id_in_the_log(records: &[Record], ids: usize) {
    let mut finals: HashMap<&str, usize> = HashMap::new();
    for r in records.iter().filter(|r| r.outcome.is_final()) {
        *finals.entry(r.id.as_deref().expect("id")).or_default() += 1;
    }
    assert_eq!(finals.len(), ids, "every id has an outcome in the log");
    assert!(finals.values().all(|n| *n == 1), "one outcome per id");
}

/// `N` of the resume's `… N sent without an answer …` note.
fn in_doubt_count(note: &str) -> usize {
    note.split(" sent without an answer")
        .next()
        .and_then(|head| head.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("in-doubt count in the note")
}

/// The server: all active, each activated by exactly one call.
fn all_active_each_by_one_call(env: &CliEnv, ids: &[String]) -> intake::sim::SimStats {
    for id in ids {
        assert_eq!(env.sim.get(id).expect("exists").status, Status::Active);
        assert_eq!(env.sim.activate_calls_for(id), 1, "{id}");
    }
    let stats = env.sim.stats();
    assert_eq!(stats.activations_applied, 200);
    assert_eq!(stats.already_activated, 0);
    assert_eq!(stats.activate_calls, 200);
    stats
}

/// `intake log` as JSON lines and as a table, by profile and time.
async fn intake_log_prints_it(env: &CliEnv, records: usize) {
    let o = env.run(&["log", "--json"]).await;
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), records);
    assert!(lines.iter().all(|v| v["time"].is_string()));
    let o = env.run(&["--profile", "default", "log", "--json"]).await;
    assert_eq!(stdout(&o).lines().count(), records);
    let o = env.run(&["--profile", "production", "log", "--json"]).await;
    assert!(
        o.status.success() && stdout(&o).is_empty(),
        "{}",
        stdout(&o)
    );
    let o = env.run(&["log", "--limit", "2", "--since", "1h"]).await;
    let table = stdout(&o);
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.starts_with("TIME"), "{table}");
    assert!(table.contains("created"), "{table}");
    let o = env
        .run(&["log", "--since", "2999-01-01T00:00:00Z", "--json"])
        .await;
    assert!(o.status.success() && stdout(&o).is_empty());
    let o = env.run(&["log", "--since", "yesterday"]).await;
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--since"), "{}", stderr(&o));
}
