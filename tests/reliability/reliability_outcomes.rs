//! Truthful outcomes between operators: two `intake activate` processes on
//! overlapping ids against one faulty `intake sim`, and `--resume` beside a
//! run that is still going.

use crate::common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use common::audit::{finals_by_id, outcome_lines};
use common::cli_env::{isolated, ready};
use common::{Sim, scratch};
use intake::api::retry::{self, RetryPolicy};
use intake::api::{Client, IntegrationRequest, SearchQuery, Secret};
use intake::audit::{Outcome, Record};
use intake::sim::{self, Faults, SimConfig};

const KEY: &str = "outcomes-key";

/// Reads against the faulty simulator: enough attempts that a dropped
/// connection never decides a check.
const PATIENT: RetryPolicy = RetryPolicy {
    attempts: 30,
    base: Duration::from_millis(1),
    max: Duration::from_millis(10),
};

/// The binary as one operator: a home, log and audit file of its own.
fn operator(dir: &Path, url: &str, key: &str) -> Command {
    std::fs::create_dir_all(dir).expect("operator dir");
    let mut c = isolated(dir);
    // One call in five is dropped and a lost answer is read back: eight
    // attempts make a read failing every time (0.2^8 per
    // call) too rare to matter, so any `failed` here is a real fault.
    c.env("INTAKE_RETRY_ATTEMPTS", "8")
        .env("INTAKE_RETRY_BASE_MS", "5")
        .env("CENTRAPAY_BASE_URL", url)
        .env("CENTRAPAY_API_KEY", key)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// `intake activate --resume` as that operator, to the end.
async fn resume(dir: &Path, url: &str, key: &str) -> std::process::Output {
    let mut c = operator(dir, url, key);
    c.args(["activate", "--resume"]);
    tokio::task::spawn_blocking(move || c.output().expect("runs"))
        .await
        .expect("join")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn every_request(client: &Client) -> Vec<IntegrationRequest> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    rt.block_on(async {
        let mut pages = client.search_pages(SearchQuery::default());
        let mut all = Vec::new();
        while let Some(batch) = retry::next_page(&mut pages, PATIENT).await.expect("page") {
            all.extend(batch);
        }
        all
    })
}

#[test]
fn two_operators_with_lost_answers_never_both_claim_an_activation() {
    let dir = scratch("two");
    let sim = Sim::start_with(
        KEY,
        &[
            "--seed-count",
            "600",
            "--drop-rate",
            "0.2",
            "--latency-ms",
            "0..15",
        ],
        &dir.join("sim.log"),
    );
    let client = Client::new(&sim.url, &Secret::new(KEY)).expect("client");
    let ids: Vec<String> = every_request(&client)
        .into_iter()
        .filter(ready)
        .take(120)
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 120, "the seed has enough ready requests");
    // Both start on the shared ids, in the same order, at the same time.
    let (shared, own) = ids.split_at(60);
    let (only_a, only_b) = own.split_at(30);
    let set_a: Vec<&String> = shared.iter().chain(only_a).collect();
    let set_b: Vec<&String> = shared.iter().chain(only_b).collect();
    let spawn = |name: &str, set: &[&String]| {
        let mut c = operator(&dir.join(name), &sim.url, KEY);
        c.args(["activate", "--concurrency", "8"]).args(set);
        c.spawn().expect("intake runs")
    };
    let a = spawn("a", &set_a);
    let b = spawn("b", &set_b);
    let (a, b): (Output, Output) = (
        a.wait_with_output().expect("a ends"),
        b.wait_with_output().expect("b ends"),
    );
    let (out_a, out_b) = (
        outcome_lines(&text(&a.stdout)).1,
        outcome_lines(&text(&b.stdout)).1,
    );
    assert_eq!(out_a.len(), 90, "{}", text(&a.stderr));
    assert_eq!(out_b.len(), 90, "{}", text(&b.stderr));
    let (log_a, log_b) = (
        finals_by_id(&dir.join("a").join("audit.jsonl")),
        finals_by_id(&dir.join("b").join("audit.jsonl")),
    );

    let (confirmed, named, unclaimed) =
        shared_ids_claimed_by_one_at_most(shared, [(&out_a, &log_a), (&out_b, &log_b)]);
    // Lost answers were injected and read back; refusals name who did it.
    let confirmed_anywhere = log_a
        .values()
        .chain(log_b.values())
        .filter(|r| r.outcome == Outcome::Confirmed)
        .count();
    assert!(
        confirmed_anywhere > 0,
        "no answer was lost: raise --drop-rate"
    );
    assert!(named > 0, "no `already active` named its updatedBy");
    summaries_count_each_kind_apart([(&a, &log_a), (&b, &log_b)]);
    every_id_active_on_the_server(&client, &ids);
    let all: Vec<&Record> = log_a.values().chain(log_b.values()).collect();
    let count = |k: Outcome| all.iter().filter(|r| r.outcome == k).count();
    println!(
        "FIGURES two operators: shared=60 shared_claimed_by_neither={unclaimed} confirmed_on_shared={confirmed} already_active_named_on_shared={named} totals: activated={} confirmed={} already={} failed={}",
        count(Outcome::Activated),
        count(Outcome::Confirmed),
        count(Outcome::AlreadyActive),
        count(Outcome::Failed)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_refuses_a_run_a_live_process_is_still_running() {
    let dir = scratch("live");
    let sim = sim::start_local(SimConfig {
        seed_count: Some(400),
        ..SimConfig::default()
    })
    .await
    .expect("sim");
    let ids: Vec<String> = sim
        .requests()
        .into_iter()
        .filter(ready)
        .take(50)
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), 50);
    let (slow, killed) = ids.split_at(30);
    sim.set_faults(Faults {
        latency_min_ms: 100,
        latency_max_ms: 100,
        ..Faults::default()
    });
    let home = dir.join("op");
    let audit_path = home.join("audit.jsonl");
    let url = sim.base_url();
    let key = sim.api_key().to_string();

    // A slow run: one at a time, 100 ms each. Once its first line is out,
    // its plan and lock are in place.
    let mut c = operator(&home, &url, &key);
    c.args(["activate", "--concurrency", "1"]).args(slow);
    let mut live = c.spawn().expect("intake runs");
    let pid = live.id();
    let mut out = BufReader::new(live.stdout.take().expect("stdout")).lines();
    let first = tokio::task::spawn_blocking(move || {
        let first = out.next().expect("a line").expect("utf8");
        (first, out)
    });
    let (first, out) = first.await.expect("join");
    assert!(first.contains(" activated"), "{first}");

    resume_is_refused_naming(&home, &url, &key, pid).await;

    let rest = tokio::task::spawn_blocking(move || {
        let lines: Vec<String> = out.map(|l| l.expect("utf8")).collect();
        let status = live.wait().expect("ends");
        (lines, status)
    });
    let (rest, status) = rest.await.expect("join");
    assert!(status.success());
    assert_eq!(rest.len() + 1, slow.len());
    // The refused resume sent nothing: each id had exactly the live run's call.
    for id in slow {
        assert_eq!(sim.activate_calls_for(id), 1, "{id}");
    }
    assert_eq!(sim.stats().already_activated, 0);
    assert_eq!(lock_files(&home), 0, "the lock goes with its run");
    let o = resume(&home, &url, &key).await;
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("Nothing to resume"));

    // Killed with -9: its lock file stays behind, but no live process holds
    // it, so resume finishes the run.
    let mut c = operator(&home, &url, &key);
    c.args(["activate", "--concurrency", "1"]).args(killed);
    kill_9_after_its_first_line(&mut c).await;
    assert_eq!(lock_files(&home), 1, "a killed run leaves its lock file");
    let o = resume(&home, &url, &key).await;
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("Resuming run"),
        "{}",
        text(&o.stderr)
    );
    for id in killed {
        assert!(sim.get(id).is_some_and(|r| r.is_active()), "{id}");
    }
    let finals = finals_by_id(&audit_path);
    assert!(
        killed.iter().all(|id| finals.contains_key(id)),
        "every id of the killed run has an outcome"
    );
    assert_eq!(lock_files(&home), 0, "the resumed run removed the lock");
    let _ = std::fs::remove_dir_all(&dir);
}

