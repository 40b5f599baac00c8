//! Activating one request: read it first, refuse what cannot succeed, then
//! record, send and record.

use super::reads::RunReads;
use super::{Done, OpError, Ops, readiness};
use crate::api::IntegrationRequest;
use crate::api::retry::{self, Activation};
use crate::audit::{Change, Event, Outcome};

/// One id to activate. `in_doubt`: an interrupted run sent it without an
/// answer, so if it reads back active it is `confirmed active`, not sent again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivateJob {
    pub id: String,
    pub in_doubt: bool,
}

impl ActivateJob {
    pub fn new(id: impl Into<String>) -> Self {
        ActivateJob {
            id: id.into(),
            in_doubt: false,
        }
    }
}

impl Ops {
    /// Activate `job.id`, its lines tied to `run_id` when it is part of a run.
    /// In a run, a failed read, a read-back that shows it active, and a
    /// refusal each write the id's final line, so `--resume` does not redo it.
    pub async fn activate_one(
        &self,
        job: &ActivateJob,
        run_id: Option<&str>,
    ) -> Result<Done<Activation>, OpError> {
        self.activate_one_in(job, run_id, None).await
    }

    /// [`Ops::activate_one`] reading through a run's cache, when given.
    pub(crate) async fn activate_one_in(
        &self,
        job: &ActivateJob,
        run_id: Option<&str>,
        reads: Option<&RunReads>,
    ) -> Result<Done<Activation>, OpError> {
        self.may_change("activate requests")?;
        let (client, policy, id) = (&self.client, self.policy, job.id.as_str());
        let audited = self.audited();
        let current = match self.read_before_activating(job, reads).await {
            Ok(r) => r,
            Err(e) => {
                if run_id.is_some() {
                    self.close_or_log(&Event::activation(run_id, id, &Err(e.clone())));
                }
                return Err(OpError::Api(e));
            }
        };
        if job.in_doubt && current.is_active() {
            let value = Activation::Confirmed(Some(current));
            let unrecorded = audited.close(&Event::activation(run_id, id, &Ok(value.clone())));
            return Ok(Done { value, unrecorded });
        }
        if let Some(blocker) = readiness::refused_before_sending(&current) {
            if run_id.is_some() {
                let refused = Event::new(Change::Activate, Outcome::Refused, Some(id))
                    .run(run_id)
                    .merchant(Some(&current.merchant_id));
                self.close_or_log(&refused);
            }
            return Err(OpError::NotReady {
                id: id.to_string(),
                blocker,
            });
        }
        let done = audited
            .change(
                Some(Event::started(run_id, id)),
                || retry::activate(client, policy, id),
                |result| Event::activation(run_id, id, result),
            )
            .await?;
        Ok(match done.value {
            // The server's copy, when the confirming read could not get it.
            Activation::Confirmed(None) => Done {
                value: Activation::Confirmed(self.read_active(id).await),
                unrecorded: done.unrecorded,
            },
            _ => done,
        })
    }

    /// The copy the checks run on. An in-doubt job is always read fresh (the
    /// read decides its outcome), and so is one a cached copy would refuse:
    /// a terminalId set since the run's search must not be refused.
    async fn read_before_activating(
        &self,
        job: &ActivateJob,
        reads: Option<&RunReads>,
    ) -> Result<IntegrationRequest, crate::api::ApiError> {
        let (client, policy, id) = (&self.client, self.policy, job.id.as_str());
        if let Some(reads) = reads.filter(|_| !job.in_doubt) {
            let cached = reads.read(client, policy, id).await?;
            if readiness::refused_before_sending(&cached).is_none() {
                return Ok(cached);
            }
        }
        retry::read(policy, || client.get(id)).await
    }

    async fn read_active(&self, id: &str) -> Option<IntegrationRequest> {
        retry::read(self.policy, || self.client.get(id))
            .await
            .ok()
            .filter(IntegrationRequest::is_active)
    }

    /// A final line for something not sent; if it cannot be written the
    /// outcome still reaches the caller, so this is only logged.
    pub(crate) fn close_or_log(&self, entry: &Event) {
        if let Some(why) = self.audited().close(entry) {
            tracing::warn!(id = ?entry.id, "a final line is not in the audit log: {why}");
        }
    }
}
