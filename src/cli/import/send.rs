//! An import's two runs once confirmed: the terminalIds, then (with
//! `--activate`) the activations, each row's outcome printed as it ends.

use std::collections::HashMap;
use std::ops::ControlFlow;

use serde::Serialize;

use super::super::{json, lines};
use crate::api::IntegrationRequest;
use crate::api::retry::Activation;
use crate::audit::Outcome;
use crate::failure::Failure;
use crate::import::{ImportPlan, RowClass};
use crate::ops::{
    ActivateJob, Cancel, ImportRowResult, ImportUpdate, OpError, Ops, Order, RunEvent, RunStart,
    not_recorded,
};
use crate::text::clean;

/// One update or activation that was attempted: a line of `--json`
/// (JSON Lines, `kind` `update` or `activation`) or of text.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Sent {
    kind: &'static str,
    line: u64,
    id: String,
    terminal_id: String,
    pub(super) outcome: Outcome,
    /// The sentence people read, without the line and the id.
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_code: Option<&'static str>,
    /// The line for people.
    #[serde(skip)]
    text: String,
}

impl Sent {
    fn new(kind: &'static str, line: u64, id: &str, terminal_id: &str) -> Sent {
        Sent {
            kind,
            line,
            id: id.to_string(),
            terminal_id: terminal_id.to_string(),
            outcome: Outcome::Failed,
            message: String::new(),
            error_code: None,
            text: String::new(),
        }
    }

    /// How it ended, its sentence, and the line people read.
    fn ended(mut self, outcome: Outcome, message: String) -> Sent {
        let head = format!("line {}: {}", self.line, clean(&self.id));
        let what = match self.kind {
            UPDATE => "update",
            _ => "activation",
        };
        let o = outcome.as_str();
        self.text = match outcome {
            Outcome::Failed => format!("{head} {what} failed: {}", clean(&message)),
            Outcome::Updated | Outcome::ConfirmedSet => format!("{head} {}", clean(&message)),
            Outcome::Refused | Outcome::Unconfirmed | Outcome::Skipped | Outcome::NotApplied => {
                format!("{head} {o}: {}", clean(&message))
            }
            _ => format!("{head} {o}"),
        };
        self.outcome = outcome;
        self.message = message;
        self
    }

    fn failed_with(mut self, e: &OpError) -> Sent {
        self.error_code = Some(e.label());
        self.ended(e.outcome(), e.to_string())
    }

    pub(super) fn failed(&self) -> bool {
        matches!(
            self.outcome,
            Outcome::Failed | Outcome::Refused | Outcome::Unconfirmed | Outcome::NotApplied
        )
    }

    /// Set by this run (the server's answer or a read-back holds it).
    pub(super) fn set(&self) -> bool {
        matches!(self.outcome, Outcome::Updated | Outcome::ConfirmedSet)
    }
}

const UPDATE: &str = "update";

/// The updates' outcomes, and the server's copy of each row it set.
pub(super) struct Updates {
    pub(super) sent: Vec<Sent>,
    set: HashMap<String, IntegrationRequest>,
}

/// Print a row's line (JSON with `--json`) as it ends and keep it for the
/// summary; an output that cannot be written stops the run.
fn report(
    json: bool,
    sent: Sent,
    out: &mut Vec<Sent>,
    stopped: &mut Option<Failure>,
) -> ControlFlow<()> {
    let printed = match json {
        true => lines::json(&sent),
        false => lines::text(&sent.text),
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
    let bar = super::super::progress::Progress::counting(rows.len(), "writes done");
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
            let sent = Sent::new(UPDATE, row.line, &row.id, &row.terminal_id);
            let tid = &row.terminal_id;
            let sent = match result {
                ImportRowResult::Set(r) => {
                    set.insert(row.id.clone(), r);
                    sent.ended(Outcome::Updated, format!("terminalId set to {tid}"))
                }
                ImportRowResult::Confirmed(r) => {
                    set.insert(row.id.clone(), r);
                    sent.ended(
                        Outcome::ConfirmedSet,
                        format!("terminalId set to {tid}: confirmed by reading it back, since the server's answer was lost or did not hold it"),
                    )
                }
                ImportRowResult::Unchanged => sent.ended(
                    Outcome::Unchanged,
                    format!("already has terminalId {tid}; nothing was sent"),
                ),
                ImportRowResult::SetMeanwhile(c) => sent.ended(
                    Outcome::Skipped,
                    format!("it now has terminalId {c} (set since the preview); not overwritten."),
                ),
                ImportRowResult::Failed(e) => sent.failed_with(&e),
            };
            report(json, sent, &mut out, &mut stopped)
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
    let outcome: HashMap<&str, Outcome> = updates
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
                    Some(Outcome::Updated | Outcome::ConfirmedSet) => {
                        ActivateJob::held(updates.set.get(&id)?.clone())
                    }
                    // Someone set the same value since the preview.
                    Some(Outcome::Unchanged) => ActivateJob::new(id.clone()),
                    _ => return None,
                },
            };
            Some((row.line, tid, job))
        })
        .collect()
}

pub(super) fn unrecorded(why: &str) -> Failure {
    Failure::Reported(format!(
        "{why} Stopped; the rows already printed were recorded. Once the log is writable, run the same command again to finish: rows already set show as unchanged."
    ))
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
    let bar = super::super::progress::Progress::counting(jobs.len(), "activations done");
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
        let sent = Sent::new(json::ACTIVATION, *line, id, tid);
        let sent = match result {
            Ok(done) => {
                let already = matches!(done.value, Activation::AlreadyActive(_));
                let sent = Sent {
                    error_code: already.then_some("INTEGRATION_ALREADY_ACTIVATED"),
                    ..sent
                };
                sent.ended(Outcome::of_activation(&done.value), done.value.describe())
            }
            Err(e) => sent.failed_with(e),
        };
        report(json, sent, &mut out, &mut stopped)
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
