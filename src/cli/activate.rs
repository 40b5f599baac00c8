//! `intake activate ID... [-] [--concurrency N] [--resume]`: bulk activation
//! with bounded concurrency, recorded in the audit log so an interrupted run
//! can be finished without repeating what was done.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use serde::Serialize;

use super::args::ActivateArgs;
use super::commands::{Failure, Session, quiet_broken_pipe};
use super::ordered::for_each_in_order;
use super::output;
use crate::api::ApiError;
use crate::api::retry::{self, Activation, RetryPolicy};
use crate::audit::{self, AuditError, AuditLog, Entry};
use crate::validate::check_id;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome<'a> {
    id: &'a str,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activated_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// One id to work on; `in_doubt` ids were sent by an interrupted run without
/// an answer, so they are read back before anything is sent again.
struct Job<'a> {
    id: &'a str,
    in_doubt: bool,
}

pub async fn run(session: &Session, args: &ActivateArgs) -> Result<(), Failure> {
    let concurrency = args
        .concurrency
        .map(usize::from)
        .unwrap_or(session.settings.concurrency)
        .max(1);
    if args.resume {
        let audit = session.audit()?;
        return resume(session, &audit, concurrency, args.json).await;
    }
    let ids = collect_ids(&args.ids, || io::stdin().lock())?;
    let audit = session.audit()?;
    let run_id = audit::new_run_id();
    // Held until the run ends, so `--resume` elsewhere leaves it alone.
    let _lock = audit.plan_run(&run_id, &ids).map_err(Failure::from)?;
    let jobs = ids.iter().map(|id| Job {
        id,
        in_doubt: false,
    });
    execute(
        session,
        &audit,
        &run_id,
        jobs,
        ids.len(),
        concurrency,
        args.json,
    )
    .await
}

/// Ids from the command line, with `-` replaced by the lines of stdin; each
/// checked, duplicates dropped (with a note) so each id has one outcome.
pub fn collect_ids<R: BufRead>(
    args: &[String],
    stdin: impl FnOnce() -> R,
) -> Result<Vec<String>, Failure> {
    let mut given: Vec<(String, String)> = Vec::new();
    let mut stdin = Some(stdin);
    for arg in args {
        if arg == "-" {
            let Some(open) = stdin.take() else {
                return Err(Failure::Usage(
                    "`-` (read ids from stdin) can be given only once.".into(),
                ));
            };
            for (n, line) in open().lines().enumerate() {
                let line = line
                    .map_err(|e| Failure::Usage(format!("Could not read ids from stdin: {e}.")))?;
                let id = line.trim();
                if id.is_empty() || id.starts_with('#') {
                    continue;
                }
                given.push((id.to_string(), format!("stdin line {}: ", n + 1)));
            }
        } else {
            given.push((arg.clone(), String::new()));
        }
    }
    let mut seen = HashSet::new();
    let mut ids = Vec::with_capacity(given.len());
    for (id, place) in given {
        check_id("request id", &id).map_err(|m| Failure::Usage(format!("{place}{m}")))?;
        if seen.insert(id.clone()) {
            ids.push(id);
        } else {
            eprintln!("note: {id} is given more than once; it is activated once.");
        }
    }
    if ids.is_empty() {
        return Err(Failure::Usage(
            "No request ids were given: pass IDs, or `-` with one id per line on stdin.".into(),
        ));
    }
    Ok(ids)
}

async fn resume(
    session: &Session,
    audit: &AuditLog,
    concurrency: usize,
    json: bool,
) -> Result<(), Failure> {
    let (records, skipped) = audit::read_all(audit.path()).map_err(Failure::from)?;
    if skipped > 0 {
        eprintln!(
            "note: {skipped} damaged line{} of {} skipped.",
            if skipped == 1 { "" } else { "s" },
            audit.path().display()
        );
    }
    let nothing = || {
        eprintln!(
            "Nothing to resume: every bulk activation for profile `{}` on {} in {} finished.",
            audit.profile(),
            audit.host(),
            audit.path().display()
        );
        Ok(())
    };
    let Some(run) = audit::unfinished_run(&records, audit.profile(), audit.host()) else {
        return nothing();
    };
    // A live process still working through it holds its lock: refuse rather
    // than send its ids a second time beside it.
    let _lock = audit
        .lock_run(&run.run_id)
        .map_err(Failure::from)?
        .map_err(|busy| Failure::Reported(busy.to_string()))?;
    // It may have finished between the read and the lock: read again.
    let (records, _) = audit::read_all(audit.path()).map_err(Failure::from)?;
    let Some(run) = audit::unfinished_run(&records, audit.profile(), audit.host())
        .filter(|now| now.run_id == run.run_id)
    else {
        return nothing();
    };
    eprintln!(
        "Resuming run {} of {}: {} of {} done; {} sent without an answer (read back first), {} not started.",
        run.run_id,
        run.started_at.format("%Y-%m-%d %H:%M:%S UTC"),
        run.done.len(),
        run.planned.len(),
        run.in_doubt.len(),
        run.not_started.len()
    );
    let in_doubt: HashSet<&str> = run.in_doubt.iter().map(String::as_str).collect();
    let remaining: Vec<&String> = run.remaining().collect();
    let jobs = remaining.iter().map(|id| Job {
        id,
        in_doubt: in_doubt.contains(id.as_str()),
    });
    execute(
        session,
        audit,
        &run.run_id,
        jobs,
        remaining.len(),
        concurrency,
        json,
    )
    .await
}

