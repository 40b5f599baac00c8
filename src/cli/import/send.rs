//! An import's two runs once confirmed: the terminalIds, then (with
//! `--activate`) the activations, each row's outcome printed as it ends.

use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;

use serde::Serialize;

use super::super::stdout::quiet_broken_pipe;
use crate::api::IntegrationRequest;
use crate::failure::Failure;
use crate::import::{ImportPlan, RowClass};
use crate::ops::{
    ActivateJob, Cancel, ImportRowResult, ImportUpdate, OpError, Ops, Order, RunEvent, RunStart,
    not_recorded,
};
use crate::text::clean;

/// One update or activation that was attempted.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Sent {
    line: u64,
    id: String,
    terminal_id: String,
    pub(super) outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Sent {
    pub(super) fn failed(&self) -> bool {
        matches!(self.outcome, "failed" | "refused" | "unconfirmed")
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

/// The updates' outcomes, and the server's copy of each row it set.
pub(super) struct Updates {
    pub(super) sent: Vec<Sent>,
    set: HashMap<String, IntegrationRequest>,
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
            super::super::stdout::stdout().lock(),
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

pub(super) async fn send_updates(
    ops: &Ops,
    plan: &ImportPlan,
    concurrency: usize,
    json: bool,
) -> Result<Updates, Failure> {
    let mut out = Vec::new();
    let mut set = HashMap::new();
    let mut stopped = None;
    let rows = ImportUpdate::from_plan(plan);
    let bar = super::super::progress::Progress::counting(rows.len(), "written");
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
            bar.done_one();
            let mut sent = Sent {
                line: row.line,
                id: row.id.clone(),
                terminal_id: row.terminal_id.clone(),
                outcome: "set",
                code: None,
                error: None,
            };
            match result {
                ImportRowResult::Set(r) => {
                    set.insert(row.id.clone(), r);
                }
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
    stopped.map_or(Ok(Updates { sent: out, set }), Err)
}

/// What to activate after the updates, in file order: every row the plan
/// activates whose request now holds the file's terminalId, with the copy
/// the rule is checked on (the server's answer to this run's update, or the
/// plan's copy for a row that already had it).
pub(super) fn activations(plan: &ImportPlan, updates: &Updates) -> Vec<(u64, String, ActivateJob)> {
    let outcome: HashMap<&str, &str> = updates
        .sent
        .iter()
        .map(|s| (s.id.as_str(), s.outcome))
        .collect();
    plan.to_activate()
        .filter_map(|row| {
            let id = row.id.clone()?;
            let tid = row.terminal_id.clone()?;
            let job = match row.class {
                RowClass::Unchanged => ActivateJob::held(row.request.clone()?),
                _ => match outcome.get(id.as_str()) {
                    Some(&"set") => ActivateJob::held(updates.set.get(&id)?.clone()),
                    // Someone set the same value since the preview.
                    Some(&"unchanged") => ActivateJob::new(id.clone()),
                    _ => return None,
                },
            };
            Some((row.line, tid, job))
        })
        .collect()
}

pub(super) fn unrecorded(why: &str) -> Failure {
    Failure::Reported(format!(
        "{why} Stopped; lines printed above were recorded. Once the log is writable, run the same command again to finish: rows already set show as unchanged."
    ))
}

fn fail(sent: &mut Sent, e: &OpError) {
    sent.outcome = match e {
        OpError::NotReady { .. } => "refused",
        OpError::Api(crate::api::ApiError::Unconfirmed { .. }) => "unconfirmed",
        _ => "failed",
    };
    sent.code = Some(e.label());
    sent.error = Some(e.to_string());
}

/// Activate `jobs` as one resumable run (`intake activate --resume`
/// finishes an interrupted one).
pub(super) async fn send_activations(
    ops: &Ops,
    jobs: Vec<(u64, String, ActivateJob)>,
    concurrency: usize,
    json: bool,
) -> Result<Vec<Sent>, Failure> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let rows: HashMap<String, (u64, String)> = jobs
        .iter()
        .map(|(line, tid, job)| (job.id.clone(), (*line, tid.clone())))
        .collect();
    let jobs: Vec<_> = jobs.into_iter().map(|(_, _, job)| job).collect();
    let bar = super::super::progress::Progress::counting(jobs.len(), "activated");
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
        bar.done_one();
        let Some((line, tid)) = rows.get(id) else {
            return ControlFlow::Continue(());
        };
        let mut sent = Sent {
            line: *line,
            id: id.to_string(),
            terminal_id: tid.clone(),
            outcome: "activated",
            code: None,
            error: None,
        };
        match result {
            Ok(done) => sent.outcome = crate::audit::Outcome::of_activation(&done.value).as_str(),
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
