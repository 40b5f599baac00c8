//! Setting a terminalId: read just before sending, validate for the
//! request's type, and never silently replace another value.

use super::{Done, OpError, Ops};
use crate::api::IntegrationRequest;
use crate::api::retry;
use crate::audit::{Change, Event, Outcome};
use crate::validate::validate_terminal_id;

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
    /// Sent; the server's copy afterwards.
    Set(IntegrationRequest),
    /// It already had this terminalId: nothing was sent and nothing recorded.
    Unchanged(IntegrationRequest),
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
        let (client, policy) = (&self.client, self.policy);
        // Read just before sending, so every check is against what the server has now.
        let current = retry::read(policy, || client.get(id)).await?;
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
        let done = self
            .audited()
            .change(
                None,
                || retry::update_terminal_id(client, policy, id, &tid),
                |result| match result {
                    Ok(_) => line,
                    Err(e) => line.clone().error(e),
                },
            )
            .await?;
        Ok(done.map(Updated::Set))
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
