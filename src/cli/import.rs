//! `intake import FILE.csv`: preview what a spreadsheet of terminalIds would
//! change, ask, then send the updates (and optionally activate).

use std::collections::{BTreeMap, HashMap};
use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use super::args::ImportArgs;
use super::commands::{Failure, Session, quiet_broken_pipe};
use super::output;
use crate::api::retry::{self, RetryPolicy};
use crate::api::{ApiError, IntegrationRequest};
use crate::audit::{Action, AuditError, AuditLog, Entry, Outcome};
use crate::import::{self, ImportPlan, PlannedRow, RowClass};
use crate::ops::bounded::{Order, for_each_bounded};

use crate::text::clean;

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
    let file = std::fs::File::open(&args.file).map_err(|e| {
        Failure::Usage(format!(
            "Could not open {name} ({e}); check the path and that the file is readable."
        ))
    })?;
    let rows = import::read_rows(&name, file).map_err(Failure::Usage)?;
    let policy = RetryPolicy::default();
    let current = fetch_all(session, policy).await?;
    let plan = import::plan(&rows, &current);

    let stdout = io::stdout();
    if !args.json {
        quiet_broken_pipe(preview(&mut stdout.lock(), &name, &plan))?;
    }
    let mut updates: Vec<Sent> = Vec::new();
    let mut activations: Vec<Sent> = Vec::new();
    let planned = plan.rows_of(RowClass::WillSet).count();
    let confirmed = planned > 0 && confirm(args, planned).await?;
    if confirmed {
        // Time may have passed at the prompt: look again so a terminalId
        // someone else set meanwhile is never overwritten.
        let fresh = if args.yes {
            None
        } else {
            Some(fetch_all(session, policy).await?)
        };
        let audit = session.audit()?;
        updates = send_updates(session, &audit, policy, &plan, fresh.as_deref(), args.json).await?;
        if args.activate {
            let set: Vec<&Sent> = updates.iter().filter(|s| s.outcome == "set").collect();
            activations = send_activations(session, &audit, policy, &set, args.json).await?;
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
        Some("Nothing to set: no row of the file is a request without a terminalId.".to_string())
    } else if !confirmed {
        Some(if args.yes || io::stdin().is_terminal() {
            "Nothing was sent.".to_string()
        } else {
            format!(
                "Nothing was sent: stdin is not a terminal, so there is no one to confirm. Re-run with --yes to set {planned} terminalId{}.",
                plural(planned)
            )
        })
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

async fn fetch_all(
    session: &Session,
    policy: RetryPolicy,
) -> Result<Vec<IntegrationRequest>, Failure> {
    let mut pages = session.client.search_pages(session.query());
    let mut all = Vec::new();
    while let Some(batch) = retry::next_page(&mut pages, policy).await? {
        all.extend(batch);
    }
    Ok(all)
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

fn preview(out: &mut impl Write, name: &str, plan: &ImportPlan) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} row{}: {}.",
        clean(name),
        plan.rows.len(),
        plural(plan.rows.len()),
        plan.summary()
    )?;
    for class in RowClass::ALL {
        let rows: Vec<&PlannedRow> = plan.rows_of(class).collect();
        if rows.is_empty() {
            continue;
        }
        let heading = match class {
            RowClass::WillSet => "Will set",
            RowClass::Unchanged => "Unchanged (already has that terminalId)",
            RowClass::Conflicting => "Conflicting (has a different terminalId; not overwritten)",
            RowClass::UnknownRequest => "Unknown request",
            RowClass::Duplicate => "Duplicate (ignored)",
            RowClass::Invalid => "Invalid",
        };
        writeln!(out)?;
        writeln!(out, "{heading} ({})", rows.len())?;
        let with_note = !matches!(class, RowClass::WillSet | RowClass::Unchanged);
        let mut header = vec!["LINE", "ID", "TYPE", "MERCHANT", "TERMINALID"];
        if class == RowClass::Conflicting {
            header.push("CURRENT");
        }
        if with_note {
            header.push("WHY");
        }
        let cells: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                let mut c = vec![
                    r.line.to_string(),
                    clean(r.id.as_deref().unwrap_or("-")),
                    clean(r.kind.as_ref().map(|k| k.as_str()).unwrap_or("-")),
                    clean(r.merchant_id.as_deref().unwrap_or("-")),
                    clean(r.terminal_id.as_deref().unwrap_or("-")),
                ];
                if class == RowClass::Conflicting {
                    c.push(clean(r.current_terminal_id.as_deref().unwrap_or("-")));
                }
                if with_note {
                    c.push(clean(r.reason.as_deref().unwrap_or("")));
                }
                c
            })
            .collect();
        grid(out, &header, &cells)?;
    }
    writeln!(out)
}

