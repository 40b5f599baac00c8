//! `intake activate ID... [-] [--concurrency N] [--resume]`: bulk activation
//! with bounded concurrency, recorded in the audit log so an interrupted run
//! can be finished without repeating what was done.

use std::collections::HashSet;
use std::io::{self, BufRead};
use std::ops::ControlFlow;

use serde::Serialize;

use super::args::ActivateArgs;
use super::named_lines::{self, NamedLine};
use super::output;
use super::stdout::quiet_broken_pipe;
use crate::api::retry::Activation;
use crate::audit::Outcome;
use crate::domain::validate::check_id;
use crate::failure::Failure;
use crate::names_cache::NameLookup;
use crate::ops::{
    ActivateJob, Cancel, Done, OpError, Ops, Order, RunEvent, RunStart, not_recorded,
};
use crate::session::Session;

/// One id's outcome as `--json` prints it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActivationLine {
    id: String,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_id: Option<String>,
    /// Omitted when the key cannot see the merchant (or the lookup failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    merchant_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activated_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

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

/// How the outcomes are written: their merchants' names, and as lines or
/// as one JSON document.
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
        return Ok(());
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
/// the order given, each once it is in the audit log.
async fn execute(
    ops: &Ops,
    start: RunStart,
    jobs: Vec<ActivateJob>,
    concurrency: usize,
    reporting: Reporting<'_>,
) -> Result<(), Failure> {
    let Reporting { names, json } = reporting;
    let total = jobs.len();
    let stdout = super::stdout::stdout();
    let mut tally = Tally::default();
    let mut lines = Vec::new();
    let mut stopped: Option<Failure> = None;
    // Lines name each request's merchant; the names are looked up beside
    // the run, never in its way.
    let (named, printer) = named_lines::channel(json);
    let bar = super::progress::Progress::counting(total, "activated");
    // `named` moves in, so the printer ends when the run drops the callback.
    let (tally_ref, lines_ref, stopped_ref) = (&mut tally, &mut lines, &mut stopped);
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
        let o = line(id, result);
        // Every line about a request the server showed names its merchant.
        let request = result
            .as_ref()
            .ok()
            .and_then(|done| done.value.request())
            .map(|r| (r.kind.as_str().to_string(), r.merchant_id.clone()));
        if json {
            lines_ref.push(o);
            // Only to look the name up beside the run; printed after it.
            named.send(NamedLine {
                text: String::new(),
                request,
            });
            return ControlFlow::Continue(());
        }
        let text = match (result, &o.error) {
            (Ok(done), _) => format!("{id} {}", done.value.describe()),
            (Err(_), Some(e)) => format!("{id} {}: {e}", o.outcome),
            (Err(_), None) => format!("{id} {}", o.outcome),
        };
        if named.send(NamedLine { text, request }) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
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
        // Each was looked up beside the run: these come from `names`.
        for l in &mut lines {
            if let Some(m) = &l.merchant_id {
                let found = names.one(ops.client(), ops.policy(), m).await;
                l.merchant_name = found.map(|m| m.name);
            }
        }
        quiet_broken_pipe(output::json(&mut stdout.lock(), &lines))?;
    }
    eprintln!("{}", tally.summary());
    tally.verdict(total)
}

/// How a run's activations ended, each kind counted apart: only `activated`
/// is an activation this run is known to have made.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    activated: usize,
    confirmed: usize,
    already: usize,
    refused: usize,
    unconfirmed: usize,
    failed: usize,
}

impl Tally {
    fn add(&mut self, result: &Answer) {
        match result.as_ref().map(|done| &done.value) {
            Ok(Activation::Activated(_)) => self.activated += 1,
            Ok(Activation::Confirmed(_)) => self.confirmed += 1,
            Ok(Activation::AlreadyActive(_)) => self.already += 1,
            Err(e) => match outcome_of(e) {
                Outcome::Refused => self.refused += 1,
                Outcome::Unconfirmed => self.unconfirmed += 1,
                _ => self.failed += 1,
            },
        }
    }

    fn summary(&self) -> String {
        let mut text = format!(
            "{} activated, {} confirmed active, {} already active, {} refused, {} unconfirmed, {} failed.",
            self.activated,
            self.confirmed,
            self.already,
            self.refused,
            self.unconfirmed,
            self.failed
        );
        if self.confirmed > 0 {
            text.push_str(
                " Confirmed active: the answer was lost and reading the request back showed it active; this run or another may have activated it.",
            );
        }
        text
    }
}

impl Tally {
    /// Exit 1 when any id did not end active, with what to do for each kind.
    fn verdict(&self, total: usize) -> Result<(), Failure> {
        let mut parts = Vec::new();
        if self.refused > 0 {
            parts.push(format!(
                "{} of {total} refused: set their terminalIds as the lines above say, then activate them again",
                self.refused
            ));
        }
        if self.unconfirmed > 0 {
            parts.push(format!(
                "{} of {total} unconfirmed: `intake activate --resume` reads them back and finishes the run",
                self.unconfirmed
            ));
        }
        if self.failed > 0 {
            parts.push(format!(
                "{} of {total} failed; see the lines above",
                self.failed
            ));
        }
        match parts.is_empty() {
            true => Ok(()),
            false => Err(Failure::Reported(format!("{}.", parts.join("; ")))),
        }
    }
}

/// The audit log's word for an activation that did not end active.
fn outcome_of(e: &OpError) -> Outcome {
    match e {
        OpError::NotReady { .. } => Outcome::Refused,
        OpError::Api(e) => Outcome::of_error(e),
        _ => Outcome::Failed,
    }
}

fn line(id: &str, result: &Answer) -> ActivationLine {
    let id = id.to_string();
    match result {
        Ok(Done { value: a, .. }) => ActivationLine {
            id,
            outcome: Outcome::of_activation(a).as_str(),
            merchant_id: a.request().map(|r| r.merchant_id.clone()),
            merchant_name: None,
            activated_by: a.activated_by(),
            code: matches!(a, Activation::AlreadyActive(_))
                .then_some("INTEGRATION_ALREADY_ACTIVATED"),
            error: None,
        },
        Err(e) => ActivationLine {
            id,
            outcome: outcome_of(e).as_str(),
            merchant_id: None,
            merchant_name: None,
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
        let args: Vec<String> = args.iter().map(std::string::ToString::to_string).collect();
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
