//! `intake import FILE.csv`: preview what a spreadsheet of terminalIds would
//! change, ask, then send the updates (and optionally activate).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;

use serde::Serialize;

mod nothing_to_set;
mod preview;

use nothing_to_set::nothing_to_set;
use preview::preview;

use super::args::ImportArgs;
use super::commands::{Failure, Session, quiet_broken_pipe};
use super::output;
use crate::api::retry::RetryPolicy;
use crate::import::{ImportPlan, PlannedRow, RowClass};
use crate::names_cache::NameLookup;
use crate::ops::{
    self, ActivateJob, Cancel, ImportRowResult, ImportUpdate, OpError, Ops, Order, PlanError,
    RunEvent, RunStart, not_recorded,
};
use crate::text::{clean, plural};

/// One update or activation that was attempted.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Sent {
    line: u64,
    id: String,
    terminal_id: String,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Sent {
    fn failed(&self) -> bool {
        self.outcome == "failed"
    }

    fn line_text(&self, what: &str) -> String {
        let head = format!("line {}: {}", self.line, clean(&self.id));
        match (self.outcome, &self.error) {
            ("failed", Some(e)) => format!("{head} {what} failed: {e}"),
            ("set", _) => format!("{head} terminalId set to {}", clean(&self.terminal_id)),
            (o, Some(e)) => format!("{head} {o}: {e}"),
            (o, None) => format!("{head} {o}"),
        }
    }
}

/// Everything `--json` prints, as one document.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    counts: BTreeMap<RowClass, usize>,
    rows: &'a [PlannedRow],
    /// Whether updates were sent (false when not confirmed or nothing to set).
    sent: bool,
    updates: &'a [Sent],
    activations: &'a [Sent],
}

pub async fn run(session: &Session, args: &ImportArgs) -> Result<(), Failure> {
    let name = args.file.display().to_string();
    let planned = ops::plan_import(
        &session.client,
        RetryPolicy::default(),
        &args.file,
        &name,
        session.query(),
    )
    .await;
    let plan = match planned {
        Ok(plan) => plan,
        Err(PlanError::File(why)) => return Err(Failure::Usage(why)),
        Err(PlanError::Fetch { error, .. }) => return Err(Failure::Api(error)),
    };

    let stdout = super::stdout::stdout();
    if !args.json {
        let mut lookup = NameLookup::new(session.name_cache());
        let names = lookup
            .many(
                &crate::ops::MerchantLookups::new(session.settings.read_concurrency),
                &session.client,
                RetryPolicy::default(),
                plan.rows.iter().filter_map(|r| r.merchant_id.clone()),
            )
            .await;
        // Kept before the question, which may wait on the operator a while.
        lookup.save();
        quiet_broken_pipe(preview(&mut stdout.lock(), &name, &plan, &names))?;
    }
    let mut updates: Vec<Sent> = Vec::new();
    let mut activations: Vec<Sent> = Vec::new();
    let planned = plan.rows_of(RowClass::WillSet).count();
    let confirmed = planned > 0 && confirm(args, planned).await?;
    if confirmed {
        // Each row is read again just before it is written (`--yes` too), so
        // a terminalId someone else set since the preview is never overwritten.
        let ops = session.ops()?;
        let concurrency = session.settings.concurrency;
        updates = send_updates(&ops, &plan, concurrency, args.json).await?;
        if args.activate {
            let set: Vec<&Sent> = updates.iter().filter(|s| s.outcome == "set").collect();
            activations = send_activations(&ops, &set, concurrency, args.json).await?;
        }
    }
    if args.json {
        let report = Report {
            file: &name,
            counts: plan.counts(),
            rows: &plan.rows,
            sent: confirmed,
            updates: &updates,
            activations: &activations,
        };
        quiet_broken_pipe(output::json(&mut stdout.lock(), &report))?;
    }
    let note = if planned == 0 {
        Some(nothing_to_set(&name, &plan, args.json)?)
    } else if !confirmed && !args.yes && !io::stdin().is_terminal() {
        // A script that forgot `--yes` must not read as a success.
        return Err(Failure::Reported(format!(
            "Stdin is not a terminal, so no one can confirm setting {planned} terminalId{}: nothing was sent; add --yes to apply without asking.",
            plural(planned)
        )));
    } else if !confirmed {
        Some("Nothing was sent.".to_string())
    } else {
        let set = updates.iter().filter(|s| s.outcome == "set").count();
        let mut text = format!("Set {set} of {planned} terminalId{}.", plural(planned));
        if args.activate {
            let done = activations.iter().filter(|s| !s.failed()).count();
            text.push_str(&format!(" Activated {done} of {}.", activations.len()));
        }
        Some(text)
    };
    if let Some(note) = note {
        if args.json {
            eprintln!("{note}");
        } else {
            quiet_broken_pipe(writeln!(stdout.lock(), "{note}"))?;
        }
    }
    let failed_updates = updates.iter().filter(|s| s.failed()).count();
    let failed_activations = activations.iter().filter(|s| s.failed()).count();
    if failed_updates + failed_activations > 0 {
        let mut parts = Vec::new();
        if failed_updates > 0 {
            parts.push(format!(
                "{failed_updates} of {} updates failed",
                updates.len()
            ));
        }
        if failed_activations > 0 {
            parts.push(format!(
                "{failed_activations} of {} activations failed",
                activations.len()
            ));
        }
        return Err(Failure::Reported(format!(
            "{}; see the lines above. Fix the cause and import the same file again: rows already set show as unchanged.",
            parts.join(" and ")
        )));
    }
    Ok(())
}

