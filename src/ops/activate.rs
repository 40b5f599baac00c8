//! Activating one request: one call. The "ePay needs a terminalId" rule is
//! checked on the copy the caller holds (read fresh once when that copy
//! would refuse, since another operator may have set it since) and is
//! otherwise the server's to say: its INTEGRATION_PARAM_MISSING ends the
//! same way, with the same audit line.

use std::time::Instant;

use super::{Done, OpError, Ops};
use crate::api::retry::{self, Activation};
use crate::api::{ApiError, Blocker, IntegrationRequest};
use crate::audit::{Change, Event, Outcome};
use crate::domain::readiness;

/// One id to activate. `in_doubt`: an interrupted run sent it without an
/// answer, so if it reads back active it is `confirmed active`, not sent
/// again. `held`: the caller's copy (the console's row, an import's plan),
/// which the rule is checked on instead of reading the request first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivateJob {
    pub id: String,
    pub in_doubt: bool,
    pub held: Option<IntegrationRequest>,
}

impl ActivateJob {
    /// An id alone: nothing is read first, the server's answer decides.
    pub fn new(id: impl Into<String>) -> Self {
        ActivateJob {
            id: id.into(),
            in_doubt: false,
            held: None,
        }
    }

    /// A request as the caller holds it.
    pub fn held(request: IntegrationRequest) -> Self {
        ActivateJob {
            id: request.id.clone(),
            in_doubt: false,
            held: Some(request),
        }
    }
}

impl Ops {
    /// Activate `job.id`, its lines tied to `run_id` when it is part of a run.
    /// In a run, a failed read, a copy that shows it active, and a refusal
    /// each write the id's final line, so `--resume` does not redo it.
    pub async fn activate_one(
        &self,
        job: &ActivateJob,
        run_id: Option<&str>,
    ) -> Result<Done<Activation>, OpError> {
        self.may_change("activate requests")?;
        let id = job.id.as_str();
        let copy = match self.copy_to_check(job).await {
            Ok(copy) => copy,
            Err(e) => {
                if run_id.is_some() {
                    self.close_or_log(&Event::activation(run_id, id, &Err(e.clone())));
                }
                return Err(OpError::Api(e));
            }
        };
        if let Some(current) = copy {
            if current.is_active() {
                // One-way: an active copy stays active, so nothing is sent.
                let value = match job.in_doubt {
                    true => Activation::Confirmed(Some(current)),
                    false => Activation::AlreadyActive(Some(current)),
                };
                let line = Event::activation(run_id, id, &Ok(value.clone()));
                let unrecorded = run_id.and_then(|_| self.audited().close(&line));
                return Ok(Done { value, unrecorded });
            }
            if let Some(blocker) = readiness::refused_before_sending(&current) {
                if run_id.is_some() {
                    let refused = Event::new(Change::Activate, Outcome::Refused, Some(id))
                        .run(run_id)
                        .merchant(Some(&current.merchant_id));
                    self.close_or_log(&refused.code(blocker_code(blocker)));
                }
                return Err(OpError::NotReady {
                    id: id.to_string(),
                    blocker,
                    by_server: false,
                });
            }
        }
        let (client, policy) = (&self.client, self.policy);
        let send = || async {
            let sent = Instant::now();
            let name_who = || self.read_fresh(id);
            let after_lost = || self.read_after(id, sent);
            retry::activate_with(client, policy, id, name_who, after_lost).await
        };
        let done = self
            .audited()
            .change(Some(Event::started(run_id, id)), send, |result| {
                Event::activation(run_id, id, result)
            })
            .await;
        match done {
            Err(OpError::Api(ApiError::ParamMissing)) => Err(OpError::NotReady {
                id: id.to_string(),
                blocker: Blocker::TerminalIdMissing,
                by_server: true,
            }),
            Ok(done) => {
                if let Some(r) = done.value.request() {
                    self.wrote(r);
                }
                Ok(done)
            }
            other => other,
        }
    }

    /// The copy the rule is checked on, if any. An in-doubt job is read
    /// (the read decides its outcome), and so is a held copy that would be
    /// refused: a terminalId set since it was taken must not be refused.
    async fn copy_to_check(
        &self,
        job: &ActivateJob,
    ) -> Result<Option<IntegrationRequest>, ApiError> {
        let would_refuse = job
            .held
            .as_ref()
            .is_some_and(|h| readiness::refused_before_sending(h).is_some());
        if job.in_doubt || would_refuse {
            return self.read_fresh(&job.id).await.map(Some);
        }
        Ok(job.held.clone())
    }

    /// A final line for something not sent; if it cannot be written the
    /// outcome still reaches the caller, so this is only logged.
    pub(crate) fn close_or_log(&self, entry: &Event) {
        if let Some(why) = self.audited().close(entry) {
            tracing::warn!(id = ?entry.id, "a final line is not in the audit log: {why}");
        }
    }
}

/// The audit code a refusal carries: the server's own for the same rule.
fn blocker_code(blocker: Blocker) -> &'static str {
    match blocker {
        Blocker::TerminalIdMissing => "INTEGRATION_PARAM_MISSING",
        _ => "NOT_READY",
    }
}
