//! `intake activate ID... [-] [--concurrency N] [--resume]`: bulk activation
//! with bounded concurrency, recorded in the audit log so an interrupted run
//! can be finished without repeating what was done.

use std::collections::HashSet;
use std::io::{self, BufRead};
use std::ops::ControlFlow;

use super::args::ActivateArgs;
use super::json::{self, ActivationLine};
use super::lines;
use super::named_lines::{self, Body, NamedLine};
use crate::api::retry::Activation;
use crate::audit::Outcome;
use crate::domain::validate::check_id;
use crate::failure::Failure;
use crate::names_cache::NameLookup;
use crate::ops::{
    ActivateJob, Cancel, Done, OpError, Ops, Order, RunEvent, RunStart, not_recorded,
};
use crate::session::Session;

mod tally;
#[cfg(test)]
mod tests;

use tally::Tally;

type Answer = Result<Done<Activation>, OpError>;

pub async fn run(session: &Session, args: &ActivateArgs) -> Result<(), Failure> {
    let concurrency = args
        .concurrency
        .map_or(session.settings.concurrency, usize::from)
        .max(1);
    // Dropped (and so saved) however the run ends.
    let mut names = NameLookup::new(session.name_cache());
    let reporting = Reporting {
        names: &mut names,
        json: args.json,
    };
    if args.resume {
        return resume(&session.ops()?, concurrency, reporting).await;
    }
    let ids = collect_ids(&args.ids, || io::stdin().lock())?;
    let ops = session.ops()?;
    let jobs = ids.into_iter().map(ActivateJob::new).collect();
    execute(&ops, RunStart::New, jobs, concurrency, reporting).await
}

/// How the outcomes are written: their merchants' names, and as lines for
/// people or as JSON Lines.
struct Reporting<'a> {
    names: &'a mut NameLookup,
    json: bool,
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
            super::progress::note(format_args!(
                "note: {id} is given more than once; it is activated once."
            ));
        }
    }
    if ids.is_empty() {
        return Err(Failure::Usage(
            "No request ids were given: pass IDs, or `-` with one id per line on stdin.".into(),
        ));
    }
    Ok(ids)
}

async fn resume(ops: &Ops, concurrency: usize, reporting: Reporting<'_>) -> Result<(), Failure> {
    let (found, skipped) = ops.unfinished_run()?;
    let (profile, host, path) = match ops.audit() {
        Some(log) => (log.profile(), log.host(), log.path().display().to_string()),
        None => ("", "", String::new()),
    };
    if skipped > 0 {
        super::progress::note(format_args!(
            "note: {skipped} damaged line{} of {path} skipped.",
            crate::text::plural(skipped),
        ));
    }
    let Some(found) = found else {
        eprintln!(
            "Nothing to resume: every bulk activation for profile `{profile}` on {host} in {path} finished."
        );
        return match reporting.json {
            true => lines::json(&Tally::default().json(0)),
            false => Ok(()),
        };
    };
    let run = &found.run;
    super::progress::note(format_args!(
        "Resuming run {} of {}: {} of {} done; {} sent without an answer (read back first), {} not started.",
        run.run_id,
        run.started_at.format("%Y-%m-%d %H:%M:%S UTC"),
        run.done.len(),
        run.planned.len(),
        run.in_doubt.len(),
        run.not_started.len()
    ));
    let jobs = found.jobs();
    execute(ops, RunStart::Resume(found), jobs, concurrency, reporting).await
}

/// Activate every job (at most `concurrency` at once) and print outcomes in
/// the order given, each once it is in the audit log; with `--json`, a
/// summary line after the last.
async fn execute(
    ops: &Ops,
    start: RunStart,
    jobs: Vec<ActivateJob>,
    concurrency: usize,
    reporting: Reporting<'_>,
) -> Result<(), Failure> {
    let Reporting { names, json } = reporting;
    let total = jobs.len();
    let mut tally = Tally::default();
    let mut stopped: Option<Failure> = None;
    // Lines name each request's merchant; the names are looked up beside
    // the run, never in its way.
    let (named, printer) = named_lines::channel();
    let bar = super::progress::Progress::counting(total, "activations done");
    // `named` moves in, so the printer ends when the run drops the callback.
    let (tally_ref, stopped_ref) = (&mut tally, &mut stopped);
    let progress = move |event: RunEvent<'_>| {
        let RunEvent::Finished { id, result } = event else {
            return ControlFlow::Continue(());
        };
        // Stop sending: what is not recorded could not be resumed.
        if let Some(why) = not_recorded(result) {
            *stopped_ref = Some(Failure::Reported(format!(
                "{why} Stopped; once the log is writable, run `intake activate --resume` to finish."
            )));
            return ControlFlow::Break(());
        }
        tally_ref.add(result);
        bar.done_one();
        // Every line about a request the server showed names its merchant.
        let request = result
            .as_ref()
            .ok()
            .and_then(|done| done.value.request())
            .map(|r| (r.kind.as_str().to_string(), r.merchant_id.clone()));
        let o = line(id, result);
        let body = match (json, result) {
            (true, _) => Body::Json(Box::new(o)),
            (false, Ok(_)) => Body::Text(format!("{id} {}", o.message)),
            (false, Err(_)) => Body::Text(format!("{id} {}: {}", o.outcome, o.message)),
        };
        match named.send(NamedLine { body, request }) {
            true => ControlFlow::Continue(()),
            false => ControlFlow::Break(()),
        }
    };
    let cancel = Cancel::default();
    let run = async {
        ops.activate_many(start, jobs, concurrency, Order::AsGiven, &cancel, progress)
            .await
    };
    let printing = printer.print(names, ops.client(), ops.policy());
    let (summary, print_failure) = tokio::join!(run, printing);
    summary?;
    if let Some(failure) = stopped.or(print_failure) {
        return Err(failure);
    }
    if json {
        lines::json(&tally.json(total))?;
    }
    eprintln!("{}", tally.summary());
    tally.verdict(total, json)
}

/// Who the server says activated a request found already active, exactly as
/// sent (the text line shows it cleaned, in `message`).
fn as_sent_by(result: &Answer) -> Option<String> {
    match result {
        Ok(Done {
            value: Activation::AlreadyActive(Some(r)),
            ..
        }) => r.updated_by.clone(),
        _ => None,
    }
}

/// An id's outcome, as its JSON line says it and its text line is made of.
fn line(id: &str, result: &Answer) -> ActivationLine {
    let (outcome, message, error_code) = match result {
        Ok(Done { value: a, .. }) => (
            Outcome::of_activation(a),
            a.describe(),
            matches!(a, Activation::AlreadyActive(_)).then_some("INTEGRATION_ALREADY_ACTIVATED"),
        ),
        Err(e) => (e.outcome(), e.to_string(), Some(e.label())),
    };
    let request = result.as_ref().ok().and_then(|done| done.value.request());
    ActivationLine {
        kind: json::ACTIVATION,
        id: id.to_string(),
        outcome: outcome.as_str(),
        message,
        merchant_id: request.map(|r| r.merchant_id.clone()),
        merchant_name: None,
        activated_by: as_sent_by(result),
        error_code,
    }
}
