//! `intake update ID --terminal-id X [--force]`: set a terminalId, never
//! replacing a different one unless asked to.

use std::io::{self, Write};

use super::commands::{Failure, Session, not_in_audit};
use super::output;
use crate::api::retry::{self, RetryPolicy};
use crate::audit::{Action, Entry, Outcome as AuditOutcome};
use crate::text::clean;
use crate::validate::{check_id, validate_terminal_id};

pub async fn run(
    session: &Session,
    id: &str,
    terminal_id: &str,
    force: bool,
    json: bool,
) -> Result<(), Failure> {
    let client = &session.client;
    let policy = RetryPolicy::default();
    check_id("request id", id).map_err(Failure::Usage)?;
    // Read just before sending, so the check is against what the server has now.
    let current = retry::read(policy, || client.get(id)).await?;
    let tid = validate_terminal_id(&current.kind, terminal_id).map_err(Failure::Usage)?;
    let stdout = io::stdout();
    match current.effective_terminal_id() {
        Some(old) if old == tid => {
            let note = format!("Request {id} already has terminalId {tid}; nothing was sent.");
            let mut out = stdout.lock();
            if json {
                output::json(&mut out, &current)?;
                eprintln!("{note}");
            } else {
                writeln!(out, "{note}")?;
            }
            return Ok(());
        }
        Some(old) if !force => {
            return Err(Failure::Reported(format!(
                "Request {id} already has terminalId {}; not replacing it with {tid}. Nothing was sent. Add --force to replace it.",
                clean(old)
            )));
        }
        _ => {}
    }
    let audit = session.audit()?;
    let result = retry::update_terminal_id(client, policy, id, &tid).await;
    let entry = Entry::new(Action::Update, AuditOutcome::Updated, Some(id))
        .merchant(Some(&current.merchant_id))
        .terminal(Some(&tid));
    let entry = match &result {
        Ok(_) => entry,
        Err(e) => entry.error(e),
    };
    let unrecorded = audit.record(&entry).err();
    let r = result?;
    let mut out = stdout.lock();
    if json {
        output::json(&mut out, &r)?;
    } else {
        writeln!(
            out,
            "{} terminalId set to {} ({}, merchant {})",
            r.id,
            r.effective_terminal_id().unwrap_or("-"),
            r.kind,
            r.merchant_id
        )?;
    }
    unrecorded.map_or(Ok(()), not_in_audit)
}
