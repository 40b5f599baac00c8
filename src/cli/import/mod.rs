//! `intake import FILE.csv`: preview what a spreadsheet of terminalIds would
//! change, ask, then send the updates (and with `--activate`, activate every
//! pending request that holds the file's terminalId).

use std::io::{self, IsTerminal};

use serde::Serialize;

mod ask;
mod nothing_to_set;
mod preview;
mod send;

use ask::{Asked, confirm};
use nothing_to_set::nothing_to_set;
use preview::preview;
use send::{Sent, activations, send_activations, send_updates};

use super::args::ImportArgs;
use super::stdout::ResultsOut;
use super::stdout::quiet_broken_pipe;
use super::{json, lines};
use crate::api::retry::RetryPolicy;
use crate::failure::Failure;
use crate::import::{ImportPlan, PlannedRow, RowClass};
use crate::names_cache::NameLookup;
use crate::ops::{self, PlanError};
use crate::session::Session;
use crate::text::plural;

/// The first line of `--json`, printed before anything is sent: the
/// preview, every row with its class.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanLine<'a> {
    kind: &'static str,
    file: &'a str,
    counts: Counts,
    /// With `--activate`: the requests it will activate (else 0).
    will_activate: usize,
    rows: &'a [PlannedRow],
}

/// The rows of each class, every class named (camelCase, as every key).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Counts {
    will_set: usize,
    unchanged: usize,
    conflicting: usize,
    unknown_request: usize,
    duplicate: usize,
    invalid: usize,
}

impl Counts {
    fn of(plan: &ImportPlan) -> Counts {
        Counts {
            will_set: plan.count(RowClass::WillSet),
            unchanged: plan.count(RowClass::Unchanged),
            conflicting: plan.count(RowClass::Conflicting),
            unknown_request: plan.count(RowClass::UnknownRequest),
            duplicate: plan.count(RowClass::Duplicate),
            invalid: plan.count(RowClass::Invalid),
        }
    }
}

/// The last line of `--json`, once the run has ended (a run killed or
/// stopped before has none).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryLine<'a> {
    kind: &'static str,
    /// Whether anything was sent (false when not confirmed or nothing to set).
    sent: bool,
    /// TerminalIds this run set (`updated` or `confirmed_set`).
    set: usize,
    /// Requests that ended active (`activated`, `confirmed_active`, `already_active`).
    activated: usize,
    /// Updates and activations that did not end as asked.
    failed: usize,
    /// The closing sentence, or why the import failed.
    message: &'a str,
}

/// What was sent: nothing unless the operator confirmed.
#[derive(Default)]
struct Applied {
    confirmed: bool,
    updates: Vec<Sent>,
    activated: Vec<Sent>,
}

pub async fn run(session: &Session, args: &ImportArgs) -> Result<(), Failure> {
    let name = args.file.display().to_string();
    let plan = plan(session, args, &name).await?;
    let stdout = super::stdout::stdout();
    let asked = Asked {
        set: plan.rows_of(RowClass::WillSet).count(),
        activate: match args.activate {
            true => plan.to_activate().count(),
            false => 0,
        },
    };
    match args.json {
        true => lines::json(&PlanLine {
            kind: "plan",
            file: &name,
            counts: Counts::of(&plan),
            will_activate: asked.activate,
            rows: &plan.rows,
        })?,
        false => show_preview(session, args, &name, &plan, &stdout).await?,
    }
    let work = asked.set + asked.activate > 0;
    let applied = if work && confirm(args, &session.settings, asked).await? {
        apply(session, args, &plan).await?
    } else {
        Applied::default()
    };
    let ended = closing_note(&name, &plan, args, asked, &applied).and_then(|note| {
        match args.json {
            true => eprintln!("{note}"),
            false => lines::text(&note)?,
        }
        failed(&applied, args).map(|()| note)
    });
    if args.json {
        let message = match &ended {
            Ok(note) => note.clone(),
            Err(f) => f.to_string(),
        };
        let sent = applied.updates.iter().chain(&applied.activated);
        lines::json(&SummaryLine {
            kind: json::SUMMARY,
            sent: applied.confirmed,
            set: applied.updates.iter().filter(|s| s.set()).count(),
            activated: applied.activated.iter().filter(|s| !s.failed()).count(),
            failed: sent.filter(|s| s.failed()).count(),
            message: &message,
        })?;
    }
    ended.map(|_| ())
}

