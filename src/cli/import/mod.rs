//! `intake import FILE.csv`: preview what a spreadsheet of terminalIds would
//! change, ask, then send the updates (and with `--activate`, activate every
//! pending request that holds the file's terminalId).

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

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
use super::output;
use super::stdout::ResultsOut;
use super::stdout::quiet_broken_pipe;
use crate::api::retry::RetryPolicy;
use crate::failure::Failure;
use crate::import::{ImportPlan, PlannedRow, RowClass};
use crate::names_cache::NameLookup;
use crate::ops::{self, PlanError};
use crate::session::Session;
use crate::text::plural;

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

/// What was sent: nothing unless the operator confirmed.
#[derive(Default)]
struct Outcome {
    confirmed: bool,
    updates: Vec<Sent>,
    activated: Vec<Sent>,
}

pub async fn run(session: &Session, args: &ImportArgs) -> Result<(), Failure> {
    let name = args.file.display().to_string();
    let plan = plan(session, args, &name).await?;
    let stdout = super::stdout::stdout();
    if !args.json {
        show_preview(session, args, &name, &plan, &stdout).await?;
    }
    let asked = Asked {
        set: plan.rows_of(RowClass::WillSet).count(),
        activate: match args.activate {
            true => plan.to_activate().count(),
            false => 0,
        },
    };
    let work = asked.set + asked.activate > 0;
    let outcome = if work && confirm(args, &session.settings, asked).await? {
        apply(session, args, &plan).await?
    } else {
        Outcome::default()
    };
    if args.json {
        let report = Report {
            file: &name,
            counts: plan.counts(),
            rows: &plan.rows,
            sent: outcome.confirmed,
            updates: &outcome.updates,
            activations: &outcome.activated,
        };
        quiet_broken_pipe(output::json(&mut stdout.lock(), &report))?;
    }
    let note = closing_note(&name, &plan, args, asked, &outcome)?;
    if args.json {
        eprintln!("{note}");
    } else {
        quiet_broken_pipe(writeln!(stdout.lock(), "{note}"))?;
    }
    failed(&outcome.updates, &outcome.activated, args.activate)
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
) -> Result<Outcome, Failure> {
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
    Ok(Outcome {
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
    outcome: &Outcome,
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
    let set = updates.iter().filter(|s| s.outcome == "set").count();
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
fn failed(updates: &[Sent], activated: &[Sent], activate: bool) -> Result<(), Failure> {
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
    let again = match activate {
        true => {
            "run the same command again: rows already set show as unchanged and are activated if still pending"
        }
        false => "run the same command again: rows already set show as unchanged",
    };
    Err(Failure::Reported(format!(
        "{}; see the lines above. Fix the cause and {again}.",
        parts.join(" and ")
    )))
}