/// Ask on a terminal; without one, only `--yes` confirms.
async fn confirm(args: &ImportArgs, n: usize) -> Result<bool, Failure> {
    if args.yes {
        return Ok(true);
    }
    if !io::stdin().is_terminal() {
        return Ok(false);
    }
    let question = format!("Set {n} terminalId{}? [y/N] ", plural(n));
    let answer = tokio::task::spawn_blocking(move || -> io::Result<String> {
        let mut err = io::stderr().lock();
        write!(err, "{question}")?;
        err.flush()?;
        let mut line = String::new();
        io::stdin().read_line(&mut line)?;
        Ok(line)
    })
    .await
    .map_err(|e| Failure::Reported(format!("Could not read the answer: {e}.")))?
    .map_err(|e| Failure::Reported(format!("Could not read the answer: {e}.")))?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

/// Print a row's line (unless `--json`) and keep it for the report; an
/// output that cannot be written stops the run.
fn report(
    json: bool,
    what: &str,
    sent: Sent,
    out: &mut Vec<Sent>,
    stopped: &mut Option<Failure>,
) -> ControlFlow<()> {
    let printed = match json {
        true => Ok(()),
        false => quiet_broken_pipe(writeln!(
            super::stdout::stdout().lock(),
            "{}",
            sent.line_text(what)
        )),
    };
    out.push(sent);
    match printed {
        Ok(()) => ControlFlow::Continue(()),
        Err(f) => {
            *stopped = Some(f);
            ControlFlow::Break(())
        }
    }
}

async fn send_updates(
    ops: &Ops,
    plan: &ImportPlan,
    concurrency: usize,
    json: bool,
) -> Result<Vec<Sent>, Failure> {
    let mut out = Vec::new();
    let mut stopped = None;
    let rows = ImportUpdate::from_plan(plan);
    let cancel = Cancel::default();
    ops.import_apply(
        rows,
        concurrency,
        Order::AsGiven,
        &cancel,
        |row, result, missing| {
            if let Some(why) = missing {
                stopped = Some(unrecorded(&why));
                return ControlFlow::Break(());
            }
            let mut sent = Sent {
                line: row.line,
                id: row.id.clone(),
                terminal_id: row.terminal_id.clone(),
                outcome: "set",
                code: None,
                error: None,
            };
            match result {
                ImportRowResult::Set(_) => {}
                ImportRowResult::Unchanged => sent.outcome = "unchanged",
                ImportRowResult::SetMeanwhile(c) => {
                    sent.outcome = "skipped";
                    sent.error = Some(format!(
                        "it now has terminalId {} (set since the preview); not overwritten.",
                        clean(&c)
                    ));
                }
                ImportRowResult::Failed(e) => fail(&mut sent, &e),
            }
            report(json, "update", sent, &mut out, &mut stopped)
        },
    )
    .await;
    stopped.map_or(Ok(out), Err)
}

fn unrecorded(why: &str) -> Failure {
    Failure::Reported(format!(
        "{why} Stopped; lines printed above were recorded, import the same file again to finish."
    ))
}

fn fail(sent: &mut Sent, e: &OpError) {
    sent.outcome = "failed";
    sent.code = Some(e.label());
    sent.error = Some(e.to_string());
}

/// Activate the rows that were set, as one resumable run (`intake activate
/// --resume` finishes an interrupted one).
async fn send_activations(
    ops: &Ops,
    set: &[&Sent],
    concurrency: usize,
    json: bool,
) -> Result<Vec<Sent>, Failure> {
    if set.is_empty() {
        return Ok(Vec::new());
    }
    let rows: HashMap<&str, &Sent> = set.iter().map(|s| (s.id.as_str(), *s)).collect();
    let jobs = set.iter().map(|s| ActivateJob::new(s.id.clone())).collect();
    let mut out = Vec::new();
    let mut stopped = None;
    let progress = |event: RunEvent<'_>| {
        let RunEvent::Finished { id, result } = event else {
            return ControlFlow::Continue(());
        };
        if let Some(why) = not_recorded(result) {
            stopped = Some(unrecorded(why));
            return ControlFlow::Break(());
        }
        let Some(row) = rows.get(id) else {
            return ControlFlow::Continue(());
        };
        let mut sent = Sent {
            line: row.line,
            id: row.id.clone(),
            terminal_id: row.terminal_id.clone(),
            outcome: "activated",
            code: None,
            error: None,
        };
        match result {
            Ok(done) => sent.outcome = done.value.label(),
            Err(e) => fail(&mut sent, e),
        }
        report(json, "activation", sent, &mut out, &mut stopped)
    };
    let cancel = Cancel::default();
    let run = ops
        .activate_many(
            RunStart::New,
            jobs,
            concurrency,
            Order::AsGiven,
            &cancel,
            progress,
        )
        .await;
    match run {
        Err(OpError::AuditUnavailable(why)) => return Err(unrecorded(&why)),
        Err(e) => return Err(e.into()),
        Ok(_) => {}
    }
    stopped.map_or(Ok(out), Err)
}