/// One operator's printed outcome lines and audited final records, by id.
type Operator<'a> = (&'a HashMap<String, String>, &'a HashMap<String, Record>);

/// For each shared id, at most one operator prints and records `activated`;
/// the other says `confirmed active` or `already active`, printed and
/// recorded alike. Counts, on the shared ids: confirmed, already active
/// naming its `updatedBy`, and claimed by neither.
fn shared_ids_claimed_by_one_at_most(
    shared: &[String],
    [(out_a, log_a), (out_b, log_b)]: [Operator; 2],
) -> (usize, usize, usize) {
    let claims = |line: Option<&String>, rec: Option<&Record>| {
        let printed = line.is_some_and(|l| l.starts_with("activated"));
        let recorded = rec.is_some_and(|r| r.outcome == Outcome::Activated);
        assert_eq!(printed, recorded, "{line:?} / {rec:?}");
        printed
    };
    let mut confirmed = 0;
    let mut named = 0;
    let mut unclaimed = 0;
    for id in shared {
        let (ra, rb) = (log_a.get(id), log_b.get(id));
        let (la, lb) = (out_a.get(id), out_b.get(id));
        let claimed = [claims(la, ra), claims(lb, rb)];
        let claims = claimed.iter().filter(|c| **c).count();
        assert!(
            claims <= 1,
            "{id} claimed `activated` by both operators: {la:?} / {lb:?}"
        );
        unclaimed += usize::from(claims == 0);
        for (claimed, line, rec) in [(claimed[0], la, ra), (claimed[1], lb, rb)] {
            if claimed {
                continue;
            }
            let rec = rec.expect("an outcome");
            assert!(
                matches!(rec.outcome, Outcome::Confirmed | Outcome::AlreadyActive),
                "{id}: {line:?} / {rec:?}"
            );
            let line = line.expect("a line");
            match rec.outcome {
                Outcome::Confirmed => {
                    confirmed += 1;
                    assert!(line.starts_with("confirmed active ("), "{line}");
                }
                _ => {
                    assert!(line.starts_with("already active"), "{line}");
                    named += usize::from(line.starts_with("already active (activated by crn:"));
                }
            }
        }
    }
    (confirmed, named, unclaimed)
}