/// Send each job (at most `concurrency` at once), record its outcome in the
/// audit log as soon as it is known, and print outcomes in the order given.
async fn execute<'a>(
    session: &Session,
    audit: &AuditLog,
    run_id: &str,
    jobs: impl Iterator<Item = Job<'a>>,
    total: usize,
    concurrency: usize,
    json: bool,
) -> Result<(), Failure> {
    let client = &session.client;
    let policy = RetryPolicy::default();
    let futs = jobs.map(|job| async move {
        let id = job.id;
        let result = if job.in_doubt {
            match retry::read(policy, || client.get(id)).await {
                Ok(r) if r.is_active() => Ok(Activation::Confirmed(Some(r))),
                Ok(_) => send(client, policy, audit, run_id, id).await?,
                Err(e) => Err(e),
            }
        } else {
            send(client, policy, audit, run_id, id).await?
        };
        audit.record(&Entry::activation(Some(run_id), id, &result))?;
        Ok::<_, AuditError>((id, result))
    });
    let stdout = io::stdout();
    let mut tally = Tally::default();
    let mut outcomes = Vec::new();
    for_each_in_order(futs, concurrency, |item| {
        // Stop sending: what is not recorded could not be resumed.
        let (id, result) = item.map_err(|e| {
            Failure::Reported(format!(
                "{e} Stopped; once the log is writable, run `intake activate --resume` to finish."
            ))
        })?;
        let o = outcome(id, &result);
        tally.add(&result);
        if json {
            outcomes.push(o);
            return Ok(());
        }
        let line = match (&result, &o.error) {
            (Ok(Activation::Activated(r)), _) => format!(
                "{id} activated ({}, merchant {})",
                output::clean(r.kind.as_str()),
                output::clean(&r.merchant_id)
            ),
            (Ok(a), _) => format!("{id} {}", a.describe()),
            (Err(_), Some(e)) => format!("{id} failed: {e}"),
            (Err(_), None) => format!("{id} failed"),
        };
        quiet_broken_pipe(writeln!(stdout.lock(), "{line}"))
    })
    .await?;
    if json {
        quiet_broken_pipe(output::json(&mut stdout.lock(), &outcomes))?;
    }
    eprintln!("{}", tally.summary());
    if tally.failed > 0 {
        return Err(Failure::Reported(format!(
            "{} of {total} activations failed; see the lines above.",
            tally.failed
        )));
    }
    Ok(())
}

/// How a run's activations ended, each kind counted apart: only `activated`
/// is an activation this run is known to have made.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    activated: usize,
    confirmed: usize,
    already: usize,
    failed: usize,
}

impl Tally {
    fn add(&mut self, result: &Result<Activation, ApiError>) {
        match result {
            Ok(Activation::Activated(_)) => self.activated += 1,
            Ok(Activation::Confirmed(_)) => self.confirmed += 1,
            Ok(Activation::AlreadyActive(_)) => self.already += 1,
            Err(_) => self.failed += 1,
        }
    }

    fn summary(&self) -> String {
        let mut text = format!(
            "{} activated, {} confirmed active, {} already active, {} failed.",
            self.activated, self.confirmed, self.already, self.failed
        );
        if self.confirmed > 0 {
            text.push_str(
                " Confirmed active: the answer was lost and reading the request back showed it active; this run or another may have activated it.",
            );
        }
        text
    }
}

/// Record that the call is about to be sent, then send it.
async fn send(
    client: &crate::api::Client,
    policy: RetryPolicy,
    audit: &AuditLog,
    run_id: &str,
    id: &str,
) -> Result<Result<Activation, ApiError>, AuditError> {
    audit.record(&Entry::started(Some(run_id), id))?;
    Ok(retry::activate(client, policy, id).await)
}

fn outcome<'a>(id: &'a str, result: &Result<Activation, ApiError>) -> Outcome<'a> {
    match result {
        Ok(a) => Outcome {
            id,
            outcome: a.label(),
            merchant_id: a.request().map(|r| r.merchant_id.clone()),
            activated_by: a.activated_by(),
            code: matches!(a, Activation::AlreadyActive(_))
                .then_some("INTEGRATION_ALREADY_ACTIVATED"),
            error: None,
        },
        Err(e) => Outcome {
            id,
            outcome: "failed",
            merchant_id: None,
            activated_by: None,
            code: Some(e.label()),
            error: Some(e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(args: &[&str], stdin: &str) -> Result<Vec<String>, String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        collect_ids(&args, || io::Cursor::new(stdin.as_bytes().to_vec())).map_err(|f| f.to_string())
    }

    #[test]
    fn stdin_ids_are_read_checked_and_deduplicated() {
        assert_eq!(
            ids(&["A1", "-", "B2"], "C3\n\n# comment\n  A1  \nD4\n").expect("ok"),
            vec!["A1", "C3", "D4", "B2"]
        );
        let e = ids(&["-"], "ok1\nbad id\n").unwrap_err();
        assert!(
            e.starts_with("stdin line 2: `bad id` is not a valid request id"),
            "{e}"
        );
        let e = ids(&["x/y"], "").unwrap_err();
        assert!(e.contains("`x/y` is not a valid request id"), "{e}");
        assert!(ids(&["-"], "\n").unwrap_err().contains("No request ids"));
        assert!(ids(&["-", "-"], "a\n").unwrap_err().contains("only once"));
    }
}
