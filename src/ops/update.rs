//! Setting a terminalId: read just before sending (the overwrite guard),
//! validate for the request's type, never silently replace another value,
//! and call it set only when the server's answer (or a read-back) holds it.

use std::time::Instant;

use super::{Done, OpError, Ops};
use crate::api::retry;
use crate::api::{ApiError, IntegrationRequest};
use crate::audit::{Change, Event, Outcome};
use crate::domain::validate::validate_terminal_id;
use crate::text::clean;

/// What to do when the request already has a different terminalId.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnExisting {
    /// Leave it: an import never overwrites.
    Keep,
    /// Send only if the server still has exactly this value (the one the
    /// operator saw and confirmed replacing); anything else refuses.
    ReplaceIf(String),
    /// Replace whatever it is (`intake update --force`).
    Replace,
}

/// How an update ended when it did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Updated {
    /// Sent, and the server's answer holds the value.
    Set(IntegrationRequest),
    /// Sent, the answer was lost or did not hold the value, and reading it
    /// back shows it set (`confirmed_set`).
    Confirmed(IntegrationRequest),
    /// It already had this terminalId: nothing was sent and nothing recorded.
    Unchanged(IntegrationRequest),
}

impl Updated {
    pub fn request(&self) -> &IntegrationRequest {
        match self {
            Updated::Set(r) | Updated::Confirmed(r) | Updated::Unchanged(r) => r,
        }
    }
}

/// What the server holds after a sent update.
enum Settled {
    Set(IntegrationRequest),
    Confirmed(IntegrationRequest),
    /// The answer or the read-back shows another value (or none).
    NotApplied(IntegrationRequest),
}

impl Ops {
    /// Set `terminal_id` on request `id`. Refusals (read-only, invalid,
    /// [`OpError::WouldReplace`]) send nothing and write no line.
    pub async fn update_terminal_id(
        &self,
        id: &str,
        terminal_id: &str,
        on: OnExisting,
    ) -> Result<Done<Updated>, OpError> {
        self.may_change("set terminalIds")?;
        // Read just before sending, so every check is against what the server has now.
        let current = self.read_fresh(id).await?;
        let tid =
            validate_terminal_id(&current.kind, terminal_id).map_err(OpError::InvalidTerminalId)?;
        let now = current.effective_terminal_id();
        if now == Some(tid.as_str()) {
            return Ok(Done {
                value: Updated::Unchanged(current),
                unrecorded: None,
            });
        }
        if !allows(&on, now) {
            return Err(OpError::WouldReplace {
                id: id.to_string(),
                current: now.unwrap_or_default().to_string(),
                wanted: tid,
                request: Box::new(current),
            });
        }
        let line = Event::new(Change::Update, Outcome::Updated, Some(id))
            .merchant(Some(&current.merchant_id))
            .terminal(Some(&tid));
        let send = || self.send_update(id, &tid);
        let done = self
            .audited()
            .change(None, send, |result| match result {
                Ok(Settled::Set(_)) => line,
                Ok(Settled::Confirmed(_)) => line.outcome(Outcome::ConfirmedSet),
                Ok(Settled::NotApplied(_)) => line.outcome(Outcome::NotApplied),
                Err(e) => line.clone().error(e),
            })
            .await?;
        let value = match done.value {
            Settled::Set(r) => Updated::Set(r),
            Settled::Confirmed(r) => Updated::Confirmed(r),
            Settled::NotApplied(r) => return Err(not_applied(id, &tid, &r)),
        };
        self.wrote(value.request());
        Ok(Done {
            value,
            unrecorded: done.unrecorded,
        })
    }

    /// Send, then settle what the server holds: its answer when that holds
    /// the value, else a read begun after the send.
    async fn send_update(&self, id: &str, tid: &str) -> Result<Settled, ApiError> {
        let sent = Instant::now();
        let holds = |r: &IntegrationRequest| r.effective_terminal_id() == Some(tid);
        let answered = match retry::update_terminal_id(&self.client, self.policy, id, tid).await {
            Ok(r) if holds(&r) => return Ok(Settled::Set(r)),
            Ok(_) => None,
            Err(e) if e.outcome_unknown() => Some(e),
            Err(e) => return Err(e),
        };
        match self.read_after(id, sent).await {
            Ok(back) if holds(&back) => Ok(Settled::Confirmed(back)),
            Ok(back) => Ok(Settled::NotApplied(back)),
            Err(_) => Err(ApiError::unconfirmed(
                id,
                "set",
                answered.as_ref().map_or("NOT_HELD", ApiError::label),
            )),
        }
    }
}

fn not_applied(id: &str, tid: &str, back: &IntegrationRequest) -> OpError {
    let tid = clean(tid);
    let (now, force) = match back.effective_terminal_id() {
        None => ("no terminalId".to_string(), ""),
        // Another value there now: setting it again must say so.
        Some(t) => (format!("terminalId {}", clean(t)), " --force"),
    };
    OpError::NotApplied {
        what: format!(
            "Request {id} was sent terminalId {tid}, but reading it back shows {now}: it was not applied."
        ),
        redo: format!("Set it again with `intake update {id} --terminal-id {tid}{force}`."),
    }
}

/// Whether `on` lets the update go over what the server has now. `ReplaceIf`
/// needs exactly the value the operator saw: one cleared since is a change
/// they did not see either.
fn allows(on: &OnExisting, now: Option<&str>) -> bool {
    match on {
        OnExisting::Keep => now.is_none(),
        OnExisting::ReplaceIf(seen) => now == Some(seen.as_str()),
        OnExisting::Replace => true,
    }
}