/// Each operator's summary on stderr counts each kind apart, as its audit log holds them.
fn summaries_count_each_kind_apart(operators: [(&Output, &HashMap<String, Record>); 2]) {
    for (o, log) in operators {
        let count = |k: Outcome| log.values().filter(|r| r.outcome == k).count();
        let summary = format!(
            "{} activated, {} confirmed active, {} already active, {} refused, {} unconfirmed, {} failed.",
            count(Outcome::Activated),
            count(Outcome::Confirmed),
            count(Outcome::AlreadyActive),
            count(Outcome::Refused),
            count(Outcome::Unconfirmed),
            count(Outcome::Failed)
        );
        assert!(text(&o.stderr).contains(&summary), "{}", text(&o.stderr));
    }
}

fn every_id_active_on_the_server(client: &Client, ids: &[String]) {
    // Every id is active on the server.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("rt");
    for id in ids {
        let r = rt
            .block_on(retry::read(PATIENT, || client.get(id)))
            .expect("read back");
        assert!(r.is_active(), "{id} is {}", r.status);
    }
}

/// Lock files in `dir`: one is left for each run that has not ended cleanly.
fn lock_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("audit dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".lock"))
        .count()
}

async fn kill_9_after_its_first_line(c: &mut Command) {
    let mut doomed = c.spawn().expect("intake runs");
    let mut out = BufReader::new(doomed.stdout.take().expect("stdout")).lines();
    tokio::task::spawn_blocking(move || {
        out.next().expect("a line").expect("utf8");
        doomed.kill().expect("kill -9");
        doomed.wait().expect("reaped");
    })
    .await
    .expect("join");
}

/// `--resume` while `pid` runs the run: exit 1, nothing on stdout, and the
/// process named.
async fn resume_is_refused_naming(home: &Path, url: &str, key: &str, pid: u32) {
    let refused = resume(home, url, key).await;
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stdout).is_empty(),
        "{}",
        text(&refused.stdout)
    );
    let said = text(&refused.stderr);
    assert!(
        said.contains(&format!(
            "is still running in process {pid}; wait for it or stop it"
        )),
        "{said}"
    );
}
