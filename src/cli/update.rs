//! `intake update ID --terminal-id X [--force]`: set a terminalId, never
//! replacing a different one unless asked to.

use std::io::Write;

use super::output;
use super::stdout::not_in_audit;
use crate::domain::validate::check_id;
use crate::failure::Failure;
use crate::ops::{OnExisting, OpError, Updated};
use crate::session::Session;

pub async fn run(
    session: &Session,
    id: &str,
    terminal_id: &str,
    force: bool,
    json: bool,
) -> Result<(), Failure> {
    check_id("request id", id).map_err(Failure::Usage)?;
    let ops = session.ops()?;
    let on = if force {
        OnExisting::Replace
    } else {
        OnExisting::Keep
    };
    let done = match ops.update_terminal_id(id, terminal_id, on).await {
        Ok(done) => done,
        Err(e @ OpError::WouldReplace { .. }) => {
            return Err(Failure::Reported(format!("{e} Add --force to replace it.")));
        }
        Err(e) => return Err(e.into()),
    };
    let stdout = super::stdout::stdout();
    let mut out = stdout.lock();
    match done.value {
        Updated::Unchanged(current) => {
            let tid = current.effective_terminal_id().unwrap_or_default();
            let note = format!("Request {id} already has terminalId {tid}; nothing was sent.");
            if json {
                output::json(&mut out, &current)?;
                super::progress::note(note);
            } else {
                writeln!(out, "{note}")?;
            }
        }
        Updated::Set(r) | Updated::Confirmed(r) if json => output::json(&mut out, &r)?,
        value @ (Updated::Set(_) | Updated::Confirmed(_)) => {
            let how = match value {
                Updated::Confirmed(_) => {
                    ": confirmed by reading it back, since the server's answer was lost or did not hold it"
                }
                _ => "",
            };
            let r = value.request();
            writeln!(
                out,
                "{} terminalId set to {} ({}, merchant {}){how}",
                r.id,
                r.effective_terminal_id().unwrap_or("-"),
                r.kind,
                r.merchant_id
            )?;
        }
    }
    done.unrecorded.map_or(Ok(()), not_in_audit)
}