/// The file read and planned against every request the session's query finds.
async fn plan(session: &Session, args: &ImportArgs, name: &str) -> Result<ImportPlan, Failure> {
    let paging = super::progress::Progress::paging("Reading the requests");
    let planned = ops::plan_import_seen(
        &session.client,
        RetryPolicy::default(),
        &args.file,
        name,
        session.query(),
        |so_far, pages| paging.page(so_far, pages),
    )
    .await;
    match planned {
        Ok(plan) => Ok(plan),
        Err(PlanError::File(why)) => Err(Failure::Usage(why)),
        Err(PlanError::Fetch { error, .. }) => Err(Failure::Api(error)),
    }
}

/// Every row by class, merchants by name where they can be looked up.
async fn show_preview(
    session: &Session,
    args: &ImportArgs,
    name: &str,
    plan: &ImportPlan,
    stdout: &ResultsOut,
) -> Result<(), Failure> {
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
    quiet_broken_pipe(preview(
        &mut stdout.lock(),
        name,
        plan,
        &names,
        args.activate,
    ))
}

/// Send the confirmed updates, then (with `--activate`) the activations.
async fn apply(
    session: &Session,
    args: &ImportArgs,
    plan: &ImportPlan,
) -> Result<Applied, Failure> {
    // Each row is read again just before it is written (`--yes` too), so
    // a terminalId someone else set since the preview is never overwritten.
    let ops = session.ops()?;
    let concurrency = session.settings.concurrency;
    let sent = send_updates(&ops, plan, concurrency, args.json).await?;
    let mut activated = Vec::new();
    if args.activate {
        let jobs = activations(plan, &sent);
        activated = send_activations(&ops, jobs, concurrency, args.json).await?;
    }
    Ok(Applied {
        confirmed: true,
        updates: sent.sent,
        activated,
    })
}

/// The run's last sentence, or why nothing was sent when no one could be
/// asked.
fn closing_note(
    name: &str,
    plan: &ImportPlan,
    args: &ImportArgs,
    asked: Asked,
    outcome: &Applied,
) -> Result<String, Failure> {
    let work = asked.set + asked.activate > 0;
    if !work {
        nothing_to_set(name, plan, args.json)
    } else if !outcome.confirmed && !args.yes && !io::stdin().is_terminal() {
        // A script that forgot `--yes` must not read as a success.
        Err(Failure::Reported(format!(
            "Stdin is not a terminal, so no one can confirm that intake may {}: nothing was sent; add --yes to apply without asking.",
            asked.what()
        )))
    } else if !outcome.confirmed {
        Ok("Nothing was sent.".to_string())
    } else {
        Ok(done_note(
            &outcome.updates,
            &outcome.activated,
            asked,
            args.activate,
        ))
    }
}

fn done_note(updates: &[Sent], activated: &[Sent], asked: Asked, activate: bool) -> String {
    let set = updates.iter().filter(|s| s.set()).count();
    let mut text = format!(
        "Set {set} of {} terminalId{}.",
        asked.set,
        plural(asked.set)
    );
    if activate {
        let done = activated.iter().filter(|s| !s.failed()).count();
        text.push_str(&format!(" Activated {done} of {}.", activated.len()));
    }
    text
}

/// Exit 1 when a row failed, with the one sentence that finishes the job.
fn failed(applied: &Applied, args: &ImportArgs) -> Result<(), Failure> {
    let (updates, activated) = (&applied.updates, &applied.activated);
    let failed_updates = updates.iter().filter(|s| s.failed()).count();
    let failed_activations = activated.iter().filter(|s| s.failed()).count();
    if failed_updates + failed_activations == 0 {
        return Ok(());
    }
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
            activated.len()
        ));
    }
    let again = match args.activate {
        true => {
            "run the same command again: rows already set show as unchanged and are activated if still pending"
        }
        false => "run the same command again: rows already set show as unchanged",
    };
    Err(Failure::Reported(format!(
        "{}; {}. Fix the cause and {again}.",
        parts.join(" and "),
        match args.json {
            true => "see their `message` and `errorCode` on stdout",
            false => "see the lines above",
        }
    )))
}