/// Left-aligned columns, two spaces apart, indented under a heading.
fn grid(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let mut s = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header)?;
    for row in rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    Ok(())
}

fn print_line(json: bool, text: &str) -> Result<(), Failure> {
    if json {
        return Ok(());
    }
    quiet_broken_pipe(writeln!(io::stdout().lock(), "{text}"))
}

async fn send_updates(
    session: &Session,
    audit: &AuditLog,
    policy: RetryPolicy,
    plan: &ImportPlan,
    fresh: Option<&[IntegrationRequest]>,
    json: bool,
) -> Result<Vec<Sent>, Failure> {
    let now: Option<HashMap<&str, &IntegrationRequest>> =
        fresh.map(|f| f.iter().map(|r| (r.id.as_str(), r)).collect());
    let client = &session.client;
    let jobs: Vec<(u64, &str, &str)> = plan
        .rows_of(RowClass::WillSet)
        .filter_map(|r| Some((r.line, r.id.as_deref()?, r.terminal_id.as_deref()?)))
        .collect();
    let futs = jobs.into_iter().map(|(line, id, tid)| {
        let current = now
            .as_ref()
            .map(|m| m.get(id).and_then(|r| r.effective_terminal_id()));
        async move {
            let mut sent = Sent {
                line,
                id: id.to_string(),
                terminal_id: tid.to_string(),
                outcome: "set",
                code: None,
                error: None,
            };
            match current {
                Some(Some(c)) if c == tid => {
                    sent.outcome = "unchanged";
                    return Ok(sent);
                }
                Some(Some(c)) => {
                    sent.outcome = "skipped";
                    sent.error = Some(format!(
                        "it now has terminalId {} (set since the preview); not overwritten.",
                        clean(c)
                    ));
                    return Ok(sent);
                }
                _ => {}
            }
            let result = retry::update_terminal_id(client, policy, id, tid).await;
            let entry = Entry::new(Action::Update, Outcome::Updated, Some(id)).terminal(Some(tid));
            let entry = match &result {
                Ok(r) => entry.merchant(Some(&r.merchant_id)),
                Err(e) => {
                    fail(&mut sent, e);
                    entry.error(e)
                }
            };
            audit.record(&entry).map(|_| sent)
        }
    });
    let mut out = Vec::new();
    for_each_bounded(futs, session.settings.concurrency, Order::AsGiven, |sent| {
        let sent = sent.map_err(unrecorded)?;
        print_line(json, &sent.line_text("update"))?;
        out.push(sent);
        Ok::<_, Failure>(())
    })
    .await?;
    Ok(out)
}

fn unrecorded(e: AuditError) -> Failure {
    Failure::Reported(format!(
        "{e} Stopped; lines printed above were recorded, import the same file again to finish."
    ))
}

fn fail(sent: &mut Sent, e: &ApiError) {
    sent.outcome = "failed";
    sent.code = Some(e.label());
    sent.error = Some(e.to_string());
}

async fn send_activations(
    session: &Session,
    audit: &AuditLog,
    policy: RetryPolicy,
    set: &[&Sent],
    json: bool,
) -> Result<Vec<Sent>, Failure> {
    let client = &session.client;
    // A planned line makes an interrupted import's activations resumable
    // with `intake activate --resume`.
    let run_id = crate::audit::new_run_id();
    let run = Some(run_id.as_str());
    let ids: Vec<String> = set.iter().map(|s| s.id.clone()).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Held until the activations end, so `--resume` elsewhere leaves them alone.
    let _lock = audit.plan_run(&run_id, &ids).map_err(unrecorded)?;
    let futs = set.iter().map(|s| async move {
        let mut sent = Sent {
            line: s.line,
            id: s.id.clone(),
            terminal_id: s.terminal_id.clone(),
            outcome: "activated",
            code: None,
            error: None,
        };
        audit.record(&Entry::started(run, &s.id))?;
        let result = retry::activate(client, policy, &s.id).await;
        match &result {
            Ok(a) => sent.outcome = a.label(),
            Err(e) => fail(&mut sent, e),
        }
        audit.record(&Entry::activation(run, &s.id, &result))?;
        Ok::<_, AuditError>(sent)
    });
    let mut out = Vec::new();
    for_each_bounded(futs, session.settings.concurrency, Order::AsGiven, |sent| {
        let sent = sent.map_err(unrecorded)?;
        print_line(json, &sent.line_text("activation"))?;
        out.push(sent);
        Ok::<_, Failure>(())
    })
    .await?;
    Ok(out)
}
