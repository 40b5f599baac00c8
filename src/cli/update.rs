//! `intake update ID --terminal-id X [--force]`: set a terminalId, never
//! replacing a different one unless asked to.

use std::io::Write;

use super::json::Changed;
use super::output;
use super::stdout::not_in_audit;
use crate::audit::Outcome;
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
    let (outcome, text) = match &done.value {
        Updated::Unchanged(current) => {
            let tid = current.effective_terminal_id().unwrap_or_default();
            (
                Outcome::Unchanged,
                format!("Request {id} already has terminalId {tid}; nothing was sent."),
            )
        }
        value @ (Updated::Set(_) | Updated::Confirmed(_)) => {
            let (outcome, how) = match value {
                Updated::Confirmed(_) => (
                    Outcome::ConfirmedSet,
                    ": confirmed by reading it back, since the server's answer was lost or did not hold it",
                ),
                _ => (Outcome::Updated, ""),
            };
            let r = value.request();
            let text = format!(
                "{} terminalId set to {} ({}, merchant {}){how}",
                r.id,
                r.effective_terminal_id().unwrap_or("-"),
                r.kind,
                r.merchant_id
            );
            (outcome, text)
        }
    };
    match json {
        true => output::json(&mut out, &Changed::new(done.value.request(), outcome, text))?,
        false => writeln!(out, "{text}")?,
    }
    done.unrecorded.map_or(Ok(()), not_in_audit)
}
